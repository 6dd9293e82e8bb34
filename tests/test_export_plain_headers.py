"""bt10f F11 (b, c), F17: a database export whose headers include a plain statistic's name (税收收入(亿元),
高新技术企业数(家): no _累计值 suffix) was taken for a zone's table, its header row for row labels, and refused as
"cannot tell which period" naming no cell; years written as numbers (2022, 2021) were not seen as dates at all.
A row of labels with numbers under them and none beside them, dated down a left column, is an export: read."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import observed, write

FORMATS = ["xlsx", "xls", "csv"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("head, first, second, periods", [
    ("年份", 2022, 2021, ("2022Q4", "2021Q4")),  # a yearly download: years as numbers
    ("时间", "2022年", "2021年", ("2022Q4", "2021Q4")),
    ("日期", 202206, 202203, ("2022Q2", "2022Q1")),
])
def test_an_export_with_a_plain_header_and_years_or_months_down_the_rows_is_read(framework, tmp_path, fmt, head,
                                                                                  first, second, periods):
    rows = [[head, "地区生产总值_累计值(亿元)", "税收收入(亿元)"], [first, 248.3, 14.2], [second, 230.0, 13.1]]
    result = ingest([write(fmt, tmp_path, "年度数据", {"Sheet1": rows})], framework.fields)
    sheet = "年度数据" if fmt == "csv" else "Sheet1"
    assert observed(result) == {
        (sheet, "B2"): ("gdp", 2_483_000.0, "万元", periods[0], "current"),
        (sheet, "C2"): ("tax_revenue", 142_000.0, "万元", periods[0], "current"),
        (sheet, "B3"): ("gdp", 2_300_000.0, "万元", periods[1], "current"),
        (sheet, "C3"): ("tax_revenue", 131_000.0, "万元", periods[1], "current")}, result.problems
    assert not result.errors


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("header, field, unit", [("高新技术企业数(家)", "hightech_enterprises", "家"),
                                                 ("有效发明专利拥有量(件)", "invention_patents", "件")])
def test_an_export_of_one_stock_under_its_plain_name_is_read_at_the_period_ends(framework, tmp_path, fmt, header,
                                                                                 field, unit):
    date = (lambda y, m, d: f"{y}-{m:02d}-{d:02d}") if fmt == "csv" else dt.date
    rows = [["日期", header], [date(2022, 6, 30), 91], [date(2022, 3, 31), 85]]
    result = ingest([write(fmt, tmp_path, "导出", {"Sheet1": rows})], framework.fields)
    sheet = "导出" if fmt == "csv" else "Sheet1"
    assert observed(result) == {(sheet, "B2"): (field, 91.0, unit, "2022Q2", "current"),
                                (sheet, "B3"): (field, 85.0, unit, "2022Q1", "current")}, result.problems
    assert {o.basis for o in result.observations} == {"stock"}


def test_a_zone_table_is_still_read_as_one(framework, tmp_path):
    # labels down the rows with their figures beside them: never an export, even with a date in the title
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计"],
            ["地区生产总值", "亿元", 120.9], ["税收收入", "亿元", 7.62]]
    result = ingest([write("xlsx", tmp_path, "周口_2022年1-6月", {"表1": rows})], framework.fields)
    assert observed(result) == {("表1", "C3"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
                                ("表1", "C4"): ("tax_revenue", 76_200.0, "万元", "2022Q2", "current")}


def test_a_row_of_labels_with_no_dates_beside_it_is_refused_as_before_with_no_export_warning(framework, tmp_path):
    rows = [["地区生产总值(亿元)", "税收收入(亿元)"], [248.3, 14.2], [230.0, 13.1]]
    result = ingest([write("xlsx", tmp_path, "无日期", {"Sheet1": rows})], framework.fields)
    assert not result.observations and result.errors
    assert not [p for p in result.problems if "no column of dates" in p.message]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("header, field, value, unit", [
    ("高新技术企业数_期末值(家)", "hightech_enterprises", 91.0, "家"),
    ("常住人口_期末(万人)", "population", 91.0, "万人"),
    ("有效发明专利拥有量:期末数(件)", "invention_patents", 91.0, "件")])
def test_a_stock_exported_at_the_period_end_is_read(framework, tmp_path, fmt, header, field, value, unit):
    date = (lambda y, m, d: f"{y}-{m:02d}-{d:02d}") if fmt == "csv" else dt.date
    rows = [["日期", header], [date(2022, 6, 30), 91], [date(2022, 3, 31), 85]]
    result = ingest([write(fmt, tmp_path, "导出", {"Sheet1": rows})], framework.fields)
    sheet = "导出" if fmt == "csv" else "Sheet1"
    got = observed(result)
    assert got[(sheet, "B2")][:4] == (field, value, unit, "2022Q2"), result.problems
    assert got[(sheet, "B3")][:4] == (field, 85.0, unit, "2022Q1")
    assert {o.basis for o in result.observations} == {"stock"}
    assert not result.errors


@pytest.mark.parametrize("header, said", [
    ("税收收入_期末值(亿元)", "「税收收入_期末值(亿元)」 (B1)"),  # a flow has no period end
    ("进出口总额_环比(亿元)", "「进出口总额_环比(亿元)」 (B1)")])
def test_an_export_none_of_whose_columns_can_be_read_names_each_header_in_the_refusal(framework, tmp_path, header, said):
    rows = [["日期", header], [dt.date(2022, 6, 30), 91], [dt.date(2022, 3, 31), 85]]
    result = ingest([write("xlsx", tmp_path, "导出", {"Sheet1": rows})], framework.fields)
    error = next(p for p in result.errors if "no column of the export" in p.message)
    assert said in error.message and "warnings above" not in error.message
    assert (error.location.sheet, error.location.cell) == ("Sheet1", "B1")
    assert "_期末值" in error.hint


def test_a_single_quarters_export_is_refused_at_its_header(framework, tmp_path):
    rows = [["日期", "税收收入_当季值(亿元)"], [dt.date(2022, 6, 30), 9.1], [dt.date(2022, 3, 31), 8.5]]
    result = ingest([write("xlsx", tmp_path, "导出", {"Sheet1": rows})], framework.fields)
    assert not result.observations
    error = next(p for p in result.errors if p.location.cell == "B1")
    assert error.message == ("「税收收入_当季值(亿元)」: the export gives only the quarter's values (当季), and the framework "
                             "scores the year to date (累计)")
