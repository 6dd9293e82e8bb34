"""score-table on a peer table gives each zone what `score` gives its zone (issue 17: "the same methods and JSON
schema"): the zone's row in a table of the peers and the zone gets, from `score-table --json`, the overall, the
categories, the rank with its interval and the margins that `score --json` gives the zone scored against the peers."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from tests.conftest import EXAMPLES, run_cli
from scorer.score.peers import default_peers
from scorer.score.zone_table import among_others




def _tables(tmp_path, scored: dict, drop: list[str] = ()):
    """The bundled peer table (55 rows, as its sidecar declares: the region's national zones) with the zone's
    indicator values in place of its last zone (`together`), and the same peers with that zone's row left empty
    (`peers`: the 54 the zone is ranked against in both), each with the bundled sidecar (region, synthetic)."""
    src = default_peers()
    table = pd.read_csv(src, encoding="utf-8-sig").drop(columns=list(drop))
    zone = {"id": "ZK", "name_zh": "周口经开区", "synthetic": True,
            **{i["id"]: i["value"] for i in scored["indicators"] if i["id"] in table.columns}}
    together = pd.concat([table.iloc[:-1], pd.DataFrame([zone])], ignore_index=True)
    peers = table.copy()
    peers.iloc[-1, 3:] = np.nan  # a zone of the region without figures: counted by the sidecar, ranked by nobody
    paths = []
    for name, frame in (("together", together), ("peers", peers)):
        (tmp_path / name).mkdir()
        paths.append(tmp_path / name / src.name)
        frame.to_csv(paths[-1], index=False)
        shutil.copy(src.with_suffix(".yaml"), paths[-1].with_suffix(".yaml"))
    return paths


@pytest.mark.parametrize("drop", [[], ["fdi_growth", "co2_growth", "listed_companies"]], ids=["every column", "partial"])
def test_a_zone_in_score_table_gets_what_score_gives_it(tmp_path, drop):
    scored = json.loads(run_cli("--lang", "en", "score", EXAMPLES, "--json").stdout)
    path, peers = _tables(tmp_path, scored, drop)
    alone = run_cli("--lang", "en", "score", EXAMPLES, "--peers", peers, "--json")
    together = run_cli("--lang", "en", "score-table", "indicators/framework.yaml", path, "--json")
    assert alone.returncode == 0 and together.returncode == 0, alone.stderr + together.stderr
    want, got = json.loads(alone.stdout), json.loads(together.stdout)
    zone = next(u for u in got["units"] if u["unit"] == "ZK")
    assert zone["overall"]["score"] == pytest.approx(want["readiness"]["margins"]["score"], rel=1e-12)
    if not drop:  # on every indicator the zone's standing score is its overall, and its categories are score's
        assert zone["overall"] == {**want["overall"], "score": pytest.approx(want["overall"]["score"], rel=1e-12)}
        assert [c["id"] for c in zone["categories"]] == [c["id"] for c in want["categories"]]
        for c, w in zip(zone["categories"], want["categories"]):
            assert {k: c[k] for k in ("name_zh", "name_en", "weight")} == {k: w[k] for k in ("name_zh", "name_en", "weight")}
            assert c["score"] == pytest.approx(w["score"], rel=1e-12) and c["points_lost"] == pytest.approx(w["points_lost"], rel=1e-12)
    rank = dict(want["readiness"]["rank"])
    assert zone["rank"] == rank, (zone["rank"], rank)
    for key, value in want["readiness"]["margins"].items():
        assert zone["margins"][key] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key
    assert zone["ranks"]["index"] == rank["estimate"]


def test_among_others_is_each_zone_against_the_rest_by_hand():
    """The vectorised place of each zone among the others equals leaving the zone out and counting (ties, NaN,
    fewer others than the bottom N)."""
    rng = np.random.default_rng(7)
    for n in (1, 2, 5, 6, 7, 40):
        overall = np.round(rng.uniform(40, 90, n), 0)  # rounded: ties
        overall[rng.random(n) < 0.15] = np.nan
        got = among_others(overall, 5)
        for i, s in enumerate(overall):
            if not np.isfinite(s):
                assert got["ahead"][i] == -1 and np.isnan(got["median"][i])
                continue
            others = np.delete(overall, i)
            others = np.sort(others[np.isfinite(others)])
            assert got["ahead"][i] == (others > s).sum() and got["behind"][i] == (others < s).sum()
            assert got["of"][i] == len(others) + 1
            assert (np.isnan(got["median"][i]) if not len(others) else got["median"][i] == np.median(others))
            assert (np.isnan(got["bottom_line"][i]) if len(others) < 5 else got["bottom_line"][i] == others[4])


def test_a_coinr_table_keeps_its_own_shape(tmp_path):
    """COINr's tables (a uCode column) are scored with their own pipelines: no score-shaped zone objects."""
    from tests.conftest import ROOT

    asem = ROOT / "tests" / "data" / "coinr-asem"
    done = run_cli("import-coinr", asem / "ASEM_iMeta.csv", asem / "ASEM_iData.csv", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    out = run_cli("score-table", tmp_path / "framework.yaml", tmp_path / "data.csv", "--json")
    assert out.returncode == 0, out.stderr
    unit = json.loads(out.stdout)["units"][0]
    assert unit["overall"] is None and unit["rank"] is None and unit["ranks"]["index"] >= 1


def test_on_a_partial_table_the_overall_says_what_it_is_over(tmp_path):
    """bt17h F2: on a table of 27 of 30 indicators, a zone's `overall` is its score over those 27 (score's overall is
    over 30): the object is named so, not "Overall score"."""
    scored = json.loads(run_cli("--lang", "en", "score", EXAMPLES, "--json").stdout)
    path, _ = _tables(tmp_path, scored, ["fdi_growth", "co2_growth", "listed_companies"])
    got = json.loads(run_cli("--lang", "en", "score-table", "indicators/framework.yaml", path, "--json").stdout)
    zone = next(u for u in got["units"] if u["unit"] == "ZK")
    assert zone["overall"]["name_en"] == "score over the 27 indicators the table covers"
    assert zone["overall"]["name_zh"] == "对照表所含27项指标的得分"
    assert zone["margins"]["on_overall"] is False and zone["margins"]["indicators_compared"] == 27


def test_a_zone_without_a_category_is_ranked_not_comparable_and_named(tmp_path):
    """bt17h F3: a zone whose whole 对外开放 is blank is scored on the other categories: its rank is not comparable and
    one warning names it with the category."""
    scored = json.loads(run_cli("--lang", "en", "score", EXAMPLES, "--json").stdout)
    path, _ = _tables(tmp_path, scored)
    table = pd.read_csv(path)
    opening = [i["id"] for i in scored["indicators"] if i["group"] == "opening"]
    table.loc[table["id"] == "ZK", opening] = np.nan
    table.to_csv(path, index=False)
    done = run_cli("--lang", "en", "score-table", "indicators/framework.yaml", path, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    zone = next(u for u in out["units"] if u["unit"] == "ZK")
    assert zone["overall"]["empty_categories"] == ["opening"] and zone["rank"]["comparable"] is False
    assert all(u["rank"]["comparable"] for u in out["units"] if u["unit"] != "ZK")
    [said] = [p for p in out["problems"] if p["code"] == "zone_category_empty"]
    assert "ZK (对外开放)" in said["message_en"] and said["message_en"].startswith("1 zone has")


def test_score_names_the_peer_rows_it_cannot_rank(tmp_path):
    """bt17h F4: a peer row without figures is not among the peers the zone is ranked among ("of N"): score says so,
    naming it, as score-table does."""
    scored = json.loads(run_cli("--lang", "en", "score", EXAMPLES, "--json").stdout)
    _, peers = _tables(tmp_path, scored)  # its last zone's row is empty
    out = json.loads(run_cli("--lang", "en", "score", EXAMPLES, "--peers", peers, "--json").stdout)
    blank = pd.read_csv(peers)["id"].iloc[-1]
    [said] = [p for p in out["problems"] if p["code"] == "peer_unranked"]
    assert said["message_en"].startswith("1 row of the peer table has no overall score") and blank in said["message_en"]
    assert out["readiness"]["rank"]["of"] == 55  # 54 peers with a score and the zone


def test_a_warning_names_the_first_ten_and_counts_the_rest():
    from scorer import fmt

    assert fmt.first_named([f"Z{k}" for k in range(12)]) == "Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9 … (+2)"
    assert fmt.first_named(["A", "B"]) == "A, B"
