"""The leadership brief: page 2's rank, margins and actions equal the JSON's; actions never claim more than the gaps; conditions' margins; the Henan page; effort.yaml's departments and deadlines."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from types import SimpleNamespace

import numpy as np
import pytest
from pypdf import PdfReader

from scorer import fmt, units
from scorer.errors import ScorerError
from scorer.pipeline import actions as action_table
from scorer.pipeline import analyse, report
from scorer.report.brief import amount, amounts_apart
from scorer.report.model import _Words, step_worth
from scorer.whatif.plan import load_efforts
from tests.conftest import EXAMPLES, ROOT, run_cli


@pytest.fixture(scope="module")
def score_json():
    done = run_cli("score", EXAMPLES, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def pages(sample_run, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief") / "brief.pdf"
    report(sample_run, out, today=dt.date(2026, 11, 25))
    return [re.sub(r"[ \t]+", " ", p.extract_text()) for p in PdfReader(out).pages]


def test_page_two_gives_the_rank_interval_and_margins_of_the_json(pages, score_json):
    page = pages[1]
    r = score_json["readiness"]
    rank, (lo, hi), of = r["rank"]["estimate"], r["rank"]["interval_5_95"], r["rank"]["of"]
    m = r["margins"]
    assert f"第{rank}名" in page and f"{lo}—{hi}" in page and f"{of}家" in page
    for key in ("to_bottom_line", "to_median"):
        assert fmt.change(m[key]) in page, key  # the card: +16.2
        assert f"{fmt.score(abs(m[key]))}分" in page, key  # the sentence
    p = r["province"]
    assert f"第{p['position']}位" in page and f"对照已公布排名{p['of'] - 1}家" in page
    for c in r["conditions"]:
        if c["margin_points"] is not None:
            assert f"{fmt.change(c['margin_points'])}分" in page, c["id"]


def test_page_two_names_the_three_actions_of_the_json_with_their_worth(pages, score_json, sample_run):
    page = pages[1].replace("\n", "")
    acts = score_json["actions"]["actions"]
    assert len(acts) >= 3
    w = _Words(sample_run.result, "zh")
    for a in acts[:3]:
        assert w.field(a["field"]) in page
        # the word joiner that keeps a number to its unit is not drawn, so not in the PDF's text layer
        # (printed apart from the change to target when the two differ: scorer.report.brief.amounts_apart)
        printed = amounts_apart(w, SimpleNamespace(change=a["change"], change_to_target=a["change_to_target"],
                                                   unit=a["unit"]))[0]
        assert printed.replace(fmt.WJ, "") in page, a["field"]
        assert f"+{fmt.points(a['points'])}分" in page, a["field"]
        if a["places"]:
            assert f"排名上升{a['places']}位（至第{a['rank_after']}名）" in page
        assert (a["department"] or "责任部门待明确") in page
    # the three are the ones that move the rank most, then the points
    key = [(-a["places"], -a["points"]) for a in acts]
    assert key == sorted(key)


def test_page_two_marks_what_is_estimated_or_assumed(pages, sample_run):
    page = pages[1]
    assert "估算与假定" in page and "合成" in page
    own = sum(1 for i in sample_run.framework.indicators.values()
              if i.spec.evidence is None or i.spec.evidence.status == "own")
    assert f"{own}项为本框架自定" in page
    historic = sum(1 for x in sample_run.verdict.rules if x.role == "historic")
    assert f"历史门槛{historic}项" in page


@pytest.fixture(scope="module")
def third_quarter(layout_reports):
    """The sample scored at 2022Q3 (flows of nine months) and its report's page 2, in Chinese (the session's
    report, tests/conftest.py)."""
    return layout_reports.run_of("2022Q3"), re.sub(r"\s+", "", PdfReader(layout_reports["q3"][0]).pages[1].extract_text())


def test_page_two_says_which_flows_are_projected_to_the_year(third_quarter, pages):
    r, page = third_quarter
    projected = [i for i in r.result.indicators if i.annual_method in ("seasonal", "linear") and i.value is not None]
    assert projected, "the sample's 2022Q3 has flows projected to the year"
    assert f"等{len(projected)}项流量指标为2022年1—9月累计数" in page
    assert "推算为全年值" in page
    assert "流量指标的本期值和增量均按全年计" in page  # the actions are in full-year terms too
    # the fourth quarter is the actual year: nothing projected, nothing said
    fourth = re.sub(r"\s+", "", pages[1])
    assert "流量指标为" not in fourth and "按全年计" not in fourth


def test_page_two_says_when_peers_are_of_another_year_than_the_data(third_quarter, sample_run):
    for r, page in (third_quarter, (sample_run, None)):
        peer_year = r.readiness.peer_year
        assert peer_year is not None and peer_year != int(r.result.period[:4])
    r, page = third_quarter
    assert f"本期为{r.result.period[:4]}年数据，对照样本按{r.readiness.peer_year}年数据校准" in page


def test_page_two_says_a_current_price_growth_is_scored_against_a_comparable_target(third_quarter):
    from scorer.report.model import _Words

    r, page = third_quarter
    w = _Words(r.result, "zh")
    current = [w.name(i) for i in r.result.indicators if i.value is not None and i.price_basis == "nominal"]
    assert current, "the sample's workbooks say their growth rates are at current prices"
    assert "为现价增速，未扣除价格因素；目标值按可比价设定" in page
    for name in current:
        assert name in page


def test_no_action_is_worth_more_than_the_gaps_it_closes(sample_run):
    table = action_table(sample_run)
    assert table.rank_before == sample_run.readiness.rank
    lost = {i.id: i.points_lost or 0.0 for i in sample_run.result.indicators}
    assert table.actions
    for a in table.actions:
        assert 0 < a.points <= a.points_to_target + 1e-9
        assert a.points_to_target <= sum(lost[i] for i in a.moves) + 1e-6, a.field
        assert abs(a.change) <= a.max_change + 1e-9 and abs(a.change) <= abs(a.change_to_target) + 1e-9
        assert a.closable == (abs(a.change_to_target) <= a.max_change + 1e-9) == (a.kind == "closable")
        assert (a.kind == "nearly") == (not a.closable and a.points >= 0.95 * a.points_to_target)
        assert a.places == table.rank_before - a.rank_after


def test_an_action_closing_its_gap_brings_every_point_the_gap_was_worth(sample_run):
    """New jobs move one indicator only: this year's change is its gap, and the points are its points lost."""
    table = action_table(sample_run)
    jobs = next(a for a in table.actions if a.field == "new_urban_jobs")
    ind = next(i for i in sample_run.result.indicators if i.id == "new_urban_jobs")
    assert jobs.closable and jobs.reaches == ["new_urban_jobs"]
    assert jobs.change == pytest.approx(ind.gap_to_target, rel=1e-6)
    assert jobs.points == pytest.approx(ind.points_lost, rel=1e-6)


