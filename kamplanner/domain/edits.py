"""Reversible edits to a plan: what undo, autosave and the store all speak.

Each edit carries what it needs to be undone (the old value, the removed row), so undo is
``edit.inverse().apply(plan)`` and needs no Qt. ``check(plan)`` is the one place that says
whether a simple edit fits a plan; ``apply`` calls it first, and the editing session
(domain/editing.py) calls it before telling the views an edit is coming.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Account, Plan, Record, Value
from .money import MoneyProblem, MoneyUnit
from .template import TEMPLATE, Kind, Prose
from .values import join_refs, ref_keys


class EditError(ValueError):
    """An edit that does not fit the plan it is applied to (a stale row key, a bad path)."""


@dataclass(frozen=True)
class SetProse:
    field: str
    old: str
    new: str

    def check(self, plan: Plan) -> None:
        try:
            prose = isinstance(TEMPLATE.field(self.field), Prose)
        except KeyError:
            prose = False
        if not prose:
            raise EditError(f"{self.field} is not a prose field")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        plan.prose[self.field] = self.new

    def inverse(self) -> SetProse:
        return SetProse(self.field, self.new, self.old)


@dataclass(frozen=True)
class SetCell:
    field: str
    row: str
    column: str
    old: Value
    new: Value

    def check(self, plan: Plan) -> None:
        try:
            TEMPLATE.table(self.field).column(self.column)
        except KeyError:
            raise EditError(f"{self.field} has no column {self.column!r}") from None
        if plan.row(self.field, self.row) is None:
            raise EditError(f"{self.field}: no row {self.row!r}")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        record = plan.row(self.field, self.row)
        assert record is not None
        if self.new is None:
            record.values.pop(self.column, None)
        else:
            record.values[self.column] = self.new

    def inverse(self) -> SetCell:
        return SetCell(self.field, self.row, self.column, self.new, self.old)


@dataclass(frozen=True)
class InsertRow:
    field: str
    index: int
    record: Record

    def check(self, plan: Plan) -> None:
        rows = plan.rows(self.field)
        if any(r.key == self.record.key for r in rows):
            raise EditError(f"{self.field}: row {self.record.key!r} exists already")
        if not 0 <= self.index <= len(rows):
            raise EditError(f"{self.field}: no position {self.index}")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        plan.rows(self.field).insert(self.index, self.record.copy())

    def inverse(self) -> RemoveRow:
        return RemoveRow(self.field, self.index, self.record)


@dataclass(frozen=True)
class RemoveRow:
    field: str
    index: int
    record: Record

    def check(self, plan: Plan) -> None:
        rows = plan.rows(self.field)
        if not 0 <= self.index < len(rows) or rows[self.index].key != self.record.key:
            raise EditError(f"{self.field}: row {self.record.key!r} is not at {self.index}")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        del plan.rows(self.field)[self.index]

    def inverse(self) -> InsertRow:
        return InsertRow(self.field, self.index, self.record)


@dataclass(frozen=True)
class MoveRow:
    field: str
    source: int
    target: int

    def check(self, plan: Plan) -> None:
        n = len(plan.rows(self.field))
        if not (0 <= self.source < n and 0 <= self.target < n):
            raise EditError(f"{self.field}: cannot move row {self.source} to {self.target}")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        rows = plan.rows(self.field)
        rows.insert(self.target, rows.pop(self.source))

    def inverse(self) -> MoveRow:
        return MoveRow(self.field, self.target, self.source)


ACCOUNT_FIELDS = ("name", "tier", "industry", "region", "scope", "customer_since", "annual_revenue", "manager")


@dataclass(frozen=True)
class SetAccount:
    attribute: str
    old: object
    new: object

    def check(self, plan: Plan) -> None:
        if self.attribute not in ACCOUNT_FIELDS:
            raise EditError(f"account has no field {self.attribute!r}")

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        setattr(plan.account, self.attribute, self.new)

    def inverse(self) -> SetAccount:
        return SetAccount(self.attribute, self.new, self.old)


@dataclass(frozen=True)
class SetCurrency:
    """The plan's money unit (its code, domain/money.py); converting figures is other edits."""

    old: str
    new: str

    def check(self, plan: Plan) -> None:
        try:
            MoneyUnit.parse(self.new)
        except MoneyProblem:
            raise EditError(f"not a money unit: {self.new!r}") from None

    def apply(self, plan: Plan) -> None:
        self.check(plan)
        plan.currency = self.new

    def inverse(self) -> SetCurrency:
        return SetCurrency(self.new, self.old)


@dataclass(frozen=True)
class Batch:
    """Several edits that undo as one (pasting a block of cells, removing several rows)."""

    edits: tuple[Edit, ...]

    def apply(self, plan: Plan) -> None:
        for edit in self.edits:
            edit.apply(plan)

    def inverse(self) -> Batch:
        return Batch(tuple(e.inverse() for e in reversed(self.edits)))


SimpleEdit = SetProse | SetCell | InsertRow | RemoveRow | MoveRow | SetAccount | SetCurrency
Edit = SimpleEdit | Batch


def dropped_references(plan: Plan, path: str, keys: set[str]) -> list[SetCell]:
    """The edits that take the rows ``keys`` of the table at ``path`` out of every several-row
    reference to them (a stakeholder removed leaves the contacts he was in, which stay): done
    with the removal as one step, so no plan is left naming a row it no longer has."""
    found: list[SetCell] = []
    for table in TEMPLATE.tables():
        for column in table.columns:
            if column.kind is not Kind.REFS or column.ref != path:
                continue
            for row in plan.rows(table.path):
                old = row.get(column.key)
                held = ref_keys(old)
                if any(k in keys for k in held):
                    new = join_refs([k for k in held if k not in keys])
                    found.append(SetCell(table.path, row.key, column.key, old, new))
    return found


def flatten(edits: list[Edit] | tuple[Edit, ...]) -> list[SimpleEdit]:
    """The simple edits a batch stands for, in order; the store applies those."""
    out: list[SimpleEdit] = []
    for edit in edits:
        if isinstance(edit, Batch):
            out.extend(flatten(edit.edits))
        else:
            out.append(edit)
    return out


def account_snapshot(account: Account) -> dict[str, object]:
    return {name: getattr(account, name) for name in ACCOUNT_FIELDS}
