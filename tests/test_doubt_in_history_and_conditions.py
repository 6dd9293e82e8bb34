"""Issue 11, open point 1: what page 2 and the report draw and tabulate from doubtful data is marked. The conditions
tables (page 2's, the report's, the terminal's) said a plain 满足 for a condition the worst case of a doubtful overall
fails; the history chart and table drew doubtful quarters like any other. Built from the sample with the 进出口 rows
marked 万元 over their 亿元 figures (tests.conftest.slipped_sample); which conditions and quarters must be marked is
computed from the run (the worst case, the doubts), so a new condition or category is held to it too."""

from __future__ import annotations

import base64
import datetime as dt
import urllib.parse

import pytest

from tests.conftest import EXAMPLES, run_cli, slipped_sample

WORST = "满足（数据存疑，最不利情形下不满足）"


def _view(folder, lang="zh"):
    from scorer.pipeline import run
    from scorer.report import model as report_model

    r = run([folder])
    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang=lang)
    return r, report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                                 peers=r.peers)


def _svg(uri: str) -> str:
    head, data = uri.split(",", 1)
    return base64.b64decode(data).decode() if ";base64" in head else urllib.parse.unquote(data)


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    folder = slipped_sample(tmp_path_factory.mktemp("slipped"))
    return (folder, *_view(folder))


def test_a_condition_the_worst_case_fails_is_never_a_plain_met(slipped):
    folder, r, view = slipped
    worst, _ = r.result.doubt_range()
    drop = r.result.overall - worst
    failing = {c["id"] for c in r.readiness.conditions if c["status"] == "met" and c.get("margin_points") is not None
               and c["margin_points"] - drop < 0}
    names = {c["id"]: c for c in r.readiness.conditions}
    brief = {row["name"]: row for row in view["brief"]["conditions"]}
    for cid in failing:
        row = next(v for k, v in brief.items() if names[cid]["name_zh"].startswith(k.rstrip("…")) or k in names[cid]["name_zh"])
        assert row["status"] == WORST, row
    assert sum(row["status"] == WORST for row in brief.values()) == len(failing)
    marked = [x for x in view["verdict"]["rules"] if x["worst_misses"]]
    assert len(marked) == len(failing) and all(x["worst_misses"] == WORST for x in marked), view["verdict"]["rules"]
    terminal = run_cli("--lang", "zh", "score", folder)
    assert "".join(terminal.stdout.split()).count("".join(WORST.split())) >= len(failing), terminal.stdout[:3000]


def test_a_met_condition_whose_margin_the_doubt_can_take_is_the_one_marked():
    """The rule itself, on conditions built here: met with a margin below what the doubtful indicators can take away
    (the overall minus its worst case) is marked; a wider margin, a condition not met, one without points, and any
    condition of an overall with nothing doubtful are not."""
    from types import SimpleNamespace

    from scorer.score.readiness import met_text, worst_case_misses

    doubtful = SimpleNamespace(overall=70.0, doubt_range=lambda: (60.0, 80.0))
    conditions = [{"id": "a", "status": "met", "margin_points": 5.0}, {"id": "b", "status": "met", "margin_points": 15.0},
                  {"id": "c", "status": "not_met", "margin_points": -1.0}, {"id": "d", "status": "met", "margin_points": None}]
    assert worst_case_misses(conditions, doubtful) == {"a"}
    assert worst_case_misses(conditions, SimpleNamespace(overall=70.0, doubt_range=lambda: None)) == set()
    assert met_text("zh") == WORST and "worst case" in met_text("en")


def test_the_history_chart_and_table_mark_the_quarters_resting_on_doubtful_data(slipped):
    from scorer.report.history import doubtful_quarters

    _, r, view = slipped
    doubtful = doubtful_quarters(r.result)
    assert doubtful.get("index"), "the case no longer builds a doubtful quarter"
    svg = _svg(view["trend"])
    assert svg.count('stroke-dasharray="2 1.5"') == sum(len([p for p in ps if p <= r.result.period])
                                                         for ps in doubtful.values())
    marked_rows = [h for h in view["history"] if "（存疑）" in h["overall"]]
    assert marked_rows and all(any("（存疑）" in c for c in h["categories"]) for h in marked_rows)
    assert "存疑" in view["trend_note"] and "虚线圆圈" in view["trend_note"]


def test_the_sample_marks_nothing(tmp_path):
    r, view = _view(EXAMPLES)
    assert 'stroke-dasharray="2 1.5"' not in _svg(view["trend"])
    assert not any("存疑" in h["overall"] for h in view["history"])
    assert all(row["status"] != WORST for row in view["brief"]["conditions"])


def test_the_json_history_names_each_quarter_s_doubtful_indicators(tmp_path):
    """bt11j F1: earlier quarters scored on a doubtful figure were marked 存疑 in the PDF but not in score --json's history."""
    import json

    from tests.conftest import run_cli, slipped_sample

    done = run_cli("score", slipped_sample(tmp_path / "slip"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    marked = {h["period"]: set(h["doubtful_indicators"]) for h in data["history"]}
    assert len([p for p, s in marked.items() if s]) >= 2  # the slip is in every quarter's workbook
    now = {i["id"] for i in data["indicators"] if i["doubtful"]}
    assert marked[data["period"]] == now and now
