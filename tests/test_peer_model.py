"""The default peer set calibrated to the region: published means, right-skewed sizes that move together, Henan's zones where their ranks put them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scorer.framework.yardsticks import load_yardsticks
from scorer.score.engine import score_values
from scorer.score.peers import default_peers, load_peers
from scorer.yamlio import load_yaml
from tests.conftest import run_cli

SIZE = {"gdp_amount": "gdp", "tax_revenue": "tax", "trade_amount": "trade", "fdi_amount": "fdi"}


@pytest.fixture(scope="module")
def peers(framework):
    return load_peers(None, framework)


@pytest.fixture(scope="module")
def meta():
    return load_yaml(default_peers().with_suffix(".yaml"))


def test_per_zone_means_are_within_ten_percent_of_the_published_central_figures(peers, meta):
    ys = load_yardsticks()
    year = meta["year"]
    assert len(peers.values) == ys.value(f"central_{year}_zones")
    for ind, key in SIZE.items():
        published = ys.value(f"central_{year}_{key}_mean")
        assert peers.values[ind].mean() == pytest.approx(published, rel=0.10), ind


def test_sizes_are_right_skewed_and_move_together(peers):
    v = peers.values[list(SIZE)]
    assert (v.median() < v.mean()).all()
    corr = np.log(v).corr().to_numpy()[np.triu_indices(len(SIZE), 1)]
    assert corr.min() > 0.5  # a big zone is big in GDP, tax, trade and FDI together


def test_henan_zones_sit_where_their_published_ranks_put_them(framework, peers, meta):
    overall = score_values(framework, peers.values).group_scores["index"]
    position = overall.rank(ascending=False, method="first").astype(int)
    placed = {p["zone"]: p["central_position"] for p in meta["placements"]}
    assert placed["郑州经开区"] == 4 and placed["漯河经开区"] == 7  # the published central ranks
    assert list(placed) == ["郑州经开区", "漯河经开区", "鹤壁经开区", "红旗渠经开区", "新乡经开区", "许昌经开区", "开封经开区"]
    assert list(placed.values()) == sorted(placed.values())  # national order kept
    for p in meta["placements"]:
        assert position[p["row"]] == p["central_position"], p["zone"]  # the row standing there is the one named
        assert "合成" in peers.names[p["row"]] and p["zone"] not in peers.names[p["row"]]  # a synthetic row, unnamed
    assert peers.placements == {p["zone"]: p["row"] for p in meta["placements"]}


def _real_name_problems(peers, framework) -> list[str]:
    """What a peer set prints beside a real zone's name that the yardsticks do not publish for that zone: a figure
    contradicting the zone's own (bt12h F3: 郑州经开区 at a GDP of 672亿元 against zone_zhengzhou_2022_gdp's 1 300), or
    any figure at all where the zone has none published (红旗渠经开区 with the region's 3rd-largest tax)."""
    from scorer.score.named_figures import contradictions, named_rows, zone_figures

    ys = load_yardsticks(framework.yardsticks_path)
    sourced = zone_figures(framework, ys)
    out = [f"{uid} {ind}: {value:g} against {entry.id} {figure:g}"
           for uid, _, ind, value, figure, entry in contradictions(peers.values, peers.names, framework, ys)]
    if peers.synthetic:  # made-up figures: only a published one may stand beside a real name
        for uid, zone in named_rows(peers.names, ys).items():
            known = {ind for ind, _, _ in sourced.get(zone, [])}
            out += [f"{uid} ({zone}) {ind}: {peers.values.at[uid, ind]:g}, published nowhere"
                    for ind in peers.values.columns if ind not in known and np.isfinite(peers.values.at[uid, ind])]
    return out


def test_no_made_up_figure_stands_beside_a_real_zones_name(framework, peers):
    """The bundled synthetic set names no row after a real zone whose figures the yardsticks do not give; and the
    check is live: the same set with its Henan placements named on their rows, as it once was, fails it."""
    assert _real_name_problems(peers, framework) == []
    import dataclasses

    ys = load_yardsticks(framework.yardsticks_path)
    zones = {e.zone for e in ys.entries.values() if e.zone}
    assert peers.placements and set(peers.placements) <= zones
    renamed = dataclasses.replace(peers, names={**peers.names, **{row: f"{zone}（合成值）" for zone, row in
                                                                   peers.placements.items()}})
    found = _real_name_problems(renamed, framework)
    assert any("zone_zhengzhou_2022_gdp" in f for f in found) and any("published nowhere" in f for f in found)


def test_a_peer_row_named_after_a_real_zone_with_a_figure_far_from_its_own_is_warned_at_its_cell(tmp_path, framework):
    """A table of the user's own naming 郑州经开区 with half the GDP the yardsticks give it (and 开封经开区 with ×2.6
    its trade) is warned of at those cells, naming the yardstick; the zone's own figure (×1.1) is not."""
    import csv

    from scorer.score.named_figures import zone_figures

    ys = load_yardsticks(framework.yardsticks_path)
    figures = {(zone, ind): (value, e.id) for zone, rows in zone_figures(framework, ys).items() for ind, value, e in rows}
    gdp, gdp_id = figures[("郑州经开区", "gdp_amount")]
    trade, trade_id = figures[("开封经开区", "trade_amount")]
    path = tmp_path / "peers.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([["园区名称", "gdp_amount", "trade_amount"],
                                 ["郑州经开区", f"{gdp * 0.52:g}", "500"],
                                 ["开封经开区", f"{gdp / 4:g}", f"{trade * 2.6:g}"],
                                 ["郑州经开区（2023）", f"{gdp * 1.1:g}", "480"],
                                 ["甲开发区", "300", "90"]])
    warned = [w for w in load_peers(path, framework).warnings if w.code == "peer_named_zone_figure"]
    assert sorted((w.location.line, w.location.column) for w in warned) == [(2, 2), (3, 3)]
    assert gdp_id in str(warned[0].message) + str(warned[1].message)
    assert trade_id in str(warned[0].message) + str(warned[1].message)


