"""COINr's iMeta + iData → our framework YAML and a unit × indicator table; COINr-style pipelines over them.

`import_coinr` converts once; `load_data_table` reads the table back; `run_pipeline` scores it with
a named pipeline (P1–P4 reproduce the COINr reference runs on its ASEM example, see
tests/data/coinr-asem/README.md) and returns the aggregated table and ranks.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from scorer.atomic import check_output_folder, note_read, write_together
from scorer.sheets import csv_bytes, unneutralise
from scorer.score.engine import ValuesScore, score_values
from scorer.errors import Problem, ScorerError
from scorer.messages import msg, text_of
from scorer.yamlio import yaml_document
from scorer.framework.model import ID_PATTERN, Framework, MethodSpec, load_framework
from scorer.score.coinr_table import MISSING, Table, read_table, require_columns
from scorer.methods.impute import impute_over_time
from scorer.methods.rank import rank_scores
from scorer.methods.treat import Treatment

_IMPORTED_BY = " by scorer import-coinr"  # the end of the `source:` import_coinr writes (its data.csv is scorer's)

META_REQUIRED = ["iCode", "Level", "Weight", "Direction", "Parent", "Type"]
META_USED = [*META_REQUIRED, "iName", "Unit", "Target"]
# iMeta's columns for COINr's Normalise(global_specs = list(f_n = …, f_n_para = "use_iMeta")), by our
# method name (COINr's n_scaled is our `fixed`), as COINr 1.1.14's get_iMeta_norm_paras reads them.
NORMALISE_COLUMNS: dict[str, list[str]] = {
    "goalposts": ["goalpost_lower", "goalpost_upper", "goalpost_scale", "goalpost_trunc2posts"],
    "minmax": ["minmax_lower", "minmax_upper"],
    "zscore": ["zscore_mean", "zscore_sd"],
    "fixed": ["scaled_lower", "scaled_upper", "scale_factor"],
    "dist2targ": ["dist2targ_cap_max"],
}
COINR_NAMES = {"goalposts": "n_goalposts", "minmax": "n_minmax", "zscore": "n_zscore", "fixed": "n_scaled",
               "dist2targ": "n_dist2targ"}
TRUE_WORDS, FALSE_WORDS = {"TRUE", "True", "true", "T", "1"}, {"FALSE", "False", "false", "F", "0"}
COINR_TYPES = {"Indicator", "Aggregate", "Group", "Denominator", "Other"}


# ------------------------------------------------------------------------------------- iMeta
@dataclass
class _Node:
    code: str
    name: str
    level: int
    weight: float
    direction: float
    parent: str | None
    kind: str  # Indicator or Aggregate
    unit: str
    target: float
    row: int
    children: list[str] = dataclasses.field(default_factory=list)


def _read_meta(table: Table) -> tuple[dict[str, _Node], str, list[str], list[Problem]]:
    """The hierarchy in iMeta: nodes by code, the root's code, group columns, problems."""
    problems = require_columns(table, META_REQUIRED, "iMeta")
    if problems:
        raise ScorerError(problems)
    f = table.frame
    level = table.numbers("Level", problems, "iMeta")  # COINr's names, quoted as the file has them
    weight = table.numbers("Weight", problems, "iMeta")
    direction = table.numbers("Direction", problems, "iMeta")
    target = table.numbers("Target", problems, "iMeta") if "Target" in f.columns else np.full(len(f), np.nan)

    nodes: dict[str, _Node] = {}
    group_columns: list[str] = []
    first_row: dict[str, int] = {}
    for k in range(len(f)):  # one pass over the metadata rows (not data cells)
        code, kind = f["iCode"].iat[k].strip(), f["Type"].iat[k].strip()
        parent = f["Parent"].iat[k].strip()
        parent = None if parent in MISSING else parent
        if kind not in COINR_TYPES:
            problems.append(Problem(msg("iMeta Type {kind!r} of {code!r} is not one of {names}",
                                        kind=kind, code=code, names=', '.join(sorted(COINR_TYPES))),
                                    table.at(k, "Type"), msg("COINr types: Indicator, Aggregate, Group, Denominator, "
                                                             "Other")))
            continue
        if code in first_row:
            problems.append(Problem(msg("iCode {code!r} appears twice (first at {at})",
                                        code=code, at=table.at(first_row[code], 'iCode')),
                                    table.at(k, "iCode"), msg("give every row its own iCode")))
            continue
        first_row[code] = k
        if kind == "Group":
            group_columns.append(code)
        if kind not in ("Indicator", "Aggregate"):
            continue
        if not re.match(ID_PATTERN, code) or code == "index":
            problems.append(Problem(msg("iCode {code!r} cannot be an id here", code=code), table.at(k, "iCode"),
                                    msg("use letters, digits and _ , starting with a letter ('index' is reserved)")))
        lev = level[k]
        if not (np.isfinite(lev) and lev == int(lev) and lev >= 1) or (kind == "Indicator") != (lev == 1):
            problems.append(Problem(msg("{code!r}: Level {value!r} does not fit Type {kind}",
                                        code=code, value=f['Level'].iat[k], kind=kind),
                                    table.at(k, "Level"), msg("indicators are Level 1; aggregates Level 2 and up")))
            continue
        d = direction[k]
        if kind == "Indicator" and d not in (1.0, -1.0):
            problems.append(Problem(msg("{code!r}: Direction must be 1 or -1 (got {value!r})",
                                        code=code, value=f['Direction'].iat[k]),
                                    table.at(k, "Direction"), msg("1: higher is better; -1: lower is better")))
        name = f["iName"].iat[k].strip() if "iName" in f.columns else ""
        unit = f["Unit"].iat[k].strip() if "Unit" in f.columns else ""
        nodes[code] = _Node(code, name or code, int(lev), weight[k], d, parent, kind,
                            "" if unit in MISSING else unit, target[k], k)

    top_level = max((n.level for n in nodes.values()), default=0)
    roots = [n.code for n in nodes.values() if n.parent is None]
    for code in roots:
        n = nodes[code]
        if n.kind == "Indicator" or n.level != top_level:
            problems.append(Problem(msg("{code!r} has no Parent", code=code), table.at(n.row, "Parent"),
                                    msg("every indicator and aggregate except the index names its parent")))
    tops = [c for c in roots if nodes[c].kind == "Aggregate" and nodes[c].level == top_level]
    if len(tops) != 1:
        problems.append(Problem(msg("iMeta has {n_tops:# top-level aggregate|# top-level aggregates} ({value}), not exactly one",
                                    n_tops=len(tops), value=', '.join(tops) or 'none'), table.at(), msg("give the hierarchy a single root (the index)")))
    root = tops[0] if tops else ""

    for n in nodes.values():
        if n.parent is None:
            continue
        if n.parent not in nodes or nodes[n.parent].kind != "Aggregate":
            problems.append(Problem(msg("{code!r}: Parent {parent!r} is not an aggregate in iMeta",
                                        code=n.code, parent=n.parent),
                                    table.at(n.row, "Parent"), msg("name the iCode of an Aggregate row")))
            continue
        nodes[n.parent].children.append(n.code)
        if n.code != root and not (np.isfinite(n.weight) and n.weight >= 0):
            problems.append(Problem(msg("{code!r}: Weight {value!r} must be a number, 0 or above",
                                        code=n.code, value=table.frame['Weight'].iat[n.row]),
                                    table.at(n.row, "Weight"), msg("weights are relative within each group; a weight "
                                                                   "of 0 keeps the indicator in data-availability "
                                                                   "counts")))
    cycles = _cycles(nodes, table)
    problems += cycles
    if not cycles:  # levels only make sense along chains that reach the root
        for n in nodes.values():
            if n.parent in nodes and nodes[n.parent].level != n.level + 1:
                problems.append(Problem(msg("{code!r} (Level {level}) has Parent {parent!r} at Level {level2}",
                                            code=n.code, level=n.level, parent=n.parent, level2=nodes[n.parent].level), table.at(n.row, "Parent"),
                                        msg("a parent sits exactly one level above its children")))
    for n in nodes.values():
        if n.kind == "Aggregate" and not n.children:
            problems.append(Problem(msg("aggregate {code!r} has no children", code=n.code), table.at(n.row, "iCode"),
                                    msg("name it as Parent of some rows, or remove it")))
        elif n.kind == "Aggregate" and all(nodes[c].weight == 0 for c in n.children):
            problems.append(Problem(msg("every child of {code!r} has Weight 0", code=n.code), table.at(n.row, "iCode"),
                                    msg("give at least one of them a weight above 0")))
    return nodes, root, group_columns, problems


