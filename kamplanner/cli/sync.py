"""kamplanner sync: this laptop's portfolio and a team server, merged both ways."""

from __future__ import annotations

import argparse

from ..services import DatabaseError, Portfolio
from ..sync import sync
from .exits import BAD_INPUT, FAILED, OK, CommandError
from .output import inline, is_url, mask_passwords, print_json


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    command = commands.add_parser(
        "sync",
        help="sync this laptop's plans with a team server",
        description="Pull what changed on the team server, push what changed here, merge field by field from the"
        " last sync; a field changed on both keeps the server's value and this laptop's beside it, as a conflict."
        " Safe to interrupt: the next sync finishes the job.",
    )
    command.add_argument(
        "--server", required=True, metavar="URL", help="the team server, postgresql+psycopg://LOGIN@HOST/DB"
    )
    command.add_argument("--json", action="store_true", help="print what was done as JSON")


def cmd_sync(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if not is_url(args.server) or not args.server.startswith("postgresql"):
        raise CommandError(f"--server {mask_passwords(args.server)}: a team server is a PostgreSQL URL", BAD_INPUT)
    if portfolio.database_file is None:
        raise CommandError("sync runs from a laptop's portfolio file (--db PATH), not from a server", BAD_INPUT)
    try:
        server = Portfolio.open(args.server)
    except DatabaseError as exc:
        raise CommandError(f"{inline(str(exc))}; nothing was synced, work goes on here", FAILED) from None
    try:
        if server.team is None:
            raise CommandError(f"{mask_passwords(args.server)} is not a team server", BAD_INPUT)
        report = sync(portfolio, server)
    finally:
        server.close()
    if args.json:
        print_json(
            {
                "pulled": report.pulled,
                "pushed": report.pushed,
                "created_here": report.created_here,
                "created_there": report.created_there,
                "deleted_here": report.deleted_here,
                "deleted_there": report.deleted_there,
                "conflicts": [{"plan": p, "where": w} for p, w in report.conflicts],
                "waiting": [{"plan": p, "why": w} for p, w in report.waiting],
            }
        )
        return OK
    for label, names in (
        ("pulled", report.pulled),
        ("pushed", report.pushed),
        ("new here", report.created_here),
        ("new on the server", report.created_there),
        ("deleted here", report.deleted_here),
        ("deleted on the server", report.deleted_there),
    ):
        if names:
            print(f"{label}: {', '.join(inline(n) for n in names)}")
    for plan, where in report.conflicts:
        print(f"conflict: {inline(plan)}, {inline(where)}: the server's value is in the plan, yours is kept beside it")
    for plan, why in report.waiting:
        print(f"waiting: {inline(plan)}: {inline(why)}")
    if not (report.changed or report.conflicts or report.waiting):
        print("in sync: nothing to do")
    return OK


COMMANDS = {"sync": cmd_sync}
