"""Reading a plan's change log as a person does: which section each entry touched, where in
words, and the edit that brings an earlier value back (as a new edit, itself logged)."""

from __future__ import annotations

from .changelog import ChangeKind, LoggedChange
from .edits import ACCOUNT_FIELDS, SetAccount, SetCell, SetProse, SimpleEdit
from .model import Plan
from .rebase import field_place
from .template import TEMPLATE, Prose
from .values import from_json

ACCOUNT = "account"  # the section key of account facts
CYCLE = "cycle"  # of everything that is not content: phase moves, reviews, sign-offs, versions


def section_of(entry: LoggedChange) -> str:
    """The key of the section an entry is about (a template section, ACCOUNT or CYCLE)."""
    path = entry.change.path or ""
    if path == "account":
        return ACCOUNT
    head = path.split(".", 1)[0]
    try:
        return TEMPLATE.section(head).key
    except KeyError:
        return CYCLE


def where(entry: LoggedChange, lang: str, plan: Plan | None = None) -> str:
    """Where the entry is, in the plan's words: section ▸ field, the row and the column."""
    c = entry.change
    path = c.path or ""
    zh = lang.startswith("zh")
    if path == "account":
        return ("客户信息" if zh else "Account facts") + (f" ▸ {c.column}" if c.column else "")
    found = field_place(path, lang, plan, c.row, c.column)
    if found is not None:
        return found
    if path.startswith("cycle") or path == "signoff":
        return "计划周期" if zh else "Planning cycle"
    return "—"  # the plan as a whole (an import, a phase move…): the kind says what


def restoring(entry: LoggedChange, plan: Plan) -> SimpleEdit | None:
    """The edit that puts back the value an entry changed (its ``before``) on ``plan`` as it is
    now; None when the entry is not a field, cell or account edit, its row is gone, or the
    value is already that."""
    c = entry.change
    if c.kind is not ChangeKind.EDIT or not c.path:
        return None
    if c.path == "account":
        if c.column not in ACCOUNT_FIELDS:
            return None
        now = getattr(plan.account, c.column)
        return None if now == c.before else SetAccount(c.column, now, c.before)
    try:
        field = TEMPLATE.field(c.path)
    except KeyError:
        return None
    if isinstance(field, Prose):
        earlier = c.before if isinstance(c.before, str) else ""
        now_text = plan.text(c.path)
        return None if now_text == earlier else SetProse(c.path, now_text, earlier)
    if c.row is None or c.column is None:
        return None
    row = plan.row(c.path, c.row)
    if row is None:
        return None
    try:
        column = TEMPLATE.table(c.path).column(c.column)
    except KeyError:
        return None
    earlier_value = from_json(column, c.before) if c.before is not None else None
    now_value = row.get(c.column)
    return None if now_value == earlier_value else SetCell(c.path, c.row, c.column, now_value, earlier_value)