def _cycles(nodes: dict[str, _Node], table: Table) -> list[Problem]:
    problems, done = [], set()
    for start in nodes:
        path, code = [], start
        while code in nodes and code not in done and code not in path:
            path.append(code)
            code = nodes[code].parent
        if code in path:
            loop = path[path.index(code):] + [code]
            problems.append(Problem(msg("Parent links form a cycle: {names}", names=' → '.join(loop)),
                                    table.at(nodes[code].row, "Parent"), msg("break the cycle: one of them must point "
                                                                             "up")))
            done.update(loop)
        done.update(path)
    return problems


# ------------------------------------------------------------------------------------- import
@dataclass
class Imported:
    """What `import_coinr` wrote, and what it could not carry over (warnings). Unpacks as (yaml, csv)."""

    framework_path: Path
    data_path: Path
    warnings: list[Problem]
    panel: bool  # iData holds several Time values: data.csv has a Time column, one row per uCode and Time

    def __iter__(self):
        return iter((self.framework_path, self.data_path))


def import_coinr(meta_path: Path | str, data_path: Path | str, out_dir: Path | str,
                 normalise: str | None = None) -> Imported:
    """Convert a COINr iMeta + iData pair (CSV or .xlsx) into our framework YAML and data CSV.

    Writes `out_dir/framework.yaml` (nested groups, relative weights, no formulas) and
    `out_dir/data.csv` (uCode, Time for a panel, uName, the group columns, the indicators). The
    pipeline is COINr's default, min-max to [0, 100] and the arithmetic mean, unless iMeta carries
    COINr's per-indicator normalisation columns (`goalpost_lower/upper/scale/trunc2posts`,
    `minmax_lower/upper`, `zscore_mean/sd`, `scaled_lower/upper` + `scale_factor`,
    `dist2targ_cap_max` + `Target`): then each indicator gets its own `normalise:` with them, as
    COINr's Normalise with f_n_para = "use_iMeta" would. `normalise` picks the method when iMeta has
    columns for several. Every problem found in either file is raised at once as a ScorerError;
    columns the import does not use come back as warnings.
    """
    check_output_folder(out_dir)  # before any work (bt16h F1)
    meta, data = read_table(meta_path, "iMeta"), read_table(data_path, "iData")
    nodes, root, group_columns, problems = _read_meta(meta)
    indicators = [n.code for n in nodes.values() if n.kind == "Indicator"]

    problems += require_columns(data, ["uCode"], "iData")
    for code in indicators:
        if code not in data.frame.columns:
            problems.append(Problem(msg("indicator {code!r} (iMeta {at}) has no column in iData",
                                        code=code, at=meta.at(nodes[code].row)),
                                    data.at(), msg("add the column, or remove the indicator from iMeta")))
    method, params = _normalisation_columns(meta, nodes, normalise, problems)
    if problems:
        raise ScorerError(problems)

    panel = "Time" in data.frame.columns and data.frame["Time"].str.strip().nunique() > 1
    labels = [c for c in ["Time" if panel else None, "uName", *group_columns] if c and c in data.frame.columns]
    table = _data_table(data, indicators, labels, problems, time="Time" if panel else None)
    if problems:
        raise ScorerError(problems)

    used_meta = META_USED + NORMALISE_COLUMNS.get(method, [])
    warnings = _unused_columns(meta, used_meta, method)
    known = set(nodes) | set(group_columns) | {"uCode", "uName", "Time"}
    kinds = dict(zip(meta.frame["iCode"].str.strip(), meta.frame["Type"].str.strip()))
    left: dict[str, list[str]] = {}
    for column in data.frame.columns:
        if column not in known and not data.frame[column].str.strip().isin(MISSING).all():
            left.setdefault(kinds.get(column, ""), []).append(column)
    for kind, columns in left.items():
        why = (msg("iMeta gives them Type {kind}, which import-coinr does not use (it does not denominate)", kind=kind)
               if kind else msg("they are not in iMeta"))
        warnings.append(Problem(msg("iData column(s) {names} not imported: {why}",
                                    names=', '.join(map(repr, columns)), why=why),
                                data.at(None, columns[0]), msg("compute any denominated indicators before importing")
                                if kind else msg("add them to iMeta, or leave them out of iData"), "warning"))

    out_dir = Path(out_dir)
    yaml_path, csv_path = out_dir / "framework.yaml", out_dir / "data.csv"
    # a pair, renamed together (never a new framework.yaml beside an old data.csv); CSV codes like =1+2 neutralised
    # What we write must load: checked on the written temporary files, before they replace the folder's earlier
    # pair (bt16j F5: a refused framework.yaml had already replaced the good one). A failure is a bug here.
    write_together([(yaml_path, _framework_yaml(nodes, root, meta, data, method, params, panel)),
                    (csv_path, csv_bytes(table, index=True))], (meta_path, data_path),
                   check=lambda temps: load_framework(temps[0]))
    return Imported(yaml_path, csv_path, warnings, panel)


