"""A target out of reach: the plan says so and shows the best plan the effort limits allow, step by step (the
report said only 最高约78.5分)."""

from __future__ import annotations


import pytest


@pytest.fixture(scope="module")
def out_of_reach(sample_run):
    from scorer.whatif.plan import plan

    return plan(sample_run, target=99.0)


def test_the_best_plan_within_the_limits_is_given_step_by_step(out_of_reach):
    p = out_of_reach
    assert not p.reachable and not p.actions  # no plan meets the goal
    assert p.best_actions, "the steps of the best plan"
    assert p.best_actions[-1].overall_after == pytest.approx(p.max_overall, abs=1e-6)
    assert all(a.change != 0 for a in p.best_actions)


@pytest.mark.parametrize("lang, words", [("zh", ["无法达到该目标", "得分最高的方案", "仍比目标低"]),
                                         ("en", ["cannot be reached", "best plan within them", "short of the target"])])
def test_the_report_gives_the_best_plan_s_steps_and_says_the_target_is_out_of_reach(sample_run, out_of_reach, lang, words):
    from scorer import fmt
    from scorer.report import model as report_model
    from scorer.report.plan_view import plan_view

    view = plan_view(type("A", (), {"plan": out_of_reach})(), report_model._Words(sample_run.result, lang))
    assert all(w in view["summary"] for w in words), view["summary"]
    assert fmt.distinct(out_of_reach.max_overall, 99.0, decimals=1) in view["summary"]
    assert len(view["actions"]) == len(out_of_reach.best_actions)
    assert view["actions"][-1]["after"] == fmt.score(out_of_reach.max_overall)


def test_plan_prints_the_best_plan_when_the_target_is_out_of_reach():
    from conftest import EXAMPLES, run_cli

    done = run_cli("plan", EXAMPLES, "--target", "99", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "cannot be reached" in done.stdout and "the best plan within the ranges:" in done.stdout
    assert "Foreign" in done.stdout or "foreign" in done.stdout, done.stdout[-2000:]
