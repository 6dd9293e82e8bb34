"""Readiness, the action table and the Henan benchmark → the report's brief (page 2), its action table and its benchmark page.

Every number here comes from the run's readiness (`scorer.score.readiness`) or the action table
(`scorer.whatif.actions`), formatted once; nothing is computed again from the scores. The words are
in the report's one table of words (`scorer.i18n.TEXT`), in its two languages.
"""

from __future__ import annotations


from markupsafe import Markup, escape

from scorer.fmt import short_name
from scorer.i18n import TEXT, cumulative_label, translator
from scorer import fmt
from scorer.i18n import DEPARTMENTS_EN, department  # noqa: F401  (DEPARTMENTS_EN: tests read it here)
from scorer.report import charts, history
from scorer.report.plan_view import verdict_inputs
from scorer.score.panel import ESTIMATED
from scorer.score.readiness import BOOTSTRAP, met_text, worst_case_misses
from scorer.score.rules import doubt_range_text, not_comparable_mark
from scorer.messages import msg, written
from scorer.whatif.actions import CLOSE_SHARE
from scorer.whatif.respread import note as respread_note, points_shown



def _department(name: str, lang: str) -> str:
    return department(name, lang)


def _short(name: str, lang: str) -> str:
    """A condition's name without its parenthesised explanation (scorer.fmt.short_name)."""
    return short_name(name, lang)


def amount(w, value: float, unit: str, signed: bool = False, like: float | None = None) -> str:
    """A raw amount in running text, 万元 shown in 亿元 from 1亿 up (the way a director reads it: `w.amount`); `like`:
    the level of the statistic, whose unit a change takes."""
    text = w.amount(abs(value) if signed else value, unit, like=like)
    return (("+" if value >= 0 else "−") + text) if signed else text


def trend_words(arrow: str, change: str, w) -> str:
    """A change in score points as every line of the report writes it (the summary card, a category's score line):
    "↑ +1.3分" / "↑ +1.3 pts", or "—" without an earlier score (bt13: the card said 较上季度↑ +1.3分, the chapter
    较上季↑+0.1). `arrow`, `change`: `_trend`'s."""
    if change == "—" or not arrow:  # no earlier score, or not comparable with it (history.change_between)
        return change
    return f"{arrow} {change}{w.t('points_unit')}"


