"""What every tab of the cycle panel shares: the workspace it works on, today, the language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel, QWidget

from .. import i18n

Run = Callable[[Callable[[], object]], bool]  # the panel's way to run a use case and show a refusal


def qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate()


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CycleTab(QWidget):
    """One tab: shown from the cycle the panel loaded; its actions go through the panel's ``run``."""

    def __init__(self, workspace, today: Callable[[], dt.date], parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.workspace = workspace
        self.today = today

    @property
    def document(self):  # type: ignore[no-untyped-def]
        return self.workspace.current

    @property
    def lang(self) -> str:
        return i18n.language()


class ClickLabel(QLabel):
    """A wrapping label that acts as its check box's text: a click on it toggles the box."""

    def __init__(self, text: str, clicked, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._clicked = clicked

    def mouseReleaseEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._clicked()
        super().mouseReleaseEvent(event)
