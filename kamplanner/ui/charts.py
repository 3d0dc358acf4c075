"""Charts drawn live beside their tables: what they share, and the opportunity matrix (the
stakeholder map is in stakeholder_map).

Plain QPainter: they follow every edit at once, use the palette (light or dark), and cost
nothing at start-up. Clicking a point or a box selects its row in the table.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..domain.analysis import (
    LIKELY_PROBABILITY,
    Quadrant,
    opportunity_quadrants,
    qualification,
    value_threshold,
)
from ..domain.model import Record
from ..domain.money import with_unit
from ..domain.template import OPPORTUNITIES, TEMPLATE, Cell
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


def _nice_step(x: float) -> float:
    """A round tick step of at least ``x``: 1, 2, 2.5 or 5 times a power of ten."""
    if x <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(x))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= x:
            return step * magnitude
    return 10 * magnitude


def _decimals(step: float) -> int:
    """Enough decimals that ticks one step apart read differently (0.25 needs two)."""
    for decimals in range(4):
        if abs(round(step, decimals) - step) < 1e-9 * max(1.0, step):
            return decimals
    return 4


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

    def unit(self) -> str:
        """The plan's money unit in the interface's language (万元, CNY 10k, USD m)."""
        return self.document.plan.money.label(self.lang) if self.document else ""

    def describe(self, record: Record) -> str:
        value, probability = _number(record, "value"), _number(record, "probability")
        quadrant = opportunity_quadrants(self.document.plan).get(record.key) if self.document else None
        column = TEMPLATE.table(OPPORTUNITIES).column
        lines = [f"<b>{escape_html(str(record.get(Cell.name) or record.key))}</b>"]
        if value is not None:
            lines.append(
                f"{column('value').label(self.lang)}: {self.document.plan.money.format(value) if self.document else value} {self.unit()}"
            )
        if probability is not None:
            lines.append(f"{column('probability').label(self.lang)}: {probability:g}%")
        if quadrant is not None:
            lines.append(quadrant.label(self.lang))
        stage = column("stage").choice(str(record.get(Cell.stage) or ""))
        score = qualification(record).text()
        if stage is not None or score:
            shown = [stage.label(self.lang)] if stage else []
            if score:
                shown.append(translate("Charts", "qualified %1").replace("%1", score))
            lines.append(" · ".join(shown))
        return "<br>".join(lines)

    def value_axis_title(self) -> str:
        column = TEMPLATE.table(OPPORTUNITIES).column("value")
        if self.document is None:
            return column.label(self.lang) + " →"
        return with_unit(column.label(self.lang), self.document.plan.money, self.lang) + " →"

    def value_ticks(self) -> list[str]:
        """The value axis's labels, bottom up: none while no opportunity has a value and a
        probability; otherwise five, each different from the next."""
        values = [
            v for r in self.rows() if (v := _number(r, "value")) is not None and _number(r, "probability") is not None
        ]
        if not values:
            return []
        step = self._value_step(values)
        return [format_number(step * i, _decimals(step)) for i in range(5)]

    def _value_step(self, values: list[float]) -> float:
        """A quarter of the value axis: round, with room above the largest value and the split."""
        threshold = value_threshold(self.document.plan) if self.document else 0.0
        return _nice_step(max([*values, threshold]) * 1.12 / 4)

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
        step = self._value_step([v for _, v, _ in points])
        top = 4 * step

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
        # Value ticks only where there are values: an empty matrix has no scale to show.
        for i, tick in enumerate(self.value_ticks()):
            y = at(step * i, 0).y()
            painter.drawText(
                QRectF(0, y - metrics.height() / 2, left - 6, metrics.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                tick,
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
        painter.drawText(
            QRectF(-plot.height() / 2, -metrics.height() / 2 - 2, plot.height(), metrics.height()),
            int(Qt.AlignmentFlag.AlignCenter),
            self.value_axis_title(),
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
            # The stage by shape, as in the PDF: ours a filled circle, a real project a square,
            # a potential one an open circle.
            stage = record.get(Cell.stage)
            painter.setBrush(QColor("white") if stage == "potential" else fill)
            if stage == "project":
                painter.drawRoundedRect(QRectF(center.x() - radius, center.y() - radius, 2 * radius, 2 * radius), 3, 3)
            else:
                painter.drawEllipse(center, radius, radius)
            painter.setPen(color.darker(130) if stage == "potential" else QColor("white"))
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
            full = str(record.get(Cell.name) or "")
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


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
