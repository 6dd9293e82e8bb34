"""The report's words in Chinese and English: every label and generated sentence, from one table."""

from __future__ import annotations

import functools
import re
from typing import Callable

from scorer.messages import both

LANGS = ("zh", "en")

TEXT: dict[str, dict[str, str]] = {
    # document
    "title": {"zh": "国家级经济技术开发区创建对标评估报告", "en": "Readiness for National ETDZ Status: Assessment Report"},
    "kicker": {"zh": "国家级经开区综合发展水平对标", "en": "Benchmarked against the national ETDZ assessment"},
    "period_line": {"zh": "{quarter}（{span}累计）", "en": "{quarter} ({span}, year to date)"},
    "cover_date": {"zh": "编制日期", "en": "Prepared"},
    "cover_framework": {"zh": "指标框架", "en": "Framework"},
    "cover_framework_value": {"zh": "{name}（版本 {version}，校验码 {sha}）", "en": "{name} (version {version}, checksum {sha})"},
    "cover_inputs": {"zh": "输入数据", "en": "Input data"},
    "cover_inputs_value": {"zh": "{n}个统计报表，数据校验码{digest}", "en": "{n} statistical workbooks, data checksum {digest}"},
    "cover_scoring": {"zh": "评分口径", "en": "Scoring"},
    "cover_scoring_value": {"zh": "各指标以目标值为满分（{scale}分），按权重加权汇总",
                            "en": "each indicator scores {scale} at its target; weighted sums"},
    "sample_banner": {"zh": "示例数据：本报告所用统计数据为演示用的示意数值，不代表真实统计，不得作为决策依据。",
                      "en": "ILLUSTRATIVE DATA: the statistics in this report are invented for demonstration; "
                            "they are not real figures and must not be used for decisions."},
    "sample_tag": {"zh": "示例数据", "en": "illustrative data"},
    "page": {"zh": "第 {page} 页 / 共 {pages} 页", "en": "Page {page} of {pages}"},
    # summary
    "summary": {"zh": "综合评估", "en": "Summary"}, "overall": {"zh": "综合得分", "en": "Overall score"},
    "vs": {"zh": "较{when}", "en": "vs {when}"}, "points_unit": {"zh": "分", "en": " pts"},
    "category_scores": {"zh": "五类指标得分", "en": "The five categories"},
    "col_category": {"zh": "类别", "en": "Category"}, "col_weight": {"zh": "权重", "en": "Weight"},
    "col_score": {"zh": "得分", "en": "Score"}, "col_lost": {"zh": "失分", "en": "Points lost"},
    "col_vs_q": {"zh": "较上季", "en": "vs prev. qtr"},
    "total": {"zh": "综合", "en": "Overall"},
    "lost_note": {"zh": "失分：该类别未达满分而使综合得分减少的分数。", "en": "Points lost: what the category's shortfall costs the overall score."},
    "light_green": {"zh": "90分及以上", "en": "90 and above"},
    "light_amber": {"zh": "60—90分", "en": "60 to 90"}, "light_red": {"zh": "60分以下", "en": "below 60"},
    "radar_alt": {"zh": "五类指标得分雷达图", "en": "Radar chart of the five category scores"},
    "top_gaps": {"zh": "三项最大差距", "en": "Three largest gaps"},
    "top_strengths": {"zh": "三项优势指标", "en": "Three strengths"},
    "gap_item": {"zh": "{value}{unit}，目标{target}{unit}，失{lost}分", "en": "{value} {unit}, target {target} {unit}, {lost} pts lost"},
    "strength_item": {"zh": "{value}{unit}（目标 {target}{unit}），得分 {score}", "en": "{value} {unit} (target {target} {unit}), score {score}"},
    "gap_head": {"zh": "<b>{name}</b>（{category}）：", "en": "<b>{name}</b> ({category}): "},
    "strength_head": {"zh": "<b>{name}</b>：", "en": "<b>{name}</b>: "},
    "quarter_short": {"zh": "{year}年\n{q}季度", "en": "{year}\nQ{q}"},
    "all_met": {"zh": "各项指标均已达到目标值。", "en": "Every indicator has reached its target."},
    "missing_callout": {"zh": "本期缺数指标：{items}。缺数指标不计分，其权重由同类其余指标按比例分担。",
                        "en": "No data this quarter: {items}. These indicators are left out and their weight is shared by the others in their category."},
    "doubtful_callout": {"zh": "本期存疑指标：{items}。存疑数值不按原值计分（不计入所在类别，权重由同类其余指标分担），请核对“数据质量提示”所列单元格。",
                         "en": "Doubtful this quarter: {items}. Doubtful values are not scored as read (left out; their weight is shared by the others in their category); check the cells listed under data quality."},
    "not_reported_callout": {"zh": "本季度不报的指标：{items}。这些统计按半年或按年统计，本季度不报，不是缺报；此前也无数值可沿用，本期不计分，其权重由同类其余指标按比例分担。",
                             "en": "Not reported this quarter: {items}. These statistics are reported half-yearly or yearly, not in this quarter (they are not missing); with no earlier value to carry forward, they are not scored, and their weight is shared by the other indicators of their category."},
    "missing_item": {"zh": "{name}（缺{fields}）", "en": "{name} (missing {fields})"},
    "list_sep": {"zh": "、", "en": ", "},
    "item_sep": {"zh": "；", "en": "; "},
    "rank_line_synthetic": {"zh": "在<b>合成</b>对照样本（中部地区，{n}个模拟园区，仅供估算量级）中，本区{basis}估算排名第{rank}位（共{of}个），对照样本综合得分中位数为{median}分。",
                            "en": "Among a <b>synthetic</b> peer set ({n} simulated central-region zones, for an order of magnitude only), the zone would rank about {rank} of {of} ({basis}); the peers' median overall score is {median}."},
    "rank_line": {"zh": "在对照样本“{name}”（{n}个园区）中，本区{basis}估算排名第{rank}位（共{of}个），对照样本综合得分中位数为{median}分。",
                  "en": "Among the peer set “{name}” ({n} zones), the zone would rank about {rank} of {of} ({basis}); the peers' median overall score is {median}."},
    "readiness_line": {"zh": "估算排名：{among}第<b>{rank}</b>名（5%—95%区间：{interval}，共{of}个）；{bottom}后{n}名线，{median}区域中位数。",
                       "en": "Estimated rank among {among}: <b>{rank}</b> of {of} (5–95% interval {interval}); {bottom} the bottom-{n} line, {median} the regional median."},
    "readiness_line_peers": {"zh": "估算排名：在{among}中第<b>{rank}</b>名（5%—95%区间：{interval}，共{of}个）；{median}对照中位数。该对照并非本区域国家级经开区，“不在区域后{n}名”“达到区域中等水平”两项条件未按其判定。",
                             "en": "Estimated rank among {among}: <b>{rank}</b> of {of} (5–95% interval {interval}); {median} the peers' median. These peers are not the region's national zones, so the bottom-{n} and regional-middle conditions are not judged against them."},
    "above": {"zh": "高于{pts}分", "en": "{pts} points above"},
    "below": {"zh": "低于{pts}分", "en": "{pts} points below"},
    "province_line": {"zh": "与{province}{total}家国家级经开区中已公布排名的{n}家相比居第{k}位{tie}。", "en": " With the {n} of {province}'s {total} national zones that have a published rank it would come {k} of {m}{tie}."},
    "peer_coverage": {"zh": "对照样本只含{k}项指标的数据（共{n}项），估算排名仅按这{k}项比较；未含：{names}。",
                      "en": " The peer table covers {k} of the {n} indicators: the rank compares the zone on those only (not covered: {names})."},
    "synthetic_note": {"zh": "（对照为<b>合成</b>样本，按公布的区域均值校准，仅供估算。）",
                       "en": " (The peers are a <b>synthetic</b> set calibrated to the published regional means; an estimate only.)"},
    "verdict_pending": {"zh": "数据所及条件均满足，待确认：{items}", "en": "Every condition the statistics can settle is met; to confirm: {items}"},
    "role_historic": {"zh": "（历史门槛，仅参考）", "en": " [historic threshold, for reference only]"},
    "role_input": {"zh": "（待分析人员确认）", "en": " [analyst to confirm]"},
    "role_veto": {"zh": "（一票否决）", "en": " [veto]"},
    "yes": {"zh": "是", "en": "yes"}, "no": {"zh": "否", "en": "no"},
    "not_given": {"zh": "未给出", "en": "not given"},
    "basis_targets": {"zh": "按目标值计分", "en": "scored against targets"},
    "basis_peers": {"zh": "按对照样本相对水平计分", "en": "scored relative to the peers"},
    "radar_target": {"zh": "目标水平", "en": "Target"},
    "radar_peers": {"zh": "对照样本中位数", "en": "Peer median"},
    "radar_peers_synthetic": {"zh": "对照样本中位数（合成）", "en": "Peer median (synthetic)"},
    "radar_zone": {"zh": "本区{quarter}", "en": "Zone, {quarter}"},
    "verdict_failed": {"zh": "{label}：{items}未达到要求", "en": "{label}: {items} not met"},
    "verdict_ready": {"zh": "基本具备升级条件（估算）", "en": "Broadly ready for national status (estimate)"},
    "verdict_not_ready": {"zh": "尚不具备升级条件", "en": "Not yet ready for national status"},
    "verdict_unknown": {"zh": "数据不足，暂无法判定", "en": "Not enough data to judge"},
    # sentences
    "summary_sentence": {"zh": "{quarter}综合得分{score}分（满分{scale}分）。五类指标中{best}表现最好（{best_score}分），{worst}最弱（{worst_score}分）",
                         "en": "In {quarter} the overall score is {score} out of {scale}. {best} is the strongest category ({best_score}) and {worst} the weakest ({worst_score})"},
    "summary_gaps": {"zh": "；{names}两项合计失分{total}分，是当前最主要的差距", "en": "; {names} together cost {total} points and are the main gaps"},
    "summary_none": {"zh": "本期数据不足，无法计算综合得分。", "en": "There are not enough data this quarter to compute an overall score."},
    "and": {"zh": "、", "en": " and "}, "or": {"zh": "或", "en": " or "}, "end": {"zh": "。", "en": "."},
    "cat_none": {"zh": "{name}的指标数据缺失，本期无法评分。", "en": "{name} has no data this quarter and cannot be scored."},
    "cat_lead": {"zh": "{name}得分{score}，在五类中居第{rank}位", "en": "{name} scores {score}, {rank} of the five categories"},
    "cat_all_met": {"zh": "，各项指标均已达到目标值。", "en": "; every indicator has reached its target."},
    "cat_cost": {"zh": "，拉低综合得分{lost}分", "en": ", costing the overall score {lost} points"},
    "cat_top": {"zh": "。失分主要来自{name}（{value}，目标{target}，失{lost}分）",
                "en": ". Most points are lost on {name} ({value} against a target of {target}, {lost} points)"},
    "cat_second": {"zh": "，其次是{name}（失{lost}分）", "en": ", then {name} ({lost} points)"},
    "etc": {"zh": "等", "en": " and others"},
    "cat_marginal_alone": {"zh": "（仅计本项指标；同一统计数据还影响{others}，合计增分见行动清单）",
                           "en": " (this indicator alone; the same statistic also moves {others}: the action table counts them all)"},
    "cat_marginal": {"zh": "。{name}每{verb}{step}，综合得分可提高约{gain}分", "en": ". Each {step} {verb_en} in {name} would add about {gain} points overall"},
    "cat_doubtful": {"zh": "。{items}本期数值存疑，未按原值计分，按其余指标折算",
                     "en": ". {items} are doubtful this quarter: not scored as read, and left out"},
    "cat_not_reported": {"zh": "。{items}本季度不报（按半年或按年统计），按其余指标折算", "en": ". {items} are not reported this quarter (half-yearly or yearly statistics) and are left out"},
    "cat_missing": {"zh": "。{items}本期缺数，按其余指标折算", "en": ". {items} had no data this quarter and are left out"},
    "verb_up": {"zh": "提高", "en": "increase"}, "verb_down": {"zh": "降低", "en": "reduction"},
    "verb_up_noun": {"zh": "提高", "en": "increase"}, "ordinal": {"zh": "第{n}", "en": "{n}"},
    # category pages
    "cat_heading": {"zh": "{number}、{name}", "en": "{number}. {name}"},
    "cat_scoreline": {"zh": "得分 <b>{score}</b>　权重{weight}%　失分{lost}　较上季度 {q}　较上年同期 {y}",
                      "en": "Score <b>{score}</b> · weight {weight}% · points lost {lost} · vs previous quarter {q} · vs a year ago {y}"},
    "col_indicator": {"zh": "指标", "en": "Indicator"}, "col_value": {"zh": "本期值", "en": "Value"},
    # under a value column's header (repeated on each page the table runs to) when a value in it is marked ◇
    "col_estimated": {"zh": "◇为推算全年值", "en": "◇ full-year estimate"}, "col_unit": {"zh": "单位", "en": "Unit"},
    "col_target": {"zh": "目标值", "en": "Target"}, "col_gap": {"zh": "距目标", "en": "To target"},
    "col_trend_q": {"zh": "比上季", "en": "vs qtr"}, "col_trend_y": {"zh": "比上年", "en": "vs year"},
    "reverse": {"zh": "（逆向）", "en": " (lower is better)"},
    "met": {"zh": "达标", "en": "met"},
    "cat_note": {"zh": "得分：0分为下限值，{scale}分为目标值，之间线性计分；“逆向”指标越低越好。距目标：单位为%的指标以百分点计。失分：使综合得分减少的分数。比上季、比上年：单项得分与上一季度、上年同期相比的升降（—为当期无可比数据）。",
                 "en": "Score: 0 at the floor, {scale} at the target, linear in between. To target: in percentage points for indicators in %. Points lost: what the shortfall costs the overall score. vs qtr, vs year: the indicator's score against the previous quarter and a year ago (— where there is nothing to compare)."},
    "cat_history_title": {"zh": "本类指标近五个季度数值", "en": "The category's indicators over the last five quarters"},
    "cat_history_note": {"zh": "各季度为该季度的指标值，由统计报表计算：流量指标在第一至第三季度为由1至该季度末累计数推算的全年值（第四季度为全年实际数），存量指标为期末数；—为该季度无数据（补齐的数值见附录一）。",
                         "en": "Each quarter's indicator value, computed from the workbooks: a flow's full-year estimate from its year-to-date total in the first three quarters (the actual year in the fourth), a stock's end-of-period value; — where a quarter has no data (imputed values are listed in Appendix 1)."},
    "price_comparable": {"zh": "（可比价）", "en": " (comparable prices)"},
    "price_nominal": {"zh": "（现价）", "en": " (current prices)"},
    "price_note": {"zh": "可比价：采用统计报表公布的按可比价格计算的增速；现价：报表注明其增速按现价计算，或报表未给出增速、按现价数值计算，均未扣除价格因素，与官方可比价增速不可直接比较。",
                   "en": " Comparable prices: the growth rate the workbook publishes, at comparable prices; current prices: the workbook says its rate is at current prices, or gives no rate and it is computed from current-price values; either way price changes are included, and it is not comparable with the official comparable-price rate."},
    "estimated_note": {"zh": "带◇的本期值为由{span}累计数推算的全年值（{method}），全年实际数以第四季度报表为准。",
                       "en": " Values marked ◇ are full-year estimates from the {span} total ({method}); the actual year "
                             "comes with the fourth quarter's report."},
    # why a value is carried forward (marked *), one wording for the callout and the tables' notes
    "carried_why_missing": {"zh": "本期缺数", "en": "no data this quarter"},
    "carried_why_not_reported": {"zh": "本季度不报（按半年或按年统计）", "en": "not reported this quarter (half-yearly or yearly statistics)"},
    "carried_why_doubtful": {"zh": "本期数值存疑", "en": "doubtful this quarter"},
    "carried_callout": {"zh": "{why}、已沿用此前最近一期数值的指标（表中以*标注）：{items}。",
                        "en": "{why_cap}, the latest earlier value carried forward (marked * in the tables): {items}."},
    "carried_note": {"zh": "带*的数值{why}，沿用此前最近一期数值。", "en": " Values marked *: {why}; the latest earlier value is carried forward."},
    "chart_missing": {"zh": "缺数", "en": "n/a"},
    "chart_not_reported": {"zh": "本季不报", "en": "not reported"},  # a half-yearly statistic in Q1/Q3 (fields.yaml `reported`)
    "not_reported_item": {"zh": "{name}（{fields}）", "en": "{name} ({fields})"},
    "chart_doubtful": {"zh": "存疑", "en": "doubtful"},
    "doubt_mark": {"zh": "{value}（存疑）", "en": "{value} (doubtful)"},  # a doubtful value wherever it is shown
    "doubt_range": {"zh": "综合得分{overall}未计入存疑指标；存疑指标按最低分计为{worst}，按满分计为{best}。",
                    "en": "The overall score {overall} leaves the doubtful indicators out; scored at their lowest it is "
                          "{worst}, at full marks {best}."},  # the worst case beside the headline (ScoreResult.doubt_range)
    "card_worst": {"zh": "存疑按最低分计 {worst}", "en": "doubtful at lowest: {worst}"},
    "not_comparable_flag": {"zh": "不可比", "en": "not comparable"},  # beside a headline figure (report's cards and total)
    "not_comparable_mark": {"zh": "{value}（不可比）", "en": "{value} (not comparable)"},  # computed without whole categories
    "cat_capped": {"zh": "。{items}本期数值存疑，按合理范围封顶计分", "en": ". {items} are doubtful this quarter: scored held to "
                   "their plausible bounds"},
    "capped_item": {"zh": "{name}（原值{raw}，按{capped}计分）", "en": "{name} ({raw} as read, scored as {capped})"},
    "cat_history_doubt": {"zh": "标“存疑”的数值未按原值计分（见数据质量提示）。", "en": " Values marked doubtful were not scored "
                          "as read (see the data-quality notes)."},
    # priorities
    "priorities_title": {"zh": "升级条件与提升重点", "en": "Readiness and priorities"},
    "verdict_label": {"zh": "判定：{label}", "en": "Verdict: {label}"}, "col_condition": {"zh": "条件", "en": "Condition"},
    "col_zone": {"zh": "本区", "en": "Zone"}, "col_required": {"zh": "要求", "en": "Required"},
    "col_judgement": {"zh": "判定", "en": "Result"},
    "col_basis": {"zh": "依据", "en": "Basis"},
    "col_confidence": {"zh": "可信度", "en": "Confidence"},
    "passed": {"zh": "满足", "en": "met"}, "failed": {"zh": "未满足", "en": "not met"},
    "rules_note": {"zh": "升级条件的官方门槛未公开，上述条件依据公开的二手资料与经验设定，仅作估算参考。",
                   "en": "The official upgrade thresholds are not public; these conditions rest on secondary sources and judgement, and are estimates only."},
    "priorities": {"zh": "提升重点", "en": "Priorities"},
    "priorities_intro": {"zh": "下表按“每一步改进可增加的综合得分”排序：步长取各指标目标区间约十分之一的整数值；提升至目标值后该指标不再加分。各指标单独测算，不计同一统计数据对其他指标的影响，因而与按统计指标测算的措施和行动表可能不同。",
                         "en": "Ranked by the overall points one step of improvement would bring; a step is a round tenth or so of the distance from floor to target. An indicator earns nothing beyond its target. Each indicator is taken alone, without what the same statistic does to other indicators, so the figures can differ from the actions (by statistic)."},
    "col_step": {"zh": "改进一步", "en": "One step"},
    "col_gain": {"zh": "综合得分增加", "en": "Points gained"},
    "col_full": {"zh": "达标可增加", "en": "Points at target"},
    "history": {"zh": "历次评估", "en": "Scores over time"},
    "col_period": {"zh": "评估期", "en": "Quarter"},
    "history_window": {"zh": "表中列出最近{n}个季度（{first}至{last}）及此前{years}年的同一季度；全部{all}个季度（{from_}至{to}）的得分见上方趋势图。",
                       "en": "The table lists the last {n} quarters ({first} to {last}) and the same quarter of the {years} years before; the scores of all {all} quarters ({from_} to {to}) are in the chart above."},
    "history_window_recent": {"zh": "表中列出最近{n}个季度（{first}至{last}）；全部{all}个季度（{from_}至{to}）的得分见上方趋势图。",
                              "en": "The table lists the last {n} quarters ({first} to {last}); the scores of all {all} quarters ({from_} to {to}) are in the chart above."},
    "trend_partial_legend": {"zh": "指标不全，与其他季度不可比", "en": "fewer indicators: not comparable"},
    "trend_partial_item": {"zh": "{quarter}{name}仅{n}项指标有数据（通常{usual}项）",
                           "en": "{name} in {quarter} rests on {n} of its usual {usual} indicators"},
    "trend_partial_note": {"zh": "△ 所依据的指标少于其他季度，与其他季度不可直接比较（图中以空心点、虚线标出）：{items}。",
                           "en": "△ Rests on fewer indicators than the other quarters and is not directly comparable (open markers and dashed lines in the chart): {items}."},
    "trend_alt": {"zh": "综合及五类得分走势", "en": "Overall and category scores over time"},
    # priorities by effort, plan, scenarios, uncertainty
    "effort_title": {"zh": "按投入产出排序的提升重点", "en": "Priorities by effort"},
    "effort_intro": {"zh": "下表按投入产出排序：各项措施的工作量统一折合为实际使用外资的增幅（如新增1个省级研发机构约相当于外资增长8%的工作量），“投入产出比”为投入相当于外资增长1%的工作量可增加的综合得分；各项的可行范围和折合比例为本框架设定。{plan}",
                     "en": "Ranked by the overall points per unit of work, one unit being the work of raising foreign investment by 1% (a new provincial R&D institution is about 8 units); the feasible ranges and these equivalences are this framework's own. {plan}"},
    "effort_plan_note": {"zh": "“规划值”为提升路径测算给出的本期目标数。", "en": "'Planned' is the value the plan below aims for."},
    "effort_best_note": {"zh": "“规划值”为可行范围内得分最高方案（见下文提升路径）的本期目标数。",
                         "en": "'Planned' is the value of the best plan within the ranges (the path below)."},
    "col_statistic_short": {"zh": "统计指标", "en": "Statistic"},
    "col_now": {"zh": "本期值", "en": "Now"},
    "col_per_effort": {"zh": "投入产出比", "en": "Points per effort"},
    "col_max_points": {"zh": "可行范围内最多增分", "en": "Most points within the feasible range"},
    "col_planned": {"zh": "规划值", "en": "Planned"},
    "step_title": {"zh": "单项指标改进一步的增分", "en": "What one step on each indicator is worth"},
    "plan_title": {"zh": "提升路径：{goal}", "en": "Path to the target: {goal}"},
    "plan_goal_target": {"zh": "综合得分达到{target}分", "en": "an overall score of {target}"},
    "plan_goal_verdict": {"zh": "满足全部升级条件", "en": "meeting every readiness rule"},
    "plan_summary": {"zh": "按可行范围内总努力最小测算（线性规划，结果经评分引擎复核）：综合得分由{before}分提高到{after}分，估算排名由第{rank_before}名到第{rank_after}名，所需工作量合计相当于实际使用外资增长{effort}%。",
                     "en": "The least total effort within the feasible ranges (a linear program, checked by re-scoring): the overall score goes from {before} to {after}, the estimated rank from {rank_before} to {rank_after}, for {effort} effort points."},
    "plan_unreachable": {"zh": "在可行范围内无法达到该目标：全部措施用足时综合得分最高约{best}分。",
                         "en": "The target cannot be reached within the feasible ranges: with every measure at its limit the overall score reaches about {best}."},
    "plan_unreachable_best": {"zh": "在各项措施的可行范围内无法达到该目标。下表为可行范围内得分最高的方案：全部完成后综合得分约{best}分，{short}。",
                              "en": "The target cannot be reached within the measures' feasible ranges. The best plan within them is below: "
                                    "done in full, it brings the overall score to about {best}, {short}."},
    "plan_short_target": {"zh": "仍比目标低{gap}分", "en": "still {gap} short of the target"},
    "plan_short_verdict": {"zh": "仍未满足全部升级条件", "en": "and the readiness rules are still not all met"},
    "plan_data_met": {"zh": "数据所及条件均已满足，无需新增数据措施；升级判定尚待确认：{items}。",
                      "en": "Every condition the statistics can settle is already met; no further data measures are needed. Still to confirm: {items}."},
    "plan_data_met_input_failed": {"zh": "数据所及条件均已满足，但{items}未满足（分析人员给定），无法通过提升统计数据达到升级条件。",
                                   "en": "Every condition the statistics can settle is already met, but {items} is not met (as the analyst gave it): no data measure can meet the readiness rules."},
    "p_ready_undecided": {"zh": "无法判定（{u}的抽样因数据缺失无法判定）", "en": "cannot be judged ({u} of the draws lack the data to judge)"},
    "p_ready_pending": {"zh": "无法给出（待确认：{items}）；数据所及条件均满足的概率：{p}",
                        "en": "not given (to confirm: {items}); the probability of meeting every condition the statistics can settle: {p}"},
    "plan_met": {"zh": "本期已达到该目标，无需额外措施。", "en": "The target is already met; no further measures are needed."},
    "col_step_no": {"zh": "序号", "en": "#"},
    "col_action": {"zh": "措施（本期数调整）", "en": "Measure (this quarter's figure)"},
    "col_effort": {"zh": "工作量（折合外资增长%）", "en": "Effort"},
    "col_after": {"zh": "完成后综合得分", "en": "Overall after"},
    "scenarios_title": {"zh": "情景对比", "en": "Scenarios"},
    "scenarios_intro": {"zh": "各情景仅改变本期数据，其余不变；全部情景与基准在同一次计算中评分。",
                        "en": "Each scenario changes only this quarter's figures; all are scored in one pass with the baseline."},
    "col_scenario": {"zh": "情景", "en": "Scenario"},
    "col_change": {"zh": "较基准", "en": "Change"},
    "col_rank": {"zh": "估算排名", "en": "Est. rank"},
    "label_value": {"zh": "{label}：{value}", "en": "{label}: {value}"},  # a colon in the text's own script
    "col_moved": {"zh": "变动最大的指标（增分）", "en": "Indicators that moved most (pts)"},
    "baseline": {"zh": "基准", "en": "Baseline"},
    "scenario_chart_alt": {"zh": "各情景综合得分", "en": "Overall score by scenario"},
    "uncertainty_title": {"zh": "不确定性分析", "en": "Uncertainty"},
    "uncertainty_summary": {"zh": "对下列假设进行{n}次随机抽样（随机种子{seed}）：综合得分中位数{median}分，90%的抽样{span}；估算排名中位数第{rank}名，90%区间{rank_span}（此区间随上列假设变动，与“综合评估”页仅反映对照样本抽样变动的排名区间口径不同，二者不可互相替代）；满足全部升级条件的概率：{p}。",
                            "en": "{n} random draws of the assumptions listed below (seed {seed}): the median overall score is {median}, 90% of draws lie {span}; the median estimated rank is {rank}, 90% {rank_span} (this interval moves with the assumptions listed below; the rank interval of the Summary moves with the peer sample alone: the two answer different questions); the probability of meeting every readiness rule: {p}."},
    "uncertainty_assumptions": {"zh": "假设：{text}", "en": "Assumptions: {text}"},
    "hist_nominal": {"zh": "名义值", "en": "nominal"},
    "hist_median": {"zh": "中位数", "en": "median"},
    "hist_xlabel": {"zh": "综合得分（各次抽样）", "en": "overall score (each draw)"},
    "col_nominal": {"zh": "名义值", "en": "Nominal"},
    "col_median": {"zh": "中位数", "en": "Median"},
    "col_q05": {"zh": "5%分位", "en": "5%"}, "col_q95": {"zh": "95%分位", "en": "95%"},
    "sobol_title": {"zh": "敏感性（Sobol指数）", "en": "Sensitivity (Sobol indices)"},
    "col_assumption": {"zh": "假设", "en": "Assumption"},
    "col_s1": {"zh": "一阶指数", "en": "First order"},
    "col_st": {"zh": "总效应指数", "en": "Total order"},
    # methodology
    "appendix_methods": {"zh": "附录一　评估方法", "en": "Appendix 1. Method"},
    "framework": {"zh": "指标框架", "en": "Framework"},
    "framework_counts": {"zh": "本框架共{n}项指标，分属五类：{cats}。类内权重、目标值和下限值为本框架设定，来源和可靠程度逐项列于下表。",
                         "en": "The framework has {n} indicators in five categories: {cats}. Weights within categories, targets and floors are this framework's own; the table gives each one's source and how sure it is."},
    "scoring": {"zh": "计分方法", "en": "Scoring"},
    "scoring_text": {"zh": "单项得分采用目标值法：得分 = （本期值 − 下限值）÷（目标值 − 下限值）× {scale}，低于下限记0分，达到或超过目标记{scale}分；逆向指标的下限值高于目标值，公式相同。类别得分为类内指标得分的加权算术平均，综合得分为五类得分的加权算术平均。",
                     "en": "Each indicator is scored by distance to target: score = (value − floor) ÷ (target − floor) × {scale}, 0 below the floor and {scale} at or beyond the target; for lower-is-better indicators the floor lies above the target and the same formula applies. A category's score is the weighted arithmetic mean of its indicators, the overall score the weighted mean of the categories."},
    "annual_text": {"zh": "流量指标（如实际使用外资、进出口、税收）以1至本季度末累计数计，与年度目标比较时折算为全年数：第四季度即为全年实际数；其他季度按上年同期累计数占上年全年的比重推算，缺少上年数据时按已过季度线性推算。本期：{methods}。增速类指标优先采用统计报表公布的同比增速。",
                    "en": "Flows (foreign investment, trade, tax …) are cumulative from January; against annual targets they are taken to a full year: the fourth quarter is the actual year; other quarters are scaled by last year's share of the year reached by the same quarter, or linearly when last year's figures are missing. This quarter: {methods}. Growth rates published by the statistics office are used as published."},
    "annual_none": {"zh": "本期未作折算", "en": "none were needed this quarter"},
    "annual_actual": {"zh": "采用全年实际数", "en": "the actual year"},
    "annual_seasonal": {"zh": "按上年同期占全年比重推算", "en": "scaled by last year's seasonal share"},
    "annual_linear": {"zh": "按已过季度线性推算", "en": "scaled linearly"},
    "imputation_none": {"zh": "缺数指标不计分，其权重由同一类别其余指标按比例分担。",
                        "en": "An indicator without data is left out and its weight shared by the others in its category."},
    "imputation_locf": {"zh": "某季度缺数的指标沿用此前最近一个季度的数值（{limit}报告中以*标注）；无可沿用数值的指标不计分，其权重由同一类别其余指标按比例分担。",
                        "en": "An indicator without data in a quarter carries the most recent earlier value ({limit}marked * in the report); one with nothing to carry is left out and its weight shared by the others in its category."},
    "imputation_limit": {"zh": "最多沿用{n}个季度，", "en": "at most {n} old, "},
    "imputation_other": {"zh": "缺数指标按“{method}”方法补齐（报告中以*标注）。", "en": "Missing values are imputed by '{method}' (marked * in the report)."},
    "sources_title": {"zh": "指标、目标值与来源", "en": "Indicators, targets and sources"},
    "col_formula": {"zh": "指标与计算公式", "en": "Indicator and formula"},
    "col_floor": {"zh": "下限", "en": "Floor"},
    "col_source": {"zh": "目标来源", "en": "Source of the target"},
    "unit_direction": {"zh": "（{unit}，{direction}）", "en": " ({unit}, {direction})"},
    "higher_better": {"zh": "越高越好", "en": "higher is better"},
    "lower_better": {"zh": "越低越好", "en": "lower is better"},
    "weights_note": {"zh": "权重为该指标占综合得分的比重（类别权重 × 类内权重）。可信度：“高”为官方公布，“中”为官方数据推算或国家标准，“低”为经验设定或未经核实的二手资料。",
                     "en": "Weight: the indicator's share of the overall score (category weight × weight within the category). Confidence: high = officially published; medium = derived from official data or a national standard; low = judgement or unverified secondary sources."},
    "evidence_confirmed": {"zh": "已确认为考核指标", "en": "confirmed as assessed"},
    "evidence_plausible": {"zh": "可能计分", "en": "plausibly scored"},
    "evidence_own": {"zh": "本框架自定", "en": "this framework's own choice"},
    "evidence_line": {"zh": "依据：{status}。{note}", "en": "Evidence: {status}. {note}"},
    "cites_line": {"zh": "", "en": ""},  # the yardsticks cited are named in the source text, never by their ids
    "conf_high": {"zh": "高", "en": "high"},
    "conf_medium-high": {"zh": "中高", "en": "medium-high"},
    "conf_medium": {"zh": "中", "en": "medium"}, "conf_low": {"zh": "低", "en": "low"},
    "conf_unverified": {"zh": "（未核实）", "en": " (unverified)"},  # beside a confidence resting on an unverified entry
    "imputed_list_title": {"zh": "补齐的数值", "en": "Imputed values"},
    "imputed_list_intro": {"zh": "以下指标值为补齐所得（各评估期），得分按补齐后的数值计算。",
                           "en": "These indicator values were imputed (in any quarter scored); their scores use the imputed values."},
    "col_method": {"zh": "方法", "en": "Method"},
    "treated_list_title": {"zh": "异常值处理", "en": "Outlier treatment"},
    "treated_list_intro": {"zh": "以下数值经异常值处理（缩尾或对数变换）后参与计分。", "en": "These values were treated as outliers (winsorised or log-transformed) before scoring."},
    "col_before": {"zh": "处理前", "en": "Before"},
    "imputed_rest": {"zh": "另有{n}项其他季度（{first}至{last}）的补齐值计入趋势图，未在此逐项列出。",
                     "en": "{n} more imputed values of other quarters ({first} to {last}) shape the trend chart; they are not listed here."},
    "treated_rest": {"zh": "另有{n}项其他季度（{first}至{last}）的数值经异常值处理后计入趋势图，未在此逐项列出。",
                     "en": "{n} more values of other quarters ({first} to {last}) were treated as outliers for the trend chart; they are not listed here."},
    "col_after_value": {"zh": "处理后", "en": "After"},
    "method_locf": {"zh": "沿用上期", "en": "carried forward"},
    "method_none": {"zh": "不补齐", "en": "none"},
    "method_mean": {"zh": "均值补齐", "en": "mean"},
    "method_median": {"zh": "中位数补齐", "en": "median"},
    "method_group_mean": {"zh": "同类均值补齐", "en": "group mean"},
    "method_group_median": {"zh": "同类中位数补齐", "en": "group median"},
    "method_targets": {"zh": "目标值法", "en": "distance to target"},
    "method_peers": {"zh": "对照样本法", "en": "min-max over the peers"},
    "method_winsorise": {"zh": "缩尾", "en": "winsorised"},
    "method_log": {"zh": "对数变换", "en": "log-transformed"},
    # data quality
    "quality_box_title": {"zh": "数据质量提示", "en": "Data quality"},
    "quality_box_intro": {"zh": "以下{n}项指标的数据存疑，未按原值计分（不计入所在类别，或按框架规定封顶）。请核对所列单元格后重新生成报告：",
                          "en": "{n} indicator value(s) are doubtful and were not scored as read (left out of their category, or capped as the framework says). Check the cells below and regenerate the report:"},
    "quality_affects": {"zh": "涉及指标：", "en": "Affects: "},
    "quality_list_title": {"zh": "数据质量问题清单", "en": "Data-quality problems"},
    "quality_list_intro": {"zh": "读取和计分过程中发现的全部问题。“存疑”的数值未按原值计分；“警告”的数值按原值计分，但值得核对。",
                           "en": "Every problem found while reading and scoring. Doubtful values were not scored as read; values with a warning were scored as read but deserve a check."},
    "quality_none": {"zh": "读取和计分过程中未发现数据质量问题。", "en": "No data-quality problem was found while reading and scoring."},
    "col_level": {"zh": "级别", "en": "Level"},
    "col_problem": {"zh": "问题", "en": "Problem"},
    "level_error": {"zh": "错误", "en": "error"},
    "level_doubtful": {"zh": "存疑", "en": "doubtful"},
    "level_warning": {"zh": "警告", "en": "warning"},
    "level_note": {"zh": "提示", "en": "note"},
    "verdict_doubtful": {"zh": "注意：本判定依据的数据存疑——{names}（{n}项指标）未按原值计分，请核对“数据质量提示”所列单元格。",
                         "en": "Caution: this verdict rests on doubtful data: {names} ({n} indicator value(s)) not scored as read; check the cells listed under Data quality."},
    # data appendix
    "appendix_data": {"zh": "附录二　数据来源", "en": "Appendix 2. Data"},
    "data_intro": {"zh": "本期评分和升级条件所用的全部原始数据及其所在报表、工作表和单元格；“报表原值”为报表中填写的数值和单位，“换算值”为换算为标准计量单位后的数值。",
                   "en": "Every raw figure behind this quarter's scores and readiness conditions, with its workbook, sheet and cell: as written there, and converted to the canonical unit."},
    "col_no": {"zh": "编号", "en": "No."},
    "col_file": {"zh": "报表文件", "en": "Workbook"},
    "files_rest": {"zh": "上表列出本期及表中所列季度的报表；另有{n}个其他季度的报表已读入并计入趋势图，未逐一列出（全部{all}个报表的校验码合并于封面的数据校验码）。",
                   "en": "Listed: the workbooks of this quarter and of the quarters in the tables; {n} more workbooks of other quarters were read for the trend chart and are not listed (the cover's data checksum covers all {all})."},
    "col_sha": {"zh": "文件校验码", "en": "SHA-256 (first 12)"},
    "col_statistic": {"zh": "统计指标", "en": "Statistic"},
    "col_as_written": {"zh": "报表原值", "en": "As written"},
    "col_converted": {"zh": "换算值", "en": "Converted"},
    "col_where": {"zh": "报表 › 工作表 › 单元格", "en": "Workbook › sheet › cell"},
    "file_ref": {"zh": "表{n}", "en": "W{n}"},
    "ytd": {"zh": "{year}年1—{month}月", "en": "Jan–{mon} {year}"},
    "end_of": {"zh": "{year}年{month}月末", "en": "end {mon} {year}"},
    "growth_of": {"zh": "{span}同比", "en": "{span}, y/y %"},
    "growth_of_comparable": {"zh": "{span}同比（可比价）", "en": "{span}, y/y % (comparable prices)"},
    "growth_of_nominal": {"zh": "{span}同比（现价）", "en": "{span}, y/y % (current prices)"},
    "growth_of_conventional": {"zh": "{span}同比（未注明价格口径，惯例为可比价）",
                               "en": "{span}, y/y % (price basis not stated; comparable by convention)"},
    "quarter": {"zh": "{year}年第{q}季度", "en": "{year} Q{q}"},
    # ---- the brief (page 2), the action table and the Henan benchmark page (scorer.report.brief)
    "brief_title": {"zh": "综合研判", "en": "Brief"},
    "overview_title": {"zh": "得分概况", "en": "Scores at a glance"},
    "verdict_sentence": {"zh": "按估算，本区在{among}（共{of}家，含本区）中居第{rank}名（5%—95%区间为{interval}），"
                               "{margins}；{verdict}。",
                         "en": "By this estimate the zone would rank {rank} of {of} among {among} "
                               "(5–95% interval {interval}), {margins}; {verdict}."},
    "margins_join": {"zh": "、", "en": " and "},
    "brief_above": {"zh": "比{what}高{pts}分", "en": "{pts} points above {what}"},
    "brief_below": {"zh": "比{what}低{pts}分", "en": "{pts} points below {what}"},
    "the_bottom_line": {"zh": "后{n}名线", "en": "the bottom-{n} line"},
    "the_median": {"zh": "区域中位数", "en": "the regional median"},
    "the_peer_median": {"zh": "对照中位数", "en": "the peers' median"},
    "the_peers": {"zh": "对照样本", "en": "the peers"},
    "brief_verdict_ready": {"zh": "升级判定的各项条件均已满足", "en": "every deciding condition is met"},
    "brief_verdict_pending": {"zh": "数据所及的决定性条件均已满足，尚待确认{items}", "en": "every deciding condition the data can settle is "
                                                                         "met; {items} {remain} to be confirmed"},
    "brief_verdict_unknown": {"zh": "尚有条件无法判定：{items}", "en": "some conditions cannot be judged: {items}"},
    "brief_verdict_failed": {"zh": "尚未满足：{items}", "en": "not yet met: {items}"},
    "brief_verdict_historic": {"zh": "（历史门槛{items}未满足，仅供参考）",
                               "en": " (historic threshold not met, for reference only: {items})"},
    "card_overall": {"zh": "综合得分", "en": "Overall score"},
    "card_rank": {"zh": "中部地区估算排名", "en": "Central rank (est.)"},
    "card_rank_peers": {"zh": "对照表中估算排名", "en": "Rank among the peers (est.)"},
    "card_rank_value": {"zh": "第{rank}名", "en": "{rank}"},
    "card_rank_sub": {"zh": "共{of}家，区间{interval}", "en": "of {of}; interval {interval}"},
    "card_henan": {"zh": "{province}国家级经开区中", "en": "Place in {province}"},
    "card_henan_value": {"zh": "第{k}位", "en": "{k}"},
    "card_henan_sub": {"zh": "对照已公布排名{n}家", "en": "of {m} ({n} ranked zones + this one)"},
    "card_henan_tie": {"zh": "与{zones}同分，按未取整得分排序", "en": "of {m}; level with {zones} as printed"},
    "card_bottom": {"zh": "距后{n}名线", "en": "To bottom-{n} line"},
    "card_bottom_sub": {"zh": "后{n}名线{line}分", "en": "line at {line}"},
    "card_ranked_score": {"zh": "排名所用得分", "en": "Score ranked"},
    "card_ranked_score_sub": {"zh": "仅按对照表覆盖的指标计", "en": "on the indicators the peers cover"},
    "readiness_ranked_on": {"zh": "以上名次与分差均按对照表所含{k}项指标的得分（本区{score}分）计，非综合得分。",
                            "en": " The rank and margins above are on the score over the {k} indicators the peer table covers ({score}), not the overall score."},
    "margin_veto_to_confirm": {"zh": "本期{value}（合计数另含{other}），待核实", "en": "{value} this period (the count adds {other}): to confirm"},
    "brief_not_judged_why": {"zh": "{why}", "en": " ({why})"},
    "margins_ranked_score": {"zh": "按对照表覆盖的指标计本区得分{score}分，", "en": "scoring {score} on the indicators the peers cover, "},
    "card_median": {"zh": "距区域中位数", "en": "To the median"},
    "card_median_peers": {"zh": "距对照中位数", "en": "To the peers' median"},
    "card_median_sub": {"zh": "中位数{median}分", "en": "median {median}"},
    "card_vs": {"zh": "较上季度 {change}", "en": "{change} on the quarter"},
    "points_signed": {"zh": "{pts}分", "en": "{pts} pts"},
    "conditions_title": {"zh": "升级条件与余量", "en": "Upgrade conditions and margins"},
    "col_kind": {"zh": "性质", "en": "Kind"},
    "col_status": {"zh": "判定", "en": "Status"},
    "col_margin": {"zh": "余量（+）或差距（−）", "en": "Margin (+) or shortfall (−)"},
    "col_basis_confidence": {"zh": "依据可信度", "en": "Basis"},
    "conditions_conf_note": {"zh": "依据可信度：该条件作为升级依据的来源可信程度，不表示本区数据已核实。",
                             "en": "Basis: how well sourced the condition is as a criterion for upgrading, not a check of the zone's data."},
    "brief_role_condition": {"zh": "排名条件", "en": "rank"},
    "brief_role_veto": {"zh": "一票否决", "en": "veto"},
    "brief_role_input": {"zh": "待确认", "en": "to confirm"},
    "brief_role_historic": {"zh": "历史门槛（仅参考）", "en": "historic (reference)"},
    "brief_role_user": {"zh": "自定规则", "en": "user rule"},
    "status_met": {"zh": "满足", "en": "met"},
    "status_met_fragile": {"zh": "满足（区间内未必）", "en": "met (not across the interval)"},
    "brief_verdict_fragile": {"zh": "，但{items}在排名区间内未必满足", "en": ", but {items} may not hold across the rank interval"},
    "status_not_met": {"zh": "未满足", "en": "not met"},
    "status_unknown": {"zh": "待确认", "en": "unknown"},
    "status_not_judged": {"zh": "未判定", "en": "not judged"},  # a condition the peer set cannot decide (not the region's national zones)
    "margin_input": {"zh": "需分析人员核实后给出", "en": "the analyst's to confirm"},
    "margin_given": {"zh": "已由分析人员确认", "en": "given by the analyst"},
    "margin_veto": {"zh": "本期{value}", "en": "{value} this period"},
    "actions_title": {"zh": "一年内最能提升得分和排名的三项措施", "en": "The three actions that would raise the score and the rank most this year"},
    "action_line": {"zh": "{no}. <b>{name} {change}</b>（{dept}，{deadline}前完成）：综合得分{points}，{places}。{kind}",
                    "en": "{no}. <b>{name} {change}</b> ({dept}, by {deadline}): {points} overall, {places}. {kind}"},
    "places_up": {"zh": "排名上升{n}位（至第{rank}名）", "en": "up {n} places (to {rank})"},
    "places_up_one": {"zh": "排名上升1位（至第{rank}名）", "en": "up 1 place (to {rank})"},
    "places_none": {"zh": "排名不变", "en": "rank unchanged"},
    "counted": {"zh": "（{parts}）", "en": " ({parts})"},
    "counted_sep": {"zh": "，", "en": "; "},
    "counted_raised": {"zh": "计入{items}{n}项指标", "en": "counting {n} indicators: {items}"},
    "counted_lowered": {"zh": "已扣除{items}下降的影响", "en": "net of the fall in {items}"},
    "kind_closable": {"zh": "一年内可达标。", "en": "Closable this year."},
    "kind_nearly": {"zh": "一年内基本可达标（达标需{full}，一年内可取得其增分的{share}）。",
                    "en": "Nearly closable this year (the target needs {full}; this year earns {share} of its points)."},
    "kind_structural": {"zh": "达标需{full}（增分{full_points}），超出一年可行范围，属结构性差距，一年内可取得其增分的{share}。",
                        "en": "Target: {full} ({full_points}), beyond a year's reach: structural, {share} of its points this year."},
    "no_department": {"zh": "责任部门待明确", "en": "department to assign"},
    "actions_annual": {"zh": "流量指标的本期值和增量均按全年计：本期值为由{span}累计数推算的全年值（带◇），增量为全年增量。",
                       "en": " Flows are in full-year terms: the current figure is the full-year estimate from the {span} total (◇), "
                             "and the changes are a year's."},
    "rounding_note": {"zh": "因四舍五入，{items}与所列两项得分之差相差0.1分。",
                      "en": " Because of rounding, {items} differs by 0.1 from the difference of the scores shown."},
    "actions_note": {"zh": "各项措施单独测算，同时实施的效果不能简单相加；增分以达到目标值为限。",
                     "en": "Each action is scored alone; their effects do not simply add up. No action is credited "
                           "beyond its target."},
    "actions_none": {"zh": "按预设的可行范围，暂无能提高综合得分的措施。", "en": "Within the feasible ranges, no action raises the overall score."},
    "assumed_title": {"zh": "估算与假定（阅读前须知）", "en": "What is estimated or assumed"},
    "assumed_other_synthetic": {"zh": "对照表中{n}家园区标为<b>合成</b>数据，不是真实园区数据，且未声明为本区域国家级经开区：排名只是在该对照表中的位置，后5名线与区域中等水平两项条件不作判定。",
                                "en": "The {n} peers of the table are marked <b>synthetic</b>, not real zones, and are not declared the region's national zones: the rank is a place in that table only, and the bottom-5 and regional-middle conditions are not judged."},
    "assumed_peers": {"zh": "对照样本为按商务部公布的中部地区区均值校准的{n}家<b>合成</b>园区，不是真实园区数据。",
                      "en": "The peers are {n} <b>synthetic</b> zones calibrated to the Ministry's central-region means, not real zones."},
    "assumed_province": {"zh": "{province}国家级经开区按其公布的{year}年全国排名定位，数值亦为合成。", "en": " {province}'s national zones sit at their published {year} ranks, with synthetic values."},
    "assumed_scaled": {"zh": "其中{items}{n}项无中部公布数，按全国区均乘以中部相对全国的比值推算，属估算。",
                       "en": " Of these, {items} ({n}) have no published central figure: national means times a central ÷ national ratio, an estimate."},
    "assumed_real_peers": {"zh": "对照样本为用户提供的{n}家园区数据。", "en": "The peers are the {n} zones of the user's peer table."},
    "assumed_indicators": {"zh": "{n}项指标中，{confirmed}项已确认为考核指标，{plausible}项可能计分，{own}项为本框架自定；目标值中{levels}。",
                           "en": "Of {n} indicators, {confirmed} are confirmed as assessed, {plausible} plausibly scored and "
                                 "{own} this framework's own choice; of the targets, {levels}."},
    "conf_count_low": {"zh": "可信度低的{n}项", "en": "{n} are of low confidence"},
    "conf_count_medium": {"zh": "中等的{n}项", "en": "{n} medium"},
    "conf_count_high": {"zh": "高的{n}项", "en": "{n} high"},
    "assumed_rules": {"zh": "升级条件{n}项：可信度低的{low}项（其中历史门槛{historic}项，仅作参考），需分析人员确认的{inputs}项。",
                      "en": "{n} upgrade conditions: {low} of low confidence ({historic} historic thresholds, for "
                            "reference only), {inputs} for the analyst to confirm."},
    "assumed_interval": {"zh": "排名区间为对照样本{b}次自助重抽样的5%—95%区间，未计入目标值和样本校准的不确定性（二者可另作不确定性分析）。",
                         "en": "The rank interval is the 5–95% range over {b} bootstrap resamples of the peers; it leaves "
                               "out the uncertainty of the targets and the calibration (an uncertainty analysis can add them)."},
    "assumed_efforts": {"zh": "措施的一年可行范围、责任部门和完成时限为预设值，应按本区实际项目储备修订。",
                        "en": "The actions' feasible ranges, departments and deadlines are defaults for the zone to set."},
    "assumed_projected": {"zh": "{items}等{n}项流量指标为{span}累计数，已{methods}为全年值后与年度目标比较，全年实际数以第四季度报表为准。",
                          "en": "{n} flow indicators (e.g. {items}) are {span} totals, projected to the full year ({methods}) "
                                "before comparison with annual targets; the actual year comes with the fourth quarter's tables."},
    "assumed_current_prices": {"zh": "{items}为现价增速，未扣除价格因素；目标值按可比价设定，该项得分可能偏高。",
                               "en": "{items}: a current-price rate, not net of price changes, while the target is set at "
                                     "comparable prices: the score may be too high."},
    "assumed_coverage": {"zh": "本期得分所依据的指标少于其他季度：{items}；无数据的指标不计入，所在类别按其余指标重新加权，排名和余量亦据此估算，与其他季度不可直接比较。",
                         "en": "This quarter's scores rest on fewer indicators than the other quarters': {items}; indicators without "
                               "data are left out and their category reweighted over the rest, as are the rank and margins: not "
                               "directly comparable with other quarters."},
    "assumed_peer_year": {"zh": "本期为{year}年数据，对照样本按{peer_year}年数据校准：比较的是不同年份，排名仅作参考。",
                          "en": "This quarter's data are of {year}; the peers are calibrated to {peer_year}: the rank compares "
                                "different years and is indicative only."},
    # the province benchmark (the Henan page for Zhoukou): {province} and {year} from the peer set's placed zones
    "henan_title": {"zh": "与{province}国家级经开区对标", "en": "Beside {province}'s national zones"},
    "henan_sentence": {"zh": "按对照样本估算，本区综合得分{score}分，{between}，与已公布{year}年排名的{n}家{province}国家级经开区相比（连同本区共{m}家）居第{k}位{tie}。下表的全国排名为商务部公布的{year}年考核结果，中部排名为公布值（—为未公布），本区的为估算；各园区得分为按公布排名定位的合成值。",
                       "en": "By the peer set's estimate the zone scores {score}, {between}, and would come {k} of {m}{tie} "
                             "beside the {n} {province} national zones with published {year} ranks (the zone included). The national ranks are the Ministry's "
                             "published {year} results and the central ranks published ones (— where none is published) except the "
                             "zone's, which is estimated; the zones' scores are synthetic values placed at those ranks."},
    "henan_tie": {"zh": "（与{zones}同为{score}分，按未取整的得分排序）",
                  "en": " (level with {zones} at {score} as printed, ordered by the unrounded scores)"},
    "henan_zone_source": {"zh": "中部排名为按对照样本估算", "en": "central rank estimated from the peers"},
    "henan_between": {"zh": "介于{above}（{year}年全国第{ra}名）与{below}（全国第{rb}名）之间",
                      "en": "between {above} (ranked {ra} nationally in {year}) and {below} (ranked {rb})"},
    "henan_top": {"zh": "高于全部{province}国家级经开区", "en": "above every {province} national zone"},
    "henan_bottom": {"zh": "低于{above}（{year}年全国第{ra}名）", "en": "below {above} (ranked {ra} nationally in {year})"},
    "brief_col_zone": {"zh": "园区", "en": "Zone"},
    "col_national": {"zh": "{year}年全国排名", "en": "National rank {year}"},
    "col_central": {"zh": "中部排名", "en": "Central rank"},
    "col_estimate": {"zh": "对照样本得分（合成）", "en": "Peer-set score (synthetic)"},
    "brief_col_source": {"zh": "排名来源", "en": "Source of the rank"},
    "this_zone": {"zh": "{zone}（本区，估算）", "en": "{zone} (this zone, estimated)"},
    "rank_of": {"zh": "第{rank}名", "en": "{rank} of {of}"},
    "rank_plain": {"zh": "第{rank}名", "en": "{rank}"},
    "dist_title": {"zh": "在中部地区国家级经开区中的位置（对照样本，合成）", "en": "Where the zone sits among the central region's national zones (synthetic peers)"},
    "dist_bottom": {"zh": "后{n}名线 {x}", "en": "bottom-{n} line {x}"},
    "dist_median": {"zh": "中位数 {x}", "en": "median {x}"},
    "dist_note": {"zh": "每个灰点为对照样本中的一家园区；红点为本区，蓝点为按公布排名定位的{province}国家级经开区。",
                  "en": "Each grey dot is a peer; red is the zone, blue {province}'s national zones placed at their published ranks."},
    # what the Monte Carlo varies, and what it holds
    "scope_varied": {"zh": "随机变动的假设", "en": "Varied in every draw"},
    "scope_held": {"zh": "未变动（按原值或不参与判定）", "en": "Held fixed (as given, or not deciding)"},
    "v_weights": {"zh": "指标权重±{i}%，分组权重±{g}%", "en": "indicator weights ±{i}%, group weights ±{g}%"},
    "v_method": {"zh": "{what}：每次抽样从{methods}中随机选用一种", "en": "{what}: one of {methods}, drawn at random in each draw"},
    "h_method": {"zh": "{what}：固定采用{method}", "en": "{what}: {method} in every draw"},
    "w_normalisation": {"zh": "标准化方法", "en": "normalisation method"},
    "w_imputation": {"zh": "缺失值处理方法", "en": "imputation method"},
    "v_measurement": {"zh": "本期各项原始统计数据的测量误差±{m}%", "en": "measurement error of ±{m}% on each raw figure of the quarter"},
    "v_targets": {"zh": "各目标值按其可信度在下限至目标距离的±{h}%（高）、±{md}%（中）、±{lo}%（低）内变动",
                  "en": "each target within ±{h}% (high), ±{md}% (medium) or ±{lo}% (low confidence) of its floor-to-target distance"},
    "v_peers": {"zh": "对照样本各指标的水平：依据中部公布数据的±{pl}%，由生成模型假定或按全国区均推算的±{pa}%；离散程度±{ps}%",
                "en": "the peers' level of each indicator ±{pl}% where set to a published central figure, ±{pa}% where the peer "
                      "model assumed it or scaled a national mean; their spread ±{ps}%"},
    "v_cutoff": {"zh": "区域分界：后5名线按中部{a}家或{b}家的口径，中等水平分界在{lo}%—{hi}%之间",
                 "en": "the regional cut-offs: the bottom-5 line for a region of {a} or {b} zones, the middle between {lo}% and {hi}%"},
    "h_framework": {"zh": "指标体系本身：30项指标的选取、计算公式、五类结构和类别数", "en": "the framework itself: which indicators, their formulas, the five categories"},
    "h_history": {"zh": "上年及以前已公布的统计数据（测量误差只施加于本期数据）", "en": "last year's and earlier published figures (measurement error falls on this quarter only)"},
    "h_inputs": {"zh": "需分析人员确认的条件（{items}）：不抽样，按给出的结论或列为待确认", "en": "the analyst's conditions ({items}): not drawn; as given, or pending"},
    "h_historic": {"zh": "历史门槛：仅作参考，不参与判定", "en": "the historic thresholds: for reference only, never deciding"},
    "h_real_peers": {"zh": "对照样本为实际数据表（非合成），其各项数值按给定值使用，不作为假设变动", "en": "the peer table is real (not synthetic): its figures are used as given, not varied as assumptions"},
    "h_peer_set": {"zh": "对照样本的构成（合成园区及本省国家级经开区按公布排名的定位）", "en": "the peer set's make-up (the synthetic zones and the province's national zones at their published ranks)"},
    "h_efforts": {"zh": "措施的可行范围、成本、责任部门和时限", "en": "the actions' feasible ranges, costs, departments and deadlines"},
    "h_off": {"zh": "{what}（本次设为不变动）", "en": "{what} (switched off for this run)"},
    # the action table
    "table_title": {"zh": "行动清单", "en": "Action table"},
    "table_intro": {"zh": "下表列出每项可推动的统计指标：一年内的目标增量（以一年可行范围为限）、达到目标值所需的增量、单项实施可增加的综合得分和排名变化，以及责任部门和完成时限。按排名上升位数、再按增分排序。",
                    "en": "Each statistic the zone can move: this year's change (within a year's feasible range), the "
                          "change that reaches the target, the overall points and rank places this year's change "
                          "brings on its own, the department and the deadline. Ordered by places gained, then points."},
    "col_year": {"zh": "一年目标增量", "en": "This year"},
    "brief_col_full": {"zh": "达标所需增量", "en": "To target"},
    "col_points": {"zh": "增分", "en": "Points"},
    "brief_col_rank": {"zh": "排名", "en": "Rank"},
    "col_type": {"zh": "性质", "en": "Kind"},
    "col_department": {"zh": "责任部门", "en": "Department"},
    "col_deadline": {"zh": "完成时限", "en": "Deadline"},
    "type_closable": {"zh": "一年内可达标", "en": "closable"},
    "type_nearly": {"zh": "基本可达标（增分{share}）", "en": "nearly closable ({share} of the points)"},
    "type_structural": {"zh": "结构性（增分{share}）", "en": "structural ({share} of the points)"},
    "rank_move": {"zh": "第{rank}名（↑{n}）", "en": "{rank} (↑{n})"},
    "rank_same": {"zh": "第{rank}名", "en": "{rank}"},
    "rank_change": {"zh": "（{move}）", "en": " ({move})"},  # a scenario's rank beside the baseline's: 19/56（↑2）
    "table_note": {"zh": "“达标所需增量”为再增加也不再得分的增量；一项统计指标影响多项考核指标时，以综合得分最高的增量为准；增分计入该统计指标影响的全部考核指标，因而与逐项单独测算的“单项指标改进一步的增分”表可能不同。性质：达标所需增量在一年可行范围内的为“一年内可达标”；超出一年可行范围、但一年内可取得达标增分{close}以上的为“基本可达标”；其余为结构性差距。括号内为一年内可取得的增分占达标增分的比例（分类所依据的同一比例）。",
                   "en": "“To target”: the change beyond which more earns nothing; where a statistic moves several "
                         "indicators, the change with the highest overall score. Points count every indicator the "
                         "statistic moves, so they can differ from the one-indicator table (each indicator alone). "
                         "Closable: the change to target lies within a year's feasible range; nearly closable: beyond "
                         "it, but this year's change earns at least {close} of the target's points; otherwise structural. In brackets: the share of the target's points this year's change earns (the share the rule uses)."},
    # exchange rates (data appendix)
    "rates_title": {"zh": "汇率", "en": "Exchange rates"},
    "rates_intro": {"zh": "人民币与美元金额之间的折算（如以人民币填报的出口总额折算为美元后与以美元计的门槛比较），均按所属年份的人民币对美元年平均汇率进行，不使用单一固定汇率；所用汇率及其来源如下。",
                    "en": "Amounts are converted between yuan and US dollars (e.g. exports written in yuan, compared with a threshold in dollars) at the average rate of their own year, never one fixed rate; the rates used and their sources:"},
    "col_rate_year": {"zh": "年份", "en": "Year"},
    "col_rate": {"zh": "汇率（元/美元）", "en": "Yuan per US$"},
    "col_rate_source": {"zh": "汇率来源", "en": "Source of the rate"},
    "col_rate_values": {"zh": "按此汇率折算的数值", "en": "Values converted at it"},
    "rate_year": {"zh": "{year}年", "en": "{year}"},
    "rate_value": {"zh": "{name}（{span}，{unit}）{where}", "en": "{name} ({span}, {unit}) {where}"}, "rate_rule": {"zh": "升级条件“{rule}”：{year}年{name}折算为{unit}比较", "en": "the condition “{rule}”: {name} of {year}, compared in {unit}"},
    "rate_approximate": {"zh": "近似值，待核实", "en": "approximate, to be confirmed"},
    "rate_confirmed": {"zh": "已核实", "en": "confirmed"},
}

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_CN_Q = "一二三四"

