"""Statistics workbooks → observations (field, value in canonical unit, period, basis, source cell).

A statistics office's table is found by its labels, not its position: every cell whose text, once
normalised, is a field's label or alias is a row label; the header rows above it (a multi-row merged
header, read column by column) say which columns hold the cumulative or end-of-period value, the prior
year's same period and the published growth rate, and which to leave alone (本月, 计划, 比重 …); the
unit comes from the label's parentheses, a unit column, the column header or a `单位：` note above the
table. Values come from python-calamine; what it cannot tell apart from a blank cell (Excel error
values, formulas never calculated, percent formats) is looked up in the file itself, only when needed.
"""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import Collection, Iterable, Mapping

from scorer.atomic import is_special, note_read
from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import FieldDef, Framework
from scorer.messages import N_, backslash_hint, both, msg, os_reason
from scorer.read import checks, zones
from scorer.read.cells import emit_sheet, unread_rows
from scorer.read.files import NOT_A_WORKBOOK, WORKBOOK_SUFFIXES, CellFacts, Sheet, load_sheets, read_input
from scorer.read.hidden import HIDDEN_CELLS, said_hidden, set_aside
from scorer.read.layout import Layout, Table, sheet_layout, workbook_period
from scorer.read.shapes import sheet_shape
from scorer.read.observation import IngestResult, Observation
from scorer.read.transposed import UNDATED, UNREAD_COLUMN, read_transposed
from scorer.read.text import CellError, FieldIndex, a1, find_period, is_number, label_key, parse_number

__all__ = ["ingest", "read_workbook", "discover", "FieldIndex", "IngestResult", "Observation", "CellError",
           "WORKBOOK_SUFFIXES", "a1", "find_period", "label_key", "parse_number"]


# --------------------------------------------------------------------------------- the reader
def read_workbook(path: Path, fields: dict[str, FieldDef], index: FieldIndex | None = None,
                  hidden_sheets: bool = False, follow_links: bool = True) -> IngestResult:
    """Read one workbook or CSV into observations; problems are collected, not raised.

    Hidden and very hidden sheets are skipped (a note names each that holds a label of the
    framework) unless `hidden_sheets`. `follow_links=False` (scorer watch's drop folder): a symbolic
    link is not read (O_NOFOLLOW), an error says so.
    """
    path = Path(path)
    try:
        note_read(path)  # never written over (scorer.atomic.files_read); no FIFO or device opened
        fd = os.open(path, os.O_RDONLY | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0)))
        with os.fdopen(fd, "rb") as f:
            data = read_input(path, f)
    except ScorerError as exc:  # a large file whose first bytes say it is no workbook: not read in full
        return IngestResult(problems=list(exc.problems))
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            return IngestResult(problems=[Problem(msg("a symbolic link, not read: links in the drop folder are never "
                                                      "followed"), Location(file=path),
                                                  msg("put the workbook itself in the folder"))])
        return IngestResult(problems=[_unreadable(path, exc)])
    return _read(path, data, index or FieldIndex(fields), hidden_sheets)


def _unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(msg("cannot read the file: {why}", why=os_reason(exc)), Location(file=path),
                   msg("check that the file exists and may be read"))


