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
from typing import TYPE_CHECKING, Callable, Union

from scorer.messages import msg, written

if TYPE_CHECKING:
    import numpy as np  # evaluating a formula needs numpy; loading a framework (parsing, checking) does not

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
MAX_TERMS = 100  # terms in one run of + - or * /: Python nests a run of n terms n deep, but it is one level to a reader
MAX_TREE = 300  # the parsed tree's own depth (runs counted term by term): what bounds every walk, far from Python's limit


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
        if "too many nested" in (exc.msg or ""):  # CPython's parser: 200 levels of brackets (bt16i F4: "at column 201")
            raise FormulaError(msg("formula nests too deeply (more than {most:# level|# levels})", most=MAX_DEPTH), exc.offset or None,
                               msg("simplify it, or define parts under `derived:`")) from None
        raise FormulaError(_syntax_message(exc, text), exc.offset or None,
                           msg("use field names, numbers, + - * / and parentheses")) from None
    except (MemoryError, RecursionError):  # CPython's own parser gives up on deep nesting
        raise FormulaError(msg("formula nests too deeply (more than {most:# level|# levels})", most=MAX_DEPTH), None,
                           msg("simplify it, or define parts under `derived:`")) from None
    if (terms := _longest_run(tree.body)) > MAX_TERMS:  # a flat sum is long, not deep (bt16k F2)
        raise FormulaError(msg("formula has {terms:# term|# terms} in one run of + - or * /, more than the {most} "
                               "allowed", terms=terms, most=MAX_TERMS), None,
                           msg("split it: define parts under `derived:` (e.g. part_a: x1 + … + x50) and combine the "
                               "parts in the formula"))
    depth, tree_depth = _depth(tree.body)
    if tree_depth > MAX_TREE:  # long runs inside brackets inside long runs: not deep as read, too deep to compute
        raise FormulaError(msg("formula is too long to compute in one piece ({depth:# operation|# operations} one inside "
                               "another, at most {most})", depth=tree_depth, most=MAX_TREE), None,
                           msg("split it: define parts under `derived:` (e.g. part_a: x1 + … + x50) and combine the "
                               "parts in the formula"))
    if depth > MAX_DEPTH:
        raise FormulaError(msg("formula nests too deeply ({depth:# level|# levels}, at most {most})", depth=depth, most=MAX_DEPTH),
                           None, msg("simplify it, or define parts under `derived:`; each term of a long sum inside "
                                     "brackets or a function counts a level"))
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


