"""The stakeholder map: an org chart from reports-to, each box coloured by attitude to us.

The boxes are placed by domain/orgtree.py (the slides place theirs with it too); a chart still
too big for the page is scaled down to fit.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, Line, Rect
from reportlab.lib import colors

from ..domain import analysis
from ..domain.model import Record
from ..domain.orgtree import BOX_H, BOX_W, ROLE_SYMBOLS, arrange, forest, top_of
from ..domain.template import ATTITUDES, BUYING_ROLES, STAKEHOLDERS, Cell
from .context import Context
from .drawing import fit, new_drawing, text, tint, width, wrap


def stakeholder_map(ctx: Context) -> Drawing | None:
    rows = ctx.plan.rows(STAKEHOLDERS)
    if not rows:
        return None
    roots, _shown = top_of(forest(rows))
    block = arrange(roots, ctx.width)
    style = ctx.style
    size = style.size("chart")
    legend_h = 0.0 if ctx.for_customer else size * 5  # (attitudes and buying roles: not the customer's to read)
    max_h = style.frame_height * 0.72 - legend_h
    scale = min(1.0, ctx.width / block.width, max_h / block.height)
    chart_h = block.height * scale
    drawing = new_drawing(ctx.width, chart_h + legend_h, ctx.fonts.regular, size)
    group = Group()
    line_colour = style.colour("muted")
    for x0, y0, x1, y1 in block.lines:  # y grows downward in the layout, upward in PDF
        group.add(Line(x0, block.height - y0, x1, block.height - y1, strokeColor=line_colour, strokeWidth=0.7))
    for row, x, y in block.boxes:
        _box(ctx, group, row, x, block.height - y - BOX_H)
    group.translate((ctx.width - block.width * scale) / 2, legend_h)
    group.scale(scale, scale)
    drawing.add(group)
    if legend_h:
        _legend(ctx, drawing, legend_h)
    return drawing


def _box(ctx: Context, group: Group, row: Record, x: float, y: float) -> None:
    style = ctx.style
    font, bold = ctx.fonts.regular, ctx.fonts.bold
    size = style.size("chart")
    attitude = str(row.get(Cell.attitude) or "")
    colour = style.attitude_colour(attitude) if attitude else style.colour("muted")
    group.add(Rect(x, y, BOX_W, BOX_H, rx=3, ry=3, fillColor=tint(colour, 0.84), strokeColor=colour, strokeWidth=1))
    group.add(Rect(x, y, 3.5, BOX_H, fillColor=colour, strokeColor=None))
    badge = analysis.attitude_text(row)
    badge_w = width(badge, bold, size) + 6 if badge else 0
    if badge:
        group.add(
            Rect(
                x + BOX_W - badge_w - 3,
                y + BOX_H - size - 6,
                badge_w,
                size + 3.5,
                rx=2,
                ry=2,
                fillColor=colour,
                strokeColor=None,
            )
        )
        group.add(text(x + BOX_W - badge_w / 2 - 3, y + BOX_H - size - 3.5, badge, bold, size, colors.white, "middle"))
    role = ROLE_SYMBOLS.get(str(row.get(Cell.role) or ""), "")
    name = f"{role} {row.get(Cell.name) or ''}".strip()
    left = x + 7
    group.add(
        text(
            left,
            y + BOX_H - size - 4,
            fit(name, bold, size + 0.5, BOX_W - badge_w - 14),
            bold,
            size + 0.5,
            style.colour("text"),
        )
    )
    title = str(row.get(Cell.title) or "")
    for i, line in enumerate(wrap(title, font, size - 0.5, BOX_W - 12, 2)):
        group.add(
            text(left, y + BOX_H - size * 2.6 - 4 - i * size * 1.2, line, font, size - 0.5, style.colour("muted"))
        )


def _legend(ctx: Context, drawing: Drawing, height: float) -> None:
    style = ctx.style
    font, bold, size = ctx.fonts.regular, ctx.fonts.bold, style.size("chart")
    y = height - size * 2.2
    x = 0.0
    drawing.add(text(x, y, ctx.texts.plain(ctx.texts.orgchart_legend_attitudes()), bold, size, style.colour("text")))
    x += width(ctx.texts.plain(ctx.texts.orgchart_legend_attitudes()), bold, size) + 10
    for choice in ATTITUDES:
        colour = style.attitude_colour(choice.key)
        label = choice.label(ctx.lang)
        drawing.add(Rect(x, y - 1.5, 9, 8, fillColor=tint(colour, 0.84), strokeColor=colour, strokeWidth=1))
        drawing.add(text(x + 12, y, label, font, size, style.colour("text")))
        x += 12 + width(label, font, size) + 12
    y -= size * 1.9
    x = 0.0
    heading = ctx.texts.plain(ctx.texts.orgchart_legend_roles())
    drawing.add(text(x, y, heading, bold, size, style.colour("text")))
    x += width(heading, bold, size) + 10
    for choice in BUYING_ROLES:
        label = choice.label(ctx.lang)
        drawing.add(text(x, y, label, font, size, style.colour("text")))
        x += width(label, font, size) + 14
