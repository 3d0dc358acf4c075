"""Command-line commands for the database itself: its backups, and bringing one back."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from . import instance
from .store.database import Database, DatabaseError

EXIT_OK, EXIT_FAILED = 0, 1


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


def _portfolio(db: Database):  # type: ignore[no-untyped-def]
    from .services import Portfolio

    return Portfolio(db)


def cmd_backups(db: Database, args: argparse.Namespace) -> int:
    found = _portfolio(db).backups()
    if not found:
        print(f"no backups yet of {db.display_name}")
        return EXIT_OK
    for b in found:
        why = b.reason or "after changes"
        print(f"{b.name}  {b.made_at:%Y-%m-%d %H:%M:%S} UTC  {why}  {b.size / 1024:,.0f} KB")
    return EXIT_OK


def cmd_restore(db: Database, args: argparse.Namespace) -> int:
    if db.path is not None and instance.held_elsewhere(db.path):
        raise DatabaseError(
            f"kamplanner is open on {db.path}: restore from its File menu, or quit it first"
        )
    chosen, aside = _portfolio(db).restore_backup(args.backup)
    print(f"restored {chosen.name} ({chosen.made_at:%Y-%m-%d %H:%M} UTC) into {db.path}")
    print(f"the file it replaced is kept as {aside.name}")
    return EXIT_OK


def cmd_history(db: Database, args: argparse.Namespace) -> int:
    from .cli_io import inline, print_json

    changes = _portfolio(db).history(args.plan)
    if args.json:
        print_json([c.to_json() for c in changes])
        return EXIT_OK
    if not changes:
        print(f"no changes recorded for plan {args.plan}")
    for c in changes:
        print(inline(c.describe()))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "backups": cmd_backups,
    "restore": cmd_restore,
    "history": cmd_history,
}
