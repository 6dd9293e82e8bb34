"""Issue 10, point 3 leftover: a day written inside a longer text where a period is looked for (a title
周口经开区2022年6月30日主要经济指标, a sheet or file name) was refused with the generic "cannot tell which period",
while a bare date cell got the specific refusal at its cell. Every text a period is read from now says the day is a
day, not a period, at its place: a day typed as text is never a quarter, whatever the day (a month's last one too)."""

from __future__ import annotations

import pytest

from scorer.read.ingest import ingest
from tests.workbooks import write

TABLE = [["指标名称", "计量单位", "累计", "上年同期", "同比增长"], ["地区生产总值", "亿元", 130, 120, 8.3]]
DAYS = ["2022年6月30日", "2022年7月15日", "2022-07-15", "2022/6/30", "2022年 6 月 1 日"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv"])
@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("place", ["title", "title_after", "bare"])
def test_a_day_in_a_title_or_cell_is_refused_as_a_day_at_its_cell(framework, tmp_path, fmt, day, place):
    if fmt == "csv" and place == "bare" and "/" in day:
        pytest.skip("a CSV's bare 2022/6/30 is the month, as the .xlsx it was saved from holds it (files._csv_date)")
    head = {"title": [[f"周口经开区{day}主要经济指标"]], "title_after": [[f"周口经开区主要经济指标（截至{day}）"]],
            "bare": [["周口经开区主要经济指标"], [day]]}[place]
    [error] = ingest([write(fmt, tmp_path, "日期", {"表": head + TABLE})], framework.fields).errors
    cell = "A2" if place == "bare" else "A1"
    assert (error.location.sheet, error.location.cell) == ("日期" if fmt == "csv" else "表", cell), error.render()
    assert f"is a day, not a period" in error.message and day.replace(" ", "") in error.message.replace(" ", ""), \
        error.message
    assert "不是" in error.message_zh or "日期" in error.message_zh or day in error.message_zh


@pytest.mark.parametrize("day", DAYS[:3])
def test_a_day_in_a_sheet_or_file_name_is_refused_as_a_day_naming_it(framework, tmp_path, day):
    rows = [["周口经开区主要经济指标"]] + TABLE
    safe = day.replace("/", "-")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    [by_sheet] = ingest([write("xlsx", tmp_path / "a", "表", {f"指标{safe}": rows})], framework.fields).errors
    assert by_sheet.location.sheet == f"指标{safe}" and by_sheet.location.cell is None, by_sheet.render()
    assert f"'{safe}' is a day, not a period" in by_sheet.message, by_sheet.message
    [by_file] = ingest([write("xlsx", tmp_path / "b", f"周口经开区{safe}", {"表": rows})], framework.fields).errors
    assert by_file.location.sheet is None and f"'{safe}' is a day, not a period" in by_file.message, by_file.render()


def test_a_title_naming_the_quarter_beside_a_day_is_read_as_the_quarter(framework, tmp_path):
    """The day is refused only where nothing names the period: 2022年1-6月 beside its 填报日期 is 2022Q2."""
    rows = [["周口经开区2022年1-6月主要经济指标（填报日期：2022年7月15日）"]] + TABLE
    result = ingest([write("xlsx", tmp_path, "表", {"表": rows})], framework.fields)
    assert not result.errors and {o.period for o in result.observations} == {"2022Q2", "2021Q2"}
