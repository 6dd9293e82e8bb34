"""Sheets → tables: where the framework's row labels are, the header band above them (a multi-row
merged header read column by column), title rows, 单位 notes, and the period the workbook reports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field as _field
from pathlib import Path
from typing import Any, NamedTuple

from scorer import units
from scorer.errors import Location, Problem
from scorer.messages import Text, both, msg
from scorer.read.files import Sheet
from scorer.read.text import (PAREN_TAIL, UNIT_LIKE, VALUE_KINDS, YEAR_BAND, YEAR_ONLY, FieldIndex, a1, day_not_period,
                              classify_header, find_period, is_number, month_alone, months_named, months_said, period_text,
                              shift_period, single_quarter, written_month)


# ------------------------------------------------------------------------------- a sheet's layout
class _Grid:
    """A sheet's cells with merged ranges resolved: a merged cell reads as its top-left cell."""

    def __init__(self, sheet: Sheet):
        self.rows = sheet.rows
        self.width = max(map(len, sheet.rows), default=0)
        self._numbering: dict[int, bool] = {}
        self.anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}  # anchor → bottom-right
        for (r0, c0), (r1, c1) in sheet.merged:
            self.spans[(r0, c0)] = (r1, c1)
            if (r1 - r0 + 1) * (c1 - c0 + 1) > 10_000:
                continue  # a whole-sheet merge is formatting, not a header
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.anchor[(r, c)] = (r0, c0)

    def raw(self, r: int, c: int) -> Any:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return ""

    def numbering(self, j: int) -> bool:
        """Whether column `j` holds row numbers (序号, 行次): whole numbers going up by one down the rows, at
        least three, under nothing but a 序号-like heading. Such a column, wherever it stands (left of the
        labels, between the tables, at XFD), is neither data nor a reason to take a header row for a data row."""
        known = self._numbering.get(j)
        if known is None:
            last, known = None, True
            for row in self.rows:
                value = row[j] if j < len(row) else ""
                if value == "" or value is None:
                    continue
                if value.__class__ is str:
                    if last is None and _NUMBERING_HEAD.match(value.strip()):
                        continue
                    known = False
                elif not is_number(value) or not float(value).is_integer() or (last is not None and value != last + 1):
                    known = False
                if not known:
                    break
                last = value
            known = self._numbering[j] = known and last is not None and last - _first_number(self.rows, j) >= 2
        return known

    def number_at(self, r: int, j: int) -> bool:
        """A number in a cell that is data: not a date naming a month, not a row number (序号)."""
        value = self.raw(r, j)
        return is_number(value) and not self.numbering(j)

    def text(self, r: int, c: int, left_of: int = -1) -> str:
        """The text a cell shows; a merged cell whose top-left column is ≤ left_of (a title) reads as blank.

        A date that names a month (2022-06-01 shown as 2022年6月) reads as that month's text.
        """
        value = self.raw(r, c)
        if value == "" and (r, c) in self.anchor:
            ar, ac = self.anchor[(r, c)]
            value = "" if ac <= left_of else self.raw(ar, ac)
        if isinstance(value, str):
            return value.strip()
        return period_text(value) or ""


_NUMBERING_HEAD = re.compile(r"^(?:序号|序列号|行次|行号|编号|栏次|No\.?|NO\.?|#)$")


def _first_number(rows: list[list[Any]], j: int) -> float:
    return next(v for row in rows if j < len(row) and is_number(v := row[j]))


@dataclass
class Column:
    col: int
    kind: str  # current | prior | year_end | growth | month | unit | label | ignore | None
    text: str  # the header texts of the column, top to bottom, joined
    cell: str  # A1 of the lowest header cell naming it
    unit: str | None = None  # a unit in the header's parentheses: 1-6月累计（万元）
    # (text, cell) of each header cell over the column, top to bottom: a band merged over several columns
    # is named at its top-left cell, so a year or a month range it names can be refused there.
    parts: list[tuple[str, str]] = _field(default_factory=list)


