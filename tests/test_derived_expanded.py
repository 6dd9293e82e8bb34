"""A formula checked as it is computed: with its derived names expanded (issue 16, break test bt16f F2, F3, F4, F9).

A derived quantity is computed inside every formula that uses it, so a framework whose formulas are each
short and shallow could still never finish (`e1: e0 + e0`, `e2: e1 + e1`, …), exhaust Python's stack (a
chain of 150 derived names), read a derived name as if it were a raw field (annual(), to()), or divide by a
derived quantity that is always 0. `validate` refuses each at the file and line where the bound is crossed,
and a framework `validate` accepts is scored without an internal error.
"""

from __future__ import annotations

import shutil

import pytest

from scorer.framework import formula as fx
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.test_framework_validation import GOOD, line_of, problems_of, write

OLD = "rd_share: rd_expenditure / industrial_revenue"


def _chain(n: int, step: str = "{prev} + 0") -> str:
    """n derived quantities d0 … d{n-1}, each made from the one before (d0 from the raw fields)."""
    lines = ["rd_share: rd_expenditure / industrial_revenue"]
    lines += [f"d{i}: {step.format(prev='rd_share' if i == 0 else f'd{i - 1}')}" for i in range(n)]
    return "\n  ".join(lines)


@pytest.mark.parametrize("case, derived, formula, line_text, message", [
    # F2: each level doubles the work; 40 levels never finished
    ("doubling", _chain(40, "{prev} + {prev}"), "d39", "d10: d9 + d9", "more than 10,000 steps"),
    # yoy() computes its argument twice: the same doubling within derived names
    ("yoy doubling", _chain(40, "yoy({prev})"), "d39", "d10: yoy(d9)", "more than 10,000 steps"),
    # F3: a chain nests as deep as its length (150 levels died with RecursionError)
    ("chain", _chain(150), "d149", "d49: d48 + 0", "nests too deeply through its derived quantities"),
    # a chain of plain renames nests too: each is a call deeper for Python
    ("renames", _chain(300, "{prev}"), "d299", "d98: d97", "nests too deeply through its derived quantities"),
    # the indicator's own formula crosses the bound, its derived names do not
    ("formula crossing", _chain(49), "d48 * 100", "formula: d48 * 100", "nests too deeply"),
    # F4: annual() and to() read a raw field's figures; a derived name has none (KeyError at score time)
    ("annual of derived", OLD, "annual(rd_share) * 100", "formula: annual(rd_share)", "annual() takes a raw field"),
    ("annual of derived in derived", OLD + "\n  full: annual(rd_share)", "full * 100", "full: annual(rd_share)",
     "annual() takes a raw field"),
    ("to of derived in derived", OLD + '\n  big: to(rd_share, "亿元")', "big", 'big: to(rd_share', "to() converts a raw field"),
    ("unknown name in derived", OLD + "\n  other: rd_expenditure / nosuch", "rd_share * 100 + other",
     "other: rd_expenditure / nosuch", "unknown field 'nosuch'"),
    ("annual of a stock in derived", OLD + "\n  inst: annual(rd_institutions)", "rd_share * 100 + inst",
     "inst: annual(rd_institutions)", "annual() applies to flows"),
    # F9: the constant checks follow derived names (the run blamed a workbook cell)
    ("divisor always 0", OLD + "\n  zero: 1 - 1", "rd_share / zero", "formula: rd_share / zero", "'zero', which is always 0"),
    ("divisor always 0 from data", OLD + "\n  zero: rd_expenditure - rd_expenditure", "rd_share / zero",
     "formula: rd_share / zero", "always 0"),
    ("divisor always 0 two levels down", OLD + "\n  zero: rd_share - rd_share\n  nil: zero * 5",
     "rd_share / (nil + zero)", "formula: rd_share / (nil", "always 0"),
    # a year earlier, an always-0 quantity is still 0 (prior(x) was a variable of its own: bt16 F9 leftover)
    ("prior of a divisor always 0", OLD + "\n  zero: 1 - 1", "rd_share / prior(zero)", "formula: rd_share / prior(zero)",
     "'prior(zero)', which is always 0"),
    ("prior of a divisor always 0 from data", OLD + "\n  zero: rd_expenditure - rd_expenditure",
     "rd_share / (2 * prior(zero))", "formula: rd_share / (2 * prior(zero))", "always 0"),
    ("prior inside a derived divisor", OLD + "\n  zero: rd_share - rd_share\n  was: prior(zero) * 5", "rd_share / was",
     "formula: rd_share / was", "'was', which is always 0"),
    ("overflow", OLD + "\n  big: rd_expenditure * 1e300", "big * 1e300", "formula: big * 1e300", "beyond ±1.8e308"),
    ("overflow in derived", OLD + "\n  big: rd_expenditure * 1e300\n  bigger: big * 1e300", "bigger",
     "bigger: big * 1e300", "beyond ±1.8e308"),
])
def test_a_formula_unsound_through_its_derived_names_is_refused_at_its_line(tmp_path, case, derived, formula,
                                                                         line_text, message):
    text = GOOD.replace(OLD, derived).replace("formula: rd_share * 100", f"formula: {formula}")
    path = write(tmp_path, text)
    problems = problems_of(path)
    hits = [p for p in problems if message in p.message]
    assert hits, (case, [p.message for p in problems])
    assert [p.location.line for p in hits] == [line_of(text, line_text)], (case, [p.message for p in problems])
    assert hits[0].location.file == path and hits[0].hint
    assert hits[0].message_zh != hits[0].message and hits[0].hint_zh != hits[0].hint, hits[0]  # said in Chinese too


