"""What an operation changed, so every view refreshes from one notice instead of each flow
telling each view by hand (the way Anki's operations report their changes).

A use case that changes something announces ``Changes``: which plans, and what of them (their
content, their cycle record, the portfolio's list of accounts and plans), and the plan it
created, if any. ``everything`` says that nothing can be assumed (a backup was restored).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, auto


class Scope(Flag):
    NONE = 0
    CONTENT = auto()  # the plan's sections, tables or account facts
    CYCLE = auto()  # its phase, version, timetable, reviews, sign-offs, progress
    PORTFOLIO = auto()  # the list of accounts and plans (added, removed, renamed)


@dataclass(frozen=True)
class Changes:
    plans: frozenset[int] = frozenset()
    scope: Scope = Scope.NONE
    created: int | None = None  # the plan the operation made
    everything: bool = False

    def touches(self, plan_id: int, scope: Scope) -> bool:
        """Whether ``plan_id`` changed in any of ``scope``."""
        return self.everything or (plan_id in self.plans and bool(self.scope & scope))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.plans | other.plans,
            self.scope | other.scope,
            other.created if other.created is not None else self.created,
            self.everything or other.everything,
        )


NOTHING = Changes()
