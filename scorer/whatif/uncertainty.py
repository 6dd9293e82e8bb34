"""Uncertainty: Monte Carlo over the scoring's assumptions → distribution of score, rank and verdict, Sobol indices.

Each draw is a variant of the baseline quarter (see scorer.whatif.scenario): every weight times an
independent U(1 − x, 1 + x) factor (x set per level), every raw field of the quarter times its own
U(1 − e, 1 + e) measurement-error factor, and a normalisation and an imputation method drawn with
equal probability from the lists given. Measurement error falls on the reported quarter's figures
only (last year's are published history); a published 同比 rate moves with its field as in a
scenario. The default normalisation list is `targets` alone: `peers` (min-max across the peers)
scores on another scale, against which the rules' thresholds were not set, so it is opt-in.

The calibration is uncertain too (yardsticks.md: targets rest on published means or judgement, the
peer set is synthetic, the region is counted two ways), so each draw also moves: every goalposts
target by ±5 / 15 / 30 % of its floor→target distance for high / medium / low confidence; every
peer indicator's level (± `peer_levels` %) and the peers' spread around their median
(± `peer_spreads` %); the bottom-5 line (5 of a region of 55 to 68 zones, i.e. N × 55/K of the
peers) and the middle (the share of peers ahead, 0.5 ± 0.05). The chance of meeting the conditions
is therefore below 100 % unless the zone passes under every plausible calibration. Conditions only
the analyst can judge (the rules' `inputs:`) are not drawn: each draw carries the analyst's answer,
so while one is not given no draw is ready (P(ready) is 0 and every draw undetermined: the result
says which conditions wait, and gives the chance that the data's own conditions are all met,
`p_data_ready`, beside it); one answered "no" makes every draw not ready. All draws go
through the same vectorised scoring pass as scenarios. Every draw's parameters are kept (`UncertaintyResult.draws`), so any replicate can be
reproduced by `scenario_from_draw` and scored on its own (its weights, measurement and methods; a
scenario cannot carry the calibration draws, the t:, pl:, ps:, bottom_n and middle_share columns). With Sobol indices the draws are a
Saltelli design (SALib) and the indices are computed per assumption (SALib's groups).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Literal

import numpy as np
import pandas as pd
from pydantic import Field, ValidationError

from scorer.framework import formula as fx
from scorer.framework.base import pydantic_reason
from scorer.errors import Problem, ScorerError
from scorer.messages import msg
from scorer.framework.model import _Strict
from scorer.score.run import Run
from scorer.whatif.changes import IMPUTATIONS, Change, Scenario
from scorer.whatif.scenario import (Baseline, VariantSet, awaiting, _method_key, fixed_conditions, pending_inputs,
                                    score_variant_set, verdict_label)

ASSUMPTIONS_ZH = {"normalisation": "标准化方法", "imputation": "缺失值处理方法", "measurement": "统计数据测量误差",
                  "targets": "目标值（按可信度）", "peer_levels": "对照样本水平", "peer_spreads": "对照样本离散程度",
                  "cutoff": "区域分界（后5名线、中等水平）"}
# ± fraction of the floor→target distance a target may move, by its confidence (framework.yaml).
TARGET_SPREAD = {"high": 0.05, "medium": 0.15, "low": 0.30}
# The region's bottom-5 line: 5 of the peers' own count, or 5 of the assessment's larger central
# grouping (yardsticks: 55 zones in the 2023 statistics release, 68 in the 2021 assessment).
REGION_COUNTS = (55, 68)
# × the peer-level spread for an indicator whose peer level is the generating model's own assumption, or a
# national mean scaled by a central ÷ national ratio (`PeerSet.scaled`: the published ratios range 0.25–0.79 by
# measure, yardsticks.md §3, and none is published for counts; which one applies is the model's assumption).
ASSUMED_LEVEL = 3.0


# Each assumption's command-line option (`scorer uncertainty`), for messages; tests check each exists.
OPTIONS = {"indicator_weights": "--indicator-weights", "group_weights": "--group-weights",
           "level_weights": "--level-weights", "normalisation": "--normalisation", "imputation": "--imputation",
           "measurement": "--measurement", "measurement_fields": "--field-error", "targets": "--targets",
           "peer_levels": "--peer-levels", "peer_spreads": "--peer-spreads", "cutoff": "--cutoff"}


class Assumptions(_Strict):
    """What is uncertain and by how much; checked at the CLI boundary."""

    indicator_weights: float = Field(25.0, ge=0, lt=100, description="± % of each indicator's weight")
    group_weights: float = Field(25.0, ge=0, lt=100, description="± % of each group's weight, every level")
    level_weights: dict[int, float] = Field(default_factory=dict, description="level → ± %, overrides the two above")
    normalisation: list[Literal["targets", "peers"]] = Field(default_factory=lambda: ["targets"], min_length=1)
    imputation: list[str] = Field(default_factory=lambda: ["locf", "none", "mean"], min_length=1)
    measurement: float = Field(5.0, ge=0, lt=100, description="± % on every raw field of the quarter")
    measurement_fields: dict[str, float] = Field(default_factory=dict, description="field → ± %, overrides")
    targets: float = Field(1.0, ge=0, le=3, description="× the confidence spreads of the targets (high ±5 %, "
                                                           "medium ±15 %, low ±30 % of the floor→target distance); 0 holds them")
    peer_levels: float = Field(10.0, ge=0, lt=100, description="± % on the level of each peer indicator set to a "
                                                                "published figure; three times that for a level the peer model assumed")
    peer_spreads: float = Field(25.0, ge=0, lt=100, description="± % on the peers' spread around their median")
    cutoff: bool = Field(True, description="vary the bottom-5 line (region of 55 or 68 zones) and the middle (45–55 %)")

    def weight_noise(self, level: int) -> float:
        if level in self.level_weights:
            return self.level_weights[level]
        return self.indicator_weights if level == 1 else self.group_weights


def check_assumptions(values: dict, framework) -> Assumptions:
    """Build Assumptions from option values; every problem in one error naming the option."""
    try:
        a = Assumptions.model_validate(values)
    except ValidationError as exc:
        def option(e) -> str:
            return OPTIONS.get(str(e["loc"][0]), e["loc"][0]) if e["loc"] else "uncertainty"

        raise ScorerError([Problem(msg("{option}: {why}", option=option(e), why=pydantic_reason(e))
                                   if isinstance(e.get("input"), (dict, list)) else
                                   msg("{option}: {why} (got {value!r})", option=option(e), why=pydantic_reason(e),
                                       value=e["input"]),
                                   hint=msg("see `scorer uncertainty --help`")) for e in exc.errors()]) from None
    # A field is named by its id or by its Chinese name (--field-error 实际使用外资金额=10), as everywhere.
    a = a.model_copy(update={"measurement_fields": {framework.field_id(f) or f: x for f, x in a.measurement_fields.items()}})
    problems = []
    for m in a.imputation:
        if m not in IMPUTATIONS:
            problems.append(Problem(msg("--imputation: unknown method {method!r}", method=m),
                                    hint=msg("choose from {names}", names=", ".join(IMPUTATIONS))))
    for f, x in a.measurement_fields.items():
        if f not in framework.fields:
            problems.append(Problem(msg("--field-error: unknown field {field!r}", field=f),
                                    hint=msg("use a field id of fields.yaml or its Chinese name, e.g. fdi_actual or 实际使用外资金额")))
        if not 0 <= x < 100:
            problems.append(Problem(msg("--field-error {field}={value}: must be at least 0 and below 100 (%)", field=f,
                                        value=fmt.as_given(x))))
    levels = {1} | {g.level for g in framework.groups.values() if g.parent is not None}
    for lv, x in a.level_weights.items():
        if lv not in levels:
            problems.append(Problem(msg("--level-weights: the framework has no level {level}", level=lv),
                                    hint=msg("levels: {levels} (1 = indicators)", levels=", ".join(map(str, sorted(levels))))))
        if not 0 <= x < 100:
            problems.append(Problem(msg("--level-weights {level}={value}: must be at least 0 and below 100 (%)", level=lv,
                                        value=fmt.as_given(x))))
    if problems:
        raise ScorerError(problems)
    return a


@dataclass(frozen=True)
class Factor:
    """One uncertain input: U(0, 1) in the design, mapped to a multiplier or a method."""

    group: str  # the assumption it belongs to (Sobol indices are per group)
    kind: Literal["weight", "field", "normalisation", "imputation", "target", "peer_level", "peer_spread",
                  "bottom_n", "middle_share"]
    key: str  # code, field id, or the method list's name
    spread: float  # ± fraction for multipliers
    options: tuple[str, ...] = ()

    @property
    def column(self) -> str:
        return {"weight": f"w:{self.key}", "field": f"m:{self.key}", "target": f"t:{self.key}",
                "peer_level": f"pl:{self.key}", "peer_spread": f"ps:{self.key}"}.get(self.kind, self.kind)


def factors(baseline: Baseline, a: Assumptions) -> list[Factor]:
    """The design's columns: weights with noise, fields with a figure in the quarter, method lists of two or more."""
    fw = baseline.framework
    out = []
    for code in baseline.codes:
        level = 1 if code in fw.indicators else fw.groups[code].level
        x = a.weight_noise(level) / 100.0
        if x > 0:
            group = "indicator_weights" if level == 1 else f"weights_level{level}"
            out.append(Factor(group, "weight", code, x))
    used = _fields_used(baseline)
    for k, f in enumerate(baseline.fields):
        x = a.measurement_fields.get(f, a.measurement) / 100.0
        if x > 0 and f in used and np.isfinite(baseline.levels[k]):
            out.append(Factor("measurement", "field", f, x))
    if len(a.normalisation) > 1:
        out.append(Factor("normalisation", "normalisation", "normalisation", 0.0, tuple(a.normalisation)))
    # Calibration: targets within their confidence, the peers' levels and spreads, the regional cut-offs.
    if a.targets > 0:
        for i in baseline.indicators:
            ind = fw.indicators[i]
            if ind.target is not None and fw.normaliser_for(ind).method == "goalposts":
                x = TARGET_SPREAD.get(ind.target.confidence, 0.3) * a.targets
                out.append(Factor("targets", "target", i, min(x, 0.9)))
    has_peers = baseline.run.peers is not None and len(baseline.peer_ids) > 0
    # A real peer table (not synthetic) holds measured figures, not the peer model's assumptions: held as given.
    if has_peers and baseline.run.peers.synthetic:
        for i in baseline.indicators:
            if a.peer_levels > 0:
                # A level the peer model assumed (no published figure) is three times as uncertain as one
                # set to a published mean (yardsticks.md: the annex is unpublished).
                x = a.peer_levels / 100.0 * (ASSUMED_LEVEL if i in baseline.run.peers.assumed else 1.0)
                out.append(Factor("peer_levels", "peer_level", i, min(x, 0.9)))
            if a.peer_spreads > 0:
                out.append(Factor("peer_spreads", "peer_spread", i, a.peer_spreads / 100.0))
    rules = baseline.run.rules.spec if baseline.run.rules is not None else None
    if a.cutoff and has_peers and rules is not None:
        if rules.bottom_n is not None:
            out.append(Factor("cutoff", "bottom_n", "bottom_n", 0.0))
        if rules.rank_share_max is not None:
            out.append(Factor("cutoff", "middle_share", "middle_share", 0.05))
    if len(a.imputation) > 1:
        out.append(Factor("imputation", "imputation", "imputation", 0.0, tuple(a.imputation)))
    return out


