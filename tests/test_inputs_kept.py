"""No output of a run is ever written over a file the run reads — whichever reader read it (bt16g F1).

The files a run reads are found here independently of scorer's own record (scorer.atomic.files_read): a Python
audit hook sees every file the process opens while a command runs in this process. Each of them (through a hard
link, a name the loader never saw) is then given as the command's output: it must be refused and left unchanged."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorer.atomic import end_run, files_read, note_read, start_run, write_atomic
from scorer.errors import ScorerError
from scorer.resources import indicators_dir
from tests.bad_inputs import EXAMPLE_Q2
from tests.conftest import run_cli

_OPENED: list[str] | None = None  # while not None, the audit hook adds every file opened for reading


def _hook(event: str, args: tuple) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        if (mode is None or "r" in str(mode)) and not (isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR)):
            _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_hook)  # audit hooks cannot be removed: this one records only inside `_reads_of`


def _reads_of(args: list[str], under: Path) -> set[Path]:
    """The regular files under `under` that `scorer ARGS`, run in this process, opens for reading."""
    global _OPENED
    import importlib

    from scorer.cli.app import COMMANDS, app

    for module in sorted({m for m, _ in COMMANDS.values()}):
        importlib.import_module(module)  # every command registered (the CLI imports each only when it runs)

    _OPENED = []
    try:
        result = CliRunner().invoke(app, args)
    finally:
        opened, _OPENED = _OPENED, None
    assert result.exit_code == 0, result.output
    return {Path(p).resolve() for p in opened if Path(p).is_file() and Path(p).resolve().is_relative_to(under.resolve())}


@pytest.fixture
def custom_framework(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the bundled framework folder (rules, effort, peer table and its sidecar beside framework.yaml)
    and a folder with one example workbook."""
    fw = tmp_path / "fw"
    shutil.copytree(indicators_dir(), fw)
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(EXAMPLE_Q2, data)
    return fw, data


def _writer(out: Path, fw: Path, data: Path) -> list:
    """A command that writes `out` (by its kind) while reading the framework `fw` and the workbooks in `data`."""
    if out.suffix == ".csv":
        return ["uncertainty", data, "-f", fw / "framework.yaml", "--draws", "20", "--export", out]
    if out.suffix == ".xlsx":
        return ["plan", data, "-f", fw / "framework.yaml", "--target", "75", "--xlsx", out]
    return ["plan", data, "-f", fw / "framework.yaml", "--target", "75", "--scenario", out]


def test_every_file_a_run_reads_is_refused_as_its_output(custom_framework, tmp_path):
    fw, data = custom_framework
    probe = tmp_path / "probe"
    probe.mkdir()
    read = set()
    for out in (probe / "p.yaml", probe / "p.csv"):
        read |= _reads_of(["--lang", "en", *map(str, _writer(out, fw, data))], tmp_path)
    read = {p for p in read if p.parent != probe.resolve()}
    # the files the loader finds beside the framework (the finding's) are among those read
    beside = {"rules.yaml", "effort.yaml", "peers/central-synthetic.csv", "peers/central-synthetic.yaml"}
    assert beside <= {p.relative_to(fw.resolve()).as_posix() for p in read if p.is_relative_to(fw.resolve())}
    links = tmp_path / "links"
    links.mkdir()
    for i, path in enumerate(sorted(read)):
        link = links / f"{i}{path.suffix}"
        os.link(path, link)  # the same file under a name no loader knows
        before = path.read_bytes()
        done = run_cli("--lang", "en", *_writer(link, fw, data))
        assert done.returncode not in (0, 70), (path, done.stderr)
        assert "would overwrite the input" in done.stderr, (path, done.stderr)
        assert path.read_bytes() == before, path


def test_plan_scenario_over_the_rules_beside_a_framework(custom_framework):
    fw, data = custom_framework
    before = (fw / "rules.yaml").read_bytes()
    done = run_cli("--lang", "en", *_writer(fw / "rules.yaml", fw, data))
    assert done.returncode == 1 and "would overwrite the input" in done.stderr, done.stderr
    assert (fw / "rules.yaml").read_bytes() == before


def test_a_write_refuses_every_file_read_in_the_run(tmp_path):
    """The record is the writers' own check: a file read by any reader in a run is refused by every write, by any
    name; scorer used as a library (no run) writes back what it read."""
    read = tmp_path / "in.yaml"
    read.write_text("a: 1\n", encoding="utf-8")
    from scorer.yamlio import load_yaml

    load_yaml(read)  # outside a run (scorer as a library): nothing recorded
    assert files_read() == []
    write_atomic(read, "a: 1\n")
    os.link(read, tmp_path / "other.yaml")
    start_run()
    try:
        load_yaml(read)
        assert read in files_read()
        for out in (read, tmp_path / "other.yaml"):
            with pytest.raises(ScorerError, match="would overwrite the input"):
                write_atomic(out, "b: 2\n")
        assert read.read_text(encoding="utf-8") == "a: 1\n"
        note_read(tmp_path / "never.csv")  # not there: nothing to refuse
        write_atomic(tmp_path / "new.yaml", "c: 3\n")
    finally:
        end_run()
    write_atomic(read, "b: 2\n")  # the run has ended
    assert read.read_text(encoding="utf-8") == "b: 2\n"


@pytest.mark.parametrize("typed", ["W.xlsx", "link.xlsx", "hard.xlsx"])
def test_the_refusal_names_the_input_as_the_output_was_spelled(tmp_path, typed):
    """A folder holds one workbook under three names (a hard link, a symbolic link): the refusal names the one
    typed as the output, not whichever the folder listed first (bt16g F7a)."""
    from scorer.atomic import refuse_inputs

    (tmp_path / "W.xlsx").write_bytes(b"x")
    os.link(tmp_path / "W.xlsx", tmp_path / "hard.xlsx")
    (tmp_path / "link.xlsx").symlink_to("W.xlsx")
    inputs = sorted(tmp_path.iterdir())  # hard.xlsx first
    with pytest.raises(ScorerError) as caught:
        refuse_inputs(tmp_path / typed, inputs)
    assert str(caught.value.problems[0].message).endswith(f"the input {tmp_path / typed}")
