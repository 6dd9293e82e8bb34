"""Results → the report's view model: formatted numbers, generated sentences, charts, provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scorer import formula as fx
from scorer.engine import IndicatorResult, ScoreResult
from scorer.panel import ANNUAL_METHODS, Panel, cumulative_label, quarter_label
from scorer.report import charts, fmt

CN_ORDINAL = "一二三四五六七八九十"
CONFIDENCE_ZH = {"high": "高", "medium": "中", "low": "低"}


@dataclass
class ReportInputs:
    """What the report is about, beyond the scores: the zone, the files, whether data are illustrative."""

    zone: str
    files: dict[str, str]  # path → sha256
    is_sample: bool
    generated: dt.date


def inputs_digest(files: dict[str, str], framework_sha: str) -> str:
    h = hashlib.sha256(framework_sha.encode())
    for path, sha in sorted(files.items(), key=lambda kv: Path(kv[0]).name):
        h.update(Path(path).name.encode() + b"\0" + sha.encode())
    return h.hexdigest()[:12]


def nice_step(span: float) -> float:
    """A round raw-unit step of about a tenth of the goalposts' span (1, 2 or 5 × 10^k)."""
    raw = abs(span) / 10
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda step: abs(math.log(step / raw)))


def _light(score: float | None) -> str:
    if score is None:
        return "grey"
    if score >= 90:
        return "green"
    if score >= 60:
        return "amber"
    return "red"


def _trend(now: float | None, before: float | None) -> tuple[str, str]:
    """An arrow and a signed change in score points, against an earlier score."""
    if now is None or before is None or not (math.isfinite(now) and math.isfinite(before)):
        return "", "—"
    delta = now - before
    arrow = "↑" if delta > 0.05 else ("↓" if delta < -0.05 else "→")
    return arrow, fmt.change(delta)


def _at(table, period: str | None, column: str) -> float | None:
    if period is None or period not in table.index:
        return None
    v = table.at[period, column]
    return float(v) if np.isfinite(v) else None