def _fields_used(baseline: Baseline) -> set[str]:
    fw = baseline.framework
    trees = [i.tree for i in fw.indicators.values() if i.tree is not None] + list(fw.derived.values())
    if baseline.run.rules is not None:
        trees += list(baseline.run.rules.trees.values())
    return {n.name for t in trees for n in fx.names(t) if n.name in fw.fields}


ASSUMPTIONS_EN = {"normalisation": "normalisation method", "imputation": "imputation of missing values",
                  "measurement": "measurement error of the statistics", "targets": "targets (by confidence)",
                  "peer_levels": "peer level", "peer_spreads": "peer spread",
                  "cutoff": "regional lines (bottom-5 line, middle level)"}


def group_names(group: str, framework) -> tuple[str, str]:
    """What a Sobol index's group of uncertain inputs is: (Chinese, English)."""
    if group == "indicator_weights":
        return "指标权重", "indicator weights"
    if group.startswith("weights_level"):
        level = int(group.removeprefix("weights_level"))
        top = max(g.level for g in framework.groups.values() if g.parent is not None)
        return ("一级指标（类别）权重", "category weights") if level == top else \
            (f"第{level}层分组权重", f"weights of level-{level} groups")
    return ASSUMPTIONS_ZH.get(group, group), ASSUMPTIONS_EN.get(group, group)