# Units as English readers write them; the values are in the same unit, only the name changes.
UNITS_EN = {
    "万美元": "US$10k", "亿美元": "US$100m", "美元": "US$", "万元": "10k yuan", "亿元": "100m yuan", "元": "yuan",
    "%": "%", "个": "", "家": "", "件": "", "起": "", "人": "people", "万人": "10k people",
    "件/万人": "per 10k people", "吨标准煤/万元": "tce per 10k yuan", "吨/万元": "t per 10k yuan",
    "立方米/万元": "m³ per 10k yuan", "万元/亩": "10k yuan per mu", "亿元/平方公里": "100m yuan per km²",
    "平方公里": "km²", "万吨": "10k t", "万立方米": "10k m³", "千元": "1,000 yuan", "千美元": "US$1,000", "亩": "mu", "吨标准煤": "tce", "吨": "t", "立方米": "m³", "分": "pts", "亿美元/年": "US$100m a year",
    "百万元": "1m yuan", "百万美元": "US$1m", "元人民币": "yuan", "万元人民币": "10k yuan", "亿元人民币": "100m yuan", "平方千米": "km²", "万亩": "10k mu", "公顷": "ha", "平方米": "m²", "万平方米": "10k m²", "千克": "kg", "公斤": "kg", "吨标煤": "tce", "万吨标准煤": "10k tce", "万吨标煤": "10k tce", "人次": "person-times", "项": "", "户": "", "所": "", "座": ""}


