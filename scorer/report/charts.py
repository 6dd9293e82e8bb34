"""Charts for the report, written directly as SVG (vector, text in the bundled font), as data URIs.

Three small chart types do not need a plotting library: writing the SVG by hand keeps a report about a
second faster (no matplotlib import), the output byte-stable, and every label real text in the font.
"""

from __future__ import annotations

import base64
import functools
import math
import re
from scorer import fmt
from xml.sax.saxutils import escape

FONT_FAMILY = "Scorer Sans SC"

INK = "#1f2d3d"
ACCENT = "#b22a2e"  # the zone's series
TARGET = "#8a96a3"
PEER = "#3b7dd8"
GRID = "#dde2e8"
DOUBT = "#c0392b"  # a ring round a point that rests on doubtful data
GREEN, AMBER = "#2e8b57", "#d98b2b"
PALETTE = [ACCENT, "#3b7dd8", GREEN, AMBER, "#7b5ea7", "#8a96a3"]


@functools.lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float]:
    """The bundled font's advance widths in em, by code point (fontTools reads cmap and hmtx only)."""
    from fontTools.ttLib import TTFont

    from scorer.resources import fonts_dir

    font = TTFont(fonts_dir() / "ScorerSansSC-Regular.otf", lazy=True)
    upm = font["head"].unitsPerEm
    hmtx = font["hmtx"].metrics
    widths = {cp: hmtx[glyph][0] / upm for cp, glyph in font.getBestCmap().items()}
    return widths, hmtx[".notdef"][0] / upm


def _text_width(text: str, size: float) -> float:
    """The rendered width of `text` at `size` px, from the bundled font's own advance widths."""
    widths, default = _advances()
    return size * sum(widths.get(ord(ch), default) for ch in text)


def text_width(text: str, size: float) -> float:
    """The width of `text` as printed at `size` (pt or px; the result in the same unit), from the bundled font's
    advance widths: the report's line-breaking marks (word joiner, zero-width space) take none, a no-break space a
    space's."""
    return _text_width(re.sub("[\u200b\u200c\u200d\u2060\u00ad]", "", text).replace("\u00a0", " "), size)


ASCENT, DESCENT = 0.88, 0.12  # Noto Sans CJK's ascender and descender, in em


class _Drawing:
    """An SVG under construction that knows where its text is: the finished drawing is grown to hold
    every label, so a label can never be cut off at the chart's edge whatever its language or length."""

    def __init__(self, width: float, height: float):
        self.width, self.height = width, height
        self.body: list[str] = []
        self.extent = [0.0, 0.0, width, height]  # x0, y0, x1, y1 of everything drawn

    def add(self, *elements: str) -> None:
        self.body.extend(elements)

    def text(self, x: float, y: float, text: str, size: float = 9, anchor: str = "start", colour: str = INK,
             weight: str = "normal") -> None:
        lines = str(text).split("\n")
        for k, line in enumerate(lines):
            w = _text_width(line, size) * (1.06 if weight == "bold" else 1.0)
            left = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
            base = y + k * size * 1.15
            self._grow(left, base - ASCENT * size, left + w, base + DESCENT * size)
        self.body.append(_label(x, y, text, size, anchor, colour, weight))

    def _grow(self, x0: float, y0: float, x1: float, y1: float) -> None:
        e = self.extent
        self.extent = [min(e[0], x0 - 2), min(e[1], y0 - 2), max(e[2], x1 + 2), max(e[3], y1 + 2)]

    def uri(self) -> str:
        x0, y0, x1, y1 = self.extent
        width, height = x1 - x0, y1 - y0
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
               f'viewBox="{x0:.0f} {y0:.0f} {width:.0f} {height:.0f}" font-family="{FONT_FAMILY}">'
               + "".join(self.body) + "</svg>")
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _svg(width: float, height: float, body: list[str]) -> str:
    """A finished SVG of a fixed size, for charts that place every label themselves (see _Drawing)."""
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