def build(w, result, standing, verdict, readiness, actions, overall_change: tuple[str, str, str | None],
          zone_name: str = "", coverage=None) -> dict:
    """The views of the brief (page 2), the action table and the Henan benchmark page.

    `w`: the report's words (`scorer.report.model._Words`); `readiness`: the run's readiness (or None);
    `actions`: the action table (`scorer.whatif.actions.ActionTable`, or None); `overall_change`:
    (arrow, signed change, the earlier quarter's label) for the overall score's card; `zone_name`: the
    zone's name for the Henan benchmark table; `coverage`: the report's `history.coverage(result)`, made once
    (None: made here)."""
    lang = w.lang
    t = translator(lang)
    fw = result.framework
    out = {"brief_t": {k: v[lang] for k, v in TEXT.items() if "{" not in v[lang]}, "brief": None, "action_table": None,
           "henan": None}
    items = _actions(w, t, actions)
    # Before the fourth quarter a flow's action is in full-year terms (scorer.whatif.efforts.resolve_efforts): said so.
    annual = t("actions_annual", span=cumulative_label(result.period, lang)) \
        if actions is not None and any(a.annual_method for a in actions.actions) else ""
    # the fields left out of the table (a doubtful figure, or one their change reaches: bt11l F3) are said below it
    out["action_table"] = {"rows": items, "intro": t("table_intro"), "note": t("table_note", close=f"{CLOSE_SHARE:.0%}") + annual,
                           "left_out": [n.in_(lang) if hasattr(n, "in_") else str(n) for n in actions.notes]} if items else None
    if readiness is None:
        return out
    r = readiness
    rules = {x.id: x for x in verdict.rules} if verdict is not None else {}  # each condition's RuleResult, by id
    side = lambda v, what: t("brief_above" if v >= 0 else "brief_below", pts=fmt.score(abs(v)), what=what)  # noqa: E731
    cards = [{"label": t("card_overall"), "value": fmt.score(result.overall), "of": f"/ {fmt.number(fw.meta.scale, digits=0)}",
              "sub": t("card_vs", when=overall_change[2], change=trend_words(overall_change[0], overall_change[1], w))
              if overall_change[2] else ""},
             {"label": t("card_rank" if r.regional else "card_rank_peers"), "value": t("card_rank_value", rank=r.rank), "of": "",
              "sub": t("card_rank_sub", of=r.of, interval=fmt.rank_span(*r.interval, lang) + held_words(r, lang, short=True))}]
    if r.province:
        level = level_with(r.province, r.score, w.lang)
        cards.append({"label": t("card_henan", **province_words(r.province, w.lang)), "value": t("card_henan_value", k=r.province["position"]), "of": "",
                      "sub": t("card_henan_tie", m=r.province["of"], zones=t("list_sep").join(level)) if level else
                      t("card_henan_sub", m=r.province["of"], n=r.province["of"] - 1)})
    if r.to_bottom_line is not None and r.regional:
        cards.append({"label": t("card_bottom", n=r.bottom_n), "value": fmt.change(r.to_bottom_line), "of": "",
                      "sub": t("card_bottom_sub", n=r.bottom_n, line=fmt.score(r.bottom_line))})
    # A peer table covering some indicators ranks the zone on those only (scorer.score.peers.covered_framework):
    # that score, not the overall one, is what the rank and every margin are measured from, and it is shown.
    ranked = r.score if result.overall is not None and abs(r.score - result.overall) >= 0.05 else None
    if ranked is not None:
        cards.append({"label": t("card_ranked_score"), "value": fmt.score(ranked), "of": f"/ {fmt.number(fw.meta.scale, digits=0)}",
                      "sub": t("card_ranked_score_sub")})
    cards.append({"label": t("card_median" if r.regional else "card_median_peers"), "value": fmt.change(r.to_median), "of": "",
                  "sub": t("card_median_sub", median=fmt.score(r.median))})
    if (rng := result.doubt_range()) is not None:  # doubtful figures left out can raise the score: the worst case too
        cards[0]["worst"] = t("card_worst", worst=fmt.score(rng[0]))
    if result.empty_categories:  # every card's figure rests on an overall made without whole categories: tagged
        for c in cards:
            c["flag"] = t("not_comparable_flag")
    if not r.comparable:  # the rank and margins rest on doubtful peer columns (scorer.score.peer_magnitude): tagged
        for c in cards[1:]:
            c["flag"] = t("not_comparable_flag")
    if (result.empty_categories or rng is not None) and overall_change[2]:
        # the headline rests on doubtful or dropped data: its change on the quarter is no change the zone made (bt11k F8:
        # 不可比 71.2 beside ↑ +0.4分, where the right figures give −0.8); the quarter before it: history.change_between
        cards[0]["sub"] = t("card_vs", when=overall_change[2], change=t("not_comparable_flag"))
    worst_fails, misses = [], worst_case_misses(r.conditions, result)
    if rng is not None:  # every card rests on the overall made with doubtful values left out (bt-i11 F3): tagged
        for c in cards:
            c.setdefault("flag", (msg("doubtful data") if any(i.doubtful for i in result.indicators)
                                  else msg("figures missing")).in_(lang))  # ScoreResult.unknown alone (bt12i F1)
        # The conditions met now that the worst case would miss: a rank condition's margin, less the points the
        # doubtful indicators could take away (the overall minus its worst case).
        worst_fails = [_short(c["name_zh"] if lang == "zh" else c["name_en"], lang) for c in r.conditions
                       if c["id"] in misses]
    verdict_text = _verdict_clause(t, verdict, lang, w)
    fragile = [_short(c["name_zh"] if lang == "zh" else c["name_en"], lang) for c in r.conditions
               if c.get("across_interval") is False and c["deciding"]]
    if fragile:  # met at the estimated rank, not across its interval: said beside the verdict, not hidden
        verdict_text += t("brief_verdict_fragile", items=w.join(fragile))
    # What the zone is ranked among: the region's national zones only when the peer set says it is them
    # (a province's own table is named as such, never called the central region's national zones).
    among = (standing.group_zh if lang == "zh" else standing.group_en) if standing is not None and \
        getattr(standing, "group_zh", "") else t("the_peers")
    margins = [side(r.to_bottom_line, t("the_bottom_line", n=r.bottom_n))] if r.to_bottom_line is not None and r.regional else []
    margins.append(side(r.to_median, t("the_median") if r.regional else t("the_peer_median")))
    margins_text = t("margins_join").join(margins)
    if ranked is not None:
        margins_text = t("margins_ranked_score", score=fmt.score(ranked)) + margins_text
    sentence = t("verdict_sentence", of=r.of, rank=r.rank, interval=fmt.rank_span(*r.interval, lang) + held_words(r, lang),
                 among=among,
                 margins=margins_text, verdict=verdict_text)
    # the Henan page rests on the same score and rank as page 2's cards: not comparable there, not comparable here,
    # with page 2's reason (bt13j F10: the page placed the zone 5th of 8 plainly while page 2 said 不可比)
    comparable = not result.empty_categories and r.comparable and result.doubt_range() is None
    out["henan"] = _henan(w, t, r, standing, zone_name, comparable)
    if out["henan"] is not None and not comparable:
        out["henan"]["caveat"] = " ".join(x for x in (doubt_range_text(result, lang) or "",
                                                       r.doubt_line().in_(lang) if not r.comparable else "") if x)
    out["brief"] = {
        "title": t("brief_title"), "sentence": sentence, "cards": cards,
        "doubt_range": (doubt_range_text(result, lang) or "") + (msg(" At the worst case it would fail: {conditions}.",
                                                                     conditions=w.join(worst_fails)).in_(lang)
                                                                 if worst_fails else ""),
        "peer_doubt": r.doubt_line().in_(lang) if not r.comparable else "",
        "conditions": [_condition(w, t, c, rules.get(c["id"]), c["id"] in misses) for c in r.conditions],
        "actions": [{"line": Markup(_action_line(w, t, a, k + 1))} for k, a in enumerate(actions.top(3))]
        if actions is not None else [],
        "combined": combined_line(w, t, r, actions),
        # with the actions' combined effect above it, the note keeps only its limit ("do not simply add up" is shown)
        "actions_note": ((msg("No action is credited beyond its target.").in_(lang) if getattr(actions, "combined", None)
                          else t("actions_note")) + annual if actions is not None and actions.actions else t("actions_none"))
        + _respread(w, fw, actions),
        # under the cards it explains, not under the actions (bt12i F3: read as about the actions)
        "cards_note": _rounding(t, r, w).strip(),
        "assumed": [Markup(x) for x in _assumed(t, fw, r, verdict, standing, w.name, w.lang, actions) + _estimated(w, t, result, r, coverage, standing)],
    }
    interval = t("assumed_interval", b=f"{BOOTSTRAP:,}")  # the item an uncertainty analysis answers (`with_analyses`)
    out["brief"]["interval_at"] = next((k for k, x in enumerate(out["brief"]["assumed"]) if x == interval), None)
    return out


