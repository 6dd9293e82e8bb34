"""Peer rows named after a real zone, held to the figures the yardsticks publish for that zone (bt12h F3).

A row of a peer table whose name is a real zone's (郑州经开区 …) is read as that zone: a figure in it that is far from
the zone's own published figure (yardsticks.yaml, `kind: total` with `zone:` and `fields:`; e.g.
zone_zhengzhou_2022_gdp, 1 300亿元) is another zone's, another caliber or unit, or made up, and a director reading
the row would believe it. The bundled synthetic set names no row after a real zone (its Henan zones are placements,
scorer.score.peer_model); a table of the user's own is warned of, cell by cell.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from scorer import units
from scorer.errors import Location, Problem
from scorer.framework.model import Framework
from scorer.framework.yardsticks import Yardsticks, load_yardsticks
from scorer.i18n import name_of, unit_named
from scorer.messages import msg, written

# How far a named row's figure may lie from the zone's published one, either way, before it contradicts it. The
# yardsticks hold a zone's figure of a year or two before the table's; a zone's GDP, tax or trade moves by some
# per cent a year (central national zones' GDP +5.6 % in 2023: national_2023_gdp_growth), not by half. Beyond ×1.5
# the figure is another zone's, caliber or unit (郑州 at 672 against 1 300亿元 is ×0.52; 开封's trade at 86 against
# 32.76亿元 ×2.6).
FACTOR = 1.5


def zone_figures(framework: Framework, ys: Yardsticks) -> dict[str, list[tuple[str, float, object]]]:
    """Each real zone's published figures in the framework's indicators: zone name → [(indicator id, the figure in
    the indicator's unit, its yardstick entry)]. An entry counts when it is a zone's total (`kind: total`, `zone:`)
    whose `fields:` are exactly the raw fields the indicator reads (zone_zhengzhou_2022_gdp → gdp_amount), converted
    at its own year's rate across currencies; a figure that does not convert is left out."""
    out: dict[str, list] = {}
    for e in ys.entries.values():
        if e.kind != "total" or not e.zone or not e.fields or e.value is None or not e.unit:
            continue
        for ind in framework.indicators.values():
            if set(e.fields) != set(framework.fields_read(ind.tree)):
                continue
            try:
                f, _ = units.money_factor(e.unit, ind.unit, e.year)
            except units.UnitError:
                continue
            out.setdefault(e.zone, []).append((ind.id, e.value * f, e))
    return out


def named_rows(names: dict, ys: Yardsticks, zones: Iterable[str] | None = None) -> dict[str, str]:
    """The rows named after a real zone the yardsticks know (a rank or a figure of it), or after one of `zones`: row
    id → zone name. A row is the zone's when its name begins with the zone's name (郑州经开区（2023）), as readiness
    reads the names; the longest name first. One regular expression over the names (27 000 rows: bt17i F1 found a
    loop over the zones for each row costing as much as the table's duplicate check)."""
    known = sorted(set(zones) if zones is not None else {e.zone for e in ys.entries.values() if e.zone},
                   key=len, reverse=True)
    if not known:
        return {}
    starts = re.compile("|".join(map(re.escape, known)))
    out = {}
    for uid, name in names.items():
        m = starts.match(str(name).strip())
        if m is not None:
            out[uid] = m.group(0)
    return out


def contradictions(values: pd.DataFrame, names: dict, framework: Framework, ys: Yardsticks,
                   factor: float = FACTOR) -> list[tuple[str, str, str, float, float, object]]:
    """The figures of rows named after a real zone that contradict the zone's published figure: (row id, zone,
    indicator id, the row's value, the published figure in the indicator's unit, its yardstick entry), where the
    value lies beyond `factor` either way of the figure (0 against a positive figure included). Blank cells are
    not figures. `values`: rows × indicator ids in the indicators' units, as load_peers returns them."""
    figures = zone_figures(framework, ys)
    out = []
    for uid, zone in named_rows(names, ys, figures).items():
        for ind, figure, entry in figures.get(zone, []):
            if uid not in values.index or ind not in values.columns or figure <= 0:
                continue
            value = float(values.at[uid, ind])
            if np.isfinite(value) and not (figure / factor <= value <= figure * factor):
                out.append((uid, zone, ind, value, figure, entry))
    return out


def contradiction_warnings(values: pd.DataFrame, names: dict, framework: Framework,
                           cell: Callable[[str, str], Location]) -> list[Problem]:
    """`contradictions` against the framework's yardsticks as warnings (code peer_named_zone_figure), each at the
    row's cell (`cell(row id, indicator id)`). [] for a framework without yardsticks."""
    if framework.yardsticks_path is None:
        return []
    ys = load_yardsticks(framework.yardsticks_path)
    problems = []
    for uid, zone, ind, value, figure, entry in contradictions(values, names, framework, ys):
        spec = framework.indicators[ind]
        problems.append(Problem(
            msg("row {row!r} is named after {zone}, but its {name} {value} {unit} is far from the {figure} {unit} the "
                "yardsticks give for that zone ({entry}, {year}): another zone's figure, caliber or unit, or a figure "
                "made up beside a real name", row=uid, zone=zone, name=name_of(spec), value=written(value),
                unit=unit_named(spec.unit), figure=written(round(figure, 2)), entry=entry.id, year=entry.year),
            cell(uid, ind),
            msg("give the zone's own figure, or name the row as a synthetic zone if its figures are not the zone's"),
            "warning", code="peer_named_zone_figure"))
    return problems
