"""bt13j F19: no text runs over a page-2 card's border. "doubtful at lowest: 61.5" (now "at worst: 61.5") kept on one
line (the flag style's nowrap) ran over the English card's right border, which word-overlap and content-box checks cannot see (the border is
a rule, not a word). Built here: the slipped sample (doubtful figures, conftest.slipped_sample), English and Chinese;
every text box of a card inside the card's box, by WeasyPrint's own layout."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import slipped_sample


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    from scorer.pipeline import run

    return run([slipped_sample(tmp_path_factory.mktemp("slipped19"))])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_card_text_stays_inside_its_card(slipped, tmp_path, lang):
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    from scorer.pipeline import report

    html = tmp_path / f"r-{lang}.html"
    report(slipped, html, fmt="html", today=dt.date(2026, 12, 1), lang=lang)
    doc = HTML(filename=str(html)).render()
    out, cards = [], 0
    for page in doc.pages[:3]:
        tables = [b for b in page._page_box.descendants() if isinstance(b, boxes.TableBox) and b.element is not None
                  and "cards" in (b.element.get("class") or "").split()]
        for box in (c for t in tables for c in t.descendants() if isinstance(c, boxes.TableCellBox)):
            cards += 1
            right = box.border_box_x() + box.border_width() - box.border_right_width
            for text in box.descendants():
                if isinstance(text, boxes.TextBox) and text.text.strip():
                    if text.position_x + text.width > right + 0.5:
                        out.append(f"「{text.text}」 ends at {text.position_x + text.width:.1f}, card at {right:.1f}")
    assert cards, "page 2 must have its cards"
    assert not out, out
