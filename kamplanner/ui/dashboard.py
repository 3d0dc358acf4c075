"""The portfolio dashboard: plans per phase, reviews due this month, overdue items, deadlines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.dashboard import Dashboard, Deadline, DeadlineKind
from ..domain.model import Phase
from ..services import Portfolio, portfolio_dashboard, review_calendar
from . import i18n

translate = QCoreApplication.translate


def kind_label(kind: DeadlineKind) -> str:
    return {
        DeadlineKind.DEVELOPMENT_END: translate("Dashboard", "development ends"),
        DeadlineKind.SENIOR_REVIEW: translate("Dashboard", "senior review"),
        DeadlineKind.PROGRESS_REVIEW: translate("Dashboard", "progress review"),
        DeadlineKind.COLLECTIVE_REVIEW: translate("Dashboard", "collective review"),
        DeadlineKind.HALF_YEAR_REPORT: translate("Dashboard", "6-monthly report"),
        DeadlineKind.ACTION: translate("Dashboard", "action item"),
        DeadlineKind.MILESTONE: translate("Dashboard", "milestone ◆"),
        DeadlineKind.NEXT_STEP: translate("Dashboard", "next step"),
    }[kind]


class DashboardView(QWidget):
    openPlan = Signal(int)

    def __init__(
        self, portfolio: Portfolio, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.portfolio = portfolio
        self.today = today
        self.board: Dashboard | None = None
        self.setAccessibleName(translate("Dashboard", "Portfolio dashboard"))

        tiles = QHBoxLayout()
        self.tiles: dict[Phase, QLabel] = {}
        for phase in Phase:
            frame = QFrame()
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            box = QVBoxLayout(frame)
            number = QLabel("0")
            font = QFont(number.font())
            font.setPointSizeF(font.pointSizeF() * 2.2)
            font.setBold(True)
            number.setFont(font)
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(f"{int(phase)}  {phase.label(i18n.language())}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setWordWrap(True)
            box.addWidget(number)
            box.addWidget(caption)
            number.setAccessibleName(phase.label(i18n.language()))
            self.tiles[phase] = number
            tiles.addWidget(frame, 1)

        self.reviews = self._list(translate("Dashboard", "Reviews due this month"))
        self.overdue = self._list(translate("Dashboard", "Overdue items"))
        self.upcoming = self._list(translate("Dashboard", "Coming up (45 days)"))
        grid = QGridLayout()
        grid.addWidget(QLabel(translate("Dashboard", "<b>Reviews due this month</b>")), 0, 0)
        grid.addWidget(QLabel(translate("Dashboard", "<b>Overdue items</b>")), 0, 1)
        grid.addWidget(self.reviews, 1, 0)
        grid.addWidget(self.overdue, 1, 1)
        grid.addWidget(QLabel(translate("Dashboard", "<b>Coming up (45 days)</b>")), 2, 0, 1, 2)
        grid.addWidget(self.upcoming, 3, 0, 1, 2)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(3, 2)

        buttons = QHBoxLayout()
        self.heading = QLabel()
        refresh = QPushButton(translate("Dashboard", "Refresh"))
        refresh.clicked.connect(self.refresh)
        export = QPushButton(translate("Dashboard", "Export review dates (.ics)…"))
        export.clicked.connect(lambda: self.export_calendar())
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(refresh)
        buttons.addWidget(export)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        self.refresh()

    def _list(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setAccessibleName(name)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(
            [
                translate("Dashboard", "Date"),
                translate("Dashboard", "What"),
                translate("Dashboard", "Account"),
                translate("Dashboard", "Kind"),
            ]
        )
        header = tree.header()
        header.setStretchLastSection(False)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        tree.itemActivated.connect(self._activated)
        return tree

    def _activated(self, item: QTreeWidgetItem) -> None:
        plan_id = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(plan_id, int):
            self.openPlan.emit(plan_id)

    def refresh(self) -> None:
        today = self.today()
        self.board = portfolio_dashboard(self.portfolio, today)
        self.heading.setText(translate("Dashboard", "Portfolio on %1").replace("%1", today.isoformat()))
        for phase, label in self.tiles.items():
            label.setText(str(self.board.per_phase[phase]))
        self._fill(self.reviews, self.board.reviews_this_month)
        self._fill(self.overdue, self.board.overdue, overdue=True)
        self._fill(self.upcoming, self.board.upcoming)

    def _fill(self, tree: QTreeWidget, items: list[Deadline], overdue: bool = False) -> None:
        tree.clear()
        lang = i18n.language()
        for d in items:
            what = d.what(lang)
            entry = QTreeWidgetItem(
                tree, [d.date.isoformat(), what, d.account if d.account not in what else "", kind_label(d.kind)]
            )
            entry.setData(0, Qt.ItemDataRole.UserRole, d.plan_id)
            entry.setToolTip(1, what)
            if overdue:
                entry.setForeground(0, Qt.GlobalColor.red)
        if not items:
            QTreeWidgetItem(tree, ["", translate("Dashboard", "Nothing here.")])

    def export_calendar(self, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                translate("Dashboard", "Export review dates"),
                "kamplanner-reviews.ics",
                translate("Dashboard", "Calendar files (*.ics)"),
            )
            if not chosen:
                return None
            path = Path(chosen)
        data = review_calendar(self.portfolio, self.today(), i18n.language())
        try:
            path.write_bytes(data)
        except OSError as exc:
            QMessageBox.warning(self, translate("Dashboard", "Export review dates"), f"{path}: {exc.strerror}")
            return None
        return path
