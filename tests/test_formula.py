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
    ("prior(gdp - gdp)", True), ("prior(1 - 1) * gdp", True), ("prior(prior(gdp) - prior(gdp))", True),
    ("prior(prior(gdp)) - prior(gdp)", False), ("prior(gdp - tax_revenue)", False),
])
def test_a_divisor_that_is_zero_whatever_the_data_is_found(text, zero):
    assert fx.always_zero(fx.parse(text)) is zero


@pytest.mark.parametrize("text", ["fdi_actual / (gdp - gdp)", "fdi_actual / (annual(gdp) * 0)",
                                  "fdi_actual / ((gdp + tax_revenue) - (tax_revenue + gdp))"])
def test_a_formula_dividing_by_an_identically_zero_divisor_is_refused(text):
    with pytest.raises(fx.FormulaError, match="which is always 0"):
        fx.parse(text)


_CJK = __import__("re").compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("text", [
    "", "a ** 2", "foo(a)", "annual(a) / 0", "(a + b", "a + b)", "a +", "annual(a, b)", "annual(1)",
    "to(a, 3)", "a " + "+ a " * 150, "1e999", "a * 1e308 * 10", "a" * 2100,
])
def test_every_refusal_of_a_formula_is_said_in_both_languages(text):
    """A FormulaError carries its message and hint as Text: Chinese under --lang zh, English without a
    Chinese word under --lang en (they were English whatever the language)."""
    from scorer.messages import Text, text_of

    with pytest.raises(fx.FormulaError) as caught:
        fx.parse(text)
    for words in (text_of(caught.value), caught.value.hint):
        if words is None:
            continue
        assert isinstance(words, Text) and _CJK.search(words.zh), words
        assert not _CJK.search(str(words).replace("亿元", "")), words  # to()'s example names a Chinese unit


@pytest.mark.parametrize("text, part", [
    ("a * 1e308 * 10", "a * 1e308 * 10"), ("1e308*10 * annual(a)", "1e308*10"),
    ("prior(annual(a) * 1e300) * 1e10", "prior(annual(a) * 1e300) * 1e10"), ("a + 1e308 + 1e308", "a + 1e308 + 1e308"),
])
def test_a_formula_that_overflows_whatever_the_data_is_refused_naming_the_part_as_written(text, part):
    """Numbers that overflow with every figure at 1 are the formula's fault, not a workbook cell's: the run
    blamed the cell of the figure it happened to read."""
    with pytest.raises(fx.FormulaError, match="beyond ±1.8e308 whatever the data") as caught:
        fx.parse(text)
    assert repr(part) in str(caught.value)


@pytest.mark.parametrize("text", ["a * 1e300", "a / 1e-300", "1e308 / 10 * a", "a / (b - b + 1) * 1e308"])
def test_large_numbers_that_do_not_overflow_on_their_own_are_left_to_the_data(text):
    fx.parse(text)
