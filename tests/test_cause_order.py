"""Issue 11 (bt-i11 F6): when several checks fire on one cell, the most specific cause is the one named — in the
doubt of each indicator and in the report's data-quality box (a unit slip, not the cumulative fall it also makes)."""

from __future__ import annotations

import shutil

import openpyxl

from scorer.read.plausibility import CAUSE_ORDER, DOUBT_CODES, cause_rank
from tests.conftest import EXAMPLES


def test_every_doubt_code_has_a_place_in_the_order():
    assert set(CAUSE_ORDER) == set(DOUBT_CODES)
    assert cause_rank("unit_slip") < cause_rank("implausible_jump") < cause_rank("cumulative_falls")


def test_a_slipped_q4_cell_is_named_for_its_unit_slip_first(tmp_path):
    """The 2022 full-year workbook's 进出口 rows marked 万元 with their 亿元 figures: the cell falls below Q3's (a
    cumulative fall) and is a unit slip; the quality box and the indicators' doubts name the slip."""
    from scorer.pipeline import run
    from scorer.report.quality import quality_view

    d = tmp_path / "wb"
    d.mkdir()
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, d)
    f = next(d.glob("*2022年1-12月.xlsx"))
    wb = openpyxl.load_workbook(f)
    ws = wb["主要经济指标"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value in ("2.进出口总额", "其中：出口总额", "其中：高新技术产品进出口额"):
            ws.cell(r, 2).value = "万元"
    wb.save(f)
    r = run([d])
    problems = list(r.ingested.problems) + list(r.result.problems)
    at_c7 = {p.code for p in problems if p.location.cell == "C7" and p.field_id == "trade_total" and p.period == "2022Q4"}
    assert {"unit_slip", "cumulative_falls"} <= at_c7, at_c7  # several checks fire on the one cell
    doubts = [p for p in r.result.problems if p.severity == "doubtful" and p.field_id == "trade_total"]
    assert doubts and all("亿元" in (p.message_zh or "") for p in doubts)
    box = quality_view(problems, {}, "zh")["box"]
    item = next(i for i in box["items"] if "C7" in i["place"])
    assert "亿元" in item["cause"] and "累计数" not in item["cause"], item
