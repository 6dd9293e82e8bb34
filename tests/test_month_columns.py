"""A month's own columns are the month's: the 上年同期 and 同比 that follow 本月 / 当月 / 上年同月 are not read as the year to
date's (bt10g F2: a 当月 | 上年同期 | 同比 table read last June alone as 2021Q2's year to date and June's 同比 as the
half-year's growth, exit 0; F3: the 月报 layout 本月 | 上年同期 | 同比 | 1-6月累计 | 上年同期 | 同比 was refused as 'read twice
with different growth rates', the hint pointing at a right cell)."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"
ROWS = [["实际使用外资金额", "万美元", 48.1, 37.2, 29.3, 671.4, 573.94, 17.3],
        ["进出口总额", "万元", 40_500, 37_000, 9.5, 228_800, 210_100, 8.9]]


@pytest.mark.parametrize("month", ["本月", "当月", "6月当月"])
@pytest.mark.parametrize("prior", ["上年同期", "上年同月"])
def test_the_month_block_beside_the_year_to_date_is_left_out_with_a_note(tmp_path, framework, month, prior):
    rows = [[TITLE], ["指标名称", "计量单位", month, prior, "同比增长(%)", "1-6月累计", "上年同期", "同比增长(%)"], *ROWS]
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", {"主要经济指标": rows})
    result = ingest([path], framework.fields)
    read = {(o.field, o.period, o.column): (o.cell, o.value) for o in result.observations}
    assert read[("fdi_actual", "2022Q2", "current")] == ("F3", 671.4)
    assert read[("fdi_actual", "2021Q2", "prior")] == ("G3", 573.94)
    assert read[("fdi_actual", "2022Q2", "growth")] == ("H3", 17.3)
    assert not [o for o in result.observations if o.cell[0] in "CDE"]  # nothing of the month's columns
    assert not result.errors, [str(p.message) for p in result.errors]
    note = [p for p in result.problems if p.code == "month_columns"]
    # at the first column left out (上年同月 is the month's by its own name, and not read either)
    assert len(note) == 1 and note[0].location.cell == ("D2" if prior == "上年同期" else "E2")
    assert note[0].severity == "note" and f"「{month}」" in note[0].message


def test_a_table_of_the_month_alone_is_never_read_as_the_year_to_date(tmp_path, framework):
    rows = [[TITLE], ["指标名称", "计量单位", "2022年6月", "", ""], ["", "", "当月", "上年同期", "同比增长(%)"],
            *[r[:5] for r in ROWS]]
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", {"主要经济指标": rows}, {"主要经济指标": ["C2:E2"]})
    result = ingest([path], framework.fields)
    assert not [o for o in result.observations if o.field in ("fdi_actual", "trade_total")], result.observations
