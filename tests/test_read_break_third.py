"""Faults a third break test found in the reader (issue 10), each fixed by its kind: a 单位 note below
the table or in its title, a decimal comma, header bands whose cells each head one column (本年 | 上年,
2022年 | 2021年), merged label and value cells, and far stray cells. Every workbook is built here.
"""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import observed, places, write, write_xls, write_xlsx

TITLE = "周口市2022年1-6月主要经济指标（开发区所在市）"
CITY_HEADER = [["指标名称", "2022年", "", ""], ["", "1-6月累计", "上年同期", "同比增长(%)"]]
CITY_ROWS = [["全市地区生产总值", 1749.26, 1699.94, 2.9], ["全市税收收入", 83.43, 81.83, 2.0]]


def city(folder, stem, above=None, below=None, title=TITLE, fmt="xlsx"):
    """The host city's table with no unit of its own: the 单位 notes `above` (a row over the header) and
    `below` (a row under the last statistic) say it."""
    rows = [[title]] + ([[above]] if above else [[""]]) + CITY_HEADER + CITY_ROWS + ([[below]] if below else [])
    return write(fmt, folder, stem, {"所在市": rows}, {"所在市": ["A1:D1", "B3:D3"]})


# ------------------------------------------------------------ 单位 notes wherever the sheet states them
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("below", ["单位：亿元", "注：单位：亿元；全市数据为周口市全市口径。"])
def test_a_unit_note_below_the_table_gives_its_unit(framework, tmp_path, fmt, below):
    path = city(tmp_path, "市_2022年1-6月", below=below, fmt=fmt)
    result = ingest([path], framework.fields)
    assert result.problems == []  # no 'no unit given' warning
    sheet = path.stem if fmt == "csv" else "所在市"
    got = observed(result)
    assert got[(sheet, "B5")] == ("city_gdp", 17_492_600.0, "万元", "2022Q2", "current")
    assert got[(sheet, "C6")] == ("city_tax_revenue", 818_300.0, "万元", "2021Q2", "prior")
    assert {o.unit_as_written for o in result.observations if o.basis != "growth"} == {"亿元"}


@pytest.mark.parametrize("title", ["周口市2022年1-6月主要经济指标（单位：亿元）", "周口市2022年1-6月主要经济指标(单位:亿元)"])
def test_a_unit_note_in_the_title_gives_its_unit(framework, tmp_path, title):
    result = ingest([city(tmp_path, "市", title=title)], framework.fields)
    assert result.problems == []
    assert observed(result)[("所在市", "B5")] == ("city_gdp", 17_492_600.0, "万元", "2022Q2", "current")


@pytest.mark.parametrize("above,below,title", [
    ("单位：万元", "单位：亿元", TITLE),
    (None, "注：单位：万元", "周口市2022年1-6月主要经济指标（单位：亿元）"),
])
def test_unit_notes_that_disagree_are_refused_at_the_notes(framework, tmp_path, above, below, title):
    result = ingest([city(tmp_path, "市", above=above, below=below, title=title)], framework.fields)
    errors = [p for p in result.errors]
    assert len(errors) == 1 and errors[0].location.sheet == "所在市"
    cells = {"A2", "A7"} if above else {"A1", "A7"}
    assert errors[0].location.cell in cells
    assert all(c in errors[0].message for c in cells) and "亿元" in errors[0].message and "万元" in errors[0].message
    # no level is read in a unit the sheet contradicts; the growth rates need none
    assert {o.basis for o in result.observations} == {"growth"}


def test_a_footnote_under_one_table_is_not_the_next_tables_unit(framework, tmp_path):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["单位：万元"],
            ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", 1_209_000, 1_127_100, 7.3],
            ["注：单位：万元"], [],
            ["周口市2022年1-6月主要经济指标"], ["单位：亿元"],
            ["指标名称", "1-6月累计", "上年同期", "同比增长(%)"],
            ["全市地区生产总值", 1749.26, 1699.94, 2.9]]
    result = ingest([write_xlsx(tmp_path / "两表.xlsx", {"S": rows})], framework.fields)
    assert result.problems == []
    got = observed(result)
    assert got[("S", "B4")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")
    assert got[("S", "B10")] == ("city_gdp", 17_492_600.0, "万元", "2022Q2", "current")


# ------------------------------------------------------------ a comma that separates no thousands
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("text", ["7,62", "91,0286.07", "1,2345", "7，62"])
def test_a_comma_that_is_no_thousands_separator_is_refused_at_the_cell(framework, tmp_path, fmt, text):
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "亿元", text, 7.08, 7.6]]
    path = write(fmt, tmp_path, "表", {"表1": rows})
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert places(result.errors) == [("error", sheet, "C4")]
    assert repr(text) in result.errors[0].message and "thousands" in result.errors[0].message
    got = observed(result)
    assert (sheet, "C4") not in got and got[(sheet, "D4")][1] == 70_800.0


