"""Migration 0004: the index on the records' due dates is built over every row there is,
a damaged one included, and the dashboard reads the same items through it."""

from __future__ import annotations

import datetime as dt
import sqlite3

from kamplanner.services import Portfolio, portfolio_dashboard
from kamplanner.store.database import HEAD_REVISION, Database, resolve_url
from tests.conftest import sqlite_only


@sqlite_only
def test_a_database_with_a_damaged_record_is_upgraded_and_its_due_items_found(tmp_path):
    path = tmp_path / "0003.db"
    db = Database(resolve_url(path))
    db.migrate("0003")
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
        rows = [
            ("a1", '{"description": "call the CFO", "due": "2026-11-30", "status": "open"}'),
            ("a2", '{"description": "far ahead", "due": "2031-01-01"}'),
            ("a3", '{"description": "half a val'),  # cut off mid-value
        ]
        con.executemany(
            "insert into record (plan_id, field, position, key, data) values (1, 'action_plan.actions', ?, ?, ?)",
            [(n, key, data) for n, (key, data) in enumerate(rows)],
        )
    con.close()

    db = Database(resolve_url(path))
    try:
        db.migrate()
        assert db.revision() == HEAD_REVISION
        board = portfolio_dashboard(Portfolio(db), dt.date(2026, 11, 23))
        assert [d.what.en for d in board.upcoming if d.kind.value == "action"] == ["call the CFO"]
    finally:
        db.close()
    with sqlite3.connect(path) as con:
        assert con.execute("select count(*) from record").fetchone()[0] == 3
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
