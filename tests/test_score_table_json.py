"""score-table --json builds its units from whole columns (bt17 F4), with the same values as a per-cell read.

At 27 000 zones, 324 000 `DataFrame.at` look-ups were two-thirds of the run (6.4 s CPU → 2.7 s without them). The
reference here is the per-cell read the command used before, from the same scored table: every unit's scores and
ranks must be the same numbers (NaN and a missing rank as null), in the same order, on the bundled peer set and on
a copy of it where a zone has no overall score (no rank).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from scorer.framework.model import load_framework
from scorer.score.coinr import run_pipeline
from scorer.score.peers import default_peers, load_peers, zones_framework
from tests.conftest import ROOT, run_cli


def _per_cell(fw_path, table_path):
    fw = zones_framework(load_framework(fw_path))
    result = run_pipeline(fw, load_peers(table_path, fw).values.rename_axis("uCode"), None)
    ranks = result.ranks.astype("Int64")
    groups = ["index", *(g for g in fw.groups if g != "index")]
    ranked = [g for g in groups if g in ranks.columns]
    return [{"unit": str(u), "time": None,
             "scores": {g: (None if math.isnan(v := float(result.aggregated.at[u, g])) else v) for g in groups},
             "ranks": {g: None if ranks.at[u, g] is pd.NA else int(ranks.at[u, g]) for g in ranked}}
            for u in result.aggregated.index]


@pytest.mark.parametrize("blank_a_zone", [False, True])
def test_score_table_json_units_are_the_per_cell_values(tmp_path, blank_a_zone):
    table = default_peers()
    if blank_a_zone:  # one zone with no figures but its name: no scores, no rank (null in the JSON)
        frame = pd.read_csv(table, dtype=str, keep_default_na=False, encoding="utf-8")
        frame.loc[3, frame.columns[3:]] = ""
        table = tmp_path / "peers.csv"
        frame.to_csv(table, index=False)
        (tmp_path / "peers.yaml").write_bytes(default_peers().with_suffix(".yaml").read_bytes())
    fw_path = ROOT / "indicators" / "framework.yaml"
    done = run_cli("score-table", fw_path, table, "--json")
    assert done.returncode == 0, done.stderr
    units = json.loads(done.stdout)["units"]
    # the scores and ranks as before (a peer table's zones also get score's objects: tests/test_zone_table.py)
    assert [{k: u[k] for k in ("unit", "time", "scores", "ranks")} for u in units] == _per_cell(fw_path, table)
    assert not blank_a_zone or any(v is None for u in units for v in u["ranks"].values())


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_table_gets_scorer_s_own_message_naming_it(tmp_path, content):
    """bt17 F9: a 0-byte file gave pandas' 'No columns to parse from file' (score --peers said 'the peer table is
    empty')."""
    table = tmp_path / "空表.csv"
    table.write_bytes(content)
    for args in (("score-table", ROOT / "indicators" / "framework.yaml", table),
                 ("score-table", ROOT / "indicators" / "framework.yaml", table, "--json")):
        done = run_cli(*args, "--lang", "en")
        assert done.returncode == 1 and "the peer table is empty" in done.stderr and "空表.csv" in done.stderr
        assert "No columns" not in done.stderr and "Traceback" not in done.stderr


def test_an_empty_coinr_table_gets_scorer_s_own_message(tmp_path):
    from scorer.errors import ScorerError
    from scorer.score.coinr_table import read_table

    (tmp_path / "data.csv").write_bytes(b"")
    with pytest.raises(ScorerError) as info:
        read_table(tmp_path / "data.csv", "data")
    said = " ".join(p.render() for p in info.value.problems)
    assert "the table is empty" in said and "data.csv" in said


def test_score_table_json_warnings_reach_stderr_too(tmp_path):
    """bt17 F9: score-table --json put the peer table's warnings (a zone twice, not the region's zones) only in the
    JSON's problems; score --peers --json also prints them on stderr. Every problem of the JSON is on stderr."""
    frame = pd.read_csv(default_peers(), dtype=str, keep_default_na=False, encoding="utf-8")
    table = tmp_path / "peers.csv"
    pd.concat([frame, frame.iloc[[2]]]).to_csv(table, index=False)  # a zone twice, same values: a warning
    done = run_cli("score-table", ROOT / "indicators" / "framework.yaml", table, "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert any("appears twice" in p["message_en"] for p in problems)
    for p in problems:
        assert p["message_en"][:60] in done.stderr, p["message_en"]
