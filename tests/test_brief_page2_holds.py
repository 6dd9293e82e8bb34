"""bt13k F4, F8, F5: page 2 holds whatever makes it longer, and says what it counts.

F4: with the safety/environment veto to confirm, the English margin cell "1 this period (the count adds …): to confirm"
sat in a nowrap number cell and pushed the conditions table ~230 pt off the page. F8: with a user's rules file (six
more condition rows) the box of what is estimated or assumed went to page 3 while page 2's bottom fifth was empty, and
the box did not say that some conditions are the user's own. F5: the Chinese page named a doubtful peer column by its
program id (fdi_growth) and counted two conditions to confirm where three were shown. Built here in tmp_path.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil

import openpyxl
import pdfplumber
import pytest

from conftest import EXAMPLES, ROOT, sample_copy
from test_report_layout import MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, SLACK, _words

USER_RULES = """overall_min:
  value: 75
  confidence: low
  source: 自定的综合得分门槛
  source_en: own cut-off
category_min:
  value: 65
  confidence: low
  source: 自定的各类得分门槛
  source_en: own cut-off
"""


def _veto_to_confirm(folder):
    """The sample with one 较大及以上安全生产事故和环保督察问题 this year: the veto cannot tell, and asks."""
    sample_copy(folder)
    path = next(folder.glob("*2022年1-12月.xlsx"))
    wb = openpyxl.load_workbook(path)
    ws = wb["主要经济指标"]
    row = next(r for r in range(1, ws.max_row + 1) if "安全生产事故" in str(ws.cell(r, 1).value or ""))
    ws.cell(row, 3).value, ws.cell(row, 5).value = 1, 0
    wb.save(path)
    return folder


def _user_rules(tmp_path):
    """The bundled rules with the user's own cut-offs: an overall and a per-category score minimum (six rows)."""
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nrank_share_max:", "\n" + USER_RULES + "\nrank_share_max:", 1), encoding="utf-8")
    return path


def _page_two(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[1]
        left, right = MARGIN_LEFT - SLACK, page.width - MARGIN_RIGHT + SLACK
        top, bottom = MARGIN_TOP - SLACK, page.height - MARGIN_BOTTOM + SLACK
        outside = [w["text"] for w in _words(page) if not (w["bottom"] <= top or w["top"] >= bottom)
                   and not (left <= w["x0"] and w["x1"] <= right)]
        # the English box is set in two columns: each half read on its own, so that a line is read whole
        halves = [page.crop((0, 0, page.width / 2, page.height)), page.crop((page.width / 2, 0, page.width, page.height))]
        text = " ".join([page.extract_text() or ""] + [h.extract_text() or "" for h in halves])
        return outside, re.sub(r"\s+", " ", text)


CASES = {"veto_en": ("en", "veto", None), "veto_zh": ("zh", "veto", None), "rules_zh": ("zh", None, "rules"),
         "rules_en": ("en", None, "rules")}


@pytest.mark.parametrize("case", list(CASES))
def test_page_two_holds_its_table_and_box(tmp_path, case):
    from scorer.pipeline import report, run

    lang, data, rules = CASES[case]
    folder = _veto_to_confirm(tmp_path / "data") if data else EXAMPLES
    r = run([folder], rules_path=_user_rules(tmp_path) if rules else None)
    out = tmp_path / f"{case}.pdf"
    report(r, out, today=dt.date(2026, 12, 2), lang=lang)
    outside, text = _page_two(out)
    assert not outside, (case, outside[:10])
    title = "估算与假定" if lang == "zh" else "What is estimated or assumed"
    assert title in text.replace(" ", "") if lang == "zh" else title in text, (case, text[-600:])
    if rules:
        said = "其中6项为用户自行设定的条件" if lang == "zh" else "6 of them are the user's own rules"
        assert said in (text.replace(" ", "") if lang == "zh" else text), text[-900:]
    if data and lang == "zh":  # the two analyst's conditions and the veto to confirm
        assert "需分析人员确认的3项" in text.replace(" ", ""), text[-900:]


def test_a_doubtful_peer_column_is_named_in_chinese(tmp_path):
    """A peer table whose growth columns are far too narrow (each at its mean ±5 %): the Chinese texts that say so name
    the indicators, never the columns' program ids."""
    from scorer.pipeline import run
    from scorer.score.peer_magnitude import doubt_names

    src = ROOT / "indicators" / "peers" / "central-synthetic.csv"
    rows = list(csv.DictReader(open(src, encoding="utf-8-sig")))
    growth = [c for c in rows[0] if c.endswith("_growth")]
    n = len(rows)
    for c in growth:
        v = [float(r[c]) for r in rows if r[c]]
        m = sum(v) / len(v)
        for i, r in enumerate(rows):
            r[c] = repr(round(m * (1 + (i - (n - 1) / 2) / ((n - 1) / 2) * 0.05), 6))
    out = tmp_path / "narrow.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    shutil.copy(src.with_suffix(".yaml"), out.with_suffix(".yaml"))
    r = run([EXAMPLES], peers_path=out)
    doubts = r.standing.column_doubts
    assert any(d.column in growth for d in doubts), [d.column for d in doubts]
    zh = doubt_names(doubts).zh
    assert not re.search(r"[A-Za-z]", zh), zh
    assert r.framework.indicators[doubts[0].indicator].name_zh in zh
    said = " ".join(x.reason or "" for x in r.verdict.rules) + str(getattr(r.verdict.rank_doubt, "zh", ""))
    assert not re.search(r"[a-z]+_[a-z]+", said), said
