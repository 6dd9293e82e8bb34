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


def test_a_long_figure_as_written_widens_its_column_and_stays_in_it(tmp_path):
    """The kind behind 630,698.73吨标准煤 (bt13k F1, Chinese data appendix): a figure written to many decimals in a
    long unit, in a workbook the test writes, is held by its column in the laid-out report."""
    import shutil

    import openpyxl

    from tests.conftest import EXAMPLES, run_cli

    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "README.md"))
    book = folder / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["主要经济指标"]
    ws["C16"] = 630698.7312345  # 规上工业综合能源消费量, 吨标准煤: 630,698.7312吨标准煤 as written
    ws["B19"], ws["C19"] = "万吨", 16.99899312  # 一般工业固体废物产生量 in 万吨, eight decimals
    wb.save(book)
    html = tmp_path / "zh.html"
    done = run_cli("report", folder, "--lang", "zh", "--format", "html", "-o", html)
    assert done.returncode == 0, done.stderr
    assert "630,698.7312\u2060吨标准煤" in html.read_text(encoding="utf-8")  # ten significant digits
    found = _overflows(html)
    assert not found, "\n".join(found[:20])


def test_a_figure_too_long_for_the_line_wraps_within_its_column():
    """A unit tens of characters long cannot widen its column past the line: the columns still fit the 174 mm
    line (the cell's column keeps 26 mm) and the figure as written is let wrap inside its own."""
    from scorer.report.provenance import source_columns

    short = source_columns([{"written": "48.59亿元", "value": "485,900", "unit": "万元"}], "zh")
    assert short["widths"][1:] == [33.0, 25.0, 19.0, 17.0] and not short["wrap"]
    assert short["widths"][0] == 174 - sum(short["widths"][1:]) - 26  # the name takes what the cell's column leaves
    long = source_columns([{"written": "1,234,567.891234" + "标准煤" * 12, "value": "1,234,567.89", "unit": "吨"}], "zh")
    assert long["wrap"] and sum(long["widths"]) <= 174 - 26
    wide = source_columns([{"written": "1,234,567,890.123456吨标准煤吨标准煤", "value": "1", "unit": "吨标准煤",
                            "source": "W5 › 主要经济指标 › C16"}], "en")
    # the statistic's column gives up width (31 → at least 26 mm) so that the cell's keeps its place on one line
    assert not wide["wrap"] and wide["widths"][2] > 45 and 26 <= wide["widths"][0] < 31
    assert 174 - sum(wide["widths"]) >= 26
