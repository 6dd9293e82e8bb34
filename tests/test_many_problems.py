"""A terminal shows a bounded number of problems with a count of the rest (bt17h F11: a 27 000-zone table with text in
its number cells printed 5 000 errors, and no total); --json lists every one."""

from __future__ import annotations

import json

import pandas as pd

from scorer.score.peers import default_peers
from tests.conftest import ROOT, run_cli


def test_hundreds_of_problems_print_forty_and_the_count(tmp_path):
    table = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str)
    table = pd.concat([table] * 4, ignore_index=True)  # 220 rows: every zone's name four times, under new ids
    table["id"] = [f"Z{k}" for k in range(len(table))]
    path = tmp_path / "many.csv"
    table.to_csv(path, index=False)
    fw = ROOT / "indicators" / "framework.yaml"
    done = run_cli("--lang", "en", "score-table", fw, path)
    total = len(json.loads(run_cli("--lang", "en", "score-table", fw, path, "--json").stdout)["problems"])
    assert total > 50, total
    heads = [line for line in done.stderr.splitlines() if line.startswith(str(path))]
    assert len(heads) == 40, len(heads)
    assert done.stderr.rstrip().endswith(f"… and {total - 40} more ({total} in all; --json lists every one)")
