import datetime as dt

from kamplanner.domain.dashboard import DeadlineKind
from kamplanner.domain.model import Phase
from kamplanner.services import portfolio_dashboard, review_calendar

TODAY = dt.date(2026, 11, 23)


def test_the_demo_portfolio_at_a_glance(demo_portfolio):
    board = portfolio_dashboard(demo_portfolio, TODAY)
    assert board.per_phase[Phase.DEVELOPMENT] >= 1 and board.per_phase[Phase.MONITORING] >= 1
    assert sum(board.per_phase.values()) == len(demo_portfolio.list_plans())
    assert [d.kind for d in board.reviews_this_month] == [DeadlineKind.SENIOR_REVIEW]
    assert board.overdue and all(d.date < TODAY for d in board.overdue)
    assert all(TODAY <= d.date <= TODAY + dt.timedelta(days=45) for d in board.upcoming)
    kinds = {d.kind for d in board.upcoming}
    assert {DeadlineKind.DEVELOPMENT_END, DeadlineKind.PROGRESS_REVIEW, DeadlineKind.HALF_YEAR_REPORT} <= kinds


def test_review_dates_export_as_an_ics_calendar(demo_portfolio):
    from icalendar import Calendar

    data = review_calendar(demo_portfolio, TODAY, "en")
    assert data == review_calendar(demo_portfolio, TODAY, "en")  # reproducible
    events = Calendar.from_ical(data).walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any(s.startswith("Senior review: Jadewave") for s in summaries)
    assert "Six-monthly progress report on the key accounts" in summaries
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert all(e.decoded("DTSTART") >= TODAY for e in events)
