"""A figure against the zone's own history: the ten-times slip (a digit too many or too few) told by a figure's ratio to
its linked figures (fields.yaml `ratios`) across neighbouring quarters, and which of two figures that disagree left
its own history (the tie-break of `scorer.read.plausibility.ratio_doubts`, issue 11 open points 4 and 6).

Split from scorer.read.plausibility (the module line cap); that module imports these and re-exports `Levels`.
"""

from __future__ import annotations

import math
from collections import defaultdict

from scorer import units
from scorer.errors import Problem
from scorer.fmt import figure as fmt_figure
from scorer.framework.model import FieldDef
from scorer.messages import Text, both, msg, written
from scorer.i18n import unit_named
from scorer.read.observation import Observation

Levels = dict[tuple[str, str], Observation]  # (field id, period "2023Q2") → its level figure


# A figure whose ratio to each figure linked with it (fields.yaml `ratios`) moved more than RELATIVE_JUMP× against the
# same ratio in every neighbouring quarter, while it moved RELATIVE_LEAD× more than that figure did, is doubtful: a digit
# too many or too few (10× off) stays inside a field's own `max_jump` (10 for trade, FDI, tax) and its ratio ranges
# (10 000 wide), but not inside the zone's own history of the ratio (issue 11: only a 10 000× slip was caught reliably).
RELATIVE_JUMP = 5.0
RELATIVE_LEAD = 3.0


def neighbours(period: str, stock: bool) -> list[str]:
    """The quarters a figure of `period` is held against: the same quarter a year before and after, and the quarter
    before and after (for a year-to-date flow only within its year: a cumulative figure restarts in Q1)."""
    year, q = int(period[:4]), int(period[-1])
    out = [f"{year - 1}Q{q}", f"{year + 1}Q{q}"]
    if stock or q > 1:
        out.append(f"{year}Q{q - 1}" if q > 1 else f"{year - 1}Q4")
    if stock or q < 4:
        out.append(f"{year}Q{q + 1}" if q < 4 else f"{year + 1}Q1")
    return out


def relative_jumps(levels: Levels, fields: dict[str, FieldDef],
                   told: dict[tuple[str, str], Problem] | None = None) -> list[Problem]:
    """Figures out of line with the zone's own history of their ratios to their linked figures: one problem each
    (code implausible_jump), at the cell, naming the quarter and the linked figure it was held against.

    For a figure f of a quarter p and each neighbouring quarter q with figures (`neighbours`), each linked figure g
    (fields.yaml `ratios`, either way) with figures in both quarters gives rel = (f_p / f_q) / (g_p / g_q). f is
    doubtful when, for every q and g that tell, |rel| is beyond RELATIVE_JUMP and f moved RELATIVE_LEAD× more than g
    did (so of a pair it is the one that moved); at least one must tell. Every neighbour counts, later quarters too: a
    slip in last year's workbook is told at its own cell, not at this year's correct figure, and a genuine leap the
    next quarter's cumulative figure confirms is not doubtful. Figures in `told` (doubtful already) are neither
    judged nor used to judge."""
    told = told or {}
    linked: dict[str, set[str]] = defaultdict(set)
    for fid, f in fields.items():
        for other in f.ratios:
            if other in fields:
                linked[fid].add(other)
                linked[other].add(fid)

    def usable(fid: str, period: str) -> Observation | None:
        o = levels.get((fid, period))
        return o if o is not None and o.value > 0 and math.isfinite(o.value) and (fid, period) not in told else None

    problems = []
    for (fid, period), o in levels.items():
        if fid not in fields or fields[fid].max_jump is None or usable(fid, period) is None or \
                (units.things_per_unit(o.unit) == 1 and fid not in linked):  # a small count: max_jump's (n+1)/(m+1)
            continue
        evidence, clean = [], True
        for q in neighbours(period, fields[fid].kind == "stock"):
            before = usable(fid, q)
            if before is None:
                continue
            own = o.value / before.value
            told_by = [(g, usable(g, period), usable(g, q)) for g in sorted(linked.get(fid, ()))]
            told_by = [(g, gp, gq) for g, gp, gq in told_by if gp is not None and gq is not None] or [(None, None, None)]
            for g, gp, gq in told_by:  # no linked figure in both quarters: the move that is no news (`expected`)
                moved = gp.value / gq.value if g is not None else expected(o, before)
                no_news = expected(o, before)  # a cumulative figure's months
                rel, off, other_off = apart(own / moved), apart(own / no_news), apart(moved / no_news)
                if rel is None or off is None or other_off is None:  # a move beyond floats (1e-320 ÷ 1e5): not told
                    clean = False
                elif rel > math.log10(RELATIVE_JUMP) and off - other_off > math.log10(RELATIVE_LEAD):
                    evidence.append((before, gq, gp, own / moved))
                else:
                    clean = False
        if evidence and clean:
            problems.append(_relative_problem(o, fid, period, evidence))
    return problems


