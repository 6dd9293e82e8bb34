"""Problems of a run → the report's data-quality box (summary page) and full list (appendix)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from scorer.errors import Location, Problem
from scorer.i18n import in_words, translator
from scorer.messages import msg
from scorer.read.plausibility import cause_rank


BRIEF_ITEMS = 4  # the doubtful cells page 2's box names; the rest are counted (the list at the end gives every one)


def place(location: Location) -> str:
    """Where to look, short: "workbook.xlsx › sheet › C7", or "framework.yaml:12"."""
    parts = []
    if location.file is not None:
        parts.append(Path(str(location.file)).name + (f":{location.line}" if location.line is not None else ""))
    parts += [x for x in (location.sheet, location.cell) if x is not None]
    return " › ".join(parts)


def places(p: Problem) -> str:
    """Every place a problem rests on (`place` of its location, then the cells of `also`: "book.xlsx › sheet › C18
    + C19")."""
    out = place(p.location)
    for o in p.also:
        same = o.file == p.location.file and o.sheet == p.location.sheet and o.cell
        out += " + " + (o.cell if same else place(o))
    return out


def cell_to_check(p: Problem, lang: str) -> str:
    """Where to look first, and what it was measured against: the problem's own cell and the cells of its workbook it
    rests on (`places`' "book.xlsx › sheet › C18 + C19"), then the cells of other workbooks it was compared with, as
    evidence ("(compared with book-2022.xlsx › sheet › C7)"): a slip measured against the zone's history named both
    workbooks' cells on page 2 alike, without saying which one is off (bt11k F3)."""
    own = [o for o in p.also if o.file == p.location.file]
    out = places(replace(p, also=tuple(own)))
    other = [o for o in p.also if o.file != p.location.file]
    if other:
        out += msg(" (compared with {cells})", cells=" + ".join(place(o) for o in other)).in_(lang)
    return out


def quality_view(problems: list[Problem], indicator_names: dict[str, str], lang: str,
                 rule_names: dict[str, str] | None = None, unknown=()) -> dict:
    """The report's view of every problem: `box` (None unless something is doubtful, a newer workbook was refused or
    a workbook names two zones) and `rows`.

    `box` groups the doubtful indicators by the cell to check: {"intro", "items": [{"place",
    "cause", "indicators"}]}. `rows` lists every problem: {"level", "css", "text", "place", "hint"}
    (a hint in `lang`; the Chinese report leaves out a hint that has no Chinese).
    `indicator_names`: indicator id → its name in `lang`; `rule_names`: condition id → its name in `lang`, for a
    condition not judged because a figure it reads is doubtful (code rule_not_judged, `Problem.rule`; bt11i F3).
    `unknown`: ids of the quarter's indicators with no figure (ScoreResult.unknown): the box names the cell to fill in
    for each (its dropped_indicator warning's place) as it names a doubtful one's, since they too bound the rank and
    can leave a condition unjudged (bt12i F1: a blank FDI cell was said on page 5 only).
    """
    t = translator(lang)
    sep = "、" if lang == "zh" else ", "

    def text(p: Problem) -> str:  # a quarter as the report writes it (2021年第一季度), not as the code does (2021Q1)
        return in_words((p.message_zh or p.message) if lang == "zh" else p.message, lang)

    # The cause named for a cell: the most specific of the warnings at it (a unit slip before a cumulative fall).
    causes: dict[tuple[str, str], Problem] = {}
    for p in sorted(problems, key=lambda p: cause_rank(p.code)):
        if p.severity == "warning" and p.field_id and p.location.cell:
            causes.setdefault((place(p.location), p.field_id), p)
    groups: dict[str, dict] = {}
    doubtful = [p for p in problems if p.severity == "doubtful"]
    for p in doubtful:
        where = place(p.location)
        cause = causes.get((where, p.field_id))
        item = groups.setdefault(where + (cause.message if cause else p.message), {
            "place": cell_to_check(p, lang), "cause": text(cause) if cause else text(p), "indicators": []})
        if p.rule is not None:
            name = (rule_names or {}).get(p.rule, p.rule)
            item["indicators"].append(msg("condition 「{name}」 (not judged)", name=name).in_(lang))
        else:
            item["indicators"].append(indicator_names.get(p.indicator, p.indicator or ""))
    missing = [p for p in problems if p.code == "dropped_indicator" and p.indicator in set(unknown)]
    gaps: dict[str, dict] = {}
    for p in missing:
        where = place(p.location)
        cause = causes.get((where, p.field_id))
        item = gaps.setdefault(where + (cause.message if cause else p.message), {
            "place": places(p) or msg("the workbooks").in_(lang), "cause": text(cause) if cause else text(p),
            "indicators": []})
        item["indicators"].append(indicator_names.get(p.indicator, p.indicator or ""))
    # A newer workbook refused (scorer watch): the report is not of the latest quarter, said first (bt11i F3b)
    refused = [p for p in problems if p.code == "newer_workbook_refused"]
    conflicts = [p for p in problems if p.code == "zone_name_conflict"]  # a workbook naming two zones (bt11i F3c)
    box = None
    if doubtful or refused or conflicts or missing:
        items = [{"place": places(p), "cause": text(p), "indicators": in_words(
            msg("newer workbook of {quarter} refused", quarter=p.period).in_(lang) if p.period else
            msg("newer workbook refused").in_(lang), lang)} for p in refused]
        items += [{"place": places(p), "cause": text(p), "indicators": msg("its file name and title name two zones").in_(
            lang)} for p in conflicts]
        items += [{**g, "indicators": sep.join(g["indicators"])} for g in groups.values()]
        items += [{**g, "indicators": sep.join(g["indicators"]) + msg(" (no figure: fill it in)").in_(lang)}
                  for g in gaps.values()]
        # On page 2 (the brief) the box names the indicators and cells only, at most BRIEF_ITEMS of them: the causes,
        # several lines each, pushed the cards, actions and conditions onto page 3 (i12b, bt12g §8)
        n = sum(p.rule is None for p in doubtful)
        intro = t("quality_box_intro", n=n) if n else msg(
            "Doubtful figures were not used as read: the conditions below that read them are not judged. Check the "
            "cells below and regenerate the report:").in_(lang) if doubtful else "" if missing else msg(
            "Check the workbooks below and regenerate the report:").in_(lang)
        if missing:  # no figure this quarter: bounded like a doubtful one (bt12i F1)
            said = msg("{n:# indicator has|# indicators have} no figure this quarter and {n:was|were} left out of the score: "
                       "at {n:its|their} lowest and at full marks {n:it|they} could move the rank, so the rank and the "
                       "conditions it decides are judged over that range. Fill in the cells below and regenerate the "
                       "report:", n=len(missing)).in_(lang)
            intro = said if not intro else intro + (" " if lang == "en" else "") + said
        if refused:
            intro = msg("This report is not of the latest quarter: a newer workbook was received and refused (below); "
                        "correct it and drop it in the folder again.").in_(lang) + (" " if lang == "en" else "") + intro
        box = {"intro": intro, "items": items,
               "brief_items": items[:BRIEF_ITEMS],
               "see": msg("The cause of each is given under “{title}” at the end of the report.",
                          title=t("quality_list_title")).in_(lang) if len(items) <= BRIEF_ITEMS else
               msg("And {n} more. The cause of each is given under “{title}” at the end of the report.",
                   n=len(items) - BRIEF_ITEMS, title=t("quality_list_title")).in_(lang)}
    rows = [{"level": t(f"level_{p.severity}"), "css": p.severity, "text": text(p), "place": places(p),
             "hint": in_words((p.hint or "") if lang == "en" else (p.hint_zh or ""), lang)} for p in sorted(problems, key=lambda p: ("error", "doubtful", "warning").index(p.severity)
                                                 if p.severity in ("error", "doubtful", "warning") else 3)]
    return {"box": box, "rows": rows}
