"""bt13j F14: a trend row mixing price bases is labelled by the reported quarter's basis and marks the others.

Only the 1-12月 workbooks said GDP growth was at comparable prices (the 1-3/1-6/1-9月 ones 按现价计算): the category
page's five-quarter row read 「地区生产总值增长率（可比价） 6.3 / 3.2 / 7.3 / 6.7 / 5.1」, three of them current-price
rates, and 比上季 ↓ compared 5.1 at comparable prices with 6.7 at current prices. The workbooks are the sample's,
rewritten in tmp_path."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.conftest import EXAMPLES, run_cli


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    from openpyxl import load_workbook

    folder = tmp_path_factory.mktemp("mixed") / "zone"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("scenarios", "README.md"))
    changed = 0
    for path in folder.glob("*1-12月.xlsx"):
        book = load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "同比增长按现价计算" in cell.value:
                        cell.value = cell.value.replace("同比增长按现价计算", "地区生产总值同比增长按可比价计算，其余指标同比增长按现价计算")
                        changed += 1
        book.save(path)
    assert changed == 2
    return folder


def _row(html: str, name: str) -> list[str]:
    text = html.replace("\u2060", "")
    for m in re.finditer(re.escape(name) + r"[^<]*</td>(.*?)</tr>", text, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", m.group(1), re.S)]
        if len(cells) >= 6:  # the five-quarter table: unit and five values
            return cells
    raise AssertionError(f"no five-quarter row for {name}")


@pytest.mark.parametrize("lang, name, note", [("zh", "地区生产总值增长率（可比价）", "标‡者为按另一价格口径（现价）"),
                                              ("en", "GDP growth (comparable prices)", "another price basis (current prices)")])
def test_a_quarter_at_another_price_basis_is_marked_in_the_trend(mixed, tmp_path, lang, name, note):
    html = tmp_path / f"{lang}.html"
    done = run_cli("report", mixed, "--lang", lang, "--format", "html", "-o", html)
    assert done.returncode == 0, done.stderr
    text = html.read_text(encoding="utf-8")
    values = _row(text, name)[-5:]  # 2021Q4 … 2022Q4: the two year-end quarters comparable, Q1–Q3 current prices
    assert [v.endswith("‡") for v in values] == [False, True, True, True, False], values
    assert note in text.replace("\u2060", "").replace("\u00a0", " ")


def test_a_change_across_price_bases_is_not_comparable(mixed):
    from scorer.report.history import change_between, same_basis
    from scorer.report.model import _Words
    from scorer.pipeline import run

    result = run([mixed]).result
    assert result.price_bases[("2022Q4", "gdp_growth")] == "comparable"
    assert result.price_bases[("2022Q3", "gdp_growth")] == "nominal"
    assert not same_basis(result, "gdp_growth", "2022Q3") and same_basis(result, "gdp_growth", "2021Q4")
    w = _Words(result, "zh")
    assert change_between(result, "gdp_growth", "2022Q3", w) == ("", w.t("not_comparable_flag"))
    assert change_between(result, "gdp_growth", "2021Q4", w)[0] != ""
