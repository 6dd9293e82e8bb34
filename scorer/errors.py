"""User-facing problems: values with a location and a hint, rendered once at the CLI edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

LEVELS = ("error", "warning", "doubtful", "note")


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, and inside it a YAML line or a workbook sheet and cell."""

    file: str | Path | None = None
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        if self.sheet is not None:
            parts.append(f"工作表「{self.sheet}」")
        if self.cell is not None:
            parts.append(f"单元格 {self.cell}")
        return " › ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input or the result: where, what, and what to do about it.

    `message` is the English text (what existing callers pass); `message_zh` the Chinese one, which
    falls back to the English until every message has its translation. `severity` is the level:

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

    @property
    def level(self) -> str:
        return self.severity

    def render(self) -> str:
        where = str(self.location)
        text = f"{where}: {self.severity}: {self.message}" if where else f"{self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def with_severity(self, severity: str) -> "Problem":
        """The same problem at another level (strict mode raises warnings to errors)."""
        from dataclasses import replace

        return replace(self, severity=severity)

    def as_dict(self) -> dict:
        """The problem as flat JSON-ready data; every key is always present (null when not applicable).

        Keys: level ("error" | "warning" | "doubtful" | "note"), code (stable kind, see the class docstring),
        message_zh, message_en, file (path as given), sheet, cell ("C7"), line (YAML line, 1-based),
        hint (what to do; may be null), field (raw statistic id), indicator (indicator id), period
        ("2022Q4"). This is the shape of every `problems` list in `--json` output.
        """
        loc = self.location
        return {"level": self.severity, "code": self.code,
                "message_zh": self.message_zh or self.message, "message_en": self.message,
                "file": None if loc.file is None else str(loc.file), "sheet": loc.sheet, "cell": loc.cell,
                "line": loc.line, "hint": self.hint, "field": self.field_id, "indicator": self.indicator,
                "period": self.period}


class ScorerError(Exception):
    """Raised with every problem found, so the user sees them all at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def at(cls, message: str, *, hint: str | None = None, code: str = "input", message_zh: str | None = None,
           **where) -> "ScorerError":
        return cls(Problem(message, Location(**where), hint, code=code, message_zh=message_zh))
