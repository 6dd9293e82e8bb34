"""Workbooks that are not the zone's table (issue 10, point 6): a national, provincial or city table is said to be
one, naming the cell that names the region; a stray file (such a table, an empty workbook, a web page saved as .xls,
a 0-byte or truncated .xlsx) does not stop a folder: the others are scored and it is named in a warning (an error
under --strict); alone, it is an error.

Every workbook is built here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import full_tables, write_csv, write_xls, write_xlsx


def month_ends(years=(2021, 2022)):
    out = []
    for y in years:
        for m in range(1, 13):
            out.append(dt.date(y, m, 28) if m == 2 else dt.date(y, m, 30 if m in (4, 6, 9, 11) else 31))
    return out


def national_export(fmt, folder, stem="月度数据"):
    """A database export: 数据库 and 地区：全国 notes, indicators of the framework across, month ends down."""
    rows = [["数据库：月度数据"], ["地区：全国"], ["时间", "进出口总额_累计值(亿美元)", "规模以上工业增加值_累计增长(%)"]]
    rows += [[d if fmt != "csv" else f"{d.year}-{d.month:02d}", 5000.0 * d.month, 9.0] for d in month_ends()]
    rows.append(["数据来源：国家统计局"])
    if fmt == "csv":
        return write_csv(folder / f"{stem}.csv", rows)
    return (write_xls if fmt == "xls" else write_xlsx)(folder / f"{stem}.{fmt}", {"月度数据": rows})


def province_export(folder, stem="河南省月度数据"):
    rows = [["河南省主要经济指标（月度）"], ["时间", "进出口总额_累计值(亿元)", "地区生产总值_累计值(亿元)"]]
    rows += [[d, 2000.0 * d.month / 3, 15000.0 * d.month / 3] for d in month_ends() if d.month % 3 == 0]
    return write_xlsx(folder / f"{stem}.xlsx", {"Sheet1": rows})


def region_table(folder, title, stem, labels=("地区生产总值", "税收收入"), level=60000.0):
    """A table of `labels` in 亿元 under `title`: by default a province's magnitudes (6万亿元)."""
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]]
    rows += [[label, "亿元", level, level / 60000.0 * 58000.0, 3.4] for label in labels]
    return write_xlsx(folder / f"{stem}.xlsx", {"表1": rows})


