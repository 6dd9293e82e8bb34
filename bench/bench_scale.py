"""Scale benchmark (issue 17): each row of the issue's table, the measured ratio beside its aim, with peak memory.

    .venv/bin/python bench/bench_scale.py [--quick] [--rows peers,uncertainty,mc,help,table,export]

Every figure is a whole command (or one library call) run in a fresh child process, so the peak
resident set (ru_maxrss of that child, via os.wait4) is its own; times are that child's CPU seconds
(user + system). Data are generated: peer tables of N zones by the calibrated generator
(scorer.score.peer_model, `scorer peers build`: SYNTHETIC, its stated assumptions, N set per row), the zone itself from the bundled examples/.
Rows of the issue not measured here say so and name the bench that measures them. Asserts nothing.
`--quick` uses smaller sizes (a smoke run); the issue's sizes are the default.
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SCORER = [PY, "-m", "scorer"]


def child(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, int]:
    """(CPU seconds, peak RSS in MB, exit code) of one command in a fresh process."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode:
        print(f"    ! exit {proc.returncode}: {' '.join(map(str, cmd[2:]))}: {err.strip().splitlines()[-1:] }")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, proc.returncode


def best(cmd: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [child(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), max(r[2] for r in runs)


def write_peers(path: Path, zones: int) -> Path:
    """A peer table of `zones` zones from the calibrated generator, written by a child process.

    (In a child, so that this process stays small: a child forked from a large parent reports the
    parent's resident set as its own peak.)
    """
    subprocess.run([PY, __file__, "--write-peers", str(path), str(zones)], cwd=ROOT, check=True)
    return path


def _write_peers_here(path: Path, zones: int) -> None:
    """`scorer peers build --year 2023`'s model with its zone count (yardstick central_2023_zones, 55) set
    to `zones`; the rest of the model (published means, skew, common size factor, Henan's placements) as is."""
    import scorer.score.peer_model as pm
    from scorer.framework.model import load_framework

    real = pm.load_yardsticks

    def with_zones(p=None):
        ys = real(p)
        ys.entries["central_2023_zones"] = ys.entries["central_2023_zones"].model_copy(update={"value": zones})
        return ys

    pm.load_yardsticks = with_zones
    try:
        built = pm.build_peers(2023, load_framework())
    finally:
        pm.load_yardsticks = real
    pm.write_peers(built, path)


def line(work: str, measured: str, aim: str, ok: bool | None, peak: str) -> None:
    mark = {True: "within", False: "MISSES", None: "—"}[ok]
    print(f"| {work} | {measured} | {peak} | {aim} | {mark} |", flush=True)


def row_peers(tmp: Path, sizes: list[int], repeat: int) -> None:
    times = []
    for n in sizes:
        peers = write_peers(tmp / f"peers-{n}.csv", n)
        times.append(best([*SCORER, "score", "examples", "--peers", str(peers), "--json"], repeat))
    base = times[0][0]
    ratios = " → ".join(f"{t / base:.2f}×" for t, _, _ in times)
    line(f"peers {' → '.join(map(str, sizes))} zones, `score`", f"{ratios} ({times[-1][0]:.2f} s CPU at {sizes[-1]})",
         "largest ≤ 2× the smallest", times[-1][0] <= 2 * base and all(t[2] == 0 for t in times),
         " / ".join(f"{m:.0f}" for _, m, _ in times) + " MB")


def row_uncertainty(tmp: Path, zones: int, draws: int) -> None:
    peers = write_peers(tmp / f"peers-{zones}.csv", zones)
    t, mem, rc = child([*SCORER, "uncertainty", "examples", "--peers", str(peers), "--draws", str(draws),
                        "--seed", "1", "--json"])
    line(f"`uncertainty` with {zones} peers, {draws} draws", f"exit {rc}, {t:.1f} s CPU", "runs, memory bounded",
         rc == 0 and mem <= 300, f"{mem:.0f} MB")


MC = """
import sys, scorer
from scorer.whatif.uncertainty import monte_carlo
run = scorer.run(["examples"])
monte_carlo(run, draws=int(sys.argv[1]), seed=1)
"""


def row_mc(draws: list[int]) -> None:
    runs = [child([PY, "-c", MC, str(n)]) for n in draws]
    t0, t1 = runs[0][0], runs[-1][0]
    linear = t1 / t0 / (draws[-1] / draws[0])
    peak = max(m for _, m, _ in runs)
    line(f"Monte Carlo {draws[0]:.0e} / {draws[-1]:.0e} draws",
         f"{t0:.1f} s / {t1:.1f} s CPU (time ratio ÷ draw ratio {linear:.2f})",
         "≤ 300 MB at any draw count, time linear", peak <= 300 and linear <= 1.2 and all(r[2] == 0 for r in runs),
         " / ".join(f"{m:.0f}" for _, m, _ in runs) + " MB")


def importtime(cmd: list[str]) -> list[tuple[int, str]]:
    """(cumulative µs, module) of each import at depth 0 or 1 in `python -X importtime CMD`, largest first."""
    proc = subprocess.run([PY, "-X", "importtime", *cmd[1:]], cwd=ROOT, capture_output=True, text=True)
    rows = []
    for text in proc.stderr.splitlines():
        parts = text.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and len(parts[2]) - len(parts[2].lstrip()) <= 3:
            rows.append((int(parts[1]), parts[2].strip()))
    return sorted(rows, reverse=True)


def row_help(repeat: int) -> None:
    """`scorer --help` against `python -c pass`, interleaved (the machine's load hits both alike), CPU minima.

    Also `import typer` alone: the floor any typer application's help stands on, and what
    `python -X importtime` says the help path imports (top-level packages, cumulative ms).
    """
    cmds = {"bare": [PY, "-c", "pass"], "typer": [PY, "-c", "import typer"], "help": [*SCORER, "--help"]}
    runs: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cmds}
    for _ in range(max(repeat, 15)):
        for key, cmd in cmds.items():
            runs[key].append(child(cmd))
    bare, typer, helped = (min(r[0] for r in runs[k]) for k in ("bare", "typer", "help"))
    ratio = helped / bare
    line("`scorer --help` vs `python -c pass`",
         f"{ratio:.2f}× ({helped * 1000:.0f} ms vs {bare * 1000:.0f} ms CPU; `import typer` alone {typer / bare:.2f}×)",
         "≤ 3×", ratio <= 3 and all(r[2] == 0 for r in runs["help"]), f"{max(r[1] for r in runs['help']):.0f} MB")
    top = [f"{name} {us / 1000:.1f}" for us, name in importtime(cmds["help"])[:6]]
    print(f"|   imports on the help path (python -X importtime, cumulative ms) | {', '.join(top)} | | | |", flush=True)


def row_table(tmp: Path, zones: int, repeat: int) -> None:
    small, large = write_peers(tmp / "table-60.csv", 60), write_peers(tmp / f"table-{zones}.csv", zones)
    fw = str(ROOT / "indicators" / "framework.yaml")
    a = best([*SCORER, "score-table", fw, str(small), "--json"], repeat)
    b = best([*SCORER, "score-table", fw, str(large), "--json"], repeat)
    line(f"`score-table` of 60 → {zones} zones (a province or the nation ranked in one command)",
         f"{b[0] / a[0]:.2f}× ({b[0]:.2f} s CPU)", "works; (no aim in the issue)", b[2] == 0 and a[2] == 0,
         f"{a[1]:.0f} / {b[1]:.0f} MB")


def row_export(tmp: Path, draws: int) -> None:
    """`uncertainty --sobol --export` to CSV and to Parquet: file sizes and CPU (the issue: 98 000 runs, 137 MB of CSV)."""
    got = {}
    for suffix in ("csv", "parquet"):
        path = tmp / f"draws.{suffix}"
        t, mem, rc = child([*SCORER, "uncertainty", "examples", "--sobol", "--draws", str(draws), "--seed", "1",
                            "--json", "--export", str(path)])
        got[suffix] = (t, mem, rc, path.stat().st_size / 1e6 if path.exists() else math.nan)
    (tc, mc, rcc, sc), (tp, mp, rcp, sp) = got["csv"], got["parquet"]
    line(f"`uncertainty --sobol --draws {draws}` export, CSV vs Parquet",
         f"{sc:.1f} MB vs {sp:.1f} MB ({sc / sp:.1f}× smaller); {tc:.1f} s vs {tp:.1f} s CPU",
         "Parquet as well as CSV (no figure in the issue)", rcc == 0 and rcp == 0 and sp < sc, f"{mc:.0f} / {mp:.0f} MB")


NOT_HERE = [
    ("workspace 8 → 200 quarters, `score` / `report`", "not measured here (no 200-quarter generator yet)", "≤ 1.5×"),
    ("`ingest` of one sheet vs a bare python-calamine script", "see bench/bench_ingest.py", "≤ 1.5× as a whole command"),
    ("`report` vs WeasyPrint on the same HTML", "see bench/bench_report.py", "≤ 1.2×"),
    ("framework 30 → 300 indicators, `report`", "not measured here (no 300-indicator framework generator)", "≤ linear"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes: a smoke run")
    ap.add_argument("--rows", default="peers,uncertainty,mc,help,table,export")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-peers", nargs=2, metavar=("CSV", "ZONES"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_peers:
        _write_peers_here(Path(args.write_peers[0]), int(args.write_peers[1]))
        return 0
    rows = set(args.rows.split(","))
    quick = args.quick
    print("| work | measured | peak RSS | aim | |\n|---|---|---|---|---|", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "peers" in rows:
            row_peers(tmp, [60, 2_700] if quick else [60, 2_700, 27_000], 1 if quick else args.repeat)
        if "uncertainty" in rows:
            row_uncertainty(tmp, 2_700 if quick else 27_000, 200 if quick else 1_000)
        if "mc" in rows:
            row_mc([10_000, 100_000] if quick else [100_000, 1_000_000])
        if "help" in rows:
            row_help(args.repeat)
        if "table" in rows:
            row_table(tmp, 2_700 if quick else 27_000, 1)
        if "export" in rows:
            row_export(tmp, 10_000 if quick else 98_000)
    for work, measured, aim in NOT_HERE:
        line(work, measured, aim, None, "—")
    return 0


if __name__ == "__main__":
    sys.exit(main())
