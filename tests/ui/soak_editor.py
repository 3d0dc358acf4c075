"""Run by test_process.py in a process of its own, to be killed at a random moment: not a test.

    python tests/ui/soak_editor.py DB_FILE SETTINGS_DIR PLAN_ID

Opens the real main window on the plan and, every few milliseconds, types one more character
of a known text into the strategy field (through the widget) and sets a table cell to a
counter (through the undo stack). Each time a save reaches the database it prints
"saved N COUNTER": how much of the text and which counter the window now shows as Saved.
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
from kamplanner.domain.edits import SetCell  # noqa: E402
from kamplanner.ui.main_window import MainWindow  # noqa: E402
from kamplanner.ui.settings import Settings  # noqa: E402

FIELD = "summary.strategy"
TABLE = "strategy.opportunities"
TEXT = "abcdefghijklmnopqrstuvwxyz0123456789" * 40


def start(window: MainWindow, plan_id: int) -> None:
    window.open_plan(plan_id)
    document = window.document
    base = len(document.plan.text(FIELD))
    row = document.plan.rows(TABLE)[0].key
    editor = window.editor.field_widget(FIELD).editor
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    state = {"typed": 0, "counter": 0}

    def report() -> None:
        # ``saved`` fires as the write returns: the autosave took every queued edit for it,
        # and none can be made meanwhile (one thread), so the plan shown is the plan stored.
        assert not document.autosave.pending
        typed = len(document.plan.text(FIELD)) - base
        value = document.plan.row(TABLE, row).get("probability")
        print(f"saved {typed} {int(value or 0)}", flush=True)

    document.saved.connect(report)

    def tick() -> None:
        if state["typed"] < len(TEXT):
            QTest.keyClicks(editor, TEXT[state["typed"]])
            state["typed"] += 1
        if state["typed"] % 3 == 0:
            old = document.plan.row(TABLE, row).get("probability")
            state["counter"] = (state["counter"] + 1) % 100
            document.push(SetCell(TABLE, row, "probability", old, float(state["counter"])), "counter")

    timer = QTimer(window, interval=7)
    timer.timeout.connect(tick)
    timer.start()
    print("started", flush=True)


def main() -> None:
    db, settings_dir, plan_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    run_window(open_portfolio(db), settings=Settings(), ready=lambda window: start(window, plan_id))


if __name__ == "__main__":
    main()
