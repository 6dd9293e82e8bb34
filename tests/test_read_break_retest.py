"""Faults a break tester still found in the reader after issue 10's first fixes, each fixed by its kind: a
column of row numbers (序号) beside a table, a bare month under a year band, a county's or a district's
table, a refusal that hid the hidden sheets, a sheet's shape said only in English, and the exchange rate
carried to the score and the report. Every workbook is built here.
"""

from __future__ import annotations

import json

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import HEADER, MERGES, cell_of, full_tables, observed, places, sheet, write, write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"


# ------------------------------------------------------------ a county's or a district's table
def region_table(folder, title: str, stem: str = "表", labels=("地区生产总值", "税收收入")):
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]]
    rows += [[label, "亿元", 600.0, 580.0, 3.4] for label in labels]
    return write_xlsx(folder / f"{stem}.xlsx", {"表1": rows})


@pytest.mark.parametrize("title,region", [("川汇区2022年1-6月主要经济指标", "川汇区"), ("项城市2022年1-6月主要经济指标", "项城市"),
                                          ("沈丘县主要经济指标（2022年1-6月）", "沈丘县"), ("叶县2022年上半年主要经济指标", "叶县"),
                                          ("周口市川汇区2022年1-6月主要经济指标", "周口市川汇区"),
                                          ("2022年1-6月淮阳区主要经济指标", "淮阳区"), ("2022年上半年郸城县主要经济指标", "郸城县")])
def test_a_county_or_district_table_is_refused_as_a_regions_at_its_title(framework, tmp_path, title, region):
    result = ingest([region_table(tmp_path, title)], framework.fields)
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", "表1", "A1")]
    assert f"「{title}」 names {region}, a region rather than a development zone" in result.problems[0].message
    assert f"写的是{region}" in result.problems[0].message_zh and result.observations == []


@pytest.mark.parametrize("stem,region", [("项城市主要统计指标_2022年1-6月", "项城市"), ("郸城县_2022年1-6月", "郸城县")])
def test_a_county_named_only_in_the_file_name_is_refused_at_the_file(framework, tmp_path, stem, region):
    result = ingest([region_table(tmp_path, "2022年1-6月主要经济指标", stem)], framework.fields)
    assert [(p.severity, p.code, p.location.sheet) for p in result.problems] == [("error", "not_a_zone_table", None)]
    assert f"the file name names {region}" in result.problems[0].message


@pytest.mark.parametrize("title", ["周口经济技术开发区2022年1-6月主要经济指标", "鹿邑县产业集聚区2022年1-6月主要经济指标",
                                   "郑州航空港经济综合实验区2022年1-6月主要经济指标", "项城市高新区2022年1-6月主要经济指标",
                                   "川汇区经开区2022年1-6月主要经济指标"])
def test_a_zone_whose_name_ends_in_an_administrative_suffix_is_read(framework, tmp_path, title):
    result = ingest([region_table(tmp_path, title)], framework.fields)
    assert result.problems == [] and len(result.observations) == 6


