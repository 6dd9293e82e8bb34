"""A region's figures are not the zone's wherever the region is named: in a database export's column header
(河南省:进出口总额:累计值, 全国:…, 周口市:…) and in a sheet's name (a sheet called 河南省). A break tester
found both read as the zone's, exit 0; one such provincial export in a folder took over the reported quarter.
Every workbook is built here."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import full_tables, observed, places, sheet, write, write_xlsx


def _export(fmt, folder, stem: str, prefix: str, year: int = 2022):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["指标名称", f"{prefix}进出口总额:累计值", f"{prefix}地区生产总值:累计值"], ["单位", "亿元", "亿元"],
            [date(year, 6, 30), 20.4, 576.0], [date(year, 3, 31), 9.9, 280.0]]
    return write(fmt, folder, stem, {"Sheet1": rows})


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("prefix,region", [("河南省:", "河南省"), ("河南:", "河南"), ("全国:", "全国"), ("中国:", "中国"),
                                           ("周口市:", "周口市"), ("沈丘县:", "沈丘县"), ("河南省_", "河南省")])
def test_an_export_column_naming_a_region_is_refused_at_its_header(framework, tmp_path, fmt, prefix, region):
    path = _export(fmt, tmp_path, "导出", prefix)
    result = ingest([path], framework.fields)
    assert result.observations == []
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", sheet(path, "Sheet1"), "B1")]
    assert f"the column names {region}, a region rather than the development zone" in result.problems[0].message
    assert f"该列写的是{region}" in result.problems[0].message_zh


@pytest.mark.parametrize("prefix", ["周口经开区:", "周口经济技术开发区:", "周口市经济开发区:", ""])
def test_an_export_column_naming_the_zone_or_nothing_is_read(framework, tmp_path, prefix):
    result = ingest([_export("xlsx", tmp_path, "导出", prefix)], framework.fields)
    assert result.problems == []
    assert observed(result) == {("Sheet1", "B3"): ("trade_total", 204_000.0, "万元", "2022Q2", "current"),
                                ("Sheet1", "C3"): ("gdp", 5_760_000.0, "万元", "2022Q2", "current"),
                                ("Sheet1", "B4"): ("trade_total", 99_000.0, "万元", "2022Q1", "current"),
                                ("Sheet1", "C4"): ("gdp", 2_800_000.0, "万元", "2022Q1", "current")}


def test_a_region_column_beside_the_zones_is_refused_and_the_zones_read(framework, tmp_path):
    rows = [["指标名称", "周口经开区:进出口总额:累计值", "河南省:进出口总额:累计值"], ["单位", "亿元", "亿元"],
            [dt.date(2022, 6, 30), 3.0, 4000.0]]
    result = ingest([write_xlsx(tmp_path / "两列.xlsx", {"Sheet1": rows})], framework.fields)
    assert places(result.problems) == [("error", "Sheet1", "C1")]
    assert observed(result) == {("Sheet1", "B3"): ("trade_total", 30_000.0, "万元", "2022Q2", "current")}


@pytest.mark.parametrize("name,region", [("河南省", "河南省"), ("全国", "全国"), ("周口市", "周口市")])
def test_a_sheet_named_after_a_region_is_refused_at_the_sheet(framework, tmp_path, name, region):
    rows = [["指标名称", "进出口总额_累计值(亿元)", "地区生产总值_累计值(亿元)"], [dt.date(2022, 6, 30), 20.4, 576.0]]
    result = ingest([write_xlsx(tmp_path / "导出.xlsx", {name: rows})], framework.fields)
    assert result.observations == []
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", name, None)]
    assert f"the sheet's name 「{name}」 names {region}" in result.problems[0].message
    assert f"工作表名「{name}」写的是{region}" in result.problems[0].message_zh

    table = [["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 600.0, 580.0, 3.4]]
    labelled = ingest([write_xlsx(tmp_path / "表_2022年1-6月.xlsx", {name: table})], framework.fields)
    assert places(labelled.errors) == [("error", name, None)] and labelled.observations == []


@pytest.mark.parametrize("name", ["所在市", "Sheet1", "周口经开区", "2022年1-6月"])
def test_a_sheet_named_as_no_region_is_read(framework, tmp_path, name):
    rows = [["指标名称", "进出口总额_累计值(亿元)"], [dt.date(2022, 6, 30), 20.4]]
    result = ingest([write_xlsx(tmp_path / "导出.xlsx", {name: rows})], framework.fields)
    assert result.problems == [] and observed(result) == {(name, "B2"): ("trade_total", 204_000.0, "万元", "2022Q2", "current")}


def test_a_provincial_export_in_a_folder_is_a_stray_file_and_takes_no_quarter(framework, tmp_path):
    folder = tmp_path / "园区"
    folder.mkdir()
    for months in (3, 6):
        sheets, merges = full_tables(framework.fields, months=months)
        write_xlsx(folder / f"周口经开区主要统计指标_2022年1-{months}月.xlsx", sheets, merges)
    stray = _export("xlsx", folder, "数据导出", "河南省:", year=2023)
    result = ingest([folder], framework.fields)
    assert not [o for o in result.observations if o.file == str(stray)]
    assert max(o.period for o in result.observations) == "2022Q2"
    assert [(p.severity, p.location.file, p.location.cell) for p in result.problems if p.code == "not_a_zone_table"] == [
        ("warning", stray, "B1")]
    assert "the other workbooks are read without it" in next(p for p in result.problems if p.location.cell == "B1").message

    alone = run_cli("ingest", stray)
    assert alone.returncode != 0 and "Traceback" not in alone.stderr and "河南省" in alone.stderr


@pytest.mark.parametrize("head,region", [("河南省1-6月累计", "河南省"), ("全国1-6月", "全国"), ("周口市累计", "周口市"),
                                         ("河南上半年", "河南"), ("沈丘县本期", "沈丘县")])
def test_a_tables_column_header_naming_a_region_makes_it_a_regions_table(framework, tmp_path, head, region):
    rows = [["2022年1-6月主要经济指标"], ["指标名称", "计量单位", head, "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 30000.0, 28000.0, 7.1]]
    result = ingest([write_xlsx(tmp_path / "表_2022年1-6月.xlsx", {"表1": rows})], framework.fields)
    assert result.observations == []
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", "表1", "C2")]
    assert f"「{head}」 names {region}" in result.problems[0].message

    rows[1][2] = "1-6月累计"  # the same table, its column naming no region, is read
    assert len(ingest([write_xlsx(tmp_path / "表2_2022年1-6月.xlsx", {"表1": rows})], framework.fields).observations) == 3


# bt10f F14: a place written onto the statistic's name, before or after, or after what the column holds, was passed over
# without a word (周口市地区生产总值_累计值, 地区生产总值:累计值:周口市); each such header is now named at its cell.
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_export_header_naming_a_region_before_or_after_the_statistic_is_named_at_its_cell(framework, tmp_path,
                                                                                                 fmt):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["日期", "周口市地区生产总值_累计值(亿元)", "全市进出口总额_累计值(亿元)", "河南省税收收入_累计(亿元)",
             "地区生产总值:累计值:周口市", "进出口总额_累计值(亿元)"],
            [date(2022, 6, 30), 1749.3, 70.9, 3000.0, 1749.3, 20.4]]
    path = write(fmt, tmp_path, "导出", {"Sheet1": rows})
    result = ingest([path], framework.fields)
    refused = [p for p in result.problems if p.code == "not_a_zone_table"]
    assert len(refused) == 1 and refused[0].severity == "error"
    assert [refused[0].location.cell, *(o.cell for o in refused[0].also)] == ["B1", "D1", "E1"]
    assert "周口市、河南省" in refused[0].message
    assert "全市地区生产总值" in refused[0].hint  # the host city's own total has a field of its own
    # the zone's own and the host city's 全市 columns are read as before
    assert {(o.field, o.cell) for o in result.observations} == {("city_trade_total", "C2"), ("trade_total", "F2")}
