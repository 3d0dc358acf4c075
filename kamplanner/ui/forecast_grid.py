"""The five-year forecast as a grid: the pivot by line and year, its summary, and the raw records.

The models are in forecast_model; this is the widget around them (views, add and remove a line).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.template import FORECAST, TEMPLATE, Cell
from .application import room_for_title
from .delegates import NumberDelegate
from .document import PlanDocument, detach
from .forecast_model import FIRST_YEAR, MEASURES, PLATFORM, REGION, ForecastPivotModel, ForecastSummaryModel
from .record_table import RecordTable, tool_button

translate = QCoreApplication.translate


class AddLineDialog(QDialog):
    def __init__(self, regions: list[str], platforms: list[str], lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        table = TEMPLATE.table(FORECAST)
        self.setWindowTitle(translate("ForecastGrid", "Add a forecast line"))
        room_for_title(self)
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.addItems(regions)
        self.region.setCurrentText("")
        self.platform = QComboBox()
        self.platform.setEditable(True)
        self.platform.addItems(platforms)
        self.platform.setCurrentText("")
        self.region.setAccessibleName(table.column("region").label(lang))
        self.platform.setAccessibleName(table.column("platform").label(lang))
        form = QFormLayout(self)
        form.addRow(table.column("region").label(lang), self.region)
        form.addRow(table.column("platform").label(lang), self.platform)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if not self.region.currentText().strip() or not self.platform.currentText().strip():
            QMessageBox.information(
                self, self.windowTitle(), translate("ForecastGrid", "Give both a region and a platform.")
            )
            return
        super().accept()


class ForecastGrid(QWidget):
    """The forecast field: the grid with its totals, totals by region and platform, and the raw rows."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        table = TEMPLATE.table(FORECAST)
        self.pivot = ForecastPivotModel(lang, self)
        self.summary_model = ForecastSummaryModel(self.pivot, self)
        self.measure = QComboBox()
        for key in MEASURES:
            self.measure.addItem(table.column(key).label(lang), key)
        self.measure.setAccessibleName(translate("ForecastGrid", "Figure shown in the grid"))
        self.measure.currentIndexChanged.connect(lambda: self.pivot.set_measure(self.measure.currentData()))

        self.grid = QTableView()
        self.grid.setModel(self.pivot)
        self.grid.setItemDelegate(NumberDelegate(self.grid))
        self.grid.setAccessibleName(translate("ForecastGrid", "Forecast grid"))
        self.grid.setAlternatingRowColors(True)
        self.grid.setTabKeyNavigation(False)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(REGION, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PLATFORM, QHeaderView.ResizeMode.Interactive)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.summary = QTableView()
        self.summary.setModel(self.summary_model)
        self.summary.setAccessibleName(translate("ForecastGrid", "Totals by region and by platform"))
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setAlternatingRowColors(True)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.summary.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.summary.verticalHeader().setVisible(False)
        self.summary.setTabKeyNavigation(False)
        self.rows = RecordTable(table, lang)
        self.outside = QLabel()
        self.outside.setObjectName("guidance")
        self.outside.setVisible(False)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        shown = QLabel(translate("ForecastGrid", "Show"))
        shown.setBuddy(self.measure)
        bar.addWidget(shown)
        bar.addWidget(self.measure)
        bar.addSpacing(12)
        bar.addWidget(
            tool_button(
                "+ " + translate("ForecastGrid", "Add line…"),
                translate("ForecastGrid", "Add a region and platform line"),
                self.add_line,
            )
        )
        bar.addWidget(
            tool_button(
                "− " + translate("ForecastGrid", "Remove line"),
                translate("ForecastGrid", "Remove the current line and its figures"),
                self.remove_line,
            )
        )
        bar.addStretch(1)
        currency = QLabel()
        currency.setObjectName("guidance")
        self.currency = currency
        bar.addWidget(currency)

        grid_page = QWidget()
        grid_layout = QVBoxLayout(grid_page)
        grid_layout.setContentsMargins(0, 6, 0, 0)
        grid_layout.addLayout(bar)
        grid_layout.addWidget(self.grid)
        by_label = QLabel(translate("ForecastGrid", "Totals by region and by platform"))
        by_label.setObjectName("subheading")
        grid_layout.addWidget(by_label)
        grid_layout.addWidget(self.summary)
        grid_layout.addWidget(self.outside)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(grid_page, translate("ForecastGrid", "Grid"))
        self.tabs.addTab(self.rows, translate("ForecastGrid", "Rows"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for signal in (self.pivot.rowsInserted, self.pivot.rowsRemoved, self.pivot.modelReset):
            signal.connect(self._fit)
        self.summary_model.modelReset.connect(self._fit)
        self.document: PlanDocument | None = None

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.changed, self._note_outside)
        self.document = document
        self.pivot.set_document(document)
        self.summary_model.refresh()
        self.rows.set_document(document)
        if document is not None:
            document.changed.connect(self._note_outside)
        self._note_outside()
        self._fit()

    def _note_outside(self, *_: object) -> None:
        """After each change: the plan's money unit (a change of unit is an edit too) and the
        rows outside the plan's years."""
        if self.document is None:
            return
        self.currency.setText(
            translate("ForecastGrid", "in %1").replace("%1", self.document.plan.money.label(self.lang))
        )
        years = set(self.document.plan.years)
        outside = [r for r in self.document.plan.rows(FORECAST) if r.get(Cell.year) not in years]
        self.outside.setVisible(bool(outside))
        self.outside.setText(
            translate(
                "ForecastGrid", "%n row(s) fall outside the plan's five years; see the Rows tab.", "", len(outside)
            )
        )

    def _fit(self, *_: object) -> None:
        for view in (self.grid, self.summary):
            line = view.fontMetrics().lineSpacing() + 12
            view.verticalHeader().setDefaultSectionSize(line)
            rows = view.model().rowCount()
            view.setFixedHeight(
                view.horizontalHeader().sizeHint().height() + max(rows, 2) * line + 2 * view.frameWidth() + 2
            )
        metrics = self.grid.fontMetrics()
        for view in (self.grid,):
            widest_region = max([metrics.horizontalAdvance(r) for r in self.pivot.regions()] + [80])
            widest_platform = max([metrics.horizontalAdvance(p) for p in self.pivot.platforms()] + [80])
            view.setColumnWidth(REGION, widest_region + 24)
            view.setColumnWidth(PLATFORM, widest_platform + 24)
        self.summary.setColumnWidth(
            0, max(metrics.horizontalAdvance(self.pivot.headerData(REGION, Qt.Orientation.Horizontal) or "") + 24, 70)
        )
        self.summary.setColumnWidth(
            1, self.grid.columnWidth(PLATFORM) + self.grid.columnWidth(REGION) - self.summary.columnWidth(0)
        )

    def add_line(self) -> None:
        dialog = AddLineDialog(self.pivot.regions(), self.pivot.platforms(), self.lang, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        row = self.pivot.add_line(dialog.region.currentText(), dialog.platform.currentText())
        self.grid.setFocus()
        self.grid.setCurrentIndex(self.pivot.index(row, FIRST_YEAR))

    def remove_line(self) -> None:
        index = self.grid.currentIndex()
        if index.isValid() and not self.pivot.is_total_row(index.row()):
            self.pivot.remove_line(index.row())
