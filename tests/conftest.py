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


@pytest.fixture
def db(db_path):
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
