"""A hidden column of units only is read: a unit cannot be out of date as a hidden figure can (bt10g F8: an office hid
the 计量单位 column for printing, and every amount was 'no unit given', 21 warnings with the cause last, as a note)."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import write

TITLE = "周口经济开发区2022年1-6月主要经济指标"
HEAD = ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]
ROWS = [["进出口总额", "亿元", 22.87, 21.01, 8.9], ["实际使用外资金额", "万美元", 673.43, 573.94, 17.3],
        ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_hidden_column_of_units_only_is_read_with_a_note(tmp_path, framework, fmt):
    path = write(fmt, tmp_path, "周口经开区主要统计指标_2022年1-6月", {"表1": [[TITLE], HEAD, *ROWS]},
                 hide={"表1": {"cols": [1]}})
    result = ingest([path], framework.fields)
    read = {(o.field, o.column): (o.cell, o.value, o.unit_as_written) for o in result.observations}
    assert read[("trade_total", "current")] == ("C3", 228_700.0, "亿元")
    assert read[("fdi_actual", "current")] == ("C4", 673.43, "万美元")
    assert read[("gdp", "prior")] == ("D5", 1_127_100.0, "亿元")
    assert [(p.severity, p.location.cell) for p in result.problems] == [("note", "B2")]
    assert "column B is hidden but read: it holds only units (「计量单位」、「亿元」、「万美元」)" in result.problems[0].message


@pytest.mark.parametrize("other", [5.0, "2021年"])
def test_a_hidden_column_with_anything_but_units_is_left_out_as_before(tmp_path, framework, other):
    rows = [[TITLE], HEAD, *ROWS]
    rows[3] = [*ROWS[0][:1], other, *ROWS[0][2:]]  # a number or a word among the units
    path = write("xlsx", tmp_path, "周口经开区主要统计指标_2022年1-6月", {"表1": rows}, hide={"表1": {"cols": [1]}})
    result = ingest([path], framework.fields)
    assert any("column B is hidden and was not read" in p.message for p in result.problems)
    assert not any("hidden but read" in p.message for p in result.problems)
