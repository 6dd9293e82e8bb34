"""Methods are accepted by the names the help and the report give them, and said by them in Chinese (bt15j F6:
--normalisation 目标值法 was refused though the help says "targets（目标值法）", and the assumptions line said
"标准化方法 targets … （fdi_actual ±20%）" to a user who had typed 实际使用外资金额)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli
from scorer.i18n import TEXT, method_id

METHODS = [key[len("method_"):] for key in TEXT if key.startswith("method_")]


@pytest.mark.parametrize("method", METHODS)
def test_every_method_is_named_by_its_id_and_by_its_names_in_both_languages(method):
    words = TEXT[f"method_{method}"]
    for name in (method, method.upper(), words["zh"], words["en"], f" {words['zh']} "):
        assert method_id(name) == method, name


def test_a_name_of_no_method_comes_back_as_written():
    assert method_id("按目标值标准化") == "按目标值标准化"


def test_uncertainty_takes_chinese_method_names_and_says_them_in_chinese():
    done = run_cli("uncertainty", EXAMPLES, "--draws", "50", "--seed", "1", "--normalisation", "目标值法",
                   "--imputation", "沿用上期，均值补齐", "--field-error", "实际使用外资金额=20", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    said = done.stdout.replace("\n", "")
    line = said[said.index("假设"):]
    assert "目标值法" in line and "沿用上期/均值补齐" in line and "实际使用外资金额 ±20%" in line, line
    assert not [w for w in ("targets", "locf", "mean", "fdi_actual") if w in line.split("。")[0]], line


def test_a_scenario_names_its_method_in_chinese(tmp_path):
    from scorer.framework.model import load_framework
    from scorer.resources import indicators_dir
    from scorer.whatif.changes import load_scenario

    path = tmp_path / "情景.yaml"
    path.write_text("name: 换算法\nmethods:\n  normalisation: 对照样本法\n  imputation: 沿用上期\n", encoding="utf-8")
    scenario = load_scenario(path, load_framework(indicators_dir() / "framework.yaml"))
    assert (scenario.normalisation, scenario.imputation) == ("peers", "locf")


@pytest.mark.parametrize("given, level", [("1", 1), ("2", 2), ("指标", 1), ("类别", 2), ("分组", 2),
                                          ("Categories", 2), ("ｉｎｄｉｃａｔｏｒｓ", 1)])
def test_a_tree_level_is_named_as_the_help_names_it(given, level):
    from scorer.cli.app import tree_level

    assert tree_level(given) == level


def test_uncertainty_takes_a_level_by_name_and_refuses_a_name_of_none():
    done = run_cli("uncertainty", EXAMPLES, "--draws", "50", "--seed", "1", "--level-weights", "类别=10", "--lang", "zh")
    assert done.returncode == 0 and "第2层 ±10%" in done.stdout.replace("\n", ""), done.stderr
    bad = run_cli("uncertainty", EXAMPLES, "--draws", "50", "--level-weights", "园区=10", "--lang", "zh")
    assert bad.returncode == 2 and "园区=10" in bad.stderr
