"""The report's pages as a reader sees them: every word inside the page's content box, no two words on
top of each other, no chart label cut off, for the Chinese, English and scenario + uncertainty + plan
reports of the sample (each rendered once per session)."""

from __future__ import annotations

import base64
import re

import pdfplumber
import pytest

MM = 72 / 25.4  # PDF points per millimetre
# templates/report.css: @page { size: A4; margin: 22mm 18mm 20mm 18mm } (top right bottom left)
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 22 * MM, 18 * MM, 20 * MM, 18 * MM
SLACK = 0.6  # points: rounding in the PDF's coordinates, not a visible overflow


def _words(page):
    return page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])


def _describe(w) -> str:
    return f"「{w['text']}」 at x {w['x0']:.1f}–{w['x1']:.1f}, y {w['top']:.1f}–{w['bottom']:.1f}"


def _drawn_over(a, b) -> bool:
    """Two glyphs drawn over each other: their boxes share a third of the smaller one's width and height
    (neighbours in a word only touch; kerning brings them a sliver closer)."""
    dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return dx > 0.3 * min(a["width"], b["width"]) and dy > 0.3 * min(a["height"], b["height"])


def _clashes(page) -> list[str]:
    """Glyphs drawn over other glyphs, compared glyph by glyph: two texts printed over each other on one
    line merge into one 'word', so words alone would not show it. Named by the words they belong to."""
    words = _words(page)

    def word_of(c) -> str:
        for w in words:
            if w["x0"] - 0.1 <= c["x0"] and c["x1"] <= w["x1"] + 0.1 and abs(w["top"] - c["top"]) < 0.5 * c["height"]:
                return w["text"]
        return c["text"]

    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["top"])
    found = []
    for k, a in enumerate(chars):
        for b in chars[k + 1:]:
            if b["top"] > a["bottom"]:
                break
            if _drawn_over(a, b):
                found.append(f"「{a['text']}」 of 「{word_of(a)}」 and 「{b['text']}」 of 「{word_of(b)}」 at x {a['x0']:.1f}, "
                             f"y {a['top']:.1f}")
    return found


@pytest.mark.parametrize("name", ["zh", "en", "full"])
def test_every_word_lies_inside_the_page_content_box(layout_reports, name):
    """Body text inside the margins; running heads and page numbers in their own bands, within the
    left and right margins like the body."""
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        outside = []
        for number, page in enumerate(pdf.pages, 1):
            left, right = MARGIN_LEFT - SLACK, page.width - MARGIN_RIGHT + SLACK
            top, bottom = MARGIN_TOP - SLACK, page.height - MARGIN_BOTTOM + SLACK
            for w in _words(page):
                in_band = w["bottom"] <= top or w["top"] >= bottom  # the header and footer margin boxes
                body_ok = top <= w["top"] and w["bottom"] <= bottom
                if not (left <= w["x0"] and w["x1"] <= right and (body_ok or in_band)) or w["top"] < 0 \
                        or w["bottom"] > page.height:
                    outside.append(f"page {number}: {_describe(w)}")
        assert not outside, "\n".join(outside[:20])


@pytest.mark.parametrize("name", ["zh", "en", "full"])
def test_no_two_words_overlap(layout_reports, name):
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        clashes = [f"page {number}: {c}" for number, page in enumerate(pdf.pages, 1) for c in _clashes(page)]
        assert not clashes, "\n".join(clashes[:20])


def _svgs(html_path) -> list[str]:
    html = html_path.read_text(encoding="utf-8")
    return [base64.b64decode(b).decode("utf-8") for b in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]


def _render_alone(svgs: list[str], out):
    """Each SVG on a page exactly its size (CSS px), through the report's renderer and font."""
    from scorer.report.render import FONT_FILES, FONT_FAMILY, load_weasyprint
    from scorer.resources import fonts_dir

    fonts = "".join(f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(fonts_dir() / f).as_uri()}"); '
                    f'font-weight: {weight}; }}' for f, weight in FONT_FILES)
    pages, body = [], []
    for k, svg in enumerate(svgs):
        width, height = (float(re.search(rf'{d}="([0-9.]+)"', svg).group(1)) for d in ("width", "height"))
        pages.append(f"@page c{k} {{ size: {width}px {height}px; margin: 0 }} .c{k} {{ page: c{k} }}")
        data = base64.b64encode(svg.encode()).decode()
        body.append(f'<div class="c{k}"><img style="display:block" src="data:image/svg+xml;base64,{data}"></div>')
    html = f"<html><head><style>{fonts}body {{ margin: 0 }}{''.join(pages)}</style></head><body>{''.join(body)}</body></html>"
    load_weasyprint()(string=html).write_pdf(out)
    return out


