"""One round step of an indicator and what it is worth overall: the report's "每提高20亿元，综合得分可提高约…分".

`step_worth` is the indicator alone: its round step (about a tenth of the goalposts' span, at most the gap) times its
marginal points. An indicator that is one statistic (a bare field, annual(), to(), yoy() of a single field) is that
statistic's change, and a statistic several indicators read moves them all: raising 进出口总额 with 高新技术产品进出口额
unchanged lowers 高新技术产品进出口额占比 and raises 进出口总额增长率. `step_effects` re-scores the zone with the
statistic moved by the change that moves the indicator one step, so the figure is the net of every indicator it
moves, as the action table counts a field (bt13k F2: the step was credited +0.63 where the statistic is worth +0.2,
and the caveat named the indicators it raises while the one it lowers hid under 等).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from scorer import units
from scorer.errors import ScorerError
from scorer.score.engine import IndicatorResult
from scorer.score.run import Run


def nice_step(span: float) -> float:
    """A round raw-unit step of about a tenth of the goalposts' span (1, 2 or 5 × 10^k)."""
    raw = abs(span) / 10
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda step: abs(math.log(step / raw)))


def step_worth(i: IndicatorResult) -> tuple[float, float]:
    """One round step of improvement and the overall points it brings, this indicator alone, stopping at the target:
    the step is at most the gap, so the points never exceed what the gap is worth (`points_lost`). A count of single
    things (上市企业数 in 家: units.counts_single_things) moves by whole steps, at least one: never 0.5 家."""
    step = min(nice_step(i.target - i.floor), i.gap_to_target or 0.0)
    if step > 0 and units.counts_single_things(i.unit):
        step = float(max(1, math.ceil(step - 1e-9)))
    return step, min(i.marginal_points * step, i.points_lost or 0.0)


@dataclass
class StepEffect:
    """An indicator's round step made by moving the one statistic it reads, the zone re-scored (all moves ≥ 0 steps)."""

    indicator: str
    field: str  # the raw statistic (fields.yaml id) the indicator reads, alone
    step: float  # the indicator's step (step_worth), in its unit, a magnitude
    points: float  # overall points of the step, net of every indicator the statistic moves
    alone: float  # the indicator's own points for the step (step_worth)
    raises: list[str] = field(default_factory=list)  # other indicators whose score the change raises
    lowers: list[str] = field(default_factory=list)  # other indicators whose score it lowers


def step_effects(run: Run) -> dict[str, StepEffect]:
    """Per indicator short of target (marginal points > 0) whose formula reads one raw field that other indicators
    read too: its step's net worth (see the module's docstring). Indicators over two fields (a ratio) are absent:
    their step has no one statistic to move; so are those whose field no other indicator reads (the step's own
    points are the net). Raises ScorerError as `Baseline.from_run` does (a framework with outlier treatment)."""
    from scorer.whatif.reach import level_rows
    from scorer.whatif.scenario import Baseline, score_variant_set

    fw, result = run.framework, run.result
    base = Baseline.from_run(run)
    inds, col = base.indicators, {f: k for k, f in enumerate(base.fields)}
    reads = {i: fw.fields_read(fw.indicators[i].tree) for i in inds}
    picked = []
    for i in result.indicators:
        if i.marginal_points <= 0 or not i.gap_to_target or len(reads[i.id]) != 1 or reads[i.id][0] not in col:
            continue
        f = reads[i.id][0]
        level = float(base.levels[col[f]])
        if np.isfinite(level) and any(o != i.id and f in reads[o] for o in inds):
            picked.append((i, f, max(abs(level) * 1e-3, 1e-6)))
    if not picked:
        return {}
    k = [inds.index(i.id) for i, _, _ in picked]
    probe = np.tile(base.levels, (len(picked) + 1, 1))
    for r, (_, f, h) in enumerate(picked, start=1):
        probe[r, col[f]] += h
    try:
        v = score_variant_set(base, level_rows(base, probe)).values.to_numpy()
        slopes = [(v[r, k[r - 1]] - v[0, k[r - 1]]) / h for r, (_, _, h) in enumerate(picked, start=1)]
        moved = np.tile(base.levels, (len(picked) + 1, 1))
        for r, (i, f, _) in enumerate(picked, start=1):
            want = step_worth(i)[0] * (-1.0 if i.direction == "lower" else 1.0)
            slope = slopes[r - 1]
            moved[r, col[f]] += want / slope if np.isfinite(slope) and abs(slope) > 1e-12 else np.nan
        res = score_variant_set(base, level_rows(base, moved))
    except ScorerError:  # a change the variants refuse (a fractional count): the indicator's own figure stands
        return {}
    overall, scores = res.overall.to_numpy(), res.scores.to_numpy()
    out = {}
    for r, (i, f, _) in enumerate(picked, start=1):
        if not np.isfinite(moved[r, col[f]]) or not np.isfinite(overall[r]):
            continue
        others = [o for o in range(len(inds)) if o != k[r - 1]]
        out[i.id] = StepEffect(i.id, f, step_worth(i)[0], float(overall[r] - overall[0]), step_worth(i)[1],
                               [inds[o] for o in others if scores[r, o] > scores[0, o] + 1e-6],
                               [inds[o] for o in others if scores[r, o] < scores[0, o] - 1e-6])
    return out
