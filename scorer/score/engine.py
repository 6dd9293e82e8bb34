"""Panel + framework → indicator values → (imputed, treated) → normalised scores → category and overall scores, with gaps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from functools import cached_property

import numpy as np
import pandas as pd

from scorer.framework import formula as fx
from scorer import units
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg, Text, text_of, written
from scorer.resources import package_version
from scorer.framework.model import Framework, Indicator
from scorer.methods.aggregate import NonPositiveValueError, aggregate
from scorer.methods.impute import impute
from scorer.methods.treat import Treatment, treat
from scorer.score.caliber import check_calibers
from scorer.score.core import aggregate_array, normalise_array, plan_for
from scorer.read.text import LARGEST_PLAUSIBLE
from scorer.score.doubt import (Doubts, at_cells, cells_read, doubt_problems, find_doubts, published_in,
                                too_large_problem)
from scorer.score.panel import Panel
from scorer.score.objects import overall_object
from scorer.score.shares import run_shares
from scorer.i18n import name_of, unit_en, unit_named


class _PanelContext(fx.Context):
    """Resolves formula names against the panel, for a vector of periods at once."""

    def __init__(self, framework: Framework, panel: Panel, periods: list[str]):
        self.fw, self.panel, self.periods = framework, panel, periods
        self.annual_methods: dict[str, list[str]] = {}

    def value(self, name: str, shift: int) -> np.ndarray:
        if name in self.fw.derived:
            return fx.evaluate(self.fw.derived[name], self, shift)
        return self.panel.series(name, self.periods, shift)

    def annual(self, name: str, shift: int) -> np.ndarray:
        shifted = [f"{int(p[:4]) - shift}{p[4:]}" for p in self.periods]
        values, methods = self.panel.annual_estimate(name, shifted)
        if shift == 0:
            self.annual_methods[name] = methods
        return values

    def published_growth(self, name: str, shift: int) -> np.ndarray | None:
        if name in self.fw.fields:
            return self.panel.published_growth(name, self.periods, shift)
        return None

    def convert(self, name: str, unit: str, shift: int = 0) -> float | np.ndarray:
        """The factor from the field's unit to `unit`. Across 元 and 美元 (e.g. exports in 万元 compared with a
        threshold in 亿美元) each period converts at the average rate of its own year (indicators/
        exchange_rates.yaml), never one fixed rate; a year without a rate gives NaN (not judged)."""
        source = self.fw.fields[name].unit
        if {units.dimension(source), units.dimension(unit)} != {"usd", "rmb"}:
            return units.factor(source, unit)
        out = []
        for p in self.periods:
            try:
                out.append(units.money_factor(source, unit, int(p[:4]) - shift)[0])
            except units.UnitError:
                out.append(np.nan)
        return np.array(out)


def shortfall(i) -> float | None:
    """An indicator's gap to its target as a zone closes it (`i`: an IndicatorResult), in whole things or people for a
    count (2.5家 short is 3家 to add); None without a gap. One rule for the report and the terminal."""
    return None if i.gap_to_target is None else units.whole_things(i.gap_to_target, i.unit)


@dataclass
class IndicatorResult:
    id: str
    name_zh: str
    name_en: str
    group: str
    unit: str
    direction: str
    value: float | None
    target: float
    floor: float
    score: float | None
    weight: float  # the framework's effective weight: its nominal share of the overall score
    points_lost: float | None  # overall-score points lost against a perfect score, at `weight_used`
    points_to_target: float | None  # overall-score points still to gain by reaching the target, at `weight_used`
    gap_to_target: float | None  # raw units still to go (0 when the target is met)
    marginal_points: float  # overall points per unit of raw improvement, at the current value, at `weight_used`
    annual_method: str | None
    missing_fields: list[str]
    imputed: bool  # the value was filled in by the framework's imputation method
    target_source: str
    target_confidence: str
    formula: str
    doubtful: bool = False  # computed from a figure that failed a plausibility check, or outside its bounds
    doubtful_value: float | None = None  # the value as computed, when doubtful (`value` is what was scored)
    price_basis: str | None = None  # a growth of GDP or 规上工业增加值: "comparable" or "nominal" (Panel.price_basis)
    target_source_en: str = ""  # target_source in English (framework.yaml `source_en`; the Chinese where none is given)
    weight_used: float | None = None  # its share of the overall score in this run (scorer.score.shares): `weight`
    # re-spread over the indicators scored, 0 when left out; the points above are at this share, so they add up

    def __post_init__(self):
        if self.weight_used is None:
            self.weight_used = self.weight

    def as_dict(self) -> dict:
        """JSON-ready; a count's gap in whole things (`shortfall`: 0.5家 short is 1家 to add), as every output prints it."""
        return {**{k: _jsonable(v) for k, v in self.__dict__.items()}, "gap_to_target": _jsonable(shortfall(self))}


