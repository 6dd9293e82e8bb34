"""Scenarios: a scored baseline + YAML changes → variants of its reported quarter, scored in one engine pass.

A scenario changes the baseline's reported quarter and nothing else:

- **raw fields** (`fields:`): the quarter's value of each named field is changed (+20%, +2, = 6.2 亿元)
  and every indicator is recomputed from its formula. A flow's value is its year-to-date (累计)
  figure, as in the workbook: `= 6.2 亿元` in a second quarter sets January–June. Last year's figures are history and stay as
  they are, so a growth rate moves with the field. Where the workbook published a 同比 rate for
  the field, that rate is not thrown away, nor left to override the scenario: the scenario keeps
  the comparable prior-year base the published rate implies, L / (1 + g), and the rate becomes
  (1 + g) · L′ / L − 1. (Published rates are often on a comparable basis — constant prices,
  adjusted scope — so recomputing from last year's raw level would change the rate even in a
  scenario that changes nothing.) A full-year estimate scales with the quarter's year-to-date
  value by the baseline's own factor (seasonal share or 4/q, see scorer.score.panel).
- **indicator values** (`indicators:`): applied after the fields, to the recomputed value.
- **weights** (`weights:`): an indicator's or group's weight as a percentage of its parent, taken as written
  (`opening: 35%` is 35 % of the overall); the siblings not given share the rest in their framework proportions
  (scorer.whatif.changes.given_weights).
- **methods** (`methods:`): `normalisation: targets | peers` (against the framework's goalposts,
  or min-max across the zone and its peers — then the scores, the rank and the verdict all come
  from that normalisation), `aggregation:` any registered mean, `imputation:` none, locf, mean,
  median (mean and median over the peers).

Every variant (the baseline, each scenario, each Monte Carlo draw) becomes one row of one indicator
table; rows sharing a normalisation and aggregation method are scored by one `engine.score_variants`
call, each row with its own weights and scored together with the peers for its rank.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Callable, Literal

import numpy as np
import pandas as pd

from scorer.fmt import conditions_en
from scorer.framework import formula as fx
from scorer.score.core import normalise_array, plan_for
from scorer.score.objects import category_objects, finite_or_none as _num, overall_object
from scorer.score.engine import VariantScores, _PanelContext, aggregate_variants, doubt_range_of, score_variants
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg
from scorer.framework.model import Framework, MethodSpec
from scorer.methods.impute import TIME_AXIS, impute
from scorer.methods.weights import effective_weights, framework_tree
from scorer.score.peers import covered_framework, framework_across_peers
from scorer.score.caliber import caliber_limits
from scorer.score.run import Run
from scorer.score.rules import OPS, Verdict, awaiting_in
from scorer.whatif.peer_blocks import _standing, calibrate as _calibrate, peers_once, ranked_apart, ranked_as_run, rows_ranked
from scorer.whatif.changes import (BASELINE_NAME, IMPUTATIONS, Scenario, given_weights, impossible)
from scorer.whatif.checks import (broken_parts, DOUBT_CALIBER, DOUBT_CAPPED, DOUBT_FIGURE, DOUBT_NONE, DOUBT_BOUNDS,  # noqa: F401
                                  clip_to_bounds, empty_of, fillable, refuse_doubtful_variants, refuse_unscorable_scenarios,
                                  variant_doubts)
from scorer.i18n import name_of, translator

# Cells (variants × units × indicators) scored in one engine call: 250 000 doubles, 2 MB an array, so
# a block's temporaries (normalisation, aggregation: several arrays of that size) stay small with any
# number of peers. Measured, 1 500 peers × 2 000 draws with calibration draws: peak 221 MB at 250 000
# cells against 451 MB at 4 M, the same CPU time (the arrays stay in cache).
VARIANT_CELLS = 250_000


# ------------------------------------------------------------------------------ baseline
@dataclass
class Baseline:
    """The scored quarter every variant starts from, in the arrays the variant pass needs."""

    run: Run
    period: str
    fields: list[str]  # column order of `levels`
    levels: np.ndarray  # the quarter's raw field values
    codes: list[str]  # every indicator and group below the index (scorer.methods.weights.framework_tree)
    parents: list[str]
    shares: np.ndarray  # each code's weight as a share of its parent (siblings sum to 1)
    imputation: str  # the framework's own method, or "none"
    fills: dict[str, np.ndarray]  # imputation option → the value each indicator takes when missing
    peer_tables: dict[str, np.ndarray]  # "raw", "mean", "median" → peers × indicators
    peer_ids: list[str]
    uncovered: np.ndarray | None = None  # indicators no peer has a value for: left out of the rank (see peers.standing)
    calibers: list | None = None  # scorer.score.caliber.caliber_limits, read once for every variant pass
    peer_cache: dict = field(default_factory=dict, repr=False, compare=False)  # see score_variant_set
    ranking: str = "targets"  # the run's rank's normalisation (Standing.normalisation), see peer_blocks.ranked_as_run

    @property
    def framework(self) -> Framework:
        return self.run.framework

    @property
    def indicators(self) -> list[str]:
        return list(self.run.framework.indicators)

    @classmethod
    def from_run(cls, run: Run) -> "Baseline":
        fw, res = run.framework, run.result
        if fw.treatment is not None:
            raise ScorerError.at(msg("scenarios and uncertainty runs do not support outlier treatment yet"),
                                 file=fw.path, hint=msg("remove `treatment:` from the framework for this analysis"))
        period = res.period
        names = list(fw.fields)
        levels = run.panel.levels.loc[period, names].to_numpy(dtype=float) if names else np.zeros(0)
        codes, parents, nominal = framework_tree(fw)
        sums = pd.Series(nominal).groupby(pd.Series(parents)).transform("sum").to_numpy()
        inds = list(fw.indicators)
        shares = np.where(np.isin(codes, inds), nominal / sums, nominal)  # groups are already shares
        # peers with a doubtful cell are left out of every rank, as score leaves them out (Standing.rows_out, i12b)
        ranked = run.peers.values.drop(index=[u for u in run.peers.values.index if str(u) in run.peers.doubtful_rows]) \
            if run.peers is not None else None
        peer_raw = ranked[inds].to_numpy(dtype=float) if ranked is not None else np.zeros((0, len(inds)))
        zone_raw = res.values.loc[period, inds].to_numpy(dtype=float)
        base = cls(run, period, names, levels, codes, parents, shares,
                   fw.imputation.method if fw.imputation else "none", {}, {"raw": peer_raw},
                   list(ranked.index) if ranked is not None else [],
                   ranking=run.standing.normalisation if run.standing is not None else "targets")
        history = res.values.loc[:period, inds].to_numpy(dtype=float).copy()
        history[-1] = np.nan  # what the quarter would take if an indicator were missing in it
        for option in IMPUTATIONS:
            if option == "none":
                base.fills[option] = np.full(len(inds), np.nan)
            elif option in TIME_AXIS:
                params = dict(fw.imputation.params) if fw.imputation and fw.imputation.method == option else {}
                params.pop("group", None)
                base.fills[option] = impute(history, option, **params)[0][-1]
            else:  # across units: from the peers, with the zone's own row in the table as the engine has it
                table = np.vstack([np.full(len(inds), np.nan), peer_raw])
                base.fills[option] = impute(table, option)[0][0] if len(peer_raw) else np.full(len(inds), np.nan)
                if len(peer_raw):
                    base.peer_tables[option] = impute(np.vstack([zone_raw, peer_raw]), option)[0][1:]
        base.calibers = caliber_limits(fw)
        base.uncovered = ~np.isfinite(peer_raw).any(axis=0) if len(peer_raw) else np.zeros(len(inds), dtype=bool)
        for option, table in base.peer_tables.items():
            base.peer_tables[option] = np.where(base.uncovered, np.nan, table)  # no peer figure is made up from the zone's
        return base


class _VariantContext(_PanelContext):
    """Formula names resolved for many variants of one quarter: that quarter from the variants, the past from the panel."""

    def __init__(self, baseline: Baseline, levels: np.ndarray):
        super().__init__(baseline.framework, baseline.run.panel, [baseline.period])
        self.levels = levels
        self.column = {f: k for k, f in enumerate(baseline.fields)}
        self.base = baseline.levels
        self.factors: dict[str, float] = {}

    def value(self, name: str, shift: int) -> np.ndarray:
        if shift == 0 and name in self.column:
            return self.levels[:, self.column[name]]
        return super().value(name, shift)

    def annual(self, name: str, shift: int) -> np.ndarray:
        if shift:
            return super().annual(name, shift)
        return self.levels[:, self.column[name]] * self._annual_factor(name)

    def _annual_factor(self, name: str) -> float:
        """The baseline's full-year estimate ÷ its year-to-date value, by the rule scorer.score.panel applies."""
        if name not in self.factors:
            period = self.periods[0]
            q = int(period[-1])
            _, (method,) = self.panel.annual_estimate(name, [period])
            if method == "actual":
                factor = 1.0
            elif method == "seasonal":
                last_same = self.panel.series(name, [period], 1)[0]
                last_full = self.panel.series(name, [f"{int(period[:4]) - 1}Q4"])[0]
                factor = last_full / last_same
            else:
                factor = 4.0 / q
            self.factors[name] = factor
        return self.factors[name]

    def published_growth(self, name: str, shift: int) -> np.ndarray | None:
        published = super().published_growth(name, shift)
        if published is None or shift or name not in self.column:
            return published
        base = self.base[self.column[name]]
        now = self.levels[:, self.column[name]]
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # overflow: inf, refused by the caller
            rebased = ((1.0 + published / 100.0) * now / base - 1.0) * 100.0
        # Unchanged quarters keep the rate exactly as published; a base of 0 leaves no comparable base.
        return np.where(now == base, published, np.where(base != 0, rebased, np.nan))


