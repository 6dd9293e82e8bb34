"""Honest uncertainty: the Monte Carlo also varies the calibration (targets within their confidence, the peers' levels and spreads, the regional cut-offs)."""

from __future__ import annotations

import numpy as np
import pytest

from scorer.pipeline import run
from scorer.whatif.uncertainty import Assumptions, TARGET_SPREAD, monte_carlo
from tests.conftest import EXAMPLES

FIXED = dict(indicator_weights=0, group_weights=0, imputation=["locf"], measurement=0)
NO_CALIBRATION = dict(targets=0, peer_levels=0, peer_spreads=0, cutoff=False)


@pytest.fixture(scope="module")
def marginal_run(tmp_path_factory, sample_run):
    """The sample zone under a rule it meets exactly on the nominal calibration: at most its own share of peers ahead."""
    share = sample_run.standing.share_ahead
    path = tmp_path_factory.mktemp("rules") / "rules.yaml"
    path.write_text(f"name_zh: 测试\nname_en: Test\nrank_share_max: {{value: {share!r}, basis: judgement, source: 测试, confidence: low}}\n"
                    "bottom_n: {value: 5, basis: judgement, source: 测试, confidence: high}\n", encoding="utf-8")
    r = run([EXAMPLES], rules_path=path)
    assert r.verdict.ready is True
    return r


def test_without_calibration_uncertainty_a_marginal_pass_is_certain(marginal_run):
    u = monte_carlo(marginal_run, Assumptions(**FIXED, **NO_CALIBRATION), draws=50, seed=3)
    assert u.p_ready == 1.0


def test_with_calibration_uncertainty_a_marginal_pass_is_not_certain(marginal_run):
    u = monte_carlo(marginal_run, Assumptions(**FIXED), draws=400, seed=3)
    assert 0.0 < u.p_ready < 1.0
    d = u.draws
    low = [c for c in d.columns if c.startswith("t:")]
    assert low and all(c for c in d.columns if c.startswith("pl:")) and any(c.startswith("ps:") for c in d.columns)
    conf = {i.id: i.target.confidence for i in marginal_run.framework.indicators.values()}
    for c in low:
        x = TARGET_SPREAD[conf[c[2:]]]
        assert d[c].between(1 - x, 1 + x).all() and d[c].std() > 0
    assert d["bottom_n"].between(5 * 55 / 68, 5).all() and d["bottom_n"].min() < 4.2
    assert d["middle_share"].between(marginal_run.standing.share_ahead - 0.05,
                                     marginal_run.standing.share_ahead + 0.05).all()


def test_the_default_run_reports_the_analyst_conditions_as_pending(sample_run):
    u = monte_carlo(sample_run, Assumptions(**FIXED), draws=100, seed=1)
    assert set(u.pending_inputs) == {"first_in_province", "land_use_2024"}
    assert u.as_dict()["nominal_verdict_zh"].startswith("数据所及条件均满足")


def test_a_moved_target_scores_a_value_as_the_moved_goalposts_would(framework):
    from scorer.whatif.scenario import VariantSet, _calibrate

    inds = list(framework.indicators)
    k = inds.index("tax_revenue")
    ind = framework.indicators["tax_revenue"]
    X = np.full((1, 2, len(inds)), np.nan)
    X[0, :, k] = [30.0, 50.0]
    d = np.ones((1, len(inds)))
    d[0, k] = 1.2
    v = VariantSet(["x"], np.zeros((1, 0)), np.zeros((1, len(inds))), np.zeros((1, len(inds))), np.zeros((1, 0)),
                   np.array(["targets"]), np.array(["a"]), np.array(["locf"]), {}, target_distance=d)
    _calibrate(X, v, np.array([0]), framework, inds, True)
    moved = ind.floor + 1.2 * (ind.target.value - ind.floor)
    for raw, got in zip([30.0, 50.0], X[0, :, k]):
        expected = (raw - ind.floor) / (moved - ind.floor)
        assert (got - ind.floor) / (ind.target.value - ind.floor) == pytest.approx(expected)


def test_a_peer_level_the_model_assumed_varies_more_than_one_set_to_a_published_figure(sample_run):
    """yardsticks.md: the annex is unpublished, so most peer levels are assumptions; they are not as sure as the means."""
    from scorer.whatif.scenario import Baseline
    from scorer.whatif.uncertainty import ASSUMED_LEVEL, factors
    from scorer.yamlio import load_yaml

    meta = load_yaml(sample_run.peers.path.with_suffix(".yaml"))["indicators"]
    assert meta["gdp_amount"]["level"] == "published" and meta["rd_intensity"]["level"] == "assumed"
    assert sample_run.peers.assumed == {k for k, v in meta.items() if v["level"] in ("assumed", "scaled")}
    spread = {f.key: f.spread for f in factors(Baseline.from_run(sample_run), Assumptions(peer_levels=10))
              if f.kind == "peer_level"}
    assert spread["gdp_amount"] == pytest.approx(0.10) and spread["fdi_amount"] == pytest.approx(0.10)
    assert spread["rd_intensity"] == pytest.approx(0.10 * ASSUMED_LEVEL)
    assert all(spread[i] > 0.10 for i in sample_run.peers.assumed)


def test_a_peer_level_scaled_from_a_national_mean_is_labelled_scaled_not_published(sample_run):
    """yardsticks.md §3 publishes central means for GDP, tax, trade and FDI only; the counts' central levels are
    national means × a central ÷ national ratio (`times:` in the peer model). Such a level is `scaled` in the sidecar,
    varied as an assumption, and said so in the report's 估算与假定 box (bt12d finding 10: they read `published`)."""
    from scorer.whatif.scenario import Baseline
    from scorer.whatif.uncertainty import ASSUMED_LEVEL, factors
    from scorer.yamlio import load_yaml

    meta = load_yaml(sample_run.peers.path.with_suffix(".yaml"))["indicators"]
    model = load_yaml(sample_run.peers.path.with_name("model.yaml"))["indicators"]
    times = {k for k, v in model.items() if isinstance(v, dict) and v.get("times")}
    assert times, "the bundled peer model scales some national means"
    assert {k for k, v in meta.items() if v["level"] == "scaled"} == times
    assert sample_run.peers.scaled == times and times <= sample_run.peers.assumed
    spread = {f.key: f.spread for f in factors(Baseline.from_run(sample_run), Assumptions(peer_levels=10))
              if f.kind == "peer_level"}
    assert all(spread[i] == pytest.approx(0.10 * ASSUMED_LEVEL) for i in times)
