"""Options given together or a name that asks for another format: said as what the user did (bt15j F11c, F11g)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli


def test_plan_with_both_a_target_and_a_verdict_says_only_one_may_be_given():
    done = run_cli("plan", EXAMPLES, "--target", "80", "--verdict", "--lang", "zh")
    assert done.returncode == 1
    assert "同时给出了 --target 和 --verdict" in done.stderr and "请指明目标" not in done.stderr, done.stderr
    none = run_cli("plan", EXAMPLES, "--lang", "zh")
    assert none.returncode == 1 and "请指明目标" in none.stderr, none.stderr


@pytest.mark.parametrize("name, given, option, rename", [
    ("报告.html", [], "--format html", "报告.pdf"),
    ("报告.HTM", [], "--format html", "报告.pdf"),
    ("报告.pdf", ["--format", "html"], "--format pdf", "报告.html"),
])
def test_a_report_named_for_the_other_format_is_told_the_option_that_writes_it(tmp_path, name, given, option, rename):
    out = tmp_path / name
    done = run_cli("report", EXAMPLES, "-o", out, *given, "--lang", "en")
    assert done.returncode == 1 and not out.exists()
    assert f"add {option}" in done.stderr and f"name it {rename}" in done.stderr, done.stderr


def test_a_name_of_no_format_the_command_writes_is_told_to_rename(tmp_path):
    done = run_cli("report", EXAMPLES, "-o", tmp_path / "报告.docx", "--lang", "en")
    assert done.returncode == 1 and "name it 报告.pdf" in done.stderr and "--format" not in done.stderr.split("hint")[-1]
