"""A peer table's columns against the framework's scale: a column whose magnitude no real zone has is a slip.

Every peer table (the bundled one or the user's, with or without a sidecar YAML) is read in the
indicators' units; a column typed in the wrong unit (税收收入（万元）over figures in 亿元, FDI headed
亿美元 over figures in 万美元) or a percent column typed as fractions (0.05 for 5 %) is converted and
read faithfully, and would be scored as if true: a zone then ranks first among peers a ten-thousandth
its size. `check_scale` refuses such a column at its header.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorer import units
from scorer.errors import Location, Problem
from scorer.messages import msg
from scorer.framework.model import Framework
from scorer.score.doubt import _plain

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
                column_at) -> list[Problem]:
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
    """
    problems = []
    for ind, (k, read_unit) in columns.items():
        spec = framework.indicators[ind]
        target = spec.target.value if spec.target is not None else None
        if target is not None and not spec.spec.has_magnitude and units.dimension(spec.unit) == "percent":
            problems += _signed_fractions(spec, values[ind], header[k], column_at(k))
        if target is None or not target > 0 or not spec.spec.has_magnitude:
            continue
        ends = [v for v in (target, spec.floor) if v is not None and v > 0]
        lo, hi = min(ends), max(ends)
        column = values[ind].to_numpy(dtype=float)
        column = column[np.isfinite(column)]
        if not len(column):
            continue
        median = float(np.median(column))
        fractions = units.dimension(spec.unit) == "percent" and lo > 1 and column.min() >= 0 and column.max() <= 1
        limit = FRACTION_FACTOR if fractions else SCALE_FACTOR
        if median <= 0 or lo / limit <= median <= hi * limit:
            continue
        ratio = median / (hi if median > hi else lo)
        unit = spec.unit
        said = msg("column {head!r}: the zones' median is {median} {unit}, {ratio} the framework's scale for {name} "
                   "(target {target} {unit}, floor {floor} {unit}): more than {limit:g}× from it is no zone's figure",
                   head=header[k], median=_plain(median), unit=unit, ratio=_ratio_text(ratio), name=spec.name_zh,
                   target=_plain(target), floor=_plain(spec.floor) if spec.floor is not None else "—",
                   limit=limit)
        smaller, larger = units.ten_thousand_apart(read_unit)
        if fractions:
            hint = msg("every value lies between 0 and 1: they look like fractions (0.05 for 5 %); give the column in "
                       "percent (multiply by 100)")
        elif 1e3 <= ratio <= 1e5 and smaller:
            hint = msg("the figures look like {real} read as {unit_read} (a 万/亿 slip): give the header's unit as {real} "
                       "(e.g. {name}（{real}）) or convert the figures", real=smaller, unit_read=read_unit, name=spec.name_zh)
        elif 1e-5 <= ratio <= 1e-3 and larger:
            hint = msg("the figures look like {real} read as {unit_read} (a 万/亿 slip): give the header's unit as {real} "
                       "(e.g. {name}（{real}）) or convert the figures", real=larger, unit_read=read_unit, name=spec.name_zh)
        else:
            hint = msg("check the column's unit (in its header, e.g. {name}（{unit}）) and its figures", name=spec.name_zh,
                       unit=unit)
        problems.append(Problem(said, column_at(k), hint, code="peer_column_scale"))
    return problems



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
                        "{scale} % (target {target} %): the figures look like fractions", head=head, name=spec.name_zh,
                        scale=_plain(scale), target=_plain(spec.target.value)), where,
                    msg("give the column in percent (multiply by 100: 0.065 is 6.5 %)"), code="peer_column_scale")]
