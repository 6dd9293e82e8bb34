"""bt13j F4: the exchange-rate note says the conversions the report makes. It said amounts in dollars were converted
to yuan while the one conversion listed went the other way (2022年出口总额, 亿元 → 亿美元, for the 25亿美元 threshold);
the note now names conversions both ways, and the sample's run does convert yuan to dollars."""

from __future__ import annotations

import pytest

from scorer.i18n import TEXT


def test_the_sample_converts_yuan_to_dollars(sample_run):
    rates = sample_run.as_dict()["exchange_rates"]
    to = {r["to"] for x in rates for r in x["rules"]}
    assert any("美元" in u for u in to), rates


@pytest.mark.parametrize("lang, to_dollars, one_way", [("zh", "折算为美元", "折算为人民币（不使用"),
                                                       ("en", "between yuan and US dollars", "converted to yuan at")])
def test_the_note_names_the_conversion_the_report_makes(lang, to_dollars, one_way):
    intro = TEXT["rates_intro"][lang]
    assert to_dollars in intro and one_way not in intro, intro
