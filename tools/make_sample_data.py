#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE sample workbooks of the Zhoukou Economic Development Zone.

示例数据：依据周口经开区规模虚构的示意值，仅供演示，不代表真实统计。

The numbers are invented with plausible magnitudes for a mid-sized provincial zone in central China
(modelled on 周口经济开发区, Henan).  They are NOT real statistics.

Outputs (all deterministic, byte-identical from run to run):

* ``examples/周口经开区主要统计指标_<YYYY>年1-<N>月.xlsx`` -- eight quarterly workbooks, 2021Q1..2022Q4,
  laid out the way a Chinese statistics office lays out its tables (three sheets each);
* ``examples/README.md`` -- what the data are and how they are laid out (Chinese + English);
* ``tests/data/sample_truth.csv`` -- the ground truth of every number cell written, converted to the
  field's canonical unit (as in the data dictionary ``fields.csv``).

After writing, the script re-opens every workbook with python-calamine and openpyxl and checks every
truth row, the merged ranges, the cross-workbook coherence and the growth rates (``--no-verify`` skips
this; ``--verify-only`` checks existing files without rewriting them).

Regenerate::

    /work/main/.venv/bin/python tools/make_sample_data.py
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import re
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "examples"
DEFAULT_TRUTH = ROOT / "tests" / "data" / "sample_truth.csv"
# The data dictionary lives outside the repository; it is only used to cross-check the table below.
FIELDS_CSV_CANDIDATES = [
    ROOT / "indicators" / "fields.csv",
    ROOT.parent / "shared" / "domain" / "fields.csv",
    Path("/work/shared/domain/fields.csv"),
]

SEED = 20230113  # fixed: the day MOFCOM published the 2021-data assessment
WORKBOOKS = [(2021, 1), (2021, 2), (2021, 3), (2021, 4), (2022, 1), (2022, 2), (2022, 3), (2022, 4)]
YEARS = (2020, 2021, 2022)  # 2020 only appears as the 上年同期 of the 2021 workbooks
ZONE = "周口经济开发区"
CITY = "周口市"
DISCLAIMER = "（示例数据：依据周口经开区规模虚构的示意值，仅供演示，不代表真实统计）"
DASH = "—"  # U+2014, how the office marks "not reported"


def file_name(year: int, q: int) -> str:
    return f"周口经开区主要统计指标_{year}年1-{3 * q}月.xlsx"


# --------------------------------------------------------------------------------------------------
# Data dictionary (copied from fields.csv: field -> (Chinese label, canonical unit, kind)).
# --------------------------------------------------------------------------------------------------
FIELDS: dict[str, tuple[str, str, str]] = {
    "fdi_actual": ("实际使用外资金额", "万美元", "flow"),
    "city_fdi_actual": ("全市实际使用外资金额", "万美元", "flow"),
    "trade_total": ("进出口总额", "万元", "flow"),
    "exports": ("出口总额", "万元", "flow"),
    "hightech_trade": ("高新技术产品进出口额", "万元", "flow"),
    "city_trade_total": ("全市进出口总额", "万元", "flow"),
    "foreign_enterprises": ("外商投资企业数", "家", "stock"),
    "rd_expenditure": ("规上工业企业R&D经费支出", "万元", "flow"),
    "industrial_revenue": ("规上工业营业收入", "万元", "flow"),
    "rd_institutions": ("省级及以上研发机构数", "个", "stock"),
    "hightech_enterprises": ("高新技术企业数", "家", "stock"),
    "incubators": ("省级及以上孵化器和众创空间数", "个", "stock"),
    "national_incubators": ("国家级孵化器和众创空间数", "个", "stock"),
    "invention_patents": ("有效发明专利拥有量", "件", "stock"),
    "population": ("常住人口", "万人", "stock"),
    "hightech_value_added": ("高新技术产业增加值", "万元", "flow"),
    "industrial_value_added": ("规上工业增加值", "万元", "flow"),
    "energy_consumption": ("规上工业综合能源消费量", "吨标准煤", "flow"),
    "co2_emissions": ("二氧化碳排放量", "吨", "flow"),
    "water_consumption": ("工业新鲜水耗", "立方米", "flow"),
    "solid_waste_generated": ("一般工业固体废物产生量", "吨", "flow"),
    "solid_waste_utilized": ("一般工业固体废物综合利用量", "吨", "flow"),
    "new_urban_jobs": ("城镇新增就业人数", "人", "flow"),
    "joint_parks": ("合作共建园区数", "个", "stock"),
    "safety_env_incidents": ("较大及以上安全生产事故和环保督察问题数", "起", "flow"),
    "city_tax_revenue": ("全市税收收入", "万元", "flow"),
    "gdp": ("地区生产总值", "万元", "flow"),
    "city_gdp": ("全市地区生产总值", "万元", "flow"),
    "tax_revenue": ("税收收入", "万元", "flow"),
    "industrial_output": ("规上工业总产值", "万元", "flow"),
    "fixed_asset_investment": ("固定资产投资", "万元", "flow"),
    "built_area": ("建成区面积", "平方公里", "stock"),
    "approved_area": ("审核公告面积", "平方公里", "stock"),
    "large_manufacturers": ("营业收入15亿元以上制造业企业数", "家", "stock"),
    "listed_companies": ("上市企业数", "家", "stock"),
}

# written unit -> canonical unit -> factor (canonical = written * factor)
FACTORS: dict[tuple[str, str], Decimal] = {
    ("亿元", "万元"): Decimal(10000),
    ("万元", "万元"): Decimal(1),
    ("万美元", "万美元"): Decimal(1),
    ("吨标准煤", "吨标准煤"): Decimal(1),
    ("万吨", "吨"): Decimal(10000),
    ("吨", "吨"): Decimal(1),
    ("万立方米", "立方米"): Decimal(10000),
    ("人", "人"): Decimal(1),
    ("起", "起"): Decimal(1),
    ("人", "万人"): Decimal("0.0001"),
    ("家", "家"): Decimal(1),
    ("个", "个"): Decimal(1),
    ("件", "件"): Decimal(1),
    ("平方公里", "平方公里"): Decimal(1),
}


def factor(written_unit: str, field: str) -> Decimal:
    return FACTORS[(written_unit, FIELDS[field][1])]


