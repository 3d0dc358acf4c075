"""The use cases: what the GUI and the command line both call. Each is one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import comments, contacts, dashboard, health, planfile, policy, progress
from .domain import cycle as cycle_rules
from .domain.actor import Actor, Role, acting_as, actor_in_effect, local_actor
from .domain.audience import Audience
from .domain.changelog import Change, ChangeKind, LoggedChange
from .domain.comments import CommentStatus, ReviewComment
from .domain.contacts import ContactProblem, NewContact, contact_record, open_next_steps
from .domain.cycle import (
    STEP_KEYS,
    Cycle,
    Decision,
    MoveRefused,
    PhaseEvent,
    Preparation,
    ProgressReview,
    Review,
    SignOff,
)
from .domain.dashboard import Dashboard, PlanStatus
from .domain.delta import edits_between
from .domain.diff import ChangesSinceApproval, diff_plans
from .domain.edits import Edit, InsertRow, SetCell
from .domain.model import Account, Phase, Plan, PlanSummary, Record, Tier
from .domain.money import DEFAULT_UNIT, MoneyUnit
from .domain.ops import Changes, Scope
from .domain.planfile import PlanFileError
from .domain.policy import Action, NotAllowed
from .domain.progress import ProgressReport
from .domain.template import ACTIONS, CONTACTS, FINANCIAL, LANGUAGES, MEMBERS, STAKEHOLDERS, Cell
from .domain.validation import SectionCompleteness, section_completeness
from .domain.values import quote
from .domain.versions import (
    NothingToSave,
    PlanVersion,
    VersionKind,
    VersionLabel,
    history_naming,
    next_version,
)
from .outputs.book_layout import BookChange, WorkbookError
from .plan_pdf import Annotation, NotAPlanPdf, is_pdf
from .signing import Certificate, SignatureCheck, SigningError
from .store import backups, team
from .store import plans as repo
from .store.database import (
    ENV_VAR,
    BadDatabaseURL,
    ConcurrentChange,
    Database,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    NotPermitted,
)
from .store.live import Listener, RemoteChange
from .store.location import resolve_url, safe_url, sqlite_file
from .store.plans import Conflict, NotFound, StaleVersion
from .store.team import Identity, Member, TeamError

if TYPE_CHECKING:
    from .report.batch import Job
    from .report.signoff import SignOff as ApprovalBlock

__all__ = [
    "ENV_VAR",
    "Actor",
    "BadDatabaseURL",
    "BookChange",
    "CarriedCheck",
    "CommentStatus",
    "ConcurrentChange",
    "Conflict",
    "ContactProblem",
    "DatabaseBusy",
    "DatabaseDamaged",
    "DatabaseError",
    "DemoResult",
    "MoveRefused",
    "NewContact",
    "NotAPlanPdf",
    "NotAllowed",
    "NotFound",
    "NotPermitted",
    "PdfImport",
    "PlanFileError",
    "Portfolio",
    "RemoteChange",
    "ReviewComment",
    "ReviewPdf",
    "Role",
    "SigningError",
    "StaleVersion",
    "TeamError",
    "WorkbookError",
    "acting_as",
    "actor_in_effect",
    "check_carried",
    "local_actor",
    "resolve_url",
    "safe_url",
    "sqlite_file",
]


@dataclass(frozen=True)
class PdfImport:
    """What import_pdf did: the plan (``imported``: it came from the PDF), and the sign-off its
    signature records (None: the PDF is not signed), the signature, what was added after it."""

    plan_id: int
    imported: bool
    signoff: SignOff | None
    signature: SignatureCheck | None
    notes: tuple[str, ...]


def _signing_day(signed_at: str | None) -> dt.date:
    """The day a signature says it was made (its signing time, as pyHanko gives it), else today."""
    if signed_at:
        try:
            return dt.datetime.fromisoformat(signed_at).date()
        except ValueError:
            pass
    return _now().date()


@dataclass(frozen=True)
class ReviewPdf:
    """What a reviewed PDF brought: its plan, the version it shows (None: a draft), the comments
    the review record does not have yet, and how many comments the PDF has in all."""

    plan_id: int
    version: int | None
    new: list[ReviewComment]
    total: int


@dataclass(frozen=True)
class DemoResult:
    added_plans: list[int]
    added_accounts: int
    skipped: list[str]


def _operation(scope: Scope, *, on_plan: bool = True, creates: bool = False, everything: bool = False):  # type: ignore[no-untyped-def]
    """A use case that changes something: once it has succeeded (committed), the Changes it
    made are announced to the portfolio's subscribers, so a front end refreshes its views from
    one notice. ``on_plan``: the first argument is the plan changed; ``creates``: the result is
    the id of a plan it made."""

    def wrap(method):  # type: ignore[no-untyped-def]
        @functools.wraps(method)
        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            result = method(self, *args, **kwargs)
            plans = {args[0]} if on_plan and args and isinstance(args[0], int) else set()
            created = result if creates and isinstance(result, int) else None
            if created is not None:
                plans.add(created)
            self._announce(Changes(frozenset(plans), scope, created, everything))
            return result

        return run

    return wrap


class Portfolio:
    """A portfolio of accounts and plans in one database, worked on by one actor.

    ``actor`` is the person every use case runs for (checked against ``rules``, named in the
    change log and the cycle record): an Actor, or a function giving the current one (the app's
    Preferences can change it while the window is open). Without one: acting_as's, else the
    OS user as account manager.

    On a team server the database says who the actor is: the team member its login is, with
    the team's rules (policy.TEAM); ``team`` is that identity (None elsewhere).
    """

    def __init__(
        self,
        db: Database,
        actor: Actor | Callable[[], Actor] | None = None,
        rules: policy.Table | policy.Rules = policy.LAPTOP,
    ):
        self.db = db
        self.team: Identity | None = None if db.is_sqlite or db.damaged else team.identity(db)
        if self.team is not None:
            actor, rules = self.team.actor, policy.TEAM
        self._actor = actor
        self.rules = rules
        self._subscribers: list[Callable[[Changes], None]] = []
        self.last_changes = Changes()  # what the last operation changed

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Hear what each operation changed, after it is committed; returns how to stop."""
        self._subscribers.append(listener)
        return lambda: self._subscribers.remove(listener) if listener in self._subscribers else None

    def _announce(self, changes: Changes) -> None:
        self.last_changes = changes
        for listener in list(self._subscribers):
            listener(changes)

    @property
    def actor(self) -> Actor:
        if isinstance(self._actor, Actor):
            return self._actor
        if self._actor is not None:
            return self._actor()
        return actor_in_effect() or local_actor()

    def _check(self, action: Action, plan: Plan | PlanSummary | None = None) -> Actor:
        """The actor, once the rules allow them ``action``; NotAllowed otherwise."""
        actor = self.actor
        policy.check(actor, action, plan, self.rules)
        return actor

    def may_edit(self, plan: Plan | PlanSummary) -> bool:
        """Whether the actor may change the plan's content (the editor is read-only otherwise)."""
        return policy.may_edit(self.actor, plan, self.rules)

    def listen(
        self, on_change: Callable[[RemoteChange], None], on_state: Callable[[bool], None] | None = None
    ) -> Listener | None:
        """On a team server: hear what other people commit (in a thread of its own; see
        store/live.py), until the Listener returned is stopped. None elsewhere."""
        if self.team is None:
            return None
        return Listener(self.db, on_change, on_state).start()

    def summary(self, plan_id: int) -> PlanSummary:
        """One plan's line in the portfolio's list (NotFound when it is not there)."""
        with self.db.reading() as session:
            return repo.summary(session, plan_id)

    def team_members(self) -> list[Member]:
        """The people of a team server, by name; empty on a laptop."""
        return team.members(self.db) if self.team is not None else []

    def add_team_member(self, login: str, name: str, role: Role, password: str) -> Member:
        """A database login for a person on the team (the administrator's use case)."""
        if self.team is None:
            raise TeamError(f"{self.display_name} is not a team server: run 'kamplanner team init URL' first")
        if self.actor.role is not Role.ADMIN:
            raise NotAllowed(self.actor, Action.ADD_MEMBER)
        return team.add_user(self.db, login, name, role, password)

    def history(self, plan_id: int) -> list[LoggedChange]:
        """Every saved change to the plan, oldest first: who, when, what, before and after.

        A deleted plan's history is still there (by its id) until another plan takes the id."""
        with self.db.reading() as session:
            found = repo.history(session, plan_id)
            if not found:
                repo.current_version(session, plan_id)  # NotFound for a plan that never was
            return found

    # ---- reading

    def list_plans(self) -> list[PlanSummary]:
        with self.db.reading() as session:
            return repo.summaries(session)

    def list_accounts(self) -> list[Account]:
        with self.db.reading() as session:
            return repo.list_accounts(session)

    def load_plan(self, plan_id: int) -> Plan:
        with self.db.reading() as session:
            return repo.load_plan(session, plan_id)

    def completeness(self, plan_id: int) -> list[SectionCompleteness]:
        return section_completeness(self.load_plan(plan_id))

    # ---- writing

    @_operation(Scope.CONTENT)
    def save_edits(self, plan_id: int, version: int, edits: list[Edit]) -> int:
        """Write edits made on ``version``; returns the new version. Refuses a stale version."""
        with self.db.transaction() as session:
            actor = self._check(Action.EDIT, repo.summary(session, plan_id))
            return repo.apply_edits(session, plan_id, version, edits, actor)

    def current_plan_of(self, account: str | int) -> int:
        """The plan a contact for ``account`` goes into: a plan id (a number) is that plan; a
        name is the account's current plan, its latest year. ContactProblem naming the account
        when there is none."""
        with self.db.reading() as session:
            summaries = repo.summaries(session)
        if isinstance(account, int):
            if any(s.id == account for s in summaries):
                return account
            raise ContactProblem(f"no plan {account} (see 'kamplanner list')")
        wanted = account.strip()
        found = [s for s in summaries if s.account == wanted] or [
            s for s in summaries if s.account.casefold() == wanted.casefold()
        ]
        if not found:
            known = sorted({s.account for s in summaries})
            raise ContactProblem(f"no account {quote(wanted)} with a plan (accounts: {', '.join(known) or 'none yet'})")
        if len({s.account_id for s in found}) > 1:
            raise ContactProblem(f"several accounts are called {quote(wanted)}: give the plan's id instead")
        return max(found, key=lambda s: s.year).id

    def log_contact(self, account: str | int, contact: NewContact) -> tuple[int, Record]:
        """Log a contact with the customer in the account's current plan (see current_plan_of):
        one added row of its contact log, saved as any edit is (a new version, in the change
        log). Returns the plan's id and the row. ContactProblem, nothing written, for an
        unknown account or person, a bad kind or value."""
        plan_id = self.current_plan_of(account)
        plan = self.load_plan(plan_id)
        record = contact_record(plan, contact)
        self.save_edits(plan_id, plan.version, [InsertRow(CONTACTS, len(plan.rows(CONTACTS)), record)])
        return plan_id, record

    @_operation(Scope.PORTFOLIO, on_plan=False)
    def add_account(self, account: Account) -> int:
        self._check(Action.ADD_ACCOUNT)
        with self.db.transaction() as session:
            return repo.add_account(session, account)

    @_operation(Scope.PORTFOLIO, on_plan=False, creates=True)
    def new_plan(self, account_id: int, year: int, language: str = "zh_CN", currency: str | None = None) -> int:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        unit = MoneyUnit.parse(currency).code if currency is not None else DEFAULT_UNIT.code
        actor = self._check(Action.NEW_PLAN)
        with self.db.transaction() as session:
            account = repo.load_account(session, account_id)
            plan_id = repo.add_plan(session, Plan(account=account, year=year, language=language, currency=unit))
            _log(session, actor, plan_id, Change(ChangeKind.NEW_PLAN, after={"year": year, "language": language}))
            return plan_id

    @_operation(Scope.PORTFOLIO, creates=True)
    def duplicate_plan(self, plan_id: int, year: int) -> int:
        """A copy of a plan for another year of the same account, starting at version 1."""
        with self.db.transaction() as session:
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.DUPLICATE, plan)
            copy = plan.copy()
            copy.id, copy.uuid, copy.year, copy.version, copy.phase = None, None, year, 1, Phase.PREPARATION
            new_id = repo.add_plan(session, copy)
            _log(session, actor, new_id, Change(ChangeKind.NEW_PLAN, after={"year": year, "copied_from": plan.uuid}))
            return new_id

    @_operation(Scope.PORTFOLIO)
    def delete_plan(self, plan_id: int) -> str:
        """Delete a plan; returns its plan file so the caller can offer to bring it back.

        A plan with a signed-off version is kept: the sign-off record must outlive edits.
        """
        with self.db.transaction() as session:
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.DELETE, plan)
            if repo.has_signoffs(session, plan_id):
                raise Conflict(f"plan {plan_id} has a signed-off version and cannot be deleted")
            text = planfile.dumps(plan, repo.load_cycle(session, plan_id))
            gone = Change(ChangeKind.DELETE, before={"account": plan.account.name, "year": plan.year})
            repo.log_changes(session, actor, plan_id, [gone], version=plan.version, plan_uuid=plan.uuid)
            repo.delete_plan(session, plan_id)
            return text

    # ---- backups of a local database

    def backups(self) -> list[backups.Backup]:
        """The database's automatic backups, newest first."""
        return backups.list_backups(self.db)

    def backup_if_due(self) -> Path | None:
        """After work that changed the database: a backup when the newest is over an hour old."""
        return backups.maybe_backup(self.db)

    @_operation(Scope.PORTFOLIO | Scope.CONTENT | Scope.CYCLE, on_plan=False, everything=True)
    def restore_backup(self, name: str) -> tuple[backups.Backup, Path]:
        """Bring a backup back; returns it and where the replaced file was kept."""
        self._check(Action.RESTORE_BACKUP)
        chosen = backups.find(self.db, name)
        return chosen, backups.restore(self.db, chosen)

    @property
    def backup_days(self) -> int:
        return backups.keep_days(self.db)

    @backup_days.setter
    def backup_days(self, days: int) -> None:
        backups.set_keep_days(self.db, days)

    # ---- plan files

    def export_json(self, plan_id: int) -> str:
        with self.db.reading() as session:
            return planfile.dumps(repo.load_plan(session, plan_id), repo.load_cycle(session, plan_id))

    @_operation(Scope.PORTFOLIO | Scope.CONTENT | Scope.CYCLE, on_plan=False, creates=True)
    def import_json(self, text: str | bytes, *, replace: bool = False) -> int:
        """Import a plan file (or a plan PDF, from the plan file it carries) whole or not at all;
        returns the plan's id.

        The plan in the database that the file's plan is: the one with its UUID (a version-3
        file), else the account's plan for that year. Raises PlanFileError (every problem with
        its path) for a bad file and Conflict when there is such a plan (unless ``replace``).
        A file without UUIDs (version 2) is a new plan: it gets new ones. Importing a deleted
        plan's file brings it back (logged as a restore).
        """
        if isinstance(text, bytes) and is_pdf(text):
            text = carried_plan_file(text)  # a plan PDF: the plan file it carries
        plan, cycle = planfile.loads_with_cycle(text)
        with self.db.transaction() as session:
            existing = repo.plan_id_of_uuid(session, plan.uuid) if plan.uuid else None
            if existing is None:
                account = repo.find_account_of(session, plan.account)
                existing = repo.plan_id_for(session, account.id, plan.year) if account else None
            if existing is None:
                restoring = plan.uuid is not None and repo.was_deleted(session, plan.uuid)
                actor = self._check(Action.RESTORE if restoring else Action.IMPORT)
                plan_id = repo.add_plan(session, plan)
                repo.save_cycle(session, plan_id, cycle)
                kind = ChangeKind.RESTORE if restoring else ChangeKind.IMPORT
                _log(session, actor, plan_id, Change(kind, after={"version": plan.version, "replaced": False}))
                _number_reviewed(session, plan_id, plan, cycle)
                return plan_id
            actor = self._check(Action.IMPORT, repo.summary(session, existing))
            if not replace:
                raise Conflict(
                    f"{plan.account.name} has a {plan.year} plan already (id {existing});"
                    " import with replace to overwrite it"
                )
            # The plan keeps its identity; what the file changes is recorded as the edits it
            # makes (each field, cell and row), so history and sync see what changed. The
            # result is a new version, never one already used: a signed-off version number
            # must keep meaning what was signed.
            current = repo.load_plan(session, existing)
            before = current.version
            edits = edits_between(current, plan)
            version = repo.apply_edits(session, existing, before, edits, actor)
            if plan.language != current.language:
                repo.set_language(session, existing, plan.language)
            repo.save_cycle(session, existing, cycle, plan.phase)
            after = {"version": version, "replaced": True, "edits": len(edits)}
            change = Change(ChangeKind.IMPORT, before={"version": before}, after=after)
            _log(session, actor, existing, change)
            return existing

    # ---- the plan workbook (.xlsx): its record tables out to a spreadsheet and back

    def export_workbook(self, plan_id: int, *, lang: str | None = None) -> bytes:
        """The plan's record tables as an .xlsx workbook (outputs/book_layout.py says its sheets),
        in ``lang`` (default: the plan's own). openpyxl is imported here, not at start-up."""
        from .outputs.workbook import write_workbook

        return write_workbook(self.load_plan(plan_id), lang=lang)

    def workbook_changes(self, plan_id: int, data: bytes, *, lang: str | None = None) -> list[BookChange]:
        """What importing the workbook ``data`` into the plan would change, one entry per cell
        or row, in words; WorkbookError (every problem at its sheet and cell) when it cannot be."""
        from .outputs.workbook_read import read_workbook

        return read_workbook(data, self.load_plan(plan_id), lang=lang).changes

    @_operation(Scope.PORTFOLIO | Scope.CONTENT | Scope.CYCLE)
    def import_workbook(self, plan_id: int, data: bytes) -> int:
        """Write what an edited workbook of the plan changes, all or nothing; returns the plan's
        revision after it (unchanged when the workbook changes nothing).

        As import_json with replace: the changes are recorded as the edits they make (each cell
        and row) with one import entry in the change log, checked as any edit of the plan's
        content is (Action.EDIT: not while its manager's plan is under senior review). Raises
        WorkbookError when the workbook cannot be imported (nothing is written)."""
        from .outputs.workbook_read import read_workbook

        with self.db.transaction() as session:
            actor = self._check(Action.EDIT, repo.summary(session, plan_id))
            current = repo.load_plan(session, plan_id)
            wanted = read_workbook(data, current).plan
            edits = edits_between(current, wanted)
            if not edits:
                return current.version
            version = repo.apply_edits(session, plan_id, current.version, edits, actor)
            after = {"version": version, "replaced": True, "edits": len(edits), "from": "workbook"}
            _log(session, actor, plan_id, Change(ChangeKind.IMPORT, before={"version": current.version}, after=after))
            return version

    def fingerprint(self, plan_id: int) -> str:
        return planfile.fingerprint(self.load_plan(plan_id))

    # ---- PDF

    def render_pdf(
        self,
        plan_id: int,
        *,
        lang: str | None = None,
        with_changes: bool = False,
        audience: Audience = Audience.INTERNAL,
    ) -> bytes:
        """The plan's current version as the PDF a senior manager reads and signs off; once that
        version is signed off, with its approval on the cover and in the sign-off block.

        ``lang`` (zh_CN or en) sets the fixed texts; by default the plan's own language.
        ``with_changes`` ends the appendix with what changed since the last signed-off version.
        ``audience`` CUSTOMER makes the customer's copy (domain/audience.py).
        ReportLab is imported here, not at start-up.
        """
        return self._pdf_job(plan_id, lang, with_changes, audience).render(lang)

    def _pdf_job(self, plan_id: int, lang: str | None, with_changes: bool, audience: Audience) -> Job:
        from .report.batch import Job

        plan = self.load_plan(plan_id)
        changes = self.changes_since_approval(plan, lang) if with_changes else None
        cycle = self.load_cycle(plan_id)
        signed = cycle.signed(plan.version)
        block = approval_block(signed, cycle, lang or plan.language) if signed is not None else None
        return Job(plan, changes, block, audience)

    def render_deck(self, plan_id: int, *, lang: str | None = None, audience: str = "internal") -> bytes:
        """The plan's current version as the slides (.pptx) for the review meeting.

        ``lang`` (zh_CN or en) sets the fixed texts; by default the plan's own language.
        ``audience`` "customer" leaves out what the template marks internal (domain/audience.py).
        python-pptx is imported here, not at start-up.
        """
        from .domain.audience import Audience
        from .outputs.deck import render_deck

        plan = self.load_plan(plan_id)
        return render_deck(plan, lang=lang, audience=Audience(audience))

    # ==== Use cases the command line needs (issue 10): opening a portfolio, where it lives, many
    # PDFs at once. The command line reaches the store and the report through these only.

    @classmethod
    def open(cls, path_or_url: str | None = None) -> Portfolio:
        """The portfolio in a SQLite file or at a SQLAlchemy URL (None: $KAMPLANNER_DB, else the
        default file), checked and upgraded. Raises BadDatabaseURL for a URL the database library
        cannot use, DatabaseError for a database that cannot be opened; a damaged file opens
        read-only, with ``damage_warning`` saying so."""
        return cls(Database.open(path_or_url))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Portfolio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def database_file(self) -> Path | None:
        """The SQLite file the portfolio is in (None for a server database): no output may overwrite it."""
        return self.db.path

    @property
    def url(self) -> str:
        """The database's SQLAlchemy URL, its password included: mask it before showing it."""
        return self.db.url

    @property
    def display_name(self) -> str:
        """Where the portfolio is, for messages: its file, or its URL without the password."""
        return self.db.display_name

    @property
    def damage_warning(self) -> str | None:
        """Why the database is open read-only and what to do about it; None when it is sound."""
        return self.db.damaged_message() if self.db.damaged else None

    def open_in_app(self) -> bool:
        """Whether a running kamplanner window (another process) has this database open."""
        from . import instance

        path = self.db.path
        return path is not None and instance.held_elsewhere(path)

    def render_pdfs(
        self,
        plan_ids: list[int],
        *,
        lang: str | None = None,
        with_changes: bool = False,
        jobs: int | None = None,
        audience: Audience = Audience.INTERNAL,
    ) -> Iterator[tuple[int, bytes | Exception, float]]:
        """Many plans as PDF, as render_pdf makes each: (plan id, the PDF or the exception that
        stopped it, seconds), in the order given. Plans are read here and rendered in ``jobs``
        worker processes (default: one per CPU); one plan's failure stops no other."""
        from .report.batch import render_all

        def load(plan_id: int) -> Job:
            return self._pdf_job(plan_id, lang, with_changes, audience)

        return render_all(plan_ids, load, lang=lang, jobs=jobs)

    # ==== end of the command line's use cases

    def changes_since_approval(self, plan: Plan, lang: str | None = None) -> ChangesSinceApproval:
        """What changed in ``plan`` since its last signed-off version (diff None: none signed yet).

        ``lang`` sets how values are written (choice labels); by default the plan's language.
        """
        if plan.id is None:
            return ChangesSinceApproval(None)
        signoff = self.load_cycle(plan.id).last_signoff
        if signoff is None:
            return ChangesSinceApproval(None)
        diff = diff_plans(self.signed_plan(signoff), plan, lang or plan.language)
        return ChangesSinceApproval(diff, signoff.number, signoff.date, signoff.reviewer)

    # ---- demo

    @_operation(Scope.PORTFOLIO, on_plan=False)
    def add_demo(self, folder: Path | None = None) -> DemoResult:
        """Add the demo portfolio (its plans and its other accounts); skips what is there."""
        from . import paths

        folder = folder or paths.demo()
        plans = [planfile.loads_with_cycle(p.read_bytes()) for p in sorted((folder / "plans").glob("*.json"))]
        accounts_file = folder / "accounts.json"
        accounts = json.loads(accounts_file.read_text("utf-8")) if accounts_file.exists() else []
        added: list[int] = []
        skipped: list[str] = []
        added_accounts = 0
        actor = self._check(Action.DEMO)
        with self.db.transaction() as session:
            for plan, cycle in plans:
                row = repo.find_account(session, plan.account.name)
                if row is not None and repo.plan_id_for(session, row.id, plan.year) is not None:
                    skipped.append(f"{plan.account.name} {plan.year}")
                    continue
                plan_id = repo.add_plan(session, plan)
                repo.save_cycle(session, plan_id, cycle)
                _log(session, actor, plan_id, Change(ChangeKind.IMPORT, after={"version": plan.version, "demo": True}))
                _number_reviewed(session, plan_id, plan, cycle)
                added.append(plan_id)
                approved = [r for r in cycle.reviews if r.decision is Decision.APPROVED and r.version == plan.version]
                if plan.phase is Phase.MONITORING and approved:
                    # A plan being carried out was signed off: the demo keeps that record too.
                    review = approved[-1]
                    repo.add_signoff(
                        session,
                        plan_id,
                        SignOff(
                            review.reviewer,
                            review.role,
                            review.date,
                            plan.version,
                            planfile.fingerprint(plan),
                            planfile.dumps(plan),
                        ),
                    )
            for raw in accounts:
                account = planfile.account_from_json(raw)
                if repo.find_account(session, account.name) is None:
                    repo.add_account(session, account)
                    added_accounts += 1
        return DemoResult(added, added_accounts, skipped)

    # ---- the rolling cycle

    def load_cycle(self, plan_id: int) -> Cycle:
        with self.db.reading() as session:
            return repo.load_cycle(session, plan_id)

    def open_items(self, plan_id: int, leaving: Phase, review: Review | None = None) -> list[cycle_rules.OpenItem]:
        """What is still open as the stored plan leaves ``leaving`` (submit: DEVELOPMENT,
        approve: REVIEW with the review about to be recorded); see cycle.open_items."""
        with self.db.reading() as session:
            plan = repo.load_plan(session, plan_id)
            return cycle_rules.open_items(plan, repo.load_cycle(session, plan_id), leaving, review)

    def health(self, plan_id: int) -> list[health.HealthCheck]:
        """The stored plan's health checks, passed or failed (domain/health.py)."""
        return health.check(self.load_plan(plan_id))

    @_operation(Scope.CYCLE)
    def update_preparation(
        self, plan_id: int, preparation: Preparation, base: Preparation | None = None
    ) -> Preparation:
        """Phase 1: the senior manager's expectations, the timetable and the year's guidelines.

        With ``base`` (the preparation the caller started from) only the fields the caller
        changed are written, so a change made elsewhere to another field is kept; a field
        changed both here and elsewhere is refused (Conflict), never overwritten. Returns the
        preparation as stored.
        """
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            actor = self._check(Action.PREPARE, repo.summary(session, plan_id))
            cycle = repo.load_cycle(session, plan_id)
            stored = cycle.preparation
            if base is None:
                merged = preparation
            else:
                values = {}
                for f in dataclasses.fields(Preparation):
                    mine, theirs, start = (getattr(x, f.name) for x in (preparation, stored, base))
                    if mine != start and theirs not in (start, mine):
                        raise Conflict(
                            f"{f.name} of plan {plan_id} was changed elsewhere to {theirs!r} while it was changed"
                            f" here to {mine!r}; reload the plan and make the change again"
                        )
                    values[f.name] = mine if mine != start else theirs
                merged = Preparation(**values)
            cycle.preparation = merged
            repo.save_cycle(session, plan_id, cycle)
            _log(session, actor, plan_id, *_preparation_changes(stored, merged))
            return merged

    @_operation(Scope.CYCLE)
    def set_step(self, plan_id: int, step: str, done: bool) -> tuple[int, int]:
        """Phase 2: tick a development step; returns (done, of)."""
        if step not in STEP_KEYS:
            raise ValueError(f"no development step {step!r}; the steps are {', '.join(STEP_KEYS)}")
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            actor = self._check(Action.STEP, repo.summary(session, plan_id))
            cycle = repo.load_cycle(session, plan_id)
            before = bool(cycle.steps.get(step))
            cycle.steps[step] = done
            repo.save_cycle(session, plan_id, cycle)
            if before != done:
                step_change = Change(ChangeKind.STEP, "cycle.steps", column=step, before=before, after=done)
                _log(session, actor, plan_id, step_change)
            return cycle.step_progress

    @_operation(Scope.CYCLE)
    def move_phase(
        self,
        plan_id: int,
        target: Phase,
        by: str | None = None,
        note: str = "",
        at: dt.datetime | None = None,
        *,
        stop_at_open: bool = False,
    ) -> None:
        """Move a plan to another phase, or raise MoveRefused with the method's reasons.

        ``stop_at_open``: refuse (OpenItems) while anything the person may go on past is open
        at submit (cycle.open_items); the caller has not shown it to them. The move is recorded
        as the actor's; ``by`` is not used (callers written before actors name someone there:
        the command line makes that name the actor)."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.MOVE, plan)
            cycle = repo.load_cycle(session, plan_id)
            before = plan.phase
            if stop_at_open and target is Phase.REVIEW and not cycle_rules.move_problems(plan, cycle, target):
                waiting = cycle_rules.pending(cycle_rules.open_items(plan, cycle, before))
                if waiting:
                    raise cycle_rules.OpenItems(waiting)
            cycle_rules.move(plan, cycle, target, actor, at or _now(), note)
            repo.save_cycle(session, plan_id, cycle, plan.phase)
            changes = [_moved(before, target)]
            if target is Phase.REVIEW:  # what is submitted is a version
                made = _number(session, plan, VersionKind.SUBMITTED, actor, at or _now(), note)
                changes += [_numbered(made)] if made else []
            _log(session, actor, plan_id, *changes)

    @_operation(Scope.CYCLE)
    def record_review(self, plan_id: int, review: Review, *, stop_at_open: bool = False) -> None:
        """Phase 3: the reviewer's answers and decision. Changes requested send the plan back.

        ``stop_at_open``: refuse an approval (OpenItems) while questions are answered No or not
        at all, or the plan breaks a rule (cycle.open_items); the caller has not shown them."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.REVIEW, plan)
            cycle = repo.load_cycle(session, plan_id)
            if stop_at_open and review.decision is Decision.APPROVED and plan.phase is Phase.REVIEW:
                waiting = cycle_rules.pending(cycle_rules.open_items(plan, cycle, Phase.REVIEW, review))
                if waiting:
                    raise cycle_rules.OpenItems(waiting)
            cycle_rules.record_review(plan, cycle, review)
            changes = [
                Change(
                    ChangeKind.REVIEW,
                    "cycle.reviews",
                    after={
                        "reviewer": review.reviewer,
                        "role": review.role,
                        "date": review.date.isoformat(),
                        "version": review.version,
                        "decision": review.decision.value,
                        "score": review.score,
                    },
                )
            ]
            if review.decision is Decision.CHANGES_REQUESTED:
                note = review.summary or "changes requested"
                before = plan.phase
                cycle_rules.move(plan, cycle, Phase.DEVELOPMENT, actor, _now(), note)
                changes.append(_moved(before, Phase.DEVELOPMENT))
            repo.save_cycle(session, plan_id, cycle, plan.phase)
            _log(session, actor, plan_id, *changes)

    def read_review_pdf(self, data: bytes) -> ReviewPdf:
        """The comments a reviewer made on a plan PDF, placed on the sections and fields they
        sit on, and which of them the plan's review record has already. Writes nothing.

        Raises NotAPlanPdf for a file that is no readable plan PDF (or one made before PDFs
        carried their layout), PlanFileError when its pages do not match the plan it carries or
        a comment sits outside the plan (the contents page), NotFound when the database does not
        have the plan."""
        check = check_carried(data, render=False, annotations=True)
        if check.reasons:
            raise PlanFileError([f"the PDF does not match the plan it carries: {reason}" for reason in check.reasons])
        if check.layout is None:
            raise NotAPlanPdf("the PDF carries no layout of its pages: it was made by an older kamplanner")
        known = self.identify(check.plan)
        if known is None:
            raise NotFound(
                f"the plan of {check.plan.account.name} for {check.plan.year} that the PDF carries is not in this"
                " database: import the PDF first (import-json)"
            )
        plan_id, number, _ = known
        marks = comments.layout_marks(check.layout)
        found: list[ReviewComment] = []
        outside: list[str] = []
        for note in check.annotations:
            text = comments.clean_comment(note.text)
            if not text:
                continue  # a highlight with no note says nothing to answer
            at = comments.place(marks, note.page, (note.rect[1] + note.rect[3]) / 2)
            if at is None:
                outside.append(f"page {note.page}: the comment {text[:60]!r} sits outside the plan's sections")
                continue
            author = comments.clean_comment(note.author)[:200]
            key = comments.comment_key(check.fingerprint, note.page, note.rect, author, text, note.made + note.name)
            made = comments.pdf_date(note.made)
            found.append(
                ReviewComment(key, author, made, text, at.section, at.field, note.page, note.kind.lower(), number or 0)
            )
        if outside:
            raise PlanFileError(outside)
        unique = list({c.key: c for c in found}.values())
        with self.db.reading() as session:
            have = {c.key for c in repo.load_cycle(session, plan_id).comments}
        return ReviewPdf(plan_id, number, [c for c in unique if c.key not in have], len(unique))

    @_operation(Scope.CYCLE)
    def add_comments(self, plan_id: int, new: list[ReviewComment]) -> int:
        """Add the comments the plan's review record does not have yet; returns how many were added."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.COMMENTS, plan)
            cycle = repo.load_cycle(session, plan_id)
            have = {c.key for c in cycle.comments}
            added = [c for c in new if c.key not in have]
            if not added:
                return 0
            cycle.comments.extend(added)
            repo.save_cycle(session, plan_id, cycle)
            after = {"added": len(added), "authors": sorted({c.author for c in added})}
            _log(session, actor, plan_id, Change(ChangeKind.COMMENTS, "cycle.comments", after=after))
            return len(added)

    @_operation(Scope.CYCLE)
    def answer_comment(
        self, plan_id: int, key: str, answer: str | None = None, status: CommentStatus | None = None
    ) -> ReviewComment:
        """The account manager's answer to a comment, and/or its new status (answering an open
        comment makes it answered); NotFound when the plan has no comment ``key``."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.COMMENTS, plan)
            cycle = repo.load_cycle(session, plan_id)
            comment = next((c for c in cycle.comments if c.key == key), None)
            if comment is None:
                raise NotFound(f"plan {plan_id} has no review comment {key!r}")
            before = {"status": comment.status.value, "answer": comment.answer}
            if answer is not None:
                comment.answer = comments.clean_comment(answer)
                if comment.status is CommentStatus.OPEN and comment.answer:
                    comment.status = CommentStatus.ANSWERED
            if status is not None:
                comment.status = status
            repo.save_cycle(session, plan_id, cycle)
            after = {"status": comment.status.value, "answer": comment.answer}
            _log(
                session,
                actor,
                plan_id,
                Change(ChangeKind.COMMENTS, f"cycle.comments.{key}", before=before, after=after),
            )
            return comment

    @_operation(Scope.CYCLE)
    def sign_off(
        self, plan_id: int, reviewer: str, role: str, date: dt.date, certificate: Certificate | None = None
    ) -> SignOff:
        """Sign off the current version: it is kept whole, and later edits make new versions.

        ``certificate``: the one its PDF is signed with (recorded; verify then demands it).
        """
        if not reviewer.strip():
            raise MoveRefused([cycle_rules.Text("签批人不能为空", "the reviewer must be named")])
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.SIGN_OFF, plan)
            cycle = repo.load_cycle(session, plan_id)
            problems = cycle_rules.sign_off_problems(plan, cycle)
            if problems:
                raise MoveRefused(problems)
            signoff, made = _add_signoff(session, plan_id, plan, actor, reviewer, role, date, certificate)
            after = {
                "reviewer": reviewer,
                "role": role,
                "date": date.isoformat(),
                "version": plan.version,
                "fingerprint": signoff.fingerprint,
                "certificate": signoff.certificate_subject,
            }
            numbered = [_numbered(made)] if made else []
            _log(session, actor, plan_id, *numbered, Change(ChangeKind.SIGN_OFF, "signoff", after=after))
            return signoff

    @_operation(Scope.CYCLE)
    def save_version(self, plan_id: int, note: str = "") -> PlanVersion:
        """Number the plan as it is now ("Save as version…"), with a note saying why.

        NothingToSave when it is a version already (nothing changed since that one)."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.VERSION, plan)
            made = _number(session, plan, VersionKind.SAVED, actor, _now(), note)
            if made is None:
                raise NothingToSave(plan.version_label.number)
            _log(session, actor, plan_id, _numbered(made))
            return made

    def versions(self, plan_id: int) -> list[PlanVersion]:
        """The plan's numbered versions, oldest first."""
        with self.db.reading() as session:
            return repo.load_plan(session, plan_id).versions

    @_operation(Scope.CYCLE)
    def record_certificate(self, plan_id: int, signoff: SignOff, certificate: Certificate) -> SignOff:
        """A sign-off made without a certificate, now signed with one: that one is recorded,
        and from then on its PDF must carry that certificate's signature."""
        if signoff.certificate_sha256 is not None:
            if signoff.certificate_sha256 != certificate.sha256:
                raise Conflict(
                    f"version {signoff.number} of plan {plan_id} was signed off with another certificate"
                    f" ({signoff.certificate_subject}); sign it with that one"
                )
            return signoff
        with self.db.transaction() as session:
            actor = self._check(Action.SIGN_OFF, repo.summary(session, plan_id))
            repo.set_signoff_certificate(session, plan_id, signoff.version, certificate.sha256, certificate.subject)
            change = Change(
                ChangeKind.SIGN_OFF,
                "signoff",
                column="certificate",
                after={"version": signoff.version, "certificate": certificate.subject, "sha256": certificate.sha256},
            )
            _log(session, actor, plan_id, change)
        return replace(signoff, certificate_sha256=certificate.sha256, certificate_subject=certificate.subject)

    def signed_plan(self, signoff: SignOff) -> Plan:
        """The plan exactly as it was signed off."""
        return as_signed(signoff)

    def send_for_review(
        self, plan_id: int, lang: str | None = None, *, stop_at_open: bool = False
    ) -> tuple[int, bytes]:
        """Submit the plan for senior review, if it is not under review already, and make the
        copy sent to the reviewer: its cover says when it was submitted and as which version,
        and its sign-off has an empty signature field. The version is frozen (later edits make a
        new one). Returns the version's number and the PDF. MoveRefused (OpenItems with
        ``stop_at_open``) when the plan cannot be submitted yet."""
        from .report import render_plan

        if self.load_plan(plan_id).phase is not Phase.REVIEW:
            self.move_phase(plan_id, Phase.REVIEW, stop_at_open=stop_at_open)
        plan = self.load_plan(plan_id)
        made = max((v for v in plan.versions if v.revision == plan.version), key=lambda v: v.number, default=None)
        if made is None:  # submitting numbers the version; a reviewed revision always has one
            raise Conflict(f"plan {plan_id} is under review but its version has no number: save it as a version")
        entered = self.load_cycle(plan_id).entered(Phase.REVIEW)
        sent = entered.at.date() if entered is not None else made.at.date()  # when it was submitted
        cycle = self.load_cycle(plan_id)
        return made.number, render_plan(plan, lang=lang, generated=made.at, for_review=sent, cycle=cycle)

    def import_pdf(self, data: bytes, trust_roots: list[Path] | None = None, *, replace: bool = False) -> PdfImport:
        """A plan PDF: its plan imported when the database does not have it (as import_json), and,
        when it is a review copy signed by the reviewer in their own tool, the sign-off of exactly
        the version it shows, with the signer the certificate names.

        The signature must be over the copy exactly as kamplanner rendered it; what was added
        after it may be annotations and further signatures, nothing else. PlanFileError says what
        is wrong with a file that is not so (nothing is written); Conflict when the plan has
        changed since that version. ValueError for a --trust file that is no certificate."""
        from . import signing

        roots = signing.load_trust_roots(trust_roots)
        check = check_carried(data)
        consistent = [r for r in check.reasons if not r.startswith("rendering the plan file")]
        if consistent:
            raise PlanFileError([f"the PDF does not match the plan it carries: {reason}" for reason in consistent])
        base = check.rendered_length
        if base is None or b"/ByteRange" not in data[base:]:
            return PdfImport(self.import_json(check.plan_file, replace=replace), True, None, None, ())
        exam = signing.examine(data, base, roots)
        sig = exam.counting
        if sig is None or not sig.intact or exam.problems:
            why = exam.problems or [sig.problem if sig and sig.problem else "its signature does not hold"]
            raise PlanFileError([f"the signed PDF is refused: {reason}" for reason in why])
        known = self.identify(check.plan)
        imported = known is None
        plan_id = self.import_json(check.plan_file) if known is None else known[0]
        signoff = self.record_signature(plan_id, check.fingerprint, sig)
        notes = tuple(f"added after it was signed: {a}" for a in exam.annotations)
        notes += tuple(f"signed again after: {s.signer}" for s in exam.later_signatures)
        return PdfImport(plan_id, imported, signoff, sig, notes)

    @_operation(Scope.CYCLE)
    def record_signature(self, plan_id: int, fingerprint: str, signature: SignatureCheck) -> SignOff:
        """The sign-off a reviewer made by signing the review copy of the plan's current version
        in their own tool (import_pdf has checked the signature). Signing the copy is the
        approval: no review needs to be recorded first. The same signature again changes nothing."""
        certificate = signature.certificate
        signer = (certificate.common_name if certificate else None) or signature.signer or "?"
        day = _signing_day(signature.signed_at)
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.SIGN_OFF, plan)
            cycle = repo.load_cycle(session, plan_id)
            done = cycle.signed(plan.version)
            if planfile.fingerprint(plan) != fingerprint:
                raise Conflict(
                    f"plan {plan_id} has changed since the version this signature is for was sent for review"
                    f" (fingerprint {fingerprint[:12]}): it signs that version, not the plan as it is now"
                )
            if done is not None:
                if certificate is not None and done.certificate_sha256 == certificate.sha256:
                    return done  # this very signature, read before
                raise Conflict(f"version {done.number} of plan {plan_id} is signed off already, by {done.reviewer}")
            if plan.phase is not Phase.REVIEW:
                raise Conflict(f"plan {plan_id} is not under review: a review copy is signed while it is")
            signoff, made = _add_signoff(session, plan_id, plan, actor, signer, "", day, certificate)
            after = {
                "reviewer": signer,
                "date": day.isoformat(),
                "version": plan.version,
                "fingerprint": fingerprint,
                "certificate": signoff.certificate_subject,
                "signed_in": "the reviewer's own tool",
            }
            numbered = [_numbered(made)] if made else []
            _log(session, actor, plan_id, *numbered, Change(ChangeKind.SIGN_OFF, "signoff", after=after))
            return signoff

    def identify(self, plan: Plan) -> tuple[int, int | None, bool] | None:
        """Which plan in the database ``plan`` (read from a file) is a version of: (its id, the
        number of the version with its fingerprint or None, whether the plan is still that);
        None when the database has no such plan."""
        fingerprint = planfile.fingerprint(plan)
        with self.db.reading() as session:
            plan_id = repo.plan_id_of_uuid(session, plan.uuid) if plan.uuid else None
            if plan_id is None:
                return None
            numbers = [
                v.number
                for v in repo.load_versions(session, [plan_id]).get(plan_id, [])
                if v.fingerprint == fingerprint
            ]
            current = planfile.fingerprint(repo.load_plan(session, plan_id)) == fingerprint
        return plan_id, (max(numbers) if numbers else None), current

    def find_signoffs(self, fingerprint: str) -> list[tuple[int, SignOff]]:
        with self.db.reading() as session:
            return repo.signoffs_by_fingerprint(session, fingerprint)

    @_operation(Scope.CYCLE | Scope.CONTENT)
    def record_progress(self, plan_id: int, review: ProgressReview) -> int:
        """Phase 4: a progress review. Stakeholders take the attitudes it found (their old
        attitude becomes the previous one), which is an edit: the plan gets a new version.
        Returns the plan's version after the review."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.PROGRESS, plan)
            cycle = repo.load_cycle(session, plan_id)
            cycle_rules.apply_progress_review(plan, cycle, review)
            edits: list[Edit] = []
            for key, attitude in review.attitudes.items():
                row = plan.row(STAKEHOLDERS, key)
                assert row is not None  # apply_progress_review checked it
                if row.get(Cell.attitude) != attitude:
                    edits.append(
                        SetCell(
                            STAKEHOLDERS,
                            key,
                            "previous_attitude",
                            row.get(Cell.previous_attitude),
                            row.get(Cell.attitude),
                        )
                    )
                    edits.append(SetCell(STAKEHOLDERS, key, "attitude", row.get(Cell.attitude), attitude))
            repo.save_cycle(session, plan_id, cycle)
            after = {
                "date": review.date.isoformat(),
                "reviewer": review.reviewer,
                "attitudes": dict(sorted(review.attitudes.items())),
                "actuals": {k: v for k, v in sorted(review.actuals.items()) if math.isfinite(v)},
            }
            _log(session, actor, plan_id, Change(ChangeKind.PROGRESS, "cycle.progress", after=after))
            if edits:
                return repo.apply_edits(session, plan_id, plan.version, edits, actor)
            return plan.version

    @_operation(Scope.CYCLE | Scope.PORTFOLIO, creates=True)
    def roll_forward(self, plan_id: int, by: str | None = None) -> int:
        """Start next year's plan from this one; this one stays as it is. Returns the new plan's id.

        ``by`` is not used: the actor is recorded (see move_phase)."""
        with self.db.transaction() as session:
            repo.lock_plan(session, plan_id)
            plan = repo.load_plan(session, plan_id)
            actor = self._check(Action.ROLL_FORWARD, plan)
            cycle = repo.load_cycle(session, plan_id)
            new = cycle_rules.roll_forward(plan, cycle)
            new_id = repo.add_plan(session, new)
            note = f"rolled forward from {plan.year}"
            fresh = Cycle(events=[PhaseEvent.of(Phase.PREPARATION, _now(), actor, note)])
            fresh.preparation.guidelines = cycle.preparation.guidelines
            repo.save_cycle(session, new_id, fresh)
            _log(session, actor, plan_id, Change(ChangeKind.ROLL_FORWARD, after={"to": new_id, "year": new.year}))
            from_ = {"from": plan_id, "from_uuid": plan.uuid, "year": new.year}
            _log(session, actor, new_id, Change(ChangeKind.ROLL_FORWARD, after=from_))
            return new_id


def init_team(url: str) -> list[str]:
    """Make the PostgreSQL database at ``url`` a team server (its schema, roles, grants and
    policies); safe to run again. Returns the team's group roles."""
    db = Database.open(url)
    try:
        return team.init(db)
    finally:
        db.close()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _log(session, actor: Actor, plan_id: int, *changes: Change) -> None:  # type: ignore[no-untyped-def]
    repo.log_changes(session, actor, plan_id, list(changes))


