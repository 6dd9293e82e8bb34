"""Readiness, the action table and the Henan benchmark → the report's brief (page 2), its action table and its benchmark page.

Every number here comes from the run's readiness (`scorer.score.readiness`) or the action table
(`scorer.whatif.actions`), formatted once; nothing is computed again from the scores. The words are
in this module's own table (`TEXT`), in the report's two languages.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

from scorer.fmt import short_name
from scorer import fmt
from scorer.report import charts
from scorer.score.readiness import BOOTSTRAP

TEXT: dict[str, dict[str, str]] = {
    "brief_title": {"zh": "综合研判", "en": "Brief"},
    "overview_title": {"zh": "得分概况", "en": "Scores at a glance"},
    "verdict_sentence": {"zh": "按估算，本区在{among}（共{of}家，含本区）中居第{rank}名（5%—95%区间为第{lo}—{hi}名），"
                               "{margins}；{verdict}。",
                         "en": "By this estimate the zone would rank {rank} of {of} among {among} "
                               "(5–95% interval {lo}–{hi}), {margins}; {verdict}."},
    "margins_join": {"zh": "、", "en": " and "},
    "above": {"zh": "比{what}高{pts}分", "en": "{pts} points above {what}"},
    "below": {"zh": "比{what}低{pts}分", "en": "{pts} points below {what}"},
    "the_bottom_line": {"zh": "后{n}名线", "en": "the bottom-{n} line"},
    "the_median": {"zh": "区域中位数", "en": "the regional median"},
    "the_peer_median": {"zh": "对照中位数", "en": "the peers' median"},
    "the_peers": {"zh": "对照样本", "en": "the peers"},
    "verdict_ready": {"zh": "升级判定的各项条件均已满足", "en": "every deciding condition is met"},
    "verdict_pending": {"zh": "数据所及的条件均已满足，尚待确认{items}", "en": "the conditions the data decide are met; "
                                                                         "still to confirm: {items}"},
    "verdict_unknown": {"zh": "尚有条件无法判定：{items}", "en": "some conditions cannot be judged: {items}"},
    "verdict_failed": {"zh": "尚未满足：{items}", "en": "not yet met: {items}"},
    "card_overall": {"zh": "综合得分", "en": "Overall score"},
    "card_rank": {"zh": "中部地区估算排名", "en": "Central rank (est.)"},
    "card_rank_peers": {"zh": "对照表中估算排名", "en": "Rank among the peers (est.)"},
    "card_rank_value": {"zh": "第{rank}名", "en": "{rank}"},
    "card_rank_sub": {"zh": "共{of}家，区间{lo}—{hi}", "en": "of {of}; interval {lo}–{hi}"},
    "card_henan": {"zh": "河南国家级经开区中", "en": "Among Henan's zones"},
    "card_henan_value": {"zh": "第{k}位", "en": "{k}"},
    "card_henan_sub": {"zh": "对照已公布排名{n}家", "en": "of {m}: the {n} with published ranks and the zone"},
    "card_bottom": {"zh": "距后{n}名线", "en": "To bottom-{n} line"},
    "card_bottom_sub": {"zh": "后{n}名线{line}分", "en": "line at {line}"},
    "card_median": {"zh": "距区域中位数", "en": "To the median"},
    "card_median_peers": {"zh": "距对照中位数", "en": "To the peers' median"},
    "card_median_sub": {"zh": "中位数{median}分", "en": "median {median}"},
    "card_vs": {"zh": "较上季度{change}分", "en": "{change} on the quarter"},
    "points_signed": {"zh": "{pts}分", "en": "{pts} pts"},
    "conditions_title": {"zh": "升级条件与余量", "en": "Upgrade conditions and margins"},
    "col_condition": {"zh": "条件", "en": "Condition"},
    "col_kind": {"zh": "性质", "en": "Kind"},
    "col_status": {"zh": "判定", "en": "Status"},
    "col_margin": {"zh": "余量（+）或差距（−）", "en": "Margin (+) or shortfall (−)"},
    "col_confidence": {"zh": "可靠性", "en": "Confidence"},
    "role_condition": {"zh": "排名条件", "en": "rank"},
    "role_veto": {"zh": "一票否决", "en": "veto"},
    "role_input": {"zh": "待确认", "en": "to confirm"},
    "role_historic": {"zh": "历史门槛（仅参考）", "en": "historic (reference)"},
    "role_user": {"zh": "自定规则", "en": "user rule"},
    "status_met": {"zh": "满足", "en": "met"},
    "status_not_met": {"zh": "未满足", "en": "not met"},
    "status_unknown": {"zh": "待确认", "en": "unknown"},
    "status_not_judged": {"zh": "未判定", "en": "not judged"},  # a condition the peer set cannot decide (not the region's national zones)
    "margin_input": {"zh": "需分析人员依据全省排序或核查给出", "en": "the analyst's to give"},
    "margin_given": {"zh": "已由分析人员确认", "en": "given by the analyst"},
    "margin_veto": {"zh": "本期{value}", "en": "{value} this period"},
    "actions_title": {"zh": "今年最能提升排名的三项措施", "en": "The three actions that would move the rank most this year"},
    "action_line": {"zh": "{no}. <b>{name} {change}</b>（{dept}，{deadline}前完成）：综合得分{points}，{places}。{kind}",
                    "en": "{no}. <b>{name} {change}</b> ({dept}, by {deadline}): {points} overall, {places}. {kind}"},
    "places_up": {"zh": "排名上升{n}位（至第{rank}名）", "en": "up {n} places (to {rank})"},
    "places_none": {"zh": "排名不变", "en": "rank unchanged"},
    "kind_closable": {"zh": "年内可达标。", "en": "Closable this year."},
    "kind_nearly": {"zh": "年内基本可达标（达标需{full}，今年可完成{share}）。",
                    "en": "Nearly closable this year (the target needs {full}; {share} of it this year)."},
    "kind_structural": {"zh": "达标需{full}（增分{full_points}），超出一年可行范围，属结构性差距，今年可完成{share}。",
                        "en": "Target: {full} ({full_points}), beyond a year's reach: structural, {share} this year."},
    "no_department": {"zh": "责任部门待明确", "en": "department to assign"},
    "actions_note": {"zh": "各项措施单独测算，同时实施的效果不能简单相加；增分以达到目标值为限。",
                     "en": "Each action is scored alone; their effects do not simply add up. No action is credited "
                           "beyond its target."},
    "actions_none": {"zh": "按预设的可行范围，暂无能提高综合得分的措施。", "en": "Within the feasible ranges, no action raises the overall score."},
    "assumed_title": {"zh": "估算与假定（阅读前须知）", "en": "What is estimated or assumed"},
    "assumed_other_synthetic": {"zh": "对照表中{n}家园区标为<b>合成</b>数据，不是真实园区数据，且未声明为本区域国家级经开区：排名只是在该对照表中的位置，后5名线与区域中等水平两项条件不作判定。",
                                "en": "The {n} peers of the table are marked <b>synthetic</b>, not real zones, and are not declared the region's national zones: the rank is a place in that table only, and the bottom-5 and regional-middle conditions are not judged."},
    "assumed_peers": {"zh": "对照样本为按商务部公布的中部地区区均值校准的{n}家<b>合成</b>园区，不是真实园区数据；河南国家级经开区按其公布的2023年全国排名定位，数值亦为合成。",
                      "en": "The peers are {n} <b>synthetic</b> zones calibrated to the Ministry's central-region means, "
                            "not real zones; Henan's zones sit at their published 2023 ranks, with synthetic values."},
    "assumed_real_peers": {"zh": "对照样本为用户提供的{n}家园区数据。", "en": "The peers are the {n} zones of the user's peer table."},
    "assumed_indicators": {"zh": "{n}项指标中，{confirmed}项已确认为考核指标，{plausible}项可能计分，{own}项为本框架自定；目标值中{levels}。",
                           "en": "Of {n} indicators, {confirmed} are confirmed as assessed, {plausible} plausibly scored and "
                                 "{own} this framework's own choice; of the targets, {levels}."},
    "conf_count_low": {"zh": "可靠性低的{n}项", "en": "{n} are of low confidence"},
    "conf_count_medium": {"zh": "中等的{n}项", "en": "{n} medium"},
    "conf_count_high": {"zh": "高的{n}项", "en": "{n} high"},
    "list_sep": {"zh": "、", "en": ", "},
    "assumed_rules": {"zh": "升级条件{n}项：可靠性低的{low}项（其中历史门槛{historic}项，仅作参考），需分析人员确认的{inputs}项。",
                      "en": "{n} upgrade conditions: {low} of low confidence ({historic} historic thresholds, for "
                            "reference only), {inputs} for the analyst to confirm."},
    "assumed_interval": {"zh": "排名区间为对照样本{b}次自助重抽样的5%—95%区间，未计入目标值和样本校准的不确定性（见不确定性分析）。",
                         "en": "The rank interval is the 5–95% range over {b} bootstrap resamples of the peers; it leaves "
                               "out the uncertainty of the targets and the calibration (see the uncertainty analysis)."},
    "assumed_efforts": {"zh": "措施的一年可行范围、责任部门和完成时限为预设值，应按本区实际项目储备修订。",
                        "en": "The actions' feasible ranges, departments and deadlines are defaults for the zone to set."},
    # the Henan benchmark
    "henan_title": {"zh": "与河南国家级经开区对标", "en": "Beside Henan's national zones"},
    "henan_sentence": {"zh": "按对照样本估算，本区综合得分{score}分，{between}，与已公布2023年排名的{n}家河南国家级经开区相比（连同本区共{m}家）居第{k}位。下表的全国排名为商务部公布的2023年考核结果，各园区得分为按公布排名定位的合成值。",
                       "en": "By the peer set's estimate the zone scores {score}, {between}, and would come {k} of {m} "
                             "beside the {n} Henan national zones with published 2023 ranks (the zone included). The national ranks are the Ministry's "
                             "published 2023 results; the zones' scores are synthetic values placed at those ranks."},
    "henan_between": {"zh": "介于{above}（2023年全国第{ra}名）与{below}（全国第{rb}名）之间",
                      "en": "between {above} (ranked {ra} nationally in 2023) and {below} (ranked {rb})"},
    "henan_top": {"zh": "高于全部河南国家级经开区", "en": "above every Henan national zone"},
    "henan_bottom": {"zh": "低于{above}（2023年全国第{ra}名）", "en": "below {above} (ranked {ra} nationally in 2023)"},
    "col_zone": {"zh": "园区", "en": "Zone"},
    "col_national": {"zh": "2023年全国排名", "en": "National rank 2023"},
    "col_central": {"zh": "中部排名", "en": "Central rank"},
    "col_estimate": {"zh": "对照样本得分（合成）", "en": "Peer-set score (synthetic)"},
    "col_source": {"zh": "排名来源", "en": "Source of the rank"},
    "this_zone": {"zh": "{zone}（本区，估算）", "en": "{zone} (this zone, estimated)"},
    "rank_of": {"zh": "第{rank}名", "en": "{rank} of {of}"},
    "rank_plain": {"zh": "第{rank}名", "en": "{rank}"},
    "dist_title": {"zh": "在中部地区国家级经开区中的位置（对照样本，合成）", "en": "Where the zone sits among the central region's national zones (synthetic peers)"},
    "dist_bottom": {"zh": "后{n}名线 {x}", "en": "bottom-{n} line {x}"},
    "dist_median": {"zh": "中位数 {x}", "en": "median {x}"},
    "dist_note": {"zh": "每个灰点为对照样本中的一家园区；红点为本区，蓝点为按公布排名定位的河南国家级经开区。",
                  "en": "Each grey dot is a peer; red is the zone, blue Henan's national zones placed at their published ranks."},
    # what the Monte Carlo varies, and what it holds
    "scope_varied": {"zh": "随机变动的假设", "en": "Varied in every draw"},
    "scope_held": {"zh": "未变动（按原值或不参与判定）", "en": "Held fixed (as given, or not deciding)"},
    "v_weights": {"zh": "指标权重±{i}%，分组权重±{g}%", "en": "indicator weights ±{i}%, group weights ±{g}%"},
    "v_methods": {"zh": "标准化方法在{norm}中抽取，缺失值处理方法在{imp}中抽取", "en": "normalisation drawn from {norm}, imputation from {imp}"},
    "v_measurement": {"zh": "本期各项原始统计数据的测量误差±{m}%", "en": "measurement error of ±{m}% on each raw figure of the quarter"},
    "v_targets": {"zh": "各目标值按其可靠性在下限至目标距离的±{h}%（高）、±{md}%（中）、±{lo}%（低）内变动",
                  "en": "each target within ±{h}% (high), ±{md}% (medium) or ±{lo}% (low confidence) of its floor-to-target distance"},
    "v_peers": {"zh": "对照样本各指标的水平：依据公布数据的±{pl}%，由生成模型假定的±{pa}%；离散程度±{ps}%",
                "en": "the peers' level of each indicator ±{pl}% where set to a published figure, ±{pa}% where the peer "
                      "model assumed it; their spread ±{ps}%"},
    "v_cutoff": {"zh": "区域分界：后5名线按中部{a}家或{b}家的口径，中等水平分界在{lo}%—{hi}%之间",
                 "en": "the regional cut-offs: the bottom-5 line for a region of {a} or {b} zones, the middle between {lo}% and {hi}%"},
    "h_framework": {"zh": "指标体系本身：30项指标的选取、计算公式、五类结构和类别数", "en": "the framework itself: which indicators, their formulas, the five categories"},
    "h_history": {"zh": "上年及以前已公布的统计数据（测量误差只施加于本期数据）", "en": "last year's and earlier published figures (measurement error falls on this quarter only)"},
    "h_inputs": {"zh": "需分析人员确认的条件（{items}）：不抽样，按给出的结论或列为待确认", "en": "the analyst's conditions ({items}): not drawn; as given, or pending"},
    "h_historic": {"zh": "历史门槛：仅作参考，不参与判定", "en": "the historic thresholds: for reference only, never deciding"},
    "h_peer_set": {"zh": "对照样本的构成（合成园区及河南园区按公布排名的定位）", "en": "the peer set's make-up (the synthetic zones and Henan's zones at their published ranks)"},
    "h_efforts": {"zh": "措施的可行范围、成本、责任部门和时限", "en": "the actions' feasible ranges, costs, departments and deadlines"},
    "h_off": {"zh": "{what}（本次设为不变动）", "en": "{what} (switched off for this run)"},
    # the action table
    "table_title": {"zh": "行动清单", "en": "Action table"},
    "table_intro": {"zh": "下表列出每项可推动的统计指标：今年的目标增量（以一年可行范围为限）、达到目标值所需的增量、单项实施可增加的综合得分和排名变化，以及责任部门和完成时限。按排名上升位数、再按增分排序。",
                    "en": "Each statistic the zone can move: this year's change (within a year's feasible range), the "
                          "change that reaches the target, the overall points and rank places this year's change "
                          "brings on its own, the department and the deadline. Ordered by places gained, then points."},
    "col_statistic": {"zh": "统计指标", "en": "Statistic"},
    "col_now": {"zh": "本期值", "en": "Now"},
    "col_year": {"zh": "今年目标增量", "en": "This year"},
    "col_full": {"zh": "达标所需增量", "en": "To target"},
    "col_points": {"zh": "增分", "en": "Points"},
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_type": {"zh": "性质", "en": "Kind"},
    "col_department": {"zh": "责任部门", "en": "Department"},
    "col_deadline": {"zh": "完成时限", "en": "Deadline"},
    "type_closable": {"zh": "年内可达标", "en": "closable"},
    "type_nearly": {"zh": "基本可达标（今年{share}）", "en": "nearly closable ({share} this year)"},
    "type_structural": {"zh": "结构性（今年{share}）", "en": "structural ({share} this year)"},
    "rank_move": {"zh": "第{rank}名（↑{n}）", "en": "{rank} (↑{n})"},
    "rank_same": {"zh": "第{rank}名", "en": "{rank}"},
    "table_note": {"zh": "“达标所需增量”为再增加也不再得分的增量；一项统计指标影响多项考核指标时，以综合得分最高的增量为准。性质：增量超出一年可行范围的为结构性差距。",
                   "en": "“To target”: the change beyond which more earns nothing; where a statistic moves several "
                         "indicators, the change with the highest overall score. Structural: the change to target lies "
                         "beyond a year's feasible range."},
}


# The bundled effort.yaml's departments in English (a zone's own names are shown as written).
DEPARTMENTS_EN = {"招商局": "Investment Promotion Bureau", "经济发展局": "Economic Development Bureau", "科技局": "Science and Technology Bureau",
                  "生态环境分局": "Ecology and Environment Branch", "社会事务局": "Social Affairs Bureau",
                  "应急管理局": "Emergency Management Bureau", "财政局": "Finance Bureau", "统计局": "Statistics Bureau"}


def _department(name: str, lang: str) -> str:
    return DEPARTMENTS_EN.get(name, name) if lang == "en" else name


def _t(lang: str):
    def t(key: str, **values) -> str:
        text = TEXT[key][lang]
        return text.format(**values) if values else text
    return t


def _short(name: str, lang: str) -> str:
    """A condition's name without its parenthesised explanation (scorer.fmt.short_name)."""
    return short_name(name, lang)


