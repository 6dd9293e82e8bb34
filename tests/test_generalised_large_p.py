"""bt16j F2: a generalised mean with a large p overflowed (100^p past a double beyond p ≈ 154), the overall came out
empty with no word, and a scenario without a score was still judged "not among the bottom 5: not met"."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest

from scorer.methods.aggregate import generalised
from tests.conftest import EXAMPLES, run_cli


def _power_mean(x, w, p):
    present = ~np.isnan(x)
    x, w = x[present].astype(object), w[present]  # exact arithmetic on Python floats is not needed: small p only
    return (sum(wi * float(xi) ** p for xi, wi in zip(x, w)) / w.sum()) ** (1 / p)


@pytest.mark.parametrize("p", [-300.0, -5.0, -1.0, 0.5, 1.0, 2.0, 7.0, 155.0, 400.0, 1e4])
def test_the_power_mean_is_finite_and_within_its_children_for_any_p(p):
    rng = np.random.default_rng(int(abs(p)) + 1)
    X = rng.uniform(1, 100, size=(50, 6))
    X[3, 2] = np.nan
    w = rng.uniform(0.5, 2, size=6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow, no all-NaN warning reaches the user
        got = generalised(X, w, p=p)
    lo, hi = np.nanmin(X, axis=1), np.nanmax(X, axis=1)
    assert np.all(np.isfinite(got)) and np.all(lo - 1e-9 <= got) and np.all(got <= hi + 1e-9)
    if abs(p) <= 7:  # where the textbook formula does not overflow, the same mean
        expect = [_power_mean(X[k], w, p) for k in range(len(X))]
        assert np.allclose(got, expect, rtol=1e-12)
    same = generalised(np.vstack([X[0], X[0]]), w, p=p)
    assert same[0] == same[1]  # identical rows, identical scores (ties survive to the ranks)


def test_a_scenario_with_a_large_p_is_scored_and_one_without_a_score_has_no_verdict(tmp_path):
    big = tmp_path / "p300.yaml"
    big.write_text("name: p300\nmethods:\n  aggregation: {method: generalised, params: {p: 300}}\n", encoding="utf-8")
    empty = tmp_path / "all.yaml"
    empty.write_text("name: 全要\nmethods:\n  aggregation: {method: arithmetic, params: {min_share: 1.0}}\n",
                     encoding="utf-8")
    done = run_cli("compare", EXAMPLES, big, "--json")
    assert done.returncode == 0 and "RuntimeWarning" not in done.stderr, done.stderr
    (row,) = json.loads(done.stdout)["scenarios"]
    assert row["overall"]["score"] is not None and 0 < row["overall"]["score"] <= 100
    # 2021Q1 lacks two half-yearly indicators: with every child required no category scores
    done = run_cli("compare", EXAMPLES, empty, "--period", "2021Q1", "--json")
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)["scenarios"]
    assert row["overall"]["score"] is None and row["ready"] is None and not row["failed_rules_en"]
