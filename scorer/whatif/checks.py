"""Variants through the baseline's plausibility checks: doubtful figures, the caliber guard, indicator bounds.

A what-if variant (a scenario, a Monte Carlo draw, a plan's step) is never scored on a value its
baseline would not take as true: scorer.whatif.scenario marks each variant's indicator values with
`variant_doubts` and leaves them out (or caps them), and `compare` refuses a scenario whose own
changes make a value doubtful, at the change's line (`refuse_doubtful_variants`). Before any of that,
a scenario whose values cannot be scored at all (too large to compute with, a count made a fraction)
is refused at its line (`refuse_unscorable_scenarios`).
"""

from __future__ import annotations

import numpy as np

from scorer import fmt
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg
from scorer.framework.model import NO_BOUNDS, Framework
from scorer import units
from scorer.read.plausibility import same
from scorer.score.caliber import caliber_limits, indicator_lines
from scorer.score.doubt import LEVEL, doubtful_figures, figures_read, published_in
from scorer.score.engine import least_share, scored_children
from scorer.methods.impute import TIME_AXIS
from scorer.whatif.changes import BASELINE_NAME, Change, Scenario, impossible
from scorer.i18n import name_of, unit_named

# Why a variant's indicator value is not scored as computed (VariantResults.doubt).
DOUBT_NONE, DOUBT_FIGURE, DOUBT_CALIBER, DOUBT_BOUNDS, DOUBT_CAPPED = 0, 1, 2, 3, 4
OP_SET = 3  # VariantSet.indicator_ops: the indicator given a value anew (`= value`)


