"""One table cell's rules, shared by the table models: how a value sorts, aligns and is
offered for editing, what a new row starts with, and what a column's header explains."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt

from ..domain.model import Value
from ..domain.template import ACTIONS, FORECAST, Cell, Column, Kind
from ..domain.validation import Issue, Severity
from .document import PlanDocument

translate = QCoreApplication.translate


def person_name(record) -> str:  # type: ignore[no-untyped-def]
    """A stakeholder's or member's name as shown, or a note that it has none yet (never its row key)."""
    name = record.get(Cell.name)
    return str(name).strip() if name and str(name).strip() else translate("RecordTable", "(no name yet)")


NUMERIC = (Kind.NUMBER, Kind.INTEGER, Kind.MONEY, Kind.PERCENT, Kind.YEAR)

# Values a new row starts with: what nearly every row of that table has.
NEW_ROW_DEFAULTS: dict[str, dict[str, Value]] = {
    ACTIONS: {Cell.horizon: "year1", Cell.status: "planned"},
}


def new_row_values(document: PlanDocument, path: str) -> dict[str, Value]:
    values = dict(NEW_ROW_DEFAULTS.get(path, {}))
    if path == FORECAST:
        values[Cell.year] = document.plan.year
    return values


def sort_value(column: Column, value: Value, label: str) -> tuple[int, object]:
    """A key that sorts a column's values naturally, empty cells last."""
    if value is None or value == "":
        return (1, "")
    if column.kind is Kind.CHOICE:
        keys = [c.key for c in column.choices]
        return (0, keys.index(value) if value in keys else len(keys))
    if column.kind is Kind.REF:
        return (0, label.casefold())
    if isinstance(value, (bool, int, float, dt.date)):
        return (0, value)
    return (0, str(value).casefold())


def fresh_key(candidate: str, used: set[str]) -> str:
    if candidate not in used:
        return candidate
    prefix = candidate.rstrip("0123456789")
    n = 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def edit_value(column: Column, value: Value) -> object:
    if value is None:
        return None
    if column.kind is Kind.DATE and isinstance(value, dt.date):
        return QDate(value.year, value.month, value.day)
    if column.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) and isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if column.kind in (Kind.INTEGER, Kind.YEAR):
        return value
    return value


def alignment(column: Column) -> Qt.AlignmentFlag:
    if column.kind in NUMERIC:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    if column.kind is Kind.FLAG:
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def worst(issues: list[Issue]) -> Severity | None:
    if not issues:
        return None
    return Severity.ERROR if any(i.severity is Severity.ERROR for i in issues) else Severity.WARNING


def column_hint(column: Column, lang: str) -> str:
    """What a column expects, for its header's tooltip."""
    parts = [column.label(lang)]
    kind_names = {
        Kind.TEXT: translate("RecordTable", "text"),
        Kind.LONGTEXT: translate("RecordTable", "text, several lines (Shift+Enter for a new line)"),
        Kind.NUMBER: translate("RecordTable", "number"),
        Kind.INTEGER: translate("RecordTable", "whole number"),
        Kind.MONEY: translate("RecordTable", "amount in the plan's currency unit"),
        Kind.PERCENT: translate("RecordTable", "percent"),
        Kind.DATE: translate("RecordTable", "date (YYYY-MM-DD)"),
        Kind.YEAR: translate("RecordTable", "year"),
        Kind.CHOICE: translate("RecordTable", "one of the listed choices"),
        Kind.REF: translate("RecordTable", "picked from another table"),
        Kind.REFS: translate("RecordTable", "names from another table, apart by commas"),
        Kind.FLAG: translate("RecordTable", "yes or no"),
    }
    parts.append(kind_names[column.kind])
    if column.minimum is not None and column.maximum is not None:
        parts.append(
            translate("RecordTable", "from %1 to %2")
            .replace("%1", f"{column.minimum:g}")
            .replace("%2", f"{column.maximum:g}")
        )
    elif column.minimum is not None:
        parts.append(translate("RecordTable", "at least %1").replace("%1", f"{column.minimum:g}"))
    if column.required:
        parts.append(translate("RecordTable", "required"))
    return " · ".join(parts)
