"""Timings of the what-if analyses on the sample zone with its 60 synthetic peers; prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_analysis.py [--scenarios 1000] [--draws 10000] [--runs 5]
Scenarios are random field changes (a few fields each, ±30%), scored by `scenario.compare` in one pass;
the Monte Carlo is `uncertainty.monte_carlo` with its default assumptions, then with --sobol.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from counts import positive  # noqa: E402

from scorer.pipeline import run  # noqa: E402
from scorer.whatif.plan import plan  # noqa: E402
from scorer.whatif.changes import Change, Scenario  # noqa: E402
from scorer.whatif.scenario import compare  # noqa: E402
from scorer.whatif.uncertainty import monte_carlo  # noqa: E402


def random_scenarios(fields: list[str], n: int, seed: int = 0) -> list[Scenario]:
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n):
        picked = rng.choice(fields, size=rng.integers(1, 5), replace=False)
        out.append(Scenario(f"情景{k + 1}", fields={f: Change("scale", float(rng.uniform(-0.3, 0.3))) for f in picked}))
    return out


def timed(fn, runs: int) -> tuple[float, float]:
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), float(np.min(times))


def arguments() -> argparse.ArgumentParser:
    """The command line's options (a count of 0 or below is refused: bench/counts.py)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenarios", type=positive, default=1000)
    ap.add_argument("--draws", type=positive, default=10_000)
    ap.add_argument("--runs", type=positive, default=5)
    return ap


def main() -> None:
    args = arguments().parse_args()

    r = run([ROOT / "examples"])
    scenarios = random_scenarios(list(r.framework.fields), args.scenarios)
    print(f"sample zone {r.result.period}, {len(r.peers.values)} peers, {len(r.framework.indicators)} indicators; "
          f"median (best) of {args.runs} runs")
    med, best = timed(lambda: compare(r, scenarios), args.runs)
    print(f"  compare: {args.scenarios:>6,} scenarios       {med:7.3f} s ({best:.3f} s)  "
          f"{med / args.scenarios * 1e6:6.0f} µs per scenario")
    med, best = timed(lambda: monte_carlo(r, draws=args.draws, seed=1), args.runs)
    print(f"  uncertainty: {args.draws:>6,} draws      {med:7.3f} s ({best:.3f} s)  "
          f"{med / args.draws * 1e6:6.0f} µs per draw")
    sobol = monte_carlo(r, draws=args.draws, seed=1, sobol=True)
    med, best = timed(lambda: monte_carlo(r, draws=args.draws, seed=1, sobol=True), args.runs)
    print(f"  uncertainty --sobol: {sobol.n:>6,} draws {med:7.3f} s ({best:.3f} s)  (Saltelli N={sobol.sobol_base_samples})")
    med, best = timed(lambda: plan(r, target=92.0), args.runs)
    print(f"  plan --target 92                    {med:7.3f} s ({best:.3f} s)")


if __name__ == "__main__":
    main()