def variant_doubts(baseline, variants, ctx, values: np.ndarray) -> np.ndarray:
    """Every variant through the baseline's plausibility checks: variants × indicators, a DOUBT_* code each.

    `baseline`, `variants`, `ctx`: scorer.whatif.scenario's Baseline, VariantSet and its formula
    context for the variants; `values`: variants × indicators as computed, with the scenarios'
    `indicators:` changes applied (every route by which a value reaches scoring passes these checks).

    - DOUBT_FIGURE: computed from a figure the baseline found doubtful (unit slip, other caliber …)
      that the variant did not set anew (a scenario's `= value` replaces it; `+20%` of a doubtful
      figure is still doubtful, and so is a Monte Carlo draw's);
    - DOUBT_CALIBER: the variant's full-year figure is above the caliber line (scorer.score.caliber), or
      an indicator that is that figure (fdi_amount = annual(fdi_actual)) is given a value above it;
    - DOUBT_BOUNDS / DOUBT_CAPPED: the value lies outside the indicator's plausible bounds
      (framework.yaml `bounds`), left out or held to them as the indicator's `on_doubt` says; a value too
      large to compute with (±inf: an overflow) is DOUBT_BOUNDS, always left out.
    """
    fw, inds, period, run = baseline.framework, baseline.indicators, baseline.period, baseline.run
    n = len(values)
    ops = variants.indicator_ops if variants.indicator_ops is not None else np.zeros(values.shape, dtype=np.int8)
    doubt = np.zeros(values.shape, dtype=np.int8)
    figures = doubtful_figures(list(getattr(run.ingested, "problems", [])) + list(run.result.problems))
    published = published_in(run.panel) if getattr(run, "panel", None) is not None else None
    fcol = {f: k for k, f in enumerate(baseline.fields)}
    replaced = variants.replaced if variants.replaced is not None else np.zeros((n, len(baseline.fields)), dtype=bool)
    for k, i in enumerate(inds):
        ind = fw.indicators[i]
        if ind.tree is None:
            continue
        def renewed(figs) -> np.ndarray:  # variants that set every one of `figs` anew, or the indicator itself
            out = np.ones(n, dtype=bool)
            for f, q, _ in figs:
                out &= replaced[:, fcol[f]] if q == period and f in fcol else False
            return out | (ops[:, k] == OP_SET)  # the indicator itself given anew: no longer the doubtful figure's

        bad = sorted(figures_read(fw, ind.tree, period, published) & figures) if figures else []
        if bad:
            doubt[~renewed(bad), k] = DOUBT_FIGURE
        # A published 同比 rate stands in for the level only while the level is the baseline's: a scenario that changes
        # a field's level rebases the rate by the new level over the old, (1 + g) · L′ / L − 1 (scorer.whatif.scenario),
        # so a doubtful L makes it doubtful (bt11i F0b: +10亿元 on a 进出口总额 typed in 亿元 into a 万元 row gave
        # 222 893 % growth, scored 100). A Monte Carlo draw's measurement error scales L, leaving L′ / L exact: not
        # marked (variants.scenarios is None there).
        levels_bad = sorted(x for x in (figures_read(fw, ind.tree, period, None) & figures) - set(bad)
                            if x[1] == period and x[2] == LEVEL) if figures and variants.scenarios is not None else []
        if levels_bad and published is not None:
            moved = np.zeros(n, dtype=bool)
            for f in {f for f, _, _ in levels_bad if f in fcol}:
                col = fcol[f]
                with np.errstate(invalid="ignore"):
                    moved |= ~((variants.levels[:, col] == baseline.levels[col])
                               | (np.isnan(variants.levels[:, col]) & np.isnan(baseline.levels[col])))
            doubt[moved & ~renewed(levels_bad) & (doubt[:, k] == DOUBT_NONE), k] = DOUBT_FIGURE
    limits = baseline.calibers if baseline.calibers is not None else caliber_limits(fw)
    for check, limit, _, users in limits:
        if check.field not in fcol:
            continue
        with np.errstate(invalid="ignore"):
            over = ctx.annual(check.field, 0) * np.ones(n) > limit
        for k, i in enumerate(inds):
            # The line is the level's: an indicator that reads the field's published 同比 rate instead (yoy() where
            # the workbook gives one; scorer.score.doubt.figures_read) is not held to it, as in the baseline.
            # An indicator given anew no longer reads the field: its own line below.
            if i in users and (check.field, period, LEVEL) in figures_read(fw, fw.indicators[i].tree, period, published):
                doubt[over & (doubt[:, k] == DOUBT_NONE) & (ops[:, k] != OP_SET), k] = DOUBT_CALIBER
    # The same line for a value that reaches the indicator by another route (a scenario's `indicators:`).
    for i, (_, limit, _) in indicator_lines(fw, limits).items():
        k = inds.index(i)
        with np.errstate(invalid="ignore"):
            over = values[:, k] > limit
        doubt[over & (doubt[:, k] == DOUBT_NONE), k] = DOUBT_CALIBER
    for k, i in enumerate(inds):
        ind = fw.indicators[i]
        lo, hi = ind.spec.value_bounds.min, ind.spec.value_bounds.max
        with np.errstate(invalid="ignore"):
            outside = ((values[:, k] < lo) if lo is not None else False) | ((values[:, k] > hi) if hi is not None else False)
        policy = ind.spec.on_doubt or fw.plausibility.on_doubt
        doubt[outside & (doubt[:, k] == DOUBT_NONE), k] = DOUBT_CAPPED if policy == "cap" else DOUBT_BOUNDS
        doubt[np.isinf(values[:, k]), k] = DOUBT_BOUNDS  # too large to compute with: never scored, never capped
    return doubt


def fillable(fw: Framework, inds: list[str], values: np.ndarray, imputation) -> np.ndarray:
    """variants × indicators: False where an imputation from the peers (an option off the time axis, such as
    `mean`; `imputation`: each variant's option) would fill an indicator of a top-level category that has, in that
    variant, no score of its own: none of its indicators has a value, or fewer than the framework's `min_share`
    (scorer.score.engine.least_share) do. The peers' figures never make up a category the zone has not scored: it
    stays out of the overall, as in the run (ScoreResult.empty_categories); the Monte Carlo's `mean` variant gave
    对外开放 a median of 83.6 where the run had none. The zone's own history (locf) may fill it, as the run's does."""
    top = {i: _category(fw, fw.indicators[i].parent) for i in inds}
    out = np.ones(values.shape, dtype=bool)
    across = np.array([o not in TIME_AXIS for o in imputation], dtype=bool)
    for g in set(top.values()):
        cols = [k for k, i in enumerate(inds) if top[i] == g]
        present = np.isfinite(values[:, cols]).mean(axis=1)
        unscored = (present == 0) | (present < (least_share(fw, g) or 0.0))
        out[:, cols] = ~(across & unscored)[:, None]
    return out


