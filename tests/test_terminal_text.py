"""Text from input never drives the terminal: ESC sequences, CR, C1 controls and bidi overrides in a peer's,
a zone's, a file's, a group's or a scenario's name are dropped from everything the CLI prints, through one
helper (scorer.fmt.for_terminal) that the CLI's consoles apply to every piece of text; rich markup in a name
is shown as written (`[/]` stopped score-table with an internal error); --json escapes them (same data)."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES, ROOT, run_cli
from scorer.fmt import for_terminal, printable

HOSTILE = ["红\x1b[31m色区", "回\r车区", "\u202e反向区", "[/]标记区", "\x9b31m区", "隔\u2066离\u2069区", "响\x07铃区"]
FORBIDDEN = "\x1b\r\u202e\x9b\u2066\u2069\x07"


def _clean(done) -> None:
    text = done.stdout + done.stderr
    assert not [ch for ch in FORBIDDEN if ch in text], [hex(ord(ch)) for ch in FORBIDDEN if ch in text]
    assert "internal error" not in text and "Traceback" not in text


def test_for_terminal_drops_what_drives_a_terminal_and_keeps_the_text():
    assert for_terminal("红\x1b[31m色\r区\u202e，\x9b1m\tA\nB\r\nC\x00") == "红[31m色区，1m\tA\nB\nC"
    assert printable("a\rb") == "a\rb"  # CSV keeps CR (a field may hold a line break); the terminal does not
    assert for_terminal("周口经济开发区 [bold]") == "周口经济开发区 [bold]"


def _peer_table(tmp_path):
    rows = list(csv.reader((ROOT / "indicators/peers/central-synthetic.csv").open(encoding="utf-8-sig")))
    for row, name in zip(rows[1:], HOSTILE):
        row[0] = row[1] = name
    path = tmp_path / "peers.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_peer_names_in_a_table_reach_the_terminal_without_control_characters(tmp_path):
    done = run_cli("score-table", ROOT / "indicators/framework.yaml", _peer_table(tmp_path))
    assert done.returncode == 0, done.stderr
    _clean(done)
    for name in HOSTILE:
        assert for_terminal(name) in done.stdout, name  # the name's text is all there, markup `[/]` as written
    assert "[31m色区" in done.stdout


def test_json_escapes_the_invisible_characters_and_keeps_the_data(tmp_path):
    done = run_cli("score-table", ROOT / "indicators/framework.yaml", _peer_table(tmp_path), "--json")
    assert done.returncode == 0, done.stderr
    _clean(done)
    assert set(HOSTILE) <= set(_strings(json.loads(done.stdout)))  # the names as read, escaped only in the text


def _strings(tree):
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, dict):
        for k, v in tree.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(tree, list):
        for v in tree:
            yield from _strings(v)


@pytest.fixture
def hostile_folder(tmp_path):
    """The sample with its 2022Q4 workbook named with an ESC sequence, a CR and a right-to-left override, and a
    negative figure in it so that warnings name the file."""
    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios"))
    q4 = folder / "周口经开区主要统计指标_2022年1-12月.xlsx"
    wb = load_workbook(q4)
    wb["主要经济指标"]["C7"] = -48.59
    wb.save(q4)
    q4.rename(folder / "周口\x1b[31m\r\u202e\x9b_2022年1-12月.xlsx")
    return folder


@pytest.mark.parametrize("command", ["ingest", "score", "series"])
def test_a_file_name_named_in_warnings_reaches_the_terminal_clean(hostile_folder, command):
    done = run_cli(command, hostile_folder, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "[31m" in done.stderr  # the warnings name the file: its text is there, its ESC is not
    _clean(done)


def test_a_framework_name_with_markup_and_controls_is_printed_as_written(tmp_path):
    text = (ROOT / "indicators/framework.yaml").read_text(encoding="utf-8")
    path = tmp_path / "framework.yaml"
    path.write_text(text.replace("index_name_zh: 综合得分", 'index_name_zh: "[/]综合\\e[2J得分"', 1)
                    .replace("name_zh: 对外开放", 'name_zh: "[red]对外\\u202e开放"', 1), encoding="utf-8")
    for f in ("fields.yaml", "yardsticks.yaml", "exchange_rates.yaml"):
        if (ROOT / "indicators" / f).exists() and not (tmp_path / f).exists():
            shutil.copy(ROOT / "indicators" / f, tmp_path / f)
    done = run_cli("score", EXAMPLES, "--framework", path, "--lang", "zh")  # the Chinese names are read
    assert done.returncode == 0, done.stderr
    _clean(done)
    assert "[/]综合[2J得分" in done.stdout and "[red]对外开放" in done.stdout


def test_ingest_lists_every_value_as_read_not_rounded(tmp_path, framework):
    """bt15 F16: ingest's terminal listing showed 448,700 as 4.487e+05 and 1,270.53 as 1,271 (four significant
    digits), so "every value read" could not be checked against the workbook by eye. Each row's value, read
    back from the terminal, is the value --json gives for the same cell, whatever its size or decimals."""
    import re

    from tests.workbooks import full_tables, write_xlsx

    odd = {"gdp": {"current": 1234567.891, "prior": 0.0123}, "trade_total": {"current": 448700, "prior": 96522.43},
           "fdi_actual": {"current": 1270.53, "prior": 98765432.1}}
    sheets, merges = full_tables(framework.fields, overrides=odd)
    book = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    env = {"COLUMNS": "300"}
    listed = run_cli("ingest", book, env=env)
    read = json.loads(run_cli("ingest", book, "--json", env=env).stdout)["observations"]
    assert listed.returncode == 0 and read
    shown = {}
    for line in listed.stdout.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 6:
            shown[tuple(part.strip() for part in cells[5].split("›")[1:])] = cells[3]
    assert not re.search(r"\de[+-]\d", listed.stdout)
    for o in read:
        text = shown[o["source"]["sheet"], o["source"]["cell"]]
        assert float(text.replace(",", "").replace("−", "-")) == pytest.approx(o["value"], rel=1e-12, abs=0), (o, text)
    assert {"1,234,567.891", "448,700", "96,522.43", "1,270.53", "98,765,432.1", "0.0123"} <= set(shown.values())


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", [["compare", EXAMPLES, EXAMPLES / "scenarios"], ["score", EXAMPLES]], ids=["compare", "score"])
def test_a_table_fits_the_terminal_and_loses_nothing(args, lang):
    """bt15 F15: at 120 columns compare's table lost its verdict and the indicators that moved (rich folded its
    last columns to nothing); at 160 they were cut. At any width each line fits (East Asian wide characters
    count two), and every character the widest terminal shows is shown (a table too wide becomes a block of
    `header: cell` lines per row; only its first column's header, the blocks' titles, goes)."""
    from collections import Counter

    from rich.cells import cell_len

    def ink(text):
        return Counter(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u257f")

    wide = run_cli(*args, "--lang", lang, env={"SCORER_COLUMNS": "400"}).stdout
    first_header = {"en": "Scenario", "zh": "情景"}[lang] if args[0] == "compare" else ""
    for width in (80, 100, 120, 160):
        done = run_cli(*args, "--lang", lang, env={"SCORER_COLUMNS": str(width)})
        assert done.returncode == 0, done.stderr
        assert max(cell_len(line) for line in done.stdout.splitlines()) <= width
        lost = ink(wide) - ink(done.stdout)
        assert not lost - ink(first_header), (width, "".join(sorted((lost - ink(first_header)).elements()))[:200])