def _number(
    session, plan: Plan, kind: VersionKind, actor: Actor, at: dt.datetime, note: str = ""
) -> PlanVersion | None:  # type: ignore[no-untyped-def]
    """Make the plan as it is a numbered version (added to ``plan.versions``), unless it is one."""
    made = next_version(plan.versions, plan.version, kind, at, actor.name, planfile.fingerprint(plan), note)
    if made is not None:
        repo.add_version(session, plan.id, made)
        plan.versions.append(made)
    return made


def _number_reviewed(session, plan_id: int, plan: Plan, cycle: Cycle) -> None:  # type: ignore[no-untyped-def]
    """A plan file's plan, new here: what its reviews reviewed, and what it is now when it is
    under review or past it, were submitted; each becomes a version, numbered from 1 in order.
    (The file names revisions, not version numbers: the numbers start again in each database.)"""
    submitted = {r.version: r.date for r in cycle.reviews if r.version <= plan.version}
    if plan.phase >= Phase.REVIEW:
        entered = cycle.entered(Phase.REVIEW)
        submitted.setdefault(plan.version, entered.at.date() if entered else dt.date(plan.year, 1, 1))
    plan.id = plan_id
    for revision, day in sorted(submitted.items()):
        at = dt.datetime.combine(day, dt.time(), dt.UTC)
        fingerprint = planfile.fingerprint(plan) if revision == plan.version else ""
        made = next_version(plan.versions, revision, VersionKind.SUBMITTED, at, plan.account.manager, fingerprint)
        if made is not None:
            repo.add_version(session, plan_id, made)
            plan.versions.append(made)