def held_words(r, lang: str, short: bool = False) -> str:
    """What a rank interval of one place leaves out (bt13j F12: 第1名（区间第1名） for a zone that 8 peers exceed on every
    size measure): the interval resamples the peers only, with the targets and the normalisation held, so a single
    place is that method's certainty, not the rank's; said beside it. "" for an interval of more than one place."""
    if r.interval is None or round(r.interval[0]) != round(r.interval[1]):
        return ""
    if short:
        return msg(" (peers resampled only)").in_(lang)
    return msg(" (only the peers resampled: the targets and the normalisation held, under which the rank can differ)"
               ).in_(lang)


def combined_line(w, t, r, actions) -> str:
    """What the brief's actions achieve together (`ActionTable.combined`: the zone re-scored with all their changes at
    once, never their points added), and for each deciding condition not met by a margin in points (达到区域中等水平,
    0.1 short) which of them closes it: any one, the ones numbered, all together, or how far all together leave it.
    "" without a combined row (fewer than two actions). A condition on the score is closed by points ≥ its shortfall
    (the peers do not move when the zone acts)."""
    c = getattr(actions, "combined", None) if actions is not None else None
    if c is None:
        return ""
    top = actions.top(len(c.fields))
    n = len(top)
    text = msg("All {n} together (the zone re-scored with every change at once, not their points added): {points}, to "
               "{overall}, {places}.", n=n if w.lang == "en" else "两三四五"[n - 2] if n <= 5 else n,
               points=t("points_signed", pts=points_shown(c.points, c.points_range, w.lang)), overall=fmt.score(c.overall_after),
               places=_places(t, c)).in_(w.lang)
    for cond in r.conditions:
        if cond["status"] != "not_met" or not cond["deciding"] or cond.get("margin_points") is None \
                or cond["margin_points"] >= 0:
            continue
        need = -cond["margin_points"]
        name = _short(cond["name_zh"] if w.lang == "zh" else cond["name_en"], w.lang)
        name = f"「{name}」" if w.lang == "zh" else f"“{name}”"
        short = t("points_signed", pts=fmt.score(need))
        alone = [k + 1 for k, a in enumerate(top) if a.points >= need]
        if len(alone) == n:
            how = msg("any one of them closes it")
        elif alone:
            how = msg("action {items} alone closes it", items=t("list_sep").join(map(str, alone)))
        elif c.points >= need:
            how = msg("all of them together close it")
        else:
            how = msg("all of them together leave it {short} short", short=t("points_signed", pts=fmt.score(need - c.points)))
        text += msg(" {condition} is {short} short: {how}.", condition=name, short=short, how=how).in_(w.lang)
    return text


def _rounding(t, r, w) -> str:
    """A margin printed from the unrounded scores (as the JSON gives it) that is not the difference of the two scores
    as the cards print them (70.8 and 54.7, +16.2) is said to be so (the statistics office's own practice)."""
    pairs = [(t("card_bottom", n=r.bottom_n), r.to_bottom_line, r.bottom_line)] if r.to_bottom_line is not None \
        and r.regional else []
    pairs.append((t("card_median" if r.regional else "card_median_peers"), r.to_median, r.median))
    off = [name for name, margin, line in pairs if not fmt.adds_up(margin, r.score, line)]
    if off and w.lang == "en":  # named as margins in a sentence, not by the cards' labels ("to bottom-5 line differs")
        names = {pairs[0][0]: msg("the margin to the bottom-{n} line", n=r.bottom_n)} if len(pairs) == 2 else {}
        median = msg("the margin to the median") if r.regional else msg("the margin to the peers' median")
        items = " and ".join(names.get(x, median).in_("en") for x in off)
        if len(off) == 1:
            return msg(" Because of rounding, {items} differs by 0.1 from the difference of the two scores shown.",
                       items=items).in_("en")
        return msg(" Because of rounding, {items} each differ by 0.1 from the difference of their two scores shown.",
                   items=items).in_("en")
    return t("rounding_note", items=w.join([w.mid(x) for x in off])) if off else ""


