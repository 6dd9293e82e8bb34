"""Signals around the moment outputs are renamed into place (issue 16, break test 08:35).

- Two files that belong together (import-coinr's framework.yaml + data.csv, `peers build`'s table + its
  sidecar YAML) are replaced as a pair: a SIGTERM between the two renames left a new one beside an old one.
- A run stopped after an output was renamed into place says that the file was written in full (it said
  only 已终止, as if nothing had been written).
- Once the command is done (its "wrote …" line printed), a signal no longer changes the outcome: it was
  said as 已终止 with exit 143, or, during Python's shutdown, killed the process silently (-15).
- Once the command's last outputs are in place (scorer.atomic.finishing), a signal no longer stops it either:
  a SIGTERM between the last rename and the end (the "wrote …" line, the warnings) said 已终止 and exit 143
  with the report complete; the command now finishes, says the signal came after every output was
  written, and exits 0. A signal before the last output is in place still stops it (143, naming what was).

A signal is sent from inside the process at the exact moment (os.replace wrapped), not by timing."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from scorer import atomic

COINR = Path(__file__).parent / "data" / "coinr-asem"

# `scorer ARGS` with os.replace wrapped in scorer.atomic: after the N-th rename into FOLDER, SIGTERM to itself.
_AFTER_RENAME = """
import os, signal, sys
import scorer.atomic as atomic
real, count, after, folder = atomic.os.replace, [0], int(sys.argv[1]), os.path.realpath(sys.argv[2])
class _Os:
    def __getattr__(self, name):
        return getattr(os, name)
    def replace(self, *args):
        real(*args)
        if os.path.dirname(os.path.realpath(args[1])) == folder:  # renames into the test's folder only
            count[0] += 1
            if count[0] == after:
                os.kill(os.getpid(), signal.SIGTERM)
