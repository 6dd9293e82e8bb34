"""The shared pieces of the `--json` models (scorer.schema): JSON-safe number types, the base model, the
problem object every output carries, a zone's standing among its peers with its margins, and the verdict and
readiness with their conditions.

Every text a reader reads comes in both languages whatever --lang says: a key `X_zh` has its twin `X_en` (a
text given in English under a plain key before 3.13, such as a problem's `hint`, keeps it and gains `X_en` too;
tests/test_json_languages.py holds every model and every command's output to it)."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _plain(v: Any) -> Any:
    """numpy scalars → Python; NaN and ±inf → None (JSON has no NaN)."""
    if hasattr(v, "item") and type(v).__module__ == "numpy":
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


Num = Annotated[Optional[float], BeforeValidator(_plain), Field(description="a finite number, or null when missing")]
Int = Annotated[Optional[int], BeforeValidator(_plain)]
Bool = Annotated[Optional[bool], BeforeValidator(_plain)]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_serialization_defaults_required=True, defer_build=True)


# ------------------------------------------------------------------------ shared objects
class _Comparable(_Out):
    comparable: bool = Field(True, description="false: the overall (and the rank, verdict) computed without the categories "
                                               "in empty_categories (their weight went to the others); not comparable with "
                                               "the peers' (scored on every category): tag it 不可比 wherever it is shown")
    empty_categories: list[str] = Field(default=[], description="ids of the categories without a score")


class _DoubtRange(_Out):
    worst_case: Optional[float] = Field(None, description="the overall with the doubtful indicators scored 0 (their weight "
                                                          "kept); null when none is doubtful")
    best_case: Optional[float] = Field(None, description="the same with the doubtful indicators scored full marks")


class Place(_Out):
    """A cell of a workbook (or a line of a YAML file) a problem rests on."""

    file: Optional[str]
    sheet: Optional[str]
    cell: Optional[str]
    line: Optional[int] = None


class Problem(_Out):
    """A problem of the run, flat (scorer.errors.Problem.as_dict): every key present, null when not applicable."""

    level: Literal["error", "warning", "doubtful", "note"] = Field(
        description="error: the input cannot be used; warning: used as read, worth a check; doubtful: a value "
                    "that failed a plausibility check and was NOT scored as read (left out or capped); note: told, "
                    "never blocking")
    code: str = Field(description="stable kind, e.g. unit_slip, above_bound, part_above_whole, implausible_jump, "
                                  "fdi_caliber, dropped_indicator, treatment_left_constant, zones_mixed; 'input' when none more specific")
    message_zh: str
    message_en: str
    file: Optional[str]
    sheet: Optional[str]
    cell: Optional[str] = Field(description='workbook cell, e.g. "C7"')
    line: Optional[int] = Field(description="YAML line, 1-based")
    hint: Optional[str] = Field(description="what to do, in English")
    hint_zh: Optional[str] = Field(description="what to do, in Chinese (the English where no translation exists)")
    hint_en: Optional[str] = Field(None, description="what to do, in English (the same as `hint`)")
    field: Optional[str] = Field(description="the raw statistic concerned (fields.yaml id)")
    indicator: Optional[str] = Field(description="the indicator concerned (framework.yaml id)")
    period: Optional[str] = Field(description='the quarter concerned, e.g. "2022Q4"')
    cells: list[Place] = Field(default=[], description="every cell the problem rests on, the one of file/sheet/cell "
                                                        "first (a doubt computed from several figures names them all)")


class DoubtfulColumn(_Out):
    """A peer column that makes the rank and margins doubtful (scorer.score.peer_magnitude.ColumnDoubt)."""

    indicator: str
    kind: Literal["magnitude", "spread", "saturated"] = Field(description="magnitude: its mean off the expected level; "
                                                                          "spread: a rate's standard deviation off the "
                                                                          "peer model's; saturated: nearly all peers "
                                                                          "score one end of the scale")
    file: str
    column: str = Field(description="the column's header as written")
    value: Num = Field(description="magnitude: the column's mean (in unit); saturated: the share of peers at `end`")
    unit: str
    expected: Num = Field(description="the level the peer model gives the indicator (in unit), from `cites`")
    expected_low: Num
    expected_high: Num
    cites: list[str] = Field(description="yardstick ids the level rests on, the figure first")
    basis: str = Field(description="published, scaled (a national mean × a ratio) or assumed (the model's own level)")
    end: Num = Field(description="saturated: the score nearly every peer has (0 or the full mark)")
    message: str
    message_zh: Optional[str]
    message_en: Optional[str] = Field(None, description="the same as `message`, in English")


# ------------------------------------------------------------------------ a zone among its peers
class Standing(_Out):
    """The zone among its peers."""

    rank: int = Field(description="1 = best")
    of: int = Field(description="peers + the zone")
    share_ahead: Num
    peer_median: Num
    peer_median_categories: dict[str, Num]
    synthetic: bool
    peer_name: str
    normalisation: Literal["targets", "peers"]
    behind: int = Field(0, description="peers scoring lower than the zone")
    score: Num = Field(None, description="the zone's overall score as scored with the peers")
    region: Optional[str] = Field(None, description="the peer set's region, from its metadata; null when it names none")
    ranks_region: bool = Field(False, description="the peer set is declared its region's national zones (metadata "
                                                  "region: and zone_level: national): only then are the bottom-N and "
                                                  "middle conditions judged")
    group_zh: str = Field("", description="what the zone is ranked among, from the peer set's metadata or file name")
    group_en: str = ""
    compared: int = Field(0, description="indicators the rank compares on (of `indicators`), their weight share and the least")
    indicators: int = 0
    compared_weight: Num = None
    least_weight: Num = None
    comparable: bool = Field(True, description="false: peer columns are doubtful (doubtful_columns), or the zone's own "
                                               "doubtful or dropped data could move the rank (zone_doubt), as the rank's")
    doubtful_columns: list[DoubtfulColumn] = []
    zone_doubt: Optional[dict] = Field(None, description="why data could move the rank: the zone's own, kind "
                                       "'categories' (whole categories unscored) or 'doubtful' (indicators, missing: those with no "
                                       "figure this quarter, bounded alike, worst_case, "
                                       "best_case, rank_range); or the peers', kind 'peer_rows' (peers with a doubtful "
                                       "cell left out of the rank: peers, rank_range, of_all); null when none can")


class RankEstimate(_Out):
    estimate: int
    of: int
    interval_5_95: list[int]
    region: Optional[str] = Field(description="the peer set's region, from its metadata; null when it names none")
    grouping: str
    regional: bool = Field(description="the peers are the region's national zones: bottom-N line and middle judged")
    among_zh: str = Field(description="what the zone is ranked among, in Chinese")
    among_en: str = Field("", description="the same in English")
    synthetic_peers: bool
    interval_method: str
    comparable: bool = Field(True, description="false: some peer columns are doubtful (doubtful_columns), or the zone's "
                                               "own doubtful or dropped data could move the rank (zone_doubt): the rank "
                                               "and margins are not comparable, and the rank conditions are not judged")
    doubtful_columns: list[DoubtfulColumn] = []
    zone_doubt: Optional[dict] = Field(None, description="why data could move the rank, the zone's or the peers' (as "
                                       "Standing's)")


class Margins(_Out):
    score: Num
    bottom_n: int
    bottom_line: Num = Field(description="the N-th lowest peer's overall score")
    to_bottom_line: Num = Field(description="points above (+) or below (−) the bottom-N line")
    median: Num
    to_median: Num
    unit: str
    on_overall: bool = Field(True, description="false: score, lines and margins are on the covered indicators only")
    indicators_compared: int = Field(0, description="indicators the rank and margins are measured on: in the peer table "
                                     "and with a figure for the zone (of indicators_total)")
    indicators_in_table: int | None = Field(None, description="indicators the peer table covers (the zone may lack some)")
    zone_lacks: list[str] = Field(default_factory=list, description="indicators in the peer table the zone has no "
                                  "figure for (dropped, doubtful or not reported): not compared")
    indicators_total: int = 0
    weight_compared: Num = Field(None, description="the compared indicators' share of the overall weight; a peer table "
                                 "under min_share: rank conditions not judged")


class QuantileSample(_Out):
    """Which draws the quantiles (median, q05, q95 of the overall, the categories and the rank) come from (bt17 F6).

    A run keeps the outcomes of its first `sampled` draws for the quantiles (scorer.whatif.uncertainty.SAMPLE,
    100 000 by default) and running sums over every draw for the means and the shares (p_ready …): past that
    many draws the quantiles are those of the sample, which under plain Monte Carlo (independent draws) is a
    uniform random sample of them all; under --sobol the draws are a Saltelli design's runs in its order."""

    sampled: int = Field(description="draws the quantiles come from")
    of: int = Field(description="the run's draws (`draws`); the means and shares take every one")
    first_draw: int = Field(description="the first draw of the sample, numbered as in --export (1)")
    last_draw: int = Field(description="the last draw of the sample: the sample is draws first_draw … last_draw")
    exact: bool = Field(description="true: the sample is every draw, the quantiles are exact over the run")


