#!/usr/bin/env python3
"""GENERATED data at scale for bench/bench_scale.py (issue 17): many quarters of workbooks, many indicators.

生成数据：仅供性能测试，不代表真实统计。Every number written here is GENERATED from the ILLUSTRATIVE sample of
tools/make_sample_data.py; none is a statistic. Deterministic: the same arguments write the same files.

* ``quarters OUT N`` -- N quarterly workbooks of the sample zone (周口经开区, the sample's layout, three
  sheets each) in the folder OUT. The sample's own figures (2020-2022) are kept as they are; other years
  are the sample's first (2020) or last (2022) year moved by a steady growth a year (`GROWTH_A_YEAR`),
  back in time before 2020 and forward after 2022, and rounded as the office rounds (the written unit's
  decimals, half up), counts kept whole. One rate for every flow keeps each sub-total below its total
  (出口 ≤ 进出口总额, 开发区 ≤ 全市: fields.yaml `part_of`) in every year, as in the sample.
  Years: the reader takes a year only as 20xx (scorer.read.text: a title's 2022年, a 2022Q2), so no
  workbook can be dated before 2000. N ≤ 92 gives the N quarters ending 2022Q4 (the sample's last; N = 8 is
  the sample's own eight quarters); a larger N gives the N quarters from 2000Q1 on (200 quarters:
  2000Q1-2049Q4, the years after 2022 grown forward). The first workbook's 上年同期 column is the year
  before (1999 for 2000), read as that column's figure, never as a workbook's year.
* ``framework OUT K`` -- a framework of 30·K indicators in OUT/framework.yaml: the default framework's
  groups, each indicator repeated K times (the first keeps its id, so rules.yaml and effort.yaml still
  name it; copies get ``<id>_r2`` … and a ``（副本2）`` name), same formula, fields and target, the same
  weight shared by every copy (``weights: relative``). Fields and yardsticks are the bundled ones (named by
  absolute path); nothing is written under indicators/. Beside it, OUT/peers.csv: the bundled SYNTHETIC
  peer table with each copy's column equal to its original's, so the rank covers every indicator.

    .venv/bin/python tools/make_scale_data.py quarters /tmp/q200 200
    .venv/bin/python tools/make_scale_data.py framework /tmp/fw300 10
"""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_sample_data as sample  # noqa: E402  (tools/ is no package)

ROOT = Path(__file__).resolve().parents[1]
FIRST_YEAR = 2000  # the earliest year the reader takes (a 20xx year)
LAST_SAMPLE = (2022, 4)
# Steady growth a year (generated, a plausible pace for a provincial zone, not a statistic): one rate for
# every flow (so sub-totals stay below totals), one for counts, slower ones for population and built area;
# the approved area (审核公告面积) is fixed.
GROWTH_A_YEAR = {"flow": Decimal("1.06"), "count": Decimal("1.05"), "population": Decimal("1.005"),
                 "built_area": Decimal("1.01"), "approved_area": Decimal(1)}
# part_of pairs of fields.yaml among the sample's fields (sub-total, total): checked in every generated year.
PARTS = [("fdi_actual", "city_fdi_actual"), ("trade_total", "city_trade_total"), ("exports", "trade_total"),
         ("hightech_trade", "trade_total"), ("rd_expenditure", "industrial_revenue"),
         ("hightech_value_added", "industrial_value_added"), ("industrial_value_added", "industrial_output"),
         ("gdp", "city_gdp"), ("tax_revenue", "city_tax_revenue"), ("solid_waste_utilized", "solid_waste_generated"),
         ("national_incubators", "incubators")]


