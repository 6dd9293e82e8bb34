"""The report's words in Chinese and English (`TEXT`, `translator`: the English of `scorer.words`, the Chinese of the
one message catalogue), units, quarters and the names of regions, departments and calibers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import Callable

from scorer.messages import both, fill, zh
from scorer.words import WORDS

LANGS = ("zh", "en")


class _Words(Mapping):
    """key -> {"zh": …, "en": …}: a report word's English (`scorer.words.WORDS`) and its Chinese from the message
    catalogue (`scorer.messages.zh`, under its msgctxt where it has one). Read-only; looked up when read."""

    def __getitem__(self, key: str) -> dict[str, str]:
        en = WORDS[key]
        return {"zh": zh(en), "en": str(en)}

    def __iter__(self) -> Iterator[str]:
        return iter(WORDS)

    def __len__(self) -> int:
        return len(WORDS)


TEXT: Mapping[str, dict[str, str]] = _Words()

def method_id(text: str) -> str:
    """The method id `text` names: the id itself (targets, locf), or the name the report and the help give it in
    either language (`TEXT` method_<id>: 目标值法, 沿用上期, "distance to target"), case, spaces and full-width forms
    aside; a name of no method comes back as written, for the caller's check to refuse with the valid ids (bt15j F6:
    --normalisation 目标值法 was refused while the help named it so)."""
    import unicodedata

    def key(s: str) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)).lower()

    wanted = key(text)
    for name in WORDS:
        if name.startswith("method_") and wanted in {key(name[7:]), key(TEXT[name]["zh"]), key(TEXT[name]["en"])}:
            return name[7:]
    return text


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_CN_Q = "一二三四"

# Units as English readers write them; the values are in the same unit, only the name changes.
UNITS_EN = {
    "万美元": "US$10k", "亿美元": "US$100m", "美元": "US$", "万元": "10k yuan", "亿元": "100m yuan", "元": "yuan",
    "%": "%", "个": "", "家": "", "件": "", "起": "", "人": "people", "万人": "10k people",
    "件/万人": "per 10k people", "吨标准煤/万元": "tce per 10k yuan", "吨/万元": "t per 10k yuan",
    "立方米/万元": "m³ per 10k yuan", "万元/亩": "10k yuan per mu", "亿元/平方公里": "100m yuan per km²",
    "平方公里": "km²", "万吨": "10k t", "万立方米": "10k m³", "千元": "1,000 yuan", "千美元": "US$1,000", "亩": "mu", "吨标准煤": "tce", "吨": "t", "立方米": "m³", "分": "pts", "亿美元/年": "US$100m a year",
    "百万元": "1m yuan", "百万美元": "US$1m", "元人民币": "yuan", "万元人民币": "10k yuan", "亿元人民币": "100m yuan", "平方千米": "km²", "万亩": "10k mu", "公顷": "ha", "平方米": "m²", "万平方米": "10k m²", "千克": "kg", "公斤": "kg", "吨标煤": "tce", "万吨标准煤": "10k tce", "万吨标煤": "10k tce", "人次": "person-times", "项": "", "户": "", "所": "", "座": ""}


def unit_named(text: str | None):
    """A unit in a message (a `scorer.messages.Text`): English (UNITS_EN; a count's "" is "items") in English, as written in Chinese."""
    if not text:
        return text
    en = UNITS_EN.get(text)
    return both(text if en is None else en or "items", text)


def unit_en(text: str | None) -> str:
    """A unit in an English message ("10k yuan", "items"): `unit_named`'s English."""
    return str(unit_named(text) or "")


def name_of(thing):
    """A field, indicator or group in a message (a `scorer.messages.Text`): its English name (`label_en`, `name_en`) in
    English, its Chinese one (`label`, `name_zh`) in Chinese; without an English name, the Chinese in both."""
    zh = getattr(thing, "label", None) or getattr(thing, "name_zh", None) or str(thing)
    en = getattr(thing, "label_en", None) or getattr(thing, "name_en", None) or zh
    return both(str(en), str(zh))


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the text for `key` in `lang`, with the values filled in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")

    def t(key: str, **values) -> str:
        return fill(TEXT[key][lang], **values) if values else TEXT[key][lang]

    return t


def unit(text: str, lang: str) -> str:
    return text if lang == "zh" else UNITS_EN.get(text, text)


def quarter_label(period: str, lang: str) -> str:
    year, q = period[:4], int(period[-1])
    return translator(lang)("quarter", year=year, q=_CN_Q[q - 1] if lang == "zh" else q)


_QUARTER_ID = re.compile(r"(?<![0-9A-Za-z])\d{4}Q[1-4](?![0-9A-Za-z])")
# in Chinese, with the space the console's message put between it and a Chinese character (「…」2021Q1 无法计算)
_QUARTER_ID_ZH = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]) ?(\d{4}Q[1-4])(?![0-9A-Za-z])"
                            r"(?: (?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]))?|" + _QUARTER_ID.pattern)


