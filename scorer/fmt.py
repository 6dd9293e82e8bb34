"""Numbers as analysts write them: thousands separators, sensible decimals by unit, 百分点 for rates."""

from __future__ import annotations

import math
import re
import unicodedata

from scorer import units
from scorer.messages import shown, written  # noqa: F401  (part of this module's API: text, a number as it may be written)

NBSP = "\u00a0"  # joins a number to its unit: a line never ends between them
WJ = "\u2060"  # WORD JOINER: the same without a space, for Chinese (48.6亿元; UAX #14 would break before 亿)

# Characters from input text never written into a CSV field nor shown on a terminal: C0 controls but TAB, LF
# and CR (ESC would drive the terminal the text is printed to, BEL ring it, NUL cut a field in some readers),
# DEL and C1 controls (U+009B is ESC[ in one character), and the bidi overrides and isolates that reorder
# what a reader sees (U+202A–U+202E, U+2066–U+2069: "‮fdp.exe" shown as "exe.pdf").
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_DROPPED = re.compile(f"[{_CONTROLS}]")
_DROPPED_ON_TERMINAL = re.compile(f"[{_CONTROLS}\r]")


def printable(text: str) -> str:
    """`text` from an input file without the characters above (controls but TAB, LF, CR; bidi overrides), and
    undecodable bytes of a file name `shown`: what may be written to any output (a scenario's name and
    description, a CSV field, a log line)."""
    return _DROPPED.sub("", shown(text))


def for_terminal(text: str) -> str:
    """`text` as it may reach a terminal: `printable`, and no CR either (a lone CR sends the cursor back to
    overwrite what the line said; CR LF is a line end). The CLI's consoles pass every piece of text they
    print through it (scorer.cli.app), so a zone, peer or field name read from input can neither colour,
    move, clear nor reorder what the terminal shows."""
    return _DROPPED_ON_TERMINAL.sub("", shown(text).replace("\r\n", "\n"))


def decimals_for(unit: str, value: float) -> int:
    """Decimals a value in `unit` is printed with: none for a count of single things or people (家, 个, 人, 项:
    a full-year estimate of 4,385.9人 is printed 4,386; a gap to reach is rounded up before,
    `scorer.score.engine.shortfall`; a target is printed as scored, `exact`), one for a %, none for amounts in 万元 or 吨, two for 亿元 under 10…"""
    if unit == "%":
        return 1
    if units.counts_single_things(unit):
        return 0
    if unit in ("万元", "万美元", "元", "美元", "吨", "吨标准煤", "立方米"):
        return 0
    if unit in ("亿元", "亿美元"):
        return 2 if abs(value) < 10 else 1
    if abs(value) < 0.1:
        return 3
    return 2


def exact_digits(value: float | None, unit: str = "") -> int | None:
    """Decimals for a figure the zone is scored against (a target, a floor), or None for the unit's customary
    ones: the fewest, at least the customary, that print it as it is scored, up to EXACT_EXTRA more (a count's
    target is a mean of counts: 6.5家, 2.45个, 3.004个, never rounded to a whole one; a share's 28.39 %, never 28.4)."""
    if value is None or not math.isfinite(value):
        return None
    usual = decimals_for(unit, value)
    for d in range(usual, usual + EXACT_EXTRA + 1):
        if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value)):
            return None if d == usual else d
    return usual + EXACT_EXTRA


EXACT_EXTRA = 3  # decimals beyond a unit's customary ones a target or floor may need to print as scored


def exact(value: float | None, unit: str = "") -> str:
    """A target or floor as scored (`exact_digits`), with thousands separators; — when missing."""
    return number(value, unit, exact_digits(value, unit))


