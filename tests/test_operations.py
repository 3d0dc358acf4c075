"""Every use case that changes something announces what it changed, once it is committed; a
refused or failed one announces nothing."""

from __future__ import annotations

import pytest

from kamplanner.domain.edits import SetProse
from kamplanner.domain.model import Account, Phase, Tier
from kamplanner.domain.ops import Changes, Scope
from kamplanner.services import MoveRefused, NotFound
from tests.ui.conftest import GRID, plan_id_named


@pytest.fixture
def heard(demo_portfolio):
    found: list[Changes] = []
    demo_portfolio.subscribe(found.append)
    return found


def test_a_content_edit_a_phase_move_and_a_new_plan_say_what_they_changed(demo_portfolio, heard):
    grid = plan_id_named(demo_portfolio, GRID)
    plan = demo_portfolio.load_plan(grid)
    demo_portfolio.save_edits(grid, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "新风险")])
    demo_portfolio.move_phase(grid, Phase.PREPARATION)
    account = demo_portfolio.add_account(Account("新客户", Tier.KEY))
    made = demo_portfolio.new_plan(account, 2028, "zh_CN")
    assert heard == [
        Changes(frozenset({grid}), Scope.CONTENT),
        Changes(frozenset({grid}), Scope.CYCLE),
        Changes(frozenset(), Scope.PORTFOLIO),
        Changes(frozenset({made}), Scope.PORTFOLIO, created=made),
    ]
    assert heard[1].touches(grid, Scope.CYCLE) and not heard[1].touches(grid, Scope.CONTENT)
    assert demo_portfolio.last_changes == heard[-1]


def test_a_refused_or_failed_operation_announces_nothing(demo_portfolio, heard):
    grid = plan_id_named(demo_portfolio, GRID)
    with pytest.raises(MoveRefused):
        demo_portfolio.move_phase(grid, Phase.MONITORING)  # not signed off
    with pytest.raises(NotFound):
        demo_portfolio.delete_plan(9999)
    assert heard == []


def test_a_roll_forward_names_the_plan_it_made_and_a_listener_can_stop(demo_portfolio, heard):
    bank = next(s for s in demo_portfolio.list_plans() if s.phase is Phase.MONITORING)
    made = demo_portfolio.roll_forward(bank.id)
    assert heard[-1] == Changes(frozenset({bank.id, made}), Scope.CYCLE | Scope.PORTFOLIO, created=made)
    stop = demo_portfolio.subscribe(heard.append)
    stop()
    demo_portfolio.delete_plan(made)
    assert len(heard) == 2  # the second listener was gone; the first heard the delete once
