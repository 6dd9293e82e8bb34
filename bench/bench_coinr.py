"""Timings of our COINr-conformant pipelines on ASEM, printed next to COINr's own and the aims; asserts nothing.

Run: .venv/bin/python bench/bench_coinr.py [--runs 300] [--variants 10000] [--draws 100000]
Our figures are CPU time (time.process_time) of this process; COINr's are from
tests/data/coinr-asem/timings.csv (mean over 100 runs, user + system CPU, 2-core machine). R is not
installed here, so "side by side" means against those stored figures, not in the same process.
The aims are issue 14's: P1 ≥ 20× COINr and ≤ 1 ms; 10 000 weight replicates ≤ 0.3 s; 100 000
Monte Carlo draws on the sample zone in ≤ 300 MB peak memory (measured as the peak resident set
of a child process that runs only that).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from counts import non_negative, positive  # noqa: E402

from scorer.score.coinr import import_coinr, load_data_table, read_weight_variants, run_pipeline  # noqa: E402
from scorer.framework.model import load_framework  # noqa: E402
from scorer.whatif.sensitivity import perturb_weights, score_weight_variants  # noqa: E402

DATA = ROOT / "tests" / "data" / "coinr-asem"


def coinr_seconds(pipeline: str, step_starts: str) -> float:
    """COINr's mean CPU seconds (user + system) per run of a step."""
    timings = pd.read_csv(DATA / "timings.csv")
    row = timings[(timings["pipeline"] == pipeline) & timings["step"].str.startswith(step_starts)].iloc[0]
    return float(row["total_user_s"] + row["total_sys_s"]) / float(row["reps"])


def timed(fn, runs: int) -> np.ndarray:
    fn()  # warm-up: imports, the plan built once per framework
    out = np.empty(runs)
    for k in range(runs):
        t0 = time.process_time()
        fn()
        out[k] = time.process_time() - t0
    return out


def verdict(ok: bool) -> str:
    return "meets the aim" if ok else "MISSES the aim"


def line(what: str, ours: np.ndarray, coinr: float, aim: str) -> float:
    mean = ours.mean()
    print(f"{what:<44} ours {mean * 1e3:8.3f} ms CPU (median {np.median(ours) * 1e3:.3f}, n={len(ours)})  "
          f"COINr {coinr * 1e3:7.1f} ms → {coinr / mean:6.1f}×   {aim}")
    return mean


MONTE_CARLO = """
import resource, sys, time
sys.path.insert(0, {root!r})
from scorer.pipeline import run
from scorer.whatif.uncertainty import monte_carlo
r = run([{examples!r}])
t0 = time.process_time()
res = monte_carlo(r, draws={draws}, seed=1)
print(res.n, time.process_time() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def arguments() -> argparse.ArgumentParser:
    """The command line's options (a count of 0 or below is refused: bench/counts.py)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=positive, default=300, help="timed runs per pipeline")
    parser.add_argument("--variants", type=positive, default=10_000, help="weight variants in the vectorised pass")
    parser.add_argument("--draws", type=non_negative, default=100_000, help="Monte Carlo draws on the sample zone (0: skip)")
    parser.add_argument("--seed", type=int, default=20221125)
    return parser


def main() -> None:
    args = arguments().parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        yaml_path, csv_path = import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", tmp)
        framework = load_framework(yaml_path)
        data = load_data_table(csv_path, framework)
    scores = run_pipeline(framework, data, "P1").aggregated[list(framework.indicators)]
    print(f"ASEM: {len(data)} units × {len(framework.indicators)} indicators, {len(framework.groups)} groups; "
          f"numpy {np.__version__}, pandas {pd.__version__}\n")

    p1_coinr = coinr_seconds("P1", "full pipeline")
    p1 = line("P1 full pipeline (minmax → arithmetic, ranks)", timed(lambda: run_pipeline(framework, data, "P1"), args.runs),
              p1_coinr, "")
    print(f"{'':<44} aim: ≥ 20× COINr and ≤ 1 ms → {p1_coinr / p1:.1f}×, {p1 * 1e3:.3f} ms: "
          f"{verdict(p1_coinr / p1 >= 20 and p1 <= 1e-3)}")
    line("P4 full pipeline (impute → treat → … ranks)", timed(lambda: run_pipeline(framework, data, "P4"), args.runs),
         coinr_seconds("P4", "full pipeline"), "(no aim)")

    replay = read_weight_variants(DATA / "UA_weights_used_long.csv", framework)
    coinr_ua = coinr_seconds("UA", "get_sensitivity")

    def ua(weights):
        variants = score_weight_variants(framework, scores, weights)
        variants.rank_stats("index")
        return variants

    line("UA replay, 500 replicates, one pass", timed(lambda: ua(replay), 20), coinr_ua, "(no aim)")

    n = args.variants
    draw = lambda: perturb_weights(framework, levels=(2, 3), low=0.75, high=1.25, n=n, seed=args.seed)  # noqa: E731
    big = timed(lambda: ua(draw()), 5)
    per_rep = coinr_ua / 500
    print(f"{f'{n} weight replicates (draw, aggregate, ranks)':<44} ours {big.mean():8.3f} s CPU "
          f"(median {np.median(big):.3f}, n={len(big)})  COINr ≈ {per_rep * n:.0f} s "
          f"({per_rep * 1e3:.1f} ms each) → {per_rep * n / big.mean():.0f}×   "
          f"aim ≤ 0.3 s for 10 000: {verdict(big.mean() * 10_000 / n <= 0.3)}")

    if args.draws:
        code = MONTE_CARLO.format(root=str(ROOT), examples=str(ROOT / "examples"), draws=args.draws)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"Monte Carlo failed: {done.stderr.strip().splitlines()[-1]}")
            return
        n_draws, cpu, rss_kb = done.stdout.split()
        peak = int(rss_kb) / 1024
        print(f"{f'Monte Carlo, {int(n_draws):,} draws, sample zone':<44} ours {float(cpu):8.1f} s CPU, "
              f"peak {peak:.0f} MB resident (whole process)   aim ≤ 300 MB: {verdict(peak <= 300)}")


if __name__ == "__main__":
    main()
