"""Outlier treatment: a unit × indicator table → the table with outliers tamed, and a record of each change.

Treatment runs on the raw scale (after imputation, before normalisation and before any direction is
applied). Methods take X, an array of shape (units, indicators), and return a `Treatment`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Callable, Literal, Sequence

from annotated_types import Ge

from scorer.messages import msg
from scorer.methods import NumpyWhenUsed

np = NumpyWhenUsed(globals())  # numpy is imported when a method runs, not to read the methods' signatures

if TYPE_CHECKING:  # pandas is imported where a record is built: loading a framework checks these functions'
    import pandas as pd  # signatures (scorer.framework.method_params), which must not cost a pandas import


@dataclass
class Treatment:
    """Treated data plus what was done: every changed point, and a line per indicator."""

    data: np.ndarray  # same shape as the input
    points: pd.DataFrame  # indicator, unit (row position), treatment (winhi/winlo/log), before, after
    details: pd.DataFrame  # one row per indicator; see `winsorise` for the columns


Treater = Callable[..., Treatment]
TREATMENTS: dict[str, Treater] = {}

POINT_COLUMNS = ["indicator", "unit", "treatment", "before", "after"]


def register(name: str) -> Callable[[Treater], Treater]:
    def deco(fn: Treater) -> Treater:
        TREATMENTS[name] = fn
        return fn
    return deco


def skew_kurt(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sample skewness and excess kurtosis of each column, NaN ignored ("type 2", as in Excel,
    e1071 and COINr). NaN where a column has too few points (3 for skew, 4 for kurtosis) or no spread."""
    present = ~np.isnan(X)
    n = present.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        d = np.where(present, X - np.nansum(X, axis=0) / n, 0.0)
        d2 = d * d
        m2, m3, m4 = d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)
        skew = np.sqrt(n) * m3 / m2 ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * m4 / m2 ** 2
        kurt = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 3, skew, np.nan), np.where(n >= 4, kurt, np.nan)


def _passes(skew: np.ndarray, kurt: np.ndarray, skew_thresh, kurt_thresh) -> np.ndarray:
    """|skew| < threshold OR kurtosis < threshold, with R's three-valued logic: 1 pass, 0 fail,
    NaN undecided (neither test passes and one of them could not be computed)."""
    ok = (np.abs(skew) < skew_thresh) | (kurt < kurt_thresh)
    undecided = ~ok & (np.isnan(skew) | np.isnan(kurt))
    return np.where(undecided, np.nan, ok.astype(float))


def _lambda_spelt(overrides: dict[str, Any] | None) -> dict[str, Any] | None:
    """Overrides as `_settings` takes them (`lam` spelt `lambda`, as in COINr and the YAML)."""
    if not overrides:
        return overrides
    return {k: ({("lambda" if key == "lam" else key): v for key, v in spec.items()} if isinstance(spec, dict) else spec)
            for k, spec in overrides.items()}


def _per_column(value, n: int, name: str) -> np.ndarray:
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(msg("treatment parameter {name!r} must be a single value, or one per indicator", name=name))
    return arr.copy()


FALLBACKS = ("log", "log_CT", "log_CT_plus", "boxcox", "none")  # "log" is COINr's log_CT


