"""Shared fixtures: the repository's paths, the bundled framework, one scored run of the sample data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def framework():
    from scorer.framework.model import load_framework

    return load_framework()


@pytest.fixture(scope="session")
def sample_run():
    from scorer.pipeline import run

    return run([EXAMPLES])


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m scorer ARGS` the way a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "scorer", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=300)
