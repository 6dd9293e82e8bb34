"""bt12g §7: page 2 of the report said the quarter's data are of another year than the peers' calibration, and that
a growth rate at current prices is scored against a comparable-price target; the terminal and the JSON said neither.
Both are now notes of the run (run.estimate_notes), told wherever its warnings are."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, run_cli


def test_the_sample_is_told_of_its_peer_year_and_its_current_price_growth_in_terminal_and_json():
    out = json.loads(run_cli("score", str(EXAMPLES), "--json").stdout)
    codes = {p["code"] for p in out["problems"]}
    current = [i["id"] for i in out["indicators"] if i.get("price_basis") == "nominal"]
    assert current  # the sample computes GDP growth from current-price levels
    assert {"peer_year", "growth_current_prices"} <= codes, codes
    text = run_cli("score", str(EXAMPLES), "--lang", "en").stdout + run_cli("score", str(EXAMPLES), "--lang", "en").stderr
    assert "different years" in text and "current-price" in text


def test_uncertainty_marks_a_rank_that_is_not_comparable(tmp_path):
    """bt12g: uncertainty printed a doubtful rank bare, where score marks it. Built: the old-caliber FDI workbook of
    test_ratio_doubts (its doubtful indicators could move the rank)."""
    import shutil

    import openpyxl

    src = next(f for f in EXAMPLES.glob("*.xlsx") if "2022年1-12月" in f.name)
    target = tmp_path / src.name
    shutil.copy(src, target)
    wb = openpyxl.load_workbook(target)
    wb["主要经济指标"]["C6"], wb["主要经济指标"]["D6"], wb["所在市"]["B9"] = 30000, 27000, 150000
    wb.save(target)
    done = run_cli("uncertainty", str(target), "--seed", "1", "--draws", "200", "--lang", "en")
    assert done.returncode == 0, done.stderr
    line = next(l for l in done.stdout.splitlines() if l.startswith("Estimated rank"))
    assert "(not comparable)" in line, line
    assert "not comparable" in done.stdout.split(line, 1)[1].split("\n\n")[0]
