"""The Chinese and English reports say the same things: an action the zh report calls 一年内可达标 is not
'nearly closable … 99%' in the en one (the category was judged on the amounts as each language prints them)."""

from __future__ import annotations

import datetime as dt

import pytest

KIND_ZH = {"一年内可达标": "closable", "基本可达标": "nearly", "结构性": "structural"}
KIND_EN = {"closable": "closable", "nearly closable": "nearly", "structural": "structural"}


def _kind(text: str, names: dict) -> str:
    return next(kind for start, kind in sorted(names.items(), key=lambda x: -len(x[0])) if text.startswith(start))


def _views(run):
    from scorer.pipeline import analyse
    from scorer.report import model as report_model

    analyses = analyse(run)
    return [report_model.build(run.result, run.panel, report_model.ReportInputs("周口经济开发区", run.ingested.files, True,
                                                                               dt.date(2026, 11, 25), lang),
                               run.standing, run.verdict, analyses, run.problems, run.readiness, peers=run.peers)
            for lang in ("zh", "en")]


@pytest.mark.parametrize("period", ["2022Q4", "2021Q1"])
def test_an_action_is_of_the_same_kind_in_chinese_and_english(layout_reports, period):
    zh, en = _views(layout_reports.run_of(period))
    kinds_zh = [_kind(x["type"], KIND_ZH) for x in zh["action_table"]["rows"]]
    kinds_en = [_kind(x["type"], KIND_EN) for x in en["action_table"]["rows"]]
    assert kinds_zh and kinds_zh == kinds_en


def test_nearly_is_judged_on_the_amounts_as_both_languages_print_them(layout_reports):
    """An action whose change and change to target print alike in one language (2.41亿元 twice) is closable in
    both, though the other language prints them apart (241m and 241.5m yuan)."""
    from types import SimpleNamespace

    from scorer.report import model as report_model
    from scorer.report.brief import _short_of_target

    result = layout_reports.run_of("2022Q4").result
    zh = report_model._Words(result, "zh")
    en = zh.other_language()
    assert en.lang == "en" and en.t("type_closable") == "closable"
    action = SimpleNamespace(change=24_100.0, change_to_target=24_140.0, unit="万元")
    printed = [(w.amount(action.change, "万元"), w.amount(action.change_to_target, "万元")) for w in (zh, en)]
    assert any(a == b for a, b in printed) and not all(a == b for a, b in printed), printed
    assert _short_of_target(zh, action) is _short_of_target(en, action) is False
