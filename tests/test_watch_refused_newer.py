"""bt11i F3b: when the newest workbook of a zone is refused, `scorer watch` still writes the latest usable quarter's
report, but says so: its log line and the report (page 2's data-quality box) name the newer workbook, its quarter,
and why it was refused in one line. Before, the previous quarter's report came out as if it were the latest."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from scorer.cli.watch import Watcher
from scorer.messages import set_language
from tests.conftest import EXAMPLES
from tests.test_quality import pdf_text


def _inbox(tmp_path, newest_edit, name="周口经开区主要统计指标_2022年1-12月.xlsx"):
    """The sample's workbooks in an inbox, one (`name`, by default the newest) spoiled by `newest_edit(workbook)`;
    (the inbox, that workbook's path)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, inbox / f.name)
    newest = inbox / name
    wb = openpyxl.load_workbook(newest)
    newest_edit(wb)
    wb.save(newest)
    return inbox, newest


def _text_in_a_number_cell(wb):
    ws = wb.worksheets[0]
    cell = next(c for row in ws.iter_rows(min_row=5, min_col=3, max_col=3) for c in row if isinstance(c.value, (int, float)))
    cell.value = "约16"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_refused_newest_workbook_is_named_in_the_log_and_on_page_2(tmp_path, lang):
    inbox, newest = _inbox(tmp_path, _text_in_a_number_cell)
    set_language(lang)
    try:
        w = Watcher(inbox, tmp_path / "reports", lang=lang)
        w.poll()
        events = w.poll()
    finally:
        set_language(None)
    pdfs = list((tmp_path / "reports").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["周口经济开发区_2022Q3.pdf"], events  # the latest usable quarter, as before
    written = next(e for e in events if "2022Q3.pdf" in e)
    assert newest.name in written and "2022Q4" in written and "约16" in written, written
    assert ("不是最新一期" if lang == "zh" else "not the latest quarter") in written
    page2 = pdf_text(pdfs[0])[1].replace("\n", "")
    assert newest.name.replace("_", "") in page2.replace("_", "").replace("\u2060", "") or "2022年1-12月" in page2
    assert ("不是最新一期" if lang == "zh" else "not of the latest quarter") in page2, page2[:1500]


def test_a_report_of_the_latest_quarter_says_nothing_of_an_older_refused_workbook(tmp_path):
    """Only a newer workbook makes the report 'not the latest': an older quarter's refusal is told in its own line."""
    inbox, older = _inbox(tmp_path, _text_in_a_number_cell, "周口经开区主要统计指标_2021年1-3月.xlsx")
    w = Watcher(inbox, tmp_path / "reports", lang="en")
    w.poll()
    events = w.poll()
    written = next(e for e in events if "2022Q4.pdf" in e)
    assert older.name not in written and "not the latest" not in written
