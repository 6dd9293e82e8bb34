"""Scoring by hand on a small framework: goalposts, weights, missing data, gaps and marginal points."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from scorer.score.engine import score
from scorer.framework.model import load_framework
from scorer.read.ingest import Observation
from scorer.score.panel import Panel

FIELDS = textwrap.dedent("""\
    fields:
      a: {label: 甲, unit: 万元, kind: flow}
      b: {label: 乙, unit: 万元, kind: flow}
      n: {label: 丙, unit: 个, kind: stock}
    """)
FRAMEWORK = textwrap.dedent("""\
    framework: {id: small, name_zh: 小, name_en: Small, version: "1"}
    groups:
      - id: g1
        name_zh: 第一类
        name_en: First
        weight: 60
        indicators:
          - {id: share, name_zh: 占比, name_en: Share, unit: "%", direction: higher, formula: a / b * 100,
             weight: 50, floor: 0, target: {value: 50, source: s, confidence: low}}
          - {id: growth, name_zh: 增速, name_en: Growth, unit: "%", direction: higher, formula: yoy(a),
             weight: 50, floor: -10, target: {value: 10, source: s, confidence: low}}
      - id: g2
        name_zh: 第二类
        name_en: Second
        weight: 40
        indicators:
          - {id: count, name_zh: 事故, name_en: Incidents, unit: 个, direction: lower, formula: n,
             weight: 100, floor: 10, target: {value: 0, source: s, confidence: low}}
    """)


def obs(field, value, period, basis="ytd", column="current"):
    return Observation(field, value, "万元", period, basis, "w.xlsx", "S", "A1", field, None, column)


@pytest.fixture
def fw(tmp_path):
    (tmp_path / "fields.yaml").write_text(FIELDS, encoding="utf-8")
    (tmp_path / "framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    return load_framework(tmp_path / "framework.yaml")


def panel(fw, observations):
    return Panel.from_observations(observations, fw.fields)


def test_a_hand_computed_score(fw):
    # share = 30/100·100 = 30 → 60; growth = 30/25 − 1 = 20% → capped at 100; count 4 → (4−10)/(0−10) = 60.
    # g1 = (60·50 + 100·50)/100 = 80; g2 = 60; overall = 0.6·80 + 0.4·60 = 72.
    result = score(fw, panel(fw, [obs("a", 30, "2022Q4"), obs("b", 100, "2022Q4"), obs("a", 25, "2021Q4", column="prior"),
                                  obs("n", 4, "2022Q4", "stock")]))
    ind = {i.id: i for i in result.indicators}
    assert ind["share"].score == pytest.approx(60)
    assert ind["growth"].score == pytest.approx(100)
    assert ind["count"].score == pytest.approx(60)
    assert {g.id: g.score for g in result.groups} == pytest.approx({"g1": 80, "g2": 60})
    assert result.overall == pytest.approx(72)
    # Points lost against a perfect score add up to what the overall score is missing.
    assert ind["share"].points_lost == pytest.approx(0.3 * 40)
    assert ind["count"].points_lost == pytest.approx(0.4 * 40)
    assert sum(i.points_lost for i in result.indicators) == pytest.approx(100 - 72)
    # Gaps are in raw units; marginal points per raw unit = effective weight · 100 / (target − floor).
    assert ind["share"].gap_to_target == pytest.approx(20)
    assert ind["count"].gap_to_target == pytest.approx(4)
    assert ind["growth"].gap_to_target == 0
    assert ind["share"].marginal_points == pytest.approx(0.3 * 100 / 50)
    assert ind["count"].marginal_points == pytest.approx(0.4 * 100 / 10)
    assert ind["growth"].marginal_points == 0


def test_a_missing_indicator_drops_out_with_its_weight_and_is_reported(fw):
    result = score(fw, panel(fw, [obs("a", 30, "2022Q4"), obs("a", 25, "2021Q4", column="prior"),
                                  obs("n", 4, "2022Q4", "stock")]))
    assert result.overall == pytest.approx(0.6 * 100 + 0.4 * 60)
    share = next(i for i in result.indicators if i.id == "share")
    assert share.value is None and share.missing_fields == ["b"]
    assert any("share" in p.message and "乙" in p.message for p in result.problems)


def test_a_published_growth_rate_stands_over_the_recomputed_one(fw):
    result = score(fw, panel(fw, [obs("a", 30, "2022Q4"), obs("a", 25, "2021Q4", column="prior"),
                                  obs("a", 4.0, "2022Q4", "growth", "growth"), obs("b", 100, "2022Q4"),
                                  obs("n", 4, "2022Q4", "stock")]))
    growth = next(i for i in result.indicators if i.id == "growth")
    assert growth.value == pytest.approx(4.0)
    assert growth.score == pytest.approx(70)


def test_every_quarter_is_scored_and_the_latest_is_reported(fw):
    observations = []
    for period, a in [("2022Q1", 10), ("2022Q2", 20), ("2022Q3", 25), ("2022Q4", 30)]:
        observations += [obs("a", a, period), obs("b", 100, period), obs("n", 4, period, "stock")]
    result = score(fw, panel(fw, observations))
    assert result.periods == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert result.period == "2022Q4"
    assert result.values["share"].tolist() == pytest.approx([10, 20, 25, 30])


def test_annual_estimate_uses_last_years_seasonal_share_and_falls_back_to_linear(fw):
    p = panel(fw, [obs("a", 40, "2022Q2"), obs("a", 30, "2021Q2"), obs("a", 100, "2021Q4"), obs("b", 50, "2022Q2")])
    values, methods = p.annual_estimate("a", ["2022Q2"])
    assert values[0] == pytest.approx(40 * 100 / 30) and methods == ["seasonal"]
    values, methods = p.annual_estimate("b", ["2022Q2"])
    assert values[0] == pytest.approx(100) and methods == ["linear"]
    values, methods = p.annual_estimate("a", ["2021Q4"])
    assert values[0] == pytest.approx(100) and methods == ["actual"]


def test_the_result_records_the_configuration_it_came_from(fw):
    result = score(fw, panel(fw, [obs("a", 30, "2022Q4"), obs("b", 100, "2022Q4")]), input_files={"w.xlsx": "abc"})
    assert result.config["framework"]["sha256"] == fw.sha256
    assert result.config["inputs"] == {"w.xlsx": "abc"}
    assert result.config["normalisation"]["method"] == "goalposts"
    assert np.isfinite(result.overall)


def test_locf_carries_a_value_forward_at_most_max_age_quarters_and_flags_it():
    from scorer.methods.impute import impute

    X = np.array([[1.0, 5.0], [np.nan, 6.0], [np.nan, np.nan], [4.0, np.nan]])
    filled, mask = impute(X, "locf", max_age=1)
    assert np.array_equal(filled, np.array([[1, 5], [1, 6], [np.nan, 6], [4, np.nan]]), equal_nan=True)
    assert mask.tolist() == [[False, False], [True, False], [False, True], [False, False]]
    unbounded, _ = impute(X, "locf")
    assert unbounded[2, 0] == 1 and unbounded[3, 1] == 6


def test_the_sample_zone_carries_half_yearly_co2_into_the_odd_quarters(sample_run):
    from scorer.pipeline import run
    from tests.conftest import EXAMPLES

    q3 = run([EXAMPLES], period="2022Q3").result
    co2 = next(i for i in q3.indicators if i.id == "co2_intensity")
    q2_value = q3.values.at["2022Q2", "co2_intensity"]
    assert co2.imputed and co2.value == pytest.approx(q2_value)
    assert not any(i.imputed for i in sample_run.result.indicators)  # 2022Q4 has every figure


def test_points_to_target_equal_points_lost_under_goalposts(sample_run):
    for i in sample_run.result.indicators:
        if i.points_lost is not None:
            assert i.points_to_target == pytest.approx(i.points_lost)
