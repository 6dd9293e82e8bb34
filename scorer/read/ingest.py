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

import bisect
import csv
import datetime as dt
import functools
import gc
import hashlib
import io
import itertools
import math
import re
import struct
import unicodedata
import zipfile
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping
from xml.etree import ElementTree

from scorer import units
from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import FieldDef
from scorer.read import checks
from scorer.read.observation import IngestResult, Observation

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}
# No zone's statistic reaches China's GDP in 元 (about 1.2e14); a bigger number is a slip, not data.
LARGEST_PLAUSIBLE = 1e15

# --------------------------------------------------------------------------------- text rules
_FOOTNOTES = re.compile(r"[①-⑳※△▲*#＊＃]")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")
_NUMBERING = re.compile(
    r"^(?:"
    r"[(（][一二三四五六七八九十\d]+[)）]"          # （一） (1)
    r"|[一二三四五六七八九十]+[、.．]"              # 一、
    r"|\d+(?:\.\d+)*[、.．)）](?!\d)"               # 1. 1、 1.2. 1)
    r"|其中[:：]|内[:：]|#"
    r")\s*"
)
_PAREN_TAIL = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]$")
# Text in trailing parentheses that is meant as a unit even when units.py does not know it (亿卢布,
# 万元/人): matching the label without it and failing the conversion is better than not matching.
_UNIT_LIKE = re.compile(r"^[^\d()（）]{0,5}(?:元|美元|欧元|日元|港元|英镑|卢布|吨|克|人|人次|户|家|个|件|项|起|座|所|"
                        r"亩|公顷|米|公里|千米|立方米|标准煤|标煤|%|‰)(?:人民币)?$")
_MISSING_MARKS = {"", "-", "—", "–", "－", "--", "——", "…", "...", "……", "/", "—-", "x", "X", "×", "无"}
_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
                 "#GETTING_DATA"}


def label_key(text: str) -> tuple[str, str | None]:
    """Normalise a row label for matching; returns (key, unit found in trailing parentheses)."""
    s = _FOOTNOTES.sub("", str(text))
    s = unicodedata.normalize("NFKC", s)
    s = _SPACES.sub("", s)
    while True:
        stripped = _NUMBERING.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    unit = None
    m = _PAREN_TAIL.search(s)
    if m and (units.is_known(m.group(1)) or _UNIT_LIKE.match(m.group(1))):
        unit = units.normalise_unit(m.group(1))
        s = s[: m.start()]
    return s, unit


_GAP = r"[\s\u3000\u00a0]*"
# NFKC maps these onto ordinary ideographs (Kangxi radicals, compatibility ideographs): always look closer.
_LOOKALIKES = r"[\u2e80-\u2fdf\uf900-\ufaff]"


def _keys_pattern(keys: Iterable[str]) -> str:
    """One regex finding any of `keys` in raw text, as a trie: 进出口总额 and 进出口总值 share 进出口总."""
    trie: dict = {}
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        if "" in node:
            return ""  # a key ends here: finding it is enough, longer keys need not be told apart
        alts = [_key_pattern(ch) + (_GAP + rest if (rest := emit(child)) else "") for ch, child in sorted(node.items())]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return emit(trie)


def _key_pattern(key: str) -> str:
    """A regex for a key inside raw text: spaces between its characters, full-width forms of ASCII."""
    parts = []
    for ch in key:
        if "!" <= ch <= "~":
            parts.append(f"[{re.escape(ch)}{chr(ord(ch) + 0xFEE0)}]")
        else:
            parts.append(re.escape(ch))
    return _GAP.join(parts)


class FieldIndex:
    """Maps normalised labels and aliases to field ids; remembers every text it has looked at."""

    def __init__(self, fields: dict[str, FieldDef]):
        self.fields = fields
        self.by_key: dict[str, str] = {}
        for fid, fdef in fields.items():
            for text in [fdef.label, *fdef.aliases]:
                self.by_key.setdefault(label_key(text)[0], fid)
        # A sheet repeats its texts (units, 合计, —); workbooks of one run repeat their labels.
        self._seen: dict[str, tuple[str, str | None] | None] = {}
        # Most texts of a big sheet are no label of ours, and normalising each costs more than reading
        # it. A label holds its key whole (numbering goes before it, units and footnote marks after),
        # give or take spaces and full-width forms: one search over all keys rules the others out.
        # (Keys that begin with an ASCII letter, GDP or R&D, are looked at whenever the letter is there,
        # which keeps the big alternation literal-first: the regex engine then skips most positions.)
        ascii_first = {k[0] for k in self.by_key if "!" <= k[0] <= "~"}
        self._candidates = [
            re.compile(_keys_pattern(k for k in self.by_key if k[0] not in ascii_first)),
            re.compile("[" + "".join(re.escape(c) + chr(ord(c) + 0xFEE0) for c in sorted(ascii_first)) + _LOOKALIKES[1:]),
        ]

    def labels_among(self, texts: Collection[str]) -> dict[str, tuple[str, str | None]]:
        """{text: (field id, unit)} for the texts that are row labels: a whole sheet's texts at once.

        The texts not seen before are searched as one string (NUL-separated, so no match spans two),
        which costs the regex engine one call instead of one per text.
        """
        seen = self._seen
        new = [t for t in texts if t not in seen]
        if new:
            joined = "\0".join(new)
            starts = list(itertools.accumulate((len(t) + 1 for t in new[:-1]), initial=0))
            maybe = {bisect.bisect_right(starts, m.start()) - 1
                     for pattern in self._candidates for m in pattern.finditer(joined)}
            seen.update(dict.fromkeys(new))
            for i in maybe:
                seen[new[i]] = self._lookup(new[i])
        return {t: hit for t in texts if (hit := seen[t])}

    def match(self, text: Any) -> tuple[str, str | None] | None:
        """(field id, unit in the label's parentheses) for a row label, None for any other cell."""
        try:
            return self._seen[text]
        except (KeyError, TypeError):
            pass
        if text.__class__ is not str:
            return None
        hit = self._lookup(text) if any(pattern.search(text) for pattern in self._candidates) else None
        self._seen[text] = hit
        return hit

    def _lookup(self, text: str) -> tuple[str, str | None] | None:
        key, unit = label_key(text)
        fid = self.by_key.get(key)
        return (fid, unit) if fid else None



