"""Counts are planned in whole things or people, in the unit they are counted in (scorer.units.whole_things)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("x, unit, up, expected", [
    (0.3, "万人", True, 0.3),  # 3 000 people: never 1万人
    (0.30001, "万人", True, 0.3001),
    (0.30009, "万人", False, 0.3),
    (2.2, "家", True, 3.0), (2.2, "个", False, 2.0), (3.0, "起", True, 3.0),
    (1234.5, "人", True, 1235.0),
    (2.2, "万元", True, 2.2), (0.37, "%", True, 0.37),  # money and rates are not counted in whole things
])
def test_a_count_is_rounded_to_whole_things_in_its_own_unit(x, unit, up, expected):
    from scorer.units import whole_things

    assert whole_things(x, unit, up=up) == pytest.approx(expected, abs=1e-12)


def test_a_plan_rounds_a_count_in_wan_people_to_whole_people_not_whole_wan():
    """The plan rounded 0.3万人 up to 1万人 (10 000 people for 3 000) and a range of 0.8万人 down to 0."""
    from types import SimpleNamespace

    import numpy as np

    from scorer.whatif.plan import _round_counts

    fields = [SimpleNamespace(unit="万人"), SimpleNamespace(unit="家"), SimpleNamespace(unit="万元")]
    out = _round_counts(np.array([0.3, 1.2, 0.37]), fields, np.array([0.8, 5.0, 10.0]))
    assert out.tolist() == pytest.approx([0.3, 2.0, 0.37])
    assert _round_counts(np.array([0.85]), fields[:1], np.array([0.8])).tolist() == pytest.approx([0.8])