def _category(fw: Framework, group: str) -> str:
    while group not in fw.top_groups and fw.groups[group].parent is not None:
        group = fw.groups[group].parent
    return group


def empty_of(fw: Framework, res, r: int) -> dict[str, int]:
    """Variant `r`'s top-level categories without a score while its overall has one (`res`: the VariantResults),
    each with its children that have a score (scorer.score.engine.scored_children, unscored_category)."""
    row = {**res.scores.iloc[r].to_dict(), **res.group_scores.iloc[r].to_dict()}
    if not np.isfinite(row["index"]):
        return {}
    return {g: scored_children(fw, g, row) for g in fw.top_groups if not np.isfinite(row[g])}


def clip_to_bounds(fw: Framework, inds: list[str], values: np.ndarray) -> np.ndarray:
    """Values (variants × indicators) held to each indicator's plausible bounds."""
    lo = np.array([-np.inf if fw.indicators[i].spec.value_bounds.min is None else fw.indicators[i].spec.value_bounds.min
                   for i in inds])
    hi = np.array([np.inf if fw.indicators[i].spec.value_bounds.max is None else fw.indicators[i].spec.value_bounds.max
                   for i in inds])
    return np.clip(values, lo, hi)


def refuse_doubtful_variants(baseline, ctx, scenarios: list, res) -> None:
    """A scenario whose field changes give a value the baseline's checks would refuse (the caliber guard,
    an indicator's plausible bounds) is refused, with the line of each change, as an impossible one is:
    a variant is never scored on a value its baseline would not take as true.

    `ctx`: the variants' formula context (row 0 the baseline, then one row per scenario); `res`: their
    VariantResults. Raises ScorerError with one problem per change and indicator."""
    fw, inds = baseline.framework, baseline.indicators
    limits = {check.field: (check, limit, entry) for check, limit, entry, _ in caliber_limits(fw)}
    lines = indicator_lines(fw)
    problems = []
    for r, sc in enumerate(scenarios, start=1):  # row 0 is the baseline
        said = set()
        for k in np.flatnonzero(np.isin(res.doubt[r], (DOUBT_CALIBER, DOUBT_BOUNDS, DOUBT_CAPPED))):
            ind = fw.indicators[inds[k]]
            for f in sorted(set(fw.fields_read(ind.tree)) & set(sc.fields)):
                change, fdef = sc.fields[f], fw.fields[f]
                if res.doubt[r, k] == DOUBT_CALIBER and f in limits:
                    if f in said:
                        continue
                    check, limit, entry = limits[f]
                    annual = float(ctx.annual(f, 0)[r])
                    total = limit * 100.0 / check.max_share
                    figure = f"{annual:,.0f} {fdef.unit}"
                    why = msg("the full-year figure, {annual}, is {share:.0f}% of {what} {year}; above {max_share:g}% "
                              "the caliber guard takes it for the old provincial caliber and does not score it (nor a "
                              "scenario on it)", annual=figure, share=annual / total * 100,
                              what=entry.what_zh, year=entry.year, max_share=check.max_share)
                    said.add(f)
                else:
                    value = float(res.computed[r, k])
                    why = msg("it makes {id} ({name}) {value} {unit}, which is implausible: the value must be "
                              "{bounds}", id=ind.id, name=name_of(ind), unit=unit_named(ind.unit),
                              value=fmt.distinct(value, ind.spec.value_bounds.min, ind.spec.value_bounds.max),
                              bounds=ind.spec.value_bounds.describe(ind.unit))
                problems.append(Problem(msg("scenario {name!r}: fields.{field} ({label}) {change}: {why}", name=sc.name,
                                            field=f, label=name_of(fdef), change=change.text or change.op, why=why),
                                        sc.where("fields", f), msg("check the size and the unit of the change")))
            if ind.id in sc.indicators:  # the indicator given directly: the same checks, at its own line
                problems.append(_indicator_refusal(sc, ind, float(res.computed[r, k]), res.doubt[r, k], lines))
    if problems:
        raise ScorerError(problems)


