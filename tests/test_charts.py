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


@pytest.mark.parametrize("label", ["", "GDP", "高新技术产业增加值占规上工业增加值比重（副本10）"])
def test_a_long_categorys_bars_are_paged_and_each_chart_fits_a_page(label):
    """A category of 70 indicators (a 300-indicator framework): every bar is drawn, in order, in charts
    that each fit the report's page at the width report.css gives them (an image never breaks across
    pages: a taller one was cut off at the page's foot, its last bars lost)."""
    import re
    from pathlib import Path

    css = (Path(__file__).resolve().parents[1] / "templates" / "report.css").read_text(encoding="utf-8")
    width_mm = float(re.search(r"\.chart img\s*\{\s*width:\s*([\d.]+)mm", css)[1])
    page = re.search(r"@page\s*\{[^}]*size:\s*A4;\s*margin:\s*([\d.]+)mm\s+[\d.]+mm\s+([\d.]+)mm", css)
    room_mm = 297 - float(page[1]) - float(page[2])
    names = [f"{label}指标{k}" for k in range(70)]
    parts = charts.pages(names)
    assert [n for part in parts for n in part] == names and len(parts) > 1
    for part in parts:
        svg = decode(charts.score_bars(part, [50.0] * len(part)))
        drawn = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}tspan") if t.text in part]
        assert drawn == part
        assert float(svg.get("height")) / float(svg.get("width")) * width_mm <= room_mm
    assert charts.pages(names[:8]) == [names[:8]] and charts.pages([]) == [[]]


def test_the_zone_is_drawn_over_everything_else_in_the_distribution():
    """The zone's red dot at the same score as a named peer, the median and other peers' dots (the 2021Q1
    sample: 66.3 beside 许昌 and 开封) is drawn last: nothing painted after it can hide it."""
    svg = decode(charts.distribution([60.0, 66.3, 66.3, 70.0], ("本区", 66.3), [("许昌", 66.3), ("开封", 66.0)],
                                     [("中位数66.3", 66.3), ("后5名线60.0", 60.0)]))
    shapes = [e for e in svg.iter() if e.tag.split("}")[-1] in ("circle", "line", "rect", "text")]
    zone = [k for k, e in enumerate(shapes) if e.tag.endswith("circle") and e.get("fill") == charts.ACCENT]
    assert len(zone) == 1 and zone[0] == len(shapes) - 1
    label = next(k for k, e in enumerate(shapes) if e.tag.endswith("text") and "本区" in "".join(e.itertext()))
    assert all(not (e.tag.endswith("rect") and e.get("fill") == "white") for e in shapes[label + 1:zone[0]])