# --------------------------------------------------------------------------------------------------
# Sheet layouts.  Each data row: (field, label as written, unit as written, decimals, is_sub_item)
# --------------------------------------------------------------------------------------------------
MAIN_SHEET = "主要经济指标"
STOCK_SHEET = "科技与园区"
CITY_SHEET = "所在市"

MAIN_ROWS: list[tuple] = [
    ("group", "一、对外开放"),
    ("fdi_actual", "1.实际使用外资金额", "万美元", 2, False),
    ("trade_total", "2.进出口总额", "亿元", 2, False),
    ("exports", "其中：出口总额", "亿元", 2, True),
    ("hightech_trade", "其中：高新技术产品进出口额", "亿元", 2, True),
    ("group", "二、科技创新"),
    ("rd_expenditure", "1.规上工业企业R&D经费支出", "万元", 2, False),
    ("industrial_revenue", "2.规上工业营业收入", "亿元", 2, False),
    ("hightech_value_added", "3.高新技术产业增加值", "万元", 2, False),
    ("group", "三、绿色发展"),
    ("industrial_value_added", "规上工业增加值", "万元", 2, False),
    ("energy_consumption", "规上工业综合能源消费量", "吨标准煤", 2, False),
    ("co2_emissions", "二氧化碳排放量", "万吨", 2, False),
    ("water_consumption", "工业新鲜水耗", "万立方米", 2, False),
    ("solid_waste_generated", "一般工业固体废物产生量", "吨", 2, False),
    ("solid_waste_utilized", "一般工业固体废物综合利用量", "吨", 2, False),
    ("group", "四、统筹协调"),
    ("new_urban_jobs", "城镇新增就业人数", "人", 0, False),
    ("safety_env_incidents", "较大及以上安全生产事故和环保督察问题数", "起", 0, False),
    ("group", "五、发展质量"),
    ("gdp", "1.地区生产总值", "亿元", 2, False),
    ("tax_revenue", "2.税收收入", "亿元", 2, False),
    ("industrial_output", "3.规上工业总产值", "亿元", 2, False),
    ("fixed_asset_investment", "4.固定资产投资", "万元", 2, False),
]
MAIN_FIRST_ROW = 5  # 1-based Excel row of the first body row

STOCK_ROWS: list[tuple] = [
    ("foreign_enterprises", "外商投资企业数（家）", "家", 0, False),
    ("rd_institutions", "省级及以上研发机构数（个）", "个", 0, False),
    ("hightech_enterprises", "高新技术企业数（家）", "家", 0, False),
    ("incubators", "省级及以上孵化器和众创空间数（个）", "个", 0, False),
    ("invention_patents", "有效发明专利拥有量（件）", "件", 0, False),
    ("population", "常住人口（人）", "人", 0, False),
    ("joint_parks", "合作共建园区数（个）", "个", 0, False),
    ("built_area", "建成区面积（平方公里）", "平方公里", 2, False),
    ("large_manufacturers", "营业收入15亿元以上制造业企业数（家）", "家", 0, False),
    ("listed_companies", "上市企业数（家）", "家", 0, False),
    ("national_incubators", "国家级孵化器和众创空间数（个）", "个", 0, False),
    ("approved_area", "审核公告面积（平方公里）", "平方公里", 2, False),
]
STOCK_FIRST_ROW = 5

CITY_NOTE_UNIT = "万元"
CITY_ROWS: list[tuple] = [
    ("city_gdp", "全市地区生产总值", "万元", 0, False),
    ("city_trade_total", "全市进出口总额", "万元", 0, False),
    ("city_tax_revenue", "全市税收收入", "万元", 0, False),
    ("city_fdi_actual", "全市实际使用外资金额（万美元）", "万美元", 2, False),
]
CITY_FIRST_ROW = 6

MAIN_NOTE = ("注：1.表中累计数为年初至报告期末累计数，同比增长按现价计算；2.二氧化碳排放量按半年统计，"
             "1-3月、1-9月不报，以“—”表示；3.上年同期为0时同比增长以“—”表示；4.本表为示例数据，不代表真实统计。")
STOCK_NOTE = "注：期末数为报告期末时点数，上年同期为上年同月末数；本表为示例数据，不代表真实统计。"
CITY_NOTE = "注：全市数据为周口市全市口径；全市实际使用外资金额单位为万美元；本表为示例数据，不代表真实统计。"


# --------------------------------------------------------------------------------------------------
# The invented numbers
# --------------------------------------------------------------------------------------------------
# Full-year totals of 2022 in canonical units (each moved by a seeded ±2%), and growth (2021 over 2020, 2022 over 2021).
ANNUAL_2022 = {
    "gdp": 2_600_000.0,                # 260亿元
    "industrial_output": 6_200_000.0,  # 620亿元
    "tax_revenue": 160_000.0,          # 16亿元
    "fdi_actual": 1_500.0,             # 1 500万美元: Ministry caliber, 2% of Henan's US$7.5亿 (2023)
    "trade_total": 480_000.0,          # 48亿元
    "new_urban_jobs": 4_500.0,
    "fixed_asset_investment": 1_900_000.0,  # 190亿元
    "city_gdp": 37_000_000.0,          # 3 700亿元
    "city_trade_total": 1_500_000.0,   # 150亿元
    "city_fdi_actual": 5_200.0,        # 5 200万美元: Ministry caliber (the old provincial caliber was ~30× larger)
    "city_tax_revenue": 1_800_000.0,   # 180亿元
}
GROWTH = {  # (2021/2020 - 1, 2022/2021 - 1)
    "gdp": (0.098, 0.072),
    "industrial_output": (0.142, 0.095),
    "tax_revenue": (0.121, 0.085),
    "fdi_actual": (0.223, 0.181),
    "trade_total": (0.212, 0.083),
    "new_urban_jobs": (0.055, 0.027),
    "fixed_asset_investment": (0.095, 0.112),
    "city_gdp": (0.081, 0.046),
    "city_trade_total": (0.251, 0.101),
    "city_fdi_actual": (0.153, 0.121),
    "city_tax_revenue": (0.102, 0.031),
}
# Ratios of derived flows to their base flow, by year (2020, 2021, 2022).
RATIOS = {
    "industrial_revenue": ("industrial_output", (0.955, 0.962, 0.968)),
    "industrial_value_added": ("industrial_output", (0.221, 0.224, 0.226)),
    "hightech_value_added": ("industrial_value_added", (0.290, 0.310, 0.330)),
    "rd_expenditure": ("industrial_revenue", (0.0138, 0.0148, 0.0160)),   # R&D intensity
    "energy_consumption": ("industrial_value_added", (0.498, 0.472, 0.450)),  # tce per 万元
    "co2_emissions": ("industrial_value_added", (1.22, 1.16, 1.10)),          # t per 万元
    "water_consumption": ("industrial_value_added", (5.7, 5.3, 5.0)),         # m3 per 万元
    "solid_waste_generated": ("industrial_value_added", (0.128, 0.125, 0.121)),  # t per 万元
    "solid_waste_utilized": ("solid_waste_generated", (0.845, 0.862, 0.881)),   # utilisation rate
    "exports": ("trade_total", (0.58, 0.59, 0.60)),
    "hightech_trade": ("trade_total", (0.18, 0.19, 0.20)),
}
DERIVED_ORDER = ["industrial_revenue", "industrial_value_added", "hightech_value_added", "rd_expenditure",
                 "energy_consumption", "co2_emissions", "water_consumption", "solid_waste_generated",
                 "solid_waste_utilized", "exports", "hightech_trade"]
