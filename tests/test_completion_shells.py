"""Tab completion asked for in a shell typer has none for (cmd.exe on the analyst's PC, dash, sh) is said in the
language in use, with the shells that have it, exit 1, nothing installed (bt15j F5a: "Shell dash is not supported."
in English)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from scorer.cli.help import COMPLETION_SHELLS


@pytest.mark.skipif(shutil.which("dash") is None, reason="no dash here to run scorer from")
def test_completion_in_a_shell_without_it_is_said_in_chinese(tmp_path):
    command = f"{shlex.quote(sys.executable)} -m scorer --install-completion --lang zh"
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(["dash", "-c", command], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "dash 不支持" in done.stderr and "PowerShell" in done.stderr and "not supported" not in done.stdout + done.stderr
    assert not any(tmp_path.iterdir()), list(tmp_path.rglob("*"))


def test_the_shells_named_are_those_typer_installs_for():
    from typer._completion_shared import install

    import inspect

    source = inspect.getsource(install)
    assert all(f'"{shell}"' in source for shell in COMPLETION_SHELLS)
