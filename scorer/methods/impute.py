"""Imputation methods: a unit × indicator table with gaps → the table with gaps filled, and which cells.

Each method takes X, an array of shape (units, indicators), on the raw scale; group methods also
take `groups`, one label per unit (None, NaN or "" for a unit in no group: its gaps stay). A gap
that a method cannot fill (a column, or a group's column, with no data at all) stays NaN.
"""

from __future__ import annotations

from typing import Annotated, Callable, Sequence

from annotated_types import Ge

from scorer.messages import msg
from scorer.methods import NumpyWhenUsed

np = NumpyWhenUsed(globals())  # numpy is imported when a method runs, not to read the methods' signatures

Imputer = Callable[..., "np.ndarray"]
IMPUTERS: dict[str, Imputer] = {}
GROUPED: set[str] = set()  # methods that need a group label per unit


def register(name: str, grouped: bool = False) -> Callable[[Imputer], Imputer]:
    def deco(fn: Imputer) -> Imputer:
        IMPUTERS[name] = fn
        if grouped:
            GROUPED.add(name)
        return fn
    return deco


def _fill(X: np.ndarray, values: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(X), values, X)


@register("none")
def none(X: np.ndarray) -> np.ndarray:
    """Leave the gaps: later steps drop missing indicators with their weights."""
    return X.copy()


@register("mean")
def column_mean(X: np.ndarray) -> np.ndarray:
    """Each gap takes its indicator's mean over all units with data (COINr i_mean)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.nansum(X, axis=0) / np.sum(~np.isnan(X), axis=0)
    return _fill(X, means)


@register("median")
def column_median(X: np.ndarray) -> np.ndarray:
    """Each gap takes its indicator's median over all units with data (COINr i_median)."""
    present = ~np.isnan(X)
    medians = np.full(X.shape[1], np.nan)
    has = present.any(axis=0)
    medians[has] = np.nanmedian(X[:, has], axis=0)
    return _fill(X, medians)


def _group_codes(groups) -> tuple[np.ndarray, int]:
    """Labels → integer codes 0..k-1, and -1 for a unit in no group."""
    labels = np.asarray(groups, dtype=object)
    missing = np.array([g is None or g == "" or (isinstance(g, float) and np.isnan(g)) for g in labels])
    codes = np.full(len(labels), -1)
    if (~missing).any():
        _, codes[~missing] = np.unique(labels[~missing].astype(str), return_inverse=True)
    return codes, int(codes.max()) + 1


@register("group_mean", grouped=True)
def group_mean(X: np.ndarray, groups) -> np.ndarray:
    """Each gap takes the indicator's mean over the units of the same group (COINr i_mean_grp)."""
    codes, k = _group_codes(groups)
    member = (codes[:, None] == np.arange(k)).astype(float)  # units × groups
    present = ~np.isnan(X)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = (member.T @ np.where(present, X, 0.0)) / (member.T @ present)  # groups × indicators
    by_unit = np.where((codes >= 0)[:, None], means[np.maximum(codes, 0)], np.nan)
    return _fill(X, by_unit)


@register("group_median", grouped=True)
def group_median(X: np.ndarray, groups) -> np.ndarray:
    """Each gap takes the indicator's median over the units of the same group (COINr i_median_grp)."""
    codes, k = _group_codes(groups)
    by_unit = np.full(X.shape, np.nan)
    for g in range(k):  # one pass per group, vectorised over units and indicators
        rows = codes == g
        block = X[rows]
        has = (~np.isnan(block)).any(axis=0)
        medians = np.full(X.shape[1], np.nan)
        medians[has] = np.nanmedian(block[:, has], axis=0)
        by_unit[rows] = medians
    return _fill(X, by_unit)


TIME_AXIS: set[str] = {"locf"}  # methods whose rows must be successive periods of one unit


@register("locf")
def last_observation_carried_forward(X: np.ndarray, max_age: Annotated[int, Ge(0)] | None = None) -> np.ndarray:
    """Carry each indicator's last value forward over the following rows (quarters, oldest first).

    `max_age` bounds how many rows a value may travel (None: no bound); older gaps stay missing.
    Only for a table whose rows are successive periods of one zone, never for rows of zones.
    """
    out = X.copy()
    last = np.full(X.shape[1], np.nan)
    age = np.zeros(X.shape[1])
    for r in range(X.shape[0]):
        seen = ~np.isnan(X[r])
        last = np.where(seen, X[r], last)
        age = np.where(seen, 0, age + 1)
        usable = ~seen & ~np.isnan(last) & ((age <= max_age) if max_age is not None else True)
        out[r] = np.where(usable, last, X[r])
    return out


