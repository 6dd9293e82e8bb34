"""The run's environment refusing a write (a full disk, a file-size limit, a read-only or failing disk) anywhere,
the temporary folder WeasyPrint writes its fonts to included, is said naming the place and the cause, exit 1,
never "internal error" (bt16j F0); the watcher logs it and goes on. A text option holding a control or invisible
format character is a usage error (bt16j F15), never an internal error. Each case builds its fault itself."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_cli
from scorer.cli.watch import Watcher
from scorer.messages import path_refusal, tr

SAMPLE = EXAMPLES / "周口经开区主要统计指标_2022年1-12月.xlsx"
KINDS = [errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO]


@pytest.mark.parametrize("code", KINDS)
@pytest.mark.parametrize("name", ["/somewhere/font.otf", None])
def test_every_write_the_system_refuses_is_said_with_its_place(code, name, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # TMPDIR read again
    exc = OSError(code, os.strerror(code), name) if name else OSError(code, os.strerror(code))
    said = path_refusal(exc)
    assert said is not None
    text = tr(said)
    assert (name or str(tmp_path)) in text and "TMPDIR" in text


def _limited(blocks: int):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (blocks * 1024, blocks * 1024))
    return limit


@pytest.mark.parametrize("lang,words", [("en", "file-size limit"), ("zh", "文件大小上限")])
def test_report_under_a_file_size_limit_is_the_environment_not_a_bug(tmp_path, lang, words):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "SCORER_DEBUG": ""}
    r = subprocess.run([sys.executable, "-m", "scorer", "report", str(EXAMPLES), "-o", str(tmp_path / "r.pdf"),
                        "--lang", lang], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
                       preexec_fn=_limited(64))  # 64 kB: WeasyPrint's font files in TMPDIR are larger
    assert r.returncode == 1, r.stderr
    assert "internal" not in r.stderr and "内部错误" not in r.stderr and "Traceback" not in r.stderr
    assert words in r.stderr and "TMPDIR" in r.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_the_watcher_logs_a_refused_write_as_the_environment_and_goes_on(tmp_path, monkeypatch):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / SAMPLE.name)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("scorer.pipeline.report", full)
    w = Watcher(inbox, tmp_path / "out", settle=0)
    events = w.poll() + w.poll()
    said = " ".join(events)
    assert "bug" not in said and "缺陷" not in said and "TMPDIR" in said, events
    assert w.poll() == []  # alive


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\n", "\x85", "\u202e", "\u2066", "\u200f", "\u2028"])
@pytest.mark.parametrize("command", [["template", "--period", "2023Q1", "-o", "{tmp}/x.xlsx"], ["score", str(EXAMPLES)],
                                     ["report", str(EXAMPLES), "-o", "{tmp}/r.pdf"]])
def test_a_zone_option_with_a_control_or_format_character_is_a_usage_error(tmp_path, char, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    for lang in ("en", "zh"):
        r = run_cli(*args, "--zone", f"周口{char}经开区", "--lang", lang)
        assert r.returncode == 2, r.stderr
        assert f"U+{ord(char):04X}" in r.stderr and "internal" not in r.stderr and "内部错误" not in r.stderr
    assert not any(tmp_path.iterdir())
