"""Workbooks built at test time in the layouts statistics offices use: .xlsx (XlsxWriter), .xls (xlwt), CSV.

A sheet is a list of rows, each a list of cell values in A1 order; a value may be a `Formula` (with the
cached result Excel would have saved), an `ErrorValue`, a `Percent` (a fraction in a 0.0% cell) or a date.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: Any = None  # None: no saved result, as a file written by openpyxl has


@dataclass(frozen=True)
class ErrorValue:
    code: str  # '#DIV/0!', '#N/A' …


@dataclass(frozen=True)
class Percent:
    value: float  # stored as a fraction in a cell formatted 0.0%: 0.085 shows 8.5%
    format: str = "0.0%"  # the number format (sections too: '#,##0.0%;-#,##0.0%;"-"')


@dataclass(frozen=True)
class Dated:
    value: dt.date  # a date cell shown through its own number format (yyyy"年": a year band typed into Excel)
    format: str


Rows = list[list[Any]]


def write_xlsx(path: Path, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
               hidden: dict[str, str] | None = None, hide: dict[str, dict[str, list[int]]] | None = None) -> Path:
    """`hidden`: {sheet: "hidden" | "veryhidden"}; `hide`: {sheet: {"rows": [...], "cols": [...]}}, 0-based rows and
    columns hidden as Excel's Hide does."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    formats: dict[str, Any] = {}
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, Formula):
                    if value.cached is None:
                        ws.write_formula(r, c, value.formula)
                    else:
                        ws.write_formula(r, c, value.formula, None, value.cached)
                elif isinstance(value, ErrorValue):
                    ws.write_formula(r, c, "=1/0" if value.code == "#DIV/0!" else "=NA()", None, value.code)
                elif isinstance(value, Percent):
                    if value.format not in formats:
                        formats[value.format] = wb.add_format({"num_format": value.format})
                    ws.write_number(r, c, value.value, formats[value.format])
                elif isinstance(value, Dated):
                    ws.write_datetime(r, c, dt.datetime.combine(value.value, dt.time()),
                                      formats.setdefault(value.format, wb.add_format({"num_format": value.format})))
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime)
                                      else value, date)
                else:
                    ws.write(r, c, value)
        for ref in (merges or {}).get(name, []):
            first, last = ref.split(":")
            value = _merge_text(rows, first)  # a merged date keeps its date format (2022年6月 over three columns)
            if isinstance(value, Dated):
                ws.merge_range(f"{first}:{last}", dt.datetime.combine(value.value, dt.time()),
                               formats.setdefault(value.format, wb.add_format({"num_format": value.format})))
            else:
                ws.merge_range(f"{first}:{last}", value, date if isinstance(value, dt.date) else None)
        for r in (hide or {}).get(name, {}).get("rows", []):
            ws.set_row(r, None, None, {"hidden": True})
        for c in (hide or {}).get(name, {}).get("cols", []):
            ws.set_column(c, c, None, None, {"hidden": True})
        if (hidden or {}).get(name) == "hidden":
            ws.hide()
        elif (hidden or {}).get(name) == "veryhidden":
            ws.very_hidden()
    wb.close()
    return path


def _merge_text(rows: Rows, ref: str) -> Any:
    from xlsxwriter.utility import xl_cell_to_rowcol

    r, c = xl_cell_to_rowcol(ref)
    value = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
    return "" if value is None else value


def write_xls(path: Path, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
              small: bool = False, hidden: dict[str, str] | None = None,
              far: dict[str, dict[tuple[int, int], Any]] | None = None,
              hide: dict[str, dict[str, list[int]]] | None = None) -> Path:
    """An .xls by xlwt; `small`: with its Workbook stream in the compound file's mini stream (< 4096 bytes),
    as Excel stores a small workbook (xlwt pads every stream to 4096 bytes, so that case needs its own container).
    `far`: {sheet: {(row, column): value}} written besides the rows (a stray cell at IV65536, say)."""
    wb = _xlwt_book(sheets, merges)
    for i in range(len(sheets)):
        ws = wb.get_sheet(i)
        ws.visibility = {"hidden": 1, "veryhidden": 2}.get((hidden or {}).get(ws.name), 0)
        for (r, c), value in (far or {}).get(ws.name, {}).items():
            ws.write(r, c, value)
        for r in (hide or {}).get(ws.name, {}).get("rows", []):
            ws.row(r).hidden = True
        for c in (hide or {}).get(ws.name, {}).get("cols", []):
            ws.col(c).hidden = True
    if small:
        biff = wb.get_biff_data()
        assert len(biff) < 4096, f"{len(biff)} bytes: too big for the mini stream"
        path.write_bytes(compound_file("Workbook", biff))
    else:
        wb.save(str(path))
    return path


