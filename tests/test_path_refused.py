"""A path the system refuses (a folder name over 255 bytes, a path under a folder the user may not enter) is the
user's to fix, said naming the path, exit 1: `Path.exists()` raised on it and every command printed "internal error
(a bug in scorer…)", exit 70 (bt16i F1, F2), the watcher too."""

from __future__ import annotations

import errno

import pytest

from conftest import EXAMPLES, run_cli

LONG = "长" * 90  # 270 bytes in UTF-8: over the 255 a folder's name may have


@pytest.mark.parametrize("args", [
    ("report", EXAMPLES, "-o", "{bad}/r.pdf"),
    ("compare", EXAMPLES, EXAMPLES / "scenarios", "--xlsx", "{bad}/c.xlsx"),
    ("plan", EXAMPLES, "--target", "75", "--scenario", "{bad}/p.yaml"),
    ("template", "-o", "{bad}/t.xlsx", "--period", "2023Q1"),
    ("score", "{bad}/w.xlsx"),
    ("score", EXAMPLES, "--peers", "{bad}/peers.csv"),
    ("compare", EXAMPLES, "{bad}/s.yaml"),
    ("watch", "{bad}", "--max-polls", "1", "--interval", "0.1"),
    ("watch", EXAMPLES, "-o", "{bad}/out", "--max-polls", "1", "--interval", "0.1"),
])
def test_a_path_the_system_refuses_is_said_naming_it(tmp_path, args):
    bad = tmp_path / LONG
    done = run_cli("--lang", "en", *[str(a).format(bad=bad) for a in args])
    text = done.stdout + done.stderr
    assert done.returncode == 1, (done.returncode, text[-800:])
    assert "internal error" not in text and "Traceback" not in text, text[-800:]
    assert LONG in text, text[-800:]


def test_path_refusal_says_only_what_the_system_refused_on_a_path():
    from scorer.messages import path_refusal

    assert path_refusal(OSError(errno.ENAMETOOLONG, "File name too long", "/x/" + LONG)) is not None
    assert path_refusal(PermissionError(errno.EACCES, "Permission denied", "/root/x")) is not None
    assert path_refusal(OSError(errno.EIO, "I/O error", "/x")) is None  # not the user's path to fix
    assert path_refusal(OSError(errno.EACCES, "Permission denied")) is None  # no path named: not said as one
    assert path_refusal(ValueError("x")) is None