def variants_from_design(baseline: Baseline, design: np.ndarray, facs: list[Factor], a: Assumptions) -> tuple[VariantSet, pd.DataFrame]:
    """Design rows (U(0, 1) per factor) → variants, and each draw's parameters as a table."""
    n = len(design)
    levels = np.tile(baseline.levels, (n, 1))
    shares = np.tile(baseline.shares, (n, 1))
    fcol = {f: k for k, f in enumerate(baseline.fields)}
    pos = {c: k for k, c in enumerate(baseline.codes)}
    params: dict[str, np.ndarray] = {}
    norm = np.full(n, a.normalisation[0], dtype=object)
    imp = np.full(n, a.imputation[0], dtype=object)
    icol = {i: k for k, i in enumerate(baseline.indicators)}
    calib = {k: None for k in ("target", "peer_level", "peer_spread")}
    bottom = middle = None
    rules = baseline.run.rules.spec if baseline.run.rules is not None else None
    for j, f in enumerate(facs):
        u = design[:, j]
        if f.kind in calib:
            if calib[f.kind] is None:
                calib[f.kind] = np.ones((n, len(baseline.indicators)))
            mult = 1.0 + f.spread * (2.0 * u - 1.0)
            calib[f.kind][:, icol[f.key]] = mult
            params[f.column] = mult
            continue
        if f.kind == "bottom_n":
            # N out of the peers' count, for a region counted as 55 to 68 zones: N × 55 / K.
            n_nom, k0, k1 = rules.bottom_n.value, REGION_COUNTS[0], REGION_COUNTS[1]
            bottom = n_nom * k0 / (k0 + u * (k1 - k0))
            params["bottom_n"] = bottom
            continue
        if f.kind == "middle_share":
            middle = rules.rank_share_max.value + f.spread * (2.0 * u - 1.0)
            params["middle_share"] = middle
            continue
        if f.kind in ("weight", "field"):
            mult = 1.0 + f.spread * (2.0 * u - 1.0)
            params[f.column] = mult
            if f.kind == "weight":
                shares[:, pos[f.key]] *= mult
            else:
                levels[:, fcol[f.key]] *= mult
        else:
            chosen = np.asarray(f.options, dtype=object)[np.minimum((u * len(f.options)).astype(int), len(f.options) - 1)]
            params[f.column] = chosen
            if f.kind == "normalisation":
                norm = chosen
            else:
                imp = chosen
    table = pd.DataFrame({"normalisation": norm, "imputation": imp, **{k: v for k, v in params.items()
                                                                         if k not in ("normalisation", "imputation")}})
    own = baseline.framework.aggregation
    key = _method_key(own)
    variants = VariantSet([f"draw {k + 1}" for k in range(n)], levels, np.zeros((n, len(baseline.indicators)), np.int8),
                          np.zeros((n, len(baseline.indicators))), shares, norm, np.full(n, key, dtype=object), imp,
                          {key: own}, calib["target"], calib["peer_level"], calib["peer_spread"], bottom, middle)
    return variants, table


