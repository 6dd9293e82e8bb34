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
from typing import Any, Collection, Iterable, Sequence

from scorer import fmt, units
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
# and each as NFKC writes it (the readers fold a cell first): …… is ...... then (bt15j F3: the template allowed ……, the
# reader refused it)
MISSING_MARKS |= {unicodedata.normalize("NFKC", m) for m in MISSING_MARKS}
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
    for _ in range(2):  # 孵化器和众创空间数（个）（国家级）: the unit may stand before or after the level
        m = PAREN_TAIL.search(s)
        if m and unit is None and (units.is_known(m.group(1)) or UNIT_LIKE.match(m.group(1))):
            unit = units.normalise_unit(m.group(1))
            s = s[: m.start()]
        elif m and m.group(1) in LEVELS and not s.startswith(m.group(1)):
            s = m.group(1) + s[: m.start()]  # the level written after the name is the level before it (bt12h F4)
        else:
            break
    return s, unit


# A level of zones or institutions written after a statistic's name in parentheses, as offices write it
# (孵化器和众创空间数（国家级）): the same statistic as with the level before the name (国家级孵化器和众创空间数).
LEVELS = ("国家级", "省级及以上", "省级以上", "省级", "市级及以上", "市级")


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


def found_in(patterns: Iterable[re.Pattern], texts: Sequence[str]) -> set[int]:
    """The indices of `texts` in which any of `patterns` finds a match: the texts searched as one string
    (NUL-separated, so no match spans two; a pattern must not match NUL), one regex call per pattern instead
    of one per text (a big sheet holds thousands of distinct texts)."""
    joined = "\0".join(texts)
    at = [m.start() for pattern in patterns for m in pattern.finditer(joined)]
    if not at:
        return set()  # most sheets, for most patterns: no text's place needs working out
    lengths = list(itertools.accumulate(map(len, texts), initial=0))  # text i starts at lengths[i] + i
    return {bisect.bisect_right(range(len(texts)), start, key=lambda i: lengths[i] + i) - 1 for start in at}


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
        # a key beginning with a level is looked for without it too: the level may follow the name (label_key)
        bare = {k[len(level):] for k in self.by_key for level in LEVELS if k.startswith(level) and len(k) > len(level) + 1}
        self._candidates = [
            re.compile(_keys_pattern([k for k in self.by_key if k[0] not in ascii_first] + sorted(bare))),
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
            maybe = found_in(self._candidates, new)
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
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# A month in Chinese numerals (五月, 一至五月, 前五个月, 十二月): written as digits before the patterns look.
_CN_MONTH = re.compile(r"[一二三四五六七八九十]{1,3}(?=\s*(?:个\s*)?月|\s*[-—–~～至到]\s*[一二三四五六七八九十\d]{1,3}\s*(?:个\s*)?月)")


# A year in Chinese numerals (二〇二二年, 二零二二年): written as digits before the patterns look (bt15j F14).
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=\s*年)")


def _cn_year(m: re.Match) -> str:
    return "".join("0" if ch in "〇零" else str(_CN_DIGIT[ch]) for ch in m[0])


# A month written with digits as databases and many tables write one, in text: 2022.06, 2022.6, 2022-06, 2022/06, 202206,
# Jun-22; never a day (2022-06-30: `day_not_period`) nor a range of years (2021-2022). Read as 2022年6月 wherever a period
# is looked for, as the CSV reader and the database-export reader already did (bt10f F10).
_NUMERIC_MONTH = re.compile(r"(?<![\d.])(20\d{2})(?:\s*([./-])\s*(0?[1-9]|1[0-2])|(0[1-9]|1[0-2]))(?!\s*[./-]?\s*\d)")
_MONTH_YEAR = re.compile(r"(?<![A-Za-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-(\d{2})(?![A-Za-z0-9.])", re.IGNORECASE)
_MONTH_NAMES = "jan feb mar apr may jun jul aug sep oct nov dec".split()


def written_month(text: str) -> bool:
    """Whether a text writes a month with digits (2022.06, 2022-06, 202206, Jun-22), as `months_said` reads one."""
    return bool(_NUMERIC_MONTH.search(text) or _MONTH_YEAR.search(text))


