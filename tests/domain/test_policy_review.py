"""A plan under senior review is read-only for its account manager until it is sent back."""

import pytest

from kamplanner.domain import policy
from kamplanner.domain.actor import Actor, Role
from kamplanner.domain.model import Phase
from kamplanner.domain.policy import Action, NotAllowed
from tests.factories import full_plan


def test_an_account_manager_may_not_edit_a_plan_under_review_but_the_reviewer_may():
    plan = full_plan()
    manager, senior = Actor("王立群"), Actor("周海峰", Role.SENIOR_MANAGER)
    plan.phase = Phase.REVIEW
    for action in (Action.EDIT, Action.STEP, Action.PREPARE):
        assert not policy.allowed(manager, action, plan)
        assert policy.allowed(senior, action, plan)
    assert policy.allowed(manager, Action.REVIEW, plan)  # asking for changes sends it back
    with pytest.raises(NotAllowed, match=r"may not edit the plan .* while it is under senior review"):
        policy.check(manager, Action.EDIT, plan)
    plan.phase = Phase.DEVELOPMENT  # sent back: editable again
    assert policy.allowed(manager, Action.EDIT, plan)
