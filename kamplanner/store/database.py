"""The database: where it is, opening it, checking and upgrading it, transactions.

A local database is one SQLite file in rollback-journal mode. Not WAL: a WAL database relies
on POSIX locks that any stray open and close of the file in this process drops (a file
dialog sniffing the folder is enough), after which another process deletes the -wal file and
this one goes on committing into a deleted file. In rollback mode every commit lands in the
database file itself. Transactions of all kamplanner processes are also serialised by a
flock() on a lock file beside the database, which no stray close can drop, and each commit
is confirmed to be in the file that is at the database's path.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from .location import (  # noqa: F401 - where the rest of the app has always found them
    ENV_VAR,
    BadDatabaseURL,
    ConcurrentChange,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    NotPermitted,
    default_path,
    resolve_url,
    safe_url,
    sqlite_file,
)

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a database already at it is opened without loading Alembic.
HEAD_REVISION = "0008"
BUSY_TIMEOUT_S = 5.0
CHECK_BUDGET_S = 3.0  # the integrity check at open gives up (and trusts the file) after this long


def known_revisions() -> list[str]:
    """The schema revisions this kamplanner has migrations for, oldest first."""
    return sorted(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def companion_files(path: Path) -> list[Path]:
    """The database file and the files SQLite and kamplanner keep beside it."""
    return [path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm", ".lock"))]


def first_line(error: BaseException) -> str:
    text_ = str(error).strip()
    return text_.splitlines()[0] if text_ else type(error).__name__


# --------------------------------------------------------------------------- the lock


class _ProcessLock:
    """An exclusive flock() on the lock file beside the database, held for each transaction.

    flock locks belong to the open file description, so no other open and close of any file
    in this process can drop them (POSIX record locks, which SQLite uses, can be). Re-entrant
    within a thread; other threads of this process wait as other processes do.
    """

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self._mutex = threading.Lock()

    @contextmanager
    def held(self, timeout: float = BUSY_TIMEOUT_S) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        fd = self._acquire(timeout)
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            if fd is not None:
                os.close(fd)  # closing the descriptor releases its flock

    def _acquire(self, timeout: float) -> int | None:
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return None  # a read-only folder: nobody can write there, so there is nothing to guard
        deadline = time.monotonic() + timeout
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise DatabaseBusy(
                        f"the database {self.path.with_suffix('')} is busy: another kamplanner kept it"
                        f" locked for over {timeout:.0f} s; try again"
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)


class _NoLock:
    @contextmanager
    def held(self, timeout: float = BUSY_TIMEOUT_S) -> Iterator[None]:
        yield


# --------------------------------------------------------------------------- the database


class Database:
    """One database, opened and migrated; hands out transactions."""

    def __init__(self, url: str, *, read_only: bool = False):
        self.url = url
        try:
            parsed = make_url(url)
        except (sa_exc.ArgumentError, ValueError):
            raise BadDatabaseURL(url, "it is not a database URL") from None
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.application_name = ""
        self.read_only = read_only
        self.damaged: str | None = None  # why the file is known to be damaged
        self.changed = False  # a transaction changed something since the database was opened
        self._mode = threading.local()
        path = sqlite_file(url)
        self._identity: tuple[int, int] | None = None
        if path is not None:
            if not read_only:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from None
            self._may_create = not read_only and not path.exists()
            self._lock: _ProcessLock | _NoLock = (
                _NoLock() if sys.platform == "win32" else _ProcessLock(path.with_name(path.name + ".lock"))
            )
            self.engine = create_engine(url, creator=self._connect_sqlite)
            self._configure_sqlite()
        else:
            self._lock = _NoLock()
            # Names this process's connections, so a team server's change notices (store/live.py)
            # say which came from this window and which from someone else.
            self.application_name = f"kamplanner {os.getpid()} {os.urandom(4).hex()}"
            try:
                connect_args = (
                    {"application_name": self.application_name} if parsed.get_backend_name() == "postgresql" else {}
                )
                self.engine = create_engine(url, connect_args=connect_args)
            except sa_exc.NoSuchModuleError:
                raise BadDatabaseURL(
                    url, "kamplanner has no driver for it (for PostgreSQL: pip install 'kamplanner[postgresql]')"
                ) from None
            except ImportError as exc:
                raise BadDatabaseURL(url, f"its driver is not installed (no module named {exc.name!r})") from None
            except sa_exc.ArgumentError as exc:
                raise BadDatabaseURL(url, first_line(exc)) from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, path_or_url: str | os.PathLike[str] | None = None) -> Database:
        """Open, check and upgrade a database. A damaged SQLite file is opened read-only, with
        ``damaged`` saying why; nothing will be written to it."""
        db = cls(resolve_url(path_or_url))
        path = db.path
        if path is not None and path.is_file() and path.stat().st_size:
            with open(path, "rb") as f:  # noqa: PTH123 - before SQLite has it open, so no lock is at stake
                header = f.read(16)
            if header != b"SQLite format 3\x00":
                raise DatabaseError(f"{path} is not a kamplanner database (it is not a SQLite file)")
        problem = db.damage_found_earlier() or db.check_if_changed()
        if problem:
            db.close()
            db = cls(db.url, read_only=True)
            db.damaged = problem
            db.revision()  # a file too broken to read its schema version says so here
            return db
        db.migrate()
        return db

    @property
    def path(self) -> Path | None:
        return sqlite_file(self.url)

    @property
    def display_name(self) -> str:
        path = self.path
        return str(path) if path is not None else safe_url(self.url)

    def close(self) -> None:
        self.engine.dispose()

    # ---- SQLite connections

    def _connect_sqlite(self) -> sqlite3.Connection:
        path = self.path
        assert path is not None
        if self.read_only:
            mode = "ro"
        elif self._may_create:
            mode = "rwc"
        else:
            # Never create the file again: a database removed while open must fail loudly,
            # not come back empty.
            mode = "rw"
        try:
            connection = sqlite3.connect(
                f"file:{quote(str(path))}?mode={mode}", uri=True, check_same_thread=False, isolation_level=None
            )
        except sqlite3.Error as exc:
            if not path.exists():
                raise DatabaseError(f"the database {path} is not there (moved or removed?)") from None
            raise DatabaseError(f"cannot open the database {path}: {first_line(exc)}") from None
        self._may_create = False
        return connection

    def _configure_sqlite(self) -> None:
        @event.listens_for(self.engine, "connect")
        def on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
                cursor.execute("PRAGMA foreign_keys=ON")
                if not self.read_only:
                    mode = cursor.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
                    if mode != "delete":
                        log.warning("the database %s stays in %s mode (another program holds it)", self.path, mode)
                    cursor.execute("PRAGMA synchronous=FULL")
            except sqlite3.DatabaseError as exc:
                raise self._translate_sqlite(exc) from None
            finally:
                cursor.close()
            if self._identity is None and self.path is not None:
                st = os.stat(self.path)
                self._identity = (st.st_dev, st.st_ino)

        @event.listens_for(self.engine, "begin")
        def on_begin(connection):  # type: ignore[no-untyped-def]
            # Writers take the write lock up front: a reader that later writes could otherwise
            # meet another writer half-way and fail with "database is locked" at once.
            reading = getattr(self._mode, "reading", False) or self.read_only
            connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    # ---- transactions

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: committed when the block ends, rolled back on error."""
        with self._guarded(reading=False) as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads (it does not take the write lock on SQLite)."""
        with self._guarded(reading=True) as session:
            yield session

    @contextmanager
    def _guarded(self, *, reading: bool) -> Iterator[Session]:
        outer = getattr(self._mode, "depth", 0)
        self._mode.depth = outer + 1
        if not outer:
            self._mode.reading = reading
        try:
            with self._lock.held(), self._translated():
                with self._sessions() as session:
                    before = None
                    with session.begin():
                        if self.is_sqlite:
                            before = _total_changes(session)
                        yield session
                        wrote = before is not None and _total_changes(session) != before
                    if wrote or (before is None and not reading):
                        self.changed = True
                    if wrote:
                        self._confirm_on_disk()
        finally:
            self._mode.depth = outer
            if not outer:
                self._mode.reading = False

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Database errors as one-line DatabaseErrors; the domain's own errors pass through."""
        try:
            yield
        except DatabaseError:
            raise
        except sa_exc.IntegrityError as exc:
            raise ConcurrentChange(
                "the database refused the change: it collides with one made at the same moment"
                f" elsewhere ({first_line(exc.orig) if exc.orig else 'a constraint'}); try again"
            ) from None
        except sa_exc.DBAPIError as exc:
            orig = exc.orig
            if getattr(orig, "sqlstate", None) == "42501":  # insufficient_privilege
                raise NotPermitted(refusal(first_line(orig))) from None
            if isinstance(orig, sqlite3.Error):
                raise self._translate_sqlite(orig) from None
            if exc.connection_invalidated or isinstance(exc, sa_exc.OperationalError):
                raise DatabaseError(
                    f"cannot use the database {self.display_name}: {server_problem(first_line(orig or exc))}"
                ) from None
            raise DatabaseError(f"the database {self.display_name} refused: {first_line(orig or exc)}") from None
        except sa_exc.SQLAlchemyError as exc:
            raise DatabaseError(f"the database {self.display_name}: {first_line(exc)}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            if not self.is_sqlite:
                raise
            self.mark_damaged(f"unreadable data: {first_line(exc)}")
            raise DatabaseDamaged(self.damaged_message()) from None
        except sqlite3.Error as exc:
            raise self._translate_sqlite(exc) from None

    def _translate_sqlite(self, exc: sqlite3.Error) -> DatabaseError:
        message = first_line(exc)
        lowered = message.lower()
        name = self.display_name
        if "locked" in lowered or "busy" in lowered:
            return DatabaseBusy(f"the database {name} is busy: another program kept it locked; try again")
        if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
            self.mark_damaged(message)
            return DatabaseDamaged(self.damaged_message())
        if "readonly" in lowered or "read-only" in lowered:
            moved = self._identity_problem()
            if moved:
                return DatabaseError(moved)
            if self.damaged:
                return DatabaseDamaged(self.damaged_message())
            return DatabaseError(f"cannot write to the database {name}: the file or its folder is read-only")
        if "disk is full" in lowered or "full" in lowered:
            return DatabaseError(f"cannot write to the database {name}: the disk is full")
        if "unable to open" in lowered:
            return DatabaseError(f"cannot open the database {name}: it was moved or removed, or cannot be read")
        return DatabaseError(f"the database {name}: {message}")

    def damaged_message(self) -> str:
        return (
            f"the database {self.display_name} is damaged ({self.damaged}); it is open read-only and nothing"
            " will be written to it. 'kamplanner backups' lists the backups, 'kamplanner restore' brings one back"
        )

    def _confirm_on_disk(self) -> None:
        """A commit counts only once it is known to be in the file at the database's path."""
        problem = self._identity_problem()
        if problem:
            raise DatabaseError(problem)

    def _identity_problem(self) -> str | None:
        """Why the file this process writes is not (or no longer) the file at the database's
        path; the connections are then closed, so the next attempt opens what is there now."""
        path = self.path
        if path is None or self._identity is None:
            return None
        try:
            st = os.stat(path)
        except FileNotFoundError:
            self.engine.dispose()
            return f"the database {path} was removed while open: this save could not be confirmed"
        if (st.st_dev, st.st_ino) != self._identity:
            self.engine.dispose()
            self._identity = None
            return f"the database {path} was replaced by another file while open: this save could not be confirmed"
        # (The file itself is covered by the identity check above; a stale handle elsewhere in the
        # process to a file that was replaced is no sign of where this commit went.)
        orphans = _deleted_open_files({f"{path}-wal", f"{path}-shm"})
        if orphans:
            self.engine.dispose()
            return f"this save went into {orphans[0]}, which was deleted while open: it could not be confirmed"
        return None

    # ---- checking

    def _damage_marker(self) -> Path | None:
        path = self.path
        return None if path is None else path.with_name(path.name + ".damaged")

    def damage_found_earlier(self) -> str | None:
        """Damage an earlier process met while reading (data the integrity check cannot see)."""
        marker = self._damage_marker()
        if marker is None or not marker.exists():
            return None
        try:
            return marker.read_text("utf-8").strip() or "found while reading it"
        except OSError:
            return "found while reading it"

    def mark_damaged(self, reason: str) -> None:
        """From now on, in this process and the next ones, the file is read-only (until a restore)."""
        self.damaged = self.damaged or reason
        if self.is_sqlite and not self.read_only:
            self.read_only = True  # new connections open the file read-only
            self.engine.dispose()
        marker = self._damage_marker()
        if marker is not None:
            try:
                marker.write_text(reason + "\n", "utf-8")
            except OSError:
                log.warning("cannot write %s", marker)

    def clear_damage(self) -> None:
        self.damaged = None
        marker = self._damage_marker()
        if marker is not None:
            marker.unlink(missing_ok=True)

    def _stamp(self) -> str | None:
        """What identifies the file's present state: device, inode, size and modification time."""
        path = self.path
        try:
            st = os.stat(path) if path is not None else None
        except OSError:
            return None
        return None if st is None else f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"

    def check_if_changed(self) -> str | None:
        """check(), skipped when the file has not changed since it last passed (the stamp of
        that state is kept in the lock file beside it): a large portfolio is checked once after
        each change, not at every command that only reads it."""
        stamp = self._stamp()
        record = self.path.with_name(self.path.name + ".lock") if self.path is not None else None
        try:
            if stamp and record is not None and record.read_text("ascii").strip() == f"checked {stamp}":
                return None
        except (OSError, UnicodeDecodeError):
            pass
        problem = self.check()
        if problem is None and stamp and record is not None and not self.read_only:
            try:
                record.write_text(f"checked {stamp}\n", "ascii")
            except OSError:
                pass  # a folder we cannot write: it is simply checked again next time
        return problem

    def check(self) -> str | None:
        """Why the SQLite file is damaged (PRAGMA quick_check, bounded in time), or None.

        A file that does not exist yet, or a server database, is not checked.
        """
        path = self.path
        if path is None or not path.exists() or path.stat().st_size == 0:
            return None
        try:
            connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            return first_line(exc)
        deadline = time.monotonic() + CHECK_BUDGET_S
        connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check(5)")]
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                log.warning("the integrity check of %s took over %.0f s and was stopped", path, CHECK_BUDGET_S)
                return None
            return first_line(exc)
        except sqlite3.DatabaseError as exc:
            return first_line(exc)
        finally:
            connection.close()
        if rows == ["ok"]:
            return None
        found = " ".join(str(r) for r in rows[:2]).replace("*** in database main ***", "")
        return " ".join(found.split())

    # ---- schema

    def revision(self) -> str | None:
        try:
            with self.engine.connect() as connection:
                tables = inspect(connection).get_table_names()
                if "alembic_version" not in tables:
                    if tables:
                        raise DatabaseError(
                            f"{self.display_name} is not a kamplanner database: it has tables"
                            f" ({', '.join(sorted(tables)[:3])}…) but no kamplanner schema version"
                        )
                    return None
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DatabaseError:
            raise
        except sa_exc.DBAPIError as exc:
            if isinstance(exc.orig, sqlite3.Error):
                raise self._translate_sqlite(exc.orig) from None
            raise DatabaseError(
                f"cannot open the database {self.display_name}: {server_problem(first_line(exc.orig or exc))}"
            ) from None
        except sa_exc.SQLAlchemyError as exc:
            raise DatabaseError(f"cannot open the database {self.display_name}: {first_line(exc)}") from None

    def migrate(self, target: str = "head") -> None:
        """Bring the schema up to ``target``, keeping every row (a SQLite file is backed up first)."""
        current = self.revision()
        if target == "head" and current == HEAD_REVISION:
            return
        known = known_revisions()
        if current is not None and current not in known:
            raise DatabaseError(
                f"{self.display_name} was written by a newer kamplanner (schema {current}); this one reads up to"
                f" schema {known[-1]}: update kamplanner to open it"
            )
        if self.damaged:
            raise DatabaseDamaged(self.damaged_message())
        if self.read_only:
            raise DatabaseError(f"{self.display_name} needs an upgrade but is open read-only")
        if current is not None and self.path is not None:
            from . import backups

            backups.make_backup(self, reason=f"before-{target if target != 'head' else HEAD_REVISION}")
        from .migrate import upgrade

        try:
            with self._lock.held(), self._translated():
                upgrade(self, target)
        except NotPermitted:
            # A team member's login may not change the schema: the administrator upgrades it.
            raise DatabaseError(
                f"{self.display_name} has an older schema ({current}) than this kamplanner ({HEAD_REVISION}):"
                " its administrator brings it up to date with 'kamplanner team init URL'"
            ) from None
        self.changed = True


# What each table holds, for a team server's refusals ("permission denied for table signoff").
TABLE_WORDS = {
    "account": "accounts",
    "plan": "plans",
    "prose": "a plan's text",
    "record": "a plan's tables",
    "cycle": "the review cycle",
    "signoff": "sign-offs",
    "plan_version": "numbered versions",
    "changes": "the change log",
    "team_member": "the team",
}


# What PostgreSQL (libpq) says when a connection fails, in the words a person needs.
_SERVER_PROBLEMS = (
    ("password authentication failed", "the server refused the login: wrong password, or the login has expired"),
    ("no password supplied", "the server asks for a password: put it in ~/.pgpass (or $PGPASSWORD)"),
    ("does not exist", None),  # "database/role "x" does not exist": its own words say it
    ("connection refused", "the server is not reachable: is it running, and are the address and port right?"),
    ("could not translate host name", "the server's name is not known here: check the address, or the network"),
    ("failed to resolve host", "the server's name is not known here: check the address, or the network"),
    ("timeout expired", "the server did not answer in time: check the network"),
    ("no route to host", "the server is not reachable from here: check the network"),
    ("server closed the connection", "the server closed the connection: try again"),
    ("terminating connection", "the server ended the connection: try again"),
)


def server_problem(message: str) -> str:
    """A connection failure in one plain sentence: what went wrong, not libpq's whole story."""
    lowered = message.lower()
    for found, plain in _SERVER_PROBLEMS:
        if found in lowered:
            if plain is None:
                tail = message.split("FATAL:")[-1].strip()
                return tail[0].lower() + tail[1:] if tail else message
            return plain
    return message


def refusal(message: str) -> str:
    """A team server's refusal in one plain line: the triggers' own words, or PostgreSQL's
    permission errors in terms of what the tables hold."""
    import re

    named = re.search(r'for table "?(\w+)"?', message)
    what = TABLE_WORDS.get(named.group(1) if named else "", "this")
    if message.startswith("permission denied"):
        return f"the team server refused: your login may not change {what}"
    if "row-level security" in message:
        table = named.group(1) if named else ""
        if table == "account":
            return "the team server refused: this account is not yours to change"
        if table == "changes":
            return "the team server refused: a change-log entry must name the login that writes it"
        return "the team server refused: this plan is not yours to change (or it is under senior review)"
    return f"the team server refused: {message}"


def _total_changes(session: Session) -> int:
    raw = session.connection().connection.driver_connection
    return int(raw.total_changes)  # type: ignore[union-attr]


def _deleted_open_files(names: set[str]) -> list[str]:
    """Which of these files this process still has open although they were deleted (Linux)."""
    folder = "/proc/self/fd"
    if not sys.platform.startswith("linux") or not os.path.isdir(folder):
        return []
    found = []
    for fd in os.listdir(folder):
        try:
            target = os.readlink(f"{folder}/{fd}")
        except OSError:
            continue
        if target.endswith(" (deleted)") and target[: -len(" (deleted)")] in names:
            found.append(target[: -len(" (deleted)")])
    return found
