"""Yardsticks as data: the published figures every default target, rule and peer parameter cites, and the framework revisited against them."""

from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from scorer.errors import ScorerError
from scorer.framework.model import load_framework
from scorer.framework.yardsticks import cites_in, load_yardsticks
from scorer.score.rules import load_rules
from scorer.yamlio import load_yaml
from tests.conftest import EXAMPLES
from tests.conftest import ROOT, run_cli

INDICATORS = ROOT / "indicators"


@pytest.fixture(scope="module")
def yardsticks():
    return load_yardsticks()


def test_the_bundled_yardsticks_hold_the_published_central_figures(yardsticks):
    assert yardsticks.value("central_2023_gdp_mean") == 545
    assert yardsticks.value("central_2023_tax_mean") == 71
    assert yardsticks.value("central_2023_trade_mean") == 191
    assert yardsticks.value("central_2023_fdi_mean") == 4364
    ratios = {k: yardsticks.value(f"central_2023_{k}_ratio") for k in ("fdi", "trade", "tax", "gdp")}
    assert ratios == {"fdi": 0.25, "trade": 0.43, "tax": 0.65, "gdp": 0.79}
    henan = {e.zone: e.rank for e in yardsticks.of_kind("rank") if e.region == "河南" and e.year == 2023}
    assert henan == {"郑州经开区": 26, "漯河经开区": 41, "鹤壁经开区": 62, "红旗渠经开区": 64, "新乡经开区": 121,
                     "许昌经开区": 126, "开封经开区": 133}
    assert yardsticks.value("historic_2010_exports") == 25 and yardsticks["historic_2010_exports"].unit == "亿美元"
    from scorer.units import exchange_rates

    # One table of exchange rates: the yardsticks' fx entries are the reader's conversion rates.
    assert {e.year: e.value for e in yardsticks.of_kind("fx")} == {y: r.yuan_per_dollar for y, r in exchange_rates().items()}
    assert {2021, 2022, 2023} <= {e.year for e in yardsticks.of_kind("fx")}
    for e in yardsticks.entries.values():
        assert e.source and e.confidence


def test_every_default_target_and_rule_cites_an_entry_that_exists(framework, yardsticks):
    for ind in framework.indicators.values():
        assert ind.target.cites, f"{ind.id}: target cites no yardstick"
        assert all(c in yardsticks for c in ind.target.cites)
        assert ind.evidence is not None and ind.evidence.status in ("confirmed", "plausible", "own"), ind.id
        assert ind.evidence.cites and all(c in yardsticks for c in ind.evidence.cites)
    rules = load_rules(None, framework)
    assert rules.spec.rank_share_max.cites
    for t in rules.spec.thresholds:
        assert t.cites and all(c in yardsticks for c in t.cites), t.id
    for cites, _, who in cites_in(load_yaml(INDICATORS / "peers" / "central-synthetic.yaml"), INDICATORS):
        assert cites and all(c in yardsticks for c in cites), who


def test_a_target_at_a_published_mean_repeats_the_cited_number(framework, yardsticks):
    """basis: mean targets are the cited figure (or the national figure times the cited central ratio)."""
    for ind in framework.indicators.values():
        t = ind.target
        if t.basis != "mean":
            continue
        cited = [yardsticks[c] for c in t.cites]
        level = [e.value for e in cited if e.kind == "mean" or (e.kind == "ratio" and e.unit)]
        ratio = [e.value for e in cited if e.kind == "ratio" and not e.unit]
        expected = level[0] * (ratio[0] if ratio else 1.0)
        assert t.value == pytest.approx(expected, rel=0.025), ind.id


def _copy_indicators(tmp_path):
    dest = tmp_path / "indicators"
    shutil.copytree(INDICATORS, dest)
    return dest


def test_validate_refuses_a_dangling_citation_in_the_framework_with_its_line(tmp_path):
    dest = _copy_indicators(tmp_path)
    fw = dest / "framework.yaml"
    text = fw.read_text(encoding="utf-8")
    assert "cites: [central_2023_tax_mean]" in text
    fw.write_text(text.replace("cites: [central_2023_tax_mean]", "cites: [central_2023_tax_meen]", 1), encoding="utf-8")
    line = next(k for k, s in enumerate(fw.read_text(encoding="utf-8").splitlines(), 1) if "central_2023_tax_meen" in s)
    done = run_cli("validate", str(fw))
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert f"framework.yaml:{line}" in done.stderr
    assert "central_2023_tax_meen" in done.stderr and "central_2023_tax_mean" in done.stderr  # did you mean


def _every_cited_number(framework, yardsticks):
    """(file name, id, value, unit, cites) of every default target and threshold that rests on a published figure."""
    rules = load_rules(None, framework)
    out = [("framework.yaml", i.id, i.target.value, i.unit, i.target.cites) for i in framework.indicators.values()
           if i.target.basis in ("mean", "median", "threshold")]
    return out + [("rules.yaml", t.id, t.value, t.unit, t.cites) for t in rules.spec.thresholds]