def _normalisation_columns(meta: Table, nodes: dict[str, _Node], chosen: str | None,
                           problems: list[Problem]) -> tuple[str, dict[str, dict]]:
    """COINr's per-indicator normalisation columns → (our method, {indicator: its params})."""
    columns = set(meta.frame.columns)
    present = [m for m, cols in NORMALISE_COLUMNS.items() if set(cols) <= columns]
    if chosen is None:
        if len(present) > 1:
            problems.append(Problem(msg("iMeta has normalisation columns for {names}",
                                        names=' and '.join((COINR_NAMES[m] for m in present))),
                                    meta.at(), msg("choose one with --normalise ({names})", names=', '.join(present))))
            return "minmax", {}
        if not present:
            return "minmax", {}
        chosen = present[0]
    if chosen not in NORMALISE_COLUMNS:
        problems.append(Problem(msg("--normalise {chosen!r} has no iMeta columns in COINr", chosen=chosen), meta.at(),
                                msg("one of {names}", names=', '.join(NORMALISE_COLUMNS))))
        return "minmax", {}
    missing = [c for c in NORMALISE_COLUMNS[chosen] if c not in columns]
    if missing:
        problems.append(Problem(msg("iMeta has no column {names} for {method}",
                                    names=', '.join(map(repr, missing)), method=COINR_NAMES[chosen]),
                                meta.at(), msg("{method} reads {names}",
                                               method=COINR_NAMES[chosen], names=', '.join(NORMALISE_COLUMNS[chosen]))))
        return "minmax", {}
    rows = [n.row for n in nodes.values() if n.kind == "Indicator"]
    values = {c: _cells(meta, c, rows, problems) for c in NORMALISE_COLUMNS[chosen]}
    params = {}
    for k, n in enumerate(n for n in nodes.values() if n.kind == "Indicator"):
        v = {c: values[c][k] for c in values}
        if chosen == "goalposts":
            params[n.code] = {"lower": v["goalpost_lower"], "upper": v["goalpost_upper"], "scale": v["goalpost_scale"],
                              "truncate": v["goalpost_trunc2posts"]}
        elif chosen == "minmax":
            params[n.code] = {"l": v["minmax_lower"], "u": v["minmax_upper"]}
        elif chosen == "zscore":
            params[n.code] = {"m": v["zscore_mean"], "s": v["zscore_sd"]}
        elif chosen == "fixed":  # n_scaled: (x − lower)/(upper − lower)·scale_factor, turned around for −1
            params[n.code] = {"lower": v["scaled_lower"], "upper": v["scaled_upper"], "l": 0, "u": v["scale_factor"]}
        else:
            params[n.code] = {"cap": v["dist2targ_cap_max"]}
            if not np.isfinite(n.target):
                problems.append(Problem(msg("{code!r}: n_dist2targ needs a Target", code=n.code), meta.at(n.row, "Target"),
                                        msg("give every indicator a Target")))
    return chosen, params


