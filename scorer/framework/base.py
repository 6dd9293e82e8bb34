"""What every YAML model of scorer shares: strict pydantic models, ids, folded Chinese lines, and one loader with located messages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from scorer.errors import Location, Problem, ScorerError
from scorer.yamlio import line_of, load_yaml

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*$"


class _Strict(BaseModel):
    # allow_inf_nan=False: a target of 1e400 or `floor: -.inf` cannot be scored, so it is refused with its line
    model_config = ConfigDict(extra="forbid", strict=False, allow_inf_nan=False)


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_FOLDED_SPACE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def join_cjk_lines(text: str) -> str:
    """YAML folds a long line into several joined by spaces; between Chinese characters drop them."""
    return _FOLDED_SPACE.sub("", text)


def _pydantic_problems(exc: ValidationError, doc: Any, path: Path, prefix: tuple = ()) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        where = ".".join(str(p) for p in prefix + loc) or "(top level)"
        kind = err["type"]
        if kind == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r} at {where}"
            hint = "check the spelling; see indicators/framework.yaml for the keys each entry takes"
        elif kind == "missing":
            msg = f"missing required key {loc[-1]!r} at {where}"
            hint = "add it"
        elif kind == "value_error":
            text, _, hint = err["msg"].removeprefix("Value error, ").partition("; hint: ")
            msg, hint = f"{where}: {text}", hint or "correct the value"
        elif kind == "finite_number":
            msg = f"{where}: {err['input']!r} is not a finite number"
            hint = "a value of 1e400 or .inf cannot be scored: give a finite number"
        else:
            got = err.get("input")
            got_text = f" (got {got!r})" if got is not None and not isinstance(got, (dict, list)) else ""
            msg = f"{where}: {err['msg']}{got_text}"
            hint = "fix the value's type or format"
        problems.append(Problem(msg, Location(file=path, line=line_of(doc, loc)), hint))
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
        raise ScorerError(_pydantic_problems(exc, doc, path)) from None
