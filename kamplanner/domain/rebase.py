"""Putting unsaved edits on top of a newer stored version, three-way and field by field.

Each edit knows the value it started from (``old``). Where the stored plan still has that
value, nobody else touched it and the edit applies; where it already has the edit's new
value, there is nothing to do; where it has a third value, both sides changed the same
thing: a collision. The stored value stays and the collision carries both, so nothing is
overwritten and nothing is dropped unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .edits import Edit, EditError, InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetCurrency, SetProse, flatten
from .model import Plan, Record
from .template import TEMPLATE, Prose


@dataclass(frozen=True)
class Collision:
    """An edit of ours that met a different change made elsewhere to the same thing."""

    edit: Edit
    where: str  # the field path, with row and column for a cell
    mine: object  # the value this side wanted
    theirs: object  # the value stored now (None: the row is gone)


@dataclass(frozen=True)
class Rebased:
    kept: list[Edit]  # applied to the fresh plan, to be saved on its version
    collisions: list[Collision]
    dropped: int  # edits that no longer fit (a move of rows that are not there)


def rebase(fresh: Plan, edits: list[Edit]) -> Rebased:
    """Apply ``edits`` (made on an older version) to ``fresh`` where they do not collide."""
    kept: list[Edit] = []
    collisions: list[Collision] = []
    dropped = 0
    renamed: dict[tuple[str, str], str] = {}  # rows we added whose key was taken meanwhile
    for simple in flatten(edits):
        edit = _renamed(simple, renamed)
        outcome = place_edit(fresh, edit, renamed)
        if isinstance(outcome, Collision):
            collisions.append(outcome)
            continue
        if outcome is None:
            continue
        try:
            outcome.apply(fresh)
        except (EditError, KeyError):
            dropped += 1
            continue
        kept.append(outcome)
    return Rebased(kept, collisions, dropped)


def _renamed(edit: Edit, renamed: dict[tuple[str, str], str]) -> Edit:
    if isinstance(edit, SetCell) and (edit.field, edit.row) in renamed:
        return replace(edit, row=renamed[(edit.field, edit.row)])
    if isinstance(edit, RemoveRow) and (edit.field, edit.record.key) in renamed:
        return replace(edit, record=Record(renamed[(edit.field, edit.record.key)], dict(edit.record.values)))
    return edit


def place_edit(fresh: Plan, edit: Edit, renamed: dict[tuple[str, str], str] | None = None) -> Edit | Collision | None:
    """The edit to apply to ``fresh`` (maybe adjusted), a collision, or None: nothing to do.
    ``renamed`` collects the rows added here whose key ``fresh`` had taken meanwhile."""
    if renamed is None:
        renamed = {}
    if isinstance(edit, SetProse):
        return _three_way(edit, edit.field, edit.old, edit.new, fresh.prose.get(edit.field, ""))
    if isinstance(edit, SetAccount):
        return _three_way(edit, f"account.{edit.attribute}", edit.old, edit.new, getattr(fresh.account, edit.attribute))
    if isinstance(edit, SetCurrency):
        return _three_way(edit, "plan.currency", edit.old, edit.new, fresh.currency)
    if isinstance(edit, SetCell):
        where = f"{edit.field}[{edit.row}].{edit.column}"
        row = fresh.row(edit.field, edit.row)
        if row is None:
            return Collision(edit, where, edit.new, None)
        return _three_way(edit, where, edit.old, edit.new, row.get(edit.column))
    if isinstance(edit, InsertRow):
        rows = fresh.rows(edit.field)
        record = edit.record
        taken = {r.key for r in rows}
        if record.key in taken:
            same = next(r for r in rows if r.key == record.key)
            if same.values == record.values:
                return None  # the same row arrived from elsewhere
            key = _free_key(record.key, taken)
            renamed[(edit.field, record.key)] = key
            record = Record(key, dict(record.values))
        return InsertRow(edit.field, min(edit.index, len(rows)), record)
    if isinstance(edit, RemoveRow):
        rows = fresh.rows(edit.field)
        index = next((i for i, r in enumerate(rows) if r.key == edit.record.key), None)
        if index is None:
            return None  # removed elsewhere too
        if rows[index].values != edit.record.values:
            return Collision(edit, f"{edit.field}[{edit.record.key}]", None, rows[index].copy())
        return RemoveRow(edit.field, index, rows[index].copy())
    if isinstance(edit, MoveRow):
        return edit
    raise TypeError(f"not a simple edit: {edit!r}")


def _three_way(edit: Edit, where: str, old: object, new: object, current: object) -> Edit | Collision | None:
    if _same(current, old):
        return edit if not _same(old, new) else None
    if _same(current, new):
        return None
    return Collision(edit, where, new, current)


def _same(a: object, b: object) -> bool:
    # An empty text and no value are one state for a cell or a prose field.
    return (a if a != "" else None) == (b if b != "" else None)


def _free_key(key: str, taken: set[str]) -> str:
    n = 2
    while f"{key}-{n}" in taken:
        n += 1
    return f"{key}-{n}"


def describe_place(collision: Collision, lang: str, plan: Plan | None = None) -> str:
    """Where a collision is, in the words of the plan: section ▸ field, the row (by its first
    text in ``plan``, else its key) and column."""
    edit = collision.edit
    field = getattr(edit, "field", None)
    if field is None:
        return collision.where
    if isinstance(edit, SetCell):
        found = field_place(field, lang, plan, edit.row, edit.column)
    else:
        found = field_place(field, lang)
    return found if found is not None else collision.where


def field_place(
    path: str, lang: str, plan: Plan | None = None, row: str | None = None, column: str | None = None
) -> str | None:
    """section ▸ field, then the row (by its first text in ``plan``, else its key) and the
    column, in the words of the plan; None when ``path`` is no field of the template."""
    try:
        section = TEMPLATE.section_of(path)
        field = TEMPLATE.field(path)
    except KeyError:
        return None
    place = f"{section.label(lang)} ▸ {field.label(lang)}"
    if row is None or isinstance(field, Prose):
        return place
    table = TEMPLATE.table(path)
    record = plan.row(path, row) if plan is not None else None
    texts = [v for c in table.columns if isinstance(v := record.get(c.key) if record else None, str) and v]
    place += f", {texts[0] if texts else row}"
    if column:
        try:
            place += f", {table.column(column).label(lang)}"
        except KeyError:
            place += f", {column}"
    return place


def insist(fresh: Plan, collision: Collision) -> Edit | None:
    """The edit that puts our side of a collision on ``fresh`` after all (the user chose
    theirs to lose), or None when it cannot apply any more (the row is gone)."""
    edit = collision.edit
    if isinstance(edit, SetProse):
        return SetProse(edit.field, fresh.prose.get(edit.field, ""), edit.new)
    if isinstance(edit, SetAccount):
        return SetAccount(edit.attribute, getattr(fresh.account, edit.attribute), edit.new)
    if isinstance(edit, SetCurrency):
        return SetCurrency(fresh.currency, edit.new)
    if isinstance(edit, SetCell):
        row = fresh.row(edit.field, edit.row)
        return None if row is None else SetCell(edit.field, edit.row, edit.column, row.get(edit.column), edit.new)
    if isinstance(edit, RemoveRow):
        rows = fresh.rows(edit.field)
        index = next((i for i, r in enumerate(rows) if r.key == edit.record.key), None)
        return None if index is None else RemoveRow(edit.field, index, rows[index].copy())
    return None
