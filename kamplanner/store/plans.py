"""Reading and writing plans: domain objects in, domain objects out; SQL stays in here."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import delete, func, not_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import values
from ..domain.actor import Actor
from ..domain.changelog import Change, ChangeKind, LoggedChange
from ..domain.cycle import Cycle, SignOff, cycle_from_json, cycle_to_json
from ..domain.dashboard import CycleDates
from ..domain.edits import Edit, InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetCurrency, SetProse, flatten
from ..domain.markdown import has_text
from ..domain.model import Account, Phase, Plan, PlanSummary, Record, Scope, Tier, new_uuid
from ..domain.template import ACTIONS, TEMPLATE, Table
from ..domain.validation import completeness_from_filled, completeness_percent, section_completeness
from ..domain.versions import PlanVersion, VersionKind, label, label_of
from .models import (
    RECORD_DUE,
    AccountRow,
    ChangeRow,
    CycleRow,
    PlanRow,
    ProseRow,
    RecordRow,
    SignOffRow,
    VersionRow,
    utcnow,
)


class NotFound(LookupError):
    pass


class Conflict(RuntimeError):
    """The write would overwrite something: a newer version, an existing plan."""


class StaleVersion(Conflict):
    def __init__(self, plan_id: int, expected: int, actual: int):
        self.plan_id, self.expected, self.actual = plan_id, expected, actual
        super().__init__(
            f"plan {plan_id} was changed elsewhere: it is at version {actual}, this edit was made"
            f" on version {expected}. Reload the plan and make the edit again."
        )


# --------------------------------------------------------------------------- conversions


def _record_to_json(table: Table, record: Record) -> dict[str, Any]:
    return {c.key: values.to_json(c, v) for c in table.columns if (v := record.get(c.key)) is not None}


def _record_from_json(table: Table, key: str, data: dict[str, Any]) -> Record:
    record = Record(key)
    for column in table.columns:
        raw = data.get(column.key)
        if raw is not None:
            # Data written by this code always parses; a bad cell from a hand-edited
            # database is dropped rather than stopping the plan from opening.
            try:
                record.values[column.key] = values.from_json(column, raw)
            except values.ValueProblem:
                continue
    return record


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything stored is UTC.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


# Enum members by stored value: a dict look-up per row where thousands of rows are listed.
_TIERS = {t.value: t for t in Tier}
_SCOPES = {s.value: s for s in Scope}
_PHASES = {int(p): p for p in Phase}


def _tier(value: str) -> Tier:
    return _TIERS.get(value) or Tier(value)  # an unknown value fails as Tier() fails


def _phase(value: int) -> Phase:
    return _PHASES.get(value) or Phase(value)


def account_from_row(row: AccountRow) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        tier=Tier(row.tier),
        industry=row.industry,
        region=row.region,
        scope=Scope(row.scope),
        customer_since=row.customer_since,
        annual_revenue=row.annual_revenue,
        manager=row.manager,
        uuid=row.uuid,
    )


def _account_values(account: Account) -> dict[str, Any]:
    return {
        "name": account.name,
        "tier": Tier(account.tier).value,
        "industry": account.industry,
        "region": account.region,
        "scope": Scope(account.scope).value,
        "customer_since": account.customer_since,
        "annual_revenue": account.annual_revenue,
        "manager": account.manager,
    }


# --------------------------------------------------------------------------- accounts


def find_account(session: Session, name: str) -> AccountRow | None:
    return session.scalars(select(AccountRow).where(AccountRow.name == name)).first()


def find_account_of(session: Session, account: Account) -> AccountRow | None:
    """The stored account that is ``account``: the one with its UUID, else the one with its name."""
    if account.uuid:
        row = session.scalars(select(AccountRow).where(AccountRow.uuid == account.uuid)).first()
        if row is not None:
            return row
    return find_account(session, account.name)


def add_account(session: Session, account: Account) -> int:
    """Store a new account, under its UUID when it has one (one from a plan file), else a new one."""
    if find_account(session, account.name) is not None:
        raise Conflict(f"an account named {account.name!r} exists already")
    row = AccountRow(**_account_values(account), uuid=account.uuid or new_uuid())
    session.add(row)
    session.flush()
    return row.id


def list_accounts(session: Session) -> list[Account]:
    # Columns, not ORM rows: the navigator lists every account at start-up.
    rows = session.execute(
        select(
            AccountRow.id,
            AccountRow.name,
            AccountRow.tier,
            AccountRow.industry,
            AccountRow.region,
            AccountRow.scope,
            AccountRow.customer_since,
            AccountRow.annual_revenue,
            AccountRow.manager,
            AccountRow.uuid,
        ).order_by(AccountRow.name)
    )
    return [
        Account(
            id=r[0],
            name=r[1],
            tier=_tier(r[2]),
            industry=r[3],
            region=r[4],
            scope=_SCOPES.get(r[5]) or Scope(r[5]),
            customer_since=r[6],
            annual_revenue=r[7],
            manager=r[8],
            uuid=r[9],
        )
        for r in rows
    ]


def load_account(session: Session, account_id: int) -> Account:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(f"no account with id {account_id}")
    return account_from_row(row)


# --------------------------------------------------------------------------- plans


def plan_id_for(session: Session, account_id: int, year: int) -> int | None:
    return session.scalar(select(PlanRow.id).where(PlanRow.account_id == account_id, PlanRow.year == year))


def plan_id_of_uuid(session: Session, uuid: str) -> int | None:
    return session.scalar(select(PlanRow.id).where(PlanRow.uuid == uuid))


def plan_uuid(session: Session, plan_id: int) -> str:
    found = session.scalar(select(PlanRow.uuid).where(PlanRow.id == plan_id))
    if found is None:
        raise NotFound(f"no plan with id {plan_id}")
    return found


def load_plan(session: Session, plan_id: int) -> Plan:
    row = session.get(PlanRow, plan_id)
    if row is None:
        raise NotFound(f"no plan with id {plan_id}")
    account = load_account(session, row.account_id)
    plan = Plan(
        id=row.id,
        account=account,
        year=row.year,
        language=row.language,
        version=row.version,
        phase=Phase(row.phase),
        currency=row.currency,
        uuid=row.uuid,
        saved_at=_utc(row.updated_at),
        versions=load_versions(session, [plan_id]).get(plan_id, []),
    )
    known = set(TEMPLATE.paths)
    for field, text in session.execute(select(ProseRow.field, ProseRow.text).where(ProseRow.plan_id == plan_id)):
        if field in known:
            plan.prose[field] = text
    rows = session.execute(
        select(RecordRow.field, RecordRow.key, RecordRow.data)
        .where(RecordRow.plan_id == plan_id)
        .order_by(RecordRow.field, RecordRow.position)
    )
    for field, key, data in rows:
        if field in known:
            plan.tables.setdefault(field, []).append(_record_from_json(TEMPLATE.table(field), key, data))
    return plan


def add_plan(session: Session, plan: Plan) -> int:
    """Store a whole plan (its account found by UUID or name, or created) and return its id.

    The plan keeps its UUID when it has one (one from a plan file), else it gets a new one."""
    account_row = find_account_of(session, plan.account)
    if account_row is None:
        account_id = add_account(session, plan.account)
    else:
        account_id = account_row.id
    if plan_id_for(session, account_id, plan.year) is not None:
        raise Conflict(f"{plan.account.name} has a {plan.year} plan already")
    row = PlanRow(
        account_id=account_id,
        year=plan.year,
        language=plan.language,
        version=plan.version,
        phase=int(plan.phase),
        currency=plan.currency,
        completeness=completeness_percent(section_completeness(plan)),
        uuid=plan.uuid or new_uuid(),
    )
    session.add(row)
    session.flush()
    _write_content(session, row.id, plan)
    return row.id


def set_language(session: Session, plan_id: int, language: str) -> None:
    session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(language=language))


def _write_content(session: Session, plan_id: int, plan: Plan) -> None:
    prose = [{"plan_id": plan_id, "field": f, "text": t} for f, t in plan.prose.items() if t]
    if prose:
        session.execute(ProseRow.__table__.insert(), prose)
    records = [
        {
            "plan_id": plan_id,
            "field": path,
            "position": position,
            "key": record.key,
            "data": _record_to_json(TEMPLATE.table(path), record),
        }
        for path, rows in plan.tables.items()
        for position, record in enumerate(rows)
    ]
    if records:
        session.execute(RecordRow.__table__.insert(), records)


def delete_plan(session: Session, plan_id: int) -> None:
    if session.execute(delete(PlanRow).where(PlanRow.id == plan_id)).rowcount == 0:
        raise NotFound(f"no plan with id {plan_id}")


@contextmanager
def _no_collection() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a long list of plain objects is built:
    none of them can be garbage yet, and its passes over them were a third of listing 50,000
    plans (median 468 -> 289 ms, bench/bench_team.py's portfolio)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def summaries(session: Session, *, tier: Tier | None = None, plan_id: int | None = None) -> list[PlanSummary]:
    """Every plan's summary (or only those of the accounts of one tier, or the one plan's), by
    account name and year."""
    with _no_collection():
        return _summaries(session, tier, plan_id)


def _summaries(session: Session, tier: Tier | None, plan_id: int | None) -> list[PlanSummary]:
    query = select(
        PlanRow.id,
        AccountRow.name,
        AccountRow.id,
        PlanRow.year,
        AccountRow.tier,
        PlanRow.phase,
        PlanRow.version,
        PlanRow.completeness,
        AccountRow.manager,
        PlanRow.language,
        _updated_text(session),
    ).join(AccountRow, PlanRow.account_id == AccountRow.id)
    numbered = select(VersionRow.plan_id, VersionRow.number, VersionRow.revision)
    if tier is not None:
        query = query.where(AccountRow.tier == Tier(tier).value)
        of_tier = select(PlanRow.id).join(AccountRow, PlanRow.account_id == AccountRow.id)
        numbered = numbered.where(VersionRow.plan_id.in_(of_tier.where(AccountRow.tier == Tier(tier).value)))
    if plan_id is not None:
        query = query.where(PlanRow.id == plan_id)
        numbered = numbered.where(VersionRow.plan_id == plan_id)
    connection = session.connection()  # Core rows: no ORM loading for a list of plain values
    # Sorted here, by code point (what SQLite's and a C-collation server's ORDER BY give): a
    # server sorting 50,000 rows under its collation spends longer than Python does.
    rows = sorted(connection.execute(query).all(), key=lambda r: (r[1], r[3]))
    # Each plan's versions as (number, revision), read in one statement: a list of 50,000
    # plans spends its time building summaries, not sending lists of ids.
    made: dict[int, list[tuple[int, int]]] = {}
    for owner, number, revision in connection.execute(numbered):
        made.setdefault(owner, []).append((number, revision))
    tiers = {t.value: t for t in Tier}
    phases = {int(p): p for p in Phase}
    none: list[tuple[int, int]] = []
    return [
        PlanSummary(
            id=r[0],
            account=r[1],
            account_id=r[2],
            year=r[3],
            tier=tiers.get(r[4]) or _tier(r[4]),
            phase=phases.get(r[5]) or _phase(r[5]),
            version=r[6],
            completeness=r[7],
            manager=r[8],
            language=r[9],
            updated=r[10] if isinstance(r[10], str) else r[10].isoformat() if r[10] else "",
            version_label=label_of(made.get(r[0], none), r[6]),
        )
        for r in rows
    ]


def _updated_text(session: Session):  # type: ignore[no-untyped-def]
    """When each plan was last saved, as the list shows it (ISO 8601, UTC). A server writes
    the text itself: for 50,000 plans, turning timestamps into datetimes and back is a good
    part of the listing's time."""
    if session.get_bind().dialect.name == "postgresql":
        utc = func.timezone("UTC", PlanRow.updated_at)
        return func.to_char(utc, 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
    return PlanRow.updated_at


def summary(session: Session, plan_id: int) -> PlanSummary:
    found = summaries(session, plan_id=plan_id)
    if not found:
        raise NotFound(f"no plan with id {plan_id}")
    return found[0]


# --------------------------------------------------------------------------- edits


def apply_edits(
    session: Session, plan_id: int, expected_version: int, edits: list[Edit], actor: Actor | None = None
) -> int:
    """Write edits made on ``expected_version`` and return the new version number.

    Only the touched rows are written, so a one-field edit is a handful of small statements.
    A writer holding an older version is refused (StaleVersion) and nothing is written.
    With ``actor``, each field, cell or row written is logged in the change log as it was
    in the database before and after (None: nothing is logged, for building test databases).
    """
    bumped = session.execute(
        update(PlanRow)
        .where(PlanRow.id == plan_id, PlanRow.version == expected_version)
        .values(version=PlanRow.version + 1, updated_at=utcnow())
    )
    if bumped.rowcount != 1:
        actual = session.scalar(select(PlanRow.version).where(PlanRow.id == plan_id))
        if actual is None:
            raise NotFound(f"no plan with id {plan_id}")
        raise StaleVersion(plan_id, expected_version, actual)
    touched_content = False
    changes: list[Change] = []
    for edit in flatten(edits):
        touched, change = _apply_one(session, plan_id, edit)
        touched_content |= touched
        if change is not None:
            changes.append(change)
    if actor is not None and changes:
        log_changes(session, actor, plan_id, changes, version=expected_version + 1)
    if touched_content:
        session.execute(
            update(PlanRow).where(PlanRow.id == plan_id).values(completeness=_completeness(session, plan_id))
        )
    return expected_version + 1


def _completeness(session: Session, plan_id: int) -> int:
    # The same test as Plan.is_empty (domain.markdown.has_text): prose counts when it has words,
    # not only white space and list markers. The start of each text nearly always says so; only
    # a text that starts with nothing but markers is read whole.
    filled: set[str] = set()
    rows = session.execute(
        select(ProseRow.field, func.substr(ProseRow.text, 1, _PROSE_PEEK), func.length(ProseRow.text)).where(
            ProseRow.plan_id == plan_id
        )
    )
    for field_path, start, length in rows:
        if has_text(start) or (
            length > _PROSE_PEEK
            and has_text(
                session.scalar(select(ProseRow.text).where(ProseRow.plan_id == plan_id, ProseRow.field == field_path))
                or ""
            )
        ):
            filled.add(field_path)
    filled |= set(session.scalars(select(RecordRow.field).where(RecordRow.plan_id == plan_id).distinct()))
    return completeness_percent(completeness_from_filled(filled))


_PROSE_PEEK = 200  # characters of each text read to see whether it has words


def _apply_one(session: Session, plan_id: int, edit: Edit) -> tuple[bool, Change | None]:
    """Write one edit; returns whether it touched what completeness counts, and the change as
    the database saw it (None: nothing changed)."""
    if isinstance(edit, SetProse):
        text = edit.new
        before = session.scalar(select(ProseRow.text).where(ProseRow.plan_id == plan_id, ProseRow.field == edit.field))
        if not text:
            session.execute(delete(ProseRow).where(ProseRow.plan_id == plan_id, ProseRow.field == edit.field))
        else:
            changed = session.execute(
                update(ProseRow).where(ProseRow.plan_id == plan_id, ProseRow.field == edit.field).values(text=text)
            )
            if changed.rowcount == 0:
                session.execute(ProseRow.__table__.insert().values(plan_id=plan_id, field=edit.field, text=text))
        if (before or None) == (text or None):
            return True, None
        return True, Change(ChangeKind.EDIT, edit.field, before=before or None, after=text or None)
    if isinstance(edit, SetCell):
        table = TEMPLATE.table(edit.field)
        column = table.column(edit.column)
        where = (RecordRow.plan_id == plan_id, RecordRow.field == edit.field, RecordRow.key == edit.row)
        data = session.scalar(select(RecordRow.data).where(*where))
        if data is None:
            raise NotFound(f"{edit.field}: no row {edit.row!r} in plan {plan_id}")
        data = dict(data)
        before = data.get(edit.column)
        if edit.new is None:
            data.pop(edit.column, None)
        else:
            data[edit.column] = values.to_json(column, edit.new)
        session.execute(update(RecordRow).where(*where).values(data=data))
        after = data.get(edit.column)
        if before == after:
            return False, None
        return False, Change(ChangeKind.EDIT, edit.field, edit.row, edit.column, before, after)
    if isinstance(edit, InsertRow):
        table = TEMPLATE.table(edit.field)
        _shift(session, plan_id, edit.field, edit.index, +1)
        try:
            with session.begin_nested():
                session.execute(
                    RecordRow.__table__.insert().values(
                        plan_id=plan_id,
                        field=edit.field,
                        position=edit.index,
                        key=edit.record.key,
                        data=_record_to_json(table, edit.record),
                    )
                )
        except IntegrityError:
            raise Conflict(f"{edit.field}: row {edit.record.key!r} exists already") from None
        return True, Change(ChangeKind.ADD_ROW, edit.field, edit.record.key, after=_record_to_json(table, edit.record))
    if isinstance(edit, RemoveRow):
        where = (RecordRow.plan_id == plan_id, RecordRow.field == edit.field, RecordRow.key == edit.record.key)
        before = session.scalar(select(RecordRow.data).where(*where))
        removed = session.execute(delete(RecordRow).where(*where))
        if removed.rowcount == 0:
            raise NotFound(f"{edit.field}: no row {edit.record.key!r} in plan {plan_id}")
        _shift(session, plan_id, edit.field, edit.index + 1, -1)
        return True, Change(ChangeKind.REMOVE_ROW, edit.field, edit.record.key, before=before)
    if isinstance(edit, MoveRow):
        keys = list(
            session.scalars(
                select(RecordRow.key)
                .where(RecordRow.plan_id == plan_id, RecordRow.field == edit.field)
                .order_by(RecordRow.position)
            )
        )
        if not (0 <= edit.source < len(keys) and 0 <= edit.target < len(keys)):
            raise NotFound(f"{edit.field}: cannot move row {edit.source} to {edit.target}")
        moved = keys[edit.source]
        keys.insert(edit.target, keys.pop(edit.source))
        low, high = sorted((edit.source, edit.target))
        for position in range(low, high + 1):
            session.execute(
                update(RecordRow)
                .where(RecordRow.plan_id == plan_id, RecordRow.field == edit.field, RecordRow.key == keys[position])
                .values(position=position)
            )
        if edit.source == edit.target:
            return False, None
        return False, Change(ChangeKind.MOVE_ROW, edit.field, moved, before=edit.source, after=edit.target)
    if isinstance(edit, SetAccount):
        account_id = session.scalar(select(PlanRow.account_id).where(PlanRow.id == plan_id))
        new = edit.new
        if edit.attribute in ("tier", "scope") and new is not None:
            new = str(getattr(new, "value", new))
        attribute = getattr(AccountRow, edit.attribute)
        before = session.scalar(select(attribute).where(AccountRow.id == account_id))
        try:
            with session.begin_nested():
                session.execute(update(AccountRow).where(AccountRow.id == account_id).values({edit.attribute: new}))
        except IntegrityError:
            raise Conflict(f"an account named {new!r} exists already") from None
        if before == new:
            return False, None
        return False, Change(ChangeKind.EDIT, "account", column=edit.attribute, before=before, after=new)
    if isinstance(edit, SetCurrency):
        before = session.scalar(select(PlanRow.currency).where(PlanRow.id == plan_id))
        session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(currency=edit.new))
        if before == edit.new:
            return False, None
        return False, Change(ChangeKind.EDIT, "plan", column="currency", before=before, after=edit.new)
    raise TypeError(f"not an edit: {edit!r}")


