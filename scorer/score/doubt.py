"""Doubtful figures → doubtful indicator values: which (quarter, indicator) cells the score must not take as true, and what it does instead.

The read stage names each figure that failed a plausibility check (`scorer.read.plausibility`,
codes in DOUBT_CODES, with the field and quarter). An indicator computed from such a figure in a
quarter, or whose value falls outside its own `bounds` in framework.yaml, is doubtful there. The
framework's `plausibility.on_doubt` (or the indicator's own `on_doubt`) says what the score does:
`leave_out` (the value drops out of its category with its weight) or `cap` (held to its bounds; a
value doubtful for a reason bounds cannot mend is left out).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

import numpy as np
import pandas as pd

from scorer import units
from scorer.framework import formula as fx
from scorer.errors import Location, Problem
from scorer.messages import both, msg, Text, written
from scorer.framework.model import Framework, Indicator
from scorer.read.plausibility import DOUBT_CODES, GROWTH_DOUBT_CODES, cause_rank
from scorer.i18n import name_of, unit_en, unit_named

# What a figure is: a field's level (cumulative or end-of-period value) or its published 同比 rate.
LEVEL, GROWTH = "level", "growth"
Figure = tuple[str, str, str]  # (field id, quarter 'YYYYQn', LEVEL or GROWTH)


@dataclass
class Doubts:
    """Doubtful cells of a period × indicator table, and what the score does with each."""

    leave_out: pd.DataFrame  # bool, period × indicator: scored as missing (not imputed either)
    capped: pd.DataFrame  # float, period × indicator: the value held to its bounds (NaN: not capped)
    causes: dict[tuple[str, str], Problem] = field(default_factory=dict)  # (period, indicator) → why

    @property
    def any(self) -> pd.DataFrame:
        return self.leave_out | self.capped.notna()

    def apply(self, values: pd.DataFrame) -> pd.DataFrame:
        """The values the score uses: doubtful ones left out (NaN) or capped."""
        out = values.where(~self.leave_out)
        return out.where(self.capped.isna(), self.capped)


def quarters_read(ind: Indicator, period: str) -> list[str]:
    """The quarters whose figures an indicator's value for `period` may be computed from (any kind)."""
    year, q = int(period[:4]), period[4:]
    used = [period]
    funcs = {c.func for c in fx.calls(ind.tree)} if ind.tree is not None else set()
    if funcs & {"yoy", "prior", "annual"}:
        used.append(f"{year - 1}{q}")  # a growth rate, or last year's seasonal share
    if "annual" in funcs:
        used.append(f"{year - 1}Q4")
    return used


def doubtful_figure(p: Problem) -> Figure | None:
    """The figure a read or score problem makes doubtful, (field, quarter, kind), or None for any other problem.

    A doubtful 同比 rate (GROWTH_DOUBT_CODES: a rate typed as a fraction) is the field's GROWTH figure;
    every other doubt (a unit slip, a bound, a part above its whole, a jump, another caliber) is about the
    LEVEL the workbook gives."""
    if p.code not in DOUBT_CODES or not p.field_id or not p.period:
        return None
    return (p.field_id, p.period, GROWTH if p.code in GROWTH_DOUBT_CODES else LEVEL)


# A figure of another caliber (fdi_caliber: the old provincial FDI) makes its published 同比 rate doubtful too: the rate
# the office gives beside it is that caliber's growth (bt12f F1: 实际使用外资增长率 was scored 100 from it).
WHOLE_FIGURE_CODES = frozenset({"fdi_caliber"})


def doubtful_figures(problems: Iterable[Problem]) -> set[Figure]:
    """Every figure `problems` make doubtful (see `doubtful_figure`), and for a doubt about the figure's caliber
    (WHOLE_FIGURE_CODES) its published rate for the quarter as well."""
    out = set()
    for p in problems:
        if (figure := doubtful_figure(p)) is not None:
            out.add(figure)
            if p.code in WHOLE_FIGURE_CODES:
                out.add((figure[0], figure[1], GROWTH))
    return out


def figure_causes(problems: Iterable[Problem]) -> dict[Figure, Problem]:
    """Every figure `problems` make doubtful (`doubtful_figures`) → the most specific problem about it (CAUSE_ORDER)."""
    out: dict[Figure, Problem] = {}
    for p in sorted(problems, key=lambda p: cause_rank(p.code)):
        for figure in doubtful_figures([p]):
            out.setdefault(figure, p)
    return out


