"""Layouts survive longer words: every interface string stretched by half (as German or a long
Chinese phrase would be), on a 1366 × 768 laptop screen, with the cycle panel open."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from .conftest import plan_id_named

STRETCH = 0.5  # each string half as long again


class Stretched(QTranslator):
    """Every translated string, longer: the words repeated to half again their length."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        if not source or "%" in source or "&" in source or "<" in source:
            return source.replace("%n", str(n)) if n >= 0 and "%n" in source else ""  # (let Qt do its own)
        extra = max(2, int(len(source) * STRETCH))
        return source + " " + (source * 3)[:extra].strip()

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def stretched(qapp, ui_language):
    translator = Stretched()
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_the_window_with_the_cycle_panel_fits_a_laptop_screen_in_longer_words(
    stretched, make_window, demo_portfolio, qtbot
):
    window = make_window(demo_portfolio)
    window.resize(1366, 768)
    window.show_cycle()
    for tab in range(window.cycle_panel.tabs.count()):
        window.cycle_panel.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert window.width() <= 1366 and window.height() <= 768, window.cycle_panel.tabs.tabText(tab)
    assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 768
    assert "Planning Cycle" in window.cycle_dock.windowTitle() and len(window.cycle_dock.windowTitle()) > len(
        "Planning Cycle"
    )


def test_the_progress_review_dialog_scrolls_and_keeps_its_buttons_on_a_768_px_screen(
    stretched, make_window, demo_portfolio, qtbot
):
    from PySide6.QtWidgets import QDialogButtonBox

    from kamplanner.ui.cycle.monitoring import ProgressDialog

    window = make_window(demo_portfolio)
    window.open_plan(plan_id_named(demo_portfolio, "浦瀚联合银行"))
    dialog = ProgressDialog(window.document.plan, "en", dt.date(2026, 12, 3), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    available = dialog.screen().availableGeometry()
    assert dialog.height() <= available.height() and dialog.height() <= 768
    buttons = dialog.findChild(QDialogButtonBox)
    bottom = buttons.mapTo(dialog, buttons.rect().bottomLeft()).y()
    assert bottom <= dialog.height()  # OK and Cancel inside the dialog, not below the screen
