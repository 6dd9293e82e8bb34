"""An output workbook written into a folder given as input is warned of when it is written: the next run over
that folder reads it as a statistics workbook and stops on it (bt16k F9)."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("command", ["compare", "plan"])
def test_an_xlsx_written_into_the_input_folder_is_warned_of(tmp_path, command):
    folder = tmp_path / "data"
    shutil.copytree(EXAMPLES, folder)
    args = [folder, folder / "scenarios" / "外贸扩量.yaml"] if command == "compare" else [folder, "--target", "80"]
    done = run_cli(command, *args, "--xlsx", folder / "new.xlsx", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "new.xlsx is written into" in done.stderr and "the next run over that folder" in done.stderr
    (folder / "new.xlsx").unlink()  # read next, it would stop the run: what the warning says
    elsewhere = run_cli(command, *args, "--xlsx", tmp_path / "out.xlsx", "--lang", "en")
    assert elsewhere.returncode == 0 and "the next run over that folder" not in elsewhere.stderr