def test_narrative_steps_stop_at_the_target(sample_run):
    """Never "+1 000万美元 → +0.64 分" when the gap is worth 0.25: every step sentence stops at the gap."""
    for i in sample_run.result.indicators:
        if i.marginal_points > 0 and i.gap_to_target:
            step, gain = step_worth(i)
            whole = units.counts_single_things(i.unit)  # 上市企业数 moves by whole companies: never 提高0.5家
            gap = math.ceil(i.gap_to_target - 1e-9) if whole else i.gap_to_target  # 2 个 to 2.45 个: one more
            assert step <= gap + 1e-12 and gain <= i.points_lost + 1e-9, i.id
            if whole:
                assert step >= 1 and float(step).is_integer(), (i.id, step)
    from scorer.report.model import ReportInputs, build

    view = build(sample_run.result, sample_run.panel, ReportInputs("z", {}, True, dt.date(2026, 1, 1)),
                 sample_run.standing, sample_run.verdict, None, sample_run.problems, sample_run.readiness)
    lost = {i.name_zh: i.points_lost for i in sample_run.result.indicators}
    for row in view["priorities"]:  # a name may carry its price basis after it: 地区生产总值增长率（现价）
        name = max((n for n in lost if row["name"].startswith(n)), key=len)
        assert row["gain_value"] <= lost[name] + 1e-9
    for c in view["categories"]:
        m = re.search(r"([^，。]+?)每(?:提高|降低)[^，]+，综合得分可提高约([\d.]+)分", c["sentence"])
        if m:
            name = next(n for n in lost if m.group(1).endswith(n))
            assert float(m.group(2)) <= round(lost[name], 2) + 1e-9, c["sentence"]