def amount(w, value: float, unit: str, signed: bool = False) -> str:
    """A raw amount in running text, 万元 shown in 亿元 from 1亿 up (the way a director reads it: `w.amount`)."""
    text = w.amount(abs(value) if signed else value, unit)
    return (("+" if value >= 0 else "−") + text) if signed else text


def build(w, result, standing, verdict, readiness, actions, overall_change: tuple[str, str, str | None],
          zone_name: str = "") -> dict:
    """The views of the brief (page 2), the action table and the Henan benchmark page.

    `w`: the report's words (`scorer.report.model._Words`); `readiness`: the run's readiness (or None);
    `actions`: the action table (`scorer.whatif.actions.ActionTable`, or None); `overall_change`:
    (arrow, signed change, the earlier quarter's label) for the overall score's card; `zone_name`: the
    zone's name for the Henan benchmark table."""
    lang = w.lang
    t = _t(lang)
    fw = result.framework
    out = {"brief_t": {k: v[lang] for k, v in TEXT.items() if "{" not in v[lang]}, "brief": None, "action_table": None,
           "henan": None}
    items = _actions(w, t, actions)
    out["action_table"] = {"rows": items, "intro": t("table_intro"), "note": t("table_note")} if items else None
    if readiness is None:
        return out
    r = readiness
    side = lambda v, what: t("above" if v >= 0 else "below", pts=fmt.score(abs(v)), what=what)  # noqa: E731
    cards = [{"label": t("card_overall"), "value": fmt.score(result.overall), "of": f"/ {fmt.number(fw.meta.scale, digits=0)}",
              "sub": t("card_vs", when=overall_change[2], change=f"{overall_change[0]} {overall_change[1]}")
              if overall_change[2] else ""},
             {"label": t("card_rank" if r.regional else "card_rank_peers"), "value": t("card_rank_value", rank=r.rank), "of": "",
              "sub": t("card_rank_sub", of=r.of, lo=r.interval[0], hi=r.interval[1])}]
    if r.province:
        cards.append({"label": t("card_henan"), "value": t("card_henan_value", k=r.province["position"]), "of": "",
                      "sub": t("card_henan_sub", m=r.province["of"], n=r.province["of"] - 1)})
    if r.to_bottom_line is not None and r.regional:
        cards.append({"label": t("card_bottom", n=r.bottom_n), "value": fmt.change(r.to_bottom_line), "of": "",
                      "sub": t("card_bottom_sub", n=r.bottom_n, line=fmt.score(r.bottom_line))})
    cards.append({"label": t("card_median" if r.regional else "card_median_peers"), "value": fmt.change(r.to_median), "of": "",
                  "sub": t("card_median_sub", median=fmt.score(r.median))})
    verdict_text = _verdict_clause(t, verdict, lang, w)
    # What the zone is ranked among: the region's national zones only when the peer set says it is them
    # (a province's own table is named as such, never called the central region's national zones).
    among = (standing.group_zh if lang == "zh" else standing.group_en) if standing is not None and \
        getattr(standing, "group_zh", "") else t("the_peers")
    margins = [side(r.to_bottom_line, t("the_bottom_line", n=r.bottom_n))] if r.to_bottom_line is not None and r.regional else []
    margins.append(side(r.to_median, t("the_median") if r.regional else t("the_peer_median")))
    sentence = t("verdict_sentence", of=r.of, rank=r.rank, lo=r.interval[0], hi=r.interval[1], among=among,
                 margins=t("margins_join").join(margins), verdict=verdict_text)
    out["henan"] = _henan(w, t, r, standing, zone_name)
    out["brief"] = {
        "title": t("brief_title"), "sentence": sentence, "cards": cards,
        "conditions": [_condition(w, t, c) for c in r.conditions],
        "actions": [{"line": Markup(_action_line(w, t, a, k + 1))} for k, a in enumerate(actions.top(3))]
        if actions is not None else [],
        "actions_note": t("actions_note") if actions is not None and actions.actions else t("actions_none"),
        "assumed": [Markup(x) for x in _assumed(t, fw, r, verdict, standing)],
    }
    return out


