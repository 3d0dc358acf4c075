"""The cover: account, plan year, version, phase, account manager, date and the logo."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..domain.template import TIERS
from .context import Context
from .markup import escape, one_line
from .para import Para

BAND = 16.0  # points: the coloured band across the top of the cover


@cache
def _image(path: Path, _stamp: int) -> ImageReader:
    return ImageReader(str(path))


def logo(path: Path) -> ImageReader:
    return _image(path, path.stat().st_mtime_ns)


def draw_background(ctx: Context, canvas: Canvas) -> None:
    """What the cover has behind its text: the band, the logo, the confidentiality note."""
    style = ctx.style
    page_w, page_h = style.page_size
    right, left = style.margins.right, style.margins.left
    canvas.saveState()
    canvas.setFillColor(style.colour("primary"))
    canvas.rect(0, page_h - BAND, page_w, BAND, stroke=0, fill=1)
    canvas.setFillColor(style.colour("accent"))
    canvas.rect(0, page_h - BAND - 2.5, page_w, 2.5, stroke=0, fill=1)
    if style.logo is not None:
        image = logo(style.logo)
        w, h = image.getSize()
        height = style.logo_width * h / w
        canvas.drawImage(image, left, page_h - BAND - 14 - height - 10, style.logo_width, height, mask="auto")
    canvas.setFont(ctx.fonts.regular, style.size("small"))
    canvas.setFillColor(style.colour("muted"))
    canvas.drawRightString(page_w - right, page_h - BAND - 30, ctx.texts.plain(ctx.texts.cover.confidential()))
    # A thin rule down the left edge of the title block, the one ornament.
    canvas.setFillColor(style.colour("accent"))
    canvas.rect(left - 9 * 1.0, page_h * 0.36, 3, page_h * 0.3, stroke=0, fill=1)
    canvas.restoreState()


def cover_frame(ctx: Context) -> tuple[float, float, float, float]:
    """The cover's text frame (x, y, width, height): from a third of the way down to the footer."""
    style = ctx.style
    page_w, page_h = style.page_size
    _, right, bottom, left = style.margins
    frame_top = page_h * 0.68
    return left, bottom, page_w - left - right, frame_top - bottom


def cover_flowables(ctx: Context, version_date: dt.date, fingerprint: str) -> list[Flowable]:
    plan, texts, styles = ctx.plan, ctx.texts, ctx.styles
    cover = texts.cover
    account = plan.account
    tier = next((c.label(ctx.lang) for c in TIERS if c.key == account.tier.value), "")
    facts = [
        (cover.version_label(), cover.version_value(plan.version)),
        (cover.phase_label(), cover.phase_value(int(plan.phase), plan.phase.label(ctx.lang))),
        (cover.manager_label(), escape(one_line(account.manager) or "—")),
        (cover.date_label(), texts.date(version_date)),
        (cover.fingerprint_label(), f'<font size="{ctx.style.size("small")}">{fingerprint}</font>'),
    ]
    rows = [[Para(str(k), styles["label"]), Para(str(v), styles["value"])] for k, v in facts]
    table = Table(rows, colWidths=[ctx.width * 0.26, ctx.width * 0.74], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ctx.style.colour("primary")),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, ctx.style.colour("rule")),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    meta = cover.account_line(one_line(account.industry), one_line(account.region), tier)
    return [
        Para(cover.kicker(), styles["cover_kicker"]),
        Spacer(1, 4),
        Para(cover.title(_short(one_line(account.name)) or "—"), styles["cover_title"]),
        Para(cover.subtitle(plan.year), styles["cover_subtitle"]),
        Para(meta, styles["cover_meta"]),
        Spacer(1, 30),
        table,
    ]


def _short(name: str, most: int = 120) -> str:
    # The cover has room for a name, not for an essay; the full name is in the sign-off
    # statement and the PDF metadata.
    return name if len(name) <= most else name[: most - 1] + "…"