# --------------------------------------------------------------------------- the change log


def log_changes(
    session: Session,
    actor: Actor,
    plan_id: int | None,
    changes: list[Change],
    *,
    version: int | None = None,
    plan_uuid: str | None = None,
) -> None:
    """Append entries to the change log, in the transaction of the change they record.

    The plan's UUID is looked up unless given (a deleted plan's must be given: it is gone)."""
    if not changes:
        return
    if plan_uuid is None and plan_id is not None:
        plan_uuid = session.scalar(select(PlanRow.uuid).where(PlanRow.id == plan_id))
    if version is None and plan_id is not None:
        version = session.scalar(select(PlanRow.version).where(PlanRow.id == plan_id))
    at = utcnow()
    session.execute(
        ChangeRow.__table__.insert(),
        [
            {
                "at": at,
                "actor": actor.name,
                "role": actor.role.value,
                "plan_id": plan_id,
                "plan_uuid": plan_uuid,
                "version": version,
                "kind": c.kind.value,
                "path": c.path,
                "row_key": c.row,
                "column_key": c.column,
                "before": c.before,
                "after": c.after,
            }
            for c in changes
        ],
    )


def history(session: Session, plan_id: int) -> list[LoggedChange]:
    """A plan's change log, oldest first: by its UUID (an entry made before it was deleted and
    brought back too); of a plan deleted since, the entries under its id."""
    uuid = session.scalar(select(PlanRow.uuid).where(PlanRow.id == plan_id))
    which = ChangeRow.plan_uuid == uuid if uuid is not None else ChangeRow.plan_id == plan_id
    rows = session.scalars(select(ChangeRow).where(which).order_by(ChangeRow.id))
    return [
        LoggedChange(
            Change(_change_kind(r.kind), r.path, r.row_key, r.column_key, r.before, r.after),
            r.actor,
            r.role,
            _utc(r.at) or r.at,
            r.plan_id,
            r.plan_uuid,
            r.version,
        )
        for r in rows
    ]


