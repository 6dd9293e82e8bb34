"""Workbook files → sheets of cell values: sniffing what a file is, CSV encodings, python-calamine,
and the cell facts calamine drops (Excel error values, formulas never calculated, percent formats).

.xlsx/.xlsm are read by python-calamine, their error cells and number formats looked up in the
sheet's XML; .xls by python-calamine too, its error cells and number formats from xlrd; an OLE2
compound file is told apart (encrypted package, Word document, workbook) by olefile.
"""

from __future__ import annotations

import csv
import gc
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import olefile

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg
from scorer.read.text import a1, from_a1

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # absolute coordinates from A1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    visible: str = "visible"  # "visible", "hidden" or "veryhidden" (hidden from the user interface too)
    problems: list[Problem] = field(default_factory=list)  # found while opening it: stray far-away cells


def _open_failure(message: str, path: Path, hint: str) -> ScorerError:
    return ScorerError(Problem(msg("cannot open as a workbook: {why}", why=message), Location(file=path), hint))


def _sniff(path: Path, data: bytes) -> str:
    """'xlsx', 'xls', 'ods' or 'csv' from the bytes (a renamed file is read for what it is), or ScorerError."""
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


def load_sheets(path: Path, data: bytes) -> tuple[list[Sheet], str]:
    """The sheets, and what was read: 'xlsx', 'xls' or the encoding a CSV was decoded with ('csv:gb18030')."""
    kind = _sniff(path, data)
    if kind == "csv":
        rows, encoding = _read_csv(path, data)
        return [Sheet(path.stem, rows)], f"csv:{encoding}"
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:  # calamine raises several types (and a Rust panic) for damaged files
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        if type(exc).__name__ == "PasswordError":
            raise _open_failure(msg("the workbook is protected with a password"), path,
                                msg("open it in Excel, remove the password and save it")) from None
        raise _open_failure(_short(exc), path,
                            msg("check that the file is a real .xlsx/.xls workbook (not renamed, not damaged); "
                            "open it in Excel and save it again")) from None
    visibility = {m.name: str(m.visible).rpartition(".")[2].lower() for m in wb.sheets_metadata}
    strays: dict[str, list[tuple[int, int]]] = {}
    if kind == "xlsx":
        data, strays = _without_stray_cells(data)
        if strays:
            wb.close()
            wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
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
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
                raise ScorerError(Problem(msg("cannot read sheet: {why}", why=_short(exc)), Location(file=path, sheet=name),
                                          msg("open the workbook in Excel and save it again"))) from None
            sheets.append(Sheet(name, rows, merged, visibility.get(name, "visible"),
                                _stray_warnings(path, name, strays.get(name, []), rows)))
    finally:
        if collecting:
            gc.enable()
        wb.close()
    return sheets, kind


# A sheet whose cells span more than this is checked for stray far-away cells before it is read:
# python-calamine materialises the whole rectangle from A1 to the last cell (XFD1048576: 17e9 cells).
_MAX_CELLS = 2_000_000
_ROW_GAP, _COL_GAP = 1_000, 100  # empty rows / columns that part a stray cell from the tables
_XML_ROW_NUMBER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\br=\"(\d+)\"")
_XML_CELL_COLUMN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br=\"([A-Z]+)\d")
_XML_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"")


