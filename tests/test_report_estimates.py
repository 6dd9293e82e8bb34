"""Before the fourth quarter a flow's figure is a full-year estimate from the months so far: every page that prints
one marks it (◇) and says what the mark means (the 2021Q1 category page printed 实际使用外资 1,424 with no word
that it was an estimate: the five-quarter table whose note says so is left out when one quarter is listed)."""

from __future__ import annotations

import html as htmlmod
import re

import pdfplumber
import pytest

from scorer.score.panel import ESTIMATED

MARKED = re.compile(r"\d◇")


@pytest.mark.parametrize("name, period", [("q1", "2021Q1"), ("q3", "2022Q3")])
def test_every_page_with_a_full_year_estimate_says_it_is_one(layout_reports, name, period):
    estimated = [i for i in layout_reports.run_of(period).result.indicators if i.annual_method in ESTIMATED]
    assert estimated, "flows are estimated before the fourth quarter"
    unexplained, marked_pages = [], 0
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            text = re.sub(r"\s", "", page.extract_text() or "")
            if MARKED.search(text):
                marked_pages += 1
                if "◇为推算全年值" not in text:
                    unexplained.append(f"page {number}")
    assert marked_pages >= 2 and not unexplained, unexplained  # category pages and the effort table
    page = htmlmod.unescape(layout_reports[name][1].read_text(encoding="utf-8"))
    for i in estimated:  # each estimated figure of the category tables carries the mark
        row = re.search(rf"<span class=\"light \w+\"></span> {re.escape(i.name_zh)}(?:<[^>]*>[^<]*)*?</td>\s*"
                        r"<td class=\"num\">([^<]*)</td>", page)
        assert row and row.group(1).endswith("◇"), (i.name_zh, row and row.group(1))


def test_the_fourth_quarter_s_actual_year_is_not_marked(layout_reports):
    with pdfplumber.open(layout_reports["zh"][0]) as pdf:
        assert not any(MARKED.search(page.extract_text() or "") for page in pdf.pages)
