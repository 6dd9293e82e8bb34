"""Where the report's pages break: a table's tail never alone on a page, a note with its table, each page headed by
the chapter at its top, the running header on one line whatever the zone's name."""

from __future__ import annotations

import datetime as dt
import re

import pdfplumber
import pytest

from tests.test_report_layout import MARGIN_LEFT, MARGIN_TOP, MM, REPORTS, _words


def _document(body: str, css: str = "", report_css: bool = False):
    """`body` laid out on small pages (100 × 120 mm, 10 mm margins), with the report's stylesheet if asked."""
    from weasyprint import HTML

    from scorer.resources import templates_dir

    sheet = (templates_dir() / "report.css").read_text(encoding="utf-8").split("/* Cover */")[1] if report_css else ""
    page = "@page { size: 100mm 120mm; margin: 10mm; } body { margin: 0 }"
    return HTML(string=f"<html><head><style>{sheet}{page}{css}</style></head><body>{body}</body></html>")


def _table(rows: int, cls: str = "") -> str:
    body = "".join(f"<tr><td>row {k}</td></tr>" for k in range(rows))
    return f'<table class="{cls}"><thead><tr><th>H</th></tr></thead><tbody>{body}</tbody></table>'


_ROWS = "td { height: 8mm; padding: 0; border: 0 } table { border-collapse: collapse }"


def _fills(document) -> list[float]:
    from scorer.report.paging import page_fill

    return [page_fill(p._page_box) for p in document.pages]


@pytest.mark.parametrize("rows", [11, 12])
def test_a_table_s_last_rows_alone_on_a_page_are_joined_by_rows_from_the_page_before(rows):
    """Eleven rows fill the first page: the twelfth alone (or the 13th with it) on the last page left it ~90 %
    blank; laid out again, the last page holds enough rows and the page before stays well filled."""
    from scorer.report.paging import AIM, SHORT, render_balanced

    html = _document("<p>Intro</p>" + _table(rows), _ROWS)
    plain = _fills(html.render())
    assert len(plain) == 2 and plain[-1] < SHORT, plain  # the case this is about
    balanced = _fills(render_balanced(_document("<p>Intro</p>" + _table(rows), _ROWS)))
    assert len(balanced) == 2 and balanced[-1] >= AIM and balanced[0] >= 0.5, balanced


def test_a_table_that_ends_well_down_its_last_page_is_left_as_it_is():
    from scorer.report.paging import render_balanced

    plain = _fills(_document("<p>Intro</p>" + _table(16), _ROWS).render())
    assert _fills(render_balanced(_document("<p>Intro</p>" + _table(16), _ROWS))) == plain


def _page_of(document, text: str) -> int:
    from weasyprint.formatting_structure import boxes

    for number, page in enumerate(document.pages):
        if any(isinstance(b, boxes.TextBox) and text in b.text for b in page._page_box.descendants()):
            return number
    raise AssertionError(f"{text} not laid out")


@pytest.mark.parametrize("rows", range(9, 13))
def test_the_report_s_note_under_a_table_goes_over_the_page_with_the_table_s_last_rows(rows):
    """The note under a table is its caption: by the report's stylesheet it is never the first thing on a page
    (the demo's page 10 opened with the five-quarter table's note, its table on page 9), and a table's last
    row never goes over alone."""
    document = _document("<p>Intro</p>" + _table(rows, "data") + '<p class="note">THE NOTE</p>', _ROWS,
                         report_css=True).render()
    page = _page_of(document, "THE NOTE")
    last_rows = [_page_of(document, f"row {k}") for k in range(rows - 3, rows)]
    assert last_rows == [page] * 3, (rows, last_rows, page)


@pytest.mark.parametrize("name", REPORTS)
def test_each_page_is_headed_by_the_chapter_at_its_top(layout_reports, name):
    """The running header names the chapter whose text the page opens with: the 2021Q1 report's page with the
    end of 五、发展质量 was headed 升级条件与提升重点 (the next chapter, begun lower on that page)."""
    wrong = []
    chapter = None
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages[1:], 2):
            words = _words(page)
            body = sorted((w for w in words if w["top"] >= MARGIN_TOP - 0.6), key=lambda w: (w["top"], w["x0"]))
            # h1 at 17pt from the left margin: a chapter's title (page 2's figures, 17pt too, sit inside their cards)
            tops = sorted({round(w["top"]) for w in body if w["size"] >= 16 and w["x0"] < MARGIN_LEFT + 1})
            heads = ["".join(w["text"] for w in body if w["size"] >= 16 and round(w["top"]) == top) for top in tops]
            at_top = tops and body and tops[0] - body[0]["top"] < 1
            expected = heads[0] if at_top else chapter
            band = sorted((w for w in words if w["bottom"] < MARGIN_TOP), key=lambda w: w["x0"])
            header = "".join(w["text"] for w in band)  # the zone and the report's title, then the chapter's
            if expected is not None and not header.endswith(expected):
                wrong.append(f"page {number}: headed 「{header}」, opens in 「{expected}」")
            if heads:
                chapter = heads[-1]
    assert not wrong, "\n".join(wrong)


def test_a_long_zone_name_takes_one_line_of_the_running_header_and_stays_whole_on_the_title_page(
        layout_reports, tmp_path):
    """A 200-character zone name took four lines of the running header, over the page's text."""
    from scorer.pipeline import report

    zone = "周口市川汇区沙颍河经济技术开发区" * 12 + "管委会"
    out = tmp_path / "long.pdf"
    report(layout_reports.run_of("2022Q4"), out, zone=zone, today=dt.date(2026, 11, 25))
    with pdfplumber.open(out) as pdf:
        cover = re.sub(r"\s", "", pdf.pages[0].extract_text())
        assert zone in cover
        for number, page in enumerate(pdf.pages[1:], 2):
            band = [w for w in _words(page) if w["bottom"] < MARGIN_TOP]
            lines = {round(w["top"]) for w in band}
            assert len(lines) == 1, (number, lines)
            assert max(w["x1"] for w in band) <= page.width - 18 * MM + 0.6
            left = [w for w in band if w["x1"] < page.width * 0.75]
            assert "…" in "".join(w["text"] for w in left), band


@pytest.mark.parametrize("text, width, expected", [("周口经济开发区", 40, "周口经济开发区"), ("长" * 30, 10, "长" * 4 + "…"),
                                                   ("Zhoukou ETDZ", 8, "Zhoukou…"), ("", 5, "")])
def test_clip_cuts_a_text_to_its_width_with_an_ellipsis(text, width, expected):
    from scorer.fmt import clip, display_width

    assert clip(text, width) == expected and display_width(clip(text, width)) <= width
