"""An indicator's gap to its target as the report prints it: value, target and gap together, the one-step table."""

from __future__ import annotations

import math

from scorer import fmt, units
from scorer.report import history
from scorer.score.engine import IndicatorResult, ScoreResult, shortfall


def nice_step(span: float) -> float:
    """A round raw-unit step of about a tenth of the goalposts' span (1, 2 or 5 × 10^k)."""
    raw = abs(span) / 10
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda step: abs(math.log(step / raw)))


def indicator_figures(i: IndicatorResult) -> tuple[str, str, str]:
    """An indicator's value, target and gap as every table prints them together (`fmt.against_target`)."""
    if i.value is None or i.gap_to_target is None:
        return fmt.number(i.value, i.unit), fmt.exact(i.target, i.unit), "—"
    return fmt.against_target(i.value, i.target, shortfall(i), i.unit)


def printed_gap(i: IndicatorResult) -> tuple[float, int]:
    """The gap as the category table prints it (`indicator_figures`): the figure and its decimals, for a table that
    prints it with its unit (单项指标改进一步's 距目标 287.0亿元, as the category table, never 287亿元)."""
    text = indicator_figures(i)[2]
    return float(text.replace(",", "").replace("−", "-")), len(text.split(".")[1]) if "." in text else 0


def gap_item(i: IndicatorResult, w) -> dict:
    from markupsafe import escape

    return {"head": w.t("gap_head", name=escape(w.name(i)), category=escape(w.name(w.fw.groups[i.group]))),
            "text": w.t("gap_item", value=indicator_figures(i)[0], unit=w.unit(i.unit),
                        target=indicator_figures(i)[1], lost=fmt.points(i.points_lost))}


def step_worth(i: IndicatorResult) -> tuple[float, float]:
    """One round step of improvement and the overall points it brings, stopping at the target: the step is
    at most the gap, so the points never exceed what the gap is worth (`points_lost`). A count of single
    things (上市企业数 in 家: units.counts_single_things) moves by whole steps, at least one: never 0.5 家."""
    step = min(nice_step(i.target - i.floor), i.gap_to_target or 0.0)
    if step > 0 and units.counts_single_things(i.unit):
        step = float(max(1, math.ceil(step - 1e-9)))
    return step, min(i.marginal_points * step, i.points_lost or 0.0)


def step_rows(result: ScoreResult, w) -> list[dict]:
    """Indicators ranked by the overall points one round step of improvement would bring."""
    rows = []
    for i in result.indicators:
        if i.marginal_points <= 0 or i.gap_to_target in (None, 0):
            continue
        step, gain = step_worth(i)
        verb = w.t("verb_down" if i.direction == "lower" else "verb_up")
        gap, digits = printed_gap(i)
        # a step that is the whole gap is printed as the gap (never 提高0.0个百分点 for a gap of 0.03)
        step_text = w.step(gap, i.unit, digits) if step >= (i.gap_to_target or 0) - 1e-12 else w.step(step, i.unit)
        rows.append({
            "name": history.labelled(i, w), "step": (verb + step_text) if w.lang == "zh" else f"{verb} of {step_text}",
            "gain": fmt.points(gain), "gain_value": gain,
            "gap": w.step(gap, i.unit, digits), "full_gain": fmt.points(i.points_lost),
        })
    return sorted(rows, key=lambda r: -r["gain_value"])
