"""Every number that cites yardsticks is checked through its whole chain, never passed silently (issue 12).

The kinds: a central ÷ national ratio applied to a figure that is already central; a citation whose
unit does not convert (a ratio cited first, another measure, another currency without a rate); money
in the other currency (亿美元 vs 亿元) in a target, a threshold or a peer-table column; a caliber check
pointing at the wrong total or share; a threshold whose citation has no number; peer-model counts and
levels that cannot mean what they say. Source of the figures: ../shared/domain/yardsticks.md.
"""

from __future__ import annotations

import re
import shutil

import pytest

from scorer import units
from scorer.errors import Location, ScorerError
from scorer.framework.model import load_framework
from scorer.framework.yardsticks import (CannotCheck, check_caliber_checks, check_numbers, cited_number, in_unit,
                                         is_converter, load_yardsticks)
from scorer.score.rules import PARAMETER_UNITS, load_rules
from tests.conftest import ROOT

INDICATORS = ROOT / "indicators"
HERE = Location(file=INDICATORS / "x.yaml", line=1)


@pytest.fixture(scope="module")
def ys():
    return load_yardsticks()


@pytest.fixture(scope="module")
def numbers(framework):
    """(what, value, unit, cites) of every default number checked against what it cites."""
    rules = load_rules(None, framework)
    out = [(f"target {i.id}", i.target.value, i.unit, i.target.cites) for i in framework.indicators.values()
           if i.target.basis in ("mean", "median", "threshold")]
    out += [(f"threshold {t.id}", t.value, t.unit, t.cites) for t in rules.spec.thresholds]
    out += [(key, getattr(rules.spec, key).value, unit, getattr(rules.spec, key).cites)
            for key, unit in PARAMETER_UNITS.items() if getattr(rules.spec, key) is not None
            and getattr(rules.spec, key).cites]
    out += [(f"caliber {c.field}", c.max_share, "%", c.cites) for c in framework.caliber_checks]
    return out


def _copy(tmp_path, edits: dict[str, list[tuple[str, str]]]):
    dest = tmp_path / "indicators"
    shutil.copytree(INDICATORS, dest)
    for name, pairs in edits.items():
        path = dest / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, (name, old, text.count(old))
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return dest


def _line(path, needle: str) -> int:
    return next(k for k, s in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in s)


def test_every_default_number_is_checked_and_agrees(numbers, ys):
    """The positive control: each default cited number has a chain that gives it (none left unchecked)."""
    assert len(numbers) >= 15
    for what, value, unit, cites in numbers:
        got = cited_number(value, unit, cites, ys)
        assert got is not None, what
        assert not check_numbers([(value, unit, cites, HERE, what)], ys), what


# ------------------------------------------------------------------ 1: a ratio applied to the wrong figure
def test_a_ratio_applied_to_a_figure_already_of_its_region_is_refused_naming_both(ys):
    converters = [e for e in ys.entries.values() if is_converter(e)]
    assert converters and all(e.from_region for e in converters)
    figures = [e for e in ys.entries.values() if e.value is not None and not is_converter(e) and e.kind != "fx"]
    tried = 0
    for r in converters:
        for src in figures:
            if src.region == r.from_region:
                continue  # the ratio's own use (national mean × central ÷ national) is the control below
            with pytest.raises(CannotCheck) as exc:
                cited_number(src.value * r.value, src.unit, [src.id, r.id], ys)
            assert r.id in str(exc.value) and src.id in str(exc.value)
            tried += 1
        national = next(e for e in figures if e.region == r.from_region)
        assert cited_number(national.value * r.value, national.unit, [national.id, r.id], ys)[0] == \
            pytest.approx(national.value * r.value)
    assert tried > 20


def test_validate_refuses_a_central_mean_times_the_central_ratio_at_the_target_line(tmp_path):
    """fdi_amount 1091 citing [central mean, central ratio]: refused at its line, naming both citations."""
    dest = _copy(tmp_path, {"framework.yaml": [(
        "          value: 4364\n          basis: mean\n          confidence: medium\n          cites: [central_2023_fdi_mean]",
        "          value: 1091\n          basis: mean\n          confidence: medium\n"
        "          cites: [central_2023_fdi_mean, central_2023_fdi_ratio]")]})
    with pytest.raises(ScorerError) as exc:
        load_framework(dest / "framework.yaml")
    text = str(exc.value)
    assert f"framework.yaml:{_line(dest / 'framework.yaml', 'value: 1091')}" in text
    assert "central_2023_fdi_mean" in text and "central_2023_fdi_ratio" in text


