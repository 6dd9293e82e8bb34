"""The report's views over time and price: how many indicators each quarter's scores rest on (the
trend's comparability), each category's indicators quarter by quarter, and a growth figure's price basis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scorer import fmt
from scorer.i18n import quarter_short
from scorer.messages import both, msg
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
             for key in names for p, (n, usual) in sorted(coverage.partial.get(key, {}).items()) if p <= result.period]
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
    (— where a quarter has no value; imputed values are not shown here, they are listed in the appendix);
    a value the score did not take as read (`ScoreResult.doubts`: left out or capped) carries the doubt mark."""
    periods = result.periods[max(0, result.periods.index(result.period) + 1 - quarters):result.periods.index(result.period) + 1]
    doubt = result.doubts.any if result.doubts is not None else None
    rows, marked, other_basis = [], False, set()
    for i in members:
        values = []
        for p in periods:
            v = result.values.at[p, i.id] if p in result.values.index else None
            shown = fmt.number(None if v is None or not np.isfinite(v) else float(v), i.unit)
            if doubt is not None and p in doubt.index and i.id in doubt.columns and bool(doubt.at[p, i.id]) and shown != "—":
                shown, marked = w.t("doubt_mark", value=shown), True  # computed, but not scored as read
            if shown != "—" and not same_basis(result, i.id, p):  # the row is labelled by the reported quarter's basis
                basis = (getattr(result, "price_bases", None) or {}).get((p, i.id))
                shown = w.t("basis_mark", value=shown)
                other_basis.add(w.t(f"price_{basis}").strip(" （）()") if basis else "")
            values.append(shown)
        rows.append({"name": labelled(i, w), "unit": w.unit(i.unit), "values": values})
    return {"periods": [quarter_short(p, w.lang).split("\n") for p in periods], "rows": rows,
            "doubt_note": (w.t("cat_history_doubt") if marked else "")
            + (w.t("cat_history_basis", basis=w.t("list_sep").join(sorted(other_basis - {""})) or "—") if other_basis else "")}


def same_basis(result: ScoreResult, column: str, then: str) -> bool:
    """Whether an indicator's growth is at the same price basis in quarter `then` as in the reported one
    (`ScoreResult.price_bases`): a comparable-price rate beside a current-price one is no change the zone made
    (bt13j F14: 比上季 ↓ compared 5.1 at comparable prices with 6.7 at current prices). True for anything else."""
    bases = getattr(result, "price_bases", None) or {}
    return bases.get((then, column)) == bases.get((result.period, column))


def price_basis(ind: IndicatorResult, w) -> str:
    """An indicator's price-basis label: （可比价） for a growth of GDP or 规上工业增加值 scored at the workbook's published
    comparable-price rate, （现价） for one at current prices (`IndicatorResult.price_basis`), else nothing."""
    return w.t(f"price_{ind.price_basis}") if ind.price_basis else ""


def labelled(ind: IndicatorResult, w) -> str:
    """An indicator's name as a table row or a chart label gives it beside its figures: with its price basis
    (`price_basis`: 地区生产总值增长率（现价）), wherever its figure is shown, not in one table only (bt13 11)."""
    return w.name(ind) + price_basis(ind, w)


RECENT_QUARTERS = 8  # the history table's window: the last two years of quarters up to the reported one
EARLIER_YEARS = 5  # and the reported quarter's own quarter in up to five years before that window


def window(result: ScoreResult, recent: int = RECENT_QUARTERS, earlier_years: int = EARLIER_YEARS) -> list[str]:
    """The quarters the report lists one by one (oldest first): the last `recent` quarters up to the
    reported one, and the same quarter (Q1…Q4 as reported) of the `earlier_years` years before them, for
    a like-for-like trend. Every quarter scored stays in the trend chart and in `score --json`'s history;
    the tables over quarters (history, imputed and treated values, workbooks) list these only."""
    k = result.periods.index(result.period)
    last = result.periods[max(0, k + 1 - recent):k + 1]
    same = [p for p in result.periods[:max(0, k + 1 - recent)] if p[4:] == result.period[4:]][-earlier_years:]
    return same + last


