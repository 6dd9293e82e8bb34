"""Statistics workbooks → observations (field, value in canonical unit, period, basis, source cell).

A statistics office's table is found by its labels, not its position: every cell whose text, once
normalised, is a field's label or alias is a row label; the header rows above it say which columns
hold the cumulative (or end-of-period) value, the prior year's same period and the published growth
rate; the unit comes from the label's parentheses, a unit column, or a `单位：` note above the table.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from scorer import units
from scorer.errors import Location, Problem, ScorerError
from scorer.framework import FieldDef

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".csv"}

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
_PAREN_TAIL = re.compile(r"[(（]([^()（）]*)[)）]$")
_MISSING_MARKS = {"", "-", "—", "–", "－", "--", "——", "…", "...", "……", "/", "—-", "x", "X", "×", "无"}
_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


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
    if m and units.is_known(m.group(1)):
        unit = units.normalise_unit(m.group(1))
        s = s[: m.start()]
    return s, unit


class FieldIndex:
    """Maps normalised labels and aliases to field ids."""

    def __init__(self, fields: dict[str, FieldDef]):
        self.fields = fields
        self.by_key: dict[str, str] = {}
        for fid, fdef in fields.items():
            for text in [fdef.label, *fdef.aliases]:
                self.by_key.setdefault(label_key(text)[0], fid)

    def match(self, text: Any) -> tuple[str, str | None] | None:
        if not isinstance(text, str) or not text.strip():
            return None
        key, unit = label_key(text)
        fid = self.by_key.get(key)
        return (fid, unit) if fid else None


# ------------------------------------------------------------------------------- observations
@dataclass(frozen=True)
class Observation:
    field: str
    value: float
    unit: str
    period: str  # "2022Q2": the quarter the cumulative or end-of-period value runs through
    basis: str  # "ytd", "stock" or "growth"
    file: str
    sheet: str
    cell: str
    label: str
    unit_as_written: str | None
    column: str = "current"  # the workbook column: "current", "prior" (上年同期) or "growth"

    def as_dict(self) -> dict:
        return {"field": self.field, "value": self.value, "unit": self.unit, "period": self.period,
                "basis": self.basis, "column": self.column,
                "source": {"file": self.file, "sheet": self.sheet, "cell": self.cell,
                           "label": self.label, "unit": self.unit_as_written}}


@dataclass
class IngestResult:
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # path → sha256
    titles: dict[str, list[str]] = field(default_factory=dict)  # path → texts of the sheets' top rows

    @property
    def is_sample(self) -> bool:
        """Whether any workbook says it holds illustrative data (示例数据)."""
        return any("示例" in t for texts in self.titles.values() for t in texts)

    def zone_name(self) -> str | None:
        """The zone's name as the workbook titles give it (the text before the year)."""
        for texts in reversed(list(self.titles.values())):
            for t in texts:
                m = _ZONE_NAME.match(unicodedata.normalize("NFKC", t).strip())
                if m:
                    return m.group(1)
        return None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


_ZONE_NAME = re.compile(r"^(\S{2,30}?(?:经济技术开发区|经济开发区|高新技术产业开发区|经开区|高新区|开发区|产业集聚区|园区))\s*20\d{2}")

