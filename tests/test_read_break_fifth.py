"""Faults a fifth break test of the reader found (issue 10, bt10e), each fixed by its kind; every workbook
is built here, in each format the kind applies to (.xlsx, strict .xlsx, .xls, .ods, .csv)."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from scorer.read.ingest import ingest
from tests.test_spreadsheets import SOFFICE
from tests.workbooks import Dated, Percent, write

needs_ods = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) makes the .ods: not installed")
FORMATS = ["xlsx", "strict", "xls", pytest.param("ods", marks=needs_ods)]
SECTIONED = ['#,##0.0%;-#,##0.0%;"-"', '[Color10]0.0%;[Red]-0.0%', '0.00%;-0.00%;0.00%', "0.0%"]


def growth_table(fmt, folder, rows, stem="表"):
    """A zone's table 1-6月累计 | 上年同期 | 同比; `rows`: [(label, unit, level, prior level or "", rate cell)]."""
    out = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"],
           *[list(r) for r in rows]]
    return write(fmt, folder, stem, {"表1": out})


def rates(result) -> dict[str, float]:
    return {o.cell: round(o.value, 6) for o in result.observations if o.basis == "growth"}


# ------------------------------------------------- F1: a percent format read in every format, sections too
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", SECTIONED)
def test_one_rate_in_a_sectioned_percent_format_is_read_in_percent_in_every_format(framework, tmp_path, fmt, code):
    """One statistic, no prior level to check it: nothing but the format tells 0.083 is 8.3%."""
    path = growth_table(fmt, tmp_path, [("地区生产总值", "亿元", 130, "", Percent(0.083, code)),
                                        ("税收收入", "亿元", 7.6, "", Percent(-0.025, code))])
    result = ingest([path], framework.fields)
    assert rates(result) == {"E3": 8.3, "E4": -2.5}
    assert [p for p in result.problems if p.field_id in ("gdp", "tax_revenue")] == []
    assert all(o.percent_format for o in result.observations if o.basis == "growth")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_rate_entered_too_small_in_a_percent_cell_is_refused_saying_the_cell_is_formatted(framework, tmp_path, fmt):
    """0.00083 in a 0.0% cell shows 0.083%, beside levels giving 8.3%: the message must not blame a lost format."""
    path = growth_table(fmt, tmp_path, [("地区生产总值", "亿元", 130, 120, Percent(0.00083, SECTIONED[0]))])
    result = ingest([path], framework.fields)
    [error] = [p for p in result.errors if p.location.cell == "E3"]
    assert "formatted as a percentage and shows 0.083%" in error.message and "lost" not in (error.hint or "")


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_fraction_typed_with_no_percent_format_is_still_blamed_on_the_format(framework, tmp_path, fmt):
    path = growth_table(fmt, tmp_path, [("地区生产总值", "亿元", 130, 120, 0.083)])
    [error] = [p for p in ingest([path], framework.fields).errors if p.location.cell == "E3"]
    assert "is 1/100 of what the levels give" in error.message and "percent format lost" in error.hint


@pytest.mark.parametrize("fmt", FORMATS)
def test_small_rates_shown_as_percentages_are_not_taken_for_fractions(framework, tmp_path, fmt):
    """Four statistics each growing by less than 1%, in percent-formatted cells: they show 0.4% … as read."""
    rows = [(label, "亿元", level, "", Percent(r / 100)) for label, level, r in
            [("地区生产总值", 120.9, 0.4), ("税收收入", 7.62, 0.6), ("进出口总额", 22.87, -0.3), ("规上工业营业收入", 282.89, 0.9)]]
    result = ingest([growth_table(fmt, tmp_path, rows)], framework.fields)
    assert rates(result) == {"E3": 0.4, "E4": 0.6, "E5": -0.3, "E6": 0.9}
    assert [p for p in result.problems if p.code == "fraction_rate" or p.severity == "error"] == []


