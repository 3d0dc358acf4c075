"""The Edit menu's undo stack over the editing session's history, one command for one step.

The session (domain/editing.py) decides what a step is, when typing merges and whether an undo
still fits; a command only passes Qt's calls on. QUndoStack asks a command to merge only into
the one below it, which is the session's step below, so the two histories stay in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.edits import Batch, Edit, EditError, SetAccount
from ..domain.template import TEMPLATE
from . import i18n

if TYPE_CHECKING:
    from .document import PlanDocument

_TYPING = 1  # the id of steps that may merge: typing in a prose field


translate = QCoreApplication.translate


class EditCommand(QUndoCommand):
    """One undoable step of a document's session."""

    def __init__(self, document: PlanDocument, edit: Edit, text: str, *, merge: bool = False):
        super().__init__(text)
        self.document = document
        self.edit = edit
        self._typing = merge
        self._done = False

    def redo(self) -> None:
        first, self._done = not self._done, True
        self._run(
            lambda: self.document.do(self.edit, self.text(), typing=self._typing) if first else self.document.redo()
        )
        if not first:
            self.document.replayed.emit(self.edit, translate("Undo", "Redid: %1").replace("%1", self.text()))

    def undo(self) -> None:
        self._run(self.document.undo)
        self.document.replayed.emit(self.edit, translate("Undo", "Undid: %1").replace("%1", self.text()))

    def _run(self, step) -> None:  # type: ignore[no-untyped-def]
        try:
            step()
        except EditError as exc:
            # The session dropped the step (what it changed was changed since): so does Qt.
            self.setObsolete(True)
            self.document.problem.emit(str(exc))

    def id(self) -> int:
        return _TYPING if self._typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if other.isObsolete():
            return False  # its edit did not fit: the session has no step of it to merge
        merged = self.document.session.merge_last()
        if merged is None:
            self.setObsolete(True)  # typed and deleted again: nothing left to undo
        return merged is not False


class SessionUndoStack(QUndoStack):
    """A QUndoStack whose clear() also clears the session's history."""

    def __init__(self, document: PlanDocument):
        super().__init__(document)
        self._document = document

    def clear(self) -> None:
        super().clear()
        self._document.session.clear_history()


def edited_path(edit: object) -> str | None:
    """The field an edit changed ("account" for the account's facts), or None."""
    if isinstance(edit, Batch):
        return edited_path(edit.edits[0]) if edit.edits else None
    if isinstance(edit, SetAccount):
        return "account"
    field = getattr(edit, "field", None)
    return field if isinstance(field, str) and field in TEMPLATE.paths else None


def reveal(window, edit: object, message: str) -> None:  # type: ignore[no-untyped-def]
    """Undo or redo changed something: show where, when it is not on the page in view."""
    path = edited_path(edit)
    if path is None:
        return
    key = "account" if path == "account" else TEMPLATE.section_of(path).key
    if key != window.editor.current:
        window.show_section(key)
        if path != "account":
            window.editor.focus_field(path)
        where = (
            translate("MainWindow", "Account facts")
            if key == "account"
            else TEMPLATE.section(key).label(i18n.language())
        )
        window.statusBar().showMessage(f"{message} — {where}", 8000)
