"""Hostile names and values from the issue-16 break test (08:35): a zone typed twice in a peer table, a
weight of 1e-300%, an output named with another format's extension, control characters and formula-looking
text in CSV, an option named as the user did not type it, and a 200-character zone name."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from conftest import EXAMPLES, run_cli
from scorer.atomic import safe_name
from scorer.errors import ScorerError
from scorer.sheets import csv_text, looks_like_formula, neutralise, unneutralise


# ---------------------------------------------------------------------------------------- peer rows

def _peers(tmp_path, rows: list[str]):
    path = tmp_path / "peers.csv"
    path.write_text("园区名称,fdi_amount\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("second", ["A", "Ａ", " a ", "A\u3000"])
def test_a_zone_typed_twice_with_the_same_values_is_counted_once_with_a_warning(tmp_path, second):
    from scorer.framework.model import load_framework
    from scorer.score.peers import load_peers

    path = _peers(tmp_path, ["A,1000", f"{second},1000", "B,2000"])
    peers = load_peers(path, load_framework(None))
    assert len(peers.values) == 2  # A (however typed) once, and B
    warned = [p for p in peers.left_out if p.code == "peer_zone_twice"]
    assert len(warned) == 1 and warned[0].location.line == 3 and "line 2" in warned[0].message


def test_a_zone_typed_twice_in_full_width_with_other_values_is_refused(tmp_path):
    done = run_cli("score", EXAMPLES, "--peers", _peers(tmp_path, ["A,1000", "Ａ,1200", "B,2000"]), "--lang", "en")
    assert done.returncode == 1 and "peers.csv:3:1" in done.stderr and "twice" in done.stderr, done.stderr


def test_the_rank_counts_a_repeated_zone_once(tmp_path):
    twice = run_cli("score", EXAMPLES, "--peers", _peers(tmp_path, ["A,1000", "Ａ,1000", "B,2000"]), "--json")
    shutil.move(tmp_path / "peers.csv", tmp_path / "twice.csv")
    once = run_cli("score", EXAMPLES, "--peers", _peers(tmp_path, ["A,1000", "B,2000"]), "--json")
    import json

    assert json.loads(twice.stdout)["standing"]["of"] == json.loads(once.stdout)["standing"]["of"] == 3


# ------------------------------------------------------------------------------------------ weights

@pytest.mark.parametrize("weight", ["1e-300%", "0.01%", "0.00001"])
def test_a_weight_too_small_to_be_meant_is_refused_at_its_line(tmp_path, weight):
    path = tmp_path / "w.yaml"
    path.write_text(f"name: n\nweights:\n  opening: {weight}\n", encoding="utf-8")
    done = run_cli("compare", EXAMPLES, path, "--lang", "en")
    assert done.returncode == 1 and f"{path}:3" in done.stderr and "0.1%" in done.stderr, done.stderr


def test_a_small_weight_that_is_meant_is_read():
    from scorer.whatif.changes import parse_weight

    assert parse_weight("0.5%") == ("percent", 0.5) and parse_weight("0.002") == ("share", 0.002)


# ----------------------------------------------------------------------------- output extensions

@pytest.mark.parametrize("args, name", [
    (["report", EXAMPLES], "A.XLSX"),
    (["report", EXAMPLES], "A.html"),
    (["report", EXAMPLES, "--format", "html"], "A.pdf"),
    (["peers", "build", "--year", "2023"], "p.xlsx"),
    (["plan", EXAMPLES, "--target", "75", "--scenario"], "s.csv"),
    (["uncertainty", EXAMPLES, "--draws", "50", "--export"], "d.xlsx"),
])
def test_an_output_named_with_another_formats_extension_is_refused_before_any_work(tmp_path, args, name):
    out = tmp_path / name
    option = [] if args[-1] in ("--scenario", "--export") else ["-o"]
    done = run_cli(*args, *option, out, "--lang", "en")
    assert done.returncode == 1 and str(out) in done.stderr and "does not end in" in done.stderr, done.stderr
    assert not out.exists() and not list(tmp_path.iterdir())


def test_an_extension_in_capitals_is_the_format_written(tmp_path):
    done = run_cli("report", EXAMPLES, "-o", tmp_path / "A.PDF")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "A.PDF").read_bytes().startswith(b"%PDF")


# -------------------------------------------------------------------------------------------- CSV

@pytest.mark.parametrize("text", ["=1+2", "  =1+2", "＝1+2", "\u3000+1", "＠SUM(A1)", "－3+2", "\t=1", " @x",
                                  "\n=1+2", "\r\n=1+2", "\u200b=1+2", "\ufeff=1+2", "\xa0=1+2", " \n @x"])
def test_formula_looking_text_is_neutralised_and_read_back(text):
    assert looks_like_formula(text)
    assert neutralise(text) == "'" + text and unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["'=1+2", "''+x", "'", "''", "'a", "=", "'＝1"])
def test_every_text_is_read_back_as_it_was_written_even_apostrophes_before_a_formula(text):
    """A unit code is an identifier: neutralised and read back (import-coinr's data.csv, then score-table), it is
    the same code; `'=1+2` as a code was read back as `=1+2`."""
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["周口经开区", "'quoted", "a=b", "1+2", ""])
def test_plain_text_is_left_as_it_is(text):
    assert neutralise(text) == text and unneutralise(text) == text


def test_csv_fields_carry_no_control_character_and_no_formula():
    import pandas as pd

    frame = pd.DataFrame({"名\x1b[31m称\x07": ["\x1b[31mRED\x1b[0m\u202eevil\x07", "a\x00b", "\x1b=1+2", "  =1+2"],
                          "value": [1.5, 2.0, 3.0, 4.0]})
    text = csv_text(frame)
    assert not any(ch in text for ch in "\x00\x07\x1b\u202e")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["名[31m称", "value"]
    assert [r[0] for r in rows[1:]] == ["[31mRED[0mevil", "ab", "'=1+2", "'  =1+2"]
    assert [r[1] for r in rows[1:]] == ["1.5", "2.0", "3.0", "4.0"]  # numbers stay numbers


def test_compare_csv_of_a_hostile_scenario_name_is_clean_on_the_terminal_and_in_xlsx(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "s.yaml"
    path.write_text('name: "\\e[31mRED\\e[0m\\u202e＝1+2\\a"\ndescription: "  =1+2\\0"\nfields:\n  fdi_actual: +5%\n',
                    encoding="utf-8")
    done = run_cli("compare", EXAMPLES, path, "--csv", "--xlsx", tmp_path / "c.xlsx")
    assert done.returncode == 0, done.stderr
    assert not any(ch in done.stdout for ch in "\x00\x07\x1b\u202e")
    assert re.search(r",'\s*=1\+2,", done.stdout)  # the description (leading blanks kept or not): neutralised
    for sheet in load_workbook(tmp_path / "c.xlsx").worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


# --------------------------------------------------------------------------------- option names

def test_report_names_plan_target_as_typed(tmp_path):
    done = run_cli("report", EXAMPLES, "--plan-target", "101", "-o", tmp_path / "r.pdf", "--lang", "en")
    assert done.returncode == 2 and "--plan-target 101" in done.stderr and "--target 101" not in \
        done.stderr.replace("--plan-target", ""), done.stderr


# -------------------------------------------------------------------------------------- long names

def test_long_names_stay_distinct_and_within_the_limit():
    a, b = safe_name("长" * 200 + "甲"), safe_name("长" * 200 + "乙")
    assert a != b and len(a.encode("utf-8")) <= 200 and len(b.encode("utf-8")) <= 200
    assert a.startswith("长" * 60)
    assert safe_name("周口经开区") == "周口经开区"  # short names unchanged


def test_two_zones_with_200_character_names_get_two_reports_in_watch(tmp_path):
    from openpyxl import load_workbook

    from scorer.cli.watch import Watcher

    source = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    out = tmp_path / "out"
    for tag in "甲乙":
        inbox = tmp_path / tag
        inbox.mkdir()
        book = load_workbook(source)
        for sheet in book.worksheets[:2]:
            sheet["A1"].value = sheet["A1"].value.replace("周口", tag * 200)
        book.save(inbox / f"{tag}.xlsx")
        watcher = Watcher(inbox, out)
        watcher.poll()
        watcher.poll()
    reports = sorted(p.name for p in out.glob("*.pdf"))
    assert len(reports) == 2, reports
    assert all(name.endswith("_2022Q4.pdf") and len(name.encode("utf-8")) <= 255 for name in reports)
    assert reports[0].startswith("乙" * 50) and reports[1].startswith("甲" * 50)


def test_two_zones_with_200_character_names_in_one_folder_are_not_mixed(tmp_path):
    from openpyxl import load_workbook

    source = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    for tag in "甲乙":
        book = load_workbook(source)
        for sheet in book.worksheets[:2]:
            sheet["A1"].value = sheet["A1"].value.replace("周口", tag * 200)
        book.save(tmp_path / f"{tag}.xlsx")
    done = run_cli("score", tmp_path, "--lang", "en")
    assert done.returncode == 1 and "different zones" in done.stderr, done.stderr[-1500:]


def test_a_scenario_name_reaches_no_output_with_a_control_character(tmp_path):
    """The terminal table of `compare` printed the name's ESC sequences and its right-to-left override raw."""
    from scorer.framework.model import load_framework
    from scorer.whatif.changes import load_scenario

    path = tmp_path / "s.yaml"
    path.write_text('name: "\\e[31mRED\\e[0m\\u202eevil\\a"\ndescription: "a\\0b"\nfields:\n  fdi_actual: +5%\n',
                    encoding="utf-8")
    scenario = load_scenario(path, load_framework(None))
    assert scenario.name == "[31mRED[0mevil" and scenario.description == "ab"
    done = run_cli("compare", EXAMPLES, path)
    assert done.returncode == 0 and "evil" in done.stdout, done.stderr
    assert not any(ch in done.stdout + done.stderr for ch in "\x00\x07\x1b\u202e")
