"""Peer sets: a unit × indicator table of other zones, scored with the zone to estimate its rank."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from scorer.errors import Location, Problem, ScorerError
from scorer.framework.model import Framework
from scorer.resources import indicators_dir
from scorer.yamlio import load_yaml


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

    def as_dict(self) -> dict:
        return {"name": self.name, "path": str(self.path), "units": len(self.values), "synthetic": self.synthetic,
                "sha256": self.sha256}


def load_peers(path: Path | str | None, framework: Framework) -> PeerSet:
    """Read a peer table (CSV or Excel): one row per zone, one column per indicator (id or Chinese name)."""
    path = Path(path) if path is not None else default_peers()
    if not path.is_file():
        raise ScorerError.at("peer table not found", file=path)
    raw = path.read_bytes()
    try:
        if path.suffix.lower() == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            table = pd.read_excel(path, dtype=str, engine="calamine", keep_default_na=False)
        else:
            raise ScorerError.at("a peer table is a .csv or Excel file", file=path)
    except ScorerError:
        raise
    except Exception as exc:  # pandas/calamine raise many kinds for unreadable files
        raise ScorerError.at(f"cannot read the peer table: {str(exc).splitlines()[0][:200]}", file=path) from None

    by_name = {i.name_zh: i.id for i in framework.indicators.values()}
    rename, problems = {}, []
    id_col = next((c for c in table.columns if str(c).strip().lower() in ("id", "code", "ucode", "编号", "代码")), None)
    name_col = next((c for c in table.columns if str(c).strip().lower() in ("name", "name_zh", "名称", "园区", "开发区")), None)
    if id_col is None and name_col is None:
        raise ScorerError.at("the peer table needs an `id` or `name_zh` column naming each zone", file=path, line=1)
    for c in table.columns:
        key = str(c).strip()
        if key in framework.indicators:
            rename[c] = key
        elif key in by_name:
            rename[c] = by_name[key]
    if not rename:
        raise ScorerError.at("no column of the peer table is an indicator of the framework", file=path, line=1,
                             hint="name columns by indicator id (e.g. fdi_amount) or Chinese name (e.g. 实际使用外资金额)")
    values = pd.DataFrame(index=table[id_col or name_col].astype(str), columns=list(framework.indicators), dtype=float)
    for col, ind in rename.items():
        for k, text in enumerate(table[col]):
            text = str(text).strip().replace(",", "")
            if text in ("", "—", "-", "…", "NA", "nan"):
                continue
            try:
                values.iat[k, values.columns.get_loc(ind)] = float(text)
            except ValueError:
                problems.append(Problem(f"column {col!r}: {text!r} is not a number", Location(file=path, line=k + 2),
                                        "enter a number, or leave the cell empty for a missing value"))
    if problems:
        raise ScorerError(problems)
    meta_path = path.with_suffix(".yaml")
    meta = load_yaml(meta_path) if meta_path.is_file() else {}
    synthetic = bool(meta.get("synthetic")) or ("synthetic" in table.columns and
                                                  table["synthetic"].astype(str).str.lower().isin(["true", "1", "是"]).any())
    names = dict(zip(values.index, table[name_col].astype(str))) if name_col else {u: u for u in values.index}
    missing = [i for i in framework.indicators if i not in rename.values()]
    notes = [f"peer table has no column for: {', '.join(missing)}"] if missing else []
    return PeerSet(meta.get("name_zh", path.stem), path, values, names, synthetic,
                   hashlib.sha256(raw).hexdigest(), notes)


@dataclass
class Standing:
    """Where the zone stands among its peers."""

    rank: int  # 1 = best
    of: int  # peers + the zone
    share_ahead: float  # fraction of peers scoring higher
    peer_median: float
    peer_median_categories: dict[str, float]
    synthetic: bool
    peer_name: str
    normalisation: str  # "targets" or "peers"

    def as_dict(self) -> dict:
        return {k: (float(v) if isinstance(v, (np.floating,)) else v) for k, v in self.__dict__.items()}


def standing(framework: Framework, zone_values: pd.Series, peers: PeerSet, across_peers: bool = False) -> tuple[Standing, pd.DataFrame]:
    """Score the zone with its peers; returns its standing and everyone's group scores.

    By default every unit is normalised against the framework's fixed targets, so a peer set does not
    change the zone's own score; with `across_peers`, indicators are min-max normalised across the
    zone and its peers (a relative ranking, as the Ministry's is).
    """
    from scorer.score.engine import score_values

    from dataclasses import replace

    from scorer.methods.impute import TIME_AXIS

    table = pd.concat([zone_values.to_frame().T.set_axis(["__zone__"]), peers.values])
    fw = _across_peers(framework) if across_peers else framework
    if fw.imputation is not None and fw.imputation.method in TIME_AXIS:
        # Rows here are zones, not quarters: carrying values forward would copy one zone into the next.
        fw = replace(fw, imputation=None)
    groups = score_values(fw, table).group_scores
    overall = groups["index"]
    zone = overall.loc["__zone__"]
    others = overall.drop("__zone__").dropna()
    ahead = int((others > zone).sum())
    st = Standing(ahead + 1, len(others) + 1, ahead / max(len(others), 1), float(others.median()),
                  {g: float(groups[g].drop("__zone__").median()) for g in framework.top_groups},
                  peers.synthetic, peers.name, "peers" if across_peers else "targets")
    return st, groups


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
