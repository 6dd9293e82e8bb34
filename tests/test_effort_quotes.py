"""An effort file's refusal quotes what the user wrote (bt16h F6): `max_change: -40%` was refused as
"cannot read the change '+-40%': two signs", a text the program made by putting a + before it. Every bad
`max_change:` / `per:` of every field of the bundled effort.yaml, written several wrong ways, is refused at its
line quoting the value as written and nothing the file does not hold; a sign is said to be the fault."""

from __future__ import annotations

import re
import unicodedata

import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.resources import indicators_dir
from scorer.whatif.efforts import load_efforts

EFFORT = indicators_dir() / "effort.yaml"
VALUES = re.compile(r"^(\s+(?:max_change|per):\s*)(\S.*)$")
WRONG = ["-40%", "−40%", "+-40%", "abc%", "40 %%", "1,2%", "-3 个", "++5%", "40％％"]


@pytest.fixture(scope="module")
def framework():
    return load_framework()


@pytest.mark.parametrize("wrong", WRONG)
def test_every_refused_feasible_change_quotes_the_text_as_written(tmp_path, framework, wrong):
    lines = EFFORT.read_text(encoding="utf-8").splitlines()
    places = [k for k, line in enumerate(lines) if VALUES.match(line)]
    assert len(places) >= 40  # every field's max_change and per
    for k in places:
        edited = list(lines)
        edited[k] = VALUES.sub(lambda m: m[1] + wrong, lines[k])
        path = tmp_path / "effort.yaml"
        path.write_text("\n".join(edited) + "\n", encoding="utf-8")
        with pytest.raises(ScorerError) as caught:
            load_efforts(path, framework)
        said = [p for p in caught.value.problems if p.location.line == k + 1]
        assert said, (wrong, k, [p.render() for p in caught.value.problems])
        text = said[0].render()
        assert repr(wrong) in text or f"'{wrong}'" in text, text
        for quoted in re.findall(r"'([^']*)'", text.split("\n")[0].split(": ", 2)[-1]):
            # nothing quoted that the line does not hold (a unit may be named in its NFKC form: ％ as %)
            assert unicodedata.normalize("NFKC", quoted) in unicodedata.normalize("NFKC", edited[k]), (quoted, text)
        if wrong.lstrip("−")[:1] == "-":
            assert "without a sign" in text and "direction: decrease" in text, text
        assert "-8%" not in text, text  # a scenario's hint (+20% or -8%) is no feasible change's
