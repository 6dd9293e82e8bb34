"""A score rests on enough indicators, or there is no score: the framework's data-availability share
(aggregation `min_share`, COINr's dat_thresh) for the zone's own index, counted on the indicators a
partial peer table covers when the zone is ranked on those only (issue 11 point 6, issue 12)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from conftest import EXAMPLES
from scorer.framework.model import MethodSpec
from scorer.score.peers import covered_framework, load_peers, standing

COVERED = ["fdi_amount", "trade_amount", "rd_institutions"]


def _peer_table(tmp_path, framework, rows: int = 6):
    header = ["园区名称"] + [f"{framework.indicators[i].name_zh}（{framework.indicators[i].unit}）"
                             if framework.indicators[i].unit else framework.indicators[i].name_zh for i in COVERED]
    scale = [100, 1, 1]  # FDI at a zone's magnitude (1 000–6 000 万美元): 10–60 is refused as a slip
    body = [[f"样本{k}经开区", *(str(10 * (k + 1) * (j + 1) * scale[j]) for j in range(len(COVERED)))] for k in range(rows)]
    path = tmp_path / "对照样本.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *body]) + "\n", encoding="utf-8-sig")
    return path


def test_the_default_framework_holds_every_level_to_half_its_children(framework):
    """The guard itself: without it one indicator's 100 made the overall score and rank 1 of 56."""
    params = framework.aggregation.params
    assert params.get("min_share") == 0.5
    assert all(framework.aggregator_for(g).params.get("min_share") == 0.5 for g in framework.groups.values())


def test_one_indicator_makes_no_score_and_no_rank(framework, sample_run):
    """The zone's quarter with every indicator but one blanked: no category, no overall, no standing."""
    from scorer.score.engine import score_values

    zone = sample_run.result.values.loc[[sample_run.result.period]].copy()
    only = "fdi_amount"
    zone.loc[:, [c for c in framework.indicators if c != only]] = np.nan
    groups = score_values(framework, zone).group_scores.iloc[0]
    assert groups.isna().all(), groups.dropna()  # its own category has 1 of its indicators: below half
    full = sample_run.result.values.loc[[sample_run.result.period]]
    assert np.isfinite(score_values(framework, full).group_scores.iloc[0]["index"])  # the guard is not a blanket


def test_a_partial_peer_table_ranks_on_what_it_covers_with_the_share_counted_there(framework, sample_run, tmp_path):
    """3 of 30 indicators covered: the zone and its peers are ranked on those 3, and min_share counts those
    3 (counted on all 30, every unit's score would be empty and the rank gone)."""
    peers = load_peers(_peer_table(tmp_path, framework), framework)
    zone = sample_run.result.values.loc[sample_run.result.period]
    st, groups = standing(framework, zone, peers)
    assert np.isfinite(st.score) and st.of == 7 and groups["index"].notna().all()
    # The same rank as masking the uncovered indicators under the framework without the guard.
    loose = replace(framework, aggregation=MethodSpec(method="arithmetic"))
    masked = zone.where(zone.index.isin(COVERED), np.nan)
    st_loose, _ = standing(loose, masked, peers)
    assert (st.rank, st.score) == (st_loose.rank, pytest.approx(st_loose.score))


def test_covered_framework_drops_indicators_and_emptied_groups_only(framework):
    cut = covered_framework(framework, COVERED)
    assert list(cut.indicators) == [i for i in framework.indicators if i in COVERED]
    assert all(g.children for g in cut.groups.values()) and "index" in cut.groups
    assert set(cut.top_groups) < set(framework.top_groups)
    assert covered_framework(framework, list(framework.indicators)) is framework


def test_a_zone_with_only_the_covered_indicators_has_no_rank(framework, sample_run, tmp_path):
    """The zone's own data cover just the 3 indicators the peers cover: ranked on those it would come out
    somewhere, but its own overall score rests on 3 of 30, so there is no score and no rank (run, and
    every scenario's baseline alike)."""
    from scorer.pipeline import run
    from scorer.whatif.scenario import compare

    r = run([EXAMPLES], peers_path=_peer_table(tmp_path, framework))
    assert r.standing is not None  # the sample has its indicators: ranked on the 3
    base = compare(r, []).baseline
    assert (base.rank, base.of) == (r.standing.rank, r.standing.of)

    values = r.result.values.copy()
    values.loc[:, [c for c in framework.indicators if c not in COVERED]] = np.nan
    from scorer.score.engine import score_values

    assert np.isnan(score_values(framework, values.loc[[r.result.period]]).group_scores.iloc[0]["index"])
    st, _ = standing(framework, values.loc[r.result.period], r.peers)
    assert np.isfinite(st.score)  # the comparison alone would rank it …
    own = pd.Series(values.loc[r.result.period])
    assert own.notna().sum() == len(COVERED)  # … on 3 of 30: run() gives no standing for such a zone (next test)


def test_run_gives_no_standing_when_the_zone_has_no_overall_score(tmp_path, framework):
    """A workbook of the three covered figures alone, with a peer table of those three: no rank 1 of 7."""
    from scorer.pipeline import run
    from tests.workbooks import HEADER, MERGES, write_xlsx

    table = [["周口经济开发区2022年1-6月主要经济指标"], *HEADER,
             ["实际使用外资", "万美元", 9000, 8000, 12.5],
             ["进出口总额", "万元", 160000, 150000, 6.7]]
    path = write_xlsx(tmp_path / "周口经开区_2022年1-6月.xlsx", {"表1": table}, {"表1": MERGES})
    r = run([path], peers_path=_peer_table(tmp_path, framework))
    assert r.result.overall is None or not np.isfinite(r.result.overall)
    assert r.standing is None and r.readiness is None


@pytest.mark.parametrize("params, said", [({"min_share": 1.5}, "应不大于1"), ({"min_share": "half"}, "应为数值"),
                                          ({"min_share": -0.1}, "应不小于0")])
def test_a_method_parameter_out_of_its_range_is_said_in_chinese_too(framework, params, said):
    """pydantic's English reason ('Input should be less than or equal to 1') stood inside the Chinese message."""
    import re

    from scorer.errors import Location
    from scorer.framework.method_params import check_method

    problems = check_method(MethodSpec(method="arithmetic", params=params), "aggregation", Location(file=framework.path))
    assert problems, params
    zh = problems[0].message_zh or ""
    assert said in zh and not re.search(r"Input should|valid number", zh), zh
    assert "Input should" in problems[0].message  # the English stays pydantic's own
