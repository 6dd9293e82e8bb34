"""bt13j F22: a long scenario name never shrinks the scenario chart's text (a 33-character name on one line made the
chart 640 px wide: its text 4–5 pt once drawn 150 mm wide, against 7.5 pt with short names)."""

from __future__ import annotations

import base64
import re

import pytest

LONG = "年内引进两家外资制造业龙头企业并同步扩大加工贸易规模的综合提升方案"


def _svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


@pytest.mark.parametrize("long", [LONG, "Bring in two foreign manufacturing leaders within the year and expand processing "
                                        "trade at the same time"])
def test_a_long_name_does_not_shrink_the_scenario_chart(long):
    from scorer.report import charts

    def width(labels):
        return float(re.search(r'<svg[^>]* width="([\d.]+)"', _svg(charts.change_bars(labels, [71.5, 70.9], 70.8, "基准"))).group(1))

    short = width(["外贸扩量", "外资增长两成"])
    assert width([long, "外贸扩量"]) <= short + 1  # drawn at the same 150 mm: the same text size
    fitted = charts.fit_label(long, 8.5)
    assert all(charts._text_width(line, 8.5) <= charts.MAX_LABEL for line in fitted.split("\n"))
    joined = fitted.replace("\n", "" if " " not in long else " ")
    assert joined == long or (joined.endswith("…") and long.startswith(joined[:-1]))
