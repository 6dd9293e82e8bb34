"""Monte Carlo over the assumptions: known answers, reproducible draws, Sobol indices, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from scorer.errors import ScorerError
from scorer.whatif.scenario import Baseline, compare
from scorer.whatif.uncertainty import Assumptions, check_assumptions, monte_carlo, scenario_from_draw
from tests.conftest import EXAMPLES, run_cli
from tests.test_scenario import RULES, small_run

# The calibration draws (targets, peers, cut-offs; issue 12) are on by default; these tests isolate the
# other assumptions, so they hold the calibration fixed (tests/test_calibration_uncertainty.py draws it).
NO_CALIBRATION = dict(targets=0, peer_levels=0, peer_spreads=0, cutoff=False)
WEIGHTS_ONLY = dict(measurement=0.0, normalisation=["targets"], imputation=["locf"], **NO_CALIBRATION)


def test_a_zone_far_above_every_threshold_is_ready_in_every_draw(tmp_path):
    easy = RULES.replace("value: 70", "value: 20").replace("value: 50", "value: 10").replace("value: 5,", "value: 1,")
    easy = easy.replace("税收不低于5亿元", "税收不低于1亿元")  # a name states its own value (check_stated, bt12h F2 rest)
    run = small_run(tmp_path / "easy", rules=easy.replace("rank_share_max: {value: 0.7", "rank_share_max: {value: 1"))
    u = monte_carlo(run, Assumptions(indicator_weights=40, group_weights=40, measurement=20), draws=2000, seed=3)
    assert u.p_ready == 1.0 and u.p_undetermined == 0.0
    hard = RULES.replace("value: 70", "value: 99")
    u = monte_carlo(small_run(tmp_path / "hard", rules=hard), Assumptions(measurement=5), draws=2000, seed=3)
    assert u.p_ready == 0.0


def test_symmetric_weight_noise_keeps_the_median_near_the_nominal_score(sample_run):
    u = monte_carlo(sample_run, Assumptions(**WEIGHTS_ONLY), draws=4000, seed=11)
    assert abs(u.overall.median - sample_run.result.overall) < 0.3
    assert u.overall.q05 < sample_run.result.overall < u.overall.q95
    assert u.rank.q05 <= sample_run.standing.rank <= u.rank.q95


def test_no_noise_at_all_gives_the_nominal_result_in_every_draw(sample_run):
    u = monte_carlo(sample_run, Assumptions(indicator_weights=0, group_weights=0, **WEIGHTS_ONLY), draws=50, seed=1)
    assert np.allclose(u.draws["overall"], sample_run.result.overall, rtol=0, atol=1e-12)
    assert set(u.draws["rank"]) == {sample_run.standing.rank}


def test_the_same_seed_repeats_the_draws_and_another_does_not(sample_run):
    a = monte_carlo(sample_run, draws=300, seed=5)
    b = monte_carlo(sample_run, draws=300, seed=5)
    c = monte_carlo(sample_run, draws=300, seed=6)
    pd.testing.assert_frame_equal(a.draws, b.draws)
    assert not np.allclose(a.draws["overall"], c.draws["overall"])
    assert len(a.draws) == 300 and a.seed == 5


def test_any_draw_can_be_rescored_on_its_own_from_its_exported_parameters(sample_run, tmp_path):
    # A scenario carries weights, measurement and methods, not the calibration draws: hold those fixed here.
    u = monte_carlo(sample_run, Assumptions(normalisation=["targets", "peers"], imputation=["locf", "none", "mean"],
                                            **NO_CALIBRATION), draws=200, seed=9)
    u.draws.to_csv(tmp_path / "draws.csv", index=False)
    rows = pd.read_csv(tmp_path / "draws.csv")
    base = Baseline.from_run(sample_run)
    picked = [0, 17, 123, 199]
    again = compare(sample_run, [scenario_from_draw(base, rows.iloc[k]) for k in picked])
    for k, outcome in zip(picked, again.scenarios):
        assert outcome.overall == pytest.approx(u.draws["overall"].iat[k], abs=1e-9)
        assert outcome.rank == u.draws["rank"].iat[k]
    assert set(rows["normalisation"]) == {"targets", "peers"}


def test_sobol_indices_find_the_assumption_that_matters_and_the_one_that_cannot(tmp_path):
    # The small zone has no missing indicator, so the imputation method cannot change anything.
    run = small_run(tmp_path / "z")
    u = monte_carlo(run, Assumptions(indicator_weights=0, group_weights=0, measurement=10,
                                     imputation=["locf", "none", "mean"], **NO_CALIBRATION), draws=3000, seed=2, sobol=True)
    idx = {s.assumption: s for s in u.sobol}
    assert set(idx) == {"measurement", "imputation"}
    assert idx["imputation"].ST == pytest.approx(0.0, abs=1e-9)
    assert idx["measurement"].ST == pytest.approx(1.0, abs=0.1)
    assert idx["measurement"].S1 == pytest.approx(1.0, abs=0.15)
    assert u.n == u.sobol_base_samples * (2 + 2)  # Saltelli without second order: N·(G + 2)


def test_bad_assumptions_name_the_option(framework):
    with pytest.raises(ScorerError, match="--imputation: unknown method 'nearest'"):
        check_assumptions({"imputation": ["nearest"]}, framework)
    with pytest.raises(ScorerError, match="--field-error: unknown field 'fdi'"):
        check_assumptions({"measurement_fields": {"fdi": 5}}, framework)
    with pytest.raises(ScorerError, match="--level-weights: the framework has no level 7"):
        check_assumptions({"level_weights": {7: 5}}, framework)


def test_uncertainty_from_the_command_line(tmp_path):
    done = run_cli("uncertainty", EXAMPLES, "--draws", "400", "--seed", "4", "--json", "--export", tmp_path / "d.csv",
                   "--field-error", "fdi_actual=20", "--level-weights", "2=10")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["draws"] == 400 and data["seed"] == 4
    assert {"median", "q05", "q95", "nominal"} <= set(data["overall"])
    assert 0.0 <= data["p_ready"] <= 1.0
    assert data["assumptions"]["measurement_fields"] == {"fdi_actual": 20.0}
    draws = pd.read_csv(tmp_path / "d.csv")
    assert len(draws) == 400 and {"draw", "normalisation", "imputation", "m:fdi_actual", "w:opening", "overall",
                                  "rank", "ready"} <= set(draws.columns)
    assert draws["m:fdi_actual"].between(0.8, 1.2).all() and draws["w:opening"].between(0.9, 1.1).all()
    done = run_cli("uncertainty", EXAMPLES, "--draws", "300", "--seed", "4", "--sobol", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "满足升级条件的概率" in done.stdout and "总效应指数" in done.stdout


@pytest.mark.parametrize("args, expected, code", [
    (["--imputation", "nearest"], "unknown method 'nearest'", 1),
    (["--normalisation", "ranks"], "--normalisation", 1),
    # malformed or out-of-range numbers are usage errors, refused at the command line (exit 2)
    (["--field-error", "fdi_actual"], "expected KEY=PERCENT", 2),
    (["--draws", "0"], "at least 1", 2),
])
def test_uncertainty_with_bad_options_stops_without_a_traceback(args, expected, code):
    done = run_cli("uncertainty", EXAMPLES, *args)
    assert done.returncode == code
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_peers_normalised_once_give_the_same_bits_as_every_unit_scored_per_draw(sample_run, monkeypatch):
    from scorer.score.engine import score_variants
    from scorer.whatif import scenario as sc
    from scorer.whatif.uncertainty import factors, variants_from_design

    baseline = Baseline.from_run(sample_run)
    # The calibration draws (targets, peer levels and spreads) move the peers per draw; held here, so
    # that the peers' fixed scores can be normalised once.
    a = Assumptions(measurement=10.0, imputation=["locf", "mean"], targets=0, peer_levels=0, peer_spreads=0,
                    cutoff=False)
    facs = factors(baseline, a)
    variants, _ = variants_from_design(baseline, np.random.default_rng(5).random((40, len(facs))), facs, a)
    monkeypatch.setattr(sc, "VARIANT_CELLS", 7 * (1 + len(baseline.peer_ids)) * len(baseline.indicators))  # blocks of 7
    got = sc.score_variant_set(baseline, variants)
    # The reference: zone and peers stacked and scored together, draw by draw, as before.
    peers = baseline.peer_tables["raw"]
    for r in (0, 13, 39):
        assert variants.imputation[r] in baseline.fills
        X = np.concatenate([got.values.to_numpy()[r][None], baseline.peer_tables.get(variants.imputation[r], peers)])
        ref = score_variants(sample_run.framework, X[None], variants.shares[r:r + 1])
        assert got.overall.iloc[r] == ref.groups["index"][0, 0]
        others = ref.groups["index"][0, 1:]
        assert got.share_ahead[r] == np.sum(others > ref.groups["index"][0, 0]) / np.sum(np.isfinite(others))


def test_a_method_that_compares_units_still_scores_the_peers_with_each_draw(sample_run):
    from scorer.whatif.scenario import score_variant_set
    from scorer.whatif.uncertainty import factors, variants_from_design

    baseline = Baseline.from_run(sample_run)
    a = Assumptions(normalisation=["peers"], measurement=30.0, indicator_weights=0, group_weights=0)
    facs = factors(baseline, a)
    variants, _ = variants_from_design(baseline, np.random.default_rng(2).random((30, len(facs))), facs, a)
    res = score_variant_set(baseline, variants)
    # Under min-max across units the zone's own figures move the peers' scores, so their median moves too.
    assert np.unique(np.round(res.peer_median, 9)).size > 1


def test_beyond_the_kept_sample_means_and_shares_cover_every_draw_and_quantiles_the_kept_ones(sample_run):
    a = Assumptions(measurement=10.0)
    full = monte_carlo(sample_run, a, draws=3000, seed=9)
    part = monte_carlo(sample_run, a, draws=3000, seed=9, keep=1000, sample=1000, chunk=100)
    assert part.n == 3000 and part.kept == 1000 and len(part.draws) == 1000
    assert part.draws["overall"].to_numpy() == pytest.approx(full.draws["overall"].to_numpy()[:1000], abs=0, rel=0)
    assert part.overall.mean == pytest.approx(full.overall.mean, rel=1e-12)
    assert part.p_ready == full.p_ready and part.p_undetermined == full.p_undetermined
    q05, med, q95 = np.quantile(full.draws["overall"].to_numpy()[:1000], [0.05, 0.5, 0.95])
    assert (part.overall.q05, part.overall.median, part.overall.q95) == (q05, med, q95)
    assert part.rank.mean == pytest.approx(full.rank.mean, rel=1e-12)


def test_the_draws_kept_in_full_the_quantiles_sample_and_the_sink_are_set_apart(sample_run):
    """By default a few draws are kept in full (parameters: ~1.3 kB a draw), many more for the quantiles (scores and
    rank: 8 bytes a figure), and every draw in full goes to the sink block by block, as scored."""
    from scorer.whatif.uncertainty import KEEP, SAMPLE

    assert KEEP * 1300 <= 20e6 and SAMPLE >= 10 * KEEP
    a = Assumptions(measurement=10.0)
    blocks = []
    whole = monte_carlo(sample_run, a, draws=900, seed=4, chunk=50)
    part = monte_carlo(sample_run, a, draws=900, seed=4, chunk=50, keep=250, sample=None, sink=blocks.append)
    sunk = pd.concat(blocks, ignore_index=True)
    assert len(blocks) == 5 and part.kept == part.sampled == 250 and len(part.draws) == 250
    assert sunk["draw"].tolist() == list(range(1, 901)) and sunk["ready"].dtype == "boolean"
    pd.testing.assert_frame_equal(sunk.astype({"ready": object, "data_ready": object}).where(sunk.notna(), None)
                                  .drop(columns=["ready", "data_ready"]), whole.draws.drop(columns=["ready", "data_ready"]))
    assert (sunk["ready"].astype(object).where(sunk["ready"].notna(), None).tolist() == whole.draws["ready"].tolist())
    q05, med, q95 = np.quantile(whole.draws["overall"].to_numpy()[:250], [0.05, 0.5, 0.95])
    assert (part.overall.q05, part.overall.median, part.overall.q95) == (q05, med, q95)
    beyond = monte_carlo(sample_run, a, draws=900, seed=4, chunk=50, keep=250, sample=600)
    assert beyond.sampled == 600 and len(beyond.draws) == 250
    assert beyond.overall.median == np.quantile(whole.draws["overall"].to_numpy()[:600], 0.5)


def test_the_json_says_which_draws_the_quantiles_come_from(sample_run):
    """bt17 F6: a million draws and 100 000 gave the same median/q05/q95 and the JSON did not say they came from the
    first 100 000 draws (the text output did). The JSON names the sample (how many, of how many, which draws)."""
    import json as _json

    from scorer.schema import to_json

    a = Assumptions(measurement=10.0)
    blocks = []
    part = monte_carlo(sample_run, a, draws=900, seed=4, chunk=50, keep=100, sample=300, sink=blocks.append)
    said = _json.loads(to_json("uncertainty", part.as_dict()))["quantile_sample"]
    assert said == {"sampled": 300, "of": 900, "first_draw": 1, "last_draw": 300, "exact": False}
    every = pd.concat(blocks, ignore_index=True)
    first = every[every["draw"].between(said["first_draw"], said["last_draw"])]["overall"].to_numpy()
    assert part.overall.median == np.quantile(first, 0.5) != np.quantile(every["overall"].to_numpy(), 0.5)
    whole = monte_carlo(sample_run, a, draws=200, seed=4)
    assert whole.as_dict()["quantile_sample"] == {"sampled": 200, "of": 200, "first_draw": 1, "last_draw": 200,
                                                  "exact": True}


MC_UNDER_LIMIT = """
import resource, sys
limit = int(sys.argv[1]) * 2**20
import numpy, pandas, scorer  # noqa: F401
from scorer.whatif.uncertainty import Assumptions, monte_carlo
run = scorer.run(["examples"])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
draws, keep = int(sys.argv[2]), int(sys.argv[3])
# the bounded run keeps 20 000 draws for its quantiles, so two thirds of its draws run past the kept sample (bt17h F9)
u = monte_carlo(run, Assumptions(), draws=draws, seed=1, keep=keep, sample=draws if keep == draws else 20_000)
print(u.n, len(u.draws), u.sampled, u.overall.q05 <= u.overall.median <= u.overall.q95, 0 <= u.p_ready <= 1)
"""


def test_the_monte_carlo_runs_many_draws_under_an_address_space_limit():
    from tests.conftest import ROOT

    # The address space a process has once numpy, pandas and the scored run are loaded, plus 100 MB:
    # 60 000 draws must fit, scored in blocks with 2 000 kept (the child gets MemoryError past the limit).
    # Measured: +64 MB at 40 000 draws, +68 MB at 80 000. Every draw kept in full took +146 MB at 40 000 and
    # +261 MB at 80 000 (~2.7 kB a draw): the control below keeps them all and must not fit, so the limit
    # catches per-draw retention from ~0.6 kB a draw (bt17 F10: at +150 MB and 40 000 draws, keeping every
    # draw passed by 1.4 MB).
    probe = subprocess.run([sys.executable, "-c", "import numpy, pandas, scorer, resource, sys\n"
                            "run = scorer.run(['examples'])\n"
                            "print(open('/proc/self/status').read().split('VmPeak:')[1].split()[0])"],
                           cwd=ROOT, capture_output=True, text=True, check=True)
    limit_mb = int(probe.stdout.strip()) // 1024 + 100
    done = subprocess.run([sys.executable, "-c", MC_UNDER_LIMIT, str(limit_mb), "60000", "2000"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["60000", "2000", "20000", "True", "True"]
    control = subprocess.run([sys.executable, "-c", MC_UNDER_LIMIT, str(limit_mb), "60000", "60000"], cwd=ROOT,
                             capture_output=True, text=True, timeout=600)
    assert control.returncode != 0 and "MemoryError" in control.stderr, "every draw kept in full fits: the limit " \
        "no longer tells a bounded run from one that keeps its draws"


MANY_PEERS_UNDER_LIMIT = """
import json, resource, sys
limit = int(sys.argv[1]) * 2**20
import numpy, pandas, scorer  # noqa: F401
from scorer.whatif.uncertainty import Assumptions, monte_carlo
run = scorer.run(["examples"], peers_path=sys.argv[3])
assumptions = Assumptions(**json.loads(sys.argv[4]))
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
else:
    print(open('/proc/self/status').read().split('VmPeak:')[1].split()[0])
    sys.exit()
