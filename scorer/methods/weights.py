"""Weights: nominal weights → weights rescaled within each group → effective weights (shares of the index).

A hierarchy is given as parallel sequences: `codes` (every node below the root: indicators and
groups) and `parents` (each node's parent code; the root's code for the top groups). Weights are
arrays whose last axis runs over the nodes, so many weight sets (variants) go through in one call.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def rescale_within_groups(weights: np.ndarray, parents: Sequence[str]) -> np.ndarray:
    """Each weight divided by the sum of its siblings' weights (same parent), at every depth."""
    w = np.asarray(weights, dtype=float)
    _, group = np.unique(np.asarray(parents, dtype=str), return_inverse=True)
    member = (group[:, None] == np.arange(group.max() + 1)).astype(float)  # nodes × parents
    return w / ((w @ member) @ member.T)


def effective_weights(weights: np.ndarray, codes: Sequence[str], parents: Sequence[str]) -> np.ndarray:
    """Each node's share of the root: the product of within-group weights along its path up.

    The effective weights of the indicators sum to 1 (per variant), as do those of any one level.
    """
    codes, parents = list(codes), list(parents)
    position = {c: k for k, c in enumerate(codes)}
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:  # the root (not among codes) has depth 0
        if code not in position:
            return 0
        if code not in depth:
            depth[code] = 1 + depth_of(parents[position[code]])
        return depth[code]

    depths = np.array([depth_of(c) for c in codes])
    share = rescale_within_groups(weights, parents)
    out = np.empty_like(share)
    for d in range(1, depths.max() + 1):  # top-down: a node's parent is done before the node
        nodes = np.flatnonzero(depths == d)
        if d == 1:
            out[..., nodes] = share[..., nodes]
        else:
            up = np.array([position[parents[k]] for k in nodes])
            out[..., nodes] = share[..., nodes] * out[..., up]
    return out


def framework_tree(framework) -> tuple[list[str], list[str], np.ndarray]:
    """Codes, parents and nominal weights of every indicator and group below a framework's index."""
    codes, parents, weights = [], [], []
    for ind in framework.indicators.values():
        codes.append(ind.id), parents.append(ind.parent), weights.append(ind.spec.weight)
    for g in framework.groups.values():
        if g.parent is not None:
            codes.append(g.id), parents.append(g.parent), weights.append(g.weight)
    return codes, parents, np.array(weights, dtype=float)