def test_conditions_carry_their_margins(sample_run, score_json):
    r = sample_run.readiness
    by_id = {c["id"]: c for c in score_json["readiness"]["conditions"]}
    assert by_id["bottom_n"]["margin_points"] == pytest.approx(r.to_bottom_line)
    peers = np.sort(sample_run.standing.peer_scores.dropna().to_numpy())[::-1]
    k = int(np.floor(by_id["rank_share_max"]["required"] * len(peers)))
    assert by_id["rank_share_max"]["margin_points"] == pytest.approx(r.score - peers[k])
    assert (by_id["rank_share_max"]["margin_points"] >= 0) == (by_id["rank_share_max"]["status"] == "met")
    exports = by_id["exports_min"]
    assert exports["margin"] == pytest.approx(exports["value"] - exports["required"]) and exports["margin"] < 0
    for c in by_id.values():
        assert c["evidence_zh"] and c["confidence"] in ("high", "medium", "low")
        if c["role"] == "input":
            assert c["margin"] is None and c["status"] == "unknown"


def test_the_henan_page_cites_the_published_ranks_and_places_the_zone(pages, score_json):
    page = next(p for p in pages if "与河南国家级经开区对标" in p)
    p = score_json["readiness"]["province"]
    for z in p["zones"]:
        assert z["zone"] in page and f"第{z['national_rank']}名" in page and fmt.score(z["score"]) in page
    assert f"居第{p['position']}位" in page and "（本区，估算）" in page
    assert p["just_above"] in page and p["just_below"] in page


