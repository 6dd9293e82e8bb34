"""bt10f F0: a cell with a style and no value far from the tables (<c r="XFD1048576" s="1"/>, as formatting a whole
range leaves behind) was warned as "a stray cell … left out", and --strict refused the workbook, though nothing was
left out; a stray cell in a hidden sheet that is not read was warned of too. Both are passed over: the far empty cell
is cut without a word (memory stays bounded), a valued one is still warned of. Workbooks built here."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests.conftest import run_cli
from tests.workbooks import HEADER, MERGES, ingest_limited, to_strict, write_xlsx

ROWS = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]


def _with_far_cell(folder, cell: str, fmt: str = "xlsx", hidden: dict | None = None):
    sheets = {"表1": ROWS, **({"上月": ROWS} if hidden else {})}
    path = write_xlsx(folder / f"远_2022年1-6月_{fmt}.xlsx", sheets, {name: MERGES for name in sheets}, hidden=hidden)
    part = "xl/worksheets/sheet2.xml" if hidden else "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[part] = parts[part].replace(b"</sheetData>", f'<row r="1048576">{cell}</row></sheetData>'.encode())
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return to_strict(path) if fmt == "strict" else path


@pytest.mark.parametrize("fmt", ["xlsx", "strict"])
@pytest.mark.parametrize("cell", ['<c r="XFD1048576" s="1"/>', '<c r="XFD1048576" s="1"></c>'])
def test_a_far_cell_holding_only_formatting_is_cut_without_a_word(tmp_path, fmt, cell):
    path = _with_far_cell(tmp_path, cell, fmt)
    done = ingest_limited(path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [(o["field"], o["value"], o["source"]["cell"]) for o in json.loads(done.stdout)["observations"]] == [
        ("gdp", 1_209_000.0, "C4"), ("gdp", 1_127_100.0, "D4"), ("gdp", 7.3, "E4")]
    assert "a stray cell" not in done.stderr
    strict = run_cli("ingest", path, "--strict")
    assert "a stray cell" not in strict.stderr and "XFD1048576" not in strict.stderr


def test_a_far_cell_holding_a_value_is_still_warned_of(tmp_path):
    done = ingest_limited(_with_far_cell(tmp_path, '<c r="XFD1048576" s="1"><v>7</v></c>'))
    assert done.returncode == 0 and "cell XFD1048576: warning: a stray cell" in done.stderr


def test_a_stray_cell_in_a_hidden_sheet_left_unread_is_not_said(tmp_path):
    path = _with_far_cell(tmp_path, '<c r="XFD1048576"><v>7</v></c>', hidden={"上月": "hidden"})
    plain = run_cli("ingest", path)
    assert "a stray cell" not in plain.stderr
    assert "sheet 「上月」: note: the sheet is hidden and was not read" in plain.stderr
    read = run_cli("ingest", path, "--hidden-sheets")
    assert "sheet 「上月」 › cell XFD1048576: warning: a stray cell" in read.stderr


def test_a_column_filled_down_far_below_the_table_is_left_out_and_said_as_such(tmp_path):
    # bt10f F9: a formula dragged down a whole column was refused as "a stray cell far away (and 1048546 more)"
    path = write_xlsx(tmp_path / "填充_2022年1-6月.xlsx", {"表1": ROWS}, {"表1": MERGES})
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    filled = "".join(f'<row r="{n}"><c r="Z{n}"><f>Y{n}*2</f><v>0</v></c></row>' for n in range(5, 130_001))
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>", filled.encode() + b"</sheetData>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    done = ingest_limited(path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert [(o["field"], o["value"], o["source"]["cell"]) for o in json.loads(done.stdout)["observations"]] == [
        ("gdp", 1_209_000.0, "C4"), ("gdp", 1_127_100.0, "D4"), ("gdp", 7.3, "E4")]
    assert "cell Z5: warning: cells filled down far below the tables were left out (Z5:Z130000); the sheet's other " \
           "cells end at E4" in done.stderr
    assert "a stray cell" not in done.stderr
