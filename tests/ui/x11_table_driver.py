"""Run by test_x11_typing.py on a real X server (Xvfb): not a test.

    python tests/ui/x11_table_driver.py DB_FILE SETTINGS_DIR PLAN_ID TABLE ROW COLUMN STOP_FILE

Opens the real main window (the xcb platform, the app's own start-up) on the plan, shows the
table's page and makes one cell current with the focus in the table (or, for a prose field,
empties it and puts the caret there), then prints
"ready WINDOW_ID". Everything after that comes from xdotool through the X server, as a
person's keys do. When STOP_FILE appears the window saves and closes, and the process prints
"saved" and exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from kamplanner.app import open_portfolio, run_window  # noqa: E402
from kamplanner.ui.main_window import MainWindow  # noqa: E402
from kamplanner.ui.settings import Settings  # noqa: E402


def start(window: MainWindow, plan_id: int, path: str, row: int, column: int, stop: Path) -> None:
    window.open_plan(plan_id)
    window.show_section(path.split(".", 1)[0])
    field = window.editor.field_widget(path).editor
    window.activateWindow()
    if hasattr(field, "view"):  # a table: this cell current
        view = field.view
        view.setFocus()
        view.setCurrentIndex(view.model().index(row, column))
        view.scrollTo(view.currentIndex())
    else:  # a prose field: emptied, the caret in it (row and column are not used)
        field.setFocus()
        field.selectAll()
        field.textCursor().removeSelectedText()

    def ready() -> None:
        print(f"ready {int(window.winId())}", flush=True)

    QTimer.singleShot(300, ready)

    def poll() -> None:
        if stop.exists():
            focus = QApplication.focusWidget()
            print(f"focus {type(focus).__name__ if focus else None}", flush=True)
            window.workspace.flush_all()
            print("saved", flush=True)
            QApplication.quit()

    timer = QTimer(window, interval=100)
    timer.timeout.connect(poll)
    timer.start()


def main() -> None:
    db, settings_dir, plan_id, path, row, column, stop = sys.argv[1:8]
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings_dir)
    os.environ.pop("QT_QPA_PLATFORM", None)  # the real X server, as the app runs for a person
    run_window(
        open_portfolio(db),
        settings=Settings(),
        ready=lambda window: start(window, int(plan_id), path, int(row), int(column), Path(stop)),
    )


if __name__ == "__main__":
    main()
