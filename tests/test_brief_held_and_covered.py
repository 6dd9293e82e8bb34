"""bt13j F12 and F20: page 2 states no certainty its method cannot support. A rank interval of one place (第1名（区间
第1名）) says the peers alone were resampled, the targets and normalisation held; the chance that the data conditions
are met says how many of the deciding conditions it covers (≥99.9 % of one veto, beside rank conditions not judged)."""

from __future__ import annotations

import copy
import datetime as dt
from types import SimpleNamespace

import pytest


def _brief(r, lang, readiness=None):
    from scorer.report import model as report_model

    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang=lang)
    return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems,
                              readiness or r.readiness, peers=r.peers)["brief"]


@pytest.mark.parametrize("lang, held", [("zh", "目标值与标准化方法未变"), ("en", "normalisation held")])
def test_an_interval_of_one_place_says_what_was_held(sample_run, lang, held):
    r = sample_run.readiness
    assert r.interval[0] != r.interval[1]
    assert held not in _brief(sample_run, lang)["sentence"]
    one = copy.copy(r)
    one.interval = (r.rank, r.rank)
    b = _brief(sample_run, lang, one)
    assert held in b["sentence"], b["sentence"]
    assert b["cards"][1]["sub"] != _brief(sample_run, lang)["cards"][1]["sub"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_conditions_chance_says_how_many_it_covers(sample_run, lang):
    from scorer.report.brief import with_analyses
    from scorer.report.model import _Words

    verdict = sample_run.verdict
    deciding = [x for x in verdict.rules if x.deciding]
    pending = [x.id for x in deciding][:len(deciding) - 1]  # all but one to confirm: the chance covers one
    u = SimpleNamespace(n=2000, rank=SimpleNamespace(median=21, q05=15, q95=27), pending_inputs=pending, failed_inputs=[],
                        undecided=False, p_data_ready=1.0, p_ready=0.0, p_data_undetermined=0.0)
    b = {"interval_at": None, "assumed": []}
    with_analyses(b, SimpleNamespace(uncertainty=u, plan=None), _Words(sample_run.result, lang), verdict)
    line = b["analyses"][0]
    said = f"{len(deciding)}项中数据所及的1项" if lang == "zh" else f"the 1 of {len(deciding)} deciding conditions"
    assert said in line, line
