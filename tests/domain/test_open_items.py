"""What is still open at submit and at approval: one list, for the GUI and the command line."""

import datetime as dt

from kamplanner.domain import cycle as rules
from kamplanner.domain.cycle import STEP_KEYS, Cycle, Decision, OpenKind, Review, ReviewAnswer
from kamplanner.domain.model import Phase
from tests.factories import full_plan, healthy_plan


def test_submit_lists_the_unticked_steps_and_nothing_else_on_a_sound_plan():
    plan, cycle = healthy_plan(), Cycle()
    cycle.steps = {k: True for k in STEP_KEYS if k != "write"}
    items = rules.open_items(plan, cycle, rules.SUBMIT)
    assert [(i.kind, i.where, i.blocking) for i in items] == [(OpenKind.STEP, "write", False)]
    assert items[0].describe("en") == "Step not ticked: Write the account plan"
    assert "撰写客户规划" in items[0].describe("zh_CN")
    cycle.steps["write"] = True
    assert rules.open_items(plan, cycle, rules.SUBMIT) == []


def test_submit_marks_empty_sections_and_broken_rules_as_blocking_and_warnings_as_not():
    plan, cycle = healthy_plan(), Cycle(steps={k: True for k in STEP_KEYS})
    plan.prose["summary.risks"] = ""
    plan.rows("strategy.opportunities")[0].values["probability"] = 150.0
    plan.rows("appendix.competition.criteria")[0].values["weight"] = 1.0  # weights no longer add up to 100
    items = rules.open_items(plan, cycle, rules.SUBMIT)
    kinds = {(i.kind, i.blocking) for i in items}
    assert kinds == {(OpenKind.SECTION, True), (OpenKind.PROBLEM, True), (OpenKind.WARNING, False)}
    assert any(i.describe("en") == "Executive summary still lacks: Risks in brief" for i in items)
    assert rules.pending(items) == [i for i in items if i.kind is OpenKind.WARNING]


def test_approval_lists_no_answers_with_their_comment_and_unanswered_questions():
    plan, cycle = full_plan(), Cycle(steps={k: True for k in STEP_KEYS})
    plan.phase = Phase.REVIEW
    answers = {k: ReviewAnswer(True) for k, _ in rules.REVIEW_QUESTIONS}
    answers["return"] = ReviewAnswer(False, "payback unclear")
    del answers["coordination"]
    review = Review("周海峰", "VP", dt.date(2027, 1, 5), plan.version, Decision.APPROVED, 4, answers)
    items = rules.open_items(plan, cycle, rules.APPROVE, review)
    assert [(i.kind, i.where) for i in items] == [(OpenKind.NO, "return"), (OpenKind.UNANSWERED, "coordination")]
    assert items[0].describe("en") == "Answered No: Will the resources spent bring enough return? (payback unclear)"
    assert not any(i.blocking for i in items)
    # Without a review in hand: the latest review of this version, else every question is open.
    assert len(rules.open_items(plan, cycle, rules.APPROVE)) == len(rules.REVIEW_QUESTIONS)
    cycle.reviews.append(review)
    assert rules.open_items(plan, cycle, rules.APPROVE) == items


def test_other_phases_have_nothing_open():
    plan, cycle = full_plan(), Cycle()
    assert rules.open_items(plan, cycle, Phase.PREPARATION) == []
    assert rules.open_items(plan, cycle, Phase.MONITORING) == []


def test_submit_lists_the_failing_health_checks_without_blocking():
    plan, cycle = full_plan(), Cycle(steps={k: True for k in STEP_KEYS})  # its 2027 forecast is short of target
    items = rules.open_items(plan, cycle, rules.SUBMIT)
    assert [(i.kind, i.where, i.blocking) for i in items] == [(OpenKind.HEALTH, "forecast_target", False)]
    assert "2,100 is 7,700 short of the revenue target of 9,800" in items[0].describe("en")
    assert "比收入目标 9,800 少 7,700" in items[0].describe("zh_CN")
    assert rules.pending(items) == items
