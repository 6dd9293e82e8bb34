"""Locates the bundled indicator YAML, templates and fonts, from a checkout or an installed wheel."""

from __future__ import annotations

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
