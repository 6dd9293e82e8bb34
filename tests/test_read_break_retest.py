"""Faults a break tester still found in the reader after issue 10's first fixes, each fixed by its kind: a
column of row numbers (序号) beside a table, a bare month under a year band, a county's or a district's
table, a refusal that hid the hidden sheets, a sheet's shape said only in English, and the exchange rate
carried to the score and the report. Every workbook is built here.
"""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import HEADER, MERGES, full_tables, places, write, write_xlsx

TITLE = "周口经济开发区2022年1-6月主要经济指标"


# ------------------------------------------------------------ a county's or a district's table
def region_table(folder, title: str, stem: str = "表", labels=("地区生产总值", "税收收入")):
    rows = [[title], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"]]
    rows += [[label, "亿元", 600.0, 580.0, 3.4] for label in labels]
    return write_xlsx(folder / f"{stem}.xlsx", {"表1": rows})


@pytest.mark.parametrize("title,region", [("川汇区2022年1-6月主要经济指标", "川汇区"), ("项城市2022年1-6月主要经济指标", "项城市"),
                                          ("沈丘县主要经济指标（2022年1-6月）", "沈丘县"), ("叶县2022年上半年主要经济指标", "叶县"),
                                          ("周口市川汇区2022年1-6月主要经济指标", "周口市川汇区"),
                                          ("2022年1-6月淮阳区主要经济指标", "淮阳区"), ("2022年上半年郸城县主要经济指标", "郸城县")])
def test_a_county_or_district_table_is_refused_as_a_regions_at_its_title(framework, tmp_path, title, region):
    result = ingest([region_table(tmp_path, title)], framework.fields)
    assert [(p.severity, p.code, p.location.sheet, p.location.cell) for p in result.problems] == [
        ("error", "not_a_zone_table", "表1", "A1")]
    assert f"「{title}」 names {region}, a region rather than a development zone" in result.problems[0].message
    assert f"写的是{region}" in result.problems[0].message_zh and result.observations == []


@pytest.mark.parametrize("stem,region", [("项城市主要统计指标_2022年1-6月", "项城市"), ("郸城县_2022年1-6月", "郸城县")])
def test_a_county_named_only_in_the_file_name_is_refused_at_the_file(framework, tmp_path, stem, region):
    result = ingest([region_table(tmp_path, "2022年1-6月主要经济指标", stem)], framework.fields)
    assert [(p.severity, p.code, p.location.sheet) for p in result.problems] == [("error", "not_a_zone_table", None)]
    assert f"the file name names {region}" in result.problems[0].message


@pytest.mark.parametrize("title", ["周口经济技术开发区2022年1-6月主要经济指标", "鹿邑县产业集聚区2022年1-6月主要经济指标",
                                   "郑州航空港经济综合实验区2022年1-6月主要经济指标", "项城市高新区2022年1-6月主要经济指标",
                                   "川汇区经开区2022年1-6月主要经济指标"])
def test_a_zone_whose_name_ends_in_an_administrative_suffix_is_read(framework, tmp_path, title):
    result = ingest([region_table(tmp_path, title)], framework.fields)
    assert result.problems == [] and len(result.observations) == 6


def test_the_host_citys_sheet_named_所在市_is_no_region(framework, tmp_path):
    rows = [["所在市"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"], ["全市地区生产总值", "亿元", 1749.0, 1700.0, 2.9]]
    result = ingest([write_xlsx(tmp_path / "市表_2022年1-6月.xlsx", {"所在市": rows})], framework.fields)
    assert result.problems == [] and {o.field for o in result.observations} == {"city_gdp"}


# ------------------------------------------------------------ every data sheet hidden
@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_workbook_whose_data_sheets_are_all_hidden_says_how_to_read_them(framework, tmp_path, fmt):
    table = [[TITLE], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]
    path = write(fmt, tmp_path, "隐藏全部_2022年1-6月", {"封面": [["周口经济开发区统计报表"], ["报送日期：2022年7月"]],
                                                     "主要指标": table, "园区": table},
                 {"主要指标": MERGES, "园区": MERGES}, hidden={"主要指标": "hidden", "园区": "veryhidden"})
    result = ingest([path], framework.fields)
    [error] = result.errors
    assert error.message.startswith("no statistic of the framework was found in this workbook")
    assert error.message.endswith("; the hidden sheets 「主要指标」、「园区」 hold statistics of the framework and were not read")
    assert "--hidden-sheets" in error.hint and "--hidden-sheets" in error.hint_zh
    assert "隐藏的工作表「主要指标」、「园区」" in error.message_zh
    done = run_cli("ingest", path)
    assert done.returncode == 1 and "--hidden-sheets" in done.stderr and "Traceback" not in done.stderr
    read = run_cli("ingest", path, "--hidden-sheets", "--json")
    assert read.returncode == 0, read.stderr


# ------------------------------------------------------------ what a stray sheet looks like, in Chinese
def test_what_a_time_series_or_an_export_looks_like_is_said_in_chinese_too(framework, tmp_path):
    series = [["数据库：分省月度数据"], ["指标：地区生产总值(亿元)"], ["地区", "2023年6月", "2023年5月", "2023年4月"],
              ["北京市", 100.0, 90.0, 80.0], ["河南省", 50.0, 45.0, 40.0]]
    export = [["日期", "钢材产量_累计值(万吨)", "水泥产量_累计值(万吨)"], ["2023-06", 1.0, 2.0], ["2023-05", 1.0, 2.0],
              ["2023-04", 1.0, 2.0]]
    for rows, zh in [(series, "工作表「sheet1」像是地区生产总值(亿元)的时间序列：第 3 行横列期间（2023年6月 … 2023年4月），"
                              "「北京市」、「河南省」 … 纵列各行"),
                     (export, "工作表「sheet1」像是数据库导出表：A 列纵列日期（2023-06 … 2023-04），"
                              "各列为指标（「钢材产量_累计值(万吨)」、「水泥产量_累计值(万吨)」 …）")]:
        result = ingest([write_xlsx(tmp_path / "序列.xlsx", {"sheet1": rows})], framework.fields)
        [problem] = result.problems
        assert zh in problem.message_zh, problem.message_zh
        assert "looks like" not in problem.message_zh and "down the rows" not in problem.message_zh
        done = run_cli("ingest", tmp_path / "序列.xlsx", "--lang", "zh")
        assert done.returncode == 1 and zh in done.stderr