def unit_named(text: str | None):
    """A unit in a message (a `scorer.messages.Text`): English (UNITS_EN; a count's "" is "items") in English, as written in Chinese."""
    if not text:
        return text
    en = UNITS_EN.get(text)
    return both(text if en is None else en or "items", text)


def unit_en(text: str | None) -> str:
    """A unit in an English message ("10k yuan", "items"): `unit_named`'s English."""
    return str(unit_named(text) or "")


def name_of(thing):
    """A field, indicator or group in a message (a `scorer.messages.Text`): its English name (`label_en`, `name_en`) in
    English, its Chinese one (`label`, `name_zh`) in Chinese; without an English name, the Chinese in both."""
    zh = getattr(thing, "label", None) or getattr(thing, "name_zh", None) or str(thing)
    en = getattr(thing, "label_en", None) or getattr(thing, "name_en", None) or zh
    return both(str(en), str(zh))


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the text for `key` in `lang`, with the values filled in."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")

    def t(key: str, **values) -> str:
        return TEXT[key][lang].format(**values) if values else TEXT[key][lang]

    return t


def unit(text: str, lang: str) -> str:
    return text if lang == "zh" else UNITS_EN.get(text, text)


def quarter_label(period: str, lang: str) -> str:
    year, q = period[:4], int(period[-1])
    return translator(lang)("quarter", year=year, q=_CN_Q[q - 1] if lang == "zh" else q)


