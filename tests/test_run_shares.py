"""bt13j F9: with an indicator left out (doubtful, missing), every figure of the run is at one set of weights, the
shares the aggregation gave (`scorer.score.shares`): the per-indicator losses add up to their category's, the category
page's 失分 and "每提高…可提高约…分" agree with the action table's re-scored points, and page 2 says to verify the
doubtful figures first. Built here: the sample with its 进出口 rows marked 万元 over 亿元 figures (conftest.slipped_sample)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.conftest import slipped_sample


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    from scorer.pipeline import run

    return run([slipped_sample(tmp_path_factory.mktemp("slipped"))])


def _actions(r):
    from scorer.pipeline import actions

    return actions(r)


def _add_up(result):
    for g in result.groups:
        if g.points_lost is None:
            continue
        members = [i.points_lost or 0.0 for i in result.indicators if i.group == g.id]
        assert sum(members) == pytest.approx(g.points_lost, abs=1e-9), g.id
    assert sum(g.points_lost or 0.0 for g in result.groups) == pytest.approx(result.framework.meta.scale - result.overall)
    assert sum(i.weight_used for i in result.indicators) == pytest.approx(1.0)


def test_losses_add_up_with_doubtful_indicators_left_out(slipped):
    result = slipped.result
    left_out = [i for i in result.indicators if i.doubtful and i.score is None]
    assert left_out, "the built case must leave an indicator out"
    assert all(i.weight_used == 0 for i in left_out)
    _add_up(result)
    # a scored sibling of a left-out indicator carries more than its nominal weight, and its points follow
    sibling = next(i for i in result.indicators if i.group == left_out[0].group and i.score is not None and i.points_lost)
    assert sibling.weight_used > sibling.weight
    assert sibling.points_lost == pytest.approx(sibling.weight_used * (result.framework.meta.scale - sibling.score))


def test_narrative_step_and_action_never_exceed_the_loss_shown(slipped):
    result, actions = slipped.result, _actions(slipped)
    scale = result.framework.meta.scale
    for i in result.indicators:  # under goalposts, the gap at the marginal rate is the points to target
        if i.score is not None and 0 < i.score < scale and i.marginal_points and i.gap_to_target:
            assert i.marginal_points * i.gap_to_target == pytest.approx(i.points_to_target, rel=1e-6), i.id
    lost = {i.id: i.points_lost or 0.0 for i in result.indicators}
    assert actions is not None and actions.actions
    for a in actions.actions:  # re-scored, an action is worth at most the losses of the indicators it raises
        assert a.points_to_target <= sum(lost[x] for x in a.raises) + 1e-6, (a.field, a.points_to_target, a.raises)


def test_clean_sample_keeps_nominal_weights(sample_run):
    for i in sample_run.result.indicators:
        assert math.isclose(i.weight_used, i.weight), i.id
    _add_up(sample_run.result)


def test_a_category_without_a_score_passes_its_weight_on(framework):
    from scorer.score.shares import run_shares

    first = framework.top_groups[0]
    scores = {i: (math.nan if framework.indicators[i].parent == first else 50.0) for i in framework.indicators}
    scores.update({g: 50.0 for g in framework.groups})
    scores[first] = math.nan
    share = run_shares(framework, scores)
    assert share[first] == 0 and all(share[i] == 0 for i in framework.indicators if framework.indicators[i].parent == first)
    assert sum(share[i] for i in framework.indicators) == pytest.approx(1.0)
    assert sum(share[g] for g in framework.top_groups) == pytest.approx(1.0)


@pytest.mark.parametrize("lang, mark", [("zh", "不可比"), ("en", "not comparable")])
def test_the_henan_page_keeps_page_twos_caveat(slipped, sample_run, lang, mark):
    """bt13j F10: with the rank resting on doubtful data, page 2 says 不可比 and the Henan page placed the zone plainly."""
    from scorer.report import model as report_model

    def henan(r):
        inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                           generated=dt.date(2026, 12, 1), lang=lang)
        return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                                  peers=r.peers)["henan"]

    h = henan(slipped)
    zone = next(x for x in h["rows"] if x["zone_row"])
    assert mark in zone["score"] and mark in zone["central"] and h.get("caveat"), (zone, h.get("caveat"))
    clean = next(x for x in henan(sample_run)["rows"] if x["zone_row"])
    assert mark not in clean["score"] and not henan(sample_run).get("caveat")
