"""A peer table's zones, one row each: the same zone twice is found however its name is spelled.

`A` and `Ａ` (full-width), `周口 经开区` and `周口经开区`, `Zone` and `zone` name the same zone: typed
twice, it would be ranked twice (a table of A, Ａ, B gave "/ 4" for three zones). Names are compared
after NFKC normalisation (full-width letters and digits become ASCII), case folding and removal of
white space. The same zone twice with different values is refused; with the same values, it is kept
once with a warning naming both rows.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

import pandas as pd

from scorer.errors import Location, Problem
from scorer.messages import msg

_SPACE = re.compile(r"\s+")


def zone_key(name: str) -> str:
    """The form under which two spellings of a zone's name are the same zone (NFKC, case-folded, no white space)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(name)).casefold())


def duplicate_zones(keys: list[str], values: pd.DataFrame, cell_at: Callable[[int, int], Location],
                    key_col: int) -> tuple[list[Problem], list[Problem], list[bool]]:
    """(errors, warnings, kept): `keys` the zones' names as written, row by row; `values` their indicators.

    A zone's second row (by `zone_key`) with different values is an error at its name's cell naming the
    first row and the indicators that differ; with the same values, a warning naming both rows, and the
    row is not kept (`kept[row]` False)."""
    errors, warnings, seen, kept = [], [], {}, []
    for row, key in enumerate(keys):
        norm = zone_key(key)
        if not norm or norm not in seen:
            if norm:
                seen[norm] = row
            kept.append(True)
            continue
        kept.append(False)
        first = seen[norm]
        a, b = values.iloc[first], values.iloc[row]
        differ = [c for c in values.columns if not (a[c] == b[c] or (pd.isna(a[c]) and pd.isna(b[c])))]
        at = cell_at(first, key_col)
        also = msg("cell {cell}", cell=at.cell) if at.cell else msg("line {line}", line=at.line)
        if differ:
            errors.append(Problem(msg("zone {key!r} appears twice with different values (also at {also}; differ in "
                                      "{fields})", key=key, also=also, fields=", ".join(differ[:5])),
                                  cell_at(row, key_col), msg("keep one row per zone")))
        else:
            warnings.append(Problem(msg("zone {key!r} appears twice with the same values (also at {also}, as {first!r}): "
                                        "counted once", key=key, also=also, first=keys[first]),
                                    cell_at(row, key_col), msg("keep one row per zone"), "warning",
                                    code="peer_zone_twice"))
    return errors, warnings, kept
