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
