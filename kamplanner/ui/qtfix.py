"""Work around PySide6 6.12 handing back True/False without a reference from Python-side
``SignalInstance.emit()`` and ``SignalInstance.disconnect()``.

On Python 3.11 True and False are ordinary reference-counted objects: each such call takes
one reference away, and after some thousands of emits (a few minutes of typing) the
interpreter aborts with "bool_dealloc: deallocating True or False". The probe below checks
whether the installed PySide6 has the fault and, only then, wraps the two methods to give the
reference back. It is imported before anything else in kamplanner.ui.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _leaks(call) -> bool:  # type: ignore[no-untyped-def]
    probe = _Probe()
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(8):
        call(probe)
    return sys.getrefcount(True) + sys.getrefcount(False) <= before - 6


def _slot() -> None:
    pass


def _install() -> list[str]:
    patched: list[str] = []
    if _leaks(lambda p: p.ping.emit()):
        original_emit = SignalInstance.emit

        def emit(self, *args):  # type: ignore[no-untyped-def]
            result = original_emit(self, *args)
            if result is True or result is False:
                _incref(result)
            return result

        SignalInstance.emit = emit  # type: ignore[method-assign]
        patched.append("emit")

    def connect_then_disconnect(p: _Probe) -> None:
        p.ping.connect(_slot)
        p.ping.disconnect(_slot)

    if _leaks(connect_then_disconnect):
        original_disconnect = SignalInstance.disconnect

        def disconnect(self, *args):  # type: ignore[no-untyped-def]
            result = original_disconnect(self, *args)
            if result is True or result is False:
                _incref(result)
            return result

        SignalInstance.disconnect = disconnect  # type: ignore[method-assign]
        patched.append("disconnect")
    return patched


PATCHED = _install()
