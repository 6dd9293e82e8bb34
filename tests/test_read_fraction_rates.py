"""A 同比 column typed as fractions (0.073 for 7.3%) in cells with no percent format, in a table with no
上年同期 column and no prior year's workbook: nothing could check the rates against levels, and they were
scored as 0.073% (a break tester's score 66.0 instead of 68.8, no problem listed). Every workbook is built here."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import sheet, write

RATES = {"地区生产总值": (120.9, "亿元", 7.3), "税收收入": (7.62, "亿元", 7.6), "进出口总额": (22.87, "亿元", 8.9),
         "规上工业营业收入": (282.89, "亿元", 8.9), "固定资产投资": (91.03, "亿元", 11.8)}


def _table(fmt, folder, scale: float, labels=tuple(RATES), prior: bool = False):
    head = ["指标名称", "计量单位", "1-6月累计", *(["上年同期"] if prior else []), "同比增长"]
    rows = [["周口经济开发区2022年1-6月主要经济指标"], head]
    for label in labels:
        now, unit, rate = RATES[label]
        rows.append([label, unit, now, *([round(now / (1 + rate * scale / 100), 4)] if prior else []), rate * scale])
    return write(fmt, folder, f"表_{scale}_{prior}", {"表1": rows})


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
def test_a_growth_column_of_fractions_with_no_levels_to_check_is_refused_at_the_column(framework, tmp_path, fmt):
    path = _table(fmt, tmp_path, 0.01)
    result = ingest([path], framework.fields)
    assert [(p.severity, p.location.sheet, p.location.cell) for p in result.errors] == [("error", sheet(path, "表1"), "D3")]
    assert "the 同比 column D3:D7 gives every rate within ±1% (0.073 … 0.118 for 5 statistics" in result.errors[0].message
    assert "以小数录入的百分比" in result.errors[0].message_zh
    done = run_cli("score", path)
    assert done.returncode != 0 and "Traceback" not in done.stderr and "D3:D7" in done.stderr


def test_the_same_rates_in_percent_are_read(framework, tmp_path):
    result = ingest([_table("xlsx", tmp_path, 1.0)], framework.fields)
    assert result.errors == []
    assert sorted(o.value for o in result.observations if o.basis == "growth") == [7.3, 7.6, 8.9, 8.9, 11.8]


def test_small_rates_the_levels_confirm_are_read(framework, tmp_path):
    # every statistic grew by less than 1%, and the 上年同期 column says so: true rates, not fractions
    result = ingest([_table("xlsx", tmp_path, 0.05, prior=True)], framework.fields)
    assert result.errors == []
    assert sorted(round(o.value, 6) for o in result.observations if o.basis == "growth") == [0.365, 0.38, 0.445, 0.445, 0.59]


def test_three_small_rates_are_not_taken_for_a_column_of_fractions(framework, tmp_path):
    result = ingest([_table("xlsx", tmp_path, 0.01, labels=tuple(RATES)[:3])], framework.fields)
    assert [p for p in result.errors if "同比 column" in p.message] == []