TIME_TYPES = ("latest", "constant", "linear", "linear-constant")


def impute_over_time(X: np.ndarray, units, times, imp_type: str = "latest",
                     max_time: int | None = None, names: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Fill a panel's gaps from the same unit's other periods (COINr impute_panel); (filled, mask).

    X is rows × indicators, each row one unit at one time (`units`, `times`: one label and one
    number per row). `imp_type`, as in COINr 1.1.14:
    - 'latest': the unit's most recent earlier observed value, looking back at most `max_time` of
      the panel's time points (None: all); never fills before the unit's first observation.
    - 'constant': R's approx(method = "constant", rule = 2): the previous observed value, and
      before the first observation the first one; `max_time` does not apply (as in COINr).
    - 'linear': approx(method = "linear", rule = 2): straight lines between observations, by time
      value, the end values held beyond them; a series with one observation is an error, as in R.
    - 'linear-constant': 'linear', but 'constant' for a series with one observation.
    A series with no observation at all stays missing.
    """
    if imp_type not in TIME_TYPES:
        raise ValueError(msg("imputation over time: type {kind!r} is not one of {names}", kind=imp_type,
                             names=", ".join(TIME_TYPES)))
    X = np.asarray(X, dtype=float)
    times = np.asarray(times, dtype=float)
    units = np.asarray(units, dtype=object)
    out = X.copy()
    panel_times = np.unique(times)
    for unit in dict.fromkeys(units):
        rows = np.flatnonzero(units == unit)
        rows = rows[np.argsort(times[rows], kind="stable")]
        t, Y = times[rows], X[rows]
        if imp_type == "latest":
            out[rows] = _latest(Y, np.searchsorted(panel_times, t), max_time)
            continue
        for j in np.flatnonzero(np.isnan(Y).any(axis=0) & ~np.isnan(Y).all(axis=0)):
            seen = ~np.isnan(Y[:, j])
            kind = imp_type
            if imp_type == "linear-constant":
                kind = "constant" if seen.sum() == 1 else "linear"
            if kind == "linear":
                if seen.sum() < 2:
                    raise ValueError(msg("imputation over time: unit {unit!r}, indicator {name!r}: 'linear' needs two "
                                         "observations (R's approx); use 'linear-constant'", unit=unit,
                                         name=names[j] if names is not None else j + 1))
                out[rows, j] = np.where(seen, Y[:, j], np.interp(t, t[seen], Y[seen, j]))
            else:
                last = np.maximum.accumulate(np.where(seen, np.arange(len(t)), -1))
                first = np.flatnonzero(seen)[0]
                out[rows, j] = Y[np.where(last >= 0, last, first), j]
    return out, np.isnan(X) & ~np.isnan(out)


def _latest(Y: np.ndarray, position: np.ndarray, max_time: int | None) -> np.ndarray:
    """LOCF down one unit's rows, where a value may travel at most `max_time` panel time points."""
    out = Y.copy()
    last = np.full(Y.shape[1], np.nan)
    last_at = np.full(Y.shape[1], -1)
    for r in range(len(Y)):
        seen = ~np.isnan(Y[r])
        usable = ~seen & ~np.isnan(last)
        if max_time is not None:
            usable &= position[r] - last_at <= max_time
        out[r] = np.where(usable, last, Y[r])
        last = np.where(seen, Y[r], last)
        last_at = np.where(seen, position[r], last_at)
    return out


def impute(X: np.ndarray, method: str, *, groups=None, **params) -> tuple[np.ndarray, np.ndarray]:
    """Fill gaps with a named method; returns the filled array and a boolean mask of imputed cells."""
    try:
        fn = IMPUTERS[method]
    except KeyError:
        raise ValueError(msg("unknown imputation method {method!r}; available: {names}", method=method,
                             names=", ".join(sorted(IMPUTERS)))) from None
    X = np.asarray(X, dtype=float)
    if method in GROUPED:
        if groups is None or len(groups) != X.shape[0]:
            raise ValueError(msg("imputation method {method!r} needs one group label per unit", method=method))
        filled = fn(X, groups, **params)
    else:
        filled = fn(X, **params)
    return filled, np.isnan(X) & ~np.isnan(filled)
