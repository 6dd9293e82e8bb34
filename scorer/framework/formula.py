"""Indicator formulas: a small arithmetic language over raw fields, parsed into a tree (never eval'd).

Grammar: numbers, field or derived names, + - * / and parentheses, unary minus, and the functions
    annual(field)   full-year estimate of a year-to-date flow (see scorer.score.panel)
    prior(expr)     the expression one year earlier (same quarter)
    yoy(expr)       year-on-year growth in %: the published 同比 rate for a bare field when the
                    workbook gives one, else (expr / prior(expr) - 1) * 100
    to(field, "亿元") a field (or annual(field)) converted from its canonical unit to another unit
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

from scorer.messages import msg

FUNCTIONS = {"annual": 1, "prior": 1, "yoy": 1, "to": 2}


class FormulaError(ValueError):
    """A formula that does not parse or names something unknown; carries a column offset.

    `message` and `hint` are `scorer.messages.Text` (both languages): read them with `text_of(exc)` and `exc.hint`.
    """

    def __init__(self, message: str, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Name:
    name: str
    column: int


@dataclass(frozen=True)
class BinOp:
    op: str
    left: "Node"
    right: "Node"


@dataclass(frozen=True)
class Neg:
    operand: "Node"


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple
    column: int


Node = Union[Num, Name, BinOp, Neg, Call]

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


MAX_LENGTH = 2000  # characters: real indicator formulas are under 200
MAX_DEPTH = 100  # nesting of the parsed tree (a chain of n terms nests n deep); keeps every walk far from Python's limit


def parse(text: str) -> Node:
    """Parse a formula into a tree; anything outside the grammar is a FormulaError.

    The input is bounded (MAX_LENGTH characters, MAX_DEPTH levels of nesting) before and after Python's
    parser reads it, so a hostile formula is refused plainly instead of exhausting memory or the stack.
    A division by a constant zero and a number too large for a double are refused too.
    """
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(msg("empty formula"),
                           hint=msg("write an expression such as `rd_expenditure / industrial_revenue * 100`"))
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise FormulaError(msg("formula is {length:,} characters long, more than the {most:,} allowed",
                               length=len(text), most=MAX_LENGTH), None,
                           msg("split it: define parts under `derived:` and combine them"))
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(_syntax_message(exc, text), exc.offset or None,
                           msg("use field names, numbers, + - * / and parentheses")) from None
    except (MemoryError, RecursionError):  # CPython's own parser gives up on deep nesting
        raise FormulaError(msg("formula nests too deeply (more than {most} levels)", most=MAX_DEPTH), None,
                           msg("simplify it, or define parts under `derived:`")) from None
    depth = _depth(tree.body)
    if depth > MAX_DEPTH:
        raise FormulaError(msg("formula nests too deeply ({depth} levels, at most {most})", depth=depth, most=MAX_DEPTH),
                           None, msg("simplify it, or define parts under `derived:`; a long sum of n terms nests n levels"))
    converted = _convert(tree.body, text)
    _refuse_constant_overflow(tree.body, text)
    return converted


def _syntax_message(exc: SyntaxError, text: str):
    """Python's reason a formula does not parse, in both languages (its own words are English only)."""
    column = exc.offset or 0
    if not 0 < column <= len(text):  # Python's parser ran off the end
        return msg("formula does not parse: it ends before the expression is complete")
    if "never closed" in (exc.msg or ""):
        return msg("formula does not parse: a bracket at column {column} is never closed", column=column)
    if "unmatched" in (exc.msg or "") or "does not match" in (exc.msg or ""):
        return msg("formula does not parse: a closing bracket at column {column} has no opening one", column=column)
    return msg("formula does not parse at column {column}", column=column)