@dataclass
class Table:
    label_col: int
    band: list[int]  # header rows, top to bottom
    columns: list[Column]
    note_unit: str | None
    note_cell: str | None
    # Every 单位 note that speaks for the table (above it, in its title, below it) as (unit, cell), when
    # they do not all say the same unit: its values in the note's unit are refused at those cells.
    note_conflict: list[tuple[str, str]] = _field(default_factory=list)
    stop: int = 0  # the column where the table ends (the next table's label column, or the sheet's edge)
    notes: list[tuple[str, str]] = _field(default_factory=list)  # the 单位 notes above it: (unit, cell)


@dataclass
class Row:
    r: int
    c: int
    field: str
    label_unit: str | None
    text: str
    table: Table | None


@dataclass
class Layout:
    sheet: Sheet
    rows: list[Row]
    title_cells: list[tuple[int, int, str]]
    texts: frozenset[str] = frozenset()  # the sheet's distinct text cells, collected once


_TITLE_SKIP = re.compile(r"^(?:注|说明|备注|资料来源|数据来源|填报|制表|报送|打印|审核|联系|单位负责人)|例如")


def _is_header_row(grid: _Grid, r: int, c: int, stop: int) -> bool:
    """A row naming value columns (累计, 上年同期, 同比…) to the right of a label column, and holding no numbers."""
    named = False
    for j in range(c + 1, stop):
        value = grid.raw(r, j)
        if value.__class__ is not str:
            if value == "" or value is None or (is_number(value) and grid.numbering(j)):
                continue  # a row number (序号) beside the header
            if not period_text(value):
                return False  # a number: a data row
            named = True  # a date naming a month heads a column of that period's values
            continue
        text = grid.text(r, j, left_of=c)
        if text and classify_header(text) in VALUE_KINDS:
            named = True
    return named


def _is_title_row(grid: _Grid, r: int, c: int, stop: int) -> bool:
    """A row that is a table's title or note rather than part of its header."""
    filled = [(j, v) for j in range(0, stop) if (v := grid.raw(r, j)) not in ("", None)
              and not (is_number(v) and grid.numbering(j))]  # a row number (序号) is neither title nor header
    if not filled:
        return True  # a blank row ends the header
    if any(not isinstance(v, str) and not period_text(v) for _, v in filled):
        return True
    texts = [str(v) for _, v in filled]
    if any(re.search(r"单位\s*[:：]", t) or _TITLE_SKIP.match(t.strip()) for t in texts):
        return True
    if len(filled) == 1:
        j = filled[0][0]
        span = grid.spans.get((r, j))
        return j <= c or (span is not None and span[1] >= stop - 1 and j <= c + 1)
    return False


def _header_band(grid: _Grid, h: int, c: int, stop: int, floor: int, hit_rows: set[int]) -> list[int]:
    band = [h]
    for b in range(h - 1, max(floor, h - 4) - 1, -1):
        if b in hit_rows or _is_title_row(grid, b, c, stop):
            break
        band.insert(0, b)
    return band


def _build_table(grid: _Grid, band: list[int], c: int, stop: int) -> Table:
    """Classify the columns right of label column `c` from the header rows in `band`."""
    h = band[-1]
    columns: list[Column] = []
    seen_value = False
    for j in range(c + 1, stop):
        texts, cell, parts = [], None, []
        for b in band:
            t = grid.text(b, j, left_of=c)
            source = a1(*grid.anchor.get((b, j), (b, j)))
            if t:
                cell = a1(b, j)  # the lowest cell that names the column itself
            elif b != h and (b, j) not in grid.anchor:
                t, source = _spanning_text(grid, b, j, c, band)
            if t:
                texts.append(t)
                if not parts or parts[-1][1] != source:
                    parts.append((t, source))
        if not texts:
            continue
        joined = "".join(texts)
        kind = _combine_kinds([classify_header(t) for t in texts], joined)
        if kind == "label" and seen_value:
            break  # the next table's label column, side by side with this one
        seen_value = seen_value or kind in VALUE_KINDS
        unit = None
        if kind in ("current", "prior", "year_end", None):
            for t in texts:
                m = PAREN_TAIL.search(unicodedata.normalize("NFKC", t))
                if m and m[1] != "%" and (units.is_known(m[1]) or UNIT_LIKE.match(m[1])):
                    unit = units.normalise_unit(m[1])
        columns.append(Column(j, kind, joined, cell or a1(h, j), unit, parts))
    table = Table(c, band, columns, None, None, stop=stop, notes=_unit_notes_above(grid, band[0], c, stop))
    _settle_notes(table, table.notes)
    return table


