"""File ▸ the database: Preferences (language, author, database file, backups), switching to
another database, restoring from a backup, and the offer to restore when the file is damaged."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from ..services import DatabaseError
from . import i18n
from .flows import Flows

translate = QCoreApplication.translate


class DatabaseFlows(Flows):
    @functools.cached_property
    def syncing(self):  # type: ignore[no-untyped-def]
        """File ▸ Sync with Team Server, and the background sync (ui/sync_flow.py)."""
        from .sync_flow import SyncFlow

        return SyncFlow(self.window)

    def preferences(self) -> None:
        from .dialogs import PreferencesDialog

        s = self.settings
        portfolio = self.workspace.portfolio
        local = portfolio.db.path is not None
        dialog = PreferencesDialog(
            s.language,
            s.author,
            s.database,
            self.window.default_database,
            self.window,
            portfolio.backup_days if local else None,
            role=s.role,
            in_use=portfolio.db.display_name,
            trust_roots=s.trust_roots,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        language, author, database = dialog.values()
        if local and dialog.backup_days.value() != portfolio.backup_days:
            try:
                portfolio.backup_days = dialog.backup_days.value()
            except (OSError, ValueError) as exc:
                QMessageBox.warning(self.window, translate("Dialogs", "Preferences"), str(exc))
        s.author, s.role = author, dialog.chosen_role()
        s.trust_roots = dialog.trust_roots.text().strip()
        if database != s.database:
            s.database = database
            self.switch_database(database)
        if language != s.language:
            s.language = language
            if i18n.resolve(language) != self.lang:
                self.window.languageChosen.emit(i18n.resolve(language))
        s.sync()

    def switch_database(self, database: str) -> None:
        if self.window.open_portfolio is None:
            QMessageBox.information(
                self.window,
                translate("Dialogs", "Preferences"),
                translate("MainWindow", "The new database is used from the next start."),
            )
            return
        try:
            portfolio = self.window.open_portfolio(database)
        except Exception as exc:
            QMessageBox.warning(
                self.window,
                translate("Dialogs", "Preferences"),
                translate("MainWindow", "Cannot open %1: %2").replace("%1", database).replace("%2", str(exc)),
            )
            return
        self.workspace.set_portfolio(portfolio)
        if self.window.dashboard is not None:
            self.window.dashboard.portfolio = portfolio
            self.window.dashboard.refresh()
        plans = self.workspace.summaries
        if plans:
            self.window.open_plan(plans[0].id)
        else:
            self.workspace.close_current()

    def restore_from_backup(self, name: str | None = None, confirm: bool = True) -> bool:
        """File ▸ Restore From Backup…: bring a backup back; the current file is kept aside."""
        title = translate("MainWindow", "Restore From Backup")
        portfolio = self.workspace.portfolio
        try:
            found = portfolio.backups()
        except DatabaseError as exc:
            QMessageBox.warning(self.window, title, str(exc))
            return False
        if not found:
            QMessageBox.information(
                self.window, title, translate("MainWindow", "There are no backups of this database yet.")
            )
            return False
        if name is None:
            after_changes = translate("MainWindow", "after changes")
            labels = [
                f"{b.made_at.astimezone():%Y-%m-%d %H:%M}  ({b.reason or after_changes})  {b.name}" for b in found
            ]
            label, ok = QInputDialog.getItem(
                self, title, translate("MainWindow", "Bring back the database as it was at:"), labels, 0, False
            )
            if not ok:
                return False
            name = found[labels.index(label)].name
        if confirm:
            answer = QMessageBox.question(
                self.window,
                title,
                translate(
                    "MainWindow",
                    "Replace the database with the backup %1? The current file is kept as a backup first,"
                    " so this can be undone by restoring that one.",
                ).replace("%1", name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.workspace.flush_all()
        try:
            _chosen, aside = portfolio.restore_backup(name)
        except DatabaseError as exc:
            QMessageBox.warning(self.window, title, str(exc))
            return False
        self.workspace.set_portfolio(portfolio)
        plans = self.workspace.summaries
        if plans:
            self.window.open_plan(plans[0].id)
        else:
            self.workspace.close_current()
        self.window.info.show_message(
            translate("MainWindow", "Restored %1. The file it replaced is kept as %2.")
            .replace("%1", name)
            .replace("%2", aside.name)
        )
        return True

    def offer_restore_if_damaged(self) -> None:
        """At start: a damaged database is open read-only; offer the newest backup."""
        db = self.workspace.portfolio.db
        if not db.damaged:
            return
        title = translate("MainWindow", "The database is damaged")
        text = (
            translate(
                "MainWindow",
                "%1 is damaged (%2). It is open read-only: nothing will be written to it.",
            )
            .replace("%1", db.display_name)
            .replace("%2", db.damaged)
        )
        try:
            newest = self.workspace.portfolio.backups()
        except DatabaseError:
            newest = []
        if not newest:
            QMessageBox.warning(
                self.window, title, text + " " + translate("MainWindow", "There is no backup to restore.")
            )
            return
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.window)
        restore = box.addButton(
            translate("MainWindow", "Restore the Backup of %1").replace(
                "%1", f"{newest[0].made_at.astimezone():%Y-%m-%d %H:%M}"
            ),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(translate("MainWindow", "Open Read-Only"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is restore:
            self.restore_from_backup(newest[0].name, confirm=False)
