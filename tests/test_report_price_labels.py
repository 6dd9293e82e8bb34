"""A growth rate's price basis wherever its figure is shown (bt13 11): 地区生产总值增长率（现价） in the category table
only, while the five-quarter table, the bar chart and the one-step table gave the same figures under the bare name."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from scorer.report.model import _Words


@pytest.mark.parametrize("name", ["zh", "en", "q3"])
def test_every_figure_of_a_growth_rate_carries_its_price_basis(layout_reports, name):
    """Every line of the PDF on which such an indicator's name is followed by a figure (a table row, a chart label,
    a step: 7.2, 93.8, 提高0.8个百分点, increase of 0.8) has its price basis right after the name. The appendix's
    definition (地区生产总值增长率（%，越高越好）) and page 2's sentence (…为现价增速) are not figures of it."""
    lang = "en" if name.endswith("en") else "zh"
    period = {"q3": "2022Q3"}.get(name, "2022Q4")
    run = layout_reports.run_of(period)
    w = _Words(run.result, lang)
    based = [(w.name(i), w.t(f"price_{i.price_basis}").strip()) for i in run.result.indicators if i.price_basis]
    assert based, "the sample's GDP growth is at current prices: the case this test is for"
    bare = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for line in (page.extract_text() or "").splitlines():
                for label, basis in based:
                    for m in re.finditer(re.escape(label), line):
                        rest = line[m.end():]
                        if re.match(r"\s+(?:[\d+−◇]|提高|降低|increase|reduction)", rest) and not rest.strip().startswith(basis):
                            bare.append(f"page {number}: {line}")
    assert not bare, "\n".join(bare[:10])
