"""An indicator's gap to its target as the report prints it: value, target and gap together, the one-step table."""

from __future__ import annotations


from scorer import fmt, units
from scorer.report import history
from scorer.score.engine import IndicatorResult, ScoreResult, shortfall
from scorer.whatif.steps import nice_step, step_worth  # noqa: F401 (the report's names for them)


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


def step_gain(i: IndicatorResult, w) -> tuple[float, float]:
    """One round step of the indicator and its overall points as the report prints them: the net of every indicator
    the statistic moves when the indicator is one statistic that others read too (`w.steps`, scorer.whatif.steps:
    more trade lowers the high-tech share, bt13k F2), else the indicator's own (`step_worth`)."""
    effect = getattr(w, "steps", {}).get(i.id)
    return (effect.step, effect.points) if effect is not None else step_worth(i)


def marginal_text(members: list[IndicatorResult], result: ScoreResult, w) -> str:
    """The category sentence's "each step of X would add about N points overall", with what the figure counts: the
    indicators the same statistic raises and lowers when it is the net (`step_gain`), else that it is this indicator
    alone, naming every other indicator reading its statistics (never an 等 hiding one the change lowers)."""
    t = w.t
    best = max((i for i in members if i.marginal_points > 0 and i.gap_to_target), key=lambda i: step_gain(i, w)[1],
               default=None)
    if best is None or step_gain(best, w)[1] < 0.005:
        return ""
    step, gain = step_gain(best, w)
    text = t("cat_marginal", name=w.mid(w.name(best)), verb=t("verb_down" if best.direction == "lower" else "verb_up"),
             step=w.step(step, best.unit), gain=fmt.points(gain))
    if (effect := getattr(w, "steps", {}).get(best.id)) is not None:
        moved = [t(key, items=w.join([w.mid(w.name(result.framework.indicators[o])) for o in ids]))
                 for key, ids in (("moved_up", effect.raises), ("moved_down", effect.lowers)) if ids]
        return text + (t("cat_marginal_net", moved=t("moved_sep").join(moved)) if moved else "")
    fw = result.framework
    reads = set(fw.fields_read(fw.indicators[best.id].tree))
    others = [w.mid(w.name(o)) for o in result.indicators
              if o.id != best.id and reads & set(fw.fields_read(fw.indicators[o.id].tree))]
    return text + (t("cat_marginal_alone", others=w.join(others)) if others else "")


def step_rows(result: ScoreResult, w) -> list[dict]:
    """Indicators ranked by the overall points one round step of improvement would bring (`step_gain`)."""
    rows = []
    for i in result.indicators:
        if i.marginal_points <= 0 or i.gap_to_target in (None, 0):
            continue
        step, gain = step_gain(i, w)
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