# ------------------------------------------------------------------------------------ periods
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RANGE = r"1\s*月?\s*[-—–~～至到]\s*(\d{1,2})\s*月"
_PERIOD_PATTERNS: list[tuple[re.Pattern, Any]] = [
    (re.compile(r"(20\d{2})\s*年\s*" + _RANGE), lambda m: (m[1], int(m[2]))),
    (re.compile(r"(20\d{2})\s*年\s*(?:第\s*)?([一二三四1-4])\s*季度"), lambda m: (m[1], 3 * _CN_NUM[m[2]])),
    (re.compile(r"(20\d{2})\s*年\s*上半年"), lambda m: (m[1], 6)),
    (re.compile(r"(20\d{2})\s*年\s*前三季度"), lambda m: (m[1], 9)),
    (re.compile(r"(20\d{2})\s*(?:年\s*(?:全年|年报)|年度)"), lambda m: (m[1], 12)),
    # 2022年6月末 is a quarter's end; 2022年7月15日 is a date (填报日期), not a period.
    (re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*日)\s*(?:末|底|份)?"), lambda m: (m[1], int(m[2]))),
    (re.compile(r"(20\d{2})\s*[Qq]\s*([1-4])(?!\d)"), lambda m: (m[1], 3 * int(m[2]))),
]
# A header without a year still says how far into the year a column runs: 1-6月累计, 上半年, 全年.
_MONTH_ONLY: list[tuple[re.Pattern, Any]] = [
    (re.compile(r"(?<![\d年])" + _RANGE), lambda m: int(m[1])),
    (re.compile(r"上半年"), lambda m: 6),
    (re.compile(r"前三季度"), lambda m: 9),
    (re.compile(r"(?<![上本])(?:第)?([一二三四1-4])季度"), lambda m: 3 * _CN_NUM[m[1]]),
    (re.compile(r"全年|1-12月"), lambda m: 12),
]
_YEAR_ONLY = re.compile(r"(20\d{2})\s*年")


def find_period(text: str) -> tuple[str | None, str | None]:
    """The quarter a text names, as ('2022Q2', None), or (None, reason) when it names a non-quarter."""
    text = unicodedata.normalize("NFKC", str(text))
    for pattern, pick in _PERIOD_PATTERNS:
        m = pattern.search(text)
        if m:
            year, month = pick(m)
            if month not in (3, 6, 9, 12):
                return None, f"'{m.group(0)}' is not a quarter's end (expected 1-3月, 1-6月, 1-9月 or 1-12月)"
            return f"{year}Q{month // 3}", None
    return None, None


def _months_named(text: str) -> int | None:
    for pattern, pick in _MONTH_ONLY:
        m = pattern.search(text)
        if m:
            return pick(m)
    return None


def shift_period(period: str, years: int) -> str:
    return f"{int(period[:4]) + years}{period[4:]}"


