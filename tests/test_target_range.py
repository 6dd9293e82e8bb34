"""An overall score to aim for out of 0 … the framework's scale is one kind of mistake with one treatment: a usage
error, exit 2, naming the option and the value as typed, before anything is written (bt16k F8: `plan --target -1`
exited 2 and `plan --target 101` exited 1)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("value", ["-1", "101", "100.5", "-0.5", "1e999"])
def test_plan_refuses_a_target_out_of_the_scale_as_a_usage_error(value):
    done = run_cli("plan", EXAMPLES, "--target", value, "--lang", "en")
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert f"--target {value}" in done.stderr and "Traceback" not in done.stderr


def test_report_s_plan_target_out_of_the_scale_is_refused_alike_and_no_report_is_written(tmp_path):
    out = tmp_path / "r.pdf"
    done = run_cli("report", EXAMPLES, "--plan-target", "101", "-o", out, "--lang", "en")
    assert done.returncode == 2 and "--plan-target 101" in done.stderr and "at most 100" in done.stderr, done.stderr
    assert not out.exists()


def test_a_target_within_the_scale_is_planned():
    done = run_cli("plan", EXAMPLES, "--target", "100", "--lang", "en")
    assert done.returncode == 0, done.stderr
