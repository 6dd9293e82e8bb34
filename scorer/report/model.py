"""Results → the report's view model: formatted numbers, generated sentences, charts, provenance."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from scorer.score.rules import doubt_caution
from scorer.report.scenario_notes import scenario_doubt, scenario_range
from scorer.resources import package_version
from scorer.framework import formula as fx
from scorer.framework.yardsticks import unverified_ids
from scorer.score.doubt import GROWTH, LEVEL, doubtful_figures
from scorer.score.engine import IndicatorResult, ScoreResult, unscored_category
from scorer.score.panel import ESTIMATED, Panel
from scorer.score.readiness import met_text, worst_case_misses
from scorer import fmt
from scorer.messages import both, fill, msg, written
from scorer.report import brief, charts, history
from scorer.report.history import score_at as _at
from scorer.report.provenance import as_written, growth_label, rate_rows, rule_rate_rows, source_columns
from scorer.report.plan_view import effort_rows, plan_view, verdict_inputs
from scorer.report.gaps import gap_item, indicator_figures, marginal_text, nice_step, printed_gap, step_rows, step_worth  # noqa: F401
from scorer.report.quality import quality_view
from scorer.i18n import TEXT as _I18N
from scorer.i18n import (cumulative_label, end_label, official, ordinal_en, quarter_label, quarter_short, translator,
                                unit)

from markupsafe import escape as _escape

CN_ORDINAL = "一二三四五六七八九十"


# Columns (fmt.display_width) of the zone's name in the running header: 20 Chinese characters, beside the
# report's title and the chapter's, keep the header on one line at 8pt.
RUNNING_ZONE_WIDTH = 40


@dataclass
class ReportInputs:
    """What the report is about, beyond the scores: the zone, the files, whether data are illustrative."""

    zone: str
    files: dict[str, str]  # path → sha256
    is_sample: bool
    generated: dt.date
    lang: str = "zh"
    rule_rates: list = field(default_factory=list)  # scorer.score.rules.rule_rates: the conditions' conversions


def inputs_digest(files: dict[str, str], framework_sha: str) -> str:
    h = hashlib.sha256(framework_sha.encode())
    for path, sha in sorted(files.items(), key=lambda kv: Path(kv[0]).name):
        h.update(os.fsencode(Path(path).name) + b"\0" + sha.encode())  # the name's own bytes (not UTF-8 when undecodable)
    return h.hexdigest()[:12]


def _light(score: float | None) -> str:
    """The score's colour band, decided on the printed score (`fmt.band`)."""
    return fmt.band(score)


def _glued(lang: str):
    """The translator with every space next to a filled-in value made non-breaking in English, so that a
    number never ends a line apart from its unit or the word it belongs to ("target 191.0 100m yuan").
    Chinese writes numbers and units with no space between ("失4.47分"), and WeasyPrint keeps them on
    one line (docs: TOOLING.md); a space there would be a break opportunity, so the Chinese texts have none."""
    t = translator(lang)

    def glued(key: str, **values) -> str:
        if not values or lang != "en":
            return t(key, **values)
        template = re.sub(r" (?=\{)|(?<=\}) ", fmt.NBSP, _I18N[key][lang])
        template = re.sub(r"\{[^{}]*\|[^{}]*\}", lambda m: m[0].replace("# ", "#" + fmt.NBSP), template)  # 1 point
        return fill(template, **values)

    return glued


