"""What the window says is saved is in the database file: after file dialogs, other processes,
another writer, a restore, and a second start on the same file."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel

from kamplanner.domain.edits import SetProse
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from kamplanner.ui.autosave import SaveState
from kamplanner.ui.document import PlanDocument
from tests.ui.conftest import GRID, plan_id_named

FIELD = "summary.strategy"


def _reopened_text(db_path, plan_id: int) -> str:
    database = Database.open(db_path)
    try:
        return Portfolio(database).load_plan(plan_id).text(FIELD)
    finally:
        database.close()


def _saved(qtbot, document) -> None:
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED and not document.autosave.pending, timeout=5000)


def test_edits_made_after_a_file_dialog_showed_the_database_folder_reach_the_file(window, qtbot, db_path):
    # A plan in development: the one the window opens (Jadewave) is under review, read-only.
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))
    document = window.document
    plan_id = document.plan_id
    # A file dialog on the database's folder (Qt's own dialog: offscreen there is no native one)
    # lists, stats and sniffs the files there, the database among them.
    dialog = QFileDialog(window, "Export", str(db_path.parent))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(db_path.parent))) > 0, timeout=5000)
    dialog.selectFile(str(db_path))
    qtbot.wait(300)
    dialog.reject()
    # ...and the same process opens and closes the file itself, as icon and MIME sniffing does.
    with open(db_path, "rb") as stray:
        stray.read(4096)
    # Another process opens the database and closes it again.
    done = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(db_path), "list"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    editor = window.editor.field_widget(FIELD).editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed after the file dialog.")
    _saved(qtbot, document)
    assert window.save_label.text().startswith("✓")
    assert _reopened_text(db_path, plan_id).endswith(" Typed after the file dialog.")


def test_a_stale_window_never_overwrites_what_another_saved(qtbot, qapp, ui_language, demo_portfolio):
    plan_id = plan_id_named(demo_portfolio, GRID)  # in development: Jadewave is under review, read-only
    a = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plan_id))
    b = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plan_id))
    start = a.plan.text(FIELD)
    a.push(SetProse(FIELD, start, "A's text"), "typing")
    assert a.flush()
    collided = []
    b.collided.connect(collided.append)
    b.push(SetProse(FIELD, start, "B's text"), "typing")
    b.flush()
    assert demo_portfolio.load_plan(plan_id).text(FIELD) == "A's text"
    ((collision,),) = collided
    assert (collision.mine, collision.theirs) == ("B's text", "A's text")
    assert b.plan.text(FIELD) == "A's text"


def test_use_mine_puts_the_stale_windows_text_back_on_purpose(window, qtbot, demo_portfolio):
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))  # Jadewave is under review
    document = window.document
    plan_id = document.plan_id
    start = document.plan.text(FIELD)
    elsewhere = Portfolio(demo_portfolio.db)
    version = elsewhere.load_plan(plan_id).version
    elsewhere.save_edits(plan_id, version, [SetProse(FIELD, start, "saved by the command line")])
    shown = []
    # The window would ask with a modal box; the test answers "Use Mine" itself below.
    window.resolve_collisions = lambda collisions, choose_mine=None: shown.append(collisions)
    document.push(SetProse(FIELD, start, "typed in the window"), "typing")
    document.flush()
    assert demo_portfolio.load_plan(plan_id).text(FIELD) == "saved by the command line"
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    collisions = shown[0]
    type(window).resolve_collisions(window, collisions, choose_mine=True)
    _saved(qtbot, document)
    assert demo_portfolio.load_plan(plan_id).text(FIELD) == "typed in the window"


def test_restore_from_backup_in_the_file_menu(window, qtbot, demo_portfolio):
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))  # Jadewave is under review
    document = window.document
    plan_id = document.plan_id
    made = demo_portfolio.db
    from kamplanner.store import backups

    backup = backups.make_backup(made)
    start = document.plan.text(FIELD)
    document.push(SetProse(FIELD, start, "after the backup"), "typing")
    _saved(qtbot, document)
    assert window.restore_backup_action.isEnabled()
    assert window.restore_from_backup(backup.name, confirm=False)
    assert window.document.plan.text(FIELD) == start or window.document.plan_id != plan_id
    assert demo_portfolio.load_plan(plan_id).text(FIELD) == start
    assert any("before-restore" in b.name for b in demo_portfolio.backups())


def test_a_second_start_on_the_same_database_brings_the_first_forward(tmp_path):
    db = tmp_path / "plans.db"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path),
    }
    first = subprocess.Popen(
        [sys.executable, "-m", "kamplanner", "--db", str(db), "gui"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (db.exists() and db.with_name(db.name + ".instance").exists()):
            time.sleep(0.2)
        time.sleep(2.0)  # the window and its activation server are up
        assert first.poll() is None
        second = subprocess.run(
            [sys.executable, "-m", "kamplanner", "--db", str(db), "gui"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "brought to the front" in second.stderr
        assert first.poll() is None
    finally:
        first.terminate()
        first.wait(timeout=20)


def test_a_save_that_cannot_be_confirmed_is_shown_loudly_and_the_edit_is_kept(window, qtbot, db_path):
    window.open_plan(plan_id_named(window.workspace.portfolio, GRID))  # Jadewave is under review
    document = window.document
    plan_id = document.plan_id
    start = document.plan.text(FIELD)
    copy = db_path.with_name("copy.db")
    copy.write_bytes(db_path.read_bytes())
    os.replace(copy, db_path)  # another program put another file where the database was
    document.push(SetProse(FIELD, start, "must not be lost"), "typing")
    qtbot.waitUntil(lambda: document.save_state is not SaveState.PENDING, timeout=5000)
    assert document.save_state is SaveState.FAILED
    assert window.info.isVisible() and "not saved" in window.info.text.text()
    assert "replaced" in window.info.text.text() and "⚠" in window.save_label.text()
    # It is retried on the file now at the path, and then confirmed there.
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED, timeout=10000)
    assert _reopened_text(db_path, plan_id) == "must not be lost"
