"""File ▸ accounts and plans: new account, new plan, duplicate, delete and bring back a deleted plan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from ..domain.planfile import PlanFileError
from ..domain.policy import NotAllowed
from ..domain.versions import NoteTooLong, NothingToSave, PlanVersion, VersionLabel
from ..services import Conflict
from .flows import Flows
from .i18n import version_name

translate = QCoreApplication.translate


class PlanFlows(Flows):
    def show_history(self):  # type: ignore[no-untyped-def]
        """View ▸ Plan History: the open plan's change log, beside the window."""
        document = self.window.document
        if document is None:
            return None
        from PySide6.QtCore import Qt

        from .history_panel import HistoryDialog

        dialog = HistoryDialog(document, self.lang, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace.changed.connect(dialog.on_changes)
        dialog.show()
        return dialog

    def log_contact(self):  # type: ignore[no-untyped-def]
        """File ▸ Log a Contact (Ctrl+Shift+K): a contact with the customer, into the open plan's log."""
        from .contact_entry import log_contact

        return log_contact(self.window)

    def new_account(self) -> int | None:
        from .dialogs import NewAccountDialog

        managers = sorted({a.manager for a in self.workspace.accounts if a.manager})
        dialog = NewAccountDialog(
            self.lang, self.workspace.account_names(), managers, self.settings.author, self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_account(dialog.account())

    def create_account(self, account) -> int | None:  # type: ignore[no-untyped-def]
        try:
            account_id = self.workspace.add_account(account)
        except Conflict as exc:
            QMessageBox.warning(self.window, translate("Dialogs", "New Account"), str(exc))
            return None
        self.status(translate("MainWindow", "Added the account %1.").replace("%1", account.name), 5000)
        answer = QMessageBox.question(
            self.window,
            translate("Dialogs", "New Account"),
            translate("MainWindow", "Make a plan for %1 now?").replace("%1", account.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.new_plan(account_id)
        return account_id

    def new_plan(self, account_id: int | None = None) -> int | None:
        if account_id is None:
            selected = self.window.navigator.selected_account()
            account_id = selected.id if selected else None
        taken: dict[int, set[int]] = {}
        for s in self.workspace.summaries:
            taken.setdefault(s.account_id, set()).add(s.year)
        from .dialogs import NewPlanDialog

        dialog = NewPlanDialog(self.workspace.accounts, taken, account_id, self.lang, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_plan(
            dialog.account.currentData(), dialog.year.value(), dialog.language.currentData(), dialog.money.unit().code
        )

    def create_plan(self, account_id: int, year: int, language: str, currency: str | None = None) -> int | None:
        try:
            plan_id = self.workspace.new_plan(account_id, year, language, currency)
        except (Conflict, ValueError) as exc:
            QMessageBox.warning(self.window, translate("Dialogs", "New Plan"), str(exc))
            return None
        self.window.open_plan(plan_id)
        self.window.show_section("summary")
        return plan_id

    def change_money_unit(self) -> bool:
        """File ▸ Currency and Unit…: the open plan's unit, its figures converted in one undo step."""
        if self.document is None:
            return False
        from .money_fields import MoneyUnitDialog

        return MoneyUnitDialog(self.document, self.lang, self.window).exec() == QDialog.DialogCode.Accepted

    def save_version(self) -> PlanVersion | None:
        """File ▸ Save as Version…: number the open plan as it is now, with a note."""
        d = self.document
        if d is None:
            return None
        d.flush()  # what the window shows is what the version holds
        title = translate("Dialogs", "Save as Version")
        named = d.plan.version_label
        if not named.draft:
            QMessageBox.information(
                self.window,
                title,
                translate("MainWindow", "Nothing has changed since %1: there is no new version to save.").replace(
                    "%1", version_name(named)
                ),
            )
            return None
        from .dialogs import SaveVersionDialog

        dialog = SaveVersionDialog(d.title, named.number, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            made = self.workspace.portfolio.save_version(d.plan_id, dialog.note.text())
        except (NothingToSave, NoteTooLong, NotAllowed, Conflict) as exc:
            QMessageBox.warning(self.window, title, str(exc))
            return None
        self.status(
            translate("MainWindow", "Saved %1.").replace("%1", version_name(VersionLabel(made.number, False))), 5000
        )
        return made

    def duplicate_plan(self) -> int | None:
        d = self.document
        if d is None:
            return None
        taken = {s.year for s in self.workspace.summaries if s.account_id == d.plan.account.id}
        from .dialogs import DuplicatePlanDialog

        dialog = DuplicatePlanDialog(d.title, taken, d.plan.year, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            plan_id = self.workspace.duplicate(d.plan_id, dialog.year.value())
        except Conflict as exc:
            QMessageBox.warning(self.window, translate("Dialogs", "Duplicate Plan"), str(exc))
            return None
        self.window.open_plan(plan_id)
        return plan_id

    def delete_plan(self, confirm: bool = True) -> None:
        d = self.document
        if d is None:
            return
        if confirm:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("MainWindow", "Delete Plan"),
                translate("MainWindow", "Delete the plan %1?").replace("%1", d.title),
                QMessageBox.StandardButton.Cancel,
                self.window,
            )
            box.setInformativeText(
                translate("MainWindow", "You can bring it back with File ▸ Restore Deleted Plan until you quit.")
            )
            delete = box.addButton(translate("MainWindow", "Delete"), QMessageBox.ButtonRole.DestructiveRole)
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is not delete:
                return
        plan_id = d.plan_id
        deleted = self.workspace.delete(plan_id)
        remaining = self.workspace.summaries
        if remaining:
            self.window.open_plan(remaining[0].id)
        else:
            self.workspace.close_current()
        self.window.info.show_message(
            translate("MainWindow", "Deleted the plan %1.").replace("%1", deleted.title),
            translate("MainWindow", "Restore"),
            lambda: self.restore_plan(deleted),
        )

    def restore_plan(self, deleted=None) -> int | None:  # type: ignore[no-untyped-def]
        if not self.workspace.deleted:
            return None
        try:
            plan_id = self.workspace.restore(deleted)
        except (Conflict, PlanFileError) as exc:
            QMessageBox.warning(self.window, translate("MainWindow", "Restore Deleted Plan"), str(exc))
            return None
        self.window.open_plan(plan_id)
        self.status(translate("MainWindow", "The plan is back."), 5000)
        return plan_id
