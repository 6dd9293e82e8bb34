"""A growth rate is labelled with the price basis its workbook states (同比增长按现价计算), not the statistic's
official basis assumed: the sample's GDP growth was printed 地区生产总值增长率（可比价） beside a note saying
its rates are at current prices."""

from __future__ import annotations

import pytest

from scorer.read.text import price_basis_said


@pytest.mark.parametrize("notes, said", [
    ([["注：1.表中累计数为年初至报告期末累计数，同比增长按现价计算；"]], "nominal"),
    ([["按不变价计算"], [None, 3.5]], "comparable"),
    ([["当年价格"]], "nominal"),
    ([["同比增长按现价计算"], ["同比增长按可比价计算"]], None),  # both of every statistic: not said
    ([["单位：万元"], ["价格指数", 101.2]], None),
    ([], None),
])
def test_the_price_basis_a_sheet_says(notes, said):
    assert price_basis_said(notes) == said


@pytest.mark.parametrize("note, gdp, value_added, trade", [
    # bt13j F13: a note giving each statistic its basis was read as saying neither (GDP at current prices then
    # printed 可比价, its caveat gone)
    ("地区生产总值同比增长按现价计算，规上工业增加值同比增长按可比价计算", "nominal", "comparable", None),
    ("地区生产总值、规上工业增加值同比增长按可比价计算，其余指标按现价计算", "comparable", "comparable", "nominal"),
    ("注：地区生产总值增速按可比价格计算", "comparable", None, None),
    ("注：地区生产总值同比增长，按现价计算；其他指标按可比价计算", "nominal", "comparable", "comparable"),
    ("进出口总额同比增长按现价计算", None, None, "nominal"),  # not also 出口总额's: the longer name takes its span
    ("地区生产总值按现价和可比价计算", None, None, None),  # one clause, both: not said
])
def test_a_note_gives_each_statistic_it_names_its_basis(framework, note, gdp, value_added, trade):
    said = price_basis_said([[note]], framework.fields)
    assert (said.of("gdp"), said.of("industrial_value_added"), said.of("trade_total")) == (gdp, value_added, trade)
    if "进出口总额" in note and "其余" not in note:
        assert said.of("exports") is None


def test_the_samples_growth_rates_are_at_current_prices_as_their_note_says(sample_run):
    panel, period = sample_run.panel, sample_run.result.period
    growth = [o for (f, p, b), o in panel.sources.items() if b == "growth" and p == period
              and o.sheet == "主要经济指标"]
    assert growth and all(o.price_basis == "nominal" for o in growth)
    field = next(f for f, d in panel.fields.items() if d.growth_price_basis == "comparable"
                 and (f, period, "growth") in panel.sources and panel.sources[(f, period, "growth")].sheet == "主要经济指标")
    assert panel.published_basis(field, period) == "nominal"


def test_the_report_labels_gdp_growth_as_its_workbook_states(sample_run):
    from scorer.report.history import price_basis
    from scorer.report.model import _Words

    w = _Words(sample_run.result, "zh")
    labels = {i.id: price_basis(i, w) for i in sample_run.result.indicators}
    assert labels["gdp_growth"] == "（现价）", labels
    assert "（可比价）" not in labels.values()


def test_the_json_says_each_growth_rates_price_basis(tmp_path):
    """A rate at current prices scored against a target set at comparable prices was said only in the PDF: the
    JSON gave GDP growth with no word of its basis, so a consumer could not tell."""
    import json
    import shutil

    from tests.conftest import EXAMPLES, run_cli

    done = run_cli("score", EXAMPLES, "--json")
    assert done.returncode == 0, done.stderr
    basis = {i["id"]: i["price_basis"] for i in json.loads(done.stdout)["indicators"]}
    assert basis["gdp_growth"] == "nominal", basis  # the sample's notes: 同比增长按现价计算
    assert set(basis.values()) <= {None, "nominal", "comparable"}
    assert basis["fdi_growth"] is None  # no official comparable-price basis: nothing to say
    # The same workbooks without the note: GDP's published rate is its official comparable-price rate.
    folder = tmp_path / "wb"
    shutil.copytree(EXAMPLES, folder)
    from openpyxl import load_workbook
    changed = 0
    for path in folder.rglob("*.xlsx"):
        book = load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and "按现价计算" in cell.value:
                        cell.value = cell.value.replace("同比增长按现价计算", "同比增长按可比价计算")
                        changed += 1
        book.save(path)
    assert changed
    done = run_cli("score", folder, "--json")
    assert done.returncode == 0, done.stderr
    basis = {i["id"]: i["price_basis"] for i in json.loads(done.stdout)["indicators"]}
    assert basis["gdp_growth"] == "comparable", basis


