"""The peers' part of scoring a block of variants: their aggregated scores kept within a bound, and the standing.

`score_variant_set` (scenario.py) scores variants block by block against every peer. Under a unit-wise method
with the calibration held, the peers' figures never vary, so their scores are aggregated once per set of weights
and kept for every later block and pass (a scenario set, the action table's 26 weight sets, a plan's steps). A
Monte Carlo draws weights per draw: kept without bound, that cache gained one entry (peers × groups doubles) per
draw, 1.5 MB a draw at 27 000 peers — 3.3 GB at 2 000 draws (bt17 F1). `peers_once` keeps entries up to
PEER_CACHE_CELLS doubles and computes the rest for the block that needs them, without keeping them.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

# Doubles of peers' aggregated scores kept per method (32 MB): every set of weights of a scenario pass or the
# action table (26) at 2 700 peers × 7 groups, about 21 at 27 000 peers; a Monte Carlo's per-draw weights beyond it
# are aggregated for their block and dropped.
PEER_CACHE_CELLS = 4_000_000
_CELLS = "__cells__"  # the doubles kept so far, in the same dict (its other keys are bytes or "scores")


def peers_once(cache: dict, key: bytes, make: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The peers' aggregated scores for one set of weights (`key`: the weights' bytes): from `cache` when
    kept, else `make()` (group → 1 × peers array), kept when the cache's doubles stay within PEER_CACHE_CELLS."""
    got = cache.get(key)
    if got is None:
        got = make()
        cells = sum(np.size(v) for v in got.values())
        if cache.get(_CELLS, 0) + cells <= PEER_CACHE_CELLS:
            cache[key] = got
            cache[_CELLS] = cache.get(_CELLS, 0) + cells
    return got


def _standing(zone: np.ndarray, peers: np.ndarray, overall: np.ndarray) -> tuple[np.ndarray, ...]:
    """A block of variants' standing among the peers: (rank, peers counted, share ahead, peer median, peers behind).

    `zone` (variants,) is the zone's overall on the indicators its peers cover, `peers` (variants × peers)
    the peers' overall scores, `overall` (variants,) the zone's own overall. Ranks as the engine's
    rank_scores gives them (ties share the better rank), as `standing` counts them; without peers,
    rank, share and median are NaN.
    """
    with np.errstate(invalid="ignore"):
        counted = np.sum(np.isfinite(peers), axis=1)
        # Counted on the score the rank is taken on, as `standing` counts them (bt13k F7: on a partial peer table the
        # zone's full overall against the peers' covered scores counted 33 behind where the headline counts 31).
        behind = np.sum(peers < zone[:, None], axis=1).astype(float)
        if peers.shape[1] == 0:
            return np.full(len(zone), np.nan), counted, np.full(len(zone), np.nan), np.full(len(zone), np.nan), behind
        ahead = np.sum(peers > zone[:, None], axis=1)
        # The zone's rank with ties sharing the better rank (rank_scores' 'min') is 1 + the peers strictly ahead:
        # counted, not sorted (an argsort of every variant's 27 000 peers was a third of a scenario pass).
        rank = np.where(np.isnan(zone), np.nan, 1.0 + ahead)
        share = ahead / np.maximum(counted, 1)
        # No overall score of its own (too few indicators with data): no rank either, as `run` has it.
        rank, share = np.where(np.isfinite(overall), rank, np.nan), np.where(np.isfinite(overall), share, np.nan)
        median = np.nanmedian(np.where(np.isfinite(peers), peers, np.nan), axis=1)
    return rank, counted, share, median, behind


def ranked_as_run(ranking: str, normalisation: np.ndarray) -> np.ndarray:
    """The normalisation each variant is ranked under (VariantSet.rank_by): a variant scored as the run scores the
    zone (`normalisation` "targets", the framework's goalposts) is ranked as the run ranks it (`ranking`,
    Baseline.ranking: Standing.normalisation, "peers" under --across-peers), so that every rank a what-if prints (the
    action table, a plan, a scenario) starts from the headline's (bt13k F7: the action table ranked from 21 under a
    headline 23); a variant normalised across the peers is ranked so anyway. Shape: (variants,), of str."""
    return np.where(np.asarray(normalisation) == "targets", ranking, normalisation).astype(object)


def ranked_apart(variants) -> np.ndarray:
    """Positions of the variants (a VariantSet) ranked under another normalisation than they are scored under."""
    if variants.rank_by is None:
        return np.zeros(0, dtype=int)
    return np.flatnonzero(variants.rank_by != variants.normalisation)


def rows_ranked(variants, rows: np.ndarray):
    """The variants at `rows`, normalised as they are to be ranked (for their standing only: rank, share ahead,
    median, peers behind; their scores stay those of `variants`). Every per-variant array is cut alike."""
    from dataclasses import replace

    cut = {k: (v[rows] if isinstance(v, np.ndarray) else [v[r] for r in rows] if isinstance(v, list) else v)
           for k, v in variants.__dict__.items() if k != "aggregations"}
    cut["normalisation"], cut["rank_by"] = cut["rank_by"], None
    return replace(variants, **cut)


def calibrate(X: np.ndarray, variants, block: np.ndarray, fw, inds: list[str], targets: bool) -> None:
    """Apply a block's calibration draws in place to X (variants × units × indicators; unit 0 is the zone).

    Peers: value → (median + spread × (value − median)) × level, per indicator. Targets under
    goalposts: moving the target to floor + d·(target − floor) scores a value v as the nominal target
    scores floor + (v − floor)/d, so every unit's value is mapped that way (zone and peers alike).
    """
    if variants.peer_spread is not None or variants.peer_level is not None:
        P = X[:, 1:]
        if variants.peer_spread is not None:
            med = np.nanmedian(P, axis=1, keepdims=True) if P.shape[1] else P
            P[:] = med + variants.peer_spread[block][:, None, :] * (P - med)
        if variants.peer_level is not None:
            P *= variants.peer_level[block][:, None, :]
    if targets and variants.target_distance is not None:
        floor = np.array([fw.indicators[i].floor if fw.normaliser_for(fw.indicators[i]).method == "goalposts"
                          and fw.indicators[i].floor is not None else np.nan for i in inds])
        d = variants.target_distance[block][:, None, :]
        moved = floor + (X - floor) / d
        X[:] = np.where(np.isfinite(floor), moved, X)
