"""A money column off by the yuan-per-dollar rate (a trade column in 亿美元 with no unit in its header: 6.87× small;
FDI in 万元 read as 万美元: 7.05× large) is hinted as a currency slip, not as '10× too small' or 'a digit or a 千/万
slip' (i12b, bt12g §8); a column ×10 keeps its digit's hint."""

from __future__ import annotations

import pytest

from scorer.errors import ScorerError
from scorer.score.peers import load_peers
from tests.test_peer_claims import copy_table


@pytest.mark.parametrize("column, factor", [("trade_amount", 1 / 6.87), ("fdi_amount", 7.05), ("tax_revenue", 1 / 7.1),
                                            ("gdp_amount", 6.45)])
def test_a_money_column_off_by_the_exchange_rate_is_hinted_as_a_currency_slip(framework, tmp_path, column, factor):
    path = copy_table(tmp_path, column, scale={column: factor})
    with pytest.raises(ScorerError) as exc:
        load_peers(path, framework)
    said = [p for p in exc.value.problems if column in str(p.message)]
    assert said, [str(p.message) for p in exc.value.problems]
    hint = str(said[0].hint)
    assert "yuan-per-dollar" in hint, hint  # a ratio near 8 may be a digit too: the hint names both
    assert "汇率" in (said[0].hint_zh or "")


def test_a_money_column_ten_times_off_keeps_the_digits_hint(framework, tmp_path):
    path = copy_table(tmp_path, "x10", scale={"trade_amount": 0.1})
    with pytest.raises(ScorerError) as exc:
        load_peers(path, framework)
    said = [p for p in exc.value.problems if "trade_amount" in str(p.message)]
    assert said and "yuan-per-dollar" not in str(said[0].hint)
