"""The HTML report printed from a browser has the PDF's running head, as far as browsers print one (bt15k F6: the head
was CSS running strings only — string(zone), string(doctitle) — which WeasyPrint prints and no browser does, while the
README said the layout was the same). The head's zone and title are also a literal string that no zone name can break
out of, and the README and the no-Pango message say what a browser's print lacks (section heads, bookmarks)."""

from __future__ import annotations

import re

from conftest import EXAMPLES, ROOT, run_cli


def _last_top_left(html: str) -> str:
    style = html.partition("<style>")[2].partition("</style>")[0]
    style = re.sub(r"@page\s+\w+\s*\{[^{}]*(\{[^{}]*\}[^{}]*)*\}", "", style)  # named pages (the cover) apart
    boxes = re.findall(r"@top-left\s*\{\s*content:\s*((?:\"(?:[^\"\\]|\\.)*\"|[^;])*);", style)
    assert boxes, "no @top-left"
    return boxes[-1].strip()


def _css_text(literal: str) -> str:
    return re.sub(r"\\([0-9a-f]{1,6}) ?", lambda m: chr(int(m[1], 16)), literal[1:-1]).replace("\u2060", "")


def test_the_running_head_is_a_literal_a_browser_prints(tmp_path):
    out = tmp_path / "r.html"
    done = run_cli("report", EXAMPLES, "--format", "html", "-o", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    head = _last_top_left(html)
    assert "string(" not in head and head.startswith('"') and head.endswith('"'), head
    zone = re.search(r'data-running="([^"]*)"', html)[1].replace("\u2060", "")
    title = re.search(r'<div class="title"[^>]*>([^<]*)<', html)[1].replace("\u2060", "")
    assert _css_text(head) == f"{zone}  ·  {title}", head
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "版式与 PDF\n报告相同" not in readme and "章节名和 PDF 书签" in readme


def test_no_zone_name_breaks_out_of_the_css_string():
    from scorer.report.render import css_string

    for name in ('A&B"</style>园区\\', "x'; } body { display: none } '", "a\nb", "2022年 周口"):
        literal = str(css_string(name))
        inner = literal[1:-1]
        assert not re.search(r'["<>&\'\n]', inner) and not re.search(r"\\(?![0-9a-f])", inner), literal
        assert _css_text(literal) == name, literal
