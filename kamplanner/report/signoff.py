"""The sign-off block: who reviewed which version, their decision and a line to sign on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from .context import Context
from .markup import escape, one_line


@dataclass(frozen=True)
class SignOff:
    """A decision already taken; without one the block has blank lines to fill in by hand."""

    reviewer: str
    role: str = ""
    date: dt.date | None = None
    decision: str = ""


def signoff_flowables(ctx: Context, fingerprint: str, signoff: SignOff | None) -> list[Flowable]:
    texts, styles, plan = ctx.texts, ctx.styles, ctx.plan
    block = texts.signoff
    statement = block.statement(one_line(plan.account.name), plan.year, plan.version)
    filled = signoff is not None

    def value(text: str) -> Paragraph | str:
        return Paragraph(escape(text), styles["value"]) if text else ""

    rows: list[list[object]] = [
        [Paragraph(block.reviewer(), styles["label"]), value(signoff.reviewer if filled else "")],
        [Paragraph(block.role(), styles["label"]), value(signoff.role if filled else "")],
        [Paragraph(block.date(), styles["label"]),
         Paragraph(texts.date(signoff.date), styles["value"]) if filled and signoff.date else ""],
        [Paragraph(block.decision(), styles["label"]),
         value(signoff.decision) if filled else Paragraph(block.decision_choices(), styles["value"])],
        [Paragraph(block.signature(), styles["label"]), ""],
    ]
    heights = [30, 30, 30, 30, 56]
    table = Table(rows, colWidths=[ctx.width * 0.22, ctx.width * 0.78], rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, ctx.style.colour("text")),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [
        Paragraph(statement, styles["body"]),
        Paragraph(block.fingerprint(fingerprint), styles["body"]),
        Spacer(1, 10),
        table,
        Spacer(1, 18),
        Paragraph(block.note(), styles["note"]),
    ]
