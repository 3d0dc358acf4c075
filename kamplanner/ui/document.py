"""One open plan: the plan in memory, its undo stack, its autosave and its validation.

Every change goes through ``push`` (an undoable step) and ``execute`` (what the step does):
the edit is applied to the in-memory plan at once, the views hear about it through
``aboutToApply``/``applied`` (one simple edit at a time, so item models can wrap the change in
begin/end calls), the autosave queue takes it, and validation runs a moment later.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..domain.edits import Edit, EditError, InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetProse, flatten
from ..domain.model import Plan
from ..domain.rebase import rebase
from ..domain.template import TEMPLATE, Prose
from ..domain.validation import (
    Issue,
    SectionCompleteness,
    completeness_percent,
    section_completeness,
    validate,
)
from ..services import NotFound, Portfolio, StaleVersion
from .autosave import AutoSaver, SaveState
from .undo import EditCommand

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

CHECK_DELAY_MS = 200  # validation waits for a pause this long; typing is never held up by it


def check_applicable(plan: Plan, edit: Edit) -> None:
    """Raise EditError when a simple edit would not apply, before anyone is told it is coming."""
    if isinstance(edit, SetProse):
        if not isinstance(TEMPLATE.field(edit.field), Prose):
            raise EditError(f"{edit.field} is not a prose field")
    elif isinstance(edit, SetCell):
        if plan.row(edit.field, edit.row) is None:
            raise EditError(f"{edit.field}: no row {edit.row!r}")
    elif isinstance(edit, InsertRow):
        rows = plan.rows(edit.field)
        if not 0 <= edit.index <= len(rows) or any(r.key == edit.record.key for r in rows):
            raise EditError(f"{edit.field}: cannot insert row {edit.record.key!r} at {edit.index}")
    elif isinstance(edit, RemoveRow):
        rows = plan.rows(edit.field)
        if not 0 <= edit.index < len(rows) or rows[edit.index].key != edit.record.key:
            raise EditError(f"{edit.field}: row {edit.record.key!r} is not at {edit.index}")
    elif isinstance(edit, MoveRow):
        n = len(plan.rows(edit.field))
        if not (0 <= edit.source < n and 0 <= edit.target < n):
            raise EditError(f"{edit.field}: cannot move row {edit.source} to {edit.target}")


def detach(signal, slot) -> None:  # type: ignore[no-untyped-def]
    """Disconnect a view from a document; a document already closed took its connections along."""
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


class PlanDocument(QObject):
    aboutToApply = Signal(object)  # a simple edit about to change the plan
    applied = Signal(object)  # a simple edit that has changed the plan
    changed = Signal(object)  # a whole step (maybe a Batch), after all its parts
    issuesChanged = Signal()  # validation and completeness were recomputed
    reloaded = Signal()  # the plan object was replaced (reloaded from the database)
    saveStateChanged = Signal()
    saved = Signal()  # a write reached the database; plan.version is the new version
    problem = Signal(str)  # something the user should read: bad input, a refused edit
    conflict = Signal(str)  # the plan changed elsewhere and was reloaded
    collided = Signal(list)  # rebase Collisions: our edit and the value stored elsewhere, both kept to see

    def __init__(self, portfolio: Portfolio, plan: Plan, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.plan = plan
        self.undo_stack = QUndoStack(self)
        self.autosave = AutoSaver(self._write, self)
        self.autosave.stateChanged.connect(self.saveStateChanged)
        self.issues: list[Issue] = []
        self.completeness: list[SectionCompleteness] = []
        self._cell_issues: dict[tuple[str, str | None, str | None], list[Issue]] = {}
        self._field_issues: dict[str, list[Issue]] = {}
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self.check_now()

    @property
    def plan_id(self) -> int:
        assert self.plan.id is not None
        return self.plan.id

    @property
    def title(self) -> str:
        return f"{self.plan.account.name} {self.plan.year}"

    # ---- changing the plan

    def push(self, edit: Edit, text: str, *, merge: bool = False) -> None:
        """Make an undoable step of ``edit`` and do it."""
        self.undo_stack.push(EditCommand(self, edit, text, merge=merge))

    def execute(self, edit: Edit) -> None:
        """Apply an edit to the plan, tell the views, queue it for saving (undo steps call this)."""
        done: list[Edit] = []
        try:
            for part in flatten([edit]):
                self._apply_one(part)
                done.append(part)
        except EditError:
            for part in reversed(done):
                self._apply_one(part.inverse())
            raise
        self.autosave.enqueue(edit)
        self.changed.emit(edit)
        self._check_timer.start()

    def _apply_one(self, edit: Edit) -> None:
        check_applicable(self.plan, edit)
        self.aboutToApply.emit(edit)
        edit.apply(self.plan)
        self.applied.emit(edit)

    # ---- saving

    @property
    def save_state(self) -> SaveState:
        return self.autosave.state

    def flush(self) -> bool:
        """Write what is queued now; True when nothing is left unsaved."""
        return self.autosave.flush()

    def _write(self, edits: list[Edit]) -> None:
        try:
            self.plan.version = self.portfolio.save_edits(self.plan_id, self.plan.version, edits)
        except StaleVersion:
            self._rebase(edits)
            return
        except NotFound:
            self.autosave.stop(translate("PlanDocument", "This plan no longer exists in the database."))
            raise
        self.saved.emit()

    def _rebase(self, edits: list[Edit]) -> None:
        """The plan changed elsewhere: reload it and put this window's unsaved edits on top,
        three-way. An edit to something changed elsewhere too is not written over it: the
        stored value stays and both are shown (``collided``), so nothing is lost unseen."""
        fresh = self.portfolio.load_plan(self.plan_id)
        result = rebase(fresh, edits)
        self.plan = fresh
        self.undo_stack.clear()  # its steps were made on the old content
        self.reloaded.emit()
        self.check_now()
        if result.kept:
            self.plan.version = self.portfolio.save_edits(self.plan_id, fresh.version, result.kept)
            self.saved.emit()
        message = translate(
            "PlanDocument",
            "This plan was changed elsewhere (another window or program) and has been reloaded.",
        )
        if result.collisions:
            message += " " + translate(
                "PlanDocument",
                "%n of your latest edits changed what was also changed there; the other version was kept"
                " and yours is shown so you can apply it again.",
                "",
                len(result.collisions),
            )
        elif result.dropped:
            message += " " + translate(
                "PlanDocument", "%n of your latest edits no longer fitted and were dropped.", "", result.dropped
            )
        elif result.kept:
            message += " " + translate("PlanDocument", "Your latest edits were kept and saved on top.")
        message += " " + translate("PlanDocument", "Undo history was cleared.")
        self.conflict.emit(message)
        if result.collisions:
            self.collided.emit(result.collisions)

    def reload(self) -> None:
        """Read the plan again from the database (after saving what is queued)."""
        self.flush()
        self.plan = self.portfolio.load_plan(self.plan_id)
        self.undo_stack.clear()
        self.reloaded.emit()
        self.check_now()

    # ---- validation and completeness

    def check_now(self) -> None:
        self._check_timer.stop()
        self.issues = validate(self.plan)
        cells: dict[tuple[str, str | None, str | None], list[Issue]] = defaultdict(list)
        fields: dict[str, list[Issue]] = defaultdict(list)
        for issue in self.issues:
            fields[issue.field].append(issue)
            cells[(issue.field, issue.row, issue.column)].append(issue)
        self._cell_issues, self._field_issues = dict(cells), dict(fields)
        self.completeness = section_completeness(self.plan)
        self.issuesChanged.emit()

    def cell_issues(self, field: str, row: str | None, column: str | None) -> list[Issue]:
        """Issues of one cell; a row-wide issue (no column) counts for every cell of the row."""
        found = self._cell_issues.get((field, row, column), [])
        if row is not None and column is not None:
            found = found + self._cell_issues.get((field, row, None), [])
        return found

    def field_issues(self, field: str) -> list[Issue]:
        return self._field_issues.get(field, [])

    def table_issues(self, field: str) -> list[Issue]:
        """Issues about a table as a whole (not one row), such as weights not adding up."""
        return [i for i in self._field_issues.get(field, []) if i.row is None]

    @property
    def completeness_percent(self) -> int:
        return completeness_percent(self.completeness)

    def is_missing(self, path: str) -> bool:
        f = TEMPLATE.field(path)
        return f.required and self.plan.is_empty(path)

    # ---- account facts

    def set_account(self, attribute: str, value: object, text: str) -> None:
        old = getattr(self.plan.account, attribute)
        if old != value:
            self.push(SetAccount(attribute, old, value), text)
