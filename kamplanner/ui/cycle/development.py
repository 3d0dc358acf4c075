"""The cycle panel's Development tab: the method's steps, ticked off as they are done, and the
days left in the development window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout

from ...domain import cycle as rules
from ...domain.cycle import DEVELOPMENT_STEPS, Cycle
from .tab import CycleTab

translate = QCoreApplication.translate


class DevelopmentTab(CycleTab):
    def __init__(self, workspace, today, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.cycle: Cycle | None = None
        layout = QVBoxLayout(self)
        self.steps_progress = QProgressBar(minimum=0, maximum=len(DEVELOPMENT_STEPS))
        self.steps_progress.setFormat(translate("CyclePanel", "%v of %m steps"))
        self.days_left = QLabel()
        self.steps = QListWidget()
        self.steps.setAccessibleName(translate("CyclePanel", "Development steps"))
        for key, label in DEVELOPMENT_STEPS:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole + 1, label)
            self.steps.addItem(item)
        self.steps.itemChanged.connect(self._step_toggled)
        layout.addWidget(self.steps_progress)
        layout.addWidget(self.days_left)
        layout.addWidget(self.steps, 1)

    def load(self, cycle: Cycle) -> None:
        self.cycle = cycle
        lang = self.lang
        self.steps.blockSignals(True)
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(item.data(Qt.ItemDataRole.UserRole + 1)(lang))
            item.setCheckState(Qt.CheckState.Checked if cycle.steps.get(key) else Qt.CheckState.Unchecked)
        self.steps.blockSignals(False)
        done, _total = cycle.step_progress
        self.steps_progress.setValue(done)
        left = rules.days_left(cycle.preparation, self.today())
        if left is None:
            self.days_left.setText(translate("CyclePanel", "No development window set yet (see Preparation)."))
        elif left >= 0:
            self.days_left.setText(translate("CyclePanel", "%n day(s) left in the development window.", "", left))
        else:
            self.days_left.setText(translate("CyclePanel", "The development window ended %n day(s) ago.", "", -left))

    def _step_toggled(self, item: QListWidgetItem) -> None:
        document = self.document
        if document is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        done = item.checkState() == Qt.CheckState.Checked
        finished, _total = self.workspace.portfolio.set_step(document.plan_id, key, done)
        if self.cycle is not None:
            self.cycle.steps[key] = done
        self.steps_progress.setValue(finished)
