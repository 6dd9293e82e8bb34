"""Issue 11 (bt-i11 F1): a figure out of line with the zone's own other figures of its quarter (fields.yaml
`ratios`: tax ÷ GDP, trade ÷ GDP, exports ÷ trade, FDI ÷ GDP, R&D ÷ revenue …) is doubtful at its cell, naming the
cells it was held against: 亿元 typed into a 万元 row in a zone's first workbook, where no history tells, is not
scored as true. Every case is built from what fields.yaml declares, so a ratio added tomorrow is checked too."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import openpyxl
import pytest

from scorer import units
from scorer.read.checks import _levels
from scorer.read.plausibility import DOUBT_CODES, doubtful_figures, ratio_doubts
from tests.conftest import EXAMPLES, rank_condition_expected, run_cli, sample_copy


def _ratios(framework):
    return [(fid, other, rng) for fid, f in framework.fields.items() for other, rng in f.ratios.items()]


def test_every_ratio_names_a_field_and_spans_at_most_a_unit_slip(framework):
    """A range wider than 10 000 times would let a 10 000× slip from its middle stay inside it."""
    declared = _ratios(framework)
    assert len(declared) >= 10
    for fid, other, rng in declared:
        assert other in framework.fields and other != fid
        assert rng.min is not None and rng.max is not None and 0 < rng.min < rng.max, (fid, other)
        assert rng.max / rng.min <= 1e4 * (1 + 1e-9), (fid, other)
    named = {(fid, other) for fid, other, _ in declared}
    for pair in [("tax_revenue", "gdp"), ("trade_total", "gdp"), ("exports", "trade_total"), ("fdi_actual", "gdp"),
                 ("rd_expenditure", "industrial_revenue")]:
        assert pair in named, pair


@pytest.fixture(scope="module")
def quarter(sample_run):
    """The sample's levels of its latest quarter: figures that agree with each other."""
    levels = _levels(sample_run.ingested.observations)
    period = max(p for _, p in levels)
    return period, {k: o for k, o in levels.items() if k[1] == period}


def test_the_sample_agrees_with_itself(quarter, framework):
    period, levels = quarter
    blamed, agreed = ratio_doubts(levels, framework.fields)
    assert blamed == {}
    assert len(agreed) >= 10


@pytest.mark.parametrize("factor", [1e-4, 1e4])
def test_one_figure_ten_thousand_times_off_is_doubtful_at_its_cell_naming_the_others(quarter, framework, factor):
    from dataclasses import replace

    period, levels = quarter
    fields = framework.fields
    in_ratios = {f for fid, other, _ in _ratios(framework) for f in (fid, other)}
    tried = 0
    for fid in sorted(in_ratios):
        if (fid, period) not in levels:
            continue
        # Only a figure held against two or more others can be told apart from them.
        partners = {o for f, o, _ in _ratios(framework) if f == fid} | {f for f, o, _ in _ratios(framework) if o == fid}
        if len([p for p in partners if (p, period) in levels]) < 2:
            continue
        tried += 1
        slipped = dict(levels)
        o = levels[(fid, period)]
        slipped[(fid, period)] = replace(o, value=o.value * factor)
        problems = [p for p in doubtful_figures(slipped, fields) if p.period == period]
        mine = [p for p in problems if p.field_id == fid]
        assert mine, (fid, factor)
        assert all(p.code in DOUBT_CODES for p in mine)
        assert mine[0].location.cell == o.cell
        ceiling = fields[fid].region_ceiling
        if ceiling is not None and o.value * factor > ceiling:
            # Above all the central region's zones together (bt10g F4): that cause first, and the figure is held
            # against no other (so none of them is blamed).
            assert mine[0].code == "not_zone_series", (fid, [p.code for p in mine])
            assert {p.field_id for p in problems} == {fid}, (fid, {p.field_id for p in problems})
            continue
        assert mine[0].also, fid  # the cells it was held against
        if any(units.ten_thousand_apart(fields[fid].unit)) and factor < 1 and fields[fid].unit == "万元":
            assert mine[0].code == "unit_slip" and "亿元" in mine[0].message_zh + (mine[0].hint_zh or ""), fid  # the row's unit (bt15 F13)
        # The figures it was held against are not blamed.
        assert {p.field_id for p in problems} == {fid}, (fid, {p.field_id for p in problems})
        assert "e+" not in mine[0].message and "e-0" not in mine[0].message
    assert tried >= 8


