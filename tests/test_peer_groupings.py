"""A table of the region's national zones may be any grouping the yardsticks count for the region (the statistics
release's 55 central zones, the 2021 assessment's 68 by which demotion is ranked) when its sidecar cites that count;
its rows are held to the count it cites, and a table citing none to the statistics release's count of its year,
with a hint naming the grouping its rows match."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from scorer.errors import ScorerError
from scorer.framework.yardsticks import load_yardsticks
from scorer.score.peers import default_peers, load_peers


def region_table(tmp_path, rows: int, cites: list[str] | None, name="region"):
    """The bundled zones, repeated under new names to `rows` rows, as a real table (no levels in the sidecar)."""
    base = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    extra = base.head(max(0, rows - len(base))).copy()
    extra["id"] = [f"X{k}" for k in range(len(extra))]
    extra["name_zh"] = [f"另一园区{k}" for k in range(len(extra))]
    # other zones, not the same figures under new names (bt12g F4: identical rows are one zone's, counted once)
    share = [c for c in ("gdp_growth", "trade_growth") if c in extra.columns]
    for c in share:
        extra[c] = [repr(round(float(v) + 0.137 * (k + 1), 3)) for k, v in enumerate(extra[c])]
    table = pd.concat([base, extra]).head(rows).drop(columns=["synthetic"])
    path = tmp_path / f"{name}.csv"
    table.to_csv(path, index=False)
    meta = {"region": "central", "zone_level": "national", "year": 2023, "name_zh": "中部国家级经开区（整理）"}
    if cites is not None:
        meta["cites"] = cites
    path.with_suffix(".yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    return path


def region_counts(framework) -> list:
    ys = load_yardsticks(framework.yardsticks_path)
    return [e for e in ys.of_kind("count") if e.region == "central" and e.value]


def test_every_count_of_the_regions_zones_the_yardsticks_hold_is_a_grouping_a_table_can_name(tmp_path, framework):
    counts = region_counts(framework)
    assert {int(e.value) for e in counts} >= {55, 68}
    for e in counts:
        peers = load_peers(region_table(tmp_path, int(e.value), [e.id], f"t{e.id}"), framework)
        assert peers.ranks_region and len(peers.values) == int(e.value)


def test_a_table_citing_a_grouping_is_held_to_its_count(tmp_path, framework):
    with pytest.raises(ScorerError) as exc:
        load_peers(region_table(tmp_path, 60, ["assessment_2021_regional_counts"]), framework)
    assert "68" in str(exc.value) and "60 rows" in str(exc.value)


def test_a_table_citing_no_grouping_is_held_to_the_years_release_and_told_which_grouping_it_matches(tmp_path, framework):
    with pytest.raises(ScorerError) as exc:
        load_peers(region_table(tmp_path, 68, None), framework)
    problem = exc.value.problems[0]
    assert "55" in str(problem.message) and "cites: [assessment_2021_regional_counts]" in str(problem.hint)
    assert load_peers(region_table(tmp_path, 55, None, "plain"), framework).ranks_region


def test_a_build_for_a_year_without_published_ranks_says_what_it_left_out(tmp_path):
    """A year whose Henan ranks the yardsticks lack builds a set with no Henan zone placed: warned (peers build) and
    said where score would have given the province's standing, never left out in silence."""
    import json
    import shutil

    from scorer.framework.model import load_framework
    from scorer.resources import indicators_dir
    from scorer.score.peer_model import build_peers
    from tests.conftest import EXAMPLES, run_cli

    dest = tmp_path / "indicators"
    shutil.copytree(indicators_dir(), dest)
    text = (dest / "yardsticks.yaml").read_text(encoding="utf-8")
    assert "kind: rank\n    year: 2023" in text
    (dest / "yardsticks.yaml").write_text(text.replace("kind: rank\n    year: 2023", "kind: rank\n    year: 2022"),
                                          encoding="utf-8")
    built = build_peers(2023, load_framework(dest / "framework.yaml"))
    assert not built.placements and [w.code for w in built.warnings] == ["peer_no_placements"]
    out = tmp_path / "p.csv"
    done = run_cli("peers", "build", "--year", "2023", "-f", dest / "framework.yaml", "-o", out)
    assert done.returncode == 0, done.stderr
    assert "yardsticks.yaml" in done.stderr and "2023" in done.stderr and "warning" in done.stderr.lower() or "警告" in done.stderr
    score = json.loads(run_cli("score", EXAMPLES, "-f", dest / "framework.yaml", "--peers", out, "--json").stdout)
    assert score["readiness"]["province"] is None and "未与河南国家级经开区比较" in score["readiness"]["label_zh"]
    full = build_peers(2023, load_framework(indicators_dir() / "framework.yaml"))
    assert full.placements and not full.warnings


@pytest.mark.parametrize("what", ["target", "evidence"])
def test_a_target_or_evidence_whose_cites_were_deleted_is_refused_at_its_line(tmp_path, what):
    """Every target cites what it rests on or says `basis: judgement`; every confirmed/plausible evidence cites."""
    import shutil

    from scorer.framework.model import load_framework
    from scorer.resources import indicators_dir

    dest = tmp_path / "indicators"
    shutil.copytree(indicators_dir(), dest)
    text = (dest / "framework.yaml").read_text(encoding="utf-8")
    start = text.index("        target:\n          value: 71") if what == "target" else text.index("formula: to(annual(tax_revenue)")
    at = text.index("cites: [central_2023_tax_mean]", start)
    line = text[:at].count("\n") + 1
    (dest / "framework.yaml").write_text(text[:at] + text[at:].replace("cites: [central_2023_tax_mean]", "", 1),
                                         encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_framework(dest / "framework.yaml")
    p = exc.value.problems[0]
    assert "tax_revenue" in str(p.message) and "cites no yardstick entry" in str(p.message)
    assert abs(p.location.line - line) <= 6, (p.location.line, line)


@pytest.mark.parametrize("sidecar, line", [(None, None), ({"zone_level": "provincial", "region": "central"}, 1),
                                           ({"zone_level": "national", "year": 2023}, None)])
def test_a_table_not_declared_the_regions_national_zones_is_warned_at_the_line_that_says_so(tmp_path, framework, sidecar,
                                                                                             line):
    path = region_table(tmp_path, 55, None, "own")
    if sidecar is None:
        path.with_suffix(".yaml").unlink()
    else:
        path.with_suffix(".yaml").write_text(yaml.safe_dump(sidecar), encoding="utf-8")
    peers = load_peers(path, framework)
    said = [w for w in peers.warnings if w.code == "peer_not_region"]
    assert not peers.ranks_region and len(said) == 1
    assert str(said[0].location.file).endswith(".csv" if sidecar is None else ".yaml")
    if line is not None:
        text = path.with_suffix(".yaml").read_text(encoding="utf-8").splitlines()
        assert text[said[0].location.line - 1].startswith("zone_level")
    assert not [w for w in load_peers(None, framework).warnings if w.code == "peer_not_region"]
