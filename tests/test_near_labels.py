"""A needed statistic under a wording fields.yaml does not list (bt12h F4): the same statistic with its level written
after the name is read; a row that only looks like it is named at its cell in the warning that the statistic is in
no workbook (it was a generic "missing" naming no cell), and another statistic's look-alike is never offered."""

from __future__ import annotations

import openpyxl
import pytest

from scorer.read.checks import required_fields
from scorer.read.ingest import ingest
from scorer.read.text import label_key
from tests.conftest import EXAMPLES

SAMPLE = "*2022年1-12月.xlsx"


def _relabelled(tmp_path, field_label: str, new_label: str):
    """The sample's latest workbook with the row labelled `field_label` (as the sample writes it, unit and all)
    relabelled `new_label`: (its folder, sheet name, label cell, the row's first value)."""
    src = next(EXAMPLES.glob(SAMPLE))
    wb = openpyxl.load_workbook(src)
    for ws in wb.worksheets:
        for cell in ws["A"]:
            if cell.value.__class__ is str and label_key(cell.value)[0] == label_key(field_label)[0]:
                value = ws.cell(cell.row, 2).value
                cell.value = new_label
                folder = tmp_path / "wb"
                folder.mkdir(parents=True, exist_ok=True)
                wb.save(folder / src.name)
                return folder, ws.title, cell.coordinate, value
    raise AssertionError(f"no row {field_label} in the sample")


def _read(folder, framework):
    return ingest([folder], framework.fields, required_fields(framework))


@pytest.mark.parametrize("label", ["孵化器和众创空间数（国家级）（个）", "孵化器和众创空间数（个）（国家级）",
                                   "孵化器和众创空间数 (国家级)"])
def test_the_level_written_after_the_name_is_the_same_statistic(tmp_path, framework, label):
    folder, sheet, cell, value = _relabelled(tmp_path, "国家级孵化器和众创空间数", label)
    result = _read(folder, framework)
    got = [o for o in result.observations if o.field == "national_incubators" and o.sheet == sheet]
    assert got and got[0].value == value and got[0].label == label
    assert not [p for p in result.problems if p.field_id == "national_incubators"]


def test_another_level_is_not_read_as_the_national_count(tmp_path, framework):
    """省级 after the name is the provincial level only: neither 国家级… nor 省级及以上孵化器和众创空间数. The national row
    so relabelled is not read; the warning that the national count is missing stands at its cell."""
    folder, sheet, cell, _ = _relabelled(tmp_path, "国家级孵化器和众创空间数", "孵化器和众创空间数（省级）（个）")
    result = _read(folder, framework)
    assert not [o for o in result.observations if o.field in ("incubators", "national_incubators") and o.cell == cell]
    [p] = [p for p in result.problems if p.code == "missing_field" and p.field_id == "national_incubators"]
    assert (p.location.sheet, p.location.cell) == (sheet, cell)


def test_each_needed_rows_near_wording_is_named_at_its_cell(tmp_path, framework):
    """The kind: any statistic the framework needs, its row relabelled with one character more (…总数 for …数), is
    in no workbook, and the warning stands at the relabelled row's cell, quoting it."""
    fields, needed = framework.fields, required_fields(framework)
    src = next(EXAMPLES.glob(SAMPLE))
    wb = openpyxl.load_workbook(src, read_only=True)
    rows = [(ws.title, str(row[0].value)) for ws in wb.worksheets for row in ws.iter_rows(max_col=1) if row[0].value]
    chosen = []
    for sheet, text in rows:
        fid = next((f for f in needed if f in fields and label_key(text)[0] == label_key(fields[f].label)[0]), None)
        if fid and fields[fid].label.endswith("数") and fid not in [c[0] for c in chosen]:
            chosen.append((fid, text))
    assert len(chosen) >= 3
    for k, (fid, text) in enumerate(chosen[:3]):
        base, _, unit = text.partition("（")
        new = f"{base[:-1]}总数（{unit}" if unit else base[:-1] + "总数"
        assert label_key(new)[0] not in {label_key(t)[0] for d in fields.values() for t in [d.label, *d.aliases]}
        folder, sheet, cell, _ = _relabelled(tmp_path / str(k), text, new)
        problems = [p for p in _read(folder, framework).problems if p.code == "missing_field" and p.field_id == fid]
        assert len(problems) == 1, (fid, new)
        assert (problems[0].location.sheet, problems[0].location.cell) == (sheet, cell), (fid, new)
        assert new in str(problems[0].message) and new in problems[0].message_zh


def test_a_lookalike_of_another_statistic_is_never_offered(tmp_path, framework):
    """实际利用省(境)外资金 is no FDI (fields.yaml lookalikes): the FDI row relabelled so is said to be ignored at its
    cell, and the warning that FDI is missing does not offer it as the FDI row."""
    folder, sheet, cell, _ = _relabelled(tmp_path, "实际使用外资金额", "实际利用省(境)外资金（万美元）")
    result = _read(folder, framework)
    assert [p for p in result.problems if p.code == "lookalike_label" and p.location.cell == cell]
    missing = [p for p in result.problems if p.code == "missing_field" and p.field_id == "fdi_actual"]
    assert missing and all(p.location.cell != cell for p in missing)
