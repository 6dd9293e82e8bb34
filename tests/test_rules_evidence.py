"""A number is no surer than what it rests on, a deciding rule is a published one, and a caliber check is drawn
on its own measure: `role: condition` of judgement citing nothing (`confidence: high`) decided the verdict; the
2010–11 thresholds switched to `condition` decided it; `confidence: high` on a target resting on an unverified
entry, `basis: median` on a mean, trade checked against the FDI total were accepted; and an entry's `unverified`
flag reached no output (未核实 appeared only where a source text said so)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.score.rules import load_rules
from tests.conftest import EXAMPLES, run_cli
from tests.test_cited_chain import _copy

TAX_RULE = """  - id: tax_revenue_min
    role: historic
"""


def refused_at(tmp_path, edits, name: str) -> tuple[str, str]:
    """Copy indicators/ with `edits`; validate and score -f must refuse it alike; (stderr, the edited file)."""
    folder = _copy(tmp_path, edits)
    said = []
    for args in (("validate", folder / "framework.yaml"), ("score", EXAMPLES, "-f", folder / "framework.yaml")):
        done = run_cli(*args, "--lang", "en")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        said.append(done.stderr)
    assert said[0].split("\n")[0] == said[1].split("\n")[0]
    return said[1], str(folder / name)


def line_after(text: str, anchor: str, key: str) -> int:
    """The line number of the first `key` line after `anchor` in `text`."""
    lines = text.splitlines()
    start = next(n for n, x in enumerate(lines) if anchor in x)
    return next(n for n in range(start, len(lines)) if lines[n].strip().startswith(key)) + 1


@pytest.mark.parametrize("edits, said", [
    # a condition of one's own, citing nothing, sure of itself
    ([(TAX_RULE, TAX_RULE.replace("historic", "condition\n    basis: judgement")),
      ("    confidence: low\n    cites: [historic_2010_tax]", "    confidence: high\n    cites: []")],
     "its value is one's own"),
    # the historic thresholds switched to conditions
    ([(TAX_RULE, TAX_RULE.replace("historic", "condition"))], "historic_2010_tax (confidence low, unverified)"),
])
def test_a_deciding_rule_that_is_no_published_one_is_refused_at_its_role(tmp_path, edits, said):
    stderr, rules = refused_at(tmp_path, {"rules.yaml": edits}, "rules.yaml")
    line = line_after((tmp_path / "indicators" / "rules.yaml").read_text(encoding="utf-8"), "id: tax_revenue_min", "role:")
    assert f"{rules}:{line}: error: threshold 'tax_revenue_min'" in stderr and said in stderr


def test_a_condition_citing_nothing_is_refused(framework, tmp_path):
    folder = _copy(tmp_path, {"rules.yaml": [(TAX_RULE, TAX_RULE.replace("historic", "condition")),
                                             ("    cites: [historic_2010_tax]\n", "")]})
    with pytest.raises(ScorerError) as exc:
        load_rules(folder / "rules.yaml", framework)
    assert any("cites none" in p.render() for p in exc.value.problems)


def test_a_target_surer_than_its_unverified_source_is_refused_at_its_confidence(tmp_path):
    old = "cites: [historic_2010_output_per_km2, henan_2009_upgraded_output_density]"
    fw = (tmp_path / "x").parent / "indicators" / "framework.yaml"
    text = _copy(tmp_path / "probe", {}).joinpath("framework.yaml").read_text(encoding="utf-8")
    start = text.index("id: output_per_km2")
    block = text[start:text.index("\n      - id:", start) if "\n      - id:" in text[start:] else len(text)]
    conf = re.search(r"\n(\s+)confidence: low", block).group(0)
    stderr, path = refused_at(tmp_path, {"framework.yaml": [(block, block.replace(conf, conf.replace("low", "high"))
                                                             .replace("basis: judgement", "basis: threshold")
                                                             .replace("value: 30", "value: 15"))]}, "framework.yaml")
    assert old in block and fw.name == "framework.yaml"
    assert re.search(rf"{re.escape(path)}:\d+: error: the target of output_per_km2 says `confidence: high`, but it rests "
                     r"on historic_2010_output_per_km2, which is unverified", stderr), stderr
    assert "confidence: low" in stderr


def test_a_rule_parameter_surer_than_its_source_is_refused(framework, tmp_path):
    folder = _copy(tmp_path, {"rules.yaml": [("  value: 0.5\n  confidence: medium", "  value: 0.5\n  confidence: high")]})
    with pytest.raises(ScorerError) as exc:
        load_rules(folder / "rules.yaml", framework)
    [problem] = exc.value.problems
    assert "rank_share_max says `confidence: high`" in problem.render() and "precedent_2010_regional_middle" in problem.render()


def test_basis_median_on_a_published_mean_is_refused_at_its_basis(tmp_path):
    text = _copy(tmp_path / "probe", {}).joinpath("framework.yaml").read_text(encoding="utf-8")
    start = text.index("id: tax_revenue")
    block = text[start:text.index("basis: mean", start) + len("basis: mean")]
    stderr, path = refused_at(tmp_path, {"framework.yaml": [(block, block.replace("basis: mean", "basis: median"))]},
                              "framework.yaml")
    assert "the target of tax_revenue says `basis: median`, but the figure it cites first, central_2023_tax_mean, " \
           "is a mean" in stderr
    line = text[:start + len(block)].count("\n") + 1
    assert f"{path}:{line}:" in stderr


def test_a_caliber_check_against_another_measures_total_is_refused(tmp_path):
    stderr, path = refused_at(tmp_path, {"framework.yaml": [("  - field: fdi_actual\n", "  - field: trade_total\n")]},
                              "framework.yaml")
    assert re.search(rf"{re.escape(path)}:\d+: error: caliber check of trade_total: `province_total: "
                     r"henan_2023_fdi_total_mofcom` is a total of fdi_actual, city_fdi_actual, not of trade_total", stderr)


def test_the_bundled_files_pass_and_their_unverified_sources_are_said_in_every_output(sample_run, framework):
    """The historic thresholds and the output-density target rest on unverified entries: the conditions table of
    `score`, the report's rules table and its methodology rows say 未核实 (unverified) beside the confidence."""
    from scorer.report import model as report_model

    unverified = {t.id for t in load_rules(None, framework).spec.thresholds
                  if any(c.get("unverified") for c in next(r for r in sample_run.verdict.rules if r.id == t.id).cites)}
    assert unverified == {"tax_revenue_min", "output_density_min", "exports_min", "fdi_cumulative_min"}
    for lang, mark in (("zh", "（未核实）"), ("en", " (unverified)")):  # the score's conditions table, in each language
        done = run_cli("score", EXAMPLES, "--lang", lang)
        assert done.returncode == 0 and done.stdout.count(mark) == len(unverified), done.stdout
    for lang, mark in (("zh", "（未核实）"), ("en", " (unverified)")):
        inputs = report_model.ReportInputs("周口经济开发区", sample_run.ingested.files, True, dt.date(2026, 11, 25), lang)
        built = report_model.build(sample_run.result, sample_run.panel, inputs, sample_run.standing, sample_run.verdict)
        marked = [x["name"] for x in built["verdict"]["rules"] if x["confidence"].endswith(mark)]
        assert len(marked) == len(unverified), marked
        rows = {r["name"]: r["confidence"] for r in built["method_rows"]}
        assert sum(c.endswith(mark) for c in rows.values()) == sum(
            bool({"historic_2010_output_per_km2"} & set(i.target.cites)) for i in load_framework(None).indicators.values())


