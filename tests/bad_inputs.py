"""A corpus of bad workbooks, each made at test time by code, with what the CLI must say about it.

Each case writes one file (or a folder of workbooks, for problems that only show between quarters)
into an empty folder and names the message, and where there is one the sheet and cell, the user must
see. Errors stop `ingest` and `score` (exit 1); warnings alone let them run (exit 0) unless --strict.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tests.conftest import ROOT
from tests.workbooks import ErrorValue, Formula, cell_of, full_tables, write_xls, write_xlsx

STEM = "周口经开区主要统计指标_2022年1-6月"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, dict], Path]  # (empty folder, fields) → the file or folder to give the CLI
    message: str  # a fragment of the message
    severity: str = "error"
    sheet: str | None = None
    cell: str | None = None
    at: tuple[str, str] | None = None  # (field, column A-E) in the complete workbook: gives sheet and cell

    def place(self, fields: dict) -> tuple[str | None, str | None]:
        """The sheet and cell the message must name (None: the file alone)."""
        if self.at:
            return cell_of(fields, *self.at)
        return self.sheet, self.cell


def _full(folder: Path, fields: dict, overrides: dict | None = None, name: str = STEM, **kw) -> Path:
    sheets, merges = full_tables(fields, overrides=overrides, **kw)
    return write_xlsx(folder / f"{name}.xlsx", sheets, merges)


def _edit(fid: str, column: str, value):
    """A case maker that plants `value` in one cell of the complete workbook."""
    key = {"C": "current", "D": "prior", "E": "growth", "B": "unit", "A": "label"}[column]

    def make(folder: Path, fields: dict) -> Path:
        return _full(folder, fields, {fid: {key: value}})
    return make


def _truncated(folder: Path, fields: dict) -> Path:
    whole = _full(folder, fields).read_bytes()
    (folder / f"{STEM}.xlsx").write_bytes(whole[: len(whole) // 2])
    return folder / f"{STEM}.xlsx"


def _text_named_xlsx(folder: Path, fields: dict) -> Path:
    path = folder / f"{STEM}.xlsx"
    path.write_text("指标名称,1-6月累计\n地区生产总值,120.9\n", encoding="utf-8")
    return path


def _empty_file(folder: Path, fields: dict) -> Path:
    path = folder / f"{STEM}.xlsx"
    path.write_bytes(b"")
    return path


def _empty_workbook(folder: Path, fields: dict) -> Path:
    return write_xlsx(folder / f"{STEM}.xlsx", {"Sheet1": []})


def _zip(folder: Path, members: dict[str, str], suffix: str = ".xlsx") -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    path = folder / f"{STEM}{suffix}"
    path.write_bytes(buf.getvalue())
    return path


def _rezipped(change: str):
    """A case maker: the complete workbook with its first sheet's part altered as a copy gone wrong or a hostile
    writer would: 'flip' (bytes of its deflate stream flipped), 'crc' (only its CRC-32 wrong), 'bzip2'
    (compressed with bzip2, a method no spreadsheet program writes, its declared size understated)."""
    def make(folder: Path, fields: dict) -> Path:
        path = _full(folder, fields)
        with zipfile.ZipFile(path) as z:
            parts = [(i, z.read(i.filename)) for i in z.infolist()]
        sheet = next(i.filename for i, _ in parts if i.filename.startswith("xl/worksheets/"))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for info, data in parts:
                z.writestr(info.filename, data, zipfile.ZIP_BZIP2 if change == "bzip2" and info.filename == sheet
                           else zipfile.ZIP_DEFLATED)
        data = bytearray(buf.getvalue())
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(sheet)
        at = info.header_offset
        start = at + 30 + int.from_bytes(data[at + 26:at + 28], "little") + int.from_bytes(data[at + 28:at + 30], "little")
        central = next(c for c in _central_entries(data) if data[c + 46:c + 46 + len(sheet)] == sheet.encode())
        if change == "flip":
            for k in range(start + 200, start + 260):
                data[k] ^= 0x5A
        elif change == "crc":
            for offset in (at + 14, central + 16):  # the CRC-32 in the local header and in the central directory
                data[offset] ^= 0xFF
        else:
            for offset in (at + 22, central + 24):  # the declared uncompressed size: 1 000 bytes
                data[offset:offset + 4] = (1000).to_bytes(4, "little")
        path.write_bytes(bytes(data))
        return path
    return make


def _central_entries(data: bytes):
    at = data.find(b"PK\x01\x02")
    while at != -1:
        yield at
        at = data.find(b"PK\x01\x02", at + 1)


def _html_named_xls(folder: Path, fields: dict) -> Path:
    path = folder / f"{STEM}.xls"
    path.write_text("<html><head><meta charset='utf-8'></head><body><table><tr><td>地区生产总值</td><td>120.9</td></tr>"
                    "</table></body></html>", encoding="utf-8")
    return path


def _encrypted(folder: Path, fields: dict) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _full(folder, fields, name="plain")
    out = io.BytesIO()
    with plain.open("rb") as f:
        OOXMLFile(f).encrypt("统计局", out)
    plain.unlink()
    path = folder / f"{STEM}.xlsx"
    path.write_bytes(out.getvalue())
    return path


def _corrupt_xls(folder: Path, fields: dict) -> Path:
    path = folder / f"{STEM}.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    return path


def _csv(encoding: str, bom: bool = False):
    def make(folder: Path, fields: dict) -> Path:
        rows = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
                ["地区生产总值", "亿元", "120.9", "112.71", "7.3"]]
        text = "\n".join(",".join(r) for r in rows) + "\n"
        path = folder / f"{STEM}.csv"
        path.write_bytes(text.encode(encoding, errors="replace"))
        return path
    return make


def _no_period(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    for rows in sheets.values():
        rows[0][0] = "周口经济开发区主要统计指标"
        rows[3][2] = "累计" if rows[3][2].endswith("累计") else rows[3][2]
        rows[2][2] = "本期"
    return write_xlsx(folder / "周口经开区主要统计指标.xlsx", sheets, merges)


def _two_periods(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    sheets["科技与园区"][0][0] = "周口经济开发区2022年9月末科技创新与园区建设指标"
    return write_xlsx(folder / "周口经开区主要统计指标.xlsx", sheets, merges)


def _file_name_disagrees(folder: Path, fields: dict) -> Path:
    return _full(folder, fields, name="周口经开区主要统计指标_2022年1-9月")


def _header_disagrees(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    sheets["主要经济指标"][3][2] = "1-9月累计"
    return write_xlsx(folder / f"{STEM}.xlsx", sheets, merges)


def _not_a_quarter(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    for rows in sheets.values():
        rows[0][0] = "周口经济开发区2022年1-5月主要统计指标"
        rows[3][2] = "累计" if rows[3][2].endswith("累计") else rows[3][2]
    return write_xlsx(folder / "周口经开区主要统计指标.xlsx", sheets, merges)


def _no_statistic(folder: Path, fields: dict) -> Path:
    rows = [["周口经济开发区2022年1-6月粮食生产情况"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
            ["粮食产量", "万吨", 5.2, 5.0, 4.0], ["油料产量", "万吨", 1.1, 1.0, 10.0]]
    return write_xlsx(folder / f"{STEM}.xlsx", {"农业": rows})


def _label_and_column_units_disagree(folder: Path, fields: dict) -> Path:
    return _full(folder, fields, {"gdp": {"label": "地区生产总值（亿元）", "unit": "万元"}})


def _duplicate(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    sheets["主要经济指标"].insert(-1, ["GDP", "万元", 1_300_000, 1_127_100, 15.3])
    return write_xlsx(folder / f"{STEM}.xlsx", sheets, merges)


def _xls_error(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields, overrides={"tax_revenue": {"growth": ErrorValue("#N/A")}})
    return write_xls(folder / f"{STEM}.xls", sheets, merges)


def _uncached_formula(folder: Path, fields: dict) -> Path:
    import openpyxl

    _full(folder, fields, name="src")
    wb = openpyxl.load_workbook(folder / "src.xlsx")
    sheet, cell = cell_of(fields, "gdp", "C")
    wb[sheet][cell] = f"={cell_of(fields, 'gdp', 'D')[1]}*1.073"
    (folder / "src.xlsx").unlink()
    wb.save(folder / f"{STEM}.xlsx")
    return folder / f"{STEM}.xlsx"


def _uncached_formula_xls(folder: Path, fields: dict) -> Path:
    fid = cell_of(fields, "gdp", "D")[1]
    sheets, merges = full_tables(fields, overrides={"gdp": {"current": Formula(f"={fid}*1.073")}})
    return write_xls(folder / f"{STEM}.xls", sheets, merges)


def _two_quarters(q1: dict, q2: dict):
    """A folder with the 1-3月 and 1-6月 workbooks, with overrides for each."""
    def make(folder: Path, fields: dict) -> Path:
        sub = folder / "workbooks"
        sub.mkdir()
        _full(sub, fields, q1, name="周口经开区主要统计指标_2022年1-3月", months=3)
        _full(sub, fields, q2, name=STEM)
        return sub
    return make


def _last_year_and_this(folder: Path, fields: dict) -> Path:
    sub = folder / "workbooks"
    sub.mkdir()
    _full(sub, fields, None, name="周口经开区主要统计指标_2021年1-6月", year=2021)
    _full(sub, fields, {"tax_revenue": {"prior": 71_800, "growth": 6.1}}, name=STEM)
    return sub


def _stale_month_range_under_a_year_band(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields)
    sheets["主要经济指标"][3][2] = "1-5月累计"  # under the merged 2022年 band: last month's template
    sheets["主要经济指标"][0][0] = "周口经济开发区主要经济指标"
    return write_xlsx(folder / f"{STEM}.xlsx", sheets, merges)


def _far_away_cell(folder: Path, fields: dict) -> Path:
    path = _full(folder, fields)
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name] = parts[name].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    with zipfile.ZipFile(path, "w") as z:
        for member, data in parts.items():
            z.writestr(member, data)
    return path


def _time_series_download(folder: Path, fields: dict) -> Path:
    rows = [["指标：地区生产总值(亿元)"], ["地区", "2023年", "2022年", "2021年"], ["北京市", 43760.7, 41610.9, 41045.6],
            ["河南省", 59132.4, 61345.1, 58071.4]]
    return write_xlsx(folder / "分省年度数据.xlsx", {"分省年度数据": rows})


def _time_series_beside_a_zone_workbook(folder: Path, fields: dict) -> Path:
    sub = folder / "workbooks"
    sub.mkdir()
    _full(sub, fields)
    _time_series_download(sub, fields)
    return sub


def _dollars_without_a_rate(folder: Path, fields: dict) -> Path:
    sheets, merges = full_tables(fields, overrides={"trade_total": {"unit": "亿美元", "current": 3.0, "prior": 2.5,
                                                                    "growth": 20.0}})
    for rows in sheets.values():
        rows[0][0] = rows[0][0].replace("2022年", "2019年")
        rows[2][2] = "2019年"
    return write_xlsx(folder / "周口经开区主要统计指标_2019年1-6月.xlsx", sheets, merges)


CASES: list[Case] = [
    # --- the file itself
    Case("truncated_xlsx", _truncated, "cannot open as a workbook"),
    Case("text_file_named_xlsx", _text_named_xlsx, "cannot open as a workbook"),
    Case("empty_file", _empty_file, "the file is empty (0 bytes)"),
    Case("empty_workbook", _empty_workbook, "the workbook is empty"),
    Case("zip_not_a_workbook", lambda d, f: _zip(d, {"readme.txt": "hello"}), "a zip archive that is not an Excel workbook"),
    Case("word_document_named_xlsx", lambda d, f: _zip(d, {"word/document.xml": "<w:document/>"}),
         "Word document"),
    Case("damaged_part_in_xlsx", _rezipped("flip"), "the file is damaged (its part xl/worksheets/"),
    Case("bad_crc_in_xlsx", _rezipped("crc"), "its CRC-32 checksum does not match"),
    Case("bzip2_part_in_xlsx", _rezipped("bzip2"), "is compressed with bzip2"),
    Case("html_page_named_xls", _html_named_xls, "web page (HTML)"),
    Case("encrypted_xlsx", _encrypted, "encrypted with a password"),
    Case("damaged_xls", _corrupt_xls, "cannot open as a workbook"),
    Case("csv_in_utf16_without_bom", _csv("utf-16-le"), "NUL bytes"),
    Case("csv_in_shift_jis", _csv("shift_jis"), "(the CSV was read as GB18030 text)"),
    # --- the period
    Case("no_period", _no_period, "cannot tell which period"),
    Case("two_periods", _two_periods, "more than one period: 2022Q2 in sheet 「主要经济指标」 cell A1"),
    Case("file_name_disagrees_with_title", _file_name_disagrees, "2022Q3 in the file name"),
    Case("header_disagrees_with_title", _header_disagrees, "names 2022Q3, but the workbook is for 2022Q2",
         sheet="主要经济指标", cell="C4"),
    Case("month_not_a_quarter", _not_a_quarter, "'2022年1-5月' is not a quarter's end"),
    Case("no_statistic_of_the_framework", _no_statistic, "no statistic of the framework was found"),
    Case("stale_month_range_under_a_year_band", _stale_month_range_under_a_year_band,
         "the column header 「2022年1-5月累计」 names 1-5月, but the workbook is for 2022Q2", sheet="主要经济指标", cell="C4"),
    Case("time_series_download", _time_series_download, "looks like a time series of 地区生产总值(亿元)",
         sheet="分省年度数据"),
    # (the words "the other workbooks are read without it" are said without --strict only: test_stray_series_messages)
    Case("time_series_beside_a_zone_workbook", _time_series_beside_a_zone_workbook,
         "looks like a time series of 地区生产总值(亿元)", "warning", sheet="分省年度数据"),
    # --- units
    Case("unknown_unit", _edit("trade_total", "B", "亿卢布"), "unknown unit '亿卢布'", at=("trade_total", "B")),
    Case("dollars_in_a_year_without_a_rate", _dollars_without_a_rate, "no yuan-per-dollar rate for 2019",
         at=("trade_total", "B")),
    Case("unit_of_another_kind", _edit("tax_revenue", "B", "家"), "cannot convert '家' to '万元'", at=("tax_revenue", "B")),
    Case("label_and_unit_column_disagree", _label_and_column_units_disagree, "says 亿元 in its label but 万元",
         at=("gdp", "A")),
    # --- cells
    Case("conflicting_duplicates", _duplicate, "read twice with different values: 1,209,000 at", sheet="主要经济指标"),
    Case("div0_formula", _edit("gdp", "E", ErrorValue("#DIV/0!")), "Excel error value #DIV/0!", at=("gdp", "E")),
    Case("na_error_in_xls", _xls_error, "Excel error value #N/A", at=("tax_revenue", "E")),
    Case("error_typed_as_text", _edit("gdp", "C", "#REF!"), "Excel error value #REF!", at=("gdp", "C")),
    Case("formula_never_calculated", _uncached_formula, "a formula with no saved result", at=("gdp", "C")),
    Case("xls_formula_never_calculated", _uncached_formula_xls, "a formula with no saved result", at=("gdp", "C")),
    Case("text_in_a_number_cell", _edit("gdp", "C", "约120万"), "text '约120万' where a number was expected", at=("gdp", "C")),
    # bt15 F3: a % sign in a cell of a row that is not a rate (a growth rate pasted into the amount's column)
    Case("percent_in_an_amount_cell", _edit("trade_total", "C", "48.6%"), "'48.6%' is a percentage, but this row",
         at=("trade_total", "C")),
    Case("full_width_percent_in_a_prior_cell", _edit("gdp", "D", "12.5％"), "is a percentage, but this row holds a figure",
         at=("gdp", "D")),
    Case("percent_in_a_count_cell", _edit("foreign_enterprises", "C", "12%"), "is a percentage, but this row",
         at=("foreign_enterprises", "C")),
    Case("date_in_a_number_cell", _edit("gdp", "D", dt.date(2022, 6, 30)), "a date (2022-06-30", at=("gdp", "D")),
    Case("boolean_in_a_number_cell", _edit("gdp", "C", True), "TRUE/FALSE", at=("gdp", "C")),
    Case("growth_typed_as_a_fraction", _edit("tax_revenue", "E", 0.076), "is 1/100 of what the levels give",
         at=("tax_revenue", "E")),
    Case("huge_number", _edit("gdp", "C", 1e300), "too large to be a statistic", at=("gdp", "C")),
    # --- warnings: read, but worth a look
    Case("negative_count", _edit("foreign_enterprises", "C", -5), "a negative count", "warning",
         at=("foreign_enterprises", "C")),
    Case("growth_beyond_1000_percent", _edit("tax_revenue", "E", 1500), "beyond ±1000%", "warning", at=("tax_revenue", "E")),
    Case("share_above_100_percent", _edit("exports", "C", 300_000), "a share above 100%", "warning", at=("exports", "C")),
    Case("published_growth_disagrees", _edit("tax_revenue", "E", 17.3), "published 同比 17.3%", "warning",
         at=("tax_revenue", "E")),
    Case("stray_cell_at_xfd1048576", _far_away_cell, "a stray cell far away from the tables was left out", "warning",
         sheet="主要经济指标", cell="XFD1048576"),
    Case("no_unit_anywhere", _edit("gdp", "B", ""), "no unit given for 「地区生产总值」", "warning", at=("gdp", "A")),
    Case("cumulative_falls_within_a_year",
         _two_quarters({"tax_revenue": {"current": 80_000, "prior": 75_000, "growth": 6.7}}, {}),
         "the cumulative value for 2022Q2 (76,200 10k yuan) is below 2022Q1's", "warning", at=("tax_revenue", "C")),
    Case("prior_year_figure_revised", _last_year_and_this, "the 上年同期 figure 71,800 differs", "warning",
         at=("tax_revenue", "D")),
]


# ======================================================================= hostile input through any command
# Cases beyond workbooks (issue 16): outputs that would overwrite an input or cannot be written, framework
# numbers that cannot be scored, damaged COINr tables, impossible targets. Each makes its files in an empty
# folder and gives the command line; the message must name the place (the OUTPUT path for an output, the
# file and YAML line for a framework) and the command must exit 1, with no traceback.
FAULTS = ROOT / "tests" / "faults"  # sitecustomize that makes the OS fail on one folder (see its docstring)
EXAMPLE_Q2 = ROOT / "examples" / f"{STEM}.xlsx"
INDICATORS = ROOT / "indicators"
COINR = ROOT / "tests" / "data" / "coinr-asem"


@dataclass(frozen=True)
class CommandCase:
    name: str
    make: Callable[[Path], tuple[list, str]]  # empty folder → (arguments after `scorer`, the place to name)
    message: str
    fault: str | None = None  # KIND: the OS fails on files under the folder (tests/faults/sitecustomize.py)
    unchanged: Callable[[Path], list[Path]] = lambda folder: []  # files that must be byte-identical afterwards
    exit_code: int = 1  # 2: a usage error (the command line itself), as click numbers it


def _scenario(body: str):
    """A case maker: `compare` with a scenario file of `body` (its first change on line 3)."""
    def make(folder: Path) -> tuple[list, str]:
        path = folder / "情景.yaml"
        path.write_text("name: 试算\n" + body, encoding="utf-8")
        return ["compare", EXAMPLE_Q2, path], f"{path}:3"
    return make


def _peer_table(text: str, place: str = "2:2"):
    """A case maker: `score --peers` with a peer table of `text`; `place` the line:column to name."""
    def make(folder: Path) -> tuple[list, str]:
        path = folder / "peers.csv"
        path.write_text(text, encoding="utf-8")
        return ["score", EXAMPLE_Q2, "--peers", path], f"{path}:{place}"
    return make


def _workbook(folder: Path) -> Path:
    path = folder / EXAMPLE_Q2.name
    shutil.copy(EXAMPLE_Q2, path)
    return path


# The bundled FDI target's line as framework.yaml writes it (read, not repeated: targets are re-based on the yardsticks).
FDI_TARGET = re.search(r"- id: fdi_amount\n(?:.*\n)*?\s+target:\n\s+(value: \S+)",
                       (INDICATORS / "framework.yaml").read_text(encoding="utf-8")).group(1)


def _framework_copy(folder: Path, old: str = "", new: str = "") -> tuple[Path, str]:
    """The bundled framework (and fields) copied, with `old` replaced by `new` once; (file, its path:line)."""
    text = (INDICATORS / "framework.yaml").read_text(encoding="utf-8")
    assert old in text, old
    shutil.copy(INDICATORS / "fields.yaml", folder / "fields.yaml")
    shutil.copy(INDICATORS / "yardsticks.yaml", folder / "yardsticks.yaml")
    path = folder / "framework.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1 if old else 1
    return path, f"{path}:{line}"


def _validate(old: str, new: str, at: str | None = None, more: list[tuple[str, str]] = ()):
    """`validate` on the framework with one edit (and `more` after it); the message must name the line of `at` (default: `old`)."""
    def make(folder: Path) -> tuple[list, str]:
        path, where = _framework_copy(folder, old, new)
        for o, n in more:
            text = path.read_text(encoding="utf-8")
            assert o in text, o
            path.write_text(text.replace(o, n, 1), encoding="utf-8")
        if at is not None:
            text = path.read_text(encoding="utf-8")
            where = f"{path}:{text[: text.index(at)].count(chr(10)) + 1}"
        return ["validate", path], where
    return make


def _report_over(link: str):
    """`report W -o OUT` where OUT is W itself, a hard link to it, or a symbolic link to it."""
    def make(folder: Path) -> tuple[list, str]:
        workbook = _workbook(folder)
        out = {"same": workbook, "hard": folder / "报告.pdf", "symbolic": folder / "链接.pdf"}[link]
        if link == "hard":
            os.link(workbook, out)
        if link == "symbolic":
            out.symlink_to(workbook)
        return ["report", workbook, "-o", out], str(out)
    return make


def _template_over_fields(folder: Path) -> tuple[list, str]:
    framework, _ = _framework_copy(folder)
    out = folder / "模板.xlsx"
    out.symlink_to(folder / "fields.yaml")
    return ["template", "-o", out, "--period", "2023Q1", "-f", framework], str(out)


def _peers_build_over_its_model(folder: Path) -> tuple[list, str]:
    """`peers build -o my.csv --model my.yaml`: the sidecar metadata (my.yaml, beside the CSV) is the model."""
    shutil.copy(ROOT / "indicators" / "peers" / "model.yaml", folder / "my.yaml")
    return ["peers", "build", "--year", "2023", "--model", folder / "my.yaml", "-o", folder / "my.csv"], str(folder / "my.yaml")


def _report_over_read_unnamed(which: str):
    """An output over a file the run reads without naming it on the command line: a peer table's metadata
    YAML beside it, or the yardsticks of a copied framework."""
    def make(folder: Path) -> tuple[list, str]:
        if which == "sidecar":
            shutil.copy(INDICATORS / "peers" / "central-synthetic.csv", folder / "全省园区.csv")
            (folder / "全省园区.yaml").write_text("region: central\nzone_level: national\nyear: 2023\n", encoding="utf-8")
            return ["report", EXAMPLE_Q2, "--peers", folder / "全省园区.csv", "-o", folder / "全省园区.yaml"], \
                str(folder / "全省园区.yaml")
        framework, _ = _framework_copy(folder)
        return ["report", EXAMPLE_Q2, "-f", framework, "-o", folder / "yardsticks.yaml"], str(folder / "yardsticks.yaml")
    return make


def _effort_per_zero(folder: Path) -> tuple[list, str]:
    """An effort counted per 0 万美元: the field would silently count for nothing in every plan."""
    path = folder / "effort.yaml"
    path.write_text("version: 1\nfields:\n  fdi_actual:\n    direction: increase\n    max_change: 40%\n    effort: 1\n"
                    "    source: x\n    confidence: low\n    per: 0 万美元\n", encoding="utf-8")
    return ["validate", "--effort", path], f"{path}:9"


def _effort_per(per: str):
    """An effort counted per a degenerate change (1e-300 万美元 made 1e300 effort points per 万美元: the
    solver took that for infinite and the plan said "cannot reach 71: at most 71.9")."""
    def make(folder: Path) -> tuple[list, str]:
        path = folder / "effort.yaml"
        path.write_text("version: 1\nfields:\n  fdi_actual:\n    direction: increase\n    max_change: 40%\n"
                        f"    effort: 1\n    source: x\n    confidence: low\n    per: {per}\n", encoding="utf-8")
        return ["plan", EXAMPLE_Q2, "--target", "71", "--effort", path], f"{path}:9"
    return make


def _coinr_over_its_data(folder: Path) -> tuple[list, str]:
    shutil.copy(COINR / "ASEM_iMeta.csv", folder / "iMeta.csv")
    shutil.copy(COINR / "ASEM_iData.csv", folder / "data.csv")
    return ["import-coinr", folder / "iMeta.csv", folder / "data.csv", "-o", folder], str(folder / "data.csv")


def _compare_over_its_scenario(folder: Path) -> tuple[list, str]:
    scenarios = ROOT / "examples" / "scenarios"
    scenario = folder / "情景.yaml"
    shutil.copy(scenarios / sorted(os.listdir(scenarios))[0], scenario)
    out = folder / "结果.xlsx"
    os.link(scenario, out)
    return ["compare", _workbook(folder), scenario, "--xlsx", out], str(out)


def _plan_over(what: str):
    def make(folder: Path) -> tuple[list, str]:
        workbook = _workbook(folder)
        effort = folder / "effort.yaml"
        shutil.copy(INDICATORS / "effort.yaml", effort)
        option, out = {"effort": ("--scenario", effort), "workbook": ("--xlsx", workbook)}[what]
        return ["plan", workbook, "--target", "95", "--effort", effort, option, out], str(out)
    return make


def _export_over_workbook(folder: Path) -> tuple[list, str]:
    workbook = _workbook(folder)
    return ["uncertainty", workbook, "--draws", "20", "--export", workbook], str(workbook)


def _template_to(where: str):
    def make(folder: Path) -> tuple[list, str]:
        out = {"folder": folder / "模板.xlsx", "below_a_file": folder / "note.txt" / "模板.xlsx",
               "plain": folder / "模板.xlsx"}[where]
        if where == "folder":
            out.mkdir()
        if where == "below_a_file":
            (folder / "note.txt").write_text("a file, not a folder", encoding="utf-8")
        return ["template", "-o", out, "--period", "2023Q1"], str(out)
    return make


def _template_over_a_special_file(kind: str):
    """`template -o OUT` where OUT exists and is not a regular file: a FIFO, a socket, a link to a device."""
    def make(folder: Path) -> tuple[list, str]:
        import socket

        out = folder / "模板.xlsx"
        if kind == "fifo":
            os.mkfifo(out)
        elif kind == "socket":
            server = socket.socket(socket.AF_UNIX)
            server.bind(str(out))
            server.close()  # the socket file stays
        else:  # a link: were it followed or replaced, /dev/null itself would be safe, only the link goes
            out.symlink_to("/dev/null")
        return ["template", "-o", out, "--period", "2023Q1"], str(out)
    return make


def _report_to_folder(folder: Path) -> tuple[list, str]:
    return ["report", _workbook(folder), "-o", folder], str(folder)


def _report_on_full_disk(folder: Path) -> tuple[list, str]:
    out = folder / "reports" / "报告.pdf"
    return ["report", EXAMPLE_Q2, "-o", out], str(out)


def _compare_xlsx_on_full_disk(folder: Path) -> tuple[list, str]:
    scenarios = ROOT / "examples" / "scenarios"
    out = folder / "结果.xlsx"
    return ["compare", EXAMPLE_Q2, scenarios / sorted(os.listdir(scenarios))[0], "--xlsx", out], str(out)


def _coinr_into_a_file(folder: Path) -> tuple[list, str]:
    (folder / "out").write_text("a file", encoding="utf-8")
    return ["import-coinr", COINR / "ASEM_iMeta.csv", COINR / "ASEM_iData.csv", "-o", folder / "out"], \
        f"{folder / 'out'}: error"  # the folder given, refused before any work (bt16h F1)


def _export_to_folder(folder: Path) -> tuple[list, str]:
    (folder / "draws.csv").mkdir()
    return ["uncertainty", EXAMPLE_Q2, "--draws", "20", "--export", folder / "draws.csv"], str(folder / "draws.csv")


def _truncated_imeta(folder: Path) -> tuple[list, str]:
    import pandas as pd

    whole = folder / "whole.xlsx"
    pd.read_csv(COINR / "ASEM_iMeta.csv").to_excel(whole, index=False, sheet_name="iMeta")
    meta = folder / "iMeta.xlsx"
    meta.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    return ["import-coinr", meta, COINR / "ASEM_iData.csv", "-o", folder / "out"], str(meta)


def _long_formula(terms: int, sign_run: int = 0, brackets: int = 0):
    def make(folder: Path) -> tuple[list, str]:
        formula = ("(" * brackets + "annual(fdi_actual)" + ")" * brackets if brackets else
                   "-" * sign_run + "fdi_actual" if sign_run else " + ".join(["fdi_actual"] * terms))
        return _validate("formula: annual(fdi_actual)", f"formula: {formula}")(folder)
    return make


def _normalise_param(folder: Path) -> tuple[list, str]:
    old = "formula: annual(fdi_actual)\n"
    path, where = _framework_copy(folder, old, old + "        normalise: {method: minmax, params: {lower: 1}}\n")
    file, line = where.rsplit(":", 1)
    return ["validate", path], f"{file}:{int(line) + 1}"


def _score_with(old: str, new: str):
    """The same framework problem met by `score` (which loads the framework), not only by `validate`."""
    def make(folder: Path) -> tuple[list, str]:
        path, where = _framework_copy(folder, old, new)
        return ["score", EXAMPLE_Q2, "-f", path], where
    return make


def _special(command: str, suffix: str):
    """A case maker: a FIFO named as the input of `command` (bt16h F9: open() waited for a writer for ever)."""
    def make(folder: Path) -> tuple[list, str]:
        fifo = folder / f"管道{suffix}"
        os.mkfifo(fifo)
        args = {"compare": ["compare", EXAMPLE_Q2, fifo], "score": ["score", fifo],
                "peers": ["score", EXAMPLE_Q2, "--peers", fifo]}[command]
        return args, f"{fifo}: error"
    return make


def _big_scenario(folder: Path) -> tuple[list, str]:
    """A scenario of 2 MB and a byte (bt16h F10: 20 MB took 98 s)."""
    path = folder / "大情景.yaml"
    path.write_text("name: big\ndescription: " + "x" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    return ["compare", EXAMPLE_Q2, path], f"{path}: error"


def _watch_into_a_file(folder: Path) -> tuple[list, str]:
    """`watch -o FILE` (bt16h F1): it started, and failed only at its first report."""
    (folder / "inbox").mkdir()
    (folder / "reports").write_text("x", encoding="utf-8")
    return ["watch", folder / "inbox", "-o", folder / "reports", "--max-polls", "1"], f"{folder / 'reports'}: error"


def _signed_effort(folder: Path) -> tuple[list, str]:
    """An effort file's `max_change: -40%` (bt16h F6: quoted as '+-40%')."""
    lines = (ROOT / "indicators" / "effort.yaml").read_text(encoding="utf-8").splitlines()
    k = next(k for k, line in enumerate(lines) if line.strip().startswith("max_change:"))
    lines[k] = lines[k].split(":")[0] + ": -40%"
    path = folder / "effort.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["plan", EXAMPLE_Q2, "--target", "80", "--effort", path], f"{path}:{k + 1}"


