"""Keep PySide6 6.12 from freeing None, True and False on Python 3.11.

Measured with the PySide6 6.12.0 wheels: every call of a Qt method that returns nothing
(``label.setText``, ``timer.start``…) hands back ``None`` without taking a reference, and
``SignalInstance.emit``/``disconnect`` do the same with ``True``/``False``. On Python 3.12+
those three objects are immortal and nothing happens; on 3.11 each call takes one reference
away, and after some tens of thousands of calls (a few minutes of typing, or switching plans
a hundred times) the interpreter aborts with "none_dealloc: deallocating None".

The probe below checks whether the installed PySide6 has the fault and, only then, gives the
three singletons so many references that no session can use them up: what Python 3.12 does
by making them immortal (PEP 683). It runs once, before anything else in kamplanner.ui.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

RESERVE = 1 << 40  # references added: more than any process could ever drop


class _Probe(QObject):
    ping = Signal()


def _references() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def _drops_references() -> bool:
    probe = _Probe()
    before = _references()
    for _ in range(16):
        probe.setObjectName("probe")  # returns nothing
        probe.ping.emit()  # returns a bool
    after = _references()
    return sum(before) - sum(after) >= 16


def _reserve(obj: object) -> None:
    # ob_refcnt is the first field of every object in CPython before 3.12.
    ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE


def _install() -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not _drops_references():
        return False
    for singleton in (None, True, False):
        _reserve(singleton)
    return True


PATCHED = _install()