@dataclass
class GroupResult:
    id: str
    name_zh: str
    name_en: str
    weight: float  # the framework's share of the overall score
    score: float | None
    points_lost: float | None  # at `weight_used`
    weight_used: float | None = None  # its share in this run (scorer.score.shares), 0 without a score

    def __post_init__(self):
        if self.weight_used is None:
            self.weight_used = self.weight

    def as_dict(self) -> dict:
        return {k: _jsonable(v) for k, v in self.__dict__.items()}


@dataclass
class ScoreResult:
    """Everything the report, the CLI and JSON consumers need; computed once, read many times."""

    framework: Framework
    periods: list[str]  # all quarters scored, oldest first
    period: str  # the quarter reported on (the latest reported one)
    values: pd.DataFrame  # period × indicator, raw indicator values
    scores: pd.DataFrame  # period × indicator, normalised
    group_scores: pd.DataFrame  # period × group (incl. 'index')
    indicators: list[IndicatorResult]  # for `period`
    groups: list[GroupResult]  # top-level categories for `period`
    overall: float | None
    problems: list[Problem] = field(default_factory=list)
    config: dict = field(default_factory=dict)
    imputed: pd.DataFrame | None = None  # period × indicator, True where a value was imputed
    treated_points: pd.DataFrame | None = None  # outlier treatment: indicator, unit (period), treatment, before, after
    doubts: Doubts | None = None  # doubtful (period, indicator) cells: left out or capped, and why
    # (period, indicator) → the price basis of the growth it scores, every quarter (IndicatorResult.price_basis's, for
    # the reported one): a trend that mixes comparable- and current-price rates says so (bt13j F14)
    price_bases: dict = field(default_factory=dict)

    def scored_in(self, group: str) -> int:
        """How many of `group`'s children have a score in `period` (scored_children)."""
        return scored_children(self.framework, group, {**self.scores.loc[self.period].to_dict(),
                                                       **self.group_scores.loc[self.period].to_dict()})

    def doubt_range(self) -> tuple[float, float] | None:
        """The overall with the quarter's doubtful indicators (left out or capped) scored at their worst (the lowest
        score, 0) and at their best (the scale), their weights kept: (worst, best). Leaving a doubtful indicator out
        can RAISE the overall (the zone's weakest figures drop out and the others take their weight: 70.3 → 72.7 for
        亿元 typed into a 万元 row), so the overall is never shown without the worst case. The indicators with no
        figure this quarter (`unknown`) are bounded alike. None when nothing is doubtful or missing, or there is no
        overall."""
        doubtful = [i.id for i in self.indicators if i.doubtful] + self.unknown()
        if not doubtful or self.overall is None:
            return None
        plan = plan_for(self.framework)
        return doubt_range_of(self.framework, dict(zip(plan.indicators, self.scores.loc[self.period, plan.indicators])),
                              doubtful)

    def unknown(self) -> list[str]:
        """Ids of the quarter's indicators with no score because a figure they need is missing there (a blank or —
        cell, a row in no workbook, a formula with no number), not doubtful and not a statistic the office does not
        report in this quarter by design (fields.yaml `reported`: a note, `_not_reported_note`). Their weight went to
        the others, so the overall is on fewer indicators than the peers' (bt12i F1: a blank FDI cell left 27 of 30,
        and the verdict read 'broadly ready', +4.0 over the median, while the same FDI marked doubtful gave ranks
        17–41): `doubt_range` bounds them as it bounds a doubtful one (0 to full marks, weights kept), and the rank
        conditions are judged over that range."""
        out = []
        for i in self.indicators:
            if i.doubtful or i.imputed or (i.score is not None and np.isfinite(i.score)):
                continue
            if i.missing_fields and all(not self.framework.fields[m].reported_in(self.period) for m in i.missing_fields):
                continue  # not reported this quarter by design: said in a note, not a gap in the workbook
            out.append(i.id)
        return out

    @property
    def empty_categories(self) -> list[GroupResult]:
        """The top-level categories with no scored indicator in `period` while the overall is still computed:
        their weight went to the other categories (COINr's arithmetic mean over the non-missing children), so
        the overall, the rank and the verdict are not comparable with peers scored on every category."""
        if self.overall is None:
            return []
        return [g for g in self.groups if g.score is None]

    def unscored(self) -> dict[str, list[str]]:
        """Period → ids of the indicators left out because a figure they rest on is doubtful (sorted)."""
        if self.doubts is None:
            return {}
        lo = self.doubts.leave_out
        return {str(p): sorted(lo.columns[lo.loc[p].to_numpy()]) for p in lo.index if lo.loc[p].any()}

    def history(self) -> list[dict]:
        """Each quarter's scores, and the indicators a doubtful figure kept from being scored as read that quarter (left
        out or capped: bt11j F1, the PDF marked such quarters 存疑 and the JSON said nothing)."""
        top = self.framework.top_groups
        doubt = self.doubts.any if self.doubts is not None else None
        return [{"period": p, "overall": _jsonable(self.group_scores.at[p, "index"]),
                 "categories": {g: _jsonable(self.group_scores.at[p, g]) for g in top},
                 "doubtful_indicators": sorted(doubt.columns[doubt.loc[p].to_numpy(dtype=bool)])
                 if doubt is not None and p in doubt.index else []}
                for p in self.periods]

    def as_dict(self) -> dict:
        fw = self.framework
        return {
            "period": self.period,
            "overall": overall_object(fw, self.overall, [g.id for g in self.empty_categories], self.doubt_range()),
            "categories": [g.as_dict() for g in self.groups],
            "indicators": [i.as_dict() for i in self.indicators],
            "history": self.history(),
            "problems": [p.as_dict() for p in self.problems],
            "unscored": self.unscored(),
            "config": self.config,
        }


