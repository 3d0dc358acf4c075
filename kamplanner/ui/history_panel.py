"""View ▸ History: a plan's change log as a person reads it (who changed what, when), filtered
by section or person, with an earlier value brought back as a new, undoable edit."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import history
from ..domain.actor import Role
from ..domain.changelog import ChangeKind, LoggedChange
from ..domain.ops import Changes
from ..domain.template import TEMPLATE
from .document import PlanDocument, detach

translate = QCoreApplication.translate

ALL = ""  # the filters' "everything" entry


def kind_label(kind: ChangeKind) -> str:
    labels = {
        ChangeKind.EDIT: translate("History", "Edited"),
        ChangeKind.ADD_ROW: translate("History", "Row added"),
        ChangeKind.REMOVE_ROW: translate("History", "Row removed"),
        ChangeKind.MOVE_ROW: translate("History", "Row moved"),
        ChangeKind.NEW_PLAN: translate("History", "Plan started"),
        ChangeKind.PREPARE: translate("History", "Preparation"),
        ChangeKind.STEP: translate("History", "Step"),
        ChangeKind.MOVE: translate("History", "Phase moved"),
        ChangeKind.REVIEW: translate("History", "Review"),
        ChangeKind.COMMENTS: translate("History", "Review comments"),
        ChangeKind.SIGN_OFF: translate("History", "Signed off"),
        ChangeKind.VERSION: translate("History", "Version"),
        ChangeKind.PROGRESS: translate("History", "Progress review"),
        ChangeKind.IMPORT: translate("History", "Imported"),
        ChangeKind.ROLL_FORWARD: translate("History", "Rolled forward"),
        ChangeKind.DELETE: translate("History", "Deleted"),
        ChangeKind.RESTORE: translate("History", "Brought back"),
    }
    return labels.get(kind, kind.value)


class HistoryDialog(QDialog):
    """The open plan's history; it follows the plan as it changes."""

    def __init__(self, document: PlanDocument, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.lang = lang
        self.entries: list[LoggedChange] = []
        self.shown: list[LoggedChange] = []
        self.setWindowTitle(translate("History", "History — %1").replace("%1", document.title))
        self.resize(900, 520)
        self.section = QComboBox()
        self.section.setAccessibleName(translate("History", "Section"))
        self.person = QComboBox()
        self.person.setAccessibleName(translate("History", "Person"))
        filters = QHBoxLayout()
        for label, combo in (
            (translate("History", "&Section:"), self.section),
            (translate("History", "&Person:"), self.person),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                translate("History", "When"),
                translate("History", "Who"),
                translate("History", "What"),
                translate("History", "Where"),
                translate("History", "Before"),
                translate("History", "After"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(3, 6):  # where, before and after share what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.restore_button = QPushButton(translate("History", "&Restore Earlier Value"))
        self.restore_button.setToolTip(
            translate("History", "Put back the value this change replaced, as a new edit (Undo takes it back).")
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.section.currentIndexChanged.connect(self.fill)
        self.person.currentIndexChanged.connect(self.fill)
        self.table.itemSelectionChanged.connect(self._update_button)
        document.saved.connect(self.reload)
        document.reloaded.connect(self.reload)
        self.reload()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        detach(self.document.saved, self.reload)
        detach(self.document.reloaded, self.reload)
        super().closeEvent(event)

    def on_changes(self, changes: Changes) -> None:
        if self.document.plan.id in changes.plans or changes.everything:
            self.reload()

    def reload(self) -> None:
        self.entries = list(reversed(self.document.portfolio.history(self.document.plan_id)))  # newest first
        self._fill_filters()
        self.fill()

    def _fill_filters(self) -> None:
        chosen_section, chosen_person = self.section.currentData(), self.person.currentData()
        for combo in (self.section, self.person):
            combo.blockSignals(True)
            combo.clear()
        self.section.addItem(translate("History", "All sections"), ALL)
        for s in TEMPLATE.sections:
            self.section.addItem(f"{s.number} {s.label(self.lang)}", s.key)
        self.section.addItem(translate("History", "Account facts"), history.ACCOUNT)
        self.section.addItem(translate("History", "Planning cycle"), history.CYCLE)
        self.person.addItem(translate("History", "Everybody"), ALL)
        for name in sorted({e.actor for e in self.entries}):
            self.person.addItem(name, name)
        for combo, chosen in ((self.section, chosen_section), (self.person, chosen_person)):
            index = combo.findData(chosen if chosen is not None else ALL)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def fill(self) -> None:
        section, person = self.section.currentData() or ALL, self.person.currentData() or ALL
        plan = self.document.plan
        self.shown = [
            e
            for e in self.entries
            if (section == ALL or history.section_of(e) == section) and (person == ALL or e.actor == person)
        ]
        self.table.setRowCount(len(self.shown))
        for row, entry in enumerate(self.shown):
            c = entry.change
            cells = (
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                f"{entry.actor} ({_role(entry.role, self.lang)})",
                kind_label(c.kind),
                history.where(entry, self.lang, plan),
                _value(c.before),
                _value(c.after),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.count.setText(
            translate("History", "%1 of %2 changes")
            .replace("%1", str(len(self.shown)))
            .replace("%2", str(len(self.entries)))
        )
        self._update_button()

    def selected(self) -> LoggedChange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows else None

    def _update_button(self) -> None:
        entry = self.selected()
        d = self.document
        possible = entry is not None and history.restoring(entry, d.plan) is not None
        self.restore_button.setEnabled(possible and d.portfolio.may_edit(d.plan))

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        edit = history.restoring(entry, self.document.plan)
        if edit is None:
            return
        what = translate("History", "Restore %1").replace("%1", history.where(entry, self.lang, self.document.plan))
        self.document.push(edit, what)
        self.document.flush()


def _role(role: str, lang: str) -> str:
    try:
        return Role(role).label(lang)
    except ValueError:
        return role.replace("_", " ")


def _value(raw: object) -> str:
    if raw is None:
        return "—"
    text = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"