# A column header that is a range of months without 月 (1-5, 1~6): a 累计 column's, read as 1-5月 (bt10f F2: the column
# was dropped and its statistics were said to be missing, though their rows were there)
BARE_MONTHS = re.compile(r"^\s*1\s*[-—–~～至到]\s*(?:1[0-2]|[1-9])\s*$")


def _numeric_month(text: str) -> str:
    if BARE_MONTHS.match(text):
        return text.strip() + "月"
    text = _NUMERIC_MONTH.sub(lambda m: f"{m[1]}年{int(m[3] or m[4])}月", text)
    return _MONTH_YEAR.sub(lambda m: f"20{m[2]}年{_MONTH_NAMES.index(m[1].lower()) + 1}月", text)


def _cn_month(m: re.Match) -> str:
    s = m[0]
    if "十" not in s:
        return "".join(str(_CN_DIGIT[ch]) for ch in s)
    tens, _, ones = s.partition("十")
    return str((_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0))


_Y = r"(?:(?P<y>20\d{2})\s*年\s*(?:度\s*)?)"  # 2022年度1-6月: the year of 1-6月
_NOT_A_DAY = r"(?!\s*\d{1,2}\s*日)"  # 2022年7月15日 is a date (填报日期), not a period
# Every way a header or a title says how far into the year it runs, first match wins; `y` is the year when
# written with it, `m` the last month (or the fixed month given). One list for titles, headers and --period.
_MONTH_WORDS: list[tuple[re.Pattern, int | None]] = [(re.compile(p), m) for p, m in [
    (_Y + r"?(?<!\d)1\s*月?\s*份?\s*[-—–~～至到]\s*(?P<m>\d{1,2})\s*月", None),     # 1-5月, 1月-5月, 1至5月份
    (_Y + r"?前\s*(?P<m>\d{1,2})\s*个?\s*月", None),                                    # 前5个月, 前五个月
    (r"(?:截至|截止|截止到|至)\s*" + _Y + r"?(?P<m>\d{1,2})\s*月" + _NOT_A_DAY, None),     # 截至5月, 截止2022年5月末
    # 1-3季度, 一至三季度: cumulative to the third quarter, as 前三季度 (bt15j F14)
    (_Y + r"?(?<!\d)(?:1|一)\s*[-—–~～至到]\s*(?P<q>[一二三四1-4])\s*季度?", None),
    (_Y + r"?(?:第\s*|前\s*)?(?P<q>[一二三四1-4])\s*季度", None),                          # 二季度, 第2季度, 前三季度
    (_Y + r"(?:第\s*)?(?P<q>[一二三四1-4])\s*季(?!度)", None),                                # 2022年四季: with its year only
    (_Y + r"?上半年", 6),
    (_Y + r"?(?:全年|年报)|(?P<y2>20\d{2})\s*年度", 12),
    (_Y + r"?(?P<m>\d{1,2})\s*月\s*(?:末|底)", None),                                     # 5月末, 2022年6月底
    (r"(?P<y3>20\d{2})\s*年\s*(?:末|底)", 12),                                           # 2021年末
    (_Y + r"(?P<m>\d{1,2})\s*月\s*份?" + _NOT_A_DAY, None),                              # 2022年5月 (a year before it)
    (r"(?P<y4>20\d{2})\s*年?\s*[Qq]\s*(?P<q2>[1-4])(?!\d)", None),                        # 2022Q2, 2022年Q2
    # Cumulative to a month, without 1-: 5月累计, 5月止累计, 5月份累计, 本年5月累计, 累计(5月), Q1累计 (bt10f F1)
    (_Y + r"?(?:本年\s*)?(?P<m>\d{1,2})\s*月\s*(?:份|止)?\s*累计", None),
    (r"累计\s*[(（]\s*(?P<m>\d{1,2})\s*月\s*[)）]", None),
    (r"(?<![A-Za-z])[Qq]\s*(?P<q2>[1-4])\s*累计", None),
]]

# A single quarter in a column's header (bt10f F15): a month range that does not start in January (4-6月, 10-12月,
# 4-6月累计), or a quarter named alone (二季度, 第二季度, 2季度, 本季度, 当季), not 前三季度, 1-3季度 nor 二季度累计. In a
# statistics office's tables 二季度 / 4-6月 is April to June alone, 上半年 / 1-6月 the cumulative.
_SINGLE_RANGE = re.compile(r"(?<!\d)(?P<a>\d{1,2})\s*月?\s*[-—–~～至到]\s*(?P<b>\d{1,2})\s*月")
_SINGLE_QUARTER = re.compile(r"(?<![前\-—–~～至到])(?:第\s*)?(?:[一二三四1-4]|本)\s*季(?:度)?(?!度|\s*累计)|当季(?!度?\s*累计)")


