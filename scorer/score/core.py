"""The scoring core on numpy arrays: a framework compiled once into a plan, then units × indicators in, units × nodes out.

Labels (unit codes, indicator and group ids) stay outside: callers attach them at the edges. A plan
is built once per framework object and reused, so a run spends its time in the methods, not in
looking up the framework.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorer.errors import Location, Problem, ScorerError
from scorer.messages import msg, text_of
from scorer.framework.model import Framework, Indicator, MethodSpec
from scorer.methods.aggregate import NonPositiveValueError, aggregate
from scorer.methods.normalise import UNIT_WISE, normalise


@dataclass(frozen=True)
class NormaliseCall:
    method: str
    columns: np.ndarray  # indicator positions normalised together
    direction: np.ndarray  # +1 / −1 per column
    params: dict  # scalars, or one value per column
    labels: dict  # parameters that name a unit (dist2ref's `ref`), resolved against the row labels


@dataclass(frozen=True)
class AggregateCall:
    group: str
    spec: MethodSpec  # the method of the group's level
    children: np.ndarray  # positions in the node table (indicators first, then groups bottom-up)
    weights: np.ndarray  # the children's nominal weights


@dataclass(frozen=True)
class LevelCall:
    """One level's groups aggregated in one call: children padded to the longest group (NaN, weight 0)."""

    spec: MethodSpec
    calls: list[AggregateCall]
    children: np.ndarray  # groups × most children, node positions (padding points at the NaN column)
    weights: np.ndarray  # groups × most children, 0 for padding
    pad: np.ndarray  # groups × 1 × most children, True for padding


@dataclass(frozen=True)
class ScoringPlan:
    """A framework as arrays: what `score_array` needs, built once (`plan_for`)."""

    indicators: list[str]
    groups: list[str]  # bottom-up, 'index' last
    normalise: list[NormaliseCall]
    aggregate: list[AggregateCall]  # bottom-up: a group's children come before it
    levels: list[LevelCall]  # the same calls, a level at a time

    @property
    def nodes(self) -> list[str]:
        return self.indicators + self.groups

    @property
    def unit_wise(self) -> bool:
        """Whether every indicator's normalisation scores a unit from its own value alone (UNIT_WISE)."""
        return all(call.method in UNIT_WISE for call in self.normalise)


_PLANS: dict[int, tuple[Framework, ScoringPlan]] = {}


def plan_for(framework: Framework) -> ScoringPlan:
    """The framework's scoring plan, built on first use and kept while the framework object lives.

    Frameworks are not changed in place anywhere (variants are made with dataclasses.replace), so
    the object's identity is a safe key.
    """
    hit = _PLANS.get(id(framework))
    if hit is not None and hit[0] is framework:
        return hit[1]
    inds = list(framework.indicators.values())
    ids = [i.id for i in inds]
    position = {c: k for k, c in enumerate(ids + list(framework.groups))}
    calls = []
    for gid, group in framework.groups.items():  # bottom-up
        weights = [framework.indicators[c].spec.weight if c in framework.indicators else framework.groups[c].weight
                   for c in group.children]
        calls.append(AggregateCall(gid, framework.aggregator_for(group), np.array([position[c] for c in group.children]),
                                   np.array(weights, dtype=float)))
    levels = []
    for level in sorted({g.level for g in framework.groups.values()}):
        these = [c for c, g in zip(calls, framework.groups.values()) if g.level == level]
        width = max(len(c.children) for c in these)
        nan_column = len(position)  # one column past the nodes, always NaN
        children = np.full((len(these), width), nan_column)
        weights = np.zeros((len(these), width))
        for r, c in enumerate(these):
            children[r, :len(c.children)], weights[r, :len(c.weights)] = c.children, c.weights
        levels.append(LevelCall(these[0].spec, these, children, weights, (children == nan_column)[:, None, :]))
    plan = ScoringPlan(ids, list(framework.groups), normalise_plan(framework, inds), calls, levels)
    if len(_PLANS) >= 256:  # frameworks made per scenario or per test: keep the cache bounded
        _PLANS.clear()
    _PLANS[id(framework)] = (framework, plan)
    return plan


