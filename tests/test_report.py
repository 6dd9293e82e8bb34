"""The PDF report: its sections, numbers equal to the engine's, the bundled font, safety and atomicity."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from scorer.pipeline import report
from scorer import fmt

CATEGORIES = ["对外开放", "科技创新", "绿色发展", "统筹协调", "发展质量"]


@pytest.fixture(scope="module")
def rendered(layout_reports):
    out = layout_reports["zh"][0]  # the session's Chinese report of the sample (tests/conftest.py)
    log = layout_reports.logs["zh"]
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    return out, log, reader, text


def test_the_pdf_names_the_five_categories_and_the_overall_score(rendered, sample_run):
    _, _, _, text = rendered
    for name in CATEGORIES:
        assert name in text
    assert "综合得分" in text
    assert fmt.score(sample_run.result.overall) in text


def test_the_category_tables_show_the_engines_numbers(rendered, sample_run):
    _, _, reader, _ = rendered
    res = sample_run.result
    pages = [p.extract_text() for p in reader.pages]
    for g in res.groups:
        page = next(t for t in pages if re.search(rf"[一二三四五]、{g.name_zh}\s", t) and "本期值" in t)
        assert f"得分 {fmt.score(g.score)}" in page
        lines = page.splitlines()
        for ind in (i for i in res.indicators if i.group == g.id):
            value, score = fmt.number(ind.value, ind.unit), fmt.score(ind.score)
            assert any(ind.name_zh[:6] in line and f" {value} " in line and f" {score} " in line for line in lines), \
                (ind.id, value, score)


def test_only_the_bundled_font_is_embedded_and_as_a_subset(rendered):
    _, _, reader, _ = rendered
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts, "no fonts found"
    for name in fonts:
        assert re.fullmatch(r"/[A-Z]{6}\+Scorer-Sans-SC(-Bold)?", name), name


def test_weasyprint_reports_no_missing_glyph_and_fetches_nothing_foreign(rendered):
    _, log, _, _ = rendered
    assert log.notdef == []
    assert log.warnings == []
    assert log.refused == []


def test_every_section_has_a_bookmark_and_the_document_has_title_and_language(rendered):
    _, _, reader, _ = rendered
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for section in ["综合评估", *CATEGORIES, "提升重点", "附录一", "附录二"]:
        assert any(section in t for t in titles), (section, titles)
    assert "周口经济开发区" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_sample_data_are_marked_as_such(rendered):
    _, _, _, text = rendered
    assert "示例数据" in text


def test_input_text_is_escaped_and_nothing_is_fetched(sample_run, tmp_path):
    evil = '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
    out = tmp_path / "evil.html"
    report(sample_run, out, zone=evil, fmt="html")
    html = out.read_text(encoding="utf-8")
    assert "<img src=\"file:///etc/passwd\">" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    pdf = tmp_path / "evil.pdf"
    log = report(sample_run, pdf, zone=evil)
    assert log.refused == []
    assert "file:///etc/passwd" in "".join(p.extract_text() for p in PdfReader(pdf).pages[:2])


def test_the_url_fetcher_refuses_anything_but_our_own_files():
    from weasyprint.urls import URLFetchingError

    from scorer.report.render import RenderLog, _safe_fetcher
    from scorer.resources import fonts_dir

    log = RenderLog()
    fetcher = _safe_fetcher(log)
    for url in ["file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/x.css",
                (fonts_dir() / ".." / ".." / "pyproject.toml").resolve().as_uri()]:
        with pytest.raises(URLFetchingError):
            fetcher.fetch(url)
    assert len(log.refused) == 4
    fetcher.fetch((fonts_dir() / "OFL.txt").as_uri())


def test_a_failed_render_leaves_the_previous_report_intact(sample_run, tmp_path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF-previous good report")
    import weasyprint

    def boom(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(weasyprint.HTML, "render", boom)  # the layout (scorer.report.paging.render_balanced)
    with pytest.raises(RuntimeError):
        report(sample_run, out)
    assert out.read_bytes() == b"%PDF-previous good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_character_of_the_report_is_in_the_bundled_font(sample_run, lang):
    """A clean machine has no CJK font to fall back on: every character must be in Scorer Sans SC."""
    import datetime as dt
    import html as htmlmod

    from fontTools.ttLib import TTFont

    from scorer.report import model as report_model
    from scorer.report.render import render_html
    from scorer.resources import fonts_dir

    inputs = report_model.ReportInputs("周口经济开发区", sample_run.ingested.files, True, dt.date(2026, 11, 25), lang)
    page = render_html(report_model.build(sample_run.result, sample_run.panel, inputs, sample_run.standing,
                                          sample_run.verdict))
    body = re.split(r"<body[^>]*>", page, maxsplit=1)[1]
    text = htmlmod.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+", "", body)))
    cmap = TTFont(fonts_dir() / "ScorerSansSC-Regular.otf").getBestCmap()
    # format characters (the word joiner that keeps a number to its unit) are not drawn: no glyph needed
    missing = sorted({ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf" and ord(ch) not in cmap})
    assert missing == [], missing


@pytest.fixture(scope="module")
def rendered_en(layout_reports):
    out = layout_reports["en"][0]  # the session's English report of the sample
    log = layout_reports.logs["en"]
    reader = PdfReader(out)
    return log, reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_english_report_has_no_chinese_outside_names(rendered_en, sample_run):
    log, reader, text = rendered_en
    assert log.notdef == [] and log.warnings == []
    names = {"周口经济开发区"} | {Path(p).name for p in sample_run.ingested.files} | \
        {o.sheet for o in sample_run.ingested.observations}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    assert re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text) == []
    for section in ["Summary", "Opening-up", "Innovation", "Green development", "Appendix 1", "Appendix 2"]:
        assert any(section in item.title for item in reader.outline if not isinstance(item, list)), section
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_the_english_report_shows_the_same_numbers(rendered_en, sample_run):
    _, _, text = rendered_en
    res = sample_run.result
    assert fmt.score(res.overall) in text
    for g in res.groups:
        assert f"Score {fmt.score(g.score)}" in text


def test_the_html_report_is_self_contained(sample_run, tmp_path):
    out = tmp_path / "r.html"
    report(sample_run, out, fmt="html")
    page = out.read_text(encoding="utf-8")
    assert "file://" not in page and "http://" not in page and "https://" not in page
    assert page.count("data:font/otf;base64,") == 2 and "data:image/svg+xml;base64," in page
    assert '<html lang="zh-CN">' in page


def test_a_report_with_scenarios_uncertainty_and_a_plan_shows_their_numbers(sample_run, tmp_path):
    from scorer.pipeline import analyse
    from tests.conftest import EXAMPLES

    scenarios = sorted((EXAMPLES / "scenarios").glob("*.yaml"))
    analyses = analyse(sample_run, scenarios, uncertainty_draws=2000, seed=7, plan_target=77)  # 92 before issue 12's targets
    out = tmp_path / "full.pdf"
    log = report(sample_run, out, analyses=analyses)
    assert log.notdef == [] and log.warnings == []
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "情景对比" in titles and "不确定性分析" in titles
    for outcome in analyses.comparison.scenarios:
        assert outcome.name in text and fmt.score(outcome.overall) in text
    u = analyses.uncertainty
    # While an analyst input is pending no draw is ready: the report gives the data conditions' chance and says why.
    shown = fmt.probability(u.p_data_ready) if u.pending_inputs and not u.failed_inputs else fmt.probability(u.p_ready)
    assert shown in text and "%" in shown and fmt.score(u.overall.median) in text
    assert not u.pending_inputs or "待确认" in text
    assert analyses.plan.reachable and fmt.score(analyses.plan.overall_after) in text
    assert "投入产出比" in text  # the effort table (renamed: the glossary bans the coined 努力点, 工作量单位, 折合外资增长1%的增分)


def test_values_changed_by_outlier_treatment_are_listed_in_the_methodology(tmp_path):
    """A framework with treatment: every treated point appears with its values before and after."""
    import shutil

    from scorer.pipeline import run
    from scorer.resources import indicators_dir
    from tests.conftest import EXAMPLES

    for name in ("fields.yaml", "rules.yaml", "yardsticks.yaml"):  # the framework cites the yardsticks (issue 12)
        shutil.copy(indicators_dir() / name, tmp_path / name)
    text = (indicators_dir() / "framework.yaml").read_text(encoding="utf-8")
    # Quarters as units: a strict threshold makes the eight quarters' FDI growth an "outlier" series.
    text = text.replace("imputation:\n", "treatment:\n  method: winsorise\n  params: {skew_thresh: 0.0, kurt_thresh: -10.0, winmax: 1}\nimputation:\n", 1)
    framework = tmp_path / "framework.yaml"
    framework.write_text(text, encoding="utf-8")
    r = run([EXAMPLES], framework)
    points = r.result.treated_points
    assert points is not None and not points.empty
    out = tmp_path / "t.html"
    report(r, out, fmt="html")
    page = out.read_text(encoding="utf-8")
    assert "异常值处理" in page
    first = points.iloc[0]
    assert fmt.number(first.before, r.framework.indicators[first.indicator].unit) in page
