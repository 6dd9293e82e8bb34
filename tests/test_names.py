"""Statistics and indicators are accepted by their Chinese names wherever a user types an id."""

from __future__ import annotations

import json

import pytest

from scorer.errors import ScorerError
from scorer.whatif.changes import load_scenario
from tests.conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("name", ["fdi_actual", "实际使用外资金额", " 实际使用外资金额 "])
def test_a_field_by_id_or_chinese_name(framework, name):
    assert framework.field_id(name) == "fdi_actual"


def test_an_indicator_by_chinese_name(framework):
    some = next(iter(framework.indicators.values()))
    assert framework.indicator_id(some.name_zh) == some.id and framework.indicator_id("没有这个指标") is None


def test_series_takes_the_chinese_name_of_a_field():
    by_name = run_cli("series", EXAMPLES, "--field", "实际使用外资金额", "--json")
    by_id = run_cli("series", EXAMPLES, "--field", "fdi_actual", "--json")
    assert by_name.returncode == 0, by_name.stderr
    rows = json.loads(by_name.stdout)["rows"]
    assert rows and {r["field"] for r in rows} == {"fdi_actual"} and rows == json.loads(by_id.stdout)["rows"]


def test_a_scenario_may_name_fields_in_chinese(framework, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: 外资\nfields:\n  实际使用外资金额: +20%\n", encoding="utf-8")
    assert set(load_scenario(path, framework).fields) == {"fdi_actual"}


def test_the_same_field_by_id_and_by_name_is_refused_with_its_line(framework, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: 外资\nfields:\n  fdi_actual: +10%\n  实际使用外资金额: +20%\n", encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_scenario(path, framework)
    assert f"{path}:4" in str(info.value) and "twice" in str(info.value)
