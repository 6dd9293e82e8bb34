"""Chinese text renders from the bundled font alone, and a character it lacks is an error, never a box.

A fresh machine has no CJK font (and may have no font at all): these tests render with fontconfig
pointed at a configuration that lists no font directory, so only the report's own @font-face is there.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from scorer.errors import ScorerError
from scorer.pipeline import report
from scorer.resources import fonts_dir
from tests.conftest import EXAMPLES, run_cli

ZONE = "信阳市浉河区经济开发区"  # 浉 (U+6D49) is outside GB2312
SCENARIO = "浉河招商扩量"
NO_FONTS = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig></fontconfig>\n'
# Punctuation and signs analysts type in names, notes and tables.
PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』—…·〇％‰℃±×÷≤≥～／－①⑳■□▲△●○★☆←→↑↓㎡"


@pytest.fixture
def no_system_fonts(tmp_path, monkeypatch):
    """FONTCONFIG_FILE naming a configuration with no font directory: fontconfig sees no font."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(NO_FONTS, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    return conf


@pytest.mark.parametrize("name", ["ScorerSansSC-Regular.otf", "ScorerSansSC-Bold.otf"])
def test_both_weights_cover_the_cjk_basic_block_and_the_punctuation(name):
    cmap = TTFont(fonts_dir() / name).getBestCmap()
    missing = [f"U+{cp:04X}" for cp in range(0x4E00, 0x9FF0) if cp not in cmap]
    assert missing == []
    assert [ch for ch in PUNCTUATION if ord(ch) not in cmap] == []
    # Noto Sans CJK 2.004 (the source) stops at U+9FEF; these later additions are refused by name instead.
    assert [cp for cp in range(0x9FF0, 0xA000) if cp in cmap] == []


def _zone_workbooks(tmp_path, zone: str):
    """The sample workbooks as another zone's office would name them (the zone in each file name): --zone
    must name a zone the workbooks name, or the report would put one zone's name on another's figures."""
    import shutil

    folder = tmp_path / "zone"
    folder.mkdir()
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, folder / f.name.replace("周口经开区", zone))
    return folder


def _retitled(folder, zone: str) -> None:
    """Every sheet's title (A1) in the folder's workbooks names `zone` instead of the sample's zone."""
    from openpyxl import load_workbook

    for f in folder.glob("*.xlsx"):
        wb = load_workbook(f)
        for sheet in wb.worksheets:
            sheet["A1"] = sheet["A1"].value.replace("周口经济开发区", zone)
        wb.save(f)


def test_a_zone_named_outside_gb2312_renders_with_no_system_font(tmp_path, no_system_fonts):
    """The command as a user runs it: the name on the cover, in every page header and in a chart."""
    scenario = tmp_path / "s.yaml"
    scenario.write_text(f"name: {SCENARIO}\ndescription: 外贸扩量\nfields:\n  trade_total: +10 亿元\n", encoding="utf-8")
    out = tmp_path / "r.pdf"
    env = dict(os.environ, FONTCONFIG_FILE=str(no_system_fonts))
    folder = _zone_workbooks(tmp_path, ZONE)
    _retitled(folder, ZONE)  # file names and titles name one zone (a mismatch is warned of on page 2: bt11i F3c)
    proc = run_cli("report", folder, "-o", out, "--zone", ZONE, "--scenario", scenario, env=env)
    assert proc.returncode == 0, proc.stderr
    assert ".notdef" not in proc.stderr and "Expect ugly output" not in proc.stderr
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert ZONE in pages[0]
    for k, page in enumerate(pages[1:], start=2):
        assert any(line.startswith(f"{ZONE} · ") for line in page.splitlines()), (k, page)  # the running header
    comparison = next(p for p in pages if "情景对比" in p and SCENARIO in p)
    # Once in the table (its row begins with it), once as the bar chart's label (SVG text rendered by WeasyPrint).
    assert len(re.findall(rf"^{SCENARIO}\b", comparison, flags=re.M)) >= 2, comparison


# Ideographs the bundled font lacks, by range: Unicode 14's U+9FF0–9FFF, Extensions A, B, C and G.
RANGES = {"U+9FF0": (0x9FF0, 0x9FFF), "ExtA": (0x3400, 0x4DBF), "ExtB": (0x20000, 0x2A6DF), "ExtC": (0x2A700, 0x2B73F),
          "ExtG": (0x30000, 0x3134F)}


