"""bt10g F4: a database export of national (or provincial) totals whose headers carry no 「中国:」 — 进出口总额_累计值(亿美元)
13 843.5, 税收收入_累计值(亿元) 52 000 — was read as the zone's figures: `ingest` of it alone said nothing (rc 0), and in a
folder the cause given was a unit slip with a hint to rewrite the figure. A single zone's figure cannot exceed all the
central region's national zones together (fields.yaml `region_ceiling`, from yardsticks.yaml means × central_2023_zones):
above it, the figure is doubtful, its cause named first as not the zone's series, at its cell."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from scorer.read.ingest import ingest
from scorer.read.plausibility import DOUBT_CODES, cause_rank
from scorer.resources import indicators_dir
from tests.workbooks import write

NATIONAL = [  # (header, national figure of 2023 Q1 in the header's unit, field)
    ("进出口总额_累计值(亿美元)", 13843.5, "trade_total"),
    ("税收收入_累计值(亿元)", 52000.0, "tax_revenue"),
    ("地区生产总值_累计值(亿元)", 284997.0, "gdp"),
    ("实际使用外资_累计值(亿美元)", 565.0, "fdi_actual"),
    ("进出口总额_累计值(亿元)", 98877.0, "trade_total"),
]


def _doubts_by_cell(result):
    by_cell: dict[str, list] = {}
    for p in result.problems:
        if p.code in DOUBT_CODES:
            by_cell.setdefault(p.location.cell, []).append(p)
    return by_cell


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("date_head", ["指标名称", "日期", None])
@pytest.mark.parametrize("cols", [(0, 1), (2, 3), (4,)])
def test_a_national_export_is_never_read_as_the_zones_without_its_cause_first(framework, tmp_path, fmt, date_head,
                                                                              cols):
    heads = [NATIONAL[i] for i in cols]
    date = "2023-03-31" if fmt == "csv" else dt.date(2023, 3, 31)
    rows = [[date_head or "", *[h for h, _, _ in heads]], [date, *[v for _, v, _ in heads]], ["数据来源：国家统计局"]]
    result = ingest([write(fmt, tmp_path, "导出", {"数据": rows})], framework.fields)
    read = {o.cell: o.field for o in result.observations}
    doubts = _doubts_by_cell(result)
    for j, (_, _, field) in enumerate(heads):
        cell = f"{chr(ord('B') + j)}2"
        if cell not in read:  # not read at all is also right; read, it must be doubtful, the cause first
            continue
        assert read[cell] == field
        first = min(doubts[cell], key=lambda p: cause_rank(p.code))
        assert first.code == "not_zone_series", doubts[cell]
        assert "not the zone's series" in first.message and first.field_id == field and first.period == "2023Q1"
    assert read, result.problems  # the reader does read such exports (issue 10 point 7): the check must hold them


def test_the_zones_own_export_under_the_ceiling_is_read_without_that_doubt(framework, tmp_path):
    rows = [["日期", "进出口总额_累计值(亿美元)", "税收收入_累计值(亿元)"], [dt.date(2023, 3, 31), 3.1, 7.6]]
    result = ingest([write("xlsx", tmp_path, "导出", {"数据": rows})], framework.fields)
    assert {o.field for o in result.observations} == {"trade_total", "tax_revenue"}
    assert not any(p.code == "not_zone_series" for p in result.problems), result.problems


def test_each_ceiling_is_its_yardstick_mean_times_the_central_zones(framework):
    entries = {e["id"]: e for e in yaml.safe_load((indicators_dir() / "yardsticks.yaml").read_text("utf-8"))["entries"]}
    zones = entries["central_2023_zones"]["value"]
    to_field_unit = {"亿元": 10_000, "万美元": 1}
    means = {"gdp": "central_2023_gdp_mean", "tax_revenue": "central_2023_tax_mean",
             "trade_total": "central_2023_trade_mean", "fdi_actual": "central_2023_fdi_mean"}
    for field, entry in means.items():
        e = entries[entry]
        assert framework.fields[field].region_ceiling == pytest.approx(e["value"] * zones * to_field_unit[e["unit"]],
                                                                       rel=1e-3), field


def test_a_later_quarter_holding_only_the_national_figures_is_not_the_one_reported(tmp_path):
    # (c) the sample ends at 2022Q4; the export adds 2023Q1 with China's totals only: the run reports on 2022Q4, says
    # why, and --period 2023Q1 still reports on it
    from scorer.score.run import run
    from tests.conftest import sample_copy

    folder = sample_copy(tmp_path / "in")
    rows = [["指标名称", "进出口总额_累计值(亿美元)", "税收收入_累计值(亿元)"], [dt.date(2023, 3, 31), 13843.5, 52000.0]]
    write("xlsx", folder, "eps_nat_2023q1", {"数据": rows})
    r = run([folder], with_peers=False)
    assert r.result.period == "2022Q4"
    said = [p for p in r.result.problems if p.code == "period_passed_over"]
    assert len(said) == 1 and "2023Q1" in said[0].message and "--period 2023Q1" in str(said[0].hint)
    assert run([folder], period="2023Q1", with_peers=False).result.period == "2023Q1"
    clean = run([sample_copy(tmp_path / "clean")], with_peers=False)
    assert clean.result.period == "2022Q4" and not any(p.code == "period_passed_over" for p in clean.result.problems)
