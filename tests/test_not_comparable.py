"""An overall made without a whole category is "not comparable" wherever it is shown (issue 11, point 4 of the
review): the headline figure carries the 不可比 tag in the terminal, the watch log, the JSON and the report's page 2;
compare's rows each say their own; uncertainty says it and no peer mean makes up the missing category; and the
cause named is the true one — no figure at all, or too few for the framework's min_share."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from scorer.pipeline import run
from scorer.report.model import category_dropped_note
from scorer.score.engine import least_share
from tests.conftest import EXAMPLES, run_cli
from tests.test_empty_category import _fields_of
from tests.test_quality import filled_template, pdf_text, watch_once

TAG = "（不可比）"
TRADE = {"trade_total", "city_trade_total", "hightech_trade"}  # the trade rows: 4 of 对外开放's 7 indicators


def _blank(fields):
    return lambda fid, now, before: (np.nan, np.nan) if fid in fields else (now, before)


@pytest.fixture(scope="module")
def no_opening(framework, sample_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("no_opening")
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", _blank(_fields_of(framework, "opening")))
    return folder


@pytest.fixture(scope="module")
def few_opening(framework, sample_run, tmp_path_factory):
    folder = tmp_path_factory.mktemp("few_opening")
    filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx", _blank(TRADE))
    return folder


def _opening_with_values(r) -> tuple[int, int]:
    """对外开放's indicators with a value this quarter, and its indicators: counted from the values, not the engine."""
    ids = [i for i, ind in r.framework.indicators.items() if ind.parent == "opening"]
    row = r.result.values.loc[r.result.period, ids]
    return int(np.isfinite(row.to_numpy(dtype=float)).sum()), len(ids)


@pytest.mark.parametrize("case", ["no_opening", "few_opening"])
def test_the_cause_named_is_the_true_one(case, request, framework):
    r = run([request.getfixturevalue(case)])
    assert [g.id for g in r.result.empty_categories] == ["opening"]
    k, n = _opening_with_values(r)
    texts = {"problem": next(p.message_zh for p in r.problems if p.code == "category_dropped"),
             "caution": r.verdict.caution(framework),
             "note": category_dropped_note(r.result, type("W", (), {"lang": "zh"})())}
    texts_en = [next(p.message for p in r.problems if p.code == "category_dropped"), r.verdict.caution(framework, "en")]
    if k == 0:
        for where, text in texts.items():
            assert "无计分指标" in text and "min_share" not in text, where
    else:  # some of its figures are there: the cause is the share rule, said with the counts
        assert 0 < k / n < least_share(framework, "opening")
        for where, text in texts.items():
            assert f"{k}/{n}" in text and "min_share" in text and "无计分指标" not in text, where
        assert all(f"only {k} of its {n}" in t and "no scored indicator" not in t for t in texts_en)


