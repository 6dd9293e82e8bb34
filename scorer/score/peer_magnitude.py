"""A peer table's columns held to the magnitude the yardsticks give each indicator, and to scores that discriminate.

A whole column ×10 (energy intensity typed in 千克 for 吨, a digit shifted in every row) stays within the framework's
30× scale and within the cells' own spread, so the cell and scale checks of `scorer.score.peer_scale` pass it,
and it moves the zone's rank and margins (bt12 F2: energy intensity ×10, rank 21 → 18, margin +4.4 → +8.0).
So every peer column is also held to the level the peer model takes for its indicator
(indicators/peers/model.yaml, resolved against the yardsticks for the table's year): a published regional mean
(central_YYYY_gdp_mean …), a national mean × a central ratio (`level: scaled`), or the model's own stated
assumption (citing annex_unpublished, reported_yearly_likely_scored …): `column_doubts`. And a column on which
all or nearly all peers score 0, or all score the full mark (`saturated`), does not rank anyone: the peers are
not compared on it, and a slip (a unit, a target) is the likeliest cause.

A column failing either check is not refused (a real table may hold other zones than the model's); it makes the
rank and its margins doubtful, not comparable: the warning names the column, the file and the magnitude expected
with its yardstick id, the rank conditions are not judged against the table (scorer.score.rules), and the
readiness line, the JSON and the report's page 2 say so (scorer.score.readiness, scorer.report.brief).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import Framework
from scorer.i18n import name_of, unit_named
from scorer.messages import Text, both, msg
from scorer.score.doubt import _plain

# How far a column's mean may lie from the level the peer model gives its indicator, beyond what the mean of as
# many of the region's zones can reach under the model's spread (`share_factor`): 3×, either way. A ×10 column
# (a digit, 千 for 万, 吨 for 千克) is 3.3× beyond it; the bundled table's columns lie within 1.3× of their
# levels, a random half of its zones within 1.6× (tests/test_peer_magnitude.py measures both).
MAGNITUDE_FACTOR = 3.0
# A column is held to its level only when at least so many zones give it (a mean of 2 zones says little).
MAGNITUDE_MIN_ZONES = 5
# A signed measure's column (a growth rate) is held to the model's spread from below only with so many zones: ten
# zones' growth rates within a third of the region's spread is no real table (a column ÷10).
SPREAD_MIN_ZONES = 10
# A column saturates when at least this share of its peers score the same end of the scale (0 or the full mark):
# the bundled table's columns have at most 49 % at one end (trade growth at the full mark).
SATURATION_SHARE = 0.9
SATURATION_MIN_ZONES = 5


@dataclass(frozen=True)
class ColumnDoubt:
    """A peer column that makes the rank and margins doubtful: `kind` "magnitude" (its mean `value` off the
    expected `level`, outside [low, high], in `unit`), "spread" (a signed rate's standard deviation `value` off the
    model's `level`, outside [low, high]) or "saturated" (`value`: the share of peers at one end of
    the scale, `end`: 0 or the full mark). `cites`: the yardstick ids the level rests on (first: the figure);
    `basis`: published, scaled (a national mean × a ratio) or assumed (the peer model's own level)."""

    indicator: str
    kind: str
    file: str
    column: str
    value: float
    unit: str
    problem: Problem
    level: float | None = None
    low: float | None = None
    high: float | None = None
    cites: tuple = ()
    basis: str = ""
    end: float | None = None
    name_zh: str = ""  # the indicator's Chinese name: Chinese text names the column by it, never by a program id (bt13k F5)

    def as_dict(self) -> dict:
        return {"indicator": self.indicator, "kind": self.kind, "file": self.file, "column": self.column,
                "value": self.value, "unit": self.unit, "expected": self.level, "expected_low": self.low,
                "expected_high": self.high, "cites": list(self.cites), "basis": self.basis, "end": self.end,
                "message": str(self.problem.message), "message_zh": self.problem.message_zh,
                "message_en": str(self.problem.message)}


def share_factor(cv: float, share: float, top: bool) -> float:
    """How far the mean of the largest (`top`) or smallest `share` of a log-normal population (coefficient of
    variation `cv`) lies from the population's mean: Φ(σ − z)/share for the largest, Φ(Φ⁻¹(share) − σ)/share for
    the smallest (partial expectations; σ² = ln(1 + cv²), z = Φ⁻¹(1 − share)); 1 for the whole population."""
    if share >= 1 or cv <= 0:
        return 1.0
    sigma = math.sqrt(math.log1p(cv ** 2))
    n = NormalDist()
    if top:
        return n.cdf(sigma - n.inv_cdf(1 - share)) / share
    return n.cdf(n.inv_cdf(share) - sigma) / share


def expected_levels(framework: Framework, year: int | None, region: str | None) -> dict:
    """The level the peer model gives each indicator for `year` (default: the latest the yardsticks count zones
    for): indicator id → (level in the indicator's unit, its cites (yardstick ids, resolved), basis, the model's
    spec). Empty without yardsticks, for a table of another `region` than the model's (its zones stand at other
    levels), or when the model cannot be resolved for the year (`scorer validate` and `peers build` name why)."""
    from scorer.score.peer_model import _resolved, latest_year, model_beside, read_model

    if framework.yardsticks_path is None:
        return {}
    model_path = model_beside(framework)
    model = read_model(model_path)[1]
    year = year if year is not None else latest_year(framework, model_path)
    if year is None or (region is not None and region != model.region):
        return {}
    try:
        specs = _resolved(year, framework, model_path)[2]
    except ScorerError:
        # The model refused against this framework's targets (an assumed level above a target ÷10): the levels are
        # the model's and the yardsticks' still, resolved without the targets (target_magnitudes names the target).
        from dataclasses import replace

        bare = replace(framework, indicators={k: replace(v, spec=v.spec.model_copy(update={"target": None}))
                                              for k, v in framework.indicators.items()})
        try:
            specs = _resolved(year, bare, model_path)[2]
        except ScorerError:
            return {}
    out = {}
    for ind, (spec, cites, mean) in specs.items():
        if mean is None:
            continue
        basis = "scaled" if spec.times else "published" if spec.mean_from else "assumed"
        out[ind] = (float(mean), tuple(cites), basis, spec)
    return out


def zones_in_region(framework: Framework, year: int | None) -> int | None:
    """The model region's zone count of `year` (its `zones_from`), None when the yardsticks lack it."""
    from scorer.framework.yardsticks import load_yardsticks
    from scorer.score.peer_model import latest_year, model_beside, read_model

    if framework.yardsticks_path is None:
        return None
    model_path = model_beside(framework)
    year = year if year is not None else latest_year(framework, model_path)
    if year is None:
        return None
    ys = load_yardsticks(framework.yardsticks_path)
    count = read_model(model_path)[1].zones_from.replace("YYYY", str(year))
    return int(ys.value(count)) if count in ys and ys.value(count) else None


def _basis_text(basis: str, cites: tuple) -> Text:
    first = cites[0] if cites else "—"
    if basis == "published":
        return msg("the published per-zone mean, yardstick {id}", id=first)
    if basis == "scaled":
        return msg("a national per-zone mean × a central ratio, yardsticks {ids}", ids=", ".join(cites[:2]))
    return msg("the peer model's assumed level (indicators/peers/model.yaml), citing {ids}", ids=", ".join(cites))


def column_doubts(framework: Framework, values: pd.DataFrame, headers: dict[str, str], path: Path, column_at,
                  year: int | None, region: str | None, national: bool) -> list[ColumnDoubt]:
    """The peer columns whose mean lies off the level the peer model gives their indicator (`expected_levels`).

    `values`: zones × indicator ids in the indicators' units; `headers`: indicator id → the column's header as
    written; `column_at(ind)`: the header's Location; `year`, `region`: the table's sidecar (`year:`, `region:`);
    `national`: the sidecar declares the region's national zones (then a size measure is held below too; a
    table of smaller zones, a province's, may lie far below the region's means in GDP, tax, trade, FDI and the
    counts of firms, and only above is a slip certain). Tolerance: the mean of as many zones as the table holds
    can lie `share_factor` from the level (of the region's zones, the model's cv; the table's rows ÷ the region's
    count), and MAGNITUDE_FACTOR beyond that. Normal-spread measures (shares, growth rates): one that cannot be
    negative (a share, IndicatorDef.has_magnitude) is held as a ratio, MAGNITUDE_FACTOR either way; a signed one by
    its spread: the column's standard deviation within MAGNITUDE_FACTOR of the model's sd (from below only with
    SPREAD_MIN_ZONES zones), its mean within MAGNITUDE_FACTOR sd of the level. Poisson counts are not held. Returns [] for a table of another region than the model's."""
    levels = expected_levels(framework, year, region)
    zones = zones_in_region(framework, year) if levels else None
    out = []
    for ind, head in headers.items():
        if ind not in levels or ind not in values.columns:
            continue
        x = values[ind].to_numpy(dtype=float)
        x = x[np.isfinite(x)]
        if len(x) < MAGNITUDE_MIN_ZONES:
            continue
        level, cites, basis, spec = levels[ind]
        share = min(1.0, len(x) / zones) if zones else 1.0
        mean = float(x.mean())
        low = high = None
        if spec.dist in ("size", "lognormal") and spec.cv and level > 0:
            high = level * share_factor(spec.cv, share, True) * MAGNITUDE_FACTOR
            if spec.dist == "lognormal" or national:
                low = level * share_factor(spec.cv, share, False) / MAGNITUDE_FACTOR
            shown = mean
        elif spec.dist == "normal" and spec.sd:
            if framework.indicators[ind].spec.has_magnitude and level > 0:
                low, high, shown = level / MAGNITUDE_FACTOR, level * MAGNITUDE_FACTOR, mean
            else:
                sd = float(x.std(ddof=1)) if len(x) > 1 else 0.0
                low, high = level - MAGNITUDE_FACTOR * spec.sd, level + MAGNITUDE_FACTOR * spec.sd
                if sd > MAGNITUDE_FACTOR * spec.sd or (len(x) >= SPREAD_MIN_ZONES and sd < spec.sd / MAGNITUDE_FACTOR):
                    out.append(_spread_doubt(framework, ind, head, path, column_at, sd, spec.sd, cites, basis))
                    continue
                shown = mean
        else:
            continue
        if (high is not None and shown > high) or (low is not None and shown < low):
            unit = framework.indicators[ind].unit
            ratio = shown / level if level else float("inf")
            out.append(_doubt(framework, ind, head, path, column_at, msg(
                "the zones' mean is {mean} {unit}, {ratio}× the level expected for {name}", mean=_plain(shown),
                unit=unit_named(unit), ratio=format(ratio, ".3g"), name=name_of(framework.indicators[ind])),
                shown, level, low, high, cites, basis))
    return out


def _short(value: float) -> str:
    """A bound of a tolerance, three digits: 0.233, 2.1, 1,310."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _doubt(framework: Framework, ind: str, head: str, path: Path, column_at, said: Text, value: float, level: float,
           low: float | None, high: float | None, cites: tuple, basis: str) -> ColumnDoubt:
    unit = framework.indicators[ind].unit
    span = both(f"{_short(low)}–{_short(high)}", f"{_short(low)}—{_short(high)}") if low is not None and high is not None \
        else msg("at most {high}", high=_short(high)) if high is not None else msg("at least {low}", low=_short(low))
    problem = Problem(msg("column {head!r} of {table}: {said}: about {level} {unit} ({basis}; tolerance {span} {unit}, "
                          "{factor:g}× beyond what as many of the region's zones can average): the rank and its margins "
                          "on this table are doubtful, not comparable", head=head, table=path.name, said=said,
                          level=_plain(level), unit=unit_named(unit), basis=_basis_text(basis, cites), span=span,
                          factor=MAGNITUDE_FACTOR),
                      column_at(ind),
                      msg("check the column's unit and figures (a digit, or 千/万/吨/千克 for the indicator's unit); if the "
                          "figures are right, the table holds other zones than the region's: say so in its sidecar YAML"),
                      "warning", code="peer_column_magnitude", indicator=ind)
    return ColumnDoubt(ind, "magnitude", path.name, head, value, unit, problem, level, low, high, cites, basis,
                       name_zh=framework.indicators[ind].name_zh)


def _spread_doubt(framework: Framework, ind: str, head: str, path: Path, column_at, sd: float, model_sd: float,
                  cites: tuple, basis: str) -> ColumnDoubt:
    """A signed rate's column whose spread is off the peer model's (MAGNITUDE_FACTOR× either way): told in the words
    of a spread, not of a level (bt12g §8: the level's tolerance, −80–70 %, appeared inside a spread message, and a
    narrow spread that scores every peer alike was not said to)."""
    d = framework.indicators[ind]
    unit = unit_named(d.unit)
    narrow = sd < model_sd
    problem = Problem(msg("column {head!r} of {table}: the zones' spread (standard deviation) is {sd} {unit}, {ratio}× the "
                          "spread the peer model gives {name} ({model_sd} {unit}; {basis}), more than {factor:g}× {side}: "
                          "the rank and its margins on this table are doubtful, not comparable", head=head,
                          table=path.name, sd=_plain(sd), unit=unit, ratio=format(sd / model_sd, ".3g"), name=name_of(d),
                          model_sd=_plain(model_sd), basis=_basis_text(basis, cites), factor=MAGNITUDE_FACTOR,
                          side=msg("narrower") if narrow else msg("wider")),
                      column_at(ind),
                      msg("figures this close together score most peers alike (at the target or the floor): check the "
                          "column (a column copied or rounded, rates typed as fractions)") if narrow else
                      msg("check the column's figures and unit (a digit, rates ×10, levels typed for rates)"),
                      "warning", code="peer_column_magnitude", indicator=ind)
    return ColumnDoubt(ind, "spread", path.name, head, sd, d.unit, problem, model_sd, model_sd / MAGNITUDE_FACTOR,
                       model_sd * MAGNITUDE_FACTOR, cites, basis, name_zh=framework.indicators[ind].name_zh)


def saturated(framework: Framework, scores: np.ndarray, ids: list[str], headers: dict[str, str], path: Path,
              column_at) -> list[ColumnDoubt]:
    """The peer columns on which at least SATURATION_SHARE of the peers score 0, or the full mark (`scores`: peers ×
    indicators `ids`, 0–scale, as the zone is scored with them): such a column ranks nobody, and a slip (a unit
    ×10, a target off by an order of magnitude) is the likeliest cause. Only columns the table gives
    (`headers`) with at least SATURATION_MIN_ZONES scored peers."""
    scale = framework.meta.scale
    out = []
    for k, ind in enumerate(ids):
        if ind not in headers:
            continue
        col = scores[:, k]
        col = col[np.isfinite(col)]
        if len(col) < SATURATION_MIN_ZONES:
            continue
        for end in (0.0, float(scale)):
            at = float((np.abs(col - end) <= 1e-9 * max(1.0, scale)).mean())
            if at < SATURATION_SHARE:
                continue
            head = headers[ind]
            problem = Problem(msg("column {head!r} of {table}: {share} of the {n:# peer|# peers} score {end} on {name}: the "
                                  "column does not tell the peers apart (saturated), so the rank and its margins on this "
                                  "table are doubtful, not comparable", head=head, table=path.name, share=format(at, ".0%"),
                                  n=len(col), end=_plain(end), name=name_of(framework.indicators[ind])),
                              column_at(ind),
                              msg("check the column's unit and figures against the target of {name} ({target} {unit}): a "
                                  "column ×10 or ÷10 scores every peer at one end", name=name_of(framework.indicators[ind]),
                                  target=_plain(framework.indicators[ind].target.value)
                                  if framework.indicators[ind].target is not None else "—", unit=unit_named(framework.indicators[ind].unit)),
                              "warning", code="peer_column_saturated", indicator=ind)
            out.append(ColumnDoubt(ind, "saturated", path.name, head, at, framework.indicators[ind].unit, problem,
                                   end=end, name_zh=framework.indicators[ind].name_zh))
            break
    return out


def doubt_names(doubts) -> Text:
    """The doubtful columns in a few words: 'energy_intensity' (magnitude), …, for a line beside the rank; the Chinese
    names each by its indicator's Chinese name (a column headed with a program id, fdi_growth, is 实际使用外资增长率 in
    Chinese text: bt13k F5), or by its header when that is Chinese already."""
    words = {"saturated": ("saturated", "得分饱和"), "spread": ("spread", "离散程度不符")}
    en = ", ".join(f"{d.column} ({words.get(d.kind, ('magnitude',))[0]})" for d in doubts)
    zh = "、".join(f"{d.column if not d.column.isascii() or not d.name_zh else d.name_zh}"
                  f"（{words.get(d.kind, (None, '量级不符'))[1]}）" for d in doubts)
    return both(en, zh)



def target_magnitudes(framework: Framework) -> list[Problem]:
    """Every target held to its indicator's magnitude, whatever its `basis` and whatever it cites (bt12 F6: a target
    of judgement citing annex_unpublished — no figure — was checked against nothing; tax 5 passed validate with
    confidence high, 14× below the central mean): within the indicator's `plausible` range, and, for a level that
    cannot be negative, within JUDGEMENT_FACTOR (3×) of the level the peer model gives the indicator
    (`expected_levels`: the published mean, a national mean × a ratio, or the model's stated assumption, each citing
    its yardsticks). The default targets lie within 0.67–1.54× of those levels. Problems at the target's YAML line."""
    from scorer.framework.yardsticks import JUDGEMENT_FACTOR

    levels = expected_levels(framework, None, None)
    lines = target_lines(framework)
    out = []
    for ind, d in framework.indicators.items():
        t = d.target
        if t is None:
            continue
        where = Location(file=framework.path, line=lines.get(ind))
        plausible = d.spec.plausible
        if plausible is not None and not plausible.contains(t.value):
            out.append(Problem(msg("the target of {id} is {value} {unit}, outside what a zone's value can credibly be "
                                   "({range}, the framework's `plausible`)", id=ind, value=_plain(t.value),
                                   unit=unit_named(d.unit), range=plausible.describe(d.unit)), where,
                               msg("correct the number or its unit"), code="target_magnitude"))
            continue
        bad = magnitude_off(d, t.value, levels, msg("the target of {id}", id=ind))
        if bad is not None:
            out.append(Problem(bad, where, msg("correct the number or its unit (the yardsticks give the region's zones' "
                                               "magnitude); a target meant to differ this much says why in `source:` "
                                               "and is set within the range named"), code="target_magnitude"))
    return out


