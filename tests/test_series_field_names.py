"""series --field takes a statistic as the workbooks and peer tables write it, with its unit in brackets, and an
unknown fragment is answered with the statistics whose name holds it (bt15j F6)."""

from __future__ import annotations

import pytest

from scorer.cli.app import field_named
from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.resources import indicators_dir


@pytest.fixture(scope="module")
def fw():
    return load_framework(indicators_dir() / "framework.yaml")


def test_every_field_is_chosen_by_its_name_with_its_unit_in_any_bracket(fw):
    for fid, d in fw.fields.items():
        if d.unit:
            for written in (f"{d.label}（{d.unit}）", f"{d.label}({d.unit})", f"{d.label} [{d.unit}]", fid, d.label):
                assert field_named(fw, written) == fid, written


def test_brackets_holding_no_unit_name_no_field(fw):
    label = fw.fields["fdi_actual"].label
    with pytest.raises(ScorerError):
        field_named(fw, f"{label}（周口）")


@pytest.mark.parametrize("fragment", ["外资", "进出口"])
def test_a_fragment_is_answered_with_the_statistics_that_hold_it(fw, fragment):
    with pytest.raises(ScorerError) as caught:
        field_named(fw, fragment)
    hint = caught.value.problems[0].hint_zh
    holding = [d.label for d in fw.fields.values() if fragment in d.label]
    assert holding and all(label in hint for label in holding), hint
    assert not [d.label for d in fw.fields.values() if fragment not in d.label and f"（{d.label}）" in hint], hint
