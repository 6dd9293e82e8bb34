"""The default peer set, generated from the yardsticks: SYNTHETIC central-region national zones.

`build_peers(year)` reads the peer model (indicators/peers/model.yaml: distributions and the
yardstick entries each parameter rests on) and draws one synthetic zone per central national zone
of that year's statistics release: size measures log-normal on a common size factor, each rescaled
to the published per-zone mean; other indicators around assumed levels. The set is then scored with
the framework, and Henan's national zones are placed at the central positions their published national
ranks imply: `placements` name the synthetic row whose score stands at each position. No row is named
after a real zone: its figures would be read as the zone's own (bt12h F3). Deterministic for a given model (seeded).
Source of every figure: indicators/yardsticks.yaml (../shared/domain/yardsticks.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

import numpy as np
import pandas as pd
from pydantic import Field, model_validator

from scorer.atomic import write_together
from scorer.sheets import csv_bytes
from scorer.errors import Location, Problem, ScorerError
from scorer.i18n import name_of, region_named, unit_named
from scorer.messages import msg, Text, text_of, written
from scorer import units
from scorer.framework.model import Framework, _Strict, load_model
from scorer.framework.yardsticks import CannotCheck, check_numbers, cited_number, in_unit, load_yardsticks
from scorer.resources import indicators_dir
from scorer.yamlio import line_of
from scorer.score.model_ratios import ratio_problems as _ratio_problems


class IndicatorModel(_Strict):
    dist: Literal["size", "lognormal", "normal", "poisson"]
    mean: Optional[float] = None
    mean_from: Optional[str] = None  # a yardstick id (YYYY stands for the year) whose value is the mean
    times: Optional[str] = None  # a yardstick id of a ratio the mean is multiplied by
    # A log-normal's coefficient of variation: its median is the mean / √(1 + cv²). Above 3 the median
    # zone would hold under a third of the mean (the yardsticks say only that the medians sit below the
    # means) and the largest of 55 zones over 20× it: a spread no published figure supports.
    cv: Optional[float] = Field(default=None, gt=0, le=3.0)
    sd: Optional[float] = Field(default=None, gt=0)
    low: Optional[float] = None
    high: Optional[float] = None
    integer: bool = False
    cites: list[str] = Field(min_length=1)
    # published: the level IS the first figure cited (checked, in the indicator's unit); judgement: a level
    # of the model's own (no published distribution), which then says why in `note`.
    basis: Literal["published", "judgement"] = "published"
    note: str = ""

    @model_validator(mode="after")
    def _judgement_says_why(self) -> "IndicatorModel":
        if self.basis == "judgement" and not self.note.strip():
            raise ValueError("a level of the model's own (`basis: judgement`) says why in `note:`; hint: add a note")
        if self.basis == "judgement" and self.mean_from is not None:
            raise ValueError("`mean_from` takes a published figure: it cannot be `basis: judgement`")
        return self


class SizeModel(_Strict):
    loading: float = Field(gt=0, lt=1)
    cites: list[str] = Field(min_length=1)


class PeerModel(_Strict):
    name_zh: str
    name_en: str
    region: str
    seed: int = Field(ge=0)  # with the year, numpy's seed, which cannot be negative
    zones_from: str
    national_zones_from: str
    cites: list[str] = Field(min_length=1)
    size: SizeModel
    indicators: dict[str, IndicatorModel]


def default_model() -> Path:
    return indicators_dir() / "peers" / "model.yaml"


# Peer models read in this process, by path and content: load_peers, its checks (levels, spreads, ceilings, the
# claims of a sidecar) and build each need the model beside the framework; it is parsed once, not once each.
_MODELS: dict[tuple[str, str], tuple] = {}


def read_model(model_path: Path | str | None = None) -> tuple:
    """The peer model (default: the bundled one) as (its YAML document with lines, PeerModel), parsed once per
    path and content in a process (an edited file is read again). Raises ScorerError as load_model does.
    Callers must not change what it returns (it is shared)."""
    model_path = Path(model_path) if model_path is not None else default_model()
    key = (str(model_path.resolve()), hashlib.sha256(model_path.read_bytes()).hexdigest() if model_path.is_file() else "")
    if key not in _MODELS:
        _MODELS[key] = load_model(model_path, PeerModel, msg("expected a peer model mapping"))
    return _MODELS[key]


@dataclass
class Placement:
    zone: str
    national_rank: int
    central_position: int  # 1 = best of the set
    published_central_rank: bool
    cites: list[str]
    zone_en: str = ""  # the zone's English name (the yardsticks' zone_en), for an English line
    row: str = ""  # the id of the synthetic row whose score stands at the position (its figures are not the zone's)


@dataclass
class BuiltPeers:
    year: int
    table: pd.DataFrame  # columns: id, name_zh, synthetic, then the framework's indicators
    meta: dict
    placements: list[Placement]
    warnings: list = None  # Problem (warning): what the set lacks, e.g. no published ranks to place Henan's zones by


def _lognormal(z: np.ndarray, mean: float, cv: float) -> np.ndarray:
    sigma = np.sqrt(np.log(1 + cv ** 2))
    return np.exp(np.log(mean) - sigma ** 2 / 2 + sigma * z)


def central_position(national_rank: int, national_zones: int, central_zones: int,
                     anchors: list[tuple[int, int]]) -> int:
    """A national rank → the estimated position among the region's zones.

    Piecewise-linear through (0, 0), the published (national rank, central rank) anchors and
    (national_zones, central_zones); rounded, at least 1.
    """
    pts = sorted({(0, 0), (national_zones, central_zones), *anchors})
    xs, ys = zip(*pts)
    return max(1, int(round(float(np.interp(national_rank, xs, ys)))))


def _bounded(ind: str, spec: IndicatorModel, mean: float | None, framework: Framework, mean_at: Location,
             at, assumed: bool = False) -> list[Problem]:
    """A parameter must mean what it says: the level and the clip range within the indicator's bounds (a
    share within 0–100 %), the level inside [low, high] (outside it every zone is clipped to one value:
    a constant column), low below high, a log-normal level above 0; an `assumed` level (judgement, or
    citing no figure) at or below the framework's target (above it for lower-is-better), as the model
    sets them: above it, the region's median zone would saturate the target. Problems at each line."""
    ind_def = framework.indicators[ind]
    bounds, unit = ind_def.spec.value_bounds, ind_def.unit
    problems = []
    target = ind_def.spec.target
    if assumed and mean is not None and target is not None and (
            mean > target.value if ind_def.spec.direction == "higher" else mean < target.value):
        problems.append(Problem(msg("indicator {ind!r}: the assumed level {value:g} {unit} is {side} the framework's "
                                    "target {target:g} {unit}: a typical zone of the region would score full marks",
                                    ind=ind, value=mean, unit=unit_named(unit), target=target.value,
                                    side=msg("above") if ind_def.spec.direction == "higher" else msg("below")),
                                mean_at, msg("set an assumed level on the weaker side of the target (the model's "
                                             "levels stand for the region's zones, below the targets)")))
    for key, v in (("mean", mean), ("low", spec.low), ("high", spec.high)):
        if v is not None and not bounds.contains(v):
            problems.append(Problem(msg("indicator {ind!r}: `{key}` is {value:g} {unit}, but {name} must be {bounds}",
                                        ind=ind, key=key, value=v, unit=unit_named(unit), name=name_of(ind_def),
                                        bounds=bounds.describe(unit)),
                                    mean_at if key == "mean" else at(key), msg("give a value {name} can take",
                                                                              name=name_of(ind_def))))
    if spec.low is not None and spec.high is not None and spec.low >= spec.high:
        problems.append(Problem(msg("indicator {ind!r}: `low: {low:g}` is not below `high: {high:g}`", ind=ind,
                                    low=spec.low, high=spec.high), at("low"), msg("swap them")))
    elif mean is not None and ((spec.low is not None and mean < spec.low) or (spec.high is not None and mean > spec.high)):
        problems.append(Problem(msg("indicator {ind!r}: the level {value:g} {unit} lies outside [low, high] = [{low}, "
                                    "{high}]: the zones would be clipped to one value", ind=ind, value=mean, unit=unit_named(unit),
                                    low="" if spec.low is None else written(spec.low),
                                    high="" if spec.high is None else written(spec.high)),
                                mean_at, msg("give a level inside the range the zones can take")))
    if mean is not None and spec.dist in ("size", "lognormal") and mean <= 0:
        problems.append(Problem(msg("indicator {ind!r}: a {dist} level must be above 0 (it is {value:g})", ind=ind,
                                    dist=spec.dist, value=mean), mean_at, msg("give a positive level")))
    return problems