# -------------------------------------------------------------------------- the variants
@dataclass
class VariantSet:
    """Inputs of many variants of the baseline quarter, one row each."""

    names: list[str]
    levels: np.ndarray  # variants × fields
    indicator_ops: np.ndarray  # variants × indicators: 0 keep, 1 add, 2 scale, 3 set
    indicator_amounts: np.ndarray  # variants × indicators
    shares: np.ndarray  # variants × codes: weights as shares of the parent
    normalisation: np.ndarray  # variants: "targets" | "peers"
    aggregation: np.ndarray  # variants: key into `aggregations`
    imputation: np.ndarray  # variants: an IMPUTATIONS option
    aggregations: dict[str, MethodSpec]
    # Calibration uncertainty (the Monte Carlo draws these; None keeps the nominal calibration):
    target_distance: np.ndarray | None = None  # variants × indicators: floor→target distance × this (goalposts)
    peer_level: np.ndarray | None = None  # variants × indicators: every peer's value × this
    peer_spread: np.ndarray | None = None  # variants × indicators: peers' deviations from their median × this
    bottom_n: np.ndarray | None = None  # variants: the bottom-N line (N may be fractional: a share of a larger region)
    middle_share: np.ndarray | None = None  # variants: the largest share of peers ahead that is still "the middle"
    replaced: np.ndarray | None = None  # variants × fields: True where a scenario set the figure anew (`= value`)
    scenarios: list | None = None  # the Scenario of each row (compare), so that a refusal names its file and line
    rank_by: np.ndarray | None = None  # variants: the normalisation ranked under, if not scored under (ranked_as_run)

    def __len__(self) -> int:
        return len(self.names)


