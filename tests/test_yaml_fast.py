"""scorer.yamlio reads with libyaml's parser where PyYAML has it (several times faster), and says and reads exactly
what the pure-Python loader says and reads: data, the line of every key and item, and every error."""

from __future__ import annotations

import random

import pytest

import scorer.yamlio as yamlio
from scorer.errors import ScorerError
from tests.conftest import ROOT


def _read(path, numbers_as_text=False, pure=False):
    """(what load_yaml returns, with every node's lines) or ("error", the message), by either loader."""
    kept = dict(yamlio._FAST)
    if pure:
        yamlio._FAST.clear()
    try:
        return _with_lines(yamlio.load_yaml(path, numbers_as_text))
    except ScorerError as exc:
        return ("error", str(exc))
    finally:
        yamlio._FAST.update(kept)


def _with_lines(node):
    if isinstance(node, dict):
        return ("map", getattr(node, "line", None), getattr(node, "key_lines", None),
                [(k, _with_lines(v)) for k, v in node.items()])
    if isinstance(node, list):
        return ("seq", getattr(node, "line", None), getattr(node, "item_lines", None), [_with_lines(v) for v in node])
    return (type(node).__name__, node)


def test_libyaml_is_used_where_pyyaml_has_it():
    import yaml

    assert bool(yamlio._FAST) == bool(getattr(yaml, "__with_libyaml__", False))


@pytest.mark.parametrize("path", sorted((ROOT / "indicators").rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_reads_the_same_by_either_loader(path):
    for numbers_as_text in (False, True):
        assert _read(path, numbers_as_text) == _read(path, numbers_as_text, pure=True)


def test_damaged_files_are_read_or_refused_as_the_pure_loader_does(tmp_path):
    """Hundreds of copies of the bundled files with a few characters inserted, dropped or replaced (YAML's
    indicators, quotes, brackets, tabs, BOM, NUL, odd line breaks): the same data and lines, or the same error."""
    rng = random.Random(17)
    texts = [p.read_text(encoding="utf-8")[:4000] for p in sorted((ROOT / "indicators").rglob("*.yaml"))]
    marks = [*":-[]{}'\"#&*!|>%@`~ \n,\\=.+?\t", "  ", "\n- ", "\n  ", ": ", "é", "\ufeff", "\x00", "\r", "\x85",
             "\u2028", "---", "...", "<<", "!!", "&a", "*a"]
    path = tmp_path / "damaged.yaml"
    refused = 0
    for _ in range(300):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 4)):
            k, op = rng.randrange(len(text)), rng.random()
            text = (text[:k] + rng.choice(marks) + text[k:] if op < 0.4 else text[:k] + text[k + rng.randint(1, 3):]
                    if op < 0.7 else text[:k] + rng.choice(marks) + text[k + 1:])
        path.write_text(text, encoding="utf-8")
        fast, pure = _read(path), _read(path, pure=True)
        assert fast == pure, text
        refused += fast[0] == "error"
    assert 50 < refused < 300  # both kinds were tried


@pytest.mark.parametrize("text", ["a:\t1\n", "cites: [a, hena?_2023]\n"])
def test_what_libyaml_alone_reads_is_refused_as_before(tmp_path, text):
    """libyaml reads these, PyYAML refuses them: the text goes to the pure-Python loader, so the error stays."""
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    said = _read(path)
    assert said[0] == "error" and "YAML syntax error" in said[1] and said == _read(path, pure=True)


def test_nesting_beyond_libyamls_limit_is_said_as_before(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    said = _read(path)
    assert said[0] == "error" and said == _read(path, pure=True)
