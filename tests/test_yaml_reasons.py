"""A YAML file that cannot be parsed is refused at its line and column with the parser's reason in the language in
use: PyYAML's common reasons go through the catalogue, so a Chinese message carries no English from the library
(bt15 F7: `YAML 语法错误：mapping values are not allowed here`). Each document is broken here, by the test."""

from __future__ import annotations

import re

import pytest

from scorer.errors import ScorerError
from scorer.yamlio import load_yaml

# (document, the line PyYAML's mark gives)
BROKEN = {
    "colon_in_a_value": ("name: 外资: 增长\n", 1),
    "key_without_colon": ("name: a\nfields\n  fdi_actual: +20%\n", 3),
    "tab_indentation": ("fields:\n\tfdi_actual: +20%\n", 2),
    "list_as_a_key": ("{[1]: 2}\n", 1),
    "bracket_not_closed": ("weights: [1, 2\n", 2),
    "brace_not_closed": ("fields: {fdi_actual: +20%\n", 2),
    "quote_not_closed": ('name: "外资\n', 2),
    "indentation_does_not_match": ("fields:\n  fdi_actual: +20%\n trade_total: +5%\n", 3),
    "alias_without_anchor": ("fields: *x\n", 1),
    "unknown_escape": ('name: "\\q"\n', 1),
    "list_item_after_a_key": ("name: - a\n", 1),
    "two_documents": ("name: a\n---\nname: b\n", 2),
    "percent_at_the_start": ("fields:\n  fdi_actual: %20\n", 2),
    "text_after_a_quoted_value": ("name: 'a' b\n", 1),
}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_yaml_syntax_error_is_said_in_chinese_at_its_line(tmp_path, name):
    text, line = BROKEN[name]
    path = tmp_path / "情景.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_yaml(path)
    problem = info.value.problems[0]
    assert problem.location.line == line and problem.location.column is not None, problem.render("en")
    column = problem.location.column
    zh = problem.render("zh")
    words = set(ENGLISH_WORD.findall(problem.message_zh)) - {"YAML"}
    assert not words, zh
    assert f"情景.yaml:{line}:{column}：错误：YAML 语法错误：" in zh, zh
    assert str(problem.message).startswith("YAML syntax error: ") and len(str(problem.message)) > 30
