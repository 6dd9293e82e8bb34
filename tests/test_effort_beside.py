"""bt16f F1: a copy of indicators/ with its effort.yaml edited was read by `validate` and `score` but not by `plan`
and `report`, which took the bundled file without a word (FDI at most +40 % where the user's file says +5 %): the
same inputs gave a different action table in `score` and in the report. Every command reads the effort file beside
the framework (the bundled one only when there is none)."""

from __future__ import annotations

import json
import re

from tests.conftest import EXAMPLES, run_cli
from tests.test_cited_chain import _copy


def test_every_command_reads_the_effort_file_beside_a_custom_framework(tmp_path):
    folder = _copy(tmp_path, {"effort.yaml": [("max_change: 40%", "max_change: 5%")]})
    fw = folder / "framework.yaml"
    score = run_cli("score", EXAMPLES, "-f", fw, "--json")
    assert score.returncode == 0, score.stderr
    assert json.loads(score.stdout)["actions"]["effort_file"] == str(folder / "effort.yaml")
    plan = run_cli("plan", EXAMPLES, "-f", fw, "--target", "80", "--json")
    given = run_cli("plan", EXAMPLES, "-f", fw, "--target", "80", "--json", "--effort", folder / "effort.yaml")
    assert plan.returncode == 0 and given.returncode == 0, plan.stderr + given.stderr
    assert json.loads(plan.stdout) == json.loads(given.stdout)
    html = tmp_path / "r.html"
    done = run_cli("report", EXAMPLES, "-f", fw, "--format", "html", "-o", html, "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    # the sample's FDI is US$15m: a year's step is +5 % of it (US$0.75m) by the user's file, never +40 % (US$6m)
    row = text[text.index("Actual use of foreign investment US$15m"):][:80]
    assert "+US$0.75m" in row and "+US$6m" not in text, row


import os  # noqa: E402

import pytest  # noqa: E402


@pytest.mark.parametrize("kind", ["link", "fifo", "folder"])
@pytest.mark.parametrize("name", ["effort.yaml", "rules.yaml", "peers/central-synthetic.csv"])
def test_a_broken_file_beside_the_framework_is_refused_never_swapped_for_the_bundled_one(tmp_path, kind, name):
    """bt16j F8: a dangling link (a share not mounted), a FIFO or a folder named effort.yaml, rules.yaml or the peer
    table beside a custom framework was taken for "none there": the bundled file was used without a word, and
    validate said "rules, peers and effort checked". Refused at its path, with what it is."""
    folder = _copy(tmp_path, {})
    path = folder / name
    path.unlink()
    if kind == "link":
        os.symlink(tmp_path / "unmounted" / "x", path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    said = {"link": "which does not exist", "fifo": "FIFO", "folder": "it is a folder"}[kind]
    for args in (("validate", folder / "framework.yaml"), ("score", EXAMPLES, "-f", folder / "framework.yaml")):
        done = run_cli("--lang", "en", *args)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert str(path) in done.stderr and said in done.stderr, done.stderr
