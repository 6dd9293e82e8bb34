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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from scorer import units
from scorer.errors import Location, Problem
from scorer.framework.model import FieldDef
from scorer.messages import msg, text_of
from scorer.read.cells import cell_number, marked_missing
from scorer.read.files import CellFacts, Sheet
from scorer.read import zones
from scorer.read.observation import IngestResult, Observation
from scorer.read.text import PAREN_TAIL, FieldIndex, a1, find_period, period_text, price_basis_said
from scorer.i18n import unit_named

# What a header's tail says the column holds; first match wins.
_SUFFIXES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\s*(?:当月|本月)(?:值|数)?(?:同比)?(?:增长|增速)?$"), "month"),
    (re.compile(r"\s*(?:当季|本季)(?:度)?(?:值|数)?(?:同比)?(?:增长|增速)?$"), "quarter"),  # a single quarter: not read
    (re.compile(r"\s*(?:期末|季末|月末|年末)(?:值|数)?$"), "end"),  # a stock's value at the period's end (bt10f F17)
    (re.compile(r"\s*(?:累计)?(?:同比)?(?:增长|增速|增幅)(?:率)?$"), "growth"),
    (re.compile(r"\s*累计(?:值|数)?$"), "current"),
]
_SINGLE = {"month", "quarter"}  # a month's or a single quarter's values: the framework scores the year to date
_PLAIN_YEAR_MONTH = re.compile(r"^(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*(?:月|[-/.]\s*\d{1,2}\s*日?)?$")


@dataclass
class _Column:
    col: int
    field: str
    kind: str  # current | growth | month
    unit: str | None
    text: str
    region: str | None = None  # the region a part of the header names (河南省:进出口总额): not the zone's column
    scope_assumed: bool = False  # 工业增加值 read as 规上工业增加值: the header does not say 规模以上 (bt10f F13)


def _field_of(base: str, index: FieldIndex, exact: bool = False) -> str | None:
    """The field a header's indicator names, also with 规模以上 shortened or restored (工业增加值 → 规上工业增加值);
    `exact`: not restored (the header says the scope itself, or the field has none)."""
    short = base.replace("规模以上", "规上")
    tried = (base, short, short.replace("工业企业", "工业"))
    for candidate in tried if exact else (*tried, "规上" + base, "规上" + base.replace("工业企业", "工业")):
        hit = index.match(candidate)
        if hit:
            return hit[0]
    return None


UNDATED = "export_undated"  # the code of the warning for a header naming a field with no dates down the rows beside it
UNREAD_COLUMN = "export_column_unread"  # the code of the warning for a header naming a field that cannot be read

# A download's title notes (指标：…, 地区：…, 时间：…) say what the whole sheet holds.
_NOTE_KEYS = {"指标", "指标名称", "地区", "时间", "数据库", "频率", "单位", "来源", "数据来源"}

# An export's header joins its parts with _ or : (Wind: 地区:指标:累计值; ： is : after NFKC).
_SEPARATOR = re.compile(r"\s*[_:]\s*")


