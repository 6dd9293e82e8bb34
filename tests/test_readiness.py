"""Readiness as rank: estimated rank in the region with an interval, margins to the bottom-5 line and the median, the province standing, and the conditions with their evidence."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from scorer.score.readiness import rank_interval
from scorer.score.rules import judge, load_rules
from tests.conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def scored():
    done = run_cli("score", EXAMPLES, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_score_json_leads_with_the_estimated_rank_and_its_interval(scored, sample_run):
    rank = scored["readiness"]["rank"]
    st = sample_run.standing
    assert rank["estimate"] == st.rank and rank["of"] == st.of == 56
    lo, hi = rank["interval_5_95"]
    assert 1 <= lo <= rank["estimate"] <= hi <= rank["of"]
    assert rank["synthetic_peers"] is True and rank["region"] == "central"
    assert scored["readiness"]["label_zh"].startswith("估算排名：中部地区国家级经开区第")


def test_margins_are_points_to_the_bottom_5_line_and_to_the_median(scored, sample_run):
    m = scored["readiness"]["margins"]
    peers = np.sort(sample_run.standing.peer_scores.to_numpy(dtype=float))
    assert m["bottom_n"] == 5
    assert m["bottom_line"] == pytest.approx(peers[4])
    assert m["to_bottom_line"] == pytest.approx(sample_run.standing.score - peers[4])
    assert m["median"] == pytest.approx(np.median(peers))
    assert m["to_median"] == pytest.approx(sample_run.standing.score - np.median(peers))


def test_the_province_standing_places_the_zone_among_henan_national_zones(scored):
    p = scored["readiness"]["province"]
    zones = [z["zone"] for z in p["zones"]]
    assert set(zones) == {"郑州经开区", "漯河经开区", "鹤壁经开区", "红旗渠经开区", "新乡经开区", "许昌经开区", "开封经开区"}
    above = [z for z in p["zones"] if z["score"] > scored["readiness"]["margins"]["score"]]
    assert p["position"] == len(above) + 1 and p["of"] == 8


def test_each_condition_carries_its_evidence_and_confidence(scored):
    conds = {c["id"]: c for c in scored["readiness"]["conditions"]}
    assert {"bottom_n", "rank_share_max", "first_in_province", "land_use_2024", "no_major_incident",
            "tax_revenue_min", "output_density_min", "exports_min"} <= set(conds)
    for c in conds.values():
        assert c["cites"] and all(x["source"] and x["confidence"] for x in c["cites"]), c["id"]
        assert c["confidence"] in ("high", "medium", "low")
        assert c["evidence_zh"]
    assert conds["first_in_province"]["status"] == "unknown" and conds["land_use_2024"]["status"] == "unknown"
    assert conds["bottom_n"]["deciding"] and conds["rank_share_max"]["deciding"]
    for h in ("tax_revenue_min", "output_density_min", "exports_min"):
        assert conds[h]["role"] == "historic" and not conds[h]["deciding"] and conds[h]["confidence"] == "low"
    assert conds["exports_min"]["required"] == 25 and conds["exports_min"]["unit"] == "亿美元"
    assert scored["verdict"]["ready"] is None and set(scored["verdict"]["pending"]) == {"first_in_province", "land_use_2024"}


def test_analyst_inputs_decide_once_given(tmp_path):
    done = run_cli("score", EXAMPLES, "--json", "--first-in-province", "--land-use-2024")
    verdict = json.loads(done.stdout)["verdict"]
    deciding = [r for r in verdict["rules"] if r["deciding"]]
    assert verdict["ready"] is all(r["passed"] for r in deciding)
    done = run_cli("score", EXAMPLES, "--json", "--not-first-in-province", "--land-use-2024")
    verdict = json.loads(done.stdout)["verdict"]
    assert verdict["ready"] is False
    assert next(r for r in verdict["rules"] if r["id"] == "first_in_province")["passed"] is False


def test_a_zone_in_the_bottom_5_fails_whatever_its_score(framework, sample_run):
    rules = load_rules(None, framework)
    low = replace(sample_run.standing, behind=4)
    verdict = judge(rules, sample_run.result, sample_run.panel, low, {"first_in_province": True, "land_use_2024": True})
    assert next(r for r in verdict.rules if r.id == "bottom_n").passed is False
    assert verdict.ready is False


def test_the_rank_interval_is_a_bootstrap_over_the_peers():
    peers = np.linspace(0, 100, 55)
    assert rank_interval(101.0, peers) == (1, 1)
    assert rank_interval(-1.0, peers) == (56, 56)
    lo, hi = rank_interval(50.0, peers)
    assert lo < 28 < hi


def test_the_rank_interval_is_the_bootstrap_distribution_of_the_rank():
    """The rank's resamples drawn as 1 + Binomial(N, p) have the bootstrap's own distribution: compared
    with an explicit resampling of the scores (20 000 resamples), every percentile from 1 to 99 agrees
    within one rank, and the 5–95 % interval is the binomial's own quantiles at the module's seed."""
    import scorer.score.readiness as readiness

    peers = np.random.default_rng(3).normal(60.0, 10.0, 900)
    peers[::17] = np.nan
    finite = peers[np.isfinite(peers)]
    explicit = np.concatenate([1 + (np.random.default_rng(s).choice(finite, size=(2_000, len(finite)), replace=True)
                                    > 62.0).sum(axis=1) for s in range(10)])
    drawn = 1 + np.random.default_rng(7).binomial(len(finite), np.mean(finite > 62.0), size=20_000)
    q = np.linspace(1, 99, 99)
    assert np.abs(np.percentile(explicit, q) - np.percentile(drawn, q)).max() <= 1.0
    ranks = 1 + np.random.default_rng(readiness.SEED).binomial(len(finite), np.mean(finite > 62.0),
                                                                size=readiness.BOOTSTRAP)
    lo, hi = np.quantile(ranks, [0.05, 0.95])
    assert readiness.rank_interval(62.0, peers) == (int(np.floor(lo)), int(np.ceil(hi)))
    assert lo < 1 + np.sum(finite > 62.0) < hi  # the estimate lies inside its interval


RANK_INTERVAL_UNDER_LIMIT = """
import resource, sys
import numpy as np
from scorer.score.readiness import rank_interval
peers = np.random.default_rng(1).normal(60.0, 10.0, 27_000)
limit = int(open('/proc/self/status').read().split('VmPeak:')[1].split()[0]) * 1024 + 60 * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
print(*rank_interval(61.0, peers))
"""


def test_the_rank_interval_among_27000_peers_fits_under_an_address_space_limit():
    import subprocess
    import sys

    from tests.conftest import ROOT

    # 2 000 resamples × 27 000 peers drawn as scores would be 432 MB (and as much of indices); the ranks
    # are drawn as counts, so they fit in 60 MB more than the interpreter with numpy has.
    done = subprocess.run([sys.executable, "-c", RANK_INTERVAL_UNDER_LIMIT], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lo, hi = map(int, done.stdout.split())
    assert 1 <= lo < hi <= 27_001
