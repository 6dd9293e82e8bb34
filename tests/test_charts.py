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


def _segments_cross(a, b) -> bool:
    """Two segments ((x1, y1), (x2, y2)) cross at a point inside both (touching ends do not count)."""
    (x1, y1), (x2, y2) = a
    (x3, y3), (x4, y4) = b
    d = (x2 - x1) * (y4 - y3) - (y2 - y1) * (x4 - x3)
    if abs(d) < 1e-9:
        return False
    t = ((x3 - x1) * (y4 - y3) - (y3 - y1) * (x4 - x3)) / d
    u = ((x3 - x1) * (y2 - y1) - (y3 - y1) * (x2 - x1)) / d
    return 0.01 < t < 0.99 and 0.01 < u < 0.99


def _crosses_box(seg, box) -> bool:
    x, y, w, h = box
    edges = [((x, y), (x + w, y)), ((x + w, y), (x + w, y + h)), ((x + w, y + h), (x, y + h)), ((x, y + h), (x, y))]
    return any(_segments_cross(seg, e) for e in edges)


@pytest.mark.parametrize("named", [
    [("郑州经开区", 84.0), ("漯河经开区", 82.4), ("鹤壁经开区", 79.2), ("红旗渠经开区", 79.0), ("新乡经开区", 66.8),
     ("许昌经开区", 66.3), ("开封经开区", 66.0)],
    # seven zones within 3 points (bt13 7: stacked over their own x, their leaders ran through each other's labels)
    [(f"第{k}号经开区", 70.0 + 0.5 * k) for k in range(7)],
    [(f"第{k}号经开区", 70.0 + 0.1 * k) for k in range(12)],  # too many for one row: two rows
])
def test_the_distribution_s_leaders_cross_no_leader_and_no_other_label(named):
    import random

    rng = random.Random(3)
    peers = [rng.uniform(50, 90) for _ in range(56)] + [v for _, v in named]
    svg = decode(charts.distribution(peers, ("周口经济开发区", 70.7), named, [("中位数 66.4", 66.4), ("后5名线 54.7", 54.7)]))
    shapes = [e for e in svg.iter() if e.tag.split("}")[-1] in ("polyline", "rect")]
    boxes = [tuple(float(e.get(k)) for k in ("x", "y", "width", "height")) for e in shapes
             if e.tag.endswith("rect") and e.get("fill") == "white"]
    lines = [[tuple(map(float, pt.split(","))) for pt in e.get("points").split()] for e in shapes
             if e.tag.endswith("polyline") and e.get("stroke") in (charts.PEER, charts.ACCENT)]
    assert len(lines) == len(boxes) == len(named) + 1
    leaders = [(line, (a, b)) for line in lines for a, b in zip(line, line[1:])]  # each leader's segments
    one_row = len({line[0][1] for line in lines}) == 1
    crossing = [(a, b) for i, (la, a) in enumerate(leaders) for lb, b in leaders[i + 1:]
                if la is not lb and (one_row or la[0][1] == lb[0][1]) and _segments_cross(a, b)]
    assert not crossing, crossing  # in two rows, within each row
    width = float(svg.get("width"))
    assert all(0 <= x and x + w <= width for x, _, w, _ in boxes), boxes  # every label within the chart
    if one_row:  # no leader passes through another's label
        hit = [(seg, box) for line, seg in leaders for box in boxes if _crosses_box(seg, box)
               and not (box[0] <= line[0][0] <= box[0] + box[2] and abs(line[0][1] - (box[1] + 8.5 + 3)) < 4)]
        assert not hit, hit
    assert one_row == (len(named) <= 8)
