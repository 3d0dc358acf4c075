"""Reversible edits to a plan: what undo, autosave and the store all speak.

Each edit carries what it needs to be undone (the old value, the removed row), so undo is
``edit.inverse().apply(plan)`` and needs no Qt; the UI's QUndoCommands only wrap these.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Account, Plan, Record, Value
from .template import TEMPLATE, Prose


class EditError(ValueError):
    """An edit that does not fit the plan it is applied to (a stale row key, a bad path)."""


@dataclass(frozen=True)
class SetProse:
    field: str
    old: str
    new: str

    def apply(self, plan: Plan) -> None:
        if not isinstance(TEMPLATE.field(self.field), Prose):
            raise EditError(f"{self.field} is not a prose field")
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

    def apply(self, plan: Plan) -> None:
        TEMPLATE.table(self.field).column(self.column)
        record = plan.row(self.field, self.row)
        if record is None:
            raise EditError(f"{self.field}: no row {self.row!r}")
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

    def apply(self, plan: Plan) -> None:
        rows = plan.rows(self.field)
        if any(r.key == self.record.key for r in rows):
            raise EditError(f"{self.field}: row {self.record.key!r} exists already")
        if not 0 <= self.index <= len(rows):
            raise EditError(f"{self.field}: no position {self.index}")
        rows.insert(self.index, self.record.copy())

    def inverse(self) -> RemoveRow:
        return RemoveRow(self.field, self.index, self.record)


@dataclass(frozen=True)
class RemoveRow:
    field: str
    index: int
    record: Record

    def apply(self, plan: Plan) -> None:
        rows = plan.rows(self.field)
        if not 0 <= self.index < len(rows) or rows[self.index].key != self.record.key:
            raise EditError(f"{self.field}: row {self.record.key!r} is not at {self.index}")
        del rows[self.index]

    def inverse(self) -> InsertRow:
        return InsertRow(self.field, self.index, self.record)


@dataclass(frozen=True)
class MoveRow:
    field: str
    source: int
    target: int

    def apply(self, plan: Plan) -> None:
        rows = plan.rows(self.field)
        if not (0 <= self.source < len(rows) and 0 <= self.target < len(rows)):
            raise EditError(f"{self.field}: cannot move row {self.source} to {self.target}")
        rows.insert(self.target, rows.pop(self.source))

    def inverse(self) -> MoveRow:
        return MoveRow(self.field, self.target, self.source)


ACCOUNT_FIELDS = ("name", "tier", "industry", "region", "scope", "customer_since", "annual_revenue", "manager")


@dataclass(frozen=True)
class SetAccount:
    attribute: str
    old: object
    new: object

    def apply(self, plan: Plan) -> None:
        if self.attribute not in ACCOUNT_FIELDS:
            raise EditError(f"account has no field {self.attribute!r}")
        setattr(plan.account, self.attribute, self.new)

    def inverse(self) -> SetAccount:
        return SetAccount(self.attribute, self.new, self.old)


@dataclass(frozen=True)
class Batch:
    """Several edits that undo as one (pasting a block of cells, removing several rows)."""

    edits: tuple[Edit, ...]

    def apply(self, plan: Plan) -> None:
        for edit in self.edits:
            edit.apply(plan)

    def inverse(self) -> Batch:
        return Batch(tuple(e.inverse() for e in reversed(self.edits)))


Edit = SetProse | SetCell | InsertRow | RemoveRow | MoveRow | SetAccount | Batch


def flatten(edits: list[Edit] | tuple[Edit, ...]) -> list[Edit]:
    """The simple edits a batch stands for, in order; the store applies those."""
    out: list[Edit] = []
    for edit in edits:
        if isinstance(edit, Batch):
            out.extend(flatten(edit.edits))
        else:
            out.append(edit)
    return out


def account_snapshot(account: Account) -> dict[str, object]:
    return {name: getattr(account, name) for name in ACCOUNT_FIELDS}
