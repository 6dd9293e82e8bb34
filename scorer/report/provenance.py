"""Where the report's figures come from: a value as its workbook wrote it, a published rate's price basis, and the
exchange rates values written in dollars were converted at."""

from __future__ import annotations

from typing import Callable, Iterable

from scorer.i18n import cumulative_label, end_label, translator, unit
from scorer.messages import written
from scorer.read.observation import Observation, rates_used
from scorer.units import exchange_rates


def rate_rows(observations: Iterable[Observation], file_numbers: dict[str, int], field_name: Callable[[str], str],
              stock: Callable[[str], bool], lang: str) -> list[dict]:
    """The report's exchange-rate table (appendix, data sources): one row per rate used, oldest year first.

    Each row: `year` (2022年), `rate` (yuan per US dollar as in indicators/exchange_rates.yaml), `confidence`,
    `source` (where the figure comes from, and the table), and `converted`: the values converted at it, each
    as statistic, period and 表N › sheet › cell. `file_numbers`: workbook path → its number in the
    report's list of workbooks; `field_name`: field id → its name in `lang`; `stock`: field id → whether it
    is a stock (an end-of-period value) rather than a flow.
    """
    t = translator(lang)
    in_chinese = {year: r.source_zh for year, r in exchange_rates().items()}  # the observations carry the English
    sep = "、" if lang == "zh" else "; "
    rows = []
    for rate in rates_used(observations):
        values = []
        for v in rate["values"]:
            span = (end_label if stock(v["field"]) else cumulative_label)(v["period"], lang)
            where = f"{t('file_ref', n=file_numbers.get(v['file'], '?'))} › {v['sheet']} › {v['cell']}"
            values.append(t("rate_value", name=field_name(v["field"]), span=span, unit=unit(v["unit"] or "", lang), where=where))
        rows.append({"year": t("rate_year", year=rate["year"]), "rate": f"{written(rate['yuan_per_dollar'])}",
                     "confidence": t(f"rate_{rate['confidence']}"),
                     # the source as its table states it; no file path in the report (the JSON gives the table)
                     "source": in_chinese.get(rate['year'], rate['source']) if lang == "zh" else rate['source'],
                     "converted": sep.join(values)})
    return rows


def rule_rate_rows(entries: list[dict], verdict, field_name: Callable[[str], str], lang: str) -> list[dict]:
    """The exchange-rate table's rows for the rates the upgrade conditions convert at (scorer.score.rules.rule_rates):
    each condition named, with the statistic and year converted and the unit it is compared in; a condition's margin
    such as −20.6亿美元 rests on the rate beside it."""
    t = translator(lang)
    names = {r.id: (r.name_zh if lang == "zh" else r.name_en) for r in (verdict.rules if verdict is not None else [])}
    in_chinese = {year: r.source_zh for year, r in exchange_rates().items()}
    sep = "、" if lang == "zh" else "; "
    return [{"year": t("rate_year", year=e["year"]), "rate": f"{written(e['yuan_per_dollar'])}",
             "confidence": t(f"rate_{e['confidence']}"),
             "source": in_chinese.get(e["year"], e["source"]) if lang == "zh" else e["source"],
             "converted": sep.join(t("rate_rule", rule=names.get(c["id"], c["id"]), name=field_name(c["field"]),
                                     year=c["period"][:4], unit=unit(c["to"], lang)) for c in e["rules"])}
            for e in entries if e["rules"]]


def growth_label(o, field) -> str:
    """A published rate's label by its price basis, for a statistic whose official growth is at comparable prices
    (fields.yaml `growth_price_basis`: GDP, 规上工业增加值): as its sheet's notes state it, else by convention (said
    to be unstated). None for other rates: a sheet's 同比增长按现价计算 says nothing of a count of incidents or of a
    flow of US dollars, and was stamped on them."""
    if field.growth_price_basis is None:
        return "growth_of"
    if o.price_basis:
        return "growth_of_comparable" if o.price_basis == "comparable" else "growth_of_nominal"
    return "growth_of_conventional"


def as_written(o) -> tuple[float, str] | None:
    """An observation's value in the unit the workbook wrote it in (None when the unit was not written)."""
    from scorer import units

    written = units.normalise_unit(o.unit_as_written) if o.unit_as_written else ""
    if not written or written == o.unit or o.basis == "growth":
        return (o.value, o.unit) if written else None
    try:
        if o.exchange_rate is not None:
            f, _ = units.money_factor(o.unit, written, o.exchange_rate.year)
        else:
            f = units.factor(o.unit, written)
    except units.UnitError:
        return None
    return o.value * f, written
