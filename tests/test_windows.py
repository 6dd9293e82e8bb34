"""On an analyst's Windows machine, simulated on Linux: a GBK console, paths with spaces, Chinese and
backslashes, and a WeasyPrint that cannot load Pango (no MSYS2)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import EXAMPLES, ROOT

# Make `import weasyprint` fail the way it does on Windows without Pango: cffi's dlopen raises OSError.
NO_PANGO = """
import sys
class NoPango:
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libgobject-2.0-0': error 0x7e")
sys.meta_path.insert(0, NoPango())
from scorer.cli.main import main
sys.argv = ["scorer"] + sys.argv[1:]
main()
"""


def scorer_gbk(*args, code: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI with a GBK console encoding (Chinese Windows' code page 936), output decoded as GBK."""
    env = {**os.environ, "PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}
    command = [sys.executable, "-c", code, *map(str, args)] if code else [sys.executable, "-m", "scorer", *map(str, args)]
    done = subprocess.run(command, capture_output=True, env=env, cwd=ROOT, timeout=300)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("gbk"), done.stderr.decode("gbk"))


@pytest.fixture(scope="module")
def office_folder(tmp_path_factory):
    """The sample workbooks in a folder named as on an office PC: spaces, Chinese and a backslash."""
    folder = tmp_path_factory.mktemp("win") / "周口 经开区\\2022 季度 报表"
    folder.mkdir()
    for book in EXAMPLES.glob("*.xlsx"):
        shutil.copy(book, folder / book.name)
    # A statistics-database download saved beside them: not a zone table, so a warning that names it.
    (folder / "下载 数据.csv").write_text("指标：地区生产总值(亿元)\n地区,2021年,2022年\n河南省,58887.4,61345.1\n",
                                         encoding="utf-8")
    return folder


def test_report_without_pango_says_so_in_one_chinese_line_and_writes_the_html(tmp_path, office_folder):
    out = tmp_path / "报告 输出" / "季度 报告.pdf"
    done = scorer_gbk("report", office_folder, "-o", out, "--lang", "zh", code=NO_PANGO)
    assert done.returncode == 3, done.stderr  # the PDF asked for is not there (bt15k F2): not 0
    lines = [line for line in done.stderr.splitlines() if "WeasyPrint" in line or "Pango" in line]
    assert len(lines) == 1, done.stderr
    from scorer.report.render import engine_fix

    assert re.search(r"[\u4e00-\u9fff]{4}", lines[0]) and engine_fix().zh in lines[0]  # this platform's fix
    assert str(out.with_suffix(".html")) in lines[0]
    assert not out.exists()
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "综合得分" in html and "@page" in html
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize("args", [
    # every command speaks the language in use (English under LANG=C): a Chinese Windows console's is Chinese
    ["score", "--lang", "zh"], ["ingest"], ["series", "--field", "fdi_actual", "--lang", "zh"],
    ["plan", "--target", "90", "--lang", "zh"], ["compare", EXAMPLES / "scenarios" / "外资增长两成.yaml", "--lang", "zh"],
])
def test_commands_run_on_a_gbk_console_with_a_chinese_path_with_spaces(office_folder, args):
    done = scorer_gbk(args[0], office_folder, *args[1:])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert re.search(r"[\u4e00-\u9fff]", done.stdout)
    assert str(office_folder) in done.stderr  # warnings name the workbook by its full path, unmangled