def _read(path: Path, data: bytes, index: FieldIndex, hidden_sheets: bool = False) -> IngestResult:
    result = IngestResult()
    try:
        sheets, kind, facts = load_sheets(path, data)
    except ScorerError as exc:
        result.problems += exc.problems
        return result
    for sheet in sheets:  # a stray cell of a hidden sheet left unread is nothing of the run's (bt10f F0)
        result.problems += sheet.problems if hidden_sheets or sheet.visible == "visible" else []
    hidden_notes = [] if hidden_sheets else _hidden_sheet_notes(path, sheets, index)
    if not hidden_sheets:
        result.problems += hidden_notes
        sheets = [s for s in sheets if s.visible == "visible"]
        for sheet in sheets:  # hidden rows and columns of a sheet shown: left out alike, each said (bt10f F12)
            result.problems += set_aside(path, sheet, index)
    titles = result.titles.setdefault(str(path), [])
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:3]):
            for c, v in enumerate(row):
                if isinstance(v, str) and v.strip():
                    titles.append(v.strip())
                    result.title_cells.append((v.strip(), Location(file=path, sheet=sheet.name, cell=a1(r, c))))
    if not any(v not in ("", None) for s in sheets for row in s.rows for v in row):
        result.problems.append(Problem(msg("the workbook is empty: no sheet has a cell with a value"), Location(file=path),
                                       msg("check that this is the right file; the office may have sent a blank template"),
                                       code=EMPTY_WORKBOOK))
        return _hidden_said(result, hidden_notes)
    labelled = _read_tables(path, sheets, kind, facts, index, result)
    _hidden_said(result, hidden_notes)
    labelled.update({o.field: o.label for o in result.observations})
    if labelled and (region := zones.region_named(str(path), [(s.name, s.rows) for s in sheets])):
        _not_the_zones(path, region, labelled, index, result)
    result.hidden.update({(str(path), s.name): (s.hidden_rows, s.hidden_cols) for s in sheets
                          if s.hidden_rows or s.hidden_cols})
    result.problems = said_hidden(result.hidden, result.problems)
    return result


def _not_the_zones(path: Path, region: tuple[str, str | None, str | None, str], labelled: dict[str, str],
                   index: FieldIndex, result: IngestResult) -> None:
    """A workbook naming a region (全国, 河南省, 周口市) and no zone, labelling the zone's statistics: refused,
    whatever else was found in it (its figures, or the problems in reading them, are not the zone's).

    Its figures are the region's: a province's trade in 亿美元 scored as the zone's would score 100. A city's
    table of its own totals (全市地区生产总值 …, the fields the framework keeps for the host city) is read.
    `labelled`: {field: label as written} of the statistics the workbook names.
    """
    own = zones.region_fields(index.fields)
    read = sorted({label.strip() for fid, label in labelled.items() if fid not in own})
    if not read:
        return
    name, sheet, cell, text = region
    where = (msg("「{text}」 names {region}", text=text, region=name) if cell is not None
             else msg("the sheet's name 「{text}」 names {region}", text=text, region=name) if sheet is not None
             else msg("the file name names {region}", region=name))
    result.observations = []
    result.periods.pop(str(path), None)
    result.problems = [p for p in result.problems if p.severity == "note"] + [Problem(
        msg("this is not a zone's table: {where}, a region rather than a development zone; its figures ({read}) "
            "are not the zone's", where=where,
            read="、".join(f"「{t}」" for t in read[:3]) + (" …" if len(read) > 3 else "")),
        Location(file=path, sheet=sheet, cell=cell),
        msg("a zone's workbook names the zone in its title or file name (e.g. 周口经济开发区2022年1-6月主要经济指标); "
            "leave national, provincial, city, county and district tables out of the folder (a city's own totals are read under labels "
            "such as 全市地区生产总值)"), code=NOT_A_ZONE)]


