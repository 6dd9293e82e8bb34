"""A stray far-away cell in every format the reader accepts (issue 10, point 1), and what calamine drops from
an .ods (its percentages).

python-calamine materialises a sheet from A1 to its last cell. Each workbook here is built by the test;
each read runs in a process whose address space is capped (as tests/test_read_real_workbooks.py does), so
a guard that lets a far cell through fails the test instead of taking the suite down. .xlsx: the cells
are left out with a warning naming them, however the XML spells, orders or sizes them; .xls and .ods:
the workbook is refused naming file, sheet and cell (calamine reads them whole as it opens them).
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.test_spreadsheets import SOFFICE, needs_soffice
from tests.workbooks import HEADER, MERGES, ErrorValue, Percent, ingest_limited, stray_workbook, write_xls, write_xlsx

TABLE = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
READ = [("gdp", 1_209_000.0, "万元", "2022Q2", "current", "C4"), ("gdp", 1_127_100.0, "万元", "2021Q2", "prior", "D4"),
        ("gdp", 7.3, "%", "2022Q2", "growth", "E4")]


def _records(done: subprocess.CompletedProcess) -> list[tuple]:
    assert done.returncode == 0, done.stderr[-2000:]
    return [(r["field"], r["value"], r["unit"], r["period"], r["column"], r["source"]["cell"])
            for r in json.loads(done.stdout)["observations"]]


def _sheet_xml_edited(tmp_path, stem: str, edit) -> object:
    """The table as an .xlsx (XlsxWriter), its sheet XML passed through `edit`, <dimension> left saying A1:E4."""
    path = write_xlsx(tmp_path / f"{stem}_2022年1-6月.xlsx", {"表1": TABLE}, {"表1": MERGES})
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    assert '<dimension ref="A1:E4"/>' in xml
    parts["xl/worksheets/sheet1.xml"] = edit(xml).encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


# ------------------------------------------------------------------------------------------------ .xlsx
_SPELLINGS = {
    # XML lets an attribute take either quotes and spaces around '=', and calamine reads them all
    "single_quotes": lambda x: x.replace("</sheetData>", "<row r='1048576'><c r='XFD1048576'><v>7</v></c></row></sheetData>"),
    "spaces": lambda x: x.replace("</sheetData>", '<row r = "1048576"><c r\n= "XFD1048576"><v>7</v></c></row></sheetData>'),
    "no_row_number": lambda x: x.replace("</sheetData>", '<row><c r="XFD1048576"><v>7</v></c></row></sheetData>'),
    # calamine reads a column in small letters and a row with leading zeros as well
    "small_letters": lambda x: x.replace("</sheetData>", '<row><c r="xfd1048576"><v>7</v></c></row></sheetData>'),
    "leading_zeros": lambda x: x.replace("</sheetData>", '<row r="1048576"><c r="XFD001048576"><v>7</v></c></row></sheetData>'),
    # rows out of order: the far one first, ahead of the table's (calamine places cells by their reference)
    "far_row_first": lambda x: x.replace("<sheetData>", '<sheetData><row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'),
}


@pytest.mark.parametrize("spelling", sorted(_SPELLINGS))
def test_a_far_cell_is_left_out_however_the_sheet_xml_spells_or_orders_it(tmp_path, spelling):
    path = _sheet_xml_edited(tmp_path, f"远_{spelling}", _SPELLINGS[spelling])
    done = ingest_limited(path)
    assert _records(done) == READ
    warning = next(line for line in done.stderr.splitlines() if "stray cell" in line)
    assert f"{path} › sheet 「表1」 › cell XFD1048576: warning: a stray cell far away from the tables was left out; " \
           "the sheet's other cells end at E4" in warning


def test_a_far_column_in_a_table_row_and_a_far_row_in_column_a_are_both_named(tmp_path):
    """Neither cell is far on its own axis only: XFD2 widens the table's rows, A1048576 lengthens column A."""
    def edit(xml: str) -> str:
        xml = re.sub(r'(<row r="2"[^>]*>.*?)</row>', r'\1<c r="XFD2"><v>8</v></c></row>', xml, count=1)
        return xml.replace("</sheetData>", '<row r="1048576"><c r="A1048576"><v>9</v></c></row></sheetData>')

    path = _sheet_xml_edited(tmp_path, "远_两处", edit)
    done = ingest_limited(path)
    assert _records(done) == READ
    warning = next(line for line in done.stderr.splitlines() if "stray cell" in line)
    assert f"{path} › sheet 「表1」 › cell XFD2: warning: a stray cell far away from the tables was left out " \
           "(and 1 more: A1048576); the sheet's other cells end at E4" in warning


