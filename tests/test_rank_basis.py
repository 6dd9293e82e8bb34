"""What a rank rests on: a peer table covering some indicators ranks the zone on those, and every rank and margin
sentence names that score (never beside the overall one as if it were it); a table of too few indicators (their
weight below the framework's min_share) leaves the region's rank conditions not judged, said at the verdict; a
condition not judged carries no margin; the peer model is read once per framework."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from scorer.score import peer_model
from scorer.score.peers import default_peers, load_peers, rank_basis
from tests.conftest import EXAMPLES, run_cli
from tests.test_peer_claims import copy_table


def keep_columns(tmp_path, name, columns, meta=lambda m: m):
    """The bundled table with only the zone columns and `columns`, its sidecar the bundled one (minus levels)."""
    path = copy_table(tmp_path, name, meta=lambda m: meta({k: v for k, v in m.items() if k != "indicators"}))
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table[["id", "name_zh", "synthetic", *columns]].to_csv(path, index=False)
    return path


def score_json(*args) -> dict:
    done = run_cli("score", str(EXAMPLES), "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_rank_basis_is_the_covered_indicators_weight_against_min_share(framework):
    assert rank_basis(framework, list(framework.indicators)) == (30, 30, pytest.approx(1.0), 0.5)
    k, n, weight, least = rank_basis(framework, ["gdp_amount"])
    assert (k, n, least) == (1, 30, 0.5) and weight == pytest.approx(framework.indicators["gdp_amount"].effective_weight)
    # a category's worth of indicators is a partial table, not a thin one
    quality = [i for i, x in framework.indicators.items() if x.parent == "quality"]
    assert rank_basis(framework, quality)[2] < 0.5


@pytest.mark.parametrize("columns", [["gdp_amount"], ["gdp_amount", "tax_revenue", "trade_amount", "fdi_amount"]])
def test_a_thin_peer_table_decides_no_rank_condition_and_says_so_at_the_verdict(tmp_path, framework, columns):
    path = keep_columns(tmp_path, f"thin{len(columns)}", columns)
    data = score_json("--peers", str(path))
    r = data["readiness"]
    rank_conditions = [c for c in r["conditions"] if c["id"] in ("bottom_n", "rank_share_max")]
    assert [c["status"] for c in rank_conditions] == ["not_judged", "not_judged"]
    assert all(c["margin_points"] is None and "只含" in c["reason"] for c in rank_conditions)
    assert data["verdict"]["ready"] is None and data["verdict"]["label_zh"] != "尚不具备升级条件"
    assert f"对照表只含{len(columns)}项指标" in data["verdict"]["label_zh"]
    m = r["margins"]
    assert not m["on_overall"] and m["indicators_compared"] == len(columns) and m["weight_compared"] < 0.5
    # the margins are on the covered score, which the label names beside them; the overall is another number
    assert m["score"] != pytest.approx(data["overall"]["score"] if isinstance(data["overall"], dict) else data["overall"])
    assert f"得分 {m['score']:.1f} 比较，非综合得分" in r["label_zh"] and "两项条件未判定" in r["label_zh"]
    text = run_cli("score", str(EXAMPLES), "--peers", str(path), "--lang", "zh").stdout
    assert f"按对照表所含{len(columns)}/30项指标的得分" in text and "不能按此对照表判定（对照表只含" in text
    # in English the same basis and the same reason, never the other-region one (the table is central's)
    text = " ".join(run_cli("score", str(EXAMPLES), "--peers", str(path), "--lang", "en").stdout.split())
    assert f"on the score over the {len(columns)} of 30 indicators of the comparison table" in text, text
    assert f"(not judged on this peer table: it has {len(columns)} of 30 indicators" in text, text
    assert f"— the peer table has {len(columns)} of 30 indicators" in text and "not the region's national zones" not in text


def test_a_partial_table_of_enough_weight_judges_and_names_its_basis(tmp_path, framework):
    keep = [i for i, x in framework.indicators.items() if x.parent not in ("coordination",)]
    path = keep_columns(tmp_path, "most", keep)
    r = score_json("--peers", str(path))["readiness"]
    assert {c["status"] for c in r["conditions"] if c["id"] in ("bottom_n", "rank_share_max")} <= {"met", "not_met"}
    assert not r["margins"]["on_overall"] and r["margins"]["weight_compared"] >= 0.5
    assert f"按对照表所含{len(keep)}/30项指标的得分" in r["label_zh"]
    full = score_json()["readiness"]
    assert full["margins"]["on_overall"] and "非综合得分" not in full["label_zh"]


def test_a_condition_not_judged_against_another_regions_table_carries_no_margin(tmp_path):
    path = copy_table(tmp_path, "eastern", meta=lambda m: {**{k: v for k, v in m.items() if k not in ("indicators", "zones",
                                                                                                   "cites")},
                                                           "region": "eastern", "synthetic": False})
    r = score_json("--peers", str(path))["readiness"]
    for c in r["conditions"]:
        if c["status"] == "not_judged":
            assert c["margin"] is None and c["margin_points"] is None, c


def test_the_peer_model_is_parsed_once_for_every_check_of_a_peer_table(framework, monkeypatch):
    calls = []
    real = peer_model.load_model
    monkeypatch.setattr(peer_model, "load_model", lambda path, *a, **k: calls.append(path) or real(path, *a, **k))
    monkeypatch.setattr(peer_model, "_MODELS", {})
    load_peers(default_peers(), framework)
    assert len([c for c in calls if str(c).endswith("model.yaml")]) == 1


def test_the_monte_carlo_holds_a_real_peer_tables_figures_and_says_so(tmp_path):
    """A real (not synthetic) table's figures are measured: no draw moves their levels or spreads, and the line of
    assumptions says they are held (it called them 假设值 and varied them); a synthetic set's are varied."""
    real = copy_table(tmp_path, "real", meta=lambda m: {**{k: v for k, v in m.items() if k not in ("indicators", "synthetic")},
                                                        "name_zh": "中部国家级经开区（整理）"})
    table = pd.read_csv(real, dtype=str, keep_default_na=False).drop(columns=["synthetic"])
    table.to_csv(real, index=False)
    for peers, varied in ((real, False), (None, True)):
        export = tmp_path / f"draws-{varied}.csv"
        done = run_cli("uncertainty", EXAMPLES, "--draws", "40", "--seed", "2", "--export", export, "--lang", "zh",
                       *(["--peers", peers] if peers else []))
        assert done.returncode == 0, done.stderr
        columns = pd.read_csv(export, nrows=1).columns
        assert any(c.startswith(("pl:", "ps:")) for c in columns) is varied
        said = done.stdout.replace("\n", "")
        assert ("对照样本为实际数据表（非合成）：其各项数值不作为假设变动" in said) is not varied
        assert ("（假设值" in said) is varied
        # the JSON's assumptions are the ones applied: a real table's levels and spreads at 0 (it said peer_levels: 10)
        data = json.loads(run_cli("uncertainty", EXAMPLES, "--draws", "40", "--seed", "2", "--json",
                                  *(["--peers", peers] if peers else [])).stdout)
        assert (data["assumptions"]["peer_levels"] > 0 and data["assumptions"]["peer_spreads"] > 0) is varied
