"""The rank conditions over every case a doubt allows (bt12h F1): the bounds of the peers behind the zone and of the
share ahead of it, and the bound that settles a condition when the whole range lies on one side of its line; what a
rank condition left unjudged by such a doubt says (zone_not_judged)."""

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


def zone_not_judged(r, doubt: dict) -> None:
    """A rank condition not judged because the zone's own data, or peers left out for a doubtful cell, could move the
    rank (readiness.zone_rank_doubt)."""
    if doubt["kind"] == "peer_rows":
        lo, hi, k = *doubt["rank_range"], len(doubt["peers"])
        r.reason = (f"对照表中{k}个园区含存疑数据（疑为小数录入），未计入排名；计入后本区排名可在第{lo}至第{hi}名之间："
                    f"排名不可比，此条件不予判定；请先核实对照表中标出的单元格")
        r.reason_en = (f"peers with a doubtful cell (a fraction typed) left out of the rank: {k}; counted, they would "
                       f"place the zone anywhere from {lo} to {hi}: the rank is not comparable and this condition is not "
                       f"judged; check the peer table's cells the warnings name first")
        r.why_zh, r.why_en = f"不予判定（对照表{k}个园区数据存疑）", f"not judged: doubtful peer data could move the rank ({lo}–{hi})"
        return
    if doubt["kind"] == "categories":
        r.reason = "本区有整个类别无得分、其权重已转给其他类别，而对照样本各类别均计分：排名不可比，此条件不予判定；请先补齐或核实数据"
        r.reason_en = ("whole categories of the zone have no score and their weight went to the others, while the peers are "
                       "scored on every category: the rank is not comparable and this condition is not judged; complete "
                       "or check the data first")
        r.why_zh, r.why_en = "不予判定（本区整类数据缺失）", "not judged: whole categories of the zone have no score"
        return
    lo, hi = doubt["rank_range"]
    # doubtful indicators, and indicators with no figure this quarter (bt12i F1), bounded alike
    n, m = len(doubt["indicators"]), len(doubt.get("missing") or [])
    what_zh = "和".join(([f"{n}项存疑指标"] if n else []) + ([f"{m}项本期缺数指标"] if m else []))
    what_en = " and ".join(([f"{n} doubtful indicators"] if n else []) + ([f"{m} indicators with no figure this quarter"]
                                                                          if m else []))
    todo_zh = "、".join((["补填缺数"] if m else []) + (["核实存疑数据"] if n else [])) + ("（数据质量提示列出单元格）" if m else "")
    todo_en = " and ".join((["fill in the missing figures"] if m else []) + (["check the doubtful data"] if n else []))
    todo_en += " first" + (" (the data-quality notes name the cells)" if m else "")
    r.reason = f"本区{what_zh}按最低与满分计，排名可在第{lo}至第{hi}名之间：排名不可比，此条件不予判定；请先{todo_zh}"
    r.reason_en = (f"the zone's {what_en}, at their lowest and at full marks, would place it anywhere from {lo} to {hi}: "
                   f"the rank is not comparable and this condition is not judged; {todo_en}")
    kind_zh = ("存疑及缺数指标" if n else "缺数指标") if m else "存疑数据"
    kind_en = ("doubtful and missing" if n else "missing") if m else "doubtful"
    r.why_zh = f"不予判定（{kind_zh}可使排名在第{lo}—{hi}名间变动）"
    r.why_en = f"not judged: {kind_en} data could move the rank ({lo}–{hi})"


def unreported_moves(result, st: Standing, conditions: list[dict]) -> dict | None:
    """Whether the quarter's indicators the office does not report by design (fields.yaml `reported`: CO2 half-yearly,
    no earlier value to carry; left out with a note, not bounded as ScoreResult.unknown's are) could turn a rank
    condition judged met or not met (bt12i F1: such a gap may stay as it is, but is said on page 2 when it can move the
    verdict). They, with the doubtful and missing ones, at 0 and at full marks (weights kept, `doubt_range_of`): {"indicators":
    [ids], "rank_range": [best, worst], "conditions": [ids of the rank conditions the range straddles]}, or None."""
    from scorer.score.engine import doubt_range_of
    from scorer.score.core import plan_for

    if st is None or st.peer_scores is None or st.score is None or result.overall is None:
        return None
    unknown = set(result.unknown())
    gone = [i.id for i in result.indicators if (i.score is None or not np.isfinite(i.score)) and not i.doubtful
            and i.id not in unknown]
    if not gone:
        return None
    plan = plan_for(result.framework)
    scores = dict(zip(plan.indicators, result.scores.loc[result.period, plan.indicators]))
    rng = doubt_range_of(result.framework, scores, gone + sorted(unknown) + [i.id for i in result.indicators if i.doubtful])
    if rng is None:
        return None
    worst, best = (st.score + x - result.overall for x in rng)
    bounds = rank_condition_bounds(st, {"kind": "doubtful", "worst_case": worst, "best_case": best})
    if bounds is None:
        return None
    turned = [c["id"] for c in conditions if c.get("status") in ("met", "not_met") and (
        (c["id"] == "bottom_n" and settled(bounds[0], ">=", c["required"]) is None)
        or (c["id"] == "rank_share_max" and settled(bounds[1], "<=", c["required"]) is None))]
    if not turned:
        return None
    peers = st.peer_scores.to_numpy(dtype=float)
    peers = peers[np.isfinite(peers)]
    return {"indicators": gone, "rank_range": [1 + int((peers > best).sum()), 1 + int((peers > worst).sum())],
            "conditions": turned}