def _add_signoff(  # type: ignore[no-untyped-def]
    session, plan_id: int, plan: Plan, actor: Actor, reviewer: str, role: str, date: dt.date, certificate
) -> tuple[SignOff, PlanVersion | None]:
    """The sign-off of the plan's current version, kept whole (its plan file, its fingerprint),
    and the version number it makes when the plan moved since the version submitted."""
    # The version submitted is the one signed; adjusted in the review, it is a new one.
    made = _number(session, plan, VersionKind.SIGNED_OFF, actor, _now())
    signoff = SignOff(
        reviewer=reviewer,
        role=role,
        date=date,
        version=plan.version,
        fingerprint=planfile.fingerprint(plan),
        snapshot=planfile.dumps(plan),
        certificate_sha256=certificate.sha256 if certificate else None,
        certificate_subject=certificate.subject if certificate else None,
        number=plan.version_label.number,
    )
    repo.add_signoff(session, plan_id, signoff)
    return signoff, made


def _numbered(version: PlanVersion) -> Change:
    after = {
        "number": version.number,
        "kind": version.kind.value,
        "note": version.note,
        "fingerprint": version.fingerprint,
    }
    return Change(ChangeKind.VERSION, "version", after=after)


def _moved(before: Phase, after: Phase) -> Change:
    return Change(ChangeKind.MOVE, "phase", before=before.slug, after=after.slug)