def _verdict_clause(t, verdict, lang: str, w) -> str:
    if verdict is None:
        return ""
    name = (lambda x: _short(x.name_zh if lang == "zh" else x.name_en, lang))
    failed = [name(x) for x in verdict.rules if x.passed is False and x.deciding]
    if failed:
        return t("verdict_failed", items=w.join(failed))
    if verdict.ready:
        return t("verdict_ready")
    pending = verdict.pending
    if pending and all(x.role == "input" for x in pending):
        return t("verdict_pending", items=w.t("and").join(name(x) for x in pending) if lang == "zh" else
                 w.join([name(x) for x in pending]))
    return t("verdict_unknown", items=w.join([name(x) for x in pending]))


def _condition(w, t, c: dict) -> dict:
    lang = w.lang
    if c["role"] == "input":
        margin = t("margin_given") if c["status"] != "unknown" else t("margin_input")
    elif c["status"] == "not_judged":
        margin = "—"  # no margin to a condition the peer set cannot decide
    elif c["margin_points"] is not None:
        margin = t("points_signed", pts=fmt.change(c["margin_points"]))
    elif c["role"] == "veto" and c["value"] is not None:
        margin = t("margin_veto", value=w.amount(c["value"], c["unit"]))
    elif c["margin"] is not None:
        sign = "+" if c["margin"] >= 0 else "−"
        margin = sign + (fmt.number(abs(c["margin"]) * 100, digits=0) + "%" if c["id"] == "rank_share_max"
                         else w.amount(abs(c["margin"]), c["unit"]))
    else:
        margin = "—"
    return {"name": _short(c["name_zh"] if lang == "zh" else c["name_en"], lang), "role": t("role_" + c["role"])
            if "role_" + c["role"] in TEXT else c["role"], "status": t("status_" + c["status"]), "css": c["status"],
            "margin": margin, "confidence": w.t(f"conf_{c['confidence']}"), "deciding": c["deciding"]}


