"""Spreadsheet outputs: text from input never becomes a formula, numbers stay numbers, and the --xlsx
workbooks read the same in LibreOffice (a third-party reader) as they were written."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

from scorer.sheets import FORMULA_TRIGGERS, Column, Sheet, csv_text, display_width, neutralise, write_xlsx
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.test_xlsx_digits import fixed

HOSTILE = [t + "1+1" for t in FORMULA_TRIGGERS] + ['=HYPERLINK("http://example.invalid","点此")', "@SUM(A1:A9)",
                                                   "-2+3", "=cmd|' /C calc'!A0"]


def formulas(path) -> list[str]:
    """Every cell of the workbook that openpyxl reads as a formula."""
    book = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"]


def scenario(tmp_path, k: int, name: str, description: str):
    path = tmp_path / f"s{k}.yaml"
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'
    path.write_text(f"name: {quote(name)}\ndescription: {quote(description)}\nfields:\n  fdi_actual: +{k + 1}%\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_fields_that_start_like_a_formula_get_an_apostrophe(text):
    assert neutralise(text) == "'" + text
    rows = list(csv.reader(io.StringIO(csv_text(pd.DataFrame({"name": [text], "score": [-1.5]})), newline="")))
    assert rows[1] == ["'" + text.replace("\r", "\n"), "-1.5"]  # a lone CR becomes a (quoted) line break


def test_csv_numbers_stay_numbers_and_ordinary_text_is_unchanged():
    frame = pd.DataFrame({"情景": ["外资增长两成", None], "overall": [-3.25, math.nan], "rank": [4, 5]})
    rows = list(csv.reader(io.StringIO(csv_text(frame))))
    assert rows[1] == ["外资增长两成", "-3.25", "4"] and rows[2] == ["", "", "5"]
    assert neutralise(-3.25) == -3.25 and neutralise(None) is None


def test_xlsx_text_is_text_whatever_it_starts_with(tmp_path):
    frame = pd.DataFrame({"name": HOSTILE, "score": [-12.5] * len(HOSTILE)})
    write_xlsx(tmp_path / "x.xlsx", [Sheet("表", frame, [Column("name", "=名称"), Column("score", "得分", "score", "分")])])
    assert formulas(tmp_path / "x.xlsx") == []
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["表"]
    assert [c.value for c in ws["A"]] == ["=名称"] + [h.replace("\r", "\n") for h in HOSTILE]  # XML reads CR as LF
    assert all(c.value == -12.5 and c.number_format == "#,##0.0" for c in ws["B"][1:])
    assert ws["B1"].value == "得分（分）" and ws.freeze_panes == "B2"


def test_xlsx_columns_are_wide_enough_for_chinese_text(tmp_path):
    frame = pd.DataFrame({"name": ["实际使用外资占所在市比重"], "v": [1234567.0]})
    write_xlsx(tmp_path / "x.xlsx", [Sheet("表", frame, [Column("name", "指标"), Column("v", "数值", "number", "万元")])])
    ws = openpyxl.load_workbook(tmp_path / "x.xlsx")["表"]
    assert ws.column_dimensions["A"].width >= display_width("实际使用外资占所在市比重") == 24
    assert ws.column_dimensions["B"].width >= len("1,234,567") and ws["B2"].number_format == "#,##0"


def test_compare_writes_hostile_scenario_text_as_text_in_xlsx_and_neutralised_in_csv(tmp_path):
    files = [scenario(tmp_path, k, name, HOSTILE[-1 - k]) for k, name in enumerate(HOSTILE[:4])]
    done = run_cli("compare", EXAMPLES, *files, "--csv", "--xlsx", tmp_path / "c.xlsx")
    assert done.returncode == 0, done.stderr
    assert formulas(tmp_path / "c.xlsx") == []
    book = openpyxl.load_workbook(tmp_path / "c.xlsx")
    names = [c.value for c in book["情景对比"]["A"][2:]]
    assert names == HOSTILE[:4]
    assert [c.value for c in book["指标值"][1][2:-1]] == ["基准"] + HOSTILE[:4]  # scenario names as headers
    assert all(isinstance(c.value, float) for c in book["情景对比"]["C"][1:])
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["scenario"] for r in rows[1:]] == ["'" + n for n in HOSTILE[:4]]
    assert [r["description"] for r in rows[1:]] == ["'" + HOSTILE[-1 - k] for k in range(4)]
    assert all(float(r["overall"]) > 0 for r in rows)


def test_score_table_csv_neutralises_a_coinr_unit_code(tmp_path):
    ref = ROOT / "tests" / "data" / "coinr-asem"
    assert run_cli("import-coinr", ref / "ASEM_iMeta.csv", ref / "ASEM_iData.csv", "-o", tmp_path).returncode == 0
    data = tmp_path / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("\nAUT,", "\n=1+AUT,"), encoding="utf-8")
    done = run_cli("score-table", tmp_path / "framework.yaml", data, "--csv")
    assert done.returncode == 0, done.stderr
    codes = [row[0] for row in csv.reader(io.StringIO(done.stdout))]
    assert "'=1+AUT" in codes and "=1+AUT" not in codes


def test_a_coinr_code_with_a_leading_apostrophe_is_kept_as_the_idata_writes_it(tmp_path):
    """bt16 F13: a code '-AUT in a COINr iData (a file scorer did not write) lost its apostrophe, taken for scorer's
    neutralising mark. It is read as written; the data.csv import-coinr writes neutralises it (''-AUT) and reads
    it back as '-AUT beside its framework; a table of anyone else's is read as written."""
    ref = ROOT / "tests" / "data" / "coinr-asem"
    data = pd.read_csv(ref / "ASEM_iData.csv", dtype=str, keep_default_na=False)
    data.loc[data["uCode"] == "AUT", "uCode"] = "'-AUT"
    idata = tmp_path / "iData.csv"
    data.to_csv(idata, index=False)
    out = tmp_path / "out"
    assert run_cli("import-coinr", ref / "ASEM_iMeta.csv", idata, "-o", out).returncode == 0
    assert "\n''-AUT," in (out / "data.csv").read_text(encoding="utf-8-sig")  # neutralised for Excel
    done = run_cli("score-table", out / "framework.yaml", out / "data.csv", "--json")
    assert done.returncode == 0, done.stderr
    assert "'-AUT" in [u["unit"] for u in json.loads(done.stdout)["units"]]
    mine = tmp_path / "mine.csv"  # the user's own table, a leading apostrophe typed on purpose
    mine.write_text((out / "data.csv").read_text(encoding="utf-8-sig").replace("\n''-AUT,", "\n'-AUT,"), encoding="utf-8")
    done = run_cli("score-table", out / "framework.yaml", mine, "--json")
    assert "'-AUT" in [u["unit"] for u in json.loads(done.stdout)["units"]], done.stderr


def _hostile_idata(tmp_path) -> tuple[Path, dict[str, str]]:
    """ASEM's iData with unit codes and names that look like formulas; (file, {code: name})."""
    ref = ROOT / "tests" / "data" / "coinr-asem"
    data = pd.read_csv(ref / "ASEM_iData.csv", dtype=str, keep_default_na=False)
    hostile = dict(zip(HOSTILE[:6], HOSTILE[6:12]))
    data.loc[: len(hostile) - 1, "uCode"] = list(hostile)
    data.loc[: len(hostile) - 1, "uName"] = list(hostile.values())
    path = tmp_path / "iData.csv"
    data.to_csv(path, index=False)
    return path, hostile


