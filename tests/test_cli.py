"""The command line, run as a user runs it: a new process on a real database file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

DEMO_PLANS = sorted((Path(__file__).resolve().parents[1] / "resources" / "demo" / "plans").glob("*.json"))


def kamplanner(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kamplanner", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def dump_db(path: Path) -> list:
    with sqlite3.connect(path) as con:
        return [
            (table, con.execute(f"select * from {table} order by id").fetchall())
            for table in ("account", "plan", "prose", "record")
        ]


def test_demo_then_list_json(tmp_path):
    db = tmp_path / "a.db"
    result = kamplanner("--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    listed = kamplanner("--db", str(db), "list", "--json")
    assert listed.returncode == 0, listed.stderr
    plans = json.loads(listed.stdout)
    assert len(plans) >= 4
    for plan in plans:
        assert {"id", "account", "year", "tier", "phase", "version", "completeness"} <= plan.keys()
    assert {p["phase"] for p in plans} == {"preparation", "development", "review", "monitoring"}
    full = [p for p in plans if p["completeness"] == 100]
    assert len(full) >= 3 and {p["tier"] for p in plans} == {"key"}
    again = kamplanner("--db", str(db), "demo")
    assert again.returncode == 0 and b"skipped" in again.stdout
    assert len(json.loads(kamplanner("--db", str(db), "list", "--json").stdout)) == len(plans)


def test_export_import_export_is_byte_identical_across_databases(tmp_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert kamplanner("--db", str(first), "demo").returncode == 0
    for plan in json.loads(kamplanner("--db", str(first), "list", "--json").stdout):
        exported = tmp_path / f"plan-{plan['id']}.json"
        assert kamplanner("--db", str(first), "export-json", str(plan["id"]), "-o", str(exported)).returncode == 0
        imported = kamplanner("--db", str(second), "import-json", str(exported))
        assert imported.returncode == 0, imported.stderr
        new_id = imported.stdout.strip()
        again = tmp_path / f"again-{new_id}.json"
        assert kamplanner("--db", str(second), "export-json", new_id, "-o", str(again)).returncode == 0
        assert again.read_bytes() == exported.read_bytes()


def test_demo_plan_files_are_exactly_what_the_app_writes(tmp_path):
    db = tmp_path / "a.db"
    for path in DEMO_PLANS:
        plan_id = kamplanner("--db", str(db), "import-json", str(path)).stdout.strip()
        out = kamplanner("--db", str(db), "export-json", plan_id, "-o", "-")
        assert out.stdout == path.read_bytes()


@pytest.mark.parametrize("damage", ["truncate", "mistype"])
def test_a_bad_file_exits_2_with_path_precise_messages_and_changes_nothing(tmp_path, damage):
    db = tmp_path / "a.db"
    assert kamplanner("--db", str(db), "demo").returncode == 0
    before = dump_db(db)
    text = DEMO_PLANS[0].read_text("utf-8")
    document = json.loads(text)
    if damage == "truncate":
        bad = text[: len(text) // 3]
        expected = ["$: not valid JSON", "was not imported (1 problem); nothing was written"]
    else:
        document["account"]["name"] = "A brand new account"
        document["sections"]["forecast"]["rows"][3]["revenue"] = "abc"
        document["sections"]["action_plan"]["actions"][2]["owner"] = 7
        bad = json.dumps(document, ensure_ascii=False)
        expected = [
            "sections.action_plan.actions[2].owner: expected a string, got 7",
            'sections.forecast.rows[3].revenue: expected a number, got "abc"',
            "was not imported (2 problems); nothing was written",
        ]
    path = tmp_path / "bad.json"
    path.write_text(bad, "utf-8")
    result = kamplanner("--db", str(db), "import-json", str(path))
    assert result.returncode == 2
    errors = result.stderr.decode()
    for message in expected[:-1]:
        assert f"{path}: {message}" in errors
    assert f"kamplanner: {path} {expected[-1]}" in errors
    assert result.stdout == b""
    assert dump_db(db) == before


def test_errors_go_to_stderr_with_non_zero_exit(tmp_path):
    db = tmp_path / "a.db"
    missing = kamplanner("--db", str(db), "export-json", "999", "-o", str(tmp_path / "x.json"))
    assert missing.returncode == 1 and b"no plan with id 999" in missing.stderr
    assert not (tmp_path / "x.json").exists()
    unreadable = kamplanner("--db", str(db), "import-json", str(tmp_path / "nope.json"))
    assert unreadable.returncode == 2 and b"cannot read" in unreadable.stderr
    usage = kamplanner("--db", str(db), "export-json")
    assert usage.returncode == 2 and b"usage:" in usage.stderr


def test_help_everywhere():
    for args in ([], ["demo"], ["list"], ["export-json"], ["import-json"]):
        result = kamplanner(*args, "--help")
        assert result.returncode == 0 and b"usage: kamplanner" in result.stdout


def test_the_database_can_come_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    assert kamplanner("demo", env={"KAMPLANNER_DB": str(db)}).returncode == 0
    assert db.exists()
    url = kamplanner("--db", f"sqlite:///{db}", "list", "--json")
    assert len(json.loads(url.stdout)) >= 3


def test_no_display_gives_a_clear_message_instead_of_an_abort(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(tmp_path / "a.db")],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert b"no display" in result.stderr and b"QT_QPA_PLATFORM=offscreen" in result.stderr