def _method_key(spec: MethodSpec) -> str:
    return json.dumps(spec.model_dump(), sort_keys=True, ensure_ascii=False)


def variants_from_scenarios(baseline: Baseline, scenarios: list[Scenario]) -> tuple[VariantSet, list[Problem]]:
    """One row per scenario; warnings for changes that cannot apply (a field the quarter has no figure for)."""
    n, inds = len(scenarios), baseline.indicators
    fcol = {f: k for k, f in enumerate(baseline.fields)}
    icol = {i: k for k, i in enumerate(inds)}
    pos = {c: k for k, c in enumerate(baseline.codes)}
    levels = np.tile(baseline.levels, (n, 1))
    ops, amounts = np.zeros((n, len(inds)), dtype=np.int8), np.zeros((n, len(inds)))
    shares = np.tile(baseline.shares, (n, 1))
    own = baseline.framework.aggregation
    aggregations = {_method_key(own): own}
    agg_keys, warnings = [], []
    replaced = np.zeros(levels.shape, dtype=bool)
    refused: list[Problem] = []
    for r, sc in enumerate(scenarios):
        for f, change in sc.fields.items():
            fdef = baseline.framework.fields[f]
            why = impossible(change, fdef.value_bounds, fdef.unit, float(baseline.levels[fcol[f]]),
                             whole_counts=sc.path is not None)  # a written scenario; not a Monte Carlo draw
            if why:
                refused.append(Problem(msg("scenario {name!r}: fields.{field} ({label}) {change}: {why}", name=sc.name, field=f,
                                           label=name_of(fdef), change=change.text or change.op, why=why),
                                       sc.where("fields", f), msg("check the sign, the size and the unit")))
                continue
            with np.errstate(over="ignore", invalid="ignore"):
                levels[r, fcol[f]] = change.apply(baseline.levels[fcol[f]])
            replaced[r, fcol[f]] = change.op == "set"
            if not np.isfinite(levels[r, fcol[f]]):
                warnings.append(Problem(msg("scenario {name!r}: {field} ({label}) has no figure for {period}, so {change} "
                                            "cannot apply", name=sc.name, field=f,
                                            label=name_of(baseline.framework.fields[f]), period=baseline.period,
                                            change=change.text or change.op),
                                        sc.where("fields", f), msg("set a value with `= …` instead"), "warning"))
        for i, change in sc.indicators.items():
            ops[r, icol[i]], amounts[r, icol[i]] = change.code, change.amount
        if sc.weights:
            warnings += given_weights(shares[r], baseline.codes, baseline.parents, sc)
        spec = sc.aggregation or own
        aggregations.setdefault(_method_key(spec), spec)
        agg_keys.append(_method_key(spec))
    if refused:
        raise ScorerError(refused)
    norms = np.array([s.normalisation for s in scenarios], dtype=object)
    return VariantSet([s.name for s in scenarios], levels, ops, amounts, shares, norms, np.array(agg_keys, dtype=object),
                      np.array([s.imputation or baseline.imputation for s in scenarios], dtype=object),
                      aggregations, replaced=replaced, scenarios=list(scenarios),
                      rank_by=ranked_as_run(baseline.ranking, norms)), warnings