# Cumulative share of the year reached by the end of Q1, Q2, Q3 (2020: the COVID-hit first quarter).
PROFILE = {2020: (0.19, 0.45, 0.715), 2021: (0.21, 0.47, 0.73), 2022: (0.21, 0.47, 0.73)}
PROFILE_OFFSET = {
    "fixed_asset_investment": (-0.03, 0.01, 0.03),
    "new_urban_jobs": (0.03, 0.05, 0.04),
    "fdi_actual": (-0.02, -0.02, -0.01),
    "city_fdi_actual": (-0.01, -0.01, 0.0),
}
# Cumulative counts (0 is a true zero, written as 0).
INCIDENTS = {2020: (0, 1, 1, 1), 2021: (0, 0, 1, 1), 2022: (0, 0, 0, 0)}
# Quarter-end stocks 2020Q1..2022Q4 (in the unit written in the workbook).
STOCKS = {
    "foreign_enterprises": (30, 30, 31, 31, 32, 33, 33, 34, 35, 36, 37, 38),
    "rd_institutions": (22, 22, 23, 24, 25, 25, 26, 28, 28, 29, 30, 32),
    "hightech_enterprises": (58, 58, 59, 71, 71, 72, 73, 89, 89, 91, 92, 110),  # batches recognised in Q4
    "incubators": (4, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 6),
    "national_incubators": (0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2),  # of which national level
    "invention_patents": (262, 271, 283, 296, 305, 318, 330, 347, 361, 378, 396, 421),
    "population": (69180, 69240, 69315, 69420, 69610, 69820, 70090, 70350, 70680, 71020, 71450, 71860),
    "joint_parks": (2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3),
    "approved_area": ("35.00",) * 12,  # 《中国开发区审核公告目录》 area (illustrative)
    "built_area": ("20.12", "20.18", "20.31", "20.45", "20.58", "20.74", "20.96", "21.20",
                   "21.36", "21.55", "21.78", "22.04"),
    "large_manufacturers": (4, 4, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6),
    "listed_companies": (1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2),
}


