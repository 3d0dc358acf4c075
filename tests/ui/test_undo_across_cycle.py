"""The undo history outlives cycle actions: a phase move reads the plan again, and Ctrl+Z
still undoes the content edit made before it, in the window and in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain import rich
from kamplanner.domain.model import Phase
from kamplanner.ui.autosave import SaveState
from tests.ui.conftest import GRID, plan_id_named


def test_ctrl_z_after_a_phase_move_undoes_the_edit_made_before_it(qtbot, window, demo_portfolio):
    plan_id = plan_id_named(demo_portfolio, GRID)
    window.open_plan(plan_id)
    document = window.document
    assert document.plan.phase is Phase.DEVELOPMENT
    before = document.plan.text("summary.strategy")
    editor = window.editor.field_widget("summary.strategy").editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, " Typed before the move.")
    assert document.plan.text("summary.strategy") == before + " Typed before the move."

    window.show_cycle()
    panel = window.cycle_panel
    assert panel.move(Phase.PREPARATION)  # back to planning and preparation
    assert document.plan.phase is Phase.PREPARATION
    assert demo_portfolio.load_plan(plan_id).text("summary.strategy").endswith("Typed before the move.")
    assert document.undo_stack.canUndo()

    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.text("summary.strategy") == before
    assert editor.markdown() == rich.markdown(rich.lines(before))
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED and not document.autosave.pending, timeout=3000)
    stored = demo_portfolio.load_plan(plan_id)
    assert stored.text("summary.strategy") == before and stored.phase is Phase.PREPARATION


def test_the_window_refreshes_from_the_operation_whoever_runs_it(qtbot, window, demo_portfolio):
    # No cycle panel involved: the use case's own notice reaches the document, the navigator
    # and the status strip.
    plan_id = plan_id_named(demo_portfolio, GRID)
    window.open_plan(plan_id)
    document = window.document
    editor = window.editor.field_widget("summary.risks").editor
    editor.setFocus()
    qtbot.keyClicks(editor, "x")
    document.flush()
    window.workspace.portfolio.move_phase(plan_id, Phase.PREPARATION)
    assert document.plan.phase is Phase.PREPARATION
    assert document.plan.version == demo_portfolio.load_plan(plan_id).version
    assert window.workspace.summary(plan_id).phase is Phase.PREPARATION
    assert document.undo_stack.canUndo()
