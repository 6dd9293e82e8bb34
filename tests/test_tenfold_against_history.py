"""Issue 11, open point 6: a figure 10 times off (a digit too many or too few) was caught only near a range's edge
(a field's own max_jump is 10 for trade, FDI and tax, its ratio ranges span 10 000): only a 10 000× slip was caught
reliably. Now a figure whose ratio to its linked figures (fields.yaml `ratios`) jumps against the zone's own history
of that ratio, in every neighbouring quarter, is doubtful at its cell. Built from the sample's own figures for every
linked field, in a middle quarter and at both ends of the history, ×10 and ÷10 with a real change on top."""

from __future__ import annotations

import dataclasses
import json
import shutil

import openpyxl
import pytest

from scorer.read.plausibility import DOUBT_CODES, doubtful_figures
from tests.conftest import EXAMPLES, run_cli


def _levels(sample_run):
    return {(f, p): o for (f, p, basis), o in sample_run.panel.sources.items() if basis != "growth"}


def _linked(framework):
    out = set()
    for fid, f in framework.fields.items():
        if f.ratios:
            out |= {fid, *f.ratios}
    return sorted(x for x in out if x in framework.fields)


def test_the_sample_has_no_figure_out_of_line_with_its_history(framework, sample_run):
    found = [p for p in doubtful_figures(_levels(sample_run), framework.fields) if p.code in DOUBT_CODES]
    assert not found, [p.message for p in found]


@pytest.mark.parametrize("factor", [10 * 0.95, 10 * 1.2, 0.1 * 1.05, 0.1 / 1.2])
def test_a_tenfold_slip_of_any_linked_figure_is_doubtful_at_its_cell_and_nothing_else_is(framework, sample_run, factor):
    base = _levels(sample_run)
    periods = sorted({p for _, p in base})
    missed, collateral = [], []
    for fid in _linked(framework):
        for period in (periods[0], periods[len(periods) // 2], periods[-1]):
            o = base.get((fid, period))
            if o is None or o.value <= 0:
                continue
            levels = dict(base)
            levels[(fid, period)] = dataclasses.replace(o, value=o.value * factor)
            found = {(p.field_id, p.period) for p in doubtful_figures(levels, framework.fields) if p.code in DOUBT_CODES}
            if (fid, period) not in found:
                missed.append((fid, period))
            collateral += [(fid, period, x) for x in found - {(fid, period)}]
    assert not missed, f"×{factor}: not doubtful {missed}"
    assert not collateral, f"×{factor}: correct figures called doubtful {collateral}"


def test_a_tenfold_trade_figure_in_a_workbook_is_named_at_its_cell_and_not_scored_as_true(tmp_path):
    """End to end: the Q4 workbook's 进出口总额 typed with a digit too many (×9.5: a real fall on top, inside max_jump)."""
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, tmp_path)
    book = tmp_path / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["主要经济指标"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "2.进出口总额")
    ws.cell(row, 3).value = ws.cell(row, 3).value * 9.5
    wb.save(book)
    document = json.loads(run_cli("score", tmp_path, "--json").stdout)
    said = [p for p in document["problems"] if p.get("field") == "trade_total" or "进出口总额" in p["message_zh"]]
    at = [p for p in said if p["code"] in DOUBT_CODES and p["cell"] == f"C{row}" and "亿元" not in p["message_zh"]]
    assert at, [(p["code"], p.get("cell")) for p in said]
    trade = {i["id"]: i for i in document["indicators"]}
    assert trade["trade_amount"]["doubtful"] and trade["trade_amount"]["score"] != 100


@pytest.mark.parametrize("value", [1e-320, 1e-300, 1e300])
def test_a_figure_beyond_what_a_move_can_be_computed_of_is_judged_without_an_error(framework, sample_run, value):
    """A figure whose move against its neighbours is beyond floats (1e-320 ÷ 1e5 is 0: log10 raised a math domain
    error, an internal error on `score`) is not judged by its history, and still doubtful by its bounds or ratios."""
    base = _levels(sample_run)
    periods = sorted({p for _, p in base})
    tried = 0
    for fid in _linked(framework):
        for period in (periods[0], periods[len(periods) // 2], periods[-1]):
            o = base.get((fid, period))
            if o is None:
                continue
            levels = dict(base)
            levels[(fid, period)] = dataclasses.replace(o, value=value)
            found = {(p.field_id, p.period) for p in doubtful_figures(levels, framework.fields) if p.code in DOUBT_CODES}
            assert (fid, period) in found, (fid, period, value)
            tried += 1
    assert tried >= 10
