"""Issue 11 (bt-i11 F2): a published 同比 the two levels beside it contradict is doubtful at its cell, not scored as
true: a rate typed as a fraction (0.3 where the levels give 7.2 %) in a % column, on any price basis, and a rate more
than a point from its levels' at current prices. Each workbook is built here from the sample."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from scorer.read.checks import GROWTH_TOLERANCE, growth_disagreements, looks_like_a_fraction
from scorer.read.observation import Observation
from scorer.read.plausibility import DOUBT_CODES, GROWTH_DOUBT_CODES
from tests.conftest import run_cli, sample_copy


def _row(fields, fid, now, before, rate):
    f = fields[fid]
    basis = "stock" if f.kind == "stock" else "ytd"
    return [Observation(fid, now, f.unit, "2023Q1", basis, "q.xlsx", "主要经济指标", "C7", f.label, f.unit, "current"),
            Observation(fid, before, f.unit, "2022Q1", basis, "q.xlsx", "主要经济指标", "D7", f.label, f.unit, "prior"),
            Observation(fid, rate, "%", "2023Q1", "growth", "q.xlsx", "主要经济指标", "E7", f.label, "%", "current")]


@pytest.mark.parametrize("implied", [4.1, 7.2, 25.3, -6.0])
def test_every_rate_within_one_that_its_levels_contradict_is_doubtful_at_its_cell_for_every_field(framework, implied):
    fields = framework.fields
    before = 500_000.0
    now = before * (1 + implied / 100)
    for fid in fields:
        for rate in (0.05, 0.3, 0.5, implied / 100 * 1.3):
            found = growth_disagreements(_row(fields, fid, now, before, rate), fields)
            assert found, (fid, rate, implied)
            p = found[0]
            assert p.location.cell == "E7" and p.field_id == fid, p
            # Refused (an error) or doubtful (a growth doubt), never scored as read.
            assert p.severity == "error" or (p.code in DOUBT_CODES and p.code in GROWTH_DOUBT_CODES), (fid, rate, p.code)
            if p.severity != "error":
                assert {c.cell for c in p.also} == {"C7", "D7"}  # both levels named


def test_a_rate_within_one_that_the_levels_confirm_is_not_doubtful(framework):
    fields = framework.fields
    for fid in fields:
        before = 500_000.0
        assert growth_disagreements(_row(fields, fid, before * 1.004, before, 0.4), fields) == [], fid
    assert not looks_like_a_fraction(0.5, 1.5)  # the levels say under 2 %: nothing to tell
    assert looks_like_a_fraction(0.3, 7.2, real=True) and looks_like_a_fraction(0.05, 25.3)
    assert not looks_like_a_fraction(0.5, 0.5 + 2 * GROWTH_TOLERANCE, real=True)


def _edit(folder, name, cells: dict[str, float]):
    f = next(folder.glob(f"*{name}*.xlsx"))
    wb = openpyxl.load_workbook(f)
    for cell, value in cells.items():
        wb["主要经济指标"][cell] = value
    wb.save(f)


def _copy(tmp_path: Path) -> Path:
    return sample_copy(tmp_path / "wb")


def test_gdp_growth_typed_as_a_fraction_is_doubtful_in_the_json_and_not_scored(tmp_path):
    """The 2022 workbook's GDP 同比 (E25; the levels give 7.2 %) typed 0.3: the rate is doubtful at E25 and the
    growth indicator is not scored as read; the overall carries a worst case."""
    d = _copy(tmp_path)
    _edit(d, "2022年1-12月", {"E25": 0.3, "E7": 12.0})  # and 进出口 同比 12.0 where the levels give 8.3
    done = run_cli("score", str(d), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    by = {(p["field"], p["cell"], p["period"]): p for p in out["problems"] if p["code"] in DOUBT_CODES}
    gdp = by.get(("gdp", "E25", "2022Q4"))
    assert gdp is not None and gdp["code"] == "fraction_rate", sorted(by)
    trade = by.get(("trade_total", "E7", "2022Q4"))
    assert trade is not None and trade["code"] == "growth_disagrees", sorted(by)
    inds = out["indicators"]
    rows = {i["id"]: i for i in inds} if isinstance(inds, list) else inds
    assert rows["gdp_growth"]["doubtful"] and rows["trade_growth"]["doubtful"]
    assert out["overall"]["worst_case"] is not None


@pytest.mark.parametrize("now, before, unit, rate, doubtful", [
    # bt13j F15: 0.64 over 0.45 亿元, written to 0.01 亿元, allow 39.6–44.9 %: a published 41.1 % agrees with them
    (0.64, 0.45, "亿元", 41.1, False),
    (0.73, 0.64, "亿元", 15.4, False),  # 12.4–15.7 %
    (0.64, 0.45, "亿元", 47.5, True),  # beyond 44.9 by more than a point
    (0.64, 0.45, "亿元", 37.0, True),
    (6400.0, 4500.0, "万元", 41.1, True),  # the same levels written to 1 万元 leave no such room (42.2 %)
])
def test_a_rate_is_held_to_the_levels_as_written_give_or_take_their_last_digit(framework, now, before, unit, rate,
                                                                            doubtful):
    """Each level stands for anything within half a unit of its last written digit; a published rate within the rates
    they allow (and a point) agrees, on every field written in any scale."""
    from scorer import units

    for fid, f in framework.fields.items():
        if units.dimension(f.unit) != "rmb":
            continue
        k = units.factor(unit, f.unit)
        basis = "stock" if f.kind == "stock" else "ytd"
        obs = [Observation(fid, now * k, f.unit, "2023Q1", basis, "q.xlsx", "表", "C7", f.label, unit, "current"),
               Observation(fid, before * k, f.unit, "2022Q1", basis, "q.xlsx", "表", "D7", f.label, unit, "prior"),
               Observation(fid, rate, "%", "2023Q1", "growth", "q.xlsx", "表", "E7", f.label, "%", "current",
                           price_basis="nominal")]
        found = [p for p in growth_disagreements(obs, framework.fields) if p.code == "growth_disagrees"]
        assert bool(found) == doubtful, (fid, now, before, rate, [p.message for p in found])
