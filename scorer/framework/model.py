"""Indicator framework: YAML definitions → validated models → a resolved tree the engine scores."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, Field, model_serializer, model_validator

from scorer.framework import formula as fx
from scorer.framework.derived import check_derived, check_refs, closest, parse_derived
_closest = closest  # the name other stages import
from scorer import units
from scorer.i18n import unit_named
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg, text_of, written
from scorer.yamlio import line_of
from scorer.framework.method_params import check_method as _check_method
from scorer.framework.base import ID_PATTERN, _Strict, _pydantic_problems, join_cjk_lines, load_model, path_hint  # noqa: F401 (re-exported)


class Bounds(_Strict):
    """The values a field or indicator can take at all, in its own unit: `min` and `max`, each optional.

    Declared in YAML as `bounds: {min: 0, max: 100}` (a share) or `bounds: {min: -100}` (a growth
    rate: nothing falls by more than all of it). Not a plausibility range: a value outside is
    impossible, and a scenario that would produce one is refused.
    """

    min: Optional[float] = None
    max: Optional[float] = None

    @model_validator(mode="after")
    def _finite_and_ordered(self) -> "Bounds":
        for name in ("min", "max"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(f"bounds.{name} must be a finite number, not {v}; hint: leave it out for no bound")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"bounds: min {written(self.min)} lies above max {written(self.max)}; hint: swap them")
        return self

    def contains(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def describe(self, unit: str) -> str:
        """The bounds in words, in both languages (a `scorer.messages.Text`): 'between 0 and 100 %'."""
        if self.min is not None and self.max is not None:
            return msg("between {lo:g} and {hi:g} {unit}", lo=self.min, hi=self.max, unit=unit_named(unit))
        if self.min is not None:
            return msg("at least {lo:g} {unit}", lo=self.min, unit=unit_named(unit))
        return msg("at most {hi:g} {unit}", hi=self.max, unit=unit_named(unit)) if self.max is not None else msg("any number")


NO_BOUNDS = Bounds()


# ----------------------------------------------------------------------------- fields.yaml
class FieldDef(_Strict):
    """A raw statistic, and what is plausible for it (checked by scorer.read.plausibility).

    `part_of`: fields this one is a part of in the same quarter (出口 ≤ 进出口); `bounds`: what a level can be at
    all (see `Bounds`; default: not negative unless in %); `plausible`: what it can credibly be (a positive value
    outside is doubtful); `max_jump`: the largest credible factor against the same quarter a year earlier;
    `reported`: how often the office reports it by design (a half-yearly statistic is not missing
    in Q1 and Q3); `ratios`: what this figure divided by another field's of the same quarter can credibly be.
    """

    label: str = Field(min_length=1)
    label_en: str = ""
    aliases: list[str] = []
    unit: str
    kind: Literal["flow", "stock"]
    dimension: str = ""
    note: str = ""
    bounds: Optional[Bounds] = None  # None: an amount, count or quantity (any unit but %) is at least 0
    part_of: list[str] = []
    # Of `part_of`, the wholes that include this figure as a sum does (the zone's GDP in its city's): a change of
    # this one changes them by the same amount in what-if variants (scorer.whatif.wholes; bt13k F6).
    adds_to: list[str] = []
    max_jump: Optional[float] = Field(default=None, gt=1)
    plausible: Optional[Bounds] = None  # what is credible (population ≤ 500 万人): outside is doubtful; 0 never below min
    # The most a single zone's figure can be, in the field's unit: all the central region's national zones together (a
    # yardstick mean × central_2023_zones, cited in fields.yaml); above it is a province's or the nation's total (bt10g F4).
    region_ceiling: Optional[float] = Field(default=None, gt=0)
    # What this figure can credibly be beside another of the same quarter: {other field id: Bounds of this ÷ other, each
    # in its field's unit} (税收收入 ÷ 地区生产总值 between 0.01 and 1). Checked by scorer.read.plausibility.ratio_doubts.
    ratios: dict[str, Bounds] = {}
    reported: Literal["quarterly", "half-yearly", "yearly"] = "quarterly"
    # Aliases that also name another caliber of the statistic (实际利用外资 is both the Ministry's older
    # wording and Henan's provincial caliber, far larger): a figure read under one is used, with a
    # warning at its cell asking the office to confirm the caliber (`caution_zh` / `caution_en` say why).
    ambiguous_aliases: list[str] = []
    caution_zh: str = ""
    caution_en: str = ""
    # Names of other statistics that look like this one (实际利用省(境)外资金 beside 实际使用外资): a row under one is
    # never read as this field, and a note at its cell says why (`lookalike_zh` / `lookalike_en`) and that it is ignored.
    lookalikes: list[str] = []
    lookalike_zh: str = ""
    lookalike_en: str = ""
    # How the statistics office publishes this statistic's growth: "comparable" prices (GDP and value
    # added, price changes taken out) or "nominal"; None when growth is not a price question (counts).
    growth_price_basis: Optional[Literal["comparable", "nominal"]] = None

    @model_validator(mode="after")
    def _ambiguous_are_aliases(self) -> "FieldDef":
        unknown = [a for a in self.ambiguous_aliases if a not in self.aliases and a != self.label]
        if unknown:
            raise ValueError(f"ambiguous_aliases names {unknown[0]!r}, which is not among the aliases; hint: list it "
                             "under `aliases:` too")
        if self.ambiguous_aliases and not (self.caution_zh and self.caution_en):
            raise ValueError("ambiguous_aliases needs caution_zh and caution_en (what to confirm); hint: add both")
        return self

    @property
    def value_bounds(self) -> Bounds:
        """The declared bounds; without any, a quantity that is not a rate in % cannot be negative."""
        if self.bounds is not None:
            return self.bounds
        return NO_BOUNDS if units.dimension(self.unit) in ("percent", None) else Bounds(min=0)

    def reported_in(self, period: str) -> bool:
        """Whether the office reports this statistic for `period` ("2022Q3") by design."""
        q = int(period[-1])
        return self.reported == "quarterly" or (self.reported == "half-yearly" and q in (2, 4)) or q == 4


class FieldsFile(_Strict):
    version: int = 1
    fields: dict[str, FieldDef]


# -------------------------------------------------------------------------- framework.yaml
class Target(_Strict):
    value: float
    source: Annotated[str, Field(min_length=1), AfterValidator(join_cjk_lines)]
    source_en: str = ""
    confidence: Literal["high", "medium", "low"]
    cites: list[str] = Field(default_factory=list, description="ids of yardsticks.yaml entries the value rests on")
    basis: Literal["mean", "median", "threshold", "judgement"] = Field(
        "judgement", description="what the value is: a published mean, the central median itself, a threshold, or judgement")

    @model_validator(mode="before")
    @classmethod
    def _not_a_bare_number(cls, data: Any) -> Any:
        """`overall_min: 60` (a target or rule parameter as a bare number) is told how to write it (bt12g §8)."""
        if isinstance(data, (int, float, str)) and not isinstance(data, bool):
            raise ValueError(f"{data!r} is a bare number: a target or rule parameter is a mapping with its `value:`, "
                             f"`source:` and `confidence:` (high, medium or low); hint: write it as "
                             f"`{{value: {data}, source: 自定, confidence: low, basis: judgement}}`")
        return data


class Evidence(_Strict):
    """How sure we are that the assessment uses this indicator, and why."""

    status: Literal["confirmed", "plausible", "own"]  # named by the Ministry / reported and likely scored / our choice
    cites: list[str] = Field(default_factory=list)
    note: Annotated[str, AfterValidator(join_cjk_lines)] = ""
    note_en: str = ""


class MethodSpec(_Strict):
    method: str
    params: dict[str, Any] = {}


class AggregationSpec(MethodSpec):
    """The aggregation: one method and its parameters for every level, except the levels named in
    `levels` (2 = groups of indicators, 3 = groups of those, …), which take their own method and
    parameters (COINr's Aggregate takes f_ag, f_ag_para and dat_thresh per level). A level's spec
    stands alone: it does not inherit the top-level `params`."""

    levels: dict[int, MethodSpec] = {}

    @model_serializer(mode="wrap")
    def _levels_only_when_given(self, handler):
        out = handler(self)
        if not self.levels:  # a run record without per-level methods reads as before they existed
            out.pop("levels", None)
        return out


class IndicatorDef(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str
    name_en: str
    unit: str
    direction: Literal["higher", "lower"]
    formula: Optional[str] = None  # over raw fields; None when the data table holds indicator values
    weight: float = Field(ge=0)  # 0 keeps the indicator in the data-availability count (COINr dat_thresh)
    target: Optional[Target] = None
    floor: Optional[float] = Field(default=None, description="the value that scores 0 under goalposts")
    normalise: Optional[MethodSpec] = None
    evidence: Optional[Evidence] = None
    note: str = ""
    bounds: Optional[Bounds] = None  # None: no bound declared; a value outside is impossible, hence doubtful
    plausible: Optional[Bounds] = None  # what is credible: outside is doubtful, left out, never capped (score.doubt)
    on_doubt: Optional[Literal["leave_out", "cap"]] = None  # default: the framework's plausibility.on_doubt

    @property
    def value_bounds(self) -> Bounds:
        return self.bounds or NO_BOUNDS

    @property
    def has_magnitude(self) -> bool:
        """A level that cannot be negative (an amount, count, share, intensity: `bounds.min` ≥ 0, or no bounds and a
        unit that is not % nor unknown), whose figures have an order of magnitude; a growth rate has none."""
        low = self.value_bounds.min
        return low >= 0 if low is not None else self.bounds is None and units.dimension(self.unit) not in ("percent", None)

    @model_validator(mode="after")
    def _target_beyond_floor(self) -> "IndicatorDef":
        if self.target is None or self.floor is None:
            return self
        if not math.isfinite(self.target.value - self.floor):
            raise ValueError(f"target {written(self.target.value)} and floor {written(self.floor)} are too far apart to score "
                             f"(their difference overflows); hint: give the values in a unit that keeps them readable")
        better = self.target.value > self.floor if self.direction == "higher" else self.target.value < self.floor
        if not better:
            word = "above" if self.direction == "higher" else "below"
            raise ValueError(f"target {written(self.target.value)} must lie {word} floor {written(self.floor)} "
                             f"for a '{self.direction} is better' indicator; hint: swap target and floor, "
                             f"or set `direction: {'lower' if self.direction == 'higher' else 'higher'}`")
        return self


class GroupDef(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    name_zh: str
    name_en: str
    weight: float = Field(ge=0)
    indicators: Optional[list[IndicatorDef]] = None
    groups: Optional[list["GroupDef"]] = None
    note: str = ""

    @model_validator(mode="after")
    def _one_kind_of_children(self) -> "GroupDef":
        if (self.indicators is None) == (self.groups is None):
            raise ValueError("a group has either `indicators:` or `groups:` (exactly one of them); "
                             "hint: put indicators in a group of their own")
        return self


class FrameworkMeta(_Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    name_zh: str
    name_en: str
    version: str
    source: Annotated[str, AfterValidator(join_cjk_lines)] = ""
    source_en: str = ""
    fields: Optional[str] = "fields.yaml"  # None: the data are indicator values, not raw fields
    yardsticks: Optional[str] = None  # the yardsticks YAML that `cites:` refer to, relative to this file
    weights: Literal["percent", "relative"] = "percent"
    scale: float = Field(default=100.0, gt=0)
    index_name_zh: str = "综合得分"
    index_name_en: str = "Overall score"


class Plausibility(_Strict):
    """What the score does with a doubtful indicator value (outside its bounds, or computed from a raw
    figure that failed a plausibility check): `leave_out` (it drops out with its weight, named in the
    problems) or `cap` (held to its bounds; a value doubtful for another reason is left out)."""

    on_doubt: Literal["leave_out", "cap"] = "leave_out"


class CaliberCheck(_Strict):
    """A figure above `max_share` % of a province's total (a yardstick entry) is probably another caliber."""

    field: str
    province_total: str  # yardstick id of the province's total (kind total) on the field's caliber
    max_share: float = Field(gt=0, le=100)  # in %, checked against the first figure `cites:` names
    caliber: str = "mofcom"  # the caliber the field is reported on: the total's yardstick `caliber:` must be it
    cites: list[str] = Field(default_factory=list)
    source: str = ""


class FrameworkFile(_Strict):
    framework: FrameworkMeta
    plausibility: Plausibility = Plausibility()
    imputation: Optional[MethodSpec] = None  # run first, on the raw indicator values
    treatment: Optional[MethodSpec] = None  # outlier treatment, after imputation
    normalisation: MethodSpec = MethodSpec(method="goalposts")
    aggregation: AggregationSpec = AggregationSpec(method="arithmetic")
    derived: dict[str, str] = {}
    caliber_checks: list[CaliberCheck] = []
    groups: list[GroupDef] = Field(min_length=1)


# ------------------------------------------------------------------------ resolved framework
@dataclass
class Indicator:
    """An indicator ready to compute: its definition, parsed formula and place in the tree."""

    spec: IndicatorDef
    tree: fx.Node | None  # None: the indicator's value is read directly from a data table
    parent: str
    effective_weight: float  # share of the overall score, sums to 1 over all indicators

    def __getattr__(self, name: str) -> Any:  # id, name_zh, unit, target … straight from the YAML
        if name.startswith("__") or name == "spec":
            raise AttributeError(name)
        return getattr(self.spec, name)


@dataclass
class Group:
    id: str
    name_zh: str
    name_en: str
    weight: float  # rescaled among siblings to sum to 1
    children: list[str]
    level: int  # 1 = indicators' level; groups of indicators are level 2, and so on up
    parent: str | None
    effective_weight: float


@dataclass
class Framework:
    meta: FrameworkMeta
    normalisation: MethodSpec
    aggregation: MethodSpec  # an AggregationSpec when read from YAML; a plain MethodSpec serves every level
    fields: dict[str, FieldDef]
    derived: dict[str, fx.Node]
    indicators: dict[str, Indicator]
    groups: dict[str, Group]  # every group, bottom-up order; the root is 'index'
    path: Path
    fields_path: Path | None
    sha256: str  # of the framework file and its fields file together
    top_groups: list[str] = field(default_factory=list)
    imputation: MethodSpec | None = None
    treatment: MethodSpec | None = None
    plausibility: Plausibility = field(default_factory=Plausibility)
    yardsticks_path: Path | None = None
    caliber_checks: list[CaliberCheck] = field(default_factory=list)

    def fields_read(self, tree: fx.Node | None, _seen: frozenset = frozenset()) -> list[str]:
        """The raw fields a formula reads, through derived series, in the order they appear."""
        out: list[str] = []
        for n in fx.names(tree) if tree is not None else ():
            if n.name in self.fields:
                found = [n.name]
            elif n.name in self.derived and n.name not in _seen:
                found = self.fields_read(self.derived[n.name], _seen | {n.name})
            else:
                found = []
            out += [f for f in found if f not in out]
        return out

    def normaliser_for(self, indicator: Indicator) -> MethodSpec:
        return indicator.spec.normalise or self.normalisation

    def aggregator_for(self, group: "Group") -> MethodSpec:
        """The method and parameters that aggregate `group` from its children (its level's)."""
        levels = getattr(self.aggregation, "levels", None)
        return (levels.get(group.level) if levels else None) or self.aggregation

    @property
    def categories(self) -> list[Group]:
        return [self.groups[g] for g in self.top_groups]

    def field_id(self, name: str) -> str | None:
        """The field a user means by `name`: its id, its Chinese label or an alias (全角/半角 and spaces
        ignored), e.g. "实际使用外资金额" → "fdi_actual"; None when no field has that name."""
        return _by_name(name, {fid: [f.label, *f.aliases] for fid, f in self.fields.items()})

    def indicator_id(self, name: str) -> str | None:
        """The indicator a user means by `name`: its id or its Chinese name; None when none has it."""
        return _by_name(name, {iid: [i.name_zh] for iid, i in self.indicators.items()})

    def weight_code(self, name: str) -> str | None:
        """The indicator or group (not the index) a user means by `name` under a scenario's `weights:`: its id or its
        Chinese name (对外开放, 实际使用外资增长率); None when none has it (bt15i F7)."""
        return _by_name(name, {**{iid: [i.name_zh] for iid, i in self.indicators.items()},
                               **{gid: [g.name_zh] for gid, g in self.groups.items() if gid != "index"}})


def _name_key(text: str) -> str:
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", str(text)).split())


def _by_name(name: str, names: dict[str, list[str]]) -> str | None:
    if name in names:
        return name
    key = _name_key(name)
    found = {ident for ident, texts in names.items() if any(_name_key(t) == key for t in texts)}
    return found.pop() if len(found) == 1 else None


# -------------------------------------------------------------------------------- loading
def load_fields(path: Path) -> tuple[dict[str, FieldDef], bytes]:
    doc, parsed = load_model(path, FieldsFile, msg("expected a mapping with a `fields:` key"))
    raw = Path(path).read_bytes()
    problems = []
    for fid, fdef in parsed.fields.items():
        if not units.is_known(fdef.unit):
            problems.append(Problem(msg("field {fid!r}: unknown unit {unit!r}", fid=fid, unit=fdef.unit),
                                    Location(file=path, line=line_of(doc, ("fields", fid, "unit"))),
                                    msg("use a unit scorer knows, e.g. 万元, 万美元, 平方公里, 吨, 人, 家, %")))
            continue
        for other in fdef.ratios:
            if other not in parsed.fields or other == fid:
                close = closest(other, [f for f in parsed.fields if f != fid])
                problems.append(Problem(msg("field {fid!r}: ratios names {other!r}, not another field of this file",
                                            fid=fid, other=other),
                                        Location(file=path, line=line_of(doc, ("fields", fid, "ratios", other))),
                                        msg("did you mean {close!r}?", close=close) if close
                                        else msg("name a field of this file")))
        for k, whole in enumerate(fdef.adds_to):
            if whole not in fdef.part_of:
                problems.append(Problem(msg("field {fid!r}: adds_to names {whole!r}, which is not among its part_of",
                                            fid=fid, whole=whole),
                                        Location(file=path, line=line_of(doc, ("fields", fid, "adds_to", k))),
                                        msg("a figure adds to a whole it is a part of: list the whole under part_of too")))
        for k, whole in enumerate(fdef.part_of):
            where = Location(file=path, line=line_of(doc, ("fields", fid, "part_of", k)))
            if whole not in parsed.fields:
                close = closest(whole, list(parsed.fields))
                problems.append(Problem(msg("field {fid!r}: part_of names unknown field {whole!r}",
                                            fid=fid, whole=whole), where,
                                        msg("did you mean {close!r}?", close=close) if close
                                        else msg("name a field of this file")))
            elif units.dimension(parsed.fields[whole].unit) != units.dimension(fdef.unit):
                problems.append(Problem(msg("field {fid!r} ({unit}) cannot be part of {whole!r} ({unit2}): they "
                                            "measure different things",
                                            fid=fid, unit=unit_named(fdef.unit), whole=whole, unit2=unit_named(parsed.fields[whole].unit)), where,
                                        msg("a part and its whole are in the same kind of unit")))
    if problems:
        raise ScorerError(problems)
    return parsed.fields, raw


def load_framework(path: Path | str | None = None) -> Framework:
    """Load and validate a framework YAML (and the fields YAML it names); every problem at once."""
    from scorer.resources import default_framework

    path = Path(path) if path is not None else default_framework()
    doc, parsed = load_model(path, FrameworkFile, msg("expected a mapping with `framework:` and `groups:` keys"))

    yardsticks_path = _check_yardstick_cites(parsed, doc, path)
    if parsed.framework.fields is None:
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        fw = _resolve(parsed, doc, path, {}, None, sha)
    else:
        fields_path = (path.parent / parsed.framework.fields).resolve()
        if not fields_path.is_file():
            raise ScorerError.at(msg("fields file {fields!r} not found (looked in {fields_path})",
                                     fields=parsed.framework.fields, fields_path=fields_path),
                                 file=path, line=line_of(doc, ("framework", "fields")),
                                 hint=path_hint(parsed.framework.fields,
                                                msg("point `framework.fields` at the YAML of raw fields, relative to this file")))
        fields, fields_raw = load_fields(fields_path)
        sha = hashlib.sha256(path.read_bytes() + b"\0" + fields_raw).hexdigest()
        fw = _resolve(parsed, doc, path, fields, fields_path, sha)
    fw.yardsticks_path = yardsticks_path
    fw.caliber_checks = list(parsed.caliber_checks)
    bad = [(k, c) for k, c in enumerate(parsed.caliber_checks) if c.field not in fw.fields]
    if bad:
        raise ScorerError([Problem(msg("caliber check names unknown field {field!r}", field=c.field),
                                   Location(file=path, line=line_of(doc, ("caliber_checks", k, "field"))),
                                   msg("use a field id of fields.yaml")) for k, c in bad])
    if parsed.caliber_checks and yardsticks_path is not None:
        from scorer.framework.yardsticks import check_caliber_checks, load_yardsticks

        problems = check_caliber_checks(parsed.caliber_checks, {f: d.unit for f, d in fw.fields.items()},
                                        load_yardsticks(yardsticks_path), doc, path)
        if problems:
            raise ScorerError(problems)
    return fw


def _check_yardstick_cites(parsed: FrameworkFile, doc: Any, path: Path) -> Path | None:
    """Every `cites:` of the framework names an entry of its yardsticks file; its path, or None without one."""
    from scorer.framework.yardsticks import (check_basis, check_cites, check_confidence, check_magnitudes, check_numbers,
                                             check_prose, check_uncited, cites_in, load_yardsticks)

    cites = cites_in(doc, path)
    cites += [([c.province_total], Location(file=path, line=line_of(doc, ("caliber_checks", k, "province_total"))),
               f"caliber_checks.{k}") for k, c in enumerate(parsed.caliber_checks)]
    if parsed.framework.yardsticks is None:
        if cites:
            ids, where, who = cites[0]
            raise ScorerError(Problem(msg("{who} cites yardsticks {names} but the framework names no yardsticks file",
                                          who=who, names=', '.join(ids)),
                                      where, msg("add `yardsticks: yardsticks.yaml` under `framework:`")))
        return None
    ypath = (path.parent / parsed.framework.yardsticks).resolve()
    if not ypath.is_file():
        raise ScorerError.at(msg("yardsticks file {yardsticks!r} not found (looked in {ypath})",
                                 yardsticks=parsed.framework.yardsticks, ypath=ypath),
                             file=path, line=line_of(doc, ("framework", "yardsticks")),
                             hint=path_hint(parsed.framework.yardsticks, msg(
                                 "point `framework.yardsticks` at indicators/yardsticks.yaml, relative to this file")))
    yardsticks = load_yardsticks(ypath)
    problems = check_cites(cites, yardsticks)
    # A target on a published figure must be that figure (one 10× off gave every zone full marks), in its unit; one of
    # judgement citing figures, its order of magnitude (check_magnitudes); every target and evidence cites (check_uncited).
    numbers, judged, sure, named, uncited, prose = [], [], [], [], [], []

    def walk(groups: list[GroupDef], loc: tuple) -> None:
        for gk, group in enumerate(groups):
            for k, ind in enumerate(group.indicators or []):
                t = ind.target
                item = (t.value, ind.unit, t.cites, Location(file=path, line=line_of(
                    doc, loc + (gk, "indicators", k, "target", "value"))), msg("the target of {id}", id=ind.id)) \
                    if t is not None else None
                if t is not None and t.cites:
                    at = loc + (gk, "indicators", k, "target")
                    prose.extend((text, t.value, ind.unit, t.cites, Location(file=path, line=line_of(doc, at + (key,))),
                                  msg("the target of {id}", id=ind.id)) for key, text in (("source", t.source),
                                                                                      ("source_en", t.source_en)) if text)
                    sure.append((t.confidence, t.cites, Location(file=path, line=line_of(doc, at + ("confidence",))),
                                 msg("the target of {id}", id=ind.id)))
                    named.append((t.basis, t.cites, Location(file=path, line=line_of(doc, at + ("basis",))),
                                  msg("the target of {id}", id=ind.id)))
                uncited.append((ind, item[3] if item else None, loc + (gk, "indicators", k)))
                if t is not None and t.basis in ("mean", "median", "threshold"):
                    numbers.append(item)
                elif t is not None and t.cites and ind.has_magnitude:
                    judged.append(item)
            walk(group.groups or [], loc + (gk, "groups"))
    walk(parsed.groups, ("groups",))
    unmarked = check_uncited(uncited, doc, path)
    said = {(p.location.file, p.location.line) for p in unmarked}  # one error a line: 'cites nothing' says it again
    problems += unmarked + [p for p in (check_numbers(numbers, yardsticks) + check_magnitudes(judged, yardsticks)
                                        + check_basis(named, yardsticks) + check_confidence(sure, yardsticks)
                                        + check_prose(prose, yardsticks)
                                        if not problems else [])
                            if not (p.code == "cited_number_unchecked" and (p.location.file, p.location.line) in said)]
    if problems:
        raise ScorerError(problems)
    return ypath


def _resolve(parsed: FrameworkFile, doc: Any, path: Path, fields: dict[str, FieldDef],
             fields_path: Path, sha: str) -> Framework:
    problems: list[Problem] = []

    def at(*loc) -> Location:
        return Location(file=path, line=line_of(doc, loc))

    # Derived quantities: parse, check names and cycles, then each formula as expanded through them.
    derived, problems = parse_derived(parsed.derived, fields, at)
    expansion, found = check_derived(parsed.derived, derived, fields, fields_path, at, acyclic=not problems)
    problems += found

    indicators: dict[str, Indicator] = {}
    groups: dict[str, Group] = {}
    seen_ids: dict[str, tuple] = {}
    indicator_at: dict[str, tuple] = {}  # indicator id → its place in the YAML
    weights_percent = parsed.framework.weights == "percent"

    def framework_method(ind: IndicatorDef) -> str:
        return (ind.normalise or parsed.normalisation).method

    def check_id(ident: str, loc: tuple) -> None:
        if ident in seen_ids or ident == "index":
            first = line_of(doc, seen_ids[ident]) if ident in seen_ids else None
            problems.append(Problem(
                msg("duplicate id {ident!r} (first used at line {first})", ident=ident, first=first) if first
                else msg("duplicate id {ident!r} (reserved for the overall score)", ident=ident),
                at(*loc), msg("give every group and indicator its own id")))
        else:
            seen_ids[ident] = loc

    def check_weights(items: list, loc: tuple, what: str) -> None:
        total = sum(item.weight for item in items)
        if total <= 0:
            problems.append(Problem(msg("the weights of {what} are all 0", what=what), at(*loc),
                                    msg("give at least one of them a weight above 0")))
            return
        if weights_percent and not math.isclose(total, 100.0, abs_tol=1e-6):
            problems.append(Problem(
                msg("the weights of {what} add up to {total:g}, not 100", what=what, total=total),
                at(*loc), msg("make them add up to 100, or set `weights: relative` under `framework:` to have them "
                              "rescaled")))

    def check_formula(ind: IndicatorDef, loc: tuple) -> fx.Node | None:
        if ind.formula is None:
            if fields:
                problems.append(Problem(msg("indicator {id!r} has no formula", id=ind.id), at(*loc),
                                        msg("add `formula:` over the raw fields, e.g. `formula: rd_expenditure / "
                                            "industrial_revenue * 100`")))
            return None
        try:
            tree = fx.parse(ind.formula)
        except fx.FormulaError as exc:
            problems.append(Problem(msg("indicator {id!r}: {exc}", id=ind.id, exc=text_of(exc)), at(*loc, "formula"), exc.hint))
            return None
        problems.extend(Problem(msg("indicator {id!r}: {exc}", id=ind.id, exc=text), at(*loc, "formula"), hint)
                        for text, hint in check_refs(tree, fields, derived, fields_path))
        try:
            if expansion is not None:
                expansion.check(ind.formula, tree)
        except fx.FormulaError as exc:
            problems.append(Problem(msg("indicator {id!r}: {exc}", id=ind.id, exc=text_of(exc)), at(*loc, "formula"), exc.hint))
        # A formula that is one figure (to(annual(f), "万元"), annual(f), f) gives it in a known unit: it must be
        # the indicator's (a tax figure converted to 万元 and scored as 亿元 is a ×10 000 slip).
        outer = tree.args[1] if isinstance(tree, fx.Call) and tree.func == "to" and len(tree.args) == 2 else None
        inner = tree.args[0] if isinstance(tree, fx.Call) and tree.func == "annual" and tree.args else tree
        gives = outer or (fields[inner.name].unit if isinstance(inner, fx.Name) and inner.name in fields else None)
        if gives is not None and isinstance(gives, str) and units.normalise_unit(gives) != units.normalise_unit(ind.unit):
            problems.append(Problem(msg("indicator {id!r}: the formula gives {gives}, but the indicator is in {unit}",
                                        id=ind.id, gives=gives, unit=unit_named(ind.unit)), at(*loc, "formula"),
                                    msg("convert with to(…, \"{unit}\") or correct `unit:`", unit=unit_named(ind.unit))))
        return tree

    def walk(group: GroupDef, loc: tuple, parent: str | None) -> int:
        check_id(group.id, loc)
        if group.indicators is not None:
            check_weights(group.indicators, loc + ("indicators",), msg("the indicators of {group!r}", group=group.id))
            total = sum(i.weight for i in group.indicators) or 1.0  # all 0: reported by check_weights
            for k, ind in enumerate(group.indicators):
                iloc = loc + ("indicators", k)
                indicator_at.setdefault(ind.id, iloc)
                check_id(ind.id, iloc)
                tree = check_formula(ind, iloc)
                indicators[ind.id] = Indicator(ind, tree, group.id, ind.weight / total)
                own_posts = ind.normalise is not None and {"lower", "upper"} <= set(ind.normalise.params)
                if framework_method(ind) == "goalposts" and not own_posts and (ind.target is None or ind.floor is None):
                    problems.append(Problem(msg("indicator {id!r} is normalised with goalposts but has no {value}",
                                                id=ind.id, value='target' if ind.target is None else 'floor'), at(*iloc),
                                            msg("add `target:` (value, source, confidence) and `floor:` (the value "
                                                "scoring 0)")))
                if framework_method(ind) == "dist2targ" and ind.target is None:
                    problems.append(Problem(msg("indicator {id!r} is normalised with dist2targ but has no target",
                                                id=ind.id),
                                            at(*iloc), msg("add `target:` (value, source, confidence)")))
            level = 2
            children = [i.id for i in group.indicators]
        else:
            check_weights(group.groups, loc + ("groups",), msg("the groups under {group!r}", group=group.id))
            total = sum(g.weight for g in group.groups) or 1.0
            level = 1 + max(walk(g, loc + ("groups", k), group.id) for k, g in enumerate(group.groups))
            for g in group.groups:
                groups[g.id].weight = g.weight / total
            children = [g.id for g in group.groups]
        groups[group.id] = Group(group.id, group.name_zh, group.name_en, group.weight, children, level, parent, 1.0)
        return level

    check_weights(parsed.groups, ("groups",), msg("the top-level groups"))
    top_total = sum(g.weight for g in parsed.groups) or 1.0
    top_level = 1 + max(walk(g, ("groups", k), "index") for k, g in enumerate(parsed.groups))
    for g in parsed.groups:
        groups[g.id].weight = g.weight / top_total
    groups["index"] = Group("index", parsed.framework.index_name_zh, parsed.framework.index_name_en, 1.0,
                            [g.id for g in parsed.groups], top_level, None, 1.0)

    for name, method in [("imputation", parsed.imputation), ("treatment", parsed.treatment),
                         ("normalisation", parsed.normalisation), ("aggregation", parsed.aggregation)]:
        if method is not None:
            problems += _check_method(method, name, at(name, "method"),
                                      param_at=lambda key, name=name: at(name, "params", key))
    for level, spec in parsed.aggregation.levels.items():
        if not 2 <= level <= top_level:
            problems.append(Problem(msg("aggregation.levels names level {level}; this framework aggregates levels 2 "
                                        "to {top_level}", level=level, top_level=top_level), at("aggregation", "levels", level),
                                    msg("2 = groups of indicators, 3 = groups of those, …, the overall score last")))
        problems += _check_method(spec, "aggregation", at("aggregation", "levels", level, "method"), msg("level {level}: ", level=level),
                                  param_at=lambda key, level=level: at("aggregation", "levels", level, "params", key))
    overrides = (parsed.treatment.params.get("overrides") or {}) if parsed.treatment else {}
    for ind_id in overrides:
        if ind_id not in indicators:
            problems.append(Problem(msg("treatment override for unknown indicator {ind_id!r}", ind_id=ind_id),
                                    at("treatment", "params", "overrides", ind_id), msg("use an indicator id of this framework")))
    for ind in indicators.values():
        if ind.spec.normalise is not None:
            iloc = indicator_at[ind.id]
            problems += _check_method(ind.spec.normalise, "normalisation", at(*iloc, "normalise", "method"),
                                      msg("indicator {id!r}: ", id=ind.id),
                                      param_at=lambda key, iloc=iloc: at(*iloc, "normalise", "params", key))

    if problems:
        raise ScorerError(problems)

    # Effective weights: product of the rescaled weights along the path to the root.
    ordered = sorted(groups.values(), key=lambda g: -g.level)
    for g in ordered:
        g.effective_weight = g.weight * (groups[g.parent].effective_weight if g.parent else 1.0)
    for ind in indicators.values():
        ind.effective_weight = ind.effective_weight * groups[ind.parent].effective_weight
    bottom_up = dict(sorted(groups.items(), key=lambda kv: kv[1].level))
    return Framework(parsed.framework, parsed.normalisation, parsed.aggregation, fields, derived,
                     indicators, bottom_up, path, fields_path, sha, [g.id for g in parsed.groups],
                     parsed.imputation, parsed.treatment, parsed.plausibility)