def was_deleted(session: Session, uuid: str) -> bool:
    """Whether the plan with this UUID was deleted here (the last word on it in the log)."""
    last = session.scalar(
        select(ChangeRow.kind).where(ChangeRow.plan_uuid == uuid).order_by(ChangeRow.id.desc()).limit(1)
    )
    return last == ChangeKind.DELETE.value


def _change_kind(value: str) -> ChangeKind:
    try:
        return ChangeKind(value)
    except ValueError:  # written by a newer kamplanner: shown as an edit rather than not at all
        return ChangeKind.EDIT


def _shift(session: Session, plan_id: int, field: str, start: int, by: int) -> None:
    session.execute(
        update(RecordRow)
        .where(RecordRow.plan_id == plan_id, RecordRow.field == field, RecordRow.position >= start)
        .values(position=RecordRow.position + by)
    )


# --------------------------------------------------------------------------- cycle and sign-off


def lock_plan(session: Session, plan_id: int) -> None:
    """Hold the plan's row until the transaction ends, so read-change-write steps on its cycle
    record run one after another (SELECT ... FOR UPDATE on a server; on SQLite every writing
    transaction holds the database's write lock from its start)."""
    if session.scalar(select(PlanRow.id).where(PlanRow.id == plan_id).with_for_update()) is None:
        raise NotFound(f"no plan with id {plan_id}")