# ------------------------------------------------------------------------------------ periods
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD_PATTERNS: list[tuple[re.Pattern, Any]] = [
    (re.compile(r"(20\d{2})\s*年\s*1\s*[-—–~～至]\s*(\d{1,2})\s*月"), lambda m: (m[1], int(m[2]))),
    (re.compile(r"(20\d{2})\s*年\s*(?:第\s*)?([一二三四1-4])\s*季度"), lambda m: (m[1], 3 * _CN_NUM[m[2]])),
    (re.compile(r"(20\d{2})\s*年\s*上半年"), lambda m: (m[1], 6)),
    (re.compile(r"(20\d{2})\s*年\s*前三季度"), lambda m: (m[1], 9)),
    (re.compile(r"(20\d{2})\s*年\s*(?:全年|年度|年报)"), lambda m: (m[1], 12)),
    (re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(?:末|底|份)?"), lambda m: (m[1], int(m[2]))),
    (re.compile(r"(20\d{2})\s*[Qq]\s*([1-4])"), lambda m: (m[1], 3 * int(m[2]))),
]


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


class CellError(ValueError):
    pass


def parse_number(raw: Any) -> float | None:
    """A cell's number; None for a missing mark or blank; CellError for text that is not a number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellError(f"a TRUE/FALSE value ({raw}) where a number was expected")
    if isinstance(raw, (int, float)):
        return float(raw)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise CellError(f"a date ({raw}) where a number was expected")
    text = str(raw).strip()
    if text in _EXCEL_ERRORS:
        raise CellError(f"Excel error value {text}")
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
        return float(text)
    except ValueError:
        raise CellError(f"text {str(raw).strip()!r} where a number was expected") from None


# ------------------------------------------------------------------------------ column headers
_HEADER_RULES: list[tuple[str, re.Pattern]] = [
    ("unit", re.compile(r"^(计量)?单位$")),
    ("growth", re.compile(r"同比|增长|增速|增减|±|比上年")),
    ("prior", re.compile(r"上年|去年|上期末|上年末")),
    ("current", re.compile(r"累计|1[-—–~～至]\d{1,2}月|本年|期末|年末|本期|全年|本季")),
    ("month", re.compile(r"^本月$|当月")),
    ("label", re.compile(r"指标|项目|名称")),
]


def classify_header(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", _SPACES.sub("", str(text)))
    for kind, pattern in _HEADER_RULES:
        if pattern.search(text):
            return kind
    return None


# ----------------------------------------------------------------------------- reading a grid
@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]  # absolute coordinates from A1


def _load_sheets(path: Path) -> list[Sheet]:
    if path.suffix.lower() == ".csv":
        return [Sheet(path.stem, _read_csv(path))]
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several types for corrupt or foreign files
        raise ScorerError(Problem(f"cannot open as a workbook: {_short(exc)}", Location(file=path),
                                  "check that the file is a real .xlsx/.xls workbook (not renamed, not damaged)"))
    sheets = []
    try:
        for name in wb.sheet_names:
            try:
                rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise ScorerError(Problem(f"cannot read sheet: {_short(exc)}", Location(file=path, sheet=name)))
            sheets.append(Sheet(name, [list(r) for r in rows]))
    finally:
        wb.close()
    return sheets


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ScorerError.at("CSV is neither UTF-8 nor GB18030 text", file=path)
    return [list(r) for r in csv.reader(text.splitlines())]


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _cell(rows: list[list[Any]], r: int, c: int) -> Any:
    if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
        value = rows[r][c]
        return None if value == "" else value
    return None


@dataclass
class _Column:
    col: int
    kind: str  # current | prior | growth | unit
    header_cell: str


def _columns_for(rows: list[list[Any]], label_row: int, label_col: int, stop_col: int) -> tuple[list[_Column], int | None]:
    """Classify the columns right of a label column, from the nearest header band above the label.

    The band's last row is the nearest row above the label that names a value column (累计,
    上年同期, 同比…); a column it leaves unnamed takes its name from the rows just above, where a
    vertically merged header such as 计量单位 keeps its text.
    """
    for h in range(label_row - 1, max(-1, label_row - 40), -1):
        kinds = _classify_row(rows, h, label_col, stop_col)
        if any(k.kind in ("current", "prior", "growth") for k in kinds.values()):
            for above in range(h - 1, max(-1, h - 3), -1):
                for c, col in _classify_row(rows, above, label_col, stop_col).items():
                    if c not in kinds and _cell(rows, h, c) is None:
                        kinds[c] = col
            return sorted(kinds.values(), key=lambda k: k.col), h
    return [], None


def _classify_row(rows: list[list[Any]], r: int, label_col: int, stop_col: int) -> dict[int, _Column]:
    kinds = {}
    for c in range(label_col + 1, stop_col):
        value = _cell(rows, r, c)
        if isinstance(value, str) and (kind := classify_header(value)) and kind not in ("label", "month"):
            kinds[c] = _Column(c, kind, a1(r, c))
    return kinds


def _unit_note(rows: list[list[Any]], above_row: int, col_from: int, col_to: int) -> str | None:
    """A `单位：万元` note in the rows above a table's header."""
    for r in range(above_row, max(-1, above_row - 6), -1):
        for c in range(max(0, col_from - 1), col_to):
            value = _cell(rows, r, c)
            if isinstance(value, str):
                m = re.search(r"单位\s*[:：]\s*([^\s,，;；、]+)", unicodedata.normalize("NFKC", value))
                if m:
                    return m.group(1)
    return None