def test_effort_departments_and_deadlines_are_checked_with_their_line(sample_run, tmp_path):
    bad = tmp_path / "effort.yaml"
    text = (ROOT / "indicators" / "effort.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    k = next(n for n, line in enumerate(lines) if line.strip() == "department: 招商局")
    lines.insert(k + 1, "    deadline: 年内")  # no date (2023年底 is read since bt13j F7: tests/test_deadline_forms.py)
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_efforts(bad, sample_run.framework)
    problem = exc.value.problems[0]
    assert problem.location.line == k + 2 and "deadline" in problem.message
    lines[k + 1] = "    deadline: 2023-06-30"
    bad.write_text("\n".join(lines), encoding="utf-8")
    table = action_table(sample_run, efforts=load_efforts(bad, sample_run.framework))
    fdi = next(a for a in table.actions if a.field == "fdi_actual")
    assert fdi.deadline == dt.date(2023, 6, 30) and fdi.department == "招商局"
    assert next(a for a in table.actions if a.field != "fdi_actual").deadline == dt.date(2023, 12, 31)


def test_the_uncertainty_section_says_what_was_varied_and_what_was_not(sample_run):
    from scorer.report.brief import uncertainty_scope
    from scorer.whatif.uncertainty import Assumptions, monte_carlo

    u = monte_carlo(sample_run, draws=200, seed=3)
    scope = uncertainty_scope(u, sample_run.verdict, "zh")
    varied, held = "；".join(scope["varied"]), "；".join(scope["held"])
    for said in ("指标权重±25%", "测量误差±5%", "±5%（高）", "±30%（低）", "公布数据的±10%", "推算的±30%", "离散程度±25%", "55家或68家"):
        assert said in varied, said
    assert "居本省省级开发区首位" in held and "历史门槛" in held and "上年及以前" in held
    held_off = monte_carlo(sample_run, draws=50, seed=3, assumptions=Assumptions(targets=0, cutoff=False))
    scope = uncertainty_scope(held_off, sample_run.verdict, "en")
    assert not any("floor-to-target" in x for x in scope["varied"]) and any("switched off" in x for x in scope["held"])


def test_validate_checks_the_effort_file_with_its_line(tmp_path):
    bad = tmp_path / "effort.yaml"
    lines = (ROOT / "indicators" / "effort.yaml").read_text(encoding="utf-8").splitlines()
    k = next(n for n, line in enumerate(lines) if line.strip() == "department: 科技局")
    lines[k] = "    department: [科技局, 财政局]"
    bad.write_text("\n".join(lines), encoding="utf-8")
    done = run_cli("validate", "--effort", bad)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert f"{bad}:{k + 1}" in done.stderr + done.stdout and "department" in done.stderr + done.stdout


def test_a_peer_table_of_ones_own_is_never_called_the_region_s_national_zones_on_page_two(tmp_path):
    """The kind: a rank among a province's own table printed as a rank among the central region's national zones."""
    import shutil

    from scorer.pipeline import run
    from scorer.score.peers import default_peers

    table = tmp_path / "全省园区.csv"
    shutil.copy(default_peers(), table)  # the same figures, without the metadata that declares them the region's zones
    r = run([EXAMPLES], peers_path=table)
    assert not r.peers.ranks_region
    out = tmp_path / "r.pdf"
    report(r, out, today=dt.date(2026, 11, 25))
    page = re.sub(r"\s+", "", PdfReader(out).pages[1].extract_text())
    assert "全省园区.csv" in page and f"第{r.readiness.rank}名" in page
    assert "中部地区" not in page and "后5名线" not in page.split("升级条件")[0] and "未声明为本区域国家级经开区" in page
    assert "、；" not in page and "，、" not in page


def test_every_department_of_the_bundled_effort_file_is_named_in_english_and_listings_go_to_finance_work():
    """The English report names each default department in English, not in Chinese. A company's listing is
    the business of the 金融工作局 (地方金融监管局), not of the 财政局 (the budget and tax revenue)."""
    from scorer.report.brief import DEPARTMENTS_EN
    from scorer.yamlio import load_yaml

    fields = load_yaml(ROOT / "indicators" / "effort.yaml")["fields"]
    departments = {f["department"] for f in fields.values() if f.get("department")}
    assert departments and departments <= set(DEPARTMENTS_EN), departments - set(DEPARTMENTS_EN)
    assert fields["listed_companies"]["department"] == "金融工作局"
    assert fields["tax_revenue"]["department"] == "财政局"


def test_a_peer_table_covering_some_indicators_shows_the_score_it_ranks(tmp_path):
    """The kind: page 2 printed 综合得分 70.8 beside 中位数64.1分 and 距对照中位数 −21.4 — the rank and margins were
    measured from the zone's score on the 5 indicators the table covers (42.7), printed nowhere."""
    import pandas as pd

    from scorer.pipeline import run
    from scorer.score.peers import default_peers

    full = pd.read_csv(default_peers())
    keep = ["id", "name_zh", "fdi_amount", "trade_amount", "rd_intensity", "energy_intensity", "hightech_trade_share"]
    table = tmp_path / "mine.csv"
    full[keep].head(12).to_csv(table, index=False)
    r = run([EXAMPLES], peers_path=table)
    ranked, overall = r.readiness.score, r.result.overall
    assert abs(ranked - overall) >= 0.05  # the covered indicators score the zone differently
    out = tmp_path / "r.pdf"
    report(r, out, today=dt.date(2026, 11, 25))
    page = re.sub(r"\s+", "", PdfReader(out).pages[1].extract_text())
    assert "排名所用得分" in page and f"按对照表覆盖的指标计本区得分{fmt.score(ranked)}分" in page
    assert f"低{fmt.score(abs(r.readiness.to_median))}分" in page or f"高{fmt.score(abs(r.readiness.to_median))}分" in page
    assert r.readiness.to_median == pytest.approx(ranked - r.readiness.median)
    assert "对照表“mine.csv”" in page and "对照表 mine.csv" not in page


def test_page_two_says_when_this_quarters_scores_rest_on_fewer_indicators():
    """2021Q1's rank and margins rest on 28 of 30 indicators (绿色发展 on 3 of 5, reweighted): page 2 did not say so,
    only the trend page did."""
    from scorer.i18n import translator
    from scorer.pipeline import run
    from scorer.report import history
    from scorer.report.brief import _estimated
    from scorer.report.model import _Words

    r = run([EXAMPLES], period="2021Q1")
    partial = history.coverage(r.result).partial
    short = {key: q[r.period] for key, q in partial.items() if r.period in q}
    assert "index" in short, partial
    lines = _estimated(_Words(r.result, "zh"), translator("zh"), r.result, r.readiness)
    said = [x for x in lines if "本期得分所依据的指标少于其他季度" in x]
    assert len(said) == 1
    for key, (n, usual) in short.items():
        assert f"仅{n}项指标有数据（通常{usual}项）" in said[0], key
    # a quarter resting on every indicator says nothing of the kind
    full = run([EXAMPLES])
    assert full.period not in history.coverage(full.result).partial.get("index", {})
    assert not any("少于其他季度" in x for x in _estimated(_Words(full.result, "zh"), translator("zh"), full.result,
                                                            full.readiness))


@pytest.mark.parametrize("change, full, share, apart", [(600.2, 2863.5, "20%", True), (2.4104e4, 2.4149e4, "100%", True),
                                                        (995.0, 1000.0, "99%", True), (100.0, 100.0, "100%", False)])
def test_an_actions_share_of_its_target_reads_as_printed(sample_run, change, full, share, apart):
    """The share of points for 600.2 of 2,863.5 (20.96 %: 20 %, rounded down since bt13j F0); never 100 % while short of the target (99 % for 995 of 1,000);
    the year's change and the change to target never print alike when they differ ("+2.41亿元 … 达标需+2.41亿元" was
    read as a contradiction): 2.410 and 2.415亿元, in both languages."""
    from types import SimpleNamespace

    from scorer.report.brief import amounts_apart
    from scorer.report.model import _Words
    from scorer.whatif.actions import ActionItem

    a = SimpleNamespace(change=change, change_to_target=full, unit="万元", points=change, points_to_target=full)
    w = _Words(sample_run.result, "zh")
    for words in (w, w.other_language()):
        year, to_target = amounts_apart(words, a)
        assert (year != to_target) is apart, (year, to_target)
    printed = ActionItem.share_this_year.fget(a)
    assert printed == share or (share == "100%" and change < full and printed == "99%")
    assert change >= full or printed != "100%"


def test_scenario_files_expanded_by_the_shell_are_all_compared(tmp_path):
    """`report examples --scenario examples/scenarios/*.yaml`: the shell gives one --scenario and the other files as
    arguments; they were warned as unreadable workbooks and the report showed one scenario."""
    files = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
    assert len(files) >= 2
    out = tmp_path / "s.html"
    done = run_cli("report", EXAMPLES, "--scenario", *files, "--format", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "workbook" not in done.stderr and "工作簿" not in done.stderr, done.stderr
    html = out.read_text(encoding="utf-8")
    for f in files:
        assert f.stem in html, f.stem


def test_an_actions_points_count_every_indicator_its_statistic_moves_and_say_so(sample_run, tmp_path):
    """An action re-scores its statistic with every indicator it feeds (实际使用外资 moves its amount and its share of
    the city; more trade lowers 高新技术产品进出口额占比), so its points differ from the one-indicator table's: the
    indicators it moves are those a scenario of the same change moves (scored through the scenario files, not the
    action code), and page 2 names them whenever there is more than one, or one it lowers."""
    from scorer.report.brief import _action_line
    from scorer.i18n import translator
    from scorer.whatif.changes import load_scenario
    from scorer.whatif.scenario import compare

    table = action_table(sample_run)
    assert any(len(a.raises) > 1 for a in table.actions)  # the sample has one (FDI): the test checks something
    fw = sample_run.framework
    w, t = _Words(sample_run.result, "zh"), translator("zh")
    for k, a in enumerate(table.actions):
        path = tmp_path / f"a{k}.yaml"
        lines, todo = [f"  {a.field}: {a.change:+.10g} {a.unit}"], list(fw.fields[a.field].adds_to)
        while todo:  # an action moves the wholes that include its field (fields.yaml adds_to, bt13k F6): given here
            whole = todo.pop(0)
            lines.append(f"  {whole}: {a.change * units.factor(a.unit, fw.fields[whole].unit):+.10g} "
                         f"{fw.fields[whole].unit}")
            todo += fw.fields[whole].adds_to
        path.write_text(f"name: a{k}\nfields:\n" + "\n".join(lines) + "\n", encoding="utf-8")
        outcome = compare(sample_run, [load_scenario(path, fw)], top=100).outcomes[-1]
        up = {m.id for m in outcome.moved if m.score_after > m.score_before + 1e-6}
        down = {m.id for m in outcome.moved if m.score_after < m.score_before - 1e-6}
        assert (set(a.raises), set(a.lowers)) == (up, down), a.field
        assert outcome.change_overall == pytest.approx(a.points, abs=1e-6), a.field
        line = _action_line(w, t, a, 1)
        named = [fw.indicators[i].name_zh for i in (a.raises if len(a.raises) > 1 else []) + a.lowers]
        assert all(n in line for n in named), (a.field, line)
        assert ("已扣除" in line) == bool(a.lowers) and ("项指标" in line) == (len(a.raises) > 1), line


def test_a_method_list_of_one_is_held_and_said_so_several_are_drawn_from():
    """标准化方法在目标值法中抽取 (drawn from a list of one) was said of a method never varied: a list of one is
    held (固定采用…), a list of several varied (每次抽样…随机选用一种), each method by its report name."""
    from scorer.i18n import translator
    from scorer.report.brief import uncertainty_scope
    from scorer.whatif.uncertainty import Assumptions

    for norm, imp in ((["targets"], ["locf", "none", "mean"]), (["targets", "peers"], ["locf"])):
        u = SimpleNamespace(assumptions=Assumptions(normalisation=norm, imputation=imp), synthetic_peers=True)
        scope = uncertainty_scope(u, None, "zh")
        varied, held = "；".join(scope["varied"]), "；".join(scope["held"])
        for what, methods in (("标准化方法", norm), ("缺失值处理方法", imp)):
            names = [translator("zh")(f"method_{m}") for m in methods]
            side, other = (held, varied) if len(methods) == 1 else (varied, held)
            said = f"{what}：固定采用{names[0]}" if len(methods) == 1 else f"{what}：每次抽样从{'、'.join(names)}中随机选用一种"
            assert said in side and what not in other, (said, side)
        assert "抽取" not in varied + held and not re.search(r"[A-Za-z]", varied + held)


def _view(r, lang: str) -> dict:
    """The report's view of run `r` in `lang` (scorer.report.model.build, as scorer.pipeline.report builds it)."""
    from scorer.report import model as report_model

    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=True,
                                       generated=dt.date(2026, 11, 25), lang=lang)
    return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                              peers=r.peers)