def _read_tables(path: Path, sheets: list[Sheet], kind: str, facts: CellFacts, index: FieldIndex,
                 result: IngestResult) -> dict[str, str]:
    """The observations of a workbook's visible sheets: its tables, or its database exports.

    Returns {field: label as written} of the row labels found (a database export's are its observations').
    """
    layouts: list[Layout] = []
    previous: dict[int, Table] = {}
    for sheet in sheets:
        lay, tables = sheet_layout(sheet, index, previous)
        layouts.append(lay)
        previous = tables or previous
    from scorer.read.checks import lookalike_rows
    from scorer.read.near_labels import unread_labels

    result.problems += lookalike_rows(path, layouts, index.fields)  # 实际利用省(境)外资金: not FDI, said ignored
    result.unread_labels += unread_labels(path, layouts)  # named if a needed statistic is missing and one looks like it
    # A CSV in another encoding (Big5, Shift-JIS) decodes as GB18030 into nonsense: say how it was read.
    read_as = msg(" (the CSV was read as {encoding} text)", encoding=kind[4:].upper().replace("-SIG", "")) \
        if kind.startswith("csv") else both("", "")
    # A sheet with no row label of ours may be a database export naming fields across its columns; so may one whose
    # labels all stand in one row with numbers under them and none beside them (年份 | 地区生产总值_累计值(亿元) | 税收收入(亿元):
    # the plain header 税收收入(亿元) is a label too, and the sheet was refused as a zone table of no period, bt10f F11).
    transposed = {id(lay) for lay in layouts if (not lay.rows or _labels_head_columns(lay))
                  and _transposed(path, lay, index, facts, result)}
    # 园区名称 | 地区生产总值(亿元) | 税收收入(亿元) with zones down the rows: a league table, no zone's own (bt10f F16)
    league = [(lay, down) for lay in layouts if id(lay) not in transposed and _labels_head_columns(lay)
              and (down := zones.zones_down(lay.sheet.rows, lay.rows[0].r, min(row.c for row in lay.rows)))]
    result.problems += [_league_table(path, lay, *down) for lay, down in league]
    layouts = [lay for lay in layouts if id(lay) not in transposed | {id(lay) for lay, _ in league}]
    if not any(lay.rows for lay in layouts):
        if transposed:
            _after_transposed(path, sheets, result)
        if transposed or league:
            return {}
        # a sheet said to be a time series (periods across a row, 全国 … down): no advice to put dates down its first
        # column, which would make the country's figures the zone's (bt10f F7b)
        series = {s.name for s in sheets if sheet_shape(s)}
        result.problems = [p for p in result.problems if not (p.code == UNDATED and p.location.sheet in series)]
        result.problems.append(_not_a_zone_table(path, sheets, read_as))
        return {}
    labelled = {row.field: row.text for lay in layouts for row in lay.rows}
    period, problem = workbook_period(path, layouts)
    if problem and all(sheet_shape(lay.sheet) for lay in layouts if lay.rows):
        # rows 地区生产总值(亿元) … under 2022年 | 2021年 | 2020年: a series over periods, no zone's table of one quarter
        result.problems.append(_not_a_zone_table(path, [lay.sheet for lay in layouts if lay.rows], read_as,
                                                 labelled=True))
        return labelled
    if problem:
        result.problems.append(Problem(both(problem.message, problem.message_zh or problem.message) + read_as,
                                       problem.location, problem.hint, hint_zh=problem.hint_zh))
        return labelled
    result.periods[str(path)] = period
    unread = {lay.sheet.name: emit_sheet(path, lay, period, index.fields, facts, result) for lay in layouts}
    result.problems += unread_rows(path, unread, len(result.observations))
    if not result.observations and not result.errors:
        hint = msg("row labels must be the Chinese names or aliases in indicators/fields.yaml")
        if read_as:
            hint += msg(CSV_HINT)
        result.problems.append(Problem(msg(NOT_A_ZONE_TABLE) + read_as, Location(file=path), hint, code=NOT_A_ZONE))
    return labelled


def _league_table(path: Path, lay: Layout, col: int, names: list[tuple[int, str]]) -> Problem:
    """A sheet of several zones down a column and statistics across: said as what it is, at its first zone's cell."""
    shown = "、".join(dict.fromkeys(f"「{name}」" for _, name in names[:3])) + (" …" if len(names) > 3 else "")
    return Problem(msg("sheet 「{sheet}」 is a table of several zones ({zones} down column {col}) with statistics across "
                       "the columns, not one zone's table; its figures are not read", sheet=lay.sheet.name, zones=shown,
                       col=a1(0, col)[:-1]),
                   Location(file=path, sheet=lay.sheet.name, cell=a1(names[0][0], col)),
                   msg("a table of zones side by side is a peer table: give it with --peers (one row per zone, one column "
                       "per indicator of the framework), not among the zone's own workbooks"), code=NOT_A_ZONE)