def _preparation_changes(before: Preparation, after: Preparation) -> list[Change]:
    """One change per field of the preparation that changed, its values as JSON."""
    found = []
    for f in dataclasses.fields(Preparation):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old != new:
            change = Change(
                ChangeKind.PREPARE, "cycle.preparation", column=f.name, before=_plain(old), after=_plain(new)
            )
            found.append(change)
    return found


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _statuses(session, actions_due_by: dt.date | None = None) -> list[PlanStatus]:  # type: ignore[no-untyped-def]
    """Every plan's summary and cycle dates; with ``actions_due_by``, also its open action items
    due on or before that day (the only ones the dashboard can show: overdue or coming up)."""
    dates = repo.cycle_dates(session)
    actions = repo.open_actions_due_by(session, actions_due_by) if actions_due_by is not None else {}
    summaries = repo.summaries(session)
    steps = _next_steps(session, summaries)
    return [
        PlanStatus(summary, dates.get(summary.id, NO_DATES), actions.get(summary.id, []), steps.get(summary.id, []))
        for summary in summaries
    ]


def _next_steps(session, summaries: list[PlanSummary]) -> dict[int, list[contacts.NextStep]]:  # type: ignore[no-untyped-def]
    """The open next steps of each account's contact log, on its current plan (the latest year:
    a plan rolled forward carries the log on, so the older one's copy is not counted)."""
    current: dict[int, PlanSummary] = {}
    for s in summaries:
        if s.account_id not in current or s.year > current[s.account_id].year:
            current[s.account_id] = s
    plans = repo.load_plans(session, [s.id for s in current.values()], (CONTACTS, STAKEHOLDERS))
    return {plan_id: found for plan_id, plan in plans.items() if (found := open_next_steps(plan))}


