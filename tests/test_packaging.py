"""`pip install .` gives a working scorer that finds its YAML, templates and fonts from any directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(base / "dist")], check=True, capture_output=True, timeout=300)
    (wheel,) = (base / "dist").glob("scorer-*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(base / "site"),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    return wheel, base


def run_installed(base, *args):
    env = {**os.environ, "PYTHONPATH": str(base / "site")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=base, env=env, timeout=300)


def test_the_wheel_carries_the_framework_templates_fonts_and_the_console_script(installed):
    wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ["scorer/indicators/framework.yaml", "scorer/indicators/fields.yaml", "scorer/templates/report.html",
                   "scorer/templates/report.css", "scorer/fonts/ScorerSansSC-Regular.otf",
                   "scorer/fonts/ScorerSansSC-Bold.otf", "scorer/fonts/OFL.txt", "scorer/indicators/rules.yaml",
                   "scorer/indicators/peers/central-synthetic.csv", "scorer/indicators/peers/central-synthetic.yaml"]:
        assert needed in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "scorer = scorer_entry:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "scorer_entry.py" in names  # the console script's module, top level (bt16 F7)


def test_the_installed_package_runs_from_another_directory(installed):
    _, base = installed
    where = run_installed(base, "-c", "import scorer; print(scorer.__file__)")
    assert where.stdout.strip().startswith(str(base / "site")), where.stdout
    done = run_installed(base, "-m", "scorer", "validate")
    assert done.returncode == 0, done.stderr
    assert "30 indicators" in done.stdout
    done = run_installed(base, "-m", "scorer", "report", str(EXAMPLES), "-o", "out/r.pdf")
    assert done.returncode == 0, done.stderr
    assert (base / "out" / "r.pdf").read_bytes().startswith(b"%PDF")
