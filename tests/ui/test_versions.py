"""Versions in the window: the status strip names the version (autosaves keep it a draft),
File ▸ Save as Version… numbers it with a note, and the cycle's timeline lists it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kamplanner.domain.versions import VersionKind, VersionLabel
from kamplanner.ui.autosave import SaveState
from kamplanner.ui.dialogs import SaveVersionDialog
from tests.ui.conftest import GRID, JADEWAVE, plan_id_named
from tests.ui.helpers import press_ok, when_shown


def saved(qtbot, document) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED and not document.autosave.pending, timeout=5000)


def test_typing_makes_a_draft_and_save_as_version_numbers_it_with_a_note(qtbot, editable_window, demo_portfolio):
    window = editable_window
    plan_id = plan_id_named(demo_portfolio, JADEWAVE)
    window.open_plan(plan_id)
    document = window.document
    assert window.version_label.text() == "Version 1"  # submitted for review, then sent back
    editor = window.editor.field_widget("summary.risks").editor
    editor.setFocus()
    for word in ("One", " more", " risk."):
        qtbot.keyClicks(editor, word)
        document.flush()
    saved(qtbot, document)
    assert window.version_label.text() == "Version 2 (draft)"  # three saves, still one draft
    assert [v.number for v in demo_portfolio.load_plan(plan_id).versions] == [1]

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.note.setText("sent to the customer's CIO")
        press_ok(dialog)

    seen = when_shown(SaveVersionDialog, fill)
    window.save_version_action.trigger()
    assert seen, "the dialog was not shown"
    stored = demo_portfolio.load_plan(plan_id).versions
    assert [(v.number, v.kind, v.note) for v in stored] == [
        (1, VersionKind.SUBMITTED, ""),
        (2, VersionKind.SAVED, "sent to the customer's CIO"),
    ]
    assert document.plan.version_label == VersionLabel(2, False)
    assert window.version_label.text() == "Version 2"
    assert "Saved Version 2." in window.statusBar().currentMessage()

    window.show_cycle()
    timeline = window.cycle_panel.timeline
    rows = [[timeline.topLevelItem(i).text(c) for c in range(4)] for i in range(timeline.topLevelItemCount())]
    assert any(r[1] == "Version 2" and r[3] == "sent to the customer's CIO" for r in rows), rows

    # Unchanged since: nothing to save, and the window says so rather than making version 3.
    told: list[str] = []
    when_shown(QMessageBox, lambda box: (told.append(box.text()), box.accept()))
    window.save_version_action.trigger()
    assert told and "Nothing has changed since Version 2" in told[0]
    assert len(demo_portfolio.load_plan(plan_id).versions) == 2


def test_the_shortcut_opens_the_dialog_and_cancel_saves_nothing(qtbot, window, demo_portfolio):
    plan_id = plan_id_named(demo_portfolio, GRID)
    window.open_plan(plan_id)
    assert window.version_label.text() == "Version 1 (draft)"  # in development, never submitted
    seen = when_shown(SaveVersionDialog, lambda dialog: dialog.reject())
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert demo_portfolio.load_plan(plan_id).versions == []
