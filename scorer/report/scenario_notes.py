"""The scenario section's word on doubtful data: what `scorer compare` prints under its table, in the report (bt11i:
the PDF's scenario table and notes said nothing when a scenario's result rested on doubtful data)."""

from __future__ import annotations

from scorer import fmt
from scorer.messages import both, msg
from scorer.score.rules import doubt_caution


def scenario_doubt(fw, o, w) -> str:
    """What a row of the scenario table rests on (`o`: a scorer.whatif.scenario outcome; `w`: the report's words), as
    `scorer compare` prints it: the caution of its doubtful indicators and empty categories (scorer.score.rules
    .doubt_caution) and its overall with them at their lowest and at full marks; '' when it rests on none."""
    if not (o.doubtful or o.empty_scored):
        return ""
    told = doubt_caution(fw, o.doubtful, w.lang, list(o.empty_scored), o.empty_scored) or ""
    on_doubt = changes_on_doubt(fw, o)
    return " ".join(x for x in (told, on_doubt.in_(w.lang) if on_doubt else "", scenario_range(None, o, w)) if x)


def changes_on_doubt(fw, o):
    """Why a scenario moves less than its changes say (a `Text`), when they act on indicators left out as doubtful:
    those move no score until their cells are corrected; None when none of its changes does (bt11k F8: 进出口总额
    +10亿元 on a slipped cell showed +0.0 with no word why)."""
    sc = getattr(o, "scenario", None)
    if sc is None or not o.doubtful:
        return None
    touched = set(sc.indicators) | {i for i, ind in fw.indicators.items()
                                    if set(fw.fields_read(ind.tree)) & set(sc.fields)}
    hit = [i for i in o.doubtful if i in touched]
    if not hit:
        return None
    names = [fw.indicators[i] for i in hit]
    return msg("{row}: its changes act on indicators left out as doubtful ({names}): they move no score until the "
               "cells are corrected", row=o.name, names=both(", ".join(n.name_en or n.name_zh for n in names),
                                                              "、".join(n.name_zh for n in names)))


def scenario_range(name: str | None, o, w) -> str:
    """The overall of a scenario row (named `name`, else as the table names it) with its doubtful indicators at their
    lowest and at full marks; '' when it has none."""
    if o.doubt_range is None:
        return ""
    return msg("{row}: scored at their lowest the doubtful indicators give {worst}, at full marks {best}",
               row=name or (w.t("baseline") if o.scenario is None else o.name), worst=fmt.score(o.doubt_range[0]),
               best=fmt.score(o.doubt_range[1])).in_(w.lang)
