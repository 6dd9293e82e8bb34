"""One unit per statistic throughout the report (bt13 13): the plan table's 进出口总额 +7,627万元 beside 48.6亿元 and
规划值 49.4亿元 everywhere else. A change takes the unit its statistic's level is said in (`_Words.amount`'s `like`)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pdfplumber
import pytest

from scorer.report.model import _Words
from scorer.report.plan_view import plan_view
from scorer.whatif.plan import load_efforts


def _units_by_field(text: str, labels: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for label in labels:
        for m in re.finditer(re.escape(label) + r"[\s◇（(]*[+−]?\s*[\d,]+(?:\.\d+)?\s*\u2060?(万元|亿元|吨|万吨)", text):
            found.setdefault(label, set()).add(m.group(1))
    return found


@pytest.mark.parametrize("name", ["full_target", "q3"])
def test_every_statistic_is_said_in_one_unit_throughout_the_report(layout_reports, name, sample_run):
    """Every amount printed right after a statistic's name (the action, effort and plan tables, page 2, the category
    sentences), on every page: one unit per statistic (亿元 or 万元, 万吨 or 吨), whatever the size of a change."""
    w = _Words(sample_run.result, "zh")
    labels = sorted({w.field(f) for f in load_efforts(None, sample_run.framework).entries}, key=len, reverse=True)
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    mixed = {k: v for k, v in _units_by_field(text, labels).items() if len(v) > 1}
    assert not mixed, mixed


def test_a_plan_step_below_a_hundred_million_takes_its_statistic_s_unit(sample_run):
    """Built for the case: a step of 7,627万元 on a statistic of 48.6亿元 is +0.76亿元 (the plan's own table)."""
    w = _Words(sample_run.result, "zh")
    step = SimpleNamespace(field="trade_total", unit="万元", before=486000.0, after=493627.0, change=7627.0,
                           relative=7627 / 486000, effort=1.0, overall_after=71.0)
    plan = SimpleNamespace(target=92.0, already_met=False, data_met=False, reachable=True, best_actions=[],
                           max_overall=None, overall_before=70.8, overall_after=71.0, rank_before=21, rank_after=21,
                           total_effort=1.0, actions=[step], notes=[])
    text = plan_view(SimpleNamespace(plan=plan), w)["actions"][0]["text"]
    assert "亿元" in text and "万元" not in text, text
