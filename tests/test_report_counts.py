"""Counts of single things or people (家, 个, 人, 项) print as whole numbers everywhere in the report: a value
to the nearest one, a target or a gap to reach rounded up (6.5家 → 7家; 2.5家 short → 3家), by the unit's kind
(scorer.units.counts_single_things), whichever sentence or table prints them."""

from __future__ import annotations

import re

import pdfplumber
import pytest

COUNTERS = "家|个|人|项|件|起|户"
# a decimal number and a counter (not 个百分点, not a rate per 万人, not 人次); an average quoted from a source
# (全国区均8.2家, 约6.5家) is a mean of counts, not a count
FRACTIONAL = re.compile(rf"(?<![均约\d.,])(\d[\d,]*\.\d+)\s?\u2060?(?:{COUNTERS})(?!次|百分点|/)")
# the category tables: value, unit, target, gap in cells of their own
CATEGORY_CELLS = re.compile(rf'<td class="num">([^<]*)</td><td class="c">(?:{COUNTERS})</td><td class="num">([^<]*)</td>\s*'
                            r'<td class="num">([^<]*)</td>')


@pytest.mark.parametrize("text", ["城镇新增就业人数 4,826.6人", "提高1家 0.83 1.6家", "距目标0.5个"])
def test_a_fractional_count_is_found(text):
    assert FRACTIONAL.search(text)


@pytest.mark.parametrize("text", ["全国区均8.2家", "约6.5家", "提高0.2个百分点", "64.18件/万人", "6.96万人", "1,500人次"])
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
    found += [f"category table: {cells}" for cell in cells if any(re.search(r"\d\.\d", c) for c in cell)]
    assert not found, "\n".join(found[:10])


def test_a_count_s_target_and_gap_are_what_it_takes_in_whole_things():
    from types import SimpleNamespace

    from scorer.report.model import shortfall, to_reach

    firms = SimpleNamespace(target=6.5, gap_to_target=2.5, unit="家", direction="higher")
    incidents = SimpleNamespace(target=0.5, gap_to_target=0.5, unit="起", direction="lower")
    money = SimpleNamespace(target=6.5, gap_to_target=2.5, unit="亿元", direction="higher")
    assert (to_reach(firms), shortfall(firms)) == (7, 3)
    assert (to_reach(incidents), shortfall(incidents)) == (0, 1)
    assert (to_reach(money), shortfall(money)) == (6.5, 2.5)
