"""Quick entry of a contact with the customer (客户交往活动): a small dialog over the open plan,
and the marks the stakeholder table shows (each person's last contact, key decision makers not
seen for longer than the tier allows)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, QStringListModel, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..domain import contacts
from ..domain.contacts import ContactProblem, NewContact, contact_record
from ..domain.edits import InsertRow
from ..domain.model import Plan, Record
from ..domain.template import CONTACT_KINDS, CONTACTS, MEMBERS, STAKEHOLDERS, TEMPLATE
from ..domain.values import NAME_SEPARATORS
from .document import PlanDocument

translate = QCoreApplication.translate


class ListCompleter(QCompleter):
    """Completes the last of several names typed apart by commas (王立群, 陈思| → 陈思远)."""

    def __init__(self, names: list[str], editor: QLineEdit):
        super().__init__(QStringListModel(names), editor)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.editor = editor

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [NAME_SEPARATORS.split(path)[-1].strip()]

    def pathFromIndex(self, index) -> str:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        chosen = super().pathFromIndex(index)
        done = [n for n in NAME_SEPARATORS.split(self.editor.text())[:-1] if n.strip()]
        return ", ".join([*done, chosen]) + ", "


def names_of(plan: Plan, path: str) -> list[str]:
    display = TEMPLATE.table(path).display
    return [str(r.get(display)) for r in plan.rows(path) if r.get(display)]


def day_of(editor: QDateEdit) -> dt.date:
    d = editor.date()
    return dt.date(d.year(), d.month(), d.day())


def split_names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in NAME_SEPARATORS.split(text) if n.strip())


class ContactDialog(QDialog):
    """Date (today), kind, their people and ours (completed from the plan), purpose, outcome and
    the next step with its date. OK builds the log's row (``record``) or says what is wrong."""

    def __init__(self, plan: Plan, lang: str, today: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = plan
        self.record: Record | None = None
        self.setWindowTitle(translate("ContactDialog", "Log a Contact — %1").replace("%1", plan.account.name))
        day = today or dt.date.today()
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.kind = QComboBox()
        for choice in CONTACT_KINDS:
            self.kind.addItem(choice.label(lang), choice.key)
        self.theirs = self._people(STAKEHOLDERS, translate("ContactDialog", "names, apart by commas"))
        self.ours = self._people(MEMBERS, translate("ContactDialog", "our team, apart by commas"))
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(translate("ContactDialog", "set beforehand: what this contact is for"))
        self.outcome = QPlainTextEdit()
        self.outcome.setTabChangesFocus(True)
        self.outcome.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        self.next_step = QLineEdit()
        self.has_next_date = QCheckBox(translate("ContactDialog", "by"))
        later = day + dt.timedelta(days=14)
        self.next_date = QDateEdit(QDate(later.year, later.month, later.day))
        self.next_date.setCalendarPopup(True)
        self.next_date.setDisplayFormat("yyyy-MM-dd")
        self.next_date.setEnabled(False)
        self.has_next_date.toggled.connect(self.next_date.setEnabled)
        self.next_step.textEdited.connect(lambda text: self.has_next_date.setChecked(bool(text.strip())))
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_step, 1)
        next_row.addWidget(self.has_next_date)
        next_row.addWidget(self.next_date)

        form = QFormLayout()
        form.addRow(translate("ContactDialog", "&Date:"), self.date)
        form.addRow(translate("ContactDialog", "&Kind:"), self.kind)
        form.addRow(translate("ContactDialog", "&Their people:"), self.theirs)
        form.addRow(translate("ContactDialog", "O&ur people:"), self.ours)
        form.addRow(translate("ContactDialog", "&Purpose:"), self.purpose)
        form.addRow(translate("ContactDialog", "&Outcome:"), self.outcome)
        next_label = QLabel(translate("ContactDialog", "&Next step:"))
        next_label.setBuddy(self.next_step)  # a row of several widgets gets no buddy of its own
        form.addRow(next_label, next_row)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("ContactDialog", "Add to the Log"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.theirs.setFocus()

    def _people(self, path: str, hint: str) -> QLineEdit:
        editor = QLineEdit()
        editor.setPlaceholderText(hint)
        editor.setCompleter(ListCompleter(names_of(self.plan, path), editor))
        return editor

    def contact(self) -> NewContact:
        return NewContact(
            date=day_of(self.date),
            kind=str(self.kind.currentData()),
            purpose=self.purpose.text(),
            theirs=split_names(self.theirs.text()),
            ours=split_names(self.ours.text()),
            outcome=self.outcome.toPlainText(),
            next_step=self.next_step.text(),
            next_date=day_of(self.next_date) if self.has_next_date.isChecked() else None,
        )

    def accept(self) -> None:
        try:
            self.record = contact_record(self.plan, self.contact())
        except ContactProblem as exc:
            self.problem.setText(str(exc))
            self.problem.setVisible(True)
            return
        super().accept()


# ---- what the stakeholder table shows of the log


def last_contact_note(plan: Plan, stakeholder: Record, lang: str, today: dt.date) -> str:
    """A stakeholder's last contact and contacts per quarter, for a tooltip; and why a key
    decision maker is flagged, when the tier's rule says so."""
    last = contacts.last_contact(plan, stakeholder.key, today)
    if last is None:
        lines = [translate("ContactDialog", "No contact logged yet.")]
    else:
        days = (today - last).days
        lines = [
            translate("ContactDialog", "Last contact: %1 (%2 days ago)")
            .replace("%1", str(last))
            .replace("%2", str(days))
        ]
        quarters = contacts.per_quarter(plan, stakeholder.key)
        shown = ", ".join(f"{y} Q{q}: {n}" for (y, q), n in list(quarters.items())[-4:])
        lines.append(translate("ContactDialog", "Contacts per quarter: %1").replace("%1", shown))
    stale = next((s for s in contacts.stale_deciders(plan, today) if s.stakeholder == stakeholder.key), None)
    if stale is not None:
        lines.append(
            translate(
                "ContactDialog", "⚠ A key decision maker not seen for more than %1 days (the tier's rule)."
            ).replace("%1", str(stale.allowed))
        )
    return "\n".join(lines)


def is_stale(plan: Plan, stakeholder: Record, today: dt.date) -> bool:
    return stakeholder.key in contacts.stale_keys(plan, today)


def stale_mark() -> QIcon:
    """The mark beside a key decision maker not seen for too long: the style's warning sign."""
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def add_to_log(document: PlanDocument, record: Record) -> None:
    """The contact as one step of the plan's undo history (saved, logged, undone as any edit)."""
    rows = document.plan.rows(CONTACTS)
    document.push(InsertRow(CONTACTS, len(rows), record), translate("ContactDialog", "Log contact"))


def log_contact(window, today: Callable[[], dt.date] = dt.date.today) -> Record | None:  # type: ignore[no-untyped-def]
    """File ▸ Log a Contact: the dialog over the open plan; OK adds the row as one undoable edit."""
    document = window.document
    if document is None:
        window.statusBar().showMessage(translate("ContactDialog", "Open a plan to log a contact in."), 5000)
        return None
    dialog = ContactDialog(document.plan, window.lang, today(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.record is None:
        return None
    add_to_log(document, dialog.record)
    window.statusBar().showMessage(translate("ContactDialog", "Contact added to the log."), 5000)
    return dialog.record
