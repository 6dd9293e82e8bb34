"""A peer column whose magnitude no zone has (fractions for percent, 万 for 亿, 亿美元 for 万美元) is refused at
its header, whether the table is the bundled one or the user's, with a sidecar or not: read as written it was
scored as true (a zone ranked 1st of 56 against shares typed as fractions)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from scorer.errors import ScorerError
from scorer.score.peer_scale import SCALE_FACTOR
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, run_cli

PERCENT_SHARES = ["fdi_city_share", "trade_city_share", "hightech_trade_share", "rd_intensity", "hightech_va_share",
                  "solid_waste_utilization", "gdp_city_share", "tax_city_share", "land_use_rate"]


def table(tmp_path, edit=lambda t: t, sidecar: bool = False, name: str = "peers"):
    """The bundled peer table edited by `edit` (a DataFrame of text cells), with or without its sidecar YAML."""
    t = edit(pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False))
    path = tmp_path / f"{name}.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    if sidecar:
        doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
        path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def scaled(columns: dict[str, float], rename: dict[str, str] | None = None):
    def edit(t):
        for col, k in columns.items():
            t[col] = (t[col].astype(float) * k).map(repr)
        return t.rename(columns=rename or {})
    return edit


def problems(framework, path):
    with pytest.raises(ScorerError) as exc:
        load_peers(path, framework)
    return exc.value.problems


def column_of(path, header: str) -> int:
    return list(pd.read_csv(path, nrows=0, encoding="utf-8").columns).index(header) + 1


@pytest.mark.parametrize("sidecar", [False, True])
def test_percent_columns_typed_as_fractions_are_refused_at_each_header(framework, tmp_path, sidecar):
    path = table(tmp_path, scaled({c: 0.01 for c in PERCENT_SHARES}), sidecar=sidecar)
    found = problems(framework, path)
    assert {(p.location.line, p.location.column) for p in found} == {(1, column_of(path, c)) for c in PERCENT_SHARES}
    assert all(p.code == "peer_column_scale" and "fractions (0.05 for 5 %)" in p.render() for p in found)


@pytest.mark.parametrize("column, header, k, real", [
    ("tax_revenue", "税收收入（万元）", 1, "亿元"),            # figures in 亿元 under a 万元 header: read 10 000× too small
    ("fdi_amount", "实际使用外资金额（亿美元）", 1, "万美元"),  # figures in 万美元 under 亿美元: 10 000× too large
    ("trade_amount", "trade_amount", 1e4, "万元"),           # no unit in the header: 万元 figures as the indicator's 亿元
])
def test_a_column_in_a_unit_ten_thousand_times_off_is_refused_naming_the_unit(framework, tmp_path, column, header, k,
                                                                              real):
    path = table(tmp_path, scaled({column: k}, {column: header}))
    [problem] = problems(framework, path)
    assert (problem.location.line, problem.location.column) == (1, column_of(path, header))
    assert f"look like {real}" in problem.render() and "万/亿" in problem.render()


def test_one_share_as_a_fraction_under_a_percent_header_is_refused(framework, tmp_path):
    path = table(tmp_path, scaled({"fdi_city_share": 0.01}, {"fdi_city_share": "实际使用外资占所在市比重（%）"}))
    [problem] = problems(framework, path)
    assert problem.location.column == column_of(path, "实际使用外资占所在市比重（%）")
    # said in Chinese too (the catalogue has both templates)
    assert "中位数" in problem.message_zh and "百分数" in problem.hint_zh, (problem.message_zh, problem.hint_zh)


def test_the_bundled_table_lies_well_inside_the_scale(framework):
    """Each checked column's median within a third of the allowed factor of its target/floor range: a wide
    margin, so a table like it (a real one of the same zones) is never refused."""
    values = load_peers(None, framework).values
    for ind, spec in framework.indicators.items():
        if spec.target is None or spec.target.value <= 0 or (spec.spec.value_bounds.min or -1) < 0:
            continue
        ends = [v for v in (spec.target.value, spec.floor) if v is not None and v > 0]
        median = float(np.nanmedian(values[ind]))
        assert min(ends) / (SCALE_FACTOR / 3) < median < max(ends) * SCALE_FACTOR / 3, ind


def test_a_table_of_zones_a_tenth_the_size_is_a_users_own_and_passes(framework, tmp_path):
    """A province's smaller zones (every size measure a tenth of the bundled central national zones') are
    no slip: the check is for orders of magnitude (100×, 10 000×), not for small zones."""
    sizes = ["fdi_amount", "trade_amount", "gdp_amount", "tax_revenue", "hightech_enterprises", "rd_institutions"]
    counts = lambda t: t.assign(**{c: t[c].astype(float).round().map(repr) for c in sizes[-2:]})  # whole things
    path = table(tmp_path, lambda t: counts(scaled({c: 0.1 for c in sizes})(t)))
    assert len(load_peers(path, framework).values) == 55


def test_validate_and_score_refuse_a_fraction_table_from_the_cli(tmp_path):
    path = table(tmp_path, scaled({"gdp_city_share": 0.01}), sidecar=True)
    for args in (["validate", "--peers", str(path)], ["score", str(EXAMPLES), "--peers", str(path), "--json"]):
        result = run_cli(*args, "--lang", "en")
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"{path}:1:{column_of(path, 'gdp_city_share')}" in result.stderr and "fractions" in result.stderr


GROWTH = ["fdi_growth", "trade_growth", "co2_growth", "gdp_growth"]


def test_growth_rates_typed_as_fractions_are_refused_at_each_header(framework, tmp_path):
    """A signed rate has no order of magnitude, but 55 zones all within ±1 % while the target is 10 % are fractions."""
    path = table(tmp_path, scaled({c: 0.01 for c in GROWTH}), sidecar=True)
    found = problems(framework, path)
    assert {(p.location.line, p.location.column) for p in found} == {(1, column_of(path, c)) for c in GROWTH}
    assert all("look like fractions" in p.render() and "乘以 100" in p.hint_zh for p in found)


def test_a_few_zones_growing_slowly_are_no_fractions(framework, tmp_path):
    """Fewer than ten zones all within ±1 % may be true (a slow year for a handful of zones): read as written."""
    path = table(tmp_path, lambda t: scaled({c: 0.01 for c in GROWTH})(t.head(9)))
    assert len(load_peers(path, framework).values) == 9


SIZES = ["gdp_amount", "tax_revenue", "trade_amount", "fdi_amount"]


@pytest.mark.parametrize("column", SIZES)
@pytest.mark.parametrize("k", [0.1, 10])
def test_one_size_column_out_of_step_with_the_others_is_refused_without_a_sidecar(framework, tmp_path, column, k):
    """÷10 in one column passed (a table of smaller zones is smaller in every size measure, not in one); ×10 in one
    column of a table of a tenth-size zones too (under the region's ceiling)."""
    others = {c: 0.1 for c in SIZES if c != column} if k == 10 else {}
    path = table(tmp_path, scaled({column: k if k < 1 else 1.0, **others}))
    [problem] = problems(framework, path)
    assert (problem.location.line, problem.location.column) == (1, column_of(path, column)), problem.render()
    side = "smaller" if k < 1 else "larger"
    assert f"× {side} than the table's other size measures" in problem.render()
    assert "10× too " in problem.render() and "decimal point" in problem.render()


@pytest.mark.parametrize("lo, hi", [(0.0, 100.0), (None, 5.0), (-3.0, None), (None, None), (2.0, 2.0)])
def test_bounds_outside_is_contains_over_an_array(lo, hi):
    """load_peers visits only the cells `outside` marks (one array comparison a column): the same cells
    `Bounds.contains` refuses one by one, the bounds themselves inside, NaN never outside."""
    from scorer.framework.model import Bounds
    from scorer.score.peers import outside

    bounds = Bounds(min=lo, max=hi)
    values = np.concatenate([np.random.default_rng(3).normal(0, 60, 500), [0.0, 100.0, 5.0, -3.0, 2.0, np.nan]])
    expected = np.array([np.isfinite(v) and not bounds.contains(float(v)) for v in values])
    assert (outside(bounds, values) == expected).all()