def _relative_problem(o: Observation, fid: str, period: str, evidence: list) -> Problem:
    before, gq, gp, rel = evidence[0]
    times = fmt_figure(max(rel, 1 / rel), 2)
    if gp is None:
        said = msg("「{label}」 {value} {unit} for {period} is out of line with the zone's own history: against {when} "
                   "({before}, {where}) it is {times}× off what the months it covers make likely, and so against every "
                   "neighbouring quarter (more than ×{limit}): a digit too many or too few (10 times off)?",
                   label=o.label, value=fmt_figure(o.value), unit=unit_named(o.unit), period=period, when=before.period,
                   before=fmt_figure(before.value), where=before.where(), times=times, limit=written(RELATIVE_JUMP))
    else:
        said = msg("「{label}」 {value} {unit} for {period} is out of line with the zone's own history: against {when} ({before}, "
                   "{where}) it moved {times}× more than 「{other}」 ({other_before} → {other_now}), whose ratio to it the "
                   "neighbouring quarters keep (more than ×{limit}): a digit too many or too few (10 times off)?",
                   label=o.label, value=fmt_figure(o.value), unit=unit_named(o.unit), period=period, when=before.period,
                   before=fmt_figure(before.value), where=before.where(), times=times, other=gp.label,
                   other_before=fmt_figure(gq.value), other_now=fmt_figure(gp.value), limit=written(RELATIVE_JUMP))
    return Problem(
        said, o.location(), _typed_wrong_hint(o.unit_as_written or o.unit),
        "warning", code="implausible_jump", field_id=fid, period=period,
        also=tuple(dict.fromkeys(x.location() for e in evidence for x in e[:3] if x is not None and x.location() != o.location())))


def _typed_wrong_hint(unit: str):
    """The hint for a figure 10 to 1 000 times off its history: the units of the row's own dimension that far from
    its unit (万元: 千元, 百万元; 吨: 千克), or digits and the decimal point where none is (bt11k F4: 千元, 百万元 was
    said of every row, tonnes and people too)."""
    near = [u for u in units.other_scales(unit) if 1 < max(r := units.factor(u, unit), 1 / r) < 1e4]
    if not near:
        return msg("check the cell against the workbook it came from: a digit or a decimal point typed wrong?")
    return msg("check the cell against the workbook it came from: a digit, a decimal point or a unit ({units}) typed "
               "wrong?", units=both(", ".join(near), "、".join(near)))


def apart(ratio: float) -> float | None:
    """How far apart two figures of ratio `ratio` are, in log10 (0: equal, 1: ten times); None when the ratio is beyond
    what floats hold (0 or inf: a figure of 1e-320 against one of 1e5), which no history can judge (the figure's
    bounds and plausible range still do)."""
    return abs(math.log10(ratio)) if 0 < ratio < math.inf else None


def history_move(fids: list[str], figs: dict[str, Observation], levels: Levels, period: str) -> float | None:
    """How far the figures `fids` of `period` are off their own history: for each, the |log10| of its move against
    the neighbouring quarter it agrees with best (`neighbours`, before and after; a year-to-date flow's move within its
    year taken against the months it adds: Q2 is twice Q1), the largest over `fids`; None when none has a neighbour."""
    moves = []
    for f in fids:
        near = [m for q in neighbours(period, figs[f].basis == "stock")
                if (o := levels.get((f, q))) is not None and o.value > 0 and math.isfinite(o.value)
                and (m := apart(figs[f].value / o.value / expected(figs[f], o))) is not None]
        if near:
            moves.append(min(near))
    return max(moves) if moves else None


