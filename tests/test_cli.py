"""The command line as a user drives it: scores as JSON, a report on disk, bad input without tracebacks."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES, ROOT, run_cli


@pytest.fixture(scope="module")
def score_json():
    done = run_cli("score", EXAMPLES, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_score_json_gives_overall_categories_and_each_indicator(score_json, sample_run):
    assert score_json["period"] == "2022Q4"
    assert score_json["overall"]["score"] == pytest.approx(sample_run.result.overall, abs=1e-12)
    assert [c["name_zh"] for c in score_json["categories"]] == ["对外开放", "科技创新", "绿色发展", "统筹协调", "发展质量"]
    assert len(score_json["indicators"]) == 30
    for ind in score_json["indicators"]:
        assert {"value", "unit", "score", "target", "points_lost", "gap_to_target"} <= set(ind)
    assert score_json["config"]["framework"]["sha256"]
    assert len(score_json["config"]["inputs"]) == 8


def test_score_prints_a_readable_table():
    done = run_cli("score", EXAMPLES, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "对外开放" in done.stdout and "综合得分" in done.stdout


def test_score_for_an_earlier_quarter(sample_run):
    done = run_cli("score", EXAMPLES, "--period", "2022Q2", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["period"] == "2022Q2"
    assert data["overall"]["score"] == pytest.approx(sample_run.result.group_scores.at["2022Q2", "index"])


def test_report_writes_a_pdf(tmp_path):
    out = tmp_path / "r.pdf"
    done = run_cli("report", EXAMPLES, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("args, expected", [
    (["score", "no/such/folder"], "no such file or folder"),
    (["score", "EXAMPLES", "--period", "2030Q1"], "no workbook covers 2030Q1"),
    (["score", "EXAMPLES", "--period", "Q1"], "is not a quarter"),
    (["validate", "no/such.yaml"], "file not found"),
])
def test_bad_input_exits_non_zero_with_a_message_and_no_traceback(args, expected):
    done = run_cli(*[str(EXAMPLES) if a == "EXAMPLES" else a for a in args])
    assert done.returncode == 1
    assert expected in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_a_text_file_named_xlsx_is_named_in_the_error(tmp_path):
    bad = tmp_path / "2022年1-6月报表.xlsx"
    bad.write_text("this is not a workbook", encoding="utf-8")
    done = run_cli("score", bad)
    assert done.returncode == 1
    assert str(bad) in done.stderr and "cannot open as a workbook" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_report_run_keeps_the_earlier_report(tmp_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF-earlier")
    done = run_cli("report", tmp_path / "missing", "-o", out)
    assert done.returncode == 1
    assert out.read_bytes() == b"%PDF-earlier"


def test_import_coinr_then_score_table_reproduces_coinrs_p1_ranking(tmp_path):
    import csv

    from tests.conftest import ROOT

    ref = ROOT / "tests" / "data" / "coinr-asem"
    done = run_cli("import-coinr", ref / "ASEM_iMeta.csv", ref / "ASEM_iData.csv", "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "49 indicators" in done.stdout
    done = run_cli("score-table", tmp_path / "framework.yaml", tmp_path / "data.csv", "--pipeline", "P1", "--csv")
    assert done.returncode == 0, done.stderr
    ours = {row[""] if "" in row else row["uCode"]: float(row["index"]) for row in csv.DictReader(done.stdout.splitlines())}
    theirs = {row["uCode"]: float(row["Index"]) for row in csv.DictReader((ref / "P1_aggregated.csv").open())}
    assert ours.keys() == theirs.keys()
    assert all(abs(ours[u] - theirs[u]) < 1e-9 for u in theirs)


def test_import_coinr_with_a_broken_meta_file_names_it(tmp_path):
    bad = tmp_path / "iMeta.csv"
    bad.write_text("Level,iCode\n1,A\n", encoding="utf-8")
    done = run_cli("import-coinr", bad, bad, "-o", tmp_path / "out")
    assert done.returncode == 1
    assert str(bad) in done.stderr and "Traceback" not in done.stderr


def test_a_geometric_mean_over_a_zero_is_a_clear_error_not_a_crash(tmp_path):
    from tests.conftest import ROOT

    ref = ROOT / "tests" / "data" / "coinr-asem"
    run_cli("import-coinr", ref / "ASEM_iMeta.csv", ref / "ASEM_iData.csv", "-o", tmp_path)
    framework = tmp_path / "framework.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(text.replace("aggregation:\n  method: arithmetic", "aggregation:\n  method: geometric"),
                         encoding="utf-8")
    assert "method: geometric" in framework.read_text(encoding="utf-8")
    done = run_cli("score-table", framework, tmp_path / "data.csv")
    assert done.returncode == 1
    assert "geometric mean over a value of 0" in done.stderr and "hint:" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_places_and_texts_print_as_written_never_as_emoji():
    """rich turns ':100:' into 💯: 'framework.yaml:100: error' printed as 'framework.yaml💯 error' (a place
    at line 100 lost its line). Every console of the CLI prints text as written."""
    import subprocess
    import sys

    code = ("from scorer.cli.app import err, out; from scorer.errors import Location, Problem; "
            "err.print(Problem('a :thumbs_up: text', Location(file='a.yaml', line=100)).render('en'), markup=False); "
            "out.print('b.yaml:100: :smile:', markup=False)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "a.yaml:100: error: a :thumbs_up: text" in done.stderr, done.stderr
    assert "b.yaml:100: :smile:" in done.stdout, done.stdout