def test_the_headline_is_tagged_in_the_terminal_the_json_the_watch_log_and_page_2(few_opening, tmp_path, in_chinese):
    done = run_cli("score", few_opening, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert re.match(r"2023Q1\s+综合得分 \d+\.\d（不可比）$", done.stdout.splitlines()[0])
    data = json.loads(run_cli("score", few_opening, "--json").stdout)
    assert data["overall"]["comparable"] is False and data["overall"]["empty_categories"] == ["opening"]
    pdf = tmp_path / "r.pdf"
    done = run_cli("report", few_opening, "-o", pdf, "--lang", "zh")
    assert done.returncode == 0 and TAG in done.stdout, done.stdout + done.stderr
    page2 = next(p for p in pdf_text(pdf) if "综合评估" in p).replace(" ", "").replace("\n", "")
    # every card of the brief (the overall, the ranks and the margins all rest on the overall) carries the tag
    assert "综合得分不可比" in page2 and page2.count("不可比") >= 4
    events, log = watch_once(few_opening, tmp_path / "watched")
    line = next(e for e in events if "已生成报告" in e)
    assert re.search(r"综合得分 \d+\.\d（不可比）", line) and "min_share" in line
    assert re.search(r"综合得分 \d+\.\d（不可比）", log)


def test_a_comparable_run_carries_no_tag(tmp_path):
    done = run_cli("score", EXAMPLES, "--lang", "zh")
    assert done.returncode == 0 and "不可比" not in done.stdout
    data = json.loads(run_cli("uncertainty", EXAMPLES, "--draws", "100", "--seed", "1", "--json").stdout)
    assert data["comparable"] is True and data["empty_categories"] == []


def test_compare_rows_say_their_own_comparability(few_opening, tmp_path):
    fill = tmp_path / "fill.yaml"
    fill.write_text("name: 补齐外贸\ndescription: 按估计填入进出口指标\nindicators:\n  trade_amount: =120 亿元\n"
                    "  trade_growth: =8%\n", encoding="utf-8")
    same = tmp_path / "same.yaml"
    same.write_text("name: 科技加码\nfields:\n  rd_institutions: +2\n", encoding="utf-8")
    data = json.loads(run_cli("compare", few_opening, fill, same, "--json").stdout)
    rows = {o["name"]: o for o in [data["baseline"], *data["scenarios"]]}
    filled = rows["补齐外贸"]["overall"]  # score's objects (issue 11 item 7)
    assert filled["comparable"] is True and filled["empty_categories"] == []
    assert {c["id"]: c["score"] for c in rows["补齐外贸"]["categories"]}["opening"] is not None
    for name in ("基准", "科技加码"):
        overall = rows[name]["overall"]
        assert overall["comparable"] is False and overall["empty_categories"] == ["opening"], name
    table = run_cli("compare", few_opening, fill, same, "--lang", "zh").stdout
    marked = {line.split("│")[1].strip(): TAG in line for line in table.splitlines() if line.startswith("│")
              and line.split("│")[1].strip()}
    assert marked == {"基准": True, "补齐外贸": False, "科技加码": True}
    # the cautions name the rows that lack the category, not the one that has it
    assert "补齐外贸：注意" not in table and "科技加码：注意：不能与对照样本直接比较" in table


def test_the_tag_is_said_in_english_under_lang_en(few_opening, tmp_path):
    """Issue 15's language rule holds for the tag: score's headline, compare's rows and uncertainty's nominal say
    (not comparable) under --lang en, never 不可比."""
    done = run_cli("score", few_opening, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert re.match(r"2023Q1\s+Overall score \d+\.\d \(not comparable\)$", done.stdout.splitlines()[0]), done.stdout[:300]
    same = tmp_path / "same.yaml"
    same.write_text("name: 科技加码\nfields:\n  rd_institutions: +2\n", encoding="utf-8")
    table = run_cli("compare", few_opening, same, "--lang", "en").stdout
    overall: dict[str, str] = {}  # a row's overall cell, its folded lines joined
    for line in (x for x in table.splitlines() if x.startswith("│")):
        cells = [c.strip() for c in line.split("│")]
        if cells[1]:
            row = cells[1]
        overall[row] = f"{overall.get(row, '')} {cells[2]}".strip()
    assert all("(not comparable)" in overall[r] for r in ("Baseline", "科技加码")), table
    assert "Not comparable with the peers" in table and "注意" not in table  # the caution under the table, in English
    said = run_cli("uncertainty", few_opening, "--draws", "100", "--seed", "1", "--lang", "en").stdout
    assert re.search(r"nominal \d+\.\d \(not comparable\)", said), said[:600]
    for text in (done.stdout, table, said):
        assert "不可比" not in text


@pytest.mark.parametrize("case", ["no_opening", "few_opening"])
def test_uncertainty_says_not_comparable_and_no_peer_mean_fills_the_category(case, request):
    data = json.loads(run_cli("uncertainty", request.getfixturevalue(case), "--draws", "200", "--seed", "3",
                              "--imputation", "mean", "--json").stdout)
    assert data["comparable"] is False and data["empty_categories"] == ["opening"]
    assert data["categories"]["opening"]["median"] is None and data["categories"]["opening"]["nominal"] is None
    assert data["overall"]["median"] is not None


def test_the_peers_fill_only_a_category_the_zone_has_scored(framework):
    """fillable: an across-unit imputation (mean) may fill a gap in a category with enough figures of its own, never
    one below min_share or without any; the zone's own history (locf) may fill either, as the run's does."""
    from scorer.whatif.checks import fillable

    inds = list(framework.indicators)
    opening = [k for k, i in enumerate(inds) if framework.indicators[i].parent == "opening"]
    least = least_share(framework, "opening")
    values = np.ones((3, len(inds)))
    values[1, opening[:1]] = np.nan  # one gap: enough figures left
    keep = int(np.ceil(least * len(opening))) - 1  # one figure short of min_share
    values[2, opening[keep:]] = np.nan
    mean, locf = fillable(framework, inds, values, ["mean"] * 3), fillable(framework, inds, values, ["locf"] * 3)
    assert mean[1, opening].all() and not mean[2, opening].any() and mean[2].sum() == len(inds) - len(opening)
    assert locf.all()
    values[2, opening] = np.nan  # none at all
    assert not fillable(framework, inds, values, ["mean"] * 3)[2, opening].any()