@dataclass
class Distribution:
    """A quantity over the draws: nominal (baseline) value, median, 5–95% interval and mean."""

    nominal: float | None
    median: float
    q05: float
    q95: float
    mean: float

    @classmethod
    def of(cls, values: np.ndarray, nominal: float | None) -> "Distribution":
        v = np.asarray(values, dtype=float)
        v = v[np.isfinite(v)]
        if not len(v):
            return cls(nominal, math.nan, math.nan, math.nan, math.nan)
        q05, med, q95 = np.quantile(v, [0.05, 0.5, 0.95])
        return cls(nominal, float(med), float(q05), float(q95), float(v.mean()))

    def as_dict(self) -> dict:
        return {k: (None if v is None or not math.isfinite(v) else float(v)) for k, v in self.__dict__.items()}


# The fewest draws a Monte Carlo gives results from: its 5 % and 95 % quantiles are the 1-in-20 draws at either
# end, so fewer than 20 draws have no such quantile (the interval would be the sample's extremes), and a
# probability of readiness from fewer is a few coin flips (--draws 1 gave 0 % or 100 % from one draw).
MIN_DRAWS = 20
# The most: from 10 million draws the probability of readiness is within ±0.03 points (95 %: 1.96·√(¼/10⁷)) and
# the quantiles settled, so more change no figure shown; 10 million take about half an hour on 2 cores (~0.2 ms
# a draw with the bundled peers, more with more). `--draws` says so at the CLI edge (scorer.cli.app.DrawsCheck).
MAX_DRAWS = 10_000_000


def check_draws(draws: int) -> None:
    """Refuse fewer than MIN_DRAWS or more than MAX_DRAWS draws (ScorerError saying why); `scorer uncertainty` and
    `report --uncertainty` call it before reading the workbooks, monte_carlo again."""
    if draws > MAX_DRAWS:
        raise ScorerError(Problem(msg("--draws {n}: at most {max:# draw|# draws} (more draws change no figure shown: from 10 "
                                      "million draws the probability of readiness is within ±0.03 points and the "
                                      "quantiles are settled, and 10 million take about half an hour on 2 cores)",
                                      n=draws, max=MAX_DRAWS),
                                  hint=msg("give --draws {max} or fewer", max=MAX_DRAWS)))
    if draws < MIN_DRAWS:
        raise ScorerError(Problem(msg("--draws {n}: the 5–95 % interval and the probability of readiness need at least "
                                      "{min:# draw|# draws} (the 5 % and 95 % quantiles are the 1-in-20 draws at either end; "
                                      "from fewer, the probability is a few coin flips)", n=draws, min=MIN_DRAWS),
                                  hint=msg("give --draws {min} or more (the default, 10 000, gives the probability to "
                                           "about ±1 point)", min=MIN_DRAWS)))


# When at least this share of the draws cannot be judged for missing data, no probability of readiness is given.
UNDECIDED_SHARE = 0.5
KEEP = 10_000  # draws kept in full by default (parameters and outcomes: ~1.3 kB a draw with the bundled framework)
SAMPLE = 100_000  # draws whose scores and rank the quantiles come from by default (8 bytes a figure)


def _draws_table(start: int, params: pd.DataFrame, got: dict, top_groups) -> pd.DataFrame:
    """A block of draws in full, numbered from `start` + 1: parameters, then overall, categories, rank,
    share_ahead, ready and data_ready (True / False / None: could not be judged)."""
    n = len(params)
    return pd.DataFrame({"draw": np.arange(start + 1, start + n + 1), **{c: params[c].to_numpy() for c in params.columns},
                         **{k: np.asarray(got[k], dtype=float)[:n] for k in ("overall", *top_groups, "rank", "share_ahead")},
                         **{k: np.asarray(got[k], dtype=object)[:n] for k in ("ready", "data_ready")}}, copy=False)


