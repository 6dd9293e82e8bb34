"""Yardsticks: the published figures and rules (indicators/yardsticks.yaml) that targets, rules and peers cite.

Each entry has an id, a kind, a year and region, a value and unit where there is a number, a named
zone's rank where it is one, its source and how sure it is. Targets, readiness rules and the peer
model cite entries by id (`cites: [central_2023_tax_mean]`) rather than repeating numbers in prose;
`check_cites` refuses a citation of an id the file does not have, naming the citing file and line.
Source of the entries: ../shared/domain/yardsticks.md.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path
import re
from typing import Any, Iterable, Literal, Optional

from pydantic import Field, model_validator

from scorer.errors import Location, Problem, ScorerError
from scorer.fmt import as_given, money_en
from scorer.i18n import caliber_named, region_named, unit_named
from scorer.messages import both, msg, text_of
from scorer.framework.base import ID_PATTERN, _Strict, load_model
from scorer.resources import indicators_dir
from scorer.yamlio import line_of

Confidence = Literal["high", "medium-high", "medium", "low"]


class Yardstick(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: Literal["count", "total", "mean", "median", "ratio", "rank", "rate", "fx", "rule", "evidence"]
    year: int = Field(ge=1980, le=2100)
    region: str
    what_zh: str = Field(min_length=1)
    what_en: str = ""
    value: Optional[float] = None
    unit: str = ""
    zone: Optional[str] = None
    zone_en: str = ""
    rank: Optional[int] = Field(default=None, ge=1)
    of: Optional[int] = Field(default=None, ge=1)
    region_rank: Optional[int] = Field(default=None, ge=1)
    # A ratio without unit (central ÷ national) converts a figure of `from_region` into one of `region`.
    from_region: Optional[str] = None
    # The statistical caliber of a figure where two exist (FDI: `mofcom`, the Ministry's; `henan_old`, Henan's
    # older provincial 实际吸收外资, about 28 times larger): a caliber check's line must be on the field's caliber.
    caliber: str = ""
    # The raw fields (fields.yaml ids) a total is the whole of: a caliber check's `province_total` must total its
    # field (trade checked against the FDI total was accepted).
    fields: list[str] = []
    source: str = Field(min_length=1)
    source_en: str = ""
    confidence: Confidence
    unverified: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> "Yardstick":
        if self.kind in ("count", "total", "mean", "median", "ratio", "rate", "fx") and self.value is None:
            raise ValueError(f"a {self.kind} entry needs `value:`; hint: add the published figure")
        if self.kind == "rank" and (self.rank is None or self.zone is None):
            raise ValueError("a rank entry needs `zone:` and `rank:`; hint: add both")
        if self.rank is not None and self.of is not None and self.rank > self.of:
            raise ValueError(f"rank {self.rank} is beyond `of: {self.of}`; hint: check both")
        return self


class YardsticksFile(_Strict):
    version: int = 1
    entries: list[Yardstick] = Field(min_length=1)


@dataclass
class Yardsticks:
    """The loaded entries by id, with the file they came from."""

    entries: dict[str, Yardstick]
    path: Path
    sha256: str

    def __getitem__(self, key: str) -> Yardstick:
        return self.entries[key]

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def value(self, key: str) -> float:
        """The entry's published number; KeyError for an unknown id, ValueError for an entry without one."""
        v = self.entries[key].value
        if v is None:
            raise ValueError(f"yardstick {key!r} has no value")
        return float(v)

    def of_kind(self, kind: str) -> list[Yardstick]:
        return [e for e in self.entries.values() if e.kind == kind]

    def cited(self, ids: Iterable[str]) -> list[dict]:
        """The cited entries as JSON-ready dicts (id, what, value, unit, year, source, confidence)."""
        out = []
        for i in ids:
            e = self.entries.get(i)
            if e is not None:
                out.append({"id": e.id, "what_zh": e.what_zh, "what_en": e.what_en, "value": e.value, "unit": e.unit,
                            "year": e.year, "source": e.source, "confidence": e.confidence,
                            "unverified": e.unverified})
        return out


def default_yardsticks() -> Path:
    return indicators_dir() / "yardsticks.yaml"


_LOADED: dict[tuple[str, str], Yardsticks] = {}  # (resolved path, sha256 of its bytes) → as loaded


