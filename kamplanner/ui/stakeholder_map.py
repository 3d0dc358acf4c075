"""The stakeholder map drawn live beside its table: the customer's decision makers as an org chart
(or, when narrow, an indented list), with buying role, attitude and its change since the last review.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPalette, QPen

from ..domain.analysis import attitude_change
from ..domain.model import Record
from ..domain.template import ATTITUDES, BUYING_ROLES, MEMBERS, STAKEHOLDERS, TEMPLATE, Cell
from .cells import person_name
from .charts import ATTITUDE_COLORS, ROLE_SYMBOLS, PlanChart, escape_html

translate = QCoreApplication.translate


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
        return (STAKEHOLDERS, MEMBERS)

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
        lines = [f"<b>{escape_html(person_name(record))}</b>"]
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
            lines.append(f"{escape_html(column.label(self.lang))}: {escape_html(shown)}")
        return "<br>".join(lines)

    def forest(self) -> list[_Node]:
        rows = self.rows()
        keys = {r.key for r in rows}
        nodes = {r.key: _Node(r, []) for r in rows}
        roots: list[_Node] = []
        for record in rows:
            boss = record.get(Cell.reports_to)
            chain, current = {record.key}, boss
            # a reports-to cycle or a dangling reference makes the row a root of its own
            while isinstance(current, str) and current in keys and current not in chain:
                chain.add(current)
                current = nodes[current].record.get(Cell.reports_to)
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
            attitude = str(record.get(Cell.attitude) or "")
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
                before = str(record.get(Cell.previous_attitude) or "")
                arrow = "▲" if change > 0 else "▼"
                painter.drawText(
                    QRectF(strip.left(), strip.bottom() - 22, strip.width(), 18),
                    int(Qt.AlignmentFlag.AlignCenter),
                    f"{arrow}{before}",
                )
            inner = r.adjusted(strip.width() + 6, 4, -6, -4)
            symbol = ROLE_SYMBOLS.get(str(record.get(Cell.role) or ""), "")
            painter.setPen(text)
            painter.setFont(name_font)
            fm = QFontMetrics(name_font)
            symbol_w = fm.horizontalAdvance(symbol + " ") if symbol else 0
            name = fm.elidedText(person_name(record), Qt.TextElideMode.ElideRight, int(inner.width() - symbol_w))
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
            title = sm.elidedText(str(record.get(Cell.title) or ""), Qt.TextElideMode.ElideRight, int(inner.width()))
            painter.drawText(
                QRectF(inner.left(), inner.top() + fm.height(), inner.width(), sm.height()),
                int(Qt.AlignmentFlag.AlignLeft),
                title,
            )
            owner = record.get(Cell.owner)
            if owner and self.document is not None:
                painter.setPen(self.faint_color())
                who = sm.elidedText(
                    "↔ " + self.document.plan.label_of(MEMBERS, owner),
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
