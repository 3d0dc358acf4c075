"""Command-line commands for the database itself: its backups, bringing one back, and its change log."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..services import Portfolio
from .exits import OK, CommandError
from .output import inline, print_json


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    commands.add_parser(
        "backups",
        help="list the database's backups",
        description="List the automatic backups of the database, newest first: file name, when (UTC), why, size.",
    )
    restore = commands.add_parser(
        "restore",
        help="bring a backup back",
        description="Restore a backup (by its file name, as 'backups' lists it) as the database. The current"
        " file is kept aside first, as a backup named ...-before-restore.db.",
    )
    restore.add_argument("backup", metavar="BACKUP", help="the backup's file name")
    history = commands.add_parser(
        "history",
        help="list a plan's saved changes",
        description="Every saved change to a plan, oldest first: when (UTC), who and in which role, what"
        " (field, row, column) and the value before and after.",
    )
    history.add_argument("plan", metavar="PLAN", help="the plan's id (see 'list')")
    history.add_argument("--json", action="store_true", help="print a JSON array, one object per change")


def cmd_backups(portfolio: Portfolio, args: argparse.Namespace) -> int:
    found = portfolio.backups()
    if not found:
        print(f"no backups yet of {portfolio.display_name}")
        return OK
    for b in found:
        why = b.reason or "after changes"
        print(f"{b.name}  {b.made_at:%Y-%m-%d %H:%M:%S} UTC  {why}  {b.size / 1024:,.0f} KB")
    return OK


def cmd_restore(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if portfolio.open_in_app():
        raise CommandError(
            f"kamplanner is open on {portfolio.database_file}: restore from its File menu, or quit it first"
        )
    chosen, aside = portfolio.restore_backup(args.backup)
    print(f"restored {chosen.name} ({chosen.made_at:%Y-%m-%d %H:%M} UTC) into {portfolio.database_file}")
    print(f"the file it replaced is kept as {aside.name}")
    return OK


def cmd_history(portfolio: Portfolio, args: argparse.Namespace) -> int:
    changes = portfolio.history(args.plan)
    if args.json:
        print_json([c.to_json() for c in changes])
        return OK
    if not changes:
        print(f"no changes recorded for plan {args.plan}")
    for c in changes:
        print(inline(c.describe()))
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "backups": cmd_backups,
    "restore": cmd_restore,
    "history": cmd_history,
}
