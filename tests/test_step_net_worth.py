"""bt13k F2: a step of one statistic is worth what re-scoring the zone with it gives, counting every indicator it feeds.

The category narrative and the one-step table credited "进出口总额每提高20亿元" with +0.63 points, the trade indicator's
own gain, while raising the trade total with the high-tech trade unchanged lowers the high-tech share: the zone
re-scored gains about +0.2. The caveat named the indicators the statistic raises and hid the one it lowers under 等.
Here every amount indicator of the framework that is one statistic read by other indicators too is checked against
`compare` with a scenario moving that statistic by the step (its own machinery: a YAML change in the indicator's unit),
and the narrative names the indicators the change lowers.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import EXAMPLES


def _view(r, lang: str, analyses):
    from scorer.report import model as report_model

    inputs = report_model.ReportInputs(zone="周口经济开发区", files=r.ingested.files, is_sample=True,
                                       generated=dt.date(2026, 12, 2), lang=lang)
    return report_model.build(r.result, r.panel, inputs, r.standing, r.verdict, analyses, r.problems, r.readiness,
                              peers=r.peers)


def _amount_of_one_shared_field(fw, ind) -> str | None:
    """The field when the indicator is annual(F) or to(annual(F), unit) of one field other indicators read too."""
    reads = fw.fields_read(fw.indicators[ind].tree)
    formula = fw.indicators[ind].spec.formula.replace(" ", "")
    if len(reads) != 1 or not re.fullmatch(rf'(to\()?annual\({reads[0]}\)(,"[^"]+"\))?', formula):
        return None
    others = [o for o in fw.indicators if o != ind and reads[0] in fw.fields_read(fw.indicators[o].tree)]
    return reads[0] if others else None


def test_a_step_of_a_shared_statistic_is_its_rescored_worth(sample_run, tmp_path):
    from scorer.pipeline import analyse
    from scorer.report import gaps
    from scorer.whatif.changes import load_scenarios
    from scorer.whatif.scenario import compare

    r = sample_run
    assert r.result.period.endswith("Q4")  # a Q4 flow's full-year figure is its own: a scenario's +N is the step
    analyses = analyse(r)
    fw = r.framework
    view = _view(r, "zh", analyses)
    rows = {row["name"]: row for row in view["priorities"]}
    checked = 0
    for i in r.result.indicators:
        field = _amount_of_one_shared_field(fw, i.id)
        if field is None or i.marginal_points <= 0 or not i.gap_to_target:
            continue
        step, gain = gaps.step_gain(i, type("W", (), {"steps": analyses.steps})())
        sc = tmp_path / f"{i.id}.yaml"
        sign = "-" if i.direction == "lower" else "+"
        from scorer import units

        # a scenario sets what it writes: the wholes the statistic adds to (fields.yaml adds_to) given the change too
        lines = [f"  {field}: {sign}{step!r} {i.unit}"]
        todo = list(fw.fields[field].adds_to)
        while todo:
            whole = todo.pop(0)
            unit = fw.fields[whole].unit
            lines.append(f"  {whole}: {sign}{step * units.factor(i.unit, unit)!r} {unit}")
            todo += fw.fields[whole].adds_to
        sc.write_text(f"name: s{i.id}\ndescription: x\nfields:\n" + "\n".join(lines) + "\n", encoding="utf-8")
        out = compare(r, load_scenarios([sc], fw))
        rescored = out.scenarios[0].overall - out.baseline.overall
        assert gain == pytest.approx(rescored, abs=2e-3), (i.id, gain, rescored, gaps.step_worth(i)[1])
        row = next(v for k, v in rows.items() if i.name_zh in k)
        assert row["gain"] == f"{rescored:+.2f}".replace("-", "−") or float(row["gain"].replace("−", "-")) == \
            pytest.approx(rescored, abs=0.006), (i.id, row["gain"], rescored)
        checked += 1
    assert checked >= 2, "the sample must have amounts that share their statistic (trade, GDP, FDI, tax)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_narrative_names_what_the_statistic_lowers(sample_run, lang):
    """The trade step's sentence: its net figure, never the indicator's own, and the high-tech share named as falling."""
    from scorer.pipeline import analyse
    from scorer.report import gaps
    from scorer.report.model import _Words

    r = sample_run
    analyses = analyse(r)
    effect = analyses.steps["trade_amount"]
    assert "hightech_trade_share" in effect.lowers and effect.points < effect.alone - 0.1
    w = _Words(r.result, lang)
    w.steps = analyses.steps
    trade = next(i for i in r.result.indicators if i.id == "trade_amount")
    sentence = gaps.marginal_text([trade], r.result, w)
    assert f"{effect.points:.2f}" in sentence and f"{effect.alone:.2f}" not in sentence, sentence
    share = r.framework.indicators["hightech_trade_share"]
    name = share.name_zh if lang == "zh" else share.name_en
    if lang == "zh":
        assert re.search(re.escape(name) + r"[^（(；]*随之下降", sentence), sentence
    else:
        assert re.search(r"lowering[^;]*" + re.escape(name), sentence.replace("\xa0", " "), re.I), sentence
    assert "等" not in sentence and "and others" not in sentence
    # the whole view too: a category sentence never prints a step's own figure where its statistic's net differs
    view = _view(r, lang, analyses)
    text = " ".join(c["sentence"] for c in view["categories"]).replace("\xa0", " ")
    for ind, e in analyses.steps.items():
        if abs(e.points - e.alone) >= 0.01:
            name = r.framework.indicators[ind].name_zh if lang == "zh" else r.framework.indicators[ind].name_en
            m = re.search(re.escape(name) + r"每(提高|降低)" if lang == "zh" else r"(increase|reduction) in " + re.escape(name) +
                          r" would add about", text.replace("\xa0", " "), re.I)
            if m:
                assert f"{e.alone:.2f}分" not in text[m.end():m.end() + 30] if lang == "zh" else \
                    f"about {e.alone:.2f}" not in text[m.start():m.end() + 30], (ind, text)
