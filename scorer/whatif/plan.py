"""The path to the target: the least-effort raw improvements that reach a score or the verdict (a linear program).

Decision variables are the changes x_f ≥ 0 of the fields named in indicators/effort.yaml, each in
the direction the zone can move it and within its feasible range; the objective is the total effort
Σ c_f·x_f. Under goalposts an indicator's score is min(100, slope·(value − floor)), piecewise linear
in its value, and the overall and category scores are linear in the indicators' scores (arithmetic
means), so with one score variable per indicator (s_i ≤ 100, s_i ≤ slope·value_i(x)) the program is
exact wherever each indicator is linear in the fields: a bare field, annual(), to(), yoy() (the
published rate is rebased, see scorer.whatif.scenario), and a ratio whose other fields are held fixed.

Where an indicator is not linear in the decision fields (a ratio with a decision field in the
denominator, e.g. the high-tech share of trade when both high-tech trade and total trade move), the
program uses the tangent at the current point; the plan is then re-scored with the real engine and,
if it falls short, linearised again at the plan and solved with the shortfall added to the aim
(sequential linear programming, a few rounds). What is still short after that is said so.
Two further limits, stated in every plan's notes when they apply: an indicator below its floor
scores 0 until it passes the floor, a step that is not concave, so the program leaves it at 0; and
counts (个, 家) are rounded up to whole units after solving. Every plan is verified by re-scoring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from scorer import fmt, units
from scorer.score.engine import aggregate_variants, score_variants
from scorer.score.objects import overall_object
from scorer.errors import Problem, ScorerError
from scorer.i18n import translator, unit as unit_in
from scorer.messages import N_, Text, both, msg
from scorer.framework.model import Framework
from scorer.score.rules import awaiting_zh
from scorer.score.run import Run
from scorer.whatif.changes import Change, Scenario
from scorer.whatif.efforts import (MAX_EFFORT_PER_UNIT, EffortEntry, EffortFile, Efforts, FieldEffort,  # noqa: F401
                                   caliber_ceilings, default_efforts, load_efforts, resolve_efforts)
from scorer.whatif.reach import reach, variant_rows
from scorer.whatif.respread import Respread, plan_note
from scorer.whatif.scenario import Baseline, fixed_conditions, pending_inputs, score_variant_set, verdict_label

MIN_STEP_POINTS = 0.005  # a step adding less (printed +0.00 points) is no step of a plan
MARGIN = 1e-6  # the program aims this far past each threshold, so the re-scored plan clears it
_SHORT_NOTE = N_("re-scored by the engine, the linearised plan falls a little short of the goal (ratio indicators are "
                 "not linear): add a little to the measures and re-score")


# --------------------------------------------------------------------------------- results
@dataclass
class Action:
    """One step of the plan, in the field's own unit, with the overall score once it (and the steps before) are done."""

    field: str
    label: str
    unit: str
    before: float
    after: float
    change: float  # after − before, signed
    relative: float  # change ÷ before
    effort: float
    points: float  # overall points this step adds, taken in order
    overall_after: float
    annual_method: str | None = None  # before/after/change are a flow's full-year estimate (FieldEffort.annual_method)
    label_en: str = ""  # `label` in English

    @property
    def text_zh(self) -> str:
        return self.text("zh")

    def text(self, lang: str, label: str | None = None) -> str:
        """The step in words in `lang`: 进出口总额 +7,627 万元（+1.6%）; `label` names the statistic (default: its Chinese label)."""
        pct = self.relative * 100
        share = (f"{pct:+.0f}%" if abs(pct) >= 10 else f"{pct:+.1f}%").replace("-", "−")
        amount = " ".join(filter(None, [_amount(self.change, self.unit).replace("-", "−"), unit_in(self.unit, lang)]))
        name = (label or self.label) + (("（全年）" if lang == "zh" else " (full year)") if self.annual_method else "")
        return f"{name} {amount}" + (f"（{share}）" if lang == "zh" else f" ({share})")

    def as_dict(self) -> dict:
        return {**{k: _num(v) if isinstance(v, float) else v for k, v in self.__dict__.items()},
                "label_en": self.label_en or self.label, "text_zh": self.text_zh,
                "text_en": self.text("en", self.label_en or self.label)}


@dataclass
class Constraint:
    """A goal the plan must meet: a rule or the overall target, with its value before and after the plan."""

    id: str
    name_zh: str
    op: str
    threshold: float
    before: float | None
    after: float | None
    met: bool | None
    reachable_alone: bool | None = None  # can the ranges meet it on their own (only asked when the plan fails)
    name_en: str = ""  # name_zh in English (the terminal under --lang en, the JSON's name_en)

    def as_dict(self) -> dict:
        return {**{k: _num(v) if isinstance(v, float) else v for k, v in self.__dict__.items()},
                "name_en": self.name_en or self.name_zh}


