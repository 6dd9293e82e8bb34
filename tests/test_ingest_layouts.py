"""Workbooks in the layouts statistics offices really send read to the right value, unit, period and cell."""

from __future__ import annotations

import shutil

import pytest

from scorer.read.ingest import find_period, ingest, label_key, parse_number
from tests.workbooks import ErrorValue, Formula, Percent, full_tables, write_csv, write_xls, write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"
HEADER = [["指标名称", "计量单位", "2022年", "", ""], ["", "", "1-6月累计", "上年同期", "同比增长(%)"]]
HEADER_MERGES = ["A1:E1", "A2:A3", "B2:B3", "C2:E2"]


def read(framework, *paths, required=None):
    result = ingest(list(paths), framework.fields, required)
    return {(o.sheet, o.cell): o for o in result.observations}, result


def expect(got, sheet, cell, field, value, period="2022Q2", basis=None, unit=None, written=None):
    o = got[(sheet, cell)]
    assert o.field == field, (cell, o)
    assert o.value == pytest.approx(value, rel=1e-12), (cell, o)
    assert o.period == period, (cell, o)
    if basis:
        assert o.basis == basis, (cell, o)
    if unit:
        assert o.unit == unit, (cell, o)
    if written is not None:
        assert o.unit_as_written == written, (cell, o)
    return o


# ----------------------------------------------------------------------- headers and columns
def test_a_merged_two_row_header_with_a_unit_column_converts_every_unit(framework, tmp_path):
    rows = [[TITLE], *HEADER,
            ["1.实际使用外资金额", "亿美元", 0.4, 0.35, 14.3],
            ["2.进出口总额", "元", 228_700_000, 210_100_000, 8.9],
            ["建成区面积", "亩", 32_325, 31_110, 3.9],
            ["二氧化碳排放量", "万吨", 72.66, 69.05, 5.2],
            ["常住人口", "人", 71_020, 69_820, 1.7],
            ["外商投资企业数", "家", 36, 33, 9.1],
            ["高新技术企业数", "个", 91, 72, 26.4]]
    path = write_xlsx(tmp_path / "统计.xlsx", {"主要指标": rows}, {"主要指标": HEADER_MERGES})
    got, result = read(framework, path)
    assert result.problems == []
    expect(got, "主要指标", "C4", "fdi_actual", 4000, basis="ytd", unit="万美元", written="亿美元")
    expect(got, "主要指标", "D4", "fdi_actual", 3500, period="2021Q2", basis="ytd")
    expect(got, "主要指标", "E4", "fdi_actual", 14.3, basis="growth", unit="%")
    expect(got, "主要指标", "C5", "trade_total", 22_870, unit="万元", written="元")
    expect(got, "主要指标", "C6", "built_area", 32_325 / 1500, basis="stock", unit="平方公里")
    expect(got, "主要指标", "C7", "co2_emissions", 726_600, unit="吨")
    expect(got, "主要指标", "C8", "population", 7.102, unit="万人")
    expect(got, "主要指标", "C9", "foreign_enterprises", 36, unit="家")
    expect(got, "主要指标", "C10", "hightech_enterprises", 91, unit="家", written="个")
    assert got[("主要指标", "D4")].column == "prior" and got[("主要指标", "C4")].column == "current"
    assert len(got) == 7 * 3


