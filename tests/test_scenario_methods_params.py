"""A scenario's aggregation parameters (bt16h F3): read as written (text), they reached the method untyped and
unchecked: any `params:` was an internal error. They are typed as the framework's YAML types them and held to the
method's signature, types and ranges as `validate` holds the framework's, at the scenario's line."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, run_cli


@pytest.mark.parametrize("params, said", [
    ("{min_share: 0.3}", None),
    ("{bogus: 1}", "aggregation method 'arithmetic' takes no parameter 'bogus'"),
    ("{missing_child: 7}", "aggregation parameter 'missing_child'"),
    ("{min_share: 5}", "aggregation parameter 'min_share'"),
])
def test_a_scenario_s_method_parameters_are_typed_and_checked(tmp_path, params, said):
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"name: s\nmethods:\n  aggregation: {{method: arithmetic, params: {params}}}\n", encoding="utf-8")
    done = run_cli("--lang", "en", "compare", EXAMPLES, scenario)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    if said is None:
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 1 and f"s.yaml:3: error: {said}" in done.stderr, done.stderr


def test_a_scenario_that_zeroes_a_divisor_is_refused_at_its_line(tmp_path):
    """bt16h F4: `population: = 0 万人` left 专利/万人 without a value, dropped from its category without a word. Every
    field some indicator divides by, set to 0 (= 0, or -100%), is refused at its line naming the indicators."""
    from scorer.errors import ScorerError
    from scorer.framework.model import load_framework
    from scorer.whatif.changes import _divided_by, load_scenario

    fw = load_framework()
    divisors = [f for f in fw.fields if _divided_by(fw, f)]
    assert "population" in divisors and len(divisors) >= 3
    for field in divisors:
        for change in (f"= 0 {fw.fields[field].unit}", "-100%"):
            path = tmp_path / f"{field}.yaml"
            path.write_text(f"name: z\nfields:\n  {field}: '{change}'\n", encoding="utf-8")
            with pytest.raises(ScorerError) as caught:
                load_scenario(path, fw)
            [p] = caught.value.problems
            assert p.location.line == 3 and "makes it 0" in str(p.message), (field, change, str(p.message))
            assert all(i.name_en in str(p.message) for i in _divided_by(fw, field))
