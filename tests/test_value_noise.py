"""bt10f F8: a value converted by a factor (a stored 0.173 under a 0.0% format ×100, 亿元 → 万元 ×10 000) carried the
binary noise of the product into the JSON (17.299999999999997, 11000.000000000002). Kept to 15 significant digits, the
value is the figure as the cell shows it. Workbooks built here; values chosen so that the bare product is noisy."""

from __future__ import annotations

import json

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import HEADER, MERGES, Percent, write

ROWS = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER,
        ["地区生产总值", "亿元", 0.17, 0.14, Percent(0.214)],  # 0.17 × 10 000 = 1700.0000000000002 bare
        ["税收收入", "亿元", 0.07, 0.06, Percent(0.167)],
        ["进出口总额", "亿元", 0.34, 0.28, Percent(0.173)]]


@pytest.mark.parametrize("fmt", ["xlsx", "strict", "xls"])
def test_converted_values_are_the_figures_as_shown(framework, tmp_path, fmt):
    assert 0.17 * 10_000 != 1_700 and 0.173 * 100 != 17.3  # the products are noisy: the test can fail
    path = write(fmt, tmp_path, "噪声_2022年1-6月", {"表1": ROWS}, {"表1": MERGES})
    got = {(o.field, o.column): o.value for o in ingest([path], framework.fields).observations}
    assert got == {("gdp", "current"): 1_700.0, ("gdp", "prior"): 1_400.0, ("gdp", "growth"): 21.4,
                   ("tax_revenue", "current"): 700.0, ("tax_revenue", "prior"): 600.0,
                   ("tax_revenue", "growth"): 16.7,
                   ("trade_total", "current"): 3_400.0, ("trade_total", "prior"): 2_800.0,
                   ("trade_total", "growth"): 17.3}


def test_the_json_carries_no_float_noise(tmp_path):
    path = write("xlsx", tmp_path, "噪声_2022年1-6月", {"表1": ROWS}, {"表1": MERGES})
    done = run_cli("ingest", path, "--json")
    values = [o["value"] for o in json.loads(done.stdout)["observations"]]
    assert values and all(len(repr(v)) <= 10 for v in values), values
