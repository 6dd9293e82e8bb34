"""An indicator whose formula gives no number with the zone's figures (a divisor that is 0 only in the data) is said
with its cause, never as "value nan %" (bt16k F8: `fdi_actual / (rd_institutions - 32) * 100` for a zone with 32
R&D institutions said "has no score for 2022Q4 (value nan %) … check its normalisation")."""

from __future__ import annotations

import json
import shutil

from conftest import EXAMPLES, ROOT, run_cli

OLD = "formula: fdi_actual / city_fdi_actual * 100"


def test_a_divisor_of_zero_in_the_data_is_named_as_the_cause_at_its_cell(tmp_path):
    score = json.loads(run_cli("score", EXAMPLES, "--json").stdout)
    count = next(i["value"] for i in score["indicators"] if i["id"] == "rd_institutions")
    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(OLD, f"formula: fdi_actual / (rd_institutions - {count:g}) * 100", 1), encoding="utf-8")
    done = run_cli("score", EXAMPLES, "-f", path, "--json", "--lang", "en")
    out = json.loads(done.stdout)
    [said] = [p for p in out["problems"] if p["code"] == "dropped_indicator" and p.get("indicator") == "fdi_city_share"
              and p.get("period") == score["period"]]
    for text in (said["message_en"], said["message_zh"], said["hint_en"], said["hint_zh"]):
        assert "nan" not in text.lower() and "inf" not in text.lower(), text
    assert "a divisor of 0" in said["message_en"] and "除数为0" in said["message_zh"], said
    assert "divides by" in said["hint_en"] and said.get("cell"), said  # the cell of the figure to check
    terminal = run_cli("score", EXAMPLES, "-f", path, "--lang", "en")
    assert "value nan" not in terminal.stderr + terminal.stdout
