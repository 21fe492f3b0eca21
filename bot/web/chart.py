"""Server-rendered, accessible SVG charts (no JavaScript): grouped bars per week, and a line of a share.

Each SVG is ``role="img"`` with a title and a description that states the
figures; every bar and point has its own ``<title>``. The page always shows
the same numbers as a table as well, so nothing depends on seeing colours.
The value axis ends at a round number just above the largest value, so that
weekly values of about 130 fill the chart instead of hugging the floor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.web.html import Markup, tag

COLOURS = {"completed": "#7a9cc6", "locked": "#f2b134", "archived": "#2e8540", "failed": "#c0392b"}
PATTERN_STROKE = {"failed": "4 2"}  # dashed outline so that "failed" differs by shape, not only colour
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 16, 44


def nice_axis(value: float, ticks: int = 4) -> tuple[int, int]:
    """(axis maximum, step): whole-number steps of 1, 2, 2.5 or 5 × 10^n, the maximum the first step at or above ``value``."""
    if value <= 0:
        return 1, 1
    raw = value / ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw and float(m * magnitude).is_integer())
    step = int(step)
    return step * math.ceil(value / step), step


def _frame(chart_id: str, title: str, description: str, width: int, height: int, *content: object) -> Markup:
    return tag(
        "svg",
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", description, id=f"{chart_id}-desc"),
        *content,
        xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}", width=width, height=height,
        role="img", aria_labelledby=f"{chart_id}-title {chart_id}-desc", class_="chart", id=chart_id,
    )  # fmt: skip


def _grid(values: Sequence[int], y, width: int, label=str) -> list[Markup]:  # type: ignore[no-untyped-def]
    out = []
    for value in values:
        out.append(tag("line", x1=LEFT, x2=width - RIGHT, y1=f"{y(value):.1f}", y2=f"{y(value):.1f}", stroke="#c8ced4"))
        out.append(tag("text", label(value), x=LEFT - 6, y=f"{y(value) + 4:.1f}", text_anchor="end"))
    return out


def bar_chart(
    *, chart_id: str, title: str, description: str, categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]], width: int = 880, height: int = 320,
) -> Markup:  # fmt: skip
    """Grouped bars: ``series`` is (key, label, one value per category)."""
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    peak, step = nice_axis(max((v for _, _, values in series for v in values), default=0))
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(2.0, (group_w * 0.8) / max(len(series), 1))

    def y(value: float) -> float:
        return TOP + plot_h - (value / peak) * plot_h

    bars = []
    for c, category in enumerate(categories):
        x0 = LEFT + c * group_w + group_w * 0.1
        for s, (key, label, values) in enumerate(series):
            value = values[c]
            bars.append(
                tag(
                    "rect",
                    tag("title", f"{category}: {label} {value}"),
                    x=f"{x0 + s * bar_w:.1f}", y=f"{y(value):.1f}", width=f"{bar_w - 1:.1f}",
                    height=f"{max(0.0, TOP + plot_h - y(value)):.1f}", fill=COLOURS.get(key, "#888"),
                    stroke="#1b1b1b", stroke_width="0.5", stroke_dasharray=PATTERN_STROKE.get(key),
                    class_=f"bar bar-{key}",
                )  # fmt: skip
            )
        bars.append(tag("text", category, x=f"{LEFT + c * group_w + group_w / 2:.1f}", y=height - BOTTOM + 18, text_anchor="middle"))
    axis = tag("line", x1=LEFT, x2=width - RIGHT, y1=TOP + plot_h, y2=TOP + plot_h, stroke="#1b1b1b")
    return _frame(chart_id, title, description, width, height, _grid(range(0, peak + 1, step), y, width), bars, axis)


def line_chart(
    *, chart_id: str, title: str, description: str, categories: Sequence[str], values: Sequence[float | None],
    point_label: str, width: int = 880, height: int = 280,
) -> Markup:  # fmt: skip
    """A share (0–1) per category as a line on a 0–100 % axis; a category without a value leaves a gap."""
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    step_x = plot_w / max(len(categories), 1)

    def x(i: int) -> float:
        return LEFT + step_x * i + step_x / 2

    def y(percent: float) -> float:
        return TOP + plot_h - percent / 100 * plot_h

    points, labels, dots = [], [], []
    for i, (category, value) in enumerate(zip(categories, values, strict=True)):
        labels.append(tag("text", category, x=f"{x(i):.1f}", y=height - BOTTOM + 18, text_anchor="middle"))
        if value is None:
            continue
        percent = value * 100
        points.append(f"{x(i):.1f},{y(percent):.1f}")
        text = point_label.format(category=category, percent=round(percent))
        dots.append(tag("circle", tag("title", text), cx=f"{x(i):.1f}", cy=f"{y(percent):.1f}", r="4.5", class_="share-point"))
    line = tag("polyline", points=" ".join(points), class_="share-line") if points else None
    axis = tag("line", x1=LEFT, x2=width - RIGHT, y1=TOP + plot_h, y2=TOP + plot_h, stroke="#1b1b1b")
    grid = _grid((0, 25, 50, 75, 100), y, width, label=lambda v: f"{v} %")
    return _frame(chart_id, title, description, width, height, grid, labels, axis, line, dots)


def legend(series: Sequence[tuple[str, str]]) -> Markup:
    """The colour key, as a list (the SVG's title and the table say the same)."""
    return tag("ul", [tag("li", tag("span", class_=f"swatch sw-{key}", aria_hidden="true"), label) for key, label in series], class_="legend")
