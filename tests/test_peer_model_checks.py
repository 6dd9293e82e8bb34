"""`scorer validate` refuses what `scorer peers build` refuses, at the model's line: one check for both (validate
accepted a share whose spread drew values over 100 %, or a level in fractions, and build then refused its own
table); a ratio cited for another measure, region or year than the figure it converts is refused."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli
from tests.test_peer_model import _indicators_copy


def _line(path, text: str) -> int:
    return next(k for k, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in s)


SHARE = "hightech_va_share: {dist: normal, mean: 35, sd: 15, low: 2, high: 95"


@pytest.mark.parametrize("edit, said", [
    ("hightech_va_share: {dist: normal, mean: 35, sd: 40, low: 2", "between 0 and 100 %"),  # draws over 100 %
    ("hightech_va_share: {dist: normal, mean: 0.35, sd: 0.15, low: 0.02, high: 0.95", "fractions"),  # below the check
])
def test_validate_refuses_a_model_whose_table_build_refuses_at_the_same_line(tmp_path, edit, said):
    dest = _indicators_copy(tmp_path, {"peers/model.yaml": [(SHARE, edit)]})
    model = dest / "peers" / "model.yaml"
    line = _line(model, "hightech_va_share:")
    out = tmp_path / "built.csv"
    for args in (["validate", str(dest / "framework.yaml")],
                 ["peers", "build", "--year", "2023", "-f", str(dest / "framework.yaml"), "--model", str(model),
                  "-o", str(out)]):
        done = run_cli(*args, "--lang", "en")
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert f"{model}:{line}:" in done.stderr and said in done.stderr and "hightech_va_share" in done.stderr, done.stderr
    assert not out.exists()


HIGHTECH = "times: central_YYYY_gdp_ratio, cv: 0.9, integer: true, cites: [national_YYYY_hightech_mean, central_YYYY_gdp_ratio]"
GDP_RATIO = "  - id: central_2023_gdp_ratio\n    kind: ratio\n    year: 2023\n    region: central\n"


def _other_ratios(text: str) -> str:
    """The yardsticks with two more GDP ratios beside the central 2023 one: the central of 2022 and the east's of 2023."""
    start = text.index(GDP_RATIO)
    block = text[start:text.index("\n  - id:", start + 1) + 1]
    return (text[:start] + block.replace("central_2023_gdp_ratio", "central_2022_gdp_ratio").replace("year: 2023", "year: 2022")
            + block.replace("central_2023_gdp_ratio", "east_2023_gdp_ratio").replace("region: central", "region: east")
            + text[start:])


@pytest.mark.parametrize("ratio, said", [
    ("central_YYYY_fdi_ratio", "the ratio of fdi, but it converts national_2023_hightech_mean"),  # another measure
    ("central_2022_gdp_ratio", "(2022) converts national_2023_hightech_mean (2023), but the set is built for 2023"),
    ("east_2023_gdp_ratio", "converts figures into the east region's"),  # another region
])
def test_a_ratio_of_another_measure_region_or_year_is_refused_at_its_line(tmp_path, ratio, said):
    dest = _indicators_copy(tmp_path, {"peers/model.yaml": [(HIGHTECH, HIGHTECH.replace("central_YYYY_gdp_ratio", ratio))]})
    ys = dest / "yardsticks.yaml"
    ys.write_text(_other_ratios(ys.read_text(encoding="utf-8")), encoding="utf-8")
    model = dest / "peers" / "model.yaml"
    line = _line(model, "hightech_enterprises:")
    done = run_cli("validate", str(dest / "framework.yaml"), "--lang", "en")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{model}:{line}:" in done.stderr and said in done.stderr, done.stderr


