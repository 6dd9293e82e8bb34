"""Scenario files: YAML → validated changes to a quarter's fields, indicators, weights and methods (no scoring here).

A change is written as an analyst would: `+20%`, `-8%`, `+500 万美元`, `-2`, `= 6.2 亿元`; see
`parse_change`. `load_scenario` validates a file against the framework and names the file and line of
every problem; `dump_scenario` writes a scenario back (the plan's output).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

import numpy as np
import yaml
from pydantic import Field

from scorer import units
from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import Framework, MethodSpec, _closest, _Strict, load_model
from scorer.methods.aggregate import AGGREGATORS
from scorer.methods.impute import GROUPED, IMPUTERS
from scorer.yamlio import line_of


NORMALISATIONS = {"targets": "按目标值标准化", "peers": "与对照样本极差标准化"}
IMPUTATIONS = ["none"] + sorted(m for m in IMPUTERS if m not in GROUPED and m != "none")
BASELINE_NAME = "基准"



# ------------------------------------------------------------------------------- changes
class ChangeError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Change:
    """One change to a number: add an amount, scale by a share, or set a new value (in the target's unit)."""

    op: Literal["add", "scale", "set"]
    amount: float  # in the target's unit for add and set; a fraction for scale (0.2 = +20%)
    text: str = ""

    def apply(self, base: np.ndarray | float) -> np.ndarray | float:
        if self.op == "add":
            return base + self.amount
        if self.op == "scale":
            return base * (1.0 + self.amount)
        return self.amount + 0.0 * base  # keeps the shape of `base`

    @property
    def code(self) -> int:
        return {"add": 1, "scale": 2, "set": 3}[self.op]


_CHANGE = re.compile(r"^(?P<op>[+\-=])\s*(?P<sign>-)?\s*(?P<num>(?:\d[\d,\s]*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)"
                     r"\s*(?P<unit>.*?)\s*$")
_POINTS = {"百分点", "个百分点", "pp"}
_HOW = "write +20% or -8% for a relative change, +500 万美元 or -2 for an amount, = 6.2 亿元 for a new value"


def parse_change(text: str, unit: str) -> Change:
    """Read a change as written in a scenario (`+20%`, `+500 万美元`, `= 6.2 亿元`) for a quantity in `unit`."""
    raw = str(text)
    clean = unicodedata.normalize("NFKC", raw).replace("−", "-").replace("\u2009", " ").replace("\u202f", " ").strip()
    m = _CHANGE.match(clean)
    if not m:
        raise ChangeError(f"cannot read the change {raw!r}: it must start with +, - or =", _HOW)
    op, given = m["op"], m["unit"].strip()
    if m["sign"] and op != "=":
        raise ChangeError(f"cannot read the change {raw!r}: two signs", _HOW)
    amount = float(re.sub(r"[,\s]", "", m["num"])) * (-1.0 if m["sign"] or op == "-" else 1.0)
    is_rate = units.normalise_unit(unit) in ("%", "％")
    given_norm = units.normalise_unit(given) if given else ""
    kind = "set" if op == "=" else "add"
    if given_norm in ("%", "％"):
        if op == "=":
            if not is_rate:
                raise ChangeError(f"{raw!r}: a new value in % for a quantity in {unit}",
                                  f"give the new value in {unit}, or write a relative change like +20%")
            return Change("set", amount, raw)
        if is_rate:
            raise ChangeError(f"{raw!r} is ambiguous for a rate in %: a relative change or percentage points?",
                              "write +2 百分点 for percentage points, or = 12.5 for the new rate")
        return Change("scale", amount / 100.0, raw)
    if given_norm in _POINTS:
        if not is_rate:
            raise ChangeError(f"{raw!r}: 百分点 applies to rates in %, and this quantity is in {unit}",
                              f"give the change in {unit}, or as a relative change like +5%")
        return Change(kind, amount, raw)
    if given_norm and given_norm != units.normalise_unit(unit):
        try:
            amount *= units.factor(given_norm, unit)
        except units.UnitError as exc:
            known = units.is_known(given_norm)
            raise ChangeError(f"{raw!r}: {exc}" if known else f"{raw!r}: unknown unit {given!r}",
                              f"give the change in {unit} or a unit convertible to it (e.g. 亿元 for 万元), or in %"
                              ) from None
    return Change(kind, amount, raw)


# ------------------------------------------------------------------------------ the YAML
Weight = Annotated[float, Field(gt=0)]


class MethodsSpec(_Strict):
    normalisation: Optional[Literal["targets", "peers"]] = None
    aggregation: Optional[Union[str, MethodSpec]] = None
    imputation: Optional[str] = None


class ScenarioFile(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    fields: dict[str, str] = {}
    indicators: dict[str, str] = {}
    weights: dict[str, Weight] = {}
    methods: MethodsSpec = MethodsSpec()


@dataclass
class Scenario:
    """Changes to the baseline's reported quarter, validated against a framework."""

    name: str
    description: str = ""
    fields: dict[str, Change] = field(default_factory=dict)
    indicators: dict[str, Change] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)  # code → percentage of its parent
    normalisation: str = "targets"
    aggregation: MethodSpec | None = None  # None: the framework's
    imputation: str | None = None  # None: the framework's
    path: Path | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "path": str(self.path) if self.path else None,
                "fields": {k: c.text or f"{c.op} {c.amount:g}" for k, c in self.fields.items()},
                "indicators": {k: c.text or f"{c.op} {c.amount:g}" for k, c in self.indicators.items()},
                "weights": self.weights, "normalisation": self.normalisation,
                "aggregation": self.aggregation.model_dump() if self.aggregation else None,
                "imputation": self.imputation}


