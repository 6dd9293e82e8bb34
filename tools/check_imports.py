"""Check that scorer's modules import one way: no import circle, and no stage importing a later one.

Reads every module under scorer/ with `ast` (nothing is imported or run), counts imports inside
functions too (a lazy import is still a dependency), and prints one line per fault. Exit 0 when there
is none, 1 otherwise. Used by tests/test_layout.py; run it by hand with `python tools/check_imports.py`.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "scorer"

# The pipeline's stages, in the order data flows; a module may import its own stage and earlier ones.
STAGES = [
    ("foundation", ["scorer.errors", "scorer.lang", "scorer.messages", "scorer.resources", "scorer.yamlio", "scorer.units", "scorer.words", "scorer.i18n",
                    "scorer.archives", "scorer.atomic", "scorer.sheets", "scorer.fonts", "scorer.fmt", "scorer.methods"]),
    ("framework", ["scorer.framework"]),
    ("read", ["scorer.read"]),
    ("score", ["scorer.score"]),
    ("whatif", ["scorer.whatif"]),
    ("report", ["scorer.report"]),
    ("front door", ["scorer.pipeline"]),
    ("cli", ["scorer.cli", "scorer.schema", "scorer.schema_base", "scorer.__main__", "scorer"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> int:
    best, best_len = len(STAGES) - 1, -1
    for i, (_, prefixes) in enumerate(STAGES):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best_len:
                best, best_len = i, len(p)
    return best


def imports(path: Path, known: set[str]) -> set[str]:
    """The scorer modules a file imports (resolving `from scorer.x import y` to scorer.x.y when y is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for n in names:
            while n and n not in known:
                n = n.rpartition(".")[0]
            if n and n != me:
                found.add(n)
    return found


def graph() -> dict[str, set[str]]:
    files = sorted(ROOT.rglob("*.py"))
    known = {module_name(f) for f in files}
    return {module_name(f): imports(f, known) for f in files}


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def faults() -> list[str]:
    g = graph()
    found = [f"import circle: {' ↔ '.join(c)}" for c in cycles(g)]
    for mod, deps in sorted(g.items()):
        for dep in sorted(deps):
            if stage_of(dep) > stage_of(mod) and not (mod == "scorer" or mod.startswith("scorer.__")):
                found.append(f"{mod} ({STAGES[stage_of(mod)][0]}) imports {dep} "
                             f"({STAGES[stage_of(dep)][0]}), a later stage")
    return found


def main() -> int:
    problems = faults()
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
