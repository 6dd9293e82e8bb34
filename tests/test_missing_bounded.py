"""bt12i F1: a zone's figure missing this quarter (a blank or — cell, a row in no workbook) that feeds a weighted
indicator was left out and its weight re-spread: a blank FDI cell gave "Broadly ready", rank 21, "+4.0 over the
median: met" with nothing on page 2, while the same FDI marked doubtful gave ranks 17–41 and the middle "not judged".
A missing figure is bounded as a doubtful one is (ScoreResult.unknown, doubt_range): the rank conditions are judged
over its range, page 2's data-quality box names the cell to fill in, the JSON's problems carry it. Every workbook is
built here from the sample, in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from tests.conftest import rank_condition_expected, run_cli, sample_copy

LAST, BEFORE = "周口经开区主要统计指标_2022年1-12月.xlsx", "周口经开区主要统计指标_2022年1-9月.xlsx"


def _blank(folder: Path, cells: list) -> None:
    """Empty each (workbook name, sheet, cell) of `cells` in `folder`."""
    books: dict = {}
    for name, sheet, cell in cells:
        books.setdefault(name, []).append((sheet, cell))
    for name, where in books.items():
        wb = openpyxl.load_workbook(folder / name)
        for sheet, cell in where:
            wb[sheet][cell] = None
        wb.save(folder / name)


def _cells_of(panel, fid: str, periods=("2022Q3", "2022Q4")) -> list:
    """The cells the sample's `fid` is read from in `periods` (its level and its published 同比 rate): blanking both
    quarters leaves 2022Q4 with no figure and nothing one quarter old to carry forward (imputation locf, max_age 1)."""
    out = []
    for p in periods:
        for o in (panel.source(fid, p), panel.source(fid, p, "growth")):
            if o is not None and o.cell:
                out.append((Path(o.file).name, o.sheet, o.cell))
    return out


def _view(r, lang="zh"):
    from scorer.report import model as report_model

    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=False,
                                       generated=dt.date(2026, 12, 1), lang=lang)
    return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, None, r.problems, r.readiness,
                              peers=r.peers)


def _rank_conditions_hold_over_the_range(r) -> None:
    """Each rank condition says what the whole range of the zone's unknown indicators (0 to full marks) settles:
    met or not met only when every rank of it is on one side of the line, else not judged."""
    worst, best = r.result.doubt_range()
    scores = r.standing.peer_scores.to_numpy(dtype=float)
    scores = scores[np.isfinite(scores)]
    shift = r.standing.score - r.result.overall
    lo, hi = 1 + int((scores > best + shift).sum()), 1 + int((scores > worst + shift).sum())
    for c in r.readiness.conditions:
        if c["id"] in ("bottom_n", "rank_share_max"):
            assert c["status"] == rank_condition_expected(c["id"], c["required"], lo, hi, r.standing.of), (lo, hi, c)


def test_a_blank_fdi_is_bounded_said_on_page_two_and_in_the_json(tmp_path):
    from scorer.pipeline import report, run

    folder = sample_copy(tmp_path / "zone")
    base = run([folder])
    fdi = _cells_of(base.panel, "fdi_actual")
    assert any(c[0] == LAST and c[2] == "C6" for c in fdi), fdi  # the sample's FDI row, as bt12i blanked it
    _blank(folder, fdi)
    r = run([folder])
    lacking = {"fdi_amount", "fdi_growth", "fdi_city_share"}
    assert lacking <= set(r.result.unknown())
    worst, best = r.result.doubt_range()
    assert worst < r.result.overall < best
    # the rank: not comparable, its range over the three at 0 and at full marks; the middle not met plainly
    doubt = r.readiness.zone_doubt
    assert doubt is not None and lacking <= set(doubt["missing"]) and doubt["rank_range"][0] < doubt["rank_range"][1]
    assert not r.readiness.comparable
    middle = next(c for c in r.readiness.conditions if c["id"] == "rank_share_max")
    assert middle["status"] != "met", middle
    assert "缺数" in middle["reason"]
    _rank_conditions_hold_over_the_range(r)
    assert r.verdict.ready is not True
    # page 2: the data-quality box names the cell to fill in; the rank's caveat says why
    for lang, word in (("zh", "缺数"), ("en", "no figure")):
        view = _view(r, lang)
        box = view["quality"]["box"]
        assert box is not None and word in box["intro"], box
        item = next(i for i in box["brief_items"] if LAST in i["place"])
        assert "C6" in item["place"] and "主要经济指标" in item["place"], item
    html = tmp_path / "r.html"
    report(r, html, fmt="html", today=dt.date(2026, 12, 1), lang="zh")
    page = html.read_text(encoding="utf-8")
    brief = page[:page.index("升级条件与余量")]  # page 2 up to its conditions table
    assert "C6" in brief and "请补填所列单元格" in brief and "本期缺数" in brief
    # the JSON: the rank's doubt lists them, the overall carries its range, the problems name the cell and what to do
    done = run_cli("score", folder, "--json")
    data = json.loads(done.stdout)
    assert data["readiness"]["rank"]["zone_doubt"]["missing"] == doubt["missing"]
    assert data["overall"]["worst_case"] == pytest.approx(worst)
    dropped = [p for p in data["problems"] if p["code"] == "dropped_indicator" and p["indicator"] in lacking]
    assert len(dropped) == 3 and all(p["cell"] == "C6" and p["sheet"] == "主要经济指标" for p in dropped), dropped
    assert all("fill in" in p["hint_en"] and "补填" in p["hint_zh"] for p in dropped)
    assert next(c for c in data["readiness"]["conditions"] if c["id"] == "rank_share_max")["status"] != "met"


def test_a_row_in_no_workbook_is_bounded_too(tmp_path):
    """The FDI row relabelled 实际利用省(境)外资金 (refused as FDI, bt12i F1's first repro): no figure in any quarter,
    bounded alike, the box names the workbook."""
    from scorer.pipeline import run

    folder = tmp_path / "zone"
    folder.mkdir()
    wb = openpyxl.load_workbook(Path(__file__).parents[1] / "examples" / LAST)
    ws = wb["主要经济指标"]
    assert "实际使用外资" in str(ws["A6"].value)
    ws["A6"], ws["B6"], ws["C6"] = "1.实际利用省(境)外资金", "亿元", 45.3
    wb.save(folder / LAST)
    r = run([folder])
    assert {"fdi_amount", "fdi_growth", "fdi_city_share"} <= set(r.result.unknown())
    assert r.readiness.zone_doubt is not None and r.readiness.zone_doubt["missing"]
    _rank_conditions_hold_over_the_range(r)
    box = _view(r)["quality"]["box"]
    assert box is not None and any(LAST in i["place"] for i in box["items"]), box


def _representatives(framework, panel) -> dict[str, str]:
    """Per category, the field read quarterly from a workbook cell that feeds its heaviest indicator able to take it:
    {category: field id}."""
    from scorer.framework import formula as fx

    out = {}
    inds = sorted(framework.indicators.values(), key=lambda i: -i.effective_weight)
    for ind in inds:
        top = ind.parent
        while framework.groups[top].parent not in (None, "index"):
            top = framework.groups[top].parent
        if top in out:
            continue
        for name in dict.fromkeys(n.name for n in fx.names(ind.tree)):
            fdef = framework.fields.get(name)
            if fdef is None or fdef.reported != "quarterly" or panel.source(name, "2022Q4") is None:
                continue
            out[top] = name
            break
    return out


def test_a_blank_never_leaves_the_verdict_met_with_nothing_said(tmp_path, framework):
    """For a field per category (the one feeding its heaviest indicator), blanked in 2022Q3 and 2022Q4: the indicators
    it feeds are unknown, bounded (the overall's range), the rank conditions judged over that range only, and page 2's
    box names the blanked cell."""
    from scorer.pipeline import run

    base = run([sample_copy(tmp_path / "sample")])
    chosen = _representatives(framework, base.panel)
    assert len(chosen) == len(framework.top_groups), chosen
    for cat, fid in chosen.items():
        folder = sample_copy(tmp_path / cat)
        cells = _cells_of(base.panel, fid)
        _blank(folder, cells)
        r = run([folder])
        unknown = r.result.unknown()
        assert unknown, (cat, fid)
        if r.result.empty_categories:  # a whole category gone: its own kind, never comparable
            assert r.readiness is None or not r.readiness.comparable
            continue
        assert r.result.doubt_range() is not None, (cat, fid)
        _rank_conditions_hold_over_the_range(r)
        box = _view(r)["quality"]["box"]
        last = next(c for c in cells if c[0] == LAST)
        assert box is not None and any(last[2] in i["place"] and LAST in i["place"] for i in box["items"]), (fid, box)
        if r.verdict.ready:  # met only when no case of the range would fail
            assert r.readiness.zone_doubt is None or all(
                c["status"] != "not_judged" for c in r.readiness.conditions if c["id"] in ("bottom_n", "rank_share_max"))


def test_the_draws_never_fill_the_zones_missing_figure_from_the_peers(tmp_path):
    """bt12i F5: under `--imputation mean` (a third of the default draws) the zone's blank FDI took the synthetic peers'
    mean, which is the target (full marks; its own figure scores 34): P(ready) 92.7 % → 98.6 %. Every other source held,
    the draws under mean (and median) give the nominal overall exactly, as under none; the section says what was done."""
    from scorer.pipeline import run
    from scorer.report.brief import uncertainty_scope
    from scorer.whatif.uncertainty import Assumptions, monte_carlo

    folder = sample_copy(tmp_path / "zone")
    base = run([folder])
    _blank(folder, _cells_of(base.panel, "fdi_actual"))
    r = run([folder])
    assert {"fdi_amount", "fdi_growth", "fdi_city_share"} <= set(r.result.unknown())
    held = dict(measurement=0.0, indicator_weights=0.0, group_weights=0.0, targets=0.0, peer_levels=0.0,
                peer_spreads=0.0, cutoff=False)
    for method in ("mean", "median", "none"):
        u = monte_carlo(r, Assumptions(imputation=[method], **held), draws=20, seed=1)
        assert u.draws["overall"].to_numpy() == pytest.approx(np.full(20, r.result.overall), abs=1e-9), method
        assert set(u.missing) == set(r.result.unknown())
    # said where the section is read: the report's list of what was held, and the terminal
    u = monte_carlo(r, Assumptions(), draws=20, seed=1)
    for lang, words in (("zh", "不以对照样本数据填补"), ("en", "never filled from the peers")):
        said = [x for x in uncertainty_scope(u, r.verdict, lang)["held"] if words in x]
        assert said and ("实际使用外资" if lang == "zh" else "foreign investment") in said[0], said
    done = run_cli("uncertainty", folder, "--draws", "50", "--seed", "1")
    assert done.returncode == 0, done.stderr
    assert "never filled from the peers' figures" in " ".join(done.stdout.split())


def test_a_gap_by_design_that_could_move_a_condition_is_said_on_page_two(layout_reports):
    """The office does not report CO2 in 2021Q1 (half-yearly, no earlier value): left out with a note, not bounded
    (fields.yaml `reported`). At their lowest and full marks the two CO2 indicators would place the sample anywhere
    from 28th to 45th, and the regional middle, 0.1 short, could be met: page 2 says so, naming them and the condition.
    Computed here from the run: each rank condition judged met / not met whose line the range straddles is named."""
    from scorer.score.rank_bounds import unreported_moves

    r = layout_reports.run_of("2021Q1")
    gone = [i.id for i in r.result.indicators if i.score is None and not i.doubtful]
    assert gone and not r.result.unknown()  # left out by design only
    moves = unreported_moves(r.result, r.standing, r.readiness.conditions)
    assert moves is not None and set(moves["indicators"]) == set(gone)
    lo, hi = moves["rank_range"]
    for c in r.readiness.conditions:
        if c["id"] in ("bottom_n", "rank_share_max") and c["status"] in ("met", "not_met"):
            either = rank_condition_expected(c["id"], c["required"], lo, hi, r.standing.of) == "not_judged"
            assert (c["id"] in moves["conditions"]) == either, (c, lo, hi)
    assert moves["conditions"]
    for lang, (html_at, said) in (("zh", ("q1", "按统计制度本季度不报")), ("en", ("q1_en", "not reported this quarter by design"))):
        page = layout_reports[html_at][1].read_text(encoding="utf-8")
        assert said in page and f"{lo}" in page, lang
    # the sample's 2022Q4: nothing left out by design, nothing said
    q4 = layout_reports.run_of("2022Q4")
    assert unreported_moves(q4.result, q4.standing, q4.readiness.conditions) is None