def _indicator_refusal(sc, ind, value: float, doubt: int, lines: dict) -> Problem:
    """The problem for a scenario's `indicators:` change whose value the baseline's checks would refuse."""
    change = sc.indicators[ind.id]
    if doubt == DOUBT_CALIBER and ind.id in lines:
        check, limit, entry = lines[ind.id]
        shown, line = format(value, ",.0f"), format(limit, ",.0f")
        why = msg("{value} {unit} is above the caliber line of {limit} {unit} ({max_share:g}% of {total} {year}): the "
                  "caliber guard takes it for the old provincial caliber and does not score it, whichever way it is entered",
                  value=shown, unit=unit_named(ind.unit), limit=line, total=entry.what_zh, year=entry.year, max_share=check.max_share)
    else:
        shown = fmt.distinct(value, ind.spec.value_bounds.min, ind.spec.value_bounds.max)
        why = msg("{value} {unit} is implausible: the value must be {bounds}", value=shown, unit=unit_named(ind.unit),
                  bounds=ind.spec.value_bounds.describe(ind.unit))
    return Problem(msg("scenario {name!r}: indicators.{indicator} ({label}) {change}: {why}", name=sc.name,
                       indicator=ind.id, label=name_of(ind), change=change.text or change.op, why=why),
                   sc.where("indicators", ind.id), msg("check the size and the unit of the change"))


def refuse_unscorable_scenarios(baseline, variants, before: np.ndarray, after: np.ndarray) -> None:
    """Refuse, before any scoring, a scenario whose values cannot be scored at all, at its file and line.

    `before`: variants × indicators as the formulas give them from each variant's figures (gaps
    filled); `after`: with the scenarios' `indicators:` changes applied. Refused: a `fields:` change
    that makes an indicator too large to compute with (overflow in its formula or a rebased growth:
    ±inf), and an `indicators:` change whose result is too large to compute with or, in a scenario
    file, makes a count a fraction (`scorer.whatif.changes.impossible`, judged on the value it applies
    to). Bounds and the caliber line are the plausibility checks' (`variant_doubts`, then
    `refuse_doubtful_variants`). Rows that are no scenario (a Monte Carlo draw, a plan step) are left to
    `variant_doubts`, which leaves a value too large to compute with out. Raises ScorerError.
    """
    if variants.scenarios is None:
        return
    fw, inds = baseline.framework, baseline.indicators
    ops = variants.indicator_ops
    problems = []
    for r, k in zip(*np.nonzero((ops != 0) | np.isinf(before))):
        sc, i = variants.scenarios[r], inds[k]
        ind = fw.indicators[i]
        if np.isinf(before[r, k]) and sc.fields:
            changed = list(sc.fields)
            problems.append(Problem(msg("scenario {name!r}: the changes to {fields} make indicator {indicator} ({label}) "
                                        "too large to compute with", name=sc.name, fields=", ".join(changed), indicator=i,
                                        label=name_of(ind)), sc.where("fields", changed[0]),
                                    msg("check the size and the unit of the changes")))
            continue
        if not ops[r, k]:
            continue
        change = sc.indicators.get(i) or \
            Change({1: "add", 2: "scale", 3: "set"}[int(ops[r, k])], float(variants.indicator_amounts[r, k]))
        why = impossible(change, NO_BOUNDS, ind.unit, float(before[r, k]), whole_counts=sc.path is not None)
        if why is None and np.isinf(after[r, k]):
            why = msg("the change is too large to compute with")
        if why:
            problems.append(Problem(msg("scenario {name!r}: indicators.{indicator} ({label}) {change}: {why}", name=sc.name,
                                        indicator=i, label=name_of(ind), change=change.text or change.op, why=why),
                                    sc.where("indicators", i), msg("check the sign, the size and the unit")))
    if problems:
        raise ScorerError(problems)


