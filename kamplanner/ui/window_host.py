"""The running app's window over one workspace, rebuilt when the interface language changes.

The composition root (app.py) builds the portfolio and the workspace and hands them in; the host
shows the window, answers a second start's request to come forward, and runs periodic jobs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from ..services import Portfolio
from . import i18n
from .main_window import MainWindow
from .settings import Settings
from .workspace import Workspace


class WindowHost(QObject):
    """The running app's window over one workspace. Choosing another language builds a new
    window over the same workspace, so open plans and their undo history carry over."""

    def __init__(
        self,
        workspace: Workspace,
        settings: Settings,
        open_portfolio: Callable[[str], Portfolio] | None = None,
        default_database: str = "",
    ):
        super().__init__()
        self.workspace, self.settings = workspace, settings
        self.open_portfolio, self.default_database = open_portfolio, default_database
        self.window = self._build()

    def _build(self) -> MainWindow:
        window = MainWindow(self.workspace, self.settings, self.open_portfolio)
        window.default_database = self.default_database
        window.languageChosen.connect(self.relaunch)
        return window

    def relaunch(self, language: str) -> MainWindow:
        old = self.window
        old.save_layout()
        i18n.install(language)
        window = self._build()
        window.restore_layout()
        window._portfolio_changed()
        current = self.workspace.current
        if current is not None:
            window.editor.current = old.editor.current
            window.navigator.current_section = old.editor.current
            window._document_changed(current)
            window.navigator.select_plan(current.plan_id)
        window.show()
        self.window = window
        old.hide()
        old.deleteLater()
        return window

    def show(self, ready: Callable[[MainWindow], None] | None = None) -> None:
        """Show the window on the last plan; offer a backup if the database is damaged; then ``ready``."""
        self.window.start()
        self.window.show()
        QTimer.singleShot(0, lambda: self.window.offer_restore_if_damaged())
        if ready is not None:
            QTimer.singleShot(0, lambda: ready(self.window))

    def answer_activation(self, key: str) -> None:
        """A second start on the same database brings this window to the front."""
        from .single_instance import ActivationServer

        self.server = ActivationServer(key, lambda: self.window, self)
        self.server.start()

    def every(self, interval_ms: int, job: Callable[[], object]) -> QTimer:
        timer = QTimer(self, interval=interval_ms)
        timer.timeout.connect(job)
        timer.start()
        return timer
