"""Help ▸ Keyboard Shortcuts (read from the window's command table, so it lists what the menus
do) and Help ▸ About."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from .actions import menus

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate


def plain(text: str) -> str:
    """A menu text without its mnemonic: "&Bold" → "Bold", "文件(&F)" → "文件"."""
    return re.sub(r"\(&\w\)|&(?=.)", "", text).strip()


def shown_keys(action: QAction) -> str:
    """The action's keys as the dialog shows them: the first, and the other combinations with a
    modifier (not the platform's extra single keys such as a keyboard's own Undo or Find key)."""
    keys = action.shortcuts()
    kept = [k for i, k in enumerate(keys) if i == 0 or k[0].keyboardModifiers() != Qt.KeyboardModifier.NoModifier]
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in kept)


def shortcut_rows(window: MainWindow) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, its keys)]) for every command that has a shortcut, in menu order."""
    rows = []
    for key, title in menus():
        entries = []
        for spec in window.action_specs:
            if spec.menu != key:
                continue
            keys = shown_keys(window.actions_by_id[spec.id])
            if keys:
                entries.append((plain(spec.text), keys))
        if entries:
            rows.append((plain(title), entries))
    return rows


def shortcuts_html(window: MainWindow) -> str:
    rows = []
    for title, entries in shortcut_rows(window):
        rows.append(f"<tr><td colspan=2><b>{html.escape(title)}</b></td></tr>")
        rows += [
            f"<tr><td nowrap>{html.escape(name)}</td><td nowrap><b>{html.escape(keys)}</b></td></tr>"
            for name, keys in entries
        ]
    tables = translate(
        "MainWindow",
        "In tables, as in Excel: type on a cell to edit it; Tab and Shift+Tab go to the next and previous"
        " cell (Tab on the last cell adds a row), Enter confirms and goes down, Ctrl+Tab leaves the table;"
        " Insert or Ctrl+Enter adds a row, Ctrl+- removes the selected rows, Alt+Up/Down moves a row,"
        " Delete clears cells, Ctrl+D fills down, Ctrl+C/Ctrl+V copy and paste blocks of cells.",
    )
    prose = translate(
        "MainWindow",
        "In text: Ctrl+B bold, Ctrl+I italic, Ctrl+Shift+8 bullets, Ctrl+Shift+7 numbering; “- ” or “1. ”"
        " at the start of a line starts a list, Tab and Shift+Tab nest an item, Enter on an empty item ends"
        " the list, Shift+Enter breaks a line. In the search box: Down or Enter goes to the results, Esc"
        " clears it.",
    )
    return f"<table cellspacing=6>{''.join(rows)}</table><p>{tables}</p><p>{prose}</p>"


def show_shortcuts(window: MainWindow) -> None:
    QMessageBox.information(window, translate("MainWindow", "Keyboard Shortcuts"), shortcuts_html(window))


def about(parent: QWidget) -> None:
    from .. import __version__

    QMessageBox.about(
        parent,
        translate("MainWindow", "About kamplanner"),
        translate(
            "MainWindow",
            "<b>kamplanner %1</b><p>Key account plans: write them, keep them current, review and sign them off as PDFs.</p>",
        ).replace("%1", __version__),
    )
