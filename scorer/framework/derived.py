"""A framework's derived quantities (`derived:` in framework.yaml) and the names a formula refers to.

What a formula reads is checked the same way in an indicator's formula and in a derived quantity's: every
name is a raw field or a derived quantity, annual() takes a raw flow, to() a raw field. A derived
quantity is computed inside each formula that uses it, so each formula is also checked as expanded
through its derived names (scorer.framework.formula.Expansion): nesting depth, steps, a divisor always
0, a step beyond ±1.8e308. Every problem is refused with the file and line, so that `score` never meets
a framework it cannot compute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from scorer import units
from scorer.errors import Location, Problem
from scorer.framework import formula as fx
from scorer.messages import Text, msg, text_of


def parse_derived(texts: dict[str, str], fields: dict, at: Callable[..., Location]) -> tuple[dict[str, fx.Node], list[Problem]]:
    """The derived quantities parsed (name → tree) and the problems: a raw field's name taken, a formula that
    does not parse, a cycle. `at(*keys)` is the place of a YAML key."""
    derived: dict[str, fx.Node] = {}
    problems: list[Problem] = []
    for name, text in texts.items():
        if name in fields:
            problems.append(Problem(msg("derived quantity {name!r} has the name of a raw field", name=name),
                                    at("derived", name), msg("rename it")))
            continue
        try:
            derived[name] = fx.parse(text)
        except fx.FormulaError as exc:
            problems.append(Problem(msg("derived {name!r}: {exc}", name=name, exc=text_of(exc)), at("derived", name), exc.hint))
    return derived, problems + check_cycles(derived, at)


def check_derived(texts: dict[str, str], derived: dict[str, fx.Node], fields: dict, fields_path: Path | None,
                  at: Callable[..., Location], acyclic: bool) -> tuple[fx.Expansion | None, list[Problem]]:
    """Each derived formula's names, then each as expanded (when `acyclic`: cycles were refused by
    `parse_derived`); the Expansion (None after a cycle) checks the indicators' formulas."""
    problems = [Problem(msg("derived {name!r}: {exc}", name=name, exc=text), at("derived", name), hint)
                for name, tree in derived.items() for text, hint in check_refs(tree, fields, derived, fields_path)]
    if not acyclic:
        return None, problems
    expansion = fx.Expansion(derived)
    for name, tree in derived.items():
        try:
            expansion.check(texts[name], tree)
        except fx.FormulaError as exc:
            problems.append(Problem(msg("derived {name!r}: {exc}", name=name, exc=text_of(exc)), at("derived", name), exc.hint))
    return expansion, problems


def check_refs(tree: fx.Node, fields: dict, derived: dict[str, fx.Node],
               fields_path: Path | None) -> list[tuple[Text, Text | None]]:
    """What is wrong with the names a formula uses, as (message, hint) pairs for the caller to place: a name that
    is neither a raw field nor a derived quantity, annual() of a stock or of a derived quantity (it reads a raw
    field's year-to-date figures), to() of a derived quantity or across units that do not convert."""
    out: list[tuple[Text, Text | None]] = []
    file = fields_path.name if fields_path else "fields.yaml"
    for ref in fx.names(tree):
        if ref.name not in fields and ref.name not in derived:
            close = closest(ref.name, list(fields) + list(derived))
            out.append((msg("formula names unknown field {name!r} (column {column})", name=ref.name, column=ref.column),
                        msg("did you mean {close!r}? raw fields are defined in {file}", close=close, file=file) if close
                        else msg("raw fields are defined in {file}", file=file)))
    for call in fx.calls(tree):
        if call.func == "annual":
            ref = call.args[0].name
            if ref in fields and fields[ref].kind != "flow":
                out.append((msg("annual() applies to flows; {ref!r} is a stock", ref=ref), msg("use the field directly")))
            elif ref in derived:
                out.append((msg("annual() takes a raw field; {ref!r} is derived", ref=ref),
                            msg("apply annual() to the raw fields inside the derived formula")))
        if call.func == "to":
            inner = call.args[0]
            ref = inner.name if isinstance(inner, fx.Name) else inner.args[0].name
            if ref in fields:
                try:
                    if {units.dimension(fields[ref].unit), units.dimension(call.args[1])} != {"usd", "rmb"}:
                        units.factor(fields[ref].unit, call.args[1])  # 元 ↔ 美元 converts at each year's rate
                except units.UnitError as exc:
                    out.append((text_of(exc), None))
            elif ref in derived:
                out.append((msg("to() converts a raw field; {ref!r} is derived", ref=ref),
                            msg("apply to() to the raw fields inside the derived formula")))
    return out


def check_cycles(derived: dict[str, fx.Node], at: Callable[..., Location]) -> list[Problem]:
    """A problem at each derived name that closes a cycle of derived quantities referring to each other
    (walked without recursion: a chain of thousands of derived names is no deeper for Python than one)."""
    graph = {name: [n.name for n in fx.names(tree) if n.name in derived] for name, tree in derived.items()}
    problems, state = [], {}
    for root in graph:
        if root in state:
            continue
        state[root], path, stack = "active", [root], [iter(graph[root])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(nxt) == "active":
                cycle = path[path.index(nxt):] + [nxt]
                problems.append(Problem(msg("derived quantities refer to each other in a cycle: {names}",
                                            names=' → '.join(cycle)),
                                        at("derived", nxt), msg("break the cycle: one of them must use raw fields "
                                                                "only")))
            elif nxt not in state:
                state[nxt] = "active"
                path.append(nxt)
                stack.append(iter(graph[nxt]))
    return problems


def closest(name: str, candidates: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return match[0] if match else None