def header_columns(texts: dict[int, str], index: FieldIndex) -> tuple[list[_Column], list[tuple[int, str, str]]]:
    """The columns of a header row that name a field of the framework, with what each holds and its unit;
    and the headers that name a field but say nothing this reader knows of what they hold (进出口总额_环比):
    (column, header, field), to be warned about rather than passed over."""
    out, unread = [], []
    for col, raw in texts.items():
        text = unicodedata.normalize("NFKC", raw).strip()
        unit = None
        m = PAREN_TAIL.search(text)
        if m:
            unit = units.normalise_unit(m[1]) if m[1] != "%" else "%"
            text = text[: m.start()].strip()
        parts = [p for p in _SEPARATOR.split(text) if p]
        if len(parts) > 1 and parts[0] in _NOTE_KEYS:
            continue  # 指标：进出口总额_累计值(千美元) is a time series' title note, not a column's header
        trailing = None  # 地区生产总值:累计值:周口市: the region after what the column holds (bt10f F14)
        if len(parts) > 2 and not _field_of(parts[-1], index) and (trailing := zones.region_of(parts[-1])):
            parts = parts[:-1]
        if len(parts) > 1:  # the last part says what the column holds: 累计值, 累计增长, 当月值
            kind = next((k for pattern, k in _SUFFIXES if pattern.fullmatch(parts[-1])), None)
            named = parts[:-1] if kind else parts
            if kind is None and _field_of(parts[-1], index):
                kind = "current"  # 周口经开区:进出口总额: the value itself, as 进出口总额 alone would be
        else:  # one part: a suffix may be written on (工业增加值累计增长); none is the value itself
            kind = "current"
            for pattern, k in _SUFFIXES:
                if pattern.search(text):
                    text, kind = pattern.sub("", text), k
                    break
            named = [text]
        fid = _named_field(named, index)
        joined = None  # 周口市地区生产总值_累计值, 地区生产总值河南省: a region written onto the statistic's name (bt10f F14)
        if fid is None and (joined := next((hit for p in named if (hit := _region_joined(p, index))), None)):
            fid = joined[1]
        if kind == "end":  # 高新技术企业数_期末值: a stock's value, read as its 累计值 would be; a flow has no period end
            kind = "current" if fid and index.fields[fid].kind == "stock" else None
        region = trailing or (joined[0] if joined else None) or next(
            (r for p in named if not _field_of(p, index) and (r := zones.region_of(p))), None)
        if fid and kind:
            # A level named without 规模以上 may be all industry (larger): read as the 规上 field, and said. A growth
            # rate is NBS's 规上 series by definition (工业增加值累计增长, issue 10 point 7).
            assumed = kind == "current" and not any(_field_of(p, index, exact=True) for p in named) \
                and not _field_of("".join(named), index, exact=True)
            out.append(_Column(col, fid, kind, unit, raw.strip(), region, assumed))
        elif fid:
            unread.append((col, raw.strip(), fid))
    return out, unread


def _region_joined(part: str, index: FieldIndex) -> tuple[str, str] | None:
    """(region, field) of a header part that is a region's name written before or after a field's (周口市地区生产总值,
    河南省税收收入, 地区生产总值周口市); None for any other."""
    for k in range(2, min(len(part) - 1, 13)):
        for region, name in ((part[:k], part[k:]), (part[-k:], part[:-k])):
            if (fid := _field_of(name, index, exact=True)) and (named := zones.region_of(region)):
                return named, fid
    return None


def _named_field(parts: list[str], index: FieldIndex) -> str | None:
    """The field a header's parts name: all of them together, or one (a region before it: 周口经开区:进出口总额)."""
    for candidate in ("".join(parts), *reversed(parts)):
        fid = _field_of(candidate, index)
        if fid:
            return fid
    return None


_YEAR_ALONE = re.compile(r"^(20\d{2})\s*年?\s*度?$")  # a row of a yearly download: 2022年, 2022年度, 2022


