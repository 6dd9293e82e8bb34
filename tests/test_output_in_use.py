"""An output still open in another program (Windows, simulated): last quarter's report in a PDF reader, the --xlsx
in Excel or WPS. Windows then refuses the rename over it (PermissionError, errno 13, WinError 32 or 5); the folder
is writable (the temporary file was just written in it). Said as the file in use, naming it, with the earlier file
unchanged, never as a permission of the folder (bt15j F15)."""

from __future__ import annotations

import os

import pytest

from conftest import EXAMPLES, run_cli
from scorer import atomic
from scorer.errors import ScorerError

# What CPython raises on Windows when the target of os.replace is open elsewhere; winerror None: the Access-denied
# form (WinError 5), which carries no sharing code.
SIMULATE = """
import os
_replace = os.replace
def replace(src, dst, *a, **k):
    if os.path.exists(dst):
        exc = PermissionError(13, "The process cannot access the file because it is being used by another process",
                              str(dst))
        exc.winerror = {winerror}
        raise exc
    return _replace(src, dst, *a, **k)
os.replace = replace
"""


def _in_use(monkeypatch, winerror):
    real = os.replace

    def replace(src, dst, *a, **k):
        if os.path.exists(dst):
            exc = PermissionError(13, "The process cannot access the file", str(dst))
            exc.winerror = winerror
            raise exc
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("winerror", [32, 33, 5, None])
@pytest.mark.parametrize("write", ["atomic", "streamed"])
def test_an_output_open_elsewhere_is_said_to_be_in_use(tmp_path, monkeypatch, in_chinese, winerror, write):
    out = tmp_path / "季度 报告.pdf"
    out.write_bytes(b"last quarter")
    _in_use(monkeypatch, winerror)
    with pytest.raises(ScorerError) as caught:
        if write == "atomic":
            atomic.write_atomic(out, b"this quarter")
        else:
            with atomic.write_streamed(out) as f:
                f.write(b"this quarter")
    problem = caught.value.problems[0]
    text = f"{problem.message_zh} {problem.hint_zh}"
    assert "打开" in text and "权限" not in text, text
    assert "another program" in str(problem.message) and "permission" not in str(problem.message).lower()
    assert out.name in str(problem.hint) and str(problem.location.file) == str(out)
    assert out.read_bytes() == b"last quarter"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


def test_a_sharing_violation_anywhere_is_said_to_be_in_use(tmp_path):
    exc = PermissionError(13, "in use", str(tmp_path / "a.xlsx"))
    exc.winerror = 32
    problem = atomic.output_error(tmp_path / "a.xlsx", exc).problems[0]
    assert "another program" in str(problem.message)


@pytest.mark.parametrize("args, name", [
    (["compare", EXAMPLES, EXAMPLES / "scenarios" / "外资增长两成.yaml", "--xlsx"], "情景 对比.xlsx"),
    (["report", EXAMPLES, "-o"], "季度 报告.pdf"),
])
def test_the_commands_say_so_in_chinese_and_exit_1(tmp_path, args, name):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SIMULATE.format(winerror=32), encoding="utf-8")
    out = tmp_path / "输出" / name
    out.parent.mkdir()
    out.write_bytes(b"open in Excel")
    env = {**os.environ, "PYTHONPATH": str(site), "LANG": "zh_CN.UTF-8"}
    done = run_cli(*args, out, "--lang", "zh", env=env)
    assert done.returncode == 1, done.stderr
    line = next(x for x in done.stderr.splitlines() if str(out) in x)
    assert "正被其他程序打开" in line and "权限" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_bytes() == b"open in Excel"
    assert not [p for p in out.parent.iterdir() if p.name != name]  # no temporary (nor HTML) left beside it