def broken_parts(baseline, scenarios: list, levels: np.ndarray) -> list[Problem]:
    """Every declared part_of relation (fields.yaml: 出口 ≤ 进出口总额, the zone ≤ its city) a scenario breaks.

    `levels`: scenarios × baseline.fields after the scenarios' field changes. A relation counts whether
    or not an indicator reads its fields: a scenario is a set of figures the zone could report, and
    `exports: +900%` above the total trade it is part of is none. A relation the quarter's own figures
    already break is the data's doubt (warned when read, and carried by the variant), not the scenario's.
    One problem per relation, at the line of the change (the part's, else the whole's). `compare` asks
    after the indicators' bounds and the caliber line, whose refusals say more where they apply.
    """
    fw = baseline.framework
    col = {f: k for k, f in enumerate(baseline.fields)}
    problems = []
    for r, sc in enumerate(scenarios):
        for part, pdef in fw.fields.items():
            for whole in pdef.part_of:
                if part not in col or whole not in col or not ({part, whole} & set(sc.fields)):
                    continue
                try:
                    factor = units.factor(fw.fields[whole].unit, pdef.unit)
                except units.UnitError:
                    continue
                p, w = float(levels[r, col[part]]), float(levels[r, col[whole]]) * factor
                p0, w0 = float(baseline.levels[col[part]]), float(baseline.levels[col[whole]]) * factor
                if not (np.isfinite(p) and np.isfinite(w)) or p <= w or same(p, w):
                    continue
                if np.isfinite(p0) and np.isfinite(w0) and p0 > w0 and not same(p0, w0):
                    continue  # the quarter's own figures break it already
                key = part if part in sc.fields else whole
                change = sc.fields[key]
                problems.append(Problem(
                    msg("scenario {name!r}: fields.{field} ({label}) {change}: it makes {part} ({part_value} {unit}) "
                        "larger than {whole} ({whole_value} {unit}), of which it is a part (fields.yaml part_of)",
                        name=sc.name, field=key, label=name_of(fw.fields[key]), change=change.text or change.op,
                        part=name_of(pdef), whole=name_of(fw.fields[whole]), unit=unit_named(pdef.unit),
                        part_value=fmt.distinct(p, w, decimals=fmt.decimals_for(pdef.unit, p)),
                        whole_value=fmt.distinct(w, p, decimals=fmt.decimals_for(pdef.unit, w))),
                    sc.where("fields", key), msg("a part cannot exceed its whole: change both, or check the size and "
                                                 "the unit of the change")))
    return problems


def refuse_shared_names(scenarios: list[Scenario]) -> None:
    """Refuse scenarios that share a name, or take the baseline's (基准), as shown (characters that print as nothing
    left out): the outputs key a scenario's column by its name, and compare --xlsx showed one scenario's figures under
    both names, or a scenario's under 基准 (bt16i F3). ScorerError naming every file of each name."""
    from scorer.fmt import for_terminal

    by_name: dict[str, list[Scenario]] = {}
    for sc in scenarios:
        by_name.setdefault("".join(for_terminal(sc.name).split()), []).append(sc)
    problems = []
    for shown_as, group in by_name.items():
        if len(group) > 1 or shown_as == BASELINE_NAME:
            problems += [Problem(msg("scenario name {name!r} is taken by {what}: each scenario needs a name of its own "
                                     "(the outputs name a scenario's column by it)", name=sc.name,
                                     what=msg("the baseline") if shown_as == BASELINE_NAME else
                                     msg("{n:# scenario|# scenarios}", n=len(group))),
                                 Location(file=sc.path, line=sc.lines.get("name")), msg("rename it in its file"))
                         for sc in group]
    if problems:
        raise ScorerError(problems)