def test_a_ratio_that_does_not_say_what_it_converts_is_not_applied_silently(tmp_path):
    dest = _copy(tmp_path, {"yardsticks.yaml": [("    region: central\n    from_region: national\n    what_zh: 中部区均实际使用外资",
                                                  "    region: central\n    what_zh: 中部区均实际使用外资")]})
    ys = load_yardsticks(dest / "yardsticks.yaml")
    with pytest.raises(CannotCheck) as exc:
        cited_number(80, "家", ["national_2023_hightech_mean", "central_2023_fdi_ratio"], ys)
    assert "central_2023_fdi_ratio" in str(exc.value) and "from_region" in str(exc.value)


# ------------------------------------------------------------------ 2: nothing cited makes a check pass silently
def test_a_ratio_cited_first_does_not_make_a_wrong_number_pass(numbers, ys):
    """The chain is the same in any order: ×10 is refused with the ratio cited first."""
    tried = 0
    for what, value, unit, cites in numbers:
        if not value:
            continue
        reordered = sorted(cites, key=lambda c: not (c in ys and is_converter(ys[c])))
        assert not check_numbers([(value, unit, reordered, HERE, what)], ys), what
        assert check_numbers([(value * 10, unit, reordered, HERE, what)], ys), what
        tried += any(c in ys and is_converter(ys[c]) for c in cites)
    assert tried >= 3  # targets resting on a national mean × the central GDP ratio


def test_a_first_citation_that_does_not_convert_is_refused_never_skipped(numbers, ys):
    """Put first a figure of another measure (a unit that does not convert): a problem, not a pass."""
    figures = [e for e in ys.entries.values() if e.value is not None and not is_converter(e)]
    for what, value, unit, cites in numbers:
        other = next(e for e in figures if _unconvertible(e, unit))
        problems = check_numbers([(value, unit, [other.id, *cites], HERE, what)], ys)
        assert problems and other.id in str(problems[0].message), what
        assert problems[0].location == HERE


def _unconvertible(entry, unit: str) -> bool:
    try:
        in_unit(entry, unit)
    except units.UnitError:
        return True
    return False


# ------------------------------------------------------------------ 3: money in the other currency
def _other_currency(unit: str) -> str | None:
    swap = {"万美元": "万元", "万元": "万美元", "亿元": "亿美元", "亿美元": "亿元"}
    return swap.get(unit)


def test_a_money_number_in_the_other_currency_is_checked_at_its_year_s_rate(numbers, ys):
    tried = 0
    for what, value, unit, cites in numbers:
        other = _other_currency(unit)
        if other is None:
            continue
        src = ys[cites[0]]
        problems = check_numbers([(value, other, cites, HERE, what)], ys)
        assert problems, what  # the same figure under the other currency: refused (or cannot be checked)
        rate = units.exchange_rates().get(src.year)
        if rate is not None:
            converted = value * units.money_factor(unit, other, src.year)[0]
            assert not check_numbers([(converted, other, cites, HERE, what)], ys), what
            tried += 1
        else:
            assert "rate" in str(problems[0].message)  # a 2010 threshold: no rate, said, not passed
    assert tried >= 2


def test_a_framework_in_us_dollars_converts_the_peer_column_and_refuses_the_unconverted_target(tmp_path):
    """trade_amount kept in 亿美元: the target 191 (the 亿元 figure) is refused; 27.1 passes, and the bundled
    peer table's trade column (亿元, as its sidecar says) is converted at 2023's rate, not read as 亿美元."""
    from scorer.score.peers import load_peers

    unit = ('unit: 亿元\n        bounds: {min: 0}\n        direction: higher\n        formula: to(annual(trade_total), "亿元")',
            'unit: 亿美元\n        bounds: {min: 0}\n        direction: higher\n        formula: to(annual(trade_total), "亿美元")')
    target = ("          value: 191\n", "          value: 27.1\n")
    wrong = _copy(tmp_path / "a", {"framework.yaml": [unit]})
    with pytest.raises(ScorerError) as exc:
        load_framework(wrong / "framework.yaml")
    assert f"framework.yaml:{_line(wrong / 'framework.yaml', 'value: 191')}" in str(exc.value)
    right = _copy(tmp_path / "b", {"framework.yaml": [unit, target]})
    fw = load_framework(right / "framework.yaml")
    rate = units.exchange_rates()[2023].yuan_per_dollar
    base = load_peers(INDICATORS / "peers" / "central-synthetic.csv", load_framework())
    peers = load_peers(right / "peers" / "central-synthetic.csv", fw)
    assert peers.values["trade_amount"].mean() == pytest.approx(base.values["trade_amount"].mean() / rate)
    assert peers.values["fdi_amount"].mean() == pytest.approx(base.values["fdi_amount"].mean())