def _share(a) -> str:
    share = a.change / a.change_to_target if a.change_to_target else 1.0
    return f"{math.floor(share * 100):.0f}%"


def _places(t, a) -> str:
    return t("places_up", n=a.places, rank=a.rank_after) if a.places > 0 else t("places_none")


def _action_line(w, t, a, no: int) -> str:
    nearly = a.closable and abs(a.change) < abs(a.change_to_target) - 1e-9
    kind = t("kind_nearly", full=amount(w, a.change_to_target, a.unit, signed=True), share=_share(a)) if nearly else \
        t("kind_closable") if a.closable else t(
        "kind_structural", full=amount(w, a.change_to_target, a.unit, signed=True),
        full_points=t("points_signed", pts="+" + fmt.points(a.points_to_target)), share=_share(a))
    return t("action_line", no=no, name=escape(w.field(a.field)), change=amount(w, a.change, a.unit, signed=True),
             dept=escape(_department(a.department, w.lang)) if a.department else t("no_department"), deadline=_date(a.deadline, w.lang),
             points=t("points_signed", pts="+" + fmt.points(a.points)), places=_places(t, a), kind=kind)


def _date(d, lang: str) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {d:%b %Y}"


def _month(d, lang: str) -> str:
    """A deadline as a table cell: 2023年底, 2024年6月底, 2024年6月15日 (Dec 2023, 15 Jun 2024)."""
    end = d.day >= 28
    if lang == "zh":
        return f"{d.year}年底" if end and d.month == 12 else f"{d.year}年{d.month}月" + ("底" if end else f"{d.day}日")
    return f"{d:%b %Y}" if end else f"{d.day} {d:%b %Y}"


