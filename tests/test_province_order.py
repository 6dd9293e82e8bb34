"""A framework of one's own re-sorts the peer set's named Henan zones: the zone is then not placed among them, and the
run says why and how to rebuild the peers (bt12h F6: 红旗渠, 64th, listed above 鹤壁, 62nd, and the zone's 第5位 介于鹤壁经开区
与新乡经开区之间 computed on that order, with no word)."""

from __future__ import annotations

import re
import shutil

import pytest

from scorer.score.readiness import out_of_order
from tests.conftest import EXAMPLES, ROOT


def _reweighted(tmp_path):
    """A copy of indicators/ with 对外开放's weights moved to FDI and trade amounts (validate passes it)."""
    dest = tmp_path / "indicators"
    shutil.copytree(ROOT / "indicators", dest)
    text = (dest / "framework.yaml").read_text(encoding="utf-8")
    weights = {"fdi_amount": 40, "fdi_growth": 5, "fdi_city_share": 5, "trade_amount": 30, "trade_growth": 5,
               "trade_city_share": 5}
    for ind, w in weights.items():
        text, n = re.subn(rf"(- id: {ind}\n(?:(?!      - id:).*\n)*?        weight: )\d+", rf"\g<1>{w}", text, count=1)
        assert n == 1, ind
    (dest / "framework.yaml").write_text(text, encoding="utf-8")
    return dest / "framework.yaml"


def test_the_bundled_framework_keeps_the_named_zones_in_order(sample_run):
    assert sample_run.readiness.province is not None and not sample_run.readiness.misordered
    assert not [p for p in sample_run.warnings if p.code == "province_out_of_order"]


def test_a_reweighted_framework_that_re_sorts_them_places_the_zone_among_none(tmp_path):
    from scorer.pipeline import run

    path = _reweighted(tmp_path)
    r = run([EXAMPLES], framework_path=path)
    said = [p for p in r.warnings if p.code == "province_out_of_order"]
    assert said, "these weights re-sort 红旗渠 (64th) above 鹤壁 (62nd) in the bundled peer set"
    assert r.readiness.province is None and r.readiness.misordered == "河南"
    assert "published order" in said[0].message and "peers build --year" in said[0].hint
    assert "published order" in r.readiness.label_en and "公布的排名顺序" in r.readiness.label_zh


@pytest.mark.parametrize("scores, pairs", [([90, 80, 70], 0), ([80, 90, 70], 1), ([70, 80, 90], 3), ([80, 80, 70], 0)])
def test_pairs_against_their_published_ranks(scores, pairs):
    named = [{"zone": z, "national_rank": k, "score": s} for z, k, s in zip("abc", (10, 20, 30), scores)]
    assert len(out_of_order(named)) == pairs