def _spanning_text(grid: _Grid, b: int, j: int, c: int, band: list[int]) -> tuple[str, str]:
    """The text of an unmerged header cell that spans to the right (centred across the columns below it), and its cell.

    A band cell written beside another over a value column of its own (本年 | 上年, 2022年 | 2021年, each
    over its 1-6月) heads its one column: the blank cell after them heads nothing (上年 is not over the
    同比增长 beside it, nor 2021年)."""
    if not any(grid.text(lower, j, left_of=c) for lower in band if lower > b):
        return "", ""
    for k in range(j - 1, c, -1):
        t = grid.text(b, k, left_of=c)
        if t:
            if classify_header(t) in ("unit", "label") or _own_band_cell(grid, b, k - 1, c, band):
                return "", ""
            return t, a1(b, k)
        if not any(grid.text(lower, k, left_of=c) for lower in band if lower > b):
            return "", ""
    return "", ""


def _own_band_cell(grid: _Grid, b: int, k: int, c: int, band: list[int]) -> bool:
    """Whether band cell (b, k) holds text of its own (not merged) over a value column's own header."""
    if k <= c or (b, k) in grid.anchor or (b, k) in grid.spans or not grid.text(b, k, left_of=c):
        return False
    return any((lower, k) not in grid.anchor and classify_header(grid.text(lower, k, left_of=c)) in VALUE_KINDS
               for lower in band if lower > b)


def _combine_kinds(kinds: list[str | None], joined: str) -> str | None:
    """One kind for a column from its header texts: what the whole says first (本月 + 同比 is the month's)."""
    whole = classify_header(joined)
    if whole in ("ignore", "month"):
        return whole
    for k in ("unit", "label", "ignore", "month", "growth", "year_end", "prior", "current"):
        if k in kinds:
            return k
    return whole


# 单位：万元, 金额单位：万元, 计量单位：万元, （单位：亿元） in a title; not 填报单位：某某开发区 (who reports, not in what).
_UNIT_NOTE = re.compile(r"(?<![报送表制统])单位\s*[:：]\s*([^\s,，;；、()（）\[\]【】]+)")
# A note that begins so belongs to the table above it (注：单位：亿元 under the table), never to the one below.
_FOOTNOTE = re.compile(r"^\s*(?:注|说明|备注|资料来源|数据来源)")
_NOTE_ROWS = 12  # how far above a table's header, or below its last labelled row, a 单位 note is looked for


def _notes_in_row(grid: _Grid, r: int, c: int, stop: int) -> list[tuple[str, str, bool]]:
    """The 单位 notes of row `r` between the label column's left neighbour and `stop`: (unit, cell, is a footnote)."""
    out = []
    row = grid.rows[r] if r < len(grid.rows) else []
    for j in range(max(0, c - 1), min(max(stop, c + 1), len(row))):
        value = row[j]
        if value.__class__ is str and "单位" in value:
            m = _UNIT_NOTE.search(unicodedata.normalize("NFKC", value))
            if m:
                out.append((m.group(1), a1(r, j), bool(_FOOTNOTE.match(value))))
    return out


def _data_row(grid: _Grid, r: int, c: int, stop: int) -> bool:
    """A label with a number beside it: some table's data row."""
    label = grid.raw(r, c)
    row = grid.rows[r] if r < len(grid.rows) else []
    return (isinstance(label, str) and bool(label.strip())
            and any(grid.number_at(r, j) for j in range(c + 1, min(max(stop, c + 1), len(row)))))


