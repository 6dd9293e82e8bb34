"""bt11i F3: a part larger than its whole (出口 above 进出口, 综合利用 above 产生 …) is not a silent warning.

The figure its own figures contradict (its history, or its published 同比 against its levels) is the doubtful one; when
nothing tells, both are. A condition that reads the doubtful figure is not judged and says why (JSON `reason`, page 2),
the data-quality box names it, and the verdict is marked as resting on doubtful data. Every declared part/whole pair of
fields.yaml is tried, so a pair added later is held to the same."""

from __future__ import annotations

import json

import pytest

from scorer.read.observation import Observation
from scorer.read.plausibility import DOUBT_CODES, parts_above_wholes
from tests.conftest import run_cli
from tests.test_quality import filled_template, pdf_text


def _obs(fields, fid, period, value, cell, column="current"):
    f = fields[fid]
    return Observation(fid, value, f.unit, period, "stock" if f.kind == "stock" else "ytd", "q.xlsx", "主要经济指标",
                       cell, f.label, f.unit, column)


def _pairs(framework):
    return [(part, whole) for part, f in framework.fields.items() for whole in f.part_of
            if framework.fields[whole].unit == f.unit]


@pytest.mark.parametrize("case", ["part_moved", "whole_moved", "part_rate_off", "whole_rate_off", "nothing_tells"])
def test_the_figure_its_own_figures_contradict_is_blamed_else_both(framework, case):
    fields = framework.fields
    pairs = _pairs(framework)
    assert ("exports", "trade_total") in pairs and ("gdp", "city_gdp") in pairs
    for part, whole in pairs:
        w, x = 1000.0, 1200.0  # the part 20 % above its whole this quarter
        before = {part: 0.9 * w / 1.05, whole: w / 1.05}  # last year's: the part within its whole, near this year's
        if case == "part_moved":
            before[part] = x / 8
        elif case == "whole_moved":
            before[whole] = w * 8
        levels = {}
        for fid, cell in ((part, "C5"), (whole, "C9")):
            levels[(fid, "2023Q4")] = _obs(fields, fid, "2023Q4", {part: x, whole: w}[fid], cell)
            levels[(fid, "2022Q4")] = _obs(fields, fid, "2022Q4", before[fid], cell.replace("C", "D"), "prior")
        rates_off = {(part, "2023Q4")} if case == "part_rate_off" else {(whole, "2023Q4")} if case == "whole_rate_off" \
            else set()
        found = parts_above_wholes(levels, fields, rates_off=rates_off)
        blamed = sorted((p.field_id, p.location.cell) for p in found)
        expected = {"part_moved": [(part, "C5")], "part_rate_off": [(part, "C5")], "whole_moved": [(whole, "C9")],
                    "whole_rate_off": [(whole, "C9")], "nothing_tells": sorted([(part, "C5"), (whole, "C9")])}[case]
        assert blamed == expected, (part, whole, case, [p.message for p in found])
        assert all(p.code == "part_above_whole" and p.code in DOUBT_CODES for p in found)
        for p in found:  # each names the other cell, in both languages, and why
            assert p.also and p.message_zh and p.message_zh != p.message
            assert ("both are doubtful" in p.message) == (case == "nothing_tells")
            assert ("均按存疑处理" in p.message_zh) == (case == "nothing_tells")



def _part_above(framework, sample_run, tmp_path, part, whole, before_share):
    """A filled template in tmp_path/in whose `part` is 1.2 × its whole this quarter and `before_share` × the whole's
    figure a year before (上年同期); the folder."""
    def edit(fid, now, before):
        levels = sample_run.panel.levels
        if fid == part:
            return levels.at["2022Q4", whole] * 1.2, levels.at["2021Q4", whole] * before_share
        return now, before
    folder = tmp_path / "in"
    folder.mkdir()
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", edit)
    return folder


def _rule_over_a_part(framework):
    """(rule id, part field, whole field): a readiness condition over raw figures that reads a part of a whole."""
    from scorer.score.rules import default_rules, load_rules

    rules = load_rules(default_rules(), framework)
    for t in rules.spec.thresholds:
        if t.indicator is None and t.unreported is None:
            for fid in framework.fields_read(rules.trees[t.id]):
                for whole in framework.fields[fid].part_of:
                    return t.id, fid, whole
    pytest.fail("no condition reads a part of a whole: the test has nothing to try")


def test_a_condition_reading_a_doubtful_part_is_not_judged_and_says_why_everywhere(framework, sample_run, tmp_path):
    rule, part, whole = _rule_over_a_part(framework)
    assert (rule, part) == ("exports_min", "exports")  # today's; the test takes whatever rules.yaml declares

    # the part 20 % above its whole, its 上年同期 as the whole's: nothing tells which
    folder = _part_above(framework, sample_run, tmp_path, part, whole, 1.2)
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    codes = {(p["code"], p["field"]) for p in out["problems"]}
    assert ("part_above_whole", part) in codes and ("part_above_whole", whole) in codes  # nothing tells: both
    readers = [i.id for i in framework.indicators.values() if whole in framework.fields_read(i.tree)]
    scored = {i["id"]: i for i in out["indicators"]}
    assert readers and all(scored[i]["score"] is None and scored[i]["doubtful"] for i in readers if i in scored)
    verdict = out["verdict"]
    assert verdict["on_doubtful_data"]
    r = next(x for x in verdict["rules"] if x["id"] == rule)
    assert r["passed"] is None and r["value"] is None
    assert "存疑" in r["reason"] and "doubtful" in r["reason_en"] and "C" in r["reason"]  # the cell named
    [p] = [p for p in out["problems"] if p["code"] == "rule_not_judged"]
    assert p["level"] == "doubtful" and p["cell"] and p["field"] == part and p["message_zh"] != p["message_en"]
    for lang, words in (("zh", ("数据质量提示", "未予判定", "数据存疑")), ("en", ("Data quality", "not judged", "doubtful data"))):
        pdf = tmp_path / f"r-{lang}.pdf"
        done = run_cli("--lang", lang, "report", folder, "-o", pdf)
        assert done.returncode == 0, done.stderr
        page2 = pdf_text(pdf)[1].replace("\n", "")
        assert all(w in page2 for w in words), (lang, page2[:2000])


def test_a_condition_alone_on_a_doubtful_figure_marks_the_verdict(framework, sample_run, tmp_path):
    """The part's own 上年同期 shows it jumped (×4.4 against the whole's ×1.08): only the part is doubtful, no indicator
    reads it, yet the condition over it is not judged, and the verdict says it rests on doubtful data (bt11i F3:
    on_doubtful_data was false and page 2 had no box)."""
    rule, part, whole = _rule_over_a_part(framework)

    folder = _part_above(framework, sample_run, tmp_path, part, whole, 0.27)
    out = json.loads(run_cli("score", folder, "--json").stdout)
    codes = {(p["code"], p["field"]) for p in out["problems"]}
    assert ("part_above_whole", part) in codes and ("part_above_whole", whole) not in codes
    readers = [i.id for i in framework.indicators.values() if part in framework.fields_read(i.tree)]
    assert out["verdict"]["on_doubtful_data"] and (readers or out["verdict"]["doubtful_indicators"] == [])
    assert any(p["code"] == "rule_not_judged" for p in out["problems"])
    text = run_cli("--lang", "en", "score", folder)
    assert "not judged" in text.stdout + text.stderr
