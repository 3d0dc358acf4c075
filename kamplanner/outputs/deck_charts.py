"""The deck's pictures: the forecast as a native (editable) chart, the opportunity matrix and the
stakeholder map as shapes."""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from ..domain import analysis, orgtree
from ..domain.analysis import ForecastTotals, Quadrant
from ..domain.model import Plan
from ..domain.money import with_unit
from ..domain.template import ATTITUDES, BUYING_ROLES, OPPORTUNITIES, STAKEHOLDERS, TEMPLATE, Cell
from .deck_texts import say
from .slide_kit import Run, Theme, line, line_of, name_fonts, pt, rectangle, style_run, text_box, tint

MAX_SERIES = 8  # regions drawn apart; the rest are one series


def forecast_series(totals: ForecastTotals, lang: str) -> list[tuple[str, list[float]]]:
    """Revenue by region for each year, the regions past MAX_SERIES - 1 summed into one."""
    regions = list(totals.regions)
    kept = regions if len(regions) <= MAX_SERIES else regions[: MAX_SERIES - 1]
    series = [
        (
            line_of(r, 40) or say("no_region", lang),
            [totals.revenue_by_region_year.get((r, y), 0.0) for y in totals.years],
        )
        for r in kept
    ]
    rest = regions[len(kept) :]
    if rest:
        series.append(
            (
                say("other_regions", lang, count=len(rest)),
                [sum(totals.revenue_by_region_year.get((r, y), 0.0) for r in rest) for y in totals.years],
            )
        )
    return series


