"""Issue 11 (bt-i11 F3): when the headline rests on doubtful data, page 2 marks every card (较上季, the rank, the
margins) and says which conditions met now the worst case would fail. Built here: 进出口 rows marked 万元 with their
亿元 figures in every workbook (the worst case, 62.7, falls below the regional middle)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import rank_condition_expected, slipped_sample


def test_page_two_marks_every_card_and_names_what_the_worst_case_fails(tmp_path):
    from scorer.pipeline import run
    from scorer.report import model as report_model

    slipped_sample(tmp_path)
    r = run([tmp_path])
    worst, _ = r.result.doubt_range()
    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang="zh")
    view = report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                              peers=r.peers)
    brief = view["brief"]
    assert all(c.get("flag") for c in brief["cards"]), brief["cards"]
    # the headline's change on the quarter is no change the zone made: no arrow, 不可比 (bt11k F8: ↑ +0.4分)
    sub = brief["cards"][0]["sub"]
    assert "不可比" in sub and not any(a in sub for a in "↑↓"), sub
    # The case is built so that the worst case would miss a rank condition met now: since bt12g F2, doubtful data that
    # could move the rank make it not comparable, and a rank condition whose line the doubt's range of ranks straddles
    # is not judged (the reason names the ranks the doubt spans); one the whole range settles is judged (bt12h F1). No
    # condition is shown met that the worst case would miss.
    assert r.readiness.zone_doubt is not None and not r.readiness.comparable
    lo, hi = r.readiness.zone_doubt["rank_range"]
    rank = {c["id"]: c for c in r.readiness.conditions if c["id"] in ("bottom_n", "rank_share_max")}
    assert rank and all(c["status"] == rank_condition_expected(i, c["required"], lo, hi, r.standing.of)
                        for i, c in rank.items()), (lo, hi, rank)
    assert any(c["status"] == "not_judged" and "存疑指标" in c["reason"] for c in rank.values())  # the middle: 62.7 below it
    assert not [c for c in r.readiness.conditions if c["status"] == "met" and c.get("margin_points") is not None
                and c["margin_points"] - (r.result.overall - worst) < 0]


def test_the_cards_change_is_not_comparable_when_the_quarter_before_rests_on_doubt(tmp_path, sample_run):
    """bt11k F8 rest: the quarter before the headline's was scored with doubtful figures left out (its 进出口 rows
    marked 万元 over 亿元 figures, that workbook alone): the change between the two is no change the zone made, so the
    card says 不可比, not an arrow. The sample itself keeps its arrow."""
    from scorer.pipeline import run
    from scorer.report import model as report_model
    from tests.conftest import sample_copy, slip_trade_rows

    slip_trade_rows(sample_copy(tmp_path) / "周口经开区主要统计指标_2022年1-9月.xlsx")

    def view(r, lang):
        inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                           generated=dt.date(2026, 12, 1), lang=lang)
        return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                                  peers=r.peers)

    def card(r, lang):
        return view(r, lang)["brief"]["cards"][0]["sub"]

    r = run([tmp_path])
    assert r.result.period == "2022Q4" and r.result.doubt_range() is None  # the headline itself rests on no doubt
    assert next(h for h in r.result.history() if h["period"] == "2022Q3")["doubtful_indicators"]
    for lang, flag in (("zh", "不可比"), ("en", "not comparable")):
        sub = card(r, lang)
        assert flag in sub and not any(a in sub for a in "↑↓"), sub
    assert any(a in card(sample_run, "zh") for a in "↑↓"), card(sample_run, "zh")
    # the same kind on the category pages and the summary: 对外开放 (its trade indicators left out last quarter) is not
    # comparable with last quarter, its year-ago change and the untouched categories keep their arrows
    shown = view(r, "zh")
    cats = {c["id"]: c for c in shown["categories"]}
    assert cats["opening"]["trend_q"] == "不可比" and "↑" in cats["opening"]["trend_y"] + cats["opening"]["trend_y"].replace("↓", "↑")
    assert all(any(a in c["trend_q"] for a in "↑↓→") for g, c in cats.items() if g != "opening"), cats
    assert shown["overall"]["trend_q"] == "不可比" and any(a in shown["overall"]["trend_y"] for a in "↑↓→")
    rows = {row["id"]: row for row in cats["opening"]["rows"]}
    assert rows["trade_amount"]["arrow_q"] == "—"  # its own figure was left out last quarter: no arrow
