import datetime as dt
import sqlite3

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.edits import InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetProse
from kamplanner.domain.model import Account, Record, Tier, new_uuid
from kamplanner.domain.validation import completeness_percent, section_completeness
from kamplanner.services import Conflict, NotFound, StaleVersion
from kamplanner.store.database import Database
from tests.conftest import sqlite_only
from tests.factories import full_plan


def table_counts(path):
    with sqlite3.connect(path) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("account", "plan", "prose", "record")
        }


def test_a_plan_comes_back_exactly_as_it_went_in(portfolio):
    plan = full_plan()
    plan.uuid, plan.account.uuid = new_uuid(), new_uuid()  # as a file exported from a database has them
    plan_id = portfolio.import_json(planfile.dumps(plan))
    loaded = portfolio.load_plan(plan_id)
    assert planfile.dumps(loaded) == planfile.dumps(plan)
    assert loaded.id == plan_id and loaded.account.id is not None


@sqlite_only
def test_the_database_is_one_sqlite_file_in_rollback_journal_mode(db, db_path):
    assert db_path.exists()
    with sqlite3.connect(db_path) as con:
        assert con.execute("pragma journal_mode").fetchone()[0] == "delete"


@sqlite_only
def test_saving_an_edit_bumps_the_version_and_persists(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    new = portfolio.save_edits(plan_id, version, [SetProse("summary.strategy", "", "全新的战略")])
    assert new == version + 1
    reopened = Database.open(db_path)
    try:
        from kamplanner.services import Portfolio

        again = Portfolio(reopened).load_plan(plan_id)
    finally:
        reopened.close()
    assert again.text("summary.strategy") == "全新的战略" and again.version == new


def test_a_stale_writer_is_refused_and_nothing_is_written(portfolio, db_path):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    version = portfolio.load_plan(plan_id).version
    portfolio.save_edits(plan_id, version, [SetProse("summary.risks", "", "first writer")])
    before = portfolio.export_json(plan_id)
    with pytest.raises(StaleVersion, match=f"at version {version + 1}, this edit was made on version {version}"):
        portfolio.save_edits(plan_id, version, [SetProse("summary.risks", "", "second writer")])
    assert portfolio.export_json(plan_id) == before


def test_every_kind_of_edit_reaches_the_database_like_the_domain_applies_it(portfolio):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    plan = portfolio.load_plan(plan_id)
    actions = plan.rows("action_plan.actions")
    edits = [
        SetProse("risks.gaps", plan.text("risks.gaps"), ""),
        SetCell("action_plan.actions", "a1", "due", actions[0].get("due"), dt.date(2028, 1, 15)),
        SetCell("action_plan.actions", "a1", "measure", actions[0].get("measure"), None),
        InsertRow("team.members", 1, Record("m3", {"name": "张伟", "function": "服务经理", "time_share": 20.0})),
        RemoveRow("action_plan.actions", 1, actions[1]),
        MoveRow("forecast.rows", 0, 3),
        MoveRow("forecast.rows", 5, 1),
        SetAccount("tier", plan.account.tier, Tier.IMPORTANT),
    ]
    for edit in edits:
        edit.apply(plan)
    portfolio.save_edits(plan_id, plan.version, edits)
    plan.version += 1
    assert portfolio.export_json(plan_id) == planfile.dumps(plan)


def test_one_bad_edit_rolls_back_the_whole_save(portfolio):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    before = portfolio.export_json(plan_id)
    version = portfolio.load_plan(plan_id).version
    with pytest.raises(NotFound):
        portfolio.save_edits(
            plan_id,
            version,
            [SetProse("summary.strategy", "", "written first"), SetCell("team.members", "nope", "name", None, "x")],
        )
    assert portfolio.export_json(plan_id) == before


def test_completeness_is_kept_with_the_plan(portfolio):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    (summary,) = portfolio.list_plans()
    assert summary.completeness == 100
    plan = portfolio.load_plan(plan_id)
    portfolio.save_edits(plan_id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "  ")])
    (summary,) = portfolio.list_plans()
    assert 90 < summary.completeness < 100


@pytest.mark.parametrize("text", ["- ", "1.\n2.", "* \n  - ", "- \n" * 300])
def test_a_field_of_list_markers_alone_is_as_empty_for_the_store_as_for_the_editor(portfolio, text):
    plan_id = portfolio.import_json(planfile.dumps(full_plan()))
    plan = portfolio.load_plan(plan_id)
    edited = plan.copy()
    edited.prose["summary.risks"] = text
    expected = completeness_percent(section_completeness(edited))
    portfolio.save_edits(plan_id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), text)])
    (summary,) = portfolio.list_plans()
    assert edited.is_empty("summary.risks") and summary.completeness == expected < 100
    portfolio.save_edits(plan_id, plan.version + 1, [SetProse("summary.risks", text, text + " 价格战")])
    (summary,) = portfolio.list_plans()
    assert summary.completeness == 100


@sqlite_only
def test_import_is_all_or_nothing(portfolio, db_path):
    portfolio.import_json(planfile.dumps(full_plan(year=2027)))
    counts = table_counts(db_path)
    document = planfile.to_document(full_plan(year=2028))
    document["sections"]["forecast"]["rows"][7]["revenue"] = "lots"
    with pytest.raises(planfile.PlanFileError):
        portfolio.import_json(planfile.json.dumps(document))
    assert table_counts(db_path) == counts


def test_importing_over_an_existing_plan_needs_replace(portfolio):
    text = planfile.dumps(full_plan())
    plan_id = portfolio.import_json(text)
    with pytest.raises(Conflict, match="has a 2027 plan already"):
        portfolio.import_json(text)
    changed = full_plan()
    changed.prose["summary.strategy"] = "替换后的战略"
    assert portfolio.import_json(planfile.dumps(changed), replace=True) == plan_id
    assert portfolio.load_plan(plan_id).text("summary.strategy") == "替换后的战略"


def test_new_duplicate_and_delete(portfolio):
    account_id = portfolio.add_account(Account("新客户", tier=Tier.IMPORTANT))
    plan_id = portfolio.new_plan(account_id, 2027, "en")
    assert portfolio.load_plan(plan_id).language == "en"
    with pytest.raises(Conflict):
        portfolio.add_account(Account("新客户"))
    copy_id = portfolio.duplicate_plan(plan_id, 2028)
    assert {p.year for p in portfolio.list_plans()} == {2027, 2028}
    text = portfolio.delete_plan(copy_id)
    assert planfile.loads(text).year == 2028
    assert [p.id for p in portfolio.list_plans()] == [plan_id]
    with pytest.raises(NotFound):
        portfolio.load_plan(copy_id)