def test_import_coinr_writes_formula_looking_codes_and_names_neutralised_and_reads_them_back(tmp_path):
    data, hostile = _hostile_idata(tmp_path)
    ref = ROOT / "tests" / "data" / "coinr-asem"
    done = run_cli("import-coinr", ref / "ASEM_iMeta.csv", data, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    written = tmp_path / "out" / "data.csv"
    rows = list(csv.reader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    def number(field: str) -> bool:
        try:
            return math.isfinite(float(field))
        except ValueError:
            return False

    # nothing Excel would run: only numbers (the indicators' values) may start with - or +
    assert not [f for row in rows for f in row if f.startswith(FORMULA_TRIGGERS) and not number(f)]
    assert {r[0] for r in rows} >= {"'" + c for c in hostile}
    assert {r[1] for r in rows} >= {"'" + n for n in hostile.values()}
    # read back by scorer: the codes are what iData said, not the neutralised text
    scored = run_cli("score-table", tmp_path / "out" / "framework.yaml", written, "--json")
    assert scored.returncode == 0, scored.stderr
    import json

    units = {u["unit"] for u in json.loads(scored.stdout)["units"]}
    assert set(hostile) <= units and not any(u.startswith("'") for u in units)


def test_the_template_writes_a_formula_looking_zone_name_as_text(tmp_path):
    import unicodedata

    for k, zone in enumerate(HOSTILE):
        out = tmp_path / f"模板{k}.xlsx"
        done = run_cli("template", "-o", out, "--period", "2023Q1", "--zone", zone)
        if any(unicodedata.category(c) in ("Cc", "Cf") for c in zone):  # a tab or CR before =: refused as an option
            assert done.returncode == 2 and not out.exists(), done.stderr  # (bt16j F15), nothing written
            continue
        assert done.returncode == 0, done.stderr
        assert formulas(out) == []
        title = openpyxl.load_workbook(out).worksheets[0]["A1"].value
        assert title.startswith(zone.replace("\r", "\n"))  # XML keeps no lone CR


def test_every_csv_and_xlsx_the_tool_writes_is_made_in_scorer_sheets():
    # One writer neutralises (CSV) and keeps text as text (.xlsx); a second writer would forget to.
    for path in (ROOT / "scorer").rglob("*.py"):
        if path.name == "sheets.py":
            continue
        source = path.read_text(encoding="utf-8")
        for writer in (".to_csv(", ".to_excel(", "ExcelWriter", "csv.writer", "csv.DictWriter", "xlsxwriter"):
            assert writer not in source, f"{path}: {writer}"
        if "from openpyxl import Workbook" in source:  # a workbook laid out here, saved through sheets
            assert "save_workbook(" in source and ".save(" not in source, path


def test_csv_redirected_to_a_file_carries_a_bom_for_excel(tmp_path):
    files = [scenario(tmp_path, 0, "外资增长", "说明")]
    target = tmp_path / "对比.csv"
    with target.open("wb") as fh:
        done = subprocess.run([os.sys.executable, "-m", "scorer", "compare", str(EXAMPLES), *map(str, files), "--csv"],
                              stdout=fh, stderr=subprocess.PIPE, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "外资增长" in raw.decode("utf-8-sig")


def test_uncertainty_export_is_excel_csv(tmp_path):
    done = run_cli("uncertainty", EXAMPLES, "--draws", "50", "--seed", "1", "--json", "--export", tmp_path / "d.csv")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(pd.read_csv(tmp_path / "d.csv", encoding="utf-8-sig")) == 50


def test_uncertainty_export_as_parquet_holds_the_same_draws_as_the_csv_with_their_types(tmp_path):
    for name in ("d.csv", "d.parquet"):
        done = run_cli("uncertainty", EXAMPLES, "--draws", "60", "--seed", "3", "--sobol", "--json",
                       "--export", tmp_path / name)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "d.parquet").read_bytes()[:4] == b"PAR1"
    table = pd.read_parquet(tmp_path / "d.parquet")
    text = pd.read_csv(tmp_path / "d.csv", encoding="utf-8-sig")
    assert list(table.columns) == list(text.columns) and len(table) == len(text) > 60  # a Saltelli design
    assert table["overall"].dtype == "float64" and table["draw"].dtype == "int64"
    # booleans with nulls: pandas' nullable "boolean" since the export is written block by block (a block may hold no True)
    assert set(table["ready"].dropna()) <= {True, False} and table["ready"].dtype in ("bool", "object", "boolean")
    pd.testing.assert_frame_equal(table.drop(columns="ready"), text.drop(columns="ready"), check_dtype=False,
                                  rtol=1e-12)
    # Missing (undetermined, e.g. analyst inputs pending) is null in Parquet (None, or pandas' NA in a "boolean"
    # column) and an empty cell in the CSV.
    def shown(col):
        return col.astype(object).map(lambda v: "" if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))
                                      else str(v))
    assert (shown(table["ready"]) == shown(text["ready"])).all()