def test_units_in_the_label_in_a_note_above_and_in_the_column_header(framework, tmp_path):
    rows = [[TITLE], ["", "", "", "单位：亿元"], ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", 120.9, 112.71, 7.3],                       # the note: 亿元
            ["实际使用外资金额（万美元）", 4040.58, 3443.62, 17.3],      # the label beats the note
            ["税收收入（ 万元 ）①", 76_200, 70_800, 7.6]]               # full-width, spaced, footnoted
    path = write_xlsx(tmp_path / "a.xlsx", {"表1": rows})
    got, result = read(framework, path)
    assert result.problems == []
    expect(got, "表1", "B4", "gdp", 1_209_000, written="亿元")
    expect(got, "表1", "B5", "fdi_actual", 4040.58, written="万美元")
    expect(got, "表1", "C6", "tax_revenue", 70_800, period="2021Q2", written="万元")

    note_beside = [[TITLE], ["填报单位：周口经济开发区管委会", "", "2022年7月报", "金额单位：亿元"],
                   ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", 120.9, 112.71, 7.3]]
    got, result = read(framework, write_xlsx(tmp_path / "c.xlsx", {"表1": note_beside}))
    assert result.problems == []
    expect(got, "表1", "B4", "gdp", 1_209_000, written="亿元")

    header_units = [[TITLE], ["指标", "1-6月累计（亿元）", "上年同期（亿元）", "增速(%)"], ["地区生产总值", 120.9, 112.71, 7.3]]
    got, result = read(framework, write_xlsx(tmp_path / "b.xlsx", {"表1": header_units}))
    assert result.problems == []
    expect(got, "表1", "B3", "gdp", 1_209_000, written="亿元")
    expect(got, "表1", "C3", "gdp", 1_127_100, period="2021Q2")
    expect(got, "表1", "D3", "gdp", 7.3, basis="growth")


def test_a_month_column_is_never_read_and_its_growth_neither(framework, tmp_path):
    rows = [[TITLE],
            ["指标名称", "计量单位", "本月", "", "1-6月累计", ""],
            ["", "", "绝对值", "同比±%", "绝对值", "同比±%"],
            ["地区生产总值", "亿元", 21.5, 3.3, 120.9, 7.3]]
    path = write_xlsx(tmp_path / "m.xlsx", {"月报": rows}, {"月报": ["A2:A3", "B2:B3", "C2:D2", "E2:F2"]})
    got, result = read(framework, path)
    assert result.problems == []
    assert sorted(got) == [("月报", "E4"), ("月报", "F4")]
    expect(got, "月报", "E4", "gdp", 1_209_000, basis="ytd")
    expect(got, "月报", "F4", "gdp", 7.3, basis="growth")


def test_a_header_spanning_unmerged_columns_is_read_as_if_merged(framework, tmp_path):
    # Centred across the selection or typed into the first cell only: CSV has no merged cells at all.
    rows = [[TITLE], ["指标名称", "本月", "", "本年累计", "", ""],
            ["", "数值", "增长%", "数值", "增长%", "上年同期"],
            ["规上工业增加值（万元）", "121,000", "4.1", "659,929.67", "10.6", "596,533.82"]]
    got, result = read(framework, write_csv(tmp_path / "2022年1-6月.csv", rows))
    assert result.problems == []
    assert sorted(c for _, c in got) == ["D4", "E4", "F4"]
    expect(got, "2022年1-6月", "D4", "industrial_value_added", 659_929.67, basis="ytd")
    expect(got, "2022年1-6月", "E4", "industrial_value_added", 10.6, basis="growth")
    expect(got, "2022年1-6月", "F4", "industrial_value_added", 596_533.82, period="2021Q2")


@pytest.mark.parametrize("current, prior, growth", [
    ("1—6月累计", "去年同期", "增长%"), ("本年累计", "上年同期累计", "同比±%"), ("累计", "上年同期", "增速(%)"),
    ("本月止累计", "上年同期", "比上年同期增长(%)"), ("1~6月", "上年1~6月", "增减%"),
])
def test_column_names_offices_use(framework, tmp_path, current, prior, growth):
    rows = [[TITLE], ["指标名称", "计量单位", current, prior, growth, "全年计划", "完成计划(%)", "占全市比重(%)"],
            ["税收收入", "万元", 76_200, 70_800, 7.6, 150_000, 50.8, 9.1]]
    got, result = read(framework, write_xlsx(tmp_path / "x.xlsx", {"S": rows}))
    assert result.problems == []
    assert sorted(c for _, c in got) == ["C3", "D3", "E3"]
    expect(got, "S", "C3", "tax_revenue", 76_200, basis="ytd")
    expect(got, "S", "D3", "tax_revenue", 70_800, period="2021Q2", basis="ytd")
    expect(got, "S", "E3", "tax_revenue", 7.6, basis="growth")


def test_columns_named_by_their_year_are_this_year_and_last(framework, tmp_path):
    rows = [["周口经济开发区主要指标"], ["指标", "单位", "2022年1-6月", "2021年1-6月", "增长(%)"],
            ["进出口总额", "亿元", 22.87, 21.01, 8.9]]
    got, result = read(framework, write_xlsx(tmp_path / "y.xlsx", {"S": rows}))
    assert result.problems == []
    expect(got, "S", "C3", "trade_total", 228_700, period="2022Q2")
    expect(got, "S", "D3", "trade_total", 210_100, period="2021Q2")
    assert result.periods == {str(tmp_path / "y.xlsx"): "2022Q2"}


def test_stocks_with_end_of_period_and_last_year_end_columns(framework, tmp_path):
    rows = [["周口经济开发区2022年6月末科技指标"], ["指标名称", "计量单位", "期末数", "上年末", "上年同期", "同比增长(%)"],
            ["高新技术企业数", "家", 91, 88, 72, 26.4]]
    got, result = read(framework, write_xlsx(tmp_path / "s.xlsx", {"科技": rows}))
    assert result.problems == []
    expect(got, "科技", "C3", "hightech_enterprises", 91, basis="stock")
    expect(got, "科技", "D3", "hightech_enterprises", 88, period="2021Q4", basis="stock")
    expect(got, "科技", "E3", "hightech_enterprises", 72, period="2021Q2", basis="stock")


def test_the_label_column_need_not_be_the_first(framework, tmp_path):
    rows = [["", "", TITLE], [],
            ["序号", "指标名称", "代码", "计量单位", "本月", "1-6月累计", "上年同期", "同比增长(%)"],
            ["甲", "乙", "丙", "丁", 1, 2, 3, 4],
            [1, "（一）固定资产投资", "F01", "万元", 100_000, 910_286.07, 814_353.31, 11.8],
            [2, "  其中：出口总额", "T02", "亿元", 2.0, 13.69, 12.32, 11.1]]
    got, result = read(framework, write_xlsx(tmp_path / "n.xlsx", {"S": rows}))
    assert result.problems == []
    assert sorted(c for _, c in got) == ["F5", "F6", "G5", "G6", "H5", "H6"]
    expect(got, "S", "F5", "fixed_asset_investment", 910_286.07)
    expect(got, "S", "G6", "exports", 123_200, period="2021Q2")
    assert got[("S", "F6")].label == "  其中：出口总额"


# ----------------------------------------------------------------------------------- values
def test_numbers_stored_as_text_full_width_digits_and_missing_marks(framework, tmp_path):
    rows = [[TITLE], *HEADER,
            ["规上工业企业R&D经费支出", "万元", "39,185.61", "３６，１１５．７７", " 8.5% "],
            ["规上工业营业收入", "亿元", "２８２．８９", "259.68", "８．９"],
            ["二氧化碳排放量", "万吨", "—", "-", "…"],
            ["工业新鲜水耗", "万立方米", "", "315.46", "—"],
            ["一般工业固体废物产生量", "吨", " 71,730 ", "74,108.79", "－3.2"]]
    got, result = read(framework, write_xlsx(tmp_path / "t.xlsx", {"S": rows}, {"S": HEADER_MERGES}))
    assert result.problems == []
    expect(got, "S", "C4", "rd_expenditure", 39_185.61)
    expect(got, "S", "D4", "rd_expenditure", 36_115.77, period="2021Q2")
    expect(got, "S", "E4", "rd_expenditure", 8.5, basis="growth")
    expect(got, "S", "C5", "industrial_revenue", 2_828_900)
    expect(got, "S", "E5", "industrial_revenue", 8.9, basis="growth")
    expect(got, "S", "C8", "solid_waste_generated", 71_730)
    expect(got, "S", "E8", "solid_waste_generated", -3.2, basis="growth")
    assert not any(c.endswith("6") for _, c in got), "— - … are missing, never 0"
    assert sorted(c for _, c in got if c.endswith("7")) == ["D7"]


def test_formulas_are_read_through_their_cached_results(framework, tmp_path):
    rows = [[TITLE], *HEADER,
            ["进出口总额", "万元", Formula("=C5+14000", 228_700), 210_100, Formula("=ROUND((C4/D4-1)*100,1)", 8.9)],
            ["出口总额", "万元", 214_700, 197_000, Formula('=TEXT(9,"0.0")', "9.0")]]
    got, result = read(framework, write_xlsx(tmp_path / "f.xlsx", {"S": rows}, {"S": HEADER_MERGES}))
    assert result.problems == []
    expect(got, "S", "C4", "trade_total", 228_700)
    expect(got, "S", "E4", "trade_total", 8.9, basis="growth")
    expect(got, "S", "E5", "exports", 9.0, basis="growth")


def test_a_growth_rate_in_a_percent_formatted_cell_is_in_percent(framework, tmp_path):
    rows = [[TITLE], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, Percent(0.073)]]
    got, result = read(framework, write_xlsx(tmp_path / "p.xlsx", {"S": rows}, {"S": HEADER_MERGES}))
    assert result.problems == []
    expect(got, "S", "E4", "gdp", 7.3, basis="growth")


