"""Text longer than an Excel cell holds (32 767 characters) is cut visibly and said, never silently (bt16i F6: a
scenario description of 1.5 million characters came out as its first 32 767 in compare --xlsx, exit 0, no note;
openpyxl cuts on its own)."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from conftest import EXAMPLES, run_cli
from scorer.sheets import CUT_MARK, EXCEL_CELL_CHARS, Column, Sheet, fit_cell, write_xlsx


@pytest.mark.parametrize("n", [EXCEL_CELL_CHARS, EXCEL_CELL_CHARS + 1, 100_000])
def test_a_cell_holds_at_most_the_limit_and_says_when_it_was_cut(n):
    text, cut = fit_cell("甲" * n)
    assert len(text) <= EXCEL_CELL_CHARS and cut == (n > EXCEL_CELL_CHARS)
    assert text.endswith(CUT_MARK.format(n=f"{n:,}")) == cut


def test_every_cut_cell_is_named_and_marked(tmp_path):
    frame = pd.DataFrame({"a": ["短", "x" * 40_000, "y" * 40_000], "b": ["z" * 33_000, "ok", "ok"]})
    path = tmp_path / "t.xlsx"
    told = write_xlsx(path, [Sheet("情景对比", frame, [Column("a", "甲"), Column("b", "乙")])])
    assert sorted(p.location.cell for p in told) == ["A3", "A4", "B2"]
    assert all(p.code == "xlsx_cell_cut" and p.severity == "warning" and p.location.sheet == "情景对比" for p in told)
    ws = openpyxl.load_workbook(path)["情景对比"]
    assert ws["A3"].value.endswith("〔已截断：原文 40,000 字〕") and len(ws["A3"].value) == EXCEL_CELL_CHARS
    assert ws["A2"].value == "短" and ws["B3"].value == "ok"


def test_compare_says_the_cut_in_its_warnings_and_json(tmp_path):
    scenario = tmp_path / "长说明.yaml"
    scenario.write_text("name: 长说明\ndescription: " + "外资" * 20_000 + "\nfields:\n  fdi_actual: +10%\n", encoding="utf-8")
    book = tmp_path / "对比.xlsx"
    shown = run_cli("--lang", "zh", "compare", EXAMPLES, scenario, "--xlsx", book)
    assert shown.returncode == 0, shown.stderr
    assert "对比.xlsx" in shown.stderr and "情景对比" in shown.stderr and "32,767" in shown.stderr
    data = json.loads(run_cli("compare", EXAMPLES, scenario, "--xlsx", tmp_path / "b.xlsx", "--json").stdout)
    cut = [p for p in data["problems"] if p["code"] == "xlsx_cell_cut"]
    assert len(cut) == 1 and cut[0]["sheet"] == "情景对比" and cut[0]["cell"]
