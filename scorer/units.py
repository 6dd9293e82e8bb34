"""Unit conversion: the one place where 亿元 becomes 万元, 亩 becomes 平方公里 and so on."""

from __future__ import annotations

import functools
import math
import unicodedata
from dataclasses import dataclass

from scorer.messages import msg

# Each unit: (dimension, factor to the dimension's base unit).
_UNITS: dict[str, tuple[str, float]] = {
    # money, RMB (base 元)
    "元": ("rmb", 1.0), "千元": ("rmb", 1e3), "万元": ("rmb", 1e4), "百万元": ("rmb", 1e6),
    "亿元": ("rmb", 1e8), "元人民币": ("rmb", 1.0), "万元人民币": ("rmb", 1e4), "亿元人民币": ("rmb", 1e8),
    # money, USD (base 美元)
    "美元": ("usd", 1.0), "千美元": ("usd", 1e3), "万美元": ("usd", 1e4), "百万美元": ("usd", 1e6),
    "亿美元": ("usd", 1e8),
    # area (base 平方公里)
    "平方公里": ("area", 1.0), "平方千米": ("area", 1.0), "km2": ("area", 1.0), "km²": ("area", 1.0),
    "亩": ("area", 1 / 1500), "万亩": ("area", 1e4 / 1500), "公顷": ("area", 0.01),
    "平方米": ("area", 1e-6), "万平方米": ("area", 1e-2),
    # mass (base 吨)
    "吨": ("mass", 1.0), "万吨": ("mass", 1e4), "千克": ("mass", 1e-3), "公斤": ("mass", 1e-3),
    # energy (base 吨标准煤)
    "吨标准煤": ("energy", 1.0), "吨标煤": ("energy", 1.0), "万吨标准煤": ("energy", 1e4),
    "万吨标煤": ("energy", 1e4), "tce": ("energy", 1.0),
    # water volume (base 立方米)
    "立方米": ("volume", 1.0), "万立方米": ("volume", 1e4), "m3": ("volume", 1.0), "m³": ("volume", 1.0),
    # people (base 人)
    "人": ("people", 1.0), "万人": ("people", 1e4), "人次": ("people", 1.0),
    # counts: classifiers for the same dimension, a count of things
    "家": ("count", 1.0), "个": ("count", 1.0), "件": ("count", 1.0), "起": ("count", 1.0),
    "项": ("count", 1.0), "户": ("count", 1.0), "所": ("count", 1.0), "座": ("count", 1.0),
    # shares and rates
    "%": ("percent", 1.0), "％": ("percent", 1.0),
}


class UnitError(ValueError):
    """A unit that is unknown, or cannot be converted to the one wanted."""


class NoExchangeRate(UnitError):
    """Dollars and yuan convert, but indicators/exchange_rates.yaml has no average rate for the year (`year`)."""

    def __init__(self, message: str, year: int):
        super().__init__(message)
        self.year = year


def conversion_hint(exc: UnitError, unit: str) -> str:
    """What to do about a value whose unit cannot be converted to `unit`: for a year without an exchange rate,
    add the rate (亿美元 converts, in a year the table holds); else the units that convert."""
    if isinstance(exc, NoExchangeRate):
        return msg("add {year}'s average yuan-per-dollar rate, with its source, to indicators/exchange_rates.yaml, "
                   "or write the value in {unit}", year=exc.year, unit=unit)
    return msg("write the value in {unit} or a unit convertible to it (元/万元/亿元, 美元/万美元/亿美元, "
               "亩/平方公里, 吨/万吨, 人/万人)", unit=unit)


@functools.lru_cache(maxsize=4096)  # a run looks up a few dozen units some hundred thousand times
def normalise_unit(text: str) -> str:
    """A unit as written, in the one form the unit table knows: NFKC, no brackets, spaces or 单位： prefix."""
    unit = unicodedata.normalize("NFKC", str(text)).strip()
    unit = unit.strip("()（）[]【】").replace(" ", "")
    return unit.removeprefix("单位:").removeprefix("单位：")


def is_known(unit: str) -> bool:
    return normalise_unit(unit) in _UNITS


