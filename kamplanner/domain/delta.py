"""The edits that turn one version of a plan into another: how an import onto a plan that
exists is recorded (as the fields, cells and rows it changed, not as a plan deleted and another
made), so the change log, history and sync see what changed.

Rows are matched by their keys (stable across copies of a plan), so a row edited in the file is
a cell edit, a row added or removed is one row edit, and rows put in another order are moves.
"""

from __future__ import annotations

from .edits import ACCOUNT_FIELDS, InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetCurrency, SetProse, SimpleEdit
from .model import Plan
from .template import TEMPLATE


def edits_between(old: Plan, new: Plan) -> list[SimpleEdit]:
    """The simple edits that, applied to ``old`` in order, give ``new``'s content (account
    facts, money unit, prose and every table, rows in ``new``'s order)."""
    work = old.copy()
    edits: list[SimpleEdit] = []

    def do(edit: SimpleEdit) -> None:
        edit.apply(work)
        edits.append(edit)

    for attribute in ACCOUNT_FIELDS:
        before, after = getattr(work.account, attribute), getattr(new.account, attribute)
        if before != after:
            do(SetAccount(attribute, before, after))
    if work.currency != new.currency:
        do(SetCurrency(work.currency, new.currency))
    for prose in TEMPLATE.prose_fields():
        before, after = work.text(prose.path), new.text(prose.path)
        if before != after:
            do(SetProse(prose.path, before, after))
    for table in TEMPLATE.tables():
        _table_edits(work, new, table.path, do)
    return edits


def _table_edits(work: Plan, new: Plan, path: str, do) -> None:  # type: ignore[no-untyped-def]
    wanted = new.rows(path)
    wanted_keys = [r.key for r in wanted]
    keep = set(wanted_keys)
    for index in reversed(range(len(work.rows(path)))):
        record = work.rows(path)[index]
        if record.key not in keep:
            do(RemoveRow(path, index, record.copy()))
    present = {r.key for r in work.rows(path)}
    for record in wanted:
        if record.key in present:
            mine = work.row(path, record.key)
            assert mine is not None
            for column in sorted(set(mine.values) | set(record.values)):
                before, after = mine.values.get(column), record.values.get(column)
                if before != after:
                    do(SetCell(path, record.key, column, before, after))
        else:
            do(InsertRow(path, len(work.rows(path)), record.copy()))
    for target, key in enumerate(wanted_keys):
        source = next(i for i, r in enumerate(work.rows(path)) if r.key == key)
        if source != target:
            do(MoveRow(path, source, target))
