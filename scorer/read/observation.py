"""What reading yields: one observation per value read (value, unit, period, basis, source cell), and the run's reading result."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from pathlib import Path

from scorer.errors import Location, Problem
from scorer.units import ExchangeRate

ZONE_SUFFIX = "经济技术开发区|经济开发区|高新技术产业开发区|经开区|高新区|开发区|产业集聚区|园区"
_ZONE_NAME = re.compile(rf"^(\S{{2,}}?(?:{ZONE_SUFFIX}))\s*20\d{{2}}")
# A title names the zone before or after its period, in either order: 周口经济开发区2022年1-6月主要经济指标,
# 2023年1-12月漯河经济技术开发区主要经济指标, 2023年第一季度周口经开区主要指标, 漯河经开区主要经济指标（2023年1-12月）.
_PERIOD_FIRST = (r"20\d{2}\s*年\s*(?:(?:1\s*[-—–~～至]\s*)?\d{1,2}\s*月份?|第?[一二三四1-4]\s*季度|上半年|下半年|前三季度|"
                 r"全年|年度)?\s*(?:份|度)?\s*[:：,，\s]*")
# The words a title goes on with after the zone's name (主要经济指标, 统计月报 …).
_TITLE_WORD_LIST = "主要|统计|经济|指标|基本|重点|月度|季度|年度|数据|报表|情况|科技|创新|工业|产业|发展|建设|规上"
_TITLE_WORDS = re.compile(_TITLE_WORD_LIST)
# The name: ideographs only, not a word of a whole (全市, 各园区, 本开发区) nor a list (科技创新与园区), and followed
# by what a title goes on with.
ZONE_IN_TITLE = re.compile(rf"^(?:{_PERIOD_FIRST})?((?![全各本该所])(?:(?![与和及])[\u4e00-\u9fff]){{2,}}?(?:{ZONE_SUFFIX}))"
                           rf"(?=$|\s|20\d{{2}}|{_TITLE_WORD_LIST}|[(（_\-—])")
# A title's text before its period, however written: 周口经济开发区（“港区”）·№1—〔2022〕2022年1-6月主要经济指标
_BEFORE_PERIOD = re.compile(r"^(.{1,40}?)\s*20\d{2}\s*(?:年|[Qq][1-4])")


def zone_in_title(title: str, loosely: bool = False) -> str | None:
    """The zone a title names, as written: one ending in a zone's word before the year (周口经济开发区2022年…,
    漯河（港区）经开区2022年…, Luohe经开区2022年…), or ideographs ending in one (2023年第一季度周口经开区主要指标),
    with the marks that follow it up to the period (周口经济开发区（“港区”）·№1—〔2022〕). `loosely`: else the text
    before the period when it holds a letter or ideograph and a zone's 区 or 园 (“港区”·№1). The one reading of a
    title's zone: the report's name (`IngestResult.zone_name`) and the check that a run holds one zone
    (scorer.read.zones) both use it (bt16j F1: the check read ideographs only, and 漯河（港区）经开区 mixed into 周口's
    history unseen, the report taking its name)."""
    # Format and control characters are no part of a name: a right-to-left override (U+202E) in a title turned the
    # name on the PDF cover around (bt16j F6: 周口区开经exe.PDF); zero-width marks hid nothing but confused the reader.
    t = "".join(ch for ch in title if unicodedata.category(ch) not in ("Cc", "Cf") or ch in "\t\n").strip()
    if loosely:
        m = _BEFORE_PERIOD.match(t)
        return m[1].strip() if m and _has_word(m[1]) and ("区" in m[1] or "园" in m[1]) else None
    name = as_written(_ZONE_NAME, t)
    if name:
        return name
    name = as_written(ZONE_IN_TITLE, t)
    if name:
        before = _BEFORE_PERIOD.match(t)
        whole = before[1].strip() if before else ""
        return whole if whole.startswith(name) and not _TITLE_WORDS.search(whole[len(name):]) else name
    return None


def as_written(pattern: re.Pattern, text: str) -> str | None:
    """`pattern`'s group 1 matched on `text` folded (NFKC, character by character: ２０２２年 read as 2022年), given as
    `text` writes it: a name is found in its folded form and printed as written (№２ stays №２, not No2; ⼴ stays ⼴).
    None when the pattern does not match."""
    folded, source = [], []  # the folded characters, and for each the index of the character it comes from
    for i, ch in enumerate(text):
        f = unicodedata.normalize("NFKC", ch)
        folded.append(f)
        source += [i] * len(f)
    m = pattern.match("".join(folded))
    if m is None:
        return None
    start, end = m.span(1)
    return text[source[start]:source[end - 1] + 1] if end > start else ""


def _has_word(text: str) -> bool:
    """Whether a text holds a letter or an ideograph (Unicode category L*), not only punctuation and digits."""
    return any(unicodedata.category(ch).startswith("L") for ch in text)


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
    exchange_rate: ExchangeRate | None = None  # the rate a value written in another currency was converted at
    price_basis: str | None = None  # a growth rate's price basis as its sheet's notes say it ("nominal", "comparable")
    percent_format: bool = False  # a growth rate stored as a fraction in a cell formatted as a percentage (0.083: 8.3%)
    # the cell stating the unit when it is the table's, not the row's own (a 单位：亿元 note, a column's header): named
    # beside a unit slip, since a wrong statement there slips every row (bt11i F4: A3 was never named)
    unit_cell: str | None = None

    def where(self) -> str:
        """"file.xlsx › sheet › C7", for messages that name a second cell."""
        return f"{Path(self.file).name} › {self.sheet} › {self.cell}"

    def location(self) -> Location:
        return Location(file=self.file, sheet=self.sheet, cell=self.cell)

    def as_dict(self) -> dict:
        source = {"file": self.file, "sheet": self.sheet, "cell": self.cell, "label": self.label,
                  "unit": self.unit_as_written}
        if self.exchange_rate is not None:
            source["exchange_rate"] = self.exchange_rate.as_dict()
        return {"field": self.field, "value": self.value, "unit": self.unit, "period": self.period,
                "basis": self.basis, "column": self.column, "source": source}


def rates_used(observations: Iterable[Observation]) -> list[dict]:
    """The exchange rates values written in another currency were converted at, for the outputs' provenance.

    One entry per rate (a year of indicators/exchange_rates.yaml), oldest first: its `year`,
    `yuan_per_dollar`, `confidence`, `source` and `table` (as in the observations' `source.exchange_rate`),
    and `values`: each value converted at it — `field`, `period`, `file`, `sheet`, `cell` and `unit` as
    written (万美元, 亿美元 …), in reading order. Empty when no value changed currency.
    """
    out: dict[int, dict] = {}
    for o in observations:
        if o.exchange_rate is None:
            continue
        entry = out.setdefault(o.exchange_rate.year, {**o.exchange_rate.as_dict(), "values": []})
        entry["values"].append({"field": o.field, "period": o.period, "file": o.file, "sheet": o.sheet, "cell": o.cell,
                                "unit": o.unit_as_written})
    return [out[year] for year in sorted(out)]


@dataclass
class IngestResult:
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # path → sha256
    titles: dict[str, list[str]] = field(default_factory=dict)  # path → texts of the sheets' top rows
    title_cells: list[tuple[str, Location]] = field(default_factory=list)  # those texts with their file, sheet, cell
    periods: dict[str, str] = field(default_factory=dict)  # path → the quarter the workbook reports
    # (field, quarter) → the cell of its row where the workbook writes a missing mark (—, 无 …) for the current period:
    # the row is there, its figure is not (bt15 F12: such a row was told to be added)
    marked_missing: dict[tuple[str, str], Location] = field(default_factory=dict)
    # (field, quarter) → the empty cell of its row for the current period: the row is there, left blank as the
    # template allows (bt15i F1: such a row was told to be added)
    left_blank: dict[tuple[str, str], Location] = field(default_factory=dict)
    # (file, sheet) → its hidden rows and columns (0-based), for saying so of a problem at one of their cells (bt10f F12)
    hidden: dict[tuple[str, str], tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)
    # the texts in the label columns on rows no field matched, with their cells: named when a needed statistic is in
    # no workbook and one of them looks like it (scorer.read.near_labels; bt12h F4)
    unread_labels: list[tuple[str, Location]] = field(default_factory=list)

    @property
    def is_sample(self) -> bool:
        """Whether any workbook says it holds illustrative data (示例数据)."""
        return any("示例" in t for texts in self.titles.values() for t in texts)

    def zone_name(self) -> str | None:
        """The zone's name as the workbook titles give it (the text before the year): one ending in a zone's
        word (周口经济开发区), else the text before the period as written, marks and all, when it holds a
        letter or ideograph and a zone's 区 or 园 (周口经济开发区（“港区”）·№1—〔2022〕, “港区”·№1)."""
        for texts in reversed(list(self.titles.values())):
            for t in texts:
                if name := zone_in_title(t):
                    return name
        for texts in reversed(list(self.titles.values())):
            for t in texts:
                if name := zone_in_title(t, loosely=True):
                    return name
        return None

    def unnamed_title(self) -> tuple[str, str] | None:
        """(file, title) of a title whose text before the period is marks alone (“”·№—〔〕2022年…): a zone's
        name that cannot be read, to say so rather than name the zone 本开发区 without a word."""
        for path, texts in self.titles.items():
            for t in texts:
                m = _BEFORE_PERIOD.match(t.strip())
                bare = m[1].strip() if m else ""
                if len(bare) >= 2 and not bare.isascii() and not _has_word(bare):
                    return path, t.strip()
        return None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        """What was left aside on purpose and said so (a hidden sheet): never an error, even under --strict."""
        return [p for p in self.problems if p.severity == "note"]