def series_doubts(table: pd.DataFrame, figures: set[Figure]) -> list[list[str]]:
    """For each row of `scorer.score.panel.Panel.table()` (a field in a quarter): the columns whose figure is, or
    is computed from, a doubtful figure in `figures` — what `scorer series` marks 存疑 (a missing one, —, is not).

    value: the quarter's level; single_quarter: it and, for a flow after Q1, the quarter before's; prior_year:
    the level a year before; growth_published: the published rate; growth_computed: the two levels; full_year:
    the level and, when estimated by the seasonal share, last year's same quarter and Q4."""
    out = []
    for row in table.itertuples():
        f, p = row.field, row.period
        year, q = int(p[:4]), int(p[-1])
        now, before = (f, p, LEVEL), (f, f"{year - 1}Q{q}", LEVEL)
        flow = row.kind == "flow"
        uses = {"value": {now}, "single_quarter": {now} | ({(f, f"{year}Q{q - 1}", LEVEL)} if flow and q > 1 else set()),
                "prior_year": {before}, "growth_published": {(f, p, GROWTH)}, "growth_computed": {now, before},
                "full_year": {now} | ({before, (f, f"{year - 1}Q4", LEVEL)} if row.full_year_method == "seasonal" else set())}
        out.append([column for column, read in uses.items() if read & figures and np.isfinite(getattr(row, column))])
    return out


def published_in(panel) -> Callable[[str, str], bool]:
    """Whether the workbooks publish a 同比 rate of a field for a quarter, from a scorer.score.panel.Panel."""
    growth = panel.growth

    def published(field_id: str, period: str) -> bool:
        return field_id in growth.columns and period in growth.index and bool(np.isfinite(growth.at[period, field_id]))
    return published


def figures_read(framework: Framework, tree: fx.Node | None, period: str,
                 published: Callable[[str, str], bool] | None = None) -> set[Figure]:
    """Every figure a formula's value for `period` is computed from: (field id, quarter, LEVEL or GROWTH).

    Mirrors scorer.framework.formula's evaluation: a field is its level; prior() is the same a year
    earlier; annual(f) is f's level, and below Q4 last year's same quarter and Q4 (the seasonal share,
    scorer.score.panel.Panel.annual_estimate); yoy(f) of a bare field is its published rate where
    `published(f, quarter)` says the workbooks give one, else the two levels it is computed from;
    derived series are followed. `published` None: not known, so both the rate and the levels.
    So a doubtful rate reaches only the indicators that use the rate, a doubtful level only those that use it.
    """
    out: set[Figure] = set()

    def shifted(shift: int) -> str:
        return f"{int(period[:4]) - shift}{period[4:]}"

    def walk(node, shift: int, seen: frozenset) -> None:
        if isinstance(node, fx.Name):
            if node.name in framework.fields:
                out.add((node.name, shifted(shift), LEVEL))
            elif node.name in framework.derived and node.name not in seen:
                walk(framework.derived[node.name], shift, seen | {node.name})
        elif isinstance(node, fx.Neg):
            walk(node.operand, shift, seen)
        elif isinstance(node, fx.BinOp):
            walk(node.left, shift, seen)
            walk(node.right, shift, seen)
        elif isinstance(node, fx.Call):
            arg = node.args[0]
            if node.func == "prior":
                walk(arg, shift + 1, seen)
            elif node.func == "annual":
                now = shifted(shift)
                out.add((arg.name, now, LEVEL))
                if now[-1] != "4":
                    out.update({(arg.name, shifted(shift + 1), LEVEL), (arg.name, f"{int(now[:4]) - 1}Q4", LEVEL)})
            elif node.func == "to":
                walk(arg, shift, seen)
            elif node.func == "yoy":
                bare = isinstance(arg, fx.Name) and arg.name in framework.fields
                given = None if published is None else bare and published(arg.name, shifted(shift))
                if bare and given is not False:
                    out.add((arg.name, shifted(shift), GROWTH))
                if not given:
                    walk(arg, shift, seen)
                    walk(arg, shift + 1, seen)

    if tree is not None:
        walk(tree, 0, frozenset())
    return out


