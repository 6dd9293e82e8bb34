"""The province benchmark names the zone's own province and the year of the ranks it places (bt15: the texts said 河南
and 2023 whatever the peer set placed). The catalogue of report texts names no province and no year; a run whose peer
set places another province's zones, ranked in another year, is reported with that province and that year."""

from __future__ import annotations

import copy
import datetime as dt
import html as html_lib
import re

import pytest

from conftest import EXAMPLES


def test_no_report_text_names_a_province_or_a_year():
    from scorer.i18n import TEXT
    from scorer.read.zones import _PROVINCES

    provinces = _PROVINCES.split("|") + ["Henan", "Hubei"]
    named = [f"{key} ({lang}): {text[:60]}" for key, texts in TEXT.items() for lang, text in texts.items()
             if re.search(r"(?<!\d)20\d\d(?!\d)", text) or any(p in text for p in provinces)]
    assert not named, "\n".join(named)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_peer_set_of_another_province_is_reported_as_that_province(tmp_path, lang):
    from scorer.pipeline import report, run

    r = run([EXAMPLES])
    assert r.readiness is not None and r.readiness.province, "the sample places Henan's zones"
    moved = copy.deepcopy(r.readiness.province)
    moved["province"] = "湖北"
    for z in moved["zones"]:  # the zones' own sources are data (商务部2023年考核结果（河南省发布）): replaced too
        z.update(year=2031, source="某来源", source_en="a source")
    r.readiness.province = moved
    out = tmp_path / f"r_{lang}.html"
    report(r, out, fmt="html", today=dt.date(2026, 11, 25), lang=lang)
    page = out.read_text(encoding="utf-8")
    page = re.sub(r"<style.*?</style>", "", re.sub(r"data:[^\"')]+", "", page), flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).replace("\u2060", "")
    # the benchmark page, the brief's cards and the rank line: every place the placed zones are spoken of
    bench = text[text.index("与湖北国家级经开区对标" if lang == "zh" else "Beside 湖北's national zones"):]
    bench = bench[:bench.index("得分概况" if lang == "zh" else "Scores at a glance")]
    expected = (["与湖北国家级经开区对标", "2031年全国排名", "湖北国家级经开区中",
                 "湖北国家级经开区按其公布的2031年全国排名定位"] if lang == "zh" else
                ["Beside 湖北's national zones", "National rank 2031", "Place in 湖北",
                 "湖北's national zones sit at their published 2031 ranks"])  # PROVINCE_EN has no Hubei: as named
    assert [e for e in expected if e not in text] == []
    assert "河南" not in bench and "Henan" not in bench and "2023" not in bench, bench[:600]
    for stale in ("河南国家级经开区中", "Place in Henan", "2023年全国排名", "National rank 2023", "Henan's zones sit"):
        assert stale not in text