def _conditions(names: list[str], lang: str, w) -> str:
    """Conditions named inside the verdict's sentence (scorer.fmt.conditions_en in English)."""
    return w.join(names) if lang == "zh" else fmt.conditions_en(names)


def _verdict_clause(t, verdict, lang: str, w) -> str:
    if verdict is None:
        return ""
    name = (lambda x: _short(x.name_zh if lang == "zh" else x.name_en, lang))
    failed = [name(x) for x in verdict.rules if x.passed is False and x.deciding]
    if failed:
        return t("brief_verdict_failed", items=_conditions(failed, lang, w))
    # A historic threshold not met sits in the conditions table below the sentence: "every condition the data
    # decide is met" above a 未满足 row read as a contradiction; the sentence says which conditions it means.
    historic = [name(x) for x in verdict.rules if x.passed is False and not x.deciding]
    aside = t("brief_verdict_historic", items=_conditions(historic, lang, w)) if historic else ""
    if verdict.ready:
        return t("brief_verdict_ready") + aside
    pending = verdict.pending
    if pending and all(x.role == "input" for x in pending):
        return t("brief_verdict_pending", items=w.t("and").join(name(x) for x in pending) if lang == "zh" else
                 _conditions([name(x) for x in pending], lang, w), remain="remains" if len(pending) == 1 else "remain") + aside
    # Conditions the peer table cannot decide say why beside the verdict (another region's zones, too few indicators).
    by_why: dict[str, list[str]] = {}  # conditions not judged for a reason, said beside them (too few peer indicators …)
    for x in pending:
        if x.reason:
            by_why.setdefault((x.why_zh if lang == "zh" else x.why_en) or "", []).append(name(x))
    items = [w.join(names) + (t("brief_not_judged_why", why=why) if why else "") for why, names in by_why.items()] \
        + [name(x) for x in pending if not x.reason]
    return t("brief_verdict_unknown", items=w.join(items)) + aside


def _condition(w, t, c: dict, rule=None, worst_misses: bool = False) -> dict:
    """A row of page 2's conditions table; `worst_misses`: met now, missed at the worst case of a doubtful overall
    (scorer.score.readiness.worst_case_misses), said in its state, never a plain 满足."""
    lang = w.lang
    if c["role"] == "input":
        margin = t("margin_given") if c["status"] != "unknown" else t("margin_input")
    elif c["status"] == "not_judged" and c["role"] == "veto" and c["value"] is not None:
        other = getattr(rule, "also_counts", ()) or ("其他事项", "other things")  # a mixed count: what it holds
        margin = t("margin_veto_to_confirm", value=w.amount(c["value"], c["unit"]), other=other[lang == "en"])
    elif c["status"] == "not_judged" and getattr(rule, "doubt", ()):  # a figure it reads is doubtful (bt11i F3)
        margin = msg("doubtful data: see Data quality").in_(lang)
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
    # an analyst's answer once given is what it is, no longer one to confirm (bt13j F21)
    role = msg("analyst's answer").in_(lang) if c["role"] == "input" and c["status"] != "unknown" else \
        t("brief_role_" + c["role"]) if "brief_role_" + c["role"] in TEXT else c["role"]
    return {"name": _short(c["name_zh"] if lang == "zh" else c["name_en"], lang), "role": role, "status": met_text(lang) if worst_misses else
            t("status_met_fragile") if c.get("across_interval") is False else t("status_" + c["status"]),
            "css": "unknown" if worst_misses or c.get("across_interval") is False else c["status"],
            # words, not a figure (待核实, to confirm …): a cell that wraps, never a nowrap number cell run off the page (bt13k F4)
            "margin_words": margin not in ("—",) and not any(ch.isdigit() for ch in margin[:2]) or len(margin) > 24,
            "margin": margin, "confidence": w.t(f"conf_{c['confidence']}") + w.t("conf_unverified") * any(
                e.get("unverified") for e in c.get("cites") or [] if isinstance(e, dict)), "deciding": c["deciding"]}


def _share(a) -> str:
    """This year's part of the change to target (`ActionItem.share_this_year`)."""
    return a.share_this_year


def amounts_apart(w, a) -> tuple[str, str]:
    """This year's change and the change to target, signed, as `w` prints them: apart whenever they differ (one more
    decimal, up to three, where the customary ones print alike: "+2.413亿元 … 达标需+2.414亿元", never "+2.41亿元 …
    达标需+2.41亿元，一年内可完成99%"), each figure rounded once for both languages (`_Words.amount`)."""
    for extra in range(4):
        year, full = (amount_extra(w, v, a.unit, extra, level(a)) for v in (a.change, a.change_to_target))
        if year != full or a.change == a.change_to_target:
            return year, full
    return year, full


def level(a) -> float | None:
    """The level an action's statistic is said at, now or at its target (whichever is larger), so that its figure
    now and its changes take one unit (`_Words.amount`'s `like`); None for an item without its value."""
    value = getattr(a, "value", None)
    return None if value is None else max(abs(value), abs(value + a.change_to_target))


