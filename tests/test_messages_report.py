"""Every problem line of the Chinese report is Chinese: the data-quality list holds no English-only text.

The list (appendix, `quality_list` of templates/report.html) shows each problem of the run in the
report's language; a problem whose words were written in English only (a plain string carried into a
Problem, like the peer-coverage note was) would reach the leadership's PDF in English. The run here
brings problems from several stages: the reading of the sample, the scoring, and a peer table that
covers only some indicators, its columns headed the way analysts write them.
"""

from __future__ import annotations

import html
import re

import pytest

from conftest import EXAMPLES

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def partial_peers_run(tmp_path_factory):
    from scorer.framework.model import load_framework
    from scorer.pipeline import run

    fw = load_framework()
    folder = tmp_path_factory.mktemp("peers")
    ids = ["fdi_amount", "trade_amount", "rd_institutions"]
    header = ["园区名称"] + [f" {fw.indicators[i].name_zh}（{fw.indicators[i].unit}） " if fw.indicators[i].unit
                             else fw.indicators[i].name_zh for i in ids]
    scale = [100, 1, 1]  # FDI at a zone's magnitude (1 000–6 000 万美元): 10–60 is refused as a slip
    rows = [[f"样本{k}经开区", *(str(10 * (k + 1) * (j + 1) * scale[j]) for j in range(len(ids)))] for k in range(6)]
    table = folder / "对照样本.csv"
    table.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8-sig")
    return run([EXAMPLES], peers_path=table), folder


def _quality_rows(page: str) -> list[tuple[str, str]]:
    """(level, text) of each row of the report's data-quality list, the hint included."""
    table = re.search(r'<table class="data quality">(.*?)</table>', page, re.S)
    assert table, "the report has no data-quality list"
    rows = re.findall(r'<tr class="\w+"><td class="c">(.*?)</td><td>(.*?)</td>', table.group(1), re.S)
    return [(html.unescape(level), html.unescape(re.sub(r"<[^>]+>", " ", text))) for level, text in rows]


def test_every_problem_of_the_run_has_chinese_words(partial_peers_run):
    r, _ = partial_peers_run
    assert any("covers 3 of" in p.message for p in r.problems)  # the peer set's coverage note is among them
    english_only = [p.message for p in r.problems if not CJK.search(p.message_zh or p.message)]
    assert english_only == []


def test_no_problem_line_of_the_chinese_report_is_english(partial_peers_run):
    from scorer.pipeline import report

    r, folder = partial_peers_run
    out = folder / "报告.html"
    report(r, out, fmt="html")
    rows = _quality_rows(out.read_text(encoding="utf-8"))
    assert rows and any("对照样本表只涵盖" in text for _, text in rows)
    english = [text for _, text in rows if not CJK.search(text) or re.search(r"\b(the|is|are|of|not)\b", text)]
    assert english == [], english
