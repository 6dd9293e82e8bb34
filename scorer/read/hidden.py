"""Hidden rows and columns of a visible sheet (bt10f F12): what the user cannot see is not read as if seen.

A statistics office keeps last month's column (1-5月累计) or a superseded row out of sight with Excel's Hide, as it
hides whole sheets. Such a sheet looks in Excel like its visible cells; a reading of the hidden cells too found
"read twice with different values" at a cell the user could not find, or refused the workbook for a header no one
sees. So, as for hidden sheets (ingest.py): the hidden rows and columns of a visible sheet are left out, each that
holds something is named in a note at its first cell (a row labelled with a statistic of the framework in a note of
its own, naming the statistic), and `--hidden-sheets` reads them too. Any problem said at a hidden cell, however
read, says the cell is hidden and how to show it.

Where they come from: .xlsx/.xlsm `<row hidden="1">` and `<col min max hidden="1">` (a zero height or width too);
.xls xlrd's rowinfo_map / colinfo_map; .ods `table:visibility` collapse or filter on rows and columns. A CSV has
none. Rows an AutoFilter hides are hidden rows like any other (the file says no more).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from scorer.errors import Location, Problem
from scorer.messages import Text, both, msg
from scorer import units
from scorer.read.text import MISSING_MARKS, FieldIndex, a1, classify_header, from_a1, is_number

HIDDEN_CELLS = "hidden_cells"  # the code of the note naming hidden rows or columns left out

_X = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional XML namespace prefix, as in files.py
_XML_ROW = re.compile(rb"<" + _X + rb"row\b([^>]*)>")
_XML_COL = re.compile(rb"<" + _X + rb"col\b([^>]*?)/?>")
_TRUE = rb"[\"'](?:1|true)[\"']"
_HIDDEN = re.compile(rb"\shidden\s*=\s*" + _TRUE)
_ZERO = {b"ht": re.compile(rb"\sht\s*=\s*[\"']0*\.?0*[\"']"), b"width": re.compile(rb"\swidth\s*=\s*[\"']0*\.?0*[\"']")}
_NUM = {name: re.compile(rb"\s" + name + rb"\s*=\s*[\"'](\d+)[\"']") for name in (b"r", b"min", b"max")}


_HIDING = re.compile(rb"\s(?:hidden\s*=\s*" + _TRUE + rb"|ht\s*=\s*[\"']0*\.?0*[\"'])")  # hidden="1", ht="0"


def xlsx_hidden(xml: bytes) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The ranges (first, last: 0-based) of hidden rows and of hidden columns of an .xlsx sheet's XML.

    A row or column is hidden when it says hidden="1" (or "true"), or is 0 high or 0 wide (Excel shows it no more
    than a hidden one; a sheet saying hidden nowhere hides no row). Only the attributes that hide are looked for, each
    placed by its row's r (a sheet without a hidden row costs one search of its bytes); rows written without r are
    counted from the one before."""
    start = xml.find(b"sheetData")
    head = xml[:start] if start >= 0 else b""
    cols = []
    if b"<col" in head or b":col" in head:
        for m in _XML_COL.finditer(head):
            attrs = m[1]
            lo, hi = _NUM[b"min"].search(attrs), _NUM[b"max"].search(attrs)
            if lo and (_HIDDEN.search(attrs) or _ZERO[b"width"].search(attrs)):
                cols.append((int(lo[1]) - 1, int((hi or lo)[1]) - 1))
    rows: list[tuple[int, int]] = []
    # One search of the bytes for most sheets (Excel marks a row dragged to no height hidden="1" too)
    if start < 0 or b"hidden" not in xml:
        return rows, cols
    for m in _HIDING.finditer(xml, start):
        tag = _XML_ROW.match(xml, xml.rfind(b"<", 0, m.start()))
        if tag is None:
            continue  # a cell's or another element's attribute
        number = _NUM[b"r"].search(tag[1])
        if number is None:
            return _rows_counted(xml, start), cols
        rows.append((int(number[1]) - 1, int(number[1]) - 1))
    return rows, cols


def _rows_counted(xml: bytes, start: int) -> list[tuple[int, int]]:
    """The hidden rows of a sheet some of whose rows have no r: every row looked at, counted from the one before."""
    rows, last = [], -1
    for m in _XML_ROW.finditer(xml, start):
        number = _NUM[b"r"].search(m[1])
        last = int(number[1]) - 1 if number else last + 1
        if _HIDDEN.search(m[1]) or _ZERO[b"ht"].search(m[1]):
            rows.append((last, last))
    return rows


