"""The editing session without Qt: edits checked and applied, typing merged, undo and redo
three-way, unsaved edits queued and put on a newer stored version."""

from __future__ import annotations

import pytest

from kamplanner.domain.editing import TYPING_PAUSE, EditingSession, coalesce
from kamplanner.domain.edits import Batch, EditError, InsertRow, RemoveRow, SetCell, SetProse
from kamplanner.domain.model import Phase, Record
from tests.factories import full_plan

OPPS = "strategy.opportunities"
TEXT = "summary.strategy"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def session_of(plan=None, clock=None):  # type: ignore[no-untyped-def]
    heard: list[tuple[str, object]] = []
    session = EditingSession(
        plan or full_plan(),
        before=lambda e: heard.append(("before", e)),
        after=lambda e: heard.append(("after", e)),
        clock=clock or Clock(),
    )
    return session, heard


def typing(session, clock, *texts):  # type: ignore[no-untyped-def]
    """Type ``texts`` one after another into TEXT, a keystroke each, merging as the editor asks."""
    for text in texts:
        session.do(SetProse(TEXT, session.plan.prose.get(TEXT, ""), text), "Typing", typing=True)
        session.merge_last()
        clock.now += 0.2


def test_an_edit_is_applied_heard_queued_and_undone_and_redone():
    session, heard = session_of()
    old = session.plan.row(OPPS, "o1").get("value")
    edit = SetCell(OPPS, "o1", "value", old, 5.0)
    session.do(edit, "Edit cell")
    assert session.plan.row(OPPS, "o1").get("value") == 5.0
    assert heard == [("before", edit), ("after", edit)]
    assert session.pending == [edit]
    assert session.undo() == edit.inverse()
    assert session.plan.row(OPPS, "o1").get("value") == old
    assert session.pending == [SetCell(OPPS, "o1", "value", old, old)]  # the queue merges the cell
    assert (session.can_undo, session.can_redo) == (False, True)
    session.redo()
    assert session.plan.row(OPPS, "o1").get("value") == 5.0


def test_an_edit_that_does_not_fit_changes_nothing_and_no_view_hears_of_it():
    session, heard = session_of()
    before = session.plan.copy()
    with pytest.raises(EditError):
        session.do(SetCell(OPPS, "no-such-row", "value", None, 1.0))
    with pytest.raises(EditError):
        session.do(SetCell(OPPS, "o1", "no_such_column", None, 1.0))
    with pytest.raises(EditError):
        session.do(SetProse("strategy.opportunities", "", "x"))  # a table, not a prose field
    assert heard == [] and session.pending == [] and session.steps == []
    assert session.plan == before


def test_a_batch_that_fails_half_way_is_taken_back_whole():
    session, heard = session_of()
    before = session.plan.copy()
    good = SetCell(OPPS, "o1", "value", session.plan.row(OPPS, "o1").get("value"), 9.0)
    with pytest.raises(EditError):
        session.do(Batch((good, RemoveRow(OPPS, 99, Record("zz")))))
    assert session.plan == before
    assert heard == [("before", good), ("after", good), ("before", good.inverse()), ("after", good.inverse())]
    assert session.pending == [] and session.steps == []


def test_typing_in_one_burst_is_one_step_and_a_pause_starts_another():
    clock = Clock()
    session, _ = session_of(clock=clock)
    start = session.plan.prose[TEXT]
    typing(session, clock, "a", "ab", "abc")
    assert len(session.steps) == 1 and session.steps[0].edit == SetProse(TEXT, start, "abc")
    clock.now += TYPING_PAUSE + 0.1
    typing(session, clock, "abcd")
    assert len(session.steps) == 2
    session.undo()
    assert session.plan.prose[TEXT] == "abc"
    session.undo()
    assert session.plan.prose[TEXT] == start


def test_typed_and_deleted_again_leaves_no_step():
    clock = Clock()
    session, _ = session_of(clock=clock)
    start = session.plan.prose[TEXT]
    typing(session, clock, start + "x", start)
    assert session.steps == [] and not session.can_undo


def test_cells_never_merge_into_one_undo_step_but_the_save_queue_merges_them():
    session, _ = session_of()
    old = session.plan.row(OPPS, "o1").get("value")
    session.do(SetCell(OPPS, "o1", "value", old, 1.0))
    session.do(SetCell(OPPS, "o1", "value", 1.0, 2.0))
    assert session.merge_last() is False and len(session.steps) == 2
    assert session.pending == [SetCell(OPPS, "o1", "value", old, 2.0)]
    assert coalesce(SetCell(OPPS, "o1", "value", 1, 2), SetCell(OPPS, "o2", "value", 2, 3)) is None