def single_quarter(text: str) -> str | None:
    """The words of a column header that name one quarter alone, not the year to its end: 4-6月, 二季度 (see
    _SINGLE_QUARTER); None when it names none (1-6月累计, 上半年, 二季度累计, 前三季度)."""
    norm = _CN_MONTH.sub(_cn_month, unicodedata.normalize("NFKC", _SPACES.sub("", str(text))))
    if (m := _SINGLE_RANGE.search(norm)) and int(m["a"]) != 1:
        return m.group(0)
    if "季" in norm and (m := _SINGLE_QUARTER.search(norm)) and "季" in m.group(0):
        return m.group(0)
    return None


YEAR_ONLY = re.compile(r"(20\d{2})\s*年")
YEAR_BAND = re.compile(r"^\s*(20\d{2})\s*年\s*度?\s*$")  # a band over a year's columns: 2022年, 2022年度


def months_said(text: str) -> list[tuple[str | None, int, str]]:
    """Every period expression of a text: (year written with it or None, the last month it covers, the words).

    The spellings analysts use: 1-5月, 1—5月, 1至5月份, 一至五月, 前5个月, 截至5月, 5月末, 2022年5月,
    二季度, 上半年, 前三季度, 全年, 2022年度, 2021年末, 2022Q2. Sorted by precedence (the first pattern of
    `_MONTH_WORDS` that matches comes first).
    """
    text = _CN_MONTH.sub(_cn_month, _CN_YEAR.sub(_cn_year, _numeric_month(unicodedata.normalize("NFKC", str(text)))))
    out = []
    for pattern, fixed in _MONTH_WORDS:
        for m in pattern.finditer(text):
            g = {k: v for k, v in m.groupdict().items() if v}
            year = g.get("y") or g.get("y2") or g.get("y3") or g.get("y4")
            if fixed:
                month = fixed
            elif "q" in g or "q2" in g:
                month = 3 * _CN_NUM[g.get("q") or g["q2"]]
            else:
                month = int(g["m"])
            if 1 <= month <= 12:
                out.append((year, month, m.group(0).strip()))
    return out


_MONTH_ALONE = re.compile(r"^(?P<m>\d{1,2})\s*月\s*份?$")


def month_alone(text: str) -> int | None:
    """The month a header names by itself, with no year and no range: 5月, 5月份, 五月 → 5; else None.

    Under a year band (2022年 over 5月 | 1-6月累计 …) it is that year's month; `months_said` leaves it
    out because, alone in a title or a note, a month says nothing of the year.
    """
    m = _MONTH_ALONE.match(_CN_MONTH.sub(_cn_month, unicodedata.normalize("NFKC", _SPACES.sub("", str(text)))))
    return int(m["m"]) if m and 1 <= int(m["m"]) <= 12 else None


_ONE_MONTH = re.compile(r"^(?:20\d{2}年)?(?P<m>\d{1,2})月份?$")


def one_month(text: str) -> int | None:
    """The month a header names and nothing else: 6月, 6月份, 六月, 2022年6月, 2022.06, 202206 (a date cell's
    2022年6月) → 6; None for any word more (1-6月, 6月末, 6月累计, 当月, 本年) or none (bt10g F2: in a 月报 a column
    headed 「6月」 holds June's own figures, not January to June's)."""
    norm = _numeric_month(unicodedata.normalize("NFKC", _SPACES.sub("", str(text))))
    m = _ONE_MONTH.match(_CN_MONTH.sub(_cn_month, _CN_YEAR.sub(_cn_year, norm)))
    return int(m["m"]) if m and 1 <= int(m["m"]) <= 12 else None


def find_period(text: str) -> tuple[str | None, str | None]:
    """The quarter a text names, as ('2022Q2', None), or (None, reason) when it names a non-quarter."""
    for year, month, words in months_said(text):
        if year:
            if month not in (3, 6, 9, 12):
                return None, msg("'{text}' is not a quarter's end (expected 1-3月, 1-6月, 1-9月 or 1-12月)", text=words)
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


