"""`plan --scenario FILE` never leaves the file silently unwritten (bt16j F9): a target out of reach says so,
naming the file, and exits 1 (a script's next step does not run on a missing file); a goal already met says that
no scenario was written. Both languages, terminal and --json."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("lang,words", [("en", "no scenario written"), ("zh", "未写出情景")])
def test_an_unreachable_target_says_no_scenario_was_written_and_exits_1(tmp_path, lang, words):
    scenario, xlsx = tmp_path / "plan.yaml", tmp_path / "plan.xlsx"
    r = run_cli("plan", EXAMPLES, "--target", "99", "--scenario", scenario, "--xlsx", xlsx, "--lang", lang)
    assert r.returncode == 1, r.stderr
    assert words in r.stderr and "plan.yaml" in r.stderr and not scenario.exists()
    assert xlsx.exists()  # what was written is said and kept


def test_json_carries_the_unwritten_scenario(tmp_path):
    scenario = tmp_path / "plan.yaml"
    r = run_cli("plan", EXAMPLES, "--target", "99", "--scenario", scenario, "--json")
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert any(p["code"] == "scenario_not_written" for p in doc["problems"]), doc["problems"]


def test_a_goal_already_met_says_no_scenario_was_needed(tmp_path):
    scenario = tmp_path / "plan.yaml"
    r = run_cli("plan", EXAMPLES, "--target", "1", "--scenario", scenario, "--lang", "en")
    assert r.returncode == 0 and "no scenario written" in r.stderr and not scenario.exists()
