"""The actor, the policy table and row keys that do not collide across copies of a plan."""

from __future__ import annotations

import re

import pytest

from kamplanner.domain import policy
from kamplanner.domain.actor import Actor, Role, local_actor, os_user
from kamplanner.domain.model import Plan
from kamplanner.domain.policy import Action, NotAllowed, allowed
from tests.factories import full_plan


def test_an_actor_is_parsed_from_name_and_role_as_the_command_line_gives_them():
    assert Actor.parse("王立群") == Actor("王立群", Role.ACCOUNT_MANAGER)
    assert Actor.parse("Helen Zhou:senior-manager") == Actor("Helen Zhou", Role.SENIOR_MANAGER)
    assert Actor.parse("root:Admin") == Actor("root", Role.ADMIN)
    assert Actor.parse("a:b:senior_manager") == Actor("a:b", Role.SENIOR_MANAGER)
    with pytest.raises(
        ValueError, match="no role 'boss'; the roles are account-manager, senior-manager, viewer, admin"
    ):
        Actor.parse("x:boss")
    with pytest.raises(ValueError, match="must be named"):
        Actor.parse("  ")
    with pytest.raises(ValueError, match="NUL"):
        Actor("a\x00b")


def test_the_local_actor_is_the_os_user_as_account_manager_unless_named():
    assert local_actor() == Actor(os_user(), Role.ACCOUNT_MANAGER)
    assert local_actor("  周海峰 ", "senior_manager") == Actor("周海峰", Role.SENIOR_MANAGER)


def test_on_a_laptop_every_role_may_do_everything():
    plan = full_plan()
    for role in Role:
        for action in Action:
            assert allowed(Actor("x", role), action, plan)


def test_a_table_that_leaves_an_action_out_refuses_it_in_one_line():
    rules = {Role.ACCOUNT_MANAGER: frozenset({Action.EDIT}), Role.ADMIN: policy.EVERYTHING}
    plan = full_plan()
    manager, admin = Actor("王立群"), Actor("root", Role.ADMIN)
    assert allowed(manager, Action.EDIT, plan, rules) and allowed(admin, Action.SIGN_OFF, plan, rules)
    assert not allowed(manager, Action.SIGN_OFF, plan, rules)
    assert not allowed(Actor("周海峰", Role.SENIOR_MANAGER), Action.EDIT, plan, rules)  # no row: nothing
    with pytest.raises(NotAllowed) as refused:
        policy.check(manager, Action.SIGN_OFF, plan, rules)
    assert str(refused.value) == f"王立群 (account manager) may not sign off the plan {plan.account.name} 2027"
    assert "\n" not in str(refused.value)


def test_every_action_has_words_for_its_refusal():
    assert set(policy.WHAT) == set(Action)
    assert str(NotAllowed(Actor("x"), Action.REVIEW)) == "x (account manager) may not record a review of a plan"


def test_new_row_keys_are_a_prefix_letter_and_8_random_base32_characters():
    plan = full_plan()
    keys = {plan.new_row_key("strategy.opportunities") for _ in range(200)}
    assert len(keys) == 200
    assert all(re.fullmatch(r"o[a-z2-7]{8}", k) for k in keys)
    assert {r.key for r in plan.rows("strategy.opportunities")} >= {"o1", "o2"}  # old keys stay


def test_copies_of_one_plan_make_different_keys_for_their_new_rows():
    one, other = full_plan(), full_plan()
    assert one.new_row_key("strategy.opportunities") != other.new_row_key("strategy.opportunities")


def test_a_copy_keeps_the_identity_and_next_years_plan_gets_none():
    plan = Plan(account=full_plan().account, year=2027, uuid="3a5beabb-1529-4ee6-b5a6-c6301c79c856")
    assert plan.copy().uuid == plan.uuid
