"""Issue 11, open point 5: a 上年同期 cell that differs from last year's own workbook says what is actually scored.
Last year's own cell is the figure read; when a plausibility check finds it doubtful (亿元 typed into a 万元 row), the
warning said "the latter is used" while the score left it out. Built for every field that declares a plausible
range, in both directions (the slip in last year's workbook, or in this year's 上年同期 cell)."""

from __future__ import annotations

from scorer.read.checks import check_observations
from scorer.read.observation import Observation
from scorer.read.plausibility import DOUBT_CODES


def _obs(f, fid, period, value, file, cell, column):
    basis = "stock" if f.kind == "stock" else "ytd"
    return Observation(fid, value, f.unit, period, basis, file, "主要经济指标", cell, f.label, f.unit, column)


def test_the_prior_year_warning_says_whether_the_figure_of_record_is_scored(framework):
    fields = framework.fields
    declared = {fid: f.plausible.max for fid, f in fields.items() if f.plausible is not None and f.plausible.max}
    assert declared
    for fid, top in declared.items():
        f = fields[fid]
        good, slipped = top / 2, top / 2 * 1e4
        for own, in_prior_column, own_doubtful in ((slipped, good, True), (good, slipped, False)):
            observations = [_obs(f, fid, "2022Q1", own, "2022.xlsx", "C5", "current"),
                            _obs(f, fid, "2022Q1", in_prior_column, "2023.xlsx", "D5", "prior")]
            problems = check_observations(observations, {fid: f})
            doubts = [p for p in problems if p.code in DOUBT_CODES and p.field_id == fid and p.period == "2022Q1"]
            assert bool(doubts) == own_doubtful, (fid, own, [p.code for p in problems])
            said = next(p for p in problems if p.code == "prior_year_differs")
            assert said.location.cell == "D5"
            if own_doubtful:
                assert "not scored as true" in said.message and "figure scored" not in said.message, said.message
                assert "不按实计分" in said.message_zh and "按 " not in said.message_zh.split("；")[-1][:2], said.message_zh
            else:
                assert "is the figure scored" in said.message and "doubtful" not in said.message, said.message
                assert "计分" in said.message_zh and "存疑" not in said.message_zh, said.message_zh
            assert "2022.xlsx › 主要经济指标 › C5" in said.message and "2022.xlsx › 主要经济指标 › C5" in said.message_zh
