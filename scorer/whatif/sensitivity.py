"""Uncertainty in the weights: many weight sets → every group's score and rank for each, in one pass.

Normalised indicator scores do not depend on the weights, so only aggregation is repeated; it runs
level by level as in the engine, with each level's weights an array (variants × children).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scorer.framework.model import Framework
from scorer.methods.aggregate import NonPositiveValueError, aggregate
from scorer.methods.rank import rank_scores, rank_stats
from scorer.methods.weights import framework_tree


@dataclass
class WeightVariantScores:
    units: pd.Index
    variants: pd.Index
    groups: dict[str, np.ndarray]  # group id (incl. 'index') → scores, variants × units

    def scores(self, group: str = "index") -> pd.DataFrame:
        """Units × variants."""
        return pd.DataFrame(self.groups[group].T, index=self.units, columns=self.variants)

    def ranks(self, group: str = "index") -> pd.DataFrame:
        """Units × variants; highest score = 1, ties 'min', from unrounded scores."""
        return pd.DataFrame(rank_scores(self.groups[group], axis=1).T, index=self.units, columns=self.variants)

    def rank_stats(self, group: str = "index") -> pd.DataFrame:
        """Per unit: mean, median, 5th and 95th percentile (linear interpolation) of its rank."""
        stats = rank_stats(rank_scores(self.groups[group], axis=1), axis=0)
        return pd.DataFrame(stats, index=self.units)


def score_weight_variants(framework: Framework, scores: pd.DataFrame, weights: pd.DataFrame) -> WeightVariantScores:
    """Aggregate normalised scores (units × indicators) under each weight set in `weights`.

    `weights` has one row per variant and one column per indicator or group whose weight varies;
    weights are relative within each group, and any code not given keeps its nominal weight.
    """
    codes, _, nominal = framework_tree(framework)
    unknown = [c for c in weights.columns if c not in codes]
    if unknown:
        raise ValueError(f"weights given for codes not in the framework: {', '.join(map(str, unknown))}")
    n_var = len(weights)
    w_all = np.broadcast_to(nominal, (n_var, len(codes))).copy()
    position = {c: k for k, c in enumerate(codes)}
    w_all[:, [position[c] for c in weights.columns]] = weights.to_numpy(dtype=float)

    table: dict[str, np.ndarray] = {i: scores[i].to_numpy(dtype=float) for i in framework.indicators}
    for gid, group in framework.groups.items():  # bottom-up
        spec = framework.aggregator_for(group)
        # Indicators' scores are units; groups' are variants × units (a group has one kind of child).
        X = np.stack([table[c] for c in group.children], axis=-1)
        w = w_all[:, [position[c] for c in group.children]]
        try:
            table[gid] = aggregate(X, w, spec.method, **spec.params)
        except NonPositiveValueError as exc:
            raise exc.naming(group.children[exc.column]) from None
    groups = {g: np.broadcast_to(table[g], (n_var, len(scores))) for g in framework.groups}
    return WeightVariantScores(scores.index, weights.index, groups)


def perturb_weights(framework: Framework, *, levels: tuple[int, ...] = (2, 3), low: float = 0.75,
                    high: float = 1.25, n: int = 1000, seed: int = 0) -> pd.DataFrame:
    """`n` weight sets: each group weight at the given levels times an independent U(low, high) draw.

    Levels count as in the framework: 2 = groups of indicators, 3 = groups of those, and so on.
    """
    chosen = [g for g in framework.groups.values() if g.level in levels and g.parent is not None]
    rng = np.random.default_rng(seed)
    factors = rng.uniform(low, high, size=(n, len(chosen)))
    nominal = np.array([g.weight for g in chosen])
    return pd.DataFrame(nominal * factors, columns=[g.id for g in chosen],
                        index=pd.RangeIndex(1, n + 1, name="variant"))
