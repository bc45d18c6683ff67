"""The cost-per-n plot as hand-written SVG: time against n, both on log scales; no plotting library.

Formatting only: the points come prepared in the cost section's `series` (floored for the log
scale); this module maps them to pixels and draws one colour per claim, symbolic solid and
numeric dashed.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

Data = dict[str, Any]

WIDTH, HEIGHT = 780, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 540, 40, 385  # the plot area; the legend sits right of it
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
DASH = {"symbolic": "", "numeric": ' stroke-dasharray="6 4"'}


def seconds_label(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:g} s"
    return f"{seconds * 1000:g} ms"


class Axes:
    """log2 n across, log10 seconds up."""

    def __init__(self, ns: list[int], seconds: list[float]) -> None:
        self.x0, self.x1 = math.log2(min(ns)) - 0.25, math.log2(max(ns)) + 0.25  # points clear of the frame
        self.y0, self.y1 = math.floor(math.log10(min(seconds))), math.ceil(math.log10(max(seconds)))
        if self.y1 == self.y0:
            self.y1 += 1

    def x(self, n: float) -> float:
        return LEFT + (math.log2(n) - self.x0) / (self.x1 - self.x0) * (RIGHT - LEFT)

    def y(self, seconds: float) -> float:
        return BOTTOM - (math.log10(seconds) - self.y0) / (self.y1 - self.y0) * (BOTTOM - TOP)

    def decades(self) -> list[float]:
        return [10.0**k for k in range(self.y0, self.y1 + 1)]


def _grid(axes: Axes, ns: list[int]) -> list[str]:
    out = [f'<rect x="{LEFT}" y="{TOP}" width="{RIGHT - LEFT}" height="{BOTTOM - TOP}" fill="none" stroke="#444"/>']
    for s in axes.decades():
        y = axes.y(s)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{RIGHT}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{seconds_label(s)}</text>')
    for n in ns:
        x = axes.x(n)
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{BOTTOM}" stroke="#eee"/>')
        out.append(f'<text x="{x:.1f}" y="{BOTTOM + 18}" text-anchor="middle">{n}</text>')
    out.append(f'<text x="{(LEFT + RIGHT) / 2}" y="{BOTTOM + 40}" text-anchor="middle">n (log scale)</text>')
    mid = (TOP + BOTTOM) / 2
    turn = f'transform="rotate(-90 16 {mid})"'
    out.append(f'<text x="16" y="{mid}" text-anchor="middle" {turn}>seconds (log scale)</text>')
    return out


def _line(axes: Axes, series: Data, colour: str) -> list[str]:
    points = " ".join(f"{axes.x(n):.1f},{axes.y(s):.1f}" for n, s in series["points"])
    style = DASH.get(series["kind"], "")
    out = [f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{style}/>']
    for n, s in series["points"]:
        title = f"{escape(series['label'])}, {series['kind']}, n = {n}: {s:.3g} s"
        out.append(
            f'<circle cx="{axes.x(n):.1f}" cy="{axes.y(s):.1f}" r="3" fill="{colour}"><title>{title}</title></circle>'
        )
    return out


def _legend(labels: list[str]) -> list[str]:
    out, y = [], TOP + 10
    for i, label in enumerate(labels):
        colour = COLOURS[i % len(COLOURS)]
        out.append(f'<line x1="{RIGHT + 20}" y1="{y}" x2="{RIGHT + 50}" y2="{y}" stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{RIGHT + 58}" y="{y + 4}">{escape(label)}</text>')
        y += 22
    y += 10
    for kind, text in (("symbolic", "symbolic (proved n)"), ("numeric", "numeric check")):
        key = f'x1="{RIGHT + 20}" y1="{y}" x2="{RIGHT + 50}" y2="{y}"'
        out.append(f'<line {key} stroke="#444" stroke-width="2"{DASH[kind]}/>')
        out.append(f'<text x="{RIGHT + 58}" y="{y + 4}">{text}</text>')
        y += 22
    return out


def render_svg(cost: Data) -> str:
    """The SVG text for the cost section's series."""
    series = cost["series"]
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        "<title>Time per n: symbolic proof and numeric check</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="24" font-size="15">Time per n (log scales; under {seconds_label(cost["floor"])} '
        "drawn at it)</text>",
    ]
    if not series:
        return "\n".join([*head, f'<text x="{LEFT}" y="{TOP + 40}">no timings in this run</text>', "</svg>", ""])
    ns = sorted({n for s in series for n, _ in s["points"]})
    axes = Axes(ns, [t for s in series for _, t in s["points"]])
    labels = list(dict.fromkeys(s["label"] for s in series))
    body = _grid(axes, ns)
    for s in series:
        body += _line(axes, s, COLOURS[labels.index(s["label"]) % len(COLOURS)])
    return "\n".join([*head, *body, *_legend(labels), "</svg>", ""])
