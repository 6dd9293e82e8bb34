"""Page 2 as a brief (issue 13, bt13 3 and 12): what the three actions achieve together (the zone re-scored with all
their changes, never their points added) and which of them closes a condition not met; and in a report made with
analyses, what the uncertainty analysis and the plan found, where the director reads (not only on pages 12–15)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from scorer import fmt
from scorer.report.model import _Words


def _page_two(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return re.sub(r"\s+", " ", pdf.pages[1].extract_text() or "")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_three_actions_together_are_the_zone_re_scored_with_all_their_changes(sample_run, tmp_path):
    """The action table's `combined` is what a scenario applying the three changes at once scores (the scenario
    engine, an independent path: the changes as a user would write them in a scenario file), not their sum."""
    from scorer.pipeline import actions
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare

    table = actions(sample_run)
    top = table.top(3)
    c = table.combined
    assert c is not None and c.fields == [a.field for a in top]
    path = tmp_path / "together.yaml"
    path.write_text("name: together\nfields:\n" + "".join(f"  {a.field}: {a.change:+.12g} {a.unit}\n" for a in top),
                    encoding="utf-8")
    outcome = compare(sample_run, load_scenarios([path], sample_run.framework)).outcomes[-1]
    assert c.overall_after == pytest.approx(outcome.overall, abs=1e-9)
    assert c.points == pytest.approx(outcome.overall - table.overall_before, abs=1e-9)
    assert c.rank_after == outcome.rank and c.places == table.rank_before - outcome.rank
    assert table.as_dict()["combined"]["points"] == pytest.approx(c.points)


@pytest.mark.parametrize("name, period", [("q1", "2021Q1"), ("q1_en", "2021Q1"), ("zh", "2022Q4"), ("en", "2022Q4")])
def test_page_two_says_what_the_three_actions_achieve_together(layout_reports, name, period):
    """The combined points, score and rank of the JSON's `combined` are on page 2 beside the actions; a deciding
    condition not met by a margin in points (2021Q1: 0.1 below the regional median) is said to be closed by the
    actions that close it (each of the three is worth more than 0.1)."""
    from scorer.pipeline import actions

    run = layout_reports.run_of(period)
    table = actions(run)
    c = table.combined
    page = _flat(_page_two(layout_reports[name][0]))
    assert _flat(f"+{fmt.points(c.points)}") in page and _flat(fmt.score(c.overall_after)) in page, name
    assert (f"至第{c.rank_after}名" if name in ("zh", "q1") else f"(to{c.rank_after})") in page
    unmet = [x for x in run.readiness.conditions if x["status"] == "not_met" and x["deciding"]
             and x.get("margin_points") is not None]
    for x in unmet:
        short = fmt.score(-x["margin_points"])
        closes = all(a.points >= -x["margin_points"] for a in table.top(3))
        said = (f"尚差{short}分：其中任何一项单独实施即可补足" if name in ("zh", "q1") else
                f"is{short}ptsshort:anyoneofthemclosesit")
        assert not closes or _flat(said) in page, (name, x["id"])
    assert period != "2021Q1" or unmet, "2021Q1 is 0.1 below the median: the case this test is for"


@pytest.mark.parametrize("name", ["full", "full_en", "full_target"])
def test_page_two_of_a_report_with_analyses_says_what_they_found(layout_reports, name):
    """The uncertainty analysis's median rank and 90 % interval and the plan's answer (out of reach for 92: the best
    the ranges allow and how far short) are on page 2, equal to the analyses' own figures; the box of what is assumed
    no longer offers an uncertainty analysis as still to be done (「二者可另作不确定性分析」 beside p. 15's results)."""
    from scorer.pipeline import analyse
    from tests.conftest import EXAMPLES

    en = name.endswith("_en")
    page = _flat(_page_two(layout_reports[name][0]))
    run = layout_reports.run_of("2022Q4")
    a = analyse(run, scenarios=sorted((EXAMPLES / "scenarios").glob("*.yaml")), uncertainty_draws=200, seed=1,
                plan_verdict=name == "full", plan_target=None if name == "full" else 92.0)
    rank = a.uncertainty.rank
    lo, hi = f"{rank.q05:.0f}", f"{rank.q95:.0f}"
    assert (f"medianrank{rank.median:.0f},90%{lo}–{hi}" if en else f"排名中位数第{rank.median:.0f}名，90%区间第{lo}—{hi}名") \
        in page, name
    assert ("uncertaintyanalysiscanadd" if en else "可另作不确定性分析") not in page
    p = a.plan
    if p.target is not None and not p.reachable:
        best = fmt.distinct(p.max_overall, p.target, decimals=1)
        gap = fmt.distinct(p.target - p.max_overall, 0.0, decimals=1)
        assert (f"about{best},still{gap}short" if en else f"约{best}分，仍比目标低{gap}分") in page, name
    elif p.data_met:
        assert ("Plan for" if en else "规划（满足全部升级条件）") .replace(" ", "") in page


def test_page_two_without_analyses_offers_none_and_says_none():
    """A report made without analyses has no findings line (and keeps its offer of an uncertainty analysis)."""
    from types import SimpleNamespace

    from scorer.report.brief import with_analyses

    b = {"assumed": ["x"]}
    with_analyses(b, SimpleNamespace(uncertainty=None, plan=None), SimpleNamespace(lang="zh"), None)
    assert b == {"assumed": ["x"], "analyses": []}


def _card_texts(page, t, n_bottom: int, province: dict) -> dict[str, str]:
    """Each card's text on page 2, read from its own box: from its label down to the cards' foot, from its label's
    left edge to the next card's. `province`: the province's name and its ranks' year (report.brief.province_words)."""
    labels = {k: t(k, n=n_bottom) if k == "card_bottom" else t(k, **province)
              for k in ("card_overall", "card_rank", "card_henan", "card_bottom", "card_median")}
    found = {}
    for key, label in labels.items():
        hits = page.search(re.escape(label.split()[0]) + r"\s*" + r"\s*".join(map(re.escape, label.split()[1:])),
                           regex=True)
        assert hits, f"no card 「{label}」 on page 2"
        found[key] = hits[0]
    lefts = sorted(h["x0"] for h in found.values())
    out = {}
    for key, h in found.items():
        right = next((x for x in lefts if x > h["x0"] + 1), page.width)
        box = page.within_bbox((h["x0"] - 2, h["top"] - 1, right - 2, min(h["top"] + 75, page.height)))
        out[key] = _flat(box.extract_text() or "")
    return out


def _row_text(page, name: str, below: float = 0.0) -> str:
    """The text of the table row where `name` (its first words) begins, the first such line below `below`."""
    head = name.split("（")[0].split(" (")[0]
    words = head.split()[:4] if " " in head else [head[:8]]
    hits = [h for h in page.search(r"\s*".join(map(re.escape, words)), regex=True) if h["top"] > below]
    assert hits, f"no row 「{name}」"
    y = hits[0]["top"]
    return _flat(" ".join(w["text"] for w in page.extract_words() if abs(w["top"] - y) < 2.5))


@pytest.mark.parametrize("name, period", [("zh", "2022Q4"), ("en", "2022Q4"), ("q3", "2022Q3"), ("q3_en", "2022Q3"),
                                          ("q1", "2021Q1"), ("q1_en", "2021Q1")])
def test_each_figure_of_page_two_is_the_json_s_in_its_own_card_and_row(layout_reports, name, period):
    """Page 2 against `score --json`, each figure looked for where it belongs (bt13 14: a margin swapped with another
    passed a search of the whole page): the overall, rank and interval, the province's place and both margins in their
    cards; each condition's margin in its row; each action's points in its line; in both languages, three quarters."""
    import json

    from scorer.i18n import translator
    from scorer.report.brief import province_words
    from tests.conftest import EXAMPLES, run_cli

    done = run_cli("score", EXAMPLES, "--period", period, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    r = data["readiness"]
    lang = "en" if name.endswith("en") else "zh"
    t = translator(lang)
    m = r["margins"]
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        page = pdf.pages[1]
        cards = _card_texts(page, t, m["bottom_n"], province_words(r["province"], lang))
        lo, hi = r["rank"]["interval_5_95"]
        assert fmt.score(data["overall"]["score"] if isinstance(data["overall"], dict) else data["overall"]) \
            in cards["card_overall"], cards["card_overall"]
        assert _flat(t("card_rank_value", rank=r["rank"]["estimate"])) in cards["card_rank"], cards["card_rank"]
        assert _flat(fmt.rank_span(lo, hi, lang)).strip("第名") in cards["card_rank"], cards["card_rank"]
        assert _flat(t("card_henan_value", k=r["province"]["position"])) in cards["card_henan"], cards["card_henan"]
        assert fmt.change(m["to_bottom_line"]) in cards["card_bottom"], cards["card_bottom"]
        assert fmt.change(m["to_median"]) in cards["card_median"], cards["card_median"]
        table_at = page.search(re.escape(t("conditions_title")).replace("\\ ", r"\s*"), regex=True)[0]["top"]
        for c in r["conditions"]:
            if c["margin_points"] is not None:  # in the conditions table, not in the sentence under the actions
                row = _row_text(page, fmt.short_name(c["name_zh"] if lang == "zh" else c["name_en"], lang), table_at)
                assert fmt.change(c["margin_points"]) in row, (c["id"], row)
        text = _flat(page.extract_text() or "")
    w = _Words(layout_reports.run_of(period).result, lang)
    acts = data["actions"]["actions"][:3]
    heads = [_flat(f"{k}. {w.field(a['field'])}") for k, a in enumerate(acts, 1)]
    for k, a in enumerate(acts):
        # the action's line: from its number and statistic to the next action's (the last: to the note under them)
        start = text.index(heads[k])
        end = text.index(heads[k + 1], start) if k + 1 < len(acts) else start + 300
        assert f"+{fmt.points(a['points'])}" in text[start:end], (a["field"], text[start:end])
        assert (f"至第{a['rank_after']}名" if lang == "zh" else f"(to{a['rank_after']})") in text[start:end] or not a["places"]
