"""User-facing problems: values with a location and a hint, rendered once at the CLI edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scorer.messages import shown, shown_name
from scorer.messages import Text, both, language, msg  # noqa: F401  (msg, both: the way modules write a Problem's words)

LEVELS = ("error", "warning", "doubtful", "note")
LEVEL_WORDS = {"zh": {"error": "错误", "warning": "警告", "doubtful": "存疑", "note": "提示"},
               "en": {level: level for level in LEVELS}}
HINT_WORD = {"zh": "处理建议", "en": "hint"}


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and inside it a YAML line or a workbook sheet and cell."""

    file: str | Path | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        """The place as a reader finds it, in the language in use: file:line › 工作表「…」 › 单元格 C7, or in English
        file:line › sheet 「…」 › cell C7 (the sheet's name is the user's own, as written)."""
        return self.render()

    def render(self, lang: str | None = None) -> str:
        """`str(self)` in `lang` ("zh" or "en"; default: the language in use)."""
        lang = lang or language()
        parts: list[str] = []
        if self.file is not None:
            where = shown_name(self.file)  # undecodable bytes as \\xNN, a newline or a bidi override escaped
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.sheet is not None:
            parts.append(msg("sheet 「{sheet}」", sheet=self.sheet).in_(lang))
        if self.cell is not None:
            parts.append(msg("cell {cell}", cell=self.cell).in_(lang))
        return " › ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input or the result: where, what, and what to do about it.

    `message` is the English text and `message_zh` the Chinese one; `hint` and `hint_zh` likewise.
    Write them with `scorer.messages.msg` (a template of the message catalogue, filled in both
    languages): a `Text` given as `message` or `hint` fills in its Chinese by itself. A message with
    no translation yet falls back to the English. `severity` is the level:

    - "error": the input cannot be used as it is; the run stops (exit code 1);
    - "warning": odd but possibly right; the value is used as read and the outputs say so;
    - "doubtful": a value failed a plausibility check (see `scorer.read.plausibility`) and is NOT
      scored as if true: its indicator is left out or capped as the framework declares;
    - "note": told, never blocking (not even under --strict).

    `code` is a stable machine-readable kind (e.g. "unit_slip", "above_bound", "part_above_whole",
    "implausible_jump", "dropped_indicator", "treatment_left_constant", "zones_mixed"); "input" is
    the generic code of a problem in the input without a more specific one.
    """

    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None
    severity: str = "error"  # one of LEVELS ("note": told, never blocking)
    code: str = "input"
    message_zh: str | None = None
    field_id: str | None = None  # the raw statistic concerned (fields.yaml id), if any
    indicator: str | None = None  # the indicator concerned (framework.yaml id), if any
    period: str | None = None  # the quarter concerned, "2022Q4", if any
    hint_zh: str | None = None
    # The other cells a problem rests on besides `location` (a doubt computed from several figures: every one is
    # named, scorer.score.doubt.at_cells); shown beside the place in the terminal, the report and .error.txt files.
    also: tuple[Location, ...] = ()
    # The readiness condition concerned (rules.yaml id), if any: a condition not judged because a figure it reads is
    # doubtful (scorer.score.rule_doubts). Not in `as_dict` (the JSON names it in the message; the code says the kind).
    rule: str | None = None

    def __post_init__(self) -> None:
        if self.message_zh is None and isinstance(self.message, Text):
            object.__setattr__(self, "message_zh", self.message.zh)
        if self.hint_zh is None and isinstance(self.hint, Text):
            object.__setattr__(self, "hint_zh", self.hint.zh)

    @property
    def level(self) -> str:
        return self.severity

    def render(self, lang: str | None = None) -> str:
        """The problem as the terminal shows it, in `lang` (default: the language in use, scorer.messages.language)."""
        lang = lang or language()
        where = self.where(lang)
        level = LEVEL_WORDS[lang].get(self.severity, self.severity)
        message = (self.message_zh or self.message) if lang == "zh" else self.message
        sep = "：" if lang == "zh" else ": "
        text = f"{where}{sep}{level}{sep}{message}" if where else f"{level}{sep}{message}"
        hint = (self.hint_zh or self.hint) if lang == "zh" else self.hint
        if hint:
            text += f"\n    {HINT_WORD[lang]}{sep}{hint}"
        return text

    def where(self, lang: str | None = None) -> str:
        """`location` as the terminal writes it in `lang` (default: the language in use), then each place of
        `also` (" + 单元格 C19", " + cell C19": its cell alone when in the same file and sheet)."""
        lang = lang or language()
        out = self.location.render(lang)
        for o in self.also:
            same = o.file == self.location.file and o.sheet == self.location.sheet and o.cell
            out += " + " + (msg("cell {cell}", cell=o.cell).in_(lang) if same else o.render(lang))
        return out

    def rests_on(self) -> list[Location]:
        """`location` and every place of `also`: all the cells to check."""
        return [self.location, *self.also]

    def with_severity(self, severity: str) -> "Problem":
        """The same problem at another level (strict mode raises warnings to errors)."""
        from dataclasses import replace

        return replace(self, severity=severity)

    def as_dict(self) -> dict:
        """The problem as flat JSON-ready data; every key is always present (null when not applicable).

        Keys: level ("error" | "warning" | "doubtful" | "note"), code (stable kind, see the class docstring),
        message_zh, message_en, file (path as given), sheet, cell ("C7"), line (YAML line, 1-based),
        hint (what to do, in English; may be null), hint_zh (the same in Chinese), field (raw statistic id), indicator (indicator id), period
        ("2022Q4"), cells (every place the problem rests on, `rests_on`: {file, sheet, cell, line}, the first being
        file/sheet/cell; bt-i11 F7: a doubt on several figures carried one cell only). This is the shape of every
        `problems` list in `--json` output.
        """
        loc = self.location
        return {"level": self.severity, "code": self.code,
                "message_zh": self.message_zh or self.message, "message_en": self.message,
                "file": None if loc.file is None else shown(str(loc.file)), "sheet": loc.sheet, "cell": loc.cell,
                "line": loc.line, "hint": self.hint,
                "hint_zh": self.hint_zh or self.hint, "hint_en": self.hint, "field": self.field_id, "indicator": self.indicator,
                "period": self.period,
                "cells": [{"file": None if o.file is None else shown(str(o.file)), "sheet": o.sheet, "cell": o.cell,
                           "line": o.line} for o in self.rests_on() if o.cell or o.line or o.file]}


class ScorerError(Exception):
    """Raised with every problem found, so the user sees them all at once."""

    def __init__(self, problems: list[Problem] | Problem):
        problems = [problems] if isinstance(problems, Problem) else list(problems)
        try:  # the same problem found twice (an id cited twice on one line: peers build --year 2022) is said once
            problems = list(dict.fromkeys(problems))
        except TypeError:  # a problem holding an unhashable value: kept as found
            pass
        self.problems = problems
        super().__init__("\n".join(p.render("en") for p in self.problems))

    @classmethod
    def at(cls, message: str, *, hint: str | None = None, code: str = "input", message_zh: str | None = None,
           **where) -> "ScorerError":
        return cls(Problem(message, Location(**where), hint, code=code, message_zh=message_zh))
