"""Paths of the wrong kind (bt16h F1, F9): an output folder that is a file, a FIFO or a device, and an input
that is neither a regular file nor a folder (a FIFO, a socket, a device), are refused before any work, naming
the path and what it is, exit 1, no traceback. A FIFO among the inputs hung `compare` and `score` forever
(open() waits for a writer); `watch -o FILE` started and failed only at its first report."""

from __future__ import annotations

import os

import pytest
import typer

from conftest import ROOT, run_cli

ASEM = ROOT / "tests" / "data" / "coinr-asem"


def _output_folder_commands(tmp_path):
    """Every command with an output-folder option, as (the option's command line without the folder)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    return {"watch": ["watch", inbox, "--interval", "0.1", "--max-polls", "1", "-o"],
            "import-coinr": ["import-coinr", ASEM / "ASEM_iMeta.csv", ASEM / "ASEM_iData.csv", "-o"]}


def test_every_output_folder_option_is_tested(tmp_path):
    """A new command whose -o names a folder must join the list above (and so the refusals below)."""
    import importlib

    from scorer.cli.app import COMMANDS, app

    for module in sorted({m for m, _ in COMMANDS.values()}):
        importlib.import_module(module)  # every command registered (the CLI imports each only when it runs)
    group = typer.main.get_command(app)
    folders = set()
    for name, command in group.commands.items():
        for sub_name, sub in getattr(command, "commands", {name: command}).items():
            for param in sub.params:
                if "-o" in getattr(param, "opts", ()) and "folder" in (param.help or "").lower():
                    folders.add(name if sub is command else f"{name} {sub_name}")
    assert folders == set(_output_folder_commands(tmp_path))


def _not_folders(tmp_path):
    regular = tmp_path / "regular.txt"
    regular.write_text("x")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return {"a regular file": regular, "a FIFO (named pipe)": fifo, "a character device": "/dev/null"}


@pytest.mark.parametrize("command", ["watch", "import-coinr"])
def test_an_output_folder_that_is_not_a_folder_is_refused_at_once(tmp_path, command):
    line = _output_folder_commands(tmp_path)[command]
    for what, path in _not_folders(tmp_path).items():
        for given in (path, *([] if what == "a character device" else [f"{path}/sub"])):
            done = run_cli("--lang", "en", *line, given)
            said = done.stdout + done.stderr
            assert done.returncode == 1, (given, said)
            assert f"{given}: error:" in done.stderr, (given, said)
            assert (what if given == path else "is a file") in done.stderr, (given, said)
            assert "watching" not in said and "Traceback" not in said, said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "inbox", "regular.txt"]
