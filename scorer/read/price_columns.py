"""A statistic's columns at two price bases (现价增长 | 可比价增长): which one the reader takes, and the note saying so.

A statistics office's table often gives a growth rate twice, at current prices (现价, 按现价计算, 当年价) and at
comparable prices (可比价, 按可比价格计算, 不变价). Both are right; they differ by the price change. Read as two
columns of one kind they were refused as one figure "read twice with different growth rates" (bt13k F3), and the
hint told the analyst to delete a published column. The official growth of GDP and 规上工业增加值 is the
comparable-price one (yardsticks.md §5; fields.yaml `growth_price_basis: comparable`); every other statistic's, and
every level, is at current prices. The reader takes that one, labels it with its price basis, and says which column
it left.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Callable

from scorer.errors import Location, Problem
from scorer.framework.model import FieldDef
from scorer.messages import msg

_NOMINAL = re.compile(r"现价|当年价")
_COMPARABLE = re.compile(r"可比价|不变价")


def header_basis(text: str) -> str | None:
    """The price basis a column's header texts name: "nominal" (现价增长, 按现价计算, 当年价), "comparable" (可比价增长,
    按可比价格计算, 不变价), None when they name neither or both."""
    norm = unicodedata.normalize("NFKC", re.sub(r"\s+", "", str(text or "")))
    said = {b for b, pattern in (("nominal", _NOMINAL), ("comparable", _COMPARABLE)) if pattern.search(norm)}
    return said.pop() if len(said) == 1 else None


def wanted(kind: str, fdef: FieldDef) -> str:
    """The price basis a statistic's figure of `kind` is scored at: a growth rate at its official basis (fields.yaml
    `growth_price_basis`, comparable for GDP and 规上工业增加值), anything else at current prices."""
    return (fdef.growth_price_basis or "nominal") if kind == "growth" else "nominal"


def choose(columns: list[tuple], fdef: FieldDef, filled: Callable[[int], bool]) -> tuple[list[tuple], list[tuple], dict]:
    """`columns` ((Column, kind, period) of one row) with one column per kind and period where two name different
    price bases in their headers (of a pair, one naming a basis and one none, the other is the other basis:
    同比增长 | 可比价增长): the statistic's own basis (`wanted`) if its cell is filled (`filled(col)`), else the
    other filled one; with neither filled, the wanted one (a blank is read as a blank). Returns (kept, left out,
    bases): the left out whose cell holds a number, as (Column, the Column kept instead); `bases`: {column index:
    price basis} of every value column whose header says it, or whose pair's does."""
    groups: dict[tuple, list[tuple]] = {}
    for c in columns:
        groups.setdefault((c[1], c[2]), []).append(c)
    kept, left, bases = [], [], {}
    for (kind, _), group in groups.items():
        said = {id(c): header_basis(c[0].text) for c in group}
        if len(group) == 2 and len(set(said.values()) - {None}) == 1 and None in said.values():
            # 同比增长 | 可比价增长: the unmarked rate of the pair is the other basis
            other = "nominal" if set(said.values()) - {None} == {"comparable"} else "comparable"
            said = {k: other if b is None else b for k, b in said.items()}
        bases.update({c[0].col: said[id(c)] for c in group if said[id(c)] is not None})
        if len(group) < 2 or len(set(said.values()) - {None}) < 2:
            kept += group
            continue
        want = wanted(kind, fdef)
        marked = [c for c in group if said[id(c)] is not None]
        take = (next((c for c in marked if said[id(c)] == want and filled(c[0].col)), None)
                or next((c for c in marked if filled(c[0].col)), None)
                or next(c for c in marked if said[id(c)] == want))
        kept += [c for c in group if c is take or c not in marked]  # a third column naming no basis stays
        left += [(c[0], take[0]) for c in marked if c is not take and filled(c[0].col)]  # a blank loses nothing
    order = {id(c): k for k, c in enumerate(columns)}
    return sorted(kept, key=lambda c: order[id(c)]), left, bases


def notes(path: Path, sheet: str, left: dict[tuple[str, str, str, str], list[str]]) -> list[Problem]:
    """One note per column left out (`choose`) and column read instead: the statistics it was not read for.
    `left`: {(left column's header cell, its header text, the kept column's cell, its text): [row labels]}."""
    out = []
    for (cell, header, kept_cell, kept_header), labels in left.items():
        names = "、".join(f"「{x}」" for x in labels[:4]) + (" …" if len(labels) > 4 else "")
        out.append(Problem(
            msg("{names}: read at {basis} from 「{kept}」 ({kept_cell}), as the statistics office publishes it; "
                "the figure at the other price basis in 「{header}」 ({cell}) was not read",
                names=names, basis=msg("comparable prices") if header_basis(kept_header) == "comparable"
                else msg("current prices"), kept=kept_header, kept_cell=kept_cell, header=header, cell=cell),
            Location(file=path, sheet=sheet, cell=cell), None, "note", code="price_basis_column"))
    return out
