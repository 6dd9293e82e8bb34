"""bt13j F21: a condition the analyst has answered (--first-in-province, --land-use-2024) is no longer typed 待确认 /
to confirm on page 2 or in the conditions table: its kind says it is the analyst's answer; unanswered, it stays 待确认."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import EXAMPLES


@pytest.mark.parametrize("lang, pending, given", [("zh", "待确认", "分析人员确认"), ("en", "to confirm", "analyst's answer")])
def test_an_answered_condition_is_typed_as_the_analysts_answer(sample_run, lang, pending, given):
    from scorer.pipeline import run
    from scorer.report import model as report_model

    def view(r):
        inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                           generated=dt.date(2026, 12, 1), lang=lang)
        return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                                  peers=r.peers)

    answered = run([EXAMPLES], inputs={"first_in_province": True, "land_use_2024": False})
    ids = {c["id"] for c in answered.readiness.conditions if c["role"] == "input"}
    assert ids, "the sample's rules must have analyst inputs"
    for r, word in ((answered, given), (sample_run, pending)):
        rows = [c for c, raw in zip(view(r)["brief"]["conditions"], r.readiness.conditions) if raw["role"] == "input"]
        assert rows and all(c["role"] == word for c in rows), [c["role"] for c in rows]
