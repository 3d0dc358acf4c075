"""Desktop conventions: standard shortcuts, tab order, accessible names, the bundled font."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTextEdit,
)


def test_standard_shortcuts(window):
    def keys(action):
        return {k.toString() for k in action.shortcuts()}

    assert keys(window.undo_action) >= {QKeySequence(QKeySequence.StandardKey.Undo).toString()}
    assert keys(window.redo_action) & {k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)}
    assert "Ctrl+F" in keys(window.find_action)
    assert "Ctrl+N" in keys(window.new_plan_action)
    assert "Ctrl+E" in keys(window.export_pdf_action)
    assert keys(window.preferences_action) and keys(window.quit_action)
    assert "Ctrl+Shift+P" in keys(window.preview_action)


def test_every_control_has_a_name_for_screen_readers(window):
    for key in ("account", "summary", "strategy", "objectives", "action_plan", "team", "forecast", "appendix"):
        window.show_section(key)
    QApplication.processEvents()
    unnamed = []
    for widget in (
        window.findChildren(QLineEdit)
        + window.findChildren(QComboBox)
        + window.findChildren(QTextEdit)
        + window.findChildren(QAbstractItemView)
        + window.findChildren(QSpinBox)
    ):
        if (
            not widget.isVisibleTo(window)
            or isinstance(widget, QHeaderView)
            or isinstance(widget.parent(), (QComboBox, QSpinBox))
        ):
            continue
        buddy = any(label.buddy() is widget for label in window.findChildren(QLabel))
        if not (widget.accessibleName() or buddy or widget.toolTip()):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()} in {type(widget.parent()).__name__}")
    assert unnamed == []


def test_tab_moves_through_a_page_in_reading_order(window, qtbot):
    window.show_section("summary")
    first = window.editor.field_widget("summary.strategy").editor
    second = window.editor.field_widget("summary.objectives").editor
    before = window.document.plan.text("summary.strategy")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is second
    assert "\t" not in first.toPlainText() and window.document.plan.text("summary.strategy") == before  # no tab typed


def test_the_bundled_font_draws_chinese(window):
    font = QApplication.font()
    assert font.family() == "Noto Sans SC"
    assert QFontInfo(window.editor.title.font()).family() == "Noto Sans SC"


def test_on_a_1366_by_768_screen_the_cycle_panel_does_not_push_the_window_wider(window, qtbot):
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=2000)
    window.show_cycle()
    qtbot.wait(50)
    assert window.width() <= 1366 and window.height() <= 768
    assert window.minimumSizeHint().width() <= 1366
    editor = window.editor
    assert editor.width() >= 400  # the plan stays readable beside the panel


def test_the_window_opens_no_larger_than_the_screen(window):
    from kamplanner.ui.application import default_size

    available = window.screen().availableGeometry()
    width, height = default_size(window)
    assert width <= available.width() and height <= available.height()


def test_an_unnamed_stakeholder_is_shown_as_having_no_name_yet_never_as_its_row_key(window, qtbot):
    import datetime as dt

    from PySide6.QtWidgets import QLabel

    from kamplanner.domain.model import Record
    from kamplanner.domain.template import STAKEHOLDERS
    from kamplanner.ui.cycle.monitoring import ProgressDialog

    plan = window.document.plan.copy()
    plan.tables[STAKEHOLDERS] = [*plan.rows(STAKEHOLDERS), Record("s99", {})]
    dialog = ProgressDialog(plan, "en", dt.date(2026, 12, 3), window)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "(no name yet)" in labels and "s99" not in labels  # the map's boxes use the same cells.person_name


def test_dialog_titles_have_room_to_be_read_whole(window, qtbot):
    from kamplanner.ui.forecast_grid import AddLineDialog

    dialog = AddLineDialog(["East"], ["Cloud"], "en", window)
    qtbot.addWidget(dialog)
    title = f"{dialog.windowTitle()} — kamplanner"
    assert dialog.minimumWidth() >= dialog.fontMetrics().horizontalAdvance(title) + 100


def test_preferences_say_which_database_is_in_use(window, qtbot, demo_portfolio):
    from kamplanner.ui.dialogs import PreferencesDialog

    from .helpers import when_shown

    seen = []

    def look(dialog):
        seen.append(dialog.in_use.text())
        dialog.reject()

    when_shown(PreferencesDialog, look)
    window.preferences_action.trigger()
    assert seen == [f"In use now: {demo_portfolio.db.display_name}"]
    assert str(demo_portfolio.db.path) in seen[0]


def test_at_1280_by_700_every_cycle_tab_fits_beside_a_readable_editor(window, qtbot):
    window.resize(1280, 700)
    qtbot.waitUntil(lambda: window.width() == 1280, timeout=2000)
    window.show_cycle()
    for tab in range(window.cycle_panel.tabs.count()):
        window.cycle_panel.tabs.setCurrentIndex(tab)
        qtbot.wait(10)
        assert (window.width(), window.height()) == (1280, 700), window.cycle_panel.tabs.tabText(tab)
        assert window.editor.width() >= 450
