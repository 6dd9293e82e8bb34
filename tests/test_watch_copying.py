"""`scorer watch` does not read a workbook whose copy stalled longer than a look (bt15i F6): a copy over a slow share
looks settled (same size and time on two looks) while cut short, and was said as "无法使用 … zip 压缩包已损坏" with an
error file, though the README promises a half-copied file is not read. A workbook that does not open and looks cut
short (a zip without its end, a compound file broken off, zero bytes at its end, nothing yet) is waited for while
young, said once as such, and read when whole; past the settle period it is said unusable as before. The clock is
the test's: no sleeping."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from scorer.cli.watch import LOG_NAME, Watcher, error_file
from tests.workbooks import full_tables, write_xls

SAMPLE = EXAMPLES / "周口经开区主要统计指标_2022年1-9月.xlsx"


def _xlsx(folder: Path) -> Path:
    return Path(shutil.copy(SAMPLE, folder / "whole.xlsx"))


def _xls(folder: Path, framework) -> Path:
    sheets, merges = full_tables(framework.fields)
    return write_xls(folder / "周口经开区_2022年1-6月.xls", sheets, merges)


def _cut(whole: bytes, kind: str) -> bytes:
    """What a copy in progress leaves: the first part, the first part then zeros up to the full size (Windows Explorer
    over SMB sets the size first), or nothing yet."""
    return {"head": whole[:len(whole) // 3], "zeros": whole[:len(whole) // 2] + bytes(len(whole) - len(whole) // 2),
            "empty": b""}[kind]


def _log(folder: Path) -> str:
    path = folder / LOG_NAME
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("book", ["xlsx", "xls"])
@pytest.mark.parametrize("kind", ["head", "zeros", "empty"])
def test_a_stalled_copy_is_waited_for_then_read_when_whole(tmp_path, framework, in_chinese, book, kind):
    source = tmp_path / "source"
    source.mkdir()
    whole = (_xlsx(source) if book == "xlsx" else _xls(source, framework)).read_bytes()
    inbox = tmp_path / "in"
    inbox.mkdir()
    target = inbox / ("慢慢 复制." + book)
    target.write_bytes(_cut(whole, kind))
    clock = [time.time()]
    w = Watcher(inbox, tmp_path / "out", settle=60, clock=lambda: clock[0])
    said = w.poll() + w.poll() + w.poll()  # the same size on two looks: a copy stalled longer than a look
    assert sum("等待复制完成" in line and target.name in line for line in said) == 1, said  # said once
    assert not any("无法使用" in line for line in said), said
    assert not error_file(target).exists()
    assert "无法使用" not in _log(inbox) and "等待复制完成" in _log(inbox)
    clock[0] += 30  # still young
    assert not any("无法使用" in line for line in w.poll())
    target.write_bytes(whole)  # the copy completes
    said = w.poll() + w.poll()
    assert any(f"已读取 {target.name}" in line for line in said), said
    assert not error_file(target).exists() and "无法使用" not in _log(inbox)


@pytest.mark.parametrize("kind", ["head", "zeros"])
def test_past_the_settle_period_a_cut_short_workbook_is_said_unusable(tmp_path, in_chinese, kind):
    inbox = tmp_path / "in"
    inbox.mkdir()
    target = inbox / "断了.xlsx"
    target.write_bytes(_cut(SAMPLE.read_bytes(), kind))
    clock = [time.time()]
    w = Watcher(inbox, tmp_path / "out", settle=60, clock=lambda: clock[0])
    assert not any("无法使用" in line for line in w.poll() + w.poll())
    clock[0] += 61  # the file has not changed for longer than the settle period
    said = w.poll()
    assert any("无法使用" in line and target.name in line for line in said), said
    assert error_file(target).exists()


def test_an_old_cut_short_file_and_a_file_that_is_no_workbook_are_said_at_once(tmp_path, in_chinese):
    """Only a young file that looks cut short is waited for: text saved as .xlsx is no copy in progress."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    text = inbox / "文本.xlsx"
    text.write_bytes(b"not a workbook at all, plain text")
    old = inbox / "旧的.xlsx"
    old.write_bytes(SAMPLE.read_bytes()[:4000])
    w = Watcher(inbox, tmp_path / "out", settle=0)  # --settle 0: nothing is waited for
    said = w.poll() + w.poll()
    assert any("无法使用" in line and old.name in line for line in said), said
    w2 = Watcher(inbox, tmp_path / "out2", settle=60)
    said = w2.poll() + w2.poll()
    assert any("无法使用" in line and text.name in line for line in said), said
    assert not any("等待复制完成" in line and text.name in line for line in said), said


def test_a_replacement_being_copied_over_a_good_workbook_does_not_break_the_report(tmp_path, in_chinese):
    """The workbook read before stays out of the report while its replacement is cut short (the run would read the
    half-copied bytes when another workbook arrives)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    book = Path(shutil.copy(SAMPLE, inbox / SAMPLE.name))
    clock = [time.time()]
    w = Watcher(inbox, tmp_path / "out", settle=60, clock=lambda: clock[0])
    w.poll(), w.poll()
    book.write_bytes(SAMPLE.read_bytes()[:5000])
    w.poll(), w.poll()
    other = EXAMPLES / "周口经开区主要统计指标_2022年1-6月.xlsx"
    shutil.copy(other, inbox / other.name)
    said = w.poll() + w.poll()
    assert any("已生成报告" in line and "2022Q2" in line for line in said), said
    assert not any("未生成报告" in line or "无法使用" in line for line in said), said


def test_the_watcher_says_its_wait_in_english_too(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "half.xlsx").write_bytes(SAMPLE.read_bytes()[:3000])
    done = run_cli("watch", inbox, "-o", tmp_path / "out", "--interval", "0.05", "--max-polls", "3", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "waiting for half.xlsx to finish copying" in done.stdout and "cannot use" not in done.stdout, done.stdout
    done = run_cli("watch", inbox, "-o", tmp_path / "out", "--interval", "0.05", "--max-polls", "3", "--lang", "zh",
                   "--settle", "0")
    assert "无法使用 half.xlsx" in done.stdout, done.stdout


def test_a_copy_that_stalls_twice_is_waited_for_each_time(tmp_path, in_chinese):
    """The settle period counts from the copy's last progress: two stalls of 40 s (80 s in all) are no unusable file."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    target = inbox / "两次停顿.xlsx"
    whole = SAMPLE.read_bytes()
    target.write_bytes(whole[:3000])
    clock = [time.time()]
    w = Watcher(inbox, tmp_path / "out", settle=60, clock=lambda: clock[0])
    said = w.poll() + w.poll()
    clock[0] += 40
    target.write_bytes(whole[:9000])  # the copy moves on, then stalls again
    os.utime(target, (clock[0], clock[0]))  # written at the test's time
    said += w.poll() + w.poll()
    clock[0] += 40
    said += w.poll()
    assert not any("无法使用" in line for line in said) and not error_file(target).exists(), said
    assert sum("等待复制完成" in line for line in said) == 1, said
