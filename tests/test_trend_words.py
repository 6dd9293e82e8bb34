"""A change in score points reads the same on every line of the report (bt13: the summary card said 较上季度↑ +1.3分,
each category's score line 较上季↑+0.1 without its unit): one writer, scorer.report.brief.trend_words."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from scorer.report.brief import trend_words


@pytest.mark.parametrize("lang, unit", [("zh", "分"), ("en", " pts")])
def test_a_change_has_its_arrow_its_sign_and_its_unit_or_a_dash(lang, unit):
    w = SimpleNamespace(t=lambda key: {"points_unit": unit}[key])
    assert trend_words("↑", "+1.3", w) == f"↑ +1.3{unit}"
    assert trend_words("", "—", w) == "—"  # no earlier score: no arrow, no unit after a dash


@pytest.mark.parametrize("name", ["q3", "q3_en"])
def test_every_quarter_on_quarter_change_in_the_html_is_written_alike(layout_reports, name):
    html = layout_reports[name][1].read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html).replace("\u2060", "").replace("\xa0", " ")  # joiners kept lines whole
    said = "较上季度" if name == "q3" else "vs previous quarter"
    after = re.findall(re.escape(said) + r"\s*([^　·\n]{0,14})", text)
    assert len(after) >= 5, after  # the five categories (and the Chinese card)
    form = re.compile(r"^(—|[↑↓→] [+−-]?\d+\.\d(分| pts))")
    assert all(form.match(a.strip()) for a in after), after
