"""A table of its own far below the first is read, not cut out as 'a stray cell' (bt10g F9: a city's table 10 000
rows below the zone's, 全市地区生产总值 …, was left out with the hint to delete it, and its statistics were then said
to be in no workbook). A lone cell as far away is still left out with a warning."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import write

TABLE = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
         ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
CITY = [["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["全市地区生产总值", "亿元", 1749.3, 1699.9, 2.9]]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("gap", [6_000, 10_000])
def test_a_labelled_table_far_below_is_read(tmp_path, framework, fmt, gap):
    rows = TABLE + [[] for _ in range(gap)] + CITY
    path = write(fmt, tmp_path, "周口经开区主要统计指标_2022年1-6月", {"表1": rows})
    result = ingest([path], framework.fields)
    city = {(o.column, o.cell): o.value for o in result.observations if o.field == "city_gdp"}
    at = len(TABLE) + gap + 2  # the city's row, 1-based
    assert city == {("current", f"C{at}"): 17_493_000.0, ("prior", f"D{at}"): 16_999_000.0, ("growth", f"E{at}"): 2.9}
    assert not [p for p in result.problems if "stray" in p.message]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_lone_cell_as_far_below_is_still_left_out_with_a_warning(tmp_path, framework, fmt):
    rows = TABLE + [[] for _ in range(10_000)] + [["（完）"]]
    path = write(fmt, tmp_path, "周口经开区主要统计指标_2022年1-6月", {"表1": rows})
    result = ingest([path], framework.fields)
    assert [p.location.cell for p in result.problems if "a stray cell far away" in p.message] == [f"A{len(rows)}"]
