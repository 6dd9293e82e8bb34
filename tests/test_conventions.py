"""Conventions a user expects of a command-line tool and an office workbook: --version, shell completion,
.ods read like .xlsx, a template whose validation accepts what its instructions say, quarters as analysts write them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest

from scorer.errors import ScorerError
from scorer.pipeline import parse_period
from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.test_spreadsheets import SOFFICE, needs_soffice


def test_version_prints_the_installed_package_version():
    done = run_cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"scorer {version('scorer')}"


def test_score_json_config_carries_the_version():
    done = run_cli("score", EXAMPLES, "--json")
    assert json.loads(done.stdout)["config"]["scorer_version"] == version("scorer")


def test_the_pdf_metadata_names_the_version(tmp_path):
    from pypdf import PdfReader

    assert run_cli("report", EXAMPLES, "-o", tmp_path / "r.pdf").returncode == 0
    assert PdfReader(tmp_path / "r.pdf").metadata["/Creator"] == f"scorer {version('scorer')}"


def test_shell_completion_goes_through_typer():
    env = {**os.environ, "_SCORER_COMPLETE": "complete_bash", "COMP_WORDS": "scorer com", "COMP_CWORD": "1"}
    script = Path(sys.executable).with_name("scorer")  # the console script pip installed
    done = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["compare"]
    assert "--install-completion" in run_cli("--help").stdout


@pytest.mark.parametrize("text", ["2023Q1", "2023q1", "2023年一季度", "2023年第一季度", "2023年第1季度", "2023年1-3月",
                                  "2023年1—3月", "２０２３年１－３月", " 2023年1-3月累计 ",
                                  "2023年3月末", "2023年3月底", "截至2023年3月末"])  # as stock sheets head columns (bt15 F26)
def test_a_quarter_as_analysts_write_it(text):
    assert parse_period(text) == "2023Q1"


@pytest.mark.parametrize("text, expected", [("2023年上半年", "2023Q2"), ("2023年前三季度", "2023Q3"),
                                            ("2023年1-12月", "2023Q4")])
def test_longer_spans_are_their_last_quarter(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2023", "2023年1-5月", "Q1", "2023Q5", "2023Q1; rm -rf /", "last quarter"])
def test_a_text_that_is_not_one_quarter_is_refused_with_the_forms(text):
    with pytest.raises(ScorerError) as info:
        parse_period(text)
    assert "2023年一季度" in info.value.problems[0].hint


def test_score_takes_a_chinese_quarter_on_the_command_line():
    a = json.loads(run_cli("score", EXAMPLES, "--period", "2022年二季度", "--json").stdout)
    b = json.loads(run_cli("score", EXAMPLES, "--period", "2022年1-6月", "--json").stdout)
    assert a["period"] == b["period"] == "2022Q2" and a["overall"] == b["overall"]


# ------------------------------------------------------------------------------------- template
def excel_rule(formula: str, value) -> bool:
    """Evaluate a data-validation formula of the kind the template writes (OR, AND, ISNUMBER, comparisons)
    for one cell value, as Excel would: text compared with a number is FALSE."""
    import ast

    tree = ast.parse(re.sub(r"(?<![<>])=", "==", re.sub(r"\b[A-Z]+\d+\b", "v", formula)), mode="eval").body

    def ev(node):
        if isinstance(node, ast.Call):
            name = node.func.id
            if name == "ISNUMBER":
                return isinstance(value, (int, float))
            results = (ev(a) for a in node.args)
            return any(results) if name == "OR" else all(results) if name == "AND" else pytest.fail(name)
        if isinstance(node, ast.Compare):
            left, right = ev(node.left), ev(node.comparators[0])
            if isinstance(left, str) != isinstance(right, str):
                return False
            return eval(f"left {type(node.ops[0]).__name__} right".replace("GtE", ">=").replace("LtE", "<=")
                        .replace("Eq", "==").replace("Gt", ">").replace("Lt", "<"))
        if isinstance(node, ast.Name):
            return value
        if isinstance(node, ast.UnaryOp):
            return -ev(node.operand)
        return node.value

    return ev(tree)


def test_the_template_validation_accepts_what_its_instructions_say(tmp_path):
    assert run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023年一季度").returncode == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    notes = " ".join(str(c.value) for c in book["填报说明"]["A"])
    marks = re.findall(r"暂无数据请填“(.)”", notes)
    assert marks == ["—"]
    for ws in (book["主要经济指标"], book["科技与园区"]):
        assert "2023年1-3月" in ws["A1"].value
        rules = ws.data_validations.dataValidation
        assert len(rules) == 2
        for rule in rules:
            assert rule.showErrorMessage and rule.allow_blank
            assert excel_rule(rule.formula1, "—"), rule.formula1  # what the instructions tell users to write
            # and every other mark the reader takes as missing (——, -, －, / …): Excel must not refuse what is read
            from scorer.read.text import MISSING_MARKS

            assert all(excel_rule(rule.formula1, m.upper()) for m in MISSING_MARKS if m), rule.formula1  # Excel: no case
            assert len(rule.formula1) <= 255  # Excel's limit for a validation formula
            assert excel_rule(rule.formula1, 12.5) and not excel_rule(rule.formula1, "12.5万元")
            assert not excel_rule(rule.formula1, -1e6)
            first = str(rule.sqref).split()[0].split(":")[0]
            assert first in rule.formula1  # relative to the range's first cell


def test_a_filled_template_with_dashes_reads_them_as_missing(tmp_path, framework):
    from scorer.read.ingest import ingest

    assert run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023Q1", "--zone", "测试区").returncode == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    ws = book["主要经济指标"]
    ws["C5"], ws["D5"], ws["E5"] = 1234.5, "—", "—"
    book.save(tmp_path / "t.xlsx")
    result = ingest([tmp_path / "t.xlsx"], framework.fields)
    first = framework.fields[next(f for f, d in framework.fields.items() if d.kind == "flow")]
    assert [(o.value, o.unit) for o in result.observations if o.sheet == "主要经济指标"] == [(1234.5, first.unit)]
    assert not [p for p in result.problems if p.severity == "error"]


def test_the_template_prints_one_page_per_sheet_settings(tmp_path):
    assert run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023Q1").returncode == 0
    for ws in openpyxl.load_workbook(tmp_path / "t.xlsx"):
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 1)


@needs_soffice
def test_the_template_prints_on_one_page_per_sheet_in_libreoffice(tmp_path):
    from pypdf import PdfReader

    assert run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023Q1").returncode == 0
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "t.xlsx")],
                   check=True, capture_output=True, timeout=180)
    assert len(PdfReader(tmp_path / "t.pdf").pages) == len(openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames)


# ------------------------------------------------------------------------------------------ .ods
@needs_soffice
def test_an_ods_copy_of_a_sample_workbook_ingests_to_the_same_observations(tmp_path, framework):
    from scorer.read.ingest import ingest

    source = sorted(EXAMPLES.glob("*.xlsx"))[-1]
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "ods", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    ods = tmp_path / (source.stem + ".ods")

    def seen(path):
        return sorted((o.field, o.period, o.basis, o.value, o.unit, o.sheet, o.cell)
                      for o in ingest([path], framework.fields).observations)

    from_xlsx = seen(source)
    assert len(from_xlsx) > 20 and seen(ods) == from_xlsx
    done = run_cli("ingest", ods, "--json")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_properties_and_html_head_hold_no_invisible_characters(layout_reports, lang):
    """bt15 F18: the PDF's Title and Subject held a word joiner (2022\u2060年, from the report's keep-units
    filter), so a search of the document's properties for "2022年" missed it. Every property of the PDF and
    every text of the HTML's <head> is as a reader would type it: no format character, no space but U+0020."""
    import html as htmlmod
    import unicodedata

    from pypdf import PdfReader

    pdf, html = layout_reports[lang]
    head = html.read_text(encoding="utf-8").split("</head>")[0].split("<style>")[0]
    texts = [str(v) for v in PdfReader(pdf).metadata.values()]
    texts += [htmlmod.unescape(t) for t in re.findall(r"<title>(.*?)</title>|content=\"([^\"]*)\"", head) for t in t if t]
    odd = {(t, f"U+{ord(ch):04X}") for t in texts for ch in t
           if unicodedata.category(ch) in ("Cf", "Zl", "Zp") or (unicodedata.category(ch) == "Zs" and ch != " ")}
    assert not odd
    title = str(PdfReader(pdf).metadata["/Title"])
    assert ("2022年第四季度" if lang == "zh" else "2022") in title, title


