"""A scenario's `weights:` takes an indicator's or a category's Chinese name as its id, as `fields:` and `indicators:`
do (issue 15 point 1; bt15i F7: 对外开放 and 实际使用外资增长率 were refused there, with a hint naming no id)."""

from __future__ import annotations

import json

from conftest import EXAMPLES, run_cli


def test_chinese_names_under_weights_are_the_ids(tmp_path):
    by_name, by_id = tmp_path / "名.yaml", tmp_path / "id.yaml"
    by_name.write_text("name: 名\nweights:\n  对外开放: 35%\n  实际使用外资增长率: 5%\n", encoding="utf-8")
    by_id.write_text("name: 名\nweights:\n  opening: 35%\n  fdi_growth: 5%\n", encoding="utf-8")
    got = [run_cli("compare", EXAMPLES, path, "--json") for path in (by_name, by_id)]
    assert all(g.returncode == 0 for g in got), [g.stderr for g in got]
    a, b = (json.loads(g.stdout)["scenarios"][-1] for g in got)
    assert a["overall"] == b["overall"] and a["overall"]["score"] != json.loads(got[0].stdout)["baseline"]["overall"]["score"]


def test_an_unknown_name_under_weights_is_refused_at_its_line_naming_the_categories(tmp_path):
    bad = tmp_path / "坏.yaml"
    bad.write_text("name: 坏\nweights:\n  opening: 30%\n  对外开发: 35%\n", encoding="utf-8")
    done = run_cli("--lang", "zh", "compare", EXAMPLES, bad)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{bad}:4" in done.stderr and "对外开发" in done.stderr
    assert all(name in done.stderr for name in ("对外开放", "科技创新", "绿色发展", "统筹协调", "发展质量")), done.stderr
    twice = tmp_path / "两次.yaml"
    twice.write_text("name: 两次\nweights:\n  opening: 30%\n  对外开放: 35%\n", encoding="utf-8")
    done = run_cli("--lang", "zh", "compare", EXAMPLES, twice)
    assert done.returncode == 1 and f"{twice}:4" in done.stderr and "重复" in done.stderr, done.stderr