_QUARTER_ID = re.compile(r"(?<![0-9A-Za-z])\d{4}Q[1-4](?![0-9A-Za-z])")
# in Chinese, with the space the console's message put between it and a Chinese character (「…」2021Q1 无法计算)
_QUARTER_ID_ZH = re.compile(r"(?<=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]) ?(\d{4}Q[1-4])(?![0-9A-Za-z])"
                            r"(?: (?=[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]))?|" + _QUARTER_ID.pattern)


def in_words(text: str, lang: str) -> str:
    """`text` with every quarter written as the code names it (2021Q1) written as a reader would:
    2021年第一季度 (without a space beside a Chinese character), 2021 Q1 — for messages made for the
    console that the report prints."""
    if lang != "zh":
        return _QUARTER_ID.sub(lambda m: quarter_label(m.group(0), lang), text)
    return _QUARTER_ID_ZH.sub(lambda m: quarter_label(m.group(1) or m.group(0), lang), text)


def quarter_short(period: str, lang: str) -> str:
    """A quarter on two lines, for chart axes."""
    year, q = period[:4], int(period[-1])
    return translator(lang)("quarter_short", year=year, q=_CN_Q[q - 1] if lang == "zh" else q)


def cumulative_label(period: str, lang: str) -> str:
    year, month = period[:4], int(period[-1]) * 3
    return translator(lang)("ytd", year=year, month=month, mon=_MONTHS[month - 1])


