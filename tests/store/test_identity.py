"""Identities that travel: plan and account UUIDs, random row keys, plan files of version 2 and 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.edits import InsertRow, SetAccount
from kamplanner.domain.model import Record
from kamplanner.services import Conflict, Portfolio
from kamplanner.store.database import Database

ROOT = Path(__file__).resolve().parents[2]
BANK_V3 = ROOT / "resources" / "demo" / "plans" / "bank-2026.json"
BANK_V2 = ROOT / "tests" / "fixtures" / "plan-v2-bank-2026.json"  # the demo file as format version 2 wrote it
OPPS = "strategy.opportunities"


def add_opportunity(portfolio: Portfolio, plan_id: int, name: str) -> str:
    plan = portfolio.load_plan(plan_id)
    key = plan.new_row_key(OPPS)
    row = Record(key, {"name": name, "kind": "new_business", "value": 100.0, "probability": 50.0})
    portfolio.save_edits(plan_id, plan.version, [InsertRow(OPPS, len(plan.rows(OPPS)), row)])
    return key


def test_two_databases_adding_to_copies_of_one_plan_make_different_row_keys(tmp_path):
    text = BANK_V3.read_bytes()
    laptops = [Database.open(tmp_path / f"laptop-{n}.db") for n in (1, 2)]
    try:
        portfolios = [Portfolio(db) for db in laptops]
        ids = [p.import_json(text) for p in portfolios]
        keys = [add_opportunity(p, i, f"机会 {n}") for n, (p, i) in enumerate(zip(portfolios, ids, strict=True))]
        assert keys[0] != keys[1]
        # Both are still the one plan: the same UUID in both files
        exported = [json.loads(p.export_json(i)) for p, i in zip(portfolios, ids, strict=True)]
        assert exported[0]["plan"]["uuid"] == exported[1]["plan"]["uuid"] == json.loads(text)["plan"]["uuid"]
        assert exported[0]["account"]["uuid"] == exported[1]["account"]["uuid"]
        # and one laptop's file taken into the other replaces that plan, its new row with its own key
        second = portfolios[1].import_json(portfolios[0].export_json(ids[0]), replace=True)
        assert second == ids[1]
        assert portfolios[1].load_plan(second).row(OPPS, keys[0]) is not None
    finally:
        for db in laptops:
            db.close()


def test_a_version_2_file_imports_upgraded_with_new_identities(portfolio):
    document = json.loads(BANK_V2.read_bytes())
    assert document["format_version"] == 2 and "uuid" not in document["plan"]
    plan_id = portfolio.import_json(BANK_V2.read_bytes())
    plan = portfolio.load_plan(plan_id)
    assert plan.uuid and plan.account.uuid and plan.uuid != json.loads(BANK_V3.read_bytes())["plan"]["uuid"]
    # (the demo's file has moved on since: qualified opportunities, a contact log; the upgrade keeps what v2 said)
    assert planfile.fingerprint(plan) == planfile.fingerprint(planfile.loads(BANK_V2.read_bytes()))
    exported = json.loads(portfolio.export_json(plan_id))
    assert exported["format_version"] == planfile.FORMAT_VERSION == 4
    assert exported["plan"]["uuid"] == plan.uuid
    # As before: the account's plan for that year is there already
    with pytest.raises(Conflict, match="has a 2026 plan already"):
        portfolio.import_json(BANK_V2.read_bytes())
    assert portfolio.import_json(BANK_V2.read_bytes(), replace=True) == plan_id
    assert portfolio.load_plan(plan_id).uuid == plan.uuid  # the plan keeps its identity


def test_a_version_3_file_is_the_plan_with_its_uuid_even_after_a_rename(portfolio):
    plan_id = portfolio.import_json(BANK_V3.read_bytes())
    plan = portfolio.load_plan(plan_id)
    renamed = "浦瀚银行（更名）"
    portfolio.save_edits(plan_id, plan.version, [SetAccount("name", plan.account.name, renamed)])
    with pytest.raises(Conflict, match="import with replace"):
        portfolio.import_json(BANK_V3.read_bytes())
    assert portfolio.import_json(BANK_V3.read_bytes(), replace=True) == plan_id
    assert len(portfolio.list_plans()) == 1
    # A plan of another year of the same account finds the account by its UUID, not its name
    other = json.loads(BANK_V3.read_bytes())
    other["plan"]["year"], other["plan"]["uuid"] = 2027, "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed"
    new_id = portfolio.import_json(json.dumps(other, ensure_ascii=False))
    assert new_id != plan_id
    assert portfolio.load_plan(new_id).account.id == portfolio.load_plan(plan_id).account.id


def test_a_bad_uuid_in_a_plan_file_is_refused_with_its_path():
    document = json.loads(BANK_V3.read_bytes())
    document["plan"]["uuid"] = "not-a-uuid"
    document["account"]["uuid"] = 42
    with pytest.raises(planfile.PlanFileError) as refused:
        planfile.from_document(document)
    assert [p.split(":")[0] for p in refused.value.problems] == ["account.uuid", "plan.uuid"]


def test_duplicating_and_rolling_forward_make_plans_of_their_own(demo_portfolio):
    bank = next(s for s in demo_portfolio.list_plans() if s.account == "浦瀚联合银行")
    copy = demo_portfolio.duplicate_plan(bank.id, 2030)
    rolled = demo_portfolio.roll_forward(bank.id)
    uuids = {demo_portfolio.load_plan(i).uuid for i in (bank.id, copy, rolled)}
    assert len(uuids) == 3 and None not in uuids
    accounts = {demo_portfolio.load_plan(i).account.uuid for i in (bank.id, copy, rolled)}
    assert len(accounts) == 1
