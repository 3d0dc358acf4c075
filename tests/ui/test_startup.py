"""A start shows the window before the database library and the editor are loaded, then opens
the portfolio in it; a database that cannot be opened is explained in the window, not lost on
a terminal nobody sees."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from kamplanner.services import Portfolio

DRIVER = Path(__file__).with_name("startup_driver.py")


def start(tmp_path: Path, *args: str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if k != "KAMPLANNER_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, str(DRIVER), *args], env=env, capture_output=True, text=True, timeout=120)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return result.returncode, lines, result.stderr


def test_the_window_is_shown_before_the_database_is_opened_then_the_last_plan_opens(tmp_path):
    code, lines, err = start(tmp_path, "--db", str(tmp_path / "客户 plans.db"))
    assert code == 0, err
    shown, ready = lines
    assert shown["moment"] == "shown" and shown["visible"] and not shown["built"]
    assert shown["loaded"] == []  # neither SQLAlchemy, nor the use cases, nor the editor yet
    assert ready["moment"] == "ready" and ready["built"]
    assert ready["plan"] and ready["title"].startswith(ready["plan"])  # the demo portfolio's first plan
    assert "sqlalchemy" in ready["loaded"]


def test_a_start_as_someone_shows_the_window_first_too(tmp_path):
    # --as with a role and the gui command are a plain start too: the window still comes first.
    code, lines, err = start(tmp_path, "--db", str(tmp_path / "p.db"), "--as", "王伟:senior-manager", "gui")
    assert code == 0, err
    assert lines[0]["loaded"] == [] and lines[-1]["plan"]
    assert lines[-1]["actor"] == ["王伟", "senior_manager"]


def test_a_database_that_cannot_be_opened_is_explained_in_the_window(tmp_path):
    demo_db = tmp_path / "newer.db"
    portfolio = Portfolio.open(str(demo_db))
    portfolio.add_demo()
    portfolio.db.close()
    with sqlite3.connect(demo_db) as con:
        con.execute("update alembic_version set version_num = '0099'")
    before = demo_db.read_bytes()
    code, lines, err = start(tmp_path, "--db", str(demo_db))
    assert code == 1
    moments = [line["moment"] for line in lines]
    assert moments == ["shown", "message"]
    message = lines[1]
    assert message["title"] == "Cannot open the database"
    assert "newer kamplanner (schema 0099)" in message["text"]
    assert "newer kamplanner (schema 0099)" in err and "Traceback" not in err
    assert demo_db.read_bytes() == before
