"""The bundled sample workbooks read exactly as written: every value, unit conversion and source cell."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from scorer.read.ingest import ingest, label_key, parse_number, CellError, find_period
from tests.conftest import EXAMPLES, ROOT


@pytest.fixture(scope="module")
def ingested(framework):
    return ingest([EXAMPLES], framework.fields)


def test_every_cell_of_the_truth_file_is_read_with_its_value_unit_period_and_basis(ingested):
    truth = list(csv.DictReader((ROOT / "tests/data/sample_truth.csv").open(encoding="utf-8")))
    got = {(Path(o.file).name, o.sheet, o.cell): o for o in ingested.observations}
    assert len(got) == len(ingested.observations) == len(truth)
    for row in truth:
        o = got[(row["file"], row["sheet"], row["cell"])]
        assert (o.field, o.period, o.basis, o.unit) == (row["field"], row["period"], row["basis"], row["unit"]), row
        assert math.isclose(o.value, float(row["value"]), rel_tol=1e-9, abs_tol=1e-9), row


def test_the_sample_reads_without_problems_and_knows_its_zone(ingested):
    assert ingested.problems == []
    assert ingested.zone_name() == "周口经济开发区"
    assert ingested.is_sample


@pytest.mark.parametrize("label, key, unit", [
    ("1.实际使用外资金额", "实际使用外资金额", None),
    ("其中：出口总额", "出口总额", None),
    ("（一）进出口总额（亿元）", "进出口总额", "亿元"),
    ("实际使用外资金额（万美元）①", "实际使用外资金额", "万美元"),
    ("　高新技术企业数 *", "高新技术企业数", None),
    ("地区生产总值(GDP)", "地区生产总值(GDP)", None),
])
def test_labels_are_normalised_before_matching(label, key, unit):
    assert label_key(label) == (key, unit)


@pytest.mark.parametrize("raw, value", [
    (12.5, 12.5), ("39,185.61", 39185.61), ("１２,３４５", 12345.0), (" 8.5% ", 8.5), ("－3.2", -3.2),
    ("—", None), ("-", None), ("…", None), ("", None), (None, None), ("12.5①", 12.5),
])
def test_cell_values(raw, value):
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["#DIV/0!", "n/a", True])
def test_cells_that_are_not_numbers_are_errors(raw):
    with pytest.raises(CellError):
        parse_number(raw)


@pytest.mark.parametrize("text, period", [
    ("2022年1-6月", "2022Q2"), ("2022年1—6月累计", "2022Q2"), ("2022年上半年", "2022Q2"), ("2022年二季度", "2022Q2"),
    ("2022年第2季度", "2022Q2"), ("2021年1-12月", "2021Q4"), ("2023年前三季度", "2023Q3"), ("2022Q1", "2022Q1"),
])
def test_periods(text, period):
    assert find_period(text)[0] == period
