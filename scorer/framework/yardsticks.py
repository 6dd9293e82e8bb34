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
from typing import Any, Iterable, Literal, Optional

from pydantic import Field, model_validator

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg
from scorer.framework.base import ID_PATTERN, _Strict, load_model
from scorer.resources import indicators_dir
from scorer.yamlio import line_of

Confidence = Literal["high", "medium-high", "medium", "low"]


class Yardstick(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    kind: Literal["count", "total", "mean", "ratio", "rank", "rate", "fx", "rule", "evidence"]
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
    source: str = Field(min_length=1)
    source_en: str = ""
    confidence: Confidence
    unverified: bool = False
    note: str = ""

    @model_validator(mode="after")
    def _has_what_its_kind_needs(self) -> "Yardstick":
        if self.kind in ("count", "total", "mean", "ratio", "rate", "fx") and self.value is None:
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


def load_yardsticks(path: Path | str | None = None) -> Yardsticks:
    """Read and validate a yardsticks YAML; every problem at once with its line. Duplicate ids are refused."""
    path = Path(path) if path is not None else default_yardsticks()
    if not path.is_file():
        raise ScorerError.at(msg("yardsticks file not found"), file=path,
                             hint=msg("point `framework.yardsticks` at indicators/yardsticks.yaml, relative to the "
                                      "framework"))
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
    return Yardsticks(entries, path, hashlib.sha256(path.read_bytes()).hexdigest())


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


def cited_number(value: float, unit: str, cites: list[str], yardsticks: Yardsticks) -> tuple[float, str] | None:
    """What a number citing yardsticks should be: (expected value in `unit`, how it is made), or None to skip.

    Convention (framework.yaml targets with `basis` mean/median/threshold, rules.yaml thresholds, the
    peer model's parameters): the FIRST cited entry with a value is the number's source, converted
    to `unit`; every further cited entry of kind `ratio` without a unit multiplies it (national mean ×
    central ÷ national ratio). Other entries are context. Skipped (None) when the first cited entry
    has no value, or its unit does not convert to `unit` (a different measure: context, not source).
    """
    from scorer import units

    numeric = [yardsticks.entries[c] for c in cites if c in yardsticks.entries and yardsticks.entries[c].value is not None]
    if not numeric:
        return None
    first = numeric[0]
    try:
        f = 1.0 if first.unit == unit else units.factor(first.unit, unit)
    except units.UnitError:
        return None
    expected, how = first.value * f, [first.id]
    for e in numeric[1:]:
        if e.kind == "ratio" and not e.unit:
            expected *= e.value
            how.append(e.id)
    return expected, " × ".join(how)


def check_numbers(items: Iterable[tuple[float, str, list[str], Location, str]], yardsticks: Yardsticks) -> list[Problem]:
    """Problems for numbers that do not match the yardsticks they cite (see `cited_number`), e.g. a
    target ten times its cited published mean: (value, unit, cites, where, what) per number."""
    problems = []
    for value, unit, cites, where, who in items:
        got = cited_number(value, unit, cites, yardsticks)
        if got is None:
            continue
        expected, how = got
        if expected == 0 and value == 0:
            continue
        if expected == 0 or abs(value / expected - 1) > TOLERANCE:
            ratio = value / expected if expected else float("inf")
            u = f" {unit}" if unit else ""
            problems.append(Problem(
                f"{who} is {value:g}{u}, but what it cites ({how}) gives {expected:.4g}{u}"
                f" ({ratio:.3g}×)", where,
                msg("correct the number or its unit; a number of one's own choosing is not a published figure: "
                    "mark it `basis: judgement` (the peer model then says why in `note:`)"),
                code="cited_number_mismatch",
                message_zh=f"{getattr(who, 'zh', who)} 为 {value:g}{u}，而所引依据（{how}）为 {expected:.4g}{u}（相差 {ratio:.3g} 倍）"))
    return problems
