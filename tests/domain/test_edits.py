import datetime as dt

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.edits import Batch, EditError, InsertRow, MoveRow, RemoveRow, SetAccount, SetCell, SetProse
from kamplanner.domain.model import Record, Tier
from tests.factories import full_plan


def edits_for(plan):
    actions = plan.rows("action_plan.actions")
    return [
        SetProse("summary.strategy", plan.text("summary.strategy"), "新的战略"),
        SetCell("action_plan.actions", "a1", "due", actions[0].get("due"), dt.date(2027, 6, 30)),
        SetCell("action_plan.actions", "a1", "measure", actions[0].get("measure"), None),
        InsertRow("team.members", 1, Record("m9", {"name": "新成员", "function": "服务"})),
        RemoveRow("action_plan.actions", 1, actions[1]),
        MoveRow("forecast.rows", 0, 4),
        SetAccount("tier", plan.account.tier, Tier.IMPORTANT),
        Batch((SetProse("risks.gaps", plan.text("risks.gaps"), ""), MoveRow("team.budget", 1, 0))),
    ]


@pytest.mark.parametrize("which", range(8))
def test_every_edit_undoes_exactly(which):
    plan = full_plan()
    before = planfile.dumps(plan)
    edit = edits_for(plan)[which]
    edit.apply(plan)
    assert planfile.dumps(plan) != before
    edit.inverse().apply(plan)
    assert planfile.dumps(plan) == before


def test_edits_on_rows_that_are_gone_are_refused():
    plan = full_plan()
    with pytest.raises(EditError, match="no row 'zz'"):
        SetCell("team.members", "zz", "name", None, "x").apply(plan)
    with pytest.raises(EditError, match="exists already"):
        InsertRow("team.members", 0, Record("m1")).apply(plan)