def read_workbook(path: Path, fields: dict[str, FieldDef], index: FieldIndex | None = None) -> IngestResult:
    """Read one workbook or CSV into observations; problems are collected, not raised."""
    path = Path(path)
    index = index or FieldIndex(fields)
    result = IngestResult()
    try:
        sheets = _load_sheets(path)
    except ScorerError as exc:
        result.problems += exc.problems
        return result

    # Period: from the top rows of every sheet and from the file name; all must agree.
    found: dict[str, list[str]] = {}
    titles = result.titles.setdefault(str(path), [])
    for sheet in sheets:
        for r in range(min(6, len(sheet.rows))):
            for c, value in enumerate(sheet.rows[r]):
                if isinstance(value, str) and r < 3 and value.strip():
                    titles.append(value.strip())
                if isinstance(value, str) and "年" in value:
                    period, _ = find_period(value)
                    if period:
                        found.setdefault(period, []).append(f"工作表「{sheet.name}」单元格 {a1(r, c)}")
        period, _ = find_period(sheet.name)
        if period:
            found.setdefault(period, []).append(f"sheet name「{sheet.name}」")
    period, reason = find_period(path.stem)
    if period:
        found.setdefault(period, []).append("the file name")
    if not found:
        result.problems.append(Problem(
            "cannot tell which period this workbook covers" + (f": {reason}" if reason else ""),
            Location(file=path),
            "put the period in the title (e.g. 2022年1-6月) or the file name"))
        return result
    if len(found) > 1:
        detail = "; ".join(f"{p} in {', '.join(w[:2])}" for p, w in sorted(found.items()))
        result.problems.append(Problem(f"the workbook names more than one period: {detail}", Location(file=path),
                                       "one workbook should hold one period; fix the title or the file name"))
        return result
    period = next(iter(found))

    for sheet in sheets:
        _read_sheet(path, sheet, period, index, result)
    if not result.observations and not result.errors:
        result.problems.append(Problem("no statistic of the framework was found in this workbook",
                                       Location(file=path),
                                       "row labels must be the Chinese names or aliases in indicators/fields.yaml"))
    return result


def _read_sheet(path: Path, sheet: Sheet, period: str, index: FieldIndex, result: IngestResult) -> None:
    rows = sheet.rows
    width = max((len(r) for r in rows), default=0)
    labels: dict[int, list[tuple[int, str, str | None, str]]] = {}  # col → [(row, field, unit, text)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            hit = index.match(value)
            if hit:
                labels.setdefault(c, []).append((r, hit[0], hit[1], str(value)))
    label_cols = sorted(labels)
    for i, c in enumerate(label_cols):
        stop = label_cols[i + 1] if i + 1 < len(label_cols) else width
        for r, fid, label_unit, text in labels[c]:
            columns, header_row = _columns_for(rows, r, c, stop)
            where = Location(file=path, sheet=sheet.name, cell=a1(r, c))
            if not columns:
                result.problems.append(Problem(
                    f"found 「{text}」 but no column header (累计 / 期末数 / 上年同期 / 同比增长) above it",
                    where, "give the table a header row", "warning"))
                continue
            unit_col = next((k for k in columns if k.kind == "unit"), None)
            written = label_unit or (str(_cell(rows, r, unit_col.col)).strip()
                                     if unit_col and _cell(rows, r, unit_col.col) is not None else None)
            written = written or _unit_note(rows, header_row - 1, c, stop)
            _emit(path, sheet, r, c, fid, text, written, columns, period, index.fields[fid], result)