@dataclass
class Plan:
    period: str
    goal_zh: str
    target: float | None  # the overall score aimed at (None for --verdict)
    already_met: bool
    reachable: bool
    actions: list[Action]
    overall_before: float
    overall_after: float  # re-scored with the engine
    rank_before: int | None
    rank_after: int | None
    ready_before: bool | None
    ready_after: bool | None
    total_effort: float
    max_overall: float | None  # the best the ranges allow, when the goal is out of reach
    constraints: list[Constraint]
    fields: list[FieldEffort]
    rounds: int  # linear programs solved
    notes: list[Text] = field(default_factory=list)  # both languages; JSON carries the Chinese
    pending: list[str] = field(default_factory=list)  # analyst conditions not yet given (no plan moves them)
    awaiting: list = field(default_factory=list)  # `pending` as the verdict's conditions (RuleResult): not given / not judged here
    empty_categories: list[str] = field(default_factory=list)  # the run's categories without a score: not comparable
    doubt_range: tuple[float, float] | None = None  # overall_before with the doubtful indicators at 0 / full marks
    overall: dict = field(default_factory=dict)  # the zone before the plan: score's objects (scorer.score.objects)
    categories: list[dict] = field(default_factory=list)

    @property
    def awaiting_zh(self) -> str:
        """`pending` in words, by kind (scorer.score.rules.awaiting_zh): not given, or not judged against these peers."""
        return awaiting_zh(self.awaiting)
    failed_inputs: list[str] = field(default_factory=list)  # analyst conditions given as not met
    failed_inputs_en: list[str] = field(default_factory=list)  # the same, their English names
    goal_en: str = ""  # goal_zh in English
    data_met: bool | None = None  # --verdict: the conditions the data decide were met before any measure
    data_ready_before: bool | None = None  # the verdict over the data's conditions alone, before and after
    data_ready_after: bool | None = None
    levels_after: dict = field(default_factory=dict)  # field → (the quarter's figure after the plan, unit), wholes too
    # out of reach: the steps of the best plan the ranges allow (its score is `max_overall`), for the reader to see
    # what the limits can do; `actions` stays empty (no plan meets the goal)
    best_actions: list[Action] = field(default_factory=list)

    @property
    def met_zh(self) -> str:
        """What a plan with nothing to do says: the goal reached, or (--verdict) the data's part and what remains."""
        if self.target is not None or not (self.pending or self.failed_inputs):
            return "目标已经达到，无需新增措施。"
        if self.failed_inputs:
            return (f"数据所及条件均已满足，但{'、'.join(self.failed_inputs)}（分析人员给定）未满足，"
                    "升级条件无法通过提升统计数据达到。")
        return ("数据所及条件均已满足，无需新增数据措施；升级判定尚待确认："
                f"{awaiting_zh(self.awaiting, '（由分析人员以 --first-in-province / --land-use-2024 等给出）')}。")

    def met_in(self, lang: str) -> str:
        """`met_zh` in `lang` (the English from the report's words, scorer.i18n)."""
        if lang == "zh":
            return self.met_zh
        t = translator(lang)
        if self.target is not None or not (self.pending or self.failed_inputs):
            return t("plan_met")
        if self.failed_inputs:
            return t("plan_data_met_input_failed", items=fmt.conditions_en(self.failed_inputs_en or self.failed_inputs))
        return t("plan_data_met", items=fmt.conditions_en([r.name_en or r.name_zh for r in self.awaiting] or self.pending))

    def verdict_in(self, lang: str, after: bool) -> str:
        """The verdict before (or `after`) the plan in `lang`: `verdict_before_zh` / `verdict_after_zh` in Chinese."""
        if lang == "zh":
            return self.verdict_after_zh if after else self.verdict_before_zh
        ready, data_ready = (self.ready_after, self.data_ready_after) if after else (self.ready_before, self.data_ready_before)
        t, items = translator(lang), fmt.conditions_en([r.name_en or r.name_zh for r in self.awaiting] or self.pending)
        if ready is not False and items and (data_ready or ready):
            return t("verdict_pending", items=items)
        return t("verdict_ready" if ready else "verdict_unknown" if ready is None else "verdict_not_ready")

    @property
    def verdict_before_zh(self) -> str:
        return verdict_label(self.ready_before, self.awaiting_zh or self.pending, self.data_ready_before)

    @property
    def verdict_after_zh(self) -> str:
        return verdict_label(self.ready_after, self.awaiting_zh or self.pending, self.data_ready_after)

    def as_scenario(self) -> Scenario:
        """The plan as a scenario (every field at its planned value), for `scorer compare`.

        A scenario sets the workbook's own figure: a flow planned in full-year terms (before the fourth
        quarter, `Action.annual_method`) is set to the year-to-date figure that makes that full year."""
        to_level = {f.field: f.to_level for f in self.fields}
        unit = {f.field: f.unit for f in self.fields}
        level = {a.field: a.after * to_level.get(a.field, 1.0) for a in self.actions}
        # the figures as re-scored: a planned field's wholes moved with it (the city's GDP with the zone's, bt13k F6)
        level.update({f: v for f, (v, _) in self.levels_after.items()})
        unit.update({f: u for f, (_, u) in self.levels_after.items()})
        # Each value with its unit: a bare `= 493527` for 进出口总额 would not say 万元 (scorer.whatif.changes).
        return Scenario(f"提升路径：{self.goal_zh}", f"{self.period}提升路径测算的全部措施",
                        {f: Change("set", v, f"= {v:.10g} {unit[f]}".rstrip()) for f, v in level.items()})

    def as_dict(self) -> dict:
        return {"period": self.period, "goal_zh": self.goal_zh, "goal_en": self.goal_en or self.goal_zh, "target": self.target, "already_met": self.already_met,
                "data_met": self.data_met, "pending": self.pending,
                "pending_en": [r.name_en or r.name_zh for r in self.awaiting] if self.awaiting else self.pending,
                "failed_inputs": self.failed_inputs, "failed_inputs_en": self.failed_inputs_en or self.failed_inputs,
                "reachable": self.reachable, "actions": [a.as_dict() for a in self.actions],
                "best_actions": [a.as_dict() for a in self.best_actions],
                "overall_before": self.overall_before, "overall_after": self.overall_after,
                "rank_before": self.rank_before, "rank_after": self.rank_after,
                "overall": self.overall, "categories": self.categories,
                "verdict_before_zh": self.verdict_before_zh, "verdict_after_zh": self.verdict_after_zh,
                "verdict_before_en": self.verdict_in("en", after=False), "verdict_after_en": self.verdict_in("en", after=True),
                "total_effort": self.total_effort, "max_overall": _num(self.max_overall),
                "constraints": [c.as_dict() for c in self.constraints], "rounds": self.rounds,
                "notes": [n.zh if isinstance(n, Text) else n for n in self.notes], "notes_en": [str(n) for n in self.notes],
                "fields": [{"field": f.field, "label": f.label, "label_en": f.label_en or f.label, "unit": f.unit,
                            "direction": "increase" if f.sign > 0 else "decrease", "max_change": f.max_change,
                            "effort_per_unit": f.cost, "source": f.source, "confidence": f.confidence}
                           for f in self.fields]}