def window_note(shown: list[str], result: ScoreResult, w) -> str:
    """The history table's caption when it leaves quarters out: what it lists and where the rest are."""
    upto = result.periods[:result.periods.index(result.period) + 1]  # no quarter after the reported one
    if len(shown) == len(upto):
        return ""
    recent = [p for p in shown if result.periods.index(p) > result.periods.index(result.period) - RECENT_QUARTERS]
    same = len(shown) - len(recent)
    return w.t("history_window" if same else "history_window_recent", n=len(recent), first=w.quarter(recent[0]),
               last=w.quarter(recent[-1]), years=same, all=len(upto),
               from_=w.quarter(upto[0]), to=w.quarter(result.period))


def doubtful_quarters(result: ScoreResult) -> dict[str, set[str]]:
    """"index" and each category id → the quarters whose score rests on a doubtful indicator value (left out or
    capped, `ScoreResult.doubts`): what the history chart and table mark 存疑, as page 2's cards are (issue 11)."""
    doubts = getattr(result, "doubts", None)
    if doubts is None:
        return {}
    flagged = doubts.any
    out: dict[str, set[str]] = {}
    for g in result.groups:
        members = [c for c in result.framework.groups[g.id].children if c in flagged.columns]
        hit = {str(p) for p in flagged.index if members and bool(flagged.loc[p, members].any())}
        if hit:
            out[g.id] = hit
            out.setdefault("index", set()).update(hit)
    return out


def doubt_mark(w) -> str:
    """What a doubtful score carries in the history table: 存疑 / doubtful (`doubtful_quarters`)."""
    return msg(" (doubtful)").in_(w.lang)


def doubtful_note(result: ScoreResult, shown: list[str], w) -> str:
    """The sentence under the history chart and table naming the quarters whose scores rest on doubtful data."""
    doubtful = doubtful_quarters(result)
    quarters = sorted({p for ps in doubtful.values() for p in ps if p in shown})
    if not quarters:
        return ""
    return msg("The scores of {quarters} marked (doubtful), ringed in the chart, rest on doubtful data: the doubtful "
               "indicators are left out or capped (see the data-quality notes).",
               quarters=both(", ".join(quarters), "、".join(w.quarter(p) for p in quarters))).in_(w.lang)


def history_rows(result: ScoreResult, coverage: Coverage, shown: list[str], w) -> list[dict]:
    """The history table's rows: the overall and category scores of each quarter in `shown` (△: rests on
    fewer indicators than usual, see `coverage`; 存疑: on a doubtful value, see `doubtful_quarters`)."""
    keep, doubtful, mark = set(shown), doubtful_quarters(result), doubt_mark(w)
    return [{"period": w.quarter(h["period"]),
             "overall": fmt.score(h["overall"]) + ("△" if h["period"] in coverage.partial.get("index", {}) else "")
             + (mark if h["period"] in doubtful.get("index", ()) else ""),
             "categories": [fmt.score(h["categories"][g.id]) + ("△" if h["period"] in coverage.partial.get(g.id, {}) else "")
                            + (mark if h["period"] in doubtful.get(g.id, ()) else "")
                            for g in result.groups]} for h in result.history() if h["period"] in keep]


def shown_files(files: dict[str, str], sources, shown: set[str]) -> set[str]:
    """The workbooks the appendix lists: each one holding a figure of a quarter in `shown` (the reported
    quarter, the quarters its figures compare with, the history table's window), and each one that holds
    no figure in use at all (nothing then says which quarter it is). `sources`: the panel's observations."""
    periods: dict[str, set[str]] = {}
    for o in sources:
        periods.setdefault(o.file, set()).add(o.period)
    return {f for f in files if not periods.get(f) or periods[f] & shown}


def rest_note(key: str, periods: list[str], w, **values) -> str:
    """One line counting what a table over quarters leaves out: `periods`, the quarters of the rows left out."""
    if not periods:
        return ""
    return w.t(key, first=w.quarter(min(periods)), last=w.quarter(max(periods)), **values)