def test_a_zone_level_with_a_henan_zone_as_printed_is_said_to_be_and_by_what_rule(sample_run):
    """2021Q1: the zone's 66.3 beside 许昌's 66.3 was placed above it in silence. A zone whose score prints as the
    zone's is named beside the position with the rule that orders them, wherever the position is said; a zone
    that only rounds near it is not."""
    from scorer.i18n import translator
    from scorer.report.brief import henan_tie, level_with

    province = {"zones": [{"zone": "许昌经开区", "zone_en": "Xuchang", "score": 66.2665},
                          {"zone": "开封经开区", "zone_en": "Kaifeng", "score": 66.2499}]}
    assert level_with(province, 66.3008, "zh") == ["许昌经开区"] and level_with(province, 66.3008, "en") == ["Xuchang"]
    assert henan_tie(translator("zh"), province, 66.3008, "zh") == "（与许昌经开区同为66.3分，按未取整的得分排序）"
    assert henan_tie(translator("zh"), province, 66.36, "zh") == "" and level_with(province, 66.24, "zh") == ["开封经开区"]
    from scorer.pipeline import run as run_sample

    run = run_sample([EXAMPLES], period="2021Q1")
    p = run.readiness.province
    level = level_with(p, run.readiness.score, "zh")
    assert level, "the sample's 2021Q1 has a Henan zone level with the zone as printed"
    model = _view(run, "zh")
    said = f"居第{p['position']}位（与{'、'.join(level)}同为{fmt.score(run.readiness.score)}分，按未取整的得分排序）"
    assert said in model["henan"]["sentence"]
    assert said in str(model["standing"]["line"])
    card = next(c for c in model["brief"]["cards"] if c["value"] == f"第{p['position']}位")
    assert card["sub"] == f"与{'、'.join(level)}同分，按未取整得分排序"


