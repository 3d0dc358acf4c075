"""Accounts, plans and their records, in plain Python."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import uuid as uuid_module
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from .markdown import has_text
from .money import MoneyUnit
from .template import COLUMN_KEYS, TEMPLATE, Kind, Table, Text
from .versions import DRAFT_OF_FIRST, PlanVersion, VersionLabel, label

Value = str | float | int | bool | dt.date | None


class Tier(StrEnum):
    KEY = "key"
    IMPORTANT = "important"
    GENERAL = "general"


class Scope(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"


class Phase(IntEnum):
    """The four phases of the rolling cycle."""

    PREPARATION = 1
    DEVELOPMENT = 2
    REVIEW = 3
    MONITORING = 4

    @property
    def slug(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> Text:
        return PHASE_LABELS[self]

    @classmethod
    def from_slug(cls, slug: str) -> Phase:
        return cls[slug.upper()]


PHASE_LABELS = {
    Phase.PREPARATION: Text("规划和准备", "Planning and preparation"),
    Phase.DEVELOPMENT: Text("制定计划", "Plan development"),
    Phase.REVIEW: Text("审查和调整", "Review and adjustment"),
    Phase.MONITORING: Text("实施和监督", "Implementation and monitoring"),
}


@dataclass
class Account:
    name: str
    tier: Tier = Tier.GENERAL
    industry: str = ""
    region: str = ""
    scope: Scope = Scope.NATIONAL
    customer_since: int | None = None
    annual_revenue: float | None = None  # our revenue from the account, in money.ACCOUNT_UNIT (万元)
    manager: str = ""
    id: int | None = None
    # The account's identity wherever the plan travels (the id is one database's row number).
    uuid: str | None = None


@dataclass
class Record:
    """One row of a record table. ``key`` is stable within the plan; references use it."""

    key: str
    values: dict[str, Value] = field(default_factory=dict)

    def get(self, column: str) -> Value:
        """The cell's value, None when empty. A key no table has is a bug, not an empty cell."""
        if column not in COLUMN_KEYS:
            raise KeyError(f"no table has a column {column!r}")
        return self.values.get(column)

    def copy(self) -> Record:
        return Record(self.key, dict(self.values))


