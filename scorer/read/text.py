"""Cell texts → what they say: a row label's field and unit, a period, a number, a column header's kind.

Everything here reads one text at a time (or a sheet's texts at once, for speed) and knows nothing of
files or of where a cell sits; `layout` finds where the texts are, `cells` turns them into observations.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import re
import unicodedata
from typing import Any, Collection, Iterable

from scorer import units
from scorer.framework.model import FieldDef
from scorer.messages import msg

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
PAREN_TAIL = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]$")
# Text in trailing parentheses that is meant as a unit even when units.py does not know it (亿卢布,
# 万元/人): matching the label without it and failing the conversion is better than not matching.
UNIT_LIKE = re.compile(r"^[^\d()（）]{0,5}(?:元|美元|欧元|日元|港元|英镑|卢布|吨|克|人|人次|户|家|个|件|项|起|座|所|"
                        r"亩|公顷|米|公里|千米|立方米|标准煤|标煤|%|‰)(?:人民币)?$")
MISSING_MARKS = {"", "-", "—", "–", "－", "--", "——", "…", "...", "……", "/", "—-", "x", "X", "×", "无"}
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
    m = PAREN_TAIL.search(s)
    if m and (units.is_known(m.group(1)) or UNIT_LIKE.match(m.group(1))):
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
            lengths = list(itertools.accumulate(map(len, new), initial=0))  # text i starts at lengths[i] + i
            maybe = {bisect.bisect_right(range(len(new)), m.start(), key=lambda i: lengths[i] + i) - 1
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
YEAR_ONLY = re.compile(r"(20\d{2})\s*年")


def find_period(text: str) -> tuple[str | None, str | None]:
    """The quarter a text names, as ('2022Q2', None), or (None, reason) when it names a non-quarter."""
    text = unicodedata.normalize("NFKC", str(text))
    for pattern, pick in _PERIOD_PATTERNS:
        m = pattern.search(text)
        if m:
            year, month = pick(m)
            if month not in (3, 6, 9, 12):
                return None, msg("'{text}' is not a quarter's end (expected 1-3月, 1-6月, 1-9月 or 1-12月)", text=m.group(0))
            return f"{year}Q{month // 3}", None
    return None, None


def period_text(value: Any) -> str | None:
    """The text a date cell means where a period is looked for: 2022-06-01 or 2022-06-30 → '2022年6月'.

    Excel keeps 2022年6月 typed into a cell as the date 2022-06-01 (shown with a 年月 format); the
    month's last day is its end. Any other day is a date (填报日期 2022-07-15), not a period: None.
    """
    if not isinstance(value, dt.date):
        return None
    next_day = value + dt.timedelta(days=1)
    if value.day == 1 or next_day.month != value.month:
        return f"{value.year}年{value.month}月"
    return None


def stale_range(text: str) -> str | None:
    """A month range that ends no quarter, with or without its year ('2022年1-5月', '1-5月'): None if none."""
    m = re.search(_RANGE, unicodedata.normalize("NFKC", text))
    return m.group(0) if m and int(m[1]) not in (3, 6, 9, 12) else None


def months_named(text: str) -> int | None:
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


def from_a1(ref: str) -> tuple[int, int]:
    m = re.match(r"([A-Z]+)(\d+)$", ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


class CellError(ValueError):
    pass


def is_number(raw: Any) -> bool:
    """Whether a cell value is a number as stored (int or float, not TRUE/FALSE): calamine gives an .xls's
    whole numbers (RK records) as int and others as float, and both must be treated alike."""
    return isinstance(raw, (int, float)) and not isinstance(raw, bool)


def parse_number(raw: Any) -> float | None:
    """A cell's number; None for a missing mark or blank; CellError for text that is not a number."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellError(msg("a TRUE/FALSE value ({raw}) where a number was expected", raw=raw))
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise CellError(msg("{raw} where a number was expected", raw=raw))
        return float(raw)
    if isinstance(raw, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        raise CellError(msg("a date ({raw}) where a number was expected", raw=raw))
    text = str(raw).strip()
    if text in _EXCEL_ERRORS:
        raise CellError(msg("Excel error value {code}", code=text))
    # Footnote marks go before NFKC, which would turn 12.5① into 12.51.
    text = _FOOTNOTES.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text)
    if text in MISSING_MARKS:
        return None
    text = text.replace("−", "-").replace("–", "-").replace("—", "-").replace("－", "-")
    text = text.replace(",", "").replace("，", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        value = float(text)
    except ValueError:
        raise CellError(msg("text {text!r} where a number was expected", text=str(raw).strip())) from None
    if not math.isfinite(value):  # float() accepts 'inf' and 'nan'
        raise CellError(msg("text {text!r} where a number was expected", text=str(raw).strip()))
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
VALUE_KINDS = {"current", "prior", "year_end", "growth", "month"}


@functools.lru_cache(maxsize=4096)  # a table repeats its header texts, and data rows their units
def classify_header(text: str) -> str | None:
    """What a column header says the column holds: current, prior, year_end, growth, month, unit, label, ignore."""
    norm = unicodedata.normalize("NFKC", _SPACES.sub("", str(text)))
    return next((k for k, pattern in _HEADER_RULES if pattern.search(norm)), None)

