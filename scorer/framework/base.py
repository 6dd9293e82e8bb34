"""What every YAML model of scorer shares: strict pydantic models, ids, folded Chinese lines, and one loader with located messages."""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator

from scorer.errors import Location, Problem, ScorerError
from scorer.fmt import as_given
from scorer.messages import N_, both, msg
from scorer.yamlio import line_of, load_yaml, wide_colon, wide_colon_at

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"


class _Strict(BaseModel):
    # allow_inf_nan=False: a target of 1e400 or `floor: -.inf` cannot be scored, so it is refused with its line
    model_config = ConfigDict(extra="forbid", strict=False, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_yes_or_no_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        # YAML reads `true`/`yes`/`on` as a boolean and pydantic would take it as 1: `target: {value: true}`
        # scored against a target of 1. A number is never given as yes or no, in any model, at any depth.
        field = cls.model_fields.get(info.field_name) if info.field_name else None
        if field is not None and _bool_for_a_number(field.annotation, value):
            raise ValueError(f"{value!r} is a yes/no value where a number is expected; hint: write the number "
                             "(true and false, yes and no are not numbers)")
        return value


_UNIONS = (typing.Union, types.UnionType)


def _admits(annotation: Any, kinds: tuple[type, ...]) -> bool:
    """Whether a type annotation accepts a plain value of one of `kinds` (through Optional, Union, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _admits(typing.get_args(annotation)[0], kinds)
    if origin in _UNIONS:
        return any(_admits(a, kinds) for a in typing.get_args(annotation))
    return annotation is typing.Any or (isinstance(annotation, type) and issubclass(annotation, kinds))


def _bool_for_a_number(annotation: Any, value: Any) -> bool:
    """A yes/no value where `annotation` wants a number (also inside its lists and mappings)."""
    if isinstance(value, bool):
        return _admits(annotation, (int, float)) and not _admits(annotation, (bool,))
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _bool_for_a_number(args[0], value)
    if origin in _UNIONS:
        return any(_bool_for_a_number(a, value) for a in args if a is not type(None))
    if origin in (list, tuple, set) and isinstance(value, (list, tuple)):
        return bool(args) and any(_bool_for_a_number(args[0], v) for v in value)
    if origin is dict and isinstance(value, dict):
        return len(args) == 2 and any(_bool_for_a_number(args[1], v) for v in value.values())
    return False


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_FOLDED_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    """YAML folds a long line into several joined by spaces; between Chinese characters drop them."""
    return _FOLDED_SPACE.sub("", text)


# pydantic's error kinds (ValidationError.errors()[i]["type"]) that YAML slips commonly make, as a reason said
# after the place ("fields.fdi_actual.effort: …", "aggregation parameter 'min_share': …"): Chinese of our own.
_REASONS = {
    "float_parsing": N_("it must be a number"), "float_type": N_("it must be a number"),
    "int_parsing": N_("it must be a whole number"), "int_type": N_("it must be a whole number"),
    "int_from_float": N_("it must be a whole number"),
    "bool_parsing": N_("it must be true or false"), "bool_type": N_("it must be true or false"),
    "string_type": N_("it must be text"), "literal_error": N_("it must be one of {expected}"),
    "greater_than_equal": N_("it must be {limit} or more"), "greater_than": N_("it must be above {limit}"),
    "less_than_equal": N_("it must be {limit} or less"), "less_than": N_("it must be below {limit}"),
    "list_type": N_("it must be a list (- item lines)"),
    "dict_type": N_("it must be a mapping (key: value lines)"), "model_type": N_("it must be a mapping (key: value lines)"),
    # a date (effort.yaml's deadline): pydantic's own words are English only (bt13j F7)
    "date_not_real": N_("it is not a real date: no such day"), "date_parsing": N_("it must be a date"),
    "date_from_datetime_parsing": N_("it must be a date"), "date_type": N_("it must be a date"),
    "date_from_datetime_inexact": N_("it must be a date"),
}
DATE_HINT = N_("write the date as YYYY-MM-DD, e.g. 2023-06-30 (2023年6月30日, 2023年6月底 and 2023年底 are read too)")


def pydantic_reason(err: dict) -> str:
    """Why a value failed pydantic's validation (one item of `ValidationError.errors()`), in both languages:
    pydantic's own English (its words are English only), with Chinese of our own for the common kinds
    (`_REASONS`; another kind keeps the English in both). Returns a `scorer.messages.Text`."""
    kind, ctx = err.get("type"), err.get("ctx") or {}
    if kind not in _REASONS:
        return both(err["msg"], err["msg"])
    expected = str(ctx.get("expected", ""))
    return both(err["msg"], msg(_REASONS[kind], expected=both(expected, expected.replace(" or ", "、").replace(", ", "、")),
                                limit=_bound(ctx)).zh)


def _bound(ctx: dict) -> str | None:
    """The bound a range error names (pydantic's ctx ge/gt/le/lt), as a person writes it: 1, not 1.0."""
    limit = next((ctx[b] for b in ("ge", "gt", "le", "lt") if b in ctx), None)
    return None if limit is None else as_given(limit)


def keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the mapping at `loc` (a pydantic error's location, the unknown key last) takes under `model`,
    walking its fields through lists, mappings and optional values; [] where the mapping's keys are free."""
    cls, free = model, False
    for part in loc[:-1]:
        if isinstance(part, int) or free:
            free = False
            continue
        field = cls.model_fields.get(part) if isinstance(cls, type) and issubclass(cls, BaseModel) else None
        if field is None:
            return []
        cls, free = field.annotation, False
        while typing.get_origin(cls) is not None or isinstance(cls, types.UnionType):
            args = [a for a in typing.get_args(cls) if a is not type(None)]
            free = typing.get_origin(cls) is dict
            cls = args[-1] if args else None
            if free:
                break
    return sorted(cls.model_fields) if isinstance(cls, type) and issubclass(cls, BaseModel) else []


def _pydantic_problems(exc: ValidationError, doc: Any, path: Path, prefix: tuple = (),
                       model: type[BaseModel] | None = None) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in prefix + loc) or msg("(top level)")
        kind = err["type"]
        if kind == "extra_forbidden":
            text = msg("unknown key {key!r} at {where}", key=loc[-1], where=where)
            known = keys_at(model, loc) if model is not None else []
            close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.7)
            # the keys of this very mapping (a peer table's sidecar was sent to indicators/framework.yaml)
            hint = msg("did you mean {close!r}? The keys here: {keys}", close=close[0], keys=", ".join(known)) if close \
                else msg("check the spelling; the keys here: {keys}", keys=", ".join(known)) if known \
                else msg("check the spelling; see indicators/framework.yaml for the keys each entry takes")
        elif kind == "missing":
            text = msg("missing required key {key!r} at {where}", key=loc[-1], where=where)
            hint = msg("add it")
        elif kind == "value_error":
            why, _, hint = err["msg"].removeprefix("Value error, ").partition("; hint: ")
            text, hint = msg("{where}: {why}", where=where, why=why), hint or msg("correct the value")
        elif kind == "finite_number":
            text = msg("{where}: {value!r} is not a finite number", where=where, value=err["input"])
            hint = msg("a value of 1e400 or .inf cannot be scored: give a finite number")
        else:  # pydantic's reason (its English, our Chinese for the common kinds), and the value as written
            got = err.get("input")
            text = (msg("{where}: {why} (got {value!r})", where=where, why=pydantic_reason(err), value=got)
                    if got is not None and not isinstance(got, (dict, list)) else
                    msg("{where}: {why}", where=where, why=pydantic_reason(err)))
            hint = msg(DATE_HINT) if str(kind).startswith("date") else msg("fix the value's type or format")
            if isinstance(got, str) and (m := wide_colon(got)) is not None:  # "实际使用外资金额：+20%" (bt15j F13)
                problems.append(wide_colon_at(path, m, line_of(doc, loc)))
                continue
        problems.append(Problem(text, Location(file=path, line=line_of(doc, loc)), hint))
    return problems


def load_model(path: Path, model: type[BaseModel], not_a_mapping: str, hint: str | None = None,
               numbers_as_text: bool = False) -> tuple[Any, Any]:
    """Parse a YAML file and validate it against a pydantic model; (document with lines, model).

    Every YAML file scorer reads goes through here, so each gets the same messages: a syntax error
    with line and column, `not_a_mapping` when the top level is not a mapping, and every schema
    problem at once with its line.
    """
    doc = load_yaml(path, numbers_as_text=numbers_as_text)
    if not isinstance(doc, dict):
        raise ScorerError.at(not_a_mapping, file=path, line=1, hint=hint)
    try:
        return doc, model.model_validate(doc)
    except ValidationError as exc:
        raise ScorerError(_pydantic_problems(exc, doc, path, model=model)) from None


def path_hint(written: str, hint, platform: str | None = None):
    """`hint` for a file a YAML names (`written`, relative to the YAML) that was not found, with, where `written` holds
    a `\\` on a system whose separator is `/`, how to write it so it is found on every system (bt15k F7: `fields:
    sub\\fields.yaml`, written on Windows, was not found on the office's Linux server, and the hint did not say why)."""
    import sys

    if "\\" in str(written) and (platform or sys.platform) != "win32":
        return hint + msg("; write / instead of \\ ({fixed}): on this system \\ is part of a file's name, not a folder "
                          "separator, and / works on Windows too", fixed=str(written).replace("\\", "/"))
    return hint
