"""A column's months and year must agree with the workbook's period, in every spelling and wherever written
(issue 10, point 4): the column's own header or a band merged over several columns, text or a date.

Every workbook is built here from the layout of the sample (title 周口经济开发区2022年1-6月…, a year band over
累计 | 上年同期 | 同比增长); each test asserts the exact cell refused, or every value and period read.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from scorer.read.text import find_period, months_said
from tests.conftest import run_cli
from tests.workbooks import full_tables, to_strict, write_csv, write_xls, write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"
MERGES = ["A1:E1", "A2:A3", "B2:B3", "C2:E2"]


def flows(band, head="1-6月累计", prior="上年同期"):
    return [[TITLE], ["指标名称", "计量单位", band, "", ""], ["", "", head, prior, "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "万元", 76_200, 70_800, 7.6]]


def write(fmt, folder, rows, stem="周口经开区主要统计指标_2022年1-6月"):
    sheets, merges = {"表1": rows}, {"表1": MERGES}
    if fmt == "csv":  # no merges: the band stands in C2, centred over the columns below it
        return write_csv(folder / f"{stem}.csv", rows)
    if fmt == "xls":
        return write_xls(folder / f"{stem}.xls", sheets, merges)
    path = write_xlsx(folder / f"{stem}.xlsx", sheets, merges)
    return to_strict(path) if fmt == "strict" else path


def refusals(result) -> list[tuple]:
    return [(p.severity, p.location.sheet, p.location.cell, p.message) for p in result.problems]


def observed(result) -> dict:
    return {o.cell: (o.field, round(o.value, 6), o.period, o.column) for o in result.observations}


@pytest.mark.parametrize("text, said", [
    ("1-5月累计", [(None, 5, "1-5月"), (None, 5, "5月累计")]), ("1—5月累计", [(None, 5, "1—5月"), (None, 5, "5月累计")]),
    ("1至5月份累计", [(None, 5, "1至5月"), (None, 5, "至5月"), (None, 5, "5月份累计")]),
    ("一至五月累计", [(None, 5, "1至5月"), (None, 5, "至5月"), (None, 5, "5月累计")]), ("前5个月累计", [(None, 5, "前5个月")]),
    ("前五个月", [(None, 5, "前5个月")]), ("截至5月累计", [(None, 5, "截至5月"), (None, 5, "5月累计")]), ("5月末", [(None, 5, "5月末")]),
    # bt10f F1: cumulative to a month without 1- (a statistics office's other spelling)
    ("5月累计", [(None, 5, "5月累计")]), ("5月止累计", [(None, 5, "5月止累计")]), ("本年5月累计", [(None, 5, "本年5月累计")]),
    ("累计(5月)", [(None, 5, "累计(5月)")]), ("Q1累计", [(None, 3, "Q1累计")]),
    ("2022年5月", [("2022", 5, "2022年5月")]), ("2021年末", [("2021", 12, "2021年末")]),
    ("十二月末", [(None, 12, "12月末")]), ("5月", []), ("填报日期：2022年7月15日", []),
])
def test_every_spelling_of_how_far_into_the_year_a_header_runs(text, said):
    assert months_said(text) == said


@pytest.mark.parametrize("text, period", [
    ("2022年一至六月", "2022Q2"), ("2022年前9个月", "2022Q3"), ("截至2022年6月末", "2022Q2"), ("2021年末", "2021Q4"),
    ("2022年前三季度", "2022Q3"), ("2022年前5个月", None), ("2022年一至五月", None),
])
def test_titles_and_period_options_read_the_same_spellings(text, period):
    assert find_period(text)[0] == period


@pytest.mark.parametrize("head, words", [
    ("1-5月累计", "1-5月"), ("1—5月累计", "1—5月"), ("1至5月累计", "1至5月"), ("1~5月累计", "1~5月"),
    ("1－5月累计", "1-5月"), ("一至五月累计", "1至5月"), ("前5个月累计", "前5个月"), ("前五个月累计", "前5个月"),
    ("截至5月累计", "截至5月"), ("截止5月底累计", "截止5月"), ("1-5月份累计", "1-5月"),
])
def test_a_stale_month_range_in_any_spelling_is_refused_at_its_cell(framework, tmp_path, head, words):
    result = ingest([write("xlsx", tmp_path, flows("2022年", head))], framework.fields)
    assert refusals(result) == [("error", "表1", "C3", f"the column header 「2022年{head}」 names {words}, but the "
                                                      "workbook is for 2022Q2")]
    assert sorted(observed(result)) == ["D4", "D5", "E4", "E5"]  # 上年同期 and 同比 name no month: read


@pytest.mark.parametrize("head, words", [
    ("5月累计", "5月累计"), ("5月止累计", "5月止累计"), ("5月份累计", "5月份累计"), ("本年5月累计", "本年5月累计"),
    ("累计(5月)", "累计(5月)"), ("Q1累计", "2022Q1"),
])
def test_a_stale_month_written_without_its_start_is_refused_at_its_cell(framework, tmp_path, head, words):
    """bt10f F1: 5月累计 (cumulative to May, without 1-) under the 2022年 band of a 1-6月 workbook was read as 2022Q2."""
    result = ingest([write("xlsx", tmp_path, flows("2022年", head))], framework.fields)
    assert refusals(result) == [("error", "表1", "C3", f"the column header 「2022年{head}」 names {words}, but the "
                                                      "workbook is for 2022Q2")]
    assert sorted(observed(result)) == ["D4", "D5", "E4", "E5"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("head, words", [
    ("4-6月累计", "4-6月"), ("4-6月", "4-6月"), ("二季度", "二季度"), ("第二季度", "第二季度"), ("2季度", "2季度"),
    ("本季度", "本季度"), ("当季", "当季"),
])
def test_a_single_quarter_is_never_read_as_the_year_to_date(framework, tmp_path, fmt, head, words):
    """bt10f F15: a column of 4-6月 (二季度) figures, one quarter's, was read as 1-6月 year to date (the overall fell from
    69.4 to 53.5 with no word). Refused at its cell, saying it is a single quarter; the other columns are read."""
    result = ingest([write(fmt, tmp_path, flows("2022年", head))], framework.fields)
    problems = refusals(result)
    assert len(problems) == 1 and (problems[0][0], problems[0][2]) == ("error", "C3"), problems
    assert f"names a single quarter ({words})" in problems[0][3]
    assert "C4" not in observed(result) and "C5" not in observed(result)


@pytest.mark.parametrize("head", ["1-6月累计", "上半年", "二季度累计", "1-6月", "6月累计"])
def test_the_year_to_date_in_any_spelling_is_read(framework, tmp_path, head):
    result = ingest([write("xlsx", tmp_path, flows("2022年", head))], framework.fields)
    assert refusals(result) == [] and observed(result)["C4"] == ("gdp", 1_209_000.0, "2022Q2", "current")


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
@pytest.mark.parametrize("band, shown", [("2022年5月", "2022年5月"), ("2022年5月末", "2022年5月末"),
                                         (dt.date(2022, 5, 31), "2022年5月"), (dt.date(2022, 5, 1), "2022年5月")])
def test_a_band_naming_another_month_is_refused_at_the_band_and_nothing_under_it_is_read(framework, tmp_path, fmt,
                                                                                        band, shown):
    if fmt == "csv" and isinstance(band, dt.date):
        pytest.skip("a CSV holds no dates")
    result = ingest([write(fmt, tmp_path, flows(band, head="累计"))], framework.fields)
    sheet = "周口经开区主要统计指标_2022年1-6月" if fmt == "csv" else "表1"
    assert refusals(result) == [("error", sheet, "C2", f"the column header 「{shown}」 names {shown}, but the workbook "
                                                       "is for 2022Q2")]
    assert result.observations == []


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_stock_table_under_a_band_of_another_months_end_is_refused_at_the_band(framework, tmp_path, fmt):
    rows = [["周口经济开发区2022年6月末科技创新与园区建设指标"], ["指标名称", dt.date(2022, 5, 31), "", ""],
            ["", "期末数", "上年同期", "同比增长(%)"], ["高新技术企业数（家）", 91, 72, 26.4]]
    sheets = {"科技与园区": rows}
    merges = {"科技与园区": ["A1:D1", "A2:A3", "B2:D2"]}
    stem = tmp_path / "周口经开区主要统计指标_2022年1-6月"
    path = write_xls(stem.with_suffix(".xls"), sheets, merges) if fmt == "xls" else \
        write_xlsx(stem.with_suffix(".xlsx"), sheets, merges)
    result = ingest([path], framework.fields)
    assert refusals(result) == [("error", "科技与园区", "B2", "the column header 「2022年5月」 names 2022年5月, but the "
                                                          "workbook is for 2022Q2")]
    assert result.observations == []


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
def test_a_year_band_contradicting_the_title_is_refused_at_the_band(framework, tmp_path, fmt):
    result = ingest([write(fmt, tmp_path, flows("2021年"))], framework.fields)
    sheet = "周口经开区主要统计指标_2022年1-6月" if fmt == "csv" else "表1"
    # its 上年同期 would be 2020's and its 同比 2021's: not this workbook's columns, whatever 累计 says
    assert refusals(result) == [("error", sheet, "C2", "the column header 「2021年」 names 2021年, but the workbook "
                                                       "is for 2022Q2")]
    assert result.observations == []


def test_last_years_band_over_plain_columns_is_last_years_figure(framework, tmp_path):
    rows = [[TITLE], ["指标名称", "计量单位", "2022年", "", "2021年"], ["", "", "一至六月累计", "同比增长(%)", "1-6月累计"],
            ["地区生产总值", "亿元", 120.9, 7.3, 112.71]]
    path = write_xlsx(tmp_path / "两年_2022年1-6月.xlsx", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3", "C2:D2"]})
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert observed(result) == {"C4": ("gdp", 1_209_000.0, "2022Q2", "current"), "D4": ("gdp", 7.3, "2022Q2", "growth"),
                                "E4": ("gdp", 1_127_100.0, "2021Q2", "prior")}


def test_last_year_end_under_a_band_of_this_quarters_end_is_last_december(framework, tmp_path):
    rows = [["周口经济开发区2022年6月末科技指标"], ["指标名称", "2022年6月末", "", "", ""],
            ["", "期末数", "上年末", "上年同期", "同比增长(%)"], ["高新技术企业数（家）", 91, 88, 72, 26.4]]
    path = write_xlsx(tmp_path / "科技_2022年1-6月.xlsx", {"科技": rows}, {"科技": ["A1:E1", "A2:A3", "B2:E2"]})
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert observed(result) == {"B4": ("hightech_enterprises", 91.0, "2022Q2", "current"),
                                "C4": ("hightech_enterprises", 88.0, "2021Q4", "prior"),
                                "D4": ("hightech_enterprises", 72.0, "2021Q2", "prior"),
                                "E4": ("hightech_enterprises", 26.4, "2022Q2", "growth")}


def test_score_refuses_the_sample_with_last_months_band_naming_the_cell(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    sheets["主要经济指标"][2][2] = "2022年5月"
    sheets["主要经济指标"][3][2] = "累计"
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    done = run_cli("score", path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert (f"{path} › sheet 「主要经济指标」 › cell C3: error: the column header 「2022年5月」 names 2022年5月, "
            "but the workbook is for 2022Q2") in done.stderr
