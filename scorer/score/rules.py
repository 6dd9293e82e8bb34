"""Readiness rules (YAML) applied to a scored zone and its standing → a verdict with every rule's result."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Literal, Mapping, Optional

import numpy as np
from pydantic import Field, model_validator

from scorer import units
from scorer.framework import formula as fx
from scorer.fmt import conditions_en, short_name
from scorer.i18n import translator, unit
from scorer.score.doubt import figures_read, published_in
from scorer.score.rule_doubts import not_judged_for_doubt
from scorer.score.engine import ScoreResult, evaluate_formula, unscored_category
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import both, msg, text_of, written
from scorer.framework.model import Framework, Target, _Strict, load_model
from scorer.framework.yardsticks import Yardsticks, check_cites, check_confidence, check_numbers, cites_in, load_yardsticks
from scorer.score.panel import Panel
from scorer.score.peer_magnitude import doubt_names
from scorer.score.peer_meta import NOT_REGION_EN, NOT_REGION_ZH
from scorer.score.peers import Standing
from scorer.score.rank_bounds import rank_condition_bounds, settled, zone_not_judged
from scorer.score.rule_params import impossible_numbers, stated_figures
from scorer.resources import indicators_dir
from scorer.yamlio import line_of

OPS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt}
# The unit of each rule parameter, as the yardsticks it cites give theirs: checked like a threshold
# against its first cited figure (bottom_n 5 名 ← demotion_bottom5; rank_share_max 0.5 ← the middle).
PARAMETER_UNITS = {"bottom_n": "名", "rank_share_max": "", "overall_min": "分", "category_min": "分"}
RANK_PARAMETERS = ("bottom_n", "rank_share_max")  # deciding upgrade conditions of the published rules (bt12f F4)


class Threshold(_Strict):
    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    name_zh: str
    name_en: str
    indicator: Optional[str] = None
    formula: Optional[str] = None
    op: Literal[">=", ">", "<=", "<"]
    value: float
    unit: str = ""
    source: str
    source_en: str = ""
    confidence: Literal["high", "medium", "low"]
    cites: list[str] = Field(default_factory=list, description="ids of yardsticks.yaml entries")
    role: Literal["condition", "veto", "historic", "user"] = Field(
        "user", description="condition / veto / user: decides the verdict; historic: shown, never deciding")
    # published: the value is the figure `cites:` names first (checked, in `unit`); judgement: the user's own
    # number (not checked against what it cites)
    basis: Literal["published", "judgement"] = "published"
    # What else the figure read counts besides what the rule names (环保督察问题 in a row of accidents and
    # inspection findings): a breach then cannot be told from those, and is not judged (to confirm), never failed.
    also_counts: Optional[str] = None
    also_counts_en: str = ""
    # A historic threshold over a statistic no report carries (累计实际使用外资, a stock since the zone's founding):
    # shown as not judged, naming the statistic, never judged from another figure (a year's FDI in its place would
    # be a wrong answer). Only `role: historic`: a deciding rule that can never be judged would hold every verdict.
    unreported: Optional[str] = None
    unreported_en: str = ""

    @model_validator(mode="after")
    def _one_subject(self) -> "Threshold":
        if self.unreported is not None:
            if self.indicator is not None or self.formula is not None:
                raise ValueError("a threshold over a statistic no report carries (`unreported:`) names no `indicator:` "
                                 "or `formula:`; hint: drop one of them")
            if self.role != "historic":
                raise ValueError("only a `role: historic` threshold may be `unreported:` (a deciding rule that can never "
                                 "be judged would hold every verdict); hint: give the rule a formula over reported fields")
            return self
        if (self.indicator is None) == (self.formula is None):
            raise ValueError("a threshold names either `indicator:` or `formula:`; hint: give exactly one of them")
        return self


class InputCondition(_Strict):
    """A condition only the analyst can judge (e.g. first among the province's provincial zones): unknown until given."""

    id: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    name_zh: str
    name_en: str
    source: str
    source_en: str = ""
    confidence: Literal["high", "medium", "low"]
    cites: list[str] = Field(default_factory=list)


class RulesFile(_Strict):
    name_zh: str
    name_en: str
    overall_min: Optional[Target] = None
    category_min: Optional[Target] = None
    rank_share_max: Optional[Target] = None
    bottom_n: Optional[Target] = None  # the zone must not be among the region's bottom N (value: N)
    thresholds: list[Threshold] = []
    inputs: list[InputCondition] = []


@dataclass
class RuleResult:
    id: str
    name_zh: str
    name_en: str
    value: float | None
    op: str
    threshold: float
    unit: str
    passed: bool | None  # None: could not be judged (missing data)
    source: str
    confidence: str
    source_en: str = ""
    role: str = "user"  # condition, veto, user: decide the verdict; historic: shown only
    cites: list = None  # the cited yardstick entries (dicts), when the rules file cites any
    reason: str = ""  # why a deciding condition is not judged although the data are there (e.g. the peer set)
    fields: tuple = ()  # the raw statistics a threshold over figures reads (the report's data appendix lists them)
    # `reason` in a few words, said after the condition's name where a verdict's wait is listed (awaiting_zh):
    # 不能按此对照表判定（…）, 待核实（…）
    why_zh: str = ""
    why_en: str = ""
    also_counts: tuple = ()  # (zh, en): what else the figure read counts, when that left it not judged (_cannot_tell)
    reason_en: str = ""  # `reason` in English (the terminal under --lang en; the JSON's reason_en)
    doubt: tuple = ()  # the problems of the doubtful figures it reads, when that left it not judged (rule_doubts)

    @property
    def deciding(self) -> bool:
        return self.role != "historic"

    def as_dict(self) -> dict:
        return {**{k: v for k, v in self.__dict__.items() if k not in ("fields", "why_zh", "why_en", "also_counts",
                                                                       "doubt")},
                "reason_en": self.reason_en or self.reason, "cites": self.cites or [], "deciding": self.deciding}


@dataclass
class Verdict:
    name_zh: str
    ready: bool | None  # None when some rule could not be judged and none failed
    rules: list[RuleResult]
    name_en: str = ""
    doubtful: list[str] = field(default_factory=list)  # ids of indicators left out or capped as doubtful
    empty_categories: list[str] = field(default_factory=list)  # categories with no score (ScoreResult.empty_categories)
    empty_scored: dict[str, int] = field(default_factory=dict)  # each one's children with a score (engine.unscored_category)
    rank_doubt: Any = None  # why the rank is not comparable (readiness.rank_doubt_text: peers' side or zone's), a Text
    carried: list[str] = field(default_factory=list)  # ids of indicators scored on another quarter's value (`carried_over`)

    @property
    def comparable(self) -> bool:
        """Whether the overall, the rank and this verdict rest on every category, as the peers' do, and the rank on
        sound peer columns and zone data no doubt could move it by: one verdict on both sides (bt12g F2)."""
        return not self.empty_categories and self.rank_doubt is None

    @property
    def on_doubtful_data(self) -> bool:
        """Whether the verdict was reached with some of the quarter's figures doubtful (say so beside it): an indicator
        left out or capped, or a condition not judged because a figure it reads is doubtful (bt11i F3)."""
        return bool(self.doubtful) or bool(self.doubtful_rules)

    @property
    def doubtful_rules(self) -> list[RuleResult]:
        """The conditions not judged because a figure they read is doubtful (scorer.score.rule_doubts)."""
        return [r for r in self.rules if r.doubt]

    @property
    def pending(self) -> list[RuleResult]:
        """Deciding conditions not yet judged: analyst inputs not given, or data missing."""
        return [r for r in self.rules if r.deciding and r.passed is None]

    @property
    def awaiting(self) -> bool:
        """Whether every condition not yet judged waits on something other than the data (analyst inputs, the peer set)."""
        return bool(self.pending) and all(r.role == "input" or r.reason for r in self.pending)

    def caution(self, framework: Framework, lang: str = "zh") -> str | None:
        """The caution said beside the verdict when it rests on doubtful data or lacks a whole category (None when neither)."""
        told = doubt_caution(framework, self.doubtful, lang, self.empty_categories, self.empty_scored, self.carried,
                             self.doubtful_rules)
        if self.rank_doubt is None or self.empty_categories:  # dropped categories: the caution says it already
            return told
        rank = self.rank_doubt.in_(lang)
        rank = rank[:1].upper() + rank[1:] + ("。" if lang == "zh" else ".")
        return rank if told is None else told + ("" if lang == "zh" else " ") + rank

    @property
    def label_zh(self) -> str:
        return self.label_in("zh")

    def label_in(self, lang: str) -> str:
        """The verdict in words, in `lang` ("zh" or "en"): the report's words (scorer.i18n verdict_*), with what
        an undetermined verdict waits on (`awaiting_in`)."""
        t = translator(lang)
        if self.ready is None and self.awaiting:
            return t("verdict_pending", items=awaiting_in(self.pending, lang))
        return t("verdict_ready" if self.ready else "verdict_unknown" if self.ready is None else "verdict_not_ready")

    def as_dict(self) -> dict:
        return {"name_zh": self.name_zh, "name_en": self.name_en or self.name_zh, "ready": self.ready,
                "label_zh": self.label_zh, "label_en": self.label_in("en"),
                "on_doubtful_data": self.on_doubtful_data, "doubtful_indicators": list(self.doubtful),
                "carried_indicators": list(self.carried), "comparable": self.comparable, "empty_categories": list(self.empty_categories),
                "pending": [r.id for r in self.pending], "rules": [r.as_dict() for r in self.rules]}


NOT_REGION_WHY_ZH = "该对照并非本区域国家级经开区"
NOT_JUDGED_WHY_ZH = "不能按此对照表判定（{why}）"
NOT_JUDGED_HERE_ZH = NOT_JUDGED_WHY_ZH.format(why=NOT_REGION_WHY_ZH)


def thin_reason_zh(standing: Standing) -> str:
    """Why the rank conditions are not judged against a peer table of too few indicators (Standing.thin), in Chinese."""
    return (f"对照表只含{standing.compared}/{standing.indicators}项指标（占综合得分权重{standing.compared_weight:.0%}，"
            f"不足{standing.least_weight:.0%}）：排名只按这些指标的得分比较，不足以判定区域排名条件；"
            f"请提供含更多指标的对照表")


def thin_reason_en(standing: Standing) -> str:
    """`thin_reason_zh` in English."""
    return (f"the peer table has {standing.compared} of {standing.indicators} indicators ({standing.compared_weight:.0%} "
            f"of the overall score's weight, less than {standing.least_weight:.0%}): the rank compares on those only, too "
            f"few to judge the region's rank conditions; give a peer table with more indicators")


def awaiting_in(pending: list[RuleResult], lang: str, not_given: str = "") -> str:
    """`awaiting_zh` in `lang`: in English, the conditions' English names, and the reason the peer table
    cannot decide the others."""
    if lang == "zh":
        return awaiting_zh(pending, not_given)
    inputs = [r.name_en or r.name_zh for r in pending if not r.reason]
    unjudged: dict[str, list[str]] = {}  # by why, as awaiting_zh
    for r in pending:
        if r.reason:
            unjudged.setdefault(r.why_en or NOT_JUDGED_HERE_EN, []).append(short_name(r.name_en or r.name_zh, "en"))
    parts = ([conditions_en(inputs) + not_given] if inputs else []) + \
        [f"{conditions_en(names)} ({why})" for why, names in unjudged.items()]
    return "; ".join(parts)


NOT_JUDGED_HERE_EN = "not judged on this peer table: it is not the region's national zones"  # NOT_JUDGED_HERE_ZH


def awaiting_zh(pending: list[RuleResult], not_given: str = "") -> str:
    """What a verdict waits on, by kind, in Chinese: the analyst's conditions not given (their names, then
    `not_given`, e.g. "未给出"), and conditions the peer table cannot decide (a table that is not the
    region's national zones: "…不能按此对照表判定（该对照并非本区域国家级经开区）", as the report's page 2
    says), never "not given" for those. The one wording of score, compare, uncertainty, plan and report."""
    inputs = [r.name_zh for r in pending if not r.reason]
    unjudged: dict[str, list[str]] = {}  # by why: another region's table, a table of too few indicators …
    for r in pending:
        if r.reason:
            unjudged.setdefault(r.why_zh or NOT_JUDGED_HERE_ZH, []).append(short_name(r.name_zh))
    parts = (["、".join(inputs) + not_given] if inputs else []) + ["、".join(names) + why for why, names in unjudged.items()]
    return "；".join(parts)


def doubt_caution(framework: Framework, doubtful: Collection[str], lang: str = "zh",
                  empty_categories: Collection[str] = (), scored: Mapping[str, int] | None = None,
                  carried: Collection[str] = (), rules: Collection = ()) -> str | None:
    """The caution beside a verdict reached with doubtful indicator values (`doubtful`: their ids), naming
    them, and (first) the one beside a verdict reached without whole categories (`empty_categories`: their
    ids, `scored`: their children with a score, see `not_comparable_caution`), and (last) the one beside a verdict
    resting on values carried from another quarter (`carried`: ids, see `carried_over`; issue 11: a blank Q4
    category scored on Q3's values said nothing beside the verdict); None when there are none.
    The one text of score, compare, uncertainty, plan, watch and the report."""
    parts = [not_comparable_caution(framework, empty_categories, lang, scored)] if empty_categories else []
    sep = "、" if lang == "zh" else ", "
    if doubtful:
        names = [framework.indicators[i].name_zh if lang == "zh" else framework.indicators[i].name_en
                 for i in doubtful if i in framework.indicators]
        parts.append(translator(lang)("verdict_doubtful", n=len(names), names=sep.join(names)))
    if rules:  # conditions not judged because a figure they read is doubtful (RuleResult.doubt, bt11i F3)
        names = [f"「{short_name(r.name_zh)}」" if lang == "zh" else f"“{short_name(r.name_en or r.name_zh, 'en')}”"
                 for r in rules]
        parts.append(msg("Caution: {names} not judged: a figure it reads is doubtful; check the cells listed under Data "
                         "quality.", names=sep.join(names)).in_(lang))
    if carried:
        names = [framework.indicators[i].name_zh if lang == "zh" else framework.indicators[i].name_en
                 for i in carried if i in framework.indicators]
        parts.append(msg("Note: this verdict rests partly on another quarter's data: {names} ({n:# indicator|# indicators}) {n:has|have} no "
                         "usable figure this quarter and {n:is|are} scored on the latest earlier value (marked * in the tables); "
                         "fill in this quarter's figures to judge on them.", names=sep.join(names), n=len(names)).in_(lang))
    return ("" if lang == "zh" else " ").join(parts) or None


def carried_over(result: ScoreResult) -> list[str]:
    """Ids of the indicators whose value for `result.period` was filled in from another quarter (the framework's
    imputation, e.g. locf: the latest earlier value), other than those whose statistics are not reported this quarter
    by design (fields.yaml `reported`: said in their own note, scorer.report.model.not_reported). What the verdict
    says it rests on beside itself (`doubt_caution`), in the JSON (`carried_indicators`) and on the report's page 2."""
    fields = result.framework.fields
    return [i.id for i in result.indicators if i.imputed and not (
        i.missing_fields and all(f in fields and not fields[f].reported_in(result.period) for f in i.missing_fields))]


def not_comparable_caution(framework: Framework, empty_categories: Collection[str], lang: str = "zh",
                           scored: Mapping[str, int] | None = None) -> str:
    """The caution beside an overall, rank and verdict computed without the categories `empty_categories`
    (ids of top-level groups without a score; `scored`: how many children each has scored, 0 when not given):
    their weight went to the other categories (an aggregate over the non-missing children, as COINr's arithmetic
    mean does), while the peers are scored on every category, so the three are not comparable with the peers'.
    Names each category, its weight (its share of the overall, in %) and why it has no score
    (scorer.score.engine.unscored_category)."""
    return not_comparable_text(framework, empty_categories, scored).in_(lang)


def not_comparable_text(framework: Framework, empty_categories: Collection[str], scored: Mapping[str, int] | None = None):
    """`not_comparable_caution` in both languages (a `Text`)."""
    items = [unscored_category(framework, g, (scored or {}).get(g, 0)) for g in empty_categories if g in framework.groups]
    joined = both("; ".join(items), "；".join(i.zh for i in items))
    if len(items) > 1:
        return msg("Not comparable with the peers: {categories}, so their weight ({weight:.0f}% of the score in all) went to "
                   "the other categories. The peers are scored on every category, so the overall score, the rank and this "
                   "verdict are not comparable with theirs.", categories=joined,
                   weight=100 * sum(framework.groups[g].effective_weight for g in empty_categories if g in framework.groups))
    return msg("Not comparable with the peers: {categories}, so its weight went to the other categories. The peers are "
               "scored on every category, so the overall score, the rank and this verdict are not comparable with theirs.",
               categories=joined)


def doubt_range_text(result: ScoreResult, lang: str = "zh") -> str | None:
    """The worst case beside an overall made with doubtful indicators left out or capped (ScoreResult.doubt_range):
    the overall shown, and the overall with them scored at their lowest and at full marks; None when none is
    doubtful. Said under the headline in the terminal, the watch log and the report's page 2."""
    from scorer import fmt

    rng = result.doubt_range()
    if rng is None:
        return None
    missing = len(result.unknown()) if hasattr(result, "unknown") else 0  # no figure this quarter (bt12i F1)
    key = "doubt_range" if not missing else "doubt_range_both" if any(i.doubtful for i in result.indicators) \
        else "doubt_range_missing"
    return translator(lang)(key, overall=fmt.score(result.overall), worst=fmt.score(rng[0]), best=fmt.score(rng[1]),
                            **({"n": missing} if missing else {}))


def not_comparable_mark(value: str, comparable: bool, lang: str = "zh") -> str:
    """A headline figure (the overall score, a rank) as printed: tagged （不可比） / (not comparable) when it was
    computed without whole categories (`comparable` false), wherever it is shown (terminal, watch log, report)."""
    return value if comparable else translator(lang)("not_comparable_mark", value=value)


def default_rules() -> Path:
    return indicators_dir() / "rules.yaml"


@dataclass
class Rules:
    spec: RulesFile
    path: Path
    trees: dict[str, fx.Node]
    sha256: str = ""
    yardsticks: Yardsticks | None = None


def load_rules(path: Path | str | None, framework: Framework) -> Rules:
    path = Path(path) if path is not None else default_rules()
    doc, spec = load_model(path, RulesFile, msg("expected a mapping of rules"))
    problems, trees = [], {}
    for k, t in enumerate(spec.thresholds):
        where = Location(file=path, line=line_of(doc, ("thresholds", k)))
        if t.indicator is not None:  # an id, or the indicator's Chinese name as in scenarios
            t.indicator = framework.indicator_id(t.indicator) or t.indicator
        if t.indicator is not None and t.indicator not in framework.indicators:
            problems.append(Problem(msg("threshold {id!r}: unknown indicator {indicator!r}", id=t.id, indicator=t.indicator),
                                    where, msg("name an indicator id of the framework")))
        if t.formula is not None:
            try:
                trees[t.id] = fx.parse(t.formula)
            except fx.FormulaError as exc:
                problems.append(Problem(msg("threshold {id!r}: {why}", id=t.id, why=text_of(exc)), where, exc.hint))
                continue
            unknown = [n.name for n in fx.names(trees[t.id]) if n.name not in framework.fields]
            if unknown and unknown[0] in framework.derived:  # read as a raw field it is not, it was 'unknown' (bt16)
                problems.append(Problem(msg("threshold {id!r}: {field!r} is a derived quantity of the framework, and a "
                                            "threshold's formula reads raw fields only", id=t.id, field=unknown[0]), where,
                                        msg("write its formula out over the raw fields of fields.yaml")))
            elif unknown:
                problems.append(Problem(msg("threshold {id!r}: unknown field {field!r}", id=t.id, field=unknown[0]), where,
                                        msg("formulas use the raw fields of fields.yaml")))
    cites = cites_in(doc, path)
    yardsticks = None
    if cites or framework.yardsticks_path is not None:
        yardsticks = load_yardsticks(framework.yardsticks_path)
        problems += check_cites(cites, yardsticks)

        def known(ids) -> bool:  # checked in the same pass, but not against a citation that does not resolve
            return all(i in yardsticks for i in ids or ())

        # A threshold or rule parameter citing a published figure must be that figure (in its unit); every fault of
        # the file is told at once, not a stage at a time (bt12g §8: the cites first, the values at the next run)
        if yardsticks is not None:
            problems += check_numbers([(t.value, t.unit, t.cites, Location(file=path, line=line_of(doc, ("thresholds", k, "value"))),
                                        msg("threshold {id!r}", id=t.id)) for k, t in enumerate(spec.thresholds)
                                       if t.basis == "published" and (t.cites or t.role != "user") and known(t.cites)
                                       and (t.indicator is None or t.indicator in framework.indicators)]
                                      + [(target.value, unit, target.cites, Location(file=path, line=line_of(doc, (key, "value"))),
                                          key) for key, unit in PARAMETER_UNITS.items()
                                         # the rank conditions decide: cited unless one's own (as thresholds);
                                         # a score cut-off (overall_min, category_min) is the user's rule
                                         if (target := getattr(spec, key)) is not None and not _own_choice(target)
                                         and (target.cites or key in RANK_PARAMETERS) and known(target.cites)],
                                      yardsticks)
            problems += check_confidence(
                [(t.confidence, t.cites, Location(file=path, line=line_of(doc, ("thresholds", k, "confidence"))),
                  msg("threshold {id!r}", id=t.id)) for k, t in enumerate(spec.thresholds) if known(t.cites)]
                + [(target.confidence, target.cites, Location(file=path, line=line_of(doc, (key, "confidence"))), key)
                   for key in PARAMETER_UNITS if (target := getattr(spec, key)) is not None and known(target.cites)],
                yardsticks)
    problems += _deciding_rests_on_rules(spec, doc, path, yardsticks) + stated_figures(spec, doc, path, yardsticks)
    mags = _threshold_magnitudes(spec, doc, path, framework)  # one cause, one message: a number both off its magnitude
    problems += mags + [p for p in impossible_numbers(spec, doc, path, framework)  # and impossible is said once
                        if p.location.line not in {m.location.line for m in mags}]
    problems += [Problem(msg("input condition {id!r} cites no yardstick entry: where the condition comes from cannot "
                             "be shown", id=c.id), Location(file=path, line=line_of(doc, ("inputs", k))),
                         msg("cite the yardstick entry the condition rests on (`cites:`)"))
                 for k, c in enumerate(spec.inputs) if not c.cites]
    if problems:
        raise ScorerError(problems)
    import hashlib

    return Rules(spec, path, trees, hashlib.sha256(path.read_bytes()).hexdigest(), yardsticks)


def _threshold_magnitudes(spec: RulesFile, doc, path: Path, framework: Framework) -> list[Problem]:
    """A deciding threshold on an indicator whose number no published figure checks (the user's own, `basis:
    judgement`, or citing none) is held to the indicator's magnitude as the framework's targets are
    (peer_magnitude.magnitude_off: a level within 3× of the level the peer model gives it, a rate within its band):
    bt12g F3, tax ≥ 710 亿元 (the central mean is 71) and R&D intensity ≥ 0.015 % (for 1.5 %) decided the verdict
    with no word. Historic thresholds are shown, never deciding, and are checked against what they cite.
    Problems at the threshold's `value:` line."""
    from scorer import units
    from scorer.score.peer_magnitude import expected_levels, magnitude_off

    levels = None
    out = []
    for k, t in enumerate(spec.thresholds):
        if t.indicator is None or t.role == "historic" or t.indicator not in framework.indicators:
            continue
        if t.basis == "published" and (t.cites or t.role != "user"):
            continue  # checked against the figure it cites (check_numbers)
        d = framework.indicators[t.indicator]
        try:
            value = t.value * units.factor(t.unit, d.unit) if t.unit and t.unit != d.unit else t.value
        except Exception:  # noqa: BLE001  (a unit that does not convert is told where the rule is judged)
            continue
        levels = levels if levels is not None else expected_levels(framework, None, None)
        bad = magnitude_off(d, value, levels, msg("threshold {id!r}", id=t.id))
        if bad is not None:
            out.append(Problem(bad, Location(file=path, line=line_of(doc, ("thresholds", k, "value"))),
                               msg("correct the number or its unit: a rule of one's own this far from what the "
                                   "region's zones reach is probably a slip; the yardsticks give their magnitude"),
                               code="threshold_magnitude"))
    return out


def _deciding_rests_on_rules(spec: RulesFile, doc, path: Path, yardsticks: Yardsticks | None) -> list[Problem]:
    """A threshold that decides the verdict as an upgrade condition or a veto (`role: condition` / `veto`) is a
    published rule: it cites one, is not the user's own number (`basis: judgement`: that is `role: user`), and
    rests on no entry of low confidence or unverified (the 2010–11 thresholds, switched to `condition`,
    decided the verdict; a condition of judgement citing nothing, `confidence: high`, decided it too).
    Problems at the threshold's `role:` line."""
    problems = []
    for k, t in enumerate(spec.thresholds):
        if t.role not in ("condition", "veto"):
            continue
        where = Location(file=path, line=line_of(doc, ("thresholds", k, "role")))
        weak = [yardsticks[c] for c in t.cites if yardsticks is not None and c in yardsticks
                and (yardsticks[c].unverified or yardsticks[c].confidence == "low")]
        if t.basis == "judgement":
            problems.append(Problem(msg("threshold {id!r}: a {role} decides the verdict as a published rule, but its "
                                        "value is one's own (`basis: judgement`)", id=t.id, role=t.role), where,
                                    msg("a threshold of one's own is `role: user` (it decides, and the report says it "
                                        "is the user's rule)")))
        elif not t.cites:
            problems.append(Problem(msg("threshold {id!r}: a {role} decides the verdict as a published rule, but it "
                                        "cites none", id=t.id, role=t.role), where,
                                    msg("cite the yardstick entry of the rule, or make it `role: user`")))
        elif weak:
            e = weak[0]
            problems.append(Problem(msg("threshold {id!r}: a {role} decides the verdict, but it rests on {entry} "
                                        "(confidence {confidence}{unverified})", id=t.id, role=t.role, entry=e.id,
                                        confidence=e.confidence, unverified=msg(", unverified") if e.unverified else ""),
                                    where, msg("a threshold no surer than that is shown, never deciding: `role: "
                                               "historic` (or `role: user` for a rule of one's own)")))
    return problems


def _cannot_tell(r: RuleResult, t: Threshold, framework: Framework) -> None:
    """A threshold breached by a figure that also counts what the rule does not name (`also_counts`): the breach may
    be those alone, so the rule is not judged — to confirm, with the figure's own label and what it mixes — never
    failed (a veto over 较大及以上安全生产事故和环保督察问题数 failed a zone on one inspection finding)."""
    from scorer.i18n import official

    label = "、".join(official(framework.fields[f].label) for f in r.fields if f in framework.fields) or r.name_zh
    r.passed = None
    r.reason = (f"所读数据“{label}”为{written(r.value)}{r.unit}，其中同时计入{t.also_counts}，不能确定是否发生了本条所指的"
                f"{short_name(r.name_zh)}：请核实其中是否有本条所指的事故或事件")
    r.why_zh = f"待核实（所读数据同时计入{t.also_counts}）"
    r.why_en = f"to confirm: the figure read also counts {t.also_counts_en or t.also_counts}"
    r.also_counts = (t.also_counts, t.also_counts_en or t.also_counts)
    label_en = ", ".join(framework.fields[f].label_en or framework.fields[f].label for f in r.fields
                         if f in framework.fields) or r.name_en or r.name_zh
    amount = f"{written(r.value)} {unit(r.unit or '', 'en')}".strip()
    r.reason_en = (f"the figure read, “{label_en}”, is {amount}, and it also "
                   f"counts {t.also_counts_en or t.also_counts}: it cannot tell whether what this condition names happened; "
                   f"check whether any of it is an accident or incident this condition names")


def _own_choice(target: Target) -> bool:
    """A rule parameter written `basis: judgement` is the user's own choice: not checked against what it cites."""
    return "basis" in target.model_fields_set and target.basis == "judgement"


def judge(rules: Rules, result: ScoreResult, panel: Panel, standing: Standing | None,
          doubtful_figures: Collection[tuple[str, str, str]] = (), inputs: dict[str, bool] | None = None) -> Verdict:
    """Apply the rules: every rule's result, and ready = no deciding rule failed and none unknown.

    A threshold over raw figures that reads a doubtful one (`doubtful_figures`: (field, quarter, kind) as
    scorer.score.doubt.doubtful_figure gives them; a mapping to the problem of each, `figure_causes`, makes the
    condition say which cell and why, scorer.score.rule_doubts) is not judged: a slipped unit must not pass (or fail) a
    threshold. A doubtful 同比 rate stops only a threshold that uses the rate, a doubtful level one that uses it.

    `inputs` gives the analyst's answers to the rules file's `inputs:` conditions (id → met or not);
    a condition not given stays unknown, and the verdict then cannot be "ready".
    """
    spec = rules.spec
    out: list[RuleResult] = []

    ys = rules.yardsticks

    def add(id_, zh, en, value, op, target: Target | float, unit="", role="user", cites=()):
        threshold = target.value if isinstance(target, Target) else float(target)
        ok = None if value is None or not np.isfinite(value) else bool(OPS[op](value, threshold))
        cites = list(cites) or list(getattr(target, "cites", []))
        out.append(RuleResult(id_, zh, en, None if ok is None else float(value), op, threshold, unit, ok,
                              getattr(target, "source", ""), getattr(target, "confidence", ""),
                              getattr(target, "source_en", ""), role, ys.cited(cites) if ys else []))

    if spec.overall_min is not None:
        add("overall_min", "综合得分", "Overall score", result.overall, ">=", spec.overall_min, "分")
    if spec.category_min is not None:
        for g in result.groups:
            add(f"category_min_{g.id}", f"{g.name_zh}得分", f"{g.name_en} score", g.score, ">=", spec.category_min, "分")
    # The bottom-N and middle conditions are about the region's national zones: judged only against a
    # peer set declared to be them (its metadata), otherwise shown as not judged, with the reason.
    # A rank on too few indicators (a table of GDP alone) decides neither: the rank is on those indicators only.
    thin = standing is not None and getattr(standing, "thin", False)
    doubts = list(getattr(standing, "column_doubts", None) or []) if standing is not None else []
    zone_doubt = getattr(standing, "zone_doubt", None) if standing is not None else None
    judged_here = standing is not None and getattr(standing, "ranks_region", False) and not thin and not doubts \
        and not zone_doubt
    # The zone's doubt bounds the rank: a condition its whole range settles is judged on the bound (bt12h F1)
    bounds = rank_condition_bounds(standing, zone_doubt) if zone_doubt and not doubts and not thin \
        and getattr(standing, "ranks_region", False) else None
    if spec.bottom_n is not None and standing is not None:
        n = int(spec.bottom_n.value)
        add("bottom_n", f"不在区域后{n}名（对照样本中得分低于本区的园区数不少于{n}）",
            f"Not among the region's bottom {n} (at least {n} peers score lower)",
            float(standing.behind) if judged_here else settled(bounds[0], ">=", n) if bounds else None, ">=",
            spec.bottom_n, "个", role="condition")
    if spec.rank_share_max is not None and standing is not None:
        name = f"达到区域中等水平：对照样本中得分高于本区的比例（{'合成样本' if standing.synthetic else standing.peer_name}）"
        add("rank_share_max", name, "At or above the regional middle: share of peers scoring higher",
            standing.share_ahead if judged_here else settled(bounds[1], "<=", spec.rank_share_max.value) if bounds
            else None, "<=", spec.rank_share_max, role="condition")
    if standing is not None and not judged_here:
        for r in out:
            if r.id not in ("bottom_n", "rank_share_max") or r.passed is not None:  # judged on the doubt's bounds
                continue
            if not getattr(standing, "ranks_region", False):
                r.reason, r.why_zh = f"{NOT_REGION_ZH}（对照：{standing.group_zh}）", NOT_JUDGED_HERE_ZH
                r.why_en = NOT_JUDGED_HERE_EN
                r.reason_en = f"{NOT_REGION_EN} (peers: {standing.group_en})"
            elif zone_doubt and not doubts and not thin:  # the zone's own doubtful or dropped data could move the rank
                zone_not_judged(r, zone_doubt)
            elif not thin:  # columns off their magnitude or saturated (scorer.score.peer_magnitude)
                names = doubt_names(doubts)
                r.reason = (f"对照表{doubts[0].file}的{names.zh}与对标依据的量级不符或得分饱和：排名及其差距存疑、"
                            f"不可比，此条件不按其判定；请核对这些列的单位与数值")
                r.why_zh = NOT_JUDGED_WHY_ZH.format(why=f"对照表的{names.zh}存疑")
                r.why_en = f"not judged on this peer table: its columns {names} are doubtful"
                r.reason_en = (f"the peer table {doubts[0].file}'s columns {names} are off the yardsticks' magnitude or "
                               f"saturated: the rank and its margins are doubtful, not comparable, and this condition is "
                               f"not judged against it; check those columns' units and figures")
            else:
                r.reason = thin_reason_zh(standing)
                r.why_zh = NOT_JUDGED_WHY_ZH.format(why=f"对照表只含{standing.compared}项指标")
                r.why_en = (f"not judged on this peer table: it has {standing.compared} of {standing.indicators} indicators "
                            f"({standing.compared_weight:.0%} of the weight)")
                r.reason_en = thin_reason_en(standing)
    values = {i.id: i.value for i in result.indicators}
    doubtful = {x for x in doubtful_figures if isinstance(x, tuple)}
    for t in spec.thresholds:
        if t.unreported is not None:  # shown, not judged: the statistic it needs is in no report
            add(t.id, t.name_zh, t.name_en, None, t.op,
                Target(value=t.value, source=t.source, source_en=t.source_en, confidence=t.confidence), t.unit,
                t.role, t.cites)
            out[-1].reason = f"统计报表不报{t.unreported}，不能判定；不以其他数据代替"
            out[-1].why_zh = f"无统计数据（{t.unreported}）"
            out[-1].why_en = f"no statistic reports it ({t.unreported_en or t.unreported})"
            out[-1].reason_en = f"no statistical report gives {t.unreported_en or t.unreported}: not judged, no other figure stands in"
            continue
        hit = set()
        if t.indicator is not None:
            value = values.get(t.indicator)
        elif doubtful and (hit := figures_read(result.framework, rules.trees[t.id], result.period,
                                               published_in(panel)) & doubtful):
            value = None
        else:
            value = float(evaluate_formula(result.framework, panel, rules.trees[t.id], [result.period])[0])
        add(t.id, t.name_zh, t.name_en, value, t.op,
            Target(value=t.value, source=t.source, source_en=t.source_en, confidence=t.confidence), t.unit,
            t.role, t.cites)
        if t.indicator is None:
            out[-1].fields = tuple(result.framework.fields_read(rules.trees[t.id]))
        if hit and isinstance(doubtful_figures, Mapping):  # the problem of each figure: say which and why (bt11i F3)
            not_judged_for_doubt(out[-1], [doubtful_figures[x] for x in sorted(hit)])
        if t.also_counts and out[-1].passed is False:
            _cannot_tell(out[-1], t, result.framework)
    for c in spec.inputs:
        given = (inputs or {}).get(c.id)
        out.append(RuleResult(c.id, c.name_zh, c.name_en, None if given is None else float(given), "==", 1.0, "",
                              None if given is None else bool(given), c.source, c.confidence, c.source_en,
                              "input", ys.cited(c.cites) if ys else []))
    judged = [r.passed for r in out if r.deciding]
    ready = False if False in judged else (None if None in judged else True)
    return Verdict(spec.name_zh, ready, out, spec.name_en)


def rule_rates(rules: Rules | None, framework, period: str, unscored: frozenset = frozenset()) -> list[dict]:
    """The exchange rates the upgrade conditions' formulas convert at (`to(annual(exports), "亿美元")`: a flow in 万元
    compared with a threshold in US dollars, at the average rate of the reported year, scorer.score.engine's
    `convert`): one entry per year, as scorer.read.observation.rates_used gives the workbooks' own conversions, each
    with `rules`: the conditions (`id`, `field`, `period`) whose margin rests on that rate. A margin such as
    −20.6亿美元 said without its rate could not be checked (bt13). Conditions in `unscored` (not evaluated) are left out;
    a year without a rate is left out too (its condition is not judged, and says so)."""
    if rules is None:
        return []
    out: dict[int, dict] = {}
    year = int(period[:4])
    for t in rules.spec.thresholds:
        tree = rules.trees.get(t.id)
        if tree is None or t.id in unscored:
            continue
        for call in fx.calls(tree):
            if call.func != "to":
                continue
            arg = call.args[0]
            field = arg if isinstance(arg, fx.Name) else arg.args[0]
            source = framework.fields[field.name].unit if field.name in framework.fields else None
            if source is None or {units.dimension(source), units.dimension(call.args[1])} != {"usd", "rmb"}:
                continue
            rate = units.exchange_rates().get(year)
            if rate is None:
                continue
            entry = out.setdefault(year, {**rate.as_dict(), "rules": []})
            entry["rules"].append({"id": t.id, "field": field.name, "period": period, "to": call.args[1]})
    return [out[y] for y in sorted(out)]


def merged_rates(values: list[dict], rules: list[dict]) -> list[dict]:
    """The workbooks' conversions (rates_used) and the conditions' (rule_rates), one entry per year, oldest first:
    each with `values` and `rules` (either may be empty)."""
    out = {e["year"]: {**e, "rules": []} for e in values}
    for e in rules:
        out.setdefault(e["year"], {**e, "values": []})["rules"] = e["rules"]
    return [out[y] for y in sorted(out)]
