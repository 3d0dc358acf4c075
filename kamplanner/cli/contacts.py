"""Command-line commands for the contact log (客户交往活动): log a contact, and see each
stakeholder's last contact, the key decision makers not seen for too long and the open next steps."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from ..domain import contacts
from ..domain.model import Record
from ..domain.template import CONTACT_KINDS, CONTACTS, MEMBERS, STAKEHOLDERS, TEMPLATE, Cell, Table
from ..domain.values import format_value, ref_keys, to_json
from ..services import ContactProblem, NewContact, Portfolio
from .exits import BAD_INPUT, OK, CommandError
from .output import cycle_date, inline, print_json

KINDS = ", ".join(c.key for c in CONTACT_KINDS)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    contact = commands.add_parser(
        "contact",
        help="log a contact with a customer (visit, seminar, call, ...)",
        description="Add a contact to the account's contact log, in its current plan (the latest year), as"
        " one saved edit (a new version, in the change log). People are named as the plan names them."
        " An unknown account or person, a bad date or kind: exit 2, nothing written.",
    )
    contact.add_argument(
        "account", metavar="ACCOUNT", help="the account's name, or a plan's id (see 'list'): the contact goes there"
    )
    contact.add_argument("--kind", required=True, metavar="KIND", help=f"one of {KINDS} (or its label)")
    contact.add_argument("--date", required=True, type=cycle_date, metavar="YYYY-MM-DD", help="when it was")
    contact.add_argument(
        "--with", dest="theirs", nargs="+", default=[], metavar="STAKEHOLDER", help="their people, by name"
    )
    contact.add_argument("--ours", nargs="+", default=[], metavar="NAME", help="our people (team members), by name")
    contact.add_argument("--purpose", required=True, metavar="TEXT", help="what the contact was for")
    contact.add_argument("--outcome", default="", metavar="TEXT", help="what came of it")
    contact.add_argument("--next", dest="next_step", default="", metavar="TEXT", help="the next step agreed")
    contact.add_argument("--next-date", type=cycle_date, metavar="YYYY-MM-DD", help="when the next step is due")
    contact.add_argument("--json", action="store_true", help="print the row added as JSON")

    listing = commands.add_parser(
        "contacts",
        help="show an account's contact log: last contacts, stale decision makers, next steps",
        description="Each stakeholder's last contact and contacts per quarter, the key decision makers not seen"
        " for longer than the account's tier allows (key 90 days, important 180, general 365), and the next"
        " steps not yet followed up.",
    )
    listing.add_argument("account", metavar="ACCOUNT", help="the account's name, or a plan's id")
    listing.add_argument("--today", type=cycle_date, metavar="YYYY-MM-DD", help="as of this day (default: today)")
    listing.add_argument("--json", action="store_true", help="print JSON")


def _account(text: str) -> str | int:
    return int(text) if text.strip().isdigit() else text


def cmd_contact(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if args.next_step and args.next_date is None:
        raise CommandError("--next needs --next-date (when the next step is due)", BAD_INPUT)
    new = NewContact(
        date=args.date,
        kind=args.kind,
        purpose=args.purpose,
        theirs=tuple(args.theirs),
        ours=tuple(args.ours),
        outcome=args.outcome,
        next_step=args.next_step,
        next_date=args.next_date,
    )
    try:
        plan_id, record = portfolio.log_contact(_account(args.account), new)
    except ContactProblem as exc:
        raise CommandError(str(exc), BAD_INPUT) from None
    if args.json:
        table = TEMPLATE.table(CONTACTS)
        print_json({"plan": plan_id, "key": record.key, **_row_json(table, record)})
        return OK
    plan = portfolio.summary(plan_id)
    print(f"logged contact {record.key} in {inline(plan.account)} {plan.year} (plan {plan_id})")
    return OK


def _row_json(table: Table, record: Record) -> dict[str, object]:
    return {c.key: to_json(c, record.get(c.key)) for c in table.columns if record.get(c.key) is not None}


def cmd_contacts(portfolio: Portfolio, args: argparse.Namespace) -> int:
    today = args.today or dt.date.today()
    try:
        plan_id = portfolio.current_plan_of(_account(args.account))
    except ContactProblem as exc:
        raise CommandError(str(exc), BAD_INPUT) from None
    plan = portfolio.load_plan(plan_id)
    stale = {s.stakeholder: s for s in contacts.stale_deciders(plan, today)}
    people: list[dict[str, Any]] = []
    for row in plan.rows(STAKEHOLDERS):
        last = contacts.last_contact(plan, row.key, today)
        quarters = contacts.per_quarter(plan, row.key)
        people.append(
            {
                "key": row.key,
                "name": str(row.get(Cell.name) or ""),
                "last_contact": last.isoformat() if last else None,
                "per_quarter": {f"{y}-Q{q}": n for (y, q), n in quarters.items()},
                "stale": row.key in stale,
            }
        )
    steps = contacts.open_next_steps(plan)
    changes = [c for c in contacts.review_contacts(plan, portfolio.load_cycle(plan_id)) if c.changed]
    if args.json:
        print_json(
            {
                "plan": plan_id,
                "account": plan.account.name,
                "today": today.isoformat(),
                "contacts": len(plan.rows(CONTACTS)),
                "stakeholders": people,
                "next_steps": [
                    {"due": s.due.isoformat(), "what": s.what, "with": list(s.people), "overdue": s.due < today}
                    for s in steps
                ],
                "attitude_changes": [
                    {
                        "review": c.review.isoformat(),
                        "stakeholder": c.name,
                        "before": c.before,
                        "after": c.after,
                        "contacts_since_last_review": [str(r.get(Cell.date)) for r in c.contacts],
                    }
                    for c in changes
                ],
            }
        )
        return OK
    lang = "en"
    print(f"{inline(plan.account.name)} {plan.year} (plan {plan_id}): {len(plan.rows(CONTACTS))} contacts")
    for person in people:
        mark = "  ! not seen for too long" if person["stale"] else ""
        shown = ", ".join(f"{k} {v}" for k, v in person["per_quarter"].items())
        print(f"  {inline(str(person['name'])):24} last {person['last_contact'] or 'never':10}  {shown}{mark}")
    for row in contacts.contacts(plan)[-5:]:
        kind = format_value(TEMPLATE.table(CONTACTS).column(Cell.kind), row.get(Cell.kind), lang)
        who = ", ".join(plan.label_of(STAKEHOLDERS, k) for k in ref_keys(row.get(Cell.theirs)))
        ours = ", ".join(plan.label_of(MEMBERS, k) for k in ref_keys(row.get(Cell.ours)))
        print(
            f"  {row.get(Cell.date)}  {kind}: {inline(str(row.get(Cell.purpose) or ''))}  [{inline(who)} / {inline(ours)}]"
        )
    for c in changes:
        print(
            f"  review {c.review}: {inline(c.name)} {c.before} → {c.after}, {len(c.contacts)} contacts since the last review"
        )
    for step in steps:
        late = " (overdue)" if step.due < today else ""
        print(f"  next {step.due}{late}: {inline(step.what)}")
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "contact": cmd_contact,
    "contacts": cmd_contacts,
}
