"""Under the office service nobody types a command: the watcher's lines give advice an analyst at a Windows PC can
follow by moving files in the share (bt15j F2a: two zones' workbooks were answered "or use --zone …")."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES
from scorer.cli.watch import LOG_NAME, Watcher


def test_two_zones_in_the_drop_folder_are_answered_by_moving_files_not_by_an_option(tmp_path, in_chinese):
    import openpyxl

    folder = tmp_path / "收件 箱"
    folder.mkdir()
    mine = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    shutil.copy(mine, folder / mine.name)
    other = folder / "漯河经开区主要统计指标_2022年1-12月.xlsx"
    book = openpyxl.load_workbook(mine)
    for ws in book.worksheets[:2]:
        ws["A1"].value = str(ws["A1"].value).replace("周口经济开发区", "漯河经济开发区")
    book.save(other)
    w = Watcher(folder, tmp_path / "out")
    said = w.poll() + w.poll()
    logged = (folder / LOG_NAME).read_text(encoding="utf-8")
    for text in ("\n".join(said), logged):
        assert "不同园区" in text, text
        assert "--zone" not in text and "移出" in text and folder.name in text, text

