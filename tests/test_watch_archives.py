"""Workbooks arrive zipped by e-mail: an archive dropped into the watched folder is said once in the log, with what
to do (bt15j F11a: a .zip was passed over without a word), and nothing in it is read."""

from __future__ import annotations

import zipfile

import pytest

from conftest import EXAMPLES
from scorer.cli.watch import Watcher


@pytest.mark.parametrize("name", ["报表.zip", "周口 报表.ZIP", "报表.rar", "报表.7z"])
def test_an_archive_in_the_drop_folder_is_said_once(tmp_path, in_chinese, name):
    folder, reports = tmp_path / "inbox", tmp_path / "reports"
    folder.mkdir()
    book = next(EXAMPLES.glob("*.xlsx"))
    with zipfile.ZipFile(folder / name, "w") as z:  # a zip's bytes for every name: the suffix is what is looked at
        z.write(book, book.name)
    w = Watcher(folder, reports)
    said = w.poll() + w.poll() + w.poll()
    lines = [x for x in said if name in x]
    assert len(lines) == 1 and "压缩包" in lines[0] and "解压" in lines[0], said
    assert not any("已读取" in x for x in said), said
    (folder / name).unlink()
    again = folder / ("另一份" + name)
    again.write_bytes(b"PK\x05\x06" + bytes(18))
    assert [x for x in w.poll() if again.name in x and "压缩包" in x]
