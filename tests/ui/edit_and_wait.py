"""Run by test_process.py in a process of its own, to be killed: not a test itself.

    python tests/ui/edit_and_wait.py DB_FILE SETTINGS_DIR

Opens the real main window on the database, makes edits through the widgets and the undo
stack, waits 1.5 s (autosave needs at most one), prints "edited" and waits to be killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from kamplanner.app import open_portfolio, run_window  # noqa: E402
from kamplanner.ui.main_window import MainWindow  # noqa: E402
from kamplanner.ui.settings import Settings  # noqa: E402

TYPED = " Written just before the process was killed."


def edit(window: MainWindow) -> None:
    editor = window.editor.field_widget("summary.strategy").editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, TYPED)
    table = window.editor.field_widget("strategy.opportunities").editor
    table.view.add_row()
    model = table.model
    row = len(model.rows) - 1
    model.setData(model.index(row, 0), "Kill-safe deal")
    model.setData(model.index(row, 2), "321")
    model.setData(model.index(row, 3), "45")
    table.view.setCurrentIndex(model.index(0, 0))
    table.view.remove_selected()
    window.undo_action.trigger()  # the removal is undone: the first row stays
    QTimer.singleShot(1500, lambda: print("edited", flush=True))


def main() -> None:
    db, settings_dir = sys.argv[1], sys.argv[2]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    run_window(open_portfolio(db), settings=Settings(), ready=edit)


if __name__ == "__main__":
    main()