def expected(now: Observation, then: Observation) -> float:
    """The move of a figure from `then` to `now` that is no news: a year-to-date flow within one year grows with the
    months it covers (Q3 / Q1: 3); anything else, 1."""
    if now.basis == "ytd" and now.period[:4] == then.period[:4]:
        return int(now.period[-1]) / int(then.period[-1])
    return 1.0


# A figure that moved more than TIE_JUMP× against its own history while the figure it disagrees with held (moved TIE_JUMP×
# less) is the one off: a 10× slip in one of two figures linked by one ratio alone (issue 11: both were marked).
TIE_JUMP = 3.0


def tie_break(a: list[str], b: list[str], figs: dict[str, Observation], levels: Levels, fields: dict[str, FieldDef],
               period: str, odd: tuple | None = None) -> tuple[int | None, Text | None]:
    """Which of two groups of figures alike in the ratio check (`a`, `b`: field ids; as many disagreements, as many
    figures) is off: 0 or 1, and why (None when `odd` told); None (both doubtful) and why nothing tells. First the
    zone's own history (the group that jumped against it while the other held), then `odd` (the two figures'
    `plausibility._oddness` within one group, when they differ), then history again (the one whose figures have none while the
    other's held), then the figures' own plausible ranges (fields.yaml `plausible`: one group outside, the other
    inside)."""
    ma, mb = (history_move(g, figs, levels, period) for g in (a, b))
    limit = math.log10(TIE_JUMP)
    names = [both("、".join(figs[f].label for f in g), "、".join(figs[f].label for f in g)) for g in (a, b)]
    for moved in (True, False):
        for k, (mine, other) in enumerate(((ma, mb), (mb, ma))):
            held = other is not None and other < limit
            if held and ((mine is not None and mine >= limit and mine - other >= limit) if moved else mine is None):
                return k, msg("「{other}」 held to its own figures of the neighbouring quarters while this one {moved}: "
                              "this one is off", other=names[1 - k],
                              moved=msg("has no figure of a neighbouring quarter to check it") if mine is None
                              else msg("moved {times}× against its own", times=fmt_figure(10 ** mine, 3)))
        if moved and odd is not None and odd[0] != odd[1]:
            return (0 if odd[0] > odd[1] else 1), None
    outside = [any(fields[f].plausible is not None and not fields[f].plausible.contains(figs[f].value) for f in g)
               for g in (a, b)]
    if outside[0] != outside[1]:
        k = 0 if outside[0] else 1
        return k, msg("it lies outside its own plausible range (fields.yaml `plausible`) while 「{other}」 lies inside "
                      "its own: this one is off", other=names[1 - k])
    return None, msg("nothing tells which of 「{a}」 and 「{b}」 is off (their own history and plausible ranges single "
                     "out neither), so both are doubtful", a=names[0], b=names[1])


def quarter_before(period: str) -> str:
    """The quarter before `period` ("2022Q1" → "2021Q4")."""
    year, q = int(period[:4]), int(period[-1])
    return f"{year}Q{q - 1}" if q > 1 else f"{year - 1}Q4"


def earlier_figures(o: Observation, stock: bool) -> list[tuple[str, bool]]:
    """The quarters a level `o` is compared with by fields.yaml `max_jump`, each with whether only a fall counts: the
    same quarter a year before; for a stock also the quarter before; for a year-to-date flow after Q1, the quarter
    before in its year, for a fall only (a cumulative figure grows through the year)."""
    out = [(f"{int(o.period[:4]) - 1}{o.period[4:]}", False)]
    if stock or (o.basis == "ytd" and o.period[-1] != "1"):
        out.append((quarter_before(o.period), not stock))
    return out


def jump_ratio(now: Observation, then: Observation) -> float:
    """`now` over `then`; a count in whole units (家, 个, 人) as (n + 1) / (m + 1), so 1 → 3 is no jump while 2 → 20 is."""
    if units.things_per_unit(now.unit) == 1:
        return (now.value + 1) / (then.value + 1)
    return now.value / then.value


