"""What-if input is never guessed: weights carry their unit, impossible changes are refused with file and line."""

from __future__ import annotations

import json

import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from scorer.errors import ScorerError
from scorer.whatif.changes import dump_scenario, load_scenario, parse_weight
from scorer.whatif.scenario import compare


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


ALL_SHARES = "  opening: 0.3\n  innovation: 0.15\n  green: 0.15\n  coordination: 0.1\n  quality: 0.3\n"


# ------------------------------------------------------------------------------ weights
@pytest.mark.parametrize("text, kind, value", [("35%", "percent", 35.0), ("35 %", "percent", 35.0),
                                               ("３５％", "percent", 35.0), ("0.35", "share", 0.35),
                                               ("12.5%", "percent", 12.5)])
def test_a_weight_is_read_with_its_unit(text, kind, value):
    assert parse_weight(text) == (kind, value)


def test_a_weight_in_percent_is_a_percentage_of_its_parent(framework, tmp_path):
    sc = load_scenario(write(tmp_path, "name: x\nweights:\n  opening: 35%\n  fdi_amount: 12.5 %\n"), framework)
    assert sc.weights == {"opening": 35.0, "fdi_amount": 12.5}


def test_shares_that_sum_to_one_over_every_sibling_are_read_as_shares(framework, tmp_path):
    sc = load_scenario(write(tmp_path, "name: x\nweights:\n" + ALL_SHARES), framework)
    assert sc.weights == pytest.approx({"opening": 30.0, "innovation": 15.0, "green": 15.0, "coordination": 10.0,
                                        "quality": 30.0})


def test_weights_round_trip_through_dump_with_their_unit(framework, tmp_path):
    sc = load_scenario(write(tmp_path, "name: x\nweights:\n" + ALL_SHARES), framework)
    dump_scenario(sc, tmp_path / "again.yaml")
    assert "30%" in (tmp_path / "again.yaml").read_text(encoding="utf-8")
    assert load_scenario(tmp_path / "again.yaml", framework).weights == pytest.approx(sc.weights)


# ------------------------------------------------- ambiguous weights and impossible changes, at load
@pytest.mark.parametrize("body, line, expected", [
    ("weights:\n  opening: 0.35\n", 3, "'0.35' has no unit"),  # read as 0.35 % until now: +3.4 points, silently
    ("weights:\n  opening: 35\n", 3, "'35' has no unit"),
    ("weights:\n  opening: 35%\n  innovation: 0.15\n", 4, "'0.15' has no unit"),
    ("weights:\n" + ALL_SHARES.replace("0.3\n", "0.4\n", 1), 3, "sum to 1.1, not 1"),
    ("weights:\n  opening: 150%\n", 3, "more than all of its parent"),
    ("weights:\n  opening: 0%\n", 3, "must be a positive number"),
    ("weights:\n  opening: -5%\n", 3, "cannot read the weight"),
    ("weights:\n  opening: 三成\n", 3, "cannot read the weight"),
    ("fields:\n  fdi_actual: -150%\n", 3, "leaves less than nothing"),
    ("fields:\n  rd_institutions: = -3\n", 3, "the value must be at least 0 items"),
    ("fields:\n  tax_revenue: = -1 亿元\n", 3, "at least 0 10k yuan"),
    ("indicators:\n  hightech_trade_share: = 250\n", 3, "between 0 and 100 %"),
    ("indicators:\n  fdi_growth: = -120\n", 3, "at least -100 %"),
    ("fields:\n  fdi_actual: +1e400%\n", 3, "too large to compute"),
    ("fields:\n  rd_institutions: +1e999\n", 3, "too large to compute"),
    # finite, but larger than any zone's statistic (the reader's LARGEST_PLAUSIBLE for a cell)
    ('indicators:\n  fdi_growth: "+1e308"\n', 3, "too large to be a statistic of a zone"),
    ("indicators:\n  gdp_growth: = 1e15\n", 3, "too large to be a statistic of a zone"),
    ("fields:\n  fdi_actual: = 1e16 万美元\n", 3, "too large to be a statistic of a zone"),
    ("fields:\n  tax_revenue: -1e300 万元\n", 3, "too large to be a statistic of a zone"),
    # a count (个, 家, 件, 人 …) changes by whole numbers, in fields and in indicators alike
    ("fields:\n  rd_institutions: +0.5\n", 3, "is not one (the value must be a whole number of items)"),
    ("fields:\n  hightech_enterprises: = 12.5\n", 3, "a whole number of items"),
    ("fields:\n  new_urban_jobs: -0.25 人\n", 3, "a whole number of people"),
    ("fields:\n  safety_env_incidents: +0.5\n", 3, "a whole number of items"),
    ("indicators:\n  rd_institutions: +1.5\n", 3, "a whole number of items"),
])
def test_ambiguous_or_impossible_what_if_input_is_refused_at_load_with_file_and_line(framework, tmp_path, body, line,
                                                                                    expected):
    path = write(tmp_path, "name: x\n" + body)
    with pytest.raises(ScorerError) as info:
        load_scenario(path, framework)
    rendered = str(info.value)
    assert f"{path}:{line}" in rendered and expected in rendered


