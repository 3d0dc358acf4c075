"""The command line: the same use cases as the GUI, for scripts and for machines without a display."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .cli_cycle import COMMANDS as CYCLE_COMMANDS
from .cli_cycle import UsageProblem
from .cli_io import (
    EXIT_BAD_INPUT,
    EXIT_FAILED,
    EXIT_OK,
    STDOUT,
    CommandError,
    check_output,
    database_file_of,
    deliver,
    inline,
    is_url,
    mask_passwords,
    one_line,
    plan_id,
    print_json,
    url_problem,
    write_atomically,
)
from .cli_store import COMMANDS as STORE_COMMANDS
from .domain.actor import Actor, local_actor
from .domain.diff import ChangesSinceApproval
from .domain.filenames import distinct_pdf_file_names, pdf_file_name
from .domain.model import Plan
from .domain.planfile import PlanFileError
from .domain.policy import NotAllowed
from .domain.template import LANGUAGES
from .store.database import ENV_VAR, BadDatabaseURL, Database, DatabaseError
from .store.plans import Conflict, NotFound

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_OK", "CommandError", "build_parser", "pdf_file_name", "run_command"]

# The commands whose -o - writes the document to standard output (their messages go to stderr).
WRITES_TO_STDOUT = {"export-json", "export-pdf", "progress-report", "calendar"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kamplanner",
        description="Key account plans: write, review and sign off. Without a command, opens the app.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"SQLite file or SQLAlchemy URL (default: ${ENV_VAR}, else a file in your data folder)",
    )
    parser.add_argument(
        "--as",
        dest="actor",
        type=_actor,
        metavar="NAME[:ROLE]",
        help="who the changes are made by, as account-manager (the default), senior-manager or admin"
        " (default: a command's --by, else your user name)",
    )
    parser.add_argument("--version", action="version", version=f"kamplanner {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the app (the default)", description="Open the desktop app.")
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
        help="read a plan file",
        description="Import a plan file, all or nothing; prints the new plan's id.",
    )
    importing.add_argument("file", metavar="FILE", help="the plan file; '-' for stdin")
    importing.add_argument(
        "--replace", action="store_true", help="overwrite the account's plan for that year if there is one"
    )

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
        "--jobs", type=_positive, metavar="N", help="with --all: plans rendered at once (default: one per CPU)"
    )
    pdf.add_argument(
        "--changes",
        action="store_true",
        help="end the appendix with what changed since the last signed-off version",
    )
    report = commands.add_parser(
        "progress-report",
        help="write the 6-monthly key-account progress report as PDF",
        description="The 6-monthly progress report on every key account of the portfolio, as PDF: the half-year"
        " that ends on or before --date (30 June or 31 December).",
    )
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF file; '-' for stdout")
    report.add_argument(
        "--date", type=_iso_date, metavar="YYYY-MM-DD", help="the report date (default: today); sets the period"
    )
    report.add_argument("--lang", choices=LANGUAGES, default="zh_CN", help="language of the report (default: zh_CN)")
    from . import cli_cycle

    cli_cycle.add_commands(commands)
    from . import cli_store

    cli_store.add_commands(commands)
    for command in commands.choices.values():  # every PLAN, whoever added its command, is a plan id
        for action in command._actions:
            if action.dest == "plan":
                action.type = plan_id
    return parser


def check_db_argument(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """--db "" would quietly open the default database: refuse it (exit 2)."""
    if args.db is not None and not args.db.strip():
        parser.error("--db is empty: give a file or a URL")


def _open(db_arg: str | None) -> Database:
    """The database of --db, else $KAMPLANNER_DB, else the default; a URL the database library
    cannot use is bad input (exit 2), a database that cannot be opened a failure (exit 1)."""
    source = db_arg or os.environ.get(ENV_VAR) or ""
    where = "--db" if db_arg else f"${ENV_VAR}"
    if is_url(source):
        problem = url_problem(source)
        if problem:
            raise CommandError(f"{where} {mask_passwords(source)}: {problem}", EXIT_BAD_INPUT)
    try:
        return Database.open(db_arg)
    except BadDatabaseURL as exc:
        raise CommandError(
            f"{where} {mask_passwords(source)}: cannot use this database URL: {one_line(exc.reason)}", EXIT_BAD_INPUT
        ) from None
    except DatabaseError as exc:
        raise CommandError(one_line(str(exc)), EXIT_FAILED) from None
    except Exception as exc:
        if not is_url(source):
            raise
        # Before a connection is tried: an unknown kind of database, a driver not installed.
        if isinstance(exc, ImportError):
            reason = f"its driver is not installed (no module named {exc.name!r})"
        else:
            reason = one_line(str(exc)) or type(exc).__name__
        raise CommandError(
            f"{where} {mask_passwords(source)}: cannot use this database URL: {reason}", EXIT_BAD_INPUT
        ) from None


def run_command(args: argparse.Namespace) -> int:
    """Run one parsed command (not the GUI: kamplanner.app starts that)."""
    handler = COMMANDS[args.command]
    try:
        db = _open(args.db)
    except CommandError as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return exc.code
    if db.damaged:
        print(f"kamplanner: warning: {inline(db.damaged_message())}", file=sys.stderr)
    from .services import acting_as

    try:
        output = getattr(args, "output", None)
        if output is not None:  # refused before anything is made or written
            if os.fspath(output) == STDOUT and args.command not in WRITES_TO_STDOUT:
                raise CommandError(f"{args.command} cannot write to standard output; give -o FILE", EXIT_BAD_INPUT)
            check_output(output, db.path, folder=bool(getattr(args, "all", False)))
        with acting_as(acting(args)):
            return handler(db, args)
    except NotAllowed as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DatabaseError as exc:
        print(f"kamplanner: {inline(one_line(str(exc)))}", file=sys.stderr)
        return EXIT_FAILED
    except CommandError as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return exc.code
    except UsageProblem as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (NotFound, Conflict) as exc:
        print(f"kamplanner: {inline(exc)}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        _portfolio(db).backup_if_due()  # after a command that changed the database
        db.close()


def _portfolio(db: Database):  # type: ignore[no-untyped-def]
    from .services import Portfolio

    return Portfolio(db)


def _actor(text: str) -> Actor:
    """The type of --as: NAME or NAME:ROLE."""
    try:
        return Actor.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def acting(args: argparse.Namespace) -> Actor:
    """Who a command acts as: --as, else the name its --by gives (commands written before
    actors), else the OS user; as account manager unless --as names a role."""
    chosen = getattr(args, "actor", None)
    if chosen is not None:
        return chosen
    by = getattr(args, "by", None)
    try:
        return local_actor(by if isinstance(by, str) else "")
    except ValueError as exc:
        raise CommandError(f"--by: {exc}", EXIT_BAD_INPUT) from None


def cmd_demo(db: Database, args: argparse.Namespace) -> int:
    result = _portfolio(db).add_demo()
    print(
        f"added {len(result.added_plans)} plans and {result.added_accounts} more accounts to {mask_passwords(db.url)}"
    )
    for name in result.skipped:
        print(f"skipped {inline(name)}: already there")
    return EXIT_OK


def cmd_list(db: Database, args: argparse.Namespace) -> int:
    plans = _portfolio(db).list_plans()
    if args.json:
        rows = [
            {
                "id": p.id,
                "account": p.account,
                "year": p.year,
                "tier": p.tier.value,
                "phase": p.phase.slug,
                "phase_number": int(p.phase),
                "version": p.version,
                "completeness": p.completeness,
                "manager": p.manager,
                "language": p.language,
                "updated": p.updated,
            }
            for p in plans
        ]
        print_json(rows)
        return EXIT_OK
    if not plans:
        print("no plans yet; 'kamplanner demo' adds the demo portfolio")
        return EXIT_OK
    print(f"{'id':>5}  {'year':4}  {'tier':9}  {'phase':11}  {'ver':>4}  {'done':>4}  account")
    for p in plans:
        print(
            f"{p.id:>5}  {p.year:4}  {p.tier.value:9}  {p.phase.slug:11}  {p.version:>4}  {p.completeness:>3}%  {inline(p.account)}"
        )
    return EXIT_OK


def cmd_export_json(db: Database, args: argparse.Namespace) -> int:
    deliver(args.output, _portfolio(db).export_json(args.plan).encode("utf-8"), db.path)
    return EXIT_OK


def cmd_import_json(db: Database, args: argparse.Namespace) -> int:
    source = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {source}: {exc.strerror}", EXIT_BAD_INPUT) from None
    try:
        plan_id = _portfolio(db).import_json(data, replace=args.replace)
    except PlanFileError as exc:
        for problem in exc.problems:
            print(f"{inline(source)}: {inline(problem)}", file=sys.stderr)
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        print(f"kamplanner: {inline(source)} was not imported ({count} {noun}); nothing was written", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(plan_id)
    return EXIT_OK


def cmd_export_pdf(db: Database, args: argparse.Namespace) -> int:
    """One plan to a file, or --all plans to a folder; a plan that fails is named, the rest go on."""
    if args.all == (args.plan is not None):
        raise CommandError("give either a plan id or --all", EXIT_BAD_INPUT)
    portfolio = _portfolio(db)
    if not args.all:
        return _export_one_pdf(db, portfolio, args)
    plans = portfolio.list_plans()
    folder = Path(args.output)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create the folder {folder}: {exc.strerror}") from None
    # Two accounts whose names agree as far as a file name keeps them get two files; no name is
    # the database's own file.
    names = distinct_pdf_file_names(
        ((p.account, p.year, p.id) for p in plans),
        taken=lambda name: database_file_of(folder / name, db.path) is not None,
    )
    targets = [folder / name for name in names]
    from .report.batch import render_all  # ReportLab is loaded only when a PDF is made

    def load(i: int) -> Plan | tuple[Plan, ChangesSinceApproval]:
        plan = portfolio.load_plan(plans[i].id)
        return (plan, portfolio.changes_since_approval(plan, args.lang)) if args.changes else plan

    failed: list[str] = []
    done = render_all(range(len(plans)), load, lang=args.lang, jobs=args.jobs)
    for i, result, seconds in done:
        summary, target = plans[i], targets[i]
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
        return EXIT_FAILED
    return EXIT_OK


def _export_one_pdf(db: Database, portfolio, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    plan = portfolio.load_plan(args.plan)
    from .report import render_plan  # ReportLab is loaded only when a PDF is made

    start = time.perf_counter()
    changes = portfolio.changes_since_approval(plan, args.lang) if args.changes else None
    deliver(args.output, render_plan(plan, lang=args.lang, changes=changes), db.path)
    print(
        f"[1/1] {inline(plan.account.name)} {plan.year} … ok {time.perf_counter() - start:.2f} s → {inline(args.output)}",
        file=sys.stderr,
    )
    _ending()
    return EXIT_OK


def cmd_progress_report(db: Database, args: argparse.Namespace) -> int:
    from .services import progress_report_pdf

    as_of = args.date or dt.date.today()  # the one place the clock is read: the default report date
    start = time.perf_counter()
    deliver(args.output, progress_report_pdf(_portfolio(db), as_of, args.lang), db.path)
    print(
        f"progress report as of {as_of.isoformat()} … ok {time.perf_counter() - start:.2f} s → {inline(args.output)}",
        file=sys.stderr,
    )
    _ending()
    return EXIT_OK


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, got {text!r}")
    return value


def _ending() -> None:
    """The command is done and the process ends: spare it the garbage collections of shutdown,
    which walk every object ReportLab and the fonts left (~0.2 s of a ~1 s command)."""
    import gc

    gc.freeze()


def _write_atomically(path: Path, data: bytes) -> None:
    """Kept for the commands that import it from here; the rule is cli_io.write_atomically."""
    write_atomically(Path(path), data)


COMMANDS: dict[str, Callable[[Database, argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "list": cmd_list,
    "export-json": cmd_export_json,
    "import-json": cmd_import_json,
    "export-pdf": cmd_export_pdf,
    "progress-report": cmd_progress_report,
}
COMMANDS.update(CYCLE_COMMANDS)
COMMANDS.update(STORE_COMMANDS)