def end_label(period: str, lang: str) -> str:
    year, month = period[:4], int(period[-1]) * 3
    return translator(lang)("end_of", year=year, month=month, mon=_MONTHS[month - 1])


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@functools.lru_cache(maxsize=1)
def _label_terms() -> tuple[tuple[str, str], ...]:
    """(form, official term) pairs of indicators/glossary.yaml's terms marked `in_labels`."""
    import yaml

    from scorer.resources import indicators_dir

    doc = yaml.safe_load((indicators_dir() / "glossary.yaml").read_text(encoding="utf-8"))
    return tuple((form, t["term"]) for t in doc.get("terms", []) if t.get("in_labels") for form in t.get("instead_of", []))


def official(text: str) -> str:
    """A Chinese label as workbooks write it, with the official term for any form the glossary replaces
    (安全生产事故 → 生产安全事故)."""
    for form, term in _label_terms():
        text = text.replace(form, term)
    return text


# The yardsticks' region and caliber ids (indicators/yardsticks.yaml `region:`, `caliber:`) as a Chinese
# message says them; the catalogue's sentences put 地区 / 口径 after them ("{region} 地区国家级经开区").
REGION_ZH = {"national": "全国", "central": "中部", "east": "东部", "eastern": "东部", "west": "西部",
             "western": "西部", "northeast": "东北", "河南": "河南", "henan": "河南"}