def _actions(w, t, actions) -> list[dict]:
    if actions is None:
        return []
    return [{"name": w.field(a.field), "now": amount(w, a.value, a.unit), "year": amount(w, a.change, a.unit, signed=True),
             "full": amount(w, a.change_to_target, a.unit, signed=True), "points": "+" + fmt.points(a.points),
             "rank": t("rank_move", n=a.places, rank=a.rank_after) if a.places > 0 else t("rank_same", rank=a.rank_after or "—"),
             "type": (t("type_closable") if abs(a.change) >= abs(a.change_to_target) - 1e-9 else t("type_nearly", share=_share(a)))
             if a.closable else t("type_structural", share=_share(a)),
             "closable": a.closable, "department": _department(a.department, w.lang) or t("no_department"), "deadline": _month(a.deadline, w.lang)}
            for a in actions.actions]


def _assumed(t, fw, r, verdict, standing) -> list[str]:
    out = []
    n_peers = r.of - 1
    if r.synthetic and r.regional:
        out.append(t("assumed_peers", n=n_peers))
    elif r.synthetic:  # a table marked synthetic that is not the bundled, calibrated set of the region's zones
        out.append(t("assumed_other_synthetic", n=n_peers))
    else:
        out.append(t("assumed_real_peers", n=n_peers))
    inds = list(fw.indicators.values())
    status = [i.spec.evidence.status if i.spec.evidence is not None else "own" for i in inds]
    conf = [i.target.confidence if i.target is not None else "low" for i in inds]
    levels = t("list_sep").join(t(f"conf_count_{c}", n=conf.count(c)) for c in ("low", "medium", "high") if conf.count(c))
    out.append(t("assumed_indicators", n=len(inds), confirmed=status.count("confirmed"), plausible=status.count("plausible"),
                 own=status.count("own"), levels=levels))
    if verdict is not None:
        rules = verdict.rules
        out.append(t("assumed_rules", n=len(rules), low=sum(x.confidence == "low" for x in rules),
                     historic=sum(x.role == "historic" for x in rules), inputs=sum(x.role == "input" for x in rules)))
    out.append(t("assumed_interval", b=f"{BOOTSTRAP:,}"))
    out.append(t("assumed_efforts"))
    return out




