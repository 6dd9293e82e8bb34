"""The words of `scorer watch`'s log lines that say where a problem is and what the run found at no workbook's cell
(bt15k F8), apart from scorer.cli.watch (its 700-line cap)."""

from __future__ import annotations

import re
from pathlib import Path

from scorer.messages import language, msg, tr

LOG_NAME = "scorer-watch.log"  # in the drop folder, beside the error files: every event and problem, newest last


def run_notes(problems: list, workbooks: list[Path], lang: str) -> str:
    """For the report's line, what the run found at no workbook's cell (GDP growth at current prices: the score may be
    too high; an indicator not reported; a peer set of another year): three, warnings then those with a fix first; how
    many more are in LOG_NAME; '' if none (bt15k F8: 处理记录.log said only 无存疑, page 2 that the score may be high)."""
    left = sorted((p for p in problems if not any(at_workbook(p, wb) for wb in workbooks)),
                  key=lambda p: ({"error": 0, "warning": 1, "doubtful": 1}.get(p.severity, 2), not str(p.hint or "")))
    sep = "；" if lang == "zh" else "; "
    more = tr(msg("; {n} more: see {file} in the inbox", n=len(left) - 3, file=LOG_NAME)) if len(left) > 3 else ""
    return sep + tr(msg("{n:# note|# notes} of the run beside the workbooks' own: {shown}", n=len(left), shown=sep.join(
        f"{_where(p)}{one_line(_words(p))}" for p in left[:3]))) + more if left else ""


def at_workbook(problem, workbook: Path) -> bool:
    """Whether `problem` belongs to `workbook`: the cell it is at is there, or, at no file's cell, one it names is."""
    if problem.location.file is not None:
        return Path(problem.location.file) == workbook
    return any(at.file is not None and Path(at.file) == workbook for at in problem.also)


def one_line(event: str) -> str:
    """An event as one line of the service's log: a problem's hint (on its own indented line) joined to it."""
    return re.sub(r"\s*\n\s*", " ", event.strip())


def _where(problem) -> str:
    loc = problem.location
    parts = [x for x in (tr(msg("sheet 「{sheet}」", sheet=loc.sheet)) if loc.sheet else "",
                         tr(msg("cell {cell}", cell=loc.cell)) if loc.cell else "") if x]
    return " ".join(parts) + ("：" if language() == "zh" else ": ") if parts else ""


def _words(problem) -> str:
    """A problem's message in the language in use (the log's lines are an analyst's: Chinese under a Chinese locale)."""
    return problem.message_zh or problem.message if language() == "zh" else problem.message
