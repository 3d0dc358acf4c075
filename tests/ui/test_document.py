"""The open plan without widgets: autosave timing and coalescing, conflicts, undo of batches."""

from __future__ import annotations

import time

from kamplanner.domain.edits import Batch, SetCell, SetProse
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from kamplanner.ui.autosave import SAVE_DELAY_MS, SaveState, coalesce
from kamplanner.ui.document import PlanDocument


def test_typing_reaches_the_database_within_a_second_and_in_few_writes(document, qtbot, demo_portfolio):
    start_version = document.plan.version
    text = document.plan.text("summary.risks")
    started = time.monotonic()
    for ch in "abcdefghij":
        new = text + ch
        document.push(SetProse("summary.risks", text, new), "Type", merge=True)
        text = new
    assert document.save_state is SaveState.PENDING
    qtbot.waitUntil(lambda: document.save_state is SaveState.SAVED, timeout=2000)
    assert time.monotonic() - started < 1.0
    assert demo_portfolio.load_plan(document.plan_id).text("summary.risks") == text
    assert document.plan.version == start_version + 1  # ten keystrokes, one write
    assert document.undo_stack.count() == 1
    assert SAVE_DELAY_MS <= 500


def test_coalescing_keeps_the_first_old_and_the_last_new():
    a = SetCell("f", "r", "c", 1, 2)
    b = SetCell("f", "r", "c", 2, 3)
    assert coalesce(a, b) == SetCell("f", "r", "c", 1, 3)
    assert coalesce(a, SetCell("f", "r", "d", 2, 3)) is None
    assert coalesce(SetProse("p", "", "a"), SetProse("p", "a", "ab")) == SetProse("p", "", "ab")


def test_a_change_made_elsewhere_is_reported_and_our_edits_kept(document, qtbot, db_path):
    other = Database.open(db_path)
    try:
        elsewhere = Portfolio(other)
        plan = elsewhere.load_plan(document.plan_id)
        elsewhere.save_edits(
            plan.id,
            plan.version,
            [SetProse("summary.objectives", plan.text("summary.objectives"), "Changed elsewhere.")],
        )
        ours = document.plan.text("summary.risks") + " Ours."
        with qtbot.waitSignal(document.conflict, timeout=3000) as conflict:
            document.push(SetProse("summary.risks", document.plan.text("summary.risks"), ours), "Type")
        assert "changed elsewhere" in conflict.args[0]
        assert "kept" in conflict.args[0]
        assert document.plan.text("summary.objectives") == "Changed elsewhere."
        assert document.plan.text("summary.risks") == ours
        again = elsewhere.load_plan(document.plan_id)
        assert again.text("summary.risks") == ours and again.text("summary.objectives") == "Changed elsewhere."
        assert document.undo_stack.count() == 0
    finally:
        other.close()


def test_a_batch_is_one_undo_step(document):
    rows = document.plan.rows("strategy.opportunities")
    edits = tuple(SetCell("strategy.opportunities", r.key, "probability", r.get("probability"), 10.0) for r in rows)
    document.push(Batch(edits), "Set all")
    assert all(r.get("probability") == 10.0 for r in rows)
    document.undo_stack.undo()
    assert [r.get("probability") for r in rows] == [e.old for e in edits]


def test_a_deleted_plan_stops_autosave_and_says_so(document, qtbot, demo_portfolio):
    demo_portfolio.delete_plan(document.plan_id)
    document.push(SetProse("summary.risks", document.plan.text("summary.risks"), "late"), "Type")
    qtbot.waitUntil(lambda: document.save_state is SaveState.STOPPED, timeout=3000)
    assert "no longer exists" in document.autosave.error
    assert document.autosave.pending


def test_documents_share_nothing(demo_portfolio, qapp):
    plans = demo_portfolio.list_plans()
    a = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plans[0].id))
    b = PlanDocument(demo_portfolio, demo_portfolio.load_plan(plans[1].id))
    a.push(SetProse("summary.risks", a.plan.text("summary.risks"), "only a"), "Type")
    assert b.plan.text("summary.risks") != "only a"
    assert b.undo_stack.count() == 0
    a.flush()
