"""QUndoCommands over the domain's reversible edits: redo applies the edit, undo its inverse."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ..domain.edits import Edit, EditError, SetProse

if TYPE_CHECKING:
    from .document import PlanDocument

# Typing in a prose field makes one undo step per burst: keystrokes closer together than
# this merge into the step before.
TYPING_PAUSE = 1.5  # seconds
_PROSE_TYPING = 1


class EditCommand(QUndoCommand):
    """One undoable step: a domain edit (a Batch for several changes that undo together)."""

    def __init__(self, document: PlanDocument, edit: Edit, text: str, *, merge: bool = False):
        super().__init__(text)
        self.document = document
        self.edit = edit
        self._merge = merge and isinstance(edit, SetProse)
        self._last = time.monotonic()

    def redo(self) -> None:
        self._run(self.edit)

    def undo(self) -> None:
        self._run(self.edit.inverse())

    def _run(self, edit: Edit) -> None:
        try:
            self.document.execute(edit)
        except EditError as exc:
            # The plan changed under the stack (it was reloaded): this step no longer fits.
            self.setObsolete(True)
            self.document.problem.emit(str(exc))

    def id(self) -> int:
        return _PROSE_TYPING if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or not other._merge:
            return False
        mine, theirs = self.edit, other.edit
        assert isinstance(mine, SetProse) and isinstance(theirs, SetProse)
        if mine.field != theirs.field or other._last - self._last > TYPING_PAUSE:
            return False
        self.edit = SetProse(mine.field, mine.old, theirs.new)
        self._last = other._last
        if self.edit.old == self.edit.new:
            self.setObsolete(True)  # typed and deleted again: nothing left to undo
        return True
