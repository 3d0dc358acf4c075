import datetime as dt

from kamplanner.domain.diff import ChangeKind, diff_plans
from kamplanner.domain.model import Record, Tier
from tests.factories import full_plan


def test_no_change_is_an_empty_diff():
    assert diff_plans(full_plan(), full_plan()).empty


def test_prose_rows_cells_and_account_changes_are_found_in_template_order():
    old, new = full_plan(), full_plan()
    new.version = 4
    new.account.tier = Tier.IMPORTANT
    new.prose["summary.risks"] = "新的风险描述"
    new.prose["risks.gaps"] = ""
    new.rows("action_plan.actions")[0].values["due"] = dt.date(2027, 6, 30)
    new.rows("action_plan.actions")[0].values["owner"] = "m2"
    new.rows("team.members").append(Record("m3", {"name": "张伟", "function": "服务"}))
    del new.rows("team.budget")[0]
    diff = diff_plans(old, new)
    assert diff.account == [("tier", "key", "important")]
    assert diff.old_label == "2027 v3" and diff.new_label == "2027 v4"
    summary = [(c.field, c.kind, c.row) for c in diff.changes]
    assert summary == [
        ("summary.risks", ChangeKind.CHANGED, None),
        ("risks.gaps", ChangeKind.REMOVED, None),
        ("action_plan.actions", ChangeKind.CHANGED, "a1"),
        ("team.members", ChangeKind.ADDED, "m3"),
        ("team.budget", ChangeKind.REMOVED, "b1"),
    ]
    cells = {c.column: (c.old, c.new) for c in diff.changes[2].cells}
    assert cells == {"due": ("2027-03-31", "2027-06-30"), "owner": ("王立群", "李娜")}
    assert diff.changes[3].label == "张伟"
    assert list(diff.by_section()) == ["summary", "risks", "action_plan", "team"]