def _resolved(year: int, framework: Framework, model_path: Path | str | None = None) -> tuple:
    """The peer model read and checked for `year`: (model, yardsticks, {indicator: (spec, cites, level)}, the
    region's and the nation's zone-count ids, the top and size citations). Raises ScorerError naming every
    problem with its line (build_peers' docstring lists them)."""
    model_path = Path(model_path) if model_path is not None else default_model()
    doc, model = read_model(model_path)
    ys = load_yardsticks(framework.yardsticks_path)
    problems: list[Problem] = []
    of_year: list[bool] = []  # per citation of a year's template (YYYY): whether the year has it
    year_missing: list[Problem] = []

    def resolve(ident: str, loc: tuple) -> str:
        real = ident.replace("YYYY", str(year))
        if "YYYY" in ident:
            of_year.append(real in ys)
        if real not in ys:
            # a template no year of the yardsticks has is a typo, not a year still to add (bt12g §8: tax_mian was told
            # to 'add the 2023 figure'); the closest template is named, as the framework's citations do
            import difflib
            import re

            templates = sorted({re.sub(r"(?<!\d)(?:19|20)\d\d(?!\d)", "YYYY", str(e)) for e in ys.entries})
            close = difflib.get_close_matches(ident, templates, n=1, cutoff=0.6) if "YYYY" in ident else []
            problems.append(Problem(msg("the peer model cites yardstick {real!r}, which {name} does not have",
                                        real=real, name=ys.path.name),
                                    Location(file=model_path, line=line_of(doc, loc)),
                                    msg("add the {year} figure to {name} (a new entry with its source), or build "
                                        "another year", year=year, name=ys.path.name)
                                    if "YYYY" in ident and ident in templates else
                                    msg("no year of {name} has an entry {ident!r}: did you mean {close!r}?",
                                        name=ys.path.name, ident=ident, close=close[0]) if close else
                                    msg("cite an id of {name} (check its spelling)", name=ys.path.name)))
            if "YYYY" in ident and ident in templates:
                year_missing.append(problems[-1])
        return real

    zones_id = resolve(model.zones_from, ("zones_from",))
    national_id = resolve(model.national_zones_from, ("national_zones_from",))
    # The counts must be what they stand for: the model region's zones, and the national zones (a national
    # count as `zones_from` draws 229 "central" zones).
    for key, ident, region in (("zones_from", zones_id, model.region), ("national_zones_from", national_id, "national")):
        e = ys.entries.get(ident)
        if e is not None and (e.kind != "count" or e.region != region or e.year != year or e.value is None
                              or e.value < 1 or e.value != int(e.value)):
            problems.append(Problem(msg("`{key}: {id}` is a {kind} of {entry_region} in {entry_year} ({value}), but it must "
                                        "be the count of {region} zones in {year}", key=key, id=ident, kind=e.kind,
                                        entry_region=region_named(e.region), entry_year=e.year, year=year,
                                        value="—" if e.value is None else written(e.value), region=region_named(region)),
                                    Location(file=model_path, line=line_of(doc, (key,))),
                                    msg("name the yardstick counting the {region} region's national zones (kind: count, "
                                        "region: {id})", region=region_named(region), id=region)))
    top_cites = [resolve(c, ("cites",)) for c in model.cites]
    size_cites = [resolve(c, ("size", "cites")) for c in model.size.cites]
    specs: dict[str, tuple[IndicatorModel, list[str], float | None]] = {}
    for ind, spec in model.indicators.items():
        loc = ("indicators", ind)
        if ind not in framework.indicators:
            problems.append(Problem(msg("the peer model names indicator {ind!r}, which the framework does not have",
                                        ind=ind),
                                    Location(file=model_path, line=line_of(doc, loc)),
                                    msg("use an indicator id of framework.yaml")))
            continue
        cites = [resolve(c, loc + ("cites",)) for c in spec.cites]
        mean = spec.mean
        unit = framework.indicators[ind].unit
        if spec.mean_from is not None:
            src = resolve(spec.mean_from, loc + ("mean_from",))
            ratio = resolve(spec.times, loc + ("times",)) if spec.times else None
            # The level comes from what the parameter cites: `mean_from` is its first citation (as a
            # target's figure is), `times` one of them; another measure's figure is refused.
            if cites and src != cites[0]:
                problems.append(Problem(msg("indicator {indicator!r}: `mean_from: {given}` is not the entry its `cites:` "
                                            "names first ({first}): the level must be the figure it cites",
                                            indicator=ind, given=spec.mean_from, first=spec.cites[0]),
                                        Location(file=model_path, line=line_of(doc, loc + ("mean_from",))),
                                        msg("cite the figure the level is taken from first, or take the level from "
                                            "the figure cited")))
            target = framework.indicators[ind].spec.target
            measure = {c.replace(str(ys[c].year), "YYYY") for c in (target.cites if target is not None else [])
                       if c in ys and ys[c].kind == "mean"}
            if measure and spec.mean_from not in measure:
                # The level is the measure the framework's target cites (tax from central_YYYY_gdp_mean built a
                # tax column of 545 亿元 that peers build wrote and every reader then refused).
                problems.append(Problem(msg("indicator {indicator!r}: `mean_from: {given}` is not the figure the "
                                            "framework's target for {indicator} cites ({cited}): another measure's "
                                            "level", indicator=ind, given=spec.mean_from, cited=", ".join(sorted(measure))),
                                        Location(file=model_path, line=line_of(doc, loc + ("mean_from",))),
                                        msg("take the level from the figure the target cites")))
            if ratio in ys and src in ys:
                problems += _ratio_problems(ind, ys[src], ys[ratio], year, model.region, ys,
                                            Location(file=model_path, line=line_of(doc, loc + ("times",))))
            if ratio is not None and ratio not in cites:
                problems.append(Problem(msg("indicator {indicator!r}: `times: {given}` is not among its `cites:`",
                                            indicator=ind, given=spec.times),
                                        Location(file=model_path, line=line_of(doc, loc + ("times",))),
                                        msg("add the ratio to `cites:`")))
            if src in ys and ratio is None and ys[src].region != model.region:
                # A national mean taken as the region's level (`times:` dropped, the ratio still cited) built
                # national levels for the central zones without a word.
                problems.append(Problem(msg("indicator {ind!r}: `mean_from: {src}` is a {of} figure, but the model "
                                            "stands for the {region} region's zones", ind=ind, src=src,
                                            of=region_named(ys[src].region), region=region_named(model.region)),
                                        Location(file=model_path, line=line_of(doc, loc + ("mean_from",))),
                                        msg("convert it with `times:` (a {region} ÷ {of} ratio, cited too), or take the "
                                            "level from the {region} region's own figure",
                                            region=region_named(model.region), of=region_named(ys[src].region))))
            elif src in ys and (ratio is None or ratio in ys):
                # The published figure in the indicator's unit (a mean in 亿美元 for a column in 万美元 is
                # converted, a figure of another measure refused), times a unitless ratio.
                try:  # across currencies at the rate of the figure's year, as the reader converts that year's
                    f = in_unit(ys[src], unit)
                except units.UnitError as exc:
                    f = None
                    problems.append(Problem(msg("indicator {ind!r}: {src} is in {value}, which does not convert to "
                                                "the indicator's {unit} ({why})",
                                                ind=ind, src=src, value=ys[src].unit or 'no unit', unit=unit_named(unit),
                                                why=text_of(exc)),
                                            Location(file=model_path, line=line_of(doc, loc + ("mean_from",))),
                                            msg("add the average exchange rate of {year} to indicators/exchange_rates.yaml, "
                                                "or cite a figure in {unit}", year=ys[src].year, unit=unit_named(unit))
                                            if {units.dimension(ys[src].unit), units.dimension(unit)} <= {"rmb", "usd"}
                                            else msg("cite a figure of the same measure")))
                if ratio and ys[ratio].unit:
                    problems.append(Problem(msg("indicator {ind!r}: `times: {ratio}` has a unit ({unit}); a ratio "
                                                "multiplying a mean has none",
                                                ind=ind, ratio=ratio, unit=unit_named(ys[ratio].unit)),
                                            Location(file=model_path, line=line_of(doc, loc + ("times",))),
                                            msg("cite a central ÷ national ratio")))
                elif f is not None and ratio:  # national × central ÷ national: the ratio must convert what it multiplies
                    try:
                        mean = cited_number(0.0, unit, [src, ratio], ys)[0]
                    except CannotCheck as exc:
                        problems.append(Problem(msg("indicator {ind!r}: {why}", ind=ind, why=text_of(exc)),
                                                Location(file=model_path, line=line_of(doc, loc + ("times",))),
                                                msg("take the level from the national figure the ratio converts, or "
                                                    "leave `times:` out")))
                elif f is not None:
                    mean = ys.value(src) * f
        elif mean is None and spec.dist != "poisson":
            problems.append(Problem(msg("indicator {ind!r} has neither `mean` nor `mean_from`", ind=ind),
                                    Location(file=model_path, line=line_of(doc, loc)), msg("give one of them")))
        elif mean is not None and spec.basis == "published" and all(c in ys for c in cites):
            # A level the model states itself but cites a published figure for must be that figure.
            problems += check_numbers([(mean, unit, cites, Location(file=model_path, line=line_of(doc, loc + ("mean",))),
                                        msg("the peer model's level of {ind}", ind=ind))], ys, need_figure=False,
                                      model_note=True)
        problems += _bounded(ind, spec, mean, framework, Location(file=model_path, line=line_of(
            doc, loc + (("mean_from",) if spec.mean_from is not None else ("mean",) if spec.mean is not None else ()))),
            lambda key: Location(file=model_path, line=line_of(doc, loc + (key,))),
            assumed=spec.mean_from is None and (spec.basis == "judgement" or not any(
                ys[c].value is not None for c in cites if c in ys)))
        specs[ind] = (spec, cites, mean)
    missing = [i for i in framework.indicators if i not in model.indicators]
    if missing:
        problems.append(Problem(msg("the peer model has no distribution for: {names}", names=', '.join(missing)),
                                Location(file=model_path, line=line_of(doc, ("indicators",))),
                                msg("add one entry per indicator of the framework")))
    if year_missing and not any(of_year):  # a year the yardsticks have no release of: one cause, said once (bt12i F2)
        problems = [p for p in problems if p not in year_missing]
        problems.insert(0, _no_release(year, ys, model, Location(file=model_path, line=line_of(doc, ("zones_from",))),
                                       len(year_missing)))
    if problems:
        raise ScorerError(problems)
    return model, ys, specs, zones_id, national_id, top_cites, size_cites, doc, model_path