class _Running:
    """Running sums over every draw: means of the scores and rank, the shares ready and undetermined, the largest `of`."""

    def __init__(self, keys: tuple[str, ...]):
        self.sums = dict.fromkeys(keys, 0.0)
        self.counts = dict.fromkeys(keys, 0)
        self.ready = self.undetermined = self.draws = 0
        self.data_ready = self.data_undetermined = 0
        self.of_max = -math.inf

    def add(self, got: dict[str, np.ndarray], ready: np.ndarray, data_ready: np.ndarray) -> None:
        for k in self.sums:
            v = np.asarray(got[k], dtype=float)
            finite = np.isfinite(v)
            self.sums[k] += float(v[finite].sum())
            self.counts[k] += int(finite.sum())
        ready = pd.Series(ready, dtype=object)
        self.draws += len(ready)
        self.ready += int(ready.eq(True).sum())
        self.undetermined += int(ready.isna().sum())
        data_ready = pd.Series(data_ready, dtype=object)
        self.data_ready += int(data_ready.eq(True).sum())
        self.data_undetermined += int(data_ready.isna().sum())
        of = np.asarray(got["of"], dtype=float)
        if np.isfinite(of).any():
            self.of_max = max(self.of_max, float(np.nanmax(of)))

    def distribution(self, key: str, sample: np.ndarray, nominal: float | None) -> "Distribution":
        """Quantiles from the kept sample, the mean over every draw."""
        d = Distribution.of(sample, nominal)
        if self.draws > len(sample):  # with every draw kept, the sample's own mean is the same figure
            d.mean = self.sums[key] / self.counts[key] if self.counts[key] else math.nan
        return d


@dataclass
class SobolIndex:
    assumption: str
    name_zh: str
    S1: float
    S1_conf: float
    ST: float
    ST_conf: float
    name_en: str = ""

    def as_dict(self) -> dict:
        return {**self.__dict__, "name_en": self.name_en or self.assumption}


