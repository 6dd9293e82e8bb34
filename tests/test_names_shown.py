"""A file name is shown, never obeyed: a newline, CR or bidi override in a name read from the disk is written
escaped (\\x0a, \\u202e) on the terminal, in errors and in the watcher's log, which keeps one line per event
(bt16g F3: a workbook named "x⏎<time> wrote the report … overall 99.9⏎z.xlsx" forged lines of the log)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scorer.errors import Location
from scorer.messages import msg, shown_name
from tests.conftest import EXAMPLES, run_cli

FORGED = "2026-12-02 00:00:00 wrote the report 周口经济开发区_2023Q1.pdf (2023Q1, overall 99.9)"
# Every kind of character that would start, end, overwrite or reorder a line where a name is shown.
HOSTILE = ["\n", "\r", "\x0b", "\x0c", "\x1b[2J", "\u2028", "\u2029", "\u0085", "\u202e", "\u2066", "\u200f", "\t"]
_RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("char", HOSTILE)
def test_a_path_in_a_message_or_a_place_is_shown_on_one_line(char):
    path = Path(f"a{char}b.xlsx")
    said = msg("cannot use {name}", name=path)
    for text in (str(said), said.zh, Location(file=path, line=3).render("en"), shown_name(path)):
        assert not _RAW.search(text), repr(text)
        assert "a\\x" in text or "a\\u" in text, repr(text)


def test_plain_names_are_shown_as_they_are():
    assert shown_name(Path("周口经开区 2022年1-6月.xlsx")) == "周口经开区 2022年1-6月.xlsx"


def test_a_name_with_newlines_forges_no_line_of_the_watchers_log(tmp_path):
    from scorer.cli.watch import LOG_NAME, Watcher

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    good = sorted(EXAMPLES.glob("*2022年1-6月.xlsx"))[0]
    names = [f"x\n{FORGED}\nz.xlsx", f"y\r{FORGED}\u2028w.xlsx", "\u202eslx.fdp.xlsx"]
    for name in names:
        shutil.copy(good, inbox / name)
    watcher = Watcher(inbox, out)
    shown = watcher.poll() + watcher.poll()
    log = (inbox / LOG_NAME).read_text(encoding="utf-8")
    stamped = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ")
    for line in log.split("\n")[:-1]:
        # an event's own continuation lines (a problem's hint) are indented under it: none passes for an event
        assert stamped.match(line) or line.startswith("    ") and not stamped.match(line.lstrip()), repr(line)
    for line in log.split("\n")[:-1] + [part for event in shown for part in event.split("\n")]:
        assert not _RAW.search(line), repr(line)
        assert not line.lstrip().startswith(FORGED), line
    assert "x\\x0a2026-12-02" in log and "\\u202eslx.fdp.xlsx" in log


def test_a_name_with_newlines_in_an_error_on_the_terminal(tmp_path):
    name = tmp_path / f"a\nFAKE wrote ok.pdf overall 99.9\nb.xlsx"
    done = run_cli("--lang", "en", "ingest", name)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert not any(line.startswith("FAKE") for line in done.stderr.splitlines()), done.stderr
    assert "a\\x0aFAKE" in done.stderr, done.stderr


def test_a_report_named_without_a_zone_says_why(tmp_path):
    """Titles naming no zone: the report is report_PERIOD.pdf, and the log's line says why (bt16g F7b: silently)."""
    import openpyxl

    from scorer.cli.watch import Watcher

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    book = openpyxl.load_workbook(sorted(EXAMPLES.glob("*2022年1-6月.xlsx"))[0])
    for sheet in book.worksheets:
        if isinstance(sheet["A1"].value, str) and "2022年" in sheet["A1"].value:
            sheet["A1"].value = "2022年1-6月主要经济指标"
    book.save(inbox / "数据_2022年1-6月.xlsx")
    watcher = Watcher(inbox, out)
    events = watcher.poll() + watcher.poll()
    line = next(e for e in events if "report_2022Q2.pdf" in e)
    assert "no zone name could be read" in line or "未能从工作簿标题读取园区名称" in line, events