def normalise_plan(framework: Framework, inds: list[Indicator]) -> list[NormaliseCall]:
    """The normalisation as calls, one per method and set of parameter names.

    Indicators sharing a method and the names of its parameters are normalised in one call; a
    parameter that differs between them (an indicator's own goalposts, min-max bounds, goalpost
    scale…) goes in as one value per column. Goalposts come from the indicator's `floor` and
    `target`, or from COINr-style `lower` / `upper` parameters (raw scale; lower scores 0 for a
    higher-is-better indicator, `upper` for a lower-is-better one).
    """
    by_method: dict[tuple, list[int]] = {}
    specs = [framework.normaliser_for(ind) for ind in inds]
    for k, spec in enumerate(specs):
        labels = tuple(sorted((key, v) for key, v in spec.params.items() if isinstance(v, str)))
        by_method.setdefault((spec.method, tuple(sorted(spec.params)), labels), []).append(k)
    calls = []
    for (method, keys, labels), cols in by_method.items():
        group = [inds[k] for k in cols]
        higher = np.array([i.direction == "higher" for i in group])
        kwargs: dict = {}
        for key in keys:
            if key in dict(labels):
                continue
            column = [specs[k].params[key] for k in cols]
            kwargs[key] = column[0] if all(v == column[0] for v in column) else np.array(column, dtype=float)
        if method == "goalposts":
            if "lower" in kwargs or "upper" in kwargs:
                lower, upper = (np.broadcast_to(np.asarray(kwargs.pop(key), dtype=float), higher.shape)
                                for key in ("lower", "upper"))
                kwargs.update(floor=np.where(higher, lower, upper), target=np.where(higher, upper, lower))
            else:
                kwargs.update(floor=np.array([i.floor for i in group]), target=np.array([i.target.value for i in group]))
            kwargs.setdefault("scale", framework.meta.scale)
        if method == "dist2targ":
            kwargs.setdefault("target", np.array([i.target.value for i in group]))
        calls.append(NormaliseCall(method, np.array(cols), np.where(higher, 1.0, -1.0), kwargs, dict(labels)))
    return calls


def normalise_array(framework: Framework, X: np.ndarray, units=None, plan: ScoringPlan | None = None) -> np.ndarray:
    """Normalise X (units × … × indicators, the framework's indicator order) along axis 0.

    `units` (labels of axis 0) lets a parameter name a unit, as dist2ref's `ref` does.
    """
    plan = plan or plan_for(framework)
    out = np.full(X.shape, np.nan)
    for call in plan.normalise:
        kwargs = call.params
        if "ref" in call.labels:
            kwargs = {**kwargs, "iref": _unit_row(call.labels["ref"], units, framework)}
        out[..., call.columns] = normalise(X[..., call.columns], call.direction, call.method, **kwargs)
    return out


def aggregate_array(framework: Framework, scores: np.ndarray, units=None, plan: ScoringPlan | None = None) -> np.ndarray:
    """Every group's score from normalised scores (units × indicators): units × groups (bottom-up).

    Each group is aggregated from its direct children with its level's method, all the groups of a
    level in one call (`aggregate`'s padding; the same bits as one call per group). A method that
    cannot take a value (a geometric mean over 0) is reported naming the child, unit and group.
    """
    plan = plan or plan_for(framework)
    n_ind, n_units = len(plan.indicators), scores.shape[0]
    if scores.ndim != 2:
        return _aggregate_by_group(framework, scores, units, plan)
    table = np.empty((n_units, n_ind + len(plan.groups) + 1))  # + the NaN column padding points at
    table[:, :n_ind] = scores
    table[:, -1] = np.nan
    done = n_ind
    for level in plan.levels:
        X = np.moveaxis(table[:, level.children], 1, 0)  # groups × units × children
        try:
            out = aggregate(X, level.weights, level.spec.method, pad=level.pad, **level.spec.params)
        except NonPositiveValueError:
            return _aggregate_by_group(framework, scores, units, plan)  # to name the group at fault
        table[:, done:done + len(level.calls)] = out.T
        done += len(level.calls)
    return table[:, n_ind:-1]


def _aggregate_by_group(framework: Framework, scores: np.ndarray, units, plan: ScoringPlan) -> np.ndarray:
    n_ind = len(plan.indicators)
    table = np.empty(scores.shape[:-1] + (n_ind + len(plan.groups),))
    table[..., :n_ind] = scores
    for k, call in enumerate(plan.aggregate):
        try:
            table[..., n_ind + k] = aggregate(table[..., call.children], call.weights, call.spec.method, **call.spec.params)
        except NonPositiveValueError as exc:
            named = exc.naming(plan.nodes[call.children[exc.column]])
            unit = units[exc.unit] if units is not None and 0 <= exc.unit < len(units) else exc.unit
            raise ScorerError(Problem(msg("{named} — unit {unit}, aggregating {group!r}",
                                          named=text_of(named), unit=unit, group=call.group),
                                      Location(file=framework.path), named.hint)) from None
    return table[..., n_ind:]


def _unit_row(code: str, units, framework: Framework) -> int:
    """The row of the unit a method parameter names (dist2ref's reference unit)."""
    position = {str(u): k for k, u in enumerate(units)} if units is not None else {}
    if code not in position:
        raise ScorerError.at(msg("normalisation names reference unit {code!r}, which is not among the units scored",
                                 code=code),
                             file=framework.path, hint=msg("name a uCode of the data table in `params.ref`"))
    return position[code]
