"""Every character scorer's messages can print survives the consoles of Chinese Windows (GBK, code page 936):
it encodes, or the console streams give a stand-in for it (scorer.cli.streams), never "?"
(bt15 F4: the place separator › of file › 工作表 › 单元格 printed as "?" on a GBK console, 1642 times in one ingest).
The characters are taken from the code's own string constants (docstrings aside) and from every message of the
catalogue, in both languages, so that a new one is checked the day it is written."""

from __future__ import annotations

import ast
import codecs
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

from conftest import ROOT
from scorer.cli.streams import STAND_IN_ERRORS, stand_in

codecs.register_error(STAND_IN_ERRORS, stand_in)
PRINTED_FORMAT_CHARACTERS = {"\u2060", "\ufeff", "\u200b"}  # zero-width characters scorer writes into text (fmt.WJ)


def _strings() -> dict[str, str]:
    """Each non-ASCII character of the package's string constants and of the catalogue → one place it is in."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "scorer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body
                and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                for ch in node.value:
                    found.setdefault(ch, f"{path.relative_to(ROOT)}:{node.lineno}")
    po = ROOT / "scorer" / "locale" / "zh_CN" / "LC_MESSAGES" / "scorer.po"
    for ch in po.read_text(encoding="utf-8"):
        found.setdefault(ch, po.name)
    return {ch: where for ch, where in found.items() if not ch.isascii()
            and (not unicodedata.category(ch).startswith("C") or ch in PRINTED_FORMAT_CHARACTERS)}


def test_every_character_of_the_messages_has_a_stand_in_on_a_gbk_console():
    chars = _strings()
    lost = {f"U+{ord(ch):04X} {ch} ({where})" for ch, where in chars.items()
            if ch.encode("gbk", STAND_IN_ERRORS) == b"?"}
    assert "\u203a" in chars and not lost, sorted(lost)


def test_a_located_error_on_a_gbk_console_shows_its_separators(tmp_path):
    """The place of a problem (file › 工作表 › 单元格) as a GBK console shows it: no "?" where the separator was."""
    book = tmp_path / "坏 表.xlsx"
    book.write_bytes(b"not a workbook")
    sheet = tmp_path / "表.csv"
    sheet.write_text("周口经济开发区2022年1-6月主要经济指标\n指标名称,计量单位,1-6月累计\n地区生产总值,亿元,约120\n",
                     encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}
    done = subprocess.run([sys.executable, "-m", "scorer", "--lang", "zh", "ingest", str(sheet)], capture_output=True,
                          env=env, cwd=ROOT, timeout=300)
    err = done.stderr.decode("gbk")
    assert "单元格" in err and " ? " not in err and " > " in err, err
