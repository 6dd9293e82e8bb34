"""A share of Monte Carlo draws is never printed as a certainty: when every draw passed, `uncertainty` printed
'100%' (i12b, bt12g §6). fmt.probability writes the rule of three's bound from the number of draws ("≥99.9%" at
10 000 draws, "≥97.0%" at 100), and every call in the product passes the draws."""

from __future__ import annotations

import ast
import json

import pytest

from scorer import fmt
from tests.conftest import EXAMPLES, ROOT, run_cli


@pytest.mark.parametrize("draws, high, low", [(100, "≥97.0%", "≤3.0%"), (10_000, "≥99.9%", "≤0.1%"),
                                              (1_000_000, "≥99.9%", "≤0.1%"), (30, "≥90.0%", "≤10.0%")])
def test_every_draw_or_none_reads_as_a_bound(draws, high, low):
    assert fmt.probability(1.0, draws=draws) == high and fmt.probability(0.0, draws=draws) == low
    assert fmt.probability(1.0, 0, draws) != "100%" and fmt.probability(0.0, 0, draws) != "0%"


@pytest.mark.parametrize("p, draws", [(1.0, 200), (0.0, 200), (0.5, 100), (0.97, 10_000), (0.001, 1000)])
def test_bounds_of_a_share_hold_it_and_agree_with_the_printed_bound(p, draws):
    """The JSON's p_ready_bounds: a 95 % interval that holds the share, narrows with the draws, and at every draw
    (none) passing is the rule of three's bound the text prints (≥98.5% at 200 draws)."""
    low, high = fmt.probability_bounds(p, draws)
    assert 0.0 <= low <= p <= high <= 1.0 and high - low < 4 / draws ** 0.5
    wider = fmt.probability_bounds(p, draws // 10)
    assert wider[1] - wider[0] > high - low
    if p in (0.0, 1.0):
        assert (low, high) == ((1 - 3 / draws, 1.0) if p == 1.0 else (0.0, 3 / draws))
    else:  # Wilson's interval at 0.5 of 100: 0.4038-0.5962 (Newcombe 1998, table I's method 3)
        if (p, draws) == (0.5, 100):
            assert round(low, 4) == 0.4038 and round(high, 4) == 0.5962
    assert fmt.probability_bounds(None, draws) is None and fmt.probability_bounds(p, 0) is None


def test_every_call_of_the_formatter_passes_the_draws():
    """The kind: a new call formatting a share of draws without saying how many would print a bare bound."""
    calls = []
    for path in (ROOT / "scorer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "probability":
                calls.append((path.name, node.lineno, len(node.args) >= 3 or any(k.arg == "draws" for k in node.keywords)))
    assert len(calls) >= 6
    assert all(ok for *_, ok in calls), [c for c in calls if not c[2]]


@pytest.fixture(scope="module")
def loose_rules(tmp_path_factory):
    """The bundled rules with rank conditions every draw meets (the zone's own: not among the bottom 0, any share of
    peers ahead), so that every draw meets what the data decide. (A peer table with a doubtful cell did this until
    bt12h F1: its rank conditions are now judged on the range the left-out peer allows, and vary by draw.)"""
    import re

    text = (ROOT / "indicators" / "rules.yaml").read_text(encoding="utf-8")
    for key, value in (("rank_share_max", "1"), ("bottom_n", "0")):
        text, n = re.subn(rf"(^{key}:\n  value: )[^\n]+", rf"\g<1>{value}\n  basis: judgement", text, count=1, flags=re.M)
        assert n == 1, key
    path = tmp_path_factory.mktemp("r") / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_uncertainty_never_prints_a_certainty(loose_rules, lang):
    args = ("uncertainty", EXAMPLES, "--draws", "200", "--seed", "1", "--rules", str(loose_rules))
    data = json.loads(run_cli(*args, "--json").stdout)
    assert data["p_data_ready"] == 1.0 and data["draws"] == 200  # the case: every draw, a share of 200
    low, high = data["p_ready_bounds"]  # p_ready is 0 here (the analyst's conditions not given): its bound says so
    assert low == 0.0 and high == pytest.approx(3 / 200) and data["p_ready"] == 0.0
    shown = run_cli(*args, "--lang", lang)
    assert shown.returncode == 0, shown.stderr
    assert "100%" not in shown.stdout and "≥98.5%" in shown.stdout
