"""The action table: per raw statistic the zone can act on, the change that brings its indicators to target, what this year's part is worth in points and rank places, and who delivers it by when.

An action moves one field of indicators/effort.yaml, alone, in the direction the zone can move it.
Its **target** is the smallest change after which more of it earns nothing, and **this year** the
target or the feasible change of effort.yaml when the target lies beyond it (both from
`scorer.whatif.reach`, the one computation the effort table and the plan use too). Its kind
(`action_kind`, one classification for the report in both languages and the JSON): *closable* when
the target lies within the year's change, *nearly* when it lies beyond it but this year's change
brings at least CLOSE_SHARE of the target's points, else *structural* (the gap cannot be closed
within a year at the effort limits). Counts are whole units (target rounded up, the limit down). Points and
rank places are the re-scored zone's, with that change alone, so they never exceed what the gaps
are worth; they count every indicator the field moves (`raises`, `lowers`), so a field feeding
several indicators is worth more (or, moving one away from its target, less) than any one of them
alone, as the report's one-indicator table counts it. Ordered by rank places gained this year, then points.
The first TOP actions are also scored together (`Combined`): the zone re-scored with all their changes at once,
never their points added (indicators share a field, a category's score is capped, ranks move by steps).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from scorer import units
from scorer.score.run import Run
from scorer.whatif.efforts import check_deadline
from scorer.whatif.plan import Efforts, load_efforts, resolve_efforts
from scorer.whatif.reach import reach, variant_rows as _rows
from scorer.whatif.respread import MIN_POINTS, Respread, note as respread_note
from scorer.whatif.scenario import Baseline, score_variant_set

CLOSE_SHARE = 0.95  # this year's points ÷ the target's at or above which an action counts as closable
TOP = 3  # the actions page 2 lists, scored together too (`Combined`)


@dataclass
class Combined:
    """The first TOP actions' changes of this year applied at once and the zone re-scored (not their points added)."""

    fields: list[str]
    points: float  # overall-score points of all the changes together
    overall_after: float
    rank_after: int | None
    places: int  # rank places gained (rank before − rank after)

    points_range: tuple[float, float] | None = None  # as ActionItem.points_range
    respread: list[str] = field(default_factory=list)  # as ActionItem.respread

    def as_dict(self) -> dict:
        return {"fields": self.fields, "points": _num(self.points), "overall_after": _num(self.overall_after),
                "rank_after": self.rank_after, "places": self.places,
                "points_range": [_num(x) for x in self.points_range] if self.points_range else None,
                "respread": list(self.respread)}


