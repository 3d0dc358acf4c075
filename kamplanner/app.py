"""Composition root: opens the database, builds the use cases and the window. Nothing else wires things.

A start shows the window first: before it, only Qt and what finds and claims the database file
are loaded (kamplanner.store.location, not SQLAlchemy); the database, the use cases and the
editor are loaded once the window is on the screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .store.location import ENV_VAR, DatabaseError, default_path, resolve_url, sqlite_file

NO_DISPLAY = (
    "kamplanner: no display to open the window on.\n"
    "  Use the command line instead (kamplanner --help), or run the app offscreen with\n"
    "  QT_QPA_PLATFORM=offscreen (for tests and screenshots)."
)


def has_display() -> bool:
    """Whether Qt will find a screen; without one it would abort the process."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        if os.environ.get("WAYLAND_DISPLAY"):
            return True
        display = os.environ.get("DISPLAY", "")
        if display.startswith(":"):
            # A local X display is a socket; a stale DISPLAY (an ssh session, a closed Xvfb)
            # would make Qt abort with "could not connect to display".
            number = display[1:].split(".", 1)[0]
            return not number.isdigit() or os.path.exists(f"/tmp/.X11-unix/X{number}")
        return bool(display)
    return True


def open_portfolio(db_arg: str | None, actor=None):  # type: ignore[no-untyped-def]
    """The portfolio the app works on, acting as ``actor`` (an Actor, or a function giving the
    current one); a new database starts with the demo portfolio."""
    from .services import Portfolio
    from .store.database import Database

    url = resolve_url(db_arg)
    path = sqlite_file(url)
    first_start = path is not None and not path.exists()
    db = Database.open(url)
    portfolio = Portfolio(db, actor)
    if first_start and not db.read_only:
        portfolio.add_demo()
    return portfolio


def run_gui(db_arg: str | None = None, *, shown=None, ready=None, actor=None) -> int:  # type: ignore[no-untyped-def]
    """Open the window: ``shown(window)`` once its frame is on the screen, ``ready(window)`` once
    the last plan is open in it (benchmarks and tests use them).

    The app acts as ``actor`` (or the one --as put in effect) when given, else as Preferences say
    (read at each change)."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from .ui.application import platform_problem

    problem = platform_problem()
    if problem:
        print(f"kamplanner: {problem}", file=sys.stderr)
        return 2
    from .ui.settings import Settings

    settings = Settings()
    # --db, then $KAMPLANNER_DB, then the database chosen in Preferences, then the default place.
    if not db_arg and not os.environ.get(ENV_VAR) and settings.database:
        db_arg = settings.database
    try:
        path = sqlite_file(resolve_url(db_arg))
    except DatabaseError as exc:
        print(f"kamplanner: {exc}", file=sys.stderr)
        return 2
    key = ""
    locks: list = []  # type: ignore[type-arg]  # the instance lock of the database in use
    if path is not None:
        # One app per database file: a second start brings the first one's window forward,
        # so two windows never write one file behind each other's backs.
        from .instance import InstanceLock
        from .ui.single_instance import activation_key, ask_running_app_to_show

        key = activation_key(path)
        lock = InstanceLock(path)
        if not lock.acquire():
            if ask_running_app_to_show(key):
                print(f"kamplanner is open on {path} already: its window was brought to the front", file=sys.stderr)
                return 0
            print(f"kamplanner: another kamplanner has {path} open", file=sys.stderr)
            return 1
        locks.append(lock)
    opened = []  # the portfolio, once the window has opened it

    acting = []  # who the app acts as: read once the window is up (the actor rules load then)

    def load():  # type: ignore[no-untyped-def]
        from .domain.actor import actor_in_effect

        acting.append(actor or actor_in_effect() or settings.actor)
        try:
            opened.append(open_portfolio(db_arg, acting[0]))
        except DatabaseError as exc:
            print(f"kamplanner: {exc}", file=sys.stderr)
            return str(exc)
        return opened[-1]

    try:
        return run_window(
            load,
            settings=settings,
            open_portfolio=lambda database: _switch(database, locks, acting[0]),
            shown=shown,
            ready=ready,
            default_database=str(default_path()),
            activation_key=key,
        )
    finally:
        for portfolio in opened[-1:]:
            portfolio.db.close()
        for held in locks:
            held.release()


def run_window(  # type: ignore[no-untyped-def]
    portfolio,
    *,
    settings=None,
    open_portfolio=None,
    shown=None,
    ready=None,
    default_database: str = "",
    activation_key: str = "",
) -> int:
    """The window over a portfolio, until it is closed; ``ready(window)`` once it shows.

    ``portfolio`` is an opened Portfolio, or a function that opens one once the window is on the
    screen (``shown(window)`` is called then), or gives the message why it cannot (shown; exit 1).
    ``open_portfolio(database)`` is how Preferences switches to another database (None: from the
    next start). The portfolio is backed up hourly and at the end, as it is due."""
    from .ui import i18n
    from .ui.application import create_application
    from .ui.settings import Settings
    from .ui.window_host import WindowHost

    app = create_application()
    settings = settings or Settings()
    i18n.install(i18n.resolve(settings.language))
    host = WindowHost(
        None if callable(portfolio) else _workspace(portfolio), settings, open_portfolio, default_database
    )
    host.activation_key = activation_key
    if callable(portfolio):
        host.show_first(lambda: _workspace(portfolio()), shown, ready)
    else:
        host.show(ready)
    # A long session is backed up hourly too, not only when it ends.
    host.every(
        3_600_000,
        lambda: host.workspace is not None and host.workspace.flush_all() and host.workspace.portfolio.backup_if_due(),
    )
    code = app.exec()
    if host.workspace is not None:
        host.workspace.flush_all()
        host.workspace.portfolio.backup_if_due()
    return code


def _workspace(portfolio):  # type: ignore[no-untyped-def]
    """The window's model of an opened portfolio (a message why it could not be opened stays one)."""
    from .ui.workspace import Workspace

    return portfolio if isinstance(portfolio, str) else Workspace(portfolio)