def _xlwt_book(sheets: dict[str, Rows], merges: dict[str, list[str]] | None):
    import xlwt
    from xlsxwriter.utility import xl_cell_to_rowcol

    codes = {"#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0F, "#REF!": 0x17, "#NAME?": 0x1D, "#NUM!": 0x24, "#N/A": 0x2A}
    wb = xlwt.Workbook(encoding="utf-8")
    date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, rows in sheets.items():
        ws = wb.add_sheet(name)
        spans = {}
        for ref in (merges or {}).get(name, []):
            (r0, c0), (r1, c1) = (xl_cell_to_rowcol(x) for x in ref.split(":"))
            spans[(r0, c0)] = (r1, c1)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, Dated):
                    style, value = xlwt.easyxf(num_format_str=value.format), value.value
                else:
                    style = date if isinstance(value, dt.date) else xlwt.Style.default_style
                if (r, c) in spans:
                    r1, c1 = spans[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, style)
                elif isinstance(value, ErrorValue):
                    ws.row(r).set_cell_error(c, codes[value.code])
                elif isinstance(value, Formula):  # xlwt saves no result: the file of a program that does not calculate
                    ws.write(r, c, xlwt.Formula(value.formula.lstrip("=")))
                elif isinstance(value, Percent):
                    ws.write(r, c, value.value, xlwt.easyxf(num_format_str=value.format))
                elif isinstance(value, (dt.date, dt.datetime)):
                    ws.write(r, c, value, style)
                else:
                    ws.write(r, c, value)
    return wb


def compound_file(name: str, stream: bytes) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding one stream under 4096 bytes, which
    therefore lives in the mini stream: header, one FAT sector, one directory sector, one mini-FAT
    sector, then the mini stream's sectors ([MS-CFB] 2.2-2.6)."""
    import struct

    assert len(stream) < 4096
    end, free, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    mini = stream + b"\0" * (-len(stream) % 64)
    n_mini_sectors = len(mini) // 64
    mini_data = mini + b"\0" * (-len(mini) % 512)
    n_data = len(mini_data) // 512
    fat = [fat_sector, end, end] + [3 + i + 1 for i in range(n_data - 1)] + [end]
    fat += [free] * (128 - len(fat))
    minifat = [i + 1 for i in range(n_mini_sectors - 1)] + [end]
    minifat += [free] * (128 - len(minifat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB3I", len(encoded), kind, 1, none, none, child)
                + b"\0" * 36 + struct.pack("<IQ", start, size))

    directory = (entry("Root Entry", 5, 1, 3, len(mini)) + entry(name, 2, none, 0, len(stream))
                 + entry("", 0, none, end, 0) * 2)
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, 2, 1, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))
    return (header + struct.pack("<128I", *fat) + directory + struct.pack("<128I", *minifat) + mini_data)


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows([["" if v is None else v for v in row] for row in rows])
    return path


# ------------------------------------------------------------------ a complete, consistent workbook
def sample_rows(file_name: str = "周口经开区主要统计指标_2022年1-6月.xlsx") -> dict[str, dict[str, float]]:
    """{field: {'current', 'prior', 'growth'}} of one sample workbook, in canonical units, from the truth file."""
    out: dict[str, dict[str, float]] = {}
    for row in csv.DictReader((ROOT / "tests/data/sample_truth.csv").open(encoding="utf-8")):
        if row["file"] == file_name:
            year = file_name.split("_")[1][:4]
            column = "growth" if row["basis"] == "growth" else "current" if row["period"][:4] == year else "prior"
            out.setdefault(row["field"], {})[column] = float(row["value"])
    return out


def full_tables(fields: dict, year: int = 2022, months: int = 6, zone: str = "周口经济开发区",
                overrides: dict[str, dict[str, Any]] | None = None,
                drop: tuple[str, ...] = ()) -> tuple[dict[str, Rows], dict[str, list[str]]]:
    """Every field of the framework in two sheets (flows and stocks), in canonical units, as the sample has them.

    `overrides`: {field: {'label'|'unit'|'current'|'prior'|'growth': value}} to plant a defect.
    """
    values = sample_rows(f"周口经开区主要统计指标_{year}年1-{months}月.xlsx")
    overrides = overrides or {}
    sheets: dict[str, Rows] = {}
    merges: dict[str, list[str]] = {}
    for name, kind, head in [("主要经济指标", "flow", f"1-{months}月累计"), ("科技与园区", "stock", "期末数")]:
        rows: Rows = [[f"{zone}{year}年1-{months}月{name}", "", "", "", ""], ["", "", "", "", ""],
                      ["指标名称", "计量单位", f"{year}年", "", ""], ["", "", head, "上年同期", "同比增长(%)"]]
        for fid, fdef in fields.items():
            if fdef.kind != kind or fid in drop:
                continue
            v = dict(values.get(fid, {}))
            v.setdefault("current", 100.0)
            v.setdefault("prior", 90.0)
            v.setdefault("growth", round((v["current"] / v["prior"] - 1) * 100, 1) if v["prior"] else "—")
            v.update(overrides.get(fid, {}))
            rows.append([v.get("label", fdef.label), v.get("unit", fdef.unit), v["current"], v["prior"], v["growth"]])
        rows.append(["注：本表为测试数据。", "", "", "", ""])
        sheets[name] = rows
        merges[name] = ["A1:E1", "A3:A4", "B3:B4", "C3:E3"]
    return sheets, merges


