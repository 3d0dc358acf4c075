"""Copying cells and quitting: PySide6 6.12 dies with SIGSEGV at exit when a QMimeData made in
Python is left on the clipboard; the app hands it back to Qt as it quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from PySide6.QtCore import QTimer
from kamplanner.ui.application import create_application
from kamplanner.ui import clipboard
app = create_application([])
clipboard.put("a\\tb\\n1\\t2", "<table><tr><td>a</td><td>b</td></tr></table>")
QTimer.singleShot(0, app.quit)
app.exec()
print(app.clipboard().text().replace("\\t", ",").replace("\\n", ";"))
"""


def test_quitting_after_a_copy_exits_cleanly_and_keeps_the_text():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.strip() == "a,b;1,2"
