"""Doubt attaches to the figure that is doubtful, by kind: a field's level or its published 同比 rate.

Every field the framework reads both as a level and through yoy() is doubted once as a rate (a 同比 column
typed as fractions, with no level to check it: `fraction_rate`) and once as a level (a negative amount:
`below_bound`), in workbooks built here. A doubtful rate leaves out only the indicators that use the rate;
a doubtful level only those that use the level, and yoy() of the field where the workbook publishes the
rate stays scored. Checked in score --json (indicators, `unscored`, the problems' codes) and in the report.
"""

from __future__ import annotations

import json
import re

import pytest

from scorer.framework import formula as fx
from scorer.score.doubt import GROWTH, LEVEL, doubtful_figure, figures_read
from scorer.errors import Problem
from tests.conftest import run_cli
from tests.workbooks import full_tables, sample_rows, write

RATES = {"fdi_actual": 18.1, "trade_total": 8.3, "co2_emissions": 4.6, "gdp": 7.2}


def _users(framework, fid: str) -> tuple[set[str], set[str]]:
    """(indicators that take yoy() of the field, indicators that name the field outside yoy()), from the formulas."""
    rate, level = set(), set()
    for i in framework.indicators.values():
        yoys = [c for c in fx.calls(i.tree) if c.func == "yoy" and isinstance(c.args[0], fx.Name) and c.args[0].name == fid]
        inside = {id(c.args[0]) for c in yoys}
        if yoys:
            rate.add(i.id)
        if any(n.name == fid and id(n) not in inside for n in fx.names(i.tree)):
            level.add(i.id)
    return rate, level


def test_every_field_doubted_here_is_read_both_as_a_level_and_as_a_rate(framework):
    for fid in RATES:
        rate, level = _users(framework, fid)
        assert rate and level and not rate & level, fid


def _rate_folder(framework, folder):
    """Every field of the sample, those of RATES in two small sheets of their own whose 同比 are fractions."""
    sheets, merges = full_tables(framework.fields, 2022, 12, drop=tuple(RATES))
    levels = sample_rows("周口经开区主要统计指标_2022年1-12月.xlsx")  # the sample's, in the fields' own units
    for name, fids in (("外资外贸", ("fdi_actual", "trade_total")), ("生产排放", ("co2_emissions", "gdp"))):
        rows = [[f"周口经济开发区2022年1-12月{name}", "", "", ""], ["指标名称", "计量单位", "1-12月累计", "同比增长(%)"]]
        rows += [[framework.fields[f].label, framework.fields[f].unit, levels[f]["current"], RATES[f] / 100] for f in fids]
        sheets[name] = rows
    write("xlsx", folder, "表", sheets, merges)
    return folder


def _level_folder(framework, folder):
    """Every field of the sample with 上年同期 and 同比 as published, those of RATES with a negative level."""
    sheets, merges = full_tables(framework.fields, 2022, 12, overrides={f: {"current": -5.0} for f in RATES})
    write("xlsx", folder, "表", sheets, merges)
    return folder


@pytest.fixture(scope="module")
def scored(tmp_path_factory, framework):
    """kind → (score --json, the report's HTML) for a folder with that kind of figure doubtful."""
    out = {}
    for kind, make in (("rate", _rate_folder), ("level", _level_folder)):
        folder = make(framework, tmp_path_factory.mktemp(kind))
        done = run_cli("score", folder, "--json")
        assert done.returncode == 0, done.stderr
        html = folder.parent / f"{kind}.html"
        report = run_cli("report", folder, "--format", "html", "-o", html)
        assert report.returncode == 0, report.stderr
        out[kind] = json.loads(done.stdout), html.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("kind", ["rate", "level"])
