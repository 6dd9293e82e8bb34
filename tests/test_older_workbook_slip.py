"""bt11i F1 (issue 11 point 1, "named with the cell to check"): a digit dropped or added in an OLDER workbook (last
year's, or last quarter's) made this quarter's correct figure doubtful: the jump check held the current figure against
the older cell and blamed the current one, though the current workbook's own 上年同期 cell and the older workbook's own
上年同期 both showed the older cell to be the slip. The current figure was left out of the score, two rank conditions
went to 不予判定, and page 2 sent the analyst to the one cell that was right.

Built in tmp_path from the bundled examples, for every field with a history check (fields.yaml `max_jump`): the older
workbook's cell ×10 and ÷10 (a digit added / dropped), in the year-before and in the quarter-before workbook; and the
current cell slipped (its own 上年同期 agreeing with the old workbook), which must still be caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from scorer import units
from scorer.read.checks import check_observations
from scorer.read.ingest import read_workbook
from scorer.read.plausibility import DOUBT_CODES, GROWTH_DOUBT_CODES
from tests.conftest import EXAMPLES, run_cli

YEAR_BEFORE = "周口经开区主要统计指标_2021年1-12月.xlsx"
QUARTER_BEFORE = "周口经开区主要统计指标_2022年1-9月.xlsx"
CURRENT = "周口经开区主要统计指标_2022年1-12月.xlsx"
LEVEL_DOUBTS = DOUBT_CODES - GROWTH_DOUBT_CODES


@pytest.fixture(scope="module")
def clean(tmp_path_factory, framework):
    """The bundled workbooks copied once, and each one's observations as read."""
    src = tmp_path_factory.mktemp("clean")
    for f in EXAMPLES.glob("*.xlsx"):
        shutil.copy(f, src)
    return src, {f.name: read_workbook(f, framework.fields).observations for f in sorted(src.glob("*.xlsx"))}


def _cell(observations, fid):
    return next((o for o in observations if o.field == fid and o.column == "current" and o.basis != "growth"), None)


def _slipped(value: float, factor: float, unit: str) -> float | None:
    """A digit added (×10) or dropped (÷10); a count keeps whole units, and one under 10 has no digit to drop."""
    if factor > 1:
        return value * 10
    if units.things_per_unit(unit) == 1:
        return value // 10 if value >= 10 else None
    return value / 10


def _problems(tmp_path, framework, clean, book, fid, factor):
    """The problems of the run whose `book` has field `fid`'s own cell slipped by `factor`; (problems, the cell) or
    None when the sample has no such cell."""
    src, read = clean
    o = _cell(read[book], fid)
    if o is None or not o.value or (new := _slipped(o.value, factor, o.unit)) is None:
        return None
    path = tmp_path / f"{fid}-{factor}" / book
    path.parent.mkdir()
    wb = openpyxl.load_workbook(src / book)
    wb[o.sheet][o.cell].value = new
    wb.save(path)
    observations = [x for name, obs in read.items() if name != book for x in obs]
    observations += read_workbook(path, framework.fields).observations
    return check_observations(observations, framework.fields), o


def _history_fields(framework, clean):
    _, read = clean
    return [fid for fid, f in framework.fields.items() if f.max_jump is not None and _cell(read[CURRENT], fid)]


def _at(p, book, o):
    return p.location is not None and Path(str(p.location.file)).name == book and p.location.cell == o.cell \
        and p.location.sheet == o.sheet


@pytest.mark.parametrize("book", [YEAR_BEFORE, QUARTER_BEFORE])
@pytest.mark.parametrize("factor", [10, 0.1])
def test_a_slip_in_an_older_workbook_is_blamed_there_not_on_the_current_figure(tmp_path, framework, clean, book,
                                                                                factor):
    fields = _history_fields(framework, clean)
    assert len(fields) >= 15, fields
    blamed_current, unnamed, tried = [], [], 0
    for fid in fields:
        got = _problems(tmp_path, framework, clean, book, fid, factor)
        if got is None:
            continue
        problems, old = got
        tried += 1
        # nothing sends the analyst to the current cell (a cumulative figure below the slipped Q3 one is told at Q3's)
        if any(p.code in LEVEL_DOUBTS | {"cumulative_falls"} and p.field_id == fid and p.period == "2022Q4"
               for p in problems):
            blamed_current.append((fid, [p.message for p in problems if p.field_id == fid and p.period == "2022Q4"]))
        # the older cell is the one named as doubtful, in its own quarter
        if not any(p.code in DOUBT_CODES and p.field_id == fid and p.period == old.period and _at(p, book, old)
                   for p in problems):
            unnamed.append(fid)
    assert tried >= 10
    assert not blamed_current, blamed_current
    assert not unnamed, unnamed