def _cells(meta: Table, column: str, rows: list[int], problems: list[Problem]) -> list:
    """Indicator rows of a parameter column: numbers, or TRUE/FALSE for COINr's logical columns."""
    logical = column in ("goalpost_trunc2posts", "dist2targ_cap_max")
    out = []
    for k in rows:
        text = meta.frame[column].iat[k].strip()
        if logical and text in TRUE_WORDS | FALSE_WORDS:
            out.append(text in TRUE_WORDS)
            continue
        try:
            value = float(text)
            if logical or not np.isfinite(value):
                raise ValueError
            out.append(_number(value))
        except ValueError:
            what = msg("TRUE or FALSE") if logical else msg("a number")
            problems.append(Problem(msg("iMeta {column}: {text!r} for {strip!r} is not {what}",
                                        column=column, text=text, strip=meta.frame['iCode'].iat[k].strip(), what=what),
                                    meta.at(k, column), msg("write {what} for every indicator row", what=what)))
            out.append(None)
    return out


def _unused_columns(meta: Table, used: list[str], method: str) -> list[Problem]:
    """A warning for each iMeta column with content that the import leaves behind."""
    warnings = []
    for column in meta.frame.columns:
        if column in used or meta.frame[column].str.strip().isin(MISSING).all():
            continue
        owner = next((m for m, cols in NORMALISE_COLUMNS.items() if column in cols), None)
        if owner is not None:
            why, hint = (msg("it is {owner}'s, and the normalisation imported is {method}",
                             owner=COINR_NAMES[owner], method=COINR_NAMES.get(method, method)),
                         msg("import with --normalise {chosen} to use {owner}'s columns instead",
                             chosen=owner, owner=COINR_NAMES[owner]))
        elif column == "Denominator":
            why, hint = msg("import-coinr does not denominate"), msg("divide the indicators by their denominators before importing")
        else:
            why, hint = msg("import-coinr does not know it"), msg("check the spelling against COINr's iMeta columns")
        warnings.append(Problem(msg("iMeta column {column!r} is not used: {why}", column=column, why=why), meta.at(None, column), hint, "warning"))
    return warnings


