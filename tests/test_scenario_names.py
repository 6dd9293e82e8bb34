"""Scenarios that share a name, or take the baseline's (基准), are refused naming each file: compare --xlsx keys a
scenario's column by its name and showed one scenario's figures under both, or a scenario's under 基准 (bt16i F3)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("names", [("甲", "甲"), ("基准",), ("甲", "甲\\e"), ("乙 乙", "乙乙")])
def test_a_name_taken_twice_is_refused_naming_every_file(tmp_path, names):
    paths = []
    for k, name in enumerate(names):
        path = tmp_path / f"s{k}.yaml"
        path.write_text(f"name: \"{name}\"\nfields:\n  fdi_actual: +{10 * (k + 1)}%\n", encoding="utf-8")
        paths.append(path)
    done = run_cli("--lang", "zh", "compare", EXAMPLES, *paths, "--xlsx", tmp_path / "c.xlsx")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert all(f"{p}:1" in done.stderr for p in paths), done.stderr
    assert not (tmp_path / "c.xlsx").exists()


def test_names_of_their_own_are_compared(tmp_path):
    paths = []
    for k, name in enumerate(("甲", "乙")):
        path = tmp_path / f"s{k}.yaml"
        path.write_text(f"name: {name}\nfields:\n  fdi_actual: +{10 * (k + 1)}%\n", encoding="utf-8")
        paths.append(path)
    assert run_cli("compare", EXAMPLES, *paths).returncode == 0
