"""Issue 11, point 1: plausibility as data, by kind. Each test builds its case from what fields.yaml and
framework.yaml declare (limits, ranges, part/whole pairs), so a field or indicator added tomorrow is checked too."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from scorer.read.observation import Observation
from scorer.read.plausibility import DOUBT_CODES, doubtful_figures, implausible_jumps, out_of_bounds, parts_above_wholes
from scorer import units
from tests.conftest import run_cli
from tests.test_quality import filled_template


def _obs(fields, fid, period, value, cell="C5", column="current"):
    f = fields[fid]
    basis = "stock" if f.kind == "stock" else "ytd"
    return Observation(fid, value, f.unit, period, basis, "q.xlsx", "主要经济指标", cell, f.label, f.unit, column)


def _jumping(framework):
    return {fid: f for fid, f in framework.fields.items() if f.max_jump is not None}


def test_every_count_and_every_comparable_price_amount_declares_a_jump_that_catches_an_extra_digit(framework):
    """An extra digit with a 5 % fall (×9.5) must be beyond the limit of every count and of every field whose
    growth is published at comparable prices (GDP, value added): those do not grow ninefold in a year."""
    kinds = [fid for fid, f in framework.fields.items()
             if units.things_per_unit(f.unit) == 1 and f.kind == "stock" or f.growth_price_basis == "comparable"]
    assert kinds
    for fid in kinds:
        limit = framework.fields[fid].max_jump
        assert limit is not None and limit < 9.5, fid


@pytest.mark.parametrize("side", [1.05, 1 / 1.05])
def test_a_jump_beyond_each_fields_declared_limit_is_doubtful_and_one_within_it_is_not(framework, side):
    fields = framework.fields
    for fid, f in _jumping(framework).items():
        before = 100_000.0 if units.things_per_unit(f.unit) != 1 else 1000.0
        for factor, flagged in ((f.max_jump * side, side > 1), (1 / (f.max_jump * side), side > 1)):
            levels = {(fid, "2022Q1"): _obs(fields, fid, "2022Q1", before, "D5", "prior"),
                      (fid, "2023Q1"): _obs(fields, fid, "2023Q1", before * factor)}
            found = [p for p in implausible_jumps(levels, fields) if p.period == "2023Q1"]
            assert bool(found) == flagged, (fid, factor)
            if found:
                assert found[0].code in DOUBT_CODES and found[0].location.cell == "C5" and found[0].field_id == fid


def test_a_stock_is_checked_against_the_quarter_before_and_a_year_to_date_flow_for_a_fall(framework):
    fields = framework.fields
    stocks = [fid for fid, f in _jumping(framework).items() if f.kind == "stock"]
    flows = [fid for fid, f in _jumping(framework).items() if f.kind == "flow"]
    assert stocks and flows
    for fid in stocks:
        limit = fields[fid].max_jump
        levels = {(fid, "2022Q4"): _obs(fields, fid, "2022Q4", 500.0, "C9"),
                  (fid, "2023Q1"): _obs(fields, fid, "2023Q1", 500.0 * limit * 1.2)}
        [p] = implausible_jumps(levels, fields)
        assert (p.period, p.location.cell, p.code) == ("2023Q1", "C5", "implausible_jump"), fid
    for fid in flows:
        limit = fields[fid].max_jump
        q1 = 50_000.0
        levels = {(fid, "2023Q1"): _obs(fields, fid, "2023Q1", q1, "C9"),
                  (fid, "2023Q2"): _obs(fields, fid, "2023Q2", q1 / limit / 1.2)}
        assert [p.period for p in implausible_jumps(levels, fields)] == ["2023Q2"], fid
        levels[(fid, "2023Q2")] = _obs(fields, fid, "2023Q2", q1 * limit * 1.2)  # a cumulative figure grows
        assert implausible_jumps(levels, fields) == [], fid


def test_a_small_count_moving_by_a_few_is_not_a_jump(framework):
    fields = framework.fields
    for fid, f in _jumping(framework).items():
        if units.things_per_unit(f.unit) != 1 or f.kind != "stock":
            continue
        small = (f.max_jump + 1) - 1  # (n + 1) / (0 + 1) at the limit: n = limit - 1 from 0 is never a jump
        levels = {(fid, "2022Q1"): _obs(fields, fid, "2022Q1", 1.0, "D5", "prior"),
                  (fid, "2023Q1"): _obs(fields, fid, "2023Q1", 2 * (f.max_jump) - 1)}  # (2L - 1 + 1)/(1 + 1) = L
        assert implausible_jumps(levels, fields) == [], (fid, small)


def test_a_level_outside_its_plausible_range_is_doubtful_at_its_cell_and_zero_never_is(framework):
    fields = framework.fields
    declared = {fid: f.plausible for fid, f in fields.items() if f.plausible is not None}
    assert {"population", "gdp"} <= set(declared)
    for fid, p in declared.items():
        cases = []
        if p.min is not None:
            cases += [(p.min / 1e4, True), (0.0, False), (p.min * 2, False)]
        if p.max is not None:
            cases += [(p.max * 1e4, True), (p.max / 2, False)]
        for value, doubtful in cases:
            levels = {(fid, "2023Q1"): _obs(fields, fid, "2023Q1", value)}
            found = [x for x in out_of_bounds(levels, fields) if x.code == "implausible_value"]
            assert bool(found) == doubtful, (fid, value)
            if found:
                assert found[0].location.cell == "C5" and found[0].field_id == fid and found[0].code in DOUBT_CODES


def test_an_indicator_outside_its_plausible_range_is_left_out_never_capped(framework):
    from dataclasses import replace

    from scorer.score.doubt import find_doubts

    declared = {i.id: i.spec.plausible for i in framework.indicators.values() if i.spec.plausible is not None}
    assert {"gdp_growth", "energy_intensity", "patents_per_10k", "output_per_km2"} <= set(declared)
    capping = replace(framework, plausibility=framework.plausibility.model_copy(update={"on_doubt": "cap"}))
    for iid, p in declared.items():
        hi = framework.indicators[iid].spec.value_bounds.max  # between the plausible and the possible
        above = p.max * 10 if p.max is not None and hi is None else (p.max + hi) / 2 if p.max is not None else None
        for value, doubtful in ([(above, True), (p.max * 0.9, False)] if p.max is not None else []) + \
                ([(p.min / 10, True), (0.0, False)] if p.min is not None and p.min > 0 else []):
            values = pd.DataFrame({i: [np.nan] for i in framework.indicators}, index=["2023Q1"])
            values.loc["2023Q1", iid] = value
            for fw in (framework, capping):
                doubts = find_doubts(fw, values, [])
                assert bool(doubts.leave_out.at["2023Q1", iid]) == doubtful, (iid, value)
                assert np.isnan(doubts.capped.at["2023Q1", iid])
                if doubtful:
                    assert doubts.causes[("2023Q1", iid)].code == "implausible_value"


def test_the_sample_has_no_doubtful_figure_in_any_quarter(sample_run):
    """No false alarm: the bundled sample's eight quarters pass every declared check."""
    assert [p.render() for p in sample_run.ingested.problems if p.code in DOUBT_CODES] == []
    values = sample_run.result.values if hasattr(sample_run.result, "values") else None
    from scorer.score.doubt import find_doubts

    if values is not None:
        doubts = find_doubts(sample_run.framework, values, [])
        assert not doubts.any.values.any(), doubts.causes