def imputed_rows(result: ScoreResult, w, shown: set[str]) -> dict:
    """Every indicator value the imputation filled in, in the quarters `shown` (they shape the trend too);
    `imputed_rest`: one line counting those of the other quarters (in the trend chart, not listed)."""
    if result.imputed is None:
        return {"imputed_rows": [], "imputed_rest": ""}
    rows, rest = [], []
    for period in result.periods:
        for ind in result.framework.indicators.values():
            if not bool(result.imputed.at[period, ind.id]):
                continue
            if period not in shown:
                rest.append(period)
                continue
            rows.append({"period": w.quarter(period), "name": w.name(ind),
                         "value": fmt.number(result.scores.at[period, ind.id], digits=1),
                         "method": w.methods([result.framework.imputation.method])})
    return {"imputed_rows": rows, "imputed_rest": rest_note("imputed_rest", rest, w, n=len(rest))}


def treated_rows(result: ScoreResult, w, shown: set[str]) -> dict:
    """Every value the framework's outlier treatment changed, in the quarters `shown`; `treated_rest`:
    one line counting those of the other quarters."""
    points = result.treated_points
    if points is None or points.empty:
        return {"treated_rows": [], "treated_rest": ""}
    fw = result.framework
    rest = [str(p.unit) for p in points.itertuples() if str(p.unit) not in shown]
    return {"treated_rows": [{"period": w.quarter(str(p.unit)), "name": w.name(fw.indicators[p.indicator]),
                              "treatment": w.methods([p.treatment]),
                              "before": fmt.number(p.before, fw.indicators[p.indicator].unit),
                              "after": fmt.number(p.after, fw.indicators[p.indicator].unit)}
                             for p in points.itertuples() if str(p.unit) in shown],
            "treated_rest": rest_note("treated_rest", rest, w, n=len(rest))}


def score_at(table, period: str | None, column: str) -> float | None:
    """`table`'s score (a period × id frame: ScoreResult.scores or group_scores) at `period` and `column`; None when
    the period is None or absent, or the score is NaN."""
    if period is None or period not in table.index:
        return None
    v = table.at[period, column]
    return float(v) if np.isfinite(v) else None


def trend(now: float | None, before: float | None) -> tuple[str, str]:
    """An arrow and a signed change in score points, against an earlier score: the difference of the two scores as
    printed (`fmt.shown_difference`), so that it adds up with the history table (93.0 → 94.1 is +1.1, never +1.0);
    ("", "—") without both scores."""
    if now is None or before is None or not (np.isfinite(now) and np.isfinite(before)):
        return "", "—"
    delta = fmt.shown_difference(now, before)
    arrow = "↑" if delta > 0.05 else ("↓" if delta < -0.05 else "→")
    return arrow, fmt.change(delta)


def unsound(result: ScoreResult, column: str, period: str) -> bool:
    """Whether `column`'s score at `period` rests on doubtful data or on dropped data: "index" — a doubtful indicator
    anywhere, or a whole category without a score; a category — a doubtful indicator of it; an indicator — its own
    figure doubtful (left out or capped: ScoreResult.doubts)."""
    if column in result.framework.indicators:
        doubts = getattr(result, "doubts", None)
        flagged = doubts.any if doubts is not None else None
        return bool(flagged is not None and period in flagged.index and column in flagged.columns
                    and flagged.at[period, column])
    if period in doubtful_quarters(result).get(column, set()):
        return True
    tops = [g.id for g in result.groups]
    return column == "index" and period in result.group_scores.index and \
        bool(result.group_scores.loc[period, tops].isna().any())


def change_between(result: ScoreResult, column: str, then: str | None, w) -> tuple[str, str]:
    """`trend` of `column`'s score (an indicator, a category or "index") from `then` to the reported quarter, or ("",
    "not comparable" in w's language) when either quarter's score of it rests on doubtful or dropped data (`unsound`):
    a change against a score made with figures left out is no change the zone made (bt11k F8: the card said ↑ +0.4分
    where the right figures gave −0.8; a category page said ↓ −5.7分 against a quarter whose trade figures were left
    out)."""
    if then is None:
        return "", "—"
    table = result.scores if column in result.framework.indicators else result.group_scores
    now = score_at(table, result.period, column)
    before = score_at(table, then, column)
    if now is not None and before is not None and (unsound(result, column, then) or unsound(result, column, result.period)
                                                   or not same_basis(result, column, then)):
        return "", w.t("not_comparable_flag")
    return trend(now, before)
