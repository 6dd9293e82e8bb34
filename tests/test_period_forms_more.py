"""More ways statistics offices write a quarter, read the same by --period, a workbook's title and a column's header
(bt15j F14: 2022年Q4, 2022年四季, 2022年1-3季度, 2022年一至三季度, 2022年1-6月份, 二〇二二年第二季度 were "not a quarter")."""

from __future__ import annotations

import pytest

from scorer.errors import ScorerError
from scorer.read.text import find_period, single_quarter
from scorer.score.run import parse_period

FORMS = [
    ("2022年Q4", "2022Q4"), ("2022年 q3", "2022Q3"), ("2022年四季", "2022Q4"), ("2022年第二季", "2022Q2"),
    ("2022年1-3季度", "2022Q3"), ("2022年1～2季度", "2022Q2"), ("2022年一至三季度", "2022Q3"),
    ("2022年一到四季度", "2022Q4"), ("2022年1-6月份", "2022Q2"), ("2022年1至9月份", "2022Q3"),
    ("二〇二二年第二季度", "2022Q2"), ("二零二三年一季度", "2023Q1"), ("二〇二二年1-12月", "2022Q4"),
]


@pytest.mark.parametrize("text, quarter", FORMS)
def test_the_option_reads_it(text, quarter):
    assert parse_period(text) == quarter


@pytest.mark.parametrize("text, quarter", FORMS)
def test_a_title_reads_it(text, quarter):
    assert find_period(f"周口经开区主要统计指标（{text}）") == (quarter, None)


@pytest.mark.parametrize("header", ["1-3季度", "一至三季度", "1-2季度累计"])
def test_a_header_of_a_cumulative_range_of_quarters_is_not_one_quarter_alone(header):
    assert single_quarter(header) is None


@pytest.mark.parametrize("text", ["2022年1-5月份", "二〇二二年1-5月", "2022年2-3季度"])
def test_what_is_not_a_quarter_s_end_is_still_refused(text):
    with pytest.raises(ScorerError):
        parse_period(text)


def test_four_seasons_without_a_year_is_no_period():
    assert find_period("四季花园项目") == (None, None)