@pytest.mark.parametrize("case, derived, formula", [
    ("a long chain within the bounds", _chain(45), "d44 * 100"),
    ("a derived name used many times", OLD + "\n  s2: rd_share + rd_share", "(s2 + s2 + s2 + s2) * 25"),
    ("a divisor that is not always 0", OLD + "\n  diff: rd_expenditure - industrial_revenue", "rd_share / diff * 100"),
    ("a large but finite constant", OLD + "\n  big: rd_expenditure * 1e150", "big * 1e150 * 100"),
])
def test_sound_derived_formulas_still_load(tmp_path, case, derived, formula):
    from scorer.framework.model import load_framework

    text = GOOD.replace(OLD, derived).replace("formula: rd_share * 100", f"formula: {formula}")
    assert load_framework(write(tmp_path, text)).indicators["rd_intensity"].tree is not None, case


def test_a_deep_cycle_check_and_expansion_never_recurse_through_derived_names(tmp_path):
    """3 000 derived names listed deepest-first (d0 uses d1 uses d2 …): the walks are iterative, so the
    framework is refused for its depth, not with a RecursionError."""
    n = 3000
    lines = [f"d{i}: d{i + 1} + 0" for i in range(n - 1)] + [f"d{n - 1}: rd_expenditure"]
    text = GOOD.replace(OLD, OLD + "\n  " + "\n  ".join(lines)).replace("formula: rd_share * 100",
                                                                      "formula: rd_share * 100 + d0")
    problems = problems_of(write(tmp_path, text))
    assert [p.message for p in problems if "nests too deeply" in p.message], [p.message for p in problems]
    assert fx.dependency_order({"a": fx.parse("b + c"), "b": fx.parse("c"), "c": fx.parse("1")}) == ["c", "b", "a"]


def _framework_copy(tmp_path, derived: str, formula: str):
    ind = tmp_path / "ind"
    shutil.copytree(ROOT / "indicators", ind)
    text = (ind / "framework.yaml").read_text(encoding="utf-8")
    assert text.count("formula: annual(fdi_actual)") >= 1 and text.count("\nimputation:") == 1
    text = text.replace("\nimputation:", "\nderived:\n" + derived + "\n\nimputation:", 1)
    (ind / "framework.yaml").write_text(text.replace("formula: annual(fdi_actual)", f"formula: {formula}", 1),
                                        encoding="utf-8")
    return ind / "framework.yaml"


def test_the_deepest_chain_validate_accepts_is_scored_and_a_deeper_one_is_refused_from_the_cli(tmp_path):
    """What `validate` lets through, `score` computes (no RecursionError, exit 0); one level more is refused
    by both with the file and line (exit 1), never an internal error (exit 70)."""
    def chain(n):
        return "\n".join(["  d0: annual(fdi_actual)"] + [f"  d{i}: d{i - 1} + 0" for i in range(1, n)])

    ok = _framework_copy(tmp_path / "ok", chain(49), "d48")  # d48 nests 98 levels, the formula 99
    assert run_cli("--lang", "en", "validate", ok).returncode == 0
    scored = run_cli("--lang", "en", "score", EXAMPLES, "-f", ok)
    assert scored.returncode == 0, scored.stderr[-2000:]
    bad = _framework_copy(tmp_path / "bad", chain(51), "d50")
    for args in (("validate", bad), ("score", EXAMPLES, "-f", bad)):
        out = run_cli("--lang", "en", *args)
        assert out.returncode == 1 and "nests too deeply through its derived quantities" in out.stderr, out.stderr[-2000:]
        assert "internal error" not in out.stderr and "Traceback" not in out.stderr
        assert f"{bad}:" in out.stderr


def test_a_threshold_formula_naming_a_derived_quantity_is_refused_at_its_rule_saying_so(tmp_path):
    """A rules.yaml formula reads raw fields only (it is not expanded through derived names): one naming a derived
    quantity was refused as an 'unknown field'; it is refused at the rule's line, saying what the name is."""
    fw = _framework_copy(tmp_path, "  zero: fdi_actual - fdi_actual", "annual(fdi_actual)")
    rules = fw.parent / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert text.count("    formula: safety_env_incidents\n") == 1
    rules.write_text(text.replace("    formula: safety_env_incidents\n", "    formula: safety_env_incidents / zero\n"),
                     encoding="utf-8")
    line = next(k for k, l in enumerate(text.splitlines(), 1) if l.startswith("  - id: no_major_incident"))
    for args in (("validate", fw), ("score", EXAMPLES, "-f", fw)):
        done = run_cli("--lang", "en", *args)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
        assert (f"{rules}:{line}: error: threshold 'no_major_incident': 'zero' is a derived quantity of the framework"
                in done.stderr), done.stderr[-2000:]