class _Words:
    """Names, units and sentences in the report's language."""

    def __init__(self, result: ScoreResult, lang: str):
        self.lang, self.t, self.fw = lang, _glued(lang), result.framework

    def other_language(self) -> "_Words":
        """The same words in the report's other language (zh ↔ en): a judgement made on printed figures is made
        on both, so that the Chinese and English reports give the same verdict."""
        other = copy.copy(self)
        other.lang = "en" if self.lang == "zh" else "zh"
        other.t = _glued(other.lang)
        return other

    def methods(self, names) -> str:
        """Method names (registry names such as locf, targets) as the report's language writes them."""
        return "、".join(self.t(f"method_{n}") if f"method_{n}" in _I18N else n for n in names) if self.lang == "zh" \
            else "/".join(self.t(f"method_{n}") if f"method_{n}" in _I18N else n for n in names)

    def name(self, obj) -> str:
        return obj.name_zh if self.lang == "zh" else obj.name_en

    def field(self, fid: str) -> str:
        f = self.fw.fields.get(fid)
        if f is None:
            return fid
        return official(f.label) if self.lang == "zh" or not f.label_en else f.label_en

    def unit(self, text: str) -> str:
        return unit(text, self.lang)

    def amount(self, value: float | None, u: str, digits: int | None = None, as_written: bool = False,
               extra: int = 0, like: float | None = None) -> str:
        """A value with its unit in running text: "48.6亿元"; in English "4.86bn yuan", "US$15m", "19.9%".

        万元 from 1亿 up is said in 亿元 (96,522万元 → 9.65亿元), one style on every page, unless `as_written`
        (a workbook's own figure quoted as it was entered). A figure is rounded once, as the Chinese prints it
        (`digits`, default the unit's customary decimals), and English money is that rounded figure in other
        words (2.41亿元 is 241m yuan, never 241.3m yuan beside a Chinese 2.41亿元). `extra`: decimals beyond
        those, to set apart two figures that differ (`scorer.report.brief.amounts_apart`). `like`: the level of the
        statistic a change belongs to, whose unit the change takes (进出口总额 48.6亿元 and +0.76亿元, never +7,627万元)."""
        big = max(abs(value), abs(like)) if value is not None and like is not None and math.isfinite(like) else value
        if as_written and value is not None and math.isfinite(value):
            # The cell's own figure (48.59, 1,500.49), not rounded to the unit's customary decimals, and its own
            # unit, in English too (the converted value and its English unit stand beside it): what a reader finds
            # at the cell named.
            figure, name = fmt.figure(value, 10), self.unit(u)
            if self.lang == "en" and re.match(r"(US\$)?\d", name):  # a unit of many: 48.59 × 100m yuan, 1,500.49 × US$10k
                return f"{figure}{fmt.NBSP}×{fmt.NBSP}{name.replace(' ', fmt.NBSP)}"  # one piece (bt13j F2)
            return fmt.with_unit(figure, name, self.lang)
        if u == "万元" and not as_written and value is not None and math.isfinite(value) and abs(big) >= 1e4:
            value, u = value / 1e4, "亿元"
            digits = digits if digits is not None and (value * 10 ** digits).is_integer() else None
        if u in ("吨", "吨标准煤") and self.lang == "zh" and not as_written and value is not None and math.isfinite(value) \
                and abs(big) >= 1e5:  # 1,545,900吨 is said 154.59万吨, as the statistics office writes it
            value, u, digits = value / 1e4, "万" + u, None if digits is None else max(digits - 4, 0) or None
        if extra and value is not None and math.isfinite(value):
            digits = (fmt.decimals_for(u, value) if digits is None else digits) + extra
        if self.lang == "en" and (english := fmt.money_en(value, u, digits)) is not None:
            return english
        return fmt.with_unit(fmt.number(value, u, digits), self.unit(u), self.lang)

    def step(self, step: float, u: str, digits: int | None = None) -> str:
        """A round step with its unit; a step in a rate is in 百分点 / percentage points."""
        digits = (0 if float(step).is_integer() else None) if digits is None else digits
        if u == "%":
            return fmt.with_unit(fmt.number(step, u, digits), "个百分点" if self.lang == "zh" else "percentage point"
                                 + "s" * (fmt.number(step, u, digits) != "1"), self.lang)
        return self.amount(step, u, digits)

    def mid(self, name: str) -> str:
        """A name inside an English sentence: "actual use of …", but "GDP growth", "R&D intensity" kept."""
        return fmt.in_sentence(name, self.lang)

    def join(self, items: list[str]) -> str:
        return self.t("list_sep").join(items)

    def source(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" or not en else en

    def quarter(self, period: str) -> str:
        return quarter_label(period, self.lang)


def build(result: ScoreResult, panel: Panel, inputs: ReportInputs, standing=None, verdict=None, analyses=None,
          problems: list | None = None, readiness=None, peers=None) -> dict:
    """The report's view: every number formatted, every sentence written, in `inputs.lang`.

    `problems`: every problem of the run (`Run.problems`); they fill the data-quality box on the
    summary page (when something is doubtful) and the list in the appendix. `readiness`: the run's
    `scorer.score.readiness` assessment (estimated rank with interval, margins, conditions), or None.
    `peers`: the run's `PeerSet`; a set covering only some indicators is said beside the rank.
    """
    w = _Words(result, inputs.lang)
    w.steps = getattr(analyses, "steps", None) or {}  # a step's net worth (scorer.whatif.steps), by indicator
    t = w.t
    fw = result.framework
    period = result.period
    k = result.periods.index(period)
    prev_q = result.periods[k - 1] if k > 0 else None
    upto = result.periods[:k + 1]  # a report on an earlier quarter shows no score of a later one
    year_ago = f"{int(period[:4]) - 1}{period[4:]}"
    year_ago = year_ago if year_ago in result.periods else None
    scale = fw.meta.scale

    indicators = {i.id: i for i in result.indicators}
    categories = []
    for pos, g in enumerate(result.groups):
        members = [indicators[c] for c in fw.groups[g.id].children]
        rows = [_indicator_row(i, result, prev_q, year_ago, w) | {"price_basis": history.price_basis(i, w)}
                for i in members]
        (arrow_q, change_q), (arrow_y, change_y) = (history.change_between(result, g.id, then, w) for then in (prev_q, year_ago))
        number = CN_ORDINAL[pos] if w.lang == "zh" else str(pos + 1)
        categories.append({
            "id": g.id, "heading": t("cat_heading", number=number, name=w.name(g)), "name": w.name(g),
            "weight_pct": fmt.number(g.weight_used * 100, digits=0),
            "score": fmt.score(g.score), "score_value": g.score, "points_lost": fmt.points(g.points_lost),
            "light": _light(g.score), "arrow_q": arrow_q, "change_q": change_q, "arrow_y": arrow_y,
            "trend_q": brief.trend_words(arrow_q, change_q, w), "trend_y": brief.trend_words(arrow_y, change_y, w),
            "change_y": change_y, "rows": rows, "any_imputed": any(r["imputed"] for r in rows),
            "imputed_note": "".join(t("carried_note", why=why) for why in _carried(members, result, w)),
            "sentence": _category_sentence(g, members, result, w),
            "charts": [charts.score_bars([history.labelled(i, w) for i in part], [i.score for i in part], scale,
                                         missing_label=t("chart_missing"),
                                         notes=[t("chart_doubtful") if i.doubtful else t("chart_not_reported")
                                                if i.value is None and not_reported(i, result) else None for i in part],
                                         marks=[t("chart_doubtful") if i.doubtful and i.score is not None else None for i in part])
                       for part in charts.pages(members)],
            "history": history.category_history(members, result, w),
        })

    ranked_gaps = sorted((i for i in result.indicators if i.points_lost), key=lambda i: -i.points_lost)
    strengths = sorted((i for i in result.indicators if i.score is not None), key=lambda i: (-(i.score or 0), -i.weight))
    overall_q, overall_y = (history.change_between(result, "index", then, w) for then in (prev_q, year_ago))

    series = [(t("radar_target"), [scale] * len(result.groups), charts.TARGET)]
    medians = [standing.peer_median_categories.get(g.id) for g in result.groups] if standing is not None else []
    # A peer table that leaves a category uncovered has no median there: no peer line rather than a false 0.
    if standing is not None and standing.normalisation == "targets" and None not in medians:
        series.append((t("radar_peers_synthetic" if standing.synthetic else "radar_peers"), medians, charts.PEER))
    elif year_ago:
        series.append((w.quarter(year_ago), [_at(result.group_scores, year_ago, g.id) for g in result.groups], charts.PEER))
    series.append((t("radar_zone", quarter=w.quarter(period)), [g.score for g in result.groups], charts.ACCENT))

    coverage = history.coverage(result)
    doubtful_at = history.doubtful_quarters(result)  # the quarters whose scores rest on doubtful data: ringed, noted
    shown = history.window(result)  # the quarters listed one by one; the chart and --json keep every quarter
    cited = set(shown) | {p for p in (prev_q, year_ago, f"{int(period[:4]) - 1}Q4") if p}  # what data_rows cite
    listed = history.shown_files(inputs.files, panel.sources.values(), cited)
    file_numbers = {p: n for n, p in enumerate(sorted(inputs.files, key=lambda p: Path(p).name), 1)}
    empty = result.empty_categories  # a whole category unscored: its weight went to the other categories, not within it
    in_empty = {i.id for i in result.indicators if _category_of(fw, i.group) in {g.id for g in empty}}
    missing = [i for i in result.indicators if i.value is None and not i.doubtful and i.id not in in_empty]  # doubtful ones are not missing
    unreported = [i for i in missing if not_reported(i, result)]  # not missing: the office does not report it now
    missing = [i for i in missing if i not in unreported]
    # a doubtful figure is named even in a category that dropped out: the note on the category does not say which
    # figures were doubtful, and a doubt is never hidden
    doubtful = [i for i in result.indicators if i.value is None and i.doubtful]
    pages = brief.build(w, result, standing, verdict, readiness, getattr(analyses, "actions", None),
                        (overall_q[0], overall_q[1], w.quarter(prev_q) if prev_q else None), inputs.zone, coverage)
    brief.with_analyses(pages["brief"], analyses, w, verdict)  # page 2 says what the analyses of this report found
    return {
        **pages,
        "lang": "zh-CN" if w.lang == "zh" else "en",
        "t": t,
        "title": t("title"),
        "zone": inputs.zone,
        "zone_running": fmt.clip(inputs.zone, RUNNING_ZONE_WIDTH),  # the running header's: one line
        "period": period,
        "period_line": t("period_line", quarter=w.quarter(period), span=cumulative_label(period, w.lang)),
        "period_label": w.quarter(period),
        "generated": (f"{inputs.generated.year}年{inputs.generated.month}月{inputs.generated.day}日" if w.lang == "zh"
                      else f"{inputs.generated.day} {inputs.generated:%B %Y}"),
        "framework": {"name": w.name(fw.meta), "version": fw.meta.version,
                      "source": w.source(fw.meta.source, fw.meta.source_en),
                      "sha": fw.sha256[:12], "scale": fmt.number(scale, digits=0)},
        "digest": inputs_digest(inputs.files, fw.sha256),
        "version": package_version(),
        "is_sample": inputs.is_sample,
        "overall": {"score": fmt.score(result.overall), "light": _light(result.overall), "flag": t("not_comparable_flag") * bool(empty),
                    "arrow_q": overall_q[0], "change_q": overall_q[1], "arrow_y": overall_y[0], "change_y": overall_y[1],
                    "trend_q": brief.trend_words(*overall_q, w), "trend_y": brief.trend_words(*overall_y, w),
                    "prev_q": w.quarter(prev_q) if prev_q else None, "year_ago": w.quarter(year_ago) if year_ago else None},
        "summary": _summary_sentence(result, ranked_gaps, w),
        "standing": _standing(standing, w, readiness, peers),
        "verdict": _verdict(verdict, w, result.framework, worst_case_misses(readiness.conditions, result) if readiness else set()),
        "quality": quality_view(result.problems if problems is None else problems,
                                {i.id: w.name(i) for i in result.indicators}, w.lang,
                                {x.id: fmt.short_name(x.name_zh if w.lang == "zh" else x.name_en or x.name_zh, w.lang)
                                 for x in (verdict.rules if verdict is not None else [])}, result.unknown()),
        "radar": charts.radar([w.name(g) for g in result.groups], series, scale),
        "trend": charts.trend([quarter_short(p, w.lang) for p in upto],  # the reported quarter and those before it
                              [(t("overall"), [_at(result.group_scores, p, "index") for p in upto])]
                              + [(w.name(g), [_at(result.group_scores, p, g.id) for p in upto])
                                 for g in result.groups], scale,
                              partial=[[p in coverage.partial.get(key, {}) for p in upto]
                                       for key in ["index", *(g.id for g in result.groups)]],
                              partial_label=t("trend_partial_legend"),
                              doubtful=[[p in doubtful_at.get(key, ()) for p in upto]
                                        for key in ["index", *(g.id for g in result.groups)]]),
        "trend_note": " ".join(x for x in (history.coverage_note(coverage, result, w),
                                           history.doubtful_note(result, upto, w)) if x) or None,
        "categories": categories,
        "categories_line": w.join([f"{c['name']}{'' if w.lang == 'zh' else ' '}{c['weight_pct']}%" for c in categories]),
        "gaps": [gap_item(i, w) for i in ranked_gaps[:3]],
        "strengths": [{"head": t("strength_head", name=_escape(w.name(i))), "text": t("strength_item", value=fmt.number(i.value, i.unit), unit=w.unit(i.unit),
                                                     target=fmt.exact(i.target, i.unit), score=fmt.score(i.score))}
                      for i in strengths[:3]],
        "priorities": step_rows(result, w),
        "effort_rows": effort_rows(analyses, w),
        "plan": plan_view(analyses, w, verdict),
        "scenarios": _scenarios(analyses, result, w, verdict),
        "uncertainty": _uncertainty(analyses, result, w, verdict),
        "missing": " ".join(
            ([category_dropped_note(result, w)] if empty else [])
            + ([t("missing_callout", items=t("item_sep").join(
                t("missing_item", name=w.name(i), fields=w.join([w.field(f) for f in i.missing_fields]))
                for i in missing))] if missing else [])
            + ([t("not_reported_callout", items=t("item_sep").join(
                t("not_reported_item", name=w.name(i), fields=w.join([w.field(f) for f in i.missing_fields]))
                for i in unreported))] if unreported else [])
            + ([t("doubtful_callout", items=w.join([w.name(i) for i in doubtful]))] if doubtful else [])) or None,
        "imputed": " ".join(t("carried_callout", why=why[:1].upper() + why[1:] if w.lang == "en" else why, items=w.join(names))
                            for why, names in _carried(result.indicators, result, w).items()) or None,
        "imputation": _imputation_note(fw, w),
        "method_rows": [_method_row(fw, i, w, u) for u in [unverified_ids(fw.yardsticks_path)] for i in result.indicators],
        **history.imputed_rows(result, w, set(shown)),
        **history.treated_rows(result, w, set(shown)),
        "annual_text": t("annual_text", methods=_annual_notes(result, w)),
        "estimated_note": t("estimated_note", span=cumulative_label(result.period, w.lang), method=_annual_notes(result, w))
        if any(i.annual_method in ESTIMATED for i in result.indicators) else "",
        "history": history.history_rows(result, coverage, shown, w),
        "history_note": history.window_note(shown, result, w),
        "data_rows": (data_rows := _data_rows(result, panel, file_numbers, w,
                                              [f for r in (verdict.rules if verdict is not None else []) for f in r.fields],
                                              doubtful_figures(problems or []))),
        "source_columns": source_columns(data_rows, w.lang),  # each as wide as its widest figure (bt13k F1)
        "rate_rows": rate_rows([o for o in panel.sources.values() if o.file in listed], file_numbers, w.field, lambda f: fw.fields[f].kind == "stock",
                               w.lang) + rule_rate_rows(inputs.rule_rates, verdict, w.field, w.lang),
        "files": [{"ref": t("file_ref", n=file_numbers[p]), "name": Path(p).name, "sha": sha[:12]}
                  for p, sha in sorted(inputs.files.items(), key=lambda kv: file_numbers[kv[0]]) if p in listed],
        "files_rest": t("files_rest", n=len(inputs.files) - len(listed), all=len(inputs.files))
        if len(listed) < len(inputs.files) else "",
    }


def _standing(standing, w: _Words, readiness=None, peers=None) -> dict | None:
    view = _standing_line(standing, w, readiness)
    if view is not None:
        view["coverage"] = history.peer_coverage(peers, w)  # "" when the peers cover every indicator
        view["line"] += view["coverage"]
    return view


def _standing_line(standing, w: _Words, readiness=None) -> dict | None:
    if standing is None:
        return None
    t = w.t
    if readiness is not None:
        # Readiness is a rank: lead with it, its interval and the margins to the bottom-N line and the median.
        from markupsafe import escape

        among = standing.group_zh if w.lang == "zh" else standing.group_en  # may carry a user's file name: escaped
        line = t("readiness_line" if readiness.regional else "readiness_line_peers", among=str(escape(among)),
                 rank=readiness.rank, interval=fmt.rank_span(*readiness.interval, w.lang),
                 of=readiness.of, n=readiness.bottom_n,
                 bottom=t("above" if (readiness.to_bottom_line or 0) > 0 else "below",
                          pts=fmt.score(abs(readiness.to_bottom_line or 0))),
                 median=t("above" if readiness.to_median >= 0 else "below", pts=fmt.score(abs(readiness.to_median))))
        if readiness.partial:  # the rank and margins above are on the covered indicators' score: named, not mixed
            line += t("readiness_ranked_on", k=readiness.compared, score=fmt.score(readiness.score))
        if readiness.province:
            p = readiness.province
            line += t("province_line", k=p["position"], n=p["of"] - 1, m=p["of"], total=p.get("national_zones") or "—",
                      tie=brief.henan_tie(t, p, readiness.score, w.lang), **brief.province_words(p, w.lang))
        if standing.synthetic:
            line += t("synthetic_note")
        if not readiness.comparable:  # doubtful peer columns (scorer.score.peer_magnitude): said beside the rank
            line += ("；" if w.lang == "zh" else "; ") + str(escape(readiness.doubt_line().in_(w.lang)))
        return {"line": line, "synthetic": standing.synthetic}
    from markupsafe import escape

    # The line carries markup (<b>), so the one value that comes from a user's file is escaped here.
    values = dict(n=standing.of - 1, rank=standing.rank, of=standing.of, median=fmt.score(standing.peer_median),
                  basis=t("basis_targets" if standing.normalisation == "targets" else "basis_peers"),
                  name=str(escape(standing.peer_name)))
    return {"line": t("rank_line_synthetic" if standing.synthetic else "rank_line", **values),
            "synthetic": standing.synthetic}


def _category_of(fw, group: str | None) -> str | None:
    """The top-level category a group belongs to (itself when it is one)."""
    while group is not None and group not in fw.top_groups:
        group = fw.groups[group].parent
    return group


def category_dropped_note(result, w) -> str:
    """The reweighting note for whole categories without a score (`result.empty_categories`): each named with
    its weight and why (scorer.score.engine.unscored_category), its weight gone to the other categories (not to
    indicators of its own)."""
    items = [unscored_category(result.framework, g.id, result.scored_in(g.id)) for g in result.empty_categories]
    return msg("{categories}. They drop out of the overall score and their weight is shared out among the other categories "
               "in proportion to their weights; the overall score and the rank are therefore not comparable with the "
               "peers'.", categories=both("; ".join(items), "；".join(i.zh for i in items))).in_(w.lang)


def _verdict(verdict, w: _Words, framework=None, misses: set[str] = frozenset()) -> dict | None:
    """The conditions table's view; `misses`: the conditions met now that the worst case of a doubtful overall
    would miss (scorer.score.readiness.worst_case_misses), said so in their judgement, never a plain 满足."""
    if verdict is None:
        return None
    t = w.t
    label = t("verdict_ready" if verdict.ready else ("verdict_unknown" if verdict.ready is None else "verdict_not_ready"))
    pending = verdict.pending
    if verdict.ready is None and verdict.awaiting:
        label = t("verdict_pending", items=w.join([r.name_zh for r in pending]) if w.lang == "zh" else
                  fmt.conditions_en([r.name_en or r.name_zh for r in pending]))
    failed = [r.name_zh if w.lang == "zh" else r.name_en for r in verdict.rules if r.passed is False and r.deciding]
    rules = []
    for x in verdict.rules:
        rules.append({
            "name": (x.name_zh if w.lang == "zh" else x.name_en) + (msg(" [the analyst's answer]").in_(w.lang) if x.role
                == "input" and x.passed is not None else t("role_" + x.role) if x.role in ("historic", "input", "veto") else ""),
            "value": t({True: "yes", False: "no", None: "not_given"}[x.passed]) if x.role == "input" else
            ("—" if x.value is None else _rule_number(x.value, x, w, against=x.threshold)),
            "threshold": t("yes") if x.role == "input" else
            f"{x.op.replace('>=', '≥').replace('<=', '≤')} {_rule_number(x.threshold, x, w)}",
            "passed": x.passed, "worst_misses": met_text(w.lang) if x.passed and x.id in misses else "",
            "source": w.source(x.source, x.source_en),
            "confidence": t(f"conf_{x.confidence}") + t("conf_unverified") * any(c.get("unverified") for c in x.cites or [])
            if x.confidence else "",
        })
    return {"label": label, "ready": verdict.ready, "doubtful": doubt_caution(framework, getattr(verdict, "doubtful", []), w.lang, getattr(
                verdict, "empty_categories", []), getattr(verdict, "empty_scored", None), getattr(verdict, "carried", []),
                getattr(verdict, "doubtful_rules", [])),
            "headline": t("verdict_failed", label=label, items=w.join(failed)) if failed else label,
            "name": verdict.name_zh if w.lang == "zh" else verdict.name_en, "rules": rules,
            "css": "ok" if verdict.ready else ("no" if verdict.ready is False else "na")}


def _rule_number(v: float, rule, w: _Words, against: float | None = None) -> str:
    """A threshold as its claim; with `against` (the threshold) the zone's value at its precision (fmt.against_decimals)."""
    digits = fmt.claim_decimals(v, rule.unit) if against is None else fmt.against_decimals(v, against, rule.unit)
    if rule.id == "rank_share_max":
        return f"{v * 100:.0f}%"
    if rule.unit == "分":
        return fmt.number(v, digits=max(1, digits)) + (rule.unit if w.lang == "zh" else " pts")
    return w.amount(v, rule.unit, digits=digits)


def _indicator_row(i: IndicatorResult, result: ScoreResult, prev_q: str | None, year_ago: str | None, w: _Words) -> dict:
    (arrow_q, change_q), (arrow_y, change_y) = (history.change_between(result, i.id, then, w) for then in (prev_q, year_ago))
    value, target, gap = indicator_figures(i)
    gap = w.t("met") if i.gap_to_target == 0 else gap  # a rate's gap: 百分点 (cat_note)
    return {
        "id": i.id, "name": w.name(i), "unit": w.unit(i.unit), "imputed": i.imputed,
        "estimated": i.annual_method in ESTIMATED,
        "value": w.t("chart_doubtful") if i.doubtful and i.value is None else w.t("chart_not_reported")
        if i.value is None and not_reported(i, result) else w.t("doubt_mark", value=value)
        if i.doubtful else value,  # a doubtful value capped to its bounds is marked too
        "target": target, "reverse": i.direction == "lower",
        "score": fmt.score(i.score), "gap": "—" if i.gap_to_target is None else gap,
        "points_lost": fmt.points(i.points_lost), "light": _light(i.score),
        "arrow_q": arrow_q or "—", "change_q": change_q, "arrow_y": arrow_y or "—", "change_y": change_y,
        "weight_pct": fmt.number(i.weight * 100, digits=1),
    }


def carried_why(i: IndicatorResult, result: ScoreResult, w) -> str | None:
    """Why an indicator's value is carried forward (marked *), in the words the callout and the tables' notes share:
    not reported this quarter by design, doubtful, or missing; None when it is not carried forward."""
    if not i.imputed:
        return None
    return w.t("carried_why_not_reported" if not_reported(i, result) else
               "carried_why_doubtful" if i.doubtful else "carried_why_missing")


def _carried(members: list[IndicatorResult], result: ScoreResult, w) -> dict[str, list[str]]:
    """The carried-forward indicators among `members` by why (`carried_why`), in order."""
    out: dict[str, list[str]] = {}
    for i in members:
        if (why := carried_why(i, result, w)) is not None:
            out.setdefault(why, []).append(w.name(i))
    return out


def not_reported(i: IndicatorResult, result: ScoreResult) -> bool:
    """An indicator with no value because its statistics are not reported this quarter by design (fields.yaml
    `reported`: CO2 half-yearly): not missing, nothing to add to the workbook."""
    fields = result.framework.fields
    return bool(i.missing_fields) and all(f in fields and not fields[f].reported_in(result.period) for f in i.missing_fields)


def _scenarios(analyses, result: ScoreResult, w: _Words, verdict=None) -> dict | None:
    c = getattr(analyses, "comparison", None)
    if c is None:
        return None
    t = w.t
    fw = result.framework
    rows = []
    for k, o in enumerate(c.outcomes):
        pending = verdict_inputs(verdict, None, w)
        if o.ready is None and o.data_ready and pending:  # the data's conditions met, the analyst's not yet given
            label = t("verdict_pending", items=w.join(pending) if w.lang == "zh" else fmt.conditions_en(pending))
        else:
            label = t("verdict_ready" if o.ready else ("verdict_unknown" if o.ready is None else "verdict_not_ready"))
        moved = w.t("item_sep").join(f"{w.name(fw.indicators[m.id])}{'' if w.lang == 'zh' else fmt.NBSP}"
                                     f"{fmt.change(m.points, digits=2)}" for m in o.moved)
        rows.append({"name": t("baseline") if k == 0 else o.name, "overall": fmt.score(o.overall),
                     "overall_doubt": bool(o.doubtful), "doubt": scenario_doubt(fw, o, w),
                     "change": "" if k == 0 else fmt.change(o.change_overall),
                     "categories": [fmt.score(o.categories[g]) for g in fw.top_groups],
                     "rank": "—" if o.rank is None else f"{o.rank}/{o.of}" + (
                         t("rank_change", move=fmt.rank_move(o.change_rank)) if k and fmt.rank_move(o.change_rank) else ""),
                     "verdict": label, "moved": moved, "description": o.description})
    chart = charts.change_bars([r["name"] for r in rows[1:]], [o.overall if o.change_overall is not None else None for o in
                               c.outcomes[1:]], c.outcomes[0].overall, t("baseline"), lang=w.lang, missing_label=[t(
                               "chart_missing" if o.overall is None else "not_comparable_flag") for o in c.outcomes[1:]])
    # every row on the same doubtful values: said once under the table, as `scorer compare` says it (bt11i)
    same = len({(tuple(o.doubtful), tuple(sorted(o.empty_scored.items()))) for o in c.outcomes}) == 1
    note = rows[0]["doubt"] if same and rows and rows[0]["doubt"] else None
    if note:
        for row, o in zip(rows, c.outcomes):
            row["doubt"] = scenario_range(row["name"], o, w)
    return {"rows": rows, "chart": chart, "category_names": [w.name(fw.groups[g]) for g in fw.top_groups],
            "doubt_note": note}


def _uncertainty(analyses, result: ScoreResult, w: _Words, verdict=None) -> dict | None:
    u = getattr(analyses, "uncertainty", None)
    if u is None:
        return None
    t = w.t
    fw = result.framework
    rank = u.rank
    pct = brief.p_ready_text(u, verdict, w)
    summary = t("uncertainty_summary", n=f"{u.n:,}", seed=u.seed, median=fmt.score(u.overall.median),
                span=fmt.value_span(fmt.score(u.overall.q05), fmt.score(u.overall.q95), lang=w.lang),
                rank="—" if rank is None else f"{rank.median:.0f}",
                rank_span="—" if rank is None else (fmt.rank_span(rank.q05, rank.q95, w.lang) if w.lang == "zh"
                                                    else fmt.value_span(f"{rank.q05:.0f}", f"{rank.q95:.0f}", lang="en")),
                p=pct)
    chart = charts.histogram(u.draws["overall"].to_numpy(), [(t("hist_nominal"), u.overall.nominal or float("nan"), charts.ACCENT),
                                                            (t("hist_median"), u.overall.median, charts.INK)],
                             xlabel=t("hist_xlabel"))
    cats = [{"name": w.name(fw.groups[g]), "nominal": fmt.score(d.nominal), "median": fmt.score(d.median),
             "q05": fmt.score(d.q05), "q95": fmt.score(d.q95)} for g, d in u.categories.items()]
    sobol = [{"name": s.name_zh if w.lang == "zh" else s.name_en or s.assumption, "s1": fmt.number(s.S1, digits=3),
              "st": fmt.number(s.ST, digits=3)} for s in (u.sobol or [])]
    return {"summary": summary, "chart": chart, "categories": cats, "sobol": sobol,
            "assumptions": t("uncertainty_assumptions", text=_assumptions_text(u.assumptions, w)),
            "scope": brief.uncertainty_scope(u, verdict, w.lang)}


def _assumptions_text(a, w: _Words) -> str:
    if w.lang == "zh":
        return (f"指标权重±{written(a.indicator_weights)}%，分组权重±{written(a.group_weights)}%，标准化方法：{w.methods(a.normalisation)}，"
                f"缺失值处理：{w.methods(a.imputation)}，原始数据测量误差±{written(a.measurement)}%")
    return (f"indicator weights ±{written(a.indicator_weights)}%, group weights ±{written(a.group_weights)}%, normalisation "
            f"{w.methods(a.normalisation)}, imputation {w.methods(a.imputation)}, measurement error ±{written(a.measurement)}% on raw data")


def _category_sentence(g, members: list[IndicatorResult], result: ScoreResult, w: _Words) -> str:
    t = w.t
    if g.score is None:
        return t("cat_none", name=w.name(g))
    order = sorted((x.score for x in result.groups if x.score is not None), reverse=True)
    place = order.index(g.score)
    text = t("cat_lead", name=w.name(g), score=fmt.score(g.score),
             rank=CN_ORDINAL[place] if w.lang == "zh" else ordinal_en(place + 1))
    lost = sorted((i for i in members if i.points_lost), key=lambda i: -i.points_lost)
    if not lost:
        return text + t("cat_all_met")
    if g.points_lost is not None:
        text += t("cat_cost", lost=fmt.points(g.points_lost))
    top = lost[0]
    text += t("cat_top", name=w.mid(w.name(top)), value=w.amount(top.value, top.unit, like=top.target), unit="",
              target=w.amount(top.target, top.unit, fmt.exact_digits(top.target, top.unit), like=top.value), lost=fmt.points(top.points_lost))
    if len(lost) > 1:
        text += t("cat_second", name=w.mid(w.name(lost[1])), lost=fmt.points(lost[1].points_lost))
    text += marginal_text(members, result, w)
    missing = [i for i in members if i.value is None and not i.doubtful]
    if [i for i in missing if not not_reported(i, result)]:
        text += t("cat_missing", items=w.join([w.name(i) for i in missing if not not_reported(i, result)]))
    if [i for i in missing if not_reported(i, result)]:
        text += t("cat_not_reported", items=w.join([w.name(i) for i in missing if not_reported(i, result)]))
    if doubtful := [i for i in members if i.value is None and i.doubtful]:
        text += t("cat_doubtful", items=w.join([w.name(i) for i in doubtful]))
    if capped := [t("capped_item", name=w.name(i), raw=w.amount(i.doubtful_value, i.unit), capped=w.amount(i.value, i.unit))
                  for i in members if i.value is not None and i.doubtful]:
        text += t("cat_capped", items=w.join(capped))
    return text + t("end")


def _summary_sentence(result: ScoreResult, ranked_gaps: list[IndicatorResult], w: _Words) -> str:
    t = w.t
    scored = [g for g in result.groups if g.score is not None]
    if result.overall is None or not scored:
        return t("summary_none")
    best = max(scored, key=lambda g: g.score)
    worst = min(scored, key=lambda g: g.score)
    text = t("summary_sentence", quarter=w.quarter(result.period), score=fmt.score(result.overall),
             scale=fmt.number(result.framework.meta.scale, digits=0), best=w.name(best), best_score=fmt.score(best.score),
             worst=w.mid(w.name(worst)), worst_score=fmt.score(worst.score))
    if ranked_gaps:
        names = t("and").join(w.mid(w.name(i)) for i in ranked_gaps[:2])
        text += t("summary_gaps", names=names, total=fmt.points(sum(i.points_lost for i in ranked_gaps[:2])))
    return text + t("end")


def _method_row(fw, i: IndicatorResult, w: _Words, unverified: frozenset = frozenset()) -> dict:
    ind = fw.indicators[i.id]
    return {
        "category": w.name(fw.groups[i.group]), "name": w.name(i), "unit": w.unit(i.unit) or "count",
        "formula": fx.describe(ind.tree, w.field, lang=w.lang) if ind.tree is not None else "—",
        "direction": w.t("lower_better" if i.direction == "lower" else "higher_better"),
        "weight": fmt.number(i.weight * 100, digits=1), "floor": fmt.exact(i.floor, i.unit),
        "target": fmt.exact(i.target, i.unit), "source": w.source(i.target_source, ind.target.source_en)
        + (w.t("cites_line", ids=", ".join(ind.target.cites)) if ind.target.cites else ""),
        "confidence": w.t(f"conf_{i.target_confidence}") + w.t("conf_unverified") * bool(unverified & set(getattr(ind.target, "cites", []))),
        "evidence": w.t("evidence_line", status=w.t(f"evidence_{ev.status}"), note=w.source(ev.note, ev.note_en))
        if (ev := ind.spec.evidence) is not None else "",
    }


def _imputation_note(fw, w: _Words) -> str:
    spec = fw.imputation
    if spec is None or spec.method == "none":
        return w.t("imputation_none")
    if spec.method == "locf":
        age = spec.params.get("max_age")
        limit = w.t("imputation_limit", n=(CN_ORDINAL[age - 1] if w.lang == "zh" and age <= 10 else
                                           f"{age} quarter" + "s" * (age != 1))) if age else ""
        return w.t("imputation_locf", limit=limit)
    return w.t("imputation_other", method=spec.method)


def _annual_notes(result: ScoreResult, w: _Words) -> str:
    used = sorted({i.annual_method for i in result.indicators if i.annual_method})
    return w.t("item_sep").join(w.t(f"annual_{m}") for m in used) if used else w.t("annual_none")


def _data_rows(result: ScoreResult, panel: Panel, file_numbers: dict[str, int], w: _Words,
               rule_fields: list[str] = (), doubtful: set = frozenset()) -> list[dict]:
    """Every raw value the reported period's indicators and the rules' thresholds used, with its workbook,
    sheet and cell, its value as written there and as converted; one in `doubtful` (doubtful_figure's) marked."""
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
    for name in rule_fields:  # thresholds over figures (exports) read them as full years
        periods = needed.setdefault(name, set())
        periods |= {period} | ({year_ago, f"{int(period[:4]) - 1}Q4"} if not period.endswith("Q4") else set())
    rows = []
    for name in fw.fields:
        stock = fw.fields[name].kind == "stock"
        for p in sorted(needed.get(name, ()), reverse=True):
            span = end_label(p, w.lang) if stock else cumulative_label(p, w.lang)
            for basis in ("ytd", "stock", "growth"):
                o = panel.sources.get((name, p, basis))
                if o is None:
                    continue
                written = as_written(o)
                value = fmt.number(o.value, o.unit if basis != "growth" else "%")
                value = w.t("doubt_mark", value=value) if (name, p, GROWTH if basis == "growth" else LEVEL) in doubtful else value
                rows.append({"label": w.field(name),
                             "source": f"{w.t('file_ref', n=file_numbers.get(o.file, '?'))} › {o.sheet} › {o.cell}",
                             "period": span if basis != "growth" else w.t(growth_label(o, fw.fields[name]), span=span),
                             "value": value,
                             "unit": w.unit(o.unit),
                             "written": "—" if written is None else w.amount(written[0], written[1], as_written=True)})
    return rows