def build(result: ScoreResult, panel: Panel, inputs: ReportInputs, standing=None, verdict=None) -> dict:
    fw = result.framework
    period = result.period
    k = result.periods.index(period)
    prev_q = result.periods[k - 1] if k > 0 else None
    year_ago = f"{int(period[:4]) - 1}{period[4:]}"
    year_ago = year_ago if year_ago in result.periods else None
    scale = fw.meta.scale
    label = lambda name: fw.fields[name].label if name in fw.fields else name  # noqa: E731

    indicators = {i.id: i for i in result.indicators}
    categories = []
    for pos, g in enumerate(result.groups):
        members = [indicators[c] for c in fw.groups[g.id].children]
        rows = [_indicator_row(i, result, prev_q, year_ago, scale) for i in members]
        arrow_q, change_q = _trend(g.score, _at(result.group_scores, prev_q, g.id))
        arrow_y, change_y = _trend(g.score, _at(result.group_scores, year_ago, g.id))
        categories.append({
            "id": g.id, "number": CN_ORDINAL[pos], "name": g.name_zh, "weight_pct": fmt.number(g.weight * 100, digits=0),
            "score": fmt.score(g.score), "score_value": g.score, "points_lost": fmt.points(g.points_lost),
            "light": _light(g.score), "arrow_q": arrow_q, "change_q": change_q, "arrow_y": arrow_y,
            "change_y": change_y, "rows": rows, "sentence": _category_sentence(g, members, result, pos),
            "chart": charts.score_bars([i.name_zh for i in members], [i.score for i in members], scale),
        })

    ranked_gaps = sorted((i for i in result.indicators if i.points_lost), key=lambda i: -i.points_lost)
    strengths = sorted((i for i in result.indicators if i.score is not None),
                       key=lambda i: (-(i.score or 0), -i.weight))
    overall_q = _trend(result.overall, _at(result.group_scores, prev_q, "index"))
    overall_y = _trend(result.overall, _at(result.group_scores, year_ago, "index"))

    series = [("目标水平", [scale] * len(result.groups), charts.TARGET)]
    if standing is not None and standing.normalisation == "targets":
        series.append(("对照样本中位数" + ("（合成）" if standing.synthetic else ""),
                       [standing.peer_median_categories.get(g.id) for g in result.groups], charts.PEER))
    elif year_ago:
        series.append((quarter_label(year_ago), [_at(result.group_scores, year_ago, g.id) for g in result.groups],
                       charts.PEER))
    series.append((f"本区{quarter_label(period)}", [g.score for g in result.groups], charts.ACCENT))
    radar = charts.radar([g.name_zh for g in result.groups], series, scale)

    missing = [i for i in result.indicators if i.value is None]
    file_numbers = {p: n for n, p in enumerate(sorted(inputs.files, key=lambda p: Path(p).name), 1)}
    return {
        "lang": "zh-CN",
        "title": "国家级经济技术开发区创建对标评估报告",
        "zone": inputs.zone,
        "period": period,
        "period_label": quarter_label(period),
        "period_cumulative": cumulative_label(period),
        "generated": f"{inputs.generated.year}年{inputs.generated.month}月{inputs.generated.day}日",
        "framework": {"name": fw.meta.name_zh, "version": fw.meta.version, "source": fw.meta.source,
                      "sha": fw.sha256[:12], "scale": fmt.number(scale, digits=0)},
        "digest": inputs_digest(inputs.files, fw.sha256),
        "is_sample": inputs.is_sample,
        "overall": {"score": fmt.score(result.overall), "light": _light(result.overall),
                    "arrow_q": overall_q[0], "change_q": overall_q[1],
                    "arrow_y": overall_y[0], "change_y": overall_y[1],
                    "prev_q": quarter_label(prev_q) if prev_q else None,
                    "year_ago": quarter_label(year_ago) if year_ago else None},
        "summary": _summary_sentence(result, ranked_gaps),
        "standing": None if standing is None else {
            "rank": standing.rank, "of": standing.of, "synthetic": standing.synthetic, "peer_name": standing.peer_name,
            "median": fmt.score(standing.peer_median),
            "basis": "按目标值计分" if standing.normalisation == "targets" else "按对照样本相对水平计分"},
        "verdict": None if verdict is None else {
            "label": verdict.label_zh, "ready": verdict.ready, "name": verdict.name_zh,
            "failed": [x.name_zh for x in verdict.rules if x.passed is False],
            "rules": [{"name": x.name_zh, "value": _rule_value(x), "threshold": f"{x.op.replace('>=', '≥').replace('<=', '≤')} "
                       f"{_rule_number(x.threshold, x)}{x.unit if x.unit != '分' else '分'}",
                       "passed": x.passed, "source": x.source,
                       "confidence": CONFIDENCE_ZH.get(x.confidence, x.confidence)} for x in verdict.rules]},
        "radar": radar,
        "categories": categories,
        "gaps": [_gap_item(i, result) for i in ranked_gaps[:3]],
        "strengths": [{"name": i.name_zh, "value": fmt.number(i.value, i.unit), "unit": i.unit,
                       "target": fmt.number(i.target, i.unit), "score": fmt.score(i.score)} for i in strengths[:3]],
        "priorities": _priorities(result),
        "missing": [{"name": i.name_zh, "fields": "、".join(label(f) for f in i.missing_fields)} for i in missing],
        "imputed": [i.name_zh for i in result.indicators if i.imputed],
        "imputation": _imputation_note(fw),
        "method_rows": [_method_row(fw, i) for i in result.indicators],
        "annual_methods": _annual_notes(result),
        "history": [{"period": quarter_label(h["period"]), "overall": fmt.score(h["overall"]),
                     "categories": [fmt.score(h["categories"][g.id]) for g in result.groups]}
                    for h in result.history()],
        "data_rows": _data_rows(result, panel, file_numbers),
        "files": [{"number": file_numbers[p], "name": Path(p).name, "sha": sha[:12]}
                  for p, sha in sorted(inputs.files.items(), key=lambda kv: file_numbers[kv[0]])],
    }


def _indicator_row(i: IndicatorResult, result: ScoreResult, prev_q: str | None, year_ago: str | None,
                   scale: float) -> dict:
    arrow_q, change_q = _trend(i.score, _at(result.scores, prev_q, i.id))
    arrow_y, change_y = _trend(i.score, _at(result.scores, year_ago, i.id))
    gap = "达标" if i.gap_to_target == 0 else fmt.number(i.gap_to_target, i.unit)
    return {
        "id": i.id, "name": i.name_zh, "unit": i.unit, "value": fmt.number(i.value, i.unit), "imputed": i.imputed,
        "target": fmt.number(i.target, i.unit), "direction": "↓" if i.direction == "lower" else "",
        "score": fmt.score(i.score), "gap": "—" if i.gap_to_target is None else gap,
        "points_lost": fmt.points(i.points_lost), "light": _light(i.score),
        "arrow_q": arrow_q or "—", "change_q": change_q, "arrow_y": arrow_y or "—", "change_y": change_y,
        "weight_pct": fmt.number(i.weight * 100, digits=1),
    }


