"""Timings of our COINr-conformant pipelines on ASEM, printed next to COINr's own; asserts nothing.

Run: .venv/bin/python bench/bench_coinr.py [--runs 300] [--variants 10000]
COINr's figures are from tests/data/coinr-asem/timings.csv (mean over 100 runs, 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scorer.score.coinr import import_coinr, load_data_table, read_weight_variants, run_pipeline  # noqa: E402
from scorer.framework.model import load_framework  # noqa: E402
from scorer.whatif.sensitivity import perturb_weights, score_weight_variants  # noqa: E402

DATA = ROOT / "tests" / "data" / "coinr-asem"


def coinr_seconds(pipeline: str, step_starts: str) -> float:
    timings = pd.read_csv(DATA / "timings.csv")
    row = timings[(timings["pipeline"] == pipeline) & timings["step"].str.startswith(step_starts)]
    return float(row["mean_elapsed_s"].iloc[0])


def timed(fn, runs: int) -> np.ndarray:
    fn()  # warm-up
    out = np.empty(runs)
    for k in range(runs):
        t0 = time.perf_counter()
        fn()
        out[k] = time.perf_counter() - t0
    return out


def line(what: str, ours: np.ndarray, coinr: float, coinr_label: str) -> None:
    mean = ours.mean()
    print(f"{what:<46} ours {mean * 1e3:9.2f} ms (median {np.median(ours) * 1e3:.2f}, n={len(ours)})   "
          f"COINr {coinr * 1e3:9.1f} ms {coinr_label:<18} → {coinr / mean:7.1f}× faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="timed runs per pipeline")
    parser.add_argument("--variants", type=int, default=10_000, help="weight variants in the vectorised pass")
    parser.add_argument("--seed", type=int, default=20221125)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        yaml_path, csv_path = import_coinr(DATA / "ASEM_iMeta.csv", DATA / "ASEM_iData.csv", tmp)
        framework = load_framework(yaml_path)
        data = load_data_table(csv_path, framework)
    scores = run_pipeline(framework, data, "P1").aggregated[list(framework.indicators)]
    print(f"ASEM: {len(data)} units × {len(framework.indicators)} indicators, {len(framework.groups)} groups; "
          f"numpy {np.__version__}, pandas {pd.__version__}\n")

    line("P1 full pipeline (minmax → arithmetic, ranks)", timed(lambda: run_pipeline(framework, data, "P1"), args.runs),
         coinr_seconds("P1", "full pipeline"), "(new_coin+…)")
    line("P4 full pipeline (impute → treat → … ranks)", timed(lambda: run_pipeline(framework, data, "P4"), args.runs),
         coinr_seconds("P4", "full pipeline"), "(new_coin+…)")

    replay = read_weight_variants(DATA / "UA_weights_used_long.csv", framework)
    coinr_ua = coinr_seconds("UA", "get_sensitivity")

    def ua(weights):
        variants = score_weight_variants(framework, scores, weights)
        variants.rank_stats("index")
        return variants

    line("UA replay, 500 replicates, one pass", timed(lambda: ua(replay), 20), coinr_ua, "(500 replicates)")

    n = args.variants
    draw = lambda: perturb_weights(framework, levels=(2, 3), low=0.75, high=1.25, n=n, seed=args.seed)  # noqa: E731
    big = timed(lambda: ua(draw()), 5)
    per_rep = coinr_ua / 500
    print(f"{f'{n} weight variants (draw, aggregate, ranks)':<46} ours {big.mean() * 1e3:9.2f} ms "
          f"(median {np.median(big) * 1e3:.2f}, n={len(big)})   COINr {coinr_ua:7.1f} s for 500 "
          f"(≈ {per_rep * n:.0f} s for {n} at {per_rep * 1e3:.1f} ms each) → {per_rep * n / big.mean():.0f}× faster")


if __name__ == "__main__":
    main()