def _legend(d: _Drawing, items: list[tuple[str, str, str]], centre: float, y: float, max_width: float,
            size: float = 8) -> float:
    """A legend centred at `centre`, wrapped onto as many rows as `max_width` needs: (label, colour,
    style) with style "solid", "dashed" or "hollow" (an open marker). Returns the y below its last row."""
    widths = [22 + _text_width(label, size) + 14 for label, _, _ in items]
    rows: list[list[int]] = [[]]
    for k, w in enumerate(widths):
        if rows[-1] and sum(widths[j] for j in rows[-1]) + w > max_width:
            rows.append([])
        rows[-1].append(k)
    for row in rows:
        x = centre - (sum(widths[j] for j in row) - 14) / 2
        for j in row:
            label, colour, style = items[j]
            if style == "hollow":
                d.add(f'<circle cx="{x + 8:.1f}" cy="{y:.1f}" r="2.6" fill="white" stroke="{colour}" stroke-width="1.2"/>')
            else:
                dash = ' stroke-dasharray="4 3"' if style == "dashed" else ""
                d.add(f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 16:.1f}" y2="{y:.1f}" stroke="{colour}" '
                      f'stroke-width="2"{dash}/>')
            d.text(x + 20, y + size * 0.35, label, size)
            x += widths[j]
        y += size * 1.7
    return y


def _wrap(label: str, size: float, max_width: float) -> str:
    """A label over two lines at a space (English names) when it is wider than `max_width`."""
    if _text_width(label, size) <= max_width or " " not in label:
        return label
    words = label.split(" ")
    cut = min(range(1, len(words)), key=lambda k: abs(_text_width(" ".join(words[:k]), size)
                                                      - _text_width(" ".join(words[k:]), size)))
    return " ".join(words[:cut]) + "\n" + " ".join(words[cut:])


def radar(labels: list[str], series: list[tuple[str, list[float | None], str]], scale: float = 100.0) -> str:
    """A radar chart of category scores; each series is (legend label, values, colour); grey is dashed."""
    n = len(labels)
    r, cx, cy = 105.0, 170.0, 150.0
    width, height = 340.0, 290.0
    d = _Drawing(width, height)

    def point(k: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * k / n  # first category at the top, then clockwise
        return cx + r * value / scale * math.cos(angle), cy + r * value / scale * math.sin(angle)

    for frac in (0.25, 0.5, 0.75, 1.0):
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, scale * frac) for k in range(n)))
        d.add(f'<polygon points="{ring}" fill="none" stroke="{GRID}" stroke-width="0.8"/>')
        x, y = point(0, scale * frac)
        d.text(x + 3, y + 3, f"{scale * frac:g}", 6.5, colour=TARGET)
    for k, name in enumerate(labels):
        x, y = point(k, scale)
        d.add(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.8"/>')
        lx, ly = point(k, scale * 1.1)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        label = _wrap(name, 9.5, 80)
        lines = label.count("\n") + 1
        if abs(lx - cx) < 8:
            ly += 3 if ly > cy else -4 - (lines - 1) * 9.5 * 1.15
        else:
            ly += 3 - (lines - 1) * 9.5 * 1.15 / 2
        d.text(lx, ly, label, 9.5, anchor)
    for name, values, colour in series:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(k, 0.0 if v is None else v) for k, v in enumerate(values)))
        dashed = colour == TARGET
        fill = "none" if dashed else colour
        d.add(f'<polygon points="{pts}" fill="{fill}" fill-opacity="0.12" stroke="{colour}" stroke-width="1.6"'
              + (' stroke-dasharray="5 3"' if dashed else "") + "/>")
    _legend(d, [(name, colour, "dashed" if colour == TARGET else "solid") for name, _, colour in series], width / 2,
            height - 14, width)
    return d.uri()


def _bar_value(d: _Drawing, x_end: float, y: float, text: str, size: float, avoid: float, inside_ok: bool) -> None:
    """A bar's value just after its end, or inside the bar's end (white) when it would cross the line at `avoid`."""
    w = _text_width(text, size)
    if inside_ok and x_end + 4 < avoid + 1 and x_end + 4 + w > avoid - 1:
        d.text(x_end - 3, y, text, size, "end", "white")
    else:
        d.text(x_end + 4, y, text, size)


BARS_PER_CHART = 30  # 30 rows of score_bars at the report's chart width (150 mm) fit an A4 page with room to spare


