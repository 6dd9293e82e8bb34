"""The report's pages as a reader sees them: every word inside the page's content box, no two words on
top of each other, no chart label cut off, no page left half blank, no number split from its unit, for the
sample's Chinese and English reports, each with and without scenarios + uncertainty + plan, and its 2022Q3
and 2021Q1 reports (tests/conftest.py: each rendered once per session)."""

from __future__ import annotations

import base64
import re

import pdfplumber
import pytest

MM = 72 / 25.4  # PDF points per millimetre
# templates/report.css: @page { size: A4; margin: 22mm 18mm 20mm 18mm } (top right bottom left)
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 22 * MM, 18 * MM, 20 * MM, 18 * MM
SLACK = 0.6  # points: rounding in the PDF's coordinates, not a visible overflow
REPORTS = ["zh", "en", "full", "full_en", "q3", "q1", "q1_en", "q3_en", "full_target"]  # tests/conftest.py: layout_reports


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


@pytest.mark.parametrize("name", REPORTS)
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


@pytest.mark.parametrize("name", REPORTS)
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


@pytest.mark.parametrize("name", REPORTS)
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


@pytest.mark.parametrize("name", REPORTS)
def test_no_page_holds_only_what_spilled_from_the_page_before(layout_reports, name):
    """A page that does not open a section (no heading at its top) holds more than a few lines: a note,
    a chart or a table row pushed over by a page that ran a little long leaves the page nearly empty (a
    section that ends early, before the next opens on a new page, is fine). The last page too: the
    demo's held one row of the data appendix's table (scorer.report.paging)."""
    spilled = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages[1:], 2):  # the cover may be short
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


def _used(page) -> tuple[float, dict | None]:
    """How far down the page's content box its text and images reach (0–1), and its first body word."""
    body = [w for w in _words(page) if MARGIN_TOP - SLACK <= w["top"] and w["bottom"] <= page.height - MARGIN_BOTTOM]
    images = [i for i in page.images if i["top"] >= MARGIN_TOP - SLACK]
    if not body and not images:
        return 0.0, None
    bottom = max([w["bottom"] for w in body] + [i["bottom"] for i in images])
    first = min(body, key=lambda w: w["top"]) if body else None
    return (bottom - MARGIN_TOP) / (page.height - MARGIN_TOP - MARGIN_BOTTOM), first


@pytest.mark.parametrize("name", REPORTS)
def test_a_page_that_does_not_open_a_chapter_is_at_least_half_full(layout_reports, name):
    """Only a chapter's own first page may be short (a short category); any other page is at least half
    full: the tail of a section is followed on its page by what comes next, not by a forced page break
    (the English 'Data-quality problems' heading and one line alone on a page), and nothing is pushed
    whole onto the next page leaving half a page blank (a chart with its table, a chart below a note)."""
    short = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages[1:-1], 2):  # the cover and the last page may be short
            used, first = _used(page)
            opens_chapter = first is not None and first["size"] >= 16  # an h1 (17pt) at the top of the page
            if not opens_chapter and used < 0.5:
                short.append(f"page {number}: {used:.0%} of the page, beginning "
                             f"{_describe(first) if first else 'with an image'}")
    assert not short, "\n".join(short)


@pytest.mark.parametrize("name", REPORTS)
def test_no_page_ends_more_than_forty_percent_blank(layout_reports, name):
    """2021Q1's short categories (no quarter-by-quarter table yet) each began a page of their own and left
    40–45 % of the page before blank, as did the history page before the appendix: a chapter now follows on
    the page when its heading, first paragraph and the first rows of its table fit (report.css .chapter-break),
    so no page but the cover and the last ends with more than 40 % of it blank."""
    short = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages[1:-1], 2):
            used, first = _used(page)
            if used < 0.6:
                short.append(f"page {number}: {used:.0%} of the page, beginning "
                             f"{_describe(first) if first else 'with an image'}")
    assert not short, "\n".join(short)


def _page_texts(pdf_path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]


def _lang(name: str) -> str:
    return "en" if name.endswith("en") else "zh"


