"""Command-line commands for the plan workbook: a plan's tables out to .xlsx, and an edited
workbook back in (with the list of what it changes first)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..domain.template import LANGUAGES
from ..services import Portfolio, WorkbookError
from .exits import BAD_INPUT, OK, CommandError
from .output import deliver, inline, json_text, plan_id


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser(
        "export-xlsx",
        help="write a plan's tables as a workbook",
        description="Write a plan's record tables as an .xlsx workbook to edit in Excel or LibreOffice Calc"
        " (one sheet per table, drop-down lists, a forecast summary in formulas); import-xlsx reads it back.",
    )
    export.add_argument("plan", type=plan_id, metavar="PLAN", help="the plan's id (see 'list')")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="where to write; '-' for stdout")
    export.add_argument("--lang", choices=LANGUAGES, help="language of sheet names and headers (default: the plan's)")

    importing = commands.add_parser(
        "import-xlsx",
        help="read an edited workbook into its plan",
        description="Read a workbook written by export-xlsx (and edited) into its plan, all or nothing: prints"
        " what changes, one line each, then writes it as a new revision. Any problem is printed with its"
        " sheet and cell (Sheet!A1) and nothing is written (exit 2).",
    )
    importing.add_argument("file", metavar="FILE.xlsx", help="the workbook; '-' for stdin")
    importing.add_argument("plan", type=plan_id, metavar="PLAN", help="the plan it was written from")
    importing.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    importing.add_argument("--json", action="store_true", help="print the changes (or problems) as JSON")


def cmd_export_xlsx(portfolio: Portfolio, args: argparse.Namespace) -> int:
    deliver(args.output, portfolio.export_workbook(args.plan, lang=args.lang), portfolio.database_file)
    return OK


def cmd_import_xlsx(portfolio: Portfolio, args: argparse.Namespace) -> int:
    source = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {source}: {exc.strerror}", BAD_INPUT) from None
    try:
        changes = portfolio.workbook_changes(args.plan, data)
        version = None
        if changes and not args.dry_run:
            version = portfolio.import_workbook(args.plan, data)
    except WorkbookError as exc:
        if args.json:
            sys.stdout.write(json_text({"imported": False, "problems": exc.problems}))
        else:
            for problem in exc.problems:
                print(f"{inline(source)}: {inline(problem)}", file=sys.stderr)
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"kamplanner: {inline(source)} was not imported ({count} {noun}); nothing was written", file=sys.stderr)
        return BAD_INPUT
    if args.json:
        rows = [
            {"sheet": c.sheet, "cell": c.cell, "place": c.place, "before": c.before, "after": c.after} for c in changes
        ]
        sys.stdout.write(json_text({"imported": version is not None, "revision": version, "changes": rows}))
        return OK
    for change in changes:
        print(inline(change.line()))
    count = len(changes)
    noun = "change" if count == 1 else "changes"
    if not changes:
        print(f"{inline(source)} changes nothing in plan {args.plan}; nothing was written", file=sys.stderr)
    elif args.dry_run:
        print(f"{count} {noun}; --dry-run: nothing was written", file=sys.stderr)
    else:
        print(f"{count} {noun} written to plan {args.plan} (revision {version})", file=sys.stderr)
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "export-xlsx": cmd_export_xlsx,
    "import-xlsx": cmd_import_xlsx,
}