# ------------------------------------------------------------------------------- the program
@dataclass
class _Linear:
    """The scores and rule values as linear functions of x (the decision fields' changes) around a point."""

    values: np.ndarray  # indicator values at the point
    jacobian: np.ndarray  # indicators × decision fields
    rule_values: dict[str, float]
    rule_jacobian: dict[str, np.ndarray]


def plan(run: Run, target: float | None = None, verdict: bool = False, efforts: Efforts | None = None,
         max_rounds: int = 6, options: tuple[str, str] = ("--target", "--verdict")) -> Plan:
    """The least-effort set of raw improvements that lifts the overall score to `target`, or meets the verdict.

    The verdict's conditions that only the analyst can judge are no goal; those not yet given are
    listed in `Plan.pending` and named with the verdict. `options`: the command line's names of
    `target` and `verdict`, for messages (`report` calls them --plan-target and --plan-verdict).
    """
    run.require_overall()  # nothing to compare or plan from without an overall score
    out = _plan(run, target, verdict, efforts, max_rounds, options)
    out.pending = pending_inputs(run)
    out.empty_categories = [g.id for g in run.result.empty_categories]  # bt-i11 F5: the plan's scores and ranks too
    out.doubt_range = run.result.doubt_range()  # bt-i11 F4: the worst case of the overall it starts from
    out.overall = overall_object(run.framework, run.result.overall, out.empty_categories, out.doubt_range)
    out.categories = [g.as_dict() for g in run.result.groups]  # as score --json's (issue 11 item 7, bt11k F9)
    out.awaiting = [r for r in fixed_conditions(run) if r.passed is None]
    out.failed_inputs = [r.name_zh for r in fixed_conditions(run) if r.passed is False]
    out.failed_inputs_en = [r.name_en or r.name_zh for r in fixed_conditions(run) if r.passed is False]
    out.goal_en = (f"{run.framework.groups['index'].name_en.lower()} of {fmt.as_given(target)}" if target is not None
                   else "every rule of the readiness verdict")
    if verdict:
        # The goals are the data's conditions; the verdict is reached only once the analyst's are met too.
        out.data_met = out.already_met
        out.already_met = out.already_met and not out.pending and not out.failed_inputs
        if out.pending or out.failed_inputs:
            out.goal_zh = "满足数据所及的全部升级条件"
            out.goal_en = "every readiness condition the statistics can settle"
    return out


