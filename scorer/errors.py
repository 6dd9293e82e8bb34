"""User-facing problems: values with a location and a hint, rendered once at the CLI edge."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    """One thing wrong with the input: where, what, and what to do about it."""

    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None
    severity: str = "error"  # "error", "warning", or "note" (told, never blocking)
    code: str = "input"  # a stable machine-readable kind, e.g. "fdi_caliber"; "input" when none more specific

    def render(self) -> str:
        where = str(self.location)
        text = f"{where}: {self.severity}: {self.message}" if where else f"{self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict:
        loc = {k: (str(v) if isinstance(v, Path) else v)
               for k, v in vars(self.location).items() if v is not None}
        out = {"severity": self.severity, "code": self.code, "message": self.message, "location": loc}
        if self.hint:
            out["hint"] = self.hint
        return out


class ScorerError(Exception):
    """Raised with every problem found, so the user sees them all at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def at(cls, message: str, *, hint: str | None = None, **where) -> "ScorerError":
        return cls(Problem(message, Location(**where), hint))