def _row_period(value: Any) -> str | None:
    """The quarter a row's date gives: a date, 2022-06, 2022年1-9月; a year alone (2022年, 2022, the number 2022) is the
    year's end, its Q4 (bt10f F11: yearly downloads, the commonest export, lost their rows without a word); a number
    yyyymm (202206, as databases export months) is that month."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in (4, 6):  # a CSV's 2022, 202206
        value = int(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        n = int(value)
        if 2000 <= n <= 2099:
            return f"{n}Q4"
        if 200001 <= n <= 209912 and 1 <= n % 100 <= 12:
            value = f"{n // 100}年{n % 100}月"
    if isinstance(value, str) and (m := _YEAR_ALONE.match(unicodedata.normalize("NFKC", value).strip())):
        return f"{m[1]}Q4"
    text = period_text(value) if not isinstance(value, str) else unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    m = _PLAIN_YEAR_MONTH.match(text)
    if m:
        text = f"{m[1]}年{int(m[2])}月"
    period, _ = find_period(text)
    return period


def read_transposed(path: Path, sheet: Sheet, index: FieldIndex, facts: CellFacts, result: IngestResult) -> bool:
    """Observations from a sheet laid out as a database export; False when the sheet is not one.

    A header naming a field in a way this reader cannot read (an unknown suffix) is warned about at its cell.
    """
    rows = sheet.rows
    undated: tuple[int, int, str] | None = None  # the first header naming a field with no dates beside it
    for h, row in enumerate(rows[:10]):
        texts = {c: v for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
        columns, unread = header_columns(texts, index) if texts else ([], [])
        if not columns and not unread:
            continue
        named = {k.col for k in columns} | {c for c, *_ in unread}
        date_col = next((c for c in range(min(len(row), 3)) if c not in named
                         and any(_row_period(r[c]) or period_text(r[c]) for r in rows[h + 1:h + 40] if c < len(r))), None)
        first = min([(k.col, k.field) for k in columns] + [(c, fid) for c, _, fid in unread])
        if date_col is not None:  # the dates come first, the statistics to their right
            columns = [k for k in columns if k.col > date_col]
            unread = [u for u in unread if u[0] > date_col]
        if date_col is None or not (columns or unread):
            undated = undated or (h, *first)
            continue
        if panel := zones.zones_down(rows, h, min(k.col for k in columns) if columns else 0):
            _panel_refused(path, sheet, h, *panel, result)  # 日期 | 地区 | 地区生产总值_累计 …, zones down (bt10f F5)
            return True
        if any(k.region for k in columns):
            _regions_refused(path, sheet, h, [k for k in columns if k.region], index, result)
            columns = [k for k in columns if not k.region]
        for c, header, fid in unread:
            result.problems.append(Problem(
                msg("「{header}」 names 「{label}」 ({field}), but not what its column holds; its values are not read",
                    header=header, label=index.fields[fid].label, field=fid),
                Location(file=path, sheet=sheet.name, cell=a1(h, c)),
                msg("name the column as the database does: …_累计值 (the year to date), …_累计增长 (its growth rate), "
                    "…_期末值 (a stock's value at the period's end) or …_当月值 (the month's, which is not read)"), "warning", code=UNREAD_COLUMN, field_id=fid))
        cumulative = {k.field for k in columns if k.kind not in _SINGLE}
        for k in (k for k in columns if k.kind in _SINGLE and cumulative and k.field not in cumulative):
            result.problems.append(Problem(  # 地区生产总值_当月值 among other fields' 累计值: not passed over in silence
                msg("「{header}」: the export gives only the month's values (当月) of 「{label}」 ({field}), and the "
                    "framework scores the year to date (累计); its column is not read",
                    header=k.text, label=index.fields[k.field].label, field=k.field) if k.kind == "month" else
                msg("「{header}」: the export gives only the quarter's values (当季) of 「{label}」 ({field}), and the "
                    "framework scores the year to date (累计); its column is not read",
                    header=k.text, label=index.fields[k.field].label, field=k.field),
                Location(file=path, sheet=sheet.name, cell=a1(h, k.col)),
                msg("export the cumulative values (…_累计值) too"), "warning", code=UNREAD_COLUMN, field_id=k.field))
        if columns and all(k.kind in _SINGLE for k in columns):
            shown = "、".join(f"「{k.text}」" for k in columns[:3])
            result.problems.append(Problem(
                msg("{headers}: the export gives only the month's values (当月), and the framework scores the year "
                    "to date (累计)", headers=shown) if columns[0].kind == "month" else
                msg("{headers}: the export gives only the quarter's values (当季), and the framework scores the year "
                    "to date (累计)", headers=shown),
                Location(file=path, sheet=sheet.name, cell=a1(h, columns[0].col)),
                msg("export the cumulative values (…_累计值) too")))
        _emit(path, sheet, h, date_col, _with_unit_row(rows, h, date_col, columns), index.fields, facts, result)
        return True
    if undated is not None:  # a statistic of the framework named, and left: say so rather than pass it over
        h, c, fid = undated
        result.problems.append(Problem(
            msg("「{header}」 names 「{label}」 ({field}), but no column of dates (2022-06-30, 2022年6月 …) is among the "
                "sheet's first three columns; the sheet is not read as a database export",
                header=str(rows[h][c]).strip(), label=index.fields[fid].label, field=fid),
            Location(file=path, sheet=sheet.name, cell=a1(h, c)),
            msg("put the dates down the first column, one row per month or quarter"), "warning", code=UNDATED))
    return False


def _regions_refused(path: Path, sheet: Sheet, h: int, columns: list[_Column], index: FieldIndex,
                     result: IngestResult) -> None:
    """Columns whose header names a region (河南省:进出口总额:累计值, 全国:…, 周口市:…, 周口市地区生产总值): the
    region's figures, not the zone's; refused at the first one's header cell with every other one's cell beside it,
    none of their values read (code NOT_A_ZONE, so a folder reads its other workbooks without a file of them alone).
    A city's column of a statistic the framework also keeps for the host city (全市地区生产总值) says so in the hint."""
    shown = "、".join(f"「{k.text}」" for k in columns[:3]) + (" …" if len(columns) > 3 else "")
    regions = "、".join(dict.fromkeys(k.region for k in columns if k.region))
    result.problems.append(Problem(
        msg("{headers}: the column names {region}, a region rather than the development zone; its figures are not "
            "the zone's and are not read", headers=shown, region=regions),
        Location(file=path, sheet=sheet.name, cell=a1(h, columns[0].col)),
        msg("export the zone's own series (its name before the indicator, e.g. 周口经开区:进出口总额:累计值, or none); "
            "leave national, provincial, city and county series out of the folder")
        + "".join(msg("; the host city's own total is read under 「{city}」 (e.g. {city}_累计值)", city=city)
                  for city in _city_fields(columns, index)[:1]), code=zones.NOT_A_ZONE,
        also=tuple(Location(file=path, sheet=sheet.name, cell=a1(h, k.col)) for k in columns[1:])))  # each one's cell


