"""A workbook taken out of the watched inbox takes its quarter's report with it (bt15i F14): the 2022Q4 report made
from a workbook since removed stayed in reports/ beside the new 2022Q3 one, the latest by its name. It is moved into
reports/已撤回/ (withdrawn/ in English) and the log says so; a report the look writes anew stays."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from scorer.cli.watch import LOG_NAME, WITHDRAWN, Watcher

Q3 = EXAMPLES / "周口经开区主要统计指标_2022年1-9月.xlsx"
Q4 = EXAMPLES / "周口经开区主要统计指标_2022年1-12月.xlsx"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_of_a_removed_workbook_s_quarter_is_moved_aside_and_said(tmp_path, lang):
    from scorer.messages import set_language

    set_language(lang)
    try:
        inbox, out = tmp_path / "in", tmp_path / "out"
        inbox.mkdir()
        for book in (Q3, Q4):
            shutil.copy(book, inbox / book.name)
        w = Watcher(inbox, out, lang=lang)
        w.poll(), w.poll()
        reports = sorted(p.name for p in out.glob("*.pdf"))
        assert len(reports) == 1 and reports[0].endswith("_2022Q4.pdf"), reports
        q4_report = out / reports[0]
        (inbox / Q4.name).unlink()
        said = w.poll()
        assert (out / reports[0].replace("2022Q4", "2022Q3")).is_file(), said  # the report made anew
        assert not q4_report.exists(), "the report of the removed workbook's quarter stays, looking current"
        aside = out / WITHDRAWN[lang] / q4_report.name
        assert aside.is_file()
        words = "已撤回报告" if lang == "zh" else "withdrew the report"
        line = next(x for x in said if words in x)
        assert q4_report.name in line and Q4.name in line and str(aside.parent) in line, line
        assert line in (inbox / LOG_NAME).read_text(encoding="utf-8")
        # the same quarter's report again, then withdrawn again: the earlier one in the folder is kept
        shutil.copy(Q4, inbox / Q4.name)
        w.poll(), w.poll()
        assert q4_report.is_file()
        (inbox / Q4.name).unlink()
        w.poll()
        assert not q4_report.exists() and len(list(aside.parent.glob("*2022Q4*.pdf"))) == 2
    finally:
        set_language(None)


def test_a_removed_workbook_whose_quarter_is_reported_anew_or_never_was_moves_nothing(tmp_path, in_chinese):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    for book in (Q3, Q4):
        shutil.copy(book, inbox / book.name)
    copy = inbox / ("副本 " + Q4.name)  # a second workbook of the same quarter
    shutil.copy(Q4, copy)
    w = Watcher(inbox, out)
    w.poll(), w.poll()
    (inbox / Q3.name).unlink()  # an earlier quarter: no report of its own was written
    copy.unlink()  # the other 2022Q4 workbook still there: the 2022Q4 report is written anew
    said = w.poll()
    assert not any("已撤回" in line for line in said), said
    assert [p.name for p in out.glob("*.pdf")] == [p.name for p in out.glob("*_2022Q4.pdf")] != []
    assert not (out / WITHDRAWN["zh"]).exists()


def test_the_readmes_chinese_server_section_says_where_a_withdrawn_report_goes():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## 办公室服务器"):readme.index("## Using it")]
    assert f"reports/{WITHDRAWN['zh']}/" in section and "--settle" in section


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_withdrawal_folder_that_is_a_link_or_a_file_never_takes_the_report_out_nor_leaves_it(tmp_path, kind):
    """bt16k F6: reports/已撤回 a link to a folder elsewhere moved the withdrawn report outside the output folder; a file
    of that name left it in place, looking current, with a raw EEXIST."""
    inbox, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    inbox.mkdir()
    out.mkdir()
    elsewhere.mkdir()
    for book in (Q3, Q4):
        shutil.copy(book, inbox / book.name)
    w = Watcher(inbox, out, lang="en")
    w.poll(), w.poll()
    q4_report = next(out.glob("*_2022Q4.pdf"))
    if kind == "link":
        (out / WITHDRAWN["en"]).symlink_to(elsewhere, target_is_directory=True)
    else:
        (out / WITHDRAWN["en"]).write_text("not a folder", encoding="utf-8")
    (inbox / Q4.name).unlink()
    said = w.poll()
    assert not q4_report.exists(), said  # not left looking current
    assert not list(elsewhere.iterdir())  # nothing written outside the output folder
    renamed = [p for p in out.glob("*2022Q4*.pdf")]
    assert len(renamed) == 1 and WITHDRAWN["en"] in renamed[0].name, renamed
    line = next(x for x in said if "withdrew the report" in x)
    assert "not a folder" in line and "EEXIST" not in " ".join(said), said
