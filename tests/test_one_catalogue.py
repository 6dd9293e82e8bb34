"""One message catalogue for the terminal and the report (issue 15 point 1; bt15j F10): the report's words live in
scorer/words.py in English and get their Chinese from scorer/locale/zh_CN/LC_MESSAGES/scorer.po, beside the CLI's
messages, so a translator edits one file. No module keeps a table of its own with Chinese and English side by side."""

from __future__ import annotations

import ast
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import catalogue  # noqa: E402  (tools/catalogue.py)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

# zh/en pairs allowed outside the catalogue, each for a stated reason.
ALLOWED = {
    "scorer/cli/top_help.py": None,  # every name: `scorer --help` GENERATED from the catalogue by tools/top_help.py
    "scorer/errors.py": {"HINT_WORD"},  # the one word before a hint, beside LEVEL_WORDS (test_messages holds both to the report's)
    "scorer/cli/watch.py": {"WITHDRAWN"},  # the name of a folder on the share (reports/已撤回/), not a sentence
}


def _pairs(tree: ast.AST):
    """(name assigned, line) of every dict literal with a "zh" key holding a Chinese string literal and an "en" key."""
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        name = next((t.id for t in targets if isinstance(t, ast.Name)), "?")
        for inner in ast.walk(node.value):
            if not isinstance(inner, ast.Dict):
                continue
            keyed = {k.value: v for k, v in zip(inner.keys, inner.values) if isinstance(k, ast.Constant)}
            zh = keyed.get("zh")
            if "en" in keyed and isinstance(zh, ast.Constant) and isinstance(zh.value, str) and CJK.search(zh.value):
                yield name, inner.lineno


def test_no_module_keeps_a_second_table_of_chinese_and_english_words():
    found = []
    for path in sorted((ROOT / "scorer").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        allowed = ALLOWED.get(rel, set())
        for name, line in _pairs(ast.parse(path.read_text(encoding="utf-8"))):
            if allowed is not None and name not in allowed:
                found.append(f"{rel}:{line} ({name})")
    assert not found, ("Chinese beside English in the code: write the English with N_/msg and its Chinese in "
                       f"the catalogue (tools/catalogue.py): {found}")


def test_the_check_finds_such_a_table(tmp_path):
    """The scan above sees the shape it is looking for (a report's words as they were before bt15j F10)."""
    source = 'TEXT = {"title": {"zh": "评估报告", "en": "Assessment report"}}\nLEVELS = {"zh": {"a": "甲"}, "en": {}}\n'
    assert [name for name, _ in _pairs(ast.parse(source))] == ["TEXT"]


def test_every_report_word_is_extracted_into_the_catalogue_and_read_from_it():
    from babel.messages.pofile import read_po

    from scorer.i18n import TEXT
    from scorer.words import WORDS

    extracted = catalogue.code_messages()
    with catalogue.PO.open("rb") as f:
        po = read_po(f)
    missing, differ = [], []
    for key, en in WORDS.items():
        if not en:
            continue
        context = getattr(en, "context", None)
        entry = po.get(str(en), context=context)
        if (str(en), context) not in extracted or entry is None or not entry.string:
            missing.append(key)
        elif TEXT[key]["zh"] != entry.string or TEXT[key]["en"] != en:
            differ.append((key, TEXT[key]["zh"], entry.string))
    assert not missing, f"report words without their Chinese in {catalogue.PO.name}: {missing}"
    assert not differ, differ


@pytest.mark.parametrize("key, other", [("radar_target", "col_target"), ("met", "status_met"), ("item_sep", "counted_sep")])
def test_one_english_word_with_two_chinese_ones_keeps_both_through_its_context(key, other):
    from scorer.i18n import TEXT

    assert TEXT[key]["en"] == TEXT[other]["en"] and TEXT[key]["zh"] != TEXT[other]["zh"]