@dataclass
class VariantResults:
    """Every variant scored: values, scores, group scores, rank among the peers and the verdict's rules."""

    names: list[str]
    values: pd.DataFrame  # variants × indicators: the values scored (after imputation and indicator changes)
    imputed: pd.DataFrame  # variants × indicators: True where a value was imputed
    scores: pd.DataFrame  # variants × indicators, normalised
    group_scores: pd.DataFrame  # variants × groups, incl. 'index'
    contributions: pd.DataFrame  # variants × indicators: overall points each indicator brings (effective weight × score)
    rank: np.ndarray  # 1 = best; NaN without peers
    of: np.ndarray  # peers with a score + the zone
    share_ahead: np.ndarray  # share of peers scoring higher
    peer_median: np.ndarray
    rules: pd.DataFrame  # variants × rule ids: True, False or None (could not be judged)
    rule_values: pd.DataFrame  # variants × rule ids: the value each rule compared with its threshold
    ready: np.ndarray  # True, False or None per variant, as rules.judge decides (the analyst's inputs included)
    doubt: np.ndarray | None = None  # variants × indicators: DOUBT_* code, why a value was not scored as computed
    computed: np.ndarray | None = None  # variants × indicators: the values as computed, before the doubts
    data_ready: np.ndarray | None = None  # the same over the conditions the data decide (the inputs left out)
    behind: np.ndarray | None = None  # peers scoring lower (the bottom-N condition's count)

    @property
    def overall(self) -> pd.Series:
        return self.group_scores["index"]


