"""The `--json` output of every command: pydantic models, one serialisation path, a versioned JSON Schema.

Every command's `--json` goes through `to_json(command, data)`: `data` (what the results' `as_dict()`
give) is validated against the command's model below, so an output that drifts from the documented
shape fails loudly instead of reaching a consumer; missing values are `null`, never NaN or Infinity;
numpy scalars become plain numbers and booleans. The same object has the same shape in every command
(`Problem`, `PeerSet`, `Standing`, `Verdict`, `Method`, `Distribution`). Each output is an object with
`schema_version` (this module's SCHEMA_VERSION: the major number changes when a key is removed or its
meaning changes, the minor when one is added), `command`, and `problems` (warnings about the input).

The JSON Schema files in `schemas/` are generated from these models by `tools/make_schemas.py`; a
test fails when they are stale.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal, Optional

from pydantic import ConfigDict, Field

from scorer.messages import shown
from scorer.resources import package_version
from scorer.schema_base import (Bool, Cited, Condition, Int, Margins, Num, Problem, Province, ProvinceZone,  # noqa: F401
                                QuantileSample, RankEstimate, Readiness, Rule, Standing, Verdict, _Comparable,
                                _DoubtRange, _Out, _plain)

SCHEMA_VERSION = "4.1"  # what each version added: schemas/VERSIONS.md (4.1: actions' points_range and respread)


class Method(_Out):
    """A method found by name in a registry, with the parameters it runs with (COINr's style)."""

    method: str
    params: dict[str, Any] = {}
    levels: Optional[dict[int, "Method"]] = Field(
        None, description="aggregation only: the levels (2 = groups of indicators, …) with their own method")


class PeerSet(_Out):
    """The peer set the zone is ranked among."""

    name: str
    path: str
    units: int = Field(description="number of peer zones")
    synthetic: bool = Field(description="true: generated, not real zones; every rank from it is an estimate")
    sha256: str
    indicators: list[str] = Field(description="indicator ids the peers have values for; the rank uses these only")
    missing_indicators: list[str]
    notes: list[str] = Field(description="what the peer table lacks, in English")
    notes_zh: list[str] = Field(default_factory=list, description="the same notes in Chinese")
    notes_en: list[str] = Field(default_factory=list, description="the same as `notes`")


class Distribution(_Out):
    """A quantity over Monte Carlo draws."""

    nominal: Num
    median: Num
    q05: Num
    q95: Num
    mean: Num


class RunConfig(_Out):
    """The `config` block of a command's output that records no more of its run than the release (score's
    and score-table's say more: Config, MethodsConfig): a reader finds `config.scorer_version` in every
    command's JSON (issue 15 point 4, bt15i F13)."""

    scorer_version: str = Field(default_factory=package_version, description="the scorer release that ran "
                                                                             "(pyproject.toml's version)")


class _Output(_Out):
    schema_version: Literal[SCHEMA_VERSION] = SCHEMA_VERSION  # type: ignore[valid-type]
    scorer_version: str = Field(default_factory=package_version, description="the scorer release that wrote this")
    config: RunConfig = Field(default_factory=RunConfig, description="the run's settings; every command's carries "
                                                                     "scorer_version")
    problems: list[Problem] = Field(default=[], description="warnings and doubtful values of the run; errors stop the command")


# --------------------------------------------------------------------------------- ingest
class ExchangeRate(_Out):
    """The yuan-per-dollar rate a value written in another currency was converted at (indicators/exchange_rates.yaml)."""

    year: int
    yuan_per_dollar: float
    confidence: Literal["approximate", "confirmed"]
    source: str
    table: str


class Converted(_Out):
    field: str
    period: str
    file: str
    sheet: str
    cell: str
    unit: Optional[str]


class RuleConverted(_Out):
    id: str
    field: str
    period: str
    to: str = Field(description="the unit the condition compares in (亿美元)")


class RateUsed(ExchangeRate):
    values: list[Converted] = Field(description="each value converted at it: statistic, quarter, cell, unit as written")
    rules: list[RuleConverted] = Field(default=[], description="the upgrade conditions whose formula converts at it")


class Source(_Out):
    file: str
    sheet: str
    cell: str
    label: str
    unit: Optional[str] = Field(description="the unit as written in the workbook")
    # Most values change no currency: their source then has no exchange_rate key at all.
    exchange_rate: Optional[ExchangeRate] = Field(default=None, exclude_if=lambda rate: rate is None,
                                                  description="the rate a value in 美元/万美元/亿美元 was converted to yuan at; absent when none")


class Observation(_Out):
    field: str
    value: Num
    unit: str
    period: str
    basis: Literal["ytd", "stock", "growth"]
    column: Literal["current", "prior", "growth"]
    source: Source


class IngestOutput(_Output):
    command: Literal["ingest"] = "ingest"
    observations: list[Observation]


# ---------------------------------------------------------------------------------- score
class Overall(_Comparable):
    score: Num
    worst_case: Num = Field(None, description="the overall with the doubtful indicators scored 0 (their weight kept): "
                                              "leaving them out can raise the score; null when none is doubtful")
    best_case: Num = Field(None, description="the same with the doubtful indicators scored full marks")
    name_zh: str
    name_en: str


class Category(_Out):
    id: str
    name_zh: str
    name_en: str
    weight: Num
    score: Num
    points_lost: Num
    weight_used: Num = Field(None, description="its share of the overall score in this run: `weight` re-spread over the "
                                               "categories scored (0 without a score); points_lost is at this share")


class Indicator(_Out):
    id: str
    name_zh: str
    name_en: str
    group: str
    unit: str
    direction: Literal["higher", "lower"]
    value: Num
    target: Num
    floor: Num
    score: Num
    weight: Num
    weight_used: Num = Field(None, description="its share of the overall score in this run: `weight` (the framework's) "
                                               "re-spread over the indicators scored, 0 when left out (doubtful, "
                                               "missing); points_lost, points_to_target and marginal_points are at "
                                               "this share, so a category's indicators' points_lost add up to its own")
    points_lost: Num
    points_to_target: Num
    gap_to_target: Num
    marginal_points: Num
    annual_method: Optional[str]
    missing_fields: list[str]
    imputed: bool
    target_source: str
    target_source_en: str = ""
    target_confidence: str
    formula: str
    doubtful: bool = Field(description="computed from a figure that failed a plausibility check, or outside its bounds")
    doubtful_value: Num = Field(description="the value as computed, when doubtful (`value` is what was scored)")
    price_basis: Optional[Literal["comparable", "nominal"]] = Field(
        description="a growth of a statistic whose official growth is at comparable prices (GDP, 规上工业增加值): "
                    "'comparable' when the workbook's published comparable-price rate was scored, 'nominal' when the "
                    "rate is at current prices (the workbook says so, or it was computed from current-price values), "
                    "not net of price changes while the target is set at comparable prices; null for other indicators")


class Quarter(_Out):
    period: str
    overall: Num
    categories: dict[str, Num]
    doubtful_indicators: list[str] = Field([], description="indicators not scored as read this quarter (a doubtful figure)")


class Gap(_Out):
    id: str
    name_zh: str
    name_en: str = ""
    points_lost: Num
    value: Num
    target: Num
    unit: str
    gap_to_target: Num
    marginal_points: Num


class FrameworkRef(_Out):
    id: str
    version: str
    path: str
    sha256: str


class RulesRef(_Out):
    path: str
    sha256: str


class Config(_Out):
    """The exact inputs and methods a run used, so any result can be regenerated."""

    scorer_version: str = Field(description="the scorer release that ran (pyproject.toml's version)")
    framework: FrameworkRef
    normalisation: Method
    aggregation: Method
    imputation: Optional[Method]
    treatment: Optional[Method]
    inputs: dict[str, str] = Field(description="workbook path → sha256")
    period: str
    peers: Optional[PeerSet] = None
    rules: Optional[RulesRef] = None


_RANGE = ("[low, high]: `points` as scored (doubtful indicators left out, their weight re-spread) and with the doubtful "
          "indicators' weights kept (scored 0 and full marks, as the overall's worst_case / best_case); null when no "
          "doubtful indicator changes the points by 0.005 or more")


class ActionItem(_Out):
    """One raw statistic to move (scorer.whatif.actions): this year's change, the change to target, their worth."""

    field: str
    label: str
    label_en: str = Field("", description="`label` (the statistic's Chinese name) in English")
    unit: str
    direction: Literal["increase", "decrease"]
    department: str = Field(description="who delivers it (effort.yaml `department:`); empty when not assigned")
    deadline: str = Field(description="ISO date by which this year's change is due")
    value: Num = Field(description="the figure the change applies to, in `unit`: the reported quarter's, or for a flow "
                                   "reported for part of a year its full-year estimate (`annual_method`), as the "
                                   "indicators score it; the changes are then full-year changes too")
    change: Num = Field(description="this year's change, signed, in `unit`: the change to target, or the feasible "
                                    "change of a year when the target lies beyond it")
    change_to_target: Num = Field(description="the change after which more of it earns nothing, signed")
    max_change: Num = Field(description="the feasible change in a year (effort.yaml), ≥ 0")
    closable: bool = Field(description="the change to target lies within the year's feasible change (kind closable)")
    kind: Literal["closable", "nearly", "structural"] = Field(description="as the report (一年内可达标 / 基本可达标 / 结构性): "
                                                                          "nearly, ≥95% of the target's points this year")
    points: Num = Field(description="overall-score points of this year's change alone, re-scored")
    points_to_target: Num
    rank_after: Int
    places: int = Field(description="rank places gained by this year's change alone")
    effort: Num
    reaches: list[str] = Field(description="indicators at their target after this year's change")
    moves: list[str] = Field(description="indicators short of target the change moves toward it")
    raises: list[str] = Field(description="indicators whose score this year's change raises (its points count them all)")
    lowers: list[str] = Field(description="indicators whose score this year's change lowers (its points are net of them)")
    confidence: str
    annual_method: Optional[Literal["seasonal", "linear"]] = Field(
        description="set when `value` and the changes are a flow's full-year estimate (a quarter before the fourth): "
                    "seasonal (last year's share of the year) or linear; null when they are the quarter's own figures")
    points_range: Optional[list[Num]] = Field(None, description=_RANGE)
    respread: list[str] = Field([], description="the categories whose weight is re-spread over their other indicators "
                                                "(doubtful ones left out) that `points` rest on")


class ActionsCombined(_Out):  # the first three actions applied at once, the zone re-scored (not their points added)
    fields: list[str]
    points: Num = Field(description="overall-score points of all the changes together, re-scored")
    overall_after: Num
    rank_after: Int
    places: Int = Field(description="rank places gained (rank before − rank after)")
    points_range: Optional[list[Num]] = Field(None, description=_RANGE)
    respread: list[str] = Field([], description="as an action's")


class ActionTable(_Out):
    period: str
    overall_before: Num
    rank_before: Int
    of: Int
    effort_file: str
    notes: list[str] = Field(description="what to know about the table, in Chinese")
    notes_en: list[str] = Field(default=[], description="the same in English")
    order: str
    actions: list[ActionItem]
    combined: Optional[ActionsCombined] = Field(None, description="the first three actions together; null with fewer than two")


class ScoreOutput(_Output):
    command: Literal["score"] = "score"
    period: str
    overall: Overall
    categories: list[Category]
    indicators: list[Indicator]
    history: list[Quarter]
    config: Config
    gaps: list[Gap]
    readiness: Optional[Readiness] = None
    actions: Optional[ActionTable] = Field(default=None, description="the action table, best first (rank places this year, "
                                                                 "then points); null under outlier treatment")
    unscored: dict[str, list[str]] = Field(default={}, description="period → indicators left unscored "
                                                                  "(a figure of another caliber)")
    standing: Optional[Standing]
    verdict: Optional[Verdict]
    exchange_rates: list[RateUsed] = Field(default=[], description="rates dollar values were converted at, oldest first")


# --------------------------------------------------------------------------------- series
class SeriesRow(_Out):
    field: str
    label: str
    unit: str
    kind: Literal["flow", "stock"]
    period: str
    value: Num
    single_quarter: Num
    prior_year: Num
    growth_published: Num
    growth_computed: Num
    full_year: Num
    full_year_method: Optional[str]
    doubtful: list[Literal["value", "single_quarter", "prior_year", "growth_published", "growth_computed",
                           "full_year"]] = Field(default=[], description="the figures of the row that are, or are computed from, a "
                                                             "doubtful one (see problems): not to be taken as true")


class SeriesOutput(_Output):
    command: Literal["series"] = "series"
    rows: list[SeriesRow]


# -------------------------------------------------------------------------------- compare
class ScenarioSpec(_Out):
    name: str
    description: str
    path: Optional[str]
    fields: dict[str, str]
    indicators: dict[str, str]
    weights: dict[str, Num] = Field(description="code → percentage of its parent")
    normalisation: Literal["targets", "peers"]
    aggregation: Optional[Method]
    imputation: Optional[str]


class Moved(_Out):
    id: str
    name_zh: str
    name_en: str = ""
    unit: str
    value_before: Num
    value_after: Num
    score_before: Num
    score_after: Num
    points: Num


class Outcome(_Out):
    name: str
    name_en: str = Field("", description="`name` in English: the baseline's is scorer's word, a scenario's its own name")
    description: str
    overall: Overall = Field(description="as score's `overall`: its comparability and doubt range inside (schema 4.0)")
    categories: list[Category] = Field(description="as score's `categories`, this outcome's scores")
    rank: Int
    of: Int
    ready: Bool = Field(description="the verdict, the analyst's conditions included: null while one is not given")
    data_ready: Bool = Field(description="the verdict over the conditions the data decide (analyst inputs left out)")
    verdict_zh: str
    verdict_en: str = ""
    change_overall: Num
    change_categories: dict[str, Num]
    change_rank: Int
    moved: list[Moved]
    failed_rules: list[str] = Field(description="the conditions not met, in Chinese")
    failed_rules_en: list[str] = Field(default=[], description="the same in English")
    doubtful_indicators: list[str] = Field(default=[], description="indicators not scored as computed (doubtful): "
                                                                   "the verdict rests on doubtful data when any")
    scenario: Optional[ScenarioSpec]


class CompareOutput(_Output):
    command: Literal["compare"] = "compare"
    period: str
    synthetic_peers: Bool
    categories: dict[str, str] = Field(description="category id → Chinese name")
    categories_en: dict[str, str] = Field(default={}, description="category id → English name")
    baseline: Outcome
    scenarios: list[Outcome]


# ---------------------------------------------------------------------------- uncertainty
class Assumptions(_Out):
    indicator_weights: Num
    group_weights: Num
    level_weights: dict[str, Num]
    normalisation: list[str]
    imputation: list[str]
    measurement: Num
    measurement_fields: dict[str, Num]
    targets: Num = 1.0
    peer_levels: Num = 10.0
    peer_spreads: Num = 25.0
    cutoff: bool = True


class SobolIndex(_Out):
    assumption: str
    name_zh: str
    name_en: str = ""
    S1: Num
    S1_conf: Num
    ST: Num
    ST_conf: Num


class Sobol(_Out):
    base_samples: Int
    overall: list[SobolIndex]
    rank: Optional[list[SobolIndex]]


class UncertaintyOutput(_Output, _Comparable, _DoubtRange):
    command: Literal["uncertainty"] = "uncertainty"
    period: str
    draws: int
    seed: int
    assumptions: Assumptions
    overall: Distribution
    categories: dict[str, Distribution]
    rank: Optional[Distribution]
    of: Int
    p_ready: Num = Field(description="share of draws meeting every condition, the analyst's included: 0 while one is not given")
    p_ready_bounds: Optional[list[float]] = Field(None, description="95 % bounds [low, high] on p_ready from the draws: "
                                                  "the rule of three when every draw or none met them, else Wilson's")
    p_undetermined: Num
    p_data_ready: Num = Field(description="share of draws meeting every condition the data decide")
    p_data_undetermined: Num = Field(description="share of draws where a data condition could not be judged")
    p_ready_given: bool = Field(True, description="false when at least half the draws cannot be judged for missing "
                                                  "data: p_ready is then no probability of readiness (say: cannot be judged)")
    failed_inputs: list[str] = Field(description="analyst conditions given as not met, in Chinese")
    failed_inputs_en: list[str] = Field(default=[], description="the same in English")
    nominal_ready: Bool
    nominal_verdict_zh: str
    nominal_verdict_en: str = ""
    pending_inputs: list[str] = Field(default=[], description="conditions no draw can decide: analyst conditions not "
                                      "yet given, and the rank conditions a peer table that is not the region's "
                                      "national zones cannot decide")
    doubtful_indicators: list[str] = Field(default=[], description="indicators the nominal verdict took as doubtful "
                                                                   "(not scored as read): it rests on doubtful data when any")
    synthetic_peers: Bool
    quantile_sample: QuantileSample = Field(description="the draws the quantiles come from (exact: every draw)")
    sobol: Optional[Sobol]


# ----------------------------------------------------------------------------------- plan
class Action(_Out):
    field: str
    label: str
    unit: str
    before: Num
    after: Num
    change: Num
    relative: Num
    effort: Num
    points: Num
    overall_after: Num
    annual_method: Optional[Literal["seasonal", "linear"]] = Field(
        description="set when before/after/change are a flow's full-year estimate (as in ActionItem)")
    text_zh: str
    text_en: str = ""
    label_en: str = Field("", description="`label` (the statistic's Chinese name) in English")


class Constraint(_Out):
    id: str
    name_zh: str
    name_en: str = ""
    op: str
    threshold: Num
    before: Num
    after: Num
    met: Bool
    reachable_alone: Bool


class FieldEffort(_Out):
    field: str
    label: str
    label_en: str = Field("", description="`label` in English")
    unit: str
    direction: Literal["increase", "decrease"]
    max_change: Num
    effort_per_unit: Num
    source: str
    confidence: str


class PlanOutput(_Output):
    command: Literal["plan"] = "plan"
    period: str
    goal_zh: str
    goal_en: str = ""
    target: Num
    already_met: bool = Field(description="the goal already reached (with --verdict: the analyst's conditions met too)")
    data_met: Bool = Field(description="--verdict: the conditions the data decide already met; null with --target")
    pending: list[str] = Field(description="analyst conditions not yet given (no plan moves them), in Chinese")
    pending_en: list[str] = Field(default=[], description="the same in English")
    failed_inputs: list[str] = Field(description="analyst conditions given as not met, in Chinese")
    failed_inputs_en: list[str] = Field(default=[], description="the same in English")
    reachable: bool
    actions: list[Action]
    best_actions: list[Action] = Field(default=[], description="the target out of reach: the steps of the best plan "
                                       "within the ranges (its overall is max_overall), as the terminal and --xlsx's "
                                       "提升路径 list them; empty when a plan meets the goal (`actions`)")
    conclusion_zh: str = Field("", description="what the command answers, in Chinese: as the terminal and --xlsx's "
                                               "结论 sheet say it (the goal met, out of reach and at most what, or the "
                                               "plan's effort and result)")
    conclusion_en: str = Field("", description="the same in English")
    overall: Overall = Field(description="the zone before the plan, as score's `overall` (its score is overall_before)")
    categories: list[Category] = Field(description="the zone's categories before the plan, as score's `categories`")
    overall_before: Num
    overall_after: Num
    rank_before: Int
    rank_after: Int
    verdict_before_zh: str
    verdict_before_en: str = ""
    verdict_after_zh: str
    verdict_after_en: str = ""
    total_effort: Num
    max_overall: Num
    constraints: list[Constraint]
    rounds: int
    notes: list[str] = Field(description="what to know about the plan, in Chinese")
    notes_en: list[str] = Field(default=[], description="the same in English")
    fields: list[FieldEffort]


# ---------------------------------------------------------------------------- score-table
class UnitScores(_Out):
    unit: str
    time: Num = Field(None, description="a panel's Time of this row; null for a table of one time")
    scores: dict[str, Num] = Field(description="'index' and every group → score")
    ranks: dict[str, Int] = Field(description="'index' and every group → rank, a whole number, 1 = best (ties share the "
                                               "better rank); null for a unit without a score")
    # A peer table's zone, scored with `score`'s methods, gets the objects `score --json` gives its zone (bt17):
    overall: Optional[Overall] = Field(None, description="a peer table's zone: as score's `overall`; null for a COINr table")
    categories: Optional[list[Category]] = Field(None, description="a peer table's zone: as score's `categories`")
    rank: Optional[RankEstimate] = Field(None, description="a peer table's zone: as score's `readiness.rank`, among the "
                                                           "table's other zones; null without an overall score")
    margins: Optional[Margins] = Field(None, description="a peer table's zone: as score's `readiness.margins`, to the "
                                                         "other zones' bottom-N line and median")


class PanelSettings(_Out):
    time: str = Field(description="the column of times")
    impute_time: Optional[str] = Field(description="COINr impute_panel's imp_type, or null")
    max_time: Optional[int]
    normalise_over: Literal["time", "all"]


class MethodsConfig(RunConfig):
    """score-table's config: scorer_version, and each step's method (null: the step not run), keyed by step."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, Optional[Method]] = Field(init=False)


class ScoreTableOutput(_Output):
    command: Literal["score-table"] = "score-table"
    framework: FrameworkRef
    pipeline: Optional[str]
    units: list[UnitScores]
    config: MethodsConfig = Field(description="the exact methods and parameters run, by step, and scorer_version")
    panel: Optional[PanelSettings] = Field(None, description="how a panel was scored; null for a table of one time")
    synthetic: bool = Field(False, description="the table is a synthetic peer set (its sidecar or rows say so)")


class RefusedOutput(_Output):
    """What `--json` prints when a command is refused (bad input, a usage error, a bug): the same head as the
    command's own output (`command` is the command refused), `refused: true`, the exit code, and every
    problem that stopped it (level error, code, message in Chinese and English, file/sheet/cell or line)."""

    command: str = Field(description="the command that was refused, e.g. score")
    refused: Literal[True] = True
    exit_code: int = Field(description="the command's exit code (1 bad input, 2 a usage error, 70 a bug in scorer)")


OUTPUTS: dict[str, type[_Output]] = {m.model_fields["command"].default: m for m in (
    IngestOutput, ScoreOutput, SeriesOutput, CompareOutput, UncertaintyOutput, PlanOutput, ScoreTableOutput)}


def to_json(command: str, data: dict, ascii_only: bool = False) -> str:
    """The one way `--json` output is made: `data` validated against OUTPUTS[command], then dumped.

    Raises pydantic.ValidationError when `data` does not have the documented shape (a bug, not a
    user's mistake). With `ascii_only`, every non-ASCII character is escaped (\\uXXXX): the text then
    survives any console encoding (GBK on Chinese Windows) and parses to the same data.
    """
    return _dumped(OUTPUTS[command].model_validate(_plain_tree(data)), ascii_only)


def refusal_json(command: str, problems: list[dict], exit_code: int, ascii_only: bool = False) -> str:
    """The `--json` document of a refused run of `command` (RefusedOutput), `problems` as Problem.as_dict gives them."""
    return _dumped(RefusedOutput(command=command, problems=problems, exit_code=exit_code), ascii_only)


def _dumped(model: _Output, ascii_only: bool) -> str:
    dumped = model.model_dump(mode="json")
    head = {"schema_version": dumped.pop("schema_version"), "command": dumped.pop("command"),
            "scorer_version": dumped.pop("scorer_version")}
    problems = dumped.pop("problems")
    ordered = {**head, **dumped, "problems": problems}
    # json escapes the C0 controls; the C1 controls and the bidi overrides and isolates are escaped here too
    # (\u009b, \u202e): the same data, but text from input cannot drive or reorder the terminal it is printed on.
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(ordered, ensure_ascii=ascii_only, allow_nan=False,
                                                                   indent=1))


_INVISIBLE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _plain_tree(v: Any) -> Any:
    """`v` with numpy's scalars as Python's (`_plain`) and every text `shown` (a file name's undecodable bytes as \\xNN:
    JSON is UTF-8 text)."""
    if isinstance(v, dict):
        return {shown(str(_plain(k))): _plain_tree(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain_tree(x) for x in v]
    if isinstance(v, str):
        return shown(v)
    return _plain(v)


def json_schemas() -> dict[str, dict]:
    """command → its output's JSON Schema (draft 2020-12), as written to schemas/<command>.json; "refused" →
    the document any command's `--json` prints when the run is refused (schemas/refused.json)."""
    out = {}
    for command, model in {**OUTPUTS, "refused": RefusedOutput}.items():
        schema = model.model_json_schema(mode="serialization")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://scorer.local/schemas/{command}-{SCHEMA_VERSION}.json"
        out[command] = schema
    return out

