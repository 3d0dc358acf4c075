import json
import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from kamplanner.domain import planfile
from kamplanner.services import Portfolio
from kamplanner.store.database import HEAD_REVISION, MIGRATIONS, Database, resolve_url
from kamplanner.store.migrate import alembic_config
from kamplanner.store.models import Base
from tests.conftest import sqlite_only
from tests.factories import full_plan


def test_head_constant_is_the_newest_migration(db):
    script = ScriptDirectory.from_config(alembic_config(db))
    assert script.get_current_head() == HEAD_REVISION
    assert MIGRATIONS.is_dir()


@sqlite_only
def test_an_empty_database_is_upgraded_to_the_schema_the_code_expects(tmp_path):
    db = Database(resolve_url(tmp_path / "fresh.db"))
    assert db.revision() is None
    db.migrate()
    assert db.revision() == HEAD_REVISION
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


@sqlite_only
def test_a_database_at_the_first_revision_keeps_its_data_through_every_upgrade(tmp_path):
    # A database as the first release left it: schema 0001, rows written with plain SQL as that
    # release wrote them (the current code would also write tables 0001 does not have).
    path = tmp_path / "old.db"
    db = Database(resolve_url(path))
    db.migrate("0001")
    db.close()
    plan = full_plan()
    with sqlite3.connect(path) as con:
        con.execute(
            "insert into account (id, name, tier, industry, region, scope, customer_since, annual_revenue, manager, created_at)"
            " values (1, ?, 'key', '银行', '华东', 'national', 2015, 8600, '王立群', '2026-01-01 00:00:00')",
            (plan.account.name,),
        )
        con.execute(
            "insert into plan (id, account_id, year, language, version, phase, currency, completeness, created_at, updated_at)"
            " values (1, 1, 2027, 'zh_CN', 3, 2, '万元', 100, '2026-01-01 00:00:00', '2026-02-01 00:00:00')"
        )
        for field, text in plan.prose.items():
            con.execute("insert into prose (plan_id, field, text) values (1, ?, ?)", (field, text))
        for field, rows in plan.tables.items():
            for position, row in enumerate(rows):
                data = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.values.items()}
                con.execute(
                    "insert into record (plan_id, field, position, key, data) values (1, ?, ?, ?, ?)",
                    (field, position, row.key, json.dumps(data, ensure_ascii=False)),
                )
    con.close()

    db = Database.open(path)
    try:
        assert db.revision() == HEAD_REVISION
        portfolio = Portfolio(db)
        loaded = portfolio.load_plan(1)
        assert planfile.canonical_bytes(loaded) == planfile.canonical_bytes(plan)
        assert portfolio.load_cycle(1).signoffs == []
        (summary,) = portfolio.list_plans()
        assert summary.version == 3 and summary.completeness == 100
    finally:
        db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        assert con.execute("select count(*) from record").fetchone()[0] == sum(len(r) for r in plan.tables.values())


@sqlite_only
def test_upgrading_with_foreign_keys_on_does_not_cascade_away_children(tmp_path):
    path = tmp_path / "fk.db"
    db = Database(resolve_url(path))
    db.migrate("0001")
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into account (id, name, tier, industry, region, scope, manager, created_at)"
            " values (1, 'A', 'key', '', '', 'national', '', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "insert into plan (id, account_id, year, language, version, phase, currency, completeness, created_at, updated_at)"
            " values (1, 1, 2027, 'en', 1, 1, 'x', 0, '2026-01-01', '2026-01-01')"
        )
        connection.exec_driver_sql("insert into prose (plan_id, field, text) values (1, 'summary.risks', 'keep me')")
    db.migrate()
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("select text from prose").scalar() == "keep me"
        assert connection.exec_driver_sql("pragma foreign_keys").scalar() == 1
    db.close()
