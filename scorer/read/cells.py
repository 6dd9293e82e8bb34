"""Tables → observations: each labelled row's value cells, in the field's unit, with their source cell."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from dataclasses import replace
from typing import Any

from scorer import units
from scorer.errors import Location, Problem
from scorer.framework.model import FieldDef
from scorer.messages import msg, text_of, written
from scorer.read import price_columns, zones
from scorer.read.files import CellFacts, Sheet
from scorer.read.layout import Column, ColumnPeriod, Layout, Row, Table, column_period
from scorer.read.merged import Body, label_row, unlabelled_rows, value_cell
from scorer.read.observation import IngestResult, Observation
from scorer.read.text import (LARGEST_PLAUSIBLE, MISSING_MARKS, CellError, a1, classify_header, is_number, month_alone,
                              months_named, one_month,
                              price_basis_said,
                              parse_number)
from scorer.i18n import unit_named


def emit_sheet(path: Path, lay: Layout, period: str, fields: dict[str, FieldDef], facts: CellFacts,
               result: IngestResult) -> list[tuple[Row, int]]:
    """The observations of one sheet's labelled rows, into `result`.

    Returns the labelled rows no value was read from because no column header stands above them, each
    with the count of numbers beside its label (values the workbook holds and the run would lose): see
    `unread_rows`, which says so.
    """
    sheet = lay.sheet
    unread: list[tuple[Row, int]] = []
    reported: set[str] = set()  # a header's problem once per table column, not once per row
    read: dict[int, dict[int, tuple]] = {}  # a table's columns, looked at once
    # 同比增长按现价计算: the growth column's price basis, if the notes say it (each distinct text looked at once)
    prices = price_basis_said([lay.texts] if lay.texts else sheet.rows, fields)
    body = Body.of(sheet, lay.rows) if sheet.merged else None  # merged labels and values in the tables' bodies
    month_only: dict[int, dict[int, str]] = {}  # a table of the month alone: {column: the cell naming the month}
    flows_left: dict[int, tuple[Table, list[Row]]] = {}  # its flow rows, refused at that cell (bt10g F2)
    priced: dict[tuple[str, str, str, str], list[str]] = {}  # columns left for another price basis, their rows
    for row in lay.rows:
        if row.table is not None and id(row.table) not in read:
            read[id(row.table)], month_only[id(row.table)] = _table_columns(path, sheet, row.table, period, reported,
                                                                            result)
            if row.table.note_conflict:
                result.problems.append(_notes_disagree(path, sheet, row.table))
        columns = list(read[id(row.table)].values()) if row.table is not None else []
        if row.table is not None and month_only[id(row.table)] and fields[row.field].kind == "flow":
            left = [c for c in columns if c[0].col in month_only[id(row.table)]]
            if left:
                flows_left.setdefault(id(row.table), (row.table, []))[1].append(row)
                columns = [c for c in columns if c not in left]
                if not columns:
                    continue
        if not columns and row.table is not None and any(col.cell in reported or any(c in reported for _, c in col.parts)
                                                         for col in row.table.columns):
            continue  # its header was refused, at its cell
        if not columns:
            beside = sheet.rows[row.r][row.c + 1:] if row.r < len(sheet.rows) else []
            unread.append((row, sum(1 for v in beside if _a_number(v))))
            continue
        if body is not None:
            row = label_row(path, body, row, [col.col for col, _, _ in columns], result.problems)
            if row is None:
                continue
        # 现价增长 | 可比价增长: the statistic's own basis, the other column noted (bt13k F3: refused as read twice)
        columns, left, bases = price_columns.choose(columns, fields[row.field],
                                                    lambda c, r=row.r: _a_number(_at(sheet.rows, r, c)))
        for gone, took in left:
            priced.setdefault((gone.cell, _header(gone), took.cell, _header(took)), []).append(row.text)
        _emit_row(path, sheet, row, columns, fields[row.field], facts, result, prices, body, bases)
    result.problems += price_columns.notes(path, sheet.name, priced)
    result.problems += unlabelled_rows(path, sheet, lay.rows, {k: sorted(v) for k, v in read.items()}, body)
    result.problems += [_month_flows(path, sheet, table, rows, month_only[id(table)], period)
                        for table, rows in flows_left.values()]
    return unread


def _month_flows(path: Path, sheet: Sheet, table: Table, rows: list[Row], cells: dict[int, str],
                 period: str) -> Problem:
    """The error for the flows of a table of one month alone (6月, 2022年6月, 当月 … and their 上年同期 and 同比,
    `cells`: {column: the header cell naming the month}): a month's flow is not the year to date the quarter is
    scored on (bt10g F2: a 月报's 「6月」 column was read as January to June). At the first column's header."""
    cell = cells[min(cells)]
    header = next((t for col in table.columns for t, c in (col.parts or [(col.text, col.cell)]) if c == cell), cell)
    last = int(period[-1]) * 3
    labels = "、".join(f"「{row.text}」" for row in rows[:3]) + (" …" if len(rows) > 3 else "")
    return Problem(msg("the column 「{header}」 holds one month's figures, not the year to date 1-{last}月 the quarter "
                       "is scored on: {labels} were not read from it or from the 上年同期 and 同比 beside it",
                       header=header, last=last, labels=labels),
                   Location(file=path, sheet=sheet.name, cell=cell),
                   msg("give the year-to-date columns (1-{last}月累计 | 上年同期 | 同比), as a 月报's 累计 block has them; if "
                       "the column holds the year to date, head it 1-{last}月累计. Stocks (期末 figures) under a "
                       "month are read as at its end", last=last), code="month_table")


def unread_rows(path: Path, unread: dict[str, list[tuple[Row, int]]], read: int) -> list[Problem]:
    """One problem per sheet for its labelled rows read without a column header (`emit_sheet`), naming the
    sheet and the label cells: a warning, or an error when the numbers beside them are most of the
    workbook's (more than the `read` values read from it), which would otherwise be scored on what is left.
    `unread`: {sheet name: [(row, numbers beside its label)]}."""
    lost = sum(n for rows in unread.values() for _, n in rows)
    out = []
    for sheet, rows in unread.items():
        if not rows:
            continue
        cells = [a1(row.r, row.c) for row, _ in rows]
        labels = "、".join(f"「{row.text}」 ({cell})" for (row, _), cell in zip(rows[:3], cells)) + (
            f" … ({cells[0]}–{cells[-1]})" if len(rows) > 3 else "")
        said = msg("no column header (累计 / 期末数 / 上年同期 / 同比增长) above {labels}: {rows:# labelled row|# labelled rows} and the "
                   "{numbers:# number|# numbers} beside them were not read", labels=labels, rows=len(rows),
                   numbers=sum(n for _, n in rows))
        most = lost > read
        if most:
            said = msg("most of this workbook's numbers were not read ({lost} of {total}): {said}", lost=lost,
                       total=lost + read, said=said)
        out.append(Problem(said, Location(file=path, sheet=sheet, cell=cells[0]),
                           msg("give the table a header row naming what each column holds (1-6月累计 | 上年同期 | "
                               "同比增长 …); scorer template -o 模板.xlsx writes a workbook laid out as the reader "
                               "expects"), "error" if most else "warning",
                           code="unread_rows"))
    return out


def _month_block(path: Path, sheet: Sheet, periods: list, months: set[int], reported: set[str],
                 result: IngestResult) -> list:
    """`periods` with the 上年同期 and 同比 columns that follow a month's own column (当月, 本月, 上年同月, or a month
    alone beside its cumulative: `months`, ids of those columns) left out, up to the next column of the year to date:
    they are the month's, not the year's (bt10g F2, F3: 当月 | 上年同期 | 同比 read the month's 上年同期 as last year's
    half-year and its 同比 as the half-year's growth, or refused the 月报 layout as 'read twice'). A note at the first."""
    out, block, left = [], None, []
    for col, p in periods:
        if col.kind == "month" or id(col) in months:
            block = block or col  # 本月 | 上年同月 | 同比: one month's block
        elif col.kind in ("current", "year_end"):
            block = None
        elif block is not None and col.kind in ("prior", "growth"):
            left.append((block, col))
            p = ColumnPeriod(None, None, col.cell)
        out.append((col, p))
    if left and left[0][1].cell not in reported:
        reported.add(left[0][1].cell)
        head = lambda c: c.parts[-1][0] if c.parts else c.text  # noqa: E731
        result.problems.append(Problem(
            msg("the columns after 「{month}」 ({columns}) are the month's own 上年同期 and 同比, not the year to date's: "
                "not read", month=head(left[0][0]), columns="、".join(f"「{head(c)}」" for _, c in left[:4])),
            Location(file=path, sheet=sheet.name, cell=left[0][1].cell),
            msg("the year-to-date columns (1-6月累计 | 上年同期 | 同比) are read"), "note", code="month_columns"))
    return out


_MONTH_WORD = re.compile(r"(?:本|当|同)月")
_LAST_YEAR = re.compile(r"上年|去年")


def _one_month_column(col: Column) -> int | None:
    """The month a column's headers name and nothing else (a band 2022年 over 6月; 2022年6月; a date shown so): no
    header cell over it says 累计, 本年, 1-6月, 末, 上年同期 … (`classify_header` finds nothing in any of them)."""
    parts = col.parts or [(col.text, col.cell)]
    if any(classify_header(t) is not None for t, _ in parts):
        return None
    return next((m for t, _ in reversed(parts) if (m := one_month(t)) is not None), None)


def _month_only(periods: list, period: str, bare: dict[int, int]) -> tuple[list, dict[int, str]]:
    """A table with no column of the year to date: its month's columns (当月 / 本月, or a month alone: `bare`, ids)
    and the 上年同期 and 同比 after them, up to the next column of the year to date, are the month's (bt10g F2). They
    are read for stocks (the month's end is the quarter's) and never for flows: {column: the header cell naming the
    month}, for `emit_sheet` to leave the flows out and refuse them at that cell."""
    out, month_only, block = [], {}, None
    for col, p in periods:
        if col.kind == "month" and p.kind is None:  # 当月, 6月当月, 上年同月: the months and year its headers say
            parts = [(_MONTH_WORD.sub("", t), c) for t, c in col.parts or [(col.text, col.cell)]]
            p = column_period(replace(col, kind="prior" if _LAST_YEAR.search(col.text) else None, parts=parts), period)
            p = p if p.kind else ColumnPeriod("current", period, col.cell)  # 当月 under the title's 2022年6月
        if p.kind in ("current", "prior") and (col.kind == "month" or id(col) in bare):
            block = block or col
        elif p.kind in ("current", "year_end") or col.kind in ("current", "year_end"):
            block = None
        if block is not None and p.kind in ("current", "prior", "growth"):
            month_only[col.col] = next((c for t, c in reversed(block.parts or [(block.text, block.cell)])
                                        if one_month(t) is not None or classify_header(t) == "month"), block.cell)
        out.append((col, p))
    return out, month_only


def _table_columns(path: Path, sheet: Sheet, table: Table, period: str, reported: set[str],
                   result: IngestResult) -> tuple[dict[int, tuple[Column, str, str]], dict[int, str]]:
    """{column: (column, kind, period)} of a table's value columns; each header that disagrees with the
    workbook's period is an error at its cell, and no column whose year or months that cell gave is read.
    With them, the columns of a month alone (`_month_only`): {column: the header cell naming the month}."""
    periods = [(col, column_period(col, period)) for col in table.columns]
    # A month alone beside the cumulative column that ends in it (6月 | 1-6月累计, 2022年6月 | 1-6月累计) is that
    # month's own value (当月), left aside as 本月 is; any other month alone is the month it names (5月: refused).
    bare = {id(col): m for col, p in periods if p.kind in ("current", "prior") and (m := _one_month_column(col))}
    alone = {id(col): month_alone(col.parts[-1][0] if col.parts else col.text) or bare.get(id(col))
             for col, _ in periods}
    ends = {months_named(col.text) for col, p in periods if p.kind == "current" and alone[id(col)] is None}
    periods = [(col, ColumnPeriod(None, None, col.cell)
                if p.kind == "current" and alone[id(col)] is not None and alone[id(col)] in ends else p)
               for col, p in periods]
    month_only: dict[int, str] = {}
    if any(p.kind == "current" and alone[id(col)] is None for col, p in periods):
        # the year to date is in the table: the month's columns beside it are left out, with a note
        periods = _month_block(path, sheet, periods, {id(col) for col, p in periods if alone[id(col)] is not None
                                                      and p.kind is None and col.kind in ("current", None)},
                               reported, result)
    else:  # a table of the month alone (6月 | 上年同期 | 同比, 当月 | …): stocks read at the month's end, flows refused
        periods, month_only = _month_only(periods, period, bare)
    wrong = {p.cell for _, p in periods if p.kind in ("mismatch", "single_quarter")}
    out = {}
    for col, p in periods:
        named = next(((t, c, region) for t, c in (col.parts or [(col.text, col.cell)])
                      if (region := zones.column_region(t))), None) if p.kind else None
        if named is not None:
            # 周口经开区 | 河南省 side by side: the province's columns are not the zone's figures
            if named[1] not in reported:
                reported.add(named[1])
                result.problems.append(Problem(
                    msg("the column header 「{header}」 names {region}, a region rather than the zone: its column "
                        "was not read", header=named[0], region=named[2]),
                    Location(file=path, sheet=sheet.name, cell=named[1]),
                    msg("a region's figures (a province's, a city's) are no zone's; the city's own totals are read "
                        "from rows labelled 全市地区生产总值 …"), "warning", code="region_column"))
            continue
        if p.kind == "single_quarter":  # 4-6月, 二季度: one quarter's figures, scored as the year's would be wrong
            if p.cell not in reported:
                reported.add(p.cell)
                result.problems.append(Problem(
                    msg("the column header 「{header}」 names a single quarter ({words}), but scorer reads figures "
                        "from the start of the year to the quarter's end ({period}): its column was not read",
                        header=col.parts[-1][0] if col.parts else col.text, words=p.period, period=period),
                    Location(file=path, sheet=sheet.name, cell=p.cell),
                    msg("give the year-to-date figures (1-6月累计, 上半年) in this column, or head it so if they are")))
            continue
        if p.kind == "mismatch":
            if p.cell not in reported:
                reported.add(p.cell)
                # a band over several columns (2021年, 2022年5月) is named by its own text
                header = next((t for t, c in col.parts[:-1] if c == p.cell), col.text)
                result.problems.append(Problem(
                    msg("the column header 「{header}」 names {seen}, but the workbook is for {period}",
                        header=header, seen=p.period, period=period),
                    Location(file=path, sheet=sheet.name, cell=p.cell),
                    msg("the title, the file name and the column headers must name the same quarter")))
        elif p.kind and not wrong.intersection(p.sources):
            out[col.col] = (col, p.kind, p.period)
    return out, {c: cell for c, cell in month_only.items() if c in out}


def _emit_row(path: Path, sheet: Sheet, row: Row, columns: list[tuple[Column, str, str]], fdef: FieldDef,
              facts: CellFacts, result: IngestResult, prices=None, body: Body | None = None, bases=None) -> None:
    """The observations of one labelled row; a problem with its unit is reported once, at the unit's cell.
    `prices`: the price bases the sheet's notes give its growth rates (text.PriceBases, per statistic); `body`: the
    sheet's merged cells (a value merged within its row and column is read from the merge's top-left cell);
    `bases`: {column: price basis} its header says (现价增长 | 可比价增长, `price_columns.choose`), before the notes'."""
    table = row.table
    unit_col = next((col for col in table.columns if col.kind == "unit"), None)
    in_column = None
    if unit_col is not None:
        raw = _at(sheet.rows, row.r, unit_col.col)
        if isinstance(raw, str) and raw.strip() and raw.strip() not in MISSING_MARKS:
            in_column = units.normalise_unit(raw)
    label_cell = a1(row.r, row.c)
    if row.label_unit and in_column and row.label_unit != in_column:
        result.problems.append(Problem(
            msg("「{label}」 says {unit} in its label but {in_column} in the unit column ({cell})", label=row.text,
                unit=row.label_unit, in_column=in_column, cell=a1(row.r, unit_col.col)),
            Location(file=path, sheet=sheet.name, cell=label_cell),
            msg("make the label and the 计量单位 column say the same unit")))
        return
    conversions: dict[tuple[str | None, int], tuple[float, units.ExchangeRate | None] | None] = {}
    basis = "ytd" if fdef.kind == "flow" else "stock"
    value_cols = {col.col for col, _, _ in columns}
    for col, kind, seen in columns:
        at = (row.r, col.col) if body is None else value_cell(path, body, row, col.col, value_cols, result.problems)
        if at is None:
            continue  # a value merged across several statistics or columns: refused at the merge
        cell = a1(*at)
        value = cell_number(path, sheet, at[0], at[1], row.text, kind == "growth", facts, result,
                            row.label_unit or in_column or col.unit or table.note_unit or fdef.unit)
        if value is None:
            if kind == "current" and marked_missing(_at(sheet.rows, *at)):
                result.marked_missing.setdefault((row.field, seen), Location(file=str(path), sheet=sheet.name, cell=cell))
            elif kind == "current" and str(_at(sheet.rows, *at) or "").strip() == "":
                result.left_blank.setdefault((row.field, seen), Location(file=str(path), sheet=sheet.name, cell=cell))
            continue
        if kind == "growth":
            result.observations.append(Observation(row.field, value, "%", seen, "growth", str(path), sheet.name,
                                                   cell, row.text, "%", "growth",
                                                   price_basis=(bases or {}).get(col.col)
                                                   or (prices.of(row.field) if prices else None),
                                                   percent_format=facts.is_percent(sheet.name, *at)))
            continue
        # The row's own unit (label, unit column) before the table's (column header, 单位： note).
        unit = row.label_unit or in_column or col.unit or table.note_unit
        if unit is None and table.note_conflict:
            continue  # the table's 单位 notes disagree: refused once, at the notes (_notes_disagree)
        key = (unit, int(seen[:4]))  # dollars convert at the rate of the value's own year
        if (unit, None) in conversions:
            continue  # a unit that converts in no year was reported once, at its cell
        if key not in conversions and unit is None and any(k[0] is None for k in conversions):
            conversions[key] = (1.0, None)  # no unit: said once per row, not once per year (bt11i F4: twice at A26)
        if key not in conversions:
            where = (label_cell if row.label_unit else a1(row.r, unit_col.col) if in_column
                     else col.cell if col.unit else table.note_cell or label_cell)
            conversions[key] = _conversion(path, sheet, row, unit, fdef, where, key[1], result)
        if conversions[key] is None:
            if {units.dimension(unit or ""), units.dimension(fdef.unit)} != {"usd", "rmb"}:
                conversions[(unit, None)] = None  # no year converts it (only a missing rate is per year)
            continue
        factor, rate = conversions[key]
        stated = None if row.label_unit or in_column else col.cell if col.unit else table.note_cell
        result.observations.append(Observation(row.field, units.scaled(value, factor), fdef.unit, seen, basis,
                                               str(path), sheet.name, cell, row.text, unit,
                                               "current" if kind == "current" else "prior", rate, unit_cell=stated))


def _notes_disagree(path: Path, sheet: Sheet, table: Table) -> Problem:
    """The error for a table whose 单位 notes (above it, in its title, below it) name different units: its
    values that take their unit from the notes are not read (a 10 000× slip either way)."""
    said = "、".join(f"{cell}「{unit}」" for unit, cell in table.note_conflict)
    return Problem(msg("the table's 单位 notes disagree ({said}): its values without a unit of their own were not read",
                       said=said), Location(file=path, sheet=sheet.name, cell=table.note_conflict[0][1]),
                   msg("keep one 单位 note per table, or give each row its unit (a 计量单位 column or the label's "
                       "parentheses)"))


def _conversion(path: Path, sheet: Sheet, row: Row, unit: str | None, fdef: FieldDef, cell: str, year: int,
                result: IngestResult) -> tuple[float, units.ExchangeRate | None] | None:
    """The factor from the unit written to the field's unit (across currencies at `year`'s average rate),
    and the rate used; None (and an error) when there is none."""
    if unit is None:
        if units.dimension(fdef.unit) != "count":  # 家, 个, 件 go without saying; 万元 or 亿元 does not
            result.problems.append(Problem(
                msg("no unit given for 「{label}」; read as {unit} (the field's unit)", label=row.text, unit=unit_named(fdef.unit)),
                Location(file=path, sheet=sheet.name, cell=a1(row.r, row.c)),
                msg("add a 计量单位 column, a unit in the label's parentheses or a 单位： note"), "warning"))
        return 1.0, None
    try:
        return units.money_factor(unit, fdef.unit, year)
    except units.UnitError as exc:
        result.problems.append(Problem(
            msg("unit {unit!r} of 「{label}」 cannot be converted to {to}: {why}", unit=unit, label=row.text,
                to=unit_named(fdef.unit), why=text_of(exc)),
            Location(file=path, sheet=sheet.name, cell=cell), units.conversion_hint(exc, fdef.unit)))
        return None


def cell_number(path: Path, sheet: Sheet, r: int, c: int, label: str, growth: bool, facts: CellFacts,
                result: IngestResult, unit: str | None = None) -> float | None:
    """The number in cell (r, c) as written, a growth rate in % (8.5 from a stored 0.085 shown as 8.5%);
    None when missing or wrong (then with a problem at the cell). Row tables and transposed tables alike.
    `unit`: the unit of a value that is not a growth rate (the row's, else its statistic's): a percentage in
    such a cell (48.6% typed, or a number shown with a % format) is refused at the cell unless `unit` is a
    percentage (bt15 F3: "48.6%" in the 亿元 row 进出口总额 was read as 48.6 亿元)."""
    where = Location(file=path, sheet=sheet.name, cell=a1(r, c))
    raw = _at(sheet.rows, r, c)
    if raw == "":
        reason = facts.blank_reason(sheet.name, r, c)
        if reason:
            result.problems.append(Problem(msg("「{label}」: {why}", label=label, why=reason), where,
                                           msg("fix the formula or type the number; use — for a missing value")))
        return None
    try:
        value = parse_number(raw)
    except CellError as exc:
        result.problems.append(Problem(msg("「{label}」: {why}", label=label, why=text_of(exc)), where,
                                       msg("enter a number, or — for a missing value")))
        return None
    if value is None:
        return None
    if not growth and unit is not None and units.dimension(unit) != "percent" and _shows_percent(raw, facts, sheet, r, c):
        result.problems.append(Problem(
            msg("「{label}」: {text} is a percentage, but this row holds a figure in {unit}, not a rate",
                label=label, text=_as_shown(raw), unit=unit_named(unit)), where,
            msg("enter the figure in {unit} without a % sign (a growth rate or a share goes in its own column), "
                "or — for a missing value", unit=unit_named(unit))))
        return None
    if abs(value) >= LARGEST_PLAUSIBLE:
        result.problems.append(Problem(msg("「{label}」: {value:g} is too large to be a statistic of a zone",
                                           label=label, value=value), where,
                                       msg("check the cell: a pasted ID, a wrong unit or a broken formula?")))
        return None
    # A number stored in the cell, int or float alike: an .xls keeps a whole number (1.0 for 100%) as an
    # integer RK record, which calamine gives as int. Text such as '8.5%' is in percent already.
    if growth and is_number(raw) and facts.is_percent(sheet.name, r, c):
        value = units.scaled(value, 100)  # 8.5% shown from a stored 0.085
    return value


def marked_missing(raw: Any) -> bool:
    """Whether a cell holds a mark for a figure not available (—, ——, -, 无, / …: scorer.read.text.MISSING_MARKS),
    not a blank."""
    if not isinstance(raw, str):
        return False
    text = unicodedata.normalize("NFKC", raw).strip()
    return bool(text) and text in MISSING_MARKS


def _shows_percent(raw: Any, facts: CellFacts, sheet: Sheet, r: int, c: int) -> bool:
    """Whether the cell shows a percentage: text ending in % (or ％), or a stored number under a % format."""
    if isinstance(raw, str):
        return unicodedata.normalize("NFKC", raw).strip().endswith("%")
    return is_number(raw) and facts.is_percent(sheet.name, r, c)


def _as_shown(raw: Any) -> str:
    """A cell's content as its sheet shows it, for a message: text quoted as typed, a number under a % format as 48.6%."""
    return repr(str(raw).strip()) if isinstance(raw, str) else f"{written(raw * 100)}%"


def _header(col: Column) -> str:
    """A column's header as its cells write it, band by band (2022年 › 可比价增长(%))."""
    return " › ".join(t for t, _ in col.parts) if col.parts else col.text


def _a_number(raw: Any) -> bool:
    """A cell holding a number, stored (.xlsx, .xls) or written as text (CSV: '120.9', '1,234')."""
    if is_number(raw):
        return True
    if not isinstance(raw, str) or not raw.strip():
        return False
    try:
        return parse_number(raw) is not None
    except CellError:
        return False


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
        return rows[r][c]
    return ""