def scaled(value: float, by: float) -> float:
    """`value` × `by` (a unit's factor, or 100 for a stored 0.173 shown as 17.3%) without the binary noise of the
    product's last digits (0.173 × 100 = 17.299999999999997): kept to 15 significant digits, which every figure typed
    in a cell holds whole (a double keeps 15.9), so the JSON and the tables give it as the cell shows it (bt10f F8)."""
    if by == 1:
        return value
    product = value * by
    return float(f"{product:.15g}") if math.isfinite(product) else product


def factor(from_unit: str, to_unit: str) -> float:
    """The number to multiply a value in `from_unit` by to express it in `to_unit`."""
    src, dst = normalise_unit(from_unit), normalise_unit(to_unit)
    if src == dst:
        return 1.0
    if src not in _UNITS:
        raise UnitError(msg("unknown unit {unit!r}", unit=from_unit))
    if dst not in _UNITS:
        raise UnitError(msg("unknown unit {unit!r}", unit=to_unit))
    (dim_src, f_src), (dim_dst, f_dst) = _UNITS[src], _UNITS[dst]
    if dim_src != dim_dst:
        raise UnitError(msg("cannot convert {unit!r} to {to!r}", unit=from_unit, to=to_unit))
    return f_src / f_dst


def dimension(unit: str) -> str | None:
    """What a unit measures ("rmb", "count", "people", …), or None for a unit scorer does not know."""
    known = _UNITS.get(normalise_unit(unit))
    return known[0] if known else None


def other_scales(unit: str) -> list[str]:
    """Other units of `unit`'s dimension that differ from it by a factor (万元 → [元, 千元, 百万元, 亿元]),
    one name per factor, smallest first; [] for a unit written one way only (个, 家, %) or unknown.

    A bare number for a quantity in such a unit says nothing of its scale: `+10` for 进出口总额 may be
    万元 (the workbook's row) or 亿元 (the indicator's), so scenario and effort amounts must name theirs.
    """
    known = _UNITS.get(normalise_unit(unit))
    if known is None:
        return []
    dim, f = known
    seen: dict[float, str] = {}
    for name, (d, g) in _UNITS.items():
        if d == dim and abs(g / f - 1) > 1e-9 and g not in seen:
            seen[g] = name
    return [seen[g] for g in sorted(seen)]


def is_whole_units(unit: str) -> bool:
    """Things counted one by one: classifiers (个, 家, 件, 起 …) and people (人, 万人)."""
    return dimension(unit) in ("count", "people")


def things_per_unit(unit: str) -> float | None:
    """How many single things or people one `unit` counts: 1 for 个, 家, 起, 人; 10 000 for 万人; None for a
    unit of money, area, a rate or one scorer does not know. A plan rounds a count up to whole things with
    it (0.3万人 is 3 000 people, never rounded up to 1万人)."""
    known = _UNITS.get(normalise_unit(unit))
    return known[1] if known is not None and known[0] in ("count", "people") else None


def whole_things(x: float, unit: str, up: bool = True) -> float:
    """`x` (in `unit`) rounded to whole things or people, up (default) or down; `x` itself when `unit`
    does not count things (money, rates). Shapes: a float in, a float out, in `unit`."""
    per = things_per_unit(unit)
    if per is None:
        return x
    return (math.ceil(x * per - 1e-6) if up else math.floor(x * per + 1e-6)) / per


def counts_single_things(unit: str) -> bool:
    """A unit whose values are whole numbers: one thing or person each (个, 家, 件, 起, 项, 人 …).

    万人 is not one (0.5 万人 is 5 000 people), nor is any unit of money, area or a rate.
    """
    known = _UNITS.get(normalise_unit(unit))
    return known is not None and known[0] in ("count", "people") and known[1] == 1.0


# ------------------------------------------------------------------ money in another currency
@dataclass(frozen=True)
class ExchangeRate:
    """Yuan per US dollar, the average of one year, with where the figure comes from."""

    year: int
    yuan_per_dollar: float
    confidence: str  # "approximate" or "confirmed"
    source: str
    source_zh: str = ""  # the same in Chinese (the YAML's source_zh; the English when it has none)

    def as_dict(self) -> dict:
        return {"year": self.year, "yuan_per_dollar": self.yuan_per_dollar, "confidence": self.confidence,
                "source": self.source, "table": "indicators/exchange_rates.yaml"}