def amount_extra(w, value: float, unit: str, extra: int, like: float | None = None) -> str:
    text = w.amount(abs(value), unit, extra=extra, like=like)
    return ("+" if value >= 0 else "−") + text


def kind_text(t, a) -> str:
    """An action's kind in the action table's words (`ActionItem.kind`, decided once in scorer.whatif.actions)."""
    return t("type_" + a.kind, share=_share(a))


def _places(t, a) -> str:
    if a.places <= 0:
        return t("places_none")
    return t("places_up_one" if a.places == 1 else "places_up", n=a.places, rank=a.rank_after)


def _action_line(w, t, a, no: int) -> str:
    year, full = amounts_apart(w, a)
    kind = t("kind_closable") if a.kind == "closable" else t("kind_nearly", full=full, share=_share(a)) \
        if a.kind == "nearly" else t("kind_structural", full=full,
                                     full_points=t("points_signed", pts="+" + fmt.points(a.points_to_target)), share=_share(a))
    return t("action_line", no=no, name=escape(w.field(a.field)), change=year,
             dept=escape(_department(a.department, w.lang)) if a.department else t("no_department"), deadline=_date(a.deadline, w.lang),
             points=t("points_signed", pts=points_shown(a.points, a.points_range, w.lang)) + _counted(w, t, a),
             places=_places(t, a), kind=kind)


def _counted(w, t, a) -> str:
    """What an action's points count when its statistic moves more than one indicator: the report's one-indicator
    table (单项指标改进一步) counts each alone, so the two figures differ, and the action says why (实际使用外资 +4.18
    counts its amount and its share of the city; more trade lowers 高新技术产品进出口额占比)."""
    names = lambda ids: w.join([escape(w.name(w.fw.indicators[i])) for i in ids])  # noqa: E731
    n = len(a.raises)
    count = "两三四五六七八九"[n - 2] if w.lang == "zh" and 2 <= n <= 9 else str(n)
    parts = ([t("counted_raised", items=names(a.raises), n=count)] if n > 1 else []) + \
        ([t("counted_lowered", items=names(a.lowers))] if a.lowers else [])
    return t("counted", parts=t("counted_sep").join(parts)) if parts else ""


def _respread(w, fw, actions) -> str:
    """Page 2's word on its actions' points shown as a range (bt11l F2: doubtful indicators left out re-spread their
    category's weight): "" when none of the three, nor their combined row, is."""
    if actions is None:
        return ""
    shown = actions.top(3) + ([actions.combined] if getattr(actions, "combined", None) else [])
    said = respread_note(fw, [g for g in fw.top_groups if any(g in x.respread for x in shown)])
    return "" if said is None else (" " if w.lang == "en" else "") + said.in_(w.lang) + ("。" if w.lang == "zh" else ".")


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
    return [{"name": w.field(a.field), "now": amount(w, a.value, a.unit, like=level(a)), "estimated": a.annual_method in ESTIMATED,
             "year": apart[0], "full": apart[1], "points": points_shown(a.points, a.points_range, w.lang),
             "rank": t("rank_move", n=a.places, rank=a.rank_after) if a.places > 0 else t("rank_same", rank=a.rank_after or "—"),
             "type": kind_text(t, a), "closable": a.kind == "closable",
             "department": _department(a.department, w.lang) or t("no_department"), "deadline": _month(a.deadline, w.lang)}
            for a in actions.actions for apart in [amounts_apart(w, a)]]


def _assumed(t, fw, r, verdict, standing, name, lang: str, actions=None) -> list[str]:
    out = []
    n_peers = r.of - 1
    if r.synthetic and r.regional:
        out.append(t("assumed_peers", n=n_peers))
        if r.province:
            out[-1] += t("assumed_province", **province_words(r.province, lang))
        if r.scaled:  # counts whose level is a national mean × a ratio, not a published central figure
            out[-1] += t("assumed_scaled", n=len(r.scaled), items=t("list_sep").join(
                name(fw.indicators[i]) for i in r.scaled if i in fw.indicators))
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
        # to confirm: the analyst's inputs, and a veto whose count the statistics cannot judge (bt13k F5: 2 said, 3 shown)
        confirm = sum(x.role == "input" or (x.role == "veto" and x.passed is None and x.value is not None) for x in rules)
        user = sum(x.role == "user" for x in rules)
        out.append(t("assumed_rules", n=len(rules), low=sum(x.confidence == "low" for x in rules),
                     historic=sum(x.role == "historic" for x in rules), inputs=confirm)
                   + (t("assumed_rules_user", n=user) if user else ""))
    out.append(t("assumed_interval", b=f"{BOOTSTRAP:,}"))
    out.append(efforts_said(t, actions, lang))
    return out


def efforts_said(t, actions, lang: str) -> str:
    """The box's item on the actions' ranges, departments and deadlines: defaults while they are the bundled ones,
    else how many the analyst set (`scorer.whatif.efforts.set_by_analyst`; bt13j F8: the box still called them
    defaults after the analyst had edited them)."""
    from scorer.whatif.efforts import set_by_analyst

    edited, of = set_by_analyst(actions.effort_path) if getattr(actions, "effort_path", None) else (0, 0)
    if not edited:
        return t("assumed_efforts")
    if edited >= of:
        return msg("The actions' feasible ranges, departments and deadlines are the analyst's.").in_(lang)
    return msg("The actions' feasible ranges, departments and deadlines are the analyst's for {n} of {m:# statistic|# statistics}; "
               "the others are defaults for the zone to set.", n=edited, m=of).in_(lang)


