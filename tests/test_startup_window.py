"""Ctrl-C while Python starts (bt16h F2): while CPython imports `site` no handler of ours exists, and a SIGINT
there ends in "Fatal Python error: init_import_site" and a traceback. setuptools' default editable install widened
that window from a few ms to ~120 ms on a loaded machine: its .pth runs an import hook (a finder module importing
pathlib, importlib.util, urllib …) at every start. scripts/setup.sh installs with a .pth that is a path, so `site`
imports nothing of scorer's install; this holds the .venv it makes (and any other install) to that."""

from __future__ import annotations

import site
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def _scorer_pth_files() -> list[Path]:
    folders = [Path(p) for p in site.getsitepackages()]
    return [f for d in folders if d.is_dir() for f in d.glob("*.pth") if "scorer" in f.name.lower()]


def test_python_starts_without_importing_an_install_hook_of_scorers():
    """No .pth of scorer's runs code at start-up, and `python -X importtime -c pass` imports no editable finder."""
    for pth in _scorer_pth_files():
        code = [line for line in pth.read_text(encoding="utf-8").splitlines() if line.startswith(("import ", "import\t"))]
        assert not code, f"{pth} runs {code} at every start of Python: install with scripts/setup.sh"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], capture_output=True, text=True, cwd="/")
    hooks = [line for line in done.stderr.splitlines() if "__editable__" in line and "finder" in line]
    assert not hooks, hooks


def test_setup_sh_makes_the_install_without_the_hook_and_redoes_an_old_one():
    text = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    assert "editable_mode=compat" in text
    assert 'cut -d\' \' -f1) compat"' in text  # a .venv stamped before is re-installed