def find_doubts(framework: Framework, values: pd.DataFrame, problems: list[Problem],
                too_large: dict[tuple[str, str], Problem] | None = None,
                published: Callable[[str, str], bool] | None = None, panel=None) -> Doubts:
    """Doubtful cells of `values` (period × indicator, raw indicator units) from the read problems and bounds.

    An indicator is doubtful in a quarter when a figure it is computed from there (`figures_read`: a level
    or a published rate, as the problem says, `doubtful_figure`) is doubtful; `published`: whether the
    workbooks give a field's 同比 rate for a quarter (`published_in(panel)`), which decides whether yoy()
    reads the rate or the levels. `too_large`: (period, indicator) → the problem of a value too large to
    compute with (see `too_large_problem`); such a value is left out whatever `on_doubt` says (there is
    nothing to cap). `panel` (scorer.score.panel.Panel): where each figure was read, so that a doubt found on
    the indicator's value itself (bounds, plausible range) names the cells it rests on (`at_cells`).
    """
    figures = figure_causes(problems)  # the most specific cause of a figure's doubt first
    leave_out = pd.DataFrame(False, index=values.index, columns=values.columns)
    capped = pd.DataFrame(np.nan, index=values.index, columns=values.columns)
    causes: dict[tuple[str, str], Problem] = {}
    for ind in framework.indicators.values():
        if ind.id not in values.columns:
            continue
        policy = ind.spec.on_doubt or framework.plausibility.on_doubt
        reads = framework.fields_read(ind.tree)
        lo, hi = ind.spec.value_bounds.min, ind.spec.value_bounds.max
        plausible = ind.spec.plausible
        column = values[ind.id].to_numpy(dtype=float)
        for period, value in _candidates(ind, values.index, column, lo, hi, figures, reads, too_large, plausible):
            if too_large and (str(period), ind.id) in too_large:
                causes[(str(period), ind.id)] = too_large[(str(period), ind.id)]
                leave_out.at[period, ind.id] = True
                continue
            used = figures_read(framework, ind.tree, str(period), published)
            cause = next((figures[x] for x in sorted(used, key=_figure_order(str(period))) if x in figures), None)
            outside = np.isfinite(value) and ((lo is not None and value < lo) or (hi is not None and value > hi))
            implausible = not outside and _implausible(value, plausible)
            if cause is None and not outside and not implausible:
                continue
            if cause is None:
                cause = at_cells(_bound_problem(ind, str(period), value, lo, hi) if outside else
                                 _implausible_problem(ind, str(period), value, plausible,
                                                      _computed_from_hint(framework, reads)),
                                 cells_read(framework, panel, ind, str(period), published), panel)
            causes[(str(period), ind.id)] = cause
            if policy == "cap" and outside and cause.code in ("above_bound", "below_bound"):
                capped.at[period, ind.id] = float(np.clip(value, lo if lo is not None else -np.inf,
                                                          hi if hi is not None else np.inf))
            else:
                leave_out.at[period, ind.id] = True
    return Doubts(leave_out, capped, causes)


def _implausible(value: float, plausible) -> bool:
    """Whether a finite value lies outside the declared plausible range (an exact 0 is never below it)."""
    if plausible is None or not np.isfinite(value):
        return False
    return (plausible.min is not None and value < plausible.min and value != 0) or \
        (plausible.max is not None and value > plausible.max)


def _computed_from_hint(framework: Framework, reads: list[str]) -> Text:
    """The hint for an indicator out of its plausible range: the unit slips of the units of the fields it reads
    (`units.slip_words`; bt11k F4: 亿元 in a 万元 row was said of indicators computed from tonnes or people), or a
    digit too many or too few where none of them has one."""
    slips: list[Text] = []
    for fid in reads:
        slip = units.slip_words(framework.fields[fid].unit) if fid in framework.fields else None
        if slip is not None and slip not in slips:
            slips.append(slip)
    if not slips:
        return msg("check the figures it is computed from: a digit too many or too few?")
    slips = slips[:2]
    return msg("check the figures it is computed from: a unit slip ({slips}) or a digit too many?",
               slips=both("; ".join(slips), "；".join(x.zh for x in slips)))


def _implausible_problem(ind: Indicator, period: str, value: float, plausible, hint: Text) -> Problem:
    above = plausible.max is not None and value > plausible.max
    bound = plausible.max if above else plausible.min
    return Problem(msg("indicator {indicator} ({label}) is {value} for {period}, {side} plausible value {bound:g} "
                       "(framework.yaml `plausible`)", indicator=ind.id, label=name_of(ind), value=_shown(value, ind.unit),
                       period=period, side=msg("above its highest") if above else msg("below its lowest"), bound=bound),
                   hint=hint,
                   severity="warning", code="implausible_value", indicator=ind.id, period=period)


