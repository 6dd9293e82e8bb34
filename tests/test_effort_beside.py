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
