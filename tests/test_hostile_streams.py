"""Faults around the process rather than its inputs (issue 16, break test bt16d F6, F7, F9): standard output
on a full disk or closed, signals ignored by whoever started scorer (nohup), a read-only disk. Each was an
internal error (exit 70), a killed watcher or a wrong cause."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import EXAMPLES, ROOT

SCORER = [sys.executable, "-m", "scorer"]


def _run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*SCORER, *map(str, args)], cwd=ROOT, stderr=subprocess.PIPE, text=True, timeout=300, **kw)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("args", [("score", EXAMPLES, "--json"),
                                  ("compare", EXAMPLES, EXAMPLES / "scenarios" / "外贸扩量.yaml", "--csv")])
def test_standard_output_on_a_full_disk_is_said_naming_it_and_the_cause(args):
    with open("/dev/full", "w") as full:
        done = _run(*args, "--lang", "en", stdout=full)
    assert done.returncode == 1, done.stderr
    assert "cannot write to standard output: the disk is full" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_a_closed_standard_output_is_said_and_no_file_takes_its_place(tmp_path):
    done = _run("score", EXAMPLES, "--json", "--lang", "en", stdout=None, preexec_fn=lambda: os.close(1))
    assert done.returncode == 1 and "standard output: it is closed" in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def _watch_then_signal(tmp_path, sig: int, preexec_fn=None, stops: bool = False) -> int | None:
    """Start `scorer watch` on an empty folder, send it `sig` once it has started; its exit code (`stops`: waited
    for), or three seconds later (None: still running, then stopped with SIGTERM, whose exit code must be 143)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    proc = subprocess.Popen([*SCORER, "watch", inbox, "-o", tmp_path / "out", "--interval", "0.2", "--lang", "zh"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec_fn)
    try:
        assert "开始监视" in proc.stdout.readline()  # started, its handlers in place (after its timestamp)
        proc.send_signal(sig)
        try:
            return proc.wait(timeout=120 if stops else 3)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 143
            return None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_a_signal_ignored_when_scorer_starts_stays_ignored_so_nohup_works(tmp_path):
    """`nohup scorer watch … &` ignores SIGHUP: the watcher must outlive the terminal; SIGTERM still stops it (143,
    a clean stop for the systemd unit: SuccessExitStatus, tests/test_deploy.py)."""
    assert _watch_then_signal(tmp_path, signal.SIGHUP, lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) is None


def test_sighup_still_stops_a_command_started_without_nohup(tmp_path):
    assert _watch_then_signal(tmp_path, signal.SIGHUP, stops=True) == 129


def test_a_read_only_disk_is_named_as_such_not_as_a_missing_permission(tmp_path, monkeypatch):
    """os.access cannot tell why a folder is not writable; the file system's flags can (statvfs ST_RDONLY)."""
    from scorer import atomic
    from scorer.errors import ScorerError

    monkeypatch.setattr(atomic.os, "access", lambda *a, **k: False)
    monkeypatch.setattr(atomic.os, "statvfs", lambda p: SimpleNamespace(f_flag=os.ST_RDONLY))
    with pytest.raises(ScorerError) as caught:
        atomic.check_writable(tmp_path / "r.pdf")
    assert "read-only file system" in caught.value.problems[0].message
    monkeypatch.setattr(atomic.os, "statvfs", lambda p: SimpleNamespace(f_flag=0))
    with pytest.raises(ScorerError) as caught:
        atomic.check_writable(tmp_path / "r.pdf")
    assert "no permission" in caught.value.problems[0].message
