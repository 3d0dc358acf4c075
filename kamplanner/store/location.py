"""Where the database is, and what goes wrong opening it: importable without the database library.

The app resolves its database and claims the file before it shows its window, and shows the
window before it loads SQLAlchemy; so a path given as --db, $KAMPLANNER_DB or the default place
is turned into a URL and back here by hand. Only a URL (postgresql+psycopg://…, or a sqlite URL
with options) is read by SQLAlchemy's own parser.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "KAMPLANNER_DB"
SQLITE_PREFIX = "sqlite:///"


class DatabaseError(RuntimeError):
    """The database cannot be opened, read or written; the message says which and why, in one
    line, with no SQL, no parameters and no password."""


class BadDatabaseURL(DatabaseError, ValueError):
    """--db or KAMPLANNER_DB names no database kamplanner can use: bad input, not a failure."""

    def __init__(self, url: str, reason: str):
        self.reason = reason
        super().__init__(f"cannot use the database URL {safe_url(url)}: {reason}")


class DatabaseBusy(DatabaseError):
    """Another program held the database longer than we wait; trying again later may work."""


class DatabaseDamaged(DatabaseError):
    """The database file is corrupt: it is opened read-only and never written."""


class NotPermitted(DatabaseError):
    """A team server refused a change its login may not make (PostgreSQL's own permissions)."""


class ConcurrentChange(DatabaseError):
    """The database refused a change that collided with one made at the same moment elsewhere."""


def default_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("kamplanner", appauthor=False)) / "kamplanner.db"


def resolve_url(path_or_url: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from --db, then KAMPLANNER_DB, then the user's data directory."""
    chosen = str(path_or_url) if path_or_url else os.environ.get(ENV_VAR) or str(default_path())
    if "://" in chosen:
        from sqlalchemy import exc as sa_exc
        from sqlalchemy.engine import make_url

        try:
            make_url(chosen)  # raises on a malformed URL, before anything is created
        except (sa_exc.ArgumentError, ValueError):
            raise BadDatabaseURL(chosen, "it is not a database URL") from None
        return chosen
    return SQLITE_PREFIX + str(Path(chosen).expanduser().resolve())


def safe_url(url: str) -> str:
    """The URL as it may be shown: the password masked, whatever else is wrong with it."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL too broken to parse is masked by hand
        scheme, sep, rest = url.partition("://")
        if not sep:
            return url
        credentials, at, host = rest.rpartition("@")
        if not at:
            return url
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"


def sqlite_file(url: str) -> Path | None:
    """The SQLite file a URL names; None for a server database or an in-memory one."""
    rest = url[len(SQLITE_PREFIX) :] if url.startswith(SQLITE_PREFIX) else None
    if rest and rest != ":memory:" and not any(c in rest for c in "%?"):
        return Path(rest)  # what resolve_url made of a path: nothing in it for a URL parser to undo
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)
