"""Charts for the report, written directly as SVG (vector, text in the bundled font), as data URIs.

Three small chart types do not need a plotting library: writing the SVG by hand keeps a report about a
second faster (no matplotlib import), the output byte-stable, and every label real text in the font.
"""

from __future__ import annotations

import base64
import math
from xml.sax.saxutils import escape

FONT_FAMILY = "Scorer Sans SC"

INK = "#1f2d3d"
ACCENT = "#b22a2e"  # the zone's series
TARGET = "#8a96a3"
PEER = "#3b7dd8"
GRID = "#dde2e8"
GREEN, AMBER = "#2e8b57", "#d98b2b"
PALETTE = [ACCENT, "#3b7dd8", GREEN, AMBER, "#7b5ea7", "#8a96a3"]


def _text_width(text: str, size: float) -> float:
    """Approximate rendered width: CJK characters are a full em, others a little over half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.56 for ch in text)


def _svg(width: float, height: float, body: list[str]) -> str:
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT_FAMILY}">' + "".join(body) + "</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _label(x: float, y: float, text: str, size: float = 9, anchor: str = "start", colour: str = INK,
           weight: str = "normal") -> str:
    lines = str(text).split("\n")
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if k == 0 else size * 1.15:.1f}">{escape(line)}</tspan>'
                    for k, line in enumerate(lines))
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{spans}</text>')


def _legend(items: list[tuple[str, str, bool]], centre: float, y: float, size: float = 8) -> list[str]:
    """A one-line legend centred at `centre`: (label, colour, dashed)."""
    widths = [22 + _text_width(label, size) + 14 for label, _, _ in items]
    x = centre - sum(widths) / 2
    out = []
    for (label, colour, dashed), w in zip(items, widths):
        dash = ' stroke-dasharray="4 3"' if dashed else ""
        out.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 16:.1f}" y2="{y:.1f}" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
        out.append(_label(x + 20, y + size * 0.35, label, size))
        x += w
    return out


def radar(labels: list[str], series: list[tuple[str, list[float | None], str]], scale: float = 100.0) -> str:
    """A radar chart of category scores; each series is (legend label, values, colour); grey is dashed."""
    n = len(labels)
    r, cx, cy = 105.0, 170.0, 150.0
    width, height = 340.0, 300.0

    def point(k: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * k / n  # first category at the top, then clockwise
        return cx + r * value / scale * math.cos(angle), cy + r * value / scale * math.sin(angle)

    body = []
    for frac in (0.25, 0.5, 0.75, 1.0):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, scale * frac) for k in range(n)))
        body.append(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.8"/>')
        x, y = point(0, scale * frac)
        body.append(_label(x + 3, y + 3, f"{scale * frac:g}", 6.5, colour=TARGET))
    for k, name in enumerate(labels):
        x, y = point(k, scale)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.8"/>')
        lx, ly = point(k, scale * 1.13)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        body.append(_label(lx, ly + (3 if ly > cy else 0) + (-2 if abs(lx - cx) < 8 and ly < cy else 0), name, 9.5,
                           anchor))
    for name, values, colour in series:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, 0.0 if v is None else v) for k, v in enumerate(values)))
        dashed = colour == TARGET
        fill = "none" if dashed else colour
        body.append(f'<polygon points="{pts}" fill="{fill}" fill-opacity="0.12" stroke="{colour}" stroke-width="1.6"'
                    + (' stroke-dasharray="5 3"' if dashed else "") + "/>")
    body += _legend([(name, colour, colour == TARGET) for name, _, colour in series], width / 2, height - 10)
    return _svg(width, height, body)


def score_bars(labels: list[str], scores: list[float | None], scale: float = 100.0, missing_label: str = "缺数",
               notes: list[str | None] | None = None) -> str:
    """Horizontal bars of indicator scores (0–scale), coloured as the traffic lights, missing ones marked.

    A bar without a score says `missing_label`, or its own entry of `notes` when that is given (a
    doubtful value is not a missing one: "存疑", not "缺数").
    """
    size = 8.5
    label_w = max(_text_width(label, size) for label in labels) + 10
    plot_w, row_h = 300.0, 18.0
    width = label_w + plot_w + 40
    height = row_h * len(labels) + 28
    body = []
    for tick in range(0, int(scale) + 1, int(scale // 5) or 1):
        x = label_w + plot_w * tick / scale
        body.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        body.append(_label(x, height - 10, f"{tick:g}", 7, "middle", TARGET))
    target_x = label_w + plot_w
    body.append(f'<line x1="{target_x:.1f}" y1="2" x2="{target_x:.1f}" y2="{height - 22:.1f}" stroke="{TARGET}" '
                f'stroke-width="0.9" stroke-dasharray="4 3"/>')
    for k, (name, s) in enumerate(zip(labels, scores)):
        y = 6 + k * row_h
        body.append(_label(label_w - 6, y + row_h * 0.55, name, size, "end"))
        if s is None:
            note = (notes[k] if notes is not None else None) or missing_label
            body.append(_label(label_w + 3, y + row_h * 0.55, note, 8, colour=TARGET))
            continue
        colour = ACCENT if s < 60 else (AMBER if s < 90 else GREEN)
        w = plot_w * max(0.0, min(s, scale)) / scale
        body.append(f'<rect x="{label_w:.1f}" y="{y + 2:.1f}" width="{w:.1f}" height="{row_h - 6:.1f}" fill="{colour}"/>')
        body.append(_label(label_w + w + 4, y + row_h * 0.55, f"{s:.1f}", 8))
    return _svg(width, height, body)


def trend(periods: list[str], series: list[tuple[str, list[float | None]]], scale: float = 100.0) -> str:
    """Lines of the overall score (first, bold) and the category scores over the quarters."""
    width, height = 520.0, 240.0
    left, right, top, bottom = 34.0, 14.0, 10.0, 70.0
    values = [v for _, vals in series for v in vals if v is not None]
    low = max(0.0, math.floor(min(values, default=0) / 10) * 10 - 5)
    high = scale
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(periods)

    def xy(k: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)
        return x, top + plot_h * (1 - (v - low) / (high - low))

    body = []
    step = 5 if high - low <= 40 else 10
    for tick in range(int(math.ceil(low / step) * step), int(high) + 1, step):
        _, y = xy(0, tick)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        body.append(_label(left - 5, y + 2.5, f"{tick:g}", 7, "end", TARGET))
    for k, period in enumerate(periods):
        x, _ = xy(k, low)
        body.append(_label(x, height - bottom + 14, period, 7, "middle"))
    for idx, (name, vals) in enumerate(reversed(series)):
        colour = PALETTE[(len(series) - 1 - idx) % len(PALETTE)]
        bold = idx == len(series) - 1
        pts = [xy(k, v) for k, v in enumerate(vals) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{2.4 if bold else 1.1}"/>')
        body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2.6 if bold else 1.8}" fill="{colour}"/>' for x, y in pts]
    body += _legend([(name, PALETTE[k % len(PALETTE)], False) for k, (name, _) in enumerate(series)], width / 2,
                    height - 12, 7.5)
    return _svg(width, height, body)


def histogram(values, marks: list[tuple[str, float, str]], bins: int = 30, xlabel: str = "") -> str:
    """A histogram of draws (e.g. Monte Carlo overall scores) with labelled vertical marks."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    width, height = 480.0, 190.0
    left, right, top, bottom = 20.0, 14.0, 16.0, 34.0
    lo, hi = float(v.min()), float(v.max())
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(v, bins=bins, range=(lo, hi))
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(value: float) -> float:
        return left + plot_w * (value - lo) / (hi - lo)

    body = []
    peak = counts.max() or 1
    for c, a, b in zip(counts, edges[:-1], edges[1:]):
        h = plot_h * c / peak
        body.append(f'<rect x="{x_of(a) + 0.5:.1f}" y="{top + plot_h - h:.1f}" width="{max(x_of(b) - x_of(a) - 1, 0.5):.1f}" '
                    f'height="{h:.1f}" fill="{PEER}" fill-opacity="0.55"/>')
    body.append(f'<line x1="{left}" y1="{top + plot_h:.1f}" x2="{width - right}" y2="{top + plot_h:.1f}" stroke="{TARGET}"/>')
    for tick in np.linspace(lo, hi, 6):
        body.append(_label(x_of(tick), top + plot_h + 12, f"{tick:.1f}", 7, "middle", TARGET))
    for k, (name, value, colour) in enumerate(marks):
        if not np.isfinite(value):
            continue
        x = x_of(min(max(value, lo), hi))
        body.append(f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="{colour}" '
                    f'stroke-width="1.4" stroke-dasharray="{"" if k == 0 else "4 2"}"/>')
        # Alternate sides so that two marks close together keep readable labels.
        body.append(_label(x + 3 if k % 2 == 0 else x - 3, top + 4, f"{name} {value:.1f}", 7.5,
                           "start" if k % 2 == 0 else "end", colour))
    if xlabel:
        body.append(_label(width / 2, height - 4, xlabel, 7.5, "middle", TARGET))
    return _svg(width, height, body)


