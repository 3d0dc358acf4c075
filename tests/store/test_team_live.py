"""Live work together: what one person commits on a team server reaches the others' listeners
(PostgreSQL LISTEN/NOTIFY) within two seconds; a window does not hear its own changes.

Runs when KAMPLANNER_TEST_DB_URL names a PostgreSQL database (.ci/run starts one)."""

from __future__ import annotations

import queue

import pytest

from kamplanner.domain.edits import SetProse
from kamplanner.services import RemoteChange
from kamplanner.store.live import parse
from tests.conftest import SERVER_URL
from tests.store.test_team_roles import plan_of, server  # noqa: F401 - the fixture

pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server (KAMPLANNER_TEST_DB_URL)")


def heard(portfolio):
    got: queue.Queue[RemoteChange] = queue.Queue()
    listener = portfolio.listen(got.put)
    assert listener is not None and listener.listening.wait(5)
    return got, listener


def test_a_save_by_one_person_reaches_the_others_within_two_seconds_and_not_themselves(server):  # noqa: F811
    _admin, connect = server
    wang, zhou = connect("t_wang"), connect("t_zhou")
    at_zhou, zhou_listens = heard(zhou)
    at_wang, wang_listens = heard(wang)
    try:
        bank = plan_of(wang, "浦瀚联合银行")
        plan = wang.load_plan(bank.id)
        version = wang.save_edits(bank.id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "新")])
        change = at_zhou.get(timeout=2)
        assert (change.table, change.op, change.plan_id, change.version, change.login) == (
            "plan",
            "UPDATE",
            bank.id,
            version,
            "t_wang",
        )
        assert not change.lists_change
        with pytest.raises(queue.Empty):
            at_wang.get(timeout=0.5)  # its own save
    finally:
        zhou_listens.stop()
        wang_listens.stop()


def test_a_notice_that_is_not_ours_nor_readable_is_told_apart():
    assert parse('{"table": "plan", "op": "DELETE", "plan": 3, "app": "a"}', "b").lists_change
    assert parse('{"table": "plan", "plan": 3, "app": "a"}', "a") is None
    assert parse("not json", "a") is None
    assert parse("[1, 2]", "a") is None
    assert parse('{"plan": true, "version": "7", "app": "x"}', "a") == RemoteChange("", "", None, None, None, "")
