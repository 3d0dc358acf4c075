"""Charts drawn live beside their tables: the opportunity matrix and the stakeholder map.

Plain QPainter: they follow every edit at once, use the palette (light or dark), and cost
nothing at start-up. Clicking a point or a box selects its row in the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..domain.analysis import (
    LIKELY_PROBABILITY,
    OPPORTUNITIES,
    STAKEHOLDERS,
    Quadrant,
    attitude_change,
    opportunity_quadrants,
    value_threshold,
)
from ..domain.model import Record
from ..domain.template import ATTITUDES, BUYING_ROLES, TEMPLATE
from ..domain.values import format_number
from .document import PlanDocument, detach

translate = QCoreApplication.translate

QUADRANT_COLORS = {
    Quadrant.ACT_NOW: QColor(46, 125, 50),
    Quadrant.GO_AFTER: QColor(25, 118, 210),
    Quadrant.TAKE_WHEN_COMES: QColor(239, 140, 0),
    Quadrant.SHELVE: QColor(120, 120, 120),
}
ATTITUDE_COLORS = {
    "A": QColor(46, 125, 50),
    "B": QColor(124, 179, 66),
    "C": QColor(150, 150, 150),
    "D": QColor(245, 124, 0),
    "E": QColor(211, 47, 47),
}
ROLE_SYMBOLS = {"final_approval": "※", "decision_maker": "+", "evaluator": "=", "end_user": "−"}


def _number(record: Record, key: str) -> float | None:
    v = record.get(key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _nice_ceiling(x: float) -> float:
    if x <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(x))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= x:
            return step * magnitude
    return 10 * magnitude


class PlanChart(QWidget):
    """A chart of one table of the open plan; repaints whenever that table changes."""

    rowClicked = Signal(str)  # the row key under the click
    path = ""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.document: PlanDocument | None = None
        self.selected: str | None = None
        self._hits: list[tuple[QRectF, str]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(300, 260)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.applied, self._changed)
            detach(self.document.reloaded, self.update)
        self.document = document
        if document is not None:
            document.applied.connect(self._changed)
            document.reloaded.connect(self.update)
        self.update()

    def _changed(self, edit) -> None:  # type: ignore[no-untyped-def]
        if getattr(edit, "field", None) in self.watched():
            self.update()

    def watched(self) -> tuple[str, ...]:
        return (self.path,)

    def select(self, key: str | None) -> None:
        if key != self.selected:
            self.selected = key
            self.update()

    def rows(self) -> list[Record]:
        return self.document.plan.rows(self.path) if self.document else []

    def hit(self, pos: QPointF) -> str | None:
        for rect, key in reversed(self._hits):
            if rect.contains(pos):
                return key
        return None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        key = self.hit(event.position())
        if key is not None:
            self.select(key)
            self.rowClicked.emit(key)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor if self.hit(event.position()) else Qt.CursorShape.ArrowCursor)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            key = self.hit(QPointF(event.pos()))
            if key is not None and self.document is not None:
                record = self.document.plan.row(self.path, key)
                if record is not None:
                    QToolTip.showText(event.globalPos(), self.describe(record), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def describe(self, record: Record) -> str:
        return record.key

    def text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def faint_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def small_font(self, delta: float = -1, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() + delta))
        font.setBold(bold)
        return font


class OpportunityMatrix(PlanChart):
    """Value against probability of success, in the method's four quadrants."""

    path = OPPORTUNITIES

    def sizeHint(self) -> QSize:
        return QSize(420, 340)

    def describe(self, record: Record) -> str:
        value, probability = _number(record, "value"), _number(record, "probability")
        quadrant = opportunity_quadrants(self.document.plan).get(record.key) if self.document else None
        column = TEMPLATE.table(OPPORTUNITIES).column
        lines = [f"<b>{_escape(str(record.get('name') or record.key))}</b>"]
        if value is not None:
            lines.append(
                f"{column('value').label(self.lang)}: {format_number(value)} {self.document.plan.currency if self.document else ''}"
            )
        if probability is not None:
            lines.append(f"{column('probability').label(self.lang)}: {probability:g}%")
        if quadrant is not None:
            lines.append(quadrant.label(self.lang))
        return "<br>".join(lines)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        rect = QRectF(self.rect())
        metrics = QFontMetrics(self.small_font())
        left = metrics.horizontalAdvance("00,000") + 22
        plot = rect.adjusted(left, 10, -14, -(metrics.height() * 2 + 14))
        if plot.width() < 60 or plot.height() < 60:
            return
        rows = self.rows()
        points = [(r, _number(r, "value"), _number(r, "probability")) for r in rows]
        points = [(r, v, p) for r, v, p in points if v is not None and p is not None]
        threshold = value_threshold(self.document.plan) if self.document else 0.0
        top = _nice_ceiling(max([v for _, v, _ in points] + [threshold, 1.0]) * 1.12)

        def at(value: float, probability: float) -> QPointF:
            x = plot.left() + plot.width() * max(0.0, min(probability, 100.0)) / 100.0
            y = plot.bottom() - plot.height() * max(0.0, min(value, top)) / top
            return QPointF(x, y)

        split = at(threshold, LIKELY_PROBABILITY)
        quadrants = {
            Quadrant.GO_AFTER: QRectF(plot.topLeft(), split),
            Quadrant.ACT_NOW: QRectF(QPointF(split.x(), plot.top()), QPointF(plot.right(), split.y())),
            Quadrant.SHELVE: QRectF(QPointF(plot.left(), split.y()), QPointF(split.x(), plot.bottom())),
            Quadrant.TAKE_WHEN_COMES: QRectF(split, plot.bottomRight()),
        }
        painter.setPen(Qt.PenStyle.NoPen)
        for quadrant, area in quadrants.items():
            tint = QColor(QUADRANT_COLORS[quadrant])
            tint.setAlpha(26)
            painter.setBrush(tint)
            painter.drawRect(area)
        # quadrant names, in the outer corner of each
        painter.setFont(self.small_font(0, bold=True))
        for quadrant, area in quadrants.items():
            color = QColor(QUADRANT_COLORS[quadrant])
            painter.setPen(color)
            align = (
                Qt.AlignmentFlag.AlignTop
                if quadrant in (Quadrant.GO_AFTER, Quadrant.ACT_NOW)
                else Qt.AlignmentFlag.AlignBottom
            )
            align |= (
                Qt.AlignmentFlag.AlignRight
                if quadrant in (Quadrant.ACT_NOW, Quadrant.TAKE_WHEN_COMES)
                else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(area.adjusted(6, 4, -6, -4), int(align), quadrant.label(self.lang))
        # axes and dividers
        faint = self.faint_color()
        painter.setPen(QPen(faint, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)
        painter.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
        painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))
        painter.setFont(self.small_font())
        painter.setPen(self.text_color())
        for p in (0, 25, 50, 75, 100):
            x = at(0, p).x()
            painter.drawText(
                QRectF(x - 30, plot.bottom() + 2, 60, metrics.height()), int(Qt.AlignmentFlag.AlignCenter), f"{p}%"
            )
        for i in range(5):
            v = top * i / 4
            y = at(v, 0).y()
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_number(v),
            )
        column = TEMPLATE.table(OPPORTUNITIES).column
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + metrics.height() + 4, plot.width(), metrics.height()),
            int(Qt.AlignmentFlag.AlignCenter),
            column("probability").label(self.lang) + " →",
        )
        painter.save()
        painter.translate(10, plot.center().y())
        painter.rotate(-90)
        currency = self.document.plan.currency if self.document else ""
        painter.drawText(
            QRectF(-plot.height() / 2, -metrics.height() / 2 - 2, plot.height(), metrics.height()),
            int(Qt.AlignmentFlag.AlignCenter),
            f"{column('value').label(self.lang)} ({currency}) →",
        )
        painter.restore()
        if not points:
            painter.setPen(faint)
            painter.drawText(
                plot,
                int(Qt.AlignmentFlag.AlignCenter),
                translate("Charts", "No opportunities with a value and a probability yet"),
            )
            return
        # the opportunities: bigger circles for bigger value, numbered as in the table
        quadrant_of = opportunity_quadrants(self.document.plan) if self.document else {}
        number = {r.key: i + 1 for i, r in enumerate(rows)}
        label_font = self.small_font(-1)
        label_metrics = QFontMetrics(label_font)
        placed: list[QRectF] = []
        pending: list[tuple[Record, QPointF, float]] = []
        for record, value, probability in sorted(points, key=lambda t: -t[1]):
            center = at(value, probability)
            radius = 7 + 9 * math.sqrt(max(value, 0) / top)
            color = QColor(QUADRANT_COLORS.get(quadrant_of.get(record.key) or Quadrant.SHELVE))
            fill = QColor(color)
            fill.setAlpha(190)
            selected = record.key == self.selected
            painter.setPen(
                QPen(
                    self.palette().color(QPalette.ColorRole.Highlight) if selected else color.darker(130),
                    3 if selected else 1,
                )
            )
            painter.setBrush(fill)
            painter.drawEllipse(center, radius, radius)
            painter.setPen(QColor("white"))
            painter.setFont(self.small_font(-1, bold=True))
            painter.drawText(
                QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius),
                int(Qt.AlignmentFlag.AlignCenter),
                str(number[record.key]),
            )
            circle = QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius)
            self._hits.append((circle, record.key))
            placed.append(circle)
            pending.append((record, center, radius))
        # Names after all circles, where they overlap nothing; a crowded one keeps only its
        # number (the tooltip and the table have the name).
        painter.setFont(label_font)
        painter.setPen(self.text_color())
        height = label_metrics.height()
        for record, center, radius in pending:
            full = str(record.get("name") or "")
            candidates = []
            for room in (120, 64):
                name = label_metrics.elidedText(full, Qt.TextElideMode.ElideRight, room)
                width = label_metrics.horizontalAdvance(name)
                candidates += [(name, center.x() + radius + 3, width), (name, center.x() - radius - 3 - width, width)]
            for name, x, width in candidates:
                box = QRectF(x, center.y() - height / 2, width, height)
                if (
                    box.left() >= plot.left()
                    and box.right() <= plot.right()
                    and not any(box.intersects(r) for r in placed)
                ):
                    painter.drawText(QPointF(x, center.y() + label_metrics.ascent() / 2 - 1), name)
                    placed.append(box)
                    break