def load_yardsticks(path: Path | str | None = None) -> Yardsticks:
    """Read and validate a yardsticks YAML; every problem at once with its line. Duplicate ids are refused.

    A run reads the same file for the framework, the caliber checks, the rules and the peers: the same
    bytes (same path, same sha256) are parsed once per process; each caller gets its own `entries` dict."""
    path = Path(path) if path is not None else default_yardsticks()
    if not path.is_file():
        raise ScorerError.at(msg("yardsticks file not found"), file=path,
                             hint=msg("point `framework.yardsticks` at indicators/yardsticks.yaml, relative to the "
                                      "framework"))
    try:
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        key = None  # unreadable: load_model below says so, at the file
    if key in _LOADED:
        return Yardsticks(dict(_LOADED[key].entries), path, key[1])
    doc, parsed = load_model(path, YardsticksFile, msg("expected a mapping with an `entries:` list"))
    entries: dict[str, Yardstick] = {}
    problems = []
    for k, e in enumerate(parsed.entries):
        if e.id in entries:
            problems.append(Problem(msg("duplicate yardstick id {id!r}", id=e.id), Location(file=path, line=line_of(doc, ("entries", k, "id"))),
                                    msg("a new year's release is a new entry with its own id")))
        entries[e.id] = e
    for k, e in enumerate(parsed.entries):
        if e.kind == "fx":
            problems.append(Problem(msg("yardstick {id!r} repeats an exchange rate", id=e.id),
                                    Location(file=path, line=line_of(doc, ("entries", k, "kind"))),
                                    msg("exchange rates live in indicators/exchange_rates.yaml (the table figures "
                                        "are converted with); cite fx_<year>, which is read from there")))
    if problems:
        raise ScorerError(problems)
    entries.update(exchange_rate_entries())
    loaded = Yardsticks(entries, path, hashlib.sha256(path.read_bytes()).hexdigest())
    if key is not None and key[1] == loaded.sha256:  # not changed while it was read
        _LOADED[key] = Yardsticks(dict(entries), path, loaded.sha256)
    return loaded


def exchange_rate_entries() -> dict[str, Yardstick]:
    """One `fx` yardstick per year of indicators/exchange_rates.yaml (yuan per US dollar), id fx_<year>.

    The rates are kept in one table, the one `scorer.units` converts 美元 amounts with; rules cite them
    as yardsticks (e.g. the historic export threshold in US dollars) through these entries.
    """
    from scorer.units import exchange_rates

    confidence = {"confirmed": "high", "approximate": "medium"}
    return {f"fx_{year}": Yardstick(
        id=f"fx_{year}", kind="fx", year=year, region="national", what_zh="人民币对美元年平均汇率",
        what_en="Average yuan per US dollar", value=r.yuan_per_dollar, unit="元/美元",
        source=r.source, confidence=confidence.get(r.confidence, "low"),
        note=f"indicators/exchange_rates.yaml ({r.confidence})") for year, r in sorted(exchange_rates().items())}


def check_cites(cites: Iterable[tuple[Iterable[str], Location, str]], yardsticks: Yardsticks) -> list[Problem]:
    """Problems for every cited id not in `yardsticks`: (ids, where the citation is, what cites) per citation."""
    problems = []
    for ids, where, who in cites:
        for i in ids:
            if i not in yardsticks:
                close = difflib.get_close_matches(i, list(yardsticks.entries), n=1, cutoff=0.6)
                problems.append(Problem(
                    msg("{who} cites yardstick {i!r}, which {name} does not have",
                        who=who, i=i, name=yardsticks.path.name),
                    where, msg("did you mean {close!r}? cite an id of {path}, or add the entry there (with source "
                               "and confidence)", close=close[0], path=yardsticks.path) if close else
                    msg("cite an id of {path}, or add the entry there (with source and confidence)", path=yardsticks.path)))
    return problems


