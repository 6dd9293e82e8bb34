"""A peer table's columns against the framework's scale: a column whose magnitude no real zone has is a slip.

Every peer table (the bundled one or the user's, with or without a sidecar YAML) is read in the
indicators' units; a column typed in the wrong unit (税收收入（万元）over figures in 亿元, FDI headed
亿美元 over figures in 万美元) or a percent column typed as fractions (0.05 for 5 %) is converted and
read faithfully, and would be scored as if true: a zone then ranks first among peers a ten-thousandth
its size. `check_scale` refuses such a column at its header.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from scorer import units
from scorer.errors import Location, Problem
from scorer.messages import Text, msg
from scorer.framework.model import Framework, Indicator
from scorer.score.doubt import _plain
from scorer.i18n import name_of, unit_named

# How far a column's median may lie from the framework's scale for its indicator (the range between
# its target and floor, ends that are 0 left out) before it is refused, in either direction. 30× is
# wide: the bundled central-region table's medians lie within 0.5–1× of every target or floor range
# (its per-zone means are the published central means, which the `basis: mean` targets are, within
# 10 %), and a user's table of smaller zones (a province's zones, whose FDI or tax may be a tenth of
# the national zones') still passes. The slips this catches are far beyond it: 万 vs 亿 and 万美元 vs
# 亿美元 are 10 000×; a fraction typed for a percent is 100× (1/100–1/500 of the scale).
SCALE_FACTOR = 30.0
# A percent column whose every value lies within 0–1 while the indicator's scale starts above 1 % is
# taken for fractions at a tighter 10× (the pattern itself is the evidence: no real table of shares
# has every zone under 1 % while its median is a tenth of the target).
FRACTION_FACTOR = 10.0


def _ratio_text(r: float) -> str:
    """A ratio as people say it: 3,900× or 1/31,000."""
    n = r if r >= 1 else 1 / r
    n = f"{n:,.0f}" if n >= 100 else f"{n:.3g}"
    return f"{n}×" if r >= 1 else f"1/{n}"


def check_scale(framework: Framework, values: pd.DataFrame, header: list[str], columns: dict[str, tuple[int, str]],
                column_at, cell_at=None, ceilings: dict | None = None, levels: dict | None = None,
                spreads: dict | None = None) -> list[Problem]:
    """Problems for peer columns whose median is more than SCALE_FACTOR× from the framework's scale
    (FRACTION_FACTOR× for a percent column of values all within 0–1).

    `values`: zones × indicator ids, in the indicators' units (as `load_peers` read them);
    `columns`: indicator id → (0-based column of the table, the unit the figures were read in: the
    header's, the sidecar's or the indicator's own); `column_at(k)`: the header cell's Location.
    Checked: indicators that cannot be negative (IndicatorDef.has_magnitude: amounts, counts, shares, intensities)
    with a positive target; growth rates and other signed measures are not (their scale has no
    order of magnitude). The scale is [min, max] of target and floor, a floor of 0 left out. A median of
    0 is not refused (a count of national incubators may be 0 for most zones). Each problem names the
    likely slip: fractions for percent (every value within 0–1), a unit 10 000× apart (万 vs 亿, 万美元
    vs 亿美元), else the ratio. A signed rate in % (a growth rate) is refused when typed as fractions
    (`_signed_fractions`).

    A column whose median passes is then checked cell by cell (`cell_at(zone id, k)`: the cell's Location;
    `_odd_cells`): cells of another unit among the right ones, counts that are not whole; and, for the
    indicators in `ceilings` (indicator id → (published per-zone mean, its yardstick id, the largest factor
    any set of as many of the region's zones can average above it; `ceiling_factor`)), its mean against
    that ceiling (a whole column 10× too large passes the 30× median check); and, for the indicators in `spreads`
    (indicator id → the peer model's log-normal σ: peer_model.spreads), each cell against the column's spread
    (`_far_cells`). The size measures in `levels`
    (indicator id → (the region's median zone's figure, its yardstick id): peer_model.levels) that pass are then
    held to each other (`_out_of_step`): a table of smaller zones is smaller in all of them, a column typed in
    another unit or ÷10 in one. One problem per column at most.
    """
    problems = []
    passed = []
    for ind, (k, read_unit) in columns.items():
        before = len(problems)
        problems += _scale_problems(framework, values, header, ind, k, read_unit, column_at)
        if len(problems) == before and cell_at is not None:
            problems += _odd_cells(framework.indicators[ind], values[ind], header[k], k, read_unit, cell_at)
        if len(problems) == before and cell_at is not None and ind in (spreads or {}):  # a cell named before its column
            problems += _far_cells(framework.indicators[ind], values[ind], header[k], k, spreads[ind], cell_at)
        if len(problems) == before and ind in (ceilings or {}):
            problems += _above_ceiling(framework.indicators[ind], values[ind], header[k], column_at(k), *ceilings[ind])
        if len(problems) == before:
            passed.append(ind)
    if levels:
        problems += _out_of_step(framework, values, header, {i: columns[i] for i in passed if i in levels}, levels,
                                 column_at)
    return problems


# A size measure's level (its median ÷ the region's median zone's, peer_model.levels) more than STEP_FACTOR× from the
# middle of the table's other size measures' levels is a slip, not smaller or larger zones: a province's zones are
# smaller in GDP, tax, trade and FDI together (the model's common size factor; the published central ÷ national
# ratios of the four lie within 3.2× of each other, 0.25–0.79), while a column typed in another unit, or ÷10, moves
# alone by a power of ten. Measured on sets the model generates (55, 60 and 2 700 zones, 25 seeds each): the levels
# lie within 1.6× of each other; a table of a tenth-size zones keeps them together.
STEP_FACTOR = 5.0
STEP_MIN_OTHERS = 2  # the other size measures a column is compared with
# Zones a column's median needs: one zone's tax may be a twentieth of its GDP or a third. Of 3 000 random sets of
# eight zones of the bundled table, none has a measure more than 3.1× from the others (of five zones: 1 beyond 5×).
STEP_MIN_ZONES = 8


# Yuan per US dollar, the band of the years the yardsticks give (yardsticks.md §5: 2021 ≈ 6.45 … 2024 ≈ 7.12), widened
# a little: a money column this many times off is a yuan/dollar slip, not a digit's (bt12g §8: 6.87× was hinted 10×).
RATE_BAND = (6.0, 7.6)
# A ratio estimated from medians (the table's other size measures) strays: 7.05× may show as 7.8× or 8.7×; within this
# band the hint names both a digit (10×) and the currency.
RATE_LOOSE = (5.0, 9.0)


def currency_slip(unit: str, ratio: float):
    """The hint for a money column `ratio`× off (either way) when the ratio is a yuan-per-dollar rate (RATE_BAND): the
    figures are in the other currency (dollars read as yuan, or yuan as dollars); None otherwise or for another unit."""
    dim = units.dimension(unit)
    if dim not in ("rmb", "usd") or not ratio > 0:
        return None
    off = max(ratio, 1 / ratio)
    if not RATE_LOOSE[0] <= off <= RATE_LOOSE[1]:
        return None
    from scorer.messages import both

    other = both("US dollars", "美元") if dim == "rmb" else both("yuan", "元")
    if not RATE_BAND[0] <= off <= RATE_BAND[1]:
        return msg("the column looks 10× too {side} (a misplaced decimal point) or, as likely, holds an amount in {other} "
                   "read as {unit} (it is {ratio}× off; the yuan-per-dollar rate is {low}–{high} in 2021–2024); check "
                   "the header's unit (e.g. 亿美元 or 万元) and the figures", side=msg("large") if ratio > 1 else
                   msg("small"), ratio=format(off, ".3g"), low=RATE_BAND[0], high=RATE_BAND[1], other=other,
                   unit=unit_named(unit))
    return msg("the column is {ratio}× off, about the yuan-per-dollar rate ({low}–{high} in 2021–2024): the figures "
               "look like an amount in {other} read as {unit} (a currency slip, not a digit's); give the header's unit "
               "(e.g. 亿美元 or 万元) or convert the figures at the year's average rate",
               ratio=format(off, ".3g"), low=RATE_BAND[0], high=RATE_BAND[1], other=other, unit=unit_named(unit))


def _out_of_step(framework: Framework, values: pd.DataFrame, header: list[str], columns: dict[str, tuple[int, str]],
                 levels: dict, column_at) -> list[Problem]:
    """Problems for size columns whose level is more than STEP_FACTOR× from the median of the others' levels."""
    level = {}
    for ind in columns:
        x = values[ind].to_numpy(dtype=float)
        x = x[np.isfinite(x) & (x > 0)]
        if len(x) >= STEP_MIN_ZONES and levels[ind][0] > 0:
            level[ind] = float(np.log10(np.median(x) / levels[ind][0]))
    problems = []
    for ind, own in level.items():
        others = [v for i, v in level.items() if i != ind]
        if len(others) < STEP_MIN_OTHERS:
            continue
        step = own - float(np.median(others))
        if abs(step) <= np.log10(STEP_FACTOR):
            continue
        k, read_unit = columns[ind]
        spec = framework.indicators[ind]
        ratio = 10 ** abs(step)
        power = round(abs(step))
        said = msg("column {head!r}: its figures are {ratio}× {side} than the table's other size measures make likely: "
                   "its median is {median} {unit}, {level} of the region's median zone ({entry}), while {others} lie at "
                   "{middle} of theirs", head=header[k], ratio=format(ratio, ",.3g"),
                   side=msg("smaller") if step < 0 else msg("larger"), median=_plain(float(np.nanmedian(values[ind]))),
                   unit=spec.unit, level=_ratio_text(10 ** own), entry=levels[ind][1],
                   others=", ".join(i for i in level if i != ind), middle=_ratio_text(10 ** float(np.median(others))))
        smaller, larger = units.ten_thousand_apart(read_unit)
        real = smaller if step > 0 else larger
        if (rate := currency_slip(spec.unit, ratio)) is not None:
            hint = rate
        elif power == 4 and abs(abs(step) - 4) < 0.5 and real:
            hint = msg("the figures look like {real} read as {unit_read} (a 万/亿 slip): give the header's unit as {real} "
                       "(e.g. {name}（{real}）) or convert the figures", real=real, unit_read=read_unit, name=spec.name_zh)
        elif power >= 1 and abs(abs(step) - power) < 0.5:
            hint = msg("the column looks {factor:,}× too {side}: a unit {factor:,}× apart (万 vs 亿 is 10 000×, 千 vs 百万 "
                       "1 000×, 百万 vs 亿 100×) or a misplaced decimal point (10×); check the header's unit and the figures",
                       factor=10 ** power, side=msg("small") if step < 0 else msg("large"))
        else:
            hint = msg("check the column's unit (in its header, e.g. {name}（{unit}）) and its figures", name=spec.name_zh,
                       unit=spec.unit)
        problems.append(Problem(said, column_at(k), hint, code="peer_column_scale"))
    return problems


def _scale_problems(framework: Framework, values: pd.DataFrame, header: list[str], ind: str, k: int, read_unit: str,
                    column_at) -> list[Problem]:
    """[the problem] when the column's median is no zone's figure (check_scale), else []."""
    problems: list[Problem] = []
    spec = framework.indicators[ind]
    target = spec.target.value if spec.target is not None else None
    if target is not None and not spec.spec.has_magnitude and units.dimension(spec.unit) == "percent":
        problems += _signed_fractions(spec, values[ind], header[k], column_at(k))
    if target is None or not target > 0 or not spec.spec.has_magnitude:
        return problems
    ends = [v for v in (target, spec.floor) if v is not None and v > 0]
    lo, hi = min(ends), max(ends)
    column = values[ind].to_numpy(dtype=float)
    column = column[np.isfinite(column)]
    if not len(column):
        return problems
    median = float(np.median(column))
    fractions = units.dimension(spec.unit) == "percent" and lo > 1 and column.min() >= 0 and column.max() <= 1
    limit = FRACTION_FACTOR if fractions else SCALE_FACTOR
    if median <= 0 or lo / limit <= median <= hi * limit:
        return problems
    ratio = median / (hi if median > hi else lo)
    unit = spec.unit
    said = msg("column {head!r}: the zones' median is {median} {unit}, {ratio} the framework's scale for {name} "
               "(target {target} {unit}, floor {floor} {unit}): more than {limit:g}× from it is no zone's figure",
               head=header[k], median=_plain(median), unit=unit_named(unit), ratio=_ratio_text(ratio), name=name_of(spec),
               target=_plain(target), floor=_plain(spec.floor) if spec.floor is not None else "—",
               limit=limit)
    smaller, larger = units.ten_thousand_apart(read_unit)
    if fractions:
        hint = msg("every value lies between 0 and 1: they look like fractions (0.05 for 5 %); give the column in "
                   "percent (multiply by 100)")
    elif 1e3 <= ratio <= 1e5 and smaller:
        hint = msg("the figures look like {real} read as {unit_read} (a 万/亿 slip): give the header's unit as {real} "
                   "(e.g. {name}（{real}）) or convert the figures", real=smaller, unit_read=read_unit, name=name_of(spec))
    elif 1e-5 <= ratio <= 1e-3 and larger:
        hint = msg("the figures look like {real} read as {unit_read} (a 万/亿 slip): give the header's unit as {real} "
                   "(e.g. {name}（{real}）) or convert the figures", real=larger, unit_read=read_unit, name=name_of(spec))
    else:
        hint = msg("check the column's unit (in its header, e.g. {name}（{unit}）) and its figures", name=spec.name_zh,
                   unit=unit)
    problems.append(Problem(said, column_at(k), hint, code="peer_column_scale"))
    return problems


# A cell more than CELL_FACTOR× from its column's median (amounts, counts, intensities: not %) is in another
# unit than the rest: 万 vs 亿 and 万美元 vs 亿美元 are 10 000×. Real zones of one table spread less: the
# bundled set's size measures (log-normal, cv up to 1.6) lie within 60× of their medians, and a zone with
# almost no FDI (5万美元 against a median of 2 000万美元) is 400×.
CELL_FACTOR = 1000.0
# A share in % under 1 in a column whose median is at least SHARE_MEDIAN % may be a fraction (0.29 typed for
# 29 %) among percents when, read ×100, it lands among the column's own values (between their FRACTION_BAND
# quantiles): a real small share (0.9 % of the city's tax) ×100 is 90 %, far above a column whose median is 10 %.
SHARE_MEDIAN, FRACTION_BAND = 5.0, (0.1, 0.9)
FRACTION_BELOW = 1.5  # a fraction ×100 down to the column's least percent ÷ this is taken as a fraction too
# But real zones have shares under 1 % (a zone with almost no high-tech trade): the peer model draws them too
# (hightech_trade_share, normal 25 ± 12 %: about 4 zones in 1 000 under 1 %, 11 of 2 700), and one such zone
# in 60 was refused as a fraction. So such cells are refused only when there are more of them than the
# column's own density just above 1 % (its zones within 1–3 %, FRACTION_DENSITY_FLOOR zones per point at
# least) makes likely: at least two, and a Poisson chance under FRACTION_P. A lone small share is read.
# Measured on the model's distribution (20 000 draws of 55 and 60 zones, 300 of 2 700): about 1 set of 55–60 zones
# in 1 000 draws two small high-tech trade shares and no zone within 1–3 %, and is refused; none of 2 700 zones.
# Three cells typed as fractions among the bundled 55 zones are refused (tests/test_peer_generated.py and
# test_peer_cells.py build sets with other seeds and sizes).
FRACTION_DENSITY_FLOOR, FRACTION_P = 0.1, 0.005
CELLS_NAMED = 6  # how many odd cells a problem lists


def _cells_named(odd: pd.Series, k: int, cell_at, more=lambda v: "") -> Text:
    """Cells as a person finds them: B7 (296,460.0) or line 7 (…), the first CELLS_NAMED; `more(value)` adds to each."""
    named = []
    for zone, v in zip(odd.index[:CELLS_NAMED], odd.to_numpy()):
        place = cell_at(zone, k)
        where = Text(place.cell) if place.cell else msg("line {line}", line=place.line)
        named.append(where + f" ({_plain(float(v))}{more(float(v))})")
    rest = f", … (+{len(odd) - CELLS_NAMED})" if len(odd) > CELLS_NAMED else ""
    return Text(", ".join(named) + rest, "、".join(t.zh for t in named) + rest)


def _odd_cells(ind: Indicator, column: pd.Series, head: str, k: int, read_unit: str, cell_at) -> list[Problem]:
    """[the problem] naming the cells of a column that another unit or a slip put there, else []: amounts and
    counts more than CELL_FACTOR× from the column's median, shares that look like fractions among percents,
    counts of single things (个, 家, 人 in the unit read) that are not whole numbers. `column`: zone id →
    value in the indicator's unit; `cell_at(zone id, k)`: the cell's Location."""
    if not ind.spec.has_magnitude:
        return []
    x = column[np.isfinite(column.to_numpy(dtype=float))].astype(float)
    positive = x[x > 0]
    percent = units.dimension(ind.unit) == "percent"
    median = float(positive.median()) if len(positive) else 0.0

    def cells(odd: pd.Series) -> Text:
        return _cells_named(odd, k, cell_at)

    said = hint = None
    if units.counts_single_things(read_unit):
        raw = x / units.factor(read_unit, ind.unit)
        odd = raw[(raw - raw.round()).abs() > 1e-6 * np.maximum(1.0, raw.abs())]
        if len(odd):
            said = msg("column {head!r}: {n:# count|# counts} of {unit} {n:is not a whole number|are not whole numbers}: {cells}", head=head, n=len(odd),
                       unit=read_unit, cells=cells(odd))
            hint = msg("a zone's count is a whole number: a fraction is a slip (a count divided by 10 or 100, or an "
                       "average); give each zone's whole count")
    elif percent:
        percents = positive[positive >= 1]
        low, high = (percents.quantile(FRACTION_BAND[0]), percents.quantile(FRACTION_BAND[1])) if len(percents) else (0, 0)
        odd = positive[(positive < 1) & (median >= SHARE_MEDIAN) & (positive * 100 >= low) & (positive * 100 <= high)]
        # a cluster refused names every share under 1 % of the column (one outside the band may be a fraction too)
        odd = positive[positive < 1] if len(odd) and _too_many_small(len(odd), positive, low, high) else odd[:0]
        if len(odd):
            said = msg("column {head!r}: {n:# share|# shares} under 1 % in a column whose median is {median} %: {n:it looks|they look} like "
                       "fractions (0.25 for 25 %): {cells}", head=head, n=len(odd), median=_plain(median), cells=cells(odd))
            hint = msg("give those cells in percent (multiply by 100), as the rest of the column; a real share under "
                       "1 % that ×100 would look like the others cannot be told from a fraction: leave such a cell empty")
    else:
        odd = positive[(positive / median > CELL_FACTOR) | (median / positive > CELL_FACTOR)] if median > 0 else positive[:0]
        if len(odd):
            said = msg("column {head!r}: {n:# cell lies|# cells lie} more than {limit:g}× from the column's median {median} {unit} (no "
                       "two zones of one table differ so much): {cells}", head=head, n=len(odd), limit=CELL_FACTOR,
                       median=_plain(median), unit=unit_named(ind.unit), cells=cells(odd))
            hint = msg("those cells look like another unit than the rest (万 vs 亿, 万美元 vs 亿美元): convert them to the "
                       "column's unit")
    if said is None:
        return []
    return [Problem(said, cell_at(odd.index[0], k), hint, code="peer_cell_scale")]


# A cell further than CELL_SPREADS × the column's spread from its median, on a log scale, is a slip (a cell ×10 …
# ×1 000: a digit, another unit). The spread is the larger of the column's own (1.4826 × the median absolute
# deviation of the logs: a robust σ) and the peer model's σ for the indicator (the region's zones spread at least
# so, however alike a table's few zones are). Measured on sets the model generates (55, 60 and 2 700 zones, 10 seeds
# each, every log-normal column): no cell beyond 4.6 spreads; a real zone with almost no FDI (5万美元 against a
# median of 2 000万美元) lies 4.7 spreads out (σ 1.27). On the bundled set a cell ×1 000 or ÷1 000 is refused unless it
# lands near the middle (the largest zone's tax ÷1 000 is not), ×100 or ÷100 when it lands beyond the region's
# spread; a cell ×10 or ÷10 stays within it (σ 0.8–1.3: 10× is 1.8–2.9 spreads): its column alone cannot tell it
# from a real zone, and it passes unless the column's mean then exceeds its ceiling (_above_ceiling).
CELL_SPREADS = 6.0


def _far_cells(ind: Indicator, column: pd.Series, head: str, k: int, spread: float, cell_at) -> list[Problem]:
    """[the problem] naming the cells more than CELL_SPREADS spreads from the column's median on a log scale, else []."""
    x = column[np.isfinite(column.to_numpy(dtype=float))].astype(float)
    x = x[x > 0]
    if len(x) < 3:
        return []
    logs = np.log(x)
    middle = float(logs.median())
    sigma = max(1.4826 * float((logs - middle).abs().median()), spread)
    far = x[(logs - middle).abs() > CELL_SPREADS * sigma]
    far = far.drop(index=far_fractions(ind, column, spread).index)  # a fraction typed: doubtful (lone_fractions)
    if not len(far):
        return []
    cells = _cells_named(far, k, cell_at, lambda v: f", {_ratio_text(v / math.exp(middle))}")
    return [Problem(msg("column {head!r}: {n:# cell lies|# cells lie} more than {limit:g}× the zones' spread from the column's median "
                        "{median} {unit} on a log scale (the spread: ×{spread:.2g} per step, the larger of the column's "
                        "own and the peer model's): {cells}", head=head, n=len(far), limit=CELL_SPREADS,
                        median=_plain(math.exp(middle)), unit=ind.unit, spread=math.exp(sigma), cells=cells),
                    cell_at(far.index[0], k),
                    msg("check those cells: a figure ×10, ×100 or ×1 000 off (a digit, or another unit than the column's) "
                        "is no zone's; give it in the column's unit"), code="peer_cell_scale")]


def far_fractions(ind: Indicator, column: pd.Series, spread: float) -> pd.Series:
    """The cells of a percent column (a share or intensity: has_magnitude) under 1 that lie more than CELL_SPREADS
    spreads below the column's median on a log scale (`_far_cells`: no zone's) while, read ×100, they land among the
    other cells (from their least ÷ FRACTION_BELOW to their largest): a fraction typed for a percent (R&D intensity
    0.0138 for 1.38 % among 0.8–4.7 %) in a column of small percents, where `lone_fractions`' median rule cannot
    tell (i12b, bt12g F5: it refused the whole table as an error naming no fraction). Index: zone ids; values: the
    cells as written. `spread`: the peer model's σ of the column's logs (0 when it has none)."""
    if units.dimension(ind.unit) != "percent" or not ind.spec.has_magnitude:
        return column.iloc[:0]
    x = column[np.isfinite(column.to_numpy(dtype=float))].astype(float)
    x = x[x > 0]
    if len(x) < 3:
        return x.iloc[:0]
    logs = np.log(x)
    middle = float(logs.median())
    sigma = max(1.4826 * float((logs - middle).abs().median()), spread)
    low = x[(x < 1) & (middle - logs > CELL_SPREADS * sigma)]
    others = x.drop(index=low.index)
    if not len(others):
        return x.iloc[:0]
    return low[(low * 100 >= float(others.min()) / FRACTION_BELOW) & (low * 100 <= float(others.max()))]


def _too_many_small(n: int, positive: pd.Series, low: float, high: float) -> bool:
    """Whether `n` shares under 1 % whose ×100 lands within [low, high] % are more than the column's own zones make
    likely (see FRACTION_P): the column's density just above 1 % (zones strictly within 1–3 %, per point, at least
    FRACTION_DENSITY_FLOOR) times the width of (low/100, high/100) is the Poisson mean of real such shares."""
    if n < 2:
        return False  # a lone small share is a real zone's as likely as a slip
    density = max(float(((positive > 1) & (positive < 3)).sum()) / 2, FRACTION_DENSITY_FLOOR)
    lam = density * max(min(high, 100.0) - low, 0.0) / 100
    below = sum(math.exp(-lam) * lam ** i / math.factorial(i) for i in range(n))
    return 1 - below < FRACTION_P


def ceiling_factor(cv: float, share: float) -> float:
    """How far above a region's per-zone mean the mean of its largest `share` of zones lies (0 < share ≤ 1), when
    the zones' figures are log-normal with coefficient of variation `cv` (the peer model's spread for a size
    measure, which cites the published right skew): Φ(σ − z) / share, σ² = ln(1 + cv²), z = Φ⁻¹(1 − share)
    (the partial expectation of the log-normal). 1 for the whole region; 2.7 for the top quarter at cv 1.6."""
    from statistics import NormalDist

    sigma = float(np.sqrt(np.log1p(cv ** 2)))
    if share >= 1:
        return 1.0
    return NormalDist().cdf(sigma - NormalDist().inv_cdf(1 - share)) / share


def _above_ceiling(ind: Indicator, column: pd.Series, head: str, where: Location, mean: float, entry: str,
                   factor: float, zones: int, cv: float) -> list[Problem]:
    """[the problem] when the column's mean is above `factor` × the published per-zone `mean`, else []."""
    x = column.to_numpy(dtype=float)
    x = x[np.isfinite(x)]
    if not len(x) or not mean > 0 or float(x.mean()) <= mean * factor:
        return []
    return [Problem(msg("column {head!r}: the zones' mean is {value} {unit}, {ratio}× the published per-zone mean "
                        "{mean} {unit} ({entry}); even the region's {n} largest of {zones:# zone|# zones} average at most "
                        "{factor:.2g}× it under its spread (coefficient of variation {cv:g}, the peer model's): the "
                        "column looks {ratio}× too large", head=head, value=_plain(float(x.mean())), unit=unit_named(ind.unit),
                        ratio=format(x.mean() / mean, ".3g"), mean=_plain(mean), entry=entry, n=min(len(x), zones),
                        zones=zones, factor=factor, cv=cv),
                    where, currency_slip(ind.unit, float(x.mean()) / mean) or
                    msg("check the column's unit and figures (a digit or a 千/万 slip); a table of another "
                        "region's zones says so in its sidecar YAML (region: eastern)"),
                    code="peer_column_scale")]


# A growth rate (or another signed rate in %) typed as fractions (0.065 for 6.5 %): refused when at least
# SIGNED_MIN_ZONES zones all lie within ±1 and their median size is under a tenth of the framework's scale
# (the larger of |target| and |floor|: 20 for FDI growth, 8 for GDP growth). The bundled table's growth
# columns spread over tens of percent; ten zones all within ±1 % is no real table.
SIGNED_MIN_ZONES = 10


def _signed_fractions(spec, column: pd.Series, head: str, where: Location) -> list[Problem]:
    """[the problem] when a signed rate's column looks typed as fractions, else []."""
    x = column.to_numpy(dtype=float)
    x = np.abs(x[np.isfinite(x)])
    scale = max(abs(spec.target.value), abs(spec.floor) if spec.floor is not None else 0.0)
    if len(x) < SIGNED_MIN_ZONES or x.max() > 1 or float(np.median(x)) * FRACTION_FACTOR >= scale:
        return []
    return [Problem(msg("column {head!r}: every zone's {name} lies within ±1 %, while the framework's scale for it is "
                        "{scale} % (target {target} %): the figures look like fractions", head=head, name=name_of(spec),
                        scale=_plain(scale), target=_plain(spec.target.value)), where,
                    msg("give the column in percent (multiply by 100: 0.065 is 6.5 %)"), code="peer_column_scale")]


def lone_fractions(framework: Framework, values: pd.DataFrame, header: list[str], column_of: dict[str, int],
                   cell_at, sigmas: dict | None = None) -> list[tuple[str, object, Problem]]:
    """The lone shares under 1 % of a percent column that, read ×100, land among the column's own values (between its
    FRACTION_BAND quantiles, the column's median at least SHARE_MEDIAN %): a fraction typed among percents (0.35 among
    20–60) as likely as a real zone's tiny share, which `_odd_cells` lets pass when there are too few to refuse
    (`_too_many_small`). Such a cell is not scored as true (bt12 F5: it was read as published): each is returned as
    (indicator, zone id, a doubtful Problem at its cell), and `load_peers` leaves the cell out (the peer is scored
    without it). `column_of`: indicator id → its 0-based column; `cell_at(zone id, k)`: the cell's Location;
    `sigmas`: the peer model's spreads (peer_model.spreads), as check_scale holds cells to them: a cell of a column of
    small percents that no spread reaches while its ×100 is a zone's (`far_fractions`) is taken here too."""
    out = []
    sigmas = sigmas or {}
    for ind, k in column_of.items():
        spec = framework.indicators[ind]
        if units.dimension(spec.unit) != "percent" or not spec.spec.has_magnitude:
            continue
        x = values[ind][np.isfinite(values[ind].to_numpy(dtype=float))].astype(float)
        positive = x[x > 0]
        percents = positive[positive >= 1]
        far = far_fractions(spec, values[ind], sigmas.get(ind, 0.0))
        if len(far) and (not len(percents) or float(positive.median()) < SHARE_MEDIAN):
            # a column of small percents (R&D intensity): a cell no zone's spread reaches, a zone's ×100 (i12b)
            rest = positive.drop(index=far.index)
            low, high = float(rest.min()) / FRACTION_BELOW, float(rest.max())
            out += [(ind, zone, _fraction_cell(header[k], float(v), float(positive.median()), low, high,
                                               cell_at(zone, k), ind)) for zone, v in zip(far.index, far.to_numpy())]
            continue
        if not len(percents) or float(positive.median()) < SHARE_MEDIAN:
            continue
        # down to a little under the column's least percent: a fraction whose ×100 falls just below the other cells'
        # minimum (9.38 % typed 0.0938 in a column from 10 %) is as much a fraction as one inside (bt12g F6)
        low = min(percents.quantile(FRACTION_BAND[0]), float(percents.min()) / FRACTION_BELOW)
        high = percents.quantile(FRACTION_BAND[1])
        odd = positive[(positive < 1) & (positive * 100 >= low) & (positive * 100 <= high)]
        odd = pd.concat([odd, far.drop(index=odd.index, errors="ignore")])
        for zone, v in zip(odd.index, odd.to_numpy()):
            out.append((ind, zone, _fraction_cell(header[k], float(v), float(positive.median()), float(low),
                                                  float(high), cell_at(zone, k), ind)))
    return out


def _fraction_cell(head: str, v: float, median: float, low: float, high: float, where: Location, ind: str) -> Problem:
    """The doubtful problem at a percent cell that looks like a fraction typed (lone_fractions)."""
    return Problem(msg("column {head!r}: {value} % in a column whose median is {median} %: read ×100 ({times} %) it lies "
                       "among the column's own values ({low}–{high} %), so it looks like a fraction typed for a percent; "
                       "the cell is doubtful and left out of that zone's score", head=head, value=_plain(v),
                       median=_plain(median), times=_plain(v * 100), low=_plain(low), high=_plain(high)),
                   where, msg("give the cell in percent (multiply by 100) if it is a fraction; a real share under "
                              "1 % cannot be told from one: confirm it with the source"),
                   "doubtful", code="peer_cell_fraction", indicator=ind)


def rate_fractions(framework: Framework, values: pd.DataFrame, header: list[str], column_of: dict[str, int],
                   cell_at) -> list[tuple[str, object, Problem]]:
    """A zone's growth rates typed as fractions (0.04444 for 4.444 %: bt12g F6, a row of three moved the rank 21 → 19
    silently): in a row, the rates (percent columns without an order of magnitude) under 1 in absolute value that,
    read ×100, land among their column's own values (within the range of its cells of 1 % or more, widened by half
    that range on each side), when all the row's rates do so and at least two, or three or more of them (one rate under
    1 %, or two among others of 1 % and more, is as likely a real near-zero growth).
    Returned as `lone_fractions` returns them; `load_peers` leaves each cell out (doubtful, said at its cell)."""
    bands = {}
    for ind in column_of:
        spec = framework.indicators[ind]
        if units.dimension(spec.unit) != "percent" or spec.spec.has_magnitude:
            continue
        x = values[ind][np.isfinite(values[ind].to_numpy(dtype=float))].astype(float)
        big = x[x.abs() >= 1]
        if len(big) >= 5 and (x.abs() < 1).mean() < 0.5:
            span = float(big.max() - big.min())  # the row's own rates may have been the column's extremes
            bands[ind] = (float(big.min()) - span / 2, float(big.max()) + span / 2)
    out = []
    if not bands:
        return out
    # Every row at once (issue 17: one .at per cell took 8 s of a 27 000-zone table); the rows with two or more.
    inds = list(bands)
    table = values[inds].to_numpy(dtype=float)
    low = np.array([bands[i][0] for i in inds])
    high = np.array([bands[i][1] for i in inds])
    with np.errstate(invalid="ignore"):
        hit = np.isfinite(table) & (np.abs(table) > 0) & (np.abs(table) < 1) & (low <= table * 100) & (table * 100 <= high)
    # Two of a row's rates under 1 % while its others are not is chance at scale (two real near-zero growths: 1 row in
    # 260 of a generated 27 000-zone table, real cells left out): a row typed as fractions has all its rates so, or
    # three or more of them.
    hits, given = hit.sum(axis=1), np.isfinite(table).sum(axis=1)
    for k in np.flatnonzero((hits >= 2) & ((hits == given) | (hits >= 3))):
        zone = values.index[k]
        odd = [inds[j] for j in np.flatnonzero(hit[k])]
        for ind in odd:
            v, (low, high) = float(values.at[zone, ind]), bands[ind]
            out.append((ind, zone, Problem(
                msg("column {head!r}: {value} % beside {n:# other rate|# other rates} of the row under 1 %: read ×100 ({times} %) it "
                    "lies among the column's own values ({low}–{high} %), so the row's rates look like fractions typed "
                    "for percents; the cell is doubtful and left out of that zone's score", head=header[column_of[ind]],
                    value=_plain(v), n=len(odd) - 1, times=_plain(v * 100), low=_plain(low), high=_plain(high)),
                cell_at(zone, column_of[ind]), msg("give the row's rates in percent (multiply by 100) if they are "
                                                   "fractions; confirm real rates under 1 % with the source"),
                "doubtful", code="peer_cell_fraction", indicator=ind)))
    return out