def _estimated(w, t, result, r, coverage=None, standing=None) -> list[str]:
    """What this quarter's figures are not, said on page 2: flows of part of a year projected to the full
    year (`IndicatorResult.annual_method`), growth rates at current prices scored against targets set at
    comparable prices (`IndicatorResult.price_basis`), scores resting on fewer indicators than in other quarters
    (`history.coverage`), and data of one year ranked against peers of another
    (`Readiness.peer_year`)."""
    out = []
    projected = [i for i in result.indicators if i.annual_method in ("seasonal", "linear") and i.value is not None]
    if projected:
        methods = t("or").join(t(f"annual_{m}") for m in sorted({i.annual_method for i in projected}))
        out.append(t("assumed_projected", n=len(projected), span=cumulative_label(result.period, w.lang),
                     items=w.join([w.mid(w.name(i)) for i in projected[:3]]), methods=methods))
    current = [w.name(i) for i in result.indicators if i.value is not None and i.price_basis == "nominal"]
    if current:
        out.append(t("assumed_current_prices", items=w.join(current)))
    partial = (coverage or history.coverage(result)).partial  # this quarter's scores resting on fewer indicators
    names = {"index": t("overall"), **{g.id: w.name(g) for g in result.groups}}
    items = [t("trend_partial_item", quarter="", name=names[key], n=partial[key][result.period][0],
               usual=partial[key][result.period][1]) for key in names if result.period in partial.get(key, {})]
    if items:
        out.append(t("assumed_coverage", items=t("item_sep").join(items)))
    from scorer.score.rank_bounds import unreported_moves

    if (moves := unreported_moves(result, standing, r.conditions)) is not None:  # a gap by design that can move it (bt12i F1)
        named = {i.id: i for i in result.indicators}
        conds = {c["id"]: _short(c["name_zh"] if w.lang == "zh" else c["name_en"], w.lang) for c in r.conditions}
        out.append(msg("{items}: not reported this quarter by design, so left out of the score; at {n:its|their} lowest and "
                       "at full marks the zone would rank anywhere from {best} to {worst}, and {conditions} could be judged "
                       "otherwise once {n:it is|they are} reported.", n=len(moves["indicators"]),
                       items=w.join([w.name(named[i]) for i in moves["indicators"]]), best=moves["rank_range"][0],
                       worst=moves["rank_range"][1],
                       conditions=w.join([("「{}」" if w.lang == "zh" else "“{}”").format(conds[c])
                                          for c in moves["conditions"]])).in_(w.lang))
    year = int(result.period[:4])
    if r.peer_year is not None and r.peer_year != year:
        out.append(t("assumed_peer_year", year=year, peer_year=r.peer_year))
    return out




def level_with(province: dict, score: float, lang: str) -> list[str]:
    """The province's zones whose score prints as the zone's (66.3 beside 66.3): the table and the position
    order them by the unrounded scores, which the report then says (`henan_tie`), never a silent order."""
    return [z["zone_en"] if lang == "en" else z["zone"] for z in province["zones"]
            if fmt.score(z["score"]) == fmt.score(score)]


def henan_tie(t, province: dict, score: float, lang: str) -> str:
    """After the zone's place among the province's zones: the zones level with it as printed, and the rule
    that orders them (the unrounded scores, as `readiness._province` places the zone); "" without a tie."""
    level = level_with(province, score, lang)
    return t("henan_tie", zones=t("list_sep").join(level), score=fmt.score(score)) if level else ""


def province_words(p: dict, lang: str) -> dict:
    """{province, year} for the texts of the province benchmark: the province as the peer set's placed zones name it
    (the yardsticks' `region:`, Chinese; PROVINCE_EN in English) and the year of their published national ranks (the
    latest of them), so that no text names Henan or 2023 for a zone of another province or year (bt15)."""
    from scorer.i18n import PROVINCE_EN

    years = [z["year"] for z in p.get("zones", ()) if z.get("year")]
    return {"province": p["province"] if lang == "zh" else PROVINCE_EN.get(p["province"], p["province"]),
            "year": max(years) if years else "—"}