def log_ct(X: np.ndarray) -> np.ndarray:
    """COINr log_CT, per column: log(x − min + 0.01·(max − min))."""
    lo, hi = np.nanmin(X, axis=0), np.nanmax(X, axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(X - lo + 0.01 * (hi - lo))


def log_ct_plus(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """COINr log_CT_plus, per column: log_CT when the column's skew is > 0, else its mirror image
    −log(max + 0.01·(max − min) − x), which spreads a long low tail instead. Also returns which
    columns took the mirror ('log_CT_neg' in COINr's record)."""
    lo, hi = np.nanmin(X, axis=0), np.nanmax(X, axis=0)
    a = 0.01 * (hi - lo)
    negative = ~(skew_kurt(X)[0] > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(negative, -np.log(hi + a - X), np.log(X - lo + a)), negative


def boxcox(X: np.ndarray, lam, makepos=True) -> np.ndarray:
    """COINr boxcox, per column: with `makepos` first x − min + 1, then (x^λ − 1)/λ, or log x for λ = 0."""
    lam = np.asarray(lam, dtype=float)
    Y = np.where(np.asarray(makepos, dtype=bool), X - np.nanmin(X, axis=0) + 1.0, X)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(lam == 0, np.log(Y), (Y ** lam - 1.0) / np.where(lam == 0, 1.0, lam))


def _settings(names: list[str], overrides: dict[str, Any] | None, defaults: dict[str, Any]) -> dict[str, np.ndarray]:
    """Per-column settings: the defaults, then each indicator's overrides ('none' skips it)."""
    n = len(names)
    s = {key: _per_column(np.inf if key == "winmax" and value is None else value, n, key)
         for key, value in defaults.items() if key not in ("fallback", "makepos")}
    s["fallback"] = np.full(n, defaults["fallback"], dtype=object)
    s["makepos"] = np.full(n, bool(defaults["makepos"]))
    s["skip"] = np.zeros(n, dtype=bool)
    position = {name: j for j, name in enumerate(names)}
    for name, spec in (overrides or {}).items():
        if name not in position:
            raise ValueError(msg("treatment override for unknown indicator {ind_id!r}", ind_id=name))
        j = position[name]
        if spec in ("none", "skip", None):
            s["skip"][j] = True
            continue
        unknown = set(spec) - set(defaults)
        if unknown:
            raise ValueError(msg("treatment override for {name!r}: unknown key(s) {keys}; it takes {known}", name=name,
                                 keys=", ".join(sorted(unknown)), known=", ".join(sorted(defaults))))
        for key, value in spec.items():
            s[key][j] = np.inf if key == "winmax" and value is None else value
    bad = sorted(set(s["fallback"]) - set(FALLBACKS))
    if bad:
        raise ValueError(msg("treatment fallback {value!r} is not one of {names}", value=bad[0], names=", ".join(FALLBACKS)))
    if ((s["fallback"] == "boxcox") & np.isnan(s["lambda"])).any():
        raise ValueError(msg("treatment fallback 'boxcox' needs `lambda` (COINr boxcox's λ)"))
    return s


def _configure(names, overrides, coinr, winmax, skew_thresh, kurt_thresh, pass_skew_thresh, pass_kurt_thresh,
               fallback, lam, makepos) -> dict[str, np.ndarray]:
    """winsorise's per-column settings from its parameters; ValueError or TypeError (a Text) for what it refuses."""
    coinr = dict(coinr)
    lam = coinr.pop("lambda", lam)  # YAML spells it `lambda`, as COINr does
    if coinr:
        raise TypeError(msg("winsorise: unknown parameter(s) {names}", names=", ".join(sorted(coinr))))
    return _settings(names, _lambda_spelt(overrides), {
        "winmax": winmax, "skew_thresh": skew_thresh, "kurt_thresh": kurt_thresh,
        "pass_skew_thresh": np.nan if pass_skew_thresh is None else pass_skew_thresh,
        "pass_kurt_thresh": np.nan if pass_kurt_thresh is None else pass_kurt_thresh,
        "fallback": fallback, "lambda": np.nan if lam is None else lam, "makepos": makepos})


def check_winsorise(names: Sequence[str], **params) -> None:
    """Raise what winsorise would refuse in these `params` (its keyword parameters, as a framework's `params:`)
    for indicators `names`, without data and without pandas: `scorer validate` says it at its line. ValueError
    or TypeError, with a `scorer.messages.Text`."""
    import inspect

    bound = inspect.signature(winsorise).bind(None, names=list(names), **params)
    bound.apply_defaults()
    a = bound.arguments
    _configure(list(names), a["overrides"], a["coinr"], a["winmax"], a["skew_thresh"], a["kurt_thresh"],
               a["pass_skew_thresh"], a["pass_kurt_thresh"], a["fallback"], a["lam"], a["makepos"])


@register("winsorise")
def winsorise(X: np.ndarray, *, names: Sequence[str] | None = None, overrides: dict[str, Any] | None = None,
              winmax: Annotated[int, Ge(0)] | None = 5, skew_thresh: float = 2.0, kurt_thresh: float = 3.5,
              pass_skew_thresh: float | None = None, pass_kurt_thresh: float | None = None,
              fallback: Literal[FALLBACKS] = "log", lam: float | None = None, makepos: bool = True, **coinr) -> Treatment:
    """COINr's default treatment: winsorise while skew and kurtosis fail, then a second step as a fallback.

    COINr's Treat runs three functions: a pass check (check_SkewKurt with its f_pass_para
    thresholds), a first treatment (winsorise, with its own f1_para thresholds) and a second one
    (f2). Here `pass_skew_thresh` / `pass_kurt_thresh` are the pass check's thresholds and
    `skew_thresh` / `kurt_thresh` the winsorising loop's; the pass thresholds default to the loop's.

    An indicator passes when |skew| < threshold OR kurtosis < threshold. It is treated when the
    pass check fails. While the loop's check fails and fewer than `winmax` points are winsorised:
    if skew ≥ 0 every point at the maximum takes the largest remaining value, else every point at
    the minimum the smallest remaining one. Points already moved count toward `winmax`, and tied
    points count together (COINr counts the points at the latest maximum plus those at the latest
    minimum). If the pass check still fails, `fallback` runs on the original column and the
    winsorising is dropped: 'log' (= 'log_CT') is log(x − min + 0.01·(max − min)); 'log_CT_plus'
    the same for a skew > 0 and −log(max + 0.01·(max − min) − x) otherwise; 'boxcox' COINr's
    Box-Cox with `lambda` (λ) and `makepos` (shift to min 1 first); 'none' keeps the winsorised
    column. A column the pass check cannot judge after winsorising (no spread left) is returned
    untreated, as COINr's Treat does. `overrides` maps an indicator to 'none' (leave it) or to its
    own settings (any of the keyword parameters above).

    `details` columns: indicator, treatment (none/winsorise/log/log_CT_plus/boxcox/skip/undecided;
    'undecided' with pass_before 0 is a column winsorising would have left constant, returned untreated),
    skew_before, kurt_before, pass_before, winsorised (points), skew_winsorised, kurt_winsorised,
    pass_winsorised, skew_log, kurt_log, pass_log (the *_log columns describe whichever second step
    ran). A pass is 1, a failure 0, NaN when not run or undecided (too few points, or no spread).
    """
    X = np.asarray(X, dtype=float)
    n_units, n_cols = X.shape
    names = [str(j) for j in range(n_cols)] if names is None else [str(x) for x in names]
    if len(names) != n_cols:
        raise ValueError(msg("treatment: one name per indicator column is needed"))
    cfg = _configure(names, overrides, coinr, winmax, skew_thresh, kurt_thresh, pass_skew_thresh, pass_kurt_thresh,
                     fallback, lam, makepos)
    st, kt = cfg["skew_thresh"], cfg["kurt_thresh"]
    pst = np.where(np.isnan(cfg["pass_skew_thresh"]), st, cfg["pass_skew_thresh"])
    pkt = np.where(np.isnan(cfg["pass_kurt_thresh"]), kt, cfg["pass_kurt_thresh"])

    skew0, kurt0 = skew_kurt(X)
    pass0 = _passes(skew0, kurt0, pst, pkt)
    to_treat = (pass0 == 0) & ~cfg["skip"]

    # Winsorise every failing column at once, one step per round; a round moves ≥ 1 point per column.
    Xw = X.copy()
    at_hi = np.zeros(X.shape, dtype=bool)  # the points at the latest maximum moved (COINr 'imax')
    at_lo = np.zeros(X.shape, dtype=bool)
    nwin = np.zeros(n_cols)
    skew, kurt = skew0.copy(), kurt0.copy()
    passing = _passes(skew0, kurt0, st, kt)  # the loop's own check, with its own thresholds
    active = to_treat & (passing == 0)
    for _ in range(n_units):
        active &= (passing == 0) & (nwin < cfg["winmax"])
        if not active.any():
            break
        cols = np.flatnonzero(active)
        sub = Xw[:, cols]
        high = skew[cols] >= 0
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN slices: a column gone constant
            top, bottom = np.nanmax(sub, axis=0), np.nanmin(sub, axis=0)
            is_top, is_bottom = sub == top, sub == bottom
            next_top = np.nanmax(np.where(is_top, np.nan, sub), axis=0)
            next_bottom = np.nanmin(np.where(is_bottom, np.nan, sub), axis=0)
        movable = np.where(high, ~np.isnan(next_top), ~np.isnan(next_bottom))  # not yet constant
        if not movable.all():
            active[cols[~movable]] = False
            cols, sub, high = cols[movable], sub[:, movable], high[movable]
            is_top, is_bottom = is_top[:, movable], is_bottom[:, movable]
            next_top, next_bottom = next_top[movable], next_bottom[movable]
            if cols.size == 0:
                break
        move_hi, move_lo = is_top & high, is_bottom & ~high
        Xw[:, cols] = np.where(move_hi, next_top, np.where(move_lo, next_bottom, sub))
        at_hi[:, cols] = np.where(high, is_top, at_hi[:, cols])
        at_lo[:, cols] = np.where(high, at_lo[:, cols], is_bottom)
        nwin[cols] = at_hi[:, cols].sum(axis=0) + at_lo[:, cols].sum(axis=0)
        skew[cols], kurt[cols] = skew_kurt(Xw[:, cols])
        passing[cols] = _passes(skew[cols], kurt[cols], st[cols], kt[cols])
    # The pass check after winsorising, with the pass thresholds (COINr's check_SkewKurt1).
    passing = np.where(to_treat, _passes(skew, kurt, pst, pkt), passing)
    # Undecided now (winsorising left no spread to measure): COINr's Treat returns the column
    # untreated ("f_pass has returned NA. Returning untreated vector."), and so does this.
    undecided = to_treat & np.isnan(passing)
    if undecided.any():
        Xw[:, undecided] = X[:, undecided]
        at_hi[:, undecided] = at_lo[:, undecided] = False

    # Still failing: the second step, applied to the original column.
    second = to_treat & (passing == 0) & (cfg["fallback"] != "none")
    data = Xw
    skew_l, kurt_l, pass_l = np.full(n_cols, np.nan), np.full(n_cols, np.nan), np.full(n_cols, np.nan)
    if second.any():
        orig = X[:, second]
        kind = cfg["fallback"][second]
        plus, _ = log_ct_plus(orig)
        data[:, second] = np.select(
            [kind == "boxcox", kind == "log_CT_plus"],
            [boxcox(orig, np.where(kind == "boxcox", cfg["lambda"][second], 1.0), cfg["makepos"][second]), plus],
            log_ct(orig))
        skew_l[second], kurt_l[second] = skew_kurt(data[:, second])
        pass_l = np.where(second, _passes(skew_l, kurt_l, pst, pkt), np.nan)
    logged = second
    step_name = np.where(cfg["fallback"] == "log_CT", "log", cfg["fallback"]).astype(str)

    # The record: each moved point, or every point of a logged column.
    changed_win = (at_hi | at_lo) & ~logged[None, :]
    rows, cols = np.nonzero(changed_win | (logged[None, :] & ~np.isnan(X)))
    kind = np.where(logged[cols], step_name[cols].astype(str), np.where(at_hi[rows, cols], "winhi", "winlo"))
    order = np.lexsort((rows, cols))
    rows, cols, kind = rows[order], cols[order], kind[order]
    import pandas as pd

    points = pd.DataFrame({"indicator": np.asarray(names, dtype=object)[cols], "unit": rows,
                           "treatment": kind, "before": X[rows, cols], "after": data[rows, cols]},
                          columns=POINT_COLUMNS)

    treated_cols = to_treat
    status = np.select(
        [cfg["skip"], np.isnan(pass0), ~treated_cols, logged, np.isnan(passing)],
        ["skip", "undecided", "none", step_name, "undecided"], default="winsorise")
    details = pd.DataFrame({
        "indicator": names, "treatment": status,
        "skew_before": skew0, "kurt_before": kurt0, "pass_before": pass0,
        "winsorised": np.where(treated_cols, nwin, np.nan),
        "skew_winsorised": np.where(treated_cols, skew, np.nan),
        "kurt_winsorised": np.where(treated_cols, kurt, np.nan),
        "pass_winsorised": np.where(treated_cols, passing, np.nan),
        "skew_log": skew_l, "kurt_log": kurt_l, "pass_log": pass_l,
    })
    return Treatment(data, points, details)


@register("none")
def no_treatment(X: np.ndarray, *, names: Sequence[str] | None = None, **_ignored) -> Treatment:
    """Leave the data as they are."""
    X = np.asarray(X, dtype=float)
    names = [str(j) for j in range(X.shape[1])] if names is None else [str(x) for x in names]
    import pandas as pd

    details = pd.DataFrame({"indicator": names, "treatment": "skip"})
    return Treatment(X.copy(), pd.DataFrame(columns=POINT_COLUMNS), details)


def treat(X: np.ndarray, method: str = "winsorise", **params) -> Treatment:
    try:
        fn = TREATMENTS[method]
    except KeyError:
        raise ValueError(msg("unknown treatment method {method!r}; available: {names}", method=method,
                             names=", ".join(sorted(TREATMENTS)))) from None
    return fn(np.asarray(X, dtype=float), **params)