NO_DATES = dashboard.CycleDates()
DASHBOARD_DAYS = 45  # the dashboard's "coming up": deadlines this many days ahead


def portfolio_dashboard(portfolio: Portfolio, today: dt.date) -> Dashboard:
    """Plans per phase, reviews due this month, overdue items and coming deadlines."""
    with portfolio.db.reading() as session:
        statuses = _statuses(session, actions_due_by=today + dt.timedelta(days=DASHBOARD_DAYS))
        return dashboard.build(statuses, today, DASHBOARD_DAYS)


# What the progress report prints of a plan: these tables (team members for the action items'
# owners), its account and its header; no prose, no other table.
PROGRESS_TABLES = (FINANCIAL, STAKEHOLDERS, ACTIONS, MEMBERS)


def progress_report(portfolio: Portfolio, as_of: dt.date) -> ProgressReport:
    """The 6-monthly report on the key accounts, as of ``as_of``: the half-year that ends on or
    before it, and for each key account its plan for that year (else its latest plan).

    A few queries whatever the portfolio's size: the key accounts, their plans' summaries, then
    the chosen plans (only the tables the report prints) and their cycle records, all at once."""
    period = progress.report_period(as_of)
    with portfolio.db.reading() as session:
        keys = progress.key_accounts(repo.accounts_of_tier(session, Tier.KEY))
        by_account: dict[int, list[PlanSummary]] = {}
        for summary in repo.summaries(session, tier=Tier.KEY):
            by_account.setdefault(summary.account_id, []).append(summary)
        chosen = {a.id: progress.choose_plan(by_account.get(a.id or 0, []), period.end.year) for a in keys}
        ids = [s.id for s in chosen.values() if s is not None]
        plans = repo.load_plans(session, ids, PROGRESS_TABLES)
        cycles = repo.load_cycles(session, ids)
    accounts: list[progress.AccountProgress] = []
    for account in keys:
        summary = chosen[account.id]
        if summary is None:
            accounts.append(progress.AccountProgress(account))
            continue
        accounts.append(
            progress.account_progress(account, plans[summary.id], summary, cycles[summary.id], as_of, period)
        )
    return ProgressReport(as_of, period, progress.add_months(as_of, progress.HORIZON_MONTHS), accounts)