def _unit_notes_above(grid: _Grid, top: int, c: int, stop: int) -> list[tuple[str, str]]:
    """The `单位：万元` notes in the rows above a table's header (or in its top row, or in its title).

    The search ends at a data row (a label with a number beside it: the table above, whose notes
    these are not; a footnote met before it, 注：单位：亿元, is that table's), never at a date or a
    number in a title or header row (2022-06-30 shown as 2022年6月 over the columns, a year typed as a number).
    """
    found: list[tuple[str, str, bool]] = []
    for r in range(top, max(-1, top - _NOTE_ROWS), -1):
        if r < top and _data_row(grid, r, c, stop):
            return [(u, cell) for u, cell, foot in found if not foot]
        found += _notes_in_row(grid, r, c, stop)
    return [(u, cell) for u, cell, _ in found]


def _unit_notes_below(grid: _Grid, last: int, c: int, stop: int, next_top: int | None) -> list[tuple[str, str]]:
    """The `单位` notes below a table's last labelled row (单位：亿元 under the table, 注：…单位：万元), up to the
    next table's header on the same label column, of which only footnotes (注：…) are this table's: a bare
    单位 note just above the next table is that table's."""
    end = min(len(grid.rows), last + 1 + _NOTE_ROWS, next_top if next_top is not None else len(grid.rows))
    return [(u, cell) for r in range(last + 1, end) for u, cell, foot in _notes_in_row(grid, r, c, stop)
            if foot or next_top is None]


def _notes_below_tables(grid: _Grid, rows: list[Row], built: list[Table]) -> None:
    """Each table built on this sheet takes the 单位 notes below it too (`_unit_notes_below`): a note under
    the table says the unit as surely as one above it, and two that disagree are a conflict."""
    last: dict[int, int] = {}
    for row in rows:
        if row.table is not None:
            last[id(row.table)] = max(last.get(id(row.table), -1), row.r)
    for table in built:
        if id(table) not in last:
            continue
        later = [t.band[0] for t in built if t.label_col == table.label_col and t.band[0] > last[id(table)]]
        below = _unit_notes_below(grid, last[id(table)], table.label_col, table.stop, min(later, default=None))
        if below:
            _settle_notes(table, table.notes + below)


def _settle_notes(table: Table, notes: list[tuple[str, str]]) -> None:
    """The table's note unit from every 单位 note that speaks for it; notes naming different units conflict."""
    units_said = {units.normalise_unit(u) for u, _ in notes}
    if len(units_said) > 1:
        table.note_unit, table.note_cell, table.note_conflict = None, notes[0][1], notes
    elif notes:
        table.note_unit, table.note_cell = notes[0]