def xls_hidden(book: Any, sheet: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The ranges of hidden rows and of hidden columns of the .xls sheet `sheet`, from xlrd's Book read with
    formatting_info."""
    ws = book.sheet_by_name(sheet)
    rows = [(r, r) for r, info in getattr(ws, "rowinfo_map", {}).items() if getattr(info, "hidden", 0)]
    cols = [(c, c) for c, info in getattr(ws, "colinfo_map", {}).items() if getattr(info, "hidden", 0)]
    return rows, cols


def hidden_lines(rows: list[list[Any]], hidden_rows: Iterable[tuple[int, int]],
                 hidden_cols: Iterable[tuple[int, int]]) -> tuple[frozenset[int], frozenset[int]]:
    """The hidden rows and columns, from their ranges, that lie within the sheet's cells `rows` (a range hiding
    every column right of the table, F:XFD, or every row below it is cut to the sheet's extent)."""
    width = max(map(len, rows), default=0)
    return (frozenset(r for lo, hi in hidden_rows for r in range(max(lo, 0), min(hi, len(rows) - 1) + 1)),
            frozenset(c for lo, hi in hidden_cols for c in range(max(lo, 0), min(hi, width - 1) + 1)))


def _filled(value: Any) -> bool:
    return is_number(value) or (isinstance(value, str) and value.strip() != "")


def _runs(numbers: Iterable[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for n in sorted(numbers):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def set_aside(path: Path, sheet: Any, index: FieldIndex) -> list[Problem]:
    """Blank, in place, the hidden rows and columns of `sheet` (a visible files.Sheet) and return a note for each
    that held something: a hidden row labelled with a statistic of the framework in a note of its own at the label's
    cell (field_id set), the other hidden rows and the hidden columns in a note for each run of them at its first
    filled cell, saying what they hold. The top-left cell of a merged range that reaches a visible cell is kept: Excel
    shows its value over the visible part."""
    if not sheet.hidden_rows and not sheet.hidden_cols:
        return []
    rows = sheet.rows
    shown = {(r0, c0) for (r0, c0), (r1, c1) in sheet.merged
             if any(r not in sheet.hidden_rows for r in range(r0, r1 + 1))
             and any(c not in sheet.hidden_cols for c in range(c0, c1 + 1))}
    notes: list[Problem] = []
    hint = msg("unhide it in Excel if it belongs to the report (select the rows or columns on both sides, right-click › "
               "Unhide), or read hidden rows and columns with --hidden-sheets (an option of scorer ingest, score and "
               "report)")
    labelled: set[int] = set()
    for r in sorted(sheet.hidden_rows):
        for c, v in enumerate(rows[r]):
            if v.__class__ is str and (hit := index.match(v)):
                notes.append(Problem(msg("row {row} is hidden and was not read, though it is labelled 「{label}」 "
                                         "({field})", row=r + 1, label=v.strip(), field=hit[0]),
                                     Location(file=path, sheet=sheet.name, cell=a1(r, c)), hint, "note",
                                     code=HIDDEN_CELLS, field_id=hit[0]))
                labelled.add(r)
                break
    units_only = {c for c in sheet.hidden_cols if _units_only([rows[r][c] for r in range(len(rows))
                                                              if c < len(rows[r]) and r not in sheet.hidden_rows])}
    for c in sorted(units_only):
        held = list(dict.fromkeys(str(rows[r][c]).strip() for r in range(len(rows))
                                  if c < len(rows[r]) and _filled(rows[r][c])))
        first = next(r for r in range(len(rows)) if c < len(rows[r]) and _filled(rows[r][c]))
        notes.append(Problem(msg("column {col} is hidden but read: it holds only units ({held}), and a unit cannot be "
                                 "out of date as a hidden figure can", col=a1(0, c)[:-1],
                                 held="、".join(f"「{t}」" for t in held[:4]) + (" …" if len(held) > 4 else "")),
                             Location(file=path, sheet=sheet.name, cell=a1(first, c)), None, "note",
                             code=HIDDEN_CELLS))
    for runs, kind in ((_runs(r for r in sheet.hidden_rows if r not in labelled), "rows"),
                       (_runs(c for c in sheet.hidden_cols if c not in units_only), "columns")):
        for lo, hi in runs:
            cells = ([(r, c) for r in range(lo, hi + 1) for c in range(len(rows[r]))] if kind == "rows" else
                     [(r, c) for r in range(len(rows)) for c in range(lo, min(hi + 1, len(rows[r])))])
            filled = [(r, c) for r, c in cells if _filled(rows[r][c]) and (r, c) not in shown]
            if not filled:
                continue
            notes.append(Problem(_what(kind, lo, hi, [rows[r][c] for r, c in filled]),
                                 Location(file=path, sheet=sheet.name, cell=a1(*filled[0])), hint, "note",
                                 code=HIDDEN_CELLS))
    for r in sheet.hidden_rows:
        rows[r] = ["" if (r, c) not in shown else v for c, v in enumerate(rows[r])]
    for c in sheet.hidden_cols - units_only:
        for r, row in enumerate(rows):
            if c < len(row) and (r, c) not in shown:
                row[c] = ""
    return notes


def _units_only(values: list[Any]) -> bool:
    """Whether a column's cells hold units and nothing else (a 计量单位 header, 万元, 亿元, 家 …; blanks and — allowed):
    an office hides such a helper column for printing (bt10g F8: a hidden 计量单位 column made every amount 'no unit
    given', 21 warnings with the cause last). Two units at least, no number."""
    filled = [v for v in values if _filled(v)]
    if not filled or any(not isinstance(v, str) for v in filled):
        return False
    texts = [v.strip() for v in filled]
    said = [t for t in texts if classify_header(t) != "unit" and t not in MISSING_MARKS]
    return len(said) >= 2 and all(units.dimension(units.normalise_unit(t)) is not None for t in said)


def _what(kind: str, lo: int, hi: int, values: list[Any]) -> Text:
    texts = list(dict.fromkeys(v.strip() for v in values if isinstance(v, str)))
    numbers = sum(1 for v in values if is_number(v))
    held = "、".join(f"「{t}」" for t in texts[:3]) + (" …" if len(texts) > 3 else "")
    if numbers:
        count = msg("{n:# number|# numbers}", n=numbers) if numbers > 1 else msg("one number")
        held = count if not held else both(held + ", ", held + "，") + count
    first, last = (str(lo + 1), str(hi + 1)) if kind == "rows" else (a1(0, lo)[:-1], a1(0, hi)[:-1])
    span = "–".join((first, last))
    if kind == "rows":
        return (msg("row {row} is hidden and was not read; it holds {held}", row=first, held=held) if lo == hi else
                msg("rows {rows} are hidden and were not read; they hold {held}", rows=span, held=held))
    return (msg("column {col} is hidden and was not read; it holds {held}", col=first, held=held) if lo == hi else
            msg("columns {cols} are hidden and were not read; they hold {held}", cols=span, held=held))


def said_hidden(hidden: dict[tuple[str, str], tuple[frozenset[int], frozenset[int]]],
                problems: list[Problem]) -> list[Problem]:
    """`problems`, each said at a cell in a hidden row or column (read with --hidden-sheets, or a stray cell found
    as the file was opened) saying so in its message, once: the user looking for the cell in Excel finds it only
    once shown. The others as they are. `hidden`: {(file, sheet): (hidden rows, hidden columns)}, 0-based."""
    if not hidden:
        return problems
    out = []
    for p in problems:
        lines = hidden.get((str(p.location.file), p.location.sheet)) if p.location.cell else None
        where = _where_hidden(*lines, p.location.cell) if lines is not None else None
        if where is None or p.code == HIDDEN_CELLS or str(where) in p.message:
            out.append(p)
            continue
        message = both(p.message, p.message_zh or p.message) + where
        out.append(replace(p, message=message, message_zh=message.zh))
    return out


def _where_hidden(rows: frozenset[int], cols: frozenset[int], cell: str) -> Text | None:
    try:
        r, c = from_a1(cell.split(":")[0])
    except (TypeError, AttributeError):
        return None
    if r in rows:
        return msg(" (cell {cell} is in the hidden row {row}: select the rows on both sides, right-click › Unhide to "
                   "see it)", cell=cell, row=r + 1)
    if c in cols:
        return msg(" (cell {cell} is in the hidden column {col}: select the columns on both sides, right-click › "
                   "Unhide to see it)", cell=cell, col=a1(0, c)[:-1])
    return None