def test_every_historic_threshold_of_the_yardsticks_is_shown_by_a_rule():
    """issue 12: "the historic numeric thresholds shown as historic and low confidence": every `historic_*` rule entry
    of the yardsticks is cited by a threshold of the bundled rules (the cumulative-FDI one was in the yardsticks and
    a comment only, counted nowhere: "历史门槛3项")."""
    from scorer.framework.yardsticks import load_yardsticks

    rules = load_rules(None, load_framework(None))
    ys = load_yardsticks(load_framework(None).yardsticks_path)
    historic = {e for e in ys.entries if e.startswith("historic_") and ys.entries[e].kind == "rule"}
    assert historic, "the yardsticks hold the 2010–11 thresholds"
    shown = {c for t in rules.spec.thresholds if t.role == "historic" for c in t.cites}
    assert historic <= shown, historic - shown


def test_a_threshold_over_an_unreported_statistic_is_shown_not_judged_and_never_from_another_figure():
    done = run_cli("score", EXAMPLES, "--json")
    assert done.returncode == 0, done.stderr
    import json

    cond = {c["id"]: c for c in json.loads(done.stdout)["readiness"]["conditions"]}["fdi_cumulative_min"]
    assert cond["status"] == "not_judged" and cond["role"] == "historic" and not cond["deciding"]
    assert cond["value"] is None and "累计实际使用外资" in cond["reason"]


@pytest.mark.parametrize("edit, said", [
    ("    role: historic\n    name_zh: 累计实际使用外资", "only a `role: historic` threshold may be `unreported:`"),
    ("    unreported_en: cumulative", "names no `indicator:` or `formula:`"),
])
def test_an_unreported_threshold_that_could_decide_or_names_a_figure_is_refused_at_its_line(tmp_path, edit, said):
    new = {"    role: historic\n    name_zh: 累计实际使用外资": "    role: condition\n    name_zh: 累计实际使用外资",
           "    unreported_en: cumulative": "    formula: fdi_amount\n    unreported_en: cumulative"}[edit]
    stderr, rules = refused_at(tmp_path, {"rules.yaml": [(edit, new)]}, "rules.yaml")
    assert f"{rules}:" in stderr and said in stderr, stderr


@pytest.mark.parametrize("cited, said", [
    ("  cites: [demotion_bottom5, central_2023_zones]\n", "bottom_n is 5 名, but cites nothing"),
    ("  cites: [precedent_2010_regional_middle, upgrade_by_ranking_2021]\n", "rank_share_max is 0.5"),
    ("    cites: [approval_letter_2024_land]\n", "input condition 'land_use_2024' cites no yardstick entry"),
])
def test_a_rank_condition_or_input_without_its_citation_is_refused(tmp_path, cited, said):
    """bt12f F4: with `cites:` removed, `bottom_n: 8` and `rank_share_max: 0.9` passed validate and decided the verdict
    as 高-confidence published conditions; every threshold without a citation was refused, these not."""
    stderr, rules = refused_at(tmp_path, {"rules.yaml": [(cited, "")]}, "rules.yaml")
    assert f"{rules}:" in stderr and said in stderr, stderr