def test_the_henan_table_marks_the_zone_s_central_rank_as_estimated_and_says_what_dash_means(sample_run):
    """The 中部排名 column holds published ranks (郑州 第4名), — where none is published, and the zone's own
    estimated rank: the zone's row says in its 排名来源 cell that its rank is an estimate (a mark in the rank's
    cell widened the column and pushed the section off its page), and the sentence above the table says which
    is which."""
    for lang, mark, words in (("zh", "中部排名为按对照样本估算", ("中部排名为公布值（—为未公布），本区的为估算",)),
                              ("en", "central rank estimated", ("— where none is published", "except the zone's, which is estimated"))):
        model = _view(sample_run, lang)
        rows = model["henan"]["rows"]
        [zone] = [r for r in rows if r["zone_row"]]
        assert mark in zone["source"] and str(sample_run.readiness.rank) in zone["central"]
        assert not any(mark in r["source"] for r in rows if not r["zone_row"])
        assert any(r["central"] == "—" for r in rows) and all(w in model["henan"]["sentence"] for w in words)


@pytest.mark.parametrize("pending, said", [
    (["first among the province's provincial zones"], "met; “first among the province's provincial zones” remains"),
    (["first among the province's provincial zones", "Meets the 2024 approval letter's land-use conditions"],
     "met; “first among the province's provincial zones” and “meets the 2024 approval letter's land-use conditions” "
     "remain"),
])
def test_the_english_verdict_names_the_conditions_to_confirm_as_a_sentence_can(sample_run, pending, said):
    """bt15: "…is met, and first among the province's provincial zones, meets the 2024 approval letter's land-use
    conditions remain to be confirmed": two conditions' names run together into one broken clause. In English
    each is quoted, the last joined by "and", and the verb agrees with their number."""
    from types import SimpleNamespace

    from scorer.report.brief import _verdict_clause
    from scorer.report.model import _Words

    rules = [SimpleNamespace(name_en=n, name_zh=n, passed=None, deciding=True, role="input", reason=None)
             for n in pending]
    verdict = SimpleNamespace(rules=rules, ready=False, pending=rules)
    w = _Words(sample_run.result, "en")
    text = _verdict_clause(w.t, verdict, "en", w).replace("\xa0", " ")  # the glued translator keeps words together
    assert said in text and text.endswith("to be confirmed"), text