def _emit(path: Path, sheet: Sheet, r: int, c: int, fid: str, text: str, written: str | None,
          columns: list[_Column], period: str, fdef: FieldDef, result: IngestResult) -> None:
    rows = sheet.rows
    if written is None:
        conversion = 1.0
        result.problems.append(Problem(
            f"no unit given for 「{text}」; read as {fdef.unit} (the field's unit)",
            Location(file=path, sheet=sheet.name, cell=a1(r, c)),
            "add a 计量单位 column, a unit in the label's parentheses or a 单位： note", "warning"))
    else:
        try:
            conversion = units.factor(written, fdef.unit)
        except units.UnitError as exc:
            result.problems.append(Problem(
                f"unit {written!r} of 「{text}」 cannot be converted to {fdef.unit}: {exc}",
                Location(file=path, sheet=sheet.name, cell=a1(r, c)),
                f"write the value in {fdef.unit} or a unit convertible to it"))
            return
    level_basis = "ytd" if fdef.kind == "flow" else "stock"
    for col in columns:
        if col.kind == "unit":
            continue
        raw = _cell(rows, r, col.col)
        try:
            value = parse_number(raw)
        except CellError as exc:
            result.problems.append(Problem(f"「{text}」: {exc}", Location(file=path, sheet=sheet.name, cell=a1(r, col.col)),
                                           "enter a number, or — for a missing value"))
            continue
        if value is None:
            continue
        if col.kind == "growth":
            obs_value, basis, obs_period, unit = value, "growth", period, "%"
        else:
            obs_value, basis, unit = value * conversion, level_basis, fdef.unit
            obs_period = period if col.kind == "current" else shift_period(period, -1)
        result.observations.append(Observation(
            fid, obs_value, unit, obs_period, basis, str(path), sheet.name, a1(r, col.col), text, written,
            col.kind))


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


def ingest(paths: Iterable[Path | str], fields: dict[str, FieldDef]) -> IngestResult:
    """Read every workbook, then check the observations against each other (one consolidated report)."""
    import hashlib

    files = discover(paths)
    result = IngestResult()
    if not files:
        result.problems.append(Problem("no workbook (.xlsx, .xlsm, .xls, .csv) found",
                                       Location(file=", ".join(map(str, paths))), "name a folder of workbooks or the files"))
        return result
    index = FieldIndex(fields)
    for f in files:
        result.files[str(f)] = hashlib.sha256(f.read_bytes()).hexdigest()
        one = read_workbook(f, fields, index)
        result.titles.update(one.titles)
        result.observations += one.observations
        result.problems += one.problems
    result.problems += _check_conflicts(result.observations)
    return result


def _check_conflicts(observations: list[Observation]) -> list[Problem]:
    """The same field, period and basis read twice with different values is an error naming both cells."""
    first: dict[tuple, Observation] = {}
    problems = []
    for obs in observations:
        key = (obs.field, obs.period, obs.basis)
        seen = first.get(key)
        if seen is None:
            first[key] = obs
        elif not _same(seen.value, obs.value):
            problems.append(Problem(
                f"{obs.field} for {obs.period} read twice with different values: {seen.value:g} at "
                f"{Path(seen.file).name} › {seen.sheet} › {seen.cell}, {obs.value:g} here",
                Location(file=obs.file, sheet=obs.sheet, cell=obs.cell),
                "correct one of the two cells (a revised figure belongs in the newer workbook only)"))
    return problems


def _same(a: float, b: float) -> bool:
    # Values typed with two decimals in different units (亿元 vs 万元) agree to about 1e-6 relative.
    return abs(a - b) <= max(1e-6 * max(abs(a), abs(b)), 0.006)
