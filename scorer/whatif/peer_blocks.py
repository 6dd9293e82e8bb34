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
        behind = np.sum(peers < overall[:, None], axis=1).astype(float)
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
