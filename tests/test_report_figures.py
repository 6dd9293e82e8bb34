"""Printed figures agree with each other: a colour band on the score as printed, a value, its target and its gap
that add up as printed, differences of printed scores, whole things in the JSON, one wording for a carried value."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from scorer import fmt, units

PERIODS = ["2022Q4", "2022Q3", "2021Q1"]


def _view(run, lang: str = "zh"):
    from scorer.pipeline import analyse
    from scorer.report import model as report_model

    return report_model.build(run.result, run.panel, report_model.ReportInputs("周口经济开发区", run.ingested.files, True,
                                                                              dt.date(2026, 11, 25), lang),
                              run.standing, run.verdict, analyse(run), run.problems, run.readiness, peers=run.peers)


def _num(text: str) -> float:
    return float(text.replace(",", "").replace("−", "-").rstrip("◇*"))


@pytest.mark.parametrize("value", [89.99999999999999, 89.95, 89.949, 59.95, 59.9499, 60.0, 90.0, 0.04, 100.0])
def test_a_score_s_colour_band_is_decided_on_the_score_as_printed(value):
    """89.99999999999999 printed 90.0 was drawn orange (the band decided on the unrounded value)."""
    from scorer.report import charts

    shown = float(fmt.score(value))
    assert fmt.band(value) == ("green" if shown >= 90 else "amber" if shown >= 60 else "red")
    svg = __import__("base64").b64decode(charts.score_bars(["x"], [value]).split(",", 1)[1]).decode()
    colour = {"green": charts.GREEN, "amber": charts.AMBER, "red": charts.ACCENT}[fmt.band(value)]
    assert f'fill="{colour}"' in svg and fmt.score(value) in svg


@pytest.mark.parametrize("unit", ["%", "亿元", "万美元", "立方米/万元", "家", "人", "个"])
@pytest.mark.parametrize("value, target", [(28.36, 28.39), (48.59, 191.0), (4826.6, 5000.0), (6.0, 6.5), (2.0, 2.45),
                                           (3.0, 3.004), (4.98, 5.0), (0.04, 0.05), (256.9, 545.0), (99.96, 100.0)])
def test_a_value_its_target_and_its_gap_add_up_as_printed(unit, value, target):
    """28.36 against 28.39 % printed 28.4, 28.4 and a gap of 0.0; 4,827人 + 174 did not make 5,000."""
    gap = units.whole_things(target - value, unit)  # a count's in whole things (scorer.score.engine.shortfall)
    v, t, g = (_num(x) for x in fmt.against_target(value, target, gap, unit))
    assert t == pytest.approx(target, abs=1e-12), "a target is printed as it is scored"
    assert g > 0 and v != t, "never a gap of 0 or a value printed as its target while the target is not met"
    if units.counts_single_things(unit):
        assert v + g >= t and (v + g == t or not float(target).is_integer())
        assert float(g).is_integer()
    else:
        assert v + g == pytest.approx(t, abs=1e-9), (v, g, t)


@pytest.mark.parametrize("value, unit, text", [(3.004, "个", "3.004"), (28.39, "%", "28.39"), (6.5, "家", "6.5"),
                                               (2.45, "个", "2.45"), (191.0, "亿元", "191.0"), (5000.0, "人", "5,000")])
def test_a_target_is_printed_as_it_is_scored(value, unit, text):
    assert fmt.exact(value, unit) == text


@pytest.mark.parametrize("period", PERIODS)
def test_every_category_row_s_value_target_and_gap_agree_and_the_steps_are_never_zero(layout_reports, period):
    run = layout_reports.run_of(period)
    view = _view(run)
    inds = {i.id: i for i in run.result.indicators}
    checked = 0
    for c in view["categories"]:
        for row in c["rows"]:
            i = inds[row["id"]]
            if i.value is None or not i.gap_to_target or i.doubtful:
                continue
            v, t, g = _num(row["value"]), _num(row["target"]), _num(row["gap"])
            assert g > 0 and v != t, row
            if units.counts_single_things(i.unit):
                assert v + g >= t > v and float(g).is_integer(), row
            else:
                assert abs(v - t) == pytest.approx(g, abs=1e-9), row
            checked += 1
    assert checked >= 10
    for p in view["priorities"]:  # 单项指标改进一步: never 提高0.0个百分点
        step = re.search(r"[\d,.]+", p["step"]).group(0)
        assert _num(step) > 0, p


@pytest.mark.parametrize("period", PERIODS)
def test_a_change_since_last_quarter_is_the_difference_of_the_scores_as_printed(layout_reports, period):
    """绿色发展 93.0 → 94.1 was printed +1.0 (the difference of the unrounded scores)."""
    from scorer.report.model import _at

    run = layout_reports.run_of(period)
    view = _view(run)
    k = run.result.periods.index(run.result.period)
    prev = run.result.periods[k - 1] if k else None
    for c in view["categories"]:
        before = _at(run.result.group_scores, prev, c["id"])
        if before is None or c["score_value"] is None:
            assert c["change_q"] == "—"
            continue
        assert _num(c["change_q"]) == pytest.approx(_num(c["score"]) - _num(fmt.score(before)), abs=1e-9), c["id"]


@pytest.mark.parametrize("period", PERIODS)
def test_page_two_says_so_when_a_margin_is_not_the_difference_of_the_printed_scores(layout_reports, period):
    run = layout_reports.run_of(period)
    r = run.readiness
    view = _view(run)
    note = view["brief"]["cards_note"]
    assert "四舍五入" not in view["brief"]["actions_note"]  # said under the cards it explains (bt12i F3), not the actions
    off = not fmt.adds_up(r.to_bottom_line, r.score, r.bottom_line) or not fmt.adds_up(r.to_median, r.score, r.median)
    assert ("四舍五入" in note) is off, note
    if period == "2022Q4":
        assert off  # 70.8 − 54.7 shown +16.2


def test_a_count_s_gap_is_whole_things_in_the_json_too(sample_run):
    data = sample_run.as_dict()
    counts = [i for i in data["indicators"] if units.counts_single_things(i["unit"]) and i["gap_to_target"]]
    assert counts
    for i in counts + [g for g in data["gaps"] if units.counts_single_things(g["unit"]) and g["gap_to_target"]]:
        assert float(i["gap_to_target"]).is_integer(), i


def test_a_carried_value_is_explained_in_the_same_words_in_the_table_and_the_callout(layout_reports):
    """2022Q3's CO2: the table note said 本期缺数，沿用 where the callout said 本季度不报."""
    from scorer.report.model import _Words, carried_why

    run = layout_reports.run_of("2022Q3")
    view = _view(run)
    w = _Words(run.result, "zh")
    inds = {i.id: i for i in run.result.indicators}
    seen = 0
    for c in view["categories"]:
        whys = {carried_why(inds[row["id"]], run.result, w) for row in c["rows"] if row["imputed"]} - {None}
        for why in whys:
            assert why in c["imputed_note"] and why in view["imputed"], (why, c["imputed_note"], view["imputed"])
            seen += 1
        if not whys:
            assert not c["imputed_note"]
    assert seen and "不报" in view["imputed"] and "缺数" not in view["imputed"]


