"""File ▸ Sync with Team Server: this laptop's portfolio and the team's, merged both ways, off
the GUI thread; and the same in the background every few minutes while the server answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from .tasks import Task

if TYPE_CHECKING:
    from ..sync import SyncReport
    from .main_window import MainWindow

translate = QCoreApplication.translate

EVERY_MS = 5 * 60 * 1000  # a background sync this often, while a server is set
COUNT_MS = 10 * 1000  # how often the status strip counts what is not synced yet


def run_sync(laptop, url: str, task: Task) -> SyncReport:  # type: ignore[no-untyped-def]
    """The sync itself, on the task's thread: the server opened, synced with, closed."""
    from ..services import Portfolio
    from ..sync import sync

    server = Portfolio.open(url)
    try:
        if server.team is None:
            from ..services import DatabaseError

            raise DatabaseError(f"{server.display_name} is not a team server")
        return sync(laptop, server, progress=lambda done, total: task.report(done, f"{done}/{total}"))
    finally:
        server.close()


class SyncFlow(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.timer = QTimer(self, interval=EVERY_MS)
        self.timer.timeout.connect(lambda: self.sync_now(quiet=True))
        self.counter = QTimer(self, interval=COUNT_MS)
        self.counter.timeout.connect(self.show_unsynced)

    def show_unsynced(self) -> None:
        from ..sync import unsynced

        url = self.window.settings.team_server
        portfolio = self.window.workspace.portfolio
        if not url or portfolio.db.path is None:
            return
        try:
            count = unsynced(portfolio)
        except Exception:  # noqa: BLE001 - a count for the status strip; the next one may work
            return
        from ..services import safe_url

        self.window.status.show_unsynced(count, safe_url(url))

    def start_background(self) -> None:
        """Sync now and then every few minutes, when this laptop has a team server set."""
        if self.window.settings.team_server and self.window.workspace.portfolio.db.path is not None:
            self.timer.start()
            self.counter.start()
            self.show_unsynced()
            QTimer.singleShot(2000, lambda: self.sync_now(quiet=True))

    def sync_now(self, quiet: bool = False) -> Task | None:
        portfolio = self.window.workspace.portfolio
        if portfolio.db.path is None:
            if not quiet:
                QMessageBox.information(
                    self.window,
                    translate("Sync", "Sync with Team Server"),
                    translate("Sync", "This window works on the team server itself: there is nothing to sync."),
                )
            return None
        if self.task is not None:  # one at a time
            return None
        url = self.window.settings.team_server
        if not url:
            if quiet:
                return None
            url, ok = QInputDialog.getText(
                self.window,
                translate("Sync", "Sync with Team Server"),
                translate("Sync", "The team server (for example postgresql+psycopg://wang@server/kam_team):"),
                QLineEdit.EchoMode.Normal,
            )
            url = url.strip()
            if not ok or not url:
                return None
            self.window.settings.team_server = url
            self.timer.start()
            self.counter.start()
        self.window.workspace.flush_all()  # what is typed goes with the sync
        self.task = Task(lambda task: run_sync(portfolio, url, task), self)
        self.task.succeeded.connect(lambda report: self._done(report, quiet))
        self.task.failed.connect(lambda why: self._failed(why, quiet))
        self.window.statusBar().showMessage(translate("Sync", "Syncing with the team server…"))
        self.task.start()
        return self.task

    def _finish(self) -> None:
        if self.task is not None:
            self.task.wait()
            self.task.deleteLater()
            self.task = None

    def _done(self, report: SyncReport, quiet: bool) -> None:
        self._finish()
        self.window.workspace.reload_all()
        self.show_unsynced()
        if report.changed or report.conflicts:
            text = translate("Sync", "Synced with the team server: %1 plans from it, %2 to it.")
            text = text.replace("%1", str(len(report.pulled) + len(report.created_here))).replace(
                "%2", str(len(report.pushed) + len(report.created_there))
            )
        else:
            text = translate("Sync", "In sync with the team server.")
        self.window.statusBar().showMessage(text, 8000)
        if report.conflicts or (report.waiting and not quiet):
            lines = [
                translate("Sync", "Changed on both sides — the server's value is in the plan, yours is kept: %1 (%2)")
                .replace("%1", plan)
                .replace("%2", where)
                for plan, where in report.conflicts
            ] + [
                translate("Sync", "Not sent yet — %1: %2").replace("%1", plan).replace("%2", why)
                for plan, why in report.waiting
            ]
            box = QMessageBox(
                QMessageBox.Icon.Information,
                translate("Sync", "Sync with Team Server"),
                text,
                parent=self.window,
            )
            box.setDetailedText("\n".join(lines))
            box.setInformativeText(translate("Sync", "Some changes need a look: see the details."))
            box.open()

    def _failed(self, why: str, quiet: bool) -> None:
        self._finish()
        self.show_unsynced()
        reason = why.split(": ", 1)[-1]
        text = translate("Sync", "Not synced: %1. Work goes on here; the next sync sends it.").replace("%1", reason)
        self.window.statusBar().showMessage(text, 10000)
        if not quiet:
            QMessageBox.warning(self.window, translate("Sync", "Sync with Team Server"), text)
