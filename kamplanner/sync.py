"""Sync: a laptop's SQLite portfolio and a team server, field by field and row by row.

Each plan is merged on its own, three ways, from the base both sides agreed at the last sync
(kept on the laptop, by plan UUID): what changed on one side only is taken to the other; what
changed on both is merged edit by edit (domain/rebase.py, the editor's own merge), and a field
both changed keeps the server's value in the plan and this laptop's in a conflict (nothing is
dropped). The server is written first, then the laptop with its new base, each in one
transaction: a sync killed between the two leaves the server merged and the laptop as it was,
and the next sync finds the laptop's edits already there and finishes. Deleting is a
tombstone in the change log: a plan deleted on one side and unchanged on the other is deleted
there too. Sign-offs and numbered versions come from the server as they are; the server
itself refuses what its login may not do (someone else's plan, a plan under review), and those
edits wait on the laptop.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from .domain import planfile, policy
from .domain.changelog import Change, ChangeKind
from .domain.cycle import Cycle, cycle_to_json
from .domain.delta import edits_between
from .domain.edits import InsertRow, RemoveRow, SetAccount, SetCell, SetProse, SimpleEdit
from .domain.model import Plan
from .domain.policy import Action
from .domain.rebase import Collision, rebase
from .services import Portfolio
from .store import plans as repo
from .store import sync_state
from .store.database import DatabaseError, NotPermitted
from .store.plans import StaleVersion
from .store.team import team_id

ATTEMPTS = 3  # a plan saved by someone else while it was being synced is synced again


@dataclass
class SyncReport:
    """What one sync did, plan by plan (by "account year")."""

    pulled: list[str] = field(default_factory=list)
    pushed: list[str] = field(default_factory=list)
    created_here: list[str] = field(default_factory=list)
    created_there: list[str] = field(default_factory=list)
    deleted_here: list[str] = field(default_factory=list)
    deleted_there: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (plan, where)
    waiting: list[tuple[str, str]] = field(default_factory=list)  # (plan, why its edits stay here)

    @property
    def changed(self) -> bool:
        return any(
            (self.pulled, self.pushed, self.created_here, self.created_there, self.deleted_here, self.deleted_there)
        )


@dataclass(frozen=True)
class _Side:
    plan_id: int
    plan: Plan
    cycle: Cycle


def _title(plan: Plan) -> str:
    return f"{plan.account.name} {plan.year}"


def _content(plan: Plan) -> str:
    document = json.loads(planfile.canonical_bytes(plan))
    document.get("plan", {}).pop("version", None)  # each database numbers its own revisions
    return json.dumps(document, sort_keys=True, ensure_ascii=False)


def _state(plan: Plan, cycle: Cycle) -> tuple[str, str, int]:
    return _content(plan), json.dumps(cycle_to_json(cycle), sort_keys=True, ensure_ascii=False), int(plan.phase)


def _load(portfolio: Portfolio, plan_id: int | None) -> _Side | None:
    if plan_id is None:
        return None
    with portfolio.db.reading() as session:
        try:
            return _Side(plan_id, repo.load_plan(session, plan_id), repo.load_cycle(session, plan_id))
        except repo.NotFound:
            return None


@dataclass(frozen=True)
class SyncConflict:
    """Something both sides changed: the server's value is in the plan, ``mine`` was this laptop's."""

    id: int
    place: str  # the field path, with [row] and .column for a cell
    mine: object
    theirs: object

    @property
    def field(self) -> str:
        return self.place.split("[", 1)[0]


def conflicts_of(laptop: Portfolio, plan_uuid: str | None) -> list[SyncConflict]:
    """The sync conflicts kept for a plan on this laptop, oldest first."""
    if laptop.db.path is None or not plan_uuid:
        return []
    with laptop.db.reading() as session:
        return [SyncConflict(r.id, r.place, r.mine, r.theirs) for r in sync_state.conflicts(session, plan_uuid)]


def settle(laptop: Portfolio, conflict_id: int) -> None:
    """A conflict seen to: whichever value the person chose is in the plan now."""
    with laptop.db.transaction() as session:
        sync_state.drop_conflict(session, conflict_id)


def mine_again(plan: Plan, conflict: SyncConflict) -> SimpleEdit | None:
    """The edit that puts this laptop's side of a conflict in the plan (None: it cannot now)."""
    field_path, _, rest = conflict.place.partition("[")
    if not rest:
        if conflict.place.startswith("account."):
            attribute = conflict.place.split(".", 1)[1]
            return SetAccount(attribute, getattr(plan.account, attribute, None), conflict.mine)
        if isinstance(conflict.mine, str) or conflict.mine is None:
            return SetProse(field_path, plan.text(field_path), conflict.mine or "")
        return None
    row_key, _, column = rest.partition("].")
    row = plan.row(field_path, row_key)
    if row is None or not column:
        return None
    from .domain.template import TEMPLATE
    from .domain.values import from_json

    try:
        value = (
            from_json(TEMPLATE.table(field_path).column(column), conflict.mine) if conflict.mine is not None else None
        )
    except KeyError:
        return None
    return SetCell(field_path, row_key, column, row.get(column), value)