def progress_report_pdf(portfolio: Portfolio, as_of: dt.date, lang: str = "zh_CN") -> bytes:
    """The 6-monthly key-account progress report as PDF; the same data and date give the same bytes."""
    from .report.progress_report import render_progress_report

    return render_progress_report(progress_report(portfolio, as_of), lang=lang)


def review_calendar(portfolio: Portfolio, today: dt.date, lang: str = "zh_CN") -> bytes:
    """The portfolio's review dates from today on, as an .ics file."""
    from . import ics

    with portfolio.db.reading() as session:
        statuses = _statuses(session)
    dates = sorted(
        dashboard.review_dates(statuses, today) + dashboard.next_step_dates(statuses, today),
        key=lambda d: (d.date, d.account),
    )
    return ics.calendar(dates, lang, dt.datetime.combine(today, dt.time(), dt.UTC))


# ---- signed PDFs


@dataclass(frozen=True)
class Verification:
    """What `verify` found about a PDF.

    ``reasons`` say why it is not verified (none: it is); ``notes`` what else it carries or
    lacks that is allowed (annotations or signatures added later, a copy without signature).
    """

    signature: SignatureCheck  # the one that counts; else the first found (signed=False: none)
    fingerprint: str | None  # from the PDF's metadata
    plan_id: int | None  # the plan whose signed-off version it is
    version: int | None  # the number of the signed-off version it is
    rendered_again: bool  # the PDF starts with the very bytes of that signed version rendered again
    current: bool | None  # the plan has not changed since (None: no such plan)
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    signatures: tuple[SignatureCheck, ...] = ()  # every signature in the file, in order
    signoff: SignOff | None = None  # the sign-off it matches
    counts: bool = False  # ``signature`` is the one over exactly the signed-off rendering
    readable: bool = True  # False: not a PDF at all

    @property
    def matches_version(self) -> bool:
        return self.plan_id is not None and self.rendered_again

    @property
    def ok(self) -> bool:
        return self.readable and self.matches_version and not self.reasons


