"""The command line on databases that are damaged, newer, foreign or busy, and its backups."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from kamplanner.app import main
from kamplanner.domain import planfile
from kamplanner.instance import InstanceLock
from tests.factories import full_plan


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_db(tmp_path, capsys):
    path = tmp_path / "plans.db"
    assert run(capsys, "--db", str(path), "demo")[0] == 0
    return path


def test_a_command_that_changed_the_database_leaves_a_backup_and_backups_lists_it(demo_db, capsys):
    code, out, _ = run(capsys, "--db", str(demo_db), "backups")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("plans-") and lines[0].split()[0].endswith(".db")
    assert (demo_db.parent / "plans-backups" / lines[0].split()[0]).is_file()


def test_restore_brings_a_backup_back_and_keeps_the_current_file(demo_db, tmp_path, capsys):
    name = run(capsys, "--db", str(demo_db), "backups")[1].split()[0]
    plan = tmp_path / "p.json"
    plan.write_text(planfile.dumps(full_plan(year=2031)), "utf-8")
    code, _, err = run(capsys, "--db", str(demo_db), "import-json", str(plan))
    assert code == 0, err
    before = run(capsys, "--db", str(demo_db), "list")[1]
    assert "2031" in before
    code, out, err = run(capsys, "--db", str(demo_db), "restore", name)
    assert code == 0, err
    assert "before-restore" in out
    assert "2031" not in run(capsys, "--db", str(demo_db), "list")[1]
    # The replaced file is a backup too: restoring it undoes the restore.
    aside = next(
        line.split()[0]
        for line in run(capsys, "--db", str(demo_db), "backups")[1].splitlines()
        if "before-restore" in line
    )
    assert run(capsys, "--db", str(demo_db), "restore", aside)[0] == 0
    assert "2031" in run(capsys, "--db", str(demo_db), "list")[1]


def test_restore_is_refused_while_the_app_has_the_database_open(demo_db, capsys):
    name = run(capsys, "--db", str(demo_db), "backups")[1].split()[0]
    lock = InstanceLock(demo_db)
    assert lock.acquire()
    try:
        code, _, err = run(capsys, "--db", str(demo_db), "restore", name)
    finally:
        lock.release()
    assert code == 1 and "open on" in err and "Traceback" not in err


def test_an_unknown_backup_is_named(demo_db, capsys):
    code, _, err = run(capsys, "--db", str(demo_db), "restore", "nosuch.db")
    assert code == 1 and "no backup named 'nosuch.db'" in err


def _damage(path) -> None:
    page = sqlite3.connect(path).execute("pragma page_size").fetchone()[0]
    with open(path, "r+b") as f:
        for start in (page * 4, page * 7 + 100):
            f.seek(start)
            data = bytearray(f.read(200))
            f.seek(start)
            f.write(bytes(b ^ 0xA5 for b in data))


def test_a_damaged_database_is_never_written_and_says_how_to_restore(demo_db, tmp_path, capsys):
    _damage(demo_db)
    before = demo_db.read_bytes()
    plan = tmp_path / "p.json"
    plan.write_text(planfile.dumps(full_plan(year=2031)), "utf-8")
    code, _, err = run(capsys, "--db", str(demo_db), "import-json", str(plan))
    assert code == 1
    assert "damaged" in err and "kamplanner restore" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", str(demo_db), "list")
    assert "damaged" in err and "Traceback" not in err
    assert demo_db.read_bytes() == before


def test_a_database_of_a_newer_kamplanner_is_refused_in_one_line(demo_db, capsys):
    with sqlite3.connect(demo_db) as con:
        con.execute("update alembic_version set version_num = '0099'")
    before = demo_db.read_bytes()
    code, _, err = run(capsys, "--db", str(demo_db), "list")
    assert code == 1
    assert "newer kamplanner (schema 0099)" in err and len(err.strip().splitlines()) == 1
    assert demo_db.read_bytes() == before


def test_a_database_that_is_not_kamplanners_is_refused(tmp_path, capsys):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("create table invoices (id integer)")
    code, _, err = run(capsys, "--db", str(path), "list")
    assert code == 1 and "not a kamplanner database" in err and "Traceback" not in err


def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    before = path.read_bytes()
    code, _, err = run(capsys, "--db", str(path), "list")
    assert code == 1 and "Traceback" not in err and "not a kamplanner database" in err
    assert path.read_bytes() == before


@pytest.mark.skipif(shutil.which("chattr") is None, reason="needs chattr")
def test_an_immutable_database_gives_one_line(demo_db, tmp_path, capsys):
    if subprocess.run(["chattr", "+i", str(demo_db)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable flag")
    try:
        plan = tmp_path / "p.json"
        plan.write_text(planfile.dumps(full_plan(year=2031)), "utf-8")
        code, _, err = run(capsys, "--db", str(demo_db), "import-json", str(plan))
        assert code == 1 and "Traceback" not in err and "read-only" in err
    finally:
        subprocess.run(["chattr", "-i", str(demo_db)], check=True)


def test_damage_the_integrity_check_cannot_see_is_remembered_and_nothing_is_written(demo_db, tmp_path, capsys):
    # Flipped bytes inside a value: the B-tree is sound, the data is not.
    with sqlite3.connect(demo_db) as con:
        plan_id = con.execute("select plan_id from record order by id limit 1").fetchone()[0]
        con.execute('update record set data = \'{"name": "Ka\' where id = (select min(id) from record)')
    assert sqlite3.connect(demo_db).execute("pragma quick_check").fetchone()[0] == "ok"
    code, _, err = run(capsys, "--db", str(demo_db), "export-json", str(plan_id), "-o", str(tmp_path / "x.json"))
    assert code == 1 and "damaged" in err and "Traceback" not in err
    before = demo_db.read_bytes()
    plan = tmp_path / "p.json"
    plan.write_text(planfile.dumps(full_plan(year=2031)), "utf-8")
    code, _, err = run(capsys, "--db", str(demo_db), "import-json", str(plan))
    assert code == 1 and "damaged" in err
    assert demo_db.read_bytes() == before
    # A restore makes it writable again.
    name = next(line.split()[0] for line in run(capsys, "--db", str(demo_db), "backups")[1].splitlines())
    assert run(capsys, "--db", str(demo_db), "restore", name)[0] == 0
    code, _, err = run(capsys, "--db", str(demo_db), "import-json", str(plan))
    assert code == 0, err


@pytest.mark.parametrize(
    "option", [["--start", "9999-12-31"], ["--weeks", "-5"], ["--weeks", "1000"], ["--review-date", "0001-01-01"]]
)
def test_prepare_refuses_dates_and_weeks_no_plan_can_hold(demo_db, capsys, option):
    before = demo_db.read_bytes()
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(demo_db), "prepare", "1", *option])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and option[0] in err and "Traceback" not in err
    assert demo_db.read_bytes() == before
