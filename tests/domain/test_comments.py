"""Where a comment on a page sits in the plan, from the layout a plan PDF carries."""

from __future__ import annotations

import datetime as dt

from kamplanner.domain.comments import LayoutMark, Place, clean_comment, pdf_date, place

MARKS = [
    LayoutMark(2, 767.9, "signoff"),
    LayoutMark(3, 767.9, "contents"),
    LayoutMark(4, 767.9, "s:summary"),
    LayoutMark(4, 730.5, "f:summary.strategy"),
    LayoutMark(4, 443.9, "f:summary.risks"),
    LayoutMark(20, 767.9, "s:appendix"),
    LayoutMark(20, 700.0, "p:appendix.account_info"),
    LayoutMark(21, 767.9, "p:changes"),
    LayoutMark(22, 767.9, "p:comments"),
]


def test_a_comment_belongs_to_the_last_heading_above_it():
    assert place(MARKS, 1, 400) == Place("account")  # the cover
    assert place(MARKS, 2, 300) == Place("signoff")
    assert place(MARKS, 4, 750) == Place("summary")  # under the section title, above its first field
    assert place(MARKS, 4, 600) == Place("summary", "summary.strategy")
    assert place(MARKS, 4, 100) == Place("summary", "summary.risks")
    assert place(MARKS, 5, 700) == Place("summary", "summary.risks")  # the field runs on to the next page
    assert place(MARKS, 20, 650) == Place("appendix", "appendix.account_info")
    assert place(MARKS, 21, 500) == Place("appendix") and place(MARKS, 22, 500) == Place("appendix")


def test_the_contents_page_and_pages_far_past_the_plan_are_no_place():
    assert place(MARKS, 3, 500) is None
    assert place(MARKS, 500, 500) is None
    assert place([], 2, 500) is None


def test_pdf_dates_and_comment_text():
    assert pdf_date("D:20261201093000+08'00'") == dt.datetime(
        2026, 12, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
    )
    assert pdf_date("D:20261201093000Z") == dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    assert pdf_date("D:20261399") is None and pdf_date("yesterday") is None
    assert clean_comment("  a\r\nb\x1b[2J\x00c  ") == "a\nb[2Jc"
    assert len(clean_comment("x" * 50_000)) == 20_000
