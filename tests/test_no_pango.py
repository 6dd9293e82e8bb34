"""When WeasyPrint cannot load Pango, every way of writing a report says so, names the HTML written instead,
gives this platform's fix, and leaves no earlier PDF that looks current (bt15 F1: `scorer watch` logged
已生成报告 ….pdf while the PDF on disk was last run's and the new HTML was named nowhere; F5: the fix was
MSYS2's on the office's Debian server too)."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from conftest import EXAMPLES
from scorer.cli.watch import LOG_NAME, Watcher
from scorer.report import render


def _no_pango(monkeypatch):
    def missing():
        raise render.PdfEngineMissing("OSError: cannot load library 'libgobject-2.0-0'")
    monkeypatch.setattr(render, "load_weasyprint", missing)


def _touch(folder):
    """Change every workbook's modification time: the watcher takes them again (two looks) and regenerates."""
    for book in folder.glob("*.xlsx"):
        st = book.stat()
        os.utime(book, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


@pytest.mark.parametrize("platform, fix, not_fix", [
    ("win32", f"pacman -S {render.MSYS2_PANGO}", "apt-get"),
    ("linux", "apt-get install libpango-1.0-0 libpangoft2-1.0-0", "MSYS2"),
    ("darwin", "brew install pango", "MSYS2"),
])
def test_the_fix_is_the_platform_s(platform, fix, not_fix):
    text = render.engine_missing_message(render.RenderLog(html_instead="r/a.html"), platform)
    for words in (str(text), text.zh):
        assert fix in words and not_fix not in words and "r/a.html" in words


# MSYS2's environments (msys2.org/docs/environments): the folder under C:\msys64, the Start-menu shell and the
# prefix of its packages.
MSYS2_ENVIRONMENTS = {"ucrt64": ("MSYS2 UCRT64", "mingw-w64-ucrt-x86_64-"),
                      "mingw64": ("MSYS2 MINGW64", "mingw-w64-x86_64-"),
                      "clang64": ("MSYS2 CLANG64", "mingw-w64-clang-x86_64-")}


def _weasyprint_default_dll_folder() -> str:
    """The first folder the installed WeasyPrint looks in for its DLLs on Windows when WEASYPRINT_DLL_DIRECTORIES is
    not set: the default argument of its os.getenv('WEASYPRINT_DLL_DIRECTORIES', ...) in weasyprint/text/ffi.py."""
    import ast
    import importlib.util
    from pathlib import Path

    ffi = Path(importlib.util.find_spec("weasyprint").origin).parent / "text" / "ffi.py"
    for node in ast.walk(ast.parse(ffi.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "getenv" and len(node.args) == 2
                and getattr(node.args[0], "value", None) == "WEASYPRINT_DLL_DIRECTORIES"):
            return ast.literal_eval(node.args[1]).split(";")[0]
    raise AssertionError(f"{ffi} has no default for WEASYPRINT_DLL_DIRECTORIES")


def test_the_windows_steps_are_weasyprint_s_own():
    """bt15j F7: the README and the no-Pango message told analysts to install MINGW64's Pango and `setx
    WEASYPRINT_DLL_DIRECTORIES`, WeasyPrint's older route: its documentation now says the UCRT64 shell and package
    and no variable (the variable replaces WeasyPrint's own list of folders). Both are held to the folder the
    installed WeasyPrint looks in first, so the next move of WeasyPrint's default is caught here."""
    from conftest import ROOT

    folder = _weasyprint_default_dll_folder()
    environment = folder.lower().split("\\")[-2]  # C:\msys64\<environment>\bin
    shell, prefix = MSYS2_ENVIRONMENTS[environment]
    assert (render.MSYS2_SHELL, render.MSYS2_PANGO) == (shell, prefix + "pango")
    fix = render.engine_fix("win32")
    for words in (str(fix), fix.zh):
        assert shell in words and f"pacman -S {prefix}pango" in words, words
        assert "WEASYPRINT_DLL_DIRECTORIES" not in words and "setx" not in words, words
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    windows = readme.split("## 在 Windows 上安装", 1)[1].split("\n## ", 1)[0]
    assert f"“{shell}”" in windows and folder in windows, windows
    assert re.findall(r"pacman -S ([\w.-]+)", windows) == [prefix + "pango"], windows
    assert set(re.findall(r"mingw-w64-[\w.-]+", windows)) == {prefix + "pango"}, windows
    assert not re.search(r"setx\s+WEASYPRINT_DLL_DIRECTORIES", windows), windows


def test_setup_sh_installs_the_packages_the_linux_fix_names():
    from conftest import ROOT

    setup = (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")
    named = str(render.engine_fix("linux")).split("install ", 1)[1].split(" (")[0].split()
    assert named and all(pkg in setup for pkg in named), named


def test_report_without_pango_removes_the_earlier_pdf_and_says_so(tmp_path, monkeypatch, sample_run):
    from scorer.pipeline import report

    out = tmp_path / "报告.pdf"
    out.write_bytes(b"%PDF-1.7 last quarter's report")
    _no_pango(monkeypatch)
    log = report(sample_run, out)
    assert log.html_instead == out.with_suffix(".html") and log.html_instead.is_file()
    assert not out.exists() and log.stale_removed == out
    assert str(out) in render.engine_missing_message(log).zh


def test_watch_without_pango_names_the_html_it_wrote_and_leaves_no_old_pdf(tmp_path, monkeypatch, in_chinese):
    folder, reports = tmp_path / "inbox", tmp_path / "reports"
    folder.mkdir()
    for book in EXAMPLES.glob("*2022年1-12月.xlsx"):
        shutil.copy(book, folder / book.name)
    _no_pango(monkeypatch)
    w = Watcher(folder, reports)
    w.poll()
    said = w.poll()
    htmls = list(reports.glob("*.html"))
    assert len(htmls) == 1 and not list(reports.glob("*.pdf")), list(reports.iterdir())
    html = htmls[0]
    line = next(x for x in said if "已生成报告" in x)
    assert str(html) in line and ".pdf" not in line.split("；")[0], line
    assert "未能生成PDF" in line or "PDF" in line.split("；", 1)[1], line
    assert render.engine_fix().zh in line, line  # this platform's fix, on the same line
    # An earlier PDF under the report's name (made before Pango went missing) does not survive the next report.
    pdf = html.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.7 last quarter's report")
    _touch(folder)
    w.poll()
    said = w.poll()
    assert not pdf.exists() and html.is_file()
    line = next(x for x in said if "已生成报告" in x)
    assert pdf.name in line.split("；", 1)[1] and str(html) in line, line
    logged = (folder / LOG_NAME).read_text(encoding="utf-8")
    assert line in logged
    # Pango back: the PDF is written and the HTML of the look before goes, said in the log.
    monkeypatch.undo()
    _touch(folder)
    w.poll()
    said = w.poll()
    assert pdf.read_bytes().startswith(b"%PDF") and not html.exists(), said
    assert any(html.name in x for x in said), said


def test_weasyprint_s_own_banner_never_reaches_the_user(tmp_path):
    """bt15j F0: with Pango really missing, WeasyPrint starts importing, cffi's dlopen fails, and WeasyPrint prints its
    English 'could not import some external libraries' block on stdout before scorer's one line (under the office
    service, into the Chinese log). Simulated where it really fails: cffi's dlopen, after WeasyPrint's code runs."""
    import os

    from tests.conftest import EXAMPLES, run_cli

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import cffi.api as _api\n_orig = _api.FFI.dlopen\n"
        "def _dlopen(self, name, flags=0):\n"
        "    if any(k in str(name) for k in ('gobject', 'pango', 'harfbuzz', 'fontconfig')):\n"
        "        raise OSError(f\"cannot load library '{name}': error 0x7e\")\n"
        "    return _orig(self, name, flags)\n_api.FFI.dlopen = _dlopen\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))
    done = run_cli("--lang", "zh", "report", EXAMPLES, "-o", tmp_path / "r.pdf", env=env)
    assert "WeasyPrint could not import" not in done.stdout + done.stderr, done.stdout
    assert "Pango" in done.stderr and (tmp_path / "r.html").exists(), done.stderr


# A Python package that pip did not install, made unimportable the way it is then: ModuleNotFoundError from the
# import system, before any of its code runs (bt15j F11f: said as missing Pango, with apt-get's or MSYS2's fix).
NOT_INSTALLED = """
import sys
class NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r} or name.startswith({module!r} + "."):
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, NotInstalled())
"""


@pytest.mark.parametrize("module", ["weasyprint", "pydyf"])  # WeasyPrint itself, or a package it imports
def test_a_python_package_not_installed_is_said_so_with_pip_s_fix_not_pango_s(tmp_path, module):
    import sys

    from conftest import run_cli

    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NOT_INSTALLED.format(module=module), encoding="utf-8")
    out = tmp_path / "报告" / "季度 报告.pdf"
    done = run_cli("report", EXAMPLES, "-o", out, "--lang", "zh", env={**os.environ, "PYTHONPATH": str(site)})
    assert done.returncode == 3, done.stderr
    line = next(x for x in done.stderr.splitlines() if "未能生成PDF" in x)
    assert f"未安装 Python 软件包 {module}" in line and "pip install" in line and sys.executable in line, line
    assert "Pango" not in line and "apt-get" not in line and "MSYS2" not in line, line
    assert out.with_suffix(".html").is_file() and not out.exists()


def test_a_report_whose_pdf_was_not_written_exits_with_its_own_code(tmp_path):
    """bt15k F2: with Pango missing, `report -o X.pdf` wrote X.html and exited 0: a .bat that then mails X.pdf saw success
    and found no file, or last quarter's. Every way the PDF fails to load exits with app.HTML_INSTEAD (not 0, not 1: the
    HTML is there), named in main()'s exit codes and the README; a command that did write the file asked for exits 0."""
    from conftest import ROOT, run_cli
    from scorer.cli import main as cli_main
    from scorer.cli.app import HTML_INSTEAD

    assert HTML_INSTEAD not in (0, 1, 2, 70) and f"{HTML_INSTEAD} `report` could not" in cli_main.main.__doc__
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"退出码是 {HTML_INSTEAD}" in readme and f"{HTML_INSTEAD} `report` could not write the PDF" in readme
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\nclass F:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'weasyprint' or name.startswith('weasyprint.'):\n"
        "            raise OSError(\"cannot load library 'libgobject-2.0-0': error 0x7e\")\n"
        "sys.meta_path.insert(0, F())\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = tmp_path / "报告 输出" / "2022年四季度.pdf"
    done = run_cli("report", EXAMPLES, "-o", out, "--lang", "zh", env=env)
    assert done.returncode == HTML_INSTEAD and not out.exists() and out.with_suffix(".html").is_file(), done.stderr
    html = tmp_path / "a.html"  # HTML asked for and written: done
    done = run_cli("report", EXAMPLES, "--format", "html", "-o", html, env=env)
    assert done.returncode == 0 and html.is_file(), done.stderr
