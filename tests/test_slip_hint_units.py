"""A figure 10 000 times off its history is told in the unit its row is written in: 1,209,000 typed into the 亿元 row
of 地区生产总值 (a 万元 statistic) is 万元 typed into a 亿元 row, to be written 120.9 — not 'if the figure is
12,090,000,000 元, write 1,209,000 (in 万元)', the number already in the cell (bt15 F13)."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES
from tests.workbooks import full_tables, write_xlsx


def test_a_slip_in_a_row_written_in_another_unit_is_told_in_that_unit(framework, tmp_path):
    from scorer.read.ingest import read

    folder = tmp_path / "books"
    folder.mkdir()
    for book in EXAMPLES.glob("*2021年1-6月.xlsx"):
        shutil.copy(book, folder / book.name)
    sheets, merges = full_tables(framework.fields, overrides={"gdp": {"unit": "亿元", "current": 1_209_000,
                                                                       "prior": 112.71, "growth": "—"}})
    write_xlsx(folder / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    ingested = read([folder], framework)
    slip = next(p for p in ingested.problems if p.code == "unit_slip" and p.field_id == "gdp" and p.period == "2022Q2")
    assert "万元 typed into a 亿元 row" in slip.message, slip.message
    assert "1,209,000 万元" in slip.hint and "write 120.9 (in 100m yuan)" in slip.hint, slip.hint
    assert "以万元计的数填进了以亿元计的行" in slip.message_zh and "120.9" in slip.hint_zh, slip.hint_zh