def sheet_layout(sheet: Sheet, index: FieldIndex, previous: dict[int, Table]) -> tuple[Layout, dict[int, Table]]:
    """Row labels of the framework's fields on one sheet, each with the table (header) it belongs to.

    `previous`: the tables of the sheet before, by label column, for a continuation sheet (续表)
    that does not repeat the header.
    """
    grid = _Grid(sheet)
    hits: dict[int, list[tuple[int, str, str | None, str]]] = {}
    # The only work done for every cell of a big sheet: collect its distinct texts, and then find the
    # rows holding a label with a set operation rather than a look at each cell.
    texts = frozenset(v for row in sheet.rows for v in row if v.__class__ is str)
    labels = index.labels_among(texts)
    label_texts = labels.keys()
    for r, row in enumerate(sheet.rows):
        if not label_texts.isdisjoint(row):
            for c, value in enumerate(row):
                if value.__class__ is str and value in labels:
                    fid, unit = labels[value]
                    hits.setdefault(c, []).append((r, fid, unit, value))
    continuation = "续" in sheet.name or any(isinstance(v, str) and "续" in v for row in sheet.rows[:3] for v in row)
    label_cols = sorted(hits)
    out_rows: list[Row] = []
    covered: list[list[int]] = []  # [first row, last row] of each table: header band to last label
    tables_here: dict[int, Table] = {}
    built: list[Table] = []
    for i, c in enumerate(label_cols):
        stop = label_cols[i + 1] if i + 1 < len(label_cols) else grid.width
        hit_rows = {r for r, *_ in hits[c]}
        tables: dict[int, Table] = {}
        header_row, scan_from = None, 0
        table = previous.get(c) if continuation else None
        for r, fid, unit, text in hits[c]:
            floor = scan_from
            for rr in range(scan_from, r):
                if rr not in hit_rows and (_is_header_row(grid, rr, c, stop)
                                           or (stop < grid.width and _is_header_row(grid, rr, c, grid.width))):
                    header_row = rr
            scan_from = r + 1
            if header_row is not None and header_row not in tables:
                # Side by side, a table stops at the next label column; alone, it may run to the sheet's edge.
                table_stop = stop if _is_header_row(grid, header_row, c, stop) else grid.width
                band = _header_band(grid, header_row, c, table_stop, floor, hit_rows)
                tables[header_row] = table = _build_table(grid, band, c, table_stop)
                built.append(table)
                covered.append([band[0], r])
            elif table is not None and covered and covered[-1][0] <= r:
                covered[-1][1] = r
            else:
                covered.append([r, r])
            out_rows.append(Row(r, c, fid, unit, text, table))
        if table is not None:
            tables_here[c] = table
    _notes_below_tables(grid, out_rows, built)
    # Title cells: text outside the tables (a cover sheet's or a table's title), not the notes below them.
    last = max((end for _, end in covered), default=None)
    title_cells = []
    for r, row in enumerate(sheet.rows if last is not None else sheet.rows[:6]):
        if last is not None and r > last:
            break
        if any(start <= r <= end for start, end in covered):
            continue
        # A title stands alone in its row (a 单位 note may share it) or spans columns; a row of three
        # or more texts is some table's header, whose periods are its columns', not the workbook's.
        filled = [c for c, v in enumerate(row) if v not in ("", None)]
        for c in filled:
            value = row[c]
            if not isinstance(value, str):
                value = period_text(value) or ""  # 2022-06-01 shown as 2022年6月 in a title
            if "年" in value or "Q" in value or "q" in value or written_month(value):
                text = value.strip()
                span = grid.spans.get((r, c))
                alone = len(filled) <= 2 or (span is not None and span[1] - c >= 2)
                if alone and 0 < len(text) <= 60 and not _TITLE_SKIP.search(text):
                    title_cells.append((r, c, text))
    return Layout(sheet, out_rows, title_cells, texts), tables_here


# ------------------------------------------------------------------------------- the period
@dataclass
class _Mention:
    period: str
    where: str


