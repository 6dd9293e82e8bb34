"""Opening workbook files: the cell facts python-calamine drops come from the file (xlrd for .xls), in every format read."""

from __future__ import annotations

import olefile
import pytest

from scorer.read.ingest import ingest
from tests.workbooks import ErrorValue, Percent, write_xls

TITLE = "周口经济开发区2022年1-6月主要经济指标"
HEADER = ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]


def test_an_error_cell_in_a_small_xls_whose_workbook_lives_in_the_mini_stream(framework, tmp_path):
    rows = [[TITLE], HEADER, ["地区生产总值", "亿元", ErrorValue("#DIV/0!"), 112.71, Percent(0.073)],
            ["税收收入", "万元", 76_200, 71_800, ErrorValue("#N/A")]]
    path = write_xls(tmp_path / "小表_2022年1-6月.xls", {"表1": rows}, small=True)
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.get_size("Workbook") < ole.minisectorcutoff == 4096  # the case the old reader never met
    result = ingest([path], framework.fields)
    errors = sorted((p.location.sheet, p.location.cell, p.message) for p in result.errors)
    assert errors == [("表1", "C3", "「地区生产总值」: Excel error value #DIV/0!"),
                      ("表1", "E4", "「税收收入」: Excel error value #N/A")]
    got = {(o.cell, o.column): o.value for o in result.observations}
    assert got[("D3", "prior")] == 1_127_100  # 亿元 → 万元
    assert got[("E3", "growth")] == pytest.approx(7.3)  # 0.073 shown as 7.3%: a percent format read by xlrd
    assert got[("C4", "current")] == 76_200 and got[("D4", "prior")] == 71_800


@pytest.mark.parametrize("small", [False, True], ids=["big_stream", "mini_stream"])
def test_a_percent_formatted_growth_in_an_xls_is_in_percent(framework, tmp_path, small):
    rows = [[TITLE], HEADER, ["地区生产总值", "亿元", 120.9, 112.71, Percent(0.073)],
            ["税收收入", "万元", 76_200, 71_800, 6.1]]
    path = write_xls(tmp_path / "增速_2022年1-6月.xls", {"表1": rows}, small=small)
    result = ingest([path], framework.fields)
    assert result.problems == []
    growth = {o.cell: o.value for o in result.observations if o.basis == "growth"}
    assert growth == {"E3": pytest.approx(7.3), "E4": 6.1}  # a plain 6.1 stays 6.1