u = monte_carlo(run, assumptions, draws=int(sys.argv[2]), seed=1)
print(u.n, u.of, u.rank.q05 <= u.rank.median <= u.rank.q95, 0 <= u.p_ready <= 1)
"""


def _tiled_peers(tmp_path, zones: int):
    """The bundled peer set tiled to `zones` rows with a seeded jitter, each value held to its indicator's bounds."""
    from scorer import units
    from scorer.framework.model import load_framework
    from scorer.score.peers import default_peers

    bundled = pd.read_csv(default_peers(), encoding="utf-8")
    table = bundled.iloc[np.arange(zones) % len(bundled)].reset_index(drop=True)
    numbers = table.columns[3:]
    jitter = np.random.default_rng(5).lognormal(0.0, 0.05, (zones, len(numbers)))
    table[numbers] = table[numbers].to_numpy(dtype=float) * np.where(table[numbers].to_numpy(dtype=float) > 0, jitter, 1)
    fw = load_framework()
    for column in numbers:  # a share stays a share: jittered values held to the indicator's declared bounds
        bounds = fw.indicators[column].spec.value_bounds
        table[column] = table[column].clip(bounds.min, bounds.max)
        if units.counts_single_things(fw.indicators[column].unit):  # a count of firms stays whole
            table[column] = table[column].round()
    table["id"], table["name_zh"] = [f"T{k:05d}" for k in range(zones)], [f"园区{k:05d}" for k in range(zones)]
    peers = tmp_path / f"peers-{zones}.csv"
    table.to_csv(peers, index=False)
    return peers