def _labels_head_columns(lay: Layout) -> bool:
    """Whether the sheet's row labels all stand in one row that holds no number, with numbers below some of them:
    the header row of a database export, not a zone table's labels (each of which has its figures beside it)."""
    if len({row.r for row in lay.rows}) != 1:
        return False
    r, rows = lay.rows[0].r, lay.sheet.rows
    if any(_numeric(v) for v in rows[r]):
        return False
    return any(row.c < len(below) and _numeric(below[row.c]) for below in rows[r + 1:r + 40] for row in lay.rows)


def _numeric(value: object) -> bool:
    """A number, or a CSV's text of one."""
    if is_number(value):
        return True
    try:
        return isinstance(value, str) and parse_number(value) is not None
    except CellError:
        return False


def _transposed(path: Path, lay: Layout, index: FieldIndex, facts: CellFacts, result: IngestResult) -> bool:
    """read_transposed; a sheet with row labels that is not read as an export leaves no problem of that attempt."""
    said = len(result.problems)
    if read_transposed(path, lay.sheet, index, facts, result):
        return True
    if lay.rows:
        del result.problems[said:]
    return False


def _text_at(rows: list[list[object]], cell: str | None) -> str:
    """The text of `cell` (A1) in a sheet's `rows`, stripped; '' when there is none."""
    from scorer.read.text import from_a1

    r, c = from_a1(cell or "A1")
    return str(rows[r][c]).strip() if r < len(rows) and c < len(rows[r]) else ""


def _after_transposed(path: Path, sheets: list[Sheet], result: IngestResult) -> IngestResult:
    """A workbook read only from database exports: its period is the latest quarter its rows give."""
    periods = {o.period for o in result.observations}
    if periods:
        result.periods[str(path)] = max(periods)
    elif unread := [p for p in result.problems if p.code == UNREAD_COLUMN and str(p.location.file) == str(path)]:
        # an export of a region's series (中国:GDP:…) is no zone's table: a stray file in a folder
        region = any(p.code == NOT_A_ZONE and str(p.location.file) == str(path) for p in result.problems)
        # The headers named here, at their cells: a refusal is printed without the warnings (bt10f F17: it sent the
        # user to "the warnings above", which were not printed)
        rows = {s.name: s.rows for s in sheets}
        named = "、".join(f"「{_text_at(rows.get(p.location.sheet, []), p.location.cell)}」 ({p.location.cell})"
                         for p in unread[:3]) + (" …" if len(unread) > 3 else "")
        result.problems.append(Problem(msg("no column of the export that names a statistic of the framework could be "
                                           "read: {headers} say the statistic but not what their columns hold in a way "
                                           "this reader knows", headers=named), unread[0].location,
                                       msg("name the columns as the database does: …_累计值 (the year to date), "
                                           "…_累计增长 (its growth rate), …_期末值 (a stock's value at the period's end)"),
                                       code=NOT_A_ZONE if region else "input"))
    elif not result.errors:
        result.problems.append(Problem(msg("the export names statistics of the framework in its columns but no row "
                                           "is dated at a quarter's end (3月, 6月, 9月, 12月)"), Location(file=path),
                                       msg("export the quarters' ends (or every month) with their dates")))
    return result


NOT_A_ZONE_TABLE = N_("no statistic of the framework was found in this workbook")
NOT_A_ZONE = zones.NOT_A_ZONE  # the code of a workbook that holds no zone's table (a time series, a national export)
EMPTY_WORKBOOK = "empty_workbook"
# What a stray file in a folder is refused for: the folder's other workbooks are read without it.
STRAY = {NOT_A_ZONE, EMPTY_WORKBOOK, NOT_A_WORKBOOK}
READ_WITHOUT = N_("; the other workbooks are read without it")  # said of a stray file, unless --strict refuses the run
CSV_HINT = N_("; a CSV must be UTF-8 or GB18030 text (save it as CSV UTF-8 from Excel or WPS)")


