"""Over-limit text and rows show in the editor as issues on their field, as import would refuse them."""

from __future__ import annotations

from kamplanner.domain.limits import MAX_CELL, MAX_LONG_CELL, MAX_PLAN_TEXT, MAX_PROSE, MAX_ROWS
from kamplanner.domain.model import Record
from kamplanner.domain.validation import Severity, plan_text_size, validate
from tests.factories import full_plan


def limit_issues(plan):
    return [i for i in validate(plan) if "allowed" in i.message.en]


def test_a_plan_within_the_limits_has_no_limit_issues():
    assert limit_issues(full_plan()) == []


def test_prose_over_its_limit_is_an_issue_on_that_field():
    plan = full_plan()
    plan.prose["summary.strategy"] = "x" * MAX_PROSE
    assert limit_issues(plan) == []
    plan.prose["summary.strategy"] += "x"
    (issue,) = limit_issues(plan)
    assert (issue.field, issue.row, issue.column, issue.severity) == ("summary.strategy", None, None, Severity.ERROR)
    assert issue.describe("en") == (
        f"sections.summary.strategy: the text is {MAX_PROSE + 1:,} characters long; at most {MAX_PROSE:,} are allowed"
    )
    assert "最多" in issue.describe("zh_CN")


def test_a_cell_over_its_limit_is_an_issue_on_that_cell():
    plan = full_plan()
    members = plan.rows("team.members")
    members[1].values["name"] = "x" * (MAX_CELL + 1)
    members[0].values["responsibilities"] = "x" * MAX_CELL  # a long-text cell holds more
    assert len(limit_issues(plan)) == 1
    members[0].values["responsibilities"] = "x" * (MAX_LONG_CELL + 1)
    found = {(i.field, i.row, i.index, i.column) for i in limit_issues(plan)}
    assert found == {
        ("team.members", members[1].key, 1, "name"),
        ("team.members", members[0].key, 0, "responsibilities"),
    }


def test_a_table_over_the_row_limit_is_a_table_issue():
    plan = full_plan()
    plan.tables["team.budget"] = [Record(f"b{i}", {"item": "x"}) for i in range(MAX_ROWS + 1)]
    table_wide = [i for i in limit_issues(plan) if i.row is None]
    (issue,) = table_wide
    assert issue.field == "team.budget" and f"{MAX_ROWS + 1:,} rows" in issue.message.en


def test_a_plan_over_the_total_text_limit_says_so_on_its_biggest_field():
    plan = full_plan()
    paths = [p for p in plan.prose][: MAX_PLAN_TEXT // MAX_PROSE + 1]
    for path in paths:
        plan.prose[path] = "x" * (MAX_PROSE - 1)
    plan.prose[paths[-1]] += "y"
    assert plan_text_size(plan) > MAX_PLAN_TEXT
    (issue,) = limit_issues(plan)
    assert issue.field == paths[-1] and f"at most {MAX_PLAN_TEXT:,}" in issue.message.en