def _data_table(data: Table, indicators: list[str], labels: list[str], problems: list[Problem],
                time: str | None = None, ours: bool = False) -> pd.DataFrame:
    """iData → uCode-indexed table of labels and exact floats; a panel (`time` names its column) has
    one row per uCode and time, sorted by uCode then time. `ours`: the table is the data.csv import-coinr wrote,
    whose text fields scorer.sheets.neutralise prefixed ('=1+2 is =1+2); any other table's text is read as written
    (bt16 F13: a COINr iData's code '-A lost its apostrophe)."""
    f = data.frame
    text = unneutralise if ours else (lambda v: v)
    codes = f["uCode"].str.strip().map(text)
    if time is None and "Time" in f.columns and f["Time"].str.strip().nunique() > 1:
        time = "Time"
        labels = ["Time", *[c for c in labels if c != "Time"]]
    key = codes if time is None else codes + "\0" + f[time].str.strip()
    repeated = key.duplicated().to_numpy()
    for k in np.flatnonzero(codes.isin(MISSING).to_numpy() | repeated):
        what = msg("empty") if codes.iat[k] in MISSING else (
            msg("repeated") if time is None else msg("repeated for {time} {value!r}", time=time, value=f[time].iat[k].strip()))
        problems.append(Problem(msg("uCode {value!r} is {what}", value=codes.iat[k], what=what), data.at(int(k), "uCode"),
                                msg("give every unit its own code") if time is None
                                else msg("give every unit its own code in each period")))
    times = None
    if time is not None:
        times = data.numbers(time, problems, "iData")
        for k in np.flatnonzero(np.isnan(times)):
            problems.append(Problem(msg("{time} is missing for uCode {value!r}", time=time, value=codes.iat[k]), data.at(int(k), time),
                                    msg("COINr's panel Time is a number, e.g. a year")))
    stripped = {c: f[c].str.strip().map(text) for c in labels if c != time}
    table = pd.DataFrame({c: s.where(~s.isin(MISSING), None).to_numpy(dtype=object) for c, s in stripped.items()},
                         index=codes.to_numpy())
    if times is not None:
        table.insert(0, time, [_number(t) if np.isfinite(t) else None for t in times])
    numbers = np.column_stack([data.numbers(code, problems, "iData", largest=LARGEST_COMPUTABLE) for code in indicators])
    table = pd.concat([table, pd.DataFrame(numbers, index=table.index, columns=indicators)], axis=1)
    table.index.name = "uCode"
    if times is not None and not problems:
        table = table.iloc[np.lexsort((times, codes.to_numpy()))]
    return table