def load_cycle(session: Session, plan_id: int) -> Cycle:
    data = session.scalar(select(CycleRow.data).where(CycleRow.plan_id == plan_id))
    cycle = cycle_from_json(data) if data else Cycle()
    rows = session.scalars(select(SignOffRow).where(SignOffRow.plan_id == plan_id).order_by(SignOffRow.version))
    versions = load_versions(session, [plan_id]).get(plan_id, [])
    cycle.signoffs = [_signoff(r, versions) for r in rows]
    return cycle


def save_cycle(session: Session, plan_id: int, cycle: Cycle, phase: Phase | None = None) -> None:
    """Write the cycle record (and the phase, when it moved). Sign-offs are added on their own."""
    data = cycle_to_json(cycle)
    if session.execute(update(CycleRow).where(CycleRow.plan_id == plan_id).values(data=data)).rowcount == 0:
        session.execute(CycleRow.__table__.insert().values(plan_id=plan_id, data=data))
    if phase is not None:
        session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(phase=int(phase)))


def add_signoff(session: Session, plan_id: int, signoff: SignOff) -> None:
    _add_once(
        session,
        SignOffRow(
            plan_id=plan_id,
            version=signoff.version,
            fingerprint=signoff.fingerprint,
            reviewer=signoff.reviewer,
            role=signoff.role,
            date=signoff.date,
            snapshot=signoff.snapshot,
            certificate_sha256=signoff.certificate_sha256,
            certificate_subject=signoff.certificate_subject,
        ),
        f"version {signoff.version} of plan {plan_id} is signed off already",
    )