@pytest.mark.parametrize("body, line, expected", [
    ("fields:\n  fdi_actual: +1e308%\n", 3, "too large to compute"),  # was: a false "no figure" warning
    ("fields:\n  rd_institutions: -1000\n", 3, "the value must be at least 0 items"),
    ("indicators:\n  hightech_trade_share: +200\n", 3, "between 0 and 100 %"),
    ("indicators:\n  rd_intensity: +150 百分点\n", 3, "between 0 and 100 %"),
    # overflow: refused before anything is scored (and without a numpy warning, checked below)
    ("indicators:\n  fdi_amount: +1e308%\n", 3, "too large to compute"),
    # a figure a zone could have, divided by one next to nothing (below 1e15 itself, unlike +1.7e308)
    ("fields:\n  city_fdi_actual: = 1e-310 万美元\n", 3,
     "make indicator fdi_city_share (Share of the host city's actual use of foreign investment) too large to compute"),
    ("fields:\n  built_area: = 1e-310 平方公里\n", 3, "make indicator output_per_km2"),
    ("fields:\n  industrial_value_added: = 1e-310 万元\n", 3, "too large to compute"),
    # a count scaled to a fraction of one
    ("fields:\n  rd_institutions: +10%\n", 3, "is not a whole number of items"),
    ("fields:\n  gdp: +1e20%\n", 3, "is too large to be a statistic of a zone"),
    ("indicators:\n  fdi_amount: +1e14%\n", 3, "is too large to be a statistic of a zone"),
])
def test_a_change_whose_result_is_impossible_is_refused_when_applied(sample_run, framework, tmp_path, body, line,
                                                                     expected):
    path = write(tmp_path, "name: x\n" + body)
    scenario = load_scenario(path, framework)
    with pytest.raises(ScorerError) as info:
        compare(sample_run, [scenario])
    rendered = str(info.value)
    assert f"{path}:{line}" in rendered and expected in rendered


@pytest.mark.parametrize("body, field", [
    ("fields:\n  exports: +900%\n", "exports"),  # no indicator reads exports: its part_of is still declared
    ("fields:\n  exports: = 500000 万元\n", "exports"),  # 485 900 万元 of trade in all
    ("fields:\n  industrial_value_added: = 1e9 万元\n", "industrial_value_added"),  # above industrial_output
    ("fields:\n  exports: = 1e9 万元\n  trade_total: +1%\n", "exports"),
])
def test_a_scenario_breaking_a_declared_part_of_is_refused_at_its_line(sample_run, framework, tmp_path, body, field):
    path = write(tmp_path, "name: x\n" + body)
    with pytest.raises(ScorerError) as info:
        compare(sample_run, [load_scenario(path, framework)])
    rendered = str(info.value)
    assert f"{path}:3" in rendered and f"fields.{field}" in rendered and "of which it is a part" in rendered