@pytest.mark.parametrize("name", REPORTS)
def test_page_two_keeps_its_box_of_what_is_estimated_or_assumed(layout_reports, name):
    """The brief is one page: its box of what is estimated or assumed was pushed whole onto page 3 in the
    English 2022Q4 and 2021Q1 reports (nine notes), where a director reading page 2 never saw it."""
    from scorer.i18n import TEXT

    texts = _page_texts(layout_reports[name][0])
    title = re.sub(r"\s+", "", TEXT["assumed_title"][_lang(name)])
    assert title in texts[1], f"page 2 of {name} lacks 「{title}」"
    assert title not in texts[2]


@pytest.mark.parametrize("name", REPORTS)
def test_the_henan_benchmark_is_one_page(layout_reports, name):
    """The Henan benchmark (heading, sentence, table, the strip of the region's zones and its caption) is on one
    page: in 2021Q1 the strip went over to the top of the next page, away from its table."""
    from scorer.i18n import TEXT

    texts = _page_texts(layout_reports[name][0])
    province = {"province": "河南" if _lang(name) == "zh" else "Henan", "year": 2023}  # the sample's placed zones
    heading, caption = (re.sub(r"\s+", "", TEXT[k][_lang(name)].format(**province))[:24] for k in ("henan_title", "dist_note"))
    pages = [k for k, text in enumerate(texts) if heading in text]
    assert pages, f"no Henan benchmark in {name}"
    assert caption in texts[pages[0]], f"the Henan strip's caption is not on page {pages[0] + 1} with its heading"


# A number and what belongs to it, split at a line end (line a ends, line b begins): 48.6 | 亿元, 第 | 21名,
# 15— | 27名, 2023年9月 | 底, 1.5 | 个百分点, +1 | 200; in English 4.86 | bn yuan, 3 | points.
_SPLITS = [
    (r"\d$", r"^(?:(?:万|亿|千)?(?:美元|元)|万|亿|个|家|件|人|起|项|户|名|位|倍|分|亩|吨|平方公里|公顷|季度|百分点)(?!均)"
              r"|^(?:年|月|日)(?=\d|底|末|$|[，。；）)、\s])"),  # not a table's next row: 亩均税收
    (r"第$", r"^\d"),
    (r"\d[—–-]$", r"^\d"),
    (r"\d$", r"^[—–][\d第]"),
    (r"\d[年月]$", r"^(?:底|末|初|中旬|上旬|下旬)"),
    (r"[+−]$", r"^\d"),
    (r"\d[,.]?$", r"^[,.]?\d{3}\b"),
    (r"\d$", r"^(?:bn|m|yuan|people|points?|pts|places?|zones?)\b"),
    (r"[≥≤<>]$", r"^[\d+−]|^US\$"),  # ≥ | 1.50bn yuan per km² (bt13 8)
    (r"\S$", r"^\([+−]\)"),  # shortfall | (−)
    (r"[\u4e00-\u9fff]/[万亿千]?$", r"^[\u4e00-\u9fff]"),  # 件/万 | 人, 吨标准煤/ | 万元: a compound unit split
    (r"\d(?:bn|m)$", r"^yuan\b"),  # 4.86bn | yuan
    (r"\d\s?×$", r"^\S"),  # 1,500.49 × | US$10k: a figure of a unit of many (bt13j F2)
    (r"\d$", r"^×\s?(?:US\$)?\d"),  # 1,500.49 | × US$10k
]


def _splits(lines: list[str]) -> list[str]:
    return [f"…{a[-20:]} | {b[:20]}…" for a, b in zip(lines, lines[1:])
            if any(re.search(end, a.rstrip()) and re.search(start, b.lstrip()) for end, start in _SPLITS)]


@pytest.mark.parametrize("lines", [["排名第15—", "27名"], ["排名第", "21名"], ["约4,364", "万美元"], ["2023年9月", "底"],
                                   ["提高0.5", "个百分点"], ["增加+", "1,200万美元"], ["至第21", "名）"], ["up 2", "places"],
                                   ["At least ≥", "1.50bn yuan per km²"], ["Margin (+) or shortfall", "(−)"],
                                   ["（件/万", "人，越高越好）"], ["（吨标准煤/", "万元，越低越好）"], ["4.86bn", "yuan"],
                                   ["1,500.49 ×", "US$10k"], ["48.59", "× 100m yuan"], ["全年值 21,070", "万美元"]])
