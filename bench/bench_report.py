"""Benchmark: a full report from the eight sample workbooks (ingest + score + charts + PDF). Prints figures.

Two views: the whole command in a fresh process, as an analyst runs it (imports included), median of
several runs; and the stages inside one process, to see where the time goes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def whole_command(runs: int = 3) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "scorer", "report", str(EXAMPLES), "-o", f"{tmp}/r.pdf"],
                           check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - t0)
    return times


def stages() -> dict[str, float]:
    import datetime as dt

    t = {}
    t0 = time.perf_counter()
    from scorer.framework.model import load_framework
    from scorer.read.ingest import ingest
    from scorer.score.panel import Panel
    from scorer.pipeline import analyse, run
    from scorer.report import model, render
    t["imports"] = time.perf_counter() - t0

    fw = load_framework()
    t0 = time.perf_counter()
    ingest([EXAMPLES], fw.fields)
    t["ingest 8 workbooks"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    r = run([EXAMPLES])
    t["run (ingest + score + peers + rules)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    analyses = analyse(r)
    t["priorities by effort (one engine pass)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    inputs = model.ReportInputs("周口经济开发区", r.ingested.files, True, dt.date.today())
    view = model.build(r.result, r.panel, inputs, r.standing, r.verdict, analyses)
    t["view model + charts"] = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        render.write_pdf(view, Path(tmp) / "r.pdf")
        t["HTML + PDF (WeasyPrint)"] = time.perf_counter() - t0
    return t


def main() -> None:
    times = whole_command()
    print(f"full report, whole command in a fresh process: median {statistics.median(times):.2f} s "
          f"(runs: {', '.join(f'{x:.2f}' for x in times)}; aim: under 3 s on 2 cores)")
    for name, secs in stages().items():
        print(f"  {name:<40s} {secs * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