def _refuse_constant_overflow(node: ast.AST, source: str, known: dict[str, float] | None = None) -> float:
    """The formula's value with every field and function taken as 1; a FormulaError at the first step that is
    beyond ±1.8e308 then (`1e308 * 10`, `x * 1e308 * 10`): such a formula overflows whatever the data, and
    the run would otherwise blame a workbook cell. Division by 0 gives NaN here, as in `evaluate`.
    `known`: the values of derived names (`Expansion.values`); any other name is 1."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.UnaryOp):
        inner = _refuse_constant_overflow(node.operand, source, known)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _refuse_constant_overflow(node.left, source, known), _refuse_constant_overflow(node.right, source, known)
        op = _BINOPS[type(node.op)]
        value = (math.nan if right == 0 else left / right) if op == "/" else _PLAIN[op](left, right)
        if math.isinf(value) and math.isfinite(left) and math.isfinite(right):
            raise FormulaError(msg("{text!r} is beyond ±1.8e308 whatever the data: too large to compute with",
                                   text=_written(node, source)), node.col_offset + 1,
                               msg("write its numbers in a larger unit, or with fewer digits"))
        return value
    if isinstance(node, ast.Call):
        inner = [_refuse_constant_overflow(a, source, known) for a in node.args if not isinstance(a, ast.Constant)
                 or not isinstance(a.value, str)]
        return inner[0] if node.func.id == "prior" else 1.0
    return (known or {}).get(getattr(node, "id", None), 1.0)  # a name


def _depth(root: ast.AST) -> tuple[int, int]:
    """(the deepest nesting of an ast as a reader sees it, the tree's own depth), walked without recursion (the tree
    may be arbitrarily deep). As read, a run of + - or * / is one level (`a + b + c`: Python's tree nests it 3
    deep; bt16k F2: a sum of 100 fields was "101 levels"); brackets around another run, a function, a sign add one."""
    deepest, tallest, stack = 0, 0, [(root, 1, 1)]
    while stack:
        node, depth, tall = stack.pop()
        deepest, tallest = max(deepest, depth), max(tallest, tall)
        if deepest > MAX_DEPTH or tallest > MAX_TREE:
            break
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.expr_context, ast.operator, ast.unaryop)):  # Load, Add: no level
                continue
            run = isinstance(node, ast.BinOp) and child is node.left and _level(child) == _level(node) != 0
            stack.append((child, depth if run else depth + 1, tall + 1))
    return deepest, tallest


def _level(node) -> int:
    """The precedence of a binary operation (1: + -, 2: * /), 0 for anything else (an ast node or a Node)."""
    op = node.op if isinstance(node, (ast.BinOp, BinOp)) else None
    op = _BINOPS.get(type(op), op)
    return 1 if op in ("+", "-") else 2 if op in ("*", "/") else 0


def _longest_run(root: ast.AST) -> int:
    """The most terms joined by operators of one precedence in a row (`a + b - c + d`: 4; `a * b + c`: 2; `x`: 1), walked
    without recursion: Python's parser nests such a run one level per term, which is what `_depth` counts."""
    level = _level
    longest, stack = 1, [(root, 2 if level(root) else 1)]
    while stack:
        node, run = stack.pop()
        longest = max(longest, run)
        for child in ast.iter_child_nodes(node):
            same = isinstance(node, ast.BinOp) and child is node.left and level(child) == level(node) != 0
            stack.append((child, run + 1 if same else 2 if level(child) else 1))
    return longest


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
        return float(_PLAIN[node.op](left, right))
    return None


def always_zero(node: Node, trials: int = 3, points: list | None = None) -> bool:
    """Whether a sub-formula is 0 whatever the data: `1 - 1`, and also `b - b`, `x * 0`, `annual(x) - annual(x)`.

    Each distinct name or call is given random whole values and the formula is computed exactly (with
    fractions); a formula that is not identically 0 is non-zero at a random point with near certainty
    (the Schwartz–Zippel lemma), so three zeros in three tries mean "always 0". `points`: the random
    points to use (`Expansion.points`, where derived names have their values), else `trials` fresh ones.
    """
    return all(point.value(node) == 0 for point in (points if points is not None else _random_points(trials)))


def _random_points(trials: int) -> list["_Point"]:
    import random

    rng = random.Random(20261201)
    return [_Point(rng) for _ in range(trials)]


class _Point:
    """One random point of `always_zero`: a whole value for each raw name and call, drawn on first use; a derived
    name's value (`derived`) is filled in by `Expansion` in dependency order, so nothing recurses through them."""

    def __init__(self, rng):
        self.rng, self.values, self.derived, self._earlier = rng, {}, {}, None

    def earlier(self) -> "_Point":
        """The point a year earlier: other values for every name (`prior(x)` is `x` over them); `Expansion` fills
        in its derived names too. (`prior(x)` as a variable of its own hid `prior(zero)`, always 0, bt16.)"""
        if self._earlier is None:
            self._earlier = _Point(self.rng)
        return self._earlier

    def value(self, n: Node):
        from fractions import Fraction

        if isinstance(n, Num):
            return Fraction(n.value)
        if isinstance(n, Name) and n.name in self.derived:
            return self.derived[n.name]
        if isinstance(n, Call) and n.func == "prior":
            return self.earlier().value(n.args[0])
        if isinstance(n, (Name, Call)):
            key = _key(n)
            if key not in self.values:
                self.values[key] = Fraction(self.rng.randint(2, 10**9))
            return self.values[key]
        if isinstance(n, Neg):
            inner = self.value(n.operand)
            return None if inner is None else -inner
        left, right = self.value(n.left), self.value(n.right)
        if left is None or right is None or (n.op == "/" and right == 0):
            return None  # undefined at this point: no verdict from it
        return {"+": left + right, "-": left - right, "*": left * right}[n.op] if n.op != "/" else left / right


