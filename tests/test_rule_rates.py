"""The exchange rate an upgrade condition's margin rests on is said (bt13: page 2's only unmet condition was
「−20.6亿美元」, exports in 万元 converted to US dollars at a rate shown nowhere, `"exchange_rates": []`)."""

from __future__ import annotations

from scorer.score.rules import rule_rates
from scorer.units import exchange_rates


def test_a_condition_that_converts_currency_names_its_rate_in_the_json_and_the_report(sample_run):
    run = sample_run
    year = int(run.result.period[:4])
    converting = [t.id for t in run.rules.spec.thresholds if t.formula and "美元" in t.formula]
    assert converting, "the default rules compare exports in 亿美元"
    entries = rule_rates(run.rules, run.result.framework, run.result.period)
    said = {c["id"] for e in entries for c in e["rules"]}
    assert said == set(converting) - {t.id for t in run.rules.spec.thresholds if getattr(t, "unreported", None)}
    assert all(e["year"] == year and e["yuan_per_dollar"] == exchange_rates()[year].yuan_per_dollar for e in entries)
    rates = run.as_dict()["exchange_rates"]
    assert {c["id"] for e in rates for c in e.get("rules", [])} == said

    from scorer.report.provenance import rule_rate_rows

    for lang in ("zh", "en"):
        rows = rule_rate_rows(entries, run.verdict, lambda f: f, lang)
        assert rows and all(r["rate"] == f"{exchange_rates()[year].yuan_per_dollar:g}" for r in rows)
        names = {r.id: (r.name_zh if lang == "zh" else r.name_en) for r in run.verdict.rules}
        assert all(names[i] in rows[0]["converted"] for i in said)


def test_a_condition_in_one_currency_has_no_rate(sample_run):
    """A threshold compared in the unit its statistic is kept in (yuan for yuan) converts at no rate."""
    run = sample_run
    entries = rule_rates(run.rules, run.result.framework, run.result.period)
    ids = {c["id"] for e in entries for c in e["rules"]}
    for t in run.rules.spec.thresholds:
        if t.formula and "美元" not in t.formula:
            assert t.id not in ids
