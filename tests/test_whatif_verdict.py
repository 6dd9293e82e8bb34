"""A variant is never more ready than its conditions allow: the analyst's inputs decide every what-if verdict."""

from __future__ import annotations

import inspect
import json
import re

import pytest
import typer

from conftest import EXAMPLES, run_cli
from scorer import fmt
from scorer.whatif.changes import load_scenarios
from scorer.whatif.plan import plan
from scorer.whatif.scenario import compare
from scorer.whatif.uncertainty import monte_carlo

SCENARIOS = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
BOTH = {"first_in_province": True, "land_use_2024": True}


@pytest.fixture(scope="module")
def given_run():
    from scorer.pipeline import run

    return run([EXAMPLES], inputs=BOTH)


@pytest.fixture(scope="module")
def refused_run():
    from scorer.pipeline import run

    return run([EXAMPLES], inputs={"first_in_province": True, "land_use_2024": False})


def _outcomes(r):
    return compare(r, load_scenarios(SCENARIOS, r.framework)).outcomes


def test_the_sample_meets_its_data_conditions_so_the_inputs_are_what_decides(sample_run, given_run):
    # The premise of the tests below: were the data short, "not ready" would hold for another reason.
    assert sample_run.verdict.ready is None and given_run.verdict.ready is True


def test_compare_never_calls_a_variant_ready_while_an_input_is_pending(sample_run):
    for o in _outcomes(sample_run):
        assert o.ready is not True, o.name
        if o.data_ready:
            assert o.ready is None and o.verdict_zh.startswith("数据所及条件均满足，待确认：")
            assert "居本省省级开发区首位" in o.verdict_zh


def test_compare_with_every_input_given_judges_the_baseline_as_score_does(given_run, refused_run):
    outcomes = _outcomes(given_run)
    assert outcomes[0].ready is given_run.verdict.ready
    assert outcomes[0].verdict_zh == given_run.verdict.label_zh
    for o in _outcomes(refused_run):  # an input given "no" fails every variant, and is named among the failures
        assert o.ready is False and "满足2024年批复的用地条件" in o.failed_rules, o.name


def test_plan_does_not_claim_the_verdict_reached_while_an_input_is_pending(sample_run, given_run, refused_run):
    p = plan(sample_run, verdict=True)
    assert p.data_met is True and p.already_met is False and p.ready_before is None
    assert "目标已经达到" not in p.met_zh and "待确认" in p.met_zh and "居本省省级开发区首位" in p.met_zh
    assert "待确认" in p.verdict_before_zh
    given = plan(given_run, verdict=True)
    assert given.already_met is True and given.ready_before is given_run.verdict.ready
    refused = plan(refused_run, verdict=True)
    assert refused.already_met is False and refused.ready_before is False and "未满足" in refused.met_zh
    # A score target knows nothing of the inputs: reached is reached.
    assert plan(sample_run, target=10).already_met is True


def test_uncertainty_counts_a_pending_input_as_not_ready_and_says_so(sample_run, given_run, refused_run):
    pending = monte_carlo(sample_run, draws=40, seed=3)
    given = monte_carlo(given_run, draws=40, seed=3)
    refused = monte_carlo(refused_run, draws=40, seed=3)
    assert pending.p_ready == 0 and pending.p_undetermined == 1
    assert "待确认" in pending.p_ready_zh and "%" not in pending.p_ready_zh
    assert pending.p_data_ready == given.p_data_ready == given.p_ready > 0
    assert pending.p_data_undetermined == 0  # none of it for want of data
    assert refused.p_ready == 0 and refused.p_undetermined == 0 and refused.p_ready_zh == "0%"
    assert not pending.draws["ready"].eq(True).any()


def _judging_commands() -> dict:
    import scorer.cli.analysis  # noqa: F401  (registers compare, uncertainty, plan)
    import scorer.cli.commands  # noqa: F401
    from scorer.cli.app import app

    # A command judges when it scores workbooks: it calls scorer.pipeline.run (the watcher does, for each report).
    group = typer.main.get_command(app)
    scores = re.compile(r"from scorer\.pipeline import [^\n]*\brun\b|\bWatcher\(")
    return {name: cmd for name, cmd in group.commands.items() if cmd.callback is not None and scores.search(inspect.getsource(cmd.callback))}


def test_every_command_that_judges_takes_the_analysts_inputs():
    commands = _judging_commands()
    assert {"score", "report", "compare", "plan", "uncertainty", "watch"} <= set(commands)
    for name, cmd in commands.items():
        opts = {o for p in cmd.params for o in list(getattr(p, "opts", [])) + list(getattr(p, "secondary_opts", []))}
        assert {"--first-in-province", "--not-first-in-province", "--land-use-2024", "--no-land-use-2024"} <= opts, name


@pytest.mark.parametrize("args, ready", [
    (("compare", EXAMPLES, *SCENARIOS), lambda d: [o["ready"] for o in [d["baseline"], *d["scenarios"]]]),
    (("plan", EXAMPLES, "--verdict"), lambda d: [d["already_met"]]),
    (("uncertainty", EXAMPLES, "--draws", "30", "--seed", "1"), lambda d: [d["nominal_ready"], d["p_ready"] > 0]),
])
def test_the_cli_passes_the_inputs_through_and_pending_is_never_ready(args, ready):
    pending = json.loads(run_cli(*args, "--json").stdout)
    assert True not in ready(pending)
    given = run_cli(*args, "--json", "--first-in-province", "--land-use-2024")
    assert given.returncode == 0, given.stderr
    assert ready(json.loads(given.stdout))[0] is True  # the sample's data conditions are met (see the first test)


def test_a_share_of_draws_never_rounds_to_a_certainty():
    assert fmt.probability(0.99967) == ">99.9%" and fmt.probability(0.0004) == "<0.1%"
    assert fmt.probability(0.99967, 0) == ">99%" and fmt.probability(0.004, 0) == "<1%"
    assert fmt.probability(1.0) == ">99.9%" and fmt.probability(0.0) == "<0.1%"  # every or no draw: no certainty
    assert fmt.probability(0.5) == "50.0%" and fmt.probability(0.9994) == "99.9%"
    assert fmt.probability(None) == fmt.probability(float("nan")) == "—"


def test_no_probability_is_formatted_but_by_the_shared_formatter():
    from conftest import ROOT

    pattern = re.compile(r"\{[^{}]*\bp_\w+[^{}:]*:[^{}]*[%f]\}")  # an f-string field: {u.p_ready:.1%}, {p * 100:.1f}
    assert pattern.search('f"{u.p_ready:.1%}"') and pattern.search('f"{u.p_ready * 100:.1f}%"')
    hits = [f"{path.relative_to(ROOT)}:{k}" for path in (ROOT / "scorer").rglob("*.py")
            for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not hits, "probabilities are written with scorer.fmt.probability: " + ", ".join(hits)
