import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from kamplanner.domain import planfile
from kamplanner.services import Portfolio
from kamplanner.store.database import HEAD_REVISION, MIGRATIONS, Database, resolve_url
from kamplanner.store.migrate import alembic_config
from kamplanner.store.models import Base
from tests.factories import full_plan


def test_head_constant_is_the_newest_migration(db):
    script = ScriptDirectory.from_config(alembic_config(db))
    assert script.get_current_head() == HEAD_REVISION
    assert MIGRATIONS.is_dir()


def test_an_empty_database_is_upgraded_to_the_schema_the_code_expects(tmp_path):
    db = Database(resolve_url(tmp_path / "fresh.db"))
    assert db.revision() is None
    db.migrate()
    assert db.revision() == HEAD_REVISION
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True})
        assert compare_metadata(context, Base.metadata) == []
    db.close()


def test_a_database_at_the_first_revision_keeps_its_data_through_every_upgrade(tmp_path):
    path = tmp_path / "old.db"
    db = Database(resolve_url(path))
    db.migrate("0001")
    text = planfile.dumps(full_plan())
    plan_id = Portfolio(db).import_json(text)
    db.close()

    db = Database.open(path)
    try:
        assert db.revision() == HEAD_REVISION
        assert Portfolio(db).export_json(plan_id) == text
    finally:
        db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