COMMAND_CASES: list[CommandCase] = [
    # --- an output that is an input: refused before anything is written, the input unchanged
    CommandCase("report_over_its_workbook", _report_over("same"), "the output would overwrite the input",
                unchanged=lambda d: [d / EXAMPLE_Q2.name]),
    CommandCase("report_over_a_hard_link_to_its_workbook", _report_over("hard"), "the output would overwrite the input",
                unchanged=lambda d: [d / EXAMPLE_Q2.name]),
    CommandCase("report_over_a_symbolic_link_to_its_workbook", _report_over("symbolic"),
                "the output would overwrite the input", unchanged=lambda d: [d / EXAMPLE_Q2.name]),
    CommandCase("template_over_the_fields_file", _template_over_fields, "the output would overwrite the input",
                unchanged=lambda d: [d / "fields.yaml"]),
    CommandCase("report_over_its_peer_tables_metadata", _report_over_read_unnamed("sidecar"),
                "the output would overwrite the input", unchanged=lambda d: [d / "全省园区.yaml"]),
    CommandCase("report_over_its_frameworks_yardsticks", _report_over_read_unnamed("yardsticks"),
                "the output would overwrite the input", unchanged=lambda d: [d / "yardsticks.yaml"]),
    CommandCase("effort_per_nothing", _effort_per_zero, "must be more than 0"),
    CommandCase("effort_per_a_tiny_amount", _effort_per("1e-300 万美元"), "so small a change"),
    CommandCase("effort_per_a_tiny_share", _effort_per("1e-300%"), "so small a change"),
    CommandCase("effort_per_a_denormal_amount", _effort_per("4.9e-324 万美元"), "so small a change"),
    CommandCase("effort_per_nan", _effort_per(".nan 万美元"), "cannot read the change"),
    CommandCase("peers_build_over_its_model", _peers_build_over_its_model, "the output would overwrite the input",
                unchanged=lambda d: [d / "my.yaml"]),
    CommandCase("import_coinr_over_its_own_idata", _coinr_over_its_data, "the output would overwrite the input",
                unchanged=lambda d: [d / "data.csv", d / "iMeta.csv"]),
    CommandCase("compare_xlsx_over_its_scenario", _compare_over_its_scenario, "the output would overwrite the input",
                unchanged=lambda d: [d / "情景.yaml"]),
    CommandCase("plan_scenario_over_its_effort_file", _plan_over("effort"), "the output would overwrite the input",
                unchanged=lambda d: [d / "effort.yaml"]),
    CommandCase("plan_xlsx_over_its_workbook", _plan_over("workbook"), "the output would overwrite the input",
                unchanged=lambda d: [d / EXAMPLE_Q2.name]),
    CommandCase("uncertainty_export_over_its_workbook", _export_over_workbook, "the output would overwrite the input",
                unchanged=lambda d: [d / EXAMPLE_Q2.name]),
    # --- an output path the OS refuses: the OUTPUT named, with the cause
    CommandCase("output_is_a_folder", _template_to("folder"), "the output is a folder, not a file"),
    CommandCase("report_output_is_a_folder", _report_to_folder, "the output is a folder, not a file"),
    CommandCase("output_below_a_regular_file", _template_to("below_a_file"), "is a file, not a folder"),
    CommandCase("import_coinr_into_a_file", _coinr_into_a_file, "the output folder is a regular file, not a folder"),
    CommandCase("output_is_a_fifo", _template_over_a_special_file("fifo"), "is not a regular file"),
    CommandCase("output_is_a_socket", _template_over_a_special_file("socket"), "is not a regular file"),
    CommandCase("output_links_to_a_device", _template_over_a_special_file("device"), "is not a regular file"),
    CommandCase("export_to_a_folder", _export_to_folder, "the output is a folder, not a file"),
    CommandCase("read_only_folder", _template_to("plain"), "no permission to write in", fault="eacces"),
    CommandCase("read_only_file_system", _template_to("plain"), "is on a read-only file system", fault="erofs"),
    CommandCase("disk_full", _template_to("plain"), "the disk is full", fault="enospc"),
    CommandCase("disk_full_under_a_report", _report_on_full_disk, "the disk is full", fault="enospc"),
    CommandCase("disk_full_under_an_xlsx_output", _compare_xlsx_on_full_disk, "the disk is full", fault="enospc"),
    # --- framework numbers that cannot be scored: file and YAML line
    CommandCase("formula_divides_by_a_constant_zero",
                _validate("formula: annual(fdi_actual)", "formula: annual(fdi_actual) / (2 - 2)"), "which is always 0"),
    # a divisor that is 0 whatever the data, not only one made of numbers
    CommandCase("formula_divides_by_a_difference_of_one_field",
                _validate("formula: annual(fdi_actual)", "formula: annual(fdi_actual) / (gdp - gdp)"), "which is always 0"),
    CommandCase("formula_divides_by_a_field_times_zero",
                _validate("formula: annual(fdi_actual)", "formula: fdi_actual / (annual(gdp) * 0)"), "which is always 0"),
    CommandCase("formula_divides_by_a_rearranged_difference",
                _validate("formula: annual(fdi_actual)", "formula: fdi_actual / ((gdp + tax_revenue) - (tax_revenue + gdp))"),
                "which is always 0"),
    # yes/no where a number is meant (YAML reads true, yes, on as booleans; they were taken as 1)
    CommandCase("target_value_true", _validate(FDI_TARGET, "value: true"), "a yes/no value where a number is expected"),
    CommandCase("category_weight_yes", _validate("weight: 30", "weight: yes"), "a yes/no value where a number is expected"),
    CommandCase("floor_false", _validate("floor: 0", "floor: false"), "a yes/no value where a number is expected"),
    CommandCase("method_parameter_true", _validate("params: {max_age: 1}", "params: {max_age: true}"),
                "parameter 'max_age'"),
    # a count or an age below 0, or a fraction of one
    CommandCase("max_age_negative", _validate("params: {max_age: 1}", "params: {max_age: -5}"),
                "parameter 'max_age': Input should be greater than or equal to 0"),
    CommandCase("max_age_a_fraction", _validate("params: {max_age: 1}", "params: {max_age: 1.5}"),
                "parameter 'max_age': Input should be a valid integer"),
    CommandCase("min_share_above_one", _validate("min_share: 0.5 ", "min_share: 1.5 "),
                "parameter 'min_share': Input should be less than or equal to 1"),
    CommandCase("target_of_1e400", _validate(FDI_TARGET, "value: 1e400"), "is not a finite number"),
    CommandCase("floor_minus_infinity", _validate("floor: 0", "floor: -.inf"), "is not a finite number"),
    CommandCase("target_and_floor_overflow",
                _validate("floor: 0\n        evidence:", "floor: -1.7e308\n        evidence:", at="- id: fdi_amount",
                          more=[(FDI_TARGET, "value: 1.7e308")]),
                "too far apart to score"),
    CommandCase("unknown_method_parameter", _validate("params: {max_age: 1}", "params: {maxage: 1}"),
                "takes no parameter 'maxage'"),
    CommandCase("unknown_parameter_of_an_indicator_method", _normalise_param, "takes no parameter 'lower'"),
    CommandCase("required_method_parameter_missing",
                _validate("method: arithmetic", "method: generalised"), "needs the parameter 'p'"),
    CommandCase("formula_of_30000_terms", _long_formula(30_000), "characters long, more than the 2,000 allowed"),
    CommandCase("formula_of_20000_signs", _long_formula(0, 20_000), "characters long, more than the 2,000 allowed"),
    # a flat sum is long, not deep: said in terms, not as nesting the user cannot see (bt16k F2)
    CommandCase("formula_of_too_many_terms", _long_formula(150), "formula has 150 terms in one run of + - or * /"),
    CommandCase("formula_nested_too_deeply", _long_formula(0, sign_run=150), "formula nests too deeply"),
    # beyond the 200 levels of brackets CPython's parser takes, said as nesting, not "does not parse at column 201" (bt16i F4)
    CommandCase("formula_of_brackets_nested_too_deeply", _long_formula(0, brackets=250), "formula nests too deeply"),
    CommandCase("formula_of_brackets_nested_beyond_the_parser", _long_formula(0, brackets=990), "formula nests too deeply"),
    CommandCase("score_refuses_an_infinite_target_too", _score_with(FDI_TARGET, "value: 1e400"),
                "is not a finite number"),
    # --- smaller: damaged tables and impossible targets
    CommandCase("truncated_imeta_xlsx", _truncated_imeta, "cannot open as a workbook"),
    # (--target 1e999 is now refused at the command line, exit 2: tests/test_cli_options.py)
    CommandCase("plan_target_above_the_scale", lambda d: (["plan", EXAMPLE_Q2, "--target", "150"],
                                                          "error: --target 150"),
                "must be a finite number at least 0 and at most 100", exit_code=2),  # as -1 is (bt16k F8)
    # --- the command line itself: said in the language in use, exit 2 (not click's English)
    CommandCase("draws_not_a_whole_number", lambda d: (["uncertainty", EXAMPLE_Q2, "--draws", "1.5"], "--draws '1.5'"),
                "must be a whole number", exit_code=2),
    CommandCase("unknown_option", lambda d: (["compare", EXAMPLE_Q2, "--bogus"], "--bogus"), "there is no option",
                exit_code=2),
    # --- scenarios: numbers no zone's statistic reaches, overflow in a formula, a count by halves
    CommandCase("scenario_indicator_plus_1e308", _scenario('indicators:\n  fdi_growth: "+1e308"\n'),
                "too large to be a statistic of a zone"),
    CommandCase("scenario_divisor_next_to_nothing", _scenario("fields:\n  city_fdi_actual: = 1e-310 万美元\n"),
                "too large to compute with"),
    CommandCase("scenario_count_by_a_half", _scenario("fields:\n  rd_institutions: +0.5\n"), "a whole number of items"),
    # --- peer tables: a program's nan, a short row, a share over 100 %
    CommandCase("peer_table_nan_cell", _peer_table("名称,fdi_amount\n甲,nan\n"), "is not a finite number"),
    CommandCase("peer_table_short_row", _peer_table("名称,fdi_amount,trade_amount\n甲,100\n", "2:3"),
                "a cell is missing"),
    CommandCase("peer_table_share_over_100", _peer_table("名称,fdi_city_share\n甲,150\n"), "between 0 and 100 %"),
    # --- paths of the wrong kind, sizes, signs (bt16h F1, F6, F9, F10)
    CommandCase("fifo_as_a_scenario", _special("compare", ".yaml"), "not a regular file but a FIFO"),
    CommandCase("fifo_as_the_workbook", _special("score", ".xlsx"), "not a regular file but a FIFO"),
    CommandCase("fifo_as_the_peer_table", _special("peers", ".csv"), "not a regular file but a FIFO"),
    CommandCase("scenario_over_2_mb", _big_scenario, "the YAML file is larger than 2 MB"),
    CommandCase("watch_into_a_regular_file", _watch_into_a_file, "the output folder is a regular file"),
    CommandCase("effort_max_change_with_a_sign", _signed_effort, "'-40%': a feasible change is a size"),
]
