"""Text from input written into a YAML output can add nothing to the document (bt16j F5), and a refused write
leaves the earlier outputs as they were.

Each case builds its hostile input in tmp_path: file names and texts holding every kind of line break YAML knows
(LF, CR, NEL, U+2028/9), controls, tabs, bidi marks, and YAML syntax after them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from scorer.atomic import write_together
from scorer.errors import ScorerError
from scorer.score.coinr import import_coinr
from scorer.yamlio import comment_text, yaml_document

DATA = Path(__file__).parent / "data" / "coinr-asem"

# Each tries to end the comment and start a key of its own.
BREAKS = ["\n", "\r", "\r\n", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\t", "\x1b", "\u202e", "\ufeff"]
INJECTED = "imputation: {method: mean}\nnormalisation: {method: zscore}"


@pytest.mark.parametrize("brk", BREAKS)
def test_a_comment_from_input_never_adds_to_the_document(brk):
    doc = {"a": 1, "b": {"c": [1, "x"]}}
    text = yaml_document(doc, [f"from m{brk}{INJECTED.replace(chr(10), brk)}{brk}#.csv", ""])
    assert yaml.safe_load(text) == doc
    for line in text.splitlines():  # every line of the head is a comment or blank
        if line.startswith("a:"):
            break
        assert line == "" or line.startswith("# "), line
    assert not any(ch in comment_text(f"x{brk}y") for ch in "\n\r\x85\u2028\u2029\x0b\x0c\x1b\u202e")


@pytest.mark.parametrize("brk", ["\n", "\r", "\x85", "\u2028", "\x0b"])
def test_import_coinr_writes_file_names_with_line_breaks_as_text(tmp_path, brk):
    name = f"m{brk}{INJECTED.replace(chr(10), brk)}{brk}#.csv"
    try:
        meta = tmp_path / name
        shutil.copy(DATA / "ASEM_iMeta.csv", meta)
    except OSError:
        pytest.skip("this file system refuses the name")
    plain = import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", tmp_path / "plain")
    hostile = import_coinr(meta, DATA / "ASEM_iData.csv", tmp_path / "hostile")
    doc, clean = (yaml.safe_load(p.framework_path.read_text("utf-8")) for p in (hostile, plain))
    assert set(doc) == set(clean) == {"framework", "normalisation", "aggregation", "groups"}
    assert doc["normalisation"] == clean["normalisation"] and "imputation" not in doc
    assert doc["framework"]["source"].startswith(f"Imported from COINr iMeta {name} ")  # the value keeps the name


def test_a_refused_import_leaves_the_earlier_framework_and_data(tmp_path, monkeypatch):
    out = tmp_path / "out"
    import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def refuse(path):
        raise ScorerError.at("refused", file=path)

    monkeypatch.setattr("scorer.score.coinr.load_framework", refuse)
    with pytest.raises(ScorerError):
        import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", out, normalise="minmax")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # nothing replaced, no temporary file left


def test_write_together_renames_nothing_when_the_check_refuses(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.csv"
    a.write_text("old a"), b.write_text("old b")
    seen = []

    def check(temps):
        seen.extend(p.read_text() for p in temps)
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_together([(a, "new a"), (b, "new b")], check=check)
    assert seen == ["new a", "new b"]
    assert (a.read_text(), b.read_text()) == ("old a", "old b") and sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.csv"]


def test_a_scenario_written_back_keeps_its_hostile_name_as_text(tmp_path):
    from scorer.whatif.changes import Scenario, dump_scenario

    name = f"x\n{INJECTED}\u2028y: 1"
    path = tmp_path / "s.yaml"
    dump_scenario(Scenario(name=name, description="d\r\nfields: {fdi_actual: '+50%'}"), path)
    doc = yaml.safe_load(path.read_text("utf-8"))
    assert set(doc) == {"name", "description"} and doc["name"] == name