def number(value: float | None, unit: str = "", digits: int | None = None) -> str:
    """A raw value in its unit's customary precision, with thousands separators; — when missing.

    A count of single things that is not whole (a full-year estimate of 4,826.6人) is printed as the whole things
    it reaches, rounded down (4,826): its gap, rounded up to whole things (`scorer.score.engine.shortfall`, 174),
    then adds up to the target printed beside it (5,000), where 4,827 + 174 did not."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if digits is None and units.counts_single_things(unit):
        value = units.whole_things(value, unit, up=False)
    d = decimals_for(unit, value) if digits is None else digits
    text = f"{value:,.{d}f}"
    return "0" if text in ("-0", "-0.0", "-0.00") else text.replace("-", "−")


def claim_decimals(value: float, unit: str = "") -> int:
    """The decimals that print a rule's number as the claim it makes: the unit's customary decimals, or more until
    the printed number is the number (at most 6 significant digits): a threshold of 0.015 % is "0.015", never
    "0.0" (bt12g F3: "≥ 0.0 %" hid a fraction typed for 1.5 %)."""
    d = decimals_for(unit, value)
    if not math.isfinite(value) or value == 0:
        return d
    most = max(d, 5 - math.floor(math.log10(abs(value))))
    while d < most and abs(round(value, d) - value) > 1e-9 * abs(value):
        d += 1
    return d


def against_decimals(value: float, threshold: float, unit: str = "") -> int:
    """The decimals of a value printed beside its threshold: the threshold's (`claim_decimals`: 28.33 beside ≥ 15.00,
    never 28.3294; bt13j F3), more only where that rounding would put the value on the other side of the line."""
    digits = claim_decimals(threshold, unit)
    if math.isfinite(value) and math.isfinite(threshold):
        while digits < 6 and (round(value, digits) >= threshold) != (value >= threshold):
            digits += 1
    return digits


def claim(value: float | None, unit: str = "") -> str:
    """A rule's number (a threshold) in its unit, never rounded to a different claim (`claim_decimals`)."""
    if value is None or not math.isfinite(value):
        return "—"
    return number(value, unit, digits=claim_decimals(value, unit))


def figure(value: float | None, digits: int = 6) -> str:
    """A figure read from a workbook or computed from it, for a message: `digits` significant digits as `:g` keeps
    them, but never in e-notation (1,410,340, not 1.41034e+06; 0.0000187, not 1.87e-05), with thousands separators;
    — when missing. Messages name figures this way in both languages (issue 11: no e-notation in a report)."""
    if value is None or not math.isfinite(value):
        return "—"
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    decimals = max(0, digits - 1 - exponent)
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def ratio(value: float | None) -> str:
    """A ratio of two figures as a percentage with three significant digits, never in e-notation: 13.2%, 0.00187%."""
    return "—" if value is None or not math.isfinite(value) else figure(value * 100, 3) + "%"


def against_target(value: float, target: float, gap: float, unit: str) -> tuple[str, str, str]:
    """A value, its target and its gap (≥ 0, in the direction the zone must move; 0 when met) printed together so
    that they agree: the target as scored (`exact`), the value and the gap with the target's decimals or more, until
    the value prints apart from an unmet target and the gap is the difference of the two as printed, never 0 while
    the target is not met (a share at 28.36 against 28.39 printed 28.4, 28.4 and a gap of 0.0). A count's gap is
    whole things (rounded up), its value the whole things reached (`number`)."""
    if units.counts_single_things(unit):
        return number(value, unit), exact(target, unit), number(gap, unit, 0)
    d = exact_digits(target, unit)
    d = decimals_for(unit, target) if d is None else d
    d = max(d, decimals_for(unit, value))
    for d in range(d, d + EXACT_EXTRA + 1):
        v, t = round(value, d), round(target, d)
        shown_gap = round(abs(t - v), d)
        if gap <= 0 or (v != t and shown_gap > 0):
            break
    return number(value, unit, d), number(target, unit, d), number(shown_gap, unit, d)


def as_given(value: float) -> str:
    """A number a user typed (--target 100.0000001, a threshold), echoed so that it reads as the same number.

    The shortest text that gives back the same float (Python's repr: never rounded to a value the user
    did not give), without a trailing ".0" (90.0 → "90"); inf and nan as such.
    """
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def distinct(value: float | None, *marks: float | None, decimals: int | None = None) -> str:
    """`value` as text on the same side of every mark (a bound, a target) as the value itself.

    A value shown rounded must not read as its bound: 100.0000001 % against "at most 100 %" is written
    100.0000001, not 100; a best score of 71.96 against a target of 72 is 71.96, not 72.0. The text
    has `decimals` decimals (default: 6 significant digits), more only where a mark needs them; — when missing.
    """
    if value is None:
        return "—"
    if not math.isfinite(value):
        return repr(float(value))
    finite = [m for m in marks if m is not None and math.isfinite(m)]
    texts = ([f"{value:.{d}f}" for d in range(decimals, 18)] if decimals is not None
             else [format(value, f".{k}g") for k in range(6, 18)])
    for text in texts:
        shown = float(text)
        if all((shown > m) == (value > m) and (shown < m) == (value < m) for m in finite):
            return text
    return repr(float(value))