def _gap_item(i: IndicatorResult, result: ScoreResult) -> dict:
    return {"name": i.name_zh, "value": fmt.number(i.value, i.unit), "target": fmt.number(i.target, i.unit),
            "unit": i.unit, "points_lost": fmt.points(i.points_lost), "score": fmt.score(i.score),
            "category": result.framework.groups[i.group].name_zh}


def _rule_number(v: float, rule) -> str:
    if rule.id == "rank_share_max":
        return f"{v * 100:.0f}%"
    return fmt.number(v, rule.unit if rule.unit != "分" else "", digits=1 if rule.unit == "分" else None)


def _rule_value(rule) -> str:
    if rule.value is None:
        return "缺数"
    return _rule_number(rule.value, rule) + ("" if rule.id == "rank_share_max" else rule.unit)


def _priorities(result: ScoreResult) -> list[dict]:
    """Indicators ranked by the overall points one round step of improvement would bring."""
    rows = []
    for i in result.indicators:
        if i.marginal_points <= 0 or i.gap_to_target in (None, 0):
            continue
        step = min(nice_step(i.target - i.floor), i.gap_to_target)
        rows.append({
            "name": i.name_zh, "unit": i.unit, "step": _step_text(step, i.unit),
            "gap_text": _step_text(i.gap_to_target, i.unit),
            "verb": "降低" if i.direction == "lower" else "提高",
            "gain": fmt.points(i.marginal_points * step), "gain_value": i.marginal_points * step,
            "gap": fmt.number(i.gap_to_target, i.unit),
            "full_gain": fmt.points(i.points_lost),
        })
    return sorted(rows, key=lambda r: -r["gain_value"])


def _category_sentence(g, members: list[IndicatorResult], result: ScoreResult, pos: int) -> str:
    if g.score is None:
        return f"{g.name_zh}的指标数据缺失，本期无法评分。"
    order = sorted((x.score for x in result.groups if x.score is not None), reverse=True)
    rank = order.index(g.score) + 1
    lost = sorted((i for i in members if i.points_lost), key=lambda i: -i.points_lost)
    text = f"{g.name_zh}得分{fmt.score(g.score)}，在五类中居第{CN_ORDINAL[rank - 1]}位"
    if not lost:
        return text + "，各项指标均已达到目标值。"
    if g.points_lost is not None:
        text += f"，拉低综合得分{fmt.points(g.points_lost)}分"
    top = lost[0]
    text += (f"。失分主要来自{top.name_zh}（{fmt.number(top.value, top.unit)}{top.unit}，"
             f"目标{fmt.number(top.target, top.unit)}{top.unit}，失{fmt.points(top.points_lost)}分）")
    if len(lost) > 1:
        text += f"，其次是{lost[1].name_zh}（失{fmt.points(lost[1].points_lost)}分）"
    best = max((i for i in members if i.marginal_points > 0), key=lambda i: i.marginal_points * nice_step(i.target - i.floor),
               default=None)
    if best is not None:
        step = nice_step(best.target - best.floor)
        verb = "降低" if best.direction == "lower" else "提高"
        text += (f"。{best.name_zh}每{verb}{_step_text(step, best.unit)}，"
                 f"综合得分可提高约{fmt.points(best.marginal_points * step)}分")
    missing = [i for i in members if i.value is None]
    if missing:
        text += f"。{'、'.join(i.name_zh for i in missing)}本期缺数，按其余指标折算"
    return text + "。"


def _step_text(step: float, unit: str) -> str:
    """A round step as written, with its unit: "20亿元", "0.5吨/万元", "5个百分点" (a step in a rate)."""
    text = fmt.number(step, unit, digits=0) if float(step).is_integer() else fmt.number(step, unit)
    return text + ("个百分点" if unit == "%" else unit)


