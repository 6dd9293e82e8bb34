"""A peer table is what its metadata says it is: rows as declared, means as stated, and a table declared the
region's national zones agrees with that year's published per-zone means (and the peer model takes each level
from the figure it cites)."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
import yaml

from scorer.errors import ScorerError
from scorer.score.peer_model import published_means
from scorer.score.peer_meta import CLAIM_TOLERANCE
from scorer.score.peers import default_peers, load_peers
from tests.conftest import EXAMPLES, ROOT, run_cli


def copy_table(tmp_path, name="peers", scale: dict | None = None, rows: int | None = None, meta=lambda m: m):
    """The bundled peer table and sidecar under another name: columns scaled, rows cut, the metadata edited."""
    table = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    for col, k in (scale or {}).items():
        table[col] = (table[col].astype(float) * k).map(repr)
    if rows is not None:
        table = table.head(rows)
    path = tmp_path / f"{name}.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    doc = meta(yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8")))
    path.with_suffix(".yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def without_levels(doc):
    doc.pop("indicators", None)
    return doc


def refused(framework, path) -> str:
    with pytest.raises(ScorerError) as exc:
        load_peers(path, framework)
    return "\n".join(p.render() for p in exc.value.problems)


def test_the_published_means_a_claim_is_checked_against_are_the_regions_size_measures(framework):
    assert set(published_means(2023, framework)) == {"gdp_amount", "tax_revenue", "trade_amount", "fdi_amount"}
    assert load_peers(None, framework).values.shape[0] == 55  # the bundled set passes its own checks


@pytest.mark.parametrize("factor", [3, 10, 0.1, 1 + CLAIM_TOLERANCE * 1.5])
def test_a_table_declared_the_regions_zones_far_from_the_published_means_is_refused_at_its_column(framework, tmp_path,
                                                                                                  factor):
    """Every published mean (the next one too: published_means lists them), checked with no level stated in the
    sidecar, so only the yardsticks speak."""
    for ind, (level, entry) in published_means(2023, framework).items():
        path = copy_table(tmp_path, f"{ind}-{factor}", {ind: factor}, meta=without_levels)
        text = refused(framework, path)
        col = pd.read_csv(path, nrows=0).columns.get_loc(ind) + 1
        assert f"{path}:1:{col}" in text and entry in text and ind in text, text


def test_a_table_within_the_tolerance_of_the_published_means_passes(framework, tmp_path):
    scale = {ind: 1 + CLAIM_TOLERANCE / 2 for ind in published_means(2023, framework)}
    assert len(load_peers(copy_table(tmp_path, scale=scale, meta=without_levels), framework).values) == 55


def test_a_table_off_its_own_metadata_levels_is_refused_even_without_a_regional_claim(framework, tmp_path):
    def mine(doc):
        doc.pop("region"), doc.pop("zone_level")
        return doc

    path = copy_table(tmp_path, scale={"tax_revenue": 3}, meta=mine)
    text = refused(framework, path)
    assert "tax_revenue" in text and "metadata says 71" in text and "3×" in text


def test_a_table_with_fewer_rows_than_its_metadata_declares_is_refused_at_the_zones_line(framework, tmp_path):
    path = copy_table(tmp_path, rows=12, meta=without_levels)
    line = next(k for k, s in enumerate(path.with_suffix(".yaml").read_text(encoding="utf-8").splitlines(), 1)
                if s.startswith("zones:"))
    text = refused(framework, path)
    assert f"{path.with_suffix('.yaml')}:{line}" in text and "55 zones" in text and "12 rows" in text


def test_a_regional_claim_without_a_year_is_refused(framework, tmp_path):
    def no_year(doc):
        doc.pop("year")
        return without_levels(doc)

    assert "year" in refused(framework, copy_table(tmp_path, meta=no_year))


@pytest.mark.parametrize("scale", [{}, {"fdi_amount": 10}])
def test_a_regional_claim_for_a_year_without_published_means_is_refused_not_taken_on_trust(framework, tmp_path, scale):
    """year: 2022 (the sample's own year) has no published per-zone means: an FDI column ×10 passed unchecked
    and moved the rank 21 → 25 without a word. A claim nothing can check is refused at its `year:` line."""
    def year_2022(doc):
        doc["year"] = 2022
        return without_levels(doc)

    assert published_means(2022, framework) == {}
    said = refused(framework, copy_table(tmp_path, scale=scale, meta=year_2022))
    assert "publish no per-zone means for 2022" in said and ".yaml:" in said


def test_the_users_own_table_may_differ_and_then_is_not_judged_as_the_region(framework, sample_run, tmp_path):
    """No claim (no sidecar): tax ×3 and 12 rows are the user's own zones; the rank conditions are not judged."""
    path = copy_table(tmp_path, scale={"tax_revenue": 3}, rows=12)
    path.with_suffix(".yaml").unlink()
    peers = load_peers(path, framework)
    assert len(peers.values) == 12 and not peers.ranks_region


def test_validate_and_score_refuse_a_table_claiming_the_region_with_tax_three_times_its_mean(tmp_path):
    path = copy_table(tmp_path, scale={"tax_revenue": 3}, meta=without_levels)
    for args in (("validate", "--peers", path), ("score", EXAMPLES, "--peers", path)):
        done = run_cli(*args)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "central_2023_tax_mean" in done.stderr and re.search(r"peers\.csv:1:\d+", done.stderr)


def test_the_peer_model_takes_each_level_from_the_figure_it_cites(tmp_path):
    """The kind: `mean_from` naming another measure than the entry its `cites:` names (units alike, so no unit
    check catches it). Every mean_from of the model, pointed at another's figure, is refused at its line."""
    model = (ROOT / "indicators" / "peers" / "model.yaml").read_text(encoding="utf-8")
    sources = re.findall(r"mean_from: (\w+)", model)
    assert len(sources) >= 4
    for k, src in enumerate(sources):
        other = sources[(k + 1) % len(sources)]
        dest = tmp_path / f"m{k}"
        shutil.copytree(ROOT / "indicators", dest)
        at = model.index(f"mean_from: {src}")
        (dest / "peers" / "model.yaml").write_text(model[:at] + f"mean_from: {other}" + model[at + len(src) + 11:],
                                                   encoding="utf-8")
        line = model[:at].count("\n") + 1
        done = run_cli("validate", dest / "framework.yaml")
        assert done.returncode == 1 and f"model.yaml:{line}" in done.stderr and src in done.stderr, done.stderr


@pytest.mark.parametrize("factor", [10, 0.1])
def test_every_level_the_sidecar_states_is_held_not_only_the_size_measures(framework, tmp_path, factor):
    """bt12 F3: a stated `mean:` was checked against its column only for `dist: size`; every column stating one is
    now refused at its header when its mean lies off it (no regional claim, so only the sidecar speaks). The sidecar's
    level ×10 or ÷10 (÷10 of a signed rate, −5 % → −0.5 %, may lie within the sampling error of 55 zones: not asked)."""
    stated = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))["indicators"]
    others = [i for i, v in stated.items() if v.get("dist") != "size" and isinstance(v.get("mean"), (int, float))
              and (factor > 1 or framework.indicators[i].spec.has_magnitude)]
    assert len(others) > 10
    header = pd.read_csv(default_peers(), encoding="utf-8-sig", nrows=0).columns.tolist()
    for ind in others:
        def mine(doc, ind=ind):
            doc.pop("region"), doc.pop("zone_level")
            doc["indicators"][ind]["mean"] *= factor
            return doc

        text = refused(framework, copy_table(tmp_path, f"{ind}-{factor}", meta=mine))
        col = header.index(ind) + 1
        assert f"peers.csv:1:{col}" in text.replace(f"{ind}-{factor}.csv", "peers.csv") and "metadata says" in text, \
            (ind, text)
