"""Keyboard findings of issue 11: the search box reaches its results, Ctrl+PgDn lands in the page,
Ctrl+Y redoes everywhere, the Shortcuts dialog shows keys without "&" and covers tables and text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kamplanner.ui.help_dialogs import shortcuts_html

from .conftest import GRID


def test_down_enter_and_esc_in_the_search_box(window, qtbot):
    search = window.navigator.search
    window.find()
    search.setText("江南")  # (QTest cannot type Chinese: it aborts on keys without a key code)
    QTest.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.navigator.tree
    current = window.navigator.tree.currentIndex()
    assert current.isValid() and current.parent().isValid()  # a plan row, under its account
    window.find()
    QTest.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.plan.account.name == GRID, timeout=3000)
    window.find()
    QTest.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""


def test_ctrl_page_down_puts_the_keyboard_in_the_next_page(window, qtbot):
    window.show_section("summary")
    window.actions_by_id["next_section"].trigger()
    assert window.editor.current == "strategy"
    focus = QApplication.focusWidget()
    assert focus is not None and window.editor.page("strategy").isAncestorOf(focus)


def test_ctrl_y_redoes_on_every_platform(window):
    keys = [k.toString() for k in window.actions_by_id["redo"].shortcuts()]
    assert "Ctrl+Y" in keys
    assert QKeySequence(QKeySequence.StandardKey.Redo).toString() in keys


def test_the_shortcuts_dialog_has_no_ampersands_and_tells_the_table_and_text_keys(window):
    text = shortcuts_html(window)
    assert "&amp;Undo" not in text and "&Undo" not in text
    for keys in ("Ctrl+Y", "Ctrl+D", "Ctrl+Tab", "Shift+Tab", "Ctrl+B", "Ctrl+Shift+8"):
        assert keys in text


def test_undo_of_an_edit_on_another_page_shows_that_page_and_says_what(editable_window, qtbot):
    window = editable_window
    window.show_section("summary")
    editor = window.editor.field_widget("summary.strategy").editor
    editor.setFocus()
    QTest.keyClicks(editor, "Undo me ")
    window.show_section("forecast")
    window.undo_action.trigger()
    assert window.editor.current == "summary"
    message = window.statusBar().currentMessage()
    assert message.startswith("Undid: ") and message.endswith("Executive summary")
    window.show_section("team")
    window.redo_action.trigger()
    assert window.editor.current == "summary" and window.statusBar().currentMessage().startswith("Redid: ")