def _switch(db_arg: str, locks: list, actor=None):  # type: ignore[no-untyped-def,type-arg]
    """Preferences chose another database: it is claimed (one app per file) before it is opened,
    and the one left behind is freed."""
    from .instance import InstanceLock

    path = sqlite_file(resolve_url(db_arg))
    lock = None
    if path is not None and any(held.path == InstanceLock(path).path for held in locks):
        return open_portfolio(db_arg, actor)  # the file this app has open already
    if path is not None:
        lock = InstanceLock(path)
        if not lock.acquire():
            raise DatabaseError(f"another kamplanner has {path} open")
    try:
        portfolio = open_portfolio(db_arg, actor)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    for held in locks:
        held.release()
    locks[:] = [lock] if lock is not None else []
    return portfolio


def main(argv: Sequence[str] | None = None, *, shown=None, ready=None) -> int:  # type: ignore[no-untyped-def]
    """The kamplanner command: the GUI when no command is given, else the command line
    (kamplanner.cli, which also keeps every failure to one line and sets the exit code).

    A plain start (no arguments, or only --db, --as and gui) opens the window without loading
    the command line and the use cases first: they would delay the window by most of a second."""
    args = list(sys.argv[1:] if argv is None else argv)
    plain = plain_start(args)
    if plain is None:
        from .cli import main as command_line

        return command_line(argv, gui=lambda db: run_gui(db, shown=shown, ready=ready))
    from .terminal import terminal_safe

    db, actor = plain
    try:
        with terminal_safe():  # a path in a message may hold terminal controls
            return run_gui(db, actor=actor, shown=shown, ready=ready)
    except KeyboardInterrupt:
        print("kamplanner: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the command line's last resort: one line, the traceback in the log
        from .cli import _internal_error

        return _internal_error(exc, args)


def plain_start(args: Sequence[str]):  # type: ignore[no-untyped-def]
    """(--db, --as) of a plain start of the app: only --db PATH, --as NAME[:ROLE] (each at most
    once) and a last "gui". None for anything else, left to the command line's own parser to
    read, check and explain; a plain start means the same to both (tests/test_plain_start.py)."""
    from .domain.actor import Actor

    found: dict[str, str] = {}
    rest = list(args)
    if rest and rest[-1] == "gui":
        rest.pop()
    while rest:
        option, sep, value = rest.pop(0).partition("=")
        if option not in ("--db", "--as") or option in found:
            return None
        if not sep:
            if not rest:
                return None
            value = rest.pop(0)
        if not value.strip() or value.startswith("-"):
            return None
        found[option] = value
    actor = None
    if "--as" in found:
        try:
            actor = Actor.parse(found["--as"])
        except ValueError:
            return None
    return found.get("--db"), actor
