"""bt10f F10: a month typed as text the way databases and many tables write it (2022.06, 2022.6, 2022-06, 2022/06,
202206, Jun-22) was a period in a CSV and in a database export but not in a workbook's band, header or title: the
workbook was refused as naming no period. The same written month is now one everywhere a period is looked for; a day
(2022-06-30) and a range of years (2021-2022) still are not. Workbooks built here."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from scorer.read.text import find_period
from tests.workbooks import observed, write

FORMS = ["2022.06", "2022.6", "2022-06", "2022/06", "202206", "Jun-22"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
@pytest.mark.parametrize("band", FORMS)
def test_a_month_as_text_in_the_band_gives_the_workbooks_period(framework, tmp_path, fmt, band):
    rows = [["周口经济开发区主要经济指标"], ["指标名称", "计量单位", band, "", ""],
            ["", "", "累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    result = ingest([write(fmt, tmp_path, "无期", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3", "C2:E2"]})],
                    framework.fields)
    assert observed(result) == {("表1", "C4"): ("gdp", 1_209_000.0, "万元", "2022Q2", "current"),
                                ("表1", "D4"): ("gdp", 1_127_100.0, "万元", "2021Q2", "prior"),
                                ("表1", "E4"): ("gdp", 7.3, "%", "2022Q2", "growth")}, result.problems
    assert not result.errors


@pytest.mark.parametrize("title", [f"周口经济开发区{f}主要经济指标" for f in ("2022.06", "2022-06", "202206")])
def test_a_month_as_text_in_the_title_gives_the_workbooks_period(framework, tmp_path, title):
    rows = [[title], ["指标名称", "计量单位", "累计", "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    result = ingest([write("xlsx", tmp_path, "无期", {"表1": rows})], framework.fields)
    assert {o.period for o in result.observations} == {"2022Q2", "2021Q2"}, result.problems


@pytest.mark.parametrize("text, period", [("2022.12累计", "2022Q4"), ("Jun-22累计", "2022Q2"), ("2022-06-30", None),
                                          ("2021-2022", None), ("20220630", None), ("2022.10", None)])
def test_which_texts_are_months(text, period):
    assert find_period(text)[0] == period


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("head, refused", [("1-5", True), ("1~5", True), ("1-6", False), ("1～6", False)])
def test_a_range_of_months_without_its_month_sign_is_read_as_one(framework, tmp_path, fmt, head, refused):
    # bt10f F2: the column was dropped and every statistic said to have no value ("add a row labelled …": it was there)
    rows = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "2022年", "", ""],
            ["", "", head, "上年同期", "同比增长(%)"], ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    result = ingest([write(fmt, tmp_path, "表_2022年1-6月", {"表1": rows}, {"表1": ["A1:E1", "A2:A3", "B2:B3", "C2:E2"]})],
                    framework.fields)
    sheet = "表_2022年1-6月" if fmt == "csv" else "表1"
    if refused:
        assert [(p.location.cell, p.message) for p in result.errors] == [
            ("C3", f"the column header 「2022年{head}」 names {head}月, but the workbook is for 2022Q2")]
        assert (sheet, "C4") not in observed(result)
    else:
        assert observed(result)[(sheet, "C4")] == ("gdp", 1_209_000.0, "万元", "2022Q2", "current")
        assert not result.errors
