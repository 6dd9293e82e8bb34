"""A statistic the office reports half-yearly by design (fields.yaml `reported`; the workbook's 二氧化碳排放量 is
按半年统计，1-3月、1-9月不报) is not asked for in the quarters it is not reported: no warning to add it, in the
console, under --strict or in the report; what the engine did is said (the last half-year's value carried
forward, or left out when there is none)."""

from __future__ import annotations

import re
import shutil

import pdfplumber
import pytest

from conftest import EXAMPLES, ROOT

CO2 = ("co2_intensity", "co2_growth")  # indicators/framework.yaml: both from co2_emissions (reported: half-yearly)


def _co2_problems(run):
    return [p for p in run.problems if getattr(p, "indicator", None) in CO2]


@pytest.mark.parametrize("period", ["2021Q1", "2022Q1", "2022Q3"])
def test_a_half_yearly_statistic_is_not_asked_for_in_the_first_and_third_quarters(layout_reports, period):
    run = layout_reports.run_of(period)
    found = _co2_problems(run)
    assert {p.indicator for p in found} == set(CO2)
    for p in found:
        assert p.severity == "note" and p.code == "not_reported_by_design", p
        assert "add the figures" not in str(p.hint or "") and "按半年统计" in p.message_zh


def test_the_note_says_which_half_year_s_value_is_used_and_it_is_that_value(layout_reports):
    run = layout_reports.run_of("2022Q3")
    for p in _co2_problems(run):
        assert "沿用2022年第二季度的数值" in p.message_zh, p.message_zh
    at = {i.id: i for i in run.result.indicators}
    q2 = {i.id: i for i in layout_reports.run_of("2022Q2").result.indicators}
    for ind in CO2:
        assert at[ind].imputed and at[ind].value == pytest.approx(q2[ind].value)


def test_with_no_earlier_value_the_note_says_it_is_not_scored(layout_reports):
    for p in _co2_problems(layout_reports.run_of("2021Q1")):
        assert "此前也无数值，本期不计分" in p.message_zh


def test_the_2021q1_report_says_not_reported_and_asks_for_nothing(layout_reports):
    with pdfplumber.open(layout_reports["q1"][0]) as pdf:
        text = re.sub(r"\s", "", "".join(page.extract_text() or "" for page in pdf.pages))
    assert "缺少二氧化碳排放量" not in text and "缺二氧化碳排放量" not in text
    assert "本季度不报的指标" in text and "二氧化碳排放量按半年统计" in text


def test_a_quarterly_statistic_missing_in_a_quarter_is_still_asked_for(tmp_path):
    """The same gap, with co2_emissions declared quarterly: a warning that asks for the figures, as before."""
    from scorer.pipeline import run

    for name in ("framework.yaml", "fields.yaml", "yardsticks.yaml", "rules.yaml", "exchange_rates.yaml", "glossary.yaml"):
        shutil.copy(ROOT / "indicators" / name, tmp_path / name)
    fields = (tmp_path / "fields.yaml").read_text(encoding="utf-8")
    assert "    reported: half-yearly" in fields
    (tmp_path / "fields.yaml").write_text(fields.replace("    reported: half-yearly", "    reported: quarterly"),
                                          encoding="utf-8")
    found = _co2_problems(run([EXAMPLES], tmp_path / "framework.yaml", "2022Q3"))
    assert found and all(p.severity == "warning" and p.code == "imputed_indicator" for p in found)
