"""What belongs together is on one page (bt13 4): a category's table's last rows and its bar chart (the chart went over to the next
page in 2022Q3), a short table whole (the 统筹协调 head and first row alone at a page foot, five-quarter tables with 2–3
rows over the page), the history table under its chart (--plan-target). Found by laying the report's HTML out
with WeasyPrint and asking on which page each element's boxes fall."""

from __future__ import annotations

import pytest

REPORTS = ["zh", "q3", "q1", "q1_en", "q3_en", "full_target", "full_en"]


def _pages_of(html_path) -> tuple[dict, list]:
    """(element → the set of page numbers its boxes are on, the elements in document order)."""
    from weasyprint import HTML

    from scorer.report.paging import render_balanced

    html = HTML(filename=str(html_path))
    doc = render_balanced(html)  # laid out as write_pdf lays out the PDF
    pages: dict = {}

    def walk(box, number):
        el = getattr(box, "element", None)
        if el is not None:
            pages.setdefault(el, set()).add(number)
        for child in getattr(box, "children", None) or []:
            walk(child, number)

    for number, page in enumerate(doc.pages, 1):
        walk(page._page_box, number)
    return pages, list(html.etree_element.iter())


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


@pytest.mark.parametrize("name", REPORTS)
def test_a_chart_and_its_table_and_a_short_table_stay_on_one_page(layout_reports, name):
    """A category's bar chart is on the page where its table ends (never alone on the next page); a category's table
    of up to five rows, and a table marked whole (the five quarters), on one page; a longer category's table breaks
    with three rows or more on each side; the history table begins on the page of its chart."""
    pages, order = _pages_of(layout_reports[name][1])
    apart = []
    table = None
    trend_chart = None

    parent_of = {child: el for el in order for child in el}  # ElementTree keeps no parents

    def rows_of(el):
        return [r for r in el.iter() if r.tag.split("}")[-1] == "tr" and parent_of[r].tag.split("}")[-1] == "tbody"]

    def text_of(el):
        return " ".join("".join(c.itertext()) for c in el.iter() if c.tag.split("}")[-1] == "td")[:60]

    for el in order:
        tag = el.tag.split("}")[-1]
        if tag == "table" and "data" in _classes(el):
            table = el
            spread = sorted(pages.get(el, ()))
            body = rows_of(el)
            if len(spread) > 1 and ("whole" in _classes(el) or ("cat" in _classes(el) and len(body) <= 5)):
                apart.append(f"a table of {len(body)} rows split over pages {spread}: {text_of(el)}")
            if len(spread) > 1 and "cat" in _classes(el):
                for number in spread:
                    on = sum(1 for r in body if min(pages.get(r, {0})) == number)
                    if on < 3:
                        apart.append(f"{on} row(s) of a category's table alone on page {number}: {text_of(el)}")
            if "with-chart" in _classes(el) and trend_chart is not None and spread \
                    and min(spread) != max(pages[trend_chart]):
                apart.append(f"the history table begins on page {min(spread)}, its chart on {sorted(pages[trend_chart])}")
        if tag == "div" and "chart" in _classes(el) and pages.get(el):
            parent = parent_of[el]
            if "cat-block" in _classes(parent) and table is not None and max(pages[table]) not in pages[el]:
                apart.append(f"a chart on page {sorted(pages[el])}, its table on {sorted(pages[table])}")
            if "keep" in _classes(parent) and any(c.tag.split("}")[-1] == "h2" for c in parent):
                trend_chart = el
    assert not apart, "\n".join(apart)