def test_write_table_chooses_parquet_by_suffix_and_csv_otherwise(tmp_path):
    from scorer.sheets import write_table

    frame = pd.DataFrame({"zone": ["=1+1", "周口"], "score": [61.25, math.nan], "ready": [True, None]})
    for name in ("a.parquet", "a.PQ", "a.csv", "a.txt"):
        write_table(tmp_path / name, frame)
    for name in ("a.parquet", "a.PQ"):
        back = pd.read_parquet(tmp_path / name)
        assert back["zone"].tolist() == ["=1+1", "周口"] and back["score"].iloc[0] == 61.25
        assert math.isnan(back["score"].iloc[1]) and back["ready"].tolist()[0] is True
    for name in ("a.csv", "a.txt"):
        assert (tmp_path / name).read_bytes().startswith(b"\xef\xbb\xbf")
        assert pd.read_csv(tmp_path / name, encoding="utf-8-sig")["zone"].tolist() == ["'=1+1", "周口"]


def test_a_table_written_in_blocks_is_the_table_written_whole(tmp_path):
    """CSV blocks make the whole table's bytes (one header, one BOM, every field neutralised); Parquet blocks are
    row groups that read back as the whole table, a block whose True/False/None column holds only None included."""
    import pyarrow.parquet as pq

    from scorer.sheets import table_writer, write_table

    frame = pd.DataFrame({"zone": ["=1+1", "周口", "a,b", '"q"', "x\ny", "@S"], "score": [61.25, math.nan, 1e-12, 3.0, -0.5, 7.0],
                          "ready": pd.array([None, None, True, False, None, True], dtype="boolean")})
    write_table(tmp_path / "whole.csv", frame)
    for name in ("blocks.csv", "blocks.parquet"):
        with table_writer(tmp_path / name) as write:
            for start in range(0, len(frame), 2):
                write(frame.iloc[start:start + 2])
    assert (tmp_path / "blocks.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert pq.ParquetFile(tmp_path / "blocks.parquet").num_row_groups == 3
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "blocks.parquet"), frame)


