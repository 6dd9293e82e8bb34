"""Every doubt on an indicator names the cells of the figures its value rests on (issue 11: "named with the cell
to check"; bt11 fault 8: 一般工业固体废物综合利用率 109 % was doubtful with file, sheet and cell null in the JSON and
the PDF). By kind: a value outside its bounds, outside its plausible range, too large to compute with, and one
with no score (a zero divisor) — each through scorer.score.doubt.at_cells and cells_read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import run_cli
from tests.test_quality import filled_template

PERIOD = "2023Q1"


def _beyond(ind):
    """(value, expected code) pairs past each limit the indicator declares: bounds, then plausible range."""
    b, p = ind.spec.value_bounds, ind.spec.plausible
    out = []
    if b.max is not None:
        out.append((b.max * 2 + 1, "above_bound"))
    if b.min is not None:
        out.append((b.min - abs(b.min) - 1, "below_bound"))
    if p is not None and p.max is not None and (b.max is None or p.max < b.max):
        out.append((p.max * 1.5 if b.max is None else (p.max + b.max) / 2, "implausible_value"))
    if p is not None and p.min is not None and p.min > 0:
        out.append((p.min / 10, "implausible_value"))
    return out


def test_every_limit_of_every_indicator_is_doubtful_at_the_cells_its_value_rests_on(framework, sample_run):
    """Each indicator's value pushed past each of its limits in the sample's quarter: the doubt (the engine's own
    `find_doubts`, with the sample's panel) is at the first cell the value rests on and names every one."""
    from scorer.score.doubt import cells_read, find_doubts, published_in

    panel, period = sample_run.panel, sample_run.result.period
    kinds = set()
    for ind in framework.indicators.values():
        cells = cells_read(framework, panel, ind, period, published_in(panel))
        if ind.tree is None or not cells:
            continue
        for value, code in _beyond(ind):
            values = sample_run.result.values.copy()
            values.at[period, ind.id] = value
            cause = find_doubts(framework, values, [], None, published_in(panel), panel).causes[(period, ind.id)]
            assert cause.code == code, (ind.id, value, cause.code)
            assert (cause.location.file, cause.location.sheet, cause.location.cell) == \
                (cells[0].file, cells[0].sheet, cells[0].cell), (ind.id, code, cause.location)
            assert all(o.where() in cause.message and o.where() in cause.message_zh for o in cells), cause.message_zh
            kinds.add(code)
    assert kinds == {"above_bound", "below_bound", "implausible_value"}


def _scale(fields: dict[str, float]):
    def edit(fid, now, before):
        return (now * fields[fid], before * fields[fid]) if fid in fields else (now, before)
    return edit


# Each kind of doubt computed from several figures, built from the sample's figures; the phrase its message says.
KINDS = {
    "above_bound": ({"solid_waste_utilized": 1.09 * 100 / 88.03}, "solid_waste_utilization", "above its highest"),
    "implausible_value": ({"rd_expenditure": 15.0}, "rd_intensity", "framework.yaml `plausible`"),
    "no_score": ({"solid_waste_generated": 0.0, "solid_waste_utilized": 0.0}, "solid_waste_utilization", "drops out of its category"),
    "too_large": ({"built_area": 1e-300}, "output_per_km2", "too large to compute with"),
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_score_json_names_a_cell_the_indicator_rests_on_for_every_kind_of_doubt(framework, sample_run, tmp_path, kind):
    """`score --json` on a filled template raising each kind: the indicator's problem has file, sheet and cell,
    the cell is one its value is computed from, and so is every other indicator problem naming a figure."""
    from scorer.pipeline import run
    from scorer.score.doubt import cells_read, published_in

    scale, target, phrase = KINDS[kind]
    path = filled_template(framework, sample_run, tmp_path / "周口经济开发区_2023年1-3月.xlsx", _scale(scale))
    done = run_cli("score", path, "--json")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    out = json.loads(done.stdout)
    r = run([path])
    found = [p for p in out["problems"] if p["indicator"] == target and phrase in (p["message_en"] or "")]
    assert found, [p["message_en"] for p in out["problems"] if p["indicator"] == target]
    for p in out["problems"]:
        if not p["indicator"] or p["level"] == "note" or "cannot be computed" in (p["message_en"] or ""):
            continue
        cells = cells_read(framework, r.panel, framework.indicators[p["indicator"]], p["period"], published_in(r.panel))
        assert p["file"] and p["sheet"] and p["cell"], p
        assert (Path(p["file"]).name, p["sheet"], p["cell"]) in {(Path(o.file).name, o.sheet, o.cell) for o in cells}, p
    for p in found:
        cells = cells_read(framework, r.panel, framework.indicators[target], p["period"], published_in(r.panel))
        assert all(o.where() in p["message_zh"] for o in cells), p["message_zh"]
