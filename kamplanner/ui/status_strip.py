"""The main window's status strip: the open plan's phase, completeness, version and saved state."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton

from . import i18n
from .autosave import SaveState

if TYPE_CHECKING:
    from .document import PlanDocument
    from .workspace import Workspace

translate = QCoreApplication.translate


class StatusStrip:
    """The permanent widgets at the right of the status bar; hidden while no plan is open."""

    def __init__(self, bar: QStatusBar, lang: str, show_cycle: Callable[[], None]):
        self.lang = lang
        self.phase_label = QToolButton()
        self.phase_label.setAutoRaise(True)
        self.phase_label.setToolTip(translate("MainWindow", "Show the planning cycle (Ctrl+Shift+C)"))
        self.phase_label.clicked.connect(show_cycle)
        self.complete_bar = QProgressBar()
        self.complete_bar.setRange(0, 100)
        self.complete_bar.setMaximumWidth(110)
        self.complete_bar.setMaximumHeight(14)
        self.complete_bar.setTextVisible(False)
        self.complete_label = QLabel()
        self.version_label = QLabel()
        self.save_label = QLabel()
        self.save_label.setObjectName("saveState")
        self.save_label.setToolTip(
            translate("MainWindow", "Every edit is written to the database within a second; there is no Save command.")
        )
        for widget, name in (
            (self.phase_label, translate("MainWindow", "Phase")),
            (self.complete_label, translate("MainWindow", "Completeness")),
            (self.version_label, translate("MainWindow", "Version")),
            (self.save_label, translate("MainWindow", "Saved state")),
        ):
            widget.setAccessibleName(name)
        self.complete_bar.setAccessibleName(translate("MainWindow", "Completeness"))
        self.widgets = (self.phase_label, self.complete_bar, self.complete_label, self.version_label, self.save_label)
        self.team_label = QLabel()  # on a team server: who this is, and whether others' saves are heard
        self.team_label.setAccessibleName(translate("MainWindow", "Team server"))
        self.team_label.setVisible(False)
        bar.addPermanentWidget(self.team_label)
        for widget in self.widgets:
            bar.addPermanentWidget(widget)
        self._who = ""

    def watch(self, workspace: Workspace) -> None:
        """Show who this window works as on a team server, and whether it hears the others."""
        identity = workspace.portfolio.team
        self.team_label.setVisible(identity is not None)
        if identity is None:
            return
        actor = identity.actor
        role = actor.role.label(self.lang)
        self._who = f"{actor.name} ({role})"
        self.set_live(False)
        workspace.liveChanged.connect(self.set_live)

    def show_unsynced(self, count: int | None, server: str) -> None:
        """On a laptop that syncs with a team server: how many plans are not synced yet."""
        self.team_label.setVisible(True)
        if count is None:
            self.team_label.setText(translate("MainWindow", "⇅ Not synced yet"))
        elif count:
            self.team_label.setText(translate("MainWindow", "⇅ %n plan(s) not synced", "", count))
        else:
            self.team_label.setText(translate("MainWindow", "⇅ Synced"))
        self.team_label.setToolTip(
            translate("MainWindow", "Team server: %1 (File ▸ Sync with Team Server)").replace("%1", server)
        )

    def set_live(self, live: bool) -> None:
        if live:
            text = translate("MainWindow", "● Team server: %1")
            tip = translate("MainWindow", "Changes other people save show here as they save them.")
        else:
            text = translate("MainWindow", "○ Team server: %1, not hearing others' changes")
            tip = translate("MainWindow", "The server's change notices are not reaching this window; trying again.")
        self.team_label.setText(text.replace("%1", self._who))
        self.team_label.setToolTip(tip)

    def show(self, d: PlanDocument | None) -> None:
        for widget in self.widgets:
            widget.setVisible(d is not None)
        if d is None:
            return
        plan = d.plan
        self.phase_label.setText(
            translate("MainWindow", "Phase %1: %2")
            .replace("%1", str(int(plan.phase)))
            .replace("%2", plan.phase.label(self.lang))
        )
        percent = d.completeness_percent
        self.complete_bar.setValue(percent)
        self.complete_label.setText(translate("MainWindow", "%1% complete").replace("%1", str(percent)))
        self.version_label.setText(i18n.version_name(plan.version_label))
        state = d.save_state
        texts = {
            SaveState.SAVED: "✓ " + translate("MainWindow", "Saved"),
            SaveState.PENDING: translate("MainWindow", "Saving…"),
            SaveState.FAILED: "⚠ " + translate("MainWindow", "Not saved, retrying: %1").replace("%1", d.autosave.error),
            SaveState.STOPPED: "⚠ " + translate("MainWindow", "Not saved: %1").replace("%1", d.autosave.error),
        }
        self.save_label.setText(texts[state])
        if self.save_label.property("state") != state.value:
            self.save_label.setProperty("state", state.value)
            self.save_label.style().unpolish(self.save_label)
            self.save_label.style().polish(self.save_label)
