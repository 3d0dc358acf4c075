"""The PDF says where the version stands (draft, or approved by whom), and the customer's copy
carries nothing the template marks internal: not in its text, metadata or attachments."""

from __future__ import annotations

import datetime as dt

from kamplanner.domain.audience import Audience
from kamplanner.domain.template import BUDGET, COMPETITORS, FORECAST, OPPORTUNITIES, STAKEHOLDERS, Cell
from kamplanner.domain.values import format_number
from kamplanner.report import render_plan
from tests.factories import full_plan

from .helpers import pages_text, reader, squeeze


def _all_strings(data: bytes) -> str:
    """The text of every page, the metadata, and every attached file's bytes, as one string."""
    pdf = reader(data)
    parts = [page.extract_text() for page in pdf.pages]
    parts += [str(v) for v in (pdf.metadata or {}).values()]
    for name, contents in pdf.attachments.items():
        parts.append(name)
        parts += [c.decode("utf-8", "replace") for c in contents]
    return squeeze("\n".join(parts))


def test_the_customer_version_leaves_out_what_is_internal():
    plan = full_plan()
    left_out = [
        *(r.get(Cell.notes) for r in plan.rows(STAKEHOLDERS)),
        *(r.get(Cell.name) for r in plan.rows(COMPETITORS)),
        *(r.get(Cell.item) for r in plan.rows(BUDGET)),
        *(r.get(Cell.name) for r in plan.rows(OPPORTUNITIES)),
        # (the factory's texts begin with their field's name: "需要加强的领域：**重点**内容。")
        plan.text("appendix.account_info.relationship_plan").split("：")[0],
        plan.text("risks.gaps").split("：")[0],
    ]
    left_out = [squeeze(str(v)) for v in left_out if v]
    assert len(left_out) >= 6
    internal = _all_strings(render_plan(plan))
    assert all(v in internal for v in left_out)  # (the internal copy does have them)
    data = render_plan(plan, audience=Audience.CUSTOMER)
    text = _all_strings(data)
    for value in left_out:
        assert value[:30] not in text, value
    revenue = sum(float(r.get(Cell.revenue) or 0) for r in plan.rows(FORECAST))
    assert format_number(revenue, 0) not in text
    assert reader(data).attachments == {}  # no plan file: it would hold everything
    pages = pages_text(data)
    assert "客户版本" in pages[0] and "审批签字" not in "".join(pages)  # the customer signs nothing
    kept = plan.rows(STAKEHOLDERS)[0].get(Cell.name)
    assert squeeze(str(kept)) in text  # who the people are stays; what we think of them goes
    assert "态度" not in "".join(pages[2:])


def test_the_customer_version_numbers_the_sections_it_has():
    pages = pages_text(render_plan(full_plan(), lang="en", audience=Audience.CUSTOMER))
    contents = squeeze(pages[1])
    assert "1Executivesummary" in contents and "2Strategicchoices" in contents
    assert "Businessrisks" not in contents and "Financialforecast" not in contents
    assert "3Accountobjectives" in contents


def test_a_signed_off_version_prints_its_approval_and_no_draft_mark(demo_portfolio):
    bank = next(p for p in demo_portfolio.list_plans() if p.year == 2026)
    cycle = demo_portfolio.load_cycle(bank.id)
    signed = cycle.signoffs[-1]
    pages = pages_text(demo_portfolio.render_pdf(bank.id, lang="en"))
    cover = squeeze(pages[0])
    assert squeeze(f"Approved by {signed.reviewer} ({signed.role})") in cover
    assert "Internal·approvedversion" in cover and "Phase" not in cover  # not "for review", not "Phase 3"
    assert signed.reviewer in pages[1] and "□ Approved" not in pages[1]
    assert "DRAFT" not in "".join(pages)
    draft = next(p for p in demo_portfolio.list_plans() if p.completeness < 50)
    draft_pages = pages_text(demo_portfolio.render_pdf(draft.id, lang="en"))
    assert squeeze(f"Draft, not yet approved · {draft.completeness} % complete") in squeeze(draft_pages[0])
    assert all("DRAFT" in page for page in draft_pages[1:])


def test_a_draft_cover_says_when_it_was_last_saved_not_a_version_date():
    plan = full_plan()
    plan.saved_at = dt.datetime(2027, 3, 4, 9, 30, tzinfo=dt.UTC)
    cover = pages_text(render_plan(plan, lang="en"))[0]
    assert "Last saved" in cover and "4 March 2027" in cover and "Version date" not in cover
    assert "Page 1 of" not in cover
