"""An amount in what-if input names its unit wherever the quantity is written in several (issue 11, bt11 fault 13).

`trade_total: +10` was read as +10 万元 (the workbook row's unit) while every score shows 进出口总额 in
亿元: a silent ×10 000 slip. Scenario files, effort ranges and the plan's scenario output share one
rule (scorer.whatif.changes.parse_change, scorer.units.other_scales): a bare number is taken only for
a quantity written one way (a count, a rate, a compound unit); any other is refused at its line.
"""

from __future__ import annotations

import pytest
import yaml

from scorer import units
from scorer.errors import ScorerError
from scorer.whatif.changes import dump_scenario, load_scenario
from scorer.whatif.plan import load_efforts, plan
from tests.conftest import EXAMPLES, run_cli


def _scenario(tmp_path, section: str, key: str, change: str):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: t\n{section}:\n  {key}: \"{change}\"\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("section", ["fields", "indicators"])
def test_a_bare_amount_is_refused_at_its_line_for_every_quantity_written_in_several_units(framework, tmp_path, section):
    """Every field and indicator of the bundled framework: a unit with other scales (万元, 吨, 万人, 平方公里)
    refuses `+10` and `= 10` naming the line and the unit to write; one written one way (个, 家, %) takes them."""
    known = framework.fields if section == "fields" else framework.indicators
    scaled = set()
    for key, item in known.items():
        unit = item.unit
        for change in ("+10", "= 10"):
            path = _scenario(tmp_path, section, key, change)
            if units.other_scales(unit):
                with pytest.raises(ScorerError) as info:
                    load_scenario(path, framework)
                problem = info.value.problems[0]
                assert problem.location.line == 3 and "gives no unit" in problem.message, (key, change)
                assert f"10 {unit}" in str(problem.hint), (key, problem.hint)
                with_unit = _scenario(tmp_path, section, key, f"{change} {unit}")
                try:
                    sc = load_scenario(with_unit, framework)
                except ScorerError as exc:  # another refusal (a bound, a count's whole number) is not about the unit
                    assert "gives no unit" not in str(exc), (key, change)
                else:
                    assert getattr(sc, section)[key].amount == pytest.approx(10.0)
                scaled.add(key)
            else:
                try:
                    load_scenario(path, framework)
                except ScorerError as exc:
                    assert "gives no unit" not in str(exc), (key, change)
    assert len(scaled) >= (10 if section == "fields" else 3)  # money, mass, people, area among the bundled units


def test_the_bt11_bare_trade_change_is_refused_from_the_cli(tmp_path):
    path = tmp_path / "s15.yaml"
    path.write_text("name: s15\nfields:\n  trade_total: +10\n", encoding="utf-8")
    done = run_cli("compare", EXAMPLES, path, "--lang", "zh")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}:3" in done.stderr and "未注明单位" in done.stderr and "+10 亿元" in done.stderr


def test_the_plans_scenario_names_every_unit_and_reads_back_the_same(sample_run, framework, tmp_path):
    """The plan's --scenario output is read back by compare: each value carries its field's unit, so it
    means the same whatever unit the reader assumes for a bare number."""
    p = plan(sample_run, target=75.0)
    assert p.actions
    path = tmp_path / "plan.yaml"
    dump_scenario(p.as_scenario(), path)
    written = yaml.safe_load(path.read_text(encoding="utf-8"))["fields"]
    for f, text in written.items():
        assert text.endswith(" " + framework.fields[f].unit), (f, text)
    back = load_scenario(path, framework)
    for f, change in p.as_scenario().fields.items():
        assert back.fields[f].op == "set" and back.fields[f].amount == pytest.approx(change.amount, rel=1e-9), f


def test_an_effort_range_without_its_unit_is_refused_at_its_line(framework, tmp_path):
    path = tmp_path / "effort.yaml"
    path.write_text("fields:\n"
                    "  trade_total: {direction: increase, max_change: 5000, per: 1%, effort: 1, source: s, confidence: low}\n"
                    "  rd_institutions: {direction: increase, max_change: 3, per: 1, effort: 2, source: s, confidence: low}\n",
                    encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_efforts(path, framework)
    assert [(p.location.line, "gives no unit" in p.message) for p in info.value.problems] == [(2, True)]
    path.write_text(path.read_text(encoding="utf-8").replace("max_change: 5000,", "max_change: 5000 万元,"),
                    encoding="utf-8")
    efforts = load_efforts(path, framework)
    assert efforts.changes["trade_total"][0].amount == pytest.approx(5000.0)
    assert efforts.changes["rd_institutions"][0].amount == pytest.approx(3.0)


def test_other_scales_lists_the_units_a_bare_number_could_mean():
    assert units.other_scales("万元") == ["元", "千元", "百万元", "亿元"]
    assert units.other_scales("人") == ["万人"] and units.other_scales("万人") == ["人"]
    assert units.other_scales("个") == [] and units.other_scales("%") == [] and units.other_scales("亿元/平方公里") == []