def rate_band(level: float, spec) -> tuple[float, float]:
    """The band a rate's target or threshold (a growth rate, or a percentage without an order of magnitude) may lie
    in: the peer model's level of the indicator ± JUDGEMENT_FACTOR (3) × its scale, the larger of |level| and the
    model's spread (`sd`, or `cv` × level). GDP growth (national_2023_gdp_growth 5.6 %, sd 3): −11.2 % to 22.4 %;
    FDI growth (−5 %, sd 25): −80 % to 70 %; trade growth (5 %, sd 20): −55 % to 65 %. A rate ×10 (8 → 80) lies
    outside; the default targets lie within."""
    from scorer.framework.yardsticks import JUDGEMENT_FACTOR

    spread = spec.sd if spec is not None and spec.sd else (spec.cv * abs(level) if spec is not None and spec.cv else 0.0)
    scale = max(abs(level), spread)
    return level - JUDGEMENT_FACTOR * scale, level + JUDGEMENT_FACTOR * scale


def magnitude_off(d, value: float, levels: dict, who: Text) -> Text | None:
    """Why `value` (a target or a rule's threshold on indicator `d`, in its unit) is probably a slip of unit or of a
    digit, or None. A level (`has_magnitude`: an amount, count, share, intensity) is held within JUDGEMENT_FACTOR
    (1/3×–3×) of the level the peer model gives it (`expected_levels`, citing yardsticks). A rate (a growth rate: no
    order of magnitude) is held within `rate_band` of the model's level (a ×10 slip); whatever the signs of value and
    level, a non-zero rate nearer 0 than a third of |level| is a ÷10 slip (GDP growth 0.8 for 8 against 5.6 %; FDI
    growth 1 for 10 or −0.2 for −2 against −5 %), and one on the worse side of the level (below it for a 'higher is
    better' indicator) by more than 3 × |level| a ×10 slip (FDI growth −30 for −3 against −5 %): bt12g F1, a growth
    target 10× off moved the score and rank with no word; i12b, the ÷10 check held positive levels only. `levels`: `expected_levels(...)`."""
    from scorer.framework.yardsticks import JUDGEMENT_FACTOR

    if d.id not in levels:
        return None
    level, cites, basis, spec = levels[d.id]
    unit = unit_named(d.unit)
    if d.spec.has_magnitude:
        if not value > 0 or not level > 0:
            return None
        ratio = value / level
        if 1 / JUDGEMENT_FACTOR <= ratio <= JUDGEMENT_FACTOR:
            return None
        return msg("{who} is {value} {unit}, {ratio}× the level of its indicator ({level} {unit}: {basis}); a target or "
                   "threshold more than {factor:g}× from it, whatever its basis and citations, is probably a slip of unit "
                   "or of a digit", who=who, value=_plain(value), unit=unit, ratio=format(ratio, ".3g"), level=_plain(level),
                   basis=_basis_text(basis, cites), factor=JUDGEMENT_FACTOR)
    low, high = rate_band(level, spec)
    if not low <= value <= high:
        return msg("{who} is {value} {unit}, against a level of {level} {unit} for the region's zones ({basis}): a rate "
                   "outside {low} to {high} {unit} is probably a slip of a digit "
                   "(×10 or ÷10) or a fraction typed for a percentage", who=who, value=_plain(value), unit=unit,
                   level=_plain(level), basis=_basis_text(basis, cites), low=_plain(round(low, 1)),
                   high=_plain(round(high, 1)))
    if value != 0 and abs(value) < abs(level) / JUDGEMENT_FACTOR:
        # ÷10 (or a fraction typed) brings a rate of either sign towards 0: GDP growth 0.8 for 8 (level 5.6),
        # FDI growth 1 for 10 or −0.2 for −2 (level −5), CO2 growth −0.2 for −2 (level 3). 0 itself is no slip.
        return msg("{who} is {value} {unit}, nearer to 0 than a third of the region's level ({level} {unit}: {basis}), "
                   "whatever its sign: a rate this small is probably a slip of a digit (÷10) or a fraction typed for a "
                   "percentage", who=who, value=_plain(value), unit=unit, level=_plain(level),
                   basis=_basis_text(basis, cites))
    worse = value < level - JUDGEMENT_FACTOR * abs(level) if d.direction == "higher" \
        else value > level + JUDGEMENT_FACTOR * abs(level)
    if level != 0 and worse:
        # ×10 of a rate on the worse side of the level: FDI growth −30 for −3 (level −5) lies within the band the
        # spread gives (−80 to 70) yet sets full marks where a zone at the region's level scores them already.
        return msg("{who} is {value} {unit}, on the worse side of the region's level ({level} {unit}: {basis}) by more "
                   "than {factor:g}× the level's size: every zone at the region's level would meet it; probably a slip "
                   "of a digit (×10)", who=who, value=_plain(value), unit=unit, level=_plain(level),
                   basis=_basis_text(basis, cites), factor=JUDGEMENT_FACTOR)
    return None


