"""bt12g F4 and F4b: one zone's figures pasted under a second name in a peer table were ranked as two zones, and the
zone being scored, present in the table (a province-wide table holds it), was counted as its own peer ("21 of 57").
Rows with the same figures under different names are counted once with a warning naming both (peer_rows, the one
place duplicate rows are found); the zone's own row, by its name or its figures, is left out of its peers, said."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli

BUNDLED = ROOT / "indicators" / "peers" / "central-synthetic.csv"


def _table(tmp_path, edit, name="peers.csv"):
    d = pd.read_csv(BUNDLED, dtype={"id": str})
    d = edit(d)
    path = tmp_path / name  # no sidecar: a user's own table
    d.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _score(path):
    done = run_cli("score", str(EXAMPLES), "--peers", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _score(_table(tmp_path_factory.mktemp("plain"), lambda d: d))


def _indicators(d):
    return [c for c in d.columns if c not in ("id", "name_zh", "name_en", "synthetic", "name")]


@pytest.mark.parametrize("rows", [(10, 3), (40, 0)])
def test_one_zones_figures_under_a_second_name_are_counted_once_and_said(tmp_path, plain, rows):
    target, source = rows

    def paste(d):
        cols = _indicators(d)
        d.loc[target, cols] = d.loc[source, cols].values
        return d

    out = _score(_table(tmp_path, paste))
    told = [p for p in out["problems"] if p["code"] == "peer_rows_identical"]
    assert len(told) == 1, told
    assert out["readiness"]["rank"]["of"] == plain["readiness"]["rank"]["of"] - 1  # not ranked twice


def _zone_row(plain, name):
    return {"id": "ZZ-SELF", "name_zh": name, **{i["id"]: i["value"] for i in plain["indicators"]
                                               if i["value"] is not None}}


@pytest.mark.parametrize("name", ["周口经济开发区", "某某园区"])
def test_the_zone_in_its_own_peer_table_is_not_its_own_peer(tmp_path, plain, name):
    """By its name (as the workbooks' titles write it), or, under another name, by its own figures."""
    def add_self(d):
        row = _zone_row(plain, name)
        return pd.concat([d, pd.DataFrame([{c: row.get(c) for c in d.columns}])], ignore_index=True)

    out = _score(_table(tmp_path, add_self))
    told = [p for p in out["problems"] if p["code"] == "peer_is_zone"]
    assert len(told) == 1, [p["code"] for p in out["problems"]]
    assert out["readiness"]["rank"]["of"] == plain["readiness"]["rank"]["of"]
    assert out["readiness"]["rank"]["estimate"] == plain["readiness"]["rank"]["estimate"]
    assert out["readiness"]["margins"]["median"] == pytest.approx(plain["readiness"]["margins"]["median"])


def test_a_peer_with_other_figures_and_another_name_stays(tmp_path, plain):
    def add_other(d):
        row = {k: (round(v * 0.8) if isinstance(v, (int, float)) else v) for k, v in _zone_row(plain, "另一园区").items()}
        return pd.concat([d, pd.DataFrame([{c: row.get(c) for c in d.columns}])], ignore_index=True)

    out = _score(_table(tmp_path, add_other))
    assert not [p for p in out["problems"] if p["code"] in ("peer_is_zone", "peer_rows_identical")]
    assert out["readiness"]["rank"]["of"] == plain["readiness"]["rank"]["of"] + 1
