"""The change log: every use case that changes a plan writes it, in its own transaction, as its actor."""

from __future__ import annotations

import datetime as dt

import pytest

from kamplanner.domain import policy
from kamplanner.domain.actor import Actor, Role
from kamplanner.domain.changelog import ChangeKind
from kamplanner.domain.cycle import Decision, Review
from kamplanner.domain.edits import InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetProse
from kamplanner.domain.model import Phase, Record
from kamplanner.services import NotAllowed, Portfolio, StaleVersion, acting_as

MANAGER = Actor("王立群")
SENIOR = Actor("周海峰", Role.SENIOR_MANAGER)
OPPS = "strategy.opportunities"


def plan_in(portfolio: Portfolio, phase: str) -> int:
    return next(s.id for s in portfolio.list_plans() if s.phase.slug == phase)


def kinds(portfolio: Portfolio, plan_id: int) -> list[str]:
    return [c.change.kind.value for c in portfolio.history(plan_id)]


def test_each_kind_of_content_edit_is_logged_as_the_database_had_it(db):
    Portfolio(db, MANAGER).add_demo()
    portfolio = Portfolio(db, SENIOR)
    plan_id = plan_in(portfolio, "development")
    plan = portfolio.load_plan(plan_id)
    first = plan.rows(OPPS)[0]
    new = Record(plan.new_row_key(OPPS), {"name": "新机会", "value": 10.0})
    edits = [
        SetProse("summary.risks", plan.text("summary.risks"), ""),
        SetCell(OPPS, first.key, "name", first.get("name"), "改名"),
        InsertRow(OPPS, 0, new),
        MoveRow(OPPS, 0, 2),
        RemoveRow(OPPS, 2, new),
        SetAccount("tier", plan.account.tier, "important"),
        SetCell(OPPS, first.key, "value", first.get("value"), first.get("value")),  # no change: not logged
    ]
    version = portfolio.save_edits(plan_id, plan.version, edits)
    logged = [c for c in portfolio.history(plan_id) if c.change.kind is not ChangeKind.IMPORT]
    assert [(c.actor, c.role, c.version) for c in logged] == [("周海峰", "senior_manager", version)] * 6
    got = [
        (c.change.kind, c.change.path, c.change.row, c.change.column, c.change.before, c.change.after) for c in logged
    ]
    assert got == [
        (ChangeKind.EDIT, "summary.risks", None, None, plan.text("summary.risks"), None),
        (ChangeKind.EDIT, OPPS, first.key, "name", first.get("name"), "改名"),
        (ChangeKind.ADD_ROW, OPPS, new.key, None, None, {"name": "新机会", "value": 10}),
        (ChangeKind.MOVE_ROW, OPPS, new.key, None, 0, 2),
        (ChangeKind.REMOVE_ROW, OPPS, new.key, None, {"name": "新机会", "value": 10}, None),
        (ChangeKind.EDIT, "account", None, "tier", "key", "important"),
    ]
    assert logged[0].at.tzinfo is not None and len({c.at for c in logged}) == 1  # one transaction, one moment


def test_a_refused_or_stale_save_logs_nothing(db):
    Portfolio(db, MANAGER).add_demo()
    team = Portfolio(db, MANAGER, rules={Role.SENIOR_MANAGER: frozenset({policy.Action.EDIT})})
    plan_id = plan_in(team, "development")
    plan = team.load_plan(plan_id)
    before = team.history(plan_id)
    edit = [SetProse("summary.risks", plan.text("summary.risks"), "x")]
    with pytest.raises(NotAllowed, match=r"^王立群 \(account manager\) may not edit the plan "):
        team.save_edits(plan_id, plan.version, edit)
    with pytest.raises(NotAllowed, match="may not move"):
        team.move_phase(plan_id, Phase.PREPARATION)
    with pytest.raises(StaleVersion):
        Portfolio(db, SENIOR).save_edits(plan_id, plan.version - 1, edit)
    assert team.history(plan_id) == before and team.load_plan(plan_id).version == plan.version
    assert team.load_plan(plan_id).phase is Phase.DEVELOPMENT
    # the senior manager may edit under these rules
    Portfolio(db, SENIOR, rules=team.rules).save_edits(plan_id, plan.version, edit)
    assert team.history(plan_id)[-1].actor == "周海峰"


def test_cycle_steps_review_sign_off_delete_and_restore_are_one_entry_each(db):
    Portfolio(db, MANAGER).add_demo()
    portfolio = Portfolio(db, SENIOR)
    plan_id = plan_in(portfolio, "review")
    plan = portfolio.load_plan(plan_id)
    portfolio.record_review(
        plan_id,
        Review(
            "周海峰", "高级经理", dt.date(2026, 11, 30), plan.version, Decision.CHANGES_REQUESTED, 3, summary="补充"
        ),
    )
    assert kinds(portfolio, plan_id)[-2:] == ["review", "move"]
    event = portfolio.load_cycle(plan_id).events[-1]
    assert (event.by, event.role, event.phase) == ("周海峰", "senior_manager", Phase.DEVELOPMENT)
    portfolio.set_step(plan_id, "gather", False)
    portfolio.set_step(plan_id, "gather", True)
    step = portfolio.history(plan_id)[-1].change
    assert (step.kind, step.path, step.column, step.before, step.after) == (
        ChangeKind.STEP,
        "cycle.steps",
        "gather",
        False,
        True,
    )
    prep = portfolio.load_cycle(plan_id).preparation
    portfolio.update_preparation(plan_id, type(prep)(**{**vars(prep), "development_weeks": 9}))
    change = portfolio.history(plan_id)[-1].change
    assert (change.kind, change.column, change.after) == (ChangeKind.PREPARE, "development_weeks", 9)

    monitoring = plan_in(portfolio, "monitoring")
    with acting_as(Actor("someone else")):  # an explicit actor wins over the one in effect
        rolled = portfolio.roll_forward(monitoring)
    assert portfolio.history(rolled)[-1].actor == "周海峰"
    assert kinds(portfolio, monitoring)[-1] == "roll_forward"
    text = portfolio.delete_plan(rolled)
    assert kinds(portfolio, rolled)[-1] == "delete"  # kept after the plan is gone
    back = portfolio.import_json(text)
    assert kinds(portfolio, back)[-3:] == ["roll_forward", "delete", "restore"]  # one plan, one history


def test_a_portfolio_without_an_actor_acts_as_the_one_in_effect(db):
    with acting_as(Actor("Helen Zhou", Role.ADMIN)):
        Portfolio(db).add_demo()
        assert Portfolio(db).actor == Actor("Helen Zhou", Role.ADMIN)
    plan_id = plan_in(Portfolio(db), "monitoring")
    assert {(c.actor, c.role) for c in Portfolio(db).history(plan_id)} == {("Helen Zhou", "admin")}
    assert Portfolio(db).actor.role is Role.ACCOUNT_MANAGER  # outside: the OS user