def _every_command():
    from tests.test_cli_options import _commands

    return list(_commands())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_help_names_its_arguments_as_command_line_tools_do(lang):
    """bt15 F17: typer 0.29 wrote `Usage: scorer score [OPTIONS] {paths}...` and `paths... <list[Path]>` (its own
    internals), and the Chinese help headed its sections 参数: with an ASCII colon after 用法：. Every command's help
    writes an argument PATHS... (its name upper-case, as an error names it), no type in <…>, no {…}, and in Chinese
    each heading with a full-width colon."""
    for words, command in _every_command():
        done = run_cli(*words.split(), "--help", "--lang", lang)
        assert done.returncode == 0, (words, done.stderr)
        usage = done.stdout.split("\n\n")[0]
        assert "{" not in usage and "<list" not in done.stdout and "list[" not in done.stdout, (words, done.stdout[:600])
        for param in command.params:
            if param.param_type_name == "argument":
                shown = param.name.upper()
                assert shown in usage and re.search(rf"^\s+\[?{shown}", done.stdout, re.M), (words, done.stdout[:600])
        if lang == "zh":
            heads = re.findall(r"^(\S[^\n]*?)[:：]\s*$", done.stdout, re.M)
            assert heads and not re.search(r"^\S[^\n:]*:\s*$", done.stdout, re.M), (words, heads)