def _refuse_constant_overflow(node: ast.AST, source: str) -> float:
    """The formula's value with every field and function taken as 1; a FormulaError at the first step that is
    beyond ±1.8e308 then (`1e308 * 10`, `x * 1e308 * 10`): such a formula overflows whatever the data, and
    the run would otherwise blame a workbook cell. Division by 0 gives NaN here, as in `evaluate`."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = _refuse_constant_overflow(node.operand, source)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _refuse_constant_overflow(node.left, source), _refuse_constant_overflow(node.right, source)
        op = _BINOPS[type(node.op)]
        value = (math.nan if right == 0 else left / right) if op == "/" else _PLAIN[op](left, right)
        if math.isinf(value) and math.isfinite(left) and math.isfinite(right):
            raise FormulaError(msg("{text!r} is beyond ±1.8e308 whatever the data: too large to compute with",
                                   text=_written(node, source)), node.col_offset + 1,
                               msg("write its numbers in a larger unit, or with fewer digits"))
        return value
    if isinstance(node, ast.Call):
        inner = [_refuse_constant_overflow(a, source) for a in node.args if not isinstance(a, ast.Constant)
                 or not isinstance(a.value, str)]
        return inner[0] if node.func.id == "prior" else 1.0
    return 1.0  # a name


def _depth(root: ast.AST) -> int:
    """The deepest nesting of an ast, walked without recursion (the tree may be arbitrarily deep)."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def constant(node: Node) -> float | None:
    """The value of a sub-formula made of numbers alone (e.g. `1 - 1`), else None."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Neg):
        inner = constant(node.operand)
        return None if inner is None else -inner
    if isinstance(node, BinOp):
        left, right = constant(node.left), constant(node.right)
        if left is None or right is None:
            return None
        if node.op == "/":
            return None if right == 0 else left / right
        return float(_ARITH[node.op](left, right))
    return None


def always_zero(node: Node, trials: int = 3) -> bool:
    """Whether a sub-formula is 0 whatever the data: `1 - 1`, and also `b - b`, `x * 0`, `annual(x) - annual(x)`.

    Each distinct name or call is given random whole values and the formula is computed exactly (with
    fractions); a formula that is not identically 0 is non-zero at a random point with near certainty
    (the Schwartz–Zippel lemma), so three zeros in three tries mean "always 0".
    """
    import random
    from fractions import Fraction

    rng = random.Random(20261201)
    for _ in range(trials):
        values: dict[str, Fraction] = {}

        def value(n: Node) -> Fraction | None:
            if isinstance(n, Num):
                return Fraction(n.value)
            if isinstance(n, (Name, Call)):
                key = _key(n)
                if key not in values:
                    values[key] = Fraction(rng.randint(2, 10**9))
                return values[key]
            if isinstance(n, Neg):
                inner = value(n.operand)
                return None if inner is None else -inner
            left, right = value(n.left), value(n.right)
            if left is None or right is None or (n.op == "/" and right == 0):
                return None  # undefined at this point: no verdict from it
            return {"+": left + right, "-": left - right, "*": left * right}[n.op] if n.op != "/" else left / right

        if value(node) != 0:
            return False
    return True


def _key(node: Node) -> str:
    """A sub-formula as text without positions: the same name or call written twice is one variable."""
    if isinstance(node, Num):
        return repr(node.value)
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Call):
        return f"{node.func}({', '.join(a if isinstance(a, str) else _key(a) for a in node.args)})"
    if isinstance(node, Neg):
        return f"-({_key(node.operand)})"
    return f"({_key(node.left)} {node.op} {_key(node.right)})"


def _written(node: ast.AST, source: str) -> str:
    """A part of the formula as the user wrote it (1e10 stays 1e10), else as Python writes it back."""
    return ast.get_source_segment(source, node) or ast.unparse(node)


def _convert(node: ast.AST, source: str = "") -> Node:
    col = getattr(node, "col_offset", 0) + 1
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        try:
            value = float(node.value)
        except OverflowError:  # an integer with hundreds of digits
            value = math.inf
        if not math.isfinite(value):
            raise FormulaError(msg("a number too large to compute with (beyond ±1.8e308)"), col,
                               msg("write it in a larger unit, or with fewer digits"))
        return Num(value)
    if isinstance(node, ast.Name):
        return Name(node.id, col)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        op, right = _BINOPS[type(node.op)], _convert(node.right, source)
        if op == "/" and (constant(right) == 0 or always_zero(right)):
            raise FormulaError(msg("divides by {divisor!r}, which is always 0", divisor=_written(node.right, source)),
                               getattr(node.right, "col_offset", 0) + 1,
                               msg("a division by zero gives no value, so the indicator would drop out with its weight; "
                                   "correct the divisor"))
        return BinOp(op, _convert(node.left, source), right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _convert(node.operand, source)
        return Neg(inner) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        func = node.func.id
        if func not in FUNCTIONS:
            raise FormulaError(msg("unknown function {func!r}", func=func), col,
                               msg("available functions: {names}", names=", ".join(sorted(FUNCTIONS))))
        if len(node.args) != FUNCTIONS[func]:
            raise FormulaError(msg("{func}() takes {wanted} argument(s), got {got}", func=func, wanted=FUNCTIONS[func],
                                   got=len(node.args)), col)
        if func == "to":
            field, unit = node.args
            inner = _convert(field, source) if isinstance(field, (ast.Name, ast.Call)) else None
            if not (isinstance(inner, Name) or (isinstance(inner, Call) and inner.func == "annual")) \
                    or not (isinstance(unit, ast.Constant) and isinstance(unit.value, str)):
                raise FormulaError(msg('to() takes a field name (or annual(field)) and a quoted unit, '
                                       'e.g. to(tax_revenue, "亿元")'), col)
            return Call(func, (inner, unit.value), col)
        args = tuple(_convert(a, source) for a in node.args)
        if func == "annual" and not isinstance(args[0], Name):
            raise FormulaError(msg("annual() takes a single field name"), col)
        return Call(func, args, col)
    raise FormulaError(msg("not allowed in a formula: {text!r}", text=_written(node, source)), col,
                       msg("use field names, numbers, + - * / and parentheses, and annual/prior/yoy/to"))


def names(node: Node) -> list[Name]:
    """Every name the formula refers to, in order of appearance."""
    if isinstance(node, Name):
        return [node]
    if isinstance(node, BinOp):
        return names(node.left) + names(node.right)
    if isinstance(node, Neg):
        return names(node.operand)
    if isinstance(node, Call):
        return [n for a in node.args if not isinstance(a, str) for n in names(a)]
    return []


def calls(node: Node) -> list[Call]:
    if isinstance(node, Call):
        return [node] + [c for a in node.args if not isinstance(a, str) for c in calls(a)]
    if isinstance(node, BinOp):
        return calls(node.left) + calls(node.right)
    if isinstance(node, Neg):
        return calls(node.operand)
    return []


class Context:
    """What a formula is evaluated against: resolves names and the period-aware functions.

    Values are numpy arrays over the periods being evaluated (vectorised); `shift` is how many
    years back the current evaluation looks (prior() adds one).
    """

    def value(self, name: str, shift: int) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def annual(self, name: str, shift: int) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    def published_growth(self, name: str, shift: int) -> np.ndarray | None:  # pragma: no cover
        raise NotImplementedError

    def convert(self, name: str, unit: str, shift: int = 0) -> float | np.ndarray:  # pragma: no cover - interface
        """The factor from the raw field's unit to `unit`; across 元 and 美元, one per period at its year's rate."""
        raise NotImplementedError


def evaluate(node: Node, ctx: Context, shift: int = 0, overflow: list | None = None) -> np.ndarray:
    """Evaluate a parsed formula; division by zero and missing inputs give NaN, never an exception or
    a warning; a result too large for a double (overflow) is ±inf, for the caller to refuse.

    `overflow`: a list that receives, for every step of the computation, where it was ±inf (boolean
    arrays, broadcastable to the result): an overflow the result no longer shows (inf − inf is NaN,
    1 / inf is 0) is still seen there (`overflowed`).
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _eval(node, ctx, shift, overflow)