# A day written as text: 2022-07-15, 2022/7/15, 2022.7.15, 2022年7月15日 (with the 0:00 time a CSV may add)
_DAY_TEXT = re.compile(r"^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?:\s+0?0:00(?::00)?)?$")


# A day inside a longer text: 周口经开区2022年6月30日主要经济指标, 主要指标（2022-07-15）, 截至2022年6月30日
_DAY_INSIDE = re.compile(r"(?<!\d)(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号])(?!\d)")


def day_not_period(value: Any) -> str | None:
    """A day where a period is looked for, not a period, as shown; else None.

    A date cell: a day within a month (2022-07-15); its first or last day names the month (`period_text`:
    Excel keeps 2022年6月 typed into a cell as 2022-06-01). A text (a title, a header, a sheet or file name): a
    day written in it, whole (2022-07-15, 2022年7月15日) or inside a longer text (周口经开区2022年6月30日主要
    经济指标), whatever the day: typed as a day, it says when, not which months the figures cover (every text
    `find_period` reads a period from skips a day: `_NOT_A_DAY`). So a workbook whose only date is one names
    no quarter, and the caller says so at the cell, the sheet or the file name (issue 10)."""
    if isinstance(value, dt.date):
        return None if period_text(value) else value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or len(value) > 300:
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    if (m := _DAY_TEXT.match(text)) is None and (m := _DAY_INSIDE.search(text)) is None:
        return None
    try:
        dt.date(int(m[1]), int(m[3] or m[5]), int(m[4] or m[6]))
    except ValueError:
        return None
    return value.strip() if m.re is _DAY_TEXT else m[0].strip()


def months_named(text: str) -> int | None:
    """The last month a text's first period expression covers, with or without its year (1-6月累计 → 6)."""
    said = months_said(text)
    return said[0][1] if said else None


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
    spaced = fmt.despaced(text)
    if spaced is None:  # 12 5 is two numbers or a slip, never 125
        raise CellError(msg("text {text!r}: a space inside the number does not separate thousands (1 234 567), so the "
                            "number is ambiguous (two numbers? a slip?)", text=str(raw).strip()))
    text = spaced
    if text in MISSING_MARKS:
        return None
    text = text.replace("−", "-").replace("–", "-").replace("—", "-").replace("－", "-")
    grouped = fmt.ungrouped(text)
    if grouped is None:
        # 7,62 is a decimal comma (7.62) or a slip; 91,0286.07 groups by four: either way not 762 or 910286.07
        raise CellError(msg("text {text!r}: its comma does not separate thousands (1,234,567.8), so the number is "
                            "ambiguous (a decimal comma? a slip?)", text=str(raw).strip()))
    text = grouped
    if text.endswith("%"):
        text = text[:-1]
    try:
        if "_" in text:  # float() reads 1_0 as 10
            raise ValueError
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
    ("month", re.compile(r"^(?!.*累计).*(?:本|当|同)月(?!止|末|底)")),  # 上年同月: the month's own, not the year's (bt10g F2)
    ("growth", re.compile(r"同比|增长|增速|增幅|增减|±|比上年|比去年|比同期")),
    ("year_end", re.compile(r"上年末|上年年末|去年末|去年年末|^年初(?:数|值)?$")),
    ("prior", re.compile(r"上年|去年|同期")),
    ("current", re.compile(r"累计|1[-—–~～至到]\d{1,2}月|^1[-—–~～至到](?:1[0-2]|[1-9])$|本年|本期|期末|年末|月末|季末|全年|上半年|前三季度|季度|"
                           r"绝对[值数]|实际|完成|数值|总量|金额|当期")),
]
VALUE_KINDS = {"current", "prior", "year_end", "growth", "month"}


@functools.lru_cache(maxsize=4096)  # a table repeats its header texts, and data rows their units
def classify_header(text: str) -> str | None:
    """What a column header says the column holds: current, prior, year_end, growth, month, unit, label, ignore."""
    norm = unicodedata.normalize("NFKC", _SPACES.sub("", str(text)))
    return next((k for k, pattern in _HEADER_RULES if pattern.search(norm)), None)


_CURRENT_PRICES = re.compile(r"现价|当年价")
_COMPARABLE_PRICES = re.compile(r"可比价|不变价")


