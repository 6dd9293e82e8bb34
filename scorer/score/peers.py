"""Peer sets: a unit × indicator table of other zones, scored with the zone to estimate its rank."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from scorer import archives, units
from scorer.score.peer_file import read_table
from scorer.atomic import note_read
from scorer.errors import Location, Problem, ScorerError
from scorer.messages import Text, msg, not_found, text_of
from scorer.framework.model import Framework, _closest
from scorer.read.files import CellFacts
from scorer.read.text import a1
from scorer.sheets import unneutralise
from scorer.score.peer_meta import REGIONS, PeerMeta, _check_claims, _meta, _unit_factor
from scorer.score.peer_numbers import _numbers, number_problem
from scorer.score.named_figures import contradiction_warnings
from scorer.score.peer_rows import duplicate_zones
from scorer.score.peer_scale import check_scale, lone_fractions, rate_fractions
from scorer.i18n import name_of, region_named, unit_named
from scorer.resources import indicators_dir
from scorer.yamlio import line_of


def default_peers() -> Path:
    return indicators_dir() / "peers" / "central-synthetic.csv"


@dataclass
class PeerSet:
    name: str
    path: Path
    values: pd.DataFrame  # index: unit id; columns: indicator ids (indicator values, not raw fields)
    names: dict[str, str]
    synthetic: bool
    sha256: str
    notes: list[str] = field(default_factory=list)
    year: int | None = None  # the data year the set is calibrated to (its metadata's `year:`)
    # Indicators whose level is the generating model's own assumption, or `scaled` (below): varied as assumptions.
    assumed: frozenset = frozenset()
    region: str | None = None  # the region the set stands for (metadata `region:`, e.g. central)
    zone_level: str | None = None  # the level of its zones (metadata `zone_level:`): national, provincial, mixed
    left_out: list = field(default_factory=list)  # Problem (warning): columns that are no indicator of the framework
    home_region: str | None = None  # the zone's own region: the framework's peer model's (`region:` of model.yaml)
    not_region: list = field(default_factory=list)  # Problem (warning): not declared the region's national zones
    # Indicators whose level is a national per-zone mean times a central ÷ national ratio (sidecar `level: scaled`):
    # no central figure is published for them, and the published ratios range 0.25–0.79 by measure (yardsticks.md §3),
    # so which one a count follows is an assumption. Part of `assumed` too.
    scaled: frozenset = frozenset()
    # Columns off the magnitude the yardsticks give their indicator (scorer.score.peer_magnitude.ColumnDoubt): the
    # rank and margins on the table are doubtful; `columns`: indicator id → (its header as written, the header's Location).
    column_doubts: list = field(default_factory=list)
    columns: dict = field(default_factory=dict)
    doubtful_rows: tuple = ()  # zones with a cell left out as doubtful (a fraction typed): left out of the rank (i12b)
    placements: dict = field(default_factory=dict)  # a real zone → the synthetic row standing at its rank (sidecar)

    @property
    def ranks_region(self) -> bool:
        """Whether the set is declared to be the zone's region's national zones: the only set the region's
        bottom-5 and middle conditions (national zones' demotion and upgrade rules) can be judged against. A set
        of another region's national zones (eastern, for a central zone) is not: the zone is never ranked for
        demotion or upgrade among another region's zones (national zones are ranked within their region)."""
        return self.zone_level == "national" and self.region in REGIONS and \
            (self.home_region is None or self.region == self.home_region)

    @property
    def group_zh(self) -> str:
        """What the zone is ranked among, in Chinese: from the set's metadata, or the table's own file name."""
        if self.ranks_region:
            return f"{REGIONS[self.region][0]}国家级经开区"
        return f"对照样本“{self.name}”" if self.name != self.path.stem else f"对照表“{self.path.name}”"

    @property
    def group_en(self) -> str:
        if self.ranks_region:
            return f"the {REGIONS[self.region][1]} region's national zones"
        return f"the peer set “{self.name}”" if self.name != self.path.stem else f"the peer table {self.path.name}"

    @property
    def warnings(self) -> list[Problem]:
        """What every command reading this peer table warns of, one list for all (`score --peers`, `score-table`):
        columns left out (no indicator of the framework), a zone given twice with the same figures, and the
        indicators no peer has a value for (the rank compares on the others only)."""
        return list(self.left_out) + list(self.not_region) + [d.problem for d in self.column_doubts] + [Problem(
            note, Location(file=self.path), msg("add the missing columns for a rank on every indicator"), "warning") for note in self.notes]

    @property
    def covered(self) -> list[str]:
        """The indicators at least one peer has a value for: the rank compares the zone on these only."""
        any_value = self.values.notna().any(axis=0)  # one pass over peers × indicators, not one per column
        return [c for c in self.values.columns if any_value[c]]

    def as_dict(self) -> dict:
        covered = self.covered
        return {"name": self.name, "path": str(self.path), "units": len(self.values), "synthetic": bool(self.synthetic),
                "sha256": self.sha256, "indicators": covered,
                "missing_indicators": [c for c in self.values.columns if c not in covered],
                "notes": [str(n) for n in self.notes], "notes_zh": [getattr(n, "zh", n) for n in self.notes],
                "notes_en": [str(n) for n in self.notes]}


# Columns a peer table may carry besides indicators, by role; headers compared case-insensitively.
ID_HEADERS = ("id", "code", "ucode", "编号", "代码", "园区代码")
NAME_HEADERS = ("name", "name_zh", "uname", "zone", "名称", "园区名称", "园区", "开发区", "开发区名称", "经开区名称")
SYNTHETIC_HEADERS = ("synthetic", "合成", "合成样本")
TEXT_HEADERS = ("note", "notes", "备注", "说明", "source", "来源", "数据来源", "region", "地区", "省份", "province")
# What analysts write for a figure they do not have. Not `nan` or `null`: a program's marks, which may
# hide a failed calculation, so they are refused with their cell rather than read as missing.
TRUE, FALSE = ("true", "1", "yes", "是", "y"), ("false", "0", "no", "否", "n", "")
_UNIT = re.compile(r"^(?P<name>.*?)\s*[(（\[【]\s*(?P<unit>[^()（）]+?)\s*[)）\]】]\s*$")


def load_peers(path: Path | str | None, framework: Framework) -> PeerSet:
    """Read a peer table (CSV or Excel) as analysts save it: one row per zone, one column per indicator.

    CSV in UTF-8 (with or without BOM) or GB18030/GBK, or .xlsx/.xlsm/.xls (first sheet). The zone
    is named by a column headed id/编号/代码 and/or name/名称/园区名称/zone; indicators by id or Chinese
    name, optionally with a unit in parentheses (`实际使用外资金额（亿美元）`), converted to the
    indicator's unit. Also read: `synthetic` (true/false per row) and text columns (备注, 来源, 地区 …).
    Values in the indicators' units; blank, —, … are missing. Returns a PeerSet whose `values` has
    every framework indicator as a column (NaN where the table has none) and whose `notes` say which
    indicators are missing. Raises ScorerError naming file and line:column (CSV, blank lines counted) or
    sheet and cell (Excel) for: an unreadable file, a header-only table, an unknown or repeated column
    (an indicator by id and by name), a unit that does not convert, a non-number, infinite or `nan`
    value, a value outside the indicator's declared bounds (a negative amount, a share over 100 %), a
    CSV row with fewer or more cells than the header, an Excel formula with no saved result or an
    error value, a zone twice with different values, a sidecar YAML that is malformed."""
    path = Path(path) if path is not None else default_peers()
    note_read(path)  # never written over (scorer.atomic.files_read); a FIFO or device refused as such
    if not path.is_file():
        raise ScorerError.at(not_found(path, "peer table"), file=path)
    raw = archives.read_table_bytes(path)  # bounded: a table the size of the memory is refused by name (bt16j F13)
    table, sheet, csv_rows = read_table(path, raw)
    widths, lines = csv_rows if csv_rows is not None else (None, None)
    excel = sheet is not None
    facts = CellFacts("xls" if path.suffix.lower() == ".xls" else "xlsx", raw) if excel else None
    # Blank rows are kept in `table` (and skipped here), so that every place named is the file's own.
    filled = _filled_rows(table)
    if table.shape[0] == 0 or table.shape[1] == 0 or not filled.any():
        raise ScorerError.at(msg("the peer table is empty"), file=path, hint=msg("one row per zone, one column per "
                                                                            "indicator"))
    head_row = int(np.flatnonzero(filled)[0])
    # Titles above the header, as offices head a sheet (河南省开发区主要指标（2023年） in A1): a row of one cell is no
    # header of a table of zones; the header is the first row of more than one (bt17h F12: the title was read as a
    # column's header, and the hint said to remove the column of zone names)
    for r in np.flatnonzero(filled)[:4]:
        if sum(bool(str(v).strip()) for v in table.iloc[int(r)]) > 1:
            head_row = int(r)
            break
    header = [unicodedata.normalize("NFKC", str(h)).strip() for h in table.iloc[head_row]]
    typed = [str(h).strip() for h in table.iloc[head_row]]  # as typed, quoted in messages (bt11i F4); `header` matched
    if widths is not None:
        header = header[:widths[head_row]]  # the cells of longer rows stand under no column (refused below)
        typed = typed[:widths[head_row]]
    file_rows = np.arange(head_row + 1, len(table))  # each body row's 0-based row in the file
    body = table.iloc[head_row + 1:].reset_index(drop=True)

    def col_at(k: int) -> Location:
        return Location(file=path, sheet=sheet, cell=a1(head_row, k)) if excel else \
            Location(file=path, line=lines[head_row], column=k + 1)

    def cell_at(row: int, k: int) -> Location:
        if row >= len(file_rows):  # below the last row: where the first zone would go
            return Location(file=path, sheet=sheet, cell=a1(head_row + 1, k)) if excel else \
                Location(file=path, line=lines[head_row] + 1, column=k + 1)
        r = int(file_rows[row])
        return Location(file=path, sheet=sheet, cell=a1(r, k)) if excel else Location(file=path, line=lines[r], column=k + 1)

    meta, doc, meta_path = _meta(path, framework)
    model = Path(framework.path).parent / "peers" / "model.yaml"
    if model.is_file():  # the framework's peer model, checked as `validate` checks it (one path for both)
        from scorer.score.peer_model import check_model
        if problems := check_model(framework, None, model):
            raise ScorerError(problems)
    roles, problems = _columns(header, framework, col_at, _declared_units(meta, doc, meta_path), meta.year,
                               guard_typos=path.resolve() != default_peers().resolve(), typed=typed)
    ids = [k for k, r in roles.items() if r == ("id",)]
    names = [k for k, r in roles.items() if r == ("name",)]
    if not ids and not names and not problems:
        problems.append(Problem(msg("the peer table has no column naming each zone"), col_at(0),
                                msg("head one column 园区名称 (or 名称, zone, id) with the zones' names")))
    if not any(r[0] == "indicator" for r in roles.values()) and not problems:
        problems.append(Problem(msg("no column of the peer table is an indicator of the framework"), col_at(0),
                                msg("name columns by indicator id (e.g. fdi_amount) or Chinese name (e.g. 实际使用外资金额)")))
    if problems:
        raise ScorerError(problems)
    blank = ~filled[head_row + 1:]
    if widths is not None:  # a CSV line with fewer cells than the header: its values may sit in the wrong columns
        given_by_row = np.asarray(widths)[file_rows] if len(file_rows) else np.zeros(0, dtype=int)
        for row in np.flatnonzero(~blank & (given_by_row != len(header))):  # only the rows of another width
            given = int(given_by_row[row])
            if given > len(header) and body.iloc[row, len(header):].astype(str).str.strip().ne("").any():
                problems.append(Problem(msg("this row has {given:# cell|# cells} and the header {width}: a value stands under no "
                                            "column", given=given, width=len(header)), cell_at(int(row), len(header)),
                                        msg("remove the extra cells, or add the column's header")))
            elif given < len(header):
                problems.append(Problem(msg("this row has {given:# cell|# cells} and the header {width}: a cell is missing, so a "
                                            "value may stand under the wrong column", given=given, width=len(header)),
                                        cell_at(int(row), given),
                                        msg("give every row one cell per column (an empty cell for a missing value: "
                                            "甲,1.5,,12)")))
        if problems:
            raise ScorerError(problems)
    body, file_rows = body[~blank].reset_index(drop=True), file_rows[~blank]
    if body.empty:
        raise ScorerError(Problem(msg("the peer table has a header but no zone"), cell_at(0, 0),
                                  msg("add one row per peer zone under the header")))

    key_col = (ids or names)[0]
    text = unneutralise if meta.neutralised_text else str  # '=1+2 is =1+2 in scorer's tables only (bt16 F13)
    keys = [text(str(v).strip()) for v in body.iloc[:, key_col]]
    values = pd.DataFrame(np.nan, index=pd.Index(keys, dtype=object), columns=list(framework.indicators))
    for row, key in enumerate(keys):
        if not key:
            problems.append(Problem(msg("row without a zone {header!r}", header=typed[key_col]), cell_at(row, key_col),
                                    msg("name the zone, or delete the row")))
    synthetic_rows, implausible = [], []
    for k, role in roles.items():
        column = body.iloc[:, k]
        if role[0] == "indicator":
            _, ind, factor, _ = role
            numbers, rows_wrong = _numbers(column)
            for row in rows_wrong:
                why, hint = number_problem(column.iat[row])
                problems.append(Problem(msg("column {header!r}: {number}", header=typed[k], number=why), cell_at(row, k), hint))
            if excel:  # an empty cell may be a formula never calculated or an error value (#DIV/0!): not blank
                for row in np.flatnonzero((column.astype(str).str.strip() == "").to_numpy()):
                    reason = facts.blank_reason(sheet, int(file_rows[row]), k)
                    if reason:
                        problems.append(Problem(msg("column {header!r}: {number}", header=typed[k], number=reason), cell_at(int(row), k),
                                                msg("fix the formula or type the number (open and save the workbook "
                                                    "in Excel to calculate it); leave the cell empty for a missing value")))
            spec = framework.indicators[ind]
            bounds = spec.spec.value_bounds
            # Only the cells outside the bounds are visited (one array comparison over the column, as `contains`).
            for row in np.flatnonzero(outside(bounds, numbers * factor)):
                why = msg("column {head!r}: {cell} is impossible for {name}: the value must be {bounds}", head=typed[k],
                          cell=column.iat[row], name=name_of(spec), bounds=bounds.describe(spec.unit))
                if factor != 1:
                    why += msg(" (read as {value:g} {unit})", value=numbers[row] * factor, unit=unit_named(spec.unit))
                problems.append(Problem(why, cell_at(int(row), k), msg("check the sign and the unit of the cell")))
            # Within the bounds but outside what a zone's value can credibly be (the indicator's `plausible`, as the
            # zone's own value is held to it, scorer.score.doubt): a fraction typed for a percent (0.69 for 69 %), a
            # digit or a unit off. An exact 0 is never below it. Said after the column checks (which name the slip).
            plausible, read = spec.spec.plausible, numbers * factor
            if plausible is not None:
                for row in np.flatnonzero(outside(plausible, read) & ~outside(bounds, read) & (read != 0)):
                    implausible.append(Problem(
                        msg("column {head!r}: {cell} is not a plausible {name} for a zone: a zone's value is {range} "
                            "(the framework's `plausible`)", head=typed[k], cell=column.iat[row], name=spec.name_zh,
                            range=plausible.describe(spec.unit)), cell_at(int(row), k),
                        msg("check the cell's unit and digits: a fraction typed for a percent (0.69 for 69 %) is the "
                            "commonest slip")))
            values[ind] = numbers * factor
        elif role[0] == "synthetic":
            flags = column.astype(str).str.strip().str.lower()
            for row in np.flatnonzero(~flags.isin(TRUE + FALSE).to_numpy()):
                problems.append(Problem(msg("column {header!r}: {text!r} is not true or false",
                                            header=typed[k], text=column.iat[row]), cell_at(int(row), k),
                                        msg("write true (a synthetic zone) or false (a real one)")))
            synthetic_rows.extend(flags.isin(TRUE).tolist())
    # however spelled (A, Ａ, a), by id and by name: one name under two ids is one zone typed twice (bt16g F2)
    twice, once, kept = duplicate_zones(keys, values, cell_at, key_col,
                                        ([text(str(v).strip()) for v in body.iloc[:, names[0]]], names[0]) if names else None)
    if problems + twice:
        raise ScorerError(problems + twice)
    values = values.iloc[np.flatnonzero(kept)]

    column_of = {role[1]: k for k, role in roles.items() if role[0] == "indicator"}
    first_row = {}
    for row, key in enumerate(keys):
        first_row.setdefault(key, row)
    from scorer.score.peer_model import ceilings, levels, spreads

    # A column whose level the sidecar states is held to that level (_check_claims, within 10 %) instead.
    stated = {i for i, v in meta.indicators.items() if isinstance(v, dict) and v.get("mean") is not None}
    problems = check_scale(framework, values, typed, {r[1]: (k, r[3]) for k, r in roles.items() if r[0] == "indicator"},
                           col_at, lambda zone, k: cell_at(first_row[zone], k),
                           {i: c for i, c in ceilings(framework, len(values), meta.region, meta.year).items()
                            if i not in stated}, levels(framework, meta.year, meta.region), spreads(framework)) or _check_claims(meta, doc, meta_path, values, framework, lambda ind: col_at(column_of[ind]), path) or implausible
    if problems:  # with the rows counted once (a pasted row: the count it leaves is why a row is missing)
        raise ScorerError(problems + once)
    from scorer.score.peer_magnitude import column_doubts
    sigmas = spreads(framework)  # shares and a row's rates typed as fractions
    from scorer.score.peer_ratios import ratio_cells  # a row's figures against each other (fields.yaml ratios)
    fractions = [f for check in (lambda *a: lone_fractions(*a, sigmas=sigmas), rate_fractions, ratio_cells)
                 for f in check(framework, values, typed, column_of, lambda zone, k: cell_at(first_row[zone], k))]
    for ind, zone, _ in fractions:  # a lone share like a fraction (bt12 F5), a ratio out of line (bt11j F13): left out
        values.at[zone, ind] = np.nan

    headers = {ind: typed[k] for ind, k in column_of.items()}
    doubts = column_doubts(framework, values, headers, path, lambda ind: col_at(column_of[ind]), meta.year, meta.region,
                           meta.zone_level == "national" and meta.region is not None)
    label = dict(zip(keys, (text(str(v).strip()) for v in body.iloc[:, names[0]]))) if names else {u: u for u in keys}
    covered = [c for c in values.columns if values[c].notna().any()]
    missing = [i for i in framework.indicators if i not in covered]
    ignored = [k for k, r in roles.items() if r == ("ignored",)]
    left_out = [Problem(msg("columns {columns} left out: not indicators of the framework ({file})",
                            columns=", ".join(repr(typed[k]) for k in ignored), file=Path(framework.path).name),
                        col_at(ignored[0]), msg("head a column 备注 to keep it as text, or name it by an indicator's id or "
                                                "Chinese name to use it"), "warning", code="peer_columns_left_out")] \
        if ignored else []
    left_out += once + list({id(p): p for *_, p in fractions}.values())  # a ratio's one problem for two cells
    left_out += contradiction_warnings(values, label, framework, lambda u, i: cell_at(keys.index(u), column_of[i]))  # bt12h F3
    from scorer.score.peer_model import model_beside, model_region
    home = model_region(model_beside(framework))
    if meta.zone_level == "national" and meta.region in REGIONS and meta.region != home:
        left_out.append(Problem(msg("the peer table declares {region}'s national zones, while the zone's region is {home} "
                                    "(the peer model's): the zone is ranked among these peers only, and the region's "
                                    "bottom-5 and middle conditions are not judged", region=region_named(meta.region),
                                    home=region_named(home)), Location(file=meta_path, line=line_of(doc, ("region",))),
                                msg("give a table of the zone's own region's national zones for those conditions"),
                                "warning", code="peer_other_region"))
    # A table not declared the region's national zones: said where the claim is missing (its own list, not left_out).
    unjudged = [] if meta.zone_level == "national" and meta.region in REGIONS else [_not_region(meta, doc, meta_path, path)]
    notes = []
    if missing:
        notes.append(msg("the peer table covers {n} of {total:# indicator|# indicators}; the estimated rank compares the zone with "
                         "its peers on those only (missing: {missing})", n=len(covered), total=len(values.columns),
                         missing=Text(", ".join(missing), "、".join(framework.indicators[i].name_zh for i in missing))))
    return PeerSet(meta.name_zh or path.stem, path, values, label, bool(meta.synthetic or any(synthetic_rows)),
                   hashlib.sha256(raw).hexdigest(), notes, meta.year,
                   frozenset(k for k, v in meta.indicators.items() if isinstance(v, dict) and v.get("level") in ("assumed", "scaled")),
                   meta.region, meta.zone_level, left_out, home, unjudged,
                   frozenset(k for k, v in meta.indicators.items() if isinstance(v, dict) and v.get("level") == "scaled"),
                   doubts, {ind: (headers[ind], col_at(k)) for ind, k in column_of.items()},
                   tuple(dict.fromkeys(str(z) for _, z, _ in fractions)), {p["zone"]: str(p["row"]) for p in meta.placements
                                                                          if isinstance(p, dict) and str(p.get("row")) in label})


def _not_region(meta: PeerMeta, doc, meta_path: Path, path: Path) -> Problem:
    """The warning on a peer table not declared the region's national zones (no sidecar, no `region:`, another
    `zone_level:`): the region's bottom-5 and middle conditions are not judged against it; at the line that says so."""
    if doc is None:
        where, why = Location(file=path), msg("it has no sidecar YAML ({meta}) saying what zones it holds", meta=meta_path.name)
    elif meta.zone_level != "national":
        where = Location(file=meta_path, line=line_of(doc, ("zone_level",)) if meta.zone_level else None)
        why = msg("its sidecar gives zone_level: {level}", level=meta.zone_level or "—")
    else:
        where, why = Location(file=meta_path), msg("its sidecar names no region:")
    return Problem(msg("the peer table is not declared the region's national zones ({why}): the zone is ranked among "
                       "its rows only, and the region's bottom-5 and middle conditions are not judged", why=why), where,
                   msg("if it is the region's national zones, say so in {meta}: region: central, zone_level: national, "
                       "year: (the data year)", meta=meta_path.name), "warning", code="peer_not_region")


def _declared_units(meta: PeerMeta, doc: Any, meta_path: Path) -> dict[str, tuple[str, Location]]:
    """The unit the sidecar YAML gives each indicator's column (`indicators: {id: {unit: …}}`, as `scorer
    peers build` writes it), with its line: indicator id → (unit, where)."""
    return {ind: (str(spec["unit"]), Location(file=meta_path, line=line_of(doc, ("indicators", ind, "unit"))))
            for ind, spec in meta.indicators.items() if isinstance(spec, dict) and spec.get("unit") is not None}


def _columns(header: list[str], framework: Framework, col_at, declared: dict[str, tuple[str, Location]] | None = None,
             year: int | None = None, guard_typos: bool = True, typed: list | None = None) -> tuple[dict[int, tuple], list]:
    """Each column's role: ("id",), ("name",), ("synthetic",), ("text",), ("indicator", id, unit factor, unit read in) or
    ("ignored",): in the bundled table (`guard_typos` False: written for the bundled framework, whose
    columns a custom framework may have dropped or renamed), a column that is no indicator of the framework
    is left out, and said by `load_peers`. In a user's table (`guard_typos`) such a column is refused: as a
    misspelling when its header is close to an indicator the table has no column for, else as unknown.

    A column is in the unit its header gives (`实际使用外资金额（亿美元）`), else the one its sidecar YAML
    declares (`declared`), else the indicator's own; another unit is converted (currencies at the rate of
    the table's `year`), or refused where it is written: a column is never read as-is in a unit not its own."""
    roles: dict[int, tuple] = {}
    problems: list[Problem] = []
    first: dict[object, int] = {}
    named = {framework.indicator_id(h) or framework.indicator_id(_UNIT.match(h)["name"].strip() if _UNIT.match(h) else h)
             for h in header} - {None}  # the indicators the table has a column for
    for k, head in enumerate(header):
        shown = typed[k] if typed is not None and k < len(typed) else head  # as typed, for messages
        low = head.lower()
        m = _UNIT.match(head)
        bare, unit = (m["name"].strip(), m["unit"]) if m else (head, None)
        ind = framework.indicator_id(head)  # the whole header first: a name may hold parentheses of its own
        if ind is not None:
            bare, unit = head, None
        else:
            ind = framework.indicator_id(bare)  # an id, or the Chinese name (全角/半角 and spaces ignored)
        if ind is not None:
            factor, read_in = 1.0, unit or framework.indicators[ind].unit
            if unit is None and declared and ind in declared:
                said, where = declared[ind]
                read_in = said
                try:
                    factor = _unit_factor(said, framework.indicators[ind].unit, year)
                except units.UnitError as exc:
                    problems.append(Problem(msg("column {head!r}: the peer metadata gives it in {unit}, which does not "
                                                "convert to the indicator's unit {expected} ({why})", head=shown,
                                                unit=said, expected=unit_named(framework.indicators[ind].unit), why=text_of(exc)),
                                            where, msg("give the column in {unit} (or a unit convertible to it, with the "
                                                       "table's `year:` for another currency)",
                                                       unit=unit_named(framework.indicators[ind].unit))))
                    continue
            if unit is not None:
                try:
                    factor = _unit_factor(unit, framework.indicators[ind].unit, year)
                except units.UnitError:
                    currency = {units.dimension(unit), units.dimension(framework.indicators[ind].unit)} == {"usd", "rmb"}
                    problems.append(Problem(msg("column {head!r}: the unit {unit!r} does not convert to the "
                                                "indicator's unit {expected!r}",
                                                head=shown, unit=unit, expected=framework.indicators[ind].unit), col_at(k),
                                            msg("give the table's data `year:` in the YAML beside it (美元 and 元 convert "
                                                "at that year's rate), or give {name} in {unit}",
                                                name=name_of(framework.indicators[ind]), unit=unit_named(framework.indicators[ind].unit))
                                            if currency else
                                            msg("give {name} in {unit} (or a unit convertible to it)",
                                                name=name_of(framework.indicators[ind]), unit=unit_named(framework.indicators[ind].unit))))
                    continue
            role: tuple = ("indicator", ind, factor, read_in)
            key: object = ind
        elif low in ID_HEADERS:
            role, key = ("id",), "id"
        elif low in NAME_HEADERS:
            role, key = ("name",), "name"
        elif low in SYNTHETIC_HEADERS:
            role, key = ("synthetic",), "synthetic"
        elif low in TEXT_HEADERS or head == "":
            role, key = ("text",), ("text", k)
        else:
            close = _closest(bare, list(framework.indicators) + [i.name_zh for i in framework.indicators.values()])
            if not guard_typos:
                roles[k] = ("ignored",)  # the bundled table's column of an indicator a custom framework lacks: left out
                continue
            if not close or framework.indicator_id(close) in named:
                # A user's table: a column of no indicator is refused (README, issue 11 point 4), never left aside
                # unseen; a column kept as text is headed 备注.
                problems.append(Problem(
                    msg("column {head!r} is not an indicator of the framework ({file}): a peer table holds the zone's "
                        "name and indicator columns only", head=shown, file=Path(framework.path).name), col_at(k),
                    msg("remove the column, head it 备注 to keep it as text, or name it by an indicator's id or Chinese "
                        "name to use it"), code="peer_column_unknown"))
                continue
            problems.append(Problem(
                msg("column {head!r} is neither a zone's id or name nor an indicator of the framework", head=shown), col_at(k),
                (msg("did you mean {close!r}? ", close=close) if close else Text(""))
                + msg("name indicator columns by id or Chinese name (see {file}); remove other columns, or head a text "
                      "column 备注", file=Path(framework.path).name)))
            continue
        if key in first:
            problems.append(Problem(msg("column {head!r} repeats column {header!r} (the same indicator)", head=shown,
                                        header=(typed or header)[first[key]]) if role[0] == "indicator" else
                                    msg("column {head!r} repeats column {header!r} (the same role)", head=shown,
                                        header=(typed or header)[first[key]]),
                                    col_at(k), msg("keep one of the two columns")))
            continue
        first[key] = k
        roles[k] = role
    return roles, problems


@dataclass
class Standing:
    """Where the zone stands among its peers."""

    rank: int  # 1 = best
    of: int  # peers + the zone
    share_ahead: float  # fraction of peers scoring higher
    peer_median: float | None
    peer_median_categories: dict[str, float | None]  # None: no peer has a score in the category
    synthetic: bool
    peer_name: str
    normalisation: str  # "targets" or "peers"
    behind: int = 0  # peers scoring lower than the zone
    score: float | None = None  # the zone's overall score as scored with the peers
    peer_scores: pd.Series | None = None  # every peer's overall score (index: peer id)
    region: str | None = None  # the peer set's region (PeerSet.region)
    ranks_region: bool = False  # the peers are declared the region's national zones (PeerSet.ranks_region)
    group_zh: str = ""  # what the zone is ranked among (PeerSet.group_zh / group_en)
    group_en: str = ""
    compared: int = 0  # indicators the rank compares on (those the peer table covers)
    indicators: int = 0  # the framework's indicators
    compared_weight: float = 1.0  # their share of the overall score's weight (effective weights, 0–1)
    least_weight: float = 0.5  # the least share a rank may rest on to judge the rank conditions (rank_basis)
    # Peer columns that make the rank and margins doubtful (scorer.score.peer_magnitude): off their magnitude, saturated.
    column_doubts: list = field(default_factory=list)
    zone_doubt: dict | None = None  # the zone's own doubtful or dropped data could move the rank (readiness.zone_rank_doubt)
    unranked: list = field(default_factory=list)  # peers (ids) without an overall score: not counted among the peers
    # Covered indicators the zone has no figure for (dropped, doubtful, not reported) and their share of the weight:
    # the rank compares compared − len(zone_lacks) indicators, not every column of the table (i12b).
    zone_lacks: list = field(default_factory=list)
    lacking_weight: float = 0.0
    rows_out: list = field(default_factory=list)  # peers left out of the rank: a cell doubtful (PeerSet.doubtful_rows)

    @property
    def partial(self) -> bool:
        """Whether the rank and its margins are on a score over some indicators only (not the overall score)."""
        return self.compared < self.indicators

    @property
    def thin(self) -> bool:
        """Whether the compared indicators carry less of the overall weight than the framework's min_share: too
        few to rank on for the verdict (the region's bottom-N and middle conditions are then not judged)."""
        return self.compared_weight < self.least_weight - 1e-12

    def as_dict(self) -> dict:
        return {**{k: (float(v) if isinstance(v, (np.floating,)) else v) for k, v in self.__dict__.items()
                   # unranked: a warning (peer_unranked); zone_lacks, lacking_weight: readiness.margins
                   if k not in ("peer_scores", "column_doubts", "unranked", "zone_lacks", "lacking_weight", "rows_out")},
                "comparable": not self.column_doubts and not self.zone_doubt,
                "doubtful_columns": [d.as_dict() for d in self.column_doubts]}


def standing(framework: Framework, zone_values: pd.Series, peers: PeerSet, across_peers: bool = False) -> tuple[Standing, pd.DataFrame]:
    """Score the zone with its peers; returns its standing and everyone's group scores.

    By default every unit is normalised against the framework's fixed targets, so a peer set does not
    change the zone's own score; with `across_peers`, indicators are min-max normalised across the
    zone and its peers (a relative ranking, as the Ministry's is).
    """
    from scorer.score.engine import score_values

    # A peer set covering only some indicators ranks the zone on those only, so both sides are scored alike,
    # with the framework cut down to them (its data-availability share counts the covered indicators only).
    fw = zones_framework(_across_peers(framework) if across_peers else framework)
    fw = covered_framework(fw, peers.covered)
    table = pd.concat([zone_values.to_frame().T.set_axis(["__zone__"]), peers.values])[list(fw.indicators)]
    scored = score_values(fw, table)
    groups = scored.group_scores.reindex(columns=list(framework.groups))
    overall = groups["index"]
    zone = overall.loc["__zone__"]
    others = overall.drop("__zone__").dropna()
    doubtful_rows = set(peers.doubtful_rows)
    rows_out = [u for u in others.index if str(u) in doubtful_rows]  # scored on a re-weighted rest: no rank
    others = others.drop(index=rows_out)
    ahead = int((others > zone).sum())
    st = Standing(ahead + 1, len(others) + 1, ahead / max(len(others), 1), _median(others),
                  {g: _median(groups[g].drop("__zone__")) for g in framework.top_groups},
                  peers.synthetic, peers.name, "peers" if across_peers else "targets", int((others < zone).sum()),
                  float(zone), others, peers.region, peers.ranks_region, peers.group_zh, peers.group_en,
                  *rank_basis(framework, peers.covered))
    from scorer.score.peer_magnitude import saturated

    st.unranked = [str(u) for u in overall.index[overall.isna()] if u != "__zone__"]
    st.rows_out = [str(u) for u in rows_out]
    st.zone_lacks = [i for i in peers.covered
                     if i in framework.indicators and not np.isfinite(float(table.at["__zone__", i]))]
    st.lacking_weight = float(sum(framework.indicators[i].effective_weight for i in st.zone_lacks))
    cols = {ind: peers.columns.get(ind, (ind, Location(file=peers.path))) for ind in peers.covered}
    st.column_doubts = list(peers.column_doubts) + [
        d for d in saturated(framework, scored.score_array[1:], scored.indicator_ids, {i: c[0] for i, c in cols.items()},
                             peers.path, lambda ind: cols[ind][1])
        if d.indicator not in {c.indicator for c in peers.column_doubts}]
    return st, groups


def rank_basis(framework: Framework, covered: list[str]) -> tuple[int, int, float, float]:
    """What a rank among a peer table covering `covered` rests on: (indicators compared, the framework's
    indicators, their share of the overall weight — the sum of their effective weights, 0–1 —, the least share
    the verdict's rank conditions may rest on). The least share is the framework's aggregation `min_share`
    (COINr's dat_thresh: a score over fewer than that share of its children is no score), 0.5 when it names
    none: a table of GDP alone (3.75 % of the weight) ranks the zone on GDP, which decides no upgrade."""
    keep = [i for i in covered if i in framework.indicators]
    weight = float(sum(framework.indicators[i].effective_weight for i in keep))
    least = (getattr(framework.aggregation, "params", None) or {}).get("min_share")
    return len(keep), len(framework.indicators), weight, 0.5 if least is None else float(least)


def covered_framework(framework: Framework, covered: list[str]) -> Framework:
    """The framework cut down to the `covered` indicators (those a peer set has figures for): every other
    indicator leaves the tree, and so does a group left without children; weights, methods and parameters
    are kept (an arithmetic or geometric mean re-weights the remaining children, as it does for a missing
    one). A rank on a partial peer table is a rank under this framework, so an aggregation's
    data-availability share (`min_share`, COINr's dat_thresh) counts the covered indicators, not the 30:
    the zone and its peers are held to the same share of what can be compared. Returns `framework`
    itself when every indicator is covered. Raises nothing; `covered` ids not in the framework are ignored."""
    from dataclasses import replace

    keep = set(covered)
    if all(i in keep for i in framework.indicators):
        return framework
    indicators = {k: v for k, v in framework.indicators.items() if k in keep}
    groups: dict = {}
    for gid, group in framework.groups.items():  # bottom-up: a group's children are settled before it
        children = [c for c in group.children if c in indicators or c in groups]
        if children:
            groups[gid] = replace(group, children=children)
    return replace(framework, indicators=indicators, groups=groups,
                   top_groups=[g for g in framework.top_groups if g in groups])


def _median(scores: pd.Series) -> float | None:
    """The peers' median score; None when no peer has one (a category the peer table does not cover)."""
    m = scores.median()
    return float(m) if np.isfinite(m) else None


def zones_framework(framework: Framework) -> Framework:
    """The framework as a table of zones (one row per zone) is scored with it: a time-axis imputation
    (locf, …) is left out, since rows here are zones, not quarters, and carrying values forward would
    copy one zone into the next. `standing` and `scorer score-table` on a peer table both use it."""
    from dataclasses import replace

    from scorer.methods.impute import TIME_AXIS

    if framework.imputation is not None and framework.imputation.method in TIME_AXIS:
        return replace(framework, imputation=None)
    return framework


def _filled_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows (a bool per row) with a cell that is not blank (whitespace only), column by column over the rows not yet
    known filled: the zone column fills most at once (every cell of 27 000 zones stripped took a second)."""
    filled = np.zeros(len(table), dtype=bool)
    for k in range(table.shape[1]):
        rest = np.flatnonzero(~filled)
        if not len(rest):
            break
        filled[rest] = [bool(str(v).strip()) for v in table.iloc[rest, k].to_numpy()]
    return filled


def outside(bounds, values: np.ndarray) -> np.ndarray:
    """`Bounds.contains` refused over an array at once: True where a value lies below `bounds.min` or above
    `bounds.max` (a bound None: no limit; NaN: False)."""
    lo = -np.inf if bounds.min is None else bounds.min
    return (values < lo) | (values > (np.inf if bounds.max is None else bounds.max))


def is_peer_table(path: Path | str) -> bool:
    """Whether a table is a peer table (zones named by 园区名称/名称/id …) rather than COINr's (a `uCode` column)."""
    path = Path(path)
    if not path.is_file():
        return False  # a FIFO or device too: whoever reads it next refuses it by name (scorer.atomic.check_input)
    try:
        table, _, _ = read_table(path, archives.read_table_bytes(path))
    except ScorerError:
        return False  # whoever reads it next names what is wrong
    if table.empty or not _filled_rows(table).any():
        return True  # no header, no cells: `load_peers` says the table is empty, naming it (not pandas' words)
    return "ucode" not in {unicodedata.normalize("NFKC", str(h)).strip().lower() for h in table.iloc[0]}


def framework_across_peers(framework: Framework) -> Framework:
    """The framework as `standing(..., across_peers=True)` scores it: min-max across the units scored together."""
    return _across_peers(framework)


def _across_peers(framework: Framework) -> Framework:
    """The same framework with every indicator min-max normalised across the units scored together."""
    from dataclasses import replace

    from scorer.framework.model import MethodSpec

    indicators = {k: replace(v, spec=v.spec.model_copy(update={"normalise": None}))
                  for k, v in framework.indicators.items()}
    return replace(framework, indicators=indicators,
                   normalisation=MethodSpec(method="minmax", params={"l": 0.0, "u": framework.meta.scale}))
