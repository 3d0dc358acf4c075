"""ORM rows: how accounts and plans sit in the database.

Prose and record tables are stored generically (one row per prose field, one row per table
record with its cells as JSON), keyed by the template's field paths, so a template change
needs no schema change. Nothing here is SQLite-only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..domain.model import new_uuid
from .sqltext import json_text

# Named constraints from the first migration on: SQLite's batch mode can only alter or drop
# constraints that have names.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON}  # noqa: RUF012 - SQLAlchemy reads it as a class attribute


class AccountRow(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    tier: Mapped[str] = mapped_column(String(16))
    industry: Mapped[str] = mapped_column(String, default="")
    region: Mapped[str] = mapped_column(String, default="")
    scope: Mapped[str] = mapped_column(String(16), default="national")
    customer_since: Mapped[int | None] = mapped_column(Integer)
    annual_revenue: Mapped[float | None] = mapped_column(Float)
    manager: Mapped[str] = mapped_column(String, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The account's identity beyond this database (the id is only this database's row number).
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)


class PlanRow(Base):
    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("account_id", "year", name="uq_plan_account_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    version: Mapped[int] = mapped_column(Integer, default=1)
    phase: Mapped[int] = mapped_column(Integer, default=1)
    currency: Mapped[str] = mapped_column(String(32), default="万元")
    # Kept with the plan so a portfolio of thousands lists without reading any content.
    completeness: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The plan's identity beyond this database: plan files carry it, an import finds the plan by it.
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)


class ProseRow(Base):
    __tablename__ = "prose"
    __table_args__ = (UniqueConstraint("plan_id", "field", name="uq_prose_plan_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(120))
    text: Mapped[str] = mapped_column(Text)


class RecordRow(Base):
    __tablename__ = "record"
    __table_args__ = (
        UniqueConstraint("plan_id", "field", "key", name="uq_record_plan_field_key"),
        Index("ix_record_plan_field_position", "plan_id", "field", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


# Every row's due date (text) by table: the dashboard's "overdue or coming up" reads only the
# action items due by a day, instead of every action item of every plan. The same expression
# is written in the query (plans.open_actions_due_by), so the database can use it.
RECORD_DUE = json_text(RecordRow.data, "due")
Index("ix_record_field_due", RecordRow.field, RECORD_DUE)


class CycleRow(Base):
    """A plan's cycle record (phase history, timetable, steps, reviews, progress) as one document."""

    __tablename__ = "cycle"

    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class SignOffRow(Base):
    """A signed-off plan version, kept whole: later edits to the plan never touch it."""

    __tablename__ = "signoff"
    __table_args__ = (UniqueConstraint("plan_id", "version", name="uq_signoff_plan_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    reviewer: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String, default="")
    date: Mapped[dt.date] = mapped_column(Date)
    snapshot: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The certificate the sign-off was made with (sign-off --p12); none for a paper sign-off.
    certificate_sha256: Mapped[str | None] = mapped_column(String(64))
    certificate_subject: Mapped[str | None] = mapped_column(String)


class VersionRow(Base):
    """A numbered plan version (domain/versions.py): made at submission, at sign-off or on
    purpose, never by an autosave; never updated nor deleted while its plan lives."""

    __tablename__ = "plan_version"
    __table_args__ = (UniqueConstraint("plan_id", "number", name="uq_plan_version_plan_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)  # the plan's version column when it was made
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String)  # who made it (its name)
    note: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64), default="")


class ChangeRow(Base):
    """One saved change, written in the transaction that made it; never updated nor deleted.

    The plan is named by id and UUID without a foreign key: a deleted plan's history stays.
    A content edit is one row per field or cell (path, row key, column, value before and
    after); a cycle move, review, sign-off, import, roll-forward, delete or restore is one row
    of its kind, with what it did in ``after``.
    """

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_plan_id_id", "plan_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String(32))
    plan_id: Mapped[int | None] = mapped_column(Integer)
    plan_uuid: Mapped[str | None] = mapped_column(String(36), index=True)
    version: Mapped[int | None] = mapped_column(Integer)  # the plan's version after the change
    kind: Mapped[str] = mapped_column(String(32))
    path: Mapped[str | None] = mapped_column(String(120))
    # Not "row" and "column": both are reserved words in SQL.
    row_key: Mapped[str | None] = mapped_column(String(64))
    column_key: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    after: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)


class TeamMemberRow(Base):
    """A person on a team server: their database login, the name accounts and plans give their
    manager (how the server knows whose plans are whose), and their role. Empty on a laptop."""

    __tablename__ = "team_member"

    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    role: Mapped[str] = mapped_column(String(32))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamSettingRow(Base):
    """A team server's settings: its identity ('team_id'), which laptops file their syncs under."""

    __tablename__ = "team_setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncBaseRow(Base):
    """On a laptop: a plan as it and a team server agreed at their last sync (its plan file)."""

    __tablename__ = "sync_base"

    server: Mapped[str] = mapped_column(String(64), primary_key=True)
    plan_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    base: Mapped[str] = mapped_column(Text)
    synced_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SyncConflictRow(Base):
    """On a laptop: something both sides changed since the last sync. The server's value is in
    the plan; this laptop's is kept here, to be seen and put back on purpose."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server: Mapped[str] = mapped_column(String(64))
    plan_uuid: Mapped[str] = mapped_column(String(36))
    place: Mapped[str] = mapped_column(Text)
    mine: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    theirs: Mapped[Any] = mapped_column(JSON(none_as_null=True), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