def signoffs_by_fingerprint(session: Session, fingerprint: str) -> list[tuple[int, SignOff]]:
    rows = list(session.scalars(select(SignOffRow).where(SignOffRow.fingerprint == fingerprint)))
    versions = load_versions(session, {r.plan_id for r in rows})
    return [(r.plan_id, _signoff(r, versions.get(r.plan_id, []))) for r in rows]


def set_signoff_certificate(session: Session, plan_id: int, version: int, sha256: str, subject: str) -> None:
    """Record the certificate a sign-off made without one was then signed with."""
    session.execute(
        update(SignOffRow)
        .where(SignOffRow.plan_id == plan_id, SignOffRow.version == version, SignOffRow.certificate_sha256.is_(None))
        .values(certificate_sha256=sha256, certificate_subject=subject)
    )


def has_signoffs(session: Session, plan_id: int) -> bool:
    return session.scalar(select(func.count()).select_from(SignOffRow).where(SignOffRow.plan_id == plan_id)) > 0


def current_version(session: Session, plan_id: int) -> int:
    version = session.scalar(select(PlanRow.version).where(PlanRow.id == plan_id))
    if version is None:
        raise NotFound(f"no plan with id {plan_id}")
    return version


def _signoff(row: SignOffRow, versions: list[PlanVersion]) -> SignOff:
    return SignOff(
        reviewer=row.reviewer,
        role=row.role,
        date=row.date,
        version=row.version,
        fingerprint=row.fingerprint,
        snapshot=row.snapshot,
        certificate_sha256=row.certificate_sha256,
        certificate_subject=row.certificate_subject,
        number=label(versions, row.version).number,
    )