def _framework_yaml(nodes: dict[str, _Node], root: str, meta: Table, data: Table, method: str = "minmax",
                    params: dict[str, dict] | None = None, panel: bool = False) -> str:
    meta_path, data_path = meta.path, data.path
    params = params or {}

    def indicator(n: _Node) -> dict:
        out = {"id": n.code, "name_zh": n.name, "name_en": n.name, "unit": n.unit,
               "direction": "higher" if n.direction == 1 else "lower", "weight": _number(n.weight)}
        if np.isfinite(n.target):
            out["target"] = {"value": _number(n.target), "confidence": "medium",
                             "source": f"COINr iMeta, column Target ({meta.describe(n.row, 'Target')}); "
                                       "set by the authors of the COINr framework, not checked here"}
        if n.code in params:
            out["normalise"] = {"method": method, "params": params[n.code]}
        return out

    def group(n: _Node) -> dict:
        kids = [nodes[c] for c in n.children]
        out = {"id": n.code, "name_zh": n.name, "name_en": n.name, "weight": _number(n.weight)}
        if kids[0].kind == "Indicator":
            out["indicators"] = [indicator(k) for k in kids]
        else:
            out["groups"] = [group(k) for k in kids]
        return out

    top = nodes[root]
    ident = re.sub(r"[^A-Za-z0-9_.-]", "-", re.sub(r"[_-]?iMeta$", "", meta_path.stem, flags=re.I)) or "framework"
    doc = {
        "framework": {
            "id": f"coinr-{ident}", "name_zh": top.name, "name_en": top.name, "version": "1",
            "source": f"Imported from COINr iMeta {meta_path.name} and iData {data_path.name}{_IMPORTED_BY}",
            "fields": None, "weights": "relative", "scale": 100,
            "index_name_zh": top.name, "index_name_en": top.name,
        },
        "normalisation": ({"method": "minmax", "params": {"l": 0, "u": 100}} if not params
                          else {"method": method, "params": {}}),
        # COINr's a_genmean makes a parent NA when a child is missing; its other means drop the child.
        "aggregation": {"method": "arithmetic", "params": {"missing_child": "coinr"}},
        # Indicators straight under the index (a two-level COINr tree) become one group of their own.
        "groups": [group(top)] if nodes[top.children[0]].kind == "Indicator" else [group(nodes[c]) for c in top.children],
    }
    # Comments hold the input files' names: through yaml_document, which escapes any line break or control in
    # them (bt16j F5: a name with a newline wrote keys into the framework).
    comments = [f"Imported from COINr: {meta_path.name} (iMeta) and {data_path.name} (iData).",
                "Names are COINr's iName, copied untranslated into name_zh and name_en.",
                *(["Pipeline: COINr's defaults (min-max to [0, 100], weighted arithmetic mean); add"] if not params else
                  [f"Normalisation: {COINR_NAMES[method]} with each indicator's parameters from iMeta",
                   f"({', '.join(NORMALISE_COLUMNS[method])}); weighted arithmetic mean; add"]),
                "`imputation:` or `treatment:` (method + params) to run those steps first.",
                *(["The data table is data.csv beside this file (one row per uCode and Time: a panel;",
                   "score it with `scorer score-table`, which scores each Time)."] if panel else
                  ["The data table is data.csv beside this file (one row per uCode)."]),
                ""]
    return yaml_document(doc, comments)


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


# ---------------------------------------------------------------------------- data and runs
# The largest indicator value the methods compute with: the outlier check takes the fourth power of a value (kurtosis,
# COINr's treatment), which overflows a double beyond about 1.3e77; no statistic comes near it.
LARGEST_COMPUTABLE = 1e75
def load_data_table(path: Path | str, framework: Framework) -> pd.DataFrame:
    """Read a unit × indicator table (as `import_coinr` writes it): uCode as index, the framework's
    indicators as exact floats, any other column kept as labels (e.g. groups for imputation)."""
    table = read_table(path, "data")
    problems = require_columns(table, ["uCode"], msg("the data table"))
    problems += [Problem(msg("the data table has no column for indicator {i!r}", i=i), table.at(),
                         msg("add the column (NA where a value is missing)"))
                 for i in framework.indicators if i not in table.frame.columns]
    if problems:
        raise ScorerError(problems)
    labels = [c for c in table.frame.columns if c != "uCode" and c not in framework.indicators]
    out = _data_table(table, list(framework.indicators), labels, problems, ours=_written_by_import(path, framework))
    if problems:
        raise ScorerError(problems)
    return out


def _written_by_import(path: Path | str, framework: Framework) -> bool:
    """Whether `path` is the data.csv `import_coinr` wrote beside the framework it wrote (its source says so)."""
    beside = Path(framework.path).parent / "data.csv"
    try:
        same = beside.exists() and os.path.samefile(path, beside)
    except OSError:
        return False
    return same and str(framework.meta.source or "").endswith(_IMPORTED_BY)


