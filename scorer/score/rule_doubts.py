"""A readiness condition that reads a doubtful figure: not judged, and saying why wherever the verdict is shown.

A threshold over raw figures (rules.yaml `formula:`, e.g. 年出口额不低于25亿美元) that reads a figure the read stage
found doubtful (a part above its whole, a unit slip …; scorer.read.plausibility) is not judged (scorer.score.rules.judge).
bt11i F3: it turned to 待确认 with no reason, page 2's data-quality box said nothing, and the verdict was not marked as
resting on doubtful data. Here: the reason (the figure, its cell, the cause) on the condition (`RuleResult.reason`,
the JSON's `reason`/`reason_en`, page 2's conditions), and one doubtful problem per condition (code
`rule_not_judged`, at the figure's cell) for the problems list, the data-quality box and the watch log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from scorer.errors import Location, Problem
from scorer.messages import both, msg
from scorer.read.plausibility import cause_rank


def _place(loc: Location) -> str:
    """A cell as the reports write it: "book.xlsx › sheet › C8"."""
    parts = [Path(str(loc.file)).name] if loc.file is not None else []
    return " › ".join(parts + [x for x in (loc.sheet, loc.cell) if x])


def not_judged_for_doubt(rule, causes: Iterable[Problem]) -> None:
    """Mark `rule` (a scorer.score.rules.RuleResult whose value was not computed) as not judged because the figures it
    reads are doubtful (`causes`: the problem that made each doubtful, most specific first): its `doubt`, `reason`,
    `reason_en`, `why_zh`, `why_en` say which cells and why."""
    causes = sorted({id(p): p for p in causes}.values(), key=lambda p: cause_rank(p.code))
    rule.doubt = tuple(causes)
    cells = "、".join(dict.fromkeys(_place(p.location) for p in causes))
    cells_en = ", ".join(dict.fromkeys(_place(p.location) for p in causes))
    first = causes[0]
    rule.reason = f"所读数据存疑，不予判定：{first.message_zh or first.message}；请核对 {cells} 后重新生成报告"
    rule.reason_en = f"a figure it reads is doubtful, so it is not judged: {first.message}; check {cells_en} and run again"
    rule.why_zh, rule.why_en = f"数据存疑，见{cells}", f"doubtful data at {cells_en}"


def rule_doubt_problems(verdict, period: str | None) -> list[Problem]:
    """One doubtful problem (code rule_not_judged) per condition of `verdict` not judged because of a doubtful figure
    (`not_judged_for_doubt`), at the first figure's cell with the others in `also`, naming the condition and the cause."""
    out = []
    for r in getattr(verdict, "rules", None) or []:
        if not getattr(r, "doubt", ()):
            continue
        first = r.doubt[0]
        places = [p.location for p in r.doubt] + [x for p in r.doubt for x in p.also]
        also = tuple(dict.fromkeys(x for x in places if x != first.location))
        text = msg("the condition 「{name}」 is not judged: {cause}", name=both(r.name_en or r.name_zh, r.name_zh),
                   cause=both(first.message, first.message_zh or first.message))
        out.append(Problem(text, first.location, first.hint, "doubtful", code="rule_not_judged", hint_zh=first.hint_zh,
                           field_id=first.field_id, period=period, also=also, rule=r.id))
    return out
