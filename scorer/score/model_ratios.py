"""The `times:` ratios of the peer model (indicators/peers/model.yaml) checked against the yardsticks they cite: a
ratio converts a national figure into the model's region, of the year built and of the figure's own measure.
Moved out of scorer.score.peer_model (its 700-line cap); `scorer peers build` and `check_model` call it."""

from __future__ import annotations

from scorer.errors import Location, Problem
from scorer.framework.yardsticks import Yardsticks
from scorer.i18n import region_named
from scorer.messages import msg

PROXY_RATIO_MEASURE = "gdp"


def measure_of(entry) -> str | None:
    """The measure a yardstick id names: central_2023_fdi_ratio → fdi, national_2023_hightech_mean → hightech (ids
    are region_year_measure_kind); None for an id of another shape."""
    head, tail = f"{entry.region}_{entry.year}_", f"_{entry.kind}"
    if entry.id.startswith(head) and entry.id.endswith(tail) and len(entry.id) > len(head) + len(tail):
        return entry.id[len(head):-len(tail)]
    return None


def ratio_problems(ind: str, src, ratio, year: int, region: str, ys: Yardsticks, where: Location) -> list[Problem]:
    """A `times:` ratio must convert the figure it multiplies into the model's region in the year built: a ratio
    (kind: ratio) into `region`, of `year`, of the figure's own measure (or, when the yardsticks publish no ratio
    of that measure for the region and year, the GDP ratio: PROXY_RATIO_MEASURE). [] when it does."""
    if ratio.kind != "ratio":
        return [Problem(msg("indicator {ind!r}: `times: {ratio}` is a {kind}, not a ratio", ind=ind, ratio=ratio.id,
                            kind=ratio.kind), where, msg("cite a {region} ÷ national ratio (kind: ratio)",
                                                          region=region_named(region)))]
    problems = []
    if ratio.region != region:
        problems.append(Problem(msg("indicator {ind!r}: `times: {ratio}` converts figures into the {of} region's, but the "
                                    "model stands for the {region} region's zones", ind=ind, ratio=ratio.id,
                                    of=region_named(ratio.region), region=region_named(region)), where,
                                msg("cite the {region} region's ratio", region=region_named(region))))
    if ratio.year != year or src.year != year:
        problems.append(Problem(msg("indicator {ind!r}: `times: {ratio}` ({ratio_year}) converts {src} ({src_year}), but "
                                    "the set is built for {year}", ind=ind, ratio=ratio.id, ratio_year=ratio.year,
                                    src=src.id, src_year=src.year, year=year), where,
                                msg("write the year as YYYY in both ids (the year built stands for it)")))
    measure, of = measure_of(src), measure_of(ratio)
    if measure is None or of is None or measure == of:
        return problems
    own = f"{ratio.region}_{ratio.year}_{measure}_ratio"
    if own in ys or of != PROXY_RATIO_MEASURE:
        problems.append(Problem(msg("indicator {ind!r}: `times: {ratio}` is the ratio of {of}, but it converts {src}, a "
                                    "figure of {measure}", ind=ind, ratio=ratio.id, of=of, src=src.id, measure=measure),
                                where, msg("cite {own}, the ratio of the same measure", own=own.replace(str(year), "YYYY"))
                                if own in ys else
                                msg("cite the ratio of the same measure; the yardsticks publish none for {measure}, so "
                                    "the region's GDP ratio (the overall size of its zones) is the one to use",
                                    measure=measure)))
    return problems
