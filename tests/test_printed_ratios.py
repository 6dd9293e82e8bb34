"""A ratio printed beside a named figure is that figure's ratio: an analyst who divides the two printed numbers gets the
printed factor (bt15k Aside: "341,000,000 万元，与本区历史数据（2021Q1 为 30,600 …）相差约 12,378 倍" was the ratio to the
median of 2020Q1 and 2021Q1, which the message did not name; 341,000,000 / 30,600 = 11,144). Built from the sample's own
figures: every field slipped ×10 000 and ÷10 000 in a quarter with one, two and three figures of its history, and every
field with `max_jump` (counts in 家/个 too, which are judged as (n + 1) / (m + 1)) moved beyond it; each message's
printed figures are read back and divided."""

from __future__ import annotations

import dataclasses
import re

import pytest

from scorer.read.plausibility import doubtful_figures
from scorer.read.observation import Observation

NUMBER = r"(-?[\d,]+(?:\.\d+)?(?:e[+-]?\d+)?)"
# the unit slip against its own history, in both languages; the jump beyond max_jump
SLIP_EN = re.compile(rf"」 {NUMBER} .*? is about {NUMBER} times (?:smaller|larger) than its own history \({NUMBER} for ")
SLIP_ZH = re.compile(rf"为 {NUMBER} .*?与本区历史数据（\d{{4}}Q\d 为 {NUMBER}，.*?）相差约 {NUMBER} 倍")
JUMP_EN = re.compile(rf"」 {NUMBER} .*? is {NUMBER} times the figure of .*? \({NUMBER}, ")


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def _levels(sample_run) -> dict[tuple[str, str], Observation]:
    return {(f, p): o for (f, p, basis), o in sample_run.panel.sources.items() if basis != "growth"}


def _reproduces(value: float, times: float, basis: float, digits: int) -> bool:
    """Whether `times` is value ÷ basis (or its inverse) as printed: within the printed figures' own rounding."""
    return any(abs(ratio - times) <= max(0.5 * 10 ** -digits, 0.01 * ratio) for ratio in (value / basis, basis / value))


def _checked(problems, seen: list) -> list[str]:
    wrong = []
    for p in problems:
        for pattern, order in ((SLIP_EN, (0, 1, 2)), (SLIP_ZH, (0, 2, 1)), (JUMP_EN, (0, 1, 2))):
            text = p.message_zh if pattern is SLIP_ZH else p.message
            m = pattern.search(str(text))
            if m is None:
                continue
            value, times, basis = (m.group(i + 1) for i in order)
            digits = len(times.split(".")[1]) if "." in times else 0
            seen.append(pattern.pattern)
            if not _reproduces(_num(value), _num(times), _num(basis), digits):
                wrong.append(f"{value} ÷ {basis} ≠ {times}: {text}")
    return wrong


@pytest.mark.parametrize("history", [1, 2, 3])
@pytest.mark.parametrize("factor", [1e4, 1e-4])
def test_a_unit_slip_s_factor_is_its_ratio_to_the_figure_it_names(framework, sample_run, history, factor):
    base = _levels(sample_run)
    wrong, seen = [], []
    for fid, f in framework.fields.items():
        if f.kind == "stock":
            continue
        by_quarter = sorted(p for (g, p) in base if g == fid and p.endswith("Q1") and base[(g, p)].value > 0)
        if not by_quarter:
            continue
        period = by_quarter[-1]
        o = base[(fid, period)]
        levels = {k: v for k, v in base.items() if k[0] != fid or not k[1].endswith("Q1") or k[1] == period}
        # the history: earlier first quarters at distinct values (the median of an even count is no printed figure)
        for k in range(1, history + 1):
            year = int(period[:4]) - k
            levels[(fid, f"{year}Q1")] = dataclasses.replace(o, period=f"{year}Q1", value=o.value * (1 - 0.2 * k),
                                                            cell=f"Z{k}")
        levels[(fid, period)] = dataclasses.replace(o, value=o.value * factor)
        wrong += _checked([p for p in doubtful_figures(levels, framework.fields) if p.code == "unit_slip"], seen)
    assert seen, "no unit slip told against its own history"
    assert not wrong, "\n".join(wrong)


def test_a_jump_s_factor_is_the_ratio_of_the_two_figures_it_prints(framework, sample_run):
    base = _levels(sample_run)
    wrong, seen = [], []
    for fid, f in framework.fields.items():
        if f.max_jump is None:
            continue
        periods = sorted(p for (g, p) in base if g == fid and base[(g, p)].value > 0)
        if len(periods) < 5:
            continue
        period, before = periods[-1], f"{int(periods[-1][:4]) - 1}{periods[-1][4:]}"
        if (fid, before) not in base:
            continue
        levels = dict(base)
        # a count as small as a zone's (2 家 a year before): judged as 3 → n + 1, printed as 2 → n
        small = 2.0 if base[(fid, period)].unit in ("家", "个") else base[(fid, before)].value
        levels[(fid, before)] = dataclasses.replace(base[(fid, before)], value=small)
        levels[(fid, period)] = dataclasses.replace(base[(fid, period)], value=small * f.max_jump * 1.6)
        wrong += _checked([p for p in doubtful_figures(levels, framework.fields) if p.code == "implausible_jump"], seen)
    assert seen, "no jump told"
    assert not wrong, "\n".join(wrong)
