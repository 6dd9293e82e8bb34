"""Transposed tables → observations: database exports with indicators across the columns and dates down the rows.

An export from a statistics database (进出口总额_累计值(亿美元), 规模以上工业企业营业收入_累计,
工业增加值累计增长(%) across the top; 2022-06-30, 2022-03-31 … down a date column) names a field of the
framework in a column header rather than a row label. The header's suffix says what the column holds
(_累计 / _累计值: the cumulative value; _当月: the month's, not read; 累计增长 / 同比: the growth rate),
its parentheses the unit, and each row's date the period: rows at a quarter's end are read, the other
months are left (a quarter's figure is what the framework scores).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scorer import units
from scorer.errors import Location, Problem
from scorer.framework.model import FieldDef
from scorer.messages import msg, text_of
from scorer.read.files import CellFacts, Sheet
from scorer.read.observation import IngestResult, Observation
from scorer.read.text import (LARGEST_PLAUSIBLE, PAREN_TAIL, CellError, FieldIndex, a1, find_period, parse_number,
                              period_text)

# What a header's tail says the column holds; first match wins.
_SUFFIXES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"[_\s]*(?:当月|本月)(?:值|数)?(?:同比)?(?:增长|增速)?$"), "month"),
    (re.compile(r"[_\s]*(?:累计)?(?:同比)?(?:增长|增速|增幅)(?:率)?$"), "growth"),
    (re.compile(r"[_\s]*累计(?:值|数)?$"), "current"),
]
_PLAIN_YEAR_MONTH = re.compile(r"^(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$")


@dataclass
class _Column:
    col: int
    field: str
    kind: str  # current | growth | month
    unit: str | None
    text: str


def _field_of(base: str, index: FieldIndex) -> str | None:
    """The field a header's indicator names, also with 规模以上 shortened or restored (工业增加值 → 规上工业增加值)."""
    short = base.replace("规模以上", "规上")
    for candidate in (base, short, short.replace("工业企业", "工业"), "规上" + base, "规上" + base.replace("工业企业", "工业")):
        hit = index.match(candidate)
        if hit:
            return hit[0]
    return None


def header_columns(texts: dict[int, str], index: FieldIndex) -> list[_Column]:
    """The columns of a header row that name a field of the framework, with what each holds and its unit."""
    out = []
    for col, raw in texts.items():
        text = unicodedata.normalize("NFKC", raw).strip()
        unit = None
        m = PAREN_TAIL.search(text)
        if m:
            unit = units.normalise_unit(m[1]) if m[1] != "%" else "%"
            text = text[: m.start()].strip()
        kind = "current"
        for pattern, k in _SUFFIXES:
            if pattern.search(text):
                text, kind = pattern.sub("", text), k
                break
        else:
            if "_" in text:
                continue  # an export column with a suffix we do not know: 期末余额_环比 and the like
        fid = _field_of(text.rstrip("_ "), index)
        if fid:
            out.append(_Column(col, fid, kind, unit, raw.strip()))
    return out


def _row_period(value: Any) -> str | None:
    text = period_text(value) if not isinstance(value, str) else unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    m = _PLAIN_YEAR_MONTH.match(text)
    if m:
        text = f"{m[1]}年{int(m[2])}月"
    period, _ = find_period(text)
    return period


def read_transposed(path: Path, sheet: Sheet, index: FieldIndex, facts: CellFacts, result: IngestResult) -> bool:
    """Observations from a sheet laid out as a database export; False when the sheet is not one."""
    rows = sheet.rows
    for h, row in enumerate(rows[:10]):
        texts = {c: v for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
        columns = header_columns(texts, index) if texts else []
        if not columns:
            continue
        date_col = next((c for c in range(min(len(row), 3)) if c not in {k.col for k in columns}
                         and any(_row_period(r[c]) or period_text(r[c]) for r in rows[h + 1:h + 40] if c < len(r))), None)
        if date_col is None:
            continue
        _emit(path, sheet, h, date_col, columns, index.fields, facts, result)
        return True
    return False


def _emit(path: Path, sheet: Sheet, h: int, date_col: int, columns: list[_Column], fields: dict[str, FieldDef],
          facts: CellFacts, result: IngestResult) -> None:
    failed: set[int] = set()
    for r in range(h + 1, len(sheet.rows)):
        row = sheet.rows[r]
        period = _row_period(row[date_col]) if date_col < len(row) else None
        if period is None:
            continue  # another month, a note, a blank row: only quarters' ends are read
        for col in columns:
            if col.kind == "month" or col.col in failed:
                continue
            where = Location(file=path, sheet=sheet.name, cell=a1(r, col.col))
            raw = row[col.col] if col.col < len(row) else ""
            if raw == "":
                reason = facts.blank_reason(sheet.name, r, col.col)
                if reason:
                    result.problems.append(Problem(msg("「{label}」: {why}", label=col.text, why=reason), where,
                                                   msg("fix the formula or type the number")))
                continue
            try:
                value = parse_number(raw)
            except CellError as exc:
                result.problems.append(Problem(msg("「{label}」: {why}", label=col.text, why=text_of(exc)), where,
                                               msg("enter a number, or — for a missing value")))
                continue
            if value is None:
                continue
            if abs(value) >= LARGEST_PLAUSIBLE:
                result.problems.append(Problem(msg("「{label}」: {value:g} is too large to be a statistic of a zone",
                                                   label=col.text, value=value), where,
                                               msg("check the cell: a pasted ID, a wrong unit or a broken formula?")))
                continue
            fdef = fields[col.field]
            if col.kind == "growth":
                if isinstance(raw, float) and facts.is_percent(sheet.name, r, col.col):
                    value *= 100
                result.observations.append(Observation(col.field, value, "%", period, "growth", str(path), sheet.name,
                                                       a1(r, col.col), col.text, "%", "growth"))
                continue
            factor, rate = _factor(path, sheet, h, col, fdef, int(period[:4]), result, failed)
            if factor is None:
                continue
            result.observations.append(Observation(col.field, value * factor, fdef.unit, period,
                                                   "ytd" if fdef.kind == "flow" else "stock", str(path), sheet.name,
                                                   a1(r, col.col), col.text, col.unit, "current", rate))


def _factor(path: Path, sheet: Sheet, h: int, col: _Column, fdef: FieldDef, year: int, result: IngestResult,
            failed: set[int]) -> tuple[float | None, units.ExchangeRate | None]:
    where = Location(file=path, sheet=sheet.name, cell=a1(h, col.col))
    if col.unit is None:
        if units.dimension(fdef.unit) == "count":
            return 1.0, None
        result.problems.append(Problem(msg("「{label}」 gives no unit; its values are not read", label=col.text), where,
                                       msg("put the unit in the header's parentheses, e.g. （{unit}）", unit=fdef.unit)))
        failed.add(col.col)
        return None, None
    try:
        return units.money_factor(col.unit, fdef.unit, year)
    except units.UnitError as exc:
        result.problems.append(Problem(msg("unit {unit!r} of 「{label}」 cannot be converted to {to}: {why}", unit=col.unit,
                                           label=col.text, to=fdef.unit, why=text_of(exc)),
                                       where, msg("write the values in {unit} or a unit convertible to it", unit=fdef.unit)))
        if {units.dimension(col.unit), units.dimension(fdef.unit)} != {"usd", "rmb"}:
            failed.add(col.col)
        return None, None
