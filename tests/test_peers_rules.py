"""The zone among its peers (synthetic by default, and said so) and the readiness verdict from YAML rules."""

from __future__ import annotations

import json
import textwrap

import pandas as pd
import pytest

from scorer.errors import ScorerError
from scorer.score.peers import default_peers, load_peers, standing
from scorer.score.rules import judge, load_rules
from tests.conftest import EXAMPLES, ROOT, run_cli


def test_the_default_peer_set_is_synthetic_and_labelled_so(framework):
    peers = load_peers(None, framework)
    assert peers.synthetic
    assert len(peers.values) == 55  # the central zones of the 2023 statistics release (yardstick central_2023_zones)
    assert all("合成" in name for name in peers.names.values())
    assert list(peers.values.columns) == list(framework.indicators)
    assert "synthetic" in default_peers().name


def test_the_peer_set_is_regenerated_identically_by_its_script(tmp_path):
    import subprocess
    import sys

    before = default_peers().read_bytes()
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_peers.py")], check=True, capture_output=True)
    assert default_peers().read_bytes() == before


def test_the_synthetic_peers_are_centred_on_the_published_per_zone_averages(framework):
    values = load_peers(None, framework).values
    # 2023 central per-zone means (Ministry statistics release): FDI US$4 364万, trade 191亿元.
    assert values["fdi_amount"].mean() == pytest.approx(4364, rel=0.1)
    assert values["trade_amount"].mean() == pytest.approx(191, rel=0.1)


def test_rank_counts_the_peers_scoring_higher(framework, sample_run):
    zone = sample_run.result.values.loc[sample_run.result.period]
    peers = load_peers(None, framework)
    st, groups = standing(framework, zone, peers)
    overall = groups["index"]
    assert st.rank == 1 + int((overall.drop("__zone__") > overall["__zone__"]).sum())
    assert st.of == 56
    assert overall["__zone__"] == pytest.approx(sample_run.result.overall)  # fixed targets: peers change nothing


def test_a_real_peer_table_by_chinese_column_names(framework, sample_run, tmp_path):
    path = tmp_path / "peers.csv"
    pd.DataFrame({"名称": ["甲经开区", "乙经开区"], "实际使用外资金额": ["50,000", "—"],
                  "进出口总额": [500, 20]}).to_csv(path, index=False)
    peers = load_peers(path, framework)
    assert not peers.synthetic
    assert peers.values.loc["甲经开区", "fdi_amount"] == 50000
    assert pd.isna(peers.values.loc["乙经开区", "fdi_amount"])
    assert peers.notes  # says which indicators the table lacks


def test_a_peer_table_with_text_in_a_number_cell_names_the_line(framework, tmp_path):
    path = tmp_path / "peers.csv"
    path.write_text("id,fdi_amount\nA,100\nB,lots\n", encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    (problem,) = info.value.problems
    assert problem.location.line == 3 and "'lots'" in problem.message


def test_the_default_rules_judge_the_sample_zone(framework, sample_run):
    verdict = sample_run.verdict
    by_id = {r.id: r for r in verdict.rules}
    assert by_id["tax_revenue_min"].value == pytest.approx(16.17)
    assert by_id["tax_revenue_min"].passed
    # Exports: 29.34亿元 in 2022 at 6.73 元 per US$ ≈ US$4.36亿.
    assert by_id["exports_min"].value == pytest.approx(29.34 / 6.73, rel=1e-6)
    # Historic thresholds never decide; the analyst's conditions are unknown until given.
    decided = [r.passed for r in verdict.rules if r.deciding and r.role != "input"]
    assert all(r.passed is None for r in verdict.rules if r.role == "input")
    assert verdict.ready is (None if all(decided) else False)


def test_a_failed_rule_makes_the_verdict_no_and_is_named(framework, sample_run, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent("""\
        name_zh: 测试
        name_en: Test
        overall_min: {value: 95, source: 测试, confidence: low}
        thresholds:
          - {id: trade, name_zh: 进出口不低于300亿元, name_en: Trade, indicator: trade_amount, op: ">=", value: 300,
             unit: 亿元, source: 测试, confidence: low}
        """), encoding="utf-8")
    verdict = judge(load_rules(path, framework), sample_run.result, sample_run.panel, sample_run.standing)
    assert verdict.ready is False
    assert [r.id for r in verdict.rules if r.passed is False] == ["overall_min", "trade"]


def test_a_rule_naming_an_unknown_indicator_is_an_error_with_its_line(framework, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("name_zh: a\nname_en: b\nthresholds:\n  - {id: x, name_zh: x, name_en: x, indicator: nope, "
                    "op: '>=', value: 1, source: s, confidence: low}\n", encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_rules(path, framework)
    assert info.value.problems[0].location.line == 4


def test_score_json_carries_rank_verdict_and_gaps_sorted_by_points():
    done = run_cli("score", EXAMPLES, "--json")
    data = json.loads(done.stdout)
    assert data["standing"]["synthetic"] is True and data["standing"]["of"] == 56
    assert data["verdict"]["label_zh"]
    lost = [g["points_lost"] for g in data["gaps"]]
    assert lost == sorted(lost, reverse=True) and lost
    assert data["config"]["peers"]["synthetic"] is True


def test_score_prints_verdict_and_says_the_rank_is_against_synthetic_peers():
    done = run_cli("score", EXAMPLES, "--lang", "zh")
    assert "判定" in done.stdout
    assert "估算排名" in done.stdout and "合成样本" in done.stdout


def test_a_rule_names_its_indicator_by_id_or_by_chinese_name_as_scenarios_do(framework, sample_run, tmp_path):
    rules = []
    for name in ("trade_amount", framework.indicators["trade_amount"].name_zh + " "):
        path = tmp_path / "rules.yaml"
        path.write_text("name_zh: 测试\nname_en: Test\nthresholds:\n"
                        f"  - {{id: trade, name_zh: 进出口, name_en: Trade, indicator: '{name}', op: '>=', value: 300, "
                        "unit: 亿元, source: 测试, confidence: low}\n", encoding="utf-8")
        rules.append(judge(load_rules(path, framework), sample_run.result, sample_run.panel, sample_run.standing))
    by_id, by_name = ([r for r in v.rules if r.id == "trade"][0] for v in rules)
    assert by_id.value is not None and (by_name.value, by_name.passed) == (by_id.value, by_id.passed)
