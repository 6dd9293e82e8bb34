"""A peer table is checked cell by cell and against what it says it is, not by its median alone: some cells
of a column in another unit, shares typed as fractions among percents, counts that are not whole, a whole
column 10× too large (under the 30× median limit), a table of 15 rows passed as the region's 55 national
zones, a misspelt sidecar key (`synthetc: true`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from scorer.score.peer_model import CEILING_MARGIN, ceilings
from scorer.score.peer_scale import CELL_FACTOR, ceiling_factor
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, run_cli
from tests.test_peer_scale import column_of, problems, scaled, table


def some_rows(column: str, rows: list[int], k: float):
    """Scale `rows` (0-based zones) of `column` by k."""
    def edit(t):
        t.loc[rows, column] = (t.loc[rows, column].astype(float) * k).map(repr)
        return t
    return edit


@pytest.mark.parametrize("column, k", [("tax_revenue", 1e4), ("fdi_amount", 1e-4), ("gdp_amount", 1e4)])
def test_some_cells_of_a_column_in_another_unit_are_refused_naming_each(framework, tmp_path, column, k):
    rows = [3, 10, 20]
    path = table(tmp_path, some_rows(column, rows, k))
    [problem] = problems(framework, path)
    assert problem.code == "peer_cell_scale" and problem.location.line == rows[0] + 2
    assert problem.location.column == column_of(path, column)
    for r in rows:
        assert f"line {r + 2} " in problem.render()
    assert f"{CELL_FACTOR:g}×" in problem.render()


def test_shares_typed_as_fractions_among_percents_are_refused_naming_each(framework, tmp_path):
    rows = [0, 4, 30]
    path = table(tmp_path, some_rows("trade_city_share", rows, 0.01))
    [problem] = problems(framework, path)
    assert problem.code == "peer_cell_scale" and "fractions" in problem.render()
    assert [f"line {r + 2} " in problem.render() for r in rows] == [True] * len(rows)
    assert "百分数" in problem.hint_zh or "百分" in problem.hint_zh, problem.hint_zh


def test_a_real_small_share_among_larger_ones_is_read(framework, tmp_path):
    """0.9 % of the city's tax beside shares of about 10 %: ×100 it would be 90 %, far above the column's own
    values, so it is no fraction typed for a percent (the bundled set's shares clipped at 1 %, jittered, were)."""
    path = table(tmp_path, lambda t: t.assign(tax_city_share=["0.9" if k % 7 == 0 else v
                                                              for k, v in enumerate(t["tax_city_share"])]))
    assert load_peers(path, framework).values["tax_city_share"].min() == 0.9


@pytest.mark.parametrize("column, k", [("national_incubators", 0.1), ("hightech_enterprises", 0.1),
                                       ("new_urban_jobs", 0.1)])
def test_counts_that_are_not_whole_are_refused_the_low_side_slip(framework, tmp_path, column, k):
    path = table(tmp_path, scaled({column: k}))
    found = problems(framework, path)
    assert any(p.code == "peer_cell_scale" and "not whole" in p.render() and p.location.column == column_of(path, column)
               for p in found), [p.render() for p in found]


@pytest.mark.parametrize("column", ["tax_revenue", "trade_amount", "fdi_amount", "gdp_amount"])
def test_a_whole_column_ten_times_too_large_is_refused_though_under_the_median_limit(framework, tmp_path, column):
    path = table(tmp_path, scaled({column: 10}))
    [problem] = problems(framework, path)
    assert problem.location.column == column_of(path, column) and "10× too large" in problem.render()
    # the ceiling comes from the spread: twice the published mean is within it, for the whole table
    assert len(load_peers(table(tmp_path, scaled({column: 0.9 * CEILING_MARGIN}), name="ok"), framework).values) == 55


def test_a_table_of_another_region_that_says_so_is_not_held_to_the_central_ceiling(framework, tmp_path):
    path = table(tmp_path, scaled({"fdi_amount": 10}), name="east")
    path.with_suffix(".yaml").write_text("region: eastern\nzone_level: national\n", encoding="utf-8")
    assert len(load_peers(path, framework).values) == 55
    assert ceilings(framework, 55, "eastern", 2023) == {}


def test_the_ceiling_is_the_mean_of_the_largest_zones_under_the_spread():
    """ceiling_factor against a simulation of the log-normal it assumes (not a number typed in)."""
    rng = np.random.default_rng(7)
    for cv in (0.8, 1.6):
        sigma = np.sqrt(np.log1p(cv ** 2))
        x = np.sort(np.exp(sigma * rng.standard_normal(400_000)))[::-1]
        for share in (0.05, 0.25, 0.5):
            top = x[: int(share * len(x))].mean() / x.mean()
            assert ceiling_factor(cv, share) == pytest.approx(top, rel=0.03)
    assert ceiling_factor(1.6, 1.0) == 1.0


def sidecar(path, edit):
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    path.with_suffix(".yaml").write_text(yaml.safe_dump(edit(doc), allow_unicode=True, sort_keys=False),
                                         encoding="utf-8")
    return path.with_suffix(".yaml")


def test_fifteen_rows_are_not_the_regions_55_national_zones_even_without_zones(framework, tmp_path):
    path = table(tmp_path, lambda t: t.head(15))
    meta = sidecar(path, lambda d: {k: v for k, v in d.items() if k not in ("zones", "indicators")})
    [problem] = [p for p in problems(framework, path) if "15 rows" in p.render()]  # its means are off too
    assert problem.location.file == meta and "central_2023_zones" in problem.render() and "15 rows" in problem.render()
    assert "`zone_level: national`" in str(problem.hint)
    assert "中部" in problem.message_zh


def test_a_cited_count_of_the_regions_zones_is_checked_against_the_rows(framework, tmp_path):
    path = table(tmp_path, lambda t: t.head(20))
    meta = sidecar(path, lambda d: {"region": "central", "cites": ["central_2023_zones"]})
    [problem] = problems(framework, path)
    assert problem.location.file == meta and problem.location.line == 2 and "20 rows" in problem.render()
    # the hint names what in the sidecar claims the count, as written there (it said `zone_level: national`, absent)
    assert "`cites: central_2023_zones`" in str(problem.hint) and "zone_level" not in str(problem.hint)


@pytest.mark.parametrize("key", ["synthetc", "zone_levle"])
def test_a_misspelt_sidecar_key_is_refused_with_file_and_line(tmp_path, key):
    path = table(tmp_path)
    real = {"synthetc": "synthetic", "zone_levle": "zone_level"}[key]
    meta = sidecar(path, lambda d: {(key if k == real else k): v for k, v in d.items()})
    line = next(n for n, text in enumerate(meta.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(key))
    done = run_cli("validate", "--peers", str(path), "--lang", "en")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{meta}:{line}:" in done.stderr and key in done.stderr
    done = run_cli("score", str(EXAMPLES), "--peers", str(path), "--json")
    assert done.returncode == 1 and f"{meta}:{line}" in done.stderr


def test_the_bundled_table_passes_every_cell_check(framework):
    peers = load_peers(None, framework)
    assert len(peers.values) == 55 and peers.synthetic
    assert pd.api.types.is_float_dtype(peers.values["tax_revenue"])


@pytest.mark.parametrize("column, which, k", [
    ("gdp_amount", "largest", 100), ("gdp_amount", "smallest", 1000), ("tax_revenue", "median", 1000),
    ("hightech_enterprises", "largest", 100), ("water_intensity", "median", 100), ("patents_per_10k", "median", 0.01),
    ("tax_per_mu", "smallest", 0.01), ("gdp_amount", "median", 0.001),
])
def test_one_cell_beyond_the_columns_spread_on_a_log_scale_is_refused_naming_it(framework, tmp_path, column, which, k):
    """A single cell ×100 … ×1 000 (or ÷) that lands beyond the region's spread (the larger of the column's own and
    the peer model's): under 1 000× from the column's median, these passed. (A cell ×10 stays within the spread of
    the region's zones: its column alone cannot tell it from a real zone.)"""
    x = pd.read_csv(default_peers(), encoding="utf-8-sig")[column]
    row = {"largest": int(x.idxmax()), "smallest": int(x.idxmin()),
           "median": int((x - x.median()).abs().idxmin())}[which]
    path = table(tmp_path, some_rows(column, [row], k))
    [problem] = problems(framework, path)
    assert problem.code == "peer_cell_scale" and problem.location.line == row + 2, problem.render()
    assert problem.location.column == column_of(path, column) and "spread" in problem.render()
