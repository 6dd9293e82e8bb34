"""Scenario files: YAML → validated changes to a quarter's fields, indicators, weights and methods (no scoring here).

A change is written as an analyst would: `+20%`, `-8%`, `+500 万美元`, `-2`, `= 6.2 亿元`; see
`parse_change`. An amount names its unit wherever the quantity is written in several (`+10` for
进出口总额 could be 万元 or 亿元, `units.other_scales`): a bare number is taken only for counts (个, 家)
and rates (%), whose unit is written one way. A weight carries its unit: `35%` of its parent, or bare shares only when every sibling
under one parent is given and they sum to 1 (`parse_weight`); a bare `0.35` alone is refused, never
guessed. `load_scenario` validates a file against the framework and names the file and line of every
problem, including a change that can only give an impossible value (outside the field's or
indicator's declared `bounds`); `dump_scenario` writes a scenario back (the plan's output).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Optional, Union

import numpy as np
import yaml
from pydantic import Field, field_validator

from scorer import fmt, units
from scorer.atomic import write_atomic
from scorer.sheets import printable
from scorer.errors import Location, Problem, ScorerError
from scorer.i18n import method_id
from scorer.messages import both, msg, N_, Text, text_of, written
from scorer.framework.model import Bounds, Framework, MethodSpec, _closest, _Strict, load_model
from scorer.framework.named import field_with_unit, unknown_statistic_hint, unit_mismatch
from scorer.methods.aggregate import AGGREGATORS
from scorer.methods.impute import GROUPED, IMPUTERS
from scorer.read.text import LARGEST_PLAUSIBLE
from scorer.yamlio import line_of, yaml_document
from scorer.i18n import unit_named


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
        # `= value` is the value whatever the base, a missing one too (bt16i F5: `rd_institutions: = 12` on a quarter
        # without the figure came out NaN and was dropped, told to "set a value with `= …`"); the shape of `base` kept
        return np.full(np.shape(base), self.amount, dtype=float) if np.ndim(base) else float(self.amount)

    @property
    def code(self) -> int:
        return {"add": 1, "scale": 2, "set": 3}[self.op]


_CHANGE = re.compile(r"^(?P<op>[+\-=])\s*(?P<sign>-)?\s*(?P<num>(?:\d[\d,\s]*(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)"
                     r"\s*(?P<unit>.*?)\s*$")
# A change whose number is a word Python would read as a float that is no amount (nan, inf, infinity; YAML's .nan, .inf)
_NOT_A_NUMBER = re.compile(r"^[+\-=]?\s*[+\-]?\s*(?P<word>\.?(?:nan|inf(?:inity)?))(?![a-z])", re.I)
_POINTS = {"百分点", "个百分点", "pp"}
HOW_TO_CHANGE = _HOW = N_("write +20% or -8% for a relative change, +500 万美元 or -2 for an amount, = 6.2 亿元 for a new value")


def parse_change(text: str, unit: str, written: str | None = None) -> Change:
    """Read a change as written in a scenario (`+20%`, `+500 万美元`, `= 6.2 亿元`) for a quantity in `unit`.

    An amount without a unit (`+10`, `=62000`) is read in `unit` only when `unit` is written one way
    (a count: 个, 家; a rate: %; a compound unit such as 亿元/平方公里); for a unit with other scales
    (万元, 吨, 万人: `units.other_scales`) it is refused, asking for the unit. `written`: the text as the user wrote
    it, when `text` was made from it (an effort's `40%` read as `+40%`): every message quotes it, never text the
    user did not write (bt16h F6). Raises ChangeError (message and hint)."""
    raw = str(text if written is None else written)
    text = str(text)
    clean = unicodedata.normalize("NFKC", text).replace("−", "-").replace("\u2009", " ").replace("\u202f", " ").strip()
    m = _CHANGE.match(clean)
    word = _NOT_A_NUMBER.match(clean)
    if word or (not m and clean[:1] in ("+", "-", "=")):
        # `= nan`, `+inf%`, YAML's .nan, `= abc`: what is wrong is the number, not the sign (bt16 F12)
        what = word["word"] if word else clean[1:].strip()
        said = msg("cannot read the change {raw!r}: {word!r} is not a number", raw=raw, word=what) if what else \
            msg("cannot read the change {raw!r}: no number after the sign", raw=raw)
        raise ChangeError(said, msg(_HOW))
    if not m:
        raise ChangeError(msg("cannot read the change {raw!r}: it must start with +, - or =", raw=raw), msg(_HOW))
    op, given = m["op"], m["unit"].strip()
    if m["sign"] and op != "=":
        raise ChangeError(msg("cannot read the change {raw!r}: two signs", raw=raw), msg(_HOW))
    spaced = fmt.despaced(m["num"])
    number = None if spaced is None else fmt.ungrouped(spaced)
    if number is None:  # +12,5% is not +125% (bt17 F8): a decimal comma or a slip
        raise ChangeError(msg("cannot read the change {raw!r}: its comma does not separate thousands (1,234,567.8); "
                              "a decimal comma?", raw=raw), msg("write the decimal with a point: +12.5%"))
    amount = float(number) * (-1.0 if m["sign"] or op == "-" else 1.0)
    if not math.isfinite(amount):
        raise ChangeError(msg("{raw!r}: the number is too large to compute with", raw=raw), msg(_HOW))
    is_rate = units.normalise_unit(unit) in ("%", "％")
    given_norm = units.normalise_unit(given) if given else ""
    kind = "set" if op == "=" else "add"
    if given_norm in ("%", "％"):
        if op == "=":
            if not is_rate:
                raise ChangeError(msg("{raw!r}: a new value in % for a quantity in {unit}", raw=raw, unit=unit_named(unit)),
                                  msg("give the new value in {unit}, or write a relative change like +20%", unit=unit_named(unit)))
            return Change("set", amount, raw)
        if is_rate:
            raise ChangeError(msg("{raw!r} is ambiguous for a rate in %: a relative change or percentage points?", raw=raw),
                              msg("write +2 百分点 for percentage points, or = 12.5 for the new rate"))
        return Change("scale", amount / 100.0, raw)
    if given_norm in _POINTS:
        if not is_rate:
            raise ChangeError(msg("{raw!r}: 百分点 applies to rates in %, and this quantity is in {unit}", raw=raw, unit=unit_named(unit)),
                              msg("give the change in {unit}, or as a relative change like +5%", unit=unit_named(unit)))
        return Change(kind, amount, raw)
    if not given_norm and units.other_scales(unit):
        # +10 for 进出口总额: 万元 (its workbook row) or 亿元 (its indicator)? A ×10 000 slip either way: never guessed.
        others = units.other_scales(unit)
        larger = [u for u in others if units.factor(u, unit) > 1]
        example = units.ten_thousand_apart(unit)[1] or (larger[0] if larger else others[-1])  # 万元 → 亿元
        shown = fmt.as_given(amount if op == "=" else abs(amount))
        sign = "= " if op == "=" else ("-" if amount < 0 else "+")
        raise ChangeError(msg("{raw!r} gives no unit, and a quantity in {unit} is also written in {others}: the number "
                              "alone does not say which", raw=raw, unit=unit_named(unit),
                              others=both(", ".join(map(str, map(unit_named, others))), "、".join(others))),
                          msg("write the unit after the number: {sign}{amount} {unit} or {sign}{amount} {example}",
                              sign=sign, amount=shown, unit=unit, example=example))
    if given_norm and given_norm != units.normalise_unit(unit):
        try:
            amount *= units.factor(given_norm, unit)
        except units.UnitError as exc:
            known = units.is_known(given_norm)
            raise ChangeError(msg("{raw!r}: {why}", raw=raw, why=text_of(exc)) if known
                              else msg("{raw!r}: unknown unit {given!r}", raw=raw, given=given),
                              _convertible_hint(unit)) from None
    if not math.isfinite(amount):
        raise ChangeError(msg("{raw!r}: the number is too large to compute with in {unit}", raw=raw, unit=unit_named(unit)), msg(_HOW))
    return Change(kind, amount, raw)


def impossible(change: Change, bounds: Bounds, unit: str, base: float | None = None,
               whole_counts: bool = True) -> str | None:
    """Why `change` can only give a value outside `bounds` (None if it may be possible).

    Without `base` (the value it applies to) only what holds for any base is judged: a new value
    outside the bounds, or a cut of more than 100 % of a quantity that cannot be negative, or a count
    (a unit of single things, `units.counts_single_things`: 个, 家, 人 …) changed by a fraction, or a
    new value or an amount of 1e15 or more (`scorer.read.text.LARGEST_PLAUSIBLE`: no zone's statistic
    is that large, as the reader holds for a cell). With a finite `base`, the result itself is judged,
    including one too large to compute (overflow) or to be a statistic, and a count scaled to a
    fraction (27 个 +10 % = 29.7 个). `whole_counts=False` leaves the count rule out
    (a Monte Carlo draw's measurement error scales counts by fractions on purpose).
    """
    counted = whole_counts and units.counts_single_things(unit)
    if counted and change.op in ("add", "set") and not math.isnan(change.amount) and not _whole(change.amount):
        return msg("a count in {unit} changes by whole numbers, and {amount} {unit} is not one (the value must be "
                   "a whole number of {unit})", unit=unit_named(unit), amount=fmt.as_given(change.amount))
    if change.op in ("add", "set") and abs(change.amount) >= LARGEST_PLAUSIBLE:
        return msg("{amount} {unit} is too large to be a statistic of a zone", amount=fmt.as_given(change.amount),
                   unit=unit_named(unit))
    if change.op == "set":
        after = change.amount
        if math.isnan(after):
            return None  # no figure: the quarter goes without it, as imputation runs decide
    elif base is None or not math.isfinite(base):
        if change.op == "scale" and change.amount < -1.0 and bounds.min is not None and bounds.min >= 0:
            return msg("a cut of {cut}% leaves less than nothing (the value must be {bounds})",
                       cut=fmt.distinct(-change.amount * 100, 100.0), bounds=bounds.describe(unit))
        if change.op == "scale" and not math.isfinite(1.0 + change.amount):
            return msg("the change is too large to compute with")
        return None
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            after = float(change.apply(float(base)))
    if not math.isfinite(after):
        return msg("the result is too large to compute with (from {base:g} {unit})", base=base, unit=unit_named(unit))
    if abs(after) >= LARGEST_PLAUSIBLE:
        return msg("the result, {after:g} {unit} (from {base:g}), is too large to be a statistic of a zone", after=after,
                   unit=unit_named(unit), base=base)
    if not bounds.contains(after):
        shown = fmt.as_given(after) if change.op == "set" else fmt.distinct(after, bounds.min, bounds.max)
        got = f"{shown} {unit}" + (f" (from {base:.6g})" if change.op != "set" else "")
        return msg("the result, {got}, is impossible: the value must be {bounds}", got=got, bounds=bounds.describe(unit))
    if counted and change.op == "scale" and _whole(base) and not _whole(after):
        return msg("the result, {after:.6g} {unit} (from {base:.6g}), is not a whole number of {unit}: write the change "
                   "as a whole number, e.g. +{step:g}", after=after, unit=unit_named(unit), base=base,
                   step=max(1, round(abs(after - base))))
    return None


def _whole(x: float) -> bool:
    return math.isfinite(x) and abs(x - round(x)) <= 1e-9 * max(1.0, abs(x))


_WEIGHT = re.compile(r"^(?P<num>(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?P<pct>%)?$")
# The least weight a scenario may give, in percent of its parent: 0.1 % moves no score by a tenth of a point
# (scores are 0–100); anything smaller (1e-300%) is a slip or a way of writing 0, which is refused too.
MIN_WEIGHT_PERCENT = 0.1
_WEIGHT_HOW = N_("write the weight as a percentage of its parent, e.g. 35%")


def parse_weight(text: str) -> tuple[Literal["percent", "share"], float]:
    """Read a scenario weight: `35%` → ("percent", 35.0); a bare `0.35` → ("share", 0.35).

    A weight below MIN_WEIGHT_PERCENT of its parent (0.001 as a share) is refused.
    A bare number is only a candidate share: `load_scenario` accepts shares only when every sibling
    under one parent is given as one and they sum to 1. Raises ChangeError for anything else.
    """
    clean = fmt.despaced(unicodedata.normalize("NFKC", str(text)).strip()) or ""  # 12 5 is no weight of 125
    m = _WEIGHT.match(clean)
    if not m:
        raise ChangeError(msg("cannot read the weight {text!r}", text=text),
                          msg(_WEIGHT_HOW) + msg(", or a share like 0.35 (then every weight under the same parent as "
                                                 "shares summing to 1)"))
    value = float(m["num"])
    if not math.isfinite(value) or value <= 0:
        raise ChangeError(msg("the weight {text!r} must be a positive number", text=text), msg(_WEIGHT_HOW))
    if value * (1 if m["pct"] else 100) < MIN_WEIGHT_PERCENT:  # 1e-300% is 0 in all but name
        raise ChangeError(msg("the weight {text!r} is below {least}% of its parent: too small to be meant",
                              text=text, least=MIN_WEIGHT_PERCENT), msg(_WEIGHT_HOW))
    if m["pct"]:
        if value > 100:
            raise ChangeError(msg("the weight {text!r} is more than all of its parent", text=text),
                              msg("a weight is at most 100%"))
        return "percent", value
    return "share", value


# ------------------------------------------------------------------------------ the YAML


class MethodsSpec(_Strict):
    normalisation: Optional[Literal["targets", "peers"]] = None
    aggregation: Optional[Union[str, MethodSpec]] = None
    imputation: Optional[str] = None

    @field_validator("normalisation", "imputation", mode="before")
    @classmethod
    def _by_name(cls, value: Any) -> Any:
        """A method written by the name the report gives it (目标值法, 沿用上期) is that method (bt15j F6)."""
        return method_id(value) if isinstance(value, str) else value


class ScenarioFile(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    fields: dict[str, str] = {}
    indicators: dict[str, str] = {}
    weights: dict[str, Union[str, float]] = {}  # "35%", or a share; see parse_weight
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
    lines: dict[str, int] = field(default_factory=dict)  # "fields.fdi_actual" → its line in `path`

    def where(self, section: str, key: str) -> Location:
        """The file and line of one entry, e.g. where("fields", "fdi_actual")."""
        return Location(file=self.path, line=self.lines.get(f"{section}.{key}"))

    def as_dict(self) -> dict:
        return {"name": self.name, "description": self.description, "path": str(self.path) if self.path else None,
                "fields": {k: c.text or f"{c.op} {written(c.amount)}" for k, c in self.fields.items()},
                "indicators": {k: c.text or f"{c.op} {written(c.amount)}" for k, c in self.indicators.items()},
                "weights": self.weights, "normalisation": self.normalisation,
                "aggregation": self.aggregation.model_dump() if self.aggregation else None,
                "imputation": self.imputation}


def load_scenario(path: Path | str, framework: Framework) -> Scenario:
    """Read and check a scenario YAML against the framework; every problem at once, with its line."""
    path = Path(path)
    doc, spec = load_model(path, ScenarioFile, msg("a scenario is a mapping with `name:` and the changes (`fields:`, "
                           "`indicators:`, `weights:`, `methods:`)"), hint=msg("see examples/scenarios/"),
                           numbers_as_text=True)
    problems: list[Problem] = []
    spelled: dict[str, tuple[str, str]] = {}  # "fields.fdi_actual" -> the key as written (实际使用外资金额（亿美元）)

    def at(*loc) -> Location:
        return Location(file=path, line=line_of(doc, loc))

    def changes(section: str, known: dict, unit_of, other: dict, other_section: str) -> dict[str, Change]:
        bounds_of = {k: known[k].value_bounds for k in known} if section == "fields" else \
            {k: known[k].spec.value_bounds for k in known}
        out = {}
        by_name = framework.field_id if section == "fields" else framework.indicator_id
        for written, text in getattr(spec, section).items():
            key, unit_written = by_name(written), None  # an id, or the Chinese name an analyst writes (实际使用外资金额)
            if key is None and section == "fields" and (found := field_with_unit(framework, written)) is not None:
                key, unit_written = found  # 实际使用外资金额（万美元）, as series --field and peer headers take it (bt15k F1)
            key = key or written
            if key in out:
                problems.append(Problem(msg("{section}.{key} is changed twice (by id and by name)", section=section, key=key),
                                        at(section, written), msg("keep one of the two lines")))
                continue
            if key not in known:
                close = _closest(key, list(known))
                other_key = key if key in other else (framework.field_id(written) if section == "indicators" else None)
                if section == "fields":
                    hint = unknown_statistic_hint(framework, written)
                elif other_key is not None:
                    hint = msg("{key!r} is an {kind}: put it under `{section}:`", key=other_key, kind=other_section[:-1],
                               section=other_section)
                else:
                    hint = ((msg("did you mean {close!r}? ", close=close) if close else Text("")) +
                            msg("see the ids in {file}", file=_where(framework, section)))
                problems.append(Problem(msg("unknown {kind} {key!r} under `{section}:`", kind=section[:-1], key=key,
                                            section=section), at(section, written), hint))
                continue
            if unit_written is not None and (why := unit_mismatch(framework, key, unit_written)) is not None:
                problems.append(Problem(msg("{section}.{key}: {why}", section=section, key=written, why=why),
                                        at(section, written),
                                        msg("write the name alone, or with its own unit: {name}（{unit}）",
                                            name=known[key].label, unit=unit_of(key))))
                continue
            try:
                change = parse_change(_in_unit(text, unit_written), unit_of(key), written=str(text))
            except ChangeError as exc:
                problems.append(Problem(msg("{section}.{key}: {why}", section=section, key=key, why=text_of(exc)),
                                        at(section, written), exc.hint))
                continue
            if change.op == "set" and units.normalise_unit(unit_of(key)) in ("%", "％") and "%" not in str(text) \
                    and "％" not in str(text) and 0 < abs(change.amount) < 1:
                # = 0.05 for a rate in %: a fraction (5 %) or really 0.05 %? Never guessed.
                problems.append(Problem(
                    msg("{section}.{key}: {text!r} sets a rate in % below 1: is it a fraction ({pct} %) or "
                        "{value} %?", section=section, key=key, text=text,
                        pct=fmt.as_given(round(change.amount * 100, 10)), value=fmt.as_given(change.amount)),
                    at(section, written),
                    msg("write = {pct} for {pct} %, or = {value}% if {value} % is meant",
                        pct=fmt.as_given(round(change.amount * 100, 10)), value=fmt.as_given(change.amount))))
                continue
            why = impossible(change, bounds_of[key], unit_of(key))
            zeroes = (change.op == "set" and change.amount == 0) or (change.op == "scale" and change.amount == -1)
            if not why and section == "fields" and zeroes and (divided := _divided_by(framework, key)):
                # an indicator that divides by it would have no value and drop out of its category, silently (bt16h F4)
                problems.append(Problem(
                    msg("{section}.{key}: {text!r} makes it 0, and {names} divide by it: they would have no value",
                        section=section, key=key, text=text,
                        names=both(", ".join(i.name_en or i.name_zh for i in divided), "、".join(i.name_zh for i in divided))),
                    at(section, written), msg("give a value above 0")))
                continue
            if why:
                problems.append(Problem(msg("{section}.{key}: {text!r}: {why}", section=section, key=key, text=text, why=why),
                                        at(section, written), msg("check the sign and the unit; bounds are declared in {file}",
                                                                  file=_where(framework, section))))
                continue
            out[key] = change
            spelled[f"{section}.{key}"] = (section, written)
        return out

    fields = changes("fields", framework.fields, lambda k: framework.fields[k].unit, framework.indicators, "indicators")
    inds = changes("indicators", framework.indicators, lambda k: framework.indicators[k].unit, framework.fields, "fields")
    weights = _weights(spec.weights, framework, at, problems)
    methods = spec.methods
    aggregation = MethodSpec(method=methods.aggregation) if isinstance(methods.aggregation, str) else methods.aggregation
    if aggregation is not None and aggregation.method not in AGGREGATORS:
        problems.append(Problem(msg("unknown aggregation method {method!r}", method=aggregation.method),
                                at("methods", "aggregation"), msg("available: {names}", names=", ".join(sorted(AGGREGATORS)))))
    elif aggregation is not None and aggregation.params:
        # a scenario is read with numbers as written (text): its method's parameters are typed as the framework's
        # YAML types them, then held to the method's signature, types and ranges as `validate` holds the framework's
        # (bt16h F3: any params reached the method as text, an internal error)
        from scorer.framework.method_params import check_method

        aggregation = aggregation.model_copy(update={"params": {k: _typed(v) for k, v in aggregation.params.items()}})
        problems += check_method(aggregation, "aggregation", at("methods", "aggregation"),
                                 param_at=lambda key: at("methods", "aggregation", "params", key))
    if methods.imputation is not None and methods.imputation not in IMPUTATIONS:
        problems.append(Problem(msg("unknown imputation method {method!r}", method=methods.imputation),
                                at("methods", "imputation"), msg("available: {names}", names=", ".join(IMPUTATIONS))))
    if problems:
        raise ScorerError(problems)
    lines = {f"{section}.{key}": line_of(doc, (section, key))
             for section in ("fields", "indicators", "weights") for key in getattr(spec, section)}
    lines |= {k: line_of(doc, where) for k, where in spelled.items()}  # a change named in Chinese: at its line too
    lines["name"] = line_of(doc, ("name",))
    for method in ("aggregation", "normalisation", "imputation"):  # a refusal at scoring time names its line (bt16k F8)
        if (line := line_of(doc, ("methods", method))) is not None:
            lines[f"methods.{method}"] = line
    # ESC, BEL, NUL or a bidi override in a name would reach the terminal, the CSV and the report: dropped.
    return Scenario(printable(spec.name), printable(spec.description).strip(), fields, inds, weights,
                    methods.normalisation or "targets", aggregation, methods.imputation, path, lines)


def _divided_by(framework: Framework, field: str) -> list:
    """The indicators whose formula divides by an expression that reads `field` (the right side of a `/`)."""
    from scorer.framework import formula as fx

    def divisors(node) -> list[str]:
        if isinstance(node, fx.BinOp):
            own = framework.fields_read(node.right) if node.op == "/" else []
            return own + divisors(node.left) + divisors(node.right)
        if isinstance(node, fx.Neg):
            return divisors(node.operand)
        if isinstance(node, fx.Call):
            return [f for a in node.args if not isinstance(a, str) for f in divisors(a)]
        return []

    return [ind for ind in framework.indicators.values() if ind.tree is not None and field in divisors(ind.tree)]


def _typed(value: Any) -> Any:
    """A method parameter read as text (`numbers_as_text`) typed as YAML types it: '0.3' → 0.3, '5' → 5, 'drop' → 'drop'."""
    if not isinstance(value, str):
        return value
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError:
        return value


def _weights(given: dict, framework: Framework, at, problems: list[Problem]) -> dict[str, float]:
    """`weights:` as percentages of each code's parent; unknown codes and ambiguous numbers are problems."""
    codes = set(framework.indicators) | {g for g in framework.groups if g != "index"}
    parent = {**{i: ind.parent for i, ind in framework.indicators.items()},
              **{g: grp.parent for g, grp in framework.groups.items() if g != "index"}}
    out: dict[str, float] = {}
    shares: dict[str, dict[str, float]] = {}
    written_as: dict[str, str] = {}  # code → the key as the file writes it (an id or a Chinese name)
    for written, text in given.items():
        code = framework.weight_code(written) or written  # an id, or the Chinese name an analyst writes (对外开放)
        if code in out or any(code in v for v in shares.values()):
            problems.append(Problem(msg("weights.{code} is given twice (by id and by name)", code=code),
                                    at("weights", written), msg("keep one of the two lines")))
            continue
        if code not in codes:
            close = _closest(code, sorted(codes))
            listed = "; ".join(f"{c} {framework.groups[c].name_zh}" for c in framework.groups if c != "index")
            problems.append(Problem(msg("unknown indicator or group {code!r} under `weights:`", code=code), at("weights", written),
                                    (msg("did you mean {close!r}? ", close=close) if close else Text(""))
                                    + msg("use an id or the Chinese name of an indicator or a category ({categories})",
                                          categories=listed)))
            continue
        written_as[code] = written
        try:
            kind, value = parse_weight(text)
        except ChangeError as exc:
            problems.append(Problem(msg("weights.{code}: {why}", code=code, why=text_of(exc)), at("weights", written), exc.hint))
            continue
        if kind == "percent":
            out[code] = value
        else:
            shares.setdefault(parent[code], {})[code] = value
    for up, values in shares.items():
        siblings = framework.groups[up].children
        total = sum(values.values())
        if set(values) == set(siblings) and math.isclose(total, 1.0, abs_tol=1e-6):
            out.update({c: v * 100.0 for c, v in values.items()})
            continue
        for code, value in values.items():
            why = (msg("not every weight under it is given as a share") if set(values) != set(siblings)
                   else msg("the shares under it sum to {total}, not 1", total=fmt.distinct(total, 1.0)))
            problems.append(Problem(
                msg("weights.{code}: {given!r} has no unit: a percentage or a share of {up!r}? ({why})", code=code,
                    given=given[written_as[code]], up=up, why=why),
                at("weights", written_as[code]),
                (msg("write {pct}% if {value} is a share, or {value}% if it is a percentage",
                     pct=fmt.distinct(value * 100), value=fmt.as_given(value)) if value <= 1
                 else msg("write {value}% if it is a percentage", value=fmt.as_given(value)))
                + msg("; bare shares need all of {siblings} summing to 1", siblings=", ".join(siblings))))
    # Percentages of one parent must add up as written: 35% 15% 15% 10% 30% (105 %) would otherwise be
    # rescaled in silence (innovation's 15 % used as 14.3 %).
    for up in dict.fromkeys(parent[c] for c in out):
        given_here = {c: v for c, v in out.items() if parent[c] == up}
        siblings = framework.groups[up].children
        total = sum(given_here.values())
        if (set(given_here) == set(siblings) and not math.isclose(total, 100.0, abs_tol=0.05)) or total > 100.0 + 0.05:
            first = next(iter(given_here))
            problems.append(Problem(
                msg("weights under {up!r} add up to {total}%, not 100%: {given}", up=up, total=fmt.as_given(round(total, 6)),
                    given=", ".join(f"{c} {given[written_as[c]]}" for c in given_here)), at("weights", written_as[first]),
                msg("give weights that add up to 100% (or leave out the ones that do not change)")))
    return out


def given_weights(row: np.ndarray, codes: list[str], parents: list[str], sc: Scenario) -> list[Problem]:
    """Put a scenario's `weights:` into `row` (one variant's shares of the parent, over `codes` whose parents are
    `parents`, as scorer.methods.weights.framework_tree gives them; modified in place): each weight
    given is its code's share of its parent as written, and the siblings not given share what is left (100 % less
    the weights given) in their framework proportions — `opening: 35%` makes opening 35 % of the overall (bt16h F5:
    the siblings kept their weights and all were rescaled, so 35 % became 33 % and 100 % became 59 %). Returns
    warnings for weights that cannot be what was meant: weights that leave the other siblings nothing (they no
    longer count at all), and a weight on a parent's only child (it has all of its parent whatever is written)."""
    warnings: list[Problem] = []
    pos = {c: k for k, c in enumerate(codes)}
    by_parent: dict[str, dict[str, float]] = {}
    for code, pct in sc.weights.items():
        by_parent.setdefault(parents[pos[code]], {})[code] = pct
    for up, given in by_parent.items():
        rest = [k for k, (c, p) in enumerate(zip(codes, parents)) if p == up and c not in given]
        first = next(iter(given))
        for code, pct in given.items():
            row[pos[code]] = pct / 100.0
        left = max(0.0, 1.0 - sum(given.values()) / 100.0)
        if not rest and len(given) == 1:
            warnings.append(Problem(
                msg("scenario {name!r}: weights.{code} {pct}% has no effect: {code} is the only part of {up}, so it "
                    "has all of its weight", name=sc.name, code=first, pct=written(given[first]), up=up),
                sc.where("weights", first), msg("give the weight of {up} instead, or leave it out", up=up), "warning"))
            continue
        if rest and left <= 1e-9:
            others = [codes[k] for k in rest]
            warnings.append(Problem(
                msg("scenario {name!r}: the weights given under {up} add up to 100%, so {others} get no weight and no "
                    "longer count", name=sc.name, up=up, others=", ".join(others)),
                sc.where("weights", first),
                msg("a weight is a share of its parent; the parts not given share what is left"), "warning"))
        total = row[rest].sum()
        if rest and total > 0:
            row[rest] *= left / total
    return warnings


def _in_unit(text, unit: str | None) -> str:
    """A change written under a name with its unit (实际使用外资金额（亿美元）: +2) in that unit: `+2 亿美元`; a change with
    a unit of its own (+20%, +500 万美元), or under a name without one, as written."""
    if unit is None:
        return text
    m = _CHANGE.match(unicodedata.normalize("NFKC", str(text)).strip())
    return f"{str(text).strip()} {unit}" if m and not m["unit"].strip() else text


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


def dump_scenario(scenario: Scenario, path: Path | str, inputs: tuple = ()) -> None:
    """Write a scenario as YAML that `load_scenario` reads back (e.g. a Monte Carlo draw or a plan),
    atomically; an output that is one of `inputs` is refused."""
    doc: dict = {"name": scenario.name}
    if scenario.description:
        doc["description"] = scenario.description
    if scenario.fields:
        doc["fields"] = {k: c.text or _change_text(c) for k, c in scenario.fields.items()}
    if scenario.indicators:
        doc["indicators"] = {k: c.text or _change_text(c) for k, c in scenario.indicators.items()}
    if scenario.weights:
        doc["weights"] = {k: f"{float(v):.10g}%" for k, v in scenario.weights.items()}
    methods = {}
    if scenario.normalisation != "targets":
        methods["normalisation"] = scenario.normalisation
    if scenario.aggregation is not None:
        methods["aggregation"] = scenario.aggregation.model_dump()
    if scenario.imputation is not None:
        methods["imputation"] = scenario.imputation
    if methods:
        doc["methods"] = methods
    write_atomic(path, yaml_document(doc), inputs)  # values through the dumper, checked to read back as `doc`


def _change_text(c: Change) -> str:
    if c.op == "scale":
        return f"{c.amount * 100:+.10g}%"
    if c.op == "set":
        return f"= {c.amount:.12g}"
    return f"{c.amount:+.12g}"


def _convertible_hint(unit: str):
    """How to give a change to a quantity in `unit`, with an example of a unit convertible to it from its own
    dimension (bt11k F4: 亿元 was the example for every unit, tonnes or people too)."""
    smaller, larger = units.ten_thousand_apart(unit)
    other = larger or smaller
    if other is None:
        return msg("give the change in {unit}, or in %", unit=unit_named(unit))
    return msg("give the change in {unit} or a unit convertible to it (e.g. {other} for {unit}), or in %",
               unit=unit_named(unit), other=unit_named(other))
