"""Issue 11 (bt-i11 F4): compare, uncertainty and plan give the worst and best case of an overall that rests on
doubtful indicators, as score does (ScoreResult.doubt_range), in --json and on the terminal; uncertainty says its
interval leaves the doubt out. The doubtful workbook is built here: 进出口 rows marked 万元 with their 亿元 figures."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, run_cli, slipped_sample


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    return slipped_sample(tmp_path_factory.mktemp("slipped"))


def test_every_command_gives_the_worst_case_of_a_doubtful_overall(slipped):
    score = json.loads(run_cli("score", str(slipped), "--json").stdout)["overall"]
    worst, best = score["worst_case"], score["best_case"]
    assert worst is not None and worst < score["score"] < best
    scenario = sorted((EXAMPLES / "scenarios").glob("*.yaml"))[0]
    compare = json.loads(run_cli("compare", str(slipped), str(scenario), "--json").stdout)
    base = compare["baseline"]["overall"]  # score's object (issue 11 item 7): the doubt range inside it
    assert base["worst_case"] == pytest.approx(worst) and base["best_case"] == pytest.approx(best)
    assert all(o["overall"]["worst_case"] is not None for o in compare["scenarios"])
    unc = json.loads(run_cli("uncertainty", str(slipped), "--draws", "100", "--json").stdout)
    assert unc["worst_case"] == pytest.approx(worst) and unc["best_case"] == pytest.approx(best)
    plan = json.loads(run_cli("plan", str(slipped), "--target", "90", "--json").stdout)
    assert plan["overall"]["worst_case"] == pytest.approx(worst) and plan["overall"]["best_case"] == pytest.approx(best)
    shown = run_cli("--lang", "zh", "uncertainty", str(slipped), "--draws", "100").stdout
    assert "不反映数据存疑" in shown and f"{worst:.1f}" in shown
    shown = run_cli("--lang", "zh", "compare", str(slipped), str(scenario)).stdout
    assert "存疑指标按最低分计" in shown and f"{worst:.1f}" in shown


def test_the_sample_has_no_worst_case_anywhere():
    for args in (("plan", str(EXAMPLES), "--target", "90"), ("uncertainty", str(EXAMPLES), "--draws", "50")):
        data = json.loads(run_cli(*args, "--json").stdout)
        doubt = data["overall"] if args[0] == "plan" else data  # plan: score's overall object; uncertainty: its own
        assert doubt["worst_case"] is None and doubt["best_case"] is None