def unsynced(laptop: Portfolio) -> int | None:
    """How many plans changed on this laptop since its last complete sync (None: never synced).
    The sync's own writes count until the next sync looks at them."""
    if laptop.db.path is None:
        return None
    with laptop.db.reading() as session:
        found = sync_state.unsynced(session)
    return None if found is None else len(found)


def sync(laptop: Portfolio, server: Portfolio, progress: Callable[[int, int], None] | None = None) -> SyncReport:
    """Sync every plan of the laptop with the team server (and the server's with the laptop)."""
    if server.team is None:
        raise DatabaseError(f"{server.display_name} is not a team server")
    if laptop.db.path is None:
        raise DatabaseError("sync runs from a laptop's own portfolio file to a team server")
    server_id = team_id(server.db)
    with laptop.db.reading() as session:
        local = sync_state.plan_uuids(session)
        known = sync_state.bases(session, server_id)
        marked = sync_state.marks(session, server_id)
        local_mark = sync_state.last_change(session)
        changed_here = sync_state.changed_since(session, marked[0]) if marked else None
    with server.db.reading() as session:
        remote = sync_state.plan_uuids(session)
        server_mark = sync_state.last_change(session)
        # From where the sync before the last one started: on a server, ids are not commit
        # order, and a change given its id before the last sync read the log but committed
        # after is seen here all the same.
        changed_there = sync_state.changed_since(session, marked[1]) if marked else None
    report = SyncReport()
    everywhere = set(local) & set(remote) & set(known)
    uuids = sorted(set(local) | set(remote) | set(known))
    if changed_here is not None and changed_there is not None:
        # Only what either change log shows changed since the last sync, and what one side lacks.
        uuids = [u for u in uuids if u not in everywhere or u in changed_here or u in changed_there]
    for done, uuid in enumerate(uuids, start=1):
        for attempt in range(ATTEMPTS):
            try:
                _sync_plan(laptop, server, server_id, uuid, report)
                break
            except StaleVersion:
                if attempt == ATTEMPTS - 1:
                    report.waiting.append((uuid, "it kept changing while it was synced; the next sync goes on"))
        if progress is not None:
            progress(done, len(uuids))
    if not report.waiting:  # every plan is through: the next sync starts from here
        with laptop.db.transaction() as session:
            sync_state.set_marks(session, server_id, local_mark, marked[2] if marked else server_mark, server_mark)
    return report


