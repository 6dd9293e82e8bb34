"""The Monte Carlo's edges say what they are: too few draws are refused with the reason (--draws 1 gave a
probability from one draw); an assumption held at 0 is named as held, not dropped from the 假设 line and the
report's scope; most draws undecided for missing data (a veto's figure absent) give no probability (it said 0 %
beside '97 % cannot be judged'). And the hints fit: an unknown key is told the keys of its own mapping, a missing
exchange rate is not told to cite a ratio, a rule is not told about the peer model's `note:`."""

from __future__ import annotations

import json
import shutil

import pytest

from scorer.errors import Location, ScorerError
from scorer.framework.yardsticks import check_numbers, load_yardsticks
from scorer.report import brief
from scorer.whatif.uncertainty import MIN_DRAWS, Assumptions, monte_carlo
from tests.conftest import EXAMPLES, ROOT, run_cli


@pytest.mark.parametrize("command", [["uncertainty"], ["report", "--uncertainty", "-o", "{tmp}/r.pdf"]])
def test_too_few_draws_are_refused_saying_why_before_anything_is_read(tmp_path, command):
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    done = run_cli("--lang", "en", args[0], EXAMPLES, *args[1:], "--draws", str(MIN_DRAWS - 1))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"need at least {MIN_DRAWS} draws" in done.stderr and "quantiles" in done.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_the_fewest_draws_allowed_give_a_result_and_fewer_do_not(sample_run):
    assert monte_carlo(sample_run, draws=MIN_DRAWS, seed=1).n == MIN_DRAWS
    with pytest.raises(ScorerError):
        monte_carlo(sample_run, draws=MIN_DRAWS - 1, seed=1)


HELD = Assumptions(targets=0, cutoff=False, peer_levels=0, peer_spreads=0)


def test_assumptions_held_at_zero_are_named_as_held_in_the_cli_and_the_report(sample_run):
    done = run_cli("uncertainty", EXAMPLES, "--draws", str(MIN_DRAWS), "--targets", "0", "--no-cutoff",
                   "--peer-levels", "0", "--peer-spreads", "0", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.replace("\n", "").split("假设：")[1:])
    assert "目标值固定不变" in line and "区域分界固定不变" in line
    u = monte_carlo(sample_run, HELD, draws=MIN_DRAWS, seed=1)
    for lang in ("zh", "en"):
        scope = brief.uncertainty_scope(u, sample_run.verdict, lang)
        varied = brief.uncertainty_scope(monte_carlo(sample_run, Assumptions(), draws=MIN_DRAWS, seed=1),
                                         sample_run.verdict, lang)
        # every assumption varied by default and held here is listed among the held, none lost
        assert len(scope["varied"]) + len(scope["held"]) == len(varied["varied"]) + len(varied["held"])
        assert len(scope["varied"]) == len(varied["varied"]) - 3


@pytest.fixture(scope="module")
def without_veto_data(tmp_path_factory):
    """The sample's workbooks with the row of major incidents (the veto's figure) deleted."""
    import openpyxl

    folder = tmp_path_factory.mktemp("noveto")
    for book in EXAMPLES.glob("*.xlsx"):
        shutil.copy(book, folder / book.name)
        wb = openpyxl.load_workbook(folder / book.name)
        for ws in wb.worksheets:
            row = next((r[0].row for r in ws.iter_rows() if any(isinstance(c.value, str) and "安全生产事故" in c.value
                                                                for c in r)), None)
            if row is not None:
                ws.delete_rows(row)
        wb.save(folder / book.name)
    return folder


def test_most_draws_undecided_for_missing_data_give_no_probability(without_veto_data):
    done = run_cli("uncertainty", without_veto_data, "--draws", "50", "--json", "--first-in-province",
                   "--land-use-2024")
    assert done.returncode == 0, done.stderr
    u = json.loads(done.stdout)["uncertainty"] if "uncertainty" in json.loads(done.stdout) else json.loads(done.stdout)
    assert u["p_data_undetermined"] >= 0.5 and u["p_ready_given"] is False
    text = run_cli("uncertainty", without_veto_data, "--draws", "50", "--first-in-province", "--land-use-2024",
                   "--lang", "zh").stdout
    said = next(x for x in text.splitlines() if x.startswith("满足升级条件的概率"))
    assert said.startswith("满足升级条件的概率：无法判定（") and "：0%" not in said
    pending = run_cli("uncertainty", without_veto_data, "--draws", "50", "--lang", "zh").stdout
    said = next(x for x in pending.replace("\n", "").split("满足升级条件的概率")[1:])
    assert "数据所及条件均满足的概率：无法判定" in said


@pytest.mark.parametrize("where, old, new, close", [
    ("peers/central-synthetic.yaml", "\nsynthetic: true", "\nsynthetc: true", "synthetic"),
    ("peers/model.yaml", "mean_from: central_YYYY_fdi_mean, cv: 1.6,", "mean_from: central_YYYY_fdi_mean, cvv: 1.6,", "cv"),
    ("rules.yaml", "    confidence: medium\n    cites: [provincial_incident_veto]",
     "    confidense: medium\n    cites: [provincial_incident_veto]", "confidence"),
])
def test_an_unknown_key_is_told_the_keys_of_its_own_mapping(tmp_path, where, old, new, close):
    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / where
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    done = run_cli("--lang", "en", "validate", folder / "framework.yaml")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"did you mean '{close}'?" in done.stderr and "indicators/framework.yaml" not in done.stderr, done.stderr


def test_a_missing_exchange_rate_is_told_to_add_the_rate_and_a_rule_is_not_told_about_note():
    ys = load_yardsticks()
    here = Location(file=ROOT / "x.yaml", line=1)
    [rate] = check_numbers([(5.0, "万美元", ["historic_2010_tax"], here, "x")], ys)
    assert "exchange rate of 2010" in rate.hint and "ratio" not in rate.hint
    [other] = check_numbers([(5.0, "家", ["historic_2010_tax"], here, "x")], ys)
    assert "same measure" in other.hint
    [rule] = check_numbers([(7.0, "亿元", ["historic_2010_tax"], here, "threshold")], ys)
    assert "note:" not in rule.hint
    [model] = check_numbers([(7.0, "亿元", ["historic_2010_tax"], here, "level")], ys, model_note=True)
    assert "note:" in model.hint
