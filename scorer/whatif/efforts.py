"""effort.yaml: which raw fields a zone can act on, how far in a year, and at what effort (the plan's costs).

Each entry gives a direction, a feasible change (`max_change`: 40 % of the quarter's value, or an
amount) and the effort counted per a change (`per`); `load_efforts` reads and checks the file with
every problem at its line, `resolve_efforts` turns the entries into ranges and costs in the fields'
own units for a quarter (scorer.whatif.plan).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

import numpy as np
from pydantic import Field, field_validator

from scorer import fmt
from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import Framework, _closest, _Strict, join_cjk_lines, load_model
from scorer.messages import Text, both, msg, text_of
from scorer.resources import beside_framework, indicators_dir
from scorer.whatif.changes import HOW_TO_CHANGE, ChangeError, parse_change
from scorer.whatif.scenario import Baseline, _VariantContext
from scorer.yamlio import line_of

MAX_EFFORT_PER_UNIT = 1e12  # effort points per unit of a field (or per 100 % of its value): beyond, `per` is refused


class EffortEntry(_Strict):
    direction: Literal["increase", "decrease"]
    max_change: str = Field(description="feasible change in a year: '40%' of the quarter's value, or an amount '3 个'")
    effort: float = Field(gt=0, description="effort points per `per`")
    per: str = Field("1%", description="'1%' of the quarter's value, or an amount such as '1 个' or '1000 万元'")
    source: str = Field(min_length=1)
    confidence: Literal["high", "medium", "low"]
    department: str = Field("", max_length=40, description="who delivers the change, e.g. 招商局, 科技局 (the action table)")
    deadline: Optional[dt.date] = Field(None, description="by when, as a date 2023-12-31 (default: a year after the "
                                                          "reported quarter)")

    @field_validator("source")
    @classmethod
    def _join(cls, v: str) -> str:
        return join_cjk_lines(v)  # a folded YAML line puts spaces between Chinese characters

    @field_validator("deadline", mode="before")
    @classmethod
    def _chinese_date(cls, v):
        """A deadline as an analyst writes it (bt13j F7): 2023年6月30日, 2023年6月底 (the month's last day), 2023年底,
        2023.6.30, 2023/6/30, beside YYYY-MM-DD; a date that does not exist (2023-02-30) is said so."""
        return written_date(v)


_ZH_DATE = re.compile(r"^\s*(\d{4})\s*(?:年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|([底末]))?|([底末])))\s*$")
_DOTTED_DATE = re.compile(r"^\s*(\d{4})[./-](\d{1,2})[./-](\d{1,2})\s*$")


def written_date(v):
    """A date written the Chinese way or with dots/slashes → dt.date; anything else as given (pydantic judges it).
    Raises PydanticCustomError date_not_real for a day that does not exist."""
    import calendar

    from pydantic_core import PydanticCustomError

    if not isinstance(v, str):
        return v
    m = _ZH_DATE.match(v)
    if m:
        year, month, day, end_m, end_y = m.groups()
        year = int(year)
        if month is None:
            if not end_y:
                return v
            month, day = 12, 31
        else:
            month = int(month)
            if not 1 <= month <= 12:
                raise PydanticCustomError("date_not_real", "it is not a real date: no such day")
            day = int(day) if day else calendar.monthrange(year, month)[1] if end_m else None
            if day is None:
                return v  # 2023年6月: which day is not said; pydantic refuses it as no date
    else:
        m = _DOTTED_DATE.match(v)
        if not m:
            return v
        year, month, day = (int(x) for x in m.groups())
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise PydanticCustomError("date_not_real", "it is not a real date: no such day") from None


class EffortFile(_Strict):
    version: int = 1
    name_zh: str = ""
    fields: dict[str, EffortEntry]


@dataclass
class FieldEffort:
    """One field the zone can act on, resolved against the quarter's value (all in the field's unit)."""

    field: str
    label: str
    unit: str
    sign: float  # +1 increase, −1 decrease
    max_change: float  # ≥ 0, in the field's unit
    cost: float  # effort points per unit of change
    source: str
    confidence: str
    value: float = math.nan  # the figure a change applies to (see resolve_efforts), in the field's unit
    to_level: float = 1.0  # change of the quarter's own (year-to-date) figure per unit of change: 1 ÷ the annual factor
    annual_method: str | None = None  # "seasonal" | "linear" when `value` and the changes are a flow's full-year estimate
    label_en: str = ""  # `label` in English (fields.yaml label_en)


@dataclass
class Efforts:
    path: Path
    entries: dict[str, EffortEntry]
    changes: dict[str, tuple]  # field → (max_change Change, per Change)
    warnings: list[Problem] = field(default_factory=list)  # entries of the bundled file left out, with their line
    lines: dict[str, int | None] = field(default_factory=dict)  # field → the YAML line of its `deadline:`


def default_efforts() -> Path:
    return indicators_dir() / "effort.yaml"


def set_by_analyst(path: Path | str) -> tuple[int, int]:
    """How many of an effort file's statistics differ from the bundled indicators/effort.yaml in what the report calls
    the analyst's to set (the feasible range, the department, the deadline), and how many it has: (edited, of). The
    report's 估算与假定 box says the defaults are defaults only while they are (bt13j F8). A file that cannot be read
    counts as all edited (it is not the bundled one)."""
    import yaml

    def fields(p) -> dict:
        try:
            return (yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}).get("fields") or {}
        except (OSError, yaml.YAMLError, AttributeError):
            return {}

    own, bundled = fields(path), fields(default_efforts())
    keys = ("max_change", "department", "deadline")
    edited = sum(1 for f, e in own.items() if not isinstance(e, dict) or f not in bundled
                 or any(str(e.get(k, "")) != str(bundled[f].get(k, "")) for k in keys))
    return edited, len(own)


def load_efforts(path: Path | str | None, framework: Framework) -> Efforts:
    """Read the effort and feasible-range YAML; every problem with its line.

    `path` None: the effort.yaml beside the framework (as `scorer validate` checks and `score` uses: a copy of
    indicators/ edited by the user is read by every command alike), else the bundled one.
    A field the framework does not have is an error in a file the user gave or keeps beside the framework (a typo
    would silently drop a lever; `scorer validate` says the same), and in the bundled file taken for a framework of
    one's own a note: the entry is left out, `warnings` says so, and --strict does not stop on it (bt16k F4, F5: the
    same file was an error for validate, a warning for report and plan, and a warning --strict let pass).
    """
    beside = beside_framework(framework.path, "effort") if path is None else None
    bundled = path is None and beside is None
    path = Path(path) if path is not None else (beside or default_efforts())
    doc, spec = load_model(path, EffortFile, msg("expected a mapping with a `fields:` key"), numbers_as_text=True)
    problems, changes, warnings, foreign = [], {}, [], []
    entries: dict[str, EffortEntry] = {}
    written_as: dict[str, str] = {}  # field id → the key as written in the file
    for written, entry in spec.fields.items():
        fid = framework.field_id(written) or written  # an id, or the Chinese name as in scenarios (实际使用外资金额)
        if fid not in framework.fields and bundled:
            foreign.append(written)
            continue
        if fid not in framework.fields:
            close = _closest(fid, list(framework.fields))
            problems.append(Problem(msg("unknown field {field!r}", field=fid), Location(file=path, line=line_of(doc, ("fields", written))),
                                    (msg("did you mean {close!r}? ", close=close) if close else Text(""))
                                    + msg("use a field id of fields.yaml, or its Chinese name")))
            continue
        if fid in entries:
            problems.append(Problem(msg("fields.{field} is given twice (by id and by name)", field=fid),
                                    Location(file=path, line=line_of(doc, ("fields", written))),
                                    msg("keep one of the two entries")))
            continue
        entries[fid] = entry
        written_as[fid] = written
        unit = framework.fields[fid].unit
        parsed = []
        for key in ("max_change", "per"):
            try:
                given = getattr(entry, key).strip()
                if unicodedata.normalize("NFKC", given).replace("−", "-")[:1] == "-":
                    raise ChangeError(msg("{text!r}: a feasible change is a size, written without a sign", text=given),
                                      msg("write {size}; a field to be lowered is given `direction: decrease`",
                                          size=given.lstrip("-−－﹣ ")))
                change = parse_change(given if given[:1] == "+" else "+" + given, unit, written=given)  # ++5% refused
                if change.op == "set":
                    raise ChangeError(msg("{text!r} is not an amount", text=getattr(entry, key)),
                                      msg("write 40% or an amount like 3 个"))
                if key == "per" and not change.amount > 0:  # effort per nothing: the field would count for nothing
                    raise ChangeError(msg("{text!r}: the effort is counted per this much change, which must be more "
                                          "than 0", text=getattr(entry, key)), msg("write 1% or an amount like 1 个"))
                if key == "per" and not (entry.effort / change.amount <= MAX_EFFORT_PER_UNIT
                                         and change.amount >= sys.float_info.min):
                    # 1e-300 万美元 made 1e300 effort points per 万美元: no solver weighs that (HiGHS takes
                    # costs from 1e20 as infinite), and the plan's "cannot reach" said a reachable score.
                    least = entry.effort / MAX_EFFORT_PER_UNIT
                    shown = (f"{least * 100:.3g}%" if change.op == "scale" else f"{least:.3g} {unit}")
                    raise ChangeError(msg("{text!r}: the effort is counted per so small a change that the plan cannot "
                                          "weigh it (for an effort of {effort}, at least {least})",
                                          text=getattr(entry, key), effort=fmt.as_given(entry.effort), least=shown),
                                      msg("write 1% or an amount like 1 个"))
                parsed.append(change)
            except ChangeError as exc:  # a scenario's hint (+20% or -8% …) is no effort's: a size has no sign
                hint = msg("write 40% or an amount like 3 个") if exc.hint == msg(HOW_TO_CHANGE) else exc.hint
                problems.append(Problem(msg("fields.{field}.{key}: {why}", field=fid, key=key, why=text_of(exc)),
                                        Location(file=path, line=line_of(doc, ("fields", written, key))), hint))
        if len(parsed) == 2:
            changes[fid] = tuple(parsed)
    if problems:
        raise ScorerError(problems)
    if foreign:
        warnings.append(Problem(msg("effort entries for {fields} left out: the framework has no such field",
                                    fields=", ".join(map(repr, foreign))),
                                Location(file=path, line=line_of(doc, ("fields", foreign[0]))),
                                msg("give --effort with a file for this framework's fields"), severity="note"))
    lines = {fid: line_of(doc, ("fields", written, "deadline")) for written, fid in written_as.items()}
    return Efforts(path, {fid: e for fid, e in entries.items() if fid in changes}, changes, warnings, lines)


def check_deadline(efforts: Efforts, fid: str, period: str, default: dt.date) -> None:
    """Refuse a field's `deadline:` that cannot be this year's action for `period`: before the quarter ends (a
    report would print 2021年1月1日前完成 for 2022), or more than a year after the default deadline (`default`, a
    year after the quarter: the action table's changes are a year's). Raises ScorerError at the line."""
    entry = efforts.entries[fid]
    if entry.deadline is None:
        return
    end = default.replace(year=default.year - 1)  # the reported quarter's last day (the default is a year after it)
    if not end < entry.deadline <= default.replace(year=default.year + 1):
        raise ScorerError(Problem(
            msg("fields.{field}.deadline {date} is not within this year's action for {period} (after {end}, "
                "by {latest} at the latest)", field=fid, date=entry.deadline.isoformat(), period=period,
                end=end.isoformat(), latest=default.replace(year=default.year + 1).isoformat()),
            Location(file=efforts.path, line=efforts.lines.get(fid)),
            msg("give a date after the reported quarter and at most two years after it")))


def caliber_ceilings(baseline: Baseline) -> dict[str, float]:
    """The most each caliber-checked field's year-to-date figure may reach in a variant: the caliber line
    (scorer.score.caliber) ÷ the factor that makes the quarter's figure a full-year estimate."""
    ctx = _VariantContext(baseline, baseline.levels[None, :])
    return {check.field: limit / ctx._annual_factor(check.field)
            for check, limit, _, _ in (baseline.calibers or []) if check.field in ctx.column}


