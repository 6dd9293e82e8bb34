"""A path the system refuses (a folder name over 255 bytes, a path under a folder the user may not enter) is the
user's to fix, said naming the path, exit 1: `Path.exists()` raised on it and every command printed "internal error
(a bug in scorer…)", exit 70 (bt16i F1, F2), the watcher too."""

from __future__ import annotations

import errno

import pytest

from conftest import EXAMPLES, run_cli

LONG = "长" * 90  # 270 bytes in UTF-8: over the 255 a folder's name may have


@pytest.mark.parametrize("args", [
    ("report", EXAMPLES, "-o", "{bad}/r.pdf"),
    ("compare", EXAMPLES, EXAMPLES / "scenarios", "--xlsx", "{bad}/c.xlsx"),
    ("plan", EXAMPLES, "--target", "75", "--scenario", "{bad}/p.yaml"),
    ("template", "-o", "{bad}/t.xlsx", "--period", "2023Q1"),
    ("score", "{bad}/w.xlsx"),
    ("score", EXAMPLES, "--peers", "{bad}/peers.csv"),
    ("compare", EXAMPLES, "{bad}/s.yaml"),
    ("watch", "{bad}", "--max-polls", "1", "--interval", "0.1"),
    ("watch", EXAMPLES, "-o", "{bad}/out", "--max-polls", "1", "--interval", "0.1"),
])
def test_a_path_the_system_refuses_is_said_naming_it(tmp_path, args):
    bad = tmp_path / LONG
    done = run_cli("--lang", "en", *[str(a).format(bad=bad) for a in args])
    text = done.stdout + done.stderr
    assert done.returncode == 1, (done.returncode, text[-800:])
    assert "internal error" not in text and "Traceback" not in text, text[-800:]
    assert LONG in text, text[-800:]


def test_path_refusal_says_only_what_the_system_refused_on_a_path():
    from scorer.messages import path_refusal

    assert path_refusal(OSError(errno.ENAMETOOLONG, "File name too long", "/x/" + LONG)) is not None
    assert path_refusal(PermissionError(errno.EACCES, "Permission denied", "/root/x")) is not None
    # a failing or read-only disk is the environment's, never a bug: said naming the path, with no space to free
    for code in (errno.EIO, errno.EROFS):
        said = str(path_refusal(OSError(code, "I/O error", "/x")))
        assert "/x" in said and "free space" not in said, said
    assert "free space" in str(path_refusal(OSError(errno.ENOSPC, "No space left on device", "/x")))
    assert path_refusal(OSError(errno.EACCES, "Permission denied")) is None  # no path named: not said as one
    assert path_refusal(ValueError("x")) is None


def test_the_watcher_says_an_inbox_gone_as_such_and_goes_on(tmp_path, in_chinese):
    """An inbox removed while watching (a share unmounted, a folder tidied away) was logged as 'a bug in scorer,
    please report it' (bt16i F7): it is said naming the folder, and the next look tries again."""
    import shutil

    from scorer.cli.watch import Watcher

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    w = Watcher(inbox, out)
    w.poll()
    shutil.rmtree(inbox)
    events = w.poll() + w.poll()
    assert events and all(str(inbox) in e and "缺陷" not in e and "bug" not in e for e in events), events  # zh: 缺陷


def test_workbooks_in_sub_folders_are_named_not_passed_over(tmp_path, in_chinese):
    """Workbooks filed by quarter in sub-folders of a folder or of the inbox were passed over without a word (bt15i
    F11): `score` says where they are; the watcher says each such folder once."""
    import shutil

    from scorer.cli.watch import Watcher

    inbox = tmp_path / "in"
    sub = inbox / "2022年 四季度"
    sub.mkdir(parents=True)
    shutil.copy(next(EXAMPLES.glob("*2022年1-12月.xlsx")), sub)
    done = run_cli("--lang", "zh", "score", inbox)
    assert done.returncode == 1 and str(sub) in done.stderr and "子文件夹" in done.stderr, done.stderr
    w = Watcher(inbox, tmp_path / "out")
    first, second = w.poll(), w.poll()
    assert [e for e in first if sub.name in e and "子文件夹" in e] and not [e for e in second if sub.name in e]


