"""click's usage errors in a Chinese line carry no English of click's (bt15j F5b: "Option '--json' does not take a
value.", "Got unexpected extra argument(s) (b)" came through as click words them)."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, run_cli


def _english_words(line: str) -> list[str]:
    """English words of a Chinese error line, once the option names, the command's name and paths are taken out."""
    line = re.sub(r"`[^`]*`|--?[\w-]+|scorer|(?:/[^\s：:，]+)+", "", line)
    return re.findall(r"[A-Za-z]{3,}", line)


@pytest.mark.parametrize("args", [
    ["score", "--lang", "zh", EXAMPLES, "--json=1"],
    ["score", "--lang", "zh", EXAMPLES, "--first-in-province=yes"],
    ["validate", "--lang", "zh", "a", "b"],
    ["validate", "--lang", "zh", "a", "b", "c"],
    ["score", "--lang", "zh", EXAMPLES, "--period"],
    ["peers", "--lang", "zh", "build", "x", "y", "z"],
])
def test_a_usage_error_is_all_chinese(args):
    done = run_cli(*args)
    assert done.returncode == 2, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("错误"))
    assert not _english_words(line), line
