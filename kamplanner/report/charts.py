"""The forecast chart (revenue by year, stacked by region) and the opportunity matrix."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect
from reportlab.lib import colors

from ..domain import analysis
from ..domain.analysis import Quadrant
from ..domain.template import OPPORTUNITIES, STAGES, Cell
from ..domain.values import format_number
from .context import Context
from .drawing import fit, new_drawing, nice_ticks, text, tint, width
from .tables import money_decimals


def _legend(ctx: Context, drawing: Drawing, items: list[tuple[colors.Color, str]], y: float) -> float:
    """Swatches and names in rows from the left, starting at ``y``; returns the y below them."""
    font, size = ctx.fonts.regular, ctx.style.size("chart")
    x, room = 0.0, drawing.width
    for colour, name in items:
        name = fit(name, font, size, room / 2)
        step = 14 + width(name, font, size) + 14
        if x and x + step > room:
            x, y = 0.0, y - size * 1.8
        drawing.add(Rect(x, y - 1, 9, 7, fillColor=colour, strokeColor=None))
        drawing.add(text(x + 13, y, name, font, size, ctx.style.colour("text")))
        x += step
    return y - size * 1.8


def forecast_chart(ctx: Context) -> Drawing | None:
    """Revenue for the plan year and the four after it, stacked by region, totals on top."""
    totals = analysis.forecast_totals(ctx.plan)
    if not totals.regions or not any(totals.revenue_by_year.values()):
        return None
    style = ctx.style
    font, bold, size = ctx.fonts.regular, ctx.fonts.bold, style.size("chart")
    regions = list(totals.regions)
    legend_rows = 1 + len(regions) // 6
    drawing = new_drawing(ctx.width, 190 + legend_rows * size * 1.8, font, size)
    chart = VerticalBarChart()
    chart.x, chart.y = 46, legend_rows * size * 1.8 + 22
    chart.width, chart.height = ctx.width - 56, drawing.height - chart.y - 18
    chart.data = [[totals.revenue_by_region_year.get((r, y), 0.0) for y in totals.years] for r in regions]
    chart.categoryAxis.categoryNames = [str(y) for y in totals.years]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = size + 0.5
    chart.categoryAxis.labels.dy = -4
    chart.categoryAxis.strokeColor = style.colour("muted")
    chart.categoryAxis.tickDown = 0
    top = max(totals.revenue_by_year.values())
    ticks = nice_ticks(top * 1.05)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, ticks[-1]
    chart.valueAxis.valueSteps = ticks
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = size
    chart.valueAxis.labelTextFormat = ctx.plan.money.format  # 2.5 stays 2.5 in CNY m
    chart.valueAxis.strokeColor = None
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = style.colour("rule")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.tickLeft = 0
    chart.groupSpacing = 18
    chart.bars.strokeColor = colors.white
    chart.bars.strokeWidth = 0.5
    for i in range(len(regions)):
        chart.bars[i].fillColor = style.series[i % len(style.series)]
    drawing.add(chart)
    # The year totals above the stacks.
    step = chart.width / len(totals.years)
    # One number of decimals over all the stacks, as in the tables (141.0 beside 161.5).
    decimals = money_decimals(round(v, 1) for v in totals.revenue_by_year.values())
    for i, year in enumerate(totals.years):
        value = totals.revenue_by_year[year]
        y = chart.y + chart.height * value / ticks[-1] + 4
        label = format_number(round(value, 1), decimals)
        x = chart.x + step * (i + 0.5)
        # On a white ground, so a grid line running through the label does not strike it out.
        half = width(label, bold, size) / 2 + 1.5
        drawing.add(Rect(x - half, y - size * 0.25, 2 * half, size * 1.15, fillColor=colors.white, strokeColor=None))
        drawing.add(text(x, y, label, bold, size, style.colour("text"), "middle"))
    _legend(
        ctx,
        drawing,
        [(style.series[i % len(style.series)], r or "—") for i, r in enumerate(regions)],
        legend_rows * size * 1.8 - size,
    )
    return drawing


def opportunity_matrix(ctx: Context) -> Drawing | None:
    """Value against probability with the four quadrants; dots carry the table's row numbers."""
    plan = ctx.plan
    rows = plan.rows(OPPORTUNITIES)
    points = []
    stage_of: dict[int, str] = {}  # row number -> stage key
    for number, row in enumerate(rows, 1):
        value, probability = row.get(Cell.value), row.get(Cell.probability)
        if isinstance(value, (int, float)) and isinstance(probability, (int, float)):
            points.append((number, max(0.0, float(value)), min(100.0, max(0.0, float(probability)))))
            stage = row.get(Cell.stage)
            if isinstance(stage, str):
                stage_of[number] = stage
    if not points:
        return None
    style = ctx.style
    font, bold, size = ctx.fonts.regular, ctx.fonts.bold, style.size("chart")
    threshold = analysis.value_threshold(plan)
    ticks = nice_ticks(max(max(p[1] for p in points), threshold) * 1.08)
    legend = size * 2.2 if stage_of else 0.0  # the stages' markers, above the plot
    drawing = new_drawing(ctx.width, 250 + legend, font, size)
    left, bottom, right, top = 52, 30, ctx.width - 8, drawing.height - 8 - legend
    plot_w, plot_h = right - left, top - bottom

    def at(value: float, probability: float) -> tuple[float, float]:
        return left + plot_w * probability / 100, bottom + plot_h * value / ticks[-1]

    split_x, split_y = at(threshold, analysis.LIKELY_PROBABILITY)
    primary, muted = style.colour("primary"), style.colour("muted")
    quadrants = {  # quadrant: (x0, y0, x1, y1, shade)
        Quadrant.GO_AFTER: (left, split_y, split_x, top, 0.86),
        Quadrant.ACT_NOW: (split_x, split_y, right, top, 0.78),
        Quadrant.SHELVE: (left, bottom, split_x, split_y, 0.97),
        Quadrant.TAKE_WHEN_COMES: (split_x, bottom, right, split_y, 0.9),
    }
    radius = 7.0
    placed: list[tuple[int, float, float]] = []
    for number, value, probability in points:
        x, y = at(value, probability)
        for attempt in range(12):  # nudge a dot that would hide another
            if all(math.hypot(x - px, y - py) >= radius * 2 for _, px, py in placed):
                break
            x += radius * 1.6 * (1 if attempt % 2 == 0 else -1) * (attempt // 2 + 1)
        placed.append((number, min(max(x, left + radius), right - radius), y))

    def covers_a_dot(x0: float, y0: float, x1: float, y1: float) -> bool:
        return any(x0 - radius < x < x1 + radius and y0 - radius < y < y1 + radius for _, x, y in placed)

    label_size = size + 1.5
    for quadrant, (x0, y0, x1, y1, shade) in quadrants.items():
        drawing.add(Rect(x0, y0, x1 - x0, y1 - y0, fillColor=tint(primary, shade), strokeColor=None))
        if y1 - y0 < label_size * 2.5:
            continue
        label = quadrant.label(ctx.lang)
        on_right = quadrant in (Quadrant.ACT_NOW, Quadrant.TAKE_WHEN_COMES)
        on_top = quadrant in (Quadrant.ACT_NOW, Quadrant.GO_AFTER)
        x = x1 - 6 if on_right else x0 + 6
        w = width(label, bold, label_size)
        lx0 = x - w if on_right else x
        # In its outer corner, or at the quadrant's other edge if a dot would hide it there.
        spots = [y1 - label_size * 1.5, y0 + 5] if on_top else [y0 + 5, y1 - label_size * 1.5]
        y = next((y for y in spots if not covers_a_dot(lx0, y - 2, lx0 + w, y + label_size)), spots[0])
        drawing.add(text(x, y, label, bold, label_size, primary, "end" if on_right else "start"))
    for tick in ticks:
        _, y = at(tick, 0)
        drawing.add(Line(left - 3, y, left, y, strokeColor=muted, strokeWidth=0.5))
        drawing.add(text(left - 5, y - size / 3, plan.money.format(tick), font, size, muted, "end"))
    for p in (0, 25, 50, 75, 100):
        x, _ = at(0, p)
        drawing.add(Line(x, bottom - 3, x, bottom, strokeColor=muted, strokeWidth=0.5))
        drawing.add(text(x, bottom - 3 - size * 1.2, f"{p}%", font, size, muted, "middle"))
    drawing.add(Line(left, bottom, right, bottom, strokeColor=muted, strokeWidth=0.6))
    drawing.add(Line(left, bottom, left, top, strokeColor=muted, strokeWidth=0.6))
    drawing.add(Line(split_x, bottom, split_x, top, strokeColor=primary, strokeWidth=0.6, strokeDashArray=[3, 2]))
    drawing.add(Line(left, split_y, right, split_y, strokeColor=primary, strokeWidth=0.6, strokeDashArray=[3, 2]))
    drawing.add(
        text((left + right) / 2, 2, ctx.texts.plain(ctx.texts.matrix_probability_axis()), font, size, muted, "middle")
    )
    axis = text(0, 0, ctx.texts.plain(ctx.texts.matrix_value_axis(ctx.unit)), font, size, muted, "middle")
    label = Group(axis)  # the value axis title, turned upright along the axis
    label.translate(8, (bottom + top) / 2)
    label.rotate(90)
    drawing.add(label)
    for number, x, y in placed:
        ink = _stage_marker(drawing, stage_of.get(number), x, y, radius, primary)
        drawing.add(text(x, y - size / 2.8, str(number), bold, size - 0.5, ink, "middle"))
    if stage_of:
        lx, ly = left, drawing.height - size * 1.4
        for choice in STAGES:
            _stage_marker(drawing, choice.key, lx + 4, ly + size / 3, 4.0, primary)
            name = choice.label(ctx.lang)
            drawing.add(text(lx + 12, ly, name, font, size, ctx.style.colour("text")))
            lx += 12 + width(name, font, size) + 16
    return drawing


def _stage_marker(
    drawing: Drawing, stage: str | None, x: float, y: float, r: float, primary: colors.Color
) -> colors.Color:
    """The dot of one opportunity, by stage: ours a filled circle, a real project a filled
    square, a potential one an open circle (no stage: a filled circle, as before stages).
    Returns the colour its number is written in."""
    if stage == "project":
        drawing.add(Rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, fillColor=primary, strokeColor=colors.white))
        return colors.white
    if stage == "potential":
        drawing.add(Circle(x, y, r, fillColor=colors.white, strokeColor=primary, strokeWidth=1.2))
        return primary
    drawing.add(Circle(x, y, r, fillColor=primary, strokeColor=colors.white, strokeWidth=0.8))
    return colors.white