@pytest.mark.parametrize("text,value", [("1,234", 1234.0), ("12,345,678.9", 12_345_678.9), ("-1,234.5", -1234.5),
                                        ("１，２３４．５", 1234.5), ("814,353.31", 814_353.31)])
def test_thousands_separators_in_their_places_are_read(text, value):
    from scorer.read.text import parse_number

    assert parse_number(text) == value


# ------------------------------------------------------------ header bands whose cells each head one column
ZONE_TITLE = "周口经济开发区2022年1-6月主要经济指标"
ZONE_ROWS = [["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "亿元", 7.62, 7.08, 7.6],
             ["实际使用外资金额", "万美元", 673.43, 573.94, 17.3]]


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls", "csv"])
@pytest.mark.parametrize("bands,heads", [(("本年", "上年"), ("1-6月", "1-6月")),
                                         (("2022年", "2021年"), ("1-6月累计", "1-6月累计")),
                                         (("2022年", "2021年"), ("1-6月", "1-6月")),
                                         (("本期", "上年同期"), ("1-6月累计", "1-6月累计"))])
def test_band_cells_over_one_column_each_leave_the_growth_column_its_own(framework, tmp_path, fmt, bands, heads):
    rows = [[ZONE_TITLE], ["指标名称", "计量单位", *bands, ""], ["", "", *heads, "同比增长(%)"], *ZONE_ROWS]
    path = write(fmt, tmp_path, "表", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3"]})
    result = ingest([path], framework.fields)
    assert result.problems == []
    sheet = path.stem if fmt == "csv" else "表1"
    got = observed(result)
    assert got[(sheet, "C4")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")
    assert got[(sheet, "D4")] == ("gdp", 1_127_100.0, "万元", "2021Q2", "prior")
    # the published rates are read as published, not dropped and recomputed from the levels
    assert [got[(sheet, f"E{r}")] for r in (4, 5, 6)] == [("gdp", 7.3, "%", "2022Q2", "growth"),
                                                          ("tax_revenue", 7.6, "%", "2022Q2", "growth"),
                                                          ("fdi_actual", 17.3, "%", "2022Q2", "growth")]
    assert len(got) == 9


def test_a_year_band_centred_across_its_columns_still_heads_them(framework, tmp_path):
    rows = [[ZONE_TITLE], ["指标名称", "计量单位", "2021年", "", ""], ["", "", "1-6月累计", "上年同期", "同比增长(%)"],
            *ZONE_ROWS]
    result = ingest([write_xlsx(tmp_path / "表.xlsx", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3"]})],
                    framework.fields)
    # 2021年 written once over the three columns (unmerged, centred across them) is every column's year
    assert places(result.errors) == [("error", "表1", "C2")] and "2021年" in result.errors[0].message


def test_a_merged_band_of_last_year_over_a_growth_column_is_last_years_rate(framework, tmp_path):
    rows = [[ZONE_TITLE], ["指标名称", "计量单位", "本年", "上年", ""], ["", "", "1-6月累计", "1-6月累计", "同比增长(%)"],
            *ZONE_ROWS]
    path = write_xlsx(tmp_path / "表.xlsx", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3", "D2:E2"]})
    result = ingest([path], framework.fields)
    assert result.problems == []
    # 上年 merged over 1-6月累计 | 同比增长 heads last year's own growth rate: not this year's
    assert {o.cell[0] for o in result.observations} == {"C", "D"}


# ------------------------------------------------------------ merged label and value cells in a table's body
BODY = [[ZONE_TITLE], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
        ["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "亿元", 7.62, 7.08, 7.6],
        ["实际使用外资金额", "万美元", 673.43, 573.94, 17.3]]


def body(folder, fmt, merge, change=None):
    rows = [list(r) for r in BODY]
    for (r, c), v in (change or {}).items():
        rows[r][c] = v
    from xlsxwriter.utility import xl_cell_to_rowcol

    (r0, c0), (r1, c1) = (xl_cell_to_rowcol(x) for x in merge.split(":"))
    for r in range(r0, r1 + 1):  # Excel keeps only the top-left value of the cells it merges
        for c in range(c0, c1 + 1):
            if (r, c) != (r0, c0):
                rows[r][c] = ""
    return write(fmt, folder, "表", {"表1": rows}, {"表1": ["A1:E1", merge]})


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_label_merged_over_two_rows_that_both_hold_numbers_is_refused_naming_them(framework, tmp_path, fmt):
    # 税收收入's label was lost under the merge A3:A4: its numbers are not 地区生产总值's, nor dropped unsaid
    result = ingest([body(tmp_path, fmt, "A3:A4", {(3, 0): ""})], framework.fields)
    assert places(result.errors) == [("error", "表1", "A3")]
    assert "A3:A4" in result.errors[0].message and "C4" in result.errors[0].message
    assert {o.field for o in result.observations} == {"fdi_actual"}


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_label_merged_over_a_blank_row_and_its_numbers_row_reads_the_numbers_row(framework, tmp_path, fmt):
    rows = {(2, c): v for c, v in enumerate(["地区生产总值", "", "", "", ""])}
    rows.update({(3, c): v for c, v in enumerate(["", "亿元", 120.9, 112.71, 7.3])})
    result = ingest([body(tmp_path, fmt, "A3:A4", rows)], framework.fields)
    assert result.problems == []
    got = observed(result)
    assert got[("表1", "C4")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")
    assert got[("表1", "E4")] == ("gdp", 7.3, "%", "2022Q2", "growth")
    assert len(got) == 6  # 税收收入's row was under the merge: replaced by 地区生产总值's numbers here


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
@pytest.mark.parametrize("merge,cell", [("C3:C4", "C3"), ("D4:E4", "D4")])
def test_a_value_merged_across_statistics_or_columns_is_refused_at_the_merge(framework, tmp_path, fmt, merge, cell):
    result = ingest([body(tmp_path, fmt, merge)], framework.fields)
    assert places(result.errors) == [("error", "表1", cell)] and merge in result.errors[0].message
    got = observed(result)
    assert ("表1", cell) not in got and got[("表1", "C5")][0] == "fdi_actual"


def test_a_value_merged_down_a_blank_row_is_read_for_its_one_statistic(framework, tmp_path):
    rows = [list(r) for r in BODY]
    rows.insert(3, ["", "", "", "", ""])  # a blank spacer row under 地区生产总值, its 1-6月累计 merged down over it
    path = write_xlsx(tmp_path / "表.xlsx", {"表1": rows}, {"表1": ["A1:E1", "C3:C4"]})
    result = ingest([path], framework.fields)
    assert result.problems == []
    assert observed(result)[("表1", "C3")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")


# ------------------------------------------------------------ stray cells near enough to be read with the sheet
def with_far(fmt, folder, cells):
    """A zone's table with values planted at far cells {(row, column): value} (0-based)."""
    rows = [list(r) for r in BODY]
    if fmt == "xls":
        return write_xls(folder / "远.xls", {"表1": rows}, far={"表1": cells})
    for (r, c), v in cells.items():
        rows += [[] for _ in range(r + 1 - len(rows))]
        rows[r] = rows[r] + [""] * (c + 1 - len(rows[r]))
        rows[r][c] = v
    return write(fmt, folder, "远", {"表1": rows})


@pytest.mark.parametrize("fmt,cells,named", [
    ("xlsx", {(5, 16383): 12345.6}, "XFD6"),
    ("xlsx", {(4, 16383): "x"}, "XFD5"),
    ("xlsx", {(29999, 25): 7}, "Z30000"),
    ("strict", {(60000, 0): "地区生产总值"}, "A60001"),
    ("xls", {(4, 255): 7}, "IV5"),
    ("xls", {(60000, 0): 7, (60001, 2): 8}, "A60001"),
    ("csv", {(8000, 1): 7}, "B8001"),
])
def test_a_stray_cell_near_enough_to_be_read_is_left_out_and_named(framework, tmp_path, fmt, cells, named):
    path = with_far(fmt, tmp_path, cells)
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert places(result.problems) == [("warning", sheet, named)]
    assert "stray cell" in result.problems[0].message and "end at E5" in result.problems[0].message
    if len(cells) > 1:
        assert "1 more" in result.problems[0].message
    assert len(result.observations) == 9  # the table is read; a far label (A60001 地区生产总值) is not
    assert {o.cell[1:] for o in result.observations} == {"3", "4", "5"}


def test_a_table_far_to_the_right_of_another_is_no_stray_when_it_is_the_bigger(framework, tmp_path):
    # a note at A1 and the table 150 columns to the right: the table is kept, the note named
    rows = [["备注"]] + [[""] * 150 + r for r in BODY]
    result = ingest([write_xlsx(tmp_path / "右.xlsx", {"表1": rows})], framework.fields)
    assert places(result.problems) == [("warning", "表1", "A1")] and len(result.observations) == 9


# ------------------------------------------------------------ rates that may be fractions, with too little to tell
RATES = [("地区生产总值", 120.9, 7.3), ("税收收入", 7.62, 7.6), ("进出口总额", 22.87, 8.9), ("规上工业营业收入", 282.89, 8.9),
         ("固定资产投资", 91.03, 11.8)]


def rates_table(fmt, folder, rows, prior_for=()):
    """A table of 1-6月累计 | 上年同期 | 同比增长 where only the statistics in `prior_for` have a prior level;
    `rows`: [(label, level, rate as typed)]."""
    out = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"]]
    for label, now, typed in rows:
        prior = round(now / (1 + typed), 4) if label in prior_for else ""
        out.append([label, "亿元", now, prior, typed])
    return write(fmt, folder, "表", {"表1": out})


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("n", [2, 3])
def test_a_few_rates_all_within_one_percent_that_nothing_checks_are_doubtful(framework, tmp_path, fmt, n):
    path = rates_table(fmt, tmp_path, [(label, now, rate / 100) for label, now, rate in RATES[:n]])
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert result.errors == []
    doubtful = [p for p in result.problems if p.code == "fraction_rate"]
    assert [(p.location.sheet, p.location.cell, p.field_id, p.period) for p in doubtful] == [
        (sheet, f"E{3 + i}", fid, "2022Q2") for i, fid in enumerate(["gdp", "tax_revenue", "trade_total"][:n])]
    assert "0.073" in doubtful[0].message and "not scored as read" in doubtful[0].message
    from scorer.read.plausibility import DOUBT_CODES

    assert "fraction_rate" in DOUBT_CODES  # the score stage leaves the indicators computed from them out


def test_one_small_rate_alone_is_read_as_published(framework, tmp_path):
    """Nothing checks a lone 0.4 in a % column without the year before's level: 0.4 % is a plausible rate, read as
    published (two or more such rates are doubtful, above). With both levels, they decide (next test)."""
    result = ingest([rates_table("xlsx", tmp_path, [("地区生产总值", 120.9, 0.4)])], framework.fields)
    assert result.problems == [] and [o.value for o in result.observations if o.basis == "growth"] == [0.4]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("implied, slip", [(0.4, True), (0.004, False)])  # the levels' rate: 40 % or 0.4 %
def test_a_lone_small_rate_beside_both_levels_is_held_to_them(framework, tmp_path, fmt, implied, slip):
    """Issue 10 leftover: 0.4 typed in a % column where the two levels give 40 % is a fraction slip, refused at its
    cell; where they give 0.4 % it is the published rate."""
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"],
            ["地区生产总值", "亿元", 120.9, round(120.9 / (1 + implied), 4), 0.4]]
    result = ingest([write(fmt, tmp_path, "表", {"表1": rows})], framework.fields)
    if slip:
        [said] = result.problems
        assert (said.severity, said.location.cell) == ("error", "E3") and "1/100 of what the levels give" in said.message
    else:
        assert result.problems == [] and [o.value for o in result.observations if o.basis == "growth"] == [0.4]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_column_only_partly_checkable_flags_the_rates_the_levels_cannot_check(framework, tmp_path, fmt):
    rows = [(label, now, rate / 100) for label, now, rate in RATES]
    path = rates_table(fmt, tmp_path, rows, prior_for=("地区生产总值", "税收收入"))
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    # the two rows with a prior level are refused by it (1/100 of what the levels give) …
    assert places(result.errors) == [("error", sheet, "E3"), ("error", sheet, "E4")]
    # … and the three it cannot check, as small, are doubtful rather than read as 0.089%
    doubtful = [p for p in result.problems if p.code == "fraction_rate"]
    assert [p.location.cell for p in doubtful] == ["E5", "E6", "E7"]
    assert "E3" in doubtful[0].message


def test_a_column_partly_checked_by_levels_that_confirm_small_rates_is_read(framework, tmp_path):
    rows = [(label, now, rate / 20) for label, now, rate in RATES]  # 0.365 … 0.59: real, small
    # the prior level of 地区生产总值 gives 0.365%: a real small rate, not a fraction; nothing is doubtful
    out = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长"]]
    for label, now, rate in rows:
        out.append([label, "亿元", now, round(now / (1 + rate / 100), 4) if label == "地区生产总值" else "", rate])
    result = ingest([write_xlsx(tmp_path / "真.xlsx", {"表1": out})], framework.fields)
    assert result.errors == [] and [p for p in result.problems if p.code == "fraction_rate"] == []


# ------------------------------------------------------------ a region's columns beside the zone's; headers further down
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("head,merges,skipped", [
    (["指标名称", "计量单位", "开发区1-6月累计", "开发区上年同期", "河南省1-6月累计", "河南省同比增长(%)"], [], ["E2", "F2"]),
    (["指标名称", "计量单位", "1-6月累计", "上年同期", "全市1-6月累计", "全市同比"], [], ["E2", "F2"]),
])
def test_a_regions_columns_beside_the_zones_are_not_read_as_the_zones(framework, tmp_path, fmt, head, merges, skipped):
    rows = [[ZONE_TITLE], head, ["地区生产总值", "亿元", 120.9, 112.71, 28000.0, 3.1], ["税收收入", "亿元", 7.62, 7.08, 2100.0, 2.0]]
    path = write(fmt, tmp_path, "并列", {"表1": rows}, {"表1": merges})
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert places(result.problems) == [("warning", sheet, c) for c in skipped]
    assert all(p.code == "region_column" for p in result.problems)
    got = observed(result)
    assert sorted(cell for _, cell in got) == ["C3", "C4", "D3", "D4"]
    assert got[(sheet, "C3")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_province_band_beside_the_zones_year_band_is_not_read(framework, tmp_path, fmt):
    rows = [[ZONE_TITLE], ["指标名称", "计量单位", "2022年", "", "", "河南省", ""],
            ["", "", "1-6月累计", "上年同期", "同比增长(%)", "1-6月累计", "同比增长(%)"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3, 28000.0, 3.1]]
    path = write(fmt, tmp_path, "并列", {"表1": rows}, {"表1": ["A2:A3", "B2:B3", "C2:E2", "F2:G2"]})
    result = ingest([path], framework.fields)
    assert places(result.problems) == [("warning", "表1", "F2")] and "河南省" in result.problems[0].message
    assert sorted(cell for _, cell in observed(result)) == ["C4", "D4", "E4"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_regions_header_below_the_first_four_rows_refuses_the_table(framework, tmp_path, fmt):
    rows = [["2022年1-6月主要经济指标"], [], ["说明：本表数据来自统计月报"], [], [], [],
            ["指标名称", "计量单位", "河南省1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 28000.0, 27000.0, 3.1]]
    path = write(fmt, tmp_path, "表", {"表1": rows})
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", sheet, "C7")]
    assert result.observations == []


# ------------------------------------------------------------ a zone's name written with marks
@pytest.mark.parametrize("title,name", [
    ("周口经济开发区（“港区”）·№1—〔2022〕2022年1-6月主要经济指标", "周口经济开发区（“港区”）·№1—〔2022〕"),
    ("“港区”·№1—〔2022〕2022年1-6月主要经济指标", "“港区”·№1—〔2022〕"),
    ("周口经济开发区2022年1-6月主要经济指标", "周口经济开发区"),
])
def test_a_zone_name_with_marks_in_it_is_kept_as_written(framework, tmp_path, title, name):
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    result = ingest([write_xlsx(tmp_path / "表.xlsx", {"表1": rows})], framework.fields)
    assert result.problems == [] and result.zone_name() == name


@pytest.mark.parametrize("title", ["“”·№—〔〕2022年1-6月主要经济指标", "2022年1-6月主要经济指标", "主要经济指标2022年1-6月"])
def test_a_title_naming_no_zone_gives_no_name_and_marks_alone_are_said(framework, tmp_path, title):
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    result = ingest([write_xlsx(tmp_path / "表.xlsx", {"表1": rows})], framework.fields)
    assert result.zone_name() is None and result.errors == []
    said = [p for p in result.problems if p.code == "zone_unnamed"]
    assert [(p.severity, title in p.message, "本开发区" in p.message) for p in said] == (
        [("note", True, True)] if title.startswith("“") else [])


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_rows_holding_numbers_under_no_label_are_named(framework, tmp_path, fmt):
    rows = [list(r) for r in BODY]
    rows[3][0] = ""  # 税收收入's label deleted: its numbers stay in the table
    path = write(fmt, tmp_path, "表", {"表1": rows}, {"表1": ["A1:E1"]})
    result = ingest([path], framework.fields)
    sheet = path.stem if fmt == "csv" else "表1"
    assert places(result.problems) == [("warning", sheet, "C4")] and "C4" in result.problems[0].message
    assert sorted(cell for _, cell in observed(result)) == ["C3", "C5", "D3", "D5", "E3", "E5"]
