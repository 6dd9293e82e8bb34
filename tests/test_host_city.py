"""A workbook that is not this zone's is refused though it names no zone (bt11j F3).

A neighbouring zone's office files its generic 主要统计指标_2023年1-3月.xlsx, titled 2023年1-3月主要经济指标, into the
shared folder: no zone is named anywhere, so the one-zone rule (test_zone_titles) cannot see it, and it was scored as
this zone's latest quarter, only its 上年同期 cells warned of one by one as revisions. Two things give it away, and
each is checked here on workbooks the tests build: its host-city table names another city (code host_city_differs),
and its 上年同期 column is unlike last year's workbook on most rows (code prior_year_mismatch).
"""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from scorer.errors import ScorerError
from scorer.read.ingest import ingest
from scorer.read.zones import city_in

Q1_2022 = "周口经开区主要统计指标_2022年1-3月.xlsx"


def _copy(folder, *names):
    for path in sorted(EXAMPLES.glob("*.xlsx")):
        if not names or path.name in names:
            shutil.copy(path, folder / path.name)
    return folder


def _edit(source, target, city=None, title_zone=None, year_up=False, scale=None, rows_scaled=None):
    """A copy of `source` at `target`: its host city renamed to `city`, the zone's name in its titles replaced by
    `title_zone` ("" drops it), its years moved on by one, every number (or the first `rows_scaled` data rows'
    numbers of the first sheet) times `scale`."""
    book = load_workbook(source)
    for n, sheet in enumerate(book.worksheets):
        scaled = 0
        for row in sheet.iter_rows():
            numbers = [c for c in row if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
            if scale and numbers and (rows_scaled is None or (n == 0 and scaled < rows_scaled)):
                for c in numbers:
                    c.value = round(c.value * scale, 2)
                scaled += 1
            for c in row:
                if isinstance(c.value, str):
                    text = c.value
                    if year_up:
                        text = text.replace("2022", "2023").replace("2021", "2022")
                    if title_zone is not None:
                        text = text.replace("周口经济开发区", title_zone)
                    if city:
                        text = text.replace("周口市", city)
                    c.value = text
    book.save(target)
    return target


def _refused(folder, framework):
    with pytest.raises(ScorerError) as caught:
        from scorer.read.ingest import read
        read([folder], framework)
    return caught.value.problems


@pytest.mark.parametrize("text, city", [
    ("周口市2022年1-3月主要经济指标（开发区所在市）", "周口市"), ("漯河市2023年1-3月主要经济指标（开发区所在市）", "漯河市"),
    ("河南省周口市2022年1-6月主要经济指标", "周口市"), ("2022年1-6月驻马店市主要经济指标", "驻马店市"),
    ("所在市2022年1-3月主要经济指标", None), ("周口经济开发区2022年1-3月主要经济指标", None), ("河南省2022年主要经济指标", None),
    ("全国2022年主要经济指标", None), ("指标名称", None)])
def test_a_city_table_s_title_gives_its_city(text, city):
    assert city_in(text) == city


def test_a_neighbour_s_unnamed_workbook_with_another_host_city_is_refused_at_its_city_table(tmp_path, framework):
    folder = _copy(tmp_path)
    odd = _edit(folder / Q1_2022, folder / "主要统计指标_2023年1-3月.xlsx", city="漯河市", title_zone="", year_up=True)
    problems = _refused(folder, framework)
    found = [p for p in problems if p.code == "host_city_differs"]
    assert [(str(p.location.file), p.location.sheet, p.location.cell) for p in found] == [(str(odd), "所在市", "A1")]
    assert "漯河市" in found[0].message and "周口市" in found[0].message
    assert "漯河市" in found[0].message_zh and "所在市" in found[0].message_zh


def test_one_of_the_zone_s_own_workbooks_naming_another_host_city_is_refused_even_alone_among_its_year(tmp_path, framework):
    folder = _copy(tmp_path)
    odd = _edit(folder / Q1_2022, folder / Q1_2022, city="漯河市")
    found = [p for p in _refused(folder, framework) if p.code == "host_city_differs"]
    assert [str(p.location.file) for p in found] == [str(odd)]


def test_two_workbooks_two_cities_names_both(tmp_path, framework):
    folder = _copy(tmp_path, Q1_2022, "周口经开区主要统计指标_2022年1-6月.xlsx")
    _edit(folder / Q1_2022, folder / Q1_2022, city="漯河市")
    found = [p for p in _refused(folder, framework) if p.code == "host_city_differs"]
    assert len(found) == 2 and {c for p in found for c in ("周口市", "漯河市") if c in p.message} == {"周口市", "漯河市"}


def test_the_city_written_with_its_province_is_the_same_city(tmp_path, framework):
    folder = _copy(tmp_path)
    _edit(folder / Q1_2022, folder / Q1_2022, city="河南省周口市")
    assert not [p for p in ingest([folder], framework.fields).problems if p.code == "host_city_differs"]


def _next_year(source, target, scale=1.0, revised=0, title_zone=None):
    """`source`'s quarter a year on, as its office would write it: 本期 its figures × 1.1, 上年同期 its figures (the
    first `revised` of them × 1.05, last year's figure revised), 同比 10; all × `scale` (another zone's size)."""
    _edit(source, target, title_zone=title_zone, year_up=True)
    book = load_workbook(target)
    for sheet in book.worksheets:
        rows = [list(r) for r in sheet.iter_rows()]
        head = next((r for r in rows if any(c.value == "上年同期" for c in r)), None)
        if head is None:
            continue
        j = next(c.column - 1 for c in head if c.value == "上年同期")  # 本期 before it, 同比 after it
        for row in rows[rows.index(head) + 1:]:
            now = row[j - 1].value if len(row) > j else None
            if isinstance(now, str) and now.replace(",", "").replace(".", "", 1).isdigit():
                now = float(now.replace(",", ""))  # the sample writes one figure as text: 31,460.37
            if not isinstance(now, (int, float)) or isinstance(now, bool):
                continue
            now *= scale
            row[j - 1].value, row[j].value = round(now * 1.1, 2), round(now * (1.05 if revised > 0 else 1), 2)
            revised -= 1
            if len(row) > j + 1 and isinstance(row[j + 1].value, (int, float)):
                row[j + 1].value = 10.0
    book.save(target)
    return target


def test_a_neighbour_s_workbook_with_no_city_table_is_refused_by_its_prior_year_column(tmp_path, framework):
    """No city named, no zone named: its 上年同期 column, unlike the 2022年1-3月 workbook on most rows, gives it away."""
    folder = _copy(tmp_path)
    odd = _next_year(folder / Q1_2022, folder / "主要统计指标_2023年1-3月.xlsx", scale=1.37, title_zone="")
    found = [p for p in _refused(folder, framework) if p.code == "prior_year_mismatch"]
    assert [str(p.location.file) for p in found] == [str(odd)]
    assert Q1_2022 in found[0].message and "上年同期" in found[0].message_zh
    # one cause, one message: its rows are not each said again as a revision of last year's figure
    result = ingest([folder], framework.fields)
    assert not [p for p in result.problems if p.code == "prior_year_differs" and str(p.location.file) == str(odd)]


@pytest.mark.parametrize("revised", [0, 2])
def test_a_few_revised_figures_of_last_year_are_revisions_not_another_zone(tmp_path, framework, revised):
    """The zone's own next year, with none or two of last year's figures revised: warned at each, nothing refused."""
    folder = _copy(tmp_path)
    _next_year(folder / Q1_2022, folder / "周口经开区主要统计指标_2023年1-3月.xlsx", revised=revised)
    result = ingest([folder], framework.fields)
    codes = [p.code for p in result.problems]
    assert "prior_year_mismatch" not in codes and "host_city_differs" not in codes
    assert codes.count("prior_year_differs") == revised
