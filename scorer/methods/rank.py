"""Ranks of scores: highest score = 1, ties share the best rank ('min'), missing stays missing."""

from __future__ import annotations

from scorer.methods import NumpyWhenUsed

np = NumpyWhenUsed(globals())  # numpy is imported when a method runs, not to read the methods' signatures


def min_rank(X: np.ndarray, axis: int = 0) -> np.ndarray:
    """Ascending ranks along `axis` (smallest = 1), ties 'min', NaN → NaN; like R's
    rank(x, ties.method = "min", na.last = "keep"), for every other axis at once."""
    X = np.moveaxis(np.asarray(X, dtype=float), axis, -1)
    order = np.argsort(X, axis=-1, kind="stable")  # NaN sort last
    xs = np.take_along_axis(X, order, axis=-1)
    n = xs.shape[-1]
    first_of_run = np.ones(xs.shape, dtype=bool)
    first_of_run[..., 1:] = xs[..., 1:] != xs[..., :-1]
    # Each value's rank is the position of the first value of its run of ties.
    start = np.maximum.accumulate(np.where(first_of_run, np.arange(n), 0), axis=-1)
    ranks_sorted = np.where(np.isnan(xs), np.nan, start + 1.0)
    ranks = np.empty_like(ranks_sorted)
    np.put_along_axis(ranks, order, ranks_sorted, axis=-1)
    return np.moveaxis(ranks, -1, axis)


def rank_scores(scores: np.ndarray, axis: int = 0) -> np.ndarray:
    """Ranks along `axis` (the units' axis), highest score = 1, ties 'min', NaN stays NaN.

    Ranks come from the scores as computed, never from rounded ones: rounding to the two decimals
    a report shows can create ties that the scores do not have.
    """
    return min_rank(-np.asarray(scores, dtype=float), axis=axis)


def rank_stats(ranks: np.ndarray, axis: int = -1, quantiles: tuple[float, float] = (0.05, 0.95)) -> dict[str, np.ndarray]:
    """Mean, median and two quantiles of each unit's ranks over replicates (along `axis`).

    Quantiles interpolate linearly between order statistics (R's default, type 7).
    """
    ranks = np.asarray(ranks, dtype=float)
    lo, hi = quantiles
    return {
        "mean": np.nanmean(ranks, axis=axis),
        "median": np.nanmedian(ranks, axis=axis),
        f"q{round(lo * 100)}": np.nanquantile(ranks, lo, axis=axis, method="linear"),
        f"q{round(hi * 100)}": np.nanquantile(ranks, hi, axis=axis, method="linear"),
    }