def _plan(run: Run, target: float | None, verdict: bool, efforts: Efforts | None, max_rounds: int,
          options: tuple[str, str]) -> Plan:
    if target is not None and verdict:  # both given: only one may be (bt15j F11c)
        raise ScorerError(Problem(msg("{target} and {verdict} were both given: plan aims for one of them",
                                      target=options[0], verdict=options[1])))
    if target is None and not verdict:
        raise ScorerError(Problem(msg("say what to aim for: {target} SCORE or {verdict} (one of them)",
                                      target=options[0], verdict=options[1])))
    fw = run.framework
    if target is not None and not (math.isfinite(target) and 0 <= target <= fw.meta.scale):
        raise ScorerError(Problem(msg("{option} {target}: an overall score lies between 0 and {scale:g}",
                                      option=options[0], target=fmt.as_given(target),
                                      scale=fw.meta.scale),
                                  hint=msg("give a score such as 90, at most {scale:g}", scale=fw.meta.scale)))
    base = Baseline.from_run(run)
    efforts = efforts or load_efforts(None, fw)
    actionable, notes = resolve_efforts(efforts, base)
    inds = base.indicators
    goalposts = np.array([fw.normaliser_for(fw.indicators[i]).method == "goalposts" for i in inds])
    if not goalposts.all():
        notes.append(msg("these indicators are not normalised against a target and are held fixed in the plan: {names}",
                         names=_names(fw, [i for i, g in zip(inds, goalposts) if not g])))
    now = score_variant_set(base, _rows(base, actionable, np.zeros((1, len(actionable)))))
    overall0 = float(now.overall.iat[0])
    scale = fw.meta.scale
    floor = np.array([fw.indicators[i].floor if g else np.nan for i, g in zip(inds, goalposts)], dtype=float)
    tgt = np.array([fw.indicators[i].target.value if g else np.nan for i, g in zip(inds, goalposts)], dtype=float)
    slope = scale / (tgt - floor)
    s0 = now.scores.iloc[0].to_numpy()
    below_floor = goalposts & np.isfinite(s0) & (np.nan_to_num(slope * (now.values.iloc[0].to_numpy() - floor)) < 0)
    if below_floor.any():
        notes.append(msg("these indicators are below their floor (0 points) and score only once past it; the linear "
                         "program does not count raising them: {names}",
                         names=_names(fw, [i for i, b in zip(inds, below_floor) if b])))
    movable = goalposts & np.isfinite(s0) & ~below_floor
    weights, group_weights = _score_gradients(fw, s0)
    goals = _goals(run, base, target, verdict, overall0)
    before = {g.id: _constraint_value(g.id, now, 0) for g in goals}
    for g in goals:
        g.before = before[g.id]
    already = all(_meets(g.op, g.before, g.threshold) for g in goals)
    rank0 = None if not np.isfinite(now.rank[0]) else int(now.rank[0])
    goal_zh = f"综合得分达到{fmt.as_given(target)}分" if target is not None else "满足升级条件判定的全部规则"
    if already:
        for g in goals:
            g.after, g.met = g.before, True
        return Plan(base.period, goal_zh, target, True, True, [], overall0, overall0, rank0, rank0, now.ready[0],
                    now.ready[0], 0.0, None, goals, actionable, 0, notes, data_ready_before=now.data_ready[0],
                    data_ready_after=now.data_ready[0])

    A = len(actionable)
    upper = np.array([f.max_change for f in actionable])
    cost = np.array([f.cost for f in actionable])
    x, rounds, solved = np.zeros(A), 0, None
    point, bias = np.zeros(A), {g.id: 0.0 for g in goals}
    for rounds in range(1, max_rounds + 1):
        # Tangents at the last plan (exact where the scores are linear in the fields); what the re-scored
        # plan still lacks — the curvature of a ratio whose fields both move — is added to the next aim.
        lin = _linearise(base, actionable, point, upper)
        solved = _solve(lin, point, goals, cost, upper, s0, floor, slope, movable, weights, group_weights, inds,
                        base, scale, bias=bias)
        if solved is None:
            if rounds > 1:  # the corrected aim is out of reach: keep the last plan and say it falls short
                solved = point
            break
        x = _round_counts(solved, actionable, upper)
        check = score_variant_set(base, _rows(base, actionable, x[None, :]))
        short = {g.id: _shortfall(g, _constraint_value(g.id, check, 0)) for g in goals}
        if not any(short.values()):
            break
        bias = {k: bias[k] + short[k] for k in bias}
        point = solved
    if solved is None:  # out of reach within the ranges: say how far the ranges go
        max_overall, reach, best = _reach(base, actionable, upper, goals, s0, floor, slope, movable, weights,
                                          group_weights, inds, scale)
        if best is not None and _meets_all(goals, base, actionable, best):
            # The program (a linear model of the scores) found no way, yet its best point, re-scored by the
            # engine, reaches the goal: never "cannot reach 72: at most 73". Take that point as the plan.
            return _from_best(base, actionable, best, goals, goal_zh, target, now,
                              rank0, rounds, notes, cost)
        best_plan = _ordered(base, actionable, best, goals, goal_zh, target, now, rank0, rounds, [], cost) \
            if best is not None else None
        for g in goals:  # after / met: the best plan's, re-scored (bt15j F4: 待确认 for a goal known to be missed)
            if best_plan is None:
                g.after, g.met = None, None
            g.reachable_alone = reach.get(g.id)
        return Plan(base.period, goal_zh, target, False, False, [], overall0, overall0, rank0, rank0, now.ready[0],
                    now.ready[0], 0.0, max_overall, goals, actionable, rounds, notes, data_ready_before=now.data_ready[0],
                    data_ready_after=now.data_ready[0], best_actions=best_plan.actions if best_plan else [])

    result = _ordered(base, actionable, _trim(base, actionable, x, goals), goals, goal_zh, target, now, rank0, rounds,
                      notes, cost)
    if not result.reachable:
        result.max_overall, _, best = _reach(base, actionable, upper, goals, s0, floor, slope, movable, weights,
                                             group_weights, inds, scale)
        if best is not None and _meets_all(goals, base, actionable, best):
            # the re-scored plan falls short, but the ranges' best point reaches the goal: that is the plan
            return _from_best(base, actionable, best, goals, goal_zh, target, now,
                              rank0, rounds, [n for n in notes if n != _SHORT_NOTE], cost)
    return result