def workbook_period(path: Path, layouts: list[Layout]) -> tuple[str | None, Problem | None]:
    """The quarter a workbook reports: its titles, sheet names and file name must agree."""
    mentions: list[_Mention] = []
    reasons: list[str] = []
    stale: list[tuple[str, Location]] = []  # a title's month that ends no quarter (2022年1-5月), and its cell
    for lay in layouts:
        for r, c, text in lay.title_cells:
            period, reason = find_period(text)
            if period:
                mentions.append(_Mention(period, _cell_at(lay.sheet.name, a1(r, c))))
            elif reason:
                # 制表日期：2022年7月 says when the table was made, not what it covers; a sheet whose columns name
                # the title's months too (1-5月累计) is refused at those headers (`cells._table_columns`)
                month, words = next((m, w) for y, m, w in months_said(text) if y)
                if not _DATED.search(text) and month not in _sheet_months(lay):
                    stale.append((words, Location(file=path, sheet=lay.sheet.name, cell=a1(r, c))))
                at = _cell_at(lay.sheet.name, a1(r, c))
                reasons.append(both(f"{reason} in {at}", f"{at.zh}：{getattr(reason, 'zh', reason)}"))
        period, reason = find_period(lay.sheet.name)
        if period:
            mentions.append(_Mention(period, both(f"the sheet name「{lay.sheet.name}」", f"工作表名「{lay.sheet.name}」")))
    period, reason = find_period(path.stem)
    if period:
        mentions.append(_Mention(period, both("the file name", "文件名")))
    elif reason:
        reasons.append(both(f"{reason} in the file name", f"文件名：{getattr(reason, 'zh', reason)}"))

    found: dict[str, list[str]] = {}
    for m in mentions:
        found.setdefault(m.period, []).append(m.where)
    if len(found) > 1:
        return None, Problem(msg("the workbook names more than one period: {detail}", detail=_periods_at(found)),
                             Location(file=path),
                             msg("one workbook should hold one quarter; fix the title, the sheet name or the file name"))
    if found:
        period = next(iter(found))
        return _title_agrees(period, found[period][0], stale)
    # No title names the quarter: the column headers may (2022年1-6月累计), or a year in the title
    # and the months in the header together (周口经开区2022年主要指标 over 1-6月累计).
    headers: dict[str, list[str]] = {}
    months: dict[int, list[str]] = {}
    years: set[str] = set()
    for lay in layouts:
        tables = {id(row.table): row.table for row in lay.rows if row.table is not None}
        for table in tables.values():
            for col in table.columns:
                if col.kind in ("current", None):
                    where = _cell_at(lay.sheet.name, col.cell)
                    p, _ = find_period(col.text)
                    if p:
                        headers.setdefault(p, []).append(where)
                    elif (n := months_named(col.text)) and col.kind == "current":
                        months.setdefault(n, []).append(where)
        years |= {m[1] for _, _, t in lay.title_cells for m in YEAR_ONLY.finditer(unicodedata.normalize("NFKC", t))}
        years |= set(YEAR_ONLY.findall(unicodedata.normalize("NFKC", lay.sheet.name)))
    years |= set(YEAR_ONLY.findall(unicodedata.normalize("NFKC", path.stem)))
    if headers:
        latest = max(headers)
        others = [p for p in headers if p not in (latest, shift_period(latest, -1))]
        if not others:
            return _title_agrees(latest, headers[latest][0], stale)
        return None, Problem(msg("the column headers name more than one period: {detail}", detail=_periods_at(headers)),
                             Location(file=path), msg("give the workbook a title with its period, e.g. 2022年1-6月"))
    if len(years) == 1 and len(months) == 1 and next(iter(months)) in (3, 6, 9, 12):
        n = next(iter(months))
        return _title_agrees(f"{next(iter(years))}Q{n // 3}", months[n][0], stale)
    day = None if reasons else _day_where_period_goes(path, layouts)
    if day:  # 2022-07-15 where the period goes (a cell, a title, a sheet or file name): said there, and why
        return None, Problem(msg("cannot tell which period this workbook covers: {text!r} is a day, not a period (a "
                                 "quarter's figures run from January to the quarter's last month)", text=day[2]),
                             Location(file=path, sheet=day[0], cell=day[1]),
                             msg("write the months the figures cover in that cell, e.g. 2022年1-6月") if day[1] else
                             msg("write the months the figures cover in the title or the name, e.g. 2022年1-6月"))
    why = both(f": {reasons[0]}", f"：{getattr(reasons[0], 'zh', reasons[0])}") if reasons else ""
    looked, first = _where_periods_go(layouts)
    return None, Problem(msg("cannot tell which period this workbook covers{why}; no quarter is named in {looked}",
                             why=why, looked=looked),
                         Location(file=path, sheet=first[0], cell=first[1]) if first else Location(file=path),
                         msg("put the period in the title (e.g. 2022年1-6月) or the file name"))


def _cell_at(sheet: str, cell: str) -> Text:
    """A cell named in a message, in both languages: sheet 「表1」 cell A1 / 工作表「表1」单元格 A1."""
    return both(f"sheet 「{sheet}」 cell {cell}", f"工作表「{sheet}」单元格 {cell}")


def _sheet_months(lay: Layout) -> set[int]:
    """The months the current-period columns of a sheet's tables name (1-5月累计 → 5)."""
    tables = {id(row.table): row.table for row in lay.rows if row.table is not None}
    return {n for t in tables.values() for col in t.columns if col.kind == "current" and (n := months_named(col.text))}


