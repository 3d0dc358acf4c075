"""The cycle panel's Review tab: the senior review's questions, the decision, and the sign-off."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.comments import CommentStatus
from ...domain.cycle import REVIEW_QUESTIONS, Cycle, Decision, Review, ReviewAnswer, SignOff
from ...domain.filenames import pdf_file_name
from ...domain.model import Phase, Plan
from ...domain.versions import VersionLabel, label
from ..i18n import version_name
from .open_items import go_on_despite
from .tab import CycleTab, Run

translate = QCoreApplication.translate


class ReviewTab(CycleTab):
    commentsRequested = Signal()  # the user wants the Comments tab

    def __init__(self, workspace, today, run: Run, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.run = run
        # Where a sign-off's PDF is written (the folder last used for files, else home).
        self.signoff_folder: Callable[[], Path] = _last_folder
        self.last_pdf: Path | None = None  # the last sign-off PDF written
        layout = QVBoxLayout(self)
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
        self.send = QPushButton(translate("CyclePanel", "Send for Review (PDF)…"))
        self.send.setToolTip(
            translate(
                "CyclePanel",
                "Submit this version (if it is not under review yet) and write the reviewer's PDF: it says so on"
                " its cover and has an empty signature field. Comments made on it in any PDF reader come back when"
                " the PDF is dropped on the window.",
            )
        )
        self.send.clicked.connect(self.send_for_review)
        for button in (self.request_changes, self.approve, self.sign):
            buttons.addWidget(button)
        buttons.addStretch(1)
        sending = QHBoxLayout()  # a row of its own: the panel must fit a laptop screen in any language
        sending.addWidget(self.send)
        sending.addStretch(1)
        # The reviewers' comments read from PDFs: how many are open, and the way to them.
        self.comments_note = QLabel()
        self.comments_note.setWordWrap(True)
        self.show_comments = QPushButton(translate("CyclePanel", "Show Comments"))
        self.show_comments.clicked.connect(self.commentsRequested.emit)
        sending.addWidget(self.comments_note)
        sending.addWidget(self.show_comments)
        self.reviews = QListWidget()
        self.reviews.setMaximumHeight(80)
        layout.addLayout(sending)
        layout.addWidget(self.questions, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(translate("CyclePanel", "Reviews and sign-offs:")))
        layout.addWidget(self.reviews)

    def load(self, cycle: Cycle, plan: Plan) -> None:
        lang = self.lang
        last = cycle.reviews[-1] if cycle.reviews else None
        for row, (key, text) in enumerate(REVIEW_QUESTIONS):
            self.questions.item(row, 0).setText(text(lang))
            answer = last.answers.get(key) if last and last.version == plan.version else None
            self.answer_boxes[row].setCurrentIndex(
                0 if answer is None or answer.satisfied is None else 1 if answer.satisfied else 2
            )
            self.questions.item(row, 2).setText(answer.comment if answer else "")
        self.questions.resizeRowsToContents()
        waiting = sum(1 for c in cycle.comments if c.status is not CommentStatus.RESOLVED)
        self.comments_note.setText(
            translate("CyclePanel", "%n review comment(s) from PDFs not resolved yet", "", waiting)
            if cycle.comments
            else ""
        )
        self.comments_note.setVisible(bool(cycle.comments))
        self.show_comments.setVisible(bool(cycle.comments))
        in_review = plan.phase is Phase.REVIEW
        self.send.setEnabled(plan.phase in (Phase.DEVELOPMENT, Phase.REVIEW))
        self.request_changes.setEnabled(in_review)
        self.approve.setEnabled(in_review)
        signed = cycle.signed(plan.version)
        approved = last is not None and last.decision is Decision.APPROVED and last.version == plan.version
        self.sign.setEnabled(in_review and approved and signed is None)
        self.reviews.clear()
        for r in cycle.reviews:
            self.reviews.addItem(
                f"{r.date}  {r.reviewer}  {version_name(label(plan.versions, r.version))}  {r.decision.label(lang)}"
                f"  {r.score}/5  {r.summary}"
            )
        for s in cycle.signoffs:
            self.reviews.addItem(
                f"{s.date}  {s.reviewer}  {version_name(VersionLabel(s.number, False))}"
                f"  ✔ {translate('CyclePanel', 'signed off')}  sha256:{s.fingerprint[:12]}"
            )

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
        portfolio = self.workspace.portfolio
        review.version = portfolio.load_plan(document.plan_id).version
        if decision is Decision.APPROVED:
            items = portfolio.open_items(document.plan_id, Phase.REVIEW, review)
            if not go_on_despite(self, items, self.lang, translate("CyclePanel", "Approve anyway")):
                return False
        return self.run(lambda: portfolio.record_review(document.plan_id, review))

    def send_for_review(self) -> Path | None:
        """Submit the plan (what is open is shown first) and write the reviewer's PDF beside the
        last files; offer to open it."""
        document = self.document
        if document is None:
            return None
        document.flush()
        portfolio = self.workspace.portfolio
        if portfolio.load_plan(document.plan_id).phase is Phase.DEVELOPMENT:
            items = portfolio.open_items(document.plan_id, Phase.DEVELOPMENT)
            if not go_on_despite(self, items, self.lang, translate("CyclePanel", "Submit anyway")):
                return None
        made: list[tuple[int, bytes]] = []
        if not self.run(lambda: made.append(portfolio.send_for_review(document.plan_id))):
            return None
        number, pdf = made[0]
        plan = document.plan
        target = self.signoff_folder() / pdf_file_name(plan.account.name, plan.year, number, "for review")
        failed = translate("CyclePanel", "The plan is under review, but its PDF could not be written to %1: %2")
        if not self._write(target, pdf, translate("CyclePanel", "Send for Review"), failed):
            return None
        text = translate("CyclePanel", "%1 is under review. The reviewer's PDF is written:").replace(
            "%1", version_name(VersionLabel(number, False))
        )
        self._offer_to_open(target, translate("CyclePanel", "Sent for review"), text, "")
        return target

    def sign_off(self) -> bool:
        """Ask first; then sign off, write the version's PDF and offer to open it."""
        from ...services import signoff_pdf

        document = self.document
        if document is None:
            return False
        document.flush()
        portfolio = self.workspace.portfolio
        plan = portfolio.load_plan(document.plan_id)
        reviewer, role = self.reviewer.text().strip(), self.role.text().strip()
        question = (
            translate("CyclePanel", "Sign off %1 of %2 %3 as %4?")
            .replace("%1", version_name(VersionLabel(plan.version_label.number, False)))
            .replace("%2", plan.account.name)
            .replace("%3", str(plan.year))
            .replace("%4", reviewer or "—")
        )
        box = QMessageBox(QMessageBox.Icon.Question, translate("CyclePanel", "Sign off"), question, parent=self)
        box.setInformativeText(
            translate(
                "CyclePanel",
                "The signed version is kept as it is; later edits make a new version. Its PDF is written to %1.",
            ).replace("%1", str(self.signoff_folder()))
        )
        sign = box.addButton(translate("CyclePanel", "Sign off"), QMessageBox.ButtonRole.YesRole)
        box.addButton(QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.exec()
        if box.clickedButton() is not sign:
            return False
        made: list[tuple[SignOff, bytes]] = []
        if not self.run(lambda: made.append(signoff_pdf(portfolio, document.plan_id, reviewer, role, self.today()))):
            return False
        signoff, pdf = made[0]
        target = self.signoff_folder() / pdf_file_name(plan.account.name, plan.year, signoff.number, "signed off")
        failed = translate("CyclePanel", "Signed off, but its PDF could not be written to %1: %2")
        if not self._write(target, pdf, translate("CyclePanel", "Sign off"), failed):
            return True
        text = translate("CyclePanel", "%1 is signed off. Its PDF is written:").replace(
            "%1", version_name(VersionLabel(signoff.number, False))
        )
        self._offer_to_open(target, translate("CyclePanel", "Signed off"), text, f"\nsha256:{signoff.fingerprint}")
        return True

    def _write(self, target: Path, pdf: bytes, title: str, failed: str) -> bool:
        """Write a PDF the tab made (it becomes ``last_pdf``); when it cannot be, say so (``failed``
        has %1 for the file and %2 for why)."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pdf)
        except OSError as exc:
            why = failed.replace("%1", str(target)).replace("%2", exc.strerror or str(exc))
            QMessageBox.warning(self, title, why)
            return False
        self.last_pdf = target
        return True

    def _offer_to_open(self, target: Path, title: str, text: str, more: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setInformativeText(f"{target}{more}")
        open_button = box.addButton(translate("CyclePanel", "Open"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))) if button is open_button else None
        )
        box.open()  # not modal: the window stays usable


def _last_folder() -> Path:
    from ..settings import Settings

    return Path(Settings().last_folder or Path.home())