atomic.os = _Os()
from scorer.cli.main import main
sys.argv = ['scorer', *sys.argv[3:]]
main()
"""


def _run_killed_after_rename(after: int, folder: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _AFTER_RENAME, str(after), str(folder), *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


def _old_pair(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("OLD\n", encoding="utf-8")


def test_import_coinr_replaces_its_two_files_as_a_pair_under_sigterm(tmp_path):
    out = tmp_path / "out"
    _old_pair(out, "framework.yaml", "data.csv")
    done = _run_killed_after_rename(1, out, "import-coinr", COINR / "ASEM_iMeta.csv", COINR / "ASEM_iData.csv",
                                    "-o", out, "--lang", "en")
    # the SIGTERM after the first rename was held back until the second was done: both are new, and with its
    # last outputs in place the command finished (exit 0), saying the signal came after they were written
    assert done.returncode == 0, done.stderr[-2000:]
    assert (out / "framework.yaml").read_text(encoding="utf-8") != "OLD\n"
    assert (out / "data.csv").read_text(encoding="utf-8-sig") != "OLD\n"
    assert "SIGTERM came once every output was written in full" in done.stderr and "wrote" in done.stdout
    assert str(out / "framework.yaml") in done.stderr and str(out / "data.csv") in done.stderr
    assert not list(out.glob(".*.tmp"))


def test_peers_build_replaces_its_table_and_sidecar_as_a_pair_under_sigterm(tmp_path):
    target = tmp_path / "peers.csv"
    _old_pair(tmp_path, "peers.csv", "peers.yaml")
    done = _run_killed_after_rename(1, tmp_path, "peers", "build", "--year", "2023", "-o", target, "--lang", "zh")
    assert done.returncode == 0, done.stderr[-2000:]
    assert target.read_text(encoding="utf-8-sig") != "OLD\n"
    assert target.with_suffix(".yaml").read_text(encoding="utf-8") != "OLD\n"
    said = done.stderr.split("时全部输出已完整写出（", 1)[1].split("）")[0]
    assert said == f"{target}, {target.with_suffix('.yaml')}", said  # not the trial copies since removed
    assert "SIGTERM" in done.stderr and "已终止" not in done.stderr


def test_a_report_signalled_once_its_output_is_in_place_finishes(tmp_path):
    """SIGTERM right after the report's rename (before its "wrote" line): it finishes, says so, exit 0."""
    out = tmp_path / "r.pdf"
    done = _run_killed_after_rename(1, tmp_path, "report", EXAMPLES, "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "SIGTERM came once every output was written in full" in done.stderr and str(out) in done.stderr
    assert f"wrote {out}" in done.stdout  # its last line printed: the command went to its end
    assert out.read_bytes().startswith(b"%PDF") and out.read_bytes().rstrip().endswith(b"%%EOF")
    assert not list(tmp_path.glob(".*.tmp"))


# `scorer ARGS` that sends itself SIGTERM (or SIGINT) when its stdout is given the "wrote" line: the point
# between the outputs being in place and the command's end.
_AT_WROTE = """
import os, signal, sys
sig = getattr(signal, sys.argv[1])
class _Out:
    def __init__(self, stream):
        self.stream = stream
    def __getattr__(self, name):
        return getattr(self.stream, name)
    def write(self, text):
        n = self.stream.write(text)
        if "wrote" in text:
            self.stream.flush()
            os.kill(os.getpid(), sig)
        return n
sys.stdout = _Out(sys.stdout)
from scorer.cli import entry
sys.argv = ['scorer', *sys.argv[2:]]
entry.main()
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_a_signal_at_the_wrote_line_lets_the_command_finish(tmp_path, sig):
    out = tmp_path / "t.xlsx"
    done = subprocess.run([sys.executable, "-c", _AT_WROTE, sig, "template", "-o", out, "--period", "2023Q1",
                           "--lang", "en"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert f"{sig} came once every output was written in full ({out})" in done.stderr
    assert "terminated" not in done.stderr and "interrupted" not in done.stderr and out.exists()


def test_a_signal_between_two_outputs_stops_the_command_naming_the_first(tmp_path):
    """plan --xlsx --scenario writes two outputs one after the other: a SIGTERM after the first rename stops it
    (143, the first named as complete); after the second, the command finishes (0)."""
    xlsx, scenario = tmp_path / "p.xlsx", tmp_path / "p.yaml"
    args = ("plan", EXAMPLES, "--target", "75", "--xlsx", xlsx, "--scenario", scenario, "--lang", "en")
    first = _run_killed_after_rename(1, tmp_path, *args)
    assert first.returncode == 143, first.stderr[-2000:]
    assert f"written in full before it stopped: {xlsx}" in first.stderr and not scenario.exists()
    second = _run_killed_after_rename(2, tmp_path, *args)
    assert second.returncode == 0, second.stderr[-2000:]
    assert f"SIGTERM came once every output was written in full ({xlsx}, {scenario})" in second.stderr


def test_a_run_stopped_before_writing_names_no_file(tmp_path):
    """A SIGTERM while the temporary file is written (before any rename) names nothing as written."""
    code = ("import os, signal, sys\nimport scorer.atomic as atomic\n"
            "class _Os:\n    def __getattr__(self, name):\n        return getattr(os, name)\n"
            "    def fsync(self, fd):\n        os.fsync(fd)\n        os.kill(os.getpid(), signal.SIGTERM)\n"
            "atomic.os = _Os()\nfrom scorer.cli.main import main\nsys.argv = ['scorer', *sys.argv[3:]]\nmain()\n")
    done = subprocess.run([sys.executable, "-c", code, "1", tmp_path, "template", "-o", tmp_path / "u.xlsx", "--period",
                           "2023Q1"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 143 and "written" not in done.stderr and "写出" not in done.stderr, done.stderr
    assert not (tmp_path / "u.xlsx").exists() and not list(tmp_path.glob(".*.tmp"))


def test_a_signal_once_the_command_is_done_leaves_its_exit_code(tmp_path):
    """After the command returns (its last line printed), SIGTERM — even during Python's shutdown, once
    CPython has reset handlers to the default — neither says 已终止 nor kills the process."""
    code = ("import atexit, os, signal, sys\n"
            "atexit.register(lambda: os.kill(os.getpid(), signal.SIGTERM))\n"
            "from scorer.cli import entry\n"
            "sys.argv = ['scorer', 'template', '-o', sys.argv[1], '--period', '2023Q1']\n"
            "try:\n    entry.main()\nfinally:\n    os.kill(os.getpid(), signal.SIGTERM)\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.xlsx")], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert "已终止" not in done.stderr and (tmp_path / "t.xlsx").exists()


def test_write_together_writes_nothing_when_one_of_the_files_fails(tmp_path):
    from scorer.errors import ScorerError

    (tmp_path / "a.yaml").write_text("OLD", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(ScorerError):
        atomic.write_together([(tmp_path / "a.yaml", "NEW"), (tmp_path / "blocked" / "b.csv", "NEW")])
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8") == "OLD"
    assert not list(tmp_path.glob(".*.tmp"))


def test_held_signals_deliver_after_the_block(monkeypatch):
    class Stop(BaseException):
        pass

    def stop(signum, frame):
        raise Stop(signum)

    before = signal.signal(signal.SIGTERM, stop)
    try:
        order = []
        with pytest.raises(Stop):
            with atomic.held_signals():
                signal.raise_signal(signal.SIGTERM)
                order.append("block finished")
        assert order == ["block finished"]
        assert signal.getsignal(signal.SIGTERM) is stop
    finally:
        signal.signal(signal.SIGTERM, before)