@dataclass(frozen=True)
class PipelineSpec:
    """The four swappable steps of a run; None skips imputation or treatment."""

    normalisation: MethodSpec
    aggregation: MethodSpec
    imputation: MethodSpec | None = None
    treatment: MethodSpec | None = None


def _spec(method: str, **params) -> MethodSpec:
    return MethodSpec(method=method, params=params)


# COINr's reference runs on its ASEM example (tests/data/coinr-asem/README.md).
PIPELINES: dict[str, PipelineSpec] = {
    "P1": PipelineSpec(_spec("minmax", l=0, u=100), _spec("arithmetic")),
    "P2": PipelineSpec(_spec("minmax", l=1, u=100), _spec("geometric")),
    "P3": PipelineSpec(_spec("zscore", m=10, s=2), _spec("arithmetic")),
    "P4": PipelineSpec(_spec("minmax", l=0, u=100), _spec("arithmetic"),
                       imputation=_spec("mean"),
                       treatment=_spec("winsorise", winmax=5, skew_thresh=2, kurt_thresh=3.5, fallback="log")),
}


@dataclass
class PipelineResult:
    """A run of a pipeline: the aggregated table and ranks, built from the engine's arrays once."""

    aggregated: pd.DataFrame  # units × (normalised indicators, then every group bottom-up, 'index' last)
    ranks: pd.DataFrame  # units × ('index', then groups top-down); highest score = 1
    steps: ValuesScore  # the data as each step left them (arrays; tables on first use)
    config: dict  # the exact methods and parameters run

    @property
    def problems(self) -> list[Problem]:  # indicators left untreated or dropped, by name
        return self.steps.problems

    @property
    def imputed(self) -> pd.DataFrame:
        return self.steps.imputed

    @property
    def imputed_mask(self) -> pd.DataFrame:
        return self.steps.imputed_mask

    @property
    def treated(self) -> pd.DataFrame:
        return self.steps.treated

    @property
    def treatment(self) -> Treatment | None:  # treated points (unit = uCode) and per-indicator details
        return self.steps.treatment


_WITH_PIPELINE: dict[tuple[int, int], tuple[Framework, object, Framework, dict, list[str], np.ndarray]] = {}


def _prepared(framework: Framework, pipeline: PipelineSpec | None):
    """The framework with the pipeline's methods, its run configuration and the rank order, made once
    per (framework, pipeline) pair: a run then only computes."""
    key = (id(framework), id(pipeline))
    hit = _WITH_PIPELINE.get(key)
    if hit is not None and hit[0] is framework and hit[1] is pipeline:
        return hit[2:]
    fw = framework
    if pipeline is not None:
        # A named pipeline is the whole method: indicators' own normalisations give way to it too.
        own = {k: dataclasses.replace(i, spec=i.spec.model_copy(update={"normalise": None}))
               for k, i in framework.indicators.items()} if any(
            i.spec.normalise is not None for i in framework.indicators.values()) else framework.indicators
        fw = dataclasses.replace(framework, imputation=pipeline.imputation, treatment=pipeline.treatment,
                                 normalisation=pipeline.normalisation, aggregation=pipeline.aggregation,
                                 indicators=own)
    config = {step: (getattr(fw, step).model_dump() if getattr(fw, step) is not None else None)
              for step in ("imputation", "treatment", "normalisation", "aggregation")}
    order = ["index"] + [g for g in reversed(list(fw.groups)) if g != "index"]
    position = {g: k for k, g in enumerate(fw.groups)}
    if len(_WITH_PIPELINE) >= 256:
        _WITH_PIPELINE.clear()
    prepared = (fw, config, order, np.array([position[g] for g in order]))
    _WITH_PIPELINE[key] = (framework, pipeline, *prepared)
    return prepared


def run_pipeline(framework: Framework, data: pd.DataFrame, pipeline: str | PipelineSpec | None = None) -> PipelineResult:
    """Score a unit × indicator table with a named pipeline ('P1'–'P4'), a PipelineSpec, or, with
    None, the framework's own methods. A named pipeline replaces every method, indicators' own too."""
    if isinstance(pipeline, str):
        if pipeline not in PIPELINES:
            raise ValueError(f"unknown pipeline {pipeline!r}; available: {', '.join(PIPELINES)}")
        pipeline = PIPELINES[pipeline]
    fw, config, order, rank_columns = _prepared(framework, pipeline)
    steps = score_values(fw, data)
    aggregated = pd.DataFrame(np.concatenate([steps.score_array, steps.group_array], axis=1), index=data.index,
                              columns=steps.indicator_ids + steps.group_ids)
    ranks = pd.DataFrame(rank_scores(steps.group_array[:, rank_columns], axis=0), index=data.index, columns=order)
    return PipelineResult(aggregated, ranks, steps, dict(config))


