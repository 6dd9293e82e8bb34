"""A damaged, empty or foreign file given where a table is read is said in words, as for a workbook, never with a
Python class name (bt16k F8: `import-coinr empty.xlsx` said "damaged or incomplete (BadZipFile)"; a peer table
said calamine's "Cannot detect file format")."""

from __future__ import annotations

import os
import re

import pytest

from conftest import EXAMPLES, ROOT, run_cli

CLASS_NAME = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|ZipFile)\b")
SAID = {"empty": "the file is empty (0 bytes)", "noise": "neither an Excel workbook nor a zip archive",
        "cut": "a damaged zip archive"}


def _bad(tmp_path, kind: str):
    path = tmp_path / f"{kind}.xlsx"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "noise":
        path.write_bytes(os.urandom(40).replace(b"PK", b"pk"))
    else:  # a workbook cut short: its zip directory is gone
        path.write_bytes(next(EXAMPLES.glob("*.xlsx")).read_bytes()[:3000])
    return path


@pytest.mark.parametrize("kind", sorted(SAID))
@pytest.mark.parametrize("command", ["import-coinr", "score-table", "score --peers"])
def test_a_bad_table_file_is_said_in_words_without_a_class_name(tmp_path, kind, command):
    bad = _bad(tmp_path, kind)
    args = {"import-coinr": ["import-coinr", bad, bad, "-o", tmp_path / "out"],
            "score-table": ["score-table", ROOT / "indicators" / "framework.yaml", bad],
            "score --peers": ["score", EXAMPLES, "--peers", bad]}[command]
    done = run_cli(*args, "--lang", "en")
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert SAID[kind] in done.stderr and bad.name in done.stderr, done.stderr
    assert not CLASS_NAME.search(done.stderr) and "Traceback" not in done.stderr, done.stderr
