"""The Saltelli design made block by block is SALib's own, and gives SALib's indices (bt17 F2).

SALib built the whole design up front (~1.3 kB a run: 1.4 GB and rising at a million draws); scorer now makes it a
block of base samples at a time. Compared here with `SALib.sample.sobol.sample` itself on small problems: grouped
factors, every factor alone, one group (SALib then treats each factor alone), blocks smaller and larger than one
base sample; and the indices SALib's `analyze` gives from a model's outputs on each design are equal.
"""

from __future__ import annotations

import numpy as np
import pytest
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from scorer.whatif.saltelli import saltelli_blocks


def _problem(groups):
    d = len(groups)
    return {"num_vars": d, "names": [f"x{j}" for j in range(d)], "bounds": [[0.0, 1.0]] * d, "groups": groups}


@pytest.mark.parametrize("groups", [
    ["w", "w", "m", "t", "m", "w"],          # grouped, as scorer's assumptions are
    [f"x{j}" for j in range(5)],             # each its own group (the names): SALib takes no groups
    ["a", "b", "c", "d"],                    # all distinct
    ["w"] * 4,                               # one group: SALib takes each factor alone
])
@pytest.mark.parametrize("rows", [1, 7, 40, 10_000])
def test_the_design_made_in_blocks_is_salib_s(groups, rows):
    problem, base, seed = _problem(groups), 64, 11
    whole = sobol_sample.sample(dict(problem), base, calc_second_order=False, seed=seed)
    step, total, blocks = saltelli_blocks(problem, base, seed, rows)
    made = list(blocks)
    assert total == len(whole) and all(len(b) == step for b in made) and step <= max(rows, total // base)
    np.testing.assert_array_equal(np.concatenate(made), whole)


def test_the_indices_from_a_design_made_in_blocks_are_salib_s():
    groups = ["w", "w", "m", "t", "m", "w"]
    problem, base, seed = _problem(groups), 128, 3
    coef = np.array([4.0, 1.0, 2.0, 0.5, 3.0, 0.2])

    def model(x):
        return x @ coef + 2.0 * x[:, 0] * x[:, 2]

    whole = sobol_sample.sample(dict(problem), base, calc_second_order=False, seed=seed)
    _, _, blocks = saltelli_blocks(problem, base, seed, 50)
    ours = sobol_analyze.analyze(dict(problem), np.concatenate([model(b) for b in blocks]), calc_second_order=False, seed=seed)
    theirs = sobol_analyze.analyze(dict(problem), model(whole), calc_second_order=False, seed=seed)
    for key in ("S1", "S1_conf", "ST", "ST_conf"):
        np.testing.assert_array_equal(ours[key], theirs[key])
    assert np.all(np.asarray(ours["ST"]) > 0)


@pytest.mark.parametrize("groups", [["w", "w", "m", "t", "m", "w"], ["a", "b", "c"]])
@pytest.mark.parametrize("columns", [1, 7, 10, 100])
def test_the_bootstrap_taken_a_few_resamples_at_a_time_gives_salib_s_indices(groups, columns):
    from scorer.whatif.saltelli import sobol_indices

    problem, base, seed = _problem(groups), 256, 5
    coef = np.linspace(3.0, 0.1, len(groups))
    whole = sobol_sample.sample(dict(problem), base, calc_second_order=False, seed=seed)
    y = whole @ coef + np.sin(6 * whole[:, 0]) * whole[:, -1]
    ours = sobol_indices(dict(problem), y, seed, columns=columns)
    theirs = sobol_analyze.analyze(dict(problem), y, calc_second_order=False, seed=seed)
    for key in ("S1", "ST"):
        np.testing.assert_array_equal(ours[key], np.asarray(theirs[key]), err_msg=key)
    # the bootstrap's resamples are SALib's; numpy sums a reduction over rows in an order that depends on how many
    # columns it has, so a block of fewer resamples than all may differ in the last bit (equal with all at once)
    for key in ("S1_conf", "ST_conf"):
        np.testing.assert_allclose(ours[key], np.asarray(theirs[key]), rtol=1e-12, atol=0, err_msg=key)
        if columns == 100:
            np.testing.assert_array_equal(ours[key], np.asarray(theirs[key]), err_msg=key)