def test_a_ratio_of_its_own_measure_is_asked_for_where_the_yardsticks_publish_one(tmp_path):
    """GDP from a national mean × the FDI ratio: the GDP ratio exists, so it is the one named."""
    from scorer.framework.model import load_framework
    from scorer.score.peer_model import check_model

    old = "gdp_amount: {dist: size, mean_from: central_YYYY_gdp_mean, cv: 1.0, cites: [central_YYYY_gdp_mean, central_YYYY_right_skewed]}"
    new = ("gdp_amount: {dist: size, mean_from: national_YYYY_gdp_mean, times: central_YYYY_tax_ratio, cv: 1.0, "
           "cites: [national_YYYY_gdp_mean, central_YYYY_tax_ratio]}")
    dest = _indicators_copy(tmp_path, {"peers/model.yaml": [(old, new)]})
    ys = dest / "yardsticks.yaml"
    text = ys.read_text(encoding="utf-8")
    start = text.index("  - id: central_2023_gdp_mean\n")
    block = text[start:text.index("\n  - id:", start + 1) + 1]
    ys.write_text(text[:start] + block.replace("central_2023_gdp_mean", "national_2023_gdp_mean").replace(
        "region: central", "region: national") + text[start:], encoding="utf-8")
    found = [p.render() for p in check_model(load_framework(dest / "framework.yaml"))]
    assert any("the ratio of tax, but it converts national_2023_gdp_mean" in r and "central_YYYY_gdp_ratio" in r
               for r in found), found


def test_a_table_built_by_an_earlier_model_is_refused_at_its_sidecars_line(framework, tmp_path):
    """The kind: a generated set whose sidecar records the parameters of a model that no longer is (high-tech firms
    drawn × the FDI ratio 0.25 instead of the GDP ratio 0.79, since refused by validate): its column agrees with its
    sidecar, so no claim check sees it; the current model's level does not."""
    import pandas as pd
    import yaml

    from scorer.errors import ScorerError
    from scorer.score.peers import default_peers, load_peers

    t = pd.read_csv(default_peers(), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    t["hightech_enterprises"] = (t["hightech_enterprises"].astype(float) * 0.25 / 0.79).round().map(repr)
    path = tmp_path / "old.csv"
    t.to_csv(path, index=False, encoding="utf-8")
    doc = yaml.safe_load(default_peers().with_suffix(".yaml").read_text(encoding="utf-8"))
    old = doc["indicators"]["hightech_enterprises"]
    old["mean"] = round(old["mean"] * 0.25 / 0.79, 4)
    old["cites"] = ["national_2023_hightech_mean", "central_2023_fdi_ratio"]
    meta = path.with_suffix(".yaml")
    meta.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_peers(path, framework)
    [stale] = [p for p in exc.value.problems if p.code == "peer_model_stale"]
    assert stale.location.file == meta and stale.location.line == _line(meta, f"mean: {old['mean']}")
    assert "hightech_enterprises" in stale.render() and "peers build" in stale.render()
    assert all(p.code == "peer_model_stale" for p in exc.value.problems), [p.render() for p in exc.value.problems]
    # the bundled set, built by the current model, passes
    assert len(load_peers(None, framework).values) == 55


def test_a_year_without_a_release_is_one_error_naming_the_years_there_are(tmp_path):
    """bt12i F2: `peers build --year 2022` printed 25 errors, one per citation of a 2022 entry, for one cause. One
    error now, naming the years whose figures are all there; a year with some of its figures keeps one error per
    missing entry (each is a different fix)."""
    out = tmp_path / "p.csv"
    done = run_cli("--lang", "en", "peers", "build", "--year", "2022", "-o", out)
    assert done.returncode == 1 and not out.exists()
    assert done.stderr.count("error:") == 1, done.stderr
    assert "no 2022 release" in done.stderr and "years it has them all for: 2023" in done.stderr
    assert "Traceback" not in done.stderr
    # 2023 with one of its entries renamed away: that entry is named, not "no release"
    dest = _indicators_copy(tmp_path, {"yardsticks.yaml": [("id: central_2023_right_skewed", "id: central_2023_right_skew")]})
    done = run_cli("--lang", "en", "peers", "build", "--year", "2023", "-f", dest / "framework.yaml", "--model",
                   dest / "peers" / "model.yaml", "-o", out)
    assert done.returncode == 1 and "central_2023_right_skewed" in done.stderr and "no 2023 release" not in done.stderr, done.stderr
