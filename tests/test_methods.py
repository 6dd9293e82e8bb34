"""The swappable methods on hand-computed cases, the pipeline keys of the framework YAML, and the COINr import."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scorer.score.coinr import PIPELINES, PipelineSpec, import_coinr, load_data_table, run_pipeline
from scorer.errors import ScorerError
from scorer.framework.model import MethodSpec, load_framework
from scorer.methods.aggregate import NonPositiveValueError, aggregate
from scorer.methods.impute import impute
from scorer.methods.normalise import normalise
from scorer.methods.rank import rank_scores, rank_stats
from scorer.methods.treat import skew_kurt, treat
from scorer.methods.weights import effective_weights, framework_tree, rescale_within_groups

DATA = Path(__file__).parent / "data" / "coinr-asem"
nan = np.nan


def col(*values) -> np.ndarray:
    return np.array(values, dtype=float)[:, None]


def same(a, b) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-12, atol=1e-12, equal_nan=True)


@pytest.fixture(scope="module")
def asem(tmp_path_factory):
    yaml_path, csv_path = import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", tmp_path_factory.mktemp("asem"))
    framework = load_framework(yaml_path)
    return framework, load_data_table(csv_path, framework), yaml_path


# ------------------------------------------------------------------------------- normalisation
def test_minmax_turns_a_lower_is_better_column_around_and_keeps_gaps():
    assert same(normalise(col(1, 3, nan, 5), [-1], "minmax"), col(100, 50, nan, 0))


def test_zscore_uses_the_sample_sd_and_ignores_gaps():
    sd = math.sqrt(5 / 3)  # of 1, 2, 3, 4 with n − 1
    expected = col(*[(x - 2.5) / sd * 2 + 10 for x in (1, 2, 3, 4)], nan)
    assert same(normalise(col(1, 2, 3, 4, nan), [1], "zscore", m=10, s=2), expected)


def test_dist2targ_measures_from_the_worst_unit_to_each_columns_target():
    X = np.column_stack([[2, 4, 6, 10], [2, 4, 6, 10]]).astype(float)
    # higher is better, target 8: (x − 2)/(8 − 2); lower is better, target 3: (10 − x)/(10 − 3)
    expected = np.column_stack([[0, 1 / 3, 2 / 3, 4 / 3], [8 / 7, 6 / 7, 4 / 7, 0]])
    assert same(normalise(X, [1, -1], "dist2targ", target=[8, 3]), expected)
    assert same(normalise(X, [1, -1], "dist2targ", target=[8, 3], cap=True), np.minimum(expected, 1))


def test_fixed_bounds_score_against_the_bounds_not_the_other_units():
    X = np.column_stack([[0, 50, 100, 250], [0, 50, 100, 250]]).astype(float)
    out = normalise(X, [1, -1], "fixed", lower=0, upper=200)
    assert same(out, np.column_stack([[0, 25, 50, 125], [100, 75, 50, -25]]))
    assert same(normalise(X, [1, -1], "fixed", lower=0, upper=200, clip=True)[3], [100, 0])


def test_rank_and_percentile_rank_give_ties_the_lowest_rank():
    x = col(3, 1, 3, nan, 2)
    assert same(normalise(x, [1], "rank"), col(3, 1, 3, nan, 2))
    assert same(normalise(x, [-1], "rank"), col(1, 4, 1, nan, 3))
    assert same(normalise(x, [1], "prank"), col(2 / 3, 0, 2 / 3, nan, 1 / 3))


def test_goalposts_still_carry_the_direction_in_floor_and_target():
    assert same(normalise(col(0.5, 1.0, 2.0), [-1], "goalposts", floor=1.5, target=0.5), col(100, 50, 0))


def test_an_unknown_normalisation_names_the_ones_available():
    with pytest.raises(ValueError, match="available: .*zscore"):
        normalise(col(1, 2), [1], "zscores")


# --------------------------------------------------------------------------------- aggregation
def test_arithmetic_mean_drops_missing_children_with_their_weights():
    assert same(aggregate(np.array([[10, nan, 40], [nan, nan, nan]]), [1, 1, 2], "arithmetic"), [30, nan])


def test_geometric_mean_by_hand():
    assert same(aggregate(np.array([[1.0, 4.0], [2.0, nan]]), [1, 1], "geometric"), [2, 2])
    assert same(aggregate(np.array([[2.0, nan, 8.0]]), [1, 5, 1], "geometric"), [4])


def test_harmonic_mean_by_hand():
    # Σw / Σ(w/x) = 4 / (1 + 0.5 + 0.5)
    assert same(aggregate(np.array([[1.0, 2.0, 4.0]]), [1, 1, 2], "harmonic"), [2])


@pytest.mark.parametrize("p, expected", [
    (2, math.sqrt((1 * 1 + 3 * 4) / 4)),  # x = 1, 2; w = 1, 3
    (3, ((1 + 3 * 8) / 4) ** (1 / 3)),
    (1, (1 + 3 * 2) / 4),
    (-1, 4 / (1 + 3 / 2)),
    (0, math.exp(3 * math.log(2) / 4)),
])
def test_generalised_mean_by_hand(p, expected):
    assert same(aggregate(np.array([[1.0, 2.0]]), [1, 3], "generalised", p=p), [expected])


def test_a_geometric_mean_over_zero_raises_a_value_error_that_says_where():
    X = np.array([[5.0, 3.0, 2.0], [4.0, 0.0, 1.0]])
    with pytest.raises(NonPositiveValueError) as caught:
        aggregate(X, [1, 1, 1], "geometric")
    err = caught.value
    assert isinstance(err, ValueError)
    assert (err.column, err.unit, err.value) == (1, 1, 0.0)
    assert "strictly positive" in str(err) and "l: 1, u: 100" in err.hint
    assert err.naming("Ship").child == "Ship" and "'Ship'" in str(err.naming("Ship"))


@pytest.mark.parametrize("method, params", [("harmonic", {}), ("generalised", {"p": -2}), ("geometric", {})])
def test_means_that_need_positive_values_refuse_negative_ones(method, params):
    with pytest.raises(NonPositiveValueError):
        aggregate(np.array([[1.0, -2.0]]), [1, 1], method, **params)


def test_the_engine_names_the_indicator_and_hints_at_a_floor(asem):
    framework, data, _ = asem
    minmax_then_geometric = PipelineSpec(MethodSpec(method="minmax", params={"l": 0, "u": 100}),
                                         MethodSpec(method="geometric"))
    with pytest.raises(ScorerError) as caught:
        run_pipeline(framework, data, minmax_then_geometric)
    (problem,) = caught.value.problems
    named = [i for i in framework.indicators if f"'{i}'" in problem.message]
    assert len(named) == 1 and "value of 0" in problem.message and "unit " in problem.message
    assert problem.location.file == framework.path
    assert "l: 1, u: 100" in problem.hint


def test_min_share_blanks_units_with_too_few_children():
    X = np.array([[1, nan, nan], [1, 2, nan], [1, 2, 3]], dtype=float)
    assert same(aggregate(X, [1, 1, 1], "arithmetic", min_share=0.5), [nan, 1.5, 2])
    assert same(aggregate(X, [1, 1, 1], "arithmetic", min_share=2 / 3), [nan, 1.5, 2])  # at the share: kept
    assert same(aggregate(X, [1, 1, 1], "arithmetic", min_share=0.7), [nan, nan, 2])


def test_min_share_leaves_out_a_unit_before_the_method_can_object_to_it():
    X = np.array([[0.0, nan, nan], [1.0, 2.0, 4.0]])
    assert same(aggregate(X, [1, 1, 1], "geometric", min_share=0.5), [nan, 2])


def test_many_weight_sets_aggregate_in_one_call_as_if_one_by_one():
    rng = np.random.default_rng(3)
    X = rng.uniform(1, 100, size=(7, 4))
    X[2, 1] = nan
    W = rng.uniform(0.5, 1.5, size=(5, 4))
    for method in ("arithmetic", "geometric", "harmonic"):
        together = aggregate(X, W, method)
        assert together.shape == (5, 7)
        assert same(together, [aggregate(X, w, method) for w in W])
        stacked = np.stack([X] * 5)  # variants × units × children, as at the levels above
        assert same(aggregate(stacked, W, method), together)


def test_units_with_identical_children_get_identical_scores():
    row = [0.1, 0.7, 0.2, 0.3, 0.9, 0.4, 0.5, 0.6, 0.8]
    out = aggregate(np.array([row, row[::-1], row]), np.arange(1, 10), "arithmetic")
    assert out[0] == out[2]


# ---------------------------------------------------------------------------------- imputation
def test_column_mean_and_median_fill_gaps_and_say_which():
    X = np.array([[1, nan, nan], [3, 4, nan], [nan, 8, nan], [5, 9, nan]], dtype=float)
    filled, mask = impute(X, "mean")
    assert same(filled, [[1, 7, nan], [3, 4, nan], [3, 8, nan], [5, 9, nan]])
    assert mask.tolist() == [[False, True, False], [False, False, False], [True, False, False], [False, False, False]]
    filled, _ = impute(X, "median")
    assert same(filled[:, :2], [[1, 8], [3, 4], [3, 8], [5, 9]])


def test_group_mean_and_median_fill_from_the_units_own_group():
    X = col(1, 3, nan, 10, 20, 60, nan, nan)
    groups = ["a", "a", "a", "b", "b", "b", "b", None]
    filled, mask = impute(X, "group_mean", groups=groups)
    assert same(filled, col(1, 3, 2, 10, 20, 60, 30, nan))  # no group: the gap stays
    assert mask[:, 0].tolist() == [False, False, True, False, False, False, True, False]
    filled, _ = impute(X, "group_median", groups=groups)
    assert same(filled, col(1, 3, 2, 10, 20, 60, 20, nan))


def test_group_imputation_needs_the_groups():
    with pytest.raises(ValueError, match="group label per unit"):
        impute(col(1, nan), "group_mean")


def test_no_imputation_leaves_the_gaps():
    filled, mask = impute(col(1, nan), "none")
    assert same(filled, col(1, nan)) and not mask.any()


def test_group_imputation_runs_from_the_yaml_by_column_name(asem):
    framework, data, _ = asem
    spec = PipelineSpec(PIPELINES["P1"].normalisation, PIPELINES["P1"].aggregation,
                        imputation=MethodSpec(method="group_mean", params={"group": "EurAsia_group"}))
    result = run_pipeline(framework, data, spec)
    by_hand = data.groupby("EurAsia_group")["ConSpeed"].transform("mean")
    gaps = data["ConSpeed"].isna()
    assert gaps.sum() == 8 and same(result.imputed.loc[gaps, "ConSpeed"], by_hand[gaps])
    assert result.imputed_mask["ConSpeed"].equals(gaps)


def test_group_imputation_by_a_column_the_data_lack_is_a_user_error(asem):
    framework, data, _ = asem
    spec = PipelineSpec(PIPELINES["P1"].normalisation, PIPELINES["P1"].aggregation,
                        imputation=MethodSpec(method="group_mean", params={"group": "Continent"}))
    with pytest.raises(ScorerError, match="no column 'Continent'"):
        run_pipeline(framework, data, spec)


# ----------------------------------------------------------------------------------- treatment
BASE = np.arange(1, 21, dtype=float)
TIED = np.r_[BASE, 200, 200]  # fails; its two top points are tied
STUBBORN = np.r_[BASE, 1000, 1000.5]  # fails even after one point is winsorised
LOW = np.r_[BASE, -200, 15]  # fails on the low side


def test_skew_and_kurtosis_are_the_sample_adjusted_ones():
    # 1, 2, 3, 4, 10: deviations −3 −2 −1 0 6, so Σd² = 50, Σd³ = 180, Σd⁴ = 1394 (n = 5);
    # skew = √5·180/50^1.5 · √20/3 = 6√2/5; kurtosis = ((6·(5·1394/2500 − 3) + 6)·4/6 = 3.152 (= Excel's)
    skew, kurt = skew_kurt(np.column_stack([[1, 2, 3, 4, 10, nan], [1, 2, 3, nan, nan, nan]]))
    assert same(skew, [6 * math.sqrt(2) / 5, 0]) and same(kurt, [3.152, nan])  # kurtosis needs 4 points


def test_tied_points_are_winsorised_and_counted_together():
    t = treat(TIED[:, None], names=["tied"], winmax=1)
    assert t.points[["unit", "treatment", "before", "after"]].values.tolist() == [[20, "winhi", 200.0, 20.0],
                                                                                 [21, "winhi", 200.0, 20.0]]
    assert t.details.loc[0, "winsorised"] == 2 and t.details.loc[0, "pass_winsorised"] == 1


def test_low_outliers_are_winsorised_at_the_bottom():
    t = treat(LOW[:, None], names=["low"])
    assert t.points[["unit", "treatment", "after"]].values.tolist() == [[20, "winlo", 1.0]]


def test_a_column_still_failing_at_winmax_is_logged_from_its_original_values():
    t = treat(STUBBORN[:, None], names=["stubborn"], winmax=1)
    expected = np.log(STUBBORN - 1 + 0.01 * (1000.5 - 1))
    assert same(t.data[:, 0], expected)
    assert (t.points["treatment"] == "log").sum() == 22 and same(t.points["before"], STUBBORN)
    assert t.details.loc[0, "treatment"] == "log" and t.details.loc[0, "pass_log"] == 0


def test_overrides_skip_an_indicator_or_change_its_thresholds():
    X = np.column_stack([TIED, STUBBORN])
    t = treat(X, names=["tied", "stubborn"], overrides={"tied": "none", "stubborn": {"kurt_thresh": 10}})
    assert same(t.data, X) and t.points.empty
    assert t.details["treatment"].tolist() == ["skip", "none"]


def test_the_log_fallback_can_be_turned_off():
    t = treat(STUBBORN[:, None], names=["stubborn"], winmax=1, fallback="none")
    assert t.details.loc[0, "treatment"] == "winsorise" and t.details.loc[0, "pass_winsorised"] == 0
    assert t.points["treatment"].tolist() == ["winhi"]


def test_an_override_for_an_unknown_indicator_is_an_error():
    with pytest.raises(ValueError, match="unknown indicator 'Tarif'"):
        treat(TIED[:, None], names=["Tariff"], overrides={"Tarif": "none"})


def test_a_column_without_spread_is_left_alone():
    t = treat(np.column_stack([np.full(10, 3.0), np.r_[BASE[:9], nan]]), names=["flat", "fine"])
    assert t.details["treatment"].tolist() == ["undecided", "none"] and t.points.empty


# ------------------------------------------------------------------------------ ranks, weights
def test_ranks_put_the_highest_first_share_ties_and_keep_gaps():
    assert same(rank_scores(np.array([10, 30, 30, nan, 20])), [4, 1, 1, nan, 3])


def test_rank_statistics_interpolate_quantiles_linearly():
    stats = rank_stats(np.array([[1, 2, 3, 4]]), axis=1)
    assert same([stats["mean"][0], stats["median"][0], stats["q5"][0], stats["q95"][0]], [2.5, 2.5, 1.15, 3.85])


def test_weights_are_rescaled_within_each_group_for_every_variant():
    w = np.array([[1, 3, 2, 2], [1, 1, 4, 1]], dtype=float)
    assert same(rescale_within_groups(w, ["a", "a", "b", "b"]), [[0.25, 0.75, 0.5, 0.5], [0.5, 0.5, 0.8, 0.2]])


def test_effective_weights_match_the_frameworks_and_sum_to_one(asem):
    framework, _, _ = asem
    codes, parents, nominal = framework_tree(framework)
    eff = effective_weights(nominal, codes, parents)
    inds = [k for k, c in enumerate(codes) if c in framework.indicators]
    assert same(eff[inds], [framework.indicators[codes[k]].effective_weight for k in inds])
    assert math.isclose(eff[inds].sum(), 1.0)
    assert same(eff[codes.index("LPI")], 1 / 2 * 1 / 5 * 1 / 8)  # Conn of 2, Physical of 5, LPI of 8
    variants = np.vstack([nominal, nominal * np.linspace(0.5, 1.5, len(nominal))])
    assert same(effective_weights(variants, codes, parents)[:, inds].sum(axis=1), [1, 1])


# -------------------------------------------------------------------- pipeline keys in the YAML
def with_steps(yaml_path: Path, tmp_path: Path, steps: str) -> Path:
    text = yaml_path.read_text(encoding="utf-8").replace("normalisation:", steps + "normalisation:", 1)
    out = tmp_path / "framework.yaml"
    out.write_text(text, encoding="utf-8")
    return out


def test_imputation_and_treatment_named_in_the_yaml_run_in_coinrs_order(asem, tmp_path):
    framework, data, yaml_path = asem
    fw = load_framework(with_steps(yaml_path, tmp_path, "imputation:\n  method: mean\ntreatment:\n  method: winsorise\n"))
    assert fw.imputation.method == "mean" and fw.treatment.method == "winsorise"
    from_yaml, p4 = run_pipeline(fw, data), run_pipeline(framework, data, "P4")
    assert from_yaml.aggregated.equals(p4.aggregated)
    assert from_yaml.treatment.points.equals(p4.treatment.points)


@pytest.mark.parametrize("steps, message", [
    ("imputation:\n  method: average\n", "unknown imputation method 'average'"),
    ("treatment:\n  method: winsorize\n", "unknown treatment method 'winsorize'"),
    ("treatment:\n  method: winsorise\n  params:\n    overrides:\n      Tarif: none\n",
     "treatment override for unknown indicator 'Tarif'"),
])
def test_unknown_steps_in_the_yaml_are_reported_with_their_line(asem, tmp_path, steps, message):
    _, _, yaml_path = asem
    with pytest.raises(ScorerError) as caught:
        load_framework(with_steps(yaml_path, tmp_path, steps))
    problem = caught.value.problems[0]
    assert message in problem.message and problem.location.line is not None


def test_dist2targ_takes_the_targets_from_the_yaml(asem, tmp_path):
    framework, data, yaml_path = asem
    text = yaml_path.read_text(encoding="utf-8").replace("method: minmax\n  params:\n    l: 0\n    u: 100",
                                                         "method: dist2targ\n  params:\n    cap: true")
    (tmp_path / "framework.yaml").write_text(text, encoding="utf-8")
    fw = load_framework(tmp_path / "framework.yaml")
    scores = run_pipeline(fw, data).aggregated
    lpi, target = data["LPI"], fw.indicators["LPI"].target.value
    assert same(scores["LPI"], np.minimum((lpi - lpi.min()) / (target - lpi.min()), 1))
    tariff, t = -data["Tariff"], -fw.indicators["Tariff"].target.value  # lower is better
    assert same(scores["Tariff"], np.minimum((tariff - tariff.min()) / (t - tariff.min()), 1))


# -------------------------------------------------------------------------------- COINr import
def test_the_import_writes_a_framework_that_loads_with_coinrs_tree(asem):
    framework, data, yaml_path = asem
    assert len(framework.indicators) == 49 and framework.top_groups == ["Conn", "Sust"]
    assert sum(1 for g in framework.groups.values() if g.level == 2) == 8
    assert sum(1 for i in framework.indicators.values() if i.direction == "lower") == 14
    assert framework.meta.fields is None and framework.meta.weights == "relative"
    assert framework.indicators["LPI"].target.value == 4.11803135
    assert "COINr iMeta" in framework.indicators["LPI"].target.source
    assert framework.meta.index_name_en == "Sustainable Connectivity"
    assert list(data.columns[:5]) == ["uName", "GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"]


def test_the_data_table_keeps_every_raw_value_exactly(asem):
    _, data, _ = asem
    raw = pd.read_csv(DATA / "ASEM_iData.csv", dtype=str, keep_default_na=False).set_index("uCode")
    for code in ("Research", "Flights", "UNVote", "FemLab"):
        expected = [nan if v == "NA" else float(v) for v in raw[code]]
        assert np.array_equal(data[code].to_numpy(), np.array(expected), equal_nan=True)


def exact_csv(path: Path) -> pd.DataFrame:
    """A CSV with every number parsed by Python's correctly rounded float()."""
    def cell(v: str):
        try:
            return nan if v == "NA" else float(v)
        except ValueError:
            return v
    return pd.read_csv(path, dtype=str, keep_default_na=False).map(cell)