def quantize(x: Decimal | float, decimals: int) -> Decimal:
    return Decimal(repr(float(x)) if isinstance(x, float) else x).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def build_data() -> dict[tuple[str, int, int], Decimal]:
    """Return {(field, year, quarter): value in the unit WRITTEN in the workbook}.

    Flows are year-to-date cumulative; stocks are quarter-end values.  co2_emissions exists only for
    Q2 and Q4 (half-yearly reporting).
    """
    rng = random.Random(SEED)
    canon: dict[tuple[str, int, int], float] = {}

    # base flows: annual totals spread with a seasonal profile
    for field, total in ANNUAL_2022.items():
        g21, g22 = GROWTH[field]
        total *= 1 + rng.uniform(-0.02, 0.02)  # keep the headline numbers from looking round
        annual = {2022: total, 2021: total / (1 + g22)}
        annual[2020] = annual[2021] / (1 + g21)
        for year in YEARS:
            off = PROFILE_OFFSET.get(field, (0.0, 0.0, 0.0))
            shares = [PROFILE[year][i] + off[i] + rng.uniform(-0.006, 0.006) for i in range(3)] + [1.0]
            assert all(a < b for a, b in zip(shares, shares[1:])), (field, year, shares)
            for q in range(1, 5):
                canon[(field, year, q)] = annual[year] * shares[q - 1]

    # derived flows: a ratio of another flow, with a little quarter-to-quarter noise
    for field in DERIVED_ORDER:
        base, ratios = RATIOS[field]
        for yi, year in enumerate(YEARS):
            for q in range(1, 5):
                noise = 1.0 + rng.uniform(-0.008, 0.008)
                canon[(field, year, q)] = canon[(base, year, q)] * ratios[yi] * noise

    # into the units written in the workbooks, rounded as the office rounds them
    layout = {row[0]: row for row in MAIN_ROWS + STOCK_ROWS + CITY_ROWS if row[0] != "group"}
    data: dict[tuple[str, int, int], Decimal] = {}
    for (field, year, q), value in canon.items():
        _, _, unit, decimals, _ = layout[field]
        data[(field, year, q)] = quantize(value / float(factor(unit, field)), decimals)
    for year in YEARS:
        for q in (1, 3):
            del data[("co2_emissions", year, q)]
        for q in range(1, 5):
            data[("safety_env_incidents", year, q)] = Decimal(INCIDENTS[year][q - 1])
    for field, values in STOCKS.items():
        for i, v in enumerate(values):
            data[(field, YEARS[i // 4], i % 4 + 1)] = Decimal(str(v))

    # A 同比 rate that lands exactly on x.x5 would round differently half-up and half-even; nudge the
    # current value of such a flow up by one unit of its last written decimal (deterministic, rare).
    for year in YEARS[1:]:
        for q in range(1, 5):
            for field in sorted(FIELDS):
                cur, prior = data.get((field, year, q)), data.get((field, year - 1, q))
                if cur is None or not prior or FIELDS[field][2] != "flow":
                    continue
                while is_tie(cur, prior):
                    cur += Decimal(1).scaleb(cur.as_tuple().exponent)
                data[(field, year, q)] = cur

    # sanity: cumulative flows rise within a year; sub-items below their totals
    for field, (_, _, kind) in FIELDS.items():
        if kind != "flow" or field == "safety_env_incidents":
            continue
        for year in YEARS:
            seq = [data[(field, year, q)] for q in range(1, 5) if (field, year, q) in data]
            assert all(a < b for a, b in zip(seq, seq[1:])), (field, year, seq)
    for (field, year, q), v in data.items():
        if field in ("exports", "hightech_trade"):
            assert v < data[("trade_total", year, q)]
        if field == "solid_waste_utilized":
            assert v < data[("solid_waste_generated", year, q)]
    return data


def is_tie(cur: Decimal, prior: Decimal) -> bool:
    exact = (cur / prior - 1) * 100
    return abs((abs(exact) * 10) % 1 - Decimal("0.5")) <= Decimal("1e-9")


def growth(cur: Decimal, prior: Decimal) -> Decimal | None:
    """同比增长(%) = round((cur/prior - 1) * 100, 1); None when prior is 0 (written as —)."""
    if prior == 0:
        return None
    exact = (cur / prior - 1) * 100
    g = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    # refuse exact ties so that half-up and Python's round() agree
    assert not is_tie(cur, prior), ("rounding tie", cur, prior, exact)
    assert round((float(cur) / float(prior) - 1) * 100, 1) == float(g), (cur, prior, g)
    return g


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------
def col_letter(c: int) -> str:  # 0-based
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def a1(r: int, c: int) -> str:  # 0-based
    return f"{col_letter(c)}{r + 1}"


def period(year: int, q: int) -> str:
    return f"{year}Q{q}"


class Formats:
    def __init__(self, wb):
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}

        def f(**kw):
            return wb.add_format({**base, **kw})

        self.title = f(bold=True, font_size=16, align="center")
        self.disclaimer = f(font_size=10, align="center", font_color="#C00000")
        self.unit_note = f(font_size=10, align="right")
        self.header = f(bold=True, border=1, align="center", text_wrap=True, bg_color="#D9E1F2")
        self.group = f(bold=True, border=1, align="left")
        self.label = f(border=1, align="left")
        self.sublabel = f(border=1, align="left", indent=1)
        self.unit = f(border=1, align="center")
        self.num2 = f(border=1, num_format="#,##0.00")
        self.num0 = f(border=1, num_format="#,##0")
        self.pct = f(border=1, num_format="0.0")
        self.text_num = f(border=1, align="right")
        self.dash = f(border=1, align="center")
        self.blank = f(border=1)
        self.note = f(font_size=9, align="left", text_wrap=True)


class Sheet:
    """Writes one sheet and records truth rows, merged ranges and candidate number cells."""

    def __init__(self, wb, name, fmts, widths):
        self.ws = wb.add_worksheet(name)
        self.name = name
        self.fmts = fmts
        self.merged: list[str] = []
        self.cells: list[dict] = []  # number cells written (truth rows before text substitution)
        for i, w in enumerate(widths):
            self.ws.set_column(i, i, w)
        self.ws.set_paper(9)
        self.ws.fit_to_pages(1, 0)

    def merge(self, rng_a1: str, text: str, fmt):
        self.ws.merge_range(rng_a1, text, fmt)
        self.merged.append(rng_a1)

    def number(self, r, c, value: Decimal, decimals: int, *, field, per, basis, label, unit_written):
        fmt = self.fmts.pct if basis == "growth" else (self.fmts.num2 if decimals else self.fmts.num0)
        self.ws.write_number(r, c, int(value) if decimals == 0 and basis != "growth" else float(value), fmt)
        if basis == "growth":
            canonical, unit = value, "%"
        else:
            canonical = value * factor(unit_written, field)
            unit = FIELDS[field][1]
        self.cells.append(dict(sheet=self.name, r=r, c=c, cell=a1(r, c), field=field, period=per,
                               basis=basis, value=canonical, unit=unit, label_as_written=label,
                               unit_as_written=unit_written, written=value, decimals=decimals))

    def as_text(self, cell: dict):
        """Overwrite a number cell with the number as text, the way offices paste it (39,185.61)."""
        spec = f",.{cell['decimals']}f"
        self.ws.write_string(cell["r"], cell["c"], format(cell["written"], spec), self.fmts.text_num)
        cell["text"] = True


def write_period_block(sh: Sheet, rows, first_row, year, q, data, *, label_col, value_col, unit_from):
    """Write body rows: label, [unit], current, prior, growth.  unit_from(row) -> unit written."""
    fm = sh.fmts
    r = first_row - 1
    for row in rows:
        if row[0] == "group":
            sh.ws.write_string(r, label_col, row[1], fm.group)
            for c in range(label_col + 1, value_col + 3):
                sh.ws.write_blank(r, c, None, fm.blank)
            r += 1
            continue
        field, label, unit, decimals, sub = row
        sh.ws.write_string(r, label_col, label, fm.sublabel if sub else fm.label)
        if value_col - label_col == 2:
            sh.ws.write_string(r, label_col + 1, unit, fm.unit)
        cur = data.get((field, year, q))
        prior = data.get((field, year - 1, q))
        kind = FIELDS[field][2]
        basis = "ytd" if kind == "flow" else "stock"
        for c, v, per in ((value_col, cur, period(year, q)), (value_col + 1, prior, period(year - 1, q))):
            if v is None:
                sh.ws.write_string(r, c, DASH, fm.dash)
            else:
                sh.number(r, c, v, decimals, field=field, per=per, basis=basis, label=label,
                          unit_written=unit_from(row))
        g = growth(cur, prior) if cur is not None and prior is not None else None
        if g is None:
            sh.ws.write_string(r, value_col + 2, DASH, fm.dash)
        else:
            sh.number(r, value_col + 2, g, 1, field=field, per=period(year, q), basis="growth",
                      label=label, unit_written="%")
        r += 1
    return r  # 0-based index of the row after the body


def write_workbook(path: Path, year: int, q: int, data) -> list[dict]:
    import xlsxwriter

    n = 3 * q
    wb = xlsxwriter.Workbook(str(path), {"in_memory": True})
    # fixed properties -> byte-identical output; "created" is a plausible send date after the quarter
    send_month = n + 1 if n < 12 else 1
    send_year = year if n < 12 else year + 1
    wb.set_properties({
        "title": f"{ZONE}{year}年1-{n}月主要统计指标（示例数据）",
        "subject": "示例数据 / ILLUSTRATIVE sample data - not real statistics",
        "author": "周口经济开发区统计（示例）",
        "company": "示例 / illustrative",
        "comments": "Invented values with plausible magnitudes; generated by tools/make_sample_data.py",
        "created": dt.datetime(send_year, send_month, 15, 9, 0, 0),
    })
    fm = Formats(wb)
    sheets: list[Sheet] = []

    # ---- 主要经济指标 (flows; unit column) ------------------------------------------------------
    sh = Sheet(wb, MAIN_SHEET, fm, [44, 11, 16, 16, 13])
    sh.merge("A1:E1", f"{ZONE}{year}年1-{n}月主要经济指标", fm.title)
    sh.merge("A2:E2", DISCLAIMER, fm.disclaimer)
    sh.merge("A3:A4", "指标名称", fm.header)
    sh.merge("B3:B4", "计量单位", fm.header)
    sh.merge("C3:E3", f"{year}年", fm.header)
    sh.ws.write_string("C4", f"1-{n}月累计", fm.header)
    sh.ws.write_string("D4", "上年同期", fm.header)
    sh.ws.write_string("E4", "同比增长(%)", fm.header)
    sh.ws.set_row(0, 30)
    end = write_period_block(sh, MAIN_ROWS, MAIN_FIRST_ROW, year, q, data, label_col=0, value_col=2,
                             unit_from=lambda row: row[2])
    sh.merge(f"A{end + 1}:E{end + 1}", MAIN_NOTE, fm.note)
    sh.ws.set_row(end, 45)
    sheets.append(sh)

    # ---- 科技与园区 (stocks; unit in the label's parentheses) -----------------------------------
    sh = Sheet(wb, STOCK_SHEET, fm, [42, 14, 14, 13])
    sh.merge("A1:D1", f"{ZONE}{year}年{n}月末科技创新与园区建设指标", fm.title)
    sh.merge("A2:D2", DISCLAIMER, fm.disclaimer)
    sh.merge("A3:A4", "指标名称", fm.header)
    sh.merge("B3:D3", f"{year}年{n}月末", fm.header)
    sh.ws.write_string("B4", "期末数", fm.header)
    sh.ws.write_string("C4", "上年同期", fm.header)
    sh.ws.write_string("D4", "同比增长(%)", fm.header)
    sh.ws.set_row(0, 30)
    end = write_period_block(sh, STOCK_ROWS, STOCK_FIRST_ROW, year, q, data, label_col=0, value_col=1,
                             unit_from=lambda row: row[2])
    sh.merge(f"A{end + 1}:D{end + 1}", STOCK_NOTE, fm.note)
    sh.ws.set_row(end, 30)
    sheets.append(sh)

    # ---- 所在市 (host city; unit as a note above the table) -------------------------------------
    sh = Sheet(wb, CITY_SHEET, fm, [36, 18, 18, 13])
    sh.merge("A1:D1", f"{CITY}{year}年1-{n}月主要经济指标（开发区所在市）", fm.title)
    sh.merge("A2:D2", DISCLAIMER, fm.disclaimer)
    sh.merge("A3:D3", f"单位：{CITY_NOTE_UNIT}", fm.unit_note)
    sh.merge("A4:A5", "指标名称", fm.header)
    sh.merge("B4:D4", f"{year}年", fm.header)
    sh.ws.write_string("B5", f"1-{n}月累计", fm.header)
    sh.ws.write_string("C5", "上年同期", fm.header)
    sh.ws.write_string("D5", "同比增长(%)", fm.header)
    sh.ws.set_row(0, 30)
    end = write_period_block(sh, CITY_ROWS, CITY_FIRST_ROW, year, q, data, label_col=0, value_col=1,
                             unit_from=lambda row: row[2])
    sh.merge(f"A{end + 1}:D{end + 1}", CITY_NOTE, fm.note)
    sh.ws.set_row(end, 30)
    sheets.append(sh)

    # ---- a few numbers pasted as text with thousands separators ---------------------------------
    trng = random.Random(f"{SEED}-text-{year}Q{q}")
    candidates = [(s, c) for s in sheets for c in s.cells
                  if c["basis"] != "growth" and abs(c["written"]) >= 1000]
    k = trng.choice((2, 3))
    for s, c in trng.sample(candidates, k):
        s.as_text(c)

    wb.close()
    cells = []
    for s in sheets:
        for c in s.cells:
            cells.append({**c, "file": path.name, "merged": None})
    return cells, {s.name: list(s.merged) for s in sheets}


# --------------------------------------------------------------------------------------------------
# Truth file and README
# --------------------------------------------------------------------------------------------------
TRUTH_COLUMNS = ["file", "sheet", "cell", "field", "period", "basis", "value", "unit", "label_as_written",
                 "unit_as_written"]


def dec_str(d: Decimal) -> str:
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def write_truth(path: Path, cells: list[dict]):
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(TRUTH_COLUMNS)
    for c in cells:
        w.writerow([c["file"], c["sheet"], c["cell"], c["field"], c["period"], c["basis"], dec_str(c["value"]),
                    c["unit"], c["label_as_written"], c["unit_as_written"]])
    path.write_bytes(buf.getvalue().encode("utf-8"))


def write_readme(path: Path, data, text_cells: list[dict]):
    def fy(field, year=2022):
        layout = {row[0]: row for row in MAIN_ROWS + STOCK_ROWS + CITY_ROWS if row[0] != "group"}
        unit = layout[field][2]
        return f"{data[(field, year, 4)]:,} {unit}"

    files = "\n".join(f"- `{file_name(y, q)}` — {y}Q{q}（{y}年1-{3 * q}月 / Jan–{['Mar', 'Jun', 'Sep', 'Dec'][q - 1]} {y}）"
                      for y, q in WORKBOOKS)
    texts = "\n".join(f"  - `{c['file']}` · {c['sheet']}!{c['cell']} ({c['field']}, {c['period']})"
                      for c in text_cells)
    fields_main = "、".join(f"{row[1]}（{row[2]}）" for row in MAIN_ROWS if row[0] != "group")
    text = f"""# 示例数据 / Illustrative sample data

> **示例数据（ILLUSTRATIVE）**：本目录中的全部数字均为依据周口经济开发区（河南省，1997年设立的省级开发区，
> 规划面积约35平方公里、常住人口约7.2万人）规模**虚构**的示意值，仅用于演示和测试本工具，**不是真实统计数据**，
> 不代表周口经开区或周口市的实际情况，不得引用。
>
> **These numbers are invented.** They have plausible magnitudes for a zone like the Zhoukou Economic
> Development Zone (Henan; provincial since 1997, ~35 km² planned, ~72 000 residents; food processing,
> metal new materials, biotech/pharma, electronics) but they are **not real statistics** and say nothing
> about the real zone or city. Do not cite them.

## 文件 / Files

{files}

每个季度一个工作簿，流量指标为年初至季末累计数。One workbook per quarter; flows are year-to-date cumulative.
逐格真值（换算到数据字典的标准单位）见 / The cell-by-cell ground truth, converted to the canonical units
of the data dictionary (`fields.csv`), is in `tests/data/sample_truth.csv`.

## 生成方法 / How they were generated

由 `tools/make_sample_data.py` 以固定随机种子（{SEED}）确定性生成，重复运行得到逐字节相同的文件：

```
/work/main/.venv/bin/python tools/make_sample_data.py
```

Generated deterministically by `tools/make_sample_data.py` with a fixed seed ({SEED}); running it again
gives byte-identical files (fixed workbook `created` date, fixed zip timestamps). Method:

1. Full-year 2022 totals were chosen a little below the national per-zone averages of 2021 (GDP ≈ 590亿元,
   FDI ≈ US$1.76亿, trade ≈ 410亿元 per national ETDZ): e.g. GDP {fy('gdp')}, 规上工业总产值
   {fy('industrial_output')}, 税收 {fy('tax_revenue')}, 实际使用外资 {fy('fdi_actual')}, 进出口
   {fy('trade_total')}. 2021 and 2020 were backed out with fixed growth rates (GDP +9.8% in 2021, +7.2% in
   2022; FDI +22.3%, +18.1%; trade +21.2%, +8.3% …). 2020 appears only as the 上年同期 of the 2021 workbooks.
2. Each year is spread over the quarters with a cumulative seasonal profile (Q1 ≈ 21%, H1 ≈ 47%,
   Q1–3 ≈ 73% of the year; 2020: 19%, 45%, 71.5% because of the COVID-hit first quarter) plus small seeded noise.
3. Dependent flows are ratios of their base flow: 规上工业营业收入 ≈ 96.8% of output, 规上工业增加值 ≈ 22.6%
   of output, R&D ≈ 1.6% of revenue, energy ≈ 0.45 吨标准煤/万元 value added, CO₂ ≈ 1.1 吨/万元, water ≈
   5 m³/万元, solid-waste utilisation ≈ 88%, exports ≈ 60% and high-tech trade ≈ 20% of trade (2022
   ratios; 2020–2021 slightly worse).
4. Stocks (firm counts, patents, population, built area …) are hand-set quarter-end series that drift
   up gently (high-tech firms are recognised in batches, so they jump in Q4).
5. Values are rounded in the unit written in the workbook; the truth file holds the written value
   converted to the canonical unit. Every 上年同期 cell equals the 累计 / 期末数 cell of the matching
   workbook a year earlier, and every 同比增长(%) = round((本期/上年同期 − 1)×100, 1).

## 表式 / Layout

Every sheet: row 1 merged title (bold 16pt, centred), row 2 merged disclaimer
`{DISCLAIMER}`, a two-row merged header, data rows, and a final merged note row starting with `注：`.

| sheet | 内容 / content | header | unit |
|---|---|---|---|
| `主要经济指标` | 园区流量指标（年初至今累计）/ zone flows, YTD | A3:A4 `指标名称`, B3:B4 `计量单位`, C3:E3 `YYYY年`; row 4: `1-N月累计`, `上年同期`, `同比增长(%)`; data from row 5 | column B (`计量单位`) |
| `科技与园区` | 园区存量指标（期末数）/ zone stocks, end of period | A3:A4 `指标名称`, B3:D3 `YYYY年N月末`; row 4: `期末数`, `上年同期`, `同比增长(%)`; data from row 5 | in the label's parentheses, e.g. `高新技术企业数（家）` |
| `所在市` | 周口市全市指标 / host-city totals, YTD | row 3 merged A3:D3 right-aligned `单位：万元`; A4:A5 `指标名称`, B4:D4 `YYYY年`; row 5: `1-N月累计`, `上年同期`, `同比增长(%)`; data from row 6 | the note above the table, overridden by a unit in the label (`全市实际使用外资金额（万美元）`) |

`主要经济指标` rows (units as the office writes them, not always the canonical unit): group headings
`一、对外开放` … `五、发展质量` (no values), then {fields_main}. Labels carry numbering (`1.`), `其中：` for
sub-items, or nothing.

Quirks on purpose / 有意保留的特征:

- `二氧化碳排放量` is reported half-yearly: in the 1-3月 and 1-9月 workbooks its 累计, 上年同期 and 同比 cells
  hold `—` (U+2014). 同比增长 is `—` when the prior value is 0 (`较大及以上安全生产事故和环保督察问题数`);
  that count is otherwise a true 0.
- A few numbers are stored as text with thousands separators, as pasted by an office:
{texts}
- Numbers use formats `#,##0.00`, `#,##0` and `0.0` (同比增长, always numeric).
- `常住人口（人）` is written in 人 (canonical unit 万人); 亿元 / 万吨 / 万立方米 amounts convert by ×10 000.

## 真值文件 / Ground truth (`tests/data/sample_truth.csv`)

UTF-8, one row per number cell written (text-stored numbers included; `—` cells have no row). Columns:
`file` (workbook file name, no directory), `sheet`, `cell` (A1), `field` (id in `fields.csv`), `period`
(`2022Q2`; for a 上年同期 cell the prior year's quarter, e.g. `2021Q2`), `basis` (`ytd` cumulative flow,
`stock` end-of-period stock, `growth` published 同比 in %), `value` (converted to the canonical unit,
plain decimal without trailing zeros), `unit` (canonical unit, `%` for growth), `label_as_written`,
`unit_as_written` (`%` for growth rows).
"""
    path.write_bytes(text.encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# Verification
# --------------------------------------------------------------------------------------------------
def parse_a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    c = 0
    for ch in m.group(1):
        c = c * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, c - 1


def to_decimal(v) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    s = str(v).strip().replace(",", "")
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return Decimal(s)
    return None


def verify(out_dir: Path, truth_path: Path, expected_merges: dict | None = None) -> list[str]:
    import openpyxl
    from python_calamine import CalamineWorkbook

    errors: list[str] = []
    rows = list(csv.DictReader(truth_path.open(encoding="utf-8", newline="")))
    by_file = defaultdict(list)
    for t in rows:
        by_file[t["file"]].append(t)

    # fields.csv cross-check
    for cand in FIELDS_CSV_CANDIDATES:
        if cand.exists():
            for rec in csv.DictReader(cand.open(encoding="utf-8")):
                label, unit, kind = FIELDS.get(rec["field"], (None, None, None))
                if (label, unit, kind) != (rec["label_zh"], rec["unit"], rec["kind"]):
                    errors.append(f"fields.csv mismatch for {rec['field']}")
            break

    for t in rows:
        if t["basis"] != "growth" and t["unit"] != FIELDS[t["field"]][1]:
            errors.append(f"non-canonical unit in truth: {t}")

    for y, q in WORKBOOKS:
        name = file_name(y, q)
        path = out_dir / name
        if name not in by_file:
            errors.append(f"no truth rows for {name}")
            continue
        cal = CalamineWorkbook.from_path(str(path))
        opx = openpyxl.load_workbook(str(path))
        if cal.sheet_names != [MAIN_SHEET, STOCK_SHEET, CITY_SHEET]:
            errors.append(f"{name}: sheets {cal.sheet_names}")
        grids = {sn: cal.get_sheet_by_name(sn).to_python(skip_empty_area=False) for sn in cal.sheet_names}

        def cal_cell(sheet, r, c):
            g = grids[sheet]
            return g[r][c] if r < len(g) and c < len(g[r]) else ""

        n_text = 0
        truth_cells = set()
        for t in by_file[name]:
            r, c = parse_a1(t["cell"])
            truth_cells.add((t["sheet"], r, c))
            ws = opx[t["sheet"]]
            raw_c, raw_o = cal_cell(t["sheet"], r, c), ws.cell(r + 1, c + 1).value
            if isinstance(raw_o, str):
                n_text += 1
                if not re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", raw_o):
                    errors.append(f"{name} {t['cell']}: text {raw_o!r} has no thousands separator")
            if t["basis"] == "growth" and not isinstance(raw_o, (int, float)):
                errors.append(f"{name} {t['sheet']}!{t['cell']}: growth not numeric")
            for who, raw in (("calamine", raw_c), ("openpyxl", raw_o)):
                d = to_decimal(raw)
                if d is None:
                    errors.append(f"{name} {t['sheet']}!{t['cell']}: {who} read {raw!r}")
                    continue
                if t["basis"] != "growth":
                    d = d * FACTORS[(t["unit_as_written"], t["unit"])]
                if d != Decimal(t["value"]):
                    errors.append(f"{name} {t['sheet']}!{t['cell']}: {who} {d} != truth {t['value']}")
            if ws.cell(r + 1, 1).value != t["label_as_written"]:
                errors.append(f"{name} {t['sheet']}!A{r + 1}: label {ws.cell(r + 1, 1).value!r}")
            if t["basis"] != "growth":
                if t["sheet"] == MAIN_SHEET and ws.cell(r + 1, 2).value != t["unit_as_written"]:
                    errors.append(f"{name} {t['cell']}: unit column {ws.cell(r + 1, 2).value!r}")
                if t["sheet"] == STOCK_SHEET and not t["label_as_written"].endswith(f"（{t['unit_as_written']}）"):
                    errors.append(f"{name} {t['cell']}: label unit")
                if t["sheet"] == CITY_SHEET:
                    m = re.search(r"（(.+?)）$", t["label_as_written"])
                    note_unit = opx[CITY_SHEET]["A3"].value.removeprefix("单位：")
                    if (m.group(1) if m else note_unit) != t["unit_as_written"]:
                        errors.append(f"{name} {t['cell']}: city unit")
            nf = ws.cell(r + 1, c + 1).number_format
            if not isinstance(raw_o, str) and nf not in ("#,##0.00", "#,##0", "0.0"):
                errors.append(f"{name} {t['cell']}: number format {nf}")
        if not 2 <= n_text <= 3:
            errors.append(f"{name}: {n_text} text numbers")

        # every number-looking cell below the header is in the truth; header texts and dashes as specified
        first = {MAIN_SHEET: MAIN_FIRST_ROW, STOCK_SHEET: STOCK_FIRST_ROW, CITY_SHEET: CITY_FIRST_ROW}
        for sn, g in grids.items():
            for r, line in enumerate(g):
                for c, v in enumerate(line):
                    if r >= first[sn] - 1 and c >= 1 and to_decimal(v) is not None and (sn, r, c) not in truth_cells:
                        errors.append(f"{name} {sn}!{a1(r, c)}: number {v!r} not in truth")
        m = opx[MAIN_SHEET]
        n = 3 * q
        hdr = {"A3": "指标名称", "B3": "计量单位", "C3": f"{y}年", "C4": f"1-{n}月累计", "D4": "上年同期",
               "E4": "同比增长(%)", "A1": f"{ZONE}{y}年1-{n}月主要经济指标", "A2": DISCLAIMER}
        for ref, want in hdr.items():
            if m[ref].value != want:
                errors.append(f"{name} {MAIN_SHEET}!{ref}: {m[ref].value!r} != {want!r}")
        s2 = opx[STOCK_SHEET]
        for ref, want in {"A3": "指标名称", "B3": f"{y}年{n}月末", "B4": "期末数", "C4": "上年同期",
                          "D4": "同比增长(%)"}.items():
            if s2[ref].value != want:
                errors.append(f"{name} {STOCK_SHEET}!{ref}: {s2[ref].value!r}")
        s3 = opx[CITY_SHEET]
        for ref, want in {"A3": "单位：万元", "A4": "指标名称", "B4": f"{y}年", "B5": f"1-{n}月累计",
                          "C5": "上年同期", "D5": "同比增长(%)"}.items():
            if s3[ref].value != want:
                errors.append(f"{name} {CITY_SHEET}!{ref}: {s3[ref].value!r}")
        for ws in opx.worksheets:
            last = ws.max_row
            if not str(ws.cell(last, 1).value).startswith("注："):
                errors.append(f"{name} {ws.title}: last row is not a note")
        co2_row = next(i for i, row in enumerate(MAIN_ROWS) if row[0] == "co2_emissions") + MAIN_FIRST_ROW
        co2_cells = [m.cell(co2_row, c).value for c in (3, 4, 5)]
        if q in (1, 3) and co2_cells != [DASH] * 3:
            errors.append(f"{name}: CO2 cells {co2_cells}")
        if q in (2, 4) and DASH in co2_cells:
            errors.append(f"{name}: CO2 cells {co2_cells}")

        # merged ranges, both readers
        got_o = {(ws.title, str(r)) for ws in opx.worksheets for r in ws.merged_cells.ranges}
        got_c = set()
        for sn in cal.sheet_names:
            for (r0, c0), (r1, c1) in cal.get_sheet_by_name(sn).merged_cell_ranges or []:
                got_c.add((sn, f"{a1(r0, c0)}:{a1(r1, c1)}"))
        if expected_merges is not None:
            want = {(sn, rg) for sn, rgs in expected_merges[name].items() for rg in rgs}
        else:
            want = expected_merge_set(q)
        if got_o != want or got_c != want:
            errors.append(f"{name}: merged ranges openpyxl {sorted(got_o ^ want)} calamine {sorted(got_c ^ want)}")

    # coherence: one value per (field, period, basis); growth matches cur/prior; YTD rises
    seen = defaultdict(set)
    for t in rows:
        seen[(t["field"], t["period"], t["basis"])].add(Decimal(t["value"]))
    for k, vals in seen.items():
        if len(vals) != 1:
            errors.append(f"incoherent {k}: {vals}")
    val = {k: next(iter(v)) for k, v in seen.items()}
    for (field, per, basis), g in val.items():
        if basis != "growth":
            continue
        y, q = int(per[:4]), int(per[-1])
        b = "ytd" if FIELDS[field][2] == "flow" else "stock"
        cur, prior = val.get((field, per, b)), val.get((field, f"{y - 1}Q{q}", b))
        if cur is None or prior is None or round((float(cur) / float(prior) - 1) * 100, 1) != float(g):
            errors.append(f"growth {field} {per}: {g} vs {cur}/{prior}")
    for field, (_, _, kind) in FIELDS.items():
        if kind != "flow":
            continue
        for y in YEARS:
            seq = [val[(field, f"{y}Q{q}", "ytd")] for q in range(1, 5) if (field, f"{y}Q{q}", "ytd") in val]
            if any(a > b for a, b in zip(seq, seq[1:])):
                errors.append(f"YTD falls: {field} {y} {seq}")
    return errors


def expected_merge_set(q: int) -> set[tuple[str, str]]:
    main_end = MAIN_FIRST_ROW + len(MAIN_ROWS)
    stock_end = STOCK_FIRST_ROW + len(STOCK_ROWS)
    city_end = CITY_FIRST_ROW + len(CITY_ROWS)
    return {
        (MAIN_SHEET, "A1:E1"), (MAIN_SHEET, "A2:E2"), (MAIN_SHEET, "A3:A4"), (MAIN_SHEET, "B3:B4"),
        (MAIN_SHEET, "C3:E3"), (MAIN_SHEET, f"A{main_end}:E{main_end}"),
        (STOCK_SHEET, "A1:D1"), (STOCK_SHEET, "A2:D2"), (STOCK_SHEET, "A3:A4"), (STOCK_SHEET, "B3:D3"),
        (STOCK_SHEET, f"A{stock_end}:D{stock_end}"),
        (CITY_SHEET, "A1:D1"), (CITY_SHEET, "A2:D2"), (CITY_SHEET, "A3:D3"), (CITY_SHEET, "A4:A5"),
        (CITY_SHEET, "B4:D4"), (CITY_SHEET, f"A{city_end}:D{city_end}"),
    }


# --------------------------------------------------------------------------------------------------
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT, help="where the workbooks and README go")
    ap.add_argument("--truth", type=Path, default=DEFAULT_TRUTH, help="ground-truth CSV to write")
    ap.add_argument("--no-verify", action="store_true", help="skip re-reading the workbooks")
    ap.add_argument("--verify-only", action="store_true", help="only check existing files against the truth")
    args = ap.parse_args(argv)

    if not args.verify_only:
        data = build_data()
        args.out_dir.mkdir(parents=True, exist_ok=True)
        all_cells, merges = [], {}
        for y, q in WORKBOOKS:
            cells, merged = write_workbook(args.out_dir / file_name(y, q), y, q, data)
            all_cells += cells
            merges[file_name(y, q)] = merged
        write_truth(args.truth, all_cells)
        write_readme(args.out_dir / "README.md", data, [c for c in all_cells if c.get("text")])
        for y, q in WORKBOOKS:  # what was written must be what the spec describes
            got = {(sn, rg) for sn, rgs in merges[file_name(y, q)].items() for rg in rgs}
            assert got == expected_merge_set(q), (y, q, got ^ expected_merge_set(q))
        print(f"wrote {len(WORKBOOKS)} workbooks and README.md to {args.out_dir}, "
              f"{len(all_cells)} truth rows to {args.truth}")
    if args.no_verify and not args.verify_only:
        return 0
    errors = verify(args.out_dir, args.truth)
    for e in errors:
        print("ERROR:", e, file=sys.stderr)
    print("verification:", "FAILED" if errors else "ok (calamine + openpyxl agree with the truth file)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
