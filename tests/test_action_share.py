"""bt13j F0: an action's kind and the share printed beside it are one rule and one number. 基本可达标 is defined as
this year's change earning at least CLOSE_SHARE of the target's points; the share printed was the quantity's (91 % of
the CO₂ reduction, beside a footnote saying ≥95 %). The share printed is now the points' share, rounded down, so a
label and its figure never disagree, in the action table, page 2 and the terminal, in both languages."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from scorer.whatif.actions import CLOSE_SHARE, ActionItem, action_kind


@pytest.mark.parametrize("points_to_target", [0.74, 1.0, 2.5])
def test_the_kind_and_its_share_agree_on_a_grid(points_to_target):
    line = round(CLOSE_SHARE * 100)
    for k in range(0, 1000):  # short of the target: never all its points
        points = points_to_target * k / 1000
        # the quantity's share is set apart from the points' (a nonlinear field): the printed share must not follow it
        a = SimpleNamespace(change=0.5, change_to_target=1.0, points=points, points_to_target=points_to_target)
        kind = action_kind(1.0, 0.5, points, points_to_target)
        pct = int(ActionItem.share_this_year.fget(a).rstrip("%"))
        assert (pct >= line) == (kind == "nearly"), (points, pct, kind)
        assert pct < 100


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_action_table_prints_the_rules_share(sample_run, lang):
    from scorer.pipeline import Analyses, actions
    from scorer.report import brief
    from scorer.report.model import _Words
    from scorer.i18n import translator

    table = actions(sample_run)
    w = _Words(sample_run.result, lang)
    rows = brief._actions(w, translator(lang), table)
    seen = 0
    for a, row in zip(table.actions, rows):
        if a.kind == "closable":
            continue
        seen += 1
        printed = int(re.search(r"(\d+)%", row["type"]).group(1))
        assert printed == int(a.points / a.points_to_target * 100 + 1e-9) or printed == 99, (a.field, row["type"])
        assert (printed >= round(CLOSE_SHARE * 100)) == (a.kind == "nearly"), (a.field, row["type"])
    assert seen, "the sample must have an action that is not closable this year"
