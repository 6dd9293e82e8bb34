"""Observations → doubtful figures: bounds, parts within wholes, credible jumps and the 10 000× unit slip, as fields.yaml declares them.

Each check is declared per field in fields.yaml (`bounds`, `part_of`, `max_jump`; see
`scorer.framework.model.FieldDef`). A figure that fails one is reported at its cell as a warning
whose `code` is in DOUBT_CODES, with `field_id` and `period` set: the score stage reads those and
does not score the indicators computed from the figure as if it were true (it leaves them out or
caps them, as framework.yaml's `plausibility` says, and names them as doubtful).

The unit slip (亿元 typed into a 万元 row, 元 into a 万元 row) is found two ways: against the
field's own history (the same quarter of other years; for a stock, every quarter), where the
figure is about 10 000 times off the median; and against the other fields, where a figure is a
hundred times or more above its whole, or below two or more of its parts at once.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Collection
from statistics import median

from scorer import units
from scorer.fmt import figure as fmt_figure, ratio as fmt_ratio
from scorer.errors import Problem
from scorer.messages import both, msg, Text, written
from scorer.framework.model import Bounds, FieldDef
from scorer.read.observation import Observation
from scorer.i18n import unit_en, unit_named
from scorer.read.own_history import (TIE_JUMP, Levels, beyond, earlier_figures, history_move, jump_ratio, older_cell_off,
                                     part_or_whole, relative_jumps, tie_break)

# The codes of the problems that make a figure doubtful (the score stage does not take it as true).
# "fdi_caliber" is raised by the score stage (scorer.score.caliber: it needs the yardsticks) but is a doubtful figure like the others.
# "fraction_rate" is raised by scorer.read.checks: a 同比 within ±1% that nothing checks, among rates as small (0.073 for 7.3%?).
# "implausible_value": a level or indicator outside its declared `plausible` range; "growth_typo": a published 同比
# far from what its two levels give (scorer.read.checks); "unit_guessed": an amount read in a unit the workbook
# does not state (scorer.read.ingest) that disagrees with its wholes or history.
# "not_zone_series": a level above all the central region's zones together (fields.yaml `region_ceiling`, bt10g F4).
# "implausible_ratio": a figure out of line with the zone's other figures of its quarter (fields.yaml `ratios`).
DOUBT_CODES = frozenset({"below_bound", "above_bound", "part_above_whole", "unit_slip", "implausible_jump", "fdi_caliber",
                         "fraction_rate", "implausible_value", "growth_typo", "unit_guessed", "implausible_ratio",
                         "growth_disagrees", "not_zone_series"})
# Of those, the codes that make a published 同比 rate doubtful, not the field's level: only the indicators
# that use the rate (yoy() of the field where the workbook gives it) are affected (scorer.score.doubt).
# "growth_disagrees": a published 同比 more than a point from its levels' (issue 11, bt-i11 F2: it was scored as true).
GROWTH_DOUBT_CODES = frozenset({"fraction_rate", "growth_typo", "growth_disagrees"})

# The causes of a doubt from the most specific to the least: when several checks fire on one cell, the first of
# these is the one named (bt-i11 F6: the quality box gave 累计数低于第三季度 for a cell whose figure was 亿元 typed
# into a 万元 row). Codes not listed come after, in the order found.
CAUSE_ORDER = ("not_zone_series", "unit_slip", "fdi_caliber", "fraction_rate", "part_above_whole", "implausible_ratio", "growth_typo",
               "above_bound", "below_bound", "implausible_value", "unit_guessed", "implausible_jump", "growth_disagrees")


def cause_rank(code: str) -> int:
    """Where a problem's `code` stands in CAUSE_ORDER (lower: more specific); any other code after every doubt's."""
    return CAUSE_ORDER.index(code) if code in CAUSE_ORDER else len(CAUSE_ORDER)


SLIP_LOG10 = 3.0  # a figure 1 000 times or more off its own history is taken as a unit slip (a 10 000 step)
PART_SLIP_RATIO = 100.0  # a part 100 times its whole: one of them is in the wrong unit



def doubtful_figures(levels: Levels, fields: dict[str, FieldDef],
                     readings: dict[tuple[str, str], list[Observation]] | None = None,
                     rates_off: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """Every figure that fails a declared plausibility check, one problem each, at its cell.

    `levels`: the level (cumulative or end-of-period) of each (field id, period), as read; `readings`: the other
    readings of a level (a newer workbook's 上年同期 cell), which tell a slip in an older workbook (`implausible_jumps`);
    `rates_off`: the (field, period) whose published 同比 disagrees with its own two levels (scorer.read.checks), which
    tells which of a part and its whole is off (`parts_above_wholes`).
    """
    beyond_region = above_region(levels, fields)
    every = levels
    if beyond_region:  # a province's or the nation's total: named first, and no reference for the zone's other figures;
        # its own history may still say 10 000× off (亿元 typed into a 万元 row), told after it as the other possibility
        levels = {key: o for key, o in levels.items() if key not in {(p.field_id, p.period) for p in beyond_region}}
    blamed, agreed = ratio_doubts(levels, fields)
    slips = unit_slips(every, fields, agreed)
    problems = list(slips.values())
    # A figure the ratios show to be a unit slip is not also told as below its plausible minimum: the slip is the cause.
    said = {key: p for key, p in blamed.items() if p.code == "unit_slip"} | slips
    problems += [p for p in out_of_bounds(levels, fields)
                 if p.code != "implausible_value" or (p.field_id, p.period) not in said]
    parts = parts_above_wholes(levels, fields, said, rates_off)
    problems += parts
    # A part above its whole is told as such (the more specific cause), not again as a ratio out of range.
    told = set(slips) | {(p.field_id, p.period) for p in parts}
    problems += [p for key, p in blamed.items() if key not in told]
    relative = relative_jumps(levels, fields, {**blamed, **slips})
    problems += relative
    # a jump from (or of) a doubtful figure is not told again: the slipped one is named at its own cell, not its neighbour
    problems += implausible_jumps(levels, fields, {**blamed, **slips, **{(p.field_id, p.period): p for p in relative}},
                                  readings)
    return beyond_region + problems


def above_region(levels: Levels, fields: dict[str, FieldDef]) -> list[Problem]:
    """A level above its field's `region_ceiling` (fields.yaml: all the central region's national zones together, a
    yardstick mean × central_2023_zones): a province's or the nation's total read as the zone's (an export of national
    series with no 「中国:」 in its headers, bt10g F4). One warning per figure at its cell, code "not_zone_series",
    named before any unit-slip guess (CAUSE_ORDER); the figure is doubtful, never scored as true."""
    problems = []
    for (fid, period), o in levels.items():
        ceiling = fields[fid].region_ceiling if fid in fields else None
        if ceiling is None or not o.value > ceiling:
            continue
        unit = fields[fid].unit
        problems.append(Problem(
            msg("「{label}」 {value} {unit} for {period} is larger than all the central region's national zones together "
                "({ceiling} {unit}, fields.yaml `region_ceiling`): looks like a provincial or national total, not the "
                "zone's series", label=o.label, value=fmt_figure(o.value), unit=unit_named(unit), period=period,
                ceiling=fmt_figure(ceiling)),
            o.location(), msg("give the zone's own figures; a database export of a province's or the nation's series "
                              "is not the zone's workbook"), "warning", code="not_zone_series", field_id=fid,
            period=period))
    return problems


def _times(log10: float) -> str:
    """How many times off, for a message: 12,345 up to 1e15, then 1.2e+300 (never 300 digits, never an overflow)."""
    return f"{10 ** log10:,.0f}" if log10 < 15 else f"{10 ** min(log10, 307):.2g}" if log10 < 308 else f"1e+{log10:.0f}"


def _slip_cause(o: Observation, too_small: bool, fields: dict[str, FieldDef]) -> tuple[str, str, str]:
    """(English cause, Chinese cause, hint) for a figure about 10 000 times too small or too large, in the unit of
    its row as written (a 亿元 row of a 万元 statistic: 万元 typed into it, write 120.9, not 1,209,000 again: bt15
    F13) and the figure as typed in it."""
    unit = fields[o.field].unit
    written = o.value
    if o.unit_as_written and units.normalise_unit(o.unit_as_written) != units.normalise_unit(unit):
        try:
            written, unit = o.value / units.factor(o.unit_as_written, unit), units.normalise_unit(o.unit_as_written)
        except units.UnitError:  # another currency: said in the statistic's unit
            pass
    smaller, larger = units.ten_thousand_apart(unit)
    typed = larger if too_small else smaller
    if typed is None:
        word = "smaller" if too_small else "larger"
        return (f"about 10 000 times {word} than it should be", f"约为应有数值的{'万分之一' if too_small else '一万倍'}",
                msg("check the cell's unit: this row is in {unit}", unit=unit_named(unit)))
    right = written * (1e4 if too_small else 1e-4)
    hint = msg("if the figure is {value} {typed}, write {right} (in {unit}) or change the row's unit to {typed}",
               value=fmt_figure(written), typed=typed, right=fmt_figure(right), unit=unit_named(unit))
    if o.unit_cell and o.unit_cell != o.cell:  # the unit is the table's statement: it may be the cell that is wrong
        note = msg("the row takes its unit {unit} from {cell}; if the whole table is in {typed}, correct the unit "
                   "stated there", unit=unit_named(unit), cell=o.unit_cell, typed=typed)
        return (f"looks like {typed} typed into a {unit} row ({note})", f"疑似把以{typed}计的数填进了以{unit}计的行（{note.zh}）",
                hint)
    return (f"looks like {typed} typed into a {unit} row",
            f"疑似把以{typed}计的数填进了以{unit}计的行", hint)


def digit_or_slip_hint(unit: str, too_small: bool | None = None):
    """The hint for a figure out of its plausible range in a row (or computed from rows) in `unit`: the unit slip of
    that unit (`units.slip_words`; `too_small` as there), or a digit too many or too few where it has none (a count,
    a share). bt11k F4: every such hint said 亿元 typed into a 万元 row, whatever the row's unit."""
    slip = units.slip_words(unit, too_small) if unit else None
    if slip is None:
        return msg("check the cell: a digit too many or too few?")
    return msg("check the cell: a unit slip ({slip}) or a digit too many or too few?", slip=slip)


