"""Starts the app as the kamplanner command does (offscreen) and reports what it sees, for
tests/ui/test_startup.py: one JSON line when the window is shown, another when the last plan
is open; a message box that comes up is read and closed."""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from kamplanner.app import main  # noqa: E402

LOADED = ("sqlalchemy", "kamplanner.services", "kamplanner.store.database", "kamplanner.ui.plan_editor")


def report(moment: str, window, **more) -> None:  # type: ignore[no-untyped-def]
    print(
        json.dumps(
            {
                "moment": moment,
                "visible": window.isVisible(),
                "title": window.windowTitle(),
                "loaded": [name for name in LOADED if name in sys.modules],
                **more,
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


def close_message_boxes() -> None:
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print(
            json.dumps({"moment": "message", "title": box.windowTitle(), "text": box.text()}, ensure_ascii=False),
            flush=True,
        )
        box.accept()


def shown(window) -> None:  # type: ignore[no-untyped-def]
    report("shown", window, built=window.built)
    timer = QTimer(window)
    timer.timeout.connect(close_message_boxes)
    timer.start(50)


def ready(window) -> None:  # type: ignore[no-untyped-def]
    actor = window.workspace.portfolio.actor
    plan = window.document.title if window.document else None
    report("ready", window, built=window.built, plan=plan, actor=[actor.name, actor.role.value])
    QApplication.instance().quit()


sys.exit(main(sys.argv[1:], shown=shown, ready=ready))
