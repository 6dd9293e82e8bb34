"""Observations → problems: what was read, checked against itself and the framework's needs, in one report.

Run once over every workbook of a run (ingest calls it), so a problem that only shows between two
workbooks (a quarter's cumulative value below the one before) is found as readily as one inside a
cell. Severity follows what the score can still do: an error where a figure cannot be trusted or is
absent altogether, a warning where it is odd but may be right (a published 同比 stands as published).
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Collection, Mapping

from scorer import units
from scorer.fmt import figure as fmt_figure
from scorer.fmt import in_sentence
from scorer.errors import Location, Problem
from scorer.messages import both, msg, Text, written
from scorer.framework.model import FieldDef, Framework
from scorer.read.observation import Observation
from scorer.read.plausibility import DOUBT_CODES, GROWTH_DOUBT_CODES, doubtful_figures, same as _same
from scorer.i18n import name_of, unit_en, unit_named

GROWTH_LIMIT = 1000.0  # %: beyond ±1000% a published rate is a typing slip or a base near zero
GROWTH_TOLERANCE = 1.0  # percentage points between a published 同比 and the one the two levels give

def check_observations(observations: list[Observation], fields: dict[str, FieldDef],
                       required: Mapping[str, Collection[str]] | Collection[str] | None = None,
                       marked: Mapping[tuple[str, str], Location] | None = None,
                       blank: Mapping[tuple[str, str], Location] | None = None) -> list[Problem]:
    """Every problem among the observations of one run: conflicts, implausible values, missing fields.
    `marked`: (field, quarter) → the cell where a workbook marks that figure as not available
    (`IngestResult.marked_missing`); `blank`: → the empty cell of a row that is there (`IngestResult.left_blank`)."""
    problems = implausible_growth(observations)
    rates = growth_disagreements(observations, fields)
    # a row whose published 同比 disagrees with its own levels: what tells a part above its whole from the whole
    rates_off = {(p.field_id, p.period) for p in rates if p.code in ("growth_disagrees", "growth_typo")}
    problems += doubtful_figures(_levels(observations), fields, _other_readings(observations), rates_off)
    problems += cumulative_falls(observations, {(p.field_id, p.period) for p in problems
                                                if p.code in DOUBT_CODES and p.code not in GROWTH_DOUBT_CODES})
    problems += rates
    problems += fraction_columns(observations, fields)
    problems += ambiguous_labels(observations, fields)
    problems += guessed_units(observations, fields)
    if required is not None:
        problems += missing_required(observations, fields, required, marked or {}, blank or {})
    doubted = {(p.field_id, p.period) for p in problems if p.code in DOUBT_CODES and p.code not in GROWTH_DOUBT_CODES}
    return conflicts(observations, doubted) + problems


def ambiguous_labels(observations: list[Observation], fields: dict[str, FieldDef]) -> list[Problem]:
    """A warning per workbook row read under an alias that also names another caliber (fields.yaml
    `ambiguous_aliases`), at the row's first value cell: the figure is used, and the office asked to confirm."""
    from scorer.read.text import label_key

    keys = {f: {label_key(a)[0] for a in d.ambiguous_aliases} for f, d in fields.items() if d.ambiguous_aliases}
    seen, problems = set(), []
    for o in observations:
        if o.field not in keys or (o.file, o.sheet, o.label) in seen or label_key(o.label)[0] not in keys[o.field]:
            continue
        seen.add((o.file, o.sheet, o.label))
        d = fields[o.field]
        problems.append(Problem(d.caution_en.format(label=o.label), o.location(),
                                msg("if it is the provincial caliber, enter the Ministry-caliber figure instead"),
                                "warning", code="ambiguous_caliber_label",
                                message_zh=d.caution_zh.format(label=o.label), field_id=o.field, period=o.period))
    return problems


def guessed_units(observations: list[Observation], fields: dict[str, FieldDef]) -> list[Problem]:
    """A doubtful figure (code unit_guessed) at each cell of an amount or quantity read with no unit in the
    workbook (no 计量单位 column, no unit in the label, no 单位 note): it was read in the field's unit, but 万元
    and 亿元 both go into such a row, so it is not scored as if true. Counts (家, 个, 件) go without saying."""
    out = []
    for o in observations:
        if o.unit_as_written is not None or o.basis == "growth" or o.field not in fields \
                or units.dimension(fields[o.field].unit) in ("count", "percent"):
            continue
        out.append(Problem(
            msg("「{label}」 {value:g} for {period} has no unit in the workbook and was read as {unit}: a figure in a "
                "guessed unit is doubtful (万元 and 亿元 rows look alike) and not scored as true", label=o.label,
                value=o.value, period=o.period, unit=fields[o.field].unit),
            o.location(), msg("add a 计量单位 column, a unit in the label's parentheses or a 单位： note"), "warning",
            code="unit_guessed", field_id=o.field, period=o.period))
    return out