@dataclass
class Plan:
    account: Account
    year: int
    language: str = "zh_CN"
    # The revision: every save moves it (concurrent writers are told apart by it). People see
    # the version number instead (``version_label``, domain/versions.py).
    version: int = 1
    phase: Phase = Phase.PREPARATION
    # The money unit of every figure (domain/money.py), as stored: the app writes a unit's code
    # ("CNY 10k", "USD m"); 万元, the default of every plan made before plans chose, reads as CNY 10k.
    currency: str = "万元"
    prose: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[Record]] = field(default_factory=dict)
    id: int | None = None
    # The plan's identity across databases and plan files; None until it is first stored.
    uuid: str | None = None
    # When this version was saved (UTC); the PDF's dates come from it, never from the clock.
    saved_at: dt.datetime | None = None
    # Its numbered versions (submitted, signed off, saved on purpose), oldest first; none in a
    # plan file, whose plan is a draft until a database numbers it.
    versions: list[PlanVersion] = field(default_factory=list)

    # ---- reading

    @property
    def version_label(self) -> VersionLabel:
        """What people call this revision: version N, or a draft of version N."""
        return label(self.versions, self.version)

    @property
    def money(self) -> MoneyUnit:
        """The unit of the plan's money figures (an old text such as 万元 reads as the unit it names)."""
        return MoneyUnit.read(self.currency)

    def text(self, path: str) -> str:
        return self.prose.get(path, "")

    def rows(self, path: str) -> list[Record]:
        TEMPLATE.table(path)  # a typo in a path is a bug, not an empty table
        return self.tables.setdefault(path, [])

    def row(self, path: str, key: str) -> Record | None:
        return next((r for r in self.rows(path) if r.key == key), None)

    def row_index(self, path: str, key: str) -> int:
        for i, r in enumerate(self.rows(path)):
            if r.key == key:
                return i
        raise KeyError(f"{path}: no row {key!r}")

    def new_row_key(self, path: str) -> str:
        """A key not yet used in the table: a prefix letter from the table name and 8 random
        base32 characters (40 bits), so copies of one plan edited apart never make the same key.

        Keys made before (counted: o1, o2, ...) stay as they are; only new rows get these."""
        prefix = path.rsplit(".", 1)[-1][:1]
        used = {r.key for r in self.rows(path)}
        while True:
            key = prefix + random_key_part()
            if key not in used:
                return key

    def label_of(self, ref_path: str, key: Value) -> str:
        """What a reference shows: the referenced row's display column, or the raw key."""
        if not isinstance(key, str) or not key:
            return ""
        table = TEMPLATE.table(ref_path)
        row = self.row(ref_path, key)
        if row is None:
            return key
        shown = row.get(table.display) if table.display else None
        return str(shown) if shown not in (None, "") else key

    def key_for(self, ref_path: str, text: str) -> str | None:
        """The key of the row ``text`` names in the table at ``ref_path``: its key, else the row
        whose display column reads so (case and width of letters aside, as people type names)."""
        rows = self.rows(ref_path)
        if any(r.key == text for r in rows):
            return text
        display = TEMPLATE.table(ref_path).display
        if not display:
            return None
        for record in rows:
            if str(record.get(display) or "") == text:
                return record.key
        wanted = text.casefold()
        for record in rows:
            if str(record.get(display) or "").casefold() == wanted:
                return record.key
        return None

    def labels_of(self, ref_path: str, value: Value, lang: str = "en") -> str:
        """What a several-rows reference (Kind.REFS) shows: each row's label, apart by commas
        (by 、 in Chinese, as a list of names is written there)."""
        if not isinstance(value, str):
            return ""
        return ("、" if lang.startswith("zh") else ", ").join(self.label_of(ref_path, key) for key in value.split())

    def shown_ref(self, ref_path: str, kind: Kind, value: Value, lang: str = "en") -> str:
        """What a REF or REFS cell shows."""
        return self.labels_of(ref_path, value, lang) if kind is Kind.REFS else self.label_of(ref_path, value)

    @property
    def years(self) -> tuple[int, ...]:
        """The plan year and the four after it."""
        return tuple(range(self.year, self.year + 5))

    def is_empty(self, path: str) -> bool:
        f = TEMPLATE.field(path)
        if isinstance(f, Table):
            return not self.tables.get(path)
        return not has_text(self.prose.get(path, ""))  # list markers or marks alone are not written

    def copy(self) -> Plan:
        return Plan(
            account=Account(**vars(self.account)),
            year=self.year,
            language=self.language,
            version=self.version,
            phase=self.phase,
            currency=self.currency,
            prose=dict(self.prose),
            tables={k: [r.copy() for r in v] for k, v in self.tables.items()},
            id=self.id,
            uuid=self.uuid,
            saved_at=self.saved_at,
            versions=list(self.versions),
        )


def random_key_part() -> str:
    """8 lower-case base32 characters from the secrets module (5 random bytes)."""
    return base64.b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def new_uuid() -> str:
    """A fresh identity for an account or a plan (a random UUID, as text)."""
    return str(uuid_module.uuid4())


def iter_refs(plan: Plan) -> Iterator[tuple[str, Record, str, str]]:
    """Every filled reference cell: (table path, row, column key, target path)."""
    for table in TEMPLATE.tables():
        ref_columns = [c for c in table.columns if c.kind in (Kind.REF, Kind.REFS)]
        if not ref_columns:
            continue
        for row in plan.tables.get(table.path, []):
            for column in ref_columns:
                if row.get(column.key) not in (None, ""):
                    yield table.path, row, column.key, column.ref or ""


@dataclass(frozen=True)
class PlanSummary:
    """What a portfolio list shows about one plan, without loading its content."""

    id: int
    account: str
    account_id: int
    year: int
    tier: Tier
    phase: Phase
    version: int
    completeness: int  # percent of required fields filled
    manager: str
    language: str
    updated: str
    version_label: VersionLabel = DRAFT_OF_FIRST  # what people call its current revision
