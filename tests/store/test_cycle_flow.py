"""One plan through all four phases, twice (roll forward included), on a real database."""

import datetime as dt

import pytest

from kamplanner.domain import planfile
from kamplanner.domain.cycle import STEP_KEYS, Decision, MoveRefused, Preparation, ProgressReview, Review, ReviewAnswer
from kamplanner.domain.edits import SetCell, SetProse
from kamplanner.domain.model import Phase
from kamplanner.services import Conflict
from tests.factories import full_plan


def prepare(portfolio, plan_id, start):
    portfolio.update_preparation(
        plan_id,
        Preparation(
            expectations="收入增长 15%，守住核心系统",
            guidelines="主推信创云",
            development_start=start,
            development_weeks=10,
            review_date=start + dt.timedelta(weeks=11),
            reviewed_in_person=True,
        ),
    )


def go_round(portfolio, plan_id, year):
    plan = portfolio.load_plan(plan_id)
    assert plan.phase is Phase.PREPARATION
    with pytest.raises(MoveRefused, match="no review date is set"):
        portfolio.move_phase(plan_id, Phase.DEVELOPMENT, "王立群")
    prepare(portfolio, plan_id, dt.date(year - 1, 9, 1))
    portfolio.move_phase(plan_id, Phase.DEVELOPMENT, "王立群", "开始制定")
    for step in STEP_KEYS:
        done, total = portfolio.set_step(plan_id, step, True)
    assert (done, total) == (8, 8)

    with pytest.raises(MoveRefused, match="cannot go from plan development straight to implementation"):
        portfolio.move_phase(plan_id, Phase.MONITORING, "王立群")
    plan = portfolio.load_plan(plan_id)
    version = portfolio.save_edits(plan_id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "")])
    with pytest.raises(MoveRefused, match="Executive summary still lacks: Risks in brief"):
        portfolio.move_phase(plan_id, Phase.REVIEW, "王立群")
    version = portfolio.save_edits(plan_id, version, [SetProse("summary.risks", "", "主要风险：竞争对手降价。")])
    portfolio.move_phase(plan_id, Phase.REVIEW, "王立群", "提交审查")

    portfolio.record_review(
        plan_id,
        Review(
            "周海峰",
            "高级经理",
            dt.date(year - 1, 11, 20),
            version,
            Decision.CHANGES_REQUESTED,
            3,
            {"return": ReviewAnswer(False, "请补充投入回报测算")},
        ),
    )
    assert portfolio.load_plan(plan_id).phase is Phase.DEVELOPMENT  # sent back, comments kept
    assert portfolio.load_cycle(plan_id).reviews[-1].answers["return"].comment == "请补充投入回报测算"
    version = portfolio.save_edits(plan_id, version, [SetProse("team.needs", "", "财务部提供投入回报测算。")])
    portfolio.move_phase(plan_id, Phase.REVIEW, "王立群", "修改后再次提交")
    with pytest.raises(MoveRefused, match="must first be approved"):
        portfolio.sign_off(plan_id, "周海峰", "高级经理", dt.date(year - 1, 12, 1))
    portfolio.record_review(
        plan_id, Review("周海峰", "高级经理", dt.date(year - 1, 12, 1), version, Decision.APPROVED, 4)
    )
    signoff = portfolio.sign_off(plan_id, "周海峰", "高级经理", dt.date(year - 1, 12, 1))
    assert signoff.version == version
    assert signoff.fingerprint == planfile.fingerprint(portfolio.load_plan(plan_id))
    portfolio.move_phase(plan_id, Phase.MONITORING, "周海峰", "签批")

    plan = portfolio.load_plan(plan_id)
    first_stakeholder = plan.rows("appendix.account_info.stakeholders")[0]
    better = "A" if first_stakeholder.get("attitude") != "A" else "B"
    new_version = portfolio.record_progress(
        plan_id,
        ProgressReview(
            dt.date(year, 3, 31),
            "周海峰",
            "一季度进展良好",
            {first_stakeholder.key: better},
            {plan.rows("objectives.financial")[0].key: 2500.0},
        ),
    )
    assert new_version == version + 1  # attitudes changed: a new version, the signed one untouched
    after = portfolio.load_plan(plan_id)
    row = after.row("appendix.account_info.stakeholders", first_stakeholder.key)
    assert (row.get("previous_attitude"), row.get("attitude")) == (first_stakeholder.get("attitude"), better)
    signed = portfolio.signed_plan(portfolio.load_cycle(plan_id).signoffs[-1])
    assert planfile.fingerprint(signed) == signoff.fingerprint
    return signoff


def test_one_plan_through_all_four_phases_twice(portfolio):
    plan_id = portfolio.import_json(planfile.dumps(_fresh(2027)))
    first = go_round(portfolio, plan_id, 2027)
    next_id = portfolio.roll_forward(plan_id, "王立群")
    assert portfolio.load_plan(plan_id).phase is Phase.MONITORING  # the old plan stays
    new = portfolio.load_plan(next_id)
    assert (new.year, new.phase) == (2028, Phase.PREPARATION)
    review = new.rows("appendix.performance.last_year")
    assert review[0].get("actual") == 2500.0
    # The actions due in the old year stayed behind or must be re-dated before review.
    new_version = new.version
    portfolio.save_edits(
        next_id,
        new_version,
        [
            _redate(new, "a1", dt.date(2028, 3, 31)),
            # The new year's writing starts empty (roll-forward leaves it for this year): write it.
            SetProse("summary.strategy", "", "新一年的战略。"),
            SetProse("summary.objectives", "", "新一年的目标。"),
            SetProse("summary.risks", "", "新一年的风险。"),
            *[
                SetCell("objectives.financial", r.key, "target", None, 10000.0)
                for r in new.rows("objectives.financial")
            ],
        ],
    )
    second = go_round(portfolio, next_id, 2028)
    assert second.fingerprint != first.fingerprint
    with pytest.raises(MoveRefused, match="roll the plan forward"):
        portfolio.move_phase(next_id, Phase.PREPARATION, "王立群")


def test_a_signed_plan_cannot_be_deleted_and_an_import_cannot_overwrite_its_signed_version(portfolio):
    plan_id = portfolio.import_json(planfile.dumps(_fresh(2027)))
    signoff = go_round(portfolio, plan_id, 2027)
    with pytest.raises(Conflict, match="signed-off version"):
        portfolio.delete_plan(plan_id)
    forged = planfile.loads(signoff.snapshot)
    forged.prose["summary.strategy"] = "篡改后的战略"
    replaced = portfolio.import_json(planfile.dumps(forged), replace=True)
    assert replaced == plan_id
    current = portfolio.load_plan(plan_id)
    assert current.version > signoff.version
    kept = portfolio.load_cycle(plan_id).signoffs[-1]
    assert kept == signoff
    assert planfile.fingerprint(portfolio.signed_plan(kept)) == signoff.fingerprint
    assert portfolio.find_signoffs(signoff.fingerprint) == [(plan_id, signoff)]


def _fresh(year):
    plan = full_plan(year=year)
    plan.phase = Phase.PREPARATION
    return plan


def _redate(plan, key, due):
    from kamplanner.domain.edits import SetCell

    row = plan.row("action_plan.actions", key)
    return SetCell("action_plan.actions", key, "due", row.get("due"), due)
