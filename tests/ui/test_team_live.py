"""Two windows on one team server: what one saves shows in the other within two seconds,
merged with what the other has not saved yet; other people's plans are read-only, saying whose.

Runs when KAMPLANNER_TEST_DB_URL names a PostgreSQL database (.ci/run starts one)."""

from __future__ import annotations

import importlib.util
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kamplanner.domain.edits import SetProse
from tests.conftest import SERVER_URL
from tests.store.test_team_roles import plan_of, server  # noqa: F401 - the fixture
from tests.ui.helpers import when_shown

needs_server = pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server (KAMPLANNER_TEST_DB_URL)")

BANK = "浦瀚联合银行"  # 王立群's plan, in implementation and monitoring


def open_bank(window):
    plan_id = plan_of(window.workspace.portfolio, BANK).id
    window.open_plan(plan_id)
    return plan_id


def type_into(qtbot, window, field: str, text: str) -> None:
    prose = window.editor.field_widget(field).editor
    prose.setFocus()
    qtbot.keyClick(prose, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(prose, text)


@needs_server
def test_an_edit_in_one_window_appears_in_the_other_within_two_seconds(server, make_window, qtbot):  # noqa: F811
    _admin, connect = server
    mine = make_window(connect("t_wang"))
    theirs = make_window(connect("t_zhou"))
    plan_id = open_bank(mine)
    assert open_bank(theirs) == plan_id
    qtbot.waitUntil(lambda: theirs.workspace._listener is not None and theirs.workspace._listener.listening.is_set())
    # The senior manager's window shows the plan read-only, and whose it is.
    assert (
        theirs.editor.read_only and theirs.editor.banner.text() == "王立群's plan — read-only for you (senior manager)."
    )
    assert not mine.editor.read_only
    qtbot.waitUntil(lambda: theirs.status.team_label.text() == "● Team server: 周海峰 (senior manager)")

    type_into(qtbot, mine, "summary.risks", " FX swings.")
    assert mine.workspace.flush_all()
    saved = time.monotonic()
    qtbot.waitUntil(lambda: theirs.document.plan.text("summary.risks").endswith("FX swings."), timeout=2000)
    shown = theirs.editor.field_widget("summary.risks").editor.toPlainText()
    assert shown.endswith("FX swings."), shown
    assert time.monotonic() - saved < 2.0
    assert theirs.document.plan.version == mine.document.plan.version


@needs_server
def test_an_unsaved_edit_here_is_kept_when_someone_saves_another_field_and_shown_when_the_same(
    server,  # noqa: F811
    make_window,
    qtbot,
):
    _admin, connect = server
    window = make_window(connect("t_wang"))
    plan_id = open_bank(window)
    qtbot.waitUntil(lambda: window.workspace._listener is not None and window.workspace._listener.listening.is_set())
    document = window.document
    elsewhere = connect("t_wang")  # the same person on another machine
    # An edit queued here, not saved yet, while the other machine saves another field.
    document.autosave._timer.setInterval(60_000)
    type_into(qtbot, window, "summary.objectives", " This window.")
    assert document.autosave.pending
    stored = elsewhere.load_plan(plan_id)
    risks = stored.text("summary.risks")
    elsewhere.save_edits(plan_id, stored.version, [SetProse("summary.risks", risks, risks + " 另一台电脑。")])
    qtbot.waitUntil(lambda: document.plan.text("summary.risks").endswith("另一台电脑。"), timeout=2000)
    final = elsewhere.load_plan(plan_id)
    assert final.text("summary.objectives").endswith("This window.")  # ours written on top of theirs
    assert final.text("summary.risks").endswith("另一台电脑。")

    # The same field changed on both: theirs stays stored, ours is shown beside it, nothing lost.
    details = []

    def keep_theirs(box) -> None:
        details.append(box.detailedText())
        next(b for b in box.buttons() if b.text() == "Keep the Other Version").click()

    when_shown(QMessageBox, keep_theirs, match=lambda w: w.windowTitle() == "Changed in two places")
    type_into(qtbot, window, "summary.risks", " Here too.")
    latest = elsewhere.load_plan(plan_id)
    elsewhere.save_edits(
        plan_id, latest.version, [SetProse("summary.risks", latest.text("summary.risks"), "完全不同的风险。")]
    )
    qtbot.waitUntil(lambda: bool(details), timeout=2000)
    assert "Here too." in details[0] and "完全不同的风险。" in details[0]
    assert elsewhere.load_plan(plan_id).text("summary.risks") == "完全不同的风险。"
    assert document.plan.text("summary.risks") == "完全不同的风险。"


@needs_server
def test_file_sync_brings_the_team_servers_plans_to_a_laptop_and_its_edits_back(server, make_window, qtbot, tmp_path):  # noqa: F811
    from kamplanner.domain.actor import Actor
    from kamplanner.services import Portfolio
    from kamplanner.store.database import Database
    from tests.store.test_team_roles import url_as

    _admin, connect = server
    laptop = Portfolio(Database.open(tmp_path / "laptop.db"), Actor("王立群"))
    window = make_window(laptop)
    window.settings.team_server = url_as("t_wang")
    task = window.database.syncing.sync_now()
    assert task is not None
    qtbot.waitUntil(lambda: window.database.syncing.task is None, timeout=20000)
    assert window.statusBar().currentMessage() == "Synced with the team server: 4 plans from it, 0 to it."
    assert window.status.team_label.text() == "⇅ Synced"
    assert {s.account for s in window.workspace.summaries} >= {BANK}
    plan_id = open_bank(window)
    type_into(qtbot, window, "summary.risks", " From the laptop.")
    assert window.workspace.flush_all()
    window.database.syncing.show_unsynced()
    assert window.status.team_label.text() == "⇅ 1 plan not synced"
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: window.database.syncing.task is None, timeout=20000)
    wang = connect("t_wang")
    assert wang.load_plan(plan_of(wang, BANK).id).text("summary.risks").endswith("From the laptop.")
    # Edited on the server meanwhile: the next sync shows it in the open plan.
    stored = wang.load_plan(plan_of(wang, BANK).id)
    wang.save_edits(
        stored.id, stored.version, [SetProse("summary.objectives", stored.text("summary.objectives"), "服务器上改的")]
    )
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: window.database.syncing.task is None, timeout=20000)
    assert window.document.plan_id == plan_id
    assert window.document.plan.text("summary.objectives") == "服务器上改的"
    laptop.close()