def _label(fw, fid: str) -> Text:
    """A statistic's name in both languages (its English label, else its Chinese one)."""
    field = fw.fields[fid]
    return both(field.label_en or field.label, field.label)


def wholes_of(fw: Framework, fid: str) -> list[str]:
    """The wholes `fid` adds to (fields.yaml `adds_to`), and theirs in turn, nearest first; `fid` not included."""
    out: list[str] = []
    todo = list(fw.fields[fid].adds_to) if fid in fw.fields else []
    while todo:
        w = todo.pop(0)
        if w not in out and w != fid:
            out.append(w)
            todo.extend(fw.fields[w].adds_to if w in fw.fields else [])
    return out


def unsound_bases(run, period: str, doubtful: set) -> dict[str, tuple[str, str]]:
    """field id → why a change of it in `period` rests on a doubtful figure: ("figure", whole) when a whole it adds
    to (`wholes_of`) is a doubtful level this quarter (scorer.score.doubt.doubtful_figures), ("indicator", id)
    when it, or a whole it adds to, feeds an indicator doubtful this quarter (left out or capped: one of the
    figures it is computed from is wrong, and which one is not known). A field that is itself a doubtful figure is
    not listed (resolve_efforts says so first). Every route by which an action's change reaches scoring (the
    field, the wholes scorer.whatif.wholes moves) is followed (bt11l F3)."""
    from scorer.score.doubt import LEVEL, figures_read, published_in

    fw = run.framework
    published = published_in(run.panel) if getattr(run, "panel", None) is not None else None
    feeds: dict[str, str] = {}  # field → the first doubtful indicator (framework order) it feeds this quarter
    for ind in run.result.indicators:
        if not ind.doubtful or ind.id not in fw.indicators or fw.indicators[ind.id].tree is None:
            continue
        for f, q, _ in sorted(figures_read(fw, fw.indicators[ind.id].tree, period, published)):
            if q == period:
                feeds.setdefault(f, ind.id)
    out: dict[str, tuple[str, str]] = {}
    for fid in fw.fields:
        if (fid, period, LEVEL) in doubtful:
            continue
        chain = wholes_of(fw, fid)
        bad = next((w for w in chain if (w, period, LEVEL) in doubtful), None)
        if bad is not None:
            out[fid] = ("figure", bad)
        elif (hit := next((feeds[f] for f in [fid, *chain] if f in feeds), None)) is not None:
            out[fid] = ("indicator", hit)
    return out


