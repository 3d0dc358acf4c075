"""Who may do what: one table of actions per role, read by every use case that changes something.

On a laptop its owner may do everything, whatever role they act in (LAPTOP). Team mode will
give each role its own row (TEAM is where that goes); the use cases need not change for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from .actor import Actor, Role
from .model import Phase, Plan, PlanSummary


class Action(StrEnum):
    """Every kind of change a use case makes; the change log's ``kind`` names the same ones."""

    ADD_ACCOUNT = "add_account"
    NEW_PLAN = "new_plan"
    EDIT = "edit"
    PREPARE = "prepare"  # phase 1: expectations, timetable, guidelines
    STEP = "step"  # phase 2: tick a development step
    MOVE = "move"  # a phase move
    REVIEW = "review"
    COMMENTS = "comments"  # a reviewer's comments read from a PDF, or answered
    SIGN_OFF = "sign_off"
    VERSION = "version"  # "Save as version…": number the plan as it is now
    PROGRESS = "progress"  # phase 4: a progress review
    ROLL_FORWARD = "roll_forward"
    DUPLICATE = "duplicate"
    IMPORT = "import"
    DELETE = "delete"
    RESTORE = "restore"  # a deleted plan brought back
    RESTORE_BACKUP = "restore_backup"  # the whole database replaced by one of its backups
    DEMO = "demo"


# What a refusal says the actor may not do (then "the plan NAME YEAR", when there is one).
WHAT = {
    Action.ADD_ACCOUNT: "add an account",
    Action.NEW_PLAN: "start a plan",
    Action.EDIT: "edit",
    Action.PREPARE: "set the preparation of",
    Action.STEP: "tick the development steps of",
    Action.MOVE: "move",
    Action.REVIEW: "record a review of",
    Action.COMMENTS: "take in or answer the review comments on",
    Action.SIGN_OFF: "sign off",
    Action.VERSION: "save a version of",
    Action.PROGRESS: "record a progress review of",
    Action.ROLL_FORWARD: "roll forward",
    Action.DUPLICATE: "copy",
    Action.IMPORT: "import",
    Action.DELETE: "delete",
    Action.RESTORE: "bring back",
    Action.RESTORE_BACKUP: "restore a backup of the database",
    Action.DEMO: "add the demo portfolio",
}

Table = Mapping[Role, frozenset[Action]]

EVERYTHING = frozenset(Action)

# A laptop has one user, who owns everything in it.
LAPTOP: Table = {role: EVERYTHING for role in Role}

# Team mode (one database, many people): not in use yet. What each role may do goes here;
# a role missing from the table may do nothing.
TEAM: Table = {
    Role.ADMIN: EVERYTHING,
}


# What an account manager may not do to a plan under senior review, until it is sent back.
FROZEN_IN_REVIEW = frozenset({Action.EDIT, Action.STEP, Action.PREPARE, Action.VERSION})


def frozen_for(actor: Actor, plan: Plan | PlanSummary | None) -> bool:
    """Whether ``plan`` is read-only for ``actor``: it is under senior review and they are
    its account manager (the reviewer and an admin may still change it)."""
    return plan is not None and plan.phase is Phase.REVIEW and actor.role is Role.ACCOUNT_MANAGER


def allowed(actor: Actor, action: Action, plan: Plan | PlanSummary | None = None, table: Table = LAPTOP) -> bool:
    """Whether ``actor`` may do ``action`` (to ``plan``; None: the action makes a new one).

    The table says what each role may do; a plan under senior review is also read-only for
    its account manager (frozen_for), whatever the table.
    """
    if action in FROZEN_IN_REVIEW and frozen_for(actor, plan):
        return False
    return action in table.get(actor.role, frozenset())


class NotAllowed(PermissionError):
    """The policy refuses the actor this action; the message says who, what and which plan."""

    def __init__(self, actor: Actor, action: Action, plan: Plan | PlanSummary | None = None):
        self.actor, self.action = actor, action
        what = WHAT[action]
        if plan is not None:
            name = plan.account if isinstance(plan, PlanSummary) else plan.account.name
            what += f" the plan {name} {plan.year}"
            if action in FROZEN_IN_REVIEW and frozen_for(actor, plan):
                what += " while it is under senior review (until it is sent back for changes)"
        elif what.endswith(" of"):
            what += " a plan"
        super().__init__(f"{actor} may not {what}")


def check(actor: Actor, action: Action, plan: Plan | PlanSummary | None = None, table: Table = LAPTOP) -> None:
    """Raise NotAllowed unless ``allowed``."""
    if not allowed(actor, action, plan, table):
        raise NotAllowed(actor, action, plan)
