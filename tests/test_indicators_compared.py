"""`margins.indicators_compared` counts what the rank actually compares: the indicators in the peer table that the zone
has a figure for, not the table's columns (i12b: a zone without its high-tech trade figures was said to be compared
on 30 of 30). Checked against a count made here from the JSON's indicators and the table's header."""

from __future__ import annotations

import csv
import json

import openpyxl

from tests.conftest import run_cli, sample_copy
from tests.test_rank_basis import keep_columns

ROW = "其中：高新技术产品进出口额"


def _without_row(folder):
    """The sample with the values of `ROW` blanked in every workbook: the indicators resting on it have no figure."""
    for f in sorted(sample_copy(folder).glob("*.xlsx")):
        wb = openpyxl.load_workbook(f)
        ws = wb["主要经济指标"]
        hit = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == ROW]
        assert hit, f
        for r in hit:
            for c in range(3, ws.max_column + 1):
                ws.cell(r, c).value = None
        wb.save(f)
    return folder


def _independent(data: dict, table) -> tuple[set, set]:
    """(the indicators with a figure for the zone and a column in `table`, those in the table without a figure)."""
    with open(table, encoding="utf-8-sig", newline="") as fh:
        header = set(next(csv.reader(fh)))
    valued = {i["id"] for i in data["indicators"] if i["value"] is not None}
    every = {i["id"] for i in data["indicators"]}
    return valued & header, (every & header) - valued


def _score(folder, *args) -> dict:
    done = run_cli("score", str(folder), "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_zone_without_an_indicator_is_compared_on_the_others(tmp_path):
    from tests.conftest import ROOT

    data = _score(_without_row(tmp_path / "z"))
    compared, lacking = _independent(data, ROOT / "indicators" / "peers" / "central-synthetic.csv")
    assert lacking, "the blanked row should leave an indicator without a figure"
    m = data["readiness"]["margins"]
    assert m["indicators_compared"] == len(compared) < m["indicators_total"] == 30
    assert m["indicators_in_table"] == 30 and set(m["zone_lacks"]) == lacking
    weights = {i["id"]: i["weight"] for i in data["indicators"]}
    assert abs(m["weight_compared"] - sum(weights[i] for i in compared) / sum(weights.values())) < 1e-9


def test_a_partial_table_and_a_lacking_zone_count_what_both_have(tmp_path):
    columns = ["gdp_amount", "tax_revenue", "trade_amount", "hightech_trade_share", "fdi_amount"]
    table = keep_columns(tmp_path, "part", columns)
    data = _score(_without_row(tmp_path / "z"), "--peers", str(table))
    compared, lacking = _independent(data, table)
    m = data["readiness"]["margins"]
    assert lacking == {"hightech_trade_share"}
    assert m["indicators_compared"] == len(compared) == len(columns) - 1
    assert m["indicators_in_table"] == len(columns) and m["zone_lacks"] == ["hightech_trade_share"]


def test_the_sample_is_compared_on_every_indicator(tmp_path):
    from tests.conftest import EXAMPLES, ROOT

    data = _score(EXAMPLES)
    compared, lacking = _independent(data, ROOT / "indicators" / "peers" / "central-synthetic.csv")
    m = data["readiness"]["margins"]
    assert not lacking and m["indicators_compared"] == len(compared) == 30 and m["zone_lacks"] == []


def test_score_table_counts_each_zones_own_figures(tmp_path):
    """score-table --json: a peer row with an empty cell is compared on the table's other indicators."""
    import pandas as pd

    from tests.conftest import ROOT
    from tests.test_peer_claims import copy_table

    path = copy_table(tmp_path, "holes")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[3, "rd_intensity"] = ""
    table.loc[3, "patents_per_10k"] = ""
    table.to_csv(path, index=False)
    done = run_cli("score-table", str(ROOT / "indicators" / "framework.yaml"), str(path), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    rows = {z["unit"]: z for z in out["units"]}
    hole = rows[table.loc[3, "id"]]["margins"]
    full = rows[table.loc[4, "id"]]["margins"]
    assert hole["indicators_compared"] == 28 and sorted(hole["zone_lacks"]) == ["patents_per_10k", "rd_intensity"]
    assert full["indicators_compared"] == 30 and full["zone_lacks"] == []
