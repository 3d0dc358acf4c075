"""Command-line commands for a team server: making one, and the people on it."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from ..services import DatabaseError, Portfolio, Role, TeamError, init_team
from .exits import BAD_INPUT, OK, CommandError
from .output import inline, is_url, mask_passwords, print_json

PASSWORD_VAR = "KAMPLANNER_PASSWORD"
MEMBER_ROLES = ("account_manager", "senior_manager", "viewer")


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    team = commands.add_parser(
        "team",
        help="set up a team server and its people",
        description="A team server is one PostgreSQL database for a sales team; PostgreSQL itself keeps who may"
        " change what. See docs/team.md.",
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="make a PostgreSQL database a team server",
        description="Bring the database's schema up to date and create the team's roles, grants and row-level"
        " security policies. Run it as the database's owner; it is safe to run again (after an upgrade, do).",
    )
    init.add_argument("url", metavar="URL", help="the database, e.g. postgresql+psycopg://admin@host/kam")
    add = actions.add_parser(
        "add-user",
        help="give a person a login on the team server",
        description=f"Create a PostgreSQL login for a person, in one of the team's roles. The password comes"
        f" from ${PASSWORD_VAR}, else a prompt; never from an argument. An existing login gets the new role,"
        " name and password.",
    )
    add.add_argument("login", metavar="LOGIN", help="the database login (lower-case letters, digits, _ . -)")
    add.add_argument("--name", required=True, help="the name accounts and plans give their manager")
    add.add_argument("--role", required=True, choices=MEMBER_ROLES, help="what the person does on the team")
    members = actions.add_parser("list", help="list the people on the team server")
    members.add_argument("--json", action="store_true", help="print a JSON array")


def opens_own_database(args: argparse.Namespace) -> bool:
    """``team init URL`` opens the URL it is given, not --db."""
    return getattr(args, "team_command", None) == "init"


def cmd_team(portfolio: Portfolio | None, args: argparse.Namespace) -> int:
    try:
        if args.team_command == "init":
            return _init(args.url)
        assert portfolio is not None
        if args.team_command == "add-user":
            return _add_user(portfolio, args)
        return _list(portfolio, args)
    except TeamError as exc:
        raise CommandError(str(exc), BAD_INPUT if isinstance(exc, ValueError) else 1) from None


def _init(url: str) -> int:
    if not is_url(url) or not url.startswith("postgresql"):
        raise CommandError(f"team init {mask_passwords(url)}: a team server is a PostgreSQL URL", BAD_INPUT)
    try:
        groups = init_team(url)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
    print(f"{inline(mask_passwords(url))} is a team server; its roles: {', '.join(groups)}")
    print("next: kamplanner --db URL team add-user LOGIN --name NAME --role account_manager|senior_manager|viewer")
    return OK


def _password(login: str) -> str:
    given = os.environ.get(PASSWORD_VAR)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError(f"no password for {login}: set ${PASSWORD_VAR}, or run this in a terminal", BAD_INPUT)
    first = getpass.getpass(f"password for {login}: ")
    if getpass.getpass("again: ") != first:
        raise CommandError("the two passwords differ; nothing was changed", BAD_INPUT)
    return first


def _add_user(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if portfolio.team is None:
        raise CommandError(
            f"{portfolio.display_name} is not a team server: run 'kamplanner team init URL' first", BAD_INPUT
        )
    member = portfolio.add_team_member(args.login, args.name, Role(args.role), _password(args.login))
    print(f"{inline(member.login)}: {inline(member.name)}, {member.role.label.en}")
    return OK


def _list(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if portfolio.team is None:
        raise CommandError(f"{portfolio.display_name} is not a team server", BAD_INPUT)
    people = portfolio.team_members()
    if args.json:
        print_json([{"login": m.login, "name": m.name, "role": m.role.value} for m in people])
        return OK
    for m in people:
        print(f"{inline(m.login):<20} {inline(m.name):<16} {m.role.label.en}")
    return OK


COMMANDS = {"team": cmd_team}
