"""bt12g F3: a rule threshold of one's own (`role: user`, `basis: judgement`) was held to nothing: tax ≥ 710 亿元 (the
central mean is 71) decided the verdict with no word, and R&D intensity ≥ 0.015 % (1.5 % typed as a fraction) was
printed "≥ 0.0 %". A deciding threshold no published figure checks is held to its indicator's magnitude as the
framework's targets are (refused at its `value:` line), and a printed threshold keeps the digits of its claim."""

from __future__ import annotations

import pytest

from scorer import fmt
from scorer.errors import ScorerError
from scorer.score.peer_magnitude import expected_levels
from scorer.score.rules import load_rules

RULE = """name_zh: 自定规则
name_en: my rules
thresholds:
  - id: own
    role: {role}
    name_zh: 自定
    name_en: own rule
    indicator: {ind}
    op: "{op}"
    value: {value}
    unit: "{unit}"
    basis: judgement
    confidence: high
    source: 自定
"""


def _rules(tmp_path, ind, value, unit, role="user", op=">="):
    path = tmp_path / f"r-{ind}-{value}.yaml"
    path.write_text(RULE.format(ind=ind, value=value, unit=unit, role=role, op=op), encoding="utf-8")
    return path


def test_every_own_threshold_ten_times_off_its_indicator_is_refused_at_its_line(framework, tmp_path):
    """The kind: for each indicator the peer model gives a level, a threshold at the level passes; at 10× (and at
    ÷10 for a positive level) it is refused at the `value:` line, whatever the indicator (level, share, rate)."""
    levels = expected_levels(framework, None, None)
    assert len(levels) >= 20 and sum(not framework.indicators[i].spec.has_magnitude for i in levels) >= 3
    for ind, (level, _cites, _basis, spec) in levels.items():
        unit = framework.indicators[ind].unit
        op = ">=" if framework.indicators[ind].direction == "higher" else "<="
        load_rules(_rules(tmp_path, ind, f"{level:g}", unit, op=op), framework)
        if framework.indicators[ind].spec.has_magnitude:
            slips = [level * 10, level / 10] if level > 0 else []
        else:  # a rate: ten times a typical deviation from the level, or the level typed as a fraction
            scale = max(abs(level), spec.sd or 0.0)
            slips = [level + 10 * scale] + ([level / 100] if level > 0 else [])
        for value in slips:
            with pytest.raises(ScorerError) as exc:
                load_rules(_rules(tmp_path, ind, f"{value:g}", unit, op=op), framework)
            [problem] = exc.value.problems
            assert problem.code == "threshold_magnitude" and problem.location.line == 10, (ind, value)
            assert "'own'" in problem.render(), ind


def test_a_threshold_in_another_unit_is_held_in_the_indicators_unit(framework, tmp_path):
    """710 亿元 written as 7,100,000 万元 is as far off; 71 亿元 as 710,000 万元 passes."""
    load_rules(_rules(tmp_path, "tax_revenue", "710000", "万元"), framework)
    with pytest.raises(ScorerError):
        load_rules(_rules(tmp_path, "tax_revenue", "7100000", "万元"), framework)


def test_a_historic_threshold_is_not_held_to_the_magnitude(framework):
    """The 2010 thresholds (tax 5 亿元 against a mean of 71) are shown, never deciding: the bundled rules load."""
    rules = load_rules(None, framework)
    assert any(t.role == "historic" and t.indicator == "tax_revenue" for t in rules.spec.thresholds)


@pytest.mark.parametrize("value,unit", [(0.015, "%"), (1.55, "%"), (71.25, "亿元"), (0.0123, "亿元"), (5000, "人"),
                                        (12.5, "分")])
def test_a_printed_threshold_is_the_number_it_claims(value, unit):
    text = fmt.claim(value, unit)
    assert float(text.replace(",", "").replace("−", "-")) == pytest.approx(value, rel=1e-9), text


def test_the_conditions_table_prints_the_threshold_as_written(tmp_path):
    from tests.conftest import EXAMPLES, run_cli

    path = _rules(tmp_path, "rd_intensity", "1.55", "%")
    done = run_cli("score", EXAMPLES, "--rules", str(path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert ">= 1.55 %" in done.stdout and ">= 1.6 %" not in done.stdout


@pytest.mark.parametrize("key", ["overall_min", "category_min", "bottom_n", "rank_share_max"])
def test_a_rule_parameter_as_a_bare_number_is_told_how_to_write_it_at_its_line(framework, tmp_path, key):
    """bt12g §8: `overall_min: 60` failed with pydantic's 'Input should be a valid dictionary or instance of Target'."""
    path = tmp_path / "bare.yaml"
    path.write_text(f"name_zh: 自定\nname_en: own\n{key}: 60\n", encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_rules(path, framework)
    [problem] = exc.value.problems
    assert problem.location.line == 3 and "bare number" in problem.render() and "value: 60" in problem.render()
    assert "valid dictionary" not in problem.render()
