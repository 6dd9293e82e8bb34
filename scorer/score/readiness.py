"""Readiness as rank: the zone's estimated rank among the region's national zones, its margins, its place in the province, and the upgrade conditions.

Upgrades are decided by ranking (yardsticks `upgrade_by_ranking_2021`), and national zones in their
region's bottom 5 twice in 3 years face demotion (`demotion_bottom5`). So the readiness figures
are: the estimated rank among the peer set (the region's national zones) with a 5–95 % interval, the
distance in overall-score points to the bottom-5 line (the 5th-lowest peer's score) and to the
peers' median, and where the zone would stand among its province's national zones (the peers named
after them). The interval is over bootstrap resamples of the peer set: the spread that an estimate
from a set of this size carries (the Monte Carlo, `scorer uncertainty`, adds calibration
uncertainty). Then every condition of the verdict, with its evidence and confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scorer import fmt
from scorer.i18n import ordinal_en
from scorer.messages import both, msg
from scorer.framework.yardsticks import Yardsticks
from scorer.score.peers import PeerSet, Standing
from scorer.score.rules import Verdict

BOOTSTRAP = 2000
SEED = 20231213


@dataclass
class Readiness:
    rank: int
    of: int
    interval: tuple[int, int]  # 5–95 % over bootstrap resamples of the peers, scaled to `of`
    region: str | None  # the peer set's region (its metadata), None when it declares none
    grouping: str
    synthetic: bool
    score: float
    bottom_line: float | None  # the N-th lowest peer's score (N of the rules' bottom_n, default 5)
    bottom_n: int
    to_bottom_line: float | None  # points above (+) or below (−) the bottom-N line
    median: float
    to_median: float
    province: dict | None  # standing among the province's national zones (named peers)
    regional: bool = True  # the peers are declared the region's national zones (PeerSet.ranks_region)
    group_zh: str = ""  # what the zone is ranked among (PeerSet.group_zh)
    conditions: list[dict] = field(default_factory=list)
    label_zh: str = ""  # line().zh, for the JSON
    label_en: str = ""  # line() in English, for the JSON
    peer_year: int | None = None  # the data year the peer set's figures are of (its metadata's `year:`)
    compared: int = 0  # indicators the rank and margins are measured on (Standing.compared)
    indicators: int = 0  # the framework's indicators
    compared_weight: float = 1.0  # their share of the overall weight (Standing.compared_weight)
    rows_out: tuple = ()  # peers left out of the rank for a doubtful cell (Standing.rows_out): not among `of`
    zone_lacks: tuple = ()  # covered indicators the zone has no figure for (Standing.zone_lacks): not compared
    lacking_weight: float = 0.0  # their share of the overall weight (Standing.lacking_weight)
    scaled: tuple = ()  # indicators whose peer level is a national mean × a ratio, not a central figure (PeerSet.scaled)

    @property
    def partial(self) -> bool:
        """Whether `score`, the rank and the margins are on some indicators only, not the overall score."""
        return self.compared < self.indicators

    group_en: str = ""  # what the zone is ranked among, in English (PeerSet.group_en)
    thin: bool = False  # the compared indicators carry less than least_weight of the overall (Standing.thin)
    least_weight: float = 0.5  # the least share a rank may rest on to judge the rank conditions (Standing.least_weight)
    unplaced: str | None = None  # the province whose national zones the peers place none of (so no standing among them)
    misordered: str | None = None  # the province whose named zones this framework re-sorts against their ranks (bt12h F6)
    # Peer columns off their magnitude or saturated (scorer.score.peer_magnitude.ColumnDoubt): the rank and margins
    # are doubtful, not comparable, and say so wherever they are shown.
    doubtful_columns: list = field(default_factory=list)
    # The zone's own doubtful or dropped data that could move the rank (zone_rank_doubt): the other side of comparable.
    zone_doubt: dict | None = None

    @property
    def comparable(self) -> bool:
        """Whether the rank and margins can be compared: they rest on peer columns that passed the magnitude and
        saturation checks AND on zone data no doubt or dropped category could move them by (one verdict, both sides)."""
        return not self.doubtful_columns and not self.zone_doubt

    def doubt_line(self):
        """Why the rank and margins are doubtful, in both languages (a `Text`); None when they are not."""
        from scorer.messages import both, msg
        from scorer.score.peer_magnitude import doubt_names

        zone = zone_doubt_text(self.zone_doubt) if self.zone_doubt else None
        if not self.doubtful_columns:
            return zone
        columns = msg("the rank and its margins are doubtful, not comparable: in the peer table {file}, these columns are "
                   "off what the yardsticks and the peer model give them, or score every peer alike: {columns} (the "
                   "warnings name each column and what is expected)", file=self.doubtful_columns[0].file,
                   columns=doubt_names(self.doubtful_columns))
        return columns if zone is None else columns + both("; ", "；") + zone

    def line(self):
        """The readiness in one line, in both languages (a `scorer.messages.Text`): the estimated rank, its
        interval, the margins to the bottom-N line and to the median, the place in the province; `score` prints
        it in the language in use, the JSON carries its Chinese as `label_zh`."""
        from scorer.messages import both, msg

        interval = both(fmt.rank_span(*self.interval, lang="en"), fmt.rank_span(*self.interval))  # one rank as that rank
        among = both(self.group_en, self.group_zh if self.regional else f"{self.group_zh}中")
        if self.rows_out:  # never the rank among all: among those whose figures are usable (i12b)
            among = msg("the {n} of {among} whose figures are usable ({k} with a doubtful cell left out)",
                        n=self.of - 1, among=both(self.group_en, self.group_zh), k=len(self.rows_out))
        if self.partial:  # a partial peer table ranks on the indicators it covers: every margin is on that score
            text = msg("Estimated rank (on the score over the {compared} of {indicators:# indicator|# indicators} of the "
                       "comparison table, {score}, not the overall score) among {among}: {rank} (5%–95% interval {interval}) of {of}",
                       compared=self.compared, indicators=self.indicators, score=format(self.score, ".1f"), among=among,
                       rank=self.rank, interval=interval, of=self.of)
        else:
            text = msg("Estimated rank among {among}: {rank} (5%–95% interval {interval}) of {of}", among=among,
                       rank=self.rank, interval=interval, of=self.of)
        if self.to_bottom_line is not None:
            pts, n = f"{abs(self.to_bottom_line):.1f}", self.bottom_n
            text += (msg("; {pts:# point|# points} above the bottom-{n} line", pts=pts, n=n) if self.to_bottom_line > 0 else
                     msg("; {pts:# point|# points} below the bottom-{n} line", pts=pts, n=n))
        pts = f"{abs(self.to_median):.1f}"
        if self.regional:
            text += (msg("; {pts:# point|# points} above the regional median", pts=pts) if self.to_median >= 0 else
                     msg("; {pts:# point|# points} below the regional median", pts=pts))
        else:
            text += (msg("; {pts:# point|# points} above the peers' median", pts=pts) if self.to_median >= 0 else
                     msg("; {pts:# point|# points} below the peers' median", pts=pts))
            text += msg("; these peers are not the region's national zones: the bottom-5 line and the regional "
                        "middle are not judged")
        if self.regional and self.thin:
            text += msg("; the comparison table's indicators carry {share} of the overall score's weight (less than {least}): "
                        "the bottom-{n} line and the regional middle are not judged", share=format(self.compared_weight, ".0%"),
                        least=format(self.least_weight, ".0%"), n=self.bottom_n)
        if self.province:
            p = self.province
            text += msg("; placed {position} beside the {n} of {province}'s {total:# national zone|# national zones} with a published rank",
                        position=both(ordinal_en(p["position"]), str(p["position"])), n=p["of"] - 1,
                        province=_province_named(p["province"]),
                        total=p.get("national_zones") or "—")
        elif self.misordered:
            text += msg("; not placed among the national zones of {province}: under this framework they no longer stand "
                        "in their published order (see the warning)", province=_province_named(self.misordered))
        elif self.unplaced:
            text += msg("; not compared with the national zones of {province} (the peer table places none of them by "
                        "its published rank)", province=_province_named(self.unplaced))
        if self.synthetic:
            text += msg(" (the peers are a synthetic set: an estimate only)")
        if not self.comparable:
            text += both("; ", "；") + self.doubt_line()
        return text

    def as_dict(self) -> dict:
        return {
            "label_zh": self.label_zh, "label_en": self.label_en,
            "rank": {"estimate": self.rank, "of": self.of, "interval_5_95": list(self.interval), "region": self.region,
                     "grouping": self.grouping, "regional": self.regional, "among_zh": self.group_zh,
                     "among_en": self.group_en or self.group_zh, "synthetic_peers": self.synthetic,
                     "interval_method": f"bootstrap over the peer set ({BOOTSTRAP} resamples, seed {SEED})",
                     "comparable": self.comparable, "doubtful_columns": [d.as_dict() for d in self.doubtful_columns],
                     "zone_doubt": self.zone_doubt},
            "margins": {"score": self.score, "bottom_n": self.bottom_n, "bottom_line": self.bottom_line,
                        "to_bottom_line": self.to_bottom_line, "median": self.median, "to_median": self.to_median,
                        "unit": "overall-score points" if not self.partial else
                        f"points of the score over the {self.compared} indicators the peer table covers",
                        "on_overall": not self.partial,
                        # compared: in the table and with a figure for the zone (i12b: the table's columns were counted)
                        "indicators_compared": self.compared - len(self.zone_lacks),
                        "indicators_in_table": self.compared, "zone_lacks": list(self.zone_lacks),
                        "indicators_total": self.indicators,
                        "weight_compared": self.compared_weight - self.lacking_weight},
            "province": self.province,
            "conditions": self.conditions,
        }


def rank_interval(zone: float, peers: np.ndarray, n: int = BOOTSTRAP, seed: int = SEED) -> tuple[int, int]:
    """5–95 % of the zone's rank over bootstrap resamples of the peer scores (ranks out of len(peers) + 1).

    `peers` (peers,) overall scores, NaN for a peer without one (left out). A bootstrap resample draws
    len(peers) scores with replacement; the zone's rank in it is 1 + the number drawn above the zone's
    score. Each draw is above with probability p = (peers above) / len(peers), independently, so that
    number is Binomial(len(peers), p): the `n` resamples' ranks are drawn as `1 + Binomial(N, p)` directly
    (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, §6: the bootstrap distribution of a count
    statistic). Exactly the same distribution as resampling the scores, in O(n) time and memory whatever
    the number of peers (resampling 2 000 × 27 000 scores took 0.3 s and was drawn in blocks to bound memory).
    """
    peers = peers[np.isfinite(peers)]
    return interval_of_count(np.count_nonzero(peers > zone), len(peers), n, seed)


def interval_of_count(above: int, peers: int, n: int = BOOTSTRAP, seed: int = SEED) -> tuple[int, int]:
    """`rank_interval` from what it rests on: `above` of `peers` (with a score) above the zone; (1, 1) without peers.
    scorer.score.zone_table calls it for every zone of a table (one interval per distinct count)."""
    if not peers:
        return (1, 1)
    rng = np.random.default_rng(seed)
    ranks = 1 + rng.binomial(peers, above / peers, size=n)
    lo, hi = np.quantile(ranks, [0.05, 0.95])
    return int(np.floor(lo)), int(np.ceil(hi))


def condition_margin(rule, score: float, peers: np.ndarray) -> dict:
    """How far a condition is met (+) or missed (−): `margin` in the condition's own unit (the value's side
    of the threshold, whatever the operator's direction), and `margin_points` in overall-score points for
    the conditions on the rank: the bottom-N line (the N-th lowest peer's score) and the middle (the score
    of the (K+1)-th best peer, K = ⌊share·peers⌋: at most K peers may score higher). None where the
    condition has no number (an analyst's input, missing data)."""
    margin = None
    if rule.value is not None and np.isfinite(rule.value) and rule.role != "input":
        margin = float(rule.value - rule.threshold) if rule.op in (">=", ">") else float(rule.threshold - rule.value)
    points = None
    ranked = np.sort(peers[np.isfinite(peers)])
    if rule.id == "bottom_n" and 0 < int(rule.threshold) <= len(ranked):
        points = float(score - ranked[int(rule.threshold) - 1])
    elif rule.id == "rank_share_max" and len(ranked):
        k = int(np.floor(rule.threshold * len(ranked) + 1e-12))
        if k < len(ranked):
            points = float(score - ranked[::-1][k])
    return {"margin": margin, "margin_points": points}


def worst_case_misses(conditions: list[dict], result) -> set[str]:
    """Ids of the conditions met now that the worst case of an overall resting on doubtful indicators would miss
    (`conditions`: `assess`'s, each with `status` and `margin_points`; `result`: the ScoreResult, whose
    `doubt_range()` gives the worst case: the doubtful indicators scored 0, their weights kept). A rank condition's
    margin in overall-score points, less the points the doubtful indicators could take away (the overall minus its
    worst case), below 0. Empty when nothing is doubtful. The one rule of page 2's sentence and conditions table,
    the report's conditions table and the terminal's (issue 11: they said 满足 for a condition the worst case fails)."""
    rng = result.doubt_range() if result is not None else None
    if rng is None or result.overall is None:
        return set()
    drop = result.overall - rng[0]
    return {c["id"] for c in conditions if c["status"] == "met" and c.get("margin_points") is not None
            and c["margin_points"] - drop < 0}


def met_text(lang: str) -> str:
    """What a condition met now that the worst case would miss (`worst_case_misses`) says in a conditions table."""
    return msg("met (doubtful data; not met at the worst case)").in_(lang)


def across_interval(rule_id: str, threshold: float, interval: tuple[int, int], of: int) -> bool | None:
    """Whether a rank condition met at the estimated rank is met at the worst end of its 5–95 % interval too:
    `bottom_n` (not among the last N of `of`) and `rank_share_max` (at most ⌊share·(of − 1)⌋ zones ahead).
    False marks a condition a resampled peer set could turn (a coin-flip said as 满足); None for the others."""
    worst = interval[1]
    if rule_id == "bottom_n":
        return worst <= of - int(threshold)
    if rule_id == "rank_share_max":
        return worst - 1 <= int(np.floor(threshold * (of - 1) + 1e-12))
    return None


def _named_zones(st: Standing, peers: PeerSet, ys: Yardsticks, province: str) -> list[dict]:
    """The province's zones the yardsticks rank (kind rank) that the peer set places (its sidecar's `placements`: the
    synthetic row standing at the zone's rank) or a row of a real table names, each once, with its score."""
    named = []
    placed = getattr(peers, "placements", None) or {}
    for e in ys.of_kind("rank"):
        if e.region != province or e.zone is None:
            continue
        uid = placed.get(e.zone) or next((u for u, name in peers.names.items() if str(name).startswith(e.zone)), None)
        if uid is not None and uid in st.peer_scores.index and (e.zone, e.rank) not in [(z["zone"], z["national_rank"]) for z in named]:
            named.append({"zone": e.zone, "zone_en": e.zone_en or e.zone, "national_rank": e.rank, "of": e.of,
                          "region_rank": e.region_rank, "year": e.year, "score": float(st.peer_scores[uid]),
                          "source": e.source, "source_en": e.source_en or e.source, "cites": [e.id]})
    return named


def _province(st: Standing, peers: PeerSet, ys: Yardsticks | None, province: str) -> dict | None:
    if ys is None or st.peer_scores is None:
        return None
    named = _named_zones(st, peers, ys, province)
    if not named:
        return None
    if out_of_order(named):  # placed by another framework's scores: no place among them (bt12h F6; said by run.py)
        return None
    named.sort(key=lambda z: -z["score"])
    above = [z for z in named if z["score"] > st.score]
    # How many national zones the province has (a count of the province's zones: henan_2024_national_zones, 9): the
    # zones placed are those with a published rank only (7), never said to be all of them (bt12 F8).
    counts = [e for e in ys.of_kind("count") if e.region == province and e.value]
    total = max(counts, key=lambda e: e.year) if counts else None
    return {"province": province, "position": len(above) + 1, "of": len(named) + 1,
            "national_zones": int(total.value) if total else None, "national_zones_cites": [total.id] if total else [],
            "just_above": above[-1]["zone"] if above else None,
            "just_below": named[len(above)]["zone"] if len(above) < len(named) else None,
            "zones": named,
            "note_zh": f"{province}国家级经开区在对照样本中按其公布的全国排名定位；其数值为合成值。",
            "note_en": f"{_province_named(province)}'s national zones are placed in the peer set at their published national "
                       "rank; their values are synthetic."}


def out_of_order(named: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (better-ranked zone, worse-ranked zone) of a province's named peer rows whose scores stand against their
    published national ranks (红旗渠, 64th, scoring above 鹤壁, 62nd). The bundled peer set places the named zones at
    their ranks under the bundled framework; scored with another (other weights, other indicators), their scores
    re-sort, and the zone's place among them (介于鹤壁经开区与新乡经开区之间) would rest on that order (bt12h F6).
    Ties and rows of one rank are not pairs."""
    ranked = sorted(named, key=lambda z: z["national_rank"])
    return [(a, b) for i, a in enumerate(ranked) for b in ranked[i + 1:]
            if b["national_rank"] > a["national_rank"] and b["score"] > a["score"] + 1e-9]


def province_order(st: Standing, peers: PeerSet, ys: Yardsticks | None, province: str = "河南") -> list[tuple[dict, dict]]:
    """`out_of_order` for the zone's peers: the province's named rows (by the yardsticks' published ranks) whose
    scores under this run's framework stand against those ranks; empty when they keep their order or none is named."""
    if ys is None or st.peer_scores is None or not peers.ranks_region:
        return []
    named = [z for z in _named_zones(st, peers, ys, province) if np.isfinite(z["score"])]
    return out_of_order(named)


def grouping_en(peers: PeerSet, n: int) -> str:
    """What a zone is ranked among, in English, with `n` the peers that have a score (RankEstimate.grouping)."""
    if not peers.ranks_region:
        return f"{peers.group_en}: {n} zones"
    meta_year = getattr(peers, "year", None)
    return (f"{n} central-region national zones (Ministry statistics release" + (f", {meta_year}" if meta_year else "")
            + "; the 2021 assessment grouped 68)") if peers.synthetic else f"{peers.name}: {n} zones"


def assess(st: Standing, peers: PeerSet, verdict: Verdict | None, ys: Yardsticks | None,
           bottom_n: int = 5, province: str = "河南") -> Readiness:
    """The readiness figures of a scored zone among its peers (see the module's docstring)."""
    scores = st.peer_scores.to_numpy(dtype=float) if st.peer_scores is not None else np.array([])
    scores = scores[np.isfinite(scores)]
    low = np.sort(scores)
    line = float(low[bottom_n - 1]) if len(low) >= bottom_n else None
    meta_year = getattr(peers, "year", None)
    grouping = grouping_en(peers, len(scores))
    regional = peers.ranks_region  # the bottom-N line and the regional middle mean something only then
    if not regional:
        line = None
    r = Readiness(st.rank, st.of, rank_interval(st.score, scores), peers.region, grouping, st.synthetic, st.score,
                  line, bottom_n, None if line is None else st.score - line, st.peer_median, st.score - st.peer_median,
                  _province(st, peers, ys, province) if regional else None, regional, peers.group_zh,
                  peer_year=meta_year, compared=st.compared, indicators=st.indicators,
                  compared_weight=st.compared_weight, zone_lacks=tuple(st.zone_lacks),
                  lacking_weight=st.lacking_weight, rows_out=tuple(getattr(st, "rows_out", ())), scaled=tuple(i for i in peers.values.columns if i in peers.scaled))
    if verdict is not None:
        r.conditions = [{"id": x.id, "name_zh": x.name_zh, "name_en": x.name_en, "role": x.role, "deciding": x.deciding,
                         "status": "not_judged" if x.reason else {True: "met", False: "not_met", None: "unknown"}[x.passed],
                         "reason": x.reason, "reason_en": x.reason_en or x.reason,
                         "value": x.value, "op": x.op, "required": x.threshold, "unit": x.unit,
                         # a condition not judged here carries no margin (another region's line is not this zone's)
                         **(condition_margin(x, st.score, scores) if not x.reason else {"margin": None, "margin_points": None}),
                         "across_interval": across_interval(x.id, x.threshold, r.interval, r.of)
                         if x.passed and not x.reason and x.threshold is not None else None,
                         "confidence": x.confidence, "evidence_zh": x.source, "evidence_en": x.source_en,
                         "cites": x.cites or []} for x in verdict.rules]
    r.group_en, r.thin, r.least_weight = peers.group_en, st.thin, st.least_weight
    r.doubtful_columns = list(getattr(st, "column_doubts", None) or [])
    r.zone_doubt = getattr(st, "zone_doubt", None)
    if regional and not r.province and ys is not None:  # why the province's standing is missing, never a silent gap
        if province_order(st, peers, ys, province):
            r.misordered = province
        else:
            r.unplaced = province
    r.label_zh, r.label_en = r.line().zh, str(r.line())
    return r


def _province_named(province: str):
    """A province's name in a message: Henan / 河南 (the yardsticks' `region:` of a province is its Chinese name)."""
    from scorer.i18n import PROVINCE_EN
    from scorer.messages import both

    return both(PROVINCE_EN.get(province, province), province)


def zone_rank_doubt(result, st: Standing) -> dict | None:
    """Whether the zone's own data (`own_rank_doubt`) or the peers left out of the rank for a doubtful cell
    (Standing.rows_out: each could stand ahead of the zone or behind it) could move its rank: a dict saying why, or
    None. Peers left out: {"kind": "peer_rows", "peers": [ids], "rank_range": [rank, rank + their number], "of_all"}
    when the zone's own data raise no doubt; else the zone's dict with "peers_left_out" and its range widened."""
    own = own_rank_doubt(result, st)
    rows = list(getattr(st, "rows_out", None) or [])
    if not rows:
        return own
    if own is None:
        return {"kind": "peer_rows", "peers": rows, "rank_range": [st.rank, st.rank + len(rows)],
                "of_all": st.of + len(rows)}
    own["peers_left_out"] = rows
    if "rank_range" in own:
        own["rank_range"] = [own["rank_range"][0], own["rank_range"][1] + len(rows)]
    return own


def own_rank_doubt(result, st: Standing) -> dict | None:
    """Whether the zone's own data could move its rank, so that the rank and margins are not comparable and the rank
    conditions are not judged (bt12g F2: 32 unit-slip warnings dropped GDP, tax and trade, two categories dropped
    out, the rank went 21 → 17 and `comparable` stayed true): a dict saying why, or None.

    `result`: the zone's ScoreResult; `st`: its Standing. Not comparable when a whole category has no score (its
    weight went to the others: {"kind": "categories", "categories": [ids]}), or when the doubtful indicators at
    their worst and at their best (ScoreResult.doubt_range, weights kept) give different ranks among the peers
    ({"kind": "doubtful", "indicators": [ids], "missing": [ids of the indicators with no figure this quarter,
    ScoreResult.unknown, bounded alike (bt12i F1)], "worst_case", "best_case": overall points on the rank's score,
    "rank_range": [best rank, worst rank]})."""
    empty = [g.id for g in result.empty_categories]
    doubtful = [i.id for i in result.indicators if i.doubtful]
    missing = result.unknown() if hasattr(result, "unknown") else []  # no figure this quarter: bounded alike (bt12i F1)
    if empty:
        return {"kind": "categories", "categories": empty, "indicators": doubtful}
    span = result.doubt_range()
    if span is None or st.peer_scores is None or st.score is None or result.overall is None:
        return None
    scores = st.peer_scores.to_numpy(dtype=float)
    scores = scores[np.isfinite(scores)]
    # the doubt moves the rank's score (on the peers' indicators) by as much as it moves the overall
    worst, best = (st.score + x - result.overall for x in span)
    ranks = [1 + int((scores > best).sum()), 1 + int((scores > worst).sum())]
    if ranks[0] == ranks[1]:
        return None
    return {"kind": "doubtful", "indicators": doubtful, "missing": missing, "worst_case": float(worst),
            "best_case": float(best), "rank_range": ranks}


def zone_doubt_text(doubt: dict):
    """`zone_rank_doubt`'s why in both languages (a `Text`)."""
    from scorer.messages import msg

    if doubt["kind"] == "peer_rows":
        lo, hi = doubt["rank_range"]
        return msg("the rank and its margins are not comparable: they are among the peers whose figures are usable "
                   "(peers with a doubtful cell left out: {k}; the warnings name each cell), and among all {total:# zone|# zones} "
                   "the zone could stand anywhere from {best} to {worst}", k=len(doubt["peers"]), total=doubt["of_all"],
                   best=lo, worst=hi)
    if doubt["kind"] == "categories":
        return msg("the rank and its margins are not comparable: {n:# whole category has|# whole categories have} no score and {n:its|their} weight "
                   "went to the others, while the peers are scored on every category", n=len(doubt["categories"]))
    lo, hi = doubt["rank_range"]
    missing = len(doubt.get("missing") or [])
    if missing and doubt["indicators"]:
        return msg("the rank and its margins are not comparable: the zone's {n:# doubtful indicator|# doubtful indicators} and "
                   "{m:# indicator|# indicators} with no figure this quarter, at their lowest and at full marks, would place "
                   "it anywhere from {best} to {worst}", n=len(doubt["indicators"]), m=missing, best=lo, worst=hi)
    if missing:
        return msg("the rank and its margins are not comparable: the zone's {m:# indicator|# indicators} with no figure this "
                   "quarter (left out of the score, the warnings name the cells to fill in), at {m:its|their} lowest and at "
                   "full marks, would place it anywhere from {best} to {worst}", m=missing, best=lo, worst=hi)
    return msg("the rank and its margins are not comparable: the zone's {n:# doubtful indicator|# doubtful indicators}, at {n:its|their} lowest and "
               "at full marks, would place it anywhere from {best} to {worst}", n=len(doubt["indicators"]), best=lo,
               worst=hi)


def rank_doubt_text(st: Standing):
    """Why the rank is not comparable, from the peers' side (doubtful columns) or the zone's (`zone_rank_doubt`), in
    both languages; None when it is comparable (Verdict.rank_doubt: one verdict on comparability)."""
    from scorer.messages import msg
    from scorer.score.peer_magnitude import doubt_names

    if getattr(st, "column_doubts", None):
        return msg("the rank and its margins are doubtful, not comparable: in the peer table {file}, these columns are "
                   "off what the yardsticks and the peer model give them, or score every peer alike: {columns} (the "
                   "warnings name each column and what is expected)", file=st.column_doubts[0].file,
                   columns=doubt_names(st.column_doubts))
    return zone_doubt_text(st.zone_doubt) if st.zone_doubt else None
