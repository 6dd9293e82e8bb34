"""When a workbook's NAME.error.txt cannot be written, the watcher's line does not send the analyst to a file
(bt16k F8: a read-only inbox's line said "(see scorer-watch.log in the same folder)", a log that, as the next line
said, could not be written there either): it says the file could not be written, and the problems follow."""

from __future__ import annotations

import os
import stat

import pytest

from scorer.cli.watch import LOG_NAME, Watcher, error_file


def _bad_workbook(inbox):
    bad = inbox / "坏表.xlsx"
    bad.write_bytes(b"not a workbook at all, just text\n" * 4)
    return bad


def _lines(watcher) -> str:
    return "\n".join(watcher.poll() + watcher.poll())


def test_a_folder_at_the_error_file_s_name_is_said_and_no_file_is_pointed_to(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    bad = _bad_workbook(inbox)
    error_file(bad).mkdir()  # the error file's name taken by a folder
    said = _lines(Watcher(inbox, tmp_path / "out"))
    line = next(x for x in said.splitlines() if "坏表.xlsx" in x and "cannot use" in x.replace("无法使用", "cannot use"))
    assert error_file(bad).name in line and "see " not in line and "同一文件夹" not in line, line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_inbox_does_not_point_to_its_own_log(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _bad_workbook(inbox)
    inbox.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        said = _lines(Watcher(inbox, tmp_path / "out"))
    finally:
        inbox.chmod(stat.S_IRWXU)
    assert LOG_NAME not in next(x for x in said.splitlines() if "坏表.xlsx" in x), said
