"""What the window's menu flows (plans, plan files and PDFs, the database) share: the window
they run in, and through it the workspace, the settings and the open plan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from .document import PlanDocument
    from .main_window import MainWindow
    from .settings import Settings
    from .workspace import Workspace


class Flows:
    """A group of menu commands. Dialogs open over the window; results show in its status strip."""

    def __init__(self, window: MainWindow):
        self.window = window

    @property
    def workspace(self) -> Workspace:
        return self.window.workspace

    @property
    def settings(self) -> Settings:
        return self.window.settings

    @property
    def lang(self) -> str:
        return self.window.lang

    @property
    def document(self) -> PlanDocument | None:
        return self.window.document

    def status(self, message: str, timeout: int) -> None:
        self.window.statusBar().showMessage(message, timeout)


@contextmanager
def busy() -> Iterator[None]:
    """The wait cursor over the app while a command works for a moment in the window's thread."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
