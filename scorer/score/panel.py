"""Observations → a quarterly panel of each field, with full-year estimates and published growth."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from scorer.framework.model import FieldDef
from scorer.read.observation import Observation

ANNUAL_METHODS = {
    "actual": "全年实际数",
    "seasonal": "按上年同期占全年比重推算",
    "linear": "按已过季度线性推算",
}
ESTIMATED = ("seasonal", "linear")  # the methods whose full year is an estimate from the months so far (not the year's own)


def quarter_label(period: str, lang: str = "zh") -> str:
    year, q = period[:4], int(period[-1])
    if lang == "en":
        return f"{year} Q{q}"
    return f"{year}年第{'一二三四'[q - 1]}季度"


def cumulative_label(period: str) -> str:
    return f"{period[:4]}年1-{int(period[-1]) * 3}月"


def _periods_between(first: str, last: str) -> list[str]:
    start = pd.Period(first, freq="Q")
    end = pd.Period(last, freq="Q")
    return [str(p) for p in pd.period_range(start, end, freq="Q")]


@dataclass
class Panel:
    """Field values by quarter: levels (ytd cumulative or stock), published growth, provenance."""

    fields: dict[str, FieldDef]
    levels: pd.DataFrame  # index: period 'YYYYQn', columns: field ids
    growth: pd.DataFrame  # published 同比 in %, same shape
    sources: dict[tuple[str, str, str], Observation] = field(default_factory=dict)  # (field, period, basis)

    @classmethod
    def from_observations(cls, observations: list[Observation], fields: dict[str, FieldDef]) -> "Panel":
        obs = [o for o in observations if o.field in fields]
        periods = sorted({o.period for o in obs})
        if periods:
            periods = _periods_between(periods[0], periods[-1])
        row, col = {p: k for k, p in enumerate(periods)}, {f: k for k, f in enumerate(fields)}
        cells: tuple[dict, dict] = ({}, {})  # (levels, growth): (row, column) → value, the last one kept
        sources: dict[tuple[str, str, str], Observation] = {}
        # A workbook's own 'current' cell wins over another workbook's 上年同期 cell for the same period.
        for o in sorted(obs, key=lambda o: 0 if _is_current(o) else 1):
            key = (o.field, o.period, o.basis)
            if key in sources:
                continue
            sources[key] = o
            cells[o.basis == "growth"][row[o.period], col[o.field]] = o.value
        # Built as arrays in one assignment each, not one pandas .loc per value (issue 17: 200 quarters).
        tables = []
        for found in cells:
            table = np.full((len(periods), len(fields)), np.nan)
            if found:
                table[tuple(np.array(list(found)).T)] = np.asarray(list(found.values()), dtype=float)
            tables.append(pd.DataFrame(table, index=periods, columns=list(fields)))
        return cls(fields, tables[0], tables[1], sources)

    @property
    def periods(self) -> list[str]:
        return list(self.levels.index)

    def reported_periods(self) -> list[str]:
        """Quarters for which some workbook gave current figures (not only 上年同期 columns)."""
        return sorted({p for (_, p, _), o in self.sources.items() if _is_current(o)})

    def zone_period(self, problems) -> tuple[str | None, list[str]]:
        """The latest reported quarter holding a current figure that reading did not make doubtful (`problems`: the
        reader's; a level doubt names field_id and period), and the later quarters passed over (every figure of
        theirs doubtful: a national export's 2023Q1, bt10g F4). (None, []) when no quarter has such a figure."""
        from scorer.read.plausibility import DOUBT_CODES, GROWTH_DOUBT_CODES

        doubtful = {(p.field_id, p.period) for p in problems if p.code in DOUBT_CODES - GROWTH_DOUBT_CODES}
        periods = self.reported_periods()
        for k in range(len(periods) - 1, -1, -1):
            if any(p == periods[k] and _is_current(o) and (f, p) not in doubtful for (f, p, _), o in self.sources.items()):
                return periods[k], periods[k + 1:]
        return None, []

    def source(self, field_id: str, period: str, basis: str | None = None) -> Observation | None:
        basis = basis or ("ytd" if self.fields[field_id].kind == "flow" else "stock")
        return self.sources.get((field_id, period, basis))

    def annual_estimate(self, field_id: str, periods: list[str]) -> tuple[np.ndarray, list[str]]:
        """Full-year estimate of a year-to-date flow at each period, and the method used for each.

        Q4 is the actual year. Otherwise scale by last year's share of the year reached by the same
        quarter (seasonal), or, without last year's figures, by 4/q (linear).
        """
        q = np.asarray([int(p[-1]) for p in periods], dtype=int)
        ytd = self._levels(field_id, periods)
        last_same = self._levels(field_id, [f"{int(p[:4]) - 1}Q{p[-1]}" for p in periods])
        last_full = self._levels(field_id, [f"{int(p[:4]) - 1}Q4" for p in periods])
        seasonal = (q != 4) & np.isfinite(last_same) & np.isfinite(last_full) & (last_same > 0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            values = np.where(q == 4, ytd, np.where(seasonal, ytd * last_full / np.where(seasonal, last_same, 1.0),
                                                    ytd * 4 / q))
        methods = ["actual" if k == 4 else "seasonal" if s else "linear" for k, s in zip(q, seasonal)]
        return np.asarray(values, dtype=float), methods

    def single_quarter(self, field_id: str, periods: list[str]) -> np.ndarray:
        """A flow's value within each quarter alone: cumulative(Qn) − cumulative(Qn−1) of the same year.

        Q1 is its own cumulative value; a quarter whose previous cumulative value is missing is NaN.
        Only meaningful within one reporting scope (see ../shared/TOOLING.md), so stocks give NaN.
        """
        if self.fields[field_id].kind != "flow":
            return np.full(len(periods), np.nan)
        now = self._levels(field_id, periods)
        before = self._levels(field_id, [f"{p[:4]}Q{int(p[-1]) - 1}" for p in periods])  # Q0: none, NaN
        first = np.asarray([p[-1] == "1" for p in periods], dtype=bool)
        with np.errstate(invalid="ignore", over="ignore"):
            return np.where(first, now, now - before).astype(float)

    def table(self, periods: list[str] | None = None) -> "pd.DataFrame":
        """One row per field and quarter: level, single quarter, published and computed growth, full year."""
        periods = periods or self.reported_periods() or self.periods
        rows = []
        for fid, fdef in self.fields.items():
            level = self.series(fid, periods)
            if not np.isfinite(level).any():
                continue
            prior = self.series(fid, periods, 1)
            published = self.published_growth(fid, periods)
            quarter = self.single_quarter(fid, periods)
            annual, methods = self.annual_estimate(fid, periods) if fdef.kind == "flow" else (level, [None] * len(periods))
            with np.errstate(divide="ignore", invalid="ignore"):
                computed = np.where(prior > 0, (level / prior - 1) * 100, np.nan)
            for k, p in enumerate(periods):
                rows.append({"field": fid, "label": fdef.label, "unit": fdef.unit, "kind": fdef.kind, "period": p,
                             "value": level[k], "single_quarter": quarter[k], "prior_year": prior[k],
                             "growth_published": published[k], "growth_computed": computed[k],
                             "full_year": annual[k], "full_year_method": methods[k]})
        # The columns even when no field has a value, so a caller may select from an empty table.
        return pd.DataFrame(rows, columns=["field", "label", "unit", "kind", "period", "value", "single_quarter",
                                           "prior_year", "growth_published", "growth_computed", "full_year",
                                           "full_year_method"])

    def _levels(self, field_id: str, periods: list[str]) -> np.ndarray:
        """The level of `field_id` at each of `periods` (NaN for a period outside the panel), one look-up."""
        return self.levels[field_id].reindex(periods).to_numpy(dtype=float)

    def series(self, field_id: str, periods: list[str], years_back: int = 0) -> np.ndarray:
        shifted = [f"{int(p[:4]) - years_back}{p[4:]}" for p in periods]
        return self._levels(field_id, shifted)

    def published_growth(self, field_id: str, periods: list[str], years_back: int = 0) -> np.ndarray:
        shifted = [f"{int(p[:4]) - years_back}{p[4:]}" for p in periods]
        return self.growth[field_id].reindex(shifted).to_numpy(dtype=float)

    def published_basis(self, field_id: str, period: str) -> str:
        """The price basis of the growth rate a workbook published for `field_id` in `period`: what its sheet's
        notes say (同比增长按现价计算 → "nominal"), else the statistic's official basis (fields.yaml
        `growth_price_basis`, "comparable" for GDP and 规上工业增加值), else "nominal"."""
        o = self.sources.get((field_id, period, "growth"))
        if o is not None and o.price_basis:
            return o.price_basis
        return self.fields[field_id].growth_price_basis or "nominal"

    def price_basis(self, field_id: str, period: str) -> str | None:
        """The price basis of `field_id`'s growth in `period` as scored, for a statistic whose official growth is at
        comparable prices (fields.yaml `growth_price_basis: comparable`; None for any other): "comparable" when
        the workbook published a comparable-price rate (used as published), else "nominal" — a rate at current
        prices (the workbook says so, or it is computed from current-price levels), not net of price changes."""
        if self.fields[field_id].growth_price_basis != "comparable":
            return None
        published = self.published_growth(field_id, [period])[0] if field_id in self.growth.columns else np.nan
        return "comparable" if np.isfinite(published) and self.published_basis(field_id, period) == "comparable" \
            else "nominal"


def _is_current(o: Observation) -> bool:
    return o.column != "prior"