MAX_STEPS = 10_000  # steps to compute one formula with its derived names expanded; real ones take under 100


class Expansion:
    """A framework's derived quantities as they are used: expanded in each formula that names them.

    A formula is computed with every derived name in it computed afresh, so what one formula's text shows
    is not what the run does: `e1: e0 + e0`, `e2: e1 + e1`, … double the work at each level (40 levels
    never end), a chain of 150 derived names nests 150 levels deep, and a divisor `zero` defined as
    `1 - 1` is always 0. `check` applies `parse`'s bounds and constant checks to a formula as expanded.
    `derived` must be free of cycles (refused before); every walk goes over the derived names in
    dependency order and never recurses through them, however long a chain.
    """

    def __init__(self, derived: dict[str, Node]):
        self.derived = derived
        self.depths: dict[str, int] = {}
        self.steps: dict[str, int] = {}
        self.values: dict[str, float] = {}
        self.points = _random_points(3)
        for name in dependency_order(derived):
            tree = derived[name]
            self.depths[name], self.steps[name] = self._depth(tree), self._steps(tree)
            self.values[name] = self._fold(tree)
            for point in self.points:  # exact values only where the work is bounded (else refused anyway)
                for at in (point, point.earlier()):  # now and a year earlier (prior() of a derived name)
                    at.derived[name] = at.value(tree) if self.steps[name] <= MAX_STEPS else None

    def _depth(self, n: Node) -> int:
        if isinstance(n, Name):
            return 1 + self.depths.get(n.name, 0)
        if isinstance(n, BinOp):  # a run of + - or * / is one level, as parse() counts it (bt16k F2)
            return max(self._depth(n.left) + (_level(n.left) != _level(n) or not _level(n)), 1 + self._depth(n.right))
        if isinstance(n, Neg):
            return 1 + self._depth(n.operand)
        if isinstance(n, Call):
            return 1 + max(self._depth(a) for a in n.args if not isinstance(a, str))
        return 1

    def _steps(self, n: Node) -> int:
        if isinstance(n, Name):
            return min(1 + self.steps.get(n.name, 0), MAX_STEPS + 1)
        if isinstance(n, BinOp):
            return min(1 + self._steps(n.left) + self._steps(n.right), MAX_STEPS + 1)
        if isinstance(n, Neg):
            return min(1 + self._steps(n.operand), MAX_STEPS + 1)
        if isinstance(n, Call):  # yoy(x) computes x twice (now and a year before); annual(f) reads one field
            inner = sum(self._steps(a) for a in n.args if not isinstance(a, str)) if n.func != "annual" else 0
            return min(1 + (2 if n.func == "yoy" else 1) * inner, MAX_STEPS + 1)
        return 1

    def _fold(self, n: Node) -> float:
        """As `_refuse_constant_overflow` computes it (fields and functions 1, prior(x) x), never raising."""
        if isinstance(n, Num):
            return n.value
        if isinstance(n, Name):
            return self.values.get(n.name, 1.0)
        if isinstance(n, Neg):
            return -self._fold(n.operand)
        if isinstance(n, BinOp):
            left, right = self._fold(n.left), self._fold(n.right)
            return (math.nan if right == 0 else left / right) if n.op == "/" else float(_PLAIN[n.op](left, right))
        if isinstance(n, Call) and n.func == "prior":
            return self._fold(n.args[0])
        return 1.0

    def check(self, text: str, tree: Node) -> None:
        """Refuse (FormulaError) a formula, already parsed from `text`, that is sound alone but not as expanded:
        more than MAX_DEPTH levels or MAX_STEPS steps through its derived names (said only where the bound is
        first crossed: a derived name it uses that crosses it alone is refused at its own line), a divisor
        always 0, or a step beyond ±1.8e308 whatever the data, through derived names."""
        used = [n.name for n in names(tree) if n.name in self.derived]
        depth, steps = self._depth(tree), self._steps(tree)
        if depth > MAX_DEPTH and all(self.depths[d] <= MAX_DEPTH for d in used):
            raise FormulaError(msg("formula nests too deeply through its derived quantities ({depth:# level|# levels}, at most "
                                   "{most})", depth=depth, most=MAX_DEPTH), None,
                               msg("each derived quantity is computed inside the formula that uses it: use fewer "
                                   "levels of derived quantities"))
        if steps > MAX_STEPS and all(self.steps[d] <= MAX_STEPS for d in used):
            raise FormulaError(msg("formula takes more than {most:,} steps to compute through its derived quantities",
                                   most=MAX_STEPS), None,
                               msg("each use of a derived quantity computes it again (and yoy() computes its argument "
                                   "twice): use each derived quantity fewer times, or fewer levels of them"))
        if not used:
            return  # the checks below are parse()'s own when no derived name is involved
        body = ast.parse(text.strip(), mode="eval").body
        for node in ast.walk(body):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) \
                    and always_zero(_convert(node.right, text.strip()), points=self.points):
                raise FormulaError(msg("divides by {divisor!r}, which is always 0", divisor=_written(node.right, text.strip())),
                                   getattr(node.right, "col_offset", 0) + 1,
                                   msg("a division by zero gives no value, so the indicator would drop out with its "
                                       "weight; correct the divisor"))
        _refuse_constant_overflow(body, text.strip(), self.values)


