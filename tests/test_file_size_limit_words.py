"""A file-size limit (ulimit -f, EFBIG) is said one way wherever the write was refused: the cause named (this run's
limit first), labelled `error:`, the advice on a `hint:` line (bt16k F7: an --export said "too large for this file
system … write to another disk", and a report's temporary font file said it right but without the labels)."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys


from conftest import EXAMPLES, ROOT


def _limited(args, cwd, blocks: int, env=None):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (blocks * 1024, resource.RLIM_INFINITY))

    return subprocess.run([sys.executable, "-m", "scorer", *map(str, args), "--lang", "en"], cwd=cwd, env=env,
                          capture_output=True, text=True, preexec_fn=limit, timeout=600)


def _said_alike(done, path_word: str):
    assert done.returncode == 1, (done.returncode, done.stderr)
    lines = [x for x in done.stderr.splitlines() if x.strip()]
    error = next(i for i, x in enumerate(lines) if ": error: " in x or x.startswith("error: "))
    assert "ulimit -f" in lines[error] and path_word in lines[error], done.stderr
    assert lines[error + 1].strip().startswith("hint:") and "ulimit -f" in lines[error + 1], done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_an_export_over_the_limit_is_said_with_the_run_s_limit(tmp_path):
    workbook = tmp_path / "W.xlsx"
    shutil.copy(sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0], workbook)
    done = _limited(["uncertainty", workbook, "--draws", "200", "--seed", "1", "--export", tmp_path / "big.csv"],
                    ROOT, 5)
    _said_alike(done, "big.csv")
    assert not (tmp_path / "big.csv").exists()


def test_a_temporary_file_over_the_limit_is_said_the_same_way(tmp_path):
    import os

    tmp = tmp_path / "tmpx"
    tmp.mkdir()
    done = _limited(["report", EXAMPLES, "-o", tmp_path / "big.pdf"], ROOT, 50, env={**os.environ, "TMPDIR": str(tmp)})
    _said_alike(done, "tmpx")