def test_the_chinese_report_gives_each_rates_source_in_chinese():
    """The 汇率 table of the Chinese appendix printed the English source (and a path outside the repository)."""
    import re

    from scorer.units import exchange_rates

    rates = exchange_rates()
    assert 2020 in rates  # a 2021 workbook's 上年同期 dollars convert at 2020's rate, not refused
    for r in rates.values():
        assert re.search(r"[\u4e00-\u9fff]{6}", r.source_zh) and "shared/" not in r.source + r.source_zh, r


def test_a_chinese_message_names_regions_and_calibers_in_chinese(tmp_path):
    """'为 henan_old 口径，而该统计指标为 mofcom 口径' and '把 national 的数值换算为 central 的数值' were
    yardstick ids inside Chinese sentences."""
    import re
    import shutil

    from scorer.errors import ScorerError
    from scorer.framework.model import load_framework
    from scorer.resources import indicators_dir

    folder = tmp_path / "indicators"
    shutil.copytree(indicators_dir(), folder)
    path = folder / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("province_total: henan_2023_fdi_total_mofcom",
                                 "province_total: henan_2021_fdi_total_old", 1), encoding="utf-8")
    with pytest.raises(ScorerError) as caught:
        load_framework(path)
    zh = " ".join(p.message_zh or "" for p in caught.value.problems)
    assert "口径" in zh and not re.search(r"\b(mofcom|henan_old|national|central)\b", zh), zh


def test_the_data_appendix_labels_each_published_rate_by_what_its_sheet_says(sample_run):
    """The zone's 地区生产总值 同比 (its sheet: 同比增长按现价计算) had no label, while 全市地区生产总值 同比, whose sheet
    states no basis, was labelled 可比价: the appendix said the opposite of the workbooks."""
    from scorer.report.model import _data_rows, _Words

    w = _Words(sample_run.result, "zh")
    rows = _data_rows(sample_run.result, sample_run.panel, {}, w)
    growth = [(r, o) for r in rows if "同比" in r["period"]
              for o in [next(o for (f, p, b), o in sample_run.panel.sources.items()
                             if b == "growth" and r["source"].endswith(f"{o.sheet} › {o.cell}"))]]
    assert growth
    fields = sample_run.framework.fields
    for r, o in growth:
        if fields[o.field].growth_price_basis is None:  # no price basis to speak of (counts, dollars): no label
            assert "（现价）" not in r["period"] and "可比价" not in r["period"], r
        elif o.price_basis == "nominal":
            assert r["period"].endswith("同比（现价）"), r
        elif o.price_basis == "comparable":
            assert r["period"].endswith("同比（可比价）"), r
        else:
            assert "（可比价）" not in r["period"] and "（现价）" not in r["period"], r
    assert any(o.price_basis == "nominal" and fields[o.field].growth_price_basis for _, o in growth)
    assert any(o.price_basis and not fields[o.field].growth_price_basis for _, o in growth)  # the stamped kind


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_data_appendix_quotes_each_value_as_the_workbook_cell_holds_it(sample_run, lang):
    """bt13: 「报表原值」 said 48.6亿元 for a cell holding 48.59 and 1,500万美元 for 1,500.49, and the English column
    converted units (4.86 bn yuan, US$15m): a statistics officer could not match a row to its cell. Each row's
    figure as written is the cell's own number, every digit, in the workbook's own unit."""
    import openpyxl

    from scorer import fmt
    from scorer.report.model import _data_rows, _Words

    w = _Words(sample_run.result, lang)
    numbers = {f: n for n, f in enumerate(sorted({o.file for o in sample_run.panel.sources.values()}), 1)}
    rows = _data_rows(sample_run.result, sample_run.panel, numbers, w)
    books: dict = {}
    checked = 0
    for (field, period, basis), o in sample_run.panel.sources.items():
        row = next((r for r in rows if r["source"] == f"{w.t('file_ref', n=numbers[o.file])} › {o.sheet} › {o.cell}"),
                   None)
        if row is None or row["written"] == "—" or basis == "growth":
            continue
        book = books.setdefault(o.file, openpyxl.load_workbook(o.file, data_only=True, read_only=True))
        cell = book[o.sheet][o.cell].value
        if not isinstance(cell, (int, float)):
            continue
        written = row["written"].replace("\u2060", "").replace("\xa0", " ")
        assert written.startswith(fmt.figure(float(cell), 10)), (o.file, o.sheet, o.cell, cell, row["written"])
        unit = w.unit(o.unit_as_written.strip("()（）"))
        assert unit.replace(" ", "\xa0") in row["written"] or unit in written or not unit, (unit, written)  # 个, 家 unsaid
        checked += 1
    assert checked >= 20
