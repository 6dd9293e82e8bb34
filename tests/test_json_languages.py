"""`--json` carries both languages whatever --lang says (README; bt15 F8): every text a reader reads — a verdict,
an indicator's, a category's or a condition's name, a gap, a plan's goal, steps and notes, a warning's hint — comes
as a pair, `X_zh` with its twin `X_en` (a text that was English under a plain key, such as a problem's `hint`,
gains `X_en`; one that was Chinese under a plain key, such as compare's `failed_rules`, gains `X_en` too).

Held two ways: every model of scorer.schema (a key added to any command's JSON, run here or not), and the JSON
that each command prints for the sample, walked whole: no `X_zh` without `X_en`, no English twin holding Chinese
(but the user's own names), no Chinese text anywhere without a twin but the user's and the yardsticks' data."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, run_cli

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# Keys whose Chinese is data, not scorer's words: units as the statistics write them, the user's and the
# yardsticks' own texts (a peer set's, a scenario's, a department's name, a cited document's title), places.
DATA_KEYS = {"unit", "to", "formula", "department", "province", "just_above", "just_below", "zone", "name", "peer_name",
             "path", "description", "source", "fields", "file", "sheet", "label", "cell", "fdi_actual"}


def _models():
    from pydantic import BaseModel

    from scorer import schema, schema_base

    seen, todo = {}, list(schema.OUTPUTS.values())
    while todo:
        model = todo.pop()
        if model.__name__ in seen:
            continue
        seen[model.__name__] = model
        for f in model.model_fields.values():
            for arg in re.findall(r"[A-Za-z_]+", str(f.annotation)):
                found = getattr(schema, arg, None) or getattr(schema_base, arg, None)
                if isinstance(found, type) and issubclass(found, BaseModel):
                    todo.append(found)
    return seen


def test_every_chinese_key_of_every_json_model_has_its_english_twin():
    models = _models()
    assert {"ScoreOutput", "Verdict", "Readiness", "Gap", "PlanOutput", "Action", "Constraint", "Outcome", "Moved",
            "UncertaintyOutput", "SobolIndex", "Problem", "PeerSet"} <= set(models)
    lacking = []
    for name, model in models.items():
        keys = set(model.model_fields)
        lacking += [f"{name}.{k}: no {k[:-3]}_en" for k in keys if k.endswith("_zh") and k[:-3] + "_en" not in keys]
        lacking += [f"{name}.{k}: no {k[:-3]}_zh or {k[:-3]}" for k in keys if k.endswith("_en")
                    and k[:-3] + "_zh" not in keys and k[:-3] not in keys]
    assert not lacking, lacking


def _walk(node, path: str, found: list, own: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            p, base = f"{path}.{k}", k[:-3] if k.endswith(("_zh", "_en")) else k
            if k.endswith("_zh") and base + "_en" not in node:
                found.append(f"{p}: no {base}_en")
            many = list(v.values()) if isinstance(v, dict) else v if isinstance(v, list) else [v]
            texts = many if all(isinstance(x, str) for x in many) else []  # a text, or a list or map of texts
            if k.endswith("_en"):
                twin = node.get(base + "_zh", node.get(base))
                if twin and not v:
                    found.append(f"{p}: empty beside {twin!r}")
                found += [f"{p}: Chinese in English: {t!r}" for t in texts
                          if CJK.search(re.sub(r"「[^」]*」|“[^”]*”", "", t)) and t not in own]
            elif not k.endswith("_zh") and k + "_en" not in node and k not in DATA_KEYS:
                found += [f"{p}: Chinese without an English twin: {t!r}" for t in texts if CJK.search(t)]
            if not (isinstance(v, dict) and texts and (k + "_en" in node or k in DATA_KEYS)):  # not a map of texts said
                _walk(v, p, found, own)
    elif isinstance(node, list):
        for x in node:
            _walk(x, path + "[]", found, own)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Each command's --json for the sample, under --lang en and --lang zh; the scenario names the user gave."""
    folder = tmp_path_factory.mktemp("json")
    scenario = folder / "扩大外资.yaml"  # a scenario of the user's own, named in Chinese
    scenario.write_text("name: 扩大外资\ndescription: 实际使用外资增加20%\nfields:\n  fdi_actual: +20%\n", encoding="utf-8")
    runs = {"score": ["score", EXAMPLES, "--not-first-in-province"],
            "compare": ["compare", EXAMPLES, EXAMPLES / "scenarios", scenario],
            "plan": ["plan", EXAMPLES, "--target", "75"],
            "plan_verdict": ["plan", EXAMPLES, "--verdict", "--not-first-in-province"],
            "uncertainty": ["uncertainty", EXAMPLES, "--draws", "256", "--seed", "1", "--sobol",
                            "--not-first-in-province"],
            "series": ["series", EXAMPLES, "--field", "fdi_actual"],
            "ingest": ["ingest", EXAMPLES]}
    out = {}
    for name, args in runs.items():
        for lang in ("en", "zh"):
            done = run_cli(*args, "--json", "--lang", lang)
            assert done.stdout.strip(), (name, done.stderr)
            out[name, lang] = done.stdout
    own = {yaml.safe_load(p.read_text(encoding="utf-8"))["name"] for p in [*(EXAMPLES / "scenarios").glob("*.yaml"), scenario]}
    return out, own


@pytest.mark.parametrize("command", ["score", "compare", "plan", "plan_verdict", "uncertainty", "series", "ingest"])
def test_each_command_s_json_carries_every_text_in_both_languages(outputs, command):
    out, own = outputs
    assert out[command, "en"] == out[command, "zh"]  # the same document whatever --lang says
    found: list[str] = []
    _walk(json.loads(out[command, "en"]), "", found, own)
    assert not found, sorted(set(re.sub(r"\[\]", "", f) for f in found))[:40]


def test_the_english_twins_say_what_the_terminal_says_in_english(outputs):
    """The English verdict in the JSON is the one `score --lang en` prints (not a copy of the Chinese)."""
    out, _ = outputs
    score = json.loads(out["score", "en"])
    assert score["verdict"]["label_en"] and score["verdict"]["label_en"] != score["verdict"]["label_zh"]
    assert all(g["name_en"] != g["name_zh"] for g in score["gaps"])
    plan = json.loads(out["plan", "en"])
    assert plan["goal_en"] and all(a["text_en"] and not CJK.search(a["text_en"]) for a in plan["actions"])
    terminal = run_cli("score", EXAMPLES, "--not-first-in-province", "--lang", "en", env={"COLUMNS": "300"}).stdout
    assert score["verdict"]["label_en"].split(";")[0].split(":")[0] in " ".join(terminal.split())
