"""Every command speaks one language at a time: English under --lang en (and a non-Chinese locale), Chinese under --lang zh.

Each command of `scorer --help` (and `peers build`, a watch's log lines, a sample error) is run as a user
runs it, once in each language. English output may carry Chinese only where it quotes the user's data
(「…」, file and sheet names, zone and scenario names); Chinese output may carry English only in ids,
units, paths, options and the names of methods.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT, run_cli

SCENARIOS = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
Q1 = EXAMPLES / "周口经开区主要统计指标_2022年1-3月.xlsx"
COINR = ROOT / "tests" / "data" / "coinr-asem"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# A path or a file name (its folders and its name are the user's), a quoted name, a time stamp.
PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:xlsx|xls|ods|csv|yaml|yml|pdf|html|txt|log|parquet)\b")
PEER_ID = re.compile(r"[A-Z]{2,4}-[A-Za-z0-9-]+")  # a zone's id in a peer table (SYN-C44, HN-zhengzhou)
CELL = re.compile(r"[A-Z]{1,3}[0-9]+")  # a workbook's cell (C6)
QUOTED = re.compile(r"「[^」]*」|'[^']*'")


def _commands(tmp: Path) -> dict[str, list]:
    """Every command of `scorer --help`, as a user would run it on the bundled examples."""
    inbox = tmp / "inbox"
    inbox.mkdir()
    (inbox / "坏表_2022年1-9月.xlsx").write_bytes(b"not a workbook")  # watch: a line for it, and no report to wait for
    return {
        "score": ["score", EXAMPLES],
        "report": ["report", EXAMPLES, "--format", "html", "-o", tmp / "报告.html"],
        "ingest": ["ingest", Q1],
        "series": ["series", EXAMPLES, "--field", "fdi_actual"],
        "compare": ["compare", EXAMPLES, *SCENARIOS],
        "uncertainty": ["uncertainty", EXAMPLES, "--draws", "64", "--seed", "1", "--sobol"],
        "plan": ["plan", EXAMPLES, "--target", "75"],
        "template": ["template", "-o", tmp / "模板.xlsx", "--period", "2023Q1"],
        "watch": ["watch", inbox, "-o", tmp / "reports", "--max-polls", "2", "--interval", "0.1"],
        "validate": ["validate"],
        "score-table": ["score-table", ROOT / "indicators" / "framework.yaml", ROOT / "indicators" / "peers" / "central-synthetic.csv"],
        "import-coinr": ["import-coinr", COINR / "ASEM_iMeta.csv", COINR / "ASEM_iData.csv", "-o", tmp / "coinr"],
        "peers build": ["peers", "build", "--year", "2023", "-o", tmp / "peers.csv"],
        "an error": ["series", EXAMPLES, "--field", "no_such_field"],
    }


def _user_data() -> list[str]:
    """Names that come from the user's files and may be quoted in either language, longest first."""
    names = set()
    for p in EXAMPLES.rglob("*"):
        names |= {p.name, p.stem}
    for p in SCENARIOS:
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        names |= {str(doc.get(k)) for k in ("name", "description") if doc.get(k)}
    ys = yaml.safe_load((ROOT / "indicators" / "yardsticks.yaml").read_text(encoding="utf-8"))
    entries = ys.get("entries", ys) if isinstance(ys, dict) else ys
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, dict) and e.get("zone"):
            names.add(str(e["zone"]))
    done = run_cli("ingest", EXAMPLES, "--json")
    for o in json.loads(done.stdout)["observations"]:
        names |= {str(o["source"]["sheet"]), Path(o["source"]["file"]).name}
    names.add("周口经济开发区")  # the zone, as the workbooks' titles name it (a report's file name)
    return sorted((n for n in names if n), key=len, reverse=True)


def _ids() -> set[str]:
    """What Chinese output may write in Latin letters: ids of the framework, methods, units, proper names."""
    from scorer.cli.app import COMMANDS
    from scorer.framework.model import load_framework
    from scorer.i18n import UNITS_EN

    fw = load_framework(None)
    rules = yaml.safe_load((ROOT / "indicators" / "rules.yaml").read_text(encoding="utf-8"))
    ids = {*fw.fields, *fw.indicators, *fw.groups}
    ids |= {str(t.get("id")) for key in ("thresholds", "inputs", "conditions") for t in rules.get(key, []) or []
            if isinstance(t, dict)}
    ids |= {w for u in UNITS_EN for w in re.findall(r"[A-Za-z]+", u)}
    ids |= set(COMMANDS) | {"targets", "peers", "locf", "none", "mean"}  # commands; methods by their ids
    # proper names (of methods, programs, formats, keys) and COINr's own words (its tables' names, columns and types)
    ids |= {"Sobol", "Saltelli", "Ctrl-C", "scorer", "COINr", "HTML", "PDF", "Excel", "WPS", "zip", "CO2", "GDP",
            "iMeta", "iData", "uCode", "Type", "Denominator"}
    return ids


