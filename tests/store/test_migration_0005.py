"""Migration 0005: accounts and plans get UUIDs, the change log is added; every row stays."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import MetaData, insert, text

from kamplanner.domain import planfile, values
from kamplanner.domain.cycle import Decision, cycle_to_json
from kamplanner.domain.model import Phase
from kamplanner.domain.template import TEMPLATE
from kamplanner.services import Portfolio
from kamplanner.store.database import HEAD_REVISION, Database, resolve_url
from tests.conftest import SERVER_URL, empty_server_database, sqlite_only

JAN, FEB = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "plans"


def demo_database_at_0002(path: Path) -> list:
    """A database as release 0002 left it, holding the demo portfolio: its rows written with the
    tables as they were then (reflected from the file), not with today's models."""
    db = Database(resolve_url(path))
    plans = fill_at(db, "0002")
    db.close()
    return plans


def fill_at(db: Database, revision: str) -> list:
    """Migrate ``db`` to ``revision`` and write the demo portfolio into its tables as they are then."""
    db.migrate(revision)
    plans = [planfile.loads_with_cycle(p.read_bytes()) for p in sorted(DEMO.glob("*.json"))]
    tables = MetaData()
    with db.engine.begin() as connection:
        tables.reflect(connection)
        t = tables.tables
        for plan_id, (plan, cycle) in enumerate(plans, start=1):
            a = plan.account
            connection.execute(
                insert(t["account"]).values(
                    id=plan_id,
                    name=a.name,
                    tier=a.tier.value,
                    industry=a.industry,
                    region=a.region,
                    scope=a.scope.value,
                    customer_since=a.customer_since,
                    annual_revenue=a.annual_revenue,
                    manager=a.manager,
                    created_at=JAN,
                )
            )
            connection.execute(
                insert(t["plan"]).values(
                    id=plan_id,
                    account_id=plan_id,
                    year=plan.year,
                    language=plan.language,
                    version=plan.version,
                    phase=int(plan.phase),
                    currency=plan.currency,
                    completeness=50,
                    created_at=JAN,
                    updated_at=FEB,
                )
            )
            for field, text in plan.prose.items():
                connection.execute(insert(t["prose"]).values(plan_id=plan_id, field=field, text=text))
            for field, rows in plan.tables.items():
                table = TEMPLATE.table(field)
                for position, row in enumerate(rows):
                    data = {
                        c.key: values.to_json(c, row.get(c.key)) for c in table.columns if row.get(c.key) is not None
                    }
                    connection.execute(
                        insert(t["record"]).values(
                            plan_id=plan_id, field=field, position=position, key=row.key, data=data
                        )
                    )
            connection.execute(insert(t["cycle"]).values(plan_id=plan_id, data=cycle_to_json(cycle)))
            approved = [r for r in cycle.reviews if r.decision is Decision.APPROVED and r.version == plan.version]
            if plan.phase is Phase.MONITORING and approved:
                connection.execute(
                    insert(t["signoff"]).values(
                        plan_id=plan_id,
                        version=plan.version,
                        fingerprint=planfile.fingerprint(plan),
                        reviewer=approved[-1].reviewer,
                        role=approved[-1].role,
                        date=approved[-1].date,
                        snapshot=planfile.dumps(plan),
                        created_at=FEB,
                    )
                )
    return plans


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        found = {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("account", "plan", "prose", "record", "cycle", "signoff")
        }
    con.close()
    return found


@sqlite_only
def test_a_0002_database_with_the_demo_portfolio_keeps_every_row_and_gets_identities(tmp_path):
    path = tmp_path / "0002.db"
    plans = demo_database_at_0002(path)
    before = counts(path)
    assert before["plan"] == len(plans) == 4 and before["signoff"] >= 1 and before["record"] > 50

    db = Database.open(path)
    try:
        assert db.revision() == HEAD_REVISION == "0008"
        portfolio = Portfolio(db)
        for plan_id, (plan, cycle) in enumerate(plans, start=1):
            loaded = portfolio.load_plan(plan_id)
            assert planfile.canonical_bytes(loaded) == planfile.canonical_bytes(plan)
            assert portfolio.load_cycle(plan_id).events == cycle.events
            assert portfolio.history(plan_id) == []  # nothing was logged before the log existed
        (signed,) = [s for s in portfolio.list_plans() if portfolio.load_cycle(s.id).signoffs]
        signoff = portfolio.load_cycle(signed.id).signoffs[-1]
        assert signoff.fingerprint == portfolio.fingerprint(signed.id)  # UUIDs are not content
        # every account and plan got its own UUID
        uuids = [portfolio.load_plan(i).uuid for i in range(1, 5)]
        uuids += [a.uuid for a in portfolio.list_accounts()]
        assert len(set(uuids)) == 8 and all(u and len(u) == 36 for u in uuids)
    finally:
        db.close()
    assert counts(path) == before
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("select count(*) from changes").fetchone()[0] == 0
        assert con.execute("select count(*) from plan where uuid is null").fetchone()[0] == 0
    con.close()


@sqlite_only
def test_0005_downgrades_to_0004_keeping_every_row(tmp_path):
    from alembic import command

    from kamplanner.store.migrate import alembic_config

    path = tmp_path / "down.db"
    demo_database_at_0002(path)
    before = counts(path)
    db = Database.open(path)
    Portfolio(db).set_step(1, "gather", True)  # a change-log entry for the downgrade to drop
    config = alembic_config(db)
    with db.engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        connection.commit()
    db.close()
    assert counts(path) == before
    with sqlite3.connect(path) as con:
        assert "uuid" not in [row[1] for row in con.execute("pragma table_info(plan)")]
        assert con.execute("select name from sqlite_master where name = 'changes'").fetchall() == []
    con.close()


def test_the_upgrade_from_0002_keeps_every_row_on_the_database_in_use(tmp_path):
    """On SQLite, and on PostgreSQL when KAMPLANNER_TEST_DB_URL names one."""
    if SERVER_URL:
        db = Database(SERVER_URL)
        empty_server_database(db)
    else:
        db = Database(resolve_url(tmp_path / "0002.db"))
    try:
        plans = fill_at(db, "0002")
        tables = ("account", "plan", "prose", "record", "cycle", "signoff")

        def rows() -> dict[str, int]:
            with db.engine.connect() as connection:
                return {t: connection.execute(text(f"select count(*) from {t}")).scalar() for t in tables}

        before = rows()
        db.migrate()
        assert db.revision() == HEAD_REVISION and rows() == before
        portfolio = Portfolio(db)
        for plan_id, (plan, _) in enumerate(plans, start=1):
            assert planfile.canonical_bytes(portfolio.load_plan(plan_id)) == planfile.canonical_bytes(plan)
        with db.engine.connect() as connection:
            for table in ("account", "plan"):
                found = connection.execute(text(f"select count(distinct uuid), count(*) from {table}")).one()
                assert tuple(found) == (len(plans), len(plans))
    finally:
        db.close()