def distribution(peers: list[float], zone: tuple[str, float], named: list[tuple[str, float]],
                 lines: list[tuple[str, float]]) -> str:
    """The region's overall scores as a strip of dots, the zone (red) and named peers (blue, labelled)
    among them, and vertical reference lines (label, score). Labels are stacked in rows so none overlap."""
    width, height = 520.0, 160.0
    left, right, axis_y = 16.0, 16.0, 128.0
    values = [v for v in peers if math.isfinite(v)] + [zone[1]]
    lo, hi = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    hi = hi if hi > lo else lo + 5

    def x_of(v: float) -> float:
        return left + (width - left - right) * (v - lo) / (hi - lo)

    body = [f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="{TARGET}"/>']
    for tick in range(int(lo), int(hi) + 1, 5):
        body.append(_label(x_of(tick), axis_y + 12, f"{tick:g}", 7, "middle", TARGET))
    for label, v in lines:
        x = x_of(v)
        body.append(f'<line x1="{x:.1f}" y1="{axis_y - 34:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" stroke="{INK}" '
                    f'stroke-width="0.8" stroke-dasharray="3 2"/>')
        body.append(_label(x, axis_y + 24, label, 7, "middle", INK))
    for v in peers:
        if math.isfinite(v):
            body.append(f'<circle cx="{x_of(v):.1f}" cy="{axis_y - 8:.1f}" r="2.6" fill="{TARGET}" fill-opacity="0.55"/>')
    # Labels in rows above the strip: each goes to the lowest row where it does not touch another; their
    # leader lines are drawn first, so that a label's white ground hides any line passing behind it.
    taken: list[list[tuple[float, float]]] = [[] for _ in range(5)]
    leaders, labels = [], []
    for (label, v), colour in [(zone, ACCENT)] + [(n, PEER) for n in named]:
        x = x_of(v)
        w = _text_width(label, 7.5) + 4
        span = (x - w / 2, x + w / 2)
        row = next((k for k, spans in enumerate(taken) if all(span[1] < a or span[0] > b for a, b in spans)), len(taken) - 1)
        taken[row].append(span)
        y = axis_y - 24 - row * 14
        leaders.append(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{axis_y - 8:.1f}" stroke="{colour}" stroke-width="0.6"/>')
        labels.append(f'<rect x="{span[0]:.1f}" y="{y - 8.5:.1f}" width="{w:.1f}" height="11" fill="white"/>')
        labels.append(_label(x, y, label, 7.5, "middle", colour, "bold" if colour == ACCENT else "normal"))
        labels.append(f'<circle cx="{x:.1f}" cy="{axis_y - 8:.1f}" r="{3.6 if colour == ACCENT else 3.0}" fill="{colour}"/>')
    body += leaders + labels
    rows = 1 + max((k for k, spans in enumerate(taken) if spans), default=0)
    trim = (len(taken) - rows) * 14  # the label rows left empty: cut from the top
    if trim:
        return _svg(width, height - trim, [f'<g transform="translate(0,{-trim})">'] + body + ["</g>"])
    return _svg(width, height, body)
