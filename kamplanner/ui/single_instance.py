"""A second start on the same database brings the running window to the front.

QtNetwork is loaded only when a socket is made: a start works out its key before it shows its
window, and listens once the window is up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

RAISE = b"raise\n"


def activation_key(db_path: Path) -> str:
    """A local socket name for one database file (short: some systems cap socket paths)."""
    return "kamplanner-" + hashlib.sha256(str(db_path.resolve()).encode("utf-8")).hexdigest()[:20]


def ask_running_app_to_show(key: str, timeout_ms: int = 2000) -> bool:
    """Tell the app listening on ``key`` to raise its window; False when none answers."""
    from PySide6.QtNetwork import QLocalSocket

    if QCoreApplication.instance() is None:
        _app = QCoreApplication([])  # noqa: F841 - a local socket wants an application object
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(RAISE)
    done = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return done


class ActivationServer(QObject):
    def __init__(self, key: str, window: Callable[[], QWidget], parent: QObject | None = None):
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self.key = key
        self._window = window
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def start(self) -> bool:
        type(self.server).removeServer(self.key)  # a socket file left by a killed app
        return self.server.listen(self.key)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(RAISE.strip()):
            window = self._window()
            window.setWindowState(window.windowState() & ~QtCore.Qt.WindowState.WindowMinimized)
            window.show()
            window.raise_()
            window.activateWindow()
