"""How far each actionable statistic can go: the change that brings its indicators to target, and this year's part of it.

One computation for every view of one statistic's change (the action table, the effort table's "most within
range", the plan's cap on each step): a field moved alone, in the direction the zone can move it. Each
indicator the field moves toward its target saturates at some change (found by the secant method on the
engine's own values, exact for the linear formulas: a bare field, annual(), yoy() rebased, a ratio over a
fixed denominator); the change to target is the candidate with the highest overall score (the smallest among
equals; a field that also moves another indicator away from its target stops where the sum is best). This
year's change is the change to target, or the feasible change of effort.yaml when the target lies beyond it.
Counts are whole things (the target rounded up, the limit down): 25 % of 110 firms is 27 firms, never 27.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorer import units
from scorer.whatif.changes import BASELINE_NAME
from scorer.whatif.efforts import FieldEffort
from scorer.whatif.peer_blocks import ranked_as_run
from scorer.whatif.wholes import carry_to_wholes
from scorer.whatif.scenario import Baseline, VariantSet, _method_key, score_variant_set

SECANT_ROUNDS = 8


def variant_rows(base: Baseline, actionable: list[FieldEffort], X: np.ndarray) -> VariantSet:
    """Variants of the baseline quarter with the decision fields moved by the rows of X (each ≥ 0, in the
    direction the zone moves the field; a flow's full-year change becomes its year-to-date figure)."""
    levels = np.tile(base.levels, (len(X), 1))
    col = {f: k for k, f in enumerate(base.fields)}
    for j, f in enumerate(actionable):
        levels[:, col[f.field]] += f.sign * X[:, j] * f.to_level
    return level_rows(base, levels)


def level_rows(base: Baseline, levels: np.ndarray) -> VariantSet:
    """Variants of the baseline quarter with these raw levels (variants × base.fields, the quarter's own figures),
    scored with the framework's methods and ranked as the headline is (bt13k F7); a part's change moves the wholes
    that include it (the zone's GDP in its city's: scorer.whatif.wholes, bt13k F6)."""
    n = len(levels)
    levels = carry_to_wholes(base.framework, base.fields, base.levels, levels)
    own = base.framework.aggregation
    key = _method_key(own)
    norms = np.full(n, "targets", dtype=object)
    return VariantSet([BASELINE_NAME] * n, levels, np.zeros((n, len(base.indicators)), np.int8),
                      np.zeros((n, len(base.indicators))), np.tile(base.shares, (n, 1)),
                      norms, np.full(n, key, dtype=object),
                      np.full(n, base.imputation, dtype=object), {key: own},
                      rank_by=ranked_as_run(base.ranking, norms))


@dataclass
class Reach:
    """Per actionable field (in `actionable`'s order), magnitudes ≥ 0 in the field's unit, whole things for counts."""

    to_target: np.ndarray  # the change after which more of it earns nothing (0: it moves no indicator short of target)
    this_year: np.ndarray  # min(to_target, the feasible change of a year)
    upper: np.ndarray  # the feasible change of a year (effort.yaml), whole things for counts
    moves: list[list[int]]  # per field, the indicators (positions) short of target it moves toward it


def reach(base: Baseline, actionable: list[FieldEffort]) -> Reach:
    """The change to target and this year's part of it for every field in `actionable` (see the module's docstring)."""
    fw, inds, k = base.framework, base.indicators, len(actionable)
    upper = np.array([f.max_change for f in actionable], dtype=float)
    if not k:
        return Reach(np.zeros(0), np.zeros(0), upper, [])
    zero = score_variant_set(base, variant_rows(base, actionable, np.zeros((1, k))))
    v0, s0 = zero.values.iloc[0].to_numpy(), zero.scores.iloc[0].to_numpy()
    target = np.array([fw.indicators[i].target.value if fw.indicators[i].target is not None else np.nan for i in inds])
    short = np.isfinite(s0) & (s0 < fw.meta.scale - 1e-9) & np.isfinite(target)
    need = np.where(short, target - v0, np.nan)  # the value change that reaches the target, signed

    h = np.maximum(upper * 1e-3, 1e-9)
    slopes = (score_variant_set(base, variant_rows(base, actionable, np.diag(h))).values.to_numpy() - v0) / h[:, None]
    pairs = [(j, i) for j in range(k) for i in np.flatnonzero(short)
             if np.isfinite(slopes[j, i]) and slopes[j, i] * need[i] > 0]
    delta = np.array([need[i] / slopes[j, i] for j, i in pairs])
    want = np.array([need[i] for _, i in pairs])
    before, left_before = np.zeros(len(pairs)), want.copy()
    for _ in range(SECANT_ROUNDS):  # exact in one step for linear formulas; the secant method for the others
        if not pairs:
            break
        values = score_variant_set(base, variant_rows(base, actionable, _one_each(pairs, delta, k))).values.to_numpy()
        left = want - np.array([values[p, i] - v0[i] for p, (_, i) in enumerate(pairs)])
        if np.all(np.abs(left) <= 1e-9 * np.maximum(np.abs(want), 1.0)):
            break
        step = np.divide(left * (delta - before), left_before - left, out=np.zeros_like(left),
                         where=np.abs(left_before - left) > 0)
        before, left_before = delta, left
        delta = np.maximum(delta + step, 0.0)

    full = np.zeros(k)
    # Each field's candidate changes (one per indicator it moves to target), all scored in one variant set.
    cands = [sorted({float(d) for (jj, _), d in zip(pairs, delta) if jj == j and np.isfinite(d) and d > 0})
             for j in range(k)]
    rows = [(j, c) for j in range(k) for c in cands[j]]
    X = np.zeros((len(rows), k))
    for r, (j, c) in enumerate(rows):
        X[r, j] = c
    over = score_variant_set(base, variant_rows(base, actionable, X)).overall.to_numpy() if rows else np.zeros(0)
    for j in range(k):  # the smallest change reaching the field's best overall score
        mine = [(c, o) for (jj, c), o in zip(rows, over) if jj == j]
        if mine:
            best = np.nanmax([o for _, o in mine])
            full[j] = next(c for c, o in mine if o >= best - 1e-9)
    year = np.minimum(full, upper)
    limit = upper.copy()
    for j, f in enumerate(actionable):
        if units.things_per_unit(f.unit):  # whole things or people: 0.3万人 stays 3 000 people
            full[j] = units.whole_things(full[j], f.unit)
            limit[j] = units.whole_things(upper[j], f.unit, up=False)
            year[j] = min(full[j], limit[j])
    return Reach(full, year, limit, [[int(i) for jj, i in pairs if jj == j] for j in range(k)])


def _one_each(pairs: list[tuple[int, int]], delta: np.ndarray, k: int) -> np.ndarray:
    X = np.zeros((len(pairs), k))
    for p, (j, _) in enumerate(pairs):
        X[p, j] = delta[p]
    return X
