"""Aggregation methods: children's scores and weights → a parent's score.

Each method takes X, an array of shape (units, children), and w, one weight per child. Missing
children (NaN) are dropped together with their weights, and the remaining weights rescaled.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Aggregator = Callable[..., np.ndarray]
AGGREGATORS: dict[str, Aggregator] = {}


def register(name: str) -> Callable[[Aggregator], Aggregator]:
    def deco(fn: Aggregator) -> Aggregator:
        AGGREGATORS[name] = fn
        return fn
    return deco


def _present_weights(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    W = np.where(np.isnan(X), 0.0, np.broadcast_to(w, X.shape))
    return W


@register("arithmetic")
def arithmetic(X: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Weighted arithmetic mean over the children present."""
    W = _present_weights(X, w)
    total = W.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(np.isnan(X), 0.0, X * W).sum(axis=1) / total
    return np.where(total > 0, out, np.nan)


def aggregate(X: np.ndarray, w: np.ndarray, method: str, **params) -> np.ndarray:
    try:
        fn = AGGREGATORS[method]
    except KeyError:
        raise ValueError(f"unknown aggregation method {method!r}; available: {', '.join(sorted(AGGREGATORS))}") from None
    return fn(np.asarray(X, dtype=float), np.asarray(w, dtype=float), **params)
