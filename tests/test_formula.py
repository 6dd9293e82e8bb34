"""Formulas are parsed into a whitelisted tree and evaluated over arrays, never handed to eval."""

from __future__ import annotations

import numpy as np
import pytest

from scorer.framework import formula as fx


class Fixed(fx.Context):
    """A context over fixed arrays: `values[name][shift]`."""

    def __init__(self, values, growth=None, annual=None):
        self.values, self.growth, self.annuals = values, growth or {}, annual or {}

    def value(self, name, shift):
        return np.asarray(self.values[name][shift], dtype=float)

    def annual(self, name, shift):
        return np.asarray(self.annuals[name], dtype=float)

    def published_growth(self, name, shift):
        return np.asarray(self.growth[name], dtype=float) if name in self.growth else None

    def convert(self, name, unit, shift=0):
        return {"亿元": 1e-4}[unit]


def test_arithmetic_follows_the_usual_precedence():
    ctx = Fixed({"a": {0: [2.0]}, "b": {0: [3.0]}})
    assert fx.evaluate(fx.parse("a + b * 2 - (a - b) / 2"), ctx) == pytest.approx(2 + 6 + 0.5)
    assert fx.evaluate(fx.parse("-a * 3"), ctx) == pytest.approx(-6)


def test_division_by_zero_and_missing_inputs_give_nan_not_an_error():
    ctx = Fixed({"a": {0: [1.0, np.nan]}, "b": {0: [0.0, 2.0]}})
    out = fx.evaluate(fx.parse("a / b"), ctx)
    assert np.isnan(out).all()


def test_yoy_prefers_the_published_rate_and_falls_back_to_the_two_levels():
    ctx = Fixed({"a": {0: [110.0, 120.0], 1: [100.0, 100.0]}}, growth={"a": [9.5, np.nan]})
    assert fx.evaluate(fx.parse("yoy(a)"), ctx) == pytest.approx([9.5, 20.0])


def test_yoy_of_an_expression_uses_prior_of_the_whole_expression():
    ctx = Fixed({"e": {0: [90.0], 1: [100.0]}, "v": {0: [100.0], 1: [100.0]}})
    assert fx.evaluate(fx.parse("yoy(e / v)"), ctx) == pytest.approx([-10.0])
    assert fx.evaluate(fx.parse("prior(e)"), ctx) == pytest.approx([100.0])


def test_to_converts_through_the_units_table():
    ctx = Fixed({"t": {0: [50000.0]}}, annual={"t": [100000.0]})
    assert fx.evaluate(fx.parse('to(t, "亿元")'), ctx) == pytest.approx([5.0])
    assert fx.evaluate(fx.parse('to(annual(t), "亿元")'), ctx) == pytest.approx([10.0])


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "a.__class__",
    "open('/etc/passwd')",
    "lambda: 1",
    "[a for a in b]",
    "a if b else c",
    "a ** 2",
    "'text'",
    "a[0]",
    "annual(a + b)",
    "yoy(a, b)",
])
def test_anything_outside_the_grammar_is_rejected(text):
    with pytest.raises(fx.FormulaError):
        fx.parse(text)


def test_names_and_description_for_people():
    tree = fx.parse("annual(tax) / to(area, \"亩\")")
    assert [n.name for n in fx.names(tree)] == ["tax", "area"]
    labels = {"tax": "税收收入", "area": "建成区面积"}
    assert fx.describe(tree, labels.get) == "税收收入（全年） ÷ 建成区面积（折算为亩）"
    assert fx.describe(fx.parse("a / (b - c)"), str) == "a ÷ (b − c)"


@pytest.mark.parametrize("text, zero", [
    ("1 - 1", True), ("gdp - gdp", True), ("gdp * 0", True), ("0 * annual(gdp)", True),
    ("annual(gdp) - annual(gdp)", True), ("(gdp + tax_revenue) - (tax_revenue + gdp)", True),
    ("gdp / gdp - 1", True), ("prior(gdp) - prior(gdp)", True), ("2 * gdp - gdp - gdp", True),
    ("gdp - tax_revenue", False), ("annual(gdp) - gdp", False), ("prior(gdp) - gdp", False), ("gdp", False),
    ("gdp * gdp - gdp", False), ('to(fdi_actual, "亿美元") - fdi_actual', False), ("1 - 2", False),
])
def test_a_divisor_that_is_zero_whatever_the_data_is_found(text, zero):
    assert fx.always_zero(fx.parse(text)) is zero


@pytest.mark.parametrize("text", ["fdi_actual / (gdp - gdp)", "fdi_actual / (annual(gdp) * 0)",
                                  "fdi_actual / ((gdp + tax_revenue) - (tax_revenue + gdp))"])
def test_a_formula_dividing_by_an_identically_zero_divisor_is_refused(text):
    with pytest.raises(fx.FormulaError, match="which is always 0"):
        fx.parse(text)