def _no_release(year: int, ys, model, where: Location, n: int) -> Problem:
    """The one problem for a `year` none of whose figures the peer model cites (YYYY) the yardsticks have: the years
    that have them all, instead of one error per citation (25 for `peers build --year 2022`, bt12i F2)."""
    templates = {c for c in [model.zones_from, model.national_zones_from, *model.cites, *model.size.cites]
                 + [c for spec in model.indicators.values() for c in [*spec.cites, spec.mean_from, spec.times] if c]
                 if "YYYY" in c}
    years = sorted({e.year for e in ys.entries.values()})
    full = [y for y in years if all(t.replace("YYYY", str(y)) in ys for t in templates)]
    return Problem(msg("{name} has no {year} release of the figures the peer model cites ({n:# citation|# citations}, e.g. "
                       "{example}); years it has them all for: {years}", name=ys.path.name, year=year, n=n,
                       example=(model.zones_from if "YYYY" in model.zones_from else sorted(templates)[0]).replace(
                           "YYYY", str(year)), years=", ".join(map(str, full)) or "—"),
                   where,
                   msg("build one of those years, or add the {year} release's figures to {name} (a new entry each, "
                       "with its source)", year=year, name=ys.path.name))


# The ratio a national mean is converted with when the yardsticks publish none of its own measure (counts of firms,
# institutions, incubators): the region's GDP ratio, the overall size of its zones. Any other measure's ratio
# (FDI's 0.25 for high-tech firms, against the GDP ratio's 0.79) is a wrong citation, not a proxy.
def build_peers(year: int, framework: Framework, model_path: Path | str | None = None) -> BuiltPeers:
    """Generate the synthetic peer set of `year` from the yardsticks and the peer model.

    Raises ScorerError (file and line) when the model names an indicator the framework lacks, or
    cites a yardstick the year does not have (a new year needs its own yardstick entries).
    """
    from scorer.score.engine import score_values

    model, ys, specs, zones_id, national_id, top_cites, size_cites, doc, model_path = _resolved(year, framework, model_path)
    n = int(ys.value(zones_id))
    rng = np.random.default_rng(model.seed + year)
    common = rng.standard_normal(n)
    load = model.size.loading
    columns: dict[str, np.ndarray] = {}
    for ind in framework.indicators:
        spec, _, mean = specs[ind]
        own = rng.standard_normal(n)
        if spec.dist == "size":
            v = _lognormal(load * common + np.sqrt(1 - load ** 2) * own, mean, spec.cv)
            v = v * (mean / v.mean())  # the set's mean is the published per-zone mean
        elif spec.dist == "lognormal":
            v = _lognormal(own, mean, spec.cv)
        elif spec.dist == "normal":
            v = mean + spec.sd * own
        else:
            v = rng.poisson(mean, n).astype(float)
        v = np.clip(v, -np.inf if spec.low is None else spec.low, np.inf if spec.high is None else spec.high)
        if (credible := framework.indicators[ind].spec.plausible) is not None:  # as load_peers holds every cell (not 0)
            v = np.where(v != 0, np.clip(v, -np.inf if credible.min is None else credible.min,
                                         np.inf if credible.max is None else credible.max), v)
        columns[ind] = np.round(v) if spec.integer else np.round(v, 3)
    values = pd.DataFrame(columns, index=[f"SYN-C{k:02d}" for k in range(1, n + 1)])
    names = {u: f"合成样本{k:02d}（中部）" for k, u in enumerate(values.index, 1)}

    # Name the zones at Henan's estimated central positions after them.
    overall = score_values(framework, values).group_scores["index"]
    order = list(overall.sort_values(ascending=False, kind="mergesort").index)
    ranked = [e for e in ys.of_kind("rank") if e.year == year and e.region == "河南" and e.rank is not None]
    anchors = [(e.rank, e.region_rank) for e in ranked if e.region_rank is not None]
    national_n = int(ys.value(national_id))
    placements, used = [], set()
    for e in sorted(ranked, key=lambda e: e.rank):
        pos = e.region_rank or central_position(e.rank, national_n, n, anchors)
        while pos in used and pos < n:
            pos += 1
        used.add(pos)
        # The zone is placed, not named on the row: the row's figures are a synthetic zone's, and a real name beside
        # them (郑州经开区 with a GDP of 672亿元 against the 1 300亿元 its yardstick gives) would be read as the zone's
        # own (bt12h F3). The sidecar's `placements` say which row's score stands at the zone's position.
        placements.append(Placement(e.zone, e.rank, pos, e.region_rank is not None, [e.id, national_id],
                                    e.zone_en or e.zone, order[pos - 1]))
    table = values.copy()
    table.insert(0, "synthetic", "true")
    table.insert(0, "name_zh", [names[u] for u in values.index])
    table.index.name = "id"

    meta = {
        # The model generates the region's national zones: readiness judges the region's rank conditions on them.
        "synthetic": True, "region": model.region, "zone_level": "national", "year": year, "zones": n,
        "seed": model.seed + year,
        "neutralised_text": True,  # its names went through scorer.sheets.neutralise (peers.load_peers takes it off)
        "name_zh": model.name_zh, "name_en": model.name_en,
        "description_zh": (f"依据{year}年商务部公布的中部地区区均水平、中部相对全国比值与分布右偏的描述，按对数正态分布"
                           "（共同规模因子）生成的合成样本；河南国家级经开区按公布排名定位（placements：该位置上合成样本行的得分"
                           "代表其位置，该行数值不是该园区的数据），表中不以真实园区命名任何一行。"
                           "仅用于在获得真实对照数据前估算排名。"),
        "cites": top_cites, "size": {"loading": load, "cites": size_cites},
        # Each column's unit (the framework's when built): a framework whose unit changes later converts the
        # column from it, or refuses it, instead of reading 亿元 as 亿美元 (peers.load_peers).
        "indicators": {ind: {"unit": framework.indicators[ind].unit, "dist": specs[ind][0].dist,
                             "mean": None if specs[ind][2] is None else round(specs[ind][2], 4),
                             **({"cv": specs[ind][0].cv} if specs[ind][0].cv else {}),
                             **({"sd": specs[ind][0].sd} if specs[ind][0].sd else {}),
                             "cites": specs[ind][1],
                             # published: the level is a published figure (mean_from, or a level checked against
                             # the figure it cites); scaled: a national figure times a central ÷ national ratio
                             # (`times:`: no central figure is published for it); assumed: the model's own
                             # (annex_unpublished, or judgement)
                             "level": "scaled" if specs[ind][0].times is not None else "published"
                             if specs[ind][0].mean_from is not None or (
                                 specs[ind][0].basis == "published" and "annex_unpublished" not in specs[ind][1]
                                 and any(ys[c].value is not None for c in specs[ind][1])) else "assumed",
                             **({"basis": "judgement", "note": specs[ind][0].note} if specs[ind][0].basis == "judgement" else {})}
                       for ind in framework.indicators},
        "placements": [{"zone": p.zone, "row": p.row, "national_rank": p.national_rank,
                        "central_position": p.central_position, "published_central_rank": p.published_central_rank,
                        "cites": p.cites} for p in placements],
    }
    warnings = []
    if not placements:  # a year whose ranks are not (yet) in the yardsticks: said, never left out in silence
        known = sorted({e.year for e in ys.of_kind("rank") if e.region == "河南" and e.rank is not None})
        warnings.append(Problem(msg("the yardsticks hold no national rank of Henan's national zones for {year}: no zone "
                                    "of the set is named after one, and score cannot say where the zone stands among "
                                    "Henan's national zones (years with ranks: {years})", year=year,
                                    years=", ".join(map(str, known)) or "—"), Location(file=ys.path),
                                msg("add the {year} ranks to {name} (kind: rank, region: 河南, with their source), or "
                                    "build a year that has them", year=year, name=ys.path.name), "warning",
                                code="peer_no_placements"))
    built = BuiltPeers(year, table, meta, placements, warnings)
    if problems := _drawn_problems(built, framework, doc, model_path):
        raise ScorerError(problems)
    return built


