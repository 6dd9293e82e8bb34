"""Normalisation methods: raw indicator values → comparable scores.

Each method takes X, an array of shape (units, indicators), and `direction`, one +1/-1 per
indicator column, plus keyword parameters that are scalars or one value per column. NaN stays NaN.
Every method but `goalposts` first turns lower-is-better columns around (x · direction), as COINr
does; goalposts carry the direction in the floor and target themselves.
"""

from __future__ import annotations

from typing import Callable

from scorer.messages import msg
from scorer.methods.rank import min_rank
from scorer.methods import NumpyWhenUsed

np = NumpyWhenUsed(globals())  # numpy is imported when a method runs, not to read the methods' signatures

Normaliser = Callable[..., "np.ndarray"]
NORMALISERS: dict[str, Normaliser] = {}
# Methods whose score for a unit depends on that unit's value alone (never on the other units scored
# with it): a peer's scores under them are the same whatever happens to the zone, so they are computed once.
UNIT_WISE = frozenset({"goalposts", "fixed"})


def register(name: str) -> Callable[[Normaliser], Normaliser]:
    def deco(fn: Normaliser) -> Normaliser:
        NORMALISERS[name] = fn
        return fn
    return deco


@register("goalposts")
def goalposts(X: np.ndarray, direction: np.ndarray, *, floor, target, scale=100.0, truncate=True) -> np.ndarray:
    """Distance travelled from `floor` (scores 0) to `target` (scores `scale`) (COINr n_goalposts).

    The direction is carried by the goalposts themselves: for a lower-is-better indicator the floor
    lies above the target. With `truncate` (COINr's trunc2posts), values beyond the target score
    `scale` and values beyond the floor score 0. `floor`, `target`, `scale` and `truncate` are
    scalars or one value per column. In COINr's terms, gposts = (lower, upper, scale): floor = lower
    and target = upper for Direction 1, floor = upper and target = lower for Direction −1.
    """
    floor = np.asarray(floor, dtype=float)
    target = np.asarray(target, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (X - floor) / (target - floor)
    y = np.where(np.asarray(truncate, dtype=bool), np.clip(y, 0.0, 1.0), y)
    return y * np.asarray(scale, dtype=float)


@register("minmax")
def minmax(X: np.ndarray, direction: np.ndarray, *, l: float = 0.0, u: float = 100.0) -> np.ndarray:
    """Min-max to [l, u] across units, after applying the direction (COINr n_minmax)."""
    Xd = X * direction
    lo, hi = np.nanmin(Xd, axis=0), np.nanmax(Xd, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (Xd - lo) / (hi - lo) * (u - l) + l


@register("zscore")
def zscore(X: np.ndarray, direction: np.ndarray, *, m: float = 0.0, s: float = 1.0) -> np.ndarray:
    """Standardised to mean `m` and standard deviation `s` (COINr n_zscore).

    The standard deviation is the sample one (n − 1 denominator), over the units with data.
    """
    Xd = X * direction
    with np.errstate(divide="ignore", invalid="ignore"):
        return (Xd - np.nanmean(Xd, axis=0)) / np.nanstd(Xd, axis=0, ddof=1) * s + m


@register("dist2targ")
def dist2targ(X: np.ndarray, direction: np.ndarray, *, target, cap=False, scale=1.0) -> np.ndarray:
    """Share of the way from the worst unit to the target (COINr n_dist2targ).

    `target` is on the raw scale, one per column; like the data it is multiplied by the direction,
    so for a lower-is-better indicator the worst unit is the highest one. The worst unit scores 0
    and the target `scale` (1 in COINr); with `cap` (COINr's cap_max), units beyond the target
    score `scale` too.
    """
    Xd = X * direction
    t = np.asarray(target, dtype=float) * direction
    lo = np.nanmin(Xd, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (Xd - lo) / (t - lo)
    y = np.where(np.asarray(cap, dtype=bool) & (y > 1.0), 1.0, y)
    return y * np.asarray(scale, dtype=float)


@register("dist2ref")
def dist2ref(X: np.ndarray, direction: np.ndarray, *, iref: int, cap=False) -> np.ndarray:
    """Distance to a reference unit: 1 − (x_ref − x) / (x_ref − min x), after the direction (COINr n_dist2ref).

    `iref` is the reference unit's row (0-based here; COINr counts from 1): it scores 1 and the
    worst unit 0; units beyond the reference score above 1 unless `cap` (COINr's cap_max). A
    reference without data gives a column of NaN, as in COINr. In a framework YAML the unit is
    named by its code, `ref: <uCode>`, and the engine finds its row.
    """
    Xd = X * direction
    iref = int(iref)
    if not 0 <= iref < X.shape[0]:
        raise ValueError(msg("dist2ref: reference row {iref} is not among the {n:# unit|# units}", iref=iref, n=X.shape[0]))
    ref = Xd[iref]
    lo = np.nanmin(Xd, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = 1.0 - (ref - Xd) / (ref - lo)
    return np.where(np.asarray(cap, dtype=bool) & (y > 1.0), 1.0, y)


@register("fracmax")
def fracmax(X: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Fraction of the column's maximum, x / max x, after the direction (COINr n_fracmax).

    Meant for positive data: after a direction of −1 the values are negative and the result is
    COINr's too (x / max x of the negated column).
    """
    Xd = X * direction
    with np.errstate(divide="ignore", invalid="ignore"):
        return Xd / np.nanmax(Xd, axis=0)


@register("fixed")
def fixed(X: np.ndarray, direction: np.ndarray, *, lower, upper, l: float = 0.0, u: float = 100.0,
          clip: bool = False) -> np.ndarray:
    """Min-max with fixed bounds: `lower` and `upper` (raw scale, per column) map to the ends of [l, u].

    For a lower-is-better column the bounds swap roles: a raw value at `lower` scores `u`. Unlike
    min-max, scores do not move when other units' values change. With `clip`, values outside the
    bounds score l or u.
    """
    a = np.asarray(lower, dtype=float) * direction
    b = np.asarray(upper, dtype=float) * direction
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (X * direction - lo) / (hi - lo)
    if clip:
        y = np.clip(y, 0.0, 1.0)
    return y * (u - l) + l


@register("rank")
def rank(X: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Rank within the column, lowest (after direction) = 1, ties share the lowest rank (COINr n_rank)."""
    return min_rank(X * direction, axis=0)


@register("prank")
def prank(X: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Percentile rank in [0, 1]: (rank − 1) / (units with data − 1), ties 'min' (COINr n_prank)."""
    n = np.sum(~np.isnan(X), axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (min_rank(X * direction, axis=0) - 1.0) / (n - 1.0)


@register("borda")
def borda(X: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Borda score: the number of units ranked below, i.e. rank − 1, ties 'min' (COINr n_borda)."""
    return min_rank(X * direction, axis=0) - 1.0


def normalise(X: np.ndarray, direction: np.ndarray, method: str, **params) -> np.ndarray:
    try:
        fn = NORMALISERS[method]
    except KeyError:
        raise ValueError(msg("unknown normalisation method {method!r}; available: {names}", method=method,
                             names=", ".join(sorted(NORMALISERS)))) from None
    import warnings

    with warnings.catch_warnings():  # a column no unit has a figure for gives NaN, said by the caller (zone_table):
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy's All-NaN slice text is no message to a user (bt11k F1)
        return fn(np.asarray(X, dtype=float), np.asarray(direction, dtype=float), **params)
