"""The 6-monthly progress report on the key accounts: the period it covers and what it says of each plan.

Everything is worked out as of the report date, never the clock: progress reviews recorded
after it are left out, actuals are the latest recorded up to it, and items count as overdue
when they were due before it. The plan itself is read as it is now (its action items' status,
its stakeholders' attitudes): the store keeps no history of those between versions.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .analysis import attitude_change
from .cycle import Cycle, DueItem, ProgressReview, SignOff, due_items, half_year_report_dates, next_review_date
from .model import Account, Phase, Plan, PlanSummary, Record, Tier
from .template import FINANCIAL, STAKEHOLDERS, Cell

HORIZON_MONTHS = 6  # milestones this far ahead of the report date are "coming up"


@dataclass(frozen=True)
class Period:
    """One half of a year, first and last day included."""

    start: dt.date
    end: dt.date

    @property
    def half(self) -> int:
        return 1 if self.end.month == 6 else 2

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def report_period(as_of: dt.date) -> Period:
    """The half-year that ends on or before ``as_of`` (30 June or 31 December)."""
    first_half_end, second_half_end = half_year_report_dates(as_of.year)
    if as_of >= second_half_end:
        return Period(dt.date(as_of.year, 7, 1), second_half_end)
    if as_of >= first_half_end:
        return Period(dt.date(as_of.year, 1, 1), first_half_end)
    return Period(dt.date(as_of.year - 1, 7, 1), dt.date(as_of.year - 1, 12, 31))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it is shorter (31 Aug → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class ObjectiveProgress:
    """A financial objective with the latest actual recorded in a progress review."""

    row: Record
    target: float | None
    actual: float | None
    actual_on: dt.date | None  # the review that recorded it

    @property
    def attainment(self) -> float | None:
        """Actual as a percentage of the target."""
        if self.actual is None or not self.target:
            return None
        return self.actual / self.target * 100


@dataclass(frozen=True)
class AttitudeChange:
    row: Record  # the stakeholder
    before: str  # attitude at the last review, A..E
    now: str

    @property
    def better(self) -> bool:
        return attitude_change(self.row) > 0


@dataclass(frozen=True)
class AccountProgress:
    """What the report says of one key account and its plan (``plan`` is None when it has none)."""

    account: Account
    plan: Plan | None = None
    summary: PlanSummary | None = None
    signoff: SignOff | None = None
    reviews_in_period: list[ProgressReview] = field(default_factory=list)
    earlier_reviews: list[ProgressReview] = field(default_factory=list)  # in the plan year, before the period
    later_reviews: list[ProgressReview] = field(default_factory=list)  # after the period, up to the report date
    last_review: ProgressReview | None = None
    next_review: dt.date | None = None  # at the tier's cadence after the last one; None before phase 4
    review_overdue: bool = False  # the next review was due before the report date
    objectives: list[ObjectiveProgress] = field(default_factory=list)
    attitude_changes: list[AttitudeChange] = field(default_factory=list)
    overdue: list[DueItem] = field(default_factory=list)
    milestones: list[DueItem] = field(default_factory=list)  # open, due within the horizon

    @property
    def monitoring(self) -> bool:
        return self.plan is not None and self.plan.phase is Phase.MONITORING


@dataclass(frozen=True)
class ProgressReport:
    as_of: dt.date
    period: Period
    horizon: dt.date  # milestones up to this day are listed
    accounts: list[AccountProgress]


def choose_plan(plans: Iterable[PlanSummary], year: int) -> PlanSummary | None:
    """An account's plan for a report on ``year``: that year's plan, else its latest."""
    candidates = list(plans)
    same_year = [p for p in candidates if p.year == year]
    if same_year:
        return same_year[0]
    return max(candidates, key=lambda p: (p.year, p.id), default=None)


def account_progress(
    account: Account,
    plan: Plan,
    summary: PlanSummary,
    cycle: Cycle,
    as_of: dt.date,
    period: Period | None = None,
) -> AccountProgress:
    period = period or report_period(as_of)
    horizon = add_months(as_of, HORIZON_MONTHS)
    reviews = sorted((r for r in cycle.progress if r.date <= as_of), key=lambda r: r.date)
    in_period = [r for r in reviews if r.date in period]
    earlier = [r for r in reviews if r.date < period.start and r.date.year >= plan.year]
    later = [r for r in reviews if r.date > period.end]
    last = reviews[-1] if reviews else None

    next_review = None
    if plan.phase is Phase.MONITORING:
        if last is not None:
            after = last.date
        else:
            entered = cycle.entered(Phase.MONITORING)
            signoff = cycle.signed(plan.version) or cycle.last_signoff
            after = entered.at.date() if entered else signoff.date if signoff else as_of - dt.timedelta(days=1)
        next_review = next_review_date(account.tier, after, plan.year)

    actuals: dict[str, tuple[float, dt.date]] = {}
    for review in reviews:
        for key, value in review.actuals.items():
            actuals[key] = (value, review.date)
    objectives = []
    for row in plan.rows(FINANCIAL):
        target = row.get(Cell.target)
        found = actuals.get(row.key)
        objectives.append(
            ObjectiveProgress(
                row,
                float(target) if isinstance(target, (int, float)) and not isinstance(target, bool) else None,
                found[0] if found else None,
                found[1] if found else None,
            )
        )

    changes = []
    for row in plan.rows(STAKEHOLDERS):
        now, before = row.get(Cell.attitude), row.get(Cell.previous_attitude)
        if isinstance(now, str) and isinstance(before, str) and now and before and now != before:
            changes.append(AttitudeChange(row, before, now))

    within = (horizon - as_of).days
    due = due_items(plan, as_of, within)
    # As on the dashboard: an item is overdue only once the plan is being carried out.
    overdue = [d for d in due if d.overdue] if plan.phase is Phase.MONITORING else []
    milestones = [d for d in due if d.milestone and not d.overdue]
    return AccountProgress(
        account=account,
        plan=plan,
        summary=summary,
        signoff=cycle.last_signoff,
        reviews_in_period=in_period,
        earlier_reviews=earlier,
        later_reviews=later,
        last_review=last,
        next_review=next_review,
        review_overdue=next_review is not None and next_review < as_of,
        objectives=objectives,
        attitude_changes=changes,
        overdue=overdue,
        milestones=milestones,
    )


def key_accounts(accounts: Iterable[Account]) -> list[Account]:
    """The key-tier accounts, in name order."""
    return sorted((a for a in accounts if a.tier is Tier.KEY), key=lambda a: (a.name, a.id or 0))