def _drawn_problems(built: BuiltPeers, framework: Framework, doc, model_path: Path) -> list[Problem]:
    """What the checks every peer table meets (peer_scale.check_scale: the column's scale, its odd cells, shares
    that look like fractions; each indicator's bounds, as load_peers holds every cell to them) find in the
    columns the model drew, each at the model's line for the indicator: a level or spread that draws a share
    outside 0–100 % or under the fraction check is refused where it is written, by `peers build` and by
    `scorer validate` alike (validate accepted a model whose table build then refused)."""
    from dataclasses import replace

    from scorer.score.peer_scale import check_scale

    inds = list(framework.indicators)
    values = built.table[inds].astype(float)
    at = {ind: Location(file=model_path, line=line_of(doc, ("indicators", ind))) for ind in inds}
    problems = []
    for ind in inds:
        spec = framework.indicators[ind]
        column = values[ind].dropna()
        out = column[~column.map(lambda v: spec.spec.value_bounds.contains(float(v)))]
        if len(out):
            problems.append(Problem(msg("indicator {ind!r}: the model draws {n} of {zones:# zone|# zones} outside what {name} can "
                                        "take ({bounds}), e.g. {zone} at {value:g} {unit}: every reader refuses such a "
                                        "table", ind=ind, n=len(out), zones=len(column), name=spec.name_zh,
                                        bounds=spec.spec.value_bounds.describe(spec.unit), zone=out.index[0],
                                        value=float(out.iloc[0]), unit=spec.unit), at[ind],
                                    msg("clip the draws within the bounds with `low:` and `high:`, or narrow the spread")))
    said = {p.location.line for p in problems}
    drawn = check_scale(framework, values, inds, {ind: (k, framework.indicators[ind].unit) for k, ind in enumerate(inds)},
                        lambda k: at[inds[k]], lambda zone, k: replace(at[inds[k]], cell=str(zone)))
    for p in drawn:  # the column's own words (its zones named by id), at the model's line for the indicator
        if p.location.line not in said:
            problems.append(replace(p, message=msg("the table the peer model draws: {problem}", problem=Text(
                str(p.message), p.message_zh or str(p.message))), message_zh=None, location=replace(p.location, cell=None)))
    return problems


