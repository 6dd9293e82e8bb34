"""bt13k F6: a what-if change of a part moves the wholes that include it.

The action table raised the zone's GDP and tax with the city's totals held, though the zone is part of its city: the
share indicators rose by more than is arithmetically possible (+25.8亿元 credited 7.57 % of the city where 7.52 % is
all it can be). fields.yaml's `adds_to` names the wholes that are sums including a field; every variant (an action, a
plan step, a scenario that does not give the whole a figure of its own) moves them by the same amount.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

# part_of pairs that are no sum: building on more of the approved area does not enlarge it; R&D spending is paid out
# of revenue, not a part of it that adds to it
NOT_SUMS = {("built_area", "approved_area"), ("rd_expenditure", "industrial_revenue")}


def test_every_share_of_a_whole_that_includes_its_part_moves_with_it(framework):
    """An indicator `part / whole * 100` over a part_of pair: the whole is declared to move with the part."""
    seen = 0
    for ind in framework.indicators.values():
        m = re.fullmatch(r"\s*(\w+)\s*/\s*(\w+)\s*\*\s*100\s*", ind.spec.formula or "")
        if not m:
            continue
        part, whole = m.groups()
        if part in framework.fields and whole in framework.fields[part].part_of and (part, whole) not in NOT_SUMS:
            seen += 1
            assert whole in framework.fields[part].adds_to, (ind.id, part, whole)
    assert seen >= 4


def _scenario(tmp_path, name, changes: dict[str, str]):
    path = tmp_path / f"{name}.yaml"
    body = "".join(f"  {f}: {c}\n" for f, c in changes.items())
    path.write_text(f"name: {name}\ndescription: x\nfields:\n{body}", encoding="utf-8")
    return path


def _wholes(fw, field):
    """Every whole a change of `field` moves, through wholes of wholes."""
    out, todo = [], list(fw.fields[field].adds_to)
    while todo:
        w = todo.pop(0)
        if w not in out:
            out.append(w)
            todo += fw.fields[w].adds_to
    return out


def test_an_action_on_a_part_is_the_scenario_moving_its_wholes_too(sample_run, tmp_path):
    """Each action on a field with wholes: its points equal compare's with the wholes given the same change by hand
    (a scenario sets what it writes and nothing else: a user's scenario is never guessed at)."""
    from scorer.pipeline import actions
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare

    r, fw = sample_run, sample_run.framework
    table = actions(r)
    checked = 0
    for a in table.actions:
        wholes = _wholes(fw, a.field)
        if not wholes:
            continue
        from scorer import units

        # this year's change of a Q4 flow is its year-to-date change; the whole moves by it in its own unit
        both = _scenario(tmp_path, f"b_{a.field}", {a.field: f"{a.change:+.10g} {a.unit}", **{
            w: f"{a.change * units.factor(a.unit, fw.fields[w].unit):+.10g} {fw.fields[w].unit}" for w in wholes}})
        out = compare(r, load_scenarios([both], fw))
        gain_both = out.scenarios[0].overall - out.baseline.overall
        assert a.points == pytest.approx(gain_both, abs=1e-6), (a.field, a.points, gain_both)
        checked += 1
    assert checked >= 4, "the sample's actions on GDP, tax, FDI and trade move their city's totals"


def test_a_share_after_an_action_is_part_over_whole_both_moved(sample_run):
    """The zone's share of its city's GDP after the GDP action: (gdp + Δ) / (city_gdp + Δ), never over the held city."""
    from scorer.pipeline import actions
    from scorer.whatif.plan import load_efforts, resolve_efforts
    from scorer.whatif.reach import variant_rows
    from scorer.whatif.scenario import Baseline, score_variant_set

    r = sample_run
    base = Baseline.from_run(r)
    actionable, _ = resolve_efforts(load_efforts(None, r.framework), base)
    a = next(x for x in actions(r).actions if x.field == "gdp")
    X = np.zeros((1, len(actionable)))
    X[0, [f.field for f in actionable].index("gdp")] = a.change
    share = score_variant_set(base, variant_rows(base, actionable, X)).values["gdp_city_share"].iat[0]
    lv = r.panel.levels.loc[r.result.period]
    gdp, city = float(lv["gdp"]), float(lv["city_gdp"])
    assert share == pytest.approx((gdp + a.change) / (city + a.change) * 100, rel=1e-9)
    assert share < (gdp + a.change) / city * 100


def test_adds_to_outside_part_of_is_refused_at_its_line(tmp_path):
    import shutil

    from scorer.errors import ScorerError
    from scorer.framework.model import load_framework
    from conftest import ROOT

    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / "fields.yaml"
    text = path.read_text(encoding="utf-8")
    bad = text.replace("    adds_to: [city_gdp]", "    adds_to: [city_tax_revenue]", 1)
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ScorerError) as err:
        load_framework(folder / "framework.yaml")
    line = bad[:bad.index("adds_to: [city_tax_revenue]")].count("\n") + 1
    assert "adds_to" in str(err.value) and "city_tax_revenue" in str(err.value) and f":{line}" in str(err.value)
