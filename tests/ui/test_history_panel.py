"""View ▸ Plan History: who changed what and when, filtered, and an earlier value brought back
as a new edit that Undo takes back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kamplanner.domain.changelog import ChangeKind
from kamplanner.domain.edits import SetProse
from tests.ui.conftest import JADEWAVE, plan_id_named

FIELD = "summary.risks"


def open_history(window, qtbot):
    window.history_action.trigger()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "" and w.windowTitle().startswith("History — ")
    )
    qtbot.addWidget(dialog)
    return dialog


def test_history_lists_the_edits_filters_them_and_brings_an_earlier_value_back(editable_window, qtbot):
    window = editable_window
    window.open_plan(plan_id_named(window.workspace.portfolio, JADEWAVE))
    document = window.document
    first = document.plan.text(FIELD)
    document.push(SetProse(FIELD, first, "Second version of the risks."), "typing")
    assert document.flush()
    document.push(SetProse(FIELD, "Second version of the risks.", "Third version."), "typing")
    assert document.flush()

    dialog = open_history(window, qtbot)
    assert dialog.shown[0].change.kind is ChangeKind.EDIT and dialog.shown[0].change.after == "Third version."
    assert dialog.table.item(0, 3).text() == "Executive summary ▸ Risks in brief"
    assert dialog.table.item(0, 4).text() == "Second version of the risks."
    everything = len(dialog.shown)
    dialog.section.setCurrentIndex(dialog.section.findData("strategy"))
    assert all(e.change.path and e.change.path.startswith("strategy") for e in dialog.shown)
    assert len(dialog.shown) < everything
    dialog.section.setCurrentIndex(dialog.section.findData("summary"))
    assert [e.change.after for e in dialog.shown[:2]] == ["Third version.", "Second version of the risks."]
    assert dialog.count.text().startswith(f"{len(dialog.shown)} of ")

    dialog.table.selectRow(1)  # the change from the first text to the second: bring the first back
    assert dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert document.plan.text(FIELD) == first
    stored = window.workspace.portfolio.load_plan(document.plan_id)
    assert stored.text(FIELD) == first
    qtbot.waitUntil(lambda: dialog.shown[0].change.after == (first or None))  # the restore is itself logged
    window.undo_action.trigger()
    assert document.plan.text(FIELD) == "Third version."


def test_a_change_that_is_not_a_value_cannot_be_restored(editable_window, qtbot):
    window = editable_window
    window.open_plan(plan_id_named(window.workspace.portfolio, JADEWAVE))
    dialog = open_history(window, qtbot)
    dialog.section.setCurrentIndex(dialog.section.findData("cycle"))
    assert dialog.shown and all(e.change.kind is not ChangeKind.EDIT for e in dialog.shown)
    dialog.table.selectRow(0)
    assert not dialog.restore_button.isEnabled()