def _cmaps():
    from scorer.report.render import FALLBACK_FONTS, FONT_FILES

    bundled = set.intersection(*(set(TTFont(fonts_dir() / n, lazy=True).getBestCmap()) for n, _ in FONT_FILES))
    fallback = next((p for p in FALLBACK_FONTS if p.is_file()), None)
    return bundled, (set(TTFont(fallback, lazy=True).getBestCmap()) if fallback else None)


@pytest.fixture(scope="module")
def cmaps():
    return _cmaps()


def _lacking(cmaps, lo: int, hi: int) -> str | None:
    """The first character of the range that no installed font of the report has (None: every one is had)."""
    bundled, fallback = cmaps
    return next((chr(c) for c in range(lo, hi + 1) if c not in bundled and (fallback is None or c not in fallback)), None)


@pytest.mark.parametrize("kind", sorted(RANGES))
def test_a_character_no_font_has_is_refused_before_rendering_naming_it(sample_run, tmp_path, no_system_fonts, cmaps,
                                                                     monkeypatch, kind):
    """Refused from the fonts' character maps, before WeasyPrint draws anything: never a box in a PDF."""
    from scorer.report import render

    char = _lacking(cmaps, *RANGES[kind])
    if char is None:
        pytest.skip(f"the installed fallback font has every character of {kind}")
    monkeypatch.setattr(render, "load_weasyprint", lambda: lambda **kw: pytest.fail("rendered"))
    zone = f"南阳市{char}河开发区"
    out = tmp_path / "r.pdf"
    out.write_bytes(b"%PDF-previous good report")
    with pytest.raises(ScorerError) as caught:
        report(sample_run, out, zone=zone, today=dt.date(2026, 11, 25))
    message = str(caught.value)
    assert f"「{char}」 U+{ord(char):04X} in 「{zone}」 (--zone)" in message
    assert "setup.sh" in message if cmaps[1] is None else "a common form of the character" in message
    assert out.read_bytes() == b"%PDF-previous good report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fonts.conf", "r.pdf"]


def test_a_character_from_a_workbook_is_named_at_its_cell(tmp_path, no_system_fonts, cmaps):
    """The zone's name read from the workbooks' titles: the refusal names the file, sheet and cell of the title."""
    char = _lacking(cmaps, 0x20000, 0x2A6DF)
    zone = f"周口{char}经开区"
    folder = _zone_workbooks(tmp_path, zone)
    _retitled(folder, zone)
    out = tmp_path / "r.pdf"
    proc = run_cli("report", folder, "-o", out, "--lang", "en", env=dict(os.environ, FONTCONFIG_FILE=str(no_system_fonts)))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert first.startswith(str(folder)) and "› 主要经济指标 › A1" in first and f"「{char}」 U+{ord(char):04X}" in first, first
    assert not out.exists()


@pytest.mark.skipif(_cmaps()[1] is None, reason="the fallback font (Debian fonts-babelstone-han, scripts/setup.sh) is not installed")
def test_characters_the_fallback_has_render_with_no_system_font(tmp_path, no_system_fonts, cmaps):
    """U+9FF0 (Unicode 14), U+3400 (Extension A) and U+20000 (Extension B) on the cover and in the running headers."""
    chars = [chr(c) for c in (0x9FF0, 0x3400, 0x20000) if c in cmaps[1]]
    zone = f"信阳{''.join(chars)}经开区"
    out = tmp_path / "r.pdf"
    folder = _zone_workbooks(tmp_path, zone)
    _retitled(folder, zone)  # one zone in file names and titles alike
    proc = run_cli("report", folder, "-o", out, "--zone", zone,
                   env=dict(os.environ, FONTCONFIG_FILE=str(no_system_fonts)))
    assert proc.returncode == 0, proc.stderr
    assert ".notdef" not in proc.stderr
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert zone in pages[0]
    assert any(line.startswith(f"{zone} · ") for line in pages[1].splitlines()), pages[1]


def test_the_command_exits_non_zero_without_a_traceback(tmp_path, no_system_fonts, cmaps):
    char = _lacking(cmaps, 0x9FF0, 0x9FFF) or _lacking(cmaps, 0x20000, 0x2A6DF)
    zone = f"信阳市{char}河区经开区"
    out = tmp_path / "r.pdf"
    proc = run_cli("report", _zone_workbooks(tmp_path, zone), "-o", out, "--zone", zone,
                   env=dict(os.environ, FONTCONFIG_FILE=str(no_system_fonts)))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    said = "error: the report's font (Scorer Sans SC) has no glyph" if cmaps[1] is None else \
        "error: neither the report's font (Scorer Sans SC) nor its fallback (BabelStone Han) has a glyph"
    assert f"{said} for 「{char}」 U+{ord(char):04X} in 「{zone}」" in proc.stderr, proc.stderr
    assert not out.exists()


