"""A peer row's figures are held to each other by fields.yaml's ratios (bt11j F13: a digit too many made one zone's tax
1.6 × its GDP, inside the column's own spread, and the row was scored as true, moving that zone 23 → 19 and the
distribution the zone is ranked in). Every pair of peer columns that are levels of fields with a declared ratio is
checked; the tests make the slips in each such pair of the bundled table, both ways."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

from scorer.errors import ScorerError

from scorer.score.peer_ratios import _levels
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, run_cli


def _table(tmp_path, edits: dict[tuple[int, str], float], name="edited.csv"):
    """The bundled peer table with `edits` ((row, column) → factor) applied, beside its sidecar's claims of region
    and year (as a user's table of real zones has them; the bundled model's column means are not claimed)."""
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for (row, col), k in edits.items():
        t.loc[row, col] = str(round(float(t.loc[row, col]) * float(k), 6))
    path = tmp_path / name
    t.to_csv(path, index=False, encoding="utf-8")
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    for key in ("indicators", "size", "seed", "zones"):  # a user's table: its region and year, no column means claimed
        doc.pop(key, None)
    path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, t


def _ratio_pairs(framework):
    """(indicator a, indicator b, range) for the bundled table's columns that are levels of fields with a ratio."""
    cols = pd.read_csv(default_peers(), encoding="utf-8-sig", nrows=1).columns
    levels = _levels(framework, [c for c in cols if c in framework.indicators])
    return [(a, b, framework.fields[fa].ratios[fb]) for a, (fa, _) in levels.items() for b, (fb, _) in levels.items()
            if a != b and fb in framework.fields[fa].ratios]


def test_the_bundled_table_keeps_every_declared_ratio(framework):
    assert len(_ratio_pairs(framework)) >= 3  # tax ÷ GDP, trade ÷ GDP, FDI ÷ GDP at least
    peers = load_peers(default_peers(), framework)
    assert not [p for p in peers.warnings if p.code == "peer_cell_ratio"]


@pytest.mark.parametrize("direction", ["numerator up", "denominator down"])
def test_a_slip_that_breaks_a_ratio_leaves_both_cells_and_the_row_out(framework, tmp_path, direction):
    t0 = pd.read_csv(default_peers(), encoding="utf-8-sig")
    checked = []
    for a, b, rng in _ratio_pairs(framework):
        levels = _levels(framework, [a, b])
        r = t0[a] * levels[a][1] / (t0[b] * levels[b][1])
        if rng.max is None:
            continue
        # each row's least slip (a power of ten) that takes its ratio beyond the range's end; the row where the slipped
        # figure is smallest (the column's mean, held to the sidecar's, moves least)
        ks = 10.0 ** np.ceil(np.log10(rng.max / r.to_numpy(dtype=float)) + 1e-9)
        moved = ((t0[a] * ks) if direction == "numerator up" else t0[b] - t0[b] / ks).to_numpy(dtype=float)
        row = int(np.nanargmin(np.where(ks == np.nanmin(ks), moved, np.inf)))  # the least slip first (a far cell is refused)
        k = float(ks[row])
        edits = {(row, a): k} if direction == "numerator up" else {(row, b): 1 / k}
        path, t = _table(tmp_path, edits, f"{a}_{b}.csv")
        try:
            peers = load_peers(path, framework)
        except ScorerError:  # refused outright (off its column's spread): never scored, peer_scale's case
            continue
        zone = t.loc[row, "id"]
        said = [p for p in peers.warnings if p.code == "peer_cell_ratio" and zone in str(p.message)]
        assert said, (a, b, direction, k, [str(p.message) for p in peers.warnings])
        assert said[0].severity == "doubtful" and said[0].location.line == row + 2
        assert np.isnan(peers.values.at[zone, a]) and np.isnan(peers.values.at[zone, b])  # neither scored as true
        assert zone in peers.doubtful_rows  # left out of the zone's rank among peers
        checked.append((a, b))
    assert ('tax_revenue', 'gdp_amount') in checked and len(checked) >= 2, checked


def test_score_table_and_score_say_it(framework, tmp_path):
    """bt11j F13's own case: SYN-C20's tax ×10 (351.5 亿元 beside a GDP of 222.7), in both commands."""
    t0 = pd.read_csv(default_peers(), encoding="utf-8-sig")
    row = int(np.flatnonzero(t0["id"] == "SYN-C20")[0]) if "SYN-C20" in set(t0["id"]) else 19
    path, t = _table(tmp_path, {(row, "tax_revenue"): 10}, "slip_tax10.csv")
    zone = t.loc[row, "id"]
    done = run_cli("score-table", "indicators/framework.yaml", str(path), "--lang", "zh")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if zone in line and "税收收入 ÷ 地区生产总值" in line]
    assert said and "存疑" in said[0] and f":{row + 2}:" in said[0]
    done = run_cli("score", str(EXAMPLES), "--peers", str(path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert zone in done.stdout + done.stderr and "ratios" in done.stdout + done.stderr
