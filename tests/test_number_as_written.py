"""Issue 11, point 3 of the open list: a number in a message reads as the user wrote it (a bound, a limit, a factor in
YAML) or as the cell holds it. `:g` gave e-notation and 6 significant digits (a bound of 1234567.5 printed
1.23457e+06, then 1,234,570): a bare `{x:g}` in a message now writes every digit (scorer.messages.written), and no
f-string or format() call in scorer/ may use a bare `g` again (they bypass the message formatter)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scorer.framework.model import Bounds
from scorer.messages import msg, written
from scorer.read.observation import Observation
from scorer.read.plausibility import out_of_bounds

SCORER = Path(__file__).resolve().parents[1] / "scorer"
# Chart ticks are round numbers the chart code picks itself (0, 20, 40 …), never a figure a user wrote.
TICKS = {"report/charts.py"}


@pytest.mark.parametrize("value, text", [(1234567.5, "1,234,567.5"), (0.00001, "0.00001"), (1e20, "100,000,000,000,000,000,000"),
                                         (100.0, "100"), (-2.5, "-2.5"), (0.1 + 0.2, "0.3"), (123456.78, "123,456.78")])
def test_a_bare_g_in_a_message_writes_the_number_as_written(value, text):
    assert written(value) == text
    said = msg("a bound of {bound:g}", bound=value)
    assert str(said) == f"a bound of {text}" and "e+" not in said.zh and "e-" not in said.zh


def test_a_g_with_a_precision_keeps_its_digits_without_e_notation():
    assert str(msg("{r:.3g}", r=1.87e-05)) == "0.0000187" and str(msg("{r:.3g}", r=1234567.5)) == "1,234,568"


def _bare_g(node) -> bool:
    if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
        spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
        return spec.lstrip("+-, ").lower() in ("g", ",g")
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "format" and len(node.args) == 2:
        spec = node.args[1]
        return isinstance(spec, ast.Constant) and isinstance(spec.value, str) and spec.value.lower().strip(",+") == "g"
    return False


def test_no_fstring_nor_format_call_in_scorer_uses_a_bare_g():
    """An f-string or format() never goes through the message formatter: a bare `g` there rounds to 6 digits and
    writes e-notation. Use scorer.fmt.written (or a msg() template's `{x:g}`)."""
    found = []
    for path in sorted(SCORER.rglob("*.py")):
        rel = path.relative_to(SCORER).as_posix()
        if rel in TICKS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if _bare_g(node):
                found.append(f"{rel}:{node.lineno}")
    assert not found, f"a bare :g outside msg(): {found}"


def test_a_field_bound_in_a_yaml_file_is_named_as_written_in_both_languages(framework):
    """A field whose plausible range ends at 1234567.5 (as a user may write it in fields.yaml): the doubt names
    1,234,567.5, not 1.23457e+06 nor 1,234,570, in English and Chinese."""
    fid, f = next((fid, f) for fid, f in framework.fields.items() if f.unit == "万元")
    bound = 1234567.5
    for plausible, value in ((Bounds(max=bound), bound * 3), (Bounds(min=bound), bound / 3)):
        fields = {fid: f.model_copy(update={"plausible": plausible})}
        obs = Observation(fid, value, f.unit, "2023Q1", "ytd", "q.xlsx", "主要经济指标", "C5", f.label, f.unit)
        found = [p for p in out_of_bounds({(fid, "2023Q1"): obs}, fields)]
        assert found, plausible
        for text in (found[0].message, found[0].message_zh):
            assert "1,234,567.5" in text and "e+" not in text and "1,234,570" not in text, text