def places(result):
    return [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_national_export_of_the_frameworks_statistics_is_not_a_zone_table(framework, tmp_path, fmt):
    path = national_export(fmt, tmp_path)
    result = ingest([path], framework.fields)
    sheet = "月度数据"
    assert places(result) == [("error", "not_a_zone_table", sheet, "A2")]
    assert result.problems[0].message.startswith("this is not a zone's table: 「地区：全国」 names 全国, a region rather "
                                                 "than a development zone; its figures (")
    assert result.observations == [] and result.periods == {}


def test_a_provincial_export_is_refused_at_its_title(framework, tmp_path):
    result = ingest([province_export(tmp_path)], framework.fields)
    assert places(result) == [("error", "not_a_zone_table", "Sheet1", "A1")]
    assert "「河南省主要经济指标（月度）」 names 河南省" in result.problems[0].message
    assert "这不是园区的统计报表：「河南省主要经济指标（月度）」写的是河南省" in result.problems[0].message_zh


def test_a_provinces_table_with_row_labels_is_refused_at_its_title(framework, tmp_path):
    result = ingest([region_table(tmp_path, "河南省2022年1-6月主要经济指标", "省表")], framework.fields)
    assert places(result) == [("error", "not_a_zone_table", "表1", "A1")]
    assert result.observations == []


def test_a_provinces_table_is_refused_as_such_whatever_else_is_wrong_with_it(framework, tmp_path):
    # no period anywhere: the first thing to say is that it is not the zone's table, so a folder reads on without it
    result = ingest([region_table(tmp_path, "河南省主要经济指标", "省表")], framework.fields)
    assert places(result) == [("error", "not_a_zone_table", "表1", "A1")]
    assert "its figures (「地区生产总值」、「税收收入」) are not the zone's" in result.problems[0].message


def test_a_city_named_only_in_the_file_name_is_refused_at_the_file(framework, tmp_path):
    path = region_table(tmp_path, "2022年1-6月主要经济指标", "周口市2022年1-6月主要经济指标")
    result = ingest([path], framework.fields)
    assert places(result) == [("error", "not_a_zone_table", None, None)]
    assert "the file name names 周口市" in result.problems[0].message


def test_a_citys_own_totals_are_read(framework, tmp_path):
    path = region_table(tmp_path, "周口市2022年1-6月主要经济指标", "所在市", labels=("全市地区生产总值", "全市税收收入"))
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert sorted((o.field, o.cell) for o in result.observations) == [
        ("city_gdp", "C3"), ("city_gdp", "D3"), ("city_gdp", "E3"),
        ("city_tax_revenue", "C4"), ("city_tax_revenue", "D4"), ("city_tax_revenue", "E4")]


def test_a_zone_named_anywhere_makes_it_the_zones_table(framework, tmp_path):
    path = region_table(tmp_path, "河南省周口经济开发区2022年1-6月主要经济指标", "报表", level=60.0)  # a zone's magnitudes
    result = ingest([path], framework.fields)
    assert result.problems == [] and len(result.observations) == 6


def _strays(folder, fields):
    """A folder's stray files, and the place each is named at: (file, sheet, cell)."""
    national_export("xlsx", folder, "全国月度数据")
    province_export(folder)
    write_xlsx(folder / "新建 Microsoft Excel 工作表.xlsx", {"Sheet1": []})
    (folder / "网页.xls").write_text("<html><body><table><tr><td>地区生产总值</td></tr></table></body></html>",
                                     encoding="utf-8")
    (folder / "空文件.xlsx").write_bytes(b"")
    sheets, merges = full_tables(fields)
    whole = write_xlsx(folder / "截断.xlsx", sheets, merges).read_bytes()
    (folder / "截断.xlsx").write_bytes(whole[: len(whole) // 2])
    return {"全国月度数据.xlsx": " › sheet 「月度数据」 › cell A2", "河南省月度数据.xlsx": " › sheet 「Sheet1」 › cell A1",
            "新建 Microsoft Excel 工作表.xlsx": "", "网页.xls": "", "空文件.xlsx": "", "截断.xlsx": ""}


def test_stray_files_in_a_folder_are_warnings_and_the_zone_is_scored_as_without_them(framework, tmp_path):
    clean, mixed = tmp_path / "clean", tmp_path / "mixed"
    clean.mkdir(), mixed.mkdir()
    sheets, merges = full_tables(framework.fields)
    for folder in (clean, mixed):
        write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    strays = _strays(mixed, framework.fields)
    alone, done = run_cli("score", clean, "--json"), run_cli("score", mixed, "--json")
    assert alone.returncode == 0 and done.returncode == 0, done.stderr
    assert _overall(done.stdout) == _overall(alone.stdout)
    for name, place in strays.items():
        line = next(l for l in done.stderr.splitlines() if l.startswith(f"{mixed / name}{place}: "))
        assert line.startswith(f"{mixed / name}{place}: warning: ") and line.endswith("the other workbooks are read without it")
    strict = run_cli("score", mixed, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    for name, place in strays.items():
        assert f"{mixed / name}{place}: error: " in strict.stderr


def test_the_report_of_a_folder_with_a_stray_file_is_written(framework, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    sheets, merges = full_tables(framework.fields)
    write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    (folder / "空文件.xlsx").write_bytes(b"")
    done = run_cli("report", folder, "--format", "html", "-o", tmp_path / "报告.html")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "报告.html").exists()
    assert f"{folder / '空文件.xlsx'}: warning: cannot open as a workbook: the file is empty (0 bytes)" in done.stderr


@pytest.mark.parametrize("make", ["empty", "html", "zero", "national"])
def test_a_stray_file_alone_is_still_an_error(framework, tmp_path, make):
    if make == "national":
        path = national_export("xlsx", tmp_path)
    else:
        path = tmp_path / ("网页.xls" if make == "html" else "x.xlsx")
        if make == "empty":
            write_xlsx(path, {"Sheet1": []})
        else:
            path.write_bytes(b"<html><body></body></html>" if make == "html" else b"")
    result = ingest([path], framework.fields)
    assert [(p.severity, str(p.location.file)) for p in result.problems] == [("error", str(path))]
    assert result.observations == []


def test_score_of_a_stray_file_alone_stops(tmp_path):
    path = tmp_path / "空文件.xlsx"
    path.write_bytes(b"")
    done = run_cli("score", path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}: error: cannot open as a workbook: the file is empty (0 bytes)" in done.stderr


def _overall(stdout: str) -> float:
    import json

    return json.loads(stdout)["overall"]["score"]
