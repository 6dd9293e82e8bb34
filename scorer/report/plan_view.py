"""The report's views of the effort table and the plan (scorer.whatif.plan): its steps, or the best the limits allow."""

from __future__ import annotations

from scorer import fmt
from scorer.score.panel import ESTIMATED
from scorer.whatif.respread import RangeNote, points_shown


def effort_rows(analyses, w) -> list[dict]:
    """The effort table: per statistic its value now (◇ a full-year estimate), points per effort and at most."""
    if analyses is None or not analyses.priorities:
        return []
    rows = []
    for p in analyses.priorities:
        if p.points_per_effort <= 1e-9:
            continue
        rows.append({"name": w.field(p.field), "now": w.amount(p.value, p.unit, like=p.planned), "estimated": p.annual_method in ESTIMATED,
                     "per_effort": fmt.number(p.points_per_effort, digits=3), "max_points": fmt.points(p.max_points) if p.max_points_range is None
                     else points_shown(p.max_points, p.max_points_range, w.lang)[1:],
                     "planned": "—" if p.planned is None else w.amount(p.planned, p.unit, like=p.value)})
    return rows


def verdict_inputs(verdict, passed: bool | None, w) -> list[str]:
    """The names of the verdict's analyst conditions with this answer (None: not given)."""
    return [x.name_zh if w.lang == "zh" else x.name_en for x in (verdict.rules if verdict is not None else [])
            if x.deciding and (x.role == "input" or x.reason) and x.passed is passed]


def plan_view(analyses, w, verdict=None) -> dict | None:
    """The plan section: title, summary and steps (`w`: the report's words, scorer.report.model._Words)."""
    p = getattr(analyses, "plan", None)
    if p is None:
        return None
    t = w.t
    goal = t("plan_goal_verdict") if p.target is None else t("plan_goal_target", target=fmt.as_given(p.target))
    if p.already_met:
        summary = t("plan_met")
    elif p.data_met and verdict_inputs(verdict, False, w):
        summary = t("plan_data_met_input_failed", items=w.join(verdict_inputs(verdict, False, w)))
    elif p.data_met:
        summary = t("plan_data_met", items=w.join(verdict_inputs(verdict, None, w)))
    elif not p.reachable and p.best_actions and p.max_overall is not None:  # out of reach: the best the limits allow
        short = t("plan_short_verdict") if p.target is None else \
            t("plan_short_target", gap=fmt.distinct(p.target - p.max_overall, 0.0, decimals=1))
        summary = t("plan_unreachable_best", best=fmt.distinct(p.max_overall, p.target, decimals=1), short=short)
    elif not p.reachable:
        summary = t("plan_unreachable", best=fmt.distinct(p.max_overall, p.target, decimals=1))
    else:
        summary = t("plan_summary", before=fmt.score(p.overall_before), after=fmt.score(p.overall_after),
                    rank_before=p.rank_before or "—", rank_after=p.rank_after or "—",
                    effort=fmt.number(p.total_effort, digits=1))
    actions = []
    for k, a in enumerate(p.actions or p.best_actions, 1):
        pct = a.relative * 100
        share = fmt.change(pct, digits=0 if abs(pct) >= 10 else 1) + "%"
        amount = w.amount(abs(a.change), a.unit, like=max(abs(a.before), abs(a.after)))  # in the unit its level is said in (bt13 13)
        actions.append({"no": k, "text": f"{w.field(a.field)} {'+' if a.change >= 0 else '−'}{amount}（{share}）"
                        if w.lang == "zh" else f"{w.field(a.field)} {'+' if a.change >= 0 else '−'}{amount} ({share})",
                        "effort": fmt.number(a.effort, digits=1), "after": fmt.score(a.overall_after)})
    note = t("effort_best_note") if not p.actions and p.best_actions else t("effort_plan_note") if p.actions else ""
    for n in [n for n in p.notes if isinstance(n, RangeNote)]:  # its points rest on re-spread weight (bt11l F2)
        note += (" " if w.lang == "en" and note else "") + n.in_(w.lang) + ("。" if w.lang == "zh" else ".")
    return {"title": t("plan_title", goal=goal), "summary": summary, "actions": actions, "planned_note": note}
