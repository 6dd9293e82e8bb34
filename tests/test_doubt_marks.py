"""Every place a doubtful value is shown carries the doubt mark (issue 11, bt11 fault 16).

`scorer series` showed a 2023Q1 地区生产总值 of 56.99 万元 (a unit slip the score left out) with no mark, in
its table, JSON and CSV; a value capped by `plausibility: {on_doubt: cap}` (109 % → 100) showed as a
plain 100.0 in the report's category table, its chart, and the quarter-by-quarter table showed 109.1.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace

import numpy as np
import pytest

from scorer.score.doubt import GROWTH, LEVEL, series_doubts
from scorer.score.panel import Panel
from tests.conftest import EXAMPLES, run_cli

COLUMNS = ["value", "single_quarter", "prior_year", "growth_published", "growth_computed", "full_year"]


def _table(panel: Panel):
    return panel.table(list(panel.levels.index)).set_index(["field", "period"])


@pytest.mark.parametrize("kind", [LEVEL, GROWTH])
def test_series_marks_exactly_the_figures_computed_from_a_doubtful_one(sample_run, kind):
    """For every field and quarter of the sample: change that one figure and see which of the series'
    figures move; those, and only those, are the ones series_doubts marks for it."""
    chosen = ("gdp", "fdi_actual", "hightech_enterprises", "co2_emissions")  # flows with a 同比, a stock, a half-yearly
    panel = replace(sample_run.panel, fields={f: sample_run.panel.fields[f] for f in chosen})
    base = _table(panel)
    table = panel.table(list(panel.levels.index))
    checked = 0
    for f in chosen:
        for p in panel.levels.index:
            source = panel.levels if kind == LEVEL else panel.growth
            if not source.at[p, f] > 0:
                continue
            moved = source.copy()
            moved.at[p, f] = source.at[p, f] * 1.37
            other = replace(panel, levels=moved) if kind == LEVEL else replace(panel, growth=moved)
            after = _table(other)
            marks = dict(zip(zip(table["field"], table["period"]), series_doubts(table, {(f, p, kind)})))
            for key in base.index:
                changed = [c for c in COLUMNS if not np.allclose(base.at[key, c], after.at[key, c], equal_nan=True)]
                assert sorted(changed) == sorted(marks[key]), (f, p, key)
            checked += 1
    assert checked > 20


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    """The sample's history plus its 2022年1-12月 workbook with 地区生产总值 in 亿元 in the 万元 row (a slip found
    against the zone's own history)."""
    import openpyxl

    folder = tmp_path_factory.mktemp("slipped")
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, folder)
    path = next(folder.glob("*2022年1-12月*.xlsx"))
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            if isinstance(row[0].value, str) and row[0].value.endswith("地区生产总值") and isinstance(row[2].value, (int, float)):
                row[2].value = row[2].value / 1e4
    wb.save(path)
    return folder


def test_series_marks_the_doubtful_row_in_its_table_json_and_csv(slipped):
    data = json.loads(run_cli("series", slipped, "--field", "gdp", "--json").stdout)
    rows = {r["period"]: r for r in data["rows"]}
    assert {"value", "single_quarter", "full_year"} <= set(rows["2022Q4"]["doubtful"])
    assert all(not r["doubtful"] for p, r in rows.items() if p < "2022Q4")
    assert any(p["code"] == "unit_slip" and p["cell"] for p in data["problems"])
    table = run_cli("series", slipped, "--field", "gdp", "--lang", "zh").stdout
    line = next(l for l in table.splitlines() if "2022Q4" in l)
    assert line.count("（存疑）") >= 3 and "（存疑）" not in next(l for l in table.splitlines() if "2022Q3" in l)
    rows_csv = list(csv.DictReader(io.StringIO(run_cli("series", slipped, "--field", "gdp", "--csv").stdout.lstrip("\ufeff"))))
    marked = {r["period"]: r["doubtful"] for r in rows_csv}
    assert "value" in marked["2022Q4"].split() and marked["2022Q3"] == ""


def test_a_capped_value_is_marked_in_every_table_and_chart_of_the_report(sample_run):
    """A doubtful value capped to its bounds is scored, but shown with the mark: the category table, its
    sentence, its chart and its quarter-by-quarter table."""
    import datetime as dt

    from scorer.report.model import ReportInputs, build
    from scorer.score.engine import score

    r = sample_run
    fw = replace(r.framework, plausibility=r.framework.plausibility.model_copy(update={"on_doubt": "cap"}))
    panel = replace(r.panel, levels=r.panel.levels.copy())
    panel.levels.at[r.period, "solid_waste_utilized"] = panel.levels.at[r.period, "solid_waste_generated"] * 1.09
    result = score(fw, panel, period=r.period)
    share = next(i for i in result.indicators if i.id == "solid_waste_utilization")
    assert share.doubtful and share.value == pytest.approx(100.0) and share.doubtful_value > 100
    view = build(result, panel, ReportInputs("周口经济开发区", {}, True, dt.date(2023, 1, 31), "zh"), problems=result.problems)
    cat = next(c for c in view["categories"] if any(row["id"] == share.id for row in c["rows"]))
    row = next(row for row in cat["rows"] if row["id"] == share.id)
    assert row["value"] == "100.0（存疑）"
    assert "存疑" in cat["sentence"] and "109" in cat["sentence"]
    history = next(h for h in cat["history"]["rows"] if h["name"] == row["name"])
    assert history["values"][-1].endswith("（存疑）") and cat["history"]["doubt_note"]
    assert all(not v.endswith("（存疑）") for v in history["values"][:-1])
    import base64
    import urllib.parse

    svg = "".join(urllib.parse.unquote(c.split(",", 1)[1]) if ";base64" not in c else base64.b64decode(c.split(",", 1)[1]).decode()
                  for c in cat["charts"])
    assert "100.0 存疑" in svg
