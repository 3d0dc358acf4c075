"""The cycle panel: where the open plan stands in the four-phase cycle, the moves it can make,
and one tab per part of the cycle's work (ui/cycle/).

Every action goes through a use case in services.py; a refused move shows the method's reasons.
The plan's unsaved edits are written first, so a move is judged on what the user sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from ..domain.comments import CommentStatus
from ..domain.cycle import Cycle, MoveRefused
from ..domain.model import Phase, Plan
from ..services import Conflict, DatabaseError, NotFound
from . import i18n
from .cycle.changes import ChangesTab
from .cycle.comments import CommentsTab
from .cycle.development import DevelopmentTab
from .cycle.monitoring import MonitoringTab
from .cycle.open_items import go_on_despite
from .cycle.preparation import PreparationTab
from .cycle.review import ReviewTab
from .cycle.timeline import TimelineTab

translate = QCoreApplication.translate


class CyclePanel(QWidget):
    """Shows and drives the current plan's cycle. Works on ``workspace.current``."""

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
            label.setWordWrap(True)  # a narrow panel (a laptop screen) wraps the phase names
            label.setMinimumWidth(60)
            self.phase_labels[phase] = label
            self.phase_strip.addWidget(label, 1)
        self.moves = QHBoxLayout()
        self.move_buttons: dict[str, QPushButton] = {}

        self.timeline = TimelineTab()
        self.preparation = PreparationTab(workspace, today)
        self.development = DevelopmentTab(workspace, today)
        self.review = ReviewTab(workspace, today, self._run)
        self.comments = CommentsTab(workspace, today, self._run)
        self.review.commentsRequested.connect(lambda: self.tabs.setCurrentWidget(self.comments))
        self.monitoring = MonitoringTab(workspace, today, self._run)
        self.changes = ChangesTab(workspace, today)
        self.preparation.saved.connect(self._preparation_saved)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline, translate("CyclePanel", "Timeline"))
        self.tabs.addTab(self.preparation, translate("CyclePanel", "1 Preparation"))
        self.tabs.addTab(self.development, translate("CyclePanel", "2 Development"))
        self.tabs.addTab(self.review, translate("CyclePanel", "3 Review"))
        self.tabs.addTab(self.comments, translate("CyclePanel", "Comments"))
        self.tabs.addTab(self.monitoring, translate("CyclePanel", "4 Monitoring"))
        self.tabs.addTab(self.changes, translate("CyclePanel", "Changes"))

        layout = QVBoxLayout(self)
        layout.addLayout(self.phase_strip)
        layout.addLayout(self.moves)
        layout.addWidget(self.tabs, 1)

        # A method, not a lambda: Qt disconnects it when the panel is deleted (the window is
        # made again after a language switch; the workspace lives on).
        workspace.currentChanged.connect(self._current_changed)
        self.refresh()

    def _current_changed(self, _document) -> None:  # type: ignore[no-untyped-def]
        self.refresh()

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
        self.cycle = cycle = self.workspace.portfolio.load_cycle(document.plan_id)
        plan = document.plan
        self._show_phase(plan)
        self.timeline.load(cycle, plan.versions)
        self.preparation.load(cycle)
        self.development.load(cycle)
        self.review.load(cycle, plan)
        self.comments.load(cycle)
        open_count = sum(1 for c in cycle.comments if c.status is not CommentStatus.RESOLVED)
        title = translate("CyclePanel", "Comments")
        self.tabs.setTabText(self.tabs.indexOf(self.comments), f"{title} ({open_count})" if open_count else title)
        self.monitoring.load(cycle, plan)
        self.changes.load(cycle)

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

    def _preparation_saved(self) -> None:
        if self.cycle is not None:  # the development window may have moved
            self.development.load(self.cycle)

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
        except (Conflict, NotFound, ValueError, DatabaseError) as exc:
            QMessageBox.warning(self, translate("CyclePanel", "Cannot do that"), str(exc))
            return False
        # The use case announced what it changed: the workspace has read the plan again (its
        # undo history kept) and every view has heard (MainWindow._changed).
        self.refresh()
        return True

    def _author(self) -> str:
        from .settings import Settings

        return Settings().author.strip()

    def move(self, target: Phase) -> bool:
        """Move the plan; at submit, what is still open is shown first, to go on or go back."""
        document = self.document
        if document is None:
            return False
        if target is Phase.REVIEW:
            document.flush()
            items = self.workspace.portfolio.open_items(document.plan_id, Phase.DEVELOPMENT)
            if not go_on_despite(self, items, self.lang, translate("CyclePanel", "Submit anyway")):
                return False
        return self._run(
            lambda: self.workspace.portfolio.move_phase(
                document.plan_id, target, self._author() or document.plan.account.manager
            )
        )

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
        return ok
