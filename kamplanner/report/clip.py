"""The plan as the PDF prints it: never more than domain/limits.py allows, whatever it holds.

The plan file reader refuses a plan over the limits and validation names the field, but the
editor may hold one before validation has said so, and a render must still come back in
seconds. So a text over its limit prints up to the limit and then says how much is left out
("… (12,345 more characters not printed)"), once the whole plan's text budget is spent the
texts after it print only that, and a table prints its first MAX_ROWS rows with a line saying
how many more there are. A plan within the limits is printed as it is, untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.limits import MAX_CELL, MAX_LONG_CELL, MAX_NAME, MAX_PLAN_TEXT, MAX_PROSE, MAX_ROWS
from ..domain.model import Plan
from ..domain.template import TEMPLATE, Kind
from ..domain.validation import plan_text_size

Note = Callable[[int], str]  # the plain text that says how many characters are not printed


@dataclass
class Printed:
    """The plan to print, and for each table cut short how many of its rows are left out."""

    plan: Plan
    rows_left_out: dict[str, int] = field(default_factory=dict)


# Cells of these kinds are text and count towards MAX_PLAN_TEXT; the others hold a key, a
# number or a date (a string there, in a plan not yet validated, is still cut to MAX_CELL).
TEXT_KINDS = (Kind.TEXT, Kind.LONGTEXT)


def _cell_limit(kind: Kind) -> int:
    return MAX_LONG_CELL if kind is Kind.LONGTEXT else MAX_CELL


def over_limits(plan: Plan) -> bool:
    """Whether any text, table or the whole plan's text is over its limit."""
    account = plan.account
    if any(len(v) > MAX_NAME for v in (account.name, account.industry, account.region, account.manager, plan.currency)):
        return True
    if any(len(text) > MAX_PROSE for text in plan.prose.values()):
        return True
    for path, rows in plan.tables.items():
        if len(rows) > MAX_ROWS:
            return True
        kinds = _kinds(path)
        for row in rows:
            for key, value in row.values.items():
                if isinstance(value, str):
                    kind = kinds.get(key, Kind.TEXT)
                    if len(value) > _cell_limit(kind):
                        return True
    return plan_text_size(plan) > MAX_PLAN_TEXT  # the rule the reader and validation apply


def _kinds(path: str) -> dict[str, Kind]:
    try:
        return {c.key: c.kind for c in TEMPLATE.table(path).columns}
    except KeyError:
        return {}


def within_limits(plan: Plan, note: Note) -> Printed:
    """``plan`` itself when it is within the limits, else a copy cut to them (see the module)."""
    if not over_limits(plan):
        return Printed(plan)
    out = plan.copy()
    account = out.account
    account.name, account.industry, account.region, account.manager = (
        _cut(v, MAX_NAME, note, " ") for v in (account.name, account.industry, account.region, account.manager)
    )
    out.currency = _cut(out.currency, MAX_NAME, note, " ")
    budget = MAX_PLAN_TEXT
    for f in TEMPLATE.prose_fields():  # in the order they print
        text = out.prose.get(f.path, "")
        if text:
            out.prose[f.path] = _cut(text, min(MAX_PROSE, budget), note, "\n\n")
            budget -= min(len(text), MAX_PROSE, budget)
    left_out: dict[str, int] = {}
    for table in TEMPLATE.tables():
        rows = out.tables.get(table.path)
        if not rows:
            continue
        if len(rows) > MAX_ROWS:
            left_out[table.path] = len(rows) - MAX_ROWS
            del rows[MAX_ROWS:]
        kinds = {c.key: c.kind for c in table.columns}
        for row in rows:
            for key, value in row.values.items():
                if isinstance(value, str) and value:
                    kind = kinds.get(key, Kind.TEXT)
                    if kind not in TEXT_KINDS:
                        row.values[key] = _cut(value, MAX_CELL, note, " ")
                        continue
                    most = min(_cell_limit(kind), budget)
                    row.values[key] = _cut(value, most, note, " ")
                    budget -= min(len(value), most)
    for path, rows in out.tables.items():  # (tables the template does not know are not printed)
        if len(rows) > MAX_ROWS:
            left_out[path] = len(rows) - MAX_ROWS
            del rows[MAX_ROWS:]
    return Printed(out, left_out)


def _cut(text: str, most: int, note: Note, joiner: str) -> str:
    if len(text) <= most:
        return text
    kept = text[:most].rstrip()
    mark = note(len(text) - most)
    return f"{kept}{joiner}{mark}" if kept else mark
