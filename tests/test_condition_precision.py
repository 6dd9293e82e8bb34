"""bt13j F3: the conditions table prints the zone's value at its threshold's precision (28.33亿元/平方公里 beside
≥ 15.00亿元/平方公里, not 28.3294), more only where that rounding would put the value on the other side of the line."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest


def _decimals(text: str) -> int:
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", text)
    return len(number.group(1) or "")


@pytest.mark.parametrize("value, threshold, unit", [(28.3294, 15.0, "亿元/平方公里"), (4.35958, 25.0, "亿美元"),
                                                    (14.996, 15.0, "亿元/平方公里"), (16.1712, 5.0, "亿元")])
def test_the_value_is_printed_at_its_thresholds_precision(sample_run, value, threshold, unit):
    from scorer.report.model import _Words, _rule_number

    w = _Words(sample_run.result, "zh")
    rule = SimpleNamespace(id="x", unit=unit)
    shown, line = _rule_number(value, rule, w, against=threshold), _rule_number(threshold, rule, w)
    printed = float(re.search(r"\d[\d,]*(?:\.\d+)?", shown).group(0).replace(",", ""))
    assert (printed >= threshold) == (value >= threshold), (shown, line)  # never on the other side of the line
    if (round(value, _decimals(line)) >= threshold) == (value >= threshold):
        assert _decimals(shown) == _decimals(line), (shown, line)
