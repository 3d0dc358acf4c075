"""Dialogs: new account, new plan, duplicate, preferences, and the problems of a bad plan file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.actor import Role, os_user
from ..domain.model import Account
from ..domain.values import ValueProblem
from ..domain.versions import MAX_NOTE, VersionLabel
from . import i18n
from .account_fields import AccountFields, account_labels, name_problem
from .money_fields import MoneyUnitFields

translate = QCoreApplication.translate


def _buttons(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewAccountDialog(QDialog):
    def __init__(
        self, lang: str, names_in_use: set[str], managers: list[str], author: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "New Account"))
        self.names_in_use = names_in_use
        self.fields = AccountFields(lang, managers)
        self.name = self.fields.name
        self.tier = self.fields.tier
        self.industry = self.fields.industry
        self.manager = self.fields.manager
        self.manager.setText(author)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        form = QFormLayout()
        self.fields.add_to(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, translate("Dialogs", "Add Account")))
        self.setMinimumWidth(440)

    def account(self) -> Account:
        f = self.fields
        return Account(
            name=f.name.text().strip(),
            tier=f.tier_value(),
            industry=f.industry.text().strip(),
            region=f.region.text().strip(),
            scope=f.scope_value(),
            customer_since=f.since_value(),
            annual_revenue=f.revenue_value(),
            manager=f.manager.text().strip(),
        )

    def accept(self) -> None:
        problem = name_problem(self.name.text().strip(), self.names_in_use)
        if problem:
            self._refuse(problem, self.name)
            return
        try:
            self.fields.revenue_value()
        except ValueProblem as exc:
            self._refuse(f"{account_labels()['annual_revenue']}: {exc}", self.fields.annual_revenue)
            return
        super().accept()

    def _refuse(self, message: str, field: QWidget) -> None:
        self.problem.setText(message)
        self.problem.setVisible(True)
        field.setFocus()


class NewPlanDialog(QDialog):
    """Which account, which year, which language; the year defaults to the first one without a plan."""

    def __init__(
        self,
        accounts: list[Account],
        years_taken: dict[int, set[int]],
        chosen_account: int | None,
        lang: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "New Plan"))
        self.years_taken = years_taken
        self.account = QComboBox()
        self.account.setEditable(False)
        for a in accounts:
            self.account.addItem(a.name, a.id)
        if chosen_account is not None:
            self.account.setCurrentIndex(max(0, self.account.findData(chosen_account)))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.language = QComboBox()
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(self.language.findData(lang))
        self.money = MoneyUnitFields(lang)  # the unit of every money figure; Currency and Unit… changes it later
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setVisible(False)
        form = QFormLayout()
        for text, widget in (
            (translate("Dialogs", "Account"), self.account),
            (translate("PlanEditor", "Planning year"), self.year),
            (translate("PlanEditor", "Language of the plan"), self.language),
            (translate("PlanEditor", "Money unit"), self.money),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        hint = QLabel(translate("Dialogs", "The plan starts empty in the planning and preparation phase."))
        hint.setObjectName("guidance")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, translate("Dialogs", "Create Plan")))
        self.account.currentIndexChanged.connect(self._suggest_year)
        self._suggest_year()
        self.setMinimumWidth(420)

    def _suggest_year(self) -> None:
        taken = self.years_taken.get(self.account.currentData(), set())
        year = dt.date.today().year + 1
        if taken:
            year = max(taken) + 1
        while year in taken:
            year += 1
        self.year.setValue(year)

    def accept(self) -> None:
        if self.account.currentData() is None:
            self.problem.setText(translate("Dialogs", "Add an account first (File ▸ New Account…)."))
            self.problem.setVisible(True)
            return
        if self.year.value() in self.years_taken.get(self.account.currentData(), set()):
            self.problem.setText(
                translate("Dialogs", "This account already has a plan for %1.").replace("%1", str(self.year.value()))
            )
            self.problem.setVisible(True)
            return
        super().accept()


class DuplicatePlanDialog(QDialog):
    def __init__(self, title: str, taken: set[int], year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Duplicate Plan"))
        self.taken = taken
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        suggestion = year + 1
        while suggestion in taken:
            suggestion += 1
        self.year.setValue(suggestion)
        self.year.setAccessibleName(translate("PlanEditor", "Planning year"))
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setVisible(False)
        layout = QVBoxLayout(self)
        text = QLabel(
            translate(
                "Dialogs", "Copy %1 to a new plan for the same account; the copy starts as a draft of version 1."
            ).replace("%1", title)
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        form.addRow(translate("PlanEditor", "Planning year"), self.year)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, translate("Dialogs", "Duplicate")))

    def accept(self) -> None:
        if self.year.value() in self.taken:
            self.problem.setText(
                translate("Dialogs", "This account already has a plan for %1.").replace("%1", str(self.year.value()))
            )
            self.problem.setVisible(True)
            return
        super().accept()


class SaveVersionDialog(QDialog):
    """File ▸ Save as Version…: the plan as it is now becomes its next version, with a note."""

    def __init__(self, title: str, number: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Save as Version"))
        named = i18n.version_name(VersionLabel(number, False))
        text = QLabel(
            translate(
                "Dialogs",
                "Save %1 as it is now as %2. Autosaves go on as before; the version stays as it is, "
                "and its number and fingerprint go on its PDF.",
            )
            .replace("%1", title)
            .replace("%2", named)
        )
        text.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(translate("Dialogs", "What this version is for, e.g. sent to the customer"))
        self.note.setAccessibleName(translate("Dialogs", "Note"))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        form = QFormLayout()
        form.addRow(translate("Dialogs", "Note"), self.note)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, translate("Dialogs", "Save Version")))
        self.setMinimumWidth(420)


class PreferencesDialog(QDialog):
    """Language, the author's name and where the database is: kept with QSettings."""

    def __init__(
        self,
        language: str,
        author: str,
        database: str,
        default_database: str,
        parent: QWidget | None = None,
        backup_days: int | None = None,
        role: str = Role.ACCOUNT_MANAGER.value,
        in_use: str = "",
        trust_roots: str = "",
    ):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Preferences"))
        self.backup_days = QSpinBox()
        self.backup_days.setRange(1, 3650)
        self.backup_days.setSuffix(translate("Dialogs", " days"))
        self.backup_days.setValue(backup_days or 14)
        self.backup_days.setEnabled(backup_days is not None)
        self.language = QComboBox()
        self.language.addItem(translate("Dialogs", "Follow the system"), "system")
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.author = QLineEdit(author)
        self.author.setPlaceholderText(os_user())
        self.author.setToolTip(
            translate("Dialogs", "The name your changes are recorded under; empty: your user name on this computer.")
        )
        self.role = QComboBox()
        for value, text in (
            (Role.ACCOUNT_MANAGER, translate("Dialogs", "Account manager")),
            (Role.SENIOR_MANAGER, translate("Dialogs", "Senior manager")),
            (Role.ADMIN, translate("Dialogs", "Administrator")),
        ):
            self.role.addItem(text, value.value)
        self.role.setCurrentIndex(max(0, self.role.findData(role)))
        self.database = QLineEdit(database)
        self.database.setPlaceholderText(default_database)
        browse = QPushButton(translate("Dialogs", "Choose…"))
        browse.clicked.connect(self._browse)
        db_row = QHBoxLayout()
        db_row.addWidget(self.database, 1)
        db_row.addWidget(browse)
        form = QFormLayout()
        for text, widget in (
            (translate("Dialogs", "Language"), self.language),
            (translate("Dialogs", "Author name"), self.author),
            (translate("Dialogs", "Role"), self.role),
        ):
            widget.setAccessibleName(text)
            form.addRow(text, widget)
        self.database.setAccessibleName(translate("Dialogs", "Database file"))
        form.addRow(translate("Dialogs", "Database file"), db_row)
        # What this window works on now (from --db or KAMPLANNER_DB it may not be the one above).
        self.in_use = QLabel(translate("Dialogs", "In use now: %1").replace("%1", in_use))
        self.in_use.setObjectName("guidance")
        self.in_use.setWordWrap(True)
        self.in_use.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.in_use.setVisible(bool(in_use))
        form.addRow("", self.in_use)
        keep = translate("Dialogs", "Keep backups for")
        self.backup_days.setAccessibleName(keep)
        self.backup_days.setToolTip(
            translate(
                "Dialogs",
                "A backup of the database is made beside it before every upgrade and at most hourly after changes;"
                " those of the last days are kept (and always the newest three).",
            )
        )
        form.addRow(keep, self.backup_days)
        self.trust_roots = QLineEdit(trust_roots)
        trusted = translate("Dialogs", "Trusted root certificates")
        self.trust_roots.setAccessibleName(trusted)
        self.trust_roots.setPlaceholderText(translate("Dialogs", "A folder of your organisation's CA certificates"))
        self.trust_roots.setToolTip(
            translate(
                "Dialogs",
                "A reviewer's signature on a review copy is verified only when their certificate chains to one of"
                " the certificates (*.pem, *.crt, *.cer, *.der) in this folder; otherwise it is shown as not verified.",
            )
        )
        choose_roots = QPushButton(translate("Dialogs", "Choose…"))
        choose_roots.clicked.connect(self._browse_roots)
        roots_row = QHBoxLayout()
        roots_row.addWidget(self.trust_roots, 1)
        roots_row.addWidget(choose_roots)
        form.addRow(trusted, roots_row)
        hint = QLabel(
            translate(
                "Dialogs",
                "Leave the database empty for the usual place. A new file starts with the demo portfolio."
                " The --db option and the KAMPLANNER_DB variable take precedence.",
            )
        )
        hint.setObjectName("guidance")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(_buttons(self))
        self.setMinimumWidth(560)

    def _browse_roots(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("Dialogs", "Trusted root certificates"), self.trust_roots.text() or str(Path.home())
        )
        if folder:
            self.trust_roots.setText(folder)

    def _browse(self) -> None:
        start = self.database.text() or self.database.placeholderText()
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("Dialogs", "Database file"),
            start,
            translate("Dialogs", "kamplanner database (*.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(str(Path(path)))

    def values(self) -> tuple[str, str, str]:
        return self.language.currentData(), self.author.text().strip(), self.database.text().strip()

    def chosen_role(self) -> str:
        """The role chosen (a Role's value): the one the app acts in."""
        return str(self.role.currentData())


class ProblemsDialog(QDialog):
    """Every problem of a file that could not be imported, one per line with its path."""

    def __init__(self, title: str, intro: str, problems: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.details = QPlainTextEdit("\n".join(problems))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setAccessibleName(translate("Dialogs", "Problems"))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self.details.setFocus(Qt.FocusReason.OtherFocusReason)