@dataclass
class UncertaintyResult:
    """The Monte Carlo's summary for the report and the CLI, with every draw kept."""

    period: str
    n: int
    seed: int
    assumptions: Assumptions
    factors: list[Factor]
    draws: pd.DataFrame  # one row per draw: its parameters, then overall, categories, rank, share_ahead, ready
    overall: Distribution
    categories: dict[str, Distribution]
    rank: Distribution | None
    of: int | None
    p_ready: float  # share of draws where every readiness rule is met, the analyst's conditions included
    p_undetermined: float  # share where some rule could not be judged (missing data or an analyst condition not given) and none failed
    nominal_ready: bool | None
    synthetic_peers: bool | None
    sobol: list[SobolIndex] | None = None  # for the overall score
    sobol_rank: list[SobolIndex] | None = None
    sobol_base_samples: int | None = None
    kept: int | None = None  # draws kept in `draws` (the first ones)
    sampled: int | None = None  # draws the quantiles come from (the first ones; the means and shares take every draw)
    pending_inputs: list[str] | None = None  # analyst conditions not drawn (unknown or as given)
    nominal_label_zh: str | None = None  # the run's own verdict label
    nominal_label_en: str | None = None  # the same in English
    failed_inputs_en: list[str] | None = None  # `failed_inputs` in English
    p_data_ready: float = math.nan  # share of draws meeting every condition the data decide (analyst inputs left out)
    p_data_undetermined: float = math.nan  # share where a data condition could not be judged (missing data) and none failed
    failed_inputs: list[str] | None = None  # analyst conditions given as not met: no draw can be ready
    pending_names_zh: list[str] | None = None  # the Chinese names of `pending_inputs`
    awaiting_zh: str = ""  # what the verdict waits on, by kind (scorer.whatif.scenario.awaiting): inputs not given, conditions the peers cannot decide
    doubt_caution_zh: str | None = None  # the run's verdict rests on doubtful data: the caution (scorer.score.rules.doubt_caution)
    doubtful: list[str] | None = None  # the indicators the nominal verdict took as doubtful (Verdict.doubtful)
    empty_categories: list[str] | None = None  # the nominal run's categories without a score (Verdict.empty_categories)
    doubt_range: tuple[float, float] | None = None  # the nominal overall with its doubtful indicators at 0 / full marks
    missing: list[str] | None = None  # the zone's indicators with no figure this quarter, left out of every draw (own_fills_only)
    awaiting_en: str = ""  # awaiting_zh in English (the terminal under --lang en; not in the JSON)

    missing_zh: list[str] | None = None  # `missing` by name, Chinese
    missing_en: list[str] | None = None  # `missing` by name, English

    def missing_names(self, lang: str) -> list[str]:
        """The names of `missing` in `lang`."""
        return list((self.missing_zh if lang == "zh" else self.missing_en) or self.missing or [])

    @property
    def p_ready_zh(self) -> str:
        """P(ready) in words: a share, or why there is none while an analyst condition is not given."""
        return self.p_ready_in("zh")

    def p_ready_in(self, lang: str) -> str:
        """`p_ready_zh` in `lang` ("zh" or "en")."""
        from scorer import fmt
        from scorer.messages import msg

        names = self.pending_names_zh or self.pending_inputs or []
        if names and not self.failed_inputs:
            if lang == "zh":
                return f"待确认（{self.awaiting_zh or '、'.join(names) + '未给出'}，任何抽样均不能判定为满足）"
            return str(msg("to confirm ({awaiting}: no draw can be judged ready)",
                           awaiting=self.awaiting_en or ", ".join(self.pending_inputs or []) + " not given"))
        if self.undecided:
            said = msg("cannot be judged ({share} of the draws cannot be judged for missing data)",
                       share=fmt.probability(self.p_data_undetermined, 0, self.n))
            return said.in_(lang)
        if self.failed_inputs:  # an analyst's condition given as not met: no draw is ready, by the analyst's word
            return "0%"
        return fmt.probability(self.p_ready, draws=self.n)

    @property
    def undecided(self) -> bool:
        """Whether most draws cannot be judged for missing data (a veto's figure missing): then the share ready is
        no probability of readiness (0 % with 97 % of the draws undecided), and none is given."""
        return bool(self.p_data_undetermined >= UNDECIDED_SHARE) and not self.failed_inputs

    def as_dict(self) -> dict:
        from scorer import fmt

        sampled = self.n if self.sampled is None else self.sampled
        return {
            "period": self.period, "draws": self.n, "seed": self.seed,
            # as applied: a real (not synthetic) peer table's levels and spreads are held (factors), never varied
            "assumptions": self.assumptions.model_dump() | ({"peer_levels": 0.0, "peer_spreads": 0.0}
                                                            if self.synthetic_peers is False else {}),
            "overall": self.overall.as_dict(),
            "categories": {g: d.as_dict() for g, d in self.categories.items()},
            "rank": self.rank.as_dict() if self.rank else None, "of": self.of,
            "p_ready": self.p_ready, "p_ready_bounds": fmt.probability_bounds(self.p_ready, self.n),
            "p_undetermined": self.p_undetermined, "p_data_ready": self.p_data_ready,
            "p_data_undetermined": self.p_data_undetermined, "p_ready_given": not self.undecided,
            "nominal_ready": self.nominal_ready,
            "pending_inputs": self.pending_inputs, "failed_inputs": self.failed_inputs or [],
            "failed_inputs_en": self.failed_inputs_en or self.failed_inputs or [],
            "doubtful_indicators": list(self.doubtful or []),
            "comparable": not self.empty_categories, "empty_categories": list(self.empty_categories or []),
            **dict(zip(("worst_case", "best_case"), self.doubt_range or (None, None))),
            "nominal_verdict_zh": self.nominal_label_zh or verdict_label(self.nominal_ready),
            "nominal_verdict_en": self.nominal_label_en or verdict_label(self.nominal_ready, lang="en"),
            "synthetic_peers": self.synthetic_peers,
            "quantile_sample": {"sampled": sampled, "of": self.n, "first_draw": 1, "last_draw": sampled, "exact": sampled == self.n},
            "sobol": None if self.sobol is None else {
                "base_samples": self.sobol_base_samples, "overall": [s.as_dict() for s in self.sobol],
                "rank": [s.as_dict() for s in self.sobol_rank] if self.sobol_rank else None},
        }