def _many_peers_under_limit(peers, draws: int, margin_mb: int, assumptions: str = "{}") -> subprocess.CompletedProcess:
    from tests.conftest import ROOT

    probe = subprocess.run([sys.executable, "-c", MANY_PEERS_UNDER_LIMIT, "0", "0", str(peers), assumptions], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    limit_mb = int(probe.stdout.strip()) // 1024 + margin_mb
    return subprocess.run([sys.executable, "-c", MANY_PEERS_UNDER_LIMIT, str(limit_mb), str(draws), str(peers),
                           assumptions], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_the_monte_carlo_ranks_among_thousands_of_peers_under_an_address_space_limit(tmp_path):
    # 1 500 peers (the bundled set, tiled with a seeded jitter) and calibration draws (every peer
    # normalised per draw): a block of variants × peers × indicators is kept to a few MB, and the
    # standing is taken block by block (2 000 draws × 1 500 peers is 24 MB a table of overall scores,
    # several times that to rank it whole), so the run fits in what loading it takes plus 100 MB.
    zones = 1_500
    done = _many_peers_under_limit(_tiled_peers(tmp_path, zones), 2000, 100)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["2000", str(zones + 1), "True", "True"]


def test_the_monte_carlo_with_the_calibration_held_keeps_no_peer_scores_per_draw(tmp_path):
    """bt17 F1: with the calibration held (`--peer-levels 0 --peer-spreads 0 --targets 0`) the peers' scores are
    aggregated once per set of weights and kept; above ~8 333 peers a block is one draw, and every draw's own
    weights added an entry (peers × groups doubles, ~0.5 MB at 9 000 peers) that was never dropped: 1 000 draws at
    10 000 peers took 772 MB, 27 000 peers × 2 000 draws 3.3 GB. 9 000 peers × 600 draws must fit in what loading
    takes plus 100 MB (the unbounded cache needed ~300 MB more)."""
    zones = 9_000
    held = json.dumps({"peer_levels": 0, "peer_spreads": 0, "targets": 0})
    done = _many_peers_under_limit(_tiled_peers(tmp_path, zones), 600, 100, held)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["600", str(zones + 1), "True", "True"]


def test_the_console_script_runs_the_monte_carlo_under_an_address_space_limit_its_use_fits(tmp_path):
    """`ulimit -v 1500000; scorer uncertainty examples --draws 5000` was exit 70 (MemoryError, "a bug in scorer"):
    pyarrow, which pandas loads, reserved about 1.2 GB of address space for its memory pool while the run used
    some 210 MB. The console script sets the system allocator; a run beyond the limit is said to be out of memory."""
    import resource
    import subprocess
    import sys

    limit = 1_500_000 * 1024
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, ({0}, {0})); "
            "sys.argv = ['scorer', '--lang', 'en', 'uncertainty', {1!r}, '--draws', '5000', '--seed', '1']; "
            "from scorer.cli.entry import main; main()").format(limit, str(EXAMPLES))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    # far below what the run needs: said as out of memory, exit 1, not an internal error
    code = code.replace(str(limit), str(400_000 * 1024))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert done.returncode != 0 and "internal error" not in done.stderr and "Traceback" not in done.stderr, done.stderr


