"""Data quality: every problem is a flat value with a stable code, and travels with the result."""

from __future__ import annotations

from scorer.errors import Location, Problem, ScorerError

PROBLEM_KEYS = {"level", "code", "message_zh", "message_en", "file", "sheet", "cell", "line", "hint",
                "field", "indicator", "period"}


def test_a_problem_is_one_flat_mapping_with_every_key_present():
    p = Problem("a share of 210387.3% is above 100%", Location(file="q4.xlsx", sheet="主要指标", cell="C7"),
                "check the cell", "doubtful", code="above_bound", message_zh="占比 210387.3% 超过 100%",
                field_id="hightech_trade", indicator="hightech_trade_share", period="2022Q4")
    d = p.as_dict()
    assert set(d) == PROBLEM_KEYS
    assert d["level"] == "doubtful" and d["code"] == "above_bound"
    assert (d["file"], d["sheet"], d["cell"], d["line"]) == ("q4.xlsx", "主要指标", "C7", None)
    assert d["message_zh"].startswith("占比") and d["message_en"].startswith("a share")
    assert all(not isinstance(v, (dict, list)) for v in d.values())


def test_an_english_only_problem_keeps_working_and_falls_back_for_chinese():
    d = ScorerError.at("not a folder", file="inbox", hint="name the folder").problems[0].as_dict()
    assert d["message_zh"] == d["message_en"] == "not a folder"
    assert d["level"] == "error" and d["code"] == "input" and d["line"] is None and d["hint"] == "name the folder"