def monte_carlo(run: Run, assumptions: Assumptions | None = None, draws: int = 10_000, seed: int | None = None,
                sobol: bool = False, progress: Callable[[int, int], None] | None = None,
                chunk: int = 500, keep: int = KEEP, sample: int | None = SAMPLE,
                sink: Callable[[pd.DataFrame], None] | None = None) -> UncertaintyResult:
    """Score `draws` variants of the baseline quarter drawn from the assumptions.

    With `sobol`, the draws are a Saltelli design of N·(G + 2) rows, N a power of two chosen so that
    the total is near `draws` (G = the number of assumptions that vary), and first- and total-order
    Sobol indices of the overall score and of the rank are estimated for each assumption.
    `progress(done, total)` is called as chunks finish. `seed` None picks one at random (recorded).

    Memory is bounded whatever `draws` is: draws are scored in blocks, and what is kept is the first
    `keep` draws (default 10 000) in full — the result's `draws` table, parameters and outcomes — the
    overall, category scores and rank of the first `sample` draws (default 100 000; None: `keep`), and
    running sums over every draw. The means and the shares ready / undetermined are exact over all
    draws; the median and the 5 % / 95 % quantiles come from the **sample**, the first `sample` draws,
    which under plain Monte Carlo (independent draws) is a uniform random sample of them all (with
    draws ≤ sample, as by default up to 100 000 draws, they are exact). With `sobol`, every run's
    overall score and rank are kept too (16 bytes a run), as the Sobol estimators need them all; the
    Saltelli design is made block by block as scored (scorer.whatif.saltelli), not whole (SALib's
    `sample` held ~1.3 kB a run: 1.4 GB and rising at a million draws, bt17 F2), and SALib's estimators
    take their bootstrap ten resamples at a time (`saltelli.sobol_indices`; SALib's `analyze` indexed
    N base samples × 100 resamples at once, ~11 kB a base sample). What still grows: the 16 bytes a run
    and the resample indices (800 bytes a base sample, ~0.04 kB a run). Measured peak RSS, the whole
    command: 81 920 runs 273 MB (440 MB with SALib's design and analyze); in one process 163 840 runs
    278 MB (362 MB with SALib's analyze).
    `sink`, if given, receives every draw in full, a block (a `draws`-shaped table) at a time as it is
    scored: an export of a million draws written as they come (scorer.sheets.table_writer).
    """
    run.require_overall()  # a distribution around no nominal score would be made of nothing
    check_draws(draws)
    a = assumptions or Assumptions()
    baseline = own_fills_only(Baseline.from_run(run))
    facs = factors(baseline, a)
    if seed is None:
        seed = int(np.random.SeedSequence().generate_state(1)[0])
    groups = list(dict.fromkeys(f.group for f in facs))
    problem = None
    if sobol:
        if not groups:
            raise ScorerError(Problem(msg("--sobol: no assumption varies"), hint=msg("give a weight or measurement error above 0")))
        from scorer.whatif.saltelli import saltelli_blocks

        problem = {"num_vars": len(facs), "names": [f.column for f in facs], "bounds": [[0.0, 1.0]] * len(facs),
                   "groups": [f.group for f in facs]}
        base = 2 ** max(4, round(math.log2(max(draws, 1) / (len(groups) + 2))))
        step, total, design = saltelli_blocks(problem, base, seed, max(chunk, 1) * 4)  # made as scored (bt17 F2)
    else:
        rng = np.random.default_rng(seed)  # drawn block by block: the same stream as one (draws × factors) draw
        total = draws
    done = 0

    def tick(k: int) -> None:
        nonlocal done
        done += k
        if progress is not None:
            progress(done, total)

    # Block by block: the working set of a block (its variants, every indicator and peer score) is
    # freed before the next. What is kept does not grow with the number of draws either: the first
    # `keep` draws in full (the `draws` table), the outcomes of the first `sample` draws (the quantiles'
    # sample: 8 bytes a figure), running sums over every draw for the means and the shares ready; with
    # Sobol, the overall score and rank of every run (SALib needs them all; 16 bytes a run). Every draw
    # in full goes to `sink`, block by block, as it is scored.
    fw = run.framework
    block = max(chunk, 1) * 4
    kept_n = min(total, max(int(keep), 1))
    sample_n = min(total, max(int(keep if sample is None else sample), 1))
    figures = ("overall", *fw.top_groups, "rank")
    quantile_sample = {k: np.empty(sample_n) for k in figures}
    kept: list[pd.DataFrame] = []
    running = _Running(figures)
    every = {k: np.empty(total) for k in ("overall", "rank")} if sobol else None
    for start in range(0, total, step if sobol else block):
        rows = next(design) if sobol else rng.random((min(block, total - start), len(facs)))
        variants, params = variants_from_design(baseline, rows, facs, a)
        res = score_variant_set(baseline, variants, chunk=chunk, progress=tick)
        stop = start + len(rows)
        got = {"overall": res.overall.to_numpy(), **{g: res.group_scores[g].to_numpy() for g in fw.top_groups},
               "rank": res.rank, "share_ahead": res.share_ahead, "ready": res.ready, "data_ready": res.data_ready,
               "of": res.of}
        running.add(got, res.ready, res.data_ready)
        if every is not None:
            every["overall"][start:stop], every["rank"][start:stop] = got["overall"], got["rank"]
        if start < sample_n:
            upto = min(stop, sample_n) - start
            for k in figures:
                quantile_sample[k][start:start + upto] = got[k][:upto]
        if start < kept_n or sink is not None:
            table = _draws_table(start, params, got, fw.top_groups)
            if start < kept_n:
                kept.append(table.iloc[:min(stop, kept_n) - start])
            if sink is not None:  # True / False / None as booleans with nulls in every block, even one without a True
                sink(table.astype({"ready": "boolean", "data_ready": "boolean"}))
            del table
        del variants, params, res, got
    out = pd.concat(kept, ignore_index=True) if kept else _draws_table(
        0, variants_from_design(baseline, np.zeros((0, len(facs))), facs, a)[1],
        {k: np.empty(0) for k in (*figures, "share_ahead", "ready", "data_ready")}, fw.top_groups)
    del kept
    has_peers = run.peers is not None and len(baseline.peer_ids) > 0
    result = UncertaintyResult(
        baseline.period, total, seed, a, facs, out,
        running.distribution("overall", quantile_sample["overall"], run.result.overall),
        {g: running.distribution(g, quantile_sample[g], next(x.score for x in run.result.groups if x.id == g))
         for g in fw.top_groups},
        running.distribution("rank", quantile_sample["rank"], run.standing.rank if run.standing else None) if has_peers else None,
        int(running.of_max) if has_peers and total else None,
        running.ready / total if total else math.nan,
        running.undetermined / total if total else math.nan,
        run.verdict.ready if run.verdict else None,
        run.standing.synthetic if run.standing else None, kept=kept_n, sampled=sample_n)
    result.nominal_label_zh = run.verdict.label_zh if run.verdict is not None else None
    result.nominal_label_en = run.verdict.label_in("en") if run.verdict is not None else None
    result.pending_inputs = [x.id for x in fixed_conditions(run) if x.passed is None]
    result.pending_names_zh = pending_inputs(run)
    result.awaiting_zh = awaiting(run, "未给出")
    result.awaiting_en = awaiting(run, " not given", "en")
    result.doubt_caution_zh = run.verdict.caution(run.framework) if run.verdict is not None else None
    result.doubtful = list(run.verdict.doubtful) if run.verdict is not None else []
    result.doubt_range = run.result.doubt_range()  # the draws leave the doubtful indicators out: the interval excludes the doubt
    result.missing = run.result.unknown()  # no figure this quarter: left out of every draw, never the peers' (bt12i F5)
    named = {i.id: i for i in run.result.indicators}
    result.missing_zh = [named[i].name_zh for i in result.missing]
    result.missing_en = [named[i].name_en or named[i].name_zh for i in result.missing]
    result.empty_categories = [g.id for g in run.result.empty_categories]
    result.failed_inputs = [x.name_zh for x in fixed_conditions(run) if x.passed is False]
    result.failed_inputs_en = [x.name_en or x.name_zh for x in fixed_conditions(run) if x.passed is False]
    result.p_data_ready = running.data_ready / total if total else math.nan
    result.p_data_undetermined = running.data_undetermined / total if total else math.nan
    joined = every
    if sobol:
        from SALib.analyze import sobol as sobol_analyze

        from scorer.whatif.saltelli import sobol_indices

        def analyse(y):  # SALib's estimators, its bootstrap ten resamples at a time when the seed allows (bt17 F2)
            return sobol_indices(problem, y, seed) if seed else sobol_analyze.analyze(problem, y, calc_second_order=False,
                                                                                      seed=seed)
        result.sobol_base_samples = base
        result.sobol = _indices(analyse(joined["overall"]), groups, fw)
        if has_peers and np.isfinite(joined["rank"].astype(float)).all():
            result.sobol_rank = _indices(analyse(np.asarray(joined["rank"], dtype=float)), groups, fw)
    return result


