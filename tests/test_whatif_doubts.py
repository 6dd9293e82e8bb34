"""Variants go through the baseline's plausibility checks: no scenario or draw is scored on a value the baseline would refuse."""

from __future__ import annotations

import shutil
import textwrap

import numpy as np
import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from scorer.errors import ScorerError
from scorer.whatif.changes import load_scenario
from scorer.whatif.scenario import DOUBT_FIGURE, DOUBT_NONE, Baseline, compare, score_variant_set
from scorer.whatif.uncertainty import Assumptions, factors, variants_from_design
from test_caliber import Q4, _truth_cell


def scenario(tmp_path, framework, fields: str):
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(f"name: 外资\nfields:\n{fields}"), encoding="utf-8")
    return load_scenario(path, framework), path


def refusal(sample_run, sc) -> str:
    with pytest.raises(ScorerError) as exc:
        compare(sample_run, [sc])
    return "\n".join(p.render() for p in exc.value.problems)


def test_a_scenario_above_the_caliber_line_is_refused_at_its_line(sample_run, framework, tmp_path):
    sc, path = scenario(tmp_path, framework, '  fdi_actual: "= 9000 万美元"\n')
    text = refusal(sample_run, sc)
    assert f"{path}:3" in text and "caliber" in text and "12%" in text


def test_a_scenario_giving_an_indicator_an_implausible_value_is_refused_at_its_line(sample_run, framework, tmp_path):
    # Below the caliber line, but more than the whole city's FDI: a share above 100 %.
    sc, path = scenario(tmp_path, framework, '  fdi_actual: "= 7000 万美元"\n')
    text = refusal(sample_run, sc)
    assert f"{path}:3" in text and "fdi_city_share" in text and "between 0 and 100" in text


def test_a_plausible_scenario_still_scores(sample_run, framework, tmp_path):
    sc, _ = scenario(tmp_path, framework, '  fdi_actual: "+20%"\n')
    assert compare(sample_run, [sc]).scenarios[0].change_overall > 0


def test_monte_carlo_draws_past_a_bound_are_left_out_not_scored(sample_run):
    base = Baseline.from_run(sample_run)
    a = Assumptions(measurement=90.0)  # a draw may push a share far past 100 %
    facs = factors(base, a)
    variants, _ = variants_from_design(base, np.random.default_rng(5).random((200, len(facs))), facs, a)
    res = score_variant_set(base, variants)
    inds = base.indicators
    for k, i in enumerate(inds):
        b = sample_run.framework.indicators[i].spec.value_bounds
        v = res.values.to_numpy()[:, k]
        assert not np.any(v[np.isfinite(v)] > (np.inf if b.max is None else b.max) + 1e-9), i
    k = inds.index("fdi_city_share")
    assert (res.doubt[:, k] != DOUBT_NONE).any() and np.isnan(res.scores.to_numpy()[res.doubt[:, k] != DOUBT_NONE, k]).all()


@pytest.fixture(scope="module")
def doubtful_run(tmp_path_factory):
    """The sample with its 2022Q4 FDI on the old provincial caliber (30×): left out by the guard."""
    from scorer.pipeline import run

    folder = tmp_path_factory.mktemp("zone")
    shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("scenarios"))
    sheet, cell, value = _truth_cell("fdi_actual", "2022Q4")
    wb = load_workbook(folder / Q4)
    wb[sheet][cell] = round(value * 30, 2)
    wb.save(folder / Q4)
    return run([folder]), value, folder


