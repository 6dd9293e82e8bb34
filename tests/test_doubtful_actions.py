"""No action, plan step or scenario is scored on a doubtful figure as if it were true (bt11i F0, F0b). The issue's own
slip (进出口总额 typed in 亿元 into the 万元 row) left the level indicators out, but the action table, the plan and a
scenario still added to the doubtful 48.59 万元 and recomputed 进出口总额增长率 from it: "进出口总额 49万元 +1万元,
一年内可达标" first of the actions, and a scenario's +10亿元 scored as 222 893 % growth."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, run_cli, slipped_total




def test_resolve_efforts_leaves_out_every_field_whose_figure_is_doubtful(sample_run):
    """Every field of the effort file, made doubtful this quarter, gets no action and a note naming it."""
    from scorer.errors import Location, Problem
    from scorer.messages import msg
    from scorer.whatif.efforts import default_efforts, load_efforts, resolve_efforts
    from scorer.whatif.scenario import Baseline

    base = Baseline.from_run(sample_run)
    efforts = load_efforts(default_efforts(), sample_run.framework)
    clean, _ = resolve_efforts(efforts, base)
    assert clean, "the sample has actionable fields"
    for fe in clean:
        doubt = Problem(msg("test"), Location(file="w.xlsx", sheet="s", cell="C7"), severity="doubtful",
                        code="unit_slip", field_id=fe.field, period=sample_run.result.period)
        sample_run.result.problems.append(doubt)
        try:
            kept, notes = resolve_efforts(efforts, base)
        finally:
            sample_run.result.problems.remove(doubt)
        assert fe.field not in [k.field for k in kept], fe.field
        label = sample_run.framework.fields[fe.field].label_en or sample_run.framework.fields[fe.field].label
        assert any("doubtful" in str(n) and str(label) in str(n) for n in notes), (fe.field, [str(n) for n in notes])


def test_the_issue_s_slip_gets_no_action_no_plan_step_and_its_scenario_is_marked(tmp_path):
    folder = slipped_total(tmp_path / "w")
    score = run_cli("score", folder, "--json")
    assert score.returncode == 0, score.stderr
    data = json.loads(score.stdout)
    doubtful = {i["id"] for i in data["indicators"] if i.get("doubtful")}
    assert "trade_amount" in doubtful  # the slip is found
    assert "trade_total" not in [a["field"] for a in data["actions"]["actions"]]
    plan = run_cli("plan", folder, "--target", "80", "--json")
    assert plan.returncode in (0, 1), plan.stderr
    steps = json.loads(plan.stdout)
    assert "trade_total" not in json.dumps(steps.get("steps") or steps.get("plan") or steps.get("measures") or [])
    compare = run_cli("compare", folder, EXAMPLES / "scenarios" / "外贸扩量.yaml", "--json")
    assert compare.returncode == 0, compare.stderr
    scenario = json.loads(compare.stdout)["scenarios"][-1]
    # its growth is recomputed from the doubtful level: doubtful, never a 222 893 % scored 100
    assert "trade_growth" in scenario["doubtful_indicators"], scenario["doubtful_indicators"]
    growth = [m for m in scenario.get("moved") or [] if m["id"] == "trade_growth"]
    assert all(m["value_after"] is None and m["score_after"] is None for m in growth), growth  # left out, not scored