def _slip_rows(folder: Path, rows: dict[str, str], files: str = "*.xlsx") -> None:
    for f in folder.glob(files):
        wb = openpyxl.load_workbook(f)
        ws = wb["主要经济指标"]
        for r in range(1, ws.max_row + 1):
            if ws.cell(r, 1).value in rows:
                ws.cell(r, 2).value = rows[ws.cell(r, 1).value]
        wb.save(f)


def _copy(tmp_path: Path) -> Path:
    return sample_copy(tmp_path / "wb")


def test_a_trade_block_in_yi_yuan_in_every_workbook_is_doubtful_and_not_scored(tmp_path):
    """The rows' unit column says 万元 while the figures are 亿元, in every workbook: the history agrees with itself,
    only the zone's GDP tells; the three figures are doubtful at their cells and the overall has a worst case."""
    d = _copy(tmp_path)
    _slip_rows(d, {"2.进出口总额": "万元", "其中：出口总额": "万元", "其中：高新技术产品进出口额": "万元"})
    r = run_cli("score", str(d), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    latest = [p for p in out["problems"] if p["period"] == out["period"] and p["code"] in DOUBT_CODES
              and p["level"] in ("warning", "doubtful")]
    cells = {(p["field"], p["cell"]) for p in latest if p["field"]}
    for field, cell in [("trade_total", "C7"), ("exports", "C8"), ("hightech_trade", "C9")]:
        assert (field, cell) in cells, cells
    slip = next(p for p in latest if p["field"] == "trade_total" and p["code"] == "unit_slip")
    assert "亿元" in slip["message_zh"] and "C25" in slip["message_zh"]
    # Every cell it rests on travels in the JSON (bt-i11 F7), its own first.
    assert slip["cells"][0]["cell"] == "C7" and "C25" in {c["cell"] for c in slip["cells"]}, slip["cells"]
    for p in out["problems"]:
        assert p["cells"] == [] or (p["cells"][0]["cell"], p["cells"][0]["sheet"]) == (p["cell"], p["sheet"]), p
    assert out["overall"]["worst_case"] is not None
    scored = {i["id"]: i for i in out["indicators"]} if isinstance(out.get("indicators"), list) else out["indicators"]
    trade = scored["trade_amount"]
    assert trade.get("score") in (None,) or trade.get("doubtful"), trade


def test_a_tax_in_yi_yuan_in_the_first_workbook_alone_is_doubtful(tmp_path):
    """One workbook, no earlier quarter: the zone's tax typed in 亿元 into a 万元 row (and the city's too, so the
    share agrees) is doubtful against the zone's GDP, and the historic tax condition is not judged on it."""
    d = tmp_path / "one"
    d.mkdir()
    shutil.copy(next(EXAMPLES.glob("*2021年1-3月.xlsx")), d)
    _slip_rows(d, {"2.税收收入": "万元"})
    f = next(d.glob("*.xlsx"))
    wb = openpyxl.load_workbook(f)
    ws = wb["所在市"]
    for r in range(1, ws.max_row + 1):
        if ws.cell(r, 1).value == "全市税收收入":
            for c in (2, 3):
                v = ws.cell(r, c).value
                ws.cell(r, c).value = float(str(v).replace(",", "")) / 1e4
    wb.save(f)
    r = run_cli("score", str(d), "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    tax = [p for p in out["problems"] if p["field"] == "tax_revenue" and p["period"] == "2021Q1"
           and p["code"] in DOUBT_CODES and p["cell"] == "C26"]
    assert tax and tax[0]["code"] == "unit_slip", [p["code"] for p in out["problems"]]
    assert out["overall"]["worst_case"] is not None


def test_a_problem_on_several_cells_lists_them_all_in_its_json():
    from scorer.errors import Location, Problem

    p = Problem("x", Location(file="a.xlsx", sheet="S", cell="C7"), code="unit_slip", severity="warning",
                also=(Location(file="a.xlsx", sheet="S", cell="C25"), Location(file="b.xlsx", sheet="T", cell="B7")))
    cells = p.as_dict()["cells"]
    assert [(c["file"], c["sheet"], c["cell"]) for c in cells] == [("a.xlsx", "S", "C7"), ("a.xlsx", "S", "C25"),
                                                                   ("b.xlsx", "T", "B7")]


@pytest.mark.parametrize("beyond", [1.5, 4.0])
def test_a_figure_just_out_of_line_with_one_partner_is_the_only_one_doubtful(quarter, framework, beyond):
    """bt12g F2: an old-caliber FDI figure (1.16 % of GDP against 1 %) still agreed with its city's figure, so the
    ratio's two sides were one group and the whole group was blamed: GDP, tax, trade, R&D … called unit slips, 17
    indicators and two categories dropped, the rank moved 21 → 17. The kind: every figure held against two or more
    others, put `beyond`× past one of its ranges, is doubtful with at most the figure it was held against (when
    nothing tells the two apart), never a third figure."""
    from dataclasses import replace

    period, levels = quarter
    fields = framework.fields
    tried = 0
    for fid, other, rng in _ratios(framework):
        partners = {o for f, o, _ in _ratios(framework) if f == fid} | {f for f, o, _ in _ratios(framework) if o == fid}
        if (fid, period) not in levels or (other, period) not in levels \
                or len([p for p in partners if (p, period) in levels]) < 2:
            continue
        tried += 1
        o = levels[(fid, period)]
        slipped = dict(levels)
        slipped[(fid, period)] = replace(o, value=rng.max * beyond * levels[(other, period)].value)
        problems = [p for p in doubtful_figures(slipped, fields) if p.period == period]
        # the figure, and at most (nothing telling which is off) a figure of a ratio it broke: never a figure whose
        # every ratio holds (GDP, tax, trade beside an FDI figure out of line)
        broken = {b for a, b, r in _ratios(framework) if a == fid and (b, period) in slipped
                  and not r.contains(slipped[(a, period)].value / slipped[(b, period)].value)} \
            | {a for a, b, r in _ratios(framework) if b == fid and (a, period) in slipped
               and not r.contains(slipped[(a, period)].value / slipped[(b, period)].value)}
        blamed = {p.field_id for p in problems}
        # a figure only the slipped one vouches for (high-tech value added beside industrial value added) goes with it;
        # one that agrees with any other figure (tax beside GDP) is never blamed
        held = {x for x in blamed - {fid} - broken
                if any((b if x == a else a) != fid and ((b if x == a else a), period) in slipped
                       and r.contains(slipped[(a, period)].value / slipped[(b, period)].value)
                       for a, b, r in _ratios(framework) if x in (a, b))}
        assert fid in blamed and not held, (fid, other, blamed, held)
    assert tried >= 8


def test_an_old_caliber_fdi_figure_leaves_gdp_tax_and_trade_scored_and_the_rank_not_comparable(tmp_path):
    """bt12g F2, end to end: FDI at US$3亿 (40 % of Henan's Ministry-caliber total) beside a city figure of its caliber.
    Only the FDI indicators are doubtful; the rank is not comparable (the doubtful indicators could move it), on both
    sides of one verdict, and the rank conditions are not judged, so the verdict is not 'ready'."""
    d = _copy(tmp_path)
    target = next(f for f in d.glob("*.xlsx") if "2022年1-12月" in f.name)
    for f in d.glob("*.xlsx"):
        if f != target:
            f.unlink()
    wb = openpyxl.load_workbook(target)
    wb["主要经济指标"]["C6"], wb["主要经济指标"]["D6"], wb["所在市"]["B9"] = 30000, 27000, 150000
    wb.save(target)
    done = run_cli("score", str(target), "--json", "--first-in-province", "--land-use-2024")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    slips = {p["field"] for p in out["problems"] if p["code"] in ("unit_slip", "implausible_ratio")}
    assert slips <= {"fdi_actual"}, slips
    # 1.16 % (in 万美元 ÷ 万元) against 1 %: out of line, not a 10 000× slip of unit; the units of the ratio said
    assert not any(p["code"] == "unit_slip" for p in out["problems"])
    assert any("US$10k ÷ 10k yuan" in (p["message_en"] or "") for p in out["problems"] if p["field"] == "fdi_actual")
    assert set(out["verdict"]["doubtful_indicators"]) <= {"fdi_amount", "fdi_growth", "fdi_city_share"}
    assert not out["verdict"]["empty_categories"]
    rank = out["readiness"]["rank"]
    assert rank["comparable"] is False and rank["zone_doubt"]["kind"] == "doubtful"
    assert out["standing"]["comparable"] is False and out["verdict"]["comparable"] is False
    # each rank condition judged only if the doubt's range of ranks lies wholly on one side of its line (bt12h F1)
    lo, hi = rank["zone_doubt"]["rank_range"]
    conditions = {c["id"]: c for c in out["readiness"]["conditions"]}
    for cid in ("bottom_n", "rank_share_max"):
        c = conditions[cid]
        assert c["status"] == rank_condition_expected(cid, c["required"], lo, hi, rank["of"]), (lo, hi, c)
    assert "not_judged" in {conditions[cid]["status"] for cid in ("bottom_n", "rank_share_max")}
    assert out["verdict"]["ready"] is not True
    text = run_cli("score", str(target), "--lang", "en").stdout
    assert "not comparable" in text.split("Estimated rank", 1)[1].split("\n\n")[0]