def test_a_table_writer_that_fails_midway_leaves_the_earlier_file_and_no_temporary(tmp_path):
    from scorer.sheets import table_writer

    for name in ("t.csv", "t.parquet"):
        (tmp_path / name).write_bytes(b"earlier")
        with pytest.raises(RuntimeError):
            with table_writer(tmp_path / name) as write:
                write(pd.DataFrame({"a": [1.0, 2.0]}))
                raise RuntimeError("stopped after one block")
        assert (tmp_path / name).read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.parquet"]


def test_a_table_writer_that_fails_closes_its_parquet_writer_itself(tmp_path, monkeypatch):
    """A failed block closes the ParquetWriter there (its footer goes to the temporary file, removed), never
    leaving it to a __del__ that would write to the closed stream later (an 'unraisable' error)."""
    import gc
    import sys

    from scorer.sheets import table_writer

    def fail() -> None:  # returns with nothing of the failed block still referenced (no traceback kept)
        try:
            with table_writer(tmp_path / "t.parquet") as write:
                write(pd.DataFrame({"a": [1.0, 2.0]}))
                raise RuntimeError("stopped after one block")
        except RuntimeError:
            pass

    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    fail()
    gc.collect()
    assert unraisable == [], [u.exc_value for u in unraisable]
    assert list(tmp_path.iterdir()) == []


class _FullDisk(io.RawIOBase):
    """A file on a full disk: every write (and so every flush, and the flush on closing) fails with ENOSPC."""

    def __init__(self, fd: int):
        self.fd = fd

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        import errno

        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


@pytest.mark.parametrize("name", ["z.parquet", "z.csv", "z.pq"])
def test_every_streamed_table_on_a_full_disk_is_said_naming_the_output(tmp_path, monkeypatch, name):
    """The disk fills while the table is still buffered: the flush when the file is finished and the one when it is
    closed both fail. Said as "cannot write the output" naming it, whatever the format (bt16f F5: Parquet was an
    internal error, exit 70), and nothing is left beside it."""
    from scorer import atomic
    from scorer.errors import ScorerError
    from scorer.sheets import write_table

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: io.BufferedWriter(_FullDisk(fd), 1 << 20))
    with pytest.raises(ScorerError) as info:
        write_table(tmp_path / name, pd.DataFrame({"a": [1.0, 2.0], "b": ["x", "y"]}))
    problem = info.value.problems[0]
    assert problem.location.file == tmp_path / name and "disk is full" in problem.message, problem
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- LibreOffice as a third-party reader
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: scripts/test.sh "
                                   "installs libreoffice-calc-nogui; without it this reader check cannot run")


def libreoffice_sheets(path, tmp_path) -> dict[str, list[list[str]]]:
    """Each sheet as LibreOffice shows it (formatted text), through a headless conversion to CSV."""
    out = tmp_path / "lo"
    # 44,34,76: comma, double quote, UTF-8; token 9 true: cells as shown; token 12 -1: every sheet to its own file.
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return {f.stem.split("-", 1)[1]: list(csv.reader(f.open(encoding="utf-8"))) for f in out.glob("*.csv")}


