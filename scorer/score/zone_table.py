"""Every zone of a peer table placed as `scorer score` places one zone among the others (`score-table --json`).

`score` scores one zone and ranks it among a peer table; `score-table` on a peer table scores every zone of it
at once with the same framework (`scorer.score.peers.standing`'s: no time-axis imputation, cut down to the
columns the table covers). This module gives each zone the objects `score --json` gives its zone, with the same
keys and meanings (scorer.schema: Overall, Category, RankEstimate, Margins): the zone's overall and category
scores, its rank among the other zones with the bootstrap interval, and its margins to the bottom-N line and to
the median of the others. A zone `score` ranks against the rest of a table gets, for each of these, what the
table's row of that zone gets here (tests/test_zone_table.py holds the two to each other).

Vectorised over zones: the rank, the bottom-N line and the median of "every zone but this one" come from one
sort of the overall scores (27 000 zones: a few milliseconds); the bootstrap interval is drawn once per distinct
number of zones ahead (scorer.score.readiness.interval_of_count, rank_interval's own, with its seed), so it is the
interval `score` prints.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from scorer import fmt
from scorer.errors import Location, Problem
from scorer.messages import both, msg

from scorer.framework.model import Framework
from scorer.score.objects import category_objects, overall_object
from scorer.score.peers import PeerSet, rank_basis
from scorer.score.readiness import BOOTSTRAP, SEED, grouping_en, interval_of_count


def _others_order(scores: np.ndarray, j: np.ndarray, k: np.ndarray) -> np.ndarray:
    """The j-th smallest (0-based) of the sorted `scores` (n,) with the element at sorted position k left out:
    `scores[j + (j >= k)]`, over arrays j and k of the same shape."""
    return scores[j + (j >= k)]


def among_others(overall: np.ndarray, bottom_n: int) -> dict[str, np.ndarray]:
    """Each zone's place among the other zones of the table, as `score` places its zone among its peers.

    `overall` (zones,) overall scores, NaN for a zone without one (it is left out of everyone's others and gets
    NaN / -1 itself). Returns arrays (zones,): `ahead` (others scoring strictly higher: the rank is ahead + 1, ties
    share the better rank as COINr's rank and `standing` do), `behind` (others strictly lower), `of` (the others
    with a score + 1), `bottom_line` (the bottom_n-th lowest score of the others; NaN when they are fewer),
    `median` (the median of the others' scores; NaN when there are none).
    """
    overall = np.asarray(overall, dtype=float)
    finite = np.isfinite(overall)
    s = np.sort(overall[finite])
    n = len(s)
    z = overall[finite]
    ahead_f = n - np.searchsorted(s, z, side="right")
    behind_f = np.searchsorted(s, z, side="left")
    k = behind_f  # a sorted position holding the zone's own score: leaving any equal one out leaves the same others
    m = n - 1  # the others
    bottom = np.full(len(z), np.nan)
    if m >= bottom_n:
        bottom = _others_order(s, np.full(len(z), bottom_n - 1), k)
    median = np.full(len(z), np.nan)
    if m >= 1:
        lo, hi = (m - 1) // 2, m // 2
        median = (_others_order(s, np.full(len(z), lo), k) + _others_order(s, np.full(len(z), hi), k)) / 2
    out = {"ahead": np.full(len(overall), -1), "behind": np.full(len(overall), -1), "of": np.full(len(overall), -1),
           "bottom_line": np.full(len(overall), np.nan), "median": np.full(len(overall), np.nan)}
    out["ahead"][finite], out["behind"][finite], out["of"][finite] = ahead_f, behind_f, n
    out["bottom_line"][finite], out["median"][finite] = bottom, median
    return out


def zone_entries(framework: Framework, aggregated: pd.DataFrame, zones: PeerSet, bottom_n: int,
                 doubtful_columns: list[dict]) -> list[dict]:
    """For each row of `aggregated` (zones × groups with 'index', as scored by score-table on the peer table
    `zones`), the objects `score --json` gives its zone: `overall` (scorer.schema.Overall), `categories` (a list of
    scorer.schema.Category, the framework's top-level categories), `rank` (scorer.schema.RankEstimate) and
    `margins` (scorer.schema.Margins); `rank` and `margins` are null for a zone without an overall score. On a table
    covering some indicators only, `overall` and `categories` are over those (the overall named so: "score over the N
    indicators the table covers"), as `score`'s margins are; a zone with an empty category has a rank, not comparable.
    `framework` is the full framework (its categories, weights and names; the scale of points lost); `bottom_n` the
    rules' (a zone's margin to the bottom-N line is judged, as in `score`, only when the table is declared its
    region's national zones, PeerSet.ranks_region); `doubtful_columns` the peer columns that make every rank and
    margin not comparable (scorer.schema.DoubtfulColumn dicts). Shapes: one dict per row, in the table's order."""
    overall = aggregated["index"].to_numpy(dtype=float)
    place = among_others(overall, bottom_n)
    regional = zones.ranks_region
    compared, total, _, _ = rank_basis(framework, zones.covered)
    partial = compared < total
    # what each zone is compared on: the table's indicators it has a figure for (i12b: the columns were counted)
    keep = [i for i in zones.covered if i in framework.indicators]
    have = zones.values.reindex(index=aggregated.index, columns=keep).notna().to_numpy()
    weights = np.array([framework.indicators[i].effective_weight for i in keep], dtype=float)
    intervals: dict[tuple[int, int], list[int]] = {}
    method = f"bootstrap over the peer set ({BOOTSTRAP} resamples, seed {SEED})"
    tops = list(framework.top_groups)
    index = framework.groups["index"]
    cat_scores = {g: aggregated[g].to_numpy(dtype=float) if g in aggregated.columns else np.full(len(overall), np.nan)
                  for g in tops}
    # On a table covering some indicators only, every zone is scored on those (as `score` ranks its zone on them):
    # its "overall" is that score, named so (bt17h F2: score's overall, on every indicator, differs)
    names = ({"name_zh": f"对照表所含{compared}项指标的得分", "name_en": f"score over the {compared} indicators the table covers"}
             if partial else {"name_zh": index.name_zh, "name_en": index.name_en})
    entries = []
    for r in range(len(overall)):
        s = overall[r]
        empty = [g for g in tops if not np.isfinite(cat_scores[g][r])]
        entry = {"overall": overall_object(framework, s, empty, None, names),
                 "categories": category_objects(framework, s, {g: cat_scores[g][r] for g in tops}),
                 "rank": None, "margins": None}
        if np.isfinite(s):
            ahead, of = int(place["ahead"][r]), int(place["of"][r])
            if (ahead, of) not in intervals:
                intervals[(ahead, of)] = list(interval_of_count(ahead, of - 1))
            line = float(place["bottom_line"][r]) if regional and np.isfinite(place["bottom_line"][r]) else None
            median = float(place["median"][r]) if np.isfinite(place["median"][r]) else None
            entry["rank"] = {"estimate": ahead + 1, "of": of, "interval_5_95": intervals[(ahead, of)],
                             "region": zones.region, "grouping": grouping_en(zones, of - 1), "regional": regional,
                             "among_zh": zones.group_zh, "among_en": zones.group_en or zones.group_zh,
                             "synthetic_peers": zones.synthetic, "interval_method": method,
                             # a zone without a category is scored on the others: not comparable (bt17h F3)
                             "comparable": not doubtful_columns and not empty, "doubtful_columns": doubtful_columns}
            entry["margins"] = {"score": float(s), "bottom_n": bottom_n, "bottom_line": line,
                                "to_bottom_line": None if line is None else float(s) - line,
                                "median": median, "to_median": None if median is None else float(s) - median,
                                "unit": "overall-score points" if not partial else
                                f"points of the score over the {compared} indicators the peer table covers",
                                "on_overall": not partial, "indicators_compared": int(have[r].sum()),
                                "indicators_in_table": compared,
                                "zone_lacks": [i for i, h in zip(keep, have[r]) if not h],
                                "indicators_total": total, "weight_compared": float(have[r] @ weights)}
        entries.append(entry)
    return entries


def saturated_columns(fw: Framework, result, zones: PeerSet, data: Path) -> list:
    """The peer columns of a peer table `score` would call saturated as it ranks its zone among them (as standing does;
    the magnitude doubts come with the table: PeerSet.column_doubts)."""
    from scorer.score.peer_magnitude import saturated

    steps, known = result.steps, {c.indicator for c in zones.column_doubts}
    cols = {ind: zones.columns.get(ind, (ind, Location(file=data))) for ind in zones.covered}
    return [d for d in saturated(fw, steps.score_array, steps.indicator_ids, {i: c[0] for i, c in cols.items()},
                                 zones.path, lambda ind: cols[ind][1]) if d.indicator not in known]


def zone_objects(full: Framework, result, zones: PeerSet, rules: Path | None, doubts: list) -> list[dict]:
    """score-table --json on a peer table: each zone's overall, categories, rank and margins as `score --json` gives
    its zone's (scorer.score.zone_table.zone_entries), with the bottom-N of `rules` (score's default) and the
    doubtful peer columns (magnitude off, saturated) making every rank not comparable."""
    from scorer.resources import beside_framework
    from scorer.score.rules import load_rules

    spec = load_rules(rules or beside_framework(full.path, "rules"), full).spec
    bottom = int(spec.bottom_n.value) if spec.bottom_n is not None else 5
    return zone_entries(full, result.aggregated, zones, bottom, [d.as_dict() for d in doubts])


def category_gaps(aggregated: pd.DataFrame, fw: Framework, data: Path) -> list[Problem]:
    """One warning naming the zones of a peer table scored without one of its categories (none of the category's
    indicators has a figure): their overall is over the other categories and their rank is not comparable (bt17h F3)."""
    tops = [g for g in fw.top_groups if g in aggregated.columns]
    missing = aggregated.loc[aggregated["index"].notna(), tops].isna()  # whole columns: 27 000 zones at once
    missing = missing[missing.any(axis=1)]
    if missing.empty:
        return []
    empty = {str(u): [g for g, gone in zip(tops, row) if gone] for u, row in zip(missing.index, missing.to_numpy())}
    names = [f"{u} ({'、'.join(fw.groups[g].name_zh for g in gs)})" for u, gs in empty.items()]
    return [Problem(msg("{n:# zone has|# zones have} no score in a whole category and {n:is|are} scored on the others; {n:its rank is|their ranks are} not "
                        "comparable: {names}", n=len(empty), names=fmt.first_named(names)),
                    Location(file=data), msg("give the category's figures for those zones"), "warning", code="zone_category_empty")]


def table_gaps(aggregated: pd.DataFrame, fw: Framework, data: Path, peers: bool, panel: bool) -> list[Problem]:
    """What `score-table` warns of beyond the table's own reading: zones without a whole category (`category_gaps`, for a
    peer table) and indicators left out of some zones' category scores (`cells_left_out`, for a table of one time)."""
    return (category_gaps(aggregated, fw, data) if peers else columns_blank(aggregated, fw, data)) + \
        ([] if panel else cells_left_out(aggregated, fw, data))


def columns_blank(aggregated: pd.DataFrame, fw: Framework, data: Path) -> list[Problem]:
    """Warnings for a table that is not a peer table (a COINr model's data): an indicator no unit has a figure for, left
    out of every aggregate (code indicator_left_out), and a group no unit has a score in, left out of the index,
    which is then the other groups' alone (code group_left_out). bt11k F1: both dropped out with no word. A peer
    table says its coverage instead (`table_coverage`)."""
    out = []
    for iid, ind in fw.indicators.items():
        if iid in aggregated.columns and aggregated[iid].isna().all():
            out.append(Problem(msg("{indicator} ({name}) has no figure for any unit and is left out of every aggregate "
                                   "(its weight goes to its siblings)", indicator=iid,
                                   name=both(ind.name_en or ind.name_zh, ind.name_zh)), Location(file=data),
                               msg("give the units' figures, or take the indicator out of the framework"), "warning",
                               code="indicator_left_out"))
    for gid, group in fw.groups.items():
        if gid != "index" and gid in aggregated.columns and aggregated[gid].isna().all():
            out.append(Problem(msg("group {group} ({name}) has no score for any unit: the aggregates above it are made of "
                                   "the other groups alone", group=gid, name=both(group.name_en or group.name_zh,
                                                                                   group.name_zh)), Location(file=data),
                               msg("give figures for its indicators, or take the group out of the framework"), "warning",
                               code="group_left_out"))
    return out


def table_coverage(zones: PeerSet, fw: Framework) -> list:
    """The note (a list of none or one) on a table scored by `score-table` that covers only some of the framework's
    indicators, in words about the table's zones (PeerSet's own note speaks of 'the zone' ranked among peers, which
    score-table has none of: bt11i F4)."""
    covered = set(zones.covered)
    missing = [i for i in fw.indicators if i not in covered]
    if not missing:
        return []
    from scorer.messages import Text

    return [msg("the table covers {n} of {total:# indicator|# indicators}; its zones are scored and ranked on those only (missing: "
                "{missing})", n=len(fw.indicators) - len(missing), total=len(fw.indicators),
                missing=Text(", ".join(missing), "、".join(fw.indicators[i].name_zh for i in missing)))]


def cells_left_out(aggregated: pd.DataFrame, fw: Framework, data: Path) -> list[Problem]:
    """One warning per indicator that drops out of some zones' category scores because those zones have no figure for
    it while others do (an aggregate over the non-missing children, as COINr's mean): naming the indicator, its
    category and the zones (issue 11 point 8: any indicator that drops out of an aggregate is named; bt11i F4: one
    zone's blank 地区生产总值 left its 发展质量 score on the other indicators unsaid). An indicator no zone has is the
    table's coverage (`table_coverage`), a zone without a category or an overall is `category_gaps` / unit_unscored."""
    out = []
    for iid, ind in fw.indicators.items():
        parent = getattr(ind, "parent", None)
        if iid not in aggregated.columns or parent not in aggregated.columns:
            continue
        blank = aggregated[iid].isna()
        if blank.all() or not blank.any():
            continue
        gone = [str(u) for u in aggregated.index[blank & aggregated[parent].notna()]]
        if not gone:
            continue
        group = fw.groups[parent]
        out.append(Problem(msg("{indicator} ({name}) has no figure for {n:# zone|# zones} and is left out of {n:its|their} {category} score "
                               "(its weight goes to the category's other indicators): {zones}", indicator=iid,
                               name=both(ind.name_en or ind.name_zh, ind.name_zh), n=len(gone),
                               category=both(group.name_en or group.name_zh, group.name_zh), zones=fmt.first_named(gone)),
                           Location(file=data), msg("give the zones' figures, or leave the column empty for every zone"),
                           "warning", code="indicator_left_out"))
    return out