def cells_read(framework: Framework, panel, ind: Indicator, period: str,
               published: Callable[[str, str], bool] | None = None) -> list:
    """The observations (scorer.read.observation.Observation: value, file, sheet, cell) an indicator's value for
    `period` rests on: each figure of `figures_read` (a level, or a published 同比 rate) the panel holds, the
    quarter's own first (`_figure_order`). `panel` None: not known, so none."""
    if panel is None:
        return []
    out = []
    for fid, q, kind in sorted(figures_read(framework, ind.tree, period, published), key=_figure_order(period)):
        o = (panel.source(fid, q, "growth") if kind == GROWTH else panel.source(fid, q)) if fid in panel.fields else None
        if o is not None and o not in out:
            out.append(o)
    return out


def at_cells(problem: Problem, read: list, panel=None) -> Problem:
    """A doubt on an indicator's value placed at the cells it rests on: its location is the likeliest culprit of
    `read` (`cells_read`; `suspect_first`: the figure furthest from its own value a year before, when the zone's
    history tells, else the first) unless it names a cell already, every other cell is in `also` (shown beside
    the place everywhere), and its message lists every figure with its value and cell. Every producer of a doubt
    computed from several figures goes through here (issue 11: "named with the cell to check")."""
    if not read:
        return problem
    read = suspect_first(read, panel)
    figures = [msg("「{label}」 {value:g} {unit} ({period}) at {place}", label=name_of(o), value=o.value,
                   unit=unit_named(o.unit),
                   period=o.period, place=o.where()) for o in read]
    listed = both("; ".join(figures), "；".join(f.zh for f in figures))
    text = msg("{problem}; it rests on {figures}", problem=both(problem.message, problem.message_zh or problem.message),
               figures=listed)
    where = problem.location
    if not (where.sheet and where.cell):
        where = read[0].location()
    also = tuple(o.location() for o in read if o.location() != where)
    return replace(problem, message=str(text), message_zh=text.zh, location=where, also=also)


# A figure that moved more than SUSPECT_JUMP× against its own value a year before, and SUSPECT_JUMP× more than any
# other figure of the doubt moved, is the one blamed first: a share over 100 % whose whole fell tenfold while its
# part held is the whole's slip, not the part's.
SUSPECT_JUMP = 3.0


def suspect_first(read: list, panel=None) -> list:
    """`read` (observations) with the figure the zone's history singles out first (see SUSPECT_JUMP), else as given."""
    if panel is None or len(read) < 2:
        return read
    moves = []
    for o in read:
        ago = f"{int(o.period[:4]) - 1}{o.period[4:]}"
        before = panel.levels.at[ago, o.field] if o.basis != "growth" and ago in panel.levels.index and \
            o.field in panel.levels.columns else np.nan
        now = panel.levels.at[o.period, o.field] if o.basis != "growth" and o.field in panel.levels.columns else np.nan
        moves.append(abs(np.log(now / before)) if np.isfinite(now) and np.isfinite(before) and now > 0 and before > 0
                     else np.nan)
    known = [(m, k) for k, m in enumerate(moves) if np.isfinite(m)]
    if len(known) < 2:
        return read
    known.sort(reverse=True)
    (top, k), (second, _) = known[0], known[1]
    if top < np.log(SUSPECT_JUMP) or top - second < np.log(SUSPECT_JUMP):
        return read
    return [read[k]] + [o for j, o in enumerate(read) if j != k]


def _candidates(ind: Indicator, periods, column: np.ndarray, lo, hi, figures: dict, reads: set,
                too_large: dict | None, plausible=None):
    """(period, value) of each quarter that may be doubtful for `ind`, in order: its value outside its bounds
    (one array comparison over the column), a doubtful figure among the fields it reads in a quarter it
    reads, or too large to compute with. Every other quarter is certainly not doubtful: it is not visited."""
    with np.errstate(invalid="ignore"):
        maybe = np.isfinite(column) & ((column < lo if lo is not None else False) | (column > hi if hi is not None else False))
        if plausible is not None:
            pmin, pmax = plausible.min, plausible.max
            maybe |= np.isfinite(column) & (((column < pmin) & (column != 0)) if pmin is not None else False) \
                | (column > pmax if pmax is not None else False)
    flagged = {q for f, q, _ in figures if f in reads}
    large = {p for p, i in too_large if i == ind.id} if too_large else set()
    for k, period in enumerate(periods):
        if maybe[k] or str(period) in large or (flagged and flagged.intersection(quarters_read(ind, str(period)))):
            yield period, column[k]


def _figure_order(period: str):
    """Sort key of figures for naming a cause: the quarter's own first, then earlier ones; a field's level before its rate."""
    return lambda x: (x[1] != period, -int(x[1][:4]), x[1], x[0], x[2] != LEVEL)