# ------------------------------------------------------------------------ verdict and readiness
class Rule(_Out):
    id: str
    name_zh: str
    name_en: str
    value: Num
    op: str
    threshold: Num
    unit: str
    passed: Bool = Field(description="null: could not be judged (missing data, or an analyst input not given)")
    source: str
    confidence: str
    source_en: str = ""
    role: Literal["condition", "veto", "historic", "user", "input"] = "user"
    deciding: bool = Field(True, description="false: shown only (historic thresholds)")
    cites: list["Cited"] = Field(default=[], description="the yardstick entries the rule rests on")
    reason: str = Field("", description="why a deciding condition is not judged although the data are there (Chinese)")
    reason_en: str = Field("", description="the same in English")


class Cited(_Out):
    """A yardstick entry (indicators/yardsticks.yaml) a rule or condition cites."""

    id: str
    what_zh: str
    what_en: str
    value: Num
    unit: str
    year: int
    source: str
    confidence: str
    unverified: bool


class Verdict(_Out):
    name_zh: str
    name_en: str = ""
    ready: Bool
    label_zh: str
    label_en: str = Field("", description="the verdict in words, in English")
    on_doubtful_data: bool = Field(description="true: some of the quarter's indicator values were doubtful "
                                               "and not scored as read; say so beside the verdict")
    doubtful_indicators: list[str]
    carried_indicators: list[str] = Field(default=[], description="indicators scored on another quarter's value (no "
                                                                  "usable figure this quarter); say so beside the verdict")
    comparable: bool = Field(True, description="false: a whole category has no scored indicator, or the rank is not "
                                               "comparable (readiness.rank.comparable: peer columns or the zone's own "
                                               "doubtful data); one verdict on both sides; say so beside the verdict")
    empty_categories: list[str] = Field(default=[], description="ids of the categories with no scored indicator, "
                                                                "left out of the overall score")
    pending: list[str] = Field(default=[], description="deciding conditions not yet judged (analyst inputs, missing data)")
    rules: list[Rule]