def pages(items: list, size: int = BARS_PER_CHART) -> list[list]:
    """`items` in order, cut into runs of at most `size`: one bar chart each, so a long category's chart
    is paged (one image cannot break across pages; a taller one was cut off at the page's foot)."""
    return [items[k:k + size] for k in range(0, len(items), size)] or [items]


MAX_LABEL = 130.0  # px: a bar chart's label column at most this wide (the chart is drawn 150 mm wide, so a wider one shrinks all its text)


def fit_label(label: str, size: float, max_width: float = MAX_LABEL, max_lines: int = 3) -> str:
    """A bar's label within `max_width` at `size`: wrapped at spaces (English) or between any two characters
    (Chinese) onto at most `max_lines` lines, the last cut with "…" when still too long. A 33-character scenario
    name on one line made the scenario chart 640 px wide and its text 4–5 pt once scaled to the page (bt13j F22)."""
    if _text_width(label, size) <= max_width:
        return label
    pieces = label.split(" ") if " " in label else list(label)
    sep = " " if " " in label else ""
    lines, line = [], ""
    for piece in pieces:
        trial = line + sep + piece if line else piece
        if line and _text_width(trial, size) > max_width:
            lines.append(line)
            line = piece
        else:
            line = trial
    lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _text_width(last + "…", size) > max_width:
            last = last[:-1].rstrip()
        lines = lines[:max_lines - 1] + [last + "…"]
    return "\n".join(lines)


def _lines(text: str) -> int:
    return text.count("\n") + 1