def check_model(framework: Framework, year: int | None = None, model_path: Path | str | None = None) -> list[Problem]:
    """Problems of the peer model (default: the one beside the framework, model_beside) for `year` (default:
    latest_year): every citation resolved for the year, each level from the figure it cites and of the model's
    region, every parameter within the indicator's bounds — what `build_peers` refuses, without building.
    `scorer validate`, `score` and every command reading a peer table check the model through here (load_peers),
    so validate never refuses what score then runs. [] without yardsticks or for a model that is fine."""
    if framework.yardsticks_path is None:
        return []
    model_path = Path(model_path if model_path is not None else model_beside(framework))
    key = (str(model_path.resolve()), year, *(hashlib.sha256(Path(f).read_bytes()).hexdigest() if f and Path(f).is_file()
                                               else None for f in (model_path, framework.path, framework.yardsticks_path,
                                                                   framework.fields_path, indicators_dir() / "exchange_rates.yaml")))
    if key not in _CHECKED:
        try:
            year = year if year is not None else latest_year(framework, model_path)
            if year is not None:
                build_peers(year, framework, model_path)  # what build refuses (its draws included), validate refuses
            _CHECKED[key] = []
        except ScorerError as exc:
            _CHECKED[key] = exc.problems
    return list(_CHECKED[key])


