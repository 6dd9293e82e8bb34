"""A whole category without a scored indicator (bt11 item 3c): its weight goes to the other categories, so the
overall, the rank and the verdict are marked not comparable with the peers (scored on every category), the
category and its weight are named beside the verdict, in --json and in the report's reweighting note."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from scorer.pipeline import run
from scorer.report import model as report_model
from scorer.schema import to_json
from tests.test_quality import filled_template


def _fields_of(framework, category: str) -> set[str]:
    """The raw fields the category's indicators read (through derived series)."""
    out = set()
    for ind in framework.indicators.values():
        g = ind.parent
        while g is not None and g not in framework.top_groups:
            g = framework.groups[g].parent
        if g == category:
            out |= set(framework.fields_read(ind.tree))
    return out


@pytest.mark.parametrize("category", ["opening", "innovation", "green", "coordination", "quality"])
def test_a_category_left_blank_is_named_and_marks_the_verdict_not_comparable(framework, sample_run, tmp_path, category):
    blank = _fields_of(framework, category)
    assert blank

    def no_category(fid, now, before):
        return (np.nan, np.nan) if fid in blank else (now, before)

    r = run([filled_template(framework, sample_run, tmp_path / "周口经济开发区_2023年1-3月.xlsx", no_category)])
    g = framework.groups[category]
    empty = [e.id for e in r.result.empty_categories]
    assert category in empty and r.result.overall is not None
    # the problems name the category and its weight
    named = [p for p in r.problems if p.code == "category_dropped"]
    assert any(g.name_zh in p.message_zh and f"{g.effective_weight * 100:.0f}%" in p.message_zh for p in named)
    # --json: the verdict and the overall say not comparable, naming the category (validated against the schema)
    data = json.loads(to_json("score", {**r.as_dict(), "actions": None}))
    assert data["verdict"]["comparable"] is False and category in data["verdict"]["empty_categories"]
    assert data["overall"]["comparable"] is False and category in data["overall"]["empty_categories"]
    # the caution beside the verdict (score, plan, uncertainty, watch and the report say it): category and weight
    caution = r.verdict.caution(framework)
    assert "不能与对照样本直接比较" in caution and g.name_zh in caution
    assert f"{sum(framework.groups[e].effective_weight for e in empty) * 100:.0f}%" in caution
    assert g.name_en in r.verdict.caution(framework, "en")
    # the report's reweighting note: the category's weight went to the other categories, not "同类其余指标"
    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang="zh")
    view = report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                              peers=r.peers)
    assert view["verdict"]["doubtful"] == caution
    assert g.name_zh in view["missing"] and "其余各类" in view["missing"]
    # its indicators are not listed as missing ones whose weight "同类其余指标" share (each item reads "name（缺…）")
    in_category = [i for i in r.result.indicators if i.group in _groups_under(framework, category)]
    assert not any(f"：{i.name_zh}（" in view["missing"] or f"；{i.name_zh}（" in view["missing"] for i in in_category)


def _groups_under(framework, category: str) -> set[str]:
    out = {category}
    for gid, grp in framework.groups.items():
        p = gid
        while p is not None and p != category:
            p = framework.groups[p].parent
        if p == category:
            out.add(gid)
    return out


def test_the_sample_with_every_category_is_comparable(sample_run):
    assert sample_run.result.empty_categories == []
    assert sample_run.verdict.comparable and sample_run.verdict.as_dict()["empty_categories"] == []
    assert "不能与对照样本直接比较" not in (sample_run.verdict.caution(sample_run.framework) or "")


def test_a_plan_on_a_blank_category_says_not_comparable_in_its_json_and_beside_its_rank(framework, sample_run, tmp_path):
    """bt-i11 F5: plan --json carries comparable / empty_categories as score, compare and uncertainty do, and the rank
    in the plan's headline is marked not comparable."""
    from tests.conftest import run_cli

    blank = _fields_of(framework, "coordination")

    def no_category(fid, now, before):
        return (np.nan, np.nan) if fid in blank else (now, before)

    path = filled_template(framework, sample_run, tmp_path / "周口经济开发区_2023年1-3月.xlsx", no_category)
    done = run_cli("plan", str(path), "--target", "90", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["overall"]["comparable"] is False and "coordination" in data["overall"]["empty_categories"]
    shown = run_cli("--lang", "zh", "plan", str(path), "--target", "90")
    assert shown.returncode == 0, shown.stderr
    import re

    # the rank after the plan is marked beside it, however the terminal wraps the line
    assert re.search(r"估算排名 第\d+名 →\s*第\d+名（不可比）", shown.stdout), shown.stdout
    from tests.conftest import EXAMPLES

    sample = json.loads(run_cli("plan", str(EXAMPLES), "--target", "75", "--json").stdout)
    assert sample["overall"]["comparable"] is True and sample["overall"]["empty_categories"] == []