def own_fills_only(baseline: Baseline) -> Baseline:
    """`baseline` whose imputation options fill a gap of the zone's only from the zone's own history (locf): an option
    across units (mean, median) leaves it missing, as `none` does (bt12i F5: a third of the default draws filled a
    blank FDI with the synthetic peers' mean, which is the target: full marks where the zone's own figure scores 34,
    P(ready) 92.7 % → 98.6 %). The peers' own gaps are still filled across the peers (`peer_tables`). A zone's
    indicators with no figure this quarter (ScoreResult.unknown) are thus left out of every draw, as in the nominal
    run; the uncertainty section says so, with the nominal's range over them (UncertaintyResult.missing)."""
    from dataclasses import replace

    from scorer.methods.impute import TIME_AXIS

    fills = {o: v if o in TIME_AXIS else np.full_like(v, np.nan) for o, v in baseline.fills.items()}
    return replace(baseline, fills=fills)


def _indices(analysis, groups: list[str], framework) -> list[SobolIndex]:
    def val(key, k):
        v = float(np.asarray(analysis[key])[k])
        return v if math.isfinite(v) else 0.0

    names = [group_names(g, framework) for g in groups]
    return [SobolIndex(g, names[k][0], val("S1", k), val("S1_conf", k), val("ST", k), val("ST_conf", k), names[k][1])
            for k, g in enumerate(groups)]


def scenario_from_draw(baseline: Baseline, row: pd.Series | dict) -> Scenario:
    """A draw's parameters (a row of `UncertaintyResult.draws` or of the exported CSV) as a scenario to re-score alone."""
    row = dict(row)
    pos = {c: k for k, c in enumerate(baseline.codes)}
    fields = {k[2:]: Change("scale", float(v) - 1.0) for k, v in row.items() if k.startswith("m:")}
    weights = {k[2:]: float(baseline.shares[pos[k[2:]]] * float(v) * 100.0) for k, v in row.items() if k.startswith("w:")}
    return Scenario(f"draw {row.get('draw', '')}".strip(), "蒙特卡洛抽样中的一次", fields, {}, weights,
                    str(row.get("normalisation", "targets")), None, str(row.get("imputation", baseline.imputation)))