_CLAUSES = re.compile(r"[，,；;。\n]")
_THE_REST = re.compile(r"其余|其他|其它|其余指标|其他指标")


class PriceBases:
    """The price basis a sheet's notes give its growth rates, per statistic: `of(field)` is "nominal" (按现价计算,
    当年价格), "comparable" (按可比价格计算, 不变价) or None (not said, or said both ways: the statistic keeps its
    basis from fields.yaml, `growth_price_basis`). A note that names statistics gives them theirs
    (地区生产总值、规上工业增加值同比增长按可比价计算，其余指标按现价计算: GDP and value added comparable, the rest
    nominal; bt13j F13: a sheet saying both was read as saying neither, and GDP growth at current prices was
    labelled 可比价); one that names none (同比增长按现价计算) gives every statistic its basis."""

    def __init__(self, default: str | None = None, by_field: dict[str, str | None] | None = None):
        self.default = default
        self.by_field = dict(by_field or {})

    def of(self, field: str) -> str | None:
        return self.by_field[field] if field in self.by_field else self.default

    def __eq__(self, other) -> bool:  # a test compares with the basis of every statistic, as the old return did
        if isinstance(other, PriceBases):
            return (self.default, self.by_field) == (other.default, other.by_field)
        return not self.by_field and self.default == other

    def __repr__(self) -> str:
        return f"PriceBases({self.default!r}, {self.by_field!r})"


def _named_fields(clause: str, keys: list[tuple[str, str]]) -> set[str]:
    """The fields a clause of a note names, longest names first and no two overlapping (进出口总额 is not also
    出口总额). `keys`: (normalised label or alias, field id), longest first."""
    taken = [False] * len(clause)
    found = set()
    for key, fid in keys:
        start = clause.find(key)
        while start >= 0:
            if not any(taken[start:start + len(key)]):
                taken[start:start + len(key)] = [True] * len(key)
                found.add(fid)
            start = clause.find(key, start + 1)
    return found


@functools.lru_cache(maxsize=8)
def _field_keys(names: tuple) -> list[tuple[str, str]]:
    """(normalised label or alias, field id) of (field id, label, aliases) tuples, longest first."""
    return sorted(((label_key(t)[0], fid) for fid, label, aliases in names for t in [label, *aliases]
                   if label_key(t)[0]), key=lambda k: -len(k[0]))


def price_basis_said(rows: Iterable[Iterable[Any]], fields: dict[str, FieldDef] | None = None) -> PriceBases:
    """The price bases a sheet's notes give its growth rates (`PriceBases`), reading every text cell of `rows` (a
    sheet's rows, lists of cell values) clause by clause (split at ，；。): a clause with one basis gives it to the
    statistics it names (labels and aliases of `fields`), or, naming none or 其余/其他, to every statistic not
    named elsewhere; a basis in a clause of its own follows the statistics of the clause before it
    (地区生产总值同比增长，按可比价计算). A statistic or the default said both ways is not said (None)."""
    keys: list | None = None  # the fields' names, made when a clause first gives a basis (most texts give none)
    default: set[str] = set()
    by_field: dict[str, set[str]] = {}
    for row in rows:
        for v in row:
            if not (isinstance(v, str) and "价" in v and (_CURRENT_PRICES.search(v) or _COMPARABLE_PRICES.search(v))):
                continue
            if keys is None:
                keys = _field_keys(tuple((fid, d.label, tuple(d.aliases)) for fid, d in (fields or {}).items()))
            waiting: set[str] = set()  # statistics named in a clause without a basis, for the next clause's
            for clause in _CLAUSES.split(unicodedata.normalize("NFKC", _SPACES.sub("", v))):
                said = {b for b, pattern in (("nominal", _CURRENT_PRICES), ("comparable", _COMPARABLE_PRICES))
                        if pattern.search(clause)}
                named = _named_fields(clause, keys) if keys else set()
                if len(said) != 1:
                    waiting = named if not said else set()
                    continue
                basis = said.pop()
                subjects = named or (set() if _THE_REST.search(clause) else waiting)
                for fid in subjects:
                    by_field.setdefault(fid, set()).add(basis)
                if not subjects:
                    default.add(basis)
                waiting = set()
    return PriceBases(default.pop() if len(default) == 1 else None,
                      {fid: (b.pop() if len(b) == 1 else None) for fid, b in by_field.items()})

