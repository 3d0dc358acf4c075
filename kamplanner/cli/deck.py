"""Command-line command that makes the review meeting's slides of a plan: export-pptx."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..domain.audience import Audience
from ..domain.template import LANGUAGES
from ..services import Portfolio
from .exits import BAD_INPUT, OK, CommandError
from .output import deliver, inline, to_stdout


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    deck = commands.add_parser(
        "export-pptx",
        help="write a plan as slides for the review meeting (.pptx)",
        description="Write a plan as the slide deck (PowerPoint .pptx) for the senior managers' review meeting:"
        " cover, the plan on one slide, objectives, opportunity matrix, forecast chart, stakeholder map,"
        " key actions, risks and what the team asks for, with speaker notes from the plan's text.",
    )
    deck.add_argument("plan", metavar="PLAN", help="the plan's id (see 'list')")
    deck.add_argument("-o", "--output", required=True, metavar="FILE.pptx", help="the .pptx file; '-' for stdout")
    deck.add_argument("--lang", choices=LANGUAGES, help="language of titles and labels (default: the plan's own)")
    deck.add_argument(
        "--audience",
        choices=[a.value for a in Audience],
        default=Audience.INTERNAL.value,
        help="internal (the default: everything) or customer (leaves out attitudes, notes, chances,"
        " competitors, budget and the forecast)",
    )


def cmd_export_pptx(portfolio: Portfolio, args: argparse.Namespace) -> int:
    if not to_stdout(args.output):
        folder = Path(args.output).parent
        if not folder.is_dir():
            raise CommandError(f"-o {args.output}: there is no folder {folder}", BAD_INPUT)
    plan = portfolio.load_plan(args.plan)  # an unknown plan is named before anything is rendered
    start = time.perf_counter()
    data = portfolio.render_deck(args.plan, lang=args.lang, audience=args.audience)
    deliver(args.output, data, portfolio.database_file)
    print(
        f"{inline(plan.account.name)} {plan.year} … ok {time.perf_counter() - start:.2f} s → {inline(args.output)}",
        file=sys.stderr,
    )
    return OK


COMMANDS: dict[str, Callable[[Portfolio, argparse.Namespace], int]] = {"export-pptx": cmd_export_pptx}
