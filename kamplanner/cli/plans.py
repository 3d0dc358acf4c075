"""Command-line commands for the plans themselves: the demo portfolio, the list, plan files in and out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.versions import VersionLabel
from ..plan_pdf import is_pdf
from ..services import PlanFileError, Portfolio
from .exits import BAD_INPUT, OK, CommandError
from .output import deliver, inline, mask_passwords, plan_id, print_json


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    commands.add_parser(
        "demo",
        help="add the demo portfolio",
        description="Add the demo accounts and plans (skips those already there).",
    )
    listing = commands.add_parser("list", help="list the plans", description="List every plan in the portfolio.")
    listing.add_argument("--json", action="store_true", help="print a JSON array, one object per plan")

    export = commands.add_parser(
        "export-json", help="write a plan file", description="Write one plan as a plan file (JSON)."
    )
    export.add_argument("plan", type=plan_id, metavar="PLAN", help="the plan's id (see 'list')")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write; '-' for stdout")

    importing = commands.add_parser(
        "import-json",
        help="read a plan file or a plan PDF",
        description="Import a plan file, or the plan a plan PDF carries, all or nothing; prints the plan's id."
        " A review copy the reviewer signed in their own tool (Acrobat, a token's software, pyHanko) records the"
        " sign-off of exactly the version it shows, by the signer its certificate names, once the signature is"
        " shown to cover the copy as it was sent; annotations added after signing are listed, any other change"
        " is refused (exit 2). With --trust, the signer is verified against those roots; without, the signer is"
        " shown as not verified.",
    )
    importing.add_argument("file", metavar="FILE", help="the plan file or plan PDF; '-' for stdin")
    importing.add_argument(
        "--replace", action="store_true", help="overwrite the account's plan for that year if there is one"
    )
    importing.add_argument(
        "--trust",
        type=Path,
        action="append",
        metavar="CERT",
        help="a trusted root certificate (PEM/DER), or a folder of them; repeatable",
    )


def cmd_demo(portfolio: Portfolio, args: argparse.Namespace) -> int:
    result = portfolio.add_demo()
    print(
        f"added {len(result.added_plans)} plans and {result.added_accounts} more accounts"
        f" to {mask_passwords(portfolio.url)}"
    )
    for name in result.skipped:
        print(f"skipped {inline(name)}: already there")
    return OK


def cmd_list(portfolio: Portfolio, args: argparse.Namespace) -> int:
    plans = portfolio.list_plans()
    if args.json:
        rows = [
            {
                "id": p.id,
                "account": p.account,
                "year": p.year,
                "tier": p.tier.value,
                "phase": p.phase.slug,
                "phase_number": int(p.phase),
                "version": p.version_label.number,
                "draft": p.version_label.draft,
                "revision": p.version,
                "completeness": p.completeness,
                "manager": p.manager,
                "language": p.language,
                "updated": p.updated,
            }
            for p in plans
        ]
        print_json(rows)
        return OK
    if not plans:
        print("no plans yet; 'kamplanner demo' adds the demo portfolio")
        return OK
    print(f"{'id':>5}  {'year':4}  {'tier':9}  {'phase':11}  {'version':<9}  {'done':>4}  account")
    for p in plans:
        print(
            f"{p.id:>5}  {p.year:4}  {p.tier.value:9}  {p.phase.slug:11}  {_short(p.version_label):<9}  {p.completeness:>3}%  {inline(p.account)}"
        )
    return OK


def _short(named: VersionLabel) -> str:
    return f"{named.number} draft" if named.draft else str(named.number)


def cmd_export_json(portfolio: Portfolio, args: argparse.Namespace) -> int:
    deliver(args.output, portfolio.export_json(args.plan).encode("utf-8"), portfolio.database_file)
    return OK


def cmd_import_json(portfolio: Portfolio, args: argparse.Namespace) -> int:
    source = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {source}: {exc.strerror}", BAD_INPUT) from None
    try:
        if is_pdf(data):
            return _import_pdf(portfolio, data, args)
        new_id = portfolio.import_json(data, replace=args.replace)
    except PlanFileError as exc:
        for problem in exc.problems:
            print(f"{inline(source)}: {inline(problem)}", file=sys.stderr)
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"kamplanner: {inline(source)} was not imported ({count} {noun}); nothing was written", file=sys.stderr)
        return BAD_INPUT
    print(new_id)
    return OK


def _import_pdf(portfolio: Portfolio, data: bytes, args: argparse.Namespace) -> int:
    try:
        done = portfolio.import_pdf(data, args.trust, replace=args.replace)
    except ValueError as exc:
        if isinstance(exc, PlanFileError):
            raise
        raise CommandError(str(exc), BAD_INPUT) from None
    print(done.plan_id)
    said = sys.stderr
    if done.signoff is not None and done.signature is not None:
        s, sig = done.signoff, done.signature
        print(f"signed off: version {s.number} of plan {done.plan_id}, by {inline(s.reviewer)} on {s.date}", file=said)
        if s.certificate_subject:
            print(f"certificate: {inline(s.certificate_subject)} sha256:{s.certificate_sha256}", file=said)
        trust = {
            True: "signer verified: the certificate chains to a trusted root",
            False: "signer NOT verified: the certificate chains to none of the --trust roots",
            None: "signer not verified: no --trust root given",
        }[sig.trusted]
        print(trust, file=said)
    elif done.imported:
        print(f"imported the plan the PDF carries as plan {done.plan_id}", file=said)
    for note in done.notes:
        print(f"note: {inline(note)}", file=said)
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "list": cmd_list,
    "export-json": cmd_export_json,
    "import-json": cmd_import_json,
}