def test_validate_refuses_any_cited_number_ten_times_or_a_unit_off_its_yardstick(framework, yardsticks, tmp_path):
    """The kind: a number whose citation says where it comes from, but which is not that figure (×10, ÷10 000)."""
    from scorer.framework.yardsticks import cited_number

    cases = [c for c in _every_cited_number(framework, yardsticks) if cited_number(c[2], c[3], c[4], yardsticks)]
    assert {c[1] for c in cases} >= {"fdi_amount", "gdp_amount", "tax_revenue", "output_density_min", "exports_min"}
    for n, (name, id_, value, unit, cites) in enumerate(cases):
        for wrong in (value * 10, value / 10_000) if value else (1,):  # 0 (the veto's 0 起) scales to itself
            dest = _copy_indicators(tmp_path / f"{n}-{wrong:g}")
            path = dest / name
            text = path.read_text(encoding="utf-8")
            key = f"- id: {id_}\n"
            start = text.index(key)
            at = re.compile(r"\n\s+value: (\S+)\n").search(text, start)
            assert float(at.group(1)) == value, (id_, at.group(0))
            path.write_text(text[:at.start(1)] + repr(wrong) + text[at.end(1):], encoding="utf-8")
            line = text[:at.start(1)].count("\n") + 1
            with pytest.raises(ScorerError) as exc:
                load_rules(dest / "rules.yaml", load_framework(dest / "framework.yaml"))
            assert f"{name}:{line}" in str(exc.value) and "cites" in str(exc.value), (id_, str(exc.value))
    # The same through the command line: exit 1, file and line, no traceback.
    done = run_cli("validate", str(dest / "framework.yaml"))
    assert done.returncode == 1 and "Traceback" not in done.stderr and f"{name}:{line}" in done.stderr


def test_validate_refuses_a_dangling_citation_in_the_rules_and_the_peer_model(tmp_path):
    dest = _copy_indicators(tmp_path)
    rules = dest / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("[provincial_incident_veto]", "[no_such_entry]"),
                     encoding="utf-8")
    done = run_cli("validate", str(dest / "framework.yaml"), "--rules", str(rules))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert re.search(r"rules\.yaml:\d+", done.stderr) and "no_such_entry" in done.stderr

    dest2 = _copy_indicators(tmp_path / "b")
    meta = dest2 / "peers" / "central-synthetic.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("central_2023_gdp_mean", "central_2023_gdp_mode", 1),
                    encoding="utf-8")
    done = run_cli("validate", str(dest2 / "framework.yaml"), "--peers", str(dest2 / "peers" / "central-synthetic.csv"))
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert re.search(r"central-synthetic\.yaml:\d+", done.stderr) and "central_2023_gdp_mode" in done.stderr