def _henan(w, t, r, standing, zone_name: str) -> dict | None:
    """The zone beside its province's national zones (published ranks, cited) and the region's distribution."""
    p = r.province
    if p is None:
        return None
    en = w.lang == "en"
    zones = [{**z, "zone": z["zone_en"] if en else z["zone"], "source": z["source_en"] if en else z["source"]}
             for z in p["zones"]]
    rows = [{"zone": z["zone"], "national": t("rank_of", rank=z["national_rank"], of=z.get("of") or "—"),
             "central": t("rank_plain", rank=z["region_rank"]) if z.get("region_rank") else "—",
             "score": fmt.score(z["score"]), "source": z.get("source", ""), "zone_row": False} for z in zones]
    k = p["position"] - 1
    rows.insert(k, {"zone": t("this_zone", zone=zone_name), "national": "—", "central": t("rank_of", rank=r.rank, of=r.of),
                    "score": fmt.score(r.score), "source": "", "zone_row": True})
    above = zones[k - 1] if k > 0 else None
    below = zones[k] if k < len(zones) else None
    if above and below:
        between = t("henan_between", above=above["zone"], ra=above["national_rank"], below=below["zone"],
                    rb=below["national_rank"])
    elif above:
        between = t("henan_bottom", above=above["zone"], ra=above["national_rank"])
    else:
        between = t("henan_top")
    peers = [float(v) for v in standing.peer_scores.to_numpy()] if standing is not None and standing.peer_scores is not None else []
    lines = [(t("dist_median", x=fmt.score(r.median)), r.median)]
    if r.bottom_line is not None:
        lines.insert(0, (t("dist_bottom", n=r.bottom_n, x=fmt.score(r.bottom_line)), r.bottom_line))
    chart = charts.distribution(peers, (zone_name or "●", r.score),
                                [(z["zone"], z["score"]) for z in zones], lines) if peers else None
    return {"title": t("henan_title"), "sentence": t("henan_sentence", score=fmt.score(r.score), between=between,
                                                      m=p["of"], n=p["of"] - 1, k=p["position"]),
            "rows": rows, "chart": chart, "chart_title": t("dist_title"), "chart_note": t("dist_note")}


