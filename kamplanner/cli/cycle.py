"""Command-line commands for the rolling cycle: phases, reviews, progress, roll forward, what changed,
sign-off and verifying a signed-off PDF."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.cycle import (
    DEVELOPMENT_STEPS,
    MAX_WEEKS,
    MIN_WEEKS,
    QUESTION_KEYS,
    STEP_KEYS,
    Decision,
    MoveRefused,
    OpenItem,
    OpenItems,
    ProgressReview,
    Review,
    ReviewAnswer,
)
from ..domain.diff import diff_plans
from ..domain.model import Phase
from ..domain.planfile import PlanFileError
from ..domain.versions import MAX_NOTE, NoteTooLong, NothingToSave, PlanVersion, label
from ..services import (
    CarriedCheck,
    Conflict,
    NotAPlanPdf,
    Portfolio,
    SigningError,
    check_carried,
    signoff_pdf,
    verify_pdf,
)
from .exits import BAD_INPUT, FAILED, OK, UsageProblem
from .output import cycle_date, deliver, inline, messages, plan_id, print_json

P12_PASSWORD_ENV = "KAMPLANNER_P12_PASSWORD"


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks, got {text!r}") from None
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"expected {MIN_WEEKS} to {MAX_WEEKS} weeks, got {weeks}")
    return weeks


def _pairs(items: list[str] | None, what: str) -> dict[str, str]:
    found = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageProblem(f"{what}: expected KEY=VALUE, got {item!r}")
        found[key] = value
    return found


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    phases = [p.slug for p in Phase]

    show = commands.add_parser(
        "cycle", help="show a plan's cycle record", description="Show where a plan stands in the four-phase cycle."
    )
    show.add_argument("plan", type=plan_id, metavar="PLAN")
    show.add_argument("--json", action="store_true", help="print the cycle record as JSON")

    phase = commands.add_parser(
        "phase",
        help="move a plan to another phase",
        description="Move a plan to another phase; a refused move says why.",
    )
    phase.add_argument("plan", type=plan_id, metavar="PLAN")
    phase.add_argument("target", choices=phases)
    phase.add_argument("--by", required=True, metavar="NAME", help="who moves it")
    phase.add_argument("--note", default="")
    phase.add_argument(
        "--yes",
        action="store_true",
        help="submit for review even with development steps unticked or warnings open (they are listed)",
    )

    prepare = commands.add_parser(
        "prepare",
        help="set phase 1: expectations and timetable",
        description="Phase 1: the senior manager's expectations, the timetable and the year's guidelines.",
    )
    prepare.add_argument("plan", type=plan_id, metavar="PLAN")
    prepare.add_argument("--expectations")
    prepare.add_argument("--guidelines")
    prepare.add_argument("--start", type=cycle_date, metavar="DATE", help="development starts (YYYY-MM-DD)")
    prepare.add_argument("--weeks", type=_weeks, help="development window, 8 to 12 weeks")
    prepare.add_argument("--review-date", type=cycle_date, metavar="DATE")
    prepare.add_argument(
        "--in-person", action=argparse.BooleanOptionalAction, help="the senior manager reviews in person"
    )

    step = commands.add_parser(
        "step",
        help="tick a development step",
        description="Phase 2: tick one of the eight development steps (" + ", ".join(STEP_KEYS) + ").",
    )
    step.add_argument("plan", type=plan_id, metavar="PLAN")
    step.add_argument("step", choices=STEP_KEYS)
    step.add_argument("--undo", action="store_true", help="untick it")

    review = commands.add_parser(
        "review",
        help="record a senior review",
        description="Phase 3: record the review. Questions: " + ", ".join(QUESTION_KEYS) + ".",
    )
    review.add_argument("plan", type=plan_id, metavar="PLAN")
    review.add_argument("--reviewer", required=True)
    review.add_argument("--role", default="")
    review.add_argument("--decision", required=True, choices=["approved", "changes"])
    review.add_argument("--score", required=True, type=int, choices=range(1, 6), metavar="1-5")
    review.add_argument("--answer", action="append", metavar="QUESTION=yes|no[:COMMENT]")
    review.add_argument("--summary", default="")
    review.add_argument("--date", type=cycle_date, help="default: today")
    review.add_argument(
        "--yes",
        action="store_true",
        help="approve even with questions answered no or not answered (they are listed)",
    )

    progress = commands.add_parser(
        "progress", help="record a progress review", description="Phase 4: record a progress review."
    )
    progress.add_argument("plan", type=plan_id, metavar="PLAN")
    progress.add_argument("--reviewer", default="")
    progress.add_argument("--notes", default="")
    progress.add_argument(
        "--attitude", action="append", metavar="STAKEHOLDER=A..E", help="a stakeholder's attitude now"
    )
    progress.add_argument(
        "--actual", action="append", metavar="OBJECTIVE=NUMBER", help="a financial objective's actual to date"
    )
    progress.add_argument("--date", type=cycle_date, help="default: today")

    roll = commands.add_parser(
        "roll-forward",
        help="start next year's plan from this one",
        description="Start next year's plan from this one; prints the new plan's id.",
    )
    roll.add_argument("plan", type=plan_id, metavar="PLAN")
    roll.add_argument("--by", required=True, metavar="NAME")

    signoff = commands.add_parser(
        "sign-off",
        help="sign off a plan version and write its PDF",
        description=(
            "Sign off the plan's current version (it must be approved in a review) and write the PDF with the"
            " sign-off block filled. With --p12 the PDF also carries a PAdES signature; the certificate's password"
            f" comes from ${P12_PASSWORD_ENV} or a prompt, never from the command line."
        ),
    )
    signoff.add_argument("plan", type=int, metavar="PLAN")
    signoff.add_argument("--reviewer", required=True, metavar="NAME")
    signoff.add_argument("--role", default="")
    signoff.add_argument("--date", type=cycle_date, help="default: today")
    signoff.add_argument("--lang", choices=["zh_CN", "en"], help="default: the plan's language")
    signoff.add_argument("--p12", type=Path, metavar="FILE", help="a PKCS#12 certificate to sign the PDF with")
    signoff.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.pdf", help="the signed-off PDF; '-' for stdout"
    )

    version = commands.add_parser(
        "version",
        help="save the plan as it is now as a numbered version",
        description=(
            "Save the plan as it is now as its next version, with a note saying why (autosaves never make a"
            " version; submitting for review and signing off make one too). Without --note: list the versions."
        ),
    )
    version.add_argument("plan", type=plan_id, metavar="PLAN")
    version.add_argument("--note", metavar="TEXT", help=f"why this version (at most {MAX_NOTE} characters)")
    version.add_argument("--json", action="store_true", help="list the versions as JSON")

    verify = commands.add_parser(
        "verify",
        help="check a signed-off PDF",
        description=(
            "Check a PDF: whether it is a signed-off version in the database (by its fingerprint and by rendering"
            " that version again), and whether the signature over exactly that rendering is intact and by the"
            " reviewer (the certificate the sign-off was made with, else the reviewer's name; with --trust, a"
            " signer chaining to a trusted root). Signatures and annotations added after it are listed; any other"
            " change fails. A copy without signature matches, but fails with --trust or when the sign-off was made"
            " with a certificate. Exit code 0: verified; 1: not verified (the reasons are printed); 2: not a PDF."
        ),
    )
    verify.add_argument("file", type=Path, metavar="FILE.pdf")
    verify.add_argument(
        "--trust", type=Path, action="append", metavar="CERT", help="a trusted root certificate (PEM/DER); repeatable"
    )
    verify.add_argument("--json", action="store_true")

    diff = commands.add_parser(
        "diff",
        help="what changed",
        description="What changed since the last signed-off version, or since last year's plan.",
    )
    diff.add_argument("plan", type=plan_id, metavar="PLAN")
    diff.add_argument("--against", choices=["signed", "last-year"], default="signed")
    diff.add_argument("--json", action="store_true")
    diff.add_argument("--lang", choices=["zh_CN", "en"], default="en")


def refused(exc: MoveRefused, lang: str = "en") -> int:
    print("kamplanner: refused:", file=sys.stderr)
    for reason in exc.reasons:
        print(f"  - {inline(reason(lang))}", file=sys.stderr)
    return FAILED


def _open_items(exc: OpenItems, what: str, lang: str = "en") -> int:
    """Open items a script did not confirm: listed, and nothing done (exit 2)."""
    print(f"kamplanner: not {what}: these are still open (say --yes to go ahead regardless):", file=sys.stderr)
    for item in exc.items:
        print(f"  - {inline(item.describe(lang))}", file=sys.stderr)
    return BAD_INPUT


def cmd_cycle(portfolio: Portfolio, args: argparse.Namespace) -> int:
    from ..domain.cycle import cycle_to_json

    plan = portfolio.load_plan(args.plan)
    cycle = portfolio.load_cycle(args.plan)
    if args.json:
        named = plan.version_label
        data: dict[str, Any] = {
            "phase": plan.phase.slug,
            "version": named.number,
            "draft": named.draft,
            "revision": plan.version,
            **cycle_to_json(cycle),
        }
        data["signoffs"] = [
            {
                "reviewer": s.reviewer,
                "role": s.role,
                "date": s.date.isoformat(),
                "version": s.number,
                "revision": s.version,
                "fingerprint": s.fingerprint,
            }
            for s in cycle.signoffs
        ]
        data["versions"] = [version_json(v) for v in plan.versions]
        data.setdefault("comments", [])  # the reviewers' comments read from PDFs (review-from-pdf)
        print_json(data)
        return OK
    print(
        f"{inline(plan.account.name)} {plan.year}: phase {int(plan.phase)} {plan.phase.label.en}, {plan.version_label}"
    )
    for v in plan.versions:
        print(f"  version {v.number:<4} {v.at:%Y-%m-%d}  {v.kind.label.en:22} {inline(v.by)}  {inline(v.note)}")
    for event in cycle.events:
        print(f"  {event.at:%Y-%m-%d}  → {event.phase.label.en:32} {inline(event.by)}  {inline(event.note)}")
    done, total = cycle.step_progress
    print(f"development steps: {done}/{total}")
    for key, step in DEVELOPMENT_STEPS:
        print(f"  [{'x' if cycle.steps.get(key) else ' '}] {step.en}")
    for r in cycle.reviews:
        print(
            f"review {r.date} by {inline(r.reviewer)}: {r.decision.label.en}, score {r.score}/5, {label(plan.versions, r.version)}"
        )
    for s in cycle.signoffs:
        print(
            f"signed off {s.date} by {inline(s.reviewer)} ({inline(s.role)}): version {s.number}, fingerprint {s.fingerprint[:12]}"
        )
    return OK


def version_json(v: PlanVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "revision": v.revision,
        "kind": v.kind.value,
        "at": v.at.isoformat(),
        "by": v.by,
        "note": v.note,
        "fingerprint": v.fingerprint,
    }


def cmd_version(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if args.note is not None:
        try:
            made = portfolio.save_version(args.plan, args.note)
        except (NothingToSave, NoteTooLong) as exc:
            print(f"kamplanner: plan {args.plan}: {exc}", file=sys.stderr)
            return BAD_INPUT
        print(f"saved version {made.number} of plan {args.plan}; fingerprint sha256:{made.fingerprint}")
        return OK
    plan = portfolio.load_plan(args.plan)
    if args.json:
        named = plan.version_label
        print_json(
            {"version": named.number, "draft": named.draft, "versions": [version_json(v) for v in plan.versions]}
        )
        return OK
    print(f"{inline(plan.account.name)} {plan.year}: now {plan.version_label}")
    for v in plan.versions:
        note = f"  {inline(v.note)}" if v.note else ""
        print(f"  version {v.number:<4} {v.at:%Y-%m-%d %H:%M}  {v.kind.label.en:22} {inline(v.by)}{note}")
    return OK


def cmd_phase(portfolio: Portfolio, args: argparse.Namespace) -> int:
    target = Phase.from_slug(args.target)
    try:
        portfolio.move_phase(args.plan, target, args.by, args.note, stop_at_open=not args.yes)
    except OpenItems as exc:
        return _open_items(exc, "submitted")
    except MoveRefused as exc:
        return refused(exc)
    if args.yes and target is Phase.REVIEW:
        _still_open(portfolio.open_items(args.plan, Phase.DEVELOPMENT))
    print(f"plan {args.plan} is now in {target.label.en.lower()}")
    return OK


def _still_open(items: list[OpenItem]) -> None:
    """What a --yes went past, said once more on standard error."""
    if items:
        print(f"kamplanner: went ahead with {len(items)} open item{'s' if len(items) != 1 else ''}:", file=sys.stderr)
        for item in items:
            print(f"  - {inline(item.describe('en'))}", file=sys.stderr)


def cmd_prepare(portfolio: Portfolio, args: argparse.Namespace) -> int:
    base = portfolio.load_cycle(args.plan).preparation
    preparation = dataclasses.replace(base)
    for name, attribute in (
        ("expectations", "expectations"),
        ("guidelines", "guidelines"),
        ("start", "development_start"),
        ("weeks", "development_weeks"),
        ("review_date", "review_date"),
        ("in_person", "reviewed_in_person"),
    ):
        value = getattr(args, name)
        if value is not None:
            setattr(preparation, attribute, value)
    preparation = portfolio.update_preparation(args.plan, preparation, base=base)
    for problem in preparation.problems():
        print(f"still to do: {problem.en}")
    return OK


def cmd_step(portfolio: Portfolio, args: argparse.Namespace) -> int:
    done, total = portfolio.set_step(args.plan, args.step, not args.undo)
    print(f"development steps: {done}/{total}")
    return OK


def cmd_review(portfolio: Portfolio, args: argparse.Namespace) -> int:
    answers: dict[str, ReviewAnswer] = {}
    for key, value in _pairs(args.answer, "--answer").items():
        if key not in QUESTION_KEYS:
            raise UsageProblem(f"--answer: no review question {key!r}; they are {', '.join(QUESTION_KEYS)}")
        verdict, _, comment = value.partition(":")
        if verdict not in ("yes", "no", ""):
            raise UsageProblem(f"--answer {key}: expected yes or no before the comment, got {verdict!r}")
        answers[key] = ReviewAnswer({"yes": True, "no": False}.get(verdict), comment)
    plan = portfolio.load_plan(args.plan)
    review = Review(
        reviewer=args.reviewer,
        role=args.role,
        date=args.date or dt.date.today(),
        version=plan.version,
        decision=Decision.APPROVED if args.decision == "approved" else Decision.CHANGES_REQUESTED,
        score=args.score,
        answers=answers,
        summary=args.summary,
    )
    try:
        portfolio.record_review(args.plan, review, stop_at_open=not args.yes)
    except OpenItems as exc:
        return _open_items(exc, "approved")
    except MoveRefused as exc:
        return refused(exc)
    after = portfolio.load_plan(args.plan).phase
    print(f"review recorded: {review.decision.label.en}; plan {args.plan} is in {after.label.en.lower()}")
    return OK


def cmd_progress(portfolio: Portfolio, args: argparse.Namespace) -> int:
    actuals = {}
    for key, value in _pairs(args.actual, "--actual").items():
        try:
            actuals[key] = float(value.replace(",", ""))
        except ValueError:
            raise UsageProblem(f"--actual {key}: expected a number, got {value!r}") from None
    review = ProgressReview(
        date=args.date or dt.date.today(),
        reviewer=args.reviewer,
        notes=args.notes,
        attitudes=_pairs(args.attitude, "--attitude"),
        actuals=actuals,
    )
    try:
        portfolio.record_progress(args.plan, review)
    except MoveRefused as exc:
        return refused(exc)
    print(f"progress review recorded for plan {args.plan}")
    return OK


def cmd_roll_forward(portfolio: Portfolio, args: argparse.Namespace) -> int:
    try:
        new_id = portfolio.roll_forward(args.plan, args.by)
    except MoveRefused as exc:
        return refused(exc)
    print(new_id)
    return OK


def cmd_diff(portfolio: Portfolio, args: argparse.Namespace) -> int:
    plan = portfolio.load_plan(args.plan)
    if args.against == "signed":
        signoff = portfolio.load_cycle(args.plan).last_signoff
        if signoff is None:
            print(f"kamplanner: plan {args.plan} has no signed-off version to compare with", file=sys.stderr)
            return FAILED
        base = portfolio.signed_plan(signoff)
    else:
        earlier = [p for p in portfolio.list_plans() if p.account_id == plan.account.id and p.year == plan.year - 1]
        if not earlier:
            print(
                f"kamplanner: {inline(plan.account.name)} has no {plan.year - 1} plan to compare with", file=sys.stderr
            )
            return FAILED
        base = portfolio.load_plan(earlier[0].id)
    result = diff_plans(base, plan, args.lang)
    if args.json:
        print_json(
            {
                "from": result.old_label,
                "to": result.new_label,
                "account": [{"field": a, "old": o, "new": n} for a, o, n in result.account],
                "changes": [
                    {
                        "field": c.field,
                        "kind": str(c.kind),
                        "row": c.row,
                        "label": c.label,
                        "cells": [{"column": x.column, "old": x.old, "new": x.new} for x in c.cells],
                        **({"old": c.old_text, "new": c.new_text} if c.row is None else {}),
                    }
                    for c in result.changes
                ],
            }
        )
        return OK
    if result.empty:
        print(f"no changes from {inline(result.old_label)} to {inline(result.new_label)}")
        return OK
    print(f"changes from {inline(result.old_label)} to {inline(result.new_label)}:")
    for attribute, old, new in result.account:
        print(f"  account.{attribute}: {old!r} → {new!r}")
    for c in result.changes:
        what = f"{c.field}" + (f" [{inline(c.label)}]" if c.label else "")
        details = "; ".join(f"{x.column}: {inline(x.old or '∅')} → {inline(x.new or '∅')}" for x in c.cells)
        print(f"  {c.kind:8} {what}" + (f"  {details}" if details else ""))
    return OK


def _password(p12: Path) -> bytes | None:
    value = os.environ.get(P12_PASSWORD_ENV)
    if value is not None:
        return value.encode()
    if sys.stdin.isatty():
        return getpass.getpass(f"password for {p12}: ").encode() or None
    return None


def cmd_sign_off(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if args.p12 is not None and not args.p12.is_file():
        raise UsageProblem(f"--p12: no such file {args.p12}")
    password = _password(args.p12) if args.p12 else None
    try:
        signoff, pdf = signoff_pdf(
            portfolio,
            args.plan,
            args.reviewer,
            args.role,
            args.date or dt.date.today(),
            lang=args.lang,
            p12=args.p12,
            password=password,
        )
    except MoveRefused as exc:
        return refused(exc)
    except (SigningError, Conflict) as exc:
        print(f"kamplanner: {exc}", file=sys.stderr)
        return FAILED
    deliver(args.output, pdf, portfolio.database_file)
    said = messages(args.output)  # with -o - the PDF is on standard output: the record goes to stderr
    signed = " with a PAdES signature" if args.p12 else ""
    print(f"version {signoff.number} signed off by {signoff.reviewer}; wrote {args.output}{signed}", file=said)
    print(f"fingerprint sha256:{signoff.fingerprint}", file=said)
    if signoff.certificate_sha256:
        # verify accepts this version's PDF only with a signature by this certificate.
        print(f"certificate {signoff.certificate_subject} sha256:{signoff.certificate_sha256}", file=said)
    return OK


def cmd_verify(portfolio: Portfolio | None, args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageProblem(f"cannot read {args.file}: {exc.strerror}") from None
    carried, unreadable = _carried(data)
    if portfolio is None:
        return _verify_alone(args, carried, unreadable)
    try:
        result = verify_pdf(portfolio, data, args.trust, carried)  # the carried plan is checked once
    except ValueError as exc:  # a --trust file that is no certificate
        raise UsageProblem(str(exc)) from None
    known = portfolio.identify(carried.plan) if carried is not None else None
    sig = result.signature
    signoff = result.signoff
    if args.json:
        json.dump(
            {
                "file": str(args.file),
                "ok": result.ok,
                "reasons": list(result.reasons),
                "notes": list(result.notes),
                "signed": sig.signed,
                "signature_counts": result.counts,
                "intact": sig.intact,
                "covers_whole_file": sig.covers_whole_file,
                "trusted": sig.trusted,
                "signer": sig.signer,
                "signer_certificate": sig.certificate.sha256 if sig.certificate else None,
                "signed_at": sig.signed_at,
                "fingerprint": result.fingerprint,
                "matches_version": result.matches_version,
                "plan": result.plan_id,
                "version": result.version,
                "rendered_again": result.rendered_again,
                "current": result.current,
                "signoff": None
                if signoff is None
                else {
                    "reviewer": signoff.reviewer,
                    "role": signoff.role,
                    "date": signoff.date.isoformat(),
                    "certificate": signoff.certificate_sha256,
                    "certificate_subject": signoff.certificate_subject,
                },
                "signatures": [
                    {
                        "field": s.field,
                        "revision": s.revision,
                        "signer": s.signer,
                        "certificate": s.certificate.sha256 if s.certificate else None,
                        "intact": s.intact,
                        "trusted": s.trusted,
                        "signed_at": s.signed_at,
                    }
                    for s in result.signatures
                ],
                "problem": result.reasons[0] if result.reasons else None,
                "carried": _carried_json(carried, unreadable, known),
            },
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        print()
    else:
        _print_carried(carried, unreadable, known)
        _print_verification(result)
    if not result.readable:
        print(f"kamplanner: {args.file}: {result.reasons[0]}", file=sys.stderr)
        return BAD_INPUT
    return OK if result.ok else FAILED


def _carried(data: bytes) -> tuple[CarriedCheck | None, str | None]:
    """The PDF checked against the plan file it carries, or why that cannot be done."""
    try:
        return check_carried(data), None
    except NotAPlanPdf as exc:
        return None, str(exc)
    except PlanFileError as exc:
        return None, f"the plan file it carries is not valid: {exc.problems[0]}"


def _verify_alone(args: argparse.Namespace, carried: CarriedCheck | None, unreadable: str | None) -> int:
    """verify with no database: is the PDF the rendering of the plan file it carries?"""
    if args.json:
        print_json(
            {
                "file": str(args.file),
                "ok": carried is not None and carried.ok,
                "database": False,
                "carried": _carried_json(carried, unreadable, None),
            }
        )
    else:
        _print_carried(carried, unreadable, None)
        print("     which version and sign-off: no database to look them up in (--db)")
        print("verified: kamplanner's rendering of the plan it carries" if carried and carried.ok else "NOT verified")
    if carried is None:
        print(f"kamplanner: {inline(args.file)}: {inline(unreadable)}", file=sys.stderr)
        return BAD_INPUT
    return OK if carried.ok else FAILED


def _carried_json(carried: CarriedCheck | None, unreadable: str | None, known) -> dict:  # type: ignore[no-untyped-def,type-arg]
    if carried is None:
        return {"readable": False, "problem": unreadable}
    return {
        "readable": True,
        "ok": carried.ok,
        "account": carried.plan.account.name,
        "year": carried.plan.year,
        "fingerprint": carried.fingerprint,
        "in_metadata": carried.in_metadata,
        "pages": carried.pages,
        "pages_showing_fingerprint": carried.pages_showing,
        "rendered_again": carried.rendered_again,
        "reasons": list(carried.reasons),
        "plan": known[0] if known else None,
        "version": known[1] if known else None,
        "current": known[2] if known else None,
    }


def _print_carried(carried: CarriedCheck | None, unreadable: str | None, known) -> None:  # type: ignore[no-untyped-def]
    """What the PDF's own contents show: the plan it carries, its fingerprint on every page."""
    if carried is None:
        print(f"FAIL the plan it carries: {unreadable}")
        return
    good = "ok  "
    plan = carried.plan
    print(f"{good} carries the plan of {inline(plan.account.name)} for {plan.year}, fingerprint {carried.fingerprint}")
    print(f"{good if carried.in_metadata else 'FAIL'} that fingerprint is in the PDF's metadata")
    every = carried.pages_showing == carried.pages
    print(f"{good if every else 'FAIL'} and on every page ({carried.pages_showing} of {carried.pages})")
    if carried.rendered_again is None:
        print("n/a  rendering it again: it ends with changes since a signed-off version, which only the database has")
    else:
        mark = good if carried.rendered_again else "FAIL"
        print(f"{mark} rendering the plan it carries again gives the same document")
    if known is not None:
        plan_id, number, current = known
        which = f"version {number}" if number is not None else "a draft (no numbered version has this fingerprint)"
        now = "the plan is still this version" if current else "the plan has changed since"
        print(f"{good} in the database: plan {plan_id}, {which}; {now}")


