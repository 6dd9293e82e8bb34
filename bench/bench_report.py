"""Benchmark: a full report from the eight sample workbooks (ingest + score + charts + PDF). Prints figures.

Three views: the whole command in a fresh process, as an analyst runs it (imports included), median of
several runs; `scorer report` against WeasyPrint alone rendering the exact HTML scorer hands it (both
whole commands in fresh processes, CPU seconds, taking turns; the issue 17 aim: ≤ 1.2×); and the stages
inside one process, to see where the time goes.
"""

from __future__ import annotations

import os
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


# `scorer report` with render_html wrapped to keep a copy of the HTML it hands WeasyPrint (argv[1]).
CAPTURE = """
import sys
from scorer.report import render
real, kept = render.render_html, sys.argv[1]
def keep(*args, **kwargs):
    page = real(*args, **kwargs)
    open(kept, "w", encoding="utf-8").write(page)
    return page
render.render_html = keep
sys.argv = ["scorer", "report", sys.argv[2], "-o", sys.argv[3]]
from scorer.cli.entry import main
main()
"""

# WeasyPrint alone on that HTML, with the base URL and the options scorer.report.render.write_pdf gives it.
BARE_WEASYPRINT = """
import sys
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
pdf = HTML(string=html, base_url=sys.argv[2]).write_pdf(pdf_identifier=b"scorer", uncompressed_pdf=False,
                                                        custom_metadata=True)
open(sys.argv[3], "wb").write(pdf)
"""


def cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of one command in a fresh process; raises if it fails."""
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(cmd[:4])}: {proc.stderr.read().decode('utf-8', 'replace')[-500:]}")
    return usage.ru_utime + usage.ru_stime


def versus_weasyprint(runs: int = 3, examples: Path = EXAMPLES) -> tuple[float, float]:
    """(`scorer report` CPU, WeasyPrint-alone CPU): medians over `runs` turns each, whole commands (scorer's modules
    compiled to bytecode first, as an installed scorer's are)."""
    import compileall

    compileall.compile_dir(ROOT / "scorer", quiet=1)
    from scorer.resources import templates_dir

    with tempfile.TemporaryDirectory() as tmp:
        page = f"{tmp}/report.html"
        ours, bare = [], []
        for _ in range(runs):
            ours.append(cpu([sys.executable, "-c", CAPTURE, page, str(examples), f"{tmp}/ours.pdf"]))
            bare.append(cpu([sys.executable, "-c", BARE_WEASYPRINT, page, str(templates_dir()), f"{tmp}/bare.pdf"]))
    return statistics.median(ours), statistics.median(bare)


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
    ours, bare = versus_weasyprint()
    print(f"report vs WeasyPrint alone on the same HTML, whole commands: {ours / bare:.2f}× "
          f"({ours:.2f} s vs {bare:.2f} s CPU, medians of 3; aim: ≤ 1.2×)")
    for name, secs in stages().items():
        print(f"  {name:<40s} {secs * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
