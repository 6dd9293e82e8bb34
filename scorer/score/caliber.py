"""Caliber guard: a zone figure far above what its definition allows is probably another caliber, and is not scored.

The case it was written for (yardsticks `fdi_caliber_zone_share`): the Ministry's 实际使用外资 (FDI
caliber) is far smaller than Henan's older provincial 实际吸收外资 / 实际利用外资 (US$210.7亿 for the
province in 2021 on the old caliber, US$7.5亿 in 2023 on the Ministry's). A zone's figure on the
Ministry's caliber is at most a few percent of its province's; a larger full-year figure is almost
surely the old caliber. Such a quarter's figure is reported as a located problem (code
`fdi_caliber`, the workbook's sheet and cell) and every indicator computed from the field is left
unscored in that quarter (its weight is shared by the others of its category, as for missing data).

The framework declares the checks (`caliber_checks:` in framework.yaml): the field, the yardstick
entry of the province's total, the largest plausible share (%), and the entries they rest on.
"""

from __future__ import annotations

import numpy as np

from scorer import units
from scorer.framework.yardsticks import in_unit
from scorer.errors import Location, Problem
from scorer.messages import msg, written
from scorer.framework import formula as fx
from scorer.framework.model import Framework
from scorer.i18n import unit_en

CODE = "fdi_caliber"


def caliber_limits(framework: Framework) -> list[tuple]:
    """Each caliber check with its line in the field's unit and the indicators computed from the field.

    Returns (check, limit, entry, users) per check of framework.yaml's `caliber_checks:` whose field
    some indicator reads; `entry` is the yardstick of the province's total. The one place the line is
    computed: the baseline (check_calibers) and every what-if variant (scorer.whatif.scenario) use it.
    """
    checks = framework.caliber_checks
    if not checks:
        return []
    from scorer.framework.yardsticks import load_yardsticks

    ys = load_yardsticks(framework.yardsticks_path)
    out = []
    for check in checks:
        entry = ys[check.province_total]
        fdef = framework.fields[check.field]
        limit = entry.value * in_unit(entry, fdef.unit) * check.max_share / 100.0  # validated by load_framework
        users = {i.id for i in framework.indicators.values()
                 if i.tree is not None and check.field in {n.name for n in fx.names(i.tree)}}
        if users:
            out.append((check, limit, entry, users))
    return out


def _full_year_of(tree) -> str | None:
    """The field an indicator formula is the full-year figure of (`annual(f)`, `f`, `to(annual(f), "…")`), else None."""
    while isinstance(tree, fx.Call) and tree.func == "to" and tree.args:
        tree = tree.args[0]
    if isinstance(tree, fx.Call) and tree.func == "annual" and len(tree.args) == 1:
        tree = tree.args[0]
    return tree.name if isinstance(tree, fx.Name) else None


def indicator_lines(framework: Framework, limits: list[tuple] | None = None) -> dict[str, tuple]:
    """The caliber line of each indicator that IS a checked field's full-year figure (fdi_amount = annual(fdi_actual)).

    Returns indicator id → (check, limit in the indicator's unit, entry). A value given to such an
    indicator directly (a scenario's `indicators: {fdi_amount: "= 9000"}`) is the same figure by
    another route and must pass the same line (scorer.whatif.checks). `limits`: caliber_limits(framework)
    when the caller has it already. Indicators computed otherwise from the field (a growth rate, a
    share of the city's) carry no line of their own: their bounds and the field's line guard them.
    """
    out = {}
    for check, limit, entry, users in (caliber_limits(framework) if limits is None else limits):
        unit = framework.fields[check.field].unit
        for i in sorted(users):
            ind = framework.indicators[i]
            if _full_year_of(ind.tree) == check.field:
                try:
                    out[i] = (check, limit * units.money_factor(unit, ind.unit, entry.year)[0], entry)  # 万元: at its year
                except units.UnitError:  # the framework's own unit check names it; no line in an unknown unit
                    continue
    return out


def check_calibers(framework: Framework, panel, annual: dict[str, np.ndarray], periods: list[str]) -> list[Problem]:
    """Apply the framework's caliber checks to the full-year estimates `annual[field]` (one per period).

    Returns one problem per flagged (field, quarter), level "warning" like the read stage's doubtful figures, code `fdi_caliber`, with the
    field and quarter set and located at the workbook cell the figure was read from; the engine hands
    them to `scorer.score.doubt.find_doubts` with the read stage's doubtful figures, so the indicators
    computed from the figure are left out (or capped) and named like any other doubtful value.
    """
    out: list[Problem] = []
    for check, limit, entry, users in caliber_limits(framework):
        fdef = framework.fields[check.field]
        values = annual.get(check.field)
        if values is None:
            continue
        for k, period in enumerate(periods):
            v = values[k]
            if not np.isfinite(v) or v <= limit:
                continue
            obs = panel.source(check.field, period)
            where = Location(file=obs.file, sheet=obs.sheet, cell=obs.cell) if obs is not None else Location()
            share = v / (entry.value * in_unit(entry, fdef.unit)) * 100.0
            out.append(Problem(
                f"{fdef.label_en or fdef.label} ({check.field}) for {period}: full-year {v:,.0f} {unit_en(fdef.unit)} is {share:.0f}% of "
                f"{entry.what_zh} {entry.year} ({entry.value:,.0f} {entry.unit}); above {written(check.max_share)}% it is "
                f"probably the old provincial caliber, not the Ministry's; not scored as true: {', '.join(sorted(users))}",
                where,
                msg("check with the statistics office which caliber the figure is on (商务部口径实际使用外资, not 实际利用外资/"
                    "实际吸收外资 nor 实际利用省(境)外资金); enter the Ministry-caliber figure"),
                "warning", code=CODE,
                # Chinese as the report prints it (bt13j F11): no code ids, no space between a number and its unit
                message_zh=f"{fdef.label}{period}全年值{v:,.0f}{fdef.unit}，为{entry.what_zh}{entry.year}年"
                           f"（{entry.value:,.0f}{entry.unit}）的{share:.0f}%，超过{written(check.max_share)}%，"
                           f"很可能是原省级口径而非商务部口径，相关指标不按此值计分："
                           f"{'、'.join(framework.indicators[u].name_zh if u in framework.indicators else u for u in sorted(users))}",
                field_id=check.field, period=period))
    return out