def cell_of(fields: dict, fid: str, column: str) -> tuple[str, str]:
    """(sheet, A1) where full_tables puts a field's value in `column` (C current, D prior, E growth)."""
    kind = fields[fid].kind
    same_kind = [f for f, d in fields.items() if d.kind == kind]
    return ("主要经济指标" if kind == "flow" else "科技与园区"), f"{column}{5 + same_kind.index(fid)}"


def to_ods(path: Path) -> Path:
    """The .ods LibreOffice saves from a workbook (its own styles: a sectioned percent format becomes a
    number-style whose style:map entries point at percentage-styles), beside it; the source is removed."""
    from tests.test_spreadsheets import SOFFICE

    profile = path.parent / ".soffice-profile"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "ods",
                    "--outdir", str(path.parent), str(path)], check=True, capture_output=True, timeout=300)
    path.unlink()
    return path.with_suffix(".ods")


def to_strict(path: Path) -> Path:
    """Rewrite a transitional .xlsx (as XlsxWriter writes it) as strict Open XML (ISO/IEC 29500 Strict),
    as Excel's "Strict Open XML Spreadsheet" saves it: the same parts under the purl.oclc.org namespaces."""
    import io
    import zipfile

    swaps = [(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
             (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main")]
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            for old, new in swaps:
                data = data.replace(old, new)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            dst.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


# ------------------------------------------------------------------ one small table in every format
# A zone's table as offices lay it out: a title over A1:E1, 指标名称 and 计量单位 merged down two rows,
# a year band over 1-6月累计 | 上年同期 | 同比增长(%).
HEADER = [["指标名称", "计量单位", "2022年", "", ""], ["", "", "1-6月累计", "上年同期", "同比增长(%)"]]
MERGES = ["A1:E1", "A2:A3", "B2:B3", "C2:E2"]


def write(fmt: str, folder: Path, stem: str, sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
          **kw) -> Path:
    """One workbook in `fmt` (xlsx, strict, xls, ods, csv); CSV takes the first sheet (it has no merges, no hidden
    sheets); an .ods is LibreOffice's own conversion of the .xlsx (tests using it are marked needs_soffice)."""
    if fmt == "ods":
        return to_ods(write_xlsx(folder / f"{stem}.xlsx", sheets, merges, **kw))
    if fmt == "csv":
        return write_csv(folder / f"{stem}.csv", next(iter(sheets.values())))
    if fmt == "xls":
        return write_xls(folder / f"{stem}.xls", sheets, merges, **kw)
    path = write_xlsx(folder / f"{stem}.xlsx", sheets, merges, **kw)
    return to_strict(path) if fmt == "strict" else path


def sheet(path: Path, name: str) -> str:
    """The sheet a value is named in: a CSV's one sheet is called after the file."""
    return path.stem if path.suffix == ".csv" else name


def observed(result) -> dict:
    """{(sheet, cell): (field, value, unit, period, column)} of an IngestResult's observations."""
    return {(o.sheet, o.cell): (o.field, round(o.value, 6), o.unit, o.period, o.column) for o in result.observations}


def places(problems) -> list[tuple]:
    """(severity, sheet, cell) of each problem, sorted."""
    return sorted((p.severity, p.location.sheet, p.location.cell) for p in problems)


def stray_workbook(folder: Path, fmt: str, dimension: str | None = None) -> Path:
    """A one-row table with a stray cell at XFD1048576, its <dimension> tag left as written or set to `dimension`."""
    rows = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    path = write_xlsx(folder / f"远_2022年1-6月_{fmt}_{dimension}.xlsx", {"表1": rows}, {"表1": MERGES})
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    far = '<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>'
    xml = xml.replace("</sheetData>", far + "</sheetData>")
    if dimension:
        xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return to_strict(path) if fmt == "strict" else path


def ingest_limited(path: Path, limit_gb: int = 3) -> subprocess.CompletedProcess:
    """`scorer ingest --json` in a process whose address space is capped (a dense XFD1048576 needs ~500 GB)."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (%d << 30, %d << 30)); "
            "from scorer.cli.main import main; sys.argv = ['scorer', 'ingest', '--json', sys.argv[1]]; main()"
            % (limit_gb, limit_gb))
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