def forecast_chart(slide, th: Theme, plan: Plan, lang: str, x: float, y: float, w: float, h: float):  # type: ignore[no-untyped-def]
    """Revenue for the plan year and the four after it, stacked by region: a chart PowerPoint
    can edit, its data in the workbook it carries."""
    totals = analysis.forecast_totals(plan)
    data = CategoryChartData(number_format="#,##0.##")
    data.categories = [str(year) for year in totals.years]
    for name, values in forecast_series(totals, lang):
        data.add_series(name, values)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, pt(x), pt(y), pt(w), pt(h), data)
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(11)
    chart.font.color.rgb = th.rgb("text")
    name_fonts(chart.font._element, th.font)  # python-pptx names no East Asian font
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 100
    for i, series in enumerate(plot.series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = th.rgb(th.series[i % len(th.series)])
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = th.rgb("rule")
    axis.format.line.fill.background()
    axis.tick_labels.number_format = "#,##0.##"
    axis.tick_labels.number_format_is_linked = False
    chart.category_axis.format.line.color.rgb = th.rgb("muted")
    return frame


# --------------------------------------------------------------------------- the opportunity matrix

MATRIX_POINTS = 12  # dots on the matrix; the list beside it says how many more the plan has


def matrix(slide, th: Theme, plan: Plan, lang: str, x: float, y: float, w: float, h: float) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """Value (up) against probability (across), the four quadrants of analysis.py shaded and
    named, a numbered dot for each opportunity (the largest MATRIX_POINTS); returns the numbers
    and row keys drawn, in the plan's order."""
    rows = plan.rows(OPPORTUNITIES)
    quadrants = analysis.opportunity_quadrants(plan)
    points = []
    for number, row in enumerate(rows, 1):
        value, probability = row.get(Cell.value), row.get(Cell.probability)
        if isinstance(value, (int, float)) and isinstance(probability, (int, float)) and quadrants.get(row.key):
            points.append((number, row.key, max(0.0, float(value)), min(100.0, max(0.0, float(probability)))))
    points = sorted(sorted(points, key=lambda p: -p[2])[:MATRIX_POINTS])
    threshold = analysis.value_threshold(plan)
    top_value = max([p[2] for p in points] + [threshold, 1e-9]) * 1.1
    left, bottom = x + 46, y + h - 30
    right, top = x + w, y + 20
    value_axis = with_unit(TEMPLATE.table(OPPORTUNITIES).column(Cell.value).label(lang), plan.money, lang)
    text_box(slide, th, x, y, w, 18, [value_axis], size=10, colour="muted")
    plot_w, plot_h = right - left, bottom - top

    def at(value: float, probability: float) -> tuple[float, float]:
        return left + plot_w * probability / 100, bottom - plot_h * value / top_value

    split_x, split_y = at(threshold, analysis.LIKELY_PROBABILITY)
    radius = 11.0
    placed: list[tuple[float, float]] = []
    for _number, _key, value, probability in points:
        cx, cy = at(value, probability)
        for attempt in range(12):  # nudge a dot that would hide another
            if all((cx - px) ** 2 + (cy - py) ** 2 >= (radius * 2) ** 2 for px, py in placed):
                break
            cx += radius * 1.6 * (1 if attempt % 2 == 0 else -1) * (attempt // 2 + 1)
        cx = min(max(cx, left + radius), right - radius)
        cy = min(max(cy, top + radius), bottom - radius)
        placed.append((cx, cy))

    def covers_a_dot(x0: float, y0: float, x1: float, y1: float) -> bool:
        return any(x0 - radius < px < x1 + radius and y0 - radius < py < y1 + radius for px, py in placed)

    shades = {
        Quadrant.GO_AFTER: (left, top, split_x, split_y, 0.86),
        Quadrant.ACT_NOW: (split_x, top, right, split_y, 0.78),
        Quadrant.SHELVE: (left, split_y, split_x, bottom, 0.97),
        Quadrant.TAKE_WHEN_COMES: (split_x, split_y, right, bottom, 0.9),
    }
    for quadrant, (x0, y0, x1, y1, shade) in shades.items():
        if x1 - x0 < 1 or y1 - y0 < 1:
            continue
        rectangle(slide, th, x0, y0, x1 - x0, y1 - y0, tint(th.colours["primary"], shade))
        on_right = quadrant in (Quadrant.ACT_NOW, Quadrant.TAKE_WHEN_COMES)
        on_top = quadrant in (Quadrant.ACT_NOW, Quadrant.GO_AFTER)
        if y1 - y0 >= 24 and x1 - x0 >= 60:
            label = quadrant.label(lang)
            label_w = min(x1 - x0 - 4, len(label) * 13 * (1.0 if lang.startswith("zh") else 0.6) + 10)
            lx = x1 - 2 - label_w if on_right else x0 + 2
            # In its outer corner, or at the quadrant's other edge if a dot would hide it there.
            spots = [y0 + 2, y1 - 26] if on_top else [y1 - 26, y0 + 2]
            ly = next((sy for sy in spots if not covers_a_dot(lx, sy, lx + label_w, sy + 24)), spots[0])
            text_box(
                slide, th, lx, ly, label_w, 24, [label],
                size=13, smallest=8, colour="primary", bold=True, align="right" if on_right else "left",
            )  # fmt: skip
    line(slide, th, left, bottom, right, bottom, "muted", 1)
    line(slide, th, left, top, left, bottom, "muted", 1)
    line(slide, th, split_x, top, split_x, bottom, "primary", 1, dashed=True)
    line(slide, th, left, split_y, right, split_y, "primary", 1, dashed=True)
    for p in (0, 25, 50, 75, 100):
        px, _ = at(0, p)
        text_box(slide, th, px - 24, bottom + 2, 48, 16, [f"{p}%"], size=9, colour="muted", align="center")
    text_box(
        slide,
        th,
        left,
        bottom + 14,
        plot_w,
        16,
        [say("probability_axis", lang)],
        size=10,
        colour="muted",
        align="center",
    )
    for value in (0.0, top_value / 1.1 / 2, top_value / 1.1):
        _, py = at(value, 0)
        label = plan.money.format(round(value, 1))
        text_box(slide, th, x - 4, py - 8, 48, 16, [label], size=9, smallest=6, colour="muted", align="right")
    for (number, _key, _value, _probability), (cx, cy) in zip(points, placed, strict=True):
        dot = slide.shapes.add_shape(MSO_SHAPE.OVAL, pt(cx - radius), pt(cy - radius), pt(2 * radius), pt(2 * radius))
        dot.fill.solid()
        dot.fill.fore_color.rgb = th.rgb("primary")
        dot.line.color.rgb = th.rgb("#ffffff")
        dot.shadow.inherit = False
        frame = dot.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = str(number)
        style_run(run, th, 9 if number < 100 else 7, "#ffffff", True)
    return [(p[0], p[1]) for p in points]


# --------------------------------------------------------------------------- the stakeholder map

MAP_PEOPLE = 24  # boxes on a slide; more would be too small to read


def stakeholder_map(slide, th: Theme, plan: Plan, lang: str, x: float, y: float, w: float, h: float) -> int:  # type: ignore[no-untyped-def]
    """The org chart of domain/orgtree.py scaled to the room, each box coloured by attitude
    as in the PDF (grey without one), name and title in it; returns how many people it shows."""
    rows = plan.rows(STAKEHOLDERS)
    roots, shown = orgtree.top_of(orgtree.forest(rows), most=MAP_PEOPLE)
    legend_h = 22.0
    room_h = h - legend_h
    block = orgtree.arrange(roots, w * orgtree.BOX_W / 150)  # boxes of ~150 points, as wide as fits
    scale = min(w / block.width, room_h / block.height, 1.6)
    dx = x + (w - block.width * scale) / 2
    for x0, y0, x1, y1 in block.lines:
        line(slide, th, dx + x0 * scale, y + y0 * scale, dx + x1 * scale, y + y1 * scale, "muted", 1)
    box_w, box_h = orgtree.BOX_W * scale, orgtree.BOX_H * scale
    size = max(6.0, min(13.0, box_h / 4.0))
    has_attitudes = any(r.get(Cell.attitude) for r in rows)
    for row, bx, by in block.boxes:
        attitude = str(row.get(Cell.attitude) or "")
        colour = th.attitude(attitude) if attitude else th.colours["muted"]
        left, top = dx + bx * scale, y + by * scale
        rectangle(slide, th, left, top, box_w, box_h, tint(colour, 0.84), colour, rounded=True)
        rectangle(slide, th, left, top, max(3.0, 4 * scale), box_h, colour)
        badge = analysis.attitude_text(row) if attitude else ""
        role = orgtree.ROLE_SYMBOLS.get(str(row.get(Cell.role) or ""), "")
        name = " ".join(part for part in (role, line_of(row.get(Cell.name), 60)) if part)
        title = line_of(row.get(Cell.title), 80)
        badge_w = size * (len(badge) * 0.75 + 0.8) if badge else 0.0
        text_box(
            slide, th, left + 4 * scale, top + 1, box_w - 5 * scale - badge_w, box_h - 2,
            [[Run(name, True)], [Run(title, False, "muted")]] if title else [[Run(name, True)]],
            size=size, smallest=size, space_after=0.1,
        )  # fmt: skip
        if badge:
            mark = rectangle(slide, th, left + box_w - badge_w - 3, top + 3, badge_w, size * 1.5, colour, rounded=True)
            frame = mark.text_frame
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.CENTER
            run = paragraph.add_run()
            run.text = badge
            style_run(run, th, size * 0.85, "#ffffff", True)
    legend_y = y + h - legend_h + 4
    if has_attitudes:
        lx = x
        text_box(slide, th, lx, legend_y, 90, 20, [say("attitudes", lang)], size=10, bold=True)
        lx += 80
        for choice in ATTITUDES:
            colour = th.attitude(choice.key)
            rectangle(slide, th, lx, legend_y + 4, 12, 10, tint(colour, 0.84), colour)
            label = choice.label(lang)
            text_box(slide, th, lx + 14, legend_y, 110, 20, [label], size=10, smallest=7)
            lx += 118 if lang == "en" else 80
        symbols = "  ".join(c.label(lang) for c in BUYING_ROLES)
        text_box(slide, th, lx + 10, legend_y, x + w - lx - 10, 20, [symbols], size=10, smallest=7, colour="muted")
    return shown
