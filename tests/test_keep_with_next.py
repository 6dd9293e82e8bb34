"""bt13j F1: a section's heading never stands at a page foot without what it heads (情景对比 / Scenarios and its
one-line lead at mid-page, the scenario table on the next page). Built here: a scenario with a long name, beside the
sample's, in the English and Chinese reports (the case that broke)."""

from __future__ import annotations

import datetime as dt

import pdfplumber
import pytest

from tests.conftest import EXAMPLES

MM = 72 / 25.4
TOP, BOTTOM = 22 * MM, 20 * MM  # templates/report.css @page margins
HEADING = 10.4  # h3 is 10.5pt, body text 9.5pt (templates/report.css)
LONG = "年内引进两家外资制造业龙头企业并同步扩大加工贸易规模的综合提升方案"


def orphaned_headings(pdf_path) -> list[str]:
    """Headings (bold, h3 size or more) with at most two lines of text under them at their page's foot while the next
    page goes on with body text (the section carried over without its heading)."""
    found = []
    with pdfplumber.open(pdf_path) as pdf:
        pages = []
        for page in pdf.pages:
            words = [w for w in page.extract_words(extra_attrs=["size", "fontname"])
                     if TOP < w["top"] < page.height - BOTTOM]
            pages.append(words)
        for n, words in enumerate(pages[:-1]):
            heads = [w for w in words if w["size"] >= HEADING and "Bold" in w["fontname"]]
            if not heads or not pages[n + 1]:
                continue
            last = max(heads, key=lambda w: w["top"])
            below = {round(w["top"]) for w in words if w["top"] > last["bottom"] + 1}
            first_next = min(pages[n + 1], key=lambda w: w["top"])
            if len(below) <= 2 and not (first_next["size"] >= HEADING and "Bold" in first_next["fontname"]):
                found.append(f"page {n + 1}: 「{last['text']}」 with {len(below)} line(s) under it")
    return found


@pytest.fixture(scope="module")
def long_scenario_report(sample_run, tmp_path_factory):
    from scorer.pipeline import analyse, report

    folder = tmp_path_factory.mktemp("longscen")
    scen = folder / "long.yaml"
    scen.write_text(f"name: {LONG}\ndescription: 引进两家外资制造业龙头企业，同时扩大加工贸易。\nfields:\n"
                    "  fdi_actual: +1200 万美元\n  trade_total: +8 亿元\n  exports: +6 亿元\n", encoding="utf-8")
    scenarios = [scen] + sorted((EXAMPLES / "scenarios").glob("*.yaml"))
    out = {}
    for lang in ("en", "zh"):
        out[lang] = folder / f"{lang}.pdf"
        report(sample_run, out[lang], today=dt.date(2026, 11, 25), lang=lang,
               analyses=analyse(sample_run, scenarios=scenarios))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_heading_is_left_at_a_page_foot(long_scenario_report, lang):
    assert not orphaned_headings(long_scenario_report[lang])


def test_the_orphan_check_finds_a_heading_left_at_a_page_foot(tmp_path):
    """The check itself: a heading and its lead pushed to a page foot by a spacer, the text it heads on the next page."""
    from weasyprint import HTML

    html = ("<style>@page { size: A4; margin: 22mm 18mm 20mm 18mm } h2 { font-size: 12.5pt; font-weight: bold; "
            "break-after: auto } p { font-size: 9.5pt }</style><div style='height: 235mm'></div><h2>Scenarios</h2>"
            "<p>lead</p><div style='break-before: page'><p>the table</p></div>")
    HTML(string=html, base_url=str(tmp_path)).write_pdf(tmp_path / "o.pdf")
    assert orphaned_headings(tmp_path / "o.pdf")
