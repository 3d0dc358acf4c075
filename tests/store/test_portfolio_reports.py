"""The portfolio-wide reports read only what they print, in a few queries: the same reports as
reading every plan whole, one at a time (the straightforward path, kept here as the reference)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import event

from kamplanner import ics, paths
from kamplanner.domain import dashboard, planfile, progress, template
from kamplanner.domain.contacts import open_next_steps
from kamplanner.domain.cycle import Cycle, ProgressReview, SignOff
from kamplanner.domain.dashboard import PlanStatus
from kamplanner.domain.model import Account, Phase, Record, Tier
from kamplanner.domain.progress import ProgressReport
from kamplanner.domain.template import ACTIONS
from kamplanner.report.progress_report import render_progress_report
from kamplanner.services import portfolio_dashboard, progress_report, progress_report_pdf, review_calendar
from kamplanner.store import plans as repo
from kamplanner.store.models import CycleRow, RecordRow
from tests.conftest import sqlite_only

# ---- the straightforward path: every plan and cycle read whole, one query per plan


def reference_report(portfolio, as_of: dt.date) -> ProgressReport:
    period = progress.report_period(as_of)
    accounts = []
    with portfolio.db.transaction() as session:
        summaries = repo.summaries(session)
        for account in progress.key_accounts(repo.list_accounts(session)):
            summary = progress.choose_plan((s for s in summaries if s.account_id == account.id), period.end.year)
            if summary is None:
                accounts.append(progress.AccountProgress(account))
                continue
            plan = repo.load_plan(session, summary.id)
            cycle = repo.load_cycle(session, summary.id)
            accounts.append(progress.account_progress(account, plan, summary, cycle, as_of, period))
    return ProgressReport(as_of, period, progress.add_months(as_of, progress.HORIZON_MONTHS), accounts)


def reference_statuses(portfolio) -> list[PlanStatus]:
    with portfolio.db.transaction() as session:
        cycles = repo.all_cycles(session)
        actions = repo.all_rows(session, ACTIONS)
        summaries = repo.summaries(session)
    # The contact log's next steps: from each account's latest plan, read whole.
    latest = {}
    for s in summaries:
        if s.account_id not in latest or s.year > latest[s.account_id].year:
            latest[s.account_id] = s
    steps = {s.id: open_next_steps(portfolio.load_plan(s.id)) for s in latest.values()}
    return [
        dataclasses.replace(
            PlanStatus.of(s, cycles.get(s.id, Cycle()), actions.get(s.id, [])), next_steps=steps.get(s.id, [])
        )
        for s in summaries
    ]


# ---- a small portfolio with the cases the set-based reads must get right


@pytest.fixture
def mixed_portfolio(demo_portfolio):
    """The demo portfolio and 14 more plans made from it: every tier and phase, accounts with
    plans for several years, a key account with only old plans, sign-offs, cycles without a
    record or with reviews out of order, and action items with cells a hand-edited database
    might hold."""
    templates = [planfile.loads_with_cycle(p.read_bytes()) for p in sorted((paths.demo() / "plans").glob("*.json"))]
    tiers = [Tier.KEY, Tier.IMPORTANT, Tier.GENERAL]
    with demo_portfolio.db.transaction() as session:
        for i in range(10):
            plan, cycle = templates[i % len(templates)]
            plan, cycle = plan.copy(), dataclasses.replace(cycle, progress=list(cycle.progress))
            plan.account.id = None
            plan.uuid = plan.account.uuid = None  # another account's plan: identities of its own
            plan.account.name = f"{plan.account.name} 副本 {i}"
            plan.account.tier = tiers[i % 3]
            plan.phase = list(Phase)[i % 4]
            if i == 4:
                plan.year = 2025  # this key account has only older plans: the latest is chosen
            if i == 7:
                cycle.progress.reverse()  # the last review recorded is not the latest
            plan_id = repo.add_plan(session, plan)
            if i != 5:  # no cycle record at all
                repo.save_cycle(session, plan_id, cycle)
            if plan.phase is Phase.MONITORING:
                repo.add_signoff(
                    session,
                    plan_id,
                    SignOff(
                        "审批人",
                        "高级经理",
                        dt.date(2026, 1, 20),
                        plan.version,
                        planfile.fingerprint(plan),
                        planfile.dumps(plan),
                    ),
                )
                repo.add_signoff(
                    session,
                    plan_id,
                    SignOff("前任", "", dt.date(2025, 1, 20), plan.version - 1, "x" * 64, "{}"),
                )
            if i in (0, 4):  # the same account's plans for other years
                for year in (plan.year - 1, plan.year + 1):
                    other = plan.copy()
                    other.uuid = None
                    other.year, other.phase = year, Phase.MONITORING if year < plan.year else Phase.PREPARATION
                    repo.save_cycle(session, repo.add_plan(session, other), cycle)
        bank = next(s.id for s in repo.summaries(session) if s.account == "浦瀚联合银行")
        odd = [  # cells as a hand-edited database might have them; none of them is done
            {"description": "x" * 80, "due": "2026-11-30", "status": None, "milestone": 1},
            {"description": "no status", "due": "2026-12-01"},
            {"description": "basic form date", "due": "20261202", "milestone": True},
            {"description": "basic form, next year", "due": "20270103"},
            {"description": "not a date", "due": "2026-1-5"},
            {"description": "a number", "due": 20261203},
            {"description": "no due date", "status": "open"},
            {"description": "done", "due": "2026-11-01", "status": "done"},
            {"description": 42, "due": "2026-11-24", "status": "nonsense", "milestone": "yes"},
            {"description": "far ahead", "due": "2031-01-01"},
            {"due": "2026-11-25", "status": "dropped"},
            {"due": "2026-11-26"},
        ]
        session.execute(
            RecordRow.__table__.insert(),
            [
                {"plan_id": bank, "field": ACTIONS, "position": 100 + n, "key": f"odd{n}", "data": data}
                for n, data in enumerate(odd)
            ],
        )
        # a key account whose plan's cycle record is empty
        empty = repo.add_plan(session, dataclasses.replace(templates[3][0].copy(), year=2026, uuid=None))
        session.execute(CycleRow.__table__.insert().values(plan_id=empty, data={}))
        repo.add_account(session, Account("没有规划的关键客户", Tier.KEY, manager="某人"))
    demo_portfolio.record_progress(
        bank, ProgressReview(dt.date(2026, 12, 20), "<i>周</i> & co", "备注\n第二行", {}, {})
    )
    return demo_portfolio


REPORT_DATES = [dt.date(2026, 6, 30), dt.date(2026, 12, 31), dt.date(2027, 1, 20), dt.date(2027, 7, 5)]
TODAYS = [dt.date(2026, 3, 1), dt.date(2026, 11, 23), dt.date(2026, 12, 31), dt.date(2027, 2, 10)]


def _without_snapshots(report: ProgressReport) -> list[tuple]:
    """What the report says, with each plan as far as the report reads it."""
    out = []
    for a in report.accounts:
        plan = a.plan
        seen = None
        if plan is not None:
            tables = {path: plan.rows(path) for path in (template.FINANCIAL, *PRINTED_TABLES)}
            seen = (
                plan.id,
                plan.account,
                plan.year,
                plan.version,
                plan.phase,
                plan.language,
                plan.currency,
                plan.saved_at,
                tables,
            )
        signoff = dataclasses.replace(a.signoff, snapshot="") if a.signoff else None
        out.append((dataclasses.replace(a, plan=None, signoff=signoff), seen))
    return out


PRINTED_TABLES = ("appendix.account_info.stakeholders", ACTIONS, "team.members")


@pytest.mark.parametrize("as_of", REPORT_DATES)
def test_the_progress_report_says_what_reading_every_plan_whole_says(mixed_portfolio, as_of):
    fast, slow = progress_report(mixed_portfolio, as_of), reference_report(mixed_portfolio, as_of)
    assert len(fast.accounts) == len(slow.accounts) >= 9
    assert any(a.plan is None for a in fast.accounts)
    assert _without_snapshots(fast) == _without_snapshots(slow)
    assert (fast.as_of, fast.period, fast.horizon) == (slow.as_of, slow.period, slow.horizon)


@pytest.mark.parametrize(("as_of", "lang"), [(dt.date(2026, 12, 31), "zh_CN"), (dt.date(2027, 1, 20), "en")])
def test_the_progress_report_pdf_is_byte_for_byte_the_straightforward_one(mixed_portfolio, as_of, lang):
    assert progress_report_pdf(mixed_portfolio, as_of, lang) == render_progress_report(
        reference_report(mixed_portfolio, as_of), lang=lang
    )


def test_the_report_reads_only_the_tables_it_prints(mixed_portfolio):
    report = progress_report(mixed_portfolio, dt.date(2026, 12, 31))
    for item in report.accounts:
        if item.plan is not None:
            assert not item.plan.prose
            assert set(item.plan.tables) <= {template.FINANCIAL, *PRINTED_TABLES}


@pytest.mark.parametrize("today", TODAYS)
def test_the_dashboard_is_the_one_from_every_plan_read_whole(mixed_portfolio, today):
    board = portfolio_dashboard(mixed_portfolio, today)
    assert board == dashboard.build(reference_statuses(mixed_portfolio), today)
    assert sum(board.per_phase.values()) == len(mixed_portfolio.list_plans())


def test_the_dashboard_shows_odd_action_items_as_before(mixed_portfolio):
    board = portfolio_dashboard(mixed_portfolio, dt.date(2026, 11, 23))
    shown = {d.what.en for d in [*board.overdue, *board.upcoming]}
    assert {"x" * 57 + "…", "no status", "odd11"} <= shown
    # Python reads 20261202 as a date; so does the fast path, though the text sorts after 2027-01-07
    assert {"basic form date", "basic form, next year"} <= shown
    assert not {"not a date", "a number", "no due date", "done", "far ahead", "odd10"} & shown


@pytest.mark.parametrize("today", TODAYS)
def test_the_calendar_is_the_one_from_every_plan_read_whole(mixed_portfolio, today):
    statuses = reference_statuses(mixed_portfolio)
    expected = ics.calendar(
        sorted(
            dashboard.review_dates(statuses, today) + dashboard.next_step_dates(statuses, today),
            key=lambda d: (d.date, d.account),
        ),
        "en",
        dt.datetime.combine(today, dt.time(), dt.UTC),
    )
    assert review_calendar(mixed_portfolio, today, "en") == expected


def test_open_actions_leave_out_only_what_cannot_be_shown(mixed_portfolio):
    day = dt.date(2026, 12, 31)
    with mixed_portfolio.db.transaction() as session:
        found = repo.open_actions_due_by(session, day)
        everything = repo.all_rows(session, ACTIONS)
    for plan_id, rows in everything.items():
        wanted = [
            Record(r.key, {k: r.get(k) for k in ("due", "status", "milestone", "description") if r.get(k) is not None})
            for r in rows
            if isinstance(r.get("due"), dt.date) and r.get("due") <= day and r.get("status") not in ("done", "dropped")
        ]
        # it may read a few rows more (a due date not written YYYY-MM-DD), never one less
        got = [r for r in found.get(plan_id, []) if isinstance(r.get("due"), dt.date) and r.get("due") <= day]
        assert got == wanted, plan_id


@sqlite_only
def test_the_dashboard_finds_the_action_items_through_the_due_date_index(mixed_portfolio):
    # SQLite uses an index on an expression only when the query writes the same expression:
    # a JSON path sent as a parameter would quietly scan every action item of every plan.
    sent: list[tuple[str, tuple]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        sent.append((statement, parameters))

    engine = mixed_portfolio.db.engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        portfolio_dashboard(mixed_portfolio, dt.date(2026, 11, 23))
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ((statement, parameters),) = [(s, p) for s, p in sent if "FROM record" in s and "due" in s]
    with engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        (index,) = connection.exec_driver_sql("select sql from sqlite_master where name = 'ix_record_field_due'").one()
    assert any("USING INDEX ix_record_field_due" in row[-1] for row in plan), plan
    # ...and reads the due dates out of it: the query holds the index's expression word for word.
    expression = "CAST(CASE WHEN json_valid(data) THEN JSON_EXTRACT(data, '$.\"due\"') END AS VARCHAR)"
    assert expression in index
    assert expression.replace("(data", "(record.data") in statement
