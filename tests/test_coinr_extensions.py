"""What a COINr model can express, expressed here: weight 0, per-level aggregation, COINr's
generalised-mean NA, n_borda / n_fracmax / n_dist2ref, per-indicator goalposts, the treatment's
second steps and separate thresholds, exact ties. Every expected number is computed by hand from
COINr's definitions (R sources of COINr 1.1.14, commit b968203)."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.methods.aggregate import aggregate
from scorer.methods.normalise import normalise
from scorer.methods.treat import skew_kurt, treat
from scorer.score.coinr import import_coinr, load_data_table, run_pipeline

nan = np.nan


def col(*values) -> np.ndarray:
    return np.array(values, dtype=float)[:, None]


def same(a, b) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-12, atol=1e-12, equal_nan=True)


def framework_yaml(tmp_path: Path, groups: list, aggregation: dict | None = None, normalisation: dict | None = None,
                   name: str = "fw.yaml") -> Path:
    doc = {"framework": {"id": "t", "name_zh": "t", "name_en": "t", "version": "1", "fields": None,
                         "weights": "relative"},
           "normalisation": normalisation or {"method": "minmax", "params": {"l": 0, "u": 100}},
           "aggregation": aggregation or {"method": "arithmetic"},
           "groups": groups}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def ind(code: str, weight: float = 1, direction: str = "higher", **extra) -> dict:
    return {"id": code, "name_zh": code, "name_en": code, "unit": "", "direction": direction, "weight": weight, **extra}


def table(tmp_path: Path, text: str, fw):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return load_data_table(path, fw)


# ------------------------------------------------------------------------------------ weight 0
def test_a_weight_of_0_keeps_the_indicator_in_the_data_threshold_count(tmp_path):
    # P = a (w 1), b (w 0), c (w 1), aggregated with COINr's dat_thresh = 0.6. Unit U2 has a and b but no c:
    # 2 of 3 children = 0.667 ≥ 0.6, so it scores, and b's weight 0 leaves the score a's alone.
    # Remove b instead and U2 has 1 of 2 = 0.5 < 0.6: no score. That is why 0 is not "remove".
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1,
               "indicators": [ind("a"), ind("b", weight=0), ind("c")]}]
    fw = load_framework(framework_yaml(tmp_path, groups, {"method": "arithmetic", "params": {"min_share": 0.6}}))
    data = table(tmp_path, "uCode,a,b,c\nU1,0,0,0\nU2,5,7,NA\nU3,10,10,10\n", fw)
    result = run_pipeline(fw, data)
    # min-max: a 0, 50, 100; b 0, 70, 100; c 0, NA, 100 → U2: (1·50 + 0·70) / (1 + 0) = 50
    assert same(result.aggregated["P"], [0, 50, 100])
    assert same(result.aggregated["index"], [0, 50, 100])
    assert fw.indicators["b"].effective_weight == 0

    groups[0]["indicators"] = [ind("a"), ind("c")]
    removed = load_framework(framework_yaml(tmp_path, groups, {"method": "arithmetic", "params": {"min_share": 0.6}},
                                            name="removed.yaml"))
    assert same(run_pipeline(removed, data[["a", "c"]]).aggregated["P"], [0, nan, 100])


def import_two(tmp_path: Path, data: str, weight_b: float = 1):
    """iMeta with indicators a and b (b weighted `weight_b`) under one pillar P, and iData, imported."""
    meta = (f"Level,iCode,iName,Direction,Weight,Parent,Type\n1,a,A,1,1,P,Indicator\n1,b,B,1,{weight_b},P,Indicator\n"
            "2,P,P,1,1,Index,Aggregate\n3,Index,Index,1,1,NA,Aggregate\n")
    (tmp_path / "m.csv").write_text(meta)
    (tmp_path / "d.csv").write_text(data)
    return import_coinr(tmp_path / "m.csv", tmp_path / "d.csv", tmp_path / "out")


def test_import_coinr_carries_a_weight_of_0(tmp_path):
    yaml_path, csv_path = import_two(tmp_path, "uCode,a,b\nU1,1,2\nU2,3,1\n", weight_b=0)
    fw = load_framework(yaml_path)
    assert fw.indicators["b"].spec.weight == 0
    assert same(run_pipeline(fw, load_data_table(csv_path, fw), "P1").aggregated["index"], [0, 100])


def test_a_group_whose_weights_are_all_0_is_refused_with_its_line(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1,
               "indicators": [ind("a", weight=0), ind("b", weight=0)]}]
    with pytest.raises(ScorerError) as caught:
        load_framework(framework_yaml(tmp_path, groups))
    assert "are all 0" in caught.value.problems[0].message
    assert caught.value.problems[0].location.line is not None


# --------------------------------------------------------------------------- per-level methods
def test_each_level_aggregates_with_its_own_method_parameters_and_threshold(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [ind("a"), ind("b", weight=3)]},
              {"id": "Q", "name_zh": "Q", "name_en": "Q", "weight": 2, "indicators": [ind("c"), ind("d")]}]
    aggregation = {"method": "arithmetic",
                   "levels": {2: {"method": "generalised", "params": {"p": 2, "min_share": 0.75}},
                              3: {"method": "geometric"}}}
    fw = load_framework(framework_yaml(tmp_path, groups, aggregation, {"method": "minmax", "params": {"l": 1, "u": 11}}))
    data = table(tmp_path, "uCode,a,b,c,d\nU1,0,0,0,0\nU2,5,10,NA,5\nU3,10,20,10,10\n", fw)
    got = run_pipeline(fw, data).aggregated
    # normalised (1–11): a 1, 6, 11; b 1, 6, 11; c 1, NA, 11; d 1, 6, 11
    # level 2, power mean p = 2 with weights (1, 3) for P; Q needs 75 % of its children: U2 has 1 of 2
    p_u2 = math.sqrt((1 * 6**2 + 3 * 6**2) / 4)
    assert same(got["P"], [1, p_u2, 11]) and same(got["Q"], [1, nan, 11])
    # level 3, weighted geometric mean of P (w 1/3) and Q (w 2/3); U2's Q is missing: P alone
    assert same(got["index"], [1, p_u2, 11])
    data.loc["U2", "c"] = 2.5  # now Q = sqrt((3.5² + 6²)/2) for U2
    got = run_pipeline(fw, data).aggregated
    q_u2 = math.sqrt((3.5**2 + 6**2) / 2)
    assert same(got["index"].loc["U2"], math.exp((math.log(p_u2) + 2 * math.log(q_u2)) / 3))


def test_a_level_outside_the_framework_is_named(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [ind("a")]}]
    with pytest.raises(ScorerError) as caught:
        load_framework(framework_yaml(tmp_path, groups, {"method": "arithmetic", "levels": {5: {"method": "geometric"}}}))
    assert "level 5" in caught.value.problems[0].message


# -------------------------------------------------------------- COINr's a_genmean and missing children
@pytest.mark.parametrize("missing_child, method, expected", [
    ("drop", "generalised", math.sqrt((4 + 3 * 16) / 4)),  # drop the missing child with its weight
    ("coinr", "generalised", nan),  # a_genmean: sum(w * x^p) without na.rm → NA
    ("na", "arithmetic", nan),
    ("coinr", "arithmetic", (2 + 3 * 4) / 4),  # a_amean drops NAs with their weights
])
def test_a_missing_child_is_dropped_or_makes_the_parent_missing(missing_child, method, expected):
    X = np.array([[2.0, 4.0, nan], [1.0, 1.0, 1.0]])
    w = np.array([1.0, 3.0, 2.0])
    params = {"p": 2} if method == "generalised" else {}
    got = aggregate(X, w, method, missing_child=missing_child, **params)
    assert same(got, [expected, 1.0])


def test_import_coinr_sets_coinrs_missing_child_behaviour(tmp_path):
    yaml_path, csv_path = import_two(tmp_path, "uCode,a,b\nU1,1,2\nU2,3,NA\nU3,5,4\n")
    fw = load_framework(yaml_path)
    assert fw.aggregation.params["missing_child"] == "coinr"
    data = load_data_table(csv_path, fw)
    assert same(run_pipeline(fw, data).aggregated["P"], [0, 50, 100])  # arithmetic: b dropped for U2
    generalised = fw.aggregation.model_copy(update={"method": "generalised", "params": {"p": 2, "missing_child": "coinr"}})
    got = run_pipeline(dataclasses.replace(fw, aggregation=generalised), data).aggregated["P"]
    assert np.isnan(got["U2"]) and same(got[["U1", "U3"]], [0, 100])


# ------------------------------------------------------------------------------ new normalisers
def test_borda_counts_the_units_below_with_ties_min():
    # COINr n_borda: rank(x, ties "min") − 1; direction −1 turns the column first
    assert same(normalise(col(3, 1, 3, nan, 2), [1], "borda"), col(2, 0, 2, nan, 1))
    assert same(normalise(col(3, 1, 3, nan, 2), [-1], "borda"), col(0, 3, 0, nan, 2))


def test_fracmax_divides_by_the_column_maximum():
    assert same(normalise(col(2, 8, nan, 4), [1], "fracmax"), col(0.25, 1, nan, 0.5))


def test_dist2ref_scores_the_reference_unit_1_and_the_worst_0():
    # COINr n_dist2ref: 1 − (x_ref − x)/(x_ref − min x); reference row 1 (value 6), min 2
    x = col(2, 6, 10, nan)
    assert same(normalise(x, [1], "dist2ref", iref=1), col(0, 1, 2, nan))
    assert same(normalise(x, [1], "dist2ref", iref=1, cap=True), col(0, 1, 1, nan))
    assert same(normalise(x, [-1], "dist2ref", iref=1), col(2, 1, 0, nan))  # −x: ref −6, min −10
    assert np.isnan(normalise(x, [1], "dist2ref", iref=3)).all()  # a reference without data: all NA


def test_dist2ref_in_a_framework_names_the_reference_unit_by_code(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [ind("a")]}]
    fw = load_framework(framework_yaml(tmp_path, groups, normalisation={"method": "dist2ref", "params": {"ref": "U2"}}))
    data = table(tmp_path, "uCode,a\nU1,2\nU2,6\nU3,10\n", fw)
    assert same(run_pipeline(fw, data).aggregated["a"], [0, 1, 2])
    bad = load_framework(framework_yaml(tmp_path, groups, normalisation={"method": "dist2ref", "params": {"ref": "XX"}},
                                        name="bad.yaml"))
    with pytest.raises(ScorerError, match="reference unit 'XX'"):
        run_pipeline(bad, data)


def test_goalposts_follow_coinrs_own_test_cases():
    # COINr tests/testthat/test-normalise.R: n_goalposts(1, c(0, 10, 1)) = 0.1, 11 → 1, −1 → 0, and
    # with direction −1 (the floor is the upper post): 1 → 0.9, −1 → 1, 11 → 0
    x = col(1, 11, -1)
    assert same(normalise(x, [1], "goalposts", floor=0, target=10, scale=1), col(0.1, 1, 0))
    assert same(normalise(x, [-1], "goalposts", floor=10, target=0, scale=1), col(0.9, 0, 1))
    assert same(normalise(x, [1], "goalposts", floor=0, target=10, scale=1, truncate=False), col(0.1, 1.1, -0.1))


def test_goalposts_take_a_scale_and_truncation_per_indicator(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [
        ind("a", normalise={"method": "goalposts", "params": {"lower": 0, "upper": 10, "scale": 1, "truncate": True}}),
        ind("b", normalise={"method": "goalposts", "params": {"lower": 0, "upper": 10, "scale": 10, "truncate": False}}),
        ind("c", direction="lower",
            normalise={"method": "goalposts", "params": {"lower": 0, "upper": 10, "scale": 1, "truncate": True}})]}]
    fw = load_framework(framework_yaml(tmp_path, groups, normalisation={"method": "goalposts"}))
    data = table(tmp_path, "uCode,a,b,c\nU1,1,1,1\nU2,11,11,11\nU3,-1,-1,-1\n", fw)
    got = run_pipeline(fw, data).aggregated
    assert same(got["a"], [0.1, 1, 0]) and same(got["b"], [1, 11, -1]) and same(got["c"], [0.9, 0, 1])


# ------------------------------------------------------------------------ treatment second steps
SKEWED_HIGH = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100], dtype=float)  # COINr's Treat example


def test_boxcox_fallback_matches_coinrs_formula_on_the_original_column():
    # winmax 0: no winsorising, so the pass check fails and Box-Cox runs on the original column
    x = SKEWED_HIGH
    res = treat(x[:, None], "winsorise", winmax=0, fallback="boxcox", **{"lambda": 0.5})
    shifted = x - x.min() + 1
    assert same(res.data[:, 0], (shifted**0.5 - 1) / 0.5)
    assert res.details.at[0, "treatment"] == "boxcox"
    res0 = treat(x[:, None], "winsorise", winmax=0, fallback="boxcox", **{"lambda": 0, "makepos": False})
    assert same(res0.data[:, 0], np.log(x))


def test_log_ct_plus_mirrors_a_long_low_tail():
    x = -SKEWED_HIGH  # skew < 0
    res = treat(x[:, None], "winsorise", winmax=0, fallback="log_CT_plus")
    a = 0.01 * (x.max() - x.min())
    assert same(res.data[:, 0], -np.log(x.max() + a - x))
    up = treat(SKEWED_HIGH[:, None], "winsorise", winmax=0, fallback="log_CT_plus")
    assert same(up.data[:, 0], np.log(SKEWED_HIGH - 1 + 0.01 * 99))  # skew > 0: log_CT


def test_the_pass_check_and_the_winsorising_loop_have_their_own_thresholds():
    x = SKEWED_HIGH
    skew, kurt = (v[0] for v in skew_kurt(x[:, None]))
    assert skew > 2 and kurt > 3.5
    # The loop stops as soon as ITS check passes; with the same thresholds it moves one point, 100 → 30,
    # as in COINr's example of Treat …
    loose_loop = treat(x[:, None], "winsorise", skew_thresh=100, kurt_thresh=100, pass_skew_thresh=2,
                       pass_kurt_thresh=3.5)
    assert loose_loop.details.at[0, "winsorised"] == 0  # the loop's check passes at once: nothing moved
    assert loose_loop.details.at[0, "treatment"] == "log"  # the pass check (2, 3.5) still fails: log_CT
    same_thresholds = treat(x[:, None], "winsorise")
    assert same_thresholds.details.at[0, "winsorised"] == 1 and same_thresholds.details.at[0, "treatment"] == "winsorise"
    # … and the pass check decides whether treatment starts at all.
    lenient_check = treat(x[:, None], "winsorise", pass_skew_thresh=10)
    assert lenient_check.details.at[0, "treatment"] == "none" and same(lenient_check.data[:, 0], x)


# ---------------------------------------------------------------------------------- exact ties
def test_units_with_identical_data_tie_exactly_and_share_the_best_rank(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [ind(c) for c in "abc"]},
              {"id": "Q", "name_zh": "Q", "name_en": "Q", "weight": 1, "indicators": [ind("d"), ind("e", weight=0.3)]}]
    fw = load_framework(framework_yaml(tmp_path, groups))
    row = "0.1,0.7,0.3,0.9,0.11"
    data = table(tmp_path, f"uCode,a,b,c,d,e\nU1,0,0,0,0,0\nU2,{row}\nU3,{row}\nU4,1,1,1,1,1\n", fw)
    result = run_pipeline(fw, data)
    scores = result.aggregated.loc[["U2", "U3"]]
    assert (scores.iloc[0] == scores.iloc[1]).all()  # bit-identical, not merely close
    assert result.ranks.loc["U2", "index"] == result.ranks.loc["U3", "index"] == 2
    assert result.ranks.loc["U1", "index"] == 4  # 'min' ties: ranks 1, 2, 2, 4


def test_groups_of_a_level_with_different_numbers_of_children_keep_their_own_shares(tmp_path):
    groups = [{"id": "P", "name_zh": "P", "name_en": "P", "weight": 1, "indicators": [ind("a"), ind("b"), ind("c")]},
              {"id": "Q", "name_zh": "Q", "name_en": "Q", "weight": 1, "indicators": [ind("d")]}]
    for params in ({"min_share": 0.5}, {"missing_child": "na"}):
        fw = load_framework(framework_yaml(tmp_path, groups, {"method": "arithmetic", "params": params}))
        data = table(tmp_path, "uCode,a,b,c,d\nU1,0,0,0,0\nU2,NA,NA,5,5\nU3,10,10,10,10\n", fw)
        got = run_pipeline(fw, data).aggregated
        # P for U2: 1 of 3 children < 0.5 (or a missing child under 'na') → missing; Q has its one child
        assert same(got["P"], [0, nan, 100]) and same(got["Q"], [0, 50, 100]), params


def test_one_call_per_level_gives_the_same_bits_as_one_call_per_group(tmp_path):
    from scorer.score import core

    rng = np.random.default_rng(3)
    sizes = [1, 4, 2, 7, 3]
    groups = [{"id": f"G{g}", "name_zh": "g", "name_en": "g", "weight": float(rng.uniform(0.5, 2)),
               "indicators": [ind(f"i{g}_{k}", weight=float(rng.uniform(0, 2))) for k in range(n)]}
              for g, n in enumerate(sizes)]
    fw = load_framework(framework_yaml(tmp_path, groups, {"method": "generalised", "params": {"p": 0.5, "min_share": 0.4}}))
    S = rng.uniform(1, 100, size=(40, sum(sizes)))
    S[rng.random(S.shape) < 0.25] = nan
    plan = core.plan_for(fw)
    assert np.array_equal(core.aggregate_array(fw, S, plan=plan), core._aggregate_by_group(fw, S, None, plan),
                          equal_nan=True)


def test_a_column_left_without_spread_by_winsorising_is_returned_untreated_as_in_coinr():
    # Winsorising 100 → 1 leaves eleven 1s and a 1: no spread, so skew and kurtosis cannot be computed
    # and COINr's Treat warns "f_pass has returned NA. Returning untreated vector."
    x = np.array([1.0] * 11 + [100.0])
    res = treat(x[:, None], "winsorise")
    assert same(res.data[:, 0], x)
    assert res.details.at[0, "treatment"] == "undecided" and res.points.empty
