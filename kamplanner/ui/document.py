"""One open plan in the window: a Qt adapter over the domain's editing session.

The session (domain/editing.py) holds the plan, checks and applies each edit, keeps the undo
history and the unsaved edits, and rebases them onto a newer stored version. This adapter
turns its notices into signals (``aboutToApply``/``applied``, one simple edit at a time, so item
models can wrap the change in begin/end calls; ``changed`` for a whole step), runs the autosave
timer over the session's queue, and validation a moment after the last change.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from ..domain.editing import Checked, EditingSession
from ..domain.edits import Edit, SetAccount
from ..domain.model import Plan
from ..domain.template import TEMPLATE
from ..domain.validation import Issue, SectionCompleteness
from ..services import NotFound, Portfolio, StaleVersion
from .autosave import AutoSaver, SaveState
from .undo import EditCommand, SessionUndoStack

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

CHECK_DELAY_MS = 200  # validation waits for a pause this long; typing is never held up by it


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
    replayed = Signal(object, str)  # an edit undone or redone (from the undo stack), and what to say of it
    notice = Signal(str)  # something done the user should know of (rows removed: how many, and undo)
    conflict = Signal(str)  # the plan changed elsewhere and was reloaded
    collided = Signal(list)  # rebase Collisions: our edit and the value stored elsewhere, both kept to see

    def __init__(self, portfolio: Portfolio, plan: Plan, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.session = EditingSession(plan, before=self.aboutToApply.emit, after=self.applied.emit)
        self.undo_stack = SessionUndoStack(self)
        self.autosave = AutoSaver(self.session, self._write, self)
        self.autosave.stateChanged.connect(self.saveStateChanged)
        self.checked = Checked([], [])
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self.check_now()

    @property
    def plan(self) -> Plan:
        return self.session.plan

    @property
    def plan_id(self) -> int:
        assert self.plan.id is not None
        return self.plan.id

    @property
    def title(self) -> str:
        return f"{self.plan.account.name} {self.plan.year}"

    # ---- changing the plan

    def push(self, edit: Edit, text: str, *, merge: bool = False) -> None:
        """Make an undoable step of ``edit`` and do it (``merge``: typing, which may merge)."""
        self.undo_stack.push(EditCommand(self, edit, text, merge=merge))

    # What the undo stack's commands call: the session does it, the views and autosave hear.

    def do(self, edit: Edit, text: str = "", *, typing: bool = False) -> None:
        self.session.do(edit, text, typing=typing)
        self._done(edit)

    def undo(self) -> None:
        self._done(self.session.undo())

    def redo(self) -> None:
        self._done(self.session.redo())

    def _done(self, edit: Edit) -> None:
        self.autosave.schedule()
        self.changed.emit(edit)
        self._check_timer.start()

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
        """The plan changed elsewhere: take the stored version and put this window's unsaved
        edits on top, three-way. An edit to something changed elsewhere too is not written over
        it: the stored value stays and both are shown (``collided``), so nothing is lost unseen.
        The undo history is cleared: its steps were made on content someone else has changed."""
        self.session.put_back(edits)
        result = self.session.rebase(self.portfolio.load_plan(self.plan_id))
        self.undo_stack.clear()
        self.reloaded.emit()
        self.check_now()
        # What fitted is pending again, on the fresh version: the autosave writes it next.
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
        """Read the plan again from the database (after saving what is queued), keeping the
        undo history: a phase move or a review changes the plan's phase and version, and the
        content edit made before it can still be undone."""
        self.flush()
        self.session.rebase(self.portfolio.load_plan(self.plan_id))
        self.reloaded.emit()
        self.check_now()
        if self.session.pending:
            self.autosave.schedule()

    def take_remote(self, who: str) -> None:
        """Someone else saved this plan (a team server told us): show what they did, keeping
        what this window has not saved yet. This window's queued edits are written first; when
        theirs came first, ours are put on top of theirs, and an edit to something they changed
        too is shown beside their value (``collided``), never written over it."""
        self.flush()
        stored = self.portfolio.load_plan(self.plan_id)
        if stored.version != self.plan.version:
            self.undo_stack.clear()  # its steps were made on content someone else has changed
        self.session.rebase(stored)
        self.reloaded.emit()
        self.check_now()
        if self.session.pending:
            self.autosave.schedule()
        self.notice.emit(
            translate("PlanDocument", "%1 saved changes to this plan; they are shown here.").replace("%1", who)
        )

    # ---- validation and completeness

    def check_now(self) -> None:
        self._check_timer.stop()
        self.checked = self.session.check()
        self.issuesChanged.emit()

    @property
    def issues(self) -> list[Issue]:
        return self.checked.issues

    @property
    def completeness(self) -> list[SectionCompleteness]:
        return self.checked.completeness

    def cell_issues(self, field: str, row: str | None, column: str | None) -> list[Issue]:
        """Issues of one cell; a row-wide issue (no column) counts for every cell of the row."""
        return self.checked.cell_issues(field, row, column)

    def field_issues(self, field: str) -> list[Issue]:
        return self.checked.field_issues(field)

    def table_issues(self, field: str) -> list[Issue]:
        """Issues about a table as a whole (not one row), such as weights not adding up."""
        return self.checked.table_issues(field)

    @property
    def completeness_percent(self) -> int:
        return self.checked.percent

    def is_missing(self, path: str) -> bool:
        f = TEMPLATE.field(path)
        return f.required and self.plan.is_empty(path)

    # ---- account facts

    def set_account(self, attribute: str, value: object, text: str) -> None:
        old = getattr(self.plan.account, attribute)
        if old != value:
            self.push(SetAccount(attribute, old, value), text)
