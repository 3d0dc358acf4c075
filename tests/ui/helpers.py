"""Driving real widgets: answering modal dialogs, typing into table cells."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialogButtonBox, QMessageBox, QWidget

_generation = [0]  # bumped after every test (tests/ui/conftest.py)


def forget_pending_answers() -> None:
    """Stop every answer still waiting for its dialog."""
    _generation[0] += 1


def when_shown(
    kind: type,
    handle: Callable[[QWidget], None],
    *,
    match: Callable[[QWidget], bool] | None = None,
    timeout: float = 10.0,
) -> list[QWidget]:
    """Call ``handle`` on the next visible top-level widget of ``kind`` (a modal dialog blocks the
    test, so the answer is scheduled before the dialog opens). Returns a list that receives it."""
    seen: list[QWidget] = []
    deadline = time.monotonic() + timeout
    generation = _generation[0]

    def poll() -> None:
        if generation != _generation[0]:
            return  # the test that asked has ended: a later test's dialog is not this one's
        for widget in QApplication.topLevelWidgets():
            if (
                isinstance(widget, kind)
                and widget.isVisible()
                and (match is None or match(widget))
                and widget not in seen
            ):
                seen.append(widget)
                try:
                    handle(widget)
                except BaseException:
                    widget.close()  # a failed answer must not leave a modal dialog blocking the run
                    raise
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def press_ok(dialog: QWidget) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def handle(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return handle


def edit_cell(qtbot, view: QAbstractItemView, index: QModelIndex) -> QWidget:
    """Start editing a cell the way a user does (F2) and return the editor."""
    view.setFocus()
    view.setCurrentIndex(index)
    view.scrollTo(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(index)
    assert editor is not None, "no editor opened"
    return editor


def type_into_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Type into a cell like a user: F2, select what is there, type, Enter."""
    editor = edit_cell(qtbot, view, index)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop, as it does for a user.
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)


def type_over_cell(qtbot, view: QAbstractItemView, index: QModelIndex, text: str) -> None:
    """Type straight onto a selected cell (no F2), as in a spreadsheet, then Enter."""
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, text[0])
    editor = view.indexWidget(index)
    assert editor is not None
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)


def commit(qtbot, view: QAbstractItemView, index: QModelIndex, editor: QWidget) -> None:
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.indexWidget(index) is None, timeout=2000)
