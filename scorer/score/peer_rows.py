"""A peer table's zones, one row each: the same zone twice is found however its name is spelled.

`A` and `Ａ` (full-width), `周口 经开区` and `周口经开区`, `Zone` and `zone` name the same zone: typed
twice, it would be ranked twice (a table of A, Ａ, B gave "/ 4" for three zones). Names are compared
after NFKC normalisation (full-width letters and digits become ASCII), case folding and removal of
white space; format characters (a zero-width space or joiner, a byte-order mark, a bidi mark: Unicode
category Cf) are invisible and dropped too (`许\u200b昌` is 许昌). A table with both an id column and a name
column names a zone twice when either repeats: two ids given to one name are one zone typed twice (bt16g F2: a
copied row under another id was ranked as a 57th zone). The same zone twice with different values is refused;
with the same values, it is kept once with a warning naming both rows. Two rows with the same figures under
different names and ids are one zone's data pasted twice (bt12g F4): kept once, with a warning naming both. And the
zone being scored, found in the table by its name or its own figures, is not its own peer (`without_zone`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable

import numpy as np
import pandas as pd

from scorer.errors import Location, Problem
from scorer.messages import msg

_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)  # a table's keys and names are looked at twice (duplicate_zones, zone_rows)
def zone_key(name: str) -> str:
    """The form under which two spellings of a zone's name are the same zone (NFKC, case-folded, no white space,
    no invisible format character)."""
    folded = unicodedata.normalize("NFKC", str(name)).casefold()
    if folded.isprintable():  # no format character (Cf is not printable): a 27 000-zone table's names (issue 17)
        return _SPACE.sub("", folded)
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
    norms = [[zone_key(t) for t in texts] for texts, _ in columns]
    if all(len(set(filter(None, n))) == sum(map(bool, n)) for n in norms):  # no zone twice: the usual table
        kept = [True] * len(keys)
        return errors, warnings + identical_rows(keys, values, kept, cell_at, columns[0][1]), kept
    for row in range(len(keys)):
        found = None
        for (texts, col), met, normed in zip(columns, seen, norms):
            norm = normed[row] if row < len(normed) else ""
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
    warnings += identical_rows(keys, values, kept, cell_at, columns[0][1])  # one zone's figures under two names
    return errors, warnings, kept


# Two rows of a peer table holding the same figures in at least so many indicator columns are one zone's data under two
# names (a pasted row): thirty identical figures in two zones are a copy-paste slip, not two zones.
SAME_FIGURES = 3


def identical_rows(keys: list[str], values: pd.DataFrame, kept: list[bool], cell_at: Callable[[int, int], Location],
                   key_col: int) -> list[Problem]:
    """Warnings for rows whose figures (`values`, row by row as `keys`) equal an earlier kept row's under another
    name or id (bt12g F4: one zone's row pasted under a second name was ranked twice, silently): at the later row's
    name cell, naming both rows; the later row is not kept (`kept[row]` set False). Rows with fewer than
    SAME_FIGURES figures are not compared (a table of GDP alone may hold two zones of one size). The one place
    duplicate rows are found: the same zone twice by name or id is `duplicate_zones`'."""
    out, seen = [], {}
    numbers = values.to_numpy(dtype=float)
    counts = (~np.isnan(numbers)).sum(axis=1)
    # Each figure to 12 significant digits (a figure as a table prints it), a missing one as +inf (no figure is
    # infinite), all rows at once (issue 17: a 27 000-zone table formatted 840 000 figures one by one).
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 10.0 ** (11 - np.floor(np.log10(np.abs(numbers))))
        rounded = np.where(numbers == 0, 0.0, np.round(numbers * scale) / scale)
    signatures = np.where(np.isnan(numbers), np.inf, rounded).tolist()
    for row, key in enumerate(keys):
        if not kept[row] or counts[row] < SAME_FIGURES:
            continue
        given = ~np.isnan(numbers[row])
        sig = tuple(signatures[row])
        if sig not in seen:
            seen[sig] = row
            continue
        first = seen[sig]
        kept[row] = False
        at = cell_at(first, key_col)
        also = msg("cell {cell}", cell=at.cell) if at.cell else msg("line {line}", line=at.line)
        out.append(Problem(msg("zones {key!r} and {first!r} (at {also}) hold the same {n:# figure|# figures}: one zone's data "
                               "under two names, counted once (as {first!r})", key=key, first=keys[first], also=also,
                               n=int(given.sum())), cell_at(row, key_col),
                           msg("give each zone its own figures, or delete the copied row"), "warning",
                           code="peer_rows_identical"))
    return out


def zone_rows(values: pd.DataFrame, names: dict[str, str], zone_name: str | None, zone: pd.Series) -> list[tuple[str, str]]:
    """The peer rows that are the zone being scored (bt12g F4b: a province-wide table holds the zone itself, which
    was then counted as its own peer, "21 of 57"): (row id, how) for a row whose name or id is the zone's name
    (`zone_key`: however spelled), or whose figures are the zone's (`zone`: indicator id → value, NaN where none):
    at least SAME_FIGURES shared figures, each within 0.1 % (a figure rounded as a table prints it)."""
    own = zone_key(zone_name) if zone_name else ""
    shared = [c for c in values.columns if c in zone.index and np.isfinite(zone[c])]
    mine = zone[shared].to_numpy(dtype=float) if shared else np.array([])
    # All rows at once (issue 17: one .loc per row took 6 s of a 27 000-zone table): a row is the zone's figures when
    # it gives SAME_FIGURES or more of them and every one it gives is within 0.1 %.
    same = np.zeros(len(values), dtype=bool)
    if shared:
        table = values[shared].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        given = np.isfinite(table)
        with np.errstate(invalid="ignore"):
            close = np.abs(table - mine) <= 1e-3 * np.maximum(np.abs(mine), 1e-9)
        same = (given.sum(axis=1) >= SAME_FIGURES) & np.all(close | ~given, axis=1)
    out = []
    for k, uid in enumerate(values.index):
        if own and own in (zone_key(uid), zone_key(names.get(uid, ""))):
            out.append((uid, "name"))
        elif same[k]:
            out.append((uid, "figures"))
    return out


def without_zone(peers, zone_name: str | None, zone: pd.Series):
    """The peer set without the rows that are the zone itself (`zone_rows`), each said in a warning at the table
    (`left_out`, told wherever the peer table's warnings are: terminal, JSON, report); the set as it is when none.
    A zone is not its own peer: its row counted it twice ("21 of 57" for 56 zones) and moved the median."""
    from dataclasses import replace

    found = zone_rows(peers.values, peers.names, zone_name, zone)
    if not found or len(found) >= len(peers.values):
        return peers
    told = []
    for uid, how in found:
        told.append(Problem(
            msg("the peer table's row {row!r} is the zone being scored ({how}): left out of its peers, as a zone is not "
                "its own peer", row=peers.names.get(uid, uid),
                how=msg("its name") if how == "name" else msg("the zone's own figures")),
            Location(file=peers.path), msg("nothing to do if the table lists every zone of the province; otherwise check "
                                           "the row"), "warning", code="peer_is_zone"))
    drop = [uid for uid, _ in found]
    return replace(peers, values=peers.values.drop(index=drop), names={k: v for k, v in peers.names.items()
                                                                        if k not in drop},
                   left_out=list(peers.left_out) + told)