def _complete(line: str) -> list[str]:
    words = line.split(" ")
    env = {**os.environ, "_SCORER_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    script = Path(sys.executable).with_name("scorer")
    return subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60).stdout.split()


def test_every_option_with_a_fixed_set_of_values_completes_them():
    """bt15 F21: `scorer --lang <TAB>` and `scorer report x --format <TAB>` completed nothing. Every option whose
    values are a fixed set (checked by scorer.cli.app.choice, or listed in its metavar as zh|en) completes them, and
    only those that start as typed."""
    from scorer.cli.help import choices_of

    fixed = [(words, param) for words, command in _every_command() for param in command.params
             if param.param_type_name == "option" and choices_of(param)]
    assert {p.opts[0] for _, p in fixed} >= {"--lang", "--format", "--pipeline"}, [p.opts for _, p in fixed]
    for words, param in fixed:
        values = list(choices_of(param)())
        assert _complete(f"scorer {words} {param.opts[0]} ") == values, (words, param.opts)
        assert _complete(f"scorer {words} {param.opts[0]} {values[-1][:1]}") == [v for v in values
                                                                                 if v.startswith(values[-1][:1])]
    assert _complete("scorer --lang ") == ["zh", "en"]


def test_install_completion_says_what_it_did_in_the_language_in_use(tmp_path):
    """bt15 F21: under a Chinese locale `--install-completion` said "bash completion installed in …" in English."""
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash", "LANG": "zh_CN.UTF-8", "LC_ALL": "",
           "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    script = Path(sys.executable).with_name("scorer")
    done = subprocess.run([str(script), "--install-completion", "bash"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert "已为 bash 安装命令补全" in done.stdout and "重新打开终端" in done.stdout, done.stdout
    assert not re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", done.stdout.replace(str(tmp_path), "")), done.stdout


@pytest.mark.parametrize("text, quarter", [("2022年4-6月", "2022Q2"), ("2022年10—12月", "2022Q4"), ("2022-Q2", "2022Q2"),
                                           ("2022 q3", "2022Q3"), ("2022年1-6月", "2022Q2"), ("２０２２年７～９月", "2022Q3")])
def test_a_quarter_named_by_its_own_months_is_that_quarter(text, quarter):
    """--period 2022年4-6月 was told 'not a quarter' (bt15i F5): a quarter's own three months name it, as 1-6月 does."""
    from scorer.score.run import parse_period

    assert parse_period(text) == quarter


@pytest.mark.parametrize("text", ["2022年2-4月", "2022年1-5月", "2022年4-5月", "2022-Q5"])
def test_months_that_are_no_quarter_are_refused(text):
    from scorer.errors import ScorerError
    from scorer.score.run import parse_period

    with pytest.raises(ScorerError):
        parse_period(text)


def test_every_mark_the_template_allows_is_read_as_missing(tmp_path, framework):
    """bt15j F3: …… (an IME's Shift+6) passed the template's validation, and the reader refused the workbook: NFKC made
    it ......, no mark. Every mark the validation accepts, in a level and a growth cell, is read as missing."""
    from scorer.read.ingest import ingest
    from scorer.read.text import MISSING_MARKS

    marks = sorted(m for m in MISSING_MARKS if m)
    assert "……" in marks
    for k, mark in enumerate(marks):
        path = tmp_path / f"t{k}.xlsx"
        assert run_cli("template", "-o", path, "--period", "2023Q1", "--zone", "测试区").returncode == 0
        book = openpyxl.load_workbook(path)
        ws = book["主要经济指标"]
        ws["C5"], ws["D5"], ws["E5"] = 1234.5, mark, mark
        book.save(path)
        result = ingest([path], framework.fields)
        assert not [p for p in result.problems if p.severity == "error"], (mark, result.problems)