def too_large_problem(framework: Framework, panel, ind: Indicator, period: str, value: float) -> Problem:
    """Why an indicator's value for `period` is too large to compute with, at the figure that made it.

    The figure named is the one of the quarters the indicator reads (`quarters_read`) furthest from 1
    in order of magnitude: a divisor next to nothing (1e-300) or a vast amount. `panel`: the
    scorer.score.panel.Panel the values were computed from (its observations carry file, sheet and cell).
    """
    read = cells_read(framework, panel, ind, period, published_in(panel))
    found = [(abs(np.log10(abs(o.value))), o) for o in read if o.value != 0 and np.isfinite(o.value)]
    o = max(found, key=lambda x: x[0])[1] if found else None
    where = Location(file=o.file, sheet=o.sheet, cell=o.cell) if o is not None else Location()
    shown = msg("its figures") if o is None else msg("「{label}」 {value:g} {unit} ({period})", label=name_of(o),
                                                       value=o.value, unit=unit_named(o.unit), period=o.period)
    return at_cells(Problem(msg("indicator {indicator} ({label}) for {period} is too large to compute with ({value}), "
                                "from {figure}", indicator=ind.id, label=name_of(ind), period=period,
                                value=_shown(value, ind.unit), figure=shown), where,
                            msg("check the figure: a number next to nothing, or in a wrong unit?"), "warning",
                            code="too_large", indicator=ind.id, period=period,
                            field_id=o.field if o is not None else None), read)


def _shown(value: float, unit: str) -> Text:
    """A computed value for a message: the number and its unit, or in words when it is none (±inf, NaN)."""
    if np.isfinite(value):
        return both(f"{_plain(value)} {unit_en(unit)}".strip(), f"{_plain(value)} {unit}".strip())
    if np.isinf(value):
        return msg("beyond ±1.8e308")
    return msg("could not be computed")


def _plain(value: float) -> str:
    """A doubtful value as read, with enough digits to recognise a slip and no exponent: 199,423.7, 0.019436."""
    if abs(value) >= 1e15:  # no statistic of a zone: shown short, not as hundreds of digits
        return f"{value:.6g}"
    return f"{value:,.1f}" if abs(value) >= 1000 else f"{value:,.6g}"


def _bound_problem(ind: Indicator, period: str, value: float, lo, hi) -> Problem:
    above = hi is not None and value > hi
    bound = hi if above else lo
    word_en, word_zh = ("above its highest", "高于合理上限") if above else ("below its lowest", "低于合理下限")
    return Problem(f"indicator {ind.id} ({ind.name_en or ind.name_zh}) is {_plain(value)} {unit_en(ind.unit)} for {period}, {word_en} "
                   f"plausible value {written(bound)}", hint=msg("check the figures it is computed from (a unit slip?)"),
                   severity="warning", code="above_bound" if above else "below_bound",
                   message_zh=f"指标「{ind.name_zh}」{period} 为 {_plain(value)} {ind.unit}，{word_zh} {written(bound)}",
                   indicator=ind.id, period=period)


def doubt_problems(framework: Framework, doubts: Doubts, values: pd.DataFrame, period: str) -> list[Problem]:
    """One 'doubtful' problem per indicator of `period` not scored as computed, naming the cell and the cause."""
    out = []
    for ind in framework.indicators.values():
        cause = doubts.causes.get((period, ind.id))
        if cause is None:
            continue
        value = values.at[period, ind.id]
        shown = _shown(value, ind.unit)
        capped = doubts.capped.at[period, ind.id]
        if np.isfinite(capped):
            code, done_en, done_zh = ("capped_indicator", f"capped at {written(capped)} {unit_en(ind.unit)}",
                                      f"按 {written(capped)} {ind.unit} 封顶计分")
        else:
            code, done_en, done_zh = ("dropped_indicator", "left out of its category (its weight goes to the others)",
                                      "不计入所在类别（权重由同类其他指标分担）")
        out.append(Problem(
            f"indicator {ind.id} ({ind.name_en or ind.name_zh}) for {period} is doubtful ({shown.in_('en')}), {done_en}: "
            f"{cause.message}", cause.location, cause.hint, "doubtful", code=code, hint_zh=cause.hint_zh,
            message_zh=f"指标「{ind.name_zh}」{period} 的数值存疑（{shown.zh}），{done_zh}：{cause.message_zh or cause.message}",
            field_id=cause.field_id, indicator=ind.id, period=period, also=cause.also))
    return out