def test_the_host_citys_sheet_named_所在市_is_no_region(framework, tmp_path):
    rows = [["所在市"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["全市地区生产总值", "亿元", 1749.0, 1700.0, 2.9]]
    result = ingest([write_xlsx(tmp_path / "市表_2022年1-6月.xlsx", {"所在市": rows})], framework.fields)
    assert result.problems == [] and {o.field for o in result.observations} == {"city_gdp"}


# ------------------------------------------------------------ every data sheet hidden
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_workbook_whose_data_sheets_are_all_hidden_says_how_to_read_them(framework, tmp_path, fmt):
    table = [[TITLE], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    path = write(fmt, tmp_path, "隐藏全部_2022年1-6月", {"封面": [["周口经济开发区统计报表"], ["报送日期：2022年7月"]],
                                                     "主要指标": table, "园区": table},
                 {"主要指标": MERGES, "园区": MERGES}, hidden={"主要指标": "hidden", "园区": "veryhidden"})
    result = ingest([path], framework.fields)
    [error] = result.errors
    assert error.message.startswith("no statistic of the framework was found in this workbook")
    assert error.message.endswith("; the hidden sheets 「主要指标」、「园区」 hold statistics of the framework and were not read")
    assert "--hidden-sheets" in error.hint and "--hidden-sheets" in error.hint_zh
    assert "隐藏的工作表「主要指标」、「园区」" in error.message_zh
    done = run_cli("ingest", path)
    assert done.returncode == 1 and "--hidden-sheets" in done.stderr and "Traceback" not in done.stderr
    read = run_cli("ingest", path, "--hidden-sheets", "--json")
    assert read.returncode == 0, read.stderr


# ------------------------------------------------------------ what a stray sheet looks like, in Chinese
def test_what_a_time_series_or_an_export_looks_like_is_said_in_chinese_too(framework, tmp_path):
    series = [["数据库：分省月度数据"], ["指标：地区生产总值(亿元)"], ["地区", "2023年6月", "2023年5月", "2023年4月"],
              ["北京市", 100.0, 90.0, 80.0], ["河南省", 50.0, 45.0, 40.0]]
    export = [["日期", "钢材产量_累计值(万吨)", "水泥产量_累计值(万吨)"], ["2023-06", 1.0, 2.0], ["2023-05", 1.0, 2.0],
              ["2023-04", 1.0, 2.0]]
    for rows, zh in [(series, "工作表「sheet1」像是地区生产总值(亿元)的时间序列：第 3 行横列期间（2023年6月 … 2023年4月），"
                              "「北京市」、「河南省」 … 纵列各行"),
                     (export, "工作表「sheet1」像是数据库导出表：A 列纵列日期（2023-06 … 2023-04），"
                              "各列为指标（「钢材产量_累计值(万吨)」、「水泥产量_累计值(万吨)」 …）")]:
        result = ingest([write_xlsx(tmp_path / "序列.xlsx", {"sheet1": rows})], framework.fields)
        [problem] = result.problems
        assert zh in problem.message_zh, problem.message_zh
        assert "looks like" not in problem.message_zh and "down the rows" not in problem.message_zh
        done = run_cli("ingest", tmp_path / "序列.xlsx", "--lang", "zh")
        assert done.returncode == 1 and zh in done.stderr


# ------------------------------------------------------------ a column of row numbers (序号) anywhere
def _numbered(sheets: dict, name: str, column: int, first_row: int = 0) -> dict:
    """`sheets` with the row numbers 1, 2, 3 … written down `column` of sheet `name` from `first_row` on
    (over the title and the header too, as a pasted 序号 column can be)."""
    out = {k: [list(r) for r in v] for k, v in sheets.items()}
    rows = out[name]
    for r in range(first_row, len(rows)):
        rows[r] += [None] * (column - len(rows[r])) + [r - first_row + 1]
    return out


@pytest.mark.parametrize("fmt,column", [("xlsx", 7), ("xlsx", 25), ("xlsx", 16383), ("strict", 25), ("xls", 7),
                                        ("xls", 255), ("csv", 7)])
def test_a_column_of_row_numbers_anywhere_is_left_aside_and_the_table_read(framework, tmp_path, fmt, column):
    sheets, merges = full_tables(framework.fields)
    if fmt == "csv":
        sheets = {"主要经济指标": sheets["主要经济指标"]}
    clean = ingest([write(fmt, tmp_path, "周口经开区主要统计指标_2022年1-6月", sheets, merges)], framework.fields)
    assert clean.errors == [] and len(clean.observations) > 30
    (tmp_path / "序号").mkdir()
    numbered = ingest([write(fmt, tmp_path / "序号", "周口经开区主要统计指标_2022年1-6月",
                             _numbered(sheets, "主要经济指标", column), merges)], framework.fields)
    assert observed(numbered) == observed(clean)  # every value, unit, period and cell
    assert places(numbered.problems) == places(clean.problems)


def test_row_numbers_under_a_序号_heading_beside_the_values_are_no_value(framework, tmp_path):
    rows = [[TITLE, "", "", "", "", ""], ["指标名称", "计量单位", "2022年", "", "", "序号"],
            ["", "", "1-6月累计", "上年同期", "同比增长(%)", ""], ["地区生产总值", "亿元", 120.9, 112.71, 7.3, 1],
            ["税收收入", "万元", 76_200, 71_800, 6.1, 2], ["上市企业数", "家", 2, 1, 100, 3]]
    result = ingest([write_xlsx(tmp_path / "序号_2022年1-6月.xlsx", {"表1": rows}, {"表1": ["C2:E2"]})], framework.fields)
    assert result.problems == [] and len(result.observations) == 9
    assert {o.cell[0] for o in result.observations} == {"C", "D", "E"}


def test_a_column_of_numbers_that_do_not_count_rows_still_marks_a_data_row(framework, tmp_path):
    # 5, 7, 9 down column F are no row numbers: the row holding 7 is data, not a header
    rows = [[TITLE, "", "", "", "", 5], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)", 7],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3, 9]]
    result = ingest([write_xlsx(tmp_path / "非序号_2022年1-6月.xlsx", {"表1": rows})], framework.fields)
    assert result.observations == [] and places(result.problems) == [("error", "表1", "A3")]


# ------------------------------------------------------------ most values lost is not quiet
HEADERLESS = [["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "万元", 76_200, 71_800, 6.1],
              ["上市企业数", "家", 2, 1, 100.0], ["高新技术企业数", "家", 12, 10, 20.0]]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_table_read_without_its_header_is_refused_naming_its_cells_when_most_values_are_lost(framework, tmp_path, fmt):
    path = write(fmt, tmp_path, "无表头_2022年1-6月", {"表1": [[TITLE], *HEADERLESS]})
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert result.observations == []
    [error] = result.errors
    assert (error.location.sheet, error.location.cell, error.code) == (s, "A2", "unread_rows")
    assert error.message == ("most of this workbook's numbers were not read (12 of 12): no column header (累计 / 期末数 / "
                             "上年同期 / 同比增长) above 「地区生产总值」 (A2)、「税收收入」 (A3)、「上市企业数」 (A4) … (A2–A5): "
                             "4 labelled rows and the 12 numbers beside them were not read")
    assert "大部分数值未能读取（12 个中的 12 个）" in error.message_zh
    done = run_cli("score", path)
    assert done.returncode == 1 and "cell A2" in done.stderr and "Traceback" not in done.stderr


def test_a_few_values_read_without_a_header_are_a_warning_in_the_score_and_the_reports_quality_list(framework, tmp_path):
    sheets, merges = full_tables(framework.fields, drop=("listed_companies", "hightech_enterprises"))
    sheets["补充"] = [["补充指标"], *HEADERLESS[2:]]
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    result = ingest([path], framework.fields)
    [warning] = [p for p in result.problems if p.code == "unread_rows"]
    assert (warning.severity, warning.location.sheet, warning.location.cell) == ("warning", "补充", "A2")
    assert "above 「上市企业数」 (A2)、「高新技术企业数」 (A3): 2 labelled rows and the 6 numbers beside them were not read" \
        in warning.message
    score = run_cli("score", path, "--json")
    assert score.returncode == 0
    assert [(p["sheet"], p["cell"]) for p in json.loads(score.stdout)["problems"] if p["code"] == "unread_rows"] == [
        ("补充", "A2")]
    report = run_cli("report", path, "--format", "html", "-o", tmp_path / "r.html")
    assert report.returncode == 0, report.stderr
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "「上市企业数」 (A2)、「高新技术企业数」 (A3)" in html and "补充 › A2" in html


# ------------------------------------------------------------ a month alone under a year band
def _month_table(fmt, folder, first: str, stock: bool = False, band: str = "2022年"):
    """A 2022年1-6月 workbook whose year band spans a column headed `first` (a month alone) and the usual three."""
    label, unit, values = ("上市企业数", "家", [2, 1, 100.0]) if stock else ("地区生产总值", "亿元", [21.0, 120.9, 112.71, 7.3])
    heads = [first, "上年同期", "同比增长(%)"] if stock else [first, "1-6月累计", "上年同期", "同比增长(%)"]
    rows = [[TITLE], ["指标名称", "计量单位", band] + [""] * (len(heads) - 1), ["", ""] + heads, [label, unit, *values]]
    last = "E" if stock else "F"
    return write(fmt, folder, f"月份_2022年1-6月_{first}", {"表1": rows}, {"表1": [f"A1:{last}1", "A2:A3", "B2:B3",
                                                                              f"C2:{last}2"]})


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
@pytest.mark.parametrize("first,said", [("5月", "2022年5月"), ("5月份", "2022年5月份"), ("五月", "2022年五月"), ("9月", "2022Q3")])
def test_a_month_alone_under_the_year_band_that_is_not_the_workbooks_is_refused_at_its_cell(framework, tmp_path, fmt,
                                                                                             first, said):
    path = _month_table(fmt, tmp_path, first)
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert places(result.problems) == [("error", s, "C3")]
    assert result.problems[0].message == f"the column header 「2022年{first}」 names {said}, but the workbook is for 2022Q2"
    assert "C4" not in {o.cell for o in result.observations}


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
def test_the_workbooks_month_alone_under_the_year_band_is_read_as_its_period(framework, tmp_path, fmt):
    path = _month_table(fmt, tmp_path, "6月", stock=True)  # 上市企业数 at the end of June 2022
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert result.problems == []
    assert observed(result) == {(s, "C4"): ("listed_companies", 2.0, "家", "2022Q2", "current"),
                                (s, "D4"): ("listed_companies", 1.0, "家", "2021Q2", "prior"),
                                (s, "E4"): ("listed_companies", 100.0, "%", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_the_months_own_column_beside_its_cumulative_one_is_left_aside_as_本月_is(framework, tmp_path, fmt):
    path = _month_table(fmt, tmp_path, "6月")  # 6月 | 1-6月累计: June alone, then January to June
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert observed(result) == {("表1", "D4"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
                                ("表1", "E4"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
                                ("表1", "F4"): ("gdp", 7.3, "%", "2022Q2", "growth")}


def test_a_month_alone_under_last_years_band_is_refused_at_the_band(framework, tmp_path):
    path = _month_table("xlsx", tmp_path, "6月", stock=True, band="2021年")
    result = ingest([path], framework.fields)
    assert places(result.problems) == [("error", "表1", "C2")]
    assert "「2021年」 names 2021年, but the workbook is for 2022Q2" in result.problems[0].message


# ------------------------------------------------------------ the exchange rate, carried to the score and the report
def test_the_rate_each_dollar_value_was_converted_at_is_in_score_json_and_the_reports_data_appendix(framework, tmp_path):
    from pypdf import PdfReader

    sheets, merges = full_tables(framework.fields, overrides={
        "trade_total": {"unit": "亿美元", "current": 3.4, "prior": 3.1, "growth": 9.7},
        "exports": {"unit": "万美元", "current": 20_000.0, "prior": 18_000.0, "growth": 11.1}})
    folder = tmp_path / "美元"
    folder.mkdir()
    path = write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    trade, exports = (cell_of(framework.fields, f, "C")[1][1:] for f in ("trade_total", "exports"))
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stderr[-1500:]
    rates = json.loads(done.stdout)["exchange_rates"]
    assert [(r["year"], r["yuan_per_dollar"], r["confidence"], r["table"]) for r in rates] == [
        (2021, 6.45, "approximate", "indicators/exchange_rates.yaml"), (2022, 6.73, "approximate", "indicators/exchange_rates.yaml")]
    assert all("domain notes on exchange rates" in r["source"] for r in rates)
    assert [(v["field"], v["period"], v["sheet"], v["cell"], v["unit"]) for v in rates[1]["values"]] == [
        ("trade_total", "2022Q2", "主要经济指标", f"C{trade}", "亿美元"), ("exports", "2022Q2", "主要经济指标", f"C{exports}", "万美元")]
    assert [(v["field"], v["period"], v["cell"]) for v in rates[0]["values"]] == [
        ("trade_total", "2021Q2", f"D{trade}"), ("exports", "2021Q2", f"D{exports}")]

    report = run_cli("report", folder, "-o", tmp_path / "r.pdf")
    assert report.returncode == 0, report.stderr[-1500:]
    appendix = "".join("".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages[-2:]).split())
    # the rate's source as its table states it; the table's path is in the JSON, not in the Chinese text (issue 13)
    assert "indicators/exchange_rates.yaml" not in appendix
    for words in ["汇率（元/美元）", "按此汇率折算的数值", "2022年6.73近似值，待核实", "人民币对美元年平均汇率约数（项目领域资料）",
                  f"进出口总额（2022年1—6月，亿美元）表1›主要经济指标›C{trade}", f"出口总额（2021年1—6月，万美元）表1›主要经济指标›D{exports}"]:
        assert words in appendix, (words, appendix[-1500:])  # a cell's text wraps at any character: no spaces compared
    english = run_cli("report", folder, "--format", "html", "--lang", "en", "-o", tmp_path / "r.html")
    assert english.returncode == 0, english.stderr[-1500:]
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Exchange rates" in html and f"Total imports and exports (Jan–Jun 2022, US$100m) W1 › 主要经济指标 › C{trade}" in html


def test_a_run_that_converted_no_currency_lists_no_rate(framework, tmp_path):
    sheets, merges = full_tables(framework.fields, overrides={"fdi_actual": {"unit": "万美元"}})  # the field's own unit
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    done = run_cli("score", path, "--json")
    rates = json.loads(done.stdout)["exchange_rates"]
    # No workbook value changed currency; a rate may still be listed for the conditions that compare in dollars
    # (exports with US$2.5 bn: scorer.score.rules.rule_rates), with their ids and no values.
    assert done.returncode == 0 and all(e["values"] == [] and e["rules"] for e in rates), rates
