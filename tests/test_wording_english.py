"""English style of the report (bt13 10): a number agrees with its noun (1 percentage point, 1 quarter), no Chinese
full-width brackets in English (71.5（+0.7）), no command-line options in the report's text (--land-use-2024), and
US$2.5bn as the formatter writes dollars (the rules wrote US$2.5 bn)."""

from __future__ import annotations

import re

import pdfplumber
import pytest

from scorer.report.model import _Words


def _text(pdf_path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


_FAULTS = [
    (r"(?<![\d.,])1\s+(?:percentage points|quarters|places|points)\b", "1 with a plural noun"),
    (r"\(s\)", "a noun with (s)"),
    (r"[（）]", "a full-width bracket"),
    (r"(?<![\w-])--[a-z]", "a command-line option"),
    (r"US\$\d+(?:\.\d+)?\s+(?:m|bn)\b", "US$2.5 bn (the report's style: US$2.5bn)"),
]


@pytest.mark.parametrize("name", ["en", "full_en", "q1_en"])
def test_the_english_report_keeps_one_style(layout_reports, name):
    text = _text(layout_reports[name][0])
    found = [f"{why}: …{text[max(0, m.start() - 30):m.end() + 10]!r}…" for pattern, why in _FAULTS
             for m in re.finditer(pattern, text)]
    # the zone's own name, the workbooks' and sheets' names and the scenarios' texts are the user's, in Chinese
    found = [f for f in found if not re.search(r"[\u4e00-\u9fff]", f.split(": ", 1)[1]) or "bracket" not in f]
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("name", ["zh", "full"])
def test_no_report_names_a_command_line_option(layout_reports, name):
    text = _text(layout_reports[name][0])
    assert not re.search(r"(?<![\w-])--[a-z]", text), re.search(r".{0,30}--[a-z].{0,20}", text).group(0)


def test_a_step_of_one_takes_the_singular(sample_run):
    w = _Words(sample_run.result, "en")
    assert w.step(1, "%").replace("\u00a0", " ") == "1 percentage point"
    assert w.step(0.5, "%").replace("\u00a0", " ") == "0.5 percentage points"
    assert w.amount(25, "亿美元") == "US$2.5bn"