def _from_best(base, actionable, x, goals, goal_zh, target, now, rank0, rounds, notes, cost) -> Plan:
    """The plan at the ranges' best point, which the engine found to reach the goal where the program did not."""
    notes.append(msg("the least-effort linearised plan fell short of the goal; the plan that uses the ranges to the full "
                     "reaches it when re-scored, and is listed below (its effort is not necessarily the least)"))
    return _ordered(base, actionable, x, goals, goal_zh, target, now, rank0, rounds, notes, cost)


def _meets_all(goals: list[Constraint], base: Baseline, actionable: list[FieldEffort], x: np.ndarray) -> bool:
    """Does the change x, re-scored by the engine, meet every goal?"""
    check = score_variant_set(base, _rows(base, actionable, x[None, :]))
    return all(_meets(g.op, _constraint_value(g.id, check, 0), g.threshold) for g in goals)


_rows = variant_rows  # the variants of the baseline with the decision fields moved (scorer.whatif.reach)


def _linearise(base: Baseline, actionable: list[FieldEffort], point: np.ndarray, upper: np.ndarray) -> _Linear:
    """Indicator and rule values at `point` and their slopes in each decision field (one engine pass)."""
    h = np.maximum(upper * 1e-3, 1e-9)
    X = np.vstack([point, point + np.diag(h)])
    res = score_variant_set(base, _rows(base, actionable, X))
    V = res.values.to_numpy()
    J = np.nan_to_num((V[1:] - V[0]) / h[:, None]).T
    rv = res.rule_values
    return _Linear(V[0], J, {c: float(rv[c].iat[0]) for c in rv.columns},
                   {c: np.nan_to_num((rv[c].to_numpy()[1:] - rv[c].iat[0]) / h) for c in rv.columns})


def _score_gradients(fw: Framework, s0: np.ndarray) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """d(overall)/d(score_i) and d(category)/d(score_i) at the current scores, through the engine's aggregation."""
    n = len(s0)
    S = np.vstack([s0, s0 + np.eye(n)])[:, None, :]
    groups = aggregate_variants(fw, S)
    grad = {g: np.nan_to_num(v[1:, 0] - v[0, 0]) for g, v in groups.items()}
    return grad["index"], grad


def _goals(run: Run, base: Baseline, target: float | None, verdict: bool, overall0: float) -> list[Constraint]:
    fw = run.framework
    if target is not None:
        return [Constraint("overall_target", f"{fw.groups['index'].name_zh}达到目标", ">=", float(target), None, None,
                           None, name_en=f"{fw.groups['index'].name_en} reaches the target")]
    if run.rules is None or run.verdict is None:
        raise ScorerError(Problem(msg("--verdict needs readiness rules"), hint=msg("give --rules RULES.yaml")))
    out = []
    for r in run.verdict.rules:
        if not r.deciding or r.role == "input" or r.reason:
            continue  # historic thresholds are shown, never a goal; analyst inputs (and conditions the peers cannot decide) no plan can move
        if r.id == "bottom_n":
            # At least N peers scoring lower is a floor on the overall score: the N-th lowest peer's.
            peers = np.sort(_peer_overall(base))
            n = int(r.threshold)
            if 0 < n <= len(peers):
                out.append(Constraint("bottom_n", f"{r.name_zh}（即综合得分高于{peers[n - 1]:.2f}分）",
                                      ">=", float(peers[n - 1]), None, None, None,
                                      name_en=f"{r.name_en} (an overall score above {peers[n - 1]:.2f})"))
            continue
        if r.id == "rank_share_max":
            # The share of peers ahead ≤ m is a floor on the overall score: the (K+1)-th best peer's, K = ⌊m·n⌋.
            peers = _peer_overall(base)
            k = int(math.floor(r.threshold * len(peers) + 1e-12))
            if k < len(peers):
                floor_score = float(np.sort(peers)[::-1][k])
                out.append(Constraint("rank_share_max", f"{r.name_zh}（即综合得分不低于{floor_score:.2f}分）", ">=",
                                      floor_score, None, None, None,
                                      name_en=f"{r.name_en} (an overall score of {floor_score:.2f} or more)"))
            continue
        out.append(Constraint(r.id, r.name_zh, r.op, r.threshold, None, None, None, name_en=r.name_en))
    return out


