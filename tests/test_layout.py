"""The package's shape: imports run one way (no circle, no stage importing a later one), and the README's Python example runs."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT, run_cli

sys.path.insert(0, str(ROOT / "tools"))
import check_imports  # noqa: E402


def test_no_import_circle_and_no_stage_imports_a_later_one():
    assert check_imports.faults() == []


def test_the_import_checker_finds_a_circle_and_a_backward_import(tmp_path, monkeypatch):
    pkg = tmp_path / "scorer"
    (pkg / "read").mkdir(parents=True)
    (pkg / "score").mkdir()
    for init in (pkg / "__init__.py", pkg / "read" / "__init__.py", pkg / "score" / "__init__.py"):
        init.write_text("")
    (pkg / "read" / "a.py").write_text("from scorer.score import b\n")  # read → score: backwards
    (pkg / "score" / "b.py").write_text("def f():\n    from scorer.read import a\n")  # and back: a circle
    monkeypatch.setattr(check_imports, "ROOT", pkg)
    found = check_imports.faults()
    assert any(f.startswith("import circle: scorer.read.a ↔ scorer.score.b") for f in found), found
    assert any("scorer.read.a (read) imports scorer.score.b (score), a later stage" in f for f in found), found


def test_import_scorer_exposes_the_documented_api_and_loads_nothing_heavy():
    code = ("import sys, scorer; heavy = [m for m in ('pandas', 'weasyprint', 'scipy') if m in sys.modules]; "
            "print(heavy); print(scorer.__all__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    heavy, names = out.splitlines()
    assert heavy == "[]"
    import scorer
    for name in scorer.__all__:
        obj = getattr(scorer, name)
        assert name == "__version__" or obj.__doc__, f"scorer.{name} has no docstring"


def test_the_readmes_python_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Use from Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = code.replace('"reports/from-python.pdf"', repr(str(tmp_path / "from-python.pdf")))
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2022Q4 ")
    assert (tmp_path / "from-python.pdf").read_bytes().startswith(b"%PDF")


def test_no_module_of_the_package_is_over_700_lines():
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "scorer").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert long == {}


HEAVY = ("pandas", "scipy", "weasyprint", "scorer.report", "scorer.report.render")


def _heavy_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    probe = (f"import sys\n{code}\n"
             f"print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return eval(out.strip().splitlines()[-1])  # a printed list of module names


def test_scorer_help_imports_nothing_heavy():
    code = ("sys.argv = ['scorer', '--help']\nfrom scorer.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert _heavy_after(code) == []


def test_scorer_help_imports_no_command_module_and_no_rich_console():
    code = ("sys.argv = ['scorer', '--help']\nfrom scorer.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert _heavy_after(code, ("scorer.cli.commands", "scorer.cli.analysis", "rich.console", "scorer.errors")) == []


def test_a_command_imports_its_own_module_only():
    # a narrow terminal: typer prints the help (on 80 columns or more it is served from scorer/cli/top_help.py)
    code = ("import os; os.environ['COLUMNS'] = '60'\n"
            "sys.argv = ['scorer', 'plan', '--help']\nfrom scorer.cli.main import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")
    assert _heavy_after(code, ("scorer.cli.commands", "scorer.cli.analysis")) == ["scorer.cli.analysis"]


def test_the_help_lists_every_command_and_group_with_its_docstrings_first_paragraph():
    import inspect

    import scorer.cli.analysis  # noqa: F401  (registers compare, uncertainty, plan)
    import scorer.cli.commands  # noqa: F401
    from scorer.cli.app import COMMANDS, app

    registered = {(c.name or c.callback.__name__.replace("_", "-")):
                  (c.callback.__module__, " ".join(inspect.cleandoc(c.callback.__doc__).split("\n\n")[0].split()))
                  for c in app.registered_commands}
    registered.update({g.name: (g.typer_instance.registered_commands[0].callback.__module__, g.typer_instance.info.help)
                       for g in app.registered_groups})
    assert registered == COMMANDS


def test_a_mistyped_command_is_refused_with_the_closest_name():
    result = run_cli("scroe", "examples")
    assert result.returncode == 2
    assert "No such command 'scroe'" in result.stderr and "'score'" in result.stderr


def test_each_commands_help_imports_nothing_heavy():
    for command in ("score", "report", "uncertainty", "plan", "score-table", "compare"):
        code = (f"sys.argv = ['scorer', {command!r}, '--help']\nfrom scorer.cli.main import main\n"
                "try:\n    main()\nexcept SystemExit:\n    pass")
        assert _heavy_after(code) == [], command


def test_every_commands_help_leaves_pydantic_and_numpy_unloaded():
    """Printing help checks no value: typer 0.29 built a pydantic TypeAdapter for every option left unset, so
    each command's --help imported pydantic (issue 17: ~130 ms of a 170 ms help). Every command, from COMMANDS, on a
    narrow terminal, where typer prints the help (on 80 columns or more it is served from scorer/cli/top_help.py)."""
    from scorer.cli.app import COMMANDS

    for command in COMMANDS:
        code = ("import os; os.environ['COLUMNS'] = '60'\n"
                f"sys.argv = ['scorer', {command!r}, '--help']\nfrom scorer.cli.main import main\n"
                "try:\n    main()\nexcept SystemExit:\n    pass")
        assert _heavy_after(code, ("pydantic", "typer._adapters", "numpy")) == [], command


def test_ingest_reads_a_workbook_without_pandas_scipy_or_the_report():
    """`scorer ingest` reads and checks workbooks: loading the framework (its methods checked against their
    signatures) and reading need pydantic, never pandas, and a small workbook no numpy (issue 17: its start-up
    was most of its time; numpy's import alone ~0.2 s: scorer.methods.NumpyWhenUsed, extent.BYTES_WITHOUT_NUMPY)."""
    book = next((ROOT / "examples").glob("*.xlsx"))
    code = (f"sys.argv = ['scorer', 'ingest', {str(book)!r}, '--json']\nfrom scorer.cli.main import main\n"
            "import io, contextlib\nwith contextlib.redirect_stdout(io.StringIO()) as got:\n"
            "    try:\n        main()\n    except SystemExit as exc:\n        assert not exc.code, exc.code\n"
            "assert '\"observations\"' in got.getvalue()")
    assert _heavy_after(code, (*HEAVY, "numpy")) == []


def test_the_plan_module_leaves_scipy_optimize_until_a_plan_is_solved():
    code = "import scorer.whatif.plan\nprint([m for m in ('scipy.optimize',) if m in sys.modules])"
    probe = f"import sys\n{code}"
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