@dataclass
class PanelResult:
    """A panel scored: rows are (uCode, Time) pairs, sorted by Time then uCode."""

    aggregated: pd.DataFrame  # (uCode, Time) × (normalised indicators, groups bottom-up, 'index')
    ranks: pd.DataFrame  # (uCode, Time) × ('index', groups top-down); ranked within each Time
    imputed_mask: pd.DataFrame  # (uCode, Time) × indicators: True where imputed over time
    config: dict  # the methods and parameters run, by step
    panel: dict  # how the panel was scored: time column, impute_time, max_time, normalise_over


NORMALISE_OVER = ("time", "all")  # run_panel's normalise_over: each time on its own, or every time together


def run_panel(framework: Framework, data: pd.DataFrame, pipeline: str | PipelineSpec | None = None, *,
              time: str = "Time", impute_time: str | None = None, max_time: int | None = None,
              normalise_over: str = "time") -> PanelResult:
    """Score a panel (one row per unit and time, as `import_coinr` writes it) as COINr's purse does.

    First, with `impute_time` ('latest', 'constant', 'linear', 'linear-constant'; COINr's
    impute_panel imp_type, `max_time` for 'latest'), each unit's gaps are filled from its other
    times. Then `normalise_over` = 'time' runs the pipeline on each time's units alone (COINr: one
    coin per time in a purse); 'all' normalises every row of every time together, so a unit's score
    can move between times only because its own data moved. Ranks are always within one time.
    """
    if time not in data.columns:
        raise ScorerError.at(msg("the data table has no {time!r} column: it is not a panel", time=time))
    if normalise_over not in NORMALISE_OVER:
        raise ValueError(f"normalise_over must be 'time' or 'all' (got {normalise_over!r})")
    ids = list(framework.indicators)
    times = data[time].to_numpy(dtype=float)
    X = data[ids].to_numpy(dtype=float)
    mask = np.zeros(X.shape, dtype=bool)
    if impute_time is not None:
        try:
            X, mask = impute_over_time(X, data.index.to_numpy(), times, impute_time, max_time, ids)
        except ValueError as exc:
            raise ScorerError.at(text_of(exc), hint=msg("pick another --impute-time type")) from None
    keys = pd.MultiIndex.from_arrays([data.index.to_numpy(), times], names=["uCode", time])
    filled = data.drop(columns=[time]).set_axis(keys, axis=0)
    filled[ids] = X
    order = np.lexsort((data.index.to_numpy(dtype=str), times))
    filled = filled.iloc[order]
    if normalise_over == "time":
        runs = [run_pipeline(framework, filled.xs(t, level=time, drop_level=False), pipeline)
                for t in np.unique(times)]
        aggregated = pd.concat([r.aggregated for r in runs])
        ranks = pd.concat([r.ranks for r in runs])
        config = runs[0].config
    else:
        run = run_pipeline(framework, filled, pipeline)
        aggregated, config = run.aggregated, run.config
        ranks = run.ranks.copy()
        tcol = filled.index.get_level_values(time).to_numpy()
        for t in np.unique(tcol):
            rows = tcol == t
            ranks.iloc[rows] = rank_scores(aggregated.loc[rows, ranks.columns].to_numpy(), axis=0)
    imputed = pd.DataFrame(mask, index=keys, columns=ids).loc[filled.index]
    return PanelResult(aggregated, ranks, imputed, config, {"time": time, "impute_time": impute_time,
                                                            "max_time": max_time, "normalise_over": normalise_over})


def read_weight_variants(path: Path | str, framework: Framework) -> pd.DataFrame:
    """COINr's long table of weights per replicate (rep, iCode, Level, Weight) → replicates × codes,
    without the root (whose weight aggregates nothing)."""
    note_read(path)
    long = pd.read_csv(path)
    wide = long.pivot(index="rep", columns="iCode", values="Weight")
    root = long.loc[long["Level"] == long["Level"].max(), "iCode"].unique()
    codes = list(framework.indicators) + [g for g in framework.groups if g != "index"]
    return wide.drop(columns=list(root))[codes]
