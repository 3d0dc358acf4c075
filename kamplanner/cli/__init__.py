"""The command line: the same use cases as the GUI, for scripts and for machines without a display.

Every command is a handler ``(portfolio, args) -> exit code`` in its group's COMMANDS table (plans,
reports, cycle, backups) with its arguments in that group's ``add_commands``: a new command is
one function, one table entry and its parser lines. Handlers work through the use cases
(kamplanner.services); no module here imports the store or the report (an import-linter contract).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..services import (
    ENV_VAR,
    BadDatabaseURL,
    Conflict,
    DatabaseError,
    NotAllowed,
    NotFound,
    Portfolio,
    acting_as,
    resolve_url,
    sqlite_file,
)
from . import exits, team
from .exits import BAD_INPUT, FAILED, CommandError
from .output import check_output, inline, is_url, mask_passwords, one_line, terminal_safe, url_problem
from .parser import GROUPS, acting, build_parser, check_db_argument

__all__ = ["COMMANDS", "CommandError", "build_parser", "main", "open_portfolio", "run_command"]

Handler = Callable[[Portfolio, argparse.Namespace], int]

COMMANDS: dict[str, Handler] = {name: handler for group in GROUPS for name, handler in group.COMMANDS.items()}


def main(argv: Sequence[str] | None = None, *, gui: Callable[[str | None], int] | None = None) -> int:
    """The kamplanner command: ``gui(--db)`` when no command is given, else the command line.

    What it prints shows terminal controls escaped; whatever goes wrong ends in one line."""
    with terminal_safe():
        try:
            code = _main(argv, gui)
            sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's last flush
            return code
        except KeyboardInterrupt:
            print("kamplanner: interrupted", file=sys.stderr)
            return exits.INTERRUPTED
        except BrokenPipeError:
            _quiet_stdout()
            return exits.BROKEN_PIPE
        except Exception as exc:  # noqa: BLE001 - the last resort: one line, the traceback in the log
            return _internal_error(exc, sys.argv[1:] if argv is None else list(argv))


def _main(argv: Sequence[str] | None, gui: Callable[[str | None], int] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_db_argument(parser, args)
    if args.command in (None, "gui"):
        if gui is None:
            parser.error("no command given")
        if args.actor is None:
            return gui(args.db)
        with acting_as(args.actor):  # --as: the app acts as that actor, whatever Preferences say
            return gui(args.db)
    return run_command(args)


def open_portfolio(db_arg: str | None) -> Portfolio:
    """The portfolio of --db, else $KAMPLANNER_DB, else the default; a URL the database library
    cannot use is bad input (exit 2), a database that cannot be opened a failure (exit 1)."""
    source = db_arg or os.environ.get(ENV_VAR) or ""
    where = "--db" if db_arg else f"${ENV_VAR}"
    if is_url(source):
        problem = url_problem(source)
        if problem:
            raise CommandError(f"{where} {mask_passwords(source)}: {problem}", BAD_INPUT)
    try:
        return Portfolio.open(db_arg)
    except BadDatabaseURL as exc:
        raise CommandError(
            f"{where} {mask_passwords(source)}: cannot use this database URL: {one_line(exc.reason)}", BAD_INPUT
        ) from None
    except DatabaseError as exc:
        raise CommandError(one_line(str(exc)), FAILED) from None
    except Exception as exc:
        if not is_url(source):
            raise
        # Before a connection is tried: an unknown kind of database, a driver not installed.
        if isinstance(exc, ImportError):
            reason = f"its driver is not installed (no module named {exc.name!r})"
        else:
            reason = one_line(str(exc)) or type(exc).__name__
        raise CommandError(
            f"{where} {mask_passwords(source)}: cannot use this database URL: {reason}", BAD_INPUT
        ) from None


# Commands that do their work without a database when there is none (and never create one):
# verify checks a plan PDF against the plan file it carries.
WITHOUT_DATABASE = frozenset({"verify"})


def database_exists(db_arg: str | None) -> bool:
    """Whether the database --db (else $KAMPLANNER_DB, else the default) names is there: a
    server database always counts as there, a SQLite file when it exists."""
    try:
        path = sqlite_file(resolve_url(db_arg))
    except DatabaseError:
        return True  # a bad URL: opening it says what is wrong
    return path is None or path.exists()


def run_command(args: argparse.Namespace) -> int:
    """Run one parsed command (not the GUI: kamplanner.app starts that)."""
    handler = COMMANDS[args.command]
    if team.opens_own_database(args):
        return _run_alone(handler, args)
    if args.command in WITHOUT_DATABASE and not database_exists(args.db):
        with acting_as(acting(args)):
            return handler(None, args)  # type: ignore[arg-type]  # these handlers take None: no database
    try:
        portfolio = open_portfolio(args.db)
    except CommandError as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return exc.code
    warning = portfolio.damage_warning
    if warning:
        print(f"kamplanner: warning: {inline(warning)}", file=sys.stderr)
    try:
        output = getattr(args, "output", None)
        if output is not None:  # refused before anything is made or written
            check_output(output, portfolio.database_file, folder=bool(getattr(args, "all", False)))
        with acting_as(acting(args)):
            return handler(portfolio, args)
    except NotAllowed as exc:  # the policy refused the actor: bad input, as a usage error is
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return BAD_INPUT
    except DatabaseError as exc:
        print(f"kamplanner: {inline(one_line(str(exc)))}", file=sys.stderr)
        return FAILED
    except CommandError as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return exc.code
    except (NotFound, Conflict) as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return FAILED
    finally:
        portfolio.backup_if_due()  # after a command that changed the database
        portfolio.close()


def _run_alone(handler: Handler, args: argparse.Namespace) -> int:
    """A command that opens the database it is given itself."""
    try:
        return handler(None, args)  # type: ignore[arg-type]
    except CommandError as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return exc.code


def _quiet_stdout() -> None:
    """The reader of standard output went away (``kamplanner list | head -1``): what is still
    buffered goes to the null device, so Python's own last flush has nothing to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _internal_error(exc: BaseException, argv: list[str]) -> int:
    """One line for a bug, and the whole traceback in a log file for its report."""
    import datetime as dt
    import traceback

    import platformdirs

    from .. import __version__

    first = one_line(str(exc))
    print(f"kamplanner: internal error: {type(exc).__name__}" + (f": {first}" if first else ""), file=sys.stderr)
    log = Path(platformdirs.user_log_dir("kamplanner", appauthor=False)) / "kamplanner.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8", errors="backslashreplace") as file:
            file.write(f"---- {dt.datetime.now().isoformat(timespec='seconds')} kamplanner {__version__}\n")
            file.write(mask_passwords(" ".join(["kamplanner", *argv])) + "\n")
            file.write(mask_passwords("".join(traceback.format_exception(exc))))
        print(f"kamplanner: the full traceback is in {log}", file=sys.stderr)
    except OSError as problem:
        print(f"kamplanner: the traceback could not be written to {log}: {problem.strerror}", file=sys.stderr)
    return FAILED