def _peer_overall(base: Baseline) -> np.ndarray:
    peers = base.peer_tables["raw"]
    scored = score_variants(base.framework, peers[None], base.shares[None])
    v = scored.groups["index"][0]
    return v[np.isfinite(v)]


def _constraint_value(cid: str, res, row: int) -> float:
    if cid in ("overall_target", "rank_share_max", "bottom_n"):
        return float(res.overall.iat[row])
    return float(res.rule_values[cid].iat[row])


def _shortfall(g: Constraint, value: float) -> float:
    """How far a re-scored value falls short of a goal, in the direction the LP row counts (0 when met)."""
    if _meets(g.op, value, g.threshold):
        return 0.0
    gap = (g.threshold - value) if g.op in (">=", ">") else (value - g.threshold)
    return max(float(gap), 0.0) + MARGIN if np.isfinite(gap) else 0.0


def _meets(op: str, value: float | None, threshold: float) -> bool:
    from scorer.score.rules import OPS

    return value is not None and np.isfinite(value) and bool(OPS[op](value, threshold))


def _solve(lin: _Linear, point: np.ndarray, goals: list[Constraint], cost: np.ndarray, upper: np.ndarray,
           s0: np.ndarray, floor: np.ndarray, slope: np.ndarray, movable: np.ndarray, weights: np.ndarray,
           group_weights: dict[str, np.ndarray], inds: list[str], base: Baseline, scale: float,
           objective: np.ndarray | None = None, bias: dict[str, float] | None = None) -> np.ndarray | None:
    """One linear program around `point`: variables x (decision fields) then s (indicator scores)."""
    A_ub, b_ub, I = [], [], len(inds)
    A = len(cost)
    # s_i ≤ slope·(value_i(point) + J_i·(x − point) − floor) for every indicator that can move.
    for i in np.flatnonzero(movable):
        row = np.zeros(A + I)
        row[:A] = -slope[i] * lin.jacobian[i]
        row[A + i] = 1.0
        A_ub.append(row)
        b_ub.append(slope[i] * (lin.values[i] - floor[i] - lin.jacobian[i] @ point))
    s_now = np.nan_to_num(s0)
    for g in goals:
        row, rhs = _goal_row(g, lin, point, weights, group_weights, s_now, base, A, I)
        if row is None:
            continue
        A_ub.append(-row)  # row·v ≥ rhs, as linprog wants ≤
        b_ub.append(-rhs - (bias or {}).get(g.id, 0.0))
    bounds = [(0.0, u) for u in upper] + [((None, scale) if m else (s, s)) for m, s in zip(movable, s_now)]
    # Only the ratios of the costs matter: scaled to at most 1, so that a cost of 1e25 effort points per
    # unit (an effort counted per a tiny change) is no "infinite" cost to the solver (HiGHS: ≥ 1e20).
    top = float(np.max(np.abs(cost))) if len(cost) else 0.0
    c = np.concatenate([cost / top if top > 0 else cost, np.zeros(I)]) if objective is None else objective
    from scipy.optimize import linprog  # imported only when a plan is solved: it is heavy, and most runs never get here

    res = linprog(c, A_ub=np.array(A_ub) if A_ub else None, b_ub=np.array(b_ub) if b_ub else None, bounds=bounds,
                  method="highs")
    if res.status != 0:
        return None
    return np.clip(res.x[:A], 0.0, upper)


def _goal_row(g: Constraint, lin: _Linear, point: np.ndarray, weights: np.ndarray, group_weights: dict,
              s_now: np.ndarray, base: Baseline, A: int, I: int) -> tuple[np.ndarray | None, float]:
    """A goal as row·(x, s) ≥ rhs (the direction of ≤ rules is turned around)."""
    row = np.zeros(A + I)
    if g.id in ("overall_target", "rank_share_max", "bottom_n") or g.id.startswith("category_min_"):
        gid = g.id.removeprefix("category_min_") if g.id.startswith("category_min_") else "index"
        w = weights if gid == "index" else group_weights[gid]
        before = g.before if g.before is not None else float(np.sum(w * s_now))
        row[A:] = w
        return row, g.threshold + MARGIN - before + float(w @ s_now)
    if g.id in lin.rule_values:
        sign = 1.0 if g.op in (">=", ">") else -1.0
        row[:A] = sign * lin.rule_jacobian[g.id]
        return row, sign * (g.threshold - lin.rule_values[g.id] + lin.rule_jacobian[g.id] @ point) + MARGIN
    return None, 0.0


