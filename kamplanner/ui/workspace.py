"""What the window works on: the portfolio, the plans open in it (each with its undo history)
and the portfolio-level operations (new, duplicate, delete and restore, import, export).

Recently opened plans stay in memory with their undo stacks, so going back to a plan is
instant and its undo history is still there. Only the use cases in services.py touch the database.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup

from ..domain.edits import Batch, Edit, SetAccount
from ..domain.model import Account, PlanSummary
from ..domain.ops import Changes, Scope
from ..domain.validation import completeness_percent, section_completeness
from ..services import NotFound, Portfolio, RemoteChange
from .document import PlanDocument

KEEP_OPEN = 12  # plans kept in memory with their undo history
GATHER_MS = 100  # notices from a team server arriving this close together are taken in at once


@dataclass(frozen=True)
class DeletedPlan:
    title: str
    text: str  # the plan file delete_plan handed back: importing it brings the plan back


class Workspace(QObject):
    currentChanged = Signal(object)  # PlanDocument | None
    portfolioChanged = Signal()  # accounts or plans were added, removed or renamed
    planUpdated = Signal(int)  # one plan's summary (version, completeness, account facts) changed
    deletedChanged = Signal()
    documentClosed = Signal(object)  # a PlanDocument about to be deleted: views let go of it
    changed = Signal(object)  # Changes: what an operation of the portfolio changed (after this workspace took it in)
    heard = Signal(object)  # a RemoteChange, emitted in the listener's thread (Qt queues it to ours)
    liveChanged = Signal(bool)  # the team server's notices are (no longer) heard (in the GUI thread)
    _live_heard = Signal(bool)  # the same, emitted in the listener's thread

    def __init__(self, portfolio: Portfolio, parent: QObject | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self._unsubscribe = portfolio.subscribe(self._announced)
        self.undo_group = QUndoGroup(self)
        self.documents: OrderedDict[int, PlanDocument] = OrderedDict()
        self.current: PlanDocument | None = None
        self.deleted: list[DeletedPlan] = []
        self.summaries: list[PlanSummary] = []
        self.accounts: list[Account] = []
        self._listener = None
        self._remote: list[RemoteChange] = []
        self._names: dict[str, str] = {}
        self._gather = QTimer(self, singleShot=True, interval=GATHER_MS)
        self._gather.timeout.connect(self._take_remote)
        self.heard.connect(self._heard)
        self._live_heard.connect(self.liveChanged)  # queued to this object's (the GUI) thread

    # ---- the portfolio

    def refresh(self) -> None:
        self.summaries = self.portfolio.list_plans()
        self.accounts = self.portfolio.list_accounts()
        self.portfolioChanged.emit()

    def summary(self, plan_id: int) -> PlanSummary | None:
        return next((s for s in self.summaries if s.id == plan_id), None)

    def account_names(self, except_id: int | None = None) -> set[str]:
        return {a.name for a in self.accounts if a.id != except_id}

    # ---- open plans

    def open(self, plan_id: int) -> PlanDocument:
        document = self.documents.get(plan_id)
        if document is None:
            document = PlanDocument(self.portfolio, self.portfolio.load_plan(plan_id), self)
            document.saved.connect(lambda d=document: self._saved(d))
            document.changed.connect(lambda edit, d=document: self._changed(d, edit))
            self.undo_group.addStack(document.undo_stack)
            self.documents[plan_id] = document
        else:
            self.documents.move_to_end(plan_id)
        self.current = document
        self._forget_old()
        self.undo_group.setActiveStack(document.undo_stack)
        self.currentChanged.emit(document)
        return document

    def close_current(self) -> None:
        self.current = None
        self.undo_group.setActiveStack(None)
        self.currentChanged.emit(None)

    def _forget_old(self) -> None:
        """Close the plans opened longest ago (their edits are saved first); never the current one."""
        for plan_id in list(self.documents)[: max(0, len(self.documents) - max(KEEP_OPEN, 1))]:
            if self.documents[plan_id] is not self.current:
                self._close(plan_id)

    def _close(self, plan_id: int) -> bool:
        document = self.documents.get(plan_id)
        if document is None:
            return True
        saved = document.flush()
        self.undo_group.removeStack(document.undo_stack)
        del self.documents[plan_id]
        if document is self.current:
            self.close_current()
        self.documentClosed.emit(document)
        document.deleteLater()
        return saved

    def flush_all(self) -> bool:
        """Write every queued edit now (before closing, exporting, switching databases)."""
        return all([d.flush() for d in self.documents.values()])

    def unsaved(self) -> list[PlanDocument]:
        return [d for d in self.documents.values() if d.autosave.pending]

    def _saved(self, document: PlanDocument) -> None:
        self._update_summary(document)

    def _changed(self, document: PlanDocument, edit: Edit) -> None:
        parts = edit.edits if isinstance(edit, Batch) else (edit,)
        if any(isinstance(e, SetAccount) for e in parts):
            account = document.plan.account
            for i, a in enumerate(self.accounts):
                if a.id == account.id:
                    self.accounts[i] = Account(**vars(account))
            self._update_summary(document)

    def _update_summary(self, document: PlanDocument) -> None:
        from dataclasses import replace

        plan = document.plan
        for i, s in enumerate(self.summaries):
            if s.id == plan.id:
                self.summaries[i] = replace(
                    s,
                    version=plan.version,
                    version_label=plan.version_label,
                    # computed now: the document's figure waits for the validation pause
                    completeness=completeness_percent(section_completeness(plan)),
                    account=plan.account.name,
                    tier=plan.account.tier,
                    manager=plan.account.manager,
                )
                self.planUpdated.emit(plan.id)
                return

    # ---- portfolio operations (each a use case; its announcement has the lists read again)

    def add_account(self, account: Account) -> int:
        return self.portfolio.add_account(account)

    def new_plan(self, account_id: int, year: int, language: str, currency: str | None = None) -> int:
        return self.portfolio.new_plan(account_id, year, language, currency)

    def duplicate(self, plan_id: int, year: int) -> int:
        document = self.documents.get(plan_id)
        if document is not None:
            document.flush()
        return self.portfolio.duplicate_plan(plan_id, year)

    def delete(self, plan_id: int) -> DeletedPlan:
        document = self.documents.get(plan_id)
        summary = self.summary(plan_id)
        title = document.title if document else f"{summary.account} {summary.year}" if summary else str(plan_id)
        if document is not None:
            self._close(plan_id)
        deleted = DeletedPlan(title, self.portfolio.delete_plan(plan_id))
        self.deleted.append(deleted)
        self.deletedChanged.emit()
        return deleted

    def restore(self, deleted: DeletedPlan | None = None) -> int:
        """Bring back a plan deleted in this session (the last one by default)."""
        deleted = deleted or self.deleted[-1]
        plan_id = self.portfolio.import_json(deleted.text)
        self.deleted.remove(deleted)
        self.deletedChanged.emit()
        return plan_id

    def import_file(self, path: Path, replace: bool = False) -> int:
        """Raises PlanFileError (with every problem) or Conflict; see Portfolio.import_json."""
        data = path.read_bytes()
        if replace:
            # The replaced plan's open document would hold the old content: drop it first.
            for plan_id in list(self.documents):
                self._close(plan_id) if self.documents[plan_id] is not self.current else None
        return self.portfolio.import_json(data, replace=replace)  # its announcement reloads an open plan it replaced

    def export_file(self, plan_id: int, path: Path) -> None:
        document = self.documents.get(plan_id)
        if document is not None:
            document.flush()
        path.write_text(self.portfolio.export_json(plan_id), encoding="utf-8")

    def set_portfolio(self, portfolio: Portfolio) -> None:
        """Work on another database from now on (Preferences ▸ database location)."""
        self.stop_listening()
        self.flush_all()
        for plan_id in list(self.documents):
            self._close(plan_id)
        self._unsubscribe()
        self.portfolio = portfolio
        self._unsubscribe = portfolio.subscribe(self._announced)
        self.deleted.clear()
        self.deletedChanged.emit()
        self.refresh()
        self.listen()

    def reload_all(self) -> None:
        """The database was changed outside the use cases' announcements (a sync): read again
        every open plan and the lists."""
        self._announced(
            Changes(frozenset(self.documents), Scope.CONTENT | Scope.CYCLE | Scope.PORTFOLIO, everything=True)
        )

    # ---- other people's changes (a team server)

    def listen(self) -> None:
        """On a team server: take in what other people save, as they save it."""
        if self._listener is None:
            self._names = {m.login: m.name for m in self.portfolio.team_members()}
            self._listener = self.portfolio.listen(self.heard.emit, self._live_heard.emit)

    def stop_listening(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def _heard(self, change: RemoteChange) -> None:
        self._remote.append(change)
        if not self._gather.isActive():
            self._gather.start()

    def _take_remote(self) -> None:
        """Other people's changes: open plans show them (kept merged with what is unsaved
        here), the navigator's lines are read again, and the views hear ``changed``."""
        heard, self._remote = self._remote, []
        plans = {c.plan_id for c in heard if c.plan_id is not None}
        for plan_id in plans:
            document = self.documents.get(plan_id)
            if document is None:
                continue
            login = next(c.login for c in heard if c.plan_id == plan_id)
            try:
                document.take_remote(self._name_of(login))
            except NotFound:  # deleted there
                self._close(plan_id)
        if any(c.lists_change for c in heard):
            self.refresh()
        else:
            for plan_id in plans:
                self._read_summary(plan_id)
        self.changed.emit(Changes(frozenset(plans), Scope.CONTENT | Scope.CYCLE))

    def _name_of(self, login: str) -> str:
        if login not in self._names:
            self._names = {m.login: m.name for m in self.portfolio.team_members()}
        return self._names.get(login, login)

    def _read_summary(self, plan_id: int) -> None:
        try:
            fresh = self.portfolio.summary(plan_id)
        except NotFound:
            self.refresh()
            return
        for i, s in enumerate(self.summaries):
            if s.id == plan_id:
                self.summaries[i] = fresh
                self.planUpdated.emit(plan_id)
                return
        self.refresh()  # a plan this window had not listed yet

    # ---- what operations changed

    def _announced(self, changes: Changes) -> None:
        """One notice for every operation: open plans whose cycle (phase, version) changed are
        read again, keeping their undo history; the portfolio's list is read again when it or a
        cycle changed; then the views hear ``changed``. A content edit's own save needs neither:
        the document holds it already."""
        if changes.scope & (Scope.CYCLE | Scope.PORTFOLIO) or changes.everything:
            for plan_id, document in list(self.documents.items()):
                if changes.touches(plan_id, Scope.CYCLE):
                    try:
                        document.reload()
                    except NotFound:  # not in the database now (a backup from before it was restored)
                        self._close(plan_id)
            self.refresh()
        self.changed.emit(changes)
