"""The rank conditions are judged on the doubt's bounds when its whole range lies on one side of the line (bt12h F1).

One doubtful count (高新技术企业数 110 → 10) in a zone 55th of 56 withheld both rank conditions; the verdict then read
"every condition the statistics can settle is met" and the Monte Carlo ≥ 99.8 %. A condition is withheld only when the
range from the doubtful indicators' lowest to their full marks straddles its line."""

from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from scorer.score.rank_bounds import rank_condition_bounds, settled
from tests.conftest import EXAMPLES

Q4 = "周口经开区主要统计指标_2022年1-12月.xlsx"
# a weak zone: FDI, trade and their parts small, few R&D institutions, no national incubators or joint parks
WEAK = {("主要经济指标", "C6"): 300, ("主要经济指标", "D6"): 254, ("主要经济指标", "C7"): 10, ("主要经济指标", "D7"): 9.2,
        ("主要经济指标", "C8"): 6, ("主要经济指标", "D8"): 5.4, ("主要经济指标", "C9"): 1, ("主要经济指标", "D9"): 0.9,
        ("主要经济指标", "C26"): 5, ("主要经济指标", "D26"): 4.6, ("科技与园区", "B8"): 30, ("科技与园区", "B14"): 0,
        ("科技与园区", "B15"): 0, ("科技与园区", "B13"): 0, ("科技与园区", "B11"): 0}


def _zone(folder, cells):
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "*.md"))
    book = load_workbook(folder / Q4)
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    book.save(folder / Q4)
    return folder


def _rules(run):
    return {r.id: r for r in run.verdict.rules}


@pytest.mark.parametrize("doubtful", [False, True])
def test_a_zone_below_the_line_in_every_case_is_not_ready_with_or_without_the_doubt(tmp_path, doubtful):
    from scorer.pipeline import run

    cells = dict(WEAK) | ({("科技与园区", "B7"): 10} if doubtful else {})  # high-tech firms 110 → 10: doubtful
    r = run([_zone(tmp_path / "z", cells)], inputs={"first_in_province": True, "land_use_2024": True})
    assert bool(r.standing.zone_doubt) is doubtful
    rules = _rules(r)
    assert rules["bottom_n"].passed is False and rules["rank_share_max"].passed is False
    assert not rules["bottom_n"].reason and not rules["rank_share_max"].reason  # judged, not withheld
    assert r.verdict.ready is False
    assert r.verdict.on_doubtful_data is doubtful  # and the verdict still says it rests on doubtful data


def test_a_range_that_straddles_a_line_withholds_that_condition_only(tmp_path):
    """FDI 8 000 万美元 (the caliber guard makes three indicators doubtful): ranks 17–41 of 56 in every case, never in
    the bottom 5 (judged met); the middle line at 28 lies inside (withheld, with its reason)."""
    from scorer.pipeline import run

    r = run([_zone(tmp_path / "z", {("主要经济指标", "C6"): 8000, ("主要经济指标", "D6"): 6773.92,
                                    ("所在市", "B9"): 28169.01, ("所在市", "C9"): 25128.47})])
    lo, hi = r.standing.zone_doubt["rank_range"]
    rules = _rules(r)
    middle = int(np.ceil(rules["rank_share_max"].threshold * (r.standing.of - 1))) + 1
    assert hi <= r.standing.of - 5 and lo <= middle <= hi  # the case this test is about
    assert rules["bottom_n"].passed is True and not rules["bottom_n"].reason
    assert rules["rank_share_max"].passed is None and rules["rank_share_max"].reason


class _St:
    def __init__(self, score, peers):
        self.score, self.peer_scores = score, pd.Series(peers, dtype=float)


@pytest.mark.parametrize("doubt, behind, ahead", [
    # below 45: 40, 42; below 55: five; above 55: four; above 45: seven
    ({"kind": "doubtful", "worst_case": 45.0, "best_case": 55.0}, (2, 5), (4 / 9, 7 / 9)),
    # the zone at 50, two peers left out, each behind it or ahead: 5–7 behind, 4–6 ahead of 11
    ({"kind": "peer_rows", "peers": ["a", "b"]}, (5, 7), (4 / 11, 6 / 11)),
    ({"kind": "doubtful", "worst_case": 45.0, "best_case": 55.0, "peers_left_out": ["a"]}, (2, 6), (4 / 10, 8 / 10)),
])
def test_the_bounds_over_every_case(doubt, behind, ahead):
    st = _St(50.0, [40, 42, 46, 48, 49, 56, 60, 70, 80])
    got = rank_condition_bounds(st, doubt)
    assert got[0] == behind and got[1] == pytest.approx(ahead)


def test_no_bound_for_a_whole_category_unscored():
    assert rank_condition_bounds(_St(50.0, [40, 60]), {"kind": "categories", "categories": ["green"]}) is None


@pytest.mark.parametrize("bounds, op, threshold, value", [
    ((5, 9), ">=", 5, 5), ((0, 4), ">=", 5, 4), ((3, 7), ">=", 5, None),
    ((0.1, 0.4), "<=", 0.5, 0.4), ((0.6, 0.9), "<=", 0.5, 0.6), ((0.3, 0.7), "<=", 0.5, None)])
def test_a_bound_settles_a_condition_only_when_the_range_is_on_one_side(bounds, op, threshold, value):
    assert settled(bounds, op, threshold) == value
