"""A workspace of many quarters: the report's tables over quarters list a window of them (the last eight
and the same quarter of earlier years), say what they leave out, and never cite a workbook they do not
list; the trend chart keeps every quarter."""

from __future__ import annotations

import base64
import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scorer import fmt
from scorer.report import charts, history
from scorer.report import model as report_model
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def long_run(tmp_path_factory):
    """40 GENERATED quarters of the sample zone (tools/make_scale_data.py: 2013Q1–2022Q4), scored."""
    from scorer.pipeline import run

    folder = tmp_path_factory.mktemp("q40")
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_scale_data.py"), "quarters", str(folder), "40"],
                   check=True, capture_output=True)
    return run([folder])


def view(r, lang="zh"):
    inputs = report_model.ReportInputs("周口经济开发区", r.ingested.files, True, dt.date(2026, 12, 1), lang)
    return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, problems=r.problems)


def test_the_window_is_the_last_eight_quarters_and_the_same_quarter_of_five_years_before(long_run):
    shown = history.window(long_run.result)
    assert long_run.result.period == "2022Q4" and len(long_run.result.periods) == 40
    assert shown == ["2016Q4", "2017Q4", "2018Q4", "2019Q4", "2020Q4",
                     "2021Q1", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2", "2022Q3", "2022Q4"]


def test_the_window_ends_at_the_reported_quarter_and_skips_missing_quarters():
    class Result:  # the two attributes window() reads
        periods = ["2019Q2", "2020Q1", "2020Q2", "2021Q1", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2", "2022Q3"]
        period = "2022Q2"

    # the last four quarters scored (2022Q3 comes after the reported one), then Q2 of the years before
    assert history.window(Result(), recent=4) == ["2019Q2", "2020Q2", "2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2"]
    assert history.window(Result(), recent=4, earlier_years=1) == ["2021Q2", "2021Q3", "2021Q4", "2022Q1", "2022Q2"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_history_table_lists_the_window_with_the_engines_scores_and_says_so(long_run, lang):
    r = long_run.result
    v = view(long_run, lang)
    shown = history.window(r)
    assert [h["period"] for h in v["history"]] == [report_model.quarter_label(p, lang) for p in shown]
    for h, p in zip(v["history"], shown):
        assert h["overall"].rstrip("△") == fmt.score(r.group_scores.at[p, "index"])
    note = v["history_note"]
    assert "40" in note and report_model.quarter_label("2013Q1", lang) in note
    assert len(r.history()) == 40  # score --json keeps every quarter


def test_the_appendix_lists_the_windows_workbooks_counts_the_rest_and_cites_only_listed_ones(long_run):
    v = view(long_run)
    files = long_run.ingested.files
    listed = {f["ref"] for f in v["files"]}
    assert 8 <= len(listed) < len(files)
    assert str(len(files) - len(listed)) in v["files_rest"] and str(len(files)) in v["files_rest"]
    names = {f["name"] for f in v["files"]}
    assert "周口经开区主要统计指标_2022年1-12月.xlsx" in names and "周口经开区主要统计指标_2016年1-12月.xlsx" in names
    assert "周口经开区主要统计指标_2014年1-3月.xlsx" not in names
    cited = {m for row in v["data_rows"] for m in re.findall(r"表\d+", row["source"])}
    cited |= {m for row in v["rate_rows"] for m in re.findall(r"表\d+", row["converted"])}
    assert cited and cited <= listed


def test_imputed_values_outside_the_window_are_counted_not_lost(long_run):
    r = long_run.result
    v = view(long_run)
    total = int(r.imputed.to_numpy().sum())
    rest = re.search(r"另有(\d+)项", v["imputed_rest"])
    assert total > len(v["imputed_rows"]) and rest is not None
    assert len(v["imputed_rows"]) + int(rest.group(1)) == total
    shown = {report_model.quarter_label(p, "zh") for p in history.window(r)}
    assert {row["period"] for row in v["imputed_rows"]} <= shown


def test_a_trend_over_many_quarters_keeps_every_quarter_and_names_one_quarter_a_year():
    periods = [f"{y}年\n{q}季度" for y in range(2013, 2023) for q in "一二三四"]
    uri = charts.trend(periods, [("综合得分", [50.0 + k for k in range(40)]), ("对外开放", [60.0] * 39 + [None])])
    svg = ET.fromstring(base64.b64decode(uri.split(",", 1)[1]))
    labels = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text") if "年" in "".join(t.itertext())]
    assert 4 <= len(labels) <= charts.MAX_TREND_LABELS and all(label.endswith("四季度") for label in labels)
    assert "2022年四季度" in labels
    points = sorted((len(p.get("points").split()) for p in svg.iter(f"{SVG}polyline")), reverse=True)
    assert points == [40, 39]  # every quarter drawn, the missing last one left out


def test_a_report_on_an_earlier_quarter_shows_no_later_quarter(monkeypatch):
    """The 2021Q1 report's trend plotted every quarter to 2022Q4 and its caption read 全部8个季度（…至2022年第四季度）:
    a director reading a first quarter's report saw scores that did not exist yet."""
    from scorer.pipeline import run

    r = run([EXAMPLES], period="2021Q1")
    assert r.result.periods[-1] > r.result.period  # the workbooks hold later quarters
    seen = {}
    real = charts.trend

    def trend(periods, series, *args, **kwargs):
        seen["periods"], seen["series"] = periods, series
        return real(periods, series, *args, **kwargs)

    monkeypatch.setattr(charts, "trend", trend)
    v = view(r)
    upto = r.result.periods[:r.result.periods.index(r.result.period) + 1]
    assert len(seen["periods"]) == len(upto) and all(len(values) == len(upto) for _, values in seen["series"])
    later = [p for p in r.result.periods if p > r.result.period]
    for text in (v["history_note"] or "", v["trend_note"] or ""):
        assert not any(report_model.quarter_label(p, "zh") in text for p in later), text