def _panel_refused(path: Path, sheet: Sheet, h: int, col: int, names: list[tuple[int, str]],
                   result: IngestResult) -> None:
    """An export with a column of zones (地区 | 周口经济开发区, 漯河经济技术开发区 … down the rows, several zones' figures
    by date): no zone's own series, refused at that column's header naming the zones (code NOT_A_ZONE: a folder reads
    its other workbooks without it). Reading one zone's rows of it is left to an export of that zone alone."""
    zones_named = list(dict.fromkeys(name for _, name in names))
    shown = "、".join(f"「{z}」" for z in zones_named[:3]) + (" …" if len(zones_named) > 3 else "")
    result.problems.append(Problem(
        msg("the export has a column of zones ({zones} down column {col}): several zones' figures are not read as one "
            "zone's", zones=shown, col=a1(0, col)[:-1]),
        Location(file=path, sheet=sheet.name, cell=a1(h, col)),
        msg("export the zone's own rows only (filter the 地区 column to the zone before exporting); a table of several "
            "zones side by side is a peer table, given with --peers"), code=zones.NOT_A_ZONE))


def _city_fields(columns: list[_Column], index: FieldIndex) -> list[str]:
    """The labels of the host city's fields (全市地区生产总值) that the columns naming a city (周口市…) could be."""
    city = [k for k in columns if (k.region or "").endswith("市")]
    return [index.fields[fid].label for k in city if (hit := index.match("全市" + index.fields[k.field].label))
            and (fid := hit[0]) != k.field]