def _without_stray_cells(data: bytes) -> tuple[bytes, dict[str, list[tuple[int, int]]]]:
    """The .xlsx with the cells far away from the rest of their sheet removed, and those cells by sheet.

    The extent is found from the cells present in each sheet's XML (never its <dimension> tag, which
    may say anything): the rows holding cells, and the columns they use. Only a sheet whose extent
    exceeds _MAX_CELLS is looked at cell by cell; there the cells beyond a gap of _ROW_GAP rows or
    _COL_GAP columns from the largest group of cells are strays.
    """
    z = zipfile.ZipFile(io.BytesIO(data))
    parts = _sheet_parts(z)
    found: dict[str, list[tuple[int, int]]] = {}
    rewritten: dict[str, bytes] = {}
    for name, part in parts.items():
        try:
            xml = z.read(part)
        except KeyError:
            continue
        rows = _XML_ROW_NUMBER.findall(xml)
        last_row = max(map(int, rows), default=0)
        last_col = max((from_a1(col.decode() + "1")[1] for col in set(_XML_CELL_COLUMN.findall(xml))), default=0)
        if (last_row + 1) * (last_col + 1) <= _MAX_CELLS:
            continue
        cells = [(int(m[2]) - 1, from_a1(m[1].decode() + "1")[1]) for m in _XML_CELL_REF.finditer(xml)]
        keep_rows = _largest_group([r for r, _ in cells], _ROW_GAP)
        keep_cols = _largest_group([c for r, c in cells if keep_rows[0] <= r <= keep_rows[1]], _COL_GAP)
        strays = [(r, c) for r, c in cells
                  if not (keep_rows[0] <= r <= keep_rows[1] and keep_cols[0] <= c <= keep_cols[1])]
        if not strays:
            continue
        found[name] = strays
        refs = b"|".join(re.escape(a1(r, c).encode()) for r, c in strays)
        pattern = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?c)\b[^>]*?\br=\"(?:" + refs + rb")\"[^>]*?(?:/>|>.*?</\1>)", re.S)
        rewritten[part] = pattern.sub(b"", xml)
    if not rewritten:
        return data, {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in z.infolist():
            dst.writestr(item, rewritten.get(item.filename) or z.read(item.filename))
    return out.getvalue(), found


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


def _stray_warnings(path: Path, sheet: str, strays: list[tuple[int, int]], rows: list[list[Any]]) -> list[Problem]:
    if not strays:
        return []
    end = a1(len(rows) - 1, max((len(r) for r in rows), default=1) - 1) if rows else "A1"
    others = msg(" (and {n} more: {cells})", n=len(strays) - 1, cells=", ".join(a1(*rc) for rc in strays[1:4])) \
        if len(strays) > 1 else ""
    return [Problem(msg("a stray cell far away from the tables was left out{others}; the sheet's other cells end at {end}",
                        others=others, end=end),
                    Location(file=path, sheet=sheet, cell=a1(*strays[0])),
                    msg("delete that cell (Ctrl+End in Excel goes to it) if it holds nothing of the report, and save"),
                    "warning")]


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
    return [list(r) for r in csv.reader(lines, delimiter=_delimiter(lines[:30]))], encoding


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
_XML_REF = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")
_BUILTIN_PERCENT = {9, 10}  # Excel's built-in number formats 0% and 0.00%


def is_percent_format(code: str) -> bool:
    """Whether a number format code shows its value ×100 with a % sign (0.0% yes; 0.0"%" and 0.0\\% no)."""
    return "%" in re.sub(r'"[^"]*"|\\.', "", code)


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
        self._percent_styles: set[bytes] | None = None
        self._book: Any = None  # xlrd's Book of an .xls

    def blank_reason(self, sheet: str, r: int, c: int) -> str | None:
        """Why a cell calamine gives as '' is not simply blank: 'Excel error value #DIV/0!' and the like."""
        if self.kind in ("csv", "ods"):
            return None  # an .ods keeps no separate cached values to look up
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
        if self.kind in ("csv", "ods"):
            return False  # .ods styles are not looked up: a 0.085 there stays 0.085 (the range check warns)
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

    def _sheet_xml(self, sheet: str) -> bytes | None:
        z = self._open_zip()
        if self._parts is None:
            self._parts = _sheet_parts(z)
        part = self._parts.get(sheet)
        return z.read(part) if part else None

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

    def _xlsx_percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        if self._percent_styles is None:
            self._percent_styles = self._read_percent_styles()
        if not self._percent_styles:
            return set()
        xml = self._sheet_xml(sheet) or b""
        styles = b"|".join(re.escape(s) for s in sorted(self._percent_styles))
        pattern = re.compile(rb"<" + _X + rb"c\b([^>]*\bs=\"(?:" + styles + rb")\"[^>]*)>")
        return {from_a1(ref[1].decode()) for m in pattern.finditer(xml) if (ref := _XML_REF.search(m[1]))}

    def _read_percent_styles(self) -> set[bytes]:
        z = self._open_zip()
        try:
            root = ElementTree.fromstring(z.read("xl/styles.xml"))
        except KeyError:
            return set()
        percent_formats = set(_BUILTIN_PERCENT)
        for fmt in root.iter():
            if _local(fmt.tag) == "numFmt" and is_percent_format(fmt.get("formatCode", "")):
                percent_formats.add(int(fmt.get("numFmtId", "-1")))
        xfs = next((e for e in root if _local(e.tag) == "cellXfs"), None)
        if xfs is None:
            return set()
        return {str(i).encode() for i, xf in enumerate(e for e in xfs if _local(e.tag) == "xf")
                if int(xf.get("numFmtId", "0")) in percent_formats}

    # ---- .xls, through xlrd
    def _xls_fact(self, sheet: str, r: int, c: int, fact: Any) -> Any:
        try:
            if self._book is None:
                import xlrd

                self._book = xlrd.open_workbook(file_contents=self.data, formatting_info=True, on_demand=True,
                                                logfile=io.StringIO())
            ws = self._book.sheet_by_name(sheet)
            if r >= ws.nrows or c >= ws.row_len(r):
                return None
            return fact(ws, r, c)
        except Exception:  # best effort, as for .xlsx: calamine has read the values already
            self._book = self._book or False
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

    def _xls_percent(self, ws: Any, r: int, c: int) -> bool:
        xf = self._book.xf_list[ws.cell_xf_index(r, c)]
        fmt = self._book.format_map.get(xf.format_key)
        return xf.format_key in _BUILTIN_PERCENT or (fmt is not None and is_percent_format(fmt.format_str))
