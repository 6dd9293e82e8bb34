"""Hidden rows and columns of a visible sheet (bt10f F12) are left out as hidden sheets are, each said at its cell.

Last month's column (1-5月累计) or a superseded row, kept out of sight with Excel's Hide, was read as if seen: the run
was refused for a header the user could not find, or for "read twice" at a row Excel does not show. Now they are left
out with a note naming the rows or columns and what they hold, `--hidden-sheets` reads them, and any problem said at a
hidden cell says it is hidden. Every workbook is built here, in each format that can hide rows and columns.
"""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.test_spreadsheets import needs_soffice
from tests.workbooks import HEADER, MERGES, observed, places, write

FORMATS = ["xlsx", "strict", "xls", pytest.param("ods", marks=needs_soffice)]
TITLE = ["周口经济开发区2022年1-6月主要经济指标"]


def _table(fmt, folder, hide, stem="隐藏行列_2022年1-6月"):
    """A table whose column F (last month's 1-5月累计) and row 6 (a superseded 地区生产总值) are the ones to hide."""
    rows = [TITLE, [*HEADER[0], ""], [*HEADER[1], "1-5月累计"],
            ["地区生产总值", "亿元", 120.9, 112.71, 7.3, 99.0],
            ["税收收入", "万元", 76_200, 71_800, 6.1, 61_000],
            ["地区生产总值", "亿元", 100.1, 95.0, 5.4, 81.0]]
    return write(fmt, folder, stem, {"表1": rows}, {"表1": MERGES}, hide={"表1": hide})