@dataclass
class ActionItem:
    """One raw statistic to move: this year's change and the full change to target, in the field's unit."""

    field: str
    label: str
    unit: str
    direction: str  # increase | decrease
    department: str  # who delivers it (effort.yaml `department:`), "" when not assigned
    deadline: dt.date
    value: float  # the figure the change applies to: a flow's full-year estimate before Q4 (FieldEffort.value)
    change: float  # this year's change, signed
    change_to_target: float  # the change after which more of it earns nothing, signed
    max_change: float  # the feasible change in a year (effort.yaml), ≥ 0
    closable: bool  # the change to target lies within the year's feasible change (kind == "closable")
    kind: str  # closable | nearly | structural (`action_kind`): one classification for every output
    points: float  # overall points of this year's change, alone, re-scored
    points_to_target: float  # overall points of the change to target
    rank_after: int | None
    places: int  # rank places gained this year (rank before − rank after)
    effort: float  # effort points of this year's change
    reaches: list[str] = field(default_factory=list)  # indicators at target after this year's change
    moves: list[str] = field(default_factory=list)  # indicators short of target the field moves toward it
    raises: list[str] = field(default_factory=list)  # indicators whose score this year's change raises
    lowers: list[str] = field(default_factory=list)  # indicators whose score it lowers (more trade, a smaller share)
    confidence: str = "low"  # of the effort entry's range and cost
    annual_method: str | None = None  # value and changes are a flow's full-year estimate (FieldEffort.annual_method)
    label_en: str = ""  # `label` in English
    # With indicators left out as doubtful, their category's weight goes to its other indicators, and an action on
    # those is worth more than it would be with the figures checked (bt11l F2: 实际使用外资 +600万美元 +1.94 with the
    # trade figures slipped, +1.07 on the clean sample). (low, high): the points as scored and with the doubtful
    # indicators' weights kept (scored 0 and full marks, as ScoreResult.doubt_range), when they differ by
    # MIN_POINTS or more; None otherwise. `respread`: the categories (top-level ids) whose weight is so re-spread
    # that the action's points rest on.
    points_range: tuple[float, float] | None = None
    respread: list[str] = field(default_factory=list)

    @property
    def share_this_year(self) -> str:
        """The share of the target's points this year's change earns (points ÷ points_to_target): the share the kind's
        rule (`action_kind`, CLOSE_SHARE) is decided on, so the label and its figure never disagree (bt13j F0: 基本可达标
        (≥95 % of the points) was printed beside 91 %, the share of the quantity). Rounded down (94.6 % → 94 %): never
        at the rule's line while below it, never 100 % while short."""
        share = self.points / self.points_to_target if self.points_to_target > 0 else 1.0
        pct = math.floor(share * 100 + 1e-9)
        return f"{min(pct, 99) if share < 1 else pct:.0f}%"

    def as_dict(self) -> dict:
        out = {k: (_num(v) if isinstance(v, float) else v) for k, v in self.__dict__.items()}
        out["deadline"] = self.deadline.isoformat()
        out["label_en"] = self.label_en or self.label
        out["points_range"] = [_num(x) for x in self.points_range] if self.points_range else None
        return out


@dataclass
class ActionTable:
    period: str
    overall_before: float
    rank_before: int | None
    of: int | None
    actions: list[ActionItem]
    effort_path: str
    notes: list[str] = field(default_factory=list)
    combined: Combined | None = None  # the first TOP actions together, re-scored; None with fewer than two

    def top(self, n: int = TOP) -> list[ActionItem]:
        """The n actions that move the rank most this year (then the points): the table's first rows."""
        return self.actions[:n]

    def as_dict(self) -> dict:
        return {"period": self.period, "overall_before": self.overall_before, "rank_before": self.rank_before,
                "of": self.of, "effort_file": self.effort_path,
                "notes": [getattr(n, "zh", n) for n in self.notes], "notes_en": [str(n) for n in self.notes],
                "order": "rank places gained this year, then points",
                "actions": [a.as_dict() for a in self.actions],
                "combined": self.combined.as_dict() if self.combined is not None else None}


def default_deadline(period: str) -> dt.date:
    """The end of the same quarter a year after `period` ("2022Q4" → 2023-12-31): effort.yaml's ranges are a year's."""
    year, q = int(period[:4]) + 1, int(period[-1])
    month = 3 * q
    return dt.date(year, month, 30 if month in (6, 9) else 31)