def test_a_split_number_is_found(lines):
    assert _splits(lines)


@pytest.mark.parametrize("lines", [["税收收入 22.8", "亩均税收 48.9"], ["2023年", "9月底"], ["得分 67.5", "对外开放"]])
def test_a_table_s_next_row_or_a_date_after_its_year_is_not_a_split(lines):
    assert not _splits(lines)


@pytest.mark.parametrize("text", ["全年值 21,070 万美元，", "（75,000 万美元）", "1,558.4 %"])
def test_a_spaced_chinese_unit_is_not_broken_from_its_number(text):
    """bt13j F11: a message writing 21,070 万美元 (a space before the unit) broke at the space in the data-quality list:
    the space becomes a no-break space and the unit one piece."""
    from scorer.fmt import NBSP, WJ, keep_units

    out = keep_units(text)
    assert out.replace(WJ, "").replace(NBSP, " ") == text
    number = re.search(r"\d[\d,.]*", text).group(0)
    after = out[out.index(number) + len(number):]
    assert after[0] == NBSP or text.endswith("%"), repr(out)
    unit = after.lstrip(NBSP + WJ)
    assert "%" in text or unit.startswith(WJ.join("万美元")), repr(out)


@pytest.mark.parametrize("text, piece", [("排名第15—27名，", "第15—27名"), ("至第21名）", "第21名"), ("2023年9月底", "9月底"),
                                         ("提高0.5个百分点。", "0.5个百分点"), ("28.33亿元/平方公里", "28.33亿元/平方公里"),
                                         ("5%—95%区间", "5%—95%"), ("+1,200万美元", "1,200万美元"), ("2024年6月15日", "6月15日"),
                                         ("（件/万人，越高越好）", "件/万人"), ("（吨标准煤/万元，越低越好）", "吨标准煤/万元")])
def test_keep_units_leaves_no_break_inside_a_number_and_its_unit(text, piece):
    """Between any two characters of the piece a word joiner (UAX #14 allows no break at one), or none where
    no break was allowed anyway (inside 28.33, after a %, between 1 and ,200)."""
    from scorer.fmt import WJ, keep_units

    out = keep_units(text)
    assert out.replace(WJ, "") == text
    joined = re.search("".join(re.escape(c) + f"{WJ}?" for c in piece), out).group(0)
    breakable = [(a, b) for a, b in zip(piece, piece[1:]) if not (a.isdigit() and b in ".,%" or a in ".," or b.isdigit() and a.isdigit())]
    assert joined.count(WJ) >= len(breakable), (out, breakable)


@pytest.mark.parametrize("name", REPORTS)
def test_no_line_ends_between_a_number_and_its_unit(layout_reports, name):
    """48.6亿元 / 4.86 bn yuan, 第15—27名, 2023年9月底 never split at a line end (scorer.fmt.keep_units joins
    them as the report's text is written: a word joiner in Chinese, a no-break space in English). Lines as
    pdfplumber reads them, page by page."""
    split = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            split += [f"page {number}: {s}" for s in _splits((page.extract_text() or "").splitlines())]
    assert not split, "\n".join(split[:10])


@pytest.mark.parametrize("name", ["zh", "full", "q3"])
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


# 25.69 bn yuan◇+2.57: a cell's end touching the next cell's sign; 1,506,254 × 10k yuan1,506,254: a figure as
# written kept whole (bt13j F2) running into the converted one
_GLUED = re.compile(r"[A-Za-z◇%][+−]\d|yuan\d|US\$10k\d")


@pytest.mark.parametrize("name", REPORTS)
def test_no_table_cell_runs_into_the_next(layout_reports, name):
    """A figure too wide for its column runs up to the next column's (the English action table's 「25.69 bn
    yuan◇+2.57 bn yuan」, bt13 5): the glyphs touch without overlapping, so pdfplumber reads the two cells as one word.
    No word of the report has a unit, ◇ or % run into a sign and a digit."""
    glued = []
    with pdfplumber.open(layout_reports[name][0]) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            glued += [f"page {number}: {_describe(w)}" for w in _words(page) if _GLUED.search(w["text"])]
    assert not glued, "\n".join(glued[:10])

