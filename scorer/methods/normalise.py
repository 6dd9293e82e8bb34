"""Normalisation methods: raw indicator values → comparable scores.

Each method takes X, an array of shape (units, indicators), and `direction`, one +1/-1 per
indicator column, plus keyword parameters that are scalars or one value per column. NaN stays NaN.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

Normaliser = Callable[..., np.ndarray]
NORMALISERS: dict[str, Normaliser] = {}


def register(name: str) -> Callable[[Normaliser], Normaliser]:
    def deco(fn: Normaliser) -> Normaliser:
        NORMALISERS[name] = fn
        return fn
    return deco


@register("goalposts")
def goalposts(X: np.ndarray, direction: np.ndarray, *, floor, target, scale: float = 100.0,
              truncate: bool = True) -> np.ndarray:
    """Distance travelled from `floor` (scores 0) to `target` (scores `scale`).

    The direction is carried by the goalposts themselves: for a lower-is-better indicator the floor
    lies above the target. With `truncate`, values beyond the target score `scale` and values
    beyond the floor score 0.
    """
    floor = np.asarray(floor, dtype=float)
    target = np.asarray(target, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (X - floor) / (target - floor)
    if truncate:
        y = np.clip(y, 0.0, 1.0)
    return y * scale


@register("minmax")
def minmax(X: np.ndarray, direction: np.ndarray, *, l: float = 0.0, u: float = 100.0) -> np.ndarray:
    """Min-max to [l, u] across units, after applying the direction."""
    Xd = X * direction
    lo, hi = np.nanmin(Xd, axis=0), np.nanmax(Xd, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (Xd - lo) / (hi - lo) * (u - l) + l


def normalise(X: np.ndarray, direction: np.ndarray, method: str, **params) -> np.ndarray:
    try:
        fn = NORMALISERS[method]
    except KeyError:
        raise ValueError(f"unknown normalisation method {method!r}; available: {', '.join(sorted(NORMALISERS))}") from None
    return fn(np.asarray(X, dtype=float), np.asarray(direction, dtype=float), **params)
