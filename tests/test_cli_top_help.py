"""`scorer --help` and each command's help are printed from scorer/cli/top_help.py without loading typer (issue 17:
typer's import alone is about 3× `python -c pass`), and what they print is typer's own help, in each language,
wherever it is served."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import top_help  # noqa: E402


def _scorer(*args: str, columns: int | None = 100, script: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    command = [str(ROOT / ".venv" / "bin" / "scorer")] if script else [sys.executable, "-m", "scorer"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_stored_help_is_typers_help_in_each_language(lang):
    """The stored text against the live command tree (a stale one is also named by tools/catalogue.py --check)."""
    from scorer.cli.top_help import PROG, TEXT

    for prog in ("scorer", "python -m scorer", "s" * 40):
        assert TEXT[lang].replace(PROG, prog) == top_help.render(lang, prog), (lang, prog)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_commands_stored_help_is_typers_help_in_each_language(lang):
    """Every command of COMMANDS, for the program names it is served for (up to main.COMMAND_PROG characters)."""
    from scorer.cli.app import COMMANDS
    from scorer.cli.main import COMMAND_PROG
    from scorer.cli.top_help import COMMAND_TEXT, PROG

    assert set(COMMAND_TEXT) == set(COMMANDS)
    for command in COMMANDS:
        for prog in ("scorer", "python -m scorer", "s" * COMMAND_PROG):
            assert COMMAND_TEXT[command][lang].replace(PROG, prog) == top_help.render(lang, prog, command=command), \
                (command, lang, prog)


@pytest.mark.parametrize("args", [["ingest", "--help"], ["--lang", "en", "score-table", "--help"],
                                  ["peers", "--help", "--lang=zh"]])
def test_a_commands_help_is_printed_without_loading_typer(args):
    lang = "zh" if "--lang=zh" in args else "en" if "en" in args else None
    probe = ("import sys; sys.argv = ['scorer', *sys.argv[1:]]\n"
             "from scorer.cli.entry import main\n"
             "try:\n    main()\nfinally:\n    sys.stderr.write('typer loaded' if 'typer' in sys.modules else 'no typer')\n")
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0 and done.stderr == "no typer", done.stderr
    from scorer.messages import language_of

    command = next(a for a in args if not a.startswith("-") and a not in ("en", "zh"))
    assert done.stdout == top_help.render(lang or language_of(), "scorer", 120, command=command)


def test_an_unknown_command_with_help_is_left_to_typer():
    done = _scorer("--lang", "en", "scroe", "--help")
    assert done.returncode == 2 and "No such command 'scroe'" in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["--lang", "en", "--help"], ["--help", "--lang=zh"]])
def test_scorer_help_prints_the_help_typer_prints_without_loading_typer(args):
    lang = "zh" if "--lang=zh" in args else "en" if "en" in args else None
    probe = ("import sys; sys.argv = ['scorer', *sys.argv[1:]]\n"
             "from scorer.cli.entry import main\n"
             "try:\n    main()\nfinally:\n    sys.stderr.write('typer loaded' if 'typer' in sys.modules else 'no typer')\n")
    env = {**os.environ, "COLUMNS": "120"}
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0 and done.stderr == "no typer", done.stderr
    from scorer.messages import language_of

    assert done.stdout == top_help.render(lang or language_of(), "scorer", 120)


def test_a_narrow_terminal_or_other_arguments_get_typers_own_help():
    """Below 80 columns click wraps narrower than the stored text: typer prints it (same as the live help)."""
    narrow = _scorer("--lang", "en", "--help", columns=60)
    assert narrow.returncode == 0 and narrow.stdout == top_help.render("en", "python -m scorer", 60)
    assert narrow.stdout != top_help.render("en", "python -m scorer", 80)
    sub = _scorer("--lang", "en", "score", "--help", columns=60)  # a command's help on a narrow terminal: typer's
    assert sub.returncode == 0 and "--peers" in sub.stdout and "Usage: python -m scorer score" in sub.stdout
    assert sub.stdout == top_help.render("en", "python -m scorer", 60, command="score")
    bad = _scorer("--lang", "xx", "--help")  # an unknown language is refused by the CLI, not served
    assert bad.returncode == 2 and "xx" in bad.stderr


def test_the_console_script_and_python_m_name_the_program_as_click_does(tmp_path):
    """program_name (no typer) against click's _detect_program_name: a console script, and `python -m` a package."""
    probe = ("from scorer.cli.main import program_name\n"
             "from typer._click.utils import _detect_program_name\nprint(program_name(), '|', _detect_program_name())\n")
    package = tmp_path / "zonepkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "__main__.py").write_text(probe)
    script = tmp_path / "scorer-script"
    script.write_text(probe)
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"}
    seen = set()
    for command in ([sys.executable, "-m", "zonepkg"], [sys.executable, str(script)]):
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
        ours, clicks = done.stdout.strip().split(" | ")
        assert ours == clicks, done.stdout + done.stderr
        seen.add(ours)
    assert seen == {"python -m zonepkg", "scorer-script"}


def test_a_stale_stored_help_is_named_with_what_to_run(tmp_path):
    stale = tmp_path / "top_help.py"
    stale.write_text((ROOT / "scorer" / "cli" / "top_help.py").read_text(encoding="utf-8").replace("Commands", "Commandz", 1),
                     encoding="utf-8")
    why = top_help.stale(stale)
    assert why and "top_help.py" in why and "tools/catalogue.py" in why
    assert top_help.stale() is None  # the repository's own is the live help