# check_model's answers in this process, by the content of every file a build reads: every command reading a peer
# table checks the model, and a build draws and scores the set (a fraction of a second).
_CHECKED: dict[tuple, list[Problem]] = {}


def write_peers(built: BuiltPeers, csv_path: Path) -> tuple[Path, Path]:
    """Write the table (CSV) and its metadata (YAML beside it, same stem), atomically and as a pair; both paths."""
    from scorer.yamlio import yaml_document

    meta_path = csv_path.with_suffix(".yaml")
    text = yaml_document(built.meta, [
        "默认对照样本：合成数据（SYNTHETIC）。不是真实园区的数据；河南园区只见于 placements：按公布排名估计的位置，",
        "及该位置上合成样本行（row）的得分；该行数值不是该园区的数据。",
        f"Default peer set: SYNTHETIC, made by `scorer peers build --year {built.year}` from indicators/peers/model.yaml",
        "and indicators/yardsticks.yaml. Do not edit by hand: edit the model or the yardsticks and rebuild."])
    # Renamed together (scorer.atomic.write_together): never a new table beside an old sidecar. Names neutralised.
    write_together([(csv_path, csv_bytes(built.table.rename_axis("id"), index=True, float_format="%g")),
                    (meta_path, text)])
    return csv_path, meta_path


