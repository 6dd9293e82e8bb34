"""A peer table's sidecar YAML (what the set says it is) and the checks that the table is that.

`PeerMeta` is the sidecar: synthetic or real, the region and level of its zones, the year, how many
zones, the unit of each column. `_check_claims` holds the table to it: rows as many as declared (or
as the count of the region's zones it cites), size measures' means as stated, and a table declared
the region's national zones against that year's published per-zone means.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Optional

import pandas as pd

from scorer import units
from scorer.errors import Location, Problem, ScorerError
from scorer.i18n import region_named, unit_named
from scorer.messages import both, msg, text_of
from pydantic import field_validator

from scorer.framework.model import Framework, _Strict, load_model
from scorer.framework.yardsticks import check_cites, cites_in, load_yardsticks
from scorer.score.doubt import _plain
from scorer.yamlio import line_of


# The yardsticks' region words a sidecar may use for the same regions (region: east is the eastern region).
YARDSTICK_WORDS = {"east": "eastern", "west": "western"}
# Regions a peer set's metadata may name (`region:`), with their Chinese and English names.
REGIONS = {"central": ("中部地区", "central"), "eastern": ("东部地区", "eastern"), "western": ("西部地区", "western"),
           "northeast": ("东北地区", "north-eastern")}
NOT_REGION_ZH = "对照样本未声明为本区所在区域的国家级经开区（其元数据须有本区域的 region 与 zone_level: national），此项不按其判定"
NOT_REGION_EN = ("the peer table is not declared the national zones of the zone's own region (its metadata must have "
                 "the zone's region and zone_level: national): this condition is not judged against it")




class PeerMeta(_Strict):
    """The optional sidecar YAML beside a peer table (same name, .yaml): what the set is.

    Unknown keys are refused at their line (a misspelt `synthetc: true` once let synthetic figures pass
    for real ones); the descriptive keys `scorer peers build` writes are listed, and kept, not read."""

    synthetic: bool = False
    name_zh: Optional[str] = None
    name_en: Optional[str] = None
    year: Optional[int] = None  # the data year a generated set is calibrated to
    indicators: dict = {}  # per indicator, as `scorer peers build` writes it: dist, mean, cites, level …
    # the region the set stands for; another word (中部, east) is refused at its line, never read as "no region"
    region: Optional[Literal["central", "eastern", "western", "northeast"]] = None
    zone_level: Optional[Literal["national", "provincial", "mixed"]] = None  # the level of its zones
    zones: Optional[int] = None  # how many zones the table holds (one row each)
    cites: list[str] = []  # yardstick ids the set rests on (a count of the region's zones is checked against the rows)
    # True in a table `scorer peers build` wrote: a text cell '=… (+ - @) carries the apostrophe scorer.sheets.neutralise
    # put before it, taken off when read. In any other table text is read as written (bt16 F13: a user's '-A lost its ').
    neutralised_text: bool = False
    # Descriptive, as `scorer peers build` writes them (read by people, not by scorer):
    seed: Optional[int] = None
    description_zh: Optional[str] = None
    description_en: Optional[str] = None
    note: Optional[str] = None
    source: Optional[str] = None
    size: Optional[dict] = None
    placements: list = []

    @field_validator("region", mode="before")
    @classmethod
    def _region_word(cls, value: Any) -> Any:
        """The yardsticks' words for the regions (east, west) name the same regions as eastern, western (bt12 F8:
        `region: east` was refused though the yardsticks cover the east); another word is refused saying which are
        read (中部 is no id: the sidecar's region is compared with the peer model's and the yardsticks')."""
        if isinstance(value, str) and value.strip().lower() in YARDSTICK_WORDS:
            return YARDSTICK_WORDS[value.strip().lower()]
        if isinstance(value, str) and value.strip() not in REGIONS:
            raise ValueError(f"{value!r} is not a region the peer set can be: write 'central', 'eastern' (or 'east', "
                             f"the yardsticks' word), 'western' (or 'west') or 'northeast', in English as the yardsticks "
                             f"and the peer model name them; hint: a region in Chinese (中部) is not read, so that no table is "
                             f"taken for a region's national zones by a word nothing checks")
        return value.strip() if isinstance(value, str) else value




def _unit_factor(unit: str, to_unit: str, year: int | None) -> float:
    """From `unit` to `to_unit`; across 元 and 美元 at the average rate of the table's `year` (no year: refused).
    Raises units.UnitError."""
    if units.normalise_unit(unit) == units.normalise_unit(to_unit):
        return 1.0
    if year is None:
        return units.factor(unit, to_unit)
    return units.money_factor(unit, to_unit, year)[0]




def _meta(path: Path, framework: Framework) -> tuple[PeerMeta, Any, Path]:
    """The sidecar YAML (metadata, its document with lines, its path); every `cites:` in it must name an
    entry of the framework's yardsticks."""
    meta_path = path.with_suffix(".yaml")
    if not meta_path.is_file():
        return PeerMeta(), None, meta_path
    doc, meta = load_model(meta_path, PeerMeta, msg("the peer table's sidecar YAML is a mapping (synthetic:, name_zh: …)"),
                           hint=msg("see indicators/peers/central-synthetic.yaml"))
    cites = cites_in(doc, meta_path)
    if cites:
        if framework.yardsticks_path is None:
            raise ScorerError(Problem(msg("the peer metadata cites yardsticks but the framework names no yardsticks "
                                          "file"),
                                      cites[0][1], msg("add `yardsticks: yardsticks.yaml` under `framework:`")))
        problems = check_cites(cites, load_yardsticks(framework.yardsticks_path))
        if problems:
            raise ScorerError(problems)
    return meta, doc, meta_path


# How far a peer table's per-zone mean may lie from what it claims (its metadata's level, or the
# published regional mean of the year when it claims to be the region's national zones). The same
# 10 % the issue set for the default peer set: the published means are rounded to 2–3 digits, and a
# real table of the region's zones is the very set the means were computed from.
CLAIM_TOLERANCE = 0.10
# A stated level the generator does not rescale the column to (dist normal or lognormal: drawn around it, then
# clipped) is met only as the mean of a sample: such a column's mean may lie CLAIM_ERRORS standard errors (the stated
# spread, `sd` or `cv` × the level, ÷ √zones) from it, when that is wider than CLAIM_TOLERANCE. The bundled set's
# columns lie within 3.4 standard errors of their stated levels; a column ×2 of a share (25 ± 15 %) lies 5.4 beyond.
CLAIM_ERRORS = 6.0


def _check_claims(meta: PeerMeta, doc: Any, meta_path: Path, values: pd.DataFrame, framework: Framework,
                  column_at, path: Path) -> list[Problem]:
    """A peer table must be what its metadata says: as many rows as `zones:`; each size measure's mean
    within CLAIM_TOLERANCE of the level its metadata states; and, when it declares itself the region's
    national zones (region + zone_level: national, the set the bottom-5 and middle conditions are judged
    against) for the peer model's region, each published per-zone mean of its `year:` (yardsticks, via
    indicators/peers/model.yaml) within the same tolerance. A table that claims nothing is the
    user's own (a province's zones …): it may differ, and those conditions are not judged against it.
    Problems name the sidecar's line or the table's column."""
    problems: list[Problem] = []

    def at(*loc) -> Location:
        return Location(file=meta_path, line=line_of(doc, loc) if doc is not None else None)

    rows = len(values)
    if meta.zones is not None and meta.zones != rows:
        problems.append(Problem(msg("the peer metadata declares {zones:# zone|# zones}, but the table {table} has {rows:# row|# rows}",
                                    zones=meta.zones, table=path.name, rows=rows), at("zones"),
                                msg("one row per zone: correct `zones:` or the table")))
    elif meta.zones is None or meta.zones == rows:
        problems += _count_claims(meta, doc, meta_path, rows, framework, path, at)
    means = {ind: float(values[ind].mean()) for ind in values.columns if values[ind].notna().any()}

    def off(ind: str, level: float) -> bool:
        return ind in means and level != 0 and abs(means[ind] / level - 1) > CLAIM_TOLERANCE

    for ind, spec in meta.indicators.items():
        level = spec.get("mean") if isinstance(spec, dict) else None
        if isinstance(level, (int, float)) and spec.get("unit") is not None and ind in framework.indicators:
            try:  # the level is in the sidecar's unit: compared in the indicator's, as its column is read
                level = level * _unit_factor(str(spec["unit"]), framework.indicators[ind].unit, meta.year)
            except units.UnitError as exc:
                problems.append(Problem(msg("the peer metadata gives {indicator} in {unit}, which does not convert to the "
                                            "indicator's unit {expected} ({why})", indicator=ind, unit=spec["unit"],
                                            expected=unit_named(framework.indicators[ind].unit), why=text_of(exc)),
                                        at("indicators", ind, "unit"), msg("correct the unit, or rebuild the table")))
                continue
        # Every stated level is held (bt12 F3: only `dist: size` was): a size measure, rescaled to it, within
        # CLAIM_TOLERANCE; another within that or CLAIM_ERRORS standard errors of a sample of the table's zones.
        if not isinstance(level, (int, float)) or ind not in framework.indicators or ind not in means:
            continue
        spread = spec.get("sd") if isinstance(spec.get("sd"), (int, float)) else \
            spec.get("cv") * abs(level) if isinstance(spec.get("cv"), (int, float)) else 0.0
        rows_given = int(values[ind].notna().sum())
        allowed = max(CLAIM_TOLERANCE * abs(level), 0.0 if spec.get("dist") == "size" else
                      CLAIM_ERRORS * spread / max(rows_given, 1) ** 0.5)
        if abs(means[ind] - level) > allowed and (level != 0 or allowed > 0):
            unit = framework.indicators[ind].unit
            problems.append(Problem(msg("column {indicator} of {table}: the zones' mean is {mean} {unit}, but the "
                                        "metadata says {level} {unit} ({ratio}×; more than {allowed} {unit} off: {tolerance:.0%} of "
                                        "it, or {errors:g} standard errors of the mean of {n:# zone|# zones} under the stated "
                                        "spread, whichever is wider)",
                                        indicator=ind, table=path.name, mean=_plain(means[ind]), unit=unit_named(unit),
                                        level=_plain(level), allowed=_plain(allowed), tolerance=CLAIM_TOLERANCE,
                                        ratio=format(means[ind] / level, ".3g") if level else "∞",
                                        errors=CLAIM_ERRORS, n=rows_given),
                                    column_at(ind) if ind in values.columns else at("indicators", ind),
                                    msg("the table and {meta} describe different zones (a unit slip?): correct the "
                                        "one that is wrong", meta=meta_path.name)))
    if meta.synthetic and meta.year is not None and meta.indicators and framework.yardsticks_path is not None:
        from scorer.score.peer_model import model_beside, model_region, stale_levels

        model = model_beside(framework)
        if meta.region == model_region(model):
            # A set generated from an earlier model (a level from the wrong ratio, since corrected): its columns
            # agree with its sidecar, and both with a model that no longer validates or no longer is.
            for ind, key, said, now in stale_levels(framework, meta.year, meta.indicators):
                problems.append(Problem(msg("the peer metadata says {table} was built with {key} {said:g} for {indicator}, "
                                            "but the peer model ({model}) gives {now:g} for {year}: the table was built "
                                            "by another version of the model, one that may no longer validate",
                                            table=path.name, key=key, said=said, indicator=ind, model=model.name, now=now,
                                            year=meta.year), at("indicators", ind, key),
                                        msg("rebuild the table from the current model: scorer peers build --year {year} "
                                            "-o {table}", year=meta.year, table=path.name), code="peer_model_stale"))
    if meta.zone_level == "national" and meta.region in REGIONS and framework.yardsticks_path is not None:
        from scorer.score.peer_model import model_beside, model_region, published_means

        model = model_beside(framework)
        if meta.region == model_region(model):
            if meta.year is None:
                problems.append(Problem(msg("the peer metadata declares the {region} region's national zones but no "
                                            "`year:`: their figures cannot be checked against that year's published "
                                            "means", region=region_named(meta.region)), at("zone_level"),
                                        msg("add `year:` (the data year of the figures)")))
                return problems
            said = {str(getattr(p.location, "column", "")) for p in problems}
            published = published_means(meta.year, framework, model)
            if not published:  # a claim nothing can check is not taken on trust (FDI ×10 passed for 2022)
                problems.append(Problem(msg("the peer metadata declares the {region} region's national zones in {year}, "
                                            "but the yardsticks publish no per-zone means for {year}: the figures "
                                            "cannot be checked", region=region_named(meta.region), year=meta.year), at("year"),
                                        msg("give the year whose published figures the table is (the yardsticks have "
                                            "them), or add that year's entries to the yardsticks")))
                return problems
            for ind, (level, entry) in published.items():
                if off(ind, level) and ind in values.columns and str(column_at(ind).column) not in said:
                    unit = framework.indicators[ind].unit
                    problems.append(Problem(
                        msg("column {indicator} of {table}: the zones' mean is {mean} {unit}, but the {region} region's "
                            "national zones averaged {level} {unit} in {year} ({entry}; {ratio}×, more than "
                            "{tolerance:.0%} off), and the metadata says the table is those zones",
                            indicator=ind, table=path.name, mean=_plain(means[ind]), unit=unit_named(unit),
                            region=region_named(meta.region), level=_plain(level), year=meta.year, entry=entry,
                            ratio=format(means[ind] / level, ".3g"), tolerance=CLAIM_TOLERANCE),
                        column_at(ind),
                        msg("check the column's unit and figures; a table of other zones (a province's, a "
                            "sample) must not declare region and zone_level: national in {meta}", meta=meta_path.name)))
    return problems


def _claims(meta: PeerMeta, counts: dict[str, tuple[str, ...]]) -> str:
    """The sidecar's lines that make it claim a count of zones, as written there (for a hint)."""
    said = ["`zones:`"] if meta.zones is not None else []
    said += [f"`cites: {c}`" for c, key in counts.items() if key == ("cites",)]
    said += ["`zone_level: national`"] if meta.zone_level == "national" else []
    return ", ".join(said)


# The yardsticks' region ids beside a sidecar's (`region: eastern` is the yardsticks' `east`).
_YARDSTICK_REGION = {"eastern": "east", "western": "west"}


def _count_claims(meta: PeerMeta, doc: Any, meta_path: Path, rows: int, framework: Framework, path: Path,
                  at) -> list[Problem]:
    """A table that says what zones it holds has as many rows as there are such zones: each count of its
    region's zones its `cites:` names (kind: count), and, when it declares itself the peer model's region's
    national zones of a `year:`, that year's count (the model's `zones_from`: central_2023_zones, 55) — with
    or without `zones:` (15 rows passed as the region's 55 national zones). Problems at `zones:`, else at the
    citation or `zone_level:`."""
    if framework.yardsticks_path is None or meta.region is None:
        return []
    ys = load_yardsticks(framework.yardsticks_path)
    region = _YARDSTICK_REGION.get(meta.region, meta.region)
    counts = {c: ("cites",) for c in meta.cites if c in ys and ys[c].kind == "count" and ys[c].region == region
              and ys[c].value is not None}
    if meta.zone_level == "national" and meta.year is not None and meta.region in REGIONS:
        from scorer.score.peer_model import model_beside, read_model

        model = read_model(model_beside(framework))[1]
        own = model.zones_from.replace("YYYY", str(meta.year))
        # A table citing a count of its region's zones names its grouping (the 2021 assessment's 68 central zones,
        # by which demotion is ranked); only a table naming none is held to the statistics release's count of its year.
        if model.region == meta.region and own in ys and ys[own].value is not None and not counts:
            counts.setdefault(own, ("zone_level",))
    problems = []
    # Another grouping of the region the yardsticks count with as many zones as the table has rows: named in the hint.
    other = [e for e in ys.of_kind("count") if e.region == region and e.value == rows and e.id not in counts]
    for entry, key in counts.items():
        zones = ys[entry].value
        if zones != rows:
            hint = msg("one row per zone: add the zones missing (their cells may be empty), or, for "
                       "some of them only, drop what claims that count from {meta}: {claims}",
                       meta=meta_path.name, claims=_claims(meta, counts))
            if other and key == ("zone_level",):
                hint = msg("if the table is the grouping of {entry} ({what}), cite it in {meta}: `cites: [{entry}]`; else ",
                           entry=other[0].id, what=both(other[0].what_en or other[0].id, other[0].what_zh or other[0].id),
                           meta=meta_path.name) + hint
            problems.append(Problem(msg("the peer metadata says the table {table} is the {region} region's national "
                                        "zones, {zones:g} in {year} ({entry}), but it has {rows:# row|# rows}", table=path.name,
                                        region=region_named(meta.region), zones=zones, year=ys[entry].year, entry=entry,
                                        rows=rows),
                                    at("zones") if meta.zones is not None else at(*key), hint))
    return problems