def test_an_xls_workbook_with_merged_headers(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    path = write_xls(tmp_path / "周口经开区_2022年1-6月.xls", sheets, merges)
    got, result = read(framework, path)
    assert result.problems == []
    # The sample's FDI is on the Ministry's caliber since issue 12 (was 4 040.58 / 3 443.62).
    expect(got, "主要经济指标", "C5", "fdi_actual", 673.43, written="万美元")
    expect(got, "主要经济指标", "D5", "fdi_actual", 573.94, period="2021Q2")
    expect(got, "科技与园区", "C10", "population", 7.102, basis="stock", unit="万人")
    fields = {o.field for o in got.values()}
    assert fields == set(framework.fields)


def test_an_xlsm_and_a_workbook_with_the_wrong_suffix_are_read_for_what_they_are(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    xlsx = write_xlsx(tmp_path / "src.xlsx", sheets, merges)
    shutil.copy(xlsx, tmp_path / "宏_2022年1-6月.xlsm")
    shutil.copy(xlsx, tmp_path / "改名_2022年1-6月.xls")
    for name in ("宏_2022年1-6月.xlsm", "改名_2022年1-6月.xls"):
        got, result = read(framework, tmp_path / name)
        assert result.problems == [], name
        expect(got, "主要经济指标", "C5", "fdi_actual", 673.43)  # Ministry caliber since issue 12


@pytest.mark.parametrize("suffix, writer", [(".et", "xls"), (".ett", "xls"), (".et", "xlsx"), (".ET", "xls")])
def test_a_wps_workbook_in_a_folder_is_read_as_what_it_is(framework, tmp_path, suffix, writer):
    """WPS 表格 saves .et (.ett a template), as .xls or .xlsx inside: found in a folder as any workbook (bt15i F0: skipped
    without a word, the report fell back to the quarter before)."""
    from scorer.read.ingest import discover

    sheets, merges = full_tables(framework.fields)
    src = (write_xls if writer == "xls" else write_xlsx)(tmp_path / f"src.{writer}", sheets, merges)
    folder = tmp_path / "inbox"
    folder.mkdir()
    target = folder / f"周口经开区_2022年1-6月{suffix}"
    shutil.copy(src, target)
    assert discover([folder]) == [target]
    got, result = read(framework, target)
    assert result.problems == []
    expect(got, "主要经济指标", "C5", "fdi_actual", 673.43)


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("gb18030", ","), ("utf-16", "\t"), ("utf-8", ";")])
def test_csv_in_the_encodings_and_separators_excel_and_wps_write(framework, tmp_path, encoding, delimiter):
    rows = [[TITLE], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
            ["实际使用外资金额", "万美元", "4,040.58", "3,443.62", "17.3"]]
    got, result = read(framework, write_csv(tmp_path / "data.csv", rows, encoding, delimiter))
    assert result.problems == []
    expect(got, "data", "C3", "fdi_actual", 4040.58)
    expect(got, "data", "D3", "fdi_actual", 3443.62, period="2021Q2")


