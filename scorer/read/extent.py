"""A sheet's used extent, found from the cells present before python-calamine materialises the sheet,
and the stray far-away cells that would blow it up.

calamine builds the whole rectangle from A1 to a sheet's last cell: one value in XFD1048576 of an
.xlsx asks for 1.7e10 cells (the process aborts, exit 134, a Rust backtrace), IV65536 of an .xls for
1.7e7 (over a GB and seconds per sheet, kept for every such sheet), and an .ods far cell for up to
its 1e8-cell limit (then an open error that names nothing). The extent is therefore read from the
cells actually in the file, never from its own account of it (<dimension> in an .xlsx, DIMENSIONS in
an .xls), which may say anything either way:

- .xlsx/.xlsm: a look at the first bytes of every r attribute's value (numpy, all at once) for a
  reference past column Z or row 99 999 bounds the extent, when every cell has an r attribute (byte
  counts tell); only a sheet that may span more than MAX_CELLS, or has cells without r (placed after
  the previous one), is looked at cell by cell, and its stray cells are cut out of the XML (a warning
  names them). If what is left still spans more than MAX_CELLS, the workbook is refused naming them.
- .xls: xlrd's reading of the file (ragged rows: a far cell costs one short row) gives every cell's
  place; a sheet with stray cells is refused, naming the first (calamine reads an .xls whole when it
  opens it, and cannot be handed the file without them).
- .ods: content.xml walked once with its repeat counts; stray cells refused likewise. The walk also
  notes which cells show percentages (office:value-type="percentage", or a number shown through a
  percentage section of its format: `ods_styles`) and error values, which calamine drops (a
  percentage reads as its fraction, an error as a blank).

Stray cells are those beyond a gap of ROW_GAP rows or COL_GAP columns from the largest group of cells.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg
from scorer.read.text import a1, from_a1

MAX_CELLS = 3_000_000  # a sheet spanning more than this (from A1) is looked at cell by cell
ROW_GAP, COL_GAP = 1_000, 100  # empty rows / columns that part a stray cell from the tables
# In a sheet read whole (loaded_strays) a note a thousand or two rows below the table, （完）, is left where it is.
LOADED_ROW_GAP = 5_000


# ------------------------------------------------------------------------------------------- .xlsx
_X = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix (x:c in files written by .NET)
_R = rb"\sr\s*=\s*[\"']"  # an r attribute, in either quotes, as XML allows


# The sheets of a workbook up to this size (their XML together) are looked at with bytes methods
# (`_may_be_large_bytes`), without numpy: its import (~0.1-0.2 s) is most of what reading a small workbook costs
# (issue 17); larger ones with numpy's arrays, three times faster per byte.
BYTES_WITHOUT_NUMPY = 2 << 20


def _may_be_large(xml: bytes, arrays: bool) -> bool:
    """False when the r attributes in a sheet's <sheetData> bound its extent to at most MAX_CELLS (every
    cell has one): `_may_be_large_arrays` when `arrays` or numpy is loaded already, else `_may_be_large_bytes`
    (the same answer)."""
    if arrays or "numpy" in sys.modules:
        return _may_be_large_arrays(xml)
    return _may_be_large_bytes(xml)


# The bytes as `_may_be_large_bytes` looks at them: an ASCII letter 'a' (an 'r' kept, to find r= before a value),
# a digit '0', either quote '"', a byte up to 0x20 (whitespace, control) ' '; `_ANY_LETTER` then makes the 'r' 'a'.
_SHAPES = bytes(ord("r") if b == ord("r") else ord("a") if chr(b).isascii() and chr(b).isalpha()
                else ord("0") if 0x30 <= b <= 0x39 else ord('"') if b == ord("'") else ord(" ") if b <= 0x20 else b
                for b in range(256))
_ANY_LETTER = bytes(range(256)).replace(b"r", b"a")
_KEPT = (b'r="', b' ="', b' "')  # the quotes `_may_be_large_arrays` keeps: after r=, after whitespace and =, after whitespace


def _may_be_large_bytes(xml: bytes) -> bool:
    """`_may_be_large_arrays`'s answer from bytes methods alone (translate, count, find): the same quotes kept,
    the same first letters counted against the <c tags, the same reference shapes looked for (a test holds the
    two to the same answer on generated sheets)."""
    start, end = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    if start < 0 or end <= start:
        return False  # no cells
    shapes = xml[start:end].translate(_SHAPES)
    lettered = sum(shapes.count(k + b"a") + shapes.count(k + b"r") for k in _KEPT)
    if xml[start - 1:start] == b":" or xml.count(b"<c", start, end) != lettered:
        return True
    plain = shapes.translate(_ANY_LETTER)

    def kept(at: int) -> bool:  # the quote at `at` is one counted above
        return shapes[at - 1:at] == b" " or (shapes[at - 1:at] == b"=" and shapes[at - 2:at - 1] in (b"r", b" "))

    def found(wanted: list[bytes]) -> bool:
        for shape in wanted:
            at = plain.find(shape)
            while at >= 0:
                if kept(at):
                    return True
                at = plain.find(shape, at + 1)
        return False

    def reference(min_letters: int) -> bool:  # min_letters to 7 letters, then a digit
        if plain.find(b'"' + b"a" * min_letters) < 0:
            return False  # one look for what every such value begins with, not one per length
        return found([b'"' + b"a" * k + b"0" for k in range(min_letters, 8)])

    def row_number(n: int, max_letters: int) -> bool:  # up to max_letters letters, then n digits
        return found([b'"' + b"a" * k + b"0" * n for k in range(max_letters + 1)])

    if not reference(2) and not row_number(6, 1):
        return False  # ≤ 26 columns × 99 999 rows
    return reference(3) or row_number(4, 2)  # else ≤ 702 columns × 999 rows


def _may_be_large_arrays(xml: bytes) -> bool:
    """False when the r attributes in a sheet's <sheetData> bound its extent to at most MAX_CELLS (every
    cell has one).

    Every quoted value after 'r=' is looked at, and every one after a space (r = "A1", in either quotes:
    XML allows both, and calamine reads them, as it reads xfd1048576 and XFD01048576): none a reference
    past column Z or row 99 999 → at most 26 × 99 999 cells; none past column ZZ or row 999 → at most
    702 × 999. A reference is letters followed by a digit; text that looks like one only costs the
    exact scan. (numpy looks at the bytes around every quote at once: a regex over every value costs as
    much as calamine's whole read.)
    """
    import numpy as np

    start, end = xml.find(b"sheetData"), xml.rfind(b"sheetData")  # the first and last: the span holds it all
    if start < 0 or end <= start:
        return False  # no cells
    raw = np.frombuffer(xml, np.uint8)  # a quote + 8 stays inside: the span ends 9 bytes before the end
    quotes = np.flatnonzero(raw[start:end] == 0x22)
    if xml.find(b"'", start, end) >= 0:
        quotes = np.union1d(quotes, np.flatnonzero(raw[start:end] == 0x27))
    quotes += start
    # Only the values of r attributes: after 'r=', or after a space (r = "A1"; rare, and then looked at)
    before, before2 = raw[quotes - 1], raw[quotes - 2]
    keep = ((before == 0x3D) & ((before2 == 0x72) | (before2 <= 0x20))) | (before <= 0x20)
    quotes = quotes[keep] + 1  # the first byte of each value
    first = raw[quotes]
    letter, digit = [((first | 0x20) - 0x61) < 26], [(first - 0x30) < 10]
    # A cell written without an r attribute takes the place after the previous one: a row numbered
    # 99 999 followed by 16 384 of them spans 1.6e9 cells. Unless every cell has an r value (the values
    # starting with a letter; any other tag starting '<c' inside <sheetData>, such as <color> in rich
    # text, or a prefix (x:c, as .NET writes), only costs the exact look), the sheet is looked at.
    if xml[start - 1:start] == b":" or xml.count(b"<c", start, end) != np.count_nonzero(letter[0]):
        return True

    def look(k: int) -> None:  # classify the bytes of every kept value up to its k-th
        while len(digit) <= k:
            b = raw[quotes + len(digit)]
            letter.append(((b | 0x20) - 0x61) < 26)
            digit.append((b - 0x30) < 10)

    def letters(k: int) -> Any:  # the value begins with k letters
        look(k)
        return np.logical_and.reduce(letter[:k]) if k else np.True_

    def reference(min_letters: int) -> bool:  # a reference with at least min_letters letters (up to 7 looked at)
        look(7)
        run = letters(min_letters)
        for k in range(min_letters, 8):
            if (run & digit[k]).any():
                return True
            run = run & letter[k]
        return False

    def row_number(n: int, max_letters: int) -> bool:  # a row number of at least n digits after ≤ max_letters letters
        look(max_letters + n)
        return any((letters(k) & np.logical_and.reduce(digit[k:k + n])).any() for k in range(max_letters + 1))

    if not reference(2) and not row_number(6, 1):
        return False  # ≤ 26 columns × 99 999 rows
    return reference(3) or row_number(4, 2)  # else ≤ 702 columns × 999 rows


def xlsx_without_strays(data: bytes, parts: dict[str, str], path: Path | None = None,
                        inflated: dict[str, bytes] | None = None,
                        filled: dict[str, list[tuple[int, int, int]]] | None = None,
                        ) -> tuple[bytes, dict[str, list[tuple[int, int]]]]:
    """The .xlsx with the cells far away from the rest of their sheet cut out, and those cells by sheet.

    `parts`: {sheet name: zip member of its XML}. A sheet whose extent, from the rows and cells present,
    may exceed MAX_CELLS is looked at cell by cell (`_sheet_cells`, which places a cell written without
    an r attribute where calamine does: after the previous cell of its row, in the row after the
    previous one unless the row says its number); its strays are removed from the XML. ScorerError
    (naming `path`, the sheet and the far cells) when what is left still spans more than MAX_CELLS: the
    largest group of cells is itself far away (thousands of cells in row 1048576, a table near A1).
    `inflated`: {zip member: its bytes} already inflated (scorer.archives.check_inflation), not inflated again.
    `filled`: filled with {sheet: [(column, first row, last row)]} of the columns filled down far below the tables
    (a formula dragged to row 1 048 576), cut out too and said apart from stray cells (`filled_warning`, bt10f F9).
    """
    inflated = inflated or {}
    z = zipfile.ZipFile(io.BytesIO(data))
    found: dict[str, list[tuple[int, int]]] = {}
    rewritten: dict[str, bytes] = {}
    sizes = {i.filename: i.file_size for i in z.infolist()}  # as inflated: scorer.archives checked them
    arrays = sum(sizes.get(part, 0) for part in parts.values()) > BYTES_WITHOUT_NUMPY
    for name, part in parts.items():
        try:
            xml = inflated[part] if part in inflated else z.read(part)
        except KeyError:
            continue
        if not _may_be_large(xml, arrays):
            continue
        cells = _sheet_cells(xml)
        last_row = max((r for r, _, _ in cells), default=0)
        last_col = max((c for _, c, _ in cells), default=0)
        if (last_row + 1) * (last_col + 1) <= MAX_CELLS:
            continue
        # A cell with a style and no value (<c r="XFD1048576" s="1"/>, left by formatting a whole range) beyond the
        # cells that hold one is cut out without a word: nothing of the report is left out (bt10f F0)
        valued = [(r, c, at) for r, c, at in cells if _VALUE.search(xml, at[0] + 2, at[1])]
        value_row = max((r for r, _, _ in valued), default=0)
        value_col = max((c for _, c, _ in valued), default=0)
        formatting = [(r, c) for r, c, at in cells if (r > value_row or c > value_col)
                      and not _VALUE.search(xml, at[0] + 2, at[1])]
        runs = _filled_down(valued)
        if runs and filled is not None:
            filled[name] = runs
        below = {(r, c) for c, first, last in runs for r in range(first, last + 1)}
        placed = [(r, c) for r, c, _ in valued if (r, c) not in below]
        value_row = max((r for r, _ in placed), default=0)
        value_col = max((c for _, c in placed), default=0)
        strays = stray_cells(placed) if (value_row + 1) * (value_col + 1) > MAX_CELLS else []
        kept = sorted(set(placed) - set(strays))
        if kept and (max(r for r, _ in kept) + 1) * (max(c for _, c in kept) + 1) > MAX_CELLS:
            far_row, far_col = max(r for r, _ in kept), max(c for _, c in kept)
            refuse_strays(path or Path("?"), ".xlsx", {name: [(r, c) for r, c in kept if r == far_row or c == far_col]})
        if not strays and not formatting and not below:
            continue
        if strays:
            found[name] = strays
        cut, out, at = set(strays) | set(formatting) | below, [], 0
        for r, c, (start, end) in cells:
            if (r, c) in cut:
                out.append(xml[at:start])
                at = end
        rewritten[part] = b"".join(out) + xml[at:]
    if not rewritten:
        return data, {}
    out_file = io.BytesIO()
    with zipfile.ZipFile(out_file, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in z.infolist():
            dst.writestr(item, rewritten.get(item.filename) or z.read(item.filename))
    return out_file.getvalue(), found


def _filled_down(cells: list[tuple[int, int, Any]]) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of each column whose cells run unbroken for ROW_GAP rows or more and end ROW_GAP
    rows or more below every other column's last cell: a column filled down (a formula dragged to the sheet's bottom),
    from the row below the other columns' last. Not a stray cell: one run of its own."""
    rows: dict[int, list[int]] = {}
    for r, c, _ in cells:
        rows.setdefault(c, []).append(r)
    last = {c: max(rs) for c, rs in rows.items()}
    out = []
    for c, rs in rows.items():
        others = max((v for k, v in last.items() if k != c), default=-1)
        if last[c] - others < ROW_GAP:
            continue
        rs.sort()
        i = len(rs) - 1
        while i > 0 and rs[i - 1] == rs[i] - 1:
            i -= 1
        if rs[-1] - rs[i] + 1 >= ROW_GAP:
            out.append((c, max(rs[i], others + 1), rs[-1]))
    return sorted(out)


def filled_warning(path: Path, sheet: str, runs: list[tuple[int, int, int]], rows: list[list[Any]]) -> list[Problem]:
    """The warning for the columns filled down far below the tables and cut out of a sheet, naming their ranges."""
    if not runs:
        return []
    end = a1(len(rows) - 1, max((len(r) for r in rows), default=1) - 1) if rows else "A1"
    ranges = ", ".join(f"{a1(first, c)}:{a1(last, c)}" for c, first, last in runs[:4]) + (" …" if len(runs) > 4 else "")
    return [Problem(msg("cells filled down far below the tables were left out ({ranges}); the sheet's other cells end "
                        "at {end}", ranges=ranges, end=end),
                    Location(file=path, sheet=sheet, cell=a1(runs[0][1], runs[0][0])),
                    msg("clear them if they hold nothing of the report (select the first, Ctrl+Shift+↓, Delete), and save"),
                    "warning")]


_VALUE = re.compile(rb"<" + _X + rb"(?:v|is|f)\b")  # a cell's value, inline string or formula inside its element
_XML_TAG = re.compile(rb"<(" + _X + rb")(row|c)\b([^>]*?)(/?)>")
_XML_R = re.compile(_R + rb"([A-Za-z]*)0*(\d+)[\"']")


def _sheet_cells(xml: bytes) -> list[tuple[int, int, tuple[int, int]]]:
    """Every cell of a sheet's XML as (row, column, (start, end) of its element), 0-based, placed as
    calamine places it: by its r attribute (xfd1048576 and XFD01048576 too), else after the previous
    cell of its row; a row without r follows the previous row."""
    start, stop = xml.find(b"sheetData"), xml.rfind(b"sheetData")
    cells: list[tuple[int, int, tuple[int, int]]] = []
    row, col = -1, -1
    if start < 0 or stop <= start:
        return cells
    for m in _XML_TAG.finditer(xml, start, stop):
        prefix, tag, attrs, closed = m.groups()
        ref = _XML_R.search(attrs)
        if tag == b"row":
            row, col = (int(ref[2]) - 1 if ref else row + 1), -1
            continue
        if ref and ref[1]:
            r, col = int(ref[2]) - 1, from_a1(ref[1].decode().upper() + "1")[1]
        else:
            r, col = row, col + 1
        if closed:
            end = m.end()
        else:
            close = xml.find(b"</" + prefix + b"c>", m.end())
            end = close + len(prefix) + 4 if close >= 0 else m.end()
        cells.append((r, col, (m.start(), end)))
    return cells


def stray_cells(cells: list[tuple[int, int]], row_gap: int = ROW_GAP) -> list[tuple[int, int]]:
    """The (row, column) cells outside the largest block: beyond `row_gap` empty rows or COL_GAP empty columns."""
    keep_rows = _largest_group([r for r, _ in cells], row_gap)
    keep_cols = _largest_group([c for r, c in cells if keep_rows[0] <= r <= keep_rows[1]], COL_GAP)
    return sorted((r, c) for r, c in cells
                  if not (keep_rows[0] <= r <= keep_rows[1] and keep_cols[0] <= c <= keep_cols[1]))


def _largest_group(positions: list[int], gap: int) -> tuple[int, int]:
    """(first, last) of the group of positions holding the most cells, groups parted by more than `gap`."""
    if not positions:
        return 0, -1
    ordered = sorted(positions)
    best, start, count, best_count = (ordered[0], ordered[0]), ordered[0], 0, -1
    for i, p in enumerate(ordered):
        if i and p - ordered[i - 1] > gap:
            if count > best_count:
                best, best_count = (start, ordered[i - 1]), count
            start, count = p, 0
        count += 1
    if count > best_count:
        best = (start, ordered[-1])
    return best


def _filled(row: list[Any]) -> bool:
    return row.count("") + row.count(None) < len(row)


def loaded_strays(rows: list[list[Any]]) -> tuple[list[list[Any]], list[tuple[int, int]]]:
    """A sheet's rows as read with the cells far from the rest left out, and those cells (row, column).

    For a sheet small enough to be read whole (XFD5, Z30000, A60001, an .xls's IV5: within MAX_CELLS)
    whose stray cells were therefore not cut out before reading: beyond LOADED_ROW_GAP empty rows or
    COL_GAP empty columns from the largest block. Only a sheet taller or wider than that can hold one;
    the rows are then trimmed to the cells kept.
    """
    height, width = len(rows), max(map(len, rows), default=0)
    if height <= LOADED_ROW_GAP + 1 and width <= COL_GAP + 1:
        return rows, []
    used = [r for r, row in enumerate(rows) if _filled(row)]
    if width <= COL_GAP + 1:
        first, last = _largest_group(used, LOADED_ROW_GAP)
        strays = [(r, c) for r in used if not first <= r <= last for c, v in enumerate(rows[r]) if v not in ("", None)]
    else:
        strays = stray_cells([(r, c) for r in used for c, v in enumerate(rows[r]) if v not in ("", None)],
                             LOADED_ROW_GAP)
    strays = [rc for rc in strays if rc[1] not in _numbering_columns(rows, strays)]
    if not strays or _a_table(rows, strays):
        return rows, []
    far = set(strays)
    kept = [[("" if (r, c) in far else v) for c, v in enumerate(row)] if r in {x for x, _ in strays} else row
            for r, row in enumerate(rows)]
    last_row = max((r for r, row in enumerate(kept) if _filled(row)), default=-1)
    last_col = max((max((c for c, v in enumerate(row) if v not in ("", None)), default=-1) for row in kept[:last_row + 1]),
                   default=-1)
    return [row[:last_col + 1] for row in kept[:last_row + 1]], strays


def _a_table(rows: list[list[Any]], cells: list[tuple[int, int]]) -> bool:
    """Whether the cells far from the largest block make a table of their own: labels and figures over two rows or
    more (bt10g F9: a city's table 10 000 rows below the zone's, 全市地区生产总值 …, was cut out as 'a stray cell' and
    its statistics then said to be in no workbook). The sheet is read whole already: reading it costs nothing more."""
    figures = sum(1 for r, c in cells if _figure(rows[r][c]))  # a CSV's figures are text
    return len({r for r, _ in cells}) >= 2 and 0 < figures < len(cells)


def _figure(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    try:
        float(str(value).replace(",", "").strip())
    except ValueError:
        return False
    return True


def _numbering_columns(rows: list[list[Any]], cells: list[tuple[int, int]]) -> set[int]:
    """The columns among `cells` that hold row numbers (1, 2, 3 … down the rows, three or more, under at most a
    heading such as 序号): a 序号 column pasted far to the right is part of the table's rows, no stray."""
    by_col: dict[int, list[tuple[int, Any]]] = {}
    for r, c in sorted(cells):
        by_col.setdefault(c, []).append((r, rows[r][c]))
    out = set()
    for c, found in by_col.items():
        numbers = [v for _, v in found if isinstance(v, (int, float)) and not isinstance(v, bool)]
        texts = [v for _, v in found if isinstance(v, str)]
        if (len(numbers) >= 3 and len(texts) <= 1 and len(numbers) + len(texts) == len(found)
                and all(b - a == 1 for a, b in zip(numbers, numbers[1:]))):
            out.add(c)
    return out


def stray_warning(path: Path, sheet: str, strays: list[tuple[int, int]], rows: list[list[Any]]) -> list[Problem]:
    """The warning for the stray cells cut out of a sheet (an .xlsx, or a CSV), naming the first and where the rest
    ends; the hint says how to find the cell in the program the file is edited with (a CSV's line and place)."""
    if not strays:
        return []
    end = a1(len(rows) - 1, max((len(r) for r in rows), default=1) - 1) if rows else "A1"
    r, c = strays[0]
    hint = (msg("delete that value (line {line}, field {field} of the CSV) if it holds nothing of the report, and save",
                line=r + 1, field=c + 1) if path.suffix.lower() == ".csv"
            else msg("delete that cell (Ctrl+End in Excel goes to it) if it holds nothing of the report, and save"))
    return [Problem(msg("a stray cell far away from the tables was left out{others}; the sheet's other cells end at {end}",
                        others=_more(strays), end=end),
                    Location(file=path, sheet=sheet, cell=a1(*strays[0])), hint, "warning")]


def refuse_strays(path: Path, kind: str, strays: dict[str, list[tuple[int, int]]],
                  hidden: frozenset[str] = frozenset()) -> None:
    """Raise ScorerError naming every sheet's first stray cell (an .xls or .ods cannot be read around it).

    `hidden`: the sheets the user cannot see (their hint says how to show them: a hidden sheet is skipped
    when read, but an .xls is read whole as it opens, hidden sheets too)."""
    if not strays:
        return

    def hint(sheet: str):
        if kind == ".xlsx":
            return msg("delete those cells (Ctrl+End in Excel goes to the last) if they hold nothing of the report, and save")
        if sheet in hidden:
            return msg("the sheet is hidden (right-click a sheet tab › Unhide shows it): delete the cell there, or the "
                       "sheet if it holds an old table, and save; or save the workbook as .xlsx (read without the stray "
                       "cell, with a warning)")
        if kind == ".ods":  # LibreOffice's own file: its Calc goes to the last cell with Ctrl+End too (bt10f F18)
            return msg("delete that cell (Ctrl+End in LibreOffice Calc goes to it) if it holds nothing of the report, and "
                       "save it, or save the workbook as .xlsx (read without the stray cell, with a warning)")
        return msg("delete that cell (Ctrl+End in Excel goes to it) if it holds nothing of the report, and save it, or "
                   "save the workbook as .xlsx (read without the stray cell, with a warning)")

    raise ScorerError([_block(path, kind, sheet, cells) or Problem(
        msg("a stray cell far away from the tables{others}: the {kind} cannot be read without reading every empty "
            "cell up to it", others=_more(cells), kind=kind), Location(file=path, sheet=sheet, cell=a1(*cells[0])),
        hint(sheet)) for sheet, cells in strays.items()])


def _block(path: Path, kind: str, sheet: str, cells: list[tuple[int, int]]) -> Problem | None:
    """The refusal of a block of cells written once and repeated (an .ods's number-rows-repeated of a repeated cell):
    the far cells found are three or four corners of one rectangle, named as the block they bound, not as three stray
    cells (i10g's leftover: a 100 000 × 1 000 block of zeros under the table was 'a stray cell (and 2 more)')."""
    if not 3 <= len(cells) <= 4:
        return None
    r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
    c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
    corners = {(r0, c0), (r0, c1), (r1, c0), (r1, c1)}
    if r1 == r0 or c1 == c0 or len(corners & set(cells)) < 3:
        return None
    return Problem(msg("a block of {rows:,} rows × {cols:,} columns ({first}:{last}) holds values far beyond the tables: "
                       "the {kind} cannot be read without reading every cell of it", rows=r1 - r0 + 1, cols=c1 - c0 + 1,
                       first=a1(r0, c0), last=a1(r1, c1), kind=kind),
                   Location(file=path, sheet=sheet, cell=a1(r0, c0)),
                   msg("select those rows (click row {row}'s number, then Ctrl+Shift+End) and delete them if they hold "
                       "nothing of the report, and save; or save the workbook as .xlsx", row=r0 + 1))


def _more(strays: list[tuple[int, int]]):
    if len(strays) < 2:
        return both("", "")
    return msg(" (and {n} more: {cells})", n=len(strays) - 1,
               cells=", ".join(a1(*rc) for rc in strays[1:4]) + (", …" if len(strays) > 4 else ""))


# -------------------------------------------------------------------------------------------- .xls
def xls_strays(book: Any) -> dict[str, list[tuple[int, int]]]:
    """{sheet: stray cells} of an xlrd Book opened with ragged_rows=True and formatting_info=True.

    Cells are those calamine keeps: blank (formatted, empty) cells are not, as calamine drops them.
    """
    import xlrd

    empty = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
    found = {}
    for i in range(book.nsheets):
        ws = book.sheet_by_index(i)
        if ws.nrows * ws.ncols <= MAX_CELLS:
            continue
        cells = [(r, c) for r in range(ws.nrows) for c, t in enumerate(ws.row_types(r)) if t not in empty]
        last_row, last_col = max((r for r, _ in cells), default=0), max((c for _, c in cells), default=0)
        if (last_row + 1) * (last_col + 1) > MAX_CELLS and (strays := stray_cells(cells)):
            found[ws.name] = strays
    return found


# -------------------------------------------------------------------------------------------- .ods
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"


@dataclass
class OdsCells:
    """What calamine drops from an .ods, by sheet: stray cells; and the blocks of percentage cells and of
    error values (a formula that failed, or one never calculated), as (first row, last row, first column,
    last column) with the error's text: a repeated cell (table:number-columns-repeated) is one block."""
    strays: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    percent: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)
    years: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)  # dates shown by the year alone
    errors: dict[str, list[tuple[int, int, int, int, str]]] = field(default_factory=dict)
    # rows and columns hidden (table:visibility collapse, or filter: an AutoFilter's), as (first, last)
    hidden_rows: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    hidden_cols: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def is_percent(self, sheet: str, r: int, c: int) -> bool:
        return any(r0 <= r <= r1 and c0 <= c <= c1 for r0, r1, c0, c1 in self.percent.get(sheet, ()))

    def error(self, sheet: str, r: int, c: int) -> str | None:
        return next((e for r0, r1, c0, c1, e in self.errors.get(sheet, ()) if r0 <= r <= r1 and c0 <= c <= c1), None)