def _reach(base, actionable, upper, goals, s0, floor, slope, movable, weights, group_weights, inds, scale):
    """How far the ranges go: the best overall score, which goals could be met on their own, and the best change."""
    A = len(upper)
    lin, origin = _linearise(base, actionable, np.zeros(A), upper), np.zeros(A)
    objective = np.concatenate([np.zeros(A), -weights])
    best = _solve(lin, origin, [], np.zeros(A), upper, s0, floor, slope, movable, weights, group_weights, inds,
                  base, scale, objective)
    max_overall = None
    if best is not None:
        best = _round_counts(best, actionable, upper)  # whole units, as a plan takes them
        best = _trim(base, actionable, best, goals)  # the program's best point may overshoot: every score is capped
        res = score_variant_set(base, _rows(base, actionable, best[None, :]))
        max_overall = float(res.overall.iat[0])
    reach = {g.id: _solve(lin, origin, [g], np.ones(A), upper, s0, floor, slope, movable, weights,
                          group_weights, inds, base, scale) is not None for g in goals}
    return max_overall, reach, best


def _trim(base: Baseline, actionable: list[FieldEffort], x: np.ndarray, goals: list[Constraint]) -> np.ndarray:
    """The change x without what earns nothing, re-scored by the engine at every cut, the goals x meets kept met.

    A step is cut back to the change that brings its indicators to target (`scorer.whatif.reach`, the action
    table's figure: "+563人 reaches the target", never +887人 in the plan for the same gain) when the overall
    score does not fall; a step adding less than MIN_STEP_POINTS (printed +0.00) is dropped. The maximum of
    scores capped at 100 is flat past each target, so the program's best point may lie anywhere along it."""
    def scored(X: np.ndarray):
        return score_variant_set(base, _rows(base, actionable, X))

    def keeps(res, row: int, met: list[bool]) -> bool:
        return all(_meets(g.op, _constraint_value(g.id, res, row), g.threshold) or not m for g, m in zip(goals, met))

    x = x.copy()
    now = scored(x[None, :])
    met = [_meets(g.op, _constraint_value(g.id, now, 0), g.threshold) for g in goals]
    best = float(now.overall.iat[0])
    to_target = reach(base, actionable).to_target
    for j in np.flatnonzero(x > to_target + 1e-12):  # one at a time: fields feeding one ratio interact
        X = x[None, :].copy()
        X[0, j] = to_target[j]
        res = scored(X)
        if float(res.overall.iat[0]) >= best - 1e-9 and keeps(res, 0, met):
            x, best = X[0], max(best, float(res.overall.iat[0]))
    while True:  # the step that adds least, dropped while it adds less than a printed hundredth
        steps = np.flatnonzero(x > 0)
        if not len(steps):
            return x
        X = np.repeat(x[None, :], len(steps), axis=0)
        X[np.arange(len(steps)), steps] = 0.0
        res = scored(X)
        loss = best - res.overall.to_numpy()
        k = int(np.argmin(loss))
        if not loss[k] < MIN_STEP_POINTS or not keeps(res, k, met):
            return x
        x, best = X[k], float(res.overall.iat[k])


def _round_counts(x: np.ndarray, actionable: list[FieldEffort], upper: np.ndarray) -> np.ndarray:
    """Whole things or people for counts (个, 家, 起, 人, 万人 …): round up, within the range; tiny changes are dropped."""
    out = x.copy()
    for j, f in enumerate(actionable):
        if units.things_per_unit(f.unit):  # whole things or people (0.3万人 is 3 000 people, not 1万人)
            out[j] = min(units.whole_things(out[j], f.unit), units.whole_things(upper[j], f.unit, up=False))
        elif out[j] < 1e-9 * max(upper[j], 1.0):
            out[j] = 0.0
    return np.maximum(out, 0.0)