def load_versions(session: Session, plan_ids: Iterable[int]) -> dict[int, list[PlanVersion]]:
    """The numbered versions of the plans, oldest first, by plan id (plans with none left out)."""
    found: dict[int, list[PlanVersion]] = {}
    for ids in _chunks(plan_ids):
        rows = session.scalars(select(VersionRow).where(VersionRow.plan_id.in_(ids)).order_by(VersionRow.number))
        for r in rows:
            found.setdefault(r.plan_id, []).append(
                PlanVersion(
                    r.number, r.revision, _version_kind(r.kind), _utc(r.at) or r.at, r.actor, r.note, r.fingerprint
                )
            )
    return found


def _version_kind(value: str) -> VersionKind:
    try:
        return VersionKind(value)
    except ValueError:
        return VersionKind.SAVED  # a kind written by a newer kamplanner: still a version


def add_version(session: Session, plan_id: int, version: PlanVersion) -> None:
    """Record a numbered version; a number taken already (by a writer at the same time) is a
    Conflict, and nothing is written."""
    _add_once(
        session,
        VersionRow(
            plan_id=plan_id,
            number=version.number,
            revision=version.revision,
            kind=version.kind.value,
            at=version.at,
            actor=version.by,
            note=version.note,
            fingerprint=version.fingerprint,
        ),
        f"plan {plan_id} has a version {version.number} already",
    )


