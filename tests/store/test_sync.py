"""Two laptops and one team server: plans edited offline on both merge field by field; the same
field becomes a conflict with both values kept; a sync killed with SIGKILL halfway and run again
ends consistent; a signed-off version stays identical everywhere.

Runs when KAMPLANNER_TEST_DB_URL names a PostgreSQL database (.ci/run starts one)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from kamplanner.domain import planfile
from kamplanner.domain.actor import Actor
from kamplanner.domain.edits import SetProse
from kamplanner.services import Portfolio
from kamplanner.store import sync_state
from kamplanner.store.database import Database
from kamplanner.sync import _content, sync
from tests.conftest import SERVER_URL
from tests.store.test_team_roles import plan_of, server, url_as  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server (KAMPLANNER_TEST_DB_URL)")

BANK = "浦瀚联合银行"  # 王立群's


@pytest.fixture
def laptops(server, tmp_path):  # noqa: F811
    """Two laptops of 王立群's, each with its own SQLite portfolio, both synced once."""
    _admin, connect = server
    made = []
    for name in ("a", "b"):
        laptop = Portfolio(Database.open(tmp_path / f"{name}.db"), Actor("王立群"))
        made.append(laptop)
    wang = connect("t_wang")
    for laptop in made:
        report = sync(laptop, wang)
        assert len(report.created_here) == 4
    yield made[0], made[1], wang
    for laptop in made:
        laptop.close()


def edit(portfolio, account, field, text_):
    plan_id = plan_of(portfolio, account).id
    plan = portfolio.load_plan(plan_id)
    portfolio.save_edits(plan_id, plan.version, [SetProse(field, plan.text(field), text_)])


def text_of(portfolio, account, field):
    return portfolio.load_plan(plan_of(portfolio, account).id).text(field)


def same_everywhere(*portfolios) -> None:
    """Every plan's content, phase and sign-offs are the same on each side."""
    seen = []
    for portfolio in portfolios:
        state = {}
        for summary in portfolio.list_plans():
            plan = portfolio.load_plan(summary.id)
            cycle = portfolio.load_cycle(summary.id)
            signed = [(s.version, s.fingerprint, s.snapshot) for s in cycle.signoffs]
            state[plan.uuid] = (_content(plan), int(plan.phase), signed)
        seen.append(state)
    assert all(s == seen[0] for s in seen[1:])


def test_two_laptops_edit_one_plan_offline_and_different_fields_merge(laptops):
    a, b, wang = laptops
    edit(a, BANK, "summary.risks", "A 的风险")
    edit(b, BANK, "summary.objectives", "B 的目标")
    assert sync(a, wang).pushed == [f"{BANK} 2026"]
    report = sync(b, wang)
    assert report.pushed == [f"{BANK} 2026"] and report.conflicts == []
    sync(a, wang)
    for side in (a, b, wang):
        assert text_of(side, BANK, "summary.risks") == "A 的风险"
        assert text_of(side, BANK, "summary.objectives") == "B 的目标"
    same_everywhere(a, b, wang)
    assert sync(a, wang).changed is False  # in sync: nothing to do


def test_the_same_field_changed_on_both_is_a_conflict_with_both_values_kept(laptops):
    a, b, wang = laptops
    edit(a, BANK, "summary.strategy", "A 的策略")
    edit(b, BANK, "summary.strategy", "B 的策略")
    sync(a, wang)
    report = sync(b, wang)
    assert report.conflicts == [(f"{BANK} 2026", "summary.strategy")]
    assert text_of(wang, BANK, "summary.strategy") == "A 的策略"  # the server keeps the first
    assert text_of(b, BANK, "summary.strategy") == "A 的策略"
    with b.db.reading() as session:
        (kept,) = sync_state.conflicts(session)
        assert (kept.place, kept.mine, kept.theirs) == ("summary.strategy", "B 的策略", "A 的策略")
    sync(a, wang)
    same_everywhere(a, b, wang)


def test_a_signed_off_version_stays_identical_everywhere(laptops):
    a, b, wang = laptops
    edit(a, BANK, "summary.risks", "签批之后的修改")  # a later edit makes a new version; the signed one stays
    sync(a, wang)
    sync(b, wang)
    same_everywhere(a, b, wang)
    bank = plan_of(wang, BANK).id
    (signed,) = wang.load_cycle(bank).signoffs[-1:]
    for laptop in (a, b):
        mine = laptop.load_cycle(plan_of(laptop, BANK).id).signoffs[-1]
        assert (mine.fingerprint, mine.snapshot) == (signed.fingerprint, signed.snapshot)
        assert planfile.fingerprint(laptop.signed_plan(mine)) == signed.fingerprint


def test_a_plan_deleted_on_one_side_is_deleted_on_the_other(laptops):
    a, b, wang = laptops
    prep = "安澜人寿保险股份有限公司"  # 刘子涵's: 王立群 may not delete it; a new one of his may
    plan = a.load_plan(plan_of(a, BANK).id)
    a.duplicate_plan(plan_of(a, BANK).id, 2030)
    sync(a, wang)
    sync(b, wang)
    assert any(s.year == 2030 for s in wang.list_plans())
    b.delete_plan(copy_in(b, plan.account.name, 2030))
    assert sync(b, wang).deleted_there == [f"{BANK} 2030"]
    assert sync(a, wang).deleted_here == [f"{BANK} 2030"]
    assert not any(s.year == 2030 for s in a.list_plans())
    assert plan_of(a, prep)  # someone else's plan is still there


def copy_in(portfolio, account, year):
    return next(s.id for s in portfolio.list_plans() if s.account == account and s.year == year)


def test_a_sync_killed_halfway_and_run_again_ends_consistent(laptops, tmp_path):
    a, _b, wang = laptops
    # Thirty plans made offline: the sync pushes them one by one, and is killed among them.
    template = a.load_plan(plan_of(a, BANK).id)
    for n in range(30):
        plan = template.copy()
        plan.uuid = plan.account.uuid = None
        plan.account.name = f"离线客户 {n:02d}"
        plan.year = 2027
        plan.phase = plan.phase.__class__(2)
        a.import_json(planfile.dumps(plan))
    a_path = str(a.db.path)
    a.close()
    env = {**os.environ, "PGPASSWORD": "pw-t_wang"}
    with wang.db.engine.connect() as connection:
        before = connection.execute(text("SELECT count(*) FROM plan")).scalar()
    process = subprocess.Popen(
        [sys.executable, "-m", "kamplanner", "--db", a_path, "--as", "王立群", "sync", "--server", url_as("t_wang")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with wang.db.engine.connect() as connection:
            if connection.execute(text("SELECT count(*) FROM plan")).scalar() >= before + 5:
                break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with wang.db.engine.connect() as connection:
        pushed = connection.execute(text("SELECT count(*) FROM plan")).scalar() - before
    assert 5 <= pushed < 30, f"the kill came too late to test anything ({pushed} pushed)"

    again = Portfolio(Database.open(a_path), Actor("王立群"))
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kamplanner",
                "--db",
                a_path,
                "--as",
                "王立群",
                "sync",
                "--server",
                url_as("t_wang"),
                "--json",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        done = json.loads(result.stdout)
        assert done["conflicts"] == [] and done["waiting"] == []
        with wang.db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM plan")).scalar() == before + 30
        same_everywhere(again, wang)
        assert sync(again, wang).changed is False
    finally:
        again.close()