def score_bars(labels: list[str], scores: list[float | None], scale: float = 100.0, missing_label: str = "缺数",
               notes: list[str | None] | None = None, marks: list[str | None] | None = None) -> str:
    """Horizontal bars of indicator scores (0–scale), coloured as the traffic lights, missing ones marked;
    the dashed line is the target (full marks), which no value label crosses.

    A bar without a score says `missing_label`, or its own entry of `notes` when that is given (a
    doubtful value is not a missing one: "存疑", not "缺数"). A bar with a score and an entry of `marks`
    shows it after its value ("100.0 存疑": a doubtful value capped to its bounds is scored, but marked).
    """
    size = 8.5
    label_w = max(_text_width(label, size) for label in labels) + 10
    plot_w, row_h = 300.0, 18.0 if len(labels) <= 6 else 16.0  # a long category keeps to its page
    width = label_w + plot_w + 40
    height = row_h * len(labels) + 28
    d = _Drawing(width, height)
    for tick in range(0, int(scale) + 1, int(scale // 5) or 1):
        x = label_w + plot_w * tick / scale
        d.add(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        d.text(x, height - 10, f"{tick:g}", 7, "middle", TARGET)
    target_x = label_w + plot_w
    d.add(f'<line x1="{target_x:.1f}" y1="2" x2="{target_x:.1f}" y2="{height - 22:.1f}" stroke="{TARGET}" '
          f'stroke-width="0.9" stroke-dasharray="4 3"/>')
    for k, (name, s) in enumerate(zip(labels, scores)):
        y = 6 + k * row_h
        d.text(label_w - 6, y + row_h * 0.55, name, size, "end")
        if s is None:
            note = (notes[k] if notes is not None else None) or missing_label
            d.text(label_w + 3, y + row_h * 0.55, note, 8, colour=TARGET)
            continue
        colour = {"red": ACCENT, "amber": AMBER, "green": GREEN}[fmt.band(s)]  # on the printed score, as the tables
        w = plot_w * max(0.0, min(s, scale)) / scale
        d.add(f'<rect x="{label_w:.1f}" y="{y + 2:.1f}" width="{w:.1f}" height="{row_h - 6:.1f}" fill="{colour}"/>')
        mark = marks[k] if marks is not None else None
        _bar_value(d, label_w + w, y + row_h * 0.55, fmt.score(s) + (f" {mark}" if mark else ""), 8, target_x,
                   inside_ok=w > 40)
    return d.uri()


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values (1, 2 or 5 × 10^k apart) covering low..high with about `count` ticks."""
    span = max(high - low, 1e-9)
    raw = span / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, t = [], first
    while t <= high + step * 1e-6 or len(ticks) < 2:
        ticks.append(round(t, 10))
        t += step
    return ticks


def change_bars(labels: list[str], values: list[float | None], baseline: float, baseline_label: str,
                missing_label: str | list[str] = "缺数", lang: str = "zh") -> str:
    """Scores of alternatives against a baseline on an axis zoomed to their range: each bar runs from
    the baseline (dashed line) to the alternative's score and is labelled with the change, so that
    differences below one point show. The axis starts where the data do, never at a silent zero.
    The change in the language's brackets: 71.5（+0.7） in Chinese, 71.5 (+0.7) in English (`lang`). A value of None is
    drawn as its row's `missing_label` (one text, or one per row: 缺数, or 不可比 for a score not like for like)."""
    missing = missing_label if isinstance(missing_label, list) else [missing_label] * len(labels)
    size = 8.5
    labels = [fit_label(label, size) for label in labels]
    label_w = max(_text_width(line, size) for label in labels for line in label.split("\n")) + 10
    plot_w = 300.0 - max(0.0, label_w - 70.0)  # a wide label column takes its width from the plot, not from the text size
    row_h = max(18.0, max(_lines(label) for label in labels) * size * 1.15 + 6)
    known = [v for v in values if v is not None] + [baseline]
    ticks = nice_ticks(min(known), max(known), 5)
    lo, hi = ticks[0], ticks[-1]
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    width = label_w + plot_w + 50
    height = row_h * len(labels) + 40

    def x_of(v: float) -> float:
        return label_w + plot_w * (v - lo) / (hi - lo)

    d = _Drawing(width, height)
    bottom = height - 34
    for tick in ticks:
        d.add(f'<line x1="{x_of(tick):.1f}" y1="4" x2="{x_of(tick):.1f}" y2="{bottom:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        d.text(x_of(tick), bottom + 12, f"{tick:g}", 7, "middle", TARGET)
    base_x = x_of(baseline)
    d.add(f'<line x1="{base_x:.1f}" y1="2" x2="{base_x:.1f}" y2="{bottom:.1f}" stroke="{TARGET}" '
          f'stroke-width="0.9" stroke-dasharray="4 3"/>')
    d.text(base_x, bottom + 24, f"{baseline_label} {baseline:.1f}", 7.5, "middle", TARGET)
    for k, (name, v) in enumerate(zip(labels, values)):
        y = 6 + k * row_h
        d.text(label_w - 6, y + row_h * 0.55 - (_lines(name) - 1) * size * 1.15 / 2, name, size, "end")
        if v is None:
            d.text(label_w + 3, y + row_h * 0.55, missing[k], 8, colour=TARGET)
            continue
        x = x_of(v)
        colour = GREEN if v > baseline else (ACCENT if v < baseline else TARGET)
        left, right = min(x, base_x), max(x, base_x)
        d.add(f'<rect x="{left:.1f}" y="{y + row_h * 0.55 - 7:.1f}" width="{max(right - left, 1.2):.1f}" height="10" '
              f'fill="{colour}"/>')
        change = v - baseline
        brackets = "（{}）" if lang == "zh" else " ({})"
        text = f"{v:.1f}" + ("" if abs(change) < 0.05 else brackets.format(f"{change:+.1f}").replace("-", "−"))
        if x >= base_x:
            d.text(right + 4, y + row_h * 0.55, text, 8)
        else:
            d.text(left - 4, y + row_h * 0.55, text, 8, "end")
    return d.uri()


MAX_TREND_LABELS = 12  # more quarters than this: the axis names one quarter a year (or fewer), no dot per quarter


def trend(periods: list[str], series: list[tuple[str, list[float | None]]], scale: float = 100.0,
          partial: list[list[bool]] | None = None, partial_label: str = "",
          doubtful: list[list[bool]] | None = None) -> str:
    """Lines of the overall score (first, bold) and the category scores over the quarters.

    `partial[s][k]`: series s at quarter k rests on fewer indicators than usual, so it is not comparable
    with the other quarters: drawn as an open marker with dashed segments to its neighbours, and named
    in the legend by `partial_label`. `doubtful[s][k]`: it rests on a doubtful value (scorer.report.history.
    doubtful_quarters): ringed in DOUBT (a dashed ring round the point), said in the note under the chart."""
    width, height = 520.0, 210.0
    left, right, top, bottom = 34.0, 14.0, 10.0, 40.0
    values = [v for _, vals in series for v in vals if v is not None]
    low = max(0.0, math.floor(min(values, default=0) / 10) * 10 - 5)
    high = scale
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(periods)
    partial = partial or [[False] * n for _ in series]

    def xy(k: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)
        return x, top + plot_h * (1 - (v - low) / (high - low))

    d = _Drawing(width, height)
    step = 5 if high - low <= 40 else 10
    for tick in range(int(math.ceil(low / step) * step), int(high) + 1, step):
        _, y = xy(0, tick)
        d.add(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.6"/>')
        d.text(left - 5, y + 2.5, f"{tick:g}", 7, "end", TARGET)
    # Many quarters: a label every `every` quarters (a whole number of years, ending at the last quarter,
    # so every label names the same quarter of its year) and no dot on each ordinary quarter.
    every = 1 if n <= MAX_TREND_LABELS else 4 * math.ceil(n / MAX_TREND_LABELS / 4)
    for k, period in enumerate(periods):
        if (n - 1 - k) % every == 0:
            x, _ = xy(k, low)
            d.text(x, height - bottom + 14, period, 7, "middle")
    for idx, (name, vals) in enumerate(reversed(series)):
        s = len(series) - 1 - idx
        colour = PALETTE[s % len(PALETTE)]
        bold = s == 0
        flags = partial[s]
        stroke = 2.4 if bold else 1.1
        run: list[str] = []  # consecutive solid segments, drawn as one polyline
        for k in range(n):
            solid = k < n - 1 and vals[k] is not None and vals[k + 1] is not None and not (flags[k] or flags[k + 1])
            if solid:
                run.append("{:.1f},{:.1f}".format(*xy(k, vals[k])))
            elif run:
                run.append("{:.1f},{:.1f}".format(*xy(k, vals[k])))
                d.add(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="{stroke}" '
                      f'stroke-linejoin="round"/>')
                run = []
            if k < n - 1 and vals[k] is not None and vals[k + 1] is not None and not solid:
                (x0, y0), (x1, y1) = xy(k, vals[k]), xy(k + 1, vals[k + 1])
                d.add(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{colour}" '
                      f'stroke-width="{stroke}" stroke-dasharray="3 3"/>')
        for k, v in enumerate(vals):
            if v is None:
                continue
            x, y = xy(k, v)
            if flags[k]:
                d.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="white" stroke="{colour}" stroke-width="1.3"/>')
            elif every == 1 or k == n - 1 or ((k == 0 or vals[k - 1] is None) and (k == n - 1 or vals[k + 1] is None)):
                d.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2.6 if bold else 1.8}" fill="{colour}"/>')
            if doubtful and doubtful[s][k]:
                d.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{6 if bold else 4.5}" fill="none" stroke="{DOUBT}" '
                      f'stroke-width="1.2" stroke-dasharray="2 1.5"/>')
    items = [(name, PALETTE[k % len(PALETTE)], "solid") for k, (name, _) in enumerate(series)]
    if any(any(f) for f in partial) and partial_label:
        items.append((partial_label, INK, "hollow"))
    _legend(d, items, width / 2, height - 8, width - 20, 7.5)
    return d.uri()


def histogram(values, marks: list[tuple[str, float, str]], bins: int = 30, xlabel: str = "") -> str:
    """A histogram of draws (e.g. Monte Carlo overall scores) with labelled vertical marks."""
    import numpy as np

    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    width, height = 480.0, 200.0
    left, right, top, bottom = 20.0, 14.0, 30.0, 34.0  # the marks' labels sit above the bars, never over them
    lo, hi = float(v.min()), float(v.max())
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    counts, edges = np.histogram(v, bins=bins, range=(lo, hi))
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(value: float) -> float:
        return left + plot_w * (value - lo) / (hi - lo)

    d = _Drawing(width, height)
    peak = counts.max() or 1
    for c, a, b in zip(counts, edges[:-1], edges[1:]):
        h = plot_h * c / peak
        d.add(f'<rect x="{x_of(a) + 0.5:.1f}" y="{top + plot_h - h:.1f}" width="{max(x_of(b) - x_of(a) - 1, 0.5):.1f}" '
              f'height="{h:.1f}" fill="{PEER}" fill-opacity="0.55"/>')
    d.add(f'<line x1="{left}" y1="{top + plot_h:.1f}" x2="{width - right}" y2="{top + plot_h:.1f}" stroke="{TARGET}"/>')
    ticks = [t for t in nice_ticks(lo, hi) if lo - 1e-9 <= t <= hi + 1e-9]  # round values (66, 68, 70 …)
    digits = 0 if all(float(t).is_integer() for t in ticks) else 1
    for tick in ticks:
        d.text(x_of(tick), top + plot_h + 12, f"{tick:.{digits}f}", 7, "middle", TARGET)
    shown = [(name, value, colour) for name, value, colour in marks if np.isfinite(value)]
    # Marks close together: the leftmost label reads leftwards, the rightmost rightwards, any between on
    # a lower line, so that no two labels overlap.
    order = sorted(range(len(shown)), key=lambda k: shown[k][1])
    for rank, k in enumerate(order):
        name, value, colour = shown[k]
        x = x_of(min(max(value, lo), hi))
        d.add(f'<line x1="{x:.1f}" y1="{top - 22:.1f}" x2="{x:.1f}" y2="{top + plot_h:.1f}" stroke="{colour}" '
              f'stroke-width="1.4" stroke-dasharray="{"" if k == 0 else "4 2"}"/>')
        rightwards = rank == len(order) - 1
        lower = 0 < rank < len(order) - 1
        d.text(x + 3 if rightwards else x - 3, top - 16 + (10 if lower else 0), f"{name} {value:.1f}", 7.5,
               "start" if rightwards else "end", colour)
    if xlabel:
        d.text(width / 2, height - 4, xlabel, 7.5, "middle", TARGET)
    return d.uri()


def _swarm(xs: list[float], r: float, most: int) -> list[int]:
    """The level of each dot of a beeswarm (xs in drawing units, sorted or not): the lowest level at which it keeps
    a dot's width from every dot already placed there, at most `most` (a crowd beyond it is drawn over itself)."""
    placed: list[list[float]] = []
    levels = []
    for x in xs:
        k = next((k for k, row in enumerate(placed) if all(abs(x - o) >= 2 * r + 0.6 for o in row)), len(placed))
        k = min(k, most)
        while len(placed) <= k:
            placed.append([])
        placed[k].append(x)
        levels.append(k)
    return levels


def _spread(centres: list[float], widths: list[float], lo: float, hi: float, gap: float = 6.0) -> list[float]:
    """Label centres in one row, each as near its own point as the others allow, in the points' order, none
    overlapping, all within [lo, hi] (when their widths fit): pushed right past the one before, then back left
    from the right edge."""
    out = []
    for c, w in zip(centres, widths):
        out.append(max(c, lo + w / 2) if not out else max(c, out[-1] + widths[len(out) - 1] / 2 + gap + w / 2))
    for k in range(len(out) - 1, -1, -1):
        limit = hi - widths[k] / 2 if k == len(out) - 1 else out[k + 1] - widths[k + 1] / 2 - gap - widths[k] / 2
        out[k] = max(min(out[k], limit), lo + widths[k] / 2)
    return out


def distribution(peers: list[float], zone: tuple[str, float], named: list[tuple[str, float]],
                 lines: list[tuple[str, float]]) -> str:
    """The region's overall scores as a beeswarm: one dot per peer at its score, stacked where scores are close,
    the zone (red) and named peers (blue, labelled) among them, and vertical reference lines (label, score) with
    their labels under the axis. The labels stand in one row above the swarm (two when they do not fit in one),
    in the order of their dots, each as near its dot as the others allow, with a leader slanting to just above the
    swarm and down to its dot: in one row no two leaders cross and no leader crosses a label (bt13 7: with labels stacked over their own x, seven
    zones within 3 points had leaders running through each other's labels). The zone is drawn last, over
    everything else: its red dot is never hidden under another zone's at the same score."""
    width, left, right, r = 520.0, 16.0, 16.0, 3.4
    values = [v for v in peers if math.isfinite(v)] + [zone[1]]
    lo, hi = math.floor(min(values) / 5) * 5, math.ceil(max(values) / 5) * 5
    hi = hi if hi > lo else lo + 5

    def x_of(v: float) -> float:
        return left + (width - left - right) * (v - lo) / (hi - lo)

    # the dots: the peers, each named zone's own dot found among them (its score is a peer's, or a dot of its own),
    # and the zone's; labelled: (x, label, colour, index of its dot)
    entries: list[list] = [[v, None] for v in peers if math.isfinite(v)]
    for label, v in named:
        match = next((e for e in entries if e[1] is None and e[0] == v), None)
        if match is None:
            entries.append([v, (label, PEER)])
        else:
            match[1] = (label, PEER)
    entries.append([zone[1], (zone[0], ACCENT)])
    entries.sort(key=lambda e: e[0])
    xs = [x_of(v) for v, _ in entries]
    levels = _swarm(xs, r, 14)
    step = 2 * r + 1.0
    swarm_top = (max(levels) + 1) * step
    labelled = [(xs[k], mark[0], mark[1], k) for k, (_, mark) in enumerate(entries) if mark is not None]
    widths = [_text_width(lab, 7.5) + 4 for _, lab, _, _ in labelled]
    rows_needed = 2 if sum(widths) + 6 * (len(widths) - 1) > width - left - right else 1
    label_gap, row_h = 26.0, 14.0
    axis_y = 12 + rows_needed * row_h + label_gap + swarm_top + 4
    height = axis_y + 32

    def dot_y(k: int) -> float:
        return axis_y - 5 - r - levels[k] * step

    body = [f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="{TARGET}"/>']
    for tick in range(int(lo), int(hi) + 1, 5):
        body.append(_label(x_of(tick), axis_y + 12, f"{tick:g}", 7, "middle", TARGET))
    for label, v in lines:
        x = x_of(v)
        body.append(f'<line x1="{x:.1f}" y1="{axis_y - 5 - swarm_top - 6:.1f}" x2="{x:.1f}" y2="{axis_y:.1f}" '
                    f'stroke="{INK}" stroke-width="0.8" stroke-dasharray="3 2"/>')
        body.append(_label(x, axis_y + 24, label, 7, "middle", INK))
    highlighted = {k for _, _, _, k in labelled}
    for k, x in enumerate(xs):
        if k not in highlighted:
            body.append(f'<circle cx="{x:.1f}" cy="{dot_y(k):.1f}" r="{r}" fill="{TARGET}" fill-opacity="0.55"/>')
    # the labels: in one row, or alternately in two (each row in the dots' order), leaders drawn first
    rows = [labelled] if rows_needed == 1 else [labelled[0::2], labelled[1::2]]
    row_widths = [widths] if rows_needed == 1 else [widths[0::2], widths[1::2]]
    leaders, drawn, top = [], [], []
    above = axis_y - 5 - swarm_top - 3
    for row_index, (row, ws) in enumerate(zip(rows, row_widths)):
        y = 12 + (rows_needed - row_index) * row_h - 3
        for (x, label, colour, k), centre, w in zip(row, _spread([x for x, *_ in row], ws, left, width - right), ws):
            # to a point above the swarm at the dot's x, then straight down to the dot: the slanted parts end in the
            # labels' order on one line, so none crosses another, and the upright parts never meet
            leader = (f'<polyline points="{centre:.1f},{y + 3:.1f} {x:.1f},{above:.1f} {x:.1f},{dot_y(k) - r:.1f}" '
                      f'fill="none" stroke="{colour}" stroke-width="0.6"/>')
            shapes = [f'<rect x="{centre - w / 2:.1f}" y="{y - 8.5:.1f}" width="{w:.1f}" height="11" fill="white"/>',
                      _label(centre, y, label, 7.5, "middle", colour, "bold" if colour == ACCENT else "normal"),
                      f'<circle cx="{x:.1f}" cy="{dot_y(k):.1f}" r="{r + 0.6 if colour == ACCENT else r}" fill="{colour}"'
                      + (' stroke="white" stroke-width="0.8"/>' if colour == ACCENT else "/>")]
            if colour == ACCENT:
                top += [leader] + shapes
            else:
                leaders.append(leader)
                drawn += shapes
    body += leaders + drawn + top
    return _svg(width, height, body)