# --------------------------------------------------------------------------------- cell values
def a1(row: int, col: int) -> str:
    """0-based row/col → A1 notation."""
    letters, n = "", col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _from_a1(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


class CellError(ValueError):
    pass


def parse_number(raw: Any) -> float | None:
    """A cell's number; None for a missing mark or blank; CellError for text that is not a number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellError(f"a TRUE/FALSE value ({raw}) where a number was expected")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise CellError(f"{raw} where a number was expected")
        return float(raw)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise CellError(f"a date ({raw}) where a number was expected")
    text = str(raw).strip()
    if text in _EXCEL_ERRORS:
        raise CellError(f"Excel error value {text}")
    # Footnote marks go before NFKC, which would turn 12.5① into 12.51.
    text = _FOOTNOTES.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    if text in _MISSING_MARKS:
        return None
    text = text.replace("−", "-").replace("–", "-").replace("—", "-").replace("－", "-")
    text = text.replace(",", "").replace("，", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"text {str(raw).strip()!r} where a number was expected") from None
    if not math.isfinite(value):  # float() accepts 'inf' and 'nan'
        raise CellError(f"text {str(raw).strip()!r} where a number was expected")
    return value


# ------------------------------------------------------------------------------ column headers
# First match wins, so the order is the precedence: 本月同比 is the month's (ignored), 累计增长 is a
# growth rate, 上年同期累计 is the prior year, and only then does 累计 mean this period's value.
_HEADER_RULES: list[tuple[str, re.Pattern]] = [
    ("unit", re.compile(r"^(?:计量)?单位$")),
    ("label", re.compile(r"^(?:主要)?(?:指标|项目)(?:名称)?$|^名称$|^指标项目$")),
    ("ignore", re.compile(r"计划|目标|任务|预计|预测|占比|比重|构成|排名|排序|位次|名次|环比|上月|上季|上期|备注|说明|"
                          r"进度|代码|序号|编码|行次|比年初|较年初|比上年末|增减[额量数]|增长[额量]|增加[额值量]|增量|绝对额|"
                          r"(?<![比较])(?:上年|去年)(?:同期)?(?:同比)?(?:增长|增速|增幅|增减|±)")),  # last year's own rate
    ("month", re.compile(r"^(?!.*累计).*(?:本|当)月(?!止|末|底)")),
    ("growth", re.compile(r"同比|增长|增速|增幅|增减|±|比上年|比去年|比同期")),
    ("year_end", re.compile(r"上年末|上年年末|去年末|去年年末|^年初(?:数|值)?$")),
    ("prior", re.compile(r"上年|去年|同期")),
    ("current", re.compile(r"累计|1[-—–~～至到]\d{1,2}月|本年|本期|期末|年末|月末|季末|全年|上半年|前三季度|季度|"
                           r"绝对[值数]|实际|完成|数值|总量|金额|当期")),
]
_VALUE_KINDS = {"current", "prior", "year_end", "growth", "month"}


@functools.lru_cache(maxsize=4096)  # a table repeats its header texts, and data rows their units
def classify_header(text: str) -> str | None:
    """What a column header says the column holds: current, prior, year_end, growth, month, unit, label, ignore."""
    norm = unicodedata.normalize("NFKC", _SPACES.sub("", str(text)))
    return next((k for k, pattern in _HEADER_RULES if pattern.search(norm)), None)


# ----------------------------------------------------------------------------- reading a file
@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # absolute coordinates from A1
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _open_failure(message: str, path: Path, hint: str) -> ScorerError:
    return ScorerError(Problem(f"cannot open as a workbook: {message}", Location(file=path), hint))


def _sniff(path: Path, data: bytes) -> str:
    """'xlsx', 'xls' or 'csv' from the bytes (a renamed file is read for what it is), or ScorerError."""
    damaged = ("check that the file is a real .xlsx/.xls workbook (not renamed, not damaged); "
               "open it in Excel and save it again")
    if not data:
        raise _open_failure("the file is empty (0 bytes)", path,
                            "copy the workbook again from the statistics office's original")
    if data[:2] == b"PK":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _open_failure(f"a damaged zip archive ({_short(exc)})", path, damaged) from None
        if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
            return "xlsx"
        if "word/document.xml" in names:
            raise _open_failure("this is a Word document, not a workbook", path, "export the table to Excel (.xlsx)")
        if any(n.startswith("ppt/") for n in names):
            raise _open_failure("this is a PowerPoint file, not a workbook", path, "export the table to Excel (.xlsx)")
        if "content.xml" in names:
            raise _open_failure("this is an OpenDocument file, not an Excel workbook", path, "save it as .xlsx")
        raise _open_failure("a zip archive that is not an Excel workbook (it has no xl/workbook.xml)", path,
                            "unpack the archive and name the workbook inside it")
    if data[:8] == _CFB_MAGIC:
        if _ENCRYPTED_PACKAGE in data[:1 << 20] or _ENCRYPTED_PACKAGE in data[-(1 << 16):]:
            raise _open_failure("the workbook is encrypted with a password", path,
                                "open it in Excel, remove the password (文件 › 信息 › 保护工作簿 › 用密码进行加密) and save it")
        if "WordDocument".encode("utf-16-le") in data[:1 << 20]:
            raise _open_failure("this is a Word document, not a workbook", path, "export the table to Excel (.xlsx)")
        return "xls"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or b"<html" in head[:512]:
        raise _open_failure("this is a web page (HTML) saved with an Excel name, not a workbook", path,
                            "open it in Excel and save it as an Excel workbook (.xlsx)")
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise _open_failure("this is an Excel 2003 XML spreadsheet, which cannot be read", path,
                            "open it in Excel and save it as .xlsx")
    if path.suffix.lower() == ".csv":
        return "csv"
    raise _open_failure("the file is neither an Excel workbook nor a zip archive (plain text or another format?)",
                        path, damaged)


def _load_sheets(path: Path, data: bytes) -> tuple[list[Sheet], str]:
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
            raise _open_failure("the workbook is protected with a password", path,
                                "open it in Excel, remove the password and save it") from None
        raise _open_failure(_short(exc), path,
                            "check that the file is a real .xlsx/.xls workbook (not renamed, not damaged); "
                            "open it in Excel and save it again") from None
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
                raise ScorerError(Problem(f"cannot read sheet: {_short(exc)}", Location(file=path, sheet=name),
                                          "open the workbook in Excel and save it again")) from None
            sheets.append(Sheet(name, rows, merged))
    finally:
        if collecting:
            gc.enable()
        wb.close()
    return sheets, kind


def _read_csv(path: Path, data: bytes) -> tuple[list[list[Any]], str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    elif b"\x00" in data[:4096]:
        raise ScorerError.at("CSV holds NUL bytes: it is UTF-16 without a byte-order mark, or not text at all",
                             file=path, hint="save the table as CSV (UTF-8) from Excel or WPS")
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ScorerError.at("CSV is neither UTF-8 nor GB18030 text", file=path,
                             hint="save the table as CSV (UTF-8) from Excel or WPS")
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
_XLS_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_X = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional XML namespace prefix (x:c in files written by .NET)
_XML_ERROR_CELL = re.compile(  # <c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>, never reading into the next cell
    rb"<" + _X + rb"c\b([^>]*\bt=\"e\"[^>/]*)>((?:(?!</" + _X + rb"c>).)*?)<" + _X + rb"v>([^<]*)</", re.S)
_XML_UNCACHED_FORMULA = re.compile(
    rb"<" + _X + rb"c\b([^>]*)>\s*<" + _X + rb"f\b[^>]*(?:/>|>[^<]*</" + _X + rb"f>)\s*(?:<" + _X + rb"v\s*/>|<"
    + _X + rb"v>\s*</" + _X + rb"v>)?\s*</" + _X + rb"c>")
_XML_REF = re.compile(rb"\br=\"([A-Z]+[0-9]+)\"")


class _CellFacts:
    """Facts about cells that python-calamine drops, read from the file only when a cell needs them.

    calamine returns '' for an Excel error value (#DIV/0!) and for a formula that was never
    calculated, exactly as for a blank cell; and it drops number formats, so 8.5% stored as 0.085
    in a percent-formatted cell reads as 0.085.
    """

    def __init__(self, kind: str, data: bytes):
        self.kind, self.data = kind, data
        self._blank: dict[str, dict[tuple[int, int], str]] = {}
        self._percent: dict[str, set[tuple[int, int]]] = {}
        self._zip: zipfile.ZipFile | None = None
        self._parts: dict[str, str] | None = None
        self._percent_styles: set[bytes] | None = None
        self._xls: dict[str, dict[tuple[int, int], str]] | None = None

    def blank_reason(self, sheet: str, r: int, c: int) -> str | None:
        """Why a cell calamine gives as '' is not simply blank: 'Excel error value #DIV/0!' and the like."""
        if self.kind == "csv":
            return None
        if sheet not in self._blank:
            try:
                self._blank[sheet] = self._xlsx_blanks(sheet) if self.kind == "xlsx" else self._xls_blanks(sheet)
            except Exception:  # the look-up is best effort: a file calamine read but this cannot is rare
                self._blank[sheet] = {}
        return self._blank[sheet].get((r, c))

    def is_percent(self, sheet: str, r: int, c: int) -> bool:
        if self.kind != "xlsx":
            return False  # .xls formats are not looked up: a 0.085 there stays 0.085 (the range check warns)
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
            ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                  "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                  "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
            book = ElementTree.fromstring(z.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("p:Relationship", ns)}
            self._parts = {}
            for s in book.iter(f"{{{ns['m']}}}sheet"):
                target = targets.get(s.get(f"{{{ns['r']}}}id"), "")
                self._parts[s.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        part = self._parts.get(sheet)
        return z.read(part) if part else None

    def _xlsx_blanks(self, sheet: str) -> dict[tuple[int, int], str]:
        xml = self._sheet_xml(sheet) or b""
        found = {}
        if b't="e"' in xml:
            for m in _XML_ERROR_CELL.finditer(xml):
                ref = _XML_REF.search(m[1])
                if ref:
                    found[_from_a1(ref[1].decode())] = f"Excel error value {m[3].decode(errors='replace')}"
        if b"<f" in xml or b":f" in xml:
            for m in _XML_UNCACHED_FORMULA.finditer(xml):
                ref = _XML_REF.search(m[1])
                if ref:
                    found.setdefault(_from_a1(ref[1].decode()),
                                     "a formula with no saved result (the file was written by a program that does not "
                                     "calculate formulas)")
        return found

    def _xlsx_percent_cells(self, sheet: str) -> set[tuple[int, int]]:
        if self._percent_styles is None:
            self._percent_styles = self._read_percent_styles()
        if not self._percent_styles:
            return set()
        xml = self._sheet_xml(sheet) or b""
        styles = b"|".join(re.escape(s) for s in sorted(self._percent_styles))
        pattern = re.compile(rb"<" + _X + rb"c\b([^>]*\bs=\"(?:" + styles + rb")\"[^>]*)>")
        return {_from_a1(ref[1].decode()) for m in pattern.finditer(xml) if (ref := _XML_REF.search(m[1]))}

    def _read_percent_styles(self) -> set[bytes]:
        z = self._open_zip()
        try:
            root = ElementTree.fromstring(z.read("xl/styles.xml"))
        except KeyError:
            return set()
        ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        percent_formats = {9, 10}  # Excel's built-in 0% and 0.00%
        for fmt in root.iter(f"{ns}numFmt"):
            code = re.sub(r'"[^"]*"|\\.', "", fmt.get("formatCode", ""))  # 0.0"%" shows a % it does not apply
            if "%" in code:
                percent_formats.add(int(fmt.get("numFmtId", "-1")))
        xfs = root.find(f"{ns}cellXfs")
        if xfs is None:
            return set()
        return {str(i).encode() for i, xf in enumerate(xfs.findall(f"{ns}xf"))
                if int(xf.get("numFmtId", "0")) in percent_formats}

    # ---- .xls (BIFF8 inside an OLE compound file)
    def _xls_blanks(self, sheet: str) -> dict[tuple[int, int], str]:
        if self._xls is None:
            stream = _cfb_stream(self.data, ("Workbook", "Book"))
            self._xls = _biff_error_cells(stream) if stream else {}
        return self._xls.get(sheet, {})


def _cfb_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """One stream of an OLE compound file (the container of .xls), or None."""
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    n_fat, dir_start = struct.unpack_from("<II", data, 0x2C)
    cutoff, minifat_start, _n_minifat, difat_start, n_difat = struct.unpack_from("<IIIII", data, 0x38)

    def sec(n: int) -> bytes:
        return data[(n + 1) * sector: (n + 2) * sector]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    d = difat_start
    for _ in range(n_difat):
        vals = struct.unpack(f"<{sector // 4}I", sec(d))
        difat += vals[:-1]
        d = vals[-1]
    fat = array("I", b"".join(sec(s) for s in difat[:n_fat]))

    def chain(start: int, table: array) -> list[int]:
        out, n = [], start
        while n < 0xFFFFFFFA and n < len(table) and len(out) <= len(table):
            out.append(n)
            n = table[n]
        return out

    directory = b"".join(sec(n) for n in chain(dir_start, fat))
    entries = []
    for i in range(len(directory) // 128):
        e = directory[i * 128:(i + 1) * 128]
        name_len = struct.unpack_from("<H", e, 64)[0]
        name = e[:max(0, name_len - 2)].decode("utf-16-le", errors="replace")
        entries.append((name, e[66], *struct.unpack_from("<II", e, 116)))
    root_start, root_size = entries[0][2], entries[0][3]
    for name, typ, start, size in entries:
        if typ != 2 or name not in names:
            continue
        if size >= cutoff:
            return b"".join(sec(n) for n in chain(start, fat))[:size]
        ministream = b"".join(sec(n) for n in chain(root_start, fat))[:root_size]
        minifat = array("I", b"".join(sec(n) for n in chain(minifat_start, fat)))
        return b"".join(ministream[m * mini:(m + 1) * mini] for m in chain(start, minifat))[:size]
    return None


def _biff_error_cells(stream: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Cells holding an Excel error value (typed, or a formula's cached result), per sheet of a BIFF8 stream."""
    def records(pos: int):
        while pos + 4 <= len(stream):
            rtype, length = struct.unpack_from("<HH", stream, pos)
            yield rtype, stream[pos + 4: pos + 4 + length]
            pos += 4 + length
            if rtype == 0x000A:  # EOF of a substream
                return

    sheets = []
    for rtype, body in records(0):
        if rtype == 0x0085 and len(body) >= 8:  # BOUNDSHEET: where each sheet's records start, and its name
            offset, cch, flags = struct.unpack_from("<I", body)[0], body[6], body[7]
            raw = body[8: 8 + cch * (2 if flags & 1 else 1)]
            sheets.append((offset, raw.decode("utf-16-le" if flags & 1 else "latin-1", errors="replace")))
    out = {}
    for offset, name in sheets:
        cells = {}
        for rtype, body in records(offset):
            if rtype == 0x0205 and len(body) >= 8 and body[7] == 1:  # BOOLERR holding an error
                row, col = struct.unpack_from("<HH", body)
                cells[(row, col)] = f"Excel error value {_XLS_ERRORS.get(body[6], '#ERROR')}"
            elif rtype == 0x0006 and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:  # FORMULA → error
                row, col = struct.unpack_from("<HH", body)
                cells[(row, col)] = f"Excel error value {_XLS_ERRORS.get(body[8], '#ERROR')}"
        out[name] = cells
    return out


# ------------------------------------------------------------------------------- a sheet's layout
class _Grid:
    """A sheet's cells with merged ranges resolved: a merged cell reads as its top-left cell."""

    def __init__(self, sheet: Sheet):
        self.rows = sheet.rows
        self.width = max((len(r) for r in sheet.rows), default=0)
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

    def text(self, r: int, c: int, left_of: int = -1) -> str:
        """The text a cell shows; a merged cell whose top-left column is ≤ left_of (a title) reads as blank."""
        value = self.raw(r, c)
        if value == "" and (r, c) in self.anchor:
            ar, ac = self.anchor[(r, c)]
            value = "" if ac <= left_of else self.raw(ar, ac)
        return value.strip() if isinstance(value, str) else ""


@dataclass
class _Column:
    col: int
    kind: str  # current | prior | year_end | growth | month | unit | label | ignore | None
    text: str  # the header texts of the column, top to bottom, joined
    cell: str  # A1 of the lowest header cell naming it
    unit: str | None = None  # a unit in the header's parentheses: 1-6月累计（万元）


@dataclass
class _Table:
    label_col: int
    band: list[int]  # header rows, top to bottom
    columns: list[_Column]
    note_unit: str | None
    note_cell: str | None


@dataclass
class _Row:
    r: int
    c: int
    field: str
    label_unit: str | None
    text: str
    table: _Table | None


@dataclass
class _Layout:
    sheet: Sheet
    rows: list[_Row]
    title_cells: list[tuple[int, int, str]]


_TITLE_SKIP = re.compile(r"^(?:注|说明|备注|资料来源|数据来源|填报|制表|报送|打印|审核|联系|单位负责人)|例如")


def _is_header_row(grid: _Grid, r: int, c: int, stop: int) -> bool:
    """A row naming value columns (累计, 上年同期, 同比…) to the right of a label column, and holding no numbers."""
    named = False
    for j in range(c + 1, stop):
        value = grid.raw(r, j)
        if value.__class__ is not str:
            return False  # a number: a data row
        text = grid.text(r, j, left_of=c)
        if text and classify_header(text) in _VALUE_KINDS:
            named = True
    return named


def _is_title_row(grid: _Grid, r: int, c: int, stop: int) -> bool:
    """A row that is a table's title or note rather than part of its header."""
    filled = [(j, grid.raw(r, j)) for j in range(0, stop) if grid.raw(r, j) not in ("", None)]
    if not filled:
        return True  # a blank row ends the header
    if any(not isinstance(v, str) for _, v in filled):
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


def _build_table(grid: _Grid, band: list[int], c: int, stop: int) -> _Table:
    """Classify the columns right of label column `c` from the header rows in `band`."""
    h = band[-1]
    columns: list[_Column] = []
    seen_value = False
    for j in range(c + 1, stop):
        texts, cell = [], None
        for b in band:
            t = grid.text(b, j, left_of=c)
            if t:
                cell = a1(b, j)  # the lowest cell that names the column itself
            elif b != h and (b, j) not in grid.anchor:
                t = _spanning_text(grid, b, j, c, band)
            if t:
                texts.append(t)
        if not texts:
            continue
        joined = "".join(texts)
        kind = _combine_kinds([classify_header(t) for t in texts], joined)
        if kind == "label" and seen_value:
            break  # the next table's label column, side by side with this one
        seen_value = seen_value or kind in _VALUE_KINDS
        unit = None
        if kind in ("current", "prior", "year_end", None):
            for t in texts:
                m = _PAREN_TAIL.search(unicodedata.normalize("NFKC", t))
                if m and m[1] != "%" and (units.is_known(m[1]) or _UNIT_LIKE.match(m[1])):
                    unit = units.normalise_unit(m[1])
        columns.append(_Column(j, kind, joined, cell or a1(h, j), unit))
    note_unit, note_cell = _unit_note(grid, band[0], c, stop)
    return _Table(c, band, columns, note_unit, note_cell)


def _spanning_text(grid: _Grid, b: int, j: int, c: int, band: list[int]) -> str:
    """The text of an unmerged header cell that spans to the right (centred across the columns below it)."""
    if not any(grid.text(lower, j, left_of=c) for lower in band if lower > b):
        return ""
    for k in range(j - 1, c, -1):
        t = grid.text(b, k, left_of=c)
        if t:
            return t if classify_header(t) not in ("unit", "label") else ""
        if not any(grid.text(lower, k, left_of=c) for lower in band if lower > b):
            return ""
    return ""


def _combine_kinds(kinds: list[str | None], joined: str) -> str | None:
    """One kind for a column from its header texts: what the whole says first (本月 + 同比 is the month's)."""
    whole = classify_header(joined)
    if whole in ("ignore", "month"):
        return whole
    for k in ("unit", "label", "ignore", "month", "growth", "year_end", "prior", "current"):
        if k in kinds:
            return k
    return whole


# 单位：万元, 金额单位：万元, 计量单位：万元; not 填报单位：某某开发区 (who reports, not in what).
_UNIT_NOTE = re.compile(r"(?<![报送表制统])单位\s*[:：]\s*([^\s,，;；、]+)")


def _unit_note(grid: _Grid, top: int, c: int, stop: int) -> tuple[str | None, str | None]:
    """A `单位：万元` note in the rows just above a table's header (or in its top row)."""
    for r in range(top, max(-1, top - 4), -1):
        values = [(j, grid.raw(r, j)) for j in range(max(0, c - 1), max(stop, c + 1))]
        for j, value in values:
            if isinstance(value, str) and "单位" in value:
                m = _UNIT_NOTE.search(unicodedata.normalize("NFKC", value))
                if m:
                    return m.group(1), a1(r, j)
        if any(not isinstance(v, str) for _, v in values):
            return None, None  # numbers: the data of a table above, whose note this is not
    return None, None


def _layout(sheet: Sheet, index: FieldIndex, previous: dict[int, _Table]) -> tuple[_Layout, dict[int, _Table]]:
    """Row labels of the framework's fields on one sheet, each with the table (header) it belongs to.

    `previous`: the tables of the sheet before, by label column, for a continuation sheet (续表)
    that does not repeat the header.
    """
    grid = _Grid(sheet)
    hits: dict[int, list[tuple[int, str, str | None, str]]] = {}
    # The only work done for every cell of a big sheet: collect its distinct texts, and then find the
    # rows holding a label with a set operation rather than a look at each cell.
    labels = index.labels_among({v for row in sheet.rows for v in row if v.__class__ is str})
    label_texts = labels.keys()
    for r, row in enumerate(sheet.rows):
        if not label_texts.isdisjoint(row):
            for c, value in enumerate(row):
                if value.__class__ is str and value in labels:
                    fid, unit = labels[value]
                    hits.setdefault(c, []).append((r, fid, unit, value))
    continuation = "续" in sheet.name or any(isinstance(v, str) and "续" in v for row in sheet.rows[:3] for v in row)
    label_cols = sorted(hits)
    out_rows: list[_Row] = []
    covered: list[list[int]] = []  # [first row, last row] of each table: header band to last label
    tables_here: dict[int, _Table] = {}
    for i, c in enumerate(label_cols):
        stop = label_cols[i + 1] if i + 1 < len(label_cols) else grid.width
        hit_rows = {r for r, *_ in hits[c]}
        tables: dict[int, _Table] = {}
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
                covered.append([band[0], r])
            elif table is not None and covered and covered[-1][0] <= r:
                covered[-1][1] = r
            else:
                covered.append([r, r])
            out_rows.append(_Row(r, c, fid, unit, text, table))
        if table is not None:
            tables_here[c] = table
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
            if isinstance(value, str) and ("年" in value or "Q" in value or "q" in value):
                text = value.strip()
                span = grid.spans.get((r, c))
                alone = len(filled) <= 2 or (span is not None and span[1] - c >= 2)
                if alone and 0 < len(text) <= 60 and not _TITLE_SKIP.search(text):
                    title_cells.append((r, c, text))
    return _Layout(sheet, out_rows, title_cells), tables_here


# ------------------------------------------------------------------------------- the period
@dataclass
class _Mention:
    period: str
    where: str


def _workbook_period(path: Path, layouts: list[_Layout]) -> tuple[str | None, Problem | None]:
    """The quarter a workbook reports: its titles, sheet names and file name must agree."""
    mentions: list[_Mention] = []
    reasons: list[str] = []
    for lay in layouts:
        for r, c, text in lay.title_cells:
            period, reason = find_period(text)
            if period:
                mentions.append(_Mention(period, f"工作表「{lay.sheet.name}」单元格 {a1(r, c)}"))
            elif reason:
                reasons.append(f"{reason} in 工作表「{lay.sheet.name}」单元格 {a1(r, c)}")
        period, reason = find_period(lay.sheet.name)
        if period:
            mentions.append(_Mention(period, f"the sheet name「{lay.sheet.name}」"))
    period, reason = find_period(path.stem)
    if period:
        mentions.append(_Mention(period, "the file name"))
    elif reason:
        reasons.append(f"{reason} in the file name")

    found: dict[str, list[str]] = {}
    for m in mentions:
        found.setdefault(m.period, []).append(m.where)
    if len(found) > 1:
        detail = "; ".join(f"{p} in {', '.join(w[:3])}" for p, w in sorted(found.items()))
        return None, Problem(f"the workbook names more than one period: {detail}", Location(file=path),
                             "one workbook should hold one quarter; fix the title, the sheet name or the file name")
    if found:
        return next(iter(found)), None
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
                    where = f"工作表「{lay.sheet.name}」单元格 {col.cell}"
                    p, _ = find_period(col.text)
                    if p:
                        headers.setdefault(p, []).append(where)
                    elif (n := _months_named(col.text)) and col.kind == "current":
                        months.setdefault(n, []).append(where)
        years |= {m[1] for _, _, t in lay.title_cells for m in _YEAR_ONLY.finditer(unicodedata.normalize("NFKC", t))}
        years |= set(_YEAR_ONLY.findall(unicodedata.normalize("NFKC", lay.sheet.name)))
    years |= set(_YEAR_ONLY.findall(unicodedata.normalize("NFKC", path.stem)))
    if headers:
        latest = max(headers)
        others = [p for p in headers if p not in (latest, shift_period(latest, -1))]
        if not others:
            return latest, None
        detail = "; ".join(f"{p} in {', '.join(w[:3])}" for p, w in sorted(headers.items()))
        return None, Problem(f"the column headers name more than one period: {detail}", Location(file=path),
                             "give the workbook a title with its period, e.g. 2022年1-6月")
    if len(years) == 1 and len(months) == 1 and next(iter(months)) in (3, 6, 9, 12):
        return f"{next(iter(years))}Q{next(iter(months)) // 3}", None
    why = f": {reasons[0]}" if reasons else ""
    return None, Problem(f"cannot tell which period this workbook covers{why}", Location(file=path),
                         "put the period in the title (e.g. 2022年1-6月) or the file name")


def _column_period(col: _Column, period: str) -> tuple[str | None, str | None]:
    """(observation kind, period) a value column holds in a workbook for `period`; kind None: not a value."""
    if col.kind not in ("current", "prior", "year_end", "growth", None):
        return None, None
    year, quarter = int(period[:4]), int(period[-1])
    named, _ = find_period(col.text)
    months = _months_named(col.text)
    if col.kind == "growth":
        if named and named != period:
            return "mismatch", named
        if not named and months and months != quarter * 3:
            return "mismatch", f"1-{months}月"
        return "growth", period
    if named is None and months is None and col.kind is None:
        return None, None
    y = int(named[:4]) if named else None
    if col.kind in ("prior", "year_end"):
        y = year - 1 if y in (None, year) else y  # 2022年1-6月 spanning over 上年同期 is this table's year
    elif y is None:
        y = year
    m = int(named[-1]) * 3 if named else months or (12 if col.kind == "year_end" else quarter * 3)
    if m not in (3, 6, 9, 12):
        return "mismatch", f"{y}年1-{m}月"
    seen = f"{y}Q{m // 3}"
    if seen == period:
        return "current", seen
    if seen == shift_period(period, -1):
        return "prior", seen
    if seen == f"{year - 1}Q4":
        return "prior", seen  # 上年末 / 年初数 / 上年全年: last year's end
    return "mismatch", seen


# --------------------------------------------------------------------------------- the reader
def read_workbook(path: Path, fields: dict[str, FieldDef], index: FieldIndex | None = None) -> IngestResult:
    """Read one workbook or CSV into observations; problems are collected, not raised."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestResult(problems=[_unreadable(path, exc)])
    return _read(path, data, index or FieldIndex(fields))


def _unreadable(path: Path, exc: OSError) -> Problem:
    return Problem(f"cannot read the file: {exc.strerror or exc}", Location(file=path),
                   "check that the file exists and may be read")


def _read(path: Path, data: bytes, index: FieldIndex) -> IngestResult:
    result = IngestResult()
    try:
        sheets, kind = _load_sheets(path, data)
    except ScorerError as exc:
        result.problems += exc.problems
        return result
    titles = result.titles.setdefault(str(path), [])
    for sheet in sheets:
        for row in sheet.rows[:3]:
            titles += [v.strip() for v in row if isinstance(v, str) and v.strip()]
    if not any(v not in ("", None) for s in sheets for row in s.rows for v in row):
        result.problems.append(Problem("the workbook is empty: no sheet has a cell with a value", Location(file=path),
                                       "check that this is the right file; the office may have sent a blank template"))
        return result

    layouts: list[_Layout] = []
    previous: dict[int, _Table] = {}
    for sheet in sheets:
        lay, tables = _layout(sheet, index, previous)
        layouts.append(lay)
        previous = tables or previous
    # A CSV in another encoding (Big5, Shift-JIS) decodes as GB18030 into nonsense: say how it was read.
    read_as = f" (the CSV was read as {kind[4:].upper().replace('-SIG', '')} text)" if kind.startswith("csv") else ""
    period, problem = _workbook_period(path, layouts)
    if problem:
        result.problems.append(Problem(problem.message + read_as, problem.location, problem.hint))
        return result
    result.periods[str(path)] = period

    facts = _CellFacts(kind.split(":")[0], data)
    for lay in layouts:
        _emit_sheet(path, lay, period, index.fields, facts, result)
    if not result.observations and not result.errors:
        hint = "row labels must be the Chinese names or aliases in indicators/fields.yaml"
        if read_as:
            hint += "; a CSV must be UTF-8 or GB18030 text (save it as CSV UTF-8 from Excel or WPS)"
        result.problems.append(Problem("no statistic of the framework was found in this workbook" + read_as,
                                       Location(file=path), hint))
    return result


def _emit_sheet(path: Path, lay: _Layout, period: str, fields: dict[str, FieldDef], facts: _CellFacts,
                result: IngestResult) -> None:
    sheet = lay.sheet
    reported: set[str] = set()  # a header's problem once per table column, not once per row
    for row in lay.rows:
        columns = []
        for col in (row.table.columns if row.table else []):
            kind, seen = _column_period(col, period)
            if kind == "mismatch":
                if col.cell not in reported:
                    reported.add(col.cell)
                    result.problems.append(Problem(
                        f"the column header 「{col.text}」 names {seen}, but the workbook is for {period}",
                        Location(file=path, sheet=sheet.name, cell=col.cell),
                        "the title, the file name and the column headers must name the same quarter"))
            elif kind:
                columns.append((col, kind, seen))
        if not columns:
            result.problems.append(Problem(
                f"found 「{row.text}」 but no column header (累计 / 期末数 / 上年同期 / 同比增长) above it",
                Location(file=path, sheet=sheet.name, cell=a1(row.r, row.c)), "give the table a header row", "warning"))
            continue
        _emit_row(path, sheet, row, columns, fields[row.field], facts, result)


def _emit_row(path: Path, sheet: Sheet, row: _Row, columns: list[tuple[_Column, str, str]], fdef: FieldDef,
              facts: _CellFacts, result: IngestResult) -> None:
    """The observations of one labelled row; a problem with its unit is reported once, at the unit's cell."""
    table = row.table
    unit_col = next((col for col in table.columns if col.kind == "unit"), None)
    in_column = None
    if unit_col is not None:
        raw = _at(sheet.rows, row.r, unit_col.col)
        if isinstance(raw, str) and raw.strip() and raw.strip() not in _MISSING_MARKS:
            in_column = units.normalise_unit(raw)
    label_cell = a1(row.r, row.c)
    if row.label_unit and in_column and row.label_unit != in_column:
        result.problems.append(Problem(
            f"「{row.text}」 says {row.label_unit} in its label but {in_column} in the unit column "
            f"({a1(row.r, unit_col.col)})", Location(file=path, sheet=sheet.name, cell=label_cell),
            "make the label and the 计量单位 column say the same unit"))
        return
    conversions: dict[str | None, float | None] = {}
    basis = "ytd" if fdef.kind == "flow" else "stock"
    for col, kind, seen in columns:
        cell = a1(row.r, col.col)
        value = _cell_value(path, sheet, row, col, facts, result)
        if value is None:
            continue
        if kind == "growth":
            result.observations.append(Observation(row.field, value, "%", seen, "growth", str(path), sheet.name,
                                                   cell, row.text, "%", "growth"))
            continue
        # The row's own unit (label, unit column) before the table's (column header, 单位： note).
        unit = row.label_unit or in_column or col.unit or table.note_unit
        if unit not in conversions:
            where = (label_cell if row.label_unit else a1(row.r, unit_col.col) if in_column
                     else col.cell if col.unit else table.note_cell or label_cell)
            conversions[unit] = _conversion(path, sheet, row, unit, fdef, where, result)
        if conversions[unit] is None:
            continue
        result.observations.append(Observation(row.field, value * conversions[unit], fdef.unit, seen, basis,
                                               str(path), sheet.name, cell, row.text, unit,
                                               "current" if kind == "current" else "prior"))


def _conversion(path: Path, sheet: Sheet, row: _Row, unit: str | None, fdef: FieldDef, cell: str,
                result: IngestResult) -> float | None:
    """The factor from the unit written to the field's unit; None (and an error) when there is none."""
    if unit is None:
        if units.dimension(fdef.unit) != "count":  # 家, 个, 件 go without saying; 万元 or 亿元 does not
            result.problems.append(Problem(
                f"no unit given for 「{row.text}」; read as {fdef.unit} (the field's unit)",
                Location(file=path, sheet=sheet.name, cell=a1(row.r, row.c)),
                "add a 计量单位 column, a unit in the label's parentheses or a 单位： note", "warning"))
        return 1.0
    try:
        return units.factor(unit, fdef.unit)
    except units.UnitError as exc:
        result.problems.append(Problem(
            f"unit {unit!r} of 「{row.text}」 cannot be converted to {fdef.unit}: {exc}",
            Location(file=path, sheet=sheet.name, cell=cell),
            f"write the value in {fdef.unit} or a unit convertible to it (元/万元/亿元, 美元/万美元/亿美元, "
            "亩/平方公里, 吨/万吨, 人/万人)"))
        return None


def _cell_value(path: Path, sheet: Sheet, row: _Row, col: _Column, facts: _CellFacts,
                result: IngestResult) -> float | None:
    """A value cell's number as written (growth in %); None when missing or wrong (then with a problem)."""
    where = Location(file=path, sheet=sheet.name, cell=a1(row.r, col.col))
    raw = _at(sheet.rows, row.r, col.col)
    if raw == "":
        reason = facts.blank_reason(sheet.name, row.r, col.col)
        if reason:
            result.problems.append(Problem(f"「{row.text}」: {reason}", where,
                                           "fix the formula or type the number; use — for a missing value"))
        return None
    try:
        value = parse_number(raw)
    except CellError as exc:
        result.problems.append(Problem(f"「{row.text}」: {exc}", where, "enter a number, or — for a missing value"))
        return None
    if value is None:
        return None
    if abs(value) >= LARGEST_PLAUSIBLE:
        result.problems.append(Problem(f"「{row.text}」: {value:g} is too large to be a statistic of a zone", where,
                                       "check the cell: a pasted ID, a wrong unit or a broken formula?"))
        return None
    if col.kind == "growth" and isinstance(raw, float) and facts.is_percent(sheet.name, row.r, col.col):
        value *= 100  # 8.5% shown from a stored 0.085
    return value


def _at(rows: list[list[Any]], r: int, c: int) -> Any:
    if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
        return rows[r][c]
    return ""


# ------------------------------------------------------------------------------- many files
def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Workbook files named directly or found (not recursively) in the folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir()
                          if f.is_file() and f.suffix.lower() in WORKBOOK_SUFFIXES
                          and not f.name.startswith(("~$", ".")))
        elif p.exists():
            out.append(p)
        else:
            raise ScorerError.at("no such file or folder", file=p)
    return out


def ingest(paths: Iterable[Path | str], fields: dict[str, FieldDef],
           required: Mapping[str, Collection[str]] | Collection[str] | None = None) -> IngestResult:
    """Read every workbook, then check the observations against each other (one consolidated report).

    `required`: the fields the framework's indicators need, as ids or as {field id: indicator names};
    a field no workbook gives is an error, one missing for some quarters a warning.
    """

    paths = list(paths)
    files = discover(paths)
    result = IngestResult()
    if not files:
        result.problems.append(Problem("no workbook (.xlsx, .xlsm, .xls, .csv) found",
                                       Location(file=", ".join(map(str, paths))), "name a folder of workbooks or the files"))
        return result
    index = FieldIndex(fields)
    for f in files:
        try:
            data = f.read_bytes()
        except OSError as exc:
            result.problems.append(_unreadable(f, exc))
            continue
        result.files[str(f)] = hashlib.sha256(data).hexdigest()
        one = _read(f, data, index)
        result.titles.update(one.titles)
        result.periods.update(one.periods)
        result.observations += one.observations
        result.problems += one.problems
    result.problems += checks.check_observations(result.observations, fields, required)
    return result
