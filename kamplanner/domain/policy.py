"""Who may do what: one table of actions per role, read by every use case that changes something.

On a laptop its owner may do everything, whatever role they act in (LAPTOP). On a team server
(TEAM) each role has its own row, and an account manager changes only the plans of the
accounts they manage; the server's row-level security keeps the same rules (store/team.py),
so a client that skipped these checks would still be refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    ADD_MEMBER = "add_member"  # a person on a team server


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
    Action.ADD_MEMBER: "add a person to the team",
}

Table = Mapping[Role, frozenset[Action]]

EVERYTHING = frozenset(Action)


@dataclass(frozen=True)
class Rules:
    """What each role may do (``can``; a role missing may do nothing), and which of those
    actions it may do only to plans of accounts it manages (``own_plans_only``)."""

    can: Table
    own_plans_only: Table = field(default_factory=dict)


# A laptop has one user, who owns everything in it.
LAPTOP: Table = {role: EVERYTHING for role in Role}

# What an account manager does to their own plans; on a team server, to no one else's.
_MANAGING = frozenset(
    {
        Action.NEW_PLAN,
        Action.EDIT,
        Action.PREPARE,
        Action.STEP,
        Action.MOVE,
        Action.COMMENTS,
        Action.VERSION,
        Action.PROGRESS,
        Action.ROLL_FORWARD,
        Action.DUPLICATE,
        Action.IMPORT,
        Action.DELETE,
        Action.RESTORE,
    }
)

# A team server: one database, many people. The senior manager states expectations, reviews,
# decides and signs off, on every plan, and edits none (a progress review changes the plan's
# attitudes and actuals: its account manager records it); a viewer reads.
TEAM = Rules(
    can={
        Role.ACCOUNT_MANAGER: _MANAGING | {Action.ADD_ACCOUNT},
        Role.SENIOR_MANAGER: frozenset(
            {
                Action.ADD_ACCOUNT,
                Action.PREPARE,
                Action.MOVE,
                Action.REVIEW,
                Action.COMMENTS,
                Action.SIGN_OFF,
                Action.VERSION,
            }
        ),
        Role.VIEWER: frozenset(),
        Role.ADMIN: EVERYTHING,
    },
    own_plans_only={Role.ACCOUNT_MANAGER: _MANAGING},
)


def _rules(table: Table | Rules) -> Rules:
    return table if isinstance(table, Rules) else Rules(table)


def owner_of(plan: Plan | PlanSummary) -> str:
    """Whose plan it is: the manager of its account."""
    return plan.manager if isinstance(plan, PlanSummary) else plan.account.manager


def not_theirs(actor: Actor, action: Action, plan: Plan | PlanSummary | None, table: Table | Rules) -> bool:
    """Whether ``action`` on ``plan`` is refused because the plan is someone else's."""
    own_only = _rules(table).own_plans_only.get(actor.role, frozenset())
    return plan is not None and action in own_only and owner_of(plan) != actor.name


# What an account manager may not do to a plan under senior review, until it is sent back.
FROZEN_IN_REVIEW = frozenset({Action.EDIT, Action.STEP, Action.PREPARE, Action.VERSION})


def frozen_for(actor: Actor, plan: Plan | PlanSummary | None) -> bool:
    """Whether ``plan`` is read-only for ``actor``: it is under senior review and they are
    its account manager (the reviewer and an admin may still change it)."""
    return plan is not None and plan.phase is Phase.REVIEW and actor.role is Role.ACCOUNT_MANAGER


def allowed(
    actor: Actor, action: Action, plan: Plan | PlanSummary | None = None, table: Table | Rules = LAPTOP
) -> bool:
    """Whether ``actor`` may do ``action`` (to ``plan``; None: the action makes a new one).

    The table says what each role may do, and which of those only to their own plans; a plan
    under senior review is also read-only for its account manager (frozen_for), whatever the
    table.
    """
    if action in FROZEN_IN_REVIEW and frozen_for(actor, plan):
        return False
    if not_theirs(actor, action, plan, table):
        return False
    return action in _rules(table).can.get(actor.role, frozenset())


def may_edit(actor: Actor, plan: Plan | PlanSummary, table: Table | Rules = LAPTOP) -> bool:
    """Whether the editor lets ``actor`` change ``plan``'s content."""
    return allowed(actor, Action.EDIT, plan, table)


class NotAllowed(PermissionError):
    """The policy refuses the actor this action; the message says who, what and which plan."""

    def __init__(
        self, actor: Actor, action: Action, plan: Plan | PlanSummary | None = None, table: Table | Rules = LAPTOP
    ):
        self.actor, self.action = actor, action
        what = WHAT[action]
        if plan is not None:
            name = plan.account if isinstance(plan, PlanSummary) else plan.account.name
            what += f" the plan {name} {plan.year}"
            if action in FROZEN_IN_REVIEW and frozen_for(actor, plan):
                what += " while it is under senior review (until it is sent back for changes)"
            elif not_theirs(actor, action, plan, table):
                owner = owner_of(plan)
                what += f": it is {owner}'s plan" if owner else ": its account has no manager"
        elif what.endswith(" of"):
            what += " a plan"
        super().__init__(f"{actor} may not {what}")


def check(actor: Actor, action: Action, plan: Plan | PlanSummary | None = None, table: Table | Rules = LAPTOP) -> None:
    """Raise NotAllowed unless ``allowed``."""
    if not allowed(actor, action, plan, table):
        raise NotAllowed(actor, action, plan, table)
