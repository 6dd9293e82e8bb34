"""The peer model is checked on one path for every command (validate, score, peers build), and a level must be
the region's own figure of the measure the framework's target cites: a national mean with its `times:` dropped
built national levels for the central zones; tax taken from the GDP mean was written, exit 0, as a table every
reader then refused; `cv` had no bound; `score -f` ran a framework whose model `validate` refused."""

from __future__ import annotations

import re
import shutil

import pytest

from scorer.framework.model import load_framework
from scorer.score.peer_model import build_peers, check_model
from tests.conftest import EXAMPLES, ROOT, run_cli


def folder_with_model(tmp_path, old: str, new: str):
    """A copy of indicators/ whose peer model has `old` replaced by `new`; (framework path, model path, line)."""
    dest = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", dest)
    model = dest / "peers" / "model.yaml"
    text = model.read_text(encoding="utf-8")
    assert old in text
    model.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    return dest / "framework.yaml", model, line


NATIONAL_WITHOUT_TIMES = ("mean_from: national_YYYY_rd_institutions_mean, times: central_YYYY_gdp_ratio,",
                          "mean_from: national_YYYY_rd_institutions_mean,")
ANOTHER_MEASURE = ("tax_revenue: {dist: size, mean_from: central_YYYY_tax_mean,",
                   "tax_revenue: {dist: size, mean_from: central_YYYY_gdp_mean,")


@pytest.mark.parametrize("old, new, said", [
    (*NATIONAL_WITHOUT_TIMES, "is a national figure"),
    (*ANOTHER_MEASURE, "another measure's level"),
    ("fdi_amount: {dist: size, mean_from: central_YYYY_fdi_mean, cv: 1.6,",
     "fdi_amount: {dist: size, mean_from: central_YYYY_fdi_mean, cv: 40,", "3"),
])
def test_a_model_level_that_is_not_the_regions_figure_of_its_measure_is_refused_at_its_line(tmp_path, old, new, said):
    fw_path, model, line = folder_with_model(tmp_path, old, new)
    problems = check_model(load_framework(fw_path))
    assert any(p.location.file == model and p.location.line == line and said in p.render() for p in problems), \
        [p.render() for p in problems]


@pytest.mark.parametrize("old, new", [NATIONAL_WITHOUT_TIMES, ("cites: [no_such_entry_x]", "cites: [no_such_entry_x]")])
def test_validate_and_score_refuse_the_same_model_alike(tmp_path, old, new):
    if old.startswith("cites: [no_such"):  # a citation of nothing, in place of a real one
        old, new = "cites: [annex_unpublished]}", "cites: [no_such_entry_x]}"
    fw_path, model, line = folder_with_model(tmp_path, old, new)
    said = {}
    for args in (("validate", fw_path), ("score", EXAMPLES, "-f", fw_path, "--json")):
        done = run_cli(*args, "--lang", "en")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        said[args[0]] = re.findall(rf"{re.escape(str(model))}:\d+: error: [^\n]*", done.stderr)
    assert said["validate"] and said["validate"] == said["score"]
    assert f"{model}:{line}:" in said["score"][0]


def test_peers_build_writes_nothing_its_own_checks_refuse(tmp_path):
    """Size levels clipped below their published mean (`high: 80` for tax, mean 71) pass the model's own checks,
    but the table's tax mean is then far below the published one: refused before anything is written."""
    fw_path, model, _ = folder_with_model(tmp_path, "mean_from: central_YYYY_tax_mean, cv: 1.2,",
                                          "mean_from: central_YYYY_tax_mean, cv: 1.2, high: 80,")
    assert check_model(load_framework(fw_path)) == []
    out = tmp_path / "out" / "peers.csv"
    out.parent.mkdir()
    done = run_cli("peers", "build", "--year", "2023", "-f", fw_path, "--model", model, "-o", out, "--lang", "en")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "nothing was written" in done.stderr and "tax_revenue" in done.stderr and f"{out}:" in done.stderr
    assert list(out.parent.iterdir()) == []


def test_the_bundled_model_builds_and_checks_clean(framework):
    assert check_model(framework) == []
    assert len(build_peers(2023, framework).table) == 55
