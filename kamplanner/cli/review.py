"""Command-line commands for the review loop by PDF: the comments a reviewer made on a plan PDF in
their own PDF reader, read back into the plan's review record, and the account manager's answers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.comments import CommentStatus
from ..domain.cycle import MoveRefused, comment_to_json
from ..domain.planfile import PlanFileError
from ..domain.template import LANGUAGES
from ..services import NotAPlanPdf, Portfolio
from .cycle import refused
from .exits import BAD_INPUT, OK, CommandError
from .output import deliver, inline, plan_id, print_json


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    send = commands.add_parser(
        "send-for-review",
        help="submit a plan for review and write the PDF for the reviewer",
        description="Submit the plan for senior review (if it is not under review already: the version is frozen"
        " then, and later edits make a new one) and write the copy for the reviewer: its cover says when it was"
        " submitted and as which version, and its sign-off page has an empty signature field for the reviewer's"
        " own signing tool. The PDF carries the plan: comments made on it come back with review-from-pdf.",
    )
    send.add_argument("plan", type=plan_id, metavar="PLAN", help="the plan's id (see 'list')")
    send.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write it ('-' for stdout)")
    send.add_argument("--lang", choices=LANGUAGES, help="language of headings and labels (default: the plan's own)")
    review = commands.add_parser(
        "review-from-pdf",
        help="read a reviewer's comments from a plan PDF",
        description="Read the comments a reviewer made on a plan PDF in any PDF reader (sticky notes, highlights"
        " with a note, text boxes), place each on the section and field it sits on, and add them to the plan's"
        " review record, with author, date and text. Reading the same PDF again adds nothing. Exit code 2 for a"
        " file that is no plan PDF, does not match the plan it carries, or has a comment outside the plan.",
    )
    review.add_argument("file", type=Path, metavar="FILE.pdf")
    review.add_argument("--json", action="store_true", help="print the comments added as JSON")
    answer = commands.add_parser(
        "comment",
        help="answer a review comment, or mark it resolved",
        description="Answer a review comment (see 'cycle PLAN'), or change its status: open, answered, resolved.",
    )
    answer.add_argument("plan", metavar="PLAN", help="the plan's id (see 'list')")
    answer.add_argument("key", metavar="KEY", help="the comment's key, as 'cycle PLAN' lists it")
    answer.add_argument("--answer", metavar="TEXT", help="what was done about it")
    answer.add_argument("--status", choices=[s.value for s in CommentStatus], help="its new status")


def cmd_send_for_review(portfolio: Portfolio, args: argparse.Namespace) -> int:
    plan = portfolio.load_plan(args.plan)  # an unknown plan is named before anything is done
    try:
        number, data = portfolio.send_for_review(args.plan, args.lang)
    except MoveRefused as exc:
        return refused(exc, args.lang or plan.language)
    deliver(args.output, data, portfolio.database_file)
    print(
        f"{inline(plan.account.name)} {plan.year}: version {number} is under review → {inline(args.output)}",
        file=sys.stderr,
    )
    return OK


def cmd_review_from_pdf(portfolio: Portfolio, args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror}", BAD_INPUT) from None
    try:
        found = portfolio.read_review_pdf(data)
    except NotAPlanPdf as exc:
        raise CommandError(f"{args.file}: {exc}", BAD_INPUT) from None
    except PlanFileError as exc:
        for problem in exc.problems:
            print(f"{inline(args.file)}: {inline(problem)}", file=sys.stderr)
        raise CommandError(f"{args.file}: no comments were added; nothing was written", BAD_INPUT) from None
    added = portfolio.add_comments(found.plan_id, found.new) if found.new else 0
    if args.json:
        print_json(
            {
                "plan": found.plan_id,
                "version": found.version,
                "added": [comment_to_json(c) for c in found.new],
                "already": found.total - added,
            }
        )
        return OK
    for c in found.new:
        where = c.section + (f" / {c.field}" if c.field else "")
        print(f"{c.key}  page {c.page}  {inline(where)}  {inline(c.author or '?')}: {inline(c.text)}")
    which = f"version {found.version}" if found.version is not None else "a draft"
    print(
        f"{added} comment(s) added to plan {found.plan_id} ({which});"
        f" {found.total - added} of the PDF's {found.total} were there already",
        file=sys.stderr,
    )
    return OK


def cmd_comment(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if args.answer is None and args.status is None:
        raise CommandError("give --answer TEXT, --status, or both", BAD_INPUT)
    status = CommentStatus(args.status) if args.status else None
    comment = portfolio.answer_comment(args.plan, args.key, args.answer, status)
    print(f"{comment.key}: {comment.status.value}" + (f" — {inline(comment.answer)}" if comment.answer else ""))
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "send-for-review": cmd_send_for_review,
    "review-from-pdf": cmd_review_from_pdf,
    "comment": cmd_comment,
}
