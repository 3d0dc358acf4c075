"""Autosave: edits queue up and a timer writes them, so no keystroke ever waits for the disk.

The timer starts when the first edit arrives and is not restarted by later ones, so an edit
reaches the database at most ``SAVE_DELAY_MS`` (plus one write) after it was made, however
fast the user types. Consecutive changes to the same text or cell are written as one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.edits import Edit, SetCell, SetProse

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300
RETRY_MS = 3000


class SaveState(Enum):
    SAVED = "saved"  # everything is in the database
    PENDING = "pending"  # edits are queued; the timer will write them shortly
    FAILED = "failed"  # the last write failed; it is retried
    STOPPED = "stopped"  # writing cannot go on (the plan was deleted elsewhere)


def coalesce(last: Edit, new: Edit) -> Edit | None:
    """One edit doing what ``last`` then ``new`` do, when they change the same text or cell."""
    if isinstance(last, SetProse) and isinstance(new, SetProse) and last.field == new.field:
        return SetProse(last.field, last.old, new.new)
    if (
        isinstance(last, SetCell)
        and isinstance(new, SetCell)
        and (last.field, last.row, last.column) == (new.field, new.row, new.column)
    ):
        return SetCell(last.field, last.row, last.column, last.old, new.new)
    return None


class AutoSaver(QObject):
    stateChanged = Signal()

    def __init__(self, write: Callable[[list[Edit]], None], parent: QObject | None = None):
        super().__init__(parent)
        self._write = write
        self.pending: list[Edit] = []
        self.state = SaveState.SAVED
        self.error = ""
        self.last_write_ms = 0.0
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def enqueue(self, edit: Edit) -> None:
        merged = coalesce(self.pending[-1], edit) if self.pending else None
        if merged is not None:
            self.pending[-1] = merged
        else:
            self.pending.append(edit)
        if self.state is SaveState.STOPPED:
            return
        if not self._timer.isActive():
            self._timer.start(SAVE_DELAY_MS)
        if self.state is not SaveState.FAILED:
            self._set(SaveState.PENDING)

    def flush(self) -> bool:
        """Write the queue now; True when nothing is left unsaved."""
        self._timer.stop()
        if self.state is SaveState.STOPPED:
            return not self.pending
        if not self.pending:
            self._set(SaveState.SAVED)
            return True
        edits, self.pending = self.pending, []
        started = time.perf_counter()
        try:
            self._write(edits)
        except Exception as exc:  # any failure: keep the edits, say so, try again
            log.exception("autosave failed")
            self.pending = edits + self.pending
            if self.state is not SaveState.STOPPED:
                self.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                self._set(SaveState.FAILED)
                self._timer.start(RETRY_MS)
            return False
        self.last_write_ms = (time.perf_counter() - started) * 1000
        self.error = ""
        self._set(SaveState.SAVED if not self.pending else SaveState.PENDING)
        return not self.pending

    def stop(self, reason: str) -> None:
        self._timer.stop()
        self.error = reason
        self._set(SaveState.STOPPED)

    def _set(self, state: SaveState) -> None:
        changed = state is not self.state
        self.state = state
        if changed or state is SaveState.FAILED:
            self.stateChanged.emit()