@dataclass
class _Node:
    record: Record
    children: list[_Node]
    px: float = 0.0  # top-left corner, in chart units
    py: float = 0.0
    stacked: bool = False  # its reports hang in a column under it


class StakeholderMap(PlanChart):
    """The customer's decision makers as an org chart: buying role, attitude and its change."""

    path = STAKEHOLDERS
    BOX_W, BOX_H, GAP_X, GAP_Y = 164.0, 58.0, 14.0, 30.0
    INDENT, STACK_GAP = 18.0, 8.0

    def watched(self) -> tuple[str, ...]:
        return (STAKEHOLDERS, "team.members")

    READABLE = 0.9  # the smallest scale at which the boxes' text still reads well

    def update(self) -> None:  # type: ignore[override]
        self._fit_height()
        super().update()

    def _fit_height(self) -> None:
        """Tall enough for the org chart to be drawn at a readable size, up to a limit."""
        if not hasattr(self, "INDENT"):
            return
        # The indented list is the layout a narrow chart falls back to; make room for it.
        natural_h = self.list_layout()[2] if self.document is not None else 0.0
        wanted = natural_h * self.READABLE + self.legend_height() + 24
        self.setMinimumHeight(int(max(360, min(wanted, 960))))

    def sizeHint(self) -> QSize:
        return QSize(560, 420)

    def describe(self, record: Record) -> str:
        table = TEMPLATE.table(STAKEHOLDERS)
        plan = self.document.plan if self.document else None
        lines = [f"<b>{_escape(str(record.get('name') or record.key))}</b>"]
        for key in ("title", "department", "reports_to", "role", "attitude", "previous_attitude", "owner", "notes"):
            value = record.get(key)
            if value in (None, ""):
                continue
            column = table.column(key)
            if column.ref and plan is not None:
                shown = plan.label_of(column.ref, value)
            elif column.choices:
                choice = column.choice(str(value))
                shown = choice.label(self.lang) if choice else str(value)
            else:
                shown = str(value)
            lines.append(f"{_escape(column.label(self.lang))}: {_escape(shown)}")
        return "<br>".join(lines)

    def forest(self) -> list[_Node]:
        rows = self.rows()
        keys = {r.key for r in rows}
        nodes = {r.key: _Node(r, []) for r in rows}
        roots: list[_Node] = []
        for record in rows:
            boss = record.get("reports_to")
            chain, current = {record.key}, boss
            # a reports-to cycle or a dangling reference makes the row a root of its own
            while isinstance(current, str) and current in keys and current not in chain:
                chain.add(current)
                current = nodes[current].record.get("reports_to")
            if isinstance(boss, str) and boss in keys and current not in chain:
                nodes[boss].children.append(nodes[record.key])
            else:
                roots.append(nodes[record.key])
        return roots

    def layout(self, area: QRectF | None = None) -> tuple[list[_Node], float, float]:
        """The org chart, or (when that would have to shrink more) an indented list."""
        chart = self.chart_layout()
        if area is None or not chart[0]:
            return chart
        listed = self.list_layout()

        def scale(layout: tuple[list[_Node], float, float]) -> float:
            return min(1.0, area.width() / layout[1], area.height() / layout[2])

        return chart if scale(chart) >= scale(listed) else listed

    def list_layout(self) -> tuple[list[_Node], float, float]:
        placed: list[_Node] = []

        def place(node: _Node, depth: int) -> None:
            node.px = depth * self.INDENT
            node.py = len(placed) * (self.BOX_H + self.STACK_GAP)
            node.stacked = bool(node.children)
            placed.append(node)
            for child in node.children:
                place(child, depth + 1)

        for root in self.forest():
            place(root, 0)
        width = max((n.px + self.BOX_W for n in placed), default=0.0)
        height = max((n.py + self.BOX_H for n in placed), default=0.0)
        return placed, width, height

    def chart_layout(self) -> tuple[list[_Node], float, float]:
        """Boxes in chart units: teams side by side, and a boss whose reports have no reports of
        their own gets them stacked under it, so the chart grows down, not sideways."""
        roots = self.forest()
        column_w = self.BOX_W + self.GAP_X
        placed: list[_Node] = []
        next_column = [0.0]

        def place(node: _Node, y: float) -> None:
            node.py = y
            placed.append(node)
            if not node.children:
                node.px = next_column[0] * column_w
                next_column[0] += 1
                return
            if all(not c.children for c in node.children):
                node.stacked = True
                node.px = next_column[0] * column_w
                next_column[0] += 1
                for i, child in enumerate(node.children):
                    child.px = node.px + self.INDENT
                    child.py = y + (i + 1) * (self.BOX_H + self.STACK_GAP)
                    placed.append(child)
                return
            for child in node.children:
                place(child, y + self.BOX_H + self.GAP_Y)
            node.px = (node.children[0].px + node.children[-1].px) / 2
            if node.children[0].stacked or node.children[-1].stacked:
                node.px = (node.children[0].px + node.children[-1].px) / 2

        for root in roots:
            place(root, 0.0)
        width = max((n.px + self.BOX_W for n in placed), default=0.0)
        height = max((n.py + self.BOX_H for n in placed), default=0.0)
        return placed, width, height

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 260)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        legend_h = self.legend_height()
        area = QRectF(self.rect()).adjusted(8, 8, -8, -8 - legend_h)
        nodes, natural_w, natural_h = self.layout(area)
        self._paint_legend(painter, QRectF(8, area.bottom() + 6, self.width() - 16, legend_h))
        if not nodes:
            painter.setPen(self.faint_color())
            painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter), translate("Charts", "No decision makers yet"))
            return
        scale = min(1.0, area.width() / natural_w, area.height() / natural_h)
        painter.translate(area.left() + (area.width() - natural_w * scale) / 2, area.top())
        painter.scale(scale, scale)

        def box(node: _Node) -> QRectF:
            return QRectF(node.px, node.py, self.BOX_W, self.BOX_H)

        all_nodes = nodes
        # lines first, boxes over them
        painter.setPen(QPen(self.faint_color(), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for node in all_nodes:
            if not node.children:
                continue
            parent = box(node)
            if node.stacked:
                x = parent.left() + self.INDENT / 2
                for child in node.children:
                    c = box(child)
                    path = QPainterPath(QPointF(x, parent.bottom()))
                    path.lineTo(x, c.center().y())
                    path.lineTo(c.left(), c.center().y())
                    painter.drawPath(path)
                continue
            mid_y = parent.bottom() + self.GAP_Y / 2
            for child in node.children:
                c = box(child)
                path = QPainterPath(QPointF(parent.center().x(), parent.bottom()))
                path.lineTo(parent.center().x(), mid_y)
                path.lineTo(c.center().x(), mid_y)
                path.lineTo(c.center().x(), c.top())
                painter.drawPath(path)
        base = self.palette().color(QPalette.ColorRole.Base)
        text = self.text_color()
        name_font = self.small_font(0, bold=True)
        small = self.small_font(-1.5)
        for node in all_nodes:
            record = node.record
            r = box(node)
            attitude = str(record.get("attitude") or "")
            color = ATTITUDE_COLORS.get(attitude, QColor(150, 150, 150))
            selected = record.key == self.selected
            painter.setPen(
                QPen(self.palette().color(QPalette.ColorRole.Highlight) if selected else color, 3 if selected else 1.5)
            )
            painter.setBrush(base)
            painter.drawRoundedRect(r, 6, 6)
            strip = QRectF(r.left(), r.top(), 26, r.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            clip = QPainterPath()
            clip.addRoundedRect(r, 6, 6)
            painter.save()
            painter.setClipPath(clip)
            painter.drawRect(strip)
            painter.restore()
            painter.setPen(QColor("white"))
            painter.setFont(name_font)
            painter.drawText(
                QRectF(strip.left(), strip.top() + 4, strip.width(), 20),
                int(Qt.AlignmentFlag.AlignCenter),
                attitude or "?",
            )
            change = attitude_change(record)
            if change:
                painter.setFont(small)
                before = str(record.get("previous_attitude") or "")
                arrow = "▲" if change > 0 else "▼"
                painter.drawText(
                    QRectF(strip.left(), strip.bottom() - 22, strip.width(), 18),
                    int(Qt.AlignmentFlag.AlignCenter),
                    f"{arrow}{before}",
                )
            inner = r.adjusted(strip.width() + 6, 4, -6, -4)
            symbol = ROLE_SYMBOLS.get(str(record.get("role") or ""), "")
            painter.setPen(text)
            painter.setFont(name_font)
            fm = QFontMetrics(name_font)
            symbol_w = fm.horizontalAdvance(symbol + " ") if symbol else 0
            name = fm.elidedText(
                str(record.get("name") or record.key), Qt.TextElideMode.ElideRight, int(inner.width() - symbol_w)
            )
            painter.drawText(
                QRectF(inner.left(), inner.top(), inner.width(), fm.height()), int(Qt.AlignmentFlag.AlignLeft), name
            )
            if symbol:
                painter.drawText(
                    QRectF(inner.left(), inner.top(), inner.width(), fm.height()),
                    int(Qt.AlignmentFlag.AlignRight),
                    symbol,
                )
            painter.setFont(small)
            sm = QFontMetrics(small)
            painter.setPen(text)
            title = sm.elidedText(str(record.get("title") or ""), Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(
                QRectF(inner.left(), inner.top() + fm.height(), inner.width(), sm.height()),
                int(Qt.AlignmentFlag.AlignLeft),
                title,
            )
            owner = record.get("owner")
            if owner and self.document is not None:
                painter.setPen(self.faint_color())
                who = sm.elidedText(
                    "↔ " + self.document.plan.label_of("team.members", owner),
                    Qt.TextElideMode.ElideRight,
                    int(inner.width()),
                )
                painter.drawText(
                    QRectF(inner.left(), inner.top() + fm.height() + sm.height(), inner.width(), sm.height()),
                    int(Qt.AlignmentFlag.AlignLeft),
                    who,
                )
            mapped = painter.transform().mapRect(r)
            self._hits.append((mapped, record.key))

    def _legend_items(self) -> list[tuple[QColor | None, str]]:
        items: list[tuple[QColor | None, str]] = [(ATTITUDE_COLORS[c.key], c.label(self.lang)) for c in ATTITUDES]
        items += [(None, c.label(self.lang)) for c in BUYING_ROLES]
        items.append((None, "▲/▼ " + translate("Charts", "attitude since the last review")))
        return items

    def _legend_lines(self, width: float) -> list[list[tuple[QColor | None, str, float]]]:
        """The legend's items flowed into lines that fit the width."""
        fm = QFontMetrics(self.small_font(-1))
        lines: list[list[tuple[QColor | None, str, float]]] = [[]]
        x = 0.0
        for color, label in self._legend_items():
            w = (14 if color is not None else 0) + fm.horizontalAdvance(label) + 12
            if x + w > width and lines[-1]:
                lines.append([])
                x = 0.0
            lines[-1].append((color, label, x))
            x += w
        return lines

    def legend_height(self) -> float:
        fm = QFontMetrics(self.small_font(-1))
        return len(self._legend_lines(self.width() - 16)) * (fm.height() + 4) + 8

    def _paint_legend(self, painter: QPainter, rect: QRectF) -> None:
        painter.save()
        font = self.small_font(-1)
        painter.setFont(font)
        fm = QFontMetrics(font)
        y = rect.top()
        for line in self._legend_lines(rect.width()):
            for color, label, x in line:
                left = rect.left() + x
                if color is not None:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(color)
                    painter.drawRoundedRect(QRectF(left, y + (fm.height() - 10) / 2, 10, 10), 2, 2)
                    painter.setPen(self.text_color())
                    painter.drawText(QPointF(left + 14, y + fm.ascent()), label)
                else:
                    painter.setPen(self.faint_color())
                    painter.drawText(QPointF(left, y + fm.ascent()), label)
            y += fm.height() + 4
        painter.restore()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