_DATED = re.compile(r"日期|时间|制表|填报|报送|编制|打印|更新")


def _title_agrees(period: str, where: str, stale: list[tuple[str, Location]]) -> tuple[str | None, Problem | None]:
    """(period, None) when no title names a month that ends no quarter (`stale`); else the refusal naming
    that title cell and the place (`where`) the period came from: one of the two is left from another month."""
    if not stale:
        return period, None
    words, loc = stale[0]
    title = " › ".join((loc.sheet, loc.cell))
    return None, Problem(msg("the title 「{words}」 ({title}) and {where} ({period}) name different periods: one of "
                             "them is left over from another month", words=words, title=title,
                             where=where, period=period), loc,
                         msg("make the title and the column headers name the same period (a quarter: 1-3月, 1-6月, "
                             "1-9月 or 1-12月)"))


def _day_where_period_goes(path: Path, layouts: list[Layout]) -> tuple[str | None, str | None, str] | None:
    """(sheet, cell, the day as written) of the first day (`text.day_not_period`) where a period is looked for:
    a cell above a sheet's first statistic (a title, a date cell, a header), else a sheet name (cell None), else the
    file name (sheet and cell None); None when there is none. Every text a period is read from, so a day in a
    title (周口经开区2022年6月30日主要经济指标) is refused as a day at its cell, as a bare date cell is (issue 10)."""
    for lay in layouts:
        top = min((row.r for row in lay.rows), default=len(lay.sheet.rows))
        for r, row in enumerate(lay.sheet.rows[:top]):
            for c, v in enumerate(row):
                if shown := day_not_period(v):
                    return lay.sheet.name, a1(r, c), shown
    for lay in layouts:
        if shown := day_not_period(lay.sheet.name):
            return lay.sheet.name, None, shown
    shown = day_not_period(path.stem)
    return (None, None, shown) if shown else None


def _where_periods_go(layouts: list[Layout]) -> tuple[Text, tuple[str, str] | None]:
    """The places looked at for a period, to name in the refusal: the file name, each sheet's name, its
    title cell and its value columns' headers; and (sheet, cell) of the first title (else header) cell."""
    en, zh, first = ["the file name"], ["文件名"], None
    for lay in layouts:
        if not lay.rows:
            continue
        name = lay.sheet.name
        top = min((row.table.band[0] for row in lay.rows if row.table is not None), default=lay.rows[0].r)
        title = next(((r, c, v.strip()) for r, row in enumerate(lay.sheet.rows[:top]) for c, v in enumerate(row)
                      if isinstance(v, str) and v.strip() and not _UNIT_NOTE.search(v)), None)
        table = next((row.table for row in lay.rows if row.table is not None), None)
        headers = [col for col in (table.columns if table else []) if col.kind in ("current", None)][:2]
        cells = ([(a1(title[0], title[1]), title[2][:30])] if title else []) + [(col.cell, col.text) for col in headers]
        en.append(f"sheet 「{name}」 (its name" + "".join(f", {c} 「{t}」" for c, t in cells) + ")")
        zh.append(f"工作表「{name}」（表名" + "".join(f"、单元格 {c}「{t}」" for c, t in cells) + "）")
        first = first or ((name, cells[0][0]) if cells else None)
    return both(", ".join(en[:4]), "、".join(zh[:4])), first


def _periods_at(found: dict[str, list[str]]) -> Text:
    """'2022Q2 in sheet 「表1」 cell A1; 2022Q3 in the file name' (2022Q2（工作表「表1」单元格 A1）…), in both languages."""
    return both("; ".join(f"{p} in {', '.join(w[:3])}" for p, w in sorted(found.items())),
                "；".join(f"{p}（{'、'.join(getattr(x, 'zh', x) for x in w[:3])}）" for p, w in sorted(found.items())))


class ColumnPeriod(NamedTuple):
    """What a value column holds in a workbook for a period (`column_period`)."""
    kind: str | None  # current | prior | growth | mismatch | None (not a value column)
    period: str | None  # the quarter read; for a mismatch, the words that disagree (1-5月, 2021年)
    cell: str  # the header cell to name: for a mismatch the one whose words disagree (a band's top-left)
    sources: tuple[str, ...] = ()  # the header cells whose words gave the column's year or months


