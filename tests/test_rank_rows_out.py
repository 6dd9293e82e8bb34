"""Peers with a doubtful cell (a share or a row's rates typed as fractions) are left out of the rank, and what is
printed says so plainly: the rank is among the peers whose figures are usable, never the rank among all, and it is not
comparable (among all, the zone could stand anywhere the left-out peers allow); the rank conditions are not judged
(i12b, after bt12g F5/F6: the peers were scored on their other cells and the rank was shown as the rank)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from scorer.score.peers import default_peers
from tests.conftest import EXAMPLES, rank_condition_expected, run_cli
from tests.test_peer_lone_fraction import rate_columns, with_fraction


def _rates_as_fractions(tmp_path, framework, rows) -> tuple:
    import yaml

    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for row in rows:
        for col in rate_columns(framework):
            if abs(float(t.loc[row, col])) >= 1:
                t.loc[row, col] = repr(float(t.loc[row, col]) / 100)
    path = tmp_path / "rates.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, [t.loc[r, "id"] for r in rows]


def _score(*args) -> dict:
    done = run_cli("score", EXAMPLES, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def true_rank():
    return _score()["readiness"]["rank"]


@pytest.mark.parametrize("case", ["rates", "share"])
def test_peers_with_a_doubtful_cell_are_left_out_and_the_rank_says_so(tmp_path, framework, true_rank, case):
    if case == "rates":
        path, zones = _rates_as_fractions(tmp_path, framework, (5, 22))
    else:
        path, zone, *_ = with_fraction(tmp_path, "hightech_va_share", 3)
        zones = [zone]
    data = _score("--peers", str(path))
    r = data["readiness"]
    doubt = r["rank"]["zone_doubt"]
    assert doubt["kind"] == "peer_rows" and doubt["peers"] == zones
    assert r["rank"]["of"] == true_rank["of"] - len(zones) and doubt["of_all"] == true_rank["of"]
    lo, hi = doubt["rank_range"]
    assert (lo, hi) == (r["rank"]["estimate"], r["rank"]["estimate"] + len(zones))
    assert lo <= true_rank["estimate"] <= hi  # the true rank (the correct table) lies within what is said
    assert r["rank"]["comparable"] is False and data["verdict"]["comparable"] in (True, False)
    assert f"{r['rank']['of'] - 1} of" in r["label_en"] and "whose figures are usable" in r["label_en"]
    assert f"数据可用的{r['rank']['of'] - 1}个园区" in r["label_zh"] and "不可比" in r["label_zh"]
    for c in r["conditions"]:  # judged only where every place the left-out peers allow is on one side (bt12h F1)
        if c["id"] in ("bottom_n", "rank_share_max"):
            expected = rank_condition_expected(c["id"], c["required"], lo, hi, doubt["of_all"])
            assert c["status"] == expected, (lo, hi, c)
            if expected == "not_judged":
                assert c["margin_points"] is None and "存疑" in c["reason"], c
    shown = run_cli("score", EXAMPLES, "--peers", str(path), "--lang", "en")
    assert shown.returncode == 0 and "whose figures are usable" in shown.stdout and "not comparable" in shown.stdout
    zh = run_cli("score", EXAMPLES, "--peers", str(path), "--lang", "zh")
    assert f"数据可用的{r['rank']['of'] - 1}个园区" in zh.stdout


def test_the_bundled_table_leaves_no_peer_out(true_rank):
    assert true_rank["zone_doubt"] is None and true_rank["comparable"] is True
    assert "usable" not in _score()["readiness"]["label_en"]


def test_uncertainty_and_compare_rank_among_the_same_peers(tmp_path, framework):
    """The Monte Carlo and the scenarios rank among the peers score ranks among (it counted the left-out ones)."""
    path, zones = _rates_as_fractions(tmp_path, framework, (5, 22))
    rank = _score("--peers", str(path))["readiness"]["rank"]
    done = run_cli("uncertainty", EXAMPLES, "--json", "--draws", "30", "--seed", "1", "--peers", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["of"] == rank["of"]