def _not_a_zone_table(path: Path, sheets: list[Sheet], read_as: str, labelled: bool = False) -> Problem:
    """The file holds no row labelled with a field of the framework (or, `labelled`, its labelled rows run over
    several periods, a time series): say what it looks like instead, naming the sheet."""
    shapes = [(s, shape) for s in sheets if (shape := sheet_shape(s))]
    sheet = shapes[0][0] if shapes else next((s for s in sheets if any(v not in ("", None) for row in s.rows
                                                                        for v in row)), sheets[0])
    what = (both("; ".join(shape for _, shape in shapes[:2]), "；".join(getattr(s, "zh", s) for _, s in shapes[:2]))
            if shapes
            else msg("sheet 「{sheet}」 holds no labelled statistic", sheet=sheet.name))
    hint = msg("a zone's statistics table has the framework's statistics down the rows (地区生产总值, 税收收入 … as in "
               "indicators/fields.yaml) and 累计 / 上年同期 / 同比 across the columns; leave this file out of the folder")
    if read_as and not shapes and not labelled:  # a CSV whose text was understood needs no word on encodings (bt10f F7c)
        hint += msg(CSV_HINT)
    if labelled:
        return Problem(msg("not a zone's table of one quarter: {what}; its figures are not read", what=what) + read_as,
                       Location(file=path, sheet=sheet.name), hint, code=NOT_A_ZONE)
    return Problem(msg("{not_found}: no row is labelled with a statistic of the framework; {what}",
                       not_found=msg(NOT_A_ZONE_TABLE), what=what) + read_as,
                   Location(file=path, sheet=sheet.name), hint, code=NOT_A_ZONE)


def _hidden_sheet_notes(path: Path, sheets: list[Sheet], index: FieldIndex) -> list[Problem]:
    """A note for each hidden sheet that holds a label of the framework (last month's table, kept out of sight)."""
    notes = []
    for sheet in sheets:
        if sheet.visible == "visible":
            continue
        labels = index.labels_among({v for row in sheet.rows for v in row if v.__class__ is str})
        if labels:
            shown = "、".join(f"「{t}」" for t in sorted(labels)[:3]) + (" …" if len(labels) > 3 else "")
            how = (msg("very hidden (only a macro or the VBA editor shows it)") if sheet.visible == "veryhidden"
                   else msg("hidden"))
            # Excel's Unhide does not list a very hidden sheet: the VBA editor's Visible property shows it (bt10f F18)
            hint = (msg("if it belongs to the report, show it in Excel's VBA editor (Alt+F11, select the sheet, set its "
                        "Visible property to -1 - xlSheetVisible), or read hidden sheets with --hidden-sheets (an option of "
                        "scorer ingest, score and report)")
                    if sheet.visible == "veryhidden" else
                    msg("unhide it in Excel if it belongs to the report, or read hidden sheets with --hidden-sheets (an "
                        "option of scorer ingest, score and report)"))
            notes.append(Problem(msg("the sheet is {how} and was not read, though it holds {shown}", how=how, shown=shown),
                                 Location(file=path, sheet=sheet.name), hint, "note"))
    return notes


def _hidden_said(result: IngestResult, hidden_notes: list[Problem]) -> IngestResult:
    """A workbook refused as holding no statistic (or as empty) whose hidden sheets hold some: the refusal
    names those sheets and says how to read them (--hidden-sheets), rather than sending the user away."""
    if not hidden_notes or result.observations:
        return result
    names = "、".join(f"「{p.location.sheet}」" for p in hidden_notes)
    result.problems = [
        Problem(both(p.message, p.message_zh or p.message)
                + msg("; the hidden sheets {names} hold statistics of the framework and were not read", names=names),
                p.location, msg("read hidden sheets with --hidden-sheets (an option of scorer ingest, score and report: e.g. "
                                "scorer score --hidden-sheets FILE), or "
                                "unhide them in Excel (right-click a sheet tab › Unhide) if they belong to the report"),
                p.severity, p.code)
        if p.severity == "error" and p.code in (NOT_A_ZONE, EMPTY_WORKBOOK) else p for p in result.problems]
    return result