def score_variant_set(baseline: Baseline, variants: VariantSet, chunk: int = 2000,
                      progress: Callable[[int], None] | None = None) -> VariantResults:
    """Score every variant: recompute the indicators, fill gaps, then one engine call per method and chunk;
    `progress` is called with the number of variants just scored (for a progress bar)."""
    fw, n = baseline.framework, len(variants)
    inds = baseline.indicators
    ctx = _VariantContext(baseline, variants.levels)
    values = np.column_stack([fx.evaluate(fw.indicators[i].tree, ctx) * np.ones(n) for i in inds]) if n else \
        np.zeros((0, len(inds)))
    options = list(baseline.fills)
    fills = np.stack([baseline.fills[o] for o in options])[[options.index(o) for o in variants.imputation]]
    imputed = np.isnan(values) & np.isfinite(fills) & fillable(fw, inds, values, variants.imputation)  # never a whole category
    values = np.where(imputed, fills, values)
    # A scenario's indicator changes apply before the checks: a value given to an indicator directly
    # passes the same bounds and caliber line as one computed from the fields (variant_doubts).
    ops, amounts = variants.indicator_ops, variants.indicator_amounts
    with np.errstate(over="ignore", invalid="ignore"):  # np.select computes every branch: no warning from unused ones
        changed = np.select([ops == 1, ops == 2, ops == 3], [values + amounts, values * (1.0 + amounts), amounts], values)
    refuse_unscorable_scenarios(baseline, variants, values, changed)  # before any scoring: overflow, fractional counts
    values = changed
    doubt = variant_doubts(baseline, variants, ctx, values)
    computed = values.copy()
    values = np.where(doubt == DOUBT_CAPPED, clip_to_bounds(fw, inds, values), values)
    left_out = (doubt != DOUBT_NONE) & (doubt != DOUBT_CAPPED)
    values[left_out], imputed[left_out] = np.nan, False

    groups = list(fw.groups)
    group_scores = np.full((n, len(groups)), np.nan)
    scores = np.full((n, len(inds)), np.nan)
    zone_for_rank = np.full(n, np.nan)  # the zone's overall on the indicators its peers cover
    # The standing is taken block by block: the variants × peers table of overall scores is never held
    # whole (2 000 draws × 27 000 peers would be 432 MB, and ranking it several times that).
    rank, share, median, behind = (np.full(n, np.nan) for _ in range(4))
    counted = np.zeros(n, dtype=int)
    index_col = groups.index("index")
    partial = baseline.uncovered is not None and bool(baseline.uncovered.any()) and len(baseline.peer_ids) > 0
    peer_key = np.array([o if o in baseline.peer_tables else "raw" for o in variants.imputation], dtype=object)
    keys = pd.DataFrame({"n": variants.normalisation, "a": variants.aggregation, "p": peer_key})
    for (norm, agg, peer), rows in keys.groupby(["n", "a", "p"], sort=False).groups.items():
        method_fw = framework_across_peers(fw) if norm == "peers" else fw
        method_fw = replace(method_fw, aggregation=variants.aggregations[agg])
        if partial:  # the rank is taken under the framework cut down to what the peers cover (peers.standing)
            rank_fw = covered_framework(method_fw, [i for i, u in zip(inds, baseline.uncovered) if not u])
            rank_cols = np.flatnonzero(~baseline.uncovered)
            full_codes = framework_tree(method_fw)[0]
            rank_codes = [full_codes.index(c) for c in framework_tree(rank_fw)[0]]
        peers = baseline.peer_tables[peer]
        rows = np.asarray(rows)
        # The peers' figures never vary: under a unit-wise method (goalposts) they are normalised ("scores") and
        # aggregated per set of weights (its bytes) once, kept on the baseline for every pass (the action table's 26)
        # up to PEER_CACHE_CELLS: a Monte Carlo's draws each have weights of their own (bt17 F1).
        # Calibration draws (the Monte Carlo's) move the peers' values or the targets per variant: then every unit is
        # normalised per variant. Blocks keep variants × units × indicators near VARIANT_CELLS, whatever the peers.
        calibrated = variants.peer_spread is not None or variants.peer_level is not None or \
            (norm == "targets" and variants.target_distance is not None)
        peer_groups = baseline.peer_cache.setdefault((norm, _method_key(variants.aggregations[agg]), peer, partial), {})
        if (kept := plan_for(method_fw).unit_wise and not calibrated) and "scores" not in peer_groups:
            peer_groups["scores"] = normalise_array(method_fw, peers)
        peer_scores = peer_groups["scores"] if kept else None
        step = max(1, min(chunk, VARIANT_CELLS // max((1 + len(peers)) * len(inds), 1)))
        for start in range(0, len(rows), step):
            block = rows[start:start + step]
            ranked_here = None  # the rank's scores when the block's peers were aggregated once (below)
            try:
                if peer_scores is None:
                    X = np.empty((len(block), 1 + len(peers), len(inds)))
                    X[:, 0], X[:, 1:] = values[block], peers
                    _calibrate(X, variants, block, fw, inds, norm == "targets")
                    scored = score_variants(method_fw, X, variants.shares[block])
                elif (variants.shares[block] == variants.shares[block][:1]).all():
                    # One set of weights for the block (scenarios, plans, the action table): the peers' scores are
                    # aggregated once per weights, not once per variant; only the zone's row is per variant.
                    W = variants.shares[block]
                    P = peers_once(peer_groups, W[0].tobytes(), lambda: aggregate_variants(  # noqa: B023 (called here)
                        method_fw, peer_scores[None], W[:1]) | ({"__rank__": aggregate_variants(
                            rank_fw, peer_scores[None][..., rank_cols], W[:1, rank_codes])["index"]} if partial else {}))
                    zone_S = normalise_array(method_fw, values[block])[:, None, :]
                    zone_groups = aggregate_variants(method_fw, zone_S, W)
                    with_peers = (lambda zone, g: np.concatenate(  # noqa: E731
                        [zone, np.broadcast_to(P[g], (len(block), P[g].shape[1]))], axis=1))
                    scored = VariantScores(zone_S, {g: with_peers(zone_groups[g], g) for g in zone_groups})
                    if partial:  # the ranked scores, already aggregated
                        ranked_here = with_peers(
                            aggregate_variants(rank_fw, zone_S[..., rank_cols], W[:, rank_codes])["index"], "__rank__")
                else:
                    S = np.empty((len(block), 1 + len(peers), len(inds)))
                    S[:, 0], S[:, 1:] = normalise_array(method_fw, values[block]), peer_scores
                    scored = VariantScores(S, aggregate_variants(method_fw, S, variants.shares[block]))
            except ScorerError as exc:
                if variants.aggregations[agg] == fw.aggregation:
                    raise
                # The method came from a scenario, not the framework: say so rather than blame the framework file.
                asked = variants.scenarios[block[0]] if variants.scenarios is not None else None
                raise ScorerError([Problem(msg("{message} (aggregation {method!r} asked for by scenario {name!r})",
                                               message=both(p.message, p.message_zh or p.message),
                                               method=variants.aggregations[agg].method, name=variants.names[block[0]]),
                                           asked.where("methods", "aggregation") if asked is not None else Location(),
                                           p.hint, hint_zh=p.hint_zh)
                                   for p in exc.problems]) from None
            scores[block] = scored.scores[:, 0]
            group_scores[block] = np.column_stack([scored.groups[g][:, 0] for g in groups])
            ranked = scored.groups["index"]
            if partial and peer_scores is None:
                ranked = score_variants(rank_fw, X[..., rank_cols], variants.shares[block][:, rank_codes]).groups["index"]
            elif ranked_here is not None:  # aggregated on the covered indicators above, peers once per weights
                ranked = ranked_here
            elif partial:  # unit-wise: the scores already made, re-aggregated on the covered indicators
                ranked = aggregate_variants(rank_fw, S[..., rank_cols], variants.shares[block][:, rank_codes])["index"]
            zone_for_rank[block] = ranked[:, 0]
            rank[block], counted[block], share[block], median[block], behind[block] = _standing(
                zone_for_rank[block], ranked[:, 1:], group_scores[block, index_col])
            if progress is not None:
                progress(len(block))

    if (other := ranked_apart(variants)).size:  # ranked under the run's ranking, not as scored (peer_blocks)
        again = score_variant_set(baseline, rows_ranked(variants, other), chunk)
        rank[other], counted[other], share[other] = again.rank, again.of - 1, again.share_ahead
        median[other], behind[other] = again.peer_median, again.behind
    rule_table, rule_values = _judge(baseline, ctx, values, group_scores, groups, share, behind,
                                     variants.bottom_n, variants.middle_share)
    ready = _all_met(rule_table)
    data_ready = _all_met(rule_table.drop(columns=input_ids(baseline.run), errors="ignore"))
    effective = effective_weights(variants.shares, baseline.codes, baseline.parents)[:, :len(inds)]
    index = pd.RangeIndex(n, name="variant")
    return VariantResults(
        variants.names, pd.DataFrame(values, index=index, columns=inds), pd.DataFrame(imputed, index=index, columns=inds),
        pd.DataFrame(scores, index=index, columns=inds), pd.DataFrame(group_scores, index=index, columns=groups),
        pd.DataFrame(effective * np.nan_to_num(scores), index=index, columns=inds),
        rank, counted + 1, share, median, rule_table.set_axis(index), rule_values.set_axis(index), ready, doubt,
        computed, data_ready, behind)


def _all_met(rule_table: pd.DataFrame) -> np.ndarray:
    """Per row of a rules table: False if any rule failed, else None if any could not be judged, else True."""
    return np.where(rule_table.eq(False).any(axis=1), False,
                    np.where(rule_table.isna().any(axis=1), None, True)).astype(object)


def fixed_conditions(run) -> list:
    """The run's deciding conditions no variant's data can change (scorer.score.rules.RuleResult): the
    analyst's inputs, given or not, and conditions not judged for a stated reason (a peer set that is
    not the region's national zones cannot decide the bottom-5 and middle conditions)."""
    if run.verdict is None:
        return []
    return [r for r in run.verdict.rules if r.deciding and (r.role == "input" or r.reason)]


def input_ids(run) -> list[str]:
    """The ids of `fixed_conditions(run)`: what the verdict over the data's own conditions leaves out."""
    return [r.id for r in fixed_conditions(run)]


def _judge(baseline: Baseline, ctx: _VariantContext, values: np.ndarray, group_scores: np.ndarray,
           groups: list[str], share_ahead: np.ndarray, behind: np.ndarray, bottom_n: np.ndarray | None = None,
           middle_share: np.ndarray | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The readiness rules of scorer.score.rules.judge for every variant at once: True, False or None per rule, and the values."""
    run, fw = baseline.run, baseline.framework
    if run.rules is None:
        return pd.DataFrame(index=range(len(values))), pd.DataFrame(index=range(len(values)))
    spec, out, compared = run.rules.spec, {}, {}

    def passed(value: np.ndarray, op: str, threshold: float | np.ndarray, rule: str = "") -> np.ndarray:
        value = np.asarray(value, dtype=float) * np.ones(len(values))
        compared[rule] = value
        with np.errstate(invalid="ignore"):
            ok = OPS[op](value, threshold)
        return np.where(np.isfinite(value), ok, None).astype(object)

    if spec.overall_min is not None:
        out["overall_min"] = passed(group_scores[:, groups.index("index")], ">=", spec.overall_min.value, "overall_min")
    if spec.category_min is not None:
        for g in fw.top_groups:
            out[f"category_min_{g}"] = passed(group_scores[:, groups.index(g)], ">=", spec.category_min.value,
                                              f"category_min_{g}")
    # A variant without an overall score has no rank: its rank conditions are not judged (bt16j F2: "not among the
    # bottom 5: not met" for a variant whose score could not be computed).
    scored = np.isfinite(np.asarray(group_scores[:, groups.index("index")], dtype=float))
    if spec.bottom_n is not None and run.standing is not None:
        out["bottom_n"] = passed(np.where(scored, behind, np.nan), ">=",
                                 spec.bottom_n.value if bottom_n is None else bottom_n, "bottom_n")
    if spec.rank_share_max is not None and run.standing is not None:
        out["rank_share_max"] = passed(np.where(scored, share_ahead, np.nan), "<=",
                                       spec.rank_share_max.value if middle_share is None else middle_share,
                                       "rank_share_max")
    inds = baseline.indicators
    for t in [t for t in spec.thresholds if t.role != "historic"]:  # historic: shown, never deciding
        value = values[:, inds.index(t.indicator)] if t.indicator is not None else \
            fx.evaluate(run.rules.trees[t.id], ctx) * np.ones(len(values))
        judged = passed(value, t.op, t.value, t.id)
        if t.also_counts:  # a breach of a figure that also counts what the rule does not name: to confirm (rules.judge)
            judged = np.where(judged == False, None, judged).astype(object)  # noqa: E712 (elementwise, None kept)
        out[t.id] = judged
    # The analyst's conditions (the rules' `inputs:`), and conditions the peer set cannot decide, are
    # no data a variant changes: each variant carries the run's result — not given / not judged (None)
    # keeps every variant undetermined, "no" makes it not ready.
    for c in fixed_conditions(run):
        out[c.id] = np.full(len(values), c.passed, dtype=object)
    return pd.DataFrame(out, index=range(len(values))), pd.DataFrame(compared, index=range(len(values)))


# ---------------------------------------------------------------------- comparing scenarios
@dataclass
class Moved:
    """An indicator a scenario moved: its value and score before and after, and the overall points it brought."""

    id: str
    name_zh: str
    unit: str
    value_before: float | None
    value_after: float | None
    score_before: float | None
    score_after: float | None
    points: float  # change in the overall score this indicator accounts for
    name_en: str = ""  # name_zh in English

    def as_dict(self) -> dict:
        return {**{k: v if isinstance(v, str) else _num(v) for k, v in self.__dict__.items()},
                "name_en": self.name_en or self.name_zh}


@dataclass
class ScenarioOutcome:
    """One scenario (or the baseline) scored: what a table row, a chart bar or a JSON record shows."""

    name: str
    description: str
    overall: float | None
    categories: dict[str, float | None]  # top group id → score
    rank: int | None
    of: int | None
    ready: bool | None
    verdict_zh: str
    change_overall: float | None
    change_categories: dict[str, float | None]
    change_rank: int | None  # negative: moved up
    moved: list[Moved]
    failed_rules: list[str]  # Chinese names of the rules not met
    scenario: Scenario | None = None
    data_ready: bool | None = None  # the verdict over the conditions the data decide (analyst inputs left out)
    doubtful: list[str] = field(default_factory=list)  # indicators not scored as computed (doubtful): the verdict rests on doubtful data
    empty_scored: dict[str, int] = field(default_factory=dict)  # its own categories without a score → children scored (empty_of)
    verdict_en: str = ""  # verdict_zh in English (the terminal under --lang en, the JSON's verdict_en)
    failed_rules_en: list[str] = field(default_factory=list)  # failed_rules in English (idem)
    doubt_range: tuple[float, float] | None = None  # the overall with `doubtful` at 0 and at full marks (bt-i11 F4)
    weights: dict[str, float] = field(default_factory=dict)  # top group id → its share of the overall in this variant

    def as_dict(self, framework: Framework) -> dict:  # overall and categories: score's objects (scorer.score.objects)
        return {"name": self.name, "name_en": "baseline" if self.scenario is None else self.name,
                "description": self.description, "rank": self.rank, "of": self.of,
                "overall": overall_object(framework, self.overall, list(self.empty_scored), self.doubt_range),
                "categories": category_objects(framework, self.overall, self.categories, self.weights),
                "ready": self.ready, "data_ready": self.data_ready, "verdict_zh": self.verdict_zh,
                "verdict_en": self.verdict_en or self.verdict_zh, "change_overall": _num(self.change_overall),
                "change_categories": {k: _num(v) for k, v in self.change_categories.items()},
                "change_rank": self.change_rank, "moved": [m.as_dict() for m in self.moved],
                "failed_rules": self.failed_rules, "failed_rules_en": self.failed_rules_en or self.failed_rules,
                "doubtful_indicators": list(self.doubtful), "scenario": self.scenario.as_dict() if self.scenario else None}


def verdict_label(ready: bool | None, pending: list[str] | tuple | str = (), data_ready: bool | None = None,
                  lang: str = "zh") -> str:
    """The verdict's words as scorer.score.rules.Verdict.label_in has them, in `lang` ("zh" or "en"). `ready`: the whole
    verdict (the analyst's conditions included, as rules.judge counts them); `pending`: names of the analyst's conditions
    not yet given (or what `awaiting` says); `data_ready`: the verdict over the conditions the data decide. A variant
    meeting every data condition while an analyst condition is not given is undetermined, says what remains; never "ready"."""
    if ready is not False and pending and (data_ready or ready):
        return translator(lang)("verdict_pending", items=pending if isinstance(pending, str) else
                                "、".join(pending) if lang == "zh" else conditions_en(pending))
    return Verdict("", ready, []).label_in(lang)


def awaiting(run, not_given: str = "", lang: str = "zh") -> str:
    """What the run's verdict waits on besides the data (scorer.score.rules.awaiting_in): the analyst's conditions not given, those the peer table cannot decide."""
    return awaiting_in([r for r in fixed_conditions(run) if r.passed is None], lang, not_given)


def pending_inputs(run) -> list[str]:
    """The names of the run's conditions waiting on something other than the data (`fixed_conditions`, not judged)."""
    return [r.name_zh for r in fixed_conditions(run) if r.passed is None]


@dataclass
class Comparison:
    """The baseline and every scenario, scored in one pass; row 0 of `results` is the baseline."""

    period: str
    baseline: ScenarioOutcome
    scenarios: list[ScenarioOutcome]
    results: VariantResults
    framework: Framework
    synthetic_peers: bool | None
    warnings: list[Problem] = field(default_factory=list)

    @property
    def outcomes(self) -> list[ScenarioOutcome]:
        return [self.baseline] + self.scenarios

    def as_dict(self) -> dict:
        return {"period": self.period, "synthetic_peers": self.synthetic_peers,
                "categories": {g: self.framework.groups[g].name_zh for g in self.framework.top_groups},
                "categories_en": {g: self.framework.groups[g].name_en or self.framework.groups[g].name_zh
                                  for g in self.framework.top_groups},
                "baseline": self.baseline.as_dict(self.framework),
                "scenarios": [s.as_dict(self.framework) for s in self.scenarios],
                "problems": [w.as_dict() for w in self.warnings]}

    def to_frame(self) -> pd.DataFrame:
        """One row per scenario (the baseline first), the columns --csv and --xlsx write."""
        rows = []
        for o in self.outcomes:
            row = {"scenario": o.name, "description": o.description, "overall": o.overall,
                   "overall_change": o.change_overall}
            for g in self.framework.top_groups:
                row[g] = o.categories[g]
            for g in self.framework.top_groups:
                row[f"{g}_change"] = o.change_categories[g]
            row.update({"rank": o.rank, "of": o.of, "rank_change": o.change_rank, "ready": o.ready,
                        "verdict": o.verdict_zh, "failed_rules": "、".join(o.failed_rules),
                        "moved": "；".join(f"{m.name_zh} {m.points:+.2f}分" for m in o.moved)})
            rows.append(row)
        return pd.DataFrame(rows)

    def indicator_frame(self, what: Literal["values", "scores", "contributions"] = "scores") -> pd.DataFrame:
        """Indicators × scenarios: the values, normalised scores or overall points of each."""
        table = getattr(self.results, what).T
        table.columns = [o.name for o in self.outcomes]
        table.insert(0, "name_zh", [self.framework.indicators[i].name_zh for i in table.index])
        table.insert(1, "unit", [self.framework.indicators[i].unit if what == "values" else
                                 ("分" if what == "scores" else "综合得分分值") for i in table.index])
        return table


def compare(run: Run, scenarios: list[Scenario], top: int = 3) -> Comparison:
    """Score the baseline and every scenario in one vectorised pass; the `top` indicators each moved most."""
    run.require_overall()  # nothing to compare or plan from without an overall score
    from scorer.whatif.checks import refuse_shared_names

    refuse_shared_names(scenarios)
    baseline = Baseline.from_run(run)
    variants, warnings = variants_from_scenarios(baseline, [Scenario(BASELINE_NAME)] + list(scenarios))
    res = score_variant_set(baseline, variants)
    fw, top_groups = run.framework, run.framework.top_groups
    refuse_doubtful_variants(baseline, _VariantContext(baseline, variants.levels), scenarios, res)
    broken = broken_parts(baseline, variants.scenarios, variants.levels)  # after the bounds' and caliber's own words
    if broken:
        raise ScorerError(broken)
    rule_names = _rule_names(run)

    # Plain arrays for the per-scenario records: pandas' scalar access would cost more than the scoring.
    cats = res.group_scores[top_groups].to_numpy()
    overall, values, scores = res.overall.to_numpy(), res.values.to_numpy(), res.scores.to_numpy()
    delta = res.contributions.to_numpy() - res.contributions.to_numpy()[:1]
    biggest = np.argsort(-np.abs(delta), axis=1, kind="stable")[:, :top]
    failed_mask = res.rules.eq(False).to_numpy()
    rule_ids, rule_en = ([names.get(c, c) for c in res.rules.columns] for names in (rule_names, _rule_names(run, "en")))
    cat_change = cats - cats[:1]
    cat_weights = variants.shares[:, [baseline.codes.index(g) for g in top_groups]]  # shares of the index (scenario weights)

    # the quarter's indicators with no figure (ScoreResult.unknown): bounded in each row that leaves them unscored (bt12i F1)
    unknown = [i for i in run.result.unknown() if i in baseline.indicators]

    def outcome(r: int, scenario: Scenario | None) -> ScenarioOutcome:
        rank = None if not np.isfinite(res.rank[r]) else int(res.rank[r])
        lost = bool(set(empty_of(fw, res, r)) - set(empty_of(fw, res, 0)))  # a category gone: no like-for-like (bt11j F7)
        moved = []
        for k in (biggest[r] if r else []):
            if abs(delta[r, k]) < 1e-9 or lost or not np.isfinite(scores[r, k]):  # a score lost to doubt moved nothing
                continue
            ind = fw.indicators[baseline.indicators[k]]
            moved.append(Moved(ind.id, ind.name_zh, ind.unit, _num(values[0, k]), _num(values[r, k]),
                               _num(scores[0, k]), _num(scores[r, k]), float(delta[r, k]), ind.name_en))
        return ScenarioOutcome(
            variants.names[r], scenario.description if scenario else "", _num(overall[r]),
            {g: _num(cats[r, j]) for j, g in enumerate(top_groups)}, rank,
            int(res.of[r]) if rank is not None else None, res.ready[r],
            verdict_label(res.ready[r], awaiting(baseline.run), res.data_ready[r]),
            None if lost else _num(overall[r] - overall[0]), {g: _num(cat_change[r, j]) for j, g in enumerate(top_groups)},
            None if rank is None or lost else rank - int(res.rank[0]), moved,
            [name for name, bad in zip(rule_ids, failed_mask[r]) if bad], scenario, res.data_ready[r],
            [baseline.indicators[k] for k in np.flatnonzero(res.doubt[r] != DOUBT_NONE)], empty_of(fw, res, r),
            verdict_label(res.ready[r], awaiting(baseline.run, lang="en"), res.data_ready[r], lang="en"),
            [name for name, bad in zip(rule_en, failed_mask[r]) if bad],
            doubt_range_of(fw, dict(zip(baseline.indicators, scores[r])),
                           [baseline.indicators[k] for k in np.flatnonzero(res.doubt[r] != DOUBT_NONE)] +
                           [i for i in unknown if not np.isfinite(scores[r, baseline.indicators.index(i)])]),
            dict(zip(top_groups, map(float, cat_weights[r]))))

    outcomes = [outcome(r, sc) for r, sc in enumerate([None] + list(scenarios))]
    return Comparison(baseline.period, outcomes[0], outcomes[1:], res, fw,
                      run.standing.synthetic if run.standing is not None else None, warnings)


def _rule_names(run: Run, lang: str = "zh") -> dict[str, str]:
    return {r.id: r.name_zh if lang == "zh" else r.name_en or r.name_zh for r in (run.verdict.rules if run.verdict else [])}
