"""A message echoes the user's numbers as given: never rounded to a value that makes the message false.

`--target 100.0000001` was said as "--target 100: an overall score lies between 0 and 100"; a count
changed by 2.0000001 was "2 个 is not a whole number"; a share set to 100.0000001 % was "100 % is
impossible: at most 100 %". Each echo site is tried with a value a hair from what rounding would show.
"""

from __future__ import annotations


import pytest

from conftest import EXAMPLES, run_cli
from scorer import fmt
from scorer.errors import ScorerError
from scorer.whatif.changes import load_scenario
from scorer.whatif.plan import plan
from scorer.whatif.scenario import compare


@pytest.mark.parametrize("value", [100.0000001, 99.99999999, 0.1 + 0.2, 1e-7, 12345678.9, 90.0, -0.0])
def test_a_number_as_given_reads_back_as_the_same_number(value):
    assert float(fmt.as_given(value)) == value
    assert not fmt.as_given(value).endswith(".0")


@pytest.mark.parametrize("value, marks, decimals", [(100.0000001, (100,), None), (99.9999999, (100,), None),
                                                    (71.96, (72,), 1), (71.999, (72,), 1), (0.0, (0,), 1),
                                                    (33.3333333, (0, 100), None), (100.00000096, (100.0000009,), None)])
def test_a_value_shown_beside_its_bound_stays_on_its_side(value, marks, decimals):
    shown = float(fmt.distinct(value, *marks, decimals=decimals))
    for m in marks:
        assert (shown > m) == (value > m) and (shown < m) == (value < m)


def test_distinct_keeps_the_usual_precision_when_no_mark_is_near():
    assert fmt.distinct(71.94, 72, decimals=1) == "71.9"
    assert fmt.distinct(33.333333333, 0, 100) == "33.3333"


@pytest.mark.parametrize("target, code", [("100.0000001", 2), ("100.5", 2), ("-0.0000001", 2)])  # one exit (bt16k F8)
def test_plan_echoes_an_out_of_range_target_as_given(target, code):
    done = run_cli("plan", EXAMPLES, "--target", target)
    assert done.returncode == code and "Traceback" not in done.stderr
    assert any(text in done.stderr for text in (target, fmt.as_given(float(target)))), done.stderr


def test_a_plan_goal_is_the_target_as_given(sample_run):
    p = plan(sample_run, target=99.99999999)
    assert "99.99999999" in p.goal_zh and "100分" not in p.goal_zh
    if not p.reachable and p.max_overall is not None:
        assert p.max_overall < 99.99999999


@pytest.mark.parametrize("body, echoed", [
    ("fields:\n  rd_institutions: +2.0000001\n", "2.0000001"),  # 个 or items, in the language in use
    ("indicators:\n  hightech_trade_share: = 100.0000001\n", "100.0000001"),
    ("fields:\n  fdi_actual: -100.00001%\n", "100.00001%"),
])
def test_a_refused_scenario_value_is_echoed_unrounded(sample_run, framework, tmp_path, body, echoed):
    path = tmp_path / "s.yaml"
    path.write_text("name: x\n" + body, encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        compare(sample_run, [load_scenario(path, framework)])
    assert echoed in str(info.value), str(info.value)


def test_shares_that_miss_one_by_a_hair_are_said_with_their_real_sum(framework, tmp_path):
    # 0.3 + 0.15 + 0.15 + 0.1 + 0.300002: "sum to 1, not 1" before
    path = tmp_path / "s.yaml"
    path.write_text("name: x\nweights:\n  opening: 0.3\n  innovation: 0.15\n  green: 0.15\n  coordination: 0.1\n"
                    "  quality: 0.300002\n", encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_scenario(path, framework)
    assert "sum to 1, not 1" not in str(info.value) and "1.000002" in str(info.value), str(info.value)


def test_uncertainty_echoes_an_out_of_range_option_as_given():
    done = run_cli("uncertainty", EXAMPLES, "--field-error", "fdi_actual=100.0000001", "--draws", "20")
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "100.0000001" in done.stderr, done.stderr
