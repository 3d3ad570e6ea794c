"""Drawing the analytics figures as SVG with pygal: no JavaScript, readable without colour, titled.

The SVG is shown in an `<img>` (so it cannot run anything and the page's CSP stays strict), with the same
numbers as a table beside it. pygal adds its configuration as an inline `<script>` even with `js=[]`;
we remove it, and give the root element a `<title>` and `<desc>` (the chart in words) so that someone
who opens the SVG on its own still gets it read out. Colours are from the GOV.UK palette, each with at
least 3:1 contrast against white, and lines also differ by their dash pattern so that they can be
told apart without colour.
"""

import math

import pygal
from pygal.style import Style

from .analytics import ChartData

# GOV.UK blue, red, green, purple and dark grey: all at least 4.5:1 against white.
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#505a5f")
DASHES = ("", "8, 4", "2, 4", "12, 4, 2, 4", "4, 4")
FONT = "Arial, Helvetica, sans-serif"

BASE_STYLE = {
    "background": "#ffffff",
    "plot_background": "#ffffff",
    "foreground": "#0b0c0c",
    "foreground_strong": "#0b0c0c",
    "foreground_subtle": "#505a5f",
    "opacity": "1",
    "opacity_hover": "1",
    "transition": "none",
    "colors": COLOURS,
    "font_family": FONT,
    "label_font_family": FONT,
    "major_label_font_family": FONT,
    "title_font_family": FONT,
    "legend_font_family": FONT,
    "no_data_font_family": FONT,
    "label_font_size": 15,
    "major_label_font_size": 15,
    "legend_font_size": 15,
    "no_data_font_size": 24,
    "stroke_opacity": "1",
    "stroke_opacity_hover": "1",
    "guide_stroke_color": "#b1b4b6",
    "major_guide_stroke_color": "#b1b4b6",
}


def _style(chart: ChartData) -> Style:
    """Lines are drawn thick enough to see and to tell their dashes apart; bars need no outline."""
    width = 4 if chart.kind == "line" else 1
    return Style(**BASE_STYLE, stroke_width=width, stroke_width_hover=width)


KINDS = {"bar": pygal.Bar, "horizontal": pygal.HorizontalBar, "line": pygal.Line}


def _accessible(title: str, description: str):
    """An xml filter: drop pygal's scripts, name the image and describe it."""

    def apply(root):
        for parent in list(root.iter()):
            for child in list(parent):
                if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
        chart_id = root.get("id", "chart")
        title_node = root.makeelement("title", {"id": f"{chart_id}-title"})
        title_node.text = title
        desc_node = root.makeelement("desc", {"id": f"{chart_id}-desc"})
        desc_node.text = description
        root.insert(0, desc_node)
        root.insert(0, title_node)
        root.set("role", "img")
        root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
        return root

    return apply


def _whole_number_labels(chart: ChartData) -> list[int]:
    """Counts of reviews are whole numbers: about five gridlines from 0, never 0.5 of a review."""
    highest = max((value or 0 for series in chart.series for value in series.values), default=0)
    step = max(1, math.ceil(highest / 5))
    return list(range(0, highest + step + 1, step))


def _size(chart: ChartData) -> tuple[int, int]:
    """Close to the size the page shows it at, so that 16px text stays about 16px on screen."""
    if chart.kind == "horizontal":
        return 640, 80 + 44 * max(len(chart.categories), 3)
    if chart.is_wide:
        return 640, 420
    return 480, 320


def render_svg(chart: ChartData) -> str:
    """The chart as an SVG document (text), with no script in it."""
    width, height = _size(chart)
    options = {
        "js": [],
        "style": _style(chart),
        "disable_xml_declaration": True,
        "show_legend": len(chart.series) > 1,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1,
        "legend_box_size": 14,
        "truncate_legend": -1,
        "truncate_label": -1,
        "no_data_text": "Nothing to show yet",
        "width": width,
        "height": height,
        "margin": 12,
        "dots_size": 5,
    }
    if chart.percent:
        options.update(range=(0, 100), y_labels=[0, 25, 50, 75, 100])
        options["value_formatter"] = lambda value: f"{value:.0f}%"
    else:
        labels = _whole_number_labels(chart)
        options.update(range=(0, labels[-1]), y_labels=labels)
        options["value_formatter"] = lambda value: f"{value:.0f}"
    drawing = KINDS[chart.kind](**options)
    # pygal draws horizontal bars from the bottom up: reversed, they read top down like the table.
    order = slice(None, None, -1) if chart.kind == "horizontal" else slice(None)
    drawing.x_labels = chart.categories[order]
    for index, series in enumerate(chart.series):
        if chart.kind == "line":
            drawing.add(series.label, series.values, stroke_style={"dasharray": DASHES[index % len(DASHES)]})
        else:
            drawing.add(series.label, series.values[order])
    drawing.add_xml_filter(_accessible(chart.title, chart.summary()))
    return drawing.render(is_unicode=True)