def test_a_new_edit_forgets_what_could_be_redone():
    session, _ = session_of()
    session.do(SetProse(TEXT, session.plan.prose[TEXT], "one"))
    session.undo()
    session.do(SetProse(TEXT, session.plan.prose[TEXT], "two"))
    assert not session.can_redo and len(session.steps) == 1


def test_a_failed_write_puts_the_edits_back_before_later_ones():
    session, _ = session_of()
    session.do(SetProse(TEXT, session.plan.prose[TEXT], "first"))
    taken = session.take_pending()
    session.do(SetProse("summary.risks", session.plan.prose["summary.risks"], "second"))
    session.put_back(taken)
    assert [e.new for e in session.pending] == ["first", "second"]


def test_the_history_outlives_reading_the_plan_again_after_a_phase_move():
    # A phase move stores a new version with the same content; the session takes it and the
    # edit made before it can still be undone.
    session, _ = session_of()
    start = session.plan.prose[TEXT]
    session.do(SetProse(TEXT, start, "before the move"), "Typing")
    session.take_pending()  # saved
    moved = session.plan.copy()
    moved.phase, moved.version = Phase.REVIEW, moved.version + 2
    session.rebase(moved)
    assert session.plan is moved and session.can_undo
    session.undo()
    assert moved.prose[TEXT] == start
    assert session.pending == [SetProse(TEXT, "before the move", start)]


def test_an_undo_of_something_changed_elsewhere_since_is_refused_and_dropped():
    session, _ = session_of()
    start = session.plan.prose[TEXT]
    session.do(SetProse(TEXT, start, "mine"))
    session.do(SetCell(OPPS, "o1", "value", session.plan.row(OPPS, "o1").get("value"), 7.0))
    session.take_pending()
    fresh = session.plan.copy()
    fresh.prose[TEXT] = "theirs"  # another window changed the text; nobody touched the cell
    session.rebase(fresh)
    session.undo()  # the cell: still 7.0 here, so it undoes
    assert fresh.row(OPPS, "o1").get("value") != 7.0
    with pytest.raises(EditError, match="changed since"):
        session.undo()
    assert fresh.prose[TEXT] == "theirs"  # not written over
    assert len(session.steps) == 1 and session.index == 0  # the refused step is gone, the cell's can be redone
    session.redo()
    assert fresh.row(OPPS, "o1").get("value") == 7.0


def test_unsaved_edits_go_on_top_of_a_newer_version_three_way():
    session, _ = session_of()
    session.do(SetProse(TEXT, session.plan.prose[TEXT], "mine"))
    session.do(SetProse("summary.risks", session.plan.prose["summary.risks"], "also mine"))
    fresh = full_plan()
    fresh.prose["summary.risks"] = "theirs"
    result = session.rebase(fresh)
    assert fresh.prose[TEXT] == "mine" and fresh.prose["summary.risks"] == "theirs"
    assert [c.mine for c in result.collisions] == ["also mine"]
    assert session.pending == result.kept and [e.new for e in result.kept] == ["mine"]


def test_undoing_a_pasted_block_removes_the_row_it_added_and_restores_the_cells():
    session, _ = session_of()
    rows = session.plan.rows(OPPS)
    n, old = len(rows), rows[-1].get("name")
    paste = Batch(
        (SetCell(OPPS, rows[-1].key, "name", old, "Renamed"), InsertRow(OPPS, n, Record("oNEW", {"name": "Pasted"})))
    )
    session.do(paste, "Paste")
    assert len(session.plan.rows(OPPS)) == n + 1
    session.undo()
    assert len(session.plan.rows(OPPS)) == n and session.plan.rows(OPPS)[-1].get("name") == old
    session.redo()
    assert [r.get("name") for r in session.plan.rows(OPPS)[-2:]] == ["Renamed", "Pasted"]


def test_validation_is_indexed_by_cell_and_field():
    plan = full_plan()
    key = plan.rows(OPPS)[0].key
    plan.row(OPPS, key).values["probability"] = 250.0  # over 100
    checked = EditingSession(plan).check()
    assert any(i.column == "probability" for i in checked.cell_issues(OPPS, key, "probability"))
    assert checked.field_issues(OPPS) and all(i.row is not None for i in checked.field_issues(OPPS))
    assert 0 <= checked.percent <= 100