# ------------------------------------------------------------------------------- many files
def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Workbook files named directly or found (not recursively) in the folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir()
                          if (f.is_file() or is_special(f)) and f.suffix.lower() in WORKBOOK_SUFFIXES
                          and not f.name.startswith(("~$", ".")))
        elif p.exists():
            out.append(p)
        else:
            raise ScorerError.at(msg("no such file or folder"), file=p, hint=backslash_hint(p))
    return out


def nested_folders(folder: Path) -> set[Path]:
    """The sub-folders of `folder` (one level down) that hold workbooks, which `discover` does not read (bt15i F11)."""
    return {f.parent for f in folder.glob("*/*") if f.suffix.lower() in WORKBOOK_SUFFIXES
            and not f.name.startswith(("~$", "."))}


def ingest(paths: Iterable[Path | str], fields: dict[str, FieldDef],
           required: Mapping[str, Collection[str]] | Collection[str] | None = None,
           hidden_sheets: bool = False, zone: str | None = None) -> IngestResult:
    """Read every workbook, then check the observations against each other (one consolidated report).

    `required`: the fields the framework's indicators need, as ids or as {field id: indicator names};
    a field no workbook gives is an error, one missing for some quarters a warning. `hidden_sheets`:
    read hidden and very hidden sheets too (by default they are skipped, with a note). Workbooks that
    name different zones are refused unless `zone` picks one (see scorer.read.zones.one_zone).
    """

    paths = list(paths)
    files = discover(paths)
    result = IngestResult()
    if not files:
        # Folders are read one level deep: workbooks filed in sub-folders (收件箱/2022年四季度/…) are named, not passed
        # over without a word (bt15i F11)
        below = sorted(set().union(*(nested_folders(p) for p in map(Path, paths) if p.is_dir())))
        result.problems.append(Problem(msg("no workbook (.xlsx, .xlsm, .xls, .ods, .csv, .et) found"),
                                       Location(file=", ".join(map(str, paths))),
                                       msg("workbooks are in its sub-folders, which are not read: name one of them ({folders})",
                                           folders=", ".join(map(str, below[:5])) + (" …" if len(below) > 5 else ""))
                                       if below else msg("name a folder of workbooks or the files")))
        return result
    index = FieldIndex(fields)
    strays: list[Problem] = []
    for f in files:
        try:
            note_read(f)  # never written over; a FIFO or device (named, or in a folder) refused, not opened
            with open(f, "rb") as fh:
                data = read_input(f, fh)
        except ScorerError as exc:  # a large file whose first bytes say it is no workbook: not read in full
            result.problems += exc.problems
            continue
        except OSError as exc:
            result.problems.append(_unreadable(f, exc))
            continue
        result.files[str(f)] = hashlib.sha256(data).hexdigest()
        one = _read(f, data, index, hidden_sheets)
        result.titles.update(one.titles)
        result.title_cells += one.title_cells
        result.periods.update(one.periods)
        result.hidden.update(one.hidden)
        for key, where in one.marked_missing.items():
            result.marked_missing.setdefault(key, where)
        for key, where in one.left_blank.items():
            result.left_blank.setdefault(key, where)
        result.observations += one.observations
        result.problems += one.problems
        result.unread_labels += one.unread_labels
        if not one.observations and one.errors and all(p.code in STRAY for p in one.errors):
            strays += one.errors
            # its titles name no zone of the run (河南省开发区…, a league table's zones: bt10f F16 stopped the folder)
            result.titles.pop(str(f), None)
            result.title_cells = [t for t in result.title_cells if str(t[1].file) != str(f)]
    if strays and result.observations:
        # One stray file (a downloaded time series, an empty or broken workbook) does not stop a folder:
        # the others are read, it is named in a warning (an error under --strict).
        result.problems = [Problem(both(p.message, p.message_zh or p.message) + msg(READ_WITHOUT),
                                   p.location, p.hint, "warning", p.code, hint_zh=p.hint_zh) if p in strays else p
                           for p in result.problems]
    result.problems += zones.one_zone(result, zone, frozenset(str(p.location.file) for p in strays))
    result.problems += zones.one_host_city(result, fields)
    if zone is None and result.zone_name() is None and (unnamed := result.unnamed_title()):
        result.problems.append(Problem(
            msg("the title 「{title}」 names the zone by marks alone (no letter or character): the report cannot "
                "name the zone from it and calls it 本开发区", title=unnamed[1]), Location(file=Path(unnamed[0])),
            msg("write the zone's name in the title (周口经济开发区2022年1-6月主要经济指标), or give it with --zone"),
            "note", code="zone_unnamed"))
    # One cause, one message: a field whose column was passed over with a warning naming it (UNREAD_COLUMN: 地区生产总值_当月值)
    # is not said again as 「地区生产总值」 is in no workbook (issue 10).
    unread = {p.field_id for p in result.problems if p.code == UNREAD_COLUMN and p.field_id}
    from scorer.read.near_labels import name_near_rows

    result.problems += _hidden_rows_said(name_near_rows([p for p in checks.check_observations(
        result.observations, fields, required, marked=result.marked_missing, blank=result.left_blank)
        if not (p.code == "missing_field" and p.field_id in unread)], result.unread_labels, fields), result.problems)
    result.problems = said_hidden(result.hidden, result.problems)  # the checks across workbooks too
    return result