def _ods(tmp_path, styles: str, automatic: str, columns: str, cells: str):
    """An .ods written by hand: `styles` go to styles.xml's office:styles, `automatic` to content.xml's
    automatic styles, then one sheet 表1 with `columns` (table:table-column) and one row of `cells`."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    path = tmp_path / "t.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("styles.xml", f"<office:document-styles {ns}><office:styles>{styles}</office:styles>"
                                 "</office:document-styles>")
        z.writestr("content.xml", f"<office:document-content {ns}><office:automatic-styles>{automatic}"
                                  "</office:automatic-styles><office:body><office:spreadsheet>"
                                  f'<table:table table:name="表1">{columns}<table:table-row>{cells}</table:table-row>'
                                  "</table:table></office:spreadsheet></office:body></office:document-content>")
    return path


PCT = '<number:percentage-style style:name="{}"><number:number number:decimal-places="1"/>' \
      '<number:text>%</number:text></number:percentage-style>'
SECTIONS = (PCT.format("N1P0") + PCT.format("N1P1") +
            '<number:number-style style:name="N1"><number:text>-</number:text>'
            '<style:map style:condition="value()&gt;0" style:apply-style-name="N1P0"/>'
            '<style:map style:condition="value()&lt;0" style:apply-style-name="N1P1"/></number:number-style>'
            '<number:number-style style:name="N2"><number:number number:decimal-places="1"/></number:number-style>')


def _float(value, style=""):
    at = f' table:style-name="{style}"' if style else ""
    return f'<table:table-cell{at} office:value-type="float" office:value="{value}"/>'


def test_ods_sections_are_chosen_by_value_as_libreoffice_shows_them(tmp_path):
    """The first style:map whose condition holds gives the section; none holding, the main style does."""
    from scorer.read.extent import ods_cells

    # N3: positive → a percentage, negative → a plain number (no ×100), zero → the main style (a percentage)
    mixed = (PCT.format("N3") .replace("</number:percentage-style>",
             '<style:map style:condition="value()&lt;0" style:apply-style-name="N2"/></number:percentage-style>'))
    automatic = ('<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>'
                 '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Pct"/>'
                 '<style:style style:name="ce3" style:family="table-cell" style:data-style-name="N3"/>'
                 '<style:style style:name="ce4" style:family="table-cell" style:data-style-name="N2"/>')
    styles = SECTIONS + mixed + '<style:style style:name="Pct" style:family="table-cell" style:data-style-name="N1"/>'
    columns = ('<table:table-column table:number-columns-repeated="6" table:default-cell-style-name="Default"/>'
               '<table:table-column table:default-cell-style-name="ce1"/>')
    cells = (_float(0.083, "ce1") + _float(-0.025, "ce1") + _float(0.05, "ce2") + _float(0.07, "ce3")
             + _float(-3, "ce3") + _float(0.07, "ce4") + _float(0.09))  # the last one: its column's style
    found = ods_cells(_ods(tmp_path, styles, automatic, columns, cells).read_bytes())
    assert [found.is_percent("表1", 0, c) for c in range(7)] == [True, True, True, True, False, False, True]


# --------------------------------- F2, F3: every cell that names a period agrees; a 年度 band is a year band
def banded(fmt, folder, title, band="2022年", head="1-6月累计", extra=()):
    rows = [[title], *[[t] for t in extra], ["指标名称", "计量单位", band, "", ""], ["", "", head, "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 130, 120, 8.3], ["税收收入", "亿元", 7.6, 7.1, 7.0]]
    top = 1 + len(extra)
    merges = [f"A{top + 1}:A{top + 2}", f"B{top + 1}:B{top + 2}", f"C{top + 1}:E{top + 1}"] if band else []
    return write(fmt, folder, "表", {"表1": rows}, {"表1": merges})


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
@pytest.mark.parametrize("title,band", [("周口经济开发区2022年1-5月主要经济指标", "2022年"),
                                        ("周口经济开发区2022年1-7月主要经济指标", "2022年"),
                                        ("周口经济开发区2022年5月主要经济指标", "2022年"),
                                        ("周口经济开发区2022年1-5月主要经济指标", "")])
def test_a_title_whose_months_disagree_with_the_columns_is_refused_naming_both(framework, tmp_path, fmt, title, band):
    result = ingest([banded(fmt, tmp_path, title, band)], framework.fields)
    [error] = result.errors
    assert (error.location.sheet, error.location.cell) == ("表" if fmt == "csv" else "表1", "A1")
    assert "C3" in error.message and "2022Q2" in error.message and title[7:-6] in error.message
    assert result.observations == []


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_date_the_table_was_made_on_is_no_period_of_the_table(framework, tmp_path, fmt):
    path = banded(fmt, tmp_path, "周口经济开发区2022年1-6月主要经济指标", extra=["制表日期：2022年7月"])
    result = ingest([path], framework.fields)
    assert result.errors == [] and {o.period for o in result.observations} == {"2022Q2", "2021Q2"}


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
@pytest.mark.parametrize("title", ["周口经济开发区2022年1-6月主要经济指标", "周口经济开发区主要经济指标"])
def test_a_band_2022_nian_du_over_a_half_year_is_the_year_of_its_columns(framework, tmp_path, fmt, title):
    result = ingest([banded(fmt, tmp_path, title, band="2022年度")], framework.fields)
    assert result.errors == []
    got = {(o.cell, o.period, o.column) for o in result.observations}
    assert got == {("C4", "2022Q2", "current"), ("D4", "2021Q2", "prior"), ("E4", "2022Q2", "growth"),
                   ("C5", "2022Q2", "current"), ("D5", "2021Q2", "prior"), ("E5", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_second_sheets_title_naming_other_months_over_columns_naming_none_is_refused(framework, tmp_path, fmt):
    first = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
             ["地区生产总值", "亿元", 130, 120, 8.3]]
    second = [["周口经济开发区2022年1-5月科技指标"], ["指标名称", "计量单位", "本期", "上年同期"], ["研发经费支出", "万元", 5000, 4500]]
    result = ingest([write(fmt, tmp_path, "表", {"表1": first, "表2": second})], framework.fields)
    [error] = result.errors
    assert (error.location.sheet, error.location.cell) == ("表2", "A1") and "2022年1-5月" in error.message


# ------------------------------ F5: '100 times' only when ×100 or /100 explains the rate, with its sign
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("label,unit,now,before,rate", [
    ("规上工业增加值", "万元", 585_000, 600_000, 4.5),  # comparable prices beside falling current-price levels (2023)
    ("地区生产总值", "亿元", 117, 120, 3.0),
    ("地区生产总值", "亿元", 123, 120, 8.0),  # levels +2.5%, a real rate 5.5 points above: a price change, no slip
])
def test_a_real_rate_beside_levels_giving_a_small_rate_is_no_percent_slip(framework, tmp_path, fmt, label, unit, now,
                                                                         before, rate):
    result = ingest([growth_table(fmt, tmp_path, [(label, unit, now, before, rate)])], framework.fields)
    assert result.errors == [] and [p for p in result.problems if p.code == "fraction_rate"] == []
    assert rates(result) == {"E3": rate}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("rate", [0.167, 1670])  # 16.7% typed as a fraction, or ×100
def test_a_percent_slip_beside_its_levels_is_still_caught_at_comparable_prices(framework, tmp_path, fmt, rate):
    result = ingest([growth_table(fmt, tmp_path, [("规上工业增加值", "万元", 700_000, 600_000, rate)])], framework.fields)
    [error] = [p for p in result.errors if p.location.cell == "E3"]
    assert ("100 times" if rate > 1 else "1/100 of") in error.message and "gives 16.7%" in error.message


# ------------------------------------------ F6: a stray series in a folder is named and the rest is read
def _stray_series(fmt, folder):
    rows = [["指标", "2022年", "2021年", "2020年", "2019年"], ["地区生产总值(亿元)", 1200.1, 1100.2, 1000.3, 950.4],
            ["税收收入(亿元)", 80.1, 75.2, 70.3, 65.4], ["进出口总额(千美元)", 123456, 113456, 103456, 93456],
            ["数据来源：国家统计局"]]
    return write(fmt, folder, "年度数据", {"年度数据": rows})


def _wind(fmt, folder):
    rows = [["指标名称", "中国:GDP:现价:累计值", "中国:GDP:不变价:累计同比"], ["单位", "亿元", "%"], ["频率", "季", "季"],
            [dt.date(2022, 6, 30), 562642.0, 2.5], [dt.date(2022, 3, 31), 270178.0, 4.8]]
    return write(fmt, folder, "wind", {"Wind": rows})


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
@pytest.mark.parametrize("make", [_stray_series, _wind])
def test_a_stray_series_is_a_warning_beside_a_zone_table_and_an_error_alone(framework, tmp_path, fmt, make):
    stray = make(fmt, tmp_path)
    zone = banded("xlsx", tmp_path, "周口经济开发区2022年1-6月主要经济指标")
    both_files = ingest([stray, zone], framework.fields)
    said = [p for p in both_files.problems if str(p.location.file) == str(stray)]
    assert both_files.errors == [] and said and all(p.severity in ("warning", "note") for p in said)
    assert {o.file for o in both_files.observations} == {str(zone)}
    alone = ingest([stray], framework.fields)
    assert alone.errors and all(p.code == "not_a_zone_table" or p.severity != "error" for p in alone.problems), \
        [(p.code, p.message) for p in alone.errors]


# ------------------------------ F11: a field exported by the month only, beside other fields' 累计值 columns
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_field_whose_export_gives_only_the_months_values_is_warned_about_at_its_header(framework, tmp_path, fmt):
    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["日期", "地区生产总值_当月值(亿元)", "税收收入_累计值(亿元)", "进出口总额_当月值(亿元)", "进出口总额_累计值(亿元)"],
            [date(2022, 6, 30), 20.5, 7.6, 0.6, 3.0]]
    result = ingest([write(fmt, tmp_path, "混合导出", {"Sheet1": rows})], framework.fields)
    [said] = [p for p in result.problems if p.code != "missing_field"]  # 进出口总额 has its 累计值: its 当月值 is no news
    assert (said.severity, said.location.cell, said.field_id) == ("warning", "B1", "gdp")
    assert "「地区生产总值_当月值(亿元)」: the export gives only the month's values (当月) of 「地区生产总值」" in said.message
    assert {o.cell: (o.field, o.value) for o in result.observations} == {"C2": ("tax_revenue", 76_000.0),
                                                                         "E2": ("trade_total", 30_000.0)}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("header", ["地区生产总值_当月值(亿元)", "地区生产总值_环比(%)"])  # month only; what it holds unsaid
def test_a_field_whose_column_is_passed_over_with_a_warning_is_not_said_missing_too(framework, tmp_path, fmt, header):
    """Issue 10 leftover: one cause, one message. The header's warning names the field; the run's check for the
    fields the indicators need said 「地区生产总值」 is in no workbook beside it. Other missing fields are still said."""
    from scorer.read.ingest import read

    date = (lambda y, m, d: f"{y}-{m:02d}") if fmt == "csv" else dt.date
    rows = [["日期", header, "税收收入_累计值(亿元)"], [date(2022, 6, 30), 20.5, 7.6]]
    result = read([write(fmt, tmp_path, "混合导出", {"Sheet1": rows})], framework)
    gdp = [p for p in result.problems if p.field_id == "gdp"]
    assert [(p.code, p.location.cell) for p in gdp] == [("export_column_unread", "B1")], [p.render() for p in gdp]
    assert any(p.code == "missing_field" and p.field_id == "city_gdp" for p in result.problems)


# ------------------------------ F4: a date shown by its year alone (yyyy"年") is that year, not its January
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", ['yyyy"年"', '[DBNum1]yyyy"年"', "yyyy"])
def test_a_year_band_stored_as_a_date_shown_as_the_year_is_the_year(framework, tmp_path, fmt, code):
    path = banded(fmt, tmp_path, "周口经济开发区2022年1-6月主要经济指标", band=Dated(dt.date(2022, 1, 1), code))
    result = ingest([path], framework.fields)
    assert result.errors == []
    assert {o.cell: (o.field, o.period, o.column) for o in result.observations} == {
        "C4": ("gdp", "2022Q2", "current"), "D4": ("gdp", "2021Q2", "prior"), "E4": ("gdp", "2022Q2", "growth"),
        "C5": ("tax_revenue", "2022Q2", "current"), "D5": ("tax_revenue", "2021Q2", "prior"),
        "E5": ("tax_revenue", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_date_band_shown_with_its_month_is_still_that_month(framework, tmp_path, fmt):
    """The format decides: 2022-01-01 shown as 2022年1月 over 1-6月累计 names January, and is refused at the band."""
    path = banded(fmt, tmp_path, "周口经济开发区2022年1-6月主要经济指标", band=Dated(dt.date(2022, 1, 1), 'yyyy"年"m"月"'))
    [error] = ingest([path], framework.fields).errors
    assert error.location.cell == "C2" and "「2022年1月」" in error.message


# ------------------------------ F10: a date a CSV writes as text (Excel, LibreOffice) names the period as in the .xlsx
@pytest.mark.parametrize("written,period", [("2022/6/30", "2022Q2"), ("2022-06-30", "2022Q2"), ("2022/6", "2022Q2"),
                                            ("2022-06", "2022Q2"), ("Jun-22", "2022Q2"), ("2022-09-30 00:00:00", "2022Q3"),
                                            ("2022/9/1", "2022Q3")])
def test_a_date_written_as_text_in_a_csv_is_the_workbooks_period(framework, tmp_path, written, period):
    rows = [["周口经济开发区主要经济指标"], [written], ["指标名称", "计量单位", "累计", "上年同期", "同比增长"],
            ["地区生产总值", "亿元", 130, 120, 8.3]]
    result = ingest([write("csv", tmp_path, "日期", {"表": rows})], framework.fields)
    assert result.errors == []
    before = f"{int(period[:4]) - 1}{period[4:]}"
    assert {o.cell: o.period for o in result.observations} == {"C4": period, "D4": before, "E4": period}


@pytest.mark.parametrize("written", ["2022-07-15", "2022/13/30", "2022-2023", "12-2022"])
def test_text_that_is_no_months_date_in_a_csv_names_no_period(framework, tmp_path, written):
    """A mid-month date (a 填报日期) is no period, in a CSV as in an .xlsx; text that is no date stays text."""
    rows = [["周口经济开发区主要经济指标"], [written], ["指标名称", "计量单位", "累计", "上年同期", "同比增长"],
            ["地区生产总值", "亿元", 130, 120, 8.3]]
    [error] = ingest([write("csv", tmp_path, "日期", {"表": rows})], framework.fields).errors
    assert "cannot tell which period this workbook covers" in error.message


def test_a_csv_exports_text_dates_down_its_rows_are_read_as_periods(framework, tmp_path):
    rows = [["日期", "税收收入_累计值(亿元)"], ["2022/6/30", 7.6], ["2022/5/31", 6.1], ["2022/3/31", 3.9]]
    result = ingest([write("csv", tmp_path, "导出", {"表": rows})], framework.fields)
    assert result.errors == [] and {o.cell: o.period for o in result.observations} == {"B2": "2022Q2", "B4": "2022Q1"}


# ------------------------------ a year the exchange-rate table lacks: the hint says to add the rate, not to use 亿美元
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_dollars_in_a_year_without_a_rate_are_refused_with_a_hint_to_add_the_rate(framework, tmp_path, fmt):
    rows = [["周口经济开发区2019年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"],
            ["进出口总额", "亿美元", 3.0, 2.5, 20.0]]
    result = ingest([write(fmt, tmp_path, "早年", {"表1": rows})], framework.fields)
    assert {p.location.cell for p in result.errors} == {"B3"}
    for error in result.errors:
        assert "indicators/exchange_rates.yaml" in error.hint and "average yuan-per-dollar rate" in error.hint
        assert "亿美元" not in error.hint and ("2018" in error.hint or "2019" in error.hint)
    unknown = ingest([write(fmt, tmp_path, "欧元", {"表1": [*rows[:2], ["进出口总额", "亿欧元", 3.0, 2.5, 20.0]]})],
                     framework.fields)
    assert unknown.errors and all("元/万元/亿元, 美元/万美元/亿美元" in p.hint for p in unknown.errors)


def test_an_exports_dollars_in_a_year_without_a_rate_get_the_same_hint(framework, tmp_path):
    rows = [["日期", "进出口总额_累计值(亿美元)"], [dt.date(2019, 6, 30), 3.0]]
    [error] = ingest([write("xlsx", tmp_path, "导出", {"表": rows})], framework.fields).errors
    assert error.location.cell == "B1" and "no yuan-per-dollar rate for 2019" in error.message
    assert "add 2019's average yuan-per-dollar rate" in error.hint


# ------------------------------ F8: the zone's name as the workbook writes it (folded only to be found and compared)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("title,name", [
    ("周口〖港区〗﹝一期﹞№２・Ⅱ〇～‖经济开发区2022年1-6月主要经济指标", "周口〖港区〗﹝一期﹞№２・Ⅱ〇～‖经济开发区"),
    ("⼴州经济开发区2022年1-6月主要经济指标", "⼴州经济开发区"),  # a Kangxi radical (U+2F34), not 广 (U+5E7F)
    ("周口经济开发区２０２２年１－６月主要经济指标", "周口经济开发区"),  # full-width digits: found all the same
    ("２０２２年１－６月周口经开区主要经济指标", "周口经开区")])
def test_the_zones_name_is_kept_as_the_workbook_writes_it(framework, tmp_path, fmt, title, name):
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"], ["地区生产总值", "亿元", 130, 120, 8.3]]
    result = ingest([write(fmt, tmp_path, "表", {"表1": rows})], framework.fields)
    assert result.errors == [] and result.zone_name() == name


def test_two_zones_are_named_as_written_when_a_folder_mixes_them(framework, tmp_path):
    from scorer.errors import ScorerError
    from scorer.read.zones import one_zone

    paths = []
    for i, title in enumerate(["⼴州经济开发区2022年1-6月主要经济指标", "周口经济开发区2022年1-3月主要经济指标"]):
        rows = [[title], ["指标名称", "计量单位", "累计", "上年同期", "同比增长"], ["地区生产总值", "亿元", 130, 120, 8.3]]
        paths.append(write("xlsx", tmp_path, f"表{i}", {"表1": rows}))
    with pytest.raises(ScorerError) as refused:
        one_zone(ingest(paths, framework.fields))
    [problem] = refused.value.problems
    assert "⼴州经济开发区" in problem.message and "广州" not in problem.message


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("written", ["2022-07-15", "2022/7/15", "2022年7月15日", dt.date(2022, 7, 15)])
def test_a_mid_month_date_where_the_period_goes_is_refused_at_its_cell_saying_why(framework, tmp_path, fmt, written):
    """Issue 10 leftover: a day (2022-07-15) where the period goes was refused as 'cannot tell which period' naming
    no cell. A statistics table dated mid-month is no quarter's cumulative figure: refused, at the cell, saying so."""
    if isinstance(written, dt.date) and fmt == "csv":
        pytest.skip("a CSV holds text only")
    cell = Dated(written, "yyyy-mm-dd") if isinstance(written, dt.date) else written
    rows = [["周口经济开发区主要经济指标"], [cell], ["指标名称", "计量单位", "累计", "上年同期", "同比增长"],
            ["地区生产总值", "亿元", 130, 120, 8.3]]
    [error] = ingest([write(fmt, tmp_path, "日期", {"表": rows})], framework.fields).errors
    assert (error.location.sheet, error.location.cell) == ("日期" if fmt == "csv" else "表", "A2"), error.render()
    shown = written.isoformat() if isinstance(written, dt.date) else written
    assert f"'{shown}' is a day, not a period" in error.message, error.message