def test_no_ascii_space_follows_chinese_punctuation_in_the_chinese_report(layout_reports):
    html = layout_reports["zh"][1].read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "\n", re.sub(r"data:[^\"')\s]+", "", html))
    assert not re.search(r"[。；：，、）] +\S", text), re.search(r".{20}[。；：，、）] +\S.{10}", text)


def test_large_tonnages_are_said_in_wan_tonnes(sample_run):
    from scorer.report.model import _Words

    w = _Words(sample_run.result, "zh")
    assert w.amount(1_545_900, "吨") == f"154.59{fmt.WJ}万吨" and w.amount(3_352.6, "吨") == f"3,353{fmt.WJ}吨"


def test_the_english_report_names_no_file_nor_yardstick_id(layout_reports):
    html = layout_reports["en"][1].read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"data:[^\"')\s]+", "", html)))
    assert ".yaml" not in text and "indicators/" not in text
    assert not re.search(r"\b[a-z]+_20\d\d_[a-z_]+\b", text), re.search(r".{30}\b[a-z]+_20\d\d_[a-z_]+\b", text)


def test_the_english_text_says_its_conditions_and_columns_in_words(layout_reports):
    """'The conditions the data decide are met' read as a garden path and 'Pts within range' as a code: the
    English of every report text (scorer.i18n.TEXT) and of the rendered English report says them in words."""
    from scorer.i18n import TEXT

    bad = re.compile(r"\bthe data decide\b|\bPts\b")
    assert not [k for k, v in TEXT.items() if bad.search(v.get("en", ""))], [k for k, v in TEXT.items() if bad.search(v.get("en", ""))]
    for name in ("en", "full_en"):
        html = layout_reports[name][1].read_text(encoding="utf-8")
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"data:[^\"')\s]+", "", html)))
        assert not bad.search(text), re.search(r".{40}(?:the data decide|\bPts\b).{20}", text)
