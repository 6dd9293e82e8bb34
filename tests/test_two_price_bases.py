"""bt13k F3: a workbook giving a growth rate at both price bases (现价增长 | 可比价增长) is read, not refused.

The usual statistics-office layout has a current-price and a comparable-price growth column side by side; the reader
took both as one kind and refused the workbook ("read twice with different growth rates"), advising the analyst to
delete a published column. GDP and 规上工业增加值 growth is now read from the comparable-price column (their official
basis, yardsticks.md §5) and labelled so; every other statistic's from the current-price one; a note names the
column left. Each workbook is the sample's, rewritten here in tmp_path.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLES, run_cli

BOOK = "周口经开区主要统计指标_2022年1-12月.xlsx"
NOMINAL = {6: 18.1, 7: 8.3, 15: 10.3, 25: 7.2}  # the sample's 同比 (E): FDI, trade, value added, GDP
COMPARABLE = {6: 17.0, 15: 8.1, 25: 6.5}  # a comparable-price column, as a statistics office would fill it
SPELLINGS = [("同比增长(%)", "可比价增长(%)"), ("现价增长(%)", "可比价增长(%)"), ("按现价计算增长(%)", "按可比价格计算增长(%)"), ("当年价增速(%)", "不变价增速(%)"),
             ("同比增长(现价,%)", "同比增长(不变价,%)")]


def _zone(tmp_path, change):
    from openpyxl import load_workbook

    folder = tmp_path / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "README.md"))
    book = load_workbook(folder / BOOK)
    change(book["主要经济指标"])
    book.save(folder / BOOK)
    return folder


def _score(folder) -> dict:
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def _rates(out: dict) -> dict:
    return {i["id"]: (i["value"], i["price_basis"]) for i in out["indicators"]
            if i["id"] in ("gdp_growth", "trade_growth", "fdi_growth")}


def _notes(out: dict) -> dict:
    return {p["cell"]: p["message_en"] for p in out["problems"] if p["code"] == "price_basis_column"}


@pytest.mark.parametrize("comparable_first", [False, True], ids=["nominal_first", "comparable_first"])
@pytest.mark.parametrize("nominal, comparable", SPELLINGS)
def test_both_price_bases_are_read_each_statistic_at_its_official_one(tmp_path, nominal, comparable, comparable_first):
    def change(ws):
        first, second = ("E", "F") if not comparable_first else ("F", "E")
        for r in range(5, 29):
            ws[f"{first}{r}"], ws[f"{second}{r}"] = ws[f"E{r}"].value, None
        ws[f"{first}4"], ws[f"{second}4"] = nominal, comparable
        for r, v in COMPARABLE.items():
            ws[f"{second}{r}"] = v

    out = _score(_zone(tmp_path, change))
    assert not [p for p in out["problems"] if p["level"] == "error"]
    rates = _rates(out)
    assert rates["gdp_growth"] == (6.5, "comparable"), rates  # the official comparable-price rate, so labelled
    assert rates["trade_growth"][0] == 8.3 and rates["fdi_growth"][0] == 18.1, rates  # current prices for the rest
    nominal_cell, comparable_cell = ("E4", "F4") if not comparable_first else ("F4", "E4")
    notes = _notes(out)
    assert "地区生产总值" in notes[nominal_cell] and comparable_cell in notes[nominal_cell], notes
    assert "实际使用外资" in notes[comparable_cell] and "地区生产总值" not in notes[comparable_cell], notes


def test_a_blank_comparable_cell_takes_the_current_price_rate_labelled_so(tmp_path):
    def change(ws):
        ws["E4"], ws["F4"] = "现价增长(%)", "可比价增长(%)"
        ws["F15"] = 8.1  # value added at comparable prices; GDP's comparable cell left blank

    out = _score(_zone(tmp_path, change))
    assert _rates(out)["gdp_growth"] == (7.2, "nominal")  # read, and said to be at current prices
    assert "地区生产总值" not in " ".join(_notes(out).values())  # nothing of GDP's was left out


def test_a_growth_header_over_two_price_columns_is_read(tmp_path):
    """同比增长(%) merged over 现价 | 可比价: the basis is said in the lower header row."""
    def change(ws):
        ws.unmerge_cells("C3:E3")
        ws.merge_cells("C3:D3")
        ws["E3"] = "同比增长(%)"
        ws.merge_cells("E3:F3")
        ws["E4"], ws["F4"] = "现价", "可比价"
        for r, v in COMPARABLE.items():
            ws[f"F{r}"] = v

    out = _score(_zone(tmp_path, change))
    assert _rates(out)["gdp_growth"] == (6.5, "comparable")
    assert "同比增长(%) › 可比价" in _notes(out)["E4"]


def test_the_columns_are_chosen_per_statistic():
    from scorer.framework.model import FieldDef
    from scorer.read.layout import Column
    from scorer.read.price_columns import choose, header_basis

    assert [header_basis(t) for t in ("现价增长", "按可比价格计算", "不变价", "同比增长", "现价可比价")] == [
        "nominal", "comparable", "comparable", None, None]
    e, f, g = Column(4, "growth", "现价增长(%)", "E4"), Column(5, "growth", "可比价增长(%)", "F4"), Column(2, "current", "1-12月累计", "C4")
    columns = [(g, "current", "2022Q4"), (e, "growth", "2022Q4"), (f, "growth", "2022Q4")]
    gdp = FieldDef.model_validate({"label": "地区生产总值", "unit": "亿元", "kind": "flow", "growth_price_basis": "comparable"})
    trade = FieldDef.model_validate({"label": "进出口总额", "unit": "亿元", "kind": "flow"})
    both = lambda col: True  # noqa: E731
    bases = {4: "nominal", 5: "comparable"}
    assert choose(columns, gdp, both) == ([columns[0], columns[2]], [(e, f)], bases)
    assert choose(columns, trade, both) == ([columns[0], columns[1]], [(f, e)], bases)
    assert choose(columns, trade, lambda col: col != 4) == ([columns[0], columns[2]], [], bases)  # its only figure
    plain = (Column(4, "growth", "同比增长(%)", "E4"), "growth", "2022Q4")  # a pair's unmarked rate: the other basis
    assert choose([plain, columns[2]], gdp, both) == ([columns[2]], [(plain[0], f)], bases)
    assert choose([plain], gdp, both) == ([plain], [], {})


def test_an_unmarked_rate_beside_a_comparable_one_is_read_as_current_prices(tmp_path):
    """同比增长(%) | 可比价增长(%) with no sheet note: GDP's comparable cell blank, its 同比 is the current-price rate,
    labelled so (not 'by convention comparable')."""
    def change(ws):
        ws["E4"], ws["F4"] = "同比增长(%)", "可比价增长(%)"
        ws["F15"] = 8.1
        ws["A29"] = "注：本表为示例数据，不代表真实统计。"  # the sample's note said 同比增长按现价计算

    out = _score(_zone(tmp_path, change))
    assert _rates(out)["gdp_growth"] == (7.2, "nominal")
