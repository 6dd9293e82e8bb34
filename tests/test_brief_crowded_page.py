"""Page 2 stays one page when the overall is not comparable (i12b, bt12g §8): with doubtful data, the red paragraphs
and the data-quality box (whose causes ran several lines each) pushed the cards, the actions, the conditions table
and the box of what is assumed onto pages 3 and 4. Built here: the sample with its 进出口 rows marked 万元 over
亿元 figures (tests.conftest.slipped_sample), reported in Chinese and English."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from tests.conftest import run_cli, slipped_sample


def _pages(pdf_path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [re.sub(r"\s+", "", page.extract_text() or "") for page in pdf.pages]


@pytest.fixture(scope="module")
def slipped(tmp_path_factory):
    return slipped_sample(tmp_path_factory.mktemp("slipped") / "data")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_two_of_a_doubtful_overall_is_one_page(slipped, tmp_path, lang):
    from scorer.i18n import TEXT

    out = tmp_path / f"r_{lang}.pdf"
    done = run_cli("report", slipped, "-o", out, "--lang", lang)
    assert done.returncode == 0, done.stderr
    pages = _pages(out)
    two, three = pages[1], pages[2]
    flat = {k: re.sub(r"\s+", "", TEXT[k][lang]) for k in ("quality_box_title", "assumed_title", "conditions_title",
                                                          "actions_title")}
    for key in ("quality_box_title", "actions_title", "conditions_title", "assumed_title"):
        assert flat[key] in two, f"page 2 ({lang}) lacks 「{flat[key]}」"
    assert flat["assumed_title"] not in three and flat["conditions_title"] not in three
    # the box on page 2 names the doubtful indicators and refers to the list at the end for the causes
    assert ("进出口总额" if lang == "zh" else "Totalimportsandexports") in two
    assert re.sub(r"\s+", "", TEXT["quality_list_title"][lang]) in two