# ------------------------------------------------------------------------------ table layouts
def test_two_tables_side_by_side(framework, tmp_path):
    rows = [["周口经济开发区2022年1-6月主要指标"],
            ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)", "", "指标名称", "计量单位", "期末数", "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3, "", "高新技术企业数", "家", 91, 72, 26.4],
            ["税收收入", "亿元", 7.62, 7.08, 7.6, "", "建成区面积", "平方公里", 21.55, 20.74, 3.9],
            ["某项其他指标", "万元", 1, 2, 3, "", "上市企业数", "家", 2, 1, 100.0]]
    got, result = read(framework, write_xlsx(tmp_path / "side.xlsx", {"S": rows}))
    assert result.problems == []
    expect(got, "S", "C3", "gdp", 1_209_000)
    expect(got, "S", "E4", "tax_revenue", 7.6, basis="growth")
    expect(got, "S", "I3", "hightech_enterprises", 91, basis="stock")
    expect(got, "S", "J4", "built_area", 20.74, period="2021Q2")
    expect(got, "S", "K5", "listed_companies", 100.0, basis="growth")
    assert len(got) == 15


def test_two_tables_side_by_side_when_the_second_has_no_label_of_ours_yet(framework, tmp_path):
    rows = [[TITLE], ["指标名称", "1-6月累计", "上年同期", "", "项目", "1-6月累计", "上年同期"],
            ["地区生产总值（亿元）", 120.9, 112.71, "", "粮食产量（万吨）", 5, 4]]
    got, result = read(framework, write_xlsx(tmp_path / "side2.xlsx", {"S": rows}))
    assert result.problems == []
    assert sorted(c for _, c in got) == ["B3", "C3"]