def in_words(text: str, lang: str) -> str:
    """`text` with every quarter written as the code names it (2021Q1) written as a reader would:
    2021年第一季度 (without a space beside a Chinese character), 2021 Q1 — for messages made for the
    console that the report prints."""
    if lang != "zh":
        return _QUARTER_ID.sub(lambda m: quarter_label(m.group(0), lang), text)
    return _QUARTER_ID_ZH.sub(lambda m: quarter_label(m.group(1) or m.group(0), lang), text)


def quarter_short(period: str, lang: str) -> str:
    """A quarter on two lines, for chart axes."""
    year, q = period[:4], int(period[-1])
    return translator(lang)("quarter_short", year=year, q=_CN_Q[q - 1] if lang == "zh" else q)


def cumulative_label(period: str, lang: str) -> str:
    year, month = period[:4], int(period[-1]) * 3
    return translator(lang)("ytd", year=year, month=month if lang == "zh" else _MONTHS[month - 1])


def end_label(period: str, lang: str) -> str:
    year, month = period[:4], int(period[-1]) * 3
    return translator(lang)("end_of", year=year, month=month if lang == "zh" else _MONTHS[month - 1])


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@functools.lru_cache(maxsize=1)
def _label_terms() -> tuple[tuple[str, str], ...]:
    """(form, official term) pairs of indicators/glossary.yaml's terms marked `in_labels`."""
    import yaml

    from scorer.resources import indicators_dir

    doc = yaml.safe_load((indicators_dir() / "glossary.yaml").read_text(encoding="utf-8"))
    return tuple((form, t["term"]) for t in doc.get("terms", []) if t.get("in_labels") for form in t.get("instead_of", []))


def official(text: str) -> str:
    """A Chinese label as workbooks write it, with the official term for any form the glossary replaces
    (安全生产事故 → 生产安全事故)."""
    for form, term in _label_terms():
        text = text.replace(form, term)
    return text


# The yardsticks' region and caliber ids (indicators/yardsticks.yaml `region:`, `caliber:`) as a Chinese
# message says them; the catalogue's sentences put 地区 / 口径 after them ("{region} 地区国家级经开区").
REGION_ZH = {"national": "全国", "central": "中部", "east": "东部", "eastern": "东部", "west": "西部",
             "western": "西部", "northeast": "东北", "河南": "河南", "henan": "河南"}
# The bundled effort.yaml's departments in English (a zone's own names are shown as written).
DEPARTMENTS_EN = {"招商局": "Investment Promotion Bureau", "经济发展局": "Economic Development Bureau",
                  "科技局": "Science and Technology Bureau", "生态环境分局": "Ecology and Environment Branch",
                  "社会事务局": "Social Affairs Bureau", "应急管理局": "Emergency Management Bureau", "财政局": "Finance Bureau",
                  "统计局": "Statistics Bureau", "金融工作局": "Financial Affairs Bureau"}
PROVINCE_EN = {"河南": "Henan"}  # a province as the yardsticks' `region:` names it (Chinese), in English
CALIBER_ZH = {"mofcom": "商务部", "henan_old": "河南原省级"}


def department(name: str, lang: str) -> str:
    """A department as effort.yaml names it, in `lang` (the bundled ones in English; a zone's own as written)."""
    return DEPARTMENTS_EN.get(name, name) if lang == "en" else name


def region_named(ident):
    """A region id in a message: the id in English, its Chinese name in Chinese (a `scorer.messages.Text`);
    an id not in REGION_ZH (a province's own name, say) as it is in both."""
    return ident if ident is None else both(str(ident), REGION_ZH.get(str(ident), str(ident)))


def caliber_named(ident):
    """A caliber id in a message (mofcom, henan_old), as `region_named` does regions."""
    return ident if ident is None else both(str(ident), CALIBER_ZH.get(str(ident), str(ident)))