def test_an_excel_pair_imports_to_the_same_framework_and_data(asem, tmp_path):
    framework, data, _ = asem
    with pd.ExcelWriter(tmp_path / "asem.xlsx") as book:
        exact_csv(DATA / "ASEM_iMeta.csv").to_excel(book, sheet_name="iMeta", index=False)
        exact_csv(DATA / "ASEM_iData.csv").to_excel(book, sheet_name="iData", index=False)
    yaml_path, csv_path = import_coinr(tmp_path / "asem.xlsx", tmp_path / "asem.xlsx", tmp_path / "out")
    fw = load_framework(yaml_path)
    assert list(fw.indicators) == list(framework.indicators) and list(fw.groups) == list(framework.groups)
    from_excel = load_data_table(csv_path, fw)
    inds = list(fw.indicators)
    assert from_excel.drop(columns=inds).equals(data.drop(columns=inds))
    # Workbook writers keep 16 significant digits, one short of a round trip for every double.
    assert np.allclose(from_excel[inds], data[inds], rtol=1e-15, atol=0, equal_nan=True)


META = """Level,iCode,iName,Direction,Weight,Parent,Type
1,a,A,1,1,P,Indicator
1,b,B,-1,1,P,Indicator
1,c,C,1,1,Q,Indicator
2,P,Pillar P,1,1,Index,Aggregate
2,Q,Pillar Q,1,1,Index,Aggregate
3,Index,Index,1,1,NA,Aggregate
"""
DATA_TEXT = """uCode,a,b,c
U1,1,2,3
U2,4,5,6
U3,7,NA,9
"""


