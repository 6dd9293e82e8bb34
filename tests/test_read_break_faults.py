"""Faults a break tester found in the reader, each fixed by its kind: whole numbers in .xls percent cells,
a date above a table hiding its 单位 note, Wind-style export headers, a growth check across currencies,
a workbook naming no period, and a run with no overall score. Every workbook is built here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.errors import ScorerError
from scorer.read.files import load_sheets
from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import HEADER, MERGES, Percent, observed, places, sheet, write, write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"


# ------------------------------------------------------------ a whole number in a percent cell (.xls RK records)
@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
def test_a_whole_number_in_a_percent_cell_is_read_in_percent_in_every_format(framework, tmp_path, fmt):
    # 100% is stored as 1.0, which an .xls keeps as an integer RK record (calamine gives int 1), and 0% as 0
    rows = [[TITLE], *HEADER, ["实际使用外资金额", "万美元", 1346.86, 673.43, Percent(1.0)],
            ["税收收入", "万元", 76_200, 76_200, Percent(0.0)], ["地区生产总值", "亿元", 120.9, 112.71, Percent(0.073)]]
    path = write(fmt, tmp_path, "翻倍_2022年1-6月", {"表1": rows}, {"表1": MERGES})
    if fmt == "xls":
        stored = load_sheets(path, path.read_bytes())[0][0].rows
        assert type(stored[3][4]) is int and type(stored[5][4]) is float  # the case this test is about
    result = ingest([path], framework.fields)
    assert result.problems == []  # 100% agrees with 1346.86 over 673.43: nothing is '1/100 of the levels'
    assert observed(result) == {
        ("表1", "C4"): ("fdi_actual", 1346.86, "万美元", "2022Q2", "current"),
        ("表1", "D4"): ("fdi_actual", 673.43, "万美元", "2021Q2", "prior"),
        ("表1", "E4"): ("fdi_actual", 100.0, "%", "2022Q2", "growth"),
        ("表1", "C5"): ("tax_revenue", 76_200.0, "万元", "2022Q2", "current"),
        ("表1", "D5"): ("tax_revenue", 76_200.0, "万元", "2021Q2", "prior"),
        ("表1", "E5"): ("tax_revenue", 0.0, "%", "2022Q2", "growth"),
        ("表1", "C6"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
        ("表1", "D6"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
        ("表1", "E6"): ("gdp", 7.3, "%", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_whole_number_in_a_percent_cell_of_a_database_export_is_read_in_percent(framework, tmp_path, fmt):
    rows = [["日期", "进出口总额_累计值(亿美元)", "进出口总额_累计增长"],
            [dt.date(2022, 6, 30), 6.0, Percent(1.0)], [dt.date(2021, 6, 30), 3.0, Percent(0.2)]]
    path = write(fmt, tmp_path, "导出翻倍", {"Sheet1": rows})
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert observed(result) == {
        ("Sheet1", "B2"): ("trade_total", round(6.0 * 1e4 * 6.73, 6), "万元", "2022Q2", "current"),
        ("Sheet1", "C2"): ("trade_total", 100.0, "%", "2022Q2", "growth"),
        ("Sheet1", "B3"): ("trade_total", round(3.0 * 1e4 * 6.45, 6), "万元", "2021Q2", "current"),
        ("Sheet1", "C3"): ("trade_total", 20.0, "%", "2021Q2", "growth")}


# ------------------------------------------------------------ a date above the header, the 单位 note above it
@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
@pytest.mark.parametrize("merged", [True, False])
def test_a_unit_note_above_a_date_in_the_header_band_is_the_tables_unit(framework, tmp_path, fmt, merged):
    rows = [["周口经济开发区主要指标"], ["单位：亿元"], ["", dt.date(2022, 6, 30)],
            ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", 120.9, 112.71, 7.3],
            ["税收收入", 7.62, 7.08, 7.6]]
    path = write(fmt, tmp_path, "日期带单位", {"主要指标": rows}, {"主要指标": ["B3:D3"]} if merged else None)
    result = ingest([path], framework.fields)
    assert result.problems == []  # no 'no unit given' warning: the note is found past the date
    assert observed(result) == {
        ("主要指标", "B5"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
        ("主要指标", "C5"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
        ("主要指标", "D5"): ("gdp", 7.3, "%", "2022Q2", "growth"),
        ("主要指标", "B6"): ("tax_revenue", 76_200.0, "万元", "2022Q2", "current"),
        ("主要指标", "C6"): ("tax_revenue", 70_800.0, "万元", "2021Q2", "prior"),
        ("主要指标", "D6"): ("tax_revenue", 7.6, "%", "2022Q2", "growth")}
    assert {o.unit_as_written for o in result.observations if o.basis != "growth"} == {"亿元"}


def test_a_unit_note_is_not_taken_past_the_data_of_the_table_above(framework, tmp_path):
    rows = [["单位：亿元"], ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", 120.9, 112.71, 7.3],
            ["指标名称", "期末数", "上年同期", "同比增长(%)"], ["上市企业数", 2, 1, 100]]
    result = ingest([write_xlsx(tmp_path / "两表_2022年1-6月.xlsx", {"S": rows})], framework.fields)
    assert result.problems == []  # 上市企业数 in 亿元 would be refused: the 亿元 note is the table above's
    assert observed(result)[("S", "B5")] == ("listed_companies", 2.0, "家", "2022Q2", "current")
    assert {o.cell: o.unit_as_written for o in result.observations if o.basis != "growth"} == {
        "B3": "亿元", "C3": "亿元", "B5": None, "C5": None}


# ------------------------------------------------------------ export headers with a colon (Wind), a unit row
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("colon", [":", "："])
def test_export_headers_joined_by_a_colon_are_read_like_underscored_ones(framework, tmp_path, fmt, colon):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["日期", f"进出口总额{colon}累计值(亿美元)", f"规模以上工业企业营业收入{colon}累计(亿元)",
             f"进出口总额{colon}累计增长(%)", f"进出口总额{colon}当月值(亿美元)"],
            [date(2022, 6, 30), 3.0, 120.5, 20.0, 0.6], [date(2022, 5, 31), 2.4, 100.0, 18.0, 0.5]]
    path = write(fmt, tmp_path, "冒号导出", {"Sheet1": rows})
    result, s = ingest([path], framework.fields), sheet(path, "Sheet1")
    assert result.problems == []
    assert observed(result) == {
        (s, "B2"): ("trade_total", round(3.0 * 1e4 * 6.73, 6), "万元", "2022Q2", "current"),
        (s, "C2"): ("industrial_revenue", 1_205_000.0, "万元", "2022Q2", "current"),
        (s, "D2"): ("trade_total", 20.0, "%", "2022Q2", "growth")}


def test_a_wind_export_with_a_region_before_the_indicator_and_a_unit_row(framework, tmp_path):
    rows = [["指标名称", "周口经开区:进出口总额:累计值", "周口经开区:规模以上工业企业营业收入:累计值"],
            ["频率", "月", "月"], ["单位", "亿美元", "亿元"], [dt.date(2022, 6, 30), 3.0, 120.5]]
    result = ingest([write_xlsx(tmp_path / "wind.xlsx", {"Sheet1": rows})], framework.fields)
    assert result.problems == []
    assert observed(result) == {
        ("Sheet1", "B4"): ("trade_total", round(3.0 * 1e4 * 6.73, 6), "万元", "2022Q2", "current"),
        ("Sheet1", "C4"): ("industrial_revenue", 1_205_000.0, "万元", "2022Q2", "current")}
    assert {o.cell: o.unit_as_written for o in result.observations} == {"B4": "亿美元", "C4": "亿元"}


def test_an_export_column_naming_a_field_that_cannot_be_read_is_warned_about_at_its_header(framework, tmp_path):
    rows = [["日期", "进出口总额_累计值(亿美元)", "进出口总额_环比(%)", "税收收入:期末余额(亿元)"],
            [dt.date(2022, 6, 30), 3.0, 5.0, 4.0]]
    result = ingest([write_xlsx(tmp_path / "不识.xlsx", {"Sheet1": rows})], framework.fields)
    assert places(result.problems) == [("warning", "Sheet1", "C1"), ("warning", "Sheet1", "D1")]
    assert "「进出口总额_环比(%)」 names 「进出口总额」 (trade_total), but not what its column holds" in \
        result.problems[0].message
    assert "「税收收入」 (tax_revenue)" in result.problems[1].message and "its values are not read" in result.problems[1].message
    assert [o.cell for o in result.observations] == ["B2"]

    alone = ingest([write_xlsx(tmp_path / "只有不识.xlsx", {"Sheet1": [r[:1] + r[2:3] for r in rows]})], framework.fields)
    assert places(alone.problems) == [("error", "Sheet1", "B1"), ("warning", "Sheet1", "B1")]
    assert "no column of the export that names a statistic of the framework could be read" in alone.errors[0].message
    assert "「进出口总额_环比(%)」 (B1)" in alone.errors[0].message  # said in the refusal itself (bt10f F17)


def test_an_export_of_the_months_values_only_is_refused_at_its_header(framework, tmp_path):
    rows = [["日期", "进出口总额_当月(亿元)", "税收收入_当月(亿元)"], [dt.date(2022, 6, 30), 2.0, 0.6]]
    result = ingest([write_xlsx(tmp_path / "当月.xlsx", {"数据": rows})], framework.fields)
    assert places(result.problems) == [("error", "数据", "B1")]
    assert "the export gives only the month's values (当月)" in result.problems[0].message


# ------------------------------------------------------------ a published rate across a currency conversion
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_growth_rate_beside_converted_money_is_checked_in_the_currency_written(framework, tmp_path, fmt):
    rows = [[TITLE], *HEADER, ["实际使用外资金额", "万元", 4532.2, 3702.0, 22.4],  # 4532.2 / 3702.0 − 1 = 22.4%
            ["进出口总额", "万美元", 1000.0, 800.0, 40.0]]  # 25% in dollars as written (30.4% once in yuan)
    path = write(fmt, tmp_path, "外资万元_2022年1-6月", {"表1": rows}, {"表1": MERGES})
    result, s = ingest([path], framework.fields), sheet(path, "表1")
    assert places(result.problems) == [("warning", s, "E5")]  # not 22.4% against 12.5% at E4
    assert "published 同比 40% but" in result.problems[0].message and "gives 25.0%" in result.problems[0].message
    got = observed(result)
    assert got[(s, "C4")] == ("fdi_actual", round(4532.2 / 6.73, 6), "万美元", "2022Q2", "current")
    assert got[(s, "D4")] == ("fdi_actual", round(3702.0 / 6.45, 6), "万美元", "2021Q2", "prior")
    assert got[(s, "E4")] == ("fdi_actual", 22.4, "%", "2022Q2", "growth")
    rates = {o.cell: o.exchange_rate.yuan_per_dollar for o in result.observations if o.exchange_rate}
    assert rates == {"C4": 6.73, "D4": 6.45, "C5": 6.73, "D5": 6.45}


# ------------------------------------------------------------ no period anywhere
def test_a_workbook_naming_no_period_is_refused_naming_the_sheets_title_and_headers(framework, tmp_path):
    sheets = {"主要指标": [["周口经济开发区主要经济指标"], ["指标名称", "本年累计", "上年同期", "同比增长(%)"],
                           ["地区生产总值（亿元）", 120.9, 112.71, 7.3]],
              "园区": [["园区指标"], ["指标名称", "期末数", "上年同期"], ["上市企业数", 2, 1]]}
    path = write_xlsx(tmp_path / "无期间.xlsx", sheets)
    result = ingest([path], framework.fields)
    assert places(result.problems) == [("error", "主要指标", "A1")]
    message = result.problems[0].message
    assert message.startswith("cannot tell which period this workbook covers; no quarter is named in the file name, ")
    assert "sheet 「主要指标」 (its name, A1 「周口经济开发区主要经济指标」, B2 「本年累计」)" in message
    assert "sheet 「园区」 (its name, A1 「园区指标」, B2 「期末数」)" in message
    assert "工作表「主要指标」（表名、单元格 A1「周口经济开发区主要经济指标」、单元格 B2「本年累计」）" in result.problems[0].message_zh


# ------------------------------------------------------------ no overall score
def test_with_no_overall_score_every_command_says_so_and_none_gives_a_rank(framework, tmp_path):
    from scorer.pipeline import analyse, run
    from scorer.whatif.plan import plan
    from scorer.whatif.scenario import compare
    from scorer.whatif.uncertainty import monte_carlo

    rows = [["日期", "工业增加值累计增长(%)"], [dt.date(2022, 6, 30), 5.6]]  # a growth rate alone scores nothing
    path = write_xlsx(tmp_path / "仅增速.xlsx", {"Sheet1": rows})
    r = run([path])
    assert r.overall is None and r.standing is None and r.readiness is None
    for attempt in (lambda: plan(r, target=60), lambda: plan(r, verdict=True), lambda: compare(r, []),
                    lambda: monte_carlo(r, draws=20), lambda: analyse(r, plan_target=60.0)):
        with pytest.raises(ScorerError) as refused:
            attempt()
        assert "no overall score can be computed for 2022Q2: 0 of 30 indicators have a value" in str(refused.value)

    score = run_cli("score", path, "--lang", "zh")
    assert score.returncode == 0 and "2022Q2 无法计算综合得分" in score.stdout
    assert "估算排名" not in score.stdout and "后5名线" not in score.stdout and "nan" not in score.stdout
    report = run_cli("report", path, "-o", tmp_path / "r.pdf", "--lang", "zh")
    assert report.returncode == 1 and f"{path.name}：错误：2022Q2 无法计算综合得分" in report.stderr
    assert not (tmp_path / "r.pdf").exists()
    series = run_cli("series", path, "--field", "trade_total", "--lang", "zh")
    assert series.returncode == 0 and "报表中没有「进出口总额」（trade_total）的累计值或期末值" in series.stdout
    for done in (score, report, series):
        assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_an_export_naming_a_field_without_dates_beside_it_is_warned_about_not_passed_over(framework, tmp_path):
    sheets = {"表1": [[TITLE], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]],
              "导出": [["地区", "进出口总额_累计值(亿美元)", "税收收入_累计(亿元)"], ["周口经开区", 3.0, 7.6]]}
    path = write_xlsx(tmp_path / "无日期导出_2022年1-6月.xlsx", sheets, {"表1": MERGES})
    result = ingest([path], framework.fields)
    assert places(result.problems) == [("warning", "导出", "B1")]
    assert result.problems[0].message.startswith("「进出口总额_累计值(亿美元)」 names 「进出口总额」 (trade_total), but no "
                                                 "column of dates")
    assert {o.sheet for o in result.observations} == {"表1"} and len(result.observations) == 3


@pytest.mark.parametrize("note", ["指标：进出口总额_累计值(千美元)", "指标：地区生产总值(亿元)"])
def test_a_monthly_time_series_titled_with_a_statistic_of_the_framework_is_refused_as_one(framework, tmp_path, note):
    rows = [["数据库：分省月度数据"], [note], ["时间：最近6个月"], ["地区", "2023年6月", "2023年5月", "2023年4月"],
            ["北京市", 100.0, 90.0, 80.0], ["河南省", 50.0, 45.0, 40.0]]
    result = ingest([write_xlsx(tmp_path / "分省月度.xlsx", {"sheet1": rows})], framework.fields)
    [problem] = result.problems  # not a column headed 指标：… whose values are 地区, 北京市 …
    assert (problem.severity, problem.location.sheet, problem.location.cell) == ("error", "sheet1", None)
    assert f"sheet 「sheet1」 looks like a time series of {note[3:]}: periods across row 4 (2023年6月 … 2023年4月)" in \
        problem.message and result.observations == []
