"""The cycle panel's Preparation tab: the senior manager's expectations and the timetable,
saved a moment after each edit."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from ...domain.cycle import Cycle, Preparation
from ...services import Conflict, DatabaseError
from .tab import ClickLabel, CycleTab, pydate, qdate

translate = QCoreApplication.translate


class PreparationTab(CycleTab):
    saved = Signal()  # the preparation was written (the development window may have moved)

    def __init__(self, workspace, today, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.cycle: Cycle | None = None
        self._loading = False
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels above their fields when narrow
        self.expectations = QPlainTextEdit()
        self.expectations.setAccessibleName(translate("CyclePanel", "Senior manager's expectations"))
        self.guidelines = QPlainTextEdit()
        self.guidelines.setAccessibleName(translate("CyclePanel", "Guidelines for the year"))
        for edit in (self.expectations, self.guidelines):
            edit.setMaximumHeight(90)
            edit.textChanged.connect(self._edited)
        self.dev_start = QDateEdit(calendarPopup=True)
        self.dev_start.setDisplayFormat("yyyy-MM-dd")
        self.dev_weeks = QSpinBox(minimum=1, maximum=52)
        self.dev_weeks.setSuffix(translate("CyclePanel", " weeks"))
        self.review_date = QDateEdit(calendarPopup=True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        in_person = translate("CyclePanel", "The senior manager reviews this plan in person")
        self.in_person = QCheckBox()
        self.in_person.setAccessibleName(in_person)
        in_person_row = QWidget()
        row = QHBoxLayout(in_person_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.in_person)
        # A label beside the box, not its own text: it wraps on a narrow panel (a QCheckBox's does not).
        row.addWidget(ClickLabel(in_person, self.in_person.toggle), 1)
        for widget in (self.dev_start, self.review_date):
            widget.dateChanged.connect(self._edited)
        self.dev_weeks.valueChanged.connect(self._edited)
        self.in_person.toggled.connect(self._edited)
        self.problems = QLabel(wordWrap=True)
        self.problems.setObjectName("cycleProblems")
        form.addRow(translate("CyclePanel", "Expectations:"), self.expectations)
        form.addRow(translate("CyclePanel", "Guidelines:"), self.guidelines)
        form.addRow(translate("CyclePanel", "Development starts:"), self.dev_start)
        form.addRow(translate("CyclePanel", "Development window:"), self.dev_weeks)
        form.addRow(translate("CyclePanel", "Review date:"), self.review_date)
        form.addRow("", in_person_row)
        form.addRow("", self.problems)
        rest = QWidget()  # the rows stay at the top; the room below is empty
        rest.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        form.addRow(rest)
        self._timer = QTimer(self, singleShot=True, interval=600)
        self._timer.timeout.connect(self.save)

    def load(self, cycle: Cycle) -> None:
        self.cycle = cycle
        p = cycle.preparation
        self._loading = True
        try:
            self.expectations.setPlainText(p.expectations)
            self.guidelines.setPlainText(p.guidelines)
            self.dev_start.setDate(qdate(p.development_start) if p.development_start else QDate.currentDate())
            self.dev_weeks.setValue(p.development_weeks)
            self.review_date.setDate(qdate(p.review_date) if p.review_date else QDate.currentDate())
            self.in_person.setChecked(p.reviewed_in_person)
        finally:
            self._loading = False
        self._show_problems(p)

    def _show_problems(self, p: Preparation) -> None:
        problems = p.problems()
        lang = self.lang
        if problems:
            self.problems.setText("⚠ " + "\n⚠ ".join(x(lang) for x in problems))
        else:
            end = p.development_end
            self.problems.setText(
                translate("CyclePanel", "Timetable complete; development ends %1.").replace(
                    "%1", end.isoformat() if end else ""
                )
            )

    def _edited(self) -> None:
        if not self._loading:
            self._timer.start()

    def current(self) -> Preparation:
        return Preparation(
            expectations=self.expectations.toPlainText(),
            guidelines=self.guidelines.toPlainText(),
            development_start=pydate(self.dev_start.date()),
            development_weeks=self.dev_weeks.value(),
            review_date=pydate(self.review_date.date()),
            reviewed_in_person=self.in_person.isChecked(),
        )

    def save(self) -> None:
        document = self.document
        if document is None:
            return
        base = self.cycle.preparation if self.cycle is not None else None
        try:
            preparation = self.workspace.portfolio.update_preparation(document.plan_id, self.current(), base=base)
        except (Conflict, DatabaseError) as exc:
            QMessageBox.warning(self, translate("CyclePanel", "Cannot do that"), str(exc))
            return
        if self.cycle is not None:
            self.cycle.preparation = preparation
        self._show_problems(preparation)
        self.saved.emit()
