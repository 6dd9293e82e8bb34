"""The plausible ranges hold the real central-region magnitudes (issue 11, point 7 of the review): every figure of
yardsticks.yaml that is a zone's own value (a mean or median of zones, a rate, a named zone's total, a threshold
zones met) lies within the `plausible` range and bounds of each indicator and field it measures, and so does the
range the peer model draws each indicator in. A range set by judgement that would call a real zone's figure
doubtful fails here. And a share no zone has under a few percent (land_use_rate) has a plausible floor, so a
fraction typed for a percent (0.69 for 69.2 %) in a peer table is refused at its cell, not ranked."""

from __future__ import annotations

import shutil

import pytest
import yaml

from scorer import units
from scorer.errors import ScorerError
from scorer.framework.model import Indicator
from scorer.framework.yardsticks import load_yardsticks
from scorer.score.peers import load_peers
from tests.conftest import ROOT

ZONE_KINDS = {"mean", "median", "rate", "rule"}  # a zone's value or a line zones meet; `total` only with `zone:`


def _in(rng, value: float) -> bool:
    return rng is None or ((rng.min is None or value >= rng.min or value == 0) and (rng.max is None or value <= rng.max))


def _zone_figures(framework):
    """(indicator or field id, its definition, entry id, value in its unit) for every yardstick figure that is a zone's own value."""
    ys = load_yardsticks(framework.yardsticks_path)
    out = []
    for ind in framework.indicators.values():
        cited = set(ind.target.cites or []) | set((ind.evidence.cites or []) if ind.evidence else [])
        read = framework.fields_read(ind.tree)
        for e in ys.entries.values():
            named = e.kind == "total" and e.zone and e.fields and set(e.fields) == set(read) and \
                units.dimension(e.unit) in ("rmb", "usd")
            if not (named or (e.id in cited and e.kind in ZONE_KINDS)) or e.value is None or not e.unit:
                continue
            try:
                f, _ = units.money_factor(e.unit, ind.unit, e.year)
            except units.UnitError:
                continue  # another quantity (a ratio of means, a count of zones)
            out.append((ind.id, ind, e.id, e.value * f))
    for e in ys.entries.values():
        if e.kind == "total" and e.zone:
            for fid in e.fields:
                f, _ = units.money_factor(e.unit, framework.fields[fid].unit, e.year)
                out.append((fid, framework.fields[fid], e.id, e.value * f))
    return out


def test_the_yardsticks_figures_are_read(framework):
    figures = {(i, e) for i, _, e, _ in _zone_figures(framework)}
    # the central means, a named zone's figures (by field and by indicator) and a cited threshold are all among them
    for pair in [("gdp_amount", "central_2023_gdp_mean"), ("tax_revenue", "central_2023_tax_mean"),
                 ("fdi_amount", "central_2023_fdi_mean"), ("gdp_growth", "national_2023_gdp_growth"),
                 ("gdp_amount", "zone_zhengzhou_2022_gdp"), ("trade_amount", "zone_henan_upgraded_2021_trade"),
                 ("output_per_km2", "henan_2009_upgraded_output_density"), ("gdp", "zone_kaifeng_2021_gdp"),
                 ("tax_revenue", "zone_xiaolan_2018_tax")]:
        assert pair in figures, pair


def test_every_plausible_range_holds_the_real_zones_figures(framework):
    figures = _zone_figures(framework)
    assert len(figures) >= 20
    bad = [f"{i}: {e} = {v:g} {x.unit} outside plausible {x.plausible}" for i, x, e, v in figures if not _in(x.plausible, v)]
    bad += [f"{i}: {e} = {v:g} outside bounds" for i, x, e, v in figures
            if isinstance(x, Indicator) and not _in(x.spec.value_bounds, v)]
    assert not bad, "\n".join(bad)


def test_every_plausible_range_holds_the_range_the_peer_model_draws(framework):
    model = yaml.safe_load((ROOT / "indicators" / "peers" / "model.yaml").read_text(encoding="utf-8"))["indicators"]
    bad = []
    for iid, spec in model.items():
        rng = framework.indicators[iid].spec.plausible
        for key in ("low", "high", "mean"):
            if key in spec and spec[key] != 0 and not _in(rng, float(spec[key])):
                bad.append(f"{iid}.{key} = {spec[key]} outside plausible {rng}")
    assert not bad, "\n".join(bad)


def test_a_share_no_zone_has_under_a_few_percent_has_a_plausible_floor(framework):
    rng = framework.indicators["land_use_rate"].spec.plausible
    assert rng is not None and rng.min is not None and rng.min > 1  # 0.69 typed for 69.2 % lies below it


@pytest.mark.parametrize("cell, refused", [("0.69233", True), ("69.233", False), ("0", False)])
def test_a_fraction_typed_for_a_percent_in_a_peer_table_is_refused_at_its_cell(framework, tmp_path, cell, refused):
    src = ROOT / "indicators" / "peers" / "central-synthetic.csv"
    lines = src.read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    k = head.index("land_use_rate")
    row = lines[6].split(",")
    row[k] = cell
    lines[6] = ",".join(row)
    table = tmp_path / "peers.csv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(src.with_suffix(".yaml"), table.with_suffix(".yaml"))
    if not refused:
        load_peers(table, framework)
        return
    with pytest.raises(ScorerError) as caught:
        load_peers(table, framework)
    p = next(p for p in caught.value.problems if "land_use_rate" in p.message or "土地开发利用率" in p.message)
    assert p.location.line == 7 or p.location.cell, p.location
    assert "0.69233" in p.message and "0.69" in (p.hint or "")
