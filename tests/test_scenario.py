"""Scenarios: a small framework scored by hand, the sample zone's examples, and bad scenario files with their lines."""

from __future__ import annotations

import io
import json
import re
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from scorer.errors import ScorerError
from scorer.whatif.changes import (Change, ChangeError, Scenario, dump_scenario, load_scenario, load_scenarios,
                                   parse_change)
from scorer.whatif.scenario import Baseline, compare
from tests.conftest import EXAMPLES, ROOT, run_cli

SCENARIOS = ROOT / "examples" / "scenarios"

# ------------------------------------------------------------------ a small zone, scored by hand
# Two categories: 开放 60% (外资金额 50, 外资增长率 25, 外资占全市比重 25) and 绿色 40% (能耗强度 50,
# 研发机构 50). The quarter is 2022Q2; 2021Q2 and 2021Q4 give the seasonal factor 800/300 and the
# prior year. By hand: 外资金额 360·8/3 = 960 → 96; 增长率 as published 15% → 100; 占比 30% → 60;
# 开放 88. 能耗强度 1100/1000 = 1.1 → 60; 研发机构 5 → 50; 绿色 55. 综合 0.6·88 + 0.4·55 = 74.8.
FIELDS = """
version: 1
fields:
  fdi: {label: 实际使用外资金额, unit: 万美元, kind: flow}
  city_fdi: {label: 全市实际使用外资金额, unit: 万美元, kind: flow}
  energy: {label: 综合能源消费量, unit: 吨标准煤, kind: flow}
  va: {label: 规上工业增加值, unit: 万元, kind: flow}
  rd_inst: {label: 省级研发机构数, unit: 个, kind: stock}
  tax: {label: 税收收入, unit: 万元, kind: flow}
"""

FRAMEWORK = """
framework: {id: small, name_zh: 小框架, name_en: Small, version: "1", fields: fields.yaml, weights: percent}
normalisation: {method: goalposts}
aggregation: {method: arithmetic}
imputation: {method: locf, params: {max_age: 1}}
groups:
  - id: open
    name_zh: 开放
    name_en: Open
    weight: 60
    indicators:
      - {id: fdi_amount, name_zh: 外资金额, name_en: FDI, unit: 万美元, direction: higher, formula: annual(fdi),
         weight: 50, floor: 0, target: {value: 1000, source: test, confidence: low}}
      - {id: fdi_growth, name_zh: 外资增长率, name_en: FDI growth, unit: "%", direction: higher, formula: yoy(fdi),
         weight: 25, floor: -10, target: {value: 10, source: test, confidence: low}}
      - {id: fdi_share, name_zh: 外资占全市比重, name_en: FDI share, unit: "%", direction: higher,
         formula: fdi / city_fdi * 100, weight: 25, floor: 0, target: {value: 50, source: test, confidence: low}}
  - id: green
    name_zh: 绿色
    name_en: Green
    weight: 40
    indicators:
      - {id: energy_intensity, name_zh: 能耗强度, name_en: Energy intensity, unit: 吨标准煤/万元, direction: lower,
         formula: energy / va, weight: 50, floor: 2, target: {value: 0.5, source: test, confidence: low}}
      - {id: rd, name_zh: 研发机构, name_en: R&D institutions, unit: 个, direction: higher, formula: rd_inst,
         weight: 50, floor: 0, target: {value: 10, source: test, confidence: low}}
"""

RULES = """
name_zh: 测试规则
name_en: Test rules
overall_min: {value: 70, source: test, confidence: low}
category_min: {value: 50, source: test, confidence: low}
rank_share_max: {value: 0.7, basis: judgement, source: test, confidence: low}
thresholds:
  - {id: tax_min, name_zh: 税收不低于5亿元, name_en: Tax, formula: 'to(annual(tax), "亿元")', op: ">=", value: 5,
     unit: 亿元, source: test, confidence: low}
"""

LEVELS = {  # field → (2021Q2, 2021Q4, 2022Q2)
    "fdi": (300, 800, 360), "city_fdi": (1000, 2500, 1200), "energy": (1000, 2200, 1100),
    "va": (800, 1800, 1000), "rd_inst": (3, 4, 5), "tax": (20000, 45000, 24000),
}
# Three peers' indicator values; their overall scores by hand: 39.17, 100, 75.58 — so the zone is 3rd of 4.
PEERS = pd.DataFrame({"fdi_amount": [500, 1000, 900], "fdi_growth": [0, 10, 5], "fdi_share": [20, 50, 40],
                      "energy_intensity": [1.5, 0.5, 1.0], "rd": [2, 10, 6]}, index=["p1", "p2", "p3"], dtype=float)


