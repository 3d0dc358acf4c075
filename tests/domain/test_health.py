"""Plan health: each check passes on a sound plan and fails, naming what, when it breaks."""

from __future__ import annotations

import pytest

from kamplanner.domain import analysis, health
from kamplanner.domain.health import CheckKey
from kamplanner.domain.model import Record
from kamplanner.domain.template import QUALIFICATION_QUESTIONS
from kamplanner.domain.validation import Severity
from tests.factories import healthy_plan


def result(plan, key):
    return next(c for c in health.check(plan) if c.key is key)


def test_a_sound_plan_passes_every_check_in_a_fixed_order():
    checks = health.check(healthy_plan())
    assert [c.key for c in checks] == list(CheckKey)
    assert all(c.passed for c in checks), [c.describe("en") for c in checks if not c.passed]
    assert health.failing(healthy_plan()) == []


def test_the_first_forecast_year_must_reach_the_revenue_target():
    plan = healthy_plan()
    assert result(plan, CheckKey.FORECAST_TARGET).message("en") == "2027 forecast 9,800, target 9,800"
    plan.rows("forecast.rows")[0].values["revenue"] = 4000.0
    failed = result(plan, CheckKey.FORECAST_TARGET)
    assert not failed.passed and failed.section == "forecast"
    assert failed.message("en") == "the 2027 forecast revenue of 8,900 is 900 short of the revenue target of 9,800"
    assert failed.message("zh_CN") == "2027 年预测收入 8,900，比收入目标 9,800 少 900"
    plan.rows("forecast.rows")[0].values["revenue"] = 4900 - 9800 * health.TARGET_TOLERANCE  # within tolerance
    assert result(plan, CheckKey.FORECAST_TARGET).passed


def test_without_a_revenue_target_both_figure_checks_say_so():
    plan = healthy_plan()
    plan.tables["objectives.financial"] = [r for r in plan.rows("objectives.financial") if r.key != "f1"]
    for key in (CheckKey.FORECAST_TARGET, CheckKey.PIPELINE_GAP):
        assert result(plan, key).message("en") == "the financial objectives have no revenue target"


def test_the_weighted_pipeline_must_cover_the_gap_to_target():
    plan = healthy_plan()
    assert result(plan, CheckKey.PIPELINE_GAP).message("en") == "weighted pipeline 1,280, gap 1,200"
    plan.row("strategy.opportunities", "o1").values["probability"] = 50.0  # 1,280 - 240 = 1,040
    failed = result(plan, CheckKey.PIPELINE_GAP)
    assert not failed.passed
    assert (
        failed.message("en") == "the weighted pipeline of 1,040 does not cover the gap to target of 1,200 (160 short)"
    )
    plan.row("objectives.financial", "f1").values["target"] = 8000.0  # below last year's actual: no gap
    assert result(plan, CheckKey.PIPELINE_GAP).passed


def test_every_objective_needs_an_action_that_is_not_dropped():
    plan = healthy_plan()
    plan.row("action_plan.actions", "a2").values["status"] = "dropped"
    failed = result(plan, CheckKey.OBJECTIVES_ACTIONS)
    assert not failed.passed and failed.section == "objectives"
    assert failed.message("en") == "no action works towards: Revenue"
    plan.row("objectives.financial", "f1").values["label"] = "云业务收入"
    assert result(plan, CheckKey.OBJECTIVES_ACTIONS).message("zh_CN") == "没有行动指向这些目标：云业务收入"


def test_a_doubting_decision_maker_needs_an_action_aimed_at_them():
    plan = healthy_plan()
    qian = plan.row("appendix.account_info.stakeholders", "k2")
    qian.values["attitude"] = "E"
    failed = result(plan, CheckKey.DECISION_MAKERS)
    assert not failed.passed and failed.severity is Severity.ERROR
    assert failed.message("en") == "no action is aimed at: 钱工 (E)"
    # An evaluator who doubts is not a decision maker; an action aimed at 钱工 settles it.
    qian.values["role"] = "evaluator"
    assert result(plan, CheckKey.DECISION_MAKERS).passed
    qian.values["role"] = "decision_maker"
    plan.row("action_plan.actions", "a2").values["aimed_at"] = "k2"
    assert result(plan, CheckKey.DECISION_MAKERS).message("en") == "an action is aimed at each of the 1"


def test_every_action_is_owned_by_someone_on_the_team():
    plan = healthy_plan()
    plan.row("action_plan.actions", "a2").values["owner"] = "m9"  # left the team
    failed = result(plan, CheckKey.ACTION_OWNERS)
    assert not failed.passed and failed.section == "action_plan"
    assert failed.message("en") == "not owned by a team member: #2 完成核心系统迁移"


def test_large_opportunities_must_answer_every_question():
    plan = healthy_plan()
    assert analysis.value_threshold(plan) == 587.5
    plan.row("strategy.opportunities", "o2").values.pop("q_unique")
    failed = result(plan, CheckKey.QUALIFIED)
    assert not failed.passed
    assert failed.message("en") == "large opportunities (value 587.5 or more) not yet qualified: 灾备中心"
    # Small ones (运维外包 answers three questions) are not asked.
    assert [r.key for r in analysis.large_unqualified(plan)] == ["o2"]


@pytest.mark.parametrize(
    ("answers", "score", "answered", "text"),
    [
        ({}, 0, 0, ""),
        (dict.fromkeys(QUALIFICATION_QUESTIONS, "yes"), 16, 8, "16/16"),
        (dict.fromkeys(QUALIFICATION_QUESTIONS, "no"), 0, 8, "0/16"),
        ({"q_need": "yes", "q_value": "partly", "q_fit": "no"}, 3, 3, "3/16 (3/8)"),
    ],
)
def test_the_qualification_score_is_two_for_yes_one_for_partly(answers, score, answered, text):
    q = analysis.qualification(Record("o", {"name": "x", **answers}))
    assert (q.score, q.answered, q.text()) == (score, answered, text)
    assert q.qualified is (answered == 8)


def test_the_pipeline_by_stage_keeps_the_funnel_order():
    plan = healthy_plan()
    plan.row("strategy.opportunities", "o4").values["stage"] = "ours"
    by_stage = analysis.pipeline_by_stage(plan)
    assert list(by_stage) == ["potential", "project", "ours"]
    assert by_stage["ours"].total == 1250 and by_stage["ours"].count == 2
    assert by_stage["project"].weighted == pytest.approx(270)
    plan.row("strategy.opportunities", "o3").values.pop("stage")
    assert list(analysis.pipeline_by_stage(plan)) == ["project", "ours", None]


def test_a_plan_file_without_stage_questions_or_links_still_loads_and_is_checked():
    """Files written before these columns existed simply lack them."""
    import json

    from kamplanner.domain import planfile
    from tests.factories import full_plan

    document = json.loads(planfile.dumps(full_plan()))
    new = {"stage", *QUALIFICATION_QUESTIONS}
    for row in document["sections"]["strategy"]["opportunities"]:
        for key in new:
            del row[key]
    for row in document["sections"]["action_plan"]["actions"]:
        del row["objective"], row["aimed_at"]
    plan = planfile.loads(json.dumps(document, ensure_ascii=False))
    assert next(r.get("name") for r in plan.rows("strategy.opportunities")) == "核心系统上云"
    assert all(r.get("stage") is None for r in plan.rows("strategy.opportunities"))
    failed = {c.key for c in health.failing(plan)}
    assert failed == {CheckKey.FORECAST_TARGET, CheckKey.OBJECTIVES_ACTIONS, CheckKey.QUALIFIED}