def unit_stated_at(o: Observation) -> tuple:
    """The cell stating `o`'s unit for its whole table (Observation.unit_cell), as a Location for a problem's `also`."""
    if not o.unit_cell or o.unit_cell == o.cell:
        return ()
    from scorer.errors import Location

    return (Location(file=o.file, sheet=o.sheet, cell=o.unit_cell),)


def unit_slips(levels: Levels, fields: dict[str, FieldDef],
               agreed: set[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], Problem]:
    """Figures about 10 000 times off their own history or their parts and wholes: {(field, period): problem}.

    `agreed`: the figures the zone's other figures of their quarter vouch for (`ratio_doubts`): one of those 10 000
    times off its history is not the slip; the history is (a slipped first workbook made its correct successor look
    10 000 times too large)."""
    out: dict[tuple[str, str], Problem] = {}
    by_field: dict[str, dict[str, Observation]] = defaultdict(dict)
    for (fid, period), o in levels.items():
        if fid in fields and o.value > 0:
            by_field[fid][period] = o
    # Against its own history: the same quarter of other years (a flow is cumulative within a year).
    for fid, seq in by_field.items():
        stock = fields[fid].kind == "stock"
        for period in _far_from_history(seq, stock):
            o = seq[period]
            refs = [r for p, r in seq.items() if p != period and (stock or p[-1] == period[-1])]
            if not refs:
                continue
            off = math.log10(o.value) - median(math.log10(r.value) for r in refs)
            if abs(off) < SLIP_LOG10 or (fid, period) in agreed:
                continue
            nearest = _named_reference(refs, period)
            cause_en, cause_zh, hint = _slip_cause(o, off < 0, fields)
            # the ratio printed is to the figure the message names (bt15k Aside: "2021Q1 为 30,600 … 相差约 12,378 倍"
            # was the ratio to the median of two quarters, which the message did not name; 341,000,000 / 30,600 = 11,144)
            times = _times(abs(math.log10(o.value) - math.log10(nearest.value)))
            out[(fid, period)] = Problem(
                f"「{o.label}」 {fmt_figure(o.value)} {unit_en(o.unit)} for {period} is about {times} times "
                f"{'smaller' if off < 0 else 'larger'} than its own history ({fmt_figure(nearest.value)} for {nearest.period}, "
                f"{nearest.where()}): {cause_en}", o.location(), hint, "warning", code="unit_slip",
                message_zh=f"「{o.label}」{period} 为 {fmt_figure(o.value)} {o.unit}，与本区历史数据（{nearest.period} 为 "
                           f"{fmt_figure(nearest.value)}，{nearest.where()}）相差约 {times} 倍：{cause_zh}",
                field_id=fid, period=period, also=(nearest.location(), *unit_stated_at(o)))
    # With two figures only (本期 and 上年同期), each is 10 000 times off the other: blame only the one its own
    # quarter's parts and wholes (and its plausible range) show to be off, when they tell (issue 11: a correct
    # 上年同期 was flagged beside the slipped 本期, and the hint told the analyst to change it).
    flagged: dict[str, list[str]] = defaultdict(list)
    for fid, period in out:
        flagged[fid].append(period)
    for fid, periods in flagged.items():
        fit = {p: _fits(fid, p, levels, fields) for p in periods}
        if any(v is False for v in fit.values()):
            for p, v in fit.items():
                if v is True:
                    del out[(fid, p)]
    # Against its parts and wholes: a figure far below two or more of its parts, or far above its whole.
    far: dict[tuple[str, str], list[tuple[Observation, bool]]] = defaultdict(list)
    for (part, period), o in levels.items():
        if part not in fields:
            continue
        for whole in fields[part].part_of:
            w = levels.get((whole, period))
            if w is None or w.value <= 0 or o.value < PART_SLIP_RATIO * w.value:
                continue
            far[(whole, period)].append((o, True))  # the whole too small
            far[(part, period)].append((w, False))  # or the part too large
    for (fid, period), others in far.items():
        if (fid, period) in out or len({o.field for o, _ in others}) < 2:
            continue
        o = levels[(fid, period)]
        too_small = others[0][1]
        cause_en, cause_zh, hint = _slip_cause(o, too_small, fields)
        named = "、".join(f"「{x.label}」 {fmt_figure(x.value)} {x.unit} ({x.where()})" for x, _ in others)
        named_zh = "、".join(f"「{x.label}」{fmt_figure(x.value)} {x.unit}（{x.where()}）" for x, _ in others)
        relation = "below its parts" if too_small else "above its wholes"
        out[(fid, period)] = Problem(
            f"「{o.label}」 {fmt_figure(o.value)} {unit_en(o.unit)} for {period} is far {relation} {named}: {cause_en}",
            o.location(), hint, "warning", code="unit_slip",
            message_zh=f"「{o.label}」{period} 为 {fmt_figure(o.value)} {o.unit}，远{'小于其组成部分' if too_small else '大于其总量'}"
                       f"{named_zh}：{cause_zh}", field_id=fid, period=period,
            also=tuple(dict.fromkeys([*(x.location() for x, _ in others), *unit_stated_at(o)])))
    return out


