"""Charts for the report: matplotlib SVG in the bundled font, embedded as data URIs."""

from __future__ import annotations

import base64
import io
import math

from scorer.resources import fonts_dir

FONT_FAMILY = "Scorer Sans SC"
_READY = False

INK = "#1f2d3d"
ACCENT = "#b22a2e"  # 中国红, the zone's series
TARGET = "#8a96a3"
PEER = "#3b7dd8"


def _setup():
    global _READY
    import matplotlib

    matplotlib.use("Agg")
    if not _READY:
        from matplotlib import font_manager

        for f in sorted(fonts_dir().glob("*.otf")):
            font_manager.fontManager.addfont(str(f))
        matplotlib.rcParams.update({
            "font.family": FONT_FAMILY,
            "svg.fonttype": "none",
            "svg.hashsalt": "scorer",
            "axes.unicode_minus": False,
            "font.size": 9,
        })
        _READY = True
    import matplotlib.pyplot as plt

    return plt


def _to_data_uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def radar(labels: list[str], series: list[tuple[str, list[float | None], str]], scale: float = 100.0) -> str:
    """A radar chart of category scores; each series is (legend label, values, colour)."""
    plt = _setup()
    n = len(labels)
    angles = [2 * math.pi * k / n for k in range(n)]
    fig = plt.figure(figsize=(4.2, 3.9))
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)  # first category at the top, then clockwise
    ax.set_theta_direction(-1)
    ax.set_thetalim(0, 2 * math.pi)
    for name, values, colour in series:
        vals = [0.0 if v is None else v for v in values]
        xs, ys = angles + angles[:1], vals + vals[:1]
        dashed = colour == TARGET
        ax.plot(xs, ys, color=colour, linewidth=1.6, linestyle="--" if dashed else "-", label=name)
        if not dashed:
            ax.fill(xs, ys, color=colour, alpha=0.15)
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=10, color=INK)
    ax.set_ylim(0, scale)
    ax.set_yticks([scale * f for f in (0.25, 0.5, 0.75, 1.0)])
    ax.set_yticklabels([f"{scale * f:g}" for f in (0.25, 0.5, 0.75, 1.0)], fontsize=7, color=TARGET)
    ax.set_rlabel_position(180 / n)
    ax.spines["polar"].set_color("#c8ced6")
    ax.grid(color="#dde2e8", linewidth=0.6)
    ax.tick_params(axis="x", pad=6)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(series), frameon=False, fontsize=8)
    return _to_data_uri(fig)


def score_bars(labels: list[str], scores: list[float | None], scale: float = 100.0, missing_label: str = "缺数") -> str:
    """Horizontal bars of indicator scores (0–scale), missing ones marked."""
    plt = _setup()
    height = 0.34 * len(labels) + 0.5
    fig, ax = plt.subplots(figsize=(6.4, height))
    ys = list(range(len(labels)))[::-1]
    vals = [0.0 if s is None else s for s in scores]
    colours = [TARGET if s is None else (ACCENT if s < 60 else ("#d98b2b" if s < 90 else "#2e8b57")) for s in scores]
    ax.barh(ys, vals, color=colours, height=0.6)
    for y, s in zip(ys, scores):
        ax.text((s or 0) + 1.5, y, missing_label if s is None else f"{s:.1f}", va="center", fontsize=8, color=INK)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=8.5, color=INK)
    ax.set_xlim(0, scale * 1.1)
    ax.axvline(scale, color=TARGET, linestyle="--", linewidth=0.8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="x", labelsize=7, colors=TARGET)
    return _to_data_uri(fig)


def trend(periods: list[str], series: list[tuple[str, list[float | None]]], scale: float = 100.0) -> str:
    """Lines of the overall score (bold) and the category scores over the quarters."""
    plt = _setup()
    fig, ax = plt.subplots(figsize=(6.6, 2.9))
    xs = list(range(len(periods)))
    palette = [ACCENT, "#3b7dd8", "#2e8b57", "#d98b2b", "#7b5ea7", "#8a96a3"]
    for k, (name, values) in enumerate(series):
        ys = [float("nan") if v is None else v for v in values]
        ax.plot(xs, ys, marker="o", markersize=3 if k else 4, linewidth=2.4 if k == 0 else 1.1,
                color=palette[k % len(palette)], label=name, zorder=3 if k == 0 else 2)
    ax.set_xticks(xs)
    ax.set_xticklabels(periods, fontsize=7, color=INK, linespacing=1.1)
    low = min((v for _, vals in series for v in vals if v is not None), default=0)
    ax.set_ylim(max(0.0, math.floor(low / 10) * 10 - 5), scale + 2)
    ax.tick_params(axis="y", labelsize=7.5, colors=TARGET)
    ax.grid(axis="y", color="#e3e7ec", linewidth=0.6)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(series), frameon=False, fontsize=7.5)
    return _to_data_uri(fig)
