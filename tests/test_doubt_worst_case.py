"""Leaving a doubtful indicator out can RAISE the headline (issue 11, point 5 of the review: the zone's weakest
figures drop out and the others take their weight). The overall is therefore never shown alone: beside it, the
overall with the doubtful indicators scored at their lowest and at full marks, in the terminal, the JSON, the
watch log and the report's page 2."""

from __future__ import annotations

import json
import re

import pytest

from scorer import fmt
from scorer.pipeline import run
from scorer.score.engine import score_values
from tests.conftest import EXAMPLES, run_cli
from tests.test_quality import filled_template, pdf_text, watch_once


def _tax_in_yuan(fid, now, before):
    """税收收入 typed in 元 into the 万元 row (the zone's one figure ×10 000): doubtful, left out."""
    return (now * 1e4, before * 1e4) if fid == "tax_revenue" else (now, before)


@pytest.fixture(scope="module")
def tax_slip(framework, sample_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tax_slip")
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", _tax_in_yuan)
    return folder


def test_the_worst_case_is_the_overall_with_the_doubtful_values_at_their_floor(tax_slip, framework):
    r = run([tax_slip])
    res = r.result
    doubtful = [i.id for i in res.indicators if i.doubtful]
    assert doubtful and res.overall is not None
    worst, best = res.doubt_range()
    assert worst < res.overall <= best or worst <= res.overall < best
    # independently: score the quarter again with each doubtful indicator given its floor (the value that scores 0)
    values = res.values.copy()
    lo = res.doubts.leave_out.copy()
    for i in doubtful:
        values.at[res.period, i] = framework.indicators[i].floor
        lo.at[res.period, i] = False
    again = score_values(framework, values, left_out=lo)
    assert again.group_scores.at[res.period, "index"] == pytest.approx(worst, abs=1e-9)
    # and the flattering number is not the only one: here leaving the figures out raised the overall
    assert worst < res.overall


def test_the_worst_case_is_shown_beside_the_headline_everywhere(tax_slip, tmp_path, in_chinese):
    r = run([tax_slip])
    worst, best = (fmt.score(x) for x in r.result.doubt_range())
    said = f"按最低分计为{worst}，按满分计为{best}"
    done = run_cli("score", tax_slip, "--lang", "zh")
    assert said in "\n".join(done.stdout.splitlines()[:3]), done.stdout[:600]
    done = run_cli("score", tax_slip, "--lang", "en")  # the same line in English under --lang en (issue 15)
    head = "\n".join(done.stdout.splitlines()[:3])
    assert f"scored at their lowest it is {worst}, at full marks {best}" in head and "按最低分计" not in head, head
    data = json.loads(run_cli("score", tax_slip, "--json").stdout)
    assert data["overall"]["worst_case"] == pytest.approx(r.result.doubt_range()[0])
    assert data["overall"]["best_case"] == pytest.approx(r.result.doubt_range()[1])
    events, _ = watch_once(tax_slip, tmp_path / "watched")
    assert said in next(e for e in events if "已生成报告" in e)
    page2 = next(p for p in pdf_text(next((tmp_path / "watched").glob("*.pdf"))) if "综合评估" in p)
    flat = page2.replace(" ", "").replace("\n", "")
    assert said in flat and f"存疑按最低分计{worst}" in flat


def test_nothing_doubtful_no_range(sample_run):
    assert sample_run.result.doubt_range() is None
    assert sample_run.result.as_dict()["overall"]["worst_case"] is None
    done = run_cli("score", EXAMPLES, "--lang", "zh")
    assert "按最低分计" not in done.stdout and not re.search("存疑", done.stdout.splitlines()[1])
