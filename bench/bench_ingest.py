"""Benchmark: ingesting a large statistics workbook against a bare python-calamine read of the same file.

    .venv/bin/python bench/bench_ingest.py [--sheets 20] [--rows 2000] [--repeat 9]

The workbook (a title, a 单位 note and a two-row merged header above 本月 / 1-6月累计 / 上年同期 /
同比增长 columns on every sheet, every field of the framework once among thousands of other labelled
rows, some numbers stored as text) is generated once into a temporary folder. Prints the best of
`repeat` runs of each (taking turns), in wall-clock and in CPU time, and their ratios; the aim is at
most 1.5×. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from counts import positive  # noqa: E402

from scorer.framework.model import load_framework  # noqa: E402
from scorer.read.ingest import ingest  # noqa: E402

INDUSTRIES = ["农副食品加工业", "食品制造业", "纺织业", "医药制造业", "金属制品业", "通用设备制造业", "专用设备制造业",
              "电气机械和器材制造业", "计算机通信和其他电子设备制造业", "有色金属冶炼和压延加工业"]
MEASURES = ["营业收入", "利润总额", "工业总产值", "出口交货值", "从业人员平均人数", "应收账款", "产成品存货", "利税总额"]


def write_workbook(path: Path, fields: dict, sheets: int, rows: int, seed: int = 20230113) -> None:
    import xlsxwriter

    rng = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    field_rows = list(fields.items())
    for s in range(sheets):
        ws = wb.add_worksheet(f"{INDUSTRIES[s % len(INDUSTRIES)][:8]}{s + 1}")
        ws.merge_range(0, 0, 0, 5, f"周口经济开发区2022年1-6月分行业主要指标（{s + 1}）")
        ws.merge_range(1, 0, 1, 5, "单位：万元")
        ws.merge_range(2, 0, 3, 0, "指标名称")
        ws.merge_range(2, 1, 3, 1, "计量单位")
        ws.merge_range(2, 2, 2, 5, "2022年")
        ws.write_row(3, 2, ["本月", "1-6月累计", "上年同期", "同比增长(%)"])
        mine = field_rows[s::sheets]  # every field once, spread over the sheets
        for r in range(rows):
            if r < len(mine):
                fid, fdef = mine[r]
                label, unit = fdef.label, fdef.unit
            else:
                label = f"{r}.{INDUSTRIES[r % len(INDUSTRIES)]}{MEASURES[r % len(MEASURES)]}（第{s + 1}组）"
                unit = "万元"
            prior = round(rng.uniform(100, 100_000), 2)
            growth = round(rng.uniform(-5, 20), 1)
            current = round(prior * (1 + growth / 100), 2)
            month = round(current / 6, 2)
            values: list = [month, current, prior, growth]
            if r % 97 == 0:
                values[1] = f"{current:,.2f}"  # pasted as text by an office
            ws.write_row(4 + r, 0, [label, unit, *values])
    wb.close()


def bare_calamine(path: Path) -> None:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    wb.close()


def best_of(repeat: int, fns: dict) -> dict[str, tuple[float, float]]:
    """{name: (best wall-clock seconds, best CPU seconds of this process)} over `repeat` rounds, the
    functions taking turns in each round: on a shared machine, load that comes and goes then falls on
    both alike, and CPU time is not stretched by waiting for a core."""
    best = {name: (float("inf"), float("inf")) for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def arguments() -> argparse.ArgumentParser:
    """The command line's options (a count of 0 or below is refused: bench/counts.py)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=positive, default=20)
    parser.add_argument("--rows", type=positive, default=2000)
    parser.add_argument("--repeat", type=positive, default=9)
    return parser


def main() -> None:
    args = arguments().parse_args()

    fields = load_framework().fields
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "周口经开区分行业统计_2022年1-6月.xlsx"
        t0 = time.perf_counter()
        write_workbook(path, fields, args.sheets, args.rows)
        print(f"workbook: {args.sheets} sheets × {args.rows} rows × 6 columns, {path.stat().st_size / 1e6:.1f} MB "
              f"(written in {time.perf_counter() - t0:.1f} s)")
        result = ingest([path], fields)
        print(f"ingest found {len(result.observations)} observations, {len(result.problems)} problems")
        bare_calamine(path)  # warm the file cache for both
        best = best_of(args.repeat, {"bare": lambda: bare_calamine(path), "ours": lambda: ingest([path], fields)})
        (bare, bare_cpu), (ours, ours_cpu) = best["bare"], best["ours"]
        print(f"bare python-calamine (open + to_python of every sheet): {bare:.3f} s wall, {bare_cpu:.3f} s CPU")
        print(f"scorer ingest (read, find tables, convert, check):        {ours:.3f} s wall, {ours_cpu:.3f} s CPU")
        print(f"ratio: {ours / bare:.2f}× wall, {ours_cpu / bare_cpu:.2f}× CPU (aim: ≤ 1.5×)")

if __name__ == "__main__":
    main()
