"""One zone per run whatever order a title gives the zone and the period in (issue 11 break test bt11,
fault 5: a neighbour's workbook titled 2023年1-12月漯河经济技术开发区主要经济指标, under a file name naming no
zone, was read into 周口's history)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from scorer.errors import ScorerError
from scorer.read.zones import names_in

_NAMES = ["漯河经济技术开发区", "许昌经开区", "洛阳高新技术产业开发区", "信阳产业集聚区"]
_PERIODS = ["2023年1-12月", "2023年第一季度", "2023年上半年", "2023年1-9月", "2023年"]
_FORMS = ["{period}{name}主要经济指标", "{name}{period}主要经济指标", "{name}主要经济指标（{period}）",
          "{period}{name}科技创新与园区建设指标", "{period} {name} 主要统计指标"]


@pytest.mark.parametrize("form", _FORMS)
@pytest.mark.parametrize("period", _PERIODS)
@pytest.mark.parametrize("name", _NAMES)
def test_a_title_names_its_zone_in_any_order_of_name_and_period(form, period, name):
    assert names_in("报表.xlsx", [form.format(period=period, name=name)]) == [name]


@pytest.mark.parametrize("title", ["2023年1-12月主要经济指标", "2023年1-12月本开发区主要经济指标", "2023年1-12月全市各园区主要指标",
                                   "2023年1-12月科技创新与园区建设指标", "2023年1-12月漯河市主要经济指标（开发区所在市）",
                                   "（示例数据：依据周口经开区规模虚构的示意值）", "指标名称"])
def test_a_title_naming_no_zone_names_none(title):
    assert names_in("报表.xlsx", [title]) == []


def _neighbour(folder, other: str, form: str):
    """The sample's 2022年1-12月 workbook retitled as `other`'s, in `form`, under a file name naming no zone."""
    source = sorted(EXAMPLES.glob("*2022年1-12月.xlsx"))[0]
    book = load_workbook(source)
    for sheet in book.worksheets[:2]:
        title = sheet["A1"].value
        m = re.match(r"^(.*?(?:开发区|经开区))(20\d{2}年[^主科]*)(.*)$", title)
        assert m, title
        sheet["A1"].value = form.format(name=other, period=m[2].strip(), rest=m[3])
    period = re.search(r"20\d{2}年1-\d+月", source.name)[0]
    path = folder / f"{period}主要经济指标.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("form", ["{period}{name}{rest}", "{name}{rest}（{period}）"])
def test_a_neighbour_s_workbook_with_a_neutral_file_name_is_refused_naming_both_zones(tmp_path, framework, form):
    from scorer.read.ingest import ingest

    for path in sorted(EXAMPLES.glob("*.xlsx"))[:4]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    _neighbour(tmp_path, "漯河经济技术开发区", form)
    with pytest.raises(ScorerError) as caught:
        ingest([tmp_path], framework.fields)
    problem = caught.value.problems[0]
    assert problem.code == "zones_mixed"
    assert "漯河经济技术开发区" in problem.message and "周口" in problem.message


def test_a_lone_workbook_titled_period_first_gives_the_report_its_zone(tmp_path, framework):
    from scorer.read.ingest import ingest

    _neighbour(tmp_path, "漯河经济技术开发区", "{period}{name}{rest}")
    assert ingest([tmp_path], framework.fields).zone_name() == "漯河经济技术开发区"


def test_watch_refuses_the_mix_too(tmp_path):
    from scorer.cli.watch import Watcher

    inbox = tmp_path / "in"
    inbox.mkdir()
    for path in sorted(EXAMPLES.glob("*2022年*.xlsx")):
        (inbox / path.name).write_bytes(path.read_bytes())
    _neighbour(inbox, "漯河经济技术开发区", "{period}{name}{rest}")
    watcher = Watcher(inbox, tmp_path / "out")
    watcher.poll()
    watcher.poll()
    assert not list((tmp_path / "out").glob("*.pdf"))
    log = (inbox / "scorer-watch.log").read_text(encoding="utf-8")
    assert "漯河经济技术开发区" in log


# bt16j F1: the mix check read a title's zone as ideographs only, the report's name took any text before the year:
# a zone named with a Latin letter, a digit, brackets, · or / was merged into 周口's history, the report taking its name.
_MIXED_NAMES = ["漯河（港区）经开区", "漯河2号经开区", "Luohe经开区", "漯河·临港经开区", "周口/经开区", "XC经开区"]


@pytest.mark.parametrize("other", _MIXED_NAMES)
def test_a_neighbour_named_with_any_character_is_refused_as_a_second_zone(tmp_path, framework, other):
    from scorer.read.ingest import ingest

    for path in sorted(EXAMPLES.glob("*.xlsx"))[:4]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    _neighbour(tmp_path, other, "{name}{period}{rest}")
    with pytest.raises(ScorerError) as caught:
        ingest([tmp_path], framework.fields)
    problem = caught.value.problems[0]
    assert problem.code == "zones_mixed" and other in problem.message and "周口" in problem.message


@pytest.mark.parametrize("other", _MIXED_NAMES + _NAMES)
def test_the_mix_check_and_the_report_read_one_name_from_a_title(tmp_path, framework, other):
    """Whatever the name, the name the report takes is the one the mix check compares."""
    from scorer.read.ingest import ingest

    _neighbour(tmp_path, other, "{name}{period}{rest}")
    result = ingest([tmp_path], framework.fields)
    title = next(iter(result.titles.values()))
    assert result.zone_name() in names_in("报表.xlsx", title) and result.zone_name() == other


def test_a_title_s_marks_after_the_name_are_the_same_zone(tmp_path, framework):
    """周口经济开发区（“港区”）·№1—〔2022〕2022年… beside 周口经济开发区2022年…: one zone (a title's marks are no new name)."""
    from scorer.read.ingest import ingest

    for path in sorted(EXAMPLES.glob("*.xlsx"))[:4]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    _neighbour(tmp_path, "周口经济开发区（“港区”）·№1—〔2022〕", "{name}{period}{rest}")
    assert ingest([tmp_path], framework.fields).observations


@pytest.mark.parametrize("mark", ["\u202e", "\u202d", "\u2066", "\u2067", "\u200b", "\u200f", "\ufeff"])
def test_a_format_character_in_a_title_never_reaches_the_zone_s_name(tmp_path, framework, mark):
    """bt16j F6: a right-to-left override in a workbook's title reversed the zone's name on the PDF cover
    (周口区开经exe.PDF). The name the report takes has no format character, and is the same zone's."""
    from scorer.read.ingest import ingest

    _neighbour(tmp_path, f"周口{mark}fdp.exe{mark}经济开发区", "{name}{period}{rest}")
    name = ingest([tmp_path], framework.fields).zone_name()
    assert name == "周口fdp.exe经济开发区", ascii(name)
