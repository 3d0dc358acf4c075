"""What a laptop keeps of its syncs with a team server (tables sync_base and sync_conflict), and
the few reads a sync needs of either side."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from .models import ChangeRow, PlanRow, SyncBaseRow, SyncConflictRow, TeamSettingRow, utcnow


def plan_uuids(session: Session) -> dict[str, int]:
    """Every plan's UUID and its id in this database."""
    return {uuid: plan_id for plan_id, uuid in session.execute(select(PlanRow.id, PlanRow.uuid))}


def bases(session: Session, server: str) -> dict[str, str]:
    """Each plan's plan file as it was at its last sync with ``server``, by plan UUID."""
    rows = session.execute(select(SyncBaseRow.plan_uuid, SyncBaseRow.base).where(SyncBaseRow.server == server))
    return {uuid: base for uuid, base in rows}


def set_base(session: Session, server: str, plan_uuid: str, base: str) -> None:
    done = session.execute(
        update(SyncBaseRow)
        .where(SyncBaseRow.server == server, SyncBaseRow.plan_uuid == plan_uuid)
        .values(base=base, synced_at=utcnow())
    )
    if done.rowcount == 0:
        session.add(SyncBaseRow(server=server, plan_uuid=plan_uuid, base=base))


def drop_base(session: Session, server: str, plan_uuid: str) -> None:
    session.execute(delete(SyncBaseRow).where(SyncBaseRow.server == server, SyncBaseRow.plan_uuid == plan_uuid))


def add_conflict(session: Session, server: str, plan_uuid: str, place: str, mine: Any, theirs: Any) -> None:
    session.add(SyncConflictRow(server=server, plan_uuid=plan_uuid, place=place, mine=mine, theirs=theirs))


def drop_conflict(session: Session, conflict_id: int) -> None:
    session.execute(delete(SyncConflictRow).where(SyncConflictRow.id == conflict_id))


def conflicts(session: Session, plan_uuid: str | None = None) -> list[SyncConflictRow]:
    query = select(SyncConflictRow).order_by(SyncConflictRow.id)
    if plan_uuid is not None:
        query = query.where(SyncConflictRow.plan_uuid == plan_uuid)
    return list(session.scalars(query))


def set_revision(session: Session, plan_id: int, version: int) -> None:
    """The plan's revision number as the server has it (after a sync both sides agree)."""
    session.execute(update(PlanRow).where(PlanRow.id == plan_id).values(version=version))


def last_change(session: Session) -> int:
    """The id of the newest change-log entry (0 for none)."""
    return session.scalar(select(func.max(ChangeRow.id))) or 0


def changed_since(session: Session, after: int) -> set[str]:
    """The plans (by UUID) with a change-log entry after the entry ``after``."""
    rows = session.scalars(select(ChangeRow.plan_uuid).where(ChangeRow.id > after).distinct())
    return {uuid for uuid in rows if uuid}


def marks(session: Session, server: str) -> tuple[int, int, int] | None:
    """Where earlier syncs with ``server`` read the change logs to: this laptop's at the start of
    the last sync, the server's at the start of the one before it, and of the last one."""
    value = session.scalar(select(TeamSettingRow.value).where(TeamSettingRow.key == f"sync-mark:{server}"))
    parts = (value or "").split()
    if len(parts) < 3 or not all(p.isdigit() for p in parts):
        return None
    here, there, there_next = (int(p) for p in parts[:3])
    return here, there, there_next


def set_marks(session: Session, server: str, here: int, there: int, there_next: int) -> None:
    """The marks, and (fourth) this laptop's newest change as the sync ends: what is newer
    than that is what the window counts as not yet synced."""
    key = f"sync-mark:{server}"
    value = f"{here} {there} {there_next} {last_change(session)}"
    if session.execute(update(TeamSettingRow).where(TeamSettingRow.key == key).values(value=value)).rowcount == 0:
        session.add(TeamSettingRow(key=key, value=value))


def unsynced(session: Session) -> set[str] | None:
    """The plans (by UUID) changed here since the last complete sync with any team server;
    None when this laptop has never synced."""
    values = session.scalars(select(TeamSettingRow.value).where(TeamSettingRow.key.like("sync-mark:%")))
    here = [int(v.split()[-1]) for v in values if v.split() and v.split()[-1].isdigit()]
    if not here:
        return None
    return changed_since(session, max(here))