class ProvinceZone(_Out):
    zone: str
    zone_en: str
    national_rank: int
    of: Int = Field(description="zones ranked nationally that year")
    region_rank: Int = Field(description="rank in its region, where published")
    year: int
    score: Num = Field(description="its overall score in the peer set (synthetic values placed at its published rank)")
    source: str
    source_en: str
    cites: list[str]


class Province(_Out):
    province: str
    position: int
    of: int
    just_above: Optional[str]
    just_below: Optional[str]
    zones: list[ProvinceZone]
    note_zh: str
    note_en: str = ""
    national_zones: Int = Field(None, description="the province's national zones (yardsticks); `zones` are those ranked")
    national_zones_cites: list[str] = []


class Condition(_Out):
    id: str
    name_zh: str
    name_en: str
    role: str
    deciding: bool
    status: Literal["met", "not_met", "unknown", "not_judged"]
    reason: str = Field("", description="why a condition is not judged (status not_judged), in Chinese")
    reason_en: str = Field("", description="the same in English")
    value: Num
    op: str
    required: Num
    unit: str
    margin: Num = Field(description="how far the condition is met (+) or missed (−), in `unit`; null for an analyst's input "
                                    "or missing data")
    margin_points: Num = Field(description="for the conditions on the rank (bottom_n, rank_share_max): the same margin in "
                                           "overall-score points; null for the others")
    across_interval: Optional[bool] = Field(None, description="a rank condition met: met at the interval's worst end too")
    confidence: str
    evidence_zh: str
    evidence_en: str
    cites: list[Cited]


class Readiness(_Out):
    """Readiness as rank: the estimated rank in the region, the margins, the province standing, the conditions."""

    label_zh: str
    label_en: str = Field("", description="the readiness line in English")
    rank: RankEstimate
    margins: Margins
    province: Optional[Province]
    conditions: list[Condition]