def test_every_english_list_of_conditions_is_quoted_and_joined_with_and():
    """bt13: the conditions page, the scenario table and the uncertainty page said "to confirm: First among…, Meets the
    2024…". Every English verdict that lists conditions (scorer.score.rules.awaiting_in, the scenario and plan labels, the
    report's) goes through scorer.fmt.conditions_en."""
    from types import SimpleNamespace

    from scorer import fmt
    from scorer.score.rules import awaiting_in
    from scorer.whatif.scenario import verdict_label

    names = ["First among the province's provincial zones", "Meets the 2024 approval letter's land-use conditions"]
    said = "“first among the province's provincial zones” and “meets the 2024 approval letter's land-use conditions”"
    assert fmt.conditions_en(names) == said and fmt.conditions_en(["GDP growth"]) == "“GDP growth”"
    pending = [SimpleNamespace(name_en=n, name_zh=n, reason=None) for n in names]
    assert awaiting_in(pending, "en") == said
    assert said in verdict_label(None, names, True, "en")


def test_page_two_says_a_condition_awaiting_the_analyst_as_a_provincial_document_would(pages):
    """bt13j F18: the margin of a condition the statistics cannot settle read 需分析人员核实后给出 (a translation);
    page 2 says 待分析人员确认, the wording the report uses for those conditions elsewhere."""
    page = pages[1].replace("\u2060", "")
    assert "待分析人员确认" in page and "核实后给出" not in page
