"""A hint offering --hidden-sheets says which commands take it (bt10g F7: `scorer compare` refused a workbook whose
table is on a hidden sheet with the hint "read hidden sheets with --hidden-sheets", an option compare does not have).
Every hint offering the option names the commands, and each command named takes it."""

from __future__ import annotations

import re

import pytest

from scorer.read.ingest import ingest
from tests.conftest import run_cli
from tests.workbooks import write_xlsx

TABLE = [["周口经济开发区2022年1-6月主要经济指标"], ["指标名称", "计量单位", "1-6月累计", "上年同期", "同比增长(%)"],
         ["地区生产总值", "亿元", 120.9, 112.71, 7.3], ["税收收入", "亿元", 7.62, 7.08, 7.6]]


@pytest.mark.parametrize("hide", ["sheet", "veryhidden", "row", "column"])
def test_every_hint_offering_hidden_sheets_names_the_commands_that_take_it(tmp_path, framework, hide):
    if hide in ("sheet", "veryhidden"):
        sheets = {"封面": [["周口经济开发区统计月报"]], "表1": TABLE}
        path = write_xlsx(tmp_path / "周口经开区_2022年1-6月.xlsx", sheets,
                          hidden={"表1": "hidden" if hide == "sheet" else "veryhidden"})
    else:
        path = write_xlsx(tmp_path / "周口经开区_2022年1-6月.xlsx", {"表1": TABLE},
                          hide={"表1": {"rows": [3]} if hide == "row" else {"cols": [4]}})
    result = ingest([path], framework.fields)
    hints = [p.hint for p in result.problems if p.hint and "--hidden-sheets" in p.hint]
    assert hints, [(p.message, p.hint) for p in result.problems]
    named = set()
    for hint in hints:
        m = re.search(r"--hidden-sheets \(an option of scorer (\w+), (\w+) and (\w+)", hint)
        assert m, hint
        named |= set(m.groups())
    for command in sorted(named):
        assert "--hidden-sheets" in run_cli(command, "--help", "--lang", "en").stdout, command