METHOD_NAMES = {"targets": ("目标值法", "goalposts (targets)"), "peers": ("对照样本最小—最大值法", "min-max over the peers"),
                "locf": ("沿用上期", "carry forward"), "none": ("不插补", "none"), "mean": ("均值插补", "mean"),
                "median": ("中位数插补", "median")}


def uncertainty_scope(u, verdict, lang: str) -> dict:
    """What the Monte Carlo varied and what it held fixed, from its own assumptions (`UncertaintyResult.assumptions`)."""
    from scorer.whatif.uncertainty import ASSUMED_LEVEL, REGION_COUNTS, TARGET_SPREAD

    t = _t(lang)
    a = u.assumptions
    names = lambda ms: t("list_sep").join(METHOD_NAMES.get(m, (m, m))[lang == "en"] for m in ms)  # noqa: E731
    varied, held = [t("v_weights", i=f"{a.indicator_weights:g}", g=f"{a.group_weights:g}"),
                    t("v_methods", norm=names(a.normalisation), imp=names(a.imputation)),
                    t("v_measurement", m=f"{a.measurement:g}")], []
    spread = {k: f"{v * a.targets * 100:g}" for k, v in TARGET_SPREAD.items()}
    (varied if a.targets > 0 else held).append(
        t("v_targets", h=spread["high"], md=spread["medium"], lo=spread["low"]) if a.targets > 0 else
        t("h_off", what=t("v_targets", h=5, md=15, lo=30)))
    if a.peer_levels > 0 or a.peer_spreads > 0:
        varied.append(t("v_peers", pl=f"{a.peer_levels:g}", pa=f"{min(a.peer_levels * ASSUMED_LEVEL, 90):g}",
                        ps=f"{a.peer_spreads:g}"))
    (varied if a.cutoff else held).append(t("v_cutoff", a=REGION_COUNTS[0], b=REGION_COUNTS[1], lo=45, hi=55)
                                          if a.cutoff else t("h_off", what=t("v_cutoff", a=REGION_COUNTS[0],
                                                                             b=REGION_COUNTS[1], lo=45, hi=55)))
    held += [t("h_framework"), t("h_history")]
    if verdict is not None:
        inputs = [_short(x.name_zh if lang == "zh" else x.name_en, lang) for x in verdict.rules if x.role == "input"]
        if inputs:
            held.append(t("h_inputs", items=t("list_sep").join(inputs)))
        if any(x.role == "historic" for x in verdict.rules):
            held.append(t("h_historic"))
    held += [t("h_peer_set"), t("h_efforts")]
    return {"varied_title": t("scope_varied"), "held_title": t("scope_held"), "varied": varied, "held": held}