def _summary_sentence(result: ScoreResult, ranked_gaps: list[IndicatorResult]) -> str:
    scored = [g for g in result.groups if g.score is not None]
    if result.overall is None or not scored:
        return "本期数据不足，无法计算综合得分。"
    best = max(scored, key=lambda g: g.score)
    worst = min(scored, key=lambda g: g.score)
    text = (f"{quarter_label(result.period)}综合得分{fmt.score(result.overall)}分（满分{fmt.number(result.framework.meta.scale, digits=0)}分）。"
            f"五类指标中{best.name_zh}表现最好（{fmt.score(best.score)}分），{worst.name_zh}最弱（{fmt.score(worst.score)}分）")
    if ranked_gaps:
        names = "、".join(i.name_zh for i in ranked_gaps[:2])
        total = sum(i.points_lost for i in ranked_gaps[:2])
        text += f"；{names}两项合计失分{fmt.points(total)}分，是当前最主要的差距"
    return text + "。"


def _method_row(fw, i: IndicatorResult) -> dict:
    ind = fw.indicators[i.id]
    label = lambda n: fw.fields[n].label if n in fw.fields else n  # noqa: E731
    return {
        "category": fw.groups[i.group].name_zh, "name": i.name_zh, "unit": i.unit,
        "formula": fx.describe(ind.tree, label) if ind.tree is not None else "—",
        "direction": "越低越好" if i.direction == "lower" else "越高越好",
        "weight": fmt.number(i.weight * 100, digits=1), "floor": fmt.number(i.floor, i.unit),
        "target": fmt.number(i.target, i.unit), "source": i.target_source,
        "confidence": CONFIDENCE_ZH.get(i.target_confidence, i.target_confidence),
    }


def _imputation_note(fw) -> str:
    spec = fw.imputation
    if spec is None or spec.method == "none":
        return "缺数指标不计分，其权重由同一类别其余指标按比例分担。"
    if spec.method == "locf":
        age = spec.params.get("max_age")
        limit = f"最多沿用{CN_ORDINAL[age - 1] if age and age <= 10 else age}个季度，" if age else ""
        return (f"某季度缺数的指标沿用此前最近一个季度的数值（{limit}报告中以*标注）；"
                "无可沿用数值的指标不计分，其权重由同一类别其余指标按比例分担。")
    return f"缺数指标按“{spec.method}”方法补齐（报告中以*标注）。"


def _annual_notes(result: ScoreResult) -> list[str]:
    used = sorted({i.annual_method for i in result.indicators if i.annual_method})
    return [ANNUAL_METHODS[m] for m in used]


def _data_rows(result: ScoreResult, panel: Panel, file_numbers: dict[str, int]) -> list[dict]:
    """Every raw value the reported period's indicators used, with its workbook, sheet and cell."""
    fw = result.framework
    period = result.period
    year_ago = f"{int(period[:4]) - 1}{period[4:]}"
    needed: dict[str, set[str]] = {}
    for ind in fw.indicators.values():
        if ind.tree is None:
            continue
        prior = any(c.func in ("yoy", "prior") for c in fx.calls(ind.tree))
        annual = any(c.func == "annual" for c in fx.calls(ind.tree))
        for n in fx.names(ind.tree):
            periods = needed.setdefault(n.name, set())
            periods.add(period)
            if prior or (annual and not period.endswith("Q4")):
                periods.add(year_ago)
            if annual and not period.endswith("Q4"):
                periods.add(f"{int(period[:4]) - 1}Q4")
    rows = []
    for name in fw.fields:
        for p in sorted(needed.get(name, ()), reverse=True):
            for basis in ("ytd", "stock", "growth"):
                o = panel.sources.get((name, p, basis))
                if o is None:
                    continue
                end = f"{p[:4]}年{int(p[-1]) * 3}月末"
                stock = fw.fields[name].kind == "stock"
                rows.append({"label": fw.fields[name].label,
                             "source": f"表{file_numbers.get(o.file, '?')} › {o.sheet} › {o.cell}",
                             "period": {"ytd": cumulative_label(p), "stock": end}.get(
                                 basis, f"{end if stock else cumulative_label(p)}同比"),
                             "value": fmt.number(o.value, o.unit if basis != "growth" else "%"),
                             "unit": o.unit, "file": Path(o.file).name, "sheet": o.sheet, "cell": o.cell})
    return rows