def write_pair(tmp_path: Path, meta: str = META, data: str = DATA_TEXT) -> tuple[Path, Path]:
    (tmp_path / "iMeta.csv").write_text(meta, encoding="utf-8")
    (tmp_path / "iData.csv").write_text(data, encoding="utf-8")
    return tmp_path / "iMeta.csv", tmp_path / "iData.csv"


def problems_of(tmp_path: Path, meta: str = META, data: str = DATA_TEXT) -> list:
    with pytest.raises(ScorerError) as caught:
        import_coinr(*write_pair(tmp_path, meta, data), tmp_path / "out")
    return caught.value.problems


def test_a_small_pair_imports_and_scores(tmp_path):
    yaml_path, csv_path = import_coinr(*write_pair(tmp_path), tmp_path / "out")
    fw = load_framework(yaml_path)
    result = run_pipeline(fw, load_data_table(csv_path, fw), "P1")
    # P: a 0, 50, 100 and b (lower is better, 2 and 5) 100, 0, NA; Q: c 0, 50, 100
    assert same(result.aggregated["P"], [50, 25, 100]) and same(result.aggregated["index"], [25, 37.5, 100])
    assert same(result.ranks["index"], [3, 2, 1])


def test_indicators_straight_under_the_index_become_one_group(tmp_path):
    two_levels = ("Level,iCode,Direction,Weight,Parent,Type\n1,a,1,1,Index,Indicator\n"
                  "1,b,1,3,Index,Indicator\n2,Index,1,1,NA,Aggregate\n")
    pair = write_pair(tmp_path, two_levels, "uCode,a,b\nU1,0,0\nU2,10,20\n")
    yaml_path, csv_path = import_coinr(*pair, tmp_path / "out")
    fw = load_framework(yaml_path)
    assert fw.top_groups == ["Index"]
    assert same(run_pipeline(fw, load_data_table(csv_path, fw), "P1").aggregated["index"], [0, 100])