def _ordered(base: Baseline, actionable: list[FieldEffort], x: np.ndarray, goals: list[Constraint], goal_zh: str,
             target: float | None, now, rank0: int | None, rounds: int, notes: list[str], cost: np.ndarray) -> Plan:
    """Steps in order of points per effort (each taken alone), then the score after each, all re-scored at once."""
    steps = [j for j in range(len(x)) if x[j] > 0]
    alone = np.zeros((len(steps), len(x)))
    for k, j in enumerate(steps):
        alone[k, j] = x[j]
    gains = score_variant_set(base, _rows(base, actionable, alone)).overall.to_numpy() - float(now.overall.iat[0]) \
        if steps else np.zeros(0)
    order = [steps[k] for k in sorted(range(len(steps)), key=lambda k: -gains[k] / (cost[steps[k]] * x[steps[k]]))]
    cumulative = np.zeros((len(order) + 1, len(x)))
    for k, j in enumerate(order):
        cumulative[k + 1:, j] = x[j]
    rows = _rows(base, actionable, cumulative)  # the wholes that include a planned field move with it (bt13k F6)
    res = score_variant_set(base, rows)
    overall = res.overall.to_numpy()
    moved = {f: (float(rows.levels[-1, k]), base.framework.fields[f].unit) for k, f in enumerate(base.fields)
             if rows.levels[-1, k] != base.levels[k] and np.isfinite(rows.levels[-1, k])}
    actions = []
    for k, j in enumerate(order):
        f = actionable[j]
        before = f.value
        change = f.sign * x[j]
        actions.append(Action(f.field, f.label, f.unit, before, before + change, change,
                              change / before if before else math.nan, float(cost[j] * x[j]),
                              float(overall[k + 1] - overall[k]), float(overall[k + 1]), f.annual_method, f.label_en))
    last = len(order)
    # the plan's points may rest on a category whose weight is re-spread while doubtful indicators are left out (bt11l F2)
    span, cats = Respread(base.run, res).of(res, last, float(overall[last] - overall[0]), list(base.indicators))
    if span is not None:
        notes.append(plan_note(base.framework, cats, span, float(overall[last] - overall[0])))
    for g in goals:
        g.after = _constraint_value(g.id, res, last)
        g.met = _meets(g.op, g.after, g.threshold)
    reached = all(g.met for g in goals)
    if not reached:
        notes.append(msg(_SHORT_NOTE))
    rank = None if not np.isfinite(res.rank[last]) else int(res.rank[last])
    return Plan(base.period, goal_zh, target, False, reached, actions, float(overall[0]), float(overall[last]), rank0,
                rank, now.ready[0], res.ready[last], float(sum(a.effort for a in actions)), None, goals, actionable,
                rounds, notes, data_ready_before=now.data_ready[0], data_ready_after=res.data_ready[last],
                levels_after=moved)


def _names(fw: Framework, ids: list[str]) -> Text:
    """Indicators' names, listed in both languages."""
    return both(", ".join(fw.indicators[i].name_en for i in ids), "、".join(fw.indicators[i].name_zh for i in ids))


def _amount(value: float, unit: str) -> str:
    from scorer import fmt

    return ("+" if value > 0 else "") + fmt.number(value, unit)  # the one thousands separator of every output (1,234)


def _num(v):
    return None if v is None or not np.isfinite(v) else float(v)


# ------------------------------------------------------------------- priorities by effort
@dataclass
class FieldPriority:
    """What acting on one raw field is worth: overall points per effort point, and at most."""

    field: str
    label: str
    unit: str
    value: float  # this quarter's value (a flow's full-year estimate before Q4: FieldEffort.value)
    sign: float  # +1 increase, −1 decrease
    points_per_effort: float  # overall points per effort point, for a small first step
    points_per_unit: float  # overall points per unit of the field, for that step
    max_change: float  # the best change within the feasible range (scorer.whatif.reach: this year's change), field's unit
    max_points: float  # overall points of that change
    planned: float | None = None  # the field's value in the plan, when one was computed
    annual_method: str | None = None  # `value` is a flow's full-year estimate (FieldEffort.annual_method)
    max_points_range: tuple[float, float] | None = None  # max_points with doubtful indicators' weights kept (respread)

    def as_dict(self) -> dict:
        return {k: _num(v) if isinstance(v, float) else list(map(_num, v)) if isinstance(v, tuple) else v
                for k, v in self.__dict__.items()}


def field_priorities(run: Run, efforts: Efforts | None = None, the_plan: Plan | None = None) -> list[FieldPriority]:
    """Actionable fields ranked by overall points per unit of effort (one engine pass for all of them).

    The first step is a twentieth of the feasible range (at least one unit for counts), so the figure
    says what the next bit of effort buys, not the average over a range where indicators saturate.
    """
    base = Baseline.from_run(run)
    efforts = efforts or load_efforts(None, run.framework)
    actionable, _ = resolve_efforts(efforts, base)
    if not actionable:
        return []
    k = len(actionable)
    steps = np.array([max(f.max_change / 20, 1.0 / units.things_per_unit(f.unit)) if units.things_per_unit(f.unit)
                      else f.max_change / 20 for f in actionable])
    steps = np.minimum(steps, [f.max_change for f in actionable])
    # "At most within range" is the action table's this-year change (scorer.whatif.reach): the best change within
    # the limit, whole things for counts, never past the target; one figure for one statistic in every table.
    most = reach(base, actionable).this_year
    X = np.vstack([np.zeros(k), np.diag(steps), np.diag(most)])
    res = score_variant_set(base, _rows(base, actionable, X))
    overall, doubt = res.overall.to_numpy(), Respread(run, res)
    planned = {a.field: a.after for a in (the_plan.actions or the_plan.best_actions)} if the_plan is not None else {}
    out = []
    for j, f in enumerate(actionable):
        gain = float(overall[1 + j] - overall[0])
        out.append(FieldPriority(f.field, f.label, f.unit, f.value, f.sign,
                                 gain / (steps[j] * f.cost), gain / steps[j], float(most[j]),
                                 max(float(overall[1 + k + j] - overall[0]), 0.0), planned.get(f.field), f.annual_method,
                                 doubt.of(res, 1 + k + j, float(overall[1 + k + j] - overall[0]), [])[0]))
    return sorted(out, key=lambda p: -p.points_per_effort)
