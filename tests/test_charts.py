"""Charts are well-formed SVG with their labels as escaped text in the bundled font."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from scorer.report import charts


def decode(uri: str) -> ET.Element:
    assert uri.startswith("data:image/svg+xml;base64,")
    return ET.fromstring(base64.b64decode(uri.split(",", 1)[1]))


@pytest.mark.parametrize("make", [
    lambda: charts.radar(["对外开放", "A<b>&", "绿色发展"], [("目标", [100, 100, 100], charts.TARGET),
                                                          ("本区", [80, None, 60], charts.ACCENT)]),
    lambda: charts.score_bars(["实际使用外资金额", "A<b>&"], [95.8, None]),
    lambda: charts.trend(["2021年\n一季度", "2021年\n二季度"], [("综合得分", [84.0, None]), ("A<b>&", [70.0, 75.0])]),
])
def test_charts_are_well_formed_svg_with_text_labels(make):
    svg = decode(make())
    assert svg.get("font-family") == "Scorer Sans SC"
    texts = "".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}tspan"))
    assert "A<b>&" in texts  # escaped in the file, the original text once parsed


def test_a_bar_is_as_long_as_its_score():
    svg = decode(charts.score_bars(["甲", "乙"], [50.0, 100.0]))
    widths = [float(r.get("width")) for r in svg.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[1] == pytest.approx(2 * widths[0])


def test_charts_are_byte_stable():
    assert charts.radar(["甲", "乙", "丙"], [("x", [1, 2, 3], charts.ACCENT)]) == \
        charts.radar(["甲", "乙", "丙"], [("x", [1, 2, 3], charts.ACCENT)])
