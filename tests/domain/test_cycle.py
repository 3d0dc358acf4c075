import datetime as dt

import pytest

from kamplanner.domain import cycle as rules
from kamplanner.domain.cycle import (
    Cycle,
    Decision,
    MoveRefused,
    Preparation,
    ProgressReview,
    Review,
    cycle_from_json,
    cycle_to_json,
    next_review_date,
)
from kamplanner.domain.model import Phase, Tier
from tests.factories import full_plan

NOW = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)


def ready_preparation() -> Preparation:
    return Preparation(
        expectations="守住核心系统",
        development_start=dt.date(2026, 9, 1),
        development_weeks=10,
        review_date=dt.date(2026, 11, 20),
    )


def test_preparation_must_be_done_before_development():
    plan, cycle = full_plan(), Cycle()
    plan.phase = Phase.PREPARATION
    with pytest.raises(MoveRefused) as refused:
        rules.move(plan, cycle, Phase.DEVELOPMENT, "周海峰", NOW)
    reasons = [r.en for r in refused.value.reasons]
    assert "the senior manager has not set out what is expected of the account" in reasons
    assert "no review date is set" in reasons
    assert "高级经理" in refused.value.describe("zh_CN")
    cycle.preparation = ready_preparation()
    cycle.preparation.development_weeks = 14
    with pytest.raises(MoveRefused, match="8 to 12 weeks"):
        rules.move(plan, cycle, Phase.DEVELOPMENT, "周海峰", NOW)


def test_review_only_when_required_sections_are_complete_and_rules_hold():
    plan, cycle = full_plan(), Cycle()
    plan.phase = Phase.DEVELOPMENT
    plan.prose["summary.risks"] = ""
    plan.rows("strategy.opportunities")[0].values["probability"] = 150.0
    with pytest.raises(MoveRefused) as refused:
        rules.move(plan, cycle, Phase.REVIEW, "王立群", NOW)
    text = str(refused.value)
    assert "Executive summary still lacks: Risks in brief" in text
    assert "the plan still breaks 1 rules" in text and "probability" in text


def test_monitoring_only_after_sign_off_and_no_skipping_phases():
    plan, cycle = full_plan(), Cycle()
    plan.phase = Phase.REVIEW
    with pytest.raises(MoveRefused, match="monitoring starts only after sign-off"):
        rules.move(plan, cycle, Phase.MONITORING, "周海峰", NOW)
    plan.phase = Phase.PREPARATION
    with pytest.raises(MoveRefused, match="cannot go from planning and preparation straight to review"):
        rules.move(plan, cycle, Phase.REVIEW, "x", NOW)
    plan.phase = Phase.MONITORING
    with pytest.raises(MoveRefused, match="roll the plan forward"):
        rules.move(plan, cycle, Phase.DEVELOPMENT, "x", NOW)


def test_back_to_development_only_when_changes_were_requested():
    plan, cycle = full_plan(), Cycle()
    plan.phase = Phase.REVIEW
    with pytest.raises(MoveRefused, match="only when a review asks for changes"):
        rules.move(plan, cycle, Phase.DEVELOPMENT, "x", NOW)
    with pytest.raises(MoveRefused, match="say what must change"):
        rules.record_review(
            plan, cycle, Review("周海峰", "高级经理", NOW.date(), plan.version, Decision.CHANGES_REQUESTED, 3)
        )


def test_next_review_date_follows_the_tier():
    assert next_review_date(Tier.KEY, dt.date(2027, 2, 10), 2027) == dt.date(2027, 3, 31)
    assert next_review_date(Tier.KEY, dt.date(2027, 12, 31), 2027) == dt.date(2028, 3, 31)
    assert next_review_date(Tier.IMPORTANT, dt.date(2027, 2, 10), 2027) == dt.date(2027, 12, 31)
    assert next_review_date(Tier.GENERAL, dt.date(2027, 2, 10), 2027) == dt.date(2027, 12, 1)
    assert next_review_date(Tier.GENERAL, dt.date(2027, 12, 2), 2027) == dt.date(2028, 12, 1)