@pytest.mark.parametrize("name", ["zh", "en", "full"])
def test_no_chart_label_is_cut_off_or_on_another(layout_reports, name, tmp_path):
    """Each chart drawn alone on a page of its own size by the report's renderer: every word of it lies on
    that page (a label past the drawing's edge is cut off in the report) and no two words overlap."""
    svgs = _svgs(layout_reports[name][1])
    assert svgs, "the report has no chart"
    pdf_path = _render_alone(svgs, tmp_path / "charts.pdf")
    with pdfplumber.open(pdf_path) as pdf:
        problems = []
        for number, page in enumerate(pdf.pages, 1):
            words = _words(page)
            assert words, f"chart {number} has no text"
            for w in words:
                if w["x0"] < -SLACK or w["x1"] > page.width + SLACK or w["top"] < -SLACK or w["bottom"] > page.height + SLACK:
                    problems.append(f"chart {number} ({page.width:.0f}×{page.height:.0f}): cut off: {_describe(w)}")
            problems += [f"chart {number}: {c}" for c in _clashes(page)]
        assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("name", ["zh", "en", "full"])
def test_no_page_holds_only_what_spilled_from_the_page_before(layout_reports, name):
    """A page that does not open a section (no heading at its top) holds more than a few lines: a note,
    a chart or a table row pushed over by a page that ran a little long leaves the page nearly empty (a
    section that ends early, before the next opens on a new page, is fine)."""
    spilled = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages[1:-1], 2):  # the cover and the last page may be short
            body = [w for w in _words(page) if MARGIN_TOP - SLACK <= w["top"] and w["bottom"] <= page.height - MARGIN_BOTTOM]
            if not body:
                spilled.append(f"page {number}: empty")
                continue
            first = min(body, key=lambda w: w["top"])
            opens_section = first["size"] >= 12  # an h1 (17pt) or h2 (12.5pt) at the top of the page
            images_below = [i for i in page.images if i["top"] >= MARGIN_TOP - SLACK]
            bottom = max([w["bottom"] for w in body] + [i["bottom"] for i in images_below])
            used = (bottom - MARGIN_TOP) / (page.height - MARGIN_TOP - MARGIN_BOTTOM)
            if not opens_section and used < 0.25:
                spilled.append(f"page {number}: {used:.0%} of the page, beginning {_describe(first)}")
    assert not spilled, "\n".join(spilled)


@pytest.mark.parametrize("name", ["zh", "en", "full"])
def test_no_line_ends_between_a_number_and_its_unit(layout_reports, name):
    """48.6亿元 / 4.86 bn yuan never split at a line end (fmt.with_unit joins them: a word joiner in
    Chinese, a no-break space in English). Lines as pdfplumber reads them, page by page."""
    units = re.compile(r"^(万美元|亿美元|万元|亿元|美元|家|个|件|人|起|bn\b|m\b|yuan\b|people\b)")
    split = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            lines = (page.extract_text() or "").splitlines()
            split += [f"page {number}: …{a[-20:]} | {b[:20]}…" for a, b in zip(lines, lines[1:])
                      if re.search(r"\d$", a) and units.match(b.strip())]
    assert not split, "\n".join(split[:10])


@pytest.mark.parametrize("name", ["zh", "full"])
def test_an_amount_of_a_hundred_million_yuan_or_more_is_said_in_yi_yuan(layout_reports, name):
    """One style on every page: 9.65亿元 in the action table and 96,522万元 in the effort table were the same
    figure. 万元 from 1亿 up is said in 亿元, except where the appendix quotes a workbook's own cell
    (its rows name the cell: 表5 › 主要经济指标 › C11)."""
    big = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d{5,})(?:\.\d+)?\s*\u2060?万元")
    found = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            found += [f"page {number}: {line}" for line in (page.extract_text() or "").splitlines()
                      if "›" not in line and big.search(line)]
    assert not found, "\n".join(found[:10])
