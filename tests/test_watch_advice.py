"""Under the office service nobody types a command: the watcher's lines give advice an analyst at a Windows PC can
follow by moving files in the share (bt15j F2a: two zones' workbooks were answered "or use --zone …")."""

from __future__ import annotations

from scorer.cli.watch import LOG_NAME, Watcher
from tests.test_watch_lines import two_zones_inbox


def test_two_zones_in_the_drop_folder_are_answered_by_moving_files_not_by_an_option(tmp_path, in_chinese):
    folder = two_zones_inbox(tmp_path / "收件 箱")
    w = Watcher(folder, tmp_path / "out")
    said = w.poll() + w.poll()
    logged = (folder / LOG_NAME).read_text(encoding="utf-8")
    for text in ("\n".join(said), logged):
        assert "不同园区" in text, text
        assert "--zone" not in text and "移出" in text and folder.name in text, text

