"""Who is acting: the person a use case runs for, and the role they act in."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum

from .languages import Text
from .limits import MAX_NAME
from .text import text_problem


class Role(StrEnum):
    ACCOUNT_MANAGER = "account_manager"
    SENIOR_MANAGER = "senior_manager"
    VIEWER = "viewer"  # on a team server: reads the team's plans, changes nothing
    ADMIN = "admin"

    @property
    def label(self) -> Text:
        return ROLE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        """A role as a person types it: account-manager, account_manager, "senior manager", admin."""
        slug = "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
        try:
            return cls(slug)
        except ValueError:
            names = ", ".join(r.value.replace("_", "-") for r in cls)
            raise ValueError(f"no role {text!r}; the roles are {names}") from None


ROLE_LABELS = {
    Role.ACCOUNT_MANAGER: Text("客户经理", "account manager"),
    Role.SENIOR_MANAGER: Text("高级经理", "senior manager"),
    Role.VIEWER: Text("只读成员", "viewer"),
    Role.ADMIN: Text("管理员", "admin"),
}


@dataclass(frozen=True)
class Actor:
    """The person a use case runs for; the change log and the cycle record name them."""

    name: str
    role: Role = Role.ACCOUNT_MANAGER

    def __post_init__(self) -> None:
        problem = _name_problem(self.name)
        if problem:
            raise ValueError(problem)

    @classmethod
    def parse(cls, text: str) -> Actor:
        """NAME or NAME:ROLE (the command line's --as); the role defaults to account manager."""
        name, sep, role = text.rpartition(":")
        if not sep or not name.strip():
            return cls(text.strip())
        return cls(name.strip(), Role.parse(role))

    def __str__(self) -> str:
        return f"{self.name} ({self.role.label.en})"


def os_user() -> str:
    """The operating system's name for whoever runs kamplanner (a laptop's owner)."""
    try:
        name = getpass.getuser().strip()
    except (KeyError, OSError):  # no user name in the environment nor in the password database
        name = ""
    return name or "unknown"


def local_actor(name: str = "", role: Role | str = Role.ACCOUNT_MANAGER) -> Actor:
    """The actor on a laptop: the name given (else the OS user) in the role given."""
    chosen = name.strip() or os_user()
    return Actor(chosen, role if isinstance(role, Role) else Role.parse(role))


def _name_problem(name: str) -> str | None:
    if not name.strip():
        return "the actor must be named"
    if len(name) > MAX_NAME:
        return f"the actor's name is {len(name)} characters; a name holds at most {MAX_NAME}"
    problem = text_problem(name)
    return f"the actor's name: {problem}" if problem else None


# The actor of a Portfolio made without one: set for a whole command by the command line
# (acting_as), else whoever runs kamplanner, as account manager.
_ACTING: ContextVar[Actor | None] = ContextVar("kamplanner_actor", default=None)


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    """Every Portfolio made without an actor acts as ``actor`` inside the block."""
    token = _ACTING.set(actor)
    try:
        yield
    finally:
        _ACTING.reset(token)


def actor_in_effect() -> Actor | None:
    """The actor acting_as set, if one is in effect."""
    return _ACTING.get()