@pytest.mark.parametrize("meta, data, message, line", [
    (META.replace(",Parent,", ",Mother,"), DATA_TEXT, "iMeta has no column 'Parent'", 1),
    (META.replace("1,c,C,1,1,Q", "1,c,C,1,1,R"), DATA_TEXT, "Parent 'R' is not an aggregate", 4),
    (META.replace("2,Q,Pillar Q,1,1,Index", "2,Q,Pillar Q,1,1,P"), DATA_TEXT, "has Parent 'P' at Level 2", 6),
    (META.replace("1,b,B,-1,1", "1,b,B,2,1"), DATA_TEXT, "Direction must be 1 or -1", 3),
    (META.replace("1,b,B,-1,1", "1,b,B,-1,-1"), DATA_TEXT, "must be a number, 0 or above", 3),
    (META, DATA_TEXT.replace("U2,4,5,6", "U2,4,five,6"), "'five' in column 'b' is not a number", 3),
    (META, DATA_TEXT.replace(",c\n", ",d\n"), "indicator 'c' (iMeta", 1),
])
def test_import_problems_name_the_file_and_row(tmp_path, meta, data, message, line):
    found = problems_of(tmp_path, meta, data)
    match = [p for p in found if message in p.message]
    assert match, [p.message for p in found]
    assert match[0].location.line == line and match[0].location.file is not None