def published_means(year: int, framework: Framework, model_path: Path | str | None = None) -> dict[str, tuple[float, str]]:
    """The published per-zone means of the region the peer model stands for, in `year`: indicator id →
    (mean in the indicator's unit, the yardstick id). Only the model's size measures whose level is a
    published regional mean as it is (`mean_from` without `times`: GDP, tax, trade, FDI); a level
    that is a national mean × a ratio is the model's estimate, not a figure a real table must meet.
    Entries the yardsticks lack for that year, or in a unit that does not convert, are left out
    (build_peers and `scorer validate` name those). Raises ScorerError for a malformed model file.
    """
    model_path = Path(model_path) if model_path is not None else default_model()
    _, model = read_model(model_path)
    ys = load_yardsticks(framework.yardsticks_path)
    out = {}
    for ind, spec in model.indicators.items():
        src = (spec.mean_from or "").replace("YYYY", str(year))
        if spec.dist != "size" or spec.times or src not in ys or ind not in framework.indicators \
                or spec.mean_from != spec.cites[0]:  # a level not taken from what it cites: build_peers refuses it
            continue
        try:
            out[ind] = (ys.value(src) * in_unit(ys[src], framework.indicators[ind].unit), src)
        except (units.UnitError, ValueError):
            continue
    return out


def levels(framework: Framework, year: int | None = None, region: str | None = None) -> dict[str, tuple[float, str]]:
    """The region's median zone in each size measure with a published per-zone mean (published_means, of `year`,
    default latest_year): indicator id → (mean / √(1 + cv²), the log-normal median under the peer model's spread
    cv; its yardstick id). What peer_scale holds a table's size columns to, relative to each other. Empty without
    yardsticks or that year's figures, or for a table that declares another `region` than the model's (another
    region's measures stand in other proportions: the nation's FDI per zone is 4× the central region's, its GDP 1.3×)."""
    if framework.yardsticks_path is None:
        return {}
    model_path = model_beside(framework)
    year = year if year is not None else latest_year(framework, model_path)
    if year is None:
        return {}
    _, model = read_model(model_path)
    if region is not None and region != model.region:
        return {}
    return {ind: (mean / float(np.sqrt(1 + model.indicators[ind].cv ** 2)), entry)
            for ind, (mean, entry) in published_means(year, framework, model_path).items() if model.indicators[ind].cv}