# The bundled effort.yaml's departments in English (a zone's own names are shown as written).
DEPARTMENTS_EN = {"招商局": "Investment Promotion Bureau", "经济发展局": "Economic Development Bureau",
                  "科技局": "Science and Technology Bureau", "生态环境分局": "Ecology and Environment Branch",
                  "社会事务局": "Social Affairs Bureau", "应急管理局": "Emergency Management Bureau", "财政局": "Finance Bureau",
                  "统计局": "Statistics Bureau", "金融工作局": "Financial Affairs Bureau"}
PROVINCE_EN = {"河南": "Henan"}  # a province as the yardsticks' `region:` names it (Chinese), in English
CALIBER_ZH = {"mofcom": "商务部", "henan_old": "河南原省级"}


def department(name: str, lang: str) -> str:
    """A department as effort.yaml names it, in `lang` (the bundled ones in English; a zone's own as written)."""
    return DEPARTMENTS_EN.get(name, name) if lang == "en" else name


def region_named(ident):
    """A region id in a message: the id in English, its Chinese name in Chinese (a `scorer.messages.Text`);
    an id not in REGION_ZH (a province's own name, say) as it is in both."""
    return ident if ident is None else both(str(ident), REGION_ZH.get(str(ident), str(ident)))


def caliber_named(ident):
    """A caliber id in a message (mofcom, henan_old), as `region_named` does regions."""
    return ident if ident is None else both(str(ident), CALIBER_ZH.get(str(ident), str(ident)))

