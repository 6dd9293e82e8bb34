"""Paths of the wrong kind (bt16h F1, F9): an output folder that is a file, a FIFO or a device, and an input
that is neither a regular file nor a folder (a FIFO, a socket, a device), are refused before any work, naming
the path and what it is, exit 1, no traceback. A FIFO among the inputs hung `compare` and `score` forever
(open() waits for a writer); `watch -o FILE` started and failed only at its first report."""

from __future__ import annotations

import os
import shutil

import pytest
import typer

from conftest import EXAMPLES, ROOT, run_cli

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


# ---------------------------------------------------------------------------------------- inputs (bt16h F9)
OUTPUTS = {"-o", "--xlsx", "--export"} | {("plan", "--scenario")}  # options naming a file the command writes
PEERS = ROOT / "indicators" / "peers" / "central-synthetic.csv"


def _path_params():
    """(command line, parameter) for every parameter of every command that names a path to read."""
    import importlib

    from scorer.cli.app import COMMANDS, app

    for module in sorted({m for m, _ in COMMANDS.values()}):
        importlib.import_module(module)

    def walk(group, prefix=()):
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))
            else:
                yield " ".join((*prefix, name)), command

    for name, command in walk(typer.main.get_command(app)):
        for param in command.params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None or "Path" not in str(descriptor.annotation):
                continue
            if OUTPUTS & set(param.opts) or (name, param.opts[0]) in OUTPUTS:
                continue
            yield name, param


INPUTS = [(name, param.opts[0] if param.param_type_name == "option" else param.name) for name, param in _path_params()]


def test_the_sweep_finds_the_inputs_it_must():
    assert {("compare", "paths"), ("score", "--peers"), ("plan", "--effort"), ("score-table", "data"),
            ("import-coinr", "meta"), ("peers build", "--model"), ("validate", "framework"),
            ("report", "--scenario"), ("watch", "--framework")} <= set(INPUTS)


def _command_line(command: str, given: str, special, tmp_path) -> list:
    """The command line of `command` with `special` where `given` goes and ordinary inputs elsewhere."""
    arguments = {"paths": [EXAMPLES], "framework": [ROOT / "indicators" / "framework.yaml"], "data": [PEERS],
                 "meta": [ASEM / "ASEM_iMeta.csv"], "folder": [tmp_path / "inbox"]}
    if command == "import-coinr":
        arguments["data"] = [ASEM / "ASEM_iData.csv"]
    line = command.split()
    command_obj = next(c for n, c in _commands_by_name() if n == command)
    for param in command_obj.params:
        if param.param_type_name == "argument":
            line += [special] if param.name == given else arguments.get(param.name, [])
    if command == "compare":
        line += [ROOT / "examples" / "scenarios"]  # the scenarios after the baseline's data
    if given.startswith("-"):
        line += [given, special]
    outputs = {"report": ["-o", tmp_path / "r.pdf"], "import-coinr": ["-o", tmp_path / "imported"],
               "peers build": ["-o", tmp_path / "peers.csv", "--year", "2023"], "plan": ["--target", "80"],
               "score-table": ["--json"],  # its --rules is read for the JSON's margins only
               "template": ["-o", tmp_path / "t.xlsx", "--period", "2022Q4"],
               "watch": ["-o", tmp_path / "out", "--max-polls", "1", "--interval", "0.1"]}
    return line + outputs.get(command, [])


def _commands_by_name():
    from scorer.cli.app import app

    def walk(group, prefix=()):
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                yield from walk(command, (*prefix, name))
            else:
                yield " ".join((*prefix, name)), command

    return list(walk(typer.main.get_command(app)))


@pytest.mark.parametrize("command, given", INPUTS)
def test_a_fifo_or_a_device_as_any_input_is_refused_before_it_is_opened(tmp_path, command, given):
    """A FIFO as any input hung the command (open() waits for a writer); the peer table said 'not found'. A
    FIFO is named with what it is, exit 1, at once; a device too (/dev/zero would read for ever)."""
    (tmp_path / "inbox").mkdir()
    suffix = {"paths": ".xlsx", "data": ".csv", "meta": ".csv", "--peers": ".csv"}.get(given, ".yaml")
    fifo = tmp_path / f"special{suffix}"
    os.mkfifo(fifo)
    for special, what in ((fifo, "a FIFO (named pipe)"), ("/dev/zero", "a character device")):
        if given == "folder":
            what = "not a folder"
        done = run_cli("--lang", "en", *_command_line(command, given, special, tmp_path))
        said = done.stdout + done.stderr
        assert done.returncode == 1, (special, said)
        assert f"{special}: error:" in done.stderr and what in done.stderr, (special, said)
        assert "Traceback" not in said and "internal error" not in said, said