def test_a_duplicate_yardstick_id_is_refused(tmp_path):
    path = tmp_path / "y.yaml"
    path.write_text(textwrap.dedent("""\
        entries:
          - {id: a, kind: mean, year: 2023, region: central, what_zh: 甲, value: 1, source: s, confidence: high}
          - {id: a, kind: mean, year: 2024, region: central, what_zh: 甲, value: 2, source: s, confidence: high}
        """), encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_yardsticks(path)
    assert "duplicate yardstick id 'a'" in str(exc.value) and "y.yaml:3" in str(exc.value)


def test_an_exchange_rate_repeated_in_the_yardsticks_is_refused_at_its_line(tmp_path):
    path = tmp_path / "y.yaml"
    path.write_text(textwrap.dedent("""\
        entries:
          - {id: a, kind: mean, year: 2023, region: central, what_zh: 甲, value: 1, source: s, confidence: high}
          - {id: fx_2023, kind: fx, year: 2023, region: national, what_zh: 汇率, value: 7.2, source: s, confidence: high}
        """), encoding="utf-8")
    with pytest.raises(ScorerError) as exc:
        load_yardsticks(path)
    assert "repeats an exchange rate" in str(exc.value) and "y.yaml:3" in str(exc.value)
    assert "exchange_rates.yaml" in str(exc.value)


def test_the_framework_keeps_five_categories_and_thirty_weighted_indicators(framework):
    assert [(g.id, round(g.weight * 100), len(g.children)) for g in framework.categories] == [
        ("opening", 30, 7), ("innovation", 15, 6), ("green", 15, 5), ("coordination", 10, 4), ("quality", 30, 8)]
    assert len(framework.indicators) == 30
    quality = framework.groups["quality"].children
    assert "gdp_amount" in quality and "land_use_rate" in quality
    assert framework.indicators["gdp_amount"].formula == 'to(annual(gdp), "亿元")'


def test_a_major_incident_is_a_veto_not_a_weighted_indicator(framework):
    formulas = " ".join(i.formula or "" for i in framework.indicators.values())
    assert "safety_env_incidents" not in formulas
    veto = [t for t in load_rules(None, framework).spec.thresholds if t.role == "veto"]
    assert [t.formula for t in veto] == ["safety_env_incidents"]


def test_incubators_are_counted_at_national_level_only(framework):
    names = " ".join(i.formula or "" for i in framework.indicators.values())
    assert "national_incubators" in names
    assert not re.search(r"\bincubators\b", names)
    assert "省级" not in framework.indicators["national_incubators"].name_zh


def test_historic_thresholds_are_shown_but_never_decide(framework):
    rules = load_rules(None, framework)
    historic = {t.id: t for t in rules.spec.thresholds if t.role == "historic"}
    assert set(historic) == {"tax_revenue_min", "output_density_min", "exports_min", "fdi_cumulative_min"}
    assert all(t.confidence == "low" for t in historic.values())
    assert historic["exports_min"].value == 25 and historic["exports_min"].unit == "亿美元"  # as the source writes it


def test_the_methodology_evidence_marks_each_indicator(framework):
    status = {i.id: i.evidence.status for i in framework.indicators.values()}
    assert status["fdi_amount"] == "confirmed" and status["patents_per_10k"] == "own"
    assert status["tax_per_mu"] == "own" and status["land_use_rate"] == "confirmed"


def test_the_sample_workbooks_carry_the_new_raw_fields_and_stay_marked_as_sample(sample_run):
    fields = {o.field for o in sample_run.ingested.observations}
    assert {"national_incubators", "approved_area"} <= fields
    from openpyxl import load_workbook

    wb = load_workbook(next((ROOT / "examples").glob("*2022年1-12月.xlsx")), read_only=True)
    texts = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    assert "示例数据" in texts


@pytest.mark.parametrize("period", ["2021Q4", "2022Q4"])
def test_a_threshold_in_dollars_converts_each_year_at_its_own_rate(period):
    """The historic export threshold (亿美元) over exports kept in 万元: the quarter's year's rate, never a fixed one."""
    from scorer.pipeline import run
    from scorer.units import exchange_rates

    r = run([EXAMPLES], period=period)
    rule = next(x for x in r.verdict.rules if x.id == "exports_min")
    (annual,), _ = r.panel.annual_estimate("exports", [period])
    rate = exchange_rates()[int(period[:4])].yuan_per_dollar
    assert r.framework.fields["exports"].unit == "万元"
    assert rule.value == pytest.approx(annual / 1e4 / rate, rel=1e-12)


def test_every_rule_parameter_is_checked_against_what_it_cites():
    """The next Target-valued rule parameter (like bottom_n, rank_share_max) gets a unit here, so it is checked too."""
    from scorer.framework.model import Target
    from scorer.score.rules import PARAMETER_UNITS, RulesFile

    targets = {k for k, f in RulesFile.model_fields.items() if Target in getattr(f.annotation, "__args__", (f.annotation,))}
    assert targets == set(PARAMETER_UNITS)


@pytest.mark.parametrize("key, wrong", [("bottom_n", 2), ("bottom_n", 50), ("rank_share_max", 0.9),
                                        ("rank_share_max", 0.05)])
def test_validate_refuses_a_rule_parameter_that_disagrees_with_what_it_cites(framework, yardsticks, tmp_path, key, wrong):
    """bottom_n cites 后5名, rank_share_max cites 中等水平: another number is refused at its line, as for a threshold;
    written `basis: judgement` it is the user's own choice and passes."""
    from scorer.framework.yardsticks import cited_number
    from scorer.score.rules import PARAMETER_UNITS

    rules = load_rules(None, framework)
    target = getattr(rules.spec, key)
    assert cited_number(target.value, PARAMETER_UNITS[key], target.cites, yardsticks)[0] == target.value
    dest = _copy_indicators(tmp_path)
    path = dest / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    at = re.compile(r"\n  value: (\S+)\n").search(text, text.index(f"\n{key}:\n"))
    assert float(at.group(1)) == target.value
    line = text[:at.start(1)].count("\n") + 1
    path.write_text(text[:at.start(1)] + repr(wrong) + text[at.end(1):], encoding="utf-8")
    done = run_cli("validate", str(dest / "framework.yaml"))
    assert done.returncode == 1 and "Traceback" not in done.stderr and f"rules.yaml:{line}" in done.stderr, done.stderr
    assert key in done.stderr and "cites" in done.stderr
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"\n{key}:\n", f"\n{key}:\n  basis: judgement\n", 1), encoding="utf-8")
    assert getattr(load_rules(path, load_framework(dest / "framework.yaml")).spec, key).value == wrong