def test_the_bundled_peer_sidecar_gives_every_column_s_unit(framework):
    from scorer.yamlio import load_yaml

    meta = load_yaml(INDICATORS / "peers" / "central-synthetic.yaml")
    assert {i: s.get("unit") for i, s in meta["indicators"].items()} == {i: d.unit for i, d in framework.indicators.items()}


def test_a_peer_column_in_a_unit_that_does_not_convert_is_refused_at_the_sidecar_line(tmp_path, framework):
    from scorer.score.peers import load_peers

    meta = INDICATORS / "peers" / "central-synthetic.yaml"
    text = meta.read_text(encoding="utf-8")
    start = text.index("\n  trade_amount:\n")
    old = text[start:text.index("\n    dist:", start)]
    dest = _copy(tmp_path, {"peers/central-synthetic.yaml": [(old, old.replace("unit: 亿元", "unit: 吨"))]})
    with pytest.raises(ScorerError) as exc:
        load_peers(dest / "peers" / "central-synthetic.csv", framework)
    line = _line(dest / "peers" / "central-synthetic.yaml", "unit: 吨")
    assert f"central-synthetic.yaml:{line}" in str(exc.value) and "trade_amount" in str(exc.value)


def test_an_export_threshold_in_yuan_is_refused_when_no_rate_converts_its_source(tmp_path, framework):
    """The 2010 threshold is in 亿美元 and the table has no 2010 rate: in 亿元 it cannot be checked, so refused."""
    dest = _copy(tmp_path, {"rules.yaml": [('    op: ">="\n    value: 25\n    unit: 亿美元',
                                            '    op: ">="\n    value: 176\n    unit: 亿元')]})
    with pytest.raises(ScorerError) as exc:
        load_rules(dest / "rules.yaml", framework)
    assert f"rules.yaml:{_line(dest / 'rules.yaml', 'value: 176')}" in str(exc.value)
    assert "2010" in str(exc.value) and "historic_2010_exports" in str(exc.value)


# ------------------------------------------------------------------ 4: the caliber check's own parameters
def test_a_caliber_check_on_any_other_total_is_refused_at_its_line(framework, ys):
    doc = {"caliber_checks": [{"field": c.field, "province_total": c.province_total, "max_share": c.max_share}
                              for c in framework.caliber_checks]}
    fields = {f: d.unit for f, d in framework.fields.items()}
    assert not check_caliber_checks(framework.caliber_checks, fields, ys, doc, INDICATORS / "framework.yaml")
    for k, check in enumerate(framework.caliber_checks):
        for e in ys.entries.values():
            if e.id == check.province_total:
                continue
            checks = list(framework.caliber_checks)
            checks[k] = check.model_copy(update={"province_total": e.id})
            problems = check_caliber_checks(checks, fields, ys, doc, INDICATORS / "framework.yaml")
            assert problems and e.id in str(problems[0].message), (check.field, e.id)
        for share in (check.max_share * 10, check.max_share / 10):
            checks = list(framework.caliber_checks)
            checks[k] = check.model_copy(update={"max_share": min(share, 100)})
            if checks[k].max_share == check.max_share:
                continue
            assert check_caliber_checks(checks, fields, ys, doc, INDICATORS / "framework.yaml"), (check.field, share)


@pytest.mark.parametrize("old, new, key", [
    ("    province_total: henan_2023_fdi_total_mofcom\n    max_share: 10\n",
     "    province_total: henan_2021_fdi_total_old\n    max_share: 10\n", "province_total: henan_2021_fdi_total_old"),
    ("    province_total: henan_2023_fdi_total_mofcom\n    max_share: 10\n",
     "    province_total: central_2023_gdp_mean\n    max_share: 10\n", "province_total: central_2023_gdp_mean"),
    ("    max_share: 10\n", "    max_share: 100\n", "max_share: 100\n    cites: [fdi_caliber"),
])
def test_validate_refuses_a_bad_caliber_parameter_at_its_line_without_an_internal_error(tmp_path, old, new, key):
    dest = _copy(tmp_path, {"framework.yaml": [(old, new)]})
    text = (dest / "framework.yaml").read_text(encoding="utf-8")
    line = text[:text.index(key)].count("\n") + 1
    with pytest.raises(ScorerError) as exc:
        load_framework(dest / "framework.yaml")
    assert f"framework.yaml:{line}" in str(exc.value)
    assert any(p.message_zh != p.message for p in exc.value.problems)  # said in Chinese too


