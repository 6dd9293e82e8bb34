"""A month's own columns are the month's: the 上年同期 and 同比 that follow 本月 / 当月 / 上年同月 are not read as the year to
date's (bt10g F2: a 当月 | 上年同期 | 同比 table read last June alone as 2021Q2's year to date and June's 同比 as the
half-year's growth, exit 0; F3: the 月报 layout 本月 | 上年同期 | 同比 | 1-6月累计 | 上年同期 | 同比 was refused as 'read twice
with different growth rates', the hint pointing at a right cell)."""

from __future__ import annotations

import datetime as dt

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import Dated, sheet, write, write_xlsx

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
    # said as a month's table at its 当月 header, with what to give instead (not 'no statistic of the framework')
    assert [(p.severity, p.code, p.location.cell) for p in result.problems] == [("error", "month_table", "C3")]
    assert "「实际使用外资金额」、「进出口总额」" in result.problems[0].message
    assert "1-6月累计 | 上年同期 | 同比" in result.problems[0].hint


# ------------------------------------------------------------ a month named alone over the figures (bt10g F2 rest)
STOCKS = [["上市企业数", "家", 3, 2, 50.0], ["高新技术企业数", "家", 40, 32, 25.0]]
ONE_MONTH = ["6月", "6月份", "六月", "2022年6月", "2022.06", Dated(dt.date(2022, 6, 1), 'yyyy"年"m"月"'),
             Dated(dt.date(2022, 6, 30), "yyyy-mm-dd")]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("head", ONE_MONTH, ids=str)
@pytest.mark.parametrize("band", [None, "2022年"])
def test_a_column_headed_with_one_month_reads_stocks_at_its_end_and_refuses_flows_at_its_header(
        tmp_path, framework, fmt, head, band):
    if fmt == "csv" and isinstance(head, Dated):
        pytest.skip("a CSV holds no dates")
    heads = ["指标名称", "计量单位", head, "上年同期", "同比增长(%)"]
    rows = [[TITLE], *([["", "", band, "", ""]] if band else []), heads, *[r[:5] for r in ROWS], *STOCKS]
    path = write(fmt, tmp_path, "周口经开区主要统计指标_2022年1-6月", {"主要经济指标": rows},
                 {"主要经济指标": ["C2:E2"]} if band and fmt != "csv" else None)
    result = ingest([path], framework.fields)
    top = 3 if band else 2  # the header row, 1-based
    flows = {top + 1, top + 2}
    read = {(o.field, o.period, o.column): (o.cell, o.value) for o in result.observations}
    assert read == {("listed_companies", "2022Q2", "current"): (f"C{top + 3}", 3.0),
                    ("listed_companies", "2021Q2", "prior"): (f"D{top + 3}", 2.0),
                    ("listed_companies", "2022Q2", "growth"): (f"E{top + 3}", 50.0),
                    ("hightech_enterprises", "2022Q2", "current"): (f"C{top + 4}", 40.0),
                    ("hightech_enterprises", "2021Q2", "prior"): (f"D{top + 4}", 32.0),
                    ("hightech_enterprises", "2022Q2", "growth"): (f"E{top + 4}", 25.0)}
    assert not [o for o in result.observations if int(o.cell[1:]) in flows]
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "month_table", sheet(path, "主要经济指标"), f"C{top}")]
    assert "holds one month's figures, not the year to date 1-6月" in result.problems[0].message
    assert "「实际使用外资金额」、「进出口总额」" in result.problems[0].message


@pytest.mark.parametrize("head", ["2022年6月", Dated(dt.date(2022, 6, 1), 'yyyy"年"m"月"')], ids=str)
def test_a_month_named_with_its_year_beside_the_year_to_date_is_left_aside(tmp_path, framework, head):
    rows = [[TITLE], ["指标名称", "计量单位", head, "上年同期", "同比增长(%)", "1-6月累计", "上年同期", "同比增长(%)"],
            *ROWS]
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", {"主要经济指标": rows})
    result = ingest([path], framework.fields)
    assert {o.cell for o in result.observations if o.field == "fdi_actual"} == {"F3", "G3", "H3"}
    assert not result.errors, [str(p.message) for p in result.errors]


@pytest.mark.parametrize("head", ["1-6月", "6月末", "本年累计", "6月累计"])
def test_a_header_saying_more_than_the_month_is_read_as_before(tmp_path, framework, head):
    rows = [[TITLE], ["指标名称", "计量单位", head, "上年同期", "同比增长(%)"], *[r[:5] for r in ROWS]]
    path = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", {"主要经济指标": rows})
    result = ingest([path], framework.fields)
    assert {(o.field, o.period, o.column) for o in result.observations} >= {
        ("fdi_actual", "2022Q2", "current"), ("fdi_actual", "2021Q2", "prior"), ("fdi_actual", "2022Q2", "growth")}
    assert not result.errors