def overflowed(steps: list, n: int) -> np.ndarray:
    """Where any step `evaluate` recorded in `overflow` was ±inf: a boolean array of length `n`."""
    out = np.zeros(n, dtype=bool)
    for step in steps:
        out |= np.broadcast_to(np.asarray(step, dtype=bool), (n,))
    return out


def _eval(node: Node, ctx: Context, shift: int, track: list | None = None) -> np.ndarray:
    out = _eval_node(node, ctx, shift, track)
    if track is not None:
        track.append(np.isinf(out))
    return out


def _eval_node(node: Node, ctx: Context, shift: int, track: list | None) -> np.ndarray:
    if isinstance(node, Num):
        return np.asarray(node.value, dtype=float)
    if isinstance(node, Name):
        return ctx.value(node.name, shift)
    if isinstance(node, Neg):
        return -_eval(node.operand, ctx, shift, track)
    if isinstance(node, BinOp):
        left, right = _eval(node.left, ctx, shift, track), _eval(node.right, ctx, shift, track)
        if node.op == "/":
            return np.where(right == 0, np.nan, left / np.where(right == 0, 1.0, right))
        return _ARITH[node.op](left, right)
    if isinstance(node, Call):
        arg = node.args[0]
        if node.func == "prior":
            return _eval(arg, ctx, shift + 1, track)
        if node.func == "annual":
            return ctx.annual(arg.name, shift)
        if node.func == "to":
            field = arg if isinstance(arg, Name) else arg.args[0]
            return _eval(arg, ctx, shift, track) * ctx.convert(field.name, node.args[1], shift)
        if node.func == "yoy":
            published = ctx.published_growth(arg.name, shift) if isinstance(arg, Name) else None
            now, before = _eval(arg, ctx, shift, track), _eval(arg, ctx, shift + 1, track)
            computed = np.where(before == 0, np.nan, (now / np.where(before == 0, 1.0, before) - 1.0) * 100.0)
            if published is None:
                return computed
            return np.where(np.isnan(published), computed, published)
    raise TypeError(f"unexpected formula node {node!r}")  # a bug: parse() only builds the above