def score(value: float | None) -> str:
    return number(value, digits=1)


def shown_difference(a: float, b: float) -> float:
    """a − b as the reader computes it from the two scores as printed (`score`: one decimal): 70.83 − 54.67 is 16.2
    unrounded but 70.8 − 54.7 = 16.1 on the page."""
    return round(float(score(a).replace("−", "-").replace(",", "")) - float(score(b).replace("−", "-").replace(",", "")), 1)


def adds_up(difference: float, a: float, b: float) -> bool:
    """Does `difference` (a − b, unrounded) print as the difference of a and b as printed (`shown_difference`)?"""
    return change(difference) == change(shown_difference(a, b))


def band(value: float | None) -> str:
    """A score's colour band (green from 90, amber from 60, else red; grey when missing), decided on the score as
    printed (`score`): 89.99999999999999 is printed 90.0 and is green, never an orange 90.0."""
    if value is None or not math.isfinite(value):
        return "grey"
    shown = float(score(value).replace("−", "-").replace(",", ""))
    return "green" if shown >= 90 else ("amber" if shown >= 60 else "red")


def points(value: float | None) -> str:
    return number(value, digits=2)


def change(value: float | None, unit: str = "", digits: int = 1) -> str:
    """A signed change; changes in a rate are in 百分点."""
    if value is None or not math.isfinite(value):
        return "—"
    text = f"{value:+,.{digits}f}".replace("-", "−")
    if unit == "%":
        return text + "个百分点"
    return text


def probability_bounds(p: float | None, draws: int | None) -> list[float] | None:
    """95 % bounds [low, high] (shares 0–1) on a share `p` of `draws` Monte Carlo draws, as `probability` writes the
    share: when every draw passed, [1 − 3/draws, 1], and when none did, [0, 3/draws] (the rule of three, a one-sided
    95 % bound: Hanley & Lippman-Hand, JAMA 1983); otherwise the Wilson score interval at z = 1.96 (Wilson 1927).
    None without draws or a share. At 10 000 draws all passing: [0.9997, 1.0] (i12b: the JSON said 1.0 alone)."""
    if p is None or not draws or not math.isfinite(p):
        return None
    if p >= 1.0:
        return [max(0.0, 1.0 - 3.0 / draws), 1.0]
    if p <= 0.0:
        return [0.0, min(1.0, 3.0 / draws)]
    z2 = 1.959963984540054 ** 2
    centre = (p + z2 / (2 * draws)) / (1 + z2 / draws)
    half = math.sqrt(p * (1 - p) / draws + z2 / (4 * draws * draws)) * math.sqrt(z2) / (1 + z2 / draws)
    return [max(0.0, centre - half), min(1.0, centre + half)]


def probability(p: float | None, digits: int = 1, draws: int | None = None) -> str:
    """A share of `draws` Monte Carlo draws as a percentage that never reads as a certainty it is not.

    A share that would round to 100 % or 0 % is written ">99.9%" / "<0.1%" (at `digits` decimals). When every draw
    passed (p == 1) or none did (p == 0), the share is still an estimate from `draws` draws, never a certainty
    (i12b: 'uncertainty' printed 100 %): written "≥97.0%" / "≤3.0%" with the one-sided 95 % bound of the rule of
    three (3 / draws: at 10 000 draws ≥99.9 %), floored (ceiled) to `digits` decimals; without `draws`, ">99.9%" /
    "<0.1%". — when missing.
    """
    if p is None or not math.isfinite(p):
        return "—"
    step = 10.0 ** -digits  # the smallest percentage shown
    scale = 10 ** digits
    if p >= 1.0 or p <= 0.0:
        gap = 300.0 / draws if draws else None  # the rule of three, in percent
        if gap is None:
            return f">{100 - step:.{digits}f}%" if p >= 1.0 else f"<{step:.{digits}f}%"
        if p >= 1.0:
            return f"≥{min(math.floor((100.0 - gap) * scale) / scale, 100 - step):.{digits}f}%"
        return f"≤{max(math.ceil(gap * scale) / scale, step):.{digits}f}%"
    text = f"{p * 100:.{digits}f}"
    if float(text) >= 100.0:
        return f">{100 - step:.{digits}f}%"
    if float(text) <= 0.0:
        return f"<{step:.{digits}f}%"
    return text + "%"


