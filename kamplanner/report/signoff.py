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


SIGNATURE_ROW = 56.0  # points: the last row of the block, where the reviewer signs
SIGNATURE_LABEL = 0.22  # of the width: the labels' column


class SignOffTable(Table):
    """The sign-off block: the document notes where it landed, for a review copy's signature field."""


def signoff_flowables(ctx: Context, fingerprint: str, signoff: SignOff | None) -> list[Flowable]:
    texts, styles, plan = ctx.texts, ctx.styles, ctx.plan
    block = texts.signoff
    statement = block.statement(one_line(plan.account.name), plan.year, *plan.version_label.astuple())
    filled = signoff is not None

    def value(text: str) -> Para | str:
        return Para(escape(text), styles["value"]) if text else ""

    rows: list[list[object]] = [
        [Para(block.reviewer(), styles["label"]), value(signoff.reviewer if filled else "")],
        [Para(block.role(), styles["label"]), value(signoff.role if filled else "")],
        [
            Para(block.date(), styles["label"]),
            Para(texts.date(signoff.date), styles["value"]) if filled and signoff.date else "",
        ],
        [
            Para(block.decision(), styles["label"]),
            value(signoff.decision) if filled else Para(block.decision_choices(), styles["value"]),
        ],
        [Para(block.signature(), styles["label"]), ""],
    ]
    heights = [30, 30, 30, 30, SIGNATURE_ROW]
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
                ("LINEBELOW", (1, 0), (1, -1), 0.6, ctx.style.colour("text")),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        Para(statement, styles["body"]),
        Para(block.fingerprint(fingerprint), styles["body"]),
        Spacer(1, 10),
        table,
        Spacer(1, 18),
        Para(block.note(), styles["note"]),
    ]