@pytest.mark.parametrize("fid", sorted(RATES))
def test_a_doubtful_figure_leaves_out_the_indicators_that_use_it_and_no_other(framework, scored, kind, fid):
    data, html = scored[kind]
    rate_users, level_users = _users(framework, fid)
    doubted, kept = (rate_users, level_users) if kind == "rate" else (level_users, rate_users)
    inds = {i["id"]: i for i in data["indicators"]}
    unscored = set(data["unscored"].get(data["period"], []))
    for i in doubted:
        assert inds[i]["doubtful"] and inds[i]["value"] is None and i in unscored, i
        assert any(p["code"] == "dropped_indicator" and p["indicator"] == i for p in data["problems"]), i
    for i in kept:
        assert not inds[i]["doubtful"] and inds[i]["value"] is not None and i not in unscored, i
    if kind == "level":  # the published rate is scored as published
        (rate,) = rate_users
        assert inds[rate]["value"] == pytest.approx(RATES[fid])
    said = re.search(r"本期存疑指标：([^。]*)。", html)[1].split("、")
    for i in doubted:
        assert framework.indicators[i].name_zh in said, i
    for i in kept:
        assert framework.indicators[i].name_zh not in said, i


@pytest.mark.parametrize("kind", ["rate", "level"])
def test_nothing_else_is_left_out(framework, scored, kind):
    data, _ = scored[kind]
    codes = {"rate": {"fraction_rate"}, "level": {"below_bound"}}[kind]
    causes = {p["code"] for p in data["problems"] if p["level"] == "warning" and p["field"] in RATES}
    assert causes == codes
    left_out = set(data["unscored"][data["period"]])
    expected = set()
    for fid in RATES:
        rate_users, level_users = _users(framework, fid)
        expected |= rate_users if kind == "rate" else level_users
    assert left_out == expected


def _problem(code: str, fid: str, period: str) -> Problem:
    return Problem("doubtful", severity="warning", code=code, field_id=fid, period=period)


def test_figures_read_follow_the_formula_and_the_published_rates(framework):
    fdi_growth = framework.indicators["fdi_growth"].tree
    with_rate = figures_read(framework, fdi_growth, "2022Q4", lambda f, q: True)
    without = figures_read(framework, fdi_growth, "2022Q4", lambda f, q: False)
    assert with_rate == {("fdi_actual", "2022Q4", GROWTH)}
    assert without == {("fdi_actual", "2022Q4", LEVEL), ("fdi_actual", "2021Q4", LEVEL)}
    # not known whether the rate is published: both the rate and the levels
    assert figures_read(framework, fdi_growth, "2022Q4") == with_rate | without
    # a full-year estimate below Q4 reads last year's same quarter and Q4 (the seasonal share); Q4 is the year itself
    annual = fx.parse("annual(fdi_actual)")
    assert figures_read(framework, annual, "2022Q2") == {("fdi_actual", q, LEVEL) for q in ("2022Q2", "2021Q2", "2021Q4")}
    assert figures_read(framework, annual, "2022Q4") == {("fdi_actual", "2022Q4", LEVEL)}
    assert figures_read(framework, fx.parse("prior(trade_total) + 1"), "2022Q3") == {("trade_total", "2021Q3", LEVEL)}


@pytest.mark.parametrize("code,kind", [("fraction_rate", GROWTH), ("unit_slip", LEVEL), ("below_bound", LEVEL),
                                       ("implausible_jump", LEVEL), ("fdi_caliber", LEVEL), ("conflict", None)])
def test_each_doubt_code_names_the_kind_of_figure(code, kind):
    got = doubtful_figure(_problem(code, "gdp", "2022Q4"))
    assert got == (None if kind is None else ("gdp", "2022Q4", kind))


def test_a_doubtful_prior_level_reaches_a_growth_computed_from_the_levels_only(framework):
    """Last year's level slipped: yoy() computed from the levels is doubtful, the published rate is not."""
    import numpy as np
    import pandas as pd

    from scorer.score.doubt import find_doubts

    def sound(ind):  # 1.0, or the least value its plausible range holds (land_use_rate: at least 5 %)
        low = ind.spec.plausible.min if ind.spec.plausible is not None else None
        return [1.0 if low is None or low <= 1.0 else float(low)]

    values = pd.DataFrame({i: sound(ind) for i, ind in framework.indicators.items()}, index=["2022Q4"])
    problems = [_problem("unit_slip", "gdp", "2021Q4")]
    computed = find_doubts(framework, values, problems, published=lambda f, q: False)
    published = find_doubts(framework, values, problems, published=lambda f, q: True)
    assert bool(computed.leave_out.at["2022Q4", "gdp_growth"]) and not bool(published.leave_out.at["2022Q4", "gdp_growth"])
    assert not np.any(published.leave_out.loc["2022Q4"].to_numpy())  # the quarter's own levels are sound