_ARITH: dict[str, Callable] = {"+": np.add, "-": np.subtract, "*": np.multiply}
_PLAIN: dict[str, Callable] = {"+": operator.add, "-": operator.sub, "*": operator.mul}  # floats: inf, never a warning


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
_SHOWN = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "}
_FUNC_WORDS = {
    "zh": {"annual": "{}（全年）", "prior": "上年同期{}", "yoy": "{}同比增速", "to": "{}（折算为{}）"},
    "en": {"annual": "{} (full year)", "prior": "{} a year earlier", "yoy": "y/y growth of {}", "to": "{} (in {})"},
}


def describe(node: Node, label: Callable[[str], str], lang: str = "zh") -> str:
    """A formula for people: names replaced by their labels, × ÷ for * /, functions in words."""
    return _describe(node, label, 0, lang)


def _describe(node: Node, label: Callable[[str], str], parent: int, lang: str = "zh") -> str:
    if isinstance(node, Num):
        return f"{node.value:g}"
    if isinstance(node, Name):
        return label(node.name)
    if isinstance(node, Neg):
        return "−" + _describe(node.operand, label, 3, lang)
    if isinstance(node, BinOp):
        prec = _PRECEDENCE[node.op]
        right_prec = prec + 1 if node.op in "-/" else prec
        text = _describe(node.left, label, prec, lang) + _SHOWN[node.op] + _describe(node.right, label, right_prec, lang)
        return f"({text})" if prec < parent else text
    if isinstance(node, Call):
        words = _FUNC_WORDS[lang]
        if node.func == "to":
            from scorer.i18n import unit as unit_name

            return words["to"].format(_describe(node.args[0], label, parent, lang), unit_name(node.args[1], lang))
        return words[node.func].format(_describe(node.args[0], label, 3, lang))
    raise TypeError(f"unexpected formula node {node!r}")
