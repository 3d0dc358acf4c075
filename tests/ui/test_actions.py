"""The window's commands come from one table: the menus and the keyboard-shortcuts dialog show
the same commands with the same keys, no two commands share a key, and each runs its handler."""

from __future__ import annotations

import html
import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from kamplanner.ui.help_dialogs import plain

from .helpers import when_shown

NATIVE = QKeySequence.SequenceFormat.NativeText


def menu_actions(window) -> list[QAction]:
    found = []
    for top in window.menuBar().actions():
        found += [a for a in top.menu().actions() if not a.isSeparator()]
    return found


def all_actions(window) -> list[QAction]:
    """Every command the window answers to: those in its menus and those it holds for shortcuts."""
    seen: dict[int, QAction] = {}
    for action in [*menu_actions(window), *window.actions()]:
        seen[id(action)] = action
    return list(seen.values())


def shortcuts_dialog_text(window, qtbot) -> str:
    shown: list[str] = []

    def read(box):
        shown.append(box.text())
        box.accept()

    when_shown(QMessageBox, read, match=lambda box: box.windowTitle() == "Keyboard Shortcuts")
    window.shortcuts_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    return shown[0]


def test_the_menus_are_built_from_the_table(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "F&ormat", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() if not a.isSeparator() else "—" for a in file_menu.actions()] == [
        "New &Account…",
        "&New Plan…",
        "&Duplicate Plan…",
        "De&lete Plan…",
        "&Restore Deleted Plan",
        "—",
        "Log a Con&tact…",
        "—",
        "Save as &Version…",
        "—",
        "S&ync with Team Server…",
        "—",
        "&Import Plan File…",
        "Export Plan &File…",
        "Export &Workbook…",
        "Import W&orkbook…",
        "—",
        "&Export PDF…",
        "Export PDF with &Changes Since Approval…",
        "Export PDF for the C&ustomer…",
        "E&xport Slides…",
        "Export &Several PDFs…",
        "Export Key-Account Progress &Report…",
        "—",
        "Restore From &Backup…",
        "&Preferences…",
        "—",
        "&Quit",
    ]
    in_menus = {id(a) for a in menu_actions(window)}
    assert in_menus == {id(a) for a in window.actions_by_id.values()}
    for spec in window.action_specs:
        assert getattr(window, f"{spec.id}_action") is window.actions_by_id[spec.id]


def test_every_command_with_a_shortcut_is_in_the_shortcuts_dialog(window, qtbot):
    text = shortcuts_dialog_text(window, qtbot)
    with_keys = [a for a in all_actions(window) if a.shortcuts()]
    assert len(with_keys) >= 25  # the file, edit, format and view commands, the sections
    for action in with_keys:
        name = plain(action.text()) if action not in (window.undo_action, window.redo_action) else None
        primary = action.shortcuts()[0].toString(NATIVE)
        if name is None:  # the undo texts follow the stack ("Undo typing"); the dialog names the command
            name = {window.undo_action: "Undo", window.redo_action: "Redo"}[action]
        row = re.compile(
            rf"<tr><td nowrap>{re.escape(html.escape(name))}</td><td nowrap><b>{re.escape(html.escape(primary))}(, [^<]+)?</b></td></tr>"
        )
        assert row.search(text), f"{name} ({primary}) is missing from the shortcuts dialog"


def test_no_two_commands_share_a_shortcut(window):
    owner: dict[str, str] = {}
    for action in all_actions(window):
        for key in action.shortcuts():
            shown = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert shown not in owner, f"{shown} is both {owner[shown]!r} and {action.text()!r}"
            owner[shown] = action.text()
    assert {"Ctrl+E", "Ctrl+Shift+E", "Ctrl+0", "Ctrl+Shift+C"} <= set(owner)


def test_a_command_runs_its_handler_and_is_enabled_as_its_entry_says(window, qtbot):
    window.actions_by_id["section_strategy"].trigger()
    assert window.editor.current == "strategy"
    window.next_section_action.trigger()
    assert window.editor.current != "strategy"
    assert window.duplicate_action.isEnabled() and window.export_pdf_action.isEnabled()
    assert not window.restore_action.isEnabled()  # nothing deleted yet
    window.workspace.close_current()
    assert not window.duplicate_action.isEnabled() and not window.export_pdf_action.isEnabled()
    assert window.new_plan_action.isEnabled()
