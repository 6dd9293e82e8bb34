"""Shared fixtures: the repository's paths, the bundled framework, one scored run of the sample data."""

from __future__ import annotations

import datetime as dt
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


@pytest.fixture(scope="session")
def layout_reports(sample_run, tmp_path_factory):
    """The sample's Chinese, English and scenario + uncertainty + plan reports, each rendered once per
    session: {"zh" | "en" | "full": (pdf path, html path)}; the HTML holds the charts as SVG data URIs."""
    from scorer.pipeline import analyse, report

    folder = tmp_path_factory.mktemp("layout")
    scenarios = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
    full = analyse(sample_run, scenarios=scenarios, uncertainty_draws=200, seed=1, plan_verdict=True)
    out = {}
    for name, lang, analyses in (("zh", "zh", None), ("en", "en", None), ("full", "zh", full)):
        pdf, html = folder / f"{name}.pdf", folder / f"{name}.html"
        report(sample_run, pdf, today=dt.date(2026, 11, 25), lang=lang, analyses=analyses)
        report(sample_run, html, fmt="html", today=dt.date(2026, 11, 25), lang=lang, analyses=analyses)
        out[name] = (pdf, html)
    return out


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `python -m scorer ARGS` the way a user would, capturing its output."""
    return subprocess.run([sys.executable, "-m", "scorer", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=300)
