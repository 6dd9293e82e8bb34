"""import-coinr carries COINr's per-indicator normalisation columns and panels; panels score from the CLI.

Expected numbers come from COINr's own definitions (n_goalposts, a_amean, impute_panel in COINr
1.1.14), computed here independently of the engine."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.methods.impute import impute_over_time
from scorer.methods.rank import rank_scores
from scorer.score.coinr import import_coinr, load_data_table, run_panel, run_pipeline
from tests.conftest import run_cli
from tests.test_methods import META

DATA = Path(__file__).parent / "data" / "coinr-asem"
nan = np.nan


def same(a, b, atol=1e-12) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=0, atol=atol, equal_nan=True)


# ------------------------------------------------------------------ goalposts from iMeta, as in COINr
@pytest.fixture(scope="module")
def asem_goalposts(tmp_path_factory):
    """COINr's own goalposts example on ASEM (tests/testthat/test-normalise.R, "iMeta_norm_paras"):
    posts 5 % of the range inside each indicator's min and max, scale 1 but 10 for Flights, truncated
    except Goods."""
    meta = pd.read_csv(DATA / "ASEM_iMeta.csv")
    data = pd.read_csv(DATA / "ASEM_iData.csv")
    inds = meta.loc[meta["Type"] == "Indicator", "iCode"].tolist()
    lo, hi = data[inds].min(), data[inds].max()
    meta["goalpost_scale"], meta["goalpost_trunc2posts"] = 1, "TRUE"
    meta["goalpost_lower"] = meta["iCode"].map(lo + 0.05 * (hi - lo))
    meta["goalpost_upper"] = meta["iCode"].map(hi - 0.05 * (hi - lo))
    meta.loc[meta["iCode"] == "Flights", "goalpost_scale"] = 10
    meta.loc[meta["iCode"] == "Goods", "goalpost_trunc2posts"] = "FALSE"
    tmp = tmp_path_factory.mktemp("gp")
    meta.to_csv(tmp / "iMeta.csv", index=False, float_format="%.17g")
    imported = import_coinr(tmp / "iMeta.csv", DATA / "ASEM_iData.csv", tmp / "out")
    framework = load_framework(imported.framework_path)
    return framework, load_data_table(imported.data_path, framework), meta.set_index("iCode"), imported


def n_goalposts(x, lower, upper, scale, direction, trunc2posts):
    """COINr 1.1.14 n_goalposts after Normalise's x·direction and get_iMeta_norm_paras's posts."""
    if direction == -1:  # posts become (−upper, −lower); x arrives as −x
        y = (-x - (-upper)) / (-lower - (-upper))
    else:
        y = (x - lower) / (upper - lower)
    if trunc2posts:
        y = y.clip(0, 1)
    return y * scale


def test_a_goalposts_imeta_imports_every_indicators_posts(asem_goalposts):
    framework, _, meta, imported = asem_goalposts
    spec = framework.indicators["Flights"].spec.normalise
    assert spec.method == "goalposts" and spec.params["scale"] == 10
    assert framework.indicators["Goods"].spec.normalise.params["truncate"] is False
    assert all(i.spec.normalise.params["lower"] == pytest.approx(meta.at[i.id, "goalpost_lower"], rel=1e-15)
               for i in framework.indicators.values())
    assert not any("goalpost" in w.message for w in imported.warnings)


def test_a_goalposts_imeta_scores_as_coinr_does(asem_goalposts):
    framework, data, meta, _ = asem_goalposts
    got = run_pipeline(framework, data)
    expected = pd.DataFrame({
        i: n_goalposts(data[i], meta.at[i, "goalpost_lower"], meta.at[i, "goalpost_upper"], meta.at[i, "goalpost_scale"],
                       meta.at[i, "Direction"], meta.at[i, "goalpost_trunc2posts"] == "TRUE")
        for i in framework.indicators})
    assert same(got.aggregated[list(framework.indicators)], expected)
    # COINr's a_amean, level by level: NA children dropped with their weights (all weights are 1)
    for level in (2, 3, 4):
        for code in meta.index[meta["Level"] == level]:
            children = meta.index[meta["Parent"] == code]
            expected[code] = expected[children].mean(axis=1, skipna=True)
    assert same(got.aggregated.rename(columns={"index": "Index"})[expected.columns], expected)
    assert (got.ranks["index"] == rank_scores(expected["Index"].to_numpy())).all()
    # COINr's own checks: LPI (Direction 1) and Tariff (Direction −1) against n_goalposts
    assert got.aggregated["Goods"].max() > 1  # not truncated: the unit above the upper post scores above 1
    assert got.aggregated["Flights"].max() == 10


def test_a_named_pipeline_overrides_the_imported_goalposts(asem_goalposts):
    framework, data, _, _ = asem_goalposts
    p1 = run_pipeline(framework, data, "P1")  # min-max everywhere: COINr's P1 reference, not goalposts
    theirs = pd.read_csv(DATA / "P1_aggregated.csv", index_col=0)
    assert same(p1.aggregated.loc[theirs.index, "index"], theirs["Index"], atol=1e-9)
    assert not same(p1.aggregated["index"], run_pipeline(framework, data).aggregated["index"], atol=1e-3)


def test_columns_for_two_methods_ask_which_and_the_other_is_warned_about(tmp_path):
    meta = pd.read_csv(DATA / "ASEM_iMeta.csv")
    meta["minmax_lower"], meta["minmax_upper"] = 1, 100
    meta.loc[meta["iCode"] == "LPI", "minmax_lower"] = 5
    meta["zscore_mean"], meta["zscore_sd"] = 10, 2
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    with pytest.raises(ScorerError) as caught:
        import_coinr(tmp_path / "iMeta.csv", DATA / "ASEM_iData.csv", tmp_path / "out")
    assert "n_minmax and n_zscore" in caught.value.problems[0].message
    imported = import_coinr(tmp_path / "iMeta.csv", DATA / "ASEM_iData.csv", tmp_path / "out", normalise="minmax")
    fw = load_framework(imported.framework_path)
    assert fw.indicators["LPI"].spec.normalise.params == {"l": 5, "u": 100}
    warned = " ".join(w.message for w in imported.warnings)
    assert "'zscore_mean'" in warned and "'zscore_sd'" in warned and "'Denominator'" in warned
    scores = run_pipeline(fw, load_data_table(imported.data_path, fw)).aggregated
    assert scores["LPI"].min() == 5 and scores["LPI"].max() == 100 and scores["Flights"].min() == 1


def test_an_unknown_imeta_column_is_warned_about_and_a_bad_parameter_cell_named(tmp_path):
    meta = pd.read_csv(DATA / "ASEM_iMeta.csv")
    meta["Remark"] = "checked"
    meta["zscore_mean"], meta["zscore_sd"] = 10, 2
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    imported = import_coinr(tmp_path / "iMeta.csv", DATA / "ASEM_iData.csv", tmp_path / "out")
    assert any("'Remark'" in w.message and w.severity == "warning" for w in imported.warnings)
    meta["zscore_sd"] = meta["zscore_sd"].astype(object)
    meta.loc[meta["iCode"] == "LPI", "zscore_sd"] = "two"
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    with pytest.raises(ScorerError) as caught:
        import_coinr(tmp_path / "iMeta.csv", DATA / "ASEM_iData.csv", tmp_path / "out2")
    (problem,) = caught.value.problems
    assert "'two'" in problem.message and "LPI" in problem.message
    assert problem.location.line == int(np.flatnonzero(meta["iCode"] == "LPI")[0]) + 2


# ----------------------------------------------------------------------------------------- panels
PANEL = """uCode,Time,a,b,c
U1,2019,1,2,3
U1,2020,2,NA,4
U1,2021,NA,NA,5
U2,2019,4,5,6
U2,2020,5,6,7
U2,2021,6,7,8
U3,2019,7,1,9
U3,2020,8,2,NA
U3,2021,9,3,NA
"""


def write_panel(tmp_path: Path, data: str = PANEL) -> tuple[Path, Path]:
    (tmp_path / "iMeta.csv").write_text(META, encoding="utf-8")
    (tmp_path / "iData.csv").write_text(data, encoding="utf-8")
    return tmp_path / "iMeta.csv", tmp_path / "iData.csv"


def test_impute_over_time_follows_impute_panel():
    X = np.array([[1.0], [nan], [nan], [4.0], [nan], [nan], [7.0]])
    units = ["A", "A", "A", "A", "B", "B", "B"]
    times = [2019, 2020, 2021, 2022, 2019, 2020, 2022]
    latest, mask = impute_over_time(X, units, times, "latest")
    assert same(latest[:, 0], [1, 1, 1, 4, nan, nan, 7]) and mask[:, 0].tolist() == [0, 1, 1, 0, 0, 0, 0]
    # max_time counts the panel's time points (2019…2022): A's 2021 is 2 points after 2019
    assert same(impute_over_time(X, units, times, "latest", max_time=1)[0][:, 0], [1, 1, nan, 4, nan, nan, 7])
    # approx(rule = 2): constant carries the previous value and back-fills before the first one
    assert same(impute_over_time(X, units, times, "constant")[0][:, 0], [1, 1, 1, 4, 7, 7, 7])
    # linear by time value: A 1 → 4 over 2019 → 2022; B has one point: an error, or constant with linear-constant
    with pytest.raises(ValueError, match="two observations"):
        impute_over_time(X, units, times, "linear")
    assert same(impute_over_time(X[:4], units[:4], times[:4], "linear")[0][:, 0], [1, 2, 3, 4])
    assert same(impute_over_time(X, units, times, "linear-constant")[0][:, 0], [1, 2, 3, 4, 7, 7, 7])


def test_a_panel_imports_with_one_row_per_unit_and_time(tmp_path):
    imported = import_coinr(*write_panel(tmp_path), tmp_path / "out")
    assert imported.panel
    fw = load_framework(imported.framework_path)
    table = load_data_table(imported.data_path, fw)
    assert list(zip(table.index, table["Time"])) == [(u, t) for u in ("U1", "U2", "U3") for t in (2019, 2020, 2021)]


def test_a_repeated_unit_and_time_is_the_one_problem_reported(tmp_path):
    data = PANEL + "U2,2020,5,6,7\n"
    with pytest.raises(ScorerError) as caught:
        import_coinr(*write_panel(tmp_path, data), tmp_path / "out")
    (problem,) = caught.value.problems
    assert "uCode 'U2' is repeated for Time '2020'" in problem.message and problem.location.line == 11


def test_a_panel_scores_per_time_with_latest_imputation(tmp_path):
    imported = import_coinr(*write_panel(tmp_path), tmp_path / "out")
    fw = load_framework(imported.framework_path)
    result = run_panel(fw, load_data_table(imported.data_path, fw), impute_time="latest")
    got = result.aggregated
    # 2021 after 'latest': a = 2 (U1 from 2020), 6, 9; b = 2 (U1 from 2019), 7, 3; c = 5, 8, 9 (U3 from 2019)
    # min-max per time: a 0, 4/7·100, 100; b (lower is better) 100, 0, 80; c 0, 75, 100
    y2021 = got.xs(2021, level="Time")
    assert same(y2021["a"], [0, 400 / 7, 100]) and same(y2021["b"], [100, 0, 80]) and same(y2021["c"], [0, 75, 100])
    assert same(y2021["index"], [25, (400 / 7 / 2 + 75) / 2, 95])
    assert (result.ranks.xs(2021, level="Time")["index"].to_numpy() == [3, 2, 1]).all()
    assert result.imputed_mask.xs(2021, level="Time").loc["U1"].tolist() == [True, True, False]


def test_a_panel_normalised_across_times_puts_every_year_on_one_scale(tmp_path):
    imported = import_coinr(*write_panel(tmp_path), tmp_path / "out")
    fw = load_framework(imported.framework_path)
    result = run_panel(fw, load_data_table(imported.data_path, fw), impute_time="constant", normalise_over="all")
    a = result.aggregated["a"]
    # a over all nine rows after 'constant' (U1 2021 = 2): min 1, max 9
    assert same(a.loc[("U1", 2019)], 0) and same(a.loc[("U3", 2021)], 100) and same(a.loc[("U1", 2021)], 12.5)
    assert sorted(result.ranks.xs(2019, level="Time")["index"]) == [1, 2, 3]  # ranks stay within a time


def test_a_panel_scores_from_the_command_line(tmp_path):
    meta, data = write_panel(tmp_path)
    done = run_cli("import-coinr", meta, data, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    assert "(a panel: one row per uCode and Time)" in " ".join(done.stdout.split())
    args = ["score-table", tmp_path / "out" / "framework.yaml", tmp_path / "out" / "data.csv"]
    done = run_cli(*args, "--impute-time", "latest", "--csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [(r["uCode"], float(r["Time"])) for r in rows[:3]] == [("U1", 2019), ("U2", 2019), ("U3", 2019)]
    u1_2021 = next(r for r in rows if r["uCode"] == "U1" and float(r["Time"]) == 2021)
    assert float(u1_2021["index"]) == pytest.approx(25, abs=1e-12)
    as_json = run_cli(*args, "--impute-time", "latest", "--json")
    assert as_json.returncode == 0, as_json.stderr
    doc = json.loads(as_json.stdout)
    assert doc["panel"]["impute_time"] == "latest" and len(doc["units"]) == 9
    assert next(u for u in doc["units"] if u["unit"] == "U1" and u["time"] == 2021)["scores"]["index"] == pytest.approx(25)
    shown = run_cli(*args, "--impute-time", "latest", "--time", "2020")
    assert shown.returncode == 0 and "Time 2020" in shown.stdout
    bad = run_cli(*args, "--impute-time", "sideways")
    assert bad.returncode == 2 and "sideways" in bad.stderr and "Traceback" not in bad.stderr  # a usage error, with the choices


@pytest.mark.parametrize("value", ["1e308", "-1e308", "2e76"])
def test_a_value_too_large_to_compute_with_is_refused_at_its_cell(tmp_path, value):
    """bt16j F14: 1e308 in an iData column overflowed min-max: the indicator scored 0 for every unit, ranks moved,
    exit 0. Refused by import-coinr and by score-table, at its line and column."""
    import csv

    from tests.conftest import ROOT

    asem = ROOT / "tests" / "data" / "coinr-asem"
    rows = list(csv.reader((asem / "ASEM_iData.csv").open(encoding="utf-8")))
    column = rows[0].index("LPI")
    rows[3][column] = value
    data = tmp_path / "iData.csv"
    with data.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    done = run_cli("--lang", "en", "import-coinr", asem / "ASEM_iMeta.csv", data, "-o", tmp_path / "out")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "too large to compute with" in done.stderr and "iData.csv:4:" in done.stderr and "LPI" in done.stderr
    assert not (tmp_path / "out" / "framework.yaml").exists()
    clean = run_cli("import-coinr", asem / "ASEM_iMeta.csv", asem / "ASEM_iData.csv", "-o", tmp_path / "ok")
    assert clean.returncode == 0, clean.stderr
    table = tmp_path / "ok" / "data.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    cells = lines[3].split(",")
    cells[head.index("LPI")] = value
    lines[3] = ",".join(cells)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scored = run_cli("--lang", "en", "score-table", tmp_path / "ok" / "framework.yaml", table)
    assert scored.returncode == 1 and "too large to compute with" in scored.stderr, scored.stderr
    assert "RuntimeWarning" not in scored.stderr
