"""A what-if change of a part moves the wholes that include it: the zone's GDP is in its city's GDP.

fields.yaml declares, per field, the wholes it adds to (`adds_to`, a subset of `part_of`): the host city's totals
(地区生产总值, 税收收入, 实际使用外资, 进出口总额 of the city include the zone's), total trade (exports and high-tech
trade are in it), industrial value added (high-tech value added is in it) and GDP (industrial value added is in it).
A variant that raises a part by Δ raises each such whole by Δ (in the whole's unit), and the wholes of that whole in
turn, unless the variant gives the whole a figure of its own (a scenario changing both). Held fixed instead, a share
indicator (the zone's share of its city's GDP) would rise by more than is arithmetically possible (bt13k F6: +25.8亿元
of GDP credited with 7.57 % of the city where 7.52 % is all it can be). A part_of that is no sum (built-up area
within the approved area, R&D spending beside revenue) is not declared and moves nothing.
"""

from __future__ import annotations

import numpy as np

from scorer import units


def carry_to_wholes(fw, fields: list[str], base: np.ndarray, levels: np.ndarray,
                    given: np.ndarray | None = None) -> np.ndarray:
    """`levels` (variants × `fields`, the quarter's figures) with each declared whole moved by its parts' changes
    against `base` (the baseline's levels, in `fields`' order), parts before their wholes (a whole of a whole moves
    once, by the sum of its parts' changes). `given` (variants × fields, bool): figures a variant set itself, never
    moved. Returns a new array; a part or whole without a figure (NaN) moves nothing."""
    col = {f: k for k, f in enumerate(fields)}
    pairs = [(p, w) for p, d in fw.fields.items() for w in d.adds_to if p in col and w in col]
    if not pairs:
        return levels
    out = levels.copy()
    delta = np.nan_to_num(out - base)
    for part in _parts_first(pairs):
        for whole in [w for p, w in pairs if p == part]:
            j, k = col[part], col[whole]
            move = delta[:, j] * units.factor(fw.fields[part].unit, fw.fields[whole].unit)
            keep = np.zeros(len(out), dtype=bool) if given is None else given[:, k]
            moved = np.where(keep | ~np.isfinite(out[:, k]), 0.0, move)
            out[:, k] += moved
            delta[:, k] += moved
    return out


def _parts_first(pairs: list[tuple[str, str]]) -> list[str]:
    """The parts in an order where a field comes before every whole it adds to (so a whole's change is complete
    before it moves its own wholes). fields.yaml's part_of is acyclic (a part is smaller than its whole)."""
    parts = {p for p, _ in pairs}
    order: list[str] = []

    def visit(f: str, seen: frozenset) -> None:
        if f in order or f in seen:
            return
        for p, w in pairs:
            if w == f:
                visit(p, seen | {f})
        if f in parts:
            order.append(f)

    for p in sorted(parts):
        visit(p, frozenset())
    return order