def target_lines(framework: Framework) -> dict[str, int]:
    """indicator id → the line of its `target: value:` in the framework's YAML; {} when the file cannot be read again
    (it was read already: a line is a courtesy)."""
    from scorer.yamlio import load_yaml

    try:
        return _target_lines(load_yaml(Path(framework.path)))
    except Exception:  # noqa: BLE001
        return {}


def _target_lines(doc) -> dict[str, int]:
    """indicator id → the line of its `target: value:` in a framework document (groups → indicators, nested)."""
    from scorer.yamlio import line_of

    out: dict[str, int] = {}

    def walk(groups, path):
        for gk, group in enumerate(groups or []):
            if not isinstance(group, dict):
                continue
            for k, ind in enumerate(group.get("indicators") or []):
                if isinstance(ind, dict) and "id" in ind:
                    line = line_of(doc, path + (gk, "indicators", k, "target", "value"))
                    if line is not None:
                        out[str(ind["id"])] = line
            walk(group.get("groups"), path + (gk, "groups"))

    walk(doc.get("groups") if isinstance(doc, dict) else None, ("groups",))
    return out


# A target that hardly any of the region's national zones reach, or that all but a few reach, within the magnitude
# and rate-band checks above (`magnitude_off`): a growth target of 5 typed 50 lies inside FDI growth's band (−80 to
# 70 %) yet only 3 of the bundled 55 peers reach it. The default targets are each reached by 13–49 % of the bundled
# peers (tests/test_target_reach.py measures it), so 1 in 10 either way leaves room for a deliberate choice.
REACH_SHARE = 0.10
REACH_MIN_PEERS = 20  # a share of fewer zones says little


