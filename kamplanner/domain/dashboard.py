"""The portfolio at a glance: plans per phase, reviews due, overdue items, coming deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from .contacts import NextStep
from .cycle import Cycle, Preparation, half_year_report_dates, next_review_date
from .model import Phase, PlanSummary, Record, Tier
from .template import Cell, Text


class DeadlineKind(StrEnum):
    DEVELOPMENT_END = "development_end"
    SENIOR_REVIEW = "senior_review"
    PROGRESS_REVIEW = "progress_review"
    COLLECTIVE_REVIEW = "collective_review"
    HALF_YEAR_REPORT = "half_year_report"
    ACTION = "action"
    MILESTONE = "milestone"
    NEXT_STEP = "next_step"  # a contact's next step, still open (domain/contacts.py)


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: DeadlineKind
    what: Text
    plan_id: int | None = None  # None: a portfolio-wide date
    account: str = ""


@dataclass(frozen=True)
class CycleDates:
    """The few dates of a plan's cycle record that the dashboard and the calendar read."""

    review_date: dt.date | None = None  # the senior manager's review
    development_end: dt.date | None = None
    last_progress: dt.date | None = None  # of the last progress review recorded

    @classmethod
    def of(cls, cycle: Cycle) -> CycleDates:
        prep = cycle.preparation
        last = cycle.progress[-1].date if cycle.progress else None
        return cls(prep.review_date, prep.development_end, last)

    @classmethod
    def from_json(
        cls, review_date: object, development_start: object, development_weeks: object, last_progress: object
    ) -> CycleDates:
        """From the values of the cycle record (cycle_to_json's output), read as cycle_from_json reads them."""
        prep = Preparation(
            development_start=_date(development_start),
            development_weeks=int(development_weeks or 10),  # type: ignore[call-overload]
            review_date=_date(review_date),
        )
        last = dt.date.fromisoformat(last_progress) if isinstance(last_progress, str) else None
        return cls(prep.review_date, prep.development_end, last)


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass(frozen=True)
class PlanStatus:
    """What the dashboard needs to know of one plan: its summary, its cycle's dates, its action items
    (only those that can be overdue or coming up will do)."""

    summary: PlanSummary
    dates: CycleDates
    actions: list[Record] = field(default_factory=list)
    # The open next steps of the account's contact log (only on the account's current plan,
    # so a log a plan rolled forward still carries is not counted twice).
    next_steps: list[NextStep] = field(default_factory=list)

    @classmethod
    def of(cls, summary: PlanSummary, cycle: Cycle, actions: list[Record] | None = None) -> PlanStatus:
        return cls(summary, CycleDates.of(cycle), actions or [])


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    per_phase: dict[Phase, int]
    reviews_this_month: list[Deadline]
    overdue: list[Deadline]
    upcoming: list[Deadline]


