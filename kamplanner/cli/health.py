"""``kamplanner check``: the plan's health checks (domain/health.py), as the navigator shows them."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..domain.health import HealthCheck
from ..services import NotFound, Portfolio
from .exits import BAD_INPUT, FAILED, OK, CommandError
from .output import inline, plan_id, print_json


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = commands.add_parser(
        "check",
        help="check the plan's health",
        description="Check whether the plan holds together beyond every field being filled: the first forecast"
        " year against the revenue target, the weighted pipeline against the gap to target, an action for every"
        " objective, an action aimed at every decision maker who doubts or opposes (attitude D or E), an owner"
        " from the team for every action, and every large opportunity qualified.",
        epilog="exit codes: 0 every check passes; 1 some check fails; 2 bad input, such as no plan with that id.",
    )
    check.add_argument("plan", type=plan_id, metavar="PLAN", help="the plan's id (see 'list')")
    check.add_argument("--json", action="store_true", help="print a JSON array, one object per check")
    check.add_argument("--lang", choices=("en", "zh_CN"), default="en", help="language of the messages")


def check_json(check: HealthCheck, lang: str) -> dict[str, object]:
    return {
        "check": check.key.value,
        "passed": check.passed,
        "severity": check.severity.value,
        "section": check.section,
        "title": check.title(lang),
        "message": check.message(lang),
    }


def cmd_check(portfolio: Portfolio, args: argparse.Namespace) -> int:
    try:
        checks = portfolio.health(args.plan)
    except NotFound:
        raise CommandError(f"no plan with id {args.plan} (see 'kamplanner list')", BAD_INPUT) from None
    if args.json:
        print_json([check_json(c, args.lang) for c in checks])
    else:
        for c in checks:
            mark = "ok  " if c.passed else ("FAIL" if c.severity.value == "error" else "warn")
            print(f"{mark}  {inline(c.title(args.lang))}: {inline(c.message(args.lang))}")
        failed = sum(not c.passed for c in checks)
        print(f"{len(checks) - failed} of {len(checks)} checks pass")
    return OK if all(c.passed for c in checks) else FAILED


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {"check": cmd_check}