def cites_in(doc: Any, path: Path, prefix: tuple = ()) -> list[tuple[list[str], Location, str]]:
    """Every `cites:` list anywhere in a YAML document, with its file and line (for files without a model)."""
    found = []

    def walk(node: Any, loc: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "cites":
                    ids = [str(v) for v in value] if isinstance(value, list) else [str(value)]
                    found.append((ids, Location(file=path, line=line_of(doc, loc + (key,))),
                                  ".".join(str(p) for p in loc) or msg("the file")))
                else:
                    walk(value, loc + (key,))
        elif isinstance(node, list):
            for k, item in enumerate(node):
                walk(item, loc + (k,))

    walk(doc, prefix)
    return found


TOLERANCE = 0.05  # published figures are rounded to 2–3 significant digits; a target may round them too


class CannotCheck(ValueError):
    """A number's citations do not make a chain that gives a figure in its unit (raised with a `Text`); `hint`: what
    to do about this cause (a missing exchange rate is not fixed by citing a ratio)."""

    def __init__(self, text, hint=None):
        super().__init__(text)
        self.hint = hint


def is_converter(entry: Yardstick) -> bool:
    """A ratio without a unit (central ÷ national): it converts a figure of `from_region`, it is no figure itself."""
    return entry.kind == "ratio" and not entry.unit


def in_unit(entry: Yardstick, unit: str) -> float:
    """The factor taking `entry`'s value into `unit`; money across 元 and 美元 at the average rate of the
    entry's year (the rate the reader converts that year's figures with, indicators/exchange_rates.yaml;
    yardsticks.md §5: dollar amounts convert at the average rate of their year). Raises units.UnitError."""
    from scorer import units

    if entry.unit == unit:
        return 1.0
    return units.money_factor(entry.unit, unit, entry.year)[0]


def cited_number(value: float, unit: str, cites: list[str], yardsticks: Yardsticks) -> tuple[float, str] | None:
    """What a number citing yardsticks should be: (expected value in `unit`, how it is made), or None
    when no cited entry has a number at all (the caller decides whether that is allowed).

    Convention (framework.yaml targets with `basis` mean/median/threshold, rules.yaml thresholds and
    parameters, caliber checks' `max_share`, the peer model's levels): the FIRST cited entry with a
    value that is not a converter (a ratio without unit) is the number's source, converted to `unit`
    (across currencies at the rate of its year); every cited converter multiplies it (national mean ×
    central ÷ national ratio), and must convert from the region (and caliber) the figure is of so far:
    a central÷national ratio applied to a central figure is refused. Further figures are context.

    Raises CannotCheck (a Text saying why, naming the citations) when the chain cannot give a
    figure in `unit`: only converters cited, a source whose unit does not convert (another measure,
    or a currency without a rate for its year), a converter that does not say what it converts from,
    or one applied to a figure of another region or caliber. A silent pass is never the answer.
    """
    from scorer import units

    numeric = [yardsticks.entries[c] for c in cites if c in yardsticks.entries and yardsticks.entries[c].value is not None]
    if not numeric:
        return None
    sources = [e for e in numeric if not is_converter(e)]
    converters = [e for e in numeric if is_converter(e)]
    if not sources:
        raise CannotCheck(msg("it cites only ratios ({ids}), no figure for them to convert",
                              ids=", ".join(e.id for e in converters)))
    first = sources[0]
    try:
        f = in_unit(first, unit)
    except units.UnitError as exc:
        money = {units.dimension(first.unit), units.dimension(unit)} <= {"rmb", "usd"}
        raise CannotCheck(msg("its source {id} is in {source_unit}, which does not convert to {unit} ({why}): it cannot "
                              "be checked", id=first.id, source_unit=first.unit or msg("no unit"),
                              unit=unit or msg("no unit"), why=text_of(exc)),
                          msg("add the average exchange rate of {year} to indicators/exchange_rates.yaml, or cite a "
                              "figure in {unit}", year=first.year, unit=unit_named(unit)) if money else
                          msg("cite a figure of the same measure, in a unit that converts to {unit}",
                              unit=unit or msg("no unit"))) from None
    expected, how, region, caliber = first.value * f, [first.id], first.region, first.caliber
    for r in converters:
        if not r.from_region:
            raise CannotCheck(msg("ratio {ratio} does not say which region's figure it converts (`from_region:` in "
                                  "{name})", ratio=r.id, name=yardsticks.path.name))
        if r.from_region != region or (r.caliber and caliber and r.caliber != caliber):
            raise CannotCheck(msg("ratio {ratio} converts a {from_region} figure into a {to_region} one, but {source} is "
                                  "already a {region} figure{caliber}: the ratio would be applied twice or to the wrong "
                                  "figure", ratio=r.id, from_region=region_named(r.from_region),
                                  to_region=region_named(r.region), source=how[-1], region=region_named(region),
                                  caliber=both(f" ({caliber})", f"（{caliber_named(caliber).zh}口径）")
                                  if r.from_region == region and caliber else ""))
        expected *= r.value
        how.append(r.id)
        region, caliber = r.region, r.caliber or caliber
    return expected, " × ".join(how)


def check_numbers(items: Iterable[tuple[float, str, list[str], Location, str]], yardsticks: Yardsticks,
                  need_figure: bool = True, own_choice: bool = True, model_note: bool = False) -> list[Problem]:
    """Problems for numbers that do not match the yardsticks they cite (see `cited_number`), e.g. a
    target ten times its cited published mean: (value, unit, cites, where, what) per number.

    A chain that cannot be checked (CannotCheck) is a problem, never a pass; so is a number that
    cites no figure at all, or nothing, when `need_figure` (a threshold or published target with nothing
    to be checked against). The peer model's assumed levels pass need_figure=False (they are bounded instead).
    `own_choice`: the number may be marked `basis: judgement` (the hints say so), else not. `model_note`: the
    numbers are the peer model's, whose judgement says why in `note:` (the hint says so; to no one else).
    """
    fix = msg("correct the number, or cite first the published figure it is") if not own_choice else None
    problems = []
    for value, unit, cites, where, who in items:
        try:
            got = cited_number(value, unit, cites, yardsticks)
        except CannotCheck as exc:
            problems.append(Problem(
                msg("{who} is {value:g} {unit}, but what it cites ({cites}) cannot check it: {why}",
                    who=who, value=value, unit=unit_named(unit), cites=", ".join(cites), why=text_of(exc)), where,
                fix or exc.hint or msg("cite the published figure the number is first, then any central ÷ national "
                                       "ratio that converts it; or mark a number of one's own `basis: judgement`"),
                code="cited_number_unchecked"))
            continue
        if got is None:
            if need_figure and not cites:  # says it is a published figure (or a rule's threshold) and names none
                problems.append(Problem(
                    msg("{who} is {value:g} {unit}, but cites nothing: the value cannot be checked", who=who,
                        value=value, unit=unit_named(unit)), where,
                    fix or msg("cite the yardstick entry the number comes from, or mark a number of one's own "
                               "`basis: judgement`"), code="cited_number_unchecked"))
            elif need_figure:
                problems.append(Problem(
                    msg("{who} is {value:g} {unit}, but nothing it cites ({cites}) has a number: the value cannot be "
                        "checked", who=who, value=value, unit=unit_named(unit), cites=", ".join(cites)), where,
                    fix or msg("give the cited entry its published `value:` and `unit:`, cite one that has them, or mark "
                               "a number of one's own `basis: judgement`"), code="cited_number_unchecked"))
            continue
        expected, how = got
        if expected == 0 and value == 0:
            continue
        if expected == 0 or abs(value / expected - 1) > TOLERANCE:
            ratio = format(value / expected, ".3g") if expected else ""
            u = f" {unit}" if unit else ""
            shown = f"{expected:,.0f}" if abs(expected) >= 1e4 else f"{expected:.4g}"  # 30,766 万元, not 3.077e+04
            problems.append(Problem(
                f"{who} is {as_given(value)}{u}, but what it cites ({how}) gives {shown}{u}"
                + (f" ({ratio}×)" if ratio else ""), where,
                fix or (msg("correct the number or its unit; a number of one's own choosing is not a published "
                            "figure: mark it `basis: judgement` (the peer model then says why in `note:`)") if model_note
                        else msg("correct the number or its unit; a number of one's own choosing is not a published "
                                 "figure: mark it `basis: judgement`")),
                code="cited_number_mismatch",
                message_zh=f"{getattr(who, 'zh', who)} 为 {as_given(value)}{u}，而所引依据（{how}）为 {shown}{u}"
                + (f"（相差 {ratio} 倍）" if ratio else "")))
    return problems


# A target of one's own judgement (`basis: judgement`) may lie well off the figure it cites (a mean as a
# floor for ambition, a historic threshold doubled), but not by an order of magnitude: within 1/3×–3×
# of it. The default targets of judgement that cite a figure lie at 2× at most (output per km² is 30
# against the historic 15), and the slips it is for are 10× and beyond (7.1 for 71 亿元, 万 for 亿).
JUDGEMENT_FACTOR = 3.0


def check_magnitudes(items: Iterable[tuple[float, str, list[str], Location, str]], yardsticks: Yardsticks,
                     factor: float = JUDGEMENT_FACTOR) -> list[Problem]:
    """Problems for numbers of one's own judgement more than `factor`× from what they cite: (value, unit,
    cites, where, what) per number, for measures that cannot be negative (a level; the caller leaves out
    growth rates, whose cited figure is context, not a scale). The cited figure is made as `cited_number`
    makes it; a chain that cannot give a figure in the number's unit, a citation of no figure, or a value
    or figure that is not positive is not checked (a judgement need not rest on a number)."""
    problems = []
    for value, unit, cites, where, who in items:
        try:
            got = cited_number(value, unit, cites, yardsticks)
        except CannotCheck:
            continue
        if got is None or not value > 0 or not got[0] > 0:
            continue
        expected, how = got
        ratio = value / expected
        if 1 / factor <= ratio <= factor:
            continue
        u = f" {unit}" if unit else ""
        shown = f"{expected:,.0f}" if abs(expected) >= 1e4 else f"{expected:.4g}"
        problems.append(Problem(
            msg("{who} is {value}{unit}, {ratio}× what it cites ({how}: {expected}{unit}): a target of judgement more "
                "than {factor:g}× from the figure it rests on is probably a slip of unit or of a digit", who=who,
                value=as_given(value), unit=u, ratio=format(ratio, ".3g"), how=how, expected=shown, factor=factor), where,
            msg("correct the number or its unit; a target this far from the published figure should not cite it as "
                "its basis (say in `source:` why it differs)"), code="cited_number_magnitude"))
    return problems


# Regions that are not a province: a caliber check's line is a province's total, never one of these.
NOT_A_PROVINCE = ("national", "central", "east", "west", "northeast", "省级")


def check_caliber_checks(checks: list, field_units: dict[str, str], yardsticks: Yardsticks, doc: Any,
                         path: Path) -> list[Problem]:
    """Problems with framework.yaml's `caliber_checks:` parameters, each at its line (yardsticks.md §5):
    `province_total` must be a province's `total` on the check's `caliber` (not the old provincial
    one), in a unit the field converts to; `max_share` must be the share the first figure it cites
    gives (a zone's line is a few percent of its province, not the whole of it).
    `checks`: CaliberCheck models; `field_units`: field id → unit."""
    from scorer import units

    problems: list[Problem] = []
    for k, c in enumerate(checks):
        def at(key: str) -> Location:
            return Location(file=path, line=line_of(doc, ("caliber_checks", k, key)))

        e = yardsticks.entries.get(c.province_total)
        if e is None or c.field not in field_units:
            continue  # check_cites and the field check name these
        who = msg("caliber check of {field}", field=c.field)
        if e.kind != "total" or e.region in NOT_A_PROVINCE or e.value is None:
            problems.append(Problem(msg("{who}: `province_total: {id}` is a {kind} of {region}, not a province's total",
                                        who=who, id=e.id, kind=e.kind, region=region_named(e.region)), at("province_total"),
                                    msg("name the yardstick of the province's whole-province total (kind: total)")))
            continue
        if c.field not in e.fields:
            # Units cannot tell measures apart (trade in 万元 converts to the FDI total's 万美元): the total says which
            # raw fields it is the whole of.
            problems.append(Problem(msg("{who}: `province_total: {id}` is a total of {measure}, not of {field}: the line "
                                        "would be drawn against another measure", who=who, id=e.id,
                                        measure=", ".join(e.fields), field=c.field) if e.fields else
                                    msg("{who}: `province_total: {id}` does not say which fields it is the total of "
                                        "(`fields:`), so it cannot be told from a total of another measure", who=who,
                                        id=e.id), at("province_total"),
                                    msg("name the province's total of {field} (its yardstick lists the field under "
                                        "`fields:`)", field=c.field)))
            continue
        if e.caliber != c.caliber:
            problems.append(Problem(msg("{who}: `province_total: {id}` is on caliber {given}, but the field is on caliber "
                                        "{caliber}: the line would be drawn on the wrong caliber", who=who, id=e.id,
                                        given=caliber_named(e.caliber) or msg("no stated caliber"),
                                        caliber=caliber_named(c.caliber)),
                                    at("province_total"),
                                    msg("name the province's total on the {caliber} caliber (its yardstick says "
                                        "`caliber: {id}`)", caliber=caliber_named(c.caliber), id=c.caliber)))
            continue
        try:
            in_unit(e, field_units[c.field])
        except units.UnitError as exc:
            problems.append(Problem(msg("{who}: `province_total: {id}` is in {unit}, which does not convert to the "
                                        "field's {field_unit} ({why})", who=who, id=e.id, unit=e.unit or msg("no unit"),
                                        field_unit=field_units[c.field], why=text_of(exc)), at("province_total"),
                                    msg("name a total of the same measure as the field")))
            continue
        problems += check_numbers([(c.max_share, "%", c.cites, at("max_share"), msg("{who}: `max_share`", who=who))],
                                  yardsticks, own_choice=False)
    return problems


# How sure a figure's sources are, on one scale (the yardsticks add medium-high between medium and high).
CONFIDENCE_RANK = {"low": 0, "medium": 1, "medium-high": 1.5, "high": 2}


def check_confidence(items: Iterable[tuple[str, list[str], Location, str]], yardsticks: Yardsticks) -> list[Problem]:
    """Problems for numbers surer than what they rest on: (confidence, cites, where, what) per number. A number
    is no surer than the figure it rests on (the first cited entry with a value, as `cited_number` takes it)
    and any ratio converting it, and such an entry marked `unverified: true` makes it `low` (`confidence: high`
    on a target resting on a low, unverified historic threshold was accepted). Further figures are context;
    entries without a value (evidence, rules in words) set no ceiling. The framework's targets and the rules' thresholds and parameters pass through here."""
    allowed = {2: "high", 1.5: "medium", 1: "medium", 0: "low"}
    problems = []
    for confidence, cites, where, who in items:
        numeric = [yardsticks.entries[c] for c in cites if c in yardsticks.entries and yardsticks.entries[c].value is not None]
        sources = [e for e in numeric if not is_converter(e)]
        figures = sources[:1] + [e for e in numeric if is_converter(e)]  # the figure it is, and what converts it
        if not figures or confidence not in CONFIDENCE_RANK:
            continue
        weakest = min(figures, key=lambda e: (0 if e.unverified else CONFIDENCE_RANK[e.confidence]))
        ceiling = 0 if weakest.unverified else CONFIDENCE_RANK[weakest.confidence]
        if CONFIDENCE_RANK[confidence] <= ceiling:
            continue
        said = (msg("{who} says `confidence: {given}`, but it rests on {entry}, which is unverified: a figure is no "
                    "surer than its source", who=who, given=confidence, entry=weakest.id) if weakest.unverified else
                msg("{who} says `confidence: {given}`, but it rests on {entry}, of confidence {entry_confidence}: a "
                    "figure is no surer than its source", who=who, given=confidence, entry=weakest.id,
                    entry_confidence=weakest.confidence))
        problems.append(Problem(said, where, msg("set `confidence: {allowed}` or lower, or cite a surer source",
                                                 allowed=allowed[ceiling]) if ceiling else
                                msg("set `confidence: low`, or cite a surer source"), code="confidence_above_source"))
    return problems


def check_basis(items: Iterable[tuple[str, list[str], Location, str]], yardsticks: Yardsticks) -> list[Problem]:
    """Problems for targets whose `basis:` misnames the figure they cite first: (basis, cites, where, what). A
    `median` is no published mean (the yardsticks publish means of right-skewed measures: the median lies
    below; `basis: median` on the central mean was accepted), a `threshold` is a rule's figure (kind: rule),
    a `mean` is a mean (kind mean, or a level in a unit: a share of the zones' trade)."""
    problems = []
    for basis, cites, where, who in items:
        figures = [yardsticks.entries[c] for c in cites if c in yardsticks.entries
                   and yardsticks.entries[c].value is not None and not is_converter(yardsticks.entries[c])]
        if not figures or basis not in ("mean", "median", "threshold"):
            continue
        kind = figures[0].kind
        fits = {"median": kind == "median", "threshold": kind == "rule",
                "mean": kind in ("mean", "median") or (kind in ("ratio", "rate") and bool(figures[0].unit))}[basis]
        if not fits:
            problems.append(Problem(msg("{who} says `basis: {basis}`, but the figure it cites first, {entry}, is a "
                                        "{kind}", who=who, basis=basis, entry=figures[0].id, kind=kind), where,
                                    msg("name what the figure is (`basis: mean` for a published mean, `threshold` "
                                        "for a rule's figure), or `basis: judgement` for a number of one's own"),
                                    code="basis_not_cited"))
    return problems


def unverified_ids(path: Path | str | None) -> frozenset[str]:
    """The ids of a yardsticks file's entries marked `unverified: true` (what the report marks 未核实 wherever a
    number cites one); empty without a file."""
    return frozenset(e.id for e in load_yardsticks(path).entries.values() if e.unverified) if path else frozenset()


def check_uncited(indicators: list[tuple], doc, path) -> list[Problem]:
    """Every target cites the yardstick entries its number rests on or is marked one's own (`basis: judgement`,
    written), and every evidence of status confirmed or plausible cites what says so (`status: own` otherwise):
    `indicators` is (indicator definition, its target value's place, its key path in `doc`) per indicator.
    Problems at those places: a target or evidence with its `cites:` deleted passed validate."""
    problems = []
    from scorer.yamlio import line_of

    for ind, target_at, keys in indicators:
        t, ev = ind.target, ind.evidence
        evidence_at = Location(file=path, line=line_of(doc, keys + ("evidence", "status")))
        if t is not None and not t.cites and not ("basis" in t.model_fields_set and t.basis == "judgement"):
            problems.append(Problem(msg("the target of {id} cites no yardstick entry and is not marked as one's own "
                                        "choice", id=ind.id), target_at,
                                    msg("cite the entries its number rests on (`cites:`), or write `basis: judgement` "
                                        "for a number of one's own")))
        if ev is not None and ev.status != "own" and not ev.cites:
            problems.append(Problem(msg("the evidence of {id} says {status} but cites no yardstick entry", id=ind.id,
                                        status=ev.status), evidence_at,
                                    msg("cite the entries that say so (`cites:`), or write `status: own`")))
    return problems


_PROSE_NUMBER = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*([^\d\s，。；、（）()：:,;]{1,6})")


# A figure as English prose writes it (source_en, name_en): US$43.64m, 19.1bn yuan, 500m yuan, 1.5bn/km², 15.7trn, 100,000
# yuan. A number is read only with a scale (k, m, bn, trn) or a currency; 24 m³ is no money.
_EN_NUMBER = re.compile(r"(?<![\w.])(US\$|\$)?\s?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(trn|bn|m|k)?(?![A-Za-z²³\d])"
                        r"(?:\s?(yuan|RMB|CNY|USD|US dollars|dollars)\b)?")
_EN_SCALE = {None: 1.0, "k": 1e3, "m": 1e6, "bn": 1e9, "trn": 1e12}


def _factor(from_unit: str, unit: str) -> float:
    """units.factor, or into the amount of a unit per something (亿元/平方公里: a figure in 亿元 is per km² in a text
    about that unit). Raises units.UnitError when neither converts."""
    from scorer import units

    try:
        return units.factor(from_unit, unit)
    except units.UnitError:
        if "/" in unit and "/" not in from_unit:
            return units.factor(from_unit, unit.split("/")[0])
        raise


def prose_figures(text: str, unit: str) -> list[tuple[str, float]]:
    """(as written, value in `unit`) of each number in `text` written with a unit of `unit`'s dimension (约71亿元,
    4,364万美元, 29%; for a unit per something, 亿元/平方公里, an amount of its numerator, 15亿元): the longest known unit
    the characters after the number begin with; and in English (US$43.64m, 19.1bn yuan, 0.28bn: an amount without
    a currency is in `unit`'s), so that a source_en or name_en is read as its Chinese is (bt12h F2)."""
    from scorer import units

    out = []
    for m in _PROSE_NUMBER.finditer(text or ""):
        tail = m[3]
        for k in range(len(tail), 0, -1):
            if units.is_known(tail[:k]):
                try:
                    factor = _factor(tail[:k], unit)
                except units.UnitError:
                    break
                value = float(m[1].replace(",", "") + (f".{m[2]}" if m[2] else ""))
                out.append((m[0][:len(m[0]) - len(tail) + k], value * factor))
                break
    money = units.dimension(unit.split("/")[0])
    for m in _EN_NUMBER.finditer(text or ""):
        dollar = bool(m[1]) or (m[4] or "").lower() in ("usd", "us dollars", "dollars")
        currency = "美元" if dollar else "元" if m[4] else {"usd": "美元", "rmb": "元"}.get(money)
        if currency is None or not (m[1] or m[3] or m[4]):
            continue
        try:
            factor = _factor(currency, unit)
        except units.UnitError:
            continue
        out.append((m[0].strip(), float(m[2].replace(",", "")) * _EN_SCALE[m[3]] * factor))
    return out


def check_stated(items: Iterable[tuple[str, float, str, Location, str]]) -> list[Problem]:
    """Problems for a name that states a rule's number other than the rule's own: (text, value, unit, where, what)
    per name (name_zh 年税收收入不低于5亿元, name_en … at least 500m yuan). Every figure of the name in `unit`'s
    dimension (prose_figures) must be the value within 2 %: a threshold moved to a new release's figure (6亿元, citing
    its new entry) whose name still says 5亿元 printed the old number as the condition (bt12h F2). At the name's line."""
    problems = []
    for text, value, unit, where, who in items:
        for written_as, x in prose_figures(text, unit):
            if abs(x - value) > 0.02 * abs(value) if value else x != 0:
                problems.append(Problem(
                    msg("{who}: its name says {written}, but its value is {value:g} {unit}: the printed condition would "
                        "state another number than the one judged", who=who, written=written_as, value=value,
                        unit=unit_named(unit)),
                    where, msg("write the value in the name (or correct the value)"), code="prose_number_contradicts"))
                break
    return problems


def _stale_against(x: float, unit: str, cites: list[str], yardsticks: Yardsticks, near) -> tuple[str, float] | None:
    """(entry id, its figure in `unit`) of a cited entry of the same measure whose figure a text's `x` is off from but
    near (within 25 % either way: a corrected or re-released figure; a text's own choice beside it, 取8% beside the cited
    growth of 5.6%, or a figure of another quantity lies further), when `x` is none of the cited
    entries' figures: their value (either sign: 下降15.1% states −15.1) or a figure their own description states
    (what_zh/what_en: 2019年94件 beside the 2020 value 108) while it states the value too. None when `x` is explained
    or no cited entry compares."""
    off = None
    for c in cites:
        e = yardsticks.entries.get(c)
        if e is None or e.value is None or not e.unit or is_converter(e):
            continue
        try:
            y = e.value * in_unit(e, unit)
        except Exception:  # another measure, or a currency without a rate for its year: nothing to compare
            continue
        stated = [f for text in (e.what_zh, e.what_en) for _, f in prose_figures(text, unit)]
        # a description is the entry's word only while it states the entry's value: one corrected in `value:` alone
        # (108 → 114 with 2020年108件 left in what_zh) explains nothing
        stated = stated if any(abs(f - y) <= 0.02 * abs(y) if y else f == 0 for f in stated) else []
        if near(y) or near(-y) or any(near(f) for f in stated):
            return None
        if y and 0.8 <= x / y <= 1.25 and off is None:
            off = (e.id, y)
    return off


def check_prose(items: Iterable[tuple[str, float, str, list[str], Location, str]], yardsticks: Yardsticks) -> list[Problem]:
    """Problems for a figure a target's printed source text repeats from a yardstick entry it does not cite:
    (text, value, unit, cites, where, what) per text. Issue 12 point 1: targets cite entries instead of repeating
    numbers in prose; a new year's release is a new entry. A target moved to a new entry (75 citing
    central_2024_tax_mean) whose `source:` still says 约71亿元 (central_2023_tax_mean) printed 75 beside a text saying 71
    in the JSON and the report's appendix (bt12h F2). A figure of the text equal (within 2 %) to the target's value or
    to a cited entry's (in `unit`, money at its year's rate) stands; one equal to an entry not cited is a problem
    naming the entry; one near a cited entry's figure but not it (`_stale_against`: the entry corrected 71 → 75 and the
    target with it, the text still 约71亿元, bt12i F4) is a problem naming the entry; other figures (judgement,
    context) are not checked."""
    problems = []
    for text, value, unit, cites, where, who in items:
        for written, x in prose_figures(text, unit):
            def near(y: float) -> bool:
                return abs(x - y) <= 0.02 * abs(y) if y else x == 0
            if near(value):
                continue
            same = []
            for e in yardsticks.entries.values():
                if e.value is None or not e.unit or is_converter(e):
                    continue
                try:
                    if near(e.value * in_unit(e, unit)):
                        same.append(e.id)
                except Exception:  # another measure, or a currency without a rate for its year: not this figure
                    continue
            if not same and (stale := _stale_against(x, unit, cites, yardsticks, near)) is not None:
                entry, figure = stale  # bt12i F4: an entry corrected 71 → 75, the target with it, the text still 71
                problems.append(Problem(
                    msg("{who}: its source text says {written}, where the entry it cites, {entry}, gives {figure} "
                        "(the value is {value:g}): the printed text would contradict the figure it rests on",
                        who=who, written=written, entry=entry, value=value,
                        figure=both(money_en(figure, unit) or f"{as_given(figure)} {unit_named(unit)}", f"{as_given(figure)}{unit}")),
                    where, msg("write the cited entry's figure in the text (or cite the entry the text's figure is "
                               "from)"), code="prose_number_stale"))
                continue
            if same and not set(same) & set(cites):
                problems.append(Problem(
                    msg("{who}: its source text says {written}, the figure of {entries}, which it does not cite (it cites "
                        "{cites}; the value is {value:g}): the printed text would contradict the target",
                        who=who, written=written, entries=", ".join(same), cites=", ".join(cites) or "—", value=value),
                    where, msg("cite that entry too if the text means it (as context, after the target's own), or "
                               "correct the text to the cited figure"), code="prose_number_uncited"))
    return problems
