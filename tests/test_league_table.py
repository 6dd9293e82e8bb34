"""bt10f F16: a province's league table of zones (园区名称 down the rows, statistics across) in a folder stopped the run
as "the workbooks name 2 different zones", one of them the province (河南省开发区, from the title). It is said as what
it is, at its first zone's cell, and a folder reads its other workbooks without it (an error under --strict, or alone).
Every workbook is built here."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import full_tables, write, write_xlsx

LEAGUE = [["河南省开发区2022年1-6月主要指标", "", "", "", ""],
          ["序号", "园区名称", "地区生产总值(亿元)", "税收收入(亿元)", "实际使用外资金额(万美元)"],
          [1, "周口经济开发区", 120.9, 7.62, 673.43],
          [2, "漯河经济技术开发区", 150.2, 9.1, 900.0],
          [3, "鹤壁经济技术开发区", 98.4, 5.5, 300.0]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_league_table_alone_is_said_as_a_table_of_several_zones_at_its_first_zone(framework, tmp_path, fmt):
    path = write(fmt, tmp_path, "全省开发区", {"排名": LEAGUE})
    result = ingest([path], framework.fields)
    assert result.observations == []
    error = next(p for p in result.errors if p.code == "not_a_zone_table")
    assert (error.location.cell, error.severity) == ("B3", "error")
    assert "is a table of several zones (「周口经济开发区」、「漯河经济技术开发区」、「鹤壁经济技术开发区」 down column B)" \
        in error.message
    assert "--peers" in error.hint
    assert not [p for p in result.problems if p.code == "zones_mixed"]


def test_a_league_table_in_a_folder_is_a_warning_and_the_zones_workbook_is_read(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    league = write("xlsx", tmp_path, "全省开发区", {"排名": LEAGUE})
    result = ingest([tmp_path], framework.fields)
    assert not result.errors, result.errors
    said = [p for p in result.problems if str(p.location.file) == str(league)]
    assert [(p.severity, p.location.cell) for p in said] == [("warning", "B3")]
    assert said[0].message.endswith("the other workbooks are read without it")
    assert result.observations and {o.file for o in result.observations} == {
        str(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx")}
    assert result.zone_name() == "周口经济开发区"
    strict = run_cli("ingest", tmp_path, "--strict")
    assert strict.returncode == 1 and "is a table of several zones" in strict.stderr
    assert "different zones" not in strict.stderr


def _panel(fmt, folder, zones_down):
    import datetime as dt

    date = (lambda y, m, d: f"{y}-{m:02d}-{d:02d}") if fmt == "csv" else dt.date
    rows = [["日期", "地区", "地区生产总值_累计(亿元)", "税收收入_累计(亿元)"]]
    for when in (date(2022, 6, 30), date(2022, 3, 31)):
        rows += [[when, zone, 120.9 + i, 7.62 + i] for i, zone in enumerate(zones_down)]
    return write(fmt, folder, "面板数据", {"Sheet1": rows})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_long_export_of_several_zones_is_refused_at_its_zone_column(framework, tmp_path, fmt):
    # bt10f F5: three zones were counted as two, and --zone read every zone's rows as that zone's ("read twice")
    path = _panel(fmt, tmp_path, ["周口经济开发区", "漯河经济技术开发区", "鹤壁经济技术开发区"])
    result = ingest([path], framework.fields)
    assert result.observations == []
    assert [(p.code, p.location.cell) for p in result.errors] == [("not_a_zone_table", "B1")]
    assert "「周口经济开发区」、「漯河经济技术开发区」、「鹤壁经济技术开发区」 down column B" in result.errors[0].message
    assert not [p for p in result.problems if "read twice" in p.message]


def test_a_long_export_of_the_zone_alone_is_read(framework, tmp_path):
    result = ingest([_panel("xlsx", tmp_path, ["周口经济开发区"])], framework.fields)
    assert sorted((o.field, o.period, o.cell) for o in result.observations) == [
        ("gdp", "2022Q1", "C3"), ("gdp", "2022Q2", "C2"), ("tax_revenue", "2022Q1", "D3"), ("tax_revenue", "2022Q2", "D2")]
