"""Command-line commands that make documents of the portfolio: plan PDFs (one or all), the progress
report, the dashboard and the review calendar."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain.audience import Audience
from ..domain.dashboard import Dashboard
from ..domain.filenames import distinct_pdf_file_names
from ..domain.template import LANGUAGES
from ..services import Portfolio, portfolio_dashboard, progress_report_pdf, review_calendar
from .exits import BAD_INPUT, FAILED, OK, CommandError
from .output import (
    cycle_date,
    database_file_of,
    deliver,
    inline,
    iso_date,
    json_text,
    messages,
    one_line,
    plan_id,
    positive,
    print_json,
    write_atomically,
)


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pdf = commands.add_parser(
        "export-pdf",
        help="write plans as PDF",
        description="Write a plan, or every plan (--all), as the PDF a senior manager signs off.",
    )
    pdf.add_argument("plan", type=plan_id, nargs="?", metavar="PLAN", help="the plan's id (see 'list')")
    pdf.add_argument("--all", action="store_true", help="every plan in the portfolio, one file each in -o DIR")
    pdf.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE|DIR",
        help="the PDF file ('-' for stdout), or with --all the folder",
    )
    pdf.add_argument("--lang", choices=LANGUAGES, help="language of headings and labels (default: each plan's own)")
    pdf.add_argument(
        "--jobs", type=positive, metavar="N", help="with --all: plans rendered at once (default: one per CPU)"
    )
    pdf.add_argument(
        "--changes",
        action="store_true",
        help="end the appendix with what changed since the last signed-off version",
    )
    pdf.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.INTERNAL.value,
        help="customer: the customer's copy, without attitudes, notes, chances, competitors, budgets or the"
        " forecast (default: internal, the whole plan)",
    )
    report = commands.add_parser(
        "progress-report",
        help="write the 6-monthly key-account progress report as PDF",
        description="The 6-monthly progress report on every key account of the portfolio, as PDF: the half-year"
        " that ends on or before --date (30 June or 31 December).",
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF file; '-' for stdout")
    report.add_argument(
        "--date", type=iso_date, metavar="YYYY-MM-DD", help="the report date (default: today); sets the period"
    )
    report.add_argument("--lang", choices=LANGUAGES, default="zh_CN", help="language of the report (default: zh_CN)")

    board = commands.add_parser(
        "dashboard",
        help="the portfolio at a glance",
        description="Plans per phase, reviews due this month, overdue items, coming deadlines.",
    )
    board.add_argument("--today", type=cycle_date)
    board.add_argument("--json", action="store_true")
    board.add_argument("--lang", choices=["zh_CN", "en"], default="en")
    board.add_argument(
        "-o", "--output", metavar="FILE", help="write the dashboard as a JSON file instead ('-' for stdout)"
    )

    cal = commands.add_parser(
        "calendar", help="review dates as .ics", description="Write the portfolio's review dates as an iCalendar file."
    )
    cal.add_argument("-o", "--output", required=True, metavar="FILE", help="the .ics file; '-' for stdout")
    cal.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN")
    cal.add_argument("--today", type=cycle_date)


# ---- commands


def cmd_export_pdf(portfolio: Portfolio, args: argparse.Namespace) -> int:
    """One plan to a file, or --all plans to a folder; a plan that fails is named, the rest go on."""
    if args.all == (args.plan is not None):
        raise CommandError("give either a plan id or --all", BAD_INPUT)
    if not args.all:
        return _export_one_pdf(portfolio, args)
    plans = portfolio.list_plans()
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create the folder {folder}: {exc.strerror}") from None
    # Two accounts whose names agree as far as a file name keeps them get two files; no name is
    # the database's own file.
    database = portfolio.database_file
    names = distinct_pdf_file_names(
        ((p.account, p.year, p.id) for p in plans),
        taken=lambda name: database_file_of(folder / name, database) is not None,
    )
    done = portfolio.render_pdfs(
        [p.id for p in plans],
        lang=args.lang,
        with_changes=args.changes,
        jobs=args.jobs,
        audience=Audience(args.audience),
    )
    failed: list[str] = []
    for i, (summary, name, (_, result, seconds)) in enumerate(zip(plans, names, done, strict=True)):
        target = folder / name
        label = f"[{i + 1}/{len(plans)}] {inline(summary.account)} {summary.year}"
        try:
            if isinstance(result, Exception):
                raise result
            write_atomically(target, result)
        except Exception as exc:  # noqa: BLE001 - one plan's failure must not stop the others
            failed.append(f"{inline(summary.account)} {summary.year} (id {summary.id})")
            reason = str(exc) if isinstance(exc, CommandError) else f"{type(exc).__name__}: {one_line(str(exc))}"
            print(f"{label} … FAILED: {inline(reason)}", file=sys.stderr)
            continue
        print(f"{label} … ok {seconds:.2f} s → {inline(target)}", file=sys.stderr)
    _ending()
    if failed:
        print(f"kamplanner: {len(failed)} of {len(plans)} plans failed: {'; '.join(failed)}", file=sys.stderr)
        return FAILED
    return OK


def _export_one_pdf(portfolio: Portfolio, args: argparse.Namespace) -> int:
    plan = portfolio.load_plan(args.plan)  # an unknown plan is named before anything is rendered
    start = time.perf_counter()
    if args.changes and args.audience == Audience.CUSTOMER:
        raise CommandError("--changes is for the review: the customer's copy has no changes part", BAD_INPUT)
    data = portfolio.render_pdf(args.plan, lang=args.lang, with_changes=args.changes, audience=Audience(args.audience))
    deliver(args.output, data, portfolio.database_file)
    print(
        f"[1/1] {inline(plan.account.name)} {plan.year} … ok {time.perf_counter() - start:.2f} s → {inline(args.output)}",
        file=sys.stderr,
    )
    _ending()
    return OK


def cmd_progress_report(portfolio: Portfolio, args: argparse.Namespace) -> int:
    as_of = args.date or dt.date.today()  # the one place the clock is read: the default report date
    start = time.perf_counter()
    deliver(args.output, progress_report_pdf(portfolio, as_of, args.lang), portfolio.database_file)
    print(
        f"progress report as of {as_of.isoformat()} … ok {time.perf_counter() - start:.2f} s → {inline(args.output)}",
        file=sys.stderr,
    )
    _ending()
    return OK


def dashboard_json(board: Dashboard, lang: str) -> dict[str, Any]:
    def item(d):  # type: ignore[no-untyped-def]
        return {
            "date": d.date.isoformat(),
            "kind": str(d.kind),
            "plan": d.plan_id,
            "account": d.account,
            "what": d.what(lang),
        }

    return {
        "today": board.today.isoformat(),
        "per_phase": {p.slug: n for p, n in board.per_phase.items()},
        "reviews_this_month": [item(d) for d in board.reviews_this_month],
        "overdue": [item(d) for d in board.overdue],
        "upcoming": [item(d) for d in board.upcoming],
    }


def cmd_dashboard(portfolio: Portfolio, args: argparse.Namespace) -> int:
    board = portfolio_dashboard(portfolio, args.today or dt.date.today())
    lang = args.lang
    if args.output is not None:
        # A file is a document: indented, whoever reads it.
        deliver(args.output, json_text(dashboard_json(board, lang), indent=2).encode("utf-8"), portfolio.database_file)
        print(f"wrote the dashboard of {board.today.isoformat()} to {inline(args.output)}", file=messages(args.output))
        return OK
    if args.json:
        print_json(dashboard_json(board, lang))
        return OK
    print("plans per phase: " + ", ".join(f"{p.label(lang)} {n}" for p, n in board.per_phase.items()))
    for title, items in (
        ("reviews due this month", board.reviews_this_month),
        ("overdue", board.overdue),
        ("coming up", board.upcoming),
    ):
        print(f"{title} ({len(items)}):")
        for d in items:
            print(
                f"  {d.date}  {inline(d.what(lang))}"
                + (f"  [{inline(d.account)}]" if d.account and d.account not in d.what(lang) else "")
            )
    return OK


def cmd_calendar(portfolio: Portfolio, args: argparse.Namespace) -> int:
    data = review_calendar(portfolio, args.today or dt.date.today(), args.lang)
    deliver(args.output, data, portfolio.database_file)
    print(f"wrote {data.count(b'BEGIN:VEVENT')} review dates to {inline(args.output)}", file=messages(args.output))
    return OK


def _ending() -> None:
    """The command is done and the process ends: spare it the garbage collections of shutdown,
    which walk every object ReportLab and the fonts left (~0.2 s of a ~1 s command)."""
    import gc

    gc.freeze()


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {
    "export-pdf": cmd_export_pdf,
    "progress-report": cmd_progress_report,
    "dashboard": cmd_dashboard,
    "calendar": cmd_calendar,
}
