"""Versions that mean something, on a real database: autosaves are revisions; submitting,
signing off and "Save as version" number the plan; the PDF prints the number and fingerprint."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from kamplanner.domain import planfile
from kamplanner.domain.actor import Actor, Role
from kamplanner.domain.changelog import ChangeKind
from kamplanner.domain.cycle import Decision, Review
from kamplanner.domain.edits import SetProse
from kamplanner.domain.model import Phase
from kamplanner.domain.policy import NotAllowed
from kamplanner.domain.versions import MAX_NOTE, NoteTooLong, NothingToSave, VersionKind, VersionLabel
from kamplanner.services import Portfolio, render_signed, verify_pdf
from tests.factories import full_plan


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def autosave(portfolio, plan_id, times):
    for i in range(times):
        plan = portfolio.load_plan(plan_id)
        portfolio.save_edits(plan_id, plan.version, [SetProse("team.needs", plan.text("team.needs"), f"needs {i}")])


def in_development(portfolio):
    plan = full_plan(2027)
    plan.phase = Phase.DEVELOPMENT
    return portfolio.import_json(planfile.dumps(plan))


def test_autosaves_move_the_revision_not_the_version(portfolio):
    plan_id = in_development(portfolio)
    first = portfolio.load_plan(plan_id).version
    autosave(portfolio, plan_id, 40)
    plan = portfolio.load_plan(plan_id)
    assert plan.version == first + 40
    assert plan.versions == [] and plan.version_label == VersionLabel(1, True)
    (summary,) = portfolio.list_plans()
    assert summary.version_label == VersionLabel(1, True)
    text = pdf_text(portfolio.render_pdf(plan_id, lang="en"))
    assert f"Version 1 (draft) · fingerprint {planfile.fingerprint(plan)[:12]}" in text
    assert "Version 41" not in text and "version 41" not in text


def test_submit_numbers_the_plan_and_sign_off_signs_that_very_version(portfolio):
    plan_id = in_development(portfolio)
    autosave(portfolio, plan_id, 5)
    portfolio.move_phase(plan_id, Phase.REVIEW, "王立群", "提交审阅")
    plan = portfolio.load_plan(plan_id)
    (v1,) = plan.versions
    assert (v1.number, v1.kind, v1.revision) == (1, VersionKind.SUBMITTED, plan.version)
    assert v1.fingerprint == planfile.fingerprint(plan) and v1.note == "提交审阅"
    assert plan.version_label == VersionLabel(1, False)

    review = Review("周海峰", "高级经理", dt.date(2026, 12, 1), plan.version, Decision.APPROVED, 4)
    portfolio.record_review(plan_id, review)
    signoff = portfolio.sign_off(plan_id, "周海峰", "高级经理", dt.date(2026, 12, 1))
    assert signoff.number == 1 and signoff.fingerprint == v1.fingerprint  # what the reviewer saw
    assert [v.number for v in portfolio.load_plan(plan_id).versions] == [1]  # no new number
    assert portfolio.load_cycle(plan_id).signoffs[-1].number == 1

    signed = render_signed(portfolio.load_cycle(plan_id).signoffs[-1], lang="en")
    text = pdf_text(signed)
    assert "I have reviewed version 1 of the 2027 key account plan" in text
    assert f"Version 1 · fingerprint {v1.fingerprint[:12]}" in text and "(draft)" not in text
    result = verify_pdf(portfolio, signed)
    assert result.matches_version and result.version == 1

    kinds = [c.change.kind for c in portfolio.history(plan_id)]
    assert kinds.count(ChangeKind.VERSION) == 1


def test_sign_off_after_an_adjustment_in_review_makes_the_next_version(portfolio):
    plan_id = in_development(portfolio)
    portfolio.move_phase(plan_id, Phase.REVIEW, "王立群")
    plan = portfolio.load_plan(plan_id)
    # The senior manager adjusts the plan during the review (an account manager may not).
    reviewer = Portfolio(portfolio.db, actor=Actor("周海峰", Role.SENIOR_MANAGER))
    version = reviewer.save_edits(plan_id, plan.version, [SetProse("team.needs", plan.text("team.needs"), "调整后")])
    reviewer.record_review(plan_id, Review("周海峰", "高级经理", dt.date(2026, 12, 1), version, Decision.APPROVED, 4))
    signoff = reviewer.sign_off(plan_id, "周海峰", "高级经理", dt.date(2026, 12, 1))
    versions = portfolio.load_plan(plan_id).versions
    assert [(v.number, v.kind) for v in versions] == [(1, VersionKind.SUBMITTED), (2, VersionKind.SIGNED_OFF)]
    assert signoff.number == 2 and versions[1].revision == signoff.version == version


def test_save_as_version_with_a_note_and_nothing_to_save_twice(portfolio):
    plan_id = in_development(portfolio)
    autosave(portfolio, plan_id, 3)
    made = portfolio.save_version(plan_id, "给客户看的\x07版本\n第一稿")
    assert (made.number, made.kind, made.note) == (1, VersionKind.SAVED, "给客户看的 版本 第一稿")
    with pytest.raises(NothingToSave, match="unchanged since version 1"):
        portfolio.save_version(plan_id, "again")
    autosave(portfolio, plan_id, 2)
    assert portfolio.load_plan(plan_id).version_label == VersionLabel(2, True)
    revision = portfolio.load_plan(plan_id).version
    with pytest.raises(NoteTooLong):
        portfolio.save_version(plan_id, "x" * (MAX_NOTE + 1))
    assert [v.number for v in portfolio.versions(plan_id)] == [1]  # nothing written
    assert portfolio.load_plan(plan_id).version == revision
    second = portfolio.save_version(plan_id, "")
    assert second.number == 2
    text = pdf_text(portfolio.render_pdf(plan_id, lang="zh_CN"))
    assert "第 2 版 · 指纹" in text and "（草稿）" not in text and "草稿，" not in text
    assert "尚未批准" in text  # numbered is not approved: the draft mark stays until sign-off


def test_an_account_manager_may_not_save_a_version_of_a_plan_under_review(portfolio):
    plan_id = in_development(portfolio)
    portfolio.move_phase(plan_id, Phase.REVIEW, "王立群")
    manager = Portfolio(portfolio.db, actor=Actor("王立群", Role.ACCOUNT_MANAGER))
    with pytest.raises(NotAllowed, match=r"save a version of the plan .* under senior review"):
        manager.save_version(plan_id, "")
