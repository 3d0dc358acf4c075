"""The bar across the top of the editor: a message, with an optional action (Restore, Reload…)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

translate = QCoreApplication.translate


class InfoBar(QFrame):
    """A message across the top of the editor, with an optional action (Restore, Reload…)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("infoBar")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action_button = QPushButton()
        self.close_button = QPushButton(translate("MainWindow", "Dismiss"))
        self.close_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(self.close_button)
        self._action: Callable[[], None] | None = None
        self.action_button.clicked.connect(self._run)
        self.hide()

    def show_message(self, text: str, action_text: str = "", action: Callable[[], None] | None = None) -> None:
        self.text.setText(text)
        self._action = action
        self.action_button.setText(action_text)
        self.action_button.setVisible(bool(action_text and action))
        self.show()

    def _run(self) -> None:
        action = self._action
        self.hide()
        if action is not None:
            action()
