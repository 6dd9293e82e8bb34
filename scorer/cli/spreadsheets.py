"""What the --xlsx outputs of compare and plan show: Chinese headers with units and how each column is formatted."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scorer.errors import Problem, ScorerError
from scorer.i18n import TEXT, translator
from scorer.messages import msg
from scorer.sheets import Column, Sheet, write_xlsx



def _confidence_zh(level):
    """A source's confidence (high/medium/low) as the report says it (scorer.i18n's conf_*: 高/中/低), else as given."""
    key = f"conf_{level}"
    return translator("zh")(key) if key in TEXT else level


# CODES_LAST: an analyst reads names; a code column (指标代码, 字段代码, 条件代码: fields.yaml's and the framework's
# ids, for a formula or a machine) is each sheet's last, beside a name column, never first (bt15i F9).


def check_xlsx_path(path: Path) -> None:
    """Refuse an --xlsx path that does not end in .xlsx, before any work is done."""
    if path.suffix.lower() != ".xlsx":
        raise ScorerError(Problem(msg("{path}: --xlsx writes an .xlsx workbook", path=path), hint=msg("name it {name}", name=path.with_suffix(".xlsx").name)))


def _indicator_sheet(name: str, frame: pd.DataFrame, kind: str, unit: str, scenarios: list[str]) -> Sheet:
    table = frame.rename_axis("indicator").reset_index()
    cols = [Column("name_zh", "指标名称"), Column("unit", "单位")]
    cols += [Column(s, s, kind, unit=unit, unit_key="unit" if kind == "number" else None) for s in scenarios]
    return Sheet(name, table, cols + [Column("indicator", "指标代码")], freeze_columns=1)  # the code last: CODES_LAST


def write_comparison(path: Path, result) -> list[Problem]:
    """The scenario comparison (`scorer.whatif.scenario.Comparison`) as a four-sheet workbook. Returns write_xlsx's
    warnings (a text cut to Excel's cell limit)."""
    fw = result.framework
    cats = [(g, fw.groups[g].name_zh) for g in fw.top_groups]
    index_name = fw.groups["index"].name_zh
    cols = [Column("scenario", "情景"), Column("description", "说明"),
            Column("overall", index_name, "score", "分"), Column("overall_change", f"{index_name}较基准", "score_change", "分")]
    cols += [Column(g, name, "score", "分") for g, name in cats]
    cols += [Column(f"{g}_change", f"{name}较基准", "score_change", "分") for g, name in cats]
    rank = "估算排名（对照为合成样本，仅供估算）" if result.synthetic_peers else "估算排名"
    cols += [Column("rank", rank, "count"), Column("of", "对照区数", "count", "个"),
             Column("rank_change", "排名变动（负数为上升）", "rank_change"), Column("ready", "满足升级条件", "yesno", unknown="待确认"),
             Column("verdict", "判定"), Column("failed_rules", "未达条件"), Column("moved", "变动最大的指标（综合得分分值）")]
    names = [o.name for o in result.outcomes]
    return write_xlsx(path, [
        Sheet("情景对比", result.to_frame(), cols),
        _indicator_sheet("指标值", result.indicator_frame("values"), "number", "", names),
        _indicator_sheet("指标得分", result.indicator_frame("scores"), "score", "分", names),
        _indicator_sheet("指标贡献分值", result.indicator_frame("contributions"), "points", "分", names),
    ])


def write_plan(path: Path, plan, conclusion: str = "") -> list[Problem]:
    """The least-effort plan (`scorer.whatif.plan.Plan`) as a workbook: 结论 (what the command answers, `conclusion`:
    scorer.cli.analysis.plan_conclusion), 提升路径 (the steps, or when the target is out of reach the best plan within
    the ranges, as the terminal lists it), 目标与复核 and 可调字段. Returns write_xlsx's warnings."""
    steps = plan.actions or plan.best_actions
    actions = pd.DataFrame([a.as_dict() for a in steps],
                           columns=["field", "label", "unit", "before", "after", "change", "relative", "effort",
                                    "points", "overall_after", "text_zh"])
    actions.insert(0, "step", range(1, len(actions) + 1))
    actions["relative"] = actions["relative"] * 100
    constraints = pd.DataFrame([c.as_dict() for c in plan.constraints],
                               columns=["id", "name_zh", "op", "threshold", "before", "after", "met", "reachable_alone"])
    fields = pd.DataFrame(plan.as_dict()["fields"],
                          columns=["field", "label", "unit", "direction", "max_change", "effort_per_unit", "source",
                                   "confidence"])
    fields["direction"] = fields["direction"].map({"increase": "增加", "decrease": "减少"})
    fields["confidence"] = fields["confidence"].map(_confidence_zh)
    summary = pd.DataFrame([{"item": "目标", "text": f"{plan.period} {plan.goal_zh}"}, {"item": "结论", "text": conclusion},
                            {"item": "提升路径", "text": ("可行范围内得分最高的方案（达不到目标）" if not plan.actions and steps
                                                      else f"{len(steps)} 项措施" if steps else "无需或无法提出措施")}])
    return write_xlsx(path, [
        Sheet("结论", summary, [Column("item", "项目"), Column("text", "内容")]),
        Sheet("提升路径", actions, [
            Column("step", "序号", "count"), Column("text_zh", "措施（本期数调整）"),
            Column("label", "统计指标"), Column("unit", "单位"),
            Column("before", "本期值", "number", unit_key="unit"), Column("after", "调整后", "number", unit_key="unit"),
            Column("change", "变动", "number", unit_key="unit"), Column("relative", "变动幅度", "number", "%"),
            Column("effort", "努力点", "points"), Column("points", "增加综合得分", "points_change", "分"),
            Column("overall_after", "完成后综合得分", "score", "分"), Column("field", "字段代码")], freeze_columns=2),
        Sheet("目标与复核", constraints, [
            Column("name_zh", "条件"), Column("op", "比较"),
            # a condition's own figures (an indicator's threshold, not only a score): a number's digits, never rounded
            # away (sheets.FIXED_DECIMALS holds a score to one decimal: 0.05 would show 0.1)
            Column("threshold", "门槛值", "number"), Column("before", "调整前", "number"),
            Column("after", "调整后", "number"), Column("met", "是否满足", "yesno", unknown="待确认"),
            Column("reachable_alone", "单独可达", "yesno"), Column("id", "条件代码")], freeze_columns=1),
        Sheet("可调字段", fields, [
            Column("label", "统计指标"), Column("unit", "单位"), Column("direction", "方向"),
            Column("max_change", "可行变动幅度", "number", unit_key="unit"),
            Column("effort_per_unit", "每单位努力点", "points"), Column("source", "依据"),
            Column("confidence", "可信度"), Column("field", "字段代码")], freeze_columns=1),
    ])