def test_a_zero_typed_for_a_whole_is_named_at_its_cell_for_every_declared_pair(framework):
    fields = framework.fields
    pairs = [(part, whole) for part, f in fields.items() for whole in f.part_of]
    assert ("gdp", "city_gdp") in pairs and ("industrial_value_added", "gdp") in pairs
    for part, whole in pairs:
        levels = {(part, "2023Q1"): _obs(fields, part, "2023Q1", 500.0, "C5"),
                  (whole, "2023Q1"): _obs(fields, whole, "2023Q1", 0.0, "C9")}
        [p] = parts_above_wholes(levels, fields)
        assert (p.code, p.field_id, p.location.cell) == ("part_above_whole", whole, "C9"), (part, whole)


@pytest.mark.parametrize("fid,factor", [("population", 1e4), ("gdp", 1e-4), ("fdi_actual", 1e-4)])
def test_a_whole_row_in_the_wrong_unit_in_a_zones_first_workbook_is_doubtful(framework, sample_run, tmp_path, fid, factor):
    """本期 and 上年同期 both slipped (the row's own history carries the slip): the other fields and the plausible
    ranges still find it; its indicators are not scored, the verdict says so, and --strict refuses the run."""
    def slip(f, now, before):
        return (now * factor, before * factor) if f == fid else (now, before)
    folder = tmp_path / "first"
    folder.mkdir()
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", slip)
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    doubts = [p for p in result["problems"] if p["code"] in DOUBT_CODES and p["period"] == "2023Q1"]
    assert any(p["cell"] and p["cell"].startswith("C") for p in doubts), doubts
    users = [i.id for i in framework.indicators.values() if fid in framework.fields_read(i.tree)]
    scored = {i["id"]: i for i in result["indicators"]}
    assert users and all(scored[u]["score"] is None for u in users if u in scored)
    assert result["verdict"]["on_doubtful_data"]
    strict = run_cli("score", folder, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr


def test_strict_refuses_a_doubtful_value_in_score_and_report_and_writes_nothing(framework, sample_run, tmp_path):
    folder = _part_above_whole(framework, sample_run, tmp_path / "d")
    plain = run_cli("score", folder, "--json")
    assert plain.returncode == 0 and any(p["level"] == "doubtful" for p in json.loads(plain.stdout)["problems"])
    done = run_cli("score", folder, "--strict")
    assert done.returncode == 1 and "--strict" in done.stderr and "Traceback" not in done.stderr
    out = tmp_path / "r.pdf"
    done = run_cli("report", folder, "--strict", "-o", out)
    assert done.returncode == 1 and not out.exists()


def _part_above_whole(framework, sample_run, folder):
    """`folder` holding the sample's template filled with 固废综合利用量 at 109 % of 产生量: a doubtful value."""
    def above_whole(f, now, before):
        return (now * 1.09 / 0.88, before) if f == "solid_waste_utilized" else (now, before)
    folder.mkdir()
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", above_whole)
    return folder


def _row(fields, fid, now, before, rate, row=7):
    f = fields[fid]
    basis = "stock" if f.kind == "stock" else "ytd"
    return [Observation(fid, now, f.unit, "2023Q1", basis, "q.xlsx", "主要经济指标", f"C{row}", f.label, f.unit, "current"),
            Observation(fid, before, f.unit, "2022Q1", basis, "q.xlsx", "主要经济指标", f"D{row}", f.label, f.unit, "prior"),
            Observation(fid, rate, "%", "2023Q1", "growth", "q.xlsx", "主要经济指标", f"E{row}", f.label, "%", "current")]


def test_a_published_rate_a_digit_off_is_doubtful_for_every_field_comparable_prices_or_not(framework):
    """41.3 where the levels give 4.1: doubtful at the rate's cell whatever the field's price basis; a comparable-price
    rate a few points from the levels' (the price change) is not told."""
    from scorer.read.checks import GROSS_GROWTH_POINTS, growth_disagreements

    fields = framework.fields
    comparable = [fid for fid, f in fields.items() if f.growth_price_basis == "comparable"]
    assert comparable and "gdp" in comparable
    for fid in fields:
        before = 500_000.0
        now = before * 1.041
        implied = (now / before - 1) * 100
        typo = float(f"{implied:.1f}") * 10 + 0.3  # 41.3 for 4.1: a digit too many
        [p] = growth_disagreements(_row(fields, fid, now, before, typo), fields)
        assert (p.code, p.location.cell, p.field_id) == ("growth_typo", "E7", fid) and p.code in DOUBT_CODES
        honest = implied + GROSS_GROWTH_POINTS / 3  # a price change of a few points
        found = growth_disagreements(_row(fields, fid, now, before, honest), fields)
        assert [x.code for x in found] == ([] if fid in comparable else ["growth_disagrees"]), fid


@pytest.mark.parametrize("slipped", ["part", "whole"])
def test_with_two_figures_only_the_one_its_own_quarter_shows_off_is_blamed(framework, slipped):
    """本期 slipped, 上年同期 right: the unit slip is named at 本期 only (the correct cell is not blamed), for every
    declared part/whole pair, whichever side slipped."""
    from scorer.read.plausibility import unit_slips

    fields = framework.fields
    pairs = [(part, whole) for part, f in fields.items() for whole in f.part_of
             if math.isclose(units.factor(fields[whole].unit, fields[part].unit), 1.0)]
    assert pairs
    for part, whole in pairs:
        w = 800_000.0
        pw, pp = fields[whole].plausible, fields[part].plausible
        if pw is not None and pw.max is not None:
            w = min(w, pw.max / 2)
        x = w * 0.3
        if pp is not None and not pp.contains(x) or pw is not None and not pw.contains(w):
            continue
        off = part if slipped == "part" else whole
        factor = 1e-4 if slipped == "part" else 1e4
        levels = {}
        for fid, v in ((part, x), (whole, w)):
            levels[(fid, "2022Q1")] = _obs(fields, fid, "2022Q1", v, "D5", "prior")
            levels[(fid, "2023Q1")] = _obs(fields, fid, "2023Q1", v * 1.05 * (factor if fid == off else 1), "C5")
        found = unit_slips(levels, fields)
        assert [k for k in found if k[0] == off] == [(off, "2023Q1")], (part, whole, slipped)


def test_an_amount_read_in_a_guessed_unit_is_doubtful_and_a_count_is_not(framework):
    from scorer.read.checks import guessed_units

    fields = framework.fields
    for fid, f in fields.items():
        o = Observation(fid, 29.34, f.unit, "2022Q4", "ytd", "q.xlsx", "主要经济指标", "C9", f.label, None, "current")
        found = guessed_units([o], fields)
        amount = units.dimension(f.unit) not in ("count", "percent")
        assert [(p.code, p.field_id, p.location.cell) for p in found] == ([("unit_guessed", fid, "C9")] if amount else [])
        assert all(p.code in DOUBT_CODES for p in found)
        written = Observation(fid, 29.34, f.unit, "2022Q4", "ytd", "q.xlsx", "主要经济指标", "C9", f.label, f.unit, "current")
        assert guessed_units([written], fields) == []


def test_watch_with_strict_writes_no_report_on_doubtful_data_and_logs_why(framework, sample_run, tmp_path, in_chinese):
    from scorer.cli.watch import LOG_NAME, Watcher

    folder = _part_above_whole(framework, sample_run, tmp_path / "drop")
    for strict in (False, True):
        out = tmp_path / f"reports-{strict}"
        w = Watcher(folder, out, None, strict=strict)
        w.poll()
        events = w.poll()
        written = list(out.glob("*.pdf")) if out.exists() else []
        assert bool(written) == (not strict), events
        if strict:  # the service's log (one line an event) gives the cause, not "未生成报告：" and nothing (bt16h F1)
            from scorer.cli.watch import summary

            assert any("未生成报告" in line and "--strict" in line for line in summary(events)), summary(events)
    log = (folder / LOG_NAME).read_text(encoding="utf-8")
    # no report was ever written for the strict run: "未生成报告" (报告未更新 says an earlier one is kept, bt16g F7e)
    assert "--strict" in log and "未生成报告" in log
    # a problem's hint stays its own indented line, not an escaped newline (the log's lines are escaped, bt16g F3)
    assert "\\x0a" not in log and "\n    处理建议" in log
