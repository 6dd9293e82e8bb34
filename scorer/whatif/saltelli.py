"""The Saltelli design of a Sobol analysis, made block by block (bt17 F2).

SALib's `sample.sobol.sample` builds the whole design up front — N·(G + 2) rows × D factors of doubles, filled in
a Python loop, then copied to scale it: about 1.3 kB a run with the bundled framework's 167 factors, 1.4 GB and
rising at a million draws before the first was scored. This makes the same rows, a block of base samples at a
time: the base matrices A and B are the two halves of a scrambled Sobol sequence of dimension 2D
(scipy.stats.qmc.Sobol, seeded as SALib seeds it, drawn in order), and each base sample i gives the rows
A_i, then per group k A_i with the group's columns from B_i (AB_k), then B_i — SALib's order without second-order
rows (calc_second_order=False), so its `analyze` reads the outputs as it would read its own design's.
Bounds are [0, 1] (the factors are probabilities mapped by `variants_from_design`), so no scaling is needed.
"""

from __future__ import annotations

import math
from typing import Iterator

import numpy as np


def saltelli_blocks(problem: dict, base: int, seed: int, rows: int) -> tuple[int, int, Iterator[np.ndarray]]:
    """(rows per block, rows in all, the blocks): SALib's `sample(problem, base, calc_second_order=False, seed=seed)` cut into
    blocks of whole base samples — a power of two of them, at most `rows` rows a block (at least one sample) —
    each an array (samples·(G + 2)) × D in [0, 1). `base` is a power of two; `problem` has num_vars, names,
    groups and bounds [0, 1] (anything else is refused: ValueError)."""
    from scipy.stats import qmc
    from SALib.util import _check_groups

    d = problem["num_vars"]
    if any(list(b) != [0.0, 1.0] for b in problem["bounds"]) or problem.get("dists"):
        raise ValueError("saltelli_blocks makes designs on [0, 1] only")
    groups = _check_groups(problem)  # SALib's own rule: no groups (each factor alone) when all alike or all distinct
    keys = groups if groups else list(range(d))
    names = list(dict.fromkeys(keys))  # pd.unique's order, as SALib's compute_groups_matrix
    member = np.array([[key == name for key in keys] for name in names])  # G × D: the columns AB_k takes from B
    per = len(names) + 2
    n = min(base, 1 << max(0, (max(rows // per, 1)).bit_length() - 1))

    def blocks() -> Iterator[np.ndarray]:
        sequence = qmc.Sobol(d=2 * d, scramble=True, seed=seed)
        for _ in range(0, base, n):
            ab = sequence.random(n)
            a, b = ab[:, :d], ab[:, d:]
            out = np.empty((n, per, d))
            out[:, 0], out[:, -1] = a, b
            out[:, 1:-1] = np.where(member[None], b[:, None, :], a[:, None, :])
            yield out.reshape(n * per, d)

    return n * per, base * per, blocks()


def sobol_indices(problem: dict, Y: np.ndarray, seed: int, num_resamples: int = 100, conf_level: float = 0.95,
                  columns: int = 10) -> dict[str, np.ndarray]:
    """SALib's `analyze.sobol.analyze(problem, Y, calc_second_order=False, seed=seed)`: S1, S1_conf, ST, ST_conf per
    group (arrays), with its bootstrap taken `columns` resamples at a time. SALib indexes all N base samples ×
    `num_resamples` at once, several arrays of them (~11 kB a base sample: some 0.7 GB at a million draws); here
    only the resample indices are whole (N × num_resamples int64, 0.04 kB a run at 18 groups). Each resample is a
    column and the estimators reduce over rows, so the values are SALib's own: S1 and ST exactly, the confidence
    halves to the last bit or so (numpy's order of summing rows depends on the columns; tests/test_saltelli.py).
    `seed` is an int (SALib's path for a seed)."""
    from scipy.stats import norm
    from SALib.analyze.sobol import first_order, separate_output_values, total_order
    from SALib.util import extract_group_names

    _, d = extract_group_names(problem)
    if not seed or Y.size % (d + 2):
        raise ValueError("sobol_indices needs a seed and a design of N·(G + 2) outputs")
    n = Y.size // (d + 2)
    Y = (Y - Y.mean()) / Y.std()
    A, B, AB, _ = separate_output_values(Y, d, n, False)
    r = np.random.default_rng(seed).integers(n, size=(n, num_resamples))  # SALib's draws, in its order
    z = norm.ppf(0.5 + conf_level / 2)
    out = {k: np.zeros(d) for k in ("S1", "S1_conf", "ST", "ST_conf")}
    for j in range(d):
        out["S1"][j], out["ST"][j] = first_order(A, AB[:, j], B), total_order(A, AB[:, j], B)
        s1, st, lo, hi = [], [], math.inf, -math.inf
        for c in range(0, num_resamples, columns):
            rc = r[:, c:c + columns]
            a, ab, b = A[rc], AB[rc, j], B[rc]
            s1.append(first_order(a, ab, b))
            st.append(total_order(a, ab, b))
            lo, hi = min(lo, a.min(), b.min()), max(hi, a.max(), b.max())
        if hi - lo != 0.0:  # SALib: np.ptp(np.r_[A[r], B[r]]) != 0
            out["S1_conf"][j] = z * np.concatenate(s1).std(ddof=1)
            out["ST_conf"][j] = z * np.concatenate(st).std(ddof=1)
    return out
