"""Every problem the code raises or records speaks Chinese too: no English-only literal at a problem site.

A problem's words are written with `scorer.messages.msg("English {x}", x=...)` (the catalogue gives the
Chinese) or `both(en, zh)`. A plain `"..."` or `f"..."` given as a `Problem`'s message or hint, or to
`ScorerError.at`, reaches a Chinese analyst in English (terminal, PDF data-quality list, watch log). This
scan reads the source of every module under scorer/ and names each such site, so the next one is caught
when it is written, not when a user sees English.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

SCORER = ROOT / "scorer"


def _english_literal(node: ast.AST | None) -> bool:
    """True when `node` is, or builds its text from, a str literal or f-string (not through msg/both/tr)."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isascii() and c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_english_literal(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):  # "..." + x, "%s" % x
        return _english_literal(node.left) or _english_literal(node.right)
    if isinstance(node, ast.IfExp):  # "a" if c else msg("b")
        return _english_literal(node.body) or _english_literal(node.orelse)
    if isinstance(node, ast.BoolOp):  # hint or "..."
        return any(_english_literal(v) for v in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return _english_literal(node.func.value)  # "...{}".format(x)
    return False


def _problem_args(call: ast.Call) -> list[tuple[str, ast.AST]] | None:
    """The (role, expression) of the words given at a problem site, or None when `call` is not one.

    Sites: `Problem(message, location, hint, ...)`, `ScorerError.at(message, hint=...)` and
    `load_model(path, model, not_a_mapping, hint=...)` (whose words become a problem). A call that gives
    `message_zh=` (or `hint_zh=`) writes its Chinese beside the English and is accepted for that part.
    """
    f = call.func
    is_problem = isinstance(f, ast.Name) and f.id == "Problem"
    is_at = isinstance(f, ast.Attribute) and f.attr == "at" and isinstance(f.value, ast.Name) and f.value.id == "ScorerError"
    is_load = isinstance(f, ast.Name) and f.id == "load_model"
    if not (is_problem or is_at or is_load):
        return None
    keywords = {k.arg: k.value for k in call.keywords}
    out = []
    if is_load:
        return [("message", call.args[2] if len(call.args) > 2 else keywords.get("not_a_mapping")),
                ("hint", call.args[3] if len(call.args) > 3 else keywords.get("hint"))]
    message = call.args[0] if call.args else keywords.get("message")
    if "message_zh" not in keywords:
        out.append(("message", message))
    hint = call.args[2] if is_problem and len(call.args) > 2 else keywords.get("hint")
    if "hint_zh" not in keywords:
        out.append(("hint", hint))
    return out


def _english_literals(root: Path, parts_of) -> list[str]:
    """Every (role, expression) that `parts_of(node, path)` gives for a node of a module under `root` (None: not a
    site) whose expression is an English-only literal: "file:line: role expression"."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            found += [f"{path.relative_to(root.parent)}:{expr.lineno}: {role} {ast.unparse(expr)[:80]}"
                      for role, expr in parts_of(node, path) or () if _english_literal(expr)]
    return found


def english_only_sites(root: Path = SCORER) -> list[str]:
    """Every problem site under `root` whose message or hint is an English-only literal: "file:line: role"."""
    return _english_literals(root, lambda node, path: _problem_args(node) if isinstance(node, ast.Call) else None)


def test_no_problem_site_passes_an_english_only_literal():
    sites = english_only_sites()
    assert sites == [], "write these with scorer.messages.msg(...) (and run tools/catalogue.py):\n" + "\n".join(sites)


@pytest.mark.parametrize("source, flagged", [
    ('Problem("file not found", where)', True),
    ('Problem(f"field {f!r} is odd", where, "fix it")', True),
    ('Problem(msg("field {f!r} is odd", f=f), where, "fix it")', True),  # the hint
    ('Problem(msg("x"), where, f"did you mean {c}?" if c else msg("name one"))', True),
    ('Problem(msg("x"), where, hint + " or not")', True),
    ('ScorerError.at(f"cannot read {p}", file=p)', True),
    ('ScorerError.at(msg("cannot read {p}", p=p), file=p, hint="give a CSV")', True),
    ('Problem(msg("field {f!r} is odd", f=f), where, msg("fix it"))', False),
    ('Problem(both(en, zh), where, exc.hint)', False),
    ('Problem(f"{a} odd", where, message_zh=f"{a} 异常")', False),
    ('ScorerError.at(msg("cannot read {p}", p=p), file=p)', False),
    ('Problem(msg("x"), where, "：")', False),  # punctuation only: nothing English in it
    ('load_model(path, Model, "expected a mapping")', True),
    ('load_model(path, Model, msg("expected a mapping"), hint="see examples/")', True),
    ('load_model(path, Model, msg("expected a mapping"), hint=msg("see examples/"))', False),
])
def test_the_scan_finds_english_literals_at_problem_sites(tmp_path, source, flagged):
    (tmp_path / "m.py").write_text(source + "\n", encoding="utf-8")
    assert bool(english_only_sites(tmp_path)) is flagged


# Exceptions whose words reach the user as they are (the caller puts text_of(exc) and exc.hint in a Problem).
USER_ERRORS = {"FormulaError", "ChangeError", "UnitError", "NonPositiveValueError"}
METHODS = SCORER / "methods"  # a method's ValueError names a setting of the framework: the user reads it


def english_only_raises(root: Path = SCORER) -> list[str]:
    """Every `raise` of a user-facing error (USER_ERRORS anywhere; ValueError or TypeError in scorer/methods/)
    whose message or hint is an English-only literal: "file:line: role"."""
    def parts_of(node, path):
        call = node.exc if isinstance(node, ast.Raise) else None
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            return None
        in_methods = METHODS in path.parents or root.name == "methods"
        if call.func.id not in USER_ERRORS and not (in_methods and call.func.id in ("ValueError", "TypeError")):
            return None
        keywords = {k.arg: k.value for k in call.keywords}
        return [("message", call.args[0] if call.args else keywords.get("message")),
                ("hint", call.args[2] if len(call.args) > 2 else keywords.get("hint"))]

    return _english_literals(root, parts_of)


def test_no_user_facing_error_is_raised_with_an_english_only_literal():
    sites = english_only_raises()
    assert sites == [], "write these with scorer.messages.msg(...) (and run tools/catalogue.py):\n" + "\n".join(sites)


@pytest.mark.parametrize("source, flagged", [
    ('raise FormulaError("empty formula")', True),
    ('raise FormulaError(msg("empty formula"), None, "write one")', True),
    ('raise FormulaError(msg("empty formula"), hint=f"write {x}")', True),
    ('raise FormulaError(msg("empty formula"), None, msg("write one"))', False),
    ('raise KeyError("not a user error")', False),
])
def test_the_scan_finds_user_facing_errors_raised_with_english_literals(tmp_path, source, flagged):
    (tmp_path / "m.py").write_text(source + "\n", encoding="utf-8")
    assert bool(english_only_raises(tmp_path)) is flagged


def test_the_scan_finds_a_method_s_value_error_raised_with_an_english_literal(tmp_path):
    (tmp_path / "methods").mkdir()
    (tmp_path / "methods" / "m.py").write_text('raise ValueError(f"unknown method {m!r}")\n', encoding="utf-8")
    assert english_only_raises(tmp_path / "methods")
