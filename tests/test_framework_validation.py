"""The framework YAML: the bundled one is valid, and each kind of mistake gets one clear message."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from tests.conftest import ROOT, run_cli

FIELDS = textwrap.dedent("""\
    version: 1
    fields:
      rd_expenditure: {label: 研发经费, unit: 万元, kind: flow}
      industrial_revenue: {label: 营业收入, unit: 万元, kind: flow}
      rd_institutions: {label: 研发机构数, unit: 个, kind: stock}
    """)

GOOD = textwrap.dedent("""\
    framework:
      id: tiny
      name_zh: 小框架
      name_en: Tiny
      version: "1"
      fields: fields.yaml
    derived:
      rd_share: rd_expenditure / industrial_revenue
    groups:
      - id: innovation
        name_zh: 科技创新
        name_en: Innovation
        weight: 100
        indicators:
          - id: rd_intensity
            name_zh: 研发强度
            name_en: R&D intensity
            unit: "%"
            direction: higher
            formula: rd_share * 100
            weight: 60
            floor: 0
            target: {value: 2, source: 测试, confidence: low}
          - id: rd_institutions
            name_zh: 研发机构数
            name_en: R&D institutions
            unit: 个
            direction: higher
            formula: rd_institutions
            weight: 40
            floor: 0
            target: {value: 10, source: 测试, confidence: low}
    """)


def write(tmp_path: Path, framework: str, fields: str = FIELDS) -> Path:
    (tmp_path / "fields.yaml").write_text(fields, encoding="utf-8")
    path = tmp_path / "framework.yaml"
    path.write_text(framework, encoding="utf-8")
    return path


def problems_of(path: Path) -> list:
    with pytest.raises(ScorerError) as info:
        load_framework(path)
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_bundled_framework_has_five_categories_with_the_ministrys_weights_and_counts(framework):
    cats = {g.name_zh: (round(g.effective_weight * 100), len(g.children)) for g in framework.categories}
    assert cats == {"对外开放": (30, 7), "科技创新": (15, 6), "绿色发展": (15, 5), "统筹协调": (10, 4), "发展质量": (30, 8)}
    assert len(framework.indicators) == 30
    assert sum(i.effective_weight for i in framework.indicators.values()) == pytest.approx(1.0)


def test_every_indicator_says_where_its_target_comes_from_and_how_sure_it_is(framework):
    for ind in framework.indicators.values():
        assert ind.target.source.strip(), ind.id
        assert ind.target.confidence in {"high", "medium", "low"}
        assert ind.name_en and ind.name_zh and ind.unit


def test_a_small_valid_framework_loads(tmp_path):
    fw = load_framework(write(tmp_path, GOOD))
    assert list(fw.indicators) == ["rd_intensity", "rd_institutions"]
    assert fw.indicators["rd_intensity"].effective_weight == pytest.approx(0.6)


@pytest.mark.parametrize("mistake, old, new, line_text, message", [
    ("unknown key", 'version: "1"\n', 'version: "1"\n  colour: red\n', "colour: red", "unknown key 'colour'"),
    ("wrong type", "weight: 60", "weight: sixty", "weight: sixty", "should be a valid number"),
    ("unknown field in a formula", "formula: rd_institutions", "formula: rd_institution",
     "formula: rd_institution", "unknown field 'rd_institution'"),
    ("weights that do not add up", "weight: 40", "weight: 45", "    indicators:", "add up to 105, not 100"),
    ("duplicate id", "- id: rd_institutions", "- id: rd_intensity", "name_zh: 研发机构数", "duplicate id 'rd_intensity'"),
    ("a cycle", "rd_share: rd_expenditure / industrial_revenue", "rd_share: rd_ratio * 2\n  rd_ratio: rd_share / 2",
     "rd_share: rd_ratio", "cycle"),
    ("a target on the wrong side of the floor", "target: {value: 10,", "target: {value: -10,",
     "- id: rd_institutions", "must lie above floor"),
    ("an unknown method", "groups:\n", "normalisation: {method: magic}\ngroups:\n", "method: magic",
     "unknown normalisation method 'magic'"),
    ("a formula that is not arithmetic", "formula: rd_institutions", "formula: __import__('os').getcwd()",
     "formula: __import__", "not allowed in a formula"),
    # numbers that overflow whatever the data: said here, not blamed on a workbook cell at the first score
    ("a formula's constants overflow", "formula: rd_institutions", "formula: rd_institutions * 1e308 * 10",
     "formula: rd_institutions * 1e308", "beyond ±1.8e308 whatever the data"),
    # what the methods themselves refuse in their settings: an internal error at the first score before
    ("a treatment override's unknown key", "groups:\n",
     "treatment:\n  method: winsorise\n  params:\n    overrides: {rd_intensity: {bogus: 1}}\ngroups:\n",
     "overrides: {rd_intensity", "unknown key(s) bogus"),
    ("a treatment fallback that does not exist", "groups:\n",
     "treatment:\n  method: winsorise\n  params:\n    fallback: magic\ngroups:\n", "fallback: magic", "'boxcox'"),
    ("boxcox without its lambda", "groups:\n",
     "treatment:\n  method: winsorise\n  params:\n    overrides: {rd_intensity: {fallback: boxcox}}\ngroups:\n",
     "overrides: {rd_intensity", "needs `lambda`"),
    ("boxcox for every indicator without its lambda", "groups:\n",
     "treatment:\n  method: winsorise\n  params:\n    fallback: boxcox\ngroups:\n", "  params:", "needs `lambda`"),
    ("a missing_child that does not exist", "groups:\n",
     "aggregation:\n  method: arithmetic\n  params: {missing_child: skip}\ngroups:\n", "missing_child: skip", "'coinr'"),
])
def test_each_mistake_gets_a_message_naming_file_line_and_what_to_do(tmp_path, mistake, old, new, line_text, message):
    assert GOOD.count(old) == 1, mistake
    text = GOOD.replace(old, new)
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert any(message in p.message for p in problems), [p.message for p in problems]
    hit = next(p for p in problems if message in p.message)
    assert hit.location.file == path
    # The duplicate's own entry starts the line before its name; a cycle may be named at either member.
    expected = {line_of(text, line_text)}
    if mistake == "duplicate id":
        expected = {line_of(text, line_text) - 1}
    if mistake == "a cycle":
        expected |= {line_of(text, "rd_ratio: rd_share")}
    assert hit.location.line in expected, (hit.location.line, expected)
    assert hit.hint
    assert hit.message_zh != hit.message and hit.hint_zh != hit.hint, hit  # said in Chinese too


def test_a_yaml_syntax_error_names_line_and_column(tmp_path):
    path = write(tmp_path, GOOD.replace("  name_en: Tiny\n", "  name_en: [Tiny\n"))
    (problem,) = problems_of(path)
    assert "YAML syntax error" in problem.message
    assert problem.location.line is not None and problem.location.column is not None


def test_a_duplicated_yaml_key_is_an_error_not_a_silent_overwrite(tmp_path):
    text = GOOD.replace("  version: \"1\"\n", "  version: \"1\"\n  version: \"2\"\n")
    (problem,) = problems_of(write(tmp_path, text))
    assert "duplicate key 'version'" in problem.message
    assert problem.location.line == line_of(text, 'version: "2"')


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("formula: rd_institutions", "formula: nope").replace("weight: 40", "weight: 30")
    messages = [p.message for p in problems_of(write(tmp_path, text))]
    assert any("unknown field 'nope'" in m for m in messages)
    assert any("add up to 90" in m for m in messages)


def test_validate_command_exits_non_zero_with_the_location_and_no_traceback(tmp_path):
    path = write(tmp_path, GOOD.replace('version: "1"\n', 'version: "1"\n  colour: red\n'))
    done = run_cli("validate", path)
    assert done.returncode != 0
    assert f"{path}:{line_of(path.read_text(encoding='utf-8'), 'colour')}" in done.stderr
    assert "unknown key 'colour'" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_validate_command_accepts_the_bundled_framework():
    done = run_cli("validate")
    assert done.returncode == 0, done.stderr
    assert "30 indicators" in done.stdout
    # Every file checked is named (`validate --peers X` named only the framework).
    for name in ("rules.yaml", "central-synthetic.csv", "effort.yaml", "model.yaml", "yardsticks.yaml"):
        assert any(line.strip().startswith("checked") and line.rstrip().endswith(name)
                   for line in done.stdout.splitlines()), (name, done.stdout)


def test_fields_yaml_knows_every_label_and_alias_of_the_data_dictionary(framework):
    import csv

    dictionary = ROOT.parent / "shared" / "domain" / "fields.csv"
    if not dictionary.exists():
        pytest.skip("../shared/domain/fields.csv is not beside this checkout")
    rows = list(csv.DictReader(dictionary.open(encoding="utf-8")))
    for row in rows:
        fdef = framework.fields[row["field"]]
        assert fdef.label == row["label_zh"]
        assert set(a for a in row["aliases_zh"].split("|") if a) <= set(fdef.aliases)
        assert fdef.unit == row["unit"] and fdef.kind == row["kind"]
    # Fields added for the framework revisited against the yardsticks (issue 12), not yet in the
    # shared dictionary: national-level incubators only, and the approved area for 土地开发利用率.
    added = {"national_incubators", "approved_area"}
    assert len(rows) + len(added) == len(framework.fields)
    assert added <= set(framework.fields) and not added & {row["field"] for row in rows}


# ------------------------------------------------------- yes/no where a number is meant, in every YAML model
def _yaml_models():
    import importlib
    import pkgutil

    import scorer
    from scorer.framework.base import _Strict

    for info in pkgutil.walk_packages(scorer.__path__, "scorer."):
        if not info.name.startswith("scorer.cli") and not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    seen, todo = [], list(_Strict.__subclasses__())
    while todo:
        cls = todo.pop()
        seen.append(cls)
        todo.extend(cls.__subclasses__())
    return seen


def test_every_number_of_every_yaml_model_refuses_a_yes_or_no():
    from scorer.framework.base import _admits, _bool_for_a_number

    numeric = [(cls.__name__, name, f.annotation) for cls in _yaml_models() for name, f in cls.model_fields.items()
               if _admits(f.annotation, (int, float)) and not _admits(f.annotation, (bool,))
               and f.annotation is not __import__("typing").Any]
    assert len(numeric) >= 15, numeric  # target values, floors, weights, bounds, efforts, years, ranks …
    assert [n for n in numeric if not _bool_for_a_number(n[2], True)] == []


def test_a_yes_or_no_inside_a_mapping_or_list_of_numbers_is_found_too():
    from scorer.framework.base import _bool_for_a_number

    assert _bool_for_a_number(dict[str, float], {"a": 1.0, "b": True})
    assert _bool_for_a_number(list[float] | None, [1.0, False])
    assert not _bool_for_a_number(dict[str, float], {"a": 1.0})
    assert not _bool_for_a_number(bool | None, True) and not _bool_for_a_number(dict[str, object], {"a": True})


def test_an_effort_file_with_a_yes_or_no_effort_is_refused_with_its_line(tmp_path):
    text = (ROOT / "indicators" / "effort.yaml").read_text(encoding="utf-8")
    line = text[: text.index("effort: 1")].count("\n") + 1
    (tmp_path / "effort.yaml").write_text(text.replace("effort: 1", "effort: true", 1), encoding="utf-8")
    done = run_cli("plan", ROOT / "examples", "--target", "90", "--effort", tmp_path / "effort.yaml")
    assert done.returncode == 1 and f"effort.yaml:{line}" in done.stderr, done.stderr
    assert "a yes/no value where a number is expected" in done.stderr and "Traceback" not in done.stderr