def _henan(w, t, r, standing, zone_name: str, comparable: bool = True) -> dict | None:
    """The zone beside its province's national zones (published ranks, cited) and the region's distribution; the
    zone's score tagged not comparable (scorer.score.rules.not_comparable_mark) when made without whole categories."""
    p = r.province
    score = not_comparable_mark(fmt.score(r.score), comparable, w.lang)
    if p is None:
        return None
    en = w.lang == "en"
    pw = province_words(p, w.lang)
    zones = [{**z, "zone": z["zone_en"] if en else z["zone"], "source": z["source_en"] if en else z["source"]}
             for z in p["zones"]]
    rows = [{"zone": z["zone"], "national": t("rank_of", rank=z["national_rank"], of=z.get("of") or "—"),
             "central": t("rank_plain", rank=z["region_rank"]) if z.get("region_rank") else "—",
             "score": fmt.score(z["score"]), "source": z.get("source", ""), "zone_row": False} for z in zones]
    k = p["position"] - 1
    rows.insert(k, {"zone": t("this_zone", zone=zone_name), "national": "—",
                    "central": not_comparable_mark(t("rank_of", rank=r.rank, of=r.of), comparable, w.lang),
                    "score": score, "source": t("henan_zone_source"), "zone_row": True})
    above = zones[k - 1] if k > 0 else None
    below = zones[k] if k < len(zones) else None
    if above and below:
        between = t("henan_between", above=above["zone"], ra=above["national_rank"], below=below["zone"],
                    rb=below["national_rank"], **pw)
    elif above:
        between = t("henan_bottom", above=above["zone"], ra=above["national_rank"], **pw)
    else:
        between = t("henan_top", **pw)
    peers = [float(v) for v in standing.peer_scores.to_numpy()] if standing is not None and standing.peer_scores is not None else []
    lines = [(t("dist_median", x=fmt.score(r.median)), r.median)]
    if r.bottom_line is not None:
        lines.insert(0, (t("dist_bottom", n=r.bottom_n, x=fmt.score(r.bottom_line)), r.bottom_line))
    chart = charts.distribution(peers, (zone_name or "●", r.score),
                                [(z["zone"], z["score"]) for z in zones], lines) if peers else None
    return {"title": t("henan_title", **pw), "sentence": t("henan_sentence", score=score, between=between,
                                                            tie=henan_tie(t, p, r.score, w.lang),
                                                            m=p["of"], n=p["of"] - 1, k=p["position"], **pw),
            "col_national": t("col_national", **pw), "caveat": "",
            "rows": rows, "chart": chart, "chart_title": t("dist_title"), "chart_note": t("dist_note", **pw)}


def p_ready_text(u, verdict, w) -> str:
    """The uncertainty analysis's chance of readiness as the report prints it: a percentage, or why none is given (an
    analyst's condition not given: no draw is ready, the data conditions' chance instead; draws that cannot be judged)."""
    t = w.t
    if u.undecided and not u.pending_inputs:
        return t("p_ready_undecided", u=fmt.probability(u.p_data_undetermined, 0, u.n))
    if u.pending_inputs and not u.failed_inputs:
        return t("p_ready_pending", items=w.join(verdict_inputs(verdict, None, w) or u.pending_inputs),
                 p=t("p_ready_undecided", u=fmt.probability(u.p_data_undetermined, 0, u.n)) if u.undecided
                 else fmt.probability(u.p_data_ready, draws=u.n))
    if u.failed_inputs:  # an analyst's condition given as not met: no draw is ready, by the analyst's word
        return "0%"
    return fmt.probability(u.p_ready, draws=u.n)


def with_analyses(b: dict | None, analyses, w, verdict) -> None:
    """Page 2 (`b`, the brief of `build`, changed in place) says what the report's own analyses found: the uncertainty
    analysis's rank (median, 90 % interval) and chance of readiness, and whether the plan's goal can be reached (the
    best the limits allow when it cannot). The box of what is assumed then no longer offers an uncertainty analysis as
    something still to be done. Nothing without analyses (b["analyses"] = [])."""
    if b is None:
        return
    b["analyses"] = lines = []
    u = getattr(analyses, "uncertainty", None)
    if u is not None:
        rank = u.rank
        span = "—" if rank is None else fmt.rank_span(rank.q05, rank.q95, w.lang)
        draws, median, b_n = f"{u.n:,}", "—" if rank is None else f"{rank.median:.0f}", f"{BOOTSTRAP:,}"
        if u.pending_inputs and not u.failed_inputs and not u.undecided:  # page 2's table names the ones to confirm
            # how many conditions that chance covers (bt13j F20: ≥99.9 % of one veto beside two rank conditions not judged)
            deciding = [x for x in verdict.rules if x.deciding] if verdict is not None else []
            settled = max(len(deciding) - len(u.pending_inputs), 0)
            p = msg("the {k} of {m:# deciding condition|# deciding conditions} the statistics can settle met in {p} of draws ({n} to confirm)",
                    k=settled, m=len(deciding), p=fmt.probability(u.p_data_ready, draws=u.n),
                    n=len(u.pending_inputs)).in_(w.lang)
        else:
            p = msg("every readiness rule met in {p} of draws", p=p_ready_text(u, verdict, w)).in_(w.lang)
        lines.append(msg("Uncertainty analysis ({n:# draw|# draws}, targets and calibration varied too): median rank {rank}, "
                         "90% {span}; {p}.", n=draws, rank=median, span=span, p=p).in_(w.lang))
        if b.get("interval_at") is not None:
            b["assumed"][b["interval_at"]] = Markup(msg(
                "The rank interval is the 5–95% range over {b:# bootstrap resample|# bootstrap resamples} of the peers; the uncertainty of the "
                "targets and the calibration is in the uncertainty analysis above.", b=b_n).in_(w.lang))
    p = getattr(analyses, "plan", None)
    if p is not None:
        lines.append(_plan_finding(p, w, verdict))


