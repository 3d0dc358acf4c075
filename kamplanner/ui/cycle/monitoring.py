"""The cycle panel's Monitoring tab: the next progress review, the actions due, and the
progress-review dialog (notes, stakeholders' attitudes now, actuals to date)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import contacts as contact_log
from ...domain import cycle as rules
from ...domain.cycle import Cycle, ProgressReview
from ...domain.model import Phase, Plan
from ...domain.template import ATTITUDES, FINANCIAL, MEMBERS, STAKEHOLDERS, TEMPLATE, Cell
from ..application import fit_to_screen, room_for_title
from ..cells import person_name
from ..navigator_models import tier_label
from .tab import CycleTab, Run, pydate, qdate

translate = QCoreApplication.translate


class MonitoringTab(CycleTab):
    def __init__(self, workspace, today, run: Run, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.run = run
        layout = QVBoxLayout(self)
        self.next_review = QLabel()
        self.due = QTreeWidget()
        self.due.setAccessibleName(translate("CyclePanel", "Action items due"))
        self.due.setHeaderLabels(
            [
                translate("CyclePanel", "Due"),
                translate("CyclePanel", "Action"),
                translate("CyclePanel", "Owner"),
                translate("CyclePanel", "State"),
            ]
        )
        self.due.setRootIsDecorated(False)
        self.progress_list = QListWidget()
        self.progress_list.setMaximumHeight(110)
        record = QPushButton(translate("CyclePanel", "Record progress review…"))
        record.clicked.connect(self.record_progress)
        self.record_progress_button = record
        layout.addWidget(self.next_review)
        layout.addWidget(QLabel(translate("CyclePanel", "Due in the next 30 days, and overdue:")))
        layout.addWidget(self.due, 1)
        layout.addWidget(QLabel(translate("CyclePanel", "Progress reviews:")))
        layout.addWidget(self.progress_list)
        layout.addWidget(record, 0, Qt.AlignmentFlag.AlignLeft)

    cycle: Cycle | None = None  # the one loaded last

    def load(self, cycle: Cycle, plan: Plan) -> None:
        today = self.today()
        last = cycle.progress[-1].date if cycle.progress else today - dt.timedelta(days=1)
        due = rules.next_review_date(plan.account.tier, max(last, today - dt.timedelta(days=1)), plan.year)
        cadence = {
            "key": translate("CyclePanel", "every quarter"),
            "important": translate("CyclePanel", "once a year"),
            "general": translate("CyclePanel", "in the yearly collective review"),
        }[plan.account.tier.value]
        self.next_review.setText(
            translate("CyclePanel", "Next progress review: %1 (%2 account: reviewed %3)")
            .replace("%1", due.isoformat())
            .replace("%2", tier_label(plan.account.tier, self.lang))
            .replace("%3", cadence)
        )
        self.due.clear()
        for item in rules.due_items(plan, today, within_days=30):
            owner = plan.label_of(MEMBERS, item.row.get(Cell.owner))
            state = translate("CyclePanel", "overdue") if item.overdue else translate("CyclePanel", "due")
            if item.milestone:
                state += " ◆"
            entry = QTreeWidgetItem(
                self.due, [item.due.isoformat(), str(item.row.get(Cell.description) or ""), owner, state]
            )
            if item.overdue:
                entry.setForeground(3, Qt.GlobalColor.red)
        self.due.resizeColumnToContents(0)
        self.progress_list.clear()
        changes = [c for c in contact_log.review_contacts(plan, cycle) if c.changed]
        for g in cycle.progress:
            self.progress_list.addItem(f"{g.date}  {g.reviewer}  {g.notes}")
            # each attitude it changed, beside the contacts with that person since the review before
            for change in (c for c in changes if c.review == g.date):
                self.progress_list.addItem(
                    "    "
                    + translate("CyclePanel", "%1: %2 → %3 after %n contact(s)", "", len(change.contacts))
                    .replace("%1", change.name)
                    .replace("%2", str(change.before))
                    .replace("%3", change.after)
                )
        self.cycle = cycle
        self.record_progress_button.setEnabled(plan.phase is Phase.MONITORING)

    def record_progress(self) -> bool:
        document = self.document
        if document is None:
            return False
        dialog = ProgressDialog(document.plan, self.lang, self.today(), self, self.cycle)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        review = dialog.review()
        return self.run(lambda: self.workspace.portfolio.record_progress(document.plan_id, review))


class ProgressDialog(QDialog):
    """Phase 4: a progress review — notes, stakeholders' attitudes now, actuals to date."""

    def __init__(
        self, plan: Plan, lang: str, today: dt.date, parent: QWidget | None = None, cycle: Cycle | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(translate("CyclePanel", "Progress review"))
        room_for_title(self)
        self.plan = plan
        # The form scrolls and the buttons stay in view: a plan with many stakeholders and
        # objectives made this dialog 959 px tall, its OK button off a 768 px screen.
        body = QWidget()
        form = QFormLayout(body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        self.date = QDateEdit(qdate(today), calendarPopup=True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.reviewer = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        form.addRow(translate("CyclePanel", "Date:"), self.date)
        form.addRow(translate("CyclePanel", "Reviewer:"), self.reviewer)
        form.addRow(translate("CyclePanel", "Notes:"), self.notes)
        attitudes = QGroupBox(translate("CyclePanel", "Stakeholders' attitude now"))
        attitude_form = QFormLayout(attitudes)
        self.attitudes: dict[str, QComboBox] = {}
        for row in plan.rows(STAKEHOLDERS):
            box = QComboBox()
            for choice in ATTITUDES:
                box.addItem(choice.label(lang), choice.key)
            box.setCurrentIndex(max(0, box.findData(row.get(Cell.attitude))))
            self.attitudes[row.key] = box
            line = QHBoxLayout()
            line.addWidget(box)
            line.addWidget(_contacts_since(plan, cycle or Cycle(), row.key, today), 1)
            attitude_form.addRow(person_name(row), line)
        form.addRow(attitudes)
        actuals = QGroupBox(translate("CyclePanel", "Actuals to date"))
        actual_form = QFormLayout(actuals)
        self.actuals: dict[str, QDoubleSpinBox] = {}
        self.actual_set: dict[str, QCheckBox] = {}
        for row in plan.rows(FINANCIAL):
            box = QDoubleSpinBox(minimum=-1e12, maximum=1e12, decimals=1)
            use = QCheckBox()
            use.toggled.connect(box.setEnabled)
            box.setEnabled(False)
            line = QHBoxLayout()
            line.addWidget(use)
            line.addWidget(box, 1)
            holder = QWidget()
            holder.setLayout(line)
            metric = TEMPLATE.table(FINANCIAL).column("metric")
            label = str(
                row.get(Cell.label)
                or (
                    metric.choice(str(row.get(Cell.metric))).label(lang)
                    if metric.choice(str(row.get(Cell.metric)))
                    else row.key
                )
            )
            actual_form.addRow(label, holder)
            self.actuals[row.key] = box
            self.actual_set[row.key] = use
        form.addRow(actuals)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        fit_to_screen(self, body)

    def review(self) -> ProgressReview:
        changed = {
            key: box.currentData()
            for key, box in self.attitudes.items()
            if box.currentData() != (self.plan.row(STAKEHOLDERS, key) or object()).get(Cell.attitude)  # type: ignore[attr-defined]
        }
        return ProgressReview(
            date=pydate(self.date.date()),
            reviewer=self.reviewer.text().strip(),
            notes=self.notes.toPlainText().strip(),
            attitudes=changed,
            actuals={k: box.value() for k, box in self.actuals.items() if self.actual_set[k].isChecked()},
        )


def _contacts_since(plan: Plan, cycle: Cycle, stakeholder: str, today: dt.date) -> QLabel:
    """What the contact log holds with the person since the last progress review: the reviewer
    sets the attitude now beside the relationship work that led to it."""
    rows = contact_log.since_last_review(plan, cycle, stakeholder, today)
    if not rows:
        label = QLabel(translate("CyclePanel", "no contact since the last review"))
    else:
        last = contact_log.contact_date(rows[-1])  # (oldest first)
        label = QLabel(
            translate("CyclePanel", "%n contact(s) since the last review, the last on %1", "", len(rows)).replace(
                "%1", str(last)
            )
        )
        label.setToolTip("\n".join(f"{contact_log.contact_date(r)}  {r.get(Cell.purpose) or ''}" for r in rows))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setEnabled(bool(rows))  # (greyed when there is none: the gap shows)
    return label