def _sync_plan(laptop: Portfolio, server: Portfolio, server_id: str, uuid: str, report: SyncReport) -> None:
    with laptop.db.reading() as session:
        here = _load(laptop, repo.plan_id_of_uuid(session, uuid))
        base_text = sync_state.bases(session, server_id).get(uuid)
        deleted_here = repo.was_deleted(session, uuid)
    with server.db.reading() as session:
        there = _load(server, repo.plan_id_of_uuid(session, uuid))
    base = planfile.loads_with_cycle(base_text) if base_text else None
    base_state = _state(*base) if base else None

    if here is None and there is None:
        with laptop.db.transaction() as session:
            sync_state.drop_base(session, server_id, uuid)
        return
    if there is None:
        assert here is not None
        if base is not None:  # it was on the server at the last sync: deleted there
            if _state(here.plan, here.cycle) == base_state:
                laptop.delete_plan(here.plan_id)
                report.deleted_here.append(_title(here.plan))
            else:
                report.waiting.append((_title(here.plan), "deleted on the server but changed here: kept here"))
            with laptop.db.transaction() as session:
                sync_state.drop_base(session, server_id, uuid)
            return
        _push_new(laptop, server, server_id, here, report)
        return
    if here is None:
        if base is not None and deleted_here:
            if _state(there.plan, there.cycle) == base_state:
                _delete_there(laptop, server, server_id, there, report)
                return
            report.waiting.append((_title(there.plan), "deleted here but changed on the server: brought back"))
        _pull_new(laptop, server_id, there, report)
        return

    here_state, there_state = _state(here.plan, here.cycle), _state(there.plan, there.cycle)
    if here_state == there_state:
        _align(laptop, server_id, here, there, pulled=False, report=report)
        return
    changed_here = base_state is None or here_state != base_state
    changed_there = base_state is None or there_state != base_state

    # The content: what to write on the server, and what was changed on both sides.
    collisions: list[Collision] = []
    push = []
    if changed_here and base is not None:
        mine = edits_between(base[0], here.plan)
        if changed_there:
            merged = rebase(there.plan.copy(), mine)
            push, collisions = list(merged.kept), merged.collisions
        else:
            push = edits_between(there.plan, here.plan)
    elif changed_here:  # both had it before this laptop ever synced it: every difference is kept
        collisions = _first_contact(there.plan, here.plan)
    # The cycle record: one side's change is taken; both changed, the server's is kept.
    cycle_push = None
    if base is not None:
        here_cycle, there_cycle, base_cycle = here_state[1:], there_state[1:], base_state[1:]  # type: ignore[index]
        if here_cycle != base_cycle and there_cycle == base_cycle:
            cycle_push = here.cycle, here.plan.phase
        elif here_cycle != base_cycle and there_cycle != here_cycle:
            report.conflicts.append((_title(there.plan), "the planning cycle (the server's was kept)"))

    if push or cycle_push is not None:
        summary = server.summary(there.plan_id)
        wanted = Action.EDIT if push else Action.MOVE
        if not policy.allowed(server.actor, wanted, summary, server.rules):
            reason = str(policy.NotAllowed(server.actor, wanted, summary, server.rules))
            report.waiting.append((_title(there.plan), reason))
            return
        try:
            with server.db.transaction() as session:
                repo.lock_plan(session, there.plan_id)
                if push:
                    repo.apply_edits(session, there.plan_id, there.plan.version, push, server.actor)
                if cycle_push is not None:
                    cycle, phase = cycle_push
                    repo.save_cycle(session, there.plan_id, cycle, phase)
                repo.log_changes(
                    session, server.actor, there.plan_id, [Change(ChangeKind.IMPORT, after={"sync": len(push)})]
                )
        except NotPermitted as exc:
            report.waiting.append((_title(there.plan), str(exc)))
            return
        report.pushed.append(_title(there.plan))
        fresh = _load(server, there.plan_id)
        assert fresh is not None
        there = fresh
    _align(laptop, server_id, here, there, pulled=changed_there, report=report, collisions=collisions)


def _first_contact(theirs: Plan, mine: Plan) -> list[Collision]:
    """A plan both sides had before this laptop first synced it, different: with no common
    base nothing says which side changed what, so every difference is a conflict (the
    server's value stays in the plan, this laptop's is kept beside it)."""
    found = []
    for edit in edits_between(theirs, mine):
        if isinstance(edit, SetProse):
            found.append(Collision(edit, edit.field, edit.new, edit.old))
        elif isinstance(edit, SetCell):
            found.append(Collision(edit, f"{edit.field}[{edit.row}].{edit.column}", edit.new, edit.old))
        elif isinstance(edit, SetAccount):
            found.append(Collision(edit, f"account.{edit.attribute}", edit.new, edit.old))
        elif isinstance(edit, (InsertRow, RemoveRow)):
            mine_row = edit.record if isinstance(edit, InsertRow) else None
            theirs_row = edit.record if isinstance(edit, RemoveRow) else None
            found.append(Collision(edit, f"{edit.field}[{edit.record.key}]", mine_row, theirs_row))
    return found