def test_an_unreachable_team_server_is_one_sentence_and_work_goes_on(make_window, qtbot, tmp_path):
    from kamplanner.services import Portfolio
    from kamplanner.store.database import Database

    laptop = Portfolio(Database.open(tmp_path / "laptop.db"))
    laptop.add_demo()
    window = make_window(laptop)
    window.settings.team_server = "postgresql+psycopg://wang@127.0.0.1:1/kam_team"
    window.database.syncing.sync_now(quiet=True)
    qtbot.waitUntil(lambda: window.database.syncing.task is None, timeout=20000)
    message = window.statusBar().currentMessage()
    # With the PostgreSQL driver the server is tried and found not there; without it, that is what is said.
    why = "not reachable" if importlib.util.find_spec("psycopg") else "its driver is not installed"
    assert message.startswith("Not synced: ") and why in message and message.endswith("the next sync sends it.")
    assert "\n" not in message
    laptop.close()


@needs_server
def test_a_sync_conflict_shows_under_its_field_and_use_mine_puts_this_laptops_value_back(
    server,  # noqa: F811
    make_window,
    qtbot,
    tmp_path,
):
    from kamplanner.domain.actor import Actor
    from kamplanner.services import Portfolio
    from kamplanner.store.database import Database
    from kamplanner.sync import sync

    _admin, connect = server
    wang = connect("t_wang")
    laptop = Portfolio(Database.open(tmp_path / "laptop.db"), Actor("王立群"))
    sync(laptop, wang)
    for side, text_ in ((laptop, "Laptop strategy."), (wang, "Server strategy.")):
        stored = side.load_plan(plan_of(side, BANK).id)
        side.save_edits(
            stored.id, stored.version, [SetProse("summary.strategy", stored.text("summary.strategy"), text_)]
        )
    assert [w for _p, w in sync(laptop, wang).conflicts] == ["summary.strategy"]

    window = make_window(laptop)
    open_bank(window)
    window.show_section("summary")
    label = window.editor.page("summary").conflicts["summary.strategy"]
    assert label.isVisible()
    assert "yours was “Laptop strategy.”" in label.text() and "Use mine" in label.text()
    assert window.document.plan.text("summary.strategy") == "Server strategy."
    conflict_id = window.editor.sync_conflicts[0].id
    label.linkActivated.emit(f"mine:{conflict_id}")
    assert window.document.plan.text("summary.strategy") == "Laptop strategy."
    assert not label.isVisible() and window.editor.sync_conflicts == []
    assert sync(laptop, wang).pushed == [f"{BANK} 2026"]
    assert wang.load_plan(plan_of(wang, BANK).id).text("summary.strategy") == "Laptop strategy."
    laptop.close()
