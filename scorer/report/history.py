"""The report's views over time and price: how many indicators each quarter's scores rest on (the
trend's comparability), each category's indicators quarter by quarter, and a growth figure's price basis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorer import fmt
from scorer.i18n import quarter_short
from scorer.score.engine import IndicatorResult, ScoreResult


@dataclass
class Coverage:
    """How many indicators each quarter's scores rest on. `partial[key][period] = (n, usual)` for the
    quarters where category `key` (or "index", the overall score) has fewer scored indicators than in
    its best-covered quarter: such a score is not comparable with the others in the trend."""

    partial: dict[str, dict[str, tuple[int, int]]]


def coverage(result: ScoreResult) -> Coverage:
    """Which quarters of `result` rest on fewer indicators than the best-covered quarter, per category."""
    fw = result.framework
    scored = result.scores.reindex(index=result.periods).notna()
    partial: dict[str, dict[str, tuple[int, int]]] = {}
    groups = {g.id: [c for c in fw.groups[g.id].children if c in scored.columns] for g in result.groups}
    counts = {gid: scored[members].sum(axis=1) for gid, members in groups.items()}
    counts["index"] = sum(counts.values())
    for key, n in counts.items():
        usual = int(n.max()) if len(n) else 0
        short = {str(p): (int(k), usual) for p, k in n.items() if 0 < k < usual}
        if short:
            partial[key] = short
    return Coverage(partial)


def coverage_note(coverage: Coverage, result: ScoreResult, w) -> str | None:
    """One sentence naming each quarter whose category score rests on fewer indicators than usual."""
    names = {"index": w.t("overall"), **{g.id: w.name(g) for g in result.groups}}
    items = [w.t("trend_partial_item", quarter=w.quarter(p), name=names[key], n=n, usual=usual)
             for key in names for p, (n, usual) in sorted(coverage.partial.get(key, {}).items())]
    return w.t("trend_partial_note", items=w.t("item_sep").join(items)) if items else None


def peer_coverage(peers, w) -> str:
    """A sentence when the peer set covers only some indicators: the rank compares the zone on those only."""
    if peers is None:
        return ""
    covered = set(peers.covered)
    missing = [i for i in w.fw.indicators.values() if i.id not in covered]
    if not missing:
        return ""
    return w.t("peer_coverage", k=len(w.fw.indicators) - len(missing), n=len(w.fw.indicators),
               names=w.join([w.name(i) for i in missing]))


def category_history(members: list[IndicatorResult], result: ScoreResult, w, quarters: int = 5) -> dict:
    """The category's indicator values in its last `quarters` quarters, as computed from the workbooks
    (— where a quarter has no value; imputed values are not shown here, they are listed in the appendix)."""
    periods = result.periods[max(0, result.periods.index(result.period) + 1 - quarters):result.periods.index(result.period) + 1]
    rows = []
    for i in members:
        values = [result.values.at[p, i.id] if p in result.values.index else None for p in periods]
        rows.append({"name": w.name(i), "unit": w.unit(i.unit),
                     "values": [fmt.number(None if v is None or not np.isfinite(v) else float(v), i.unit) for v in values]})
    return {"periods": [quarter_short(p, w.lang).split("\n") for p in periods], "rows": rows}


def price_basis(ind: IndicatorResult, w) -> str:
    """An indicator's price-basis label: （可比价） for a growth of GDP or 规上工业增加值 scored at the workbook's published
    comparable-price rate, （现价） for one at current prices (`IndicatorResult.price_basis`), else nothing."""
    return w.t(f"price_{ind.price_basis}") if ind.price_basis else ""