def _align(  # type: ignore[no-untyped-def]
    laptop: Portfolio,
    server_id: str,
    here: _Side,
    there: _Side,
    *,
    pulled: bool,
    report: SyncReport,
    collisions: list[Collision] | None = None,
) -> None:
    """Make the laptop's plan what the server has now, keep what collided, and remember this as
    the new base: one transaction."""
    edits = edits_between(here.plan, there.plan)
    with laptop.db.transaction() as session:
        repo.lock_plan(session, here.plan_id)
        version = here.plan.version
        if edits:
            version = repo.apply_edits(session, here.plan_id, version, edits, laptop.actor)
        elif repo.current_version(session, here.plan_id) != version:
            raise StaleVersion(here.plan_id, version, repo.current_version(session, here.plan_id))
        repo.save_cycle(session, here.plan_id, there.cycle, there.plan.phase)
        sync_state.set_revision(session, here.plan_id, there.plan.version)
        _copy_records(session, here, there)
        for collision in collisions or []:
            sync_state.add_conflict(
                session,
                server_id,
                there.plan.uuid or "",
                collision.where,
                _plain(collision.mine),
                _plain(collision.theirs),
            )
        sync_state.set_base(session, server_id, there.plan.uuid or "", planfile.dumps(there.plan, there.cycle))
    if edits or pulled:
        report.pulled.append(_title(there.plan))
    for collision in collisions or []:
        report.conflicts.append((_title(there.plan), collision.where))


def _copy_records(session, here: _Side, there: _Side) -> None:  # type: ignore[no-untyped-def]
    """The server's sign-offs and numbered versions, as they are, where the laptop lacks them."""
    have_versions = {v.number for v in here.plan.versions}
    for version in there.plan.versions:
        if version.number not in have_versions:
            repo.add_version(session, here.plan_id, version)
    have_signoffs = {s.version for s in here.cycle.signoffs}
    for signoff in there.cycle.signoffs:
        if signoff.version not in have_signoffs:
            repo.add_signoff(session, here.plan_id, signoff)


def _plain(value: object) -> object:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    values = getattr(value, "values", None)
    return dict(values) if isinstance(values, dict) else str(value)


def _push_new(laptop: Portfolio, server: Portfolio, server_id: str, here: _Side, report: SyncReport) -> None:
    try:
        server_id_of_plan = server.import_json(planfile.dumps(here.plan, here.cycle))
    except (policy.NotAllowed, NotPermitted, repo.Conflict) as exc:
        report.waiting.append((_title(here.plan), str(exc)))
        return
    there = _load(server, server_id_of_plan)
    assert there is not None
    report.created_there.append(_title(here.plan))
    _align(laptop, server_id, here, there, pulled=False, report=report)


def _pull_new(laptop: Portfolio, server_id: str, there: _Side, report: SyncReport) -> None:
    with laptop.db.transaction() as session:
        plan_id = repo.add_plan(session, there.plan)
        repo.save_cycle(session, plan_id, there.cycle)
        here = _Side(plan_id, repo.load_plan(session, plan_id), Cycle())
        _copy_records(session, here, there)
        repo.log_changes(session, laptop.actor, plan_id, [Change(ChangeKind.IMPORT, after={"sync": "pulled"})])
        sync_state.set_base(session, server_id, there.plan.uuid or "", planfile.dumps(there.plan, there.cycle))
    report.created_here.append(_title(there.plan))


def _delete_there(laptop: Portfolio, server: Portfolio, server_id: str, there: _Side, report: SyncReport) -> None:
    try:
        server.delete_plan(there.plan_id)
    except (policy.NotAllowed, NotPermitted, repo.Conflict) as exc:
        report.waiting.append((_title(there.plan), str(exc)))
        return
    with laptop.db.transaction() as session:
        sync_state.drop_base(session, server_id, there.plan.uuid or "")
    report.deleted_there.append(_title(there.plan))