def stale_levels(framework: Framework, year: int, stated: dict) -> list[tuple[str, str, float, float]]:
    """The parameters a generated table's sidecar says it was built with (`indicators: {id: {mean, cv, sd}}`, as
    build_peers writes them) that the peer model beside the framework no longer gives for `year`: (indicator, key,
    stated, now), each compared as the sidecar rounds it. [] when the model is itself refused (check_model says so
    where it is checked) or every parameter agrees."""
    try:
        specs = _resolved(year, framework, model_beside(framework))[2]
    except ScorerError:
        return []
    out = []
    for ind, said in stated.items():
        if ind not in specs or not isinstance(said, dict):
            continue
        spec, _, mean = specs[ind]
        # The model's mean is in the framework's unit; a sidecar written in another (亿元 for a framework in 亿美元)
        # is compared on its spread only (the column's level is held to the model in the framework's unit by the
        # table's own checks, converted at the year's rate).
        same_unit = said.get("unit") in (None, framework.indicators[ind].unit) if ind in framework.indicators else False
        for key, now in (("mean", None if mean is None or not same_unit else round(mean, 4)), ("cv", spec.cv),
                         ("sd", spec.sd)):
            given = said.get(key)
            if isinstance(given, (int, float)) and now is not None and abs(given - now) > 1e-4 * max(1.0, abs(now)):
                out.append((ind, key, float(given), float(now)))
    return out


def spreads(framework: Framework) -> dict[str, float]:
    """The peer model's spread of each log-normal indicator (dist size or lognormal, with cv): indicator id → σ of
    its logs, √ln(1 + cv²). What peer_scale holds a table's cells to (the region's zones spread at least so)."""
    if framework.yardsticks_path is None:
        return {}
    _, model = read_model(model_beside(framework))
    return {ind: float(np.sqrt(np.log1p(spec.cv ** 2))) for ind, spec in model.indicators.items()
            if spec.cv and spec.dist in ("size", "lognormal") and ind in framework.indicators}


def model_region(model_path: Path | str | None = None) -> str:
    """The region the peer model stands for (`region:` of indicators/peers/model.yaml)."""
    model_path = Path(model_path) if model_path is not None else default_model()
    return read_model(model_path)[1].region


def model_beside(framework: Framework) -> Path:
    """The peer model a framework's peer tables are checked against: indicators/peers/model.yaml beside the
    framework, else the bundled one."""
    model = Path(framework.path).parent / "peers" / "model.yaml"
    return model if model.is_file() else default_model()


def latest_year(framework: Framework, model_path: Path | str | None = None) -> int | None:
    """The latest year whose count of the model region's zones (`zones_from`, YYYY the year) the framework's
    yardsticks hold: the year a peer table that names none is compared with. None without yardsticks."""
    if framework.yardsticks_path is None:
        return None
    model_path = Path(model_path) if model_path is not None else model_beside(framework)
    _, model = read_model(model_path)
    ys = load_yardsticks(framework.yardsticks_path)
    years = [e.year for e in ys.of_kind("count") if e.id == model.zones_from.replace("YYYY", str(e.year))]
    return max(years) if years else None


# Published per-zone means move from year to year (the central FDI total fell 15 % in 2023) and are rounded,
# and a table that names no region may hold zones somewhat larger than the region's: its mean may lie this
# far above the ceiling its size and the spread give before it is refused (a whole column 10× too large is
# 5× beyond it for the region's 55 zones; a table of another region's zones says so in its sidecar).
CEILING_MARGIN = 2.0


def ceilings(framework: Framework, rows: int, region: str | None, year: int | None) -> dict:
    """How large a peer table's size-measure columns may be on average: indicator id → (the published per-zone
    mean of the model's region in `year`, its yardstick id, the factor above it no `rows` zones of the region
    average (peer_scale.ceiling_factor of the model's cv, × CEILING_MARGIN), the region's zone count, cv).
    Empty when the table declares another region than the model's, or the yardsticks lack the year."""
    from scorer.score.peer_scale import ceiling_factor

    if framework.yardsticks_path is None:
        return {}
    model_path = model_beside(framework)
    _, model = read_model(model_path)
    year = year if year is not None else latest_year(framework, model_path)
    if year is None or (region is not None and region != model.region):
        return {}
    ys = load_yardsticks(framework.yardsticks_path)
    count = model.zones_from.replace("YYYY", str(year))
    if count not in ys or not ys.value(count) or ys.value(count) < 1:
        return {}
    zones = int(ys.value(count))
    out = {}
    for ind, (mean, entry) in published_means(year, framework, model_path).items():
        cv = model.indicators[ind].cv
        if cv:
            out[ind] = (mean, entry, ceiling_factor(cv, min(1.0, rows / zones)) * CEILING_MARGIN, zones, cv)
    return out
