"""A file a YAML names with Windows' `\\` (written on an analyst's PC, run on the office's Linux server) is refused at
its line with the `/` spelling to write, which works on both (bt15k F7: `fields: sub\\fields.yaml` was "not found" with
no word of why). Built for every file key of framework.yaml's `framework:` section, so the next one is held too."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from conftest import ROOT
from scorer.errors import ScorerError

FILE_KEYS = ("fields", "yardsticks")


@pytest.mark.skipif(sys.platform == "win32", reason="`\\` is a separator there")
@pytest.mark.parametrize("key", FILE_KEYS)
def test_a_backslash_path_in_the_framework_says_to_write_a_slash(tmp_path, key):
    from scorer.framework.model import load_framework

    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    framework = folder / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    m = re.search(rf"(?m)^  {key}: (\S+)$", text)
    assert m, f"framework.yaml has no `{key}:` under framework:"
    (folder / "sub").mkdir()
    shutil.copy(folder / m[1], folder / "sub" / m[1])
    framework.write_text(text.replace(m[0], f"  {key}: sub\\{m[1]}"), encoding="utf-8")
    with pytest.raises(ScorerError) as refused:
        load_framework(framework)
    problem = refused.value.problems[0]
    assert problem.location.line == text[:m.start()].count("\n") + 1, problem.location
    for hint in (str(problem.hint), problem.hint.zh):
        assert f"sub/{m[1]}" in hint and "\\" in hint, hint


def test_the_hint_says_nothing_of_slashes_on_windows_or_for_a_plain_name():
    from scorer.framework.base import path_hint
    from scorer.messages import msg

    base = msg("see examples/scenarios/")
    assert path_hint("sub\\f.yaml", base, "win32") == base and path_hint("sub/f.yaml", base, "linux") == base
    assert "sub/f.yaml" in str(path_hint("sub\\f.yaml", base, "linux"))
