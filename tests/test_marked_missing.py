"""A statistic whose row is there with the missing mark the template asks for (—) is said to be marked as not
available, at its cell, not told to 'add a row labelled …' (bt15 F12: a filled template with C5 = — was told to add
the row it has). The workbooks are made here."""

from __future__ import annotations

import pytest

from scorer.read.checks import required_fields
from scorer.read.ingest import ingest
from tests.workbooks import cell_of, full_tables, write_xlsx


@pytest.mark.parametrize("mark", ["—", "——", "无", " - "])
def test_a_row_marked_missing_is_told_so_at_its_cell(framework, tmp_path, mark):
    sheets, merges = full_tables(framework.fields, overrides={"fdi_actual": {"current": mark}})
    book = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    result = ingest([book], framework.fields, required_fields(framework))
    said = [p for p in result.problems if p.field_id == "fdi_actual" and p.code == "missing_field"]
    assert len(said) == 1, [p.render("en") for p in result.problems]
    problem = said[0]
    assert (problem.location.sheet, problem.location.cell) == cell_of(framework.fields, "fdi_actual", "C")
    assert "marked as not available" in problem.message and "add a row" not in (problem.hint or "")
    assert "暂无数据" in problem.message_zh and "增加一行" not in (problem.hint_zh or "")


def test_a_row_that_is_absent_is_still_told_to_be_added(framework, tmp_path):
    sheets, merges = full_tables(framework.fields, drop=("fdi_actual",))
    book = write_xlsx(tmp_path / "周口经开区主要统计指标_2022年1-6月.xlsx", sheets, merges)
    result = ingest([book], framework.fields, required_fields(framework))
    [problem] = [p for p in result.problems if p.field_id == "fdi_actual" and p.code == "missing_field"]
    assert "add a row labelled" in problem.hint