def _column_style(columns: list[tuple[int, str]], c: int) -> str:
    """The default cell style of column `c` (0-based) from a sheet's table:table-column entries."""
    style = ""
    for first, name in columns:
        if first > c:
            break
        style = name
    return style


def ods_cells(data: bytes) -> OdsCells:
    """Walk an .ods's content.xml once, counting rows and columns with their repeats (table:number-rows-
    repeated, table:number-columns-repeated), as calamine places them; a cell counts when it holds a value
    (office:value-type) or text. Error values are LibreOffice's (calcext:value-type="error"; ODF itself
    has none); a formula without office:value-type was never calculated."""
    from xml.etree.ElementTree import iterparse

    from scorer.read.ods_styles import OdsStyles

    row_tag, table_tag = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table"
    column_tag, style_at = f"{{{_TABLE}}}table-column", f"{{{_TABLE}}}style-name"
    default_at, value_at = f"{{{_TABLE}}}default-cell-style-name", f"{{{_OFFICE}}}value"
    cell_tags = {f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"}
    rows_rep, cols_rep = f"{{{_TABLE}}}number-rows-repeated", f"{{{_TABLE}}}number-columns-repeated"
    value_type, name_attr, formula = f"{{{_OFFICE}}}value-type", f"{{{_TABLE}}}name", f"{{{_TABLE}}}formula"
    calc_type = f"{{{_CALCEXT}}}value-type"
    visibility = f"{{{_TABLE}}}visibility"
    out = OdsCells()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = OdsStyles(z)
    with zipfile.ZipFile(io.BytesIO(data)) as z, z.open("content.xml") as f:
        sheet, r, c, row_repeat, depth = "", 0, 0, 1, 0
        columns: list[tuple[int, str]] = []  # (first column, default cell style) of each table:table-column
        column_count, row_style = 0, ""
        cells: list[tuple[int, int]] = []
        for event, el in iterparse(f, events=("start", "end")):
            tag = el.tag
            if event == "start":
                if tag == table_tag:
                    depth += 1
                    if depth == 1:
                        sheet, r, cells = el.get(name_attr, ""), 0, []
                        out.percent[sheet], out.errors[sheet] = [], []
                        columns, column_count = [], 0
                elif tag == column_tag and depth == 1:
                    columns.append((column_count, el.get(default_at, "")))
                    repeat = int(el.get(cols_rep, "1") or 1)
                    if el.get(visibility, "visible") != "visible":
                        out.hidden_cols.setdefault(sheet, []).append((column_count, column_count + repeat - 1))
                    column_count += repeat
                elif tag == row_tag and depth == 1:
                    c, row_repeat = 0, int(el.get(rows_rep, "1") or 1)
                    row_style = el.get(default_at, "")
                    if el.get(visibility, "visible") != "visible":
                        out.hidden_rows.setdefault(sheet, []).append((r, r + row_repeat - 1))
                continue
            if tag in cell_tags and depth == 1:
                repeat = int(el.get(cols_rep, "1") or 1)
                kind = el.get(value_type)
                if kind or len(el):
                    for dr in range(min(row_repeat, 2)):  # a repeated row of values: its first and last count
                        for dc in {0, repeat - 1}:
                            cells.append((r + (dr and row_repeat - 1), c + dc))
                block = (r, r + row_repeat - 1, c, c + repeat - 1)
                if kind == "percentage" or (kind == "float" and styles.shows_percent(
                        el.get(style_at) or row_style or _column_style(columns, c), float(el.get(value_at, "0")))):
                    out.percent[sheet].append(block)
                if kind == "date" and styles.shows_year_only(el.get(style_at) or row_style or _column_style(columns, c)):
                    out.years.setdefault(sheet, []).append(block)
                if el.get(calc_type) == "error":
                    out.errors[sheet].append((*block, f"error value {''.join(el.itertext()).strip() or '#ERROR'}"))
                elif kind is None and el.get(formula):
                    out.errors[sheet].append((*block, "a formula with no saved result (the file was written by a "
                                                      "program that does not calculate formulas)"))
                c += repeat
                el.clear()
            elif tag == row_tag and depth == 1:
                r += row_repeat
                el.clear()
            elif tag == table_tag:
                if depth == 1:
                    last_row = max((x for x, _ in cells), default=0)
                    last_col = max((y for _, y in cells), default=0)
                    if (last_row + 1) * (last_col + 1) > MAX_CELLS and (strays := stray_cells(cells)):
                        out.strays[sheet] = strays
                depth -= 1
                el.clear()
    return out
