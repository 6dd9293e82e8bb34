"""What belongs together is on one page (bt13 4): a category's table and its bar chart (the chart went over to the next
page in 2022Q3), a short table whole (the 统筹协调 head and first row alone at a page foot, five-quarter tables with 2–3
rows over the page), the history table under its chart (--plan-target). Found by laying the report's HTML out
with WeasyPrint and asking on which page each element's boxes fall."""

from __future__ import annotations

import pytest

REPORTS = ["zh", "q3", "q1", "q1_en", "q3_en", "full_target", "full_en"]


def _pages_of(html_path) -> tuple[dict, list]:
    """(element → the set of page numbers its boxes are on, the elements in document order)."""
    from weasyprint import HTML

    html = HTML(filename=str(html_path))
    doc = html.render()
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
    pages, order = _pages_of(layout_reports[name][1])
    apart = []
    table = None
    for el in order:
        tag = el.tag.split("}")[-1]
        if tag == "table" and "data" in _classes(el):
            table = el
            if "whole" in _classes(el) and len(pages.get(el, ())) > 1:
                rows = sum(1 for r in el.iter() if r.tag.split("}")[-1] == "tr")
                apart.append(f"a table of {rows} rows split over pages {sorted(pages[el])}: "
                             f"{' '.join(''.join(c.itertext()) for c in el.iter() if c.tag.split('}')[-1] == 'td')[:60]}")
        if tag == "div" and "chart" in _classes(el) and table is not None and "whole" in _classes(table):
            if pages.get(el) and max(pages[table]) not in pages[el] and min(pages[el]) != max(pages[table]):
                apart.append(f"a chart on page {sorted(pages[el])}, its table on {sorted(pages[table])}")
    assert not apart, "\n".join(apart)
