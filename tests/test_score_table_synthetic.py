"""score-table on a synthetic peer set says SYNTHETIC in every output — the terminal, --csv and --json — as score does
(bt12 F7: the bundled set scored with score-table never said so); a table of real zones says nothing of the kind."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
import yaml

from scorer.score.peers import default_peers
from tests.conftest import ROOT, run_cli

FRAMEWORK = str(ROOT / "indicators" / "framework.yaml")


def peer_table(tmp_path, how: str):
    """The bundled zones, synthetic by their sidecar ("sidecar"), by their rows ("rows") or declared real ("real")."""
    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False).head(20)
    t["synthetic"] = "true" if how == "rows" else "false"
    path = tmp_path / f"{how}.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    if how == "sidecar":
        t.assign(synthetic="false").to_csv(path, index=False, encoding="utf-8")
        path.with_suffix(".yaml").write_text(yaml.safe_dump({"synthetic": True}), encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["sidecar", "rows", "real"])
def test_every_output_of_a_synthetic_table_says_so(tmp_path, how):
    path = peer_table(tmp_path, how)
    synthetic = how != "real"
    shown = run_cli("score-table", FRAMEWORK, str(path), "--lang", "en")
    assert shown.returncode == 0, shown.stderr
    assert ("SYNTHETIC" in shown.stdout and "SYNTHETIC" in shown.stderr) == synthetic, (shown.stdout, shown.stderr)
    assert ("SYNTHETIC" in shown.stdout + shown.stderr) == synthetic
    as_csv = run_cli("score-table", FRAMEWORK, str(path), "--csv", "--lang", "en")
    assert as_csv.returncode == 0, as_csv.stderr
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 20 and all(r.get("synthetic") == "True" for r in rows) == synthetic
    assert ("synthetic" in rows[0]) == synthetic
    as_json = run_cli("score-table", FRAMEWORK, str(path), "--json")
    assert as_json.returncode == 0, as_json.stderr
    out = json.loads(as_json.stdout)
    assert out["synthetic"] is synthetic
    assert any(p["code"] == "synthetic_peers" for p in out["problems"]) == synthetic


def test_the_bundled_set_says_synthetic():
    done = run_cli("score-table", FRAMEWORK, str(default_peers()), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["synthetic"] is True
