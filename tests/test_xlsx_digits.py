"""Every number of an --xlsx output shows its significant digits: a number format never rounds a non-zero value to
zero nor moves it by more than 1 % (bt15 F2: plan's 每单位努力点 0.000206 was shown 0.00 under `#,##0.00`, 27.5家
as 28). Checked on a sheet of awkward values of every kind, and on every numeric cell of compare's and plan's
workbooks; tests/test_spreadsheets.py reads the same workbooks through LibreOffice."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from conftest import EXAMPLES, run_cli
from scorer.sheets import FIXED_DECIMALS, KIND_DECIMALS, SHOWN_ERROR, Column, Sheet, write_xlsx


def shown(value: float, number_format: str) -> float:
    """The figure a spreadsheet shows for `value` under `number_format` (its first section's decimals)."""
    section = number_format.split(";")[0 if value >= 0 or ";" not in number_format else 1]
    digits = len(section.split(".")[1]) if "." in section else 0
    return round(value, digits)


def numeric_cells(path):
    book = openpyxl.load_workbook(path)
    for ws in book:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    yield ws.title, cell


def fixed(sheet: str, header: str) -> bool:
    """Whether a column of compare's or plan's workbook is a score, its change or a plan's gain (sheets.FIXED_DECIMALS:
    at the terminal's decimals, bt15k F3): headed …（分）, but for 指标贡献分值's points."""
    return str(header).endswith("（分）") and sheet != "指标贡献分值"


def assert_digits_kept(path) -> int:
    n = 0
    for sheet, cell in numeric_cells(path):
        if fixed(sheet, cell.parent.cell(1, cell.column).value):
            continue  # test_scores_and_gains_show_the_terminal_s_decimals
        figure = shown(cell.value, cell.number_format)
        if cell.value:
            assert figure != 0 and abs(figure - cell.value) <= SHOWN_ERROR * abs(cell.value) * 1.0001, \
                (sheet, cell.coordinate, cell.value, cell.number_format)
        n += 1
    return n


AWKWARD = [0.000206, -0.000341, 0.00124, 0.0049, 27.5, 6.45, 70.83, 145770.43, 1e-9, -3.3333, 0.0]


def test_no_kind_of_column_rounds_a_value_away(tmp_path):
    kinds = [k for k in KIND_DECIMALS if k not in FIXED_DECIMALS] + ["number"]
    units = ["家", "万元", "亿元", "%", ""]
    rows = [{"unit": u, **{k: v for k in kinds}} for v in AWKWARD for u in units]
    columns = [Column("unit", "单位")] + [Column(k, k, k, unit_key="unit" if k == "number" else None) for k in kinds]
    out = tmp_path / "x.xlsx"
    write_xlsx(out, [Sheet("表", pd.DataFrame(rows), columns)])
    assert assert_digits_kept(out) == len(rows) * len(kinds)
    book = openpyxl.load_workbook(out)["表"]


def test_scores_and_gains_show_the_terminal_s_decimals(tmp_path):
    """bt15k F3: 综合得分较基准 0.66 was +0.66 (the terminal +0.7), a plan's gains +0.162 beside +0.83 (the terminal
    +0.16): a score and its change at one decimal, a gain at two, whatever the value (the cell keeps it in full)."""
    rows = [{k: v for k in FIXED_DECIMALS} for v in AWKWARD]
    out = tmp_path / "x.xlsx"
    write_xlsx(out, [Sheet("表", pd.DataFrame(rows), [Column(k, k, k) for k in FIXED_DECIMALS])])
    book = openpyxl.load_workbook(out)["表"]
    for c, kind in enumerate(FIXED_DECIMALS, start=1):
        digits = {len(book.cell(r, c).number_format.split(";")[0].split(".")[1]) for r in range(2, len(AWKWARD) + 2)}
        assert digits == {KIND_DECIMALS[kind]}, (kind, digits)


@pytest.mark.parametrize("args, terminal", [
    (["plan", EXAMPLES, "--target", "80"], {"增加综合得分（分）": 2, "完成后综合得分（分）": 1}),
    (["compare", EXAMPLES, *sorted((EXAMPLES / "scenarios").glob("*.yaml"))], {"综合得分较基准（分）": 1}),
])
def test_every_score_column_of_compare_and_plan_shows_the_terminal_s_decimals(tmp_path, args, terminal):
    out = tmp_path / "out.xlsx"
    assert run_cli(*args, "--xlsx", out).returncode == 0
    seen: dict[str, set] = {}
    for sheet, cell in numeric_cells(out):
        header = cell.parent.cell(1, cell.column).value
        if fixed(sheet, header):
            section = cell.number_format.split(";")[0]
            seen.setdefault(header, set()).add(len(section.split(".")[1]) if "." in section else 0)
    assert all(seen.get(h) == {d} for h, d in terminal.items()), seen
    assert all(v == {1} for h, v in seen.items() if h not in terminal or terminal[h] == 1), seen


@pytest.mark.parametrize("args", [
    ["plan", EXAMPLES, "--target", "75"],
    ["compare", EXAMPLES, *sorted((EXAMPLES / "scenarios").glob("*.yaml"))],
])
def test_every_number_of_compare_and_plan_xlsx_shows_its_digits(tmp_path, args):
    out = tmp_path / "out.xlsx"
    done = run_cli(*args, "--xlsx", out)
    assert done.returncode == 0, done.stderr
    assert assert_digits_kept(out) > 20


def test_compare_xlsx_says_an_undecided_readiness_and_carries_the_version(tmp_path):
    """满足升级条件 was empty where the JSON says null (not decided: an analyst's input pending); the workbooks had
    no scorer version, unlike the JSON and the PDF (bt15 F22)."""
    from importlib.metadata import version

    out = tmp_path / "c.xlsx"
    done = run_cli("compare", EXAMPLES, *sorted((EXAMPLES / "scenarios").glob("*.yaml")), "--xlsx", out)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    assert book.properties.creator == f"scorer {version('scorer')}"
    ws = book["情景对比"]
    col = next(c for c in ws[1] if c.value == "满足升级条件").column
    shown = [ws.cell(r, col).value for r in range(2, ws.max_row + 1)]
    assert shown and all(v in ("是", "否", "待确认") for v in shown), shown
