"""What a sheet is when it holds no zone's table (split from layout.py, the module line cap): a time series
downloaded from a statistics database (periods across a row, regions down the rows) or a database export (dates down
a column, indicators across), said in the message that refuses it, naming the sheet.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from scorer.messages import Text, both, msg
from scorer.read.files import Sheet
from scorer.read.text import a1, is_number, period_text

# ------------------------------------------------------------------ what a sheet is, when it is no zone table
_STARTS_WITH_YEAR = re.compile(r"^(?:19|20)\d{2}\s*(?:年|[-/.]|$)")
_INDICATOR_NOTE = re.compile(r"指标\s*[:：]\s*(\S.{0,40})")


def _periodish(value: Any) -> bool:
    if is_number(value):
        return float(value).is_integer() and 1990 <= value <= 2100
    if isinstance(value, str):
        return bool(_STARTS_WITH_YEAR.match(unicodedata.normalize("NFKC", value).strip()))
    return period_text(value) is not None or hasattr(value, "year")


def _shown(value: Any) -> str:
    return period_text(value) or (value.isoformat() if hasattr(value, "isoformat") else str(value).strip())


# The rows a database (Wind, EPS, iFinD) writes between its indicators' names and the data, by their first cell
_META_ROWS = {"频率", "单位", "计量单位", "来源", "数据来源", "更新时间", "指标id", "id", "开始日期", "截止日期", "最新值"}


def _header_above(rows: list[list[Any]], first: int, c: int) -> list[Any]:
    """The row naming an export's indicators above its first dated row `first`: the rows labelled 频率, 单位, 来源 …
    in the date column `c` (a Wind export's) are passed over, so that the names are not its units (bt10f F6: 「%」)."""
    h = first - 1
    while h > 0 and c < len(rows[h]) and isinstance(rows[h][c], str) \
            and unicodedata.normalize("NFKC", rows[h][c]).strip().rstrip(":").lower() in _META_ROWS:
        h -= 1
    return rows[h] if h >= 0 else []


def sheet_shape(sheet: Sheet) -> Text | None:
    """What a sheet holding no label of the framework looks like, for the message that refuses it (both languages).

    A time series downloaded from a statistics database (periods across a row, regions down the rows,
    the indicator named in a title such as 指标：地区生产总值(亿元)), or a database export (dates down a
    column, indicators across the columns); None when it looks like neither.
    """
    rows = sheet.rows
    indicator = next((m[1].strip() for row in rows[:6] for v in row if isinstance(v, str)
                      and (m := _INDICATOR_NOTE.search(unicodedata.normalize("NFKC", v)))), None)
    for r, row in enumerate(rows[:30]):
        periods = [v for v in row if _periodish(v)]
        if len(periods) >= 3:
            items = [str(x[0]).strip() for x in rows[r + 1:r + 4] if x and isinstance(x[0], str) and x[0].strip()]
            said = dict(sheet=sheet.name, row=r + 1, first=_shown(periods[0]), last=_shown(periods[-1]))
            of = msg(" of {indicator}", indicator=indicator) if indicator else both("", "")
            down = (msg(", {items} … down the rows", items="、".join(f"「{t}」" for t in items)) if items
                    else both("", ""))
            return msg("sheet 「{sheet}」 looks like a time series{of}: periods across row {row} ({first} … {last}){down}",
                       of=of, down=down, **said)
    width = max((len(r) for r in rows), default=0)
    for c in range(min(width, 4)):
        dated = [r for r in range(min(len(rows), 300)) if c < len(rows[r]) and _periodish(rows[r][c])]
        if len(dated) >= 3:
            head = _header_above(rows, dated[0], c)
            names = [str(v).strip() for j, v in enumerate(head) if j != c and isinstance(v, str) and v.strip()]
            across = (msg(" and indicators across the columns ({names} …)", names="、".join(f"「{t}」" for t in names[:3]))
                      if names else both("", ""))
            return msg("sheet 「{sheet}」 looks like a database export: dates down column {column} ({first} … {last}){across}",
                       sheet=sheet.name, column=a1(0, c)[:-1], first=_shown(rows[dated[0]][c]),
                       last=_shown(rows[dated[-1]][c]), across=across)
    return None
