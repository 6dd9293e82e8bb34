"""Merged cells in a table's body (a row label merged down several rows, a value merged over several cells),
and the rows of a body that hold numbers under no label.

A merged range keeps its value in its top-left cell; the reader gives the other cells as blank. A value
merged over cells that belong to one statistic and one column is read from its top-left cell; one that
spans several labelled rows or several value columns could be any of theirs, and a label merged down
rows that each hold numbers could be any row's: both are refused at their cells rather than read as one
statistic's or dropped without a word. A row between a table's labelled rows that holds numbers in its
value columns but has a blank label cell (the label deleted, or lost in an unmerge) is named in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scorer.errors import Location, Problem
from scorer.messages import msg
from scorer.read.files import Sheet
from scorer.read.layout import Row
from scorer.read.text import MISSING_MARKS, CellError, a1, is_number, parse_number

_LARGEST = 10_000  # a merge over more cells than this is formatting (a whole sheet's), not a table's cell


@dataclass
class Body:
    """The merged ranges of one sheet's table bodies, looked up by cell, and what was said about them."""
    sheet: Sheet
    labelled: set[int]  # the rows holding a label of the framework
    spans: dict[tuple[int, int], tuple[int, int, int, int]] = field(default_factory=dict)
    said: set[tuple[int, int]] = field(default_factory=set)  # the merges already refused, by top-left cell

    @classmethod
    def of(cls, sheet: Sheet, rows: list[Row]) -> "Body":
        body = cls(sheet, {row.r for row in rows})
        for (r0, c0), (r1, c1) in sheet.merged:
            if 1 < (r1 - r0 + 1) * (c1 - c0 + 1) <= _LARGEST:
                for r in range(r0, r1 + 1):
                    for c in range(c0, c1 + 1):
                        body.spans[(r, c)] = (r0, c0, r1, c1)
        return body

    def raw(self, r: int, c: int) -> Any:
        rows = self.sheet.rows
        return rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else ""


def _holds_value(raw: Any) -> bool:
    return is_number(raw) or (isinstance(raw, str) and raw.strip() not in MISSING_MARKS)


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{a1(r0, c0)}:{a1(r1, c1)}"


def value_cell(path: Path, body: Body, row: Row, col: int, value_cols: set[int],
               problems: list[Problem]) -> tuple[int, int] | None:
    """The cell to read row `row`'s value in column `col` from: the cell itself, or the top-left cell of a
    merge that lies within this statistic's row and this column; None (with an error at the merge, once)
    when the merge holding a value spans several labelled rows or several value columns."""
    span = body.spans.get((row.r, col))
    if span is None:
        return row.r, col
    r0, c0, r1, c1 = span
    rows = sorted(r for r in range(r0, r1 + 1) if r in body.labelled)
    cols = [c for c in range(c0, c1 + 1) if c in value_cols]
    if len(rows) <= 1 and len(cols) <= 1:
        return r0, c0
    if _holds_value(body.raw(r0, c0)) and (r0, c0) not in body.said:
        body.said.add((r0, c0))
        across = (msg("the rows of {labels}", labels="、".join(f"「{str(body.raw(r, row.c)).strip()}」" for r in rows[:3]))
                  if len(rows) > 1 else msg("{n:# value column|# value columns}", n=len(cols)))
        problems.append(Problem(
            msg("the value cell {cell} is merged over {range}, across {across}: whose value it is cannot be told, and "
                "it was not read", cell=a1(r0, c0), range=_range(r0, c0, r1, c1), across=across),
            Location(file=path, sheet=body.sheet.name, cell=a1(r0, c0)),
            msg("unmerge the cells (开始 › 合并后居中 › 取消单元格合并) and type each statistic's value in its own row and column")))
    return None


def label_row(path: Path, body: Body, row: Row, value_cols: list[int], problems: list[Problem]) -> Row | None:
    """The row a label merged down several rows speaks for: its own when only it holds numbers; the one
    row under it that holds numbers when it holds none; None (an error at the label naming the cells)
    when several of the merged rows hold numbers, which could be any of theirs."""
    span = body.spans.get((row.r, row.c))
    if span is None or span[0] != row.r or span[2] == row.r:
        return row
    r0, _, r1, _ = span
    filled = {r: [a1(r, c) for c in value_cols if _holds_value(body.raw(r, c))] for r in range(r0, r1 + 1)}
    with_values = [r for r, cells in filled.items() if cells]
    if not with_values or with_values == [row.r]:
        return row
    if len(with_values) == 1:
        return replace(row, r=with_values[0])
    cells = [c for r in with_values for c in filled[r]]
    problems.append(Problem(
        msg("「{label}」 is merged over {range}, and {n} of those rows hold numbers ({cells}): which row is its "
            "cannot be told, and none was read", label=row.text, range=_range(r0, row.c, r1, span[3]),
            n=len(with_values), cells=", ".join(cells[:6]) + (", …" if len(cells) > 6 else "")),
        Location(file=path, sheet=body.sheet.name, cell=a1(row.r, row.c)),
        msg("unmerge the label cells and give each row its own label (a row holding another statistic needs its own name)")))
    return None


def _number(raw: Any) -> bool:
    if is_number(raw):
        return True
    try:
        return isinstance(raw, str) and parse_number(raw) is not None
    except CellError:
        return False


def unlabelled_rows(path: Path, sheet: Sheet, rows: list[Row], value_cols: dict[int, list[int]],
                    body: Body | None) -> list[Problem]:
    """One warning for the sheet naming the rows between a table's labelled rows that hold numbers in its value
    columns under a blank label cell (not one covered by a merged label, which `label_row` speaks for).
    `value_cols`: {id(table): the columns read from it}."""
    tables: dict[int, list[Row]] = {}
    for row in rows:
        if row.table is not None and value_cols.get(id(row.table)):
            tables.setdefault(id(row.table), []).append(row)
    lost: list[str] = []
    for key, labelled in tables.items():
        c = labelled[0].table.label_col
        at = {row.r for row in labelled}
        for r in range(min(at) + 1, max(at)):
            label = sheet.rows[r][c] if r < len(sheet.rows) and c < len(sheet.rows[r]) else ""
            if r in at or (body is not None and (r, c) in body.spans) or (isinstance(label, str) and label.strip()) \
                    or is_number(label):
                continue
            lost += [a1(r, j) for j in value_cols[key] if j < len(sheet.rows[r]) and _number(sheet.rows[r][j])][:1]
    if not lost:
        return []
    return [Problem(msg("rows of the table hold numbers under no label (the first of each row: {cells}): they were "
                        "not read", cells=", ".join(lost[:6]) + (", …" if len(lost) > 6 else "")),
                    Location(file=path, sheet=sheet.name, cell=lost[0]),
                    msg("give each row its label (the statistic's name as in indicators/fields.yaml), or delete the row"),
                    "warning", code="unlabelled_rows")]
