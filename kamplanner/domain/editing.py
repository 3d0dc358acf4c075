"""One open plan being edited, without Qt: edits checked and applied, undo and redo, the queue
of edits not yet saved, and unsaved edits put on top of a newer stored version.

The editor's document (ui/document.py) is a thin adapter over an ``EditingSession``: it turns
the session's notices into Qt signals, runs the autosave timer and validation a moment after
typing. The QUndoStack the window shows mirrors the session's history one step for one step
(ui/undo.py); the session decides what a step is, when typing merges into the step before,
and whether an undo still fits the plan.

Undo and redo are three-way, as a rebase is (domain/rebase.py): a step is undone only where
the plan still holds what the step left. So the history survives the plan being read again
(after a phase move, a review, another window's save): an undo whose thing was changed
elsewhere since is refused with a message, never written over the other change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .edits import Batch, Edit, EditError, SetCell, SetProse, SimpleEdit, flatten
from .model import Plan
from .rebase import Collision, Rebased, place_edit, rebase
from .validation import Issue, SectionCompleteness, completeness_percent, section_completeness, validate

# Typing in a prose field makes one undo step per burst: edits closer together than this
# merge into the step before.
TYPING_PAUSE = 1.5  # seconds

Notice = Callable[[Edit], None]


def coalesce(last: Edit, new: Edit) -> Edit | None:
    """One edit doing what ``last`` then ``new`` do, when they change the same text or cell;
    None when they do not. The save queue and the undo history both merge by this rule."""
    if isinstance(last, SetProse) and isinstance(new, SetProse) and last.field == new.field:
        return SetProse(last.field, last.old, new.new)
    if (
        isinstance(last, SetCell)
        and isinstance(new, SetCell)
        and (last.field, last.row, last.column) == (new.field, new.row, new.column)
    ):
        return SetCell(last.field, last.row, last.column, last.old, new.new)
    return None


def does_nothing(edit: Edit) -> bool:
    """A text or cell set to what it was (typed and deleted again)."""
    return isinstance(edit, (SetProse, SetCell)) and edit.old == edit.new


@dataclass
class Step:
    """One undoable step: what the user did (maybe a Batch), named for the Edit menu."""

    edit: Edit
    text: str
    typing: bool = False  # a keystroke in a prose field: later ones may merge into it
    at: float = 0.0  # when it was last extended


@dataclass(frozen=True)
class Checked:
    """What validation found in the plan, indexed the way the editor asks for it."""

    issues: list[Issue]
    completeness: list[SectionCompleteness]
    _cells: dict[tuple[str, str | None, str | None], list[Issue]] = field(default_factory=dict)
    _fields: dict[str, list[Issue]] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: Plan) -> Checked:
        issues = validate(plan)
        cells: dict[tuple[str, str | None, str | None], list[Issue]] = {}
        fields: dict[str, list[Issue]] = {}
        for issue in issues:
            fields.setdefault(issue.field, []).append(issue)
            cells.setdefault((issue.field, issue.row, issue.column), []).append(issue)
        return cls(issues, section_completeness(plan), cells, fields)

    def cell_issues(self, field: str, row: str | None, column: str | None) -> list[Issue]:
        """Issues of one cell; a row-wide issue (no column) counts for every cell of the row."""
        found = self._cells.get((field, row, column), [])
        if row is not None and column is not None:
            found = found + self._cells.get((field, row, None), [])
        return found

    def field_issues(self, field: str) -> list[Issue]:
        return self._fields.get(field, [])

    def table_issues(self, field: str) -> list[Issue]:
        """Issues about a table as a whole (not one row), such as weights not adding up."""
        return [i for i in self._fields.get(field, []) if i.row is None]

    @property
    def percent(self) -> int:
        return completeness_percent(self.completeness)


class EditingSession:
    """A plan, its undo history and its unsaved edits.

    ``before`` and ``after`` hear about each simple edit as it changes the plan (so item models
    can wrap the change); they are not called for an edit that does not fit."""

    def __init__(
        self,
        plan: Plan,
        *,
        before: Notice | None = None,
        after: Notice | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.plan = plan
        self.before = before
        self.after = after
        self.clock = clock
        self.steps: list[Step] = []
        self.index = 0  # steps[:index] are done; the rest can be redone
        self.pending: list[Edit] = []  # applied, not yet saved; oldest first, coalesced

    # ---- doing

    def do(self, edit: Edit, text: str = "", *, typing: bool = False) -> Step:
        """Apply ``edit`` (all of it or, raising EditError, none) and make it a new step on top
        of the done ones; the steps that could be redone are forgotten."""
        self._apply(edit)
        del self.steps[self.index :]
        step = Step(edit, text, typing=typing and isinstance(edit, SetProse), at=self.clock())
        self.steps.append(step)
        self.index = len(self.steps)
        return step

    def merge_last(self) -> bool | None:
        """Fold the newest step into the one before when both are typing in one text within
        the typing pause. True: merged; None: merged, and together they change nothing, so the
        step is gone; False: not merged."""
        if self.index != len(self.steps) or self.index < 2:
            return False
        older, newer = self.steps[-2], self.steps[-1]
        if not (older.typing and newer.typing) or newer.at - older.at > TYPING_PAUSE:
            return False
        merged = coalesce(older.edit, newer.edit)
        if merged is None:
            return False
        self.steps.pop()
        self.index -= 1
        older.edit, older.at = merged, newer.at
        if does_nothing(merged):
            self.steps.pop()
            self.index -= 1
            return None
        return True

    # ---- undo and redo

    @property
    def can_undo(self) -> bool:
        return self.index > 0

    @property
    def can_redo(self) -> bool:
        return self.index < len(self.steps)

    def undo(self) -> Edit:
        """Undo the newest done step. A step that no longer fits (what it changed was changed
        elsewhere since) is dropped from the history and EditError says why."""
        if not self.can_undo:
            raise EditError("nothing to undo")
        step = self.steps[self.index - 1]
        try:
            done = self._apply_fitting(step.edit.inverse())
        except EditError:
            del self.steps[self.index - 1]
            self.index -= 1
            raise
        self.index -= 1
        return done

    def redo(self) -> Edit:
        """Do again the oldest undone step; one that no longer fits is dropped (EditError)."""
        if not self.can_redo:
            raise EditError("nothing to redo")
        step = self.steps[self.index]
        try:
            done = self._apply_fitting(step.edit)
        except EditError:
            del self.steps[self.index]
            raise
        self.index += 1
        return done

    def clear_history(self) -> None:
        self.steps.clear()
        self.index = 0

    # ---- saving

    def take_pending(self) -> list[Edit]:
        """The unsaved edits, handed to whoever writes them (and no longer pending)."""
        edits, self.pending = self.pending, []
        return edits

    def put_back(self, edits: list[Edit]) -> None:
        """Edits whose write failed: pending again, before any made since."""
        self.pending = edits + self.pending

    def rebase(self, fresh: Plan) -> Rebased:
        """Take ``fresh`` (a newer stored version) as the plan, with the unsaved edits put on top
        three-way; what fitted is pending again. The history is kept: its steps undo three-way."""
        result = rebase(fresh, self.pending)
        self.plan = fresh
        self.pending = list(result.kept)
        return result

    # ---- checking

    def check(self) -> Checked:
        return Checked.of(self.plan)

    # ---- inside

    def _apply_fitting(self, edit: Edit) -> Edit:
        """Apply an undo or redo where the plan still holds what it starts from; returns what
        was applied (parts the plan holds already are left out)."""
        return self._apply(edit, fitting=True)

    def _apply(self, edit: Edit, *, fitting: bool = False) -> Edit:
        """Apply every simple edit of ``edit`` in turn, or none of them (EditError). With
        ``fitting``, each is first placed on the plan as its earlier parts left it, three-way."""
        done: list[SimpleEdit] = []
        try:
            for part in flatten([edit]):
                placed: Edit | Collision | None = place_edit(self.plan, part) if fitting else part
                if isinstance(placed, Collision):
                    raise EditError(f"{placed.where} was changed since; that step can no longer be undone or redone")
                if placed is None:
                    continue  # the plan holds it already
                for simple in flatten([placed]):
                    simple.check(self.plan)
                    if self.before is not None:
                        self.before(simple)
                    simple.apply(self.plan)
                    done.append(simple)
                    if self.after is not None:
                        self.after(simple)
        except EditError:
            for applied in reversed(done):
                undo = applied.inverse()
                if self.before is not None:
                    self.before(undo)
                undo.apply(self.plan)
                if self.after is not None:
                    self.after(undo)
            raise
        applied_edit: Edit = edit if not fitting else (done[0] if len(done) == 1 else Batch(tuple(done)))
        if done:
            self._queue(applied_edit)
        return applied_edit

    def _queue(self, edit: Edit) -> None:
        merged = coalesce(self.pending[-1], edit) if self.pending else None
        if merged is not None:
            self.pending[-1] = merged
        else:
            self.pending.append(edit)
