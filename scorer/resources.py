"""Locates the bundled indicator YAML, templates and fonts, from a checkout or an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # Installed wheel: scorer/indicators; source checkout: ../indicators beside the package.
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found next to {_HERE}")


def package_version() -> str:
    """This package's version as installed (pyproject.toml's `version`), e.g. "0.1.0"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("scorer")
    except PackageNotFoundError:  # run from a checkout that was never installed
        import re

        text = (_HERE.parent / "pyproject.toml").read_text(encoding="utf-8")
        found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        return found[1] if found else "unknown"


def indicators_dir() -> Path:
    return _find("indicators")


def templates_dir() -> Path:
    return _find("templates")


def fonts_dir() -> Path:
    return _HERE / "fonts"


def default_framework() -> Path:
    return indicators_dir() / "framework.yaml"


def default_fields() -> Path:
    return indicators_dir() / "fields.yaml"


# The files a framework's folder may hold beside framework.yaml (as indicators/ does), by what they are: every
# command reads these when it is given none, and `scorer validate` checks the same ones (it checked a folder's
# rules.yaml that `score -f` then never read).
BESIDE_FRAMEWORK = {"rules": "rules.yaml", "peers": "peers/central-synthetic.csv", "effort": "effort.yaml"}


def beside_framework(framework_path: Path | str, what: str) -> Path | None:
    """The `what` file ("rules", "peers", "effort": BESIDE_FRAMEWORK) in the framework's folder, or None when the
    folder has nothing of that name (the caller then uses the bundled one). Anything of that name is the user's:
    a link whose target is gone (a share not mounted), a FIFO or a folder is returned for its loader to refuse
    naming it, never replaced by the bundled file without a word (bt16j F8)."""
    path = Path(framework_path).parent / BESIDE_FRAMEWORK[what]
    return path if os.path.lexists(path) else None
