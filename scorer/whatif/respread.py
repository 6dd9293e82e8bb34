"""What an action or a plan is worth while doubtful indicators are left out: their category's weight is re-spread.

A doubtful indicator is left out of its category (scorer.score.doubt), and its weight goes to the category's other
indicators, so a change of one of those is worth more than it would be with the figures checked (bt11l F2:
实际使用外资 +600万美元 worth +1.94 points with the trade figures slipped, +1.07 on the clean sample). `Respread` gives
a variant's points with the doubtful indicators' weights kept (scored 0 and at full marks, as ScoreResult.doubt_range
gives the overall's worst and best case) beside the points as scored, and the categories so re-spread the points rest
on; `note` says it in both languages wherever the points are shown (action table, page 2, plan).
"""

from __future__ import annotations

from scorer import fmt
from scorer.messages import Text, both, msg

MIN_POINTS = 0.005  # an action worth less than this (rounded to 0.00 points) is not worth a row; nor a range narrower


class Respread:
    """The points of variants of `run`'s quarter with its doubtful indicators' weights kept. `zero`: the variant
    results (scorer.whatif.scenario.VariantResults) whose first row is the quarter unchanged."""

    def __init__(self, run, zero):
        from scorer.score.engine import doubt_range_of

        self.fw = run.framework
        # doubtful indicators, and those missing a figure this quarter, bounded alike (ScoreResult.doubt_range, bt12i F1)
        unknown = run.result.unknown() if hasattr(run.result, "unknown") else []
        self.doubtful = [i.id for i in run.result.indicators if i.doubtful] + list(unknown)
        self._range = lambda row: doubt_range_of(self.fw, row, self.doubtful)  # noqa: E731
        self.before = self._range(zero.scores.iloc[0].to_dict()) if self.doubtful else None

    def of(self, res, row: int, points: float, moved: list[str]) -> tuple[tuple[float, float] | None, list[str]]:
        """(points_range, respread) of `res`'s row `row`, worth `points` overall-score points as scored, moving the
        indicators `moved`: (low, high) over the points as scored and with the doubtful indicators at 0 and at full
        marks, their weights kept, or None when these differ by less than MIN_POINTS; and the top-level categories
        holding both a doubtful indicator and one of `moved` (framework order)."""
        if self.before is None:
            return None, []
        after = self._range(res.scores.iloc[row].to_dict())
        kept = [after[0] - self.before[0], after[1] - self.before[1]]
        lo, hi = min(points, *kept), max(points, *kept)
        if hi - lo < MIN_POINTS:
            return None, []
        tops = {self._top(i) for i in self.doubtful}
        return (lo, hi), [g for g in self.fw.top_groups if g in tops and any(self._top(i) == g for i in moved)]

    def _top(self, indicator: str) -> str | None:
        """The top-level category an indicator is in."""
        g = self.fw.indicators[indicator].parent if indicator in self.fw.indicators else None
        while g is not None and g in self.fw.groups and g not in self.fw.top_groups:
            g = self.fw.groups[g].parent
        return g


def points_shown(points: float, points_range: tuple[float, float] | None, lang: str) -> str:
    """Points as a cell shows them: "+1.94", or the range "+1.07～1.94" (en "+1.07–1.94") when doubtful indicators'
    re-spread weight makes them uncertain (`Respread.of`)."""
    if points_range is None:
        return "+" + fmt.points(points)
    lo, hi = points_range
    return "+" + fmt.points(lo) + ("～" if lang == "zh" else "–") + fmt.points(hi)


def _names(fw, categories: list[str]) -> Text:
    return both(", ".join(fw.groups[g].name_en for g in categories), "、".join(fw.groups[g].name_zh for g in categories))


def note(fw, categories: list[str]) -> Text | None:
    """Why points are shown as a range (`points_shown`): the categories whose weight is re-spread. None without any."""
    if not categories:
        return None
    return msg("Points shown as a range rest on {categories}, whose weight goes to its other indicators while its "
               "doubtful or missing ones are left out: the lower figure is the worth with their weights kept "
               "(check the cells under Data quality)", categories=_names(fw, categories))


class RangeNote(Text):
    """A note on a plan's points resting on re-spread weight (`plan_note`): the report picks it out of a plan's notes."""


def plan_note(fw, categories: list[str], span: tuple[float, float], points: float) -> RangeNote:
    """The plan's word on its points (`Respread.of` gave `span` and `categories`; `points`: as scored)."""
    said = msg("The plan's points rest on {categories}, whose weight goes to its other indicators while its doubtful "
               "or missing ones are left out: with their weights kept the plan's points are {low} to {high}, "
               "not {points} (check the cells under Data quality)", categories=_names(fw, categories),
               low=fmt.points(span[0]), high=fmt.points(span[1]), points=fmt.points(points))
    return RangeNote(str(said), said.zh)