def review_dates(statuses: list[PlanStatus], today: dt.date) -> list[Deadline]:
    """Every review date from today on: senior reviews, progress reviews at the tier's cadence,
    the one collective review of the general accounts, and the 6-monthly key-account reports."""
    found: list[Deadline] = []
    general_years: set[int] = set()
    key_years: set[int] = set()
    for status in statuses:
        s, dates = status.summary, status.dates
        if s.phase in (Phase.PREPARATION, Phase.DEVELOPMENT, Phase.REVIEW):
            review = dates.review_date
            if review and review >= today:
                found.append(
                    Deadline(
                        review,
                        DeadlineKind.SENIOR_REVIEW,
                        Text(f"高级经理审查：{s.account} {s.year}", f"Senior review: {s.account} {s.year}"),
                        s.id,
                        s.account,
                    )
                )
            end = dates.development_end
            if s.phase is Phase.DEVELOPMENT and end and end >= today:
                found.append(
                    Deadline(
                        end,
                        DeadlineKind.DEVELOPMENT_END,
                        Text(f"计划制定截止：{s.account} {s.year}", f"Plan development ends: {s.account} {s.year}"),
                        s.id,
                        s.account,
                    )
                )
        if s.phase is Phase.MONITORING:
            if s.tier is Tier.GENERAL:
                general_years.add(max(s.year, today.year))
                continue
            last = dates.last_progress
            after = max(today - dt.timedelta(days=1), last) if last else today - dt.timedelta(days=1)
            due = next_review_date(s.tier, after, s.year)
            found.append(
                Deadline(
                    due,
                    DeadlineKind.PROGRESS_REVIEW,
                    Text(f"进度审查：{s.account}", f"Progress review: {s.account}"),
                    s.id,
                    s.account,
                )
            )
            if s.tier is Tier.KEY:
                key_years.add(max(s.year, today.year))
    for year in sorted(general_years):
        due = next_review_date(Tier.GENERAL, today - dt.timedelta(days=1), year)
        found.append(
            Deadline(
                due,
                DeadlineKind.COLLECTIVE_REVIEW,
                Text("一般客户年度集体进度审查", "Collective progress review of the general accounts"),
            )
        )
    for year in sorted(key_years):
        for report in half_year_report_dates(year):
            if report >= today:
                found.append(
                    Deadline(
                        report,
                        DeadlineKind.HALF_YEAR_REPORT,
                        Text("关键客户半年进度报告", "Six-monthly progress report on the key accounts"),
                    )
                )
    return sorted(found, key=lambda d: (d.date, d.account))


def next_step_deadline(s: PlanSummary, step: NextStep) -> Deadline:
    """A contact's open next step as the dashboard and the calendar show it."""
    text = step.what if len(step.what) <= 60 else step.what[:57] + "…"
    who = "、".join(step.people), ", ".join(step.people)
    zh = f"下一步：{text}" + (f"（{who[0]}）" if step.people else "")
    en = f"Next step: {text}" + (f" ({who[1]})" if step.people else "")
    return Deadline(step.due, DeadlineKind.NEXT_STEP, Text(zh, en), s.id, s.account)


def next_step_dates(statuses: list[PlanStatus], today: dt.date) -> list[Deadline]:
    """The open next steps from today on, for the calendar."""
    found = [next_step_deadline(st.summary, step) for st in statuses for step in st.next_steps if step.due >= today]
    return sorted(found, key=lambda d: (d.date, d.account))


def build(statuses: list[PlanStatus], today: dt.date, horizon_days: int = 45) -> Dashboard:
    per_phase = {phase: 0 for phase in Phase}
    overdue: list[Deadline] = []
    upcoming: list[Deadline] = []
    horizon = today + dt.timedelta(days=horizon_days)
    for status in statuses:
        s = status.summary
        per_phase[s.phase] += 1
        for row in status.actions:
            due = row.get(Cell.due)
            if not isinstance(due, dt.date) or row.get(Cell.status) in ("done", "dropped"):
                continue
            milestone = bool(row.get(Cell.milestone))
            kind = DeadlineKind.MILESTONE if milestone else DeadlineKind.ACTION
            text = str(row.get(Cell.description) or row.key)
            short = text if len(text) <= 60 else text[:57] + "…"
            deadline = Deadline(due, kind, Text(short, short), s.id, s.account)
            if due < today and s.phase is Phase.MONITORING:
                overdue.append(deadline)
            elif today <= due <= horizon:
                upcoming.append(deadline)
        for step in status.next_steps:
            deadline = next_step_deadline(s, step)
            if step.due < today:
                overdue.append(deadline)
            elif step.due <= horizon:
                upcoming.append(deadline)
    dates = review_dates(statuses, today)
    month_end = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    reviews_this_month = [d for d in dates if d.date <= month_end and d.kind is not DeadlineKind.DEVELOPMENT_END]
    upcoming.extend(d for d in dates if d.date <= horizon)
    return Dashboard(
        today=today,
        per_phase=per_phase,
        reviews_this_month=reviews_this_month,
        overdue=sorted(overdue, key=lambda d: (d.date, d.account)),
        upcoming=sorted(upcoming, key=lambda d: (d.date, d.account)),
    )
