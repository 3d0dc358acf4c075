"""Migration 0003: a sign-off records the certificate it was made with; old sign-offs keep
every column and have none."""

from __future__ import annotations

import sqlite3

from kamplanner.services import Portfolio
from kamplanner.store.database import HEAD_REVISION, Database, resolve_url
from tests.conftest import sqlite_only


@sqlite_only
def test_a_sign_off_made_before_0003_is_kept_whole_with_no_certificate(tmp_path):
    path = tmp_path / "0002.db"
    db = Database(resolve_url(path))
    db.migrate("0002")
    db.close()
    with sqlite3.connect(path) as con:
        con.execute(
            "insert into account (id, name, tier, industry, region, scope, manager, created_at)"
            " values (1, 'A', 'key', '', '', 'national', '', '2026-01-01')"
        )
        con.execute(
            "insert into plan (id, account_id, year, language, version, phase, currency, completeness, created_at, updated_at)"
            " values (1, 1, 2027, 'en', 3, 4, 'x', 0, '2026-01-01', '2026-01-01')"
        )
        con.execute(
            "insert into signoff (id, plan_id, version, fingerprint, reviewer, role, date, snapshot, created_at)"
            " values (1, 1, 3, ?, 'Helen Zhou', 'VP Sales', '2026-02-03', '{}', '2026-02-03 10:00:00')",
            ("ab" * 32,),
        )
    con.close()

    db = Database.open(path)
    try:
        assert db.revision() == HEAD_REVISION
        ((plan_id, signoff),) = Portfolio(db).find_signoffs("ab" * 32)
        assert plan_id == 1 and signoff.version == 3 and signoff.reviewer == "Helen Zhou"
        assert signoff.role == "VP Sales" and signoff.date.isoformat() == "2026-02-03"
        assert signoff.certificate_sha256 is None and signoff.certificate_subject is None
    finally:
        db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma foreign_key_check").fetchall() == []
        columns = [row[1] for row in con.execute("pragma table_info(signoff)")]
        assert columns[-2:] == ["certificate_sha256", "certificate_subject"]
        assert con.execute("select count(*) from signoff").fetchone()[0] == 1
    con.close()


@sqlite_only
def test_0003_downgrades_to_0002_keeping_the_sign_off(tmp_path):
    from alembic import command

    from kamplanner.store.migrate import alembic_config

    path = tmp_path / "down.db"
    db = Database(resolve_url(path))
    db.migrate("0003")
    with db.engine.begin() as connection:
        connection.exec_driver_sql(
            "insert into account (id, name, tier, industry, region, scope, manager, created_at)"
            " values (1, 'A', 'key', '', '', 'national', '', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "insert into plan (id, account_id, year, language, version, phase, currency, completeness, created_at, updated_at)"
            " values (1, 1, 2027, 'en', 3, 4, 'x', 0, '2026-01-01', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "insert into signoff (plan_id, version, fingerprint, reviewer, role, date, snapshot, created_at,"
            " certificate_sha256, certificate_subject)"
            " values (1, 3, 'f', 'R', '', '2026-02-03', '{}', '2026-02-03', 'c', 'Common Name: R')"
        )
    config = alembic_config(db)
    with db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        connection.commit()
    db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("select version, reviewer from signoff").fetchall() == [(3, "R")]
        assert "certificate_sha256" not in [row[1] for row in con.execute("pragma table_info(signoff)")]
    con.close()