def test_the_peer_set_is_labelled_synthetic_and_rebuilt_identically(tmp_path):
    out = tmp_path / "peers.csv"
    done = run_cli("peers", "build", "--year", "2023", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == default_peers().read_bytes()
    assert out.with_suffix(".yaml").read_bytes() == default_peers().with_suffix(".yaml").read_bytes()
    assert "SYNTHETIC" in done.stdout
    table = pd.read_csv(out)
    assert (table["synthetic"] == True).all()  # noqa: E712


def test_a_year_without_yardsticks_is_refused_with_the_model_line(tmp_path):
    done = run_cli("peers", "build", "--year", "2031", "-o", str(tmp_path / "p.csv"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "model.yaml:" in done.stderr and "central_2031_zones" in done.stderr
    assert not (tmp_path / "p.csv").exists()


def test_a_zone_at_the_central_median_scores_below_100_on_every_indicator(framework, peers):
    """No target saturates at the regional median, unless the framework says the target is the median itself."""
    median = peers.values.median()
    scores = score_values(framework, median.to_frame().T).scores.iloc[0]
    for ind in framework.indicators.values():
        if ind.target.basis == "median":
            continue
        assert scores[ind.id] < 100, f"{ind.id}: median {median[ind.id]:g} reaches the target {ind.target.value:g}"


def _indicators_copy(tmp_path, edits: dict[str, list[tuple[str, str]]]):
    import shutil

    from scorer.resources import indicators_dir

    dest = tmp_path / "indicators"
    shutil.copytree(indicators_dir(), dest)
    for name, pairs in edits.items():
        text = (dest / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, old
            text = text.replace(old, new, 1)
        (dest / name).write_text(text, encoding="utf-8")
    return dest


def _entry(id_: str) -> str:
    """The `value:` and `unit:` lines of one yardstick entry, as yardsticks.yaml writes them."""
    text = (load_yardsticks().path).read_text(encoding="utf-8")
    start = text.index(f"- id: {id_}\n")
    block = text[start:text.index("\n  - id:", start + 1)]
    return block[block.index("    value:"):block.index("\n", block.index("    unit:"))]


def test_a_published_mean_in_another_unit_is_converted_not_taken_as_is(tmp_path):
    """The kind: a yardstick written in 亿美元 / 万元 feeding a column kept in 万美元 / 亿元 (×10 000 slips)."""
    from scorer.framework.model import load_framework
    from scorer.score.peer_model import build_peers

    fdi, trade = _entry("central_2023_fdi_mean"), _entry("central_2023_trade_mean")
    dest = _indicators_copy(tmp_path, {"yardsticks.yaml": [
        (fdi, "    value: 0.4364\n    unit: 亿美元"), (trade, "    value: 1910000\n    unit: 万元")]})
    built = build_peers(2023, load_framework(dest / "framework.yaml"), dest / "peers" / "model.yaml")
    assert built.table["fdi_amount"].astype(float).mean() == pytest.approx(4364, rel=0.01)  # 万美元
    assert built.table["trade_amount"].astype(float).mean() == pytest.approx(191, rel=0.01)  # 亿元


def test_a_model_level_that_is_not_the_figure_it_cites_is_refused_unless_marked_judgement(tmp_path):
    from scorer.errors import ScorerError
    from scorer.framework.model import load_framework
    from scorer.score.peer_model import build_peers

    old = "mean: 5.6, sd: 3"  # gdp_growth: the published national growth itself
    dest = _indicators_copy(tmp_path, {"peers/model.yaml": [(old, "mean: 56, sd: 3")]})
    line = next(k for k, s in enumerate((dest / "peers" / "model.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if "mean: 56, sd: 3" in s)
    with pytest.raises(ScorerError) as exc:
        build_peers(2023, load_framework(dest / "framework.yaml"), dest / "peers" / "model.yaml")
    assert f"model.yaml:{line}" in str(exc.value) and "gdp_growth" in str(exc.value)
    done = run_cli("validate", str(dest / "framework.yaml"))  # validate checks the model beside the framework
    assert done.returncode == 1 and f"model.yaml:{line}" in done.stderr and "Traceback" not in done.stderr


def test_every_level_of_the_model_s_own_says_why():
    meta = load_yaml(default_peers().with_suffix(".yaml"))
    judged = {k: v for k, v in meta["indicators"].items() if v.get("basis") == "judgement"}
    assert judged and all(v["note"].strip() for v in judged.values())
