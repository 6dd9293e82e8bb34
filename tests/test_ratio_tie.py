"""Issue 11, open point 4: two figures alike in the cross-figure ratio check (two groups of one size, as many
disagreements each: a workbook giving two linked figures) were both marked doubtful. Now the one the zone's own
history singles out (it jumped against its figure a year before while the other held, or it has no history while
the other's held) or its plausible range singles out is the one doubtful; when nothing tells, both are, and the
message says why. Built for every declared ratio of fields.yaml with an upper bound."""

from __future__ import annotations

import pytest

from scorer.read.observation import Observation
from scorer.read.plausibility import ratio_doubts


def _obs(fields, fid, period, value, cell):
    f = fields[fid]
    return Observation(fid, value, f.unit, period, "stock" if f.kind == "stock" else "ytd", "q.xlsx", "表", cell,
                       f.label, f.unit, "current")


def _pairs(framework):
    return [(fid, other, rng) for fid, f in framework.fields.items() for other, rng in f.ratios.items()
            if rng.max is not None and other in framework.fields]


def _levels(fields, figures):
    return {(fid, period): _obs(fields, fid, period, value, f"C{k + 5}") for k, ((fid, period), value)
            in enumerate(figures.items())}


def test_of_two_linked_figures_the_one_that_jumped_against_its_history_alone_is_doubtful(framework):
    fields = framework.fields
    pairs = _pairs(framework)
    assert pairs
    for f, g, rng in pairs:
        big = 1e6
        for off, held in ((f, g), (g, f)):
            ok = {f: big * rng.max / 2, g: big}  # in range, a year before and for the one that held
            now = dict(ok)
            now[off] = ok[off] * (10 if off == f else 0.1)  # tenfold off: the ratio out of range
            assert not rng.contains(now[f] / now[g])
            levels = _levels(fields, {(f, "2023Q1"): now[f], (g, "2023Q1"): now[g],
                                      (f, "2022Q1"): ok[f], (g, "2022Q1"): ok[g]})
            blamed, _ = ratio_doubts(levels, fields)
            assert set(blamed) == {(off, "2023Q1")}, (f, g, off, sorted(blamed))
            said = blamed[(off, "2023Q1")]
            assert fields[held].label in said.message and "this one is off" in said.message, said.message
            assert "应是此数有误" in said.message_zh and fields[held].label in said.message_zh, said.message_zh


def test_a_figure_without_history_against_one_that_held_is_the_doubtful_one(framework):
    fields = framework.fields
    for f, g, rng in _pairs(framework):
        now = {f: 1e6 * rng.max * 10, g: 1e6}
        levels = _levels(fields, {(f, "2023Q1"): now[f], (g, "2023Q1"): now[g], (g, "2022Q1"): 1e6})
        blamed, _ = ratio_doubts(levels, fields)
        assert set(blamed) == {(f, "2023Q1")}, (f, g, sorted(blamed))


def test_when_nothing_tells_both_are_doubtful_and_the_message_says_why(framework):
    fields = framework.fields
    checked = 0
    for f, g, rng in _pairs(framework):
        now = {f: 1e6 * rng.max * 10, g: 1e6}
        inside = [fields[x].plausible is None or fields[x].plausible.contains(now[x]) for x in (f, g)]
        if not all(inside):
            continue
        blamed, _ = ratio_doubts(_levels(fields, {(f, "2023Q1"): now[f], (g, "2023Q1"): now[g]}), fields)
        assert set(blamed) == {(f, "2023Q1"), (g, "2023Q1")}, (f, g, sorted(blamed))
        for p in blamed.values():
            assert "nothing tells which" in p.message and "both are doubtful" in p.message, p.message
            assert "无法判断" in p.message_zh, p.message_zh
        checked += 1
    assert checked


@pytest.mark.parametrize("outside_first", [True, False])
def test_a_figure_outside_its_own_plausible_range_is_the_doubtful_one_of_a_tie(framework, outside_first):
    fields = framework.fields
    checked = 0
    for f, g, rng in _pairs(framework):
        low = fields[f].plausible.min if fields[f].plausible is not None else None
        if not low or low < 10:
            continue
        # f below its plausible minimum and the ratio out of range below; g inside its own (no history for either)
        fv = low / 10
        gv = fv / (rng.min / 10) if rng.min else None
        if gv is None or (fields[g].plausible is not None and not fields[g].plausible.contains(gv)):
            continue
        blamed, _ = ratio_doubts(_levels(fields, {(f, "2023Q1"): fv, (g, "2023Q1"): gv}), fields)
        assert set(blamed) == {(f, "2023Q1")}, (f, g, fv, gv, sorted(blamed))
        assert "plausible range" in blamed[(f, "2023Q1")].message
        checked += 1
    assert checked


def test_a_tie_told_by_a_later_quarter_says_the_neighbouring_quarters_not_earlier_ones(framework):
    """The history that breaks a tie looks both ways (a year and a quarter before and after): a zone's first workbook
    is judged by the next year's. The message said 'earlier quarters' / 往期 whichever quarter told."""
    fields = framework.fields
    f, g, rng = _pairs(framework)[0]
    ok = {f: 1e6 * rng.max / 2, g: 1e6}
    now = {f: ok[f] * 10, g: ok[g]}
    levels = _levels(fields, {(f, "2023Q1"): now[f], (g, "2023Q1"): now[g], (f, "2024Q1"): ok[f], (g, "2024Q1"): ok[g]})
    blamed, _ = ratio_doubts(levels, fields)
    assert set(blamed) == {(f, "2023Q1")}, sorted(blamed)
    said = blamed[(f, "2023Q1")]
    assert "neighbouring quarters" in said.message and "earlier" not in said.message, said.message
    assert "前后各期" in said.message_zh and "往期" not in said.message_zh, said.message_zh
