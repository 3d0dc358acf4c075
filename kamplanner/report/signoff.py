"""The sign-off block: who reviewed which version, their decision and a line to sign on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from .context import Context
from .markup import escape, one_line
from .para import Para


@dataclass(frozen=True)
class SignOff:
    """A decision already taken; without one the block has blank lines to fill in by hand."""

    reviewer: str
    role: str = ""
    date: dt.date | None = None
    decision: str = ""
    score: int | None = None  # the reviewer's overall score, 1 to 5, when the review gave one


SIGNATURE_ROW = 56.0  # points: the last row of the block, where the reviewer signs
SIGNATURE_LABEL = 0.22  # of the width: the labels' column


class SignOffTable(Table):
    """The sign-off block: the document notes where it landed, for a review copy's signature field."""


def fingerprint_markup(ctx: Context, fingerprint: str) -> str:
    """A 64-character fingerprint in groups of eight, so a reader can compare it by eye."""
    groups = " ".join(fingerprint[i : i + 8] for i in range(0, len(fingerprint), 8))
    return f'<font size="{ctx.style.size("small")}">{groups}</font>'


def _choices(ctx: Context) -> Table:
    """The three decisions to tick, each box with its own label and room between them."""
    labels = str(ctx.texts.signoff.choices()).split("|")
    cells = [Para(f"□ {label}", ctx.styles["value"]) for label in labels]
    width = ctx.width * (1 - SIGNATURE_LABEL)
    table = Table([cells], colWidths=[width * 0.27, width * 0.40, width * 0.33], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),  # else ReportLab's default Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def signoff_flowables(
    ctx: Context, fingerprint: str, signoff: SignOff | None, prepared: dt.date | None = None
) -> list[Flowable]:
    """The statement, who prepared the version, and the reviewer's lines: blank to fill in by
    hand, or the approval already given (``signoff``)."""
    texts, styles, plan = ctx.texts, ctx.styles, ctx.plan
    block = texts.signoff
    statement = block.statement(one_line(plan.account.name), plan.year, *plan.version_label.astuple())
    filled = signoff is not None

    def value(text: str) -> Para | str:
        return Para(escape(text), styles["value"]) if text else ""

    decision: object = _choices(ctx)
    if signoff is not None:
        said = escape(signoff.decision)
        if signoff.score:
            said += f" · {block.score(signoff.score)}"
        decision = Para(said, styles["value"])
    manager = escape(one_line(plan.account.manager) or "—")
    rows: list[list[object]] = [
        [
            Para(block.prepared_by(), styles["label"]),
            Para(block.prepared_value(manager, texts.date(prepared) if prepared else ""), styles["value"]),
        ],
        [Para(block.reviewer(), styles["label"]), value(signoff.reviewer if filled else "")],
        [Para(block.role(), styles["label"]), value(signoff.role if filled else "")],
        [
            Para(block.date(), styles["label"]),
            Para(texts.date(signoff.date), styles["value"]) if filled and signoff.date else "",
        ],
        [Para(block.decision(), styles["label"]), decision],
        [Para(block.signature(), styles["label"]), ""],
    ]
    heights = [30, 30, 30, 30, 30, SIGNATURE_ROW]
    table = SignOffTable(
        rows,
        colWidths=[ctx.width * SIGNATURE_LABEL, ctx.width * (1 - SIGNATURE_LABEL)],
        rowHeights=heights,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 1), (1, -1), 0.6, ctx.style.colour("text")),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Para(statement, styles["body"]),
        Para(fingerprint_markup(ctx, fingerprint), styles["body"]),
        Spacer(1, 10),
        table,
        Spacer(1, 18),
        Para(block.note(), styles["note"]),
    ]