# ------------------------------------------------------------------ 5: a threshold with nothing to cite
def test_a_threshold_whose_citations_have_no_number_is_refused(framework, ys):
    rules = load_rules(None, framework)
    blank = [e.id for e in ys.entries.values() if e.value is None]
    for t in rules.spec.thresholds:
        problems = check_numbers([(t.value, t.unit, blank[:2], HERE, t.id)], ys)
        assert problems and "no" in str(problems[0].message).lower(), t.id


def test_the_incident_veto_allows_none(tmp_path, framework):
    dest = _copy(tmp_path, {"rules.yaml": [('    op: "<="\n    value: 0\n    unit: 起', '    op: "<="\n    value: 1\n    unit: 起')]})
    with pytest.raises(ScorerError) as exc:
        load_rules(dest / "rules.yaml", framework)
    assert f"rules.yaml:{_line(dest / 'rules.yaml', 'value: 1')}" in str(exc.value)


# ------------------------------------------------------------------ 6: peer-model parameters mean what they say
def test_every_peer_model_level_beyond_its_indicator_s_bounds_or_range_is_refused(framework):
    from scorer.score.peer_model import PeerModel, _bounded, default_model
    from scorer.yamlio import load_yaml

    model = PeerModel.model_validate(load_yaml(default_model()))
    at = lambda key: HERE  # noqa: E731
    tried = 0
    for ind, spec in model.indicators.items():
        if spec.mean is None:
            continue
        assert not _bounded(ind, spec, spec.mean, framework, HERE, at), ind
        bounds = framework.indicators[ind].spec.value_bounds
        for wrong in (bounds.max and bounds.max * 2.5, spec.high and spec.high * 3 + 1, spec.low and spec.low - 10):
            if wrong and (not bounds.contains(wrong) or (spec.high and wrong > spec.high) or (spec.low and wrong < spec.low)):
                assert _bounded(ind, spec, wrong, framework, HERE, at), (ind, wrong)
                tried += 1
    assert tried >= 20


@pytest.mark.parametrize("old, new", [
    ("mean: 25, sd: 12", "mean: 250, sd: 12"),
    ("zones_from: central_YYYY_zones", "zones_from: national_YYYY_zones_assessed"),
    ("zones_from: central_YYYY_zones", "zones_from: central_YYYY_gdp_mean"),
    ("national_zones_from: national_YYYY_zones_assessed", "national_zones_from: central_YYYY_zones"),
    ("zones_from: central_YYYY_zones", "zones_from: assessment_2021_regional_counts"),  # central, but 2021's
    ("mean_from: central_YYYY_fdi_mean, cv: 1.6, cites: [central_YYYY_fdi_mean, central_YYYY_right_skewed]",
     "mean_from: central_YYYY_fdi_mean, times: central_YYYY_fdi_ratio, cv: 1.6, "
     "cites: [central_YYYY_fdi_mean, central_YYYY_fdi_ratio]"),  # a central mean × the central ratio
])
def test_the_peer_model_refuses_a_parameter_that_cannot_mean_what_it_says_at_its_line(tmp_path, framework, old, new):
    from scorer.score.peer_model import build_peers

    dest = _copy(tmp_path, {"peers/model.yaml": [(old, new)]})
    model = dest / "peers" / "model.yaml"
    with pytest.raises(ScorerError) as exc:
        build_peers(2023, framework, model)
    assert f"model.yaml:{_line(model, new)}" in str(exc.value)
    assert re.search(r"must|outside|already a central figure", str(exc.value))


# ------------------------------------------------------------------ a formula's unit is the indicator's
@pytest.mark.parametrize("old, new, needle", [
    ('formula: to(annual(tax_revenue), "亿元")', 'formula: to(annual(tax_revenue), "万元")', "annual(tax_revenue)"),
    ('        unit: 万美元\n        bounds: {min: 0}\n        direction: higher\n        formula: annual(fdi_actual)',
     '        unit: 亿美元\n        bounds: {min: 0}\n        direction: higher\n        formula: annual(fdi_actual)',
     "formula: annual(fdi_actual)"),
])
def test_a_formula_giving_another_unit_than_its_indicator_s_is_refused_at_its_line(tmp_path, old, new, needle):
    """to(annual(tax_revenue), "万元") scored as 亿元 (×10 000) passed validate; so did a 万美元 field as 亿美元."""
    edits = [(old, new)]
    if "亿美元" in new:  # the target follows the unit, so that only the formula is wrong
        edits.append(("          value: 4364\n", "          value: 0.4364\n"))
    dest = _copy(tmp_path, {"framework.yaml": edits})
    with pytest.raises(ScorerError) as exc:
        load_framework(dest / "framework.yaml")
    assert f"framework.yaml:{_line(dest / 'framework.yaml', needle)}" in str(exc.value) and "formula" in str(exc.value)