def _levels(observations: list[Observation]) -> dict[tuple[str, str], Observation]:
    """The level (cumulative or end-of-period) of each field and quarter; a workbook's own cell first."""
    out: dict[tuple[str, str], Observation] = {}
    for o in observations:
        if o.basis == "growth":
            continue
        key = (o.field, o.period)
        if key not in out or (out[key].column == "prior" and o.column != "prior"):
            out[key] = o
    return out


def _other_readings(observations: list[Observation]) -> dict[tuple[str, str], list[Observation]]:
    """(field, quarter) → the readings of a level other than the figure of record (`_levels`): a newer workbook's
    上年同期 cell, which vouches for or against an older workbook's figure (`plausibility.implausible_jumps`)."""
    levels = _levels(observations)
    out: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in observations:
        if o.basis != "growth" and levels.get((o.field, o.period)) is not o:
            out[(o.field, o.period)].append(o)
    return out


def conflicts(observations: list[Observation], doubted: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """The same field, quarter and basis read twice with different values, both cells named.

    Two cells that each claim to be the quarter's own figure make an error. A 上年同期 cell that
    differs from last year's workbook is a warning: offices revise last year's figures, and the
    workbook's own cell is the figure read. `doubted`: the (field, quarter) levels a plausibility check
    found doubtful; the warning then says that figure is not scored as true (issue 11: a unit slip in last
    year's workbook was said to be "used" while the score left it out), else that it is the one scored.
    """
    groups: dict[tuple, list[Observation]] = defaultdict(list)
    for o in observations:
        groups[(o.field, o.period, o.basis)].append(o)
    problems = []
    for (fid, period, basis), group in groups.items():
        if len(group) < 2:
            continue
        ref = next((o for o in group if o.column != "prior"), group[0])
        for o in group:
            if o is ref or _same(ref.value, o.value):
                continue
            what = "growth rate" if basis == "growth" else "value"
            if ref.column != "prior" and o.column != "prior":
                problems.append(Problem(
                    f"「{o.label}」 ({fid}) for {period} read twice with different {what}s: {fmt_figure(ref.value)} at "
                    f"{ref.where()}, {fmt_figure(o.value)} here ({unit_en(o.unit)})", o.location(),
                    msg("correct one of the two cells (a revised figure belongs in the newer workbook only; "
                        "a city total needs a label such as 全市…)") if basis != "growth" else
                    msg("correct one of the two cells (a revised figure belongs in the newer workbook only; a city total "
                        "needs a label such as 全市…); two rates at two price bases are both read when their headers say "
                        "so (现价增长 | 可比价增长)"), code="conflict",
                    message_zh=f"「{o.label}」{period} 读到两个不同的数：{ref.where()} 为 {fmt_figure(ref.value)}，此处为 {fmt_figure(o.value)}",
                    field_id=fid, period=period))
            else:
                if (fid, period) in doubted:
                    done = msg("{value} at {where} is the figure of record but is itself doubtful (see its warning): "
                               "what is computed from it is not scored as true, and this cell is not used either",
                               value=fmt_figure(ref.value), where=ref.where())
                else:
                    done = msg("{value} at {where} is the figure scored; this cell is not used",
                               value=fmt_figure(ref.value), where=ref.where())
                text = msg("「{label}」 ({field}) for {period}: the 上年同期 figure {value} differs from {other} at {where} "
                           "({unit}); {done}", label=o.label, field=fid, period=period, value=fmt_figure(o.value),
                           unit=unit_named(o.unit), other=fmt_figure(ref.value), where=ref.where(), done=done)
                # the older cell doubtful by its own workbook's figures is the one to check (bt11i F1: 432 for 4 320)
                hint = msg("check {where} first: its figure is doubtful by its own workbook's figures (see its warning); "
                           "if it was revised, correct that workbook", where=ref.where()) if (fid, period) in doubted \
                    else msg("if last year's figure was revised, correct last year's workbook too")
                problems.append(Problem(
                    str(text), o.location(), _ten_thousand_hint(o.value, ref.value, o.unit_as_written or o.unit) or hint, "warning",
                    code="prior_year_differs", message_zh=text.zh, field_id=fid, period=period))
    return _prior_year_mismatch(groups, problems)


MISMATCH_ROWS = 6  # a workbook's 上年同期 column compared with last year's workbooks on at least this many rows …
MISMATCH_SHARE = 0.5  # … and differing on more than this share of them is not one zone's figures


def _prior_year_mismatch(groups: Mapping[tuple, list[Observation]], problems: list[Problem]) -> list[Problem]:
    """`problems` with the prior_year_differs warnings of a workbook whose 上年同期 column differs from last year's
    workbooks on most rows (more than MISMATCH_SHARE of at least MISMATCH_ROWS compared) replaced by one error at
    the workbook (code prior_year_mismatch): an office revises a few of last year's figures, never most of them,
    so the two workbooks are not one zone's (bt11j F3: a neighbour's workbook naming no zone was scored as this
    zone's latest quarter, its 31 differing rows each said as a revision) or not of one caliber."""
    compared: dict[str, list[tuple[Observation, Observation]]] = defaultdict(list)
    against: dict[str, set[str]] = defaultdict(set)
    for group in groups.values():
        ref = next((o for o in group if o.column != "prior"), None)
        for o in group if ref is not None else ():
            if o.column == "prior" and o.file != ref.file:
                compared[o.file].append((o, ref))
                against[o.file].add(ref.file)
    out = list(problems)
    for path, pairs in compared.items():
        differ = [(o, ref) for o, ref in pairs if not _same(o.value, ref.value)]
        if len(pairs) < MISMATCH_ROWS or len(differ) <= MISMATCH_SHARE * len(pairs):
            continue
        out = [p for p in out if not (p.code == "prior_year_differs" and str(p.location.file) == path)]
        others = sorted(Path(f).name for f in against[path])
        out.append(Problem(
            msg("the 上年同期 column of this workbook differs from last year's workbooks ({files}) on {n} of the {m:# statistic|# "
                "statistics} compared (e.g. {examples}): an office revises a few of last year's figures, not most, so "
                "the two are not one zone's figures of one caliber", files="、".join(others[:3]) + (" …" if len(others) > 3 else ""),
                n=len(differ), m=len(pairs), examples="; ".join(f"「{o.label}」 {fmt_figure(o.value)}（{o.sheet} › {o.cell}）≠ {fmt_figure(ref.value)}（{ref.where()}）"
                                                  for o, ref in differ[:2])),
            Location(file=Path(path)),
            msg("check that this workbook and last year's are the same zone's (a neighbouring zone's workbook in the "
                "folder?); if last year's figures were all revised (an economic census), correct last year's workbooks "
                "to the revised figures"), code="prior_year_mismatch"))
    return out


def _ten_thousand_hint(a: float, b: float, unit: str) -> str | None:
    """The hint for two readings of one figure about 10 000 apart, naming the slip of the row's own unit (bt11k F4:
    亿元 in a 万元 row was said of a row in 吨)."""
    if not (a > 0 and b > 0 and abs(abs(math.log10(a / b)) - 4) < 0.5):
        return None
    slip = units.slip_words(unit)
    if slip is None:
        return msg("the two differ by a factor of about 10 000: one of them has digits too many or too few")
    return msg("the two differ by a factor of about 10 000: one of them is in the wrong unit ({slip}?)", slip=slip)


def implausible_growth(observations: list[Observation]) -> list[Problem]:
    """Published growth rates beyond ±1000%: warnings at the cell (levels are checked by plausibility)."""
    problems = []
    for o in observations:
        if o.basis == "growth" and abs(o.value) > GROWTH_LIMIT:
            problems.append(Problem(
                f"「{o.label}」: a growth rate of {fmt_figure(o.value)}% is beyond ±{written(GROWTH_LIMIT)}%", o.location(),
                msg("check the cell: a rate typed in the wrong column, or a base figure near zero?"), "warning",
                code="growth_beyond_limit", message_zh=f"「{o.label}」增速 {fmt_figure(o.value)}% 超出 ±{written(GROWTH_LIMIT)}%",
                field_id=o.field, period=o.period))
    return problems


def cumulative_falls(observations: list[Observation], doubted: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """A year-to-date figure below the one of an earlier quarter of the same year, at the later figure's cell; at the
    earlier one's when that is doubtful (`doubted`: (field, quarter) levels) and the later is not (bt11i F1: a digit
    added in last quarter's workbook sent the analyst to this quarter's correct cell)."""
    levels = _levels(observations)
    by_year: dict[tuple[str, str], list[tuple[str, Observation]]] = defaultdict(list)
    for (fid, period), o in levels.items():
        if o.basis == "ytd":
            by_year[(fid, period[:4])].append((period, o))
    problems = []
    for (fid, _), seq in by_year.items():
        seq.sort(key=lambda t: t[0])
        for (p0, before), (p1, after) in zip(seq, seq[1:]):
            if after.value < before.value and not _same(after.value, before.value):
                at = before if (fid, p0) in doubted and (fid, p1) not in doubted else after
                problems.append(Problem(
                    f"「{after.label}」: the cumulative value for {p1} ({fmt_figure(after.value)} {unit_en(after.unit)}) is below "
                    f"{p0}'s ({fmt_figure(before.value)}, {before.where()})", at.location(),
                    msg("a year-to-date figure should not fall within a year; check both cells (a revision or a "
                        "single-quarter figure typed as cumulative?)"), "warning", code="cumulative_falls",
                    message_zh=f"「{after.label}」{p1} 的累计数（{fmt_figure(after.value)} {after.unit}）低于 {p0} 的（{fmt_figure(before.value)}，"
                               f"{before.where()}）", field_id=fid, period=at.period))
    return problems


_ROW = re.compile(r"\d+$")
GROSS_GROWTH_POINTS = 10.0  # a published 同比 this many points and more than the levels' own rate away is a typo


def _comparable(g: Observation, fields: Mapping[str, FieldDef] | None) -> bool:
    """Whether a published rate is at comparable (constant) prices while its levels are at current prices: as
    its sheet's notes say, else as fields.yaml's `growth_price_basis` declares for the field. Such a rate differs
    from the levels' by the price change (a few points), so only a gross disagreement is told."""
    if g.price_basis is not None:
        return g.price_basis == "comparable"
    f = fields.get(g.field) if fields else None
    return f is not None and f.growth_price_basis == "comparable"


def gross(published: float, implied: float) -> bool:
    """A published rate too far from the levels' to be a price change or a revision: more than
    GROSS_GROWTH_POINTS away and further than the levels' rate itself (41.3 for 4.1, 44.4 for 4.4)."""
    return abs(published - implied) > max(GROSS_GROWTH_POINTS, abs(implied))


def growth_disagreements(observations: list[Observation], fields: Mapping[str, FieldDef] | None = None) -> list[Problem]:
    """A published 同比 more than a point away from the one its two levels give: doubtful (code growth_disagrees), not
    scored as true; a rate within ±1 that the levels show typed as a fraction (`looks_like_a_fraction`): doubtful,
    code fraction_rate, at its cell, naming the two levels.

    A rate at comparable prices (`_comparable`) is told only when it disagrees grossly. A gross disagreement
    (`gross`: 41.3 where the levels give 4.1, a digit too many) is a doubtful figure (code growth_typo) at the
    rate's cell, for every field: it is not scored as if true.

    Unless it is 100 times too small or too large (0.119 for 11.9%: a percent format lost on the way, or a
    rate typed as a fraction): that rate is refused (an error at its cell), never scored, for every field.
    """
    levels = _levels(observations)
    same_row = _same_row_levels(observations)
    problems = []
    for g in observations:
        if g.basis != "growth" or (said := _levels_say(g, levels, same_row)) is None:
            continue
        now, before, implied = said
        real = _comparable(g, fields)
        fraction = off_by_100(g.value, implied, real=real)
        typed_fraction = not fraction and looks_like_a_fraction(g.value, implied, real=real)
        typo = not fraction and not typed_fraction and gross(g.value, implied)
        # Agrees: nothing to say (and no message built: a workspace holds thousands of rates). The levels' rounding
        # (`_off_levels`) is looked at only for a rate more than a point from the levels' own rate.
        agrees = real or abs(implied - g.value) <= GROWTH_TOLERANCE or _off_levels(g.value, now, before) <= GROWTH_TOLERANCE
        if not fraction and not typed_fraction and not typo and agrees:
            continue
        if now.exchange_rate is None and before.exchange_rate is None:
            levels_say = msg("{now:g} ({now_at}) over {before:g} ({before_at}) gives {implied:.1f}%", now=now.value,
                             now_at=now.where(), before=before.value, before_at=before.where(), implied=implied)
        else:  # the rate is compared in the row's own currency: the two levels quoted in it, not each year's yuan (bt11i F4)
            levels_say = msg("{now:g} {unit} ({now_at}) over {before:g} {unit} ({before_at}), in the currency the row is "
                             "written in, gives {implied:.1f}%", now=_as_written(now), before=_as_written(before),
                             unit=unit_named(_written_currency(now)), now_at=now.where(), before_at=before.where(),
                             implied=implied)
        if fraction:
            times = msg("1/100 of") if abs(g.value) < abs(implied) else msg("100 times")
            if g.percent_format:  # the cell shows the rate as read: it was entered wrong, no format was lost
                problems.append(Problem(
                    msg("「{label}」: the cell is formatted as a percentage and shows {rate:g}%, {times} what the "
                        "levels give: {levels_say}; the published rate is not used", label=g.label, rate=g.value,
                        times=times, levels_say=levels_say), g.location(),
                    msg("the rate was entered 100 times too small or too large in a percent-formatted cell: enter it "
                        "as it should show (11.9 shows 11.9%)"), field_id=g.field, period=g.period,
                    also=(now.location(), before.location())))
                continue
            problems.append(Problem(
                msg("「{label}」: published 同比 {rate:g}% is {times} what the levels give: {levels_say}; "
                    "the published rate is not used", label=name_of(g), rate=g.value, times=times, levels_say=levels_say),
                g.location(),
                msg("a percent format lost on the way, or a rate typed as a fraction (0.119 for 11.9%)? type the rate "
                    "in percent (11.9) or format the cell as 0.0%"), field_id=g.field, period=g.period,
                also=(now.location(), before.location())))
        elif typed_fraction:
            problems.append(Problem(
                msg("「{label}」: published 同比 {rate:g}% lies within ±1% while {levels_say}: a rate typed as a fraction "
                    "({pct:g}% written {rate:g})? the rate is doubtful and not scored as true", label=g.label,
                    rate=g.value, levels_say=levels_say, pct=g.value * 100), g.location(),
                msg("type the rate in percent ({pct:g}) or format the cell as 0.0%; if it is right, check the two levels",
                    pct=g.value * 100), "warning", code="fraction_rate", field_id=g.field, period=g.period,
                also=(now.location(), before.location())))
        elif typo:
            problems.append(Problem(
                msg("「{label}」: published 同比 {rate:g}% but {levels_say}: too far apart for a price change or a "
                    "revision (a digit too many?); the rate is doubtful and not scored as true", label=g.label,
                    rate=g.value, levels_say=levels_say), g.location(),
                msg("check the rate and the two levels: one of the three cells is mistyped"), "warning",
                code="growth_typo", field_id=g.field, period=g.period, also=(now.location(), before.location())))
        else:
            problems.append(Problem(
                msg("「{label}」: published 同比 {rate:g}% but {levels_say}; the published rate is doubtful and not scored as "
                    "true", label=name_of(g), rate=g.value, levels_say=levels_say), g.location(),
                msg("check the three cells; a rate on a comparable basis may differ a little, not by this much"),
                "warning", code="growth_disagrees", field_id=g.field, period=g.period,
                also=(now.location(), before.location())))
    return problems


FRACTION_COLUMN_FIELDS = 4  # distinct statistics whose 同比 all lie within ±1 before a column is taken for fractions


def fraction_columns(observations: list[Observation], fields: Mapping[str, FieldDef] | None = None) -> list[Problem]:
    """A table's 同比 column whose every rate lies within ±1 (%), over four or more statistics, none of which
    has two levels to check it against: fractions typed for percentages (0.073 for 7.3%) in a cell with no
    percent format. Refused at the column (an error at its first rate, naming its range), never scored:
    different statistics of a zone do not all grow by less than 1% at once. Where a row has its prior level
    (beside it or in another workbook), `growth_disagreements` checks each rate against the levels instead.
    """
    levels = _levels(observations)
    columns: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for o in observations:
        if o.basis == "growth":
            columns[(o.file, o.sheet, _ROW.sub("", o.cell))].append(o)
    same_row = _same_row_levels(observations)
    problems = []
    for rates in columns.values():
        if any(abs(g.value) > 1 for g in rates):
            continue
        # A rate in a percent-formatted cell shows as read (0.4%): no fraction typed for a percentage there.
        rates = [g for g in rates if not g.percent_format]
        moving = [g for g in rates if g.value != 0]
        if not moving:
            continue
        checked = [g for g in rates if (g.field, _prior(g.period)) in levels]
        if checked or len({g.field for g in moving}) < FRACTION_COLUMN_FIELDS:
            # Too few statistics to be sure, or levels that check only some rows (growth_disagreements refuses
            # those cells that the levels show are fractions): the others are doubtful, not scored as read,
            # when two or more statistics say so at once or a checked one of the column is a fraction.
            fractions = [g for g in checked if (said := _levels_say(g, levels, same_row))
                         and off_by_100(g.value, said[2], real=_comparable(g, fields))]
            if fractions or (not checked and len({g.field for g in moving}) >= 2):
                problems += _doubtful_fractions([g for g in moving if g not in checked], rates, fractions)
            continue
        first, last = rates[0], rates[-1]
        cells = first.cell + ":" + last.cell
        problems.append(Problem(
            msg("the 同比 column {cells} gives every rate within ±1% ({low:g} … {high:g} for {n:# statistic|# statistics}, "
                "「{label}」 {rate:g}%): rates typed as fractions (0.073 for 7.3%) in cells with no percent "
                "format; they are not used", cells=cells, low=min(g.value for g in rates),
                high=max(g.value for g in rates), n=len({g.field for g in rates}), label=name_of(first), rate=first.value),
            first.location(),
            msg("type the rates in percent (7.3) or format the cells as 0.0% (Excel: Format Cells › Percentage); "
                "if every statistic really grew by less than 1%, add the prior year's column (上年同期) so the "
                "levels confirm it")))
    return problems


def _doubtful_fractions(unchecked: list[Observation], column: list[Observation],
                        fractions: list[Observation]) -> list[Problem]:
    """A doubtful figure (code fraction_rate, not scored as read) for each rate of a 同比 column that lies
    within ±1% with nothing to check it against, when the column's other rates are as small or levels
    show some of its rates to be fractions (`fractions`)."""
    cells = column[0].cell + ":" + column[-1].cell
    why = (msg("levels show {cell} to be a fraction", cell=fractions[0].cell) if fractions
           else msg("as is every rate of the column {cells}", cells=cells))
    return [Problem(
        msg("「{label}」: published 同比 {rate:g}% lies within ±1%, {why}, and no prior level checks it: a rate typed "
            "as a fraction (0.073 for 7.3%)? not scored as read", label=name_of(g), rate=g.value, why=why),
        g.location(),
        msg("type the rate in percent (7.3) or format the cell as 0.0%; if it really grew by less than 1%, add the "
            "上年同期 column so the levels confirm it"),
        "warning", code="fraction_rate", field_id=g.field, period=g.period) for g in unchecked]


def _prior(period: str) -> str:
    return f"{int(period[:4]) - 1}{period[4:]}"


def _same_row_levels(observations: list[Observation]) -> dict[tuple[str, str, str, str, str], Observation]:
    """{(file, sheet, row number, field, column): level} of the levels read, to find a rate's own row's."""
    return {(o.file, o.sheet, _ROW.search(o.cell)[0], o.field, o.column): o for o in observations if o.basis != "growth"}


def _levels_say(g: Observation, levels: dict, same_row: dict) -> tuple[Observation, Observation, float] | None:
    """(this period's level, the prior year's, the growth in % they give) for a published rate `g`, the prior
    figure printed beside it first (the rate is on it, often revised); None when either is missing or ≤ 0."""
    row = (g.file, g.sheet, _ROW.search(g.cell)[0], g.field)
    now = same_row.get((*row, "current")) or levels.get((g.field, g.period))
    before = same_row.get((*row, "prior"))
    if before is None or before.period != _prior(g.period):
        before = levels.get((g.field, _prior(g.period)))
    if now is None or before is None or before.value <= 0 or now.value < 0:
        return None
    # A rate published beside dollar amounts is in dollars: compare it before the yuan conversion,
    # which uses each year's own exchange rate.
    return now, before, (_as_written(now) / _as_written(before) - 1) * 100


def _half_step(o: Observation) -> float:
    """Half a unit of the last digit a level was written to, in `_as_written`'s terms: 0.64 written in 亿元 stands for
    anything from 0.635 to 0.645 亿元, i.e. ±50 万元 (bt13j F15: a small zone's 0.64 over 0.45 亿元 allows any rate
    from 39.6 % to 44.9 %, and its published 41.1 % was called doubtful). 0 when the written figure cannot be
    recovered (a unit that does not convert)."""
    try:
        f = units.money_factor(o.unit_as_written, o.unit, int(o.period[:4]))[0] if o.unit_as_written else 1.0
    except (units.UnitError, ValueError):
        return 0.0
    if not f or not math.isfinite(f) or not o.value:
        return 0.0
    shown = f"{round(o.value / f, 9):.9f}".rstrip("0")
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return 0.5 * 10.0 ** -decimals * f * abs(_as_written(o) / o.value)


def _off_levels(published: float, now: Observation, before: Observation) -> float:
    """How many points a published rate lies outside the rates its two levels allow, as written (each ± half its last
    digit, `_half_step`); 0 when within."""
    a, b = _as_written(now), _as_written(before)
    hn, hb = _half_step(now), _half_step(before)
    low = ((a - hn) / (b + hb) - 1) * 100
    high = ((a + hn) / (b - hb) - 1) * 100 if b > hb else math.inf
    return 0.0 if low <= published <= high else min(abs(published - low), abs(published - high))


def _written_currency(o: Observation) -> str:
    """The unit `_as_written` gives `o` in: its field's scale in the other currency (万元 → 万美元, 万美元 → 万元)."""
    if o.exchange_rate is None:
        return o.unit
    return o.unit.replace("元", "美元") if units.dimension(o.unit) == "rmb" else o.unit.replace("美元", "元")


def _as_written(o: Observation) -> float:
    """A level in the currency it was written in: a value converted from dollars to a yuan field back in
    dollars, one converted from yuan to a dollar field back in yuan (the scale, 万 or 亿, does not matter
    to a ratio of two levels of one row)."""
    if o.exchange_rate is None:
        return o.value
    rate = o.exchange_rate.yuan_per_dollar
    return o.value / rate if units.dimension(o.unit) == "rmb" else o.value * rate


def looks_like_a_fraction(published: float, implied: float, real: bool = False) -> bool:
    """Whether a published rate within ±1 (%) reads as a rate typed as a fraction where its levels contradict it: the
    levels give 2 % or more in absolute value, and the rate ×100 is nearer to theirs than the rate itself, or the
    rate is further from theirs than a price change explains (`real`: at comparable prices, 3 points; else 1):
    0.05 or 0.5 where the levels give 25.3 %, 0.3 where they give 7.2 %; not 0.5 where they give 2.5 % at comparable
    prices (a year of falling prices). Looser than `off_by_100` (no ×100 match needed): such a rate is doubtful,
    not refused."""
    if abs(published) >= 1 or abs(implied) < 2 * GROWTH_TOLERANCE:
        return False
    slack = 3 * GROWTH_TOLERANCE if real else GROWTH_TOLERANCE
    return abs(published * 100 - implied) < abs(published - implied) or abs(published - implied) > slack


def off_by_100(published: float, implied: float, real: bool = False) -> bool:
    """Whether a published rate (in %) is the implied one /100 or ×100 rather than near it.

    `real`: the rate is at comparable (constant) prices while the levels are at current prices, so
    only the order of magnitude can be compared (within half the implied rate, or 3 points). Either way
    ×100 or /100 explains the rate only where 0 would not: if the implied rate is itself within that
    slack of 0, a rate /100 (near 0) is near it whatever the rate was, and tells nothing.
    """
    if abs(implied) < 2 * GROWTH_TOLERANCE:
        return False  # below 2%, 0.5 and 0.005 are both within a point of the levels: nothing to tell
    slack = max(3 * GROWTH_TOLERANCE, abs(implied) / 2) if real else max(GROWTH_TOLERANCE, abs(implied) / 20)
    if abs(implied) <= slack:
        return False  # 4.5 at comparable prices beside levels falling 2.5% (the 2023 deflation): 0.045 and 0 alike
    near = abs(published - implied) <= slack
    return not near and any(abs(published * k - implied) <= slack for k in (100, 0.01))


def missing_required(observations: list[Observation], fields: dict[str, FieldDef],
                     required: Mapping[str, Collection[str]] | Collection[str],
                     marked: Mapping[tuple[str, str], Location] | None = None,
                     blank: Mapping[tuple[str, str], Location] | None = None) -> list[Problem]:
    """Fields the indicators need: absent from every workbook is an error, absent for some quarters a warning.

    `required` is a collection of field ids, or {field id: names of the indicators that need it}. `marked`:
    (field, quarter) → the cell where a workbook marks that figure as not available (—): the row is there, so
    those quarters get a warning at that cell saying so, not a hint to add the row (bt15 F12).
    """
    needed_by = required if isinstance(required, Mapping) else {f: () for f in required}
    marked = marked or {}
    # The quarters the workbooks report themselves, and the workbook of each.
    reported: dict[str, str] = {}
    for o in observations:
        if o.column == "current":
            reported.setdefault(o.period, o.file)
    if not reported:
        return []
    have: dict[str, set[str]] = defaultdict(set)
    for o in observations:
        if o.basis != "growth":
            have[o.field].add(o.period)
    problems = []
    latest_file = reported[max(reported)]
    for fid, indicators in needed_by.items():
        fdef = fields.get(fid)
        label = fdef.label if fdef else fid
        # English names (name_of) inside the sentence, set off by commas: "「全市进出口总额」 (city_trade_total), needed by
        # share of the host city's imports and exports, is in no workbook" (bt15i F12: it read "… exports is in no …")
        users = f", needed by {', '.join(in_sentence(str(i)) for i in indicators)}," if indicators else ""
        users_zh = "，" + "、".join(getattr(i, "zh", i) for i in indicators) + " 需要" if indicators else ""
        # A statistic reported half-yearly or yearly by design (fields.yaml `reported`) is not missing between.
        missing = sorted(p for p in reported if p not in have[fid] and (fdef is None or fdef.reported_in(p)))
        dashes = [p for p in missing if (fid, p) in marked]
        if dashes:
            at = marked[(fid, dashes[-1])]
            problems.append(Problem(
                f"「{label}」 ({fid}){users} is marked as not available (—) for {', '.join(dashes)}",
                at, msg("fill in the figure once it is available; until then the indicators that need it are left "
                        "out of the score"), "warning", code="missing_field",
                message_zh=f"「{label}」（{fid}）{users_zh}，{'、'.join(dashes)} 填写为暂无数据（—）",
                field_id=fid, period=dashes[-1]))
            missing = [p for p in missing if p not in dashes]
        empty = [p for p in missing if (fid, p) in (blank or {})]
        if empty:  # the row is there, its figure left blank (as the template allows): never told to add the row
            problems.append(Problem(
                f"「{label}」 ({fid}){users} is left blank for {', '.join(empty)}", (blank or {})[(fid, empty[-1])],
                msg("fill in the figure in that cell (write — if it is not available); until then the indicators that "
                    "need it are left out of the score"), "warning", code="missing_field",
                message_zh=f"「{label}」（{fid}）{users_zh}，{'、'.join(empty)} 未填数（该行已有，数值单元格为空）",
                field_id=fid, period=empty[-1]))
            missing = [p for p in missing if p not in empty]
        if not missing:
            continue
        hint = msg("add a row labelled 「{label}」", label=label)
        if fdef is not None:
            plain = [a for a in fdef.aliases if a not in fdef.ambiguous_aliases][:3]  # never suggest another caliber's name
            if plain:
                hint += msg(" (or {aliases})", aliases="、".join(plain))
            # The unit as the workbook writes it (万美元), with its English name in English: "in US$10k (万美元)".
            unit = unit_named(fdef.unit)
            hint += msg(" in {unit}", unit=both(f"{unit} ({fdef.unit})" if str(unit) != fdef.unit else unit, unit.zh))
        if len(missing) == len(reported) and not have[fid] and not dashes:
            files = sorted({Path(f).name for f in reported.values()})
            shown = ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
            # A warning, not an error: the indicators that need it drop out with their weights (and the
            # report says so), so an office that never reports one statistic can still be scored.
            problems.append(Problem(f"「{label}」 ({fid}){users} is in no workbook ({shown})",
                                    Location(file=latest_file), hint, "warning", code="missing_field",
                                    message_zh=f"「{label}」（{fid}）{users_zh}"
                                               f"，但所有报表（{shown}）中都没有", field_id=fid))
        else:
            problems.append(Problem(
                f"「{label}」 ({fid}){users} has no value for {', '.join(missing)}",
                Location(file=reported[missing[-1]]), hint + msg(" in the workbooks of those quarters"), "warning",
                code="missing_field",
                message_zh=f"「{label}」（{fid}）{users_zh}"
                           f"，{'、'.join(missing)} 没有数据", field_id=fid, period=missing[-1]))
    return problems


def required_fields(framework: Framework) -> dict[str, list[str]]:
    """{raw field id: names of the indicators whose formulas need it}, through derived series: `required`.
    Each name is a `scorer.messages.Text` (`scorer.i18n.name_of`): English as a str, Chinese in `.zh`."""
    out: dict[str, list[str]] = {}
    for ind in framework.indicators.values():
        for fid in framework.fields_read(ind.tree):
            if ind.name_zh not in [getattr(n, "zh", n) for n in out.setdefault(fid, [])]:
                out[fid].append(name_of(ind))
    return out


@functools.lru_cache(maxsize=8)
def _lookalike_search(keys: tuple[str, ...]) -> list[re.Pattern]:
    """Regexes finding any of `keys` in raw text, and a character NFKC changes (scorer.read.text): two, as
    FieldIndex keeps them, so that the keys' alternation stays literal-first (the regex engine skips most
    positions; joined to the class in one alternation, it tried every position)."""
    from scorer.read.text import _LOOKALIKES, _keys_pattern

    return [re.compile(_keys_pattern(keys)), re.compile(_LOOKALIKES)]


def lookalike_rows(path: Path, layouts: list, fields: Mapping[str, FieldDef]) -> list[Problem]:
    """A note at each cell whose text holds another statistic's name that looks like a field's (fields.yaml
    `lookalikes`: 实际利用省(境)外资金 beside 实际使用外资): the row is never read as the field, and the note says why
    and that the row is ignored (bt12 F8: such a row was passed over without a word). `layouts`: the workbook's sheet
    layouts (scorer.read.layout.Layout), each with its sheet's distinct texts."""
    from scorer.read.text import a1, found_in, label_key

    keys = [(k, f) for f, d in fields.items() for a in d.lookalikes if (k := label_key(a)[0])]
    if not keys:
        return []
    maybe = _lookalike_search(tuple(k for k, _ in keys))
    out, seen = [], set()
    for lay in layouts:
        # a text that holds a key holds it whole, give or take spaces and full-width forms (as FieldIndex finds
        # labels): one regex search over all the sheet's texts at once rules most out before each is normalised
        # (label_key) and looked at
        texts = list(lay.texts)
        hits = {t: f for t in (texts[i] for i in found_in(maybe, texts))
                for key in (label_key(t)[0],) for k, f in keys if k in key}
        for r, row in enumerate(lay.sheet.rows if hits else []):
            for c, value in enumerate(row):
                if value.__class__ is not str or value not in hits or (lay.sheet.name, value) in seen:
                    continue
                seen.add((lay.sheet.name, value))
                d = fields[hits[value]]
                out.append(Problem(msg("「{label}」 is not {field} ({unit}), the assessment's statistic: {why}; the row "
                                       "is ignored", label=value.strip(), field=d.label, unit=d.unit,
                                       why=Text(d.lookalike_en, d.lookalike_zh)),
                                   Location(file=path, sheet=lay.sheet.name, cell=a1(r, c)),
                                   msg("give {field} on the Ministry's caliber in its own row, if the office has it",
                                       field=d.label), "note", code="lookalike_label", field_id=hits[value]))
    return out