@dataclass(frozen=True)
class CarriedCheck:
    """What a plan PDF's own contents say about it, with no database: is it the rendering of the
    plan file it carries? ``rendered_again`` is None when that cannot be told from the PDF alone
    (it ends with a list of changes since a signed-off version, which only the database has)."""

    plan: Plan
    plan_file: bytes
    fingerprint: str  # of the plan file it carries
    in_metadata: bool  # the metadata names that fingerprint
    pages: int
    pages_showing: int  # pages whose footer shows it
    rendered_again: bool | None
    language: str | None = None
    layout: dict[str, Any] | None = None  # where its headings are (plan_pdf.read)
    annotations: tuple[Annotation, ...] = ()  # its comments, when asked for
    rendered_length: int | None = None  # the bytes of kamplanner's rendering it starts with (what was sent)

    @property
    def reasons(self) -> tuple[str, ...]:
        found = []
        if not self.in_metadata:
            found.append("the PDF's metadata names another fingerprint than the plan file it carries")
        if self.pages_showing < self.pages:
            found.append(
                f"{self.pages - self.pages_showing} of its {self.pages} pages do not show the fingerprint"
                " of the plan file it carries"
            )
        if self.rendered_again is False:
            found.append(
                "rendering the plan file it carries again gives a different document: its pages or its plan file"
                " were changed after kamplanner made it"
            )
        return tuple(found)

    @property
    def ok(self) -> bool:
        return not self.reasons


def check_carried(data: bytes, *, render: bool = True, annotations: bool = False) -> CarriedCheck:
    """Check a plan PDF against the plan file it carries (plan_pdf.py): the fingerprint in its
    metadata and on every page, and (``render``) rendering that plan again as the PDF says it
    was rendered (without: ``rendered_again`` is None).

    Raises NotAPlanPdf when it is no readable plan PDF, PlanFileError when the plan file it
    carries is not a valid one."""
    from .plan_pdf import read
    from .report.document import render_plan
    from .report.signoff import SignOff as SignOffBlock

    carried = read(data, pages=True, annotations=annotations)
    plan, cycle = planfile.loads_with_cycle(carried.plan_file)
    fingerprint = planfile.fingerprint(plan)
    showing = sum(1 for shown in carried.page_fingerprints if shown is not None and fingerprint.startswith(shown))
    record = carried.record or {}
    rendered_again: bool | None = False
    rendered_length: int | None = None
    language = record.get("language") if record.get("language") in LANGUAGES else None
    try:
        version = record["version"]
        moment = dt.datetime.fromisoformat(record["generated"])
        block = record.get("signoff")
        signoff = None
        if block is not None:
            day = dt.date.fromisoformat(block["date"]) if block.get("date") else None
            signoff = SignOffBlock(str(block["reviewer"]), str(block["role"]), day, str(block["decision"]))
        if record.get("changes") is True or not render:
            rendered_again = None
        elif language is not None:
            again = replace(plan)
            named = VersionLabel(int(version["number"]), bool(version["draft"]))
            again.versions = history_naming(named, plan.version, moment)
            sent = dt.date.fromisoformat(record["for_review"]) if record.get("for_review") else None
            expected = render_plan(
                again, lang=language, signoff=signoff, generated=moment, for_review=sent, cycle=cycle
            )
            rendered_again = data.startswith(expected)
            rendered_length = len(expected) if rendered_again else None
    except (KeyError, TypeError, ValueError):
        rendered_again = False  # no record of how it was rendered, or a broken one
    return CarriedCheck(
        plan,
        carried.plan_file,
        fingerprint,
        carried.keywords_fingerprint == fingerprint,
        len(carried.page_fingerprints),
        showing,
        rendered_again,
        language,
        carried.layout,
        carried.annotations,
        rendered_length,
    )


def carried_plan_file(data: bytes) -> bytes:
    """The plan file a plan PDF carries, once the PDF is shown to be its rendering (its
    fingerprint in the metadata and on every page); PlanFileError saying what is wrong otherwise.
    It need not render again byte for byte: a reader that saves a PDF whole (macOS Preview)
    writes other bytes for the same pages."""
    try:
        check = check_carried(data, render=False)
    except NotAPlanPdf as exc:
        raise PlanFileError([str(exc)]) from None
    if check.reasons:
        raise PlanFileError([f"the PDF does not match the plan it carries: {reason}" for reason in check.reasons])
    return check.plan_file


def as_signed(signoff: SignOff) -> Plan:
    """The plan exactly as it was signed off, named by the version number it was signed as."""
    plan = planfile.loads(signoff.snapshot)
    at = dt.datetime.combine(signoff.date, dt.time(), dt.UTC)
    plan.versions = [
        PlanVersion(signoff.number, plan.version, VersionKind.SIGNED_OFF, at, signoff.reviewer, "", signoff.fingerprint)
    ]
    return plan


def render_signed(signoff: SignOff, lang: str | None = None) -> bytes:
    """The PDF of a signed-off version, with its sign-off block filled.

    Everything it depends on is in the sign-off record (the version's plan file, reviewer,
    role, date), so the same bytes come out whenever it is rendered again.
    """
    from .report.document import render_plan
    from .report.signoff import SignOff as SignOffBlock

    plan = as_signed(signoff)
    lang = lang or plan.language
    block = SignOffBlock(signoff.reviewer, signoff.role, signoff.date, Decision.APPROVED.label(lang))
    return render_plan(plan, lang=lang, signoff=block, generated=dt.datetime.combine(signoff.date, dt.time(), dt.UTC))


def approval_block(signoff: SignOff, cycle: Cycle, lang: str) -> ApprovalBlock:
    """What the PDF prints of a sign-off: who, in what role, when, and the score of the review
    that approved that version (the last one of it that gave a decision to approve)."""
    from .report.signoff import SignOff as SignOffBlock

    approving = [r for r in cycle.reviews if r.version == signoff.version and r.decision is Decision.APPROVED]
    score = approving[-1].score if approving else None
    return SignOffBlock(signoff.reviewer, signoff.role, signoff.date, Decision.APPROVED.label(lang), score)


