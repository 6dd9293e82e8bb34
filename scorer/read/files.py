"""Workbook files → sheets of cell values: sniffing what a file is, CSV encodings, python-calamine,
and the cell facts calamine drops (Excel error values, formulas never calculated, percent formats).

.xlsx/.xlsm are read by python-calamine, their error cells and number formats looked up in the
sheet's XML; .xls by python-calamine too, its error cells and number formats from xlrd; .ods by
python-calamine, its percentage cells from content.xml; an OLE2 compound file is told apart (encrypted
package, Word document, workbook) by olefile. Before calamine reads a sheet, its extent is found from
the cells present (`extent.py`): a stray far-away cell would make calamine materialise billions of cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import olefile

from scorer.archives import check_inflation, input_limit, read_bounded, too_large
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg
from scorer.read.extent import (OdsCells, filled_warning, loaded_strays, ods_cells, refuse_strays, stray_warning,
                                xls_strays, xlsx_without_strays)
from scorer.read.hidden import hidden_lines, xls_hidden, xlsx_hidden
from scorer.read.text import from_a1, period_text

# A folder's workbooks by name; each is then read for what its bytes are (_sniff). WPS 表格 saves .et (its template
# .ett) by default, in the .xls compound format or as .xlsx: an analyst's quarter saved from WPS was skipped in a folder
# and the inbox without a word, and the report fell back to the quarter before (bt15i F0).
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".et", ".ett"}


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # absolute coordinates from A1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    visible: str = "visible"  # "visible", "hidden" or "veryhidden" (hidden from the user interface too)
    problems: list[Problem] = field(default_factory=list)  # found while opening it: stray far-away cells
    hidden_rows: frozenset[int] = frozenset()  # of a sheet shown, the rows and columns hidden in it (hidden.py)
    hidden_cols: frozenset[int] = frozenset()


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_A_WORKBOOK = "not_a_workbook"  # the code of a file that opens as no workbook at all (0 bytes, HTML, broken zip)


def _not_the_files(exc: BaseException) -> bool:
    """Whether `exc`, caught around calamine (whose Rust panics are BaseException: pyo3's PanicException), is no
    fault of the file but a stop: Ctrl-C, an exit, or any other BaseException such as the CLI's Terminated (a
    SIGTERM or SIGHUP while a sheet was read was said as "cannot read sheet", and `scorer watch` went on, bt16g F5)."""
    return not isinstance(exc, Exception) and type(exc).__name__ != "PanicException"


def _open_failure(message: str, path: Path, hint: str) -> ScorerError:
    return ScorerError(Problem(msg("cannot open as a workbook: {why}", why=message), Location(file=path), hint,
                               code=NOT_A_WORKBOOK))


def cut_short(path: Path) -> bool:
    """Whether the file `path` could be a workbook still being copied in (bt15i F6): empty; ending in a run of zero
    bytes (Windows Explorer over SMB often sets the final size first and fills it in); a zip archive (.xlsx, .ods)
    whose directory at its end is missing or whose parts fail their CRC; a compound file (.xls) that olefile cannot
    open or whose length is no whole number of its sectors. False for any other file, for a file over its size
    bound (`read_input` refuses it, saying so) and for a file that cannot be read (the reading's own error says
    why). Reads the whole file: called only after it failed to open."""
    try:
        with open(path, "rb") as fh:
            data = read_bounded(fh, path, input_limit(path))
    except (OSError, ScorerError):
        return False
    if not data or not data[-512:].strip(b"\0"):
        return True
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return archive.testzip() is not None
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
            return True
    if data[:8] == _OLE_MAGIC:
        try:
            with olefile.OleFileIO(data) as ole:
                return (len(data) - 512) % ole.sectorsize != 0
        except Exception:  # olefile raises OSError and others for a container cut off
            return True
    return False


SNIFF_ABOVE = 16 << 20  # bytes: a file larger than this is refused by its first bytes before it is read in full


def read_input(path: Path, fh) -> bytes:
    """The bytes of the workbook `path`, open as the binary file `fh`. A file over SNIFF_ABOVE bytes that is no zip
    archive (.xlsx, .ods), no compound file (.xls) and no .csv is refused (ScorerError, as `_sniff` says it) from
    its first 4 096 bytes, before the rest is read: a 10 GB sparse file dropped in the watched folder was read in
    full, blocking the watcher for 51 s, before its first bytes said it was no workbook (bt16g F7c)."""
    head = fh.read(4096)
    size, limit = os.fstat(fh.fileno()).st_size, input_limit(path)
    if size > SNIFF_ABOVE and not head.startswith((b"PK", _OLE_MAGIC)) and path.suffix.lower() != ".csv":
        _sniff(path, head)
    if size > limit:  # refused before it is read (bt16j F13: a 96 MB CSV took 3 GB of memory and stopped the watcher)
        raise too_large(path, size, limit)
    return read_bounded(fh, path, limit, head)


def _sniff(path: Path, data: bytes, inflated: dict[str, bytes] | None = None) -> str:
    """'xlsx', 'xls', 'ods' or 'csv' from the bytes (a renamed file is read for what it is), or ScorerError.

    `inflated`: filled with the sheet parts of a zip archive (xl/worksheets/…), as the zip-bomb check
    inflates them (scorer.archives.check_inflation), so that they are inflated once."""
    damaged = msg("check that the file is a real .xlsx/.xls workbook (not renamed, not damaged); "
                  "open it in Excel and save it again")
    if not data:
        raise _open_failure(msg("the file is empty (0 bytes)"), path,
                            msg("copy the workbook again from the statistics office's original"))
    if data[:2] == b"PK":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _open_failure(msg("a damaged zip archive ({why})", why=_short(exc)), path, damaged) from None
        parts = check_inflation(data, path, _is_sheet_part if inflated is not None else None)  # a zip bomb: refused
        if inflated is not None:
            inflated.update(parts)
        if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
            return "xlsx"
        if "word/document.xml" in names:
            raise _open_failure(msg("this is a Word document, not a workbook"), path, msg("export the table to Excel (.xlsx)"))
        if any(n.startswith("ppt/") for n in names):
            raise _open_failure(msg("this is a PowerPoint file, not a workbook"), path, msg("export the table to Excel (.xlsx)"))
        if "content.xml" in names:
            mimetype = zipfile.ZipFile(io.BytesIO(data)).read("mimetype") if "mimetype" in names else b""
            if mimetype.strip() == b"application/vnd.oasis.opendocument.spreadsheet":
                return "ods"  # LibreOffice / WPS spreadsheet: calamine reads it like .xlsx
            raise _open_failure(msg("this is an OpenDocument file that is not a spreadsheet"), path,
                                msg("save the table as a spreadsheet (.ods or .xlsx)"))
        raise _open_failure(msg("a zip archive that is not an Excel workbook (it has no xl/workbook.xml)"), path,
                            msg("unpack the archive and name the workbook inside it"))
    if olefile.isOleFile(data=data):
        return _sniff_compound_file(path, data, damaged)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in head[:512]:
        raise _open_failure(msg("this is a web page (HTML) saved with an Excel name, not a workbook"), path,
                            msg("open it in Excel and save it as an Excel workbook (.xlsx)"))
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise _open_failure(msg("this is an Excel 2003 XML spreadsheet, which cannot be read"), path,
                            msg("open it in Excel and save it as .xlsx"))
    if path.suffix.lower() == ".csv":
        return "csv"
    raise _open_failure(msg("the file is neither an Excel workbook nor a zip archive (plain text or another format?)"),
                        path, damaged)


def what_is_wrong(path: Path, data: bytes) -> None:
    """Raise the ScorerError that says what `data`, the bytes of an Excel file another reader could not open (a COINr
    table, a peer table), is instead (empty, not a zip archive, a damaged one, a Word file …); return when they look
    like a workbook. bt16k F8: such a reader said "damaged or incomplete (BadZipFile)", a Python class name."""
    _sniff(path, data)


def _is_sheet_part(name: str) -> bool:
    return name.lower().startswith("xl/worksheets/") and name.lower().endswith(".xml")


def _sniff_compound_file(path: Path, data: bytes, damaged: str) -> str:
    """An OLE2 compound file is an .xls workbook, or an encrypted .xlsx, or a Word document, or damaged."""
    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # olefile raises OSError and others for a damaged container
        raise _open_failure(msg("a damaged compound file ({why})", why=_short(exc)), path, damaged) from None
    with ole:
        if ole.exists("EncryptedPackage"):
            raise _open_failure(msg("the workbook is encrypted with a password"), path,
                                msg("open it in Excel, remove the password (文件 › 信息 › 保护工作簿 › 用密码进行加密) and save it"))
        if ole.exists("WordDocument"):
            raise _open_failure(msg("this is a Word document, not a workbook"), path, msg("export the table to Excel (.xlsx)"))
        if not (ole.exists("Workbook") or ole.exists("Book")):
            raise _open_failure(msg("a compound file with no workbook stream in it (not an Excel .xls)"), path, damaged)
    return "xls"


def load_sheets(path: Path, data: bytes) -> tuple[list[Sheet], str, CellFacts]:
    """The sheets; what was read: 'xlsx', 'xls', 'ods' or the encoding a CSV was decoded with ('csv:gb18030');
    and the cell facts calamine drops, for looking up later. ScorerError when the file cannot be read, or
    when an .xls/.ods holds a stray cell far away from its tables (an .xlsx's are left out with a warning)."""
    inflated: dict[str, bytes] = {}
    kind = _sniff(path, data, inflated)
    if kind == "csv":
        rows, encoding = _read_csv(path, data)
        rows, cut = loaded_strays(rows)
        return [Sheet(path.stem, rows, problems=stray_warning(path, path.stem, cut, rows))], f"csv:{encoding}", \
            CellFacts("csv", data)
    facts = CellFacts(kind, data)
    strays: dict[str, list[tuple[int, int]]] = {}
    filled: dict[str, list[tuple[int, int, int]]] = {}  # columns filled down far below the tables, cut out
    if kind == "xlsx":
        data, strays = xlsx_without_strays(data, facts.sheet_parts(), path, inflated, filled)
    elif kind == "xls":  # calamine reads every sheet of an .xls as it opens it: look first
        book = facts.xls_book()
        hidden = frozenset(book.sheet_by_index(i).name for i in range(book.nsheets)
                           if book.sheet_by_index(i).visibility) if book else frozenset()
        refuse_strays(path, ".xls", xls_strays(book) if book else {}, hidden)
    else:
        refuse_strays(path, ".ods", facts.ods().strays)
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine raises several types (and a Rust panic) for damaged files
        if _not_the_files(exc):
            raise
        if type(exc).__name__ == "PasswordError":
            raise _open_failure(msg("the workbook is protected with a password"), path,
                                msg("open it in Excel, remove the password and save it")) from None
        raise _open_failure(_short(exc), path,
                            msg("check that the file is a real .xlsx/.xls workbook (not renamed, not damaged); "
                            "open it in Excel and save it again")) from None
    visibility = {m.name: str(m.visible).rpartition(".")[2].lower() for m in wb.sheets_metadata}
    sheets = []
    # Tens of thousands of row lists, all kept: the cyclic garbage collector would walk them again
    # and again while they are made, for nothing (they hold no cycles).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name in wb.sheet_names:
            try:
                sheet = wb.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = sheet.merged_cell_ranges or []
            except BaseException as exc:
                if _not_the_files(exc):
                    raise
                raise ScorerError(Problem(msg("cannot read sheet: {why}", why=_short(exc)), Location(file=path, sheet=name),
                                          msg("open the workbook in Excel and save it again"))) from None
            cut = strays.get(name, [])
            if not cut:  # a stray cell near enough to be read with the sheet: left out here, named alike
                rows, cut = loaded_strays(rows)
            facts.year_dates(name, rows)
            hidden_rows, hidden_cols = hidden_lines(rows, *facts.hidden(name, inflated))
            sheets.append(Sheet(name, rows, merged, visibility.get(name, "visible"),
                                stray_warning(path, name, cut, rows) + filled_warning(path, name, filled.get(name, []), rows),
                                hidden_rows, hidden_cols))
    finally:
        if collecting:
            gc.enable()
        wb.close()
    return sheets, kind, facts


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """{sheet name: zip member of its XML} from workbook.xml and its relationships (transitional or strict)."""
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels if _local(rel.tag) == "Relationship"}
    parts = {}
    for s in book.iter():
        if _local(s.tag) != "sheet":
            continue
        rid = next((v for k, v in s.attrib.items() if _local(k) == "id"), "")
        target = targets.get(rid, "")
        parts[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return parts


def _read_csv(path: Path, data: bytes) -> tuple[list[list[Any]], str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data[:4096]:
        raise ScorerError.at(msg("CSV holds NUL bytes: it is UTF-16 without a byte-order mark, or not text at all"),
                             file=path, hint=msg("save the table as CSV (UTF-8) from Excel or WPS"))
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ScorerError.at(msg("CSV is neither UTF-8 nor GB18030 text"), file=path,
                             hint=msg("save the table as CSV (UTF-8) from Excel or WPS"))
    lines = text.splitlines()
    return [[_csv_date(v) for v in r] for r in csv.reader(lines, delimiter=_delimiter(lines[:30]))], encoding


# A date as Excel and LibreOffice write one into a CSV: 2022/6/30 (Excel, Chinese locale), 2022-06-30 (ISO),
# 2022/6, 2022-06 (a year-month format), Jun-22 (mmm-yy), with the time 0:00 they may add.
_CSV_DATE = re.compile(r"^(\d{4})([-/])(\d{1,2})(?:\2(\d{1,2}))?(?:\s+0?0:00(?::00)?)?$")
_CSV_MONTH_YEAR = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(\d{2})$", re.IGNORECASE)
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def _csv_date(text: str) -> str | dt.date:
    """A CSV cell's text, or the date it writes when that date names a month (its first or last day, or no
    day: 2022/6/30, 2022-06, Jun-22), as in the .xlsx the CSV was saved from, where a period is looked for
    (`text.period_text`). Any other text, a mid-month date among it, stays text."""
    if not 5 <= len(text) <= 19 or not ("/" in text or "-" in text):
        return text  # most cells: a number, a label
    if m := _CSV_DATE.match(text.strip()):
        year, month, day = int(m[1]), int(m[3]), int(m[4] or 1)
    elif m := _CSV_MONTH_YEAR.match(text.strip()):
        year, month, day = 2000 + int(m[2]), _MONTHS.index(m[1].lower()) + 1, 1
    else:
        return text
    try:
        date = dt.date(year, month, day)
    except ValueError:  # 2022-13-01, 2022/2/30: no date, the text as written
        return text
    return date if period_text(date) else text


def _delimiter(lines: list[str]) -> str:
    """The separator that splits the most lines (Excel writes ',', WPS's text export '\t', some locales ';')."""
    def score(d: str) -> tuple[int, int]:
        widths = [len(r) for r in csv.reader(lines, delimiter=d)]
        return sum(w > 1 for w in widths), max(widths, default=0)
    return max(("\t", ",", ";"), key=score)


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# ----------------------------------------------------- what calamine cannot tell from a blank
_X = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional XML namespace prefix (x:c in files written by .NET)
_XML_ERROR_CELL = re.compile(  # <c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>, never reading into the next cell
    rb"<" + _X + rb"c\b([^>]*\bt=\"e\"[^>/]*)>((?:(?!</" + _X + rb"c>).)*?)<" + _X + rb"v>([^<]*)</", re.S)
_XML_UNCACHED_FORMULA = re.compile(
    rb"<" + _X + rb"c\b([^>]*)>\s*<" + _X + rb"f\b[^>]*(?:/>|>[^<]*</" + _X + rb"f>)\s*(?:<" + _X + rb"v\s*/>|<"
    + _X + rb"v>\s*</" + _X + rb"v>)?\s*</" + _X + rb"c>")
_XML_REF = re.compile(rb"\sr\s*=\s*[\"']([A-Z]+[0-9]+)[\"']")
_BUILTIN_PERCENT = {9, 10}  # Excel's built-in number formats 0% and 0.00%


def is_percent_format(code: str) -> bool:
    """Whether a number format code shows its value ×100 with a % sign (0.0% yes; 0.0"%" and 0.0\\% no)."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


def shows_year_only(code: str) -> bool:
    """Whether a date format shows the year and nothing finer (yyyy"年", [DBNum1]yyyy"年", yy): a band 2022年
    typed into Excel is kept as the date 2022-01-01 so formatted, and means the year, not January."""
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code).split(";")[0].lower()
    return "y" in section and not re.search(r"[mdhs]", section)


def _local(tag: str) -> str:
    """An XML tag or attribute without its namespace: transitional and strict Open XML name them differently."""
    return tag.rpartition("}")[2]


class CellFacts:
    """Facts about cells that python-calamine drops, read from the file only when a cell needs them.

    calamine returns '' for an Excel error value (#DIV/0!) and for a formula that was never
    calculated, exactly as for a blank cell; and it drops number formats, so 8.5% stored as 0.085
    in a percent-formatted cell reads as 0.085. For .xlsx/.xlsm (transitional or strict Open XML)
    they are looked up in the sheet's XML and styles.xml; for .xls in xlrd's reading of the file.
    """

    def __init__(self, kind: str, data: bytes):
        self.kind, self.data = kind, data
        self._blank: dict[str, dict[tuple[int, int], str]] = {}
        self._percent: dict[str, set[tuple[int, int]]] = {}
        self._zip: zipfile.ZipFile | None = None
        self._parts: dict[str, str] | None = None
        self._styles: dict[str, set[bytes]] = {}  # 'percent' | 'year' → the .xlsx cell styles (xf) of that format
        self._book: Any = None  # xlrd's Book of an .xls (False when xlrd cannot read it)
        self._ods: OdsCells | None = None

    def blank_reason(self, sheet: str, r: int, c: int) -> str | None:
        """Why a cell calamine gives as '' is not simply blank: 'Excel error value #DIV/0!' and the like."""
        if self.kind == "csv":
            return None
        if self.kind == "ods":
            return self.ods().error(sheet, r, c)
        if self.kind == "xls":
            return self._xls_fact(sheet, r, c, self._xls_error)
        if sheet not in self._blank:
            try:
                self._blank[sheet] = self._xlsx_blanks(sheet)
            except Exception:  # the look-up is best effort: a file calamine read but this cannot is rare
                self._blank[sheet] = {}
        return self._blank[sheet].get((r, c))

    def is_percent(self, sheet: str, r: int, c: int) -> bool:
        """Whether the cell's number format shows it as a percentage (0.085 shown as 8.5%)."""
        if self.kind == "csv":
            return False
        if self.kind == "ods":
            return self.ods().is_percent(sheet, r, c)
        if self.kind == "xls":
            return bool(self._xls_fact(sheet, r, c, self._xls_percent))
        if sheet not in self._percent:
            try:
                self._percent[sheet] = self._xlsx_percent_cells(sheet)
            except Exception:
                self._percent[sheet] = set()
        return (r, c) in self._percent[sheet]

    # ---- .xlsx
    def _open_zip(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip = zipfile.ZipFile(io.BytesIO(self.data))
        return self._zip

    def sheet_parts(self) -> dict[str, str]:
        """{sheet name: zip member of its XML} of an .xlsx."""
        if self._parts is None:
            self._parts = _sheet_parts(self._open_zip())
        return self._parts

    def _sheet_xml(self, sheet: str) -> bytes | None:
        part = self.sheet_parts().get(sheet)
        return self._open_zip().read(part) if part else None

    def ods(self) -> OdsCells:
        """An .ods's stray cells and percentage cells (content.xml walked once)."""
        if self._ods is None:
            self._ods = ods_cells(self.data)
        return self._ods

    def _xlsx_blanks(self, sheet: str) -> dict[tuple[int, int], str]:
        xml = self._sheet_xml(sheet) or b""
        found = {}
        if b't="e"' in xml:
            for m in _XML_ERROR_CELL.finditer(xml):
                ref = _XML_REF.search(m[1])
                if ref:
                    found[from_a1(ref[1].decode())] = msg("Excel error value {code}", code=m[3].decode(errors="replace"))
        if b"<f" in xml or b":f" in xml:
            for m in _XML_UNCACHED_FORMULA.finditer(xml):
                ref = _XML_REF.search(m[1])
                if ref:
                    found.setdefault(from_a1(ref[1].decode()),
                                     msg("a formula with no saved result (the file was written by a program that does not "
                                         "calculate formulas)"))
        return found

    def year_dates(self, sheet: str, rows: list[list[Any]]) -> None:
        """Put in `rows`, in place, the year a date cell shows when its format shows the year alone
        (2022-01-01 formatted yyyy"年" → the text '2022年'): where a period is looked for, such a cell
        is a year, as the user sees it, not 2022年1月. For .xlsx (transitional or strict), .xls and .ods."""
        if self.kind == "xlsx":
            try:
                cells = self._xlsx_cells_styled(sheet, "year")
            except Exception:  # best effort, as every look-up here
                cells = set()
        elif self.kind == "xls":
            try:
                cells = self._xls_year_cells(self._book.sheet_by_name(sheet)) if self.xls_book() else set()
            except Exception:
                cells = set()
        else:
            # a block is one cell repeated (table:number-*-repeated): a band needs its first cells, not 16 384 of them
            cells = {(r, c) for r0, r1, c0, c1 in self.ods().years.get(sheet, ()) for r in range(r0, min(r1, r0 + 64) + 1)
                     for c in range(c0, min(c1, c0 + 64) + 1)}
        for r, c in cells:
            if r < len(rows) and c < len(rows[r]) and isinstance(rows[r][c], (dt.date, dt.datetime)):
                rows[r][c] = f"{rows[r][c].year}年"

    def hidden(self, sheet: str, inflated: dict[str, bytes]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The ranges (first, last, 0-based) of hidden rows and of hidden columns of `sheet` (scorer.read.hidden); `inflated`: the sheet
        parts of an .xlsx already inflated. Best effort, as every look-up here: none found when the file says none
        or cannot be read for them."""
        try:
            if self.kind == "xlsx":
                part = self.sheet_parts().get(sheet)
                xml = inflated.get(part) if part in inflated else self._sheet_xml(sheet)
                return xlsx_hidden(xml or b"")
            if self.kind == "xls":
                return xls_hidden(self._book, sheet) if self.xls_book() else ([], [])
            if self.kind == "ods":
                return list(self.ods().hidden_rows.get(sheet, ())), list(self.ods().hidden_cols.get(sheet, ()))
        except Exception:
            pass
        return [], []

    def _xlsx_percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        return self._xlsx_cells_styled(sheet, "percent")

    def _xlsx_cells_styled(self, sheet: str, kind: str) -> set[tuple[int, int]]:
        """The cells of a sheet whose number format is a percent one (`kind` 'percent') or shows a year alone."""
        if kind not in self._styles:
            self._styles[kind] = self._read_styles(is_percent_format if kind == "percent" else shows_year_only,
                                                   _BUILTIN_PERCENT if kind == "percent" else set())
        if not self._styles[kind]:
            return set()
        xml = self._sheet_xml(sheet) or b""
        styles = b"|".join(re.escape(s) for s in sorted(self._styles[kind]))
        pattern = re.compile(rb"<" + _X + rb"c\b([^>]*\ss\s*=\s*[\"'](?:" + styles + rb")[\"'][^>]*)>")
        return {from_a1(ref[1].decode()) for m in pattern.finditer(xml) if (ref := _XML_REF.search(m[1]))}

    def _read_styles(self, shows: Any, builtin: set[int]) -> set[bytes]:
        """The cell styles (xf indices, as written in a cell's s="…") whose number format `shows(code)` is true
        for, or is one of Excel's `builtin` format ids."""
        z = self._open_zip()
        try:
            root = ElementTree.fromstring(z.read("xl/styles.xml"))
        except KeyError:
            return set()
        formats = set(builtin)
        for fmt in root.iter():
            if _local(fmt.tag) == "numFmt" and shows(fmt.get("formatCode", "")):
                formats.add(int(fmt.get("numFmtId", "-1")))
        xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
        if xfs is None or not formats:
            return set()
        return {str(i).encode() for i, xf in enumerate(e for e in xfs if _local(e.tag) == "xf")
                if int(xf.get("numFmtId", "0")) in formats}

    # ---- .xls, through xlrd
    def xls_book(self) -> Any:
        """xlrd's Book of an .xls, its rows ragged (a far cell costs one short row), or None when xlrd cannot
        read the file (calamine may; then the facts looked up here are not found)."""
        if self._book is None:
            import xlrd

            try:
                self._book = xlrd.open_workbook(file_contents=self.data, formatting_info=True, on_demand=True,
                                                ragged_rows=True, logfile=io.StringIO())
            except Exception:  # best effort: xlrd refuses some files calamine reads
                self._book = False
        return self._book or None

    def _xls_fact(self, sheet: str, r: int, c: int, fact: Any) -> Any:
        try:
            if self.xls_book() is None:
                return None
            ws = self._book.sheet_by_name(sheet)
            if r >= ws.nrows or c >= ws.row_len(r):
                return None
            return fact(ws, r, c)
        except Exception:  # best effort, as for .xlsx: calamine has read the values already
            return None

    def _xls_error(self, ws: Any, r: int, c: int) -> str | None:
        import xlrd

        if ws.cell_type(r, c) == xlrd.XL_CELL_TEXT and ws.cell_value(r, c) == "":
            # A blank cell is XL_CELL_BLANK; empty text is what a formula saved without its result leaves
            # (as a program that does not calculate formulas writes it), or a formula that gives "".
            return msg("a formula with no saved result (the file was written by a program that does not calculate "
                       "formulas), or a formula giving empty text")
        if ws.cell_type(r, c) != xlrd.XL_CELL_ERROR:
            return None
        return msg("Excel error value {code}", code=xlrd.error_text_from_code.get(ws.cell_value(r, c), "#ERROR"))

    def _xls_year_cells(self, ws: Any) -> set[tuple[int, int]]:
        """The cells of an .xls sheet (xlrd's) whose date format shows a year alone."""
        book = self._book
        years = {i for i, xf in enumerate(book.xf_list) if (fmt := book.format_map.get(xf.format_key)) is not None
                 and shows_year_only(fmt.format_str)}
        if not years:
            return set()
        return {(i, j) for i in range(ws.nrows) for j in range(ws.row_len(i)) if ws.cell_xf_index(i, j) in years}

    def _xls_percent(self, ws: Any, r: int, c: int) -> bool:
        xf = self._book.xf_list[ws.cell_xf_index(r, c)]
        fmt = self._book.format_map.get(xf.format_key)
        return xf.format_key in _BUILTIN_PERCENT or (fmt is not None and is_percent_format(fmt.format_str))
