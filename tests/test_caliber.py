"""FDI caliber guard: a zone figure of the old provincial caliber is flagged at its cell and not scored as true."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from scorer.read.text import FieldIndex
from tests.conftest import EXAMPLES, run_cli

Q4 = "周口经开区主要统计指标_2022年1-12月.xlsx"


def _truth_cell(field: str, period: str) -> tuple[str, str, float]:
    import csv

    from tests.conftest import ROOT

    for row in csv.DictReader((ROOT / "tests" / "data" / "sample_truth.csv").open(encoding="utf-8")):
        if row["file"] == Q4 and row["field"] == field and row["period"] == period and row["basis"] == "ytd":
            return row["sheet"], row["cell"], float(row["value"])
    raise AssertionError("no truth row")


def test_the_sample_fdi_is_on_the_ministry_caliber_and_not_flagged(sample_run):
    assert not [p for p in sample_run.warnings if getattr(p, "code", "") == "fdi_caliber"]
    fdi = next(i for i in sample_run.result.indicators if i.id == "fdi_amount")
    assert fdi.value is not None and fdi.value < 75000 * 0.05  # a few percent of Henan's US$7.5亿 (2023)


def test_an_old_caliber_fdi_figure_is_flagged_at_its_cell_and_not_scored(tmp_path):
    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios"))
    sheet, cell, value = _truth_cell("fdi_actual", "2022Q4")
    old = value * 30  # the old provincial caliber runs about 30 times the Ministry's
    wb = load_workbook(folder / Q4)
    wb[sheet][cell] = round(old, 2)
    wb.save(folder / Q4)

    done = run_cli("score", str(folder), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    flagged = [p for p in out["problems"] if p.get("code") == "fdi_caliber"]
    assert len(flagged) == 1
    (p,) = flagged
    assert p["sheet"] == sheet and p["cell"] == cell and p["field"] == "fdi_actual" and p["period"] == "2022Q4"
    assert "2022Q4" in p["message_en"] and "fdi_amount" in p["message_en"] and "商务部口径" in p["message_zh"]
    # Routed through the data-quality gate: the indicator is named as doubtful, like a unit slip.
    assert any(q["code"] == "dropped_indicator" and q["indicator"] == "fdi_amount" and q["level"] == "doubtful"
               for q in out["problems"])
    assert "fdi_amount" in out["unscored"]["2022Q4"]
    fdi = next(i for i in out["indicators"] if i["id"] == "fdi_amount")
    assert fdi["value"] != pytest.approx(old)  # the doubtful figure is never the value scored
    assert fdi["score"] is None or fdi["imputed"]  # left out, or carried from the last sound quarter (flagged)

    # every indicator the problem says is not scored as true is left out: the published 同比 rate beside the figure is
    # that caliber's growth (bt12f F1: 实际使用外资增长率 was scored 100 from it, and no worst case counted it)
    named = p["message_en"].rsplit(": ", 1)[-1].split(", ")
    assert "fdi_growth" in named
    for ind in named:
        assert ind in out["unscored"]["2022Q4"] or next(i for i in out["indicators"] if i["id"] == ind)["imputed"], ind
    assert set(named) <= set(out["verdict"]["doubtful_indicators"])

    text = run_cli("score", str(folder))
    assert "fdi_caliber" in text.stderr or "caliber" in text.stderr


def test_out_of_province_funds_never_map_to_fdi(framework):
    index = FieldIndex(framework.fields)
    for label in ["实际利用省(境)外资金", "实际利用省（境）外资金（亿元）", "实际利用省外资金", "1.实际利用省(境)外资金"]:
        hit = index.match(label)
        assert hit is None or hit[0] not in ("fdi_actual", "city_fdi_actual"), label
    for fid in ("fdi_actual", "city_fdi_actual"):
        texts = [framework.fields[fid].label, *framework.fields[fid].aliases]
        assert not any("省" in t for t in texts), fid


def test_a_label_that_also_names_the_old_caliber_is_used_with_a_warning_at_its_cell(tmp_path):
    """实际利用外资 is the Ministry's older wording and Henan's provincial caliber's name: read, and questioned."""
    from scorer.framework.model import load_framework
    from scorer.pipeline import read

    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios"))
    sheet, cell, _ = _truth_cell("fdi_actual", "2022Q4")
    wb = load_workbook(folder / Q4)
    label_cell = "A" + "".join(ch for ch in cell if ch.isdigit())
    assert "实际使用外资" in str(wb[sheet][label_cell].value)
    wb[sheet][label_cell] = "1.实际利用外资（万美元）"
    wb.save(folder / Q4)
    fw = load_framework()
    result = read([folder], fw)
    flagged = [p for p in result.problems if p.code == "ambiguous_caliber_label"]
    assert len(flagged) == 1 and flagged[0].location.sheet == sheet and flagged[0].location.cell == cell
    assert "商务部口径" in flagged[0].message_zh and flagged[0].severity == "warning"
    assert any(o.field == "fdi_actual" and o.cell == cell for o in result.observations)
    # The other sample workbooks (实际使用外资) raise nothing; a hint never suggests the ambiguous name.
    assert all(p.location.file == str(folder / Q4) or p.code != "ambiguous_caliber_label" for p in result.problems)
    assert all("实际利用外资" not in (p.hint or "") for p in result.problems)


@pytest.mark.parametrize("field, indicator", [("fdi_actual", "fdi_amount"), ("city_fdi_actual", "fdi_city_share")])
def test_every_fdi_figure_on_the_old_caliber_is_flagged_the_city_too(tmp_path, field, indicator):
    """The zone's FDI and its city's both come from the same statistics office in the same caliber trap: a
    city's share of the zone's FDI computed on an old-caliber city total is a small share scored as true
    (rank 21 → 28). The city cannot exceed its province's Ministry-caliber total."""
    from scorer.framework.model import load_framework

    checked = {c.field for c in load_framework().caliber_checks}
    assert field in checked  # every FDI figure of the framework is guarded
    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios"))
    sheet, cell, value = _truth_cell(field, "2022Q4")
    wb = load_workbook(folder / Q4)
    wb[sheet][cell] = round(value * 20, 2)  # the old caliber is some 20–30 times the Ministry's
    wb.save(folder / Q4)
    out = json.loads(run_cli("score", str(folder), "--json").stdout)
    flagged = [p for p in out["problems"] if p.get("code") == "fdi_caliber" and p["period"] == "2022Q4"]
    assert [(p["field"], p["sheet"], p["cell"]) for p in flagged] == [(field, sheet, cell)]
    assert indicator in out["unscored"]["2022Q4"]