def test_a_wide_and_long_table_without_a_stray_cell_is_read_whole(framework, tmp_path):
    """Past column Z and row 999 the quick bounds give way to a look at every cell: nothing there is stray."""
    rows = [row + [""] * 25 for row in TABLE] + [[""] * 29 + ["备注"]] + [[] for _ in range(1200)] + [["（完）"]]
    result = ingest([write_xlsx(tmp_path / "宽长_2022年1-6月.xlsx", {"表1": rows}, {"表1": MERGES})], framework.fields)
    assert [p for p in result.problems if "stray" in p.message] == []
    assert sorted((o.field, o.value, o.cell) for o in result.observations) == [
        ("gdp", 7.3, "E4"), ("gdp", 1_127_100.0, "D4"), ("gdp", 1_209_000.0, "C4")]


# ------------------------------------------------------------------------------------------------- .xls
def test_stray_cells_at_iv65536_of_an_xls_are_refused_naming_each_sheet_and_cell(tmp_path):
    """calamine would hold 65 536 × 256 cells for each such sheet (over a GB each, kept) and say nothing."""
    path = write_xls(tmp_path / "远_2022年1-6月.xls", {"表1": TABLE, "附表": [["说明"]], "旧表": [["上月"]]},
                     {"表1": MERGES}, far={name: {(65535, 255): 7} for name in ("表1", "附表", "旧表")})
    done = ingest_limited(path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    for sheet in ("表1", "附表", "旧表"):
        assert f"{path} › sheet 「{sheet}」 › cell IV65536: error: a stray cell far away from the tables: the .xls " \
               "cannot be read without reading every empty cell up to it" in done.stderr


def test_a_stray_cell_in_a_hidden_xls_sheet_is_refused_saying_the_sheet_is_hidden(tmp_path):
    """A hidden sheet is skipped when read, but calamine reads an .xls whole as it opens it: refused, with a
    hint that says how to reach a cell the user cannot see."""
    path = write_xls(tmp_path / "远_隐藏_2022年1-6月.xls", {"表1": TABLE, "旧表": [["上月"]]}, {"表1": MERGES},
                     hidden={"旧表": "hidden"}, far={"旧表": {(65535, 255): 7}})
    done = ingest_limited(path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert f"{path} › sheet 「旧表」 › cell IV65536: error: a stray cell far away" in done.stderr
    assert "hint: the sheet is hidden (right-click a sheet tab › Unhide shows it)" in done.stderr
    zh = run_cli("--lang", "zh", "ingest", path)
    assert "隐藏" in zh.stderr and "IV65536" in zh.stderr


def test_an_xls_with_a_far_note_in_a_sheet_small_enough_to_read_whole_is_read(tmp_path):
    """A note at BI20001: 20 001 × 61 cells from A1 is within what is read whole, and nothing is refused."""
    path = write_xls(tmp_path / "近_2022年1-6月.xls", {"表1": TABLE}, {"表1": MERGES}, far={"表1": {(20_000, 60): "注"}})
    assert _records(ingest_limited(path)) == READ


# ------------------------------------------------------------------------------------------------- .ods
@pytest.fixture(scope="module")
def ods_files(tmp_path_factory):
    """.ods copies made by LibreOffice of a stray-cell workbook and of a table with a percent-formatted growth."""
    folder = tmp_path_factory.mktemp("ods")
    stray = stray_workbook(folder, "xlsx")
    rows = [TABLE[0], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, Percent(0.073)],
            ["税收收入", "万元", 76_200, 71_800, Percent(0.061)]]
    percent = write_xlsx(folder / "增速_2022年1-6月.xlsx", {"表1": rows}, {"表1": MERGES})
    rows = [TABLE[0], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "万元", ErrorValue("#DIV/0!"), 71_800, 6.1]]
    errors = write_xlsx(folder / "错误值_2022年1-6月.xlsx", {"表1": rows}, {"表1": MERGES})
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(folder), str(stray), str(percent), str(errors)],
                   check=True, capture_output=True, timeout=300)
    return stray.with_suffix(".ods"), percent.with_suffix(".ods"), errors.with_suffix(".ods")