def test_a_workbook_too_thin_for_a_report_has_its_warnings_in_the_log_and_its_error_file(tmp_path, in_chinese):
    """A workbook with a few rows filled: the watcher logged '未生成报告：… 请在报表中补上警告所列的统计数' and no warning,
    and wrote no NAME.error.txt (bt15i F3). The warnings it points to are listed, and the workbook's error file holds
    its cells, as when a report is written."""
    import openpyxl

    from scorer.cli.watch import Watcher, error_file

    inbox = tmp_path / "in"
    inbox.mkdir()
    book = inbox / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = openpyxl.load_workbook(next(EXAMPLES.glob("*2022年1-12月.xlsx")))
    for ws in wb.worksheets:  # keep the first three rows of figures of the first sheet, empty every other
        for r, row in enumerate(ws.iter_rows(min_row=1), 1):
            for cell in row[2:]:
                if isinstance(cell.value, (int, float)) and not (ws is wb.worksheets[0] and r <= 6):
                    cell.value = None
    wb.save(book)
    w = Watcher(inbox, tmp_path / "out")
    events = w.poll() + w.poll()
    stop = next(k for k, e in enumerate(events) if "未生成报告：" in e)
    assert "未生成报告： " not in events[stop], events[stop]
    assert any("警告" in e for e in events[stop + 1:]), events
    assert error_file(book).is_file() and "警告" in error_file(book).read_text(encoding="utf-8")


def test_a_row_left_blank_is_told_to_be_filled_not_added(tmp_path, framework):
    """The template says 暂无数据填“—”或留空; a row left blank was told 「请增加一行」, as if it were not there (bt15i F1):
    it is named at its empty cell and told to be filled in. A row that is really absent is still told to be added."""
    import openpyxl

    from scorer.read.template import write_template

    book = tmp_path / "w" / "模板.xlsx"
    book.parent.mkdir()
    write_template(framework, book, "2023Q1", "周口经济开发区", inputs=[])
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    labelled = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value and ws.cell(r, 2).value]
    first = labelled[1]
    ws.cell(first, 3).value = 1234.5  # one figure filled, every other row left blank
    wb.save(book)
    done = run_cli("--lang", "zh", "ingest", book)
    assert "请增加一行" not in done.stderr, done.stderr[:1500]
    blank = [line for line in done.stderr.splitlines() if "未填数" in line]
    assert len(blank) >= 5 and all("单元格 C" in line for line in blank), done.stderr[:1500]
    ws.delete_rows(labelled[2])  # a row taken away: to be added
    wb.save(book)
    assert "请增加一行" in run_cli("--lang", "zh", "ingest", book).stderr


def test_an_inbox_replaced_by_a_file_is_not_read_and_nothing_is_written_above_it(tmp_path, in_chinese):
    """bt16i F7: an inbox replaced by a regular file was read as a workbook, and in.error.txt written in the folder
    above it, outside both folders the user gave."""
    import shutil

    from scorer.cli.watch import Watcher

    inbox = tmp_path / "in"
    inbox.mkdir()
    w = Watcher(inbox, tmp_path / "out")
    w.poll()
    shutil.rmtree(inbox)
    inbox.write_text("x", encoding="utf-8")
    events = w.poll() + w.poll()
    assert "收件文件夹已不是文件夹" in events[0] and not [e for e in events if "缺陷" in e], events  # then: no log there
    assert not (tmp_path / "in.error.txt").exists()


def test_a_folder_with_the_report_s_name_is_to_be_removed_not_a_file_named(tmp_path):
    """bt16i F2: the watcher's hint was report -o's ('name a file inside it, e.g. …/z_2022Q4.pdf/report.pdf'), which
    watch, naming its reports itself, cannot take. It says to remove or rename the folder; then the report is written."""
    import shutil

    from scorer.cli.watch import Watcher
    from scorer.messages import set_language

    set_language("en")
    try:
        inbox, out = tmp_path / "in", tmp_path / "out"
        inbox.mkdir()
        shutil.copy(next(EXAMPLES.glob("*2022年1-12月.xlsx")), inbox)
        blocking = out / "周口经济开发区_2022Q4.pdf"
        blocking.mkdir(parents=True)
        w = Watcher(inbox, out)
        events = w.poll() + w.poll()
        said = [e for e in events if "no report written" in e or "report not updated" in e]
        assert said and "remove or rename that folder" in " ".join(events) and "name a file" not in " ".join(events), events
        blocking.rmdir()
        (inbox / next(inbox.glob("*.xlsx")).name).touch()
        events = w.poll() + w.poll()
        assert blocking.is_file(), events
    finally:
        set_language(None)


def test_the_template_notes_rows_are_as_tall_as_their_wrapped_text(tmp_path, framework):
    """bt15i F8: 填报说明's rows had no height, so a note wrapping to two lines printed over the next (LibreOffice) or
    was clipped (Excel). Each row is set at least a line's height for every line its text wraps to in the column."""
    import openpyxl

    from scorer.fmt import display_width
    from scorer.read.template import write_template

    book = tmp_path / "模板.xlsx"
    write_template(framework, book, "2023Q1", "周口经济开发区", inputs=[])
    ws = openpyxl.load_workbook(book)["填报说明"]
    width = ws.column_dimensions["A"].width
    for r in range(2, ws.max_row + 1):
        text = str(ws.cell(r, 1).value or "")
        lines = -(-display_width(text) // int(width - 4)) if text else 1
        assert ws.cell(r, 1).alignment.wrap_text and (ws.row_dimensions[r].height or 0) >= 15 * lines, (r, lines, text)