def dependency_order(derived: dict[str, Node]) -> list[str]:
    """The derived names, each after every derived name its formula uses (an iterative depth-first walk, so a
    chain of thousands is no deeper for Python than one); a name in a cycle comes once, its cycle unbroken."""
    order: list[str] = []
    state: dict[str, str] = {}
    for root in derived:
        if root in state:
            continue
        stack = [(root, iter([n.name for n in names(derived[root]) if n.name in derived]))]
        state[root] = "active"
        while stack:
            name, todo = stack[-1]
            nxt = next((d for d in todo if d not in state), None)
            if nxt is None:
                stack.pop()
                state[name] = "done"
                order.append(name)
            else:
                state[nxt] = "active"
                stack.append((nxt, iter([n.name for n in names(derived[nxt]) if n.name in derived])))
    return order


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
            raise FormulaError(msg("{func}() takes {wanted:# argument|# arguments}, got {got}", func=func, wanted=FUNCTIONS[func],
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
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return _eval(node, ctx, shift, overflow)


def overflowed(steps: list, n: int) -> np.ndarray:
    """Where any step `evaluate` recorded in `overflow` was ±inf: a boolean array of length `n`."""
    import numpy as np

    out = np.zeros(n, dtype=bool)
    for step in steps:
        out |= np.broadcast_to(np.asarray(step, dtype=bool), (n,))
    return out


def _eval(node: Node, ctx: Context, shift: int, track: list | None = None) -> np.ndarray:
    out = _eval_node(node, ctx, shift, track)
    if track is not None:
        import numpy as np

        track.append(np.isinf(out))
    return out


def _eval_node(node: Node, ctx: Context, shift: int, track: list | None) -> np.ndarray:
    import numpy as np

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
        return _PLAIN[node.op](left, right)  # on arrays, numpy's own add, subtract and multiply
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


# Floats: inf on overflow, never a warning or an exception; numpy arrays: their own ufuncs (np.add, …).
_PLAIN: dict[str, Callable] = {"+": operator.add, "-": operator.sub, "*": operator.mul}


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
        return f"{written(node.value)}"
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
