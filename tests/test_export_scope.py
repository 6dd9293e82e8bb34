"""bt10f F13: a database export's 工业增加值 / 工业总产值 level (scope unstated) was read as the 规上 field without a word;
a level of all industry is larger and enters the intensities and output per km². Read, and said at its header."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import observed, write


def _export(fmt, folder, header: str):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["指标名称", header, "地区生产总值:累计值"], ["单位", "亿元", "亿元"],
            [date(2022, 6, 30), 80.2, 576.0], [date(2022, 3, 31), 39.9, 280.0]]
    return write(fmt, folder, "导出", {"Sheet1": rows})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("header, field", [("工业增加值:累计值", "industrial_value_added"),
                                           ("工业总产值_累计值", "industrial_output")])
def test_a_level_without_its_scope_is_read_and_said_at_its_header(framework, tmp_path, fmt, header, field):
    result = ingest([_export(fmt, tmp_path, header)], framework.fields)
    said = [p for p in result.problems if p.code == "scope_assumed"]
    assert len(said) == 1 and said[0].location.cell == "B1" and said[0].field_id == field, result.problems
    assert said[0].severity == "warning" and "规模以上" in said[0].message
    assert {v[0] for v in observed(result).values()} == {field, "gdp"}


@pytest.mark.parametrize("header", ["规模以上工业增加值:累计值", "规上工业增加值_累计值", "工业增加值:累计增长"])
def test_a_level_with_its_scope_or_a_growth_rate_is_read_without_a_word(framework, tmp_path, header):
    result = ingest([_export("xlsx", tmp_path, header)], framework.fields)
    assert not [p for p in result.problems if p.code == "scope_assumed"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("first, second, periods", [
    ("2022年", "2022年1-9月", ("2022Q4", "2022Q3")),  # bt10f F11: the year's row was dropped without a word
    ("2022年", "2021年", ("2022Q4", "2021Q4")), ("2022年度", "2021年度", ("2022Q4", "2021Q4")),
    (202206, 202203, ("2022Q2", "2022Q1")),  # months as databases export them, yyyymm
])
def test_a_yearly_or_yyyymm_export_row_gives_its_period(framework, tmp_path, fmt, first, second, periods):
    rows = [["时间", "地区生产总值_累计值(亿元)"], [first, 248.3], [second, 180.2]]
    result = ingest([write(fmt, tmp_path, "导出", {"Sheet1": rows})], framework.fields)
    got = sorted((v[0], v[1], v[3]) for v in observed(result).values())
    assert got == sorted([("gdp", 2_483_000.0, periods[0]), ("gdp", 1_802_000.0, periods[1])]), result.problems
