"""A lone share under 1 % typed as a fraction among percents (0.35 among 20–60 %) is not read as published: it is
doubtful at its cell (file, line, column), left out of that zone's score, and said in the terminal and the JSON
(bt12 F5: 'a lone small share is read')."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import yaml

from scorer import units
from scorer.errors import ScorerError
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, run_cli


def with_fraction(tmp_path, col: str, row: int, sidecar: bool = True):
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    shares = t[col].astype(float)
    typed = round(float(shares.median()) / 100, 4)  # the column's own median typed as a fraction
    t.loc[row, col] = repr(typed)
    path = tmp_path / f"{col}.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    if sidecar:
        doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
        path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, t.loc[row, "id"], typed, t.columns.get_loc(col) + 1


def percent_columns(framework):
    t = pd.read_csv(default_peers(), encoding="utf-8-sig")
    return [i for i, d in framework.indicators.items() if units.dimension(d.unit) == "percent" and d.spec.has_magnitude
            and i in t.columns and t[i].median() >= 5]


@pytest.mark.parametrize("sidecar", [True, False])
def test_a_lone_fraction_in_any_percent_column_is_doubtful_at_its_cell(framework, tmp_path, sidecar):
    cols = percent_columns(framework)
    assert len(cols) >= 5
    flagged = 0
    for col in cols:
        path, zone, typed, column = with_fraction(tmp_path, col, 7, sidecar)
        try:
            peers = load_peers(path, framework)
        except ScorerError as exc:  # refused at the cell (below the framework's plausible range): never read
            assert (path, 9, column) in {(p.location.file, p.location.line, p.location.column) for p in exc.problems}
            continue
        said = [p for p in peers.warnings if p.code == "peer_cell_fraction"]
        assert len(said) == 1, (col, [str(p.message) for p in peers.warnings])
        p = said[0]
        assert p.severity == "doubtful" and p.indicator == col
        assert (p.location.file, p.location.line, p.location.column) == (path, 9, column)  # header line 1, row 7 → 9
        assert f"{typed:g}" in str(p.message)
        assert np.isnan(peers.values.at[zone, col])  # not scored as true
        flagged += 1
    assert flagged >= 3


def test_score_says_it_in_the_terminal_and_the_json(tmp_path, framework):
    path, zone, typed, column = with_fraction(tmp_path, "hightech_va_share", 3)
    done = run_cli("score", EXAMPLES, "--peers", str(path), "--json")
    assert done.returncode == 0, done.stderr
    [p] = [p for p in json.loads(done.stdout)["problems"] if p["code"] == "peer_cell_fraction"]
    assert p["level"] == "doubtful" and p["file"].endswith("hightech_va_share.csv") and p["line"] == 5
    shown = run_cli("score", EXAMPLES, "--peers", str(path), "--lang", "en")
    assert f"{path.name}:5:{column}" in shown.stderr and "fraction" in shown.stderr


def rate_columns(framework):
    t = pd.read_csv(default_peers(), encoding="utf-8-sig")
    return [i for i, d in framework.indicators.items() if units.dimension(d.unit) == "percent"
            and not d.spec.has_magnitude and i in t.columns]


@pytest.mark.parametrize("rows", [(5,), (5, 22)])
def test_a_rows_rates_typed_as_fractions_are_doubtful_at_their_cells(framework, tmp_path, rows):
    """bt12g F6: a row's growth rates typed as fractions (0.04444 for 4.444 %) moved the rank 21 → 19 with no word. The
    kind: every rate column of the row whose ×100 lies among its column's values is doubtful at its cell, left out."""
    rates = rate_columns(framework)
    assert len(rates) >= 3
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    typed = {}
    for row in rows:
        for col in rates:
            v = float(t.loc[row, col])
            if abs(v) >= 1:  # a rate of 1 % or more: as a fraction under 1
                t.loc[row, col] = repr(v / 100)
                typed[(t.loc[row, "id"], col)] = v / 100
    assert sum(1 for (z, _) in typed if z == t.loc[rows[0], "id"]) >= 2
    path = tmp_path / "rates.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    peers = load_peers(path, framework)
    told = {(p.indicator, p.location.line) for p in peers.warnings if p.code == "peer_cell_fraction"}
    for (zone, col), v in typed.items():
        assert np.isnan(peers.values.at[zone, col]), (zone, col)
        assert (col, list(t["id"]).index(zone) + 2) in told, (zone, col, told)


def test_two_rates_under_one_percent_among_larger_ones_are_rates(framework, tmp_path):
    """Two real near-zero growths in a row whose other rates are 1 % and more are rates (at 27 000 zones, 1 row in 260
    had two by chance and lost them as doubtful)."""
    rates = rate_columns(framework)
    assert len(rates) >= 4
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    t.loc[5, rates[0]], t.loc[5, rates[1]] = "0.5", "-0.3"
    for col in rates[2:]:
        assert abs(float(t.loc[5, col])) >= 1
    path = tmp_path / "two.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    peers = load_peers(path, framework)
    assert not [p for p in peers.warnings if p.code == "peer_cell_fraction"]
    assert peers.values.at[t.loc[5, "id"], rates[1]] == -0.3


def test_a_single_rate_under_one_percent_is_a_rate(framework, tmp_path):
    """One real near-zero growth (0.5 %) in a row is not taken for a fraction."""
    rates = rate_columns(framework)
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    t.loc[5, rates[0]] = "0.5"
    path = tmp_path / "one.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    peers = load_peers(path, framework)
    assert not [p for p in peers.warnings if p.code == "peer_cell_fraction"]
    assert peers.values.at[t.loc[5, "id"], rates[0]] == 0.5


def test_a_share_fraction_just_below_the_columns_least_percent_is_doubtful(framework, tmp_path):
    """bt12g F6: 9.38 % typed 0.0938 in a column whose least other cell is 10 % passed (×100 under the band)."""
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)

    def least(c):
        shares = t[c].astype(float)
        return float(shares[shares >= 1].min())

    col = next(c for c in percent_columns(framework) if framework.indicators[c].spec.plausible is None
               or framework.indicators[c].spec.plausible.contains(least(c) * 0.9 / 100))
    low = least(col)
    t.loc[3, col] = repr(round(low * 0.9 / 100, 6))
    path = tmp_path / "low.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    peers = load_peers(path, framework)
    assert [p for p in peers.warnings if p.code == "peer_cell_fraction" and p.indicator == col]
