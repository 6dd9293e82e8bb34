"""bt10f F7: the messages about stray files in a folder. (a) Under --strict each stray file's error still said the other
workbooks are read without it, though the run was refused; (b) a national monthly series (months across, 进出口总额_当期值
… down) was also told to put its dates down the first column, which would make the country's figures the zone's; (c) a
GBK CSV read right was told a CSV must be UTF-8 or GB18030. Every file is built here."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import full_tables, write_csv, write_xlsx

MONTHS = [f"2022年{m}月" for m in range(12, 0, -1)]
NATIONAL = [["数据库：月度数据"], ["时间：最近12个月"], ["指标", *MONTHS],
            ["进出口总额_当期值(千美元)", *[528_471_833.0 - i for i in range(12)]],
            ["进出口总额_累计值(千美元)", *[6_000_000_000.0 - i for i in range(12)]],
            ["数据来源：国家统计局"]]
PROVINCES = [["数据库：分省月度数据"], ["指标：规模以上工业增加值增速_累计增长(%)"], ["地区", *MONTHS],
             ["北京市", *[0.2 + i for i in range(12)]], ["天津市", *[7.0 - i for i in range(12)]],
             ["河北省", *[5.5 for _ in range(12)]]]


@pytest.fixture
def folder(framework, tmp_path):
    sheets, merges = full_tables(framework.fields)
    write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    write_xlsx(tmp_path / "国家数据_月度.xlsx", {"月度数据": NATIONAL})
    write_csv(tmp_path / "分省月度数据.csv", PROVINCES, encoding="gbk")
    return tmp_path


def test_stray_series_in_a_folder_are_warnings_with_no_advice_to_make_them_the_zones(framework, folder):
    result = ingest([folder], framework.fields)
    stray = {p.location.file.name if hasattr(p.location.file, "name") else str(p.location.file).rsplit("/", 1)[-1]: p
             for p in result.problems if p.code == "not_a_zone_table"}
    assert set(stray) == {"国家数据_月度.xlsx", "分省月度数据.csv"}
    assert all(p.severity == "warning" and p.message.endswith("the other workbooks are read without it")
               for p in stray.values())
    assert "looks like a time series" in stray["国家数据_月度.xlsx"].message
    assert not [p for p in result.problems if "no column of dates" in p.message]  # (b)
    csv = stray["分省月度数据.csv"]
    assert "(the CSV was read as GB18030 text)" in csv.message
    assert "must be UTF-8 or GB18030" not in csv.hint  # (c): it was read as such, and understood


def test_under_strict_the_refusal_does_not_say_the_other_workbooks_are_read(folder):
    for lang, words in (("en", "the other workbooks are read without it"), ("zh", "其余报表照常读取")):
        done = run_cli("ingest", folder, "--strict", "--lang", lang)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "国家数据_月度.xlsx" in done.stderr and words not in done.stderr  # (a)
    plain = run_cli("ingest", folder, "--lang", "zh")
    assert "其余报表照常读取" in plain.stderr


@pytest.mark.parametrize("meta", [[["频率", "月", "月", "月"], ["单位", "%", "%", "%"]],
                                  [["单位", "%", "%", "%"], ["来源", "国家统计局", "国家统计局", "国家统计局"]],
                                  []])
def test_a_database_exports_indicators_are_named_from_its_name_row_not_its_unit_row(framework, tmp_path, meta):
    # bt10f F6: a Wind export (指标名称 / 频率 / 单位 rows, dates down A) was said to hold the indicators 「%」、「%」、「%」
    import datetime as dt

    rows = [["指标名称", "CPI:当月同比", "PPI:全部工业品:当月同比", "社会消费品零售总额:当月同比"], *meta,
            *[[dt.date(2022, m, 28), 1.5, 8.8, -5.3] for m in range(12, 8, -1)]]
    result = ingest([write_xlsx(tmp_path / "wind.xlsx", {"Sheet1": rows})], framework.fields)
    error = next(p for p in result.errors if p.code == "not_a_zone_table")
    assert "(「CPI:当月同比」、「PPI:全部工业品:当月同比」、「社会消费品零售总额:当月同比」 …)" in error.message