def _add_once(session: Session, row: object, taken: str) -> None:
    """Insert a row that must be the only one of its key; Conflict(``taken``) when it is not,
    and nothing is written (the savepoint is rolled back)."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        raise Conflict(taken) from None


def all_cycles(session: Session) -> dict[int, Cycle]:
    """Every plan's cycle record (without sign-offs), by plan id."""
    return {
        plan_id: cycle_from_json(data) for plan_id, data in session.execute(select(CycleRow.plan_id, CycleRow.data))
    }


def all_rows(session: Session, field: str) -> dict[int, list[Record]]:
    """One table's rows across the whole portfolio, by plan id (for portfolio views)."""
    table = TEMPLATE.table(field)
    found: dict[int, list[Record]] = {}
    rows = session.execute(
        select(RecordRow.plan_id, RecordRow.key, RecordRow.data)
        .where(RecordRow.field == field)
        .order_by(RecordRow.plan_id, RecordRow.position)
    )
    for plan_id, key, data in rows:
        found.setdefault(plan_id, []).append(_record_from_json(table, key, data))
    return found


# --------------------------------------------------------------------------- portfolio-wide reports
#
# Set-based reads for the reports that cover the whole portfolio: a few queries however many
# plans there are, and of each plan only what the report prints.

_CHUNK = 500  # ids per IN (...): well inside every database's limit on bound parameters


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    found = sorted(set(ids))
    for start in range(0, len(found), _CHUNK):
        yield found[start : start + _CHUNK]


def accounts_of_tier(session: Session, tier: Tier) -> list[Account]:
    """The accounts of one tier, in name order."""
    rows = session.scalars(select(AccountRow).where(AccountRow.tier == Tier(tier).value).order_by(AccountRow.name))
    return [account_from_row(r) for r in rows]


def load_plans(session: Session, plan_ids: Iterable[int], tables: Iterable[str]) -> dict[int, Plan]:
    """Several plans at once, by id, with only the given record tables (no prose, no other table).

    The plans are as load_plan gives them in every other respect (account, year, version, phase,
    language, currency, saved_at), so a report that reads only those tables prints the same."""
    fields = sorted(set(tables))
    known = {field: TEMPLATE.table(field) for field in fields}
    plans: dict[int, Plan] = {}
    for ids in _chunks(plan_ids):
        rows = session.execute(
            select(PlanRow, AccountRow).join(AccountRow, PlanRow.account_id == AccountRow.id).where(PlanRow.id.in_(ids))
        )
        for row, account in rows:
            plans[row.id] = Plan(
                id=row.id,
                account=account_from_row(account),
                year=row.year,
                language=row.language,
                version=row.version,
                phase=Phase(row.phase),
                currency=row.currency,
                uuid=row.uuid,
                saved_at=_utc(row.updated_at),
            )
        for plan_id, versions in load_versions(session, ids).items():
            plans[plan_id].versions = versions
        if not fields:
            continue
        records = session.execute(
            select(RecordRow.plan_id, RecordRow.field, RecordRow.key, RecordRow.data)
            .where(RecordRow.plan_id.in_(ids), RecordRow.field.in_(fields))
            .order_by(RecordRow.plan_id, RecordRow.field, RecordRow.position)
        )
        for plan_id, field, key, data in records:
            plans[plan_id].tables.setdefault(field, []).append(_record_from_json(known[field], key, data))
    return plans