def test_due_and_overdue_items():
    plan = full_plan(year=2027)
    items = rules.due_items(plan, dt.date(2027, 4, 10), within_days=30)
    assert [(i.row.key, i.overdue, i.milestone) for i in items] == [("a1", True, True)]
    plan.rows("action_plan.actions")[0].values["status"] = "done"
    assert rules.due_items(plan, dt.date(2027, 4, 10)) == []


def test_roll_forward_moves_the_plan_on_a_year():
    plan, cycle = full_plan(year=2027), Cycle()
    plan.phase = Phase.MONITORING
    financial = plan.rows("objectives.financial")
    cycle.progress.append(ProgressReview(dt.date(2027, 12, 15), actuals={financial[0].key: 9650.0}))
    new = rules.roll_forward(plan, cycle)
    assert (new.year, new.version, new.phase, new.id) == (2028, 1, Phase.PREPARATION, None)
    assert sorted({r.get("year") for r in new.rows("forecast.rows")}) == [2028, 2029, 2030, 2031, 2032]
    assert len(new.rows("forecast.rows")) == len(plan.rows("forecast.rows"))
    review = new.rows("appendix.performance.last_year")
    assert [(r.get("target"), r.get("actual")) for r in review] == [(9800.0, 9650.0), (33.0, None)]
    stakeholders = new.rows("appendix.account_info.stakeholders")
    assert [r.get("previous_attitude") for r in stakeholders] == ["B", "A", "C"]
    assert plan.year == 2027 and plan.rows("appendix.account_info.stakeholders")[0].get("previous_attitude") == "D"
    from kamplanner.domain.validation import validate

    assert [i for i in validate(new) if i.column == "year"] == []


def test_cycle_record_round_trips_through_json():
    cycle = Cycle(preparation=ready_preparation())
    cycle.steps = {"gather": True, "strategy": True}
    cycle.events.append(rules.PhaseEvent(Phase.DEVELOPMENT, NOW, "王立群", "开始"))
    cycle.reviews.append(
        Review(
            "周海峰",
            "高级经理",
            NOW.date(),
            3,
            Decision.APPROVED,
            4,
            {"return": rules.ReviewAnswer(True, "好")},
            "同意",
        )
    )
    cycle.progress.append(ProgressReview(dt.date(2027, 3, 31), "周海峰", "一季度", {"k1": "A"}, {"f1": 2050.0}))
    data = cycle_to_json(cycle)
    assert cycle_to_json(cycle_from_json(data)) == data


def test_roll_forward_carries_next_years_content_and_leaves_the_new_years_writing_empty():
    from kamplanner.domain.validation import completeness_percent, section_completeness

    plan, cycle = full_plan(year=2027), Cycle()
    plan.phase = Phase.MONITORING
    actions = plan.rows("action_plan.actions")
    actions[0].values["status"] = "done"
    open_keys = [r.key for r in actions[1:] if r.get("status") not in ("done", "dropped")]
    financial = plan.rows("objectives.financial")
    cycle.progress.append(ProgressReview(dt.date(2027, 12, 15), actuals={financial[0].key: 9650.0}))
    assert completeness_percent(section_completeness(plan)) == 100

    new = rules.roll_forward(plan, cycle)
    # Carried: open actions, stakeholders (this year's attitude now the previous one), later years.
    assert [r.key for r in new.rows("action_plan.actions")] == open_keys
    assert [r.get("name") for r in new.rows("appendix.account_info.stakeholders")] == [
        r.get("name") for r in plan.rows("appendix.account_info.stakeholders")
    ]
    assert new.prose["strategy.market_trends"] == plan.prose["strategy.market_trends"]
    # Reset: the executive summary and this year's targets, which start from last year's actual.
    assert all(not new.prose.get(p) for p in rules.RESET_PROSE)
    objectives = new.rows("objectives.financial")
    assert [(r.get("last_actual"), r.get("target")) for r in objectives] == [(9650.0, None), (31.0, None)]
    sections = {s.section.key: s for s in section_completeness(new)}
    assert not sections["summary"].complete
    assert completeness_percent(list(sections.values())) < 100
