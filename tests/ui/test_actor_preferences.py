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


def test_the_trusted_roots_folder_is_set_in_preferences_and_used_for_dropped_signed_copies(window, qtbot, tmp_path):
    from tests.certificates import make_cert
    from tests.test_send_for_review import sign_as_reviewer
    from tests.ui.conftest import GRID, plan_id_named
    from tests.ui.test_portfolio_actions import drop_files

    roots = tmp_path / "roots"
    roots.mkdir()
    cert = make_cert(tmp_path, "helen", "Helen Zhou", "pw", "Northwind Group")
    (roots / "northwind.pem").write_bytes(cert.pem.read_bytes())

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        dialog.trust_roots.setText(str(roots))
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.database.preferences()
    assert window.settings.trust_roots == str(roots)

    portfolio = window.workspace.portfolio
    plan_id = plan_id_named(portfolio, GRID)
    _, copy = portfolio.send_for_review(plan_id, "en")
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(sign_as_reviewer(copy, cert))
    drop_files(window, [signed])
    qtbot.waitUntil(lambda: window.info.isVisible() and "Signed off" in window.info.text.text())
    assert "chains to a trusted root" in window.info.text.text()
