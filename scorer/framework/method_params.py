"""A framework's method choices checked against the methods themselves: known names, the parameters each takes, values in range."""

from __future__ import annotations

import math
from typing import Any

from scorer.errors import Location, Problem
from scorer.messages import N_, msg, text_of


# What the engine passes to a method itself (never from `params:`), and what it accepts beside the method's own.
_DATA_ARGS = {"imputation": 1, "treatment": 1, "normalisation": 2, "aggregation": 2}  # X (, direction or weights)
# These mirror what scorer.score.core and engine do with a spec's params before calling the method.
_SUPPLIED = {("normalisation", "goalposts"): {"floor", "target"}, ("normalisation", "dist2ref"): {"iref"},
             ("treatment", "*"): {"names"}}  # set by the engine, never from `params:`
_DEFAULTED = {("normalisation", "dist2targ"): {"target"},  # the engine gives the indicators' targets unless set
              ("normalisation", "goalposts"): {"scale"}}  # the framework's scale unless set
_EXTRA = {("aggregation", "*"): {"min_share", "missing_child"}, ("normalisation", "goalposts"): {"lower", "upper"},
          ("normalisation", "dist2ref"): {"ref"}}  # and `group` for the imputation methods that work by group
_KIND_WORDS = {"imputation": N_("imputation"), "treatment": N_("treatment"), "normalisation": N_("normalisation"),
               "aggregation": N_("aggregation")}
_RENAMED = {("normalisation", "dist2ref", "iref"): "ref"}  # a parameter the YAML gives under another name


def check_method(spec: Any, kind: str, where: Location, prefix: str = "",
                  param_at=lambda key: None) -> list[Problem]:
    """The method exists, and its `params:` are ones its function takes (checked against its signature),
    with every parameter it requires, each a finite number where it is a number; `param_at(key)` is
    the Location of one parameter."""
    import inspect

    from scorer.methods import aggregate, impute, normalise, treat

    what = msg(_KIND_WORDS[kind])  # the kind of method, in both languages
    registry = {"imputation": impute.IMPUTERS, "treatment": treat.TREATMENTS,
                "normalisation": normalise.NORMALISERS, "aggregation": aggregate.AGGREGATORS}[kind]
    if spec.method not in registry:
        return [Problem(msg("{prefix}unknown {kind} method {method!r}", prefix=prefix, kind=what, method=spec.method), where,
                        msg("available: {names}", names=', '.join(sorted(registry))))]
    skip = _DATA_ARGS[kind] + (1 if kind == "imputation" and spec.method in impute.GROUPED else 0)
    declared = list(inspect.signature(registry[spec.method]).parameters.values())[skip:]
    supplied = _SUPPLIED.get((kind, spec.method), set()) | _SUPPLIED.get((kind, "*"), set())
    any_name = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in declared)
    takes = ({p.name for p in declared if p.kind is not inspect.Parameter.VAR_KEYWORD} - supplied
             | _EXTRA.get((kind, "*"), set()) | _EXTRA.get((kind, spec.method), set()))
    if kind == "imputation" and spec.method in impute.GROUPED:
        takes.add("group")
    problems = []
    for key, value in spec.params.items():
        if key not in takes and not any_name:
            problems.append(Problem(
                msg("{prefix}{kind} method {method!r} takes no parameter {key!r} (the engine sets it from the "
                    "indicators)", prefix=prefix, kind=what, method=spec.method, key=key) if key in supplied else
                msg("{prefix}{kind} method {method!r} takes no parameter {key!r}",
                    prefix=prefix, kind=what, method=spec.method, key=key), param_at(key) or where,
                msg("parameters of {method!r}: {names}", method=spec.method, names=", ".join(sorted(takes)))
                if takes else msg("{method!r} takes no parameters", method=spec.method)))
        elif isinstance(value, float) and not math.isfinite(value):
            problems.append(Problem(msg("{prefix}{kind} parameter {key!r} is {value!r}, not a finite number",
                                        prefix=prefix, kind=what, key=key, value=value),
                                    param_at(key) or where, msg("give a finite number")))
        elif (why := param_value_problem(registry[spec.method], kind, key, value)) is not None:
            problems.append(Problem(msg("{prefix}{kind} parameter {key!r}: {why} (got {value!r})",
                                        prefix=prefix, kind=what, key=key, why=why, value=value), param_at(key) or where,
                                    msg("give a value of the parameter's type and range (a count or an age: a whole "
                                        "number, 0 or more; a share: 0 to 1)")))
    for p in declared:
        name = _RENAMED.get((kind, spec.method, p.name), p.name)
        if p.default is inspect.Parameter.empty and p.kind is inspect.Parameter.KEYWORD_ONLY and name not in spec.params \
                and (name != p.name or p.name not in supplied | _DEFAULTED.get((kind, spec.method), set())):
            problems.append(Problem(msg("{prefix}{kind} method {method!r} needs the parameter {name!r}",
                                        prefix=prefix, kind=what, method=spec.method, name=name), where,
                                    msg("add it under `params:`")))
    if kind == "treatment" and not problems:
        problems += _treatment_refusal(spec.method, spec.params, param_at("overrides") or where)
    if (kind, spec.method) == ("normalisation", "goalposts") and len({"lower", "upper"} & set(spec.params)) == 1:
        problems.append(Problem(msg("{prefix}goalposts take `lower` and `upper` together (or neither: the "
                                    "indicator's floor and target)", prefix=prefix), where, msg("add the other one")))
    return problems


def _treatment_refusal(method: str, params: dict, where: Location) -> list[Problem]:
    """What the treatment itself refuses in its settings (an override's unknown key or fallback, boxcox without
    its lambda): else the first score stops with it. Only winsorise has such settings."""
    from scorer.methods.treat import check_winsorise

    if method != "winsorise":
        return []
    try:
        check_winsorise([str(n) for n in params.get("overrides") or {}] or ["x"], **params)  # one column at least
    except (TypeError, ValueError) as exc:
        return [Problem(text_of(exc), where, msg("see the parameters of winsorise in scorer/methods/treat.py"))]
    return []


def param_value_problem(fn, kind: str, key: str, value) -> str | None:
    """Why `value` does not fit the parameter `key` as the method (or the engine's step) declares it: its type
    annotation with any range (`Annotated[int, Ge(0)]` for a count or an age), strictly (no yes/no for a
    number, no fraction for a count); or a yes/no value for a parameter whose default is a number."""
    import inspect
    import typing

    from pydantic import ConfigDict, TypeAdapter, ValidationError

    from scorer.framework.base import pydantic_reason

    from scorer.methods import aggregate

    owners = [fn] + ([aggregate.aggregate] if kind == "aggregation" else [])
    for owner in owners:
        annotations = getattr(owner, "__annotations__", {})
        if key in annotations:
            # this parameter's annotation alone: the others name numpy arrays, and evaluating them would
            # import numpy to load a framework (scorer.methods.NumpyWhenUsed)
            def one(): pass
            one.__annotations__ = {key: annotations[key]}
            hint = typing.get_type_hints(one, globalns=owner.__globals__, include_extras=True)[key]
            try:
                TypeAdapter(hint, config=ConfigDict(strict=True)).validate_python(value)
            except ValidationError as exc:
                return pydantic_reason(exc.errors()[0])
            return None
        default = inspect.signature(owner).parameters.get(key)
        if default is not None and isinstance(value, bool) and isinstance(default.default, (int, float)) \
                and not isinstance(default.default, bool):
            return msg("a yes/no value where a number is expected")
    return None
