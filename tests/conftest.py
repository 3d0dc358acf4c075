"""Shared fixtures: a real SQLite file per test, the offscreen Qt platform for GUI tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from kamplanner.services import Portfolio
from kamplanner.store.database import Database


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "plans.db"


# Set KAMPLANNER_TEST_DB_URL (e.g. postgresql+psycopg://postgres@/kam_test?host=/tmp&port=54329)
# to run the store tests on a server database instead of a SQLite file.
SERVER_URL = os.environ.get("KAMPLANNER_TEST_DB_URL")
sqlite_only = pytest.mark.skipif(bool(SERVER_URL), reason="looks inside the SQLite file")


def empty_server_database(database: Database) -> None:
    """Every table, function and policy gone (a team server's too): the database as created."""
    from sqlalchemy import text

    with database.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture
def db(db_path):
    if SERVER_URL:
        database = Database(SERVER_URL)
        empty_server_database(database)
        database.migrate()
    else:
        database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def portfolio(db):
    return Portfolio(db)


@pytest.fixture
def demo_portfolio(portfolio):
    portfolio.add_demo()
    return portfolio
