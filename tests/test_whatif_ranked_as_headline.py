"""bt13k F7: every rank a what-if prints starts from the headline's rank, under every ranking option.

With --across-peers page 2's headline rank was 23rd (the zone ranked with min-max across the peers) while the action
table's "rank up 2 places (to 19th)" and the three actions together came from the default ranking (21st): the
variants were always ranked against targets. Here, for each option that changes how the zone is ranked (the
normalisation, a peer table covering some indicators only, a peer row left out as doubtful, another aggregation), the
action table's rank before equals the headline's, and every rank after (each action, the three together, a scenario)
equals the rank the headline's own function (`peers.standing`) gives the zone's changed indicators.
"""

from __future__ import annotations

import csv
import re
import shutil

import numpy as np
import pandas as pd
import pytest

from conftest import EXAMPLES, ROOT


def _partial_peers(tmp_path):
    """The bundled peer table without four of its indicator columns (the rank then rests on the rest)."""
    src = ROOT / "indicators" / "peers" / "central-synthetic.csv"
    rows = list(csv.DictReader(open(src, encoding="utf-8-sig")))
    drop = {"fdi_growth", "trade_growth", "rd_institutions", "hightech_share"}
    cols = [c for c in rows[0] if c not in drop]
    out = tmp_path / "partial.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    meta = src.with_suffix(".yaml")
    if meta.exists():
        shutil.copy(meta, out.with_suffix(".yaml"))
    return out


def _framework(tmp_path, pattern: str, new: str):
    """The bundled framework (with its fields, rules, peers and effort files) with `pattern` (a regex) replaced."""
    folder = tmp_path / "fw"
    shutil.copytree(ROOT / "indicators", folder)
    path = folder / "framework.yaml"
    text, n = re.subn(pattern, new, path.read_text(encoding="utf-8"), count=1)
    assert n == 1, pattern
    path.write_text(text, encoding="utf-8")
    return path


def _quadratic(tmp_path):
    """Aggregated by a weighted quadratic mean (generalised, p = 2) instead of the arithmetic."""
    return _framework(tmp_path, r"  method: arithmetic[^\n]*\n  params:\n", "  method: generalised\n  params:\n    p: 2\n")


def _median_imputed(tmp_path):
    """A missing indicator filled with the units' median (across zones, not the zone's last quarter)."""
    return _framework(tmp_path, r"  method: locf[^\n]*\n  params: \{max_age: 1\}[^\n]*", "  method: median")


OPTIONS = {
    "default": {},
    "across_peers": {"across_peers": True},
    "partial_peers": {"peers": _partial_peers},
    "partial_across": {"peers": _partial_peers, "across_peers": True},
    "quadratic": {"framework": _quadratic},
    "quadratic_across": {"framework": _quadratic, "across_peers": True},
    "median_imputed_across": {"framework": _median_imputed, "across_peers": True},
}


def _run(tmp_path, option):
    from scorer.pipeline import run

    o = OPTIONS[option]
    return run([EXAMPLES], framework_path=o["framework"](tmp_path) if "framework" in o else None,
               peers_path=o["peers"](tmp_path) if "peers" in o else None, across_peers=o.get("across_peers", False))


def _standing_rank(r, values: np.ndarray) -> int:
    """The rank the headline's own function gives the zone with these indicator values."""
    from scorer.score.peers import standing

    zone = pd.Series(values, index=list(r.framework.indicators))
    return standing(r.framework, zone, r.peers, r.standing.normalisation == "peers")[0].rank


@pytest.mark.parametrize("option", list(OPTIONS))
def test_every_action_rank_starts_from_the_headline(tmp_path, option):
    from scorer.pipeline import actions
    from scorer.whatif.plan import resolve_efforts
    from scorer.whatif.reach import variant_rows
    from scorer.whatif.scenario import Baseline, score_variant_set

    r = _run(tmp_path, option)
    assert r.standing is not None and r.readiness is not None
    table = actions(r)
    assert table.actions, option
    assert table.rank_before == r.standing.rank, (option, table.rank_before, r.standing.rank)

    base = Baseline.from_run(r)
    actionable, _ = resolve_efforts(table_efforts(r), base)
    fields = [f.field for f in actionable]
    X = np.zeros((len(table.actions) + 1, len(actionable)))
    for k, a in enumerate(table.actions):
        X[k, fields.index(a.field)] = abs(a.change)
    for a in table.top():
        X[-1, fields.index(a.field)] = abs(a.change)
    res = score_variant_set(base, variant_rows(base, actionable, X))
    expected = [_standing_rank(r, res.values.iloc[k].to_numpy()) for k in range(len(X))]
    for k, a in enumerate(table.actions):
        assert a.rank_after == expected[k], (option, a.field, a.rank_after, expected[k])
        assert a.places == table.rank_before - a.rank_after, (option, a.field)
    if table.combined is not None:
        assert table.combined.rank_after == expected[-1], (option, table.combined.rank_after, expected[-1])
        assert table.combined.places == table.rank_before - table.combined.rank_after


def table_efforts(r):
    from scorer.resources import beside_framework
    from scorer.whatif.plan import load_efforts

    return load_efforts(beside_framework(r.framework.path, "effort"), r.framework)


@pytest.mark.parametrize("option", ["default", "across_peers", "partial_peers", "partial_across"])
def test_a_scenario_and_the_baseline_rank_as_the_headline(tmp_path, option):
    """compare's baseline row (the scenario table of a report made with the same options) and a scenario that keeps
    the baseline's method are ranked as page 2 ranks the zone, and judged on the same count of peers behind (the
    bottom-N condition) and share ahead."""
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare

    r = _run(tmp_path, option)
    sc = tmp_path / "gdp.yaml"
    sc.write_text("name: GDP\ndescription: x\nfields:\n  gdp: +10%\n", encoding="utf-8")
    result = compare(r, load_scenarios([sc], r.framework))
    assert result.baseline.rank == r.standing.rank, (option, result.baseline.rank, r.standing.rank)
    assert result.results.rule_values["bottom_n"].iat[0] == r.standing.behind, option
    assert result.results.share_ahead[0] == pytest.approx(r.standing.share_ahead), option
    values = result.results.values.iloc[1].to_numpy()
    assert result.scenarios[0].rank == _standing_rank(r, values), option
