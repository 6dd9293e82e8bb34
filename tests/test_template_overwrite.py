"""`template -o` never replaces an existing file (a filled-in quarter's workbook, any file) unless --force
(bt16j F11): said in both languages, naming the file, exit 1, the file unchanged."""

from __future__ import annotations

import shutil

import pytest

from conftest import EXAMPLES, run_cli

FILLED = EXAMPLES / "周口经开区主要统计指标_2022年1-3月.xlsx"


@pytest.mark.parametrize("lang,words", [("en", "--force"), ("zh", "同名文件已存在")])
def test_template_refuses_an_existing_workbook_unless_forced(tmp_path, lang, words):
    target = tmp_path / "filled.xlsx"
    shutil.copy(FILLED, target)
    before = target.read_bytes()
    r = run_cli("template", "-o", str(target), "--period", "2023Q1", "--lang", lang)
    assert r.returncode == 1 and words in r.stderr and "filled.xlsx" in r.stderr
    assert target.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["filled.xlsx"]
    r = run_cli("template", "-o", str(target), "--period", "2023Q1", "--force", "--lang", lang)
    assert r.returncode == 0 and target.read_bytes() != before


def test_template_writes_a_new_file(tmp_path):
    r = run_cli("template", "-o", str(tmp_path / "new.xlsx"), "--period", "2023Q1", "--lang", "en")
    assert r.returncode == 0 and (tmp_path / "new.xlsx").is_file()
