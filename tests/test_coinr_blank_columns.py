"""An indicator no unit has a figure for, and a group none has a score in, are named when they drop out of a COINr
model's aggregates (bt11k F1: both dropped out with no problem, the index silently one group's score, and numpy's
'All-NaN slice' text on stderr)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from scorer.score.coinr import import_coinr
from tests.conftest import run_cli


def _model(tmp_path):
    meta = pd.DataFrame({"iCode": ["a", "b", "c", "d", "e", "G1", "G2", "Index"],
                         "iName": ["Ind a", "Ind b", "Ind c", "Ind d", "Ind e", "Group 1", "Group 2", "Index"],
                         "Direction": 1, "Weight": 1, "Level": [1, 1, 1, 1, 1, 2, 2, 3],
                         "Parent": ["G1", "G1", "G1", "G2", "G2", "Index", "Index", ""],
                         "Type": ["Indicator"] * 5 + ["Aggregate"] * 3})
    rng = np.random.default_rng(7)
    data = pd.DataFrame({"uCode": [f"U{i:02d}" for i in range(12)], "uName": [f"Unit {i}" for i in range(12)],
                         **{c: rng.uniform(1, 50, 12).round(3) for c in "abcde"}})
    meta.to_csv(tmp_path / "iMeta.csv", index=False)
    data.to_csv(tmp_path / "iData.csv", index=False)
    import_coinr(tmp_path / "iMeta.csv", tmp_path / "iData.csv", tmp_path / "out")
    return tmp_path / "out" / "framework.yaml", pd.read_csv(tmp_path / "out" / "data.csv")


@pytest.mark.parametrize("blank, indicators, groups", [((), set(), set()), (("e",), {"e"}, set()),
                                                      (("d", "e"), {"d", "e"}, {"G2"})])
def test_what_drops_out_is_named(tmp_path, blank, indicators, groups):
    framework, data = _model(tmp_path)
    for c in blank:
        data[c] = np.nan
    data.to_csv(tmp_path / "data.csv", index=False)
    done = run_cli("score-table", str(framework), str(tmp_path / "data.csv"), "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    problems = json.loads(done.stdout)["problems"]
    named = {p["message_en"].split(" ")[0] for p in problems if p["code"] == "indicator_left_out"}
    said = {p["message_en"].split(" ")[1] for p in problems if p["code"] == "group_left_out"}
    assert named == indicators and said == groups, problems
    assert "RuntimeWarning" not in done.stderr and "All-NaN" not in done.stderr
