"""The quarterly workflow: a fill-in template that reads back cleanly, a watched drop folder, derived series."""

from __future__ import annotations

import csv
import io
import shutil

import numpy as np
import openpyxl
import pytest

from scorer.read.ingest import ingest
from scorer.score.panel import Panel
from scorer.read.template import write_template
from scorer.cli.watch import Watcher, error_file
from tests.conftest import EXAMPLES, run_cli


def test_a_filled_template_ingests_with_no_warnings_and_every_value(framework, sample_run, tmp_path):
    path = tmp_path / "填报.xlsx"
    write_template(framework, path, "2023Q1", "周口经济开发区")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["主要经济指标", "科技与园区", "填报说明"]
    # Fill in the sample zone's 2022 figures as 2023Q1 (this year) and 2022Q1 (上年同期), in the template's units.
    levels = sample_run.panel.levels
    label_to_field = {f.label: fid for fid, f in framework.fields.items()}
    expected = {}
    for ws in wb.worksheets[:2]:
        assert ws.data_validations.dataValidation, "number validation is on"
        assert all(dv.showErrorMessage for dv in ws.data_validations.dataValidation)
        for r in range(5, ws.max_row + 1):
            fid = label_to_field.get(ws.cell(r, 1).value)
            if fid is None:
                continue
            assert ws.cell(r, 2).value == framework.fields[fid].unit
            now, before = levels.at["2022Q1", fid], levels.at["2021Q1", fid]
            if now == now:  # not NaN: CO2 is half-yearly in the sample
                ws.cell(r, 3).value, ws.cell(r, 4).value = now, before
                expected[fid] = now
    wb.save(path)
    result = ingest([path], framework.fields)
    assert result.problems == []
    got = {o.field: o.value for o in result.observations if o.period == "2023Q1" and o.basis != "growth"}
    assert got == pytest.approx(expected)
    assert {o.period for o in result.observations} == {"2023Q1", "2022Q1"}


def test_template_command_refuses_a_bad_period(tmp_path):
    done = run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023-1")
    assert done.returncode == 1 and "not a quarter" in done.stderr
    done = run_cli("template", "-o", tmp_path / "t.xlsx", "--period", "2023Q1", "--zone", "周口经济开发区")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t.xlsx").exists()


@pytest.fixture
def drop(tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    for f in EXAMPLES.glob("*2022年1-[36]月.xlsx"):
        shutil.copy(f, folder)
    return folder


def test_the_watcher_waits_for_a_file_to_settle_then_reports(drop, tmp_path, in_chinese):
    w = Watcher(drop, tmp_path / "reports")
    assert w.poll() == []  # first look: sizes noted, nothing settled yet
    events = w.poll()
    assert any("已生成报告" in e and "2022Q2" in e for e in events), events
    assert w.poll() == []  # nothing changed, nothing redone
    shutil.copy(next(EXAMPLES.glob("*2022年1-9月.xlsx")), drop)
    w.poll()
    events = w.poll()
    assert any("2022Q3" in e for e in events), events
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["周口经济开发区_2022Q2.pdf", "周口经济开发区_2022Q3.pdf"]


def test_a_bad_workbook_gets_an_error_file_and_the_watcher_goes_on(drop, tmp_path, in_chinese):
    w = Watcher(drop, tmp_path / "reports")
    w.poll(), w.poll()
    bad = drop / "周口经开区主要统计指标_2022年1-9月.xlsx"
    bad.write_bytes(b"not a workbook at all")
    w.poll()
    events = w.poll()
    assert any("无法使用" in e for e in events), events
    assert "无法作为工作簿打开" in error_file(bad).read_text(encoding="utf-8")
    assert bad.read_bytes() == b"not a workbook at all"  # the original is never touched
    assert any("已生成报告" in e and "2022Q2" in e for e in events)
    shutil.copy(next(EXAMPLES.glob("*2022年1-9月.xlsx")), bad)  # fixed
    w.poll()
    events = w.poll()
    assert not error_file(bad).exists()
    assert any("2022Q3" in e for e in events), events


def test_single_quarter_flows_are_cumulative_differences_within_a_year(sample_run, framework):
    panel = sample_run.panel
    periods = ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    cumulative = panel.series("fdi_actual", periods)
    quarter = panel.single_quarter("fdi_actual", periods)
    assert quarter[0] == cumulative[0]
    assert quarter[1:] == pytest.approx(np.diff(cumulative))
    assert np.isnan(panel.single_quarter("hightech_enterprises", periods)).all()


def test_series_command_prints_the_derived_table_as_csv():
    done = run_cli("series", EXAMPLES, "--field", "fdi_actual", "--csv")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0].startswith("field,label,unit,kind,period,value,single_quarter")
    assert len(lines) == 1 + 8
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    q2 = next(r for r in rows if r["period"] == "2022Q2")
    assert q2["full_year_method"] == "seasonal" and q2["doubtful"] == ""  # nothing doubtful in the sample's FDI
