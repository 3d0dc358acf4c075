"""The command line's arguments: the global options, and every group's commands."""

from __future__ import annotations

import argparse

from .. import __version__
from ..services import ENV_VAR, Actor, local_actor
from . import backups, contacts, cycle, deck, health, plans, reports, review, sync, team, workbook
from .exits import BAD_INPUT, CommandError
from .exits import HELP as EXIT_CODES
from .output import plan_id

# The groups of commands, in the order --help lists them. A group is a module with
# add_commands(subparsers) and COMMANDS, its table of handlers (portfolio, args) -> exit code.
GROUPS = (plans, contacts, reports, deck, workbook, cycle, health, review, backups, team, sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kamplanner",
        description="Key account plans: write, review and sign off. Without a command, opens the app.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"SQLite file or SQLAlchemy URL (default: ${ENV_VAR}, else a file in your data folder)",
    )
    parser.add_argument(
        "--as",
        dest="actor",
        type=_actor,
        metavar="NAME[:ROLE]",
        help="who the changes are made by, as account-manager (the default), senior-manager or admin"
        " (default: a command's --by, else your user name)",
    )
    parser.add_argument("--version", action="version", version=f"kamplanner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("gui", help="open the app (the default)", description="Open the desktop app.")
    for group in GROUPS:
        group.add_commands(commands)
    for command in commands.choices.values():  # every PLAN, whoever added its command, is a plan id
        for action in command._actions:
            if action.dest == "plan":
                action.type = plan_id
    return parser


def _actor(text: str) -> Actor:
    """The type of --as: NAME or NAME:ROLE."""
    try:
        return Actor.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def acting(args: argparse.Namespace) -> Actor:
    """Who a command acts as: --as, else the name its --by gives (commands written before
    actors), else the OS user; as account manager unless --as names a role."""
    chosen = getattr(args, "actor", None)
    if chosen is not None:
        return chosen
    by = getattr(args, "by", None)
    try:
        return local_actor(by if isinstance(by, str) else "")
    except ValueError as exc:
        raise CommandError(f"--by: {exc}", BAD_INPUT) from None


def check_db_argument(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--db "" would quietly open the default database: refuse it (exit 2)."""
    if args.db is not None and not args.db.strip():
        parser.error("--db is empty: give a file or a URL")
