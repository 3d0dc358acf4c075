"""Rolling backups of a local database, made with SQLite's online backup API.

They live in a folder beside the database (``kamplanner.db`` → ``kamplanner-backups/``), one
file each, named by the moment they were made (UTC) and why. A backup is made before every
migration, and after a command or an app session that changed the database when the newest
one is over an hour old; those of the last N days are kept (N in that folder's
``settings.json``, set in Preferences), and never fewer than the newest few. A damaged
database is never backed up, so a good backup is never pushed out by a bad one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .database import Database, DatabaseDamaged, DatabaseError, first_line

DEFAULT_KEEP_DAYS = 14
ALWAYS_KEEP = 3  # the newest backups are kept whatever their age
MAX_AGE = dt.timedelta(hours=1)
SETTINGS = "settings.json"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}T\d{6}(?:\d{3})?Z)(?:-(?P<reason>[a-z0-9-]+))?\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-backups")


def _db_path(db: Database) -> Path:
    path = db.path
    if path is None:
        raise DatabaseError("backups are kept for a local database file only; back up a server with its own tools")
    return path


def list_backups(db: Database) -> list[Backup]:
    """The backups of this database, newest first."""
    path = _db_path(db)
    found = []
    where = folder(path)
    if not where.is_dir():
        return []
    for entry in where.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != path.stem or not entry.is_file():
            continue
        stamp = match["at"]
        fmt = "%Y%m%dT%H%M%S%fZ" if len(stamp) == 19 else "%Y%m%dT%H%M%SZ"
        made = dt.datetime.strptime(stamp[:-1] + ("000" if len(stamp) == 19 else "") + "Z", fmt).replace(tzinfo=dt.UTC)
        found.append(Backup(entry, made, match["reason"] or "", entry.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.name), reverse=True)


def keep_days(db: Database) -> int:
    try:
        data = json.loads((folder(_db_path(db)) / SETTINGS).read_text("utf-8"))
        days = int(data["keep_days"])
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_KEEP_DAYS
    return days if 1 <= days <= 3650 else DEFAULT_KEEP_DAYS


def set_keep_days(db: Database, days: int) -> None:
    if not 1 <= days <= 3650:
        raise ValueError(f"backups are kept from 1 to 3650 days, not {days}")
    where = folder(_db_path(db))
    where.mkdir(parents=True, exist_ok=True)
    target = where / SETTINGS
    tmp = where / f".{SETTINGS}.tmp"
    tmp.write_text(json.dumps({"keep_days": days}) + "\n", "utf-8")
    tmp.replace(target)


def _check(path: Path) -> str | None:
    probe = Database(f"sqlite:///{path}", read_only=True)
    try:
        return probe.check()
    finally:
        probe.close()


def make_backup(db: Database, reason: str = "", now: dt.datetime | None = None) -> Path:
    """Copy the database, consistent, into the backup folder; refuses a damaged one."""
    path = _db_path(db)
    problem = db.damaged or _check(path)
    if problem:
        db.damaged = problem
        raise DatabaseDamaged(f"the database {path} is damaged ({problem}); it was not backed up")
    now = now or dt.datetime.now(dt.UTC)
    where = folder(path)
    where.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z"
    target = where / f"{path.stem}-{stamp}{'-' + reason if reason else ''}.db"
    tmp = where / f".{target.name}.tmp"
    try:
        with db._lock.held():  # noqa: SLF001 - the same lock the transactions take
            _copy(path, tmp)
        tmp.replace(target)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"cannot back up {path}: {first_line(exc)}") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"cannot back up {path} into {where}: {exc.strerror}") from None
    return target


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def maybe_backup(db: Database, now: dt.datetime | None = None) -> Path | None:
    """After work that changed the database: a backup when the newest is over an hour old or
    there is none, then the old ones pruned. Never raises: a failed backup is logged."""
    import logging

    if db.path is None or not db.changed or db.read_only:
        return None
    now = now or dt.datetime.now(dt.UTC)
    try:
        existing = list_backups(db)
        if existing and now - existing[0].made_at < MAX_AGE:
            return None
        made = make_backup(db, now=now)
        prune(db, now=now)
        return made
    except (DatabaseError, OSError) as exc:
        logging.getLogger(__name__).warning("no backup made: %s", exc)
        return None


def prune(db: Database, now: dt.datetime | None = None) -> list[Path]:
    """Remove backups older than the days kept, never the newest ALWAYS_KEEP; returns what went."""
    now = now or dt.datetime.now(dt.UTC)
    cutoff = now - dt.timedelta(days=keep_days(db))
    removed = []
    for backup in list_backups(db)[ALWAYS_KEEP:]:
        if backup.made_at < cutoff:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def find(db: Database, name: str) -> Backup:
    """A backup by its file name (or a path to it)."""
    for backup in list_backups(db):
        if name in (backup.name, str(backup.path)) or Path(name).name == backup.name:
            return backup
    raise DatabaseError(f"no backup named {name!r} in {folder(_db_path(db))}; 'kamplanner backups' lists them")


def restore(db: Database, backup: Backup, now: dt.datetime | None = None) -> Path:
    """Bring a backup back as the database; the current file is kept aside first (as a backup
    named ...-before-restore.db). Returns where the current file was kept."""
    path = _db_path(db)
    problem = _check(backup.path)
    if problem:
        raise DatabaseDamaged(f"the backup {backup.name} is damaged ({problem}); it was not restored")
    now = now or dt.datetime.now(dt.UTC)
    where = folder(path)
    stamp = now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z"
    aside = where / f"{path.stem}-{stamp}-before-restore.db"
    db.close()
    with db._lock.held():  # noqa: SLF001 - no kamplanner transaction runs while the file changes
        if db.damaged or _check(path):
            # A damaged file cannot take part in an online backup: keep its bytes, replace it.
            shutil.copy2(path, aside)
            tmp = path.with_name(f".{path.name}.restore")
            shutil.copy2(backup.path, tmp)
            for companion in (path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm")):
                companion.unlink(missing_ok=True)
            os.replace(tmp, path)
        else:
            _copy(path, aside)
            # Written page by page under SQLite's locks into the same file, so a process that
            # has it open reads the restored content, never a file that is no longer there.
            _copy(backup.path, path)
    db.clear_damage()
    db._identity = None  # noqa: SLF001 - the file at the path may be a new one
    return aside