def test_every_declared_part_of_is_checked_whether_or_not_an_indicator_reads_it(sample_run, framework, tmp_path):
    # each relation of fields.yaml the quarter meets, its part pushed to ten times its whole: refused at its
    # line (by the indicator's bounds where one reads both, by the relation itself where none does)
    level = sample_run.panel.levels.loc[sample_run.result.period]
    pairs = [(p, w) for p, d in framework.fields.items() for w in d.part_of if 0 < level[p] <= level[w]]
    assert len(pairs) >= 6
    for part, whole in pairs:
        path = write(tmp_path, f"name: x\nfields:\n  {part}: = {level[whole] * 10:.6g} {framework.fields[whole].unit}\n")
        with pytest.raises(ScorerError) as info:
            compare(sample_run, [load_scenario(path, framework)])
        assert f"{path}:3" in str(info.value), (part, whole)
        read = any(part in framework.fields_read(i.tree) for i in framework.indicators.values() if i.tree is not None)
        assert read or "of which it is a part" in str(info.value), (part, whole)


def test_a_scenario_keeping_its_parts_within_their_wholes_applies(sample_run, framework, tmp_path):
    path = write(tmp_path, "name: x\nfields:\n  exports: +5%\n  trade_total: +5%\n")
    assert compare(sample_run, [load_scenario(path, framework)]).scenarios[0].overall is not None


def test_a_count_changed_by_whole_numbers_or_a_percentage_giving_one_applies(sample_run, framework, tmp_path):
    path = write(tmp_path, "name: x\nfields:\n  rd_institutions: +100%\n  hightech_enterprises: +3\n"
                           "  population: +0.5 万人\n")  # 万人 is not a count of single things
    out = compare(sample_run, [load_scenario(path, framework)]).scenarios[0]
    assert out.overall is not None


def test_possible_changes_still_apply(sample_run, framework, tmp_path):
    path = write(tmp_path, "name: x\nfields:\n  fdi_actual: -50%\n  rd_institutions: = 0\n"
                           "indicators:\n  hightech_trade_share: = 100\n")
    out = compare(sample_run, [load_scenario(path, framework)]).scenarios[0]
    assert out.overall is not None and out.change_overall != 0


def test_bounds_in_the_framework_are_validated_with_their_line(tmp_path):
    text = (ROOT / "indicators" / "framework.yaml").read_text(encoding="utf-8")
    bad = text.replace("bounds: {min: 0, max: 100}", "bounds: {min: 100, max: 0}", 1)
    (tmp_path / "framework.yaml").write_text(bad, encoding="utf-8")
    (tmp_path / "fields.yaml").write_text((ROOT / "indicators" / "fields.yaml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    line = bad.splitlines().index(next(x for x in bad.splitlines() if "min: 100, max: 0" in x)) + 1
    done = run_cli("validate", tmp_path / "framework.yaml")
    assert done.returncode == 1 and f"framework.yaml:{line}" in done.stderr and "swap them" in done.stderr


# ------------------------------------------------------------------------------ as a user runs it
@pytest.mark.parametrize("body, expected", [
    ("weights:\n  opening: 0.35\n", "'0.35' has no unit"),
    ("fields:\n  fdi_actual: -150%\n", "leaves less than nothing"),
    ("fields:\n  fdi_actual: +1e308%\n", "too large to compute"),
    ("indicators:\n  fdi_amount: +1e308%\n", "too large to compute"),
    ("fields:\n  trade_total: = 1e-310 万元\n", "too large to compute"),
    ("fields:\n  trade_total: +1.7e308 万元\n", "too large to be a statistic of a zone"),
    ("fields:\n  rd_institutions: +0.5\n", "a whole number of items"),
    ('indicators:\n  fdi_growth: "+1e308"\n', "too large to be a statistic of a zone"),
    ("fields:\n  exports: +900%\n", "of which it is a part"),
])
def test_compare_refuses_what_if_input_it_would_have_guessed(tmp_path, body, expected):
    path = write(tmp_path, "name: 试算\n" + body)
    done = run_cli("compare", EXAMPLES, path, "--json")
    assert done.returncode == 1, done.stdout[-500:]
    assert f"{path}:3" in done.stderr and expected in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "Warning" not in done.stderr and "warnings.warn" not in done.stderr  # numpy's overflow warnings stay in
    refused = json.loads(done.stdout)  # under --json, the refusal as a document (schemas/refused.json), nothing else
    assert refused["refused"] is True and [(p["file"], p["line"]) for p in refused["problems"]] == [(str(path), 3)]