def _print_verification(result) -> None:  # type: ignore[no-untyped-def]
    """`verify` in plain words: what holds, what was added (notes), why it fails (reasons)."""

    def mark(good: bool | None) -> str:
        return "ok  " if good else "n/a " if good is None else "FAIL"

    sig, signoff = result.signature, result.signoff
    if not result.readable:
        print(f"FAIL {result.reasons[0]}\nNOT verified")
        return
    print(f"{mark(result.fingerprint is not None)} fingerprint: {result.fingerprint or 'none in the PDF'}")
    if signoff is not None:
        print(
            f"{mark(True)} signed-off version: plan {result.plan_id}, version {result.version},"
            f" by {signoff.reviewer} on {signoff.date}"
            + (f", with the certificate of {signoff.certificate_subject}" if signoff.certificate_subject else "")
        )
    elif result.plan_id is not None:
        print(f"{mark(True)} signed-off version: plan {result.plan_id}, version {result.version}")
    else:
        print(f"{mark(False)} no signed-off version in the database has this fingerprint")
    print(f"{mark(result.rendered_again)} rendering that version again gives the same document")
    if not sig.signed:
        print(f"{mark(None)} digital signature: none")
    else:
        what = "over exactly that version" if result.counts else "but not over exactly that version"
        print(f"{mark(result.counts)} digital signature {what}: by {sig.signer}")
        print(f"{mark(sig.intact)} signature intact")
        print(f"{mark(sig.trusted)} signer trusted" + ("" if sig.trusted is not None else " (no --trust root given)"))
    if result.current is not None:
        print(
            ("     " if result.current else "note ")
            + ("the plan is unchanged since" if result.current else "the plan has been edited since it was signed off")
        )
    for note in result.notes:
        print(f"note {note}")
    for reason in result.reasons:
        print(f"FAIL {reason}")
    print("verified" if result.ok else "NOT verified")


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "cycle": cmd_cycle,
    "phase": cmd_phase,
    "prepare": cmd_prepare,
    "step": cmd_step,
    "review": cmd_review,
    "progress": cmd_progress,
    "roll-forward": cmd_roll_forward,
    "diff": cmd_diff,
    "sign-off": cmd_sign_off,
    "version": cmd_version,
    "verify": cmd_verify,
}
