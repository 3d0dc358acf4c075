"""Slow work off the GUI thread, through one helper: a preview render, an export, a batch.

``Task(work)`` runs ``work(task)`` on a thread of its own; the work may say how far it got
(``task.report``) and look whether the user cancelled (``task.cancelled``). Its result or the
error that stopped it comes back to the GUI thread as a signal. ``run_and_wait`` runs one while
the window keeps painting, for a step the user waits for anyway (Export PDF…).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QThread, Signal


class TaskFailed(RuntimeError):
    """The work raised; the message says what (the type of the error, then its text)."""


class Task(QThread):
    progressed = Signal(int, str)  # how many are done, what is being done now
    succeeded = Signal(object)  # what the work returned
    failed = Signal(str)  # what stopped it, one line

    def __init__(self, work: Callable[[Task], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def run(self) -> None:
        try:
            result = self._work(self)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, shown to the user
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)

    # ---- for the work, on its thread

    def report(self, done: int, text: str = "") -> None:
        self.progressed.emit(done, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    # ---- for the GUI

    def cancel(self) -> None:
        self._cancel.set()


def run_and_wait(work: Callable[[Task], Any], parent: QObject | None = None) -> Any:
    """Run ``work`` on a task and wait for it in a local event loop, so the window keeps
    painting; returns what it returned, raises TaskFailed with what stopped it."""
    result: dict[str, Any] = {}
    task = Task(work, parent)
    task.succeeded.connect(lambda value: result.setdefault("value", value))
    task.failed.connect(lambda message: result.setdefault("error", message))
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    task.start()
    if not task.isFinished():
        loop.exec()
    task.wait()
    task.deleteLater()
    if "error" in result:
        raise TaskFailed(result["error"])
    return result.get("value")
