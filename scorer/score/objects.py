"""The zone's overall score and its categories as every command's JSON gives them: one shape for one object.

Issue 11 item 7: "`--json` … is the same shape across commands for the same objects". `score` gave the overall
as an object (score, comparable, empty_categories, worst_case, best_case, names) and the categories as a list of
objects (id, names, weight, score, points_lost, weight_used); `compare` gave the same overall as a bare number with
its comparability and doubt range beside it, and the categories as id → number; `plan` put them at its top level
(bt11k F9). Every command now builds them here: `score` (scorer.score.engine), `score-table`'s zones
(scorer.score.zone_table), `compare`'s outcomes (scorer.whatif.scenario) and `plan` (the zone before the plan).
The JSON Schema is scorer.schema.Overall and scorer.schema.Category.
"""

from __future__ import annotations

import math
from typing import Mapping

from scorer.framework.model import Framework


def finite_or_none(x) -> float | None:
    """`x` as a float, or None for None, NaN and ±inf (what JSON gives as null)."""
    return float(x) if x is not None and math.isfinite(x) else None


def overall_object(framework: Framework, score: float | None, empty_categories: list[str],
                   doubt_range: tuple[float, float] | None, names: Mapping[str, str] | None = None) -> dict:
    """scorer.schema.Overall: `score` (points on the framework's scale, None or NaN when there is none),
    `empty_categories` (ids of the top-level categories without a score: the overall is then not comparable),
    `doubt_range` (the overall with the doubtful indicators scored 0 and full marks, their weights kept; None when
    none is doubtful: scorer.score.engine.doubt_range_of), `names` (name_zh / name_en; the index's by default)."""
    index = framework.groups["index"]
    worst, best = doubt_range or (None, None)
    return {"score": finite_or_none(score), "name_zh": index.name_zh, "name_en": index.name_en or index.name_zh,
            **(names or {}), "comparable": not empty_categories, "empty_categories": list(empty_categories),
            "worst_case": finite_or_none(worst), "best_case": finite_or_none(best)}


def category_objects(framework: Framework, overall: float | None, scores: Mapping[str, float | None],
                     weights: Mapping[str, float] | None = None) -> list[dict]:
    """scorer.schema.Category for each top-level category, in the framework's order: `scores` maps a category id to
    its score (None or NaN without one), `overall` is the run's overall score, `weights` each category's share of the
    overall where a scenario sets its own (the framework's effective weights by default). `weight_used` is the share
    in this run, re-spread over the categories scored (0 without a score; the weights themselves when there is no
    overall, as scorer.score.shares.run_shares does), `points_lost` = weight_used × (scale − score): as `score`
    reports them (bt13j F9)."""
    scale = framework.meta.scale
    weight = {g: float(weights[g]) if weights else framework.groups[g].effective_weight for g in framework.top_groups}
    got = {g: finite_or_none(scores.get(g)) for g in framework.top_groups}
    total = sum(w for g, w in weight.items() if got[g] is not None)
    spread = finite_or_none(overall) is not None and total > 0
    out = []
    for g in framework.top_groups:
        grp, s = framework.groups[g], got[g]
        used = (weight[g] / total if s is not None else 0.0) if spread else weight[g]
        out.append({"id": g, "name_zh": grp.name_zh, "name_en": grp.name_en, "weight": weight[g], "score": s,
                    "points_lost": used * (scale - s) if s is not None else None, "weight_used": used})
    return out