def test_setting_a_doubtful_figure_anew_scores_the_new_value_and_a_relative_change_does_not(doubtful_run, tmp_path):
    r, sound, _ = doubtful_run
    fw = r.framework
    k = list(fw.indicators).index("fdi_amount")
    fresh, _ = scenario(tmp_path, fw, f'  fdi_actual: "= {sound:.2f} 万美元"\n')
    relative = load_scenario(_write(tmp_path, "r.yaml", 'name: 加两成\nfields:\n  fdi_actual: "+20%"\n'), fw)
    c = compare(r, [fresh, relative])
    assert c.results.doubt[0, k] == DOUBT_FIGURE and np.isnan(c.results.scores.iat[0, k])  # the baseline: left out
    assert c.results.doubt[1, k] == DOUBT_NONE and np.isfinite(c.results.scores.iat[1, k])  # set anew: scored
    assert c.results.values.iat[1, k] == pytest.approx(sound)
    assert c.results.doubt[2, k] == DOUBT_FIGURE and np.isnan(c.results.scores.iat[2, k])  # +20 % of a doubtful figure


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_report_calls_a_doubtful_value_doubtful_not_missing(doubtful_run, tmp_path):
    import re

    from conftest import run_cli

    r, _, folder = doubtful_run
    out = tmp_path / "r.html"
    done = run_cli("report", folder, "--format", "html", "-o", out)
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    doubtful = [r.framework.indicators[i].name_zh for i in r.verdict.doubtful]
    assert "实际使用外资金额" in doubtful
    missing = " ".join(re.findall(r"本期缺数指标：[^。]*。", html) + re.findall(r"。[^。]*本期缺数，按其余指标折算", html))
    assert not any(name in missing for name in doubtful), missing
    assert "本期存疑指标：" in html and "本期数值存疑，未按原值计分" in html
    assert "（缺）" not in html
    assert html.count(">存疑<") >= len(doubtful)  # the chart's and the table's label


