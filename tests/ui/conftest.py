"""GUI test fixtures: isolated settings, a document over a demo plan, the real main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

import kamplanner.ui  # noqa: F401  - its PySide6 6.12 refcount guard, before any Qt call


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own settings file; the user's real preferences are never touched."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.delenv("KAMPLANNER_DB", raising=False)
    yield folder
    from PySide6.QtGui import QGuiApplication

    from .helpers import forget_pending_answers

    forget_pending_answers()
    if QGuiApplication.instance() is not None:
        # A QMimeData made in Python left on the clipboard crashes PySide6 at exit (see
        # kamplanner/ui/clipboard.py); tests put theirs there directly.
        QGuiApplication.clipboard().setText("")


@pytest.fixture
def ui_language(qapp):
    """English interface strings unless a test asks for another language."""
    from kamplanner.ui import i18n

    i18n.install("en")
    yield "en"
    i18n.install("en")


def plan_id_named(portfolio, account: str, year: int | None = None) -> int:
    for summary in portfolio.list_plans():
        if summary.account == account and (year is None or summary.year == year):
            return summary.id
    raise LookupError(account)


GRID = "江南省电网有限公司"
JADEWAVE = "Jadewave Electronics Group"


def send_back(portfolio, plan_id: int) -> None:
    """A plan under senior review sent back for changes, so its account manager may edit it again."""
    import datetime as dt

    from kamplanner.domain.cycle import Decision, Review

    version = portfolio.load_plan(plan_id).version
    portfolio.record_review(
        plan_id,
        Review("Helen Zhou", "VP", dt.date(2026, 11, 23), version, Decision.CHANGES_REQUESTED, 3, summary="more"),
    )


@pytest.fixture
def document(qapp, ui_language, demo_portfolio):
    from kamplanner.ui.document import PlanDocument

    plan_id = plan_id_named(demo_portfolio, JADEWAVE)
    send_back(demo_portfolio, plan_id)  # under review it is read-only for its account manager
    plan = demo_portfolio.load_plan(plan_id)
    doc = PlanDocument(demo_portfolio, plan)
    yield doc
    doc.flush()


@pytest.fixture
def make_window(qtbot, ui_language):
    """Build the real main window on a portfolio, as the app does (fonts, settings, workspace)."""
    from kamplanner.ui.application import create_application
    from kamplanner.ui.main_window import MainWindow
    from kamplanner.ui.settings import Settings
    from kamplanner.ui.workspace import Workspace

    create_application()
    built = []

    def make(portfolio):
        window = MainWindow(Workspace(portfolio), Settings())
        qtbot.addWidget(window)
        window.start()
        window.show()
        qtbot.waitExposed(window)
        with qtbot.waitActive(window):  # keys typed next go where the focus is, as for a person at the screen
            window.activateWindow()
        built.append(window)
        return window

    yield make
    for window in built:
        window.workspace.flush_all()
        if window.preview is not None:
            window.preview.wait()


@pytest.fixture
def window(make_window, demo_portfolio):
    """The window on the demo portfolio; the plan it opens is under senior review, so read-only."""
    return make_window(demo_portfolio)


@pytest.fixture
def editable_window(make_window, demo_portfolio):
    """The window on the demo portfolio, its plan sent back from review so it may be edited."""
    send_back(demo_portfolio, plan_id_named(demo_portfolio, JADEWAVE))
    return make_window(demo_portfolio)