def quarters(n: int) -> list[tuple[int, int]]:
    """The (year, quarter) of `n` generated workbooks: the n ending 2022Q4 when they fit from 2000 on, else the n from 2000Q1."""
    if n < 1:
        raise ValueError("at least one quarter")
    end = LAST_SAMPLE[0] * 4 + LAST_SAMPLE[1] - 1
    start = max(end - n + 1, FIRST_YEAR * 4)
    return [(k // 4, k % 4 + 1) for k in range(start, start + n)]


def _rate(field: str) -> Decimal:
    if field in GROWTH_A_YEAR:
        return GROWTH_A_YEAR[field]
    return GROWTH_A_YEAR["flow" if sample.FIELDS[field][2] == "flow" else "count"]


def extended_data(first_year: int, last_year: int) -> dict[tuple[str, int, int], Decimal]:
    """{(field, year, quarter): value in the unit written} for first_year..last_year (build_data()'s shape).

    2020-2022 are build_data()'s figures; a year before 2020 is 2020's quarter divided by the field's
    steady growth once a year back, a year after 2022 is 2022's multiplied once a year on; rounded to the
    written decimals. Incidents (起) are 0 in generated years; co2 stays half-yearly (Q2, Q4 only).
    """
    base = sample.build_data()
    years = sorted({y for _, y, _ in base})
    layout = {row[0]: row for row in sample.MAIN_ROWS + sample.STOCK_ROWS + sample.CITY_ROWS if row[0] != "group"}
    data = {k: v for k, v in base.items() if first_year <= k[1] <= last_year}
    # Outwards from the sample, so that each generated year is set against a neighbour already final.
    before = range(min(years[0] - 1, last_year), first_year - 1, -1)
    after = range(max(years[-1] + 1, first_year), last_year + 1)
    for year in [*before, *after]:
        anchor, step = (years[0], -1) if year < years[0] else (years[-1], 1)
        for (field, y, q), v in base.items():
            if y != anchor:
                continue
            if field == "safety_env_incidents":
                data[(field, year, q)] = Decimal(0)
                continue
            moved = sample.quantize(v * _rate(field) ** (year - anchor), layout[field][3])
            # A 同比 rate exactly on x.x5 rounds two ways (half up, half even): move the generated figure by
            # one unit of its last decimal, away from the neighbour year (as build_data does for the sample's).
            later, earlier = (data.get((field, year + 1, q)), None) if step < 0 else (None, data.get((field, year - 1, q)))
            unit = Decimal(1).scaleb(moved.as_tuple().exponent)
            while (later is not None and moved and sample.is_tie(later, moved)) or (
                    earlier and sample.is_tie(moved, earlier)):
                moved += unit * step
            data[(field, year, q)] = moved
    _check(data, first_year, last_year)
    return data


def _check(data, first_year: int, last_year: int) -> None:
    """What the sample promises holds in every generated year: flows rise within a year, parts below totals."""
    for year in range(first_year, last_year + 1):
        for field, (_, _, kind) in sample.FIELDS.items():
            if kind == "flow" and field != "safety_env_incidents" and (field, year, 4) in data:
                seq = [data[(field, year, q)] for q in range(1, 5) if (field, year, q) in data]
                assert all(a < b for a, b in zip(seq, seq[1:])), (field, year, seq)
        for q in range(1, 5):
            for part, whole in PARTS:
                a, b = data.get((part, year, q)), data.get((whole, year, q))
                if a is not None and b is not None:
                    a_canon = a * sample.factor(_unit(part), part)
                    b_canon = b * sample.factor(_unit(whole), whole)
                    assert a_canon <= b_canon, (part, whole, year, q, a, b)


def _unit(field: str) -> str:
    return next(row[2] for row in sample.MAIN_ROWS + sample.STOCK_ROWS + sample.CITY_ROWS if row[0] == field)


def write_quarters(out: Path, n: int) -> list[Path]:
    """Write `n` generated quarterly workbooks into `out` (see the module's docstring); their paths."""
    wanted = quarters(n)
    data = extended_data(wanted[0][0] - 1, wanted[-1][0])
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for year, q in wanted:
        path = out / sample.file_name(year, q)
        sample.write_workbook(path, year, q, data)
        paths.append(path)
    return paths


def write_framework(out: Path, copies: int) -> Path:
    """The default framework with every indicator repeated `copies` times, as out/framework.yaml (see above)."""
    import yaml

    src = ROOT / "indicators" / "framework.yaml"
    doc = yaml.safe_load(src.read_text(encoding="utf-8"))
    fw = doc["framework"]
    for key in ("fields", "yardsticks"):
        if fw.get(key):
            fw[key] = str((src.parent / fw[key]).resolve())
    fw["id"] = f"{fw['id']}-x{copies}-generated"
    fw["name_zh"] = f"{fw['name_zh']}（生成数据：每项指标重复{copies}次，仅供性能测试）"
    fw["name_en"] = f"{fw['name_en']} (GENERATED: each indicator repeated {copies} times, for benchmarks only)"
    fw["weights"] = "relative"

    def repeat(groups: list[dict]) -> None:
        for group in groups:
            repeat(group.get("groups") or [])
            if group.get("indicators"):
                group["indicators"] = [
                    ind if k == 1 else {**ind, "id": f"{ind['id']}_r{k}", "name_zh": f"{ind['name_zh']}（副本{k}）",
                                        "name_en": f"{ind['name_en']} (copy {k})"}
                    for ind in group["indicators"] for k in range(1, copies + 1)]

    repeat(doc["groups"])
    out.mkdir(parents=True, exist_ok=True)
    path = out / "framework.yaml"
    head = "# GENERATED by tools/make_scale_data.py for bench/bench_scale.py: not a framework to use.\n"
    path.write_text(head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _write_peers(out / "peers.csv", copies)
    return path


def _write_peers(path: Path, copies: int) -> None:
    """The bundled SYNTHETIC peer table with the columns of copies 2..K (equal to their original's) and its sidecar."""
    import csv
    import shutil

    src = ROOT / "indicators" / "peers" / "central-synthetic.csv"
    with src.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    first = header.index("synthetic") + 1
    extra = [(f"{name}_r{k}", j) for j, name in enumerate(header) if j >= first for k in range(2, copies + 1)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(header + [name for name, _ in extra])
        out.writerows(row + [row[j] for _, j in extra] for row in body)
    shutil.copyfile(src.with_suffix(".yaml"), path.with_suffix(".yaml"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    q = sub.add_parser("quarters", help="N generated quarterly workbooks of the sample zone")
    q.add_argument("out", type=Path)
    q.add_argument("n", type=int)
    f = sub.add_parser("framework", help="the default framework with each indicator repeated K times")
    f.add_argument("out", type=Path)
    f.add_argument("copies", type=int)
    args = ap.parse_args(argv)
    if args.what == "quarters":
        paths = write_quarters(args.out, args.n)
        print(f"wrote {len(paths)} GENERATED workbooks ({paths[0].name} … {paths[-1].name}) to {args.out}")
    else:
        print(f"wrote {write_framework(args.out, args.copies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