def rank_move(change: int | float | None) -> str:
    """A change of rank as the report and the CLI write it: "↑2" for two places up (the rank's number fell by
    2: 21st → 19th), "↓3" for three places down; "" when unchanged or unknown. Never a signed number, which
    reads as worse when it is better."""
    if change is None or not math.isfinite(change) or round(change) == 0:
        return ""
    return f"{'↑' if change < 0 else '↓'}{abs(round(change))}"


# Money in 万/亿 as English writes it: (currency, yuan or dollars per unit); money per land unit: (factor to the shown
# unit, the shown unit, decimals).
MONEY_EN = {"万元": ("cny", 1e4), "亿元": ("cny", 1e8), "万美元": ("usd", 1e4), "亿美元": ("usd", 1e8)}
PER_LAND_EN = {"万元/亩": (1e4, "yuan per mu", 0), "亿元/平方公里": (0.1, "bn yuan per km²", 2)}


def money_en(value: float | None, unit: str, digits: int | None = None) -> str | None:
    """An amount of money in 万/亿 units as English writes it, or None for any other unit or a missing value:
    5.00 亿元 → "500m yuan", 600 万美元 → "US$6m", 24,131 万元 → "241.31m yuan", 15 亿元/平方公里 → "1.50bn yuan per
    km²": m and bn attached to the figure, as the framework's texts write them (500m yuan, US$2.5bn; bt13 10), the
    rest joined by NBSP ("per" may begin a line). The figure is rounded once, as the Chinese
    prints it (`digits`, default `decimals_for` the unit), and said in other words: 2.41亿元 is 241m yuan, never
    241.3m (the report's and the terminal's English, bt13 8, bt15 F20)."""
    if value is None or not math.isfinite(value):
        return None
    if unit in MONEY_EN:
        currency, per_unit = MONEY_EN[unit]
        d = decimals_for(unit, value) if digits is None else digits
        base = round(value, d) * per_unit
        big, word = (1e9, "bn") if abs(base) >= 1e9 else (1e6, "m")
        decimals = max(0, d - round(math.log10(per_unit)) + round(math.log10(big)))  # the Chinese figure's resolution
        shown_figure = f"{base / big:,.{decimals}f}"
        shown_figure = shown_figure.rstrip("0").rstrip(".") if "." in shown_figure else shown_figure
        return f"US${shown_figure}{word}" if currency == "usd" else f"{shown_figure}{word}{NBSP}yuan"
    if unit in PER_LAND_EN:
        factor, words, decimals = PER_LAND_EN[unit]
        text = number(value * factor, digits=decimals) + ("" if words.startswith("bn") else NBSP) + words.replace(" ", NBSP)
        return text.replace(NBSP + "per", " per")  # ≥ 1.50bn yuan | per km²: may wrap before "per" (bt13 8)
    return None


