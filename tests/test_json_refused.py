"""Under --json, a refused run still prints a JSON document on stdout (issue 11, bt11 fault 16).

`scorer score d1 --json` printed nothing on stdout (exit 1): a program reading stdout learned nothing of
why. Every command with --json output now prints schemas/refused.json's document — `refused: true`,
`exit_code` and the `problems` that stopped it, each with level, code, message in Chinese and English,
and its place (file/sheet/cell, or a YAML line) — and exits non-zero; the messages still go to stderr.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from scorer.schema import OUTPUTS, SCHEMA_VERSION
from tests.bad_inputs import _edit
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.workbooks import cell_of

REFUSED = json.loads((ROOT / "schemas" / "refused.json").read_text(encoding="utf-8"))
MISSING = "no/such/folder"

# Each command with --json output, refused for a path that does not exist.
REFUSALS = {
    "ingest": ["ingest", MISSING],
    "score": ["score", MISSING],
    "series": ["series", MISSING],
    "compare": ["compare", MISSING, EXAMPLES / "scenarios" / "外资增长两成.yaml"],
    "uncertainty": ["uncertainty", MISSING, "--draws", "64"],
    "plan": ["plan", MISSING, "--target", "80"],
    "score-table": ["score-table", "no/such/framework.yaml", "no/such/table.csv"],
}


def refusal(done, command: str) -> dict:
    """The document a refused run printed, checked against schemas/refused.json and the exit code."""
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, REFUSED, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == SCHEMA_VERSION and data["command"] == command and data["refused"] is True
    assert data["exit_code"] == done.returncode
    assert data["problems"] and all(p["level"] == "error" and p["message_zh"] and p["message_en"]
                                    for p in data["problems"])
    return data


def test_every_command_with_json_output_is_covered():
    assert set(REFUSALS) == set(OUTPUTS)


@pytest.mark.parametrize("command", sorted(REFUSALS))
def test_a_refused_run_prints_its_problems_as_json_with_the_file(command):
    done = run_cli(*REFUSALS[command], "--json")
    data = refusal(done, command)
    assert done.returncode == 1
    assert any(p["file"] and p["file"].startswith("no/such") for p in data["problems"]), data["problems"]
    assert any(p["file"] and p["file"] in done.stderr for p in data["problems"])  # the same problems, said on stderr


def test_a_refused_workbook_is_named_by_file_sheet_and_cell(framework, tmp_path):
    target = _edit("gdp", "C", "#REF!")(tmp_path, framework.fields)
    done = run_cli("score", target, "--json")
    data = refusal(done, "score")
    sheet, cell = cell_of(framework.fields, "gdp", "C")
    assert any(p["file"] == str(target) and p["sheet"] == sheet and p["cell"] == cell and "#REF!" in p["message_en"]
               for p in data["problems"]), data["problems"]


def test_a_refused_scenario_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("name: s\nfields:\n  trade_total: +10\n", encoding="utf-8")
    data = refusal(run_cli("compare", EXAMPLES, path, "--json"), "compare")
    assert [(p["file"], p["line"]) for p in data["problems"]] == [(str(path), 3)]


def test_a_usage_error_under_json_is_a_document_too_with_exit_2():
    done = run_cli("score", EXAMPLES, "--json", "--bogus")
    data = refusal(done, "score")
    assert done.returncode == 2 and "--bogus" in data["problems"][0]["message_en"]


def test_without_json_a_refused_run_prints_nothing_on_stdout():
    done = run_cli("score", MISSING)
    assert done.returncode == 1 and done.stdout == "" and MISSING in done.stderr