def scored_children(framework: Framework, group: str, scores: Mapping[str, float]) -> int:
    """How many of `group`'s children (indicators or groups) have a score in `scores` (id → score, NaN or None
    when none): what the aggregation's `min_share` (COINr's dat_thresh) counts."""
    return sum(1 for c in framework.groups[group].children if scores.get(c) is not None and np.isfinite(scores[c]))


def least_share(framework: Framework, group: str) -> float | None:
    """The aggregation's `min_share` at `group`'s level (its level's own spec when `levels` names it)."""
    spec = framework.aggregation.levels.get(framework.groups[group].level, framework.aggregation)
    return (spec.params or {}).get("min_share")


def unscored_category(framework: Framework, group: str, scored: int) -> Text:
    """The category `group` named with its weight and why it has no score, `scored` of its children having one:
    none scored ("has no scored indicator"), or too few for the framework's `min_share` (its true cause: the
    category's figures are not all missing). The one wording of the problem, the caution and the report's note."""
    g, n = framework.groups[group], len(framework.groups[group].children)
    name, weight = both(g.name_en, g.name_zh), 100 * g.effective_weight
    if scored == 0:
        return msg("the category {name} ({weight:.0f}% of the overall score) has no scored indicator", name=name, weight=weight)
    return msg("the category {name} ({weight:.0f}% of the overall score) has only {k} of its {n:# indicator|# indicators} scored, fewer "
               "than the share of {share:.0%} the framework requires for a category score (min_share)", name=name,
               weight=weight, k=scored, n=n, share=least_share(framework, group) or 0.0)


def category_dropped(framework: Framework, g: GroupResult, scored: int = 0) -> Problem:
    """The problem naming a category that dropped out of the overall (`scored`: its children with a score, see
    `unscored_category`): its weight went to the other categories, so the overall, the rank and the verdict are
    not comparable with the peers'."""
    return Problem(msg("{category} and drops out of the overall score; its weight went to the other categories, so the "
                       "overall score, the rank and the verdict are not comparable with the peers, who are scored on "
                       "every category", category=unscored_category(framework, g.id, scored)),
                   Location(file=framework.path), msg("add the category's figures to the workbook"),
                   "warning", code="category_dropped")