def _hidden_rows_said(missing: list[Problem], said: list[Problem]) -> list[Problem]:
    """A statistic missing whose row is there but hidden (left out with a note, hidden.set_aside) is not told to add
    the row: its problem says where the hidden row is and how to read it (bt10f F12)."""
    hidden = {p.field_id: p.location for p in said if p.code == HIDDEN_CELLS and p.field_id}
    return [replace(p, hint=(h := msg("its row is there but hidden ({where}): unhide the row in Excel, or read hidden "
                                      "rows and columns with --hidden-sheets (an option of scorer ingest, score and "
                                      "report)", where=both(hidden[p.field_id].render("en"),
                                                                          hidden[p.field_id].render("zh")))),
                    hint_zh=h.zh)
            if p.code == "missing_field" and p.field_id in hidden else p for p in missing]


def _refused(p: Problem) -> Problem:
    """A problem as an error of a run refused under --strict: a stray file's warning no longer says the other workbooks
    are read without it (none is read, bt10f F7a)."""
    end, end_zh = msg(READ_WITHOUT), msg(READ_WITHOUT).zh
    if p.code in STRAY and p.severity == "warning" and str(p.message).endswith(str(end)):
        zh = p.message_zh or ""
        message = both(str(p.message)[:-len(end)], zh[:-len(end_zh)] if zh.endswith(end_zh) else zh)
        return replace(p, message=message, message_zh=message.zh, severity="error")
    return p.with_severity("error")


def read(paths: Iterable[Path | str], framework: Framework, strict: bool = False,
         hidden_sheets: bool = False, zone: str | None = None) -> IngestResult:
    """Ingest workbooks (files or folders) into observations, checked across every workbook.

    Returns an IngestResult: `observations` (one per value read, in the field's canonical unit, with
    its file, sheet and cell), `problems`, and each file's sha256. Raises ScorerError listing every
    error (with `strict`, every warning too), each with file, sheet and cell. `hidden_sheets`: read
    hidden sheets too (by default they are skipped with a note). Workbooks naming two or more zones
    are refused unless `zone` says which to score. (Here, not beside `run` in scorer.score.run, so that
    `scorer ingest` loads no pandas.)
    """
    ingested = ingest(list(paths), framework.fields, checks.required_fields(framework), hidden_sheets, zone)
    blocking = ingested.errors + ingested.warnings if strict else ingested.errors
    if blocking:
        raise ScorerError([_refused(p) if strict else p.with_severity("error") for p in blocking])
    return ingested
