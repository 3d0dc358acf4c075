"""The running app's window over one workspace, rebuilt when the interface language changes.

The composition root (app.py) hands in the workspace, or a function that opens it: then the
window is shown first and the portfolio opened once it has been painted, so a start shows its
window before the database library and most of the app are loaded. The host also answers a
second start's request to come forward, and runs periodic jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from . import i18n
from .main_window import MainWindow
from .settings import Settings

if TYPE_CHECKING:
    from ..services import Portfolio
    from .workspace import Workspace

translate = QCoreApplication.translate


class WindowHost(QObject):
    """The running app's window over one workspace. Choosing another language builds a new
    window over the same workspace, so open plans and their undo history carry over."""

    def __init__(
        self,
        workspace: Workspace | None,
        settings: Settings,
        open_portfolio: Callable[[str], Portfolio] | None = None,
        default_database: str = "",
    ):
        super().__init__()
        self.workspace, self.settings = workspace, settings
        self.open_portfolio, self.default_database = open_portfolio, default_database
        self.activation_key = ""  # a second start on this key raises the window (once it is up)
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
        self._started(ready)

    def show_first(
        self,
        load: Callable[[], Workspace | str],
        shown: Callable[[MainWindow], None] | None = None,
        ready: Callable[[MainWindow], None] | None = None,
    ) -> None:
        """Show the window's frame; once it has been painted, ``shown(window)``, then ``load()``
        the workspace and build the window over it, on the last plan, and ``ready(window)``.
        A load that gives a message instead (the database cannot be opened) shows it and ends
        the app with exit code 1."""
        window = self.window

        def build() -> None:
            if shown is not None:
                shown(window)
            if not window.isVisible():  # closed before it was built
                QApplication.exit(0)
                return
            workspace = load()
            if isinstance(workspace, str):
                QMessageBox.critical(window, translate("MainWindow", "Cannot open the database"), workspace)
                window.hide()
                QApplication.exit(1)
                return
            self.workspace = workspace
            window.build(workspace)
            window.start()
            self._started(ready)

        watcher = _FirstPaint(window, build)
        window.centralWidget().installEventFilter(watcher)
        window.show()

    def _started(self, ready: Callable[[MainWindow], None] | None) -> None:
        if self.activation_key:
            self.answer_activation(self.activation_key)
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


class _FirstPaint(QObject):
    """Calls ``then`` once, on the turn of the event loop after the widget it watches was first
    painted (and so put on the screen); a timer makes sure of it where a platform never paints."""

    def __init__(self, parent: QObject, then: Callable[[], None], at_the_latest_ms: int = 1000):
        super().__init__(parent)
        self.then: Callable[[], None] | None = then
        QTimer.singleShot(at_the_latest_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()
