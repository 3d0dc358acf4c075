"""Quick entry of a contact (File ▸ Log a Contact…, Ctrl+Shift+K) through the real window, undo,
and what the stakeholder table shows of the log."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from kamplanner.domain.template import CONTACTS, STAKEHOLDERS, TEMPLATE, Cell
from kamplanner.ui.contact_entry import ContactDialog
from kamplanner.ui.table_model import RecordTableModel
from tests.ui.helpers import when_shown

TODAY = dt.date(2026, 11, 23)


def test_the_shortcut_opens_the_dialog_and_ok_adds_one_undoable_row(editable_window, qtbot):
    window = editable_window
    document = window.document
    assert document is not None and document.plan.account.name == "Jadewave Electronics Group"
    before = [r.key for r in document.plan.rows(CONTACTS)]
    assert window.log_contact_action.shortcut().toString() == "Ctrl+Shift+K"

    def fill(dialog: ContactDialog) -> None:
        assert dialog.date.date().toPython() == dt.date.today()
        dialog.kind.setCurrentIndex(dialog.kind.findData("executive_visit"))
        qtbot.keyClicks(dialog.theirs, "laura zheng, Chen Weiming")
        qtbot.keyClicks(dialog.ours, "Sarah Lin")
        qtbot.keyClicks(dialog.purpose, "Second source question")
        qtbot.keyClicks(dialog.next_step, "Send the dual-source proposal")
        assert dialog.has_next_date.isChecked()  # typing a next step offers its date
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    shown = when_shown(ContactDialog, fill)
    window.log_contact_action.trigger()
    assert shown
    rows = document.plan.rows(CONTACTS)
    assert [r.key for r in rows[:-1]] == before
    added = rows[-1]
    assert added.get(Cell.kind) == "executive_visit"
    assert added.get(Cell.theirs) == "k2 k1" and added.get(Cell.ours) == "m1"
    assert added.get(Cell.next_date) == dt.date.today() + dt.timedelta(days=14)
    assert document.undo_stack.undoText() == "Log contact"

    assert document.flush()
    stored = document.portfolio.load_plan(document.plan_id)
    assert stored.row(CONTACTS, added.key) is not None

    document.undo_stack.undo()
    assert [r.key for r in document.plan.rows(CONTACTS)] == before
    assert document.flush()
    assert document.portfolio.load_plan(document.plan_id).row(CONTACTS, added.key) is None


def test_the_dialog_says_what_is_wrong_and_stays_open(document, qtbot):
    dialog = ContactDialog(document.plan, "en", TODAY)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.theirs, "Nobody Known")
    dialog.accept()
    assert dialog.record is None and not dialog.problem.isHidden()
    assert 'stakeholder: no "Nobody Known"' in dialog.problem.text()
    assert "purpose is required" in dialog.problem.text()


def test_the_stakeholder_table_shows_the_last_contact_and_flags_stale_decision_makers(document, qtbot):
    model = RecordTableModel(TEMPLATE.table(STAKEHOLDERS), "en")
    model.set_document(document)
    model.today = lambda: TODAY
    names = [r.get(Cell.name) for r in document.plan.rows(STAKEHOLDERS)]
    name_column = [c.key for c in model.columns].index(Cell.name)

    def at(name: str, role: Qt.ItemDataRole):  # type: ignore[no-untyped-def]
        return model.data(model.index(names.index(name), name_column), role)

    laura = at("Laura Zheng", Qt.ItemDataRole.ToolTipRole)
    assert "Last contact: 2026-07-15 (131 days ago)" in laura and "more than 90 days" in laura
    assert at("Laura Zheng", Qt.ItemDataRole.DecorationRole) is not None
    assert at("Victor Liang", Qt.ItemDataRole.DecorationRole) is None
    assert "Last contact: 2026-10-21" in at("Victor Liang", Qt.ItemDataRole.ToolTipRole)
    assert "No contact logged yet." in at("Tony Ma", Qt.ItemDataRole.ToolTipRole)


def test_removing_a_stakeholder_leaves_the_contacts_he_was_in_as_one_undo_step(document, qtbot):
    model = RecordTableModel(TEMPLATE.table(STAKEHOLDERS), "en")
    model.set_document(document)
    plan = document.plan
    laura = next(i for i, r in enumerate(plan.rows(STAKEHOLDERS)) if r.get(Cell.name) == "Laura Zheng")
    key = plan.rows(STAKEHOLDERS)[laura].key
    naming = [r.key for r in plan.rows(CONTACTS) if key in str(r.get(Cell.theirs) or "").split()]
    assert naming
    model.remove_rows([laura])
    assert plan.row(STAKEHOLDERS, key) is None
    assert all(key not in str(r.get(Cell.theirs) or "").split() for r in plan.rows(CONTACTS))
    assert document.undo_stack.undoText() == "Remove 1 row"  # one step, the contacts with it
    document.undo_stack.undo()
    assert plan.row(STAKEHOLDERS, key) is not None
    assert [r.key for r in plan.rows(CONTACTS) if key in str(r.get(Cell.theirs) or "").split()] == naming