def test_two_tables_stacked_with_their_own_titles_headers_and_unit_notes(framework, tmp_path):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["单位：万元"],
            ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", 1_209_000, 1_127_100, 7.3],
            ["税收收入", 76_200, 70_800, 7.6],
            [],
            ["周口经济开发区2022年6月末园区指标"], ["单位：亩"],
            ["指标名称", "期末数", "上年同期", "同比增长(%)"],
            ["建成区面积", 32_325, 31_110, 3.9],
            ["上市企业数（家）", 2, 1, 100]]
    got, result = read(framework, write_xlsx(tmp_path / "stack.xlsx", {"S": rows}))
    assert result.problems == []
    expect(got, "S", "B4", "gdp", 1_209_000, written="万元")
    expect(got, "S", "B10", "built_area", 21.55, basis="stock", written="亩")
    expect(got, "S", "C11", "listed_companies", 1, period="2021Q2", written="家")
    assert len(got) == 12


def test_fields_spread_over_sheets_with_chinese_names_and_a_continued_table(framework, tmp_path):
    header = ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]
    sheets = {
        "封面": [["周口经济开发区统计月报"], ["2022年上半年"]],
        "对外开放": [["一、对外开放"], header, ["实际使用外资金额", "万美元", 4040.58, 3443.62, 17.3]],
        "对外开放(续)": [["其中：出口总额", "亿元", 13.69, 12.32, 11.1]],
        "科技创新": [["二、科技创新"], ["指标名称", "计量单位", "期末数", "上年同期", "同比增长(%)"],
                     ["有效发明专利拥有量", "件", 378, 318, 18.9]],
    }
    got, result = read(framework, write_xlsx(tmp_path / "spread.xlsx", sheets))
    assert result.problems == []
    expect(got, "对外开放", "C3", "fdi_actual", 4040.58)
    expect(got, "对外开放(续)", "C1", "exports", 136_900)
    expect(got, "对外开放(续)", "D1", "exports", 123_200, period="2021Q2")
    expect(got, "科技创新", "C3", "invention_patents", 378, basis="stock")