def _named_reference(refs: list[Observation], period: str) -> Observation:
    """The figure of `refs` (a field's own history, values above 0) a unit slip of `period` is told against: the one at
    the median of their logs (of two middle ones, the nearer in time to `period`, then the later), so the printed ratio
    is the figure's to the figure printed beside it, and it is the median's ratio whenever `refs` has an odd count."""
    def distance(r: Observation) -> int:
        return abs(int(r.period[:4]) * 4 + int(r.period[-1]) - int(period[:4]) * 4 - int(period[-1]))

    ranked = sorted(refs, key=lambda r: r.value)
    n = len(ranked)
    middle = ranked[(n - 1) // 2: n // 2 + 1]
    return min(middle, key=lambda r: (distance(r), -int(r.period[:4]) * 4 - int(r.period[-1])))


PART_FAR_BELOW = 1e-4  # a part under 1/10 000 of its whole: the size of a unit slip, not of a zone


def _fits(fid: str, period: str, levels: Levels, fields: dict[str, FieldDef]) -> bool | None:
    """Whether the figure of `fid` for `period` agrees with its own quarter's parts and wholes (fields.yaml
    `part_of`: within the whole, not 10 000 times below it) and its `plausible` range; None when nothing of
    its quarter tells."""
    o = levels[(fid, period)]
    told = False
    p = fields[fid].plausible
    if p is not None:
        if not p.contains(o.value) and o.value != 0:
            return False
        told = True
    pairs = [(o, levels.get((w, period))) for w in fields[fid].part_of]
    pairs += [(levels.get((part, period)), o) for part, f in fields.items() if fid in f.part_of]
    for part, whole in pairs:
        if part is None or whole is None or whole.value <= 0 or part.value <= 0:
            continue
        if not math.isclose(units.factor(whole.unit, part.unit), 1.0):
            continue
        told = True
        if (part.value > whole.value and not same(part.value, whole.value)) or part.value < PART_FAR_BELOW * whole.value:
            return False
    return True if told else None


def _far_from_history(seq: dict[str, Observation], stock: bool) -> list[str]:
    """The periods of `seq` (figures above 0) whose figure may be SLIP_LOG10 or more (in log10) off the median
    of its references (every other period of a stock; the same quarter of other years for a flow), in `seq`'s
    order: each group sorted once, each figure's median of the others read off the sorted logs (a workspace
    holds 200 quarters; a median per figure would cost a sort each). A small margin keeps every figure near
    the line; unit_slips then decides each with the exact median. Plain floats: reading a workbook needs no
    numpy (issue 17: its import was a third of `scorer ingest`)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for p in seq:
        groups["" if stock else p[-1]].append(p)
    out = set()
    for periods in groups.values():
        n = len(periods)
        if n < 2:
            continue
        logs = [math.log10(seq[p].value) for p in periods]
        order = sorted(range(n), key=logs.__getitem__)
        ranked = [logs[i] for i in order]
        half = (n - 1) // 2  # the others: n − 1 figures, the sorted logs without the figure's own place j
        for j, i in enumerate(order):
            def other(k: int) -> float:
                return ranked[k] if k < j else ranked[k + 1]
            middle = other(half) if (n - 1) % 2 else (other(half - 1) + other(half)) / 2
            if not abs(logs[i] - middle) < SLIP_LOG10 - 1e-6:  # NaN (infinity less infinity) kept
                out.add(periods[i])
    return [p for p in seq if p in out]


def out_of_bounds(levels: Levels, fields: dict[str, FieldDef]) -> list[Problem]:
    """A level outside its field's bounds: a negative count or amount, a share above 100%."""
    problems = []
    bounds = {fid: f.value_bounds for fid, f in fields.items()}  # once per field, not once per figure
    plausible = {fid: f.plausible for fid, f in fields.items()}
    for (fid, period), o in levels.items():
        if fid not in fields:
            continue
        declared = bounds[fid]
        lo, hi = declared.min, declared.max
        if lo is not None and o.value < lo:
            what = "count" if units.is_whole_units(o.unit) else "amount"
            message = (f"「{o.label}」: a negative {what} ({fmt_figure(o.value)} {unit_en(o.unit)})" if lo == 0 else
                       f"「{o.label}」: {fmt_figure(o.value)} {unit_en(o.unit)} is below its lowest plausible value {written(lo)}")
            problems.append(Problem(message, o.location(), msg("a count or an amount cannot be negative; check the sign")
                                    if lo == 0 else msg("check the cell"), "warning", code="below_bound",
                                    message_zh=f"「{o.label}」{fmt_figure(o.value)} {o.unit} 低于合理下限 {written(lo)}",
                                    field_id=fid, period=period))
        elif (p := plausible[fid]) is not None and not (hi is not None and o.value > hi) and (
                (p.min is not None and 0 < o.value < p.min)
                                                    or (p.max is not None and o.value > p.max)):
            above = p.max is not None and o.value > p.max
            bound = p.max if above else p.min
            problems.append(Problem(
                msg("「{label}」 {value:g} {unit} for {period} is {side} plausible value {bound:g} {unit} (fields.yaml "
                    "`plausible`)", label=o.label, value=o.value, unit=unit_named(o.unit), period=period, bound=bound,
                    side=msg("above its highest") if above else msg("below its lowest")),
                o.location(), digit_or_slip_hint(o.unit_as_written or o.unit, too_small=not above), "warning",
                code="implausible_value",
                field_id=fid, period=period))
        elif hi is not None and o.value > hi:
            message = (f"「{o.label}」: a share of {fmt_figure(o.value)}% is above 100%" if o.unit in ("%", "％") else
                       f"「{o.label}」: {fmt_figure(o.value)} {unit_en(o.unit)} is above its highest plausible value {written(hi)}")
            problems.append(Problem(message, o.location(), msg("check the cell: a share cannot exceed 100%")
                                    if o.unit in ("%", "％") else msg("check the cell"), "warning", code="above_bound",
                                    message_zh=f"「{o.label}」{fmt_figure(o.value)} {o.unit} 超过合理上限 {written(hi)}",
                                    field_id=fid, period=period))
    return problems


def same(a: float, b: float) -> bool:
    """Two readings of one figure agree (within what typing it in another unit loses)."""
    # Values typed with two decimals in different units (亿元 vs 万元) agree to about 1e-6 relative.
    return abs(a - b) <= max(1e-6 * max(abs(a), abs(b)), 0.006)


def parts_above_wholes(levels: Levels, fields: dict[str, FieldDef],
                       slips: dict[tuple[str, str], Problem] | None = None,
                       rates_off: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """A part larger than its whole in the same quarter (出口 above 进出口, the zone above its city): a doubtful figure
    (code part_above_whole) at the cell of the one its own figures contradict (`own_history.part_or_whole`: its history,
    or its published 同比 against its levels, `rates_off`), else at both cells, each naming the other and why.

    A pair already explained by a unit slip of either side is not reported again.
    """
    slips = slips or {}
    rates_off = set(rates_off)
    problems = []
    zero_wholes: dict[tuple[str, str], tuple[Observation, Observation]] = {}
    for (part, period), o in levels.items():
        if part not in fields:
            continue
        for whole in fields[part].part_of:
            w = levels.get((whole, period))
            if w is not None and w.value == 0 and o.value > 0 and not same(o.value, 0):
                zero_wholes.setdefault((whole, period), (w, o))  # 0 typed for a whole (a divisor) with a part above it
                continue
            if w is None or w.value <= 0 or o.value <= w.value or same(o.value, w.value):
                continue
            if (part, period) in slips or (whole, period) in slips:
                continue
            factor = units.factor(w.unit, o.unit)
            if not math.isclose(factor, 1.0):
                continue
            side, why = part_or_whole(o, w, levels, period, rates_off)
            hint = msg("one of the two cells is wrong, or they are in different units or scopes")
            if o.value >= PART_SLIP_RATIO * w.value:
                slip = units.slip_words(o.unit_as_written or o.unit)
                hint = msg("a part {times:,.0f} times its whole: one of the two is in the wrong unit ({slip}?)",
                           times=o.value / w.value, slip=slip) if slip else \
                    msg("a part {times:,.0f} times its whole: one of the two has digits too many or too few",
                        times=o.value / w.value)
            if side != "whole":
                text = msg("「{part}」 {value} {unit} is larger than 「{whole}」 {whole_value} {unit} ({where}) for {period}, a "
                           "share above 100%: {why}", part=o.label, value=fmt_figure(o.value), unit=unit_named(o.unit),
                           whole=w.label, whole_value=fmt_figure(w.value), where=w.where(), period=period, why=why)
                problems.append(Problem(text, o.location(), hint, "warning", code="part_above_whole", field_id=part,
                                        period=period, also=(w.location(),)))
            if side != "part":
                text = msg("「{whole}」 {value} {unit} for {period} is smaller than its part 「{part}」 {part_value} ({where}): "
                           "{why}", whole=w.label, value=fmt_figure(w.value), unit=unit_named(w.unit), period=period,
                           part=o.label, part_value=fmt_figure(o.value), where=o.where(), why=why)
                problems.append(Problem(text, w.location(), hint, "warning", code="part_above_whole", field_id=whole,
                                        period=period, also=(o.location(),)))
    for (whole, period), (w, o) in zero_wholes.items():  # the zero is blamed: it is what every share divides by
        problems.append(Problem(
            msg("「{whole}」 is 0 for {period} while its part 「{part}」 is {value:g} {unit} ({where}): a whole cannot be "
                "smaller than its part, and the indicators that divide by it cannot be computed", whole=w.label,
                period=period, part=o.label, value=o.value, unit=o.unit, where=o.where()),
            w.location(), msg("enter the figure (leave the cell empty, or write —, if it is not known; 0 means none)"),
            "warning", code="part_above_whole", field_id=whole, period=period))
    return problems


def implausible_jumps(levels: Levels, fields: dict[str, FieldDef],
                      slips: dict[tuple[str, str], Problem] | None = None,
                      readings: dict[tuple[str, str], list[Observation]] | None = None) -> list[Problem]:
    """A level more than `max_jump` times (or less than 1/`max_jump` of) the figure it is compared with.

    Compared with: the same quarter a year before (every field that declares `max_jump`); for a stock,
    also the quarter before (an end-of-period count does not jump within three months either); for a
    year-to-date flow, the quarter before in the same year, for a fall only (a cumulative figure grows
    through the year, so only a fall beyond 1/`max_jump` is a slip). A count in whole units (家, 个, 件)
    is compared as (n + 1) / (m + 1), so 1 → 3 listed companies is not a jump while 2 → 20 is.

    A jump from a figure of an older workbook that its own evidence flags, while this figure's own workbook vouches for
    this one (`older_cell_off`: its 上年同期 reading in `readings`, else another comparison that holds), is told at the
    older cell only (bt11i F1: a digit dropped in last year's workbook made this quarter's correct figure doubtful).
    `readings`: (field, period) → the other readings of that level (a newer workbook's 上年同期 column).
    """
    slips = slips or {}
    problems = []
    for (fid, period), o in levels.items():
        limit = fields[fid].max_jump if fid in fields else None
        if limit is None or (fid, period) in slips or o.value <= 0:
            continue
        stock = fields[fid].kind == "stock"
        for when, falls_only in earlier_figures(o, stock):
            before = levels.get((fid, when))
            if before is None or before.value <= 0 or (fid, when) in slips:
                continue  # none to compare with, or itself doubtful (told at its own cell)
            ratio = jump_ratio(o, before)
            if not beyond(ratio, limit, falls_only) or older_cell_off(o, before, levels, limit, stock, readings or {}):
                continue
            problems.append(_jump_problem(o, before, limit, fid, period))
            break
    return problems


def _jump_problem(o: Observation, before: Observation, limit: float, fid: str, period: str) -> Problem:
    """The jump told as the ratio of the two figures printed (a count is judged as (n + 1) / (m + 1), `jump_ratio`, but
    printed "20 is 7 times 2" would not reproduce: bt15k Aside; the plain ratio is beyond the limit whenever that is)."""
    a_year = before.period[4:] == period[4:]
    return Problem(
        msg("「{label}」 {value:g} {unit} for {period} is {ratio:.3g} times the figure of {when} ({before:g}, {where}): "
            "beyond the largest credible change (×{limit:g})", label=o.label, value=o.value, unit=o.unit, period=period,
            ratio=o.value / before.value, when=msg("a year before") if a_year else before.period, before=before.value,
            where=before.where(), limit=limit),
        o.location(), msg("check both cells (a unit, a digit, or a changed scope?); fields.yaml `max_jump` sets the limit"),
        "warning", code="implausible_jump", field_id=fid, period=period)


def ratio_doubts(levels: Levels, fields: dict[str, FieldDef]) -> tuple[dict[tuple[str, str], Problem], set[tuple[str, str]]]:
    """Figures out of line with the zone's other figures of the same quarter (fields.yaml `ratios`), and the figures
    those others vouch for: ({(field, period): problem}, {(field, period) agreed}).

    Within each quarter, every declared ratio between two positive figures is checked against its range. Figures
    linked by ratios within range form groups that agree; a ratio out of range sets two groups against each other,
    and the one at odds with more groups (else the smaller) is doubtful (each of its figures, at its cell, naming the cells it was held against): a
    block of 进出口/出口/高新技术产品进出口 typed in 亿元 agrees within itself and not with GDP, tax and the city's
    figures. Of two groups alike (as many disagreements, as many figures) the one its own history or plausible range
    singles out is doubtful (`tie_break`), else both, saying why; a ratio out of range inside one group blames the odd
    figure of the two (its own history that moved first, then more bad ratios, fewer vouching, then `tie_break`), never
    the group. A figure whose ratio lies more than SLIP_BEYOND (10) times beyond the range, that 10 000 times larger or
    smaller would put in range, and that is not about ten times off its own neighbouring quarters, is called a unit
    slip (code unit_slip, the likely unit named), else code implausible_ratio.
    A figure of the larger group with a ratio in range is `agreed`.
    """
    by_period: dict[str, dict[str, Observation]] = defaultdict(dict)
    for (fid, period), o in levels.items():
        if fid in fields and o.value > 0 and math.isfinite(o.value):
            by_period[period][fid] = o
    blamed: dict[tuple[str, str], Problem] = {}
    agreed: set[tuple[str, str]] = set()
    for period, figs in by_period.items():
        parent = {fid: fid for fid in figs}

        def root(f: str) -> str:
            while parent[f] != f:
                parent[f] = parent[parent[f]]
                f = parent[f]
            return f

        bad, linked, good = [], set(), defaultdict(int)
        for fid, o in figs.items():
            for other, rng in fields[fid].ratios.items():
                w = figs.get(other)
                if w is None:
                    continue
                r = o.value / w.value
                if rng.contains(r):
                    parent[root(fid)] = root(other)
                    linked |= {fid, other}
                    good[fid] += 1
                    good[other] += 1
                else:
                    bad.append((fid, other, r, rng))
        if not bad:
            agreed |= {(f, period) for f in linked}
            continue
        size: dict[str, int] = defaultdict(int)
        for f in figs:
            size[root(f)] += 1
        against: dict[str, set[str]] = defaultdict(set)  # group → the groups it disagrees with
        for a, b, _, _ in bad:
            if root(a) != root(b):  # a bad ratio within one group sets it against no other (told figure by figure)
                against[root(a)].add(root(b))
                against[root(b)].add(root(a))
        evidence: dict[str, list[tuple[str, str, float, Bounds]]] = defaultdict(list)  # group → its bad ratios
        odd: dict[str, list[tuple[str, str, float, Bounds]]] = defaultdict(list)  # figure → its bad ratios in its group
        why: dict[str, Text] = {}  # group → why it (or both of a tie) is the one doubtful
        why_odd: dict[str, Text] = {}  # figure of `odd` → the same
        members = defaultdict(list)
        for f in figs:
            members[root(f)].append(f)
        for a, b, r, rng in bad:
            ga, gb = root(a), root(b)
            if ga == gb:
                # A bad ratio inside a group that agrees through other ratios: the odd one out is the figure that
                # left its own history while the other held, else the one in more bad ratios, else the one fewer
                # ratios vouch for, else the one without history or outside its plausible range (`tie_break`), else
                # both, saying why. Never the whole group: one old-caliber FDI figure (1.16 % of GDP beside a city
                # figure of its caliber) called GDP, tax and trade slips (bt12g F2).
                off, reason = tie_break([a], [b], figs, levels, fields, period,
                                         (_oddness(a, bad, good), _oddness(b, bad, good)))
                for f in ((a, b) if off is None else ((a, b)[off],)):
                    odd[f].append((a, b, r, rng))
                    if reason is not None:
                        why_odd[f] = reason
                continue
            # The group at odds with more groups is off (GDP 10 000× off breaks with every group); else the smaller;
            # of two alike, the one its own history or plausible range singles out (`tie_break`), else both, saying why.
            ka, kb = (len(against[ga]), -size[ga]), (len(against[gb]), -size[gb])
            if ka == kb:
                off, reason = tie_break(members[ga], members[gb], figs, levels, fields, period)
                if off is not None:
                    evidence[ga if off == 0 else gb].append((a, b, r, rng))
                    why[ga if off == 0 else gb] = reason
                    continue
                why[ga] = why[gb] = reason
                evidence[ga].append((a, b, r, rng))
                evidence[gb].append((a, b, r, rng))
            else:
                # the group the others outnumber, unless its figure here held to its own history while the other
                # side's moved: then that one figure is off (a whole typed ten times too small left its part alone)
                loser, mine, theirs = (ga, a, b) if ka > kb else (gb, b, a)
                hm, ht = (history_move([x], figs, levels, period) for x in (mine, theirs))
                if hm is not None and ht is not None and hm < math.log10(TIE_JUMP) <= ht:
                    odd[theirs].append((a, b, r, rng))
                    why_odd[theirs] = msg("「{other}」 held to its own figures of the neighbouring quarters while this one "
                                          "moved {times}× against its own: this one is off", other=figs[mine].label,
                                          times=fmt_figure(10 ** ht, 3))
                    continue
                evidence[loser].append((a, b, r, rng))
        for f in linked:
            if root(f) not in evidence and f not in odd:
                agreed.add((f, period))
        in_bad = {x for a, b, _, _ in bad for x in (a, b)}
        moves = {f: history_move([f], figs, levels, period) for f in figs if root(f) in evidence}
        steady = math.log10(TIE_JUMP)
        for f, o in figs.items():
            # A figure of a doubtful group in none of its bad ratios that held to its own history while a figure of
            # the group that is in one did not, is not doubtful: the group's figure that moved is (a 规上工业增加值
            # typed ten times too large carried the 高新技术产业增加值 it is linked with)
            if root(f) in evidence and f not in in_bad and moves[f] is not None and moves[f] < steady and any(
                    root(x) == root(f) and (moves.get(x) or 0) >= steady for x in in_bad):
                agreed.add((f, period))
                continue
            if root(f) in evidence:
                blamed[(f, period)] = _ratio_problem(o, f, evidence[root(f)] + odd.get(f, []), figs, fields, period,
                                                     why.get(root(f)), history_move([f], figs, levels, period))
            elif f in odd:
                blamed[(f, period)] = _ratio_problem(o, f, odd[f], figs, fields, period, why_odd.get(f),
                                                     history_move([f], figs, levels, period))
    return blamed, agreed


def _oddness(f: str, bad: list, good: dict) -> tuple[int, int]:
    """How odd figure `f` is in its group: (its bad ratios, minus the ratios in range that vouch for it)."""
    return sum(f in e[:2] for e in bad), -good.get(f, 0)


# How far beyond its range a ratio must lie for its figure to be called a 10 000× unit slip (else: out of line).
SLIP_BEYOND = 10.0


def _beyond(r: float, rng: Bounds) -> float:
    """How many times ratio `r` lies beyond range `rng` (1 at its edge)."""
    if rng.max is not None and r > rng.max:
        return r / rng.max if rng.max > 0 else math.inf
    if rng.min is not None and r < rng.min:
        return rng.min / r if r > 0 else math.inf
    return 1.0


def _ratio_shown(r: float, ua: str, ub: str) -> Text | str:
    """A ratio as a percentage; of two figures in units of different currencies or scales (万美元 ÷ 万元), with the
    units it is in: "1.16% of GDP" read as a plain share of GDP when it is 1.16 % of the yuan figure in dollars."""
    text = fmt_ratio(r)
    if ua == ub:
        return text
    return both(f"{text} (in {unit_en(ua)} ÷ {unit_en(ub)})", f"{text}（{ua}÷{ub}）")


def _span(rng: Bounds) -> Text:
    if rng.min is not None and rng.max is not None:
        return msg("{lo}–{hi}", lo=fmt_ratio(rng.min), hi=fmt_ratio(rng.max))
    return msg("≥ {lo}", lo=fmt_ratio(rng.min)) if rng.min is not None else msg("≤ {hi}", hi=fmt_ratio(rng.max))


def _ratio_problem(o: Observation, fid: str, bad: list[tuple[str, str, float, Bounds]], figs: dict[str, Observation],
                   fields: dict[str, FieldDef], period: str, why: Text | None = None,
                   history: float | None = None) -> Problem:
    """The doubt of figure `o` (of field `fid`) whose group broke the ratios `bad` ((numerator, denominator, ratio,
    range) each): the ratios it is in itself (else its group's), naming every other figure of those at its cell;
    `why`: why this figure rather than the other (or both) of a tie (`tie_break`), said after the cause;
    `history`: how far it is off its own history (`history_move`), where the workbooks tell.
    A unit slip (code unit_slip) when the figure 10 000 times larger or smaller would put each of them in range."""
    own = [e for e in bad if fid in e[:2]] or bad[:1]
    told, others = [], []
    for a, b, r0, rng in own:
        na, nb = figs[a], figs[b]
        r = _ratio_shown(r0, na.unit, nb.unit)
        if a == fid:
            t = msg("{ratio} of 「{b}」 {vb} {ub} ({where}; plausible {span})", ratio=r, b=nb.label,
                    vb=fmt_figure(nb.value), ub=unit_named(nb.unit), where=nb.where(), span=_span(rng))
        elif b == fid:
            t = msg("「{a}」 {va} {ua} ({where}) is {ratio} of it (plausible {span})", a=na.label,
                    va=fmt_figure(na.value), ua=unit_named(na.unit), where=na.where(), ratio=r, span=_span(rng))
        else:
            t = msg("it agrees with 「{a}」 {va} {ua} ({where}), which is {ratio} of 「{b}」 {vb} {ub} ({where_b}; "
                    "plausible {span})", a=na.label, va=fmt_figure(na.value), ua=unit_named(na.unit), where=na.where(),
                    ratio=r, b=nb.label, vb=fmt_figure(nb.value), ub=unit_named(nb.unit), where_b=nb.where(),
                    span=_span(rng))
        told.append(t)
        for x in (na, nb):
            if x.field != fid and x.location() not in others:
                others.append(x.location())
    # Which way a 10 000 step would mend it: the figure larger (this side too small) or smaller.
    slip_up = all(e[3].contains(e[2] * (1e4 if e[0] == fid or fid not in e[:2] else 1e-4)) for e in own)
    slip_down = all(e[3].contains(e[2] * (1e-4 if e[0] == fid or fid not in e[:2] else 1e4)) for e in own)
    # A 10 000× slip leaves the range far behind; a ratio just beyond it (FDI at 1.16 % of GDP against 1 %: an old
    # caliber, a large project) is out of line, not a slip of unit (bt12g F2 said 美元 typed into a 万美元 row).
    # `history`: how far (log10) the figure is off its own nearest quarter (`history_move`): ten times is a digit, no
    # 10 000 slip, however wide the ratio's range (in line with its own quarters, all of them may share one slip)
    far = any(_beyond(e[2], e[3]) > SLIP_BEYOND for e in own)
    slip = far and (slip_up or slip_down) and any(units.ten_thousand_apart(fields[fid].unit)) and \
        (history is None or not 0.5 < history < 2.5)  # about ten times off its own quarters: a digit, not 亿 for 万
    if slip:
        cause_en, cause_zh, hint = _slip_cause(o, slip_up, fields)
    else:
        cause_en, cause_zh = "out of line with the zone's other figures", "与本区其他数据不相称"
        hint = msg("check this cell and the cells named: a unit, a digit too many or too few, or a changed scope?")
    joined = Text("; ".join(str(t) for t in told), "；".join(t.zh for t in told))
    message = msg("「{label}」 {value} {unit} for {period} is out of line with the zone's other figures of the quarter: "
                  "{told} (fields.yaml `ratios`): {cause}", label=o.label, value=fmt_figure(o.value), unit=unit_named(o.unit),
                  period=period, told=joined, cause=both(cause_en, cause_zh))
    if why is not None:
        message = message + Text(f" ({why})", f"（{why.zh}）")
    return Problem(message, o.location(), hint, "warning", code="unit_slip" if slip else "implausible_ratio",
                   field_id=fid, period=period, also=tuple(others) + (unit_stated_at(o) if slip else ()))
