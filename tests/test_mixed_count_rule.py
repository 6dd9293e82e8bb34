"""A rule read from a figure that also counts what the rule does not name (the incident veto over 较大及以上安全生产事故
和环保督察问题数, which adds environmental inspection findings): 0 meets it; a breach cannot be told from the other
things counted, so it is not judged (to confirm, naming the figure and what it mixes), never failed — in score,
in the JSON and in every Monte Carlo draw."""

from __future__ import annotations

import json

import pytest

from scorer.score.rules import load_rules
from tests.conftest import EXAMPLES, run_cli


def condition(data: dict, ident: str) -> dict:
    return next(c for c in data["readiness"]["conditions"] if c["id"] == ident)


def test_every_deciding_threshold_over_the_mixed_incident_row_says_what_else_it_counts(framework):
    """The row's label names two things; a deciding rule over it must say which it does not name."""
    rules = load_rules(None, framework)
    for t in rules.spec.thresholds:
        if t.role in ("veto", "condition") and t.formula and "safety_env_incidents" in t.formula:
            assert t.also_counts and t.also_counts in framework.fields["safety_env_incidents"].label, t.id
            assert "环保督察" in t.name_zh, "the condition's row says what is counted"


def test_a_breach_of_a_mixed_count_is_to_confirm_not_failed():
    done = run_cli("score", EXAMPLES, "--period", "2021Q4", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    c = condition(data, "no_major_incident")
    assert c["value"] == 1 and c["status"] == "not_judged"
    assert "环保督察问题" in c["reason"] and "较大及以上生产安全事故和环保督察问题数" in c["reason"]
    assert "no_major_incident" in data["verdict"]["pending"]
    text = run_cli("score", EXAMPLES, "--period", "2021Q4", "--first-in-province", "--land-use-2024", "--lang", "zh").stdout
    assert "未判定：报告期内无较大及以上生产安全事故" in text and "同时计入环保督察问题" in text.replace("\n", "")
    assert "未满足 │ 1 " not in text
    # in English the same reason, never the Chinese one (RuleResult.reason_en)
    text = " ".join(run_cli("score", EXAMPLES, "--period", "2021Q4", "--first-in-province", "--land-use-2024",
                            "--lang", "en").stdout.split())
    assert "not judged: No major safety accident" in text and "also counts environmental inspection findings" in text
    assert "未判定" not in text and "环保督察" not in text and "not met │ 1 " not in text


def test_a_mixed_count_of_zero_meets_the_rule():
    data = json.loads(run_cli("score", EXAMPLES, "--json").stdout)
    assert condition(data, "no_major_incident")["status"] == "met"


def test_the_monte_carlo_never_fails_a_draw_on_a_mixed_count():
    done = run_cli("uncertainty", EXAMPLES, "--period", "2021Q4", "--draws", "60", "--seed", "3", "--json",
                   "--first-in-province", "--land-use-2024")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["pending_inputs"] == ["no_major_incident"]  # held as to confirm in every draw
    assert data["p_data_ready"] > 0 and data["p_undetermined"] == pytest.approx(data["p_data_ready"])


@pytest.mark.parametrize("value, status", [(5, "met"), (0, "not_judged")])
def test_a_users_rule_over_a_mixed_figure_is_judged_the_same_way(tmp_path, value, status):
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"""name_zh: 自定规则
name_en: own rules
thresholds:
  - id: own_veto
    role: user
    name_zh: 无事故
    name_en: No accident
    formula: safety_env_incidents
    op: "<="
    value: {value}
    basis: judgement
    unit: 起
    also_counts: 环保督察问题
    confidence: low
    source: 自定
""", encoding="utf-8")
    data = json.loads(run_cli("score", EXAMPLES, "--period", "2021Q4", "--rules", str(rules), "--json").stdout)
    rule = next(r for r in data["verdict"]["rules"] if r["id"] == "own_veto")
    assert rule["passed"] is (None if status == "not_judged" else True)


@pytest.mark.parametrize("lang, said", [("zh", "合计数另含环保督察问题"), ("en", "environmental inspection findings")])
def test_page_two_says_what_else_a_mixed_count_holds_by_its_name(layout_reports, lang, said):
    """The conditions table's margin for a veto left to confirm names what the count mixes in (the rule's
    `also_counts`), in the report's language; it said 其他事项 (other things) whatever the row held."""
    from scorer.report import brief
    from scorer.report.model import _Words

    r = layout_reports.run_of("2021Q4")
    view = brief.build(_Words(r.result, lang), r.result, r.standing, r.verdict, r.readiness, None, ("", "", None))["brief"]
    veto = [c for c in view["conditions"] if c["margin"].startswith(("本期", "1 "))]
    assert len(veto) == 1 and said in veto[0]["margin"] and "其他事项" not in veto[0]["margin"], veto