def with_unit(number_text: str, unit_text: str, lang: str = "zh") -> str:
    """A formatted number and its unit as one unbreakable piece: "48.6亿元", "19.9%", "4.86\u00a0bn yuan".

    Chinese writes the unit straight after the number; English puts a space, made non-breaking here so
    that a line never ends between the two."""
    if not unit_text:
        return number_text
    if unit_text == "%":
        return number_text + unit_text
    if lang == "zh":
        return number_text + WJ + unit_text
    return number_text + NBSP + unit_text.replace(" ", NBSP)


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet or a line of type: Chinese (East Asian wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` columns (`display_width`), ending in … when cut: a long zone name in a
    running header takes one line."""
    if display_width(text) <= width:
        return text
    out, used = [], 1
    for ch in text:
        used += display_width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out).rstrip() + "…"


def rank_span(lo: int | float, hi: int | float, lang: str = "zh") -> str:
    """A rank interval as the report writes it: 第15—27名 / 15–27; one rank when both ends are the same (第2名,
    never 第2—2名: a peer table of one zone, an interval that does not move)."""
    lo, hi = f"{lo:.0f}", f"{hi:.0f}"
    if lo == hi:
        return f"第{lo}名" if lang == "zh" else lo
    return f"第{lo}—{hi}名" if lang == "zh" else f"{lo}–{hi}"


def value_span(lo: str, hi: str, unit_zh: str = "分", lang: str = "zh") -> str:
    """Where values lie between two printed ends: 66.3—67.1分之间 / between 66.3 and 67.1; one value when both
    ends print the same (均为66.3分 / all at 66.3), never 66.3—66.3."""
    if lo == hi:
        return f"均为{lo}{unit_zh}" if lang == "zh" else f"all at {lo}"
    return f"在{lo}—{hi}{unit_zh}之间" if lang == "zh" else f"between {lo} and {hi}"


def short_name(name: str, lang: str = "zh") -> str:
    """A condition's name without its parenthesised explanation: 「不在区域后5名（…）」 → 「不在区域后5名」."""
    for sep in (("（", "：") if lang == "zh" else (" (", ":")):
        name = name.split(sep, 1)[0]
    return name


# Chinese units and counters as the report writes them after a number; longer first, so that 万美元 is one unit.
_ZH_UNIT_WORDS = sorted(["美元", "千美元", "万美元", "亿美元", "元", "千元", "万元", "亿元", "吨", "万吨", "吨标准煤", "万吨标准煤",
                         "立方米", "万立方米", "平方公里", "平方米", "亩", "万亩", "公顷", "人", "万人", "人次", "家", "个", "件",
                         "起", "项", "户", "所", "座", "名", "位", "分", "倍", "个百分点", "百分点", "年", "月", "日", "季度"],
                        key=len, reverse=True)
_ZH_UNIT = "(?:" + "|".join(_ZH_UNIT_WORDS) + ")"
# a number's unit, a compound one (亿元/平方公里, 件/万人) and a date's 底/末/初 (2023年9月底): one piece
_ZH_UNIT_AFTER = re.compile(rf"(?:(?<=\d)|(?<=\d\u00a0)){_ZH_UNIT}(?:/{_ZH_UNIT})?(?:(?<=[年月])[底末初])?")
_ZH_SPACED = re.compile(rf"(?<=\d) (?={_ZH_UNIT})")  # 21,070 万美元 (a message's spaced unit): no break at the space
_ZH_BEFORE_NUMBER = re.compile(r"(?<=第)(?=\d)|(?<=\d\u2060月)(?=\d)")  # 第 | 21名, 6月 | 15日 (a date may break after its year)
_RANGE = re.compile(r"(?<=[\d%])(?=[—–~][\d第])|(?<=[\d%][—–~])(?=[\d第])")  # 第15—27名, 5%—95%, 2010–2011
_EN_UNIT_WORDS = re.compile(r"(?<=\d\u00a0bn) (?=yuan)|(?<=\d\u00a0m) (?=yuan)|(?<=\dbn) (?=yuan)|(?<=\dm) (?=yuan)")  # 1.5bn yuan: one piece
_ZH_COMPOUND = re.compile(rf"(?<![\d\u2060]){_ZH_UNIT}/{_ZH_UNIT}")  # 件/万人, 吨标准煤/万元 without a number: one piece
_AFTER_SIGN = re.compile(r"(?<=[≥≤<>＞＜]) (?=[\d+−]|US\$)|(?<=\w) (?=\([+−]\))")  # ≥ 1.50bn …, shortfall (−): one piece
_EN_UNIT_AFTER = re.compile(r"(?<=\d) (?=(?:bn|m|yuan|people|points?|pts|places?|zones?|km²|mu|US\$)(?![\w]))")


def keep_units(text: str) -> str:
    """`text` with every number kept on one line with what belongs to it: its unit (48.6亿元, 0.5个百分点,
    28.33亿元/平方公里, 55家; the unit's own characters too, since UAX #14 breaks between any two ideographs),
    第 before it (第21名), a range's dash (第15—27名, 5%—95%) and a date's month (2023年9月底 breaks, if at all, after 年), a compound
    unit without its number (件/万人), ≥ / ≤ before an amount and a sign in brackets after its word (shortfall (−)) — word joiners in
    Chinese; a no-break space before an English unit (4.86 bn yuan, 3 points). The report's Jinja
    environment applies it to every text it prints (`scorer.report.render`), so that text from YAML and
    the yardsticks (sources, notes) is joined as well as numbers `with_unit` formatted."""
    text = _ZH_UNIT_AFTER.sub(lambda m: WJ + WJ.join(m.group(0)), _ZH_SPACED.sub(NBSP, text))
    text = _ZH_COMPOUND.sub(lambda m: WJ.join(m.group(0)), text)
    text = _RANGE.sub(WJ, _ZH_BEFORE_NUMBER.sub(WJ, text))
    return _AFTER_SIGN.sub(NBSP, _EN_UNIT_WORDS.sub(NBSP, _EN_UNIT_AFTER.sub(NBSP, text)))


# Thousands separators in their places, after NFKC (which makes ， a comma): 1,234 and -12,345,678.9 and 1,234%.
# A comma anywhere else (12,5 · 1,23 · 1,2345 · 1,2,3 · ,5) is not a thousands separator: a decimal comma
# (12,5 = 12.5 in much of Europe) or a slip, never to be dropped (bt17 F8: "12,5" was read as 125).
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?(?:[eE][-+]?\d+)?%?$")


def ungrouped(text: str) -> str | None:
    """Number text without its thousands separators: `1,234.5` → `1234.5`; text without a comma as given;
    None when a comma stands anywhere but between groups of exactly three digits before the point
    (`12,5`, `1,23`, `1,2345`, `1,2,3`): the one rule every reader of numbers in the project keeps
    (workbook cells, peer tables, scenario changes), so that no reader turns `12,5` into 125.
    `text` is already NFKC-normalised and without spaces."""
    if "," not in text:
        return text
    return text.replace(",", "") if _GROUPED.match(text) else None


def in_sentence(text: str, lang: str = "en") -> str:
    """A name or clause inside an English sentence, begun in lower case unless it starts with an acronym or a name
    ("Overall score 70.8" → "overall score 70.8", "GDP growth" kept); Chinese as it is (bt15 F20)."""
    if lang == "en" and len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def conditions_en(names) -> str:
    """Conditions named inside an English sentence: each in quotation marks, begun in lower case unless it starts with
    an acronym ("GDP …"), the last after "and": “first among the province's provincial zones” and “meets the 2024
    approval letter's land-use conditions”. A condition's name is a clause of its own; run together with commas
    ("to confirm: First among the province's provincial zones, Meets the 2024 …") they read as one broken clause."""
    quoted = [f"“{in_sentence(n)}”" for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


_DIGITS_APART = re.compile(r"(?<=\d)[\s\u3000\u00a0]+(?=\d)")  # digits with only space between them
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


def despaced(text: str) -> str | None:
    """Number text without its spaces: `1 234 567` → `1,234,567` (a space between digits is a thousands separator,
    kept as a comma for `ungrouped` to check), `- 5` → `-5`, `12.5 %` → `12.5%`; None when a space between digits
    does not separate groups of exactly three (`12 5`, `1 2345`): two numbers or a slip, never 125. The rule every
    reader of numbers keeps, as `ungrouped` is for commas (a cell's `12 5` was read as 125)."""
    if _DIGITS_APART.search(text):
        text = _DIGITS_APART.sub(",", text.strip())
        if ungrouped(_SPACES.sub("", text)) is None:
            return None
    return _SPACES.sub("", text)


def first_named(names: list[str], shown: int = 10) -> str:
    """The first `shown` of `names`, comma-separated, and how many more: "A, B … (+3)" (a warning about many rows)."""
    return ", ".join(names[:shown]) + (f" … (+{len(names) - shown})" if len(names) > shown else "")
