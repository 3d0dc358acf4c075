"""Putting data on the clipboard without crashing PySide6 at exit.

Measured with PySide6 6.12: a QMimeData made in Python and given to the clipboard with
``setMimeData`` makes the process die with SIGSEGV when the application is destroyed (both
sides free it), even once the Python name for it is gone. Before the application goes,
``release`` puts the same text back through ``setText``, whose data Qt makes and frees itself;
what was copied stays on the clipboard as text, which Excel, WPS and Word all read.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

_put: list[QMimeData] = []  # the data this process put on the clipboard last


def put(text: str, html: str = "") -> None:
    """Text (and, for applications that read it, HTML) on the clipboard."""
    data = QMimeData()
    data.setText(text)
    if html:
        data.setHtml(html)
    _put[:] = [data]
    QGuiApplication.clipboard().setMimeData(data)


def release() -> None:
    """Hand the clipboard's data over to Qt before the application is destroyed."""
    app = QGuiApplication.instance()
    if app is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    # (ownsClipboard() is False on platforms without a system clipboard, such as offscreen)
    if data is not None and (clipboard.ownsClipboard() or any(data is ours for ours in _put)):
        clipboard.setText(data.text())
    _put.clear()