def _with_unit_row(rows: list[list[Any]], h: int, date_col: int, columns: list[_Column]) -> list[_Column]:
    """Columns given their unit by a row labelled 单位 below the header (as Wind and EPS write it), where the
    header's parentheses give none."""
    for r in range(h + 1, min(h + 4, len(rows))):
        row = rows[r]
        first = row[date_col] if date_col < len(row) else ""
        if isinstance(first, str) and unicodedata.normalize("NFKC", first).strip().rstrip(":") in ("单位", "计量单位"):
            return [replace(k, unit=units.normalise_unit(row[k.col].strip()))
                    if k.unit is None and k.col < len(row) and isinstance(row[k.col], str) and row[k.col].strip()
                    else k for k in columns]
    return columns


def _emit(path: Path, sheet: Sheet, h: int, date_col: int, columns: list[_Column], fields: dict[str, FieldDef],
          facts: CellFacts, result: IngestResult) -> None:
    failed: set[int] = set()
    prices = price_basis_said(sheet.rows, fields)  # the growth columns' price bases, if the sheet's notes say them
    for col in columns:
        if col.scope_assumed:
            result.problems.append(Problem(
                msg("「{header}」 is read as {label}: the header does not say 规模以上, and a level of all industry "
                    "would be larger (it enters the intensities and the output per km²)", header=col.text,
                    label=fields[col.field].label), Location(file=str(path), sheet=sheet.name, cell=a1(h, col.col)),
                msg("check the database's scope; head the column 规模以上… if it is, or leave it out if it is all "
                    "industry"), "warning", code="scope_assumed", field_id=col.field))
    for r in range(h + 1, len(sheet.rows)):
        row = sheet.rows[r]
        period = _row_period(row[date_col]) if date_col < len(row) else None
        if period is None:
            continue  # another month, a note, a blank row: only quarters' ends are read
        for col in columns:
            if col.kind in _SINGLE or col.col in failed:
                continue
            fdef = fields[col.field]
            value = cell_number(path, sheet, r, col.col, col.text, col.kind == "growth", facts, result,
                                col.unit or fdef.unit)
            if value is None:
                if col.kind == "current" and marked_missing(row[col.col] if col.col < len(row) else ""):
                    result.marked_missing.setdefault((col.field, period), Location(file=str(path), sheet=sheet.name,
                                                                                   cell=a1(r, col.col)))
                continue
            if col.kind == "growth":
                result.observations.append(Observation(col.field, value, "%", period, "growth", str(path), sheet.name,
                                                       a1(r, col.col), col.text, "%", "growth",
                                                       price_basis=prices.of(col.field),
                                                       percent_format=facts.is_percent(sheet.name, r, col.col)))
                continue
            factor, rate = _factor(path, sheet, h, col, fdef, int(period[:4]), result, failed)
            if factor is None:
                continue
            result.observations.append(Observation(col.field, units.scaled(value, factor), fdef.unit, period,
                                                   "ytd" if fdef.kind == "flow" else "stock", str(path), sheet.name,
                                                   a1(r, col.col), col.text, col.unit, "current", rate))


def _factor(path: Path, sheet: Sheet, h: int, col: _Column, fdef: FieldDef, year: int, result: IngestResult,
            failed: set[int]) -> tuple[float | None, units.ExchangeRate | None]:
    where = Location(file=path, sheet=sheet.name, cell=a1(h, col.col))
    if col.unit is None:
        if units.dimension(fdef.unit) == "count":
            return 1.0, None
        result.problems.append(Problem(msg("「{label}」 gives no unit; its values are not read", label=col.text), where,
                                       msg("put the unit in the header's parentheses, e.g. （{unit}）, or in a row labelled 单位 under the header",
                                           unit=unit_named(fdef.unit))))
        failed.add(col.col)
        return None, None
    try:
        return units.money_factor(col.unit, fdef.unit, year)
    except units.UnitError as exc:
        result.problems.append(Problem(msg("unit {unit!r} of 「{label}」 cannot be converted to {to}: {why}", unit=col.unit,
                                           label=col.text, to=unit_named(fdef.unit), why=text_of(exc)),
                                       where, units.conversion_hint(exc, fdef.unit)))
        if {units.dimension(col.unit), units.dimension(fdef.unit)} != {"usd", "rmb"}:
            failed.add(col.col)
        return None, None
