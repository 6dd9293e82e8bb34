"""Every command's --json: one typed path, a versioned JSON Schema kept in schemas/, null for missing, GBK-safe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version

import jsonschema
import numpy as np
import pydantic
import pytest

from conftest import EXAMPLES, ROOT, run_cli
from scorer.schema import OUTPUTS, SCHEMA_VERSION, to_json

SCHEMAS = ROOT / "schemas"
COINR = ROOT / "tests" / "data" / "coinr-asem"


def _no_nan(text: str):
    def refuse(constant):
        raise AssertionError(f"{constant} in JSON output")
    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def asem(tmp_path_factory):
    out = tmp_path_factory.mktemp("asem")
    done = run_cli("import-coinr", COINR / "ASEM_iMeta.csv", COINR / "ASEM_iData.csv", "-o", out)
    assert done.returncode == 0, done.stderr
    return out


COMMANDS = {
    "ingest": lambda _: ["ingest", EXAMPLES, "--json"],
    "score": lambda _: ["score", EXAMPLES, "--json"],
    "series": lambda _: ["series", EXAMPLES, "--json"],
    "compare": lambda _: ["compare", EXAMPLES, *sorted((EXAMPLES / "scenarios").glob("*.yaml")), "--json"],
    "uncertainty": lambda _: ["uncertainty", EXAMPLES, "--draws", "64", "--seed", "1", "--json"],
    "plan": lambda _: ["plan", EXAMPLES, "--target", "92", "--json"],
    "score-table": lambda asem: ["score-table", asem / "framework.yaml", asem / "data.csv", "--pipeline", "P4",
                                 "--json"],
}


def test_every_json_output_has_a_schema_file_and_the_files_are_not_stale():
    assert set(COMMANDS) == set(OUTPUTS) == {p.stem for p in SCHEMAS.glob("*.json")} - {"refused"}
    assert (SCHEMAS / "refused.json").is_file()  # any command's --json when the run is refused (test_json_refused)
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "make_schemas.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_commands_json_validates_against_its_schema(command, asem):
    done = run_cli(*COMMANDS[command](asem))
    assert done.returncode == 0, done.stderr
    data = _no_nan(done.stdout)
    schema = json.loads((SCHEMAS / f"{command}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    assert data["schema_version"] == SCHEMA_VERSION and data["command"] == command
    assert isinstance(data["problems"], list)
    # the release in every command's config block, as score's (bt15i F13: only score had a config at all)
    assert data["config"]["scorer_version"] == data["scorer_version"] == version("scorer")


@pytest.mark.parametrize("command", sorted([*OUTPUTS, "refused"]))
def test_every_schema_requires_the_release_in_its_config(command):
    # a command added later, or a config block of its own (score-table's methods), keeps config.scorer_version
    schema = json.loads((SCHEMAS / f"{command}.json").read_text(encoding="utf-8"))
    assert "config" in schema["required"]
    config = schema["properties"]["config"]
    config = schema["$defs"][config["$ref"].rsplit("/", 1)[1]] if "$ref" in config else config
    assert "scorer_version" in config["required"] and config["properties"]["scorer_version"]["type"] == "string"


def test_the_same_object_has_the_same_shape_in_every_schema():
    seen: dict[str, tuple[str, dict]] = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        for name, definition in json.loads(path.read_text(encoding="utf-8")).get("$defs", {}).items():
            if name in seen:
                assert definition == seen[name][1], f"{name} differs between {seen[name][0]} and {path.name}"
            else:
                seen[name] = (path.name, definition)
    assert {"Problem", "PeerSet", "Standing", "Verdict", "Method"} <= set(seen)


def test_missing_values_are_null_never_nan(tmp_path):
    # Peers with figures for two categories only: the others' peer medians are missing.
    peers = tmp_path / "peers.csv"
    peers.write_text("名称,fdi_amount,rd_institutions\n甲,1000,30\n乙,2000,50\n", encoding="utf-8")
    done = run_cli("score", EXAMPLES, "--peers", peers, "--json")
    assert done.returncode == 0, done.stderr
    medians = _no_nan(done.stdout)["standing"]["peer_median_categories"]
    assert medians["green"] is None and medians["opening"] is not None
    rows = _no_nan(run_cli("series", EXAMPLES, "--field", "rd_institutions", "--json").stdout)["rows"]
    assert all(r["single_quarter"] is None for r in rows)  # a stock has no single-quarter figure


def test_the_one_path_turns_numpy_values_into_json_and_refuses_a_drifted_shape():
    data = {"rows": [{"field": "f", "label": "甲", "unit": "万元", "kind": "flow", "period": "2022Q1",
                      "value": np.float64(1.5), "single_quarter": np.nan, "prior_year": np.inf,
                      "growth_published": None, "growth_computed": np.float32(2.0), "full_year": 3,
                      "full_year_method": None}]}
    row = json.loads(to_json("series", data))["rows"][0]
    assert (row["value"], row["single_quarter"], row["prior_year"], row["growth_computed"]) == (1.5, None, None, 2.0)
    with pytest.raises(pydantic.ValidationError):
        to_json("series", {"rows": [{**data["rows"][0], "surprise": 1}]})
    peers = {"name": "p", "path": "p.csv", "units": np.int64(3), "synthetic": np.bool_(True), "sha256": "0",
             "indicators": [], "missing_indicators": [], "notes": []}
    from scorer.schema import PeerSet

    assert PeerSet.model_validate({k: v.item() if hasattr(v, "item") else v for k, v in peers.items()}).synthetic


# A GBK console is a Chinese one: the table asks for Chinese (under C.UTF-8 it would be English since issue 15)
@pytest.mark.parametrize("args", [["score", EXAMPLES, "--json"], ["score", EXAMPLES, "--lang", "zh"],
                                  ["ingest", EXAMPLES, "--json"]])
def test_a_gbk_console_or_pipe_never_crashes_and_the_json_parses(args, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    out = tmp_path / "out.json"
    with open(out, "wb") as fh:
        done = subprocess.run([sys.executable, "-m", "scorer", *map(str, args)], stdout=fh, stderr=subprocess.PIPE,
                              env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    text = out.read_bytes().decode("gbk")
    if "--json" in args:
        assert _no_nan(text)["command"] == args[0]
    else:
        assert "对外开放" in text
