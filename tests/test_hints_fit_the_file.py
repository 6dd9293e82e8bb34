"""bt10f F18: hints that did not fit the file. A very hidden sheet's note said to unhide it in Excel, whose Unhide
does not list it (the VBA editor's Visible property shows it); a CSV's stray value was to be found with Ctrl+End in
Excel. Each hint now says what works for that file. Files built here."""

from __future__ import annotations

from scorer.read.ingest import ingest
from tests.workbooks import HEADER, MERGES, write_csv, write_xlsx

ROWS = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER, ["地区生产总值", "亿元", 120.9, 112.71, 7.3]]


def test_a_very_hidden_sheets_note_points_to_the_vba_editor_and_a_hidden_ones_to_unhide(framework, tmp_path):
    for visibility, said, unsaid in [("veryhidden", "VBA editor", "unhide it in Excel"),
                                     ("hidden", "unhide it in Excel", "VBA editor")]:
        path = write_xlsx(tmp_path / f"{visibility}_2022年1-6月.xlsx", {"本月": ROWS, "旧表": ROWS},
                          {"本月": MERGES, "旧表": MERGES}, hidden={"旧表": visibility})
        note = next(p for p in ingest([path], framework.fields).problems if p.location.sheet == "旧表")
        assert said in note.hint and unsaid not in note.hint
        assert "--hidden-sheets" in note.hint


def test_a_csvs_stray_value_is_found_by_its_line_not_by_excels_ctrl_end(framework, tmp_path):
    rows = [r[:] for r in ROWS] + [[""]] * 6000 + [["", "", "", "", "", "9"]]
    result = ingest([write_csv(tmp_path / "远_2022年1-6月.csv", rows)], framework.fields)
    stray = next(p for p in result.problems if "a stray cell" in p.message)
    assert stray.location.cell == "F6005"
    assert "line 6005, field 6 of the CSV" in stray.hint and "Ctrl+End" not in stray.hint
