"""Issue 11 item 7 (bt11k F9): `--json` is the same shape across commands for the same objects. The zone's overall
score and its categories are score's objects (scorer.schema.Overall, Category) in `score`, in each of `compare`'s
outcomes and in `plan` (the zone before the plan), with the same values for the same run: on the sample, on a run
resting on doubtful figures (the doubt range inside the overall) and on a run without a whole category (not
comparable, its weight re-spread)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli, slipped_sample
from tests.test_empty_category import _fields_of
from tests.test_quality import filled_template

SCENARIO = ROOT / "examples" / "scenarios" / "外贸扩量.yaml"


def _no_coordination(framework, sample_run, folder):
    blank = _fields_of(framework, "coordination")
    return filled_template(framework, sample_run, folder / "周口经济开发区_2023年1-3月.xlsx",
                           lambda fid, now, before: (np.nan, np.nan) if fid in blank else (now, before))


@pytest.fixture(params=["sample", "doubtful", "no category"])
def case(request, tmp_path, framework, sample_run):
    if request.param == "sample":
        return EXAMPLES
    if request.param == "doubtful":
        return slipped_sample(tmp_path / "slipped")
    return _no_coordination(framework, sample_run, tmp_path)


def _same(got, want, where):
    """Equal keys, equal values (numbers to 1e-9)."""
    assert list(got) == list(want), (where, list(got), list(want))
    for key, value in want.items():
        if isinstance(value, float):
            assert got[key] == pytest.approx(value, abs=1e-9), (where, key, got[key], value)
        else:
            assert got[key] == value, (where, key, got[key], value)


def test_overall_and_categories_are_scores_objects_in_compare_and_plan(case):
    score = run_cli("--lang", "en", "score", case, "--json")
    compare = run_cli("--lang", "en", "compare", case, SCENARIO, "--json")
    plan = run_cli("--lang", "en", "plan", case, "--target", "95", "--json")
    for done in (score, compare, plan):
        assert done.returncode == 0, done.stderr
    want = json.loads(score.stdout)
    baseline, planned = json.loads(compare.stdout)["baseline"], json.loads(plan.stdout)
    for name, data in (("compare baseline", baseline), ("plan", planned)):
        _same(data["overall"], want["overall"], f"{name} overall")
        assert len(data["categories"]) == len(want["categories"]), name
        for got, cat in zip(data["categories"], want["categories"]):
            _same(got, cat, f"{name} {cat['id']}")
    assert planned["overall_before"] == pytest.approx(want["overall"]["score"], abs=1e-9)
    for top in ("comparable", "empty_categories", "worst_case", "best_case"):  # inside `overall` only, as in score
        assert top not in baseline and top not in planned, top


def test_a_scenarios_categories_add_up_to_its_overall(tmp_path):
    """Each outcome's categories are its own: their points lost at weight_used add up to what its overall lacks."""
    heavier = tmp_path / "重开放.yaml"
    heavier.write_text("name: 重开放\nweights:\n  opening: 50%\n", encoding="utf-8")
    done = run_cli("--lang", "en", "compare", EXAMPLES, SCENARIO, heavier, "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    for o in [data["baseline"], *data["scenarios"]]:
        lost = sum(c["points_lost"] for c in o["categories"])
        assert o["overall"]["score"] == pytest.approx(100 - lost, abs=1e-9), o["name"]
        assert sum(c["weight_used"] for c in o["categories"]) == pytest.approx(1), o["name"]
    by_name = {o["name"]: o for o in data["scenarios"]}
    assert {c["id"]: c["weight"] for c in by_name["重开放"]["categories"]}["opening"] == pytest.approx(0.5)