@functools.lru_cache(maxsize=1)
def exchange_rates() -> dict[int, ExchangeRate]:
    """The table in indicators/exchange_rates.yaml, by year. Raises ScorerError (file and line) if malformed."""
    from scorer.errors import ScorerError
    from scorer.resources import indicators_dir
    from scorer.yamlio import line_of, load_yaml

    path = indicators_dir() / "exchange_rates.yaml"
    doc = load_yaml(path)
    out = {}
    for year, entry in (doc.get("rates") or {}).items():
        try:
            rate = float(entry["yuan_per_dollar"])
            if not (int(year) > 1900 and rate > 0):
                raise ValueError
            out[int(year)] = ExchangeRate(int(year), rate, str(entry["confidence"]), str(entry["source"]),
                                          str(entry.get("source_zh") or entry["source"]))
        except (KeyError, TypeError, ValueError):
            raise ScorerError.at(msg("rate for {year!r}: needs a year, yuan_per_dollar > 0, confidence and source", year=year),
                                 file=path, line=line_of(doc, ("rates", year))) from None
    return out


def money_factor(from_unit: str, to_unit: str, year: int) -> tuple[float, ExchangeRate | None]:
    """The factor from `from_unit` to `to_unit`, across 美元 and 元 at `year`'s average rate.

    Returns (factor, the rate used or None when no currency changes). Raises UnitError when the units
    cannot be converted, or when the table has no rate for `year`.
    """
    src, dst = dimension(from_unit), dimension(to_unit)
    if {src, dst} != {"usd", "rmb"}:
        return factor(from_unit, to_unit), None
    rate = exchange_rates().get(year)
    if rate is None:
        raise NoExchangeRate(msg("no yuan-per-dollar rate for {year} in indicators/exchange_rates.yaml (it has {years})",
                                 year=year, years=", ".join(map(str, sorted(exchange_rates())))), year)
    f_src, f_dst = _UNITS[normalise_unit(from_unit)][1], _UNITS[normalise_unit(to_unit)][1]
    across = rate.yuan_per_dollar if src == "usd" else 1 / rate.yuan_per_dollar
    return f_src * across / f_dst, rate
def ten_thousand_apart(unit: str) -> tuple[str | None, str | None]:
    """The units 10 000 times smaller and larger than `unit` in its dimension: 万元 → (元, 亿元).

    These are the usual unit slips of a statistics office (亿元 typed into a 万元 row); None where
    no such unit exists (吨 → (None, 万吨)).
    """
    known = _UNITS.get(normalise_unit(unit))
    if known is None:
        return None, None
    dim, f = known

    def find(target: float) -> str | None:
        return next((name for name, (d, g) in _UNITS.items() if d == dim and abs(g / target - 1) < 1e-9), None)

    return find(f / 1e4), find(f * 1e4)


def slip_words(unit: str, too_small: bool | None = None):
    """The usual unit slip of a row in `unit`, in words for a hint (a `Text`), or None where its dimension has no
    unit 10 000 times apart (counts, %): 万元 → "亿元 typed into a 万元 row, or 元 into it"; 吨 → "万吨 typed into a
    吨 row". `too_small`: the figure is 10 000 times too small (True: the larger unit was typed), too large
    (False: the smaller), or either (None). bt11k F4: a hint said 亿元 in a 万元 row for a row in tonnes."""
    smaller, larger = ten_thousand_apart(unit)
    typed = [u for u in ((larger,) if too_small is True else (smaller,) if too_small is False else (larger, smaller))
             if u is not None]
    if not typed:
        return None
    if len(typed) == 1:
        return msg("{typed} typed into a {unit} row", typed=typed[0], unit=normalise_unit(unit))
    return msg("{typed} typed into a {unit} row, or {other} into it", typed=typed[0], other=typed[1],
               unit=normalise_unit(unit))
