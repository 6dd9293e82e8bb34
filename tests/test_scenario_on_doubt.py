"""A scenario whose changes act on indicators left out as doubtful says so: those move no score until the cells are
corrected (bt11k F8: 进出口总额 +10亿元 on a slipped cell showed +0.0 with no word why)."""

from __future__ import annotations

import shutil

import openpyxl

from conftest import EXAMPLES, run_cli

SCENARIO = EXAMPLES / "scenarios" / "外贸扩量.yaml"


def _slipped(tmp_path):
    folder = tmp_path / "w"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios"))
    path = folder / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["主要经济指标"]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).endswith(".进出口总额"))
    assert ws.cell(row, 2).value == "亿元"
    for col in (3, 4):  # 万元 typed into the 亿元 row, both columns
        ws.cell(row, col).value = ws.cell(row, col).value * 1e4
    wb.save(path)
    return folder


def test_a_scenario_on_a_doubtful_field_says_why_it_moves_nothing(tmp_path):
    done = run_cli("compare", _slipped(tmp_path), SCENARIO, "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = " ".join((done.stdout + done.stderr).split())
    assert "its changes act on indicators left out as doubtful (Total imports and exports" in text, text[-3000:]


def test_a_scenario_on_sound_figures_says_nothing_of_it():
    done = run_cli("compare", EXAMPLES, SCENARIO, "--lang", "en")
    assert done.returncode == 0 and "left out as doubtful" not in done.stdout + done.stderr
