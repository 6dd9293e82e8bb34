"""A folder of scenario YAML files is its scenarios, as a folder of workbooks is its workbooks: `report --scenario
examples/scenarios` was refused (cannot read: it is a folder) while `--scenario examples/scenarios/*.yaml` worked."""

from __future__ import annotations

from conftest import EXAMPLES, run_cli

NAMES = ["外贸扩量", "外资增长两成", "新增两个省级研发机构"]  # examples/scenarios/*.yaml


def test_report_takes_a_folder_of_scenarios_after_scenario(tmp_path):
    out = tmp_path / "r.html"
    done = run_cli("report", EXAMPLES, "--scenario", EXAMPLES / "scenarios", "--format", "html", "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert all(name in html for name in NAMES)


def test_compare_takes_a_folder_of_scenarios_after_the_data():
    done = run_cli("compare", EXAMPLES, EXAMPLES / "scenarios", "--csv", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert all(name in done.stdout for name in NAMES)


def test_a_folder_with_no_scenario_file_is_refused_by_name(tmp_path):
    (tmp_path / "empty").mkdir()
    done = run_cli("report", EXAMPLES, "--scenario", tmp_path / "empty", "-o", tmp_path / "r.pdf", "--lang", "en")
    assert done.returncode == 1 and "no scenario file (.yaml) in this folder" in done.stderr and "empty" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "r.pdf").exists()
