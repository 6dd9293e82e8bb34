"""A peer column off the magnitude the yardsticks give its indicator, or one on which (nearly) every peer scores 0 or
the full mark, makes the rank and margins doubtful: said in the warnings (column, file, magnitude expected, yardstick
id), in the JSON (comparable: false, doubtful_columns), beside the rank and on the report's page 2, and the rank
conditions are not judged against the table (bt12 F2: a column ×10 passed for 12 of the 30 indicators and moved the
rank 21 → 18, the margin +4.4 → +8.0)."""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pandas as pd
import pytest
import yaml

from scorer.errors import ScorerError
from scorer.score.peer_magnitude import MAGNITUDE_FACTOR, SATURATION_SHARE, column_doubts, expected_levels
from scorer.score.peers import default_peers, load_peers, standing
from tests.conftest import EXAMPLES, run_cli


def table(tmp_path, edit, sidecar: bool, name: str = "peers"):
    """The bundled peer table edited by `edit` (a DataFrame of text cells), with or without its sidecar YAML."""
    t = edit(pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False))
    path = tmp_path / f"{name}.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    if sidecar:  # its claims (region, national zones, year), without its stated levels: those are held apart (F3)
        doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
        doc.pop("indicators", None)
        path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def times(col: str, k: float):
    def edit(t):
        t[col] = (t[col].astype(float) * k).map(repr)
        return t
    return edit


@pytest.fixture(scope="module")
def zone(sample_run):
    return pd.Series({i.id: (np.nan if i.value is None else i.value) for i in sample_run.result.indicators})


@pytest.mark.parametrize("sidecar", [False, True])
@pytest.mark.parametrize("factor", [10.0, 0.1])
def test_no_column_off_by_ten_is_scored_as_true(framework, zone, tmp_path, factor, sidecar):
    """Every indicator's column ×10 or ÷10 is refused or makes the rank doubtful, naming that column. Size measures
    ÷10 in a table that does not claim the region's national zones may be smaller zones (a province's), and pass
    when their size moves with the others (peer_scale's out-of-step check holds one moving alone)."""
    levels = expected_levels(framework, None, None)
    silent = []
    for ind in framework.indicators:
        if ind not in levels or levels[ind][3].dist == "poisson":
            continue
        if factor < 1 and not sidecar and levels[ind][3].dist == "size":
            continue
        path = table(tmp_path, times(ind, factor), sidecar, name=ind)
        try:
            peers = load_peers(path, framework)
        except ScorerError:
            continue
        st, _ = standing(framework, zone, peers)
        if ind not in {d.indicator for d in st.column_doubts}:
            silent.append(ind)
    assert not silent, f"a column ×{factor:g} passed unflagged: {silent}"


def test_the_bundled_table_and_any_part_of_it_pass(framework, zone):
    peers = load_peers(None, framework)
    st, _ = standing(framework, zone, peers)
    assert peers.column_doubts == [] and st.column_doubts == []
    heads = {i: c[0] for i, c in peers.columns.items()}
    rng = np.random.default_rng(7)
    for _ in range(200):  # any 5–55 of its zones: a real table of part of the region's zones
        rows = rng.choice(len(peers.values), int(rng.integers(5, len(peers.values) + 1)), replace=False)
        assert column_doubts(framework, peers.values.iloc[rows], heads, peers.path, lambda i: None, peers.year,
                             peers.region, True) == []


def test_the_warning_names_the_column_the_file_and_the_expected_magnitude(framework, tmp_path):
    path = table(tmp_path, times("energy_intensity", 10), False, name="tenfold")
    peers = load_peers(path, framework)
    [d] = peers.column_doubts
    level, cites, basis, _ = expected_levels(framework, None, None)["energy_intensity"]
    assert (d.indicator, d.file, d.column, d.level, d.cites, d.basis) == ("energy_intensity", "tenfold.csv",
                                                                         "energy_intensity", level, cites, basis)
    assert d.value > d.high and d.high == pytest.approx(level * MAGNITUDE_FACTOR)
    text = str(d.problem.message)
    assert "'energy_intensity'" in text and "tenfold.csv" in text and cites[0] in text and f"{level:g}" in text
    assert d.problem.location.file == path and d.problem.location.column is not None
    assert d.problem in peers.warnings


def test_a_scaled_count_at_eight_times_its_level_is_flagged(framework, tmp_path):
    """bt12 F2: the `level: scaled` counts (national mean × the central GDP ratio) passed at 8× without a sidecar."""
    levels = expected_levels(framework, None, None)
    scaled = [i for i, v in levels.items() if v[2] == "scaled"]
    assert scaled
    for ind in scaled:
        peers = load_peers(table(tmp_path, times(ind, 8), False, name=ind), framework)
        assert [d.indicator for d in peers.column_doubts] == [ind]
        assert levels[ind][1][0] in str(peers.column_doubts[0].problem.message)  # the national mean's yardstick id


def test_a_saturated_column_is_flagged(framework, zone, tmp_path):
    """Every peer at the full mark (land use 100 %: within the model's magnitude, above any target)."""
    path = table(tmp_path, lambda t: t.assign(land_use_rate="100"), True, name="saturated")
    peers = load_peers(path, framework)
    assert peers.column_doubts == []
    st, _ = standing(framework, zone, peers)
    [d] = st.column_doubts
    assert (d.indicator, d.kind, d.end) == ("land_use_rate", "saturated", framework.meta.scale)
    assert d.value >= SATURATION_SHARE and "saturated.csv" in str(d.problem.message)


def test_score_says_the_rank_is_doubtful_everywhere(tmp_path):
    path = table(tmp_path, times("energy_intensity", 10), True, name="tenfold")
    done = run_cli("score", EXAMPLES, "--peers", str(path), "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    rank = out["readiness"]["rank"]
    assert rank["comparable"] is False and out["standing"]["comparable"] is False
    [col] = rank["doubtful_columns"]
    assert (col["column"], col["file"], col["kind"]) == ("energy_intensity", "tenfold.csv", "magnitude")
    assert col["cites"] and col["expected"] > 0
    conditions = {c["id"]: c for c in out["readiness"]["conditions"]}
    for cid in ("bottom_n", "rank_share_max"):
        # the Chinese reason names the column by its indicator's Chinese name, never its program id (bt13k F5)
        assert conditions[cid]["status"] == "not_judged" and "规上工业单位增加值能耗" in conditions[cid]["reason"]
        assert "energy_intensity" in conditions[cid]["reason_en"]
    assert out["verdict"]["ready"] is not True
    assert any(p["code"] == "peer_column_magnitude" for p in out["problems"])
    shown = run_cli("score", EXAMPLES, "--peers", str(path), "--lang", "en")
    assert shown.returncode == 0
    flat = re.sub(r"\s+", " ", shown.stdout + shown.stderr)
    assert "doubtful, not comparable" in flat and "energy_intensity" in flat


def test_page_two_says_the_rank_is_doubtful(tmp_path):
    from pypdf import PdfReader

    from scorer.pipeline import report
    from scorer.score.run import run

    path = table(tmp_path, times("energy_intensity", 10), True, name="tenfold")
    r = run([EXAMPLES], peers_path=path)
    out = tmp_path / "r.pdf"
    report(r, out, today=dt.date(2026, 12, 1))
    page = re.sub(r"\s+", "", PdfReader(out).pages[1].extract_text())
    assert "存疑" in page and "不可比" in page and "tenfold.csv" in page and "规上工业单位增加值能耗" in page
    assert "energy_intensity" not in page  # no program id in Chinese text (bt13k F5)
