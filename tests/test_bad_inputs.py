"""Bad workbooks through the real CLI: a message naming the file and the cell, the right exit code, no traceback."""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from scorer.read.checks import required_fields
from scorer.read.ingest import ingest
import os

from tests.bad_inputs import CASES, COMMAND_CASES, FAULTS, Case, CommandCase
from tests.conftest import run_cli
from tests.workbooks import full_tables, write_xlsx


def _digest(target: Path) -> dict[str, str]:
    files = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


@pytest.fixture(scope="module")
def runs(framework, tmp_path_factory):
    """Every case made, then run through `ingest` and `score` (with --strict for warnings), two at a time."""
    made = {}
    for case in CASES:
        folder = tmp_path_factory.mktemp(case.name)
        target = case.make(folder, framework.fields)
        made[case.name] = (target, _digest(target))
    jobs = [(case.name, cmd, strict) for case in CASES for cmd in ("ingest", "score")
            for strict in ((False, True) if case.severity == "warning" else (False,))]

    def run(job):
        name, cmd, strict = job
        return job, run_cli(cmd, made[name][0], *(["--strict"] if strict else []))

    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(pool.map(run, jobs))
    return made, done


def test_the_corpus_is_big_enough_and_every_case_is_different():
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)
    assert len(COMMAND_CASES) >= 25
    assert len({c.name for c in CASES + COMMAND_CASES}) == len(CASES) + len(COMMAND_CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_input_is_named_with_its_place_and_stops_or_warns(case: Case, runs, framework):
    made, done = runs
    target, before = made[case.name]
    sheet, cell = case.place(framework.fields)
    for cmd in ("ingest", "score"):
        result = done[(case.name, cmd, False)]
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "internal error" not in output, output
        line = next((l for l in result.stderr.splitlines() if case.message in l), None)
        assert line is not None, f"{cmd}: {case.message!r} not in\n{result.stderr}"
        assert f": {case.severity}: " in line, line
        assert str(target) in line, line  # the file (inside the folder, for a folder of workbooks)
        if sheet:
            assert f"sheet 「{sheet}」" in line, line  # English: the place in English words too (bt15 F6)
        if cell:  # the cell first; the others a problem rests on follow it (" + cell C25")
            assert f"cell {cell}:" in line or f"cell {cell} + " in line, line
        assert not re.search("工作表|单元格", line.split(f": {case.severity}: ")[0]), line
        if case.severity == "error":
            assert result.returncode == 1, (cmd, result.returncode, result.stderr)
        else:
            assert result.returncode == 0, (cmd, result.stderr)
            strict = done[(case.name, cmd, True)]
            assert strict.returncode == 1, (cmd, strict.stderr)
            assert any(case.message in l and ": error: " in l for l in strict.stderr.splitlines()), strict.stderr
            assert "Traceback" not in strict.stdout + strict.stderr
    assert _digest(target) == before, "the input is never changed"


# ----------------------------------------------------------------- checks, called as a library
def test_every_problem_of_a_workbook_is_reported_at_once(framework, tmp_path):
    sheets, merges = full_tables(framework.fields, overrides={
        "gdp": {"current": "约120万"}, "tax_revenue": {"unit": "亿卢布"}, "exports": {"growth": 1500}})
    result = ingest([write_xlsx(tmp_path / "多处错误_2022年1-6月.xlsx", sheets, merges)], framework.fields)
    messages = [p.message for p in result.problems]
    assert any("约120万" in m for m in messages)
    assert any("亿卢布" in m for m in messages)
    assert any("beyond ±1000%" in m for m in messages)
    assert len(result.errors) == 2


def test_a_required_field_absent_from_every_workbook_is_a_warning_naming_the_indicator(framework, tmp_path):
    # A warning, so that a zone whose office never reports one statistic can still be scored (the
    # indicators that need it drop out and the report says so); --strict makes it an error.
    required = required_fields(framework)
    assert set(required) <= set(framework.fields) and "gdp" in required
    sheets, merges = full_tables(framework.fields, drop=("co2_emissions",))
    path = write_xlsx(tmp_path / "缺项_2022年1-6月.xlsx", sheets, merges)
    result = ingest([path], framework.fields, required)
    [problem] = result.problems
    assert problem.severity == "warning" and problem.location.file == str(path)
    assert "二氧化碳排放量" in problem.message and "co2_emissions" in problem.message
    from scorer.fmt import in_sentence

    assert all(in_sentence(str(name)) in problem.message for name in required["co2_emissions"])  # mid-sentence (bt15i F12)
    assert ingest([path], framework.fields).problems == []  # without `required`, nothing is asked for
    scored = run_cli("score", path)
    assert scored.returncode == 0 and "co2_emissions" in scored.stderr
    strict = run_cli("score", path, "--strict")
    assert strict.returncode == 1 and "co2_emissions" in strict.stderr and "Traceback" not in strict.stderr


def test_a_required_field_missing_for_some_quarters_is_a_warning_listing_them(framework, tmp_path):
    # 工业新鲜水耗 is reported every quarter (CO₂, reported half-yearly by design, is not missing in Q1).
    missing = {f: {"current": "—", "prior": "—", "growth": "—"} for f in ("water_consumption", "co2_emissions")}
    sheets, merges = full_tables(framework.fields, months=3, overrides=missing)
    q1 = write_xlsx(tmp_path / "q_2022年1-3月.xlsx", sheets, merges)
    sheets, merges = full_tables(framework.fields)
    q2 = write_xlsx(tmp_path / "q_2022年1-6月.xlsx", sheets, merges)
    result = ingest([q1, q2], framework.fields, {"water_consumption": ["单位工业增加值新鲜水耗"],
                                                  "co2_emissions": ["碳排放强度"]})
    [problem] = result.problems
    assert problem.severity == "warning" and "2022Q1" in problem.message and "单位工业增加值新鲜水耗" in problem.message
    assert problem.location.file == str(q1)


def test_the_sample_workbooks_give_every_required_field(framework):
    from tests.conftest import EXAMPLES

    result = ingest([EXAMPLES], framework.fields, required_fields(framework))
    # 二氧化碳排放量 is reported half-yearly on purpose, and fields.yaml says so (`reported: half-yearly`):
    # its absence in Q1 and Q3 is not a problem, so the sample passes --strict (issue 11, point 3).
    assert result.problems == []


def test_value_added_growth_at_constant_prices_is_not_held_against_current_price_levels(framework, tmp_path):
    # 地区生产总值 grew 7.3% in current prices; the office publishes 4.5% at constant prices.
    sheets, merges = full_tables(framework.fields, overrides={"gdp": {"growth": 4.5}, "tax_revenue": {"growth": 4.5}})
    result = ingest([write_xlsx(tmp_path / "不变价_2022年1-6月.xlsx", sheets, merges)], framework.fields)
    assert [("published 同比 4.5%" in p.message, "税收收入" in p.message) for p in result.problems] == [(True, True)]


# ------------------------------------------------------------- hostile input through any command
@pytest.fixture(scope="module")
def command_runs(tmp_path_factory):
    """Every command case made and run through the real CLI (with its OS fault, if any), two at a time."""
    made = {}
    for case in COMMAND_CASES:
        folder = tmp_path_factory.mktemp(case.name)
        args, place = case.make(folder)
        made[case.name] = (folder, args, place, {str(p): _digest(p) for p in case.unchanged(folder)})

    def run(case: CommandCase):
        folder, args, _, _ = made[case.name]
        env = None
        if case.fault:
            env = {**os.environ, "PYTHONPATH": str(FAULTS), "SCORER_TEST_FAULT": f"{case.fault}:{folder}"}
        return case.name, run_cli(*args, env=env)

    with ThreadPoolExecutor(max_workers=2) as pool:
        done = dict(pool.map(run, COMMAND_CASES))
    return made, done


@pytest.mark.parametrize("case", COMMAND_CASES, ids=[c.name for c in COMMAND_CASES])
def test_a_hostile_input_or_a_bad_output_path_is_named_and_stops_the_command(case: CommandCase, command_runs):
    made, done = command_runs
    folder, _, place, before = made[case.name]
    result = done[case.name]
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.returncode == case.exit_code, (result.returncode, output)
    line = next((l for l in result.stderr.splitlines() if case.message in l), None)
    assert line is not None, f"{case.message!r} not in\n{result.stderr}"
    assert place in line and "error: " in line, line
    assert "hint:" in result.stderr, result.stderr
    assert {p: _digest(Path(p)) for p in before} == before, "an input was changed"
    leftovers = [p for p in folder.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == [], leftovers


def test_no_case_of_either_corpus_prints_an_internal_error_or_a_traceback(runs, command_runs):
    outputs = [r.stdout + r.stderr for r in runs[1].values()] + [r.stdout + r.stderr for r in command_runs[1].values()]
    assert len(outputs) >= len(CASES) * 2 + len(COMMAND_CASES)
    assert not [o for o in outputs if "internal error" in o or "Traceback" in o]
