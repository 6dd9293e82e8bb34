"""Real workbooks (issue 10): each kind of fault, in every format it applies to, is read right or refused at its cell.

Every workbook is built here; each test asserts every value, unit, period and source cell read, or the
exact place named in the refusal. Formats: .xlsx (XlsxWriter), strict Open XML .xlsx (the same file under
the strict namespaces), .xls (xlwt), CSV where the fault can occur in one.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import (HEADER, MERGES, Percent, full_tables, ingest_limited, observed, places, sheet, stray_workbook,
                             write, write_xlsx)

FORMATS = ["xlsx", "strict", "xls", "csv"]


# ------------------------------------------------------------ 1. a stray far-away cell
@pytest.mark.parametrize("fmt,dimension", [("xlsx", None), ("strict", None), ("xlsx", "A1:E4"),
                                           ("xlsx", "A1:XFD1048576")])
def test_a_stray_cell_at_xfd1048576_is_left_out_with_a_warning_naming_it_in_bounded_memory(tmp_path, fmt, dimension):
    path = stray_workbook(tmp_path, fmt, dimension)  # the <dimension> tag lies either way, or is right
    done = ingest_limited(path)
    assert done.returncode == 0, done.stderr[-2000:]
    records = json.loads(done.stdout)["observations"]
    assert [(r["field"], r["value"], r["unit"], r["period"], r["column"], r["source"]["cell"]) for r in records] == [
        ("gdp", 1_209_000.0, "万元", "2022Q2", "current", "C4"), ("gdp", 1_127_100.0, "万元", "2021Q2", "prior", "D4"),
        ("gdp", 7.3, "%", "2022Q2", "growth", "E4")]
    warning = next(line for line in done.stderr.splitlines() if "stray cell" in line)
    assert f"{path} › sheet 「表1」 › cell XFD1048576: warning: " in warning
    assert "end at E4" in warning
    strict = run_cli("ingest", path, "--strict")
    assert strict.returncode == 1 and "cell XFD1048576: error: a stray cell" in strict.stderr


# ------------------------------------------------------------ 2. percent formats, and a rate off by 100
@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
def test_a_growth_rate_in_a_percent_formatted_cell_is_read_in_percent_in_every_format(framework, tmp_path, fmt):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER,
            ["地区生产总值", "亿元", 120.9, 112.71, Percent(0.073)], ["税收收入", "万元", 76_200, 71_800, Percent(0.061)]]
    result = ingest([write(fmt, tmp_path, "增速_2022年1-6月", {"表1": rows}, {"表1": MERGES})], framework.fields)
    assert result.problems == []
    assert observed(result) == {
        ("表1", "C4"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
        ("表1", "D4"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
        ("表1", "E4"): ("gdp", 7.3, "%", "2022Q2", "growth"),
        ("表1", "C5"): ("tax_revenue", 76_200.0, "万元", "2022Q2", "current"),
        ("表1", "D5"): ("tax_revenue", 71_800.0, "万元", "2021Q2", "prior"),
        ("表1", "E5"): ("tax_revenue", 6.1, "%", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("published,times", [(0.061, "1/100 of"), (613, "100 times")])
def test_a_published_rate_100_times_off_the_levels_is_refused_at_its_cell(framework, tmp_path, fmt, published, times):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER,
            ["税收收入", "万元", 76_200, 71_800, published], ["地区生产总值", "亿元", 120.9, 112.71, 0.045]]
    path = write(fmt, tmp_path, "百倍_2022年1-6月", {"表1": rows}, {"表1": MERGES})
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    # 76200 / 71800 − 1 = 6.13%; 地区生产总值's 0.045 is at constant prices against 7.3% current: 1/100 all the same
    assert places(result.problems) == [("error", s, "E4"), ("error", s, "E5")]
    message = next(p.message for p in result.problems if p.location.cell == "E4")
    assert f"「税收收入」: published 同比 {published:g}% is {times} what the levels give" in message
    assert "gives 6.1%" in message and "not used" in message


def test_a_rate_near_the_levels_is_not_taken_for_one_off_by_100(framework, tmp_path):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["税收收入", "万元", 76_200, 71_800, 6.0],
            ["实际使用外资金额", "万美元", 100.5, 100, 0.5]]  # 0.5% both ways: nothing to tell
    result = ingest([write_xlsx(tmp_path / "近_2022年1-6月.xlsx", {"表1": rows}, {"表1": MERGES})], framework.fields)
    assert result.problems == []


# ------------------------------------------------------------ 3. a period written as a date
@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
@pytest.mark.parametrize("day", [1, 30])
def test_a_date_in_the_title_gives_the_period(framework, tmp_path, fmt, day):
    rows = [["周口经济开发区主要经济指标", dt.date(2022, 6, day)], ["指标名称", "计量单位", "累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    path = write(fmt, tmp_path, "日期标题", {"表1": rows})
    result = ingest([path], framework.fields)
    assert result.problems == [] and result.periods == {str(path): "2022Q2"}
    assert observed(result) == {("表1", "C3"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
                                ("表1", "D3"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
                                ("表1", "E3"): ("gdp", 7.3, "%", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
def test_dates_as_column_headers_give_this_quarter_and_last_years(framework, tmp_path, fmt):
    # A date names one month: a stock's end of June, never a flow's January to June (bt10g F2)
    rows = [["周口经济开发区主要经济指标"], ["指标名称", "计量单位", dt.date(2022, 6, 30), dt.date(2021, 6, 30)],
            ["上市企业数", "家", 3, 2], ["高新技术企业数", "家", 40, 31], ["地区生产总值", "亿元", 120.9, 112.71]]
    path = write(fmt, tmp_path, "日期表头", {"表1": rows})
    result = ingest([path], framework.fields)
    assert result.periods == {str(path): "2022Q2"}
    assert observed(result) == {("表1", "C3"): ("listed_companies", 3.0, "家", "2022Q2", "current"),
                                ("表1", "D3"): ("listed_companies", 2.0, "家", "2021Q2", "prior"),
                                ("表1", "C4"): ("hightech_enterprises", 40.0, "家", "2022Q2", "current"),
                                ("表1", "D4"): ("hightech_enterprises", 31.0, "家", "2021Q2", "prior")}
    assert [(p.severity, p.code, p.location.cell) for p in result.problems] == [("error", "month_table", "C2")]
    assert "「地区生产总值」" in result.problems[0].message


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_date_that_is_no_month_end_is_not_a_period(framework, tmp_path, fmt):
    rows = [["周口经济开发区主要经济指标", "填报日期", dt.date(2022, 7, 15)], ["指标名称", "计量单位", "累计"],
            ["地区生产总值", "亿元", 120.9]]
    result = ingest([write(fmt, tmp_path, "填报日期", {"表1": rows})], framework.fields)
    assert [p.message[:37] for p in result.problems] == ["cannot tell which period this workboo"]


# ------------------------------------------------------------ 4. a stale month range under a year band
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_stale_month_range_under_a_merged_year_band_is_refused_at_its_cell(framework, tmp_path, fmt):
    rows = [["周口经济开发区主要经济指标"], ["指标名称", "计量单位", "2022年", "", ""],
            ["", "", "1-5月累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    path = write(fmt, tmp_path, "旧表头_2022年1-6月", {"表1": rows}, {"表1": ["A2:A3", "B2:B3", "C2:E2"]})
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert places(result.errors) == [("error", s, "C3")]
    assert result.errors[0].message == "the column header 「2022年1-5月累计」 names 1-5月, but the workbook is for 2022Q2"
    assert (s, "C4") not in observed(result)


# ------------------------------------------------------------ 5. hidden sheets
def _with_last_months_table(fmt, folder, visibility):
    this = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    old = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 99.0, 92.0, 7.6]]
    return write(fmt, folder, f"隐藏_2022年1-6月_{visibility}", {"本月": this, "旧表": old},
                 {"本月": MERGES, "旧表": MERGES}, hidden={"旧表": visibility})


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
@pytest.mark.parametrize("visibility", ["hidden", "veryhidden"])
def test_a_hidden_sheet_is_skipped_with_a_note_and_read_on_request(framework, tmp_path, fmt, visibility):
    path = _with_last_months_table(fmt, tmp_path, visibility)
    result = ingest([path], framework.fields)
    assert observed(result) == {("本月", "C4"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
                                ("本月", "D4"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
                                ("本月", "E4"): ("gdp", 7.3, "%", "2022Q2", "growth")}
    assert places(result.problems) == [("note", "旧表", None)]
    assert "and was not read, though it holds 「地区生产总值」" in result.problems[0].message
    both = ingest([path], framework.fields, hidden_sheets=True)
    assert any("read twice with different values" in p.message for p in both.errors)


def test_hidden_sheets_from_the_cli_a_note_by_default_and_read_with_the_option(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    sheets["旧表"] = [["周口经济开发区2022年1-5月主要经济指标"], ["指标名称", "计量单位", "1-5月累计"], ["地区生产总值", "亿元", 99.0]]
    path = write_xlsx(tmp_path / "隐藏_2022年1-6月.xlsx", sheets, merges, hidden={"旧表": "hidden"})
    plain = run_cli("ingest", path, "--strict")
    assert plain.returncode == 0, plain.stderr  # a note never blocks, even under --strict
    assert f"{path} › sheet 「旧表」: note: the sheet is hidden and was not read" in plain.stderr
    read = run_cli("ingest", path, "--hidden-sheets")
    assert read.returncode == 1 and "Traceback" not in read.stderr
    assert f"{path} › sheet 「旧表」 › cell C2: error: the column header 「1-5月累计」 names 1-5月" in read.stderr


# ------------------------------------------------------------ 8. money in another currency
@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
def test_dollars_in_a_yuan_field_convert_at_the_average_rate_of_each_values_year(framework, tmp_path, fmt):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["进出口总额", "亿美元", 3.0, 2.5, 20.0]]
    path = write(fmt, tmp_path, "外贸_2022年1-6月", {"表1": rows}, {"表1": MERGES})
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert result.problems == []
    assert observed(result) == {(s, "C4"): ("trade_total", round(3.0 * 1e4 * 6.73, 6), "万元", "2022Q2", "current"),
                                (s, "D4"): ("trade_total", round(2.5 * 1e4 * 6.45, 6), "万元", "2021Q2", "prior"),
                                (s, "E4"): ("trade_total", 20.0, "%", "2022Q2", "growth")}
    rates = {o.cell: o.as_dict()["source"].get("exchange_rate") for o in result.observations}
    assert rates["C4"]["year"] == 2022 and rates["C4"]["yuan_per_dollar"] == 6.73
    assert rates["D4"]["year"] == 2021 and rates["D4"]["yuan_per_dollar"] == 6.45
    assert rates["C4"]["confidence"] == "approximate" and "domain notes" in rates["C4"]["source"]  # its source (yardsticks.md §5), said without a file name
    assert rates["E4"] is None


def test_dollars_in_a_year_the_rate_table_does_not_hold_are_refused_at_the_unit_cell(framework, tmp_path):
    rows = [["周口经济开发区2019年1-6月主要经济指标"], ["指标名称", "计量单位", "2019年", "", ""],
            ["", "", "1-6月累计", "上年同期", "同比增长(%)"], ["进出口总额", "亿美元", 3.0, 2.5, 20.0]]
    result = ingest([write_xlsx(tmp_path / "早年_2019年1-6月.xlsx", {"表1": rows}, {"表1": MERGES})], framework.fields)
    assert places(result.errors) == [("error", "表1", "B4"), ("error", "表1", "B4")]  # 2019 and 上年同期's 2018
    for year, problem in zip((2018, 2019), sorted(result.errors, key=lambda p: p.message)):
        assert f"no yuan-per-dollar rate for {year} in indicators/exchange_rates.yaml" in problem.message
    assert [o.cell for o in result.observations] == ["E4"]


def test_the_cli_json_records_the_rate_each_dollar_value_was_converted_at(tmp_path):
    rows = [["周口经济开发区2023年1-3月主要经济指标"], ["指标名称", "计量单位", "2023年", "", ""],
            ["", "", "1-3月累计", "上年同期", "同比增长(%)"], ["出口总额", "万美元", 1000, 800, 25.0]]
    path = write_xlsx(tmp_path / "出口_2023年1-3月.xlsx", {"表1": rows}, {"表1": MERGES})
    done = run_cli("ingest", path, "--json")
    assert done.returncode == 0, done.stderr
    records = {r["source"]["cell"]: r for r in json.loads(done.stdout)["observations"]}
    assert records["C4"]["value"] == pytest.approx(1000 * 7.05) and records["C4"]["unit"] == "万元"
    assert records["C4"]["source"]["exchange_rate"]["yuan_per_dollar"] == 7.05
    assert records["D4"]["value"] == pytest.approx(800 * 6.73) and records["D4"]["period"] == "2022Q1"


# ------------------------------------------------------------ 6. workbooks that are not zone tables
def national_time_series(fmt, folder, stem="国家数据_分省年度数据"):
    """A download from a statistics database: the indicator in a title, years across, provinces down."""
    rows = [["指标：地区生产总值(亿元)"], ["地区", "2023年", "2022年", "2021年"], ["北京市", 43760.7, 41610.9, 41045.6],
            ["河南省", 59132.4, 61345.1, 58071.4], ["数据来源：国家统计局"]]
    return write(fmt, folder, stem, {"分省年度数据": rows})


def database_export(fmt, folder, stem="宏观数据库导出"):
    """Indicators in columns, real dates down the rows (none of them a statistic of the framework)."""
    rows = [["日期", "社会消费品零售总额_累计值(亿元)", "居民消费价格指数_当月同比(%)"],
            [dt.date(2022, 6, 30), 210432.0, 2.5], [dt.date(2022, 3, 31), 108659.0, 1.5], [dt.date(2021, 12, 31), 440823.0, 1.5]]
    return write(fmt, folder, stem, {"Sheet1": rows})


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_time_series_download_is_refused_saying_what_it_is_naming_the_sheet(framework, tmp_path, fmt):
    path = national_time_series(fmt, tmp_path)
    result = ingest([path], framework.fields)
    [problem] = result.problems
    s = sheet(path, "分省年度数据")
    assert (problem.severity, problem.location.sheet, problem.location.cell) == ("error", s, None)
    assert problem.message == (
        "no statistic of the framework was found in this workbook: no row is labelled with a statistic of the "
        f"framework; sheet 「{s}」 looks like a time series of 地区生产总值(亿元): periods across row 2 (2023年 … 2021年), "
        "「北京市」、「河南省」、「数据来源：国家统计局」 … down the rows" + (" (the CSV was read as UTF-8 text)" if fmt == "csv" else ""))


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
def test_a_database_export_of_other_indicators_is_refused_saying_what_it_is(framework, tmp_path, fmt):
    path = database_export(fmt, tmp_path)
    [problem] = ingest([path], framework.fields).problems
    assert problem.severity == "error" and problem.location.sheet == "Sheet1"
    assert problem.message.endswith(
        "sheet 「Sheet1」 looks like a database export: dates down column A (2022年6月 … 2021年12月) and indicators "
        "across the columns (「社会消费品零售总额_累计值(亿元)」、「居民消费价格指数_当月同比(%)」 …)")


def test_one_stray_file_in_a_folder_is_a_warning_and_the_others_are_scored(framework, tmp_path):
    folder = tmp_path / "workbooks"
    folder.mkdir()
    sheets, merges = full_tables(framework.fields)
    write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    stray = national_time_series("xlsx", folder)
    done = run_cli("score", folder)
    assert done.returncode == 0, done.stderr
    line = next(l for l in done.stderr.splitlines() if "no statistic of the framework" in l)
    assert line.startswith(f"{stray} › sheet 「分省年度数据」: warning: ") and "the other workbooks are read without it" in line
    assert "2022Q2" in done.stdout
    strict = run_cli("score", folder, "--strict")
    assert strict.returncode == 1 and f"{stray} › sheet 「分省年度数据」: error: no statistic" in strict.stderr
    assert "Traceback" not in strict.stderr


# ------------------------------------------------------------ 7. transposed tables (database exports)
EXPORT_HEADER = ["指标名称", "进出口总额_累计值(亿美元)", "进出口总额_累计增长(%)", "规模以上工业企业营业收入_累计(亿元)",
                 "工业增加值累计增长(%)", "进出口总额_当月值(亿美元)"]


def _export_rows(fmt):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date  # a CSV export writes its dates as text
    return [EXPORT_HEADER, [date(2022, 6, 30), 3.0, 20.0, 120.5, 8.1, 0.6], [date(2022, 5, 31), 2.4, 18.0, 100.0, 7.9, 0.5],
            [date(2022, 3, 31), 1.5, 25.0, 60.0, 9.0, 0.4], [date(2021, 12, 31), 5.5, 10.0, 230.0, 6.0, 0.7]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_database_export_naming_fields_in_its_columns_is_read_row_by_row(framework, tmp_path, fmt):
    path = write(fmt, tmp_path, "数据库导出", {"Sheet1": _export_rows(fmt)})
    result, s = ingest([path], framework.fields), sheet(path, "Sheet1")
    assert result.problems == [] and result.periods == {str(path): "2022Q2"}
    # the 5月 row is no quarter's end, the _当月值 column not a cumulative value: neither is read
    assert observed(result) == {
        (s, "B2"): ("trade_total", round(3.0 * 1e4 * 6.73, 6), "万元", "2022Q2", "current"),
        (s, "C2"): ("trade_total", 20.0, "%", "2022Q2", "growth"),
        (s, "D2"): ("industrial_revenue", 1_205_000.0, "万元", "2022Q2", "current"),
        (s, "E2"): ("industrial_value_added", 8.1, "%", "2022Q2", "growth"),
        (s, "B4"): ("trade_total", round(1.5 * 1e4 * 6.73, 6), "万元", "2022Q1", "current"),
        (s, "C4"): ("trade_total", 25.0, "%", "2022Q1", "growth"),
        (s, "D4"): ("industrial_revenue", 600_000.0, "万元", "2022Q1", "current"),
        (s, "E4"): ("industrial_value_added", 9.0, "%", "2022Q1", "growth"),
        (s, "B5"): ("trade_total", round(5.5 * 1e4 * 6.45, 6), "万元", "2021Q4", "current"),
        (s, "C5"): ("trade_total", 10.0, "%", "2021Q4", "growth"),
        (s, "D5"): ("industrial_revenue", 2_300_000.0, "万元", "2021Q4", "current"),
        (s, "E5"): ("industrial_value_added", 6.0, "%", "2021Q4", "growth")}
    labels = {o.cell: (o.label, o.unit_as_written) for o in result.observations}
    assert labels["B2"] == ("进出口总额_累计值(亿美元)", "亿美元") and labels["D4"] == ("规模以上工业企业营业收入_累计(亿元)", "亿元")
    assert {o.cell: o.exchange_rate.year for o in result.observations if o.exchange_rate} == {"B2": 2022, "B4": 2022,
                                                                                              "B5": 2021}


def test_an_export_column_without_a_unit_is_refused_at_its_header(framework, tmp_path):
    rows = [["日期", "进出口总额_累计值"], [dt.date(2022, 6, 30), 3.0]]
    result = ingest([write_xlsx(tmp_path / "无单位导出.xlsx", {"Sheet1": rows})], framework.fields)
    assert places(result.problems) == [("error", "Sheet1", "B1")]
    assert "「进出口总额_累计值」 gives no unit" in result.problems[0].message and result.observations == []