def _unsound_note(fw: Framework, fid: str, why: tuple[str, str]) -> Text:
    kind, what = why
    if kind == "figure":
        return msg("{field}: it adds to {whole}, whose figure this quarter is doubtful (see the data-quality list); "
                   "no action is proposed on it until that cell is checked", field=_label(fw, fid), whole=_label(fw, what))
    ind = fw.indicators[what]
    return msg("{field}: it feeds {indicator}, which is doubtful this quarter (see the data-quality list); no action "
               "is proposed on it until that cell is checked", field=_label(fw, fid),
               indicator=both(ind.name_en or ind.name_zh, ind.name_zh))


def resolve_efforts(efforts: Efforts, baseline: Baseline) -> tuple[list[FieldEffort], list[Text]]:
    """The actionable fields with ranges and costs in their own units; notes (`Text`, both languages) for those
    that cannot act.

    effort.yaml's ranges are a year's, so a flow reported for part of a year (1—3月, 1—6月, 1—9月) is acted on
    in full-year terms: `value` is its full-year estimate, made as the indicators make it (scorer.score.panel:
    last year's seasonal share, or linear), and a change of X moves the quarter's year-to-date figure by
    X × `to_level`. (Adding a year's feasible change to a first quarter's figure would be worth some six
    times as much once the quarter is projected to the year.) A stock, and any field in a fourth quarter,
    is acted on as reported."""
    from scorer.score.doubt import LEVEL, doubtful_figures

    fw, out, notes = baseline.framework, [], []
    ctx = _VariantContext(baseline, baseline.levels[None, :])
    q = int(baseline.period[-1])
    ceilings = caliber_ceilings(baseline)
    run = baseline.run
    doubtful = doubtful_figures(list(getattr(run.ingested, "problems", [])) + list(run.result.problems))
    unsound = unsound_bases(run, baseline.period, doubtful)
    for fid, entry in efforts.entries.items():
        # A doubtful figure (亿元 typed into a 万元 row, a digit too many) is no base for an action: a change added to
        # it, and the growth recomputed from it, would be scored as if true (bt11i F0: "进出口总额 49万元 +1万元,
        # 一年内可达标" first of the actions on the issue's own slip). Left out, said, until its cell is checked.
        if (fid, baseline.period, LEVEL) in doubtful:
            notes.append(msg("{field}: this quarter's figure is doubtful (see the data-quality list); no action is "
                             "proposed on it until its cell is checked", field=_label(fw, fid)))
            continue
        # The same for a field whose change reaches a doubtful figure or indicator through the wholes it adds to
        # (bt11l F3: 出口总额 +0.76万元 "一年内可达标, +0.31分" rebased 进出口总额增长率 on the slipped 48.59万元 进出口总额).
        if fid in unsound:
            notes.append(_unsound_note(fw, fid, unsound[fid]))
            continue
        level = float(baseline.levels[baseline.fields.index(fid)]) if fid in baseline.fields else math.nan
        factor, method = 1.0, None
        if fw.fields[fid].kind == "flow" and q != 4:
            factor = ctx._annual_factor(fid)
            if not (np.isfinite(factor) and factor > 0):
                factor = 4.0 / q  # no usable seasonal share: linear, as scorer.score.panel does
            _, (method,) = baseline.run.panel.annual_estimate(fid, [baseline.period])
        value = level * factor
        max_change, per = efforts.changes[fid]
        relative = max_change.op == "scale" or per.op == "scale"
        if entry.direction == "decrease" and value == 0:
            continue  # already nothing left to reduce (e.g. no incidents)
        if relative and not (np.isfinite(value) and value > 0):
            notes.append(msg("{field}: no positive figure this quarter, so a range or cost given as a share cannot be "
                             "converted; left out", field=_label(fw, fid)))
            continue
        if not np.isfinite(value):
            notes.append(msg("{field}: no figure this quarter; left out", field=_label(fw, fid)))
            continue
        span = max_change.amount * value if max_change.op == "scale" else max_change.amount
        unit_amount = per.amount * value if per.op == "scale" else per.amount
        sign = 1.0 if entry.direction == "increase" else -1.0
        if sign < 0:
            span = min(span, value)  # a quantity cannot fall below zero
        elif fid in ceilings:  # never past the caliber line: the guard would not score the plan's figure
            span = min(span, ceilings[fid] * factor - value)
            if span <= 0:
                notes.append(msg("{field}: this quarter's figure is at the caliber check's limit (above it, it would be "
                                 "doubtful as the old provincial caliber and not scored); left out", field=_label(fw, fid)))
                continue
        if span <= 0 or unit_amount <= 0:
            continue
        out.append(FieldEffort(fid, fw.fields[fid].label, fw.fields[fid].unit, sign, float(span),
                               entry.effort / unit_amount, entry.source, entry.confidence, float(value), 1.0 / factor,
                               method if method in ("seasonal", "linear") else None, fw.fields[fid].label_en))
    return out, notes