def assert_same_as_written(path, tmp_path) -> dict[str, list[list[str]]]:
    """Every cell LibreOffice shows equals what was written: text exactly, numbers to the shown decimals."""
    shown, book, checked = libreoffice_sheets(path, tmp_path), openpyxl.load_workbook(path), 0
    assert sorted(shown) == sorted(book.sheetnames)
    for ws in book:
        for r, row in enumerate(ws.iter_rows()):
            for c, cell in enumerate(row):
                text = shown[ws.title][r][c] if c < len(shown[ws.title][r]) else ""
                if cell.value is None:
                    assert text == ""
                elif cell.data_type == "s":
                    assert text == cell.value, (ws.title, cell.coordinate)
                else:
                    fmt = cell.number_format.split(";")[0]
                    digits = len(fmt.split(".")[1]) if "." in fmt else 0
                    assert text.replace(",", "").replace("+", "") == f"{cell.value:.{digits}f}".replace("-0.0", "0.0") \
                        or float(text.replace(",", "")) == pytest.approx(cell.value, abs=0.51 * 10 ** -digits), \
                        (ws.title, cell.coordinate, text, cell.value)
                    if cell.value and not fixed(ws.title, ws.cell(1, cell.column).value):
                        # never a non-zero value shown as zero, nor rounded by more than 1 % (bt15 F2); a score, its change
                        # and a plan's gain at the terminal's decimals (bt15k F3: test_xlsx_digits)
                        assert float(text.replace(",", "")) == pytest.approx(cell.value, rel=0.0101), \
                            (ws.title, cell.coordinate, text, cell.value, cell.number_format)
                    if "#,##0" in fmt and abs(cell.value) >= 1000:
                        assert "," in text, (ws.title, cell.coordinate, text)
                checked += 1
    assert checked > 50
    return shown


@needs_soffice
def test_compare_xlsx_reads_the_same_in_libreoffice(tmp_path):
    files = [scenario(tmp_path, 0, "=外资+20%", "@说明"), *sorted((EXAMPLES / "scenarios").glob("*.yaml"))]
    assert run_cli("compare", EXAMPLES, *files, "--xlsx", tmp_path / "c.xlsx").returncode == 0
    scores = assert_same_as_written(tmp_path / "c.xlsx", tmp_path)["情景对比"]
    assert scores[0][2] == "综合得分（分）" and all(len(row[2].split(".")[1]) == 1 for row in scores[1:])


@needs_soffice
def test_plan_xlsx_reads_the_same_in_libreoffice(tmp_path):
    assert run_cli("plan", EXAMPLES, "--target", "90", "--xlsx", tmp_path / "p.xlsx").returncode == 0
    assert formulas(tmp_path / "p.xlsx") == []
    shown = assert_same_as_written(tmp_path / "p.xlsx", tmp_path)
    assert shown["提升路径"][0][:2] == ["序号", "措施（本期数调整）"]


@pytest.mark.parametrize("aim, steps", [(("--target", "80"), "best"), (("--verdict",), "none"), (("--target", "75"), "plan")])
def test_plan_xlsx_says_what_the_command_answers(tmp_path, aim, steps):
    """bt15i F2: with the target out of reach, the terminal said so and listed the best plan within the ranges while
    the workbook's 提升路径 held only its header and no sheet said why; with every condition the data can settle met,
    nothing said so. The 结论 sheet says what the terminal says, and 提升路径 lists the steps the terminal lists."""
    import json

    import openpyxl

    out = tmp_path / "plan.xlsx"
    done = run_cli("--lang", "zh", "plan", EXAMPLES, *aim, "--xlsx", out)
    assert done.returncode == 0, done.stderr
    data = json.loads(run_cli("plan", EXAMPLES, *aim, "--json").stdout)
    wb = openpyxl.load_workbook(out)
    conclusion = {row[0]: row[1] for row in wb["结论"].iter_rows(min_row=2, values_only=True)}["结论"]
    listed = wb["提升路径"].max_row - 1
    if steps == "best":
        assert not data["reachable"] and "无法达到目标" in conclusion and "最高的方案" in conclusion, conclusion
        assert listed > 0 and f"{data['max_overall']:.1f}" in conclusion
    elif steps == "none":
        assert listed == 0 and "数据所及条件均已满足" in conclusion and "居本省省级开发区首位" in conclusion, conclusion
    else:
        assert listed == len(data["actions"]) > 0 and "判定" in conclusion, conclusion
    assert conclusion in done.stdout.replace("\n", "") or steps != "none"  # the terminal's own sentence, where it is one