@needs_soffice
def test_a_stray_cell_in_an_ods_is_refused_naming_its_sheet_and_cell(ods_files):
    path = ods_files[0]
    done = ingest_limited(path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert f"{path} › sheet 「表1」 › cell XFD1048576: error: a stray cell far away from the tables: the .ods " \
           "cannot be read without reading every empty cell up to it" in done.stderr
    assert "Ctrl+End in LibreOffice Calc" in done.stderr and "in Excel" not in done.stderr  # bt10f F18: its own program


@needs_soffice
def test_a_percentage_in_an_ods_is_read_in_percent(framework, ods_files):
    result = ingest([ods_files[1]], framework.fields)
    assert result.problems == []
    assert sorted((o.cell, o.field, round(o.value, 6), o.unit, o.column) for o in result.observations) == [
        ("C4", "gdp", 1_209_000.0, "万元", "current"), ("C5", "tax_revenue", 76_200.0, "万元", "current"),
        ("D4", "gdp", 1_127_100.0, "万元", "prior"), ("D5", "tax_revenue", 71_800.0, "万元", "prior"),
        ("E4", "gdp", 7.3, "%", "growth"), ("E5", "tax_revenue", 6.1, "%", "growth")]


@needs_soffice
def test_an_error_value_in_an_ods_is_named_at_its_cell_not_read_as_blank(framework, ods_files):
    result = ingest([ods_files[2]], framework.fields)
    assert [(p.severity, p.location.sheet, p.location.cell) for p in result.problems if "#DIV/0!" in p.message] == [
        ("error", "表1", "C5")]
    assert "「税收收入」: error value #DIV/0!" in next(p.message for p in result.problems if "#DIV/0!" in p.message)


def test_a_repeated_percentage_cell_of_an_ods_is_a_percentage_in_every_place_it_covers(tmp_path):
    """LibreOffice writes equal neighbours once, with a repeat count: each of them is 0.0%-formatted."""
    from scorer.read.extent import ods_cells

    t, o = "urn:oasis:names:tc:opendocument:xmlns:table:1.0", "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (f'<office:document-content xmlns:office="{o}" xmlns:table="{t}"><office:body><office:spreadsheet>'
               '<table:table table:name="表1"><table:table-row><table:table-cell/></table:table-row>'
               '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>'
               '<table:table-cell office:value-type="percentage" office:value="0.073" table:number-columns-repeated="3"/>'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "t.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    cells = ods_cells(path.read_bytes())
    assert {(r, c) for r in range(4) for c in range(6) if cells.is_percent("表1", r, c)} == {
        (r, c) for r in (1, 2) for c in (2, 3, 4)}


# A cell written without an r attribute takes the place after the previous cell of its row (and a row
# without r the row after the previous one): its place is found by walking the cells, not from r values.
_WITHOUT_R = {
    "far_row_cell_without_r": ('<row r="1048576"><c><v>7</v></c></row>', "A1048576", ""),
    "far_cells_after_a_far_column": ('<row r="6"><c r="XFA6"><v>7</v></c><c><v>8</v></c></row>'
                                     '<row r="1048576"><c><v>9</v></c><c t="inlineStr"><is><t>x</t></is></c></row>',
                                     "XFA6", " (and 3 more: XFB6, A1048576, B1048576)"),
    "rows_without_r_after_a_far_row": ('<row r="1048570"/><row/><row><c><v>7</v></c></row>', "A1048572", ""),
}


@pytest.mark.parametrize("case", sorted(_WITHOUT_R))
def test_far_cells_written_without_an_r_attribute_are_placed_and_left_out(tmp_path, case):
    xml, first, more = _WITHOUT_R[case]
    path = _sheet_xml_edited(tmp_path, f"远_{case}", lambda x: x.replace("</sheetData>", xml + "</sheetData>"))
    done = ingest_limited(path)
    assert _records(done) == READ
    warning = next(line for line in done.stderr.splitlines() if "stray cell" in line)
    assert f"{path} › sheet 「表1」 › cell {first}: warning: a stray cell far away from the tables was left out{more}" \
        in warning


def test_a_far_row_of_cells_without_r_larger_than_the_table_is_refused_naming_it(tmp_path):
    """16 384 cells in row 1048576 outnumber the table: cutting the table would still leave 1.7e10 cells."""
    xml = '<row r="1048576">' + "<c><v>7</v></c>" * 16384 + "</row>"
    path = _sheet_xml_edited(tmp_path, "远_整行", lambda x: x.replace("</sheetData>", xml + "</sheetData>"))
    done = ingest_limited(path)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "panicked" not in done.stderr
    assert f"{path} › sheet 「表1」 › cell A1048576: error: a stray cell far away from the tables (and 16383 more: " \
           "B1048576, C1048576, D1048576, …)" in done.stderr