def beyond(ratio: float, limit: float, falls_only: bool) -> bool:
    """Whether a move of `ratio` is beyond the largest credible one (×`limit`, or ÷`limit`; a fall only if `falls_only`)."""
    return not (1 / limit <= ratio and (falls_only or ratio <= limit))


def older_cell_off(o: Observation, before: Observation, levels: Levels, limit: float, stock: bool,
                   readings: dict[tuple[str, str], list[Observation]]) -> bool:
    """Whether a jump of `o` from `before` (a figure of an older workbook, beyond ×`limit`) is the older cell's slip,
    not `o`'s (bt11i F1: 432 typed for 4 320 in last year's workbook made this year's correct 4 437 doubtful).

    Both must tell. `o`'s own workbook vouches for `o`: its own reading of `before`'s quarter (its 上年同期 cell, in
    `readings`) holds against `o` and is beyond the limit from `before`; with no such reading, another of `o`'s own
    comparisons (`earlier_figures`, both ways) holds. And `before` fails its own comparisons (its own 上年同期, the
    quarter before it): the older workbook's own evidence flags it, so it is told at its own cell. A reading of `o`'s
    workbook that agrees with `before` blames `o` (a genuinely slipped current figure)."""
    if before.file == o.file:
        return False  # no older workbook: the figure's own 上年同期 cell
    falls_only = dict(earlier_figures(o, stock)).get(before.period, False)
    own = [r for r in readings.get((o.field, before.period), ()) if r.file == o.file and r.value > 0]
    if own:
        if beyond(jump_ratio(o, own[0]), limit, falls_only) or not beyond(jump_ratio(own[0], before), limit, False):
            return False
    elif not any(not f and (x := levels.get((o.field, q))) is not None and x.value > 0 and q != before.period
                 and not beyond(jump_ratio(o, x), limit, False) for q, f in earlier_figures(o, stock)):
        return False
    return any((x := levels.get((o.field, q))) is not None and x.value > 0 and beyond(jump_ratio(before, x), limit, f)
               for q, f in earlier_figures(before, stock))


def part_or_whole(part: Observation, whole: Observation, levels: Levels, period: str,
                  rates_off: "set[tuple[str, str]] | frozenset" = frozenset()) -> tuple[str | None, Text]:
    """Which of a part above its whole (出口 above 进出口) is the figure to check: "part", "whole", or None (both
    doubtful), and why, in words.

    A figure is contradicted by its own figures when it moved TIE_JUMP× or more against its neighbouring quarters
    (`history_move`) or its published 同比 disagrees with its own two levels (`rates_off`: (field, period), from
    scorer.read.checks.growth_disagreements). The one contradicted while the other is not is off; when neither or both
    are, nothing tells, and both are doubtful (bt11i F3: the part was blamed by default and the whole scored as true)."""
    pair = {part.field: part, whole.field: whole}
    limit = math.log10(TIE_JUMP)

    def against(o: Observation) -> Text | None:
        move = history_move([o.field], pair, levels, period)
        if move is not None and move >= limit:
            return msg("「{label}」 is {times}× off its own figures of the neighbouring quarters", label=o.label,
                       times=fmt_figure(10 ** move, 3))
        if (o.field, period) in rates_off:
            return msg("「{label}」's published 同比 disagrees with its own two levels", label=o.label)
        return None

    off_part, off_whole = against(part), against(whole)
    if (off_part is None) != (off_whole is None):
        side, why, other = ("part", off_part, whole) if off_part is not None else ("whole", off_whole, part)
        return side, msg("{why}, while 「{other}」 agrees with its own: 「{label}」 is the figure to check", why=why,
                         other=other.label, label=pair[part.field if side == "part" else whole.field].label)
    if off_part is not None:
        return None, msg("{a} and {b}: either may be off, so both are doubtful", a=off_part, b=off_whole)
    return None, msg("nothing in the zone's own history or published growth rates tells which of 「{part}」 and "
                     "「{whole}」 is off, so both are doubtful", part=part.label, whole=whole.label)