SEEN = {("表1", "C4"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
        ("表1", "D4"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
        ("表1", "E4"): ("gdp", 7.3, "%", "2022Q2", "growth"),
        ("表1", "C5"): ("tax_revenue", 76_200.0, "万元", "2022Q2", "current"),
        ("表1", "D5"): ("tax_revenue", 71_800.0, "万元", "2021Q2", "prior"),
        ("表1", "E5"): ("tax_revenue", 6.1, "%", "2022Q2", "growth")}


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_rows_and_columns_are_left_out_with_a_note_at_their_cells(framework, tmp_path, fmt):
    path = _table(fmt, tmp_path, {"rows": [5], "cols": [5]})
    result = ingest([path], framework.fields)
    assert observed(result) == SEEN  # neither F nor row 6 is read; nothing is "read twice"
    assert places(result.problems) == [("note", "表1", "A6"), ("note", "表1", "F3")]
    notes = {p.location.cell: p for p in result.problems}
    assert notes["A6"].message == "row 6 is hidden and was not read, though it is labelled 「地区生产总值」 (gdp)"
    assert notes["A6"].field_id == "gdp"
    assert notes["F3"].message == "column F is hidden and was not read; it holds 「1-5月累计」, 3 numbers"
    assert "--hidden-sheets" in notes["F3"].hint and "Unhide" in notes["F3"].hint


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_with_the_option_a_problem_at_a_hidden_cell_says_it_is_hidden(framework, tmp_path, fmt):
    path = _table(fmt, tmp_path, {"rows": [5], "cols": [5]})
    result = ingest([path], framework.fields, hidden_sheets=True)
    said = {p.location.cell: p.message for p in result.errors}
    assert said["F3"] == ("the column header 「2022年1-5月累计」 names 1-5月, but the workbook is for 2022Q2 (cell F3 is in the "
                          "hidden column F: select the columns on both sides, right-click › Unhide to see it)")
    assert said["C6"].startswith("「地区生产总值」 (gdp) for 2022Q2 read twice with different values")
    assert said["C6"].endswith("(cell C6 is in the hidden row 6: select the rows on both sides, right-click › Unhide "
                               "to see it)")
    zh = next(p.message_zh for p in result.errors if p.location.cell == "C6")
    assert zh.endswith("（单元格 C6 位于隐藏的第 6 行：选中其上下两行，右键 › 取消隐藏即可看到）")
    assert not any("hidden" in p.message for p in result.errors if p.location.cell in ("C4", "D4", "E4"))


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_band_merged_from_a_hidden_column_over_visible_ones_is_still_read(framework, tmp_path, fmt):
    # Column C (1-6月累计) hidden: the 2022年 band merged over C2:E2 keeps its text in C2, shown over D and E
    path = _table(fmt, tmp_path, {"rows": [5], "cols": [2, 5]})
    result = ingest([path], framework.fields)
    assert observed(result) == {k: v for k, v in SEEN.items() if k[1][0] != "C"}
    assert places(result.problems) == [("note", "表1", "A6"), ("note", "表1", "C3"), ("note", "表1", "F3")]
    assert next(p for p in result.problems if p.location.cell == "C3").message == "column C is hidden and was not read; it holds 「1-6月累计」, 3 numbers"


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_hidden_rows_and_columns_holding_nothing_are_not_said(framework, tmp_path, fmt):
    path = _table(fmt, tmp_path, {"rows": [9, 10], "cols": [8, 9]}, stem="空隐藏_2022年1-6月")
    result = ingest([path], framework.fields)
    assert not [p for p in result.problems if p.code == "hidden_cells"]


def test_a_statistic_whose_only_row_is_hidden_is_not_told_to_add_the_row(framework, tmp_path):
    path = _table("xlsx", tmp_path, {"rows": [4]})  # 税收收入, row 5
    result = ingest([path], framework.fields, {"tax_revenue": ["tax"]})
    missing = next(p for p in result.problems if p.code == "missing_field" and p.field_id == "tax_revenue")
    assert "add a row" not in missing.hint
    assert missing.hint.startswith(f"its row is there but hidden ({path} › sheet 「表1」 › cell A5)")
    assert "hidden" in missing.hint_zh and "--hidden-sheets" in missing.hint_zh


def test_from_the_cli_the_notes_and_the_option_reading_the_hidden_cells(tmp_path):
    path = _table("xlsx", tmp_path, {"rows": [5], "cols": [5]})
    plain = run_cli("ingest", path, "--lang", "zh")
    assert plain.returncode == 0, plain.stderr
    assert f"{path} › 工作表「表1」 › 单元格 F3：提示：F 列已隐藏，未读取；该列含有 「1-5月累计」，3个数值" in plain.stderr
    assert f"{path} › 工作表「表1」 › 单元格 A6：提示：第 6 行已隐藏，未读取，但该行标有「地区生产总值」（gdp）" in plain.stderr
    read = run_cli("ingest", path, "--hidden-sheets")
    assert read.returncode == 1 and "Traceback" not in read.stderr
    assert f"{path} › sheet 「表1」 › cell C6: error: " in read.stderr
    assert "(cell C6 is in the hidden row 6" in read.stderr


def test_the_xml_says_which_rows_and_columns_are_hidden_and_nothing_else_does():
    from scorer.read.hidden import xlsx_hidden

    head = b'<worksheet><cols><col min="2" max="3" width="0" customWidth="1"/><col min="6" max="6" hidden="1"/></cols>'
    tail = b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3"/></worksheet>'
    body = (b'<sheetData><row r="1" ht="15"><c r="A1"><v>1</v></c></row><row r="4" hidden="1"><c r="A4"><v>2</v></c>'
            b'</row><row r="7" ht="0" customHeight="1"/><row r="9" hidden="true"/>')
    assert xlsx_hidden(head + body + tail) == ([(3, 3), (6, 6), (8, 8)], [(1, 2), (5, 5)])
    unnumbered = b'<sheetData><row><c><v>1</v></c></row><row hidden="1"><c><v>2</v></c></row>'
    assert xlsx_hidden(b"<worksheet>" + unnumbered + tail) == ([(1, 1)], [])
    assert xlsx_hidden(b"<worksheet><sheetData><row r=\"1\"/>" + tail) == ([], [])  # right="0.7" hides nothing
