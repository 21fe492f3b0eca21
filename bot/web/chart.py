"""A server-rendered, accessible SVG bar chart (grouped bars per category, no JavaScript).

The SVG is ``role="img"`` with a title and a description that states the
totals; every bar has its own ``<title>``. The page always shows the same
numbers as a table as well, so nothing depends on seeing colours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from bot.web.html import Markup, tag

COLOURS = {"completed": "#7a9cc6", "locked": "#f2b134", "archived": "#2e8540", "failed": "#c0392b"}
PATTERN_STROKE = {"failed": "4 2"}  # dashed outline so that "failed" differs by shape, not only colour


def nice_ceiling(value: int) -> int:
    """A round axis maximum at or above ``value`` (1, 2, 5 × 10^n)."""
    if value <= 0:
        return 1
    magnitude = 10 ** int(math.floor(math.log10(value)))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    *, chart_id: str, title: str, description: str, categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[int]]], width: int = 880, height: int = 320,
) -> Markup:  # fmt: skip
    """Grouped bars: ``series`` is (key, label, one value per category)."""
    left, right, top, bottom = 48, 12, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_ceiling(max((v for _, _, values in series for v in values), default=0))
    group_w = plot_w / max(len(categories), 1)
    bar_w = max(2.0, (group_w * 0.8) / max(len(series), 1))

    def y(value: int) -> float:
        return top + plot_h - (value / peak) * plot_h

    grid = []
    for value in sorted({round(peak * i / 4) for i in range(5)}):  # whole numbers, no repeated labels
        grid.append(tag("line", x1=left, x2=width - right, y1=f"{y(value):.1f}", y2=f"{y(value):.1f}", stroke="#c8ced4"))
        grid.append(tag("text", str(value), x=left - 6, y=f"{y(value) + 4:.1f}", text_anchor="end"))
    bars = []
    for c, category in enumerate(categories):
        x0 = left + c * group_w + group_w * 0.1
        for s, (key, label, values) in enumerate(series):
            value = values[c]
            bars.append(
                tag(
                    "rect",
                    tag("title", f"{category}: {label} {value}"),
                    x=f"{x0 + s * bar_w:.1f}", y=f"{y(value):.1f}", width=f"{bar_w - 1:.1f}",
                    height=f"{max(0.0, top + plot_h - y(value)):.1f}", fill=COLOURS.get(key, "#888"),
                    stroke="#1b1b1b", stroke_width="0.5", stroke_dasharray=PATTERN_STROKE.get(key),
                    class_=f"bar bar-{key}",
                )  # fmt: skip
            )
        bars.append(tag("text", category, x=f"{left + c * group_w + group_w / 2:.1f}", y=height - bottom + 18, text_anchor="middle"))
    axis = tag("line", x1=left, x2=width - right, y1=top + plot_h, y2=top + plot_h, stroke="#1b1b1b")
    return tag(
        "svg",
        tag("title", title, id=f"{chart_id}-title"),
        tag("desc", description, id=f"{chart_id}-desc"),
        grid, bars, axis,
        xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}", width=width, height=height,
        role="img", aria_labelledby=f"{chart_id}-title {chart_id}-desc", class_="chart", id=chart_id,
    )  # fmt: skip


def legend(series: Sequence[tuple[str, str]]) -> Markup:
    """The colour key, as a list (the SVG's title and the table say the same)."""
    return tag("ul", [tag("li", tag("span", class_=f"swatch sw-{key}", aria_hidden="true"), label) for key, label in series], class_="legend")
