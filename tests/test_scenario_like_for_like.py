"""bt11j F7: on a doubtful trade figure, compare and the report's scenario page showed the trade-expansion scenario
lowering the score (−0.4) and the rank (↓1), naming 'trade growth −2.83' as what moved: the scenario made trade growth
doubtful too, 对外开放 fell below min_share and dropped out, and four categories were set against the baseline's five.
A scenario that loses a category the baseline scores has no like-for-like change; a score lost to doubt moved nothing."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, ROOT, run_cli, slipped_sample


def test_a_scenario_losing_a_category_states_no_change_and_nothing_moved(tmp_path):
    folder = slipped_sample(tmp_path / "slip")
    scenario = ROOT / "examples" / "scenarios" / "外贸扩量.yaml"
    done = run_cli("compare", folder, scenario, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    base = set(data["baseline"]["overall"]["empty_categories"])
    lost = [o for o in data["scenarios"] if set(o["overall"]["empty_categories"]) - base]
    assert lost, "the case: the scenario makes a category drop out"
    for o in data["scenarios"]:
        assert all(m["score_after"] is not None and m["score_before"] is not None for m in o["moved"]), o["moved"]
    for o in lost:
        assert o["change_overall"] is None and o["change_rank"] is None and o["moved"] == []
    html = tmp_path / "r.html"
    shown = run_cli("--lang", "zh", "report", folder, "--scenario", scenario, "--format", "html", "-o", html)
    assert shown.returncode == 0, shown.stderr
    text = html.read_text(encoding="utf-8")
    assert "（−0.4）" not in text and "不可比" in text


def test_a_comparable_scenario_still_states_its_change(tmp_path):
    done = run_cli("compare", EXAMPLES, ROOT / "examples" / "scenarios" / "外贸扩量.yaml", "--json")
    (o,) = json.loads(done.stdout)["scenarios"]
    assert o["change_overall"] is not None and o["change_overall"] > 0 and o["moved"]