def small_run(folder: Path, rules: str = RULES, peers: bool = True):
    """The small zone as a scored Run, built without workbooks (the panel is written out directly)."""
    from scorer.score.engine import score
    from scorer.framework.model import load_framework
    from scorer.score.panel import Panel
    from scorer.score.peers import PeerSet, standing
    from scorer.pipeline import Run
    from scorer.score.rules import judge, load_rules

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fields.yaml").write_text(FIELDS, encoding="utf-8")
    (folder / "framework.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (folder / "rules.yaml").write_text(rules, encoding="utf-8")
    fw = load_framework(folder / "framework.yaml")
    periods = ["2021Q2", "2021Q4", "2022Q2"]
    levels = pd.DataFrame({f: v for f, v in LEVELS.items()}, index=periods, dtype=float)[list(fw.fields)]
    growth = pd.DataFrame(np.nan, index=periods, columns=list(fw.fields))
    growth.at["2022Q2", "fdi"] = 15.0  # published 同比, on a comparable basis (computed from levels it would be 20)
    panel = Panel(fw.fields, levels, growth, {})
    result = score(fw, panel, ["2022Q2"], "2022Q2")
    run = Run(fw, None, panel, result)
    if peers:
        run.peers = PeerSet("小样本", folder / "peers.csv", PEERS.reindex(columns=list(fw.indicators)),
                            {p: p for p in PEERS.index}, True, "", region="central",
                            zone_level="national")  # stands for the region's national zones: rank conditions judged
        zone = pd.Series({i.id: i.value for i in result.indicators})
        run.standing, _ = standing(fw, zone, run.peers)
    run.rules = load_rules(folder / "rules.yaml", fw)
    run.verdict = judge(run.rules, result, panel, run.standing)
    return run


@pytest.fixture
def small(tmp_path):
    return small_run(tmp_path / "small")


# ------------------------------------------------------------------------------ by hand
def test_the_baseline_row_is_the_run_itself(small):
    c = compare(small, [])
    assert c.baseline.overall == pytest.approx(74.8) == small.result.overall
    assert c.baseline.categories == pytest.approx({"open": 88.0, "green": 55.0})
    assert (c.baseline.rank, c.baseline.of) == (3, 4) == (small.standing.rank, small.standing.of)
    assert c.baseline.ready is True is small.verdict.ready


def test_twenty_percent_more_fdi_scored_by_hand(small):
    sc = Scenario("外资+20%", fields={"fdi": parse_change("+20%", "万美元")})
    out = compare(small, [sc]).scenarios[0]
    # 432 万美元: full year 432·8/3 = 1152 → 100; 同比 rebased on the published rate: 1.15·1.2 − 1 = 38% → 100;
    # share 36% → 72. 开放 50 + 25 + 18 = 93; 综合 0.6·93 + 0.4·55 = 77.8.
    assert out.categories["open"] == pytest.approx(93.0)
    assert out.overall == pytest.approx(77.8)
    assert out.change_overall == pytest.approx(3.0)
    assert (out.rank, out.change_rank) == (2, -1)  # now ahead of p3 (75.58)
    values = compare(small, [sc]).results.values.iloc[1]
    assert values["fdi_growth"] == pytest.approx(38.0)
    assert values["fdi_share"] == pytest.approx(36.0)
    # 占比 60 → 72 on 15% of the index (+1.8) moved more than 金额 96 → 100 on 30% (+1.2); 增长率 stays at 100.
    assert [(m.id, round(m.points, 6)) for m in out.moved] == [("fdi_share", 1.8), ("fdi_amount", 1.2)]


def test_an_unchanged_field_keeps_its_published_growth_rate(small):
    c = compare(small, [Scenario("研发机构", fields={"rd_inst": parse_change("+2", "个")})])
    assert c.results.values.at[1, "fdi_growth"] == pytest.approx(15.0)  # not 20, the rate from levels
    assert c.scenarios[0].overall == pytest.approx(0.6 * 88 + 0.4 * (60 + 70) / 2)  # 78.8


@pytest.mark.parametrize("text, overall", [
    ("+36 万美元", 76.9),      # +10%: full year 1056 → 100, share 33% → 66: 开放 91.5
    ("+0.0036 亿美元", 76.9),  # the same amount in another unit
    ("= 0.036 亿美元", 74.8),  # the quarter's own value
    # 324 万美元: full year 864 → 86.4; 同比 1.15·0.9 − 1 = 3.5% → 67.5; share 27% → 54
    ("-10%", 0.6 * (0.5 * 86.4 + 0.25 * 67.5 + 0.25 * 54) + 0.4 * 55),
])
def test_amounts_in_other_units_are_converted(small, text, overall):
    out = compare(small, [Scenario("x", fields={"fdi": parse_change(text, "万美元")})]).scenarios[0]
    assert out.overall == pytest.approx(overall)


def test_weights_indicator_values_and_a_failed_rule(small):
    out = compare(small, [
        Scenario("开放权重50", weights={"open": 50}),
        Scenario("研发机构达标", indicators={"rd": parse_change("= 10", "个")}),
        Scenario("税收减一成", fields={"tax": parse_change("-10%", "万元")}),
    ]).scenarios
    assert out[0].overall == pytest.approx(0.5 * 88 + 0.5 * 55)  # 50 % as written; the sibling takes the rest (bt16h F5)
    assert out[1].overall == pytest.approx(0.6 * 88 + 0.4 * 80)
    # 21 600 万元 · 45 000/20 000 = 4.86 亿元 < 5
    assert out[2].ready is False and out[2].failed_rules == ["税收不低于5亿元"]
    assert out[2].overall == pytest.approx(74.8)


def test_normalising_across_peers_matches_the_standing_across_peers(small):
    from scorer.score.peers import standing

    out = compare(small, [Scenario("相对评价", normalisation="peers")])
    zone = pd.Series({i.id: i.value for i in small.result.indicators})
    st, groups = standing(small.framework, zone, small.peers, across_peers=True)
    assert out.scenarios[0].overall == pytest.approx(groups.at["__zone__", "index"])
    assert out.scenarios[0].rank == st.rank


def test_all_scenarios_are_one_row_each_of_one_table(small):
    many = [Scenario(f"s{k}", fields={"fdi": parse_change(f"+{k}%", "万美元")}) for k in range(50)]
    c = compare(small, many)
    assert len(c.results.overall) == 51
    assert c.results.overall.iloc[1] == pytest.approx(74.8)  # +0%
    assert np.all(np.diff(c.results.overall.to_numpy()[1:]) >= -1e-12)  # more FDI never scores less


def test_imputation_methods_fill_a_missing_indicator(tmp_path):
    run = small_run(tmp_path / "z")
    base = Baseline.from_run(run)
    # The peers' mean fills a gap when asked; locf has only the quarter itself here, so leaves it.
    assert base.fills["mean"][list(run.framework.indicators).index("rd")] == pytest.approx(6.0)
    sc = Scenario("无研发机构数据", fields={"rd_inst": Change("set", np.nan)}, imputation="mean")
    out = compare(run, [sc, Scenario("不填补", fields={"rd_inst": Change("set", np.nan)}, imputation="none")])
    assert out.results.imputed.at[1, "rd"]
    assert out.scenarios[0].categories["green"] == pytest.approx((60 + 60) / 2)
    assert out.scenarios[1].categories["green"] == pytest.approx(60.0)  # drops with its weight


# ------------------------------------------------------------------------------ changes
@pytest.mark.parametrize("text, unit, op, amount", [
    ("+20%", "万美元", "scale", 0.2),
    ("-8%", "吨标准煤", "scale", -0.08),
    ("+2", "个", "add", 2.0),
    ("+500 万美元", "万美元", "add", 500.0),
    ("+3 200 万美元", "万美元", "add", 3200.0),
    ("= 6.2 亿元", "万元", "set", 62000.0),
    ("=62000 万元", "万元", "set", 62000.0),
    ("=62000", "亿元/平方公里", "set", 62000.0),  # a compound unit is written one way: a bare number is its own
    ("= -5", "%", "set", -5.0),
    ("+2 百分点", "%", "add", 2.0),
    ("−1.5 万吨", "吨", "add", -15000.0),
    ("＋10％", "万元", "scale", 0.1),
])
def test_changes_are_read_in_the_targets_unit(text, unit, op, amount):
    c = parse_change(text, unit)
    assert (c.op, c.amount) == (op, pytest.approx(amount))


@pytest.mark.parametrize("text, unit, expected", [
    ("20%", "万元", "must start with +, - or ="),
    ("*1.2", "万元", "must start with +, - or ="),
    ("+5 万欧元", "万元", "unknown unit"),
    ("+5 吨", "万元", "cannot convert"),
    ("+2%", "%", "ambiguous"),
    ("+2 百分点", "万元", "百分点 applies to rates"),
    ("=62000", "万元", "gives no unit"),  # 62000 万元 or 亿元? a scenario never guesses the scale (issue 11)
    ("+10", "万元", "also written in yuan, 1,000 yuan, 1m yuan, 100m yuan"),  # in English words (bt15 F6)
    ("-5000", "人", "gives no unit"),
    # bt16 F12: a change that starts as it should but whose number is none was told it 'must start with +, - or ='
    ("= nan", "万元", "'nan' is not a number"),
    ("= NaN 亿元", "万元", "'NaN' is not a number"),
    ("+inf%", "万元", "'inf' is not a number"),
    ("= -Infinity", "个", "'Infinity' is not a number"),
    (".nan", "个", "'.nan' is not a number"),  # YAML's own spelling, unquoted
    ("-.inf", "个", "'.inf' is not a number"),
    ("= abc", "个", "'abc' is not a number"),
    ("+", "个", "no number after the sign"),
    ("= 1e999", "个", "'= 1e999': the number is too large"),  # echoed as written, not as inf
])
def test_bad_changes_say_what_is_wrong(text, unit, expected):
    with pytest.raises(ChangeError, match=re.escape(expected)):
        parse_change(text, unit)


# ------------------------------------------------------------------------------ files
def test_the_example_scenarios_load_and_round_trip(framework, tmp_path):
    scenarios = load_scenarios(sorted(SCENARIOS.glob("*.yaml")), framework)
    assert len(scenarios) >= 2
    assert {"fdi_actual", "rd_institutions"} <= {f for s in scenarios for f in s.fields}
    for s in scenarios:
        dump_scenario(s, tmp_path / "again.yaml")
        again = load_scenario(tmp_path / "again.yaml", framework)
        assert again.fields == {k: c for k, c in s.fields.items()} or \
            {k: (c.op, c.amount) for k, c in again.fields.items()} == {k: (c.op, c.amount) for k, c in s.fields.items()}


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.mark.parametrize("body, line, expected", [
    ("name: x\nfields:\n  fdi_actual: +20%\n  fdi_actul: +5%\n", 4, "unknown field 'fdi_actul'"),
    ("name: x\nfields:\n  fdi_actual: ×1.2\n", 3, "must start with +, - or ="),
    ("name: x\nfields:\n  fdi_actual: +500 万欧元\n", 3, "unknown unit"),
    ("name: x\nfields:\n  fdi_actual: +500 吨\n", 3, "cannot convert"),
    ("name: x\nfields:\n  fdi_actual: 20\n", 3, "must start with +, - or ="),
    ("name: x\nfields:\n  fdi_amount: +20%\n", 3, "put it under `indicators:`"),
    ("name: x\nweights:\n  openning: 40\n", 3, "did you mean 'opening'"),
    ("name: x\nmethods:\n  normalisation: relative\n", 3, "'targets' or 'peers'"),
    ("name: x\nmethods:\n  aggregation: median\n", 3, "unknown aggregation method"),
    ("name: x\nchanges:\n  fdi_actual: +20%\n", 2, "unknown key 'changes'"),
    ("name: x\nfields:\n  fdi_actual: +20%\n   rd_institutions: +2\n", 4, "YAML syntax error"),
    ("fields:\n  fdi_actual: +20%\n", 1, "missing required key 'name'"),
])
def test_a_bad_scenario_names_its_file_and_line(framework, tmp_path, body, line, expected):
    path = write(tmp_path, body)
    with pytest.raises(ScorerError) as info:
        load_scenario(path, framework)
    rendered = str(info.value)
    assert f"{path}:{line}" in rendered
    assert expected in rendered


def test_every_problem_of_every_file_at_once(framework, tmp_path):
    a = write(tmp_path, "name: a\nfields:\n  nope: +1\n", "a.yaml")
    b = write(tmp_path, "name: b\nfields:\n  fdi_actual: 5%\n  rd_institutions: +2 吨\n", "b.yaml")
    with pytest.raises(ScorerError) as info:
        load_scenarios([a, b], framework)
    assert [str(p.location) for p in info.value.problems] == [f"{a}:3", f"{b}:3", f"{b}:4"]


# ------------------------------------------------------------------------------ the sample zone
def test_the_sample_examples_against_the_sample_run(sample_run, framework):
    scenarios = load_scenarios(sorted(SCENARIOS.glob("*.yaml")), framework)
    c = compare(sample_run, scenarios)
    assert c.baseline.overall == pytest.approx(sample_run.result.overall, abs=1e-12)
    assert c.baseline.rank == sample_run.standing.rank
    fdi = next(o for o in c.scenarios if "fdi_actual" in o.scenario.fields)
    assert fdi.change_overall > 0 and fdi.change_categories["opening"] > 0
    assert fdi.change_categories["innovation"] == pytest.approx(0.0)


def test_compare_prints_a_table_and_writes_json_csv_and_xlsx(tmp_path):
    files = sorted(SCENARIOS.glob("*.yaml"))
    done = run_cli("compare", EXAMPLES, *files, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "情景对比" in done.stdout and "基准" in done.stdout and "外资增长两成" in done.stdout
    done = run_cli("compare", EXAMPLES, *files, "--json")
    data = json.loads(done.stdout)
    assert data["baseline"]["name"] == "基准" and len(data["scenarios"]) == len(files)
    assert {"overall", "change_overall", "rank", "verdict_zh", "moved"} <= set(data["scenarios"][0])
    done = run_cli("compare", EXAMPLES, *files, "--csv", "--xlsx", tmp_path / "c.xlsx")
    table = pd.read_csv(io.StringIO(done.stdout))
    assert list(table["scenario"])[0] == "基准" and len(table) == len(files) + 1
    sheets = pd.read_excel(tmp_path / "c.xlsx", sheet_name=None, engine="calamine")
    assert list(sheets) == ["情景对比", "指标值", "指标得分", "指标贡献分值"]
    assert sheets["情景对比"]["综合得分（分）"].tolist() == pytest.approx(table["overall"].tolist())


@pytest.mark.parametrize("body, line, expected", [
    ("name: x\nfields:\n  fdi_actul: +20%\n", 3, "unknown field"),
    ("name: x\nfields:\n  fdi_actual: *20%\n", 3, ""),  # YAML alias syntax: broken YAML
    ("name: x\nfields:\n  fdi_actual: ~20%\n", 3, "must start with +, - or ="),
    ("name: x\nfields:\n  fdi_actual: +20 英镑\n", 3, "unknown unit"),
    ("name: x\nfields: [\n", 3, "YAML syntax error"),
])
def test_compare_with_a_bad_scenario_exits_1_with_file_and_line(tmp_path, body, line, expected):
    path = write(tmp_path, body)
    done = run_cli("compare", EXAMPLES, path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert f"{path}:{line}" in done.stderr
    assert expected in done.stderr


def test_compare_without_scenarios_says_so():
    done = run_cli("compare", EXAMPLES)
    assert done.returncode == 1 and "no scenario" in done.stderr


def test_passes_over_one_baseline_keep_the_peers_scores_for_their_own_method_only(sample_run):
    """The peers normalised and aggregated once per baseline (the action table's 26 passes) give every pass what a
    fresh baseline gives: a pass under another aggregation, other weights, another imputation's peer table or the
    peers' own normalisation is not served the scores kept for the first."""
    from scorer.framework.model import MethodSpec
    from scorer.whatif.scenario import score_variant_set, variants_from_scenarios

    fw = sample_run.framework
    top = next(g for g in fw.top_groups)
    scenarios = [Scenario("基准"), Scenario("外资+20%", fields={"fdi_actual": Change("scale", 0.2)}),
                 Scenario("二次幂", aggregation=MethodSpec(method="generalised", params={"p": 2})),
                 Scenario("权重", weights={top: 50.0}), Scenario("均值填补", imputation="mean"),
                 Scenario("按对照", normalisation="peers")]
    shared = Baseline.from_run(sample_run)
    for sc in [*scenarios, *scenarios[::-1]]:
        variants, _ = variants_from_scenarios(shared, [sc])
        kept = score_variant_set(shared, variants)
        fresh_base = Baseline.from_run(sample_run)
        fresh = score_variant_set(fresh_base, variants_from_scenarios(fresh_base, [sc])[0])
        for name in ("group_scores", "scores"):
            pd.testing.assert_frame_equal(getattr(kept, name), getattr(fresh, name))
        for name in ("rank", "of", "share_ahead", "peer_median"):
            np.testing.assert_array_equal(getattr(kept, name), getattr(fresh, name))
        pd.testing.assert_frame_equal(kept.rules, fresh.rules)
    assert len(shared.peer_cache) >= 3  # the aggregation, the imputation's table and the normalisation each kept apart