def _run(args: list) -> str:
    """`scorer ARGS` through the console script's own main (scorer.cli.main.main), in this process: what it
    printed on stdout and stderr. (A subprocess per run would spend more time starting Python than running.)"""
    import contextlib
    import io

    from scorer.cli.main import main

    argv, buffer = sys.argv, io.StringIO()
    sys.argv = ["scorer", *map(str, args)]
    try:
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            try:
                main()
            except SystemExit:
                pass
    finally:
        sys.argv = argv
    return buffer.getvalue()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[tuple[str, str], str]:
    """(command, language) → what the command printed (stdout and stderr), run as the console script runs it."""
    import signal

    from scorer.messages import set_language

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    printed = {}
    try:
        for lang in ("en", "zh"):
            tmp = tmp_path_factory.mktemp(f"lang-{lang}")
            for name, args in _commands(tmp).items():
                printed[(name, lang)] = _run(args + ["--lang", lang])
    finally:
        set_language(None)  # the environment's language again, for the tests that follow
        for s, h in handlers.items():
            signal.signal(s, h)
    return printed


@pytest.fixture(scope="module")
def user_data() -> list[str]:
    return _user_data()


def _strip_user_data(text: str, names: list[str]) -> str:
    text = PATH.sub(" ", text)
    for n in names:
        text = text.replace(n, " ")
    return QUOTED.sub(" ", text)


def test_every_command_of_the_help_is_tried(tmp_path):
    from scorer.cli.app import COMMANDS

    tried = {name.split()[0] for name in _commands(tmp_path)}
    assert set(COMMANDS) <= tried, set(COMMANDS) - tried


@pytest.mark.parametrize("command", ["score", "report", "ingest", "series", "compare", "uncertainty", "plan", "template",
                                     "watch", "validate", "score-table", "import-coinr", "peers build", "an error"])
def test_english_output_has_no_chinese_outside_the_users_data(outputs, user_data, command):
    text = outputs[(command, "en")]
    assert text.strip(), command
    left = [line for line in _strip_user_data(text, user_data).splitlines() if CJK.search(line)]
    assert not left, f"{command} --lang en printed Chinese:\n" + "\n".join(left[:10])


@pytest.mark.parametrize("command", ["score", "report", "ingest", "series", "compare", "uncertainty", "plan", "template",
                                     "watch", "validate", "score-table", "import-coinr", "peers build", "an error"])
def test_chinese_output_has_no_english_words_outside_ids_and_units(outputs, user_data, command):
    text = outputs[(command, "zh")]
    assert text.strip(), command
    assert CJK.search(text), f"{command} --lang zh printed no Chinese at all:\n{text[:500]}"
    allowed = _ids()
    stripped = re.sub(r"--[a-z][a-z0-9-]*|\b[0-9a-f]{8,}\b|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|R&D", " ",
                      _strip_user_data(text, user_data))
    words = {w for w in re.findall(r"[A-Za-z][A-Za-z_0-9-]*[A-Za-z0-9]", stripped)
             if len(w) > 2 and w not in allowed and not PEER_ID.fullmatch(w) and not CELL.fullmatch(w)}
    assert not words, f"{command} --lang zh printed English words: {sorted(words)[:20]}\n{text[:3000]}"


def test_a_non_chinese_locale_speaks_english_and_a_chinese_one_chinese():
    env = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    english = run_cli("score", EXAMPLES, env={**env, "LANG": "C.UTF-8"})
    chinese = run_cli("score", EXAMPLES, env={**env, "LANG": "zh_CN.UTF-8"})
    assert english.returncode == chinese.returncode == 0, english.stderr + chinese.stderr
    assert "Overall score" in english.stdout and "Verdict:" in english.stdout and "综合得分" not in english.stdout
    assert "综合得分" in chinese.stdout and "判定：" in chinese.stdout and "Verdict" not in chinese.stdout


def test_a_stop_line_is_said_in_one_language():
    from scorer.lang import STOPPED, stopped

    for lang in ("zh", "en"):
        for signum in (1, 2, 15):
            line = stopped(signum, lang)
            assert bool(CJK.search(line)) == (lang == "zh") and ("（" not in line), line
    assert set(STOPPED["zh"]) == set(STOPPED["en"])