def test_a_parent_cycle_is_named(tmp_path):
    meta = (META.replace("2,P,Pillar P,1,1,Index", "2,P,Pillar P,1,1,Q")
            .replace("2,Q,Pillar Q,1,1,Index", "2,Q,Pillar Q,1,1,P"))
    messages = [p.message for p in problems_of(tmp_path, meta)]
    assert any("cycle: P → Q → P" in m or "cycle: Q → P → Q" in m for m in messages)


def test_every_problem_is_reported_at_once(tmp_path):
    found = problems_of(tmp_path, META.replace("1,b,B,-1,1", "1,b,B,2,1").replace("1,c,C,1,1,Q", "1,c,C,1,1,R"))
    assert len(found) >= 2


def test_a_non_number_in_an_excel_sheet_names_sheet_and_cell(tmp_path):
    with pd.ExcelWriter(tmp_path / "pair.xlsx") as book:
        pd.read_csv(pd.io.common.StringIO(META)).to_excel(book, sheet_name="iMeta", index=False)
        pd.read_csv(pd.io.common.StringIO(DATA_TEXT.replace("U2,4,5,6", "U2,4,n/a?,6"))).to_excel(
            book, sheet_name="iData", index=False)
    with pytest.raises(ScorerError) as caught:
        import_coinr(tmp_path / "pair.xlsx", tmp_path / "pair.xlsx", tmp_path / "out")
    where = caught.value.problems[0].location
    assert (where.sheet, where.cell) == ("iData", "C3")
