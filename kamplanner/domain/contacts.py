"""The contact log (客户交往活动): each stakeholder's last contact and contacts per quarter, key
decision makers not seen for longer than the tier allows, the contacts between progress reviews,
and the next steps still open.

The log is the plan's CONTACTS table; a contact's people are several-row references
(Kind.REFS) into the stakeholders and the team. Nothing here changes a plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .cycle import MAX_YEAR, MIN_YEAR, STALE_AFTER_DAYS, Cycle
from .model import Plan, Record, Tier
from .template import CONTACTS, MEMBERS, STAKEHOLDERS, TEMPLATE, Cell
from .validation import cell_limit
from .values import ValueProblem, join_refs, parse_input, quote, ref_keys

# The buying roles whose contact the tier's rule watches: the people who decide.
DECIDING_ROLES = ("final_approval", "decision_maker")


def contact_date(row: Record) -> dt.date | None:
    day = row.get(Cell.date)
    return day if isinstance(day, dt.date) else None


def contacts(plan: Plan) -> list[Record]:
    """The log's dated contacts, oldest first (a row without a date is not yet a contact)."""
    dated = [r for r in plan.rows(CONTACTS) if contact_date(r) is not None]
    return sorted(dated, key=lambda r: contact_date(r) or dt.date.min)


def with_person(plan: Plan, stakeholder: str) -> list[Record]:
    """The contacts ``stakeholder`` (a row key) took part in, oldest first."""
    return [r for r in contacts(plan) if stakeholder in ref_keys(r.get(Cell.theirs))]


def last_contact(plan: Plan, stakeholder: str, as_of: dt.date | None = None) -> dt.date | None:
    """The day the stakeholder was last seen (on or before ``as_of``, when given), or None."""
    days = [contact_date(r) for r in with_person(plan, stakeholder)]
    seen = [d for d in days if d is not None and (as_of is None or d <= as_of)]
    return max(seen) if seen else None


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def per_quarter(plan: Plan, stakeholder: str) -> dict[tuple[int, int], int]:
    """How many contacts the stakeholder had in each quarter, as (year, quarter) -> count, in order."""
    counts: dict[tuple[int, int], int] = {}
    for row in with_person(plan, stakeholder):
        day = contact_date(row)
        assert day is not None
        counts[quarter_of(day)] = counts.get(quarter_of(day), 0) + 1
    return counts


def is_decider(row: Record) -> bool:
    return row.get(Cell.role) in DECIDING_ROLES


@dataclass(frozen=True)
class Stale:
    """A key decision maker not seen for longer than the account's tier allows."""

    stakeholder: str  # row key
    name: str
    last: dt.date | None  # None: never seen
    days: int | None  # since the last contact; None when never seen
    allowed: int  # days the tier allows


def stale_deciders(plan: Plan, as_of: dt.date) -> list[Stale]:
    """The plan's final approvers and decision makers whose last contact is more than the tier
    allows before ``as_of`` (STALE_AFTER_DAYS, beside the tier's cadence), or who were never
    seen; longest unseen first. A plan with an empty log flags nobody: before anyone keeps a
    log there is nothing to tell from it."""
    if not plan.rows(CONTACTS):
        return []
    allowed = STALE_AFTER_DAYS[Tier(plan.account.tier)]
    found: list[Stale] = []
    for row in plan.rows(STAKEHOLDERS):
        if not is_decider(row):
            continue
        last = last_contact(plan, row.key, as_of)
        days = (as_of - last).days if last is not None else None
        if days is None or days > allowed:
            found.append(Stale(row.key, str(row.get(Cell.name) or row.key), last, days, allowed))
    return sorted(found, key=lambda s: (s.last or dt.date.min, s.name))


def stale_keys(plan: Plan, as_of: dt.date) -> frozenset[str]:
    return frozenset(s.stakeholder for s in stale_deciders(plan, as_of))


@dataclass(frozen=True)
class AttitudeChange:
    """A stakeholder's attitude as a progress review found it, against the review before, with
    the contacts in between: what the relationship work did (or did not do)."""

    review: dt.date
    stakeholder: str
    name: str
    before: str | None  # the attitude at the review before (None: the first review)
    after: str
    since: dt.date | None  # the review before, if any
    contacts: list[Record] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.before is not None and self.before != self.after


def review_contacts(plan: Plan, cycle: Cycle) -> list[AttitudeChange]:
    """For each progress review and each stakeholder it rated: the attitude before and after,
    and the contacts with that person since the review before (after it, up to and including
    the review's day). Oldest review first."""
    found: list[AttitudeChange] = []
    previous: dict[str, str] = {}
    since: dt.date | None = None
    for review in sorted(cycle.progress, key=lambda g: g.date):
        for key, attitude in sorted(review.attitudes.items()):
            row = plan.row(STAKEHOLDERS, key)
            name = str(row.get(Cell.name) or key) if row is not None else key
            between = [r for r in with_person(plan, key) if _between(contact_date(r), since, review.date)]
            found.append(AttitudeChange(review.date, key, name, previous.get(key), attitude, since, between))
        previous.update(review.attitudes)
        since = review.date
    return found


def since_last_review(plan: Plan, cycle: Cycle, stakeholder: str, as_of: dt.date) -> list[Record]:
    """The contacts with the stakeholder since the last progress review (on or before ``as_of``):
    what the next review will set beside its attitude."""
    last = max((g.date for g in cycle.progress if g.date <= as_of), default=None)
    return [r for r in with_person(plan, stakeholder) if _between(contact_date(r), last, as_of)]


