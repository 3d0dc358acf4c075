"""The contact log across the portfolio: next steps in the dashboard and the calendar, and a
demo portfolio whose contact histories show stale decision makers and attitude changes."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from kamplanner.domain import contacts
from kamplanner.domain.dashboard import DeadlineKind
from kamplanner.domain.template import CONTACTS
from kamplanner.services import NewContact, portfolio_dashboard, review_calendar

TODAY = dt.date(2026, 11, 23)


def _plans(portfolio):
    return {s.account: portfolio.load_plan(s.id) for s in portfolio.list_plans()}


def test_open_next_steps_are_in_the_dashboard(demo_portfolio):
    board = portfolio_dashboard(demo_portfolio, TODAY)
    overdue = [d.what.en for d in board.overdue if d.kind is DeadlineKind.NEXT_STEP]
    upcoming = [(d.date, d.what.zh) for d in board.upcoming if d.kind is DeadlineKind.NEXT_STEP]
    assert overdue == [
        "Next step: 把合同文本发给法务审阅 (顾文涛)",
        "Next step: Revise the cost model with the new wafer prices (Anna Lim)",
    ]
    assert upcoming == [
        (dt.date(2026, 11, 30), "下一步：按两批上线修改方案并报价（林佩华、许嘉宁）"),
        (
            dt.date(2026, 12, 5),
            "下一步：Send the pilot-line proposal with timeline（Victor Liang、Helen Xu、Anna Lim）",
        ),
        (dt.date(2026, 12, 10), "下一步：提交全面推广方案和投资回报测算（邵启明、林佩华）"),
        (dt.date(2026, 12, 15), "下一步：提交 2027 年合作方案（许文涛、梁志宏）"),
    ]


def test_a_contact_that_follows_up_closes_the_next_step(demo_portfolio):
    bank = next(s for s in demo_portfolio.list_plans() if s.account == "浦瀚联合银行")
    demo_portfolio.log_contact(bank.id, NewContact(dt.date(2026, 11, 24), "call", "合同文本已发", theirs=("顾文涛",)))
    board = portfolio_dashboard(demo_portfolio, TODAY + dt.timedelta(days=1))
    assert not [d for d in board.overdue if d.kind is DeadlineKind.NEXT_STEP and d.plan_id == bank.id]


def test_the_calendar_carries_the_next_steps_from_today_on(demo_portfolio):
    events = Calendar.from_ical(review_calendar(demo_portfolio, TODAY, "en")).walk("VEVENT")
    steps = sorted(
        (e.decoded("dtstart"), str(e.get("summary")))
        for e in events
        if "next_step" in str(e.get("categories").to_ical())
    )
    assert [day for day, _ in steps] == [
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 5),
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 15),
    ]
    assert steps[0][1].startswith("Next step: 按两批上线修改方案并报价")


def test_the_demo_has_contact_histories_with_stale_decision_makers_and_attitude_changes(demo_portfolio):
    plans = _plans(demo_portfolio)
    with_log = {name: p for name, p in plans.items() if p.rows(CONTACTS)}
    assert len(with_log) == 3
    for plan in with_log.values():
        assert len(plan.rows(CONTACTS)) >= 7
        assert {r.get("date").year for r in plan.rows(CONTACTS)} == {2026}
        assert contacts.stale_deciders(plan, TODAY), plan.account.name  # someone not seen > 90 days
    bank = plans["浦瀚联合银行"]
    assert [s.name for s in contacts.stale_deciders(bank, TODAY)] == ["严俊"]
    cycle = demo_portfolio.load_cycle(bank.id)
    changed = [c for c in contacts.review_contacts(bank, cycle) if c.changed]
    assert len(changed) >= 5
    gu = next(c for c in changed if c.name == "顾文涛")
    assert (gu.before, gu.after, [r.key for r in gu.contacts]) == ("C", "B", ["c7"])
