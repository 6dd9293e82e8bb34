"""bt13k F1: no text runs out of its table cell into the next, in any table of the sample's reports.

In the English data appendix the unit "10k people" ran 1.3 pt into the next column's "W5 › 科技与园区 › B10": the
project's layout test read words, and pdfplumber's default grouping read the two as one word (`peopleW5`), so no two
words overlapped. This reads the laid-out boxes instead (WeasyPrint's own layout of the report's HTML): every line of
text in a table cell ends within the cell's border box, whatever a PDF word extractor makes of it.
"""

from __future__ import annotations

import pytest

REPORTS = ["zh", "en", "full_en"]  # tests/conftest.py: layout_reports
SLACK = 0.5  # CSS px: rounding, not a visible overflow


def _overflows(html_path) -> list[str]:
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(filename=str(html_path)).render()
    found = []
    for number, page in enumerate(document.pages, 1):
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.border_box_x() + cell.border_width()
            left = cell.border_box_x()
            for box in cell.descendants():
                if isinstance(box, boxes.TextBox) and box.text.strip():
                    end = box.position_x + box.margin_width()
                    if end > right + SLACK or box.position_x < left - SLACK:
                        found.append(f"page {number}: 「{box.text}」 ends at {end:.1f}, its cell at {right:.1f}")
    return found


@pytest.mark.parametrize("name", REPORTS)
def test_no_text_runs_out_of_its_table_cell(layout_reports, name):
    found = _overflows(layout_reports[name][1])
    assert not found, "\n".join(found[:20])
