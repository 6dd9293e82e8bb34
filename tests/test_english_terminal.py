"""The English terminal reads as English (bt15 F20): money in m/bn as the framework's texts write it (US$6m, 500m yuan),
never a count of Chinese units in running text (+600 US$10k, >= 5.00 100m yuan); a place as an ordinal (placed 5th);
a condition's or a score's name inside a sentence in lower case, quoted ("to confirm: “first among …”"), never a
capital after a semicolon or a colon as if a new sentence began."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, run_cli
from scorer import fmt

# a figure said as a count of 万/亿 units in English: "600 US$10k", "5.00 100m yuan", "24,131 10k yuan"
_CHINESE_UNITS = re.compile(r"\d\s+(US\$10k|US\$100m|10k yuan|100m yuan)\b")


@pytest.mark.parametrize("value, unit, expected", [
    (5.0, "亿元", "500m yuan"), (600, "万美元", "US$6m"), (24131, "万元", "241.31m yuan"), (25, "亿美元", "US$2.5bn"),
    (15, "亿元/平方公里", "1.50bn yuan per km²"), (4.89, "万元/亩", "48,900 yuan per mu"), (48.6, "亿元", "4.86bn yuan"),
])
def test_money_in_english_words(value, unit, expected):
    assert fmt.money_en(value, unit).replace(fmt.NBSP, " ") == expected
    assert fmt.money_en(3.0, "%") is None and fmt.money_en(None, "亿元") is None


def test_score_and_plan_read_as_english():
    score = run_cli("--lang", "en", "score", EXAMPLES, env={"COLUMNS": "250", "SCORER_COLUMNS": "250"})
    plan = run_cli("--lang", "en", "plan", EXAMPLES, "--verdict", env={"COLUMNS": "250", "SCORER_COLUMNS": "250"})
    assert score.returncode == 0 and plan.returncode == 0, score.stderr + plan.stderr
    text = score.stdout + plan.stdout
    # the conditions' "Required" and the actions' one-year targets: no count of Chinese units
    lines = [line for line in text.splitlines() if ">=" in line or "<=" in line or re.search(r"│ [+−]", line)]
    assert lines and not [line for line in lines if _CHINESE_UNITS.search(line)], [
        line for line in lines if _CHINESE_UNITS.search(line)]
    assert re.search(r">= 500m yuan", text) and re.search(r"\+US\$\d+(\.\d+)?m\b", text), text[:3000]
    assert re.search(r"placed \d+(st|nd|rd|th) beside", score.stdout), score.stdout[:600]
    # after "; " or ": " inside a sentence, a capital only for an acronym or a proper name
    starts = re.findall(r"(?:; |: |\(now: )([A-Z][a-z]+)", " ".join(text.replace("Verdict: ", "").split()))  # a label
    assert not [w for w in starts if w in {"Every", "First", "Meets", "Overall", "Not", "At", "No"}], starts


def test_no_option_shows_a_chinese_default_in_english_help():
    """`template --help` said `[default: 本开发区]` in English (bt15): a default shown in help is the same in both
    languages, so an option whose default is Chinese text says it in its help, in each language, not as [default: …]."""
    import typer.main

    from scorer.cli.app import app

    def walk(command, path):
        for param in getattr(command, "params", []):
            default = param.default
            if param.show_default is not False and isinstance(default, str) and re.search(r"[\u4e00-\u9fff]", default):
                yield f"{path} {param.name}: {default!r}"
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")

    assert list(walk(typer.main.get_command(app), "scorer")) == []
