"""The database keeps what it says it keeps: stray opens, other processes, damage, backups, races."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.edits import SetProse
from kamplanner.services import Portfolio
from kamplanner.store import backups
from kamplanner.store.database import Database, DatabaseDamaged, DatabaseError, safe_url
from tests.conftest import SERVER_URL, sqlite_only
from tests.factories import full_plan

FIELD = "summary.strategy"


def other_process(db_path, code: str) -> str:
    """Run Python code in another process with ``db`` open on the same file; its stdout."""
    script = (
        "import sys\n"
        "from kamplanner.store.database import Database\n"
        "from kamplanner.services import Portfolio\n"
        f"db = Database.open({str(db_path)!r}); portfolio = Portfolio(db)\n" + code + "\ndb.close()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def read_prose_elsewhere(db_path, plan_id: int) -> str:
    return other_process(db_path, f"print(portfolio.load_plan({plan_id}).prose.get({FIELD!r}, ''))").strip()


@sqlite_only
def test_a_stray_open_and_close_of_the_file_loses_no_later_save(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    version = portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "first")])
    # What a file dialog does when it shows the folder: open the database file and close it.
    with open(db_path, "rb") as stray:
        stray.read(16)
    os.close(os.open(db_path, os.O_RDONLY))
    # Another process opens the database and closes it again (a command, a second window).
    other_process(db_path, "portfolio.list_plans()")
    portfolio.save_edits(plan_id, version, [SetProse(FIELD, "first", "second, after the stray open")])
    assert read_prose_elsewhere(db_path, plan_id) == "second, after the stray open"
    assert not (db_path.with_name(db_path.name + "-wal")).exists()


@sqlite_only
def test_a_save_into_a_file_that_is_no_longer_the_database_is_refused_loudly(portfolio, db_path, tmp_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    copy = tmp_path / "copy.db"
    shutil.copy(db_path, copy)
    os.replace(copy, db_path)  # another program put another file in its place
    with pytest.raises(DatabaseError, match="could not be confirmed"):
        portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "lost?")])
    # The next save works on the file that is there now, and is confirmed.
    portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "kept")])
    assert read_prose_elsewhere(db_path, plan_id) == "kept"


@sqlite_only
def test_a_database_removed_while_open_is_not_created_again_empty(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    portfolio.db.close()
    db_path.unlink()
    with pytest.raises(DatabaseError, match="not there"):
        portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "x")])
    assert not db_path.exists()


def _flip_bytes(path, start: int, count: int) -> None:
    with open(path, "r+b") as f:
        f.seek(start)
        data = bytearray(f.read(count))
        f.seek(start)
        f.write(bytes(b ^ 0x5A for b in data))


def _damaged_copy(tmp_path) -> tuple:
    path = tmp_path / "damaged.db"
    db = Database.open(path)
    Portfolio(db).add_demo()
    db.close()
    page = sqlite3.connect(path).execute("pragma page_size").fetchone()[0]
    # A garbled B-tree page in the middle of the file.
    _flip_bytes(path, page * 5, 200)
    _flip_bytes(path, page * 9 + 8, 64)
    return path, path.read_bytes()


@sqlite_only
def test_a_damaged_database_is_opened_read_only_and_never_written(tmp_path):
    path, before = _damaged_copy(tmp_path)
    with sqlite3.connect(path) as con, pytest.raises(sqlite3.DatabaseError, match="malformed"):
        assert con.execute("pragma integrity_check").fetchone()[0] != "ok"
    db = Database.open(path)
    assert db.damaged and db.read_only
    with pytest.raises(DatabaseDamaged, match="damaged"):
        Portfolio(db).import_json(planfile.dumps(full_plan(year=2031)))
    with pytest.raises(DatabaseDamaged):
        backups.make_backup(db)
    db.close()
    assert path.read_bytes() == before


@sqlite_only
def test_a_healthy_database_passes_the_check(db):
    assert db.check() is None and not db.read_only


@sqlite_only
def test_backups_are_made_listed_pruned_and_restored(portfolio, db_path):
    db = portfolio.db
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.save_edits(plan_id, portfolio.load_plan(plan_id).version, [SetProse(FIELD, "", "v1")])
    t0 = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    first = backups.maybe_backup(db, now=t0)
    assert first is not None and first.parent == db_path.with_name("plans-backups")
    assert backups.maybe_backup(db, now=t0 + dt.timedelta(minutes=20)) is None  # the newest is recent
    portfolio.save_edits(plan_id, version, [SetProse(FIELD, "v1", "v2: after the backup")])
    later = [backups.maybe_backup(db, now=t0 + dt.timedelta(days=d, hours=2)) for d in range(1, 6)]
    assert all(later)
    listed = backups.list_backups(db)
    assert [b.path for b in listed] == sorted([first, *later], reverse=True)

    backups.set_keep_days(db, 2)
    removed = backups.prune(db, now=t0 + dt.timedelta(days=5, hours=3))
    assert first in removed and len(backups.list_backups(db)) == 3  # the newest three stay whatever their age

    # Restore the oldest one left (day 3): it has v2, saved before it was made.
    chosen = backups.find(db, backups.list_backups(db)[-1].name)
    assert chosen.path == later[2]
    aside = backups.restore(db, chosen)
    assert aside.exists() and "before-restore" in aside.name
    assert Portfolio(db).load_plan(plan_id).prose[FIELD] == "v2: after the backup"
    with sqlite3.connect(aside) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"


@sqlite_only
def test_a_migration_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.db"
    db = Database(f"sqlite:///{path}")
    db.migrate("0001")
    db.close()
    db = Database.open(path)
    (made,) = backups.list_backups(db)
    assert made.reason.startswith("before-")
    db.close()


@sqlite_only
def test_a_restore_reaches_a_process_that_has_the_database_open(portfolio, db_path):
    db = portfolio.db
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    made = backups.make_backup(db)
    version = portfolio.load_plan(plan_id).version
    portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "after the backup")])
    other_process(
        db_path, f"from kamplanner.store import backups; backups.restore(db, backups.find(db, {made.name!r}))"
    )
    assert portfolio.load_plan(plan_id).prose.get(FIELD, "") != "after the backup"


def test_concurrent_cycle_changes_are_never_lost(portfolio):
    """Threads tick steps of one plan at once: every tick is kept (PostgreSQL and SQLite)."""
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    from kamplanner.domain.cycle import STEP_KEYS

    errors: list[BaseException] = []

    def tick(step: str) -> None:
        try:
            own = Portfolio(portfolio.db)
            for _ in range(5):
                own.set_step(plan_id, step, True)
                own.set_step(plan_id, step, False)
            own.set_step(plan_id, step, True)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=tick, args=(step,)) for step in STEP_KEYS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(portfolio.load_cycle(plan_id).steps.get(step) for step in STEP_KEYS)


@sqlite_only
def test_commands_in_several_processes_at_once_lose_no_step_and_print_no_traceback(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    from kamplanner.domain.cycle import STEP_KEYS

    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "kamplanner", "--db", str(db_path), "step", str(plan_id), step],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for step in STEP_KEYS
    ]
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert all(rc == 0 for _, _, rc in results), results
    assert not any("Traceback" in err for _, err, _ in results)
    assert all(portfolio.load_cycle(plan_id).steps.get(step) for step in STEP_KEYS)


def test_urls_are_shown_without_their_password():
    assert "secretpw" not in safe_url("postgresql+psycopg://u:secretpw@db.example:5432/kam")
    assert "secretpw" not in safe_url("postgresql://u:secretpw@host:notaport/db")


@pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server")
def test_a_refused_connection_names_the_server_not_the_password():
    from sqlalchemy.engine import make_url

    url = make_url(SERVER_URL).set(password="secretpw", username="nobody_here")
    db = Database(url.render_as_string(hide_password=False))
    with pytest.raises(DatabaseError) as caught:
        db.revision()
    assert "secretpw" not in str(caught.value) and "Background" not in str(caught.value)


@sqlite_only
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_commit_into_a_deleted_companion_file_is_not_reported_as_saved(portfolio, db_path):
    """What WAL mode did after a stray close: this process kept writing a -wal another deleted."""
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    wal = db_path.with_name(db_path.name + "-wal")
    held = open(wal, "wb")  # noqa: SIM115 - held open across the deletion on purpose
    try:
        wal.unlink()
        with pytest.raises(DatabaseError, match="deleted while open"):
            portfolio.save_edits(plan_id, version, [SetProse(FIELD, "", "where did it go?")])
    finally:
        held.close()


def test_racing_imports_of_one_plan_make_one_plan_and_clear_refusals(portfolio):
    from kamplanner.services import ConcurrentChange, Conflict

    text = planfile.dumps(full_plan())
    outcomes: list[object] = []

    def importing() -> None:
        try:
            outcomes.append(Portfolio(portfolio.db).import_json(text))
        except (Conflict, ConcurrentChange) as exc:
            outcomes.append(exc)
        except BaseException as exc:  # noqa: BLE001 - anything else is the failure this test looks for
            outcomes.append(("unexpected", exc))

    threads = [threading.Thread(target=importing) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(ids) == 1 and len(refused) == 7, outcomes
    assert all("\n" not in str(e) and "Background" not in str(e) and "INSERT" not in str(e) for e in refused)
    assert len(portfolio.list_plans()) == 1