def test_the_html_report_embeds_the_fonts_cut_to_its_characters(sample_run, tmp_path):
    import base64
    import io

    from scorer.report.render import _texts

    out = tmp_path / "r.html"
    report(sample_run, out, zone=ZONE, fmt="html")
    page = out.read_text(encoding="utf-8")
    embedded = [base64.b64decode(b) for b in re.findall(r"data:font/otf;base64,([A-Za-z0-9+/=]+)", page)]
    assert len(embedded) == 2
    text = {ch for run in _texts(page) for ch in run if not ch.isspace() and unicodedata.category(ch) != "Cf"}
    assert "浉" in text
    for data, name in zip(embedded, ["ScorerSansSC-Regular.otf", "ScorerSansSC-Bold.otf"]):
        font = TTFont(io.BytesIO(data))
        assert sorted(ch for ch in text if ord(ch) not in font.getBestCmap()) == []
        assert font["name"].getDebugName(1) == "Scorer Sans SC" and font["name"].getDebugName(13)  # licence kept
        assert len(data) < (fonts_dir() / name).stat().st_size / 10


# A Private Use Area character (an office's own 造字) means nothing agreed: a font's glyph there is another character.
@pytest.mark.parametrize("code", [0xE000, 0xF8FF, 0xF0000, 0x10FFFD])
@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_a_private_use_character_is_refused_naming_it_not_drawn(sample_run, tmp_path, no_system_fonts, monkeypatch,
                                                                code, fmt):
    from scorer.report import render

    monkeypatch.setattr(render, "load_weasyprint", lambda: lambda **kw: pytest.fail("rendered"))
    zone = f"周口{chr(code)}经济开发区"
    out = tmp_path / f"r.{fmt}"
    with pytest.raises(ScorerError) as caught:
        report(sample_run, out, zone=zone, today=dt.date(2026, 11, 25), fmt=fmt)
    message = str(caught.value)
    assert f"「{chr(code)}」 U+{code:04X} in 「{zone}」 (--zone)" in message and "Private Use Area" in message
    assert not out.exists()


def test_a_private_use_character_in_a_workbook_title_is_refused_at_its_cell(tmp_path, no_system_fonts):
    zone = "周口\ue000经济开发区"
    folder = _zone_workbooks(tmp_path, "周口经开区")
    _retitled(folder, zone)
    out = tmp_path / "r.pdf"
    proc = run_cli("report", folder, "-o", out, "--lang", "en", env=dict(os.environ, FONTCONFIG_FILE=str(no_system_fonts)))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    first = proc.stderr.splitlines()[0]
    assert "› 主要经济指标 › A1" in first and "「\ue000」 U+E000" in first and "Private Use Area" in first, first
    assert not out.exists()


def test_a_character_from_a_scenario_file_is_named_at_its_line(sample_run, tmp_path, no_system_fonts, cmaps,
                                                                monkeypatch):
    """bt10g F5: the scenario's name and description are texts of the report from input; the refusal names the file
    and line they are written at (it named no place, and its hint spoke of a cell)."""
    from scorer.pipeline import analyse
    from scorer.report import render

    char = _lacking(cmaps, 0x2EBF0, 0x2EE5D) or _lacking(cmaps, 0x30000, 0x3134A)
    if char is None:
        pytest.skip("the installed fallback font has every character of Extensions G and I")
    path = tmp_path / "情景.yaml"
    path.write_text(f"# 情景\nname: 情景{char}扩量\ndescription: 说明{char}\nfields:\n  trade_total: +10 亿元\n",
                    encoding="utf-8")
    monkeypatch.setattr(render, "load_weasyprint", lambda: lambda **kw: pytest.fail("rendered"))
    with pytest.raises(ScorerError) as caught:
        report(sample_run, tmp_path / "r.pdf", today=dt.date(2026, 11, 25), analyses=analyse(sample_run, [path]))
    problem = caught.value.problems[0]
    assert (problem.location.file, problem.location.line) == (path, 2)
    assert f"「{char}」 U+{ord(char):04X} in 「情景{char}扩量」 ({path}:2)" in str(caught.value)
    assert "cell named" not in (problem.hint or "") and "a file's line" in problem.hint
