"""Who a document is for: the team and its senior managers (everything), or the customer.

The customer version of a plan leaves out what the template marks internal
(``template.INTERNAL_FIELDS`` and ``INTERNAL_COLUMNS``): attitudes, notes, our chances,
competitors and their scores, budgets, the forecast. ``for_audience`` makes the plan a
document for that audience is made from, so nothing left out can reach it by accident: the
PDF, the deck and anything they carry are built from the copy, never from the whole plan.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from .languages import Text
from .model import Plan, Record
from .template import INTERNAL_COLUMNS, INTERNAL_FIELDS, TEMPLATE, Column, FieldDef, Section, Table


class Audience(StrEnum):
    INTERNAL = "internal"  # the account team and the senior managers who review the plan
    CUSTOMER = "customer"

    @property
    def label(self) -> Text:
        return _LABELS[self]


_LABELS = {
    Audience.INTERNAL: Text("内部版本", "Internal version"),
    Audience.CUSTOMER: Text("客户版本", "Customer version"),
}


def shows(audience: Audience, path: str) -> bool:
    """Whether a document for ``audience`` has the field at ``path`` at all."""
    return audience is Audience.INTERNAL or path not in INTERNAL_FIELDS


def columns(audience: Audience, table: Table) -> tuple[Column, ...]:
    """The columns of ``table`` a document for ``audience`` shows, in the template's order."""
    if audience is Audience.INTERNAL:
        return table.columns
    hidden = INTERNAL_COLUMNS.get(table.path, frozenset())
    return tuple(c for c in table.columns if c.key not in hidden)


def fields(audience: Audience, section: Section) -> Iterator[FieldDef]:
    """The section's fields (its parts' too) that ``audience`` sees."""
    return (f for f in section.all_fields() if shows(audience, f.path))


def sections(audience: Audience) -> Iterator[Section]:
    """The sections with anything left for ``audience`` (the customer sees no risks or forecast)."""
    return (s for s in TEMPLATE.sections if any(True for _ in fields(audience, s)))


def for_audience(plan: Plan, audience: Audience) -> Plan:
    """A copy of ``plan`` holding only what ``audience`` may read: internal fields are gone,
    internal cells are gone from every row, and references into tables that are gone are
    dropped too (a label looked up through one would show what was left out)."""
    out = plan.copy()
    if audience is Audience.INTERNAL:
        return out
    out.prose = {path: text for path, text in out.prose.items() if shows(audience, path)}
    tables: dict[str, list[Record]] = {}
    for path, rows in out.tables.items():
        if not shows(audience, path):
            continue
        table = TEMPLATE.table(path)
        kept = {c.key for c in columns(audience, table) if c.ref is None or shows(audience, c.ref)}
        tables[path] = [Record(r.key, {k: v for k, v in r.values.items() if k in kept}) for r in rows]
    out.tables = tables
    return out
