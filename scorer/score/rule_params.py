"""A rules file's numbers that nothing can mean: refused at their line, whatever their `basis:` (bt16k F10).

`basis: judgement` exempts a number from the check against what it cites, not from sense: `rank_share_max: -0.5`
made page 2 say the zone stood 4.4 points above the median yet not at the regional middle; `bottom_n: -5` printed
比后-5名线低11.9分; `bottom_n: 2.5` was labelled the bottom 2; `overall_min: 150` and a threshold of −50 亿元 of tax
decided verdicts no score or zone could meet or miss.
"""

from __future__ import annotations

import math

from scorer import units
from scorer.errors import Location, Problem
from scorer.messages import msg, written
from scorer.yamlio import line_of

# Dimensions whose amounts are never below zero (money, counts, areas, people, mass, energy, water): a threshold
# below zero in one of their units is a slip (a sign, or a growth rate written in an amount's unit).
_NEVER_NEGATIVE = {"rmb", "usd", "count", "area", "people", "mass", "energy", "volume"}


def impossible_numbers(spec, doc, path, framework) -> list[Problem]:
    """Problems (errors at the number's YAML line) for rule parameters and thresholds no zone's figures can meet or
    miss in the way they say: `bottom_n` a whole number from 0; `rank_share_max` a share from 0 to 1 (1: any);
    `overall_min` and `category_min` within 0 … the framework's scale; a threshold within the bounds of the indicator
    it names (in the threshold's unit), and not below zero in a unit of an amount that cannot be."""
    out = []
    scale = float(getattr(framework.meta, "scale", 100) or 100)

    def refuse(key: tuple, text, hint) -> None:
        out.append(Problem(text, Location(file=path, line=line_of(doc, key)), hint, code="rule_number_impossible"))

    if spec.bottom_n is not None:
        n = spec.bottom_n.value
        if not math.isfinite(n) or n < 0 or n != int(n):
            refuse(("bottom_n", "value"), msg("bottom_n is {value:g}: the bottom N of a region is a whole number of "
                                              "zones, 0 or more", value=n),
                   msg("write the number of zones, e.g. 5 for the region's bottom 5"))
    if spec.rank_share_max is not None:
        s = spec.rank_share_max.value
        if not math.isfinite(s) or not 0 <= s <= 1:
            refuse(("rank_share_max", "value"), msg("rank_share_max is {value:g}: the share of peers that may score "
                                                    "higher lies between 0 and 1 (0.5: the regional middle)", value=s),
                   msg("write a share between 0 and 1, e.g. 0.5, not a percent"))
    for key in ("overall_min", "category_min"):
        target = getattr(spec, key)
        if target is not None and (not math.isfinite(target.value) or not 0 <= target.value <= scale):
            refuse((key, "value"), msg("{key} is {value:g}: a score lies between 0 and {scale:g}", key=key,
                                       value=target.value, scale=scale),
                   msg("write a score the framework can give (0 … {scale:g})", scale=scale))
    for k, t in enumerate(spec.thresholds):
        why = _out_of_bounds(t, framework)
        if why is not None:
            refuse(("thresholds", k, "value"), msg("threshold {id!r} is {value:g} {unit}: {why}", id=t.id, value=t.value,
                                                   unit=t.unit, why=why),
                   msg("correct the number, its sign or its unit"))
    return out


def _out_of_bounds(t, framework):
    """Why threshold `t`'s value cannot be met or missed as written, or None."""
    if not math.isfinite(t.value):
        return msg("not a finite number")
    if t.indicator in framework.indicators:
        d = framework.indicators[t.indicator]
        bounds = getattr(d.spec, "bounds", None)
        try:
            f = units.factor(d.unit, t.unit) if t.unit and t.unit != d.unit else 1.0
        except units.UnitError:
            return None  # told where the rule is judged
        low = bounds.min * f if bounds is not None and bounds.min is not None else None
        high = bounds.max * f if bounds is not None and bounds.max is not None else None
        if (low is not None and t.value < low) or (high is not None and t.value > high):
            return msg("outside what {name} can be ({low} … {high})", name=d.name_zh,
                       low="—" if low is None else written(low), high="—" if high is None else written(high))
        return None
    if t.unit and t.value < 0 and units.is_known(t.unit) and units.dimension(t.unit) in _NEVER_NEGATIVE:
        return msg("an amount in {unit} is never below zero", unit=t.unit)
    return None


def stated_figures(spec, doc, path, yardsticks) -> list[Problem]:
    """Problems for what a threshold's printed texts state against its number and what it cites (bt12h F2, issue 12
    point 1: rules cite entries instead of repeating numbers in prose): its names (name_zh 年税收收入不低于5亿元,
    name_en … 500m yuan) must state its own value (yardsticks.check_stated); its sources (source, source_en) may not
    state the figure of an entry it does not cite (yardsticks.check_prose). Each at the text's YAML line. [] without
    yardsticks for the sources."""
    from scorer.framework.yardsticks import check_prose, check_stated

    names, sources = [], []
    for k, t in enumerate(spec.thresholds):
        if not t.unit:
            continue
        who = msg("threshold {id!r}", id=t.id)
        at = lambda key, k=k: Location(file=path, line=line_of(doc, ("thresholds", k, key)))  # noqa: E731
        names += [(text, t.value, t.unit, at(key), who) for key, text in (("name_zh", t.name_zh), ("name_en", t.name_en))
                  if text]
        if t.cites and yardsticks is not None and all(c in yardsticks for c in t.cites):
            sources += [(text, t.value, t.unit, t.cites, at(key), who)
                        for key, text in (("source", t.source), ("source_en", t.source_en)) if text]
    return check_stated(names) + (check_prose(sources, yardsticks) if sources else [])
