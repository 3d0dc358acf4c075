"""The cycle panel: where the open plan stands in the four-phase cycle, and the work of each phase.

Every action goes through a use case in services.py; a refused move shows the method's reasons.
The plan's unsaved edits are written first, so a move is judged on what the user sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
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
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import cycle as rules
from ..domain.analysis import STAKEHOLDERS
from ..domain.cycle import (
    DEVELOPMENT_STEPS,
    REVIEW_QUESTIONS,
    Cycle,
    Decision,
    MoveRefused,
    Preparation,
    ProgressReview,
    Review,
    ReviewAnswer,
)
from ..domain.diff import ChangeKind, diff_plans
from ..domain.model import Phase, Plan
from ..domain.template import ATTITUDES, TEMPLATE
from ..services import Conflict, DatabaseError
from . import i18n

translate = QCoreApplication.translate


def _qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate()


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CyclePanel(QWidget):
    """Shows and drives the current plan's cycle. Works on ``workspace.current``."""

    moved = Signal(int)  # plan id whose phase, version or cycle record changed

    def __init__(self, workspace, today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.workspace = workspace
        self.today = today
        self.cycle: Cycle | None = None
        self.setAccessibleName(translate("CyclePanel", "Planning cycle"))

        self.phase_strip = QHBoxLayout()
        self.phase_labels: dict[Phase, QLabel] = {}
        for phase in Phase:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            label.setMargin(4)
            self.phase_labels[phase] = label
            self.phase_strip.addWidget(label, 1)
        self.moves = QHBoxLayout()
        self.move_buttons: dict[str, QPushButton] = {}

        self.tabs = QTabWidget()
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(
            [
                translate("CyclePanel", "Date"),
                translate("CyclePanel", "Phase"),
                translate("CyclePanel", "By"),
                translate("CyclePanel", "Note"),
            ]
        )
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAccessibleName(translate("CyclePanel", "Timeline"))
        self.tabs.addTab(self.timeline, translate("CyclePanel", "Timeline"))
        self.tabs.addTab(self._build_preparation(), translate("CyclePanel", "1 Preparation"))
        self.tabs.addTab(self._build_development(), translate("CyclePanel", "2 Development"))
        self.tabs.addTab(self._build_review(), translate("CyclePanel", "3 Review"))
        self.tabs.addTab(self._build_monitoring(), translate("CyclePanel", "4 Monitoring"))
        self.tabs.addTab(self._build_changes(), translate("CyclePanel", "Changes"))

        layout = QVBoxLayout(self)
        layout.addLayout(self.phase_strip)
        layout.addLayout(self.moves)
        layout.addWidget(self.tabs, 1)

        self._prep_timer = QTimer(self, singleShot=True, interval=600)
        self._prep_timer.timeout.connect(self.save_preparation)
        self._loading = False
        workspace.currentChanged.connect(lambda _doc: self.refresh())
        self.refresh()

    # ------------------------------------------------------------------ building

    def _build_preparation(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.expectations = QPlainTextEdit()
        self.expectations.setAccessibleName(translate("CyclePanel", "Senior manager's expectations"))
        self.guidelines = QPlainTextEdit()
        self.guidelines.setAccessibleName(translate("CyclePanel", "Guidelines for the year"))
        for edit in (self.expectations, self.guidelines):
            edit.setMaximumHeight(90)
            edit.textChanged.connect(self._preparation_edited)
        self.dev_start = QDateEdit(calendarPopup=True)
        self.dev_start.setDisplayFormat("yyyy-MM-dd")
        self.dev_weeks = QSpinBox(minimum=1, maximum=52)
        self.dev_weeks.setSuffix(translate("CyclePanel", " weeks"))
        self.review_date = QDateEdit(calendarPopup=True)
        self.review_date.setDisplayFormat("yyyy-MM-dd")
        self.in_person = QCheckBox(translate("CyclePanel", "The senior manager reviews this plan in person"))
        for widget in (self.dev_start, self.review_date):
            widget.dateChanged.connect(self._preparation_edited)
        self.dev_weeks.valueChanged.connect(self._preparation_edited)
        self.in_person.toggled.connect(self._preparation_edited)
        self.prep_problems = QLabel(wordWrap=True)
        self.prep_problems.setObjectName("cycleProblems")
        form.addRow(translate("CyclePanel", "Expectations:"), self.expectations)
        form.addRow(translate("CyclePanel", "Guidelines:"), self.guidelines)
        form.addRow(translate("CyclePanel", "Development starts:"), self.dev_start)
        form.addRow(translate("CyclePanel", "Development window:"), self.dev_weeks)
        form.addRow(translate("CyclePanel", "Review date:"), self.review_date)
        form.addRow("", self.in_person)
        form.addRow("", self.prep_problems)
        return page

    def _build_development(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
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
        return page

    def _build_review(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.questions = QTableWidget(len(REVIEW_QUESTIONS), 3)
        self.questions.setAccessibleName(translate("CyclePanel", "Review questions"))
        self.questions.setHorizontalHeaderLabels(
            [translate("CyclePanel", "Question"), translate("CyclePanel", "Answer"), translate("CyclePanel", "Comment")]
        )
        self.questions.verticalHeader().setVisible(False)
        header = self.questions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.answer_boxes: list[QComboBox] = []
        for row, (_key, _text) in enumerate(REVIEW_QUESTIONS):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.questions.setItem(row, 0, item)
            box = QComboBox()
            box.addItems(["—", translate("CyclePanel", "Yes"), translate("CyclePanel", "No")])
            self.questions.setCellWidget(row, 1, box)
            self.answer_boxes.append(box)
            self.questions.setItem(row, 2, QTableWidgetItem(""))
        self.questions.setWordWrap(True)
        self.reviewer = QLineEdit()
        self.reviewer.setAccessibleName(translate("CyclePanel", "Reviewer"))
        self.reviewer.setPlaceholderText(translate("CyclePanel", "Reviewer"))
        self.role = QLineEdit()
        self.role.setAccessibleName(translate("CyclePanel", "Role"))
        self.role.setPlaceholderText(translate("CyclePanel", "Role"))
        self.score = QSpinBox(minimum=1, maximum=5, value=3)
        self.score.setAccessibleName(translate("CyclePanel", "Overall score"))
        self.summary = QPlainTextEdit()
        self.summary.setAccessibleName(translate("CyclePanel", "Summary"))
        self.summary.setPlaceholderText(translate("CyclePanel", "Overall comments: what must change, what is good"))
        self.summary.setMaximumHeight(60)
        who = QHBoxLayout()
        who.addWidget(self.reviewer, 2)
        who.addWidget(self.role, 2)
        who.addWidget(QLabel(translate("CyclePanel", "Score (1–5):")))
        who.addWidget(self.score)
        form = QVBoxLayout()
        form.addLayout(who)
        form.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.request_changes = QPushButton(translate("CyclePanel", "Request changes"))
        self.approve = QPushButton(translate("CyclePanel", "Approve"))
        self.sign = QPushButton(translate("CyclePanel", "Sign off this version"))
        self.request_changes.clicked.connect(lambda: self.record_review(Decision.CHANGES_REQUESTED))
        self.approve.clicked.connect(lambda: self.record_review(Decision.APPROVED))
        self.sign.clicked.connect(self.sign_off)
        for button in (self.request_changes, self.approve, self.sign):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.reviews = QListWidget()
        self.reviews.setMaximumHeight(80)
        layout.addWidget(self.questions, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(translate("CyclePanel", "Reviews and sign-offs:")))
        layout.addWidget(self.reviews)
        return page

    def _build_monitoring(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
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
        return page

    def _build_changes(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.against = QComboBox()
        self.against.addItem(translate("CyclePanel", "since the last signed-off version"), "signed")
        self.against.addItem(translate("CyclePanel", "since last year's plan"), "last-year")
        self.against.currentIndexChanged.connect(self.refresh_changes)
        self.changes = QTreeWidget()
        self.changes.setAccessibleName(translate("CyclePanel", "What changed"))
        self.changes.setHeaderLabels(
            [
                translate("CyclePanel", "Where"),
                translate("CyclePanel", "Change"),
                translate("CyclePanel", "Before"),
                translate("CyclePanel", "Now"),
            ]
        )
        self.changes_note = QLabel()
        layout.addWidget(self.against)
        layout.addWidget(self.changes_note)
        layout.addWidget(self.changes, 1)
        return page

    # ------------------------------------------------------------------ state

    @property
    def document(self):  # type: ignore[no-untyped-def]
        return self.workspace.current

    @property
    def lang(self) -> str:
        return i18n.language()

    def refresh(self) -> None:
        document = self.document
        self.setEnabled(document is not None)
        if document is None:
            self.cycle = None
            return
        self.cycle = self.workspace.portfolio.load_cycle(document.plan_id)
        self._loading = True
        try:
            self._show_phase(document.plan)
            self._show_timeline()
            self._show_preparation()
            self._show_steps()
            self._show_review(document.plan)
            self._show_monitoring(document.plan)
            self.refresh_changes()
        finally:
            self._loading = False

    def _show_phase(self, plan: Plan) -> None:
        lang = self.lang
        for phase, label in self.phase_labels.items():
            entered = self.cycle.entered(phase) if self.cycle else None
            when = f"\n{entered.at:%Y-%m-%d}" if entered else ""
            label.setText(f"{int(phase)}  {phase.label(lang)}{when}")
            current = phase == plan.phase
            label.setStyleSheet(
                "font-weight: bold; border: 2px solid palette(highlight);"
                if current
                else "color: palette(mid);"
                if phase > plan.phase
                else ""
            )
            label.setAccessibleName(phase.label(lang) + (" (current)" if current else ""))
        while self.moves.count():
            item = self.moves.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # at once: deleteLater alone leaves it drawn until the next loop turn
                widget.setParent(None)
                widget.deleteLater()
        self.move_buttons = {}
        targets: list[tuple[str, str, Callable[[], None]]] = {
            Phase.PREPARATION: [
                ("development", translate("CyclePanel", "Start plan development"), lambda: self.move(Phase.DEVELOPMENT))
            ],
            Phase.DEVELOPMENT: [
                ("review", translate("CyclePanel", "Submit for senior review"), lambda: self.move(Phase.REVIEW))
            ],
            Phase.REVIEW: [
                (
                    "monitoring",
                    translate("CyclePanel", "Start implementation and monitoring"),
                    lambda: self.move(Phase.MONITORING),
                )
            ],
            Phase.MONITORING: [("roll", translate("CyclePanel", "Roll forward to next year…"), self.roll_forward)],
        }[plan.phase]
        for key, text, slot in targets:
            button = QPushButton(text)
            button.clicked.connect(slot)
            self.move_buttons[key] = button
            self.moves.addWidget(button)
        self.moves.addStretch(1)

    def _show_timeline(self) -> None:
        self.timeline.clear()
        assert self.cycle is not None
        lang = self.lang
        entries: list[tuple[str, list[str]]] = []
        for e in self.cycle.events:
            entries.append((e.at.isoformat(), [f"{e.at:%Y-%m-%d}", e.phase.label(lang), e.by, e.note]))
        for r in self.cycle.reviews:
            what = (
                translate("CyclePanel", "Review of version %1: %2, score %3/5")
                .replace("%1", str(r.version))
                .replace("%2", r.decision.label(lang))
                .replace("%3", str(r.score))
            )
            entries.append((r.date.isoformat() + "T12", [r.date.isoformat(), what, r.reviewer, r.summary]))
        for s in self.cycle.signoffs:
            what = translate("CyclePanel", "Signed off version %1").replace("%1", str(s.version))
            entries.append(
                (s.date.isoformat() + "T13", [s.date.isoformat(), what, s.reviewer, f"sha256:{s.fingerprint[:12]}"])
            )
        for g in self.cycle.progress:
            entries.append(
                (
                    g.date.isoformat() + "T14",
                    [g.date.isoformat(), translate("CyclePanel", "Progress review"), g.reviewer, g.notes],
                )
            )
        for _key, columns in sorted(entries, key=lambda e: e[0]):
            QTreeWidgetItem(self.timeline, columns)
        self.timeline.resizeColumnToContents(0)
        self.timeline.resizeColumnToContents(1)

    def _show_preparation(self) -> None:
        assert self.cycle is not None
        p = self.cycle.preparation
        self.expectations.setPlainText(p.expectations)
        self.guidelines.setPlainText(p.guidelines)
        self.dev_start.setDate(_qdate(p.development_start) if p.development_start else QDate.currentDate())
        self.dev_weeks.setValue(p.development_weeks)
        self.review_date.setDate(_qdate(p.review_date) if p.review_date else QDate.currentDate())
        self.in_person.setChecked(p.reviewed_in_person)
        self._show_preparation_problems(p)

    def _show_preparation_problems(self, p: Preparation) -> None:
        problems = p.problems()
        lang = self.lang
        if problems:
            self.prep_problems.setText("⚠ " + "\n⚠ ".join(x(lang) for x in problems))
        else:
            end = p.development_end
            self.prep_problems.setText(
                translate("CyclePanel", "Timetable complete; development ends %1.").replace(
                    "%1", end.isoformat() if end else ""
                )
            )

    def _show_steps(self) -> None:
        assert self.cycle is not None
        lang = self.lang
        self.steps.blockSignals(True)
        for i in range(self.steps.count()):
            item = self.steps.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(item.data(Qt.ItemDataRole.UserRole + 1)(lang))
            item.setCheckState(Qt.CheckState.Checked if self.cycle.steps.get(key) else Qt.CheckState.Unchecked)
        self.steps.blockSignals(False)
        done, _total = self.cycle.step_progress
        self.steps_progress.setValue(done)
        left = rules.days_left(self.cycle.preparation, self.today())
        if left is None:
            self.days_left.setText(translate("CyclePanel", "No development window set yet (see Preparation)."))
        elif left >= 0:
            self.days_left.setText(
                translate("CyclePanel", "%1 days left in the development window.").replace("%1", str(left))
            )
        else:
            self.days_left.setText(
                translate("CyclePanel", "The development window ended %1 days ago.").replace("%1", str(-left))
            )

    def _show_review(self, plan: Plan) -> None:
        assert self.cycle is not None
        lang = self.lang
        last = self.cycle.reviews[-1] if self.cycle.reviews else None
        for row, (key, text) in enumerate(REVIEW_QUESTIONS):
            self.questions.item(row, 0).setText(text(lang))
            answer = last.answers.get(key) if last and last.version == plan.version else None
            self.answer_boxes[row].setCurrentIndex(
                0 if answer is None or answer.satisfied is None else 1 if answer.satisfied else 2
            )
            self.questions.item(row, 2).setText(answer.comment if answer else "")
        self.questions.resizeRowsToContents()
        in_review = plan.phase is Phase.REVIEW
        self.request_changes.setEnabled(in_review)
        self.approve.setEnabled(in_review)
        signed = self.cycle.signed(plan.version)
        approved = last is not None and last.decision is Decision.APPROVED and last.version == plan.version
        self.sign.setEnabled(in_review and approved and signed is None)
        self.reviews.clear()
        for r in self.cycle.reviews:
            self.reviews.addItem(
                f"{r.date}  {r.reviewer}  v{r.version}  {r.decision.label(lang)}  {r.score}/5  {r.summary}"
            )
        for s in self.cycle.signoffs:
            self.reviews.addItem(
                f"{s.date}  {s.reviewer}  v{s.version}  ✔ {translate('CyclePanel', 'signed off')}  sha256:{s.fingerprint[:12]}"
            )

    def _show_monitoring(self, plan: Plan) -> None:
        assert self.cycle is not None
        today = self.today()
        last = self.cycle.progress[-1].date if self.cycle.progress else today - dt.timedelta(days=1)
        due = rules.next_review_date(plan.account.tier, max(last, today - dt.timedelta(days=1)), plan.year)
        cadence = {
            "key": translate("CyclePanel", "every quarter"),
            "important": translate("CyclePanel", "once a year"),
            "general": translate("CyclePanel", "in the yearly collective review"),
        }[plan.account.tier.value]
        self.next_review.setText(
            translate("CyclePanel", "Next progress review: %1 (%2 account: reviewed %3)")
            .replace("%1", due.isoformat())
            .replace("%2", plan.account.tier.value)
            .replace("%3", cadence)
        )
        self.due.clear()
        for item in rules.due_items(plan, today, within_days=30):
            owner = plan.label_of("team.members", item.row.get("owner"))
            state = translate("CyclePanel", "overdue") if item.overdue else translate("CyclePanel", "due")
            if item.milestone:
                state += " ◆"
            entry = QTreeWidgetItem(
                self.due, [item.due.isoformat(), str(item.row.get("description") or ""), owner, state]
            )
            if item.overdue:
                entry.setForeground(3, Qt.GlobalColor.red)
        self.due.resizeColumnToContents(0)
        self.progress_list.clear()
        for g in self.cycle.progress:
            self.progress_list.addItem(f"{g.date}  {g.reviewer}  {g.notes}")
        self.record_progress_button.setEnabled(plan.phase is Phase.MONITORING)

    def refresh_changes(self) -> None:
        document = self.document
        self.changes.clear()
        if document is None or self.cycle is None:
            return
        portfolio = self.workspace.portfolio
        plan = document.plan
        base: Plan | None = None
        if self.against.currentData() == "signed":
            signoff = self.cycle.last_signoff
            if signoff is None:
                self.changes_note.setText(translate("CyclePanel", "This plan has no signed-off version yet."))
                return
            base = portfolio.signed_plan(signoff)
        else:
            earlier = [
                s for s in self.workspace.summaries if s.account_id == plan.account.id and s.year == plan.year - 1
            ]
            if not earlier:
                self.changes_note.setText(translate("CyclePanel", "There is no plan for the year before."))
                return
            base = portfolio.load_plan(earlier[0].id)
        lang = self.lang
        result = diff_plans(base, plan, lang)
        kinds = {
            ChangeKind.ADDED: translate("CyclePanel", "added"),
            ChangeKind.REMOVED: translate("CyclePanel", "removed"),
            ChangeKind.CHANGED: translate("CyclePanel", "changed"),
        }
        self.changes_note.setText(
            translate("CyclePanel", "%1 changes from %2 to %3")
            .replace("%1", str(len(result.changes)))
            .replace("%2", result.old_label)
            .replace("%3", result.new_label)
        )
        for attribute, old, new in result.account:
            QTreeWidgetItem(
                self.changes,
                [f"{translate('CyclePanel', 'Account')}: {attribute}", kinds[ChangeKind.CHANGED], old, new],
            )
        for section_key, changes in result.by_section().items():
            section = QTreeWidgetItem(self.changes, [TEMPLATE.section(section_key).label(lang)])
            section.setFirstColumnSpanned(True)
            for change in changes:
                f = TEMPLATE.field(change.field)
                where = f.label(lang) + (f" · {change.label}" if change.label else "")
                if change.row is None:
                    QTreeWidgetItem(
                        section, [where, kinds[change.kind], _short(change.old_text), _short(change.new_text)]
                    )
                elif change.cells:
                    item = QTreeWidgetItem(section, [where, kinds[change.kind]])
                    for cell in change.cells:
                        column = TEMPLATE.table(change.field).column(cell.column)
                        QTreeWidgetItem(item, [column.label(lang), "", cell.old, cell.new])
                else:
                    QTreeWidgetItem(section, [where, kinds[change.kind]])
        self.changes.expandAll()
        self.changes.resizeColumnToContents(0)

    # ------------------------------------------------------------------ actions

    def _run(self, action: Callable[[], object]) -> bool:
        """Run a use case; a refusal or conflict is shown, not raised."""
        document = self.document
        if document is not None:
            document.flush()
        try:
            action()
        except MoveRefused as exc:
            QMessageBox.information(
                self, translate("CyclePanel", "Not yet"), "\n".join("• " + r(self.lang) for r in exc.reasons)
            )
            return False
        except (Conflict, ValueError, DatabaseError) as exc:
            QMessageBox.warning(self, translate("CyclePanel", "Cannot do that"), str(exc))
            return False
        if document is not None:
            document.reload()
            self.moved.emit(document.plan_id)
        self.refresh()
        return True

    def _author(self) -> str:
        from .settings import Settings

        return Settings().author.strip()

    def move(self, target: Phase) -> bool:
        document = self.document
        if document is None:
            return False
        return self._run(
            lambda: self.workspace.portfolio.move_phase(
                document.plan_id, target, self._author() or document.plan.account.manager
            )
        )

    def _preparation_edited(self) -> None:
        if not self._loading:
            self._prep_timer.start()

    def current_preparation(self) -> Preparation:
        return Preparation(
            expectations=self.expectations.toPlainText(),
            guidelines=self.guidelines.toPlainText(),
            development_start=_date(self.dev_start.date()),
            development_weeks=self.dev_weeks.value(),
            review_date=_date(self.review_date.date()),
            reviewed_in_person=self.in_person.isChecked(),
        )

    def save_preparation(self) -> None:
        document = self.document
        if document is None:
            return
        base = self.cycle.preparation if self.cycle is not None else None
        try:
            preparation = self.workspace.portfolio.update_preparation(
                document.plan_id, self.current_preparation(), base=base
            )
        except (Conflict, DatabaseError) as exc:
            QMessageBox.warning(self, translate("CyclePanel", "Cannot do that"), str(exc))
            return
        if self.cycle is not None:
            self.cycle.preparation = preparation
        self._show_preparation_problems(preparation)
        self._show_steps()

    def _step_toggled(self, item: QListWidgetItem) -> None:
        document = self.document
        if document is None or self._loading:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        done = item.checkState() == Qt.CheckState.Checked
        finished, _total = self.workspace.portfolio.set_step(document.plan_id, key, done)
        if self.cycle is not None:
            self.cycle.steps[key] = done
        self.steps_progress.setValue(finished)

    def current_review(self, decision: Decision) -> Review:
        document = self.document
        assert document is not None
        answers = {}
        for row, (key, _text) in enumerate(REVIEW_QUESTIONS):
            index = self.answer_boxes[row].currentIndex()
            comment = self.questions.item(row, 2).text().strip()
            if index or comment:
                answers[key] = ReviewAnswer({0: None, 1: True, 2: False}[index], comment)
        return Review(
            reviewer=self.reviewer.text().strip(),
            role=self.role.text().strip(),
            date=self.today(),
            version=document.plan.version,
            decision=decision,
            score=self.score.value(),
            answers=answers,
            summary=self.summary.toPlainText().strip(),
        )

    def record_review(self, decision: Decision) -> bool:
        document = self.document
        if document is None:
            return False
        document.flush()
        review = self.current_review(decision)
        review.version = self.workspace.portfolio.load_plan(document.plan_id).version
        return self._run(lambda: self.workspace.portfolio.record_review(document.plan_id, review))

    def sign_off(self) -> bool:
        document = self.document
        if document is None:
            return False
        reviewer = self.reviewer.text().strip()
        return self._run(
            lambda: self.workspace.portfolio.sign_off(
                document.plan_id, reviewer, self.role.text().strip(), self.today()
            )
        )

    def record_progress(self) -> bool:
        document = self.document
        if document is None:
            return False
        dialog = ProgressDialog(document.plan, self.lang, self.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        review = dialog.review()
        return self._run(lambda: self.workspace.portfolio.record_progress(document.plan_id, review))

    def roll_forward(self) -> bool:
        document = self.document
        if document is None:
            return False
        plan = document.plan
        answer = QMessageBox.question(
            self,
            translate("CyclePanel", "Roll forward"),
            translate("CyclePanel", "Start the %1 plan for %2 from this one? This plan stays as it is.")
            .replace("%1", str(plan.year + 1))
            .replace("%2", plan.account.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        created: list[int] = []
        ok = self._run(
            lambda: created.append(
                self.workspace.portfolio.roll_forward(document.plan_id, self._author() or plan.account.manager)
            )
        )
        if ok and created:
            self.workspace.refresh()
            self.moved.emit(created[0])
        return ok


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ProgressDialog(QDialog):
    """Phase 4: a progress review — notes, stakeholders' attitudes now, actuals to date."""

    def __init__(self, plan: Plan, lang: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("CyclePanel", "Progress review"))
        self.plan = plan
        form = QFormLayout(self)
        self.date = QDateEdit(_qdate(today), calendarPopup=True)
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
            box.setCurrentIndex(max(0, box.findData(row.get("attitude"))))
            self.attitudes[row.key] = box
            attitude_form.addRow(str(row.get("name") or row.key), box)
        form.addRow(attitudes)
        actuals = QGroupBox(translate("CyclePanel", "Actuals to date"))
        actual_form = QFormLayout(actuals)
        self.actuals: dict[str, QDoubleSpinBox] = {}
        self.actual_set: dict[str, QCheckBox] = {}
        for row in plan.rows("objectives.financial"):
            box = QDoubleSpinBox(minimum=-1e12, maximum=1e12, decimals=1)
            use = QCheckBox()
            use.toggled.connect(box.setEnabled)
            box.setEnabled(False)
            line = QHBoxLayout()
            line.addWidget(use)
            line.addWidget(box, 1)
            holder = QWidget()
            holder.setLayout(line)
            metric = TEMPLATE.table("objectives.financial").column("metric")
            label = str(
                row.get("label")
                or (
                    metric.choice(str(row.get("metric"))).label(lang)
                    if metric.choice(str(row.get("metric")))
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
        form.addRow(buttons)

    def review(self) -> ProgressReview:
        changed = {
            key: box.currentData()
            for key, box in self.attitudes.items()
            if box.currentData() != (self.plan.row(STAKEHOLDERS, key) or object()).get("attitude")  # type: ignore[attr-defined]
        }
        return ProgressReview(
            date=_date(self.date.date()),
            reviewer=self.reviewer.text().strip(),
            notes=self.notes.toPlainText().strip(),
            attitudes=changed,
            actuals={k: box.value() for k, box in self.actuals.items() if self.actual_set[k].isChecked()},
        )
