"""Every input is read within a size bound, and the watcher's own files too (bt16j F4, F13): a file as large as the
memory dropped in a shared folder is refused by name before it is read, and the watcher says so and goes on.

The large files are sparse (no disk, no time); the bounds are the real ones."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_cli
from scorer import archives
from scorer.cli.watch import LOG_LIMIT, LOG_NAME, Watcher, error_file
from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.read.ingest import read_workbook
from scorer.score.coinr_table import read_table
from scorer.score.peers import load_peers

SAMPLE = EXAMPLES / "周口经开区主要统计指标_2022年1-12月.xlsx"
GB = 1 << 30


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def _refused(problems, path) -> bool:
    return any(p.code == archives.TOO_LARGE and Path(p.location.file).name == path.name for p in problems)


@pytest.mark.parametrize("name,size", [("周口经开区主要统计指标_2023年1-3月.csv", archives.MAX_CSV_BYTES + 1),
                                       ("big.xlsx", archives.MAX_WORKBOOK_BYTES + 1), ("big.xls", 2 * GB),
                                       ("big.ods", 2 * GB)])
def test_a_workbook_over_its_bound_is_refused_by_name_before_it_is_read(tmp_path, name, size):
    head = b"\xef\xbb\xbf\xe5\x91\xa8\xe5\x8f\xa3,x\n" if name.endswith(".csv") else b"PK\x03\x04"
    path = _sparse(tmp_path / name, size, head)
    start = time.monotonic()
    result = read_workbook(path, load_framework().fields)
    assert _refused(result.problems, path), result.problems
    assert time.monotonic() - start < 5  # not read whole


def test_a_csv_workbook_just_under_its_bound_is_read_as_a_workbook(tmp_path):
    path = tmp_path / "周口经开区主要统计指标_2023年1-3月.csv"
    path.write_text("周口经济开发区2023年1-3月主要经济指标\n指标名称,计量单位,本期\n" + "备注,,\n" * 10, encoding="utf-8")
    result = read_workbook(path, load_framework().fields)
    assert not any(p.code == archives.TOO_LARGE for p in result.problems)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_peer_or_coinr_table_over_its_bound_is_refused_by_name(tmp_path, suffix):
    path = _sparse(tmp_path / f"peers{suffix}", archives.MAX_TABLE_BYTES + 1, b"id,fdi_actual\n")
    for read in (lambda: load_peers(path, load_framework()), lambda: read_table(path, "iData")):
        with pytest.raises(ScorerError) as info:
            read()
        assert _refused(info.value.problems, path)


@pytest.mark.parametrize("lang,words", [("en", "larger than 16 MB"), ("zh", "超过 16 MB")])
def test_ingest_says_the_file_and_the_bound_in_both_languages(tmp_path, lang, words):
    folder = tmp_path / "in"
    folder.mkdir()
    _sparse(folder / "周口经开区主要统计指标_2023年1-3月.csv", GB)
    r = run_cli("ingest", str(folder), "--lang", lang)
    assert r.returncode == 1 and "周口经开区主要统计指标_2023年1-3月.csv" in r.stdout + r.stderr
    assert words in r.stdout + r.stderr and "internal" not in r.stderr and "Traceback" not in r.stderr


def test_a_huge_log_or_error_file_in_the_drop_folder_is_cut_and_the_watcher_goes_on(tmp_path):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / SAMPLE.name)
    big = _sparse(inbox / "big.csv", GB)  # a workbook over its bound
    _sparse(error_file(big), GB)  # and an error file as large as the memory
    _sparse(inbox / LOG_NAME, 3 * GB, b"old line\n")
    w = Watcher(inbox, out, settle=0)
    events = w.poll() + w.poll()
    assert list(out.glob("*.pdf")), events  # the report of the good workbook is written
    log = inbox / LOG_NAME
    assert os.stat(log).st_size < LOG_LIMIT and os.stat(log).st_blocks * 512 < 2 * LOG_LIMIT
    text = log.read_text(encoding="utf-8")
    assert "scorer-watch.log was larger than 8 MB" in text or "scorer-watch.log 超过 8 MB" in text
    assert os.stat(error_file(big)).st_size < 1 << 20 and "big.csv" in error_file(big).read_text(encoding="utf-8")
    assert w.poll() == []  # alive, quiet
