"""A peer row's figures against each other: the ratios fields.yaml declares between statistics (税收收入 ÷ 地区生产总值
between 0.01 and 1), applied to the peer columns that are one statistic's level.

A zone's workbook is held to these ratios (read.plausibility.implausible_ratios); a peer table's cells were held to
their column's scale and spread only, so a digit too many that left a cell inside its column's spread but made a
zone's tax 1.6 × its GDP was scored as true, moving that zone's rank and the distribution the zone is ranked in
(bt11j F13). Here such a row's cells are doubtful: left out of that peer's score, the peer left out of the rank, each
said at its cell (as `peer_scale.lone_fractions` does for a fraction typed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scorer import units
from scorer.errors import Problem
from scorer.framework import formula as fx
from scorer.framework.model import Framework, Indicator
from scorer.messages import msg
from scorer.score.doubt import _plain


def one_field(indicator: Indicator) -> str | None:
    """The field whose annual level the indicator is, in the indicator's own unit (to(annual(F), "亿元"),
    annual(F), F); None for a share, a growth rate, an intensity or any other computed measure."""
    node = indicator.tree
    if isinstance(node, fx.Call) and node.func == "to" and node.args:
        node = node.args[0]
    if isinstance(node, fx.Call) and node.func == "annual" and len(node.args) == 1:
        node = node.args[0]
    return node.name if isinstance(node, fx.Name) else None


def _levels(framework: Framework, columns) -> dict[str, tuple[str, float]]:
    """indicator id → (its field, the factor taking the indicator's unit to the field's) for the peer columns that
    are one field's level in units of one dimension (亿元 → 万元: 10 000)."""
    out = {}
    for ind in columns:
        spec = framework.indicators.get(ind)
        fid = one_field(spec) if spec is not None and spec.tree is not None else None
        if fid is None or fid not in framework.fields:
            continue
        try:
            out[ind] = (fid, units.factor(spec.unit, framework.fields[fid].unit))
        except (units.UnitError, ValueError, KeyError):
            continue
    return out


def ratio_cells(framework: Framework, values: pd.DataFrame, header: list[str], column_of: dict[str, int],
                cell_at) -> list[tuple[str, object, Problem]]:
    """(indicator, zone id, a doubtful Problem at its cell) for each peer cell in a ratio out of its declared range.

    `values`: zones × indicator ids in the indicators' units; `column_of`: indicator id → 0-based column; `cell_at(zone
    id, k)`: the cell's Location. For each pair of columns that are levels of fields F and G with fields.yaml
    `F.ratios.G = {min, max}`, a row whose F ÷ G (in the fields' units) lies outside [min, max] is out of line, and
    both its cells are doubtful: a peer row has no history to tell which was mistyped, and another ratio in range
    vouches for little (GDP ÷ 10 keeps trade ÷ GDP inside 0.0005–5, and would leave the GDP scored as true had the tax
    been blamed). Ratios of fields.yaml (sourced there: central_2023_tax_mean, central_2023_gdp_mean …). Zero or
    missing figures are not held.
    """
    levels = _levels(framework, [c for c in values.columns if c in column_of])
    pairs = [(a, b, framework.fields[fa].ratios[fb]) for a, (fa, _) in levels.items() for b, (fb, _) in levels.items()
             if a != b and fb in framework.fields[fa].ratios]
    if not pairs:
        return []
    bad: list[tuple[str, str, np.ndarray, np.ndarray]] = []
    for a, b, rng in pairs:
        x = values[a].to_numpy(dtype=float) * levels[a][1]
        y = values[b].to_numpy(dtype=float) * levels[b][1]
        held = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(held, x / np.where(held, y, 1.0), np.nan)
        low = rng.min if rng.min is not None else -np.inf
        high = rng.max if rng.max is not None else np.inf
        off = held & ~((r >= low) & (r <= high))
        if off.any():
            bad.append((a, b, off, r))
    out = []
    for a, b, off, r in bad:
        rng = framework.fields[levels[a][0]].ratios[levels[b][0]]
        for row in np.flatnonzero(off):
            zone = values.index[row]
            problem = Problem(
                msg("zone {zone}: {head} {value} beside {other_head} {other_value} gives {num} ÷ {den} = {ratio}, outside "
                    "the {low}–{high} a zone's figures keep (fields.yaml ratios): one of the two is mistyped (a digit too "
                    "many, another unit?) and which cannot be told; both cells are doubtful and left out of that zone's "
                    "score", zone=str(zone), head=repr(header[column_of[a]]),
                    value=_plain(float(values.iat[row, values.columns.get_loc(a)])), other_head=repr(header[column_of[b]]),
                    other_value=_plain(float(values.iat[row, values.columns.get_loc(b)])),
                    num=framework.fields[levels[a][0]].label, den=framework.fields[levels[b][0]].label,
                    ratio=format(float(r[row]), ".3g"), low=_plain(rng.min) if rng.min is not None else "—",
                    high=_plain(rng.max) if rng.max is not None else "—"),
                cell_at(zone, column_of[a]),
                msg("check the row against its source and correct the mistyped cell (the other then stands)"),
                "doubtful", code="peer_cell_ratio", indicator=a)
            out += [(ind, zone, problem) for ind in (a, b)]  # one problem, both cells left out
    return out