def target_reach(framework: Framework, peers) -> list[Problem]:
    """Warnings (code `target_reach`) for targets reached by at most REACH_SHARE (1 in 10) of the peers, or missed by
    at most that share: a target of the first kind scores nearly every zone of the region below full marks, one of
    the second gives nearly every zone full marks; either is as likely a slip of a digit as a choice, and the
    verdict rests on it. Only against a set declared to be the zone's region's national zones (`PeerSet.ranks_region`:
    a province's provincial zones may rightly reach national targets seldom) with at least REACH_MIN_PEERS figures
    for the indicator. "Reached": at or above the target (`direction: higher`), at or below it (`lower`).
    `peers`: a PeerSet or None (no warnings). Located at the target's YAML line."""
    if peers is None or not peers.ranks_region:
        return []
    lines = target_lines(framework)
    out = []
    for ind, d in framework.indicators.items():
        if d.target is None or ind not in peers.values.columns:
            continue
        column = pd.to_numeric(peers.values[ind], errors="coerce").to_numpy(dtype=float)
        column = column[np.isfinite(column)]
        if len(column) < REACH_MIN_PEERS:
            continue
        t = d.target.value
        reached = int(np.sum(column >= t) if d.direction == "higher" else np.sum(column <= t))
        n = len(column)
        told = dict(id=ind, name=name_of(d), value=_plain(t), unit=unit_named(d.unit), reached=reached, n=n,
                    share=format(reached / n * 100, ".0f"))
        if reached <= REACH_SHARE * n:
            text = msg("the target of {name} ({id}) is {value} {unit}, which {reached} of the {n:# peer zone|# peer zones} {reached:reaches|reach} "
                       "({share} %): every zone but a few scores below full marks on it; a target this rare may be a "
                       "slip of a digit (5 typed 50)", **told)
        elif n - reached <= REACH_SHARE * n:
            text = msg("the target of {name} ({id}) is {value} {unit}, which {reached} of the {n:# peer zone|# peer zones} {reached:reaches|reach} "
                       "({share} %): nearly every zone scores full marks on it and it ranks no one; a target this easy "
                       "may be a slip of a digit (50 typed 5)", **told)
        else:
            continue
        out.append(Problem(text, Location(file=framework.path, line=lines.get(ind)),
                           msg("check the target against the yardsticks; a target meant to be this far from the "
                               "region's zones says why in `source:`"), "warning", code="target_reach"))
    return out