def _between(day: dt.date | None, after: dt.date | None, until: dt.date) -> bool:
    return day is not None and (after is None or day > after) and day <= until


@dataclass(frozen=True)
class NextStep:
    """A next step a contact set, not yet followed by a contact."""

    due: dt.date
    what: str
    contact: Record
    people: tuple[str, ...]  # their people, as the plan names them


def open_next_steps(plan: Plan) -> list[NextStep]:
    """Every next step with a date that no later contact has followed up, soonest first.

    A step counts as followed up by a contact dated after the one that set it with all of the
    same people (any later contact, when the step's contact named nobody): the log's own record
    that the conversation went on with whoever the step was agreed with. A later contact with
    only some of them is another thread (a call with one evaluator does not deliver what was
    promised to the board). Without a date a next step is a note, not a deadline."""
    log = contacts(plan)
    found: list[NextStep] = []
    for row in log:
        due = row.get(Cell.next_date)
        if not isinstance(due, dt.date):
            continue
        day = contact_date(row)
        people = set(ref_keys(row.get(Cell.theirs)))
        later = (r for r in log if (contact_date(r) or dt.date.min) > (day or dt.date.min))
        if any(people <= set(ref_keys(r.get(Cell.theirs))) for r in later):
            continue
        what = str(row.get(Cell.next_step) or row.get(Cell.purpose) or row.key)
        names = tuple(plan.label_of(STAKEHOLDERS, k) for k in ref_keys(row.get(Cell.theirs)))
        found.append(NextStep(due, what, row, names))
    return sorted(found, key=lambda s: (s.due, s.what))


def next_steps_due(plan: Plan, until: dt.date) -> list[NextStep]:
    """The open next steps due on or before ``until`` (the overdue ones too)."""
    return [s for s in open_next_steps(plan) if s.due <= until]


def count_by_kind(rows: Iterable[Record]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        kind = str(row.get(Cell.kind) or "")
        counts[kind] = counts.get(kind, 0) + 1
    return counts


# --------------------------------------------------------------------------- a new contact


class ContactProblem(ValueError):
    """A contact that cannot be logged as given: the message names what is wrong."""


@dataclass(frozen=True)
class NewContact:
    """A contact as a person gives it (the quick-entry dialog, the command line): people by name."""

    date: dt.date
    kind: str  # a kind's key, or its label in either language
    purpose: str
    theirs: tuple[str, ...] = ()  # stakeholders, by name (or row key)
    ours: tuple[str, ...] = ()  # team members, by name (or row key)
    outcome: str = ""
    next_step: str = ""
    next_date: dt.date | None = None


def contact_record(plan: Plan, contact: NewContact) -> Record:
    """The log's row for ``contact``, with a fresh key; ContactProblem naming every person,
    kind or value that does not fit (nothing is changed)."""
    table = TEMPLATE.table(CONTACTS)
    problems: list[str] = []
    try:
        kind = parse_input(table.column(Cell.kind), contact.kind)
    except ValueProblem as exc:
        problems.append(f"kind: {exc}")
        kind = None
    if kind is None and not problems:
        problems.append("kind is required")

    def people(path: str, names: tuple[str, ...], what: str) -> str | None:
        keys = []
        for name in names:
            name = name.strip()
            if not name:
                continue
            key = plan.key_for(path, name)
            if key is None:
                known = ", ".join(plan.label_of(path, r.key) for r in plan.rows(path)) or "none yet"
                problems.append(
                    f"{what}: no {quote_name(name)} in the plan of {plan.account.name} {plan.year} (known: {known})"
                )
            else:
                keys.append(key)
        return join_refs(keys)

    theirs = people(STAKEHOLDERS, contact.theirs, "stakeholder")
    ours = people(MEMBERS, contact.ours, "team member")
    texts = {
        Cell.purpose: contact.purpose.strip(),
        Cell.outcome: contact.outcome.strip(),
        Cell.next_step: contact.next_step.strip(),
    }
    if not texts[Cell.purpose]:
        problems.append("purpose is required")
    for key, text in texts.items():
        limit = cell_limit(table.column(key))
        if len(text) > limit:
            problems.append(f"{key}: {len(text):,} characters; at most {limit:,}")
    for what, day in (("date", contact.date), ("next-step date", contact.next_date)):
        if day is not None and not MIN_YEAR <= day.year <= MAX_YEAR:
            problems.append(f"{what} {day} is outside the years {MIN_YEAR} to {MAX_YEAR}")
    if contact.next_date is not None and not texts[Cell.next_step]:
        problems.append("next-step date given without a next step")
    if contact.next_date is not None and contact.next_date < contact.date:
        problems.append(f"next-step date {contact.next_date} is before the contact ({contact.date})")
    if problems:
        raise ContactProblem("; ".join(problems))
    values = {
        Cell.date: contact.date,
        Cell.kind: kind,
        Cell.ours: ours,
        Cell.theirs: theirs,
        **texts,
        Cell.next_date: contact.next_date,
    }
    return Record(plan.new_row_key(CONTACTS), {k: v for k, v in values.items() if v not in (None, "")})


def quote_name(name: str) -> str:
    return quote(name)
