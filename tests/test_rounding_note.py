"""bt13j F6: page 2's note that a margin printed from the unrounded scores is not the difference of the two scores as
printed read, in English, "Because of rounding, to bottom-5 line differs by 0.1 …" (the cards' label put in a sentence).
Built here: margins that do and do not add up as printed, in both languages; the English names the margin."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from scorer import fmt
from scorer.report.brief import _rounding
from scorer.report.model import _glued


def _note(lang: str, score: float, bottom: float, median: float, regional: bool = True) -> str:
    t = _glued(lang)
    w = SimpleNamespace(lang=lang, t=t, mid=lambda name: fmt.in_sentence(name, lang),
                        join=lambda items: t("list_sep").join(items))
    r = SimpleNamespace(score=score, bottom_line=bottom, to_bottom_line=score - bottom, median=median,
                        to_median=score - median, regional=regional, bottom_n=5)
    return _rounding(t, r, w)


def test_margins_that_add_up_as_printed_need_no_note():
    assert _note("en", 70.8, 54.7, 66.4) == _note("zh", 70.8, 54.7, 66.4) == ""


@pytest.mark.parametrize("bottom, median, off", [(54.67, 66.4, ["bottom"]), (54.7, 66.36, ["median"]),
                                                  (54.67, 66.36, ["bottom", "median"])])
def test_the_english_note_names_the_margin_in_a_sentence(bottom, median, off):
    # 70.83 − 54.67 = 16.16, printed 16.2, while 70.8 − 54.7 = 16.1 as printed; 70.83 − 66.36 = 4.47 → 4.5 vs 4.4
    en = _note("en", 70.83, bottom, median)
    zh = _note("zh", 70.83, bottom, median)
    assert en.startswith(" Because of rounding, the margin to the "), en
    assert ("the margin to the bottom-5 line" in en) == ("bottom" in off), en
    assert ("the margin to the median" in en) == ("median" in off), en
    assert (" differs by 0.1" in en) == (len(off) == 1) and (" each differ by 0.1" in en) == (len(off) == 2), en
    assert "to bottom-5 line differs" not in en and "To " not in en
    assert zh.startswith("因四舍五入，") and ("距后5名线" in zh) == ("bottom" in off), zh


def test_without_a_regional_line_the_english_note_names_the_peers_median():
    en = _note("en", 70.83, 54.7, 66.36, regional=False)
    assert "the margin to the peers' median differs by 0.1" in en, en


@pytest.mark.parametrize("lang, said", [("zh", "因四舍五入"), ("en", "Because of rounding")])
def test_page_two_says_the_rounding_right_under_the_cards(layout_reports, lang, said):
    """bt12i F3: the note on the cards' margins (+16.2 beside 70.8 and 54.7) followed the three actions' paragraph and
    read as about them; it is the first thing after the cards, before the actions' heading."""
    page = layout_reports[lang][1].read_text(encoding="utf-8")
    cards = page.index('<table class="cards">')
    actions = page.index('<ol class="brief-actions">', cards)
    assert cards < page.index(said, cards) < actions, page[cards:actions][-400:]
    assert page.count(said) == 1