def _jsonable(v):
    if isinstance(v, (float, np.floating)):
        return None if not np.isfinite(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    return v


def score(framework: Framework, panel: Panel, periods: list[str] | None = None,
          period: str | None = None, input_files: dict[str, str] | None = None,
          read_problems: list[Problem] = ()) -> ScoreResult:
    """Score every period of the panel; details (gaps, marginal points) for `period`, the latest by default.

    `read_problems`: what reading found; a figure it names as doubtful (see scorer.score.doubt) is
    not scored as if true: the indicators computed from it are left out or capped, and named.
    """
    periods = periods or panel.reported_periods() or panel.periods
    period = period or periods[-1]
    ctx = _PanelContext(framework, panel, periods)
    inds = list(framework.indicators.values())

    steps = {i.id: [] for i in inds}
    values = pd.DataFrame({i.id: fx.evaluate(i.tree, ctx, overflow=steps[i.id]) * np.ones(len(periods)) for i in inds},
                          index=periods)
    # A value too large to compute with (an overflow in its formula, even one the result hides as NaN,
    # or a finite value no zone's statistic reaches) is never scored: doubtful, at the figure that made it.
    too_large = {}
    for i in inds:
        column = values[i.id].to_numpy()
        for k in np.flatnonzero(fx.overflowed(steps[i.id], len(periods)) | (np.abs(column) >= LARGEST_PLAUSIBLE)):
            too_large[(periods[k], i.id)] = too_large_problem(framework, panel, i, periods[k], column[k])
    # A figure of another caliber (e.g. the old provincial FDI) is doubtful like one that failed a
    # plausibility check: the indicators computed from it are not scored as if true.
    caliber = check_calibers(framework, panel, {c.field: ctx.annual(c.field, 0) for c in framework.caliber_checks},
                             periods)
    doubts = find_doubts(framework, values, list(read_problems) + caliber, too_large, published_in(panel), panel)
    scored = score_values(framework, doubts.apply(values), left_out=doubts.leave_out)
    scores, group_scores = scored.scores, scored.group_scores
    # A scored value is the value after imputation (flagged); the raw table keeps the gaps.
    values_used = scored.imputed

    k = periods.index(period)
    scale = framework.meta.scale
    results, problems = [], caliber + doubt_problems(framework, doubts, values, period) + scored.problems
    # The score each target value itself earns (scale under goalposts; less under other methods).
    targets = pd.DataFrame([{i.id: i.target.value for i in inds}], index=["__target__"])
    target_scores = _normalise(framework, inds, pd.concat([values_used, targets])).loc["__target__"]
    # One set of weights for every figure of this run: the shares the aggregation gave (bt13j F9)
    share = run_shares(framework, {**scores.loc[period].to_dict(), **group_scores.loc[period].to_dict()})
    for ind in inds:
        value, s = values_used.at[period, ind.id], scores.at[period, ind.id]
        imputed = bool(scored.imputed_mask.at[period, ind.id])
        missing = _missing_fields(ind, ctx, k) if not np.isfinite(values.at[period, ind.id]) else []
        doubtful = (period, ind.id) in doubts.causes
        if missing and all(not framework.fields[m].reported_in(period) for m in missing):
            problems.append(_not_reported_note(framework, ind, missing, period, periods[:k], values[ind.id], imputed))
        elif missing:
            labels = "、".join(framework.fields[m].label for m in missing)
            labels_en = ", ".join(framework.fields[m].label_en or framework.fields[m].label for m in missing)
            filled = f"; imputed by {framework.imputation.method}" if imputed else ""
            # where to supply it: the cell (or workbook) the reader named for the missing figure (bt12i F1)
            at = next((q.location for q in read_problems if q.code == "missing_field" and q.field_id in missing
                       and q.location.file is not None), Location())
            hint = msg("add the figures to the workbook") if imputed else msg(
                "fill in {labels} for {period} (the place named); until then the rank and the conditions it decides are "
                "judged over the indicator's whole range, from its lowest to full marks", labels=both(labels_en, labels),
                period=period)
            problems.append(Problem(f"indicator {ind.id} ({ind.name_en or ind.name_zh}) cannot be computed for {period}: "
                                    f"missing {labels_en}{filled}", at, hint,
                                    "warning", code="imputed_indicator" if imputed else "dropped_indicator",
                                    message_zh=f"指标「{ind.name_zh}」{period} 无法计算：缺少{labels}" +
                                               ("，已按上期值插补" if imputed else "，不计入所在类别"),
                                    field_id=missing[0], indicator=ind.id, period=period))
        elif not np.isfinite(s) and not doubtful and not any(p.indicator == ind.id for p in scored.problems):
            raw = values.at[period, ind.id]
            said = msg("indicator {id} ({name}) has no score for {period} (value {value} {unit}) and drops out of its "
                       "category", id=ind.id, name=name_of(ind), period=period, value=written(raw), unit=unit_named(ind.unit)) \
                if np.isfinite(raw) else \
                msg("indicator {id} ({name}) cannot be computed for {period}: its formula gives no number with these "
                    "figures (a divisor of 0?), so it drops out of its category", id=ind.id, name=name_of(ind),
                    period=period)  # bt16k F8: "value nan %" was said, not the cause
            problems.append(at_cells(Problem(
                str(said), Location(file=framework.path),
                msg("check its normalisation and its figures") if np.isfinite(raw) else
                msg("check the figures it divides by (the first cell named): a 0 there leaves the formula without a "
                    "value; if 0 is right, the formula needs another divisor"), "warning",
                code="dropped_indicator", message_zh=said.zh, indicator=ind.id, period=period),
                sorted(cells_read(framework, panel, ind, period, published_in(panel)), key=lambda o: o.value != 0)))  # a zero divisor first
        # Goalposts are linear between floor and target: each raw unit of improvement is worth
        # weight × scale / |target − floor| overall points, until the target is reached.
        goalposts = framework.normaliser_for(ind).method == "goalposts"
        improvable = np.isfinite(s) and s < scale and (s > 0 or value == ind.floor)
        used = share[ind.id]
        marginal = used * scale / abs(ind.target.value - ind.floor) if goalposts and improvable else 0.0
        gap = None
        if np.isfinite(value):
            shortfall = ind.target.value - value if ind.direction == "higher" else value - ind.target.value
            gap = max(shortfall, 0.0)
        method = ctx.annual_methods.get(_annual_field(ind), [None] * len(periods))[k]
        at_target = target_scores[ind.id]
        results.append(IndicatorResult(
            ind.id, ind.name_zh, ind.name_en, ind.parent, ind.unit, ind.direction,
            _jsonable(value), ind.target.value, ind.floor, _jsonable(s), ind.effective_weight,
            _jsonable(used * (scale - s)) if np.isfinite(s) else None,
            _jsonable(used * max(at_target - s, 0.0)) if np.isfinite(s) and np.isfinite(at_target) else None,
            gap, marginal, method, missing, imputed, ind.target.source, ind.target.confidence, ind.formula,
            doubtful, _jsonable(values.at[period, ind.id]) if doubtful else None, _price_basis(ind, panel, period),
            ind.target.source_en or ind.target.source, used))

    groups = []
    for gid in framework.top_groups:
        g = framework.groups[gid]
        s = group_scores.at[period, gid]
        groups.append(GroupResult(gid, g.name_zh, g.name_en, g.effective_weight, _jsonable(s),
                                  _jsonable(share[gid] * (scale - s)) if np.isfinite(s) else None, share[gid]))
    if np.isfinite(group_scores.at[period, "index"]):
        row = {**scores.loc[period].to_dict(), **group_scores.loc[period].to_dict()}
        problems += [category_dropped(framework, g, scored_children(framework, g.id, row)) for g in groups if g.score is None]
    config = {
        "scorer_version": package_version(),
        "framework": {"id": framework.meta.id, "version": framework.meta.version, "path": str(framework.path),
                      "sha256": framework.sha256},
        "normalisation": framework.normalisation.model_dump(),
        "aggregation": framework.aggregation.model_dump(),
        "imputation": framework.imputation.model_dump() if framework.imputation else None,
        "treatment": framework.treatment.model_dump() if framework.treatment else None,
        "inputs": dict(sorted((input_files or {}).items())),
        "period": period,
    }
    return ScoreResult(framework, periods, period, values, scores, group_scores, results, groups,
                       _jsonable(group_scores.at[period, "index"]), problems, config, scored.imputed_mask,
                       scored.treatment.points if scored.treatment is not None else None, doubts,
                       {(p, ind.id): b for ind in framework.indicators.values() if ind.tree is not None
                        for p in periods if (b := _price_basis(ind, panel, p)) is not None})


@dataclass
class ValuesScore:
    """A table of indicator values scored, with the data as each step left them.

    Holds arrays (rows × indicators, rows × groups); the DataFrames below are built from them on
    first use. Unpacks as `scores, group_scores = score_values(...)`.
    """

    units: pd.Index
    indicator_ids: list[str]
    group_ids: list[str]
    score_array: np.ndarray  # normalised indicator scores, rows × indicators
    group_array: np.ndarray  # every group, bottom-up, 'index' last
    imputed_array: np.ndarray  # raw values after imputation (the input values when there is none)
    mask_array: np.ndarray  # True where a value was imputed
    treated_array: np.ndarray  # raw scale, after outlier treatment (= imputed when there is none)
    treatment: Treatment | None  # treated points (unit = row label) and per-indicator details
    problems: list[Problem] = field(default_factory=list)  # indicators left untreated or dropped, by name

    def _frame(self, array: np.ndarray, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame(array, index=self.units, columns=columns)

    @cached_property
    def scores(self) -> pd.DataFrame:
        return self._frame(self.score_array, self.indicator_ids)

    @cached_property
    def group_scores(self) -> pd.DataFrame:
        return self._frame(self.group_array, self.group_ids)

    @cached_property
    def imputed(self) -> pd.DataFrame:
        return self._frame(self.imputed_array, self.indicator_ids)

    @cached_property
    def imputed_mask(self) -> pd.DataFrame:
        return self._frame(self.mask_array, self.indicator_ids)

    @cached_property
    def treated(self) -> pd.DataFrame:
        return self._frame(self.treated_array, self.indicator_ids)

    def __iter__(self):
        return iter((self.scores, self.group_scores))


def score_values(framework: Framework, values: pd.DataFrame, left_out: pd.DataFrame | None = None) -> ValuesScore:
    """Impute, treat, normalise and aggregate a table of indicator values, in COINr's order.

    Rows are units or periods; columns are indicators, plus any label columns imputation by group
    needs. Imputation and treatment run only when the framework names them. The work is done on
    arrays (`scorer.score.core`); labels are attached to the result only when a table is asked for.
    `left_out` (bool, same shape) marks values to score as missing and not to impute either
    (doubtful ones). `problems` names every indicator that treatment left untreated and every one
    that drops out entirely.
    """
    plan = plan_for(framework)
    ids, units = plan.indicators, values.index
    numeric = values.select_dtypes("number")  # the common case: the indicators are the numeric columns, in order
    raw = (numeric if numeric.columns.tolist() == ids else values[ids]).to_numpy(dtype=float)
    imputed, mask = raw, np.zeros(raw.shape, dtype=bool)
    if framework.imputation is not None:
        params = dict(framework.imputation.params)
        group = params.pop("group", None)
        if group is not None and group not in values.columns:
            raise ScorerError.at(msg("imputation by group: the data have no column {group!r}", group=group),
                                 hint=msg("name a column of unit labels in `imputation.params.group`"))
        imputed, mask = impute(raw, framework.imputation.method,
                               groups=None if group is None else values[group].to_numpy(), **params)
    if left_out is not None:
        out = left_out.reindex(index=units, columns=ids, fill_value=False).to_numpy(dtype=bool)
        imputed, mask = np.where(out, np.nan, imputed), mask & ~out
    treated, record, problems = imputed, None, []
    if framework.treatment is not None:
        record = treat(imputed, framework.treatment.method, names=ids, **framework.treatment.params)
        record.points["unit"] = units[record.points["unit"].to_numpy(dtype=int)]
        treated = record.data
        problems += _left_untreated(framework, record)
    scores = normalise_array(framework, treated, units, plan)
    for k, ind_id in enumerate(ids):
        if np.isfinite(treated[:, k]).any() and not np.isfinite(scores[:, k]).any():
            ind = framework.indicators[ind_id]
            problems.append(Problem(
                f"indicator {ind.id} ({ind.name_en or ind.name_zh}) has values but no score for any unit after "
                f"{framework.normaliser_for(ind).method} normalisation (all values alike?): it drops out of its "
                f"aggregate", Location(file=framework.path), msg("choose a normalisation that scores a constant "
                                                                 "indicator, or leave the indicator out"),
                "warning", code="dropped_indicator",
                message_zh=f"指标「{ind.name_zh}」有数据但标准化后无得分（各单位数值相同？），不计入所在类别",
                indicator=ind.id))
    return ValuesScore(units, ids, plan.groups, scores, aggregate_array(framework, scores, units, plan),
                       imputed, mask, treated, record, problems)


def _left_untreated(framework: Framework, record: Treatment) -> list[Problem]:
    """Indicators the treatment would have made constant, returned untreated (COINr Treat does the same)."""
    out = []
    for row in record.details.itertuples():
        # Failing the pass check before, undecided after winsorising: it would have been left constant.
        if not (row.treatment == "undecided" and row.pass_before == 0):
            continue
        ind = framework.indicators[row.indicator]
        out.append(Problem(
            f"indicator {ind.id} ({ind.name_en or ind.name_zh}): outlier treatment ({framework.treatment.method}) would leave it "
            f"constant (most units share one value), so it is scored untreated", Location(file=framework.path),
            msg("the indicator keeps its outliers; consider `overrides: {{{id}: none}}` or a log treatment", id=ind.id),
            "warning", code="treatment_left_constant",
            message_zh=f"指标「{ind.name_zh}」经异常值处理（{framework.treatment.method}）后将成为常数"
                       "（多数单位数值相同），故按未处理的原值计分", indicator=ind.id))
    return out


def _normalise(framework: Framework, inds: list[Indicator], values: pd.DataFrame) -> pd.DataFrame:
    X = values[[i.id for i in inds]].to_numpy(dtype=float)
    return pd.DataFrame(normalise_array(framework, X, values.index), index=values.index, columns=[i.id for i in inds])


def _price_basis(ind: Indicator, panel: Panel, period: str) -> str | None:
    """The price basis of the growth an indicator scores (its first `yoy()` of a statistic whose official growth is
    at comparable prices: Panel.price_basis), None when it scores no such growth."""
    for call in fx.calls(ind.tree) if ind.tree is not None else ():
        name = getattr(call.args[0], "name", "") if call.func == "yoy" and call.args else ""
        if name in panel.fields and panel.fields[name].growth_price_basis == "comparable":
            return panel.price_basis(name, period)
    return None


def _annual_field(ind: Indicator) -> str | None:
    for call in fx.calls(ind.tree):
        if call.func == "annual":
            return call.args[0].name
    return None


def _not_reported_note(framework: Framework, ind: Indicator, missing: list[str], period: str, before: list[str],
                       values: pd.Series, imputed: bool) -> Problem:
    """A note, never a warning, for an indicator whose statistics the office does not report in `period` by design
    (fields.yaml `reported`: CO2 is half-yearly, 1—3月 and 1—9月 not reported): nothing to add to the workbook. Says
    what the engine did: the indicator's last value carried forward (its imputation), or left out."""
    from scorer.i18n import quarter_label

    labels = "、".join(framework.fields[m].label for m in missing)
    how = {"half-yearly": ("half-yearly", "按半年统计"), "yearly": ("yearly", "按年统计")}[framework.fields[missing[0]].reported]
    last = next((p for p in reversed(before) if np.isfinite(values.get(p, np.nan))), None)
    if imputed and last is not None:
        en = f"the value of {last} is used ({framework.imputation.method})"
        zh = f"沿用{quarter_label(last, 'zh')}的数值"
    else:
        en, zh = "no earlier value: it is not scored this quarter (its weight goes to the others)", \
            "此前也无数值，本期不计分，权重由同类其余指标分担"
    return Problem(f"indicator {ind.id} ({ind.name_zh}) for {period}: {labels} is reported {how[0]}, not for this "
                   f"quarter; {en}", Location(), None, "note", code="not_reported_by_design",
                   message_zh=f"指标「{ind.name_zh}」{period}：{labels}{how[1]}，本季度不报；{zh}",
                   field_id=missing[0], indicator=ind.id, period=period)


def _missing_fields(ind: Indicator, ctx: _PanelContext, k: int) -> list[str]:
    """Raw fields a formula needs that are missing in the period (or a year before, for growth)."""
    needs_prior = any(c.func in ("yoy", "prior") for c in fx.calls(ind.tree))
    missing = []
    for name in dict.fromkeys(n.name for n in fx.names(ind.tree)):
        if name not in ctx.fw.fields:
            continue
        now = ctx.panel.series(name, ctx.periods)[k]
        before = ctx.panel.series(name, ctx.periods, 1)[k] if needs_prior else 0.0
        published = ctx.panel.published_growth(name, ctx.periods)[k] if needs_prior else np.nan
        if not np.isfinite(now) or (not np.isfinite(before) and not np.isfinite(published)):
            missing.append(name)
    return missing


def evaluate_formula(framework: Framework, panel: Panel, tree: fx.Node, periods: list[str]) -> np.ndarray:
    """A formula over the raw fields (e.g. a readiness threshold's), evaluated at each period."""
    return fx.evaluate(tree, _PanelContext(framework, panel, periods)) * np.ones(len(periods))


@dataclass
class VariantScores:
    """Many variants of one table of units scored at once (see `score_variants`)."""

    scores: np.ndarray  # variants × units × indicators, normalised
    groups: dict[str, np.ndarray]  # group id (incl. 'index') → variants × units


def score_variants(framework: Framework, values: np.ndarray, weights: np.ndarray | None = None) -> VariantScores:
    """Normalise and aggregate many variants of a units × indicators table in one vectorised pass.

    `values` is variants × units × indicators (the framework's indicator order). Each variant's units
    are normalised together and only with each other, so a method that compares units (min-max across
    peers) sees one variant at a time. `weights` (variants × codes, in the order of
    `scorer.methods.weights.framework_tree`, relative within each group) gives every variant its own
    weights; None keeps the framework's. Imputation and outlier treatment do not run here: fill gaps
    before calling.
    """
    X = np.asarray(values, dtype=float)
    # The normalisers work along axis 0, so units go first while they run.
    scores = np.moveaxis(normalise_array(framework, np.moveaxis(X, 1, 0)), 0, 1)
    return VariantScores(scores, aggregate_variants(framework, scores, weights))


def aggregate_variants(framework: Framework, scores: np.ndarray, weights: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Aggregate normalised scores (variants × units × indicators) level by level, each variant with its weights."""
    from scorer.methods.weights import framework_tree

    codes, _, nominal = framework_tree(framework)
    W = nominal[None, :] if weights is None else np.asarray(weights, dtype=float)
    position = {c: k for k, c in enumerate(codes)}
    table = {ind: scores[..., k] for k, ind in enumerate(framework.indicators)}
    for gid, group in framework.groups.items():  # bottom-up
        children = group.children
        spec = framework.aggregator_for(group)
        try:
            table[gid] = aggregate(np.stack([table[c] for c in children], axis=-1),
                                   W[:, [position[c] for c in children]], spec.method, **spec.params)
        except NonPositiveValueError as exc:
            named = exc.naming(children[exc.column])
            raise ScorerError(Problem(msg("{named} — aggregating {gid!r}", named=text_of(named), gid=gid), Location(file=framework.path),
                                      named.hint)) from None
    return {g: table[g] for g in framework.groups}


def doubt_range_of(framework, scores: dict[str, float], doubtful) -> tuple[float, float] | None:
    """(worst, best): the overall from indicator `scores` ({id: score}, NaN where unscored) with the `doubtful` ones
    scored 0 and full marks, their weights kept (ScoreResult.doubt_range; a scenario's or a plan's row alike). None
    when none is doubtful."""
    doubtful = [d for d in doubtful if d in scores]
    if not doubtful:
        return None
    plan = plan_for(framework)
    row = np.array([scores.get(i, np.nan) for i in plan.indicators], dtype=float)
    at = [plan.indicators.index(d) for d in doubtful]
    out = []
    for s in (0.0, float(framework.meta.scale)):
        row[at] = s
        out.append(float(aggregate_array(framework, row[None, :], plan=plan)[0, plan.groups.index("index")]))
    return out[0], out[1]
