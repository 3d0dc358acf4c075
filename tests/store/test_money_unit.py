"""The plan's money unit in the database: kept as written, changed by an edit, logged."""

from __future__ import annotations

import sqlite3

from kamplanner.domain import planfile
from kamplanner.domain.currency_change import change_unit
from kamplanner.domain.edits import flatten
from kamplanner.domain.model import Account
from kamplanner.domain.money import MoneyUnit
from kamplanner.services import Portfolio
from kamplanner.store.database import Database
from tests.conftest import sqlite_only
from tests.factories import full_plan


def test_an_old_plan_stored_as_wan_yuan_reads_as_cny_10k_and_keeps_its_text(portfolio):
    plan = full_plan()
    plan.currency = "万元"
    plan_id = portfolio.import_json(planfile.dumps(plan))
    loaded = portfolio.load_plan(plan_id)
    assert loaded.currency == "万元"  # its fingerprint is what it was
    assert loaded.money == MoneyUnit("CNY", 10_000)


def test_a_new_plan_is_stored_in_the_unit_chosen(portfolio):
    account_id = portfolio.add_account(Account("Contoso"))
    plan_id = portfolio.new_plan(account_id, 2027, "en", currency="USD k")
    assert portfolio.load_plan(plan_id).money == MoneyUnit("USD", 1_000)
    default = portfolio.new_plan(account_id, 2028, "en")
    assert portfolio.load_plan(default).currency == "CNY 10k"


@sqlite_only
def test_a_change_of_unit_reaches_the_database_with_its_figures_and_the_change_log(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    plan = portfolio.load_plan(plan_id)
    edit = change_unit(plan, MoneyUnit("CNY", 1_000_000))
    expected = plan.copy()
    edit.apply(expected)
    portfolio.save_edits(plan_id, plan.version, flatten([edit]))
    reopened = Database.open(db_path)
    try:
        again = Portfolio(reopened).load_plan(plan_id)
    finally:
        reopened.close()
    assert again.currency == "CNY m"
    assert again.tables == expected.tables
    with sqlite3.connect(db_path) as con:
        assert con.execute("select currency from plan where id = ?", (plan_id,)).fetchone()[0] == "CNY m"
    logged = [c for c in portfolio.history(plan_id) if c.change.path == "plan"]
    assert [(c.change.column, c.change.before, c.change.after) for c in logged] == [("currency", "万元", "CNY m")]
