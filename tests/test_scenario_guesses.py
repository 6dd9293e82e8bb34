"""No silent guesses in scenario files (issue 11 point 4; bt11 fault 13): percentages of one parent that do
not add up to 100 % were rescaled in silence, and `= 0.05` for a rate in % was read as 0.05 %."""

from __future__ import annotations

import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.whatif.changes import load_scenario

_FRAMEWORK = load_framework()
_RATES = [i for i, ind in _FRAMEWORK.indicators.items() if ind.unit.strip() in ("%", "％")]


def _load(tmp_path, body: str):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\n" + body, encoding="utf-8")
    return path, load_scenario(path, _FRAMEWORK)


def _weights(values) -> str:
    return "weights:\n" + "".join(f"  {g}: {v}%\n" for g, v in zip(_FRAMEWORK.top_groups, values))


@pytest.mark.parametrize("shift", [5, -5, 0.5, 30])
def test_percentages_of_one_parent_not_adding_up_to_100_are_refused_at_their_line(tmp_path, shift):
    base = [_FRAMEWORK.groups[g].weight * 100 for g in _FRAMEWORK.top_groups]
    values = [base[0] + shift, *base[1:]]
    with pytest.raises(ScorerError) as info:
        _load(tmp_path, _weights(values))
    [p] = info.value.problems
    assert p.location.line == 3 and "100%" in p.message, p.render()


def test_percentages_adding_up_to_100_and_a_lone_percentage_are_read_as_written(tmp_path):
    base = [_FRAMEWORK.groups[g].weight * 100 for g in _FRAMEWORK.top_groups]
    moved = [base[0] + 5, base[1] - 5, *base[2:]]
    _, sc = _load(tmp_path, _weights(moved))
    assert sc.weights[_FRAMEWORK.top_groups[0]] == pytest.approx(moved[0])
    _, lone = _load(tmp_path, f"weights:\n  {_FRAMEWORK.top_groups[0]}: 35%\n")
    assert lone.weights == {_FRAMEWORK.top_groups[0]: 35.0}


@pytest.mark.parametrize("indicator", _RATES)
@pytest.mark.parametrize("written", ["= 0.05", "= 0.5", "= -0.3"])
def test_a_rate_in_percent_set_below_1_without_a_percent_sign_is_refused_at_its_line(tmp_path, indicator, written):
    with pytest.raises(ScorerError) as info:
        _load(tmp_path, f"indicators:\n  {indicator}: {written}\n")
    [p] = info.value.problems
    assert p.location.line == 3 and "below 1" in p.message


@pytest.mark.parametrize("indicator", _RATES[:3])
def test_a_rate_set_with_its_percent_sign_or_at_1_or_more_is_read(tmp_path, indicator):
    _, sc = _load(tmp_path, f"indicators:\n  {indicator}: = 5\n")
    assert sc.indicators[indicator].amount == 5
    _, sc = _load(tmp_path, f"indicators:\n  {indicator}: = 0.5%\n")
    assert sc.indicators[indicator].amount == 0.5