@pytest.mark.parametrize("command", ["score", "compare", "report --scenario"])
def test_a_fifo_in_a_folder_named_is_refused_by_name_not_skipped(tmp_path, command):
    """`score inbox/` with a FIFO a.xlsx in it, `report --scenario scen/` with a FIFO f.yaml: the FIFO was skipped
    without a word (a folder's workbooks) or opened (compare's scenarios, named by a shell glob)."""
    folder = tmp_path / "folder"
    folder.mkdir()
    if command == "score":
        shutil.copy(next(EXAMPLES.glob("*2022年1-12月.xlsx")), folder)
        os.mkfifo(folder / "a.xlsx")
        line = ["score", folder]
    else:
        (folder / "s.yaml").write_text("name: s\nfields:\n  fdi_actual: +10%\n", encoding="utf-8")
        os.mkfifo(folder / "f.yaml")
        line = ["compare", EXAMPLES, folder] if command == "compare" else \
            ["report", EXAMPLES, "--scenario", folder, "-o", tmp_path / "r.pdf"]
    done = run_cli("--lang", "en", *line)
    assert done.returncode == 1 and "FIFO" in done.stderr, done.stdout + done.stderr
    assert f"{folder / ('a.xlsx' if command == 'score' else 'f.yaml')}: error:" in done.stderr, done.stderr
    assert not (tmp_path / "r.pdf").exists()


# ---------------------------------------------------------------------------------------- YAML size (bt16h F10)
YAML_INPUTS = [(c, g) for c, g in INPUTS if g in ("--framework", "framework", "--rules", "--effort", "--model",
                                                  "--scenario")] + [("compare", "paths")]


def _padded(path, text: str, size: int):
    """`text` followed by a comment that brings the file to `size` bytes."""
    pad = size - len(text.encode()) - 3
    path.write_text(text + "# " + "x" * pad + "\n", encoding="utf-8")
    assert path.stat().st_size == size
    return path


@pytest.mark.parametrize("command, given", YAML_INPUTS)
def test_a_yaml_over_the_size_bound_is_refused_naming_file_and_limit(tmp_path, command, given):
    """A 20 MB scenario took 98 s to read (60 MB: minutes, 600 MB of memory): every YAML a user names (framework,
    rules, effort, peer model, scenario) is refused past scorer.yamlio.MAX_YAML_BYTES, before it is parsed."""
    from scorer.yamlio import MAX_YAML_BYTES

    (tmp_path / "inbox").mkdir()
    big = _padded(tmp_path / "big.yaml", "name: big\n", MAX_YAML_BYTES + 1)
    line = _command_line(command, given, big, tmp_path)
    if command == "compare":
        line = ["compare", EXAMPLES, big]
    done = run_cli("--lang", "en", *line)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"{big}: error: the YAML file is larger than 2 MB" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_peer_tables_sidecar_over_the_bound_is_refused(tmp_path):
    from scorer.yamlio import MAX_YAML_BYTES

    shutil.copy(PEERS, tmp_path / "peers.csv")
    _padded(tmp_path / "peers.yaml", "synthetic: true\n", MAX_YAML_BYTES + 1)
    done = run_cli("--lang", "en", "score", EXAMPLES, "--peers", tmp_path / "peers.csv")
    assert done.returncode == 1 and f"{tmp_path / 'peers.yaml'}: error: the YAML file is larger" in done.stderr, \
        done.stderr


def test_the_bound_is_generous_for_a_real_file(tmp_path):
    """A scenario padded to just under the bound is read and compared as any other (the bound refuses size, not
    content), and quickly: the bound is where reading stays a few seconds."""
    import time

    from scorer.yamlio import MAX_YAML_BYTES, load_yaml

    real = _padded(tmp_path / "real.yaml", "name: real\nfields:\n  fdi_actual: +10%\n", MAX_YAML_BYTES)
    started = time.monotonic()
    assert load_yaml(real)["name"] == "real"
    assert time.monotonic() - started < 10
    done = run_cli("--lang", "en", "compare", EXAMPLES, real)
    assert done.returncode == 0 and "real" in done.stdout, done.stderr
