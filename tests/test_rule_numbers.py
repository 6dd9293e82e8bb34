"""A rules file's number that nothing can mean is refused at its line, `basis: judgement` or not (bt16k F10:
rank_share_max −0.5, bottom_n −5 or 2.5, overall_min 150, a tax threshold of −50 亿元 passed validate and decided
verdicts page 2 then contradicted)."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from scorer.errors import ScorerError
from scorer.score.rules import load_rules
from tests.conftest import ROOT


def _rules(tmp_path, key: str, value: str):
    """indicators/rules.yaml with `key`'s value (a parameter, or thresholds/<id>) set to `value` as one's own number."""
    text = (ROOT / "indicators" / "rules.yaml").read_text(encoding="utf-8")
    if key.startswith("thresholds/"):
        tid = key.split("/", 1)[1]
        text, n = re.subn(rf"(  - id: {tid}\n(?:    .*\n)*?    value: )[^\n]+", rf"\g<1>{value}", text, count=1)
    elif re.search(rf"^{key}:$", text, flags=re.M):
        text, n = re.subn(rf"(^{key}:\n(?:  .*\n)*?  value: )[^\n]+", rf"\g<1>{value}", text, count=1, flags=re.M)
    else:
        text, n = text + f"\n{key}:\n  value: {value}\n  basis: judgement\n  source: 自定\n  confidence: low\n", 1
    assert n == 1, key
    # one's own number: not checked against what it cites, so only the check of sense can refuse it
    text = re.sub(r"(\n  value: [^\n]+\n)(?!  basis:)", r"\1  basis: judgement\n", text) if not key.startswith("thresholds/") \
        else re.sub(rf"(  - id: {key.split('/', 1)[1]}\n)", r"\1    basis: judgement\n", text, count=1)
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    yaml.safe_load(text)
    return path


def test_the_bundled_rules_pass(framework):
    assert load_rules(None, framework) is not None


@pytest.mark.parametrize("key, value, said", [
    ("bottom_n", "-5", "whole number"), ("bottom_n", "2.5", "whole number"), ("bottom_n", "-1", "whole number"),
    ("rank_share_max", "-0.5", "between 0 and 1"), ("rank_share_max", "50", "between 0 and 1"),
    ("rank_share_max", "1.5", "between 0 and 1"),
    ("overall_min", "150", "between 0 and"), ("overall_min", "-10", "between 0 and"),
    ("category_min", "101", "between 0 and"),
    ("thresholds/tax_revenue_min", "-50", "outside what"), ("thresholds/no_major_incident", "-1", "never below zero")])
def test_a_number_nothing_can_mean_is_refused_at_its_line(tmp_path, framework, key, value, said):
    path = _rules(tmp_path, key, value)
    with pytest.raises(ScorerError) as caught:
        load_rules(path, framework)
    found = [p for p in caught.value.problems if p.code == "rule_number_impossible"]
    assert found and said in found[0].message, [str(p.message) for p in caught.value.problems]
    line = path.read_text(encoding="utf-8").splitlines()[found[0].location.line - 1]
    assert "value:" in line and value in line, line