def test_a_three_row_header_with_the_period_on_top(framework, tmp_path):
    rows = [["周口经济开发区主要统计指标"], ["指标名称", "计量单位", "2022年1-6月", "", ""],
            ["", "", "绝对值", "", "增速"], ["", "", "本期", "上年同期", "(%)"],
            ["固定资产投资", "万元", 910_286.07, 814_353.31, 11.8]]
    path = write_xlsx(tmp_path / "three.xlsx", {"S": rows}, {"S": ["A2:A4", "B2:B4", "C2:E2", "C3:D3", "E3:E4"]})
    got, result = read(framework, path)
    assert result.problems == []
    expect(got, "S", "C5", "fixed_asset_investment", 910_286.07, basis="ytd")
    expect(got, "S", "D5", "fixed_asset_investment", 814_353.31, period="2021Q2")
    expect(got, "S", "E5", "fixed_asset_investment", 11.8, basis="growth")


# --------------------------------------------------------------------------------- periods
@pytest.mark.parametrize("title, file_name, sheet, period", [
    ("周口经济开发区2022年1-6月主要指标", "a.xlsx", "S", "2022Q2"),
    ("周口经济开发区2022年上半年主要指标", "a.xlsx", "S", "2022Q2"),
    ("周口经济开发区2022年二季度主要指标", "a.xlsx", "S", "2022Q2"),
    ("周口经济开发区2022年第2季度主要指标", "a.xlsx", "S", "2022Q2"),
    ("周口经济开发区2022年1—9月主要指标", "a.xlsx", "S", "2022Q3"),
    ("周口经济开发区主要指标", "统计_2022年1-12月.xlsx", "S", "2022Q4"),
    ("周口经济开发区主要指标", "a.xlsx", "2023年1-3月", "2023Q1"),
    ("周口经济开发区2022年主要指标", "a.xlsx", "S", "2022Q2"),  # the year in the title, the months in the header
    ("周口经济开发区2022年1-6月主要指标", "报表_2022年1-6月.xlsx", "2022年上半年", "2022Q2"),
])
def test_the_period_comes_from_the_title_the_sheet_name_or_the_file_name(framework, tmp_path, title, file_name, sheet,
                                                                         period):
    months = {"2022Q2": 6, "2022Q3": 9, "2022Q4": 12, "2023Q1": 3}[period]
    rows = [[title], ["填报日期：2022年7月15日"], ["指标名称", "计量单位", f"1-{months}月累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    got, result = read(framework, write_xlsx(tmp_path / file_name, {sheet: rows}))
    assert result.problems == []
    assert {o.period for o in got.values() if o.column != "prior"} == {period}


@pytest.mark.parametrize("text, period", [
    ("2022年1-6月", "2022Q2"), ("2022年1月-6月", "2022Q2"), ("2022年1至9月", "2022Q3"), ("2022年6月末", "2022Q2"),
    ("2022年度", "2022Q4"), ("2022年前三季度", "2022Q3"), ("report_2022Q2", "2022Q2"), ("２０２２年１－６月", "2022Q2"),
    ("填报日期：2022年9月30日", None), ("2022年1-5月", None),
])
def test_period_texts(text, period):
    assert find_period(text)[0] == period


# ---------------------------------------------------------------------------- label matching
@pytest.mark.parametrize("label, key, unit", [
    ("一、实际使用外资金额", "实际使用外资金额", None),
    ("1、进出口总额（亿元）", "进出口总额", "亿元"),
    ("(1)出口总额 #", "出口总额", None),
    ("  其中： 出口总额(万元)※", "出口总额", "万元"),
    ("ＧＤＰ（亿元）", "GDP", "亿元"),
    ("实 际 使 用 外 资 金 额【万美元】", "实际使用外资金额", "万美元"),
    ("进出口总额（亿卢布）", "进出口总额", "亿卢布"),  # a unit, if an unknown one: matched, then refused
    ("规上工业增加值（不变价）", "规上工业增加值(不变价)", None),  # a qualifier, not a unit
])
def test_more_label_normalisation(label, key, unit):
    assert label_key(label) == (key, unit)


@pytest.mark.parametrize("raw, value", [
    ("1.2e3", 1200.0), ("(注)", "error"), ("inf", "error"), ("  ", None), ("12,345.6万", "error")])
def test_more_cell_values(raw, value):
    if value == "error":
        with pytest.raises(ValueError):
            parse_number(raw)
    else:
        assert parse_number(raw) == value


def test_a_complete_workbook_with_every_field_reads_every_field_and_scores_nothing_twice(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    got, result = read(framework, write_xlsx(tmp_path / "full_2022年1-6月.xlsx", sheets, merges))
    assert result.problems == []
    current = {o.field for o in got.values() if o.column == "current"}
    assert current == set(framework.fields)
    assert len({(o.field, o.period, o.basis) for o in got.values()}) == len(got)


def test_an_error_cell_is_told_apart_from_a_blank_one(framework, tmp_path):
    rows = [[TITLE], *HEADER, ["地区生产总值", "亿元", 120.9, "", ErrorValue("#DIV/0!")]]
    got, result = read(framework, write_xlsx(tmp_path / "e.xlsx", {"S": rows}, {"S": HEADER_MERGES}))
    assert sorted(c for _, c in got) == ["C4"]
    assert [(p.location.cell, p.severity) for p in result.problems] == [("E4", "error")]
    assert "#DIV/0!" in result.problems[0].message


def test_last_years_growth_and_another_tables_prior_year_header_are_left_alone(framework, tmp_path):
    rows = [[TITLE], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)", "上年同期增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3, 9.8]]
    other = [["农业生产情况"], ["指标名称", "计量单位", "2022年1-6月", "2021年1-6月", "较上年增长(%)"], ["粮食产量", "万吨", 5.2, 5.0, 4.0]]
    got, result = read(framework, write_xlsx(tmp_path / "o.xlsx", {"S": rows, "农业": other}))
    assert result.problems == []
    assert sorted(c for _, c in got) == ["C3", "D3", "E3"]


def test_ingest_json_keeps_its_contract(framework, tmp_path):
    import json

    from tests.conftest import run_cli

    rows = [[TITLE], *HEADER, ["1.实际使用外资金额", "亿美元", 0.4, 0.35, 14.3]]
    path = write_xlsx(tmp_path / "j.xlsx", {"主要指标": rows}, {"主要指标": HEADER_MERGES})
    done = run_cli("ingest", path, "--json")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)["observations"]
    assert records[0] == {"field": "fdi_actual", "value": 4000.0, "unit": "万美元", "period": "2022Q2", "basis": "ytd",
                          "column": "current", "source": {"file": str(path), "sheet": "主要指标", "cell": "C4",
                                                          "label": "1.实际使用外资金额", "unit": "亿美元"}}
    assert [(r["period"], r["basis"], r["column"]) for r in records[1:]] == [("2021Q2", "ytd", "prior"),
                                                                               ("2022Q2", "growth", "growth")]
