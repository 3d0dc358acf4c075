"""The editor in a process of its own: killed with SIGKILL it keeps what was typed; started
without a display it says so instead of aborting."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kamplanner.services import Portfolio
from kamplanner.store.database import Database

from .conftest import JADEWAVE, plan_id_named, send_back

ROOT = Path(__file__).resolve().parents[2]
HELPER = Path(__file__).with_name("edit_and_wait.py")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KAMPLANNER_DB"}
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def _wait_for_line(process: subprocess.Popen, wanted: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip() == wanted:
            return
        if not line and process.poll() is not None:
            raise AssertionError(f"the editor exited with {process.returncode}: {process.stderr.read()}")
    raise AssertionError(f"no {wanted!r} within {timeout} s")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_editor_keeps_every_edit_and_a_sound_database(tmp_path):
    db = tmp_path / "plans.db"
    portfolio = Portfolio(Database.open(db))
    portfolio.add_demo()
    plan_id = plan_id_named(portfolio, JADEWAVE)
    send_back(portfolio, plan_id)  # under review it is read-only for its account manager
    before = portfolio.load_plan(plan_id)
    portfolio.db.close()
    process = subprocess.Popen(
        [sys.executable, str(HELPER), str(db), str(tmp_path / "settings")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(QT_QPA_PLATFORM="offscreen"),
    )
    try:
        _wait_for_line(process, "edited", timeout=60)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    database = Database.open(db)
    try:
        after = Portfolio(database).load_plan(plan_id)
    finally:
        database.close()
    assert (
        after.text("summary.strategy")
        == before.text("summary.strategy") + " Written just before the process was killed."
    )
    rows = after.rows("strategy.opportunities")
    assert [r.key for r in rows[: len(before.rows("strategy.opportunities"))]] == [
        r.key for r in before.rows("strategy.opportunities")
    ]
    assert rows[-1].values == {"name": "Kill-safe deal", "value": 321.0, "probability": 45.0}
    assert after.version > before.version


def test_the_gui_command_starts_on_a_new_database_with_the_demo(tmp_path):
    db = tmp_path / "new.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "kamplanner", "--db", str(db), "gui"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path)),
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
            if db.exists():
                time.sleep(2.0)  # the window is up by now
                break
        assert process.poll() is None, process.stderr.read()
    finally:
        process.terminate()
        process.wait(timeout=10)
    database = Database.open(db)
    try:
        assert len(Portfolio(database).list_plans()) >= 3
    finally:
        database.close()


def test_without_a_display_the_gui_explains_instead_of_aborting(tmp_path):
    env = _env()
    for name in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(tmp_path / "x.db"), "gui"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr
    assert "QT_QPA_PLATFORM=offscreen" in result.stderr
    assert "Aborted" not in result.stderr and "could not connect to display" not in result.stderr


def test_a_stale_display_is_reported_like_no_display(tmp_path):
    env = _env(DISPLAY=":987")  # no X server has that number here
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "kamplanner", "--db", str(tmp_path / "x.db"), "gui"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb")
def test_on_a_real_x_server_the_window_opens_or_says_what_is_missing(tmp_path):
    env = _env(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("QT_QPA_PLATFORM", None)
    process = subprocess.Popen(
        ["xvfb-run", "-a", sys.executable, "-m", "kamplanner", "--db", str(tmp_path / "x.db"), "gui"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        code = process.wait(timeout=8)
    except subprocess.TimeoutExpired:
        code = None  # still running: the window is up
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # xvfb-run, its X server and the app
            process.wait(timeout=10)
    stderr = process.stderr.read()
    if code is not None:
        assert code == 2, stderr
        assert "Qt cannot open a window on this X11 display" in stderr and "apt install" in stderr
    assert "Aborted" not in stderr and "core dumped" not in stderr


SOAK = Path(__file__).with_name("soak_editor.py")
SOAK_KILLS = 30


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_at_random_moments_thirty_times_every_edit_shown_as_saved_is_in_a_sound_database(tmp_path):
    """The editor types and saves all the time; SIGKILL lands at a random moment, 30 times."""
    import random

    from tests.ui.soak_editor import FIELD, TABLE, TEXT

    db = tmp_path / "plans.db"
    portfolio = Portfolio(Database.open(db))
    portfolio.add_demo()
    plan_id = plan_id_named(portfolio, JADEWAVE)
    send_back(portfolio, plan_id)  # under review it is read-only for its account manager
    portfolio.db.close()
    chance = random.Random(20261202)
    runs_that_saved = 0
    for kill in range(SOAK_KILLS):
        database = Database.open(db)
        before = Portfolio(database).load_plan(plan_id)
        database.close()
        process = subprocess.Popen(
            [sys.executable, str(SOAK), str(db), str(tmp_path / "settings"), str(plan_id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(QT_QPA_PLATFORM="offscreen"),
        )
        try:
            _wait_for_line(process, "started", timeout=60)
            time.sleep(chance.uniform(0.05, 1.5))
        finally:
            os.kill(process.pid, signal.SIGKILL)
            out, err = process.communicate(timeout=10)
        assert process.returncode == -signal.SIGKILL, err
        saved = [line.split() for line in out.splitlines() if line.startswith("saved ")]
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"kill {kill}"
        database = Database.open(db)
        try:
            after = Portfolio(database).load_plan(plan_id)
        finally:
            database.close()
        text = after.text(FIELD)
        old = before.text(FIELD)
        assert text.startswith(old), f"kill {kill}: the text before this run was changed"
        typed = text[len(old) :]
        assert TEXT.startswith(typed), f"kill {kill}: {typed!r} is not what was typed"
        if saved:
            runs_that_saved += 1
            shown_typed, shown_counter = int(saved[-1][1]), int(saved[-1][2])
            # Everything the window last showed as Saved is there (a save may have landed after it).
            assert len(typed) >= shown_typed, f"kill {kill}: {len(typed)} typed in the file, {shown_typed} shown saved"
            if len(typed) == shown_typed:
                assert int(after.rows(TABLE)[0].get("probability") or 0) == shown_counter, f"kill {kill}"
    assert runs_that_saved >= SOAK_KILLS // 2  # most kills landed while saves were being shown
