"""Counts of single things or people (家, 个, 人, 项) print as whole numbers everywhere in the report: a value
to the nearest one, a gap to reach rounded up (2.5家 short → 3家), by the unit's kind
(scorer.units.counts_single_things), whichever sentence or table prints them. A target (or floor) is printed as
it is scored (6.5家, a mean of counts): a target rounded to 7 beside a score of 92.3 for 6 firms did not add up."""

from __future__ import annotations

import re

import pdfplumber
import pytest

COUNTERS = "家|个|人|项|件|起|户"
# a decimal number and a counter (not 个百分点, not a rate per 万人, not 人次); an average quoted from a source
# (全国区均8.2家, 约6.5家) is a mean of counts, not a count
FRACTIONAL = re.compile(rf"(?:(?<=距目标)|(?<![均约值标\d.,]))(\d[\d,]*\.\d+)\s?\u2060?(?:{COUNTERS})(?!次|百分点|/)")
# the category tables: value, unit, target, gap in cells of their own
CATEGORY_CELLS = re.compile(rf'<td class="num">([^<]*)</td><td class="c">(?:{COUNTERS})</td><td class="num">([^<]*)</td>\s*'
                            r'<td class="num">([^<]*)</td>')


@pytest.mark.parametrize("text", ["城镇新增就业人数 4,826.6人", "提高1家 0.83 1.6家", "距目标0.5个"])
def test_a_fractional_count_is_found(text):
    assert FRACTIONAL.search(text)


@pytest.mark.parametrize("text", ["全国区均8.2家", "约6.5家", "目标6.5家", "目标值6.5家", "提高0.2个百分点", "64.18件/万人", "6.96万人", "1,500人次"])
def test_a_rate_a_mean_or_ten_thousands_is_not_a_fractional_count(text):
    assert not FRACTIONAL.search(text)


@pytest.mark.parametrize("name", ["zh", "full", "q3", "q1"])
def test_no_count_of_things_prints_a_fraction(layout_reports, name):
    pdf_path, html_path = layout_reports[name]
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            found += [f"page {number}: {line}" for line in (page.extract_text() or "").splitlines()
                      if "均" not in line and FRACTIONAL.search(line)]
    html = html_path.read_text(encoding="utf-8")
    cells = CATEGORY_CELLS.findall(html)
    assert cells, "the category tables have counts"
    # value and gap whole; the target (the middle cell) as scored
    found += [f"category table: {cell}" for cell in cells if any(re.search(r"\d\.\d", c) for c in (cell[0], cell[2]))]
    assert not found, "\n".join(found[:10])


def test_a_count_s_target_and_gap_are_what_it_takes_in_whole_things():
    from types import SimpleNamespace

    from scorer import fmt
    from scorer.score.engine import shortfall

    firms = SimpleNamespace(target=6.5, gap_to_target=2.5, unit="家", direction="higher")
    incidents = SimpleNamespace(target=0.5, gap_to_target=0.5, unit="起", direction="lower")
    money = SimpleNamespace(target=6.5, gap_to_target=2.5, unit="亿元", direction="higher")
    assert (fmt.exact(firms.target, "家"), shortfall(firms)) == ("6.5", 3)
    assert (fmt.exact(incidents.target, "起"), shortfall(incidents)) == ("0.5", 1)
    assert (fmt.exact(2.45, "个"), fmt.exact(7.0, "家"), fmt.exact(1234.0, "人")) == ("2.45", "7", "1,234")
    assert (fmt.exact(money.target, "亿元"), shortfall(money)) == (fmt.number(6.5, "亿元"), 2.5)


@pytest.mark.parametrize("period", ["2022Q4", "2021Q1"])
def test_every_target_printed_is_the_target_scored(layout_reports, period):
    """Each category table's target reads back as the target the score was computed against, for every indicator
    and unit, and the category sentences and the appendix print it the same: a count's 6.5家 is not printed 7 (the
    report rounded it up) nor 6 (format's rounding half to even, the terminal)."""
    import datetime as dt

    from scorer import fmt
    from scorer.report.model import ReportInputs, build

    r = layout_reports.run_of(period)
    view = build(r.result, r.panel, ReportInputs("z", {}, True, dt.date(2026, 1, 1)), r.standing, r.verdict, None,
                 r.problems, r.readiness)
    by_id = {i.id: i for i in r.result.indicators}
    rows = [row for c in view["categories"] for row in c["rows"] if by_id[row["id"]].target is not None]
    assert len(rows) >= 20
    for row in rows:
        i = by_id[row["id"]]
        assert row["target"] == fmt.exact(i.target, i.unit), (i.id, row["target"], i.target)
        assert float(row["target"].replace(",", "").replace("−", "-")) == pytest.approx(
            i.target, abs=0.051 * max(1.0, abs(i.target)) if not fmt.exact_digits(i.target, i.unit) else 1e-9), i.id
    assert any(fmt.exact_digits(by_id[row["id"]].target, by_id[row["id"]].unit) for row in rows), \
        "the sample has a count target that is no whole number (6.5家): the test checks something"
