"""The change log's entries: who changed what in a plan, when, and the value before and after."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    """What a change-log entry records. Content edits are one entry per field, cell or row;
    everything else a use case does to a plan is one entry of its own kind."""

    EDIT = "edit"  # a prose field, a cell or an account attribute
    ADD_ROW = "add_row"
    REMOVE_ROW = "remove_row"
    MOVE_ROW = "move_row"  # before and after: the row's position
    NEW_PLAN = "new_plan"
    PREPARE = "prepare"
    STEP = "step"
    MOVE = "move"  # a phase move
    REVIEW = "review"
    COMMENTS = "comments"  # review comments read from a PDF, or answered
    SIGN_OFF = "sign_off"
    VERSION = "version"  # a numbered version made (domain/versions.py)
    PROGRESS = "progress"
    IMPORT = "import"
    ROLL_FORWARD = "roll_forward"
    DELETE = "delete"
    RESTORE = "restore"


@dataclass(frozen=True)
class Change:
    """One entry. ``before`` and ``after`` are JSON values (None: nothing there)."""

    kind: ChangeKind
    path: str | None = None  # a field path, "account" for the account, "cycle.*" for the cycle record
    row: str | None = None  # the row key, in a table
    column: str | None = None  # the column key, or the account attribute
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class LoggedChange:
    """An entry as the log keeps it: the change, by whom, when, to which plan and version."""

    change: Change
    actor: str
    role: str
    at: dt.datetime
    plan_id: int | None
    plan_uuid: str | None
    version: int | None

    def to_json(self) -> dict[str, Any]:
        c = self.change
        return {
            "actor": self.actor,
            "role": self.role,
            "at": self.at.isoformat(),
            "kind": c.kind.value,
            "plan": self.plan_id,
            "plan_uuid": self.plan_uuid,
            "version": self.version,
            "path": c.path,
            "row": c.row,
            "column": c.column,
            "before": c.before,
            "after": c.after,
        }

    def describe(self, width: int = 60) -> str:
        """One line for a person: when, who, what, where, before → after (long values cut)."""
        c = self.change
        where = c.path or ""
        if c.row:
            where += f"[{c.row}]"
        if c.column:
            where += f".{c.column}" if where else c.column
        line = f"{self.at:%Y-%m-%d %H:%M:%S}  {self.actor} ({self.role.replace('_', ' ')})  {c.kind.value}"
        if self.version is not None:
            line += f"  v{self.version}"
        if where:
            line += f"  {where}"
        if c.before is not None or c.after is not None:
            line += f": {_short(c.before, width)} → {_short(c.after, width)}"
        return line


def _short(value: Any, width: int) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= width else text[: width - 1] + "…"
