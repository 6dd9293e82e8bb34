"""A report the watcher could not write is tried again once the cause is gone (bt16k F1: after a folder in the report's
place was removed, or the reports folder made writable again, the report with the old figures stayed in reports/
while the service ran on, until a restart)."""

from __future__ import annotations

import shutil

from scorer.cli import watch as watch_module
from scorer.cli.watch import Watcher
from tests.conftest import EXAMPLES


def test_a_report_blocked_by_a_folder_of_its_name_is_written_once_the_folder_is_gone(tmp_path, monkeypatch):
    inbox, out = tmp_path / "inbox", tmp_path / "reports"
    inbox.mkdir()
    out.mkdir()
    for p in sorted(EXAMPLES.glob("*2022年*.xlsx")):
        shutil.copy(p, inbox / p.name)
    (out / "周口经济开发区_2022Q4.pdf").mkdir()  # in the report's place
    monkeypatch.setattr(watch_module, "RETRY_EVERY", 0.0)
    w = Watcher(inbox, out)
    w.poll()
    first = w.poll()  # the workbooks settled: read, scored, the report refused by the folder in its place
    assert any("a folder has the report's name" in e for e in first), first
    assert w.pending is not None
    assert w.poll() == []  # the same cause: not said again at every look
    (out / "周口经济开发区_2022Q4.pdf").rmdir()
    again = w.poll()  # nothing new in the inbox: the pending report is tried again, and written
    assert (out / "周口经济开发区_2022Q4.pdf").is_file(), again
    assert w.pending is None and w.poll() == []