CLI_UNDER_LIMIT = """
import atexit, resource, sys
limit, peak = int(sys.argv[1]) * 2**20, sys.argv[2]
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
atexit.register(lambda: open(peak, "w").write(open("/proc/self/status").read().split("VmPeak:")[1].split()[0]))
sys.argv = ["scorer", "--lang", "en", "uncertainty", *sys.argv[3:]]
from scorer.cli.entry import main
main()
"""


def test_the_command_s_default_draws_and_its_export_fit_in_what_a_small_run_takes(tmp_path):
    """`scorer uncertainty` as a user runs it (its default keep and sample, the console script's entry): 30 000
    draws exported to CSV, then to Parquet, fit in the address space of 2 000 draws exported plus 30 MB (they
    take ~5 MB more). Keeping every draw's parameters (~1.3 kB a draw) and building the
    export whole (+450 MB as CSV, +62 MB as Parquet at 30 000 draws) did not. One malloc arena (MALLOC_ARENA_MAX=1): each
    thread's arena reserves 64 MB of address space, a count of threads, not of draws."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    def scorer(limit_mb: int, draws: int, export) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", CLI_UNDER_LIMIT, str(limit_mb), str(tmp_path / "peak"),
                               str(EXAMPLES), "--draws", str(draws), "--seed", "2", "--json", "--export", str(export)],
                              cwd=ROOT, capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, MALLOC_ARENA_MAX="1"))

    probe = scorer(0, 2000, tmp_path / "small.csv")
    assert probe.returncode == 0, probe.stderr[-2000:]
    limit_mb = int((tmp_path / "peak").read_text()) // 1024 + 30
    for name in ("d.csv", "d.parquet"):
        done = scorer(limit_mb, 30_000, tmp_path / name)
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout)["draws"] == 30_000
    table = pd.read_parquet(tmp_path / "d.parquet")
    assert table["draw"].tolist() == list(range(1, 30_001))
    text = pd.read_csv(tmp_path / "d.csv", encoding="utf-8-sig")
    assert len(text) == 30_000 and np.array_equal(text["overall"].to_numpy(), table["overall"].to_numpy())
