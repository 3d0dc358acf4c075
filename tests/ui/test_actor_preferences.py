"""Preferences name the actor: the author's name (else the OS user) in the role chosen."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from kamplanner.domain.actor import Actor, Role, os_user
from kamplanner.services import Portfolio
from kamplanner.ui.settings import Settings


def test_the_actor_defaults_to_the_os_user_as_account_manager_and_follows_the_settings(qapp, db):
    settings = Settings()
    assert settings.actor() == Actor(os_user(), Role.ACCOUNT_MANAGER)
    portfolio = Portfolio(db, settings.actor)
    settings.author, settings.role = "周海峰", Role.SENIOR_MANAGER.value
    assert portfolio.actor == Actor("周海峰", Role.SENIOR_MANAGER)  # read at each use case
    settings.role = "boss"  # a hand-edited settings file
    assert settings.actor() == Actor(os_user(), Role.ACCOUNT_MANAGER)


def test_the_preferences_dialog_sets_the_name_and_the_role_the_app_acts_as(window, qtbot):
    window.settings.author = ""

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        assert dialog.author.placeholderText() == os_user()
        dialog.author.setText("Helen Zhou")
        dialog.role.setCurrentIndex(dialog.role.findData(Role.SENIOR_MANAGER.value))
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.database.preferences()
    assert (window.settings.author, window.settings.role) == ("Helen Zhou", "senior_manager")
    assert Settings().actor() == Actor("Helen Zhou", Role.SENIOR_MANAGER)