def test_a_pdf_report_and_a_template_are_written_under_a_chinese_path_with_spaces(tmp_path, office_folder):
    # A new folder written with \ is refused where / separates folders (bt15 F23,
    # test_a_windows_style_output_path_is_refused_with_the_slash_form); one that exists is written into.
    (tmp_path / "输出 目录\\二季度").mkdir()
    out = tmp_path / "输出 目录\\二季度" / "周口 报告.pdf"
    done = scorer_gbk("report", office_folder, "--period", "2022年二季度", "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and str(out) in done.stdout
    template = tmp_path / "填报 模板" / "2023年 一季度.xlsx"
    done = scorer_gbk("template", "-o", template, "--period", "2023年1-3月")
    assert done.returncode == 0 and template.is_file(), done.stderr


def test_an_error_on_a_gbk_console_names_the_chinese_path(tmp_path):
    missing = tmp_path / "没有 这个\\文件夹"
    done = scorer_gbk("score", missing)
    assert done.returncode == 1
    assert str(missing) in done.stderr and "Traceback" not in done.stderr


# ------------------------------------------------------------ every character printed survives GBK

def _printed(*args) -> str:
    from tests.conftest import run_cli

    done = run_cli(*args, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def lowering_scenario(tmp_path_factory):
    path = tmp_path_factory.mktemp("scen") / "外资减半.yaml"
    path.write_text("name: 外资减半\nfields:\n  fdi_actual: -50%\n  trade_total: -30%\n", encoding="utf-8")
    return path


def test_every_character_the_commands_print_survives_a_gbk_console(lowering_scenario):
    """Each character a command prints (a negative change's U+2212 above all: bt11 saw "较基准 ?2.9") is
    either encodable in GBK or has a stand-in that is, never "?"."""
    import codecs

    from scorer.cli.app import STAND_IN_ERRORS, stand_in

    codecs.register_error(STAND_IN_ERRORS, stand_in)
    text = _printed("compare", EXAMPLES, lowering_scenario) + _printed("score", EXAMPLES)
    assert "\u2212" in text  # the scenario lowers the score: the sign is printed
    lost = sorted({ch for ch in set(text) if not ch.isascii() and ch.encode("gbk", STAND_IN_ERRORS) == b"?"})
    assert not lost, [f"U+{ord(ch):04X} {ch}" for ch in lost]


def test_a_negative_change_keeps_its_sign_on_a_gbk_console(office_folder, lowering_scenario):
    done = scorer_gbk("compare", office_folder, lowering_scenario)
    assert done.returncode == 0, done.stderr
    assert re.search(r"(?<![\w.])-\d+\.\d", done.stdout), done.stdout
    assert not re.search(r"\?\d", done.stdout + done.stderr), done.stdout


_SCENARIO = str(EXAMPLES / "scenarios")
_COINR = ROOT / "tests" / "data" / "coinr-asem"


@pytest.mark.skipif(os.sep != "/", reason="a backslash separates folders on Windows")
@pytest.mark.parametrize("args", [
    ["report", EXAMPLES, "-o", "reports\\sub\\a.pdf"],
    ["report", EXAMPLES, "--format", "html", "-o", "报告\\a.html"],
    ["template", "-o", "模板\\t.xlsx", "--period", "2023Q1"],
    ["compare", EXAMPLES, _SCENARIO, "--xlsx", "out\\对比.xlsx"],
    ["plan", EXAMPLES, "--target", "75", "--xlsx", "out\\计划.xlsx"],
    ["plan", EXAMPLES, "--target", "75", "--scenario", "out\\plan.yaml"],
    ["uncertainty", EXAMPLES, "--draws", "200", "--seed", "1", "--export", "out\\draws.csv"],
    ["peers", "build", "--year", "2023", "-o", "out\\peers.csv"],
    ["import-coinr", _COINR / "ASEM_iMeta.csv", _COINR / "ASEM_iData.csv", "-o", "out\\asem"],
    ["watch", EXAMPLES, "-o", "out\\reports", "--max-polls", "1"],
], ids=lambda a: "-".join(str(x) for x in a[:1]) + "-" + next(str(x) for x in a if "\\" in str(x)))
def test_a_windows_style_output_path_is_refused_with_the_slash_form(tmp_path, args):
    """bt15 F23: `report -o reports\\sub\\a.pdf` on Linux made one file named `reports\\sub\\a.pdf` in the
    current folder and said it had written it. Every output of every command written with Windows' separator is
    refused before anything is written, the hint giving the path with /."""
    from tests.conftest import run_cli

    given = next(str(a) for a in args if "\\" in str(a))
    done = run_cli(*args, "--lang", "en", cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "backslash" in done.stderr and f"write {given.replace(chr(92), '/')}" in done.stderr, done.stderr
    assert not [p.name for p in tmp_path.iterdir() if "\\" in p.name]
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(os.sep != "/", reason="a backslash separates folders on Windows")
@pytest.mark.parametrize("args", [["score", "examples\\周口"], ["compare", EXAMPLES, "场景\\a.yaml"],
                                  ["watch", "收件\\inbox", "--max-polls", "1"]])
def test_a_windows_style_input_path_that_is_not_there_is_told_the_slash_form(tmp_path, args):
    """bt15 F23: an input path written with \\ got only "no such file or folder"; it is told the path with /."""
    from tests.conftest import run_cli

    given = next(str(a) for a in args if "\\" in str(a))
    done = run_cli(*args, "--lang", "zh", cwd=tmp_path)
    assert done.returncode == 1 and given.replace("\\", "/") in done.stderr and "/" in done.stderr, done.stderr


def test_an_existing_folder_with_a_backslash_in_its_name_may_be_written_into(tmp_path, office_folder):
    """A folder that exists under a name with \\ (made on purpose) is no slip: a template is written into it."""
    from tests.conftest import run_cli

    out = office_folder / "模板.xlsx"
    done = run_cli("template", "-o", out, "--period", "2023Q1", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 0 and out.is_file(), done.stderr
