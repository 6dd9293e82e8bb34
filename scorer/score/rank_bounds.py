"""The rank conditions over every case a doubt allows (bt12h F1): the bounds of the peers behind the zone and of the
share ahead of it, and the bound that settles a condition when the whole range lies on one side of its line."""

from __future__ import annotations

import numpy as np

from scorer.score.peers import Standing


def rank_condition_bounds(st: Standing, doubt: dict | None) -> tuple[tuple[int, int], tuple[float, float]] | None:
    """((least, most) peers scoring below the zone, (least, most) share of peers scoring above it) over every case
    `doubt` (zone_rank_doubt) allows: the zone's doubtful indicators anywhere from their lowest to full marks
    (worst_case … best_case on the rank's score), and each peer left out of the rank for a doubtful cell (peer_rows,
    peers_left_out) ahead of the zone or behind it. None when no bound can be put (a whole category unscored).

    The rank conditions are judged on these bounds when they lie wholly on one side of the line (bt12h F1: a zone
    55th–56th of 56 in every case had both conditions withheld for one doubtful count, and the verdict read 数据所及
    条件均满足); withheld only when the range straddles it. Shares are of the peers (usable and left out) as
    Standing.share_ahead's."""
    if doubt is None or doubt.get("kind") == "categories" or st.peer_scores is None or st.score is None:
        return None
    scores = st.peer_scores.to_numpy(dtype=float)
    scores = scores[np.isfinite(scores)]
    k = len(doubt.get("peers") or doubt.get("peers_left_out") or [])
    low, high = (st.score, st.score) if doubt.get("kind") == "peer_rows" else (doubt["worst_case"], doubt["best_case"])
    n = max(len(scores) + k, 1)
    behind = (int((scores < low).sum()), int((scores < high).sum()) + k)
    ahead = (int((scores > high).sum()), int((scores > low).sum()) + k)
    return behind, (ahead[0] / n, ahead[1] / n)


def settled(bounds: tuple, op: str, threshold: float) -> float | None:
    """The bound that settles `value op threshold` for every value within `bounds` (least, most): the least for ">="
    met (or the most, not met), the most for "<=" met (or the least, not met); None when the bounds straddle it."""
    lo, hi = bounds
    if op == ">=":
        return lo if lo >= threshold else hi if hi < threshold else None
    return hi if hi <= threshold else lo if lo > threshold else None