def action_table(run: Run, efforts: Efforts | None = None) -> ActionTable:
    """Every actionable field worth acting on (see the module's docstring), best first.

    `efforts`: effort.yaml as loaded by `scorer.whatif.plan.load_efforts` (default: the bundled file).
    Raises ScorerError as `Baseline.from_run` does (a framework with outlier treatment).
    """
    base = Baseline.from_run(run)
    efforts = efforts or load_efforts(None, run.framework)
    actionable, notes = resolve_efforts(efforts, base)
    fw = run.framework
    inds = base.indicators
    k = len(actionable)
    zero = score_variant_set(base, _rows(base, actionable, np.zeros((1, k))))
    overall0 = float(zero.overall.iat[0])
    rank0 = None if not np.isfinite(zero.rank[0]) else int(zero.rank[0])
    of = None if not np.isfinite(zero.of[0]) else int(zero.of[0])
    if not k:
        return ActionTable(base.period, overall0, rank0, of, [], str(efforts.path), notes)
    s0 = zero.scores.iloc[0].to_numpy()
    doubt = Respread(run, zero)
    r = reach(base, actionable)
    full, year, upper = r.to_target, r.this_year, np.array([f.max_change for f in actionable])
    res = score_variant_set(base, _rows(base, actionable, np.vstack([np.diag(year), np.diag(full)])))
    overall, scores = res.overall.to_numpy(), res.scores.to_numpy()
    out = []
    for j, f in enumerate(actionable):
        points = float(overall[j] - overall0)
        if full[j] <= 0 or points < MIN_POINTS:
            continue
        rank = None if not np.isfinite(res.rank[j]) else int(res.rank[j])
        entry = efforts.entries[f.field]
        check_deadline(efforts, f.field, base.period, default_deadline(base.period))
        moves = [inds[i] for i in r.moves[j]]
        kind = action_kind(full[j], year[j], points, float(overall[k + j] - overall0))
        out.append(ActionItem(
            f.field, f.label, f.unit, "increase" if f.sign > 0 else "decrease", entry.department or "",
            entry.deadline or default_deadline(base.period), f.value,
            f.sign * float(year[j]), f.sign * float(full[j]), float(upper[j]),
            kind == "closable", kind,
            points, float(overall[k + j] - overall0), rank, (rank0 - rank) if rank0 is not None and rank is not None else 0,
            float(f.cost * year[j]),
            [i for i in moves if scores[j, inds.index(i)] >= fw.meta.scale - 1e-6], moves,
            [inds[i] for i in np.flatnonzero(scores[j] > s0 + 1e-6)],
            [inds[i] for i in np.flatnonzero(scores[j] < s0 - 1e-6)], f.confidence, f.annual_method, f.label_en))
        out[-1].points_range, out[-1].respread = doubt.of(res, j, points, out[-1].raises + out[-1].lowers)
    out.sort(key=lambda a: (-a.places, -a.points))
    if (said := respread_note(fw, [g for g in fw.top_groups if any(g in a.respread for a in out)])) is not None:
        notes.append(said)  # why some points are a range (bt11l F2), beside what the table leaves out
    return ActionTable(base.period, overall0, rank0, of, out, str(efforts.path), notes,
                       _combined(base, actionable, year, out[:TOP], overall0, rank0))


def _combined(base: Baseline, actionable: list, year: np.ndarray, top: list[ActionItem], overall0: float,
              rank0: int | None) -> Combined | None:
    """The zone re-scored with every change of `top` applied at once (`year`: this year's change per actionable
    field, in its unit, ≥ 0); None for fewer than two actions (one alone is its own row)."""
    if len(top) < 2:
        return None
    fields = [f.field for f in actionable]
    x = np.zeros((1, len(actionable)))
    for a in top:
        j = fields.index(a.field)
        x[0, j] = year[j]
    res = score_variant_set(base, _rows(base, actionable, x))
    rank = None if not np.isfinite(res.rank[0]) else int(res.rank[0])
    overall = float(res.overall.iat[0])
    moved = [i for a in top for i in a.raises + a.lowers]
    return Combined([a.field for a in top], overall - overall0, overall, rank,
                    (rank0 - rank) if rank0 is not None and rank is not None else 0,
                    *Respread(base.run, score_variant_set(base, _rows(base, actionable, 0 * x))).of(
                        res, 0, overall - overall0, moved))


def action_kind(to_target: float, this_year: float, points: float, points_to_target: float) -> str:
    """What this year's change does to the gap, the one classification every output uses (the report's brief and
    action table in both languages, `score --json`, the terminal): "closable" when the change to target lies within
    the year's feasible change, "nearly" when it lies beyond it but this year's change brings at least CLOSE_SHARE
    of the target's points, else "structural". Magnitudes ≥ 0, whole things for counts (scorer.whatif.reach)."""
    if this_year >= to_target:
        return "closable"
    return "nearly" if points >= CLOSE_SHARE * points_to_target else "structural"


def _num(v: float) -> float | None:
    return None if v is None or not np.isfinite(v) else float(v)
