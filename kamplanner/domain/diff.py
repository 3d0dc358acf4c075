"""What changed between two versions of a plan (or between last year's plan and this one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .model import Plan, Record, Value
from .template import TEMPLATE, Prose, Table
from .values import format_value


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class CellChange:
    column: str
    old: str  # as the reader sees it, formatted
    new: str


@dataclass(frozen=True)
class Change:
    """One changed prose field or table row."""

    field: str  # template field path
    kind: ChangeKind
    row: str | None = None  # row key for a table change
    label: str = ""  # what the row is called (its display column), for a reader
    old_text: str = ""  # prose: before
    new_text: str = ""  # prose: after
    cells: tuple[CellChange, ...] = ()


@dataclass(frozen=True)
class PlanDiff:
    old_label: str
    new_label: str
    account: list[tuple[str, str, str]]  # (attribute, old, new)
    changes: list[Change]

    @property
    def empty(self) -> bool:
        return not self.account and not self.changes

    def by_section(self) -> dict[str, list[Change]]:
        grouped: dict[str, list[Change]] = {}
        for change in self.changes:
            grouped.setdefault(change.field.split(".", 1)[0], []).append(change)
        return grouped


@dataclass(frozen=True)
class ChangesSinceApproval:
    """What changed since the last signed-off version: the plan PDF's appendix on request.

    ``diff`` is None when no version has been signed off yet (there is nothing to compare with).
    """

    diff: PlanDiff | None
    version: int | None = None  # the signed-off version compared with
    signed_on: dt.date | None = None
    signed_by: str = ""


def diff_plans(old: Plan, new: Plan, lang: str = "en", *, match_rows_by_key: bool = True) -> PlanDiff:
    """The changes from ``old`` to ``new`` in template order.

    Rows are matched by their key (the same row edited), which is right for two versions of
    one plan and for a plan rolled forward from last year's (roll-forward keeps row keys).
    """
    account = []
    for attribute in ("name", "tier", "industry", "region", "scope", "customer_since", "annual_revenue", "manager"):
        a, b = getattr(old.account, attribute), getattr(new.account, attribute)
        if a != b:
            account.append((attribute, _plain(a), _plain(b)))
    if old.money != new.money:  # the plan's money unit: its figures' changes follow from it
        account.append(("currency", old.money.code, new.money.code))
    changes: list[Change] = []
    for f in TEMPLATE.fields():
        if isinstance(f, Prose):
            a, b = old.text(f.path), new.text(f.path)
            if a.strip() != b.strip():
                kind = (
                    ChangeKind.ADDED if not a.strip() else ChangeKind.REMOVED if not b.strip() else ChangeKind.CHANGED
                )
                changes.append(Change(f.path, kind, old_text=a, new_text=b))
        else:
            changes.extend(_table_changes(f, old, new, lang))
    return PlanDiff(
        old_label=f"{old.year} v{old.version}",
        new_label=f"{new.year} v{new.version}",
        account=account,
        changes=changes,
    )


def _plain(value: object) -> str:
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def _label(table: Table, plan: Plan, row: Record) -> str:
    if table.display:
        shown = row.get(table.display)
        if shown not in (None, ""):
            return str(shown)
    parts = [format_value(c, row.get(c.key), plan.language) for c in table.columns[:3]]
    return " / ".join(p for p in parts if p) or row.key


def _shown(table: Table, plan: Plan, column: str, value: Value, lang: str) -> str:
    col = table.column(column)
    if col.ref:
        return plan.shown_ref(col.ref, col.kind, value, lang)
    return format_value(col, value, lang)


def _table_changes(table: Table, old: Plan, new: Plan, lang: str) -> list[Change]:
    old_rows = {r.key: r for r in old.tables.get(table.path, [])}
    new_rows = {r.key: r for r in new.tables.get(table.path, [])}
    out: list[Change] = []
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            out.append(Change(table.path, ChangeKind.ADDED, key, _label(table, new, row)))
            continue
        cells = tuple(
            CellChange(
                c.key,
                _shown(table, old, c.key, before.get(c.key), lang),
                _shown(table, new, c.key, row.get(c.key), lang),
            )
            for c in table.columns
            if before.get(c.key) != row.get(c.key)
        )
        if cells:
            out.append(Change(table.path, ChangeKind.CHANGED, key, _label(table, new, row), cells=cells))
    for key, row in old_rows.items():
        if key not in new_rows:
            out.append(Change(table.path, ChangeKind.REMOVED, key, _label(table, old, row)))
    return out
