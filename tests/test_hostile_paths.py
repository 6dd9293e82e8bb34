"""Hostile input found by the issue-16 break test: a name too long for the system, YAML nested thousands
deep, and `peers build` writing its sidecar over a YAML the run reads. Each is a located error, exit 1,
never an internal error (exit 70) or a lost file."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from conftest import run_cli
from scorer.errors import ScorerError


def test_an_output_name_too_long_for_the_system_is_a_located_error(tmp_path):
    from scorer.atomic import write_atomic

    out = tmp_path / ("长" * 90 + ".pdf")  # 272 bytes: over the 255 a file name may have
    with pytest.raises(ScorerError) as caught:
        write_atomic(out, b"x", inputs=[tmp_path / "in.xlsx"])
    assert str(out) in caught.value.problems[0].render()


@pytest.mark.parametrize("text", ["[" * 5000, "a: " + "{b: " * 5000])
def test_yaml_nested_thousands_deep_is_a_located_error(tmp_path, text):
    from scorer.yamlio import load_yaml

    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScorerError) as caught:
        load_yaml(path)
    assert caught.value.problems[0].location.file == path


@pytest.mark.parametrize("name", ["yardsticks", "rules", "exchange_rates"])
def test_peers_build_never_writes_its_sidecar_over_a_yaml_the_run_reads(tmp_path, name):
    from scorer.resources import indicators_dir

    folder = tmp_path / "ind"
    shutil.copytree(indicators_dir(), folder)
    kept = hashlib.sha256((folder / f"{name}.yaml").read_bytes()).hexdigest()
    done = run_cli("peers", "build", "--year", "2023", "-f", folder / "framework.yaml", "-o", folder / f"{name}.csv")
    assert done.returncode == 1 and "overwrite" in done.stderr, done.stderr
    assert hashlib.sha256((folder / f"{name}.yaml").read_bytes()).hexdigest() == kept
    assert not (folder / f"{name}.csv").exists()


def test_a_control_character_in_user_text_never_breaks_an_xlsx(tmp_path):
    """A scenario named "a\\x01b" made compare --xlsx die with IllegalCharacterError (exit 70)."""
    import pandas as pd
    from openpyxl import load_workbook

    from scorer.sheets import Column, Sheet, write_xlsx

    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Sheet("对比", pd.DataFrame({"name": ["a\x01b\x0bc"]}), [Column("name", "情景\x07名称")])])
    sheet = load_workbook(path).active
    assert sheet["A2"].value == "abc" and "\x07" not in str(sheet["A1"].value)
