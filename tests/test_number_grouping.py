"""One rule for commas in numbers, in every reader of numbers (bt17 F8).

A comma is a thousands separator only between groups of exactly three digits (1,234 · 12,345,678.5); anything
else (12,5 · 1,23 · 1,2345 · 1,2,3) is refused at its place, never read with its comma dropped ("12,5" was
read as 125 from a peer table, silently). Each reader below is given the same texts and must agree with the
rule; a new reader of numbers belongs in READERS.
"""

from __future__ import annotations

import pandas as pd
import pytest

from scorer import fmt
from scorer.errors import ScorerError
from scorer.read.text import CellError, parse_number
from scorer.score.coinr_table import Table
from scorer.score.peers import load_peers
from scorer.score.peer_numbers import _numbers, number_problem
from scorer.whatif.changes import ChangeError, parse_change

GOOD = {"1,234": 1234.0, "12,345,678.5": 12345678.5, "1，234": 1234.0, "-1,234": -1234.0, "123": 123.0, "12.5": 12.5}
BAD = ["12,5", "1,23", "1,2345", "1,2,3", "12,34,567", ",5", "1,234,56", "1_0"]


def _cell(text):
    return parse_number(text)


def _peer_table(text, tmp_path):
    numbers, wrong = _numbers(pd.Series([text, "3"], dtype=str))  # how load_peers reads every indicator column
    if wrong:
        raise ValueError(number_problem(text)[0])
    return numbers[0]


def _change(text):
    return parse_change(f"= {text} 万元", "万元").amount


def _coinr(text, tmp_path):
    problems = []
    values = Table(tmp_path / "t.csv", pd.DataFrame({"v": [text]}), None).numbers("v", problems, "data")
    if problems:
        raise ValueError(problems[0].render())
    return values[0]


REFUSED = (CellError, ScorerError, ChangeError, ValueError)


@pytest.mark.parametrize("reader", ["ungrouped", "cell", "peer_table", "change", "coinr"])
@pytest.mark.parametrize("text", BAD)
def test_a_comma_out_of_place_is_refused_by_every_reader(reader, text, tmp_path):
    if reader == "ungrouped":
        assert "_" in text or fmt.ungrouped(text) is None
        return
    with pytest.raises(REFUSED) as info:
        _read(reader, text, tmp_path)
    said = info.value.render() if isinstance(info.value, ScorerError) else str(info.value)
    assert text.replace("，", ",") in said or text in said


@pytest.mark.parametrize("reader", ["ungrouped", "cell", "peer_table", "change", "coinr"])
@pytest.mark.parametrize("text, value", list(GOOD.items()))
def test_thousands_separators_in_their_places_read_the_same_in_every_reader(reader, text, value, tmp_path):
    if reader == "ungrouped":
        import unicodedata
        assert float(fmt.ungrouped(unicodedata.normalize("NFKC", text))) == value
        return
    assert _read(reader, text, tmp_path) == value


def _read(reader, text, tmp_path):
    if reader == "cell":
        return _cell(text)
    if reader == "peer_table":
        return _peer_table(text, tmp_path)
    if reader == "change":
        return _change(text)
    return _coinr(text, tmp_path)


def test_a_decimal_comma_in_a_peer_table_is_refused_at_its_cell_with_a_hint_saying_so(framework, tmp_path):
    path = tmp_path / "peers.csv"
    path.write_text('名称,fdi_amount\n甲,4000\n乙,"4,5"\n丙,5000\n', encoding="utf-8")
    with pytest.raises(ScorerError) as info:
        load_peers(path, framework)
    [problem] = [p for p in info.value.problems if "4,5" in p.render()]
    assert (problem.location.line, problem.location.column) == (3, 2)
    assert "decimal comma" in problem.render() and "not a number" in problem.render()


SPACED_GOOD = {"1 234 567": 1234567.0, "1 234": 1234.0, "-1 234.5": -1234.5, " 12.5 ": 12.5}
SPACED_BAD = ["12 5", "1 2345", "12\u00a05", "1 23"]


@pytest.mark.parametrize("reader", ["cell", "peer_table", "change", "coinr"])
@pytest.mark.parametrize("text", SPACED_BAD)
def test_a_space_between_digits_that_does_not_group_thousands_is_refused_by_every_reader(reader, text, tmp_path):
    """i17 noticed: a workbook cell dropped every space, so `12 5` (two numbers, or a slip) was read as 125. A space
    between digits is a thousands separator only between groups of three (scorer.fmt.despaced), as a comma is."""
    with pytest.raises(REFUSED):
        _read(reader, text, tmp_path)


@pytest.mark.parametrize("reader", ["cell", "peer_table", "change", "coinr"])
@pytest.mark.parametrize("text, value", list(SPACED_GOOD.items()))
def test_spaces_grouping_thousands_read_the_same_in_every_reader(reader, text, value, tmp_path):
    assert _read(reader, text, tmp_path) == value