def signoff_pdf(
    portfolio: Portfolio,
    plan_id: int,
    reviewer: str,
    role: str,
    date: dt.date,
    *,
    lang: str | None = None,
    p12: Path | None = None,
    password: bytes | None = None,
) -> tuple[SignOff, bytes]:
    """Sign off the plan's current version (or take its existing sign-off) and make its PDF,
    with a PAdES signature when a PKCS#12 certificate is given.

    The certificate is opened before anything is written, and recorded with the sign-off:
    `verify` then accepts that version's PDF only with that certificate's signature.
    """
    from .signing import load_credential, sign

    credential = load_credential(p12, password) if p12 is not None else None
    plan = portfolio.load_plan(plan_id)
    signoff = portfolio.load_cycle(plan_id).signed(plan.version)
    if signoff is None:
        signoff = portfolio.sign_off(
            plan_id, reviewer, role, date, certificate=credential.certificate if credential else None
        )
    elif signoff.reviewer != reviewer:
        raise Conflict(f"version {plan.version} of plan {plan_id} was signed off by {signoff.reviewer} already")
    elif credential is not None and signoff.certificate_sha256 not in (None, credential.certificate.sha256):
        raise Conflict(
            f"version {plan.version} of plan {plan_id} was signed off with another certificate"
            f" ({signoff.certificate_subject}); sign it with that one"
        )
    pdf = render_signed(signoff, lang)
    if credential is not None:
        reason = f"Signed off: {plan.account.name} {plan.year}, version {signoff.number}, sha256:{signoff.fingerprint}"
        pdf = sign(pdf, credential, reason=reason, name=reviewer)
        signoff = portfolio.record_certificate(plan_id, signoff, credential.certificate)
    return signoff, pdf


def _review_copy(data: bytes, check: CarriedCheck | None = None) -> tuple[str, bytes] | None:
    """(fingerprint, the rendering it starts with) of a review copy that is kamplanner's
    rendering of the plan file it carries (``check``: check_carried's, if made already); None
    for any other PDF."""
    if check is None:
        try:
            check = check_carried(data)
        except (NotAPlanPdf, PlanFileError):
            return None
    record = check.rendered_length is not None and not check.reasons
    return (check.fingerprint, data[: check.rendered_length]) if record and check.rendered_length else None


def verify_pdf(
    portfolio: Portfolio, data: bytes, trust_roots: list[Path] | None = None, carried: CarriedCheck | None = None
) -> Verification:
    """Check a PDF: is it a signed-off version as we render it, and does the signature that
    counts (the one over exactly that rendering) hold, by the reviewer the sign-off names?

    Raises ValueError for a --trust file that is no certificate. Never raises for the PDF:
    whatever is wrong with it is one of the reasons.
    """
    from . import signing

    roots = signing.load_trust_roots(trust_roots)
    if not signing.is_pdf(data):
        return Verification(
            SignatureCheck(signed=False), None, None, None, False, None, ("the file is not a PDF",), readable=False
        )
    fingerprints = signing.fingerprints_in(data)
    fingerprint = fingerprints[0] if fingerprints else None
    candidate: tuple[int, SignOff] | None = None
    match: tuple[int, SignOff, bytes] | None = None
    review_copy = _review_copy(data, carried)
    for value in fingerprints:
        for plan_id, signoff in portfolio.find_signoffs(value):
            candidate = candidate or (plan_id, signoff)
            # The sign-off's own PDF, rendered again; or the review copy the reviewer signed in
            # their own tool (import_pdf), which is the rendering of the plan file it carries.
            renderings = [render_signed(signoff, lang) for lang in _languages_first(signoff)]
            if review_copy is not None and review_copy[0] == signoff.fingerprint:
                renderings.insert(0, review_copy[1])
            for expected in renderings:
                # A PAdES signature is an incremental update: the signed file starts with the
                # bytes that were rendered. What comes after them is examined below.
                if data.startswith(expected):
                    match = (plan_id, signoff, expected)
                    break
            if match:
                break
        if match:
            fingerprint = value
            break
    if match is None:
        return _not_a_signed_version(portfolio, data, roots, fingerprint, candidate)

    plan_id, signoff, expected = match
    reasons: list[str] = []
    notes: list[str] = []
    who = f"signed-off version {signoff.number} of plan {plan_id} (by {signoff.reviewer} on {signoff.date})"
    signature = SignatureCheck(signed=False)
    signatures: tuple[SignatureCheck, ...] = ()
    counts = False
    if len(data) == len(expected):
        unsigned = f"matches {who}, but carries no signature"
        refusals = []
        if signoff.certificate_sha256:
            refusals.append(
                f"the sign-off was made with the certificate of {signoff.certificate_subject}:"
                " a copy without its signature is not the signed document"
            )
        if roots:
            refusals.append("--trust asks for a trusted signature, and this copy has none")
        (reasons if refusals else notes).append(unsigned)
        reasons.extend(refusals)
    else:
        exam = signing.examine(data, len(expected), roots)
        signatures = tuple(exam.signatures)
        reasons.extend(exam.problems)
        if exam.counting is None:
            signature = signatures[0] if signatures else SignatureCheck(signed=False)
        else:
            signature, counts = exam.counting, True
            if not signature.intact:
                reasons.append(f"the signature over the signed-off version is broken: {signature.problem}")
            reasons.extend(_signer_problems(signoff, signature, bool(roots), notes))
            for later in exam.later_signatures:
                trust = "" if later.trusted is None else (", trusted" if later.trusted else ", not trusted")
                notes.append(f"then signed by {later.signer}{trust}")
            if exam.annotations:
                count = len(exam.annotations)
                notes.append(
                    f"then annotated: {count} annotation{'s' if count != 1 else ''} ({'; '.join(exam.annotations)})"
                )
            if exam.form_fields:
                notes.append(f"then form fields filled: {', '.join(exam.form_fields)}")
    try:
        current = portfolio.fingerprint(plan_id) == signoff.fingerprint
    except NotFound:
        current = None
    return Verification(
        signature,
        fingerprint,
        plan_id,
        signoff.number,
        True,
        current,
        tuple(dict.fromkeys(reasons)),
        tuple(notes),
        signatures,
        signoff,
        counts,
    )


def _languages_first(signoff: SignOff) -> list[str]:
    """The document languages, the plan's own first (the usual one: fewer renderings)."""
    try:
        own = planfile.loads(signoff.snapshot).language
    except Exception:
        return list(LANGUAGES)
    return [own, *(lang for lang in LANGUAGES if lang != own)]


def _signer_problems(signoff: SignOff, signature: SignatureCheck, trusting: bool, notes: list[str]) -> list[str]:
    """Why the signer is not the one the sign-off asks for (empty: it is)."""
    from .signing import names_match

    cert = signature.certificate
    if cert is None:
        return ["the signature carries no certificate to say who signed it"]
    problems = []
    if signoff.certificate_sha256:
        if cert.sha256 != signoff.certificate_sha256:
            problems.append(
                f"signed by {cert.subject}, not with the certificate the sign-off was made with"
                f" ({signoff.certificate_subject}, sha256:{signoff.certificate_sha256[:16]}…)"
            )
    elif not names_match(signoff.reviewer, cert.common_name):
        if not trusting:
            problems.append(
                f"signed by {cert.subject}, not by the reviewer the sign-off names ({signoff.reviewer}),"
                " and no --trust root vouches for the signer"
            )
        elif signature.trusted:
            notes.append(f"the signer is trusted, though the sign-off names {signoff.reviewer}")
    elif not trusting:
        notes.append("the signer's name is the reviewer's; only --trust can check the certificate itself")
    if trusting and not signature.trusted:
        problems.append(
            f"the signer's certificate ({cert.subject}) does not chain to a trusted root given with --trust"
        )
    return problems


def _not_a_signed_version(
    portfolio: Portfolio, data: bytes, roots: list, fingerprint: str | None, candidate: tuple[int, SignOff] | None
) -> Verification:
    from . import signing

    exam = signing.examine(data, 0, roots)
    signature = exam.signatures[0] if exam.signatures else SignatureCheck(signed=False)
    if candidate is not None:
        plan_id, signoff = candidate
        reasons = [
            f"the document is not signed-off version {signoff.number} of plan {plan_id} as it renders again:"
            " its bytes differ (it was changed, or made by another kamplanner)"
        ]
        try:
            current = portfolio.fingerprint(plan_id) == signoff.fingerprint
        except NotFound:
            current = None
        return Verification(
            signature, fingerprint, plan_id, signoff.number, False, current, tuple(reasons), (), tuple(exam.signatures)
        )
    if fingerprint is None:
        reasons = ["the PDF names no plan version (no fingerprint in its metadata)"]
    else:
        reasons = [f"no signed-off version in the database has this fingerprint ({fingerprint[:12]})"]
    readable = not any(p.startswith("the PDF cannot be read") for p in exam.problems)
    if not readable:
        reasons.append(exam.problems[0])
    return Verification(
        signature, fingerprint, None, None, False, None, tuple(reasons), (), tuple(exam.signatures), readable=readable
    )
