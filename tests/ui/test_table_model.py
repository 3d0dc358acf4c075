"""The record table model without widgets: what it shows, and every change as an undoable edit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from kamplanner.domain.template import TEMPLATE
from kamplanner.ui.table_model import ISSUE_ROLE, SORT_ROLE, RecordTableModel

OPPS = "strategy.opportunities"
ACTIONS = "action_plan.actions"


def model_for(document, path):
    model = RecordTableModel(TEMPLATE.table(path), "en")
    model.set_document(document)
    return model


def col(model, key):
    return model.table.column_keys.index(key)


def test_shows_formatted_values_and_a_totals_row(document):
    model = model_for(document, OPPS)
    rows = document.plan.rows(OPPS)
    assert model.rowCount() == len(rows) + 1
    first = rows[0]
    value = model.data(model.index(0, col(model, "value")))
    assert value.replace(",", "") == f"{first.get('value'):g}"
    assert model.data(model.index(0, col(model, "probability"))).endswith("%")
    total_row = len(rows)
    assert model.data(model.index(total_row, 0)) == "Total"
    total = sum(r.get("value") for r in rows)
    assert model.data(model.index(total_row, col(model, "value"))).replace(",", "") == f"{total:g}"
    assert not model.flags(model.index(total_row, 0)) & Qt.ItemFlag.ItemIsEditable


def test_choice_and_reference_columns_show_labels(document):
    model = model_for(document, ACTIONS)
    record = document.plan.rows(ACTIONS)[0]
    owner = model.data(model.index(0, col(model, "owner")))
    assert owner == document.plan.label_of("team.members", record.get("owner"))
    assert owner != record.get("owner")
    horizon = model.data(model.index(0, col(model, "horizon")))
    assert horizon in ("1-year detail", "5-year outline")
    assert isinstance(model.data(model.index(0, col(model, "due")), Qt.ItemDataRole.EditRole), QDate)


def test_set_data_is_an_undoable_edit(document):
    model = model_for(document, OPPS)
    index = model.index(0, col(model, "probability"))
    old = document.plan.rows(OPPS)[0].get("probability")
    assert model.setData(index, "42")
    assert document.plan.rows(OPPS)[0].get("probability") == 42.0
    assert model.data(index) == "42%"
    document.undo_stack.undo()
    assert document.plan.rows(OPPS)[0].get("probability") == old
    document.undo_stack.redo()
    assert document.plan.rows(OPPS)[0].get("probability") == 42.0


def test_bad_text_is_refused_with_a_message(document, qtbot):
    model = model_for(document, OPPS)
    with qtbot.waitSignal(document.problem) as blocker:
        assert not model.setData(model.index(0, col(model, "value")), "a lot")
    assert "number" in blocker.args[0]
    assert document.undo_stack.count() == 0


def test_validation_marks_the_cell(document):
    model = model_for(document, OPPS)
    index = model.index(1, col(model, "probability"))
    model.setData(index, "150")
    document.check_now()
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert "at most 100" in tip
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(index, ISSUE_ROLE)


def test_rows_added_removed_moved_and_undone(document, qtbot):
    model = model_for(document, OPPS)
    n = len(document.plan.rows(OPPS))
    with qtbot.waitSignal(model.rowsInserted):
        at = model.insert_row()
    assert at == n and len(document.plan.rows(OPPS)) == n + 1
    model.setData(model.index(at, col(model, "name")), "New deal")
    model.move_row(at, 0)
    assert document.plan.rows(OPPS)[0].get("name") == "New deal"
    assert model.data(model.index(0, 0)) == "New deal"
    model.remove_rows([0])
    assert len(document.plan.rows(OPPS)) == n
    document.undo_stack.undo()
    assert document.plan.rows(OPPS)[0].get("name") == "New deal"
    for _ in range(3):
        document.undo_stack.undo()
    assert len(document.plan.rows(OPPS)) == n


def test_flags_toggle_by_check_state(document):
    model = model_for(document, ACTIONS)
    index = model.index(0, col(model, "milestone"))
    before = bool(document.plan.rows(ACTIONS)[0].get("milestone"))
    target = Qt.CheckState.Unchecked if before else Qt.CheckState.Checked
    assert model.setData(index, target.value, Qt.ItemDataRole.CheckStateRole)
    assert bool(document.plan.rows(ACTIONS)[0].get("milestone")) is not before


def test_dates_and_references_from_editors_and_text(document):
    model = model_for(document, ACTIONS)
    due = model.index(0, col(model, "due"))
    model.setData(due, QDate(2027, 5, 4))
    assert document.plan.rows(ACTIONS)[0].get("due") == dt.date(2027, 5, 4)
    member = document.plan.rows("team.members")[1]
    model.setData(model.index(0, col(model, "owner")), member.get("name"))
    assert document.plan.rows(ACTIONS)[0].get("owner") == member.key


def test_sort_rows_is_one_undo_step(document):
    model = model_for(document, OPPS)
    before = [r.key for r in document.plan.rows(OPPS)]
    model.sort_rows(col(model, "value"), descending=True)
    values = [r.get("value") for r in document.plan.rows(OPPS)]
    assert values == sorted(values, reverse=True)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert [r.key for r in document.plan.rows(OPPS)] == before
    assert model.data(model.index(0, 0), SORT_ROLE)[0] == 0


def test_paste_a_block_adds_rows(document):
    model = model_for(document, OPPS)
    n = len(document.plan.rows(OPPS))
    model.paste(
        n - 1, 0, [["Renamed", "", "1,000", "30%"], ["Pasted deal", "Cross-selling other products", "250", "60"]]
    )
    rows = document.plan.rows(OPPS)
    assert len(rows) == n + 1
    assert rows[n - 1].get("name") == "Renamed" and rows[n - 1].get("value") == 1000.0
    assert rows[n].get("kind") == "cross_sell" and rows[n].get("probability") == 60.0
    document.undo_stack.undo()
    assert len(document.plan.rows(OPPS)) == n


def test_edits_reach_the_database(document, demo_portfolio):
    model = model_for(document, OPPS)
    model.setData(model.index(0, col(model, "name")), "Saved deal")
    assert document.flush()
    again = demo_portfolio.load_plan(document.plan_id)
    assert again.rows(OPPS)[0].get("name") == "Saved deal"
    assert again.version == document.plan.version