def load_cycles(session: Session, plan_ids: Iterable[int]) -> dict[int, Cycle]:
    """Several plans' cycle records at once, by id, as load_cycle gives them, except that the
    sign-offs come without their snapshot (who signed which version when, not the plan file)."""
    cycles: dict[int, Cycle] = {}
    for ids in _chunks(plan_ids):
        for plan_id in ids:
            cycles[plan_id] = Cycle()
        for plan_id, data in session.execute(select(CycleRow.plan_id, CycleRow.data).where(CycleRow.plan_id.in_(ids))):
            if data:
                cycles[plan_id] = cycle_from_json(data)
        signoffs = session.execute(
            select(
                SignOffRow.plan_id,
                SignOffRow.reviewer,
                SignOffRow.role,
                SignOffRow.date,
                SignOffRow.version,
                SignOffRow.fingerprint,
            )
            .where(SignOffRow.plan_id.in_(ids))
            .order_by(SignOffRow.plan_id, SignOffRow.version)
        )
        versions = load_versions(session, ids)
        for plan_id, reviewer, role, date, version, fingerprint in signoffs:
            number = label(versions.get(plan_id, []), version).number
            cycles[plan_id].signoffs.append(SignOff(reviewer, role, date, version, fingerprint, number=number))
    return cycles


def cycle_dates(session: Session) -> dict[int, CycleDates]:
    """Every plan's cycle dates (review, end of development, last progress review), by plan id,
    read out of the cycle records by the database: no whole record is fetched or parsed."""
    data = CycleRow.data
    prep_paths = ("review_date", "development_start", "development_weeks")
    if session.get_bind().dialect.name == "sqlite" and _sqlite_has_last_index(session):
        # One JSON array per plan holding just the values, their JSON types kept.
        paths = [f"$.preparation.{p}" for p in prep_paths] + ["$.progress[#-1].date"]
        rows = session.execute(select(CycleRow.plan_id, func.json_extract(data, *paths)))
        found: dict[int, CycleDates] = {}
        for plan_id, text in rows:
            found[plan_id] = CycleDates.from_json(*json.loads(text)) if text else CycleDates()
        return found
    rows = session.execute(select(CycleRow.plan_id, *(data[("preparation", p)] for p in prep_paths), data["progress"]))
    found = {}
    for plan_id, review, start, weeks, progress in rows:  # None throughout when there is no record
        last = progress[-1].get("date") if isinstance(progress, list) and progress else None
        found[plan_id] = CycleDates.from_json(review, start, weeks, last)
    return found


def _sqlite_has_last_index(session: Session) -> bool:
    version = session.get_bind().dialect.server_version_info or (0,)
    return tuple(version) >= (3, 31)  # JSON paths with [#-1], the last element


def open_actions_due_by(session: Session, day: dt.date) -> dict[int, list[Record]]:
    """Every plan's open action items (status neither done nor dropped) due on or before ``day``,
    by plan id, in plan order, with only their due date, status, milestone flag and description.

    The database leaves out the rows that are done or dropped or due later (a due date written
    as YYYY-MM-DD after ``day``); whatever else is there is read and parsed as load_plan parses it,
    so a bad cell is dropped the same way. It finds them through the index of every row's due
    date (ix_record_field_due), whose values it compares without opening the rows: only the rows
    it keeps are read."""
    table = TEMPLATE.table(ACTIONS)
    keys = ("due", "status", "milestone", "description")
    columns = [table.column(k) for k in keys]
    data = RecordRow.data
    wanted = (
        RecordRow.field == ACTIONS,
        # Left to right, each value read from the index: due by then, or not YYYY-MM-DD text
        # (then parsed below like any other cell); no due at all is never shown.
        or_(RECORD_DUE <= day.isoformat(), not_(RECORD_DUE.like("____-__-__"))),
        func.coalesce(data["status"].as_string(), "").not_in(("done", "dropped")),
    )
    if session.get_bind().dialect.name == "sqlite":
        # Every row as [plan, position, key, [the four values]] in one JSON text, parsed at once.
        picked = func.json_extract(data, *(f"$.{k}" for k in keys))  # a JSON array of the four values
        one = select(
            func.json_group_array(func.json_array(RecordRow.plan_id, RecordRow.position, RecordRow.key, picked))
        )
        text = session.execute(one.where(*wanted)).scalar_one()
        rows = [(p, k, v) for p, _, k, v in sorted(json.loads(text), key=lambda r: (r[0], r[1]))]
    else:
        picked = func.json_build_array(*(data[k] for k in keys))
        order = (RecordRow.plan_id, RecordRow.position)
        rows = list(session.execute(select(RecordRow.plan_id, RecordRow.key, picked).where(*wanted).order_by(*order)))
    found: dict[int, list[Record]] = {}
    for plan_id, key, raw in rows:
        values_ = json.loads(raw) if isinstance(raw, str) else raw
        record = Record(key)
        for column, value in zip(columns, values_, strict=True):
            if value is not None:
                try:
                    record.values[column.key] = values.from_json(column, value)
                except values.ValueProblem:
                    continue
        found.setdefault(plan_id, []).append(record)
    return found