@pytest.mark.parametrize("factor", [10, 0.1])
def test_a_slipped_current_figure_whose_own_prior_year_cell_agrees_with_the_old_workbook_is_still_caught(
        tmp_path, framework, clean, factor):
    missed, tried = [], 0
    for fid in _history_fields(framework, clean):
        f = framework.fields[fid]
        if factor < 1 and f.max_jump >= 10:
            continue  # ÷10 with a year's growth stays inside ×10 (such a field is held by its ratios instead)
        got = _problems(tmp_path, framework, clean, CURRENT, fid, factor)
        if got is None:
            continue
        problems, cur = got
        tried += 1
        if not any(p.code in LEVEL_DOUBTS and p.field_id == fid and p.period == "2022Q4" and _at(p, CURRENT, cur)
                   for p in problems):
            missed.append(fid)
    assert tried >= 10
    assert not missed, missed


def _score(folder):
    result = run_cli("score", folder, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("book, sheet_label, field, indicator, factor", [
    (YEAR_BEFORE, "城镇新增就业人数", "new_urban_jobs", "new_urban_jobs", 0.1),  # bt11i T: 432 for 4 320
    (QUARTER_BEFORE, "高新技术企业数", "hightech_enterprises", "hightech_enterprises", 10),  # bt11i X3: 900 for 90
])
def test_end_to_end_the_current_figure_is_scored_and_the_verdict_keeps_its_conditions(
        tmp_path, framework, clean, book, sheet_label, field, indicator, factor):
    src, read = clean
    for f in src.glob("*.xlsx"):
        shutil.copy(f, tmp_path)
    o = _cell(read[book], field)
    assert sheet_label in o.label
    wb = openpyxl.load_workbook(tmp_path / book)
    wb[o.sheet][o.cell].value = _slipped(o.value, factor, o.unit)
    wb.save(tmp_path / book)
    baseline, slipped = _score(src), _score(tmp_path)
    ind = {i["id"]: i for i in slipped["indicators"]}[indicator]
    assert not ind["doubtful"] and ind["score"] is not None, ind
    assert ind["score"] == {i["id"]: i for i in baseline["indicators"]}[indicator]["score"]
    named = [p for p in slipped["problems"] if p.get("cell") == o.cell and p.get("sheet") == o.sheet
             and Path(p.get("file") or "").name == book and p["code"] in DOUBT_CODES]
    assert named, [(p["code"], p.get("file"), p.get("cell")) for p in slipped["problems"]]
    current_cells = [p for p in slipped["problems"] if Path(p.get("file") or "").name == CURRENT
                     and p.get("field") == field and p["code"] in DOUBT_CODES]
    assert not current_cells, current_cells
    assert indicator not in slipped["verdict"]["doubtful_indicators"]
    assert [(r["id"], r["passed"]) for r in slipped["verdict"]["rules"]] == \
        [(r["id"], r["passed"]) for r in baseline["verdict"]["rules"]]
    assert slipped["overall"]["score"] == pytest.approx(baseline["overall"]["score"])
    # the current workbook's 上年同期 cell that disagrees with the older one sends the analyst to the older cell
    differs = [p for p in slipped["problems"] if p["code"] == "prior_year_differs" and p.get("field") == field]
    assert differs or book != YEAR_BEFORE  # last year's cell against this year's 上年同期 cell
    for p in differs:
        assert f"{book} › {o.sheet} › {o.cell}" in p["hint_zh"] and "请先核对" in p["hint_zh"], p
        assert f"{book} › {o.sheet} › {o.cell}" in p["hint_en"] and "check" in p["hint_en"], p


def test_a_whole_row_slipped_in_the_current_workbook_is_still_blamed_on_it(tmp_path, framework, clean):
    """本期 and 上年同期 both a digit too many in this quarter's workbook: its own 上年同期 cell vouches for the slipped
    figure, but last year's workbook is consistent with its own figures, so the current figure stays doubtful."""
    src, read = clean
    missed, tried = [], 0
    for fid in _history_fields(framework, clean):
        cur = _cell(read[CURRENT], fid)
        prior = next((o for o in read[CURRENT] if o.field == fid and o.column == "prior" and o.basis != "growth"), None)
        if prior is None or not cur.value or not prior.value:
            continue
        path = tmp_path / fid / CURRENT
        path.parent.mkdir()
        wb = openpyxl.load_workbook(src / CURRENT)
        wb[cur.sheet][cur.cell].value = cur.value * 10
        wb[prior.sheet][prior.cell].value = prior.value * 10
        wb.save(path)
        observations = [x for name, obs in read.items() if name != CURRENT for x in obs]
        problems = check_observations(observations + read_workbook(path, framework.fields).observations,
                                      framework.fields)
        tried += 1
        if not any(p.code in LEVEL_DOUBTS and p.field_id == fid and p.period == "2022Q4" for p in problems):
            missed.append(fid)
    assert tried >= 10
    assert not missed, missed