def _plan_finding(p, w, verdict) -> str:
    """The plan's answer in one sentence for page 2 (scorer.whatif.plan.PlanResult): met already, reached (from and to
    what score and rank), or out of reach (the best the feasible ranges allow, how far short)."""
    t = w.t
    goal = t("plan_goal_verdict") if p.target is None else t("plan_goal_target", target=fmt.as_given(p.target))
    if p.already_met:
        how = t("plan_met")
    elif p.data_met:
        how = t("plan_data_met_input_failed", items=w.join(verdict_inputs(verdict, False, w))) \
            if verdict_inputs(verdict, False, w) else t("plan_data_met", items=w.join(verdict_inputs(verdict, None, w)))
    elif not p.reachable:
        short = t("plan_short_verdict") if p.target is None else \
            t("plan_short_target", gap=fmt.distinct(p.target - p.max_overall, 0.0, decimals=1)) \
            if p.max_overall is not None else ""
        how = msg("out of reach within the feasible ranges; every measure done, about {best}, {short}.",
                  best=fmt.distinct(p.max_overall, p.target, decimals=1), short=short).in_(w.lang)
    else:
        how = msg("within reach: the overall score goes from {before} to {after}, the estimated rank from {rank_before} "
                  "to {rank_after}.", before=fmt.score(p.overall_before), after=fmt.score(p.overall_after),
                  rank_before=p.rank_before or "—", rank_after=p.rank_after or "—").in_(w.lang)
    return msg("Plan for {goal}: {how}", goal=goal, how=how).in_(w.lang)


def uncertainty_scope(u, verdict, lang: str) -> dict:
    """What the Monte Carlo varied and what it held fixed, from its own assumptions (`UncertaintyResult.assumptions`)."""
    from scorer.whatif.uncertainty import ASSUMED_LEVEL, REGION_COUNTS, TARGET_SPREAD, Assumptions

    d = Assumptions()  # the defaults, named when an assumption is held

    t = translator(lang)
    a = u.assumptions
    varied, held = [t("v_weights", i=f"{written(a.indicator_weights)}", g=f"{written(a.group_weights)}")], []
    for what, methods in (("normalisation", a.normalisation), ("imputation", a.imputation)):  # a list of one is held
        named = [t(f"method_{m}") if f"method_{m}" in TEXT else m for m in methods]
        (varied.append(t("v_method", what=t(f"w_{what}"), methods=t("list_sep").join(named))) if len(named) > 1 else
         held.append(t("h_method", what=t(f"w_{what}"), method=named[0])))
    varied.append(t("v_measurement", m=f"{written(a.measurement)}"))
    spread = {k: f"{written(v * a.targets * 100)}" for k, v in TARGET_SPREAD.items()}
    (varied if a.targets > 0 else held).append(
        t("v_targets", h=spread["high"], md=spread["medium"], lo=spread["low"]) if a.targets > 0 else
        t("h_off", what=t("v_targets", h=5, md=15, lo=30)))
    peers = t("v_peers", pl=f"{written(a.peer_levels)}", pa=f"{written(min(a.peer_levels * ASSUMED_LEVEL, 90))}", ps=f"{written(a.peer_spreads)}")
    if getattr(u, "synthetic_peers", None) is False:  # a real table's figures are measured: held, never varied
        held.append(t("h_real_peers"))
    else:
        (varied if a.peer_levels > 0 or a.peer_spreads > 0 else held).append(
            peers if a.peer_levels > 0 or a.peer_spreads > 0 else t("h_off", what=t(
                "v_peers", pl=f"{written(d.peer_levels)}", pa=f"{written(min(d.peer_levels * ASSUMED_LEVEL, 90))}", ps=f"{written(d.peer_spreads)}")))
    (varied if a.cutoff else held).append(t("v_cutoff", a=REGION_COUNTS[0], b=REGION_COUNTS[1], lo=45, hi=55)
                                          if a.cutoff else t("h_off", what=t("v_cutoff", a=REGION_COUNTS[0],
                                                                             b=REGION_COUNTS[1], lo=45, hi=55)))
    held += [t("h_framework"), t("h_history")]
    if getattr(u, "missing", None) and u.doubt_range is not None:  # never the peers' figures in their place (bt12i F5)
        held.append(t("h_missing", n=len(u.missing), items=t("list_sep").join(u.missing_names(lang)),
                      worst=fmt.score(u.doubt_range[0]), best=fmt.score(u.doubt_range[1])))
    if verdict is not None:
        inputs = [_short(x.name_zh if lang == "zh" else x.name_en, lang) for x in verdict.rules if x.role == "input"]
        if inputs:
            held.append(t("h_inputs", items=t("list_sep").join(inputs)))
        if any(x.role == "historic" for x in verdict.rules):
            held.append(t("h_historic"))
    held += ([t("h_peer_set")] if getattr(u, "synthetic_peers", None) is not False else []) + [t("h_efforts")]
    return {"varied_title": t("scope_varied"), "held_title": t("scope_held"), "varied": varied, "held": held}
