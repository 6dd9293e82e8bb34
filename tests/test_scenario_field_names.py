"""A statistic in a scenario's `fields:` is named as the analyst names it elsewhere, and a name that is none gets a hint
an analyst can follow (bt15k F1: 企业R&D经费投入强度 under `fields:` got "ids: see fields.yaml" — not that Chinese names
are accepted, nor where that file is, nor that the name was an indicator's; 实际使用外资金额（万美元）, taken by
`series --field` and peer headers, was refused with the same words). Built for every statistic and indicator of the
framework, so the next one added is held too."""

from __future__ import annotations

import pytest

from scorer import units
from scorer.errors import ScorerError
from scorer.whatif.changes import load_scenario


def _scenario(tmp_path, key: str, change: str):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: 甲\nfields:\n  \"{key}\": \"{change}\"\n", encoding="utf-8")
    return load_scenario(path, _fw())


def _fw():
    from scorer.framework.model import load_framework

    return load_framework()


def _refused(tmp_path, key: str, change: str = "+10%"):
    with pytest.raises(ScorerError) as refused:
        _scenario(tmp_path, key, change)
    (problem,) = refused.value.problems
    assert problem.location.line == 3, problem.location
    return problem


def test_an_indicator_named_under_fields_is_said_to_be_one_with_its_own_statistics(framework, tmp_path):
    checked = 0
    for iid, ind in framework.indicators.items():
        reads = framework.fields_read(ind.tree)
        if not reads or framework.field_id(ind.name_zh) is not None:
            continue
        for name in (ind.name_zh, iid):
            problem = _refused(tmp_path, name)
            for hint in (str(problem.hint), problem.hint.zh):
                assert all(framework.fields[f].label in hint and f in hint for f in reads), (name, hint)
                assert "indicators:" in hint, hint
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("typed", ["外资金额", "no_such_field", "地区生产总额"])
def test_an_unknown_statistic_s_hint_says_chinese_names_are_taken_and_where_they_are_listed(framework, tmp_path, typed):
    problem = _refused(tmp_path, typed)
    for hint, words in ((str(problem.hint), "Chinese name"), (problem.hint.zh, "中文名称")):
        assert words in hint and str(framework.fields_path) in hint, hint
    if typed == "外资金额":  # the statistics whose names hold what was typed
        assert "实际使用外资金额（fdi_actual）" in problem.hint.zh, problem.hint.zh


def test_every_statistic_is_taken_by_its_name_with_its_unit_or_one_convertible_to_it(framework, tmp_path):
    for fid, f in framework.fields.items():
        by_id = _scenario(tmp_path, fid, "+20%").fields[fid]
        for unit in (f.unit, *units.other_scales(f.unit)):
            assert _scenario(tmp_path, f"{f.label}（{unit}）", "+20%").fields[fid] == by_id, (fid, unit)
            assert _scenario(tmp_path, f"{f.label}({unit})", "+20%").fields[fid] == by_id, (fid, unit)
        larger = [u for u in units.other_scales(f.unit) if units.factor(u, f.unit) > 1]
        for unit in larger[:1]:  # an amount under a name with a unit is in that unit
            change = _scenario(tmp_path, f"{f.label}（{unit}）", "+2").fields[fid]
            assert change.op == "add" and change.amount == pytest.approx(2 * units.factor(unit, f.unit)), (fid, unit)


@pytest.mark.parametrize("unit", ["家", "万元", "%", "吨"])
def test_a_name_written_with_a_unit_not_its_own_is_refused_at_its_line(framework, tmp_path, unit):
    f = framework.fields["fdi_actual"]  # 万美元: none of these converts to it
    problem = _refused(tmp_path, f"{f.label}（{unit}）")
    assert unit in problem.message_zh and "万美元" in problem.message_zh, problem.message_zh
    assert f"{f.label}（万美元）" in problem.hint.zh, problem.hint.zh


def test_a_change_named_in_chinese_is_told_at_its_line(tmp_path):
    s = _scenario(tmp_path, "实际使用外资金额（亿美元）", "+1")
    assert s.where("fields", "fdi_actual").line == 3