def load_scenario(path: Path | str, framework: Framework) -> Scenario:
    """Read and check a scenario YAML against the framework; every problem at once, with its line."""
    path = Path(path)
    doc, spec = load_model(path, ScenarioFile, "a scenario is a mapping with `name:` and the changes (`fields:`, "
                           "`indicators:`, `weights:`, `methods:`)", hint="see examples/scenarios/", numbers_as_text=True)
    problems: list[Problem] = []

    def at(*loc) -> Location:
        return Location(file=path, line=line_of(doc, loc))

    def changes(section: str, known: dict, unit_of, other: dict, other_section: str) -> dict[str, Change]:
        out = {}
        for key, text in getattr(spec, section).items():
            if key not in known:
                close = _closest(key, list(known))
                hint = (f"{key!r} is an {other_section[:-1]}: put it under `{other_section}:`" if key in other else
                        (f"did you mean {close!r}? " if close else "") + f"see the ids in {_where(framework, section)}")
                problems.append(Problem(f"unknown {section[:-1]} {key!r} under `{section}:`", at(section, key), hint))
                continue
            try:
                out[key] = parse_change(text, unit_of(key))
            except ChangeError as exc:
                problems.append(Problem(f"{section}.{key}: {exc}", at(section, key), exc.hint))
        return out

    fields = changes("fields", framework.fields, lambda k: framework.fields[k].unit, framework.indicators, "indicators")
    inds = changes("indicators", framework.indicators, lambda k: framework.indicators[k].unit, framework.fields, "fields")
    codes = set(framework.indicators) | {g for g in framework.groups if g != "index"}
    for code in spec.weights:
        if code not in codes:
            close = _closest(code, sorted(codes))
            problems.append(Problem(f"unknown indicator or group {code!r} under `weights:`", at("weights", code),
                                    (f"did you mean {close!r}? " if close else "") + "use an id from the framework"))
    methods = spec.methods
    aggregation = MethodSpec(method=methods.aggregation) if isinstance(methods.aggregation, str) else methods.aggregation
    if aggregation is not None and aggregation.method not in AGGREGATORS:
        problems.append(Problem(f"unknown aggregation method {aggregation.method!r}", at("methods", "aggregation"),
                                f"available: {', '.join(sorted(AGGREGATORS))}"))
    if methods.imputation is not None and methods.imputation not in IMPUTATIONS:
        problems.append(Problem(f"unknown imputation method {methods.imputation!r}", at("methods", "imputation"),
                                f"available: {', '.join(IMPUTATIONS)}"))
    if problems:
        raise ScorerError(problems)
    return Scenario(spec.name, spec.description.strip(), fields, inds, dict(spec.weights),
                    methods.normalisation or "targets", aggregation, methods.imputation, path)


def _where(framework: Framework, section: str) -> str:
    if section == "fields" and framework.fields_path is not None:
        return Path(framework.fields_path).name
    return Path(framework.path).name


def load_scenarios(paths: list[Path | str], framework: Framework) -> list[Scenario]:
    """Load several scenario files; the problems of all of them in one error."""
    out, problems = [], []
    for p in paths:
        try:
            out.append(load_scenario(p, framework))
        except ScorerError as exc:
            problems += exc.problems
    if problems:
        raise ScorerError(problems)
    return out


def dump_scenario(scenario: Scenario, path: Path | str) -> None:
    """Write a scenario as YAML that `load_scenario` reads back (e.g. a Monte Carlo draw or a plan)."""
    doc: dict = {"name": scenario.name}
    if scenario.description:
        doc["description"] = scenario.description
    if scenario.fields:
        doc["fields"] = {k: c.text or _change_text(c) for k, c in scenario.fields.items()}
    if scenario.indicators:
        doc["indicators"] = {k: c.text or _change_text(c) for k, c in scenario.indicators.items()}
    if scenario.weights:
        doc["weights"] = {k: float(v) for k, v in scenario.weights.items()}
    methods = {}
    if scenario.normalisation != "targets":
        methods["normalisation"] = scenario.normalisation
    if scenario.aggregation is not None:
        methods["aggregation"] = scenario.aggregation.model_dump()
    if scenario.imputation is not None:
        methods["imputation"] = scenario.imputation
    if methods:
        doc["methods"] = methods
    Path(path).write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _change_text(c: Change) -> str:
    if c.op == "scale":
        return f"{c.amount * 100:+.10g}%"
    if c.op == "set":
        return f"= {c.amount:.12g}"
    return f"{c.amount:+.12g}"