# --- every route by which a value reaches scoring passes the same checks (fields, indicators, draws, plan steps)
def indicator_scenario(tmp_path, framework, lines: str, name: str = "i.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(f"name: 指标{path.stem}\nindicators:\n{lines}"), encoding="utf-8")  # a name each
    return load_scenario(path, framework), path


@pytest.mark.parametrize("change", ['"= 9000 万美元"', '"= 0.9 亿美元"', '"+6500 万美元"', '"+500%"'])
def test_an_indicator_given_directly_past_the_caliber_line_is_refused_at_its_line(sample_run, framework, tmp_path, change):
    sc, path = indicator_scenario(tmp_path, framework, f"  fdi_amount: {change}\n")
    text = refusal(sample_run, sc)
    assert f"{path}:3" in text and "indicators.fdi_amount" in text and "caliber" in text and "7,500" in text


def test_an_indicator_given_directly_below_the_caliber_line_is_scored(sample_run, framework, tmp_path):
    sc, _ = indicator_scenario(tmp_path, framework, '  fdi_amount: "= 3000 万美元"\n')
    k = list(framework.indicators).index("fdi_amount")
    c = compare(sample_run, [sc])
    assert c.results.doubt[1, k] == DOUBT_NONE and c.results.values.iat[1, k] == pytest.approx(3000)
    assert c.scenarios[0].change_overall > 0


def _set_indicators(base, amounts: dict[str, float]):
    """One variant per (indicator, amount): that indicator given the amount directly, as `indicators: {i: = amount}`."""
    from scorer.whatif.scenario import variants_from_scenarios
    from scorer.whatif.changes import Change, Scenario

    scs = [Scenario(f"{i}", indicators={i: Change("set", a)}) for i, a in amounts.items()]
    variants, _ = variants_from_scenarios(base, scs)
    return score_variant_set(base, variants)


def test_every_indicator_given_a_value_past_its_checks_is_not_scored_as_true(sample_run):
    """The next indicator with bounds or a caliber line is covered too: each one, given a value beyond them
    directly, is left out (or capped), never scored as given."""
    from scorer.score.caliber import indicator_lines

    base = Baseline.from_run(sample_run)
    fw, inds = sample_run.framework, base.indicators
    lines = indicator_lines(fw)
    assert "fdi_amount" in lines  # the FDI indicator is the field's full-year figure
    past = {i: lines[i][1] * 1.5 for i in lines}
    for i in inds:
        hi = fw.indicators[i].spec.value_bounds.max
        if hi is not None and i not in past:
            past[i] = hi * 2 + 1
    res = _set_indicators(base, past)
    for r, i in enumerate(past):
        k = inds.index(i)
        assert res.doubt[r, k] != DOUBT_NONE, i
        v = res.values.iat[r, k]
        assert np.isnan(v) or v < past[i], i  # left out, or held to its bounds


def test_an_indicator_set_anew_replaces_a_doubtful_figure_and_a_relative_change_keeps_it_doubtful(doubtful_run, tmp_path):
    r, sound, _ = doubtful_run
    fw = r.framework
    k = list(fw.indicators).index("fdi_amount")
    fresh, _ = indicator_scenario(tmp_path, fw, f'  fdi_amount: "= {sound:.2f} 万美元"\n')
    relative, _ = indicator_scenario(tmp_path, fw, '  fdi_amount: "+10 万美元"\n', "r.yaml")
    c = compare(r, [fresh, relative])
    assert c.results.doubt[1, k] == DOUBT_NONE and c.results.values.iat[1, k] == pytest.approx(sound, abs=0.01)
    assert c.results.doubt[2, k] == DOUBT_FIGURE and np.isnan(c.results.scores.iat[2, k])


def test_a_plan_never_moves_a_field_past_its_caliber_line(sample_run, tmp_path):
    from scorer.whatif.plan import caliber_ceilings, load_efforts, resolve_efforts

    path = tmp_path / "effort.yaml"
    path.write_text(textwrap.dedent("""\
        version: 1
        name_zh: 测试
        fields:
          fdi_actual: {direction: increase, max_change: 5000%, effort: 1, per: 1%, confidence: low, source: 测试}
        """), encoding="utf-8")
    base = Baseline.from_run(sample_run)
    (check, limit, _, _), = [c for c in base.calibers if c[0].field == "fdi_actual"]  # the zone's (the city's too)
    ceiling = caliber_ceilings(base)[check.field]
    value = float(base.levels[base.fields.index(check.field)])
    actionable, _ = resolve_efforts(load_efforts(path, sample_run.framework), base)
    (fdi,) = [a for a in actionable if a.field == check.field]
    assert value + fdi.max_change == pytest.approx(ceiling) and value * 50 > ceiling
    # the ceiling is the line itself once the quarter is made a full-year figure, as the guard makes it
    from scorer.whatif.scenario import _VariantContext

    assert ceiling * _VariantContext(base, base.levels[None, :])._annual_factor(check.field) == pytest.approx(limit)


# Every command that states a verdict says when it rests on doubtful data, in the one wording (doubt_caution).
SAYS_VERDICT = {"score": ([], []), "compare": ([EXAMPLES / "scenarios" / "外贸扩量.yaml"], []),
                "plan": ([], ["--verdict", "--lang", "zh"]), "uncertainty": ([], ["--draws", "100", "--seed", "1"])}


@pytest.mark.parametrize("command", sorted(SAYS_VERDICT))
def test_every_verdict_on_doubtful_data_says_so(doubtful_run, command):
    from conftest import run_cli
    from scorer.score.rules import doubt_caution

    r, _, folder = doubtful_run
    files, options = SAYS_VERDICT[command]
    for lang, name in (("zh", "实际使用外资金额"), ("en", "Actual use of foreign investment")):  # each in its language
        done = run_cli(command, folder, *files, *options, "--lang", lang)
        assert done.returncode == 0, done.stderr
        caution = doubt_caution(r.framework, r.verdict.doubtful, lang)
        assert caution and name in caution
        assert " ".join(caution.split()) in " ".join(done.stdout.replace("\n", "" if lang == "zh" else " ").split()), done.stdout
    if command in ("compare", "uncertainty"):
        data = __import__("json").loads(run_cli(command, folder, *files, *options, "--json").stdout)
        said = data["baseline"]["doubtful_indicators"] if command == "compare" else data["doubtful_indicators"]
        assert set(said) >= set(r.verdict.doubtful)


def test_a_scenario_that_sets_the_doubtful_figure_anew_no_longer_rests_on_it(doubtful_run, tmp_path):
    r, sound, _ = doubtful_run
    fresh, _ = scenario(tmp_path, r.framework, f'  fdi_actual: "= {sound:.2f} 万美元"\n')
    c = compare(r, [fresh])
    assert "fdi_amount" in c.baseline.doubtful and "fdi_amount" not in c.scenarios[0].doubtful
