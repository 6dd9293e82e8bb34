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


# The data appendix's columns in mm (statistic, period, as written, converted, unit; the cell's column takes the rest
# of the 174 mm line): English writes a figure as written "37,486,589 × 10k yuan" in one piece (bt13j F2), so its
# column is the wider.
SOURCE_COLUMNS = {"zh": (44.0, 33.0, 25.0, 19.0, 17.0), "en": (31.0, 30.0, 34.0, 17.0, 17.0)}
_LINE_MM, _PT_MM, _PAD_MM = 174.0, 25.4 / 72, 3.0  # A4 less 18 mm margins; a cell's padding, both sides (report.css)
_MIN_MM = {0: 26.0, 5: 26.0}  # the statistic's and the cell's columns wrap, down to these


def source_columns(rows: list[dict], lang: str) -> dict:
    """The data appendix's column widths for `rows` (`_data_rows`'): {"widths": [mm × 5], "wrap": bool}.

    The figure as written, the converted value and the unit are each one unbroken piece (a number never leaves its
    unit, `scorer.fmt.keep_units`), so each column is made as wide as its widest text (at the table's 8.5 pt, 8 pt in
    English: report.css, _brief.css), measured with the bundled font's advance widths; the statistic's column gives up
    what they take from the cell's, down to 26 mm (bt13k F1: 630,698.73吨标准煤 ran 13 pt past its 25 mm, "10k people"
    past its 14 mm). `wrap`: the pieces cannot all fit the line even so (a unit
    tens of characters long); then the figure as written may wrap within its column rather than run out of it."""
    from scorer.report.charts import text_width

    widths, size = list(SOURCE_COLUMNS.get(lang, SOURCE_COLUMNS["en"])), 8.5 if lang == "zh" else 8.0
    for column, key in ((2, "written"), (3, "value"), (4, "unit")):
        texts = [str(r.get(key) or "") for r in rows]
        need = max((text_width(t, size) for t in texts), default=0.0) * _PT_MM * 1.02 + _PAD_MM + 0.3
        widths[column] = max(widths[column], round(need, 1))
    # the cell's column (7.5 pt) keeps what its widest place takes on one line if it can; the statistic's gives up the rest
    cell = max((text_width(str(r.get("source") or ""), 7.5) for r in rows), default=0.0) * _PT_MM * 1.02 + _PAD_MM + 0.3
    over = sum(widths) + max(cell, _MIN_MM[5]) - _LINE_MM
    # the statistic's column gives up what they take, or takes what the cell's does not need: a name on fewer lines
    # (bt13j F17: English names on three lines in 31 mm beside a half-empty cell column pushed the rate table to a
    # page of its own)
    widths[0] = max(_MIN_MM[0], widths[0] - over)
    over = sum(widths) + _MIN_MM[5] - _LINE_MM
    wrap = over > 0
    if wrap:
        widths[2] = max(SOURCE_COLUMNS["zh"][2], widths[2] - over)
    return {"widths": [round(mm, 1) for mm in widths], "wrap": wrap}