def column_period(col: Column, period: str) -> ColumnPeriod:
    """The period a value column holds in a workbook for `period`, from every header cell over it.

    The one check of a column's months and year, whatever the spelling (1-5月, 一至五月, 前5个月,
    截至5月, 5月末, 2022年5月, a date) and wherever they are written (the column's own header, or a
    band over several columns): months that end no quarter, or another quarter, are a mismatch named
    at the cell that says them; so is a year band that contradicts the workbook's year (2021年 over
    1-6月累计 | 上年同期 | 同比 in a 2022 workbook: its 上年同期 would be 2020's). A column headed with
    last year's period (2021年1-6月) is the prior year's; 上年末 is last year's December.
    """
    if col.kind not in ("current", "prior", "year_end", "growth", None):
        return ColumnPeriod(None, None, col.cell)
    year, quarter = int(period[:4]), int(period[-1])
    parts = col.parts or [(col.text, col.cell)]
    if col.kind in ("current", "prior", None) and (one := single_quarter(parts[-1][0])) is not None:
        return ColumnPeriod("single_quarter", one, parts[-1][1])  # 4-6月 is no year to date: refused at its cell
    relative_at = max((i for i, (t, _) in enumerate(parts) if classify_header(t) in ("prior", "year_end")), default=-1)
    month = month_at = said_year = year_at = None
    words, alone = "", False
    for i in range(len(parts) - 1, -1, -1):  # the column's own header says more than a band over several
        text = parts[i][0]
        # A band 2022年度 over 1-6月累计 | 上年同期 | 同比 is the year of its columns, as 2022年 is, not the full year
        band = i < len(parts) - 1 and YEAR_BAND.match(unicodedata.normalize("NFKC", text))
        said = [] if band else months_said(text)
        if not said and month is None and (n := month_alone(text)) is not None:
            said, alone = [(None, n, text.strip())], True  # 5月 under a band 2022年: 2022年5月
        if said and month is None:
            y, month, words = said[0]
            month_at = i
            if y and said_year is None:
                said_year, year_at = int(y), i
        if said_year is None and (m := YEAR_ONLY.search(unicodedata.normalize("NFKC", text))):
            said_year, year_at = int(m[1]), i
    if col.kind is None and month is None:
        return ColumnPeriod(None, None, col.cell)
    if alone and said_year is not None:
        words = f"{said_year}年{words}"
    sources = tuple(dict.fromkeys(parts[i][1] for i in (year_at, month_at) if i is not None))
    if month is not None and month not in (3, 6, 9, 12):
        return ColumnPeriod("mismatch", words, parts[month_at][1], sources)
    relative = col.kind in ("prior", "year_end")
    if not relative:
        y = said_year if said_year is not None else year
    elif said_year is None:
        y = year - 1
    elif year_at < relative_at:
        y = said_year - 1  # 上年同期 under a band 2022年: 2021's
    else:
        y = year - 1 if said_year == year else said_year  # 上年同期（2021年1-6月）
    if col.kind == "year_end" and (month_at is None or month_at < relative_at):
        m = 12  # 上年末 under 2022年6月末: last December
    else:
        m = month or quarter * 3
    seen = f"{y}Q{m // 3}"
    band_year = year_at is not None and year_at < len(parts) - 1 and said_year != year
    wrong = ColumnPeriod("mismatch", f"{said_year}年" if band_year else seen,
                         parts[year_at][1] if band_year else parts[month_at][1] if month_at is not None else col.cell,
                         sources)
    if col.kind == "growth":
        return ColumnPeriod("growth", period, col.cell, sources) if seen == period else wrong
    if seen == period and not relative:
        return ColumnPeriod("current", seen, col.cell, sources)
    if seen in (shift_period(period, -1), f"{year - 1}Q4"):
        return ColumnPeriod("prior", seen, col.cell, sources)  # last year's same period, or its end / full year
    return wrong