def test_a_peer_column_headed_in_the_other_currency_converts_at_the_table_s_year_or_is_refused(tmp_path, framework):
    """trade_amount is kept in 亿元: a column headed 进出口总额（亿美元） converts at the rate of the sidecar's
    `year:`; without a year nothing says which rate, so it is refused at the column, never read as 亿元."""
    from scorer.score.peers import load_peers

    table = tmp_path / "zones.csv"
    table.write_text("园区名称,进出口总额（亿美元）\n甲,10\n乙,30\n", encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_peers(table, framework)
    assert "zones.csv:1:2" in str(exc.value)
    table.with_suffix(".yaml").write_text("year: 2023\n", encoding="utf-8")
    peers = load_peers(table, framework)
    rate = units.exchange_rates()[2023].yuan_per_dollar
    assert peers.values["trade_amount"].tolist() == pytest.approx([10 * rate, 30 * rate])


def test_an_assumed_peer_level_beyond_the_target_is_refused(framework, ys):
    """patents_per_10k 700 (judgement) against a target of 108 made every synthetic zone saturate: an assumed
    level (judgement, or citing no figure) stays on the weaker side of its target, as the model sets them."""
    from scorer.score.peer_model import PeerModel, _bounded, default_model
    from scorer.yamlio import load_yaml

    model = PeerModel.model_validate(load_yaml(default_model()))
    at = lambda key: HERE  # noqa: E731
    tried = 0
    for ind, spec in model.indicators.items():
        assumed = spec.mean_from is None and (spec.basis == "judgement" or not any(
            ys[c.replace("YYYY", "2023")].value is not None for c in spec.cites))
        target = framework.indicators[ind].spec.target
        if not assumed or spec.mean is None or target is None:
            continue
        assert not _bounded(ind, spec, spec.mean, framework, HERE, at, assumed=True), ind
        beyond = target.value * 1.5 + 1 if framework.indicators[ind].spec.direction == "higher" else target.value * 0.5
        widened = spec.model_copy(update={"low": None, "high": None})  # only the target is in the way
        problems = _bounded(ind, widened, beyond, framework, HERE, at, assumed=True)
        assert problems and "target" in str(problems[0].message), (ind, beyond)
        tried += 1
    assert tried >= 10


def test_a_number_that_claims_a_source_but_cites_nothing_is_refused(numbers, ys, tmp_path, framework):
    """basis: mean with its cites removed (value ×10), a historic threshold without cites: refused at the line;
    a user's own threshold (role: user) or score cut-off without cites stays the user's."""
    for what, value, unit, cites in numbers:
        assert check_numbers([(value, unit, [], HERE, what)], ys), what
    dest = _copy(tmp_path, {
        "framework.yaml": [("          value: 4364\n          basis: mean\n          confidence: medium\n"
                            "          cites: [central_2023_fdi_mean]\n",
                            "          value: 43640\n          basis: mean\n          confidence: medium\n")],
        "rules.yaml": [("    value: 5\n    unit: 亿元\n    confidence: low\n    cites: [historic_2010_tax]\n",
                        "    value: 50\n    unit: 亿元\n    confidence: low\n")]})
    with pytest.raises(ScorerError) as exc:
        load_framework(dest / "framework.yaml")
    assert f"framework.yaml:{_line(dest / 'framework.yaml', 'value: 43640')}" in str(exc.value)
    with pytest.raises(ScorerError) as exc:
        load_rules(dest / "rules.yaml", framework)
    assert f"rules.yaml:{_line(dest / 'rules.yaml', 'value: 50')}" in str(exc.value)
    own = tmp_path / "own.yaml"
    own.write_text("name_zh: 自定\nname_en: own\noverall_min: {value: 75, confidence: low, source: 自定}\n"
                   "thresholds:\n  - {id: mine, name_zh: 我的, name_en: mine, indicator: tax_revenue, op: '>=', value: 50,"
                   " unit: 亿元, source: 自定, confidence: low}\n", encoding="utf-8")
    assert load_rules(own, framework).spec.thresholds[0].value == 50
