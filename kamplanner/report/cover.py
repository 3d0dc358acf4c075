"""The cover: account, plan year, version, phase, account manager, date and the logo."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..domain.template import TIERS
from ..domain.validation import completeness_percent, section_completeness
from .context import Context
from .drawing import draw_string
from .markup import escape, one_line
from .para import Para
from .signoff import SignOff, fingerprint_markup

BAND = 10.0  # points: the coloured strip across the top of the cover


@cache
def _image(path: Path, _stamp: int) -> ImageReader:
    return ImageReader(str(path))


def logo(path: Path) -> ImageReader:
    return _image(path, path.stat().st_mtime_ns)


def draw_background(ctx: Context, canvas: Canvas, note: str | None = None) -> None:
    """What the cover has behind its text: the top strip, the logo, the confidentiality note
    (by default the plan's)."""
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
    if note is None:
        cover = ctx.texts.cover
        said = (
            cover.customer_note()
            if ctx.for_customer
            else cover.approved_note()
            if ctx.approved
            else cover.confidential()
        )
        note = ctx.texts.plain(said)
    draw_string(canvas, page_w - right, page_h - BAND - 30, note, ctx.fonts.regular, style.size("small"), "end")
    canvas.restoreState()


def cover_frame(ctx: Context) -> tuple[float, float, float, float]:
    """The cover's frame (x, y, width, height): the whole width, from under the logo to the footer,
    so the title band can run from edge to edge."""
    style = ctx.style
    page_w, page_h = style.page_size
    bottom = style.margins.bottom
    return 0, bottom, page_w, page_h * 0.75 - bottom


def cover_status(ctx: Context, submitted: dt.date | None, signoff: SignOff | None) -> str:
    """Where the version stands, in one line: approved (by whom, when, the score), sent for
    review, or a draft and how complete it is; the customer's copy says whose it is."""
    cover, texts, plan = ctx.texts.cover, ctx.texts, ctx.plan
    if ctx.for_customer:
        return str(cover.customer_status(escape(one_line(plan.account.name))))
    if signoff is not None:
        day = texts.date(signoff.date) if signoff.date else ""
        return str(
            cover.approved_status(
                escape(one_line(signoff.reviewer)), escape(one_line(signoff.role)), day, signoff.score
            )
        )
    if submitted is not None:
        return str(cover.submitted(texts.date(submitted), *plan.version_label.astuple()))
    return str(cover.draft_status(completeness_percent(section_completeness(plan)), plan.version_label.draft))


def cover_flowables(
    ctx: Context,
    version_date: dt.date,
    fingerprint: str,
    submitted: dt.date | None = None,
    signoff: SignOff | None = None,
) -> list[Flowable]:
    """The cover; ``submitted``: the day the version went out for review (a review copy says so);
    ``signoff``: the approval of this version."""
    plan, texts = ctx.plan, ctx.texts
    cover = texts.cover
    account = plan.account
    tier = next((c.label(ctx.lang) for c in TIERS if c.key == account.tier.value), "")
    named = plan.version_label
    facts = [
        (cover.status_label(), cover_status(ctx, submitted, signoff)),
        (cover.version_label(), cover.version_value(*named.astuple())),
    ]
    if signoff is None and not ctx.for_customer:  # once approved, the phase it was approved in says nothing
        facts.append((cover.phase_label(), cover.phase_value(int(plan.phase), plan.phase.label(ctx.lang))))
    facts += [
        (cover.manager_label(), escape(one_line(account.manager) or "—")),
        (cover.saved_label() if named.draft else cover.date_label(), texts.date(version_date)),
    ]
    if not ctx.for_customer:
        facts.append((cover.fingerprint_label(), fingerprint_markup(ctx, fingerprint)))
    meta = cover.account_line(one_line(account.industry), one_line(account.region), tier)
    band = title_band(
        ctx,
        cover.kicker(),
        cover.title(_short(one_line(ctx.plan.account.name)) or "—"),
        cover.subtitle(ctx.plan.year),
        meta,
    )
    return [Spacer(1, 40), band, Spacer(1, 34), facts_table(ctx, facts)]


def facts_table(ctx: Context, facts: list[tuple[str, str]]) -> Table:
    """Label and value (both markup) on ruled lines, across the body's width."""
    styles = ctx.styles
    rows = [[Para(str(k), styles["label"]), Para(str(v), styles["value"])] for k, v in facts]
    width = ctx.width
    table = Table(rows, colWidths=[width * 0.26, width * 0.74], hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, ctx.style.colour("rule")),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def title_band(ctx: Context, kicker: str, title: str, subtitle: str, meta: str = "") -> Table:
    """The title block (markup lines): kicker, title, subtitle and a meta line on the brand
    colour, from edge to edge."""
    style, styles = ctx.style, ctx.styles
    on_band = style.colour("cover_band_text")

    def onto(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(f"{name}_band", parent=styles[name], **{"textColor": on_band, **kw})

    rows = [
        [Para(kicker, styles["cover_kicker"])],
        [Para(title, onto("cover_title"))],
        [Para(subtitle, onto("cover_subtitle"))],
    ]
    if str(meta).strip():
        rows.append([Para(meta, onto("cover_meta", textColor=style.colour("rule")))])
    band = Table(rows, colWidths=[style.page_size[0]])
    band.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), ctx.fonts.regular),
                ("BACKGROUND", (0, 0), (-1, -1), style.colour("primary")),
                ("LEFTPADDING", (0, 0), (-1, -1), style.margins.left),
                ("RIGHTPADDING", (0, 0), (-1, -1), style.margins.right),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, 0), 30),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 30),
                ("LINEBELOW", (0, -1), (-1, -1), 4, style.colour("accent")),
            ]
        )
    )
    return band


def _short(name: str, most: int = 120) -> str:
    # The cover has room for a name, not for an essay; the full name is in the sign-off
    # statement and the PDF metadata.
    return name if len(name) <= most else name[: most - 1] + "…"
