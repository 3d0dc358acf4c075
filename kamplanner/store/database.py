"""The database: where it is, opening it, bringing its schema up to date, transactions."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; a database already at it is opened without loading Alembic.
HEAD_REVISION = "0003"
ENV_VAR = "KAMPLANNER_DB"


class DatabaseError(RuntimeError):
    """The database cannot be opened, read or written; the message says which and why, in one
    line, with no SQL, no parameters and no password."""


class DatabaseBusy(DatabaseError):
    """Another program held the database longer than we wait; trying again later may work."""


class DatabaseDamaged(DatabaseError):
    """The database file is corrupt: it is opened read-only and never written."""


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("kamplanner", appauthor=False)) / "kamplanner.db"


def resolve_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from --db, then KAMPLANNER_DB, then the user's data directory."""
    chosen = str(path_or_url) if path_or_url else os.environ.get(ENV_VAR) or str(default_path())
    if "://" in chosen:
        make_url(chosen)  # raises on a malformed URL, before anything is created
        return chosen
    return "sqlite:///" + str(Path(chosen).expanduser().resolve())


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy own the transactions; pysqlite's implicit BEGIN gets in the way of
        # PRAGMAs and of SAVEPOINT.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable across a killed process in WAL mode; only a power loss may lose
        # the last transactions.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")


class Database:
    """One database, opened and migrated; hands out transactions."""

    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        path = sqlite_file(url)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from None
        self.engine = create_engine(url)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def open(cls, path_or_url: str | os.PathLike[str] | None = None) -> Database:
        db = cls(resolve_url(path_or_url))
        db.migrate()
        return db

    @property
    def path(self) -> Path | None:
        return sqlite_file(self.url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: committed when the block ends, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    # ---- schema

    def revision(self) -> str | None:
        try:
            with self.engine.connect() as connection:
                if not inspect(connection).has_table("alembic_version"):
                    return None
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception as exc:
            raise DatabaseError(f"cannot open the database {self.url}: {exc}") from exc

    def migrate(self, target: str = "head") -> None:
        """Bring the schema up to ``target``, keeping every row."""
        if target == "head" and self.revision() == HEAD_REVISION:
            return
        from .migrate import upgrade

        upgrade(self, target)
