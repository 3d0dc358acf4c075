import datetime as dt

import pytest

from kamplanner.domain.cycle import Cycle, ProgressReview
from kamplanner.domain.model import Phase, PlanSummary, Record, Tier
from kamplanner.domain.progress import Period, account_progress, add_months, choose_plan, report_period
from tests.factories import full_plan

d = dt.date


@pytest.mark.parametrize(
    ("as_of", "period"),
    [
        (d(2026, 6, 30), Period(d(2026, 1, 1), d(2026, 6, 30))),
        (d(2026, 12, 30), Period(d(2026, 1, 1), d(2026, 6, 30))),
        (d(2026, 12, 31), Period(d(2026, 7, 1), d(2026, 12, 31))),
        (d(2026, 6, 29), Period(d(2025, 7, 1), d(2025, 12, 31))),
        (d(2026, 1, 1), Period(d(2025, 7, 1), d(2025, 12, 31))),
    ],
)
def test_the_report_covers_the_half_year_ending_on_or_before_its_date(as_of, period):
    assert report_period(as_of) == period
    assert period.half == (1 if period.end.month == 6 else 2)


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(d(2026, 12, 31), 6) == d(2027, 6, 30)
    assert add_months(d(2026, 8, 31), 6) == d(2027, 2, 28)
    assert add_months(d(2027, 8, 29), 6) == d(2028, 2, 29)
    assert add_months(d(2026, 3, 15), 6) == d(2026, 9, 15)


def summary(plan_id: int, year: int) -> PlanSummary:
    return PlanSummary(plan_id, "x", 1, year, Tier.KEY, Phase.MONITORING, 1, 100, "", "zh_CN", "")


def test_the_plan_of_the_reports_year_else_the_latest():
    plans = [summary(1, 2025), summary(2, 2026), summary(3, 2027)]
    assert choose_plan(plans, 2026).id == 2
    assert choose_plan(plans, 2024).id == 3
    assert choose_plan([], 2026) is None


def test_actuals_reviews_and_due_items_as_of_the_report_date():
    plan = full_plan(year=2026)
    plan.phase = Phase.MONITORING
    plan.rows("appendix.account_info.stakeholders")[0].values.update(attitude="B", previous_attitude="D")
    plan.tables["action_plan.actions"] = [
        Record("a1", {"description": "late", "due": d(2026, 5, 1), "status": "in_progress"}),
        Record("a2", {"description": "done", "due": d(2026, 5, 1), "status": "done"}),
        Record("a3", {"description": "coming", "due": d(2026, 9, 1), "status": "planned", "milestone": True}),
        Record("a4", {"description": "far", "due": d(2027, 3, 1), "status": "planned", "milestone": True}),
        Record("a5", {"description": "not a milestone", "due": d(2026, 9, 1), "status": "planned"}),
    ]
    cycle = Cycle(
        progress=[
            ProgressReview(d(2026, 3, 31), "周", "q1", actuals={"f1": 2000.0}),
            ProgressReview(d(2026, 6, 30), "周", "q2", actuals={"f1": 4900.0}),
            ProgressReview(d(2026, 9, 30), "周", "q3", actuals={"f1": 7000.0}),
        ]
    )
    item = account_progress(plan.account, plan, summary(1, 2026), cycle, d(2026, 7, 10))
    assert [r.notes for r in item.reviews_in_period] == ["q1", "q2"]
    assert item.later_reviews == [] and item.last_review.notes == "q2"  # q3 is after the report date
    revenue = item.objectives[0]
    assert (revenue.actual, revenue.actual_on, revenue.target) == (4900.0, d(2026, 6, 30), 9800.0)
    assert round(revenue.attainment) == 50
    assert item.objectives[1].actual is None and item.objectives[1].attainment is None
    assert item.next_review == d(2026, 9, 30) and not item.review_overdue
    assert [i.row.key for i in item.overdue] == ["a1"]
    assert [i.row.key for i in item.milestones] == ["a3"]  # a4 is more than 6 months away
    assert [(c.before, c.now, c.better) for c in item.attitude_changes] == [("D", "B", True)]
    # a review missed: the next one was due before the report date
    late = account_progress(plan.account, plan, summary(1, 2026), cycle, d(2026, 10, 15))
    assert late.next_review == d(2026, 12, 31)
    missed = account_progress(plan.account, plan, summary(1, 2026), Cycle(progress=cycle.progress[:1]), d(2026, 7, 10))
    assert missed.next_review == d(2026, 6, 30) and missed.review_overdue


def test_a_plan_not_yet_carried_out_has_nothing_overdue_and_no_review_date():
    plan = full_plan(year=2027)  # in development
    plan.tables["action_plan.actions"] = [Record("a1", {"description": "x", "due": d(2026, 5, 1), "status": "planned"})]
    item = account_progress(plan.account, plan, summary(1, 2027), Cycle(), d(2026, 12, 31))
    assert not item.monitoring and item.overdue == [] and item.next_review is None
