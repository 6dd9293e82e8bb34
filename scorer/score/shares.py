"""Each node's share of the overall score in one run: the framework's weights re-spread over what was scored.

A category (or the index) aggregates the children that have a score; a child left out (doubtful, missing, or a
whole category without a score) passes its weight to its scored siblings (the aggregation's own rule:
`scorer.methods.aggregate`, "missing indicators drop with their weights"). The points an indicator costs, its
points to target and the points one raw unit of improvement brings are then its share of this run, not its
nominal weight: with three of five opening indicators scored, each carries 0.30 / (sum of the scored ones'
weights) of its category, and the per-indicator losses add up to the category's (bt13j F9: the category page
said 0.94 lost where re-scoring gave 1.70). Under arithmetic aggregation the sum holds exactly; under another
method the shares are the weights that method applies.
"""

from __future__ import annotations

import math
from typing import Mapping

from scorer.framework.model import Framework


def run_shares(framework: Framework, scores: Mapping[str, float]) -> dict[str, float]:
    """`scores`: every indicator's and group's score in one period (id → score; NaN or None when not scored),
    'index' among them. Returns id → share of the overall score (0–1; 0 for a node without a score, or under a
    group without one); the shares of the scored indicators sum to 1 when the index has a score. With no overall
    score, the framework's nominal effective weights (nothing was re-spread)."""
    def scored(node: str) -> bool:
        s = scores.get(node)
        return s is not None and math.isfinite(s)

    if not scored("index"):
        return {**{i: ind.effective_weight for i, ind in framework.indicators.items()},
                **{g: grp.effective_weight for g, grp in framework.groups.items()}}
    share = {"index": 1.0}
    for g in sorted(framework.groups.values(), key=lambda g: -g.level):  # top down
        if g.id not in share:
            share[g.id] = 0.0
        raw = {c: (framework.indicators[c].spec.weight if c in framework.indicators else framework.groups[c].weight)
               for c in g.children}
        total = sum(w for c, w in raw.items() if scored(c))
        for c, w in raw.items():
            share[c] = share[g.id] * w / total if scored(c) and total > 0 else 0.0
    return share
