"""A doubt computed from several figures names every cell involved, and blames the right one first when the zone's
history tells (issue 11, point 6 of the review: the first cell of a multi-figure doubt was the formula's first
input, not necessarily the wrong one). Every cell is in the problem (`also`), its terminal line, the report's
data-quality list and the workbook's .error.txt."""

from __future__ import annotations

from dataclasses import replace

from scorer.report.quality import quality_view
from scorer.score.doubt import cells_read, find_doubts, published_in


def _doubt(framework, run, panel, indicator, value):
    period = run.result.period
    values = run.result.values.copy()
    values.at[period, indicator] = value
    return find_doubts(framework, values, [], None, published_in(panel), panel).causes[(period, indicator)]


def test_every_cell_of_a_multi_figure_doubt_is_named(framework, sample_run):
    panel = sample_run.panel
    ind = framework.indicators["solid_waste_utilization"]
    cells = cells_read(framework, panel, ind, sample_run.result.period, published_in(panel))
    assert len(cells) >= 2
    cause = _doubt(framework, sample_run, panel, ind.id, 109.0)
    named = {(x.file, x.sheet, x.cell) for x in cause.rests_on()}
    assert named == {(o.file, o.sheet, o.cell) for o in cells}
    # the terminal line, the report's list and box show every cell, not the first alone
    line = cause.render("zh").splitlines()[0]
    assert all(o.cell in line for o in cells), line
    view = quality_view([replace(cause, severity="doubtful")], {ind.id: ind.name_zh}, "zh")
    assert all(o.cell in view["rows"][0]["place"] and o.cell in view["box"]["items"][0]["place"] for o in cells)


def test_the_figure_that_jumped_against_its_own_history_is_blamed_first(framework, sample_run):
    """一般工业固体废物产生量 (the whole) typed a tenth of last year's while the utilised amount held: the share over
    100 % is the whole's slip, and its cell is the problem's place; the part's cell is still named."""
    panel, period = sample_run.panel, sample_run.result.period
    ind = framework.indicators["solid_waste_utilization"]
    cells = cells_read(framework, panel, ind, period, published_in(panel))
    whole = next(o for o in cells if o.field == "solid_waste_generated" and o.period == period)
    part = next(o for o in cells if o.field == "solid_waste_utilized" and o.period == period)
    levels = panel.levels.copy()
    levels.at[period, "solid_waste_generated"] /= 10
    slipped = replace(panel, levels=levels)
    cause = _doubt(framework, sample_run, slipped, ind.id, 880.0)
    assert (cause.location.sheet, cause.location.cell) == (whole.sheet, whole.cell)
    assert (part.sheet, part.cell) in {(x.sheet, x.cell) for x in cause.also}
    # the part jumped instead: the part is blamed
    levels = panel.levels.copy()
    levels.at[period, "solid_waste_utilized"] *= 10
    cause = _doubt(framework, sample_run, replace(panel, levels=levels), ind.id, 880.0)
    assert (cause.location.sheet, cause.location.cell) == (part.sheet, part.cell)
    # nothing moved (both figures as a year before, give or take): the first cell, every other one in also
    cause = _doubt(framework, sample_run, panel, ind.id, 109.0)
    assert (cause.location.cell, cause.location.sheet) == (cells[0].cell, cells[0].sheet)


def test_the_terminal_and_the_workbooks_error_file_name_every_cell(framework, sample_run, tmp_path, in_chinese):
    """From the CLI: 一般工业固体废物综合利用率 109 % (the utilised amount typed too large) — the warning's place names
    both cells, and watch's .error.txt of the workbook lists the problem."""
    import re

    from tests.conftest import run_cli
    from tests.test_quality import filled_template, watch_once

    def edit(fid, now, before):
        return (now * 1.09 * 100 / 88.03, before * 1.09 * 100 / 88.03) if fid == "solid_waste_utilized" else (now, before)

    book = filled_template(framework, sample_run, tmp_path / "in" / "周口经济开发区_2023年1-3月.xlsx", edit) \
        if (tmp_path / "in").mkdir() is None else None
    done = run_cli("score", book.parent, "--lang", "zh")
    line = next(x for x in done.stderr.splitlines() if "一般工业固体废物综合利用率" in x and "存疑" in x)
    assert len(set(re.findall(r"单元格 (C\d+)", line.split("：")[0]))) >= 2, line
    watch_once(book.parent, tmp_path / "out")
    from scorer.cli.watch import error_file

    text = error_file(book).read_text(encoding="utf-8")
    assert "一般工业固体废物综合利用率" in text


def test_the_box_names_the_cell_to_check_and_what_it_was_compared_with():
    """bt11k F3: a slip measured against the zone's history named both workbooks' cells alike ("2023.xlsx › 表 › C7 +
    2022.xlsx › 表 › C7"): the box names the cell to check, its own workbook's other cells with it, and the other
    workbooks' cells as what it was compared with. The full list at the end keeps every cell as before."""
    from scorer.errors import Location, Problem

    now = Location(file="/in/周口_2023年1-3月.xlsx", sheet="主要经济指标", cell="C7")
    beside = Location(file="/in/周口_2023年1-3月.xlsx", sheet="主要经济指标", cell="C9")
    before = Location(file="/in/周口_2022年1-3月.xlsx", sheet="主要经济指标", cell="C7")
    p = Problem("trade slipped", now, severity="doubtful", code="unit_slip", field_id="trade_total",
                indicator="trade_amount", also=(beside, before))
    for lang, compared in (("zh", "（对照：周口_2022年1-3月.xlsx › 主要经济指标 › C7）"),
                           ("en", " (compared with 周口_2022年1-3月.xlsx › 主要经济指标 › C7)")):
        view = quality_view([p], {"trade_amount": "进出口总额"}, lang)
        (item,) = view["box"]["items"]
        assert item["place"] == "周口_2023年1-3月.xlsx › 主要经济指标 › C7 + C9" + compared, item["place"]
        assert view["box"]["brief_items"][0]["place"] == item["place"]
        assert all(c in view["rows"][0]["place"] for c in ("C7", "C9", "周口_2022年1-3月.xlsx"))
    alone = quality_view([replace(p, also=(beside,))], {"trade_amount": "进出口总额"}, "zh")
    assert alone["box"]["items"][0]["place"] == "周口_2023年1-3月.xlsx › 主要经济指标 › C7 + C9"
