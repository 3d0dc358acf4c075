"""Autosave: a timer writes the editing session's unsaved edits, so no keystroke ever waits
for the disk.

The timer starts when the first edit arrives and is not restarted by later ones, so an edit
reaches the database at most ``SAVE_DELAY_MS`` (plus one write) after it was made, however
fast the user types. The session's queue merges consecutive changes to one text or cell.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QObject, QTimer, Signal

from ..domain.editing import EditingSession, coalesce
from ..domain.edits import Edit

__all__ = ["RETRY_MS", "SAVE_DELAY_MS", "AutoSaver", "SaveState", "coalesce"]

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 300
RETRY_MS = 3000
WRITE_ROUNDS = 3


class SaveState(Enum):
    SAVED = "saved"  # everything is in the database
    PENDING = "pending"  # edits are queued; the timer will write them shortly
    FAILED = "failed"  # the last write failed; it is retried
    STOPPED = "stopped"  # writing cannot go on (the plan was deleted elsewhere)


class AutoSaver(QObject):
    stateChanged = Signal()

    def __init__(self, session: EditingSession, write: Callable[[list[Edit]], None], parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._write = write
        self.state = SaveState.SAVED
        self.error = ""
        self.last_write_ms = 0.0
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> list[Edit]:
        return self.session.pending

    def schedule(self) -> None:
        """The session has new unsaved edits: write them shortly."""
        if self.state is SaveState.STOPPED:
            return
        if not self._timer.isActive():
            self._timer.start(SAVE_DELAY_MS)
        if self.state is not SaveState.FAILED:
            self._set(SaveState.PENDING)

    def flush(self) -> bool:
        """Write the queue now; True when nothing is left unsaved."""
        self._timer.stop()
        # A write that met a newer stored version leaves the edits that fitted pending on it:
        # they are written in the next round, at once.
        for _ in range(WRITE_ROUNDS):
            if self.state is SaveState.STOPPED:
                return not self.pending
            if not self.pending:
                self._set(SaveState.SAVED)
                return True
            if not self._write_once():
                return False
        self._set(SaveState.PENDING)  # changed elsewhere on every round: try again shortly
        self._timer.start(SAVE_DELAY_MS)
        return False

    def _write_once(self) -> bool:
        edits = self.session.take_pending()
        started = time.perf_counter()
        try:
            self._write(edits)
        except Exception as exc:  # any failure: keep the edits, say so, try again
            log.exception("autosave failed")
            self.session.put_back(edits)
            if self.state is not SaveState.STOPPED:
                self.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                self._set(SaveState.FAILED)
                self._timer.start(RETRY_MS)
            return False
        self.last_write_ms = (time.perf_counter() - started) * 1000
        self.error = ""
        return True

    def stop(self, reason: str) -> None:
        self._timer.stop()
        self.error = reason
        self._set(SaveState.STOPPED)

    def _set(self, state: SaveState) -> None:
        changed = state is not self.state
        self.state = state
        if changed or state is SaveState.FAILED:
            self.stateChanged.emit()
