"""A peer table's zones, one row each: the same zone twice is found however its name is spelled.

`A` and `Ａ` (full-width), `周口 经开区` and `周口经开区`, `Zone` and `zone` name the same zone: typed
twice, it would be ranked twice (a table of A, Ａ, B gave "/ 4" for three zones). Names are compared
after NFKC normalisation (full-width letters and digits become ASCII), case folding and removal of
white space; format characters (a zero-width space or joiner, a byte-order mark, a bidi mark: Unicode
category Cf) are invisible and dropped too (`许\u200b昌` is 许昌). A table with both an id column and a name
column names a zone twice when either repeats: two ids given to one name are one zone typed twice (bt16g F2: a
copied row under another id was ranked as a 57th zone). The same zone twice with different values is refused;
with the same values, it is kept once with a warning naming both rows.
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
    """The form under which two spellings of a zone's name are the same zone (NFKC, case-folded, no white space,
    no invisible format character)."""
    folded = unicodedata.normalize("NFKC", str(name)).casefold()
    return _SPACE.sub("", "".join(ch for ch in folded if unicodedata.category(ch) != "Cf"))


def duplicate_zones(keys: list[str], values: pd.DataFrame, cell_at: Callable[[int, int], Location],
                    key_col: int, names: tuple[list[str], int] | None = None
                    ) -> tuple[list[Problem], list[Problem], list[bool]]:
    """(errors, warnings, kept): `keys` the zones' keys as written (the id column, else the name column), row by
    row, in column `key_col`; `names`: the name column's texts and index when the table also has one; `values`
    the rows' indicators.

    A zone's second row — the same key, or the same name under another key (by `zone_key`) — with different
    values is an error at its key's (or name's) cell naming the first row and the indicators that differ; with
    the same values, a warning naming both rows, and the row is not kept (`kept[row]` False)."""
    errors, warnings, kept = [], [], []
    columns = [(keys, key_col)] + ([names] if names is not None and names[1] != key_col else [])
    seen: list[dict[str, int]] = [{} for _ in columns]
    for row in range(len(keys)):
        found = None
        for (texts, col), met in zip(columns, seen):
            norm = zone_key(texts[row]) if row < len(texts) else ""
            if norm and norm in met and found is None:
                found = (met[norm], texts, col)
            elif norm and norm not in met:
                met[norm] = row
        if found is None:
            kept.append(True)
            continue
        kept.append(False)
        first, texts, key_col = found
        key = texts[row]
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
                                        "counted once", key=key, also=also, first=texts[first]),
                                    cell_at(row, key_col), msg("keep one row per zone"), "warning",
                                    code="peer_zone_twice"))
    return errors, warnings, kept
