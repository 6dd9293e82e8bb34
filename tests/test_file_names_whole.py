"""A file name with a space is printed whole in the report, PDF and HTML alike: on page 2 the space in 全省 园区.csv
was a justified Chinese line's only stretchable point and came out ten characters wide, as if two names (bt15k F9).
Every occurrence of an input's name in the body's text is in a span that justification does not stretch (an inline
block: WeasyPrint stretches only the spaces of the line's own text, browsers do not stretch inside an atomic box)."""

from __future__ import annotations

import re
import shutil

from conftest import EXAMPLES, ROOT, run_cli
from scorer.report.render import names_kept_whole


def _outside_spans(html: str, name: str) -> int:
    body = html.partition("<body")[2]
    kept = body.count(f'<span class="file-name">{name}</span>')
    return body.count(name) - kept


def test_every_name_with_a_space_is_kept_whole_and_nothing_else_is_touched():
    page = ('<html><head><title>全省 园区.csv</title></head><body><p data-x="全省 园区.csv">按估算，本区在对照表'
            '“全省 园区.csv”中；又见全省 园区.csv › 表1 › C3</p><svg><text>全省 园区.csv</text></svg>'
            '<p>a.csv 与 b c.yaml</p></body></html>')
    out = names_kept_whole(page, ["/x/全省 园区.csv", "/y/a.csv", "b c.yaml", None])
    assert out.count('<span class="file-name">全省 园区.csv</span>') == 2, out
    assert '<span class="file-name">b c.yaml</span>' in out and "a.csv" in out and '">a.csv' not in out
    assert "<title>全省 园区.csv</title>" in out and 'data-x="全省 园区.csv"' in out  # head and attributes as they were
    assert "<text>全省 园区.csv</text>" in out  # no HTML span inside the charts' SVG
    css = (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
    assert re.search(r"\.file-name\s*\{[^}]*display:\s*inline-block", css)


def test_a_peer_table_named_with_a_space_is_printed_whole_in_the_report(tmp_path):
    folder = tmp_path / "情景 文件夹"
    folder.mkdir()
    table = folder / "全省 园区.csv"
    shutil.copy(ROOT / "indicators" / "peers" / "central-synthetic.csv", table)
    shutil.copy(ROOT / "indicators" / "peers" / "central-synthetic.yaml", table.with_suffix(".yaml"))
    out = tmp_path / "r.html"
    done = run_cli("report", EXAMPLES, "--peers", table, "--format", "html", "-o", out, "--lang", "zh")
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "全省 园区.csv" in html.partition("<body")[2], "the table's name is not printed"
    assert _outside_spans(html, "全省 园区.csv") == 0, "a name with a space left to be stretched"
