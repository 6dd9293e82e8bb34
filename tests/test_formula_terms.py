"""A long flat formula is refused as long, in the user's words, and a flat sum within the bound is scored
(bt16k F2: a sum of 100 fields was refused as "nests too deeply (101 levels)": the parser's tree of `+`, a
depth the formula does not show)."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, run_cli

OLD = "formula: fdi_actual / city_fdi_actual * 100"


def _framework(tmp_path, formula: str):
    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, f"formula: {formula}", 1), encoding="utf-8")
    return path, text[: text.index(OLD)].count("\n") + 1


@pytest.mark.parametrize("terms, op", [(100, "+"), (60, "-"), (100, "*")])
def test_a_flat_run_of_terms_within_the_bound_is_valid(tmp_path, terms, op):
    body = f" {op} ".join(["fdi_actual"] * terms)
    # the tester's formula for +: the sum inside brackets, inside a run of * / (Python's tree: 103 deep)
    path, _ = _framework(tmp_path, f"({body}) / city_fdi_actual * 100 / {terms}" if op == "+" else
                         f"({body}) / city_fdi_actual" if op == "-" else f"({body}) + city_fdi_actual")
    done = run_cli("validate", path, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "nests too deeply" not in done.stderr


@pytest.mark.parametrize("formula, said", [
    (" + ".join(["fdi_actual"] * 101), "formula has 101 terms in one run of + - or * /, more than the 100 allowed"),
    ("(" + " - ".join(["fdi_actual"] * 140) + ") / city_fdi_actual", "formula has 140 terms in one run"),
    (" * ".join(["fdi_actual"] * 120), "formula has 120 terms in one run"),
])
def test_a_run_of_too_many_terms_is_refused_as_terms_at_its_line(tmp_path, formula, said):
    path, line = _framework(tmp_path, formula)
    done = run_cli("validate", path, "--lang", "en")
    assert done.returncode == 1 and said in done.stderr, done.stderr
    assert f"framework.yaml:{line}" in done.stderr and "nests too deeply" not in done.stderr
    assert "derived:" in done.stderr  # how to split it


def test_real_nesting_is_still_said_as_nesting(tmp_path):
    path, line = _framework(tmp_path, "-" * 120 + "fdi_actual")
    done = run_cli("validate", path, "--lang", "en")
    assert done.returncode == 1 and "formula nests too deeply" in done.stderr and f":{line}" in done.stderr


def test_long_runs_inside_long_runs_are_refused_as_too_long_to_compute(tmp_path):
    """Not deep as read (5 levels), but Python's tree is: refused in words that say so, before any walk recurses."""
    nested = "fdi_actual"
    for _ in range(4):
        nested = "(" + "+".join([nested] + ["1"] * 90) + ")*city_fdi_actual"  # under the 2 000 characters
    path, line = _framework(tmp_path, nested)
    done = run_cli("validate", path, "--lang", "en")
    assert done.returncode == 1 and "formula is too long to compute in one piece" in done.stderr, done.stderr
    assert f"framework.yaml:{line}" in done.stderr and "Traceback" not in done.stderr
