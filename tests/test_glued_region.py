"""A place glued after the statistic in an export's header (地区生产总值周口市_累计值(亿元)) is named as that place, not
as a region called 「地区生产总值周口市」 (i10g's leftover, closing12.md): the column is still refused as a region's."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from scorer.read.zones import region_of
from tests.workbooks import write_xlsx


@pytest.mark.parametrize("header, place", [("地区生产总值周口市_累计值(亿元)", "周口市"), ("税收收入川汇区_累计值(亿元)", "川汇区"),
                                           ("规上工业增加值漯河市_累计增长(%)", "漯河市")])
def test_a_place_glued_after_the_statistic_is_named_as_the_place(tmp_path, framework, header, place):
    assert region_of(header.split("_")[0]) == place
    path = write_xlsx(tmp_path / "导出.xlsx", {"Sheet1": [["日期", header], [dt.date(2022, 6, 30), 1749.3]]})
    result = ingest([path], framework.fields)
    assert not result.observations
    assert [(p.severity, p.location.cell) for p in result.problems] == [("error", "B1")]
    assert f"the column names {place}, a region" in result.problems[0].message


@pytest.mark.parametrize("text", ["周口市", "河南省", "全国"])
def test_a_place_alone_is_named_as_before(text):
    assert region_of(text) == text
